// The domain model: the one definition of every type the layers exchange.
// Pure data: no vscode, no LSP, no I/O. Times are epoch milliseconds unless a name says otherwise.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Language =
  | 'javascript'
  | 'python'
  | 'go'
  | 'java'
  | 'dotnet'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'elixir'
  | 'dart'
  | 'unknown';

/** Where a logged frame lives in the workspace, once mapping succeeded. */
export interface ResolvedLocation {
  /** Absolute file-system path of the workspace folder that holds the file. */
  workspaceFolder: string;
  /** Absolute file-system path of the file. */
  path: string;
  /** 1-based line in the working tree (after drift correction). */
  line: number;
  column?: number;
  /** How the path was found, for the "why" shown to users. */
  how: 'prefix-mapping' | 'suffix' | 'package' | 'go-module' | 'exact';
  /** How the line was placed. */
  lineHow?: 'as-logged' | 'function-offset' | 'git-diff';
}

export type UnmappedReason =
  | { code: 'no-file'; detail: string }
  | { code: 'ambiguous'; detail: string; candidates: string[] }
  | { code: 'outside-workspace'; detail: string }
  | { code: 'no-path'; detail: string }
  | { code: 'library'; detail: string };

/**
 * One stack frame. Frames are always ordered innermost first: frames[0] is where the error was
 * raised (the "top frame"), whatever order the runtime printed them in.
 */
export interface Frame {
  /** File exactly as logged (may be a URL, a package path, or empty when the runtime gave none). */
  file: string;
  line?: number;
  column?: number;
  /** Function as logged. */
  function: string;
  /** Function normalized for grouping (no hashes, lambda numbers, pointer receivers...). */
  normalizedFunction?: string;
  /** Module, package, class or namespace when the runtime logs one separately. */
  module?: string;
  /** True when the frame belongs to the user's code rather than a dependency or the runtime. */
  inApp: boolean;
  native?: boolean;
  anonymous?: boolean;
  eval?: boolean;
  /**
   * Go `created by` line: where the goroutine was started, not a caller of the frames above it.
   * Never in-app, so never the top frame.
   */
  createdBy?: boolean;
  /**
   * Set when the frame is not a frame line of the trace but stands for what the trace says:
   * `throw-site` is PHP's header `in /path/file.php:60`, inside the function of frame `#0`;
   * `omitted` is a frame Java folded into `... N more`, copied back from the enclosing trace.
   * allFrames (printed frames) skips them.
   */
  synthetic?: 'throw-site' | 'omitted';
  /** Set by mapping. */
  location?: ResolvedLocation;
  /** Set by mapping when no location could be given. */
  unmapped?: UnmappedReason;
}

/** One exception of a chain; `cause` is the exception that caused this one (inner / "Caused by"). */
export interface ParsedError {
  kind: string;
  message: string;
  language: Language;
  frames: Frame[];
  cause?: ParsedError;
  /**
   * Other exceptions or threads printed with this one that are not its cause: Java `Suppressed:`,
   * Python exception-group members, Go's other goroutines and `runtime stack:` sections.
   */
  related?: ParsedError[];
}

export type LogStatus = 'emergency' | 'alert' | 'critical' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Where a locally read event came from, so the issue page can open the log line. */
export interface EventOrigin {
  file: string;
  /** 1-based line number in the file. */
  line: number;
}

/** A log event that is an error, in Datadog's standard attribute shape. */
export interface ErrorEvent {
  timestamp: number;
  service: string;
  env?: string;
  version?: string;
  host?: string;
  status: LogStatus;
  message: string;
  error: {
    kind?: string;
    message?: string;
    stack?: string;
    fingerprint?: string;
  };
  /** Every other attribute of the log line, as logged (nested objects kept). */
  attributes: JsonObject;
  origin?: EventOrigin;
}

/** Datadog's five states (EXCLUDED: matched by an exclusion rule; Datadog keeps it apart from IGNORED). */
export const ISSUE_STATES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'IGNORED', 'EXCLUDED'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/** What Datadog's UI calls each state: every view shows these names. */
export const ISSUE_STATE_LABELS: Readonly<Record<IssueState, string>> = {
  OPEN: 'For Review',
  ACKNOWLEDGED: 'Reviewed',
  RESOLVED: 'Resolved',
  IGNORED: 'Ignored',
  EXCLUDED: 'Excluded',
};

/** A Datadog user or team an issue is assigned to / owned by. */
export interface IssueOwner {
  id: string;
  /** Display name, else handle or email, when Datadog sent one. */
  name?: string;
}

export interface Regression {
  /** When the regressing event happened. */
  at: number;
  version?: string;
  /** The version the issue had been resolved in, when known. */
  resolvedInVersion?: string;
}

/** A time window the views show counts for. */
export type TimeWindow = '1h' | '24h' | '7d' | '30d';
export const TIME_WINDOWS: readonly TimeWindow[] = ['1h', '24h', '7d', '30d'];

/** Count of events in [start, start + width). */
export interface HistogramBucket {
  start: number;
  width: number;
  count: number;
}

/** One attribute path with its most frequent values among an issue's events. */
export interface Facet {
  path: string;
  /** Events that carried this attribute. */
  total: number;
  values: { value: string; count: number }[];
}

export type SampleKind = 'first' | 'latest' | 'sampled';

export interface Sample {
  kind: SampleKind;
  event: ErrorEvent;
}

/** What lists, lenses and trees need of an issue. */
export interface IssueSummary {
  id: string;
  source: 'local' | 'datadog';
  service: string;
  env?: string;
  errorKind: string;
  /** Message template (normalized message). */
  message: string;
  /** Events in the requested window. */
  count: number;
  /** Events ever seen. */
  totalCount: number;
  firstSeen: number;
  lastSeen: number;
  firstSeenVersion?: string;
  lastSeenVersion?: string;
  state: IssueState;
  /** First seen since the user last looked (no decision recorded yet). */
  isNew: boolean;
  regression?: Regression;
  /** Top in-app frame (or top frame when none is in-app), mapped when mapping succeeded. */
  topFrame?: Frame;
  /** Every in-app frame of the representative stack that mapped to the workspace (for lenses). */
  inAppFrames?: Frame[];
  /** Datadog: who the issue is assigned to, and the teams that own it. */
  assignee?: IssueOwner;
  teams?: IssueOwner[];
}

/** Everything the issue page shows. */
export interface IssueDetails extends IssueSummary {
  fingerprint: string[];
  /** The representative parsed exception chain, frames mapped. */
  error?: ParsedError;
  histogram: HistogramBucket[];
  samples: Sample[];
  facets: Facet[];
  /** Datadog deep link, when the source is Datadog. */
  externalUrl?: string;
  /** The Datadog logs query for this issue, when the source is Datadog. */
  query?: string;
  /** The source can page further (older) samples for this issue and window. */
  canLoadMoreSamples?: boolean;
  /**
   * What the histogram counts: 'events' (the issue's own events) or 'indexed-logs' (Datadog:
   * the indexed logs carrying the issue, which can be fewer than Error Tracking's totals).
   */
  histogramCounts?: 'events' | 'indexed-logs';
}

export interface IssueQuery {
  window: TimeWindow;
  /** Free text / Datadog query, source specific. */
  query?: string;
  /** Evaluation time; defaults to now. Local demos and tests pin it. */
  now?: number;
}

export type IssueEventKind = 'issue.new' | 'issue.regressed';

export interface IssueEvent {
  kind: IssueEventKind;
  issue: IssueSummary;
}

export interface Disposable {
  dispose(): void;
}

/** Where issues come from. Local and Datadog implement it; the views never know which one they show. */
export interface IssueSource {
  readonly name: 'local' | 'datadog';
  listIssues(query: IssueQuery): Promise<IssueSummary[]>;
  getIssue(id: string, query: IssueQuery): Promise<IssueDetails | undefined>;
  setState(id: string, state: IssueState): Promise<void>;
  onIssueEvent(listener: (event: IssueEvent) => void): Disposable;
  dispose(): void;
}
