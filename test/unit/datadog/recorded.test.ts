// Replays real Datadog answers (recorded by the Datadog client's maintainers) from the shared
// fixtures, and checks the requests this source sends have the recorded requests' shapes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeDatadog } from './fake-datadog';
import { AGGREGATE, LOGS, NOW, SEARCH, issuePath, makeSource, statePath } from './helpers';
import { RECORDINGS_ABSENT, recorded, recordingsPresent } from './recordings';

const RECORDED_ISSUE = '5f8ebd5c-6dd9-11f0-8a28-da7ad0900002';
const UNKNOWN_ISSUE = '67d80aa3-36ff-44b9-a694-c501a7591737';
const ET = 'Error-Tracking' as const;

describe('Datadog source replaying recorded Datadog answers', { skip: recordingsPresent ? false : RECORDINGS_ABSENT }, () => {
  let server: FakeDatadog;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  it('sends a search body shaped like the recorded one (plus track logs and the order)', async () => {
    const entry = recorded(ET, 'Search-error-tracking-issues-returns-OK', SEARCH);
    server.on(SEARCH, entry.response);
    const { source } = makeSource(server, { poll: false, query: 'service:orders-* AND @language:go' });
    const issues = await source.listIssues({ window: '1h' });
    assert.deepEqual(issues, [], 'the recorded answer is {"data":[]}');
    const sent = server.sent(SEARCH)[0].body as { data: { type: string; attributes: Record<string, unknown> } };
    const recordedBody = entry.requestBody as { data: { type: string; attributes: Record<string, unknown> } };
    assert.equal(sent.data.type, recordedBody.data.type);
    assert.deepEqual(Object.keys(sent.data.attributes).sort(), [...Object.keys(recordedBody.data.attributes), 'order_by', 'states'].sort());
    assert.deepEqual(sent.data.attributes.states, ['OPEN', 'ACKNOWLEDGED'], 'only the states looked at');
    assert.equal(sent.data.attributes.track, 'logs');
    assert.equal(sent.data.attributes.query, 'service:orders-* AND @language:go');
    source.dispose();
  });

  it('skips, and says so, search results that come without their issue (the recorded answers have no included)', async () => {
    server.on(SEARCH, recorded(ET, 'Get-the-details-of-an-error-tracking-issue-returns-OK', SEARCH).response);
    const { source, logs } = makeSource(server, { poll: false });
    assert.deepEqual(await source.listIssues({ window: '24h' }), []);
    assert.ok(logs.some((l) => /1 Datadog search results came without their issue/.test(l)));
    source.dispose();
  });

  it('builds an issue page from the recorded issue, logs and (empty) aggregate', async () => {
    server
      .on(issuePath(RECORDED_ISSUE), recorded(ET, 'Get-the-details-of-an-error-tracking-issue-returns-OK', 'GET /api/v2/error-tracking/issues/*').response)
      .on(LOGS, recorded('Logs', 'Search-logs-returns-OK-response-with-pagination', LOGS).response)
      .on(AGGREGATE, recorded('Logs', 'Aggregate-compute-events-returns-OK', AGGREGATE).response);
    const { source } = makeSource(server, { poll: false });
    const details = await source.getIssue(RECORDED_ISSUE, { window: '24h' });
    assert.ok(details);
    assert.equal(details.id, RECORDED_ISSUE);
    assert.equal(details.errorKind, 'Error');
    assert.equal(details.message, 'HTTP error');
    assert.equal(details.service, 'synthetics-browser');
    assert.equal(details.state, 'RESOLVED');
    assert.equal(details.firstSeen, 1753944082256);
    assert.equal(details.lastSeen, 1755686259367);
    assert.equal(details.firstSeenVersion, undefined, '"" means unknown');
    assert.equal(details.topFrame, undefined, 'file_path and function_name are ""');
    assert.equal(details.isNew, false);

    assert.equal(details.samples.length, 2, 'the recorded page holds two logs');
    const [newest] = details.samples;
    assert.equal(newest.event.timestamp, Date.parse('2022-04-11T16:29:47.000Z'));
    assert.equal(newest.event.status, 'info', 'Datadog status "ok"');
    assert.equal(newest.event.env, 'integrations-lab');
    assert.equal(newest.event.host, '05f9b9df-ae45-4c8b-66bf-e24c');
    assert.deepEqual((newest.event.attributes.http as { method: string }).method, 'GET');
    assert.equal(details.error, undefined, 'no log carries error.stack');

    assert.equal(details.histogram.length, 48);
    assert.ok(details.histogram.every((b) => b.count === 0), 'empty buckets give a zero histogram');
    assert.equal(details.count, 0);
    const facet = details.facets.find((f) => f.path === 'http.status_code');
    assert.deepEqual(facet?.values, [{ value: '200', count: 1 }]);
    source.dispose();
  });

  it('answers undefined for the recorded 404 and rejects the recorded 400 with its detail', async () => {
    server
      .on(issuePath(UNKNOWN_ISSUE), recorded(ET, 'Get-the-details-of-an-error-tracking-issue-returns-Not-Found', 'GET /api/v2/error-tracking/issues/*').response)
      .on(issuePath('invalid-issue-id'), recorded(ET, 'Get-the-details-of-an-error-tracking-issue-returns-Bad-Request', 'GET /api/v2/error-tracking/issues/*').response);
    const { source } = makeSource(server, { poll: false });
    assert.equal(await source.getIssue(UNKNOWN_ISSUE, { window: '24h' }), undefined);
    await assert.rejects(source.getIssue('invalid-issue-id', { window: '24h' }), /Datadog answered 400: issue id is not an uuid/);
    assert.notEqual(source.status().state, 'stale', 'a bad id says nothing about the connection');
    source.dispose();
  });

  it('updates a state with the recorded request body and accepts the recorded answer', async () => {
    const entry = recorded(ET, 'Update-the-state-of-an-issue-returns-OK', 'PUT /api/v2/error-tracking/issues/*');
    server.on(statePath(RECORDED_ISSUE), entry.response);
    const { source } = makeSource(server, { poll: false });
    await source.setState(RECORDED_ISSUE, 'RESOLVED');
    assert.deepEqual(server.sent(statePath(RECORDED_ISSUE))[0].body, entry.requestBody);
    source.dispose();
  });

  it('reports the recorded 404 and 400 of a state update', async () => {
    server
      .on(statePath(UNKNOWN_ISSUE), recorded(ET, 'Update-the-state-of-an-issue-returns-Not-Found', 'PUT /api/v2/error-tracking/issues/*').response)
      .on(statePath(RECORDED_ISSUE), recorded(ET, 'Update-the-state-of-an-issue-returns-Bad-Request', 'PUT /api/v2/error-tracking/issues/*').response);
    const { source } = makeSource(server, { poll: false });
    await assert.rejects(source.setState(UNKNOWN_ISSUE, 'RESOLVED'), /Could not set the Datadog issue to RESOLVED: Datadog answered 404: issue not found/);
    await assert.rejects(source.setState(RECORDED_ISSUE, 'IGNORED'), /Datadog answered 400: invalid json value for IssueState/);
    source.dispose();
  });

  it('assigns with the recorded request body and reads the assignee from the recorded answer', async () => {
    const entry = recorded(ET, 'Update-the-assignee-of-an-issue-returns-OK', 'PUT /api/v2/error-tracking/issues/*');
    const userId = (entry.requestBody as { data: { id: string } }).data.id;
    server.on(`PUT /api/v2/error-tracking/issues/${RECORDED_ISSUE}/assignee`, entry.response);
    const { source } = makeSource(server, { poll: false });
    // The recorded user has empty name, handle and email: only its id is known.
    assert.deepEqual(await source.assign(RECORDED_ISSUE, userId), { id: userId });
    assert.deepEqual(server.sent(`PUT /api/v2/error-tracking/issues/${RECORDED_ISSUE}/assignee`)[0].body, entry.requestBody);
    source.dispose();
  });

  it('unassigns with the recorded DELETE (204, no body) and reports the recorded 404 and 400', async () => {
    const removed = recorded(ET, 'Remove-the-assignee-of-an-issue-returns-No-Content', 'DELETE /api/v2/error-tracking/issues/*');
    const removedId = removed.path.split('/')[5];
    server
      .on(`DELETE /api/v2/error-tracking/issues/${removedId}/assignee`, removed.response)
      .on(`DELETE /api/v2/error-tracking/issues/${UNKNOWN_ISSUE}/assignee`, recorded(ET, 'Remove-the-assignee-of-an-issue-returns-Not-Found', 'DELETE /api/v2/error-tracking/issues/*').response)
      .on(`PUT /api/v2/error-tracking/issues/${RECORDED_ISSUE}/assignee`, recorded(ET, 'Update-the-assignee-of-an-issue-returns-Bad-Request', 'PUT /api/v2/error-tracking/issues/*').response);
    const { source } = makeSource(server, { poll: false });
    await source.unassign(removedId);
    assert.equal(server.sent(`DELETE /api/v2/error-tracking/issues/${removedId}/assignee`).length, 1);
    await assert.rejects(source.unassign(UNKNOWN_ISSUE), /^Error: Could not unassign the Datadog issue: Datadog answered 404/);
    await assert.rejects(source.assign(RECORDED_ISSUE, 'not-a-user'), /^Error: Could not assign the Datadog issue: Datadog answered 400/);
    source.dispose();
  });

  it('reports the recorded 400 of a search in the status', async () => {
    server.on(SEARCH, recorded(ET, 'Search-error-tracking-issues-returns-Bad-Request', SEARCH).response);
    const { source } = makeSource(server, { poll: false });
    await assert.rejects(source.listIssues({ window: '24h' }), /Datadog answered 400: invalid json value for TrackType/);
    assert.deepEqual(source.status(), { state: 'error', message: 'Datadog answered 400: invalid json value for TrackType: invalid-track', lastSuccess: undefined });
    source.dispose();
  });

  it('sends logs and aggregate bodies with the recorded fields and time bounds as ISO dates', async () => {
    server
      .on(issuePath(RECORDED_ISSUE), recorded(ET, 'Get-the-details-of-an-error-tracking-issue-returns-OK', 'GET /api/v2/error-tracking/issues/*').response)
      .on(LOGS, recorded('Logs', 'Search-logs-returns-OK-response_', LOGS).response)
      .on(AGGREGATE, recorded('Logs', 'Aggregate-compute-events-returns-OK', AGGREGATE).response);
    const { source } = makeSource(server, { poll: false });
    await source.getIssue(RECORDED_ISSUE, { window: '7d' });
    const recordedLogs = recorded('Logs', 'Search-logs-returns-OK-response_', LOGS).requestBody as Record<string, unknown>;
    const [logsBody] = server.sent(LOGS).map((r) => r.body as Record<string, unknown>);
    for (const key of Object.keys(recordedLogs)) assert.ok(key in logsBody, `logs body has ${key}`);
    assert.equal((logsBody.filter as { from: string }).from, new Date(NOW - 7 * 86_400_000).toISOString());
    const recordedAggregate = recorded('Logs', 'Aggregate-compute-events-returns-OK', AGGREGATE).requestBody as { compute: unknown[] };
    const aggregateBody = server.sent(AGGREGATE)[0].body as { compute: { aggregation: string; type: string; interval: string }[] };
    assert.deepEqual(Object.keys(aggregateBody.compute[0]).sort(), Object.keys(recordedAggregate.compute[0] as object).sort());
    assert.equal(aggregateBody.compute[0].interval, '6h');
    source.dispose();
  });
});
