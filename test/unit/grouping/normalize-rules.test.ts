import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORMALIZE_RULES, normalizeMessage, normalizeMessageDetailed } from '../../../src/core/grouping';

const cases: [rule: string, input: string, expected: string][] = [
  ['email', 'no account for jane.doe+test@example.co.uk', 'no account for <email>'],
  ['url', 'GET https://api.shop.io/v2/orders/8812?expand=items returned 503', 'GET <url> returned <num>'],
  ['hostname', 'cannot resolve db-3.prod.internal', 'cannot resolve <host>'],
  ['ip', 'connect ECONNREFUSED 10.0.3.17:5432', 'connect ECONNREFUSED <ip>'],
  ['ip', 'peer fe80::1ff:fe23:4567:890a went away', 'peer <ip> went away'],
  ['uuid', 'order 3f2a1b9c-1234-4abc-9def-001122334455 not found', 'order <uuid> not found'],
  ['hash', 'object 9fceb02d0ae598e95dc970b74767f19372d61af8 missing', 'object <hash> missing'],
  ['hash', 'checksum d41d8cd98f00b204e9800998ecf8427e mismatch', 'checksum <hash> mismatch'],
  ['hash', 'build 9fceb02 is broken', 'build <hash> is broken'],
  ['hex', 'segfault at 0x7ffd5fbff8a0', 'segfault at <hex>'],
  ['datetime', 'snapshot 2026-11-28T15:44:45.123Z is stale', 'snapshot <datetime> is stale'],
  ['date', 'cookie expired Sat, 28 Nov 2026 15:44:45 GMT', 'cookie expired <date>'],
  ['time', 'window closed at 23:59:59', 'window closed at <time>'],
  ['duration', 'timed out after 1500ms', 'timed out after <duration>'],
  ['duration', 'job ran 1h30m, limit 90 minutes', 'job ran <duration>, limit <duration>'],
  ['size', 'payload of 12.5MB exceeds 10 MB', 'payload of <size> exceeds <size>'],
  ['quoted', `KeyError: 'customer_id'`, 'KeyError: <quoted>'],
  ['quoted', 'column "amount" does not exist', 'column <quoted> does not exist'],
  ['key-value', 'bad request amount=12.50 currency=EUR', 'bad request amount=<val> currency=EUR'],
  ['key-value', 'retry token=ab12/cd==', 'retry token=<val>'],
  ['number', 'row 1042 of batch 7 failed', 'row <num> of batch <num> failed'],
  ['path', 'cannot open /var/lib/app/cache.db: permission denied', 'cannot open <path>: permission denied'],
  ['path', 'Deleting block file /mnt/hadoop/dfs/data/current/subdir5/blk_17', 'Deleting block file <path>'],
  ['identifier', 'queue jA9J1UvC004306: deferred', 'queue <id>: deferred'],
  ['identifier', 'attempt_201706092018_0024_m_000004_1026: Committed', '<id>: Committed'],
  ['date', 'connection at Fri Jul  1 07:57:30 2005 refused', 'connection at <date> <num> refused'],
];

for (const [rule, input, expected] of cases) {
  test(`rule "${rule}" masks ${JSON.stringify(input)}`, () => {
    const r = normalizeMessageDetailed(input);
    assert.equal(r.text, expected);
    assert.ok(r.rules.includes(rule), `expected ${rule} among ${r.rules.join(',')}`);
  });
}

test('rules are data with unique names, in a fixed order', () => {
  const names = NORMALIZE_RULES.map((r) => r.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.indexOf('email') < names.indexOf('hostname'), 'emails before their host part');
  assert.ok(names.indexOf('url') < names.indexOf('number'));
  assert.ok(names.indexOf('datetime') < names.indexOf('time'));
});

test('words that merely contain digits or look like apostrophes are kept', () => {
  assert.equal(normalizeMessage("can't open s3 bucket for utf8 export"), "can't open s3 bucket for utf8 export");
  assert.equal(normalizeMessage('java.lang.NullPointerException in worker-17'), 'java.lang.NullPointerException in worker-<num>');
  assert.equal(normalizeMessage('deadbeef facade'), 'deadbeef facade');
});

test('the same failure with different ids, amounts and times normalizes to one text', () => {
  const a = normalizeMessage('charge of 12.50 EUR for cus_88 (order 3f2a1b9c-1234-4abc-9def-001122334455) failed at 2026-11-28T10:00:00Z after 820ms');
  const b = normalizeMessage('charge of 7.00 EUR for cus_88 (order 00000000-1111-4222-8333-444444444444) failed at 2026-11-29T23:10:03Z after 12ms');
  assert.equal(a, b);
});

test('a quoted phrase is part of the message; a quoted value is masked', () => {
  assert.equal(normalizeMessage('request "GET /index.html HTTP/1.1" failed'), 'request "GET /index.html HTTP/<num>" failed');
  assert.equal(normalizeMessage(`no such key 'customer_id'`), 'no such key <quoted>');
});

test('whitespace is collapsed and very long messages are cut', () => {
  assert.equal(normalizeMessage('  too   many\n spaces '), 'too many spaces');
  assert.ok(normalizeMessage('x '.repeat(5000)).length < 2100);
});
