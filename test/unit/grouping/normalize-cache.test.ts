import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeMessageDetailed, normalizeMessageShared, normalizeUncached } from '../../../src/core/grouping/normalize-rules';

// The cache serves every message of one digit skeleton from one entry; it must agree with the
// uncached rules on whatever digits are filled in, including text where digits survive.
const pieces = [
  ' ', ' ', ' ', '.', ':', '-', '/', '@', '=', '"', "'", '_', 'x', 'X', '0x', 'a', 'f', 'e', 'b', 'c', 'd', 'g', 'k', 's', 'ms', 'h', 'm',
  'MB', 'KiB', 'bytes', 'Nov', 'Sat, ', 'T', 'Z', 'GMT', 'utf', 'worker_', 'id', 'at ', 'for ', '.com', 'example', 'http://', 'v', 'µs',
];
const slot = '#';
const template = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.constant(slot), fc.constant(slot + slot + slot), fc.constant(slot.repeat(8))), { maxLength: 40 }).map((a) => a.join(''));
const fill = (t: string, digits: number[]): string => {
  let i = 0;
  return t.replace(/#/g, () => String(digits[i++ % digits.length]));
};

test('cached normalization equals the uncached rules for every filling of a digit skeleton', () => {
  fc.assert(
    fc.property(template, fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 6 }), (t, fillings) => {
      for (const digits of fillings) {
        const message = fill(t, digits);
        const expected = normalizeUncached(message);
        assert.deepEqual(normalizeMessageDetailed(message), expected, JSON.stringify(message));
        const shared = normalizeMessageShared(message);
        assert.equal(shared.text, expected.text);
        assert.deepEqual(shared.rules, expected.rules);
      }
    }),
    { numRuns: 2000 },
  );
});

test('messages whose digits survive the rules keep their own digits', () => {
  assert.equal(normalizeMessageShared('bucket s3 for utf8 export').text, 'bucket s3 for utf8 export');
  assert.equal(normalizeMessageShared('bucket s4 for utf7 export').text, 'bucket s4 for utf7 export');
  for (const m of ['job m17 failed 12 times', 'job m29 failed 31 times', 'job m29 failed 31 times', 'handle_order_17 failed', 'handle_order_29 failed']) {
    assert.equal(normalizeMessageShared(m).text, normalizeUncached(m).text);
  }
});

test('hex literals are told apart from digit-x words that share their skeleton', () => {
  assert.equal(normalizeMessageShared('bad pointer 0x1f at step').text, 'bad pointer <hex> at step');
  assert.equal(normalizeMessageShared('bad pointer 5x1f at step').text, normalizeUncached('bad pointer 5x1f at step').text);
});
