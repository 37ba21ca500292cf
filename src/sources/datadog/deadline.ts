// One overall time limit for everything a command or a refresh asks Datadog, however many
// requests and retries that takes. The limit travels with the async work (AsyncLocalStorage), so
// the HTTP layer caps each request at what is left and retry.ts never sleeps past it. Nested
// limits keep the earlier end: a refresh inside a CLI command cannot extend the command's limit.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DatadogRequestError } from './errors';

export interface Deadline {
  /** performance.now() value at which the work must stop. */
  at: number;
  /** The whole limit, for messages. */
  totalMs: number;
  /** What the limit is for, for messages ("this command", "the refresh"). */
  what: string;
}

const current = new AsyncLocalStorage<Deadline>();
const clock = () => performance.now();

/** Runs `work` with a limit of `totalMs` (or the enclosing one when that ends sooner). */
export function withDeadline<T>(totalMs: number, what: string, work: () => Promise<T>): Promise<T> {
  const outer = current.getStore();
  const at = clock() + totalMs;
  if (outer && outer.at <= at) return work();
  return current.run({ at, totalMs, what }, work);
}

export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/** Milliseconds left before the current limit (undefined: no limit). */
export function remainingMs(): number | undefined {
  const deadline = current.getStore();
  return deadline ? deadline.at - clock() : undefined;
}

export function formatLimit(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}

/** The failure when the overall limit is spent; `last` is what the last attempt ran into. */
export function deadlineError(deadline: Deadline, last?: DatadogRequestError): DatadogRequestError {
  const after = last && last.kind !== 'timeout' ? ` (last attempt: ${last.message})` : '';
  return new DatadogRequestError('timeout', `Datadog did not answer within ${formatLimit(deadline.totalMs)}, the limit for ${deadline.what}${after}`);
}
