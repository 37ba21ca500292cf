// The language server: owns the engine (through SourceManager) and answers CodeLens, hover and
// the custom errorTracking/* requests. Works with any LSP client over stdio or node IPC.

import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import {
  CodeLens,
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IssueQuery, IssueSummary, Sample } from '../core/model';
import { findFunctions, type FunctionRange } from '../core/mapping/outline';
import {
  Notifications,
  Requests,
  DEFAULT_SETTINGS,
  type DatadogCredentialsParams,
  type GetIssueParams,
  type InitializationOptions,
  type ListIssuesParams,
  type MarkSeenParams,
  type MoreSamplesParams,
  type MoreSamplesResult,
  type ServerSettings,
  type SetStateParams,
} from '../protocol/messages';
import { openCredentials, SESSION_KEY_ENV, type Credentials } from '../protocol/sealed-credentials';
import { clockFromEnv } from './clock';
import { hoverMarkdown } from './hover';
import { framesInFile, isOpen, issuesByFunction, lensesFor } from './lenses';
import { logFileMatcher } from './log-file-filter';
import { readSettings } from './settings';
import { SourceManager } from './source-manager';

type WorkspaceFileChange = { path: string; change: 'created' | 'changed' | 'deleted' };

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const now = clockFromEnv();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  let canPullConfiguration = false;
  let canRefreshLenses = false;
  let canWatchFolders = false;
  let init: InitializationOptions = {};
  // Issues of the current window, fetched once per change and shared by every lens and hover.
  let issueCache: Promise<IssueSummary[]> | undefined;
  const outlineCache = new Map<string, { version: number; functions: FunctionRange[] }>();

  const log = (level: 'info' | 'warn' | 'error', message: string) => {
    const text = `[${level}] ${message}`;
    if (level === 'error') connection.console.error(text);
    else if (level === 'warn') connection.console.warn(text);
    else connection.console.info(text);
  };

  const manager = new SourceManager(
    {
      changed: (reason) => {
        issueCache = undefined;
        void connection.sendNotification(Notifications.issuesChanged, { reason });
        if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
        void publishDiagnostics();
      },
      issueEvents: (events) => void connection.sendNotification(Notifications.issueEvents, { events }),
      status: (status) => void connection.sendNotification(Notifications.status, status),
      log,
    },
    init,
    now,
  );

  function currentIssues(): Promise<IssueSummary[]> {
    const source = manager.active;
    if (!source) return Promise.resolve([]);
    issueCache ??= source.listIssues({ window: settings.timeWindow, now: now() }).catch((error) => {
      log('error', `Listing issues failed: ${String(error?.message ?? error)}`);
      return [];
    });
    return issueCache;
  }

  function functionsOf(document: TextDocument, filePath: string): FunctionRange[] {
    const cached = outlineCache.get(document.uri);
    if (cached && cached.version === document.version) return cached.functions;
    const functions = findFunctions(document.getText(), path.extname(filePath).slice(1));
    outlineCache.set(document.uri, { version: document.version, functions });
    return functions;
  }

  function filePathOf(uri: string): string | undefined {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  }

  // What the source is built from: when only the window, lenses or diagnostics change, the
  // source (and its scan) stays; VS Code also sends a configuration change right after start.
  let sourceKey: string | undefined;
  let configuring: Promise<void> = Promise.resolve();
  let shuttingDown = false;
  let credentialsFingerprint = 'none';

  function reconfigure(): Promise<void> {
    configuring = configuring.then(async () => {
      if (shuttingDown) return;
      if (canPullConfiguration) {
        const raw = await connection.workspace.getConfiguration({ section: 'errorTracking' }).catch(() => undefined);
        settings = readSettings(raw);
      }
      issueCache = undefined;
      const key = JSON.stringify([folders, settings.source, settings.local, settings.pathMappings, settings.inApp, settings.datadog]);
      if (key === sourceKey) {
        void connection.sendNotification(Notifications.issuesChanged, { reason: 'config' });
        if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
        await publishDiagnostics();
        return;
      }
      sourceKey = key;
      await manager.configure(settings, folders);
    }).catch((error) => {
      // A failed reconfiguration is reported and must not wedge every later one behind it.
      sourceKey = undefined;
      log('error', `Applying the settings failed: ${String(error?.message ?? error)}`);
    });
    return configuring;
  }

  connection.onInitialize((params) => {
    init = (params.initializationOptions ?? {}) as InitializationOptions;
    manager.setInitializationOptions(init);
    folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (folders.length === 0 && params.rootUri) folders = [fileURLToPath(params.rootUri)];
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'errtrack', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => fileURLToPath(folder.uri)));
      folders = [...folders.filter((folder) => !removed.has(folder)), ...event.added.map((folder) => fileURLToPath(folder.uri))];
      void reconfigure();
    });
    void reconfigure();
  });

  connection.onDidChangeConfiguration((change) => {
    if (!canPullConfiguration) settings = readSettings((change.settings as Record<string, unknown>)?.errorTracking as Record<string, unknown>);
    void reconfigure();
  });

  connection.onCodeLens(async (params) => {
    if (!settings.codeLens.enabled) return [];
    const document = documents.get(params.textDocument.uri);
    const filePath = filePathOf(params.textDocument.uri);
    if (!document || !filePath) return [];
    const groups = issuesByFunction(await currentIssues(), filePath, functionsOf(document, filePath));
    return lensesFor(groups, settings.timeWindow, now(), settings.codeLens.maxPerIssueLenses).map((lens) => {
      const range = { start: { line: lens.line, character: 0 }, end: { line: lens.line, character: 0 } };
      const codeLens = CodeLens.create(range);
      codeLens.command = { title: lens.title, command: lens.command, arguments: lens.args };
      return codeLens;
    });
  });

  connection.onHover(async (params) => {
    const filePath = filePathOf(params.textDocument.uri);
    if (!filePath) return null;
    const line = params.position.line + 1;
    const issues = (await currentIssues()).filter(
      (issue) => isOpen(issue) && framesInFile(issue, filePath).some((frame) => frame.location?.line === line),
    );
    if (issues.length === 0) return null;
    return { contents: { kind: 'markdown', value: hoverMarkdown(issues, settings.timeWindow, now()) } };
  });

  async function publishDiagnostics(): Promise<void> {
    const severity = {
      error: DiagnosticSeverity.Error,
      warning: DiagnosticSeverity.Warning,
      information: DiagnosticSeverity.Information,
      hint: DiagnosticSeverity.Hint,
    }[settings.diagnostics.severity];
    const issues = settings.diagnostics.enabled ? await currentIssues() : [];
    for (const document of documents.all()) {
      const filePath = filePathOf(document.uri);
      const diagnostics: Diagnostic[] = [];
      for (const issue of filePath ? issues.filter(isOpen) : []) {
        for (const frame of framesInFile(issue, filePath!)) {
          const line = frame.location!.line - 1;
          diagnostics.push({
            range: { start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } },
            severity,
            source: 'Error Tracking',
            message: `${issue.errorKind}: ${issue.message} (${issue.count} in ${settings.timeWindow})`,
            code: issue.id,
          });
        }
      }
      void connection.sendDiagnostics({ uri: document.uri, diagnostics });
    }
  }

  documents.onDidOpen(() => void publishDiagnostics());
  documents.onDidClose((event) => {
    outlineCache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onRequest(Requests.listIssues, async (params: ListIssuesParams) => {
    const source = manager.active;
    return source ? source.listIssues({ ...params, now: params.now ?? now() }) : [];
  });
  connection.onRequest(Requests.getIssue, async (params: GetIssueParams) => {
    const source = manager.active;
    return (source ? await source.getIssue(params.id, { window: params.window, now: now() }) : undefined) ?? null;
  });
  connection.onRequest(Requests.moreSamples, async (params: MoreSamplesParams): Promise<MoreSamplesResult> => {
    // Only sources that page their samples (Datadog) have moreSamples; the local one keeps a fixed set.
    const source = manager.active as { moreSamples?(id: string, query: IssueQuery): Promise<{ samples: Sample[]; done: boolean }> } | undefined;
    if (!source?.moreSamples) return null;
    return source.moreSamples(params.id, { window: params.window, now: now() });
  });
  connection.onRequest(Requests.setState, async (params: SetStateParams) => {
    await manager.active?.setState(params.id, params.state);
    await manager.stateChanged();
  });
  connection.onRequest(Requests.markSeen, async (params: MarkSeenParams) => {
    const source = manager.active as { markSeen?(ids?: string[]): void } | undefined;
    source?.markSeen?.(params.ids);
  });
  connection.onRequest(Requests.refresh, () => manager.refresh());
  connection.onRequest(Requests.status, () => manager.status());
  // Keys arrive sealed (the LSP trace prints params); the key to open them came in our environment.
  // Answered at once: the source rebuilt with them polls Datadog in the background.
  connection.onRequest(Requests.setDatadogCredentials, (params: DatadogCredentialsParams) => {
    let credentials: Credentials | null = null;
    if (params?.sealed) {
      const opened = openCredentials(process.env[SESSION_KEY_ENV], params.sealed);
      if (opened instanceof Error) log('warn', `Datadog keys ignored: ${opened.message}`);
      else credentials = opened;
    }
    // A client re-sends the keys whenever its server (re)starts: the same keys change nothing.
    const fingerprint = credentials ? createHash('sha256').update(`${credentials.apiKey}\0${credentials.appKey}`).digest('hex') : 'none';
    if (fingerprint === credentialsFingerprint) return;
    credentialsFingerprint = fingerprint;
    manager.setCredentials(credentials);
    if (settings.source === 'datadog') {
      sourceKey = undefined;
      void reconfigure();
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    const kinds = { 1: 'created', 2: 'changed', 3: 'deleted' } as const;
    const changes = params.changes
      .filter((change) => change.uri.startsWith('file:'))
      .map((change): WorkspaceFileChange => ({ path: fileURLToPath(change.uri), change: kinds[change.type as 1 | 2 | 3] ?? 'changed' }));
    // Log files growing are ingest (the follower reads them), not workspace changes: no re-map.
    const isLogFile = logFileMatcher(settings.local.logFiles, folders);
    const workspaceChanges = changes.filter((change) => !isLogFile(change.path));
    if (workspaceChanges.length === 0) return;
    const source = manager.active as { workspaceFilesChanged?(changed: WorkspaceFileChange[]): Promise<void> } | undefined;
    void source?.workspaceFilesChanged?.(workspaceChanges);
  });

  // The client waits for this answer before it ends the process: the issue states (a Resolve
  // made just before closing) are on disk by then.
  connection.onShutdown(async () => {
    shuttingDown = true;
    await configuring;
    await manager.dispose();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}
