// Parses each distinct stack once: logs repeat the same trace thousands of times, and parsing is
// the costliest step of ingest. Traces whose header embeds a changing message ("order 123 not
// found") are keyed with that message replaced by a placeholder, so one parse serves them all;
// the event's own message is put back into the result. Bounded, oldest entry evicted first.
//
// The cache must never change a result: every answer equals `parseStack(stack, {kind, message})`.
// So a templated parse is only reused when
//  - the message sits after `Kind: ` on a header line (the parsers split kind from message at the
//    first `: `, so what follows is message text whatever it says),
//  - the message is plain text: no character or word any parser or the language detection reacts
//    to inside a line (`:`, brackets, quotes, `@`, `#`, `+`, "panicked", "Traceback"...), short
//    enough that no clipping differs, and
//  - on the miss that created the entry, the placeholder parse with the message put back was
//    identical to the real parse (checked once per entry; a trace where the header position
//    matters, e.g. the message is the whole first line, is then cached by its exact text).
import type { ParsedError } from '../../core/model';
import { parseStack, type InAppRules } from '../../core/stack';

const PLACEHOLDER = 'ERRTRACKMESSAGEPLACEHOLDER';
const MIN_TEMPLATED_MESSAGE = 6;
const MAX_TEMPLATED_MESSAGE = 256;
/** Headroom under the parsers' MAX_LINE (8192) and MAX_MESSAGE (16384) so no bound is crossed by the swap. */
const MAX_TEMPLATED_LINE = 4096;
const MAX_TEMPLATED_FIELD = 8192;
/** Letters, digits, space and punctuation no parser looks for inside a line. */
const PLAIN_MESSAGE = /^[A-Za-z0-9 _\-.,'=/%!?&*~;$]+$/;
/** Words some parser or the detector finds anywhere in a line. */
const MEANINGFUL_WORDS = /panicked|traceback|uncaught|goroutine/i;

interface TemplatedEntry {
  /** The placeholder parse, when putting the message back reproduced the real parse. */
  parsed: ParsedError | null;
  reusable: boolean;
}

export class StackParseCache {
  private readonly exact = new Map<string, ParsedError | null>();
  private readonly templated = new Map<string, TemplatedEntry>();
  hits = 0;
  misses = 0;

  constructor(private inAppRules?: InAppRules, private readonly max = 4096) {}

  /**
   * What the workspace claims as the user's code among library-looking paths (mapping's
   * workspaceOwnsInstalled), once the workspace is indexed. Cached parses judged frames without
   * it, so they are dropped. Events read before this call keep what they were grouped by: give
   * it before reading logs for ids that do not depend on indexing speed.
   */
  setWorkspaceOwnership(owns: ((file: string) => boolean) | undefined): void {
    this.inAppRules = { ...this.inAppRules, workspaceOwns: owns };
    this.exact.clear();
    this.templated.clear();
  }

  /** The parsed chain for this stack; may be shared between events, so callers must not mutate it. */
  parse(stack: string | undefined, kind: string | undefined, message: string | undefined): ParsedError | undefined {
    const text = stack ?? '';
    const templatedText = message !== undefined && isPlainMessage(message) ? templateHeader(text, message) : undefined;
    if (templatedText === undefined) return this.parseExact(text, kind, message);
    const key = `${kind ?? ''}\u0000\u0001${templatedText}`;
    const entry = this.templated.get(key);
    if (entry !== undefined) {
      if (!entry.reusable) return this.parseExact(text, kind, message);
      this.hits++;
      return entry.parsed ? restore(entry.parsed, message!) : undefined;
    }
    this.misses++;
    const real = this.run(text, kind, message);
    const placeholder = this.run(templatedText, kind, PLACEHOLDER);
    const reusable = fieldsFit(placeholder) && sameParse(placeholder ? restore(placeholder, message!) : undefined, real);
    remember(this.templated, key, { parsed: reusable ? placeholder ?? null : null, reusable }, this.max);
    if (!reusable) remember(this.exact, exactKey(text, kind, message), real ?? null, this.max);
    return real;
  }

  private parseExact(text: string, kind: string | undefined, message: string | undefined): ParsedError | undefined {
    const key = exactKey(text, kind, message);
    let parsed = this.exact.get(key);
    if (parsed !== undefined) this.hits++;
    else {
      this.misses++;
      parsed = this.run(text, kind, message) ?? null;
      remember(this.exact, key, parsed, this.max);
    }
    return parsed ?? undefined;
  }

  private run(text: string, kind: string | undefined, message: string | undefined): ParsedError | undefined {
    try {
      return parseStack(text, { kind, message, inAppRules: this.inAppRules });
    } catch {
      return undefined; // parseStack promises never to throw; a bad trace must not stop ingest anyway
    }
  }
}

function exactKey(text: string, kind: string | undefined, message: string | undefined): string {
  return `${kind ?? ''}\u0000${message ?? ''}\u0000${text}`;
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

function isPlainMessage(message: string): boolean {
  return message.length >= MIN_TEMPLATED_MESSAGE && message.length <= MAX_TEMPLATED_MESSAGE &&
    PLAIN_MESSAGE.test(message) && !MEANINGFUL_WORDS.test(message);
}

/**
 * The trace with the message replaced by the placeholder where the header prints it after
 * `Kind: `: the first line (JavaScript, Java, .NET, Go, Ruby) or the last one (Python). Frame
 * lines are never touched, so a message that also reads like a path or function name cannot
 * corrupt frames.
 */
function templateHeader(text: string, message: string): string | undefined {
  // (A trace that itself contains the placeholder word would have its kind/message mangled; no
  // real trace does, and checking every trace for it costs a full scan per event.)
  const firstEnd = text.indexOf('\n');
  const first = text.indexOf(message);
  if (first < 0) return undefined;
  if (firstEnd < 0 || first + message.length <= firstEnd) {
    return afterKind(text, first, 0) && (firstEnd < 0 ? text.length : firstEnd) <= MAX_TEMPLATED_LINE
      ? text.slice(0, first) + PLACEHOLDER + text.slice(first + message.length)
      : undefined;
  }
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 32)) end--;
  const lastStart = text.lastIndexOf('\n', end - 1) + 1;
  const last = text.lastIndexOf(message, end - message.length);
  if (last >= lastStart && afterKind(text, last, lastStart) && end - lastStart <= MAX_TEMPLATED_LINE) {
    return text.slice(0, last) + PLACEHOLDER + text.slice(last + message.length);
  }
  return undefined;
}

/** The message at `at` follows `Something: ` on its line (not the line's start, not a bare word). */
function afterKind(text: string, at: number, lineStart: number): boolean {
  return at >= lineStart + 3 && text.charCodeAt(at - 1) === 32 && text.charCodeAt(at - 2) === 58;
}

/** A placeholder parse whose texts stay far from the clipping bound, so the swap cannot cross it. */
function fieldsFit(error: ParsedError | undefined): boolean {
  const stack = error ? [error] : [];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind.length + e.message.length > MAX_TEMPLATED_FIELD) return false;
    if (e.cause) stack.push(e.cause);
    if (e.related) stack.push(...e.related);
  }
  return true;
}

/** Puts the event's message back where the placeholder stands (shallow copies, frames shared). */
function restore(error: ParsedError, message: string): ParsedError {
  if (!holdsPlaceholder(error)) return error;
  const copy: ParsedError = { ...error, kind: fill(error.kind, message), message: fill(error.message, message) };
  if (error.cause) copy.cause = restore(error.cause, message);
  if (error.related) copy.related = error.related.map((r) => restore(r, message));
  return copy;
}

function holdsPlaceholder(error: ParsedError): boolean {
  if (error.message.includes(PLACEHOLDER) || error.kind.includes(PLACEHOLDER)) return true;
  if (error.cause && holdsPlaceholder(error.cause)) return true;
  return error.related !== undefined && error.related.some(holdsPlaceholder);
}

function fill(text: string, message: string): string {
  return text.includes(PLACEHOLDER) ? text.split(PLACEHOLDER).join(message) : text;
}

/** Structural equality of two parse results (plain data: strings, numbers, booleans, arrays, objects). */
function sameParse(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameParse((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
