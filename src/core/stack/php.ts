// PHP: `#0 file(line): Class->method()` traces (getTraceAsString), `{main}`, `[internal function]`,
// "PHP Fatal error:  Uncaught X: msg in file:line", `Next X` sections for previous exceptions, and
// New Relic's `in Fn called at file (line)` form.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, isDigits, makeFrame, newError, splitKindMessage } from './util';

function stripArgs(fn: string): string {
  const open = fn.indexOf('(');
  return open > 0 ? fn.slice(0, open) : fn;
}

function moduleOf(fn: string): string | undefined {
  const m = /^(.*?)(?:->|::)/.exec(fn);
  return m ? m[1] : undefined;
}

export function parsePhpFrameLine(t: string): Frame | undefined {
  if (t.startsWith('#')) {
    const sp = t.indexOf(' ');
    if (sp < 2 || !isDigits(t.slice(1, sp))) return undefined;
    const body = t.slice(sp + 1);
    if (body === '{main}') return makeFrame('php', { file: '', function: '{main}' });
    if (body.startsWith('[internal function]: ')) {
      const fn = stripArgs(body.slice(21));
      return makeFrame('php', { file: '', function: fn, module: moduleOf(fn), native: true });
    }
    const sep = body.indexOf('): ');
    if (sep > 0) {
      const open = body.lastIndexOf('(', sep);
      const num = body.slice(open + 1, sep);
      if (open > 0 && isDigits(num)) {
        const fn = stripArgs(body.slice(sep + 3));
        return makeFrame('php', { file: body.slice(0, open), line: Number(num), function: fn, module: moduleOf(fn) });
      }
    }
    return undefined;
  }
  if (t.startsWith('in ') && t.includes(' called at ')) {
    const at = t.indexOf(' called at ');
    const fn = t.slice(3, at);
    const loc = t.slice(at + 11);
    const m = /^(.*) \((\d+|\?)\)$/.exec(loc);
    if (!m) return undefined;
    const file = m[1] === '?' ? '' : m[1];
    return makeFrame('php', { file, line: m[2] === '?' ? undefined : Number(m[2]), function: fn, module: moduleOf(fn) });
  }
  return undefined;
}

interface Header {
  kind: string;
  message: string;
  /** Where the exception was thrown, from the header's ` in /path/file.php:60`. */
  at?: { file: string; line: number };
}

/** `Uncaught Exception: msg in /path:5` / `Next X: msg in /path:5` -> kind, message and throw site. */
function parseHeader(text: string): Header {
  let t = text;
  let at: Header['at'];
  const inAt = t.lastIndexOf(' in ');
  const colon = t.lastIndexOf(':');
  if (inAt > 0 && colon > inAt + 4 && isDigits(t.slice(colon + 1))) {
    at = { file: t.slice(inAt + 4, colon), line: Number(t.slice(colon + 1)) };
    t = t.slice(0, inAt);
  }
  // PHP 5: `exception 'Exception' with message 'boom'`
  const php5 = /^exception '([^']+)' with message '([\s\S]*)'$/.exec(t);
  if (php5) return { kind: php5[1], message: php5[2], at };
  const km = splitKindMessage(t);
  return km ? { ...km, at } : { kind: '', message: t, at };
}

/** `thrown in /path/file.php on line 60` -> the throw site. */
function parseThrownIn(t: string): Header['at'] {
  const on = t.lastIndexOf(' on line ');
  if (on <= 10) return undefined;
  const num = t.slice(on + 9);
  return isDigits(num) ? { file: t.slice(10, on), line: Number(num) } : undefined;
}

/**
 * The frame where the exception was thrown: PHP prints it only in the header, and `#0` names the
 * function that line is in (`#0 [internal function]: {closure}()` -> `{closure}`; no frame or
 * `#0 {main}` -> the script's top level). Each printed frame is the call *to* its function.
 */
function throwSite(error: ParsedError, at: NonNullable<Header['at']>): Frame {
  const inner = error.frames[0];
  const fn = inner ? inner.function : '{main}';
  const frame = makeFrame('php', { file: at.file, line: at.line, function: fn, module: inner?.module });
  frame.synthetic = 'throw-site';
  return frame;
}

const HEADER_PREFIXES = ['PHP Fatal error:', 'Fatal error:', 'PHP Warning:', 'PHP Notice:'];
const MAX_LOG_PREFIX = 80;

export function parsePhp(lines: string[]): ParsedError | undefined {
  const blocks: ParsedError[] = [];
  const sites = new Map<ParsedError, NonNullable<Header['at']>>();
  let current: ParsedError | undefined;
  let sawFrame = false;
  let sawHeader = false;
  for (const raw of lines) {
    if (raw.length > MAX_LINE) continue;
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t === '') continue;
    const frame = parsePhpFrameLine(t);
    if (frame) {
      if (!current) {
        current = newError('php');
        blocks.push(current);
      }
      current.frames.push(frame);
      sawFrame = true;
      continue;
    }
    if (t === 'Stack trace:') continue;
    if (t.startsWith('thrown in ')) {
      // Closes the outermost block; its header may have lost the location (a multi-line message).
      const at = parseThrownIn(t);
      if (at && current && !sites.has(current)) sites.set(current, at);
      continue;
    }
    let header: string | undefined;
    if (t.startsWith('Next ')) header = t.slice(5);
    else {
      for (const p of HEADER_PREFIXES) {
        // error_log lines put a `[02-Dec-2026 13:25:39 UTC] ` stamp (or a logger's prefix) first
        const at = t.startsWith(p) ? 0 : t.indexOf(p);
        if (at >= 0 && at <= MAX_LOG_PREFIX) {
          header = t.slice(at + p.length).trim();
          break;
        }
      }
      if (header === undefined) {
        const uncaught = t.indexOf('Uncaught ');
        if (uncaught >= 0 && uncaught < 40) header = t.slice(uncaught);
      }
    }
    if (header !== undefined) {
      if (header.startsWith('Uncaught ')) header = header.slice(9);
      const km = parseHeader(header);
      current = newError('php', km.kind, km.message);
      if (km.at) sites.set(current, km.at);
      blocks.push(current);
      sawHeader = true;
      continue;
    }
    // `Exception: message in /path/file.php:12` as printed by (string)$e
    if (!sawFrame && blocks.length === 0 && / in \S+:\d+$/.test(t)) {
      const km = parseHeader(t);
      if (km.kind) {
        current = newError('php', km.kind, km.message);
        if (km.at) sites.set(current, km.at);
        blocks.push(current);
        sawHeader = true;
      }
    }
  }
  if (!sawFrame && !sawHeader) return undefined;
  // (string)$e prints the previous exception first and `Next` the one wrapping it.
  for (let k = 1; k < blocks.length; k++) blocks[k].cause = blocks[k - 1];
  for (const b of blocks) {
    b.message = clip(b.message);
    const at = sites.get(b);
    if (at) b.frames.unshift(throwSite(b, at));
  }
  return blocks[blocks.length - 1];
}
