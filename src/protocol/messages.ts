// The custom LSP messages between the language server (which owns the engine) and the extension.
// Declared once here; both ends import the same method names and payload types.

import type { IngestStats } from '../sources/local/ingest-stats';
import type { ErrorEventRule } from '../sources/local/records/text-event';
import type { IssueDetails, IssueEvent, IssueQuery, IssueState, IssueSummary, Sample, TimeWindow } from '../core/model';

export interface ListIssuesParams extends IssueQuery {}
export interface GetIssueParams {
  id: string;
  window: TimeWindow;
}
/** The next (older) page of an issue's samples, after those getIssue returned. */
export interface MoreSamplesParams {
  id: string;
  window: TimeWindow;
}
export interface SetStateParams {
  id: string;
  state: IssueState;
}
export interface MarkSeenParams {
  /** Issue ids; all when absent. */
  ids?: string[];
}
/**
 * Datadog keys travel from SecretStorage to the server only in memory, never through settings,
 * and sealed (see sealed-credentials.ts) so the LSP trace never prints them. null: disconnected.
 */
export interface DatadogCredentialsParams {
  sealed: string | null;
}


/** What the status bar, the output channel and the welcome view say about ingestion. */
export interface SourceStatus {
  source: 'local' | 'datadog';
  /** scanning: first read in progress; ready: data current; stale: last good data kept; error: nothing usable. */
  state: 'starting' | 'scanning' | 'ready' | 'stale' | 'error';
  message?: string;
  progress?: { done: number; total: number };
  /** Local source: files matched by errorTracking.local.logFiles and what reading them found. */
  stats?: IngestStats;
  openIssues: number;
  newIssues: number;
  /** Datadog: the list may lack issues (100 per search), in plain words for the tree's notice. */
  partial?: string;
  /** Why the tree may be empty: lets the welcome view say it. */
  empty?: 'no-folder' | 'no-log-files' | 'no-errors' | 'not-connected';
}

export interface IssuesChangedParams {
  reason: 'scan' | 'append' | 'state' | 'config' | 'poll';
}

export interface IssueEventsParams {
  events: IssueEvent[];
}

export const Requests = {
  listIssues: 'errorTracking/listIssues',
  getIssue: 'errorTracking/getIssue',
  setState: 'errorTracking/setState',
  markSeen: 'errorTracking/markSeen',
  refresh: 'errorTracking/refresh',
  status: 'errorTracking/status',
  setDatadogCredentials: 'errorTracking/setDatadogCredentials',
  moreSamples: 'errorTracking/moreSamples',
} as const;

export const Notifications = {
  issuesChanged: 'errorTracking/issuesChanged',
  issueEvents: 'errorTracking/issueEvents',
  status: 'errorTracking/statusChanged',
} as const;

export type ListIssuesResult = IssueSummary[];
export type GetIssueResult = IssueDetails | null;
/** null: the active source keeps a fixed set of samples and cannot page them. */
export type MoreSamplesResult = { samples: Sample[]; done: boolean } | null;

/** Commands the server's CodeLenses and hovers invoke; the extension registers them. */
export const ClientCommands = {
  showIssues: 'errorTracking.showIssues',
  openIssue: 'errorTracking.openIssue',
  resolve: 'errorTracking.resolve',
  ignore: 'errorTracking.ignore',
} as const;

/** The settings the server pulls with workspace/configuration (section "errorTracking"). */
export interface ServerSettings {
  source: 'local' | 'datadog';
  timeWindow: TimeWindow;
  local: { logFiles: string[]; fieldMapping: Record<string, string>; errorEvents: ErrorEventRule };
  pathMappings: Record<string, string>;
  inApp: { include: string[]; exclude: string[] };
  codeLens: { enabled: boolean; maxPerIssueLenses: number };
  diagnostics: { enabled: boolean; severity: 'error' | 'warning' | 'information' | 'hint' };
  datadog: { site: string; query: string; pollIntervalMinutes: number; baseUrl: string; states: IssueState[]; track: 'logs' | 'trace' | 'rum' };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  source: 'local',
  timeWindow: '24h',
  // Log folders only: a repository's other *.jsonl files are data (ML datasets, fixtures), not logs.
  local: { logFiles: ['**/logs/**/*.{log,jsonl,ndjson,out,err,gz}', '**/log/**/*.log', '*.log'], fieldMapping: {}, errorEvents: 'all' },
  pathMappings: {},
  inApp: { include: [], exclude: [] },
  codeLens: { enabled: true, maxPerIssueLenses: 3 },
  diagnostics: { enabled: false, severity: 'warning' },
  datadog: { site: 'datadoghq.com', query: '', pollIntervalMinutes: 5, baseUrl: '', states: ['OPEN', 'ACKNOWLEDGED'], track: 'logs' },
};

/** initializationOptions the extension passes; other editors may omit them. */
export interface InitializationOptions {
  /** Where the local source persists the user's decisions (VS Code's workspace storage). */
  statePath?: string;
}
