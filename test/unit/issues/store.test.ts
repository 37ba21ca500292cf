import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueStore } from '../../../src/core/issues/store';
import type { IssueEvent } from '../../../src/core/model';
import { DAY, event, HOUR, importRowEvent, javaPaymentChain, MIN, pythonKeyError, T0 } from '../../fixtures/engine/events';

function collect(store: IssueStore): IssueEvent[] {
  const seen: IssueEvent[] = [];
  store.onIssueEvent((e) => seen.push(e));
  return seen;
}

test('one root cause with varying rows, customers and lines is one issue with every event counted', () => {
  const store = new IssueStore();
  const ids = new Set<string>();
  for (let i = 0; i < 300; i++) ids.add(store.ingest(importRowEvent(i), pythonKeyError('customer_id', 80 + (i % 9))));
  assert.equal(ids.size, 1);
  assert.equal(store.size, 1);
  const [summary] = store.list({ window: '24h', now: T0 + HOUR });
  assert.equal(summary.count, 300);
  assert.equal(summary.totalCount, 300);
  assert.equal(summary.errorKind, 'KeyError');
  assert.equal(summary.message, '<quoted>');
  assert.equal(summary.topFrame?.function, 'parse_row');
  assert.equal(summary.source, 'local');
});

test('list counts the window, sorts by count and leaves out issues with nothing in the window', () => {
  const store = new IssueStore();
  for (let i = 0; i < 5; i++) store.ingest(event({ timestamp: T0 - i * MIN, service: 'checkout' }), javaPaymentChain(i));
  for (let i = 0; i < 3; i++) store.ingest(event({ timestamp: T0 - i * MIN }), pythonKeyError('k'));
  store.ingest(event({ timestamp: T0 - 3 * DAY, message: 'disk full on /var/lib/import' }), undefined);
  const day = store.list({ window: '24h', now: T0 });
  assert.deepEqual(day.map((s) => s.count), [5, 3]);
  assert.equal(store.list({ window: '7d', now: T0 }).length, 3);
  assert.equal(store.list({ window: '1h', now: T0 + 2 * HOUR }).length, 0);
});

test('list filters by the free-text query', () => {
  const store = new IssueStore();
  store.ingest(event({ service: 'checkout' }), javaPaymentChain(1));
  store.ingest(event(), pythonKeyError('k'));
  const q = (query: string) => store.list({ window: '24h', now: T0, query }).map((s) => s.service);
  assert.deepEqual(q('service:checkout'), ['checkout']);
  assert.deepEqual(q('KeyError'), ['nightly-import']);
  assert.deepEqual(q('-service:checkout'), ['nightly-import']);
  assert.deepEqual(q('state:open').length, 2);
  assert.deepEqual(q('file:rows.py'), ['nightly-import']);
});

test('get returns fingerprint, representative error, histogram, samples and facets', () => {
  const store = new IssueStore();
  let id = '';
  for (let i = 0; i < 40; i++) id = store.ingest(importRowEvent(i, { version: `1.4.${i % 3}` }), pythonKeyError('customer_id'));
  const d = store.get(id, { window: '1h', now: T0 + 10 * MIN })!;
  assert.equal(d.count, 40);
  assert.ok(d.fingerprint.some((p) => p.startsWith('frame:/app/importer/rows.py|parse_row')));
  assert.equal(d.error?.kind, 'KeyError');
  assert.equal(d.histogram.reduce((s, b) => s + b.count, 0), 40);
  assert.equal(d.samples[0].kind, 'first');
  assert.ok(d.samples.length <= 21);
  assert.ok(d.facets.some((f) => f.path === 'customer.region'));
  assert.equal(d.firstSeenVersion, '1.4.0');
  assert.equal(d.lastSeenVersion, `1.4.${39 % 3}`);
  assert.equal(d.firstSeen, importRowEvent(0).timestamp);
  assert.equal(d.lastSeen, importRowEvent(39).timestamp);
  assert.ok(store.explain(id)!.some((w) => w.startsWith('frame:')));
  assert.equal(store.get('nope', { window: '1h' }), undefined);
});

test('issue.new is emitted once per issue, never for an issue merely seen again', () => {
  const store = new IssueStore();
  const seen = collect(store);
  for (let i = 0; i < 10; i++) store.ingest(importRowEvent(i), pythonKeyError('customer_id', 80 + i));
  store.ingest(event({ service: 'checkout' }), javaPaymentChain(1));
  assert.deepEqual(seen.map((e) => e.kind), ['issue.new', 'issue.new']);
  assert.equal(seen[0].issue.isNew, true);
});

test('isNew holds until markSeen, for the given ids or all; a decision also clears it', () => {
  const store = new IssueStore();
  const a = store.ingest(event(), pythonKeyError('k'));
  const b = store.ingest(event({ service: 'checkout' }), javaPaymentChain(1));
  const c = store.ingest(event({ service: 'billing' }), pythonKeyError('k'));
  const isNew = () => Object.fromEntries(store.list({ window: '24h', now: T0 }).map((s) => [s.id, s.isNew]));
  store.markSeen([a]);
  assert.deepEqual(isNew(), { [a]: false, [b]: true, [c]: true });
  store.setState(b, 'ACKNOWLEDGED');
  assert.equal(isNew()[b], false);
  store.markSeen();
  assert.equal(isNew()[c], false);
});

test('regression with versions: only an event from a newer version reopens a resolved issue, once', () => {
  const store = new IssueStore();
  const seen = collect(store);
  const id = store.ingest(event({ version: '1.4.0', timestamp: T0 }), pythonKeyError('k'));
  assert.equal(store.setState(id, 'RESOLVED', T0 + MIN), true);
  store.ingest(event({ version: '1.4.0', timestamp: T0 + HOUR }), pythonKeyError('k')); // old build still running
  store.ingest(event({ version: '1.3.9', timestamp: T0 + HOUR }), pythonKeyError('k'));
  assert.equal(store.get(id, { window: '24h', now: T0 + HOUR })!.state, 'RESOLVED');
  store.ingest(event({ version: '1.5.0', timestamp: T0 + 2 * HOUR }), pythonKeyError('k'));
  store.ingest(event({ version: '1.5.0', timestamp: T0 + 3 * HOUR }), pythonKeyError('k'));
  const d = store.get(id, { window: '24h', now: T0 + 3 * HOUR })!;
  assert.equal(d.state, 'OPEN');
  assert.deepEqual(d.regression, { at: T0 + 2 * HOUR, version: '1.5.0', resolvedInVersion: '1.4.0' });
  assert.deepEqual(seen.map((e) => e.kind), ['issue.new', 'issue.regressed']);
  assert.equal(seen[1].issue.state, 'OPEN');
});

test('regression without versions: any event after resolution; earlier events replayed do not count', () => {
  const store = new IssueStore();
  const seen = collect(store);
  const id = store.ingest(event({ timestamp: T0 }), pythonKeyError('k'));
  store.setState(id, 'RESOLVED', T0 + HOUR);
  store.ingest(event({ timestamp: T0 + 30 * MIN }), pythonKeyError('k'));
  assert.equal(seen.length, 1);
  store.ingest(event({ timestamp: T0 + 2 * HOUR }), pythonKeyError('k'));
  assert.deepEqual(seen.map((e) => e.kind), ['issue.new', 'issue.regressed']);
  // Resolved again and regressed again: a new occurrence, a new event.
  store.setState(id, 'RESOLVED', T0 + 3 * HOUR);
  store.ingest(event({ timestamp: T0 + 4 * HOUR }), pythonKeyError('k'));
  assert.deepEqual(seen.map((e) => e.kind), ['issue.new', 'issue.regressed', 'issue.regressed']);
});

test('ignored issues stay ignored whatever arrives; acknowledged stays acknowledged', () => {
  const store = new IssueStore();
  const seen = collect(store);
  const a = store.ingest(event({ version: '1.0.0' }), pythonKeyError('k'));
  const b = store.ingest(event({ service: 'checkout', version: '1.0.0' }), javaPaymentChain(1));
  store.setState(a, 'IGNORED', T0);
  store.setState(b, 'ACKNOWLEDGED', T0);
  store.ingest(event({ version: '9.0.0', timestamp: T0 + DAY }), pythonKeyError('k'));
  store.ingest(event({ service: 'checkout', version: '9.0.0', timestamp: T0 + DAY }), javaPaymentChain(2));
  const states = store.list({ window: '7d', now: T0 + DAY }).map((s) => [s.id, s.state]);
  assert.deepEqual(Object.fromEntries(states), { [a]: 'IGNORED', [b]: 'ACKNOWLEDGED' });
  assert.equal(seen.filter((e) => e.kind === 'issue.regressed').length, 0);
});

test('setState of an unknown id returns false; reopening clears the resolution', () => {
  const store = new IssueStore();
  assert.equal(store.setState('0000000000000000', 'RESOLVED'), false);
  const id = store.ingest(event({ version: '2.0.0' }), pythonKeyError('k'));
  store.setState(id, 'RESOLVED', T0);
  store.setState(id, 'OPEN');
  const p = (store.toPersisted() as { issues: { id: string; resolvedAt?: number }[] }).issues.find((x) => x.id === id)!;
  assert.equal(p.resolvedAt, undefined);
});

test('a throwing listener neither stops ingestion nor the other listeners', () => {
  const store = new IssueStore();
  store.onIssueEvent(() => {
    throw new Error('listener bug');
  });
  const seen = collect(store);
  store.ingest(event(), pythonKeyError('k'));
  assert.equal(seen.length, 1);
  const d = store.onIssueEvent(() => seen.push(seen[0]));
  d.dispose();
  store.ingest(event({ service: 'x' }), pythonKeyError('k'));
  assert.equal(seen.length, 2);
});

test('the datadog source label is carried on summaries', () => {
  const store = new IssueStore({ source: 'datadog' });
  store.ingest(event(), pythonKeyError('k'));
  assert.equal(store.list({ window: '24h', now: T0 })[0].source, 'datadog');
});

test('limits bound the samples per issue', () => {
  const store = new IssueStore({ limits: { latestSamples: 2, reservoirSamples: 1 } });
  let id = '';
  for (let i = 0; i < 100; i++) id = store.ingest(importRowEvent(i), pythonKeyError('k'));
  assert.ok(store.get(id, { window: '24h', now: T0 + HOUR })!.samples.length <= 4);
});
