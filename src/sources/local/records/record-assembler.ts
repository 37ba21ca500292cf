// Lines of one stream → log records. Decided line by line, so a file may mix JSON records, plain
// text records and crash output:
// - a JSON object line is one record (handed to `json` as it is);
// - a plain-text header line (header-formats.ts) starts a text record; the lines after it that
//   are no header join it, until a trace printed under it ends (trace-grammar.ts);
// - a crash report without header (Python traceback, Go panic, `Exception in thread`, Node's
//   uncaught-exception report…) is a record of its own, ended by its runtime's grammar;
// - any other line is a record too (a print), which a stack printed right under it joins
//   (`console.error(err)`, `e.printStackTrace()`).
// Every line is counted once: as a record's first line, as joined into one, as blank, or (by the
// caller) as skipped. Records are bounded: past the caps lines are still counted, not kept.
import type { LogStatus } from '../../../core/model';
import { isErrorStatus } from '../presets/levels';
import { parseJulLevelLine, parseTextHeader, type TextHeader, type TimeContext } from '../text/header-formats';
import { traceBeginsAt, traceStart, TraceGrammar, type Runtime, type TraceStart } from '../text/trace-grammar';
import { parseTimestamp } from '../text/text-time';
import type { LogicalLine } from './container';
import { JsonBlock, opensJsonBlock } from './json-block';

export const MAX_RECORD_LINES = 2000;
export const MAX_RECORD_CHARS = 512 * 1024;

/** A finished plain-text record. */
export interface TextRecord {
  lineNo: number;
  stream: string;
  /** The container runtime's (or kubectl's) timestamp of the first line, if any. */
  time?: number;
  firstLine: string;
  header?: TextHeader;
  /** Set when the record is a crash report without log header. */
  crash?: TraceStart;
  /** Lines after the first, up to where a trace begins. */
  body: string[];
  /** The trace, from its first line (the exception header where one was printed). */
  trace?: string;
  runtime?: Runtime;
  /** Lines counted but not kept (past the caps). */
  droppedLines: number;
}

export interface LineCounts {
  records: number;
  joined: number;
  blank: number;
}

export interface RecordSink {
  json(text: string, line: LogicalLine): void;
  text(record: TextRecord): void;
  /** Lines that cannot be read as a record (a multi-line JSON object that never closed or parsed). */
  skip(lineNo: number, lines: number, reason: string, problem: string): void;
}

interface Open {
  lineNo: number;
  stream: string;
  time?: number;
  firstLine: string;
  header?: TextHeader;
  crash?: TraceStart;
  /** A print that only a stack printed under it could make an error. */
  stray: boolean;
  lines: string[];
  chars: number;
  dropped: number;
  pendingBlanks: number;
  grammar?: TraceGrammar;
  /** Index in `lines` where the trace starts; -1: the header's message is its first line. */
  traceFrom?: number;
  julPending: boolean;
}

// "kubectl logs --timestamps" and "aws logs tail" put an RFC 3339 time (and, for the latter, the
// stream name) before each line the program wrote; the line itself is read after it.
const LINE_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) (?:([\w.-]+(?:\/[\w.-]+)+) )?/;

export class RecordAssembler {
  private open?: Open;
  private block?: JsonBlock;

  constructor(
    private readonly sink: RecordSink,
    private readonly counts: LineCounts,
    private readonly time: TimeContext,
  ) {}

  /** First line of the record still being read, if any. */
  get openSince(): number | undefined {
    return this.block?.first.lineNo ?? this.open?.lineNo;
  }

  line(l: LogicalLine): void {
    let text = l.text;
    this.counts.joined += l.extraLines;
    if (isBlank(text)) {
      if (this.open) this.open.pendingBlanks++;
      else this.counts.blank++;
      return;
    }
    if (this.block) {
      if (!this.continuesBlock(text)) this.endBlock(false);
      else if (this.block.add(text) || this.block.lines >= MAX_RECORD_LINES || this.block.chars > MAX_RECORD_CHARS) return this.endBlock(true);
      else return;
    }
    // Most lines of a JSON Lines file: no header can start with "{", so none is looked for.
    const jsonLike = text.charCodeAt(0) === 123;
    let header = jsonLike ? undefined : parseTextHeader(text, this.time);
    let time = l.time;
    if (header && header.format === 'timestamp-level' && header.level === undefined) {
      const prefix = LINE_PREFIX.exec(text);
      if (prefix) {
        time ??= parseTimestamp(prefix[1], this.time);
        text = text.slice(prefix[0].length);
        if (isBlank(text)) return this.line({ ...l, text: '', extraLines: 0 });
        header = parseTextHeader(text, this.time);
      }
    }
    const open = this.open;
    if (open) {
      if (open.julPending) {
        open.julPending = false;
        const jul = parseJulLevelLine(text);
        if (jul && open.header) {
          open.header.status = jul.status;
          open.header.level = jul.level;
          open.header.message = jul.message;
          this.counts.joined += 1 + this.takeBlanks(open);
          return;
        }
      }
      if (header || looksLikeJsonObject(text)) this.close();
      else if (this.continues(open, text)) return this.join(open, text);
      else this.close();
    }
    if (header) return this.begin(l, time, text, { header });
    if (opensJsonBlock(text)) {
      this.block = new JsonBlock({ ...l, text });
      return;
    }
    if (text.charCodeAt(0) === 123 /* { */ || looksLikeJsonObject(text)) return this.sink.json(text, l);
    const crash = traceStart(text);
    if (crash) return this.begin(l, time, text, { crash });
    this.begin(l, time, text, { stray: true });
  }

  /** End of input (or the file went quiet): the record being read is complete. */
  flush(): void {
    if (this.block) this.endBlock(false);
    this.close();
  }

  /**
   * Inside a multi-line JSON object lines are indented or open with a string, bracket or brace;
   * anything else (prose, a record header, a one-line object of its own) means it was cut short.
   */
  private continuesBlock(text: string): boolean {
    return /^[\s"{}[\]]/.test(text) && !(looksLikeJsonObject(text) && text.charCodeAt(0) === 123) && parseTextHeader(text, this.time) === undefined;
  }

  private endBlock(closed: boolean): void {
    const block = this.block!;
    this.block = undefined;
    const json = closed ? block.oneLine() : undefined;
    if (json === undefined) {
      const why = closed ? 'does not parse' : 'never closes';
      const what = block.lines === 1 ? 'the object' : `an object over ${block.lines} lines`;
      return this.sink.skip(block.first.lineNo, block.lines, 'invalid JSON', `invalid JSON: ${what} ${why}`);
    }
    this.counts.joined += block.lines - 1;
    this.sink.json(json, block.first);
  }

  private begin(l: LogicalLine, time: number | undefined, text: string, what: { header?: TextHeader; crash?: TraceStart; stray?: boolean }): void {
    this.counts.records++;
    const open: Open = {
      lineNo: l.lineNo,
      stream: l.stream,
      time,
      firstLine: text,
      header: what.header,
      crash: what.crash,
      stray: what.stray ?? false,
      lines: [],
      chars: text.length,
      dropped: 0,
      pendingBlanks: 0,
      julPending: what.header?.levelOnNextLine ?? false,
    };
    if (what.crash) open.grammar = new TraceGrammar(what.crash.runtime);
    this.open = open;
  }

  /** Whether `text` (no header, no JSON) belongs to the open record; starts its trace when it begins one. */
  private continues(open: Open, text: string): boolean {
    if (open.grammar) return open.grammar.accepts(text);
    const crash = traceStart(text);
    if (crash) {
      // A logged exception prints its traceback under its record; a crash report is its own.
      if (crash.alwaysNew || open.stray || !warnOrWorse(open.header?.status)) return false;
      open.grammar = new TraceGrammar(crash.runtime);
      open.traceFrom = open.lines.length;
      return true;
    }
    const runtime = traceBeginsAt(text);
    if (runtime) {
      open.grammar = new TraceGrammar(runtime, 'frames');
      // A frame's header is the line above it ("TypeError: x"); -1 when none was printed: the log message.
      open.traceFrom = runtime === 'python' || runtime === 'dart' ? open.lines.length : open.lines.length - 1;
      return true;
    }
    // A print takes only indented lines (a stack may follow); a log record takes everything
    // up to the next header (messages that span lines, stacks printed by hand).
    return !open.stray || /^[ \t]/.test(text);
  }

  private join(open: Open, text: string): void {
    this.counts.joined += 1 + open.pendingBlanks;
    const blanks = open.pendingBlanks;
    open.pendingBlanks = 0;
    if (open.lines.length + blanks + 2 > MAX_RECORD_LINES || open.chars + text.length > MAX_RECORD_CHARS) {
      open.dropped += blanks + 1;
      return;
    }
    for (let i = 0; i < blanks; i++) open.lines.push('');
    open.lines.push(text);
    open.chars += text.length + 1;
  }

  private takeBlanks(open: Open): number {
    const n = open.pendingBlanks;
    open.pendingBlanks = 0;
    return n;
  }

  private close(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    this.counts.blank += open.pendingBlanks;
    const record: TextRecord = {
      lineNo: open.lineNo,
      stream: open.stream,
      time: open.time,
      firstLine: open.firstLine,
      header: open.header,
      crash: open.crash,
      body: open.lines,
      droppedLines: open.dropped,
    };
    if (open.crash) {
      const lines = [open.firstLine, ...open.lines];
      // Node's crash report shows the throwing source line and a caret above the error: the
      // trace proper starts after them (the excerpt is kept as the record's body).
      const caret = open.crash.runtime === 'node-crash' ? lines.findIndex((l) => /^\s*\^+\s*$/.test(l)) : -1;
      let from = caret + 1;
      while (caret >= 0 && from < lines.length && lines[from].trim() === '') from++;
      record.trace = trimBlankEnd(lines.slice(caret >= 0 ? from : 0)).join('\n');
      record.body = caret >= 0 ? lines.slice(0, caret + 1) : [];
      record.runtime = open.crash.runtime;
    } else if (open.grammar && open.traceFrom !== undefined) {
      const from = open.traceFrom;
      const first = from < 0 ? (open.header ? open.header.message : open.firstLine) : undefined;
      const traceLines = from < 0 ? [first!, ...open.lines] : open.lines.slice(from);
      record.trace = trimBlankEnd(traceLines).join('\n');
      record.body = from < 0 ? [] : open.lines.slice(0, from);
      record.runtime = open.grammar.runtime;
    }
    this.sink.text(record);
  }
}

function warnOrWorse(status: LogStatus | undefined): boolean {
  return status === 'warn' || isErrorStatus(status);
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  return (c === 32 || c === 9) && text.trim() === '';
}

/** A JSON object on one line: `{"…": …}` (Node's `{` that opens an error's properties is not). */
export function looksLikeJsonObject(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 123) return false;
  i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const next = text.charCodeAt(i);
  if (next !== 34 /* " */ && next !== 125 /* } */) return false;
  let end = text.length - 1;
  while (end > i && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end--;
  return text.charCodeAt(end) === 125;
}

function trimBlankEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  return end === lines.length ? lines : lines.slice(0, end);
}
