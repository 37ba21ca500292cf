// Retries a call that hit the partner's rate limit, waiting as long as the partner asks.
import { logger } from '../log';
import { RateLimitError } from './client';

const log = logger('api.retry');

export async function withRetry<T>(call: () => Promise<T>, context: Record<string, unknown>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof RateLimitError) || attempt >= attempts) throw err;
      // Logged at error level on purpose: the partner bills us for throttled calls.
      log.error('rate limited by partner API', err, { ...context, attempt, retry_after_s: err.retryAfterSeconds, http: { status_code: 429 } });
      log.warn(`retrying in ${err.retryAfterSeconds}s`, { ...context, attempt });
      await new Promise((resolve) => setTimeout(resolve, err.retryAfterSeconds * 1000));
    }
  }
}
