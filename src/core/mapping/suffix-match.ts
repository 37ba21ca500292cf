// Automatic mapping by path suffix: the workspace files that share the longest run of trailing
// segments with the logged path. Each candidate carries the "prefix pair" (logged prefix dropped,
// workspace directory added) so the frames of one trace can vote for the layout they share.
import type { IndexedFile, WorkspaceIndex } from './workspace-index';

export interface Candidate {
  file: IndexedFile;
  /** Trailing segments that matched. */
  matched: number;
  /** `loggedPrefix -> workspacePrefix`; equal pairs mean the same deployment layout. */
  pair: string;
}

/**
 * Candidates with the longest suffix match; `minMatched` requires at least that many trailing
 * segments (e.g. the whole package path for Java). Empty when nothing matches.
 */
export function suffixCandidates(index: WorkspaceIndex, segments: string[], minMatched = 1): Candidate[] {
  const n = segments.length;
  if (n === 0) return [];
  let best = 0;
  let out: Candidate[] = [];
  for (const file of index.withBasename(segments[n - 1])) {
    const k = commonSuffix(file.segments, segments);
    if (k < minMatched || k < best) continue;
    const c: Candidate = { file, matched: k, pair: pairOf(index, file, segments, k) };
    if (k > best) {
      best = k;
      out = [c];
    } else out.push(c);
  }
  return out;
}

function commonSuffix(a: string[], b: string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k;
}

export function pairOf(index: WorkspaceIndex, file: IndexedFile, logged: string[], matched: number): string {
  const loggedPrefix = logged.slice(0, logged.length - matched).join('/');
  const wsPrefix = file.segments.slice(0, file.segments.length - matched).join('/');
  return `${loggedPrefix}\u0000${file.folder}:${wsPrefix}`;
}

/**
 * Picks the candidate whose prefix pair most resolved frames of the trace share; undefined when
 * no candidate's pair was voted for or the best vote is tied.
 */
export function preferSharedPrefix(candidates: Candidate[], votes: Map<string, number>): Candidate | undefined {
  let best: Candidate | undefined;
  let bestVotes = 0;
  let tie = false;
  for (const c of candidates) {
    const v = votes.get(c.pair) ?? 0;
    if (v > bestVotes) {
      best = c;
      bestVotes = v;
      tie = false;
    } else if (v === bestVotes && v > 0) tie = true;
  }
  return tie ? undefined : best;
}
