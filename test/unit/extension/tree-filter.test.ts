import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IssueSummary } from '../../../src/core/model';
import { applyFilter, isFiltered, NO_FILTER } from '../../../src/extension/tree-filter';

function issue(id: string, over: Partial<IssueSummary>): IssueSummary {
  return {
    id, source: 'local', service: 'nightly-import', env: 'prod', errorKind: 'TypeError', message: 'tags.map is not a function',
    count: 1, totalCount: 1, firstSeen: 0, lastSeen: 0, state: 'OPEN', isNew: false, ...over,
  };
}

const issues = [
  issue('a', {}),
  issue('b', { service: 'enrich-worker', errorKind: 'KeyError', message: "'lat'" }),
  issue('c', { state: 'RESOLVED' }),
  issue('d', { state: 'IGNORED', env: 'staging' }),
  issue('e', { state: 'ACKNOWLEDGED', env: 'staging' }),
];
const ids = (list: IssueSummary[]) => list.map((i) => i.id);

test('without a filter the tree shows open and acknowledged issues, or every state when asked', () => {
  assert.deepEqual(ids(applyFilter(issues, NO_FILTER, false)), ['a', 'b', 'e']);
  assert.deepEqual(ids(applyFilter(issues, NO_FILTER, true)), ['a', 'b', 'c', 'd', 'e']);
  assert.equal(isFiltered(NO_FILTER), false);
});

test('chosen states replace the default, and services, envs and text narrow further', () => {
  assert.deepEqual(ids(applyFilter(issues, { ...NO_FILTER, states: ['RESOLVED', 'IGNORED'] }, false)), ['c', 'd']);
  assert.deepEqual(ids(applyFilter(issues, { ...NO_FILTER, services: ['enrich-worker'] }, false)), ['b']);
  assert.deepEqual(ids(applyFilter(issues, { ...NO_FILTER, envs: ['staging'] }, true)), ['d', 'e']);
  assert.deepEqual(ids(applyFilter(issues, { ...NO_FILTER, text: 'keyerror' }, false)), ['b']);
  assert.equal(isFiltered({ ...NO_FILTER, envs: ['prod'] }), true);
});
