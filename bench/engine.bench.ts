// Benchmark of the issue engine: 1,000,000 generated error events over 10,000 issues, spread over
// 30 days, through Grouper + IssueStore. Reports throughput, heap (after a GC when node runs with
// --expose-gc) and RSS. Ingest rate is also given for the first and last tenth of the events, so
// a cost that grows with the number of issues would show.
// Events are generated on the fly (never held), so the heap measured is the store's.

import { IssueStore, type IssueLimits } from '../src/core/issues/store';
import type { ErrorEvent, ParsedError } from '../src/core/model';

export interface EngineBenchResult {
  eventsPerSec: number;
  heapMB: number;
  rssMB: number;
  issues: number;
  events: number;
  eventsPerSecFirstTenth: number;
  eventsPerSecLastTenth: number;
  /** Events per second of this process's CPU time: steadier than wall time on a busy machine. */
  eventsPerCpuSec: number;
}

const SERVICES = ['checkout', 'billing', 'nightly-import', 'search', 'auth', 'mailer', 'reports', 'inventory'];
const KINDS = ['KeyError', 'TypeError', 'java.sql.SQLException', 'TimeoutError', 'ValueError', 'NullPointerException'];
const WORDS = ['order', 'invoice', 'profile', 'cart', 'payment', 'export', 'row', 'token', 'session', 'shipment'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

interface Shape {
  service: string;
  kind: string;
  parsed?: ParsedError;
  message: (r: number) => string;
}

function shapeOf(i: number): Shape {
  const service = SERVICES[i % SERVICES.length];
  const kind = KINDS[(i >> 3) % KINDS.length];
  const word = WORDS[(i >> 5) % WORDS.length];
  const module = `mod${i % 97}`;
  // One issue in five logs no stack: it is grouped by its message template.
  if (i % 5 === 0) {
    const name = letters(i); // a distinct first word per issue: distinct templates
    return { service, kind, message: (r) => `${name}-sync of ${word} failed for tenant ${r % 5000} after ${r % 900}ms (attempt ${r % 4})` };
  }
  const parsed: ParsedError = {
    kind,
    message: '',
    language: 'python',
    frames: [
      { file: `/venv/lib/python3.11/site-packages/lib${i % 13}/core.py`, function: 'call', line: 100, inApp: false },
      { file: `/app/${service}/${module}.py`, function: `handle_${word}_${i}`, line: 10 + (i % 300), inApp: true },
      { file: `/app/${service}/main.py`, function: 'run', line: 12, inApp: true },
    ],
  };
  return { service, kind, parsed, message: (r) => `${word} ${r} could not be saved: id=${r * 31} amount=${(r % 1000) / 10} user ${r % 777}@example.com` };
}

function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

export async function benchEngine(options: { events?: number; issues?: number; limits?: Partial<IssueLimits> } = {}): Promise<EngineBenchResult> {
  const events = options.events ?? 1_000_000;
  const issueCount = options.issues ?? 10_000;
  const shapes: Shape[] = [];
  for (let i = 0; i < issueCount; i++) shapes.push(shapeOf(i));
  const store = new IssueStore({ limits: options.limits });
  const end = Date.UTC(2026, 10, 28, 12, 0, 0);
  const span = 30 * 24 * 3600_000;
  let seed = 12345;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };

  const tenth = Math.max(1, Math.floor(events / 10));
  let firstTenthMs = 0;
  let lastTenthStart = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let n = 0; n < events; n++) {
    if (n === tenth) firstTenthMs = performance.now() - start;
    if (n === events - tenth) lastTenthStart = performance.now();
    // Each issue gets its first event within the first pass so the last tenth meets all issues.
    const i = n < issueCount ? n : Math.floor(rand() * rand() * issueCount); // skewed: a few hot issues
    const shape = shapes[i];
    const r = Math.floor(rand() * 1_000_000);
    const timestamp = end - span + Math.floor((n / events) * span) + (r % 60_000);
    const message = shape.message(r);
    const parsed = shape.parsed ? { ...shape.parsed, message } : undefined;
    const event: ErrorEvent = {
      timestamp,
      service: shape.service,
      env: r % 10 === 0 ? 'staging' : 'prod',
      version: `1.${Math.floor((n / events) * 12)}.${r % 3}`,
      host: `ip-10-0-${r % 16}-${r % 200}`,
      status: 'error',
      message,
      error: { kind: shape.kind, message, stack: shape.parsed ? 'Traceback (most recent call last): ...' : undefined },
      attributes: {
        customer: { id: `cus_${r % 5000}`, region: REGIONS[r % 3] },
        job: { name: `${shape.service}-worker`, run_id: `run-${Math.floor(n / 50_000)}` },
        http: { status_code: r % 2 ? 500 : 503, method: 'POST' },
        request_id: `req-${r.toString(16)}`,
      },
    };
    store.ingest(event, parsed);
  }
  const total = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const lastTenthMs = performance.now() - lastTenthStart;

  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const mem = process.memoryUsage();
  const result: EngineBenchResult = {
    eventsPerSec: Math.round(events / (total / 1000)),
    heapMB: Math.round(mem.heapUsed / 1048576),
    rssMB: Math.round(mem.rss / 1048576),
    issues: store.size,
    events,
    eventsPerSecFirstTenth: Math.round(tenth / (firstTenthMs / 1000)),
    eventsPerSecLastTenth: Math.round(tenth / (lastTenthMs / 1000)),
    eventsPerCpuSec: Math.round(events / cpuSeconds),
  };
  // Keep the store alive until memory was measured.
  if (store.size < 0) console.log(store);
  return result;
}
