// Line drift: the logged line belongs to the version that ran. When the file changed since, the
// frame is placed by its function, found in the current file's outline.
//
// What exactly happens (lineHow):
// - 'as-logged': the function is not found in the file (renamed, anonymous, module level), or one
//   function of that name spans the logged line: the logged line is kept (clamped to the file).
// - 'function-offset': functions of that name exist but none spans the logged line, so the code
//   moved. The offset within the function is kept when the function's original start line is
//   known (`originalStart`, e.g. from git), clamped to the function's current range. When it is
//   not known, which is the usual case, the offset cannot be known either, so the frame is placed
//   on the function's first line (offset 0). With several functions of that name, the one whose
//   start is nearest the logged line is used.
import { type FunctionRange } from './outline';

export interface Placement {
  line: number;
  lineHow: 'as-logged' | 'function-offset';
}

export function placeLine(
  functions: FunctionRange[],
  lineCount: number,
  loggedLine: number,
  name: string | undefined,
  originalStart?: number,
): Placement {
  const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), Math.max(lo, hi));
  const asLogged: Placement = { line: clamp(loggedLine, 1, lineCount), lineHow: 'as-logged' };
  if (!name) return asLogged;
  const named = functions.filter((f) => f.name === name);
  if (named.length === 0) return asLogged;
  if (named.some((f) => f.startLine <= loggedLine && loggedLine <= f.endLine)) return asLogged;
  let best = named[0];
  for (const f of named) if (Math.abs(f.startLine - loggedLine) < Math.abs(best.startLine - loggedLine)) best = f;
  const line =
    originalStart === undefined ? best.startLine : clamp(best.startLine + (loggedLine - originalStart), best.startLine, best.endLine);
  return { line, lineHow: 'function-offset' };
}

export function countLines(text: string): number {
  if (text === '') return 1;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
