// The server's typed view of the "errorTracking" settings, pulled with workspace/configuration.
// Anything missing or of the wrong type falls back to the default, so a bad setting never crashes.

import { ISSUE_STATES, TIME_WINDOWS, type IssueState, type TimeWindow } from '../core/model';
import { DEFAULT_SETTINGS, type ServerSettings } from '../protocol/messages';

type Raw = Record<string, unknown> | null | undefined;

function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : fallback;
}
function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(obj(value))) if (typeof item === 'string') out[key] = item;
  return out;
}
function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Known states only; none left (or not a list) falls back to the default. */
function datadogStates(value: unknown, fallback: IssueState[]): IssueState[] {
  const states = strings(value, []).map((s) => s.toUpperCase()).filter((s): s is IssueState => (ISSUE_STATES as readonly string[]).includes(s));
  return states.length > 0 ? [...new Set(states)] : fallback;
}

export function readSettings(raw: Raw): ServerSettings {
  const root = obj(raw);
  const d = DEFAULT_SETTINGS;
  const local = obj(root.local);
  const inApp = obj(root.inApp);
  const codeLens = obj(root.codeLens);
  const diagnostics = obj(root.diagnostics);
  const datadog = obj(root.datadog);
  const poll = Number(datadog.pollIntervalMinutes);
  return {
    source: oneOf(root.source, ['local', 'datadog'] as const, d.source),
    timeWindow: oneOf<TimeWindow>(root.timeWindow, TIME_WINDOWS, d.timeWindow),
    local: {
      logFiles: strings(local.logFiles, d.local.logFiles),
      fieldMapping: stringMap(local.fieldMapping),
      errorEvents: oneOf(local.errorEvents, ['all', 'withErrorAttributes'] as const, d.local.errorEvents),
    },
    pathMappings: stringMap(root.pathMappings),
    inApp: { include: strings(inApp.include, []), exclude: strings(inApp.exclude, []) },
    codeLens: {
      enabled: codeLens.enabled !== false,
      maxPerIssueLenses: Number.isInteger(codeLens.maxPerIssueLenses) ? Number(codeLens.maxPerIssueLenses) : d.codeLens.maxPerIssueLenses,
    },
    diagnostics: {
      enabled: diagnostics.enabled === true,
      severity: oneOf(diagnostics.severity, ['error', 'warning', 'information', 'hint'] as const, d.diagnostics.severity),
    },
    datadog: {
      site: str(datadog.site, d.datadog.site),
      query: str(datadog.query, d.datadog.query),
      pollIntervalMinutes: Number.isFinite(poll) ? Math.max(1, poll) : d.datadog.pollIntervalMinutes,
      baseUrl: str(datadog.baseUrl, d.datadog.baseUrl),
      states: datadogStates(datadog.states, d.datadog.states),
      track: oneOf(datadog.track, ['logs', 'trace', 'rum'] as const, d.datadog.track),
    },
  };
}
