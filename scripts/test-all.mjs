// `npm test`: every stage in order, each one's pass/fail counts collected, and ONE final line
// `N passed, N failed[, N skipped]` (exit 1 if anything failed).
//   editor   provision code-server + Chromium (first use installs them)
//   build    npm run build            typecheck  npm run typecheck
//   unit     node scripts/run-unit.mjs (node:test)
//   host     the mocha suite inside code-server's extension host (test/e2e/run-extension-tests.mjs)
//   browser  Playwright checks of what a person sees (test/e2e/*.test.mjs, node:test)
//   package  `npm run package`, the .vsix unpacked, the extension-host suite run on it (scripts/test-vsix.mjs)
// ERRTRACK_SKIP_EDITOR=1 skips the editor stages (loudly); ERRTRACK_SKIP_PACKAGE=1 the package stage. A stage without counts (build,
// typecheck, a crash) counts as one test.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './editor/provision.mjs';

// A hung stage is killed (and counted as failed) so the run still ends with its summary line.
const MINUTES = 60_000;
const STAGE_TIMEOUTS = { editor: 15, build: 5, typecheck: 5, unit: 10, 'extension host': 15, browser: 15, package: 20 };
const stageTimeout = (name) => Number(process.env.ERRTRACK_STAGE_TIMEOUT_MS ?? (STAGE_TIMEOUTS[name] ?? 15) * MINUTES);
const EXTENSION_REPORT = join(REPO_ROOT, 'test-results', 'extension-tests.json');
const VSIX_REPORT = join(REPO_ROOT, 'test-results', 'vsix-tests.json');

/** Runs a command, streaming its output while keeping a copy; kills its process group on timeout. */
function runStage(command, args, env = {}, timeoutMs = 15 * MINUTES) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      console.error(`\n!! ${command} ${args.join(' ')} ran past ${timeoutMs / MINUTES} min: stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, code: code ?? signal, output });
    });
  });
}

/** node:test's spec summary ("ℹ pass 12"), or its TAP summary ("# pass 12"). */
function nodeTestCounts(output) {
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (name) => {
    const matches = [...text.matchAll(new RegExp(`^(?:ℹ|#) ${name} (\\d+)\\s*$`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const passed = count('pass');
  if (passed === undefined) return undefined;
  return { passed, failed: (count('fail') ?? 0) + (count('cancelled') ?? 0), skipped: (count('skipped') ?? 0) + (count('todo') ?? 0) };
}

function extensionCounts(file = EXTENSION_REPORT) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: report.passed, failed: report.failed, skipped: report.pending };
  } catch {
    return undefined;
  }
}

const results = [];
function record(name, outcome, counts, seconds) {
  // A stage that failed but reported no failure (crash, timeout) still fails the run.
  let c = counts ?? (outcome.ok ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
  if (!outcome.ok && c.failed === 0) c = { ...c, failed: 1 };
  results.push({ name, ...c, seconds });
}
function skip(name, why) {
  console.log(`\n${'!'.repeat(72)}\n!! SKIPPED ${name}: ${why}\n${'!'.repeat(72)}`);
  results.push({ name, passed: 0, failed: 0, skipped: 1, seconds: 0, note: why });
}
function fail(name, why) {
  console.log(`\n!! ${name} not run: ${why}`);
  results.push({ name, passed: 0, failed: 1, skipped: 0, seconds: 0, note: why });
}

async function stage(name, command, args, parse, env) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const outcome = await runStage(command, args, env, stageTimeout(name));
  const seconds = (Date.now() - started) / 1000;
  record(name, outcome, parse?.(outcome.output), seconds);
  console.log(`=== ${name}: ${outcome.ok ? 'ok' : `failed (exit ${outcome.code})`} in ${seconds.toFixed(1)} s`);
  return outcome.ok;
}

const node = process.execPath;
const skipEditor = process.env.ERRTRACK_SKIP_EDITOR === '1';
let editorReady = false;
if (skipEditor) skip('editor stages', 'ERRTRACK_SKIP_EDITOR=1 — the extension-host suite and the browser checks did NOT run');
else editorReady = await stage('editor', node, ['scripts/editor/provision.mjs']);

const built = await stage('build', 'npm', ['run', 'build']);
await stage('typecheck', 'npm', ['run', 'typecheck']);
await stage('unit', node, ['scripts/run-unit.mjs'], nodeTestCounts, { TEST_REPORTER: 'spec' });

if (!skipEditor) {
  // What a person sees: the workbench checks, then the issue page alone in Chromium and in the editor.
  const testsIn = (dir, pattern) =>
    readdirSync(join(REPO_ROOT, 'test', dir))
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => join('test', dir, name));
  const browserTests = [...testsIn('e2e', /\.test\.mjs$/), ...testsIn('e2e-webview', /\.test\.(mjs|ts)$/)];
  if (!editorReady) {
    fail('extension host', 'the editor could not be provisioned');
    fail('browser', 'the editor could not be provisioned');
  } else if (!built) {
    fail('extension host', 'the build failed');
    fail('browser', 'the build failed');
  } else {
    await stage('extension host', node, ['test/e2e/run-extension-tests.mjs'], () => extensionCounts());
    await stage('browser', node, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...browserTests], nodeTestCounts);
    // Last: it rebuilds dist/ minified for the package.
    if (process.env.ERRTRACK_SKIP_PACKAGE === '1') skip('package', 'ERRTRACK_SKIP_PACKAGE=1 — the .vsix was NOT built and tried');
    else await stage('package', node, ['scripts/test-vsix.mjs'], () => extensionCounts(VSIX_REPORT));
  }
}

const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('\nstage              passed  failed  skipped  seconds');
for (const r of results) {
  console.log(`${r.name.padEnd(18)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}`);
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exitCode = total.failed > 0 ? 1 : 0;
