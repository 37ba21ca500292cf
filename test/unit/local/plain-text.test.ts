import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventsOf } from './helpers';

test('Java: an ERROR record and its trace with Caused by and "... omitted" become one event', async () => {
  const { events, stats } = await eventsOf('plain-java.log');
  assert.deepEqual(Object.keys(stats.formats), ['text/timestamp-level']);
  assert.equal(events.length, 1);
  const [e] = events;
  assert.equal(e.status, 'error');
  assert.equal(e.timestamp, Date.parse('2026-11-28T10:12:05.733'));
  assert.equal(e.origin?.line, 2);
  assert.match(e.error.stack ?? '', /^java\.lang\.IllegalArgumentException: amount must be positive\n\tat com\.acme/);
  assert.match(e.error.stack ?? '', /Caused by: java\.lang\.NumberFormatException/);
  assert.doesNotMatch(e.error.stack ?? '', /still running/, 'the next record is not part of the trace');
});

test('Python: the traceback after an ERROR line is joined; an ERROR line with no trace is an event of its own', async () => {
  const { events } = await eventsOf('plain-python.log');
  assert.equal(events.length, 2);
  assert.equal(events[0].message, 'batch 12 failed');
  assert.equal(events[0].attributes['logger.name'], 'etl.runner');
  assert.match(events[0].error.stack ?? '', /^Traceback \(most recent call last\):[\s\S]*KeyError: 'customer_id'$/);
  assert.equal(events[1].message, 'plain error line without trace');
  assert.equal(events[1].error.stack, undefined);
});

test('Go: a bare panic with blank lines and goroutine frames is one critical event', async () => {
  const { events } = await eventsOf('plain-go.log');
  assert.equal(events.length, 1);
  assert.equal(events[0].status, 'critical');
  assert.equal(events[0].origin?.line, 2);
  assert.match(events[0].error.stack ?? '', /^panic: runtime error[\s\S]*goroutine 1 \[running\]:[\s\S]*main\.go:25/);
  assert.equal(events[0].timestamp, Date.parse('2026-11-28T10:14:00'), 'takes the time of the last record');
});

test('.NET: inner exception markers stay inside the joined trace', async () => {
  const { events } = await eventsOf('plain-dotnet.log');
  assert.equal(events.length, 1);
  assert.match(events[0].error.stack ?? '', /---> System\.IO\.FileNotFoundException[\s\S]*Startup\.cs:line 33$/);
});

test('Ruby Logger: "message (Class)" above the backtrace gives kind and message', async () => {
  const { events } = await eventsOf('plain-ruby.log');
  assert.equal(events.length, 1);
  assert.equal(events[0].error.kind, 'NoMethodError');
  assert.equal(events[0].error.message, "undefined method `total' for nil:NilClass");
  assert.match(events[0].error.stack ?? '', /order\.rb:27/);
});

test('JavaScript: an ERROR record followed by an Error and "at" frames', async () => {
  const { events } = await eventsOf('plain-js.log');
  assert.equal(events.length, 1);
  assert.equal(events[0].timestamp, Date.parse('2026-11-28T10:17:03.210Z'));
  assert.match(events[0].error.stack ?? '', /^TypeError: Cannot read properties of null/);
});
