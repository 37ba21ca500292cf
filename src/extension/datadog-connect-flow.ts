// The "Connect to Datadog" and "Disconnect" conversations, written against a small UI interface so
// they are tested without an editor. datadog-connect.ts binds them to vscode.
import { DATADOG_SITES, normalizeSite } from '../sources/datadog/sites';
import { redact } from '../sources/datadog/errors';
import {
  deleteDatadogCredentials,
  storeDatadogCredentials,
  type CheckResult,
  type DatadogCredentials,
  type SecretStore,
} from './datadog-keys';

export interface ConnectUi {
  /** Resolves to the chosen site, or undefined when cancelled. */
  pickSite(sites: { site: string; current: boolean }[]): Promise<string | undefined>;
  /** A password input box; undefined when cancelled. */
  inputKey(options: { title: string; prompt: string; validate(value: string): string | undefined }): Promise<string | undefined>;
  /** Runs the check with a progress notification. */
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T>;
  /** Returns the button chosen, if any. */
  error(message: string, ...buttons: string[]): Promise<string | undefined>;
  info(message: string): Promise<void>;
}

export interface ConnectDeps {
  secrets: SecretStore;
  ui: ConnectUi;
  currentSite(): string;
  saveSite(site: string): Promise<void>;
  check(credentials: DatadogCredentials & { site: string }): Promise<CheckResult>;
  onConnected(credentials: DatadogCredentials): Promise<void>;
  onDisconnected(): Promise<void>;
}

export type ConnectOutcome = 'connected' | 'saved-unchecked' | 'cancelled';

export function validateKey(value: string): string | undefined {
  const key = value.trim();
  if (!key) return 'Paste the key (it is stored in the editor\'s secret storage, never in settings).';
  if (/\s/.test(key)) return 'A Datadog key has no spaces.';
  return undefined;
}

export async function connectDatadog(deps: ConnectDeps): Promise<ConnectOutcome> {
  const current = normalizeSite(deps.currentSite()) ?? 'datadoghq.com';
  // Datadog's documented sites only: anything else needs a base URL the user sets themselves.
  const sites = [...DATADOG_SITES] as string[];
  const site = await deps.ui.pickSite(sites.map((s) => ({ site: s, current: s === current })));
  if (!site) return 'cancelled';

  for (;;) {
    const apiKey = await deps.ui.inputKey({
      title: `Connect to Datadog (${site}): API key`,
      prompt: 'Datadog API key (Organization Settings > API Keys)',
      validate: validateKey,
    });
    if (apiKey === undefined) return 'cancelled';
    const appKey = await deps.ui.inputKey({
      title: `Connect to Datadog (${site}): application key`,
      prompt: 'Datadog application key with error_tracking_read and logs_read_data, plus error_tracking_write to change states and assignees (Organization Settings > Application Keys)',
      validate: validateKey,
    });
    if (appKey === undefined) return 'cancelled';
    const credentials = { apiKey: apiKey.trim(), appKey: appKey.trim() };

    let result: CheckResult;
    try {
      result = await deps.ui.withProgress(`Checking the Datadog keys on ${site}…`, () => deps.check({ ...credentials, site }));
    } catch (error) {
      result = { ok: false, message: String((error as Error)?.message ?? error) };
    }
    if (result.ok) {
      await save(deps, credentials, site);
      await deps.ui.info(`Connected to Datadog (${site}).`);
      return 'connected';
    }
    const message = redact(result.message, [credentials.apiKey, credentials.appKey]);
    const choice = await deps.ui.error(`Datadog keys not accepted: ${message}`, 'Try Again', 'Save Anyway');
    if (choice === 'Save Anyway') {
      await save(deps, credentials, site);
      return 'saved-unchecked';
    }
    if (choice !== 'Try Again') return 'cancelled';
  }
}

async function save(deps: ConnectDeps, credentials: DatadogCredentials, site: string): Promise<void> {
  await storeDatadogCredentials(deps.secrets, credentials);
  if (site !== normalizeSite(deps.currentSite())) await deps.saveSite(site);
  await deps.onConnected(credentials);
}

export async function disconnectDatadog(deps: Pick<ConnectDeps, 'secrets' | 'ui' | 'onDisconnected'>, env: Record<string, string | undefined>): Promise<void> {
  const had = await deleteDatadogCredentials(deps.secrets);
  await deps.onDisconnected();
  const envNote = env.DD_API_KEY || env.DD_APP_KEY ? ' DD_API_KEY / DD_APP_KEY are still set in the environment and still apply.' : '';
  await deps.ui.info(had ? `Disconnected from Datadog: the keys were removed.${envNote}` : `No Datadog keys were stored.${envNote}`);
}
