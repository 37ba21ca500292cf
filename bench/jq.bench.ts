// The pipeline a user would write without the extension, on the same generated file as the scan:
//   jq -r 'select(.status=="error") | [.error.kind, .error.message] | @tsv' FILE | sort | uniq -c
// Timed by bash's `time` on the whole pipeline, so the CPU of jq, sort and uniq is all counted
// (the scan is timed in CPU seconds too). Rows out = distinct (kind, message) pairs: what the user
// would have to read, against the issues the scan finds.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export const JQ = process.env.JQ_PATH ?? '/usr/bin/jq';

export interface JqBenchResult {
  cpuSec: number;
  wallSec: number;
  mbPerCpuSec: number;
  rows: number;
  errorLines: number;
}

export function jqMissing(): string | undefined {
  return existsSync(JQ) ? undefined : `jq is absent at ${JQ} (set JQ_PATH): jq baseline skipped`;
}

export function benchJq(file: string): JqBenchResult {
  const mb = statSync(file).size / 1024 / 1024;
  const filter = 'select(.status=="error") | [.error.kind, .error.message] | @tsv';
  // LC_ALL=C: byte order, as fast as sort gets; TIMEFORMAT prints wall, user, sys on stderr.
  const script = `TIMEFORMAT='%R %U %S'; time ( "$JQ" -r "$FILTER" "$FILE" | LC_ALL=C sort | uniq -c > "$OUT" ); wc -l < "$OUT"; awk '{s+=$1} END {print s+0}' "$OUT"; rm -f "$OUT"`;
  const run = spawnSync('bash', ['-c', script], {
    env: { ...process.env, JQ, FILTER: filter, FILE: file, OUT: `${file}.jq-counts` },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`jq pipeline failed: ${run.stderr}`);
  const [wall, user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  const [rows, errorLines] = run.stdout.trim().split('\n').map(Number);
  const cpuSec = user + sys;
  return {
    cpuSec: round(cpuSec, 2),
    wallSec: round(wall, 2),
    mbPerCpuSec: round(mb / cpuSec, 1),
    rows,
    errorLines,
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
