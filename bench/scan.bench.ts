// Benchmark of `scan` on a generated JSON Lines file (seeded, ~10% error events with stacks in
// six languages, a few thousand distinct issues), measured against a bare loop that reads the
// same file and only JSON.parses every line, in the same run. The ratio is what matters: the
// machine's speed cancels out. Both are timed in CPU seconds, best of interleaved runs, because
// the machine is shared. Memory: peak RSS sampled during the runs (streaming keeps it flat).
//   node --import tsx bench/scan.bench.ts [MB]
import { createReadStream, closeSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { IssueStore } from '../src/core/issues';
import { EventIngestor } from '../src/sources/local/ingest';
import { scanFile } from '../src/sources/local/scan-file';

export interface ScanBenchResult {
  file: string;
  mb: number;
  scanMBps: number;
  jsonParseMBps: number;
  ratio: number;
  events: number;
  issues: number;
  rssMB: number;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout', 'billing', 'nightly-import', 'search', 'auth', 'mailer', 'reports', 'inventory'];
const WORDS = ['order', 'invoice', 'profile', 'cart', 'payment', 'export', 'row', 'token', 'session', 'shipment', 'ledger', 'coupon'];
const PATHS = ['/api/items', '/api/orders', '/api/users', '/health', '/api/cart', '/api/search'];

type Lang = 'js' | 'python' | 'java' | 'go' | 'ruby' | 'dotnet';
const LANGS: Lang[] = ['js', 'python', 'java', 'go', 'ruby', 'dotnet'];
const KINDS: Record<Lang, string[]> = {
  js: ['TypeError', 'RangeError', 'Error', 'SyntaxError'],
  python: ['KeyError', 'ValueError', 'AttributeError', 'TimeoutError'],
  java: ['java.lang.IllegalStateException', 'java.lang.NullPointerException', 'java.sql.SQLException'],
  go: ['*errors.errorString', '*net.OpError', '*json.SyntaxError'],
  ruby: ['NoMethodError', 'ArgumentError', 'ActiveRecord::RecordNotFound'],
  dotnet: ['System.InvalidOperationException', 'System.ArgumentNullException', 'System.IO.IOException'],
};

/** One distinct issue: a fixed stack shape; half of them put a changing number in the message. */
function issueShape(i: number) {
  const lang = LANGS[i % LANGS.length];
  const kinds = KINDS[lang];
  const kind = kinds[(i >> 3) % kinds.length];
  const w = WORDS[i % WORDS.length];
  const mod = `m${i % 53}`;
  const fn = (k: number) => `${WORDS[(i + k) % WORDS.length]}${['Load', 'Save', 'Check', 'Apply', 'Build'][(i + k) % 5]}${i % 97}`;
  const variable = i % 2 === 0;
  const message = (n: number) => (variable ? `${w} ${n} could not be processed in step ${i}` : `${w} step ${i} failed`);
  const frames = 4 + (i % 5);
  const stack = (msg: string): string => {
    const lines: string[] = [];
    switch (lang) {
      case 'js':
        lines.push(`${kind}: ${msg}`);
        for (let k = 0; k < frames; k++) lines.push(`    at ${fn(k)} (/app/src/${mod}/${fn(k)}.js:${10 + k * 7}:${5 + k})`);
        lines.push('    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)');
        break;
      case 'python':
        lines.push('Traceback (most recent call last):');
        for (let k = frames - 1; k >= 0; k--) lines.push(`  File "/app/${mod}/${fn(k)}.py", line ${20 + k * 3}, in ${fn(k)}`, `    result = ${fn(k + 1)}(row)`);
        lines.push(`${kind}: ${msg}`);
        break;
      case 'java':
        lines.push(`${kind}: ${msg}`);
        for (let k = 0; k < frames; k++) lines.push(`\tat com.acme.${mod}.${fn(k)}Service.${fn(k + 1)}(${fn(k)}Service.java:${30 + k})`);
        lines.push('\tat java.base/java.lang.Thread.run(Thread.java:833)');
        break;
      case 'go':
        lines.push(`panic: ${msg}`, '', 'goroutine 1 [running]:');
        for (let k = 0; k < frames; k++) lines.push(`github.com/acme/app/${mod}.${fn(k)}(0xc000012345)`, `\t/src/${mod}/${fn(k)}.go:${40 + k} +0x1d`);
        break;
      case 'ruby':
        lines.push(`/app/app/${mod}/${fn(0)}.rb:${12}:in \`${fn(0)}': ${msg} (${kind})`);
        for (let k = 1; k < frames; k++) lines.push(`\tfrom /app/app/${mod}/${fn(k)}.rb:${12 + k}:in \`${fn(k)}'`);
        break;
      case 'dotnet':
        lines.push(`${kind}: ${msg}`);
        for (let k = 0; k < frames; k++) lines.push(`   at Acme.${mod}.${fn(k)}Service.${fn(k + 1)}() in /src/Acme/${mod}/${fn(k)}Service.cs:line ${50 + k}`);
        break;
    }
    return lines.join('\n');
  };
  return { service: SERVICES[i % SERVICES.length], kind, message, stack };
}

/** Writes about `mb` megabytes of JSON Lines; returns the path. */
export function generateJsonl(mb: number, seed = 42, distinctIssues = 3000): string {
  const file = join(tmpdir(), `errtrack-scan-bench-${mb}mb-${seed}.jsonl`);
  const random = rng(seed);
  const shapes = Array.from({ length: distinctIssues }, (_, i) => issueShape(i));
  const fd = openSync(file, 'w');
  const target = mb * 1024 * 1024;
  let written = 0;
  let t = Date.parse('2026-11-01T00:00:00Z');
  let chunk = '';
  while (written < target) {
    t += Math.floor(random() * 50);
    const ts = new Date(t).toISOString();
    const service = SERVICES[Math.floor(random() * SERVICES.length)];
    const trace = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0') + Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
    let line: string;
    if (random() < 0.1) {
      // Skewed: a few issues are frequent, most are rare (as in real logs).
      const shape = shapes[Math.floor(Math.pow(random(), 2.5) * shapes.length)];
      const msg = shape.message(Math.floor(random() * 100000));
      line = JSON.stringify({
        timestamp: ts, status: 'error', service: shape.service, env: 'prod', version: `1.${Math.floor(random() * 3)}.0`, host: `ip-10-0-${Math.floor(random() * 8)}-${Math.floor(random() * 250)}`,
        message: `request failed: ${msg}`, dd: { trace_id: trace }, usr: { id: `u${Math.floor(random() * 5000)}` },
        error: { kind: shape.kind, message: msg, stack: shape.stack(msg) },
      });
    } else {
      const path = PATHS[Math.floor(random() * PATHS.length)];
      line = JSON.stringify({
        timestamp: ts, status: random() < 0.9 ? 'info' : 'warn', service, env: 'prod', version: '1.2.0', host: `ip-10-0-${Math.floor(random() * 8)}-${Math.floor(random() * 250)}`,
        message: `${path} handled in ${Math.floor(random() * 900)} ms for user u${Math.floor(random() * 5000)}`,
        http: { method: random() < 0.7 ? 'GET' : 'POST', status_code: 200, url: `${path}/${Math.floor(random() * 10000)}` },
        dd: { trace_id: trace, span_id: Math.floor(random() * 1e9).toString(16) }, duration: Math.floor(random() * 1e9),
      });
    }
    chunk += line + '\n';
    if (chunk.length > 1 << 20) {
      written += writeSync(fd, chunk);
      chunk = '';
    }
  }
  if (chunk) written += writeSync(fd, chunk);
  closeSync(fd);
  return file;
}

/** The baseline: stream the file, split lines, JSON.parse each. */
async function jsonParseLoop(file: string): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let objects = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = carry + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (nl > start && JSON.parse(text.slice(start, nl))) objects++;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  return objects;
}

/** CPU seconds (user + system) a body takes: steadier than wall time on a shared machine. */
async function cpuSeconds(body: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await body();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

async function scanOnce(file: string): Promise<{ events: number; issues: number }> {
  const store = new IssueStore({ source: 'local' });
  const ingestor = new EventIngestor(store);
  let events = 0;
  await scanFile(file, { flushPartial: true }, (event) => {
    events++;
    ingestor.ingest(event);
  });
  return { events, issues: store.size };
}

export async function benchScan(opts: { mb: number; runs?: number }): Promise<ScanBenchResult> {
  const file = generateJsonl(opts.mb);
  const bytes = statSync(file).size;
  const mb = bytes / 1024 / 1024;
  await jsonParseLoop(file); // warm the page cache and the JIT for both alike

  // Interleaved runs, best of each: both loops see the same machine load.
  const runs = opts.runs ?? 2;
  let jsonBest = Infinity;
  let scanBest = Infinity;
  let result = { events: 0, issues: 0 };
  let rss = process.memoryUsage().rss;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 50);
  for (let i = 0; i < runs; i++) {
    jsonBest = Math.min(jsonBest, await cpuSeconds(() => jsonParseLoop(file)));
    scanBest = Math.min(scanBest, await cpuSeconds(async () => (result = await scanOnce(file))));
  }
  clearInterval(sampler);
  rss = Math.max(rss, process.memoryUsage().rss);
  const scanMBps = mb / scanBest;
  const jsonParseMBps = mb / jsonBest;
  return {
    file,
    mb: Math.round(mb * 10) / 10,
    scanMBps: Math.round(scanMBps * 10) / 10,
    jsonParseMBps: Math.round(jsonParseMBps * 10) / 10,
    ratio: Math.round((scanMBps / jsonParseMBps) * 100) / 100,
    events: result.events,
    issues: result.issues,
    rssMB: Math.round(rss / 1024 / 1024),
  };
}

if (require.main === module) {
  const mb = Number(process.argv[2] ?? 200);
  benchScan({ mb }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
