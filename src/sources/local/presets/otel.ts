// OpenTelemetry log records come either as OTLP JSON exports (resourceLogs → scopeLogs →
// logRecords, attributes as key/value lists) or flat (one record per line, plain objects).
// Both are turned into flat records { timestamp, severityText, body, attributes, resource }.
import type { JsonObject, JsonValue } from '../../../core/model';

function anyValue(v: JsonValue | undefined): JsonValue {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v ?? null;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('arrayValue' in v) {
    const values = (v.arrayValue as JsonObject | null)?.values;
    return Array.isArray(values) ? values.map(anyValue) : [];
  }
  if ('kvlistValue' in v) return keyValues((v.kvlistValue as JsonObject | null)?.values);
  if ('bytesValue' in v) return v.bytesValue;
  return v;
}

/** [{key, value:{stringValue}}] → {key: value}; a plain object is returned as is. */
export function keyValues(list: JsonValue | undefined): JsonObject {
  if (list && typeof list === 'object' && !Array.isArray(list)) return list;
  const out: JsonObject = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (kv && typeof kv === 'object' && !Array.isArray(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  }
  return out;
}

/** Every log record of an OTLP JSON export line, flattened. */
export function otlpRecords(line: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const resourceLogs = Array.isArray(line.resourceLogs) ? line.resourceLogs : [];
  for (const rl of resourceLogs) {
    if (!rl || typeof rl !== 'object' || Array.isArray(rl)) continue;
    const resource = keyValues((rl.resource as JsonObject | undefined)?.attributes);
    const scopeLogs = Array.isArray(rl.scopeLogs) ? rl.scopeLogs : Array.isArray(rl.instrumentationLibraryLogs) ? rl.instrumentationLibraryLogs : [];
    for (const sl of scopeLogs) {
      if (!sl || typeof sl !== 'object' || Array.isArray(sl)) continue;
      const records = Array.isArray(sl.logRecords) ? sl.logRecords : [];
      const scope = (sl.scope ?? null) as JsonValue;
      for (const r of records) {
        if (!r || typeof r !== 'object' || Array.isArray(r)) continue;
        out.push({
          ...r,
          timeUnixNano: (r.timeUnixNano ?? r.observedTimeUnixNano ?? null) as JsonValue,
          body: anyValue(r.body),
          attributes: keyValues(r.attributes),
          resource,
          scope,
        });
      }
    }
  }
  return out;
}

/** A flat record whose attributes/resource may still be key/value lists. */
export function flattenRecord(record: JsonObject): JsonObject {
  const needs = Array.isArray(record.attributes) || Array.isArray(record.Attributes) || Array.isArray(record.resource) ||
    (record.resource && typeof record.resource === 'object' && 'attributes' in record.resource && Array.isArray((record.resource as JsonObject).attributes)) ||
    (record.body !== null && typeof record.body === 'object' && !Array.isArray(record.body) && 'stringValue' in record.body);
  if (!needs) return record;
  const copy: JsonObject = { ...record };
  if (Array.isArray(copy.attributes)) copy.attributes = keyValues(copy.attributes);
  if (Array.isArray(copy.Attributes)) copy.Attributes = keyValues(copy.Attributes);
  const res = copy.resource;
  if (Array.isArray(res)) copy.resource = keyValues(res);
  else if (res && typeof res === 'object' && Array.isArray((res as JsonObject).attributes)) copy.resource = keyValues((res as JsonObject).attributes);
  copy.body = anyValue(copy.body);
  return copy;
}
