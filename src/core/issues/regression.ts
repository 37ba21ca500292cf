// When an event reopens a resolved issue.
//  - Both the event and the resolution carry a version: regressed only if the event's version is
//    NEWER than the one the issue was resolved in (old versions still running are not news).
//  - Otherwise (no versions on either side): regressed if the event happened after resolution.
//  - IGNORED issues never regress; OPEN and ACKNOWLEDGED have nothing to regress from.

import type { IssueState } from '../model';

export interface ResolutionInfo {
  state: IssueState;
  resolvedAt?: number;
  resolvedInVersion?: string;
}

export function isRegression(issue: ResolutionInfo, eventTimestamp: number, eventVersion: string | undefined): boolean {
  if (issue.state !== 'RESOLVED') return false;
  if (issue.resolvedInVersion !== undefined && eventVersion !== undefined && eventVersion !== '') {
    return compareVersions(eventVersion, issue.resolvedInVersion) > 0;
  }
  return issue.resolvedAt === undefined || eventTimestamp > issue.resolvedAt;
}

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Semver-aware comparison ("1.10.0" > "1.9.3", "2.0.0-rc.1" < "2.0.0", build metadata ignored,
 * a leading "v" allowed, missing minor/patch read as 0). Anything else (git shas, dates, build
 * numbers with text) falls back to comparing runs of digits numerically and the rest as text,
 * which orders "build-20261128" after "build-20261127" and "r99" before "r100".
 */
export function compareVersions(a: string, b: string): number {
  const ma = SEMVER.exec(a.trim());
  const mb = SEMVER.exec(b.trim());
  if (ma && mb) {
    for (let i = 1; i <= 3; i++) {
      const d = Number(ma[i] ?? 0) - Number(mb[i] ?? 0);
      if (d !== 0) return Math.sign(d);
    }
    const pa = ma[4];
    const pb = mb[4];
    if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
    return comparePre(pa, pb);
  }
  return compareNatural(a, b);
}

function comparePre(a: string, b: string): number {
  const xa = a.split('.');
  const xb = b.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    if (xa[i] === undefined) return -1;
    if (xb[i] === undefined) return 1;
    const na = /^\d+$/.test(xa[i]);
    const nb = /^\d+$/.test(xb[i]);
    if (na && nb) {
      const d = Number(xa[i]) - Number(xb[i]);
      if (d !== 0) return Math.sign(d);
    } else if (na !== nb) return na ? -1 : 1;
    else if (xa[i] !== xb[i]) return xa[i] < xb[i] ? -1 : 1;
  }
  return 0;
}

function compareNatural(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    if (ta[i] === undefined) return -1;
    if (tb[i] === undefined) return 1;
    const da = /^\d/.test(ta[i]);
    const db = /^\d/.test(tb[i]);
    if (da && db) {
      const d = Number(ta[i]) - Number(tb[i]);
      if (d !== 0) return Math.sign(d);
    } else if (ta[i] !== tb[i]) return ta[i] < tb[i] ? -1 : 1;
  }
  return 0;
}
