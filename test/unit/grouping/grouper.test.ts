import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUPING_STRATEGY_VERSION, Grouper } from '../../../src/core/grouping';
import type { ParsedError } from '../../../src/core/model';
import { event, frame, javaPaymentChain, libraryOnly, nodeTypeError, pythonKeyError, T0 } from '../../fixtures/engine/events';

test('the strategy version is a positive integer', () => {
  assert.ok(Number.isInteger(GROUPING_STRATEGY_VERSION) && GROUPING_STRATEGY_VERSION > 0);
});

test('the same failure with other ids, amounts, timestamps and line numbers is one issue', () => {
  const g = new Grouper();
  const ids = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const parsed = javaPaymentChain(10_000 + i * 37, 200 + i);
    const fp = g.fingerprint(event({ service: 'checkout', timestamp: T0 + i * 1000, message: `order ${i} failed` }), parsed);
    ids.add(fp.id);
  }
  assert.equal(ids.size, 1);
});

test('fingerprints never contain line or column numbers', () => {
  const g = new Grouper();
  const a = g.fingerprint(event(), pythonKeyError('customer_id', 88));
  const b = g.fingerprint(event(), pythonKeyError('customer_id', 140));
  assert.equal(a.id, b.id);
  assert.ok(!a.parts.some((p) => p.includes('88')), a.parts.join(' / '));
  const c = g.fingerprint(event(), nodeTypeError('3f2a1b9c', 10_231));
  const d = g.fingerprint(event(), nodeTypeError('77e0c1aa', 9_876));
  assert.equal(c.id, d.id, 'bundle hash and column do not split the issue');
});

test('different functions, kinds or services are separate issues', () => {
  const g = new Grouper();
  const base = pythonKeyError('customer_id');
  const otherFunction: ParsedError = { ...base, frames: [frame('/app/importer/rows.py', 'parse_header', 12), ...base.frames.slice(1)] };
  const otherKind: ParsedError = { ...base, kind: 'IndexError' };
  const ids = [
    g.fingerprint(event(), base).id,
    g.fingerprint(event(), otherFunction).id,
    g.fingerprint(event(), otherKind).id,
    g.fingerprint(event({ service: 'billing-export' }), base).id,
  ];
  assert.equal(new Set(ids).size, 4);
});

test('the top-most in-app frame is used, not the library frame above it', () => {
  const g = new Grouper();
  const parsed: ParsedError = {
    kind: 'ValueError',
    message: 'invalid literal for int() with base 10: "12a"',
    language: 'python',
    frames: [
      frame('/venv/lib/python3.11/site-packages/pydantic/main.py', 'validate', 341, false),
      frame('/app/importer/rows.py', 'parse_amount', 31),
    ],
  };
  const fp = g.fingerprint(event(), parsed);
  assert.ok(fp.parts.includes('frame:/app/importer/rows.py|parse_amount'), fp.parts.join(' / '));
  assert.ok(fp.why.some((w) => w.includes('top-most in-app frame')));
});

test('with no in-app frame the top frame of the stack is used', () => {
  const g = new Grouper();
  const fp = g.fingerprint(event(), libraryOnly(1134));
  assert.ok(fp.parts.includes('frame:/usr/lib/python3.11/ssl.py|recv_into'), fp.parts.join(' / '));
  assert.ok(fp.why.some((w) => w.includes('no in-app frame')));
  assert.equal(fp.id, g.fingerprint(event(), libraryOnly(1200)).id);
});

test('chained exceptions group on the root cause kind, message and in-app frame, plus the outer kind', () => {
  const g = new Grouper();
  const fp = g.fingerprint(event({ service: 'checkout' }), javaPaymentChain(4411));
  assert.ok(fp.parts.includes('kind:com.shop.PaymentFailedException>java.sql.SQLException'), fp.parts.join(' / '));
  assert.ok(fp.parts.some((p) => p.startsWith('frame:PaymentRepository.java|com.shop.payments.PaymentRepository.save')), fp.parts.join(' / '));
  assert.equal(fp.messageTemplate, 'Connection to <host> refused after <duration>');
  // The same root cause wrapped on another path is another issue.
  const other = g.fingerprint(event({ service: 'checkout' }), javaPaymentChain(4411, 212, 'com.shop.ReportFailedException'));
  assert.notEqual(other.id, fp.id);
});

test('a string error.fingerprint wins over stack and message, scoped to the service', () => {
  const g = new Grouper();
  const a = g.fingerprint(event({ error: { fingerprint: 'import-timeouts' } }), pythonKeyError('x'));
  const b = g.fingerprint(event({ error: { fingerprint: 'import-timeouts' }, message: 'something else' }), libraryOnly(3));
  const c = g.fingerprint(event({ service: 'other', error: { fingerprint: 'import-timeouts' } }), pythonKeyError('x'));
  assert.equal(a.id, b.id);
  assert.notEqual(a.id, c.id);
  assert.deepEqual(a.parts, ['service:nightly-import', 'fingerprint:import-timeouts']);
  assert.match(a.why[0], /error\.fingerprint/);
});

test('a non-string error.fingerprint is ignored and said so', () => {
  const g = new Grouper();
  const e = event({ error: { fingerprint: 42 as unknown as string } });
  const fp = g.fingerprint(e, pythonKeyError('x'));
  assert.ok(fp.parts.some((p) => p.startsWith('frame:')));
  assert.ok(fp.why.some((w) => w.includes('ignored')));
});

test('stack-less errors group by mined template', () => {
  const g = new Grouper();
  const f = (msg: string) => g.fingerprint(event({ message: msg, error: { kind: 'RateLimitError', message: msg } }), undefined);
  const a = f('rate limit exceeded for account 8812 (retry in 30s)');
  const b = f('rate limit exceeded for account 17 (retry in 5s)');
  assert.equal(a.id, b.id);
  const c = g.fingerprint(event({ message: 'permission denied on bucket exports' }), undefined);
  const d = g.fingerprint(event({ message: 'object not found in bucket exports' }), undefined);
  assert.notEqual(c.id, d.id);
  assert.ok(a.why.some((w) => w.includes('no stack')));
});

test('ids are stable across Grouper instances (runs and machines)', () => {
  const a = new Grouper().fingerprint(event({ service: 'checkout' }), javaPaymentChain(1));
  const b = new Grouper().fingerprint(event({ service: 'checkout' }), javaPaymentChain(99));
  assert.equal(a.id, b.id);
  assert.match(a.id, /^[0-9a-f]{16}$/);
});

test('why names every component that contributed', () => {
  const fp = new Grouper().fingerprint(event(), pythonKeyError('customer_id'));
  const text = fp.why.join('\n');
  for (const word of ['service:', 'kind:', 'frame:', 'message:', 'quoted']) assert.ok(text.includes(word), `${word} in ${text}`);
});
