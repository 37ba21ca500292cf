// The failures of a Datadog request, classified once so retries, status messages and the
// connect check all agree, and phrased without ever carrying a key.

export type DatadogFailureKind =
  | 'auth' // 401 / 403
  | 'rate-limit' // 429
  | 'server' // 5xx
  | 'client' // other 4xx (bad query, not found...)
  | 'timeout'
  | 'network' // connection refused, DNS, reset
  | 'malformed' // a 2xx whose body is not the JSON expected
  | 'aborted'; // the source was disposed

export class DatadogRequestError extends Error {
  constructor(
    readonly kind: DatadogFailureKind,
    message: string,
    readonly status?: number,
    /** For 429: when the rate limit resets, in ms from the response (X-RateLimit-Reset seconds). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DatadogRequestError';
  }

  get retryable(): boolean {
    return this.kind === 'server' || this.kind === 'timeout' || this.kind === 'network' || this.kind === 'rate-limit';
  }
}

/** Reads `{"errors":[{"detail":...}]}` or `{"errors":["..."]}` bodies into one line. */
export function errorDetail(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return undefined;
    const parts = body.errors.map((e) =>
      typeof e === 'string' ? e : typeof e === 'object' && e !== null ? String((e as { detail?: unknown; title?: unknown }).detail ?? (e as { title?: unknown }).title ?? '') : '',
    );
    const text = parts.filter(Boolean).join('; ');
    return text || undefined;
  } catch {
    return undefined;
  }
}

/** Builds the error for a non-2xx answer. */
export function httpError(status: number, headers: Record<string, string>, bodyText: string): DatadogRequestError {
  const detail = errorDetail(bodyText);
  const suffix = detail ? `: ${truncate(detail, 200)}` : '';
  if (status === 401 || status === 403) {
    return new DatadogRequestError('auth', `API or application key rejected (${status})${suffix}`, status);
  }
  if (status === 429) {
    const resetSeconds = Number.parseInt(headers['x-ratelimit-reset'] ?? '', 10);
    const retryAfterMs = Number.isFinite(resetSeconds) && resetSeconds >= 0 ? resetSeconds * 1000 : undefined;
    const when = retryAfterMs !== undefined ? ` (resets in ${resetSeconds}s)` : '';
    return new DatadogRequestError('rate-limit', `rate limited by Datadog${when}`, status, retryAfterMs);
  }
  if (status >= 500) return new DatadogRequestError('server', `Datadog answered ${status}${suffix}`, status);
  return new DatadogRequestError('client', `Datadog answered ${status}${suffix}`, status);
}

/** Turns anything thrown by a request into a DatadogRequestError. */
export function toRequestError(error: unknown): DatadogRequestError {
  if (error instanceof DatadogRequestError) return error;
  if (error instanceof SyntaxError) {
    return new DatadogRequestError('malformed', `Datadog sent a response that is not valid JSON (${truncate(error.message, 120)})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DatadogRequestError('malformed', `unexpected response from Datadog: ${truncate(message, 200)}`);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Replaces every occurrence of the secrets in a text, so no message can leak a key. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** fetch wraps the socket error in `cause`; its code (ECONNREFUSED, ENOTFOUND...) is the useful part. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
