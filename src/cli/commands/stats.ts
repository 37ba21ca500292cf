// errtrack stats PATH...: what was read per file and what went wrong.
import { errorEventsFlag, EXIT, oneOf, parse, parsePairs, UsageError } from '../args';
import { createProgress } from '../progress';
import { runScan } from '../scan-run';
import { describeSkipped } from '../../sources/local/ingest-stats';
import type { CommandIO } from './io';

export async function statsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, field: { type: 'string', multiple: true }, 'error-events': { type: 'string' } });
  if (values.help) return io.help('stats');
  if (positionals.length === 0) throw new UsageError('stats needs at least one PATH');
  const format = oneOf(values.format, ['table', 'json'] as const, '--format', 'table');
  const run = await runScan({
    paths: positionals,
    now: Date.now(),
    fieldMapping: parsePairs(values.field, '--field'),
    errorEvents: errorEventsFlag(values['error-events']),
    progress: createProgress(io.stderrStream),
    log: (m) => io.err(m + '\n'),
  });
  const files = [
    ...run.fileStats.map((f) => ({ file: f.file, formats: f.formats, lines: f.lines, records: f.records, joined: f.joined, blank: f.blank, errors: f.errors, malformed: f.malformed, skipped: f.skipped, lastProblem: f.lastProblem ?? null })),
    ...run.unreadable.map((u) => ({ file: u.file, formats: {}, lines: 0, records: 0, joined: 0, blank: 0, errors: 0, malformed: 0, skipped: {}, lastProblem: u.problem })),
  ];
  const s = run.stats;
  const totals = { files: s.files, lines: s.lines, records: s.records, joined: s.joined, blank: s.blank, errors: s.errors, malformed: s.malformed, skipped: s.skipped, issues: run.store.size, unreadable: run.unreadable.length };
  if (format === 'json') {
    io.out(JSON.stringify({ files, totals }) + '\n');
  } else {
    const header = ['LINES', 'RECORDS', 'JOINED', 'ERRORS', 'SKIPPED', 'FORMATS', 'FILE', 'LAST PROBLEM'];
    const rows = files.map((f) => [String(f.lines), String(f.records), String(f.joined), String(f.errors), String(f.malformed), formatList(f.formats) || (f.lines ? '-' : 'unreadable'), f.file, f.lastProblem ?? '']);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c < 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
    io.out([line(header), ...rows.map(line)].join('\n') + '\n');
    const skipped = describeSkipped(totals.skipped);
    io.out(
      `total: ${totals.files} files, ${totals.lines} lines: ${totals.records} records, ${totals.joined} lines joined into them, ${totals.blank} blank, ${totals.malformed} skipped${skipped ? ` (${skipped})` : ''}; ` +
        `${totals.errors} error events in ${totals.issues} issues${totals.unreadable ? `, ${totals.unreadable} unreadable` : ''}\n`,
    );
  }
  return run.unreadable.length > 0 ? EXIT.input : EXIT.ok;
}

/** "json/pino 120, crash/python 2" */
function formatList(formats: Record<string, number>): string {
  return Object.entries(formats)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}
