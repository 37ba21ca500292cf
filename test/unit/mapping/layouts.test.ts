// Frames from real project layouts, built on disk, indexed by the walker and mapped.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FrameMapper } from '../../../src/core/mapping';
import { parseStack } from '../../../src/core/stack';
import { buildWorkspaceIndex, readGoModules } from '../../../src/sources/local/workspace-files';
import { frame, makeTree, readText, removeTree } from './helpers';

const roots: string[] = [];
after(() => roots.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

test('Go module: frames map through the go.mod module path, dependencies stay library frames', async () => {
  const ws = tree({
    'go.mod': 'module github.com/acme/etl\n\ngo 1.22\n',
    'pkg/fetch/client.go': 'package fetch\n\nfunc (c *Client) Get(url string) error {\n\treturn nil\n}\n',
    'internal/fetch/client.go': 'package fetch\n',
    'cmd/etl/main.go': 'package main\n\nfunc main() {}\n',
    'vendor/github.com/lib/pq/conn.go': 'package pq\n',
  });
  const index = await buildWorkspaceIndex([ws]);
  const goModules = await readGoModules([ws]);
  assert.deepEqual(goModules, [{ module: 'github.com/acme/etl', dir: ws }]);
  const mapper = new FrameMapper(index, { goModules });
  const [get, main, dep] = mapper.mapFrames([
    frame('/home/runner/work/etl/etl/pkg/fetch/client.go', 4, 'github.com/acme/etl/pkg/fetch.(*Client).Get'),
    frame('/build/cmd/etl/main.go', 3, 'main.main'),
    frame('/home/runner/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go', 10, 'github.com/lib/pq.(*conn).query', { inApp: false }),
  ]);
  assert.equal(get.location?.path, path.join(ws, 'pkg/fetch/client.go'));
  assert.equal(get.location?.how, 'go-module');
  assert.equal(main.location?.path, path.join(ws, 'cmd/etl/main.go'));
  assert.equal(main.location?.how, 'suffix');
  assert.equal(dep.unmapped?.code, 'library');
  assert.equal(index.lookup(path.join(ws, 'vendor/github.com/lib/pq/conn.go')), undefined, 'vendor/ is not indexed');
});

test('Python src layout: an installed site-packages path maps onto src/<pkg>', async () => {
  const ws = tree({
    'pyproject.toml': '[project]\nname = "etl"\n',
    'src/etl/__init__.py': '',
    'src/etl/job.py': 'def run():\n    fetch()\n',
    'tests/test_job.py': 'def test_run():\n    pass\n',
    '.venv/lib/python3.11/site-packages/etl/job.py': 'def run(): pass\n',
  });
  const index = await buildWorkspaceIndex([ws]);
  const mapper = new FrameMapper(index, {});
  const [installed, deployed, missing] = mapper.mapFrames([
    frame('/usr/local/lib/python3.11/site-packages/etl/job.py', 2, 'run'),
    frame('/app/src/etl/job.py', 2, 'run'),
    frame('/usr/local/lib/python3.11/site-packages/etl/loader.py', 2, 'load'),
  ]);
  assert.equal(installed.location?.path, path.join(ws, 'src/etl/job.py'));
  assert.equal(deployed.location?.path, path.join(ws, 'src/etl/job.py'));
  assert.equal(missing.unmapped?.code, 'no-file');
});

test('Python flat layout: site-packages/<pkg> maps onto <pkg> at the root', async () => {
  const ws = tree({ 'etl/__init__.py': '', 'etl/job.py': 'def run():\n    pass\n' });
  const mapper = new FrameMapper(await buildWorkspaceIndex([ws]), {});
  const [f] = mapper.mapFrames([frame('/opt/venv/lib/python3.12/site-packages/etl/job.py', 1, 'run')]);
  assert.equal(f.location?.path, path.join(ws, 'etl/job.py'));
});

test('TypeScript with webpack paths: webpack://, file:// and Windows paths map onto src/', async () => {
  const ws = tree({
    '.gitignore': 'dist/\n*.log\n',
    'src/api.ts': 'export async function getUser() {\n  return 1;\n}\n',
    'src/util/format.ts': 'export const fmt = (x: number) => String(x);\n',
    'dist/main.js': '// built\n',
    'build.log': 'x\n',
  });
  const index = await buildWorkspaceIndex([ws]);
  const mapper = new FrameMapper(index, {});
  const mapped = mapper.mapFrames([
    frame('webpack:///./src/api.ts', 2, 'getUser'),
    frame('webpack://my-app/./src/util/format.ts?8a1f', 1, 'fmt'),
    frame('file:///home/ci/build/src/api.ts', 2, 'getUser'),
    frame('C:\\build\\app\\src\\util\\format.ts', 1, 'fmt'),
    frame('/srv/app/dist/main.js', 1, 'x'),
  ]);
  assert.deepEqual(
    mapped.slice(0, 4).map((f) => f.location?.path),
    [path.join(ws, 'src/api.ts'), path.join(ws, 'src/util/format.ts'), path.join(ws, 'src/api.ts'), path.join(ws, 'src/util/format.ts')],
  );
  assert.equal(mapped[4].unmapped?.code, 'no-file', 'the ignored bundle is not a target');
});

test('Java Maven tree: package paths find the class file, Kotlin top-level functions too', async () => {
  const ws = tree({
    'pom.xml': '<project/>\n',
    'src/main/java/com/acme/etl/Fetcher.java': 'package com.acme.etl;\npublic class Fetcher {\n  public void fetch() {\n  }\n}\n',
    'src/main/java/com/acme/etl/Main.java': 'package com.acme.etl;\n',
    'src/main/java/com/acme/other/Main.java': 'package com.acme.other;\n',
    'src/test/java/com/acme/etl/FetcherTest.java': 'package com.acme.etl;\n',
    'src/main/kotlin/com/acme/etl/Util.kt': 'package com.acme.etl\nfun parse(s: String) = s\n',
  });
  const mapper = new FrameMapper(await buildWorkspaceIndex([ws]), {});
  const [fetch, lambda, main, kt, thread] = mapper.mapFrames([
    frame('Fetcher.java', 3, 'com.acme.etl.Fetcher.fetch'),
    frame('Fetcher.java', 3, 'app//com.acme.etl.Fetcher$Worker.lambda$run$0'),
    frame('Main.java', 10, 'com.acme.etl.Main.main'),
    frame('Util.kt', 2, 'com.acme.etl.UtilKt.parse'),
    frame('Thread.java', 840, 'java.base/java.lang.Thread.run', { inApp: false }),
  ]);
  assert.equal(fetch.location?.path, path.join(ws, 'src/main/java/com/acme/etl/Fetcher.java'));
  assert.equal(fetch.location?.how, 'package');
  assert.equal(lambda.location?.path, fetch.location?.path);
  assert.equal(main.location?.path, path.join(ws, 'src/main/java/com/acme/etl/Main.java'), 'the package tells the two Main.java apart');
  assert.equal(kt.location?.path, path.join(ws, 'src/main/kotlin/com/acme/etl/Util.kt'));
  assert.equal(thread.unmapped?.code, 'library');
});

test('Java multi-module: the same class in two modules is settled by the module the trace shares, else ambiguous', async () => {
  const ws = tree({
    'module-a/src/main/java/com/acme/Config.java': 'class Config {}\n',
    'module-a/src/main/java/com/acme/Loader.java': 'class Loader {}\n',
    'module-b/src/main/java/com/acme/Config.java': 'class Config {}\n',
  });
  const mapper = new FrameMapper(await buildWorkspaceIndex([ws]), {});
  const [config, loader] = mapper.mapFrames([frame('Config.java', 5, 'com.acme.Config.load'), frame('Loader.java', 9, 'com.acme.Loader.run')]);
  assert.equal(config.location?.path, path.join(ws, 'module-a/src/main/java/com/acme/Config.java'));
  assert.equal(loader.location?.how, 'package');
  const [alone] = mapper.mapFrames([frame('Config.java', 5, 'com.acme.Config.load')]);
  assert.equal(alone.unmapped?.code, 'ambiguous');
  assert.deepEqual(alone.unmapped?.code === 'ambiguous' && alone.unmapped.candidates, [
    path.join(ws, 'module-a/src/main/java/com/acme/Config.java'),
    path.join(ws, 'module-b/src/main/java/com/acme/Config.java'),
  ]);
});

test('monorepo with two roots: the prefix the trace shares picks the root; alone it is ambiguous', async () => {
  const mono = tree({
    'api/package.json': '{"name":"api"}',
    'api/src/handlers/user.ts': 'export function getUser() {}\n',
    'api/src/server.ts': 'export function start() {}\n',
    'worker/package.json': '{"name":"worker"}',
    'worker/src/handlers/user.ts': 'export function syncUser() {}\n',
  });
  const api = path.join(mono, 'api');
  const worker = path.join(mono, 'worker');
  const index = await buildWorkspaceIndex([api, worker]);
  const auto = new FrameMapper(index, {});
  const [user, server] = auto.mapFrames([frame('/app/src/handlers/user.ts', 1, 'getUser'), frame('/app/src/server.ts', 1, 'start')]);
  assert.equal(user.location?.path, path.join(api, 'src/handlers/user.ts'));
  assert.equal(user.location?.workspaceFolder, api);
  assert.equal(server.location?.workspaceFolder, api);
  const [alone] = auto.mapFrames([frame('/app/src/handlers/user.ts', 1, 'getUser')]);
  assert.equal(alone.unmapped?.code, 'ambiguous');

  const named = new FrameMapper(index, { prefixMappings: { '/app/': '${workspaceFolder:worker}/' } });
  const [w] = named.mapFrames([frame('/app/src/handlers/user.ts', 1, 'syncUser')]);
  assert.equal(w.location?.path, path.join(worker, 'src/handlers/user.ts'));
  assert.equal(w.location?.how, 'prefix-mapping');

  const multi = new FrameMapper(index, { prefixMappings: { '/app/': '${workspaceFolder}/' } });
  const [s] = multi.mapFrames([frame('/app/src/server.ts', 1, 'start')]);
  assert.equal(s.location?.path, path.join(api, 'src/server.ts'), '${workspaceFolder} tries every root; one holds the file');
});

test('the most specific prefix mapping wins', async () => {
  const ws = tree({ 'services/api/main.py': 'x = 1\n', 'main.py': 'y = 1\n' });
  const index = await buildWorkspaceIndex([ws]);
  const mapper = new FrameMapper(index, {
    prefixMappings: { '/app/': '${workspaceFolder}/', '/app/svc/': '${workspaceFolder}/services/api/' },
  });
  const [general, specific] = mapper.mapFrames([frame('/app/main.py', 1, 'a'), frame('/app/svc/main.py', 1, 'b')]);
  assert.equal(general.location?.path, path.join(ws, 'main.py'));
  assert.equal(specific.location?.path, path.join(ws, 'services/api/main.py'));
});

test('library frames map only through an explicit prefix mapping', async () => {
  const ws = tree({ 'libs/shared/retry.js': 'module.exports = function retry() {};\n' });
  const index = await buildWorkspaceIndex([ws]);
  const lib = frame('/app/node_modules/@acme/shared/retry.js', 1, 'retry', { inApp: false });
  assert.equal(new FrameMapper(index, {}).mapFrames([lib])[0].unmapped?.code, 'library');
  const mapped = new FrameMapper(index, { prefixMappings: { '/app/node_modules/@acme/shared/': '${workspaceFolder}/libs/shared/' } });
  assert.equal(mapped.mapFrames([lib])[0].location?.path, path.join(ws, 'libs/shared/retry.js'));
});

test('mapError maps every exception of the chain, the whole chain voting for the shared prefix', async () => {
  const mono = tree({ 'a/src/db.py': 'def q(): pass\n', 'a/src/job.py': 'def run(): pass\n', 'b/src/db.py': 'def q(): pass\n' });
  const index = await buildWorkspaceIndex([path.join(mono, 'a'), path.join(mono, 'b')]);
  const mapper = new FrameMapper(index, {}, readText);
  const error = {
    kind: 'RuntimeError',
    message: 'job failed',
    language: 'python' as const,
    frames: [frame('/srv/src/job.py', 1, 'run')],
    cause: { kind: 'OperationalError', message: 'db down', language: 'python' as const, frames: [frame('/srv/src/db.py', 1, 'q')] },
  };
  const mapped = mapper.mapError(error);
  assert.equal(mapped.frames[0].location?.path, path.join(mono, 'a/src/job.py'));
  assert.equal(mapped.cause?.frames[0].location?.path, path.join(mono, 'a/src/db.py'));
  assert.equal(error.frames[0].location, undefined, 'the input is not modified');
});

test('Windows-logged paths match regardless of case; POSIX paths keep their case', async () => {
  const ws = tree({ 'src/Services/JobRunner.cs': 'class JobRunner {}\n' });
  const mapper = new FrameMapper(await buildWorkspaceIndex([ws]), {});
  const [win, posix] = mapper.mapFrames([
    frame('C:\\BUILD\\app\\SRC\\services\\jobrunner.cs', 12, 'Acme.JobRunner.Run'),
    frame('/build/app/src/services/jobrunner.cs', 12, 'Acme.JobRunner.Run'),
  ]);
  assert.equal(win.location?.path, path.join(ws, 'src/Services/JobRunner.cs'));
  assert.equal(posix.unmapped?.code, 'no-file');
});

test('Flutter app: package:<app>/x.dart frames of a parsed trace map onto lib/x.dart', async () => {
  const ws = tree({
    'pubspec.yaml': 'name: hello_flutter\n',
    'lib/main.dart': 'class _MyHomePageState {\n  Widget build(BuildContext context) {\n    return Text(null);\n  }\n}\n',
    'lib/src/main.dart': '// another main.dart, deeper\n',
    'test/widget_test.dart': 'void main() {}\n',
  });
  const stack = readText(path.resolve(__dirname, '../../fixtures/stack/dart-flutter-assertion-user-fault.txt'))!;
  const parsed = parseStack(stack)!;
  const mapped = new FrameMapper(await buildWorkspaceIndex([ws]), {}).mapError(parsed);
  const app = mapped.frames.find((f) => f.inApp)!;
  assert.equal(app.file, 'package:hello_flutter/main.dart');
  assert.equal(app.location?.path, path.join(ws, 'lib/main.dart'), 'lib/main.dart, not lib/src/main.dart');
  assert.equal(mapped.frames.find((f) => f.file === 'package:flutter/src/widgets/text.dart')?.unmapped?.code, 'library');
});
