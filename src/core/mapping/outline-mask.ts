// Blanks comments and string contents (keeping every newline and offset) so the outline scanner
// can count braces, parentheses and indentation on code alone.

export interface MaskProfile {
  lineComments: string[];
  blockComment?: [string, string];
  nestedBlockComments?: boolean; // Rust
  quotes: string[]; // single-line or escaped string delimiters
  tripleQuotes?: boolean; // Python, Kotlin, Java text blocks, C# raw strings
  templates?: boolean; // JS template literals with ${...}
  rawBacktick?: boolean; // Go raw strings
  regexLiterals?: boolean; // JS
  rustChars?: boolean; // 'a' vs the lifetime 'a
  verbatimAt?: boolean; // C# @"..."
  rubyBlockComments?: boolean; // =begin ... =end
  hashAttributes?: boolean; // PHP 8 `#[Attr]` is code, not a comment
}

/** Stands for the characters of multi-line strings (JS templates, triple quotes) in masked code. */
export const STRING_FILL = '\u0001';

const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const REGEX_AFTER_WORD = /\b(return|typeof|case|in|of|delete|void|throw|new|yield|await|else|do)$/;

export function maskCode(text: string, p: MaskProfile): string {
  const out: string[] = new Array(text.length);
  const n = text.length;
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < n; k++) out[k] = text[k] === '\n' ? '\n' : ' ';
  };
  const keep = (k: number) => (out[k] = text[k]);
  const lastSignificant = (): string => {
    for (let k = i - 1; k >= 0; k--) {
      const c = out[k];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return c;
    }
    return '';
  };
  const wordBefore = (): string => {
    let k = i - 1;
    while (k >= 0 && /\s/.test(out[k])) k--;
    let s = '';
    while (k >= 0 && /[\w$]/.test(out[k])) s = out[k--] + s;
    return s;
  };
  // Scans a string body starting after the opening delimiter; returns the index after the close.
  const scanString = (start: number, close: string, escapes: boolean, multiline: boolean): number => {
    let k = start;
    while (k < n) {
      if (escapes && text[k] === '\\') {
        k += 2;
        continue;
      }
      if (text.startsWith(close, k)) return k + close.length;
      if (!multiline && text[k] === '\n') return k;
      k++;
    }
    return n;
  };
  // Index after a regex literal starting at `start` (its flags stay code), or start + 1 when no
  // closing slash is on the line (then it was a division).
  const skipRegex = (start: number): number => {
    let k = start + 1;
    let inClass = false;
    while (k < n && text[k] !== '\n') {
      if (text[k] === '\\') k += 2;
      else if (text[k] === '[') (inClass = true), k++;
      else if (text[k] === ']') (inClass = false), k++;
      else if (text[k] === '/' && !inClass) return k + 1;
      else k++;
    }
    return start + 1;
  };
  // Index after the closing backtick of a template literal whose body starts at `start`,
  // stepping over `${...}` expressions (their braces, strings and nested templates).
  const skipTemplate = (start: number): number => {
    let k = start;
    while (k < n) {
      const ch = text[k];
      if (ch === '\\') k += 2;
      else if (ch === '`') return k + 1;
      else if (ch === '$' && text[k + 1] === '{') {
        let depth = 1;
        k += 2;
        while (k < n && depth > 0) {
          const e = text[k];
          if (e === '`') k = skipTemplate(k + 1);
          else if (e === '"' || e === "'") k = scanString(k + 1, e, true, false);
          else if (e === '/' && /[(,=:[!&|?{};]\s*$/.test(text.slice(Math.max(start, k - 40), k))) k = skipRegex(k);
          else {
            if (e === '{') depth++;
            else if (e === '}') depth--;
            k++;
          }
        }
      } else k++;
    }
    return n;
  };
  const atLineStart = (k: number) => k === 0 || text[k - 1] === '\n';

  while (i < n) {
    const c = text[i];
    if (p.rubyBlockComments && atLineStart(i) && text.startsWith('=begin', i)) {
      const end = text.indexOf('\n=end', i);
      const stop = end < 0 ? n : end + 5;
      blank(i, stop);
      i = stop;
      continue;
    }
    const line = p.lineComments.find((lc) => text.startsWith(lc, i));
    if (line && !(p.hashAttributes && line === '#' && text[i + 1] === '[')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (p.blockComment && text.startsWith(p.blockComment[0], i)) {
      const [open, close] = p.blockComment;
      let depth = 1;
      let k = i + open.length;
      while (k < n && depth > 0) {
        if (p.nestedBlockComments && text.startsWith(open, k)) {
          depth++;
          k += open.length;
        } else if (text.startsWith(close, k)) {
          depth--;
          k += close.length;
        } else k++;
      }
      blank(i, k);
      i = k;
      continue;
    }
    if (p.tripleQuotes && (text.startsWith('"""', i) || (p.lineComments.includes('#') && text.startsWith("'''", i)))) {
      const q = text.slice(i, i + 3);
      const stop = scanString(i + 3, q, true, true);
      // Filled whole, quotes included, with STRING_FILL: a line that starts inside the string
      // starts with it, so the Python scanner counts it as body and never as a dedent.
      for (let k = i; k < stop; k++) out[k] = text[k] === '\n' ? '\n' : STRING_FILL;
      i = stop;
      continue;
    }
    if (p.verbatimAt && c === '@' && text[i + 1] === '"') {
      let k = i + 2;
      while (k < n && !(text[k] === '"' && text[k + 1] !== '"')) k += text[k] === '"' ? 2 : 1;
      blank(i, k + 1);
      i = k + 1;
      continue;
    }
    if (p.rawBacktick && c === '`') {
      const stop = scanString(i + 1, '`', false, true);
      blank(i, stop);
      i = stop;
      continue;
    }
    if (p.templates && c === '`') {
      // The whole literal, `${}` included, is filled with STRING_FILL (newlines kept) between
      // its visible backticks, so scanners know a line break inside it continues the expression.
      const stop = skipTemplate(i + 1);
      keep(i);
      for (let k = i + 1; k < stop - 1; k++) out[k] = text[k] === '\n' ? '\n' : STRING_FILL;
      if (stop - 1 > i && text[stop - 1] === '`') keep(stop - 1);
      else if (stop - 1 > i) out[stop - 1] = text[stop - 1] === '\n' ? '\n' : STRING_FILL;
      i = stop;
      continue;
    }
    if (p.rustChars && c === "'") {
      const isChar = text[i + 1] === '\\' || (text[i + 2] === "'" && text[i + 1] !== "'");
      if (!isChar) {
        keep(i);
        i++;
        continue;
      }
      const stop = scanString(i + 1, "'", true, false);
      blank(i, stop);
      i = stop;
      continue;
    }
    if (p.quotes.includes(c)) {
      const stop = scanString(i + 1, c, true, false);
      keep(i);
      blank(i + 1, stop - 1);
      if (stop - 1 > i) keep(stop - 1);
      i = stop;
      continue;
    }
    if (p.regexLiterals && c === '/' && text[i + 1] !== '/' && text[i + 1] !== '*') {
      const prev = lastSignificant();
      if (REGEX_AFTER.has(prev) || REGEX_AFTER_WORD.test(wordBefore())) {
        const stop = skipRegex(i);
        if (stop > i + 1) {
          blank(i, stop);
          i = stop;
          continue;
        }
      }
    }
    keep(i);
    i++;
  }
  return out.join('');
}
