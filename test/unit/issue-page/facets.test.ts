import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorEvent } from '../../../src/core/model';
import { eventMatches, eventValues } from '../../../media/issue-page/facets';

const event: ErrorEvent = {
  timestamp: 0,
  service: 'nightly-import',
  env: 'prod',
  host: 'worker-1',
  status: 'error',
  message: 'boom',
  error: { kind: 'TypeError' },
  attributes: {
    account_id: 8812,
    'http.url': 'https://api.example.com/v2',
    usr: { id: 'u-1', admin: false, extra: null },
    tags: ['team:data', 'region:eu', { nested: true }],
    long: 'x'.repeat(300),
  },
};

describe('facet values of a sample event (for filtering samples by facet)', () => {
  it('reads standard attributes from the event fields', () => {
    assert.deepEqual(eventValues(event, 'service'), ['nightly-import']);
    assert.deepEqual(eventValues(event, 'host'), ['worker-1']);
    assert.deepEqual(eventValues(event, 'version'), []);
    assert.deepEqual(eventValues(event, '@error.kind'), ['TypeError']);
  });

  it('reads nested attributes by dotted path, keys with dots first, values as strings', () => {
    assert.deepEqual(eventValues(event, 'account_id'), ['8812']);
    assert.deepEqual(eventValues(event, 'usr.id'), ['u-1']);
    assert.deepEqual(eventValues(event, 'usr.admin'), ['false']);
    assert.deepEqual(eventValues(event, 'usr.extra'), ['null']);
    assert.deepEqual(eventValues(event, 'http.url'), ['https://api.example.com/v2']);
    assert.deepEqual(eventValues(event, 'usr.missing'), []);
    assert.deepEqual(eventValues(event, 'constructor'), []);
  });

  it('counts each scalar of an array, as facets do', () => {
    assert.deepEqual(eventValues(event, 'tags'), ['team:data', 'region:eu']);
    assert.ok(eventMatches(event, { path: 'tags', value: 'region:eu' }));
  });

  it('matches values that facets cut and ended with an ellipsis', () => {
    assert.ok(eventMatches(event, { path: 'long', value: `${'x'.repeat(200)}…` }));
    assert.ok(!eventMatches(event, { path: 'long', value: `${'y'.repeat(200)}…` }));
  });
});
