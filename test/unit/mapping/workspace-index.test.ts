import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../../src/core/mapping';

test('files are added once, removed, and counted', () => {
  const index = new WorkspaceIndex(['/ws']);
  index.addFile('/ws/src/a.ts');
  index.addFile('/ws/src/a.ts');
  index.addFile('/ws/lib/a.ts');
  assert.equal(index.size, 2);
  assert.equal(index.withBasename('a.ts').length, 2);
  index.removeFile('/ws/src/a.ts');
  index.removeFile('/ws/src/never.ts');
  assert.equal(index.size, 1);
  assert.deepEqual(index.withBasename('a.ts').map((f) => f.segments), [['lib', 'a.ts']]);
  index.removeFile('/ws/lib/a.ts');
  assert.equal(index.withBasename('a.ts').length, 0);
});

test('nested workspace folders: a file belongs to the innermost folder', () => {
  const index = new WorkspaceIndex(['/mono', '/mono/services/api']);
  index.addFile('/mono/services/api/src/a.ts');
  index.addFile('/mono/README.md');
  const [a] = index.withBasename('a.ts');
  assert.equal(a.folder, 1);
  assert.equal(index.pathOf(a), '/mono/services/api/src/a.ts');
});

test('Windows folders keep their separator style and match either slash and any drive case', () => {
  const index = new WorkspaceIndex(['C:\\work\\app\\']);
  index.addFile('c:/work/app/src/Job.cs');
  const [f] = index.withBasename('Job.cs');
  assert.equal(index.pathOf(f), 'C:\\work\\app\\src\\Job.cs');
  assert.ok(index.lookup('C:\\work\\app\\src\\Job.cs'));
});

test('removeTree drops every file below a deleted directory', () => {
  const index = new WorkspaceIndex(['/ws']);
  for (const f of ['/ws/a/x.ts', '/ws/a/b/y.ts', '/ws/ab/z.ts']) index.addFile(f);
  index.removeTree('/ws/a');
  assert.deepEqual([...index.files()].map((f) => f.segments.join('/')), ['ab/z.ts']);
});

test('longest-suffix lookups agree with a brute-force scan, for small and large basename buckets', () => {
  const dirs = ['src', 'lib', 'app', 'a', 'b', 'a-b', 'a.b', 'a0', 'pkg'];
  const rel = fc.array(fc.constantFrom(...dirs), { minLength: 0, maxLength: 4 });
  fc.assert(
    fc.property(fc.array(rel, { minLength: 1, maxLength: 60 }), rel, (files, logged) => {
      const index = new WorkspaceIndex(['/ws']);
      for (const dirsOf of files) index.addFile(`/ws/${[...dirsOf, 'index.ts'].join('/')}`);
      const query = ['app', ...logged, 'index.ts'];
      const got = index.longestSuffix(query, 1, Infinity);
      let best = 0;
      const keys = new Set<string>();
      for (const f of index.files()) {
        let k = 0;
        while (k < f.segments.length && k < query.length && f.segments[f.segments.length - 1 - k] === query[query.length - 1 - k]) k++;
        if (k > best) {
          best = k;
          keys.clear();
        }
        if (k === best) keys.add(f.segments.join('/'));
      }
      assert.equal(got.matched, best);
      assert.equal(got.total, keys.size);
      assert.deepEqual(new Set(got.files.map((f) => f.segments.join('/'))), keys);
    }),
    { numRuns: 300 },
  );
});
