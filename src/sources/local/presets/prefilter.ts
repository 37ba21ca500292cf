// A cheap test that lets a JSON line skip JSON.parse when it cannot be an error. It must never
// reject an error line, so it reads the line the way the mapper will: it finds every occurrence
// of the preset's status keys ("status", "level", "@l", …, whether flat, nested or dotted
// such as "log.level") and lets the line through when any value after one of them could be an
// error status (a word or number toStatus maps to error/critical/alert/emergency). A value
// written with JSON escapes goes through too. Not covered: a status KEY spelled with \u escapes
// ("st\u0061tus"), which no logger writes.
import { isErrorStatus, toStatus, type NumericLevels } from './levels';
import type { PresetSpec } from './specs';

export class StatusPrefilter {
  private readonly needles: string[];

  constructor(private readonly spec: PresetSpec, userStatusPath?: string) {
    // Needles are `key"` without the opening quote: `level"` also finds "log.level" and "loglevel",
    // so one search covers a key written flat, nested or prefixed. A needle that ends with
    // another needle is dropped (the shorter one finds it).
    const keys = new Set<string>();
    for (const path of userStatusPath ? [...spec.status, userStatusPath] : spec.status) keys.add(path.slice(path.lastIndexOf('.') + 1) + '"');
    this.needles = [...keys].filter((k) => ![...keys].some((other) => other !== k && k.endsWith(other)));
  }

  mayBeError(line: string): boolean {
    for (const needle of this.needles) {
      let at = line.indexOf(needle);
      while (at >= 0) {
        if (valueMayBeError(line, at + needle.length, this.spec.numeric)) return true;
        at = line.indexOf(needle, at + needle.length);
      }
    }
    return false;
  }
}

function valueMayBeError(line: string, i: number, numeric: NumericLevels): boolean {
  while (isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== 58 /* : */) return false; // a value that happens to read like the key
  i++;
  while (isSpace(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  if (c === 34 /* " */) {
    const end = line.indexOf('"', i + 1);
    if (end < 0) return true;
    if (end - i > 40) return false; // no level word is that long
    const word = line.slice(i + 1, end);
    return word.includes('\\') || isErrorStatus(toStatus(word, numeric));
  }
  if ((c >= 48 && c <= 57) || c === 45) {
    let end = i + 1;
    while (end < line.length && isNumberChar(line.charCodeAt(end))) end++;
    return isErrorStatus(toStatus(Number(line.slice(i, end)), numeric));
  }
  return false; // objects, arrays, booleans, null: the status is elsewhere (nested keys are searched too)
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

/** A skipped line is still checked for the shape of a JSON object so broken lines are counted. */
export function looksLikeJsonObject(line: string): boolean {
  let start = 0;
  while (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9) start++;
  let end = line.length - 1;
  while (end > start && (line.charCodeAt(end) === 32 || line.charCodeAt(end) === 9)) end--;
  return line.charCodeAt(start) === 123 && line.charCodeAt(end) === 125;
}
