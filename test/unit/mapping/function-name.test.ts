import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFunctionName } from '../../../src/core/mapping';

const name = (fn: string, normalizedFunction?: string) => sourceFunctionName({ function: fn, normalizedFunction });

test('qualified names give the name the function has in source', () => {
  assert.equal(name('com.acme.etl.Fetcher.fetch'), 'fetch');
  assert.equal(name('github.com/acme/etl/pkg/fetch.(*Client).Get'), 'Get');
  assert.equal(name('github.com/acme/etl/pkg/fetch.(*Client).Get.func1.2'), 'Get');
  assert.equal(name('Fetcher.get [as fetch]'), 'get');
  assert.equal(name('async UserService.handle'), 'handle');
  assert.equal(name('new Worker'), 'Worker');
  assert.equal(name('etl::fetch::Client::get::{{closure}}'), 'get');
  assert.equal(name('etl::fetch::run::h0123456789abcdef'), 'run');
  assert.equal(name('App\\Etl\\Fetcher->fetch'), 'fetch');
  assert.equal(name('Fetcher#fetch'), 'fetch');
  assert.equal(name('block (2 levels) in each_page'), 'each_page');
  assert.equal(name('Acme.Etl.Fetcher.FetchAsync(String url)'), 'FetchAsync');
  assert.equal(name('Acme.Etl.Fetcher.<FetchAsync>d__5.MoveNext'), 'FetchAsync');
});

test('JVM lambdas and constructors name their enclosing method and class', () => {
  assert.equal(name('com.acme.Fetcher.lambda$fetch$0'), 'fetch');
  assert.equal(name('com.acme.Fetcher.<init>'), 'Fetcher');
  assert.equal(name('com.acme.Fetcher$Inner.<init>'), 'Inner');
});

test('the normalized name wins; anonymous and module-level code has no name', () => {
  assert.equal(name('x.y.z', 'handle'), 'handle');
  assert.equal(name('Object.<anonymous>'), undefined);
  assert.equal(name('<module>'), undefined);
  assert.equal(name(''), undefined);
  assert.equal(name('<lambda>'), undefined);
  assert.equal(name('ready?'), 'ready?');
});
