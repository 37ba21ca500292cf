import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalIssueSource } from '../../../src/sources/local/local-source';

test('an event with git.commit.sha gets its frame lines moved to the working tree on the issue page', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'errtrack-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: ws, encoding: 'utf8' });
  mkdirSync(join(ws, 'src'));
  const body = Array.from({ length: 20 }, (_, i) => `  line${i + 2}();`).join('\n');
  writeFileSync(join(ws, 'src/job.js'), `function run() {\n${body}\n}\n`);
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'v1');
  const sha = git('rev-parse', 'HEAD').trim();
  // Three lines inserted above: what ran at `sha` on line 10 is now on line 13.
  writeFileSync(join(ws, 'src/job.js'), `// a\n// b\n// c\nfunction run() {\n${body}\n}\n`);
  mkdirSync(join(ws, 'logs'));
  writeFileSync(
    join(ws, 'logs/app.jsonl'),
    JSON.stringify({ timestamp: '2026-11-28T10:00:00Z', status: 'error', service: 'job', message: 'x', git: { commit: { sha } }, error: { kind: 'Error', message: 'x', stack: 'Error: x\n    at run (/app/src/job.js:10:3)' } }) + '\n',
  );
  const source = new LocalIssueSource({ workspaceFolders: [ws], logFiles: ['logs/*.jsonl'], prefixMappings: { '/app/': `${ws}/` }, follow: false, now: () => Date.parse('2026-11-28T11:00:00Z') });
  try {
    await source.start();
    const [issue] = await source.listIssues({ window: '24h' });
    const details = await source.getIssue(issue.id, { window: '24h' });
    const frame = details?.error?.frames[0];
    assert.equal(frame?.location?.path, join(ws, 'src/job.js'));
    assert.equal(frame?.location?.line, 13);
    assert.equal(frame?.location?.lineHow, 'git-diff');
  } finally {
    source.dispose();
  }
});
