import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Grouper, normalizeMessage } from '../../../src/core/grouping';
import { event, pythonKeyError } from '../../fixtures/engine/events';

test('normalizeMessage never throws and is idempotent on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const once = normalizeMessage(s);
      assert.equal(normalizeMessage(once), once);
    }),
    { numRuns: 300 },
  );
});

test('normalizing twice changes nothing on the inputs random testing once caught', () => {
  for (const text of ["''0", 'A000B', '""<""', 'size "1 KB" then \'2 KB\'']) {
    const once = normalizeMessage(text);
    assert.equal(normalizeMessage(once), once, JSON.stringify(text));
  }
  // Digits inside a word are never cut out of it as a number ("A0<num>0B"): the whole word is one identifier.
  assert.equal(normalizeMessage('token A000B rejected'), 'token <id> rejected');
});

test('numbers, ids and amounts spliced into a fixed sentence never split the issue', () => {
  const g = new Grouper();
  const first = g.fingerprint(event({ message: 'charge 1 for order 00000000-0000-4000-8000-000000000000 failed after 1ms' }), undefined).id;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.uuid(), fc.integer({ min: 1, max: 99_999 }), (amount, uuid, ms) => {
      const msg = `charge ${amount} for order ${uuid} failed after ${ms}ms`;
      assert.equal(g.fingerprint(event({ message: msg }), undefined).id, first);
    }),
    { numRuns: 200 },
  );
});

test('ids depend only on the event, not on what the Grouper saw before (stacked errors)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'customer_id'), { maxLength: 10 }), (keys) => {
      const g = new Grouper();
      for (const k of keys) g.fingerprint(event({ service: `svc-${k}` }), pythonKeyError(k));
      assert.equal(g.fingerprint(event(), pythonKeyError('x')).id, new Grouper().fingerprint(event(), pythonKeyError('x')).id);
    }),
    { numRuns: 50 },
  );
});
