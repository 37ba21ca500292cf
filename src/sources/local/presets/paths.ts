// Reads a dotted attribute path from a parsed log line, whether the logger nested the object
// ({"error":{"kind":…}}) or wrote the dotted key flat ({"error.kind":…}) or mixed both.
import type { JsonObject, JsonValue } from '../../../core/model';

export function getPath(obj: JsonObject, path: string): JsonValue | undefined {
  const direct = obj[path];
  if (direct !== undefined) return direct;
  let dot = path.indexOf('.');
  while (dot > 0) {
    const head = obj[path.slice(0, dot)];
    if (head !== null && typeof head === 'object' && !Array.isArray(head)) {
      const found = getPath(head, path.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = path.indexOf('.', dot + 1);
  }
  return undefined;
}

/** First candidate path that holds a non-empty value. */
export function firstPath(obj: JsonObject, paths: readonly string[]): JsonValue | undefined {
  for (const path of paths) {
    const value = getPath(obj, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** A value as text: strings as is, numbers and booleans printed, objects and arrays skipped. */
export function asText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The first candidate path that holds a non-empty value, with that value. */
export function firstPathWithValue(obj: JsonObject, paths: readonly string[]): { path: string; value: JsonValue } | undefined {
  for (const path of paths) {
    const value = getPath(obj, path);
    if (value !== undefined && value !== null && value !== '') return { path, value };
  }
  return undefined;
}

/**
 * A copy of `obj` without the value at `path` (resolved as getPath does), copying only the
 * objects along the path; `obj` itself when the path holds nothing.
 */
export function withoutPath(obj: JsonObject, path: string): JsonObject {
  if (obj[path] !== undefined) {
    const { [path]: _removed, ...rest } = obj;
    return rest;
  }
  let dot = path.indexOf('.');
  while (dot > 0) {
    const key = path.slice(0, dot);
    const head = obj[key];
    if (head !== null && typeof head === 'object' && !Array.isArray(head)) {
      const inner = withoutPath(head, path.slice(dot + 1));
      if (inner !== head) return { ...obj, [key]: inner };
    }
    dot = path.indexOf('.', dot + 1);
  }
  return obj;
}
