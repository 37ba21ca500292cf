// Restricted Mode in the real editor: the demo folder opened untrusted (Workspace Trust on, no
// prompt), every command that talks to the language server run the way another extension or a
// keybinding would, and then: no server process was started and no log file was read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../helpers';

/** Processes on this machine whose command line runs this extension's server bundle. */
function serverProcesses(serverModule: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(serverModule)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function logFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return logFiles(file);
    return /\.(jsonl|ndjson|log)$/.test(entry.name) ? [file] : [];
  });
}

// Everything the manifest marks isWorkspaceTrusted, with arguments that skip their pickers.
const COMMANDS: [string, ...unknown[]][] = [
  ['errorTracking.refresh'],
  ['errorTracking.searchIssues'],
  ['errorTracking.openIssue', 'some-issue'],
  ['errorTracking.showIssues', ['some-issue']],
  ['errorTracking.resolve', 'some-issue'],
  ['errorTracking.ignore', 'some-issue'],
  ['errorTracking.acknowledge', 'some-issue'],
  ['errorTracking.reopen', 'some-issue'],
  ['errorTracking.copyIssueId', 'some-issue'],
  ['errorTracking.goToTopFrame', 'some-issue'],
  ['errorTracking.setTimeWindow', '7d'],
  ['errorTracking.filterBy', { services: ['enrich-worker'] }],
  ['errorTracking.groupBy', 'file'],
  ['errorTracking.sortBy', 'lastSeen'],
  ['errorTracking.restartServer'],
];

describe('Restricted Mode: an untrusted folder', function () {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  let serverModule = '';
  let files: string[] = [];
  // Access times far in the past: reading a file moves its atime (relatime does when atime < mtime).
  const longAgo = new Date('2001-01-01T00:00:00Z');

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    serverModule = path.join(extension.extensionPath, 'dist', 'server.js');
    files = logFiles(path.join(folder, 'logs'));
    assert.ok(files.length > 0, 'the demo workspace has log files');
    for (const file of files) fs.utimesSync(file, longAgo, fs.statSync(file).mtime);
    await extension.activate();
  });

  it('opens the folder untrusted, and the extension activates there', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('runs every server command without starting a server or reading a log file', async () => {
    for (const [command, ...args] of COMMANDS) {
      // A command that waits for a picker must not hold the test: a second is plenty to start a server.
      await Promise.race([
        Promise.resolve(vscode.commands.executeCommand(command, ...args)).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1000)),
      ]);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    // A started server would be reading by now: give it the time a first scan takes to begin.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepEqual(serverProcesses(serverModule), [], `no process runs ${serverModule}`);
    const read = files.filter((file) => fs.statSync(file).atimeMs > longAgo.getTime() + 1000);
    assert.deepEqual(read, [], 'no log file was read');
  });

  it('leaves the view choices alone (the commands refused)', () => {
    const configuration = vscode.workspace.getConfiguration('errorTracking');
    assert.equal(configuration.inspect('timeWindow')?.globalValue, undefined);
    assert.equal(configuration.inspect('tree.groupBy')?.globalValue, undefined);
  });
});
