// Stored samples are capped copies of events serialized to one string: a JSON string of an event
// costs a fraction of the object graph, and the cap bounds every sample whatever was logged.
// The stack is kept out of the string so the samples of one issue can share it (it is usually
// byte-identical across the events).

import type { ErrorEvent, JsonObject, JsonValue } from '../model';

export interface CompactLimits {
  maxString: number;
  maxStack: number;
  maxAttributes: number;
}

export interface CompactEvent {
  json: string;
  stack?: string;
  /** error.message equals message: the JSON holds it once (error.message is 0 there). */
  sameMessage: boolean;
}

const MAX_DEPTH = 6;

export function cutString(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}… [${s.length - max} more characters]` : s;
}

/** Keeps one copy of equal stacks (SampleSet). */
export interface StackSharer {
  share(stack: string): string;
}

export function compactEvent(event: ErrorEvent, limits: CompactLimits, sharer?: StackSharer): CompactEvent {
  let stack = typeof event.error?.stack === 'string' ? cutString(event.error.stack, limits.maxStack) : undefined;
  if (stack !== undefined && sharer) stack = sharer.share(stack);
  // Fast path: most events are within every cap, and a walk that only measures is much cheaper
  // than building a capped copy; the native serializer then does the rest.
  if (withinLimits(event, limits)) {
    // Loggers often repeat the message as error.message: keep it once (key order kept).
    const error = withoutStack(event.error);
    const sameMessage = typeof error.message === 'string' && error.message.length > 0 && error.message === event.message;
    const json = JSON.stringify({ ...event, error: sameMessage ? { ...error, message: 0 } : error });
    return { json, stack, sameMessage };
  }
  const budget = { left: limits.maxAttributes, dropped: 0 };
  const attributes = capObject(event.attributes ?? {}, limits.maxString, budget, 0);
  if (budget.dropped > 0) attributes['_truncated'] = `${budget.dropped} attribute values not kept`;
  const error: ErrorEvent['error'] = {};
  if (event.error?.kind !== undefined) error.kind = cutString(event.error.kind, limits.maxString);
  if (event.error?.message !== undefined) error.message = cutString(event.error.message, limits.maxString);
  if (typeof event.error?.fingerprint === 'string') error.fingerprint = cutString(event.error.fingerprint, limits.maxString);
  const copy: ErrorEvent = {
    timestamp: event.timestamp,
    service: cutString(event.service, limits.maxString),
    status: event.status,
    message: cutString(event.message ?? '', limits.maxString),
    error,
    attributes,
  };
  if (event.env !== undefined) copy.env = cutString(event.env, limits.maxString);
  if (event.version !== undefined) copy.version = cutString(event.version, limits.maxString);
  if (event.host !== undefined) copy.host = cutString(event.host, limits.maxString);
  if (event.origin) copy.origin = { file: event.origin.file, line: event.origin.line };
  return { json: JSON.stringify(copy), stack, sameMessage: false };
}

/** The error minus its stack (the same object when it has none, as JSON.stringify reads it alike). */
function withoutStack(error: ErrorEvent['error'] | undefined): ErrorEvent['error'] {
  if (error === undefined) return {};
  if (!('stack' in error)) return error;
  const copy: Record<string, unknown> = {};
  for (const key in error) if (key !== 'stack' && Object.prototype.hasOwnProperty.call(error, key)) copy[key] = (error as Record<string, unknown>)[key];
  return copy as ErrorEvent['error'];
}

export function expandEvent(compact: CompactEvent): ErrorEvent {
  const event = JSON.parse(compact.json) as ErrorEvent;
  if (compact.sameMessage) event.error.message = event.message;
  if (compact.stack !== undefined) event.error.stack = compact.stack;
  return event;
}

function withinLimits(event: ErrorEvent, limits: CompactLimits): boolean {
  const max = limits.maxString;
  if (event.message.length > max || event.service.length > max) return false;
  if ((event.error?.message?.length ?? 0) > max || (event.error?.kind?.length ?? 0) > max) return false;
  if ((event.env?.length ?? 0) > max || (event.version?.length ?? 0) > max || (event.host?.length ?? 0) > max) return false;
  const left = { n: limits.maxAttributes };
  return fits(event.attributes ?? {}, max, left, 0);
}

function fits(value: JsonValue, max: number, left: { n: number }, depth: number): boolean {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string' && value.length > max) return false;
    return --left.n >= 0;
  }
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!fits(v, max, left, depth + 1)) return false;
    return true;
  }
  for (const key in value) if (!fits(value[key], max, left, depth + 1)) return false;
  return true;
}

function capValue(value: JsonValue, maxString: number, budget: { left: number; dropped: number }, depth: number): JsonValue | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return take(budget) ? value : undefined;
  if (typeof value === 'string') return take(budget) ? cutString(value, maxString) : undefined;
  if (depth >= MAX_DEPTH) return take(budget) ? cutString(JSON.stringify(value), maxString) : undefined;
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const v of value) {
      const c = capValue(v, maxString, budget, depth + 1);
      if (c !== undefined) out.push(c);
    }
    return out;
  }
  return capObject(value, maxString, budget, depth + 1);
}

function capObject(obj: JsonObject, maxString: number, budget: { left: number; dropped: number }, depth: number): JsonObject {
  const out: JsonObject = {};
  for (const key in obj) {
    const c = capValue(obj[key], maxString, budget, depth);
    if (c !== undefined) out[key] = c;
  }
  return out;
}

function take(budget: { left: number; dropped: number }): boolean {
  if (budget.left > 0) {
    budget.left--;
    return true;
  }
  budget.dropped++;
  return false;
}
