// The Datadog search strings and time ranges the source sends, built in one place so tests and
// "Copy query" see exactly what was asked.
import type { TimeWindow } from '../../core/model';

const WINDOW_MS: Record<TimeWindow, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** Histogram bucket width per window (about 30-50 buckets), and its Datadog interval string. */
const BUCKET: Record<TimeWindow, { ms: number; interval: string }> = {
  '1h': { ms: 120_000, interval: '2m' },
  '24h': { ms: 1_800_000, interval: '30m' },
  '7d': { ms: 6 * 3_600_000, interval: '6h' },
  '30d': { ms: 86_400_000, interval: '1d' },
};

export function windowRange(window: TimeWindow, now: number): { from: number; to: number } {
  return { from: now - WINDOW_MS[window], to: now };
}

export function bucketFor(window: TimeWindow): { ms: number; interval: string } {
  return BUCKET[window];
}

/** ANDs the configured scope with the view's own query (Datadog: a space means AND). */
export function combineQueries(...parts: (string | undefined)[]): string {
  const kept = parts.map((p) => p?.trim()).filter((p): p is string => !!p && p !== '*');
  if (kept.length === 0) return '*';
  if (kept.length === 1) return kept[0];
  return kept.map((p) => (/\s(OR|or)\s/.test(p) ? `(${p})` : p)).join(' ');
}

/** A quoted Datadog search value: backslashes and quotes escaped, line breaks flattened. */
export function quoteValue(value: string): string {
  return `"${value.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The logs that Error Tracking attached to an issue. */
export function issueLogsQuery(issueId: string): string {
  return `@issue.id:${issueId}`;
}

/** Fallback when no log carries @issue.id: the same service, error kind and message. */
export function fallbackLogsQuery(issue: { service: string; errorKind: string; message: string }): string | undefined {
  const parts: string[] = [];
  if (issue.service) parts.push(`service:${quoteValue(issue.service)}`);
  if (issue.errorKind) parts.push(`@error.kind:${quoteValue(issue.errorKind)}`);
  // Quoted values match exactly and take no wildcard: a very long message is left out rather
  // than truncated into a query that can never match.
  if (issue.message && issue.message.length <= 500) parts.push(`@error.message:${quoteValue(issue.message)}`);
  return parts.length >= 2 ? parts.join(' ') : undefined;
}
