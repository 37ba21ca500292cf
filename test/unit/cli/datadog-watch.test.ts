// errtrack watch --source datadog: polls (by hand-fired timers here) and prints each new and
// regressed issue as the local watch does; --state, failures and usage errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { UsageError } from '../../../src/cli/args';
import { watchCommand } from '../../../src/cli/commands/watch';
import { FakeDatadog } from '../datadog/fake-datadog';
import { API_KEY, APP_KEY, LOGS, ManualTimers, SEARCH, assertNoKeys, captureIO, keysEnv } from './datadog-harness';

const server = new FakeDatadog();
before(() => server.start());
after(() => server.stop());
beforeEach(() => server.reset());

const A = 'aaaaaaaa-5b1e-11f1-9d2a-da7ad0900001';
const B = 'bbbbbbbb-5b1e-11f1-9d2a-da7ad0900002';
const C = 'cccccccc-5b1e-11f1-9d2a-da7ad0900003';

interface Fake { id: string; firstSeen: number; lastSeen: number; count: number; kind: string; regressedAt?: number; state?: string }

/** A search answer in the recorded shape, with times relative to the real clock (watch has no --now). */
function searchOf(issues: Fake[]) {
  return {
    body: {
      data: issues.map((i) => ({
        id: i.id,
        type: 'error_tracking_search_result',
        attributes: { impacted_users: 0, total_count: i.count },
        relationships: { issue: { data: { id: i.id, type: 'issue' } } },
      })),
      included: issues.map((i) => ({
        id: i.id,
        type: 'issue',
        attributes: {
          error_message: `${i.kind} happened`,
          error_type: i.kind,
          file_path: '/app/src/job.ts',
          function_name: 'importAccount',
          first_seen: i.firstSeen,
          first_seen_version: '',
          last_seen: i.lastSeen,
          last_seen_version: '',
          service: 'nightly-import',
          state: i.state ?? 'OPEN',
          ...(i.regressedAt ? { regression: { regressed_at: new Date(i.regressedAt).toISOString(), regressed_at_version: '1.5.0', resolved_at: new Date(i.regressedAt - 3_600_000).toISOString() } } : {}),
        },
        relationships: {},
      })),
    },
  };
}

/** Starts a watch in-process; `stop()` plays Ctrl-C and resolves with the exit status. */
function startWatch(args: string[], env = keysEnv(server)) {
  const timers = new ManualTimers();
  const io = captureIO(env, { datadogTesting: { timers, sleep: () => Promise.resolve() } });
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const status = watchCommand(['--source', 'datadog', ...args], io, stopped);
  return {
    timers,
    io,
    status,
    stop: () => {
      stop();
      return status;
    },
  };
}

test('watch --source datadog prints new and regressed issues after the baseline poll, in the local watch format', async () => {
  const now = Date.now();
  const a: Fake = { id: A, firstSeen: now - 5 * 86_400_000, lastSeen: now - 60_000, count: 12, kind: 'TypeError' };
  const b: Fake = { id: B, firstSeen: now - 60_000, lastSeen: now - 30_000, count: 1, kind: 'RangeError' };
  server.on(SEARCH, searchOf([a]), searchOf([a, b]), searchOf([{ ...a, regressedAt: now }, b]));
  server.on(LOGS, { body: { data: [], meta: { status: 'done' } } });

  const w = startWatch([]);
  await w.timers.scheduled();
  assert.equal(w.io.stdout(), '', 'the baseline announces nothing');
  assert.equal(w.timers.delays[0], 5 * 60_000, 'polls every 5 minutes by default');

  await w.timers.fire();
  assert.equal(
    w.io.stdout(),
    `${new Date(b.lastSeen).toISOString()} NEW       nightly-import RangeError: RangeError happened at /app/src/job.ts:? [${B}]\n`,
  );
  await w.timers.fire();
  const lines = w.io.stdout().trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1], new RegExp(`^\\S+ REGRESSED nightly-import TypeError: TypeError happened at /app/src/job.ts:\\? \\[${A}\\]$`));

  assert.equal(await w.stop(), 0);
  assert.match(w.io.stderr(), new RegExp(`^watching Datadog issues at ${server.url.replace(/\./g, '\\.')}, polling every 5 min; Ctrl-C to stop$`, 'm'));
  const searches = server.sent(SEARCH);
  assert.equal(searches.length, 3);
  for (const s of searches) {
    assert.equal(s.headers['dd-api-key'], API_KEY);
    assert.equal(s.headers['dd-application-key'], APP_KEY);
  }
  const { from, to } = (searches[0].body as { data: { attributes: { from: number; to: number } } }).data.attributes;
  assert.equal(to - from, 3_600_000, 'a 5-minute poll watches the last hour');
  assertNoKeys(w.io.stdout() + w.io.stderr());
});

test('watch --source datadog --format json prints one object per event; --poll-minutes sets the interval', async () => {
  const now = Date.now();
  const b: Fake = { id: B, firstSeen: now - 60_000, lastSeen: now - 30_000, count: 2, kind: 'RangeError' };
  server.on(SEARCH, searchOf([]), searchOf([b]));
  server.on(LOGS, { body: { data: [], meta: { status: 'done' } } });
  const w = startWatch(['--format', 'json', '--poll-minutes', '2', '--query', 'env:prod']);
  await w.timers.scheduled();
  assert.equal(w.timers.delays[0], 120_000);
  await w.timers.fire();
  assert.equal(await w.stop(), 0);
  assert.deepEqual(JSON.parse(w.io.stdout()), {
    kind: 'issue.new',
    id: B,
    service: 'nightly-import',
    errorKind: 'RangeError',
    message: 'RangeError happened',
    at: new Date(b.lastSeen).toISOString(),
    version: null,
    topFrame: { file: '/app/src/job.ts', line: null, function: 'importAccount', workspacePath: null },
  });
  assert.equal((server.sent(SEARCH)[0].body as { data: { attributes: { query: string } } }).data.attributes.query, 'env:prod');
  assert.match(w.io.stderr(), /\(query env:prod\), polling every 2 min/);
});

test('watch --source datadog --state prints, at start, the issues first seen since the last run, and only those', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'errtrack-dd-watch-')), 'state.json');
  const now = Date.now();
  const a: Fake = { id: A, firstSeen: now - 30 * 60_000, lastSeen: now - 60_000, count: 12, kind: 'TypeError' };
  const old: Fake = { id: C, firstSeen: now - 5 * 86_400_000, lastSeen: now - 60_000, count: 40, kind: 'SyntaxError' };
  const ignored: Fake = { id: B, firstSeen: now - 10 * 60_000, lastSeen: now - 60_000, count: 3, kind: 'RangeError', state: 'IGNORED' };
  server.on(SEARCH, searchOf([a, old, ignored]));
  server.on(LOGS, { body: { data: [], meta: { status: 'done' } } });

  const first = startWatch(['--state', state]);
  await first.timers.scheduled();
  assert.equal(await first.stop(), 0);
  assert.match(first.io.stdout(), new RegExp(`^\\S+ NEW       nightly-import TypeError: .*\\[${A}\\]\\n$`), 'only the issue first seen in the window; not the old one, not the ignored one');
  const firstSeenSearch = server.sent(SEARCH).map((r) => (r.body as { data: { attributes: Record<string, unknown> } }).data.attributes).find((x) => x.order_by === 'FIRST_SEEN');
  assert.ok(firstSeenSearch, 'a FIRST_SEEN search looked for them');
  const saved = JSON.parse(readFileSync(state, 'utf8'));
  assert.deepEqual(saved.issues.map((i: { id: string }) => i.id), [A]);
  assert.ok(typeof saved.datadogLastRunAt === 'number' && saved.datadogLastRunAt >= now, 'the file keeps when the watch last looked');

  const second = startWatch(['--state', state]);
  await second.timers.scheduled();
  assert.equal(await second.stop(), 0);
  assert.equal(second.io.stdout(), '');
});

test('a failing first poll exits 1 without a key; a later failure is reported and the watch goes on', async () => {
  server.on(SEARCH, (request) => ({ status: 403, body: { errors: [`bad key ${String(request.headers['dd-api-key'])}`] } }));
  const denied = startWatch([]);
  assert.equal(await denied.status.catch((e: Error) => e.message), 'Datadog (' + server.url + '): API or application key rejected (403): bad key [redacted]');

  server.reset();
  const now = Date.now();
  const b: Fake = { id: B, firstSeen: now - 60_000, lastSeen: now - 30_000, count: 2, kind: 'RangeError' };
  server.on(SEARCH, searchOf([]), { status: 503, body: { errors: ['unavailable'] } }, { status: 503, body: { errors: ['unavailable'] } }, { status: 503, body: { errors: ['unavailable'] } }, searchOf([b]));
  server.on(LOGS, { body: { data: [], meta: { status: 'done' } } });
  const w = startWatch([]);
  await w.timers.scheduled();
  await w.timers.fire(); // three attempts, all 503
  assert.match(w.io.stderr(), /^warn: Datadog poll failed: Datadog answered 503: unavailable$/m);
  assert.equal(w.timers.delays[1], 30_000, 'backs off before the next try');
  await w.timers.fire();
  assert.match(w.io.stdout(), new RegExp(`NEW .*\\[${B}\\]`));
  assert.equal(await w.stop(), 0);
});

test('watch --source datadog usage errors (exit 2) stop before any request', async () => {
  const never = new Promise<void>(() => undefined);
  for (const [args, message] of [
    [['--source', 'datadog', 'logs/'], /takes no PATH/],
    [['--source', 'datadog', '--poll-minutes', '0.5'], /--poll-minutes takes a number of minutes ≥ 1/],
    [['--source', 'datadog', '--poll-ms', '100'], /--poll-ms cannot be used with --source datadog/],
    [['logs/', '--poll-minutes', '2'], /--poll-minutes cannot be used with --source local/],
  ] as [string[], RegExp][]) {
    await assert.rejects(watchCommand(args, captureIO(keysEnv(server)), never), (e: Error) => e instanceof UsageError && message.test(e.message), args.join(' '));
  }
  await assert.rejects(
    watchCommand(['--source', 'datadog'], captureIO({ ERRTRACK_DATADOG_URL: server.url }), never),
    (e: Error) => e instanceof UsageError && /set DD_API_KEY and DD_APP_KEY/.test(e.message),
  );
  assert.equal(server.requests.length, 0);
});
