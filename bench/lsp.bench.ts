// Language server latencies as an editor sees them: the bundled server (dist/server.js --stdio)
// driven over JSON-RPC on a fresh copy of the demo workspace. Measures CodeLens and hover request
// round trips on src/api/client.ts, and the time from appending one error line to a demo log file
// until the server announces errorTracking/issuesChanged and a CodeLens request shows the new
// count. Also CodeLens over the wire for a generated file with 1,000 functions and 500 issues,
// cached and right after an edit. The follow loop's poll interval (1 s by default; fs.watch usually beats it) is the
// baseline for the append figure: it is what a plain polling reader would cost.

import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
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

interface Server {
  rpc: MessageConnection;
  startToReadyMs: number;
  openIssues: number;
  /** Resolves on the next errorTracking/issuesChanged notification, with its arrival time. */
  nextChange(): Promise<number>;
  open(relative: string): Promise<{ uri: string; text: string }>;
  codeLens(uri: string): Promise<Lens[]>;
  dispose(): Promise<void>;
}

/** Starts dist/server.js on a workspace folder, as an editor would, and waits for its first scan. */
async function startServer(folder: string, now: number): Promise<Server> {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const started = performance.now();
  const server = spawn(process.execPath, [SERVER, '--stdio'], {
    env: { ...process.env, ERRTRACK_NOW: new Date(now).toISOString(), XDG_CACHE_HOME: path.join(folder, '..', 'cache') },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const rpc = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const dispose = async () => {
    await withTimeout(rpc.sendRequest('shutdown'), 2000, '').catch(() => undefined);
    await rpc.sendNotification('exit').catch(() => undefined);
    rpc.dispose();
    server.kill();
  };
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
    let changed: ((at: number) => void) | undefined;
    rpc.onNotification('errorTracking/issuesChanged', () => changed?.(performance.now()));
    rpc.listen();
    const folderUri = pathToFileURL(folder).href;
    await rpc.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
      capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } } },
    });
    await rpc.sendNotification('initialized', {});
    await withTimeout(ready, 120_000, 'the server did not report ready within 120 s');
    return {
      rpc,
      startToReadyMs: Math.round(performance.now() - started),
      openIssues,
      nextChange: () => new Promise<number>((resolve) => (changed = (at) => ((changed = undefined), resolve(at)))),
      async open(relative) {
        const file = path.join(folder, relative);
        const text = readFileSync(file, 'utf8');
        const uri = pathToFileURL(file).href;
        await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
        return { uri, text };
      },
      codeLens: async (uri) => (await rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[],
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export async function benchLsp(options: { requests?: number; appends?: number } = {}): Promise<LspBenchResult> {
  const requests = options.requests ?? 50;
  const appends = options.appends ?? 10;
  const demo = await demoWorkspace();
  let server: Server | undefined;
  try {
    server = await startServer(demo.folder, demo.now);
    const { rpc } = server;
    const { uri, text } = await server.open('src/api/client.ts');
    const lensLine = lineOf(text, 'export async function fetchPage');
    const hoverLine = lineOf(text, 'throw new RateLimitError');
    const codeLens = () => server!.codeLens(uri);
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
      const notified = server.nextChange();
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
    }
    return {
      startToReadyMs: server.startToReadyMs,
      openIssues: server.openIssues,
      lens: summarize(lensSamples),
      hover: summarize(hoverSamples),
      append: summarize(appendSamples),
      appendNotify: summarize(notifySamples),
      pollMs: FOLLOW_POLL_MS,
    };
  } finally {
    await server?.dispose();
    demo.dispose();
  }
}

export interface LspBigFileResult {
  functions: number;
  issues: number;
  lenses: number;
  startToReadyMs: number;
  /** Round trip with the document's outline cached (the editor re-asking for the same version). */
  cached: Timing;
  /** didChange (a new version: outline recomputed) followed by the CodeLens round trip. */
  afterEdit: Timing;
}

/**
 * CodeLens over the wire for a file with 1,000 functions and 500 issues whose top frames fall in
 * 500 of them: a generated workspace (src/big.ts and one JSON Lines log of 2,000 error events).
 */
export async function benchLspBigFile(options: { requests?: number; functions?: number; issues?: number } = {}): Promise<LspBigFileResult> {
  const requests = options.requests ?? 50;
  const functions = options.functions ?? 1000;
  const issueCount = options.issues ?? 500;
  const now = Date.parse('2026-11-28T12:00:00Z');
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'errtrack-bigfile-')), 'big');
  let server: Server | undefined;
  try {
    writeBigWorkspace(folder, functions, issueCount, now);
    server = await startServer(folder, now);
    const { uri, text } = await server.open('src/big.ts');
    const first = await server.codeLens(uri);
    if (first.length < issueCount) throw new Error(`expected a lens per failing function, got ${first.length} for ${issueCount} issues`);
    const cachedSamples: number[] = [];
    const editSamples: number[] = [];
    for (let i = 0; i < requests; i++) {
      let t = performance.now();
      await server.codeLens(uri);
      cachedSamples.push(performance.now() - t);
      // A trailing comment keeps every function on its line while making a new version.
      const edited = `${text}// edit ${i}\n`;
      t = performance.now();
      await server.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: edited }] });
      await server.codeLens(uri);
      editSamples.push(performance.now() - t);
    }
    return {
      functions,
      issues: server.openIssues,
      lenses: first.length,
      startToReadyMs: server.startToReadyMs,
      cached: summarize(cachedSamples),
      afterEdit: summarize(editSamples),
    };
  } finally {
    await server?.dispose();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  }
}

function writeBigWorkspace(folder: string, functions: number, issues: number, now: number): void {
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  mkdirSync(path.join(folder, 'logs'), { recursive: true });
  const source: string[] = [];
  for (let i = 0; i < functions; i++) {
    source.push(`export async function handler${i}(input: { id: string }): Promise<string> {`);
    source.push(`  const value = await load(input.id, ${i});`);
    source.push(`  if (!value) throw new Error('missing ${i}');`);
    source.push('  return value;', '}', '');
  }
  source.push('declare function load(id: string, n: number): Promise<string | undefined>;', '');
  writeFileSync(path.join(folder, 'src', 'big.ts'), source.join('\n'));
  const lines: string[] = [];
  for (let i = 0; i < issues; i++) {
    const fn = (i * 2) % functions; // every other function fails
    const kind = ['TypeError', 'RangeError', 'Error', 'SyntaxError'][i % 4];
    for (let k = 0; k < 4; k++) {
      const message = `handler ${fn} failed on item ${k * 31 + i}`;
      const stack = `${kind}: ${message}\n    at handler${fn} (/app/src/big.ts:${fn * 6 + 3}:24)\n    at async main (/app/src/main.ts:12:3)`;
      const timestamp = new Date(now - ((i * 4 + k) % 1400) * 60_000).toISOString();
      lines.push(JSON.stringify({ timestamp, status: 'error', service: 'big', message, error: { kind, message, stack } }));
    }
  }
  writeFileSync(path.join(folder, 'logs', 'app.jsonl'), lines.join('\n') + '\n');
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
