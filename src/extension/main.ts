// Activation: start the language server, then present what it finds (tree, lenses via LSP,
// issue pages, status bar, notifications). Everything created here is registered for disposal.

import * as vscode from 'vscode';
import type { IssueSummary } from '../core/model';
import { IssueClient } from './client';
import { besideThePage, openLocation, registerCommands } from './commands';
import { Config } from './config';
import { registerDatadogCommands, readDatadogCredentials } from './datadog-connect';
import { IssuePanelManager } from './issue-panel';
import { IssuesTreeProvider, sparklineText } from './issues-tree';
import { Notifier } from './notifications';
import { StatusBar } from './status-bar';
import { issueLabel } from './format';

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
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<ErrorTrackingApi> {
  const activationStart = performance.now();
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
  const updateView = () => {
    tree.refresh();
    const fresh = tree.visibleIssues().filter((issue) => issue.isNew || issue.regression).length;
    view.badge = fresh > 0 ? { value: fresh, tooltip: `${fresh} new or regressed issues` } : undefined;
    view.message = client.status.state === 'stale' ? `Showing the last good data: ${client.status.message ?? ''}` : undefined;
    void panels.refreshAll();
  };

  context.subscriptions.push(
    output,
    statusBar,
    view,
    tree,
    panels,
    panels.registerSerializer(),
    client.onDidChangeIssues(updateView),
    client.onDidChangeStatus((status) => {
      statusBar.update(status);
      void vscode.commands.executeCommand('setContext', 'errorTracking.empty', status.empty ?? '');
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
    ...registerCommands({ client, config, tree, output, openIssuePage }),
    ...registerDatadogCommands(context, {
      onConnected: async (credentials) => {
        await client.setDatadogCredentials(credentials);
        if (config.source !== 'datadog') await config.update('source', 'datadog');
      },
      onDisconnected: () => client.setDatadogCredentials(null),
    }),
  );
  stopClient = () => client.dispose();

  const start = async () => {
    await client.start();
    const credentials = await readDatadogCredentials(context.secrets);
    if (credentials) await client.setDatadogCredentials(credentials);
  };
  let clientStarted: Promise<void>;
  if (vscode.workspace.isTrusted) {
    clientStarted = start();
  } else {
    // Restricted Mode: no log is read and git never runs (its config can run programs) until trusted.
    output.warn('Restricted Mode: log files are not read and Datadog is not contacted until this workspace is trusted.');
    void vscode.commands.executeCommand('setContext', 'errorTracking.empty', 'untrusted');
    clientStarted = new Promise((resolve) => context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => resolve(start()))));
  }
  if (vscode.workspace.isTrusted) await clientStarted;

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
    activationMs,
  };
}

let stopClient: (() => Promise<void>) | undefined;

/** Stops the language server and waits for it (everything else goes with context.subscriptions). */
export function deactivate(): Promise<void> | undefined {
  return stopClient?.();
}
