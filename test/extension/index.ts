// The mocha entry the editor loads into its extension host (extensionTestsPath = out/test/index),
// under code-server (test/e2e/run-extension-tests.mjs) or @vscode/test-electron alike.
// Test files are the bundled out/test/*.test.js next to this file; they may use the bdd
// (describe/it) or the tdd (suite/test) globals. The extension host's console does not reach the
// terminal under code-server, so the results are also written as JSON to $ERRTRACK_TEST_REPORT.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface ExtensionTestReport {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: { fullTitle: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number }[];
  failures: { fullTitle: string; message: string; stack?: string }[];
  /** The results as mocha's spec reporter would print them, one line each. */
  lines: string[];
}

function emptyReport(): ExtensionTestReport {
  return { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [], failures: [], lines: [] };
}

function writeReport(report: ExtensionTestReport): void {
  const file = process.env.ERRTRACK_TEST_REPORT;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
}

function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

export function run(): Promise<void> {
  const timeout = Number(process.env.ERRTRACK_TEST_TIMEOUT_MS ?? 60_000);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, reporter: 'spec' });
  mocha.ui('tdd'); // binds suite/test as well as describe/it
  if (process.env.ERRTRACK_TEST_GREP) mocha.grep(process.env.ERRTRACK_TEST_GREP);

  // ERRTRACK_TEST_SUBDIR=untrusted runs the Restricted Mode suite (its own editor run) instead.
  const dir = process.env.ERRTRACK_TEST_SUBDIR ? path.join(__dirname, process.env.ERRTRACK_TEST_SUBDIR) : __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(dir, name));

  const report = emptyReport();
  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        report.durationMs = Date.now() - started;
        report.lines.push('', `${report.passed} passing (${report.durationMs} ms)`);
        if (report.pending) report.lines.push(`${report.pending} pending`);
        if (report.failed) report.lines.push(`${report.failed} failing`);
        report.failures.forEach((f, i) => report.lines.push('', `${i + 1}) ${f.fullTitle}`, `   ${f.stack ?? f.message}`));
        writeReport(report);
        if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A test file that throws while loading fails the whole suite, visibly.
      const { message, stack } = describeError(error);
      report.failed = 1;
      report.failures.push({ fullTitle: 'loading the extension test files', message, stack });
      report.lines.push(`✗ loading the extension test files: ${message}`);
      writeReport(report);
      reject(error);
      return;
    }
    let depth = 0;
    const indent = () => '  '.repeat(depth);
    runner.on('suite', (suite: Mocha.Suite) => {
      if (suite.root) return;
      report.lines.push(`${indent()}${suite.title}`);
      depth++;
    });
    runner.on('suite end', (suite: Mocha.Suite) => {
      if (!suite.root) depth--;
    });
    runner.on('pass', (test: Mocha.Test) => {
      report.passed++;
      report.tests.push({ fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration });
      report.lines.push(`${indent()}✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on('pending', (test: Mocha.Test) => {
      report.pending++;
      report.tests.push({ fullTitle: test.fullTitle(), state: 'pending' });
      report.lines.push(`${indent()}- ${test.title} (skipped)`);
    });
    runner.on('fail', (test: Mocha.Runnable, error: unknown) => {
      report.failed++;
      const { message, stack } = describeError(error);
      report.tests.push({ fullTitle: test.fullTitle(), state: 'failed' });
      report.failures.push({ fullTitle: test.fullTitle(), message, stack });
      report.lines.push(`${indent()}✗ ${test.title}: ${message.split('\n')[0]}`);
    });
  });
}
