// Shared helpers for the stack parsers: line splitting with bounds, frame construction, headers.
import type { Frame, Language, ParsedError } from '../model';
import { normalizeFunctionName, functionFlags, FunctionFlags } from './normalize';

/** Lines longer than this are never fed to a pattern: a frame line is never this long. */
export const MAX_LINE = 8192;
/** Messages are clipped to this many characters so one huge line cannot bloat every issue. */
export const MAX_MESSAGE = 16384;

export function splitLines(text: string): string[] {
  // Without any `\r` the regex split is the same as a plain `\n` split, which is much cheaper.
  return text.includes('\r') ? text.split(/\r?\n|\r/) : text.split('\n');
}

export function clip(text: string, max = MAX_MESSAGE): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** Index of the first non-whitespace character (space or tab), or the length. */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

export function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 12) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Splits `path:line[:col]` from the right; returns undefined when no line number is there. */
export function splitLocation(loc: string): { file: string; line: number; column?: number } | undefined {
  const last = loc.lastIndexOf(':');
  if (last <= 0) return undefined;
  const tail = loc.slice(last + 1);
  if (!isDigits(tail)) return undefined;
  const prev = loc.lastIndexOf(':', last - 1);
  if (prev > 0) {
    const mid = loc.slice(prev + 1, last);
    if (isDigits(mid)) return { file: loc.slice(0, prev), line: Number(mid), column: Number(tail) };
  }
  return { file: loc.slice(0, last), line: Number(tail) };
}

export interface FrameInput {
  file?: string;
  line?: number;
  column?: number;
  function?: string;
  module?: string;
  native?: boolean;
  eval?: boolean;
}

/** A frame with its normalized name and flags; `inApp` is decided later by applyInApp. */
export function makeFrame(language: Language, input: FrameInput): Frame {
  const fn = input.function ?? '';
  const frame: Frame = { file: input.file ?? '', function: fn, inApp: false };
  if (input.line !== undefined && Number.isFinite(input.line)) frame.line = input.line;
  if (input.column !== undefined && Number.isFinite(input.column)) frame.column = input.column;
  if (input.module) frame.module = input.module;
  const named = nameInfo(fn, language);
  frame.normalizedFunction = named.normalized;
  if (named.flags.anonymous) frame.anonymous = true;
  if (input.native || named.flags.native) frame.native = true;
  if (input.eval || named.flags.eval) frame.eval = true;
  return frame;
}

// Function names recur across events: their normalized form and flags are memoized, in one map per
// language keyed by the name itself (no key concatenation). Only one miss in 16 is admitted: a name
// that recurs gets in after a few sightings, while a stream of unique names no longer pays a map
// insert per frame (profiled: the inserts cost more than normalizing the name again).
const NAME_CACHE_LIMIT = 20000;
const ADMIT_EVERY = 16;
type NameInfo = { normalized: string; flags: FunctionFlags };
const nameCaches = new Map<Language, Map<string, NameInfo>>();
let nameCacheSize = 0;
let nameMisses = 0;

function nameInfo(fn: string, language: Language): NameInfo {
  if (fn.length > 512) return { normalized: normalizeFunctionName(fn, language), flags: functionFlags(fn, language) };
  let cache = nameCaches.get(language);
  if (!cache) {
    cache = new Map();
    nameCaches.set(language, cache);
  }
  let info = cache.get(fn);
  if (!info) {
    info = { normalized: normalizeFunctionName(fn, language), flags: functionFlags(fn, language) };
    if (++nameMisses % ADMIT_EVERY !== 0) return info;
    if (nameCacheSize >= NAME_CACHE_LIMIT) {
      for (const m of nameCaches.values()) m.clear();
      nameCacheSize = 0;
    }
    cache.set(fn, info);
    nameCacheSize++;
  }
  return info;
}

export function newError(language: Language, kind = '', message = ''): ParsedError {
  return { kind, message: clip(message), language, frames: [] };
}

/** A dotted/namespaced type name such as `java.lang.IllegalStateException` or `Foo::Bar`. */
export function looksLikeTypeName(s: string): boolean {
  if (s.length === 0 || s.length > 300) return false;
  const c0 = s.charCodeAt(0);
  // first char: letter, _ , $ or backslash (PHP namespaces)
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95 || c0 === 36 || c0 === 92)) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ||
      c === 95 || c === 36 || c === 46 || c === 92 || c === 58 || c === 96 || c === 43 || c === 45;
    if (!ok) return false;
  }
  return true;
}

/** `Kind: message` split when the part before the first `: ` looks like a type name. */
export function splitKindMessage(text: string): { kind: string; message: string } | undefined {
  const idx = text.indexOf(': ');
  const head = idx >= 0 ? text.slice(0, idx) : text.endsWith(':') ? text.slice(0, -1) : text;
  if (!looksLikeTypeName(head)) return undefined;
  return { kind: head, message: idx >= 0 ? text.slice(idx + 2) : '' };
}

/** Every exception of a chain, outermost first. */
export function chainOf(error: ParsedError): ParsedError[] {
  const out: ParsedError[] = [];
  const seen = new Set<ParsedError>();
  for (let e: ParsedError | undefined = error; e && !seen.has(e); e = e.cause) {
    seen.add(e);
    out.push(e);
  }
  return out;
}

/** Calls fn on every error reachable through cause and related. */
export function visitErrors(error: ParsedError, fn: (e: ParsedError) => void): void {
  const stack: ParsedError[] = [error];
  const seen = new Set<ParsedError>();
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    fn(e);
    if (e.cause) stack.push(e.cause);
    if (e.related) for (const r of e.related) stack.push(r);
  }
}


/**
 * Kind and message from the lines printed before the first frame. A log line may precede the
 * exception's own header (`2024-05-01 ERROR [main] Job - failed`), so the first line whose head
 * is a plausible exception type wins; the lines after it continue the message.
 */
export function headerFrom(
  lines: string[],
  plausible: (kind: string) => boolean,
  strip: (line: string) => string = (l) => l,
): { kind: string; message: string } {
  for (let i = 0; i < lines.length; i++) {
    const t = strip(lines[i].trim());
    if (t === '') continue;
    const km = splitKindMessage(t);
    if (km && plausible(km.kind)) {
      const rest = lines.slice(i + 1).join('\n').trimEnd();
      return { kind: km.kind, message: clip(rest ? (km.message ? km.message + '\n' + rest : rest) : km.message) };
    }
  }
  const text = lines.join('\n').trim();
  const km = splitKindMessage(strip(text));
  return km ? { kind: km.kind, message: clip(km.message) } : { kind: '', message: clip(text) };
}

/** Exception type names: dotted, or ending like one (`TypeError`, `FooException`). */
export function plausibleKind(kind: string): boolean {
  return kind.includes('.') || /(?:Error|Exception|Throwable|Failure|Fault|Panic)$/.test(kind);
}
