// For a basename shared by many files (index.ts, __init__.py in a monorepo): the files' parent
// directories read from the end, as sorted keys ("c/b/a/" for a/b/c/index.ts). The longest run
// of directories a logged path shares with any file is found next to the logged key's place in
// the sort, and the files sharing that run are one contiguous range of it.
import type { IndexedFile } from './workspace-index';

export interface SortedSuffixes {
  keys: string[];
  files: IndexedFile[];
}

export interface Bucket {
  files: IndexedFile[];
  /** Built on first lookup of a large bucket; dropped whenever the bucket changes. */
  sorted?: SortedSuffixes;
}

export function reversedDirKey(segments: string[], end: number): string {
  // join() gives a flat string; `+=` would give a rope that every comparison has to flatten.
  return end <= 0 ? '' : `${segments.slice(0, end).reverse().join('/')}/`;
}

export function sortSuffixes(files: IndexedFile[]): SortedSuffixes {
  const entries = files.map((file) => ({ key: reversedDirKey(file.segments, file.segments.length - 1), file }));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { keys: entries.map((e) => e.key), files: entries.map((e) => e.file) };
}

/** Directories shared (whole segments), and the range of files sharing them. */
export function lookupSorted(s: SortedSuffixes, query: string): { dirs: number; lo: number; hi: number } {
  const at = lowerBound(s.keys, query);
  let dirs = 0;
  for (const k of [at - 1, at]) if (k >= 0 && k < s.keys.length) dirs = Math.max(dirs, sharedDirs(s.keys[k], query));
  let prefixEnd = 0;
  for (let d = 0; d < dirs; d++) prefixEnd = query.indexOf('/', prefixEnd) + 1;
  const prefix = query.slice(0, prefixEnd);
  // Keys starting with `prefix` sort before prefix-with-its-last-'/'-bumped-to-'0'.
  const lo = lowerBound(s.keys, prefix);
  const hi = prefix ? lowerBound(s.keys, `${prefix.slice(0, -1)}0`) : s.keys.length;
  return { dirs, lo, hi };
}

function sharedDirs(a: string, b: string): number {
  let dirs = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) break;
    if (a[i] === '/') dirs++;
  }
  return dirs;
}

function lowerBound(keys: string[], q: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
