// Ruby backtraces: `file:line:in 'meth': message (Kind)` then `from file:line:in 'meth'`, frames-only
// Rails backtraces, and the reversed "Traceback (most recent call last)" layout of Ruby 2.5-2.7.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, isDigits, makeFrame, newError } from './util';

interface RubyLine {
  frame: Frame;
  /** text after the frame on the message line: `undefined method ... (NoMethodError)` */
  rest?: string;
}

export function parseRubyLine(t: string): RubyLine | undefined {
  // optional prefixes: `from `, `5: from `
  let s = t;
  if (s.startsWith('from ')) s = s.slice(5);
  else {
    const colon = s.indexOf(': from ');
    if (colon > 0 && isDigits(s.slice(0, colon))) s = s.slice(colon + 7);
  }
  let inAt = s.indexOf(':in `');
  if (inAt < 0) inAt = s.indexOf(":in '");
  let fileLine: string;
  let fn = '';
  let rest: string | undefined;
  if (inAt >= 0) {
    fileLine = s.slice(0, inAt);
    const close = s.indexOf("'", inAt + 5);
    if (close < 0) return undefined;
    fn = s.slice(inAt + 5, close);
    const after = s.slice(close + 1);
    if (after.startsWith(': ')) rest = after.slice(2);
    else if (after.trim() !== '') return undefined;
  } else {
    // `file.rb:12` alone (frames without a method, e.g. from `-e:1`)
    if (!s.startsWith('/') && !/\.(?:rb|erb|rake|haml|slim|ru)(?::\d+)$/.test(s)) return undefined;
    fileLine = s;
  }
  const c = fileLine.lastIndexOf(':');
  if (c <= 0 || !isDigits(fileLine.slice(c + 1))) return undefined;
  const file = fileLine.slice(0, c);
  if (file.includes(' ') && !file.includes('/')) return undefined;
  return { frame: makeFrame('ruby', { file, line: Number(fileLine.slice(c + 1)), function: fn }), rest };
}

function splitRubyMessage(rest: string): { kind: string; message: string } {
  // `undefined method 'x' for nil (NoMethodError)`
  const m = / \(([A-Z][\w:]*)\)$/.exec(rest.length > MAX_LINE ? '' : rest);
  if (m) return { kind: m[1], message: rest.slice(0, rest.length - m[0].length) };
  return { kind: '', message: rest };
}

export function parseRuby(lines: string[]): ParsedError | undefined {
  let reversed = false;
  const errors: ParsedError[] = [];
  let current: ParsedError | undefined;
  let printedFrames: Frame[] = [];
  let sawFrame = false;

  for (const raw of lines) {
    if (raw.length > MAX_LINE) continue;
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t === 'Traceback (most recent call last):') {
      reversed = true;
      continue;
    }
    const r = parseRubyLine(t);
    if (!r) {
      // text after the message line (highlighted code, "Did you mean?") belongs to no frame
      continue;
    }
    sawFrame = true;
    if (r.rest !== undefined) {
      const km = splitRubyMessage(r.rest);
      if (reversed) {
        // the message line is the innermost frame; the frames printed above it are its callers
        const err = newError('ruby', km.kind, km.message);
        err.frames.push(r.frame);
        for (let k = printedFrames.length - 1; k >= 0; k--) err.frames.push(printedFrames[k]);
        printedFrames = [];
        errors.push(err);
        current = undefined;
        continue;
      }
      // A new message line after frames starts the next exception (Ruby prints `cause` after).
      const err = newError('ruby', km.kind, km.message);
      err.frames.push(r.frame);
      errors.push(err);
      current = err;
      continue;
    }
    if (reversed) {
      printedFrames.push(r.frame);
      continue;
    }
    if (!current) {
      current = newError('ruby');
      errors.push(current);
    }
    current.frames.push(r.frame);
  }
  if (reversed && printedFrames.length > 0) {
    const err = newError('ruby');
    for (let k = printedFrames.length - 1; k >= 0; k--) err.frames.push(printedFrames[k]);
    errors.push(err);
  }
  if (!sawFrame || errors.length === 0) return undefined;
  // Ruby prints the raised exception first and its `cause` after it; the reversed layout is the opposite.
  if (reversed) errors.reverse();
  for (let k = 1; k < errors.length; k++) errors[k - 1].cause = errors[k];
  for (const e of errors) e.message = clip(e.message);
  return errors[0];
}
