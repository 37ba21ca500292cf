// Every form named in issue 3, one behaviour per test. The snippets are short traces written for
// these tests in each runtime's documented format (real published traces live in the shared
// corpus and in test/fixtures/stack).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allFrames, detectLanguage, parseStack, rootCause, topInAppFrame } from '../../../src/core/stack';

const lines = (...l: string[]) => l.join('\n');

// ---------------------------------------------------------------- JavaScript
test('V8: async, new, eval, <anonymous>, node:internal and webpack frames', () => {
  const e = parseStack(lines(
    'TypeError: Cannot read properties of undefined (reading \'id\')',
    '    at Object.<anonymous> (/srv/app/src/index.js:10:5)',
    '    at new UserService (/srv/app/src/user.js:4:11)',
    '    at async loadUser (/srv/app/src/user.js:20:3)',
    '    at eval (eval at run (/srv/app/src/dyn.js:3:9), <anonymous>:1:1)',
    '    at Array.map (<anonymous>)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at webpack:///./src/app.ts?:12:7',
    '    at Module._compile (node:internal/modules/cjs/loader:1105:14)',
  ))!;
  assert.equal(e.language, 'javascript');
  assert.equal(e.kind, 'TypeError');
  assert.equal(e.message, "Cannot read properties of undefined (reading 'id')");
  const [anon, ctor, asyncF, evalF, native, internal, webpack] = e.frames;
  assert.equal(anon.normalizedFunction, '<anonymous>');
  assert.equal(anon.anonymous, true);
  assert.equal(ctor.function, 'new UserService');
  assert.equal(ctor.normalizedFunction, 'UserService');
  assert.equal(asyncF.function, 'loadUser');
  assert.equal(evalF.eval, true);
  assert.equal(evalF.file, '<anonymous>');
  assert.equal(native.file, '<anonymous>');
  assert.equal(native.inApp, false);
  assert.equal(internal.file, 'node:internal/process/task_queues');
  assert.equal(internal.inApp, false);
  assert.equal(webpack.file, 'webpack:///./src/app.ts?');
  assert.equal(webpack.line, 12);
  assert.equal(webpack.inApp, true);
});

test('V8: node_modules frames are library frames, aliases are dropped from the normalized name', () => {
  const e = parseStack(lines(
    'Error: boom',
    '    at Server.wrappedEmit [as emit] (/srv/app/node_modules/acme/http.js:486:28)',
    '    at handler (/srv/app/routes.js:3:9)',
  ))!;
  assert.equal(e.frames[0].inApp, false);
  assert.equal(e.frames[0].normalizedFunction, 'Server.wrappedEmit');
  assert.equal(e.frames[1].inApp, true);
});

test('Node coded errors keep their code in the kind; browser "Uncaught" prefixes are dropped', () => {
  const coded = parseStack('Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client\n    at ServerResponse.setHeader (node:_http_outgoing:652:11)')!;
  assert.equal(coded.kind, 'Error [ERR_HTTP_HEADERS_SENT]');
  assert.equal(coded.message, 'Cannot set headers after they are sent to the client');
  const uncaught = parseStack('Uncaught TypeError: a is undefined\n    at f (https://x.test/app.js:1:2)')!;
  assert.equal(uncaught.kind, 'TypeError');
  assert.equal(uncaught.message, 'a is undefined');
});

test('Node error.cause printed by util.inspect becomes the cause', () => {
  const e = parseStack(lines(
    'Error: request failed',
    '    at fetchUser (/srv/app/api.js:9:11)',
    '  [cause]: Error: connect ECONNREFUSED 127.0.0.1:5432',
    '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  ))!;
  assert.equal(e.message, 'request failed');
  assert.equal(e.cause?.message, 'connect ECONNREFUSED 127.0.0.1:5432');
  assert.equal(e.cause?.frames[0].file, 'node:net');
  assert.equal(e.cause?.frames[0].inApp, false);
});

test('Firefox and Safari frames parse, with [native code] marked native', () => {
  const e = parseStack(lines(
    'handleClick@https://example.test/static/app.js:120:15',
    'forEach@[native code]',
    '@https://example.test/static/app.js:3:1',
  ))!;
  assert.equal(e.language, 'javascript');
  assert.equal(e.frames.length, 3);
  assert.equal(e.frames[0].function, 'handleClick');
  assert.equal(e.frames[1].native, true);
  assert.equal(e.frames[1].inApp, false);
  assert.equal(e.frames[2].anonymous, true);
});

// ---------------------------------------------------------------- Python
test('Python tracebacks are reversed so frames[0] is where the exception was raised', () => {
  const e = parseStack(lines(
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 10, in <module>',
    '    run()',
    '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads',
    '    return _default_decoder.decode(s)',
    '  File "/app/.venv/lib/python3.11/site-packages/requests/api.py", line 59, in request',
    '    return session.request(method=method, url=url, **kwargs)',
    'requests.exceptions.ConnectionError: HTTPSConnectionPool(host=\'x\', port=443)',
  ))!;
  assert.equal(e.kind, 'requests.exceptions.ConnectionError');
  assert.deepEqual(e.frames.map((f) => [f.function, f.inApp]), [
    ['request', false],
    ['loads', false],
    ['<module>', true],
  ]);
});

test('Python "direct cause" and "during handling" chains: outermost returned, cause toward the root', () => {
  const e = parseStack(lines(
    'Traceback (most recent call last):',
    '  File "/app/a.py", line 1, in f',
    'KeyError: \'id\'',
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/a.py", line 5, in g',
    'ValueError: bad id',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/a.py", line 9, in h',
    'RuntimeError: giving up',
  ))!;
  assert.deepEqual([e.kind, e.cause?.kind, e.cause?.cause?.kind], ['RuntimeError', 'ValueError', 'KeyError']);
  assert.equal(rootCause(e).message, "'id'");
});

// ---------------------------------------------------------------- Go
test('Go panic: the panicking goroutine is the error, other goroutines are related, created by is a frame', () => {
  const e = parseStack(lines(
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a3f2b]',
    '',
    'goroutine 7 [running]:',
    'example.com/shop/api.(*Client).Get(0x0, {0x6d1a40, 0x5})',
    '\t/home/dev/shop/api/client.go:42 +0x2b',
    'example.com/shop/api.handle.func1()',
    '\t/home/dev/shop/api/handler.go:17 +0x65',
    'created by example.com/shop/api.Serve in goroutine 1',
    '\t/home/dev/shop/api/handler.go:15 +0x9c',
    '',
    'goroutine 1 [chan receive]:',
    'main.main()',
    '\t/home/dev/shop/main.go:20 +0x1d',
    'exit status 2',
  ))!;
  assert.equal(e.language, 'go');
  assert.equal(e.kind, 'panic');
  assert.equal(e.message, 'runtime error: invalid memory address or nil pointer dereference');
  assert.deepEqual(e.frames.map((f) => f.normalizedFunction), [
    'example.com/shop/api.Client.Get',
    'example.com/shop/api.handle.func',
    'example.com/shop/api.Serve',
  ]);
  assert.equal(e.frames[0].module, 'example.com/shop/api');
  assert.equal(e.frames[1].anonymous, true);
  assert.equal(e.related?.length, 1);
  assert.equal(e.related?.[0].frames[0].function, 'main.main');
});

test('Go GOROOT, module cache and vendor frames are library frames', () => {
  const e = parseStack(lines(
    'panic: boom',
    '',
    'goroutine 1 [running]:',
    'github.com/lib/pq.(*conn).recv(0xc0000)',
    '\t/root/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go:978 +0x1d',
    'net/http.(*conn).serve(0xc0001)',
    '\t/usr/local/go/src/net/http/server.go:2009 +0x5f4',
    'example.com/app/vendor/github.com/x/y.Do()',
    '\t/src/app/vendor/github.com/x/y/y.go:3 +0x1',
    'main.main()',
    '\t/src/app/main.go:9 +0x1',
  ))!;
  assert.deepEqual(e.frames.map((f) => f.inApp), [false, false, false, true]);
});

test('zap stacktrace field (function / tab file:line pairs) parses as Go', () => {
  const text = 'main.run\n\t/src/app/main.go:31\nmain.main\n\t/src/app/main.go:12\nruntime.main\n\t/usr/local/go/src/runtime/proc.go:250';
  assert.equal(detectLanguage(text), 'go');
  const e = parseStack(text, { kind: '*errors.errorString', message: 'db down' })!;
  assert.equal(e.kind, '*errors.errorString');
  assert.equal(e.message, 'db down');
  assert.deepEqual(e.frames.map((f) => [f.function, f.line, f.inApp]), [
    ['main.run', 31, true],
    ['main.main', 12, true],
    ['runtime.main', 250, false],
  ]);
});

// ---------------------------------------------------------------- JVM
test('Java: Caused by chain, Suppressed as related, ... N more skipped, logback suffix stripped', () => {
  const e = parseStack(lines(
    'com.acme.ServiceException: order 42 failed',
    '\tat com.acme.OrderService.place(OrderService.java:88) ~[app.jar:1.2.0]',
    '\tat com.acme.OrderService$$EnhancerBySpringCGLIB$$1a2b3c.place(<generated>) ~[app.jar:1.2.0]',
    '\tat jdk.proxy2/jdk.proxy2.$Proxy12.place(Unknown Source) ~[na:na]',
    '\tat java.base/java.lang.Thread.run(Thread.java:833) [na:na]',
    '\tSuppressed: java.io.IOException: close failed',
    '\t\tat com.acme.Db.close(Db.java:10)',
    'Caused by: java.sql.SQLException: deadlock',
    '\tat org.postgresql.Driver.exec(Driver.java:1)',
    '\tat com.acme.Repo.lambda$save$0(Repo.java:55)',
    '\t... 3 common frames omitted',
  ))!;
  assert.equal(e.language, 'java');
  assert.equal(e.kind, 'com.acme.ServiceException');
  assert.equal(e.frames.length, 4);
  assert.equal(e.frames[0].file, 'OrderService.java');
  assert.equal(e.frames[0].line, 88);
  assert.equal(e.frames[1].normalizedFunction, 'com.acme.OrderService$$EnhancerBySpringCGLIB.place');
  assert.equal(e.frames[2].normalizedFunction, 'jdk.proxy2.$Proxy.place');
  assert.equal(e.frames[2].file, '');
  assert.equal(e.frames[3].inApp, false);
  assert.equal(e.related?.[0].kind, 'java.io.IOException');
  assert.equal(e.related?.[0].frames.length, 1);
  assert.equal(e.cause?.kind, 'java.sql.SQLException');
  assert.equal(e.cause?.frames[1].normalizedFunction, 'com.acme.Repo.lambda$save');
  assert.equal(e.cause?.frames[1].anonymous, true);
  assert.equal(allFrames(e).length, 7);
});

test('Java Native Method frames are native library frames; Scala anonfun names are normalized', () => {
  const e = parseStack(lines(
    'java.lang.IllegalStateException: nope',
    '\tat sun.nio.ch.Net.connect0(Native Method)',
    '\tat com.acme.Job$$anonfun$run$3.apply(Job.scala:21)',
    '\tat scala.collection.immutable.List.foreach(List.scala:392)',
  ))!;
  assert.equal(e.frames[0].native, true);
  assert.equal(e.frames[0].inApp, false);
  assert.equal(e.frames[1].normalizedFunction, 'com.acme.Job$$anonfun$run.apply');
  assert.equal(e.frames[2].inApp, false);
});

// ---------------------------------------------------------------- .NET
test('.NET: ---> inner exceptions, End of inner exception sections, async state machines', () => {
  const e = parseStack(lines(
    'System.InvalidOperationException: Checkout failed ---> System.Net.Http.HttpRequestException: Connection refused',
    '   at System.Net.Http.HttpConnectionPool.ConnectAsync(HttpRequestMessage request)',
    '   at Shop.Payments.Client.<ChargeAsync>d__5.MoveNext() in /src/Shop/Payments/Client.cs:line 41',
    '   --- End of inner exception stack trace ---',
    '   at Shop.Checkout.CheckoutService.PlaceAsync(Order order) in /src/Shop/Checkout/CheckoutService.cs:line 88',
    '--- End of stack trace from previous location ---',
    '   at Shop.Web.Controllers.OrdersController.Post() in /src/Shop/Web/OrdersController.cs:line 20',
  ))!;
  assert.equal(e.language, 'dotnet');
  assert.equal(e.kind, 'System.InvalidOperationException');
  assert.equal(e.message, 'Checkout failed');
  assert.equal(e.frames.length, 2);
  assert.equal(e.frames[0].file, '/src/Shop/Checkout/CheckoutService.cs');
  assert.equal(e.frames[0].line, 88);
  assert.equal(e.cause?.kind, 'System.Net.Http.HttpRequestException');
  assert.equal(e.cause?.frames[0].inApp, false);
  assert.equal(e.cause?.frames[1].normalizedFunction, 'Shop.Payments.Client.ChargeAsync');
  assert.equal(e.cause?.frames[1].inApp, true);
});

// ---------------------------------------------------------------- Ruby
test('Ruby: message line frame, from lines, gems as library, Ruby 3.4 quoting', () => {
  const e = parseStack(lines(
    "/app/app/models/order.rb:12:in 'Order#total': undefined method '+' for nil (NoMethodError)",
    "\tfrom /usr/local/bundle/gems/activerecord-7.1.0/lib/active_record/relation.rb:10:in 'block (2 levels) in each'",
    "\tfrom /app/app/controllers/orders_controller.rb:5:in 'OrdersController#show'",
  ))!;
  assert.equal(e.language, 'ruby');
  assert.equal(e.kind, 'NoMethodError');
  assert.equal(e.message, "undefined method '+' for nil");
  assert.deepEqual(e.frames.map((f) => [f.function, f.inApp]), [
    ['Order#total', true],
    ['block (2 levels) in each', false],
    ['OrdersController#show', true],
  ]);
  assert.equal(e.frames[1].normalizedFunction, 'block in each');
});

test('Rails backtraces without a message line parse frame by frame', () => {
  const e = parseStack(lines(
    "app/controllers/users_controller.rb:14:in `show'",
    "actionpack (7.0.4) lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action'",
  ), { kind: 'ActiveRecord::RecordNotFound', message: "Couldn't find User" })!;
  assert.equal(e.language, 'ruby');
  assert.equal(e.kind, 'ActiveRecord::RecordNotFound');
  assert.equal(e.frames.length, 2);
  assert.equal(e.frames[0].file, 'app/controllers/users_controller.rb');
});

// ---------------------------------------------------------------- PHP
test('PHP Fatal error Uncaught with Next: earlier block is the cause, {main} and [internal function] kept', () => {
  const e = parseStack(lines(
    'PHP Fatal error:  Uncaught InvalidArgumentException: bad id in /var/www/src/Repo.php:12',
    'Stack trace:',
    '#0 [internal function]: App\\Repo->find(\'x\')',
    '#1 /var/www/src/Controller.php(30): call_user_func(Array)',
    '#2 {main}',
    '',
    'Next RuntimeException: lookup failed in /var/www/src/Controller.php:33',
    'Stack trace:',
    '#0 /var/www/vendor/slim/App.php(10): App\\Controller->show()',
    '#1 /var/www/public/index.php(5): Slim\\App->run()',
    '#2 {main}',
    '  thrown in /var/www/src/Controller.php on line 33',
  ))!;
  assert.equal(e.language, 'php');
  assert.equal(e.kind, 'RuntimeException');
  assert.equal(e.message, 'lookup failed');
  // the throw site from the header, inside the function #0 was a call to
  assert.deepEqual([e.frames[0].function, e.frames[0].file, e.frames[0].line, e.frames[0].synthetic, e.frames[0].inApp],
    ['App\\Controller->show', '/var/www/src/Controller.php', 33, 'throw-site', true]);
  assert.equal(e.frames[1].function, 'App\\Controller->show');
  assert.equal(e.frames[1].inApp, false, 'vendor/');
  assert.equal(e.frames[2].inApp, true);
  assert.equal(e.frames[3].function, '{main}');
  assert.equal(e.cause?.kind, 'InvalidArgumentException');
  assert.equal(e.cause?.message, 'bad id');
  assert.deepEqual([e.cause?.frames[0].function, e.cause?.frames[0].file, e.cause?.frames[0].line], ['App\\Repo->find', '/var/www/src/Repo.php', 12]);
  assert.equal(e.cause?.frames[1].native, true);
  assert.equal(topInAppFrame(e)?.file, '/var/www/src/Repo.php', 'searched from the root cause outward');
});

// ---------------------------------------------------------------- Rust
test('Rust panics, old and new message forms, hash suffixes dropped, std frames are library', () => {
  const oldForm = parseStack("thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:7:37\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace")!;
  assert.equal(oldForm.language, 'rust');
  assert.equal(oldForm.kind, 'panic');
  assert.equal(oldForm.message, 'called `Option::unwrap()` on a `None` value');
  const e = parseStack(lines(
    "thread 'tokio-runtime-worker' panicked at src/db.rs:88:14:",
    'connection lost',
    'stack backtrace:',
    '   0:     0x55d0c0a1b2c3 - std::panicking::begin_panic::h0123456789abcdef',
    '                               at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:616:12',
    '   1:     0x55d0c0a1b2c4 - shop::db::Pool::get::h1111111111111111',
    '                               at /home/dev/shop/src/db.rs:88:14',
    '   2:     0x55d0c0a1b2c5 - tokio::runtime::task::raw::poll::h2222222222222222',
    '                               at /home/dev/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.35.1/src/runtime/task/raw.rs:255:5',
  ))!;
  assert.equal(e.message, 'connection lost');
  assert.deepEqual(e.frames.map((f) => [f.normalizedFunction, f.inApp]), [
    ['std::panicking::begin_panic', false],
    ['shop::db::Pool::get', true],
    ['tokio::runtime::task::raw::poll', false],
  ]);
  assert.equal(e.frames[1].file, '/home/dev/shop/src/db.rs');
  assert.equal(e.frames[1].column, 14);
});

test('anyhow errors: Caused by list becomes the cause chain', () => {
  const e = parseStack(lines(
    'Error: failed to load config',
    '',
    'Caused by:',
    '    0: reading /etc/app.toml',
    '    1: No such file or directory (os error 2)',
    '',
    'Stack backtrace:',
    '   0: app::config::load',
    '             at ./src/config.rs:12:5',
  ), { language: 'rust' })!;
  assert.equal(e.message, 'failed to load config');
  assert.equal(e.cause?.message, 'reading /etc/app.toml');
  assert.equal(rootCause(e).message, 'No such file or directory (os error 2)');
  assert.equal(e.frames[0].file, './src/config.rs');
});

// ---------------------------------------------------------------- Elixir
test('Elixir: ** (Kind) header, app-tagged frames, OTP apps are library', () => {
  const e = parseStack(lines(
    '** (ArgumentError) argument error',
    '    (shop 0.1.0) lib/shop/cart.ex:14: Shop.Cart.add/2',
    '    (elixir 1.15.7) lib/enum.ex:987: Enum."-map/2-lists^map/1-0-"/2',
    '    (stdlib 5.1.1) proc_lib.erl:241: :proc_lib.init_p_do_apply/3',
  ))!;
  assert.equal(e.language, 'elixir');
  assert.equal(e.kind, 'ArgumentError');
  assert.deepEqual(e.frames.map((f) => [f.function, f.module, f.inApp]), [
    ['Shop.Cart.add/2', 'shop', true],
    ['Enum."-map/2-lists^map/1-0-"/2', 'elixir', false],
    [':proc_lib.init_p_do_apply/3', 'stdlib', false],
  ]);
});

// ---------------------------------------------------------------- general
test('a language hint is used when the text parses in it, and ignored when it does not', () => {
  const py = 'Traceback (most recent call last):\n  File "/app/x.py", line 3, in f\nValueError: x';
  assert.equal(parseStack(py, { language: 'java' })?.language, 'python');
  assert.equal(parseStack(py, { language: 'python' })?.frames.length, 1);
  const java = 'java.lang.Error: x\n\tat com.acme.A.b(A.java:3)';
  assert.equal(parseStack(java, { language: 'dotnet' })?.language, 'java', 'clear text evidence beats the hint');
  assert.equal(parseStack('main.run\n\t/src/app/main.go:31', { language: 'go' })?.frames[0].line, 31);
});

test('text with neither a frame nor a header gives undefined', () => {
  assert.equal(parseStack(''), undefined);
  assert.equal(parseStack('user 42 logged in'), undefined);
  assert.equal(detectLanguage('hello world'), 'unknown');
});

test('log-event kind and message fill a frames-only stack', () => {
  const e = parseStack('   at Shop.Orders.Place() in /src/Orders.cs:line 3', { kind: 'System.Exception', message: 'x' })!;
  assert.equal(e.language, 'dotnet');
  assert.equal(e.kind, 'System.Exception');
  assert.equal(e.message, 'x');
});

test('a log line printed before the exception header does not become the kind', () => {
  const java = parseStack(lines(
    '2024-05-01 12:00:00 ERROR [main] c.a.Job - import failed',
    'java.lang.IllegalStateException: no rows',
    '\tat com.acme.Job.run(Job.java:7)',
  ))!;
  assert.equal(java.kind, 'java.lang.IllegalStateException');
  assert.equal(java.message, 'no rows');
  const js = parseStack(lines('[worker 3] request failed', 'TypeError: x is not a function', '    at a (/srv/app/a.js:1:1)'))!;
  assert.equal(js.kind, 'TypeError');
});

test('Ruby prints the cause after the raised exception: it becomes .cause', () => {
  const e = parseStack(lines(
    "/app/a.rb:3:in `rescue in load': config unreadable (RuntimeError)",
    "\tfrom /app/a.rb:1:in `load'",
    "/app/a.rb:2:in `read': No such file or directory @ rb_sysopen - x.yml (Errno::ENOENT)",
    "\tfrom /app/a.rb:1:in `load'",
  ))!;
  assert.equal(e.kind, 'RuntimeError');
  assert.equal(e.cause?.kind, 'Errno::ENOENT');
  assert.equal(e.cause?.frames.length, 2);
});

test('.NET multi-line messages and a message line printed before the type are handled', () => {
  const e = parseStack(lines(
    'Value cannot be null.',
    'System.ArgumentNullException: Value cannot be null.',
    'Parameter name: key',
    '   at Shop.Cache.Get(String key) in /src/Shop/Cache.cs:line 12',
  ))!;
  assert.equal(e.kind, 'System.ArgumentNullException');
  assert.equal(e.message, 'Value cannot be null.\nParameter name: key');
});

test('.NET "Unhandled exception." prefixes are not part of the kind', () => {
  const e = parseStack('Unhandled exception. System.InvalidOperationException: boom\n   at Shop.Program.Main(String[] args) in /src/Program.cs:line 9')!;
  assert.equal(e.kind, 'System.InvalidOperationException');
  assert.equal(e.message, 'boom');
});

test('Elixir exits and throws keep their lowercase kind', () => {
  const e = parseStack('** (exit) exited in: GenServer.call(Shop.Cart, :get, 5000)\n    (elixir 1.15.7) lib/gen_server.ex:1074: GenServer.call/3\n    (shop 0.1.0) lib/shop/cart.ex:9: Shop.Cart.get/0')!;
  assert.equal(e.language, 'elixir');
  assert.equal(e.kind, 'exit');
  assert.equal(e.frames.length, 2);
});
