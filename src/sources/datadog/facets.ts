// Attribute facets over the sample events: which values the failures share. Datadog's issue API has
// no facets, so they are computed from the samples fetched (bounded, like the local engine's).
import type { ErrorEvent, Facet, JsonValue } from '../../core/model';

const MAX_PATHS = 20;
const MAX_VALUES = 5;
const MAX_DEPTH = 4;
/** Per-event values that never repeat and only add noise. */
const SKIPPED = new Set(['log_id', 'tags', 'timestamp', 'date', 'trace_id', 'span_id', 'dd.trace_id', 'dd.span_id']);

function leaves(value: JsonValue, path: string, depth: number, out: Map<string, string>): void {
  if (value === null) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return;
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, depth + 1, out);
    return;
  }
  if (Array.isArray(value) || SKIPPED.has(path)) return;
  const text = String(value);
  if (text.length <= 200) out.set(path, text);
}

export function computeFacets(events: ErrorEvent[]): Facet[] {
  const byPath = new Map<string, Map<string, number>>();
  for (const event of events) {
    const values = new Map<string, string>();
    if (event.env) values.set('env', event.env);
    if (event.version) values.set('version', event.version);
    if (event.host) values.set('host', event.host);
    leaves(event.attributes, '', 0, values);
    for (const [path, value] of values) {
      const counts = byPath.get(path) ?? new Map<string, number>();
      counts.set(value, (counts.get(value) ?? 0) + 1);
      byPath.set(path, counts);
    }
  }
  const facets: Facet[] = [];
  for (const [path, counts] of byPath) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const values = [...counts.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, MAX_VALUES);
    facets.push({ path, total, values });
  }
  // Paths most events carry first, then those whose top value is most shared.
  facets.sort((a, b) => b.total - a.total || b.values[0].count - a.values[0].count || a.path.localeCompare(b.path));
  return facets.slice(0, MAX_PATHS);
}
