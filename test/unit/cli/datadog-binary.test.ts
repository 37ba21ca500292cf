// The errtrack binary with --source datadog, end to end: the stand-in Datadog of
// test/fixtures/datadog/serve.ts (spawned: it exports no server function) on 127.0.0.1, the CLI as
// a real process (exit statuses, keys from the environment), and the bundled dist layout, where
// cli.js must load the Datadog client lazily from datadog.js beside it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { API_KEY, APP_KEY, ISSUE_1, ISSUE_2, REPO, assertNoKeys } from './datadog-harness';
import { waitForOutput } from './run-cli';

let server: ChildProcess;
let url = '';

before(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/fixtures/datadog/serve.ts'), '--keys', `${API_KEY}:${APP_KEY}`], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const printed = await waitForOutput(server.stdout!, /ERRTRACK_DATADOG_URL=\S+\n/);
  url = /ERRTRACK_DATADOG_URL=(\S+)/.exec(printed)![1];
});
after(() => void server.kill('SIGTERM'));

function env(more: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['DD_API_KEY', 'DD_APP_KEY', 'DD_SITE', 'ERRTRACK_DATADOG_URL']) delete base[name];
  return { ...base, ERRTRACK_DATADOG_URL: url, ...more };
}

function errtrack(args: string[], vars: Record<string, string | undefined>, entry = ['--import', 'tsx', join(REPO, 'src/cli/main.ts')]) {
  const child = spawn(process.execPath, [...entry, ...args], { cwd: REPO, env: env(vars), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, done };
}

const keys = { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY };

test('errtrack scan --source datadog exits 0 with the table, 1 on rejected keys, 2 without keys, 3 on new issues', async () => {
  const ok = await errtrack(['scan', '--source', 'datadog'], keys).done;
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^\\s*42\\s+NEW\\s+nightly-import .*${ISSUE_1}$`, 'm'));
  assert.match(ok.stdout, new RegExp(`^\\s*7\\s+For Review\\s+enrich-worker .*${ISSUE_2}$`, "m"), "first seen 8 days ago: its state as Datadog names it");

  const wrongApp = 'ffffffffffffffffffffffffffffffffffffffff';
  const rejected = await errtrack(['scan', '--source', 'datadog'], { DD_API_KEY: API_KEY, DD_APP_KEY: wrongApp }).done;
  assert.equal(rejected.status, 1);
  assert.match(rejected.stderr, /API or application key rejected \(403\)/);
  assert.ok(!(rejected.stdout + rejected.stderr).includes(wrongApp));

  const missing = await errtrack(['scan', '--source', 'datadog'], {}).done;
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /set DD_API_KEY and DD_APP_KEY/);

  const state = join(mkdtempSync(join(tmpdir(), 'errtrack-dd-bin-')), 'state.json');
  const fresh = await errtrack(['scan', '--source', 'datadog', '--state', state, '--fail-on-new'], keys).done;
  assert.equal(fresh.status, 3, fresh.stderr);
  const again = await errtrack(['scan', '--source', 'datadog', '--state', state, '--fail-on-new', '--format', 'json'], keys).done;
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout).issues.map((i: { new: boolean }) => i.new), [false, false]);
  for (const r of [ok, rejected, missing, fresh, again]) assertNoKeys(r.stdout + r.stderr);
});

test('errtrack watch --source datadog runs until SIGINT and exits 0', async () => {
  const watch = errtrack(['watch', '--source', 'datadog'], keys);
  let stderr = '';
  await new Promise<void>((resolve) =>
    watch.child.stderr!.on('data', (c: Buffer) => {
      stderr += c;
      if (/Ctrl-C to stop/.test(stderr)) resolve();
    }),
  );
  watch.child.kill('SIGINT');
  const r = await watch.done;
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^watching Datadog issues at http:\/\/127\.0\.0\.1:\d+, polling every 5 min; Ctrl-C to stop$/m);
  assertNoKeys(r.stdout + r.stderr);
});

test('the bundled cli.js leaves the Datadog client out and loads datadog.js beside it on demand', async (t) => {
  // The same entry points and externals as esbuild.config.mjs, into a temporary dist/.
  const dist = mkdtempSync(join(tmpdir(), 'errtrack-dist-'));
  t.after(() => rmSync(dist, { recursive: true, force: true }));
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    external: ['vscode', './datadog.js'],
    entryPoints: { cli: join(REPO, 'src/cli/main.ts'), datadog: join(REPO, 'src/sources/datadog/index.ts') },
    outdir: dist,
  });
  const cli = readFileSync(join(dist, 'cli.js'), 'utf8');
  assert.ok(!cli.includes('ErrorTrackingApi'), 'the Datadog client is not in cli.js');
  assert.ok(statSync(join(dist, 'datadog.js')).size > 4 * cli.length, 'datadog.js carries the client');

  const local = await errtrack(['scan', join(REPO, 'test/fixtures/logs/pino.jsonl')], {}, [join(dist, 'cli.js')]).done;
  assert.equal(local.status, 0, local.stderr);
  const r = await errtrack(['scan', '--source', 'datadog', '--format', 'json'], keys, [join(dist, 'cli.js')]).done;
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).issues.map((i: { id: string }) => i.id), [ISSUE_1, ISSUE_2]);
});
