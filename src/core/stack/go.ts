// Go: panics and fatal errors with goroutine dumps, github.com/pkg/errors `%+v` stacks, zap's
// `stacktrace` field (same function / tab-indented file:line pairs) and one-line
// `pkg.Func (file.go:12)` frames.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, isDigits, makeFrame, newError } from './util';

/** `\t/path/file.go:123 +0x1d fp=0x.. sp=0x.. pc=0x..` -> file and line. */
function parseLocationLine(raw: string): { file: string; line: number } | undefined {
  const ind = indentOf(raw);
  if (ind === 0) return undefined;
  let t = raw.slice(ind).trimEnd();
  const fp = t.indexOf(' fp=');
  if (fp > 0) t = t.slice(0, fp);
  const off = t.lastIndexOf(' +0x');
  if (off > 0) t = t.slice(0, off);
  const colon = t.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const num = t.slice(colon + 1);
  if (!isDigits(num)) return undefined;
  const file = t.slice(0, colon);
  if (file.includes(' ') && !file.includes('/')) return undefined;
  return { file, line: Number(num) };
}

/** The function of a frame line: `pkg.(*T).M(0x1, 0x2)` -> `pkg.(*T).M`; `created by x` -> `x`. */
function functionOf(t: string): { fn: string; createdBy: boolean } | undefined {
  let createdBy = false;
  if (t.startsWith('created by ')) {
    createdBy = true;
    t = t.slice(11);
    const inG = t.indexOf(' in goroutine ');
    if (inG > 0) t = t.slice(0, inG);
  }
  if (t.endsWith(')')) {
    // strip the argument list: the last `(` opens it (arguments hold no parentheses)
    const open = t.lastIndexOf('(');
    if (open > 0) {
      const args = t.slice(open + 1, -1);
      // `(*T)` receivers are not argument lists
      if (!args.startsWith('*')) t = t.slice(0, open);
    }
  }
  if (t === '' || t.includes(' ') || t.length > 1000) return undefined;
  return { fn: t, createdBy };
}

/** One-line frame: `pkg.(*T).Method (/path/file.go:202)`. */
function parseOneLine(t: string): Frame | undefined {
  if (!t.endsWith(')')) return undefined;
  const open = t.lastIndexOf(' (');
  if (open <= 0) return undefined;
  const fn = t.slice(0, open);
  const loc = t.slice(open + 2, -1);
  const colon = loc.lastIndexOf(':');
  if (colon <= 0 || fn.includes(' ') || !isDigits(loc.slice(colon + 1))) return undefined;
  return makeFrame('go', { file: loc.slice(0, colon), line: Number(loc.slice(colon + 1)), function: fn, module: packageOf(fn) });
}

/** Package path of a Go function name (`net/http.(*Server).Serve` -> `net/http`). */
export function packageOf(fn: string): string | undefined {
  const slash = fn.lastIndexOf('/');
  const dot = fn.indexOf('.', slash + 1);
  return dot > 0 ? fn.slice(0, dot) : undefined;
}

interface Section {
  error: ParsedError;
  isThread: boolean;
}

export function parseGo(lines: string[]): ParsedError | undefined {
  let main: ParsedError | undefined; // the panicking goroutine / the error
  const related: ParsedError[] = [];
  const chain: ParsedError[] = []; // pkg/errors style: message + stack blocks, root cause first
  let panicKind = '';
  let panicMessage = '';
  let current: Section | undefined;
  let sawGoroutine = false;
  let pendingMessage: string[] = [];

  const addFrame = (frame: Frame) => {
    if (!current) {
      const err = newError('go', '', pendingMessage.join('\n').trim());
      pendingMessage = [];
      chain.push(err);
      current = { error: err, isThread: false };
    }
    current.error.frames.push(frame);
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.length > MAX_LINE) continue;
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t === '') continue;

    if (ind === 0 && t.startsWith('goroutine ') && t.endsWith(':') && t.includes(' [')) {
      sawGoroutine = true;
      const err = newError('go', '', t.slice(0, -1));
      if (!main) main = err;
      else related.push(err);
      current = { error: err, isThread: true };
      continue;
    }
    if (ind === 0 && t === 'runtime stack:') {
      const err = newError('go', '', 'runtime stack');
      related.push(err);
      current = { error: err, isThread: true };
      continue;
    }
    if ((t.startsWith('panic: ') || t.startsWith('fatal error: ')) && !panicKind) {
      panicKind = t.startsWith('panic: ') ? 'panic' : 'fatal error';
      panicMessage = t.slice(panicKind.length + 2).replace(/ \[recovered\]$/, '');
      continue;
    }
    if (t.startsWith('panic: ') || t.startsWith('[signal ') || t.startsWith('...additional frames elided...') ||
        t.startsWith('runtime: ') || t.startsWith('exit status ')) {
      continue;
    }

    // function line followed by its location line
    const next = i + 1 < lines.length && lines[i + 1].length <= MAX_LINE ? lines[i + 1] : '';
    const loc = next ? parseLocationLine(next) : undefined;
    if (loc) {
      const f = functionOf(t);
      if (f) {
        const frame = makeFrame('go', { file: loc.file, line: loc.line, function: f.fn, module: packageOf(f.fn) });
        if (f.createdBy) frame.createdBy = true;
        addFrame(frame);
        i++;
        // pkg/errors WithStack prints a second stack right after the first one ends in goexit
        if (!sawGoroutine && f.fn === 'runtime.goexit' && current && !current.isThread) current = undefined;
        continue;
      }
    }
    const one = parseOneLine(t);
    if (one) {
      addFrame(one);
      continue;
    }
    // A line that is not a frame: in goroutine dumps it is noise; in pkg/errors output it is the
    // message of the next (wrapping) error.
    if (!sawGoroutine && !panicKind) {
      if (current && !current.isThread && current.error.frames.length > 0) current = undefined;
      pendingMessage.push(t);
    }
  }

  if (main) {
    main.kind = panicKind || 'panic';
    main.message = clip(panicMessage);
    if (related.length > 0) main.related = related;
    return main;
  }
  if (panicKind && chain.length === 0) {
    const err = newError('go', panicKind, panicMessage);
    if (related.length > 0) err.related = related;
    return err;
  }
  if (chain.length === 0) return undefined;
  // pkg/errors prints the root cause's message and stack first, then each wrapper's.
  for (let k = 1; k < chain.length; k++) chain[k].cause = chain[k - 1];
  // A stack added by WithStack has no message of its own: Error() is its cause's.
  for (let k = 1; k < chain.length; k++) if (!chain[k].message) chain[k].message = chain[k - 1].message;
  const outer = chain[chain.length - 1];
  if (panicKind) {
    outer.kind = panicKind;
    outer.message = clip(panicMessage);
  }
  if (related.length > 0) outer.related = related;
  return outer;
}
