import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventsOf, presetOf } from './helpers';

test('Datadog standard attributes: error events keep kind, message, stack, env, version and origin', async () => {
  const { events, stats } = await eventsOf('datadog.jsonl');
  assert.equal(presetOf(stats), 'datadog');
  assert.equal(events.length, 2, 'the warn line with error.kind is not an error');
  const [first, second] = events;
  assert.equal(first.service, 'billing');
  assert.equal(first.env, 'prod');
  assert.equal(first.version, '1.4.2');
  assert.equal(first.host, 'ip-10-0-1-5');
  assert.equal(first.status, 'error');
  assert.equal(first.timestamp, Date.parse('2026-11-28T10:00:01.250Z'));
  assert.equal(first.error.kind, 'TypeError');
  assert.match(first.error.stack ?? '', /computeTotal/);
  assert.equal(first.origin?.line, 2);
  assert.equal((first.attributes.usr as { id: string }).id, '4411');
  assert.equal(second.status, 'critical');
  assert.equal(second.error.fingerprint, 'ledger-down', 'flat dotted keys are read');
  assert.equal(second.timestamp, Date.parse('2026-11-28T10:00:03.000Z'));
});

test('Elastic ECS: flat dotted and nested keys map error.type, error.stack_trace, log.level, service.name', async () => {
  const { events, stats } = await eventsOf('ecs.jsonl');
  assert.equal(presetOf(stats), 'ecs');
  assert.equal(events.length, 2);
  assert.equal(events[0].error.kind, 'java.lang.IllegalStateException');
  assert.equal(events[0].service, 'orders');
  assert.equal(events[0].version, '2.0.1');
  assert.equal(events[0].env, 'staging');
  assert.match(events[0].error.stack ?? '', /Importer\.java:88/);
  assert.equal(events[1].service, 'orders-py');
  assert.equal(events[1].error.kind, 'KeyError');
});

test('OpenTelemetry OTLP JSON: each error log record of an export line becomes an event with resource service.name', async () => {
  const { events, stats } = await eventsOf('otel-otlp.jsonl');
  assert.equal(presetOf(stats), 'otel');
  assert.equal(events.length, 1);
  const [e] = events;
  assert.equal(e.service, 'checkout');
  assert.equal(e.version, '3.1.0');
  assert.equal(e.env, 'prod');
  assert.equal(e.error.kind, 'ValueError');
  assert.equal(e.error.message, 'card expired');
  assert.equal(e.message, 'payment declined');
  assert.equal(e.timestamp, 1795860001000);
  assert.match(e.error.stack ?? '', /gateway\.py/);
});

test('OpenTelemetry flat records: severity_text / SeverityText and exception.* attributes', async () => {
  const { events } = await eventsOf('otel-flat.jsonl');
  assert.equal(events.length, 2);
  assert.equal(events[0].service, 'catalog');
  assert.equal(events[0].error.kind, 'System.InvalidOperationException');
  assert.equal(events[1].service, 'catalog-worker');
  assert.equal(events[1].error.kind, 'PG::ConnectionBad');
  assert.equal(events[1].timestamp, 1795860122000);
});

test('pino: numeric levels 50 and 60, err {type,message,stack}, name as service, time in ms', async () => {
  const { events, stats } = await eventsOf('pino.jsonl');
  assert.equal(presetOf(stats), 'pino');
  assert.deepEqual(events.map((e) => e.status), ['error', 'critical']);
  assert.equal(events[0].error.kind, 'Error');
  assert.match(events[0].error.stack ?? '', /loadConfig/);
  assert.equal(events[0].service, 'api');
  assert.equal(events[0].host, 'api-7f9c');
  assert.equal(events[0].timestamp, 1795860181234);
});

test('bunyan: v/name/hostname lines with err {name,message,stack}', async () => {
  const { events, stats } = await eventsOf('bunyan.jsonl');
  assert.equal(presetOf(stats), 'bunyan');
  assert.equal(events.length, 1);
  assert.equal(events[0].error.kind, 'Error');
  assert.equal(events[0].service, 'mailer');
  assert.equal(events[0].timestamp, Date.parse('2026-11-28T10:04:02.120Z'));
});

test('winston: level/message with a top-level stack, or an error object', async () => {
  const { events, stats } = await eventsOf('winston.jsonl');
  assert.equal(presetOf(stats), 'winston');
  assert.equal(events.length, 2);
  assert.match(events[0].error.stack ?? '', /render/);
  assert.equal(events[0].service, 'reports');
  assert.equal(events[1].error.kind, 'HTTPError');
  assert.equal(events[1].error.message, 'Response code 502 (Bad Gateway)');
});

test('zap: ts in seconds, error text and stacktrace; panic maps to critical', async () => {
  const { events, stats } = await eventsOf('zap.jsonl');
  assert.equal(presetOf(stats), 'zap');
  assert.equal(events.length, 2);
  assert.equal(events[0].timestamp, 1795860361500);
  assert.equal(events[0].error.message, 'task failed: open /var/spool/x.csv: permission denied');
  assert.match(events[0].error.stack ?? '', /pool\.go:88/);
  assert.equal(events[1].status, 'critical');
});

test('logrus: error text without a stack still makes an error event; fatal is critical', async () => {
  const { events, stats } = await eventsOf('logrus.jsonl');
  assert.equal(presetOf(stats), 'logrus');
  assert.equal(events.length, 2);
  assert.equal(events[0].error.message, 'failed to consume: dial tcp 10.1.2.3:9092: connect: connection refused');
  assert.equal(events[0].error.stack, undefined);
  assert.equal(events[0].timestamp, Date.parse('2026-11-28T09:07:05Z'));
  assert.equal(events[1].status, 'critical');
});

test('structlog: exception text and dict_tracebacks lists both become Python tracebacks', async () => {
  const { events, stats } = await eventsOf('structlog.jsonl');
  assert.equal(presetOf(stats), 'structlog');
  assert.equal(events.length, 2);
  assert.equal(events[0].message, 'row rejected');
  assert.match(events[0].error.stack ?? '', /^Traceback/);
  assert.match(events[1].error.stack ?? '', /File "\/opt\/etl\/load.py", line 20, in load\nRuntimeError: load aborted/);
});

test('python-json-logger: levelname, asctime with a comma, exc_info traceback', async () => {
  const { events, stats } = await eventsOf('python-json-logger.jsonl');
  assert.equal(presetOf(stats), 'python-json-logger');
  assert.equal(events.length, 1);
  assert.equal(events[0].service, 'scheduler');
  assert.match(events[0].error.stack ?? '', /FileNotFoundError/);
  assert.ok(Number.isFinite(events[0].timestamp));
});

test('Serilog CLEF: @l Error/Fatal with @x; a missing @l is Information', async () => {
  const { events, stats } = await eventsOf('serilog.clef');
  assert.equal(presetOf(stats), 'serilog');
  assert.deepEqual(events.map((e) => e.status), ['error', 'critical']);
  assert.equal(events[0].message, 'Failed to process order {OrderId}');
  assert.equal(events[0].service, 'shop');
  assert.match(events[0].error.stack ?? '', /OrderProcessor\.cs:line 58/);
  assert.equal(events[1].message, 'Host terminated unexpectedly');
});

test('user field mapping: a standard attribute read from any path, status included', async () => {
  const { events } = await eventsOf('logrus.jsonl', { fieldMapping: { service: 'component', 'error.kind': 'component' } });
  assert.equal(events[0].service, 'consumer');
  assert.equal(events[0].error.kind, 'consumer');
});
