// Counts across files, as the status bar, output channel and `errtrack stats` report them:
// lines read, log records (events) among them, error events, and malformed lines.
import type { FileStats } from './file-events';

export interface IngestStats {
  files: number;
  lines: number;
  events: number;
  errors: number;
  malformed: number;
  perFile: { file: string; lines: number; errors: number; malformed: number; lastProblem?: string }[];
}

/** Files that could not be read are listed in perFile with their problem. */
export function sumStats(perFile: FileStats[], unreadable: { file: string; problem: string }[]): IngestStats {
  const stats: IngestStats = { files: perFile.length, lines: 0, events: 0, errors: 0, malformed: 0, perFile: [] };
  for (const f of perFile) {
    stats.lines += f.lines;
    stats.events += f.events;
    stats.errors += f.errors;
    stats.malformed += f.malformed;
    stats.perFile.push({ file: f.file, lines: f.lines, errors: f.errors, malformed: f.malformed, ...(f.lastProblem ? { lastProblem: f.lastProblem } : {}) });
  }
  for (const u of unreadable) stats.perFile.push({ file: u.file, lines: 0, errors: 0, malformed: 0, lastProblem: u.problem });
  return stats;
}
