// Throughput of the stack parser: MB of stack text parsed per second, per runtime, on generated
// traces shaped like real ones (a header, ~40 frames, a mix of app and library paths).
import type { Language } from '../src/core/model';
import { parseStack } from '../src/core/stack';

const FRAMES = 40;

function trace(language: Exclude<Language, 'unknown'>, seed: number): string {
  const out: string[] = [];
  const lib = (i: number) => i % 3 === 0;
  for (let i = 0; i < FRAMES; i++) {
    const n = seed * 31 + i;
    switch (language) {
      case 'javascript':
        if (i === 0) out.push(`TypeError: Cannot read properties of undefined (reading 'id${seed}')`);
        out.push(lib(i)
          ? `    at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:${n}:5)`
          : `    at async OrderService.place${i} (/srv/app/src/orders/service${i}.ts:${n}:17)`);
        break;
      case 'python':
        if (i === 0) out.push('Traceback (most recent call last):');
        out.push(lib(i)
          ? `  File "/app/.venv/lib/python3.12/site-packages/django/core/handlers/base.py", line ${n}, in _get_response`
          : `  File "/app/orders/views${i}.py", line ${n}, in place_order`, '    response = wrapped_callback(request, *callback_args)');
        if (i === FRAMES - 1) out.push(`KeyError: 'order-${seed}'`);
        break;
      case 'go':
        if (i === 0) out.push(`panic: order ${seed} not found`, '', 'goroutine 1 [running]:');
        out.push(lib(i) ? `net/http.(*conn).serve(0xc000${n})` : `example.com/shop/orders.(*Service).Place${i}(0xc0000, {0x6d1a40, 0x5})`,
          lib(i) ? `\t/usr/local/go/src/net/http/server.go:${n} +0x5f4` : `\t/home/dev/shop/orders/service.go:${n} +0x2b`);
        break;
      case 'java':
        if (i === 0) out.push(`java.lang.IllegalStateException: order ${seed} not found`);
        out.push(lib(i)
          ? `\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:${n}) ~[spring-webmvc-5.3.20.jar:5.3.20]`
          : `\tat com.acme.shop.orders.OrderService.lambda$place$${i}(OrderService.java:${n}) ~[classes/:na]`);
        break;
      case 'dotnet':
        if (i === 0) out.push(`System.InvalidOperationException: Order ${seed} not found`);
        out.push(lib(i)
          ? `   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute(IActionResultTypeMapper mapper, ObjectMethodExecutor executor)`
          : `   at Shop.Orders.OrderService.<PlaceAsync>d__${i}.MoveNext() in /src/Shop/Orders/OrderService.cs:line ${n}`);
        break;
      case 'ruby':
        out.push(i === 0
          ? `/app/app/models/order.rb:${n}:in 'Order#total': undefined method '+' for nil (NoMethodError)`
          : lib(i)
            ? `\tfrom /usr/local/bundle/gems/actionpack-7.1.0/lib/action_controller/metal.rb:${n}:in 'block (2 levels) in dispatch'`
            : `\tfrom /app/app/controllers/orders_controller.rb:${n}:in 'OrdersController#show'`);
        break;
      case 'php':
        if (i === 0) out.push(`PHP Fatal error:  Uncaught RuntimeException: order ${seed} in /var/www/src/Orders.php:12`, 'Stack trace:');
        out.push(lib(i)
          ? `#${i} /var/www/vendor/laravel/framework/src/Illuminate/Pipeline/Pipeline.php(${n}): Illuminate\\Pipeline\\Pipeline->Illuminate\\Pipeline\\{closure}(Object(Illuminate\\Http\\Request))`
          : `#${i} /var/www/app/Http/Controllers/OrderController.php(${n}): App\\Http\\Controllers\\OrderController->show('${seed}')`);
        if (i === FRAMES - 1) out.push(`#${FRAMES} {main}`, '  thrown in /var/www/src/Orders.php on line 12');
        break;
      case 'rust':
        if (i === 0) out.push(`thread 'main' panicked at src/orders.rs:${seed}:5:`, `order ${seed} not found`, 'stack backtrace:');
        out.push(`  ${i}: ${lib(i) ? 'tokio::runtime::task::raw::poll' : 'shop::orders::Service::place'}::h0123456789abcdef`,
          lib(i) ? `             at /home/dev/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.35.1/src/runtime/task/raw.rs:${n}:5`
            : `             at ./src/orders.rs:${n}:9`);
        break;
      case 'elixir':
        if (i === 0) out.push(`** (KeyError) key :order_${seed} not found in: %{}`);
        out.push(lib(i) ? `    (elixir 1.15.7) lib/enum.ex:${n}: Enum.map/2` : `    (shop 0.1.0) lib/shop/orders.ex:${n}: Shop.Orders.place/${i % 4}`);
        break;
    }
  }
  return out.join('\n');
}

const LANGUAGES: Exclude<Language, 'unknown'>[] = ['javascript', 'python', 'go', 'java', 'dotnet', 'ruby', 'php', 'rust', 'elixir'];

/** MB per CPU-second of stack text per runtime (language detected from the text, as in production) and overall. */
export async function benchStack(): Promise<{ name: string; mbPerSec: number; languages: Record<string, number> }> {
  const languages: Record<string, number> = {};
  // Warm every parser up first so the first runtime measured does not pay for JIT compilation.
  for (const language of LANGUAGES) for (let i = 0; i < 300; i++) parseStack(trace(language, i));
  let totalBytes = 0;
  let totalMs = 0;
  for (const language of LANGUAGES) {
    const samples = Array.from({ length: 200 }, (_, i) => trace(language, i));
    const bytes = samples.reduce((n, s) => n + Buffer.byteLength(s), 0);
    for (const s of samples) parseStack(s); // warm-up
    // CPU time of this process, not wall time: the figure is per core even on a busy machine.
    let rounds = 0;
    const start = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < 400 || rounds < 3) {
      for (const s of samples) parseStack(s);
      rounds++;
      const used = process.cpuUsage(start);
      elapsed = (used.user + used.system) / 1000;
    }
    const mb = (bytes * rounds) / (1024 * 1024);
    languages[language] = Math.round((mb / (elapsed / 1000)) * 10) / 10;
    totalBytes += bytes * rounds;
    totalMs += elapsed;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const mbPerSec = Math.round((totalBytes / (1024 * 1024) / (totalMs / 1000)) * 10) / 10;
  return { name: 'stack', mbPerSec, languages };
}
