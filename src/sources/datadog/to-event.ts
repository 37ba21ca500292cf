// Datadog log -> ErrorEvent, keeping every attribute the log carried.
import type { ErrorEvent, JsonObject, JsonValue, LogStatus } from '../../core/model';
import { unwrap } from './issue-record';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATUS: Record<string, LogStatus> = {
  emerg: 'emergency',
  emergency: 'emergency',
  alert: 'alert',
  crit: 'critical',
  critical: 'critical',
  err: 'error',
  error: 'error',
  warn: 'warn',
  warning: 'warn',
  notice: 'info',
  info: 'info',
  ok: 'info',
  success: 'info',
  debug: 'debug',
  trace: 'trace',
};

/** Deep copy into plain JSON (Dates become ISO strings; functions and undefined are dropped). */
function toJson(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return value.toISOString();
  if (depth > 20) return undefined;
  if (Array.isArray(value)) return value.map((v) => toJson(v, depth + 1) ?? null);
  if (isObj(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const json = toJson(v, depth + 1);
      if (json !== undefined) out[k] = json;
    }
    return out;
  }
  return undefined;
}

function tagValue(tags: string[], name: string): string | undefined {
  const prefix = `${name}:`;
  return tags.find((t) => t.startsWith(prefix))?.slice(prefix.length) || undefined;
}

function optString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Returns undefined for an entry that is not a log at all (counted by the caller). */
export function logToEvent(value: unknown): ErrorEvent | undefined {
  const log = unwrap(value);
  if (!isObj(log) || !isObj(log.attributes)) return undefined;
  const a = log.attributes;
  const custom = isObj(a.attributes) ? a.attributes : {};
  const tags = Array.isArray(a.tags) ? a.tags.filter((t): t is string => typeof t === 'string') : [];
  const timestamp =
    a.timestamp instanceof Date ? a.timestamp.getTime() : typeof a.timestamp === 'string' ? Date.parse(a.timestamp) : NaN;
  if (Number.isNaN(timestamp)) return undefined;

  const error = isObj(custom.error) ? custom.error : {};
  const attributes = (toJson(Object.fromEntries(Object.entries(custom).filter(([k]) => k !== 'error'))) ?? {}) as JsonObject;
  if (tags.length > 0 && !('tags' in attributes)) attributes.tags = tags;
  if (typeof log.id === 'string' && !('log_id' in attributes)) attributes.log_id = log.id;

  return {
    timestamp,
    service: optString(a.service) ?? optString(custom.service) ?? tagValue(tags, 'service') ?? '',
    env: optString(custom.env) ?? tagValue(tags, 'env'),
    version: optString(custom.version) ?? tagValue(tags, 'version'),
    host: optString(a.host),
    status: STATUS[String(a.status ?? '').toLowerCase()] ?? 'error',
    message: typeof a.message === 'string' ? a.message : '',
    error: {
      kind: optString(error.kind),
      message: optString(error.message),
      stack: optString(error.stack),
      fingerprint: optString(error.fingerprint),
    },
    attributes,
  };
}
