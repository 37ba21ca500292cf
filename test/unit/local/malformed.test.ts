import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ErrorEvent } from '../../../src/core/model';
import { scanFile } from '../../../src/sources/local/scan-file';
import { eventsOf, FIXTURES } from './helpers';

test('bad JSON is skipped and counted with its reason; text lines among JSON records are records, not bad lines', async () => {
  const { events, stats } = await eventsOf('malformed.jsonl');
  assert.equal(stats.malformed, 1);
  assert.deepEqual(stats.skipped, { 'invalid JSON': 1 });
  assert.match(stats.lastProblem ?? '', /^line 2: invalid JSON/);
  assert.equal(stats.lines, 5);
  assert.equal(stats.records, 4, 'two JSON records and two text lines');
  assert.equal(stats.lines, stats.records + stats.joined + stats.blank + stats.malformed);
  assert.equal(events.length, 1);
  assert.equal(events[0].message, 'still read');
  assert.equal(events[0].origin?.line, 5);
});

test('a 10 MB line is skipped as malformed without stopping the file, and line numbers stay right', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-huge-'));
  const file = join(dir, 'huge.jsonl');
  const error = '{"status":"error","service":"s","message":"m","error":{"kind":"E","message":"after huge"}}';
  writeFileSync(file, `${error}\n{"status":"error","message":"${'x'.repeat(10 * 1024 * 1024)}"}\n${error}\n`);
  const events: ErrorEvent[] = [];
  const cursor = await scanFile(file, { flushPartial: true }, (e) => events.push(e));
  assert.equal(cursor.parser.stats.malformed, 1);
  assert.match(cursor.parser.stats.lastProblem ?? '', /line 2: line longer than/);
  assert.deepEqual(events.map((e) => e.origin?.line), [1, 3]);
});

test('binary content (NUL bytes, invalid UTF-8) is counted, not parsed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-bin-'));
  const file = join(dir, 'bin.jsonl');
  const good = Buffer.from('{"status":"error","message":"m","error":{"kind":"E","stack":"E: m\\n    at f (/a.js:1:1)"}}\n');
  const nul = Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x0a]);
  const invalid = Buffer.concat([Buffer.alloc(64, 0xff), Buffer.from('\n')]);
  writeFileSync(file, Buffer.concat([good, nul, invalid, good]));
  const events: ErrorEvent[] = [];
  const cursor = await scanFile(file, { flushPartial: true }, (e) => events.push(e));
  assert.equal(cursor.parser.stats.malformed, 2);
  assert.match(cursor.parser.stats.lastProblem ?? '', /invalid UTF-8/);
  assert.equal(events.length, 2);
});

test('gzip files are read streamed like plain ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-gz-'));
  const file = join(dir, 'pino.jsonl.gz');
  writeFileSync(file, gzipSync(readFileSync(join(FIXTURES, 'pino.jsonl'))));
  const events: ErrorEvent[] = [];
  await scanFile(file, { flushPartial: true }, (e) => events.push(e));
  assert.equal(events.length, 2);
});
