// The import job. `nightly` re-imports every account; `delta` (every 30 minutes) only the
// accounts the partner reports as changed. One bad record or page never stops the run.
import { type Account, fetchPage, listAccounts } from './api/client';
import { withRetry } from './api/retry';
import { logger } from './log';
import { addToPartition, flushPartitions } from './store/writer';
import { type ImportedRecord, normalizeRecord } from './transform/records';

const log = logger('job');

interface RunStats {
  pages: number;
  records: number;
  skipped: number;
  parts: number;
  failedParts: number;
}

async function importAccount(account: Account, context: Record<string, unknown>, stats: RunStats): Promise<void> {
  const partitions = new Map<string, ImportedRecord[]>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const pageContext = { ...context, account_id: account.id, region: account.region, page };
    const result = await withRetry(() => fetchPage(account, page, cursor), pageContext);
    stats.pages++;
    log.info(`fetched page ${page} of account ${account.id} (${result.records.length} records)`, pageContext);
    for (const raw of result.records) {
      try {
        addToPartition(partitions, normalizeRecord(raw, account.id));
        stats.records++;
      } catch (err) {
        stats.skipped++;
        log.error(`skipped record ${raw.id}`, err, { ...pageContext, record_id: raw.id });
      }
    }
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  try {
    const keys = await flushPartitions(account.id, partitions);
    stats.parts += keys.length;
  } catch (err) {
    stats.failedParts++;
    log.error(`could not write records of account ${account.id}`, err, { ...context, account_id: account.id });
  }
}

export async function runImport(mode: 'nightly' | 'delta', runId: string): Promise<RunStats> {
  const context = { job: mode, run_id: runId };
  const since = mode === 'delta' ? new Date(Date.now() - 30 * 60_000) : undefined;
  const accounts = await listAccounts(since);
  log.info(`${mode} import started for ${accounts.length} accounts`, context);
  const stats: RunStats = { pages: 0, records: 0, skipped: 0, parts: 0, failedParts: 0 };
  for (const account of accounts) {
    await importAccount(account, context, stats);
  }
  log.info(`${mode} import finished`, { ...context, ...stats });
  return stats;
}

async function main(): Promise<void> {
  const mode = process.argv[2] === 'delta' ? 'delta' : 'nightly';
  const runId = `${mode}-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
  await runImport(mode, runId);
}

if (require.main === module) {
  main().catch((err) => {
    log.error('import crashed', err, {});
    process.exitCode = 1;
  });
}
