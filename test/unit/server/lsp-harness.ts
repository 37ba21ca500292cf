// Spawns the bundled language server (dist/server.js --stdio) with a plain JSON-RPC client, as
// any LSP editor would: it answers the configuration pull with `settings` and records statuses.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { REPO } from '../../support/demo-workspace';

// ERRTRACK_SERVER_JS: another build of the server (e.g. to see a test fail on an older commit).
export const SERVER = process.env.ERRTRACK_SERVER_JS ?? path.join(REPO, 'dist', 'server.js');
export const NO_SERVER = !existsSync(SERVER) && 'dist/server.js is missing: run `npm run build` first';

export interface Status {
  source: string;
  state: string;
  openIssues: number;
}

export interface LspSession {
  rpc: MessageConnection;
  server: ChildProcess;
  statuses: Status[];
  logs: string[];
  exited: Promise<number | null>;
  /** Resolves with the first status in this state. */
  status(state: string): Promise<Status>;
  /** shutdown, exit, and the process's end. */
  close(): Promise<void>;
}

export async function startLsp(options: {
  folder: string;
  settings: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  initializationOptions?: Record<string, unknown>;
  beforeListen?(rpc: MessageConnection): void;
}): Promise<LspSession> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const server = spawn(process.execPath, [SERVER, '--stdio'], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  const rpc = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const statuses: Status[] = [];
  const logs: string[] = [];
  const waiters: { state: string; resolve(status: Status): void }[] = [];
  rpc.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings));
  rpc.onRequest('workspace/codeLens/refresh', () => null);
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
  rpc.onNotification('errorTracking/statusChanged', (status: Status) => {
    statuses.push(status);
    for (const waiter of waiters.filter((w) => w.state === status.state)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(status);
    }
  });
  options.beforeListen?.(rpc);
  rpc.listen();
  const folderUri = pathToFileURL(options.folder).href;
  await rpc.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(options.folder) }],
    capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } } },
    initializationOptions: options.initializationOptions,
  });
  await rpc.sendNotification('initialized', {});
  return {
    rpc,
    server,
    statuses,
    logs,
    exited,
    status: (state) =>
      new Promise((resolve) => {
        const seen = statuses.find((s) => s.state === state);
        if (seen) resolve(seen);
        else waiters.push({ state, resolve });
      }),
    close: async () => {
      await rpc.sendRequest('shutdown').catch(() => undefined);
      await rpc.sendNotification('exit').catch(() => undefined);
      const timer = setTimeout(() => server.kill(), 5000);
      await exited;
      clearTimeout(timer);
      rpc.dispose();
    },
  };
}
