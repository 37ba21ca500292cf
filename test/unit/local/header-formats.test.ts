import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEADER_FORMATS, parseTextHeader } from '../../../src/sources/local/text/header-formats';
import { TRACE_START_SAMPLES, traceStart } from '../../../src/sources/local/text/trace-grammar';

const ctx = { year: 2026, day: Date.UTC(2026, 10, 28) };

test('every header format reads its own sample line, and no earlier row takes it', () => {
  for (const format of HEADER_FORMATS) {
    const header = parseTextHeader(format.sample, ctx);
    assert.equal(header?.format, format.name, `${format.name}: ${format.sample}`);
    assert.ok(format.source.length > 10, `${format.name} says where its shape comes from`);
  }
});

test('every trace start rule reads its own sample line', () => {
  for (const { sample, runtime } of TRACE_START_SAMPLES) assert.equal(traceStart(sample)?.runtime, runtime, sample);
});

// Lines as the loggers print them; level, logger and message as a person reads them.
const CASES: [string, { status: string; logger?: string; message: string; timestamp?: string }][] = [
  ['2015-10-18 18:04:11,034 ERROR [main] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: ERROR IN CONTACTING RM.', { status: 'error', logger: 'org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator', message: 'ERROR IN CONTACTING RM.', timestamp: '2015-10-18T18:04:11.034Z' }],
  ['2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200', { status: 'info', message: 'Notification time out: 3200' }],
  ['2024-05-01 12:00:00,123 [main] ERROR com.acme.Job - failed to load', { status: 'error', logger: 'com.acme.Job', message: 'failed to load' }],
  ['12:00:00.123 [main] ERROR com.acme.Job -- failed to load', { status: 'error', logger: 'com.acme.Job', message: 'failed to load', timestamp: '2026-11-28T12:00:00.123Z' }],
  ['2024-05-01 12:00:00,123 - myapp.db - ERROR - could not connect', { status: 'error', logger: 'myapp.db', message: 'could not connect' }],
  ['2024-05-01T12:00:00.123+00:00 ERROR 12345 --- [           main] com.acme.Job                             : boom here', { status: 'error', logger: 'com.acme.Job', message: 'boom here' }],
  ['ERROR:root:could not connect to upstream', { status: 'error', logger: 'root', message: 'could not connect to upstream' }],
  ['2024/05/01 12:00:00 main.go:30: ERROR cannot open cache', { status: 'error', message: 'cannot open cache' }],
  ['[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6', { status: 'error', message: 'mod_jk child workerEnv in error state 6' }],
  ['[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist', { status: 'error', message: 'File does not exist' }],
  ['[02-Dec-2026 13:29:26 UTC] PHP Fatal error:  Uncaught RuntimeException: gone in /app/x.php:19', { status: 'error', message: 'PHP Fatal error:  Uncaught RuntimeException: gone in /app/x.php:19', timestamp: '2026-12-02T13:29:26.000Z' }],
  ['2017-07-31 13:39:16.249 CEST [5407] postgres@users FATAL:  database "users" does not exist', { status: 'critical', message: 'database "users" does not exist' }],
  ['Oct 11 22:14:15 myhost sshd[812]: error: Could not load host key', { status: 'error', logger: 'sshd', message: 'Could not load host key' }],
  ['2026-12-02T13:24:16.129707Z [error    ] charge failed                  amount=250 service=payments', { status: 'error', message: 'charge failed' }],
  ['[2024-05-01T12:00:00Z ERROR billing::charge] card declined', { status: 'error', logger: 'billing::charge', message: 'card declined' }],
  ['time="2026-12-02T13:28:40Z" level=error msg="login rejected" error="token too short" service=auth', { status: 'error', message: 'login rejected' }],
  ['error: template monthly is not defined {"service":"report-worker"}', { status: 'error', message: 'template monthly is not defined' }],
  ['2024-05-01 12:00:00 UTC ERROR: relation "x" does not exist', { status: 'error', message: 'relation "x" does not exist' }],
];

test('common layouts: level, logger and message as a person reads them', () => {
  for (const [line, want] of CASES) {
    const header = parseTextHeader(line, ctx);
    assert.ok(header, line);
    assert.equal(header.status, want.status, `status of ${line}`);
    assert.equal(header.message, want.message, `message of ${line}`);
    if (want.logger) assert.equal(header.logger, want.logger, `logger of ${line}`);
    if (want.timestamp) assert.equal(new Date(header.timestamp!).toISOString(), want.timestamp, `time of ${line}`);
  }
});

test('lines that are not record headers', () => {
  for (const line of ['    at com.acme.Job.run(Job.java:12)', '  File "job.py", line 3, in run', 'KeyError: 1', 'Traceback (most recent call last):', 'just a print', '{"level":50}']) {
    assert.equal(parseTextHeader(line, ctx), undefined, line);
  }
});
