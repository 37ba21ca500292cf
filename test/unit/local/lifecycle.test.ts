// The local source's lifecycle: start, rescans and dispose never overlap. Two rescans at once
// (Refresh clicked twice, or a Refresh during the first scan) count each line once and leave one
// follower, so a line appended afterwards is counted once, not once per leaked follower.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalIssueSource } from '../../../src/sources/local/local-source';
import { FIXTURES } from './helpers';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const LOG = readFileSync(join(FIXTURES, 'datadog.jsonl'), 'utf8');

function followedSource() {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-lifecycle-'));
  mkdirSync(join(ws, 'logs'));
  writeFileSync(join(ws, 'logs/app.jsonl'), LOG);
  const source = new LocalIssueSource({ workspaceFolders: [ws], logFiles: ['logs/**/*.jsonl'], follow: true, pollMs: 50, now: () => NOW });
  return { ws, source, cleanup: () => (source.dispose(), rmSync(ws, { recursive: true, force: true })) };
}

async function total(source: LocalIssueSource): Promise<number> {
  return (await source.listIssues({ window: '30d' })).reduce((sum, issue) => sum + issue.count, 0);
}

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first error line of the fixture, appended again: one more event of a known issue. */
function appendOneError(ws: string): void {
  const line = LOG.split('\n').find((l) => /"status"\s*:\s*"error"/.test(l))!;
  appendFileSync(join(ws, 'logs/app.jsonl'), `${line}\n`);
}

test('two rescans at once count every line once and leave a single follower', async () => {
  const { ws, source, cleanup } = followedSource();
  try {
    await source.start();
    const once = await total(source);
    assert.ok(once > 0);
    await Promise.all([source.rescan(), source.rescan()]);
    assert.equal(await total(source), once, 'counts after two concurrent rescans');
    appendOneError(ws);
    await eventually('the appended line', async () => (await total(source)) > once);
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for a leaked follower to count it again
    assert.equal(await total(source), once + 1, 'the appended line is counted once');
  } finally {
    cleanup();
  }
});

test('a rescan asked for during the first scan replaces it instead of adding to it', async () => {
  const { ws, source, cleanup } = followedSource();
  try {
    const started = source.start();
    const rescanned = source.rescan();
    await Promise.all([started, rescanned]);
    const reference = new LocalIssueSource({ workspaceFolders: [ws], logFiles: ['logs/**/*.jsonl'], follow: false, now: () => NOW });
    await reference.start();
    assert.equal(await total(source), await total(reference));
    reference.dispose();
  } finally {
    cleanup();
  }
});

test('after dispose, appended lines are not read', async () => {
  const { ws, source, cleanup } = followedSource();
  try {
    await source.start();
    const before = await total(source);
    let changes = 0;
    source.onDidChange(() => changes++);
    source.dispose();
    appendOneError(ws);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await total(source), before);
    assert.equal(changes, 0);
  } finally {
    cleanup();
  }
});

test('a file rotated twice is not read again under its rotated name', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-rotate-'));
  mkdirSync(join(ws, 'logs'));
  const errorLine = LOG.split('\n').find((l) => /"status"\s*:\s*"error"/.test(l))!;
  const log = join(ws, 'logs/app.jsonl');
  writeFileSync(log, `${errorLine}\n`);
  // Every file in logs/ matches, rotated names included, as with a `logs/**` setting.
  const source = new LocalIssueSource({ workspaceFolders: [ws], logFiles: ['logs/*'], follow: true, pollMs: 50, now: () => NOW });
  try {
    await source.start();
    assert.equal(await total(source), 1);
    for (const [round, rotated] of [[2, 'app.jsonl.1'], [3, 'app.jsonl.2']] as const) {
      renameSync(log, join(ws, 'logs', rotated));
      writeFileSync(log, `${errorLine}\n`);
      await eventually(`the line written after rotation ${round - 1}`, async () => (await total(source)) >= round);
    }
    // Discovery runs every fifth poll: give it several rounds to (wrongly) read a rotated file.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await total(source), 3, 'three lines written, three counted');
  } finally {
    source.dispose();
    rmSync(ws, { recursive: true, force: true });
  }
});
