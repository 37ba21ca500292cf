// Drives the bundled language server (dist/server.js --stdio) with a plain LSP client, as any
// LSP editor would: initialize, answer its configuration pull, open a demo file, ask for lenses
// and a hover, and check what a user would read and where.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { demoWorkspace, lineOf, REPO, type DemoCopy } from '../../support/demo-workspace';

const SERVER = path.join(REPO, 'dist', 'server.js');

interface Lens {
  range: { start: { line: number } };
  command?: { title: string; command: string; arguments?: unknown[] };
}

describe('language server over stdio', { skip: !existsSync(SERVER) && 'dist/server.js is missing: run `npm run build` first' }, () => {
  let demo: DemoCopy;
  let server: ChildProcess;
  let rpc: MessageConnection;
  const statuses: { state: string; openIssues: number }[] = [];
  let ready: Promise<void>;
  let settings: Record<string, unknown>;

  before(async () => {
    demo = await demoWorkspace();
    server = spawn(process.execPath, [SERVER, '--stdio'], {
      env: { ...process.env, ERRTRACK_NOW: new Date(demo.now).toISOString(), XDG_CACHE_HOME: path.join(demo.folder, '..', 'cache') },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    rpc = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    settings = {
      local: { logFiles: ['logs/**/*.jsonl'] },
      pathMappings: { '/app/': '${workspaceFolder}/' },
      timeWindow: '24h',
    };
    rpc.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    rpc.onRequest('workspace/codeLens/refresh', () => null);
    rpc.onRequest('client/registerCapability', () => null);
    rpc.onNotification('window/logMessage', () => undefined);
    ready = new Promise((resolve) =>
      rpc.onNotification('errorTracking/statusChanged', (status: { state: string; openIssues: number }) => {
        statuses.push(status);
        if (status.state === 'ready') resolve();
      }),
    );
    rpc.listen();
    const folderUri = pathToFileURL(demo.folder).href;
    await rpc.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'nightly-import' }],
      capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } } },
    });
    await rpc.sendNotification('initialized', {});
    await ready;
  }, { timeout: 60_000 });

  after(async () => {
    await rpc?.sendRequest('shutdown').catch(() => undefined);
    await rpc?.sendNotification('exit').catch(() => undefined);
    rpc?.dispose();
    server?.kill();
    demo?.dispose();
  });

  function open(relative: string): { uri: string; text: string } {
    const file = path.join(demo.folder, relative);
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    return { uri, text };
  }

  it('reports the scan as ready with open issues', () => {
    const last = statuses.at(-1)!;
    assert.equal(last.state, 'ready');
    assert.ok(last.openIssues >= 4, `expected several open issues, got ${last.openIssues}`);
  });

  it('puts a summary lens with counts and recency above the function that throws the rate-limit error', async () => {
    const { uri, text } = open('src/api/client.ts');
    const lenses = (await rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
    const fetchPageLine = lineOf(text, 'export async function fetchPage');
    const atFetchPage = lenses.filter((lens) => lens.range.start.line === fetchPageLine);
    assert.ok(atFetchPage.length > 0, `no lens on line ${fetchPageLine}; lenses: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`);
    const summary = atFetchPage[0].command!;
    assert.match(summary.title, /^⚠ \d+ issues? · [\d,.]+k? errors? \(24h\) · last (just now|\d+ min ago)/);
    assert.ok(['errorTracking.showIssues', 'errorTracking.openIssue'].includes(summary.command));
    assert.ok(atFetchPage.some((lens) => /RateLimitError: .*rate limit exceeded for account/.test(lens.command!.title)), 'a per-issue lens names the rate-limit issue');
  });

  it('answers a hover on the throwing line with the issue, its counts and command links', async () => {
    const { uri, text } = open('src/api/client.ts');
    const line = lineOf(text, 'throw new RateLimitError');
    const hover = (await rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 10 } })) as {
      contents: { kind: string; value: string };
    } | null;
    assert.ok(hover, 'a hover on the frame line');
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*RateLimitError\*\*/);
    assert.match(hover.contents.value, /command:errorTracking\.openIssue\?/);
    assert.match(hover.contents.value, /command:errorTracking\.resolve\?/);
  });

  it('lists issues through the custom request, sorted by count, with mapped top frames', async () => {
    const issues = (await rpc.sendRequest('errorTracking/listIssues', { window: '7d' })) as {
      count: number;
      service: string;
      topFrame?: { location?: { path: string } };
    }[];
    assert.ok(issues.length >= 4);
    for (let i = 1; i < issues.length; i++) assert.ok(issues[i - 1].count >= issues[i].count, 'sorted by count');
    assert.deepEqual([...new Set(issues.map((issue) => issue.service))].sort(), ['enrich-worker', 'nightly-import']);
    assert.ok(issues.some((issue) => issue.topFrame?.location?.path.startsWith(demo.folder)), 'top frames map into the workspace');
  });

  it('answers "more samples" with null for the local source, which keeps a fixed set and does not page', async () => {
    const [issue] = (await rpc.sendRequest('errorTracking/listIssues', { window: '7d' })) as { id: string }[];
    const details = (await rpc.sendRequest('errorTracking/getIssue', { id: issue.id, window: '7d' })) as { canLoadMoreSamples?: boolean };
    assert.equal(details.canLoadMoreSamples, undefined, 'the page offers no "Load more samples"');
    assert.equal(await rpc.sendRequest('errorTracking/moreSamples', { id: issue.id, window: '7d' }), null);
  });

  it('drops the lens of a resolved issue', async () => {
    const { uri, text } = open('src/api/client.ts');
    const fetchPageLine = lineOf(text, 'export async function fetchPage');
    const before = (await rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
    const rateLimitLens = before.find((lens) => lens.range.start.line === fetchPageLine && /RateLimitError/.test(lens.command!.title))!;
    const id = rateLimitLens.command!.arguments![0] as string;
    await rpc.sendRequest('errorTracking/setState', { id, state: 'RESOLVED' });
    const afterResolve = (await rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
    assert.ok(!afterResolve.some((lens) => lens.command?.arguments?.[0] === id), 'the resolved issue has no lens any more');
    await rpc.sendRequest('errorTracking/setState', { id, state: 'OPEN' });
  });

  it('applies a new time window live without reading the logs again', async () => {
    const { uri, text } = open('src/api/client.ts');
    const scansBefore = statuses.filter((status) => status.state === 'scanning').length;
    settings = { ...settings, timeWindow: '7d' };
    await rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const fetchPageLine = lineOf(text, 'export async function fetchPage');
    let title = '';
    for (let attempt = 0; attempt < 50 && !title.includes('(7d)'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lenses = (await rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
      title = lenses.find((lens) => lens.range.start.line === fetchPageLine)?.command?.title ?? '';
    }
    assert.match(title, /errors \(7d\)/);
    assert.equal(statuses.filter((status) => status.state === 'scanning').length, scansBefore, 'no rescan for a window change');
  });
});
