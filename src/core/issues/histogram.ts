// Counts over time for one issue in fixed memory: every event goes into three rings at once —
// per minute for the 24 hours before the newest event, per hour for 32 days, per day for 400 days
// — plus a counter of older events. A query takes each part of its range from the finest ring
// that holds it; ring coverage is cut at the coarser unit's boundary so no event counts twice.
// Precision: exact to the minute within the last day, to the hour within a month, to the day
// beyond; a coarse unit belongs to the query bucket its start falls in.

import type { HistogramBucket, TimeWindow } from '../model';
import { CountRing } from './count-ring';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const WINDOW_MS: Record<TimeWindow, number> = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
/** Bucket width per window: about 60 buckets each. */
export const BUCKET_MS: Record<TimeWindow, number> = { '1h': MINUTE, '24h': 30 * MINUTE, '7d': 3 * HOUR, '30d': 12 * HOUR };

interface Tier {
  ring: CountRing;
  unit: number;
}

export class IssueHistogram {
  private readonly tiers: Tier[] = [
    { ring: new CountRing(24 * 60), unit: MINUTE },
    { ring: new CountRing(32 * 24), unit: HOUR },
    { ring: new CountRing(400), unit: DAY },
  ];
  /** Events older than every ring. */
  older = 0;

  add(timestamp: number, n = 1): void {
    let kept = false;
    for (const t of this.tiers) kept = t.ring.add(Math.floor(timestamp / t.unit), n) || kept;
    if (!kept) this.older += n;
  }

  /** Adds another histogram's counts (two issues merged): unit by unit, tier by tier. */
  absorb(other: IssueHistogram): void {
    for (let i = 0; i < this.tiers.length; i++) {
      const ring = this.tiers[i].ring;
      other.tiers[i].ring.forEach(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, (unit, count) => void ring.add(unit, count));
    }
    this.older += other.older;
  }

  /** Events with timestamp in [from, to). */
  count(from: number, to: number): number {
    let total = 0;
    this.visit(from, to, (_s, _w, c) => (total += c));
    return total;
  }

  countWindow(window: TimeWindow, now: number): number {
    return this.count(now - WINDOW_MS[window], now + 1);
  }

  /** About 60 buckets aligned to the bucket width, from the one holding `now - window` to the one
   *  holding `now` (so they cover the whole window: 61 buckets for 1h, 49 for 24h...). */
  buckets(window: TimeWindow, now: number): HistogramBucket[] {
    const width = BUCKET_MS[window];
    const lastStart = Math.floor(now / width) * width;
    const first = Math.floor((now - WINDOW_MS[window]) / width) * width;
    const n = (lastStart - first) / width + 1;
    const out: HistogramBucket[] = [];
    for (let i = 0; i < n; i++) out.push({ start: first + i * width, width, count: 0 });
    this.visit(first, lastStart + width, (start, _w, c) => {
      const i = Math.floor((start - first) / width);
      if (i >= 0 && i < n) out[i].count += c;
    });
    return out;
  }

  /** Visits stored units whose start lies in [from, to), each from the finest ring holding it. */
  private visit(from: number, to: number, fn: (start: number, width: number, count: number) => void): void {
    let upper = to; // everything at or after `upper` was already taken from a finer ring
    for (let i = 0; i < this.tiers.length; i++) {
      const { ring, unit } = this.tiers[i];
      if (ring.newest === Number.NEGATIVE_INFINITY) return;
      const coarser = this.tiers[i + 1]?.unit;
      // This ring's usable start: its oldest unit, rounded up to the coarser unit's boundary.
      let start = ring.oldest * unit;
      if (coarser) start = Math.ceil(start / coarser) * coarser;
      const lo = Math.max(from, start);
      if (lo < upper) {
        const uFrom = Math.ceil(lo / unit);
        const uTo = Math.ceil(upper / unit);
        ring.forEach(uFrom, uTo, (u, c) => fn(u * unit, unit, c));
      }
      upper = Math.min(upper, start);
      if (upper <= from) return;
    }
  }
}
