// Every issue of a search, although Datadog answers at most 100 per request and has no pagination.
// A full answer (100) is split into searches that cannot overlap, until each answers fewer:
//   1. by state, when several are asked for (an issue has one state);
//   2. by service, one search per service seen in the full answer plus one for all the others
//      (an issue has one service);
//   3. by time, halving the window (an issue with events in both halves is in both answers: its
//      counts add up, as the halves do not overlap).
// Pieces run a few at a time; what a split could not reach (too many searches, a window too short
// to halve, a failed piece) is reported, never silently dropped.
import type { IssueState } from '../../core/model';
import type { IssueRecord } from './issue-record';
import { mapLimit } from './parallel';
import { combineQueries, quoteValue } from './queries';
import { SEARCH_CAP, type SearchResult, type SearchSpec } from './requests';

export interface FoundIssue {
  record: IssueRecord;
  /** Events in the searched window (summed over time pieces). */
  count: number;
}

export interface GatheredIssues {
  issues: Map<string, FoundIssue>;
  /** False when some piece still answered its cap, or failed: more issues may exist. */
  complete: boolean;
  searches: number;
  /** Pieces still at the cap after splitting (their 100 issues are kept). */
  capped: number;
  /** Pieces that failed after the first search (the full answer they came from is kept). */
  failed: string[];
  /** Results that came without their issue (skipped, counted). */
  withoutIssue: number;
}

export interface GatherOptions {
  /** Most searches for one gathering (default 40). */
  maxSearches?: number;
  /** Searches in flight at once (default 4). */
  concurrency?: number;
  /** Shortest window a time split produces (default 1 minute). */
  minSliceMs?: number;
  /**
   * A full answer that nonetheless holds everything wanted (e.g. ordered by FIRST_SEEN and
   * already reaching back before the time of interest) needs no split.
   */
  enough?: (result: SearchResult, spec: SearchSpec) => boolean;
}

interface Piece {
  spec: SearchSpec;
  /** Services already searched one by one at this level (so the remainder is not split again by them). */
  byService: boolean;
  /** The full answer this piece was split from: kept when the piece fails. */
  parent?: SearchResult;
}

export async function gatherIssues(search: (spec: SearchSpec) => Promise<SearchResult>, spec: SearchSpec, options: GatherOptions = {}): Promise<GatheredIssues> {
  const maxSearches = options.maxSearches ?? 40;
  const concurrency = options.concurrency ?? 4;
  const minSliceMs = options.minSliceMs ?? 60_000;
  const out: GatheredIssues = { issues: new Map(), complete: true, searches: 0, capped: 0, failed: [], withoutIssue: 0 };
  // The first search is alone: if it fails, the whole gathering fails (there is nothing to show).
  const first = await search(spec);
  out.searches = 1;
  let pending: { piece: Piece; result: SearchResult }[] = [{ piece: { spec, byService: false }, result: first }];
  while (pending.length > 0) {
    const children: Piece[] = [];
    for (const { piece, result } of pending) {
      if (result.hits.length < SEARCH_CAP || options.enough?.(result, piece.spec)) {
        add(out, result);
        continue;
      }
      const parts = split(piece, result, minSliceMs);
      if (!parts || out.searches + children.length + parts.length > maxSearches) {
        add(out, result);
        out.capped++;
        out.complete = false;
        continue;
      }
      children.push(...parts);
    }
    const settled = await mapLimit(children, concurrency, (piece) =>
      search(piece.spec).then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    out.searches += children.length;
    pending = [];
    settled.forEach((outcome, index) => {
      const piece = children[index];
      if (outcome.ok) {
        pending.push({ piece, result: outcome.result });
        return;
      }
      out.complete = false;
      out.failed.push(String((outcome.error as Error)?.message ?? outcome.error));
      if (piece.parent) add(out, piece.parent, true);
    });
  }
  return out;
}

function add(out: GatheredIssues, result: SearchResult, onlyMissing = false): void {
  for (const hit of result.hits) {
    const record = result.issues.get(hit.issueId);
    if (!record) {
      if (!onlyMissing) out.withoutIssue++;
      continue;
    }
    const known = out.issues.get(hit.issueId);
    if (known && onlyMissing) continue;
    if (known) known.count += hit.totalCount ?? 0;
    else out.issues.set(hit.issueId, { record, count: hit.totalCount ?? 0 });
  }
}

/** Non-overlapping searches that together cover the piece, or undefined when it cannot be split. */
function split(piece: Piece, result: SearchResult, minSliceMs: number): Piece[] | undefined {
  const { spec } = piece;
  if (spec.states.length > 1) {
    return spec.states.map((state: IssueState) => ({ spec: { ...spec, states: [state] }, byService: piece.byService, parent: result }));
  }
  if (!piece.byService) {
    const services = [...new Set([...result.issues.values()].map((issue) => issue.service).filter((s) => s !== ''))].sort();
    if (services.length > 0) {
      const one = services.map((service) => ({
        spec: { ...spec, query: combineQueries(spec.query, `service:${quoteValue(service)}`) },
        byService: true,
        parent: result,
      }));
      const others = { spec: { ...spec, query: combineQueries(spec.query, ...services.map((s) => `-service:${quoteValue(s)}`)) }, byService: false, parent: result };
      return [...one, others];
    }
  }
  if (spec.to - spec.from >= 2 * minSliceMs) {
    const mid = spec.from + Math.floor((spec.to - spec.from) / 2);
    return [
      { spec: { ...spec, to: mid }, byService: piece.byService, parent: result },
      { spec: { ...spec, from: mid }, byService: piece.byService, parent: result },
    ];
  }
  return undefined;
}

/**
 * For a FIRST_SEEN search: a full answer already holds every issue first seen after `since` when
 * it is visibly ordered newest first and its last issue was first seen before `since`.
 */
export function reachesBack(since: number): (result: SearchResult) => boolean {
  return (result) => {
    const seen = result.hits.map((hit) => result.issues.get(hit.issueId)?.firstSeen ?? Number.NaN);
    if (seen.some((t) => Number.isNaN(t))) return false;
    for (let i = 1; i < seen.length; i++) if (seen[i] > seen[i - 1]) return false;
    return seen.length > 0 && seen[seen.length - 1] <= since;
  };
}

/** The plain words for what may be missing, or undefined when the list is complete. */
export function shortfallText(gathered: GatheredIssues): string | undefined {
  if (gathered.complete) return undefined;
  const n = gathered.issues.size;
  if (gathered.failed.length > 0) {
    return `showing ${n} issues; ${gathered.failed.length} of ${gathered.searches} Datadog searches failed (${gathered.failed[0]}), so some may be missing`;
  }
  return `showing ${n} of more than ${n} issues: Datadog answers at most ${SEARCH_CAP} per search and ${gathered.searches} searches did not reach them all — narrow with a query`;
}
