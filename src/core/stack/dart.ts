// Dart VM and Flutter traces: `#0      main.<anonymous closure> (file:///app/bin/x.dart:15:5)`,
// `package:` and `dart:` URIs with or without line and column, `<asynchronous suspension>` gaps,
// "Unhandled exception:" headers with messages over several lines, Flutter's
// `══╡ EXCEPTION CAUGHT BY … ╞══` dumps, and Android logcat's `E/flutter (1234): ` line prefix.
import type { ParsedError } from '../model';
import { MAX_LINE, clip, makeFrame, newError, splitLocation } from './util';

/** `E/flutter (28978): ` as logcat prints before every line of a Flutter app's output. */
const LOGCAT_PREFIX = /^[VDIWEF]\/flutter\s*\(\s*\d+\): ?/;

/** `#3      Foo.bar (package:app/foo.dart:12:7)` -> function and location text. */
export function parseDartFrameLine(t: string): { fn: string; location: string } | undefined {
  if (t.charCodeAt(0) !== 35 /* # */ || !t.endsWith(')')) return undefined;
  let i = 1;
  while (i < t.length && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
  if (i === 1 || (t[i] !== ' ' && t[i] !== '\t')) return undefined;
  const open = t.lastIndexOf(' (');
  if (open <= i) return undefined;
  const fn = t.slice(i, open).trim();
  const location = t.slice(open + 2, -1);
  if (fn === '' || location === '' || !looksLikeDartLocation(location)) return undefined;
  return { fn, location };
}

function looksLikeDartLocation(loc: string): boolean {
  return loc.startsWith('dart:') || loc.startsWith('package:') || loc.startsWith('file://') ||
    loc.startsWith('org-dartlang-') || /\.dart(?::\d+){0,2}$/.test(loc);
}

/** The exception type Dart's toString names in its first words. */
function kindOf(message: string): { kind: string; message: string } {
  const known: [string, string][] = [
    ['Bad state: ', 'StateError'],
    ['Invalid argument(s)', 'ArgumentError'],
    ['Unsupported operation: ', 'UnsupportedError'],
    ['Null check operator used on a null value', 'TypeError'],
    ['Concurrent modification during iteration', 'ConcurrentModificationError'],
    ['Stack Overflow', 'StackOverflowError'],
    ['Out of Memory', 'OutOfMemoryError'],
  ];
  for (const [prefix, kind] of known) {
    if (message.startsWith(prefix)) {
      const rest = message.slice(prefix.length);
      return { kind, message: prefix.endsWith(': ') ? rest : rest.startsWith(': ') ? rest.slice(2) : message };
    }
  }
  const instance = /^Instance of '([\w$.<>, ]+)'$/.exec(message);
  if (instance) return { kind: instance[1], message: '' };
  // `FormatException: x`, `RangeError (index): x`, `_TypeError: x`, bare `IntegerDivisionByZeroException`
  const typed = /^(_?[A-Z][\w$]*)(?: \([^()]*\))?(?:: |$)/.exec(message);
  if (typed && /(?:Error|Exception)$/.test(typed[1])) return { kind: typed[1], message: message.slice(typed[0].length) };
  return { kind: '', message };
}

function headerMessage(lines: string[]): string {
  const kept: string[] = [];
  for (const raw of lines) {
    const t = raw.trim();
    if (t === 'Unhandled exception:' || t.startsWith('══') || t === 'When the exception was thrown, this was the stack:') continue;
    if (kept.length === 0 && t === '') continue;
    // `[ERROR:flutter/lib/ui/ui_dart_state.cc(209)] Unhandled Exception: Unable to load asset`
    const unhandled = t.indexOf('Unhandled Exception: ');
    kept.push(unhandled >= 0 && t.startsWith('[') ? t.slice(unhandled + 21) : raw.trimEnd());
  }
  // Flutter: "The following assertion was thrown building Foo:" introduces the message.
  if (kept.length > 1 && /^The following .* (?:was|were) thrown\b.*:$/.test(kept[0].trim())) kept.shift();
  return kept.join('\n').trim();
}

export function parseDart(lines: string[]): ParsedError | undefined {
  const header: string[] = [];
  const error = newError('dart');
  let inFrames = false;
  for (let raw of lines) {
    if (raw.length > MAX_LINE) continue;
    if (raw.charCodeAt(1) === 47 /* / */) raw = raw.replace(LOGCAT_PREFIX, '');
    const t = raw.trim();
    const frame = t.startsWith('#') ? parseDartFrameLine(t) : undefined;
    if (frame) {
      inFrames = true;
      const loc = frame.location.startsWith('dart:') || frame.location.startsWith('package:') || frame.location.includes('.dart')
        ? splitLocation(frame.location)
        : undefined;
      error.frames.push(makeFrame('dart', {
        file: loc ? loc.file : frame.location,
        line: loc?.line,
        column: loc?.column,
        function: frame.fn,
      }));
      continue;
    }
    // `<asynchronous suspension>` gaps, Flutter's "(elided N frames from …)" and closing rules
    if (!inFrames) header.push(raw);
  }
  if (error.frames.length === 0) return undefined;
  const km = kindOf(headerMessage(header));
  error.kind = km.kind;
  error.message = clip(km.message);
  return error;
}
