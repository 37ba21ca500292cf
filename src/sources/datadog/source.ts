// The Datadog IssueSource: Error Tracking issues (all of them, though Datadog answers 100 per
// search: see issue-search.ts), their logs as samples, their counts as histograms; a poller that
// announces new and regressed issues; a cache per query and window that keeps the last good data
// (marked stale, with its age and why) when Datadog fails; one overall time limit per operation.
import type {
  Disposable,
  IssueDetails,
  IssueEvent,
  IssueOwner,
  IssueQuery,
  IssueSource,
  IssueState,
  IssueSummary,
  Sample,
  TimeWindow,
} from '../../core/model';
import { ChangeDetector, NEW_SLACK_MS } from './changes';
import { buildWorkspaceMapper, IssueMappingCache } from '../issue-mapping';
import { createDatadogClient, type DatadogClient } from './client';
import { withDeadline } from './deadline';
import { DatadogRequestError, redact, toRequestError } from './errors';
import { loadIssueDetails, loadMoreSamples, type DetailsDeps, type SampleCursor } from './issue-details';
import { IssueLogs } from './issue-logs';
import type { IssueRecord } from './issue-record';
import { IssueLists, type ListEntry } from './issue-lists';
import { DEFAULT_STATES, type DatadogSourceOptions, type DatadogStatus, type RangeIssues, type Timers } from './source-options';
import { gatherIssues, reachesBack, shortfallText, type GatheredIssues, type GatherOptions } from './issue-search';
import { combineQueries, windowRange } from './queries';
import * as api from './requests';
import { DEFAULT_RETRY, sleep as defaultSleep, withRetry, type RetryPolicy } from './retry';
import { DEFAULT_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS } from './settings';
import { apiBaseUrl, appBaseUrl } from './sites';
import { capitalize, formatAge } from './status-text';
import { toIssueState, toSummary } from './to-summary';
import { writeFailure } from './write-errors';

export type { ParseStack } from './issue-logs';
export { formatAge } from './status-text';
export { DEFAULT_STATES } from './source-options';
export type { DatadogSourceOptions, DatadogStatus, RangeIssues, Timers } from './source-options';

const FAILURE_BACKOFF_MS = 30_000;

function windowCovering(ms: number): TimeWindow {
  if (ms * 2 <= 3_600_000) return '1h';
  if (ms * 2 <= 86_400_000) return '24h';
  if (ms * 2 <= 7 * 86_400_000) return '7d';
  return '30d';
}

function summaryKey(issue: IssueSummary): string {
  return `${issue.id}|${issue.count}|${issue.state}|${issue.lastSeen}|${issue.regression?.at ?? ''}|${issue.assignee?.id ?? ''}`;
}

export class DatadogIssueSource implements IssueSource {
  readonly name = 'datadog' as const;
  private readonly client: DatadogClient;
  private readonly abort = new AbortController();
  private readonly pollIntervalMs: number;
  private readonly pollWindow: TimeWindow;
  private readonly retry: RetryPolicy;
  private readonly clock: () => number;
  private readonly timers: Timers;
  private readonly states: readonly IssueState[];
  private readonly track: api.Track;
  private readonly lists: IssueLists;
  private readonly logs: IssueLogs;
  /** Where the issue page's samples stopped, per issue and window, for "more samples". */
  private readonly sampleCursors = new Map<string, SampleCursor>();
  private readonly changes = new ChangeDetector();
  private readonly issueListeners = new Set<(event: IssueEvent) => void>();
  private readonly changeListeners = new Set<() => void>();
  private refreshing: Promise<void> | undefined;
  private timer: unknown;
  private lastSuccess: number | undefined;
  private lastPollAt: number | undefined;
  private failure: { error: DatadogRequestError; at: number } | undefined;
  private failures = 0;
  private disposed = false;
  private me: Promise<IssueOwner> | undefined;
  private readonly mapping: IssueMappingCache;
  /** Settles (never rejects) once the workspace is indexed for mapping. */
  private readonly mappingReady: Promise<void>;

  constructor(private readonly options: DatadogSourceOptions) {
    this.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.pollWindow = options.pollWindow ?? windowCovering(this.pollIntervalMs);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.clock = options.now ?? Date.now;
    this.states = options.states && options.states.length > 0 ? [...new Set(options.states)] : DEFAULT_STATES;
    this.track = options.track ?? 'logs';
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms).unref(), // never keeps a CLI alive
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
    this.mapping = new IssueMappingCache(options.mapper);
    const folders = options.workspaceFolders ?? [];
    this.mappingReady =
      options.mapper || folders.length === 0
        ? Promise.resolve()
        : buildWorkspaceMapper(folders, options.prefixMappings).then(
            ({ mapper }) => this.mapping.setMapper(mapper),
            (error: unknown) => this.log('warn', `Could not index the workspace, frames stay unmapped: ${String((error as Error)?.message ?? error)}`),
          );
    this.client = createDatadogClient({
      apiKey: options.apiKey,
      appKey: options.appKey,
      baseUrl: options.baseUrl ?? apiBaseUrl(options.site),
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      signal: this.abort.signal,
      fetch: options.fetch,
    });
    this.lists = new IssueLists(
      (from, to, viewQuery) => this.gather(this.spec(combineQueries(this.options.query, viewQuery), from, to, 'TOTAL_COUNT')),
      this.clock,
      (level, message) => this.log(level, message),
    );
    this.logs = new IssueLogs({
      client: this.client,
      request: (run) => this.request(run),
      parseStack: options.parseStack,
      scope: options.query,
      log: (level, message) => this.log(level, message),
      describe: (error) => this.describe(error),
      now: this.clock,
    });
  }

  // ---- IssueSource ----

  async listIssues(query: IssueQuery): Promise<IssueSummary[]> {
    this.assertOpen();
    await this.mappingReady;
    const key = this.keyOf(query.window, query.query);
    const cached = this.lists.get(key);
    // While Datadog fails, views get the last good list and only the poller's back-off retries.
    const fresh = cached && (this.failure !== undefined || (!cached.invalid && this.clock() - cached.fetchedAt < this.pollIntervalMs));
    let entry = cached;
    if (!fresh) {
      try {
        entry = await this.limited('the issue list', () => this.fetchWindow(query.window, query.query, query.now));
        this.succeeded();
      } catch (error) {
        const failure = this.failed(error);
        if (!cached) throw new Error(this.describe(failure));
      }
    }
    // Views may ask before anyone called refresh(): start the poller then.
    if (this.options.poll !== false && !this.refreshing && this.timer === undefined && !this.changes.hasBaseline) void this.startPoll(false);
    return (entry as ListEntry).issues.map((issue) => this.withStack(issue));
  }

  async getIssue(id: string, query: IssueQuery): Promise<IssueDetails | undefined> {
    this.assertOpen();
    await this.mappingReady;
    try {
      const loaded = await this.limited('the issue page', () => loadIssueDetails(this.detailsDeps(query), id, query.window, query.now ?? this.clock()));
      if (!loaded) return undefined;
      this.sampleCursors.set(`${id}\u0000${query.window}`, loaded.cursor);
      this.succeeded();
      return loaded.details;
    } catch (error) {
      // A bad issue id (4xx) says nothing about the connection: it does not make the data stale.
      const failure = toRequestError(error);
      if (failure.kind !== 'client') this.failed(failure);
      throw new Error(this.describe(failure));
    }
  }

  async setState(id: string, state: IssueState): Promise<void> {
    this.assertOpen();
    let updated: IssueRecord | undefined;
    try {
      updated = await this.limited('the change', () => this.request(() => api.updateIssueState(this.client, id, state)));
    } catch (error) {
      throw new Error(this.redact(writeFailure(`set the Datadog issue to ${state}`, toRequestError(error))));
    }
    const newState = updated ? toIssueState(updated.state) : state;
    this.updateCached(id, (issue) => ({ ...issue, state: newState, isNew: false }));
  }

  onIssueEvent(listener: (event: IssueEvent) => void): Disposable {
    this.issueListeners.add(listener);
    return { dispose: () => this.issueListeners.delete(listener) };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.issueListeners.clear();
    this.changeListeners.clear();
  }

  // ---- Datadog specifics ----

  /**
   * Polls now: fetches the watched list, announces new and regressed issues, and invalidates the
   * other cached lists so views fetch them again. Never throws; never runs twice at once.
   */
  refresh(): Promise<void> {
    return this.startPoll(true);
  }

  status(): DatadogStatus {
    const partial = this.lists.partial();
    if (!this.failure) {
      const base: DatadogStatus = this.lastSuccess === undefined ? { state: 'ok', message: 'Not loaded yet' } : { state: 'ok', lastSuccess: this.lastSuccess };
      return partial ? { ...base, message: capitalize(partial), partial } : base;
    }
    const reason = this.describe(this.failure.error);
    if (this.lastSuccess === undefined || this.lists.size === 0) {
      return { state: 'error', message: capitalize(reason), lastSuccess: this.lastSuccess };
    }
    const age = formatAge(this.clock() - this.lastSuccess);
    return { state: 'stale', message: `${capitalize(reason)}; showing data from ${age} ago`, lastSuccess: this.lastSuccess, ...(partial ? { partial } : {}) };
  }

  onDidChange(listener: () => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  /** One cheap search that needs both keys; 401/403 become "API or application key rejected". */
  async checkCredentials(): Promise<{ ok: true } | { ok: false; message: string }> {
    const now = this.clock();
    try {
      await withRetry(
        () => api.searchIssues(this.client, this.spec(combineQueries(this.options.query), now - 60_000, now, 'TOTAL_COUNT')),
        { ...this.retry, retries: 0 },
        this.abort.signal,
        this.options.sleep ?? defaultSleep,
      );
      return { ok: true };
    } catch (error) {
      const failure = toRequestError(error);
      const message = failure.kind === 'auth' ? `API or application key rejected (${failure.status})` : failure.message;
      return { ok: false, message: this.redact(message) };
    }
  }

  /**
   * The next page of samples after those getIssue (or a previous call) returned, newest first;
   * `done` when Datadog has no more. Without a prior getIssue for this window, the first page.
   */
  async moreSamples(id: string, query: IssueQuery): Promise<{ samples: Sample[]; done: boolean }> {
    this.assertOpen();
    const key = `${id}\u0000${query.window}`;
    try {
      const more = await this.limited('more samples', () => loadMoreSamples(this.detailsDeps(query), id, query.window, query.now ?? this.clock(), this.sampleCursors.get(key)));
      if (more.cursor) this.sampleCursors.set(key, more.cursor);
      return { samples: more.samples, done: more.done };
    } catch (error) {
      throw new Error(this.describe(toRequestError(error)));
    }
  }

  /**
   * Every issue with events in [from, to] (an exact range, e.g. the CLI's --since 2h), with the
   * busiest issues' stacks looked up; `shortfall` says what may be missing. Throws on failure.
   */
  async searchRange(from: number, to: number, viewQuery?: string, label = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`): Promise<RangeIssues> {
    this.assertOpen();
    await this.mappingReady;
    try {
      const key = `range\u0000${from}\u0000${to}\u0000${combineQueries(this.options.query, viewQuery)}`;
      const { entry, searches } = await this.limited('the issue list', async () => {
        const fetched = await this.lists.fetch(key, from, to, viewQuery, label);
        await this.prefetchStacks();
        return fetched;
      });
      this.succeeded();
      return { issues: entry.issues.map((issue) => this.withStack(issue)), shortfall: entry.shortfall, searches };
    } catch (error) {
      throw new Error(this.describe(this.failed(error)));
    }
  }

  /**
   * Issues first seen after `since` (up to `to`), from a search ordered by FIRST_SEEN over that
   * range, so a new issue with few events is found however many busier ones there are.
   */
  async firstSeenSince(since: number, to: number = this.clock(), viewQuery?: string): Promise<RangeIssues> {
    this.assertOpen();
    await this.mappingReady;
    try {
      const result = await this.limited('the new-issue search', () => this.searchFirstSeen(since, to, viewQuery));
      this.succeeded();
      return { ...result, issues: result.issues.map((issue) => this.withStack(issue)) };
    } catch (error) {
      throw new Error(this.describe(this.failed(error)));
    }
  }

  /** Assigns the issue to the user the application key belongs to ('me') or to a user id. */
  async assign(id: string, user: 'me' | string): Promise<IssueOwner> {
    this.assertOpen();
    try {
      return await this.limited('the change', async () => {
        const assignee = user === 'me' ? await this.currentUser() : { id: user };
        const updated = await this.request(() => api.assignIssue(this.client, id, assignee.id));
        const found = updated?.assignee ?? assignee;
        const name = found.name ?? assignee.name;
        const named: IssueOwner = name ? { id: found.id, name } : { id: found.id };
        this.updateCached(id, (issue) => ({ ...issue, assignee: named }));
        return named;
      });
    } catch (error) {
      throw new Error(this.redact(writeFailure('assign the Datadog issue', toRequestError(error))));
    }
  }

  async unassign(id: string): Promise<void> {
    this.assertOpen();
    try {
      await this.limited('the change', () => this.request(() => api.unassignIssue(this.client, id)));
    } catch (error) {
      throw new Error(this.redact(writeFailure('unassign the Datadog issue', toRequestError(error))));
    }
    this.updateCached(id, (issue) => {
      const { assignee: _removed, ...rest } = issue;
      return rest;
    });
  }

  /** Datadog's page of an issue. */
  issueUrl(id: string): string {
    return `${appBaseUrl(this.options.site)}/error-tracking?issueId=${encodeURIComponent(id)}`;
  }

  // ---- internals ----

  private currentUser(): Promise<IssueOwner> {
    this.me ??= this.request(() => api.currentUser(this.client)).catch((error: unknown) => {
      this.me = undefined;
      throw error;
    });
    return this.me;
  }

  private detailsDeps(query: IssueQuery): DetailsDeps {
    return {
      client: this.client,
      request: (run) => this.request(run),
      logs: this.logs,
      sampleLimit: this.sampleLimit,
      listed: (id) => this.lists.get(this.keyOf(query.window, query.query))?.issues.find((i) => i.id === id),
      finish: (summary) => this.withStack(summary),
      mapError: (error) => this.mapping.error(error),
      externalUrl: (id) => this.issueUrl(id),
    };
  }

  private updateCached(id: string, change: (issue: IssueSummary) => IssueSummary): void {
    this.lists.update(id, change);
    this.emitChange();
  }

  private limited<T>(what: string, work: () => Promise<T>): Promise<T> {
    return withDeadline(this.options.operationTimeoutMs ?? 60_000, what, work);
  }

  private spec(query: string, from: number, to: number, orderBy: api.SearchSpec['orderBy']): api.SearchSpec {
    return { query, from, to, states: this.states, orderBy, track: this.track };
  }

  private gather(spec: api.SearchSpec, enough?: GatherOptions['enough']): Promise<GatheredIssues> {
    return gatherIssues((piece) => this.request(() => api.searchIssues(this.client, piece)), spec, {
      maxSearches: this.options.maxSearches,
      concurrency: this.options.concurrency,
      enough,
    });
  }

  private async searchFirstSeen(since: number, to: number, viewQuery?: string): Promise<RangeIssues> {
    const gathered = await this.gather(this.spec(combineQueries(this.options.query, viewQuery), since, to, 'FIRST_SEEN'), reachesBack(since));
    const issues = [...gathered.issues.values()]
      .map(({ record, count }) => toSummary(record, count, since))
      .filter((issue) => issue.firstSeen > since)
      .sort((a, b) => b.firstSeen - a.firstSeen);
    return { issues, shortfall: shortfallText(gathered), searches: gathered.searches };
  }

  private keyOf(window: TimeWindow, query: string | undefined): string {
    return `${window}\u0000${combineQueries(this.options.query, query)}`;
  }

  private get sampleLimit(): number {
    return Math.max(1, Math.min(100, this.options.sampleLimit ?? 10));
  }

  /** Parses a recent sample of the busiest issues without frames yet; true when any were found. */
  private prefetchStacks(): Promise<boolean> {
    const candidates = new Map<string, { record: IssueRecord; count: number }>();
    for (const [, entry] of this.lists.entries()) {
      for (const issue of entry.issues) {
        const record = entry.records.get(issue.id);
        if (!record || this.logs.stacks.has(issue.id)) continue;
        if ((candidates.get(issue.id)?.count ?? -1) < issue.count) candidates.set(issue.id, { record, count: issue.count });
      }
    }
    return this.logs.prefetch([...candidates.values()], this.options.stackPrefetch ?? 10, this.options.concurrency ?? 4, () => this.disposed);
  }

  /** A forced poll (refresh) always tells views to fetch again; a timed one only on changes. */
  private startPoll(force: boolean): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.refreshing ??= this.poll(force).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async poll(force: boolean): Promise<void> {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    let delay = this.pollIntervalMs;
    await this.mappingReady;
    try {
      await this.limited('the refresh', async () => {
        const key = this.keyOf(this.pollWindow, undefined);
        const before = this.lists.get(key)?.issues.map(summaryKey).join('\n');
        const pollAt = this.clock();
        const entry = await this.fetchWindow(this.pollWindow, undefined, undefined);
        const hadBaseline = this.changes.hasBaseline;
        // A list Datadog's cap cut short may lack a new issue with few events: look for the
        // issues first seen since the last poll with a search ordered by FIRST_SEEN.
        let observed = entry.issues;
        if (hadBaseline && entry.shortfall && this.lastPollAt !== undefined) {
          try {
            const recent = await this.searchFirstSeen(this.lastPollAt - NEW_SLACK_MS, pollAt);
            const listed = new Set(observed.map((issue) => issue.id));
            observed = [...observed, ...recent.issues.filter((issue) => !listed.has(issue.id))];
          } catch (error) {
            // The list itself is good: keep it, and say that new issues outside it may go unannounced.
            this.log('warn', `Could not look for new issues beyond the listed ones: ${this.describe(toRequestError(error))}`);
          }
        }
        const changed = before === undefined || before !== entry.issues.map(summaryKey).join('\n');
        const events = this.changes.observe(observed, pollAt);
        this.lastPollAt = pollAt;
        const wasFailing = this.failure !== undefined;
        this.succeeded();
        if (force || changed || !hadBaseline || wasFailing) {
          this.lists.invalidateOthers(key);
          this.emitChange();
        }
        for (const event of events) this.emitIssueEvent(event);
        if (await this.prefetchStacks()) this.emitChange();
      });
    } catch (error) {
      if (this.disposed) return;
      const failure = this.failed(error);
      this.log('warn', `Datadog poll failed: ${this.describe(failure)}`);
      delay = this.failureDelay(failure);
      this.emitChange(); // the status changed (stale / error)
    } finally {
      if (!this.disposed && this.options.poll !== false) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = undefined;
          void this.startPoll(false);
        }, delay);
      }
    }
  }

  /** Rate limit: wait for its reset. Other failures: 30 s, doubling, up to the poll interval (≥ 5 min). */
  private failureDelay(failure: DatadogRequestError): number {
    if (failure.kind === 'rate-limit') return Math.max(1000, (failure.retryAfterMs ?? 60_000) + 1000);
    if (failure.kind === 'auth') return Math.max(this.pollIntervalMs, 5 * 60_000);
    return Math.min(FAILURE_BACKOFF_MS * 2 ** Math.max(0, this.failures - 1), Math.max(this.pollIntervalMs, 5 * 60_000));
  }

  private fetchWindow(window: TimeWindow, viewQuery: string | undefined, at: number | undefined): Promise<ListEntry> {
    const { from, to } = windowRange(window, at ?? this.clock());
    return this.lists.fetch(this.keyOf(window, viewQuery), from, to, viewQuery, `last ${window}`).then(({ entry }) => entry);
  }

  private request<T>(run: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new DatadogRequestError('aborted', 'the Datadog source was closed'));
    return withRetry(run, this.retry, this.abort.signal, this.options.sleep ?? defaultSleep);
  }

  /** The summary with the frames parsed from a sample when known, mapped onto the workspace. */
  private withStack(issue: IssueSummary): IssueSummary {
    const frames = this.logs.stacks.get(issue.id);
    const parsed = frames ? { ...issue, topFrame: frames.topFrame ?? issue.topFrame, inAppFrames: frames.inAppFrames ?? issue.inAppFrames } : issue;
    return this.mapping.summary(parsed);
  }

  private succeeded(): void {
    this.lastSuccess = this.clock();
    this.failure = undefined;
    this.failures = 0;
  }

  private failed(error: unknown): DatadogRequestError {
    const failure = toRequestError(error);
    if (failure.kind !== 'aborted') {
      this.failure = { error: failure, at: this.clock() };
      this.failures++;
    }
    return failure;
  }

  private describe(error: DatadogRequestError): string {
    return this.redact(error.message);
  }

  private redact(text: string): string {
    return redact(text, [this.options.apiKey, this.options.appKey]);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, this.redact(message));
  }

  private emitChange(): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener();
      } catch (error) {
        this.log('error', `A change listener failed: ${String((error as Error)?.message ?? error)}`);
      }
    }
  }

  private emitIssueEvent(event: IssueEvent): void {
    const withFrames = { ...event, issue: this.withStack(event.issue) };
    for (const listener of [...this.issueListeners]) {
      try {
        listener(withFrames);
      } catch (error) {
        this.log('error', `An issue listener failed: ${String((error as Error)?.message ?? error)}`);
      }
    }
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error('The Datadog source was closed');
  }
}
