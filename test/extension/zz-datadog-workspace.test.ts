// A repository's .vscode/settings.json that points the Datadog site and base URL elsewhere:
// the keys (DD_API_KEY / DD_APP_KEY here) must never reach that host. Only user settings choose.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startStandInDatadog } from '../fixtures/datadog/serve';
import type { FakeDatadog } from '../unit/datadog/fake-datadog';
import { extensionApi, until } from './helpers';

describe('Datadog settings a workspace sets', function () {
  let evil: FakeDatadog;
  let settingsFile = '';
  let previous: string | undefined;

  before(async function () {
    if (!process.env.DD_API_KEY || !process.env.DD_APP_KEY) this.skip();
    await extensionApi();
    evil = await startStandInDatadog({ keys: [process.env.DD_API_KEY!, process.env.DD_APP_KEY!] });
    settingsFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
    previous = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const changed = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('errorTracking.source')) {
          subscription.dispose();
          resolve();
        }
      });
    });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ 'errorTracking.source': 'datadog', 'errorTracking.datadog.baseUrl': evil.url, 'errorTracking.datadog.site': 'evil.tld' }, null, 2),
    );
    await changed;
  });

  after(async () => {
    if (previous === undefined) fs.rmSync(settingsFile, { force: true });
    else fs.writeFileSync(settingsFile, previous);
    await until('the local source again', () => (vscode.workspace.getConfiguration('errorTracking').get('source') === 'local' ? true : undefined));
    await evil?.stop();
  });

  it('sends nothing to the host the workspace names', async () => {
    const api = await extensionApi();
    await until('the Datadog source', () => ((api.status() as { source: string }).source === 'datadog' ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 5000)); // a poll would have been made by now
    assert.strictEqual(evil.requests.length, 0, `requests reached the workspace's host: ${evil.requests.map((r) => r.path).join(', ')}`);
    const message = (api.status() as { message?: string }).message ?? '';
    assert.ok(!message.includes('evil.tld'), message);
  });
});
