// Elixir: `** (Kind) message` headers and `(app 1.2.3) lib/file.ex:12: Mod.fun/2` frames.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, isDigits, makeFrame, newError } from './util';

export function parseElixirFrame(t: string): Frame | undefined {
  let s = t;
  let app: string | undefined;
  if (s.startsWith('(')) {
    const close = s.indexOf(') ');
    if (close < 0) return undefined;
    const inner = s.slice(1, close);
    const sp = inner.indexOf(' ');
    app = sp > 0 ? inner.slice(0, sp) : inner;
    s = s.slice(close + 2);
  }
  const sep = s.indexOf(': ');
  if (sep <= 0) return undefined;
  const loc = s.slice(0, sep);
  const colon = loc.lastIndexOf(':');
  if (colon <= 0 || !isDigits(loc.slice(colon + 1))) return undefined;
  const file = loc.slice(0, colon);
  if (file.includes(' ') || !(file.endsWith('.ex') || file.endsWith('.exs') || file.endsWith('.erl') || file.endsWith('.hrl'))) {
    return undefined;
  }
  let fn = s.slice(sep + 2);
  // `Mod.fun(%{...})` prints the arguments; `Mod.fun/2` the arity. Keep the arity, drop arguments.
  if (!fn.startsWith('anonymous fn')) {
    const open = fn.indexOf('(');
    if (open > 0) fn = fn.slice(0, open);
  }
  return makeFrame('elixir', { file, line: Number(loc.slice(colon + 1)), function: fn, module: app });
}

export function parseElixir(lines: string[]): ParsedError | undefined {
  let err: ParsedError | undefined;
  for (const raw of lines) {
    if (raw.length > MAX_LINE) continue;
    const ind = indentOf(raw);
    let t = raw.slice(ind).trimEnd();
    if (t === '') continue;
    const starred = t.startsWith('** (');
    if (starred) t = t.slice(3);
    if (t.startsWith('(') && !err) {
      const close = t.indexOf(') ');
      const kind = close > 0 ? t.slice(1, close) : '';
      // `** (exit)`, `** (throw)` and `** (EXIT from #PID<0.94.0>)` are kinds too when starred
      if (/^[A-Z][\w.]*$/.test(kind) || (starred && kind.length > 0 && kind.length < 200)) {
        err = newError('elixir', kind, clip(t.slice(close + 2)));
        continue;
      }
    }
    const frame = parseElixirFrame(t);
    if (frame) {
      if (!err) err = newError('elixir');
      err.frames.push(frame);
    }
  }
  return err;
}
