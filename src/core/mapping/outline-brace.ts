// Function ranges for brace languages: a header regex per line on masked code (comments and
// strings blanked), then the body: `{...}` matched by depth, or an expression body (`=> expr`,
// Kotlin `= expr`) ended at the statement's end.
import type { FunctionRange } from './outline';
import { STRING_FILL } from './outline-mask';
import { lineContexts, type LineContext } from './outline-context';

export interface HeaderRule {
  /** Applied to one masked line; the name is group `name` or group 1; an optional group `type`
   *  is a return type. Scanning for the body starts after the match. */
  re: RegExp;
  /** For `x = ...` headers: only a function when `function` or `=>` follows. */
  needsFunctionValue?: boolean;
  /** For keyword-less method headers: the text between the parameters and `{` may not hold `=`. */
  methodLike?: boolean;
  /** Only inside an object literal (`name: value` elsewhere is a type annotation or a label). */
  inObjectLiteral?: boolean;
  /** Not inside parentheses (`private log: Log = () => x` there is a parameter default). */
  notInParens?: boolean;
}

export interface BraceLanguage {
  rules: HeaderRule[];
  /** Kotlin/Scala `fun f() = expr`. */
  equalsBody?: boolean;
}

// Control-flow words that look like `name(...) {` in method-like headers.
const NOT_NAMES = new Set([
  'if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'using', 'lock', 'foreach', 'fixed',
  'do', 'else', 'synchronized', 'with', 'try', 'finally', 'when', 'await', 'yield', 'throw', 'typeof',
  'sizeof', 'nameof', 'super', 'this', 'import', 'require', 'async',
]);
const STATEMENT_WORDS = /\b(return|throw|else|await|yield|case|goto|assert|record|class|interface|enum|struct)\b/;
// Words that can stand before `name(` without being a return type.
const NOT_TYPES = new Set([
  'return', 'throw', 'else', 'await', 'yield', 'case', 'goto', 'assert', 'new', 'in', 'is', 'as', 'do',
  'record', 'class', 'interface', 'enum', 'struct', 'using', 'lock', 'typeof', 'nameof', 'sizeof',
]);
const SCAN_LIMIT = 4000;
const FUNCTION_VALUE = /^\s*(?:async\b\s*)?(?:function\b|\(|<|[A-Za-z_$][\w$]*\s*=>)/;

export function scanBraceFunctions(masked: string, lang: BraceLanguage): FunctionRange[] {
  const lineStarts = [0];
  for (let i = masked.indexOf('\n'); i >= 0; i = masked.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const out: FunctionRange[] = [];
  let contexts: LineContext[] | undefined;
  for (let li = 0; li < lineStarts.length; li++) {
    const start = lineStarts[li];
    const end = li + 1 < lineStarts.length ? lineStarts[li + 1] - 1 : masked.length;
    const line = masked.slice(start, end);
    // Cheap prefilter: a header has a bracket, `=`/`:`, a function keyword, or ends in a name
    // whose parameters open on the next line.
    if (!/[({=:]/.test(line) && !/\b(fn|func|fun|function)\b/.test(line) && !/[\w$]\s*$/.test(line)) continue;
    for (const rule of lang.rules) {
      const m = rule.re.exec(line);
      const rawName = m?.groups?.name ?? m?.[1];
      if (!m || !rawName) continue;
      const name = rawName.replace(/^#/, '').replace(/^`|`$/g, '');
      const type = m.groups?.type;
      if (type !== undefined) {
        // A return type before the name: the name may be any identifier (lock, yield, record),
        // but the "type" must not be a statement word (`return foo(x)`, `new Runnable() {`).
        if (NOT_TYPES.has(type)) continue;
      } else if ((rule.methodLike || rule.needsFunctionValue) && NOT_NAMES.has(name)) continue;
      if (/\bnew\s+$/.test(m[0].slice(0, m[0].lastIndexOf(rawName)))) continue; // anonymous class
      if (rule.inObjectLiteral && (contexts ??= lineContexts(masked))[li] !== 'value') continue;
      if (rule.notInParens && (contexts ??= lineContexts(masked))[li] === 'paren') continue;
      if (rule.methodLike && type === undefined && STATEMENT_WORDS.test(m[0])) continue;
      const from = start + m.index + m[0].length;
      if (rule.methodLike && !/^\s*\(/.test(masked.slice(from, from + 400))) continue;
      // `x = value` / `x: value` is a function only when the value starts like one, on this line.
      if (rule.needsFunctionValue && !FUNCTION_VALUE.test(masked.slice(from, end))) continue;
      const body = findBody(masked, from, lang, rule);
      if (!body) continue;
      if (rule.needsFunctionValue && !body.arrow && !/^\s*(?:async\s+)?function\b/.test(masked.slice(from, from + 200))) continue;
      const close = body.open !== undefined ? matchBrace(masked, body.open) : exprEnd(masked, body.expr ?? from);
      out.push({ name, startLine: li + 1, endLine: Math.max(li + 1, lineOf(close)) });
      break;
    }
  }
  return out;
}

function findBody(
  s: string,
  from: number,
  lang: BraceLanguage,
  rule: HeaderRule,
): { open?: number; expr?: number; arrow: boolean } | undefined {
  let depth = 0;
  let afterParams = -1;
  const limit = Math.min(s.length, from + SCAN_LIMIT);
  for (let k = from; k < limit; k++) {
    const c = s[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) afterParams = k + 1;
    } else if (depth === 0) {
      if (c === '{' && afterParams >= 0 && inReturnType(s, afterParams, k)) {
        // TypeScript object return type, `): { cents: number } {`: skip the type's braces.
        k = matchBrace(s, k);
        continue;
      }
      if (c === '{') {
        if (rule.methodLike && afterParams >= 0 && s.slice(afterParams, k).includes('=')) return undefined;
        if (rule.methodLike && afterParams < 0) return undefined;
        return { open: k, arrow: false };
      }
      if (c === ';' || c === '}') return undefined;
      // A comma after a method's parameters (but not in `throws A, B` or `where T : A, B`) means
      // the line was a call among arguments, not a declaration.
      if (c === ',' && rule.methodLike && afterParams >= 0 && !/\b(throws|where)\b/.test(s.slice(afterParams, k))) return undefined;
      // The next property or declarator: this value was not a function.
      if (c === ',' && rule.needsFunctionValue && !insideTypeParameters(s.slice(from, k))) return undefined;
      if (c === '=' && s[k + 1] === '>') {
        let j = k + 2;
        while (j < limit && /\s/.test(s[j])) j++;
        return s[j] === '{' ? { open: j, arrow: true } : { expr: j, arrow: true };
      }
      if (c === '=' && lang.equalsBody && afterParams >= 0 && s[k + 1] !== '=' && !/[=!<>]/.test(s[k - 1])) {
        return { expr: k + 1, arrow: false };
      }
      if (c === '=' && rule.methodLike) return undefined;
    }
  }
  return undefined;
}

/** True when `<` outnumber `>` (arrows aside): a comma there separates type parameters, `<T, U>(`. */
function insideTypeParameters(text: string): boolean {
  const t = text.replace(/=>/g, '');
  return (t.match(/</g)?.length ?? 0) > (t.match(/>/g)?.length ?? 0);
}

/** True when `{` at `k` follows `:` (or `|`, `&`, `,`, `<`) of a type annotation after the parameters. */
function inReturnType(s: string, afterParams: number, k: number): boolean {
  const between = s.slice(afterParams, k).trim();
  if (!between.startsWith(':') || between.startsWith('::')) return false;
  return /[:|&,<]$/.test(between);
}

// An empty line inside a template literal: the last character before it is template fill.
function inTemplate(s: string, k: number): boolean {
  let j = k - 1;
  while (j >= 0 && s[j] === '\n') j--;
  return s[j] === STRING_FILL;
}

function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '{') depth++;
    else if (s[k] === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return s.length - 1;
}

// The end of an expression body: `;` or `,` or an unmatched closer at depth 0, or a line break at
// depth 0 that neither the line's end nor the next line's start continues.
function exprEnd(s: string, from: number): number {
  let depth = 0;
  let lastCode = from;
  for (let k = from; k < s.length; k++) {
    const c = s[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return lastCode;
      depth--;
    } else if (depth === 0 && (c === ';' || c === ',')) return k;
    else if (depth === 0 && c === '\n') {
      if (s[k - 1] === STRING_FILL || (s[k - 1] === '\n' && inTemplate(s, k))) continue;
      const before = s.slice(Math.max(from, k - 200), k).trimEnd();
      const after = s.slice(k + 1, k + 400).trimStart();
      if (before.length > 0 && !/(=>|[=,(+\-*/&|?:.])$/.test(before) && !/^[.?:&|+\-*/]/.test(after)) return lastCode;
      continue;
    }
    if (!/\s/.test(c)) lastCode = k;
  }
  return lastCode;
}
