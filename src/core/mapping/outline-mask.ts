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

const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const REGEX_AFTER_WORD = /\b(return|typeof|case|in|of|delete|void|throw|new|yield|await|else|do)$/;

export function maskCode(text: string, p: MaskProfile): string {
  const out: string[] = new Array(text.length);
  const n = text.length;
  let i = 0;
  // Stack of brace depths at which a JS template literal's ${ started.
  const templateStack: number[] = [];
  let braceDepth = 0;
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
  const scanTemplate = (start: number): number => {
    // Returns the index of `${` (to re-enter code) or after the closing backtick.
    let k = start;
    while (k < n) {
      if (text[k] === '\\') k += 2;
      else if (text[k] === '`') return k + 1;
      else if (text[k] === '$' && text[k + 1] === '{') return k;
      else k++;
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
      // Blanked whole, quotes included: a closing line at column 0 must not end a Python body.
      blank(i, stop);
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
      const stop = scanTemplate(i + 1);
      blank(i, stop);
      if (text[stop] === '$') {
        templateStack.push(braceDepth);
        out[stop] = ' ';
        out[stop + 1] = ' ';
        braceDepth++;
        i = stop + 2;
      } else i = stop;
      continue;
    }
    if (p.templates && c === '}' && templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth - 1) {
      templateStack.pop();
      braceDepth--;
      const stop = scanTemplate(i + 1);
      blank(i, stop);
      if (text[stop] === '$') {
        templateStack.push(braceDepth);
        out[stop] = ' ';
        out[stop + 1] = ' ';
        braceDepth++;
        i = stop + 2;
      } else i = stop;
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
        let k = i + 1;
        let inClass = false;
        while (k < n && text[k] !== '\n') {
          if (text[k] === '\\') k += 2;
          else if (text[k] === '[') (inClass = true), k++;
          else if (text[k] === ']') (inClass = false), k++;
          else if (text[k] === '/' && !inClass) break;
          else k++;
        }
        if (k < n && text[k] === '/') {
          blank(i, k + 1);
          i = k + 1;
          continue;
        }
      }
    }
    if (c === '{') braceDepth++;
    else if (c === '}') braceDepth--;
    keep(i);
    i++;
  }
  return out.join('');
}
