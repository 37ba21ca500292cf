// Automatic mapping by path suffix: the workspace files that share the longest run of trailing
// segments with the logged path. A resolved frame yields a "prefix pair" (logged prefix dropped,
// workspace directory put instead); the frames of one trace vote with their pairs, and a frame
// with several candidates takes the one the most-voted applicable pair leads to.
import type { IndexedFile, WorkspaceIndex } from './workspace-index';

export interface PrefixPair {
  key: string;
  loggedPrefix: string[];
  folder: number;
  wsPrefix: string[];
}

export interface SuffixResult {
  /** Trailing segments matched (0 when nothing matches). */
  matched: number;
  /** Files with that longest match. */
  total: number;
  /** Up to `limit` of them. */
  files: IndexedFile[];
}

/** `foldCase` for paths logged on Windows: compare without case when the exact case finds nothing. */
export function suffixCandidates(index: WorkspaceIndex, segments: string[], minMatched = 1, limit = 20, foldCase = false): SuffixResult {
  const exact = index.longestSuffix(segments, minMatched, limit);
  if (!foldCase) return exact;
  const folded = index.longestSuffixFolded(segments, minMatched, limit);
  return folded.matched > exact.matched ? folded : exact;
}

export function pairOf(file: IndexedFile, logged: string[], matched: number): PrefixPair {
  const loggedPrefix = logged.slice(0, logged.length - matched);
  const wsPrefix = file.segments.slice(0, file.segments.length - matched);
  return { key: `${loggedPrefix.join('/')}\u0000${file.folder}:${wsPrefix.join('/')}`, loggedPrefix, folder: file.folder, wsPrefix };
}

/**
 * The file that the most-voted pair applicable to this logged path leads to; undefined when no
 * voted pair applies or the best vote is tied between different files.
 */
export function preferSharedPrefix(
  index: WorkspaceIndex,
  logged: string[],
  matched: number,
  votes: Map<string, { pair: PrefixPair; count: number }>,
): IndexedFile | undefined {
  const keep = logged.slice(logged.length - matched);
  const dropped = logged.length - matched;
  let best: IndexedFile | undefined;
  let bestCount = 0;
  let tie = false;
  for (const { pair, count } of votes.values()) {
    if (pair.loggedPrefix.length !== dropped || count < bestCount) continue;
    if (!pair.loggedPrefix.every((s, i) => s === logged[i])) continue;
    const file = index.get(pair.folder, [...pair.wsPrefix, ...keep]);
    if (!file || file === best) continue;
    if (count > bestCount) {
      best = file;
      bestCount = count;
      tie = false;
    } else tie = true;
  }
  return tie ? undefined : best;
}
