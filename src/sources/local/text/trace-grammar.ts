// Where a stack trace printed as plain text starts and where it ends. Each runtime prints its
// traces in a small grammar (Python: indented frames, then one unindented "Kind: message" line;
// Java: "\tat" frames and "Caused by:"; Go: goroutine blocks; …). A trace ends where its
// grammar ends, so the line after it — a print, a banner, the next crash — is never swallowed
// into it. Blank lines are the reader's business: it holds them until the next line says whether
// the trace goes on.
import type { LogStatus } from '../../../core/model';

export type Runtime = 'python' | 'at-frames' | 'node-crash' | 'go' | 'dotnet' | 'ruby' | 'php' | 'rust' | 'elixir' | 'dart';

export interface TraceStart {
  runtime: Runtime;
  status: LogStatus;
  /**
   * True for crash reports only a runtime prints (never a logger): they start a new record
   * even right after an error log line. A Python "Traceback" is also what `logger.exception`
   * prints under its record, so it joins an open error or warning record without a trace.
   */
  alwaysNew: boolean;
}

interface StartRule extends TraceStart {
  test: RegExp;
  /** A real first line of such a crash, and the runtime that printed it. */
  sample: string;
}

const START_RULES: StartRule[] = [
  { runtime: 'python', status: 'error', alwaysNew: false, test: /^Traceback \(most recent call last\):\s*$/, sample: 'Traceback (most recent call last):' },
  { runtime: 'python', status: 'error', alwaysNew: false, test: /^\s*\+ Exception Group Traceback \(most recent call last\):\s*$/, sample: '  + Exception Group Traceback (most recent call last):' },
  { runtime: 'at-frames', status: 'error', alwaysNew: true, test: /^Exception in thread "[^"]*" \S/, sample: 'Exception in thread "main" java.lang.IllegalStateException: boom' },
  { runtime: 'node-crash', status: 'error', alwaysNew: true, test: /^(?:file:\/\/)?(?:\/|[A-Za-z]:\\|node:)\S*:\d+\s*$/, sample: '/app/server.js:12' },
  { runtime: 'at-frames', status: 'error', alwaysNew: true, test: /^Uncaught \S/, sample: "Uncaught TypeError: Cannot read properties of undefined (reading 'id')" },
  { runtime: 'go', status: 'critical', alwaysNew: true, test: /^(?:panic: |fatal error: )/, sample: 'panic: runtime error: invalid memory address or nil pointer dereference' },
  { runtime: 'dotnet', status: 'critical', alwaysNew: true, test: /^Unhandled [eE]xception(?:\. |: ?\S)/, sample: 'Unhandled exception. System.InvalidOperationException: Sequence contains no elements' },
  { runtime: 'rust', status: 'critical', alwaysNew: true, test: /^thread '[^']*' panicked at /, sample: "thread 'main' panicked at src/main.rs:4:5:" },
  { runtime: 'php', status: 'critical', alwaysNew: true, test: /^(?:PHP )?(?:Fatal error|Parse error):\s/, sample: 'PHP Fatal error:  Uncaught Exception: boom in /app/index.php:3' },
  { runtime: 'ruby', status: 'error', alwaysNew: true, test: /^\S+\.rb:\d+:in [`'][^']*'?: .* \([A-Z][\w:]*\)\s*$/, sample: "app.rb:3:in 'charge': card declined (RuntimeError)" },
  { runtime: 'elixir', status: 'error', alwaysNew: true, test: /^\*\* \([A-Z][\w.]*\) /, sample: '** (RuntimeError) boom' },
  { runtime: 'dart', status: 'error', alwaysNew: true, test: /^Unhandled exception:\s*$/, sample: 'Unhandled exception:' },
];

export const TRACE_START_SAMPLES = START_RULES.map((r) => ({ sample: r.sample, runtime: r.runtime }));

/** The crash or trace a line starts, if any. */
export function traceStart(line: string): TraceStart | undefined {
  const c = line.charCodeAt(0);
  // Only the exception-group header is indented; skip the regexes for other indented lines.
  if ((c === 32 || c === 9) && !line.includes('+ Exception Group')) return undefined;
  for (const rule of START_RULES) if (rule.test.test(line)) return rule;
  return undefined;
}

/**
 * A line inside an error record that shows a trace has begun there (for records that began as
 * a log line, whose next lines are free text until then), with the runtime it implies.
 */
export function traceBeginsAt(line: string): Runtime | undefined {
  if (/^\s+at \S/.test(line)) return 'at-frames';
  if (/^Traceback \(most recent call last\):/.test(line) || /^\s+File "[^"]*", line \d+/.test(line)) return 'python';
  if (/^goroutine \d+ /.test(line) || /^\t\S+\.go:\d+/.test(line)) return 'go';
  if (/^\s+from \S+:\d+:in /.test(line) || /^\S+\.rb:\d+:in [`']/.test(line)) return 'ruby';
  if (/^(?:PHP )?Stack trace:$/.test(line) || /^#\d+ \S+\.php\(\d+\)/.test(line)) return 'php';
  if (/^#\d+\s+\S.*\((?:file|package|dart):/.test(line)) return 'dart';
  return undefined;
}

const INDENTED = /^[ \t]+\S/;
const PY_CHAIN = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)\s*$/;
const GO_LINE = /^(?:goroutine \d+ |\[signal |created by |panic: |fatal error: |runtime stack:|\[recovered\]|\.\.\.\d* ?additional frames elided|[^\s(]+\(.*\)(?: \S+)?$|[\w.\-/*()\[\]]+$)/;
const NODE_VERSION = /^Node\.js v\d/;

/** Reads one trace line by line and says whether each next line still belongs to it. */
export class TraceGrammar {
  private phase: string;
  private headerLines = 0;

  constructor(public runtime: Runtime, phase?: string) {
    this.phase = phase ?? initialPhase(runtime);
  }

  /** True when `line` (never blank: the reader holds blank lines) continues the trace. */
  accepts(line: string): boolean {
    const indented = INDENTED.test(line);
    switch (this.runtime) {
      case 'python':
        return this.python(line, indented);
      case 'at-frames':
        return this.atFrames(line, indented);
      case 'node-crash':
        return this.nodeCrash(line, indented);
      case 'go':
        if (/^exit status \d+$/.test(line)) return this.to('done');
        return this.phase !== 'done' && (indented || GO_LINE.test(line));
      case 'rust':
        if (this.phase === 'message') return this.to('rest');
        return indented || /^(?:note: |stack backtrace:)/.test(line);
      case 'dart':
        if (this.phase === 'message') return this.to('rest');
        return /^#\d+\s/.test(line) || /^<asynchronous suspension>$/.test(line) || indented;
      case 'php':
        return indented || /^(?:PHP )?Stack trace:$/.test(line) || /^(?:PHP\s+)?#\d+ /.test(line) || /^PHP\s+\d+\. /.test(line);
      case 'ruby':
        return indented || /^\S+:\d+:in [`']/.test(line);
      case 'dotnet':
      case 'elixir':
        return indented;
    }
  }

  private to(phase: string): true {
    this.phase = phase;
    return true;
  }

  private python(line: string, indented: boolean): boolean {
    if (this.phase === 'frames') {
      if (indented || /^Traceback \(most recent call last\):/.test(line)) return true;
      if (PY_CHAIN.test(line)) return this.to('chain');
      return this.to('done'); // the "Kind: message" line that ends a traceback
    }
    if (this.phase === 'chain') {
      if (/^Traceback \(most recent call last\):/.test(line) || /^\s*\+ Exception Group Traceback/.test(line)) return this.to('frames');
      return false;
    }
    // done: only a chained exception continues it
    return PY_CHAIN.test(line) ? this.to('chain') : false;
  }

  private atFrames(line: string, indented: boolean): boolean {
    if (this.phase === 'props') {
      if (/^\}/.test(line)) this.phase = 'frames';
      return true;
    }
    if (this.phase === 'done') return false;
    if (/^\s+at \S/.test(line) || /^\s*\.\.\. \d+ (?:more|common frames omitted)/.test(line)) return this.to('frames');
    if (/^\s*(?:Caused by|Suppressed): /.test(line) || /^\s*---> /.test(line)) return this.to('header');
    // .NET between async frames; Node under an unhandled 'error' event, before the emitter's stack
    if (/^\s*--- End of /.test(line) || /^Emitted '[^']*' event .* at:$/.test(line)) return true;
    if (indented) return true;
    if (/^\{\s*$/.test(line) || /^\S.* \{$/.test(line)) return this.to('props'); // Node prints an error's own properties after its stack
    if (NODE_VERSION.test(line)) return this.to('done');
    if (this.phase === 'header' && this.headerLines < 20) {
      this.headerLines++; // an exception message that spans lines, before its first frame
      return true;
    }
    return false;
  }

  private nodeCrash(line: string, indented: boolean): boolean {
    // "/app/x.js:12", the source line, a caret line, a blank, then the error and its stack.
    if (this.phase === 'excerpt') {
      if (/^\s*\^+\s*$/.test(line)) return this.to('after-caret');
      return ++this.headerLines <= 3;
    }
    if (this.phase === 'after-caret') {
      this.runtime = 'at-frames';
      return this.to('header');
    }
    return this.atFrames(line, indented);
  }
}

function initialPhase(runtime: Runtime): string {
  switch (runtime) {
    case 'python':
      return 'frames';
    case 'at-frames':
      return 'header';
    case 'node-crash':
      return 'excerpt';
    case 'rust':
    case 'dart':
      return 'message';
    default:
      return 'frames';
  }
}
