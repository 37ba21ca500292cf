import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fnv1a64 } from '../../../src/core/grouping/hash';

// Reference FNV-1a 64 in BigInt over UTF-8 bytes, to check the limb arithmetic.
function reference(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

test('fnv1a64 matches the published FNV-1a 64 test vectors', () => {
  assert.equal(fnv1a64(''), 'cbf29ce484222325');
  assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64('foobar'), '85944171f73967e8');
});

test('fnv1a64 hashes UTF-8 bytes, including astral characters, like a byte-level implementation', () => {
  for (const s of ['service:checkout\nkind:KeyError', 'héllo wörld', 'emoji 😀 in a message', 'x'.repeat(5000)]) {
    assert.equal(fnv1a64(s), reference(s));
  }
});

test('fnv1a64 always returns 16 lowercase hex digits', () => {
  for (let i = 0; i < 200; i++) assert.match(fnv1a64(`part-${i}`), /^[0-9a-f]{16}$/);
});
