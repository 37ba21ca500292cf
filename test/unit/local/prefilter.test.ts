import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { JsonObject } from '../../../src/core/model';
import { toErrorEvent } from '../../../src/sources/local/presets/map-event';
import { StatusPrefilter } from '../../../src/sources/local/presets/prefilter';
import { SPECS, type PresetName } from '../../../src/sources/local/presets/specs';

const WORDS = ['error', 'ERROR', 'Error', 'err', 'ERR', 'E', 'e', 'fatal', 'FATAL', 'Fatal', 'panic', 'dpanic', 'critical', 'CRITICAL', 'crit', 'alert', 'emerg', 'emergency', 'severe', 'SEVERE', 'exception', ' error ', 'info', 'INFO', 'warn', 'warning', 'debug', 'trace', 'notice', 'Information', 'ok', '3', '17', '50', 'x'];
const value = fc.oneof(fc.constantFrom(...WORDS), fc.integer({ min: -1, max: 70 }), fc.constant(null), fc.constant({ level: 'info' }));

function setPath(obj: JsonObject, path: string, v: unknown, flat: boolean): void {
  if (flat) {
    obj[path] = v as JsonObject;
    return;
  }
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) cur = (cur[p] = (typeof cur[p] === 'object' && cur[p] !== null ? cur[p] : {}) as JsonObject) as JsonObject;
  cur[parts[parts.length - 1]] = v as JsonObject;
}

test('the prefilter never rejects a line the mapper turns into an error event (every preset)', () => {
  for (const name of Object.keys(SPECS) as PresetName[]) {
    const spec = SPECS[name];
    const prefilter = new StatusPrefilter(spec);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...spec.status, 'http.status', 'order.status', 'sublevel'), value, fc.boolean()), { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(' ', '', '  '),
        (statuses, spaced, space) => {
          const obj: JsonObject = { message: 'something happened', error: { kind: 'E', message: 'm' } };
          for (const [path, v, flat] of statuses) setPath(obj, path, v, flat);
          const line = spaced ? JSON.stringify(obj, null, 0).replace(/":/g, `":${space}`) : JSON.stringify(obj);
          const event = toErrorEvent(JSON.parse(line), spec, { fallbackTime: 0, defaultService: 's' });
          if (event) assert.ok(prefilter.mayBeError(line), `${name}: ${line}`);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  }
});

test('the prefilter skips ordinary info lines, whatever their message says', () => {
  const prefilter = new StatusPrefilter(SPECS.datadog);
  assert.equal(prefilter.mayBeError('{"status":"info","message":"error rate is fine","http":{"status_code":500}}'), false);
  assert.equal(prefilter.mayBeError('{"status":"info","level":"debug"}'), false);
  assert.equal(prefilter.mayBeError('{"log":{"level":"error"}}'), true);
  assert.equal(prefilter.mayBeError('{"status":"\\u0065rror"}'), true, 'escaped values are let through');
  assert.equal(new StatusPrefilter(SPECS.pino).mayBeError('{"level":50,"msg":"x"}'), true);
  assert.equal(new StatusPrefilter(SPECS.pino).mayBeError('{"level":30,"msg":"error"}'), false);
  assert.equal(new StatusPrefilter(SPECS.datadog, 'sev').mayBeError('{"sev":"E"}'), true, 'a user status path is searched too');
});
