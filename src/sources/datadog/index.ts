// Entry of dist/datadog.js, required lazily by the server only when the Datadog source is chosen:
// everything that loads the Datadog client is reachable from here only.
import { DatadogIssueSource, type DatadogSourceOptions } from './source';

export { DatadogIssueSource, DEFAULT_STATES, formatAge } from './source';
export type { DatadogSourceOptions, DatadogStatus, ParseStack, RangeIssues, Timers } from './source';
export { TRACKS, type Track } from './requests';
export { withDeadline } from './deadline';
export { resolveDatadogSettings, DEFAULT_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS } from './settings';
export type { DatadogSettingsInput, ResolvedDatadogSettings } from './settings';
export { DATADOG_SITES, DEFAULT_SITE, apiBaseUrl, appBaseUrl, normalizeSite } from './sites';
export { redact } from './errors';

export function createDatadogSource(options: DatadogSourceOptions): DatadogIssueSource {
  return new DatadogIssueSource(options);
}
