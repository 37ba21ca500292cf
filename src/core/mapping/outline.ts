// Where functions start and end in a source file, from its own syntax (no parser, no language
// extension): used to place CodeLens above the function that holds a frame, and to follow a
// function that moved since the logged version. Lines are 1-based; methods are named by their
// own name; Python functions start on the `def` line (not the decorator).
import { scanBraceFunctions, type BraceLanguage } from './outline-brace';
import { maskCode, type MaskProfile } from './outline-mask';
import { scanPythonFunctions } from './outline-python';
import { scanRubyFunctions } from './outline-ruby';
import { LANGUAGES } from './outline-languages';

export interface FunctionRange {
  name: string;
  startLine: number;
  endLine: number;
}

export function findFunctions(text: string, fileExtension: string): FunctionRange[] {
  const ext = fileExtension.replace(/^\./, '').toLowerCase();
  const lang = LANGUAGES[ext];
  if (!lang) return [];
  const masked = maskCode(text.replace(/\r\n?/g, '\n'), lang.mask);
  const found =
    lang.kind === 'brace' ? scanBraceFunctions(masked, lang.brace)
    : lang.kind === 'python' ? scanPythonFunctions(masked)
    : scanRubyFunctions(masked);
  return found.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** The innermost function that spans the line (the shortest; the later start on a tie). */
export function enclosingFunction(functions: FunctionRange[], line: number): FunctionRange | undefined {
  let best: FunctionRange | undefined;
  for (const f of functions) {
    if (f.startLine > line || f.endLine < line) continue;
    const span = f.endLine - f.startLine;
    const bestSpan = best ? best.endLine - best.startLine : Infinity;
    if (!best || span < bestSpan || (span === bestSpan && f.startLine > best.startLine)) best = f;
  }
  return best;
}

export type OutlineLanguage =
  | { kind: 'python' | 'ruby'; mask: MaskProfile }
  | { kind: 'brace'; mask: MaskProfile; brace: BraceLanguage };
