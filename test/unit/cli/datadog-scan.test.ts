// errtrack scan --source datadog: table, JSON, workspace mapping, --state/--fail-on-new, usage
// errors (2), Datadog failures (1), and never a key in the output.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { IssueStore } from '../../../src/core/issues';
import { validatePersisted } from '../../../src/core/issues/persisted';
import { FakeDatadog } from '../datadog/fake-datadog';
import {
  API_KEY, APP_KEY, ISSUE_1, ISSUE_2, LOGS, NOW, NOW_ISO, REPO, SEARCH,
  answerFromFixtures, assertNoKeys, fixture, keysEnv, run, type SearchBody,
} from './datadog-harness';

const server = new FakeDatadog();
before(() => server.start());
after(() => server.stop());
beforeEach(() => server.reset());

const scan = (...args: string[]) => run(['scan', '--source', 'datadog', '--now', NOW_ISO, ...args], keysEnv(server));

test('scan --source datadog prints the issues as a table sorted by count, from a request carrying both keys', async () => {
  answerFromFixtures(server);
  const r = await scan();
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^COUNT\s+STATE\s+SERVICE\s+KIND\s+MESSAGE\s+TOP FRAME\s+ID$/);
  assert.match(lines[1], new RegExp(`^\\s*42\\s+NEW\\s+nightly-import\\s+TypeError\\s+tags\\.map is not a function\\s+/app/src/transform/records\\.ts:31\\s+${ISSUE_1}$`));
  assert.match(lines[2], new RegExp(`^\\s*7\\s+NEW\\s+enrich-worker\\s+AttributeError\\s+.*${ISSUE_2}$`));
  assert.equal(lines[3], `2 issues from 49 error events in Datadog (${server.url}, last 24h)`);

  const [search] = server.sent(SEARCH);
  assert.equal(search.headers['dd-api-key'], API_KEY);
  assert.equal(search.headers['dd-application-key'], APP_KEY);
  assert.equal(search.query.get('include'), 'issue');
  const attributes = (search.body as { data: { attributes: Record<string, unknown> } }).data.attributes;
  assert.deepEqual(
    { track: attributes.track, query: attributes.query, from: attributes.from, to: attributes.to },
    { track: 'logs', query: '*', from: NOW - 86_400_000, to: NOW },
  );
  assert.equal(server.sent(SEARCH).length, 1, 'one search: the list comes from the first poll');
  assertNoKeys(r.stdout + r.stderr);
});

test('scan --source datadog --format json prints one object in the local scan shape, stats summing the counts', async () => {
  answerFromFixtures(server);
  const r = await scan('--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).sort(), ['issues', 'stats']);
  assert.deepEqual(out.stats, { files: 0, lines: 0, records: 49, joined: 0, blank: 0, errors: 49, malformed: 0, skipped: {}, problems: [] });
  assert.deepEqual(out.issues.map((i: { id: string; count: number }) => [i.id, i.count]), [[ISSUE_1, 42], [ISSUE_2, 7]]);
  const [js, py] = out.issues;
  for (const key of ['id', 'service', 'errorKind', 'message', 'count', 'firstSeen', 'lastSeen', 'firstSeenVersion', 'lastSeenVersion', 'state', 'topFrame']) {
    assert.ok(key in js, `issue has ${key}`);
  }
  assert.deepEqual(
    { firstSeen: js.firstSeen, lastSeen: js.lastSeen, firstSeenVersion: js.firstSeenVersion, lastSeenVersion: js.lastSeenVersion, state: js.state, new: js.new },
    { firstSeen: '2026-11-28T11:20:00.000Z', lastSeen: '2026-11-28T11:55:00.000Z', firstSeenVersion: '1.4.0', lastSeenVersion: '1.4.2', state: 'OPEN', new: true },
  );
  // The line comes from the sample log's error.stack; the issue API only names file and function.
  assert.deepEqual(js.topFrame, { file: '/app/src/transform/records.ts', line: 31, function: 'normalizeTags', workspacePath: null, workspaceLine: null });
  assert.deepEqual(py.topFrame, { file: '/app/enrich/geocode.py', line: null, function: 'normalize_postcode', workspacePath: null, workspaceLine: null });
  assert.equal(py.firstSeenVersion, null, 'empty versions are null, as in the local scan');
});

test('scan --source datadog --workspace maps top frames onto the workspace as the local scan does', async () => {
  answerFromFixtures(server);
  const ws = join(REPO, 'demo/nightly-import');
  const r = await scan('--format', 'json', '--workspace', ws, '--map', `/app/=${ws}/`);
  assert.equal(r.status, 0, r.stderr);
  const [js, py] = JSON.parse(r.stdout).issues;
  assert.equal(js.topFrame.workspacePath, 'src/transform/records.ts');
  assert.equal(js.topFrame.workspaceLine, 31);
  assert.equal(py.topFrame.workspacePath, 'enrich/geocode.py');
});

test('--query, --service and --since scope the search; --since is rounded up to a Datadog window', async () => {
  answerFromFixtures(server);
  const r = await scan('--query', 'env:prod service:batch-*', '--service', 'nightly-import', '--since', '2h');
  assert.equal(r.status, 0, r.stderr);
  const attributes = (server.sent(SEARCH)[0].body as { data: { attributes: Record<string, unknown> } }).data.attributes;
  assert.equal(attributes.query, 'env:prod service:batch-* service:nightly-import');
  assert.equal(attributes.from, NOW - 86_400_000, '2h is rounded up to 24h');
  assert.match(r.stdout, /last 24h, query env:prod service:batch-\* service:nightly-import\)$/m);

  server.reset();
  answerFromFixtures(server);
  assert.equal((await scan('--since', '7d')).status, 0);
  assert.equal((server.sent(SEARCH)[0].body as { data: { attributes: { from: number } } }).data.attributes.from, NOW - 7 * 86_400_000);
  const tooLong = await scan('--since', '45d');
  assert.equal(tooLong.status, 2);
  assert.match(tooLong.stderr, /--since goes up to 30d with --source datadog/);
});

test('--state records the Datadog ids in the state-file format; --fail-on-new exits 3 only for ids not in it', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'errtrack-dd-')), 'state.json');
  answerFromFixtures(server);
  const first = await scan('--state', state, '--fail-on-new');
  assert.equal(first.status, 3, first.stderr);
  assert.match(first.stderr, new RegExp(`^2 new issues: ${ISSUE_1}, ${ISSUE_2}$`, 'm'));

  const saved = JSON.parse(readFileSync(state, 'utf8'));
  assert.ok(validatePersisted(saved).ok, 'the file passes the local store validation');
  assert.deepEqual(saved.issues.map((i: { id: string }) => i.id), [ISSUE_1, ISSUE_2]);
  assert.deepEqual(new IssueStore().loadPersisted(saved), { ok: true }, 'a local scan can share the file');

  const second = await scan('--state', state, '--fail-on-new');
  assert.equal(second.status, 0, second.stderr);
  assert.doesNotMatch(second.stdout, /NEW/);

  // A third issue appears in Datadog: only it is new.
  const search = fixture<SearchBody>('search-logs-issues.json');
  const third = 'e3f2c9f0-5b1e-11f1-9d2a-da7ad0900003';
  search.data.push({ ...search.data[1], id: third, attributes: { impacted_users: 0, total_count: 3 } });
  (search.data[2] as unknown as { relationships: unknown }).relationships = { issue: { data: { id: third, type: 'issue' } } };
  search.included.push({ ...search.included[1], id: third, attributes: { ...search.included[1].attributes, error_type: 'KeyError', regression: undefined } });
  server.reset();
  answerFromFixtures(server, search);
  const r3 = await scan('--state', state, '--fail-on-new');
  assert.equal(r3.status, 3);
  assert.match(r3.stderr, new RegExp(`^1 new issue: ${third}$`, 'm'));
  assert.match(r3.stdout, new RegExp(`NEW .*${third}`));
  assert.equal(JSON.parse(readFileSync(state, 'utf8')).issues.length, 3);
});

test('the local scan keeps Datadog entries of a shared state file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-dd-'));
  const state = join(dir, 'state.json');
  answerFromFixtures(server);
  assert.equal((await scan('--state', state)).status, 0);
  const log = join(dir, 'app.jsonl');
  writeFileSync(log, JSON.stringify({ timestamp: NOW_ISO, status: 'error', service: 's', message: 'm', error: { kind: 'E', message: 'boom', stack: 'E: boom\n    at f (/app/a.js:1:1)' } }) + '\n');
  const local = await run(['scan', log, '--state', state], {});
  assert.equal(local.status, 0, local.stderr);
  const ids = JSON.parse(readFileSync(state, 'utf8')).issues.map((i: { id: string }) => i.id);
  assert.equal(ids.length, 3);
  assert.ok(ids.includes(ISSUE_1) && ids.includes(ISSUE_2));
});

test('usage errors exit 2 without asking Datadog: PATH given, keys missing, flags of the other source, bad URL or site', async () => {
  answerFromFixtures(server);
  const withPath = await scan('logs/');
  assert.equal(withPath.status, 2);
  assert.match(withPath.stderr, /takes no PATH/);

  const noKeys = await run(['scan', '--source', 'datadog'], { ERRTRACK_DATADOG_URL: server.url });
  assert.equal(noKeys.status, 2);
  assert.match(noKeys.stderr, /needs the API key and application key: set DD_API_KEY and DD_APP_KEY/);
  const noAppKey = await run(['scan', '--source', 'datadog'], { DD_API_KEY: API_KEY, ERRTRACK_DATADOG_URL: server.url });
  assert.equal(noAppKey.status, 2);
  assert.match(noAppKey.stderr, /needs the application key: set DD_APP_KEY/);
  assertNoKeys(noAppKey.stdout + noAppKey.stderr);

  assert.equal((await scan('--field', 'error.stack=x')).status, 2);
  const localWithQuery = await run(['scan', 'logs/', '--query', 'env:prod'], {});
  assert.equal(localWithQuery.status, 2);
  assert.match(localWithQuery.stderr, /--query cannot be used with --source local/);
  assert.equal((await run(['scan', '--source', 'splunk'], {})).status, 2);

  const badUrl = await scan('--datadog-url', 'ftp://example.com');
  assert.equal(badUrl.status, 2);
  assert.match(badUrl.stderr, /cannot use the Datadog base URL "ftp:\/\/example.com": only http and https/);
  const badSite = await run(['scan', '--source', 'datadog', '--site', 'not a site!'], { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY });
  assert.equal(badSite.status, 2);
  assert.match(badSite.stderr, /cannot use the Datadog site/);
  assert.equal(server.requests.length, 0);
});

test('--datadog-url wins over ERRTRACK_DATADOG_URL', async () => {
  answerFromFixtures(server);
  const r = await run(['scan', '--source', 'datadog', '--datadog-url', server.url], keysEnv(server, { ERRTRACK_DATADOG_URL: 'http://127.0.0.1:9' }));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(server.sent(SEARCH).length, 1);
});

test('Datadog failures exit 1 with a clear message and never print a key', async (t) => {
  // Each answer echoes the keys it got, so only redaction keeps them out of the output.
  const echo = (status: number, headers: Record<string, string> = {}) => (request: { headers: Record<string, unknown> }) => ({
    status,
    headers,
    body: { errors: [`key ${String(request.headers['dd-api-key'])} / ${String(request.headers['dd-application-key'])}`] },
  });
  const cases: [string, () => void, RegExp, string[], number][] = [
    ['403', () => server.on(SEARCH, echo(403)), /Datadog \(http:\/\/127\.0\.0\.1:\d+\): API or application key rejected \(403\): key \[redacted\] \/ \[redacted\]/, [], 1],
    ['429 with a distant reset', () => server.on(SEARCH, echo(429, { 'x-ratelimit-reset': '3600' })), /Rate limited by Datadog \(resets in 3600s\)/, [], 1],
    ['500, retried twice', () => server.on(SEARCH, echo(500)), /Datadog answered 500/, [], 3],
    ['malformed JSON', () => server.on(SEARCH, { body: '{"data": [' }), /not valid JSON/, [], 1],
    ['no answer', () => server.on(SEARCH, { hang: true }), /did not answer within 200 ms/, ['--timeout', '0.2s'], 3],
  ];
  for (const [name, arrange, message, extra, searches] of cases) {
    await t.test(name, async () => {
      server.reset();
      arrange();
      const r = await scan(...extra);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line, no stack:\n${r.stderr}`);
      assertNoKeys(r.stdout + r.stderr);
      assert.equal(server.sent(SEARCH).length, searches, 'only 5xx, timeouts and network errors are retried');
    });
  }
});

test('a failing stack lookup only warns: the list is still printed', async () => {
  answerFromFixtures(server);
  server.reset();
  server.on(SEARCH, { body: fixture('search-logs-issues.json') });
  server.on(LOGS, { status: 500, body: { errors: ['down'] } });
  const r = await scan();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^2 issues from 49 error events/m);
  assert.match(r.stderr, /warn: Could not fetch a sample stack/);
});
