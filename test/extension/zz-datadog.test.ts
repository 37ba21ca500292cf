// The Datadog source in the real editor, against a stand-in Datadog on 127.0.0.1 answering in
// the API's shapes: the same tree, lenses and issue page, fed through @datadog/datadog-api-client.
// Runs last (zz-): it switches the source and switches it back. Keys come from DD_API_KEY /
// DD_APP_KEY given to the editor by the harness, as Datadog's own tools take them.

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ErrorTrackingApi } from '../../src/extension/main';
import { startStandInDatadog } from '../fixtures/datadog/serve';
import type { FakeDatadog } from '../unit/datadog/fake-datadog';
import { extensionApi, until } from './helpers';

describe('Datadog source in the editor', function () {
  const apiKey = process.env.DD_API_KEY;
  const appKey = process.env.DD_APP_KEY;
  let standIn: FakeDatadog;
  let api: ErrorTrackingApi;
  const config = () => vscode.workspace.getConfiguration('errorTracking');

  before(async function () {
    if (!apiKey || !appKey) this.skip();
    api = await extensionApi();
    standIn = await startStandInDatadog({ keys: [apiKey!, appKey!] });
    await config().update('datadog.baseUrl', standIn.url, vscode.ConfigurationTarget.Global);
    await config().update('source', 'datadog', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('source', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('datadog.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await standIn?.stop();
  });

  it('lists the Datadog issues in the tree', async () => {
    const issues = await until('Datadog issues', () => {
      const fromDatadog = api.issues().filter((issue) => issue.source === 'datadog');
      return fromDatadog.length > 0 ? fromDatadog : undefined;
    });
    assert.ok(issues.some((issue) => issue.service === 'nightly-import'), JSON.stringify(issues.map((i) => i.service)));
    assert.ok(api.treeLabels().length >= issues.filter((i) => i.state === 'OPEN' || i.state === 'ACKNOWLEDGED').length);
  });

  it('sent the keys in Datadog\'s headers to the configured base URL', () => {
    const searches = standIn.requests.filter((request) => request.path === '/api/v2/error-tracking/issues/search');
    assert.ok(searches.length > 0, 'the issue search reached the stand-in');
    assert.strictEqual(searches[0].headers['dd-api-key'], apiKey);
    assert.strictEqual(searches[0].headers['dd-application-key'], appKey);
  });

  it('opens a Datadog issue page with its stack from the sampled logs', async () => {
    const issue = api.issues().find((candidate) => candidate.source === 'datadog')!;
    await vscode.commands.executeCommand('errorTracking.openIssue', issue.id);
    const state = await until('the page to render', () => {
      const current = api.panelState(issue.id) as { rendered: boolean; title: string } | undefined;
      return current?.rendered ? current : undefined;
    });
    assert.ok(state.title.includes(issue.errorKind), state.title);
  });

  it('shows a CodeLens from Datadog issues above a demo function', async () => {
    const issue = await until('a Datadog issue with a mapped in-app frame', () =>
      api.issues().find((candidate) => candidate.source === 'datadog' && candidate.inAppFrames?.some((frame) => frame.location)),
    );
    const location = issue.inAppFrames!.find((frame) => frame.location)!.location!;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(location.path));
    const lenses = await until('a lens', async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 20)) ?? [];
      const ours = all.filter((lens) => lens.command?.title.startsWith('⚠'));
      return ours.length > 0 ? ours : undefined;
    });
    assert.match(lenses[0].command!.title, /^⚠ \d+ issues? · /);
  });
});
