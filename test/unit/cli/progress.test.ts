import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress } from '../../../src/cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

test('the progress bar draws on a terminal and clears its line when done', () => {
  const { stream, writes } = fakeStream(true);
  const p = createProgress(stream);
  p.update(50 * 1024 * 1024, 100 * 1024 * 1024);
  assert.match(writes[0], /^\rScanning \[#{15}\.{15}\] 50% 50\.0\/100\.0 MB$/);
  p.done();
  assert.equal(writes.at(-1), '\r\x1b[K');
});

test('no progress bar when stderr is not a terminal (pipes, CI logs)', () => {
  const { stream, writes } = fakeStream(false);
  const p = createProgress(stream);
  p.update(1, 2);
  p.done();
  assert.deepEqual(writes, []);
});
