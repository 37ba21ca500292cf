// `npm run bench`: every benchmark on generated, seeded data, printed as one table. Each figure is
// a ratio to a baseline measured in the same run (so the machine's speed cancels out) or a latency
// with its p50/p95. Each section runs in its own Node process (started with --expose-gc), so one
// section's heap and JIT state never leak into another's figures.
//   npm run bench [-- --quick] [-- --only scan,lsp] [-- --list] [-- --loghub DIR]
// `--loghub DIR` (or env ERRTRACK_LOGHUB_DIR) is the Loghub-2k folder the grouping section scores.
// Results: bench/results/latest.json and a timestamped copy (gitignored).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchActivation } from './activation.bench';
import { benchBundles } from './bundles.bench';
import { benchEngine } from './engine.bench';
import { benchGrouping, LOGHUB_ENV } from './grouping.bench';
import { benchJq, jqMissing } from './jq.bench';
import { benchLenses } from './lenses.bench';
import { benchLsp, benchLspBigFile } from './lsp.bench';
import { benchMapping } from './mapping.bench';
import { benchPage, chromiumMissing } from './page.bench';
import { benchJsonParse } from './parse.bench';
import { benchScan } from './scan.bench';
import { benchStack } from './stack.bench';
import { summarize, type Timing } from './stats';

const REPO = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const MARK = '@@bench-result ';

interface Row {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline (or baseline / value where "× faster" reads better; the name says which). */
  ratio?: number;
  ratioLabel?: string;
  p50?: number;
  p95?: number;
  runs: number;
  note?: string;
}

interface SectionOutput {
  rows: Row[];
  raw: unknown;
  skipped?: string;
}

type Runner = (quick: boolean) => Promise<SectionOutput>;

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
/** Three significant digits: 0.00497 stays readable, 345.29 becomes 345. */
const ratio = (a: number, b: number): number => Number((a / b).toPrecision(3));
const latency = (section: string, name: string, t: Timing, baseline?: { name: string; t: Timing }, note?: string): Row => ({
  section,
  name,
  value: round(t.medianMs, 2),
  unit: 'ms',
  p50: round(t.medianMs, 2),
  p95: round(t.p95Ms, 2),
  runs: t.runs,
  ...(baseline
    ? { baseline: { name: baseline.name, value: round(baseline.t.medianMs, 2), unit: 'ms' }, ratio: ratio(t.medianMs, baseline.t.medianMs), ratioLabel: 'p50 ÷ baseline p50' }
    : {}),
  ...(note ? { note } : {}),
});

const SECTIONS: Record<string, Runner> = {
  async stack() {
    const parse = benchJsonParse();
    const stack = await benchStack();
    const base = { name: 'JSON.parse of log lines', value: parse.mbPerSec, unit: 'MB/s' };
    const rows: Row[] = [{ section: 'stack', name: 'stack parsing, all runtimes', value: stack.mbPerSec, unit: 'MB/s', baseline: base, ratio: ratio(stack.mbPerSec, parse.mbPerSec), runs: 1, note: 'CPU time; 200 traces × 40 frames per runtime' }];
    for (const [language, mbps] of Object.entries(stack.languages)) {
      rows.push({ section: 'stack', name: `stack parsing, ${language}`, value: mbps, unit: 'MB/s', baseline: base, ratio: ratio(mbps, parse.mbPerSec), runs: 1 });
    }
    rows.push({ section: 'stack', name: 'stack parsing, all runtimes, every frame unique', value: stack.uniqueMbPerSec, unit: 'MB/s', baseline: base, ratio: ratio(stack.uniqueMbPerSec, parse.mbPerSec), runs: 1, note: 'CPU time; 700 traces × 40 frames, no cache hits' });
    for (const [language, mbps] of Object.entries(stack.uniqueLanguages)) {
      rows.push({ section: 'stack', name: `stack parsing, ${language}, unique frames`, value: mbps, unit: 'MB/s', baseline: base, ratio: ratio(mbps, parse.mbPerSec), runs: 1 });
    }
    return { rows, raw: { stack, jsonParse: parse } };
  },

  async engine(quick) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const idleHeap = process.memoryUsage().heapUsed / 1048576;
    const idleRss = process.memoryUsage().rss / 1048576;
    const events = quick ? 200_000 : 1_000_000;
    const engine = await benchEngine({ events, issues: 10_000 });
    const parse = benchJsonParse();
    const label = `${events.toLocaleString('en-US')} events, ${engine.issues.toLocaleString('en-US')} issues`;
    return {
      rows: [
        { section: 'engine', name: `grouping + store (${label})`, value: engine.eventsPerCpuSec, unit: 'events/s', baseline: { name: 'JSON.parse of log lines', value: parse.linesPerSec, unit: 'lines/s' }, ratio: ratio(engine.eventsPerCpuSec, parse.linesPerSec), runs: 1, note: `CPU time; wall ${engine.eventsPerSec.toLocaleString('en-US')}/s; last tenth ${engine.eventsPerSecLastTenth.toLocaleString('en-US')}/s vs first ${engine.eventsPerSecFirstTenth.toLocaleString('en-US')}/s` },
        { section: 'engine', name: `heap after ingest (${label})`, value: engine.heapMB, unit: 'MB', baseline: { name: 'idle process heap', value: round(idleHeap), unit: 'MB' }, ratio: ratio(engine.heapMB, idleHeap), runs: 1, note: `${round(((engine.heapMB - idleHeap) * 1048576) / engine.issues / 1024)} KB per issue${gc ? ', after GC' : ', no GC (run with --expose-gc)'}` },
        { section: 'engine', name: `RSS after ingest (${label})`, value: engine.rssMB, unit: 'MB', baseline: { name: 'idle process RSS', value: round(idleRss), unit: 'MB' }, ratio: ratio(engine.rssMB, idleRss), runs: 1 },
      ],
      raw: { engine, jsonParse: parse, idleHeapMB: round(idleHeap), idleRssMB: round(idleRss) },
    };
  },

  async grouping() {
    const g = benchGrouping(process.env[LOGHUB_ENV]);
    if ('skipped' in g) return { rows: [], raw: null, skipped: g.skipped };
    const rows: Row[] = g.datasets.map((d) => ({
      section: 'grouping',
      name: `GA Loghub-2k ${d.dataset} (${d.predictedGroups} issues / ${d.truthGroups} templates)`,
      value: round(d.ga, 3),
      unit: 'GA',
      baseline: { name: 'Drain (published)', value: d.drain, unit: 'GA' },
      ratio: ratio(d.ga, d.drain),
      runs: 1,
      ...(d.renamedWhenShuffled > 0 ? { note: `${d.renamedWhenShuffled} messages get another id when the lines are read shuffled` } : {}),
    }));
    const renamed = g.datasets.reduce((a, d) => a + d.renamedWhenShuffled, 0);
    const eventsPerSec = Math.round(g.datasets.reduce((a, d) => a + d.messages, 0) / g.datasets.reduce((a, d) => a + d.messages / d.eventsPerSec, 0));
    rows.push({
      section: 'grouping',
      name: `GA Loghub-2k, average of ${g.datasets.length} datasets`,
      value: round(g.average, 3),
      unit: 'GA',
      baseline: { name: 'Drain (published)', value: round(g.drainAverage, 3), unit: 'GA' },
      ratio: ratio(g.average, g.drainAverage),
      runs: 1,
      note: `issues as the store holds them once all lines are read; one general configuration for every dataset (Drain's figures use a regex list and threshold tuned per dataset); a fresh store per dataset, ${eventsPerSec.toLocaleString('en-US')} events/s CPU time including the store`,
    });
    rows.push({
      section: 'grouping',
      name: 'GA Loghub-2k, average, ids as emitted line by line',
      value: round(g.emittedAverage, 3),
      unit: 'GA',
      baseline: { name: 'issues once all are read', value: round(g.average, 3), unit: 'GA' },
      ratio: ratio(g.emittedAverage, g.average),
      runs: 1,
      note: `a line read before the evidence that a word is a parameter keeps the id it got, which then resolves to the merged issue; read shuffled, ${renamed === 0 ? 'every message of every dataset gets the same final id' : `${renamed} messages get another final id`}`,
    });
    return { rows, raw: g };
  },

  async scan(quick) {
    const scan = await benchScan({ mb: quick ? 20 : 200, runs: 2 });
    try {
      const scanCpuSec = scan.mb / scan.scanMBps;
      const scanEventsPerSec = scan.events / scanCpuSec;
      const file = `${scan.mb} MB JSONL`;
      const rows: Row[] = [
        { section: 'scan', name: `scan throughput (${file})`, value: scan.scanMBps, unit: 'MB/s', baseline: { name: 'bare JSON.parse loop', value: scan.jsonParseMBps, unit: 'MB/s' }, ratio: scan.ratio, runs: 2, note: 'CPU time, best of interleaved runs' },
        { section: 'scan', name: `scan peak RSS (${file})`, value: scan.rssMB, unit: 'MB', baseline: { name: 'file size', value: scan.mb, unit: 'MB' }, ratio: ratio(scan.rssMB, scan.mb), runs: 2 },
      ];
      const missing = jqMissing();
      let jq: unknown = missing;
      if (!missing) {
        const j = benchJq(scan.file);
        jq = j;
        rows.push(
          { section: 'scan', name: `scan vs jq | sort | uniq -c (${file})`, value: scan.scanMBps, unit: 'MB/s', baseline: { name: 'jq pipeline', value: j.mbPerCpuSec, unit: 'MB/s' }, ratio: ratio(scan.scanMBps, j.mbPerCpuSec), runs: 1, note: `CPU time of jq+sort+uniq (wall ${j.wallSec} s)` },
          { section: 'scan', name: 'error events/s, scan vs jq pipeline', value: Math.round(scanEventsPerSec), unit: 'events/s', baseline: { name: 'jq pipeline', value: Math.round(j.errorLines / j.cpuSec), unit: 'events/s' }, ratio: ratio(scanEventsPerSec, j.errorLines / j.cpuSec), runs: 1, note: `${scan.events.toLocaleString('en-US')} error events (jq: ${j.errorLines.toLocaleString('en-US')})` },
          { section: 'scan', name: 'rows to read: issues vs jq output', value: scan.issues, unit: 'rows', baseline: { name: 'distinct kind+message', value: j.rows, unit: 'rows' }, ratio: ratio(scan.issues, j.rows), runs: 1, note: 'what the user reads: grouped issues vs uniq -c lines' },
        );
      }
      return { rows, raw: { scan, jq }, ...(missing ? { skipped: missing } : {}) };
    } finally {
      rmSync(scan.file, { force: true });
    }
  },

  async mapping(quick) {
    const runs = quick ? 1 : 3;
    const results = [];
    for (let i = 0; i < runs; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      results.push(await benchMapping());
    }
    const index = summarize(results.map((r) => r.indexMs));
    const map = summarize(results.map((r) => r.mapMs));
    const r = results[0];
    return {
      rows: [
        latency('mapping', `index a ${r.indexFiles.toLocaleString('en-US')}-file workspace`, index, undefined, 'in memory, synthetic paths; goal < 2,000 ms'),
        latency('mapping', `map ${r.frames.toLocaleString('en-US')} distinct frames`, map, undefined, `${round((map.medianMs * 1000) / r.frames, 2)} µs per frame; goal < 100 ms`),
      ],
      raw: results,
    };
  },

  async lenses() {
    const l = await benchLenses();
    const base = { name: 'split file into lines', t: l.baseline };
    return {
      rows: [
        latency('lenses', `CodeLens compute (1,000 functions, 500 issues → ${l.lensCount.toLocaleString('en-US')} lenses)`, l.lenses, base, 'in process, outline + grouping + titles'),
        latency('lenses', 'hover compute (same file)', l.hover, base),
      ],
      raw: l,
    };
  },

  async lsp(quick) {
    const r = await benchLsp({ requests: quick ? 20 : 50, appends: quick ? 5 : 10 });
    const big = await benchLspBigFile({ requests: quick ? 20 : 50 });
    const poll = { runs: 1, medianMs: r.pollMs, p95Ms: r.pollMs, minMs: r.pollMs };
    const bigLabel = `${big.functions.toLocaleString('en-US')} functions, ${big.issues} issues → ${big.lenses.toLocaleString('en-US')} lenses`;
    return {
      rows: [
        { section: 'lsp', name: 'server start to first scan ready (demo)', value: r.startToReadyMs, unit: 'ms', runs: 1, note: `${r.openIssues} open issues` },
        latency('lsp', 'codeLens round trip, demo src/api/client.ts', r.lens, undefined, 'stdio JSON-RPC'),
        latency('lsp', 'hover round trip, demo src/api/client.ts', r.hover),
        latency('lsp', `codeLens round trip, big file (${bigLabel})`, big.cached, { name: 'demo file round trip', t: r.lens }, 'generated workspace; outline cached'),
        latency('lsp', 'didChange + codeLens, big file (outline recomputed)', big.afterEdit, { name: 'big file, cached', t: big.cached }),
        latency('lsp', 'log line appended → issuesChanged', r.appendNotify, { name: 'follow poll interval', t: poll }, 'includes the local source\'s 250 ms change coalescing'),
        latency('lsp', 'log line appended → lens shows new count', r.append, { name: 'follow poll interval', t: poll }),
      ],
      raw: { demo: r, bigFile: big },
    };
  },

  async bundles() {
    const b = benchBundles();
    const size = (file: string) => b.sizes.find((s) => s.file === file)!;
    const datadog = size('dist/datadog.js');
    const rows: Row[] = b.sizes.map((s, i) => ({
      section: 'bundles',
      name: `bundle ${s.file} (gzip ${round(s.gzipBytes / 1024)} KB)`,
      value: round(s.bytes / 1024),
      unit: 'KB',
      ...(s.file === 'dist/datadog.js' ? {} : { baseline: { name: 'datadog.js (lazy)', value: round(datadog.bytes / 1024), unit: 'KB' }, ratio: ratio(s.bytes, datadog.bytes) }),
      runs: 1,
      ...(i === 0 ? { note: 'production build (minified, no source maps) in a temporary copy; datadog.js is required only when the Datadog source is chosen' } : {}),
    }));
    return { rows, raw: b };
  },

  async activation(quick) {
    const a = benchActivation({ runs: quick ? 5 : 15 });
    return {
      rows: [
        latency('activation', 'require dist/extension.js (stub vscode)', a.extension, { name: 'require dist/datadog.js', t: a.datadog }, 'production bundles, fresh process per sample'),
        latency('activation', 'require dist/datadog.js (if eager)', a.datadog),
      ],
      raw: a,
    };
  },

  async page(quick) {
    const missing = chromiumMissing();
    if (missing) return { rows: [], raw: null, skipped: missing };
    const p = await benchPage({ runs: quick ? 5 : 15 });
    return {
      rows: [latency('page', `issue page first render (${p.samples} samples × ${p.attributes} attrs)`, p.big, { name: 'ordinary issue (12 samples)', t: p.small }, 'headless Chromium, postMessage → rendered')],
      raw: p,
    };
  },
};

// ---- child: run one section, print its result on a marked line -------------------------------

async function runChild(name: string, quick: boolean): Promise<void> {
  const output = await SECTIONS[name](quick);
  process.stdout.write(`\n${MARK}${JSON.stringify(output)}\n`);
}

// ---- parent ----------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(abs) : statSync(abs).mtimeMs);
  }
  return newest;
}

/** The language server section drives dist/server.js: build it when missing or older than src/. */
function ensureBuilt(): void {
  const server = path.join(REPO, 'dist', 'server.js');
  if (existsSync(server) && statSync(server).mtimeMs >= newestMtime(path.join(REPO, 'src'))) return;
  process.stderr.write('bench: dist/server.js is missing or older than src/, running npm run build… ');
  const built = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
  process.stderr.write('done\n');
}

function runSection(name: string, quick: boolean): SectionOutput & { ms: number; error?: string } {
  const started = performance.now();
  const args = ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', __filename, '--section', name, ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Math.round(performance.now() - started);
  const line = child.stdout.split('\n').find((l) => l.startsWith(MARK));
  if (child.status !== 0 || !line) {
    const error = (child.stderr || child.stdout || `exit ${child.status}`).trim().split('\n').slice(-6).join('\n');
    return { rows: [], raw: null, ms, error };
  }
  return { ...(JSON.parse(line.slice(MARK.length)) as SectionOutput), ms };
}

function fmt(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 100) return round(n, 0).toString();
  if (Math.abs(n) >= 10) return round(n, 1).toString();
  return round(n, 2).toString();
}

/** Accuracies in [0, 1] keep three decimals: 0.87 and 0.865 are not the same claim. */
function fmtIn(n: number, unit: string): string {
  return unit === 'GA' ? n.toFixed(3) : fmt(n);
}

/** The table, then the rows' notes as numbered footnotes (they would make the table too wide). */
function table(rows: Row[]): string {
  const header = ['benchmark', 'figure', 'baseline (same run)', 'ratio', 'p50 / p95', 'runs'];
  const footnotes: string[] = [];
  const body = rows.map((r) => [
    r.note ? `${r.name} [${footnotes.push(r.note)}]` : r.name,
    `${fmtIn(r.value, r.unit)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${fmtIn(r.baseline.value, r.baseline.unit)} ${r.baseline.unit}` : '—',
    r.ratio !== undefined ? `${r.ratio}×` : '—',
    r.p50 !== undefined ? `${fmt(r.p50)} / ${fmt(r.p95!)} ms` : '—',
    String(r.runs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line), '', ...footnotes.map((note, i) => `[${i + 1}] ${note}`)].join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    memoryGB: round(os.totalmem() / 1073741824),
    loadAverage: os.loadavg().map((n) => round(n, 2)),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  // Read by the grouping section in its child process, which inherits the environment.
  const loghub = argv.flatMap((arg, i) => (arg === '--loghub' ? [argv[i + 1] ?? ''] : arg.startsWith('--loghub=') ? [arg.slice(9)] : []))[0];
  if (loghub) process.env[LOGHUB_ENV] = path.resolve(loghub);
  const sectionAt = argv.indexOf('--section');
  if (sectionAt >= 0) return runChild(argv[sectionAt + 1], quick);
  if (argv.includes('--list')) {
    console.log(Object.keys(SECTIONS).join('\n'));
    return;
  }
  const only = argv.flatMap((arg, i) => (arg === '--only' ? (argv[i + 1] ?? '').split(',') : arg.startsWith('--only=') ? arg.slice(7).split(',') : [])).filter(Boolean);
  const unknown = only.filter((name) => !(name in SECTIONS));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const names = only.length ? Object.keys(SECTIONS).filter((name) => only.includes(name)) : Object.keys(SECTIONS);
  if (names.includes('lsp')) ensureBuilt();

  const started = new Date();
  const rows: Row[] = [];
  const sections: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const name of names) {
    process.stderr.write(`bench: ${name}${quick ? ' (quick)' : ''}… `);
    const out = runSection(name, quick);
    process.stderr.write(`${(out.ms / 1000).toFixed(1)} s${out.error ? ' FAILED' : ''}\n`);
    rows.push(...out.rows);
    sections[name] = { ms: out.ms, raw: out.raw, ...(out.skipped ? { skipped: out.skipped } : {}), ...(out.error ? { error: out.error } : {}) };
    if (out.skipped) notes.push(`${name}: ${out.skipped}`);
    if (out.error) notes.push(`${name}: FAILED\n    ${out.error.replace(/\n/g, '\n    ')}`);
  }
  const totalSec = round((Date.now() - started.getTime()) / 1000);
  const m = machine();
  console.log(table(rows));
  console.log(
    `\nmachine: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}, ${m.memoryGB} GB, load ${m.loadAverage.join(' ')}; ` +
      `${quick ? 'quick' : 'full'} run, ${totalSec} s; "runs" = repetitions behind each figure (medians, p95 where shown).`,
  );
  for (const note of notes) console.log(`note: ${note}`);

  mkdirSync(RESULTS, { recursive: true });
  const result = { date: started.toISOString(), quick, only: only.length ? names : undefined, totalSec, machine: m, rows, sections };
  const json = JSON.stringify(result, null, 2);
  writeFileSync(path.join(RESULTS, 'latest.json'), json);
  const stamped = path.join(RESULTS, `${started.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(stamped, json);
  console.log(`results: ${path.relative(REPO, path.join(RESULTS, 'latest.json'))}, ${path.relative(REPO, stamped)}`);
  if (notes.some((note) => note.includes('FAILED'))) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
