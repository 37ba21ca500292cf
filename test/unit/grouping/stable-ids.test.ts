import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fnv1a64, GROUPING_STRATEGY_VERSION } from '../../../src/core/grouping';
import { IssueStore } from '../../../src/core/issues/store';
import { STATE_FORMAT, type PersistedState } from '../../../src/core/issues/persisted';
import type { IssueEvent } from '../../../src/core/model';
import { event, MIN, T0 } from '../../fixtures/engine/events';

// Stack-less messages of a few sentences with numeric, word and list parameters, as a service
// logs them: the same words recur (few values) or vary (many values).
const USERS = ['root', 'admin', 'cyrus', 'news', 'test', 'guest', 'oracle', 'ftp'];
const STATES = ['Started', 'Stopped', 'Paused'];
const messageArb = fc.oneof(
  fc.tuple(fc.constantFrom(...USERS), fc.ipV4(), fc.integer({ min: 1, max: 65535 })).map(([u, ip, port]) => `Failed password for invalid user ${u} from ${ip} port ${port}`),
  fc.tuple(fc.constantFrom(...USERS)).map(([u]) => `session opened for user ${u} by (uid=0)`),
  fc.tuple(fc.constantFrom(...STATES), fc.uuid()).map(([s, id]) => `[instance: ${id}] VM ${s} (Lifecycle Event)`),
  fc.array(fc.integer({ min: 1, max: 1e9 }), { minLength: 1, maxLength: 4 }).map((ids) => `ask 10.0.0.1:50010 to delete ${ids.map((i) => `blk_${i}`).join(' ')}`),
  fc.integer({ min: 0, max: 999 }).map((n) => `worker ${n} lost its lease`),
);

function readAll(messages: string[]): { store: IssueStore; ids: string[] } {
  const store = new IssueStore();
  const emitted = messages.map((m, i) => store.ingest(event({ message: m, timestamp: T0 + i }), undefined));
  return { store, ids: emitted.map((id) => store.resolve(id)) };
}

test('two fresh machines reading the same messages in another order name every issue the same', () => {
  fc.assert(
    fc.property(
      fc.array(messageArb, { minLength: 1, maxLength: 60 }).chain((messages) => fc.tuple(fc.constant(messages), fc.shuffledSubarray(messages.map((_, i) => i), { minLength: messages.length }))),
      ([messages, order]) => {
        const a = readAll(messages);
        const b = readAll(order.map((i) => messages[i]));
        // Message i was read at position order.indexOf(i) by the second machine.
        const byMessageB = new Array<string>(messages.length);
        order.forEach((i, at) => (byMessageB[i] = b.ids[at]));
        assert.deepEqual(byMessageB, a.ids);
        const listed = (s: IssueStore) => s.list({ window: '30d', now: T0 + 1000 }).map((x) => `${x.id} ${x.totalCount} ${x.message}`).sort();
        assert.deepEqual(listed(b.store), listed(a.store));
      },
    ),
    { numRuns: 150 },
  );
});

test('an issue whose template generalizes keeps its counts, samples and decision under the settled id', () => {
  const store = new IssueStore();
  const events: IssueEvent[] = [];
  store.onIssueEvent((e) => events.push(e));
  const first = store.ingest(event({ message: 'session opened for user root by (uid=0)', timestamp: T0 }), undefined);
  store.ingest(event({ message: 'session opened for user root by (uid=0)', timestamp: T0 + MIN }), undefined);
  store.setState(first, 'ACKNOWLEDGED');
  let settled = '';
  for (const [i, u] of ['cyrus', 'news', 'test', 'admin'].entries()) settled = store.ingest(event({ message: `session opened for user ${u} by (uid=0)`, timestamp: T0 + (i + 2) * MIN }), undefined);
  assert.notEqual(settled, first, 'the id is the settled template\'s');
  assert.equal(store.resolve(first), settled, 'the first id still finds the issue');
  assert.equal(store.size, 1);
  const issue = store.get(first, { window: '24h', now: T0 + HOUR_MS })!;
  assert.equal(issue.id, settled);
  assert.equal(issue.totalCount, 6);
  assert.equal(issue.state, 'ACKNOWLEDGED', 'the user\'s decision moved with the events');
  assert.equal(issue.message, 'session opened for user <*> by (uid=<val>)');
  assert.equal(issue.firstSeen, T0);
  assert.equal(issue.samples.find((s) => s.kind === 'first')?.event.message, 'session opened for user root by (uid=0)');
  assert.equal(issue.histogram.reduce((n, b) => n + b.count, 0), 6, 'the histogram holds the merged issues\' events');
  assert.equal(issue.facets.find((f) => f.path === 'service')?.total, 6);
  assert.equal(issue.samples.filter((s) => s.kind === 'latest')[0]?.event.message, 'session opened for user admin by (uid=0)', 'newest first');
  assert.ok(issue.fingerprint.includes('message:session opened for user <*> by (uid=<*>)'), issue.fingerprint.join(' / '));
  // Every merged-in issue was announced once, when it was new; the merge announces nothing new.
  assert.equal(events.filter((e) => e.kind === 'issue.new').length, 4);
  // The alias is saved, so a restart still finds the issue by its first id.
  const next = new IssueStore();
  assert.deepEqual(next.loadPersisted(JSON.parse(JSON.stringify(store.toPersisted()))), { ok: true });
  assert.equal(next.resolve(first), settled);
  assert.equal(next.ingest(event({ message: 'session opened for user zed by (uid=0)', timestamp: T0 + HOUR_MS }), undefined), settled);
  assert.equal(next.get(first, { window: '24h', now: T0 + HOUR_MS })?.state, 'ACKNOWLEDGED');
});

const HOUR_MS = 60 * MIN;

test('a strategy 1 state file is migrated: decisions move to the id strategy 2 gives the same fingerprint', () => {
  // Strategy 1 keyed a stack-less issue by the masked text of its first message.
  const parts = ['service:nightly-import', 'kind:', 'message:token A000B rejected for tenant <num>'];
  const oldId = fnv1a64(parts.join('\n'));
  const datadogId = '5d6c1b0e-1111-4222-8333-444444444444';
  const v1: PersistedState = {
    format: STATE_FORMAT,
    formatVersion: 1,
    strategyVersion: 1,
    savedAt: T0,
    issues: [
      { id: oldId, parts, state: 'RESOLVED', firstSeen: T0 - HOUR_MS, resolvedAt: T0 - MIN, isNew: false },
      { id: datadogId, parts: ['datadog', 'checkout', 'TimeoutError'], state: 'OPEN', firstSeen: T0, isNew: false },
    ],
    templates: [{ scope: 'nightly-import\u0001', key: 'token A000B rejected for tenant <num>', template: 'token A000B rejected for tenant <num>' }],
    aliases: [],
  };
  assert.ok(GROUPING_STRATEGY_VERSION > 1);
  const store = new IssueStore();
  const loaded = store.loadPersisted(JSON.parse(JSON.stringify(v1)));
  assert.equal(loaded.ok, true);
  assert.match((loaded as { warning?: string }).warning ?? '', /strategy 1.*strategy 2.*2 decisions were kept \(1 moved/);
  const id = store.ingest(event({ message: 'token A000B rejected for tenant 17', timestamp: T0 }), undefined);
  assert.notEqual(id, oldId, 'strategy 2 names the issue by its canonical template');
  assert.equal(store.resolve(oldId), id);
  const issue = store.get(id, { window: '24h', now: T0 })!;
  assert.equal(issue.state, 'OPEN', 'resolved before, seen again after: a regression, not a new issue');
  assert.ok(issue.regression, 'the migrated decision made it a regression');
  const saved = store.toPersisted();
  assert.equal(saved.issues.find((i) => i.id === datadogId)?.parts[0], 'datadog', 'a Datadog entry in the same file is left as it was');
  assert.equal(saved.issues.find((i) => i.id === id)?.strategyVersion, 1, 'the decision remembers the strategy that made it');
});
