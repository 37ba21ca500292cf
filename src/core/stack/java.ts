// JVM stacks (Java, Kotlin, Scala, Groovy): `at` frames, `Caused by:` chains, `Suppressed:`
// blocks nested by indentation, `... N more`, logback's `~[jar:version]` packaging suffixes.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, headerFrom, indentOf, isDigits, makeFrame, newError, plausibleKind, splitKindMessage } from './util';

export function parseJavaFrame(body: string): Frame | undefined {
  // body: text after `at `, e.g. `java.base/java.lang.Thread.run(Thread.java:829) ~[na:1.8]`
  let t = body;
  if (t.endsWith(']')) {
    // logback packaging data: ` ~[spring-web-5.3.jar:5.3.20]` or ` [na:1.8.0]`
    const cut = t.lastIndexOf(' [') > t.lastIndexOf(' ~[') ? t.lastIndexOf(' [') : t.lastIndexOf(' ~[');
    if (cut > 0) t = t.slice(0, cut).trimEnd();
  }
  if (!t.endsWith(')')) return undefined;
  const open = t.lastIndexOf('(');
  if (open <= 0) return undefined;
  let full = t.slice(0, open);
  if (full.includes(' ')) return undefined;
  const loc = t.slice(open + 1, -1);
  // `java.base/java.lang.Thread.run`, `app//com.acme.Foo.bar`: drop the module / class loader
  const slash = full.lastIndexOf('/');
  if (slash >= 0) full = full.slice(slash + 1);
  const dot = full.lastIndexOf('.');
  const module = dot > 0 ? full.slice(0, dot) : undefined;
  let file = '';
  let line: number | undefined;
  let native = false;
  if (loc === 'Native Method') native = true;
  else if (loc === 'Unknown Source' || loc === 'Unknown source' || loc === '') file = '';
  else {
    const colon = loc.lastIndexOf(':');
    if (colon > 0 && isDigits(loc.slice(colon + 1))) {
      file = loc.slice(0, colon);
      line = Number(loc.slice(colon + 1));
    } else file = loc;
    if (file === 'Unknown Source') file = '';
  }
  return makeFrame('java', { file, line, function: full, module, native });
}

function headerText(t: string): string {
  // `Exception in thread "main" java.lang.X: msg`
  if (t.startsWith('Exception in thread "')) {
    const close = t.indexOf('" ', 21);
    if (close > 0) return t.slice(close + 2);
  }
  return t;
}

export function parseJava(lines: string[]): ParsedError | undefined {
  let root: ParsedError | undefined;
  // open exceptions by indentation: a `Caused by:` continues the chain at its level,
  // a `Suppressed:` hangs off the nearest shallower exception.
  const stack: { indent: number; error: ParsedError }[] = [];
  // The trace each `Caused by` / `Suppressed` was printed inside: its `... N more` are the last N
  // frames of that one (the JVM omits the frames a cause shares with its enclosing trace).
  const enclosing = new Map<ParsedError, ParsedError>();
  let header: string[] = [];
  let framesSeen = false;
  let last: ParsedError | undefined;

  const ensureRoot = () => {
    if (root) return;
    const km = headerFrom(header, plausibleKind, headerText);
    root = newError('java', km.kind, km.message);
    stack.push({ indent: 0, error: root });
    last = root;
  };

  for (const raw of lines) {
    if (raw.length > MAX_LINE) {
      if (!root) header.push(clip(raw));
      continue;
    }
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t.startsWith('at ')) {
      const frame = parseJavaFrame(t.slice(3));
      if (frame) {
        ensureRoot();
        header = [];
        last!.frames.push(frame);
        framesSeen = true;
        continue;
      }
    }
    const caused = t.startsWith('Caused by: ');
    const suppressed = t.startsWith('Suppressed: ');
    if ((caused || suppressed) && (root || header.length === 0 || framesSeen)) {
      ensureRoot();
      const text = t.slice(caused ? 11 : 12);
      const km = splitKindMessage(text);
      const err = newError('java', km?.kind ?? '', km ? km.message : text);
      while (stack.length > 1 && stack[stack.length - 1].indent > ind) stack.pop();
      const top = stack[stack.length - 1];
      enclosing.set(err, top.error);
      if (caused) {
        if (top.indent === ind || stack.length === 1) {
          top.error.cause = err;
          top.error = err;
        } else {
          top.error.cause = err;
          stack.push({ indent: ind, error: err });
        }
      } else {
        (top.error.related ??= []).push(err);
        stack.push({ indent: ind, error: err });
      }
      last = err;
      framesSeen = true;
      continue;
    }
    if (t.startsWith('... ') && (t.endsWith(' more') || t.endsWith('omitted'))) {
      const outer = last ? enclosing.get(last) : undefined;
      if (outer) inheritFrames(last!, outer, t);
      continue;
    }
    if (!root) {
      if (t.length > 0 || header.length > 0) header.push(t);
    } else if (!framesSeen && last === root) {
      // multi-line message before the first frame
      root.message = clip(root.message + '\n' + raw.trimEnd());
    }
  }
  if (!root) {
    const text = header.join('\n').trim();
    const km = splitKindMessage(headerText(text));
    if (!km || !/[.$]/.test(km.kind) && !/(Exception|Error|Throwable)$/.test(km.kind)) return undefined;
    return newError('java', km.kind, km.message);
  }
  return root;
}

/** `... 2 more` / `... 12 common frames omitted`: copies those last frames of the enclosing trace. */
function inheritFrames(error: ParsedError, outer: ParsedError, line: string): void {
  const sp = line.indexOf(' ', 4);
  const digits = line.slice(4, sp < 0 ? line.length : sp);
  if (!isDigits(digits)) return;
  const n = Math.min(Number(digits), outer.frames.length);
  for (let k = outer.frames.length - n; k < outer.frames.length; k++) {
    error.frames.push({ ...outer.frames[k], synthetic: 'omitted' });
  }
}
