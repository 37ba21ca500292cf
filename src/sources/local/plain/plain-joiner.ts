// Joins a plain-text error record with the stack trace printed on the lines after it into one
// error event. Records end at the next line that starts with a timestamp (a new record).
// An error-level record with no stack frame after it is not an error event (nothing to group
// on but wording); a crash printed without any log header (Go panic, Python traceback,
// "Exception in thread …") is one, timed at the last record seen.
import type { ErrorEvent } from '../../../core/model';
import { isErrorStatus } from '../presets/levels';
import { hasStackFrames, isBareTraceStart, parseHeader, type RecordHeader } from './record-header';

const MAX_TRACE_LINES = 2000;
const MAX_TRACE_CHARS = 512 * 1024;

export interface PlainContext {
  fallbackTime: number;
  defaultService: string;
}

interface OpenRecord {
  header: RecordHeader;
  headerLine: string;
  startLine: number;
  trace: string[];
  chars: number;
  bare: boolean;
}

export class PlainTextJoiner {
  private open?: OpenRecord;
  private lastTime: number;
  private readonly year: number;
  /** Records seen (header lines and bare crash reports). */
  records = 0;

  constructor(private readonly ctx: PlainContext, private readonly emit: (event: ErrorEvent, line: number) => void) {
    this.lastTime = ctx.fallbackTime;
    this.year = new Date(ctx.fallbackTime).getUTCFullYear();
  }

  line(text: string, lineNo: number): void {
    const header = parseHeader(text, this.year);
    if (header) {
      this.records++;
      this.close();
      if (header.timestamp !== undefined) this.lastTime = header.timestamp;
      if (isErrorStatus(header.status)) this.open = { header, headerLine: text, startLine: lineNo, trace: [], chars: 0, bare: false };
      return;
    }
    if (!this.open && isBareTraceStart(text)) {
      this.records++;
      const status = text.startsWith('panic') || text.startsWith('fatal') ? 'critical' : 'error';
      this.open = { header: { status, message: text, timestamp: this.lastTime }, headerLine: text, startLine: lineNo, trace: [text], chars: text.length, bare: true };
      return;
    }
    const open = this.open;
    if (!open || open.trace.length >= MAX_TRACE_LINES || open.chars + text.length > MAX_TRACE_CHARS) return;
    open.trace.push(text);
    open.chars += text.length + 1;
  }

  /** Ends the record in progress (end of file, or the file went quiet). */
  flush(): void {
    this.close();
  }

  private close(): void {
    const open = this.open;
    this.open = undefined;
    if (!open) return;
    while (open.trace.length > 0 && open.trace[open.trace.length - 1].trim() === '') open.trace.pop();
    const stack = open.trace.join('\n');
    if (!hasStackFrames(stack) && !open.bare) return;
    const event: ErrorEvent = {
      timestamp: open.header.timestamp ?? this.lastTime,
      service: this.ctx.defaultService,
      status: open.header.status,
      message: open.header.message,
      error: { stack },
      attributes: { 'log.header': open.headerLine },
    };
    // Ruby's Logger prints "message (ErrorClass)" above the backtrace.
    const ruby = /^(.*) \(([A-Z][\w:]*)\)$/.exec(open.header.message);
    if (ruby && /\.rb:\d+/.test(stack)) {
      event.error.kind = ruby[2];
      event.error.message = ruby[1];
    }
    this.emit(event, open.startLine);
  }
}
