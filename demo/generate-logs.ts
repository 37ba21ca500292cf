// Writes the demo workspace's log files: JSON Lines in Datadog's standard attributes for the
// last four days of the nightly import and its enrich worker. Same seed + now = same bytes.
//
//   npx tsx demo/generate-logs.ts [--now 2026-11-28T12:00:00Z] [--seed 42] [--out demo/nightly-import/logs]
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Random } from './generator/prng';
import { type DemoErrorKind, ERROR_KINDS, Scenario } from './generator/scenario';
import { publisherLog } from './generator/publisher-log';
import { DemoStacks } from './generator/stacks';
import { MINUTE, buildTimeline } from './generator/timeline';

export { ERROR_KINDS, type DemoErrorKind } from './generator/scenario';

export const DEMO_ROOT = join(__dirname, 'nightly-import');
export const DEFAULT_SEED = 42;
const SERVICES = ['nightly-import', 'enrich-worker'] as const;

export interface GenerateLogsOptions {
  /** End of the generated period (events are strictly before it). Default: now, rounded down to the minute. */
  now?: Date | string | number;
  seed?: number;
  /** Output folder; one sub-folder per service, one file per UTC day. Default: demo/nightly-import/logs. */
  out?: string;
  /** The demo workspace whose source the stack frames point at. Default: demo/nightly-import. */
  demoRoot?: string;
}

export interface GenerateLogsResult {
  files: string[];
  events: number;
  errors: number;
  byKind: Record<DemoErrorKind, number>;
  /** The plain-text publisher log (not among `files`, which are the JSON Lines ones). */
  publisher: { file: string; lines: number; errors: number };
}

function toTime(now: GenerateLogsOptions['now']): number {
  if (now === undefined) return Math.floor(Date.now() / MINUTE) * MINUTE;
  const t = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(t)) throw new Error(`not a date: ${String(now)}`);
  return t;
}

export async function generateLogs(options: GenerateLogsOptions = {}): Promise<GenerateLogsResult> {
  const now = toTime(options.now);
  const seed = options.seed ?? DEFAULT_SEED;
  const out = resolve(options.out ?? join(DEMO_ROOT, 'logs'));
  const timeline = buildTimeline(now);
  const scenario = new Scenario(new Random(seed), timeline, new DemoStacks(options.demoRoot ?? DEMO_ROOT));
  const lines = scenario.play();

  const byKind = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, 0])) as Record<DemoErrorKind, number>;
  const byFile = new Map<string, { at: number; seq: number; text: string }[]>();
  let errors = 0;
  lines.forEach((line, seq) => {
    if (line.fields.status === 'error') errors++;
    if (line.kind) byKind[line.kind]++;
    const file = join(out, line.service, `${new Date(line.at).toISOString().slice(0, 10)}.jsonl`);
    const list = byFile.get(file) ?? [];
    list.push({ at: line.at, seq, text: JSON.stringify(line.fields) });
    byFile.set(file, list);
  });

  // Replace the previous generation's files only (another `now` may have covered other days).
  for (const service of SERVICES) {
    const dir = join(out, service);
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) {
      if (name.endsWith('.jsonl')) await rm(join(dir, name));
    }
  }
  const files = [...byFile.keys()].sort();
  for (const file of files) {
    const entries = byFile.get(file)!.sort((a, b) => a.at - b.at || a.seq - b.seq);
    await writeFile(file, entries.map((entry) => entry.text).join('\n') + '\n');
  }
  // A plain-text log beside the JSON ones, with stackless errors (one file, rewritten whole).
  const publisher = publisherLog(timeline, new Random(seed + 1));
  const publisherFile = join(out, 'publisher', 'publisher.log');
  await mkdir(join(out, 'publisher'), { recursive: true });
  await writeFile(publisherFile, publisher.lines.join('\n') + '\n');
  return { files, events: lines.length, errors, byKind, publisher: { file: publisherFile, lines: publisher.lines.length, errors: publisher.errors } };
}

function parseArgs(argv: string[]): GenerateLogsOptions {
  const options: GenerateLogsOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--now') options.now = value();
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--out') options.out = value();
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npx tsx demo/generate-logs.ts [--now ISO-TIME] [--seed N] [--out DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]} (try --help)`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new Error('--seed takes an integer');
  return options;
}

if (require.main === module) {
  generateLogs(parseArgs(process.argv.slice(2))).then(
    (result) => {
      console.log(`wrote ${result.events} log lines (${result.errors} errors) in ${result.files.length} files:`);
      for (const file of result.files) console.log(`  ${file}`);
      console.log(Object.entries(result.byKind).map(([kind, count]) => `${kind}: ${count}`).join(', '));
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
