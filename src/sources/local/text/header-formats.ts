// Recognises the first line of a plain-text log record. Each format is a named row with a sample
// line as its logger really prints it; test/unit/local/header-formats.test.ts checks every sample.
// The rows are tried in order (most specific first); the last two are generic: a timestamp
// followed by a level word somewhere in the next few tokens (log4j/logback/Python/Go/Spring…
// patterns), and a level word at the very start of the line.
import type { JsonObject, LogStatus } from '../../../core/model';
import { toStatus } from '../presets/levels';
import { levelPrefix, readAfterTimestamp } from './after-timestamp';
import { LEVEL_WORDS, levelStatus } from './level-words';
import { parseLogfmt } from './logfmt';
import { parseTimestamp } from './text-time';

export interface TextHeader {
  /** Name of the row that matched. */
  format: string;
  timestamp?: number;
  status: LogStatus;
  /** Logger, category, program or class that wrote the record, when the format shows one. */
  logger?: string;
  message: string;
  /** Fields the format carries besides the message (thread, pid, request id, logfmt pairs…). */
  attributes?: JsonObject;
  /** The level word as printed, for the generic timestamp-first reading (undefined: none found). */
  level?: string;
  /** java.util.logging prints the level and message on the record's second line. */
  levelOnNextLine?: boolean;
}

export interface HeaderFormat {
  name: string;
  /** A line as the logger prints it, and where that shape is documented. */
  sample: string;
  source: string;
  parse(line: string, ctx: TimeContext): TextHeader | undefined;
}

export interface TimeContext {
  /** Year for timestamps that print none (syslog, klog), from the file's modification time. */
  year: number;
  /** Day (epoch ms at 00:00 UTC) for time-only timestamps (logback's default HH:mm:ss.SSS). */
  day: number;
}

const SYSLOG_STATUS: LogStatus[] = ['emergency', 'alert', 'critical', 'error', 'warn', 'info', 'info', 'debug'];

function rx(source: string): RegExp {
  return new RegExp(source);
}

const SYSLOG_5424 = rx(String.raw`^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+) ?(.*)$`);
const SYSLOG_3164 = rx(String.raw`^<(\d{1,3})>([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (\S+) ([^:\[\s]+)(?:\[(\d+)\])?: ?(.*)$`);
const SYSLOG_FILE = rx(String.raw`^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) ([\w.-]+) ([A-Za-z_][^:\[\s]*)(?:\[(\d+)\])?: (.*)$`);
const RUBY = rx(String.raw`^([DIWEFA]), \[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?) #(\d+)\]\s+(\w+) -- ([^:]*): ?(.*)$`);
const LAMBDA_PY = rx(String.raw`^\[(${LEVEL_WORDS})\]\t(\d{4}-\d\d-\d\dT[\d:.]+Z)\t([\w-]+)\t(.*)$`);
const LAMBDA_NODE = rx(String.raw`^(\d{4}-\d\d-\d\dT[\d:.]+Z)\t([0-9a-f-]{36}|undefined)\t(${LEVEL_WORDS})\t(.*)$`);
const KLOG = rx(String.raw`^([IWEF])(\d\d)(\d\d) (\d\d:\d\d:\d\d\.\d+)\s+(\d+) ([^\]\s]+:\d+)\] (.*)$`);
const PYTHON_DEFAULT = rx(String.raw`^(CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG):([^:\s][^:]*|):(.*)$`);
const JUL_FIRST = rx(String.raw`^([A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d (?:AM|PM)) (\S+?)(?: (\S+))?$`);
const JUL_ONE_LINE = rx(String.raw`^([A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d (?:AM|PM)) ([\w.$]+): (.*)$`);
const ZAP_CONSOLE = rx(String.raw`^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)|\d+\.\d+)\t(${LEVEL_WORDS})\t(.*)$`);
const WINSTON_SIMPLE = /^(error|warn|info|http|verbose|debug|silly|crit|alert|emerg|notice|warning): (.*)$/;
const CALLER = /^[\w./@-]+:\d+$/;
const BRACKET_LEVEL_START = rx(String.raw`^\[(${LEVEL_WORDS})\]:?\s+(.*)$`);
const LEVEL_START = rx(String.raw`^(${LEVEL_WORDS})(?::\s*|\s+)(.*)$`);

// Timestamps a generic record header may start with (bracketed or not).
const TIMESTAMP = rx(
  String.raw`^\[?(` +
    String.raw`\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?: ?(?:Z|[+-]\d\d:?\d\d|UTC|GMT|[A-Z]{3,4}\b))?` + // ISO 8601 / Python asctime / PostgreSQL %m
    String.raw`|\d{4}/\d\d/\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?` + // Go log, nginx
    String.raw`|\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d(?:[.,]\d+)?(?: UTC| GMT| [+-]\d{4})?` + // Tomcat, PHP's error_log
    String.raw`|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \d{4}` + // Apache httpd
    String.raw`|[A-Z][a-z]{2} [ \d]\d(?: \d{4})? \d\d:\d\d:\d\d(?:\.\d+)?` + // syslog-style
    String.raw`|\d\d:\d\d:\d\d[.,]\d{3}` + // logback's default %d{HH:mm:ss.SSS}
    String.raw`|\d{6} [ \d]\d:\d\d:\d\d` + // MySQL 5.x error log "161209 13:08:33\"
    String.raw`)\]?(?=[\s\]|,:-]|$)`,
);

function priStatus(pri: string): LogStatus {
  return SYSLOG_STATUS[Number(pri) & 7];
}

export const HEADER_FORMATS: HeaderFormat[] = [
  {
    name: 'syslog-rfc5424',
    sample: '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event log entry',
    source: 'RFC 5424 section 6.5, example 3',
    parse(line, ctx) {
      const m = SYSLOG_5424.exec(line);
      if (!m) return undefined;
      const attributes = syslogAttributes(m[3], m[4], nil(m[5]));
      if (m[6] !== '-') attributes['syslog.msgid'] = m[6];
      if (m[7] !== '-') attributes['syslog.structured_data'] = m[7];
      return { format: this.name, timestamp: parseTimestamp(m[2], ctx), status: priStatus(m[1]), logger: nil(m[4]), message: m[8].replace(/^\uFEFF/, ''), attributes };
    },
  },
  {
    name: 'syslog-rfc3164',
    sample: '<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8',
    source: 'RFC 3164 section 5.4, example 1',
    parse(line, ctx) {
      const m = SYSLOG_3164.exec(line);
      if (!m) return undefined;
      const attributes = syslogAttributes(m[3], m[4], m[5]);
      return { format: this.name, timestamp: parseTimestamp(m[2], ctx), status: priStatus(m[1]), logger: m[4], message: m[6], attributes };
    },
  },
  {
    name: 'ruby-logger',
    sample: 'E, [2026-11-28T10:15:00.123456 #4242] ERROR -- billing: charge failed',
    source: "Ruby's Logger::Formatter (Format = \"%.1s, [%s #%d] %5s -- %s: %s\\n\")",
    parse(line, ctx) {
      const m = RUBY.exec(line);
      if (!m) return undefined;
      return { format: this.name, timestamp: parseTimestamp(m[2], ctx), status: levelStatus(m[4]), logger: m[5] || undefined, message: m[6], attributes: { pid: Number(m[3]) } };
    },
  },
  {
    name: 'aws-lambda-python',
    sample: "[ERROR]\t2026-11-28T10:15:00.123Z\t3f2a6d1e-8c1b-4d5e-9f00-1a2b3c4d5e6f\tcould not load order 42",
    source: 'AWS Lambda Python runtime text log format (docs: "Using Lambda logging with Python")',
    parse(line, ctx) {
      const m = LAMBDA_PY.exec(line);
      if (!m) return undefined;
      return { format: this.name, timestamp: parseTimestamp(m[2], ctx), status: levelStatus(m[1]), message: m[4], attributes: { 'lambda.request_id': m[3] } };
    },
  },
  {
    name: 'aws-lambda-node',
    sample: '2026-11-28T10:15:00.123Z\t3f2a6d1e-8c1b-4d5e-9f00-1a2b3c4d5e6f\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined"}',
    source: 'AWS Lambda Node.js runtime text log format (docs: "Log and monitor Node.js Lambda functions")',
    parse(line, ctx) {
      const m = LAMBDA_NODE.exec(line);
      if (!m) return undefined;
      const header: TextHeader = { format: this.name, timestamp: parseTimestamp(m[1], ctx), status: levelStatus(m[3]), message: m[4], attributes: { 'lambda.request_id': m[2] } };
      return withTrailingJson(header);
    },
  },
  {
    name: 'klog',
    sample: 'E1128 10:15:00.123456    4242 controller.go:118] "Reconciler error" err="conflict" controller="widget"',
    source: 'Kubernetes klog header (Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg)',
    parse(line, ctx) {
      const m = KLOG.exec(line);
      if (!m) return undefined;
      const iso = `${ctx.year}-${m[2]}-${m[3]}T${m[4]}Z`;
      const header: TextHeader = { format: this.name, timestamp: parseTimestamp(iso, ctx), status: levelStatus(m[1]), message: m[7], attributes: { pid: Number(m[5]), 'logger.caller': m[6] } };
      return withStructuredTail(header);
    },
  },
  {
    name: 'python-logging-default',
    sample: 'ERROR:root:could not connect to upstream',
    source: 'Python logging.BASIC_FORMAT "%(levelname)s:%(name)s:%(message)s"',
    parse(line) {
      const m = PYTHON_DEFAULT.exec(line);
      if (!m) return undefined;
      return { format: this.name, status: levelStatus(m[1]), logger: m[2] || undefined, message: m[3] };
    },
  },
  {
    name: 'java-util-logging',
    sample: 'Nov 28, 2026 10:15:00 AM com.acme.billing.Job run',
    source: 'java.util.logging.SimpleFormatter default format "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n"',
    parse(line, ctx) {
      const one = JUL_ONE_LINE.exec(line); // a custom format: "<date> <logger>: <message>" on one line
      if (one) return { format: this.name, timestamp: parseTimestamp(one[1], ctx), status: 'info', logger: one[2], message: one[3] };
      const m = JUL_FIRST.exec(line);
      if (!m) return undefined;
      return { format: this.name, timestamp: parseTimestamp(m[1], ctx), status: 'info', logger: m[2], message: '', levelOnNextLine: true, attributes: m[3] ? { 'logger.method_name': m[3] } : undefined };
    },
  },
  {
    name: 'zap-console',
    sample: '2026-11-28T10:15:00.123Z\tERROR\tcontroller/widget.go:118\tReconciler error\t{"controller": "widget", "error": "conflict"}',
    source: 'go.uber.org/zap console encoder (NewDevelopmentConfig / NewProductionConfig with Encoding "console")',
    parse(line, ctx) {
      const m = ZAP_CONSOLE.exec(line);
      if (!m) return undefined;
      const fields = m[3].split('\t');
      const attributes: JsonObject = {};
      let logger: string | undefined;
      if (fields.length > 2 && !CALLER.test(fields[0]) && CALLER.test(fields[1])) logger = fields.shift();
      if (fields.length > 1 && CALLER.test(fields[0])) attributes['logger.caller'] = fields.shift()!;
      const header: TextHeader = { format: this.name, timestamp: parseTimestamp(m[1], ctx), status: levelStatus(m[2]), logger, message: fields.join('\t'), attributes };
      return withTrailingJson(header);
    },
  },
  {
    name: 'logfmt',
    sample: 'time=2026-11-28T10:15:00.123Z level=ERROR msg="payment declined" order=42 err="card expired"',
    source: 'logfmt as written by Go log/slog TextHandler, logrus TextFormatter and Heroku',
    parse(line, ctx) {
      const pairs = parseLogfmt(line);
      if (!pairs) return undefined;
      const level = pairs.level ?? pairs.lvl ?? pairs.severity;
      if (typeof level !== 'string') return undefined;
      const timeValue = pairs.time ?? pairs.ts ?? pairs.t ?? pairs.timestamp;
      const message = pairs.msg ?? pairs.message ?? '';
      const attributes: JsonObject = {};
      for (const [k, v] of Object.entries(pairs)) if (!['level', 'lvl', 'severity', 'time', 'ts', 't', 'timestamp', 'msg', 'message'].includes(k)) attributes[k] = v;
      const logger = pairs.logger ?? pairs.component ?? pairs.source;
      return { format: this.name, timestamp: typeof timeValue === 'string' ? parseTimestamp(timeValue, ctx) : undefined, status: levelStatus(level), logger: typeof logger === 'string' ? logger : undefined, message: String(message), attributes };
    },
  },
  {
    name: 'syslog-file',
    sample: 'Oct 11 22:14:15 myhost sshd[812]: error: Could not load host key: /etc/ssh/ssh_host_ed25519_key',
    source: 'rsyslog RSYSLOG_TraditionalFileFormat (/var/log/syslog) and RSYSLOG_FileFormat; journalctl -o short / short-iso',
    parse(line, ctx) {
      const m = SYSLOG_FILE.exec(line);
      if (!m || toStatus(m[2]) !== undefined) return undefined; // "<time> ERROR app: …" is a level, not a host
      const attributes = syslogAttributes(m[2], m[3], m[4]);
      const level = levelPrefix(m[5]);
      return { format: this.name, timestamp: parseTimestamp(m[1], ctx), status: level?.status ?? 'info', level: level?.word, logger: m[3], message: level ? m[5].slice(level.length) : m[5], attributes };
    },
  },
  {
    name: 'timestamp-level',
    sample: '2015-10-18 18:04:11,034 ERROR [main] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: ERROR IN CONTACTING RM.',
    source: 'log4j/logback PatternLayout "%d %p [%t] %c: %m%n", and the other timestamp-first patterns in the test',
    parse(line, ctx) {
      const ts = TIMESTAMP.exec(line);
      if (!ts) return undefined;
      const found = readAfterTimestamp(line.slice(ts[0].length));
      // Rust's env_logger: "[2026-11-28T10:15:00Z ERROR billing::charge] card declined"
      const close = ts[0].startsWith('[') && !ts[0].endsWith(']') && found.logger === undefined ? /^([\w:.\-/]+)\] ?/.exec(found.message) : null;
      if (close) Object.assign(found, { logger: close[1], message: found.message.slice(close[0].length) });
      return { format: this.name, timestamp: parseTimestamp(ts[1], ctx), ...found };
    },
  },
  {
    name: 'winston-simple',
    sample: 'error: template monthly is not defined {"service":"report-worker","stack":"ReferenceError: template monthly is not defined\\n    at renderTemplate (/app/render.js:24:9)"}',
    source: "winston's format.simple(): `${level}: ${message} ${JSON.stringify(rest)}`",
    parse(line) {
      const m = WINSTON_SIMPLE.exec(line);
      if (!m) return undefined;
      return withTrailingJson({ format: this.name, status: levelStatus(m[1]), level: m[1], message: m[2] });
    },
  },
  {
    name: 'level-first',
    sample: '[ERROR] upload failed: bucket not found',
    source: 'level-prefixed lines (Maven, Lambda Python unhandled errors, many CLIs)',
    parse(line) {
      const m = BRACKET_LEVEL_START.exec(line) ?? LEVEL_START.exec(line);
      if (!m) return undefined;
      return { format: this.name, status: levelStatus(m[1]), message: m[2] };
    },
  },
];

/** The header of a plain-text record, or undefined when the line is no header. */
export function parseTextHeader(line: string, ctx: TimeContext): TextHeader | undefined {
  const c = line.charCodeAt(0);
  // A record header never starts with whitespace; frame and continuation lines usually do.
  if (c === 32 || c === 9 || Number.isNaN(c)) return undefined;
  for (const format of HEADER_FORMATS) {
    const header = format.parse(line, ctx);
    if (header) return header;
  }
  return undefined;
}

/** java.util.logging's second line: "SEVERE: message". */
const JUL_SECOND = /^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ?(.*)$/;
export function parseJulLevelLine(line: string): { status: LogStatus; level: string; message: string } | undefined {
  const m = JUL_SECOND.exec(line);
  return m ? { status: m[1] === 'SEVERE' ? 'error' : levelStatus(m[1]), level: m[1], message: m[2] } : undefined;
}

/** Datadog's syslog attributes of a syslog-style header. */
function syslogAttributes(host: string, app: string, procid: string | undefined): JsonObject {
  const attributes: JsonObject = { 'syslog.hostname': host, 'syslog.appname': app };
  if (procid) attributes['syslog.procid'] = procid;
  return attributes;
}

function nil(value: string): string | undefined {
  return value === '-' ? undefined : value;
}

/** A trailing JSON object after a tab (zap console, Lambda Node) becomes attributes. */
function withTrailingJson(header: TextHeader): TextHeader {
  const tab = Math.max(header.message.lastIndexOf('\t{'), header.message.indexOf(' {"'));
  const start = tab >= 0 ? tab + 1 : header.message.startsWith('{') ? 0 : -1;
  if (start < 0 || !header.message.endsWith('}')) return header;
  try {
    const fields = JSON.parse(header.message.slice(start)) as unknown;
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return header;
    header.attributes = { ...header.attributes, ...(fields as JsonObject) };
    header.message = header.message.slice(0, Math.max(0, start - 1)).trimEnd();
  } catch {
    // not JSON after all: the message keeps it
  }
  return header;
}

/** klog's structured form: "msg" key="value" … */
function withStructuredTail(header: TextHeader): TextHeader {
  const m = /^"((?:[^"\\]|\\.)*)"(?: (.*))?$/.exec(header.message);
  if (!m) return header;
  const pairs = m[2] ? parseLogfmt(m[2]) : undefined;
  header.message = m[1].replace(/\\(.)/g, '$1');
  if (pairs) header.attributes = { ...header.attributes, ...pairs };
  return header;
}
