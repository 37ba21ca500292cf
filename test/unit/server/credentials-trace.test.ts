// The Datadog keys cross the LSP connection sealed: a verbose trace of everything the client
// sends and receives (what `errorTracking.trace.server: verbose` writes to the Output log) holds
// no key, yet the server opens them and sends them to Datadog in its headers.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Trace } from 'vscode-jsonrpc/node';
import { newSessionKey, openCredentials, sealCredentials, SESSION_KEY_ENV } from '../../../src/protocol/sealed-credentials';
import { FakeDatadog } from '../datadog/fake-datadog';
import { NO_SERVER, startLsp } from './lsp-harness';

const API_KEY = 'trace-test-api-key-4f1c2a9b8e7d6c5b';
const APP_KEY = 'trace-test-app-key-0a9b8c7d6e5f4a3b2c1d';

describe('Datadog keys and the LSP trace', { skip: NO_SERVER }, () => {
  it('keeps the keys out of a verbose trace while the server still uses them', { timeout: 60_000 }, async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'errtrack-trace-')), 'ws');
    mkdirSync(folder);
    const datadog = await new FakeDatadog().on('POST /api/v2/error-tracking/issues/search', { body: { data: [], included: [] } }).start();
    const trace: string[] = [];
    const sessionKey = newSessionKey();
    const lsp = await startLsp({
      folder,
      settings: { source: 'datadog' },
      // Nothing but the sealed message may give the server keys: none in its environment.
      env: { [SESSION_KEY_ENV]: sessionKey, ERRTRACK_DATADOG_URL: datadog.url, DD_API_KEY: undefined, DD_APP_KEY: undefined, DD_SITE: undefined },
      beforeListen: (rpc) => rpc.trace(Trace.Verbose, { log: (message: string, data?: string) => void trace.push(message, data ?? '') }),
    });
    try {
      await lsp.rpc.sendRequest('errorTracking/setDatadogCredentials', { sealed: sealCredentials(sessionKey, { apiKey: API_KEY, appKey: APP_KEY }) });
      const deadline = Date.now() + 30_000;
      while (!datadog.requests.some((request) => request.headers['dd-api-key'] === API_KEY) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const search = datadog.requests.find((request) => request.headers['dd-api-key'] === API_KEY);
      assert.ok(search, `the server searched Datadog with the keys (requests: ${datadog.requests.length}; log: ${lsp.logs.join(' | ')})`);
      assert.equal(search.headers['dd-application-key'], APP_KEY);
      const text = trace.join('\n');
      assert.match(text, /errorTracking\/setDatadogCredentials/, 'the trace shows the request');
      assert.ok(!text.includes(API_KEY) && !text.includes(APP_KEY), 'no key in the trace');
      assert.ok(!lsp.logs.join('\n').includes(API_KEY), 'no key in the server log');
    } finally {
      await lsp.close();
      await datadog.stop();
      rmSync(path.dirname(folder), { recursive: true, force: true });
    }
  });

  it('refuses keys sealed with another session key, without naming them', () => {
    const sealed = sealCredentials(newSessionKey(), { apiKey: API_KEY, appKey: APP_KEY });
    const opened = openCredentials(newSessionKey(), sealed);
    assert.ok(opened instanceof Error);
    assert.ok(!opened.message.includes(API_KEY));
    assert.ok(openCredentials(undefined, sealed) instanceof Error, 'no session key, no keys');
  });
});
