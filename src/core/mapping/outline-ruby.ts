// Ruby methods by keyword pairing: `def` and the block openers (class, module, if/unless/while/
// until/case/begin/for at statement start, `do`) each close with `end`. Modifier `if`/`unless`
// and endless methods (`def x = expr`) open nothing.
import type { FunctionRange } from './outline';

const DEF = /^\s*def\s+(?:self\.|[\w:]+\.)?([A-Za-z_]\w*[?!=]?|\[\]=?|[+\-*/%<>=!~^&|]+)/;
const OPENER_AT_START = /^\s*(?:class|module|if|unless|while|until|case|begin|for)\b/;
const OPENER_AFTER_ASSIGN = /(?:=|\(|\|\||&&|return)\s*(?:if|unless|case|begin|while|until)\b/;

export function scanRubyFunctions(masked: string): FunctionRange[] {
  const lines = masked.split('\n');
  const stack: { def?: string; line: number }[] = [];
  const out: FunctionRange[] = [];
  for (let i = 0; i < lines.length; i++) {
    // Statements separated by `;` are scanned one by one (e.g. `def x; 1; end`).
    for (const statement of lines[i].split(';')) {
      const def = DEF.exec(statement);
      if (def) {
        const rest = statement.slice(def[0].length);
        const endless = /^\s*(?:\([^)]*\))?\s*=(?!=)/.test(rest) && !def[1].endsWith('=');
        if (!endless) stack.push({ def: def[1], line: i + 1 });
        else out.push({ name: def[1], startLine: i + 1, endLine: i + 1 });
      } else if (OPENER_AT_START.test(statement) || OPENER_AFTER_ASSIGN.test(statement)) {
        stack.push({ line: i + 1 });
      }
      if (!def && /\bdo\b\s*(?:\|[^|]*\|)?\s*$/.test(statement)) stack.push({ line: i + 1 });
      const ends = statement.match(/(?<![.\w:])end\b(?![?!])/g)?.length ?? 0;
      for (let e = 0; e < ends; e++) {
        const open = stack.pop();
        if (open?.def) out.push({ name: open.def, startLine: open.line, endLine: i + 1 });
      }
    }
  }
  for (const open of stack) if (open.def) out.push({ name: open.def, startLine: open.line, endLine: lines.length });
  return out.sort((a, b) => a.startLine - b.startLine);
}
