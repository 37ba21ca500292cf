// Proves the harness end to end: the extension host found our extension, activated it, and the
// commands the manifest promises (see /tmp/contracts.md) are registered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'errtrack.error-tracking-logs';
const COMMANDS = [
  'errorTracking.refresh',
  'errorTracking.searchIssues',
  'errorTracking.openIssue',
  'errorTracking.resolve',
  'errorTracking.ignore',
  'errorTracking.acknowledge',
  'errorTracking.reopen',
  'errorTracking.setTimeWindow',
  'errorTracking.chooseSource',
  'errorTracking.addLogFiles',
  'errorTracking.goToTopFrame',
  'errorTracking.showOutput',
  'errorTracking.connectDatadog',
  'errorTracking.disconnectDatadog',
  'errorTracking.copyIssueId',
  'errorTracking.showIssues',
];

describe('smoke: the extension in a real editor', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command of the contract', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('opens the demo workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'expected exactly one workspace folder');
  });
});
