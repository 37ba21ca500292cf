// Function names normalized for grouping: what changes between builds is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeFunctionName } from '../../../src/core/stack';

const cases: [Parameters<typeof normalizeFunctionName>[1], string, string][] = [
  ['go', '(*Client).Get', 'Client.Get'],
  ['go', 'net/http.(*Server).Serve', 'net/http.Server.Serve'],
  ['go', 'main.worker.func2.1', 'main.worker.func'],
  ['go', 'github.com/a/b.Map[...]', 'github.com/a/b.Map'],
  ['go', 'github.com/x/controllers.func·001', 'github.com/x/controllers.func'],
  ['java', 'com.acme.Main.lambda$main$0', 'com.acme.Main.lambda$main'],
  ['java', 'com.acme.Svc$$EnhancerBySpringCGLIB$$5f3e2a1b.run', 'com.acme.Svc$$EnhancerBySpringCGLIB.run'],
  ['java', 'com.sun.proxy.$Proxy12.invoke', 'com.sun.proxy.$Proxy.invoke'],
  ['java', 'com.acme.Main$$Lambda$14/0x0000000800066840.accept', 'com.acme.Main$$Lambda.accept'],
  ['java', 'sun.reflect.GeneratedMethodAccessor4.invoke', 'sun.reflect.GeneratedMethodAccessor.invoke'],
  ['java', 'com.acme.Job$$anonfun$run$3.apply', 'com.acme.Job$$anonfun$run.apply'],
  ['java', 'com.acme.Outer.access$000', 'com.acme.Outer.access$'],
  ['rust', 'shop::db::Pool::get::h0123456789abcdef', 'shop::db::Pool::get'],
  ['rust', 'std::panicking::begin_panic::{{closure}}', 'std::panicking::begin_panic::{{closure}}'],
  ['javascript', 'Object.<anonymous>', '<anonymous>'],
  ['javascript', '', '<anonymous>'],
  ['javascript', 'async fetchUser', 'fetchUser'],
  ['javascript', 'new Promise', 'Promise'],
  ['javascript', 'Server.wrappedEmit [as emit]', 'Server.wrappedEmit'],
  ['javascript', 'foo/<', 'foo'],
  ['dotnet', 'Shop.Client+<ChargeAsync>d__5.MoveNext', 'Shop.Client.ChargeAsync'],
  ['dotnet', 'Shop.Client.<ChargeAsync>d__5`1.MoveNext', 'Shop.Client.ChargeAsync'],
  ['dotnet', 'Shop.C.<>c__DisplayClass24_0.<Run>b__0', 'Shop.C.<>c__DisplayClass.<Run>b'],
  ['ruby', 'block (3 levels) in route!', 'block in route!'],
  ['ruby', '_app_views_users_show_html_erb__1234567_7890', '_app_views_users_show_html_erb'],
  ['python', '<module>', '<module>'],
];

for (const [language, input, expected] of cases) {
  test(`${language}: ${input || '(empty)'} normalizes to ${expected}`, () => {
    assert.equal(normalizeFunctionName(input, language), expected);
  });
}

test('normalization is idempotent', () => {
  for (const [language, input] of cases) {
    const once = normalizeFunctionName(input, language);
    assert.equal(normalizeFunctionName(once, language), once, `${language} ${input}`);
  }
});
