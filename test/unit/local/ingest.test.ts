import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IssueStore } from '../../../src/core/issues';
import type { ErrorEvent } from '../../../src/core/model';
import { EventIngestor } from '../../../src/sources/local/ingest';

const event = (error: ErrorEvent['error'], message = 'request failed'): ErrorEvent => ({ timestamp: 1, service: 'api', status: 'error', message, error, attributes: {} });

test("the logger's error kind names the issue; the trace header's is the fallback", () => {
  const store = new IssueStore({ source: 'local' });
  const ingestor = new EventIngestor(store);
  // A JS subclass that never set `name` prints "Error:" in its stack; pino's err.type says RateLimitError.
  const stack = 'Error: rate limit exceeded\n    at call (/app/src/client.js:10:11)';
  const id = ingestor.ingest(event({ kind: 'RateLimitError', message: 'rate limit exceeded', stack }));
  assert.equal(store.get(id, { window: '30d', now: 2 })!.errorKind, 'RateLimitError');
  const other = ingestor.ingest(event({ stack }));
  assert.equal(store.get(other, { window: '30d', now: 2 })!.errorKind, 'Error');
});

test('a crash report without log message gets its error line as message', () => {
  const ingestor = new EventIngestor(new IssueStore({ source: 'local' }));
  const e = event({ stack: 'Traceback (most recent call last):\n  File "/app/job.py", line 3, in run\n    f()\nKeyError: \'id\'' }, '');
  ingestor.ingest(e);
  assert.equal(e.message, "KeyError: 'id'");
});
