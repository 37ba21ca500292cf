// One short sample per documented format that the real-logs corpus has no file of (the corpus
// in test/fixtures/real-logs/ holds real output; these lines follow the formats' documented shapes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorEvent } from '../../../src/core/model';
import { FileEventParser } from '../../../src/sources/local/file-events';
import { LineSplitter } from '../../../src/sources/local/read/line-splitter';

function read(text: string): { events: ErrorEvent[]; parser: FileEventParser } {
  const events: ErrorEvent[] = [];
  const parser = new FileEventParser('sample.log', { fallbackTime: Date.UTC(2026, 10, 28) }, (e) => events.push(e));
  const splitter = new LineSplitter(parser);
  splitter.push(text);
  splitter.flush();
  parser.flush();
  return { events, parser };
}

test('AWS Lambda Python: a logged [ERROR] line, and an unhandled exception with its traceback', () => {
  const { events } = read(
    '[INFO]\t2026-11-28T10:15:00.100Z\t3f2a6d1e-8c1b-4d5e-9f00-1a2b3c4d5e6f\tloading order 42\n' +
      '[ERROR]\t2026-11-28T10:15:00.123Z\t3f2a6d1e-8c1b-4d5e-9f00-1a2b3c4d5e6f\tcould not load order 42\n' +
      "[ERROR] KeyError: 'customer'\nTraceback (most recent call last):\n  File \"/var/task/lambda_function.py\", line 7, in lambda_handler\n    return order['customer']\n",
  );
  assert.equal(events.length, 2);
  assert.equal(events[0].attributes['lambda.request_id'], '3f2a6d1e-8c1b-4d5e-9f00-1a2b3c4d5e6f');
  assert.match(events[1].error.stack ?? '', /^Traceback[\s\S]*lambda_handler/);
});

test('AWS Lambda Node: "Invoke Error" with errorType, errorMessage and the stack array', () => {
  const { events } = read(
    '2026-11-28T10:15:00.123Z\t3f2a6d1e-8c1b-4d5e-9f00-1a2b3c4d5e6f\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"order is undefined","stack":["TypeError: order is undefined","    at Runtime.handler (/var/task/index.js:5:20)"]}\n',
  );
  assert.equal(events.length, 1);
  assert.equal(events[0].error.kind, 'TypeError');
  assert.equal(events[0].error.message, 'order is undefined');
  assert.match(events[0].error.stack ?? '', /at Runtime\.handler \(\/var\/task\/index\.js:5:20\)/);
});

test('Lambda JSON log format: errorType/errorMessage/stackTrace inside "message" (Node) or beside it (Python)', () => {
  const { events } = read(
    '{"timestamp":"2026-11-28T10:15:00.123Z","level":"ERROR","message":{"errorType":"Error","errorMessage":"boom","stackTrace":["Error: boom","    at handler (/var/task/index.mjs:3:9)"]},"requestId":"r-1"}\n' +
      '{"timestamp":"2026-11-28T10:15:00Z","level":"ERROR","message":"failed","logger":"root","requestId":"r-2","errorType":"KeyError","errorMessage":"\'x\'","stackTrace":["  File \\"/var/task/app.py\\", line 4, in handler\\n    d[\'x\']\\n"]}\n',
  );
  assert.equal(events.length, 2);
  assert.match(events[0].error.stack ?? '', /^Error: boom\n    at handler/);
  assert.match(events[1].error.stack ?? '', /^Traceback \(most recent call last\):\n  File "\/var\/task\/app\.py", line 4, in handler[\s\S]*\nKeyError: 'x'$/);
});

test('aws logs tail: the time and stream name before each line are taken off, traces joined after them', () => {
  const { events } = read(
    '2026-11-28T10:15:00.123000+00:00 ecs/web/5f2c1a9e INFO starting\n' +
      '2026-11-28T10:15:01.000000+00:00 ecs/web/5f2c1a9e Traceback (most recent call last):\n' +
      '2026-11-28T10:15:01.000000+00:00 ecs/web/5f2c1a9e   File "/app/web.py", line 9, in serve\n' +
      '2026-11-28T10:15:01.000000+00:00 ecs/web/5f2c1a9e ValueError: bad port\n',
  );
  assert.equal(events.length, 1);
  assert.match(events[0].error.stack ?? '', /^Traceback[\s\S]*ValueError: bad port$/);
});

test('Rust panic, .NET unhandled exception and Elixir crash reports are one event each', () => {
  const { events } = read(
    "thread 'main' panicked at src/main.rs:4:5:\nindex out of bounds: the len is 3 but the index is 7\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n" +
      'Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()\n   at Billing.Program.Main(String[] args) in /src/Program.cs:line 12\n' +
      '** (RuntimeError) boom\n    (billing 0.1.0) lib/billing.ex:3: Billing.charge/1\n',
  );
  assert.deepEqual(events.map((e) => e.status), ['critical', 'critical', 'error']);
  assert.match(events[0].error.stack ?? '', /index out of bounds/);
  assert.match(events[1].error.stack ?? '', /Program\.cs:line 12$/);
});

test('JUL: a SEVERE record with its throwable; a WARNING one is not an error', () => {
  const { events } = read(
    'Nov 28, 2026 10:15:00 AM com.acme.billing.Job run\nWARNING: slow\nNov 28, 2026 10:15:01 AM com.acme.billing.Job run\nSEVERE: charge failed\njava.lang.IllegalStateException: card declined\n\tat com.acme.billing.Job.run(Job.java:42)\n',
  );
  assert.equal(events.length, 1);
  assert.equal(events[0].message, 'charge failed');
  assert.equal(events[0].attributes['logger.name'], 'com.acme.billing.Job');
  assert.match(events[0].error.stack ?? '', /^java\.lang\.IllegalStateException: card declined\n\tat /);
});

test('a Docker json-file line cut short among good ones is skipped with its reason', () => {
  const { events, parser } = read(
    '{"log":"ERROR:root:first\\n","stream":"stderr","time":"2026-11-28T10:15:00.1Z"}\n"log":"cut\\n","stream":"stderr","time":"2026-11-28T10:15:00.2Z"}\n{"log":"ERROR:root:second\\n","stream":"stderr","time":"2026-11-28T10:15:00.3Z"}\n',
  );
  assert.equal(events.length, 2);
  assert.deepEqual(parser.stats.skipped, { 'invalid JSON': 1 });
});

test('errorEvents withErrorAttributes keeps only records with a stack or an error type', () => {
  const events: ErrorEvent[] = [];
  const parser = new FileEventParser('s.log', { fallbackTime: 0, errorEvents: 'withErrorAttributes' }, (e) => events.push(e));
  const splitter = new LineSplitter(parser);
  splitter.push('ERROR:root:no stack\n{"level":"error","msg":"x"}\n{"level":"error","msg":"y","error":{"kind":"E","message":"m"}}\nTraceback (most recent call last):\n  File "a.py", line 1, in f\nKeyError: 1\n');
  splitter.flush();
  parser.flush();
  assert.deepEqual(events.map((e) => (e.error.stack ? 'traceback' : e.message)), ['y', 'traceback']);
});
