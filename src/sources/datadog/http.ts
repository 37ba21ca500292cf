// The HTTP layer handed to the Datadog client: Node's own fetch, a timeout per request, cancellation
// when the source is disposed, and every non-2xx turned into a DatadogRequestError here, where the
// response headers (X-RateLimit-Reset) are still at hand. Retries are done above, by retry.ts.
import {
  HttpLibrary,
  RequestContext,
  ResponseContext,
} from '@datadog/datadog-api-client/dist/packages/datadog-api-client-common/http/http';
import { currentDeadline, deadlineError, formatLimit, remainingMs } from './deadline';
import { DatadogRequestError, httpError, networkReason } from './errors';

export interface HttpOptions {
  timeoutMs: number;
  /** Aborted when the source is disposed. */
  signal: AbortSignal;
  /** Defaults to the global fetch (tests may pass their own). */
  fetch?: typeof fetch;
}

export function createHttpLibrary(options: HttpOptions): HttpLibrary {
  return {
    async send(request: RequestContext): Promise<ResponseContext> {
      if (options.signal.aborted) throw new DatadogRequestError('aborted', 'the Datadog source was closed');
      // Each request waits at most its own timeout, and never past the overall limit.
      const deadline = currentDeadline();
      const left = remainingMs();
      if (deadline && left !== undefined && left <= 0) throw deadlineError(deadline);
      const cappedByDeadline = left !== undefined && left < options.timeoutMs;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, cappedByDeadline ? Math.max(1, left) : options.timeoutMs);
      const onAbort = () => controller.abort();
      options.signal.addEventListener('abort', onAbort, { once: true });
      try {
        const body = request.getBody();
        const response = await (options.fetch ?? fetch)(request.getUrl(), {
          method: request.getHttpMethod(),
          headers: request.getHeaders(),
          body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : undefined,
          signal: controller.signal,
        });
        const text = await response.text();
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        if (response.status < 200 || response.status > 299) throw httpError(response.status, headers, text);
        // The client's parser returns unparsable text as is; catch it here, where it is plain.
        if (text.trim() !== '') {
          try {
            JSON.parse(text);
          } catch (error) {
            throw new DatadogRequestError('malformed', `Datadog sent a response that is not valid JSON (${(error as Error).message.slice(0, 120)})`);
          }
        }
        return new ResponseContext(response.status, headers, {
          text: async () => text,
          binary: async () => Buffer.from(text),
        });
      } catch (error) {
        if (error instanceof DatadogRequestError) throw error;
        if (options.signal.aborted) throw new DatadogRequestError('aborted', 'the Datadog source was closed');
        if (timedOut) {
          if (cappedByDeadline && deadline) throw deadlineError(deadline);
          throw new DatadogRequestError('timeout', `Datadog did not answer within ${formatLimit(options.timeoutMs)}`);
        }
        throw new DatadogRequestError('network', `cannot reach Datadog (${networkReason(error)})`);
      } finally {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
