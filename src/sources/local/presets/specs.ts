// Where each known logger writes the standard attributes. Paths are tried in order; the first
// non-empty one wins. Sources for each shape are listed in test/fixtures/logs/PROVENANCE.md.
import type { NumericLevels } from './levels';

export type PresetName =
  | 'datadog' | 'ecs' | 'otel' | 'pino' | 'bunyan' | 'winston' | 'zap' | 'logrus'
  | 'structlog' | 'python-json-logger' | 'serilog' | 'logstash' | 'journald';

export interface PresetSpec {
  name: PresetName;
  numeric: NumericLevels;
  status: string[];
  timestamp: string[];
  service: string[];
  env: string[];
  version: string[];
  host: string[];
  message: string[];
  kind: string[];
  errorMessage: string[];
  stack: string[];
  fingerprint: string[];
  /** Paths that may hold an error as plain text (Go `error`, Python traceback) or an error object. */
  errorValue: string[];
}

const DD_ERROR = {
  kind: ['error.kind', 'error.type', 'error.name', 'err.type', 'err.name', 'exception.type'],
  errorMessage: ['error.message', 'err.message', 'exception.message'],
  stack: ['error.stack', 'error.stack_trace', 'error.stacktrace', 'err.stack', 'exception.stacktrace', 'stack_trace', 'stack', 'stacktrace'],
  fingerprint: ['error.fingerprint'],
  errorValue: ['error', 'err', 'exception'],
};

const base = {
  env: ['env', 'dd.env', 'deployment.environment', 'environment'],
  version: ['version', 'dd.version', 'service.version', 'app.version'],
  host: ['host', 'hostname', 'host.name', 'syslog.hostname'],
};

export const SPECS: Record<PresetName, PresetSpec> = {
  datadog: {
    name: 'datadog', numeric: 'syslog',
    status: ['status', 'level', 'severity', 'syslog.severity', 'log.level', 'loglevel'],
    timestamp: ['timestamp', 'date', '@timestamp', 'time', 'ts', 'syslog.timestamp'],
    service: ['service', 'dd.service', 'service.name', 'syslog.appname', 'logger.name', 'app'],
    ...base,
    message: ['message', 'msg', 'log'],
    ...DD_ERROR,
  },
  ecs: {
    name: 'ecs', numeric: 'syslog',
    status: ['log.level', 'level'],
    timestamp: ['@timestamp', 'timestamp'],
    service: ['service.name', 'event.dataset', 'process.name'],
    env: ['service.environment', 'deployment.environment', 'labels.env', 'env'],
    version: ['service.version', 'version'],
    host: ['host.hostname', 'host.name'],
    message: ['message'],
    kind: ['error.type', 'error.kind'],
    errorMessage: ['error.message'],
    stack: ['error.stack_trace', 'error.stack'],
    fingerprint: ['error.fingerprint'],
    errorValue: [],
  },
  otel: {
    name: 'otel', numeric: 'otel',
    status: ['severity_text', 'severityText', 'SeverityText', 'severity_number', 'severityNumber', 'SeverityNumber'],
    timestamp: ['timestamp', 'Timestamp', 'time_unix_nano', 'timeUnixNano', 'observed_timestamp', 'observedTimeUnixNano'],
    service: ['resource.service.name', 'Resource.service.name', 'resource.attributes.service.name', 'attributes.service.name'],
    env: ['resource.deployment.environment', 'resource.deployment.environment.name', 'Resource.deployment.environment', 'resource.attributes.deployment.environment'],
    version: ['resource.service.version', 'Resource.service.version', 'resource.attributes.service.version'],
    host: ['resource.host.name', 'Resource.host.name', 'resource.attributes.host.name'],
    message: ['body', 'Body'],
    kind: ['attributes.exception.type', 'Attributes.exception.type', 'exception.type'],
    errorMessage: ['attributes.exception.message', 'Attributes.exception.message', 'exception.message'],
    stack: ['attributes.exception.stacktrace', 'Attributes.exception.stacktrace', 'exception.stacktrace'],
    fingerprint: ['attributes.error.fingerprint', 'error.fingerprint'],
    errorValue: [],
  },
  pino: {
    name: 'pino', numeric: 'pino',
    status: ['level'],
    timestamp: ['time'],
    service: ['name', 'service', 'app'],
    ...base,
    message: ['msg', 'message'],
    kind: ['err.type', 'err.name', 'error.type', 'error.name'],
    errorMessage: ['err.message', 'error.message'],
    stack: ['err.stack', 'error.stack', 'stack'],
    fingerprint: ['error.fingerprint', 'err.fingerprint'],
    errorValue: ['err', 'error'],
  },
  bunyan: {
    name: 'bunyan', numeric: 'pino',
    status: ['level'],
    timestamp: ['time'],
    service: ['name'],
    ...base,
    message: ['msg'],
    kind: ['err.name', 'err.type'],
    errorMessage: ['err.message'],
    stack: ['err.stack'],
    fingerprint: ['error.fingerprint'],
    errorValue: ['err'],
  },
  winston: {
    name: 'winston', numeric: 'syslog',
    status: ['level'],
    timestamp: ['timestamp'],
    service: ['service', 'defaultMeta.service', 'label', 'app'],
    ...base,
    message: ['message'],
    kind: ['error.kind', 'error.name', 'error.type', 'name'],
    errorMessage: ['error.message'],
    stack: ['stack', 'error.stack', 'trace'],
    fingerprint: ['error.fingerprint'],
    errorValue: ['error', 'err'],
  },
  zap: {
    name: 'zap', numeric: 'syslog',
    status: ['level', 'L'],
    timestamp: ['ts', 'T', 'time'],
    service: ['service', 'logger', 'N', 'app'],
    ...base,
    message: ['msg', 'M', 'message'],
    kind: ['errorKind', 'error.kind', 'error_type'],
    errorMessage: ['errorVerbose', 'error.message'],
    stack: ['stacktrace', 'S', 'error.stack'],
    fingerprint: ['error.fingerprint'],
    errorValue: ['error', 'err'],
  },
  logrus: {
    name: 'logrus', numeric: 'syslog',
    status: ['level'],
    timestamp: ['time'],
    service: ['service', 'app', 'component'],
    ...base,
    message: ['msg'],
    kind: ['error.kind', 'error_type'],
    errorMessage: ['error.message'],
    stack: ['stack', 'stacktrace', 'error.stack'],
    fingerprint: ['error.fingerprint'],
    errorValue: ['error', 'err'],
  },
  structlog: {
    name: 'structlog', numeric: 'syslog',
    status: ['level', 'log_level'],
    timestamp: ['timestamp'],
    service: ['service', 'logger', 'app'],
    ...base,
    message: ['event'],
    kind: ['error.kind', 'exc_type'],
    errorMessage: ['error.message', 'exc_value'],
    stack: ['exception', 'exc_info', 'stack'],
    fingerprint: ['error.fingerprint'],
    errorValue: ['error'],
  },
  'python-json-logger': {
    name: 'python-json-logger', numeric: 'syslog',
    status: ['levelname', 'level'],
    timestamp: ['asctime', 'timestamp', 'created'],
    service: ['service', 'name', 'app'],
    ...base,
    message: ['message', 'msg'],
    kind: ['error.kind', 'exc_type'],
    errorMessage: ['error.message'],
    stack: ['exc_info', 'exception', 'stack_info'],
    fingerprint: ['error.fingerprint'],
    errorValue: [],
  },
  serilog: {
    name: 'serilog', numeric: 'syslog',
    status: ['@l'],
    timestamp: ['@t'],
    service: ['Application', 'ApplicationName', 'Service', 'service', 'SourceContext'],
    env: ['Environment', 'EnvironmentName', 'env'],
    version: ['Version', 'version'],
    host: ['MachineName', 'host'],
    message: ['@m', '@mt'],
    kind: ['ExceptionType', 'error.kind'],
    errorMessage: ['ExceptionMessage', 'error.message'],
    stack: ['@x'],
    fingerprint: ['error.fingerprint'],
    errorValue: [],
  },
  logstash: {
    name: 'logstash', numeric: 'syslog',
    status: ['level', 'severity'],
    timestamp: ['@timestamp', 'timestamp'],
    service: ['service', 'app_name', 'application', 'logger_name'],
    ...base,
    message: ['message'],
    kind: ['error.kind', 'exception_class'],
    errorMessage: ['error.message', 'exception_message'],
    stack: ['stack_trace', 'stacktrace', 'exception'],
    fingerprint: ['error.fingerprint'],
    errorValue: [],
  },
  journald: {
    name: 'journald', numeric: 'syslog',
    status: ['PRIORITY'],
    timestamp: ['__REALTIME_TIMESTAMP', '_SOURCE_REALTIME_TIMESTAMP'],
    service: ['SYSLOG_IDENTIFIER', '_SYSTEMD_UNIT', '_COMM'],
    env: [],
    version: [],
    host: ['_HOSTNAME'],
    message: ['MESSAGE'],
    kind: [],
    errorMessage: [],
    stack: [],
    fingerprint: ['ERROR_FINGERPRINT'],
    errorValue: [],
  },
};
