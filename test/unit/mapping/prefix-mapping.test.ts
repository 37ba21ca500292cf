import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePrefixMappings } from '../../../src/core/mapping/prefix-mapping';
import { FrameMapper, WorkspaceIndex } from '../../../src/core/mapping';
import { frame } from './helpers';

test('${workspaceFolder} expands to every root, ${workspaceFolder:name} to the named one', () => {
  const rules = compilePrefixMappings(
    { '/app/': '${workspaceFolder}/', '/svc/': '${workspaceFolder:worker}/src/', '/x/': '${workspaceFolder:missing}/' },
    ['/mono/api', '/mono/worker'],
  );
  assert.deepEqual(
    rules.map((r) => [r.from, r.targets]),
    [
      ['/app/', ['/mono/api', '/mono/worker']],
      ['/svc/', ['/mono/worker/src']],
    ],
  );
});

test('a prefix without a trailing slash matches whole segments only', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/job.py');
  index.addFile('/ws/lication/job.py');
  const mapper = new FrameMapper(index, { prefixMappings: { '/app': '${workspaceFolder}' } });
  const [a, b] = mapper.mapFrames([frame('/app/job.py', 1, 'x', { inApp: false }), frame('/application/job.py', 1, 'x', { inApp: false })]);
  assert.equal(a.location?.path, '/ws/job.py');
  assert.equal(b.unmapped?.code, 'library');
});

test('Windows prefixes match either slash and any drive letter case', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/src/Job.cs');
  const mapper = new FrameMapper(index, { prefixMappings: { 'C:\\build\\': '${workspaceFolder}/' } });
  const [f] = mapper.mapFrames([frame('c:/build/src/Job.cs', 3, 'Run')]);
  assert.equal(f.location?.how, 'prefix-mapping');
});

test('when the mapped file is missing, the frame says which mapping gave which path', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/other.py');
  const mapper = new FrameMapper(index, { prefixMappings: { '/app/': '${workspaceFolder}/' } });
  const [f] = mapper.mapFrames([frame('/app/src/job.py', 1, 'run')]);
  assert.equal(f.unmapped?.code, 'no-file');
  assert.match(f.unmapped?.detail ?? '', /"\/app\/" → "\$\{workspaceFolder\}\/".*src\/job\.py/);
});
