import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withIssueId } from '../../../src/cli/commands/fingerprint';
import { cli, cliProcess, LOGS, REPO, waitForOutput } from './run-cli';

test('fingerprint: same lines, same order; error events gain issue.id equal to the id scan gives', () => {
  const input = readFileSync(join(LOGS, 'datadog.jsonl'), 'utf8') + 'not json\n\n' + readFileSync(join(LOGS, 'pino.jsonl'), 'utf8');
  const r = cli(['fingerprint'], { input });
  assert.equal(r.status, 0, r.stderr);
  const inLines = input.split('\n');
  const outLines = r.stdout.split('\n');
  assert.equal(outLines.length, inLines.length);
  const scanIds = new Set(JSON.parse(cli(['scan', join(LOGS, 'datadog.jsonl'), join(LOGS, 'pino.jsonl'), '--format', 'json']).stdout).issues.map((i: { id: string }) => i.id));
  let tagged = 0;
  outLines.forEach((out, i) => {
    if (out === inLines[i]) return;
    tagged++;
    const parsed = JSON.parse(out);
    assert.ok(scanIds.has(parsed.issue.id), `line ${i + 1} id ${parsed.issue.id} is one scan reports`);
    assert.equal(out, inLines[i].slice(0, -1) + `,"issue":{"id":"${parsed.issue.id}"}}`, 'the rest of the line is unchanged');
  });
  assert.equal(tagged, 4);
});

test('fingerprint merges into an existing "issue" attribute and handles {}', () => {
  assert.equal(withIssueId('{"a":1}', ['x']), '{"a":1,"issue":{"id":"x"}}');
  assert.equal(withIssueId('{}', ['x']), '{"issue":{"id":"x"}}');
  assert.equal(withIssueId('{"issue":{"url":"u"}}', ['x']), '{"issue":{"url":"u","id":"x"}}');
});

test('stats accounts for every line per file: records, joined, blank, skipped by reason, with the last problem', () => {
  const r = cli(['stats', join(LOGS, 'malformed.jsonl'), join(LOGS, 'plain-java.log'), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const bad = out.files.find((f: { file: string }) => f.file.endsWith('malformed.jsonl'));
  assert.deepEqual({ lines: bad.lines, records: bad.records, errors: bad.errors, malformed: bad.malformed }, { lines: 5, records: 4, errors: 1, malformed: 1 });
  assert.deepEqual(bad.skipped, { 'invalid JSON': 1 });
  assert.match(bad.lastProblem, /line 2: invalid JSON/);
  const java = out.files.find((f: { file: string }) => f.file.endsWith('plain-java.log'));
  assert.deepEqual(java.formats, { 'text/timestamp-level': 3 });
  assert.equal(java.errors, 1);
  assert.equal(java.lines, java.records + java.joined + java.blank + java.malformed);
  assert.equal(out.totals.malformed, 1);
  const table = cli(['stats', LOGS]);
  assert.equal(table.status, 0);
  assert.match(table.stdout, /^\s*LINES\s+RECORDS\s+JOINED\s+ERRORS\s+SKIPPED\s+FORMATS\s+FILE/);
  assert.match(table.stdout, /json\/pino/);
  assert.match(table.stdout, /total: .* lines: \d+ records, \d+ lines joined into them, \d+ blank, 1 skipped \(1 invalid JSON\)/);
});

test('stats of a missing file exits 1 and lists it', () => {
  const r = cli(['stats', '/no/such.log']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /unreadable/);
});

test('--help works for every command and exits 0', () => {
  for (const command of ['scan', 'fingerprint', 'watch', 'stats', 'lsp']) {
    const r = cli([command, '--help']);
    assert.equal(r.status, 0, command);
    assert.match(r.stdout, new RegExp(`^Usage: errtrack ${command}`), command);
  }
  const top = cli(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /Exit status: 0 ok, 1 unreadable input, 2 bad usage, 3 new issue/);
});

test('watch prints a new issue when an error line is appended, after the initial ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-watch-'));
  const file = join(dir, 'live.jsonl');
  writeFileSync(file, readFileSync(join(LOGS, 'bunyan.jsonl')));
  const child = cliProcess(['watch', file, '--poll-ms', '50']);
  try {
    const stderr = waitForOutput(child.stderr, /watching 1 files/);
    const stdout = waitForOutput(child.stdout, /NEW\s+\S+ ZeroDivisionError/);
    await stderr;
    appendFileSync(file, JSON.stringify({ name: 'mailer', hostname: 'h', pid: 1, level: 50, msg: 'x', time: '2026-11-28T10:30:00Z', v: 0, err: { name: 'ZeroDivisionError', message: 'division by zero', stack: 'ZeroDivisionError: division by zero\n    at div (/srv/mailer/lib/math.js:3:9)' } }) + '\n');
    const text = await stdout;
    const lines = text.trim().split('\n');
    assert.match(lines[0], /NEW\s+mailer Error: getaddrinfo ENOTFOUND/, 'the issue already in the file comes first');
    assert.match(lines.at(-1)!, /NEW\s+mailer ZeroDivisionError: division by zero at \/srv\/mailer\/lib\/math\.js:3 \[[0-9a-f]+\]$/);
  } finally {
    child.kill('SIGINT');
  }
});

test('lsp --stdio starts the language server and answers initialize', async () => {
  const child = cliProcess(['lsp', '--stdio']);
  try {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null } });
    const reply = waitForOutput(child.stdout, /"id":1/);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const text = await reply;
    assert.match(text, /"capabilities"/);
  } finally {
    child.kill();
  }
});

test('fingerprint reads plain text, crash output and JSON the way scan reads the file: same events, same ids', () => {
  const file = join(REPO, 'test/fixtures/real-logs/python-logging-chained/app.log');
  const scan = JSON.parse(cli(['scan', file, '--format', 'json']).stdout) as { issues: { id: string; count: number }[] };
  assert.ok(scan.issues.length >= 3, 'the file has issues');
  const r = cli(['fingerprint', '--service', 'app'], { input: readFileSync(file, 'utf8') });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.replace(/ issue\.id=[0-9a-f]+$/gm, ''), readFileSync(file, 'utf8'), 'the same lines, in order, with only the ids added');
  const tagged = [...r.stdout.matchAll(/ issue\.id=([0-9a-f]+)$/gm)].map((m) => m[1]);
  const counts = new Map<string, number>();
  for (const id of tagged) counts.set(id, (counts.get(id) ?? 0) + 1);
  assert.deepEqual(new Map(scan.issues.map((i) => [i.id, i.count])), counts);
});
