// Traces recorded from the real runtimes (test/fixtures/stack, provenance in PROVENANCE.md): the
// frame a person reading the trace would pick is the one grouping and the lenses use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame } from '../../../src/core/model';
import { allFrames, parseStack, topInAppFrame } from '../../../src/core/stack';
import { groupingFrame } from '../../../src/core/grouping';

const DIR = path.resolve(__dirname, '../../fixtures/stack');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');
const where = (f: Frame | undefined) => (f ? `${f.function} ${f.file}:${f.line ?? '?'}` : 'none');

for (const name of ['go-goroutine-dump-trimpath.txt', 'go-goroutine-dump.txt']) {
  test(`Go ${name}: the goroutine's own frame in a dotless module package is the top frame, never "created by"`, () => {
    const e = parseStack(read(name))!;
    assert.equal(e.language, 'go');
    assert.equal(e.kind, 'panic');
    assert.equal(e.message, 'runtime error: invalid memory address or nil pointer dereference');
    const file = name.includes('trimpath') ? 'panics/panics/panics.go' : '/tmp/gopanic/panics/panics.go';
    assert.equal(where(topInAppFrame(e)), `panics/panics.nilPtrDereference ${file}:7`);
    assert.equal(where(groupingFrame(e)?.frame), `panics/panics.nilPtrDereference ${file}:7`);
    const created = e.frames[e.frames.length - 1];
    assert.equal(created.function, 'main.main');
    assert.equal(created.createdBy, true);
    assert.equal(created.inApp, false, 'where the goroutine started is not where it failed');
    assert.equal(e.related?.length, 2, 'the other two goroutines');
    assert.equal(allFrames(e).find((f) => f.function === 'runtime.goexit')?.inApp, false);
  });
}

test('Go: a user rule that claims main.* still never makes "created by main.main" the top frame', () => {
  const e = parseStack(read('go-goroutine-dump-trimpath.txt'), { inAppRules: { inApp: ['main.'], notInApp: ['panics/panics'] } })!;
  assert.equal(e.frames.find((f) => f.createdBy)?.inApp, false);
  assert.equal(topInAppFrame(e), e.frames[0], 'no in-app frame left: the raw top frame');
});

for (const name of ['php-fatal-closure-internal-function.txt', 'php-fatal-log-closure-args.txt']) {
  test(`PHP ${name}: the throw site is the header's line, in the closure frame #0 names, not the builtin that called it`, () => {
    const e = parseStack(read(name))!;
    assert.equal(e.language, 'php');
    assert.equal(e.kind, 'InvalidArgumentException');
    assert.equal(e.message, 'order id 7 is out of range');
    assert.equal(where(topInAppFrame(e)), '{closure} /tmp/phpfatal/errors.php:35');
    assert.equal(where(groupingFrame(e)?.frame), '{closure} /tmp/phpfatal/errors.php:35');
    assert.equal(e.frames[0].synthetic, 'throw-site');
    // the printed frames stay as printed, for the issue page
    assert.deepEqual(allFrames(e).map(where), ['{closure} :?', 'array_map /tmp/phpfatal/errors.php:33', '{main} :?']);
  });
}

test('PHP error_log form: a method thrown at the header line, inside the method frame #0 calls', () => {
  const e = parseStack(read('php-fatal-log-method.txt'))!;
  assert.equal(e.kind, 'RuntimeException');
  assert.equal(e.message, 'order 42 not found');
  assert.equal(where(topInAppFrame(e)), 'OrderRepository->find /tmp/phpfatal/errors.php:20');
  assert.equal(e.frames[0].module, 'OrderRepository');
});

test('PHP previous exception and Next: each block has its throw site, the root cause\'s is the top frame', () => {
  const e = parseStack(read('php-fatal-previous-next.txt'))!;
  assert.equal(e.kind, 'LogicException');
  assert.equal(where(e.frames[0]), '{main} /tmp/phpfatal/errors.php:48', 'thrown at the top level: #0 is {main}');
  assert.equal(e.cause?.kind, 'RuntimeException');
  assert.equal(where(topInAppFrame(e)), 'OrderRepository->find /tmp/phpfatal/errors.php:20');
});

test('PHP: "thrown in ... on line N" gives the throw site when the header line carries none', () => {
  const e = parseStack([
    'PHP Fatal error:  Uncaught Exception: first line of the message',
    'second line of the message',
    'Stack trace:',
    '#0 /app/src/Job.php(12): App\\Job->step()',
    '#1 {main}',
    '  thrown in /app/src/Job.php on line 40',
  ].join('\n'))!;
  assert.equal(where(e.frames[0]), 'App\\Job->step /app/src/Job.php:40');
  assert.equal(e.frames[0].synthetic, 'throw-site');
});

test('Java "... N more": each cause gets back the frames it shares with its enclosing trace; Suppressed kept', () => {
  const e = parseStack(read('java-caused-by-more-suppressed.txt'))!;
  assert.equal(e.kind, 'java.io.UncheckedIOException');
  const rejected = e.cause!;
  assert.equal(rejected.message, 'order rejected');
  assert.deepEqual(rejected.frames.map(where), ['com.acme.orders.Checkout.place Checkout.java:38', 'com.acme.orders.Checkout.main Checkout.java:43'],
    'a cause printed with no frame of its own but "... 2 more"');
  const load = rejected.cause!;
  assert.deepEqual(load.frames.map((f) => `${f.line}${f.synthetic ? ' omitted' : ''}`), ['30', '36', '43 omitted']);
  const root = load.cause!;
  assert.equal(root.kind, 'java.lang.NumberFormatException');
  assert.deepEqual(root.frames.slice(-3).map((f) => f.line), [28, 36, 43]);
  assert.equal(root.frames.length, 8);
  const suppressed = root.related?.[0];
  assert.equal(suppressed?.message, 'connection reset while closing');
  assert.deepEqual(suppressed?.frames.map((f) => f.line), [12, 27, 36, 43], 'the suppressed trace is completed from the one it was printed in');
  assert.equal(where(topInAppFrame(e)), 'com.acme.orders.Checkout.parseQuantity Checkout.java:17');
  assert.equal(allFrames(e).length, 2 + 2 + 6 + 2, 'printed frames are counted once');
});

// ------------------------------------------------ traces from fluent-plugin-detect-exceptions
test('PHP on App Engine: the throw site is errors.php:60 in the {closure} of #0, not call_user_func_array at line 20', () => {
  const e = parseStack(read('php-gae-closure-call-user-func-array.txt'))!;
  assert.equal(e.kind, 'Exception');
  assert.equal(e.message, 'message');
  const top = topInAppFrame(e)!;
  assert.equal(where(top), 'ErrorEntryGenerator::{closure} /base/data/home/apps/s~crash-example-php/1.388306779641080894/errors.php:60');
  assert.equal(groupingFrame(e)?.frame, top);
  assert.equal(allFrames(e).length, 5, 'the printed frames stay, for the issue page');
});

test('Go on App Engine: panics.nilPtrDereference in panics/panics.go is the top frame, not "created by main.main"', () => {
  const e = parseStack(read('go-signal-created-by-main.txt'))!;
  assert.equal(where(topInAppFrame(e)), 'panics.nilPtrDereference panics/panics.go:33');
  assert.equal(where(groupingFrame(e)?.frame), 'panics.nilPtrDereference panics/panics.go:33');
});

test('Java "... 12 more" under a multi-line message: the cause is completed from the enclosing trace', () => {
  const e = parseStack(read('java-nested-mail-12-more.txt'))!;
  const cause = e.cause!;
  assert.equal(cause.kind, 'javax.mail.SendFailedException');
  assert.equal(cause.frames.length, 3 + 12);
  assert.deepEqual(cause.frames.slice(3).map(where), e.frames.map(where));
  assert.ok(cause.frames.slice(3).every((f) => f.synthetic === 'omitted'));
  assert.equal(where(topInAppFrame(e)), 'com.nethunt.crm.api.server.adminsync.AutomaticEmailFacade.sendWithSmtp AutomaticEmailFacade.java:229');
});

// ---------------------------------------------------------------------------------- Dart
test('Dart VM: "Unhandled exception:" header, file:/// frames, <asynchronous suspension>, dart: SDK frames', () => {
  const e = parseStack(read('dart-async-suspension-bad-state.txt'))!;
  assert.equal(e.language, 'dart');
  assert.equal(e.kind, 'StateError');
  assert.equal(e.message, 'oops');
  assert.deepEqual(e.frames.map((f) => [f.function, f.line, f.inApp]), [
    ['handleFailure', 16, true],
    ['main', 24, true],
    ['_startIsolate.<anonymous closure>', 265, false],
    ['_RawReceivePortImpl._handleMessage', 151, false],
  ]);
  assert.equal(e.frames[0].file, 'file:///test/example/http/handling_an_httprequest_error.dart');
  assert.equal(e.frames[0].column, 3);
});

test('Dart: a dart:core-patch frame on top, the user closure below it is the top in-app frame', () => {
  const e = parseStack(read('dart-range-error-core-patch.txt'))!;
  assert.equal(e.kind, 'RangeError');
  assert.equal(e.message, 'Invalid value: Valid value range is empty: 1');
  assert.equal(e.frames[0].file, 'dart:core-patch/growable_array.dart');
  assert.equal(e.frames[0].inApp, false);
  assert.equal(where(topInAppFrame(e)), 'main.<anonymous closure> file:///path/to/code/dartFile.dart:31');
  assert.equal(topInAppFrame(e)?.anonymous, true);
});

test('Dart: a message over several lines (with a source excerpt) stays the message; frames follow', () => {
  const e = parseStack(read('dart-type-error-multiline-message.txt'))!;
  assert.equal(e.language, 'dart');
  assert.ok(e.message.startsWith("'file:///path/to/code/dartFile.dart': malformed type: line 7 pos 24"));
  assert.ok(e.message.includes('printError( () { new NoType(); } );'));
  assert.equal(e.frames.length, 6);
  assert.equal(where(topInAppFrame(e)), 'main.<anonymous closure> file:///path/to/code/dartFile.dart:7');
});

test('Flutter: package:flutter/ frames are the framework, the app\'s own package: frame is in-app', () => {
  const e = parseStack(read('dart-flutter-assertion-user-fault.txt'), { kind: 'AssertionError', message: 'Test assertion' })!;
  assert.equal(e.language, 'dart');
  assert.equal(e.frames.length, 13);
  assert.deepEqual(e.frames.filter((f) => f.inApp).map(where), ['_MyHomePageState.build package:hello_flutter/main.dart:72']);
  assert.equal(e.frames[2].function, 'new Text');
  assert.equal(e.frames[12].file, 'package:flutter/blah.dart');
  assert.equal(e.kind, 'AssertionError', 'the event kind fills a trace without a header');
});

test('Flutter on Android: logcat prefixes are stripped and the "[ERROR:…] Unhandled Exception:" line gives the message', () => {
  // written for this test, in the shape logcat prints
  const e = parseStack([
    'E/flutter (28978): [ERROR:flutter/lib/ui/ui_dart_state.cc(209)] Unhandled Exception: Unable to load asset: config.json',
    'E/flutter (28978): #0      PlatformAssetBundle.load (package:flutter/src/services/asset_bundle.dart:237:7)',
    'E/flutter (28978): <asynchronous suspension>',
    'E/flutter (28978): #1      ConfigLoader.load (package:shop/config/loader.dart:24:23)',
  ].join('\n'))!;
  assert.equal(e.language, 'dart');
  assert.equal(e.message, 'Unable to load asset: config.json');
  assert.equal(where(topInAppFrame(e)), 'ConfigLoader.load package:shop/config/loader.dart:24');
});
