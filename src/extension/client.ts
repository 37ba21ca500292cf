// Starts the language server and wraps its custom requests in typed methods. Keeps the latest
// issue list for the tree, the quick picks and the status bar, and re-fetches it on change.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { IssueDetails, IssueEvent, IssueState, IssueSummary, TimeWindow } from '../core/model';
import {
  ClientCommands,
  Notifications,
  Requests,
  type InitializationOptions,
  type IssueEventsParams,
  type MoreSamplesParams,
  type MoreSamplesResult,
  type SourceStatus,
} from '../protocol/messages';

export class IssueClient implements vscode.Disposable {
  private readonly client: LanguageClient;
  private issueList: IssueSummary[] = [];
  private currentStatus: SourceStatus = { source: 'local', state: 'starting', openIssues: 0, newIssues: 0 };
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly statusChanged = new vscode.EventEmitter<SourceStatus>();
  private readonly issueEvents = new vscode.EventEmitter<IssueEvent[]>();
  private fetching: Promise<void> | undefined;
  private refetchQueued = false;
  private firstData: Promise<void>;
  private resolveFirstData!: () => void;

  readonly onDidChangeIssues = this.changed.event;
  readonly onDidChangeStatus = this.statusChanged.event;
  readonly onIssueEvents = this.issueEvents.event;

  constructor(
    context: vscode.ExtensionContext,
    output: vscode.LogOutputChannel,
    private readonly window: () => TimeWindow,
  ) {
    this.firstData = new Promise((resolve) => (this.resolveFirstData = resolve));
    const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const statePath = context.storageUri
      ? vscode.Uri.joinPath(context.storageUri, 'issue-state.json').fsPath
      : vscode.Uri.joinPath(context.globalStorageUri, 'issue-state.json').fsPath;
    const initializationOptions: InitializationOptions = { statePath };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }],
      // Source files come and go: the server's workspace index and line placement follow them.
      synchronize: { configurationSection: 'errorTracking', fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
      outputChannel: output,
      initializationOptions,
      // Hover links may run our own commands and nothing else.
      markdown: { isTrusted: { enabledCommands: [ClientCommands.openIssue, ClientCommands.resolve, ClientCommands.ignore] } },
    };
    this.client = new LanguageClient('errorTracking', 'Error Tracking', serverOptions, clientOptions);
  }

  async start(): Promise<void> {
    await this.client.start();
    this.client.onNotification(Notifications.issuesChanged, () => void this.refetch());
    this.client.onNotification(Notifications.status, (status: SourceStatus) => {
      this.currentStatus = status;
      this.statusChanged.fire(status);
      if (status.state !== 'starting' && status.state !== 'scanning') void this.refetch();
    });
    this.client.onNotification(Notifications.issueEvents, (params: IssueEventsParams) => this.issueEvents.fire(params.events));
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

  /** Re-fetches the issue list; concurrent calls collapse into one follow-up fetch. */
  refetch(): Promise<void> {
    if (this.fetching) {
      this.refetchQueued = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      try {
        this.issueList = await this.client.sendRequest<IssueSummary[]>(Requests.listIssues, { window: this.window() });
        this.changed.fire();
        if (this.currentStatus.state !== 'starting' && this.currentStatus.state !== 'scanning') this.resolveFirstData();
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

  getIssue(id: string, window: TimeWindow): Promise<IssueDetails | null> {
    return this.client.sendRequest<IssueDetails | null>(Requests.getIssue, { id, window });
  }

  /** The next page of an issue's samples; null when the active source cannot page them. */
  moreSamples(id: string, window: TimeWindow): Promise<MoreSamplesResult> {
    const params: MoreSamplesParams = { id, window };
    return this.client.sendRequest<MoreSamplesResult>(Requests.moreSamples, params);
  }

  async setState(id: string, state: IssueState): Promise<void> {
    await this.client.sendRequest(Requests.setState, { id, state });
  }

  markSeen(ids?: string[]): Promise<void> {
    return this.client.sendRequest(Requests.markSeen, { ids });
  }

  refresh(): Promise<void> {
    return this.client.sendRequest(Requests.refresh);
  }

  setDatadogCredentials(credentials: { apiKey: string; appKey: string } | null): Promise<void> {
    return this.client.sendRequest(Requests.setDatadogCredentials, { credentials });
  }

  async dispose(): Promise<void> {
    this.changed.dispose();
    this.statusChanged.dispose();
    this.issueEvents.dispose();
    await this.client.stop().catch(() => undefined);
  }
}
