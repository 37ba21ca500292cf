// The repository's own real traces (test/fixtures/stack, see PROVENANCE.md) for forms the shared corpus lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allFrames, parseStack, rootCause, topInAppFrame } from '../../../src/core/stack';

const DIR = path.resolve(__dirname, '../../fixtures/stack');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

test('a nested Python exception group keeps the group as the error and its members as related errors', () => {
  const e = parseStack(read('python-exception-group-nested.txt'))!;
  assert.equal(e.language, 'python');
  assert.equal(e.kind, 'ExceptionGroup');
  assert.equal(e.message, 'group_2 (2 sub-exceptions)');
  assert.deepEqual(e.frames.map((f) => f.line), [33, 40], 'innermost first');
  assert.equal(e.related?.length, 2);
  const first = e.related![0];
  assert.equal(first.kind, 'ValueError');
  assert.equal(first.message, '-100');
  assert.equal(first.cause?.kind, 'ExceptionGroup', '"During handling" inside a member links to the nested group');
  assert.deepEqual(first.cause?.related?.map((r) => r.kind), ['ZeroDivisionError', 'ValueError']);
  assert.equal(e.related![1].related?.[0].frames[0].function, 'divide_by_zero');
  assert.equal(allFrames(e).length, 2 + 2 + 1 + 2 + 2 + 1 + 2 + 2);
});

test('a Python chain that ends in an exception group links cause and context before the group', () => {
  const e = parseStack(read('python-exception-group-cause-context.txt'))!;
  assert.equal(e.kind, 'ExceptionGroup');
  assert.equal(e.cause?.kind, 'ValueError');
  assert.equal(e.cause?.message, 'Error');
  assert.equal(rootCause(e).kind, 'ZeroDivisionError');
  assert.deepEqual(e.related?.map((r) => `${r.kind}: ${r.message} <- ${r.cause?.kind}`), [
    'ValueError: ContextError <- ZeroDivisionError',
    'ValueError: CauseError <- ZeroDivisionError',
  ]);
  assert.equal(topInAppFrame(e)?.function, 'a');
});

test('pkg/errors %+v with WithStack yields the wrapper stack with the original as its cause', () => {
  const e = parseStack(read('go-pkg-errors-withstack.txt'))!;
  assert.equal(e.language, 'go');
  assert.equal(e.message, 'whoops');
  assert.equal(e.frames.length, 7);
  assert.equal(e.frames[0].line, 56);
  assert.equal(e.cause?.frames[0].line, 55);
  assert.equal(e.cause?.frames[0].function, 'github.com/pkg/errors_test.ExampleWithStack_printf');
  assert.equal(e.frames.find((f) => f.function === 'testing.runExample')?.inApp, false);
  assert.equal(e.frames.find((f) => f.function === 'runtime.goexit')?.inApp, false);
});

test('a Node ESM stack keeps file:// URLs and marks internal/ modules as library frames', () => {
  const e = parseStack(read('node-esm-file-url.txt'))!;
  assert.equal(e.language, 'javascript');
  assert.equal(e.kind, 'Error');
  assert.equal(e.frames[0].file, 'file:///Users/balupton/Projects/active/get-current-line/asd.js');
  assert.equal(e.frames[0].line, 1);
  assert.equal(e.frames[0].column, 13);
  assert.equal(e.frames[0].inApp, true);
  assert.equal(e.frames[0].anonymous, true);
  assert.deepEqual(e.frames.slice(1).map((f) => [f.function, f.inApp]), [
    ['ModuleJob.run', false],
    ['Loader.import', false],
    ['Object.loadESM', false],
  ]);
});

test('a Kotlin trace parses as JVM with the MainKt facade class as module', () => {
  const e = parseStack(read('kotlin-main-thread.txt'))!;
  assert.equal(e.language, 'java');
  assert.equal(e.kind, 'java.lang.Exception');
  assert.equal(e.message, 'This is an exception!');
  assert.deepEqual(e.frames.map((f) => [f.function, f.module, f.file, f.line]), [
    ['MainKt.main', 'MainKt', 'Main.kt', 3],
    ['MainKt.main', 'MainKt', 'Main.kt', undefined],
  ]);
});
