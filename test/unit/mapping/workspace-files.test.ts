// The fs walker indexes what frames may map onto: not dependencies, VCS data or ignored paths.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWorkspaceIndex, readGoModules, WorkspaceIndexUpdater } from '../../../src/sources/local/workspace-files';
import { makeTree, removeTree, writeTree } from './helpers';

const roots: string[] = [];
after(() => roots.forEach(removeTree));

function relFiles(index: Awaited<ReturnType<typeof buildWorkspaceIndex>>): string[] {
  return [...index.files()].map((f) => `${f.folder}:${f.segments.join('/')}`).sort();
}

test('dependency and VCS folders are skipped, build output is kept unless ignored', async () => {
  const ws = makeTree({
    'src/a.ts': '',
    'node_modules/lib/index.js': '',
    'packages/x/node_modules/y/index.js': '',
    '.git/HEAD': '',
    'vendor/github.com/x/y.go': '',
    '.venv/lib/site-packages/z.py': '',
    'src/__pycache__/a.cpython-311.pyc': '',
    'out/a.js': '',
  });
  roots.push(ws);
  assert.deepEqual(relFiles(await buildWorkspaceIndex([ws])), ['0:out/a.js', '0:src/a.ts']);
});

test('root and nested .gitignore files: globs, anchoring, directories only, negation', async () => {
  const ws = makeTree({
    '.gitignore': '# build output\ndist/\n*.log\n!keep.log\n/generated\ncoverage\n',
    'src/.gitignore': 'fixtures/**/*.json\nlocal.ts\n',
    'src/a.ts': '',
    'src/local.ts': '',
    'src/fixtures/deep/x.json': '',
    'src/fixtures/deep/x.ts': '',
    'src/generated/kept.ts': '',
    'generated/gone.ts': '',
    'dist/main.js': '',
    'lib/dist': 'a file named dist is not a directory',
    'debug.log': '',
    'keep.log': '',
    'pkg/coverage/lcov.info': '',
  });
  roots.push(ws);
  assert.deepEqual(relFiles(await buildWorkspaceIndex([ws])), [
    '0:.gitignore',
    '0:keep.log',
    '0:lib/dist',
    '0:src/.gitignore',
    '0:src/a.ts',
    '0:src/fixtures/deep/x.ts',
    '0:src/generated/kept.ts',
  ]);
});

test('multi-root: each folder is walked with its own .gitignore', async () => {
  const a = makeTree({ '.gitignore': 'tmp/\n', 'tmp/x.py': '', 'main.py': '' });
  const b = makeTree({ 'tmp/x.py': '', 'main.py': '' });
  roots.push(a, b);
  const index = await buildWorkspaceIndex([a, b]);
  assert.deepEqual(relFiles(index), ['0:.gitignore', '0:main.py', '1:main.py', '1:tmp/x.py']);
});

test('a missing folder gives an empty index, and symlinked directories are never followed', async () => {
  const ws = makeTree({ 'real/a.ts': '' });
  roots.push(ws);
  symlinkSync(path.join(ws, 'real'), path.join(ws, 'loop'));
  const index = await buildWorkspaceIndex([ws, path.join(ws, 'nope')]);
  assert.deepEqual(relFiles(index), ['0:real/a.ts']);
});

test('readGoModules finds every go.mod outside vendor and reads its module path', async () => {
  const ws = makeTree({
    'go.mod': 'module github.com/acme/etl // the service\n\nrequire github.com/x/y v1.0.0\n',
    'tools/go.mod': 'module "github.com/acme/etl/tools"\n',
    'vendor/github.com/x/y/go.mod': 'module github.com/x/y\n',
    'broken/go.mod': 'no module line\n',
  });
  roots.push(ws);
  const modules = (await readGoModules([ws])).sort((x, y) => x.module.localeCompare(y.module));
  assert.deepEqual(modules, [
    { module: 'github.com/acme/etl', dir: ws },
    { module: 'github.com/acme/etl/tools', dir: path.join(ws, 'tools') },
  ]);
});

test('the updater adds created files with the walker rules and removes deleted files and folders', async () => {
  const ws = makeTree({ '.gitignore': '*.tmp\n', 'src/a.ts': '' });
  roots.push(ws);
  const index = await buildWorkspaceIndex([ws]);
  const updater = new WorkspaceIndexUpdater(index);
  writeTree(ws, { 'src/b.ts': '', 'src/c.tmp': '', 'node_modules/x/i.js': '', 'src/deep/d.ts': '' });
  for (const f of ['src/b.ts', 'src/c.tmp', 'node_modules/x/i.js', 'src/deep/d.ts', 'src/missing.ts']) {
    await updater.fileCreated(path.join(ws, f));
  }
  assert.deepEqual(relFiles(index), ['0:.gitignore', '0:src/a.ts', '0:src/b.ts', '0:src/deep/d.ts']);
  writeFileSync(path.join(ws, 'src', '.gitignore'), 'b.ts\n');
  await updater.fileCreated(path.join(ws, 'src', '.gitignore'));
  writeFileSync(path.join(ws, 'src', 'e.ts'), '');
  await updater.fileCreated(path.join(ws, 'src', 'e.ts'));
  assert.ok(index.lookup(path.join(ws, 'src/e.ts')));
  rmSync(path.join(ws, 'src/deep'), { recursive: true });
  updater.fileDeleted(path.join(ws, 'src/deep'));
  updater.fileDeleted(path.join(ws, 'src/a.ts'));
  assert.deepEqual(relFiles(index), ['0:.gitignore', '0:src/.gitignore', '0:src/b.ts', '0:src/e.ts']);
});

test('building the index and reading go.mod files at the same time share one walk', async () => {
  const ws = makeTree({ 'go.mod': 'module example.com/x\n', 'main.go': 'package main\n' });
  roots.push(ws);
  const [index, modules] = await Promise.all([buildWorkspaceIndex([ws]), readGoModules([ws])]);
  assert.equal(index.size, 2);
  assert.deepEqual(modules, [{ module: 'example.com/x', dir: ws }]);
  writeTree(ws, { 'later.go': 'package main\n' });
  assert.equal((await buildWorkspaceIndex([ws])).size, 3, 'a finished walk is not reused');
});
