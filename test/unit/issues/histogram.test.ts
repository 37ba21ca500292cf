import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueHistogram } from '../../../src/core/issues';
import { CountRing } from '../../../src/core/issues/count-ring';
import { DAY, HOUR, MIN, T0 } from '../../fixtures/engine/events';

test('counts events per window relative to query.now', () => {
  const h = new IssueHistogram();
  h.add(T0 - 30 * MIN); // in 1h
  h.add(T0 - 5 * HOUR); // in 24h
  h.add(T0 - 3 * DAY); // in 7d
  h.add(T0 - 20 * DAY); // in 30d
  h.add(T0 - 90 * DAY); // in none
  assert.equal(h.countWindow('1h', T0), 1);
  assert.equal(h.countWindow('24h', T0), 2);
  assert.equal(h.countWindow('7d', T0), 3);
  assert.equal(h.countWindow('30d', T0), 4);
  // Later, the same data seen from two hours on: the 1h window is empty.
  assert.equal(h.countWindow('1h', T0 + 2 * HOUR), 0);
});

test('events are never counted twice across the minute, hour and day rings', () => {
  const h = new IssueHistogram();
  let n = 0;
  for (let t = T0 - 40 * DAY; t <= T0; t += 17 * MIN) {
    h.add(t);
    n++;
  }
  assert.equal(h.count(T0 - 400 * DAY, T0 + 1), n);
  const inLastDay = Math.floor((24 * HOUR) / (17 * MIN)) + 1;
  assert.ok(Math.abs(h.countWindow('24h', T0) - inLastDay) <= 1);
});

test('buckets: about 60 per window with the documented widths, covering the whole window', () => {
  const h = new IssueHistogram();
  for (let i = 0; i < 500; i++) h.add(T0 - i * 13 * MIN);
  const expectations = { '1h': [61, MIN], '24h': [49, 30 * MIN], '7d': [57, 3 * HOUR], '30d': [61, 12 * HOUR] } as const;
  for (const [window, [n, width]] of Object.entries(expectations)) {
    const b = h.buckets(window as '1h', T0);
    assert.equal(b.length, n, window);
    assert.ok(b.every((x) => x.width === width));
    assert.ok(b.every((x, i) => i === 0 || x.start === b[i - 1].start + width));
    assert.ok(b[b.length - 1].start <= T0 && T0 < b[b.length - 1].start + width);
    const total = b.reduce((s, x) => s + x.count, 0);
    assert.ok(total >= h.countWindow(window as '1h', T0), `${window}: ${total}`);
  }
});

test('out-of-order events land in their own minute', () => {
  const h = new IssueHistogram();
  h.add(T0);
  h.add(T0 - 10 * MIN);
  h.add(T0 - 10 * MIN + 5_000);
  const b = h.buckets('1h', T0);
  assert.equal(b.find((x) => x.start === T0 - 10 * MIN)?.count, 2);
  assert.equal(b[b.length - 1].count, 1);
});

test('memory is fixed: a ring turns dense once sparse would cost more, and drops what it no longer covers', () => {
  const r = new CountRing(1440);
  for (let u = 0; u < 5000; u++) r.add(u, 1);
  assert.equal(r.sum(0, 10_000), 1440);
  r.add(4999, 70_000); // beyond 16 bits: the ring widens its counters
  assert.equal(r.sum(4999, 5000), 70_001);
});
