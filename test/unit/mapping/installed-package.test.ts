// The user's own package installed in a container's site-packages is the user's code when the
// workspace holds it uniquely: it maps onto the workspace file and counts as in-app for grouping.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FrameMapper, installedSourceIn, workspaceOwnsInstalled } from '../../../src/core/mapping';
import { parseStack } from '../../../src/core/stack';
import { groupingFrame } from '../../../src/core/grouping';
import { StackParseCache } from '../../../src/sources/local/stack-cache';
import { buildWorkspaceIndex } from '../../../src/sources/local/workspace-files';
import { makeTree, removeTree } from './helpers';

const roots: string[] = [];
after(() => roots.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

// Written for this test, in the shape CPython prints: a job installed with `pip install .` into
// the image, calling requests, failing in its own code.
const TRACE = `Traceback (most recent call last):
  File "/usr/local/lib/python3.11/site-packages/celery/app/trace.py", line 451, in trace_task
    R = retval = fun(*args, **kwargs)
  File "/usr/local/lib/python3.11/site-packages/enrich/job.py", line 3, in run
    return enrich(fetch(order_id))
  File "/usr/local/lib/python3.11/site-packages/enrich/transform.py", line 2, in enrich
    return row["customer"]
KeyError: 'customer'
`;

const WORKSPACE = {
  'pyproject.toml': '[project]\nname = "enrich"\n',
  'src/enrich/__init__.py': '',
  'src/enrich/job.py': 'from .transform import enrich\ndef run(order_id):\n    return enrich(fetch(order_id))\n',
  'src/enrich/transform.py': 'def enrich(row):\n    return row["customer"]\n',
  'six.py': '# a vendored single-file module\n',
};

test('a frame of the installed package maps onto src/<pkg> and is in-app; real dependencies stay library', async () => {
  const ws = tree(WORKSPACE);
  const index = await buildWorkspaceIndex([ws]);
  const parsed = parseStack(TRACE)!;
  const mapped = new FrameMapper(index, {}).mapError(parsed);
  const [transform, job, celery] = mapped.frames;
  assert.equal(job.location?.path, path.join(ws, 'src/enrich/job.py'));
  assert.equal(job.location?.line, 3);
  assert.equal(job.inApp, true);
  assert.equal(transform.location?.path, path.join(ws, 'src/enrich/transform.py'));
  assert.equal(celery.location, undefined);
  assert.equal(celery.unmapped?.code, 'library');
  assert.equal(celery.inApp, false);
});

test('with the workspace known at parse time, grouping takes the installed package\'s frame', async () => {
  const ws = tree(WORKSPACE);
  const index = await buildWorkspaceIndex([ws]);
  const without = parseStack(TRACE)!;
  assert.equal(groupingFrame(without)?.how, 'top-frame', 'every frame is under site-packages: no in-app frame');
  const parsed = parseStack(TRACE, { inAppRules: { workspaceOwns: workspaceOwnsInstalled(index) } })!;
  assert.deepEqual(parsed.frames.map((f) => f.inApp), [true, true, false]);
  const g = groupingFrame(parsed)!;
  assert.equal(g.how, 'in-app');
  assert.equal(g.frame.file, '/usr/local/lib/python3.11/site-packages/enrich/transform.py');
});

test('user notInApp patterns still win over the workspace claim', async () => {
  const index = await buildWorkspaceIndex([tree(WORKSPACE)]);
  const parsed = parseStack(TRACE, { inAppRules: { notInApp: ['enrich/transform.py'], workspaceOwns: workspaceOwnsInstalled(index) } })!;
  assert.deepEqual(parsed.frames.map((f) => f.inApp), [false, true, false]);
});

test('no claim when two workspace files share the installed tail, or for a single-file module', async () => {
  const ws = tree({ ...WORKSPACE, 'legacy/enrich/job.py': 'def run(): pass\n' });
  const index = await buildWorkspaceIndex([ws]);
  assert.equal(installedSourceIn(index, '/usr/local/lib/python3.11/site-packages/enrich/job.py'), undefined, 'ambiguous');
  assert.ok(installedSourceIn(index, '/usr/local/lib/python3.11/site-packages/enrich/transform.py'), 'still unique');
  assert.equal(installedSourceIn(index, '/usr/local/lib/python3.11/site-packages/six.py'), undefined, 'no package directory');
  assert.equal(installedSourceIn(index, '/app/enrich/job.py'), undefined, 'not an installed path');
  const [job] = new FrameMapper(index, {}).mapFrames([{ file: '/usr/local/lib/python3.11/site-packages/enrich/job.py', line: 3, function: 'run', inApp: false }]);
  assert.equal(job.unmapped?.code, 'library');
});

test('the stack cache forgets its parses when the workspace claim arrives', async () => {
  const index = await buildWorkspaceIndex([tree(WORKSPACE)]);
  const cache = new StackParseCache();
  assert.equal(cache.parse(TRACE, undefined, undefined)?.frames[0].inApp, false);
  cache.setWorkspaceOwnership(workspaceOwnsInstalled(index));
  assert.equal(cache.parse(TRACE, undefined, undefined)?.frames[0].inApp, true);
});
