// Finds the demo source lines that stack frames must point at, so the generated stacks stay
// right when the demo code is edited: a frame names a function and a snippet of the statement,
// and its line and column are looked up in the file at generation time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceLine {
  /** Path relative to the demo workspace, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** The line's text without its indentation (what Python prints under a frame). */
  text: string;
}

const DEFINITION = /^\s*(?:export\s+)?(?:async\s+)?(?:function\s+([A-Za-z_$][\w$]*)|def\s+([A-Za-z_]\w*)\s*\()/;

/** The function defined on this line, if any (TypeScript `function f` or Python `def f(`). */
export function definedFunction(line: string): string | undefined {
  const match = DEFINITION.exec(line);
  return match ? (match[1] ?? match[2]) : undefined;
}

export class DemoSource {
  private readonly files = new Map<string, string[]>();

  constructor(private readonly root: string) {}

  private lines(file: string): string[] {
    let lines = this.files.get(file);
    if (!lines) {
      lines = readFileSync(join(this.root, file), 'utf8').split(/\r?\n/);
      this.files.set(file, lines);
    }
    return lines;
  }

  /**
   * The first line inside function `fn` of `file` that contains `needle`; the column is where
   * `columnAt` (default: the needle) starts on that line, 1-based as runtimes print it.
   */
  find(file: string, fn: string, needle: string, columnAt: string = needle): SourceLine {
    const lines = this.lines(file);
    const start = lines.findIndex((line) => definedFunction(line) === fn);
    if (start < 0) throw new Error(`demo source ${file} has no function ${fn}`);
    for (let i = start; i < lines.length; i++) {
      if (i > start && definedFunction(lines[i]) !== undefined) break;
      const at = lines[i].indexOf(needle);
      if (at < 0) continue;
      const column = lines[i].indexOf(columnAt, at);
      return { file, line: i + 1, column: (column < 0 ? at : column) + 1, text: lines[i].trim() };
    }
    throw new Error(`demo source ${file}: function ${fn} has no line containing ${JSON.stringify(needle)}`);
  }
}
