import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ErrorEvent } from '../../../src/core/model';
import { Follower } from '../../../src/sources/local/read/follower';
import { scanFile } from '../../../src/sources/local/scan-file';

const line = (msg: string) => `{"status":"error","service":"s","message":"${msg}","error":{"kind":"E","message":"${msg}"}}\n`;

async function setup(initial: string) {
  const dir = mkdtempSync(join(tmpdir(), 'errtrack-follow-'));
  const file = join(dir, 'app.jsonl');
  writeFileSync(file, initial);
  const events: ErrorEvent[] = [];
  const cursor = await scanFile(file, { flushPartial: false }, (e) => events.push(e));
  const rotations: string[] = [];
  // A long poll interval: the test drives checks itself, so nothing depends on timing.
  const follower = new Follower({ pollMs: 60_000, onRotate: (_f, how) => rotations.push(how) });
  await follower.follow(cursor);
  return { file, events, follower, rotations, messages: () => events.map((e) => e.message) };
}

test('appended lines are read; a partial last line waits for its newline', async () => {
  const t = await setup(line('a'));
  try {
    appendFileSync(t.file, line('b') + line('c').slice(0, 20));
    await t.follower.checkAll();
    assert.deepEqual(t.messages(), ['a', 'b']);
    appendFileSync(t.file, line('c').slice(20));
    await t.follower.checkAll();
    assert.deepEqual(t.messages(), ['a', 'b', 'c']);
    assert.equal(t.events[2].origin?.line, 3);
  } finally {
    t.follower.dispose();
  }
});

test('rotation: lines written to the old file before the switch are drained, then the new file is read from its start', async () => {
  const t = await setup(line('a'));
  try {
    renameSync(t.file, t.file + '.1');
    appendFileSync(t.file + '.1', line('late-in-old'));
    writeFileSync(t.file, line('new-1') + line('new-2'));
    await t.follower.checkAll();
    assert.deepEqual(t.messages(), ['a', 'late-in-old', 'new-1', 'new-2']);
    assert.deepEqual(t.rotations, ['rotated']);
    assert.equal(t.events.at(-1)?.origin?.line, 2, 'line numbers restart in the new file');
  } finally {
    t.follower.dispose();
  }
});

test('truncation: a file that shrank is read again from offset 0', async () => {
  const t = await setup(line('a') + line('b') + line('c'));
  try {
    writeFileSync(t.file, line('x'));
    await t.follower.checkAll();
    assert.deepEqual(t.messages(), ['a', 'b', 'c', 'x']);
    assert.deepEqual(t.rotations, ['truncated']);
  } finally {
    t.follower.dispose();
  }
});
