import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import type { ErrorEvent } from '../../../src/core/model';
import { scanFile } from '../../../src/sources/local/scan-file';
import { DEMO_ROOT, type GenerateLogsResult, generateLogs } from '../../../demo/generate-logs';

const NOW = '2026-11-28T12:00:00Z';
const now = Date.parse(NOW);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Line {
  timestamp: string;
  status: string;
  service: string;
  version: string;
  message: string;
  logger?: { name?: string };
  error?: { kind: string; message: string; stack: string };
  [key: string]: unknown;
}

const root = mkdtempSync(join(tmpdir(), 'demo-logs-'));
let first: GenerateLogsResult;
let second: GenerateLogsResult;
let lines: Line[] = [];

function read(result: GenerateLogsResult, dir: string): Map<string, Buffer> {
  return new Map(result.files.map((file) => [relative(dir, file), readFileSync(file)]));
}

/** Which of the demo's stories an error line tells, from what a reader of the log sees. */
function story(line: Line): string {
  const e = line.error!;
  if (e.kind === 'TypeError') return e.message.includes("reading 'currency'") ? 'amount-undefined' : 'record-shape';
  return (
    { RateLimitError: 'rate-limit', AccessDenied: 'permission-denied', RangeError: 'invalid-date', GeocodeError: 'geocode-response',
      AttributeError: 'postcode-none', ReadTimeout: 'geocode-timeout' } as Record<string, string>
  )[e.kind] ?? `unexpected ${e.kind}`;
}

before(async () => {
  first = await generateLogs({ now: NOW, seed: 42, out: join(root, 'a') });
  // The second output folder holds a stale day from an earlier generation and a note of the user's.
  mkdirSync(join(root, 'b', 'nightly-import'), { recursive: true });
  writeFileSync(join(root, 'b', 'nightly-import', '2020-01-01.jsonl'), '{}\n');
  writeFileSync(join(root, 'b', 'nightly-import', 'notes.txt'), 'keep me\n');
  second = await generateLogs({ now: NOW, seed: 42, out: join(root, 'b') });
  lines = first.files.flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').filter((text) => text.length > 0).map((text) => JSON.parse(text) as Line));
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('demo log generator', () => {
  it('writes identical bytes for the same seed and now', () => {
    const a = read(first, join(root, 'a'));
    const b = read(second, join(root, 'b'));
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [file, bytes] of a) assert.ok(bytes.equals(b.get(file)!), `${file} differs between two runs`);
    assert.equal(first.events, second.events);
  });

  it('replaces the files of an earlier generation but leaves other files alone', () => {
    assert.equal(existsSync(join(root, 'b', 'nightly-import', '2020-01-01.jsonl')), false);
    assert.equal(existsSync(join(root, 'b', 'nightly-import', 'notes.txt')), true);
  });

  it('writes one JSON Lines file per service and UTC day, small enough to ship with the demo', () => {
    const names = first.files.map((file) => relative(join(root, 'a'), file).split('\\').join('/'));
    assert.ok(names.every((name) => /^(nightly-import|enrich-worker)\/\d{4}-\d{2}-\d{2}\.jsonl$/.test(name)), names.join(', '));
    assert.ok(names.some((name) => name.startsWith('enrich-worker/')));
    const bytes = first.files.reduce((sum, file) => sum + statSync(file).size, 0);
    assert.ok(bytes <= 15 * 1024 * 1024, `${bytes} bytes`);
    assert.equal(lines.length, first.events);
  });

  it('keeps every event inside the last four days and before now', () => {
    for (const line of lines) {
      const t = Date.parse(line.timestamp);
      assert.ok(t < now && t >= now - 96 * HOUR, line.timestamp);
    }
  });

  it("uses Datadog's standard attributes on every error line", () => {
    const errors = lines.filter((line) => line.status === 'error');
    assert.equal(errors.length, first.errors);
    for (const line of errors) {
      assert.match(line.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      for (const key of ['service', 'env', 'version', 'host', 'message'] as const) assert.equal(typeof line[key], 'string', key);
      assert.equal(typeof line.logger?.name, 'string');
      assert.ok(line.error && line.error.kind && line.error.message && line.error.stack, JSON.stringify(line));
      assert.equal(typeof line.run_id, 'string');
    }
  });

  it('generates each kind of error in its intended range, among many more info and warn lines', () => {
    const ranges: Record<string, [number, number]> = {
      'rate-limit': [2000, 4500],
      'permission-denied': [150, 600],
      'record-shape': [150, 800],
      'amount-undefined': [150, 700],
      'invalid-date': [30, 300],
      'geocode-response': [150, 600],
      'postcode-none': [100, 500],
      'geocode-timeout': [80, 400],
    };
    const counted: Record<string, number> = {};
    for (const line of lines) if (line.status === 'error') counted[story(line)] = (counted[story(line)] ?? 0) + 1;
    assert.deepEqual(Object.keys(counted).sort(), Object.keys(ranges).sort());
    for (const [kind, [min, max]] of Object.entries(ranges)) {
      assert.ok(counted[kind] >= min && counted[kind] <= max, `${kind}: ${counted[kind]} not in [${min}, ${max}]`);
      assert.equal(first.byKind[kind as keyof GenerateLogsResult['byKind']], counted[kind], kind);
    }
    assert.ok(first.errors >= 4000 && first.errors <= 8000, `${first.errors} errors`);
    assert.ok(first.events - first.errors >= 3 * first.errors, `${first.events - first.errors} info/warn lines`);
  });

  it('points every in-app frame at a real line inside the named function of the demo source', () => {
    const frames = new Map<string, { file: string; line: number; column?: number; fn: string; text?: string }>();
    for (const line of lines) {
      const stack = line.error?.stack ?? '';
      for (const m of stack.matchAll(/^ +at (?:async )?(\S+) \(\/app\/(?!node_modules\/)(.+?):(\d+):(\d+)\)$/gm)) {
        frames.set(m[0], { fn: m[1], file: m[2], line: Number(m[3]), column: Number(m[4]) });
      }
      for (const m of stack.matchAll(/^ {2}File "\/app\/(.+?)", line (\d+), in (\S+)\n {4}(.*)$/gm)) {
        frames.set(m[0], { file: m[1], line: Number(m[2]), fn: m[3], text: m[4] });
      }
    }
    assert.ok(frames.size >= 20, `${frames.size} distinct in-app frames`);
    const files = new Set<string>();
    for (const frame of frames.values()) {
      const path = join(DEMO_ROOT, frame.file);
      assert.ok(existsSync(path), `${frame.file} is not in the demo`);
      files.add(frame.file);
      const source = readFileSync(path, 'utf8').split(/\r?\n/);
      const code = source[frame.line - 1];
      assert.ok(code !== undefined && code.trim() !== '' && !/^\s*(\/\/|#)/.test(code), `${frame.file}:${frame.line} is not code`);
      if (frame.column !== undefined) assert.notEqual(code[frame.column - 1] ?? ' ', ' ', `${frame.file}:${frame.line}:${frame.column}`);
      if (frame.text !== undefined) assert.equal(frame.text, code.trim());
      // The nearest function definition at or above the line must be the function the frame names.
      let enclosing: string | undefined;
      for (let i = frame.line - 1; i >= 0 && !enclosing; i--) {
        enclosing = /\bfunction\s+([A-Za-z_$][\w$]*)|^\s*def\s+(\w+)\s*\(/.exec(source[i])?.slice(1).find(Boolean);
      }
      assert.equal(enclosing, frame.fn, `${frame.file}:${frame.line} is in ${enclosing}, not ${frame.fn}`);
    }
    for (const file of ['src/api/client.ts', 'src/api/retry.ts', 'src/job.ts', 'src/transform/records.ts', 'src/store/writer.ts', 'enrich/worker.py', 'enrich/geocode.py']) {
      assert.ok(files.has(file), `no frame points into ${file}`);
    }
  });

  it('mixes in library frames from node:internal, node_modules and site-packages', () => {
    const stacks = lines.map((line) => line.error?.stack ?? '').join('\n');
    assert.match(stacks, /\(node:internal\/process\/task_queues:\d+:\d+\)/);
    assert.match(stacks, /at .*\/app\/node_modules\/@aws-sdk\/client-s3\//);
    assert.match(stacks, /File "\/usr\/local\/lib\/python3\.12\/site-packages\/requests\/sessions\.py", line \d+, in send/);
  });

  it('writes Python chained exceptions of both kinds', () => {
    const stacks = lines.filter((line) => line.service === 'enrich-worker').map((line) => line.error?.stack ?? '');
    assert.ok(stacks.some((s) => s.includes('The above exception was the direct cause of the following exception:')));
    assert.ok(stacks.some((s) => s.includes('During handling of the above exception, another exception occurred:')));
  });

  it('raises the rate limit in fetchPage for many accounts and delays, up to the last minutes', () => {
    const limits = lines.filter((line) => line.error?.kind === 'RateLimitError');
    assert.ok(limits.every((line) => /^RateLimitError: .*\n {4}at fetchPage \(\/app\/src\/api\/client\.ts:\d+:\d+\)/.test(line.error!.stack)));
    assert.ok(new Set(limits.map((line) => line.account_id)).size >= 200);
    assert.ok(new Set(limits.map((line) => line.retry_after_s)).size >= 20);
    assert.ok(new Set(limits.map((line) => line.error!.message)).size >= 1000);
    const latest = Math.max(...limits.map((line) => Date.parse(line.timestamp)));
    assert.ok(now - latest <= 5 * MINUTE, `latest rate limit ${(now - latest) / MINUTE} min before now`);
  });

  it('spans several versions and brings back in 1.5.0 an error fixed in 1.4.1', () => {
    const versions = new Set(lines.filter((line) => line.service === 'nightly-import').map((line) => line.version));
    assert.deepEqual([...versions].sort(), ['1.4.0', '1.4.1', '1.5.0']);
    const regression = lines.filter((line) => line.status === 'error' && story(line) === 'amount-undefined');
    const count = (version: string) => regression.filter((line) => line.version === version).length;
    assert.ok(count('1.4.0') > 0 && count('1.5.0') > 0, `1.4.0: ${count('1.4.0')}, 1.5.0: ${count('1.5.0')}`);
    assert.equal(count('1.4.1'), 0);
    const firstFixed = Math.min(...lines.filter((line) => line.version === '1.4.1').map((line) => Date.parse(line.timestamp)));
    const back = regression.filter((line) => line.version === '1.5.0').map((line) => Date.parse(line.timestamp));
    assert.ok(Math.min(...back) - firstFixed >= 24 * HOUR, 'the error stays away for at least a day');
  });

  it('has a new issue that first appeared in the last hours', () => {
    const fresh = lines.filter((line) => line.error?.kind === 'RangeError').map((line) => Date.parse(line.timestamp));
    assert.ok(fresh.length > 0);
    assert.ok(now - Math.min(...fresh) <= 6 * HOUR, `first seen ${(now - Math.min(...fresh)) / HOUR} h before now`);
  });

  it('gives different logs for another seed', async () => {
    const other = await generateLogs({ now: NOW, seed: 7, out: join(root, 'c') });
    const a = read(first, join(root, 'a'));
    const c = read(other, join(root, 'c'));
    assert.ok([...a].some(([file, bytes]) => !c.get(file)?.equals(bytes)));
  });
});

test('writes a plain-text publisher log whose stackless errors the reader finds and groups', async () => {
  const out = mkdtempSync(join(tmpdir(), 'errtrack-demo-plain-'));
  const result = await generateLogs({ now: '2026-11-28T12:00:00Z', out });
  const text = readFileSync(result.publisher.file, 'utf8');
  assert.match(text, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - publisher - INFO - /);
  const events: ErrorEvent[] = [];
  const cursor = await scanFile(result.publisher.file, { flushPartial: true }, (e) => events.push(e));
  assert.ok(result.publisher.errors > 5);
  assert.equal(events.length, result.publisher.errors, 'every ERROR line is an error event');
  assert.equal(cursor.parser.stats.records, result.publisher.lines);
  assert.ok(events.every((e) => e.error.stack === undefined && typeof e.attributes['logger.name'] === 'string'));
});

