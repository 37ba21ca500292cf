// The scan the CLI commands share: expand paths, stream every file through the same ingest as
// the editor, with optional filters, saved state and workspace mapping.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ErrorEvent } from '../core/model';
import { IssueStore } from '../core/issues';
import { workspaceOwnsInstalled, type FrameMapper } from '../core/mapping';
import { EventIngestor } from '../sources/local/ingest';
import { sumStats, type IngestStats } from '../sources/local/ingest-stats';
import { expandPaths } from '../sources/local/read/expand-paths';
import { scanFile } from '../sources/local/scan-file';
import { loadStateFile, saveStateFile } from '../sources/local/state-file';
import { buildWorkspaceMapper } from '../sources/issue-mapping';
import type { FileStats } from '../sources/local/file-events';
import type { ErrorEventRule } from '../sources/local/records/text-event';
import { InputError } from './args';
import type { Progress } from './progress';

export interface ScanRunOptions {
  paths: string[];
  since?: number;
  now: number;
  service?: string;
  statePath?: string;
  fieldMapping?: Record<string, string>;
  errorEvents?: ErrorEventRule;
  /** Installed files that are the workspace's own code (in-app for grouping, as in the editor). */
  workspaceOwns?: (file: string) => boolean;
  progress?: Progress;
  log: (message: string) => void;
}

export interface ScanRun {
  store: EventIngestor['store'];
  stats: IngestStats;
  fileStats: FileStats[];
  /** Events per issue id in this run (after filters). */
  counts: Map<string, number>;
  /** Issues that were not in the state file. */
  newIds: Set<string>;
  unreadable: { file: string; problem: string }[];
}

export async function runScan(options: ScanRunOptions): Promise<ScanRun> {
  const store = new IssueStore({ source: 'local' });
  if (options.statePath) {
    const { data, warning } = await loadStateFile(options.statePath);
    if (warning) options.log(`warning: ${warning}`);
    if (data !== undefined) {
      const loaded = store.loadPersisted(data);
      if (!loaded.ok) throw new InputError(`cannot use state file ${options.statePath}: ${loaded.reason}`);
      if ('warning' in loaded && loaded.warning) options.log(`warning: ${loaded.warning}`);
    }
  }
  const newIds = new Set<string>();
  store.onIssueEvent((e) => e.kind === 'issue.new' && newIds.add(e.issue.id));
  const ingestor = new EventIngestor(store);
  ingestor.stacks.setWorkspaceOwnership(options.workspaceOwns);
  const counts = new Map<string, number>();
  const cutoff = options.since !== undefined ? options.now - options.since : undefined;
  const onEvent = (event: ErrorEvent) => {
    if (cutoff !== undefined && event.timestamp < cutoff) return;
    if (options.service !== undefined && event.service !== options.service) return;
    const id = ingestor.ingest(event);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };

  const absolute = options.paths.map((p) => resolve(p));
  const { files, missing } = await expandPaths(absolute, []);
  const unreadable = missing.map((m) => ({ file: m.pattern, problem: m.reason }));
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  const fileStats: FileStats[] = [];
  for (const file of files) {
    try {
      const cursor = await scanFile(file, { fieldMapping: options.fieldMapping, errorEvents: options.errorEvents, flushPartial: true, onBytes: (n) => options.progress?.update((done += n), total) }, onEvent);
      fileStats.push(cursor.parser.stats);
    } catch (err) {
      unreadable.push({ file, problem: (err as Error).message });
    }
  }
  options.progress?.done();
  if (options.statePath) await saveStateFile(options.statePath, store.toPersisted());
  // An issue whose template generalized while reading was merged into another: count it there.
  const merged = new Map<string, number>();
  for (const [id, n] of counts) merged.set(store.resolve(id), (merged.get(store.resolve(id)) ?? 0) + n);
  const newMerged = new Set([...newIds].map((id) => store.resolve(id)));
  return { store, stats: sumStats(fileStats, unreadable), fileStats, counts: merged, newIds: newMerged, unreadable };
}

export async function workspaceMapper(dir: string, prefixMappings: Record<string, string>): Promise<FrameMapper> {
  return (await workspaceMapping(dir, prefixMappings)).mapper;
}

/** The --workspace's mapper, and which installed files (site-packages) are copies of its own code. */
export async function workspaceMapping(dir: string, prefixMappings: Record<string, string>): Promise<{ mapper: FrameMapper; owns: (file: string) => boolean }> {
  const folder = resolve(dir);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(`--workspace ${dir} is not a directory`);
  const { mapper, index } = await buildWorkspaceMapper([folder], prefixMappings);
  return { mapper, owns: workspaceOwnsInstalled(index) };
}
