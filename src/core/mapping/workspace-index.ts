// The set of workspace files that frames may map onto, multi-root, kept current by add/remove.
// Looked up by basename, then compared segment by segment from the end (suffix matching), so a
// lookup costs the number of files sharing a basename, not the size of the workspace.
import { normalizeFsPath } from './path-normalize';

export interface IndexedFile {
  /** Index into WorkspaceIndex.folders. */
  folder: number;
  /** Path segments relative to the folder. */
  segments: string[];
}

export class WorkspaceIndex {
  /** Folder paths as given (trailing separators removed), used to build result paths. */
  readonly folders: string[];
  /** Folder paths normalized to forward slashes, used for containment checks. */
  readonly normalizedFolders: string[];
  private readonly byBasename = new Map<string, IndexedFile[]>();
  private readonly byKey = new Map<string, IndexedFile>();

  constructor(folders: string[]) {
    this.folders = folders.map((f) => (f.length > 1 ? f.replace(/[\\/]+$/, '') : f));
    this.normalizedFolders = folders.map(normalizeFsPath);
  }

  get size(): number {
    return this.byKey.size;
  }

  addFile(absPath: string): void {
    const located = this.locate(absPath);
    if (!located) return;
    const key = keyOf(located.folder, located.segments);
    if (this.byKey.has(key)) return;
    const file: IndexedFile = located;
    this.byKey.set(key, file);
    const base = file.segments[file.segments.length - 1];
    const list = this.byBasename.get(base);
    if (list) list.push(file);
    else this.byBasename.set(base, [file]);
  }

  removeFile(absPath: string): void {
    const located = this.locate(absPath);
    if (!located) return;
    const key = keyOf(located.folder, located.segments);
    const file = this.byKey.get(key);
    if (!file) return;
    this.byKey.delete(key);
    const base = file.segments[file.segments.length - 1];
    const list = this.byBasename.get(base);
    if (!list) return;
    const at = list.indexOf(file);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.byBasename.delete(base);
  }

  /** Removes every file under a folder path (a deleted directory). */
  removeTree(absDir: string): void {
    const dir = normalizeFsPath(absDir);
    for (const file of [...this.byKey.values()]) {
      if (isInside(this.normalizedOf(file), dir)) this.removeFile(this.pathOf(file));
    }
  }

  withBasename(basename: string): readonly IndexedFile[] {
    return this.byBasename.get(basename) ?? [];
  }

  /** The indexed file at folder + segments, if any. */
  get(folder: number, segments: string[]): IndexedFile | undefined {
    return this.byKey.get(keyOf(folder, segments));
  }

  /** The indexed file at an absolute path (any separator style), if any. */
  lookup(absPath: string): IndexedFile | undefined {
    const located = this.locate(absPath);
    return located ? this.get(located.folder, located.segments) : undefined;
  }

  /** Splits an absolute path into the innermost containing folder and relative segments. */
  locate(absPath: string): IndexedFile | undefined {
    const norm = normalizeFsPath(absPath);
    let best = -1;
    for (let i = 0; i < this.normalizedFolders.length; i++) {
      const f = this.normalizedFolders[i];
      if (isInside(norm, f) && (best < 0 || f.length > this.normalizedFolders[best].length)) best = i;
    }
    if (best < 0) return undefined;
    const rel = norm.slice(this.normalizedFolders[best].length).split('/').filter(Boolean);
    return rel.length > 0 ? { folder: best, segments: rel } : undefined;
  }

  /** The file's path in the style of the folder it belongs to. */
  pathOf(file: IndexedFile): string {
    const folder = this.folders[file.folder];
    const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
    return folder.endsWith(sep) ? folder + file.segments.join(sep) : folder + sep + file.segments.join(sep);
  }

  normalizedOf(file: IndexedFile): string {
    const f = this.normalizedFolders[file.folder];
    return `${f === '/' ? '' : f}/${file.segments.join('/')}`;
  }

  /** Every indexed file; for tests and diagnostics. */
  *files(): IterableIterator<IndexedFile> {
    yield* this.byKey.values();
  }
}

/** True when `path` is `dir` or below it (both normalized with normalizeFsPath). */
export function isInside(path: string, dir: string): boolean {
  if (dir === '/') return path.startsWith('/');
  return path === dir || path.startsWith(`${dir}/`);
}

function keyOf(folder: number, segments: string[]): string {
  return `${folder}\u0000${segments.join('/')}`;
}
