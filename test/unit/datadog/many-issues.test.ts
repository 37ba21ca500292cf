// More issues than one Datadog search returns (100, no pagination), against a stand-in that
// behaves as documented: every open issue is listed, or the source says plainly what may be
// missing; the searches on the wire never overlap and each answers below the cap.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeDatadog } from './fake-datadog';
import { CAP, FakeErrorTracking, manyIssues, SEARCH_ROUTE } from './fake-issues';
import { NOW, makeSource } from './helpers';

type SearchAttributes = { query: string; from: number; to: number; states: string[]; order_by: string; track: string };
const attributesOf = (server: FakeDatadog) => server.sent(SEARCH_ROUTE).map((r) => (r.body as { data: { attributes: SearchAttributes } }).data.attributes);

describe('Datadog source with more issues than one search returns', () => {
  let server: FakeDatadog;
  let datadog: FakeErrorTracking;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());
  beforeEach(() => {
    server.reset();
    datadog = new FakeErrorTracking().install(server);
  });

  it('lists all 250 open issues by splitting full answers, each search below the cap, none twice', async () => {
    datadog.add(...manyIssues(250, NOW), ...manyIssues(30, NOW, { state: () => 'RESOLVED' }).map((i) => ({ ...i, id: i.id.replace(/^0000/, 'ffff') })));
    const { source } = makeSource(server, { poll: false, query: '' });
    const issues = await source.listIssues({ window: '24h' });
    assert.equal(issues.length, 250, 'every OPEN and ACKNOWLEDGED issue, no RESOLVED one');
    assert.equal(new Set(issues.map((i) => i.id)).size, 250, 'no issue twice');
    assert.ok(issues.every((i) => i.state === 'OPEN' || i.state === 'ACKNOWLEDGED'));
    assert.equal(source.status().partial, undefined, 'nothing is missing, so nothing is said');
    const sent = attributesOf(server);
    assert.deepEqual(sent[0].states, ['OPEN', 'ACKNOWLEDGED'], 'the first search asks for the looked-at states only');
    assert.ok(sent.length > 1 && sent.length <= 40, `${sent.length} searches`);
    // The split is by state first, then by the services seen (plus one search for the others).
    assert.deepEqual(sent.slice(1, 3).map((a) => a.states), [['OPEN'], ['ACKNOWLEDGED']]);
    assert.ok(sent.some((a) => /^service:"billing-api"$/.test(a.query)), sent.map((a) => a.query).join('\n'));
    assert.ok(sent.some((a) => a.query.includes('-service:"billing-api"')), 'one search for the services not seen yet');
    // The counts add up to the issues' events in the window, none counted twice.
    const expected = manyIssues(250, NOW).reduce((sum, i) => sum + i.events.filter((t) => t >= NOW - 86_400_000).length, 0);
    assert.equal(issues.reduce((sum, i) => sum + i.count, 0), expected);
    source.dispose();
  });

  it('splits one busy service by time, adding the counts of the halves', async () => {
    // Batch jobs: each issue happens during its own hour of the day.
    const hourly = manyIssues(160, NOW, { services: ['billing-api'], state: () => 'OPEN' }).map((issue, i) => ({
      ...issue,
      events: Array.from({ length: 5 + (i % 7) }, (_, k) => NOW - ((i % 20) + 1) * 3_600_000 + k * 60_000),
    }));
    datadog.add(...hourly);
    const { source } = makeSource(server, { poll: false, query: '', states: ['OPEN'] });
    const issues = await source.listIssues({ window: '24h' });
    assert.equal(issues.length, 160);
    assert.equal(source.status().partial, undefined);
    const sent = attributesOf(server);
    assert.ok(sent.some((a) => a.to - a.from < 86_400_000), 'time sub-windows were searched');
    for (const issue of hourly) assert.equal(issues.find((i) => i.id === issue.id)?.count, issue.events.length, 'halves add up to the whole window');
    source.dispose();
  });

  it('says what may be missing when 160 issues of one service all happen all the time', async () => {
    datadog.add(...manyIssues(160, NOW, { services: ['billing-api'], state: () => 'OPEN' }));
    const { source } = makeSource(server, { poll: false, query: '', states: ['OPEN'] });
    const issues = await source.listIssues({ window: '24h' });
    assert.ok(issues.length >= CAP && issues.length < 160, `${issues.length} issues`);
    assert.match(source.status().partial ?? '', new RegExp(`showing ${issues.length} of more than ${issues.length} issues`));
    assert.ok(attributesOf(server).length <= 40, 'within the search budget');
    source.dispose();
  });

  it('says plainly that issues may be missing when the searches allowed do not reach them all', async () => {
    datadog.add(...manyIssues(250, NOW));
    const { source, logs } = makeSource(server, { poll: false, query: '', maxSearches: 2 });
    const issues = await source.listIssues({ window: '24h' });
    assert.equal(issues.length, CAP, 'the first full answer is kept');
    assert.equal(attributesOf(server).length, 1, 'a split into 2 states would pass the budget of 2');
    const partial = source.status().partial ?? '';
    assert.match(partial, /^last 24h: showing 100 of more than 100 issues: Datadog answers at most 100 per search .* narrow with a query$/);
    assert.match(source.status().message ?? '', /^Last 24h: showing 100 of more than 100 issues/);
    assert.ok(logs.some((l) => l.startsWith('warn: Datadog, last 24h: showing 100 of more than 100')));
    source.dispose();
  });

  it('finds a new issue with 5 events outside the top 100 with a FIRST_SEEN search since the last run', async () => {
    const lastRun = NOW - 3_600_000;
    const small = { ...manyIssues(1, NOW)[0], id: 'abcdef00-5b1e-11f1-9d2a-da7ad0900999', service: 'billing-api', events: [NOW - 1_800_000, NOW - 1_700_000, NOW - 1_600_000, NOW - 1_500_000, NOW - 1_400_000] };
    datadog.add(...manyIssues(150, NOW, { services: ['billing-api'], ageMs: () => 20 * 86_400_000 }), small);
    const { source } = makeSource(server, { poll: false, query: '' });
    const found = await source.firstSeenSince(lastRun, NOW);
    assert.deepEqual(found.issues.map((i) => i.id), [small.id]);
    assert.equal(found.shortfall, undefined);
    const [first] = attributesOf(server);
    assert.deepEqual({ order_by: first.order_by, from: first.from, to: first.to }, { order_by: 'FIRST_SEEN', from: lastRun, to: NOW });
    assert.equal(attributesOf(server).length, 1, 'newest first and reaching back before the last run: one search is enough');
    source.dispose();
  });

  it('announces a new issue outside a capped list, and a regression by regressed_at, on the next poll', async () => {
    datadog.add(...manyIssues(120, NOW, { services: ['billing-api'], ageMs: () => 20 * 86_400_000 }));
    let clock = NOW;
    const { source } = makeSource(server, { query: '', maxSearches: 1, now: () => clock, pollWindow: '24h' });
    const events: string[] = [];
    source.onIssueEvent((e) => events.push(`${e.kind} ${e.issue.id}`));
    await source.refresh();
    assert.deepEqual(events, [], 'the first poll is the baseline');
    clock += 5 * 60_000;
    const fresh = { ...manyIssues(1, clock)[0], id: 'abcdef00-5b1e-11f1-9d2a-da7ad0900777', service: 'billing-api', events: [clock - 60_000, clock - 30_000] };
    datadog.add(fresh);
    const regressed = [...datadog.issues.values()][3];
    regressed.regressedAt = clock - 120_000;
    server.requests.length = 0;
    await source.refresh();
    assert.deepEqual(events.sort(), [`issue.new ${fresh.id}`, `issue.regressed ${regressed.id}`].sort());
    const sent = attributesOf(server);
    assert.equal(sent.at(-1)?.order_by, 'FIRST_SEEN', 'the capped list is completed by a FIRST_SEEN search');
    assert.equal(sent.at(-1)?.from, NOW - 15 * 60_000, 'since the last poll, less the ingestion slack');
    source.dispose();
  });

  it('gives up at the overall limit of an operation with a message saying so, however many retries were left', async () => {
    datadog.searchFaults.push({ hang: true });
    const { source } = makeSource(server, { poll: false, operationTimeoutMs: 300, requestTimeoutMs: 30_000 });
    const started = performance.now();
    await assert.rejects(source.listIssues({ window: '24h' }), /^Error: Datadog did not answer within 300 ms, the limit for the issue list$/);
    const took = performance.now() - started;
    assert.ok(took < 2000, `stopped at the limit (${Math.round(took)} ms)`);
    assert.equal(attributesOf(server).length, 1, 'no retry past the limit');
    source.dispose();
  });

  it('assigns an issue to the key owner and unassigns it, as the API expects on the wire', async () => {
    const [issue] = manyIssues(1, NOW);
    datadog.add(issue);
    const { source } = makeSource(server, { poll: false, query: '' });
    assert.equal((await source.listIssues({ window: '24h' }))[0].assignee, undefined);
    const assignee = await source.assign(issue.id, 'me');
    assert.deepEqual(assignee, { id: datadog.currentUserId, name: 'Dana Ops' });
    const put = server.requests.find((r) => r.method === 'PUT');
    assert.equal(put?.path, `/api/v2/error-tracking/issues/${issue.id}/assignee`);
    assert.deepEqual(put?.body, { data: { id: datadog.currentUserId, type: 'assignee' } });
    assert.deepEqual((await source.listIssues({ window: '24h' }))[0].assignee, { id: datadog.currentUserId, name: 'Dana Ops' });
    await source.unassign(issue.id);
    assert.ok(server.requests.some((r) => r.method === 'DELETE' && r.path === `/api/v2/error-tracking/issues/${issue.id}/assignee`));
    assert.equal((await source.listIssues({ window: '24h' }))[0].assignee, undefined);
    source.dispose();
  });

  it('shows the assignee a search includes, named from the included users', async () => {
    const [issue] = manyIssues(1, NOW);
    datadog.add({ ...issue, assigneeId: datadog.currentUserId, teamIds: ['7e4a0000-0000-4000-8000-00000000000a'] });
    datadog.teams.set('7e4a0000-0000-4000-8000-00000000000a', { id: '7e4a0000-0000-4000-8000-00000000000a', name: 'Payments', handle: 'payments' });
    const { source } = makeSource(server, { poll: false, query: '' });
    const [listed] = await source.listIssues({ window: '24h' });
    assert.deepEqual(listed.assignee, { id: datadog.currentUserId, name: 'Dana Ops' });
    assert.deepEqual(listed.teams, [{ id: '7e4a0000-0000-4000-8000-00000000000a', name: 'Payments' }]);
    source.dispose();
  });

  it('a 403 on a state change names the error_tracking_write permission', async () => {
    const [issue] = manyIssues(1, NOW);
    datadog.add(issue);
    server.on(`PUT /api/v2/error-tracking/issues/${issue.id}/state`, { status: 403, body: { errors: ['Forbidden'] } });
    const { source } = makeSource(server, { poll: false });
    await assert.rejects(source.setState(issue.id, 'RESOLVED'), /Could not set the Datadog issue to RESOLVED: Datadog refused it \(403\)\. The application key needs the error_tracking_write permission/);
    source.dispose();
  });

  it('searches the configured track and states', async () => {
    datadog.add(...manyIssues(3, NOW, { state: () => 'RESOLVED' }));
    const { source } = makeSource(server, { poll: false, query: '', track: 'trace', states: ['RESOLVED'] });
    assert.equal((await source.listIssues({ window: '1h' })).length, 3);
    const [sent] = attributesOf(server);
    assert.deepEqual({ track: sent.track, states: sent.states }, { track: 'trace', states: ['RESOLVED'] });
    source.dispose();
  });
});

describe('stack look-ups after a poll', () => {
  let server: FakeDatadog;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());

  it('look up the busiest issues a few at a time, not one after another nor all at once', async () => {
    const datadog = new FakeErrorTracking().install(server, { logs: false });
    datadog.add(...manyIssues(12, NOW));
    server.on('POST /api/v2/logs/events/search', { delayMs: 150, body: { data: [], meta: { status: 'done' } } });
    const { source } = makeSource(server, { query: '', stackPrefetch: 10, concurrency: 4 });
    await source.refresh();
    const lookups = server.sent('POST /api/v2/logs/events/search').map((r) => (r.body as { filter: { query: string } }).filter.query);
    const busiest = manyIssues(10, NOW).map((i) => `@issue.id:${i.id}`);
    assert.deepEqual(lookups.filter((q) => q.startsWith('@issue.id:')).sort(), busiest.sort(), 'the 10 busiest, each once by id');
    assert.equal(server.maxInFlight, 4, 'four in flight at most, and four used');
    source.dispose();
  });
});
