// Language server latencies as an editor sees them: the bundled server (dist/server.js --stdio)
// driven over JSON-RPC on a fresh copy of the demo workspace. Measures CodeLens and hover request
// round trips on src/api/client.ts, and the time from appending one error line to a demo log file
// until the server announces errorTracking/issuesChanged and a CodeLens request shows the new
// count. The follow loop's poll interval (1 s by default; fs.watch usually beats it) is the
// baseline for the append figure: it is what a plain polling reader would cost.

import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { demoWorkspace, lineOf, REPO } from '../test/support/demo-workspace';
import { summarize, type Timing } from './stats';

const SERVER = path.join(REPO, 'dist', 'server.js');
/** Follower and discovery default in src/sources/local (pollMs ?? 1000). */
export const FOLLOW_POLL_MS = 1000;

interface Lens {
  range: { start: { line: number } };
  command?: { title: string };
}

export interface LspBenchResult {
  startToReadyMs: number;
  openIssues: number;
  lens: Timing;
  hover: Timing;
  append: Timing;
  appendNotify: Timing;
  pollMs: number;
}

export async function benchLsp(options: { requests?: number; appends?: number } = {}): Promise<LspBenchResult> {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const requests = options.requests ?? 50;
  const appends = options.appends ?? 10;
  const demo = await demoWorkspace();
  const started = performance.now();
  const server = spawn(process.execPath, [SERVER, '--stdio'], {
    env: { ...process.env, ERRTRACK_NOW: new Date(demo.now).toISOString(), XDG_CACHE_HOME: path.join(demo.folder, '..', 'cache') },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const rpc = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  try {
    const settings = { local: { logFiles: ['logs/**/*.jsonl'] }, pathMappings: { '/app/': '${workspaceFolder}/' }, timeWindow: '24h' };
    rpc.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    rpc.onRequest('workspace/codeLens/refresh', () => null);
    rpc.onRequest('client/registerCapability', () => null);
    rpc.onNotification('window/logMessage', () => undefined);
    rpc.onNotification('errorTracking/issueEvents', () => undefined);
    let openIssues = 0;
    const ready = new Promise<void>((resolve) =>
      rpc.onNotification('errorTracking/statusChanged', (status: { state: string; openIssues: number }) => {
        openIssues = status.openIssues;
        if (status.state === 'ready') resolve();
      }),
    );
    let changed: (() => void) | undefined;
    rpc.onNotification('errorTracking/issuesChanged', () => changed?.());
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
    const startToReadyMs = performance.now() - started;

    const file = path.join(demo.folder, 'src', 'api', 'client.ts');
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const lensLine = lineOf(text, 'export async function fetchPage');
    const hoverLine = lineOf(text, 'throw new RateLimitError');
    const codeLens = async () => (await rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
    const summary = async () => (await codeLens()).find((lens) => lens.range.start.line === lensLine)?.command?.title ?? '';
    if (!(await summary())) throw new Error(`no lens above fetchPage (line ${lensLine}) in the demo`);

    const lensSamples: number[] = [];
    const hoverSamples: number[] = [];
    for (let i = 0; i < requests; i++) {
      let t = performance.now();
      await codeLens();
      lensSamples.push(performance.now() - t);
      t = performance.now();
      const hover = await rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: hoverLine, character: 10 } });
      hoverSamples.push(performance.now() - t);
      if (!hover) throw new Error('no hover on the throwing line of the demo');
    }

    // One RateLimitError line as the demo logs it, at "now" minus a minute (inside the 24h window).
    const log = path.join(demo.folder, 'logs', 'nightly-import', '2026-11-28.jsonl');
    const template = readFileSync(log, 'utf8').split('\n').reverse().find((line) => line.includes('"kind":"RateLimitError"'));
    if (!template) throw new Error('no RateLimitError line in the demo log to copy');
    const appendSamples: number[] = [];
    const notifySamples: number[] = [];
    for (let i = 0; i < appends; i++) {
      const before = await summary();
      const line = JSON.stringify({ ...JSON.parse(template), timestamp: new Date(demo.now - 60_000 + i).toISOString() });
      const notified = new Promise<number>((resolve) => (changed = () => resolve(performance.now())));
      const t = performance.now();
      appendFileSync(log, line + '\n');
      const at = await withTimeout(notified, 10_000, 'no errorTracking/issuesChanged within 10 s of an append');
      notifySamples.push(at - t);
      for (let tries = 0; ; tries++) {
        if (counted(await summary()) > counted(before)) break;
        if (tries > 200) throw new Error(`the lens never showed the appended error (still "${before}")`);
        await new Promise((r) => setTimeout(r, 5));
      }
      appendSamples.push(performance.now() - t);
      changed = undefined;
    }
    return {
      startToReadyMs: Math.round(startToReadyMs),
      openIssues,
      lens: summarize(lensSamples),
      hover: summarize(hoverSamples),
      append: summarize(appendSamples),
      appendNotify: summarize(notifySamples),
      pollMs: FOLLOW_POLL_MS,
    };
  } finally {
    await withTimeout(rpc.sendRequest('shutdown'), 2000, '').catch(() => undefined);
    await rpc.sendNotification('exit').catch(() => undefined);
    rpc.dispose();
    server.kill();
    demo.dispose();
  }
}

/** The error count in a summary lens ("⚠ 2 issues · 1,234 errors (24h) · …"). */
function counted(title: string): number {
  const m = /([\d,]+) errors?\b/.exec(title);
  if (!m) throw new Error(`cannot read an error count in the lens "${title}"`);
  return Number(m[1].replace(/,/g, ''));
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
