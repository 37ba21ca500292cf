import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { IssueEvent, IssueSummary } from '../../../src/core/model';
import { ChangeDetector, NEW_SLACK_MS } from '../../../src/sources/datadog/changes';
import { FakeDatadog } from './fake-datadog';
import { ISSUE_1, ISSUE_2, NOW, SEARCH, fixture, makeSource } from './helpers';

function issue(id: string, firstSeen: number, extra: Partial<IssueSummary> = {}): IssueSummary {
  return {
    id, source: 'datadog', service: 's', errorKind: 'E', message: 'm', count: 1, totalCount: 1,
    firstSeen, lastSeen: firstSeen, state: 'OPEN', isNew: true, ...extra,
  };
}

describe('new and regressed issues between polls', () => {
  it('announces nothing on the first poll: it is the baseline', () => {
    const detector = new ChangeDetector();
    assert.deepEqual(detector.observe([issue('a', NOW - 1000), issue('b', NOW - 5000, { regression: { at: NOW - 100 } })], NOW), []);
  });

  it('announces an unseen issue first seen after the baseline as new, once', () => {
    const detector = new ChangeDetector();
    detector.observe([issue('a', NOW - 86_400_000)], NOW);
    const later = NOW + 5 * 60_000;
    const events = detector.observe([issue('a', NOW - 86_400_000), issue('b', later - 1000)], later);
    assert.deepEqual(events.map((e) => [e.kind, e.issue.id]), [['issue.new', 'b']]);
    assert.deepEqual(detector.observe([issue('b', later - 1000)], later + 1), []);
  });

  it('does not call an old issue new when it reappears in the window', () => {
    const detector = new ChangeDetector();
    detector.observe([], NOW);
    assert.deepEqual(detector.observe([issue('old', NOW - NEW_SLACK_MS - 1)], NOW + 60_000), []);
  });

  it('announces a regression newer than the one last seen', () => {
    const detector = new ChangeDetector();
    detector.observe([issue('a', NOW - 86_400_000, { regression: { at: NOW - 86_000_000 } })], NOW);
    const events = detector.observe([issue('a', NOW - 86_400_000, { regression: { at: NOW + 1000 } })], NOW + 60_000);
    assert.deepEqual(events.map((e) => [e.kind, e.issue.id]), [['issue.regressed', 'a']]);
    assert.deepEqual(detector.observe([issue('a', NOW - 86_400_000, { regression: { at: NOW + 1000 } })], NOW + 120_000), []);
  });

  it('announces nothing for ignored issues', () => {
    const detector = new ChangeDetector();
    detector.observe([], NOW);
    assert.deepEqual(detector.observe([issue('x', NOW + 1, { state: 'IGNORED' })], NOW + 60_000), []);
  });
});

describe('polling a local Datadog', () => {
  let server: FakeDatadog;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  it('polls the watched window on a timer and emits issue.new and issue.regressed', async () => {
    const full = fixture('search-logs-issues.json') as { data: unknown[]; included: { attributes: Record<string, unknown> }[] };
    const onlySecond = { data: [full.data[1]], included: [structuredClone(full.included[1])] };
    (onlySecond.included[0].attributes.regression as Record<string, unknown>).regressed_at = '2026-11-28T10:00:00Z';
    server.on(SEARCH, { body: onlySecond }, { body: full });
    let clock = NOW - 60 * 60_000;
    const { source, timers } = makeSource(server, { now: () => clock, pollIntervalMs: 5 * 60_000 });
    const events: IssueEvent[] = [];
    source.onIssueEvent((e) => events.push(e));
    await source.refresh();
    assert.equal(events.length, 0);
    assert.equal(timers.length, 1);
    assert.equal(timers[0].ms, 5 * 60_000);
    clock = NOW;
    timers[0].callback();
    await source.refresh();
    assert.deepEqual(events.map((e) => [e.kind, e.issue.id]), [
      ['issue.new', ISSUE_1],
      ['issue.regressed', ISSUE_2],
    ]);
    const bodies = server.sent(SEARCH).map((r) => (r.body as { data: { attributes: { from: number; to: number } } }).data.attributes);
    assert.deepEqual(bodies.map((b) => b.to - b.from), [3_600_000, 3_600_000], 'a 5 min interval watches the last hour');
    source.dispose();
  });

  it('enforces the one-minute minimum poll interval', async () => {
    server.on(SEARCH, { body: fixture('search-logs-issues.json') });
    const { source, timers } = makeSource(server, { pollIntervalMs: 1000 });
    await source.refresh();
    assert.equal(timers[0].ms, 60_000);
    source.dispose();
  });

  it('tells views to fetch again after a timed poll only when something changed, and always on refresh', async () => {
    server.on(SEARCH, { body: fixture('search-logs-issues.json') });
    const { source, timers } = makeSource(server);
    let changes = 0;
    source.onDidChange(() => changes++);
    await source.refresh();
    assert.equal(changes, 1);
    timers.at(-1)?.callback(); // starts a timed poll at once
    await source.refresh(); // joins it: it found nothing new
    assert.equal(changes, 1);
    await source.refresh();
    assert.equal(changes, 2);
    assert.equal(server.sent(SEARCH).length, 3);
    source.dispose();
  });
});
