// In-app versus library frames: built-in rules per runtime, and user rules that override them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Language } from '../../../src/core/model';
import { isInApp, parseStack, topInAppFrame } from '../../../src/core/stack';

const frame = (file: string, fn = 'f', module?: string): Frame => ({ file, function: fn, module, inApp: false });

const library: [Language, Frame][] = [
  ['javascript', frame('/srv/app/node_modules/express/lib/router.js')],
  ['javascript', frame('node:internal/process/task_queues')],
  ['javascript', frame('internal/modules/cjs/loader.js')],
  ['javascript', frame('events.js')],
  ['python', frame('/venv/lib/python3.12/site-packages/django/core/handlers.py')],
  ['python', frame('/usr/lib/python3/dist-packages/apt/cache.py')],
  ['python', frame('/usr/lib/python3.11/asyncio/base_events.py')],
  ['python', frame('C:\\Python311\\Lib\\asyncio\\base_events.py')],
  ['go', frame('/usr/local/go/src/net/http/server.go', 'net/http.(*conn).serve')],
  ['go', frame('/home/u/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go', 'github.com/lib/pq.(*conn).recv')],
  ['go', frame('/src/app/main.go', 'runtime.main')],
  ['go', frame('/root/sdk/go1.21.5/src/encoding/json/decode.go', 'encoding/json.(*decodeState).object')],
  ['go', frame('net/http/server.go', 'net/http.(*conn).serve')],
  ['go', frame('/src/app/vendor/github.com/x/y/y.go', 'github.com/x/y.Do')],
  ['go', frame('internal/poll/fd_unix.go', 'internal/poll.(*FD).Read')],
  ['go', frame('runtime/asm_amd64.s', 'runtime.goexit')],
  ['ruby', frame('/usr/local/bundle/gems/rack-3.0.8/lib/rack/builder.rb')],
  ['ruby', frame('/usr/local/lib/ruby/3.2.0/net/http.rb')],
  ['php', frame('/var/www/vendor/laravel/framework/src/Illuminate/Routing/Router.php')],
  ['rust', frame('/home/u/.cargo/registry/src/index.crates.io-6f17/tokio-1.35.1/src/runtime.rs', 'tokio::runtime::block_on')],
  ['rust', frame('/rustc/90b35a6239c3d8bd/library/core/src/panicking.rs', 'core::panicking::panic_fmt')],
  ['rust', frame('', 'std::rt::lang_start')],
  ['java', frame('Thread.java', 'java.lang.Thread.run', 'java.lang.Thread')],
  ['java', frame('Method.java', 'jdk.internal.reflect.Method.invoke', 'jdk.internal.reflect.Method')],
  ['java', frame('Continuation.kt', 'kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith', 'kotlin.coroutines.jvm.internal.BaseContinuationImpl')],
  ['java', frame('List.scala', 'scala.collection.immutable.List.foreach', 'scala.collection.immutable.List')],
  ['java', frame('', 'javax.servlet.http.HttpServlet.service', 'javax.servlet.http.HttpServlet')],
  ['java', frame('', 'sun.reflect.NativeMethodAccessorImpl.invoke0', 'sun.reflect.NativeMethodAccessorImpl')],
  ['java', frame('Looper.java', 'android.os.Looper.loop', 'android.os.Looper')],
  ['dotnet', frame('', 'System.Threading.Tasks.Task.Wait')],
  ['dotnet', frame('', 'Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke')],
  ['elixir', frame('lib/enum.ex', 'Enum.map/2', 'elixir')],
];

for (const [language, f] of library) {
  test(`${language}: ${f.file || f.function} is a library frame`, () => {
    assert.equal(isInApp(f, language), false);
  });
}

const app: [Language, Frame][] = [
  ['javascript', frame('/srv/app/src/index.js')],
  ['javascript', frame('webpack:///./src/App.vue')],
  ['python', frame('/app/orders/views.py')],
  ['python', frame('C:\\Users\\dev\\shop\\orders\\views.py')],
  ['go', frame('/src/app/main.go', 'main.main')],
  ['go', frame('/home/u/shop/api/client.go', 'example.com/shop/api.(*Client).Get')],
  ['go', frame('/home/u/shop/internal/db/db.go', 'shop/internal/db.Open')],
  ['go', frame('example.com/shop/api/client.go', 'example.com/shop/api.(*Client).Get')],
  // -trimpath prints a dotless module's files like the standard library's: the package decides
  ['go', frame('panics/panics/panics.go', 'panics/panics.nilPtrDereference')],
  ['go', frame('shop/internal/db/db.go', 'shop/internal/db.Open')],
  ['go', frame('/home/u/go/src/myapp/handlers/orders.go', 'myapp/handlers.Place')],
  ['java', frame('OrderService.java', 'com.acme.OrderService.place', 'com.acme.OrderService')],
  ['dotnet', frame('/src/Shop/Orders.cs', 'Shop.Orders.Place')],
  ['ruby', frame('/app/app/models/order.rb')],
  ['php', frame('/var/www/src/Controller.php')],
  ['rust', frame('/home/dev/shop/src/db.rs', 'shop::db::Pool::get')],
  ['elixir', frame('lib/shop/cart.ex', 'Shop.Cart.add/2', 'shop')],
];

for (const [language, f] of app) {
  test(`${language}: ${f.file} is an in-app frame`, () => {
    assert.equal(isInApp(f, language), true);
  });
}

test('user notInApp rules (substrings or globs) mark in-app frames as library', () => {
  assert.equal(isInApp(frame('/app/generated/api.py'), 'python', { notInApp: ['/generated/'] }), false);
  assert.equal(isInApp(frame('/app/src/gen/client.ts'), 'javascript', { notInApp: ['**/gen/*.ts'] }), false);
  assert.equal(isInApp(frame('X.java', 'com.acme.gen.X.y', 'com.acme.gen.X'), 'java', { notInApp: ['com.acme.gen.'] }), false);
});

test('user inApp rules claim library frames back, and win over notInApp', () => {
  assert.equal(isInApp(frame('/app/vendor/acme/lib.php'), 'php', { inApp: ['vendor/acme/'] }), true);
  assert.equal(
    isInApp(frame('/app/node_modules/@acme/core/index.js'), 'javascript', { inApp: ['@acme/'], notInApp: ['node_modules'] }),
    true,
  );
  assert.equal(isInApp(frame('Svc.java', 'org.springframework.Svc.run', 'org.springframework.Svc'), 'java', { inApp: ['org.springframework.*'] }), true);
});

test('parseStack applies user rules to every frame of the chain', () => {
  const e = parseStack(
    'Error: x\n    at a (/srv/app/node_modules/@acme/core/a.js:1:1)\n    at b (/srv/app/src/b.js:1:1)',
    { inAppRules: { inApp: ['@acme/core'], notInApp: ['/src/b.js'] } },
  )!;
  assert.deepEqual(e.frames.map((f) => f.inApp), [true, false]);
});

test('topInAppFrame prefers the root cause in-app frame and falls back to the top frame', () => {
  const e = parseStack([
    'com.acme.ApiException: failed',
    '\tat com.acme.Api.call(Api.java:10)',
    'Caused by: java.net.ConnectException: refused',
    '\tat java.net.Socket.connect(Socket.java:1)',
    '\tat com.acme.Db.open(Db.java:5)',
  ].join('\n'))!;
  assert.equal(topInAppFrame(e)?.function, 'com.acme.Db.open');
  const lib = parseStack('java.lang.Error: x\n\tat java.lang.Thread.run(Thread.java:1)')!;
  assert.equal(topInAppFrame(lib)?.function, 'java.lang.Thread.run');
});
