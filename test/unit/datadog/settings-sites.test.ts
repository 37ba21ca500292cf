// Where the Datadog keys may go: Datadog's documented sites, or a base URL the user set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveDatadogSettings } from '../../../src/sources/datadog/settings';
import { DATADOG_SITES } from '../../../src/sources/datadog/sites';

describe('Datadog site resolution', () => {
  it('refuses a host that is not a Datadog site, with a warning, and falls back to datadoghq.com', () => {
    const resolved = resolveDatadogSettings({}, { site: 'evil.tld', apiKey: 'a', appKey: 'b' });
    assert.equal(resolved.site, 'datadoghq.com');
    assert.equal(resolved.baseUrl, 'https://api.datadoghq.com');
    assert.match(resolved.warnings.join(' '), /Ignoring the Datadog site "evil\.tld": not one of Datadog's sites/);
    assert.equal(resolveDatadogSettings({ DD_SITE: 'datadoghq.evil.tld' }, {}).baseUrl, 'https://api.datadoghq.com');
  });

  it('knows every documented site, including uk1 and us2.ddog-gov', () => {
    for (const site of ['uk1.datadoghq.com', 'us2.ddog-gov.com', 'ap2.datadoghq.com']) {
      assert.ok((DATADOG_SITES as readonly string[]).includes(site), site);
      const resolved = resolveDatadogSettings({}, { site });
      assert.deepEqual([resolved.site, resolved.baseUrl, resolved.warnings], [site, `https://api.${site}`, []]);
    }
  });

  it('lets a base URL the user set (a proxy) go with any site name', () => {
    const resolved = resolveDatadogSettings({}, { site: 'datadog.corp.example', baseUrl: 'https://dd-proxy.corp.example' });
    assert.deepEqual([resolved.site, resolved.baseUrl, resolved.customBaseUrl], ['datadog.corp.example', 'https://dd-proxy.corp.example', true]);
  });
});
