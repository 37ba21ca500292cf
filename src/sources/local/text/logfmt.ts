// logfmt: key=value pairs separated by spaces, values bare or double-quoted with backslash
// escapes (Go's log/slog TextHandler, logrus' TextFormatter, Heroku). A line is logfmt only when
// it is made of such pairs from start to end and has at least two of them.
import type { JsonObject } from '../../../core/model';

const KEY = /[A-Za-z_@][\w.@/-]*/y;

export function parseLogfmt(line: string): JsonObject | undefined {
  const out: JsonObject = {};
  let count = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    KEY.lastIndex = i;
    const key = KEY.exec(line);
    if (!key || line.charCodeAt(KEY.lastIndex) !== 61 /* = */) return undefined;
    i = KEY.lastIndex + 1;
    let value: string;
    if (line.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      let text = '';
      for (; j < n; j++) {
        const c = line.charCodeAt(j);
        if (c === 92 /* \ */ && j + 1 < n) {
          const next = line[++j];
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else if (c === 34) break;
        else text += line[j];
      }
      if (j >= n) return undefined; // unterminated quote
      value = text;
      i = j + 1;
    } else {
      const end = line.indexOf(' ', i);
      value = line.slice(i, end < 0 ? n : end);
      i = end < 0 ? n : end;
    }
    out[key[0]] = value;
    count++;
  }
  return count >= 2 ? out : undefined;
}
