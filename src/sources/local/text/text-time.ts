// Timestamps as plain-text headers print them, to epoch ms. Zone-less times are read as UTC
// (logs rarely say their zone; one rule for all keeps order and histograms consistent).
import type { TimeContext } from './header-formats';

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

export function parseTimestamp(text: string, ctx: TimeContext): number | undefined {
  let m = /^(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(?:[.,](\d+))? ?(Z|[+-]\d\d:?\d\d|UTC|GMT|[A-Z]{3,4})?$/.exec(text);
  if (m) return utc(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0), m[7], m[8]);
  m = /^([A-Z][a-z]{2}) ([ \d]\d)(?: (\d{4}))? (\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(text);
  if (m) return utc(m[3] ? +m[3] : ctx.year, month(m[1]), +m[2], +m[4], +m[5], +m[6], m[7]);
  m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))? (\d{4})$/.exec(text);
  if (m) return utc(+m[7], month(m[1]), +m[2], +m[3], +m[4], +m[5], m[6]);
  m = /^(\d\d)-([A-Z][a-z]{2})-(\d{4}) (\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(?: (UTC|GMT|[+-]\d{4}))?$/.exec(text);
  if (m) return utc(+m[3], month(m[2]), +m[1], +m[4], +m[5], +m[6], m[7], m[8]);
  m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d\d):(\d\d) (AM|PM)$/.exec(text);
  if (m) return utc(+m[3], month(m[1]), +m[2], (+m[4] % 12) + (m[7] === 'PM' ? 12 : 0), +m[5], +m[6]);
  m = /^(\d\d)(\d\d)(\d\d) ([ \d]\d):(\d\d):(\d\d)$/.exec(text); // MySQL's YYMMDD
  if (m) return utc(2000 + +m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = /^(\d\d):(\d\d):(\d\d)[.,](\d{3})$/.exec(text);
  if (m) return ctx.day + ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + +m[4];
  if (/^\d+\.\d+$/.test(text)) return Math.round(Number(text) * 1000); // zap's epoch seconds
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function month(name: string): number {
  const i = MONTHS.indexOf(name);
  return i < 0 || i % 3 !== 0 ? NaN : i / 3;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac?: string, zone?: string): number | undefined {
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(y, mo, d, h, mi, s, ms);
  if (zone && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
    const z = /^([+-])(\d\d):?(\d\d)$/.exec(zone);
    if (z) t -= (z[1] === '-' ? -1 : 1) * (+z[2] * 60 + +z[3]) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}
