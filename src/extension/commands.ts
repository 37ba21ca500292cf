// The palette and tree commands. Each is a small function of the extension's context.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ISSUE_STATES, TIME_WINDOWS, type IssueState, type IssueSummary, type ResolvedLocation, type TimeWindow } from '../core/model';
import type { IssueClient } from './client';
import type { Config, GroupBy, SortBy } from './config';

const GROUP_BY: readonly GroupBy[] = ['service', 'file', 'state'];
const SORT_BY: readonly SortBy[] = ['count', 'lastSeen', 'firstSeen'];
import { formatAgo, formatCount, issueLabel } from './format';
import type { IssuesTreeProvider } from './issues-tree';
import { isFiltered, type TreeFilter } from './tree-filter';

export interface CommandContext {
  client: IssueClient;
  config: Config;
  tree: IssuesTreeProvider;
  output: vscode.LogOutputChannel;
  openIssuePage(id: string): Promise<void>;
}

/** A command argument: an issue id, a tree node, or nothing (then the user picks). */
type IssueArg = string | { issue?: IssueSummary } | undefined;

function idOf(arg: IssueArg): string | undefined {
  if (typeof arg === 'string') return arg;
  return arg?.issue?.id;
}

function pickItem(issue: IssueSummary): vscode.QuickPickItem & { id: string } {
  return {
    id: issue.id,
    label: issueLabel(issue),
    description: `${formatCount(issue.count)} · last ${formatAgo(issue.lastSeen, Date.now())}`,
    detail: `${issue.service}${issue.env ? ` · ${issue.env}` : ''} · ${issue.state}${issue.isNew ? ' · new' : ''}${issue.regression ? ' · regressed' : ''}`,
  };
}

async function pickIssue(issues: IssueSummary[], placeHolder: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(issues.map(pickItem), { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.id;
}

export async function openLocation(location: ResolvedLocation, viewColumn?: vscode.ViewColumn): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(location.path));
  const line = Math.max(0, Math.min(document.lineCount - 1, location.line - 1));
  const position = new vscode.Position(line, Math.max(0, (location.column ?? 1) - 1));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false, viewColumn });
}

/** The group of the last text editor, or a new one beside the active group (the issue page's). */
export function besideThePage(): vscode.ViewColumn {
  const textGroup = vscode.window.visibleTextEditors.find((editor) => editor.viewColumn !== undefined)?.viewColumn;
  const pageGroup = vscode.window.tabGroups.activeTabGroup.viewColumn;
  return textGroup !== undefined && textGroup !== pageGroup ? textGroup : vscode.ViewColumn.Beside;
}

/** One multi-select pick over the states, services and envs the issues have. */
async function pickFilter(issues: IssueSummary[], current: TreeFilter): Promise<Partial<TreeFilter> | undefined> {
  type Item = vscode.QuickPickItem & { field?: 'states' | 'services' | 'envs'; value?: string };
  const section = (label: string): Item => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const option = (field: 'states' | 'services' | 'envs', value: string, label = value): Item => ({
    label,
    field,
    value,
    picked: (current[field] as string[]).includes(value),
  });
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((value): value is string => Boolean(value)))].sort();
  const items: Item[] = [
    section('State'),
    ...ISSUE_STATES.map((state) => option('states', state, state.charAt(0) + state.slice(1).toLowerCase())),
    section('Service'),
    ...distinct(issues.map((issue) => issue.service)).map((service) => option('services', service)),
    section('Env'),
    ...distinct(issues.map((issue) => issue.env)).map((env) => option('envs', env)),
  ];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Show only issues in these states, services and envs' });
  if (!picked) return undefined;
  const values = (field: 'states' | 'services' | 'envs') => picked.filter((item) => item.field === field).map((item) => item.value!);
  return { states: values('states') as IssueState[], services: values('services'), envs: values('envs') };
}

export const RESTRICTED_MODE_MESSAGE = 'Restricted Mode: Error Tracking reads no log file and runs nothing until you trust this workspace.';

/**
 * Commands that talk to the language server do nothing in Restricted Mode (the manifest also
 * disables them with `isWorkspaceTrusted`, but executeCommand from other extensions skips that).
 */
function trustedOnly<A extends unknown[]>(run: (...args: A) => unknown): (...args: A) => unknown {
  return (...args: A) => {
    if (vscode.workspace.isTrusted) return run(...args);
    void vscode.window.showWarningMessage(RESTRICTED_MODE_MESSAGE, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return undefined;
  };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const { client, config, tree, output } = ctx;

  const withIssue = (placeHolder: string, run: (id: string) => Promise<void>) => async (arg: IssueArg) => {
    const id = idOf(arg) ?? (await pickIssue(client.issues, placeHolder));
    if (id) await run(id);
  };

  const setState = (state: IssueState, verb: string) =>
    withIssue(`Issue to ${verb}`, async (id) => {
      await client.setState(id, state);
      output.info(`${verb}: ${client.find(id) ? issueLabel(client.find(id)!) : id}`);
    });

  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown);
  const registerTrusted = (id: string, run: (...args: never[]) => unknown) => register(id, trustedOnly(run));

  return [
    registerTrusted('errorTracking.refresh', async () => {
      await vscode.window.withProgress({ location: { viewId: 'errorTracking.issues' }, title: 'Refreshing issues' }, () => client.refresh());
    }),
    registerTrusted('errorTracking.searchIssues', async () => {
      const id = await pickIssue(client.issues, 'Search issues by kind, message, service or state');
      if (id) await ctx.openIssuePage(id);
    }),
    registerTrusted('errorTracking.openIssue', withIssue('Issue to open', (id) => ctx.openIssuePage(id))),
    registerTrusted('errorTracking.showIssues', async (ids: string[]) => {
      const issues = client.issues.filter((issue) => ids?.includes(issue.id));
      const id = issues.length === 1 ? issues[0].id : await pickIssue(issues, 'Issues with frames in this function');
      if (id) await ctx.openIssuePage(id);
    }),
    registerTrusted('errorTracking.resolve', setState('RESOLVED', 'Resolve')),
    registerTrusted('errorTracking.ignore', setState('IGNORED', 'Ignore')),
    registerTrusted('errorTracking.acknowledge', setState('ACKNOWLEDGED', 'Acknowledge')),
    registerTrusted('errorTracking.reopen', setState('OPEN', 'Reopen')),
    registerTrusted('errorTracking.copyIssueId', withIssue('Issue whose id to copy', async (id) => {
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(`Copied issue id ${id}`, 3000);
    })),
    registerTrusted('errorTracking.goToTopFrame', withIssue('Issue whose top frame to open', async (id) => {
      const frame = client.find(id)?.topFrame;
      if (frame?.location) return openLocation(frame.location);
      vscode.window.showWarningMessage(`The top frame is not in this workspace: ${frame?.unmapped?.detail ?? 'the issue has no stack.'}`);
    })),
    // An argument (e.g. '7d') sets the choice directly, for other extensions and tests.
    registerTrusted('errorTracking.setTimeWindow', async (given?: string) => {
      const picked =
        oneOf<TimeWindow>(given, TIME_WINDOWS) ??
        (await vscode.window.showQuickPick(
          TIME_WINDOWS.map((window) => ({ label: window, description: window === config.timeWindow ? 'current' : undefined })),
          { placeHolder: 'Count errors over the last…' },
        ))?.label;
      if (picked) await config.updateViewChoice('timeWindow', picked as TimeWindow);
    }),
    register('errorTracking.chooseSource', async () => {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'local', description: 'Group the errors in this workspace’s log files (no account, no network)' },
          { label: 'datadog', description: 'Datadog Error Tracking for Logs' },
        ],
        { placeHolder: `Where issues come from (now: ${config.source})` },
      );
      if (picked) await config.updateWorkspaceSetting('source', picked.label as 'local' | 'datadog');
    }),
    register('errorTracking.addLogFiles', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      const uris = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFolders: true, defaultUri: folder?.uri, openLabel: 'Read errors from these' });
      if (!uris?.length) return;
      const globs = uris.map((uri) => {
        const owner = vscode.workspace.getWorkspaceFolder(uri);
        const relative = owner ? path.relative(owner.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
        return path.extname(uri.fsPath) ? relative : `${relative}/**/*.{jsonl,ndjson,log,gz}`;
      });
      await config.updateWorkspaceSetting('local.logFiles', [...new Set([...config.logFiles, ...globs])]);
      if (config.source !== 'local') await config.updateWorkspaceSetting('source', 'local');
    }),
    registerTrusted('errorTracking.filterIssues', async () => {
      const text = await vscode.window.showInputBox({ prompt: 'Show issues whose kind, message, service or env contain', value: tree.filter.text });
      if (text !== undefined) tree.setFilter({ text });
      void vscode.commands.executeCommand('setContext', 'errorTracking.filtered', isFiltered(tree.filter));
    }),
    // Arguments (states, services, envs) let other extensions and tests set the filter directly.
    registerTrusted('errorTracking.filterBy', async (given?: Partial<TreeFilter>) => {
      const chosen = given ?? (await pickFilter(client.issues, tree.filter));
      if (chosen) tree.setFilter(chosen);
      void vscode.commands.executeCommand('setContext', 'errorTracking.filtered', isFiltered(tree.filter));
    }),
    register('errorTracking.clearFilter', () => {
      tree.clearFilter();
      void vscode.commands.executeCommand('setContext', 'errorTracking.filtered', false);
    }),
    registerTrusted('errorTracking.groupBy', async (given?: string) => {
      const picked = oneOf(given, GROUP_BY) ?? (await vscode.window.showQuickPick([...GROUP_BY], { placeHolder: 'Group issues by' }));
      if (picked) await config.updateViewChoice('tree.groupBy', picked as GroupBy);
    }),
    registerTrusted('errorTracking.sortBy', async (given?: string) => {
      const picked = oneOf(given, SORT_BY) ?? (await vscode.window.showQuickPick([...SORT_BY], { placeHolder: 'Sort issues by' }));
      if (picked) await config.updateViewChoice('tree.sortBy', picked as SortBy);
    }),
    register('errorTracking.showOutput', () => output.show()),
    registerTrusted('errorTracking.restartServer', async () => {
      output.info('Restarting the language server');
      await client.restart();
    }),
  ];
}
