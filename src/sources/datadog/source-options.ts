// What a Datadog source is given and what it reports: its options, its status, the issues of an
// exact range. Kept apart from the source so the CLI and the server can read them at a glance.
import type { IssueState, IssueSummary, TimeWindow } from '../../core/model';
import type { FrameMapperLike } from '../issue-mapping';
import type { ParseStack } from './issue-logs';
import type { Track } from './requests';
import type { RetryPolicy, Sleep } from './retry';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The states searched unless configured otherwise: those still waiting for someone. */
export const DEFAULT_STATES: readonly IssueState[] = ['OPEN', 'ACKNOWLEDGED'];

export interface DatadogSourceOptions {
  apiKey: string;
  appKey: string;
  site: string;
  /** Replaces `https://api.{site}` (a proxy, a test server). */
  baseUrl?: string;
  /** Scopes every search, e.g. `service:batch-* env:prod`. */
  query: string;
  /** Only issues in these states are searched (default OPEN and ACKNOWLEDGED). */
  states?: readonly IssueState[];
  /** Where Error Tracking finds the issues: logs (default), trace or rum. */
  track?: Track;
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
  /** For everything one operation (a refresh, a list, an issue page) asks, retries included (default 60 s). */
  operationTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Samples fetched for an issue page (default 10). */
  sampleLimit?: number;
  /**
   * After each poll, the busiest issues whose stack is not known yet get one small logs query so
   * lenses show their whole in-app stack (default 10 per poll; 0 turns it off).
   */
  stackPrefetch?: number;
  /** Look-ups (stacks, split searches) in flight at once (default 4). */
  concurrency?: number;
  /** Most searches one list may take to get past the 100-issue cap (default 40). */
  maxSearches?: number;
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
  /** Set when a list may lack issues (Datadog's 100-per-search cap), in plain words. */
  partial?: string;
}

/** Issues of an exact time range (the CLI's --since), with what may be missing. */
export interface RangeIssues {
  issues: IssueSummary[];
  shortfall?: string;
  searches: number;
}
