// errtrack watch --source datadog: polls Datadog and prints each new and regressed issue, in the
// local watch's line or JSON format, until Ctrl-C / SIGTERM. The first poll is the baseline (as in
// the editor): issues already there are not announced. With --state, the issues first seen since
// the last run the file recorded are announced first (found with a FIRST_SEEN search), and the
// file keeps when this watch last looked.
import { resolve } from 'node:path';
import type { IssueEvent } from '../../core/model';
import { UsageError } from '../args';
import { firstPoll, openDatadog, pollWindowFor, redacted, type DatadogFlags, type DatadogSession } from '../datadog-run';
import { KnownIssues } from '../known-issues';
import { workspaceMapper } from '../scan-run';
import type { CommandIO } from './io';

export interface DatadogWatchFlags extends DatadogFlags {
  print: (event: IssueEvent) => void;
  pollMinutes?: string;
  workspace?: string;
  prefixMappings: Record<string, string>;
  state?: string;
}

export async function watchDatadog(flags: DatadogWatchFlags, io: CommandIO, stop: Promise<void>): Promise<number> {
  const minutes = flags.pollMinutes !== undefined ? Number(flags.pollMinutes) : 5;
  if (!(minutes >= 1)) throw new UsageError(`--poll-minutes takes a number of minutes ≥ 1 (got "${flags.pollMinutes}")`);
  const mapper = flags.workspace !== undefined ? await workspaceMapper(resolve(flags.workspace), flags.prefixMappings) : undefined;
  let session: DatadogSession | undefined;
  try {
    const pollWindow = pollWindowFor(minutes * 60_000);
    session = openDatadog(flags, io, { poll: true, pollIntervalMs: minutes * 60_000, pollWindow, mapper });
    const known = flags.state ? await KnownIssues.load(flags.state, (m) => io.err(m + '\n')) : undefined;
    const { source } = session;
    const save = (at: number) => {
      if (!known) return;
      known.lastRunAt = at;
      void known.save().catch((e: Error) => io.err(`warning: could not save ${flags.state}: ${e.message}\n`));
    };
    source.onIssueEvent((event) => {
      // With --state, an issue the file already knows is never announced as new again.
      if (known && event.kind === 'issue.new' && known.has(event.issue.id)) return;
      flags.print(event);
      if (known) {
        known.add([event.issue]);
        save(Date.now());
      }
    });
    const startedAt = Date.now();
    await firstPoll(session);
    if (known) {
      // The baseline announces nothing; with --state, what was first seen since the last run is new
      // (or, on a first run, what was first seen inside the watched window).
      const since = known.lastRunAt ?? startedAt - pollWindowMs(pollWindow);
      const recent = await session.limited(() => source.firstSeenSince(since, startedAt));
      const fresh = recent.issues.filter((issue) => !known.has(issue.id) && issue.state !== 'IGNORED' && issue.state !== 'EXCLUDED');
      for (const issue of fresh) flags.print({ kind: 'issue.new', issue });
      known.add(fresh);
      known.lastRunAt = startedAt;
      await known.save();
    }
    const scope = session.query ? ` (query ${session.query})` : '';
    io.err(`watching Datadog issues at ${session.where}${scope}, polling every ${minutes} min; Ctrl-C to stop\n`);
    await stop;
    if (known) {
      known.lastRunAt = Date.now();
      await known.save().catch((e: Error) => io.err(`warning: could not save ${flags.state}: ${e.message}\n`));
    }
    return 0;
  } catch (error) {
    throw redacted(error, session);
  } finally {
    session?.source.dispose();
  }
}

function pollWindowMs(window: string): number {
  return { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 }[window] ?? 86_400_000;
}
