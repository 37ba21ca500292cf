// Everything the store holds for one issue, and how it becomes a summary or the details page.

import type { ErrorEvent, Frame, IssueDetails, IssueState, IssueSummary, ParsedError, Regression, TimeWindow } from '../model';
import { groupingFrame, inAppFramesOf, rootOf } from '../grouping/chain';
import { FacetSet } from './facets';
import { IssueHistogram } from './histogram';
import type { IssueLimits } from './limits';
import { SampleSet } from './samples';

export interface IssueRecord {
  id: string;
  parts: string[];
  why: string[];
  service: string;
  env?: string;
  errorKind: string;
  message: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  firstSeenVersion?: string;
  lastSeenVersion?: string;
  state: IssueState;
  resolvedAt?: number;
  resolvedInVersion?: string;
  regression?: Regression;
  isNew: boolean;
  /** Grouping strategy that made `parts`, when it is not the current one (decisions kept from an older file). */
  strategyVersion?: number;
  error?: ParsedError;
  topFrame?: Frame;
  histogram: IssueHistogram;
  samples: SampleSet;
  facets: FacetSet;
}

export function newRecord(id: string, parts: string[], why: string[], event: ErrorEvent, parsed: ParsedError | undefined, limits: IssueLimits): IssueRecord {
  const error = parsed ? capError(parsed, limits.maxFrames) : undefined;
  const kind = (error ? rootOf(error).kind : '') || event.error?.kind || 'Error';
  return {
    id,
    parts,
    why,
    service: event.service || 'unknown',
    env: event.env,
    errorKind: kind,
    message: '',
    count: 0,
    firstSeen: event.timestamp,
    lastSeen: event.timestamp,
    firstSeenVersion: event.version,
    lastSeenVersion: event.version,
    state: 'OPEN',
    isNew: true,
    error,
    topFrame: error ? groupingFrame(error)?.frame : undefined,
    histogram: new IssueHistogram(),
    samples: new SampleSet(id, limits.latestSamples, limits.reservoirSamples, {
      maxString: limits.maxSampleString,
      maxStack: limits.maxSampleStack,
      maxAttributes: limits.maxSampleAttributes,
    }),
    facets: new FacetSet(limits.facetPaths, limits.facetTopK, limits.maxFacetValue),
  };
}

/** Counts the event into the record (not its state: the store decides regressions). */
export function recordEvent(r: IssueRecord, event: ErrorEvent, messageTemplate: string): void {
  r.count++;
  r.message = messageTemplate;
  if (event.timestamp < r.firstSeen) {
    r.firstSeen = event.timestamp;
    r.firstSeenVersion = event.version ?? r.firstSeenVersion;
  }
  if (event.timestamp >= r.lastSeen) {
    r.lastSeen = event.timestamp;
    if (event.version !== undefined) r.lastSeenVersion = event.version;
    if (event.env !== undefined) r.env = event.env;
  }
  if (r.firstSeenVersion === undefined && event.version !== undefined) r.firstSeenVersion = event.version;
  if (r.lastSeenVersion === undefined && event.version !== undefined) r.lastSeenVersion = event.version;
  r.histogram.add(event.timestamp);
  r.samples.add(event);
  r.facets.add(event);
}

/**
 * Folds `src` into `dst` (the two became one issue when a template generalized): counts, time
 * range, histogram, samples and facets. State is the caller's.
 */
export function mergeRecord(dst: IssueRecord, src: IssueRecord): void {
  dst.count += src.count;
  if (src.firstSeen < dst.firstSeen) {
    dst.firstSeen = src.firstSeen;
    dst.firstSeenVersion = src.firstSeenVersion ?? dst.firstSeenVersion;
  }
  if (src.lastSeen > dst.lastSeen) {
    dst.lastSeen = src.lastSeen;
    dst.lastSeenVersion = src.lastSeenVersion ?? dst.lastSeenVersion;
    dst.env = src.env ?? dst.env;
  }
  dst.isNew = dst.isNew && src.isNew;
  dst.histogram.absorb(src.histogram);
  dst.samples.absorb(src.samples);
  dst.facets.absorb(src.facets);
}

export function summarize(r: IssueRecord, source: 'local' | 'datadog', count: number): IssueSummary {
  const s: IssueSummary = {
    id: r.id,
    source,
    service: r.service,
    errorKind: r.errorKind,
    message: r.message,
    count,
    totalCount: r.count,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    state: r.state,
    isNew: r.isNew,
  };
  if (r.env !== undefined) s.env = r.env;
  if (r.firstSeenVersion !== undefined) s.firstSeenVersion = r.firstSeenVersion;
  if (r.lastSeenVersion !== undefined) s.lastSeenVersion = r.lastSeenVersion;
  if (r.regression) s.regression = { ...r.regression };
  if (r.topFrame) s.topFrame = r.topFrame;
  if (r.error) {
    const inApp = inAppFramesOf(r.error);
    if (inApp.length) s.inAppFrames = inApp;
  }
  return s;
}

export function detail(r: IssueRecord, source: 'local' | 'datadog', window: TimeWindow, now: number): IssueDetails {
  return {
    ...summarize(r, source, r.histogram.countWindow(window, now)),
    fingerprint: r.parts.slice(),
    error: r.error,
    histogram: r.histogram.buckets(window, now),
    samples: r.samples.list(),
    facets: r.facets.list(),
  };
}

/** The representative error with at most `maxFrames` frames per exception (a copy only if cut). */
function capError(e: ParsedError, maxFrames: number, depth = 0): ParsedError {
  const cause = e.cause && depth < 16 ? capError(e.cause, maxFrames, depth + 1) : undefined;
  if (e.frames.length <= maxFrames && cause === e.cause) return e;
  const copy: ParsedError = { ...e, frames: e.frames.slice(0, maxFrames) };
  if (cause) copy.cause = cause;
  else delete copy.cause;
  return copy;
}
