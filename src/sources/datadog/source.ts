// The Datadog IssueSource: Error Tracking for Logs issues, their logs as samples, their counts as
// histograms; a poller that announces new and regressed issues; a cache per query and window that
// keeps the last good data (marked stale, with its age and why) when Datadog fails.
import type {
  Disposable,
  Frame,
  IssueDetails,
  IssueEvent,
  IssueQuery,
  IssueSource,
  IssueState,
  IssueSummary,
  ParsedError,
  Sample,
  TimeWindow,
} from '../../core/model';
import { ChangeDetector } from './changes';
import { buildWorkspaceMapper, IssueMappingCache, type FrameMapperLike } from '../issue-mapping';
import { createDatadogClient, type DatadogClient } from './client';
import { DatadogRequestError, redact, toRequestError } from './errors';
import { computeFacets } from './facets';
import type { IssueRecord } from './issue-record';
import { bucketFor, combineQueries, fallbackLogsQuery, issueLogsQuery, windowRange } from './queries';
import * as api from './requests';
import { DEFAULT_RETRY, sleep as defaultSleep, withRetry, type RetryPolicy, type Sleep } from './retry';
import { DEFAULT_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS } from './settings';
import { apiBaseUrl, appBaseUrl } from './sites';
import { framesFromStack, toIssueState, toSummary } from './to-summary';
import { toHistogram } from './to-histogram';

export type ParseStack = (text: string, options: { kind?: string; message?: string }) => ParsedError | undefined;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DatadogSourceOptions {
  apiKey: string;
  appKey: string;
  site: string;
  /** Replaces `https://api.{site}` (a proxy, a test server). */
  baseUrl?: string;
  /** Scopes every search, e.g. `service:batch-* env:prod`. */
  query: string;
  /** Default 5 minutes, at least 1 minute. */
  pollIntervalMs?: number;
  now?: () => number;
  /** The project's stack parser, injected so this bundle does not depend on it. */
  parseStack: ParseStack;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /**
   * Frames are mapped onto the workspace with this mapper when given, else with one built from
   * these folders and path mappings (as the local source does), else left unmapped.
   */
  mapper?: FrameMapperLike;
  workspaceFolders?: string[];
  prefixMappings?: Record<string, string>;
  /** Per request (default 30 s). */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Samples fetched for an issue page (default 10). */
  sampleLimit?: number;
  /**
   * After each poll, the busiest issues whose stack is not known yet get one small logs query so
   * lenses show their whole in-app stack (default 10 per poll; 0 turns it off).
   */
  stackPrefetch?: number;
  /** Poll on a timer after the first refresh (default true). */
  poll?: boolean;
  /** Window the poller watches for new and regressed issues (default: the smallest covering 2 intervals). */
  pollWindow?: TimeWindow;
  timers?: Timers;
  sleep?: Sleep;
  fetch?: typeof fetch;
}

export interface DatadogStatus {
  state: 'ok' | 'stale' | 'error';
  message?: string;
  lastSuccess?: number;
}

interface ListEntry {
  issues: IssueSummary[];
  records: Map<string, IssueRecord>;
  fetchedAt: number;
  /** Set when a poll or refresh saw changes: the next listIssues fetches again. */
  invalid: boolean;
}

const MAX_CACHED_LISTS = 8;
const FAILURE_BACKOFF_MS = 30_000;

function windowCovering(ms: number): TimeWindow {
  if (ms * 2 <= 3_600_000) return '1h';
  if (ms * 2 <= 86_400_000) return '24h';
  if (ms * 2 <= 7 * 86_400_000) return '7d';
  return '30d';
}

function summaryKey(issue: IssueSummary): string {
  return `${issue.id}|${issue.count}|${issue.state}|${issue.lastSeen}|${issue.regression?.at ?? ''}`;
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
  private readonly lists = new Map<string, ListEntry>();
  private readonly listFetches = new Map<string, Promise<ListEntry>>();
  /** Frames parsed from a sample's error.stack, per issue id (empty when none parsed). */
  private readonly stacks = new Map<string, { topFrame?: Frame; inAppFrames?: Frame[] }>();
  /** Issues whose stack was already looked for (found or not), so each costs one query at most. */
  private readonly stackLookedUp = new Set<string>();
  /** Where the issue page's samples stopped, per issue and window, for "more samples". */
  private readonly sampleCursors = new Map<string, { query: string; from: number; to: number; cursor?: string }>();
  private readonly changes = new ChangeDetector();
  private readonly issueListeners = new Set<(event: IssueEvent) => void>();
  private readonly changeListeners = new Set<() => void>();
  private refreshing: Promise<void> | undefined;
  private timer: unknown;
  private lastSuccess: number | undefined;
  private failure: { error: DatadogRequestError; at: number } | undefined;
  private failures = 0;
  private disposed = false;
  private readonly mapping: IssueMappingCache;
  /** Settles (never rejects) once the workspace is indexed for mapping. */
  private readonly mappingReady: Promise<void>;

  constructor(private readonly options: DatadogSourceOptions) {
    this.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.pollWindow = options.pollWindow ?? windowCovering(this.pollIntervalMs);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.clock = options.now ?? Date.now;
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
        entry = await this.fetchList(query.window, query.query, query.now);
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
    const now = query.now ?? this.clock();
    const { from, to } = windowRange(query.window, now);
    try {
      // The issue, its logs and its counts by @issue.id are asked for at once (one round trip
      // instead of three); only when no log carries the id are logs and counts asked again.
      const bucket = bucketFor(query.window);
      const byId = issueLogsQuery(id);
      const [issueResult, logsResult, countsResult] = await Promise.allSettled([
        this.request(() => api.getIssue(this.client, id)),
        this.request(() => api.listLogs(this.client, byId, from, to, this.sampleLimit)),
        this.request(() => api.countSeries(this.client, byId, from, to, bucket.interval)),
      ]);
      if (issueResult.status === 'rejected') throw issueResult.reason;
      const record = issueResult.value;
      if (!record) return undefined;
      if (logsResult.status === 'rejected') throw logsResult.reason;
      if (countsResult.status === 'rejected') throw countsResult.reason;
      const listed = this.lists.get(this.keyOf(query.window, query.query))?.issues.find((i) => i.id === id);
      const summary = toSummary(record, listed?.count, from);

      let page = logsResult.value;
      let points = countsResult.value;
      let logsQuery = byId;
      if (page.events.length === 0) {
        const found = await this.findLogs(record, from, to, this.sampleLimit, page);
        if (found.logsQuery !== byId) {
          page = found.page;
          logsQuery = found.logsQuery;
          points = await this.request(() => api.countSeries(this.client, logsQuery, from, to, bucket.interval));
        }
      }
      this.sampleCursors.set(`${id}\u0000${query.window}`, { query: logsQuery, from, to, cursor: page.cursor });
      const samples: Sample[] = page.events.map((event, index) => ({ kind: index === 0 ? 'latest' : 'sampled', event }));

      const histogram = toHistogram(points, from, to, bucket.ms);
      const windowCount = points.reduce((sum, p) => sum + p.value, 0);

      const error = this.parseSamples(record, samples);
      if (error) this.stacks.set(id, framesFromStack(record, error));
      this.succeeded();
      const withFrames = this.withStack({ ...summary, count: listed?.count ?? windowCount, totalCount: listed?.totalCount ?? windowCount });
      return {
        ...withFrames,
        fingerprint: [record.service, record.errorType, record.filePath, record.functionName].filter((p) => p !== ''),
        error: error ? this.mapping.error(error) : undefined,
        histogram,
        samples,
        facets: computeFacets(page.events),
        externalUrl: `${appBaseUrl(this.options.site)}/error-tracking?issueId=${encodeURIComponent(id)}`,
        query: logsQuery,
        // Datadog hands a cursor only when older logs remain.
        canLoadMoreSamples: Boolean(page.cursor),
      };
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
      updated = await this.request(() => api.updateIssueState(this.client, id, state));
    } catch (error) {
      const failure = toRequestError(error);
      throw new Error(this.redact(`Could not set the Datadog issue to ${state}: ${failure.message}`));
    }
    const newState = updated ? toIssueState(updated.state) : state;
    for (const entry of this.lists.values()) {
      entry.issues = entry.issues.map((issue) => (issue.id === id ? { ...issue, state: newState, isNew: false } : issue));
    }
    this.emitChange();
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
    if (!this.failure) {
      return this.lastSuccess === undefined ? { state: 'ok', message: 'Not loaded yet' } : { state: 'ok', lastSuccess: this.lastSuccess };
    }
    const reason = this.describe(this.failure.error);
    if (this.lastSuccess === undefined || this.lists.size === 0) {
      return { state: 'error', message: capitalize(reason), lastSuccess: this.lastSuccess };
    }
    const age = formatAge(this.clock() - this.lastSuccess);
    return { state: 'stale', message: `${capitalize(reason)}; showing data from ${age} ago`, lastSuccess: this.lastSuccess };
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
        () => api.searchIssues(this.client, combineQueries(this.options.query), now - 60_000, now),
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
    const position = this.sampleCursors.get(key);
    if (position && !position.cursor) return { samples: [], done: true };
    try {
      let page: api.LogsPage;
      if (position) {
        page = await this.request(() => api.listLogs(this.client, position.query, position.from, position.to, this.sampleLimit, position.cursor));
        this.sampleCursors.set(key, { ...position, cursor: page.cursor });
      } else {
        const record = await this.request(() => api.getIssue(this.client, id));
        if (!record) return { samples: [], done: true };
        const { from, to } = windowRange(query.window, query.now ?? this.clock());
        const found = await this.findLogs(record, from, to, this.sampleLimit);
        page = found.page;
        this.sampleCursors.set(key, { query: found.logsQuery, from, to, cursor: page.cursor });
      }
      const first = !position;
      return {
        samples: page.events.map((event, index) => ({ kind: first && index === 0 ? 'latest' : 'sampled', event })),
        done: !page.cursor || page.events.length === 0,
      };
    } catch (error) {
      throw new Error(this.describe(toRequestError(error)));
    }
  }

  // ---- internals ----

  /** Parses a recent sample of the busiest issues without frames yet; true when any were found. */
  private async prefetchStacks(): Promise<boolean> {
    const limit = this.options.stackPrefetch ?? 10;
    if (limit <= 0) return false;
    const candidates = new Map<string, { record: IssueRecord; count: number }>();
    for (const entry of this.lists.values()) {
      for (const issue of entry.issues) {
        const record = entry.records.get(issue.id);
        if (!record || this.stackLookedUp.has(issue.id)) continue;
        if ((candidates.get(issue.id)?.count ?? -1) < issue.count) candidates.set(issue.id, { record, count: issue.count });
      }
    }
    const chosen = [...candidates.values()].sort((a, b) => b.count - a.count).slice(0, limit);
    let found = false;
    for (const { record } of chosen) {
      if (this.disposed) break;
      this.stackLookedUp.add(record.id);
      // A narrow range around the last event keeps the query cheap.
      const to = Math.min(this.clock(), (record.lastSeen ?? this.clock()) + 60_000);
      try {
        const { page } = await this.findLogs(record, to - 2 * 3_600_000, to, 3);
        const error = this.parseSamples(record, page.events.map((event) => ({ kind: 'sampled' as const, event })));
        if (error) {
          this.stacks.set(record.id, framesFromStack(record, error));
          found = true;
        }
      } catch (thrown) {
        const failure = toRequestError(thrown);
        if (failure.kind !== 'aborted') this.log('warn', `Could not fetch a sample stack of issue ${record.id}: ${this.describe(failure)}`);
        if (failure.kind !== 'client') {
          this.stackLookedUp.delete(record.id); // rate limit, outage, bad keys: try after a later poll
          break;
        }
      }
    }
    return found;
  }

  /** The issue's logs by @issue.id, or by service + kind + message when none carries it. */
  private async findLogs(
    record: IssueRecord,
    from: number,
    to: number,
    limit: number,
    /** The @issue.id page when the caller already has it. */
    byIdPage?: api.LogsPage,
  ): Promise<{ page: api.LogsPage; logsQuery: string }> {
    const byId = issueLogsQuery(record.id);
    const page = byIdPage ?? (await this.request(() => api.listLogs(this.client, byId, from, to, limit)));
    if (page.skipped > 0) this.log('warn', `${page.skipped} log entries for issue ${record.id} were not readable and were skipped`);
    if (page.events.length > 0) return { page, logsQuery: byId };
    const fallback = fallbackLogsQuery({ service: record.service, errorKind: record.errorType, message: record.errorMessage });
    if (!fallback) return { page, logsQuery: byId };
    const fallbackQuery = combineQueries(this.options.query, fallback);
    const fallbackPage = await this.request(() => api.listLogs(this.client, fallbackQuery, from, to, limit));
    return fallbackPage.events.length > 0 ? { page: fallbackPage, logsQuery: fallbackQuery } : { page, logsQuery: byId };
  }

  private get sampleLimit(): number {
    return Math.max(1, Math.min(100, this.options.sampleLimit ?? 10));
  }

  private keyOf(window: TimeWindow, query: string | undefined): string {
    return `${window}\u0000${combineQueries(this.options.query, query)}`;
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
      const key = this.keyOf(this.pollWindow, undefined);
      const before = this.lists.get(key)?.issues.map(summaryKey).join('\n');
      const pollAt = this.clock();
      const entry = await this.fetchList(this.pollWindow, undefined, undefined);
      const changed = before === undefined || before !== entry.issues.map(summaryKey).join('\n');
      const hadBaseline = this.changes.hasBaseline;
      const events = this.changes.observe(entry.issues, pollAt);
      const wasFailing = this.failure !== undefined;
      this.succeeded();
      if (force || changed || !hadBaseline || wasFailing) {
        for (const [otherKey, other] of this.lists) if (otherKey !== key) other.invalid = true;
        this.emitChange();
      }
      for (const event of events) this.emitIssueEvent(event);
      if (await this.prefetchStacks()) this.emitChange();
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

  /** One search per key at a time; concurrent callers share it. */
  private fetchList(window: TimeWindow, viewQuery: string | undefined, at: number | undefined): Promise<ListEntry> {
    const key = this.keyOf(window, viewQuery);
    const running = this.listFetches.get(key);
    if (running) return running;
    const fetching = (async () => {
      const now = at ?? this.clock();
      const { from, to } = windowRange(window, now);
      const query = combineQueries(this.options.query, viewQuery);
      const result = await this.request(() => api.searchIssues(this.client, query, from, to));
      const issues: IssueSummary[] = [];
      let missing = 0;
      for (const hit of result.hits) {
        const record = result.issues.get(hit.issueId);
        if (record) issues.push(toSummary(record, hit.totalCount, from));
        else missing++;
      }
      if (missing > 0) this.log('warn', `${missing} Datadog search results came without their issue and were skipped`);
      issues.sort((a, b) => b.count - a.count);
      const entry: ListEntry = { issues, records: result.issues, fetchedAt: this.clock(), invalid: false };
      this.lists.delete(key);
      this.lists.set(key, entry);
      while (this.lists.size > MAX_CACHED_LISTS) this.lists.delete(this.lists.keys().next().value as string);
      return entry;
    })().finally(() => this.listFetches.delete(key));
    this.listFetches.set(key, fetching);
    return fetching;
  }

  private request<T>(run: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new DatadogRequestError('aborted', 'the Datadog source was closed'));
    return withRetry(run, this.retry, this.abort.signal, this.options.sleep ?? defaultSleep);
  }

  /** The newest sample whose stack parses gives the whole chain; else a header-only error. */
  private parseSamples(record: IssueRecord, samples: Sample[]): ParsedError | undefined {
    for (const sample of samples) {
      const stack = sample.event.error.stack;
      if (!stack) continue;
      try {
        const parsed = this.options.parseStack(stack, {
          kind: sample.event.error.kind ?? record.errorType,
          message: sample.event.error.message ?? record.errorMessage,
        });
        if (parsed) return parsed;
      } catch (error) {
        this.log('warn', `Could not parse a stack of issue ${record.id}: ${String((error as Error)?.message ?? error)}`);
      }
    }
    return undefined;
  }

  /** The summary with the frames parsed from a sample when known, mapped onto the workspace. */
  private withStack(issue: IssueSummary): IssueSummary {
    const frames = this.stacks.get(issue.id);
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

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
