// .NET stacks: `at Ns.Type.Method(args) in file:line N`, Mono's `[0x00000] in file:N`,
// inner exceptions joined by ` ---> ` and separated by `--- End of inner exception stack trace ---`,
// async state-machine frames (`+<Method>d__4.MoveNext()`).
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, isDigits, makeFrame, newError, splitLocation } from './util';

export function parseDotnetFrame(body: string): Frame | undefined {
  let t = body;
  let file = '';
  let line: number | undefined;
  let column: number | undefined;
  const inAt = t.lastIndexOf(' in ');
  if (inAt > 0) {
    const loc = t.slice(inAt + 4);
    const lineAt = loc.lastIndexOf(':line ');
    if (lineAt > 0 && isDigits(loc.slice(lineAt + 6))) {
      file = loc.slice(0, lineAt);
      line = Number(loc.slice(lineAt + 6));
      t = t.slice(0, inAt);
    } else {
      const colon = loc.lastIndexOf(':');
      if (colon > 0 && isDigits(loc.slice(colon + 1))) {
        file = loc.slice(0, colon);
        line = Number(loc.slice(colon + 1));
        t = t.slice(0, inAt);
      }
    }
  }
  t = t.trimEnd();
  // Mono IL offsets: `Method (args) [0x00000]`
  if (t.endsWith(']')) {
    const il = t.lastIndexOf(' [0x');
    if (il > 0) t = t.slice(0, il).trimEnd();
  }
  let fn = t;
  const open = t.indexOf('(');
  if (open > 0 && t.endsWith(')')) {
    fn = t.slice(0, open).trimEnd();
    const args = t.slice(open + 1, -1);
    // Some formatters (Ben.Demystifier, custom loggers) put `file:line:col` in the parentheses.
    if (!file && /[\\/]/.test(args) && /\.\w+:\d+(?::\d+)?$/.test(args)) {
      const where = splitLocation(args);
      if (where) {
        file = where.file;
        line = where.line;
        column = where.column;
      }
    }
  } else if (open === 0 || t.includes(' ')) {
    return undefined;
  }
  if (fn === '' || fn.includes(' ')) return undefined;
  const dot = fn.lastIndexOf('.');
  return makeFrame('dotnet', { file, line, column, function: fn, module: dot > 0 ? fn.slice(0, dot) : undefined });
}

function splitHeader(part: string): { kind: string; message: string } {
  const t = part.trim();
  // `System.Web.HttpUnhandledException (0x80004005): message`
  const m = /^([A-Za-z_][\w.`+]*)(?: \(0x[0-9A-Fa-f]+\))?(?::\s?([\s\S]*))?$/.exec(t.length > MAX_LINE ? t.slice(0, MAX_LINE) : t);
  if (m && (m[2] !== undefined || /[.]/.test(m[1]))) return { kind: m[1], message: (m[2] ?? '').trim() };
  return { kind: '', message: t };
}

const TYPE_HEAD = /^[A-Za-z_][\w`+]*(?:\.[\w`+]+)+(?: \(0x[0-9A-Fa-f]+\))?:/;

export function parseDotnet(lines: string[]): ParsedError | undefined {
  const header: string[] = [];
  const sections: Frame[][] = [[]];
  let framesSeen = false;
  for (const raw of lines) {
    if (raw.length > MAX_LINE) {
      if (!framesSeen) header.push(clip(raw));
      continue;
    }
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t.startsWith('at ')) {
      const frame = parseDotnetFrame(t.slice(3));
      if (frame) {
        sections[sections.length - 1].push(frame);
        framesSeen = true;
        continue;
      }
    }
    if (t.startsWith('--- End of inner exception stack trace')) {
      sections.push([]);
      framesSeen = true;
      continue;
    }
    if (t.startsWith('--- End of stack trace from previous location')) continue;
    if (!framesSeen) {
      // A log line may carry the message before `Type: message` (`ex.Message + ex.ToString()`).
      if (TYPE_HEAD.test(t.slice(0, 512)) && header.length > 0 && !header.some((h) => h.includes(' ---> '))) {
        header.length = 0;
      }
      if (t.length > 0 || header.length > 0) header.push(raw.trimEnd());
    }
  }
  // .NET Core prints `Unhandled exception. `, .NET Framework `Unhandled Exception: ` before the type.
  const text = header.join('\n').trim().replace(/^Unhandled (?:exception\. |Exception: )/, '');
  const parts = text ? text.split(' ---> ') : [];
  if (!framesSeen && parts.length === 0) return undefined;
  const errors: ParsedError[] = (parts.length > 0 ? parts : ['']).map((p) => {
    const km = splitHeader(p);
    return newError('dotnet', km.kind, km.message);
  });
  if (!framesSeen) {
    if (errors[0].kind === '' || !errors[0].kind.includes('.')) return undefined;
  }
  for (let k = 1; k < errors.length; k++) errors[k - 1].cause = errors[k];
  // Frames print innermost exception first; each `End of inner exception` moves one level out.
  const n = errors.length;
  const k = sections.length;
  for (let j = 0; j < k; j++) {
    const target = j === 0 ? n - 1 : j === k - 1 ? 0 : Math.max(0, n - 1 - j);
    for (const f of sections[j]) errors[target].frames.push(f);
  }
  return errors[0];
}
