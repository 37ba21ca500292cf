// Parses each distinct stack once: logs repeat the same trace thousands of times, and parsing is
// the costliest step of ingest. Traces whose header embeds a changing message ("order 123 not
// found") are keyed with that message replaced by a placeholder, so one parse serves them all;
// the event's own message is put back into the result. Bounded, oldest entry evicted first.
import type { ParsedError } from '../../core/model';
import { parseStack, type InAppRules } from '../../core/stack';

const PLACEHOLDER = 'ERRTRACKMESSAGEPLACEHOLDER';
const MIN_TEMPLATED_MESSAGE = 6;

export class StackParseCache {
  private readonly cache = new Map<string, ParsedError | null>();
  hits = 0;
  misses = 0;

  constructor(private readonly inAppRules?: InAppRules, private readonly max = 4096) {}

  /** The parsed chain for this stack; may be shared between events, so callers must not mutate it. */
  parse(stack: string | undefined, kind: string | undefined, message: string | undefined): ParsedError | undefined {
    const text = stack ?? '';
    const templated = message !== undefined ? templateHeader(text, message) : undefined;
    const key = templated !== undefined ? `${kind ?? ''}\u0000\u0001${templated}` : `${kind ?? ''}\u0000${message ?? ''}\u0000${text}`;
    let parsed = this.cache.get(key);
    if (parsed !== undefined) this.hits++;
    else {
      this.misses++;
      parsed = this.run(templated ?? text, kind, templated !== undefined ? PLACEHOLDER : message) ?? null;
      if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, parsed);
    }
    if (!parsed) return undefined;
    return templated !== undefined ? restore(parsed, message!) : parsed;
  }

  private run(text: string, kind: string | undefined, message: string | undefined): ParsedError | undefined {
    try {
      return parseStack(text, { kind, message, inAppRules: this.inAppRules });
    } catch {
      return undefined; // parseStack promises never to throw; a bad trace must not stop ingest anyway
    }
  }
}

/**
 * The trace with the message replaced by the placeholder where the header prints it: the first
 * line (JavaScript, Java, .NET, Go, Ruby) or the last one (Python). Frame lines are never
 * touched, so a message that also reads like a path or function name cannot corrupt frames.
 */
function templateHeader(text: string, message: string): string | undefined {
  // (A trace that itself contains the placeholder word would have its kind/message mangled; no
  // real trace does, and checking every trace for it costs a full scan per event.)
  if (message.length < MIN_TEMPLATED_MESSAGE || message.includes('\n')) return undefined;
  const firstEnd = text.indexOf('\n');
  const first = text.indexOf(message);
  if (first < 0) return undefined;
  if (firstEnd < 0 || first + message.length <= firstEnd) return text.slice(0, first) + PLACEHOLDER + text.slice(first + message.length);
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 32)) end--;
  const lastStart = text.lastIndexOf('\n', end - 1) + 1;
  const last = text.lastIndexOf(message, end - message.length);
  if (last >= lastStart) return text.slice(0, last) + PLACEHOLDER + text.slice(last + message.length);
  return undefined;
}

/** Puts the event's message back where the placeholder stands (shallow copies, frames shared). */
function restore(error: ParsedError, message: string): ParsedError {
  if (!holdsPlaceholder(error)) return error;
  const copy: ParsedError = { ...error, kind: fill(error.kind, message), message: fill(error.message, message) };
  if (error.cause) copy.cause = restore(error.cause, message);
  return copy;
}

function holdsPlaceholder(error: ParsedError | undefined): boolean {
  for (let e = error; e; e = e.cause) if (e.message.includes(PLACEHOLDER) || e.kind.includes(PLACEHOLDER)) return true;
  return false;
}

function fill(text: string, message: string): string {
  return text.includes(PLACEHOLDER) ? text.split(PLACEHOLDER).join(message) : text;
}
