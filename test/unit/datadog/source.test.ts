import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeDatadog } from './fake-datadog';
import {
  AGGREGATE,
  API_KEY,
  APP_KEY,
  ISSUE_1,
  ISSUE_2,
  LOGS,
  NOW,
  SEARCH,
  fixture,
  issuePath,
  makeSource,
  statePath,
} from './helpers';

describe('Datadog source against a local server answering in the API shapes', () => {
  let server: FakeDatadog;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  it('searches logs issues with the query, the window, TOTAL_COUNT order, include=issue and both keys', async () => {
    server.on(SEARCH, { body: fixture('search-logs-issues.json') });
    const { source } = makeSource(server, { poll: false });
    await source.listIssues({ window: '24h', query: 'service:nightly-*' });
    const [request] = server.sent(SEARCH);
    assert.equal(request.method, 'POST');
    assert.equal(request.query.get('include'), 'issue,issue.assignee,issue.team_owners');
    assert.equal(request.headers['dd-api-key'], API_KEY);
    assert.equal(request.headers['dd-application-key'], APP_KEY);
    assert.deepEqual(request.body, {
      data: {
        type: 'search_request',
        attributes: { query: 'env:prod service:nightly-*', from: NOW - 86_400_000, to: NOW, track: 'logs', order_by: 'TOTAL_COUNT', states: ['OPEN', 'ACKNOWLEDGED'] },
      },
    });
    source.dispose();
  });

  it('maps search results and their included issues to summaries, sorted by count', async () => {
    server.on(SEARCH, { body: fixture('search-logs-issues.json') });
    const { source } = makeSource(server, { poll: false });
    const issues = await source.listIssues({ window: '24h' });
    assert.deepEqual(
      issues.map((i) => [i.id, i.count]),
      [
        [ISSUE_1, 42],
        [ISSUE_2, 7],
      ],
    );
    const [first, second] = issues;
    assert.equal(first.source, 'datadog');
    assert.equal(first.service, 'nightly-import');
    assert.equal(first.errorKind, 'TypeError');
    assert.equal(first.message, 'tags.map is not a function');
    assert.equal(first.state, 'OPEN');
    assert.equal(first.firstSeen, Date.parse('2026-11-28T11:20:00Z'));
    assert.equal(first.lastSeenVersion, '1.4.2');
    assert.equal(first.isNew, true, 'open and first seen inside the window');
    assert.deepEqual(first.topFrame, { file: '/app/src/transform/records.ts', function: 'normalizeTags', inApp: true });
    assert.equal(first.regression, undefined);
    assert.equal(second.isNew, false, 'first seen eight days ago');
    assert.equal(second.firstSeenVersion, undefined, 'Datadog sends "" for unknown fields');
    assert.deepEqual(second.regression, { at: Date.parse('2026-11-28T11:40:00Z'), version: '2.1.0' });
    source.dispose();
  });

  it('serves a second list for the same query and window from the cache', async () => {
    server.on(SEARCH, { body: fixture('search-logs-issues.json') });
    const { source } = makeSource(server, { poll: false });
    await source.listIssues({ window: '24h' });
    await source.listIssues({ window: '24h' });
    await Promise.all([source.listIssues({ window: '7d' }), source.listIssues({ window: '7d' })]);
    assert.equal(server.sent(SEARCH).length, 2, 'one per window, concurrent callers share one request');
    source.dispose();
  });

  it('builds the issue page: samples newest first, the parsed stack, histogram, facets, link and query', async () => {
    server
      .on(SEARCH, { body: fixture('search-logs-issues.json') })
      .on(issuePath(ISSUE_1), { body: fixture('get-logs-issue.json') })
      .on(LOGS, { body: fixture('list-logs-with-error.json') })
      .on(AGGREGATE, { body: fixture('aggregate-count-timeseries.json') });
    const { source } = makeSource(server, { poll: false });
    await source.listIssues({ window: '1h' });
    const details = await source.getIssue(ISSUE_1, { window: '1h' });
    assert.ok(details);

    const [logsRequest] = server.sent(LOGS);
    assert.deepEqual(logsRequest.body, {
      filter: { query: `@issue.id:${ISSUE_1}`, from: new Date(NOW - 3_600_000).toISOString(), to: new Date(NOW).toISOString() },
      sort: '-timestamp',
      page: { limit: 10 },
    });
    const [aggregateRequest] = server.sent(AGGREGATE);
    assert.deepEqual(aggregateRequest.body, {
      compute: [{ aggregation: 'count', type: 'timeseries', interval: '2m' }],
      filter: { query: `@issue.id:${ISSUE_1}`, from: new Date(NOW - 3_600_000).toISOString(), to: new Date(NOW).toISOString() },
    });

    assert.equal(details.count, 42, 'the count of the listed window');
    assert.equal(details.samples.length, 2);
    assert.deepEqual(details.samples.map((s) => s.kind), ['latest', 'sampled']);
    const event = details.samples[0].event;
    assert.equal(event.timestamp, Date.parse('2026-11-28T11:55:00Z'));
    assert.equal(event.service, 'nightly-import');
    assert.equal(event.env, 'prod');
    assert.equal(event.version, '1.4.2');
    assert.equal(event.host, 'batch-7f9c');
    assert.equal(event.status, 'error');
    assert.equal(event.error.kind, 'TypeError');
    assert.match(event.error.stack ?? '', /at normalizeTags/);
    assert.deepEqual(event.attributes.job, { name: 'nightly-import', run_id: 'run-2026-11-28' });
    assert.deepEqual(event.attributes.usr, { id: 1234 });
    assert.equal(event.attributes.error, undefined, 'error.* lives in event.error');

    assert.ok(details.error);
    assert.equal(details.error.kind, 'TypeError');
    assert.deepEqual(details.error.frames.map((f) => f.function), ['normalizeTags', 'normalizeRecord', 'importAccount', 'process.processTicksAndRejections', 'runImport']);
    assert.deepEqual(details.topFrame, { function: 'normalizeTags', file: '/app/src/transform/records.ts', line: 31, column: 15, inApp: true });
    assert.deepEqual(details.inAppFrames?.map((f) => f.function), ['normalizeTags', 'normalizeRecord', 'importAccount', 'runImport']);

    assert.equal(details.histogram.length, 30);
    assert.equal(details.histogram.reduce((s, b) => s + b.count, 0), 42);
    assert.equal(details.histogram.find((b) => b.start === Date.parse('2026-11-28T11:40:00Z'))?.count, 30);
    assert.ok(details.histogram.every((b) => b.width === 120_000));

    const job = details.facets.find((f) => f.path === 'job.run_id');
    assert.deepEqual(job, { path: 'job.run_id', total: 2, values: [{ value: 'run-2026-11-28', count: 2 }] });
    assert.equal(details.externalUrl, `https://app.datadoghq.com/error-tracking?issueId=${ISSUE_1}`);
    assert.equal(details.query, `@issue.id:${ISSUE_1}`);
    assert.deepEqual(details.fingerprint, ['nightly-import', 'TypeError', '/app/src/transform/records.ts', 'normalizeTags']);
    source.dispose();
  });

  it('lists the parsed in-app frames for lenses once the issue page was built', async () => {
    server
      .on(SEARCH, { body: fixture('search-logs-issues.json') })
      .on(issuePath(ISSUE_1), { body: fixture('get-logs-issue.json') })
      .on(LOGS, { body: fixture('list-logs-with-error.json') })
      .on(AGGREGATE, { body: fixture('aggregate-count-timeseries.json') });
    const mapped: string[] = [];
    const { source } = makeSource(server, {
      poll: false,
      mapper: {
        mapFrames: (frames) =>
          frames.map((f) => {
            mapped.push(f.function);
            return f.file.startsWith('/app/') ? { ...f, location: { workspaceFolder: '/ws', path: `/ws${f.file.slice(4)}`, line: f.line ?? 1, how: 'prefix-mapping' as const } } : f;
          }),
        mapError: (e) => e,
      },
    });
    await source.getIssue(ISSUE_1, { window: '1h' });
    const [issue] = await source.listIssues({ window: '1h' });
    assert.deepEqual(issue.inAppFrames?.map((f) => [f.function, f.location?.path, f.line]), [
      ['normalizeTags', '/ws/src/transform/records.ts', 31],
      ['normalizeRecord', '/ws/src/transform/records.ts', 20],
      ['importAccount', '/ws/src/job.ts', 29],
      ['runImport', '/ws/src/job.ts', 55],
    ]);
    assert.equal(issue.topFrame?.location?.path, '/ws/src/transform/records.ts');
    assert.ok(mapped.includes('normalizeTags'));
    source.dispose();
  });

  it('falls back to service + kind + message when no log carries @issue.id', async () => {
    server
      .on(issuePath(ISSUE_1), { body: fixture('get-logs-issue.json') })
      .on(LOGS, { body: { data: [], meta: { status: 'done' } } }, { body: fixture('list-logs-with-error.json') })
      .on(AGGREGATE, { body: fixture('aggregate-count-timeseries.json') });
    const { source } = makeSource(server, { poll: false });
    const details = await source.getIssue(ISSUE_1, { window: '1h' });
    const [first, second] = server.sent(LOGS);
    assert.equal((first.body as { filter: { query: string } }).filter.query, `@issue.id:${ISSUE_1}`);
    const fallback = 'env:prod service:"nightly-import" @error.kind:"TypeError" @error.message:"tags.map is not a function"';
    assert.equal((second.body as { filter: { query: string } }).filter.query, fallback);
    assert.equal(details?.query, fallback, '"Copy query" copies the query that found the samples');
    assert.deepEqual(
      server.sent(AGGREGATE).map((r) => (r.body as { filter: { query: string } }).filter.query),
      [`@issue.id:${ISSUE_1}`, fallback],
      'counts asked with the id alongside the issue, then again with the query that found logs',
    );
    assert.equal(details?.samples.length, 2);
    assert.equal(details?.count, 42, 'outside any listed window the count is the histogram total');
    source.dispose();
  });

  it('answers undefined for an issue Datadog does not know', async () => {
    server.on(issuePath(ISSUE_2), { status: 404, body: { errors: [{ status: '404', title: 'Not Found', detail: 'issue not found' }] } });
    const { source } = makeSource(server, { poll: false });
    assert.equal(await source.getIssue(ISSUE_2, { window: '24h' }), undefined);
    source.dispose();
  });

  it('sets an issue state with updateIssueState and shows it in the cached list at once', async () => {
    server.on(SEARCH, { body: fixture('search-logs-issues.json') }).on(statePath(ISSUE_1), (request) => {
      const state = (request.body as { data: { attributes: { state: string } } }).data.attributes.state;
      const issue = fixture('get-logs-issue.json') as { data: { attributes: { state: string } } };
      issue.data.attributes.state = state;
      return { body: issue };
    });
    const { source } = makeSource(server, { poll: false });
    await source.listIssues({ window: '24h' });
    let changes = 0;
    source.onDidChange(() => changes++);
    await source.setState(ISSUE_1, 'RESOLVED');
    const [request] = server.sent(statePath(ISSUE_1));
    assert.equal(request.method, 'PUT');
    assert.deepEqual(request.body, { data: { id: ISSUE_1, type: 'error_tracking_issue', attributes: { state: 'RESOLVED' } } });
    const issues = await source.listIssues({ window: '24h' });
    assert.equal(issues.find((i) => i.id === ISSUE_1)?.state, 'RESOLVED');
    assert.equal(changes, 1);
    assert.equal(server.sent(SEARCH).length, 1);
    source.dispose();
  });

  it('reads issues whose enum values are newer than the client (kept raw by it)', async () => {
    const search = fixture('search-logs-issues.json') as { included: { attributes: Record<string, unknown> }[] };
    search.included[0].attributes.platform = 'SOME_FUTURE_PLATFORM';
    search.included[0].attributes.state = 'EXCLUDED';
    (search.included[1].attributes as Record<string, unknown>).state = 'SOME_FUTURE_STATE';
    server.on(SEARCH, { body: search });
    const { source } = makeSource(server, { poll: false });
    const issues = await source.listIssues({ window: '24h' });
    assert.equal(issues.length, 2);
    assert.equal(issues[0].service, 'nightly-import');
    assert.equal(issues[0].state, 'EXCLUDED', 'Excluded stays Excluded, never Ignored');
    assert.equal(issues[1].state, 'OPEN', 'a state newer than this version reads as For Review');
    assert.equal(issues[0].firstSeen, Date.parse('2026-11-28T11:20:00Z'));
    source.dispose();
  });

  it('after a poll, fetches one small sample of the busiest issues so lenses get whole stacks', async () => {
    const logs = fixture('list-logs-with-error.json');
    server.on(SEARCH, { body: fixture('search-logs-issues.json') }).on(LOGS, (request) => {
      const query = (request.body as { filter: { query: string } }).filter.query;
      return query === `@issue.id:${ISSUE_1}` ? { body: logs } : { body: { data: [] } };
    });
    const { source } = makeSource(server, { stackPrefetch: 10 });
    let changes = 0;
    source.onDidChange(() => changes++);
    await source.refresh();
    const sent = server.sent(LOGS).map((r) => r.body as { filter: { query: string; from: string; to: string }; page: { limit: number } });
    assert.deepEqual(sent.map((b) => b.filter.query), [
      `@issue.id:${ISSUE_1}`,
      `@issue.id:${ISSUE_2}`,
      'env:prod service:"enrich-worker" @error.kind:"AttributeError" @error.message:"\'NoneType\' object has no attribute \'strip\'"',
    ]);
    assert.deepEqual(sent[0].page, { limit: 3 });
    assert.equal(sent[0].filter.to, new Date(Date.parse('2026-11-28T11:56:00Z')).toISOString(), 'up to a minute after the last event');
    assert.equal(changes, 2, 'once for the list, once for the frames');
    const [busiest] = await source.listIssues({ window: '1h' });
    assert.deepEqual(busiest.inAppFrames?.map((f) => `${f.function}:${f.line}`), ['normalizeTags:31', 'normalizeRecord:20', 'importAccount:29', 'runImport:55']);
    await source.refresh();
    assert.equal(server.sent(LOGS).length, 3, 'each issue is looked up once');
    source.dispose();
  });

  it('pages through more samples on demand, newest first', async () => {
    const second = { data: [(fixture('list-logs-with-error.json') as { data: unknown[] }).data[1]], meta: { status: 'done' } };
    server
      .on(issuePath(ISSUE_1), { body: fixture('get-logs-issue.json') })
      .on(LOGS, { body: fixture('list-logs-with-error.json') }, { body: second })
      .on(AGGREGATE, { body: fixture('aggregate-count-timeseries.json') });
    const { source } = makeSource(server, { poll: false, sampleLimit: 2 });
    const details = await source.getIssue(ISSUE_1, { window: '24h' });
    assert.equal(details?.canLoadMoreSamples, true, 'Datadog handed a cursor: the page offers more');
    const more = await source.moreSamples(ISSUE_1, { window: '24h' });
    assert.equal(more.samples.length, 1);
    assert.equal(more.samples[0].kind, 'sampled');
    assert.equal(more.done, true);
    const [, next] = server.sent(LOGS).map((r) => r.body as { page: { cursor?: string; limit: number }; filter: { query: string } });
    assert.deepEqual(next.page, { limit: 2, cursor: 'eyJhZnRlciI6IkFRQUFBWk5iRXZHeCJ9' });
    assert.equal(next.filter.query, `@issue.id:${ISSUE_1}`);
    assert.deepEqual(await source.moreSamples(ISSUE_1, { window: '24h' }), { samples: [], done: true });
    assert.equal(server.sent(LOGS).length, 2);
    source.dispose();
  });

  it('maps frames onto the workspace folders it is given, as the local source does', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'dd-ws-'));
    mkdirSync(path.join(ws, 'src', 'transform'), { recursive: true });
    const lines = Array.from({ length: 40 }, (_, i) => `  // line ${i + 1}`);
    lines[13] = 'export function normalizeRecord(raw: unknown) {';
    lines[19] = '  return normalizeTags(raw);';
    lines[26] = 'export function normalizeTags(raw: { tags: string[] }) {';
    lines[30] = '  return raw.tags.map((t) => t.trim());';
    writeFileSync(path.join(ws, 'src', 'transform', 'records.ts'), lines.join('\n'));
    server
      .on(issuePath(ISSUE_1), { body: fixture('get-logs-issue.json') })
      .on(LOGS, { body: fixture('list-logs-with-error.json') })
      .on(AGGREGATE, { body: fixture('aggregate-count-timeseries.json') });
    const { source } = makeSource(server, { poll: false, workspaceFolders: [ws], prefixMappings: { '/app/': `${ws}/` } });
    try {
      const details = await source.getIssue(ISSUE_1, { window: '1h' });
      const records = path.join(ws, 'src', 'transform', 'records.ts');
      assert.equal(details?.topFrame?.location?.path, records);
      assert.equal(details?.topFrame?.location?.line, 31);
      assert.deepEqual(details?.inAppFrames?.map((f) => `${f.function}:${f.location?.line}`), ['normalizeTags:31', 'normalizeRecord:20'], 'only frames found in the workspace');
      const job = details?.error?.frames.find((f) => f.function === 'importAccount');
      assert.ok(job?.unmapped, 'a frame outside the workspace says why it is unmapped');
    } finally {
      source.dispose();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
