// Parses each distinct stack text once: logs repeat the same trace thousands of times, and
// parsing is the costliest step of ingest. Bounded, oldest entry evicted first.
import type { ParsedError } from '../../core/model';
import { parseStack, type InAppRules } from '../../core/stack';

export class StackParseCache {
  private readonly cache = new Map<string, ParsedError | null>();
  hits = 0;
  misses = 0;

  constructor(private readonly inAppRules?: InAppRules, private readonly max = 4096) {}

  /** The parsed chain for this stack; shared between events, so callers must not mutate it. */
  parse(stack: string | undefined, kind: string | undefined, message: string | undefined): ParsedError | undefined {
    // Kind and message are part of the key: a trace without a header takes them from the event.
    const key = `${kind ?? ''}\u0000${message ?? ''}\u0000${stack ?? ''}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.hits++;
      return cached ?? undefined;
    }
    this.misses++;
    let parsed: ParsedError | undefined;
    try {
      parsed = parseStack(stack ?? '', { kind, message, inAppRules: this.inAppRules });
    } catch {
      parsed = undefined; // parseStack promises never to throw; a bad trace must not stop ingest anyway
    }
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, parsed ?? null);
    return parsed;
  }
}
