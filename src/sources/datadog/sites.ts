// Datadog sites and the hosts derived from them. Kept free of the Datadog client so the extension
// (connect command) and the settings resolution can use it without loading the big bundle.

/** Datadog's documented sites: the only hosts the keys go to unless the user set a base URL. */
export const DATADOG_SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'datadoghq.eu',
  'uk1.datadoghq.com',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'ddog-gov.com',
  'us2.ddog-gov.com',
] as const;

export function isDocumentedSite(site: string): boolean {
  return (DATADOG_SITES as readonly string[]).includes(site);
}

export const DEFAULT_SITE = 'datadoghq.com';

/**
 * Accepts what users paste ("https://app.datadoghq.eu/", "US5.datadoghq.com") and returns the bare
 * site, or undefined when it is not a host name at all.
 */
export function normalizeSite(value: string): string | undefined {
  let site = value.trim().toLowerCase();
  site = site.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  site = site.replace(/^(app|api)\./, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(site)) return undefined;
  return site;
}

/** The API host for a site, as the Datadog client builds it (`https://api.{site}`). */
export function apiBaseUrl(site: string): string {
  return `https://api.${site}`;
}

/**
 * The web app host: regional sites (us3, us5, ap1, ap2...) serve the app on the site itself,
 * the others on `app.` + site.
 */
export function appBaseUrl(site: string): string {
  return /^[a-z]{2}\d\./.test(site) ? `https://${site}` : `https://app.${site}`;
}
