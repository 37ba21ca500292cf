// A finished plain-text record → an error event, or undefined when it is not an error. Every
// record at error level or above is one (with or without a stack); a crash report without
// header is one; a print is one only when a stack was printed under it. With the stricter
// Datadog rule (`withErrorAttributes`) only records that carry a stack or an error type count.
import type { ErrorEvent, JsonObject, LogStatus } from '../../../core/model';
import { isErrorStatus } from '../presets/levels';
import { asText } from '../presets/paths';
import { stackFromArray } from '../presets/stack-arrays';
import type { TextRecord } from './record-assembler';

export type ErrorEventRule = 'all' | 'withErrorAttributes';

export interface TextEventContext {
  defaultService: string;
  /** Time for records that print none: the last record's, else the file's modification time. */
  lastTime: number;
  rule: ErrorEventRule;
}

const MAX_CONTINUATION_CHARS = 4096;

export function textRecordEvent(record: TextRecord, ctx: TextEventContext): ErrorEvent | undefined {
  const status = statusOf(record);
  if (!isErrorStatus(status)) return undefined;
  const header = record.header;
  const attributes: JsonObject = { ...(header?.attributes ?? {}) };
  if (header?.logger) attributes['logger.name'] = header.logger;
  if (record.body.length > 0) attributes['log.continuation'] = clip(record.body.join('\n'));
  if (record.droppedLines > 0) attributes['log.dropped_lines'] = record.droppedLines;
  if (record.stream) attributes['log.stream'] = record.stream;

  const event: ErrorEvent = {
    timestamp: header?.timestamp ?? record.time ?? ctx.lastTime,
    service: asText(attributes.service) ?? asText(attributes['syslog.appname']) ?? ctx.defaultService,
    status: status!,
    message: header ? header.message : record.crash ? '' : record.firstLine,
    error: {},
    attributes,
  };
  if (record.trace) event.error.stack = record.trace;
  fillFromAttributes(event, attributes);
  // Ruby's Logger prints "message (ErrorClass)" above the backtrace.
  const ruby = header && record.runtime === 'ruby' ? /^(.*) \(([A-Z][\w:]*)\)$/.exec(header.message) : null;
  if (ruby && !event.error.kind) {
    event.error.kind = ruby[2];
    event.error.message = ruby[1];
  }
  if (ctx.rule === 'withErrorAttributes' && !event.error.stack && !event.error.kind) return undefined;
  return event;
}

/** Header rows where a record may print no level at all. */
const LEVEL_LESS = new Set(['timestamp-level', 'syslog-file', 'java-util-logging']);

function statusOf(record: TextRecord): LogStatus | undefined {
  const { header, crash, trace } = record;
  if (crash) return crash.status;
  // A record whose format shows no level but that carries a stack ("http: panic serving …").
  if (header) return LEVEL_LESS.has(header.format) && header.level === undefined && trace ? 'error' : header.status;
  if (!trace) return undefined;
  // A goroutine dump (pprof, SIGQUIT) is not a crash unless it began with a panic; Node's
  // "(node:42) …Warning:" prints a stack under a warning.
  if (record.runtime === 'go' || /^\(node:[^)]+\) \w*Warning: /.test(record.firstLine)) return 'warn';
  return 'error';
}

/** Error fields a format carried as attributes: Lambda's errorType/errorMessage/stack, logfmt's and zap's `error`. */
function fillFromAttributes(event: ErrorEvent, attributes: JsonObject): void {
  const kind = asText(attributes.errorType);
  const errorMessage = asText(attributes.errorMessage);
  if (kind) event.error.kind = kind;
  if (errorMessage) event.error.message = errorMessage;
  const stack = attributes.stack ?? attributes.stackTrace;
  if (!event.error.stack && (Array.isArray(stack) || (typeof stack === 'string' && stack.includes('\n')))) {
    event.error.stack = typeof stack === 'string' ? stack : stackFromArray(stack, kind, errorMessage);
    delete attributes.stack;
    delete attributes.stackTrace;
  }
  const err = asText(attributes.error) ?? asText(attributes.err);
  // "Reconciler error" with error="conflict": both say what went wrong, and the pair tells issues apart.
  if (err && !event.error.message) event.error.message = event.message && !err.includes(event.message) ? `${event.message}: ${err}` : err;
}

function clip(text: string): string {
  return text.length > MAX_CONTINUATION_CHARS ? text.slice(0, MAX_CONTINUATION_CHARS) + '…' : text;
}
