import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultServiceFor } from '../../../src/sources/local/default-service';

test('records that name no service belong to the program their log file is named for', () => {
  assert.equal(defaultServiceFor('/repo/logs/publisher/publisher.log'), 'publisher');
  assert.equal(defaultServiceFor('/var/log/billing/app-2026-11-28.log.1.gz'), 'app');
  assert.equal(defaultServiceFor('/var/log/billing/2026-11-28.jsonl'), 'billing');
  assert.equal(defaultServiceFor('/srv/worker/logs/stderr.log'), 'unknown');
  assert.equal(defaultServiceFor('/tmp/output.log'), 'unknown');
  assert.equal(defaultServiceFor('/repo/logs/nightly-import/2026-11-28.jsonl'), 'nightly-import');
});
