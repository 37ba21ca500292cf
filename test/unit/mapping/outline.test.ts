// The outline finds the functions of realistic files in every supported language: each fixture
// marks the expected functions with <fn NAME> on the first line and </fn NAME> on the last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { enclosingFunction, findFunctions, type FunctionRange } from '../../../src/core/mapping';

const DIR = path.resolve(__dirname, '../../fixtures/mapping/outline');

function expected(text: string): FunctionRange[] {
  const starts = new Map<string, number>();
  const out: FunctionRange[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/<fn ([^>\s]+)>/g)) starts.set(m[1], i + 1);
    for (const m of line.matchAll(/<\/fn ([^>\s]+)>/g)) {
      out.push({ name: m[1], startLine: starts.get(m[1]) ?? -1, endLine: i + 1 });
      starts.delete(m[1]);
    }
  });
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

for (const file of readdirSync(DIR).filter((f) => f !== 'README.md')) {
  test(`outline of ${file} finds exactly the marked functions with their ranges`, () => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    const found = findFunctions(text, path.extname(file.replace(/\.txt$/, '')));
    assert.deepEqual(found, expected(text));
  });
}

test('enclosingFunction picks the innermost function holding the line', () => {
  const text = readFileSync(path.join(DIR, 'sample.py'), 'utf8');
  const fns = findFunctions(text, 'py');
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.equal(enclosingFunction(fns, lineOf('return fn(*args'))?.name, 'wrapper');
  assert.equal(enclosingFunction(fns, lineOf('return wrapper'))?.name, 'decorator');
  assert.equal(enclosingFunction(fns, lineOf('batch = 100')), undefined);
});

test('Python functions start on the def line, below their decorators', () => {
  const text = '@app.route("/")\n@login_required\ndef index():\n    return "ok"\n';
  assert.deepEqual(findFunctions(text, 'py'), [{ name: 'index', startLine: 3, endLine: 4 }]);
});

test('CRLF line endings and a leading dot in the extension are accepted; unknown languages give nothing', () => {
  assert.deepEqual(findFunctions('function a() {\r\n  return 1;\r\n}\r\n', '.JS'), [{ name: 'a', startLine: 1, endLine: 3 }]);
  assert.deepEqual(findFunctions('whatever', 'txt'), []);
});

test('unterminated code does not throw and ends functions at the end of the file', () => {
  assert.deepEqual(findFunctions('function a() {\n  if (x) {\n', 'ts'), [{ name: 'a', startLine: 1, endLine: 2 }]);
  assert.deepEqual(findFunctions('const s = `abc ${', 'ts'), []);
  assert.deepEqual(findFunctions('def f(:\n', 'py').length, 1);
});
