// errtrack scan --source datadog: Datadog's Error Tracking issues in the same table and JSON shapes
// as the local scan. Stats have no files or lines; events and errors are the summed counts.
import { resolve } from 'node:path';
import { datadogWindow, firstPoll, openDatadog, redacted, type DatadogFlags, type DatadogSession } from '../datadog-run';
import { EXIT } from '../args';
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

export async function scanDatadog(flags: DatadogScanFlags, io: CommandIO): Promise<number> {
  const window = datadogWindow(flags.since);
  const workspace = flags.workspace !== undefined ? resolve(flags.workspace) : undefined;
  const mapperPromise = workspace ? workspaceMapper(workspace, flags.prefixMappings) : undefined;
  mapperPromise?.catch(() => undefined); // awaited below; a bad --workspace must not go unhandled meanwhile
  let session: DatadogSession | undefined;
  try {
    // One poll over the asked window (it also fetches a sample stack of the busiest issues, so
    // top frames get their line), then the list from the source's cache: no second search.
    session = openDatadog(flags, io, { poll: false, pollWindow: window, now: () => flags.now });
    // Read only once the keys and flags are known good: a bad run leaves the file alone.
    const known = flags.state ? await KnownIssues.load(flags.state, (m) => io.err(m + '\n')) : undefined;
    await firstPoll(session);
    const summaries = await session.source.listIssues({ window, now: flags.now });
    const mapper = await mapperPromise;
    const issues: ReportedIssue[] = summaries.map((summary) =>
      // As the local scan: without a state file every issue is new to this run.
      reportIssue(summary, summary.count, known ? !known.has(summary.id) : true, mapper, workspace),
    );
    issues.sort((a, b) => b.count - a.count || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0) || (a.id < b.id ? -1 : 1));
    const events = issues.reduce((sum, issue) => sum + issue.count, 0);

    if (flags.format === 'json') {
      const stats = statsOut({ files: 0, lines: 0, records: events, errors: events, joined: 0, blank: 0, malformed: 0, skipped: {}, perFile: [] });
      io.out(JSON.stringify({ issues, stats }) + '\n');
    } else {
      if (issues.length > 0) io.out(issueTable(issues));
      const scope = session.query ? `, query ${session.query}` : '';
      io.out(`${issues.length} issues from ${events} error events in Datadog (${session.where}, last ${window}${scope})\n`);
    }
    if (known && known.add(summaries)) await known.save();

    const newOnes = issues.filter((i) => i.new);
    if (flags.failOnNew && newOnes.length > 0) {
      io.err(`${newOnes.length} new issue${newOnes.length > 1 ? 's' : ''}: ${newOnes.map((i) => i.id).join(', ')}\n`);
      return EXIT.newIssue;
    }
    return EXIT.ok;
  } catch (error) {
    throw redacted(error, session);
  } finally {
    session?.source.dispose();
  }
}
