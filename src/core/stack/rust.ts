// Rust panics: `thread 'main' panicked at 'msg', src/main.rs:4:5` (before 1.73) and
// `thread 'main' panicked at src/main.rs:4:5:\nmsg` (1.73+), with RUST_BACKTRACE=1/full frames
// (`  3: name` or `  3:  0x55.. - name`, then `at file:line:col`). Also anyhow's
// `Error: msg / Caused by: / Stack backtrace:` layout.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, isDigits, makeFrame, newError, splitLocation } from './util';

function frameHead(t: string): string | undefined {
  const colon = t.indexOf(': ');
  if (colon <= 0 || !isDigits(t.slice(0, colon))) return undefined;
  let fn = t.slice(colon + 2).trim();
  // RUST_BACKTRACE=full: `0x557e259f793c - std::...`
  if (fn.startsWith('0x')) {
    const dash = fn.indexOf(' - ');
    fn = dash > 0 ? fn.slice(dash + 3) : '';
  }
  return fn;
}

export function parseRust(lines: string[]): ParsedError | undefined {
  let err: ParsedError | undefined;
  let inBacktrace = false;
  let inCauses = false;
  let messageOpen = false;
  let current: Frame | undefined;
  let tail: ParsedError | undefined;
  for (const raw of lines) {
    if (raw.length > MAX_LINE) continue;
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t.startsWith('thread \'') && t.includes(' panicked at ')) {
      const rest = t.slice(t.indexOf(' panicked at ') + 13);
      err = newError('rust', 'panic', '');
      tail = err;
      if (rest.startsWith("'")) {
        // old form: 'message', file:line:col
        const end = rest.lastIndexOf("', ");
        err.message = clip(end > 0 ? rest.slice(1, end) : rest.slice(1));
        messageOpen = false;
      } else {
        messageOpen = true; // new form: message on the next lines
      }
      inBacktrace = false;
      continue;
    }
    if (/^stack backtrace:$/i.test(t)) {
      inBacktrace = true;
      inCauses = false;
      messageOpen = false;
      if (!err) {
        err = newError('rust', 'panic', '');
        tail = err;
      }
      continue;
    }
    if (t.startsWith('Error: ') && !err && ind === 0) {
      err = newError('rust', 'Error', t.slice(7));
      tail = err;
      continue;
    }
    if (t === 'Caused by:' && err) {
      inCauses = true;
      continue;
    }
    if (inCauses && !inBacktrace) {
      const head = frameHead(t);
      const text = head ?? t;
      if (text) {
        const cause = newError('rust', 'Error', text);
        tail!.cause = cause;
        tail = cause;
      }
      continue;
    }
    if (messageOpen && err) {
      if (t.startsWith('note: ')) {
        messageOpen = false;
        continue;
      }
      err.message = clip(err.message ? err.message + '\n' + t : t);
      continue;
    }
    if (!inBacktrace || !err) continue;
    if (t.startsWith('at ') && current) {
      // only the first `at` line is the frame's location; later ones are inlined callers
      if (current.file === '' && current.line === undefined) {
        const where = splitLocation(t.slice(3));
        if (where) {
          current.file = where.file;
          current.line = where.line;
          if (where.column !== undefined) current.column = where.column;
        } else current.file = t.slice(3);
      }
      continue;
    }
    const fn = frameHead(t);
    if (fn !== undefined) {
      current = makeFrame('rust', { file: '', function: fn });
      err.frames.push(current);
      continue;
    }
    if (t.startsWith('note: ')) continue;
  }
  return err;
}
