// When things happen in the demo's story, relative to `now`: deploys, nightly and delta runs,
// the night the bucket policy broke, and a geocoder slowdown.

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const WINDOW_HOURS = 96;

export interface Release {
  version: string;
  from: number;
  sha: string;
}

export interface Run {
  job: 'nightly' | 'delta';
  start: number;
  runId: string;
  /** The last run before `now`: it must show recent rate limits for the CodeLens. */
  latest: boolean;
}

export interface Timeline {
  now: number;
  start: number;
  importReleases: Release[];
  enrichReleases: Release[];
  runs: Run[];
  /** The nightly run whose writes were denied after an IAM policy change. */
  deniedRunStart?: number;
  geocoderSlow: { from: number; to: number };
}

const floorMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;

export function runId(job: string, start: number): string {
  return `${job}-${new Date(start).toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
}

export function releaseAt(releases: Release[], t: number): Release {
  let current = releases[0];
  for (const release of releases) if (release.from <= t) current = release;
  return current;
}

export function buildTimeline(now: number): Timeline {
  const start = now - WINDOW_HOURS * HOUR;
  // 1.4.1 fixed the missing-amount crash; 1.5.0 (a few hours ago) brought it back and added
  // day partitioning by updated_at, which fails on records with an unparsable date.
  const importReleases: Release[] = [
    { version: '1.4.0', from: start - 48 * HOUR, sha: '3f1c9a7e52b04d8e9a61c2f7b0d4e8a1c3b5d7e9' },
    { version: '1.4.1', from: floorMinute(now - 70 * HOUR), sha: '8b2e4d6f1a3c5e7092b4d6f8a0c2e4f6a8b0c2d4' },
    { version: '1.5.0', from: floorMinute(now - 5 * HOUR), sha: 'c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5' },
  ];
  const enrichReleases: Release[] = [
    { version: '0.8.3', from: start - 48 * HOUR, sha: '51a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9' },
    { version: '0.9.0', from: floorMinute(now - 30 * HOUR), sha: 'e2f4a6c8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0' },
  ];

  const nightlyStarts: number[] = [];
  const firstDay = Math.floor(start / (24 * HOUR)) * 24 * HOUR;
  for (let day = firstDay; day < now; day += 24 * HOUR) {
    const t = day + 1 * HOUR; // 01:00 UTC
    if (t >= start && t < now) nightlyStarts.push(t);
  }
  // A nightly run takes about three hours and a bit; delta runs (every 30 minutes) pause meanwhile.
  const busy = (t: number) => nightlyStarts.some((n) => t >= n - 15 * MINUTE && t < n + 4 * HOUR);
  const runs: Run[] = nightlyStarts.map((t) => ({ job: 'nightly' as const, start: t, runId: runId('nightly', t), latest: false }));
  for (let t = now - 10 * MINUTE; t >= start; t -= 30 * MINUTE) {
    if (!busy(t)) runs.push({ job: 'delta', start: t, runId: runId('delta', t), latest: false });
  }
  runs.sort((a, b) => a.start - b.start);
  if (runs.length > 0) runs[runs.length - 1].latest = true;

  const denied = nightlyStarts.filter((t) => t < now - 30 * HOUR && t >= now - 60 * HOUR);
  return {
    now,
    start,
    importReleases,
    enrichReleases,
    runs,
    deniedRunStart: denied[denied.length - 1],
    // The geocoder was slow for most of an hour during the oldest nightly run in the window.
    geocoderSlow: nightlyStarts.length > 0
      ? { from: nightlyStarts[0] + 40 * MINUTE, to: nightlyStarts[0] + 95 * MINUTE }
      : { from: now - 44 * HOUR, to: now - 43 * HOUR },
  };
}
