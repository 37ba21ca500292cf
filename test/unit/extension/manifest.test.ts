// What a marketplace reviewer checks in package.json, and what keeps a repository from
// steering the extension: activation, category, icon, licence, trust, user-only settings.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { DEFAULT_SETTINGS } from '../../../src/protocol/messages';
import { DATADOG_SITES } from '../../../src/sources/datadog/sites';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

/** Whether the packaged .vsix holds this file (vsce includes what `files` matches). */
const packaged = (file: string) => (manifest.files as string[]).some((glob) => picomatch(glob)(file));

describe('the extension manifest', () => {
  it('activates where there are logs to read, not in every window', () => {
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(!manifest.activationEvents.includes('*'));
    for (const glob of properties['errorTracking.local.logFiles'].default) {
      assert.ok(manifest.activationEvents.includes(`workspaceContains:${glob}`), `workspaceContains:${glob}`);
    }
    assert.deepEqual(properties['errorTracking.local.logFiles'].default, DEFAULT_SETTINGS.local.logFiles, 'one default for the log globs');
    // The editor's glob search skips .gitignored files, and logs/ is usually ignored: a plain
    // name is checked with a stat instead, ignore files or not.
    assert.ok(manifest.activationEvents.includes('workspaceContains:logs'));
  });

  it('is not filed under Debuggers, and ships a 128x128 PNG icon, the MIT licence and a changelog', () => {
    assert.ok(!manifest.categories.includes('Debuggers'));
    const icon = readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.equal(manifest.license, 'MIT');
    assert.match(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.ok(existsSync(path.join(ROOT, 'CHANGELOG.md')));
    for (const file of [manifest.icon, 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'dist/server.js', 'dist/datadog.js']) assert.ok(packaged(file), `${file} is packaged`);
    assert.ok(!packaged('dist/cli.js'), 'the CLI is not in the .vsix (the extension never runs it)');
  });

  it('disables every command that talks to the language server in Restricted Mode', () => {
    const serverCommands = ['refresh', 'searchIssues', 'openIssue', 'showIssues', 'resolve', 'ignore', 'acknowledge', 'reopen', 'copyIssueId', 'goToTopFrame', 'setTimeWindow', 'filterIssues', 'filterBy', 'groupBy', 'sortBy', 'restartServer'];
    for (const name of serverCommands) {
      const command = manifest.contributes.commands.find((c: { command: string }) => c.command === `errorTracking.${name}`);
      assert.equal(command?.enablement, 'isWorkspaceTrusted', name);
    }
  });

  it('hides Disconnect and Clear Filter from the palette when they would do nothing', () => {
    const palette = manifest.contributes.menus.commandPalette as { command: string; when: string }[];
    assert.equal(palette.find((m) => m.command === 'errorTracking.disconnectDatadog')?.when, 'errorTracking.datadogConnected');
    assert.equal(palette.find((m) => m.command === 'errorTracking.clearFilter')?.when, 'errorTracking.filtered');
  });

  it('declares each default once: the server\'s fallbacks are the manifest\'s defaults', () => {
    const leaves = (value: unknown, prefix: string): [string, unknown][] =>
      value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 && !prefix.endsWith('fieldMapping') && !prefix.endsWith('pathMappings') && !prefix.endsWith('inApp')
        ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key))
        : [[prefix, value]];
    for (const [key, value] of leaves(DEFAULT_SETTINGS, '')) {
      assert.ok(properties[`errorTracking.${key}`], `errorTracking.${key} is declared`);
      assert.deepEqual(properties[`errorTracking.${key}`].default, value, `errorTracking.${key}`);
    }
  });

  it('lets only the user choose where the Datadog keys go', () => {
    assert.equal(properties['errorTracking.datadog.site'].scope, 'application');
    assert.equal(properties['errorTracking.datadog.baseUrl'].scope, 'machine');
    assert.deepEqual(properties['errorTracking.datadog.site'].enum, [...DATADOG_SITES]);
  });
});
