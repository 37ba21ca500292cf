import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveDatadogSettings } from '../../../src/sources/datadog/settings';
import { apiBaseUrl, appBaseUrl, normalizeSite } from '../../../src/sources/datadog/sites';

describe('Datadog settings resolution', () => {
  it('uses the keys from SecretStorage before DD_API_KEY / DD_APP_KEY', () => {
    const r = resolveDatadogSettings({ DD_API_KEY: 'env-api', DD_APP_KEY: 'env-app' }, { apiKey: 'api', appKey: 'app' });
    assert.deepEqual([r.apiKey, r.appKey, r.keysFrom], ['api', 'app', 'settings']);
  });

  it('falls back to DD_API_KEY, DD_APP_KEY and DD_SITE as Datadog tools do', () => {
    const r = resolveDatadogSettings({ DD_API_KEY: 'env-api', DD_APP_KEY: 'env-app', DD_SITE: 'datadoghq.eu' }, {});
    assert.deepEqual([r.apiKey, r.appKey, r.keysFrom, r.site, r.baseUrl], ['env-api', 'env-app', 'environment', 'datadoghq.eu', 'https://api.datadoghq.eu']);
    assert.deepEqual(r.missing, []);
  });

  it('never mixes a stored key with an environment key', () => {
    const r = resolveDatadogSettings({ DD_APP_KEY: 'env-app' }, { apiKey: 'api' });
    assert.equal(r.appKey, undefined);
    assert.deepEqual(r.missing, ['application key']);
  });

  it('lets a site set in settings win over DD_SITE, except the default editors always report', () => {
    assert.equal(resolveDatadogSettings({ DD_SITE: 'datadoghq.eu' }, { site: 'us5.datadoghq.com' }).site, 'us5.datadoghq.com');
    assert.equal(resolveDatadogSettings({ DD_SITE: 'datadoghq.eu' }, { site: 'datadoghq.com' }).site, 'datadoghq.eu');
    assert.equal(resolveDatadogSettings({}, { site: 'datadoghq.com' }).site, 'datadoghq.com');
  });

  it('lets ERRTRACK_DATADOG_URL replace the base URL, even over the setting', () => {
    const r = resolveDatadogSettings({ ERRTRACK_DATADOG_URL: 'http://127.0.0.1:8126/' }, { baseUrl: 'https://proxy.example.com/dd' });
    assert.deepEqual([r.baseUrl, r.customBaseUrl, r.warnings], ['http://127.0.0.1:8126', true, []]);
    assert.equal(resolveDatadogSettings({}, { baseUrl: 'https://proxy.example.com/dd/' }).baseUrl, 'https://proxy.example.com/dd');
  });

  it('warns about a cleartext base URL off loopback and ignores one that is not http', () => {
    assert.match(resolveDatadogSettings({}, { baseUrl: 'http://proxy.corp:8080' }).warnings[0], /not https/);
    const r = resolveDatadogSettings({}, { baseUrl: 'ftp://x' });
    assert.equal(r.baseUrl, 'https://api.datadoghq.com');
    assert.match(r.warnings[0], /only http and https/);
  });

  it('defaults the poll interval to 5 minutes and never goes under 1 minute', () => {
    assert.equal(resolveDatadogSettings({}, {}).pollIntervalMs, 300_000);
    assert.equal(resolveDatadogSettings({}, { pollIntervalMinutes: 0.1 }).pollIntervalMs, 60_000);
    assert.equal(resolveDatadogSettings({}, { pollIntervalMinutes: 15 }).pollIntervalMs, 900_000);
  });

  it('reads sites as users paste them and derives the API and app hosts', () => {
    assert.equal(normalizeSite('https://app.datadoghq.eu/'), 'datadoghq.eu');
    assert.equal(normalizeSite(' US5.datadoghq.com '), 'us5.datadoghq.com');
    assert.equal(normalizeSite('not a site'), undefined);
    assert.equal(apiBaseUrl('us3.datadoghq.com'), 'https://api.us3.datadoghq.com');
    assert.equal(appBaseUrl('us3.datadoghq.com'), 'https://us3.datadoghq.com');
    assert.equal(appBaseUrl('datadoghq.eu'), 'https://app.datadoghq.eu');
    assert.equal(appBaseUrl('ddog-gov.com'), 'https://app.ddog-gov.com');
  });
});
