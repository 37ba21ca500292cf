// The real-logs corpus (test/fixtures/real-logs/*/): files written by real loggers and runtimes,
// each with expectations a person decided by reading it (see the case's PROVENANCE.md). The
// scan runs through the CLI's code path (runScan), and `fingerprint` must give the same ids.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { IssueSummary } from '../../../src/core/model';
import { runScan } from '../../../src/cli/scan-run';

const CORPUS = resolve(__dirname, '../../fixtures/real-logs');

interface Expectation {
  format: string;
  errorEvents: number;
  issues: number;
  skipped?: number;
  records?: number;
  /** The reader does not do this yet: the case runs and is reported as a todo (it must fail, or the gap is closed). */
  knownGap?: string;
  expect: { kind?: string; message: string; count: number; service?: string; topFrame?: { file: string; function: string } }[];
}

const cases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(CORPUS, d.name))
      .filter((f) => f.endsWith('.expect.json'))
      .map((f) => ({ name: `${d.name}/${f.slice(0, -'.expect.json'.length)}`, log: join(CORPUS, d.name, f.slice(0, -'.expect.json'.length)), expectation: join(CORPUS, d.name, f) })),
  );

test('the corpus has at least 25 real log files', () => assert.ok(cases.length >= 25, `${cases.length} files`));

for (const c of cases) {
  const want = JSON.parse(readFileSync(c.expectation, 'utf8')) as Expectation;
  test(`real logs: ${c.name}`, { todo: want.knownGap }, async () => {
    const run = await runScan({ paths: [c.log], now: Date.now(), log: () => undefined });
    const stats = run.fileStats[0];
    const issues = [...run.counts.keys()].map((id) => run.store.get(id, { window: '30d', now: Date.now() })!);
    const describe = () => issues.map((i) => `  ${run.counts.get(i.id)}× [${i.service}] ${i.errorKind}: ${i.message} @ ${frameOf(i)}`).join('\n');
    assert.equal(stats.lines, stats.records + stats.joined + stats.blank + stats.malformed, 'every line is accounted for');
    assert.equal(stats.errors, want.errorEvents, `error events (${want.format})\n${describe()}`);
    assert.equal(issues.length, want.issues, `issues\n${describe()}`);
    if (want.skipped !== undefined) assert.equal(stats.malformed, want.skipped, 'skipped lines');
    // (`records` in the expectations counts log records only; the reader also counts each print
    // and banner line as a record of its own, so it is not compared.)
    for (const e of want.expect) {
      const found = issues.filter((i) => `${i.errorKind}: ${i.message}`.includes(e.message) && (e.kind === undefined || i.errorKind === e.kind || i.errorKind.endsWith(`>${e.kind}`)) && (e.service === undefined || i.service === e.service));
      assert.equal(found.length, 1, `one issue titled like "${e.kind ?? ''}: …${e.message}…"\n${describe()}`);
      const [issue] = found;
      assert.equal(run.counts.get(issue.id), e.count, `count of "${e.message}"`);
      if (e.topFrame) {
        const f = issue.topFrame;
        assert.ok(f && f.file.endsWith(e.topFrame.file) && sameFunction(f.function, e.topFrame.function), `top frame of "${e.message}" is ${e.topFrame.file} ${e.topFrame.function}, not ${frameOf(issue)}`);
      }
    }
  });
}

function frameOf(issue: IssueSummary): string {
  return issue.topFrame ? `${issue.topFrame.file}:${issue.topFrame.line ?? ''} ${issue.topFrame.function}` : '-';
}

/** "resizeImage" matches "Object.resizeImage", "com.acme.Job.run" matches "run", "main.main" matches "main". */
function sameFunction(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  const bare = actual.replace(/\(.*\)$/, '');
  return [`.${expected}`, `::${expected}`, `/${expected}`, ` ${expected}`, `#${expected}`].some((s) => bare.endsWith(s));
}
