// Builds the workspace file index from disk: fs.promises.opendir, several directories at once,
// never entering dependency/VCS folders or .gitignore'd paths, never following a symlinked
// directory, and keeping a symlinked file only when its target stays inside the folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../core/mapping/workspace-index';
import { parseGoModulePath, type GoModule } from '../../core/mapping/go';
import { isIgnored, parseGitignore, SKIPPED_DIRECTORIES, type IgnoreFile } from '../../core/mapping/ignore-rules';

export interface WalkOptions {
  /** Stop after this many files per folder (a runaway guard); default 500,000. */
  maxFiles?: number;
  /** Directories read at once; default 8. */
  concurrency?: number;
}

export async function buildWorkspaceIndex(folders: string[], options: WalkOptions = {}): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(folders);
  for (const file of (await walkShared(folders, options)).files) index.addFile(file);
  index.prepare();
  return index;
}

export async function readGoModules(folders: string[], options: WalkOptions = {}): Promise<GoModule[]> {
  const modules: GoModule[] = [];
  for (const file of (await walkShared(folders, options)).goMods) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    const module = text === undefined ? undefined : parseGoModulePath(text);
    if (module) modules.push({ module, dir: path.dirname(file) });
  }
  return modules;
}

// Callers build the index and read go.mod files at the same time (Promise.all): they share one
// walk while it runs, instead of walking the workspace twice.
const walksInFlight = new Map<string, Promise<{ files: string[]; goMods: string[] }>>();

function walkShared(folders: string[], options: WalkOptions): Promise<{ files: string[]; goMods: string[] }> {
  const key = JSON.stringify([folders, options.maxFiles, options.concurrency]);
  let walk = walksInFlight.get(key);
  if (!walk) {
    walk = (async () => {
      const files: string[] = [];
      const goMods: string[] = [];
      for (const folder of folders) {
        await walkFolder(
          folder,
          (abs, rel) => {
            files.push(abs);
            if (rel === 'go.mod' || rel.endsWith('/go.mod')) goMods.push(abs);
          },
          options,
        );
      }
      return { files, goMods };
    })().finally(() => walksInFlight.delete(key));
    walksInFlight.set(key, walk);
  }
  return walk;
}

interface Pending {
  abs: string;
  rel: string;
  ignores: IgnoreFile[];
}

/** Calls onFile(absPath, relPath) for every indexable file of one folder. */
export async function walkFolder(
  folder: string,
  onFile: (absPath: string, relPath: string) => void,
  options: WalkOptions = {},
): Promise<void> {
  const maxFiles = options.maxFiles ?? 500_000;
  const concurrency = options.concurrency ?? 8;
  const realRoot = await fs.realpath(folder).catch(() => undefined);
  if (!realRoot) return;
  let files = 0;
  // At most `concurrency` directories are open at once; subdirectories are visited as soon as a
  // slot frees, so the walk keeps every slot busy on wide and deep trees alike.
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const visit = async (dir: Pending): Promise<void> => {
    const subdirs: Pending[] = [];
    await acquire();
    try {
      await readDirectory(dir, subdirs);
    } finally {
      release();
    }
    await Promise.all(subdirs.map(visit));
  };
  const readDirectory = async (dir: Pending, subdirs: Pending[]): Promise<void> => {
    let handle;
    try {
      handle = await fs.opendir(dir.abs);
    } catch {
      return;
    }
    const entries: { name: string; kind: 'file' | 'dir' | 'link' }[] = [];
    for await (const e of handle) {
      if (e.isSymbolicLink()) entries.push({ name: e.name, kind: 'link' });
      else if (e.isDirectory()) entries.push({ name: e.name, kind: 'dir' });
      else if (e.isFile()) entries.push({ name: e.name, kind: 'file' });
    }
    let ignores = dir.ignores;
    if (entries.some((e) => e.name === '.gitignore' && e.kind === 'file')) {
      const text = await fs.readFile(path.join(dir.abs, '.gitignore'), 'utf8').catch(() => '');
      ignores = [...ignores, parseGitignore(text, dir.rel)];
    }
    for (const e of entries) {
      if (files >= maxFiles) return;
      const rel = dir.rel ? `${dir.rel}/${e.name}` : e.name;
      const abs = path.join(dir.abs, e.name);
      if (e.kind === 'dir') {
        if (SKIPPED_DIRECTORIES.has(e.name) || isIgnored(rel, true, ignores)) continue;
        subdirs.push({ abs, rel, ignores });
      } else {
        if (isIgnored(rel, false, ignores)) continue;
        if (e.kind === 'link' && !(await linkStaysInside(abs, realRoot))) continue;
        files++;
        onFile(abs, rel);
      }
    }
  };
  await visit({ abs: folder, rel: '', ignores: [] });
}

/** A symlink counts as a file only when it points at a file inside the folder's real path. */
async function linkStaysInside(abs: string, realRoot: string): Promise<boolean> {
  try {
    const target = await fs.realpath(abs);
    const rel = path.relative(realRoot, target);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return (await fs.stat(target)).isFile();
  } catch {
    return false;
  }
}

/**
 * Keeps an index current from file-watcher events with the walker's rules: a created file is
 * added unless a dependency/VCS folder or a .gitignore on its path excludes it.
 */
export class WorkspaceIndexUpdater {
  private readonly ignoreCache = new Map<string, IgnoreFile | null>();

  constructor(private readonly index: WorkspaceIndex) {}

  async fileCreated(absPath: string): Promise<void> {
    if (path.basename(absPath) === '.gitignore') this.ignoreCache.clear();
    if (await this.indexable(absPath)) this.index.addFile(absPath);
  }

  fileDeleted(absPath: string): void {
    if (path.basename(absPath) === '.gitignore') this.ignoreCache.clear();
    // A known file is removed directly; anything else may be a deleted directory.
    if (this.index.lookup(absPath)) this.index.removeFile(absPath);
    else this.index.removeTree(absPath);
  }

  private async indexable(absPath: string): Promise<boolean> {
    const located = this.index.locate(absPath);
    if (!located) return false;
    const folder = this.index.folders[located.folder];
    const stat = await fs.lstat(absPath).catch(() => undefined);
    if (!stat) return false;
    if (stat.isSymbolicLink()) {
      const realRoot = await fs.realpath(folder).catch(() => undefined);
      if (!realRoot || !(await linkStaysInside(absPath, realRoot))) return false;
    } else if (!stat.isFile()) return false;
    const segs = located.segments;
    const ignores: IgnoreFile[] = [];
    for (let i = 0; i < segs.length; i++) {
      const dirRel = segs.slice(0, i).join('/');
      const ignore = await this.gitignoreAt(path.join(folder, ...segs.slice(0, i)), dirRel);
      if (ignore) ignores.push(ignore);
      const rel = segs.slice(0, i + 1).join('/');
      const isDir = i < segs.length - 1;
      if (isDir && SKIPPED_DIRECTORIES.has(segs[i])) return false;
      if (isIgnored(rel, isDir, ignores)) return false;
    }
    return true;
  }

  private async gitignoreAt(dir: string, rel: string): Promise<IgnoreFile | null> {
    const cached = this.ignoreCache.get(dir);
    if (cached !== undefined) return cached;
    const text = await fs.readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    const parsed = text === undefined ? null : parseGitignore(text, rel);
    this.ignoreCache.set(dir, parsed);
    return parsed;
  }
}
