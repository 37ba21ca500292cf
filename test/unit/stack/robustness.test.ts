// Never throws, never hangs: arbitrary input, mixes of real-looking lines, and very large input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Language, ParsedError } from '../../../src/core/model';
import { allFrames, detectLanguage, normalizeFunctionName, parseStack, topInAppFrame } from '../../../src/core/stack';

const LANGS: Language[] = ['javascript', 'python', 'go', 'java', 'dotnet', 'ruby', 'php', 'rust', 'elixir', 'unknown'];

const REAL_LINES = [
  'TypeError: x is not a function',
  '    at foo (/srv/app/a.js:1:2)',
  '    at async bar (file:///srv/app/b.mjs:3:4)',
  '    at eval (eval at run (/a.js:1:1), <anonymous>:1:1)',
  'foo@http://x.test/a.js:1:2',
  'Traceback (most recent call last):',
  '  File "/app/x.py", line 3, in f',
  '  + Exception Group Traceback (most recent call last):',
  '  +-+---------------- 1 ----------------',
  '    | ValueError: 1',
  '    +------------------------------------',
  'The above exception was the direct cause of the following exception:',
  'goroutine 1 [running]:',
  'main.main()',
  '\t/src/main.go:10 +0x1d',
  'created by main.start in goroutine 1',
  'runtime stack:',
  'panic: boom',
  'java.lang.IllegalStateException: nope',
  '\tat com.acme.A.b(A.java:10) ~[app.jar:1.0]',
  'Caused by: java.io.IOException: x',
  '\tSuppressed: java.lang.Exception: y',
  '\t... 12 more',
  'System.Exception: a ---> System.IO.IOException: b',
  '   at A.B() in /src/a.cs:line 3',
  '   --- End of inner exception stack trace ---',
  "app.rb:1:in `foo': bad (RuntimeError)",
  "\tfrom app.rb:2:in `<main>'",
  '#0 /var/www/a.php(3): A->b()',
  '#1 {main}',
  'PHP Fatal error:  Uncaught Exception: x in /a.php:3',
  'Next RuntimeException: y in /a.php:4',
  "thread 'main' panicked at src/main.rs:4:5:",
  'stack backtrace:',
  '   0: std::panicking::begin_panic::h0123456789abcdef',
  '             at /rustc/abc/library/std/src/panicking.rs:1:1',
  '** (ArgumentError) bad',
  '    (shop 0.1.0) lib/a.ex:1: A.b/2',
  '',
  '   ',
  '(',
  ')',
  'at ',
  'at (',
  '#',
  '|',
  '+-+',
];

function checkShape(e: ParsedError | undefined): void {
  if (!e) return;
  for (const f of allFrames(e)) {
    assert.equal(typeof f.file, 'string');
    assert.equal(typeof f.function, 'string');
    assert.equal(typeof f.inApp, 'boolean');
    assert.equal(typeof f.normalizedFunction, 'string');
    if (f.line !== undefined) assert.ok(Number.isFinite(f.line));
  }
  topInAppFrame(e);
}

test('arbitrary strings never throw, with and without a language hint', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(...LANGS), (s, language) => {
      assert.ok(LANGS.includes(detectLanguage(s)));
      checkShape(parseStack(s));
      checkShape(parseStack(s, { language }));
      for (const l of LANGS) normalizeFunctionName(s, l);
    }),
    { numRuns: 400 },
  );
});

test('arbitrary Unicode (lone surrogates, control characters) never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      checkShape(parseStack(s));
      checkShape(parseStack('Error: x\n    at ' + s + '\n' + s));
    }),
    { numRuns: 300 },
  );
});

test('arbitrary mixes of real-looking lines never throw and give well-formed frames', () => {
  const line = fc.oneof(
    fc.constantFrom(...REAL_LINES),
    fc.tuple(fc.constantFrom(...REAL_LINES), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
    fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...REAL_LINES)).map(([a, b]) => a + b),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom(...LANGS), (ls, language) => {
      const text = ls.join('\n');
      checkShape(parseStack(text));
      checkShape(parseStack(text, { language, inAppRules: { inApp: ['**/a.*'], notInApp: ['src'] } }));
    }),
    { numRuns: 300 },
  );
});

test('a 10 MB single line parses (as a message or nothing) without hanging', () => {
  const big = 'Error: ' + 'a(b:1:2) at '.repeat(Math.ceil((10 * 1024 * 1024) / 12));
  for (const language of LANGS) {
    const e = parseStack(big, { language });
    if (e) assert.ok(e.message.length <= 16384, 'messages are clipped');
  }
  assert.ok(LANGS.includes(detectLanguage(big)));
});

function bigTrace(language: Language, n: number): string {
  const out: string[] = [];
  switch (language) {
    case 'javascript':
      out.push('Error: deep');
      for (let i = 0; i < n; i++) out.push(`    at f${i} (/srv/app/src/m${i % 50}.js:${i + 1}:7)`);
      break;
    case 'python':
      out.push('Traceback (most recent call last):');
      for (let i = 0; i < n; i++) out.push(`  File "/app/m${i % 50}.py", line ${i + 1}, in f${i}`, '    f()');
      out.push('RecursionError: maximum recursion depth exceeded');
      break;
    case 'go':
      out.push('panic: deep', '', 'goroutine 1 [running]:');
      for (let i = 0; i < n; i++) out.push(`main.f${i}(0x1)`, `\t/src/app/m${i % 50}.go:${i + 1} +0x1d`);
      break;
    case 'java':
      out.push('java.lang.StackOverflowError: deep');
      for (let i = 0; i < n; i++) out.push(`\tat com.acme.M${i % 50}.f${i}(M${i % 50}.java:${i + 1})`);
      break;
    case 'dotnet':
      out.push('System.StackOverflowException: deep');
      for (let i = 0; i < n; i++) out.push(`   at Acme.M${i % 50}.F${i}() in /src/M${i % 50}.cs:line ${i + 1}`);
      break;
    case 'ruby':
      out.push(`/app/a.rb:1:in 'f': deep (SystemStackError)`);
      for (let i = 1; i < n; i++) out.push(`\tfrom /app/m${i % 50}.rb:${i + 1}:in 'f${i}'`);
      break;
    case 'php':
      out.push('PHP Fatal error:  Uncaught Exception: deep in /a.php:1', 'Stack trace:');
      for (let i = 0; i < n - 1; i++) out.push(`#${i} /var/www/m${i % 50}.php(${i + 1}): A->f${i}()`);
      out.push(`#${n - 1} {main}`);
      break;
    case 'rust':
      out.push("thread 'main' panicked at src/main.rs:1:1:", 'deep', 'stack backtrace:');
      for (let i = 0; i < n; i++) out.push(`  ${i}: app::m::f${i}`, `             at ./src/m${i % 50}.rs:${i + 1}:5`);
      break;
    case 'elixir':
      out.push('** (RuntimeError) deep');
      for (let i = 0; i < n; i++) out.push(`    (app 0.1.0) lib/m${i % 50}.ex:${i + 1}: App.M.f${i}/1`);
      break;
    case 'unknown':
      break;
  }
  return out.join('\n');
}

for (const language of LANGS.filter((l) => l !== 'unknown')) {
  test(`a 100k-frame ${language} trace parses completely`, () => {
    const e = parseStack(bigTrace(language, 100_000));
    assert.ok(e);
    assert.equal(e.language, language);
    assert.equal(allFrames(e).length, 100_000);
  });
}

test('pathological lines (long runs of separators) do not hang any parser', () => {
  const evil = [
    'at ' + '('.repeat(8000),
    '  File "' + '", line 1'.repeat(800),
    '\t' + ':'.repeat(8000),
    '#0 ' + '('.repeat(4000) + '): '.repeat(1000),
    ' in '.repeat(2000) + ':1',
    'x@'.repeat(4000) + ':1:1',
    'lambda$'.repeat(1000) + '1',
    '(a 1) ' + 'b.ex:1: '.repeat(900),
  ].join('\n');
  for (const language of LANGS) checkShape(parseStack(evil, { language }));
  for (const l of LANGS) normalizeFunctionName('lambda$'.repeat(290) + 'x', l);
});
