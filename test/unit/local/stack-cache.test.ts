import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
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

test('a message that is the trace\'s first line leaves the trace intact (Python "Traceback" header)', () => {
  const stack = py("'customer_17'");
  const message = 'Traceback (most recent call last):';
  const cache = new StackParseCache();
  const parsed = cache.parse(stack, 'Exception', message);
  assert.deepEqual(parsed, parseStack(stack, { kind: 'Exception', message }));
  assert.equal(parsed?.kind, 'KeyError');
  assert.equal(parsed?.frames[0]?.function, 'load');
});

test('a plain message that is the whole first line is not templated: the trace keeps its own header', () => {
  const stack = 'order 17 not found\n    at loadOrder (/app/src/orders/load.js:12:5)';
  const cache = new StackParseCache();
  for (const m of ['order 17 not found', 'order 99 not found']) {
    const text = stack.replace('order 17 not found', m);
    assert.deepEqual(cache.parse(text, undefined, m), parseStack(text, { message: m }));
  }
});

// Real traces of the shared corpus and of this repository, each with messages taken from its own
// lines (whole lines, the text after `Kind: `, words of it), then the same trace with that message
// swapped for other messages: the cache must answer exactly what an uncached parse answers.
const SHARED = path.resolve(__dirname, '../../../../shared/fixtures/stacktraces');
const OWN = path.resolve(__dirname, '../../fixtures/stack');

function traceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...traceFiles(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}

function messagesOf(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    out.add(line);
    const colon = line.indexOf(': ');
    if (colon > 0) out.add(line.slice(colon + 2));
    const words = line.split(' ');
    if (words.length > 2) out.add(words.slice(1).join(' '));
  }
  return [...out];
}

const SWAPS = ['order 99 not found', 'Traceback (most recent call last):', 'x', 'panic: boom', 'thread main panicked at here',
  'at foo (bar.js:1:2)', 'Caused by: java.lang.Error: y', '#0 {main}', 'user bob failed at step 3', 'value=12, retry 4 of 5'];

test('cached parses equal uncached parses on every real trace, whatever line the message repeats', (t) => {
  const files = [...traceFiles(SHARED), ...traceFiles(OWN)];
  if (files.length === 0) return t.skip('no trace fixtures found');
  const cache = new StackParseCache(undefined, 64); // small: evictions happen too
  let checked = 0;
  fc.assert(
    fc.property(fc.constantFrom(...files), fc.nat(), fc.constantFrom(...SWAPS), fc.constantFrom(undefined, 'Error', 'KeyError'), (file, pick, swap, kind) => {
      const text = readFileSync(file, 'utf8');
      const messages = messagesOf(text);
      const message = messages[pick % messages.length];
      for (const [stack, m] of [[text, message], [text.split(message).join(swap), swap], [text, message]] as const) {
        assert.deepEqual(cache.parse(stack, kind, m), parseStack(stack, { kind, message: m }), `${path.basename(file)} with message ${JSON.stringify(m)}`);
        checked++;
      }
    }),
    { numRuns: 400, seed: 14 },
  );
  // and every line of every trace once, deterministically
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of messagesOf(text)) {
      assert.deepEqual(cache.parse(text, undefined, m), parseStack(text, { message: m }), `${path.basename(file)} with message ${JSON.stringify(m)}`);
      checked++;
    }
  }
  assert.ok(checked > 2000, `${checked} parses compared`);
});
