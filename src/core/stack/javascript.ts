// JavaScript stacks: V8 (Node, Chrome, Edge) `at` frames and Gecko/WebKit `fn@url:line:col` frames.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, headerFrom, indentOf, makeFrame, newError, plausibleKind, splitKindMessage, splitLocation } from './util';

/** Parses the location part of a V8 frame: `file:line:col`, `native`, `<anonymous>`, eval chains. */
function v8Location(loc: string): { file: string; line?: number; column?: number; eval?: boolean; native?: boolean } {
  let isEval = false;
  if (loc.startsWith('eval at ')) {
    isEval = true;
    // `eval at foo (eval at bar (file:1:2)), <anonymous>:1:30`: the location is after the last `, `.
    const comma = loc.lastIndexOf(', ');
    if (comma >= 0) loc = loc.slice(comma + 2);
    else {
      const open = loc.lastIndexOf('(');
      const close = loc.indexOf(')', open);
      if (open >= 0 && close > open) loc = loc.slice(open + 1, close);
    }
  }
  if (loc === 'native') return { file: 'native', native: true };
  const parsed: { file: string; line?: number; column?: number; eval?: boolean } = splitLocation(loc) ?? { file: loc };
  if (isEval) parsed.eval = true;
  return parsed;
}

export function parseV8Frame(body: string): Frame | undefined {
  // body is the text after `at `
  let fn = '';
  let loc: string;
  if (body.endsWith(')')) {
    const open = body.indexOf(' (');
    if (open > 0) {
      fn = body.slice(0, open);
      loc = body.slice(open + 2, -1);
    } else if (body.startsWith('(')) {
      // `at (anonymous function).then (file)` has its name starting with a parenthesis
      const again = body.indexOf(' (', 1);
      if (again < 0) return undefined;
      fn = body.slice(0, again);
      loc = body.slice(again + 2, -1);
    } else {
      loc = body;
    }
  } else {
    loc = body;
  }
  if (fn.startsWith('async ')) fn = fn.slice(6);
  if (loc === '<anonymous>' && fn === '') {
    return makeFrame('javascript', { file: '<anonymous>', function: '' });
  }
  const where = v8Location(loc);
  if (where.line === undefined && fn === '' && !where.native && where.file !== '<anonymous>') {
    // `at something` with neither a name nor a position: only accept path- or URL-looking text.
    if (!/^[\w.-]*:|^[/\\]/.test(where.file)) return undefined;
  }
  return makeFrame('javascript', {
    file: where.file,
    line: where.line,
    column: where.column,
    function: fn,
    eval: where.eval || fn === 'eval' || undefined,
    native: where.native,
  });
}

/** Gecko / WebKit: `fn@url:line:col`, `@url:line:col`, `url:line:col`, `fn@[native code]`. */
export function parseGeckoFrame(line: string): Frame | undefined {
  const at = line.indexOf('@');
  let fn = '';
  let loc = line;
  if (at >= 0) {
    fn = line.slice(0, at);
    loc = line.slice(at + 1);
    if (fn.includes(' (') || fn.startsWith('at ')) return undefined;
  }
  if (loc === '[native code]') return makeFrame('javascript', { file: '[native code]', function: fn, native: true });
  const where = splitLocation(loc);
  if (!where || where.file === '') return undefined;
  if (at < 0 && !/^(?:[a-z][\w+.-]*:\/\/|\/|[A-Za-z]:\\|blob:|webpack:)/.test(where.file)) return undefined;
  if (where.file.includes(' ') && !where.file.includes(' > ') && !where.file.includes('://')) return undefined;
  return makeFrame('javascript', {
    file: where.file,
    line: where.line,
    column: where.column,
    function: fn,
    eval: where.file.includes(' > eval') || where.file.includes('> Function') || undefined,
  });
}

/** Browser consoles prefix `Uncaught ` (and `Uncaught (in promise) `). */
function stripUncaught(line: string): string {
  if (line.startsWith('Uncaught (in promise) ')) return line.slice(22);
  return line.startsWith('Uncaught ') ? line.slice(9) : line;
}

/** Node's coded errors: `Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers` -> kind `Error [ERR_HTTP_HEADERS_SENT]`. */
function nodeCodedHeader(head: string[]): { kind: string; message: string } | undefined {
  const first = head.find((l) => l.trim() !== '');
  if (!first || first.length > MAX_LINE) return undefined;
  const m = /^([A-Za-z_$][\w$.]*) \[([A-Z0-9_]+)\]:? ?(.*)$/.exec(stripUncaught(first.trim()));
  if (!m) return undefined;
  const rest = head.slice(head.indexOf(first) + 1).join('\n').trimEnd();
  return { kind: `${m[1]} [${m[2]}]`, message: clip(rest ? m[3] + '\n' + rest : m[3]) };
}

export function parseJavaScript(lines: string[]): ParsedError | undefined {
  let root: ParsedError | undefined;
  let current: ParsedError | undefined;
  let header: string[] = [];
  let framesSeen = false;

  const start = (head: string[]) => {
    const km = nodeCodedHeader(head) ?? headerFrom(head, plausibleKind, stripUncaught);
    const err = newError('javascript', km.kind, km.message);
    if (current) current.cause = err;
    else root = err;
    current = err;
  };
  // A frame line: the lines gathered before it were the exception's header.
  const addFrame = (frame: Frame) => {
    if (!current) start(header);
    header = [];
    current!.frames.push(frame);
    framesSeen = true;
  };

  for (const raw of lines) {
    if (raw.length > MAX_LINE) {
      if (!framesSeen) header.push(clip(raw));
      continue;
    }
    const ind = indentOf(raw);
    const line = ind > 0 ? raw.slice(ind).trimEnd() : raw.trimEnd();
    if (line.startsWith('at ')) {
      const frame = parseV8Frame(line.slice(3));
      if (frame) {
        addFrame(frame);
        continue;
      }
    }
    // Node's util.inspect of error.cause: `[cause]: TypeError: msg`
    const causeAt = line.indexOf('[cause]: ');
    if (framesSeen && causeAt >= 0 && causeAt < 8) {
      const text = line.slice(causeAt + 9);
      const err = newError('javascript');
      const km = splitKindMessage(text);
      err.kind = km?.kind ?? '';
      err.message = clip(km ? km.message : text);
      if (current) current.cause = err;
      current = err;
      continue;
    }
    if (line.length > 0 && (line.includes('@') || line.includes('://') || /:\d+:\d+$/.test(line))) {
      const frame = parseGeckoFrame(line);
      if (frame) {
        addFrame(frame);
        continue;
      }
    }
    if (!framesSeen) {
      if (line.length > 0 || header.length > 0) header.push(raw.trimEnd());
    }
  }
  if (!root) {
    const text = header.join('\n').trim();
    if (!text) return undefined;
    const km = splitKindMessage(text);
    if (!km) return undefined;
    return newError('javascript', km.kind, km.message);
  }
  return root;
}
