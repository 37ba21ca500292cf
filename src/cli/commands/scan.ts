// errtrack scan PATH...: issues sorted by count, as a table or one JSON object.
import { resolve } from 'node:path';
import { errorEventsFlag, EXIT, oneOf, parse, parseDuration, parsePairs, parseTime, UsageError } from '../args';
import { DATADOG_FLAG_NAMES, DATADOG_OPTIONS, refuseFlags } from '../datadog-run';
import { issueTable, reportIssue, statsOut, type ReportedIssue } from '../issue-report';
import { createProgress } from '../progress';
import { runScan, workspaceMapper } from '../scan-run';
import type { CommandIO } from './io';
import { describeSkipped } from '../../sources/local/ingest-stats';
import { scanDatadog } from './scan-datadog';

export async function scanCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    since: { type: 'string' },
    now: { type: 'string' },
    service: { type: 'string' },
    workspace: { type: 'string' },
    map: { type: 'string', multiple: true },
    state: { type: 'string' },
    'fail-on-new': { type: 'boolean' },
    field: { type: 'string', multiple: true },
    'error-events': { type: 'string' },
    ...DATADOG_OPTIONS,
  });
  if (values.help) return io.help('scan');
  const source = oneOf(values.source, ['local', 'datadog'] as const, '--source', 'local');
  const format = oneOf(values.format, ['table', 'json'] as const, '--format', 'table');
  const now = values.now !== undefined ? parseTime(values.now, '--now') : Date.now();
  if (source === 'datadog') {
    if (positionals.length > 0) throw new UsageError('scan --source datadog takes no PATH (the issues come from Datadog)');
    refuseFlags(values, ['field'], 'datadog');
    return scanDatadog(
      { ...values, format, now, prefixMappings: parsePairs(values.map, '--map'), failOnNew: values['fail-on-new'] === true },
      io,
    );
  }
  refuseFlags(values, DATADOG_FLAG_NAMES, 'local');
  if (positionals.length === 0) throw new UsageError('scan needs at least one PATH (a file, a directory or a glob)');
  const since = values.since !== undefined ? parseDuration(values.since, '--since') : undefined;
  const prefixMappings = parsePairs(values.map, '--map');
  const fieldMapping = parsePairs(values.field, '--field');
  const workspace = values.workspace !== undefined ? resolve(values.workspace) : undefined;
  const mapperPromise = workspace ? workspaceMapper(workspace, prefixMappings) : undefined;

  const run = await runScan({
    paths: positionals,
    since,
    now,
    service: values.service,
    statePath: values.state,
    fieldMapping,
    errorEvents: errorEventsFlag(values['error-events']),
    progress: createProgress(io.stderrStream),
    log: (m) => io.err(m + '\n'),
  });
  const mapper = await mapperPromise;
  const issues: ReportedIssue[] = [];
  for (const [id, count] of run.counts) {
    const summary = run.store.get(id, { window: '30d', now });
    if (summary) issues.push(reportIssue(summary, count, run.newIds.has(id), mapper, workspace));
  }
  issues.sort((a, b) => b.count - a.count || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0) || (a.id < b.id ? -1 : 1));

  if (format === 'json') {
    io.out(JSON.stringify({ issues, stats: statsOut(run.stats) }) + '\n');
  } else {
    if (issues.length > 0) io.out(issueTable(issues));
    const s = run.stats;
    io.out(`${issues.length} issues from ${s.errors} error events in ${s.records} records (${s.lines} lines) of ${s.files} files${s.malformed ? `, ${s.malformed} lines skipped` : ''}\n`);
  }
  for (const f of run.stats.perFile) {
    if (f.lastProblem) io.err(`${f.file}: ${f.malformed ? `${f.malformed} lines skipped (${describeSkipped(f.skipped)}), last at ` : ''}${f.lastProblem}\n`);
  }

  if (run.unreadable.length > 0) return EXIT.input;
  const newOnes = issues.filter((i) => i.new);
  if (values['fail-on-new'] && newOnes.length > 0) {
    io.err(`${newOnes.length} new issue${newOnes.length > 1 ? 's' : ''}: ${newOnes.map((i) => i.id).join(', ')}\n`);
    return EXIT.newIssue;
  }
  return EXIT.ok;
}
