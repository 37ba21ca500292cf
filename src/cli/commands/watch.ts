// errtrack watch PATH...: read, then follow, printing each new and regressed issue.
import { resolve } from 'node:path';
import type { IssueEvent } from '../../core/model';
import { LocalIssueSource } from '../../sources/local/local-source';
import { errorEventsFlag, oneOf, parse, parsePairs, UsageError } from '../args';
import { DATADOG_FLAG_NAMES, DATADOG_OPTIONS, refuseFlags } from '../datadog-run';
import type { CommandIO } from './io';
import { watchDatadog } from './watch-datadog';

export async function watchCommand(argv: string[], io: CommandIO, stop: Promise<void>): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    state: { type: 'string' },
    workspace: { type: 'string' },
    map: { type: 'string', multiple: true },
    field: { type: 'string', multiple: true },
    'error-events': { type: 'string' },
    'poll-ms': { type: 'string' },
    'poll-minutes': { type: 'string' },
    service: { type: 'string' },
    ...DATADOG_OPTIONS,
  });
  if (values.help) return io.help('watch');
  const source = oneOf(values.source, ['local', 'datadog'] as const, '--source', 'local');
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const print = (e: IssueEvent) => io.out(format === 'json' ? JSON.stringify(eventOut(e)) + '\n' : eventLine(e));
  if (source === 'datadog') {
    if (positionals.length > 0) throw new UsageError('watch --source datadog takes no PATH (the issues come from Datadog)');
    refuseFlags(values, ['field', 'poll-ms'], 'datadog');
    return watchDatadog(
      { ...values, print, pollMinutes: values['poll-minutes'], prefixMappings: parsePairs(values.map, '--map') },
      io,
      stop,
    );
  }
  refuseFlags(values, [...DATADOG_FLAG_NAMES, 'poll-minutes', 'service'], 'local');
  if (positionals.length === 0) throw new UsageError('watch needs at least one PATH');
  const pollMs = values['poll-ms'] !== undefined ? Number(values['poll-ms']) : undefined;
  if (pollMs !== undefined && !(pollMs >= 10)) throw new UsageError('--poll-ms takes a number of milliseconds ≥ 10');

  const local = new LocalIssueSource({
    workspaceFolders: values.workspace ? [resolve(values.workspace)] : [],
    logFiles: positionals.map((p) => resolve(p)),
    prefixMappings: parsePairs(values.map, '--map'),
    fieldMapping: parsePairs(values.field, '--field'),
    errorEvents: errorEventsFlag(values['error-events']),
    statePath: values.state,
    follow: true,
    pollMs,
    log: (level, message) => level !== 'info' && io.err(`${level}: ${message}\n`),
  });
  local.onIssueEvent(print);
  const stats = await local.start();
  io.err(`watching ${stats.files} files (${stats.errors} error events so far); Ctrl-C to stop\n`);
  if (stats.files === 0 && stats.perFile.length > 0) {
    local.dispose();
    for (const f of stats.perFile) io.err(`${f.file}: ${f.lastProblem}\n`);
    return 1;
  }
  await stop;
  local.dispose();
  await local.flush();
  return 0;
}

function eventOut(e: IssueEvent) {
  const i = e.issue;
  return {
    kind: e.kind,
    id: i.id,
    service: i.service,
    errorKind: i.errorKind,
    message: i.message,
    at: new Date(i.lastSeen).toISOString(),
    version: i.lastSeenVersion ?? null,
    topFrame: i.topFrame ? { file: i.topFrame.file, line: i.topFrame.line ?? null, function: i.topFrame.function, workspacePath: i.topFrame.location?.path ?? null } : null,
  };
}

function eventLine(e: IssueEvent): string {
  const i = e.issue;
  const where = i.topFrame ? ` at ${i.topFrame.location?.path ?? i.topFrame.file}:${i.topFrame.location?.line ?? i.topFrame.line ?? '?'}` : '';
  const tag = e.kind === 'issue.new' ? 'NEW      ' : 'REGRESSED';
  return `${new Date(i.lastSeen).toISOString()} ${tag} ${i.service} ${i.errorKind || '-'}: ${i.message.replace(/\s+/g, ' ')}${where} [${i.id}]\n`;
}
