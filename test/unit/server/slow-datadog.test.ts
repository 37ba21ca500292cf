// A Datadog that does not answer must not hold the server up: the keys request returns at once
// (activation waits for it) and the server answers meanwhile, its status saying "loading".
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { newSessionKey, sealCredentials, SESSION_KEY_ENV } from '../../../src/protocol/sealed-credentials';
import { FakeDatadog } from '../datadog/fake-datadog';
import { NO_SERVER, startLsp } from './lsp-harness';

describe('a Datadog that hangs', { skip: NO_SERVER }, () => {
  it('answers the keys request and issue requests while the first poll waits', { timeout: 120_000 }, async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'errtrack-slow-')), 'ws');
    mkdirSync(folder);
    const datadog = await new FakeDatadog().on('POST /api/v2/error-tracking/issues/search', { hang: true }).start();
    const sessionKey = newSessionKey();
    const lsp = await startLsp({
      folder,
      settings: { source: 'datadog' },
      env: { [SESSION_KEY_ENV]: sessionKey, ERRTRACK_DATADOG_URL: datadog.url, DD_API_KEY: undefined, DD_APP_KEY: undefined, DD_SITE: undefined },
    });
    try {
      const started = Date.now();
      // Resolves before Datadog is even asked: the old server answered only after the first poll.
      await lsp.rpc.sendRequest('errorTracking/setDatadogCredentials', { sealed: sealCredentials(sessionKey, { apiKey: 'k1', appKey: 'k2' }) });
      assert.equal(datadog.requests.length, 0, 'answered before the first poll began');
      const deadline = Date.now() + 60_000; // loading the Datadog bundle takes seconds on a busy machine
      while (datadog.requests.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const answered = Date.now() - started;
      assert.ok(datadog.requests.length > 0, 'the first poll is under way (and hangs)');
      const status = await lsp.rpc.sendRequest<{ source: string; state: string; message?: string }>('errorTracking/status');
      assert.deepEqual([status.source, status.state, status.message], ['datadog', 'scanning', 'Loading issues from Datadog…']);
      assert.ok(answered < 60_000);
    } finally {
      await datadog.stop();
      await lsp.close();
      rmSync(path.dirname(folder), { recursive: true, force: true });
    }
  });
});
