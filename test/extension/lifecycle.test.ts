// The extension through what happens to it in real use: view choices made from the palette,
// the language server crashing, and Restart Server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, until } from './helpers';

/** Pids of the processes running this extension's server bundle. */
function serverPids(): number[] {
  const module = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'server.js');
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(module);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('Lifecycle in the editor', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const configuration = () => vscode.workspace.getConfiguration('errorTracking');

  it('keeps view choices in the user settings, never in the repository\'s .vscode/settings.json', async () => {
    await extensionApi();
    try {
      await vscode.commands.executeCommand('errorTracking.setTimeWindow', '7d');
      await vscode.commands.executeCommand('errorTracking.groupBy', 'state');
      await vscode.commands.executeCommand('errorTracking.sortBy', 'lastSeen');
      assert.strictEqual(configuration().inspect('timeWindow')?.globalValue, '7d');
      assert.strictEqual(configuration().inspect('tree.groupBy')?.globalValue, 'state');
      assert.strictEqual(configuration().inspect('tree.sortBy')?.globalValue, 'lastSeen');
      for (const key of ['timeWindow', 'tree.groupBy', 'tree.sortBy']) assert.strictEqual(configuration().inspect(key)?.workspaceValue, undefined, key);
      const repoSettings = path.join(folder(), '.vscode', 'settings.json');
      const text = fs.existsSync(repoSettings) ? fs.readFileSync(repoSettings, 'utf8') : '';
      assert.ok(!/timeWindow|groupBy|sortBy/.test(text), text);
    } finally {
      for (const key of ['timeWindow', 'tree.groupBy', 'tree.sortBy']) await configuration().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('gets its server back after a crash, and answers requests again', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const [crashed] = await until('the server process', () => (serverPids().length === 1 ? serverPids() : undefined));
    process.kill(crashed, 'SIGKILL');
    const [restarted] = await until('a new server process', () => {
      const pids = serverPids().filter((pid) => pid !== crashed);
      return pids.length === 1 && api.serverState() === 'running' ? pids : undefined;
    });
    assert.notStrictEqual(restarted, crashed);
    await vscode.commands.executeCommand('errorTracking.refresh');
    await until('issues from the new server', () => (api.issues().length > 0 ? true : undefined));
  });

  it('Restart Server replaces the server and the issues come back', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const [before] = await until('the server process', () => (serverPids().length === 1 ? serverPids() : undefined));
    await vscode.commands.executeCommand('errorTracking.restartServer');
    const [after] = await until('the new server process', () => {
      const pids = serverPids();
      return pids.length === 1 && pids[0] !== before && api.serverState() === 'running' ? pids : undefined;
    });
    assert.notStrictEqual(after, before);
    await vscode.commands.executeCommand('errorTracking.refresh');
    await until('issues from the restarted server', () => (api.issues().length > 0 ? true : undefined));
  });
});
