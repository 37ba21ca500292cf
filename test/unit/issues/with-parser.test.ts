// The engine fed by the real stack parser (src/core/stack), on traces as runtimes print them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStack } from '../../../src/core/stack';
import { IssueStore } from '../../../src/core/issues/store';
import { event, T0 } from '../../fixtures/engine/events';

const python = (row: number, line: number, key: string) => `Traceback (most recent call last):
  File "/app/importer/batch.py", line 41, in run_batch
    for row in rows: parse_row(row)
  File "/app/importer/rows.py", line ${line}, in parse_row
    customer = row["${key}"]
KeyError: '${key}'
`;

const java = (order: number, line: number) => `com.shop.PaymentFailedException: payment for order ${order} failed
\tat com.shop.payments.PaymentService.charge(PaymentService.java:${line})
\tat com.shop.web.CheckoutController.checkout(CheckoutController.java:77)
\tat java.base/java.lang.Thread.run(Thread.java:833)
Caused by: java.sql.SQLException: Connection to db-3.prod.internal:5432 refused after ${order % 900}ms
\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)
\tat com.shop.payments.PaymentRepository.save(PaymentRepository.java:${54 + (order % 3)})
\t... 3 more
`;

const node = (id: string, line: number) => `TypeError: Cannot read properties of undefined (reading 'amount')
    at computeTotal (/app/src/cart/total.js:${line}:17)
    at Array.map (<anonymous>)
    at checkout (/app/src/cart/checkout.js:88:23)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
`;

function ingest(store: IssueStore, service: string, stack: string, i: number): string {
  const e = event({ service, timestamp: T0 + i * 1000, error: { stack } });
  const parsed = parseStack(stack, { inAppRules: { inApp: ['/app/', 'com.shop'], notInApp: ['org.postgresql'] } });
  assert.ok(parsed, 'the parser understood the trace');
  return store.ingest(e, parsed);
}

test('parsed Python tracebacks with other line numbers are one issue; another key is the same issue', () => {
  const store = new IssueStore();
  const ids = new Set([0, 1, 2, 3].map((i) => ingest(store, 'nightly-import', python(i, 88 + i, 'customer_id'), i)));
  ids.add(ingest(store, 'nightly-import', python(9, 90, 'order_id'), 9));
  assert.equal(ids.size, 1);
  const [s] = store.list({ window: '1h', now: T0 + 60_000 });
  assert.equal(s.errorKind, 'KeyError');
  assert.equal(s.topFrame?.function, 'parse_row');
});

test('parsed Java chains group on the root cause and its in-app frame, across orders and lines', () => {
  const store = new IssueStore();
  const ids = new Set([1001, 2002, 3003].map((o, i) => ingest(store, 'checkout', java(o, 200 + i), i)));
  assert.equal(ids.size, 1);
  const d = store.get([...ids][0], { window: '1h', now: T0 + 60_000 })!;
  assert.ok(d.fingerprint.some((p) => p.includes('SQLException')), d.fingerprint.join(' / '));
  assert.ok(d.fingerprint.some((p) => p.includes('PaymentRepository')), d.fingerprint.join(' / '));
  assert.ok(!d.fingerprint.some((p) => /:\d{2,}/.test(p) && !p.includes('<')), 'no line numbers');
});

test('parsed Node traces: same function one issue, another service another issue', () => {
  const store = new IssueStore();
  const a = ingest(store, 'web', node('x', 12), 0);
  const b = ingest(store, 'web', node('y', 14), 1);
  const c = ingest(store, 'worker', node('x', 12), 2);
  assert.equal(a, b);
  assert.notEqual(a, c);
});
