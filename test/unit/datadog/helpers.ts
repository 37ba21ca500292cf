// Shared set-up for the Datadog tests: pinned time, fake keys, the project's fixtures, a stand-in
// stack parser (the real one is injected the same way at run time).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, ParsedError } from '../../../src/core/model';
import { createDatadogSource, type DatadogSourceOptions } from '../../../src/sources/datadog/index';
import type { FakeDatadog } from './fake-datadog';

// The client would read these when keys are not passed: the tests must not depend on them.
for (const name of ['DD_API_KEY', 'DD_APP_KEY', 'DD_SITE', 'ERRTRACK_DATADOG_URL']) delete process.env[name];

export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const API_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const APP_KEY = 'f0e1d2c3b4a5968778695a4b3c2d1e0f12345678';
export const ISSUE_1 = 'c1f0a7de-5b1e-11f1-9d2a-da7ad0900001';
export const ISSUE_2 = 'd2e1b8ef-5b1e-11f1-9d2a-da7ad0900002';

export const SEARCH = 'POST /api/v2/error-tracking/issues/search';
export const LOGS = 'POST /api/v2/logs/events/search';
export const AGGREGATE = 'POST /api/v2/logs/analytics/aggregate';
export const issuePath = (id: string) => `GET /api/v2/error-tracking/issues/${id}`;
export const statePath = (id: string) => `PUT /api/v2/error-tracking/issues/${id}/state`;

const FIXTURES = path.resolve(__dirname, '../../fixtures/datadog');
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

/** Enough of a V8 stack parser for these tests: "at fn (file:line:col)" lines, innermost first. */
export function fakeParseStack(text: string, options: { kind?: string; message?: string }): ParsedError | undefined {
  const frames: Frame[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s+at (?:async )?(\S+) \((.+?)(?::(\d+):(\d+))?\)$/.exec(line);
    if (!m) continue;
    const file = m[2];
    frames.push({ function: m[1], file, line: m[3] ? Number(m[3]) : undefined, column: m[4] ? Number(m[4]) : undefined, inApp: file.startsWith('/app/') });
  }
  if (frames.length === 0) return undefined;
  return { kind: options.kind ?? 'Error', message: options.message ?? '', language: 'javascript', frames };
}

export interface Harness {
  source: ReturnType<typeof createDatadogSource>;
  logs: string[];
  sleeps: number[];
  timers: { ms: number; callback: () => void }[];
}

/** A source pointed at the fake server; sleeps and timers are recorded, never waited for. */
export function makeSource(server: FakeDatadog, extra: Partial<DatadogSourceOptions> = {}): Harness {
  const logs: string[] = [];
  const sleeps: number[] = [];
  const timers: { ms: number; callback: () => void }[] = [];
  const source = createDatadogSource({
    apiKey: API_KEY,
    appKey: APP_KEY,
    site: 'datadoghq.com',
    baseUrl: server.url,
    query: 'env:prod',
    stackPrefetch: 0, // on in production; its own test turns it on
    now: () => NOW,
    parseStack: fakeParseStack,
    log: (level, message) => logs.push(`${level}: ${message}`),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timers: {
      setTimeout: (callback, ms) => {
        timers.push({ ms, callback });
        return timers.length;
      },
      clearTimeout: () => undefined,
    },
    ...extra,
  });
  return { source, logs, sleeps, timers };
}
