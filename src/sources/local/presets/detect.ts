// Picks the preset for a file from the keys of its first JSON lines. Each rule looks for the
// keys a logger always writes; ties go to the more specific logger; nothing found = datadog.
import type { JsonObject } from '../../../core/model';
import { getPath } from './paths';
import type { PresetName } from './specs';

type Rule = { preset: PresetName; score: (o: JsonObject) => number };

const has = (o: JsonObject, ...paths: string[]) => paths.every((p) => getPath(o, p) !== undefined);
const any = (o: JsonObject, ...paths: string[]) => paths.some((p) => getPath(o, p) !== undefined);

const RULES: Rule[] = [
  { preset: 'journald', score: (o) => (has(o, 'MESSAGE') && any(o, 'PRIORITY', '__REALTIME_TIMESTAMP', '_SYSTEMD_UNIT') ? 10 : 0) },
  { preset: 'serilog', score: (o) => (has(o, '@t') && any(o, '@mt', '@m') ? 10 : 0) },
  { preset: 'otel', score: (o) => (any(o, 'resourceLogs', 'severity_text', 'severityText', 'SeverityText', 'severity_number', 'severityNumber', 'SeverityNumber') && any(o, 'body', 'Body', 'resourceLogs') ? 9 : 0) },
  { preset: 'ecs', score: (o) => (has(o, '@timestamp') && any(o, 'ecs.version', 'log.level') ? 9 : has(o, 'ecs.version') ? 8 : 0) },
  { preset: 'bunyan', score: (o) => (has(o, 'v', 'hostname', 'pid', 'level', 'msg', 'time') && typeof o.level === 'number' ? 9 : 0) },
  { preset: 'pino', score: (o) => (typeof o.level === 'number' && has(o, 'time') && any(o, 'msg', 'pid', 'hostname') ? 8 : 0) },
  { preset: 'zap', score: (o) => (has(o, 'level', 'ts') && any(o, 'msg', 'caller') ? 8 : has(o, 'L', 'T', 'M') ? 7 : 0) },
  { preset: 'python-json-logger', score: (o) => (has(o, 'levelname') || (has(o, 'asctime') && any(o, 'message', 'exc_info')) ? 8 : 0) },
  { preset: 'structlog', score: (o) => (has(o, 'event') && any(o, 'level', 'log_level') && typeof o.event === 'string' ? 7 : 0) },
  { preset: 'logrus', score: (o) => (has(o, 'level', 'msg', 'time') && typeof o.level === 'string' ? 6 : 0) },
  { preset: 'logstash', score: (o) => (has(o, '@timestamp', 'level') && any(o, 'logger_name', 'thread_name', '@version') ? 7 : 0) },
  { preset: 'winston', score: (o) => (has(o, 'level', 'message') && typeof o.level === 'string' && !any(o, 'status', 'service.name', 'error.kind', 'error.stack') ? 5 : 0) },
  { preset: 'datadog', score: (o) => (any(o, 'status', 'error.kind', 'error.stack', 'dd.trace_id', 'service') ? 4 : 1) },
];

/** Best preset for one object with its score (0 = no idea). */
export function scorePreset(obj: JsonObject): { preset: PresetName; score: number } {
  let best: { preset: PresetName; score: number } = { preset: 'datadog', score: 0 };
  for (const rule of RULES) {
    const score = rule.score(obj);
    if (score > best.score) best = { preset: rule.preset, score };
  }
  return best;
}
