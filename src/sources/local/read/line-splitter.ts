// Splits decoded text chunks into lines without ever holding an over-long line whole: once a
// line passes the cap its text is dropped and the rest is skipped until the next newline.

export interface LineSink {
  line(text: string, lineNo: number): void;
  malformed(lineNo: number, problem: string): void;
}

export interface SplitterOptions {
  /** Longest line kept, in UTF-16 code units (about bytes for log text). */
  maxLineLength: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

export class LineSplitter {
  private carry = '';
  private skipping = false;
  private checkBinary = true;
  /** Number of the last line handed out or skipped. */
  lineNo: number;

  constructor(
    private readonly sink: LineSink,
    private readonly options: SplitterOptions = { maxLineLength: DEFAULT_MAX_LINE_LENGTH },
    startLineNo = 0,
  ) {
    this.lineNo = startLineNo;
  }

  /** Text of the unfinished last line (held until its newline). */
  get pending(): string {
    return this.carry;
  }

  /** True while the unfinished last line is over the cap and being skipped. */
  get skippingLongLine(): boolean {
    return this.skipping;
  }

  push(chunk: string): void {
    let start = 0;
    const max = this.options.maxLineLength;
    // Most chunks hold no NUL and no undecodable byte: then no line of it needs the binary test.
    this.checkBinary = chunk.indexOf('\0') >= 0 || chunk.indexOf('\uFFFD') >= 0 || this.carry.length > 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      if (this.skipping) {
        this.skipping = false;
        this.tooLong();
      } else if (this.carry.length > 0) {
        const text = this.carry + chunk.slice(start, nl);
        this.carry = '';
        if (text.length > max) this.tooLong();
        else this.emit(text);
      } else if (nl - start > max) {
        this.tooLong();
      } else {
        this.emit(chunk.slice(start, nl));
      }
      start = nl + 1;
    }
    if (start < chunk.length && !this.skipping) {
      const rest = start === 0 ? chunk : chunk.slice(start);
      if (this.carry.length + rest.length > max) {
        this.carry = '';
        this.skipping = true;
      } else {
        this.carry += rest;
      }
    }
  }

  /** Starts over at line 1 (a rotated or truncated file). */
  reset(): void {
    this.carry = '';
    this.skipping = false;
    this.lineNo = 0;
  }

  /** Hands out the unfinished last line (end of a finished file). */
  flush(): void {
    if (this.skipping) {
      this.skipping = false;
      this.tooLong();
    } else if (this.carry.length > 0) {
      const text = this.carry;
      this.carry = '';
      this.emit(text);
    }
  }

  private tooLong(): void {
    this.lineNo++;
    this.sink.malformed(this.lineNo, `line longer than ${this.options.maxLineLength} characters skipped`);
  }

  private emit(text: string): void {
    this.lineNo++;
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    const problem = this.checkBinary ? binaryProblem(text) : undefined;
    if (problem) this.sink.malformed(this.lineNo, problem);
    else this.sink.line(text, this.lineNo);
  }
}

/** A line with NUL bytes or many undecodable bytes is binary, not log text. */
export function binaryProblem(text: string): string | undefined {
  if (text.indexOf('\0') >= 0) return 'binary data (NUL bytes)';
  let bad = text.indexOf('\uFFFD');
  if (bad < 0) return undefined;
  let count = 0;
  while (bad >= 0) {
    count++;
    bad = text.indexOf('\uFFFD', bad + 1);
  }
  return count > 4 && count / text.length > 0.1 ? 'binary data (invalid UTF-8)' : undefined;
}
