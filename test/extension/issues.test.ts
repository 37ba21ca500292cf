// Inside the real editor's extension host, with the demo workspace open: the extension activates,
// the tree lists the demo's issues, the CodeLens sits above the function that throws, hovers
// and commands work, and the issue page renders.

import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, until } from './helpers';

const api = extensionApi;

function demoFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the demo workspace is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(text)) return line;
  throw new Error(`"${text}" not in ${document.uri.fsPath}`);
}

describe('Error Tracking in the editor', () => {
  it('registers its commands', async () => {
    await api();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['refresh', 'searchIssues', 'openIssue', 'resolve', 'ignore', 'acknowledge', 'reopen', 'setTimeWindow', 'chooseSource', 'addLogFiles', 'goToTopFrame', 'showOutput', 'connectDatadog', 'copyIssueId']) {
      assert.ok(commands.includes(`errorTracking.${id}`), `errorTracking.${id} is registered`);
    }
  });

  it('lists the demo issues in the tree, all three services (the plain-text publisher log too), rate limits first by count', async () => {
    const exports = await api();
    const labels = await until('tree labels', () => (exports.treeLabels().length >= 4 ? exports.treeLabels() : undefined));
    assert.ok(labels.some((label) => /^RateLimitError: .*rate limit exceeded for account/.test(label)), labels.join('\n'));
    const services = new Set(exports.issues().map((issue) => issue.service));
    assert.deepStrictEqual([...services].sort(), ['enrich-worker', 'nightly-import', 'publisher']);
  });

  it('shows a CodeLens with counts above fetchPage in src/api/client.ts', async () => {
    await api();
    const document = await vscode.workspace.openTextDocument(demoFile('src/api/client.ts'));
    await vscode.window.showTextDocument(document);
    const fetchPageLine = lineOf(document, 'export async function fetchPage');
    const lenses = await until('lenses on fetchPage', async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 20)) ?? [];
      const mine = all.filter((lens) => lens.range.start.line === fetchPageLine && lens.command?.title.startsWith('⚠'));
      return mine.length > 0 ? mine : undefined;
    });
    assert.match(lenses[0].command!.title, /^⚠ \d+ issues? · [\d,.]+k? errors? \(24h\) · last/);
  });

  it('answers a hover on the throwing line with the issue and command links', async () => {
    await api();
    const document = await vscode.workspace.openTextDocument(demoFile('src/api/client.ts'));
    const line = lineOf(document, 'throw new RateLimitError');
    const hovers = await until('a hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 12));
      const ours = found?.filter((hover) => hover.contents.some((part) => (part as vscode.MarkdownString).value?.includes('RateLimitError')));
      return ours?.length ? ours : undefined;
    });
    const text = (hovers[0].contents.find((part) => (part as vscode.MarkdownString).value?.includes('RateLimitError')) as vscode.MarkdownString).value;
    assert.match(text, /command:errorTracking\.openIssue/);
  });

  it('opens the issue page of an issue and renders it', async () => {
    const exports = await api();
    const issue = exports.issues().find((candidate) => candidate.errorKind === 'RateLimitError')!;
    assert.ok(issue, 'the rate-limit issue exists');
    await vscode.commands.executeCommand('errorTracking.openIssue', issue.id);
    const state = await until('the page to render', () => {
      const current = exports.panelState(issue.id) as { rendered: boolean; title: string } | undefined;
      return current?.rendered ? current : undefined;
    });
    assert.match(state.title, /RateLimitError/);
  });

  it('resolving an issue removes it from the open issues and reopening brings it back', async () => {
    const exports = await api();
    const issue = exports.issues().find((candidate) => candidate.errorKind === 'RateLimitError')!;
    await vscode.commands.executeCommand('errorTracking.resolve', issue.id);
    await until('the issue to be resolved', () => exports.issues().find((candidate) => candidate.id === issue.id)?.state === 'RESOLVED');
    assert.ok(!exports.treeLabels().some((label) => label.startsWith('RateLimitError')), 'resolved issues leave the tree');
    await vscode.commands.executeCommand('errorTracking.reopen', issue.id);
    await until('the issue to be open again', () => exports.issues().find((candidate) => candidate.id === issue.id)?.state === 'OPEN');
  });

  it('goes to the top frame of an issue in the workspace source', async () => {
    const exports = await api();
    const issue = exports.issues().find((candidate) => candidate.errorKind === 'RateLimitError')!;
    await vscode.commands.executeCommand('errorTracking.goToTopFrame', issue.id);
    const editor = await until('an editor on client.ts', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('client.ts') ? vscode.window.activeTextEditor : undefined,
    );
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /throw new RateLimitError/);
  });

  it('filters the tree by service and by state, and clears the filter', async () => {
    const exports = await api();
    const all = exports.treeLabels().length;
    await vscode.commands.executeCommand('errorTracking.filterBy', { services: ['enrich-worker'] });
    const enrich = exports.issues().filter((issue) => issue.service === 'enrich-worker' && (issue.state === 'OPEN' || issue.state === 'ACKNOWLEDGED'));
    assert.strictEqual(exports.treeLabels().length, enrich.length);
    await vscode.commands.executeCommand('errorTracking.filterBy', { services: [], states: ['RESOLVED'] });
    assert.strictEqual(exports.treeLabels().length, exports.issues().filter((issue) => issue.state === 'RESOLVED').length);
    await vscode.commands.executeCommand('errorTracking.clearFilter');
    assert.strictEqual(exports.treeLabels().length, all);
  });
});
