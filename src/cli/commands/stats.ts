// errtrack stats PATH...: what was read per file and what went wrong.
import { EXIT, oneOf, parse, parsePairs, UsageError } from '../args';
import { createProgress } from '../progress';
import { runScan } from '../scan-run';
import type { CommandIO } from './io';

export async function statsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, field: { type: 'string', multiple: true } });
  if (values.help) return io.help('stats');
  if (positionals.length === 0) throw new UsageError('stats needs at least one PATH');
  const format = oneOf(values.format, ['table', 'json'] as const, '--format', 'table');
  const run = await runScan({
    paths: positionals,
    now: Date.now(),
    fieldMapping: parsePairs(values.field, '--field'),
    progress: createProgress(io.stderrStream),
    log: (m) => io.err(m + '\n'),
  });
  const files = [
    ...run.fileStats.map((f) => ({ file: f.file, format: f.format ?? 'empty', preset: f.preset ?? null, lines: f.lines, events: f.events, errors: f.errors, malformed: f.malformed, lastProblem: f.lastProblem ?? null })),
    ...run.unreadable.map((u) => ({ file: u.file, format: 'unreadable', preset: null, lines: 0, events: 0, errors: 0, malformed: 0, lastProblem: u.problem })),
  ];
  const s = run.stats;
  const totals = { files: s.files, lines: s.lines, events: s.events, errors: s.errors, malformed: s.malformed, issues: run.store.size, unreadable: run.unreadable.length };
  if (format === 'json') {
    io.out(JSON.stringify({ files, totals }) + '\n');
  } else {
    const header = ['LINES', 'RECORDS', 'ERRORS', 'MALFORMED', 'FORMAT', 'FILE', 'LAST PROBLEM'];
    const rows = files.map((f) => [String(f.lines), String(f.events), String(f.errors), String(f.malformed), f.preset ? `${f.format}/${f.preset}` : f.format, f.file, f.lastProblem ?? '']);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c < 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
    io.out([line(header), ...rows.map(line)].join('\n') + '\n');
    io.out(`total: ${totals.files} files, ${totals.lines} lines, ${totals.events} records, ${totals.errors} error events in ${totals.issues} issues, ${totals.malformed} malformed lines${totals.unreadable ? `, ${totals.unreadable} unreadable` : ''}\n`);
  }
  return run.unreadable.length > 0 ? EXIT.input : EXIT.ok;
}
