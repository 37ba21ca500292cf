// Starts the language server and wraps its custom requests in typed methods. Keeps the latest
// issue list for the tree, the quick picks and the status bar, and re-fetches it on change.
// The LanguageClient is built only by start(), which activation calls only in a trusted
// workspace: vscode-languageclient starts a client from its initial state on any sendRequest,
// so a client that merely exists would let any command start the server in Restricted Mode.

import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { IssueDetails, IssueEvent, IssueState, IssueSummary, TimeWindow } from '../core/model';
import {
  ClientCommands,
  Notifications,
  Requests,
  type DatadogCredentialsParams,
  type InitializationOptions,
  type IssueEventsParams,
  type MoreSamplesParams,
  type MoreSamplesResult,
  type SourceStatus,
} from '../protocol/messages';
import { newSessionKey, sealCredentials, SESSION_KEY_ENV, type Credentials } from '../protocol/sealed-credentials';
import { userOnlyDatadogSettings } from './datadog-settings-guard';

/** not-started: Restricted Mode (or not yet trusted); stopped: crashed past its restarts, or stopped. */
export type ServerState = 'not-started' | 'starting' | 'running' | 'stopped';

export class NotRunningError extends Error {
  constructor() {
    super('The Error Tracking language server is not running.');
  }
}

export class IssueClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** The current client's session key: its server process gets it in its environment. */
  private sessionKey = '';
  private clientSubscriptions: vscode.Disposable[] = [];
  private issueList: IssueSummary[] = [];
  private currentStatus: SourceStatus = { source: 'local', state: 'starting', openIssues: 0, newIssues: 0 };
  private currentServerState: ServerState = 'not-started';
  /** The keys the server should have; sent again whenever a (re)started server is running. */
  private credentials: Credentials | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly statusChanged = new vscode.EventEmitter<SourceStatus>();
  private readonly serverStateChanged = new vscode.EventEmitter<ServerState>();
  private readonly issueEvents = new vscode.EventEmitter<IssueEvent[]>();
  private fetching: Promise<void> | undefined;
  private refetchQueued = false;
  private refetchTimer: NodeJS.Timeout | undefined;
  private firstData: Promise<void>;
  private resolveFirstData!: () => void;
  private disposed = false;

  readonly onDidChangeIssues = this.changed.event;
  readonly onDidChangeStatus = this.statusChanged.event;
  readonly onDidChangeServerState = this.serverStateChanged.event;
  readonly onIssueEvents = this.issueEvents.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly window: () => TimeWindow,
  ) {
    this.firstData = new Promise((resolve) => (this.resolveFirstData = resolve));
  }

  /** Builds (once) and starts the language server. Only for a trusted workspace. */
  async start(): Promise<void> {
    if (this.disposed) return;
    this.client ??= this.createClient();
    await this.client.start();
  }

  /** Stops the server if it still runs and starts a fresh one (the Restart Server command). */
  async restart(): Promise<void> {
    await this.stopClient();
    await this.start();
  }

  get serverState(): ServerState {
    return this.currentServerState;
  }

  /** Resolves once the first scan or poll has delivered issues (or said why there are none). */
  ready(): Promise<void> {
    return this.firstData;
  }

  get issues(): IssueSummary[] {
    return this.issueList;
  }

  get status(): SourceStatus {
    return this.currentStatus;
  }

  find(id: string): IssueSummary | undefined {
    return this.issueList.find((issue) => issue.id === id);
  }

  /**
   * Re-fetches the issue list; concurrent calls collapse into one follow-up fetch. Never rejects:
   * a failed fetch keeps the last list and is logged (a crashed server must not leave
   * unhandled rejections behind in every caller).
   */
  refetch(): Promise<void> {
    if (this.fetching) {
      this.refetchQueued = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      try {
        if (!this.client) return;
        this.issueList = await this.request<IssueSummary[]>(Requests.listIssues, { window: this.window() });
        this.changed.fire();
        if (this.currentStatus.state !== 'starting' && this.currentStatus.state !== 'scanning') this.resolveFirstData();
      } catch (error) {
        if (!this.disposed) this.output.warn(`Could not fetch the issues: ${describe(error)}`);
      } finally {
        this.fetching = undefined;
        if (this.refetchQueued) {
          this.refetchQueued = false;
          void this.refetch();
        }
      }
    })();
    return this.fetching;
  }

  /**
   * The server follows a status with an issuesChanged for the same batch: both notifications
   * arriving together make one fetch, not a fetch and a follow-up.
   */
  private scheduleRefetch(): void {
    if (this.refetchTimer) return;
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = undefined;
      void this.refetch();
    }, 30);
  }

  async getIssue(id: string, window: TimeWindow): Promise<IssueDetails | null> {
    if (!this.client) return null;
    return this.request<IssueDetails | null>(Requests.getIssue, { id, window });
  }

  /** The next page of an issue's samples; null when the active source cannot page them. */
  async moreSamples(id: string, window: TimeWindow): Promise<MoreSamplesResult> {
    if (!this.client) return null;
    const params: MoreSamplesParams = { id, window };
    return this.request<MoreSamplesResult>(Requests.moreSamples, params);
  }

  async setState(id: string, state: IssueState): Promise<void> {
    await this.request(Requests.setState, { id, state });
  }

  markSeen(ids?: string[]): Promise<void> {
    return this.request(Requests.markSeen, { ids });
  }

  refresh(): Promise<void> {
    return this.request(Requests.refresh);
  }

  /** Remembers the keys and hands them (sealed) to the running server; a restarted one gets them again. */
  async setDatadogCredentials(credentials: Credentials | null): Promise<void> {
    this.credentials = credentials;
    if (this.client?.state === State.Running) await this.sendCredentials(this.client);
  }

  private async sendCredentials(client: LanguageClient): Promise<void> {
    const sealed = this.credentials ? sealCredentials(this.sessionKey, this.credentials) : null;
    const params: DatadogCredentialsParams = { sealed };
    await client.sendRequest(Requests.setDatadogCredentials, params);
  }

  private request<T>(method: string, params?: unknown): Promise<T> {
    const client = this.client;
    if (!client) return Promise.reject(new NotRunningError());
    return params === undefined ? client.sendRequest<T>(method) : client.sendRequest<T>(method, params);
  }

  private createClient(): LanguageClient {
    const serverModule = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath;
    // One session key per client: automatic restarts reuse these options, so the same key.
    this.sessionKey = newSessionKey();
    const env = { ...process.env, [SESSION_KEY_ENV]: this.sessionKey };
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const storage = this.context.storageUri ?? this.context.globalStorageUri;
    const initializationOptions: InitializationOptions = { statePath: vscode.Uri.joinPath(storage, 'issue-state.json').fsPath };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }],
      // Source files come and go: the server's workspace index and line placement follow them.
      synchronize: { configurationSection: 'errorTracking', fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
      outputChannel: this.output,
      initializationOptions,
      // Hover links may run our own commands and nothing else.
      markdown: { isTrusted: { enabledCommands: [ClientCommands.openIssue, ClientCommands.resolve, ClientCommands.ignore] } },
      middleware: {
        workspace: {
          // The Datadog site and base URL decide where the keys go: only the user's own settings count.
          configuration: async (params, token, next) => userOnlyDatadogSettings(params, await next(params, token), this.output),
        },
      },
    };
    const client = new LanguageClient('errorTracking', 'Error Tracking', serverOptions, clientOptions);
    client.onNotification(Notifications.issuesChanged, () => this.scheduleRefetch());
    client.onNotification(Notifications.status, (status: SourceStatus) => {
      this.currentStatus = status;
      this.statusChanged.fire(status);
      if (status.state !== 'starting' && status.state !== 'scanning') this.scheduleRefetch();
    });
    client.onNotification(Notifications.issueEvents, (params: IssueEventsParams) => this.issueEvents.fire(params.events));
    this.clientSubscriptions.push(
      client.onDidChangeState(({ newState }) => {
        if (this.client !== client || this.disposed) return;
        if (newState === State.Running) {
          this.setServerState('running');
          // A restarted server starts empty: it needs the keys again, and the list is refetched.
          this.sendCredentials(client).catch((error) => this.output.warn(`Could not hand the Datadog keys to the server: ${describe(error)}`));
          void this.refetch();
        } else if (newState === State.Starting) {
          this.setServerState('starting');
        } else {
          this.setServerState('stopped');
        }
      }),
    );
    return client;
  }

  private setServerState(state: ServerState): void {
    if (state === this.currentServerState) return;
    this.currentServerState = state;
    this.serverStateChanged.fire(state);
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const subscription of this.clientSubscriptions.splice(0)) subscription.dispose();
    if (client) await client.dispose().catch((error) => this.output.warn(`Stopping the server: ${describe(error)}`));
    this.setServerState('stopped');
  }

  /** Stops the server and waits for it to exit (it flushes the state file on shutdown). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    if (this.refetchTimer) clearTimeout(this.refetchTimer);
    await this.stopClient();
    this.disposed = true;
    this.changed.dispose();
    this.statusChanged.dispose();
    this.serverStateChanged.dispose();
    this.issueEvents.dispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
