// Activation: start the language server, then present what it finds (tree, lenses via LSP,
// issue pages, status bar, notifications). Everything created here is registered for disposal.

import * as vscode from 'vscode';
import type { IssueSummary } from '../core/model';
import { IssueClient } from './client';
import { besideThePage, openLocation, registerCommands } from './commands';
import { Config } from './config';
import { registerDatadogCommands, readDatadogCredentials } from './datadog-connect';
import { followStoredCredentials } from './datadog-keys';
import { emptyReason } from './empty-reason';
import { IssuePanelManager } from './issue-panel';
import { IssuesTreeProvider, sparklineText } from './issues-tree';
import { Notifier } from './notifications';
import { StatusBar } from './status-bar';
import { issueLabel } from './format';
import { isFiltered } from './tree-filter';

/** What the end-to-end suite reads; also handy for other extensions. */
export interface ErrorTrackingApi {
  ready(): Promise<void>;
  issues(): IssueSummary[];
  treeLabels(): string[];
  /** The tree's top-level rows as shown: a notice first when the list may lack issues, then the issues. */
  treeRows(): { label: string; description?: string }[];
  openIssue(id: string): Promise<void>;
  panelState(id: string): unknown;
  notificationsShown(): string[];
  /** The language server: not-started (Restricted Mode), starting, running or stopped. */
  serverState(): string;
  /** The source's last status (state, message, why the tree is empty). */
  status(): unknown;
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<ErrorTrackingApi> {
  const activationStart = performance.now();
  /** Keys in the environment (Datadog's own tools' way) count as connected too. */
  const envKeys = Boolean(process.env.DD_API_KEY && process.env.DD_APP_KEY);
  const config = new Config();
  const output = vscode.window.createOutputChannel('Error Tracking', { log: true });
  const client = new IssueClient(context, output, () => config.timeWindow);
  const statusBar = new StatusBar();

  const panels = new IssuePanelManager(context.extensionUri, {
    loadIssue: async (id, window) => (await client.getIssue(id, window)) ?? undefined,
    loadMoreSamples: async (id, window) => (await client.moreSamples(id, window)) ?? undefined,
    setState: (id, state) => client.setState(id, state),
    // From the page, code opens in the text editors' group, never over the page itself.
    openLocation: (location) => openLocation(location, besideThePage()),
    openLogLine: (origin) => openLocation({ workspaceFolder: '', path: origin.file, line: origin.line, how: 'exact' }, besideThePage()),
    openExternal: async (url) => void (await vscode.env.openExternal(vscode.Uri.parse(url))),
    defaultWindow: () => config.timeWindow,
  }, (level, message) => output[level](`Issue page: ${message}`));
  const openIssuePage = async (id: string) => {
    await panels.show(id);
    await client.markSeen([id]).catch(() => undefined);
  };

  const tree = new IssuesTreeProvider(client, config, async (issue) => {
    const details = await client.getIssue(issue.id, config.timeWindow);
    return details ? `${sparklineText(details.histogram.map((bucket) => bucket.count))}  (${config.timeWindow})` : undefined;
  });
  const view = vscode.window.createTreeView('errorTracking.issues', { treeDataProvider: tree, showCollapseAll: true });
  const notifier = new Notifier(config, openIssuePage, async (ids) => {
    await vscode.commands.executeCommand('errorTracking.showIssues', ids);
  });

  const malformedReported = new Map<string, number>();
  // The welcome view's reason (errorTracking.empty) and the status bar follow the server, the
  // source's status and the tree's own filters.
  const updateEmpty = () => {
    const reason = emptyReason({
      trusted: vscode.workspace.isTrusted,
      serverState: client.serverState,
      status: client.status,
      listed: client.issues.length,
      shown: tree.visibleIssues().length,
      filtered: isFiltered(tree.filter),
    });
    void vscode.commands.executeCommand('setContext', 'errorTracking.empty', reason ?? '');
  };
  const updateView = () => {
    tree.refresh();
    const fresh = tree.visibleIssues().filter((issue) => issue.isNew || issue.regression).length;
    view.badge = fresh > 0 ? { value: fresh, tooltip: `${fresh} new or regressed issues` } : undefined;
    view.message =
      client.status.state === 'stale'
        ? `Showing the last good data: ${client.status.message ?? ''}`
        : client.status.state === 'error' && client.status.message && !client.status.empty
          ? client.status.message
          : undefined;
    updateEmpty();
    void panels.refreshAll();
  };
  const showStatus = () => {
    if (!vscode.workspace.isTrusted) statusBar.hide();
    else if (client.serverState === 'stopped') statusBar.stopped();
    else statusBar.update(client.status);
  };

  context.subscriptions.push(
    output,
    statusBar,
    view,
    tree,
    panels,
    panels.registerSerializer(),
    client.onDidChangeIssues(updateView),
    client.onDidChangeServerState((state) => {
      if (state === 'stopped') output.warn('The language server stopped: run "Error Tracking: Restart Server" to start it again.');
      void vscode.commands.executeCommand('setContext', 'errorTracking.serverStopped', state === 'stopped');
      showStatus();
      updateEmpty();
    }),
    client.onDidChangeStatus((status) => {
      showStatus();
      updateEmpty();
      void vscode.commands.executeCommand('setContext', 'errorTracking.source', status.source);
      // Each file's malformed lines are reported when their count grows, not on every status.
      for (const file of status.stats?.perFile ?? []) {
        if (file.malformed <= (malformedReported.get(file.file) ?? 0)) continue;
        malformedReported.set(file.file, file.malformed);
        const reasons = Object.entries(file.skipped).map(([reason, n]) => `${n} ${reason}`).join(', ');
        output.warn(`${file.file}: ${file.malformed} lines skipped (${reasons})${file.lastProblem ? `, last at ${file.lastProblem}` : ''}`);
      }
    }),
    client.onIssueEvents((events) => {
      for (const event of events) output.info(`${event.kind}: ${issueLabel(event.issue)} (${event.issue.service})`);
      void notifier.notify(events);
    }),
    config.onDidChange((affects) => {
      if (affects('timeWindow') || affects('tree')) void client.refetch().then(updateView);
    }),
    tree.onDidChangeTreeData(() => updateEmpty()),
    ...registerCommands({ client, config, tree, output, openIssuePage }),
    ...registerDatadogCommands(context, {
      onConnected: async (credentials) => {
        await client.setDatadogCredentials(credentials);
        void vscode.commands.executeCommand('setContext', 'errorTracking.datadogConnected', true);
        if (config.source !== 'datadog') await config.updateWorkspaceSetting('source', 'datadog');
      },
      onDisconnected: async () => {
        await client.setDatadogCredentials(null);
        void vscode.commands.executeCommand('setContext', 'errorTracking.datadogConnected', envKeys);
      },
    }),
    // Connect or Disconnect in another window changes the same secret storage: follow it here.
    followStoredCredentials(context.secrets, async (credentials) => {
      void vscode.commands.executeCommand('setContext', 'errorTracking.datadogConnected', Boolean(credentials) || envKeys);
      await client.setDatadogCredentials(credentials).catch((error) => output.warn(`Could not hand the Datadog keys to the server: ${String(error?.message ?? error)}`));
    }),
  );
  stopClient = () => client.dispose();

  // The keys are remembered by the client and sent whenever its server runs; the first Datadog
  // poll runs in the server's background, so activation waits only for the server to start.
  // Disconnect is offered wherever keys are stored, Restricted Mode included (it only deletes them).
  void readDatadogCredentials(context.secrets).then((credentials) =>
    vscode.commands.executeCommand('setContext', 'errorTracking.datadogConnected', Boolean(credentials) || envKeys),
  );
  const start = async () => {
    const credentials = await readDatadogCredentials(context.secrets);
    if (credentials) await client.setDatadogCredentials(credentials);
    await client.start().catch((error) => output.error(`The language server did not start: ${String(error?.message ?? error)}`));
    showStatus();
  };
  let clientStarted: Promise<void>;
  if (vscode.workspace.isTrusted) {
    clientStarted = start();
    await clientStarted;
  } else {
    // Restricted Mode: the language server is not even built (any request would start it), so
    // no log is read and git never runs (its config can run programs) until the folder is trusted.
    output.warn('Restricted Mode: log files are not read and Datadog is not contacted until this workspace is trusted.');
    showStatus();
    updateEmpty();
    clientStarted = new Promise((resolve) =>
      context.subscriptions.push(
        vscode.workspace.onDidGrantWorkspaceTrust(() => {
          updateEmpty();
          resolve(start());
        }),
      ),
    );
  }

  const activationMs = performance.now() - activationStart;
  output.info(`Activated in ${activationMs.toFixed(0)} ms`);
  return {
    ready: () => clientStarted.then(() => client.ready()),
    issues: () => client.issues,
    treeLabels: () => tree.visibleIssues().map(issueLabel),
    treeRows: () => tree.rows(),
    openIssue: openIssuePage,
    panelState: (id) => panels.state(id),
    notificationsShown: () => notifier.shown,
    serverState: () => client.serverState,
    status: () => client.status,
    activationMs,
  };
}

let stopClient: (() => Promise<void>) | undefined;

/** Stops the language server and waits for it (everything else goes with context.subscriptions). */
export function deactivate(): Promise<void> | undefined {
  return stopClient?.();
}
