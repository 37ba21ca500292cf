// The generic reading of a plain-text header: after the timestamp, a level word within a few
// tokens (skipping [thread], pid, user@db, file:line and "logger -" tokens), then the logger and
// the message — the shape most log4j/logback/Spring/Python/Go/PHP patterns share.
import type { JsonObject, LogStatus } from '../../../core/model';
import type { TextHeader } from './header-formats';
import { LEVEL_WORDS, levelStatus } from './level-words';
import { parseLogfmt } from './logfmt';

const LEVEL_PREFIX = new RegExp(String.raw`^(?:\[(${LEVEL_WORDS})\]|<(${LEVEL_WORDS})>|(${LEVEL_WORDS}):|(${LEVEL_WORDS})\s)\s*`, 'i');


const LEVEL_TOKEN = new RegExp(String.raw`^(?:\[|<|\()?(${LEVEL_WORDS}|[Ee]rror|[Ww]arn(?:ing)?|[Ii]nfo|[Dd]ebug|[Ff]atal|[Cc]ritical|[Tt]race)(?:\]|>|\))?:?$`);
const LOWER_LEVEL_TOKEN = /^\[(?:[\w-]+:)?(error|warn|warning|info|debug|fatal|crit|critical|alert|emerg|notice|trace)\]:?$|^(?:error|fatal|panic|critical):$/;
const MAX_TOKENS_BEFORE_LEVEL = 4;
const PHP_LEVEL = /^\s*PHP (Fatal error|Parse error|Catchable fatal error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards):\s/;
const PHP_STATUS: Record<string, LogStatus> = { Warning: 'warn', Notice: 'info', Deprecated: 'info', 'Strict Standards': 'info' };

/** Level, logger and message after the timestamp of a "timestamp-level" header. */
export function readAfterTimestamp(rest: string): Omit<TextHeader, 'format' | 'timestamp'> {
  // PHP's error_log: "PHP Fatal error:  Uncaught …" (the whole text is what PHP's trace parser reads).
  const php = PHP_LEVEL.exec(rest);
  if (php) return { status: PHP_STATUS[php[1]] ?? 'error', level: php[1], message: rest.trimStart() };
  let i = 0;
  let logger: string | undefined;
  const attributes: JsonObject = {};
  for (let n = 0; n <= MAX_TOKENS_BEFORE_LEVEL; n++) {
    i = skipSeparators(rest, i);
    if (i >= rest.length) break;
    const end = tokenEnd(rest, i);
    const raw = rest.slice(i, end);
    const token = raw.startsWith('[') ? raw.replace(/\s+/g, '') : raw; // structlog pads: "[error    ]"
    const level = LEVEL_TOKEN.exec(token) ?? LOWER_LEVEL_TOKEN.exec(token);
    if (level) {
      const word = level[1] ?? level[2] ?? token.replace(/[^\w]/g, '');
      const after = readLoggerAndMessage(rest.slice(end));
      splitTrailingPairs(after);
      return { status: levelStatus(word), level: word, logger: after.logger ?? logger, message: after.message, attributes: { ...attributes, ...after.attributes } };
    }
    if (token.startsWith('[') || /^\d+$/.test(token) || token === '---') {
      noteBracket(token, attributes);
    } else if (/^[\w.-]*@[\w.-]*$/.test(token)) {
      attributes['db.user'] = token; // PostgreSQL's %u@%d before the level
    } else if (/^[\w./-]+\.\w+:\d+:?$/.test(token)) {
      attributes['logger.caller'] = token.replace(/:$/, ''); // log.Lshortfile's "main.go:30:" before the level
    } else if (/^[\w.$/-]+$/.test(token) && logger === undefined && rest.startsWith(' - ', end)) {
      logger = token; // Python's "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
    } else {
      break;
    }
    i = end;
  }
  return { status: 'info', logger, message: rest.replace(/^[\s\]|,:-]+/, ''), attributes };
}

/** After the level: "[thread] logger: msg", "pid --- [thread] logger : msg", "logger - msg", "- msg". */
function readLoggerAndMessage(text: string): { logger?: string; message: string; attributes: JsonObject } {
  const attributes: JsonObject = {};
  let i = 0;
  let sawThread = false;
  for (let n = 0; n < 4; n++) {
    i = skipSpaces(text, i);
    if (text.startsWith('- ', i) || text.startsWith('-- ', i) || text.startsWith('| ', i) || text.startsWith(': ', i)) {
      return { message: text.slice(skipSpaces(text, text.indexOf(' ', i))), attributes };
    }
    const end = tokenEnd(text, i);
    const token = text.slice(i, end);
    if (token.startsWith('[') && token.endsWith(']')) {
      noteBracket(token, attributes);
      sawThread = true;
      i = end;
      continue;
    }
    if (/^\d+$/.test(token) || token === '---') {
      if (/^\d+$/.test(token)) attributes.pid = Number(token);
      i = end;
      continue;
    }
    // A logger is a name followed by ":" / " :" / " - " / " -- ": dotted (a class or module), or any
    // name when the pattern put a [thread] before it (log4j "%p [%t] %c: %m").
    const name = /^([\w.$/<>\[\]-]+?)(:?)$/.exec(token);
    if (name) {
      const colon = name[2] === ':';
      const sep = colon ? end : sepAfter(text, end);
      if (sep !== undefined && (sawThread || name[1].includes('.') || !colon)) {
        return { logger: name[1], message: text.slice(skipSpaces(text, sep)), attributes };
      }
    }
    break;
  }
  return { message: text.slice(i), attributes };
}

/** End of a separator after a logger token: " : ", " - ", " -- ". */
function sepAfter(text: string, end: number): number | undefined {
  let j = skipSpaces(text, end);
  if (j === end && text.charCodeAt(end) !== 32) return undefined;
  for (const sep of [': ', '- ', '-- ']) if (text.startsWith(sep, j)) return j + sep.length - 1;
  if (j > end + 1 && text.charCodeAt(j) === 58 /* : */) return j + 1; // Spring Boot pads before " : "
  return undefined;
}

function noteBracket(token: string, attributes: JsonObject): void {
  if (/^\d+$/.test(token)) attributes.pid = Number(token);
  else if (token.startsWith('[')) {
    const inner = token.slice(1, -1).trim();
    if (/^\d+$/.test(inner)) attributes.pid = Number(inner);
    else if (inner && attributes['logger.thread_name'] === undefined) attributes['logger.thread_name'] = inner;
  }
}

function skipSeparators(text: string, i: number): number {
  while (i < text.length && ' \t-|,:]'.includes(text[i])) i++;
  return i;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** A token: up to the next space, or a whole [bracketed] group (brackets may nest: "[QuorumPeer[myid=1]/...]"). */
function tokenEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 91 /* [ */) {
    let depth = 0;
    for (let j = i; j < text.length && j < i + 200; j++) {
      const c = text.charCodeAt(j);
      if (c === 91) depth++;
      else if (c === 93 && --depth === 0) {
        let end = j + 1;
        if (text.charCodeAt(end) === 58) end++; // "[ERROR]:"
        return end;
      }
    }
  }
  let j = i;
  while (j < text.length && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) j++;
  return j;
}

/** A level word opening a message ("error: …", "[WARN] …", "ERROR …"), as programs under syslog write them. */
export function levelPrefix(message: string): { status: LogStatus; word: string; length: number } | undefined {
  const m = LEVEL_PREFIX.exec(message);
  if (!m) return undefined;
  const word = m[1] ?? m[2] ?? m[3] ?? m[4];
  // A bare lower-case word ("error connecting") is prose; upper case or punctuated is a level.
  if (m[4] && m[4] !== m[4].toUpperCase()) return undefined;
  return { status: levelStatus(word), word, length: m[0].length };
}

/** structlog's console renderer pads the event, then prints key=value pairs: "charge failed      amount=250". */
function splitTrailingPairs(found: { message: string; attributes: JsonObject }): void {
  const m = /^(.*?\S)\s{2,}([A-Za-z_][\w.]*=\S.*)$/.exec(found.message);
  const pairs = m ? parseLogfmt(m[2]) ?? (/^[A-Za-z_][\w.]*=\S+$/.test(m[2]) ? parseLogfmt(`${m[2]} _=_`) : undefined) : undefined;
  if (!m || !pairs) return;
  delete pairs._;
  found.message = m[1];
  Object.assign(found.attributes, pairs);
}
