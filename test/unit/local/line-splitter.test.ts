import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter } from '../../../src/sources/local/read/line-splitter';

function collect(maxLineLength = 1024) {
  const lines: [number, string][] = [];
  const bad: [number, string][] = [];
  const splitter = new LineSplitter({ line: (t, n) => lines.push([n, t]), malformed: (n, p) => bad.push([n, p]) }, { maxLineLength });
  return { splitter, lines, bad };
}

test('lines split across chunks are joined, CRLF endings trimmed, and a partial last line is held until flush', () => {
  const { splitter, lines } = collect();
  splitter.push('ab');
  splitter.push('c\r\nde');
  assert.deepEqual(lines, [[1, 'abc']]);
  assert.equal(splitter.pending, 'de');
  splitter.push('f\n');
  splitter.push('tail');
  assert.deepEqual(lines, [[1, 'abc'], [2, 'def']]);
  splitter.flush();
  assert.deepEqual(lines.at(-1), [3, 'tail']);
});

test('an over-long line is dropped while it streams in, never held whole', () => {
  const { splitter, lines, bad } = collect(10);
  splitter.push('short\n0123456789');
  splitter.push('0123456789');
  assert.equal(splitter.pending, '', 'the long line is not buffered');
  assert.equal(splitter.skippingLongLine, true);
  splitter.push('xx\nnext\n');
  assert.deepEqual(lines, [[1, 'short'], [3, 'next']]);
  assert.deepEqual(bad.map(([n]) => n), [2]);
});
