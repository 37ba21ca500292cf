// Builds the error.stack texts the demo's runtimes would print: Node stacks for nightly-import
// (source-mapped .ts paths under /app/) and Python tracebacks for enrich-worker, with library
// frames (node:internal, node_modules, site-packages) around the demo's own frames.
import { DemoSource, type SourceLine } from './source';

const APP = '/app/';
const TICKS = '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
const SITE = '/usr/local/lib/python3.12/site-packages';
const STDLIB = '/usr/local/lib/python3.12';

function node(fn: string, at: SourceLine, isAsync = false): string {
  return `    at ${isAsync ? 'async ' : ''}${fn} (${APP}${at.file}:${at.line}:${at.column})`;
}

function py(at: SourceLine, fn: string): string {
  return `  File "${APP}${at.file}", line ${at.line}, in ${fn}\n    ${at.text}`;
}

function pyLib(file: string, line: number, fn: string, text: string): string {
  return `  File "${file}", line ${line}, in ${fn}\n    ${text}`;
}

const TRACEBACK = 'Traceback (most recent call last):';
const DIRECT_CAUSE = '\n\nThe above exception was the direct cause of the following exception:\n\n';
const DURING_HANDLING = '\n\nDuring handling of the above exception, another exception occurred:\n\n';

/** Stack builders for every error the demo produces; each takes the header line(s) it needs. */
export class DemoStacks {
  private readonly s: DemoSource;

  constructor(demoRoot: string) {
    this.s = new DemoSource(demoRoot);
  }

  // ---- nightly-import (TypeScript) ----

  private jobTail(): string[] {
    const job = 'src/job.ts';
    return [
      node('runImport', this.s.find(job, 'runImport', 'await importAccount(', 'importAccount('), true),
      node('main', this.s.find(job, 'main', 'await runImport(', 'runImport('), true),
    ];
  }

  /** Frames from importAccount's record loop up to main (a sync call made after an await). */
  private recordLoop(call: string): string[] {
    return [node('importAccount', this.s.find('src/job.ts', 'importAccount', call)), TICKS, ...this.jobTail()];
  }

  rateLimit(message: string): string {
    return [
      `RateLimitError: ${message}`,
      node('fetchPage', this.s.find('src/api/client.ts', 'fetchPage', 'throw new RateLimitError(', 'new RateLimitError')),
      TICKS,
      node('withRetry', this.s.find('src/api/retry.ts', 'withRetry', 'return await call()', 'call()'), true),
      node('importAccount', this.s.find('src/job.ts', 'importAccount', 'await withRetry(', 'withRetry('), true),
      ...this.jobTail(),
    ].join('\n');
  }

  tagsNotArray(message: string): string {
    const records = 'src/transform/records.ts';
    return [
      `TypeError: ${message}`,
      node('normalizeTags', this.s.find(records, 'normalizeTags', 'return tags.map(', 'map(')),
      node('normalizeRecord', this.s.find(records, 'normalizeRecord', 'normalizeTags(raw)')),
      ...this.recordLoop('normalizeRecord(raw, account.id)'),
    ].join('\n');
  }

  amountUndefined(message: string): string {
    const records = 'src/transform/records.ts';
    return [
      `TypeError: ${message}`,
      node('normalizeAmount', this.s.find(records, 'normalizeAmount', 'amount.currency.toUpperCase()', 'currency.toUpperCase')),
      node('normalizeRecord', this.s.find(records, 'normalizeRecord', 'normalizeAmount(raw)')),
      ...this.recordLoop('normalizeRecord(raw, account.id)'),
    ].join('\n');
  }

  invalidDate(message: string): string {
    const writer = 'src/store/writer.ts';
    return [
      `RangeError: ${message}`,
      '    at Date.toISOString (<anonymous>)',
      node('partitionKey', this.s.find(writer, 'partitionKey', '.toISOString()', 'toISOString')),
      node('addToPartition', this.s.find(writer, 'addToPartition', 'partitionKey(record)')),
      ...this.recordLoop('addToPartition(partitions'),
    ].join('\n');
  }

  accessDenied(message: string): string {
    const writer = 'src/store/writer.ts';
    const nm = `${APP}node_modules`;
    return [
      `AccessDenied: ${message}`,
      `    at throwDefaultError (${nm}/@smithy/smithy-client/dist-cjs/index.js:867:20)`,
      `    at ${nm}/@smithy/smithy-client/dist-cjs/index.js:876:5`,
      `    at de_CommandError (${nm}/@aws-sdk/client-s3/dist-cjs/index.js:4965:14)`,
      TICKS,
      `    at async ${nm}/@smithy/middleware-serde/dist-cjs/index.js:35:20`,
      `    at async ${nm}/@aws-sdk/middleware-sdk-s3/dist-cjs/index.js:483:18`,
      `    at async ${nm}/@smithy/middleware-retry/dist-cjs/index.js:321:38`,
      `    at async ${nm}/@aws-sdk/middleware-logger/dist-cjs/index.js:33:22`,
      node('writePart', this.s.find(writer, 'writePart', 'await client.send(', 'client.send('), true),
      node('flushPartitions', this.s.find(writer, 'flushPartitions', 'await writePart(', 'writePart('), true),
      node('importAccount', this.s.find('src/job.ts', 'importAccount', 'await flushPartitions(', 'flushPartitions('), true),
      ...this.jobTail(),
    ].join('\n');
  }

  // ---- enrich-worker (Python) ----

  private workerFrames(): string[] {
    const worker = 'enrich/worker.py';
    return [
      py(this.s.find(worker, 'process_batch', 'enriched.append(process_record('), 'process_batch'),
      py(this.s.find(worker, 'process_record', 'geocode(session,'), 'process_record'),
    ];
  }

  /** KeyError/IndexError inside parse_response, re-raised as GeocodeError (a direct cause chain). */
  geocodeResponse(recordId: number, cause: 'KeyError' | 'IndexError'): string {
    const geo = 'enrich/geocode.py';
    const causeLine = cause === 'KeyError' ? "KeyError: 'geometry'" : 'IndexError: list index out of range';
    return [
      TRACEBACK,
      py(this.s.find(geo, 'parse_response', 'location = payload['), 'parse_response'),
      causeLine + DIRECT_CAUSE + TRACEBACK,
      ...this.workerFrames(),
      py(this.s.find(geo, 'geocode', 'return parse_response('), 'geocode'),
      py(this.s.find(geo, 'parse_response', 'raise GeocodeError('), 'parse_response'),
      `enrich.geocode.GeocodeError: unexpected geocoder response for record ${recordId}`,
    ].join('\n');
  }

  postcodeNone(): string {
    const geo = 'enrich/geocode.py';
    return [
      TRACEBACK,
      ...this.workerFrames(),
      py(this.s.find(geo, 'geocode', 'session.get('), 'geocode'),
      py(this.s.find(geo, 'build_query', 'normalize_postcode(address)'), 'build_query'),
      py(this.s.find(geo, 'normalize_postcode', '.strip()'), 'normalize_postcode'),
      "AttributeError: 'NoneType' object has no attribute 'strip'",
    ].join('\n');
  }

  /** A read timeout as requests reports it: socket timeout -> urllib3 -> requests, two "during handling" links. */
  readTimeout(message: string): string {
    const pool = `${SITE}/urllib3/connectionpool.py`;
    return [
      TRACEBACK,
      pyLib(pool, 536, '_make_request', 'response = conn.getresponse()'),
      pyLib(`${SITE}/urllib3/connection.py`, 507, 'getresponse', 'httplib_response = super().getresponse()'),
      pyLib(`${STDLIB}/http/client.py`, 1428, 'getresponse', 'response.begin()'),
      pyLib(`${STDLIB}/http/client.py`, 331, 'begin', 'version, status, reason = self._read_status()'),
      pyLib(`${STDLIB}/socket.py`, 720, 'readinto', 'return self._sock.recv_into(b)'),
      'TimeoutError: The read operation timed out' + DURING_HANDLING + TRACEBACK,
      pyLib(pool, 789, 'urlopen', 'response = self._make_request('),
      pyLib(pool, 538, '_make_request', 'self._raise_timeout(err=e, url=url, timeout_value=read_timeout)'),
      pyLib(pool, 369, '_raise_timeout', 'raise ReadTimeoutError('),
      `urllib3.exceptions.ReadTimeoutError: ${message}` + DURING_HANDLING + TRACEBACK,
      ...this.workerFrames(),
      py(this.s.find('enrich/geocode.py', 'geocode', 'session.get('), 'geocode'),
      pyLib(`${SITE}/requests/sessions.py`, 602, 'get', 'return self.request("GET", url, **kwargs)'),
      pyLib(`${SITE}/requests/sessions.py`, 589, 'request', 'resp = self.send(prep, **send_kwargs)'),
      pyLib(`${SITE}/requests/sessions.py`, 703, 'send', 'r = adapter.send(request, **kwargs)'),
      pyLib(`${SITE}/requests/adapters.py`, 713, 'send', 'raise ReadTimeout(e, request=request)'),
      `requests.exceptions.ReadTimeout: ${message}`,
    ].join('\n');
  }
}
