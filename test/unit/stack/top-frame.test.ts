// The top frame an issue shows (tree, lens, page header) and groups by is the innermost in-app
// frame, searched from the root cause outward; the issue page still lists every frame as printed.
// Fed through the same path as the local source: EventIngestor (stack cache) -> IssueStore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, ParsedError } from '../../../src/core/model';
import { IssueStore } from '../../../src/core/issues/store';
import { EventIngestor } from '../../../src/sources/local/ingest';
import { framesFromStack } from '../../../src/sources/datadog/to-summary';
import { parseStack } from '../../../src/core/stack';
import { event, T0 } from '../../fixtures/engine/events';

const DIR = path.resolve(__dirname, '../../fixtures/stack');
const where = (f: Frame | undefined) => (f ? `${f.function} ${f.file}:${f.line ?? '?'}` : 'none');

const CASES: [file: string, top: string, rawInnermost: string][] = [
  ['php-gae-closure-call-user-func-array.txt',
    'ErrorEntryGenerator::{closure} /base/data/home/apps/s~crash-example-php/1.388306779641080894/errors.php:60',
    'ErrorEntryGenerator::{closure} :?'],
  ['go-signal-created-by-main.txt', 'panics.nilPtrDereference panics/panics.go:33', 'panics.nilPtrDereference panics/panics.go:33'],
  ['java-caused-by-more-suppressed.txt', 'com.acme.orders.Checkout.parseQuantity Checkout.java:17',
    'com.acme.orders.Checkout.place Checkout.java:38'],
  ['dart-range-error-core-patch.txt', 'main.<anonymous closure> file:///path/to/code/dartFile.dart:31',
    'List.[] dart:core-patch/growable_array.dart:151'],
];

function printedFrames(e: ParsedError): string[] {
  const out: string[] = [];
  for (let x: ParsedError | undefined = e; x; x = x.cause) for (const f of x.frames) if (!f.synthetic) out.push(where(f));
  return out;
}

for (const [file, top, raw] of CASES) {
  test(`${file}: the issue's top frame is ${top.split(' ')[0]}; the page keeps ${raw.split(' ')[0]}`, () => {
    const stack = readFileSync(path.join(DIR, file), 'utf8');
    const store = new IssueStore();
    const ingestor = new EventIngestor(store);
    const id = ingestor.ingest(event({ service: 'shop', timestamp: T0, message: stack.split('\n')[0], error: { stack } }));
    const [summary] = store.list({ window: '1h', now: T0 + 60_000 });
    assert.equal(summary.id, id);
    assert.equal(where(summary.topFrame), top, 'shown in the tree and the lens');
    assert.ok(store.explain(id)?.some((line) => line.includes(top.split(' ')[0])), 'and named in why it was grouped');
    const details = store.get(id, { window: '1h', now: T0 + 60_000 })!;
    assert.equal(printedFrames(details.error!)[0], raw, 'the raw innermost frame stays on the page');
  });
}

test('Datadog issues without a frame of their own take it from the root cause outward too', () => {
  // The root cause shows only library frames: the wrapper's in-app frame is the one a person picks.
  const parsed = parseStack([
    'com.shop.CheckoutFailed: checkout failed',
    '\tat com.shop.web.Checkout.submit(Checkout.java:41)',
    'Caused by: java.net.ConnectException: refused',
    '\tat java.base/java.net.Socket.connect(Socket.java:633)',
  ].join('\n'))!;
  const record = { id: 'x', errorType: '', errorMessage: '', filePath: '', functionName: '', service: 's', state: 'OPEN', languages: [] };
  assert.equal(where(framesFromStack(record, parsed).topFrame), 'com.shop.web.Checkout.submit Checkout.java:41');
});
