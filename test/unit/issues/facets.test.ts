import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopK } from '../../../src/core/issues';
import { FacetSet } from '../../../src/core/issues/facets';
import { event, importRowEvent } from '../../fixtures/engine/events';

test('top-k keeps every value more frequent than total/k, with counts never underestimated', () => {
  const t = new TopK(10);
  for (let i = 0; i < 10_000; i++) {
    t.add(i % 4 === 0 ? 'cus_hot' : i % 7 === 0 ? 'cus_warm' : `cus_${i}`);
  }
  const top = t.top();
  assert.equal(top[0].value, 'cus_hot');
  assert.ok(top[0].count >= 2500);
  assert.ok(top.some((x) => x.value === 'cus_warm'));
  assert.equal(top.length, 10);
  assert.equal(t.total, 10_000);
});

test('facets answer "which customer, job, region do these failures share"', () => {
  const f = new FacetSet(50, 10, 120);
  for (let i = 0; i < 200; i++) f.add(importRowEvent(i));
  const facets = f.list();
  const region = facets.find((x) => x.path === 'customer.region')!;
  assert.deepEqual(region.values.map((v) => v.value).sort(), ['eu-west-1', 'us-east-1']);
  assert.equal(region.total, 200);
  assert.equal(region.values.find((v) => v.value === 'eu-west-1')!.count, 50);
  for (const p of ['service', 'env', 'status', 'job.name', 'job.run_id', 'batch.size']) {
    assert.ok(facets.some((x) => x.path === p), p);
  }
});

test('the number of paths and the length of values are bounded', () => {
  const f = new FacetSet(5, 3, 20);
  const attributes: Record<string, string> = {};
  for (let i = 0; i < 40; i++) attributes[`k${i}`] = 'v'.repeat(100);
  f.add(event({ attributes }));
  const facets = f.list();
  assert.equal(facets.length, 5);
  assert.ok(facets.every((x) => x.values.every((v) => v.value.length <= 21)));
  assert.ok(f.droppedPaths > 0);
});

test('a path whose values never repeat (request ids) shrinks to a few slots', () => {
  const t = new TopK(10);
  for (let i = 0; i < 100; i++) t.add(`req-${i}`);
  assert.equal(t.highCardinality, true);
  assert.ok(t.top().length <= 3);
  assert.equal(t.total, 100);
  const hot = new TopK(10);
  for (let i = 0; i < 100; i++) hot.add(i % 2 ? 'cus_7' : `cus_${i}`);
  assert.equal(hot.highCardinality, false);
  assert.equal(hot.top()[0].value, 'cus_7');
});
