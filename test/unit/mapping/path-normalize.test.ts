import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeFsPath, normalizeLoggedPath } from '../../../src/core/mapping/path-normalize';

function segs(raw: string): string[] | string {
  const r = normalizeLoggedPath(raw);
  return r.ok ? r.value.segments : r.code;
}

test('webpack URLs become paths relative to the build context', () => {
  assert.deepEqual(segs('webpack:///./src/api.ts'), ['src', 'api.ts']);
  assert.deepEqual(segs('webpack://my-app/./src/api.ts?abcd'), ['src', 'api.ts']);
  assert.deepEqual(segs('webpack:///src/api.ts'), ['src', 'api.ts']);
  const r = normalizeLoggedPath('webpack:///./src/api.ts');
  assert.ok(r.ok && !r.value.absolute, 'webpack paths are relative, matched by suffix');
});

test('file URLs are decoded and Windows drive letters recognised', () => {
  assert.deepEqual(segs('file:///home/me/my%20app/a.js'), ['home', 'me', 'my app', 'a.js']);
  const win = normalizeLoggedPath('file:///C:/work/app/a.js');
  assert.ok(win.ok && win.value.drive === 'c:' && win.value.absolute);
  assert.deepEqual(segs('C:\\work\\app\\src\\job.cs'), ['work', 'app', 'src', 'job.cs']);
});

test('query strings and hashes are stripped from URLs and from ?-suffixed paths', () => {
  assert.deepEqual(segs('http://localhost:3000/static/js/main.js?v=3#x'), ['static', 'js', 'main.js']);
  assert.deepEqual(segs('/app/dist/main.js?7f3a'), ['app', 'dist', 'main.js']);
});

test('dot segments resolve, and a path climbing above its root is refused', () => {
  assert.deepEqual(segs('/app/src/../lib/./x.py'), ['app', 'lib', 'x.py']);
  assert.equal(segs('/app/../../etc/passwd'), 'outside-workspace');
  assert.equal(segs('..\\..\\windows\\system32\\drivers\\etc\\hosts'), 'outside-workspace');
});

test('empty, NUL-bearing and oversized paths have no usable path', () => {
  assert.equal(segs(''), 'no-path');
  assert.equal(segs('/app/src/a.py\u0000.png'), 'no-path');
  assert.equal(segs(`/app/${'a/'.repeat(5000)}x.py`), 'no-path');
});

test('workspace folder paths normalise to forward slashes without trailing separators', () => {
  assert.equal(normalizeFsPath('C:\\work\\ws\\'), 'C:/work/ws');
  assert.equal(normalizeFsPath('/home/me/ws/'), '/home/me/ws');
  assert.equal(normalizeFsPath('/'), '/');
});
