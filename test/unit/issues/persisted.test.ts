import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUPING_STRATEGY_VERSION, Grouper } from '../../../src/core/grouping';
import { IssueStore } from '../../../src/core/issues/store';
import { STATE_FORMAT, type PersistedState } from '../../../src/core/issues/persisted';
import type { IssueEvent } from '../../../src/core/model';
import { event, HOUR, javaPaymentChain, MIN, pythonKeyError, T0 } from '../../fixtures/engine/events';

function firstRun() {
  const store = new IssueStore();
  const resolved = store.ingest(event({ version: '1.4.0', timestamp: T0 }), pythonKeyError('k'));
  const ignored = store.ingest(event({ service: 'checkout', version: '1.4.0', timestamp: T0 - HOUR }), javaPaymentChain(1));
  // Five names show the position varies: the template settles on "profile <*>" (strategy 2).
  let stackless = '';
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) stackless = store.ingest(event({ message: `failed to load profile ${name} from cache`, timestamp: T0 }), undefined);
  store.setState(resolved, 'RESOLVED', T0 + MIN);
  store.setState(ignored, 'IGNORED', T0 + MIN);
  return { store, resolved, ignored, stackless };
}

test('decisions survive a restart through a JSON round trip', () => {
  const { store, resolved, ignored } = firstRun();
  const json = JSON.parse(JSON.stringify(store.toPersisted())) as PersistedState;
  assert.equal(json.format, STATE_FORMAT);
  assert.equal(json.strategyVersion, GROUPING_STRATEGY_VERSION);
  const p = json.issues.find((i) => i.id === resolved)!;
  assert.equal(p.state, 'RESOLVED');
  assert.equal(p.resolvedAt, T0 + MIN);
  assert.equal(p.resolvedInVersion, '1.4.0');
  assert.equal(p.firstSeen, T0);
  assert.ok(p.parts.some((x) => x.startsWith('frame:')));

  const next = new IssueStore();
  const events: IssueEvent[] = [];
  next.onIssueEvent((e) => events.push(e));
  assert.deepEqual(next.loadPersisted(json), { ok: true });
  // The same log replayed: nothing is new, nothing regressed, decisions hold.
  next.ingest(event({ version: '1.4.0', timestamp: T0 }), pythonKeyError('k'));
  next.ingest(event({ service: 'checkout', version: '1.4.0', timestamp: T0 - HOUR }), javaPaymentChain(1));
  assert.equal(events.length, 0);
  const states = Object.fromEntries(next.list({ window: '24h', now: T0 }).map((s) => [s.id, s.state]));
  assert.deepEqual(states, { [resolved]: 'RESOLVED', [ignored]: 'IGNORED' });
  // A newer version after the restart is a regression.
  next.ingest(event({ version: '1.5.0', timestamp: T0 + HOUR }), pythonKeyError('k'));
  assert.deepEqual(events.map((e) => e.kind), ['issue.regressed']);
});

test('decisions for issues not seen again are kept and saved again', () => {
  const { store, ignored } = firstRun();
  const next = new IssueStore();
  next.loadPersisted(JSON.parse(JSON.stringify(store.toPersisted())));
  assert.equal(next.size, 0);
  const again = next.toPersisted() as PersistedState;
  assert.equal(again.issues.find((i) => i.id === ignored)?.state, 'IGNORED');
  assert.equal(next.setState(ignored, 'OPEN'), true, 'a decision can change before the issue shows up');
});

test('stack-less issue ids survive a restart even after their template generalized', () => {
  const { store, stackless } = firstRun();
  const next = new IssueStore();
  next.loadPersisted(JSON.parse(JSON.stringify(store.toPersisted())));
  const id = next.ingest(event({ message: 'failed to load profile frank from cache', timestamp: T0 }), undefined);
  assert.equal(id, stackless);
  assert.equal(next.size, 1);
});

test('state from another grouping strategy keeps decisions by id and says so', () => {
  const { store, resolved } = firstRun();
  const old = JSON.parse(JSON.stringify(store.toPersisted())) as PersistedState;
  old.strategyVersion = GROUPING_STRATEGY_VERSION + 1;
  const next = new IssueStore();
  const result = next.loadPersisted(old);
  assert.equal(result.ok, true);
  assert.match((result as { warning?: string }).warning ?? '', /strategy/);
  const saved = next.toPersisted() as PersistedState;
  const p = saved.issues.find((i) => i.id === resolved)!;
  assert.equal(p.state, 'RESOLVED');
  assert.equal(p.strategyVersion, GROUPING_STRATEGY_VERSION + 1, 'each decision remembers the strategy that made it');
  // Loading that file again: the current-strategy file, but the old decisions keep their tag.
  const third = new IssueStore();
  assert.deepEqual(third.loadPersisted(JSON.parse(JSON.stringify(saved))), { ok: true });
});

test('foreign or damaged data is refused with a reason, never half-loaded', () => {
  const store = new IssueStore();
  const bad: [unknown, RegExp][] = [
    [null, /not a JSON object/],
    [[1, 2], /not a JSON object/],
    [{ hello: 'world' }, /not an issue state/],
    [{ format: STATE_FORMAT, formatVersion: 99, strategyVersion: 1, issues: [] }, /newer version/],
    [{ format: STATE_FORMAT, formatVersion: 1, strategyVersion: 1, issues: {} }, /not a list/],
    [{ format: STATE_FORMAT, formatVersion: 1, strategyVersion: 1, issues: [{ id: 'a', parts: [], state: 'DONE', firstSeen: 0, isNew: false }] }, /unknown state/],
  ];
  for (const [data, reason] of bad) {
    const r = store.loadPersisted(data);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, reason);
  }
  assert.equal((store.toPersisted() as PersistedState).issues.length, 0);
});

test('a custom Grouper can be passed in and is used for ids', () => {
  const grouper = new Grouper();
  const store = new IssueStore({ grouper });
  const id = store.ingest(event(), pythonKeyError('k'));
  assert.equal(id, grouper.fingerprint(event(), pythonKeyError('k')).id);
});
