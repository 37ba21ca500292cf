// Two windows share one secret storage: Connect in one hands the keys to the other window's
// server, Disconnect there takes them away. Other secrets are none of our business.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteDatadogCredentials, followStoredCredentials, storeDatadogCredentials, type DatadogCredentials } from '../../../src/extension/datadog-keys';

/** A secret storage as the editor shares it between windows: every write fires onDidChange. */
function sharedSecrets() {
  const data = new Map<string, string>();
  const listeners = new Set<(event: { key: string }) => unknown>();
  const fire = (key: string) => Promise.all([...listeners].map((listener) => listener({ key })));
  return {
    get: async (key: string) => data.get(key),
    store: async (key: string, value: string) => void (data.set(key, value), await fire(key)),
    delete: async (key: string) => void (data.delete(key), await fire(key)),
    onDidChange: (listener: (event: { key: string }) => unknown) => (listeners.add(listener), { dispose: () => listeners.delete(listener) }),
  };
}

describe('keys changed in another window', () => {
  it('reach this window on Connect, and go away on Disconnect', async () => {
    const secrets = sharedSecrets();
    const seen: (DatadogCredentials | null)[] = [];
    const subscription = followStoredCredentials(secrets, async (credentials) => void seen.push(credentials));
    await storeDatadogCredentials(secrets, { apiKey: 'api-1', appKey: 'app-1' });
    assert.deepEqual(seen.at(-1), { apiKey: 'api-1', appKey: 'app-1' });
    await deleteDatadogCredentials(secrets);
    assert.equal(seen.at(-1), null);
    const count = seen.length;
    await secrets.store('someone.else', 'x');
    assert.equal(seen.length, count, 'other secrets are ignored');
    subscription.dispose();
  });
});
