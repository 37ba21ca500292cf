// Counts across files, as the status bar, output channel and `errtrack stats` report them.
// Every line read is one of: a record's first line, joined into a record, blank, or skipped.
import type { FileStats } from './file-events';

/** One file's counts as the views get them (FileStats less what only the totals need). */
export type FileProblem = Omit<FileStats, 'blank'>;

export interface IngestTotals {
  files: number;
  lines: number;
  records: number;
  errors: number;
  joined: number;
  blank: number;
  malformed: number;
  skipped: Record<string, number>;
}

export type IngestStats = IngestTotals & { perFile: FileProblem[] };

/** Files that could not be read are listed in perFile with their problem. */
export function sumStats(perFile: FileStats[], unreadable: { file: string; problem: string }[]): IngestStats {
  const stats: IngestStats = { files: perFile.length, lines: 0, records: 0, errors: 0, joined: 0, blank: 0, malformed: 0, skipped: {}, perFile: [] };
  for (const f of perFile) {
    stats.lines += f.lines;
    stats.records += f.records;
    stats.errors += f.errors;
    stats.joined += f.joined;
    stats.blank += f.blank;
    stats.malformed += f.malformed;
    for (const [reason, n] of Object.entries(f.skipped)) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
    stats.perFile.push({
      file: f.file,
      lines: f.lines,
      records: f.records,
      errors: f.errors,
      joined: f.joined,
      malformed: f.malformed,
      skipped: { ...f.skipped },
      formats: { ...f.formats },
      ...(f.lastProblem ? { lastProblem: f.lastProblem } : {}),
    });
  }
  for (const u of unreadable) stats.perFile.push({ file: u.file, lines: 0, records: 0, errors: 0, joined: 0, malformed: 0, skipped: {}, formats: {}, lastProblem: u.problem });
  return stats;
}

/** "3 invalid JSON, 1 binary data" */
export function describeSkipped(skipped: Record<string, number>): string {
  return Object.entries(skipped)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
}
