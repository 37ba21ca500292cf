// The issue store: groups events into issues and keeps, per issue, bounded counts, samples and
// facets, the state the user chose, and the regression rule. Ingest is a fingerprint plus one
// map lookup, so its cost does not depend on how many issues exist.

import type { Disposable, ErrorEvent, IssueDetails, IssueEvent, IssueQuery, IssueState, IssueSummary, ParsedError } from '../model';
import { GROUPING_STRATEGY_VERSION, Grouper } from '../grouping';
import { detail, mergeRecord, newRecord, recordEvent, summarize, type IssueRecord } from './issue-record';
import { DEFAULT_LIMITS, type IssueLimits } from './limits';
import { STATE_FORMAT, STATE_FORMAT_VERSION, validatePersisted, type PersistedIssue, type PersistedState } from './persisted';
import { matchesQuery, parseQuery } from './query-filter';
import { isRegression } from './regression';

export type { IssueLimits } from './limits';
export { DEFAULT_LIMITS } from './limits';

export interface IssueStoreOptions {
  source?: 'local' | 'datadog';
  limits?: Partial<IssueLimits>;
  grouper?: Grouper;
}

export type LoadResult = { ok: true; warning?: string } | { ok: false; reason: string };

export class IssueStore {
  private readonly records = new Map<string, IssueRecord>();
  /** Decisions loaded from disk for issues not seen in this run yet. */
  private readonly decisions = new Map<string, PersistedIssue>();
  /** Ids of issues merged into another (template generalized), to the id they live on as. */
  private readonly aliases = new Map<string, string>();
  private readonly listeners = new Set<(e: IssueEvent) => void>();
  private readonly source: 'local' | 'datadog';
  private readonly limits: IssueLimits;
  private readonly grouper: Grouper;

  constructor(options: IssueStoreOptions = {}) {
    this.source = options.source ?? 'local';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.grouper = options.grouper ?? new Grouper();
  }

  get size(): number {
    return this.records.size;
  }

  ingest(event: ErrorEvent, parsed: ParsedError | undefined): string {
    if (!Number.isFinite(event.timestamp)) event = { ...event, timestamp: Date.now() };
    // Parts and explanation are built only for the first event of an issue.
    const { id, messageTemplate } = this.grouper.group(event, parsed);
    const renames = this.grouper.renames;
    for (let i = 0; i < renames.length; i++) this.carryOver(renames[i], id);
    let r = this.records.get(id);
    let created = false;
    if (!r) {
      r = newRecord(id, this.grouper.lastParts(), this.grouper.lastWhy(), event, parsed, this.limits);
      const decision = this.decisions.get(id);
      if (decision) {
        applyDecision(r, decision);
        this.decisions.delete(id);
      } else created = true;
      this.records.set(id, r);
    }
    const regressed = isRegression(r, event.timestamp, event.version);
    if (regressed) {
      r.regression = { at: event.timestamp, version: event.version, resolvedInVersion: r.resolvedInVersion };
      r.state = 'OPEN';
      r.resolvedAt = undefined;
      r.resolvedInVersion = undefined;
    }
    recordEvent(r, event, messageTemplate);
    if (created) this.emit({ kind: 'issue.new', issue: summarize(r, this.source, r.count) });
    if (regressed) this.emit({ kind: 'issue.regressed', issue: summarize(r, this.source, r.count) });
    return id;
  }

  /** The id an issue lives on as: itself, or the issue its template merged into. */
  resolve(id: string): string {
    return this.aliases.get(id) ?? id;
  }

  /**
   * The issue `from` became part of `to` (its template generalized or was absorbed): its counts,
   * samples, facets and the user's decision move over, and `from` stays an alias of `to`.
   */
  private carryOver(from: string, to: string): void {
    this.aliases.set(from, to);
    for (const [alias, target] of this.aliases) if (target === from) this.aliases.set(alias, to);
    if (this.aliases.size > MAX_ALIASES) this.aliases.delete(this.aliases.keys().next().value!);
    const decision = this.decisions.get(from);
    if (decision) {
      this.decisions.delete(from);
      if (!this.records.has(to) && !this.decisions.has(to)) this.decisions.set(to, { ...decision, id: to });
    }
    const src = this.records.get(from);
    if (!src) return;
    this.records.delete(from);
    const dst = this.records.get(to);
    const parts = this.grouper.lastParts();
    const why = this.grouper.lastWhy();
    if (!dst) {
      src.id = to;
      src.parts = parts;
      src.why = why;
      const waiting = this.decisions.get(to);
      if (waiting) {
        if (!hasDecision(src)) applyDecision(src, waiting);
        this.decisions.delete(to);
      }
      this.records.set(to, src);
      return;
    }
    // The merged issue keeps the decision of whichever side has one (the target's first).
    if (!hasDecision(dst) && hasDecision(src)) applyDecision(dst, decisionOf(src));
    mergeRecord(dst, src);
    dst.parts = parts;
    dst.why = why;
  }

  list(query: IssueQuery): IssueSummary[] {
    const now = query.now ?? Date.now();
    const terms = parseQuery(query.query);
    const out: IssueSummary[] = [];
    for (const r of this.records.values()) {
      const count = r.histogram.countWindow(query.window, now);
      if (count === 0) continue;
      const s = summarize(r, this.source, count);
      if (terms.length && !matchesQuery(s, terms)) continue;
      out.push(s);
    }
    return out.sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || (a.id < b.id ? -1 : 1));
  }

  get(id: string, query: IssueQuery): IssueDetails | undefined {
    const r = this.records.get(this.resolve(id));
    return r ? detail(r, this.source, query.window, query.now ?? Date.now()) : undefined;
  }

  /** Which components made the issue's fingerprint (from its first event). */
  explain(id: string): string[] | undefined {
    return this.records.get(this.resolve(id))?.why.slice();
  }

  setState(id: string, state: IssueState, at?: number): boolean {
    id = this.resolve(id);
    const record = this.records.get(id);
    const target = record ?? this.decisions.get(id);
    if (!target) return false;
    if (state === 'RESOLVED') {
      target.resolvedAt = at ?? Date.now();
      // Resolved "in" the newest version seen: only a newer one will count as a regression.
      target.resolvedInVersion = record ? record.lastSeenVersion : undefined;
      target.regression = undefined;
    } else {
      target.resolvedAt = undefined;
      target.resolvedInVersion = undefined;
    }
    target.state = state;
    target.isNew = false;
    return true;
  }

  markSeen(ids?: string[]): void {
    if (!ids) {
      for (const r of this.records.values()) r.isNew = false;
      for (const d of this.decisions.values()) d.isNew = false;
      return;
    }
    for (const id of ids.map((x) => this.resolve(x))) {
      const target = this.records.get(id) ?? this.decisions.get(id);
      if (target) target.isNew = false;
    }
  }

  onIssueEvent(listener: (e: IssueEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  toPersisted(): PersistedState {
    const issues: PersistedIssue[] = [];
    for (const r of this.records.values()) issues.push(decisionOf(r));
    for (const d of this.decisions.values()) issues.push({ ...d });
    return {
      format: STATE_FORMAT,
      formatVersion: STATE_FORMAT_VERSION,
      strategyVersion: GROUPING_STRATEGY_VERSION,
      savedAt: Date.now(),
      issues,
      templates: this.grouper.templatesToPersisted(),
      aliases: [...this.aliases].map(([from, to]) => ({ from, to })),
    };
  }

  /**
   * Restores decisions. A file from another grouping strategy is migrated: each decision moves to
   * the id today's strategy gives its saved fingerprint parts (the old id stays an alias), its
   * template clusters are dropped, and `warning` says so: an upgrade never regroups silently.
   */
  loadPersisted(data: unknown): LoadResult {
    const v = validatePersisted(data);
    if (!v.ok) return v;
    const fileVersion = v.state.strategyVersion;
    const foreign = fileVersion !== GROUPING_STRATEGY_VERSION;
    let moved = 0;
    for (const p of v.state.issues) {
      const made = p.strategyVersion ?? fileVersion;
      let d: PersistedIssue = { ...p, strategyVersion: made === GROUPING_STRATEGY_VERSION ? undefined : made };
      if (made !== GROUPING_STRATEGY_VERSION && fileVersion < GROUPING_STRATEGY_VERSION) {
        const migrated = this.grouper.migrateParts(p.id, p.parts);
        if (migrated && migrated.id !== p.id) {
          this.aliases.set(p.id, migrated.id);
          moved++;
          d = { ...d, id: migrated.id, parts: migrated.parts };
        }
      }
      const r = this.records.get(d.id);
      if (r) applyDecision(r, d);
      else if (!this.decisions.has(d.id) || hasDecision(d)) this.decisions.set(d.id, d);
    }
    for (const a of v.state.aliases) if (!this.aliases.has(a.from)) this.aliases.set(a.from, a.to);
    if (foreign) {
      return {
        ok: true,
        warning:
          `Issue state was saved by grouping strategy ${fileVersion}; this version groups with strategy ${GROUPING_STRATEGY_VERSION}. ` +
          `${v.state.issues.length} decisions were kept` +
          (moved ? ` (${moved} moved to the id the new strategy gives the same fingerprint; the old ids still find them)` : ' by issue id') +
          '; events the new strategy groups differently appear as new issues.',
      };
    }
    this.grouper.loadTemplates(v.state.templates);
    return { ok: true };
  }

  private emit(e: IssueEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A failing listener must not stop ingestion nor the other listeners.
      }
    }
  }
}

/** Aliases kept (oldest dropped first): one per merge, so this bounds only a pathological log. */
const MAX_ALIASES = 100_000;

/** True when the user decided something about the issue (not just an open, unseen one). */
function hasDecision(d: { state: IssueState; isNew: boolean }): boolean {
  return d.state !== 'OPEN' || !d.isNew;
}

function applyDecision(r: IssueRecord, d: PersistedIssue): void {
  r.state = d.state;
  r.resolvedAt = d.resolvedAt;
  r.resolvedInVersion = d.resolvedInVersion;
  r.regression = d.regression;
  r.isNew = d.isNew;
  r.strategyVersion = d.strategyVersion;
  if (d.firstSeen < r.firstSeen) {
    r.firstSeen = d.firstSeen;
    r.firstSeenVersion = d.firstSeenVersion ?? r.firstSeenVersion;
  }
}

function decisionOf(r: IssueRecord): PersistedIssue {
  const d: PersistedIssue = {
    id: r.id,
    parts: r.parts,
    state: r.state,
    firstSeen: r.firstSeen,
    isNew: r.isNew,
  };
  if (r.firstSeenVersion !== undefined) d.firstSeenVersion = r.firstSeenVersion;
  if (r.resolvedAt !== undefined) d.resolvedAt = r.resolvedAt;
  if (r.resolvedInVersion !== undefined) d.resolvedInVersion = r.resolvedInVersion;
  if (r.regression) d.regression = r.regression;
  if (r.strategyVersion !== undefined) d.strategyVersion = r.strategyVersion;
  return d;
}
