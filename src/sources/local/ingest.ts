// Event → parsed stack → issue store. Shared by the local source and the CLI so `scan` and
// `fingerprint` give the ids the editor shows.
import type { ErrorEvent, ParsedError } from '../../core/model';
import type { IssueStore } from '../../core/issues';
import type { InAppRules } from '../../core/stack';
import { StackParseCache } from './stack-cache';

export class EventIngestor {
  readonly stacks: StackParseCache;

  constructor(readonly store: IssueStore, inAppRules?: InAppRules) {
    this.stacks = new StackParseCache(inAppRules);
  }

  /** Parses the event's stack (cached) and fills kind/message the trace header gave; returns the issue id. */
  ingest(event: ErrorEvent): string {
    const parsed = this.parse(event);
    return this.store.ingest(event, parsed);
  }

  parse(event: ErrorEvent): ParsedError | undefined {
    const { error } = event;
    let parsed = error.stack || error.kind ? this.stacks.parse(error.stack, error.kind, error.message) : undefined;
    if (parsed) {
      // The logger's own error type (error.kind, pino's err.type, bunyan's err.name) names the
      // error; the trace header's is a fallback (a JS subclass that never set `name` prints "Error").
      if (error.kind && parsed.kind !== error.kind && parsed.cause === undefined) parsed = { ...parsed, kind: error.kind };
      if (!error.kind && parsed.kind) error.kind = parsed.kind;
      if (!error.message && parsed.message) error.message = parsed.message;
    }
    // A crash report has no log message of its own: its error line is the message.
    if (!event.message && error.kind) event.message = error.message ? `${error.kind}: ${error.message}` : error.kind;
    return parsed;
  }
}
