import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../src/protocol/messages';
import { expandPaths } from '../../../src/sources/local/read/expand-paths';

test("the default globs read log folders and top-level *.log, not a repository's data files", async () => {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-globs-'));
  const files = ['logs/app.jsonl', 'logs/worker/2026-11-28.log.gz', 'services/api/logs/api.log', 'log/production.log', 'job.log', 'data/train.jsonl', 'fixtures/events.ndjson', 'models/eval.jsonl'];
  for (const f of files) {
    mkdirSync(join(ws, f, '..'), { recursive: true });
    writeFileSync(join(ws, f), '{"level":"error","msg":"x"}\n');
  }
  const { files: found } = await expandPaths(DEFAULT_SETTINGS.local.logFiles, [ws]);
  assert.deepEqual(found.map((f) => f.slice(ws.length + 1)).sort(), ['job.log', 'log/production.log', 'logs/app.jsonl', 'logs/worker/2026-11-28.log.gz', 'services/api/logs/api.log']);
});
