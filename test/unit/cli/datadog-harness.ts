// Shared set-up for the CLI's --source datadog tests: the commands run in-process (main() with a
// captured CommandIO and its own environment) against the FakeDatadog of the Datadog source's
// tests, answering with the project's Datadog fixtures (test/fixtures/datadog).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandIO } from '../../../src/cli/commands/io';
import { main } from '../../../src/cli/main';
import type { Timers } from '../../../src/sources/datadog/source';
import { FakeDatadog, type CannedResponse, type RecordedRequest } from '../datadog/fake-datadog';

// The Datadog source's tests already name the fixtures' ids, keys and routes: one definition.
import { API_KEY, APP_KEY, ISSUE_1, LOGS, SEARCH } from '../datadog/helpers';
export { API_KEY, APP_KEY, ISSUE_1, ISSUE_2, LOGS, NOW, SEARCH } from '../datadog/helpers';
export const NOW_ISO = '2026-11-28T12:00:00Z';
export const REPO = path.resolve(__dirname, '../../..');

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/datadog', name), 'utf8')) as T;
}

export type SearchBody = { data: { id: string; attributes: Record<string, unknown> }[]; included: { id: string; attributes: Record<string, unknown> }[] };

/** The recorded-shape search answer, and the JavaScript issue's logs for the stack prefetch. */
export function answerFromFixtures(server: FakeDatadog, search: SearchBody = fixture<SearchBody>('search-logs-issues.json')): void {
  const logs = fixture('list-logs-with-error.json');
  server.on(SEARCH, { body: search });
  server.on(LOGS, (request: RecordedRequest): CannedResponse => {
    const query = (request.body as { filter?: { query?: string } })?.filter?.query ?? '';
    return { body: query.includes(ISSUE_1) ? logs : { data: [], meta: { status: 'done' } } };
  });
}

export interface Run {
  status: number | 'running';
  stdout: string;
  stderr: string;
}

export function captureIO(env: Record<string, string | undefined>, extra: Partial<CommandIO> = {}): CommandIO & { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    drain: () => Promise.resolve(),
    stdin: process.stdin,
    stderrStream: { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream,
    help: () => 0,
    env,
    // No real back-off waits: retries happen at once.
    datadogTesting: { sleep: () => Promise.resolve() },
    ...extra,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

export function keysEnv(server: FakeDatadog, more: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, ERRTRACK_DATADOG_URL: server.url, ...more };
}

/** Runs `errtrack ARGS` in-process with this environment. */
export async function run(args: string[], env: Record<string, string | undefined>, extra: Partial<CommandIO> = {}): Promise<Run> {
  const io = captureIO(env, extra);
  const status = await main(args, io);
  return { status, stdout: io.stdout(), stderr: io.stderr() };
}

export function assertNoKeys(text: string): void {
  if (text.includes(API_KEY) || text.includes(APP_KEY)) throw new Error(`a Datadog key was printed:\n${text}`);
}

/** Timers the test fires by hand: each poll schedules the next one here instead of waiting minutes. */
export class ManualTimers implements Timers {
  private pending: { callback: () => void; ms: number } | undefined;
  private waiters: (() => void)[] = [];
  readonly delays: number[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    this.pending = { callback, ms };
    this.delays.push(ms);
    for (const w of this.waiters.splice(0)) w();
    return this.pending;
  }

  clearTimeout(handle: unknown): void {
    if (this.pending === handle) this.pending = undefined;
  }

  /** Resolves once a poll has been scheduled (i.e. the previous poll finished). */
  scheduled(): Promise<void> {
    return this.pending ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs the scheduled poll and resolves when it has finished (the next one is scheduled). */
  async fire(): Promise<void> {
    await this.scheduled();
    const { callback } = this.pending!;
    this.pending = undefined;
    callback();
    await this.scheduled();
  }
}
