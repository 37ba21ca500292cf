// Argument helpers: usage errors carry exit status 2; durations like 24h / 7d / 30m.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}
/** Input that cannot be read (exit status 1). */
export class InputError extends Error {}

export const EXIT = { ok: 0, input: 1, usage: 2, newIssue: 3 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} takes a duration such as 30m, 24h or 7d (got "${text}")`);
  return Number(m[1]) * UNITS[m[2]];
}

export function parseTime(text: string, flag: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} takes an ISO 8601 time (got "${text}")`);
  return ms;
}

/** Repeated KEY=VALUE flags: --map FROM=TO (path prefixes), --field ATTRIBUTE=PATH. */
export function parsePairs(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} takes KEY=VALUE (got "${v}")`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** --error-events all|withErrorAttributes (errorTracking.local.errorEvents). */
export function errorEventsFlag(value: string | boolean | undefined): 'all' | 'withErrorAttributes' {
  return oneOf(typeof value === 'string' ? value : undefined, ['all', 'withErrorAttributes'] as const, '--error-events', 'all');
}
