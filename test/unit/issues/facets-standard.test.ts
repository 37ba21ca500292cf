// Sources may keep the whole log line as attributes: standard attributes must still count once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueStore } from '../../../src/core/issues';
import type { ErrorEvent } from '../../../src/core/model';

test('an env kept both as the event field and in the attributes is counted once per event', () => {
  const store = new IssueStore();
  const now = Date.parse('2026-11-28T12:00:00Z');
  let id = '';
  for (let i = 0; i < 3; i++) {
    const event: ErrorEvent = {
      timestamp: now - i * 1000, service: 'nightly-import', env: 'prod', host: 'worker-1', status: 'error',
      message: 'boom', error: { kind: 'Error', message: 'boom' },
      attributes: { service: 'nightly-import', env: 'prod', host: 'worker-1', status: 'error', job: 'import' },
    };
    id = store.ingest(event, undefined);
  }
  const facets = store.get(id, { window: '24h', now })!.facets;
  assert.equal(facets.find((f) => f.path === 'env')?.total, 3);
  assert.deepEqual(facets.find((f) => f.path === 'host')?.values, [{ value: 'worker-1', count: 3 }]);
  assert.equal(facets.find((f) => f.path === 'job')?.total, 3);
});
