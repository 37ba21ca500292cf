// A JSON object printed over several lines: pretty-printed records (`JSON.stringify(x, null, 2)`,
// `journalctl -o json-pretty`, AWS Lambda Powertools' local output) and records that break a
// long array over lines (Elasticsearch's "stacktrace": [ … ]). It is gathered until its braces
// balance; a line that starts a record of its own before that means it was cut short.
import type { LogicalLine } from './container';

/** Brace depth after `text`, reading strings and escapes as JSON does. */
export class BraceCounter {
  depth = 0;
  private inString = false;
  private escape = false;

  feed(text: string): number {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92 /* \ */) this.escape = true;
        else if (c === 34 /* " */) this.inString = false;
      } else if (c === 34) this.inString = true;
      else if (c === 123 /* { */ || c === 91 /* [ */) this.depth++;
      else if (c === 125 /* } */ || c === 93 /* ] */) this.depth--;
    }
    return this.depth;
  }
}

export class JsonBlock {
  readonly parts: string[] = [];
  private readonly braces = new BraceCounter();
  chars = 0;

  constructor(readonly first: LogicalLine) {
    this.add(first.text);
  }

  /** Adds a line; true once the object is complete. */
  add(text: string): boolean {
    this.parts.push(text);
    this.chars += text.length + 1;
    return this.braces.feed(text) <= 0;
  }

  get lines(): number {
    return this.parts.length;
  }

  /** The whole object as one line of JSON, or undefined when it does not parse as an object. */
  oneLine(): string | undefined {
    const text = this.parts.join('\n');
    try {
      const value = JSON.parse(text) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A line that opens a JSON object it does not close. */
export function opensJsonBlock(text: string): boolean {
  if (text.charCodeAt(0) !== 123 /* { */) return false;
  let end = text.length - 1;
  while (end > 0 && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end--;
  if (text.charCodeAt(end) === 125 /* } */) return false; // the usual one-line record: no scan
  return new BraceCounter().feed(text) > 0;
}
