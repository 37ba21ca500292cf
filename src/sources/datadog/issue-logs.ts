// An issue's logs (samples) and their stacks: by @issue.id, else by service + kind + message; the
// newest sample whose stack parses gives the whole exception chain; and the look-ups that give the
// busiest issues their in-app frames after a poll, a few in flight at a time.
import type { Frame, ParsedError, Sample } from '../../core/model';
import type { DatadogClient } from './client';
import { toRequestError } from './errors';
import type { IssueRecord } from './issue-record';
import { mapLimit } from './parallel';
import { combineQueries, fallbackLogsQuery, issueLogsQuery } from './queries';
import * as api from './requests';
import { framesFromStack } from './to-summary';

export type ParseStack = (text: string, options: { kind?: string; message?: string }) => ParsedError | undefined;
type Request = <T>(run: () => Promise<T>) => Promise<T>;
type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface IssueLogsDeps {
  client: DatadogClient;
  request: Request;
  parseStack: ParseStack;
  /** The configured scope, ANDed into the fallback query. */
  scope: string;
  log: Log;
  describe(error: ReturnType<typeof toRequestError>): string;
  now(): number;
}

export class IssueLogs {
  /** Frames parsed from a sample's error.stack, per issue id. */
  readonly stacks = new Map<string, { topFrame?: Frame; inAppFrames?: Frame[] }>();
  /** Issues whose stack was already looked for (found or not), so each costs one query at most. */
  private readonly lookedUp = new Set<string>();

  constructor(private readonly deps: IssueLogsDeps) {}

  /** The issue's logs by @issue.id, or by service + kind + message when none carries it. */
  async find(record: IssueRecord, from: number, to: number, limit: number, byIdPage?: api.LogsPage): Promise<{ page: api.LogsPage; logsQuery: string }> {
    const { client, request } = this.deps;
    const byId = issueLogsQuery(record.id);
    const page = byIdPage ?? (await request(() => api.listLogs(client, byId, from, to, limit)));
    if (page.skipped > 0) this.deps.log('warn', `${page.skipped} log entries for issue ${record.id} were not readable and were skipped`);
    if (page.events.length > 0) return { page, logsQuery: byId };
    const fallback = fallbackLogsQuery({ service: record.service, errorKind: record.errorType, message: record.errorMessage });
    if (!fallback) return { page, logsQuery: byId };
    const fallbackQuery = combineQueries(this.deps.scope, fallback);
    const fallbackPage = await request(() => api.listLogs(client, fallbackQuery, from, to, limit));
    return fallbackPage.events.length > 0 ? { page: fallbackPage, logsQuery: fallbackQuery } : { page, logsQuery: byId };
  }

  /** The newest sample whose stack parses gives the whole chain. */
  parse(record: IssueRecord, samples: Sample[]): ParsedError | undefined {
    for (const sample of samples) {
      const stack = sample.event.error.stack;
      if (!stack) continue;
      try {
        const parsed = this.deps.parseStack(stack, {
          kind: sample.event.error.kind ?? record.errorType,
          message: sample.event.error.message ?? record.errorMessage,
        });
        if (parsed) return parsed;
      } catch (error) {
        this.deps.log('warn', `Could not parse a stack of issue ${record.id}: ${String((error as Error)?.message ?? error)}`);
      }
    }
    return undefined;
  }

  remember(record: IssueRecord, error: ParsedError): void {
    this.stacks.set(record.id, framesFromStack(record, error));
  }

  /**
   * One small logs query for each of the busiest issues whose stack is not known yet, `concurrency`
   * at a time; true when any stack was found. A rate limit, outage or bad key stops the rest
   * (they are tried again after a later poll); a bad query only skips its issue.
   */
  async prefetch(candidates: { record: IssueRecord; count: number }[], limit: number, concurrency: number, stopped: () => boolean): Promise<boolean> {
    if (limit <= 0) return false;
    const chosen = candidates
      .filter(({ record }) => !this.lookedUp.has(record.id))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
    let found = false;
    let halted = false;
    await mapLimit(chosen, concurrency, async ({ record }) => {
      if (halted || stopped()) return;
      this.lookedUp.add(record.id);
      // A narrow range around the last event keeps the query cheap.
      const to = Math.min(this.deps.now(), (record.lastSeen ?? this.deps.now()) + 60_000);
      try {
        const { page } = await this.find(record, to - 2 * 3_600_000, to, 3);
        const error = this.parse(record, page.events.map((event) => ({ kind: 'sampled' as const, event })));
        if (error) {
          this.remember(record, error);
          found = true;
        }
      } catch (thrown) {
        const failure = toRequestError(thrown);
        this.lookedUp.delete(record.id);
        if (failure.kind === 'client') {
          this.lookedUp.add(record.id);
        } else {
          if (!halted && failure.kind !== 'aborted') this.deps.log('warn', `Could not fetch a sample stack of issue ${record.id}: ${this.deps.describe(failure)}`);
          halted = true;
          return;
        }
        this.deps.log('warn', `Could not fetch a sample stack of issue ${record.id}: ${this.deps.describe(failure)}`);
      }
    });
    return found;
  }
}
