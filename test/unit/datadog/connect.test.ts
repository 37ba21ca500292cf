import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { connectDatadog, disconnectDatadog, type ConnectDeps, type ConnectUi } from '../../../src/extension/datadog-connect-flow';
import { API_KEY_SECRET, APP_KEY_SECRET, checkDatadogKeys, readDatadogCredentials, type SecretStore } from '../../../src/extension/datadog-keys';
import { FakeDatadog } from './fake-datadog';
import { API_KEY, APP_KEY, NOW, SEARCH } from './helpers';

function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k) => data.get(k),
    store: async (k, v) => void data.set(k, v),
    delete: async (k) => void data.delete(k),
  };
}

/** Scripted answers for the UI; records every message shown. */
function scriptedUi(script: { site?: string; keys: (string | undefined)[]; buttons?: (string | undefined)[] }): ConnectUi & { shown: string[]; pickedFrom: string[] } {
  const shown: string[] = [];
  const pickedFrom: string[] = [];
  return {
    shown,
    pickedFrom,
    pickSite: async (sites) => {
      pickedFrom.push(...sites.map((s) => s.site));
      return script.site;
    },
    inputKey: async (options) => {
      const key = script.keys.shift();
      if (key !== undefined) assert.equal(options.validate(key), undefined);
      return key;
    },
    withProgress: (_title, task) => task(),
    error: async (message) => {
      shown.push(message);
      return script.buttons?.shift();
    },
    info: async (message) => void shown.push(message),
  };
}

function deps(ui: ConnectUi, secrets: SecretStore, check: ConnectDeps['check'], calls: string[]): ConnectDeps {
  return {
    secrets,
    ui,
    currentSite: () => 'datadoghq.com',
    saveSite: async (site) => void calls.push(`site:${site}`),
    check,
    onConnected: async (c) => void calls.push(`connected:${Object.keys(c).sort().join(',')}`),
    onDisconnected: async () => void calls.push('disconnected'),
  };
}

describe('Connect to Datadog', () => {
  it('offers the nine documented Datadog sites, checks the keys and stores them in secret storage only', async () => {
    const secrets = memorySecrets();
    const ui = scriptedUi({ site: 'datadoghq.eu', keys: [` ${API_KEY} `, APP_KEY] });
    const calls: string[] = [];
    const checked: unknown[] = [];
    const outcome = await connectDatadog(deps(ui, secrets, async (c) => (checked.push(c), { ok: true }), calls));
    assert.equal(outcome, 'connected');
    assert.deepEqual(ui.pickedFrom, ['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'datadoghq.eu', 'uk1.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'ddog-gov.com', 'us2.ddog-gov.com']);
    assert.deepEqual(checked, [{ apiKey: API_KEY, appKey: APP_KEY, site: 'datadoghq.eu' }]);
    assert.deepEqual(await readDatadogCredentials(secrets), { apiKey: API_KEY, appKey: APP_KEY });
    assert.deepEqual(calls, ['site:datadoghq.eu', 'connected:apiKey,appKey']);
    assert.deepEqual(ui.shown, ['Connected to Datadog (datadoghq.eu).']);
  });

  it('stores nothing when the keys are rejected, and never shows a key in the message', async () => {
    const secrets = memorySecrets();
    const ui = scriptedUi({ site: 'datadoghq.com', keys: [API_KEY, APP_KEY], buttons: [undefined] });
    const calls: string[] = [];
    const outcome = await connectDatadog(deps(ui, secrets, async () => ({ ok: false, message: `API or application key rejected (403) for ${API_KEY}` }), calls));
    assert.equal(outcome, 'cancelled');
    assert.equal(secrets.data.size, 0);
    assert.deepEqual(calls, []);
    assert.deepEqual(ui.shown, ['Datadog keys not accepted: API or application key rejected (403) for [redacted]']);
  });

  it('asks again on "Try Again" and can save unchecked keys on "Save Anyway"', async () => {
    const secrets = memorySecrets();
    const ui = scriptedUi({ site: 'datadoghq.com', keys: ['bad', 'bad2', API_KEY, APP_KEY], buttons: ['Try Again', 'Save Anyway'] });
    const calls: string[] = [];
    const outcome = await connectDatadog(deps(ui, secrets, async () => ({ ok: false, message: 'Cannot reach Datadog (ENOTFOUND)' }), calls));
    assert.equal(outcome, 'saved-unchecked');
    assert.deepEqual(await readDatadogCredentials(secrets), { apiKey: API_KEY, appKey: APP_KEY });
  });

  it('stops quietly when the user cancels an input', async () => {
    const secrets = memorySecrets();
    const ui = scriptedUi({ site: 'datadoghq.com', keys: [API_KEY, undefined] });
    assert.equal(await connectDatadog(deps(ui, secrets, async () => ({ ok: true }), [])), 'cancelled');
    assert.equal(secrets.data.size, 0);
  });

  it('disconnecting deletes both secrets and tells the server', async () => {
    const secrets = memorySecrets();
    secrets.data.set(API_KEY_SECRET, API_KEY);
    secrets.data.set(APP_KEY_SECRET, APP_KEY);
    const ui = scriptedUi({ keys: [] });
    const calls: string[] = [];
    await disconnectDatadog(deps(ui, secrets, async () => ({ ok: true }), calls), {});
    assert.equal(secrets.data.size, 0);
    assert.deepEqual(calls, ['disconnected']);
    assert.deepEqual(ui.shown, ['Disconnected from Datadog: the keys were removed.']);
  });
});

describe('Datadog key check on entry (one plain request, no client)', () => {
  let server: FakeDatadog;
  before(async () => {
    server = await new FakeDatadog().start();
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  it('sends both keys to the issue search of the base URL and accepts a 200', async () => {
    server.on(SEARCH, { body: { data: [] } });
    const result = await checkDatadogKeys({ apiKey: API_KEY, appKey: APP_KEY, site: 'datadoghq.com' }, { env: { ERRTRACK_DATADOG_URL: server.url }, now: NOW });
    assert.deepEqual(result, { ok: true });
    const [request] = server.sent(SEARCH);
    assert.equal(request.headers['dd-api-key'], API_KEY);
    assert.equal(request.headers['dd-application-key'], APP_KEY);
    assert.deepEqual(request.body, { data: { type: 'search_request', attributes: { query: '*', from: NOW - 60_000, to: NOW, track: 'logs' } } });
  });

  it('says the keys were rejected on 403', async () => {
    server.on(SEARCH, { status: 403, body: { errors: ['Forbidden'] } });
    const result = await checkDatadogKeys({ apiKey: API_KEY, appKey: APP_KEY, site: 'datadoghq.com' }, { baseUrl: server.url, env: {} });
    assert.deepEqual(result, { ok: false, message: 'API or application key rejected (403)' });
  });

  it('reports an unreachable server without the keys', async () => {
    const closed = await new FakeDatadog().start();
    await closed.stop();
    const result = await checkDatadogKeys({ apiKey: API_KEY, appKey: APP_KEY, site: 'datadoghq.com' }, { baseUrl: closed.url, env: {} });
    assert.deepEqual(result, { ok: false, message: `Cannot reach Datadog at ${closed.url} (ECONNREFUSED)` });
  });

  it('checks against the picked site, whatever DD_SITE says', async () => {
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(url);
      return new Response('{"data":[]}', { status: 200 });
    }) as unknown as typeof fetch;
    const result = await checkDatadogKeys({ apiKey: API_KEY, appKey: APP_KEY, site: 'datadoghq.com' }, { env: { DD_SITE: 'datadoghq.eu' }, fetch: fakeFetch });
    assert.deepEqual(result, { ok: true });
    assert.deepEqual(urls, ['https://api.datadoghq.com/api/v2/error-tracking/issues/search']);
  });
});
