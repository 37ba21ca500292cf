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
import { FakeErrorTracking, manyIssues } from '../datadog/fake-issues';
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
  assert.match(lines[0], /^COUNT\s+STATE\s+SERVICE\s+KIND\s+MESSAGE\s+TOP FRAME\s+ASSIGNEE\s+ID$/);
  // First seen inside the window: new; first seen 8 days ago: its real state, as Datadog names it.
  assert.match(lines[1], new RegExp(`^\\s*42\\s+NEW\\s+nightly-import\\s+TypeError\\s+tags\\.map is not a function\\s+/app/src/transform/records\\.ts:31\\s+-\\s+${ISSUE_1}$`));
  assert.match(lines[2], new RegExp(`^\\s*7\\s+For Review\\s+enrich-worker\\s+AttributeError\\s+.*${ISSUE_2}$`));
  assert.equal(lines[3], `2 issues from 49 error events in Datadog (${server.url}, last 24h)`);
  assert.equal(lines[4], 'Open one in Datadog: https://app.datadoghq.com/error-tracking?issueId=<ID>');

  const [search] = server.sent(SEARCH);
  assert.equal(search.headers['dd-api-key'], API_KEY);
  assert.equal(search.headers['dd-application-key'], APP_KEY);
  assert.equal(search.query.get('include'), 'issue,issue.assignee,issue.team_owners');
  const attributes = (search.body as { data: { attributes: Record<string, unknown> } }).data.attributes;
  assert.deepEqual(
    { track: attributes.track, query: attributes.query, from: attributes.from, to: attributes.to, states: attributes.states },
    { track: 'logs', query: '*', from: NOW - 86_400_000, to: NOW, states: ['OPEN', 'ACKNOWLEDGED'] },
  );
  assert.equal(server.sent(SEARCH).length, 1, 'one search: the list comes from the first poll');
  assertNoKeys(r.stdout + r.stderr);
});

test('scan --source datadog --format json prints one object in the local scan shape, stats summing the counts', async () => {
  answerFromFixtures(server);
  const r = await scan('--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).sort(), ['datadog', 'issues', 'stats']);
  assert.deepEqual(out.datadog, { from: '2026-11-27T12:00:00.000Z', to: '2026-11-28T12:00:00.000Z', complete: true, searches: 1, newSince: '2026-11-27T12:00:00.000Z' });
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
  assert.equal(js.url, `https://app.datadoghq.com/error-tracking?issueId=${ISSUE_1}`);
  assert.equal(js.assignee, null);
  assert.equal(py.new, false, 'first seen before the window: not new');
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

test('--query, --service and --since scope the search; --since is the exact window', async () => {
  answerFromFixtures(server);
  const r = await scan('--query', 'env:prod service:batch-*', '--service', 'nightly-import', '--since', '2h');
  assert.equal(r.status, 0, r.stderr);
  const attributes = (server.sent(SEARCH)[0].body as { data: { attributes: Record<string, unknown> } }).data.attributes;
  assert.equal(attributes.query, 'env:prod service:batch-* service:nightly-import');
  assert.equal(attributes.from, NOW - 2 * 3_600_000, '2h is 2 hours');
  assert.equal(attributes.to, NOW);
  assert.match(r.stdout, /last 2h, query env:prod service:batch-\* service:nightly-import\)$/m);

  server.reset();
  answerFromFixtures(server);
  assert.equal((await scan('--since', '7d')).status, 0);
  assert.equal((server.sent(SEARCH)[0].body as { data: { attributes: { from: number } } }).data.attributes.from, NOW - 7 * 86_400_000);
  const bad = await scan('--since', 'yesterday');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--since takes a duration/);
});

test('--fail-on-new: new is first seen after the last run the state file recorded, found by a FIRST_SEEN search', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'errtrack-dd-')), 'state.json');
  answerFromFixtures(server);
  // No last run yet: new means first seen inside the window (ISSUE_1, 40 min ago; not ISSUE_2, 8 days ago).
  const first = await scan('--state', state, '--fail-on-new');
  assert.equal(first.status, 3, first.stderr);
  assert.match(first.stderr, new RegExp(`^1 new issue: ${ISSUE_1}$`, 'm'));
  assert.match(first.stderr, new RegExp(`^  TypeError: tags\\.map is not a function \\(nightly-import\\) https://app\\.datadoghq\\.com/error-tracking\\?issueId=${ISSUE_1}$`, 'm'));
  const firstSeenSearch = server.sent(SEARCH).map((r) => (r.body as { data: { attributes: Record<string, unknown> } }).data.attributes).find((a) => a.order_by === 'FIRST_SEEN');
  assert.deepEqual({ from: firstSeenSearch?.from, to: firstSeenSearch?.to }, { from: NOW - 86_400_000, to: NOW });

  const saved = JSON.parse(readFileSync(state, 'utf8'));
  assert.ok(validatePersisted(saved).ok, 'the file passes the local store validation');
  assert.deepEqual(saved.issues.map((i: { id: string }) => i.id).sort(), [ISSUE_1, ISSUE_2].sort());
  assert.equal(saved.datadogLastRunAt, NOW, 'the file keeps when this run looked');
  assert.deepEqual(new IssueStore().loadPersisted(saved), { ok: true }, 'a local scan can share the file');

  server.requests.length = 0;
  const second = await scan('--state', state, '--fail-on-new');
  assert.equal(second.status, 0, second.stderr);
  assert.doesNotMatch(second.stdout, /NEW/);
  const since = server.sent(SEARCH).map((r) => (r.body as { data: { attributes: Record<string, unknown> } }).data.attributes).find((a) => a.order_by === 'FIRST_SEEN');
  assert.equal(since?.from, NOW - 15 * 60_000, 'since the last run, less the ingestion slack');

  // An hour later: one issue first seen after the last run (new), one first seen 20 days ago
  // that the file never saw (not new: it was quiet, not born).
  const later = NOW + 3_600_000;
  const search = fixture<SearchBody>('search-logs-issues.json');
  const born = 'e3f2c9f0-5b1e-11f1-9d2a-da7ad0900003';
  const old = 'f4a3d0a1-5b1e-11f1-9d2a-da7ad0900004';
  for (const [id, firstSeen] of [[born, NOW + 30 * 60_000], [old, NOW - 20 * 86_400_000]] as const) {
    search.data.push({ ...search.data[1], id, attributes: { impacted_users: 0, total_count: 3 } });
    (search.data.at(-1) as unknown as { relationships: unknown }).relationships = { issue: { data: { id, type: 'issue' } } };
    search.included.push({ ...search.included[1], id, attributes: { ...search.included[1].attributes, error_type: 'KeyError', first_seen: firstSeen, regression: undefined } });
  }
  server.reset();
  answerFromFixtures(server, search);
  const r3 = await run(['scan', '--source', 'datadog', '--now', new Date(later).toISOString(), '--state', state, '--fail-on-new'], keysEnv(server));
  assert.equal(r3.status, 3, r3.stderr);
  assert.match(r3.stderr, new RegExp(`^1 new issue: ${born}$`, 'm'));
  assert.match(r3.stdout, new RegExp(`NEW .*${born}`));
  assert.doesNotMatch(r3.stdout, new RegExp(`NEW .*${old}`));
  assert.equal(JSON.parse(readFileSync(state, 'utf8')).issues.length, 4);
});

test('--fail-on-new finds a new issue with 5 events outside the 100 busiest, and not an old one that rose', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'errtrack-dd-')), 'state.json');
  const datadog = new FakeErrorTracking().install(server);
  datadog.add(...manyIssues(150, NOW, { ageMs: () => 20 * 86_400_000 }));
  assert.equal((await scan('--state', state, '--fail-on-new', '--format', 'json')).status, 0, 'first run: none was first seen in the window');
  const later = new Date(NOW + 3_600_000).toISOString();
  // An old issue the file never saw rises into the top 100; a new one has only 5 events.
  const riser = { ...manyIssues(1, NOW + 3_600_000)[0], id: 'abcdef00-5b1e-11f1-9d2a-da7ad0900111', service: 'billing-api', events: [NOW - 30 * 86_400_000, ...Array.from({ length: 900 }, (_, k) => NOW + k * 1000)] };
  datadog.add(riser);
  const clean = await run(['scan', '--source', 'datadog', '--now', later, '--state', state, '--fail-on-new', '--format', 'json'], keysEnv(server));
  assert.equal(clean.status, 0, clean.stderr);
  const small = { ...riser, id: 'abcdef00-5b1e-11f1-9d2a-da7ad0900222', events: [NOW + 5_400_000, NOW + 5_500_000, NOW + 5_600_000, NOW + 5_700_000, NOW + 5_800_000] };
  datadog.add(small);
  const r = await run(['scan', '--source', 'datadog', '--now', new Date(NOW + 2 * 3_600_000).toISOString(), '--state', state, '--fail-on-new', '--format', 'json'], keysEnv(server));
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, new RegExp(`^1 new issue: ${small.id}$`, 'm'));
  const out = JSON.parse(r.stdout);
  assert.equal(out.datadog.complete, true, 'the split searches reached every issue');
  assert.equal(out.issues.length, 152);
});

test('scan lists more than 100 issues and says so when some may still be missing', async () => {
  const datadog = new FakeErrorTracking().install(server);
  datadog.add(...manyIssues(250, NOW));
  const all = await scan('--format', 'json');
  assert.equal(all.status, 0, all.stderr);
  assert.equal(JSON.parse(all.stdout).issues.length, 250);
  // All in one service, all the time: time splits cannot separate them.
  server.reset();
  new FakeErrorTracking().install(server).add(...manyIssues(180, NOW, { services: ['billing-api'], state: () => 'OPEN' }));
  const capped = await scan();
  assert.equal(capped.status, 0, capped.stderr);
  assert.match(capped.stdout, /^Not complete: showing (\d+) of more than \1 issues: Datadog answers at most 100 per search and \d+ searches did not reach them all — narrow with a query$/m);
  assert.match(capped.stderr, /warn: Datadog, last 24h: showing \d+ of more than/);
});

test('--states and --track choose what is searched; a bad value is a usage error', async () => {
  answerFromFixtures(server);
  assert.equal((await scan('--states', 'resolved,excluded', '--track', 'rum')).status, 0);
  const attributes = (server.sent(SEARCH)[0].body as { data: { attributes: Record<string, unknown> } }).data.attributes;
  assert.deepEqual({ states: attributes.states, track: attributes.track }, { states: ['RESOLVED', 'EXCLUDED'], track: 'rum' });
  const badState = await scan('--states', 'open,closed');
  assert.equal(badState.status, 2);
  assert.match(badState.stderr, /--states takes a comma-separated list of OPEN, ACKNOWLEDGED, RESOLVED, IGNORED, EXCLUDED \(got "open,closed"\)/);
  assert.equal((await scan('--track', 'metrics')).status, 2);
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
    ['no answer', () => server.on(SEARCH, { hang: true }), /Datadog did not answer within 200 ms, the limit for this command$/m, ['--timeout', '0.2s'], 1],
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
      assert.equal(server.sent(SEARCH).length, searches, 'only 5xx, timeouts and network errors are retried, within the overall limit');
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
