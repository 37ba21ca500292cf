// Whatever a log line says, mapping never lands outside the workspace folders.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FrameMapper, WorkspaceIndex } from '../../../src/core/mapping';
import { buildWorkspaceIndex } from '../../../src/sources/local/workspace-files';
import { frame, makeTree, readText, removeTree } from './helpers';

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('.. in a logged path never escapes, with or without a prefix mapping', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/etc/passwd');
  index.addFile('/ws/src/job.py');
  for (const prefixMappings of [{}, { '/app/': '${workspaceFolder}/' }] as Record<string, string>[]) {
    const mapper = new FrameMapper(index, { prefixMappings });
    const [etc, win, inner] = mapper.mapFrames([
      frame('/app/../../etc/passwd', 1, 'x'),
      frame('..\\..\\windows\\system32\\config', 1, 'x'),
      frame('/app/src/../../../ws/src/job.py', 1, 'x'),
    ]);
    assert.equal(etc.unmapped?.code, 'outside-workspace', JSON.stringify(prefixMappings));
    assert.equal(win.unmapped?.code, 'outside-workspace');
    assert.equal(inner.unmapped?.code, 'outside-workspace');
  }
});

test('a prefix mapping whose target lies outside every workspace folder maps nothing', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/job.py');
  const mapper = new FrameMapper(index, { prefixMappings: { '/app/': '/etc/' } });
  const [f] = mapper.mapFrames([frame('/app/passwd', 1, 'x', { inApp: false })]);
  assert.equal(f.unmapped?.code, 'outside-workspace');
});

test('NUL bytes, control characters and 10 KB paths are refused as having no usable path', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/job.py');
  const mapper = new FrameMapper(index, { prefixMappings: { '/app/': '${workspaceFolder}/' } });
  const mapped = mapper.mapFrames([
    frame('/app/job.py\u0000../../etc/passwd', 1, 'x'),
    frame('/app/job.py\r\n', 1, 'x'),
    frame(`/app/${'x'.repeat(10_240)}/job.py`, 1, 'x'),
    frame('', 1, 'x'),
  ]);
  assert.deepEqual(mapped.map((f) => f.unmapped?.code), ['no-path', 'no-path', 'no-path', 'no-path']);
});

test('absolute paths outside the workspace map by suffix onto workspace files only', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/src/job.py');
  const mapper = new FrameMapper(index, {});
  const [passwd, job] = mapper.mapFrames([frame('/etc/passwd', 1, 'x'), frame('/etc/src/job.py', 1, 'x')]);
  assert.equal(passwd.unmapped?.code, 'no-file');
  assert.equal(job.location?.path, '/ws/src/job.py');
});

test('the index ignores files outside its folders, including sibling folders sharing a name prefix', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws-evil/job.py');
  index.addFile('/etc/passwd');
  index.addFile('/ws/../etc/shadow');
  assert.equal(index.size, 0);
});

test('symlinks escaping the root are neither walked nor mapped, nor read for drift', async () => {
  const outside = makeTree({ 'passwd': 'root:x:0:0\n', 'secret.py': 'def leak():\n    pass\n' });
  const ws = makeTree({ 'src/job.py': 'def run():\n    pass\n' });
  roots.push(outside, ws);
  symlinkSync(outside, path.join(ws, 'etc'));
  symlinkSync(path.join(outside, 'secret.py'), path.join(ws, 'src', 'secret.py'));
  mkdirSync(path.join(ws, 'inner'));
  writeFileSync(path.join(ws, 'inner', 'real.py'), 'x = 1\n');
  symlinkSync(path.join(ws, 'inner', 'real.py'), path.join(ws, 'src', 'alias.py'));
  const index = await buildWorkspaceIndex([ws]);
  assert.equal(index.lookup(path.join(ws, 'etc/passwd')), undefined);
  assert.equal(index.lookup(path.join(ws, 'src/secret.py')), undefined);
  assert.ok(index.lookup(path.join(ws, 'src/alias.py')), 'a symlink to a file inside the folder is kept');
  const reads: string[] = [];
  const mapper = new FrameMapper(index, { prefixMappings: { '/app/': '${workspaceFolder}/' } }, (p) => {
    reads.push(p);
    return readText(p);
  });
  const [etc, secret] = mapper.mapFrames([frame('/app/etc/passwd', 1, 'x'), frame('/app/src/secret.py', 1, 'leak')]);
  assert.equal(etc.unmapped?.code, 'no-file');
  assert.equal(secret.unmapped?.code, 'no-file');
  assert.deepEqual(reads, []);
});
