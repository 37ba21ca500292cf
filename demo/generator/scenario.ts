// Plays the demo's story run by run: the import fetches pages (and hits the partner's rate
// limit), normalizes records (some have an unexpected shape), writes them to the bucket, and the
// enrich worker geocodes what was written. Every log line the services would print is emitted.
import { Random } from './prng';
import { DemoStacks } from './stacks';
import { MINUTE, type Release, type Run, type Timeline, releaseAt } from './timeline';

export const ERROR_KINDS = [
  'rate-limit',
  'permission-denied',
  'record-shape',
  'amount-undefined',
  'invalid-date',
  'geocode-response',
  'postcode-none',
  'geocode-timeout',
] as const;
export type DemoErrorKind = (typeof ERROR_KINDS)[number];

export interface DemoLine {
  at: number;
  service: 'nightly-import' | 'enrich-worker';
  fields: Record<string, unknown>;
  kind?: DemoErrorKind;
}

interface Account {
  id: number;
  region: string;
  pages: number;
  /** Accounts whose CRM sends `tags` as one comma-separated string instead of an array. */
  tagsAsString: boolean;
}

const REGIONS = ['eu-west-1', 'eu-west-1', 'eu-west-1', 'us-east-1', 'us-east-1', 'ap-southeast-2'];
const ROLE = 'arn:aws:sts::381492053716:assumed-role/nightly-import-prod';
const BUCKET = 'acme-records-prod';
const GEOCODER = "HTTPSConnectionPool(host='geo.example.net', port=443): Read timed out. (read timeout=10)";

/** Chance per record, by import version, that `amount` is missing (1.4.1 guarded it; 1.5.0 lost the guard). */
const AMOUNT_MISSING: Record<string, number> = { '1.4.0': 0.004, '1.4.1': 0, '1.5.0': 0.012 };

export class Scenario {
  readonly lines: DemoLine[] = [];
  private readonly accounts: Account[];
  private readonly enrichHosts = new Map<string, string[]>();
  private enrichBatch = 0;
  private batchFailures = 0;

  constructor(
    private readonly rng: Random,
    private readonly timeline: Timeline,
    private readonly stacks: DemoStacks,
  ) {
    const ids = new Set<number>();
    while (ids.size < 420) ids.add(rng.int(100000, 999999));
    const tagsAsString = new Set(rng.sample([...ids], 12));
    this.accounts = [...ids]
      .sort((a, b) => a - b)
      .map((id) => ({ id, region: rng.pick(REGIONS), pages: 1 + Math.floor(-Math.log(1 - rng.next()) * 2), tagsAsString: tagsAsString.has(id) }));
  }

  play(): DemoLine[] {
    for (const run of this.timeline.runs) this.playRun(run);
    return this.lines.filter((line) => line.at >= this.timeline.start && line.at < this.timeline.now);
  }

  private importLine(at: number, release: Release, host: string, status: string, logger: string, message: string,
    context: Record<string, unknown>, error?: { kind: string; message: string; stack: string }, kind?: DemoErrorKind): void {
    const fields: Record<string, unknown> = {
      timestamp: new Date(at).toISOString(), status, service: 'nightly-import', env: 'prod', version: release.version, host,
      logger: { name: logger }, message, ...context, git: { commit: { sha: release.sha } },
    };
    if (error) fields.error = error;
    this.lines.push({ at, service: 'nightly-import', fields, kind });
  }

  private enrichLine(at: number, status: string, message: string, context: Record<string, unknown>,
    error?: { kind: string; message: string; stack: string }, kind?: DemoErrorKind): void {
    const release = releaseAt(this.timeline.enrichReleases, at);
    let hosts = this.enrichHosts.get(release.version);
    if (!hosts) {
      const replicaSet = this.rng.chars('bcdfghjklmnpqrstvwxz2456789', 10);
      hosts = [0, 1].map(() => `enrich-worker-${replicaSet}-${this.rng.chars('bcdfghjklmnpqrstvwxz2456789', 5)}`);
      this.enrichHosts.set(release.version, hosts);
    }
    const fields: Record<string, unknown> = {
      timestamp: new Date(at).toISOString(), status, service: 'enrich-worker', env: 'prod', version: release.version,
      host: this.rng.pick(hosts), logger: { name: 'enrich.worker' }, message, ...context,
    };
    if (error) fields.error = error;
    this.lines.push({ at, service: 'enrich-worker', fields, kind });
  }

  private playRun(run: Run): void {
    const rng = this.rng;
    const release = releaseAt(this.timeline.importReleases, run.start);
    const host = `ip-10-0-${rng.int(10, 40)}-${rng.int(2, 250)}.eu-west-1.compute.internal`;
    const base = { job: run.job, run_id: run.runId };
    const accounts = run.job === 'nightly' ? this.accounts : rng.sample(this.accounts, run.latest ? rng.int(25, 35) : rng.int(15, 35)).sort((a, b) => a.id - b.id);
    const throttle = run.latest ? 0.5 : run.job === 'nightly' ? 0.24 : 0.3;
    const stats = { pages: 0, records: 0, skipped: 0, parts: 0, failedParts: 0 };
    const log = (at: number, status: string, logger: string, message: string, context: Record<string, unknown>,
      error?: { kind: string; message: string; stack: string }, kind?: DemoErrorKind) =>
      this.importLine(at, release, host, status, logger, message, context, error, kind);

    let t = run.start + rng.int(2_000, 90_000);
    log(t, 'info', 'job', `${run.job} import started for ${accounts.length} accounts`, base);
    this.enrichBatch = 0;
    this.batchFailures = 0;

    for (const account of accounts) {
      const pages = run.job === 'nightly' ? account.pages : rng.chance(0.15) ? 2 : 1;
      const written: number[] = [];
      for (let page = 1; page <= pages; page++) {
        const context = { ...base, account_id: account.id, region: account.region, page };
        for (let attempt = 1; attempt < 5 && rng.chance(throttle); attempt++) {
          const retry = rng.chance(0.1) ? rng.pick([60, 90, 120]) : rng.int(2, 40);
          const message = `Partner API rate limit exceeded for account ${account.id}: retry after ${retry}s (HTTP 429)`;
          t += rng.int(150, 900);
          log(t, 'error', 'api.retry', 'rate limited by partner API', { ...context, attempt, retry_after_s: retry, http: { status_code: 429 } },
            { kind: 'RateLimitError', message, stack: this.stacks.rateLimit(message) }, 'rate-limit');
          log(t + 1, 'warn', 'api.retry', `retrying in ${retry}s`, { ...context, attempt });
          t += retry * 1000;
        }
        t += rng.int(1_500, 6_000);
        const count = run.job === 'nightly' ? (page < pages ? 50 : rng.int(5, 50)) : rng.int(3, 30);
        stats.pages++;
        log(t, 'info', 'job', `fetched page ${page} of account ${account.id} (${count} records)`, context);
        for (let i = 0; i < count; i++) {
          const recordId = rng.int(100_000_000, 999_999_999);
          const kind = this.recordFailure(account, release.version);
          if (!kind) {
            written.push(recordId);
            continue;
          }
          stats.skipped++;
          const at = t + 1 + i * 2;
          const error = kind === 'amount-undefined'
            ? this.nodeError('TypeError', "Cannot read properties of undefined (reading 'currency')", (m) => this.stacks.amountUndefined(m))
            : kind === 'record-shape'
              ? this.nodeError('TypeError', 'tags.map is not a function', (m) => this.stacks.tagsNotArray(m))
              : this.nodeError('RangeError', 'Invalid time value', (m) => this.stacks.invalidDate(m));
          log(at, 'error', 'job', `skipped record ${recordId}`, { ...context, record_id: String(recordId) }, error, kind);
        }
        stats.records += written.length;
      }

      t += rng.int(200, 1_500);
      const denied = this.timeline.deniedRunStart === run.start && t >= run.start + 35 * MINUTE && rng.chance(0.97);
      if (denied) {
        stats.failedParts++;
        const day = new Date(run.start - 24 * 60 * MINUTE).toISOString().slice(0, 10);
        const message = `User: ${ROLE}/i-0c4f1e2a9b7d3e581 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/records/dt=${day}/account=${account.id}/part-00000.jsonl" because no identity-based policy allows the s3:PutObject action`;
        log(t, 'error', 'job', `could not write records of account ${account.id}`, { ...base, account_id: account.id },
          { kind: 'AccessDenied', message, stack: this.stacks.accessDenied(message) }, 'permission-denied');
        continue;
      }
      const parts = Math.max(1, Math.ceil(written.length / 250));
      stats.parts += parts;
      t += parts * rng.int(150, 600);
      log(t, 'info', 'store.writer', `wrote ${parts} parts for account ${account.id}`, { ...base, account_id: account.id, records: written.length });
      this.enrich(run, account, written, t + rng.int(20_000, 150_000));
    }
    t += rng.int(500, 3_000);
    log(t, 'info', 'job', `${run.job} import finished`, { ...base, ...stats });
  }

  private recordFailure(account: Account, version: string): DemoErrorKind | undefined {
    const rng = this.rng;
    if (rng.chance(AMOUNT_MISSING[version] ?? 0)) return 'amount-undefined';
    if (account.tagsAsString && rng.chance(0.06)) return 'record-shape';
    if (version === '1.5.0' && rng.chance(0.015)) return 'invalid-date';
    return undefined;
  }

  private nodeError(kind: string, message: string, stack: (message: string) => string) {
    return { kind, message, stack: stack(message) };
  }

  /** The enrich worker geocodes the records an account's flush wrote, shortly after. */
  private enrich(run: Run, account: Account, records: number[], from: number): void {
    const rng = this.rng;
    const slow = this.timeline.geocoderSlow;
    let at = from;
    for (const recordId of records) {
      at += rng.int(20, 80);
      const context = { run_id: run.runId, record_id: recordId, account_id: account.id };
      const timeoutChance = at >= slow.from && at < slow.to ? 0.012 : 0.0002;
      const error = this.enrichFailure(recordId, timeoutChance);
      if (error) {
        if (error.kind === 'geocode-timeout') at += 10_000; // the read timeout
        this.enrichLine(at, 'error', `could not geocode record ${recordId}`, context, error.error, error.kind);
        this.batchFailures++;
      }
      if (++this.enrichBatch % 200 === 0) {
        this.enrichLine(at + 1, 'info', 'enriched batch', { run_id: run.runId, records: 200, enriched: 200 - this.batchFailures });
        this.batchFailures = 0;
      }
    }
  }

  private enrichFailure(recordId: number, timeoutChance: number): { kind: DemoErrorKind; error: { kind: string; message: string; stack: string } } | undefined {
    const rng = this.rng;
    if (rng.chance(0.0016)) {
      const cause = rng.chance(0.8) ? 'KeyError' : 'IndexError';
      const message = `unexpected geocoder response for record ${recordId}`;
      return { kind: 'geocode-response', error: { kind: 'GeocodeError', message, stack: this.stacks.geocodeResponse(recordId, cause) } };
    }
    if (rng.chance(0.0011)) {
      const message = "'NoneType' object has no attribute 'strip'";
      return { kind: 'postcode-none', error: { kind: 'AttributeError', message, stack: this.stacks.postcodeNone() } };
    }
    if (rng.chance(timeoutChance)) {
      return { kind: 'geocode-timeout', error: { kind: 'ReadTimeout', message: GEOCODER, stack: this.stacks.readTimeout(GEOCODER) } };
    }
    return undefined;
  }
}
