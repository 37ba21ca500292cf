import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StackParseCache } from '../../../src/sources/local/stack-cache';
import { parseStack } from '../../../src/core/stack';

const js = (msg: string) => `TypeError: ${msg}\n    at loadOrder (/app/src/orders/load.js:12:5)\n    at run (/app/src/run.js:3:1)`;
const py = (msg: string) => `Traceback (most recent call last):\n  File "/app/etl/load.py", line 9, in load\n    raise KeyError(k)\nKeyError: ${msg}\n`;

test('traces that differ only by the message in their header are parsed once, and each gets its own message', () => {
  const cache = new StackParseCache();
  const a = cache.parse(js('order 17 not found'), 'TypeError', 'order 17 not found');
  const b = cache.parse(js('order 99 not found'), 'TypeError', 'order 99 not found');
  assert.equal(cache.misses, 1);
  assert.equal(cache.hits, 1);
  assert.equal(a?.message, 'order 17 not found');
  assert.equal(b?.message, 'order 99 not found');
  assert.deepEqual(b, parseStack(js('order 99 not found'), { kind: 'TypeError', message: 'order 99 not found' }));
});

test('Python: the message on the last line is templated too', () => {
  const cache = new StackParseCache();
  const a = cache.parse(py("'customer_17'"), 'KeyError', "'customer_17'");
  const b = cache.parse(py("'customer_99'"), 'KeyError', "'customer_99'");
  assert.equal(cache.misses, 1);
  assert.deepEqual(a, parseStack(py("'customer_17'"), { kind: 'KeyError', message: "'customer_17'" }));
  assert.deepEqual(b, parseStack(py("'customer_99'"), { kind: 'KeyError', message: "'customer_99'" }));
});

test('a message that also appears in a frame never rewrites the frame', () => {
  const cache = new StackParseCache();
  const text = 'Error: loadOrder\n    at loadOrder (/app/src/orders/load.js:12:5)';
  const parsed = cache.parse(text, 'Error', 'loadOrder');
  assert.deepEqual(parsed, parseStack(text, { kind: 'Error', message: 'loadOrder' }));
  assert.equal(parsed?.frames[0].function.includes('loadOrder'), true);
});
