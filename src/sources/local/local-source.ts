// The local IssueSource: reads the workspace's log files, groups their errors into issues, keeps
// following the files, maps frames onto the workspace when asked, and persists the user's
// decisions. Everything heavy is streamed; nothing here holds a log file in memory.
import { stat } from 'node:fs/promises';
import type { Disposable, IssueDetails, IssueEvent, IssueQuery, IssueSource, IssueState, IssueSummary } from '../../core/model';
import { commitOf, GitPlacementCache } from './git-placement';
import { IssueStore } from '../../core/issues';
import type { FrameMapper } from '../../core/mapping';
import type { InAppRules } from '../../core/stack';
import type { ErrorEventRule } from './records/text-event';
import { describeSkipped, sumStats, type IngestStats } from './ingest-stats';
import { EventIngestor } from './ingest';
import { buildWorkspaceMapper, IssueMappingCache } from '../issue-mapping';
import { expandPaths } from './read/expand-paths';
import { Follower } from './read/follower';
import { scanFile, type FileCursor } from './scan-file';
import { loadStateFile, saveStateFile } from './state-file';
import { WorkspaceIndexUpdater } from './workspace-files';

export type { IngestStats } from './ingest-stats';

export interface LocalSourceOptions {
  workspaceFolders: string[];
  logFiles: string[];
  prefixMappings?: Record<string, string>;
  inAppRules?: InAppRules;
  fieldMapping?: Record<string, string>;
  /** Which error-level records are error events (errorTracking.local.errorEvents). */
  errorEvents?: ErrorEventRule;
  statePath?: string;
  follow?: boolean;
  now?: () => number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** How often followed files and globs are checked when fs.watch says nothing (ms). */
  pollMs?: number;
}

const SAVE_DELAY_MS = 1000;
const CHANGE_DELAY_MS = 250;
const DISCOVER_EVERY_POLLS = 5;

export class LocalIssueSource implements IssueSource {
  readonly name = 'local' as const;
  private store = new IssueStore({ source: 'local' });
  private ingestor: EventIngestor;
  private readonly mapping = new IssueMappingCache(undefined);
  private cursors = new Map<string, FileCursor>();
  private unreadable = new Map<string, string>();
  private knownInodes = new Set<number>();
  private follower?: Follower;
  private discoverTimer?: NodeJS.Timeout;
  private readonly changeListeners = new Set<() => void>();
  private readonly issueListeners = new Set<(e: IssueEvent) => void>();
  private storeSubscription?: Disposable;
  private changeTimer?: NodeJS.Timeout;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly now: () => number;
  private readonly git = new GitPlacementCache();
  private mapper?: FrameMapper;
  private indexUpdater?: WorkspaceIndexUpdater;

  constructor(private readonly options: LocalSourceOptions) {
    this.now = options.now ?? Date.now;
    this.ingestor = new EventIngestor(this.store, options.inAppRules);
    this.storeSubscription = this.store.onIssueEvent((e) => this.onStoreEvent(e));
  }

  /** Indexes the workspace, loads saved decisions, scans every log file, then follows them. */
  async start(onProgress?: (done: number, total: number) => void): Promise<IngestStats> {
    await this.loadState();
    const [stats] = await Promise.all([this.scanAll(onProgress), this.indexWorkspace()]);
    if (this.options.follow !== false && !this.disposed) this.startFollowing();
    this.fireChange(true);
    return stats;
  }

  /** Forgets every count and reads all files again (decisions are kept). */
  async rescan(): Promise<IngestStats> {
    this.stopFollowing();
    const decisions = this.store.toPersisted();
    this.storeSubscription?.dispose();
    this.store = new IssueStore({ source: 'local' });
    this.store.loadPersisted(decisions);
    this.storeSubscription = this.store.onIssueEvent((e) => this.onStoreEvent(e));
    this.ingestor = new EventIngestor(this.store, this.options.inAppRules);
    this.cursors.clear();
    this.unreadable.clear();
    this.knownInodes.clear();
    const [stats] = await Promise.all([this.scanAll(), this.indexWorkspace()]);
    if (this.options.follow !== false && !this.disposed) this.startFollowing();
    this.fireChange(true);
    return stats;
  }

  /**
   * Workspace files created, changed or deleted (the editor's file watcher): the index learns new
   * files and every cached mapping is redone, since a frame's line may have drifted.
   */
  async workspaceFilesChanged(changes: { path: string; change: 'created' | 'changed' | 'deleted' }[]): Promise<void> {
    const updater = this.indexUpdater;
    if (!updater || changes.length === 0) return;
    for (const { path, change } of changes) {
      if (change === 'created') await updater.fileCreated(path);
      else if (change === 'deleted') updater.fileDeleted(path);
    }
    this.mapping.setMapper(this.mapper);
    this.fireChange();
  }

  stats(): IngestStats {
    const unreadable = [...this.unreadable].map(([file, problem]) => ({ file, problem }));
    return sumStats([...this.cursors.values()].map((c) => c.parser.stats), unreadable);
  }

  async listIssues(query: IssueQuery): Promise<IssueSummary[]> {
    return this.store.list({ ...query, now: query.now ?? this.now() }).map((s) => this.mapping.summary(s));
  }

  async getIssue(id: string, query: IssueQuery): Promise<IssueDetails | undefined> {
    const details = this.store.get(id, { ...query, now: query.now ?? this.now() });
    if (!details) return undefined;
    const mapped = this.mapping.details(details);
    const sha = commitOf(details);
    if (!sha || !mapped.error) return mapped;
    return { ...mapped, error: await this.git.place(id, sha, mapped.error) };
  }


  async setState(id: string, state: IssueState): Promise<void> {
    if (!this.store.setState(id, state, this.now())) throw new Error(`No issue ${id}`);
    this.scheduleSave();
    this.fireChange(true);
  }

  /** Clears "new" on these issues (all when omitted) and saves that. */
  markSeen(ids?: string[]): void {
    this.store.markSeen(ids);
    this.scheduleSave();
  }

  onIssueEvent(listener: (event: IssueEvent) => void): Disposable {
    this.issueListeners.add(listener);
    return { dispose: () => void this.issueListeners.delete(listener) };
  }

  onDidChange(listener: () => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => void this.changeListeners.delete(listener) };
  }

  /** Waits for pending state writes (tests, shutdown). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }
    await this.saving;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopFollowing();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    void this.flush();
    this.storeSubscription?.dispose();
    this.changeListeners.clear();
    this.issueListeners.clear();
  }

  private async scanAll(onProgress?: (done: number, total: number) => void): Promise<IngestStats> {
    const { files, missing } = await expandPaths(this.options.logFiles, this.options.workspaceFolders);
    for (const m of missing) this.options.log?.('info', `No log files for "${m.pattern}": ${m.reason}`);
    const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
    const total = sizes.reduce((a, b) => a + b, 0);
    let done = 0;
    let lastReport = 0;
    onProgress?.(0, total);
    for (const file of files) {
      if (this.disposed) break;
      await this.scanOne(file, (bytes) => {
        done += bytes;
        if (onProgress && done - lastReport >= 4 * 1024 * 1024) {
          lastReport = done;
          onProgress(done, total);
        }
      });
    }
    onProgress?.(total, total);
    const stats = this.stats();
    this.options.log?.(
      'info',
      `Read ${stats.files} log files: ${stats.lines} lines, ${stats.records} records (${stats.joined} lines joined into them), ${stats.errors} error events, ${stats.malformed} lines skipped, ${this.store.size} issues.`,
    );
    for (const f of stats.perFile) {
      if (f.lastProblem) this.options.log?.('warn', `${f.file}: ${f.malformed} lines skipped (${describeSkipped(f.skipped)}), last at ${f.lastProblem}`);
    }
    return stats;
  }

  private async scanOne(file: string, onBytes?: (bytes: number) => void): Promise<FileCursor | undefined> {
    try {
      const cursor = await scanFile(
        file,
        { fieldMapping: this.options.fieldMapping, errorEvents: this.options.errorEvents, flushPartial: this.options.follow === false, onBytes },
        (event) => this.ingestor.ingest(event),
      );
      this.cursors.set(file, cursor);
      this.knownInodes.add(cursor.ino);
      this.unreadable.delete(file);
      return cursor;
    } catch (err) {
      const problem = (err as Error).message;
      this.unreadable.set(file, `unreadable: ${problem}`);
      this.options.log?.('error', `Cannot read ${file}: ${problem}`);
      return undefined;
    }
  }

  private async indexWorkspace(): Promise<void> {
    const folders = this.options.workspaceFolders;
    if (folders.length === 0) return;
    try {
      const { mapper, index } = await buildWorkspaceMapper(folders, this.options.prefixMappings);
      this.mapper = mapper;
      this.indexUpdater = new WorkspaceIndexUpdater(index);
      this.mapping.setMapper(this.mapper);
    } catch (err) {
      this.options.log?.('warn', `Could not index the workspace, frames stay unmapped: ${(err as Error).message}`);
    }
  }

  private startFollowing(): void {
    this.follower = new Follower({
      pollMs: this.options.pollMs,
      onData: () => this.fireChange(),
      onRotate: (file, how) => this.options.log?.('info', `${file} was ${how}; reading it from the start.`),
      onProblem: (file, message) => this.options.log?.('warn', `Following ${file}: ${message}`),
    });
    for (const cursor of this.cursors.values()) void this.follower.follow(cursor);
    let polls = 0;
    this.discoverTimer = setInterval(() => {
      if (++polls % DISCOVER_EVERY_POLLS === 0) void this.discoverNewFiles();
    }, this.options.pollMs ?? 1000);
    this.discoverTimer.unref();
  }

  private stopFollowing(): void {
    this.follower?.dispose();
    this.follower = undefined;
    if (this.discoverTimer) clearInterval(this.discoverTimer);
    this.discoverTimer = undefined;
  }

  /** New files matching the globs (a new daily log) are read and followed; renamed ones are not read twice. */
  private async discoverNewFiles(): Promise<void> {
    const { files } = await expandPaths(this.options.logFiles, this.options.workspaceFolders).catch(() => ({ files: [] as string[] }));
    for (const file of files) {
      if (this.cursors.has(file) || this.disposed || !this.follower) continue;
      const ino = await stat(file).then((s) => s.ino, () => undefined);
      if (ino === undefined || this.knownInodes.has(ino)) continue;
      const cursor = await this.scanOne(file);
      if (cursor && this.follower) await this.follower.follow(cursor);
      this.fireChange();
    }
  }

  private async loadState(): Promise<void> {
    const path = this.options.statePath;
    if (!path) return;
    const { data, warning } = await loadStateFile(path);
    if (warning) this.options.log?.('warn', warning);
    if (data === undefined) return;
    const result = this.store.loadPersisted(data);
    if (!result.ok) this.options.log?.('warn', `Issue states in ${path} were not loaded: ${result.reason}`);
    else if ('warning' in result && result.warning) this.options.log?.('warn', result.warning);
  }

  private scheduleSave(): void {
    if (!this.options.statePath || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  private async save(): Promise<void> {
    const path = this.options.statePath;
    if (!path) return;
    await saveStateFile(path, this.store.toPersisted()).catch((err: Error) =>
      this.options.log?.('error', `Could not save issue states to ${path}: ${err.message}`),
    );
  }

  private onStoreEvent(event: IssueEvent): void {
    // New issues are saved too, so the next run knows them (and `--fail-on-new` stays quiet).
    this.scheduleSave();
    const mapped = { ...event, issue: this.mapping.summary(event.issue) };
    for (const listener of this.issueListeners) {
      try {
        listener(mapped);
      } catch (err) {
        this.options.log?.('error', `Issue listener failed: ${(err as Error).message}`);
      }
    }
  }

  private fireChange(now = false): void {
    if (this.disposed) return;
    const fire = () => {
      this.changeTimer = undefined;
      for (const listener of this.changeListeners) listener();
    };
    if (now) {
      if (this.changeTimer) clearTimeout(this.changeTimer);
      fire();
    } else if (!this.changeTimer) {
      this.changeTimer = setTimeout(fire, CHANGE_DELAY_MS);
    }
  }
}
