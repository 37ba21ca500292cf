// aggregateLogs count timeseries -> histogram buckets covering the whole window (zeros included),
// aligned on the bucket width as Datadog aligns its timeseries points.
import type { HistogramBucket } from '../../core/model';
import { unwrap } from './issue-record';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `{time, value}` points of every bucket's first timeseries compute. */
export function readTimeseries(response: unknown): { time: number; value: number }[] {
  const root = unwrap(response);
  const data = isObj(root) ? unwrap(root.data) : undefined;
  const buckets = isObj(data) && Array.isArray(data.buckets) ? data.buckets : [];
  const points: { time: number; value: number }[] = [];
  for (const rawBucket of buckets) {
    const bucket = unwrap(rawBucket);
    const computes = isObj(bucket) && isObj(bucket.computes) ? bucket.computes : {};
    for (const rawSeries of Object.values(computes)) {
      const series = unwrap(rawSeries);
      if (!Array.isArray(series)) continue;
      for (const rawPoint of series) {
        const point = unwrap(rawPoint);
        if (!isObj(point)) continue;
        const time = typeof point.time === 'string' ? Date.parse(point.time) : typeof point.time === 'number' ? point.time : NaN;
        const value = typeof point.value === 'number' ? point.value : Number(point.value);
        if (Number.isFinite(time) && Number.isFinite(value)) points.push({ time, value });
      }
    }
  }
  return points;
}

export function toHistogram(points: { time: number; value: number }[], from: number, to: number, width: number): HistogramBucket[] {
  const first = Math.floor(from / width) * width;
  const buckets: HistogramBucket[] = [];
  for (let start = first; start < to; start += width) buckets.push({ start, width, count: 0 });
  for (const point of points) {
    const index = Math.floor((point.time - first) / width);
    if (index >= 0 && index < buckets.length) buckets[index].count += point.value;
  }
  return buckets;
}
