// errtrack scan --source datadog: every Datadog Error Tracking issue of the exact --since range
// (all of them, past the 100-per-search cap, or a plain word on what may be missing), in the same
// table and JSON shapes as the local scan, with Datadog's state names, assignees and links.
// New means first seen after the last run the state file recorded (else inside the range), found
// with a search ordered by FIRST_SEEN, so a new issue with few events is never missed.
import { resolve } from 'node:path';
import type { IssueSummary } from '../../core/model';
import { datadogRange, openDatadog, redacted, type DatadogFlags, type DatadogSession } from '../datadog-run';
import { EXIT, InputError } from '../args';
import { issueTable, reportIssue, statsOut, type ReportedIssue } from '../issue-report';
import { KnownIssues } from '../known-issues';
import { workspaceMapper } from '../scan-run';
import type { CommandIO } from './io';

export interface DatadogScanFlags extends DatadogFlags {
  format: 'table' | 'json';
  since?: string;
  now: number;
  workspace?: string;
  prefixMappings: Record<string, string>;
  state?: string;
  failOnNew: boolean;
}

/** Datadog indexes with a delay: an issue first seen shortly before the last run may appear only after it. */
const INGESTION_SLACK_MS = 15 * 60_000;

export async function scanDatadog(flags: DatadogScanFlags, io: CommandIO): Promise<number> {
  const range = datadogRange(flags.since, flags.now);
  const workspace = flags.workspace !== undefined ? resolve(flags.workspace) : undefined;
  const mapperPromise = workspace ? workspaceMapper(workspace, flags.prefixMappings) : undefined;
  mapperPromise?.catch(() => undefined); // awaited below; a bad --workspace must not go unhandled meanwhile
  let session: DatadogSession | undefined;
  try {
    session = openDatadog(flags, io, { poll: false, now: () => flags.now });
    const { source } = session;
    // Read only once the keys and flags are known good: a bad run leaves the file alone.
    const known = flags.state ? await KnownIssues.load(flags.state, (m) => io.err(m + '\n')) : undefined;
    const lastRun = known?.lastRunAt;
    const since = lastRun ?? range.from;
    const { listed, recent } = await session.limited(async () => {
      const listedNow = await source.searchRange(range.from, range.to, undefined, range.label);
      // Only a run that decides what is new needs the FIRST_SEEN search.
      const recentNow = known || flags.failOnNew ? await source.firstSeenSince(lastRun !== undefined ? lastRun - INGESTION_SLACK_MS : since, range.to) : undefined;
      return { listed: listedNow, recent: recentNow };
    }).catch((error: unknown) => {
      const message = session!.redact((error as Error)?.message ?? String(error));
      throw new InputError(`Datadog (${session!.where}): ${message.charAt(0).toUpperCase()}${message.slice(1)}`);
    });
    const isNew = (issue: IssueSummary) => issue.firstSeen > since - (lastRun !== undefined ? INGESTION_SLACK_MS : 0) && !known?.has(issue.id);
    const newOnes = recent ? recent.issues.filter(isNew) : listed.issues.filter(isNew);
    const newIds = new Set(newOnes.map((issue) => issue.id));

    const mapper = await mapperPromise;
    const issues: ReportedIssue[] = listed.issues.map((summary) => ({
      ...reportIssue(summary, summary.count, newIds.has(summary.id), mapper, workspace),
      assignee: summary.assignee ? summary.assignee.name ?? summary.assignee.id : null,
      url: source.issueUrl(summary.id),
    }));
    issues.sort((a, b) => b.count - a.count || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0) || (a.id < b.id ? -1 : 1));
    const events = issues.reduce((sum, issue) => sum + issue.count, 0);
    const shortfall = listed.shortfall ?? recent?.shortfall;

    if (flags.format === 'json') {
      const stats = statsOut({ files: 0, lines: 0, records: events, errors: events, joined: 0, blank: 0, malformed: 0, skipped: {}, perFile: [] });
      const datadog = {
        from: new Date(range.from).toISOString(),
        to: new Date(range.to).toISOString(),
        complete: shortfall === undefined,
        ...(shortfall ? { shortfall } : {}),
        searches: listed.searches + (recent?.searches ?? 0),
        newSince: new Date(since).toISOString(),
      };
      io.out(JSON.stringify({ issues, stats, datadog }) + '\n');
    } else {
      if (issues.length > 0) io.out(issueTable(issues));
      const scope = session.query ? `, query ${session.query}` : '';
      io.out(`${issues.length} issues from ${events} error events in Datadog (${session.where}, ${range.label}${scope})\n`);
      if (shortfall) io.out(`Not complete: ${shortfall}\n`);
      if (issues.length > 0) io.out(`Open one in Datadog: ${source.issueUrl('ID').replace('ID', '<ID>')}\n`);
    }
    if (known) {
      known.add([...listed.issues, ...newOnes]);
      known.lastRunAt = range.to;
      await known.save();
    }

    if (flags.failOnNew && newOnes.length > 0) {
      io.err(`${newOnes.length} new issue${newOnes.length > 1 ? 's' : ''}: ${newOnes.map((i) => i.id).join(', ')}\n`);
      for (const issue of newOnes) io.err(`  ${issue.errorKind}: ${issue.message.slice(0, 80)} (${issue.service}) ${source.issueUrl(issue.id)}\n`);
      return EXIT.newIssue;
    }
    return EXIT.ok;
  } catch (error) {
    throw redacted(error, session);
  } finally {
    session?.source.dispose();
  }
}
