// Message normalization: ordered, named rules kept as data so `why` can say which ones fired.
// Order matters: composite values (emails, URLs, timestamps, IPs with ports) are masked before
// the pieces inside them (hosts, numbers) would be. A rule's `probe` is a cheap test that lets a
// message skip the regex entirely (most messages hold no '@', no '://', no ':' ...).

import { BoundedCache } from './bounded-cache';

export interface NormalizeRule {
  name: string;
  pattern: RegExp;
  /** Replacement string, or a function given the whole match and its groups. */
  replace: string | ((match: string, ...groups: string[]) => string);
  probe?: (text: string) => boolean;
}

const hasDigit = (t: string): boolean => /\d/.test(t);
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const TLDS =
  'com|net|org|io|dev|app|internal|local|lan|svc|cluster|cloud|co|ai|us|eu|uk|de|fr|nl|jp|info|biz|corp|example|test|localhost';
const SOURCE_EXTENSIONS = 'py|pyx|js|mjs|cjs|jsx|ts|tsx|java|kt|kts|scala|groovy|go|rb|php|c|cc|cpp|cxx|h|hh|hpp|cs|fs|vb|rs|swift|m|mm|dart|ex|exs|erl|hs|lua|pl|pm|sh|bash|ps1|r|jl|clj|vue|svelte|html|css|sql|yaml|yml|json|xml|toml|ini|cfg|conf|log|txt|md';
const DURATION_UNITS = 'ns|us|µs|ms|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days';

/** Placeholders the rules produce; the template miner treats tokens holding them as variables. */
export const PLACEHOLDER = /<(?:email|url|path|host|ip|uuid|hash|hex|datetime|date|time|duration|size|num|id|quoted|val|\*)>/;

// A token inside a word-ish run: what lies between spaces and the punctuation that separates
// values in log text. "rhost=10.0.0.1," holds the tokens "rhost" and "10.0.0.1".
const TOKEN_CHAR = `[^\\s,;:()\\[\\]{}="'|]`;

export const NORMALIZE_RULES: readonly NormalizeRule[] = [
  {
    name: 'email',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
    replace: '<email>',
    probe: (t) => t.includes('@'),
  },
  {
    name: 'url',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()\[\]{}]+/gi,
    replace: '<url>',
    probe: (t) => t.includes('://'),
  },
  {
    name: 'path',
    // Absolute (or ~, ./, ../, drive-letter) paths of two or more segments: which file failed is a
    // value, the failure is the message. "HTTP/1.1" and "and/or" are not paths (no leading slash).
    pattern: /(?<![\w/\\.<>:~-])(?:[A-Za-z]:|~|\.{1,2})?(?:[\\/][\w.~+@%$-]+){2,}[\\/]?/g,
    replace: '<path>',
    probe: (t) => t.includes('/') || t.includes('\\'),
  },
  {
    name: 'uuid',
    pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    replace: '<uuid>',
    probe: (t) => t.includes('-'),
  },
  {
    name: 'datetime',
    // ISO 8601 / RFC 3339 and the common "2026-11-28 15:44:45,123" log form.
    pattern: /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g,
    replace: '<datetime>',
    probe: (t) => t.includes('-'),
  },
  {
    name: 'date',
    // "Sat, 28 Nov 2026 15:44:45 GMT", "28/Nov/2026:15:44:45 +0000", "Nov 28 15:44:45", "11/28/2026"
    pattern: new RegExp(
      `\\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?(?:\\d{1,2}[ /-](?:${MONTHS})[ /-]\\d{4}|(?:${MONTHS}) \\d{1,2}(?:,? \\d{4})?|\\d{1,2}/\\d{1,2}/\\d{2,4})` +
        `(?:[ :]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?)?(?: ?(?:GMT|UTC|Z|[+-]\\d{4}))?\\b`,
      'g',
    ),
    replace: '<date>',
    probe: hasDigit,
  },
  {
    name: 'ip',
    // IPv4 with optional port, then IPv6 (needs a hex letter or "::" so clock times never match).
    pattern:
      /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|(?<![\w:])(?=[0-9a-f:]*(?:[a-f]|::))(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{1,4}(?![\w:])/gi,
    replace: '<ip>',
    probe: (t) => t.includes('.') || t.includes(':'),
  },
  {
    name: 'hostname',
    pattern: new RegExp(`\\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?::\\d{1,5})?\\b(?![.(])`, 'gi'),
    replace: '<host>',
    probe: (t) => t.includes('.'),
  },
  {
    name: 'host-port',
    // Any lower-case dotted name followed by a port is a host ("proxy.example.hk:5070"), unless
    // its last label is a source file's extension ("main.py:12" is a file and a line).
    pattern: new RegExp(`\\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?!(?:${SOURCE_EXTENSIONS}):)[a-z]{2,}:\\d{1,5}\\b(?![.(])`, 'g'),
    replace: '<host>',
    probe: (t) => t.includes('.') && t.includes(':'),
  },
  {
    name: 'hash',
    // md5 (32), sha1 / git (40), sha256 (64), and abbreviated git hashes (7-12 hex with a digit
    // and a letter, so words like "deadbeef" or "facade" survive).
    pattern: /\b(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32}|(?=[0-9a-f]{0,11}\d)(?=[0-9a-f]{0,11}[a-f])[0-9a-f]{7,12})\b/gi,
    replace: '<hash>',
    probe: (t) => /[0-9a-f]{7}/i.test(t),
  },
  {
    name: 'hex',
    pattern: /\b0x[0-9a-f]+\b|\b[0-9a-f]{16,}\b/gi,
    replace: '<hex>',
    probe: (t) => t.includes('0x') || /[0-9a-f]{16}/i.test(t),
  },
  {
    name: 'time',
    pattern: /\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?: ?[AP]M)?\b/gi,
    replace: '<time>',
    probe: (t) => t.includes(':'),
  },
  {
    name: 'duration',
    pattern: new RegExp(
      `(?<![\\w.])(?:\\d+(?:\\.\\d+)?(?:h|m|s|ms)){2,}(?![\\w])|(?<![\\w.])\\d+(?:\\.\\d+)? ?(?:${DURATION_UNITS})\\b`,
      'g',
    ),
    replace: '<duration>',
    probe: hasDigit,
  },
  {
    name: 'size',
    pattern: /(?<![\w.])\d+(?:\.\d+)? ?(?:[KMGTP]i?B|[kmgt]b|bytes?|B)\b/g,
    replace: '<size>',
    probe: hasDigit,
  },
  {
    name: 'quoted',
    // A quote opens only where a word does not continue, so "can't" stays whole; nor where a
    // placeholder follows, so normalizing twice changes nothing ('' then <num> from ''0).
    // Quotes around a placeholder another rule made ("<size>") are left as they are.
    // Only quoted values without spaces: a quoted phrase ("GET /index.html HTTP/1.1", 'no such
    // table') is mostly the message itself, and its parts are masked one by one.
    pattern: /(?<![\w>])"(?:[^"\\\s<>]|\\[^<>\s]){0,400}"(?![\w<])|(?<![\w>])'[^'\s<>]{0,400}'(?![\w<])|(?<![\w>])`[^`\s<>]{0,400}`(?![\w<])/g,
    replace: '<quoted>',
    probe: (t) => t.includes('"') || t.includes("'") || t.includes('`'),
  },
  {
    name: 'key-value',
    // key=value: a value with digits or symbols is masked; a word value ("stat=Deferred",
    // "force=true") is left to the template miner, which masks it once it sees enough values.
    // Placeholders already in place are kept as they are.
    pattern: /\b([A-Za-z_][\w.-]{0,40})=([^\s,;&)\]}]+)/g,
    replace: (_m, key: string, value: string) => (/^<[a-z*]+>$/.test(value) || /^[A-Za-z][A-Za-z_-]*$/.test(value) ? `${key}=${value}` : `${key}=<val>`),
    probe: (t) => t.includes('='),
  },
  {
    name: 'number',
    // Standalone numbers only ("worker-17" -> "worker-<num>", but "utf8" and "s3" stay).
    // Whole digit runs only: "A000B" must not become "A0<num>0B" by backtracking.
    pattern: /(?<![\w<])[-+]?\d+(?:[.,]\d+)*(?![\w>])/g,
    replace: '<num>',
    probe: hasDigit,
  },
  {
    name: 'identifier',
    // A token still holding digits after the rules above is an identifier ("jA9J1UvC004306",
    // "task_200811092030_0001_m_000590", "KB3121255"), except a word with one trailing digit,
    // which is usually a name ("s3", "utf8", "eth0"). Tokens already holding a placeholder stay.
    pattern: new RegExp(`(?<!${TOKEN_CHAR})${TOKEN_CHAR}*\\d${TOKEN_CHAR}*`, 'g'),
    replace: (token: string) => (token.includes('<') || /^[A-Za-z]+\d$/.test(token) ? token : '<id>'),
    probe: hasDigit,
  },
];

export interface NormalizedMessage {
  text: string;
  /** Names of the rules that changed something, in order. */
  rules: string[];
}

/** Longest message the rules look at; longer text is cut (and says so) to bound the cost. */
export const MAX_MESSAGE_LENGTH = 2000;

// Caches. Most messages differ from one event to the next only in their digits ("order 8812
// failed after 30ms"), and no rule tells one digit from another except the literal "0x" of the
// hex rule: every rule matches at the same places in a message and in its *skeleton* (each digit
// written as 1, a 0 before x/X kept). So both give the same result up to the digits that survive
// the rules; when none survives (the usual case: numbers are masked), the results are identical
// and one cached entry serves every message of that skeleton. When digits survive ("s3", "utf8",
// "worker_17"), the skeleton only says so and the message is normalized (and cached) as itself.
// The equivalence is checked by a property test against the uncached rules.
const SKELETON_DIGITS = /[2-9]|0(?![xX])/g;
const ANY_DIGIT = /\d/;
const MAX_CACHED_MESSAGE = 500;
// Per generation (BoundedCache keeps two): a hot skeleton stays, the long tail is dropped.
const CACHE_LIMIT = 5_000;
/** Marks a skeleton whose normalized text keeps some of the message's digits. */
const DIGITS_SURVIVE: NormalizedMessage = Object.freeze({ text: '', rules: [] as string[] });
const bySkeleton = new BoundedCache<string, NormalizedMessage>(CACHE_LIMIT);
const byMessage = new BoundedCache<string, NormalizedMessage>(CACHE_LIMIT);

/**
 * The normalized message, shared: while cached, every message of the same skeleton gets the same
 * object (callers may key memos on it). Read-only: never change `text` or `rules`.
 */
export function normalizeMessageShared(message: string): NormalizedMessage {
  if (message.length > MAX_CACHED_MESSAGE) return normalizeUncached(message);
  const skeleton = message.replace(SKELETON_DIGITS, '1');
  const entry = bySkeleton.get(skeleton);
  if (entry !== undefined && entry !== DIGITS_SURVIVE) return entry;
  let exact = entry === undefined ? undefined : byMessage.get(message);
  if (exact === undefined) {
    exact = normalizeUncached(message);
    if (ANY_DIGIT.test(exact.text)) byMessage.set(message, exact);
  }
  if (entry === undefined) bySkeleton.set(skeleton, ANY_DIGIT.test(exact.text) ? DIGITS_SURVIVE : exact);
  return exact;
}

export function normalizeMessageDetailed(message: string): NormalizedMessage {
  const shared = normalizeMessageShared(message);
  return { text: shared.text, rules: shared.rules.slice() };
}

/** The rules applied in order, without any cache (the reference the caches must agree with). */
export function normalizeUncached(message: string): NormalizedMessage {
  let text = message.length > MAX_MESSAGE_LENGTH ? message.slice(0, MAX_MESSAGE_LENGTH) + '…' : message;
  // Collapsed first, so alignment padding ("Jul  1") never hides a date from its rule.
  text = text.replace(/\s+/g, ' ');
  const rules: string[] = [];
  for (const rule of NORMALIZE_RULES) {
    if (rule.probe && !rule.probe(text)) continue;
    rule.pattern.lastIndex = 0;
    const next = text.replace(rule.pattern, rule.replace as string);
    if (next !== text) {
      rules.push(rule.name);
      text = next;
    }
  }
  text = text.replace(/\s+/g, ' ').trim();
  return { text, rules };
}

export function normalizeMessage(message: string): string {
  return normalizeMessageDetailed(message).text;
}
