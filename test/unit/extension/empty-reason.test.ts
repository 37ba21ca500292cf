// What the Issues view's welcome text says when the tree is empty: the reason, not "Reading…".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyReason, type EmptyInput } from '../../../src/extension/empty-reason';

const base: EmptyInput = {
  trusted: true,
  serverState: 'running',
  status: { source: 'local', state: 'ready', openIssues: 0, newIssues: 0 },
  listed: 0,
  shown: 0,
  filtered: false,
};
const reason = (patch: Partial<EmptyInput>) => emptyReason({ ...base, ...patch });

describe('why the Issues tree is empty', () => {
  it('says "reading" only while the first scan runs, and "loading" for Datadog', () => {
    assert.equal(reason({ status: { ...base.status, state: 'scanning' } }), 'reading');
    assert.equal(reason({ status: { ...base.status, source: 'datadog', state: 'scanning' } }), 'loading');
    assert.equal(reason({}), 'no-errors');
  });

  it('tells a filter that hides everything from issues that are all resolved', () => {
    assert.equal(reason({ listed: 4, filtered: true }), 'filtered');
    assert.equal(reason({ listed: 4 }), 'all-resolved');
    assert.equal(reason({ listed: 4, shown: 2 }), undefined);
  });

  it('names a read error, a stopped server, Restricted Mode and the source\'s own reasons', () => {
    assert.equal(reason({ status: { ...base.status, state: 'error', message: 'EACCES' } }), 'read-error');
    assert.equal(reason({ serverState: 'stopped', shown: 3 }), 'server-stopped');
    assert.equal(reason({ trusted: false }), 'untrusted');
    assert.equal(reason({ status: { ...base.status, empty: 'no-log-files' } }), 'no-log-files');
    assert.equal(reason({ status: { ...base.status, source: 'datadog', state: 'error', empty: 'not-connected' } }), 'not-connected');
  });
});
