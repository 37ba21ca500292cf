// Where the Datadog source's settings come from: the editor's settings and SecretStorage first,
// then the environment variables Datadog's own tools read (DD_API_KEY, DD_APP_KEY, DD_SITE), and
// ERRTRACK_DATADOG_URL, which replaces the API base URL (a proxy or a test server).
import { DATADOG_SITES, DEFAULT_SITE, apiBaseUrl, isDocumentedSite, normalizeSite } from './sites';

export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
export const MIN_POLL_INTERVAL_MS = 60_000;

/** Values the caller read from settings and SecretStorage; leave a field undefined when unset. */
export interface DatadogSettingsInput {
  apiKey?: string;
  appKey?: string;
  /**
   * The site setting. Editors report the default (datadoghq.com) even when nobody chose it, so
   * the default counts as unset and DD_SITE, when present, wins over it.
   */
  site?: string;
  baseUrl?: string;
  query?: string;
  pollIntervalMinutes?: number;
}

export interface ResolvedDatadogSettings {
  apiKey?: string;
  appKey?: string;
  site: string;
  /** The API base URL requests go to (custom URL, or `https://api.{site}`). */
  baseUrl: string;
  /** True when ERRTRACK_DATADOG_URL or the baseUrl setting replaced the site's API URL. */
  customBaseUrl: boolean;
  query: string;
  pollIntervalMs: number;
  /** Where the keys came from, for the status message (never the keys themselves). */
  keysFrom?: 'settings' | 'environment';
  /** Missing keys, named for the user ("API key", "application key"). */
  missing: string[];
  /** Problems found in the values (a bad URL, a bad site...), already phrased for users. */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Checks a base URL: http(s) only, no credentials in it, no trailing slash. */
export function normalizeBaseUrl(value: string): { url?: string; warning?: string } {
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return { warning: `Ignoring the Datadog base URL "${value}": not a URL.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { warning: `Ignoring the Datadog base URL "${value}": only http and https are supported.` };
  }
  if (parsed.username || parsed.password) {
    return { warning: 'Ignoring the Datadog base URL: it must not contain a user name or password.' };
  }
  const url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'http:' && !loopback) {
    return { url, warning: `The Datadog base URL ${url} is not https: keys are sent unencrypted.` };
  }
  return { url };
}

/**
 * Settings and secrets win over the environment, except ERRTRACK_DATADOG_URL, which wins over the
 * baseUrl setting so a test run or CI can redirect every request without touching settings.
 */
export function resolveDatadogSettings(env: Env, settings: DatadogSettingsInput): ResolvedDatadogSettings {
  const warnings: string[] = [];

  const settingsKeys = nonEmpty(settings.apiKey) !== undefined || nonEmpty(settings.appKey) !== undefined;
  const apiKey = settingsKeys ? nonEmpty(settings.apiKey) : nonEmpty(env.DD_API_KEY);
  const appKey = settingsKeys ? nonEmpty(settings.appKey) : nonEmpty(env.DD_APP_KEY);
  const keysFrom = apiKey || appKey ? (settingsKeys ? 'settings' : 'environment') : undefined;
  const missing: string[] = [];
  if (!apiKey) missing.push('API key');
  if (!appKey) missing.push('application key');

  // The base URL first: only a base URL the user set lets the site be other than a documented one.
  let customUrl: string | undefined;
  const rawUrl = nonEmpty(env.ERRTRACK_DATADOG_URL) ?? nonEmpty(settings.baseUrl);
  if (rawUrl) {
    const checked = normalizeBaseUrl(rawUrl);
    if (checked.warning) warnings.push(checked.warning);
    customUrl = checked.url;
  }

  let site = DEFAULT_SITE;
  const settingSite = nonEmpty(settings.site);
  const rawSite = (settingSite === DEFAULT_SITE ? undefined : settingSite) ?? nonEmpty(env.DD_SITE) ?? settingSite;
  if (rawSite) {
    const normalized = normalizeSite(rawSite);
    if (!normalized) warnings.push(`Ignoring the Datadog site "${rawSite}": not a host name; using ${DEFAULT_SITE}.`);
    else if (!customUrl && !isDocumentedSite(normalized)) {
      warnings.push(`Ignoring the Datadog site "${rawSite}": not one of Datadog's sites (${DATADOG_SITES.join(', ')}); using ${DEFAULT_SITE}. A proxy goes in errorTracking.datadog.baseUrl.`);
    } else site = normalized;
  }

  const baseUrl = customUrl ?? apiBaseUrl(site);
  const customBaseUrl = customUrl !== undefined;

  let pollIntervalMs = DEFAULT_POLL_INTERVAL_MS;
  const minutes = settings.pollIntervalMinutes;
  if (minutes !== undefined) {
    if (!Number.isFinite(minutes)) warnings.push('Ignoring the Datadog poll interval: not a number.');
    else pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, Math.round(minutes * 60_000));
  }

  return {
    apiKey,
    appKey,
    site,
    baseUrl,
    customBaseUrl,
    query: nonEmpty(settings.query) ?? '',
    pollIntervalMs,
    keysFrom,
    missing,
    warnings,
  };
}
