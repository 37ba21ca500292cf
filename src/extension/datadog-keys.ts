// Datadog keys in SecretStorage, and the check of a key pair made on entry. No vscode import and no
// Datadog client here: the check is one plain request, so connecting never loads the 4 MB client.
import { resolveDatadogSettings } from '../sources/datadog/settings';
import { networkReason, redact } from '../sources/datadog/errors';
import { apiBaseUrl, normalizeSite } from '../sources/datadog/sites';

export const API_KEY_SECRET = 'errorTracking.datadog.apiKey';
export const APP_KEY_SECRET = 'errorTracking.datadog.appKey';

export interface DatadogCredentials {
  apiKey: string;
  appKey: string;
}

export type CheckResult = { ok: true } | { ok: false; message: string };

/** The part of vscode.SecretStorage used here. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export async function readDatadogCredentials(secrets: Pick<SecretStore, 'get'>): Promise<DatadogCredentials | undefined> {
  const [apiKey, appKey] = await Promise.all([secrets.get(API_KEY_SECRET), secrets.get(APP_KEY_SECRET)]);
  return apiKey && appKey ? { apiKey, appKey } : undefined;
}

export async function storeDatadogCredentials(secrets: SecretStore, credentials: DatadogCredentials): Promise<void> {
  await secrets.store(API_KEY_SECRET, credentials.apiKey);
  await secrets.store(APP_KEY_SECRET, credentials.appKey);
}

/**
 * Connect or Disconnect in another window writes the same secret storage: every window follows,
 * handing the server the keys now stored (null once removed). Returns the subscription.
 */
export function followStoredCredentials(
  secrets: Pick<SecretStore, 'get'> & { onDidChange(listener: (event: { key: string }) => unknown): { dispose(): unknown } },
  changed: (credentials: DatadogCredentials | null) => Promise<void>,
): { dispose(): unknown } {
  return secrets.onDidChange(async (event) => {
    if (event.key !== API_KEY_SECRET && event.key !== APP_KEY_SECRET) return;
    await changed((await readDatadogCredentials(secrets)) ?? null);
  });
}

/** Returns whether any key was stored. */
export async function deleteDatadogCredentials(secrets: SecretStore): Promise<boolean> {
  const had = !!(await secrets.get(API_KEY_SECRET)) || !!(await secrets.get(APP_KEY_SECRET));
  await secrets.delete(API_KEY_SECRET);
  await secrets.delete(APP_KEY_SECRET);
  return had;
}

/**
 * Asks Datadog for one minute of Error Tracking issues with the keys: it needs both keys and the
 * scope the source needs. 401/403 say the keys are wrong; anything else is reported as it is.
 */
export async function checkDatadogKeys(
  credentials: DatadogCredentials & { site: string },
  options: { baseUrl?: string; env?: Record<string, string | undefined>; fetch?: typeof fetch; timeoutMs?: number; now?: number } = {},
): Promise<CheckResult> {
  // The site was just picked, so it wins over DD_SITE; a custom base URL still replaces it.
  const settings = resolveDatadogSettings(options.env ?? process.env, { ...credentials, baseUrl: options.baseUrl });
  const resolved = { baseUrl: settings.customBaseUrl ? settings.baseUrl : apiBaseUrl(normalizeSite(credentials.site) ?? settings.site) };
  const now = options.now ?? Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
  const secrets = [credentials.apiKey, credentials.appKey];
  try {
    const response = await (options.fetch ?? fetch)(`${resolved.baseUrl}/api/v2/error-tracking/issues/search`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'DD-API-KEY': credentials.apiKey,
        'DD-APPLICATION-KEY': credentials.appKey,
      },
      body: JSON.stringify({
        data: { type: 'search_request', attributes: { query: '*', from: now - 60_000, to: now, track: 'logs' } },
      }),
      signal: controller.signal,
    });
    if (response.ok) return { ok: true };
    if (response.status === 401 || response.status === 403) {
      return { ok: false, message: `API or application key rejected (${response.status})` };
    }
    const text = await response.text().catch(() => '');
    const detail = /"detail"\s*:\s*"([^"]{1,200})"/.exec(text)?.[1];
    return { ok: false, message: redact(`Datadog answered ${response.status}${detail ? `: ${detail}` : ''}`, secrets) };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, message: `Datadog did not answer (${resolved.baseUrl})` };
    return { ok: false, message: redact(`Cannot reach Datadog at ${resolved.baseUrl} (${networkReason(error)})`, secrets) };
  } finally {
    clearTimeout(timer);
  }
}
