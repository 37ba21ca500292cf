// The messages between the issue page (webview) and the extension, typed once for both ends,
// and the validator the extension runs on everything the page sends before acting on it.
// The page is treated as untrusted: it renders log text written by whoever produced the logs.
import {
  ISSUE_STATES,
  TIME_WINDOWS,
  type EventOrigin,
  type IssueDetails,
  type IssueState,
  type ParsedError,
  type ResolvedLocation,
  type Sample,
  type TimeWindow,
} from '../core/model';

// ---- extension -> page ----

export interface IssueMessage {
  type: 'issue';
  issue: IssueDetails;
  window: TimeWindow;
  /** The time relative dates are computed against (the host's clock). */
  now: number;
}
export interface LoadingMessage {
  type: 'loading';
  id: string;
  window: TimeWindow;
}
export interface NotFoundMessage {
  type: 'notFound';
  id: string;
  window: TimeWindow;
}
export interface LoadErrorMessage {
  type: 'loadError';
  id: string;
  message: string;
}
/** A short line about an action (copied, a state change that failed). */
export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'error';
  text: string;
}
/** The next page of samples the page asked for, to append after those it has. */
export interface MoreSamplesMessage {
  type: 'moreSamples';
  id: string;
  window: TimeWindow;
  samples: Sample[];
  /** No more to load: the page hides its "Load more samples" button. */
  done: boolean;
  /** Loading failed: nothing appended, the button stays for another try. */
  error?: string;
}
export type HostToPageMessage = IssueMessage | LoadingMessage | NotFoundMessage | LoadErrorMessage | NoticeMessage | MoreSamplesMessage;

// ---- page -> extension ----

export type CopyWhat = 'sample' | 'query';

/** Sent when the page's script has started (and again after a webview reload). */
export interface ReadyMessage {
  type: 'ready';
}
/** Sent after the page drew an issue message, so tests and the manager know it rendered. */
export interface RenderedMessage {
  type: 'rendered';
  id: string;
}
export interface SetStateMessage {
  type: 'setState';
  id: string;
  state: IssueState;
}
export interface SetWindowMessage {
  type: 'setWindow';
  id: string;
  window: TimeWindow;
}
export interface OpenLocationMessage {
  type: 'openLocation';
  id: string;
  location: ResolvedLocation;
}
export interface OpenLogLineMessage {
  type: 'openLogLine';
  id: string;
  origin: EventOrigin;
}
/** Open the issue in Datadog: the URL is the one the extension holds, never one from the page. */
export interface OpenExternalMessage {
  type: 'openExternal';
  id: string;
}
/** Fallback when navigator.clipboard is unavailable in the webview. */
export interface CopyTextMessage {
  type: 'copyText';
  id: string;
  what: CopyWhat;
  text: string;
}
export interface ReloadMessage {
  type: 'reload';
  id: string;
}
/** "Load more samples": the host pages the source for the panel's own issue and window. */
export interface LoadMoreSamplesMessage {
  type: 'loadMoreSamples';
  id: string;
}
export type PageToHostMessage =
  | ReadyMessage
  | RenderedMessage
  | SetStateMessage
  | SetWindowMessage
  | OpenLocationMessage
  | OpenLogLineMessage
  | OpenExternalMessage
  | CopyTextMessage
  | ReloadMessage
  | LoadMoreSamplesMessage;

/** What the page persists with vscode.setState, and what the serializer restores from. */
export interface IssuePageState {
  issueId: string;
  window?: TimeWindow;
  /** The page's own view state, kept while the panel is hidden (its script is unloaded then). */
  filter?: { path: string; value: string };
  selected?: number;
}

// ---- validation ----

/** What the extension gave the page: the only things the page may ask to open. */
export interface PageContext {
  issueId: string;
  locations: readonly ResolvedLocation[];
  origins: readonly EventOrigin[];
}

export type Validation<T> = { ok: true; message: T } | { ok: false; reason: string };

/** Clipboard text the page may hand to the host (a sample with a 1 MB message fits). */
export const MAX_COPY_TEXT = 16 * 1024 * 1024;

const COPY_WHATS: readonly CopyWhat[] = ['sample', 'query'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function locationKey(location: Pick<ResolvedLocation, 'path' | 'line' | 'column'>): string {
  return `${location.path}\u0000${location.line}\u0000${location.column ?? ''}`;
}

export function originKey(origin: EventOrigin): string {
  return `${origin.file}\u0000${origin.line}`;
}

/**
 * Checks a message from the page. Returns a copy built from the extension's own data (the known
 * location or origin object), so nothing the page made up reaches the host's handlers.
 */
export function validatePageMessage(raw: unknown, context: PageContext): Validation<PageToHostMessage> {
  if (!isRecord(raw)) return { ok: false, reason: 'not an object' };
  const type = raw.type;
  if (typeof type !== 'string') return { ok: false, reason: 'no type' };
  if (type === 'ready') return { ok: true, message: { type } };
  if (!KNOWN_TYPES.has(type)) return { ok: false, reason: `unknown type ${JSON.stringify(type.slice(0, 40))}` };
  if (raw.id !== context.issueId) return { ok: false, reason: `${type}: id does not match the panel's issue` };
  const id = context.issueId;
  switch (type) {
    case 'rendered':
    case 'openExternal':
    case 'reload':
    case 'loadMoreSamples':
      return { ok: true, message: { type, id } };
    case 'setState': {
      const state = raw.state;
      if (typeof state !== 'string' || !(ISSUE_STATES as readonly string[]).includes(state)) {
        return { ok: false, reason: 'setState: unknown state' };
      }
      return { ok: true, message: { type, id, state: state as IssueState } };
    }
    case 'setWindow': {
      const window = raw.window;
      if (typeof window !== 'string' || !(TIME_WINDOWS as readonly string[]).includes(window)) {
        return { ok: false, reason: 'setWindow: unknown window' };
      }
      return { ok: true, message: { type, id, window: window as TimeWindow } };
    }
    case 'openLocation': {
      const location = raw.location;
      if (!isRecord(location) || typeof location.path !== 'string' || typeof location.line !== 'number') {
        return { ok: false, reason: 'openLocation: malformed location' };
      }
      const column = location.column === undefined ? undefined : location.column;
      if (column !== undefined && typeof column !== 'number') return { ok: false, reason: 'openLocation: malformed location' };
      const key = locationKey({ path: location.path, line: location.line, column });
      const known = context.locations.find((candidate) => locationKey(candidate) === key);
      if (!known) return { ok: false, reason: 'openLocation: not a location this page was given' };
      return { ok: true, message: { type, id, location: known } };
    }
    case 'openLogLine': {
      const origin = raw.origin;
      if (!isRecord(origin) || typeof origin.file !== 'string' || typeof origin.line !== 'number') {
        return { ok: false, reason: 'openLogLine: malformed origin' };
      }
      const key = originKey({ file: origin.file, line: origin.line });
      const known = context.origins.find((candidate) => originKey(candidate) === key);
      if (!known) return { ok: false, reason: 'openLogLine: not an origin this page was given' };
      return { ok: true, message: { type, id, origin: known } };
    }
    case 'copyText': {
      const what = raw.what;
      const text = raw.text;
      if (typeof what !== 'string' || !(COPY_WHATS as readonly string[]).includes(what)) {
        return { ok: false, reason: 'copyText: unknown what' };
      }
      if (typeof text !== 'string' || text.length > MAX_COPY_TEXT) return { ok: false, reason: 'copyText: bad text' };
      return { ok: true, message: { type, id, what: what as CopyWhat, text } };
    }
  }
  return { ok: false, reason: `unhandled type ${type}` };
}

const KNOWN_TYPES = new Set<string>([
  'ready',
  'rendered',
  'setState',
  'setWindow',
  'openLocation',
  'openLogLine',
  'openExternal',
  'copyText',
  'reload',
  'loadMoreSamples',
]);

/** Collects every location and origin the page is shown, for validatePageMessage. */
export function pageContextFor(issue: IssueDetails): PageContext {
  const locations: ResolvedLocation[] = [];
  const seen = new Set<string>();
  // Causes and related exceptions (suppressed, group members, other goroutines), as the page shows them.
  const pending: ParsedError[] = issue.error ? [issue.error] : [];
  let visited = 0;
  while (pending.length > 0 && visited < 10_000) {
    const error = pending.pop()!;
    visited += 1;
    for (const frame of error.frames) {
      if (frame.location && !seen.has(locationKey(frame.location))) {
        seen.add(locationKey(frame.location));
        locations.push(frame.location);
      }
    }
    if (error.cause) pending.push(error.cause);
    for (const related of error.related ?? []) pending.push(related);
  }
  for (const frame of [issue.topFrame, ...(issue.inAppFrames ?? [])]) {
    if (frame?.location && !seen.has(locationKey(frame.location))) {
      seen.add(locationKey(frame.location));
      locations.push(frame.location);
    }
  }
  const origins: EventOrigin[] = [];
  for (const sample of issue.samples) {
    if (sample.event.origin) origins.push(sample.event.origin);
  }
  return { issueId: issue.id, locations, origins };
}

/** Reads the state the serializer hands back (it was written by the page, so check it). */
export function parsePageState(raw: unknown): IssuePageState | undefined {
  if (!isRecord(raw) || typeof raw.issueId !== 'string' || raw.issueId.length === 0 || raw.issueId.length > 512) {
    return undefined;
  }
  const window =
    typeof raw.window === 'string' && (TIME_WINDOWS as readonly string[]).includes(raw.window)
      ? (raw.window as TimeWindow)
      : undefined;
  return { issueId: raw.issueId, window };
}
