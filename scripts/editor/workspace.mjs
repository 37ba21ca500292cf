// The workspace the e2e stages open: a fresh copy of demo/nightly-import (so tests never dirty
// the repo and start without saved state) with its logs generated, seeded, around a pinned "now".
// The same instant goes to the extension host as ERRTRACK_NOW so the counts in the time window
// are the same on every run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { REPO_ROOT } from './provision.mjs';

export const DEMO_WORKSPACE = join(REPO_ROOT, 'demo', 'nightly-import');
export const DEMO_SEED = '1';

/** Runs demo/generate-logs.ts (extra args e.g. ['--now', iso, '--out', dir]); throws on failure. */
export function generateDemoLogs(args = [], root = REPO_ROOT) {
  const script = join(root, 'demo', 'generate-logs.ts');
  if (!existsSync(script)) throw new Error(`${script} is missing: cannot generate the demo logs`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`demo/generate-logs.ts ${args.join(' ')} failed (exit ${result.status})`);
}

/**
 * Returns { folder, now, env, cleanup() }. $ERRTRACK_E2E_WORKSPACE names a ready folder to use
 * as is (no copy, no generation).
 */
export function prepareE2eWorkspace({ now = new Date().toISOString(), seed = DEMO_SEED } = {}) {
  if (process.env.ERRTRACK_E2E_WORKSPACE) {
    const folder = resolve(process.env.ERRTRACK_E2E_WORKSPACE);
    return { folder, now: process.env.ERRTRACK_NOW, env: process.env.ERRTRACK_NOW ? { ERRTRACK_NOW: process.env.ERRTRACK_NOW } : {}, cleanup() {} };
  }
  const parent = mkdtempSync(join(tmpdir(), 'errtrack-e2e-ws-'));
  const folder = join(parent, basename(DEMO_WORKSPACE));
  cpSync(DEMO_WORKSPACE, folder, {
    recursive: true,
    filter: (src) => !/[\\/](logs|node_modules|dist)([\\/]|$)/.test(src.slice(DEMO_WORKSPACE.length)),
  });
  generateDemoLogs(['--now', now, '--seed', String(seed), '--out', join(folder, 'logs')]);
  return { folder, now, env: { ERRTRACK_NOW: now }, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}
