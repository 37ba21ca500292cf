// Every trace of the shared corpus parses to the right language, frame count and top frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, ParsedError } from '../../../src/core/model';
import { allFrames, detectLanguage, parseStack } from '../../../src/core/stack';

const ROOT = path.resolve(__dirname, '../../../../shared/fixtures/stacktraces');

interface Entry {
  file: string;
  language: string;
  exceptions: number;
  frames: number;
  top_frame: { file: string | null; line: number | null; function: string | null };
}

/**
 * The frame a human reads first in the printed text. For runtimes that print the innermost
 * exception's frames first (.NET inner exceptions, PHP `Next` blocks) that is the top frame of the
 * deepest exception with frames; otherwise the top frame of the outermost exception.
 */
function firstPrintedFrame(e: ParsedError): Frame | undefined {
  // Frames the parser put in for a header's throw site or `... N more` are not printed lines.
  const printed = (x: ParsedError) => x.frames.find((f) => f.synthetic === undefined);
  if (e.language === 'dotnet' || e.language === 'php') {
    let deepest: Frame | undefined;
    for (let x: ParsedError | undefined = e; x; x = x.cause) deepest = printed(x) ?? deepest;
    return deepest;
  }
  return printed(e);
}

function countExceptions(e: ParsedError): number {
  let n = 0;
  const walk = (x: ParsedError) => {
    n++;
    if (x.cause) walk(x.cause);
    for (const r of x.related ?? []) if (!r.message.startsWith('goroutine ') && r.message !== 'runtime stack') walk(r);
  };
  walk(e);
  return n;
}

if (!existsSync(path.join(ROOT, 'INDEX.json'))) {
  test('shared stack-trace corpus', (t) => {
    t.skip(`the shared fixtures are absent (${ROOT} not found); corpus checks skipped`);
  });
} else {
  const index = JSON.parse(readFileSync(path.join(ROOT, 'INDEX.json'), 'utf8')) as Entry[];
  for (const entry of index) {
    test(`${entry.file} parses to ${entry.language}, ${entry.frames} frames, top ${entry.top_frame.function}`, () => {
      const text = readFileSync(path.join(ROOT, entry.file), 'utf8');
      assert.equal(detectLanguage(text), entry.language, 'detected language');
      const parsed = parseStack(text);
      assert.ok(parsed, 'parsed');
      assert.equal(parsed.language, entry.language);
      assert.equal(allFrames(parsed).length, entry.frames, 'frame count over all exceptions and threads');
      assert.equal(countExceptions(parsed), entry.exceptions, 'exception count');
      const top = firstPrintedFrame(parsed);
      assert.ok(top, 'top frame');
      assert.equal(top.function, entry.top_frame.function ?? '', 'top function');
      assert.equal(top.file, entry.top_frame.file ?? '', 'top file');
      assert.equal(top.line, entry.top_frame.line ?? undefined, 'top line');
    });
  }
}
