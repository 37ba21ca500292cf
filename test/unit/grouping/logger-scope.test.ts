import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Grouper } from '../../../src/core/grouping';
import type { ErrorEvent } from '../../../src/core/model';

const record = (logger: string | undefined, message: string): ErrorEvent => ({
  timestamp: 1,
  service: 'billing',
  status: 'error',
  message,
  error: {},
  attributes: logger ? { 'logger.name': logger } : {},
});

test('records without a stack group by service, logger and message template', () => {
  const g = new Grouper();
  const job = g.fingerprint(record('org.acme.Job', 'connection refused'), undefined);
  const mailer = g.fingerprint(record('org.acme.Mailer', 'connection refused'), undefined);
  assert.notEqual(job.id, mailer.id, 'two loggers, two issues');
  assert.ok(job.parts.includes('logger:org.acme.Job'));
  assert.ok(job.why.some((w) => w.startsWith('logger: org.acme.Job')));
  assert.equal(g.fingerprint(record('org.acme.Job', 'connection refused'), undefined).id, job.id);
  assert.ok(!g.fingerprint(record(undefined, 'connection refused'), undefined).parts.some((p) => p.startsWith('logger:')));
});
