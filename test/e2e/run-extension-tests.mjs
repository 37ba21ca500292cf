// Runs the mocha suite (out/test/index.js, built by scripts/build-extension-tests.mjs) inside a
// real editor's extension host, against a fresh copy of the demo workspace.
//
// Default: code-server 4.100.3. It refuses --extensionDevelopmentPath on its command line but
// takes it (and extensionTestsPath) in the workbench URL's `payload`; Chromium opens that URL and
// the workbench calls window.codeAutomationExit(code) when run() settles. Mocha's output does not
// reach us from there, so the suite writes a JSON report to $ERRTRACK_TEST_REPORT.
// ERRTRACK_USE_ELECTRON=1: the same suite under @vscode/test-electron (downloads VS Code).
//
//   node test/e2e/run-extension-tests.mjs      (after `npm run build`)
// Env: ERRTRACK_EXTENSION_PATH (default the repo), ERRTRACK_SUITE_TIMEOUT_MS (default 600000),
//      ERRTRACK_TEST_GREP, ERRTRACK_E2E_WORKSPACE, ERRTRACK_VSCODE_VERSION (electron; default 1.100.3).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCodeServer } from '../../scripts/editor/code-server.mjs';
import { provision, REPO_ROOT } from '../../scripts/editor/provision.mjs';
import { prepareE2eWorkspace } from '../../scripts/editor/workspace.mjs';
import { CHROMIUM_ARGS, isNoise } from './browser.mjs';

export const TESTS_ENTRY = join(REPO_ROOT, 'out', 'test', 'index.js');
export const REPORT_FILE = join(REPO_ROOT, 'test-results', 'extension-tests.json');

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs the suite in code-server; resolves { exitCode, report, browserLog }. */
export async function runInCodeServer({ extensionPath, testsEntry, folder, env, reportFile, timeoutMs, workspaceTrust = false }) {
  const { chromium: executablePath } = provision();
  const server = await startCodeServer({ extensionPath: null, workspaceTrust, env: { ...env, ERRTRACK_TEST_REPORT: reportFile } });
  const browserLog = [];
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' && !isNoise(m.text())) browserLog.push(`[browser ${m.type()}] ${m.text().slice(0, 500)}`);
    });
    page.on('pageerror', (e) => browserLog.push(`[page error] ${e.message}`));
    let exited;
    const exit = new Promise((r) => (exited = r));
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(testsEntry.replace(/\.js$/, ''))],
    ];
    await page.goto(server.folderUrl(folder, payload));
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') browserLog.push(`the suite did not finish within ${timeoutMs / 1000} s`);
    return { exitCode: code === 'timeout' ? 1 : Number(code), report: readReport(reportFile), browserLog, serverLog: server.log() };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
}

/** Runs the suite under @vscode/test-electron (needs a VS Code download and a display). */
export async function runInElectron({ extensionPath, testsEntry, folder, env, reportFile }) {
  const { runTests } = await import('@vscode/test-electron');
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('no DISPLAY: desktop VS Code needs one on Linux; run under `xvfb-run -a`');
  }
  let exitCode;
  try {
    exitCode = await runTests({
      version: process.env.ERRTRACK_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsEntry,
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { ...env, ERRTRACK_TEST_REPORT: reportFile },
    });
  } catch (error) {
    // runTests rejects when VS Code exits non-zero (failed tests) or cannot start.
    console.error(`@vscode/test-electron: ${error instanceof Error ? error.message : error}`);
    exitCode = 1;
  }
  return { exitCode, report: readReport(reportFile), browserLog: [], serverLog: '' };
}

export function printReport(report) {
  if (!report) {
    console.log('the extension-host suite wrote no report (it did not load or did not finish)');
    return;
  }
  for (const line of report.lines) console.log(line);
  const skipped = report.pending ? `, ${report.pending} skipped` : '';
  console.log(`extension host: ${report.passed} passed, ${report.failed} failed${skipped}`);
}

/** Builds the test bundles, prepares the workspace, runs the suite, prints; returns { exitCode, report }. */
export async function runExtensionTests(options = {}) {
  const extensionPath = resolve(options.extensionPath ?? process.env.ERRTRACK_EXTENSION_PATH ?? REPO_ROOT);
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-extension-tests.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return { exitCode: 1, report: undefined };
  const reportFile = options.reportFile ?? REPORT_FILE;
  rmSync(reportFile, { force: true });
  mkdirSync(resolve(reportFile, '..'), { recursive: true });
  const electron = process.env.ERRTRACK_USE_ELECTRON === '1';
  const started = Date.now();
  const run = electron ? runInElectron : runInCodeServer;
  const pass = async ({ name, subdir, workspaceTrust }) => {
    const workspace = prepareE2eWorkspace();
    const file = subdir ? reportFile.replace(/\.json$/, `-${subdir}.json`) : reportFile;
    rmSync(file, { force: true });
    try {
      const result = await run({
        extensionPath,
        testsEntry: TESTS_ENTRY,
        folder: workspace.folder,
        // Fake Datadog keys, accepted only by the stand-in Datadog the suite starts on 127.0.0.1.
        env: {
          ...workspace.env,
          DD_API_KEY: 'e2e-api-key-0123456789abcdef',
          DD_APP_KEY: 'e2e-app-key-0123456789abcdef',
          ...(subdir ? { ERRTRACK_TEST_SUBDIR: subdir } : {}),
        },
        reportFile: file,
        workspaceTrust,
        timeoutMs: Number(process.env.ERRTRACK_SUITE_TIMEOUT_MS ?? 600_000),
      });
      console.log(`--- ${name}`);
      printReport(result.report);
      const ok = result.exitCode === 0 && result.report && result.report.failed === 0;
      if (!ok) {
        for (const line of result.browserLog) console.log(line);
        if (result.serverLog) console.log(`--- code-server log (tail) ---\n${result.serverLog.split('\n').slice(-40).join('\n')}`);
      }
      return { ok, report: result.report ?? { passed: 0, failed: 1, pending: 0, durationMs: 0, tests: [], failures: [{ fullTitle: name, message: 'no report' }], lines: [] } };
    } finally {
      workspace.cleanup();
    }
  };
  // A trusted folder (the whole suite), then an untrusted one (Restricted Mode; not under
  // Electron, whose runner turns trust off). ERRTRACK_TEST_PASS=trusted|untrusted runs one.
  const only = process.env.ERRTRACK_TEST_PASS;
  const passes = [];
  if (only !== 'untrusted') passes.push(await pass({ name: 'trusted folder', subdir: undefined, workspaceTrust: false }));
  if (only !== 'trusted' && !electron) passes.push(await pass({ name: 'untrusted folder (Restricted Mode)', subdir: 'untrusted', workspaceTrust: true }));
  const merged = passes.reduce(
    (all, { report }) => ({
      passed: all.passed + report.passed,
      failed: all.failed + report.failed,
      pending: all.pending + report.pending,
      durationMs: all.durationMs + report.durationMs,
      tests: [...all.tests, ...report.tests],
      failures: [...all.failures, ...report.failures],
      lines: [...all.lines, ...report.lines],
    }),
    { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [], failures: [], lines: [] },
  );
  writeFileSync(reportFile, JSON.stringify(merged, null, 2));
  const ok = passes.every((p) => p.ok);
  console.log(`extension-host suite (${electron ? 'VS Code via @vscode/test-electron' : 'code-server'}) ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { exitCode: ok ? 0 : 1, report: merged };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(REPO_ROOT, 'node_modules', 'mocha'))) console.warn('mocha is not installed: run npm ci');
  runExtensionTests().then(
    ({ exitCode }) => process.exit(exitCode),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
