// What `scan` and `watch` share with --source datadog: the flags, the keys from the environment,
// the time window, and the Datadog source itself, loaded lazily from dist/datadog.js so the CLI
// bundle never carries the Datadog client. Every message that leaves here is redacted.
import { ISSUE_STATES, type IssueState, type TimeWindow } from '../core/model';
import { parseStack } from '../core/stack';
import type { FrameMapper } from '../core/mapping';
import { loadDatadogModule, type DatadogModule } from '../sources/datadog-loader';
import type { DatadogIssueSource, DatadogSourceOptions } from '../sources/datadog/source';
import { InputError, parseDuration, UsageError } from './args';
import type { CommandIO } from './commands/io';

/** Flags only --source datadog reads (strings as parseArgs gives them). */
export interface DatadogFlags {
  site?: string;
  'datadog-url'?: string;
  query?: string;
  service?: string;
  timeout?: string;
  states?: string;
  track?: string;
}

export const DATADOG_FLAG_NAMES = ['site', 'datadog-url', 'query', 'timeout', 'states', 'track'] as const;

/** parseArgs options of the Datadog flags, merged into scan's and watch's own. */
export const DATADOG_OPTIONS = {
  source: { type: 'string' },
  site: { type: 'string' },
  'datadog-url': { type: 'string' },
  query: { type: 'string' },
  timeout: { type: 'string' },
  states: { type: 'string' },
  track: { type: 'string' },
} as const;

/** How long a whole command may wait for Datadog unless --timeout says otherwise. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;
const TRACKS = ['logs', 'trace', 'rum'] as const;

const WINDOWS: { window: TimeWindow; ms: number }[] = [
  { window: '1h', ms: 3_600_000 },
  { window: '24h', ms: 86_400_000 },
  { window: '7d', ms: 7 * 86_400_000 },
  { window: '30d', ms: 30 * 86_400_000 },
];

/** The exact range --since asks for (default 24h): Datadog's search takes any from/to. */
export function datadogRange(since: string | undefined, now: number): { from: number; to: number; label: string } {
  const ms = since === undefined ? 86_400_000 : parseDuration(since, '--since');
  if (ms <= 0) throw new UsageError('--since must be positive');
  return { from: now - ms, to: now, label: `last ${since ?? '24h'}` };
}

/** --states OPEN,ACKNOWLEDGED (Datadog's names, any case); undefined: the source's default. */
export function parseStates(text: string | undefined): IssueState[] | undefined {
  if (text === undefined) return undefined;
  const states = text.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const bad = states.filter((s) => !(ISSUE_STATES as readonly string[]).includes(s));
  if (states.length === 0 || bad.length > 0) throw new UsageError(`--states takes a comma-separated list of ${ISSUE_STATES.join(', ')} (got "${text}")`);
  return states as IssueState[];
}

/** The window a poller watches: the smallest covering two poll intervals (as the source picks). */
export function pollWindowFor(intervalMs: number): TimeWindow {
  return (WINDOWS.find((w) => 2 * intervalMs <= w.ms) ?? WINDOWS[WINDOWS.length - 1]).window;
}

/** Flags of the other source given by mistake: refused rather than silently ignored. */
export function refuseFlags(values: Record<string, unknown>, names: readonly string[], source: string): void {
  const given = names.filter((n) => values[n] !== undefined);
  if (given.length > 0) throw new UsageError(`${given.map((n) => '--' + n).join(', ')} cannot be used with --source ${source}`);
}

export interface DatadogSession {
  source: DatadogIssueSource;
  /** Runs the command's Datadog work under its one overall limit, with progress on stderr. */
  limited<T>(work: () => Promise<T>): Promise<T>;
  /** For messages: the site or the custom base URL, and the scope query. */
  where: string;
  query: string;
  redact(text: string): string;
  /** While set, "poll failed" warnings are dropped: the caller reports that failure itself. */
  quietPollFailures: boolean;
}

export interface OpenOptions {
  poll: boolean;
  pollIntervalMs?: number;
  pollWindow?: TimeWindow;
  now?: () => number;
  mapper?: FrameMapper;
}

/** Keys from DD_API_KEY / DD_APP_KEY only: flags would show them in `ps` and shell history. */
export function openDatadog(flags: DatadogFlags, io: CommandIO, options: OpenOptions): DatadogSession {
  const env = { ...(io.env ?? process.env) };
  // Explicit flags beat the environment (the source's resolver prefers ERRTRACK_DATADOG_URL).
  if (flags.site !== undefined) env.DD_SITE = undefined;
  if (flags['datadog-url'] !== undefined) env.ERRTRACK_DATADOG_URL = undefined;
  const timeoutMs = flags.timeout !== undefined ? parseDuration(flags.timeout, '--timeout') : DEFAULT_COMMAND_TIMEOUT_MS;
  if (timeoutMs < 1) throw new UsageError('--timeout must be positive');
  const states = parseStates(flags.states);
  const track = flags.track === undefined ? undefined : (TRACKS as readonly string[]).includes(flags.track) ? (flags.track as (typeof TRACKS)[number]) : undefined;
  if (flags.track !== undefined && !track) throw new UsageError(`--track must be one of ${TRACKS.join(', ')} (got "${flags.track}")`);

  const datadog: DatadogModule = loadDatadogModule();
  const resolved = datadog.resolveDatadogSettings(env, { site: flags.site, baseUrl: flags['datadog-url'], query: flags.query });
  for (const warning of resolved.warnings) {
    // A URL or site that cannot be used would send the keys somewhere else than asked: stop.
    if (warning.startsWith('Ignoring')) throw new UsageError(warning.replace(/^Ignoring the /, 'cannot use the '));
    io.err(`warning: ${warning}\n`);
  }
  if (!resolved.apiKey || !resolved.appKey) {
    const vars = [!resolved.apiKey && 'DD_API_KEY', !resolved.appKey && 'DD_APP_KEY'].filter(Boolean).join(' and ');
    throw new UsageError(`--source datadog needs the ${resolved.missing.join(' and ')}: set ${vars} in the environment`);
  }
  const query = [resolved.query, flags.service !== undefined ? `service:${quote(flags.service)}` : '']
    .filter((part) => part !== '')
    .join(' ');
  const secrets = [resolved.apiKey, resolved.appKey];
  const redact = (text: string) => datadog.redact(text, secrets);
  const log = (level: 'info' | 'warn' | 'error', message: string) => {
    if (level === 'info' || (session.quietPollFailures && message.startsWith('Datadog poll failed'))) return;
    io.err(`${level}: ${redact(message)}\n`);
  };
  const sourceOptions: DatadogSourceOptions = {
    apiKey: resolved.apiKey,
    appKey: resolved.appKey,
    site: resolved.site,
    baseUrl: resolved.baseUrl,
    query,
    poll: options.poll,
    pollIntervalMs: options.pollIntervalMs,
    pollWindow: options.pollWindow,
    now: options.now,
    mapper: options.mapper,
    parseStack,
    states,
    track,
    // One limit for the whole command: no single request may outlast it either.
    requestTimeoutMs: Math.min(30_000, timeoutMs),
    operationTimeoutMs: timeoutMs,
    log,
    ...io.datadogTesting,
  };
  const session: DatadogSession = {
    source: datadog.createDatadogSource(sourceOptions),
    limited: (work) => withProgress(io, timeoutMs, () => datadog.withDeadline(timeoutMs, 'this command', work)),
    where: resolved.customBaseUrl ? resolved.baseUrl : resolved.site,
    query,
    redact,
    quietPollFailures: false,
  };
  return session;
}

const PROGRESS_EVERY_MS = 5_000;

/** While Datadog keeps the command waiting, a line on stderr every few seconds says so. */
async function withProgress<T>(io: CommandIO, limitMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const timer = setInterval(() => {
    const waited = Math.round((performance.now() - started) / 1000);
    io.err(`waiting for Datadog… ${waited} s (gives up after ${Math.round(limitMs / 1000)} s; --timeout changes it)\n`);
  }, PROGRESS_EVERY_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** The first poll decides whether Datadog can be reached at all: its failure is exit status 1. */
export async function firstPoll(session: DatadogSession): Promise<void> {
  session.quietPollFailures = true;
  try {
    await session.limited(() => session.source.refresh()); // never throws: failures land in status()
  } finally {
    session.quietPollFailures = false;
  }
  const status = session.source.status();
  if (status.state !== 'ok') throw new InputError(`Datadog (${session.where}): ${session.redact(status.message ?? 'request failed')}`);
}

/** Unexpected failures still go through redaction before they are printed. */
export function redacted(error: unknown, session: DatadogSession | undefined): unknown {
  if (!session || error instanceof UsageError || error instanceof InputError) return error;
  return new InputError(session.redact((error as Error)?.message ?? String(error)));
}

function quote(value: string): string {
  return /^[\w.*-]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
