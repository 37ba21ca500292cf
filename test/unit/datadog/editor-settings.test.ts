// The editor settings errorTracking.datadog.states / .track, as the server reads them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings } from '../../../src/server/settings';

describe('the editor settings for Datadog states and track', () => {
  it('reads known states in any case, drops unknown ones, and falls back to For Review + Reviewed', () => {
    assert.deepEqual(readSettings({ datadog: { states: ['resolved', 'EXCLUDED', 'CLOSED'], track: 'rum' } }).datadog, {
      ...readSettings({}).datadog,
      states: ['RESOLVED', 'EXCLUDED'],
      track: 'rum',
    });
    assert.deepEqual(readSettings({ datadog: { states: ['CLOSED'] } }).datadog.states, ['OPEN', 'ACKNOWLEDGED']);
    assert.equal(readSettings({ datadog: { track: 'metrics' } }).datadog.track, 'logs');
  });
});
