// Shared by the extension-host suites: the extension's test API, and waiting for what the
// language server delivers asynchronously.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ErrorTrackingApi } from '../../src/extension/main';

export const EXTENSION_ID = 'errtrack.error-tracking-logs';

/** The activated extension's API, once its first scan has delivered issues. */
export async function extensionApi(): Promise<ErrorTrackingApi> {
  const extension = vscode.extensions.getExtension<ErrorTrackingApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api.ready();
  return api;
}

/** Polls `probe` until it gives a truthy value. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
