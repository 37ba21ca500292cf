import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeMessage, TemplateMiner } from '../../../src/core/grouping';

const mine = (miner: TemplateMiner, msg: string) => miner.add('svc', normalizeMessage(msg));

test('rate-limit messages differing in account and retry delay are one template', () => {
  const m = new TemplateMiner();
  const a = mine(m, 'rate limit exceeded for account 8812 (retry in 30s)');
  const b = mine(m, 'rate limit exceeded for account 17 (retry in 5s)');
  assert.equal(a.key, b.key);
  assert.equal(b.template, 'rate limit exceeded for account <num> (retry in <duration>)');
});

test('"permission denied on bucket exports" and "object not found in bucket exports" stay two', () => {
  const m = new TemplateMiner();
  const a = mine(m, 'permission denied on bucket exports');
  const b = mine(m, 'object not found in bucket exports');
  assert.notEqual(a.key, b.key);
  assert.equal(m.size, 2);
});

test('messages varying in one free-text word share a template with <*>, keeping the first key', () => {
  const m = new TemplateMiner();
  const a = mine(m, 'failed to load profile alice from cache');
  const b = mine(m, 'failed to load profile bob from cache');
  const c = mine(m, 'failed to load profile carol from cache');
  assert.equal(a.key, b.key);
  assert.equal(b.key, c.key);
  assert.equal(c.template, 'failed to load profile <*> from cache');
  assert.equal(c.generalized, true);
});

test('two-token messages merge only when identical', () => {
  const m = new TemplateMiner();
  assert.notEqual(mine(m, 'connection refused').key, mine(m, 'connection reset').key);
});

test('messages of different length or scope never merge', () => {
  const m = new TemplateMiner();
  const a = m.add('svc-a', 'disk full on volume data');
  const b = m.add('svc-b', 'disk full on volume data');
  const c = m.add('svc-a', 'disk full on volume data now');
  assert.equal(a.key, b.key); // same text, but the scope keeps them in separate clusters
  assert.equal(m.size, 3);
  assert.notEqual(c.template, a.template);
});

test('persisted clusters restore the same keys, so ids survive a restart', () => {
  const m = new TemplateMiner();
  mine(m, 'failed to load profile alice from cache');
  mine(m, 'failed to load profile bob from cache');
  const restored = new TemplateMiner();
  assert.equal(restored.load(m.toPersisted()), 1);
  const after = mine(restored, 'failed to load profile dave from cache');
  assert.equal(after.key, 'failed to load profile alice from cache');
});

test('a leaf keeps a bounded number of clusters', () => {
  const m = new TemplateMiner();
  for (let i = 0; i < 500; i++) m.add('svc', `job unique${i} words${i} time${i}`);
  assert.ok(m.size <= 64, `size ${m.size}`);
});
