// Moves a line of an old version to the working tree through `git diff -U0` hunks. Pure: the
// local source runs git (src/sources/local/git-lines.ts) and hands the diff text here.

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

export function parseUnifiedHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  const re = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm;
  for (let m = re.exec(diff); m; m = re.exec(diff)) {
    hunks.push({
      oldStart: Number(m[1]),
      oldCount: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === undefined ? 1 : Number(m[4]),
    });
  }
  return hunks.sort((a, b) => a.oldStart - b.oldStart);
}

/**
 * The working-tree line for an old line. Lines outside hunks shift by the lines added and removed
 * above them. A line inside a changed hunk has no exact counterpart: it goes to the first line of
 * the new text of that hunk (or, when the hunk only deleted lines, the line after the deletion),
 * clamped to at least 1, and `exact` is false.
 */
export function mapLineThroughHunks(hunks: Hunk[], line: number): { line: number; exact: boolean } {
  let shift = 0;
  for (const h of hunks) {
    // With -U0 a pure insertion has oldCount 0 and oldStart = the line it follows.
    const oldEnd = h.oldCount === 0 ? h.oldStart : h.oldStart + h.oldCount - 1;
    if (h.oldCount === 0) {
      if (line > h.oldStart) shift += h.newCount;
      else break;
      continue;
    }
    if (line < h.oldStart) break;
    if (line <= oldEnd) {
      const target = h.newCount === 0 ? h.newStart + 1 : h.newStart;
      return { line: Math.max(1, target), exact: false };
    }
    shift += h.newCount - h.oldCount;
  }
  return { line: Math.max(1, line + shift), exact: true };
}
