// Retries one Datadog request: back-off on 5xx, timeouts and connection errors; on 429 waits until
// X-RateLimit-Reset when that is soon, and otherwise gives up so the poller waits instead.
import { currentDeadline, deadlineError, remainingMs } from './deadline';
import { DatadogRequestError, toRequestError } from './errors';

export interface RetryPolicy {
  /** Extra attempts after the first for 5xx / timeout / network failures. */
  retries: number;
  /** First back-off delay; doubled on each retry. */
  baseDelayMs: number;
  /** Longest rate-limit reset worth waiting for inside one request. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 1000, maxRateLimitWaitMs: 60_000 };

/** Sleeps, or rejects as soon as the signal aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DatadogRequestError('aborted', 'the Datadog source was closed'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DatadogRequestError('aborted', 'the Datadog source was closed'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

export async function withRetry<T>(
  run: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  wait: Sleep = sleep,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (thrown) {
      const error = toRequestError(thrown);
      if (signal.aborted) throw new DatadogRequestError('aborted', 'the Datadog source was closed');
      if (!error.retryable || attempt >= policy.retries) throw error;
      const delay = error.kind === 'rate-limit' ? error.retryAfterMs ?? policy.baseDelayMs * 2 ** attempt : policy.baseDelayMs * 2 ** attempt;
      if (error.kind === 'rate-limit' && delay > policy.maxRateLimitWaitMs) throw error;
      // No retry that could not even start before the overall limit.
      const deadline = currentDeadline();
      const left = remainingMs();
      if (deadline && left !== undefined && left <= delay) throw error.message.includes(', the limit for ') ? error : deadlineError(deadline, error);
      await wait(delay, signal);
    }
  }
}
