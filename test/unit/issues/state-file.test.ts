import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStateFile, saveStateFile } from '../../../src/sources/local/state-file';
import { IssueStore } from '../../../src/core/issues/store';
import { event, pythonKeyError, T0 } from '../../fixtures/engine/events';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'errtrack-state-'));
}

function savedStore(): { data: unknown; id: string } {
  const store = new IssueStore();
  const id = store.ingest(event(), pythonKeyError('k'));
  store.setState(id, 'RESOLVED', T0);
  return { data: store.toPersisted(), id };
}

test('a missing file is a first run: no data, no warning', async () => {
  assert.deepEqual(await loadStateFile(join(tempDir(), 'state.json')), {});
});

test('save then load round-trips and leaves no temp file behind', async () => {
  const dir = tempDir();
  const path = join(dir, 'nested', 'state.json');
  const { data, id } = savedStore();
  await saveStateFile(path, data);
  assert.deepEqual(readdirSync(join(dir, 'nested')), ['state.json']);
  const loaded = await loadStateFile(path);
  assert.equal(loaded.warning, undefined);
  const store = new IssueStore();
  assert.deepEqual(store.loadPersisted(loaded.data), { ok: true });
  assert.equal(store.setState(id, 'OPEN'), true);
});

test('killed between write and rename: the temp file is ignored and the old state survives', async () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  const { data } = savedStore();
  await saveStateFile(path, data);
  const before = readFileSync(path, 'utf8');
  // What a crash mid-save leaves: a half-written temp file of another (dead) process.
  const temp = join(dir, 'state.json.tmp-999999-1');
  writeFileSync(temp, '{"format":"errtrack-issue-state","issu');
  const fresh = await loadStateFile(path);
  assert.equal(fresh.warning, undefined);
  assert.deepEqual(fresh.data, JSON.parse(before));
  assert.equal(readdirSync(dir).length, 2, 'a recent temp may be a save in flight elsewhere: left alone');
  const old = new Date(Date.now() - 10 * 60_000);
  utimesSync(temp, old, old);
  const loaded = await loadStateFile(path);
  assert.deepEqual(loaded.data, JSON.parse(before));
  assert.deepEqual(readdirSync(dir), ['state.json'], 'the stale temp file is cleaned up');
});

test('a corrupt file is moved aside with a clear warning, never thrown', async () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  writeFileSync(path, '{"format":"errtrack-issue-state", "issues": [tru');
  const loaded = await loadStateFile(path);
  assert.equal(loaded.data, undefined);
  assert.match(loaded.warning ?? '', /not valid JSON/);
  assert.match(loaded.warning ?? '', /moved to .*state\.json\.corrupt-/);
  const names = readdirSync(dir);
  assert.equal(names.length, 1);
  assert.match(names[0], /^state\.json\.corrupt-\d{4}-\d{2}-\d{2}T/);
  assert.equal(readFileSync(join(dir, names[0]), 'utf8'), '{"format":"errtrack-issue-state", "issues": [tru', 'nothing is lost');
});

test('a foreign JSON file is moved aside too', async () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  writeFileSync(path, JSON.stringify({ name: 'some-package', version: '1.0.0' }));
  const loaded = await loadStateFile(path);
  assert.equal(loaded.data, undefined);
  assert.match(loaded.warning ?? '', /not an Error Tracking issue state file/);
  assert.ok(readdirSync(dir).every((n) => n.includes('.corrupt-')));
});

test('saving over an existing file replaces it whole', async () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  await saveStateFile(path, { format: 'errtrack-issue-state', formatVersion: 1, strategyVersion: 1, issues: [], templates: [] });
  const { data } = savedStore();
  await saveStateFile(path, data);
  const loaded = await loadStateFile(path);
  assert.equal((loaded.data as { issues: unknown[] }).issues.length, 1);
});

test('a state file from a newer extension is set aside, not overwritten later', async () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  writeFileSync(path, JSON.stringify({ format: 'errtrack-issue-state', formatVersion: 99, strategyVersion: 7, issues: [] }));
  const loaded = await loadStateFile(path);
  assert.equal(loaded.data, undefined);
  assert.match(loaded.warning ?? '', /newer version/);
  assert.ok(readdirSync(dir).every((n) => n.includes('.corrupt-')));
});
