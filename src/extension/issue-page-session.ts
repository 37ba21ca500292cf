// One open issue page's logic, without vscode: load the issue for the chosen window, post it,
// and act on the page's messages only after validating them against what the page was given.
// issue-panel.ts wires it to a real WebviewPanel; unit tests drive it with fakes.
import type { EventOrigin, IssueDetails, IssueState, ResolvedLocation, Sample, TimeWindow } from '../core/model';
import {
  pageContextFor,
  validatePageMessage,
  type HostToPageMessage,
  type PageContext,
  type PageToHostMessage,
} from '../protocol/webview-messages';

export interface IssuePanelHost {
  loadIssue(id: string, window: TimeWindow): Promise<IssueDetails | undefined>;
  setState(id: string, state: IssueState): Promise<void>;
  /** Open a workspace file at a line. */
  openLocation(location: ResolvedLocation): Promise<void>;
  /** Local source: open the log file at the event's line. */
  openLogLine(origin: EventOrigin): Promise<void>;
  openExternal?(url: string): Promise<void>;
  /** The next page of the issue's samples; undefined when the source cannot page them. */
  loadMoreSamples?(id: string, window: TimeWindow): Promise<{ samples: Sample[]; done: boolean } | undefined>;
  defaultWindow(): TimeWindow;
}

/** What the session needs of a webview panel. */
export interface PagePort {
  postMessage(message: HostToPageMessage): PromiseLike<boolean>;
  setTitle(title: string): void;
  writeClipboard(text: string): PromiseLike<void>;
}

export type SessionLog = (level: 'info' | 'warn' | 'error', message: string) => void;

const TITLE_MAX = 80;

/** A panel title from an issue: printable characters only, short. */
export function panelTitle(issue: Pick<IssueDetails, 'errorKind' | 'message'> | undefined, id: string): string {
  const raw = issue ? `${issue.errorKind}: ${issue.message}` : `Issue ${id}`;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, ' ');
  const oneLine = clean.replace(/\s+/g, ' ').trim();
  return oneLine.length > TITLE_MAX ? `${oneLine.slice(0, TITLE_MAX - 1)}…` : oneLine;
}

function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

export class IssuePageSession {
  private context: PageContext;
  private issue: IssueDetails | undefined;
  private loadSeq = 0;
  private renderedSeq = -1;
  private postedSeq = -1;
  /** A "load more samples" in flight: repeated clicks wait for it rather than skip a page. */
  private loadingMore: Promise<void> | undefined;
  private _title: string;

  constructor(
    readonly issueId: string,
    private _window: TimeWindow,
    private readonly host: IssuePanelHost,
    private readonly port: PagePort,
    private readonly log: SessionLog = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.context = { issueId, locations: [], origins: [] };
    this._title = panelTitle(undefined, issueId);
  }

  get window(): TimeWindow {
    return this._window;
  }
  get title(): string {
    return this._title;
  }
  /** True once the page confirmed it drew the latest issue data. */
  get rendered(): boolean {
    return this.postedSeq >= 0 && this.renderedSeq === this.postedSeq;
  }

  /**
   * Loads the issue for the current window and posts it; a newer load supersedes an older one.
   * `quiet` (a background refresh) skips the 'loading' notice so a followed log does not flicker.
   */
  async load(options: { quiet?: boolean } = {}): Promise<void> {
    const seq = ++this.loadSeq;
    const window = this._window;
    if (!options.quiet) void this.port.postMessage({ type: 'loading', id: this.issueId, window });
    let issue: IssueDetails | undefined;
    try {
      issue = await this.host.loadIssue(this.issueId, window);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      const message = error instanceof Error ? error.message : String(error);
      this.log('error', `issue page ${this.issueId}: loading failed: ${message}`);
      await this.port.postMessage({ type: 'loadError', id: this.issueId, message });
      return;
    }
    if (seq !== this.loadSeq) return;
    if (!issue) {
      this.issue = undefined;
      this.context = { issueId: this.issueId, locations: [], origins: [] };
      await this.port.postMessage({ type: 'notFound', id: this.issueId, window });
      return;
    }
    this.issue = issue;
    this.context = pageContextFor(issue);
    this._title = panelTitle(issue, this.issueId);
    this.port.setTitle(this._title);
    this.postedSeq = seq;
    await this.port.postMessage({ type: 'issue', issue, window, now: this.now() });
  }

  /** Handles one raw message from the page; invalid ones are logged and dropped. */
  async handle(raw: unknown): Promise<void> {
    const result = validatePageMessage(raw, this.context);
    if (!result.ok) {
      this.log('warn', `issue page ${this.issueId}: ignored a message: ${result.reason}`);
      return;
    }
    try {
      await this.act(result.message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log('error', `issue page ${this.issueId}: ${result.message.type} failed: ${text}`);
      await this.port.postMessage({ type: 'notice', level: 'error', text: `${result.message.type} failed: ${text}` });
    }
  }

  private async act(message: PageToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'reload':
        return this.load();
      case 'rendered':
        this.renderedSeq = this.postedSeq;
        return;
      case 'setWindow':
        this._window = message.window;
        return this.load();
      case 'setState':
        await this.host.setState(message.id, message.state);
        return this.load();
      case 'openLocation':
        return this.host.openLocation(message.location);
      case 'openLogLine':
        return this.host.openLogLine(message.origin);
      case 'openExternal': {
        const url = this.issue?.externalUrl;
        if (!url || !isSafeExternalUrl(url) || !this.host.openExternal) {
          this.log('warn', `issue page ${this.issueId}: no external link to open`);
          return;
        }
        return this.host.openExternal(url);
      }
      case 'loadMoreSamples':
        this.loadingMore ??= this.loadMoreSamples().finally(() => {
          this.loadingMore = undefined;
        });
        return this.loadingMore;
      case 'copyText':
        await this.port.writeClipboard(message.text);
        await this.port.postMessage({ type: 'notice', level: 'info', text: message.what === 'query' ? 'Query copied' : 'Sample copied as JSON' });
        return;
    }
  }
  /**
   * Asks the host for the next page of samples and posts it for the page to append. Dropped when
   * a newer load replaced the issue meanwhile (its samples start over from the first page).
   */
  private async loadMoreSamples(): Promise<void> {
    const issue = this.issue;
    const window = this._window;
    const seq = this.loadSeq;
    const post = (samples: Sample[], done: boolean, error?: string) =>
      this.port.postMessage({ type: 'moreSamples', id: this.issueId, window, samples, done, ...(error === undefined ? {} : { error }) });
    if (!issue || !this.host.loadMoreSamples) {
      this.log('warn', `issue page ${this.issueId}: this source cannot load more samples`);
      await post([], true);
      return;
    }
    let result: { samples: Sample[]; done: boolean } | undefined;
    try {
      result = await this.host.loadMoreSamples(this.issueId, window);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      const text = error instanceof Error ? error.message : String(error);
      this.log('error', `issue page ${this.issueId}: loading more samples failed: ${text}`);
      await post([], false, `Could not load more samples: ${text}`);
      return;
    }
    if (seq !== this.loadSeq || this.issue !== issue) return;
    if (!result) {
      await post([], true);
      return;
    }
    // Keep the session's copy and what the page may open in step with what the page shows.
    this.issue = { ...issue, samples: [...issue.samples, ...result.samples] };
    const origins = result.samples.flatMap((sample) => (sample.event.origin ? [sample.event.origin] : []));
    if (origins.length > 0) this.context = { ...this.context, origins: [...this.context.origins, ...origins] };
    await post(result.samples, result.done || result.samples.length === 0);
  }
}
