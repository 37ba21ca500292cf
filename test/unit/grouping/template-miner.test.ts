import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalTokens, normalizeMessage, TemplateMiner, VARIABLE_AT } from '../../../src/core/grouping';

const mine = (miner: TemplateMiner, msg: string) => miner.add('svc', normalizeMessage(msg));
const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

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

test('a word that takes a few values is part of the event; one that takes many is a parameter', () => {
  const m = new TemplateMiner();
  // "VM Started" / "VM Stopped": a handful of values are different events, not one with a blank.
  const few = NAMES.slice(0, VARIABLE_AT - 1).map((n) => mine(m, `failed to load profile ${n} from cache`));
  assert.equal(new Set(few.map((t) => t.key)).size, VARIABLE_AT - 1);
  const settled = mine(m, `failed to load profile ${NAMES[VARIABLE_AT - 1]} from cache`);
  assert.equal(m.size, 1, 'the fifth value shows the position varies: all five are one template');
  assert.equal(settled.template, 'failed to load profile <*> from cache');
  assert.equal(settled.key, 'failed to load profile <*> from cache', 'the key is the settled template');
  assert.equal(settled.generalized, true);
  assert.equal(mine(m, 'failed to load profile zoe from cache').key, settled.key);
});

test('a word where another message of the same sentence had a value is a parameter at once', () => {
  const m = new TemplateMiner();
  const named = mine(m, 'Failed password for invalid user webmaster from 10.0.0.1 port 22');
  const numbered = mine(m, 'Failed password for invalid user 0 from 10.0.0.2 port 4022');
  assert.equal(numbered.key, 'Failed password for invalid user <*> from <*> port <*>');
  assert.notEqual(named.key, numbered.key, 'the first message was read before the evidence');
  assert.equal(mine(m, 'Failed password for invalid user webmaster from 10.0.0.9 port 1').key, numbered.key, 'and joins it since');
  assert.equal(m.size, 1);
});

test('short messages merge only when their tokens are equal', () => {
  const m = new TemplateMiner();
  for (const w of ['refused', 'reset', 'closed', 'aborted', 'lost', 'dropped']) mine(m, `connection ${w}`);
  assert.equal(m.size, 6);
  assert.equal(mine(m, 'connection 17').template, 'connection <num>');
  assert.equal(m.size, 7);
});

test('lists of values of any length and empty values are one parameter', () => {
  assert.deepEqual(canonicalTokens(normalizeMessage('ask 10.0.0.1:50010 to delete blk_1 blk_2 blk_3')).tokens, ['ask', '<*>', 'to', 'delete', '<*>']);
  assert.deepEqual(canonicalTokens('delete <num> <num> <num> now').tokens, ['delete', '<*>', 'now']);
  assert.deepEqual(canonicalTokens('connection from <ip> (<host>) at <date>').tokens, ['connection', 'from', '<*>', 'at', '<*>']);
  assert.deepEqual(canonicalTokens('connection from <ip> () at <date>').tokens, ['connection', 'from', '<*>', 'at', '<*>']);
  assert.deepEqual(canonicalTokens('rhost=<ip> user=root').tokens, ['rhost=<*>', 'user=root']);
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

test('persisted clusters restore the same settled keys, so ids survive a restart', () => {
  const m = new TemplateMiner();
  for (const n of NAMES) mine(m, `failed to load profile ${n} from cache`);
  const restored = new TemplateMiner();
  assert.equal(restored.load(m.toPersisted()), 1);
  assert.equal(restored.size, 1);
  const after = mine(restored, 'failed to load profile yves from cache');
  assert.equal(after.key, 'failed to load profile <*> from cache');
  assert.equal(after.template, 'failed to load profile <*> from cache');
});

test('the miner keeps a bounded number of texts per scope and length', () => {
  const m = new TemplateMiner();
  for (let i = 0; i < 2500; i++) m.add('svc', `job ${'u' + i.toString(36)} words ${'w' + i.toString(36)} time ${'t' + i.toString(36)}`);
  assert.ok(m.size <= 2000, `size ${m.size}`);
  // Past the bound a text still gets a cluster (its own), so grouping goes on.
  assert.equal(m.add('svc', 'job zzz words zzz time zzz').key, 'job zzz words zzz time zzz');
});
