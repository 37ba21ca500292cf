// Numbers and times as the page prints them (en-US digits grouping, UTC-free local times).
import type { JsonValue } from '../../src/core/model';

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function share(part: number, total: number): string {
  if (total <= 0) return '0%';
  const percent = (part / total) * 100;
  if (percent > 0 && percent < 1) return '<1%';
  return `${Math.round(percent)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 2026-11-28 14:03:07 in the viewer's time zone. */
export function dateTime(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown time';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function shortTime(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return spanMs >= 20 * 3600_000 ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}` : hm;
}

/** "3 min ago", "2 h ago", "5 days ago" relative to the host's clock. */
export function ago(ms: number, now: number): string {
  const seconds = Math.round((now - ms) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 0) return 'in the future';
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export const WINDOW_LABELS: Record<string, string> = { '1h': 'last hour', '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' };

/** An attribute value as a facet value string (how facets count values). */
export function facetString(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
