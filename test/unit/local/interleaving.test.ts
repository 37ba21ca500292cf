// Property: however JSON records, plain log lines, prints, blank lines and crash reports are
// interleaved in one file, every error record is found exactly once, no line is lost, and each
// trace stays whole (its frames are in its event, not in a neighbour's).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ErrorEvent } from '../../../src/core/model';
import { FileEventParser } from '../../../src/sources/local/file-events';
import { LineSplitter } from '../../../src/sources/local/read/line-splitter';

interface Block {
  lines: string[];
  /** Error events this block must give: a marker its event's message or stack holds. */
  errors: string[];
  /** text-error: an ERROR log line without a trace (a traceback after it is its own, as logger.exception prints); free: lines a log record takes as its body. */
  kind?: 'text-error' | 'free' | 'python';
}

const n = fc.integer({ min: 1, max: 999 });
const BLOCKS: fc.Arbitrary<Block>[] = [
  n.map((i) => ({ lines: [JSON.stringify({ level: 'error', time: '2026-11-28T10:00:00Z', msg: `json error ${i}` })], errors: [`json error ${i}`] })),
  n.map((i) => ({ lines: [JSON.stringify({ level: 'info', time: '2026-11-28T10:00:00Z', msg: `json info ${i}` })], errors: [] })),
  n.map((i) => ({ lines: [`2026-11-28 10:00:0${i % 10},123 ERROR [main] com.acme.Job: text error ${i}`], errors: [`text error ${i}`], kind: 'text-error' as const })),
  n.map((i) => ({ lines: [`2026-11-28 10:00:00,123 INFO [main] com.acme.Job: text info ${i}`], errors: [] })),
  n.map((i) => ({ lines: [`print ${i}`], errors: [], kind: 'free' as const })),
  fc.constant({ lines: ['', '=========='], errors: [], kind: 'free' as const }),
  n.map((i) => ({
    lines: ['Traceback (most recent call last):', '  File "/app/job.py", line 3, in run', `    load(${i})`, `KeyError: 'py${i}'`],
    errors: [`py${i}`],
    kind: 'python' as const,
  })),
  n.map((i) => ({
    lines: [`2026-11-28 10:00:00,123 ERROR [main] com.acme.Job: failed ${i}`, `java.lang.IllegalStateException: jv${i}`, '\tat com.acme.Job.run(Job.java:12)', 'Caused by: java.io.IOException: disk', '\tat com.acme.Io.write(Io.java:3)', '\t... 1 more'],
    errors: [`jv${i}`],
  })),
  n.map((i) => ({
    lines: [`panic: go${i}`, '', 'goroutine 1 [running]:', 'main.main()', '\t/app/main.go:12 +0x1d', 'exit status 2'],
    errors: [`go${i}`],
  })),
  n.map((i) => ({
    lines: ['/app/server.js:12', "  throw new Error('x');", '  ^', '', `Error: js${i}`, '    at handler (/app/server.js:12:9)', '', 'Node.js v20.20.2'],
    errors: [`js${i}`],
  })),
];

function scan(lines: string[]): { events: ErrorEvent[]; parser: FileEventParser } {
  const events: ErrorEvent[] = [];
  const parser = new FileEventParser('mixed.log', { fallbackTime: Date.UTC(2026, 10, 28) }, (e) => events.push(e));
  const splitter = new LineSplitter(parser);
  splitter.push(lines.map((l) => l + '\n').join(''));
  splitter.flush();
  parser.flush();
  return { events, parser };
}

test('any interleaving of JSON records, text records, prints and crash reports keeps every error, once', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(...BLOCKS), { maxLength: 40 }), (blocks) => {
      const lines = blocks.flatMap((b) => b.lines);
      const { events, parser } = scan(lines);
      const s = parser.stats;
      assert.equal(s.lines, lines.length);
      assert.equal(s.lines, s.records + s.joined + s.blank + s.malformed, 'every line accounted for');
      const expected = expectedEvents(blocks);
      assert.equal(events.length, expected.length, `errors: ${expected.join(', ')}`);
      expected.forEach((marker, i) => {
        const e = events[i];
        for (const part of marker.split('+')) assert.ok(`${e.message}\n${e.error.stack ?? ''}`.includes(part), `event ${i} is ${marker}: ${e.message}`);
        // A trace never takes its neighbour's lines: a Python event holds one traceback, and so on.
        assert.ok(!/Traceback[\s\S]*Traceback/.test(e.error.stack ?? ''), 'one traceback per event');
        assert.ok(!/print \d/.test(e.error.stack ?? ''), 'prints stay out of traces');
      });
    }),
    { numRuns: 300 },
  );
});

/** The events a person reads in the blocks: a traceback under an ERROR line (prints between them are that record's text) belongs to it. */
function expectedEvents(blocks: Block[]): string[] {
  const out: string[] = [];
  let openError = false;
  for (const b of blocks) {
    if (b.kind === 'python' && openError) {
      out[out.length - 1] += `+${b.errors[0]}`;
      openError = false;
      continue;
    }
    if (b.kind !== 'free') openError = b.kind === 'text-error';
    out.push(...b.errors);
  }
  return out;
}

