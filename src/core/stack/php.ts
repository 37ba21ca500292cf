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

/** `Uncaught Exception: msg in /path:5` / `Next X: msg in /path:5` -> kind and message. */
function parseHeader(text: string): { kind: string; message: string } {
  let t = text;
  const inAt = t.lastIndexOf(' in ');
  if (inAt > 0 && /:\d+$/.test(t)) t = t.slice(0, inAt);
  const km = splitKindMessage(t);
  if (km) return km;
  return { kind: '', message: t };
}

const HEADER_PREFIXES = ['PHP Fatal error:', 'Fatal error:', 'PHP Warning:', 'PHP Notice:'];

export function parsePhp(lines: string[]): ParsedError | undefined {
  const blocks: ParsedError[] = [];
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
    if (t === 'Stack trace:' || t.startsWith('thrown in ')) continue;
    let header: string | undefined;
    if (t.startsWith('Next ')) header = t.slice(5);
    else {
      for (const p of HEADER_PREFIXES) {
        if (t.startsWith(p)) {
          header = t.slice(p.length).trim();
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
      blocks.push(current);
      sawHeader = true;
      continue;
    }
    // `Exception: message in /path/file.php:12` as printed by (string)$e
    if (!sawFrame && blocks.length === 0 && / in \S+:\d+$/.test(t)) {
      const km = parseHeader(t);
      if (km.kind) {
        current = newError('php', km.kind, km.message);
        blocks.push(current);
        sawHeader = true;
      }
    }
  }
  if (!sawFrame && !sawHeader) return undefined;
  // (string)$e prints the previous exception first and `Next` the one wrapping it.
  for (let k = 1; k < blocks.length; k++) blocks[k].cause = blocks[k - 1];
  for (const b of blocks) b.message = clip(b.message);
  return blocks[blocks.length - 1];
}
