import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IssueEvent } from '../../../src/core/model';
import { LocalIssueSource } from '../../../src/sources/local/local-source';
import { FIXTURES } from './helpers';

const NOW = Date.parse('2026-11-28T12:00:00Z');

function workspace() {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-source-'));
  mkdirSync(join(ws, 'src/billing'), { recursive: true });
  mkdirSync(join(ws, 'logs'), { recursive: true });
  writeFileSync(join(ws, 'src/billing/total.js'), 'function computeTotal(items) {\n' + '  let t = 0;\n'.repeat(60) + '}\n');
  writeFileSync(join(ws, 'src/billing/charge.js'), 'function chargeCustomer(c) {\n' + '  return c;\n'.repeat(30) + '}\n');
  writeFileSync(join(ws, 'logs/app.jsonl'), readFileSync(join(FIXTURES, 'datadog.jsonl')));
  return ws;
}

function source(ws: string, extra: Partial<ConstructorParameters<typeof LocalIssueSource>[0]> = {}) {
  return new LocalIssueSource({
    workspaceFolders: [ws],
    logFiles: ['logs/**/*.jsonl'],
    prefixMappings: { '/app/': `${ws}/` },
    statePath: join(ws, '.state/issues.json'),
    follow: false,
    now: () => NOW,
    ...extra,
  });
}

test('start reads the globbed files, lists issues in the window with mapped top frames, and keeps origins', async () => {
  const ws = workspace();
  const s = source(ws);
  try {
    const progress: number[] = [];
    const stats = await s.start((done) => progress.push(done));
    assert.deepEqual({ files: stats.files, lines: stats.lines, errors: stats.errors, malformed: stats.malformed }, { files: 1, lines: 4, errors: 2, malformed: 0 });
    assert.ok(progress.length >= 2);
    const issues = await s.listIssues({ window: '24h' });
    assert.equal(issues.length, 2);
    const typeError = issues.find((i) => i.errorKind === 'TypeError')!;
    assert.equal(typeError.topFrame?.location?.path, join(ws, 'src/billing/total.js'));
    assert.ok(typeError.inAppFrames?.every((f) => f.location));
    const details = await s.getIssue(typeError.id, { window: '24h' });
    assert.equal(details?.error?.frames[0].location?.path, join(ws, 'src/billing/total.js'));
    assert.deepEqual(details?.samples[0].event.origin, { file: join(ws, 'logs/app.jsonl'), line: 2 });
    assert.equal((await s.listIssues({ window: '1h', now: NOW + 48 * 3600_000 })).length, 0, 'windows are evaluated against now');
  } finally {
    s.dispose();
  }
});

test('state changes persist through the state file and come back on the next start', async () => {
  const ws = workspace();
  const first = source(ws);
  await first.start();
  const [issue] = await first.listIssues({ window: '24h' });
  let changed = 0;
  first.onDidChange(() => changed++);
  await first.setState(issue.id, 'IGNORED');
  assert.equal(changed, 1);
  await first.flush();
  first.dispose();
  assert.ok(existsSync(join(ws, '.state/issues.json')));
  const second = source(ws);
  try {
    const events: IssueEvent[] = [];
    second.onIssueEvent((e) => events.push(e));
    await second.start();
    const again = (await second.listIssues({ window: '24h' })).find((i) => i.id === issue.id);
    assert.equal(again?.state, 'IGNORED');
    assert.equal(events.length, 0, 'known issues are not new again');
  } finally {
    second.dispose();
  }
});

test('following: an appended error line becomes an issue.new event and a change', async () => {
  const ws = workspace();
  const s = source(ws, { follow: true, pollMs: 20 });
  // The follower's timers do not hold the process open (the host decides its lifetime): the test does.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    await s.start();
    const seen = new Promise<IssueEvent>((resolve) => s.onIssueEvent(resolve));
    const changed = new Promise<void>((resolve) => s.onDidChange(() => resolve()));
    appendFileSync(
      join(ws, 'logs/app.jsonl'),
      JSON.stringify({ timestamp: '2026-11-28T11:59:00Z', status: 'error', service: 'billing', message: 'x', error: { kind: 'RangeError', message: 'bad', stack: 'RangeError: bad\n    at chargeCustomer (/app/src/billing/charge.js:5:3)' } }) + '\n',
    );
    const event = await seen;
    await changed;
    assert.equal(event.kind, 'issue.new');
    assert.equal(event.issue.errorKind, 'RangeError');
    assert.equal(event.issue.topFrame?.location?.path, join(ws, 'src/billing/charge.js'));
    assert.equal(s.stats().errors, 3);
  } finally {
    clearInterval(keepAlive);
    s.dispose();
  }
});

test('a path that matches nothing is logged and does not stop the others', async () => {
  const ws = workspace();
  const logs: string[] = [];
  const withLog = source(ws, { logFiles: ['logs/**/*.jsonl', '/no/such/dir/x.jsonl'], log: (_l, m) => logs.push(m) });
  try {
    const stats = await withLog.start();
    assert.equal(stats.errors, 2);
    assert.ok(logs.some((m) => m.includes('/no/such/dir/x.jsonl')));
  } finally {
    withLog.dispose();
  }
});

test('a source file created after the scan is learnt from the file watcher and its frames map', async () => {
  const ws = workspace();
  const total = join(ws, 'src/billing/total.js');
  const text = readFileSync(total, 'utf8');
  rmSync(total);
  const s = source(ws);
  try {
    await s.start();
    const before = (await s.listIssues({ window: '24h' })).find((i) => i.errorKind === 'TypeError')!;
    assert.equal(before.topFrame?.location, undefined, 'the file is not there yet');
    writeFileSync(total, text);
    await s.workspaceFilesChanged([{ path: total, change: 'created' }]);
    const after = (await s.listIssues({ window: '24h' })).find((i) => i.errorKind === 'TypeError')!;
    assert.equal(after.topFrame?.location?.path, total);
  } finally {
    s.dispose();
  }
});
