// Log timestamps come as ISO text, epoch seconds (zap, structlog), milliseconds (pino) or
// nanoseconds (OpenTelemetry); all become epoch milliseconds.

export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string' || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return fromNumber(Number(value));
  let ms = Date.parse(value);
  if (Number.isNaN(ms)) ms = Date.parse(value.replace(',', '.')); // Python asctime "…12:00:00,123"
  return Number.isNaN(ms) ? undefined : ms;
}

function fromNumber(n: number): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n < 1e11) return Math.round(n * 1000); // seconds
  if (n < 1e14) return Math.round(n); // milliseconds
  if (n < 1e17) return Math.round(n / 1000); // microseconds
  return Math.round(n / 1e6); // nanoseconds
}
