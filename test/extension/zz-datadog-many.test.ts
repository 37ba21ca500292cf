// More Datadog issues than one search returns (100), in the real editor: the tree lists them all
// with the assignee, and says so plainly when Datadog's cap still hides some. Against the stand-in
// Datadog, which caps each search at 100 as the API documents. Switches the source and back.

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ErrorTrackingApi } from '../../src/extension/main';
import { startStandInDatadog } from '../fixtures/datadog/serve';
import type { FakeDatadog } from '../unit/datadog/fake-datadog';
import { extensionApi, until } from './helpers';

describe('Datadog source with more than 100 issues in the editor', function () {
  const apiKey = process.env.DD_API_KEY;
  const appKey = process.env.DD_APP_KEY;
  let standIn: FakeDatadog | undefined;
  let api: ErrorTrackingApi;
  const config = () => vscode.workspace.getConfiguration('errorTracking');

  async function serve(options: { extraIssues: number; extraServices?: string[] }): Promise<void> {
    await standIn?.stop();
    standIn = await startStandInDatadog({ keys: [apiKey!, appKey!], ...options });
    await config().update('datadog.baseUrl', standIn.url, vscode.ConfigurationTarget.Global);
  }

  before(async function () {
    if (!apiKey || !appKey) this.skip();
    api = await extensionApi();
    await serve({ extraIssues: 150 });
    await config().update('source', 'datadog', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('source', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('datadog.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await standIn?.stop();
  });

  it('lists all 152 open issues, past the 100-per-search cap, with the assignee', async () => {
    const rows = await until('more than 100 Datadog issues in the tree', () => {
      const shown = api.treeRows();
      return api.issues().filter((issue) => issue.source === 'datadog').length >= 152 && shown.length >= 152 ? shown : undefined;
    }, 60_000);
    assert.ok(!rows[0].label.includes('more than'), `no notice when nothing is missing: ${rows[0].label}`);
    const assigned = rows.filter((row) => row.description?.includes('@Dana Ops'));
    assert.strictEqual(assigned.length, 1, 'the assigned issue shows its assignee');
    const searches = standIn!.requests.filter((request) => request.path === '/api/v2/error-tracking/issues/search');
    assert.ok(searches.length > 1, 'the full answer was split into more searches');
  });

  it('says plainly in the tree when some issues may still be missing', async () => {
    // One service, all issues busy all day: splitting cannot get each search below 100.
    await serve({ extraIssues: 180, extraServices: ['billing-api'] });
    const notice = await until('the notice', () => {
      const [first] = api.treeRows();
      return first && / of more than \d+ issues/.test(first.label) ? first : undefined;
    }, 60_000);
    assert.match(notice.label, /^last (1h|24h|7d|30d): showing (\d+) of more than \2 issues/);
  });
});
