// Line drift: frames logged by an older version land on the function in the current code,
// and on the exact line when git knows the commit that ran.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FrameMapper, findFunctions, placeLine, countLines } from '../../../src/core/mapping';
import { mapLineThroughHunks, parseUnifiedHunks } from '../../../src/core/mapping/git-hunks';
import { buildWorkspaceIndex } from '../../../src/sources/local/workspace-files';
import { mapLineAtCommit, placeFramesWithGit } from '../../../src/sources/local/git-lines';
import { frame, makeTree, readText, removeTree } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/mapping/drift');
const v = (n: 1 | 2 | 3) => readFileSync(path.join(FIXTURES, `fetcher.v${n}.ts.txt`), 'utf8');
const roots: string[] = [];
after(() => roots.forEach(removeTree));

async function mapOn(content: string, frames: ReturnType<typeof frame>[]) {
  const ws = makeTree({ 'src/fetcher.ts': content });
  roots.push(ws);
  const mapper = new FrameMapper(await buildWorkspaceIndex([ws]), {}, readText);
  return mapper.mapFrames(frames);
}

const fetchFrame = frame('webpack:///./src/fetcher.ts', 14, 'fetchUser', { column: 11 });
const parseFrame = frame('webpack:///./src/fetcher.ts', 21, 'parseUser');

test('unchanged code keeps the logged line', async () => {
  const [f] = await mapOn(v(1), [fetchFrame]);
  assert.equal(f.location?.line, 14);
  assert.equal(f.location?.lineHow, 'as-logged');
  assert.equal(f.location?.column, 11);
});

test('lines added above the function: the frame goes to the function it was logged in', async () => {
  const [f] = await mapOn(v(2), [fetchFrame]);
  assert.equal(f.location?.line, 20, 'fetchUser now starts on line 20; the offset inside it is unknown without git');
  assert.equal(f.location?.lineHow, 'function-offset');
  assert.equal(f.location?.column, undefined, 'the logged column means nothing on another line');
});

test('function moved: the frame follows it; a renamed function keeps the logged line', async () => {
  const [fetch, parse] = await mapOn(v(3), [fetchFrame, parseFrame]);
  assert.equal(fetch.location?.line, 22);
  assert.equal(fetch.location?.lineHow, 'function-offset');
  assert.equal(parse.location?.line, 21);
  assert.equal(parse.location?.lineHow, 'as-logged');
});

test('renamed file: the frame is unmapped and says no file has that name', async () => {
  const ws = makeTree({ 'src/user-fetcher.ts': v(1) });
  roots.push(ws);
  const mapper = new FrameMapper(await buildWorkspaceIndex([ws]), {}, readText);
  const [f] = mapper.mapFrames([fetchFrame]);
  assert.equal(f.unmapped?.code, 'no-file');
  assert.match(f.unmapped?.detail ?? '', /fetcher\.ts/);
});

test('a logged line past the end of the file is clamped to the last line', async () => {
  const [f] = await mapOn('export function a() {\n  return 1;\n}\n', [frame('webpack:///./src/fetcher.ts', 90, 'b')]);
  assert.equal(f.location?.line, 3);
});

test('with the original function start known, the offset inside the function is kept and clamped', () => {
  const text = v(2);
  const fns = findFunctions(text, 'ts');
  assert.deepEqual(placeLine(fns, countLines(text), 14, 'fetchUser', 8), { line: 26, lineHow: 'function-offset' });
  assert.deepEqual(placeLine(fns, countLines(text), 14, 'fetchUser', -100), { line: 29, lineHow: 'function-offset' });
});

test('git hunks: insertions and deletions above shift the line; a changed line goes to its hunk', () => {
  const hunks = parseUnifiedHunks('@@ -2,0 +3,12 @@\n+x\n@@ -20,3 +32 @@\n-a\n@@ -40 +50,0 @@\n-b\n');
  assert.equal(mapLineThroughHunks(hunks, 1).line, 1);
  assert.equal(mapLineThroughHunks(hunks, 14).line, 26);
  assert.deepEqual(mapLineThroughHunks(hunks, 21), { line: 32, exact: false });
  assert.equal(mapLineThroughHunks(hunks, 30).line, 40);
  assert.deepEqual(mapLineThroughHunks(hunks, 40), { line: 51, exact: false });
  assert.equal(mapLineThroughHunks(hunks, 45).line, 54);
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } }).trim();
}

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    return false;
  }
}

test('git: a line of the commit that ran moves to the working tree through the diff', { skip: !hasGit() && 'git is not installed' }, async () => {
  const repo = makeTree({ 'src/fetcher.ts': v(1) });
  roots.push(repo);
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'v1');
  const sha = git(repo, 'rev-parse', 'HEAD');
  writeFileSync(path.join(repo, 'src/fetcher.ts'), v(2));
  const file = path.join(repo, 'src/fetcher.ts');
  assert.equal(await mapLineAtCommit(repo, sha, file, 14), 26);
  assert.equal(await mapLineAtCommit(repo, sha, 'src/fetcher.ts', 21), 33, 'paths relative to the repository work too');

  const mapper = new FrameMapper(await buildWorkspaceIndex([repo]), {}, readText);
  const placed = await placeFramesWithGit(mapper.mapFrames([fetchFrame, frame('/x/unknown.ts', 3, 'y')]), sha);
  assert.equal(placed[0].location?.line, 26);
  assert.equal(placed[0].location?.lineHow, 'git-diff');
  assert.equal(placed[1].unmapped?.code, 'no-file');
});

test('git: an unknown commit, a non-repository or a file added since give undefined', { skip: !hasGit() && 'git is not installed' }, async () => {
  const repo = makeTree({ 'a.ts': 'x\n' });
  const plain = makeTree({ 'a.ts': 'x\n' });
  roots.push(repo, plain);
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'one');
  const sha = git(repo, 'rev-parse', 'HEAD');
  writeFileSync(path.join(repo, 'b.ts'), 'new\n');
  git(repo, 'add', 'b.ts');
  assert.equal(await mapLineAtCommit(repo, 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', path.join(repo, 'a.ts'), 1), undefined);
  assert.equal(await mapLineAtCommit(repo, '--output=/tmp/x', path.join(repo, 'a.ts'), 1), undefined, 'option-looking shas are refused');
  assert.equal(await mapLineAtCommit(plain, sha, path.join(plain, 'a.ts'), 1), undefined);
  assert.equal(await mapLineAtCommit(repo, sha, path.join(repo, 'b.ts'), 1), undefined);
  assert.equal(await mapLineAtCommit(repo, sha, path.join(repo, 'a.ts'), 1, { git: '/nonexistent/git' }), undefined);
});
