import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeDatadog } from './fake-datadog';
import { API_KEY, APP_KEY, ISSUE_1, NOW, SEARCH, fixture, makeSource } from './helpers';

const RATE_LIMITED = {
  status: 429,
  headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-period': '3600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' },
  body: { errors: ['Rate limit exceeded'] },
};
const SERVER_ERROR = { status: 500, body: { errors: ['Internal Server Error'] } };
const OK = () => ({ body: fixture('search-logs-issues.json') });

describe('Datadog source when Datadog fails', () => {
  let server: FakeDatadog;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  it('waits for X-RateLimit-Reset on 429 and then gets the answer', async () => {
    server.on(SEARCH, RATE_LIMITED, OK());
    const { source, sleeps } = makeSource(server, { poll: false });
    const issues = await source.listIssues({ window: '24h' });
    assert.equal(issues.length, 2);
    assert.deepEqual(sleeps, [2000]);
    assert.equal(server.sent(SEARCH).length, 2);
    assert.equal(source.status().state, 'ok');
    source.dispose();
  });

  it('does not wait inside a request for a far reset: the poller waits for it instead', async () => {
    server.on(SEARCH, OK(), { ...RATE_LIMITED, headers: { 'x-ratelimit-reset': '600' } });
    const { source, sleeps, timers } = makeSource(server);
    await source.refresh();
    assert.equal(timers.at(-1)?.ms, 5 * 60_000, 'next poll after the poll interval');
    await source.refresh();
    assert.deepEqual(sleeps, []);
    assert.equal(timers.at(-1)?.ms, 601_000, 'next poll after the reset');
    const status = source.status();
    assert.equal(status.state, 'stale');
    assert.match(status.message ?? '', /^Rate limited by Datadog \(resets in 600s\); showing data from/);
    source.dispose();
  });

  it('backs off on 5xx, retries, and keeps the last good data marked stale with its age and reason', async () => {
    let clock = NOW;
    server.on(SEARCH, OK(), SERVER_ERROR);
    const { source, sleeps, timers } = makeSource(server, { now: () => clock });
    await source.refresh();
    const good = await source.listIssues({ window: '1h' });
    assert.equal(good.length, 2);
    clock += 7 * 60_000;
    await source.refresh();
    assert.deepEqual(sleeps, [1000, 2000], 'two retries, doubling');
    assert.equal(server.sent(SEARCH).length, 4);
    assert.equal(timers.at(-1)?.ms, 30_000, 'first failure: retry in 30 s');
    const status = source.status();
    assert.equal(status.state, 'stale');
    assert.equal(status.lastSuccess, NOW);
    assert.equal(status.message, 'Datadog answered 500: Internal Server Error; showing data from 7 min ago');
    assert.deepEqual((await source.listIssues({ window: '1h' })).map((i) => i.id), good.map((i) => i.id), 'last good data still shown');
    await source.refresh();
    assert.equal(timers.at(-1)?.ms, 60_000, 'second failure: 60 s');
    source.dispose();
  });

  it('recovers by itself when Datadog answers again', async () => {
    server.on(SEARCH, OK(), SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, OK());
    const { source, timers } = makeSource(server);
    let changes = 0;
    source.onDidChange(() => changes++);
    await source.refresh();
    await source.refresh();
    assert.equal(source.status().state, 'stale');
    timers.at(-1)?.callback(); // the back-off timer fires
    await source.refresh(); // joins the poll the timer started
    assert.equal(source.status().state, 'ok');
    assert.equal(changes, 3, 'loaded, went stale, recovered');
    source.dispose();
  });

  it('reports an error (no data to fall back on) when the first search fails', async () => {
    server.on(SEARCH, SERVER_ERROR);
    const { source } = makeSource(server, { poll: false, retry: { retries: 0 } });
    await assert.rejects(source.listIssues({ window: '24h' }), /Datadog answered 500/);
    assert.equal(source.status().state, 'error');
    source.dispose();
  });

  it('says plainly when Datadog sends malformed JSON', async () => {
    server.on(SEARCH, { body: '{"data": [ {"id": ' });
    const { source } = makeSource(server, { poll: false });
    await assert.rejects(source.listIssues({ window: '24h' }), /not valid JSON/);
    assert.match(source.status().message ?? '', /not valid JSON/);
    assert.equal(server.sent(SEARCH).length, 1, 'a malformed answer is not retried');
    source.dispose();
  });

  it('times out a request that is never answered, retries, then reports it', async () => {
    server.on(SEARCH, { hang: true });
    const { source, sleeps } = makeSource(server, { poll: false, requestTimeoutMs: 150, retry: { retries: 1 } });
    await assert.rejects(source.listIssues({ window: '24h' }), /Datadog did not answer within 150 ms/);
    assert.equal(server.sent(SEARCH).length, 2);
    assert.deepEqual(sleeps, [1000]);
    source.dispose();
  });

  it('cancels the request in flight and stops polling on dispose', async () => {
    server.on(SEARCH, { hang: true });
    const { source, timers } = makeSource(server, { requestTimeoutMs: 60_000 });
    const refreshing = source.refresh();
    while (server.sent(SEARCH).length === 0) await new Promise((r) => setImmediate(r));
    source.dispose();
    await refreshing; // settles at once instead of after the 60 s timeout
    assert.equal(timers.length, 0, 'no poll scheduled after dispose');
    await assert.rejects(source.listIssues({ window: '24h' }), /closed/);
  });

  it('never runs two refreshes at once', async () => {
    server.on(SEARCH, OK());
    const { source } = makeSource(server, { poll: false });
    await Promise.all([source.refresh(), source.refresh(), source.refresh()]);
    assert.equal(server.sent(SEARCH).length, 1);
    source.dispose();
  });

  it('says the keys were rejected on 403, and no key ever reaches a message, a log or the status', async () => {
    server.on(SEARCH, { status: 403, body: { errors: [`Forbidden: key ${API_KEY} / ${APP_KEY} has no access`] } });
    const { source, logs } = makeSource(server);
    assert.deepEqual(await source.checkCredentials(), { ok: false, message: 'API or application key rejected (403)' });
    await source.refresh();
    const texts = [...logs, source.status().message ?? ''];
    await source.getIssue(ISSUE_1, { window: '1h' }).catch((e: Error) => texts.push(e.message));
    assert.ok(texts.some((t) => t.includes('API or application key rejected (403)')));
    for (const text of texts) {
      assert.ok(!text.includes(API_KEY) && !text.includes(APP_KEY), `leaked a key: ${text}`);
    }
    source.dispose();
  });

  it('accepts working keys', async () => {
    server.on(SEARCH, OK());
    const { source } = makeSource(server, { poll: false });
    assert.deepEqual(await source.checkCredentials(), { ok: true });
    source.dispose();
  });
});
