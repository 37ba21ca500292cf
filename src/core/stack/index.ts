// Stack traces of every mainstream runtime, parsed into frames.
//
// Conventions, whatever the runtime printed:
//  - `frames[0]` is the innermost frame (where the error was raised). Python and the reversed
//    Ruby layout print outermost-first; they are reversed here.
//  - The returned ParsedError is the OUTERMOST exception; `.cause` goes toward the root cause
//    (Java `Caused by`, .NET ` ---> `, Python's earlier tracebacks, PHP's earlier blocks before `Next`).
//  - `.related` holds what was printed alongside but is not a cause: Java `Suppressed:`, Python
//    exception-group members, Go's other goroutines and `runtime stack:` sections.
//  - Never throws; regexes only ever see lines of at most MAX_LINE characters.
import type { Frame, Language, ParsedError } from '../model';
import { detectLanguage } from './detect';
import { applyInApp, InAppRules } from './in-app';
import { parseJavaScript } from './javascript';
import { parsePython } from './python';
import { parseGo } from './go';
import { parseJava } from './java';
import { parseDotnet } from './dotnet';
import { parseRuby } from './ruby';
import { parsePhp } from './php';
import { parseRust } from './rust';
import { parseElixir } from './elixir';
import { parseDart } from './dart';
import { chainOf, clip, splitLines, visitErrors } from './util';

export type { InAppRules } from './in-app';
export { detectLanguage } from './detect';
export { normalizeFunctionName } from './normalize';
export { isInApp, defaultInApp } from './in-app';

export interface ParseOptions {
  /** Hint, used when detection finds nothing conclusive or the detected parse has no frame. */
  language?: Language;
  inAppRules?: InAppRules;
  /** error.kind / error.message of the log event: used when the text has no header of its own. */
  kind?: string;
  message?: string;
}

const PARSERS: Record<Exclude<Language, 'unknown'>, (lines: string[]) => ParsedError | undefined> = {
  javascript: parseJavaScript,
  python: (lines) => parsePython(lines),
  go: parseGo,
  java: parseJava,
  dotnet: parseDotnet,
  ruby: parseRuby,
  php: parsePhp,
  rust: parseRust,
  elixir: parseElixir,
  dart: parseDart,
};

function run(language: Language, lines: string[]): ParsedError | undefined {
  if (language === 'unknown') return undefined;
  return PARSERS[language](lines);
}

function hasFrames(e: ParsedError | undefined): boolean {
  if (!e) return false;
  let found = false;
  visitErrors(e, (x) => {
    if (x.frames.length > 0) found = true;
  });
  return found;
}

export function parseStack(text: string, options: ParseOptions = {}): ParsedError | undefined {
  try {
    if (typeof text !== 'string' || text.length === 0) return undefined;
    const lines = splitLines(text);
    // The text's own evidence decides; the hint serves when the text is ambiguous or parses to nothing.
    const detected = detectLanguage(text);
    const hint = options.language && options.language !== 'unknown' ? options.language : undefined;
    let result = detected !== 'unknown' ? run(detected, lines) : undefined;
    if (hint && hint !== detected && !hasFrames(result)) {
      const hinted = run(hint, lines);
      if (hinted && (hasFrames(hinted) || !result)) result = hinted;
    }
    if (!result) return undefined;
    if (!result.kind && options.kind) result.kind = clip(options.kind);
    if (!result.message && options.message) result.message = clip(options.message);
    applyInApp(result, options.inAppRules);
    return result;
  } catch {
    // A parser bug must never take the log pipeline down; the event is kept without a stack.
    return undefined;
  }
}

/** The last exception of the `.cause` chain (the root cause). */
export function rootCause(error: ParsedError): ParsedError {
  const chain = chainOf(error);
  return chain[chain.length - 1];
}

/**
 * The frame grouping and lenses point at: the first in-app frame of the deepest exception of the
 * chain that has one (the root cause when its frames are in-app; a wrapper when the root cause only
 * shows library frames, as Java's `... N more` often leaves it). Without any in-app frame: the top
 * frame of the deepest exception that has frames.
 */
export function topInAppFrame(error: ParsedError): Frame | undefined {
  const chain = chainOf(error);
  for (let k = chain.length - 1; k >= 0; k--) {
    for (const f of chain[k].frames) if (f.inApp) return f;
  }
  for (let k = chain.length - 1; k >= 0; k--) {
    if (chain[k].frames.length > 0) return chain[k].frames[0];
  }
  return undefined;
}

/**
 * Every printed frame of the error, its causes and related errors (for counting and indexing):
 * frames the parser put in for what a header or `... N more` said are left out.
 */
export function allFrames(error: ParsedError): Frame[] {
  const out: Frame[] = [];
  visitErrors(error, (e) => {
    for (const f of e.frames) if (f.synthetic === undefined) out.push(f);
  });
  return out;
}
