// Throughput of the stack parser: MB of stack text parsed per second, per runtime, on generated
// traces shaped like real ones (a header, ~40 frames, a mix of app and library paths).
// Two figures: frames that repeat across traces (as in production, where the memoized in-app
// decisions and name normalizations hit) and frames that are all unique (the cold path: every
// function name and file differs, and the sample set holds more frames than the caches keep).
import type { Language } from '../src/core/model';
import { parseStack } from '../src/core/stack';

const FRAMES = 40;

function trace(language: Exclude<Language, 'unknown'>, seed: number, unique = false): string {
  const out: string[] = [];
  const lib = (i: number) => i % 3 === 0;
  for (let i = 0; i < FRAMES; i++) {
    const n = seed * 31 + i;
    // Unique mode: a suffix on every function and file name, different for every (trace, frame).
    const u = unique ? `_${seed}x${i}` : '';
    switch (language) {
      case 'javascript':
        if (i === 0) out.push(`TypeError: Cannot read properties of undefined (reading 'id${seed}')`);
        out.push(lib(i)
          ? `    at Layer.handle${u} [as handle_request] (/srv/app/node_modules/express/lib/router/layer${u}.js:${n}:5)`
          : `    at async OrderService.place${i}${u} (/srv/app/src/orders/service${i}${u}.ts:${n}:17)`);
        break;
      case 'python':
        if (i === 0) out.push('Traceback (most recent call last):');
        out.push(lib(i)
          ? `  File "/app/.venv/lib/python3.12/site-packages/django/core/handlers/base${u}.py", line ${n}, in _get_response${u}`
          : `  File "/app/orders/views${i}${u}.py", line ${n}, in place_order${u}`, '    response = wrapped_callback(request, *callback_args)');
        if (i === FRAMES - 1) out.push(`KeyError: 'order-${seed}'`);
        break;
      case 'go':
        if (i === 0) out.push(`panic: order ${seed} not found`, '', 'goroutine 1 [running]:');
        out.push(lib(i) ? `net/http.(*conn).serve${u}(0xc000${n})` : `example.com/shop/orders.(*Service).Place${i}${u}(0xc0000, {0x6d1a40, 0x5})`,
          lib(i) ? `\t/usr/local/go/src/net/http/server${u}.go:${n} +0x5f4` : `\t/home/dev/shop/orders/service${u}.go:${n} +0x2b`);
        break;
      case 'java':
        if (i === 0) out.push(`java.lang.IllegalStateException: order ${seed} not found`);
        out.push(lib(i)
          ? `\tat org.springframework.web.servlet.FrameworkServlet.service${u}(FrameworkServlet${u}.java:${n}) ~[spring-webmvc-5.3.20.jar:5.3.20]`
          : `\tat com.acme.shop.orders.OrderService${u}.lambda$place$${i}(OrderService${u}.java:${n}) ~[classes/:na]`);
        break;
      case 'dotnet':
        if (i === 0) out.push(`System.InvalidOperationException: Order ${seed} not found`);
        out.push(lib(i)
          ? `   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute${u}(IActionResultTypeMapper mapper, ObjectMethodExecutor executor)`
          : `   at Shop.Orders.OrderService${u}.<PlaceAsync>d__${i}.MoveNext() in /src/Shop/Orders/OrderService${u}.cs:line ${n}`);
        break;
      case 'ruby':
        out.push(i === 0
          ? `/app/app/models/order${u}.rb:${n}:in 'Order#total${u}': undefined method '+' for nil (NoMethodError)`
          : lib(i)
            ? `\tfrom /usr/local/bundle/gems/actionpack-7.1.0/lib/action_controller/metal${u}.rb:${n}:in 'block (2 levels) in dispatch${u}'`
            : `\tfrom /app/app/controllers/orders_controller${u}.rb:${n}:in 'OrdersController#show${u}'`);
        break;
      case 'php':
        if (i === 0) out.push(`PHP Fatal error:  Uncaught RuntimeException: order ${seed} in /var/www/src/Orders.php:12`, 'Stack trace:');
        out.push(lib(i)
          ? `#${i} /var/www/vendor/laravel/framework/src/Illuminate/Pipeline/Pipeline${u}.php(${n}): Illuminate\\Pipeline\\Pipeline${u}->Illuminate\\Pipeline\\{closure}(Object(Illuminate\\Http\\Request))`
          : `#${i} /var/www/app/Http/Controllers/OrderController${u}.php(${n}): App\\Http\\Controllers\\OrderController${u}->show('${seed}')`);
        if (i === FRAMES - 1) out.push(`#${FRAMES} {main}`, '  thrown in /var/www/src/Orders.php on line 12');
        break;
      case 'rust':
        if (i === 0) out.push(`thread 'main' panicked at src/orders.rs:${seed}:5:`, `order ${seed} not found`, 'stack backtrace:');
        out.push(`  ${i}: ${lib(i) ? 'tokio::runtime::task::raw::poll' : 'shop::orders::Service::place'}${u}::h0123456789abcdef`,
          lib(i) ? `             at /home/dev/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.35.1/src/runtime/task/raw${u}.rs:${n}:5`
            : `             at ./src/orders${u}.rs:${n}:9`);
        break;
      case 'elixir':
        if (i === 0) out.push(`** (KeyError) key :order_${seed} not found in: %{}`);
        out.push(lib(i) ? `    (elixir 1.15.7) lib/enum${u}.ex:${n}: Enum.map${u}/2` : `    (shop 0.1.0) lib/shop/orders${u}.ex:${n}: Shop.Orders.place${u}/${i % 4}`);
        break;
    }
  }
  return out.join('\n');
}

const LANGUAGES: Exclude<Language, 'unknown'>[] = ['javascript', 'python', 'go', 'java', 'dotnet', 'ruby', 'php', 'rust', 'elixir'];

// Unique mode needs more frames than the parser's memo caches keep (20,000 entries), so no
// frame is ever served from a cache even on later rounds.
const UNIQUE_SAMPLES = 700;

/** MB per CPU-second of parsing the samples repeatedly, for at least 400 ms of CPU. */
function measure(samples: string[]): { bytes: number; ms: number } {
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
  return { bytes: bytes * rounds, ms: elapsed };
}

const mbps = (bytes: number, ms: number) => Math.round((bytes / (1024 * 1024) / (ms / 1000)) * 10) / 10;

/**
 * MB per CPU-second of stack text per runtime (language detected from the text, as in production)
 * and overall: `mbPerSec`/`languages` with frames repeating across traces, `uniqueMbPerSec`/
 * `uniqueLanguages` with every frame unique (no memo hit).
 */
export async function benchStack(): Promise<{
  name: string; mbPerSec: number; languages: Record<string, number>;
  uniqueMbPerSec: number; uniqueLanguages: Record<string, number>;
}> {
  const languages: Record<string, number> = {};
  const uniqueLanguages: Record<string, number> = {};
  // Warm every parser up first so the first runtime measured does not pay for JIT compilation.
  for (const language of LANGUAGES) for (let i = 0; i < 300; i++) parseStack(trace(language, i, i % 2 === 1));
  let totalBytes = 0;
  let totalMs = 0;
  let uniqueBytes = 0;
  let uniqueMs = 0;
  for (const language of LANGUAGES) {
    const repeating = measure(Array.from({ length: 200 }, (_, i) => trace(language, i)));
    languages[language] = mbps(repeating.bytes, repeating.ms);
    totalBytes += repeating.bytes;
    totalMs += repeating.ms;
    await new Promise((resolve) => setImmediate(resolve));
    const unique = measure(Array.from({ length: UNIQUE_SAMPLES }, (_, i) => trace(language, i, true)));
    uniqueLanguages[language] = mbps(unique.bytes, unique.ms);
    uniqueBytes += unique.bytes;
    uniqueMs += unique.ms;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { name: 'stack', mbPerSec: mbps(totalBytes, totalMs), languages, uniqueMbPerSec: mbps(uniqueBytes, uniqueMs), uniqueLanguages };
}
