// Turns one parsed JSON log line into an ErrorEvent, or undefined when it is not an error.
// An error is a line whose status is error/critical/alert/emergency (fatal and panic count as
// critical). With the stricter Datadog rule (`withErrorAttributes`) it must also carry an error
// stack, kind or message; by default a stackless error record is an event too, grouped by its
// message template.
import type { ErrorEvent, JsonObject, JsonValue, LogStatus } from '../../../core/model';
import { isErrorStatus, toStatus } from './levels';
import { asText, firstPath, firstPathWithValue, getPath, withoutPath } from './paths';
import type { PresetSpec } from './specs';
import { stackFromArray } from './stack-arrays';
import type { ErrorEventRule } from '../records/text-event';
import { toEpochMs } from './timestamps';

/** User remapping: standard attribute (e.g. "error.stack") → path in the line. */
export type FieldMapping = Record<string, string>;

export interface MapContext {
  fieldMapping?: FieldMapping;
  /** Time used when the line has none (e.g. the file's modification time). */
  fallbackTime: number;
  defaultService: string;
  rule?: ErrorEventRule;
}

const GENERIC_KIND = ['exc_type', 'error_type', 'exception_class', 'exception.type'];
const GENERIC_STACK = ['exc_info', 'exc_text', 'exception', 'stack_trace', 'stacktrace', 'stack', 'traceback'];

function pick(obj: JsonObject, std: string, paths: readonly string[], mapping?: FieldMapping): JsonValue | undefined {
  const user = mapping?.[std];
  if (user) {
    const v = getPath(obj, user);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return firstPath(obj, paths);
}

function pickWithPath(obj: JsonObject, std: string, paths: readonly string[], mapping?: FieldMapping) {
  const user = mapping?.[std];
  return firstPathWithValue(obj, user ? [user, ...paths] : paths);
}

/** The first status path whose value reads as a level ("status": 500 is an HTTP code, and "level" may follow). */
export function statusOf(obj: JsonObject, spec: PresetSpec, mapping?: FieldMapping): LogStatus {
  const user = mapping?.status;
  for (const path of user ? [user, ...spec.status] : spec.status) {
    const status = toStatus(getPath(obj, path), spec.numeric);
    if (status) return status;
  }
  return 'info';
}

export function toErrorEvent(obj: JsonObject, spec: PresetSpec, ctx: MapContext): ErrorEvent | undefined {
  const m = ctx.fieldMapping;
  const status = statusOf(obj, spec, m);
  if (!isErrorStatus(status)) return undefined;

  let kind = asText(pick(obj, 'error.kind', spec.kind, m));
  let errorMessage = asText(pick(obj, 'error.message', spec.errorMessage, m));
  const stackAt = pickWithPath(obj, 'error.stack', spec.stack, m);
  let stack = asText(stackAt?.value) ?? stackFromArray(stackAt?.value, kind, errorMessage);
  /** Where the stack was read: it is left out of `attributes` (it is kept once, in error.stack). */
  let stackPath = stack ? stackAt?.path : undefined;
  for (const path of spec.errorValue) {
    const v = getPath(obj, path);
    if (typeof v === 'string' && v) {
      if (!stack && looksLikeTrace(v)) {
        stack = v;
        stackPath = path;
      } else if (!errorMessage) errorMessage = withLogMessage(v, asText(pick(obj, 'message', spec.message, m)));
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      kind ??= asText(v.kind ?? v.type ?? v.name ?? v.class);
      errorMessage ??= asText(v.message ?? v.msg);
      if (!stack) {
        const key = ['stack', 'stack_trace', 'stacktrace'].find((k) => typeof v[k] === 'string' && v[k]);
        if (key) {
          stack = v[key] as string;
          stackPath = `${path}.${key}`;
        }
      }
    } else if (Array.isArray(v) && !stack) {
      stack = stackFromArray(v, kind, errorMessage);
    }
  }
  // AWS Lambda's JSON log format: errorType / errorMessage / stackTrace (an array), at the top
  // level (Python) or inside "message" (Node).
  const lambda = lambdaError(obj);
  if (lambda) {
    kind ??= lambda.kind;
    errorMessage ??= lambda.message;
    if (!stack && lambda.stack) {
      stack = stackFromArray(lambda.stack.value, kind, errorMessage);
      stackPath = stack ? lambda.stack.path : undefined;
    }
  }
  // Names loggers commonly use whatever their preset, for files the preset was not made for.
  kind ??= asText(firstPath(obj, GENERIC_KIND));
  if (!stack) {
    const found = firstPathWithValue(obj, GENERIC_STACK);
    const text = Array.isArray(found?.value) ? stackFromArray(found.value, kind, errorMessage) : asText(found?.value);
    if (found && text && text.includes('\n')) {
      stack = text;
      stackPath = found.path;
    }
  }
  if (ctx.rule === 'withErrorAttributes' && !stack && !kind && !errorMessage) return undefined;

  const fingerprint = asText(pick(obj, 'error.fingerprint', spec.fingerprint, m));
  const messageValue = pick(obj, 'message', spec.message, m);
  let message = asText(messageValue) ?? (messageValue !== undefined ? JSON.stringify(messageValue) : errorMessage ?? '');
  // A message that carries its own stack ("fatal error\n\tat …"): the first line is the message.
  if (!stack && looksLikeTrace(message)) {
    stack = message;
    message = message.slice(0, message.indexOf('\n'));
  }
  const event: ErrorEvent = {
    timestamp: toEpochMs(pick(obj, 'timestamp', spec.timestamp, m)) ?? ctx.fallbackTime,
    service: asText(pick(obj, 'service', spec.service, m)) ?? ctx.defaultService,
    status,
    message,
    error: {},
    attributes: stackPath ? withoutPath(obj, stackPath) : obj,
  };
  const env = asText(pick(obj, 'env', spec.env, m));
  const version = asText(pick(obj, 'version', spec.version, m));
  const host = asText(pick(obj, 'host', spec.host, m));
  if (env) event.env = env;
  if (version) event.version = version;
  if (host) event.host = host;
  if (kind) event.error.kind = kind;
  if (errorMessage) event.error.message = errorMessage;
  if (stack) event.error.stack = stack;
  if (fingerprint) event.error.fingerprint = fingerprint;
  return event;
}

/**
 * A plain error string (Go's `err`, logrus' `error`) says what failed underneath; the log message
 * says what was being done. Both name the issue: "lookup failed: record not found".
 */
function withLogMessage(error: string, message: string | undefined): string {
  return message && !error.includes(message) ? `${message}: ${error}` : error;
}

function lambdaError(obj: JsonObject): { kind?: string; message?: string; stack?: { path: string; value: JsonValue } } | undefined {
  for (const prefix of ['', 'message.']) {
    const kind = asText(getPath(obj, `${prefix}errorType`));
    const message = asText(getPath(obj, `${prefix}errorMessage`));
    if (!kind && !message) continue;
    const path = `${prefix}stackTrace`;
    const value = getPath(obj, path);
    return { kind, message, stack: Array.isArray(value) ? { path, value } : undefined };
  }
  return undefined;
}

function looksLikeTrace(text: string): boolean {
  return text.includes('\n') && /Traceback \(most recent call last\)|\n\s+at |\n\s+File "|goroutine \d+|\.go:\d+/.test(text);
}
