import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SampleSet } from '../../../src/core/issues/samples';
import { event, importRowEvent, T0 } from '../../fixtures/engine/events';

const limits = { maxString: 100, maxStack: 300, maxAttributes: 8 };

test('keeps the first event, the latest N newest first, and a bounded reservoir', () => {
  const s = new SampleSet('issue-1', 3, 4, limits);
  for (let i = 0; i < 1000; i++) s.add(importRowEvent(i));
  const list = s.list();
  assert.equal(list[0].kind, 'first');
  assert.equal(list[0].event.timestamp, importRowEvent(0).timestamp);
  const latest = list.filter((x) => x.kind === 'latest').map((x) => x.event.timestamp);
  assert.deepEqual(latest, [999, 998, 997].map((i) => importRowEvent(i).timestamp));
  const sampled = list.filter((x) => x.kind === 'sampled');
  assert.ok(sampled.length <= 4 && sampled.length >= 3);
});

test('the reservoir is reproducible for the same issue and input', () => {
  const a = new SampleSet('issue-1', 0, 5, limits);
  const b = new SampleSet('issue-1', 0, 5, limits);
  for (let i = 0; i < 300; i++) {
    a.add(importRowEvent(i));
    b.add(importRowEvent(i));
  }
  assert.deepEqual(a.list(), b.list());
});

test('stored samples are capped: long strings, long stacks and many attributes', () => {
  const s = new SampleSet('x', 1, 0, limits);
  const attributes: Record<string, string> = {};
  for (let i = 0; i < 50; i++) attributes[`a${i}`] = `value ${i}`;
  attributes.payload = 'p'.repeat(10_000);
  s.add(event({ timestamp: T0, message: 'm'.repeat(5000), error: { kind: 'E', stack: 's'.repeat(10_000) }, attributes }));
  const e = s.list()[0].event;
  assert.ok(e.message.length < 200);
  assert.ok(e.error.stack!.length < 400);
  assert.equal(Object.keys(e.attributes).filter((k) => k.startsWith('a')).length, 8);
  assert.match(String(e.attributes._truncated), /attribute values not kept/);
});

test('a sample is a copy: changing the logged object later does not change it', () => {
  const s = new SampleSet('x', 2, 0, limits);
  const e = importRowEvent(1);
  s.add(e);
  (e.attributes.customer as Record<string, string>).region = 'changed';
  const kept = s.list()[0].event.attributes.customer as Record<string, string>;
  assert.notEqual(kept.region, 'changed');
});
