import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, isRegression } from '../../../src/core/issues';

test('compareVersions orders semver numerically, pre-releases before releases', () => {
  const ordered = ['0.9.0', '1.2.0-rc.1', '1.2.0-rc.2', '1.2.0', 'v1.2.1', '1.10.0', '2.0.0-alpha', '2.0.0'];
  for (let i = 1; i < ordered.length; i++) {
    assert.equal(compareVersions(ordered[i], ordered[i - 1]), 1, `${ordered[i]} > ${ordered[i - 1]}`);
    assert.equal(compareVersions(ordered[i - 1], ordered[i]), -1);
  }
  assert.equal(compareVersions('1.2.0+build.5', '1.2.0'), 0);
  assert.equal(compareVersions('1.2', '1.2.0'), 0);
});

test('compareVersions falls back to natural order for other version schemes', () => {
  assert.equal(compareVersions('build-20261128', 'build-20261127'), 1);
  assert.equal(compareVersions('r100', 'r99'), 1);
  assert.equal(compareVersions('2026.11.28-abc', '2026.11.28-abc'), 0);
});

test('isRegression: with versions, only a newer version than the resolved one', () => {
  const resolved = { state: 'RESOLVED' as const, resolvedAt: 1000, resolvedInVersion: '1.4.0' };
  assert.equal(isRegression(resolved, 5000, '1.4.1'), true);
  assert.equal(isRegression(resolved, 5000, '1.4.0'), false);
  assert.equal(isRegression(resolved, 5000, '1.3.9'), false);
});

test('isRegression: without versions, any event after resolution', () => {
  const resolved = { state: 'RESOLVED' as const, resolvedAt: 1000 };
  assert.equal(isRegression(resolved, 1001, undefined), true);
  assert.equal(isRegression(resolved, 999, undefined), false);
  assert.equal(isRegression(resolved, 1001, '2.0.0'), true, 'resolution without version: time decides');
});

test('isRegression: ignored, open and acknowledged issues never regress', () => {
  for (const state of ['IGNORED', 'OPEN', 'ACKNOWLEDGED'] as const) {
    assert.equal(isRegression({ state, resolvedAt: 0 }, 10, '9.9.9'), false);
  }
});
