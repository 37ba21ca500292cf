// The machine's own yardstick for CPU-bound figures that have no natural competitor (stack parsing,
// grouping): JSON.parse of every line of a generated log file, in CPU seconds, in the same process
// just before the measured work. A ratio to it stays comparable across machines.

import { readFileSync, rmSync } from 'node:fs';
import { generateJsonl } from './scan.bench';

export interface JsonParseBaseline {
  mb: number;
  mbPerSec: number;
  linesPerSec: number;
}

export function benchJsonParse(mb = 10, seed = 7): JsonParseBaseline {
  const file = generateJsonl(mb, seed);
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  rmSync(file, { force: true });
  const bytes = lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
  for (const line of lines.slice(0, 5000)) JSON.parse(line); // warm-up
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    for (const line of lines) JSON.parse(line);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return {
    mb: Math.round((bytes / 1048576) * 10) / 10,
    mbPerSec: Math.round((bytes / 1048576 / best) * 10) / 10,
    linesPerSec: Math.round(lines.length / best),
  };
}
