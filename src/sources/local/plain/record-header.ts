// Recognises the first line of a plain-text log record: a timestamp, then a level word.
import type { LogStatus } from '../../../core/model';
import { toStatus } from '../presets/levels';

const TIMESTAMP =
  /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2}| ?UTC)?|\d{4}\/\d{2}\/\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2})\]?/;
// Ruby's Logger: "E, [2024-05-01T12:00:00.123456 #42] ERROR -- app: message"
const RUBY = /^([DIWEFA]), \[(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?) #\d+\]\s+\w+ -- [^:]*: ?/;
const LEVEL_WORD =
  /(?:^|[\s[(|:-])(trace|debug|info|notice|warn|warning|error|err|fatal|critical|crit|severe|panic|alert|emerg|emergency)(?=$|[\s\]):|-])/i;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

export interface RecordHeader {
  timestamp?: number;
  status: LogStatus;
  message: string;
}

/** The header of a record, or undefined when the line continues the previous record. */
export function parseHeader(line: string, year: number): RecordHeader | undefined {
  const ruby = RUBY.exec(line);
  if (ruby) {
    return { timestamp: parseTime(ruby[2], year), status: toStatus(ruby[1]) ?? 'info', message: line.slice(ruby[0].length) };
  }
  const ts = TIMESTAMP.exec(line);
  if (!ts) return undefined;
  const rest = line.slice(ts[0].length, ts[0].length + 120);
  const level = LEVEL_WORD.exec(rest);
  const status = level ? toStatus(level[1]) ?? 'info' : 'info';
  const message = level ? line.slice(ts[0].length + level.index + level[0].length).replace(/^[\s\]):|-]+/, '') : line.slice(ts[0].length).trim();
  return { timestamp: parseTime(ts[1], year), status, message };
}

function parseTime(text: string, year: number): number | undefined {
  const syslog = /^([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (syslog) {
    const month = MONTHS.indexOf(syslog[1]) / 3;
    return month < 0 ? undefined : Date.UTC(year, month, Number(syslog[2]), Number(syslog[3]), Number(syslog[4]), Number(syslog[5]));
  }
  const iso = text.replace(',', '.').replace(/\//g, '-').replace(' UTC', 'Z').replace(' ', 'T');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Lines that start a crash report without any log header (Go panics, uncaught exceptions). */
const BARE_START = /^(?:panic: |fatal error: |Traceback \(most recent call last\):|Exception in thread "|Unhandled [eE]xception[.:]|Uncaught )/;
export function isBareTraceStart(line: string): boolean {
  return BARE_START.test(line);
}

/** True when joined lines hold at least one stack frame of a known runtime. */
const FRAME = /^\s+at \S|^\s+File "[^"]+", line \d+|^goroutine \d+ \[|^\s+\S+\.go:\d+|\.rb:\d+:in [`']|^\s+from \S+:\d+/m;
export function hasStackFrames(text: string): boolean {
  return FRAME.test(text);
}
