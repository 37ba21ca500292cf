// Traces recorded from the real runtimes (test/fixtures/stack, provenance in PROVENANCE.md): the
// frame a person reading the trace would pick is the one grouping and the lenses use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame } from '../../../src/core/model';
import { allFrames, parseStack, topInAppFrame } from '../../../src/core/stack';
import { groupingFrame } from '../../../src/core/grouping';

const DIR = path.resolve(__dirname, '../../fixtures/stack');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');
const where = (f: Frame | undefined) => (f ? `${f.function} ${f.file}:${f.line ?? '?'}` : 'none');

for (const name of ['go-goroutine-dump-trimpath.txt', 'go-goroutine-dump.txt']) {
  test(`Go ${name}: the goroutine's own frame in a dotless module package is the top frame, never "created by"`, () => {
    const e = parseStack(read(name))!;
    assert.equal(e.language, 'go');
    assert.equal(e.kind, 'panic');
    assert.equal(e.message, 'runtime error: invalid memory address or nil pointer dereference');
    const file = name.includes('trimpath') ? 'panics/panics/panics.go' : '/tmp/gopanic/panics/panics.go';
    assert.equal(where(topInAppFrame(e)), `panics/panics.nilPtrDereference ${file}:7`);
    assert.equal(where(groupingFrame(e)?.frame), `panics/panics.nilPtrDereference ${file}:7`);
    const created = e.frames[e.frames.length - 1];
    assert.equal(created.function, 'main.main');
    assert.equal(created.createdBy, true);
    assert.equal(created.inApp, false, 'where the goroutine started is not where it failed');
    assert.equal(e.related?.length, 2, 'the other two goroutines');
    assert.equal(allFrames(e).find((f) => f.function === 'runtime.goexit')?.inApp, false);
  });
}

test('Go: a user rule that claims main.* still never makes "created by main.main" the top frame', () => {
  const e = parseStack(read('go-goroutine-dump-trimpath.txt'), { inAppRules: { inApp: ['main.'], notInApp: ['panics/panics'] } })!;
  assert.equal(e.frames.find((f) => f.createdBy)?.inApp, false);
  assert.equal(topInAppFrame(e), e.frames[0], 'no in-app frame left: the raw top frame');
});
