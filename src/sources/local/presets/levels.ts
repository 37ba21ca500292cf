// Maps the many ways loggers spell a level onto Datadog's statuses.
import type { LogStatus } from '../../../core/model';

/** How a preset's numeric levels read. */
export type NumericLevels = 'syslog' | 'pino' | 'otel';

const WORDS: Record<string, LogStatus> = {
  emerg: 'emergency', emergency: 'emergency',
  alert: 'alert',
  crit: 'critical', critical: 'critical', fatal: 'critical', panic: 'critical', dpanic: 'critical', severe: 'critical',
  err: 'error', error: 'error', eror: 'error', erro: 'error', e: 'error', exception: 'error',
  warn: 'warn', warning: 'warn', wrn: 'warn', w: 'warn',
  info: 'info', information: 'info', informational: 'info', notice: 'info', inf: 'info', i: 'info', ok: 'info', success: 'info',
  debug: 'debug', dbg: 'debug', d: 'debug', verbose: 'debug', vrb: 'debug', fine: 'debug', config: 'debug',
  trace: 'trace', trc: 'trace', finer: 'trace', finest: 'trace',
};

const SYSLOG: LogStatus[] = ['emergency', 'alert', 'critical', 'error', 'warn', 'info', 'info', 'debug'];

export function toStatus(value: unknown, numeric: NumericLevels = 'syslog'): LogStatus | undefined {
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    const word = WORDS[lower] ?? WORDS[lower.replace(/[+-]\d+$/, '')]; // log/slog's "ERROR+4"
    if (word) return word;
    const n = Number(value);
    return value.trim() !== '' && Number.isInteger(n) ? fromNumber(n, numeric) : undefined;
  }
  if (typeof value === 'number') return fromNumber(value, numeric);
  return undefined;
}

function fromNumber(n: number, numeric: NumericLevels): LogStatus | undefined {
  if (numeric === 'pino') {
    if (n >= 60) return 'critical';
    if (n >= 50) return 'error';
    if (n >= 40) return 'warn';
    if (n >= 30) return 'info';
    if (n >= 20) return 'debug';
    return 'trace';
  }
  if (numeric === 'otel') {
    if (n >= 21) return 'critical';
    if (n >= 17) return 'error';
    if (n >= 13) return 'warn';
    if (n >= 9) return 'info';
    if (n >= 5) return 'debug';
    return n >= 1 ? 'trace' : undefined;
  }
  return SYSLOG[n];
}

const ERROR_STATUSES = new Set<LogStatus>(['error', 'critical', 'alert', 'emergency']);
export function isErrorStatus(status: LogStatus | undefined): boolean {
  return status !== undefined && ERROR_STATUSES.has(status);
}
