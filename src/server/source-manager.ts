// Owns the active IssueSource (local files or Datadog), rebuilds it when the settings that shape
// it change, and turns its events into what the server publishes: changes, issue events, status.

import { existsSync } from 'node:fs';
import type { Disposable, IssueEvent, IssueSource } from '../core/model';
import type { InitializationOptions, ServerSettings, SourceStatus } from '../protocol/messages';
import { LocalIssueSource } from '../sources/local/local-source';
import { parseStack } from '../core/stack';
import { cacheStatePath } from './state-path';
import { loadDatadogModule } from '../sources/datadog-loader';

export interface SourceManagerEvents {
  changed(reason: 'scan' | 'append' | 'state' | 'config' | 'poll'): void;
  issueEvents(events: IssueEvent[]): void;
  status(status: SourceStatus): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** Issues first seen within this long before the first scan stay marked new. */
const BASELINE_NEW_MS = 24 * 60 * 60 * 1000;

type Credentials = { apiKey: string; appKey: string };

/** A source plus the optional members both implementations add to IssueSource. */
type ManagedSource = IssueSource & {
  onDidChange?(listener: () => void): Disposable;
  refresh?(): Promise<void>;
  rescan?(): Promise<unknown>;
  /** Waits for pending state writes (the local source). */
  flush?(): Promise<void>;
};

export class SourceManager {
  private source: ManagedSource | undefined;
  private subscriptions: Disposable[] = [];
  private generation = 0;
  private current: SourceStatus = { source: 'local', state: 'starting', openIssues: 0, newIssues: 0 };
  private credentials: Credentials | undefined;
  private pendingEvents: IssueEvent[] = [];
  private holdEvents = false;
  private starting = false;
  private eventTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly events: SourceManagerEvents,
    private init: InitializationOptions,
    private readonly now: () => number,
  ) {}

  setInitializationOptions(init: InitializationOptions): void {
    this.init = init;
  }

  stateChanged(): Promise<void> {
    return this.afterChange(this.generation, 'state');
  }

  get active(): IssueSource | undefined {
    return this.source;
  }

  status(): SourceStatus {
    return this.current;
  }

  setCredentials(credentials: Credentials | null): void {
    this.credentials = credentials ?? undefined;
  }

  /**
   * (Re)creates the source for these settings and folders; the previous one is disposed (its
   * reading stopped, its state written) first. Returns once the new source exists: its first
   * scan or poll runs on (see `started`), so a settings change or an activation never waits for
   * a long scan or a slow Datadog.
   */
  async configure(settings: ServerSettings, folders: string[]): Promise<void> {
    const generation = ++this.generation;
    await this.disposeSource();
    if (generation !== this.generation) return;
    if (folders.length === 0 && settings.source === 'local') {
      this.publish({ source: 'local', state: 'ready', openIssues: 0, newIssues: 0, empty: 'no-folder', message: 'Open a folder to read its logs.' });
      this.events.changed('config');
      return;
    }
    const source = settings.source === 'datadog' ? this.createDatadog(settings, folders) : this.createLocal(settings, folders);
    if (!source) return;
    this.source = source;
    this.subscriptions.push(source.onIssueEvent((event) => this.queueEvent(event)));
    // Changes during the first scan are announced once, when it ends (with the baseline settled).
    if (source.onDidChange) this.subscriptions.push(source.onDidChange(() => this.starting || void this.afterChange(generation, 'append')));
    this.started = this.startSource(source, folders, generation).catch((error) =>
      this.events.log('error', `Starting the ${source.name} source failed: ${String((error as Error)?.message ?? error)}`),
    );
  }

  /** The current source's first scan or poll (tests and shutdown wait for it). */
  started: Promise<void> = Promise.resolve();

  private async startSource(source: ManagedSource, folders: string[], generation: number): Promise<void> {
    if (source instanceof LocalIssueSource) await this.startLocal(source, folders, generation);
    else if (source.refresh) {
      this.publish({ ...this.current, source: 'datadog', state: 'scanning', empty: undefined, message: 'Loading issues from Datadog…' });
      await source.refresh().catch((error) => this.events.log('error', `Datadog: ${String(error?.message ?? error)}`));
      await this.afterChange(generation, 'poll');
    }
  }

  private createLocal(settings: ServerSettings, folders: string[]): ManagedSource {
    return new LocalIssueSource({
      workspaceFolders: folders,
      logFiles: settings.local.logFiles,
      prefixMappings: settings.pathMappings,
      inAppRules: { inApp: settings.inApp.include, notInApp: settings.inApp.exclude },
      fieldMapping: settings.local.fieldMapping,
      errorEvents: settings.local.errorEvents,
      statePath: this.localStatePath(folders),
      follow: true,
      now: this.now,
      log: (level, message) => this.events.log(level, message),
    });
  }

  private localStatePath(folders: string[]): string {
    return this.init.statePath ?? cacheStatePath(folders);
  }

  private async startLocal(source: LocalIssueSource, folders: string[], generation: number): Promise<void> {
    this.publish({ source: 'local', state: 'scanning', openIssues: 0, newIssues: 0, message: 'Reading log files…' });
    const firstEver = !existsSync(this.localStatePath(folders));
    // The first scan of a workspace sets the baseline: what is already in the logs is not news.
    this.holdEvents = firstEver;
    this.starting = true;
    try {
      await source.start((done, total) => {
        if (generation === this.generation) this.publish({ ...this.current, state: 'scanning', progress: { done, total } });
      });
    } catch (error) {
      if (generation !== this.generation) return; // disposed mid-scan: nothing to report
      this.events.log('error', `Reading logs failed: ${String((error as Error)?.message ?? error)}`);
      this.publish({ source: 'local', state: 'error', openIssues: 0, newIssues: 0, message: String((error as Error)?.message ?? error) });
      return;
    } finally {
      // A source replaced mid-scan must not clear the flags its successor set.
      if (generation === this.generation) {
        this.holdEvents = false;
        this.starting = false;
      }
    }
    if (generation !== this.generation) return;
    if (firstEver) await this.settleBaseline(source);
    await this.afterChange(generation, 'scan');
  }

  /** On the first scan, only issues first seen in the last day keep their "new" mark. */
  private async settleBaseline(source: LocalIssueSource): Promise<void> {
    const held = this.pendingEvents.splice(0);
    const cutoff = this.now() - BASELINE_NEW_MS;
    const issues = await source.listIssues({ window: '30d', now: this.now() });
    source.markSeen(issues.filter((issue) => issue.firstSeen < cutoff).map((issue) => issue.id));
    if (held.length > 0) this.events.log('info', `First scan of this workspace: ${held.length} issues found; notifications start from here.`);
  }

  private createDatadog(settings: ServerSettings, folders: string[]): ManagedSource | undefined {
    // The Datadog client is several megabytes: its bundle is required only now, when chosen.
    const datadog = loadDatadogModule();
    const resolved = datadog.resolveDatadogSettings(process.env, {
      site: settings.datadog.site,
      baseUrl: settings.datadog.baseUrl,
      apiKey: this.credentials?.apiKey,
      appKey: this.credentials?.appKey,
    });
    for (const warning of resolved.warnings) this.events.log('warn', `Datadog: ${warning}`);
    if (!resolved.apiKey || !resolved.appKey) {
      this.publish({ source: 'datadog', state: 'error', openIssues: 0, newIssues: 0, empty: 'not-connected', message: 'Not connected to Datadog.' });
      this.events.changed('config');
      return undefined;
    }
    return datadog.createDatadogSource({
      ...resolved,
      apiKey: resolved.apiKey,
      appKey: resolved.appKey,
      query: settings.datadog.query,
      states: settings.datadog.states,
      track: settings.datadog.track,
      pollIntervalMs: settings.datadog.pollIntervalMinutes * 60_000,
      now: this.now,
      parseStack,
      workspaceFolders: folders,
      prefixMappings: settings.pathMappings,
      log: (level: 'info' | 'warn' | 'error', message: string) => this.events.log(level, message),
    });
  }

  async refresh(): Promise<void> {
    const source = this.source;
    const generation = this.generation;
    if (!source) return;
    if (source.rescan) await source.rescan();
    else if (source.refresh) await source.refresh();
    await this.afterChange(generation, 'scan');
  }

  /** Recounts open and new issues for the status, then tells the client the data changed. */
  async afterChange(generation: number, reason: 'scan' | 'append' | 'state' | 'poll'): Promise<void> {
    const source = this.source;
    if (!source || generation !== this.generation) return;
    const issues = await source.listIssues({ window: '30d', now: this.now() }).catch(() => []);
    const open = issues.filter((issue) => issue.state === 'OPEN' || issue.state === 'ACKNOWLEDGED');
    const sourceStatus = (source as { status?(): { state: string; message?: string; partial?: string } }).status?.();
    const stats = (source as { stats?(): SourceStatus['stats'] }).stats?.();
    this.publish({
      source: source.name,
      state: sourceStatus?.state === 'stale' ? 'stale' : sourceStatus?.state === 'error' ? 'error' : 'ready',
      message: sourceStatus?.message,
      ...(sourceStatus?.partial ? { partial: sourceStatus.partial } : {}),
      stats,
      openIssues: open.length,
      newIssues: open.filter((issue) => issue.isNew || issue.regression).length,
      empty: emptyReason(source.name, stats, issues.length),
    });
    this.events.changed(reason);
  }

  private queueEvent(event: IssueEvent): void {
    // Events arrive in bursts (a scan finds many issues at once): send them as one batch.
    this.pendingEvents.push(event);
    if (this.holdEvents) return;
    this.eventTimer ??= setTimeout(() => {
      this.eventTimer = undefined;
      const batch = this.pendingEvents.splice(0);
      if (batch.length > 0) this.events.issueEvents(batch);
    }, 400);
  }

  private publish(status: SourceStatus): void {
    this.current = status;
    this.events.status(status);
  }

  /** Stops the source (a scan in progress ends at its next chunk) and waits for its state write. */
  private async disposeSource(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    const source = this.source;
    this.source = undefined;
    if (!source) return;
    source.dispose();
    await source.flush?.().catch((error) => this.events.log('error', `Saving issue states failed: ${String(error?.message ?? error)}`));
  }

  /** Shutdown: resolves once the issue states are on disk. */
  async dispose(): Promise<void> {
    this.generation++;
    if (this.eventTimer) clearTimeout(this.eventTimer);
    await this.disposeSource();
  }
}

function emptyReason(source: 'local' | 'datadog', stats: SourceStatus['stats'], issueCount: number): SourceStatus['empty'] {
  if (issueCount > 0) return undefined;
  if (source === 'local' && stats && stats.files === 0) return 'no-log-files';
  return 'no-errors';
}
