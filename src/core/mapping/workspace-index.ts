// The set of workspace files that frames may map onto, multi-root, kept current by add/remove.
// Files are bucketed by basename; a small bucket is compared segment by segment from the end, a
// large one (index.ts, __init__.py in a monorepo) is sorted by reversed directories on first
// lookup and binary-searched, so no lookup scans thousands of files.
import { normalizeFsPath } from './path-normalize';
import { lookupSorted, reversedDirKey, sortSuffixes, type Bucket } from './suffix-sorted';

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
  private readonly buckets = new Map<string, Bucket>();
  /** Buckets by lower-cased basename, built on the first case-insensitive lookup. */
  private foldedBuckets: Map<string, IndexedFile[]> | undefined;
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
    const bucket = this.buckets.get(base);
    if (bucket) {
      bucket.files.push(file);
      bucket.sorted = undefined;
    } else this.buckets.set(base, { files: [file] });
    this.foldedBuckets = undefined;
  }

  removeFile(absPath: string): void {
    const located = this.locate(absPath);
    if (!located) return;
    const key = keyOf(located.folder, located.segments);
    const file = this.byKey.get(key);
    if (!file) return;
    this.byKey.delete(key);
    const base = file.segments[file.segments.length - 1];
    const bucket = this.buckets.get(base);
    if (!bucket) return;
    const at = bucket.files.indexOf(file);
    if (at >= 0) bucket.files.splice(at, 1);
    bucket.sorted = undefined;
    if (bucket.files.length === 0) this.buckets.delete(base);
    this.foldedBuckets = undefined;
  }

  /** Removes every file under a folder path (a deleted directory). */
  removeTree(absDir: string): void {
    const dir = normalizeFsPath(absDir);
    for (const file of [...this.byKey.values()]) {
      if (isInside(this.normalizedOf(file), dir)) this.removeFile(this.pathOf(file));
    }
  }

  withBasename(basename: string): IndexedFile[] {
    return this.longestSuffix([basename], 1, Infinity).files;
  }

  /**
   * The files sharing the longest run of trailing segments with `segments`: `matched` is that run's
   * length (0 when below `minMatched`), `total` how many files share it, `files` up to `limit` of them.
   */
  longestSuffix(segments: string[], minMatched: number, limit: number): { matched: number; total: number; files: IndexedFile[] } {
    const none = { matched: 0, total: 0, files: [] };
    const n = segments.length;
    const bucket = n > 0 ? this.buckets.get(segments[n - 1]) : undefined;
    if (!bucket) return none;
    if (bucket.files.length <= SMALL_BUCKET) {
      let matched = 0;
      let best: IndexedFile[] = [];
      for (const file of bucket.files) {
        const k = commonSuffix(file.segments, segments);
        if (k > matched) {
          matched = k;
          best = [file];
        } else if (k === matched) best.push(file);
      }
      return matched < minMatched ? none : { matched, total: best.length, files: best.slice(0, limit) };
    }
    const sorted = (bucket.sorted ??= sortSuffixes(bucket.files));
    const found = lookupSorted(sorted, reversedDirKey(segments, n - 1));
    const matched = found.dirs + 1;
    if (matched < minMatched) return none;
    return { matched, total: found.hi - found.lo, files: sorted.files.slice(found.lo, Math.min(found.hi, found.lo + limit)) };
  }

  /**
   * As longestSuffix, comparing segments case-insensitively: for paths logged on Windows, whose
   * file system ignores case (`C:\Build\Src\Job.cs` for src/Job.cs). A linear scan of the basename's files.
   */
  longestSuffixFolded(segments: string[], minMatched: number, limit: number): { matched: number; total: number; files: IndexedFile[] } {
    const none = { matched: 0, total: 0, files: [] };
    const n = segments.length;
    if (n === 0) return none;
    if (!this.foldedBuckets) {
      this.foldedBuckets = new Map();
      for (const [base, bucket] of this.buckets) {
        const key = base.toLowerCase();
        const list = this.foldedBuckets.get(key);
        if (list) list.push(...bucket.files);
        else this.foldedBuckets.set(key, [...bucket.files]);
      }
    }
    const query = segments.map((seg) => seg.toLowerCase());
    let matched = 0;
    let best: IndexedFile[] = [];
    for (const file of this.foldedBuckets.get(query[n - 1]) ?? []) {
      let k = 0;
      const segs = file.segments;
      while (k < segs.length && k < n && segs[segs.length - 1 - k].toLowerCase() === query[n - 1 - k]) k++;
      if (k > matched) {
        matched = k;
        best = [file];
      } else if (k === matched) best.push(file);
    }
    return matched < minMatched ? none : { matched, total: best.length, files: best.slice(0, limit) };
  }

  /** Sorts every large basename bucket now rather than on its first lookup (after a bulk build). */
  prepare(): void {
    for (const bucket of this.buckets.values()) {
      if (bucket.files.length > SMALL_BUCKET) bucket.sorted ??= sortSuffixes(bucket.files);
    }
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
    // Most paths come from the walker already clean: skip the normalizing split/join for them,
    // which is most of the cost (and garbage) of indexing 100,000 files.
    const norm = CLEAN_PATH.test(absPath) ? absPath : normalizeFsPath(absPath);
    let best = -1;
    for (let i = 0; i < this.normalizedFolders.length; i++) {
      const f = this.normalizedFolders[i];
      if (isInside(norm, f) && (best < 0 || f.length > this.normalizedFolders[best].length)) best = i;
    }
    if (best < 0) return undefined;
    const folder = this.normalizedFolders[best];
    const rel = norm.slice(folder === '/' ? 1 : folder.length + 1);
    return rel ? { folder: best, segments: rel.split('/') } : undefined;
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

const SMALL_BUCKET = 16;

function commonSuffix(a: string[], b: string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k;
}

// Rooted, forward slashes only, no empty, `.` or `..` segment, no trailing slash, no lower-case drive.
const CLEAN_PATH = /^(?:[A-Z]:)?\/(?!.*(?:\\|\/\/|\/\.\.?(?:\/|$)|\/$))/;

function keyOf(folder: number, segments: string[]): string {
  return `${folder}\u0000${segments.join('/')}`;
}
