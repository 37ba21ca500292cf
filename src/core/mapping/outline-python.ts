// Python functions by indentation: a `def` (or `async def`) line opens a function whose body is
// every following line indented deeper, after the (possibly multi-line) signature closes. Lines
// that are blank once comments and strings are masked, or that start inside a multi-line
// string, do not end a body.
import type { FunctionRange } from './outline';
import { STRING_FILL } from './outline-mask';

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/;

export function scanPythonFunctions(masked: string): FunctionRange[] {
  const lines = masked.split('\n');
  const out: FunctionRange[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DEF.exec(lines[i]);
    if (!m) continue;
    const indent = width(m[1]);
    // The signature ends at the first `:` at bracket depth 0.
    let depth = 0;
    let headerEnd = i;
    let inlineBody = false;
    scan: for (let j = i; j < lines.length && j < i + 200; j++) {
      const text = j === i ? lines[j].slice(m[0].length) : lines[j];
      for (let k = 0; k < text.length; k++) {
        const c = text[k];
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') depth--;
        else if (c === ':' && depth <= 0) {
          headerEnd = j;
          inlineBody = text.slice(k + 1).trim() !== '';
          if (inlineBody) headerEnd = statementEnd(lines, j, text.slice(k + 1));
          break scan;
        }
      }
      headerEnd = j;
    }
    let end = headerEnd;
    if (!inlineBody) {
      for (let j = headerEnd + 1; j < lines.length; j++) {
        if (lines[j].trim() === '') continue;
        // A line inside a multi-line string (it starts with the fill) continues the body.
        if (!lines[j].startsWith(STRING_FILL) && width(/^[ \t]*/.exec(lines[j])![0]) <= indent) break;
        end = j;
      }
    }
    out.push({ name: m[2], startLine: i + 1, endLine: end + 1 });
  }
  return out;
}

function width(ws: string): number {
  let n = 0;
  for (const c of ws) n += c === '\t' ? 8 - (n % 8) : 1;
  return n;
}

/** Last line of a one-line body (`def f(): return a or \\` / open brackets continue it). */
function statementEnd(lines: string[], line: number, rest: string): number {
  let depth = 0;
  let j = line;
  let text = rest;
  for (;;) {
    for (const c of text) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
    }
    if ((depth <= 0 && !text.trimEnd().endsWith('\\')) || j + 1 >= lines.length) return j;
    j++;
    text = lines[j];
  }
}
