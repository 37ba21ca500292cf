import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, LOGS } from './run-cli';

test('scan prints a table of issues sorted by count and exits 0', () => {
  const r = cli(['scan', LOGS]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^COUNT\s+STATE\s+SERVICE\s+KIND\s+MESSAGE\s+TOP FRAME\s+ID$/);
  assert.match(lines.at(-1)!, /^\d+ issues from \d+ error events in \d+ records \(\d+ lines\) of \d+ files, 1 lines skipped$/);
  assert.match(r.stderr, /malformed\.jsonl: 1 lines skipped \(1 invalid JSON\)/);
});

test('scan --format json prints exactly one object with the documented fields', () => {
  const r = cli(['scan', join(LOGS, 'datadog.jsonl'), join(LOGS, 'pino.jsonl'), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).sort(), ['issues', 'stats']);
  assert.equal(out.issues.length, 4);
  for (const issue of out.issues) {
    for (const key of ['id', 'service', 'errorKind', 'message', 'count', 'firstSeen', 'lastSeen', 'firstSeenVersion', 'lastSeenVersion', 'state', 'topFrame']) {
      assert.ok(key in issue, `issue has ${key}`);
    }
    assert.match(issue.firstSeen, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  const billing = out.issues.find((i: { errorKind: string }) => i.errorKind === 'TypeError');
  assert.equal(billing.firstSeenVersion, '1.4.2');
  assert.deepEqual(Object.keys(billing.topFrame).slice(0, 4), ['file', 'line', 'function', 'workspacePath']);
  assert.equal(billing.topFrame.workspacePath, null, 'no --workspace given');
  assert.deepEqual(
    { files: out.stats.files, lines: out.stats.lines, records: out.stats.records, errors: out.stats.errors, malformed: out.stats.malformed },
    { files: 2, lines: 7, records: 7, errors: 4, malformed: 0 },
  );
});

test('scan counts repeated errors into one issue, sorted by count; --service and --since filter events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-cli-'));
  const file = join(dir, 'app.jsonl');
  const ev = (service: string, t: string, kind: string) =>
    JSON.stringify({ timestamp: t, status: 'error', service, message: 'm', error: { kind, message: 'boom', stack: `${kind}: boom\n    at run (/app/src/run.js:3:9)` } }) + '\n';
  writeFileSync(file, ev('a', '2026-11-28T10:00:00Z', 'A') + ev('a', '2026-11-28T11:30:00Z', 'B') + ev('a', '2026-11-28T11:40:00Z', 'B') + ev('b', '2026-11-28T11:50:00Z', 'A'));
  const all = JSON.parse(cli(['scan', file, '--format', 'json']).stdout);
  assert.deepEqual(all.issues.map((i: { count: number }) => i.count), [2, 1, 1]);
  const onlyA = JSON.parse(cli(['scan', file, '--format', 'json', '--service', 'a']).stdout);
  assert.equal(onlyA.issues.length, 2);
  const recent = JSON.parse(cli(['scan', file, '--format', 'json', '--since', '1h', '--now', '2026-11-28T12:00:00Z']).stdout);
  assert.deepEqual(recent.issues.map((i: { service: string; count: number }) => [i.service, i.count]), [['a', 2], ['b', 1]]);
});

test('scan --workspace maps the top frame to the workspace file', () => {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-ws-'));
  mkdirSync(join(ws, 'src/billing'), { recursive: true });
  writeFileSync(join(ws, 'src/billing/total.js'), 'function computeTotal(items) {\n' + '  return 0;\n'.repeat(50) + '}\n');
  writeFileSync(join(ws, 'src/billing/charge.js'), 'function chargeCustomer() {}\n');
  const r = cli(['scan', join(LOGS, 'datadog.jsonl'), '--format', 'json', '--workspace', ws, '--map', `/app/=${ws}/`]);
  assert.equal(r.status, 0, r.stderr);
  const issue = JSON.parse(r.stdout).issues.find((i: { errorKind: string }) => i.errorKind === 'TypeError');
  assert.equal(issue.topFrame.workspacePath, 'src/billing/total.js');
  assert.equal(issue.topFrame.file, '/app/src/billing/total.js');
});

test('--state remembers issues; --fail-on-new exits 3 only when an issue not in the state file appears', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-state-'));
  const log = join(dir, 'nightly.jsonl');
  const state = join(dir, 'state.json');
  copyFileSync(join(LOGS, 'pino.jsonl'), log);
  assert.equal(cli(['scan', log, '--state', state]).status, 0, 'baseline run');
  const again = cli(['scan', log, '--state', state, '--fail-on-new']);
  assert.equal(again.status, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /\bNEW\b/);
  appendFileSync(log, JSON.stringify({ level: 50, time: 1795860190000, pid: 1, hostname: 'h', name: 'api', err: { type: 'SyntaxError', message: 'Unexpected token', stack: 'SyntaxError: Unexpected token\n    at parse (/app/src/parse.js:2:2)' }, msg: 'bad input' }) + '\n');
  const failing = cli(['scan', log, '--state', state, '--fail-on-new', '--format', 'json']);
  assert.equal(failing.status, 3);
  const out = JSON.parse(failing.stdout);
  assert.deepEqual(out.issues.filter((i: { new: boolean }) => i.new).map((i: { errorKind: string }) => i.errorKind), ['SyntaxError']);
  assert.match(failing.stderr, /1 new issue/);
});

test('--fail-on-new without a state file fails on any issue (every issue is new)', () => {
  assert.equal(cli(['scan', join(LOGS, 'bunyan.jsonl'), '--fail-on-new']).status, 3);
});

test('unreadable or missing input exits 1 with a clear message', () => {
  const r = cli(['scan', '/no/such/file.jsonl']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\/no\/such\/file\.jsonl: no such file or directory/);
});

test('bad usage exits 2 and says what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['scan'], /scan needs at least one PATH/],
    [['scan', LOGS, '--since', 'yesterday'], /--since takes a duration/],
    [['scan', LOGS, '--format', 'xml'], /--format must be one of table, json/],
    [['scan', LOGS, '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /Usage: errtrack <command>/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `errtrack ${args.join(' ')}`);
    assert.match(r.stderr + r.stdout, message);
  }
});

test("scan --workspace: the user's package installed in site-packages is their code, for grouping as in the editor", () => {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-ws-'));
  mkdirSync(join(ws, 'src/enrich'), { recursive: true });
  writeFileSync(join(ws, 'src/enrich/job.py'), 'def run(row):\n    return row["id"]\n');
  const log = join(ws, 'job.log');
  writeFileSync(
    log,
    '2026-11-28 10:00:00,000 - enrich - ERROR - row failed\nTraceback (most recent call last):\n' +
      '  File "/usr/local/lib/python3.11/site-packages/celery/app/trace.py", line 451, in trace_task\n    R = fun(*args)\n' +
      '  File "/usr/local/lib/python3.11/site-packages/enrich/job.py", line 2, in run\n    return row["id"]\n' +
      '  File "/usr/local/lib/python3.11/site-packages/kombu/utils.py", line 7, in __getitem__\n    raise KeyError(k)\n' +
      "KeyError: 'id'\n",
  );
  const r = cli(['scan', log, '--workspace', ws, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const [issue] = JSON.parse(r.stdout).issues;
  assert.equal(issue.topFrame.function, 'run');
  assert.equal(issue.topFrame.workspacePath, 'src/enrich/job.py');
});

test('scan lists an issue whose template generalized while reading once, with every event counted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-cli-'));
  const file = join(dir, 'auth.jsonl');
  const users = ['root', 'cyrus', 'news', 'test', 'admin', 'guest'];
  writeFileSync(file, users.map((u, i) => JSON.stringify({ timestamp: `2026-11-28T10:0${i}:00Z`, status: 'error', service: 'auth', message: 'login failed', error: { kind: 'AuthError', message: `session refused for user ${u} by policy` } }) + '\n').join(''));
  const out = JSON.parse(cli(['scan', file, '--format', 'json']).stdout);
  assert.deepEqual(out.issues.map((i: { count: number; message: string }) => [i.count, i.message]), [[6, 'session refused for user <*> by policy']]);
});
