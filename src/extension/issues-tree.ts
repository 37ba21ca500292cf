// The Issues tree: groups (service, file or state) → issues with count, last seen and state icon.
// One EventEmitter refreshes it; tooltips with a sparkline are resolved lazily on hover.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ISSUE_STATE_LABELS, type IssueState, type IssueSummary } from '../core/model';
import type { IssueClient } from './client';
import type { Config } from './config';
import { formatAgo, formatCount, issueLabel } from './format';
import { applyFilter, NO_FILTER, type TreeFilter } from './tree-filter';

type Node =
  | { kind: 'group'; key: string; label: string; issues: IssueSummary[] }
  | { kind: 'issue'; issue: IssueSummary }
  /** The source says the list may lack issues (Datadog's 100-per-search cap). */
  | { kind: 'notice'; text: string };

const STATE_ICONS: Record<IssueState, vscode.ThemeIcon> = {
  OPEN: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  ACKNOWLEDGED: new vscode.ThemeIcon('eye'),
  RESOLVED: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  IGNORED: new vscode.ThemeIcon('circle-slash'),
  EXCLUDED: new vscode.ThemeIcon('exclude'),
};

export class IssuesTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private current: TreeFilter = NO_FILTER;

  constructor(
    private readonly client: IssueClient,
    private readonly config: Config,
    private readonly sparkline: (issue: IssueSummary) => Promise<string | undefined>,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  get filter(): TreeFilter {
    return this.current;
  }

  setFilter(filter: Partial<TreeFilter>): void {
    this.current = { ...this.current, ...filter, text: (filter.text ?? this.current.text).trim().toLowerCase() };
    this.refresh();
  }

  clearFilter(): void {
    this.current = NO_FILTER;
    this.refresh();
  }

  /** The issues the tree shows, in its order: what the badge and the tests count. */
  visibleIssues(): IssueSummary[] {
    const sortBy = this.config.sortBy;
    return applyFilter(this.client.issues, this.current, this.config.showResolved).sort((a, b) =>
      sortBy === 'count' ? b.count - a.count : sortBy === 'lastSeen' ? b.lastSeen - a.lastSeen : b.firstSeen - a.firstSeen,
    );
  }

  /** The notice (if any) and every issue row, as their tree items read (for tests and other extensions). */
  rows(): { label: string; description?: string }[] {
    const flat = this.getChildren().flatMap((node) => (node.kind === 'group' ? this.getChildren(node) : [node]));
    return flat.map((node) => {
      const item = this.getTreeItem(node);
      return { label: String(typeof item.label === 'object' ? item.label.label : item.label ?? ''), description: typeof item.description === 'string' ? item.description : undefined };
    });
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'group') return node.issues.map((issue) => ({ kind: 'issue', issue }));
    if (node) return [];
    const groups = new Map<string, IssueSummary[]>();
    for (const issue of this.visibleIssues()) {
      const key = this.groupKey(issue);
      groups.set(key, [...(groups.get(key) ?? []), issue]);
    }
    const nodes: Node[] = [...groups.entries()].map(([key, issues]) => ({ kind: 'group', key, label: key, issues }));
    const partial = this.client.status.partial;
    return partial ? [{ kind: 'notice', text: partial }, ...nodes] : nodes;
  }

  private groupKey(issue: IssueSummary): string {
    switch (this.config.groupBy) {
      case 'state':
        return ISSUE_STATE_LABELS[issue.state] ?? issue.state;
      case 'file': {
        const location = issue.topFrame?.location;
        if (location) return vscode.workspace.asRelativePath(location.path);
        return issue.topFrame?.file ? `${path.basename(issue.topFrame.file)} (not in workspace)` : '(no stack)';
      }
      default:
        return issue.env ? `${issue.service} (${issue.env})` : issue.service;
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'notice') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = 'notice:partial';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.text;
      item.contextValue = 'notice';
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      const errors = node.issues.reduce((sum, issue) => sum + issue.count, 0);
      item.description = `${node.issues.length} issues · ${formatCount(errors)} errors`;
      item.contextValue = 'group';
      item.id = `group:${node.key}`;
      item.iconPath = new vscode.ThemeIcon(this.config.groupBy === 'file' ? 'file-code' : this.config.groupBy === 'state' ? 'list-filter' : 'server-process');
      return item;
    }
    const { issue } = node;
    const item = new vscode.TreeItem(issueLabel(issue), vscode.TreeItemCollapsibleState.None);
    item.id = issue.id;
    const marks = [issue.regression ? 'regressed' : '', issue.isNew ? 'new' : '', issue.assignee ? `@${issue.assignee.name ?? 'assigned'}` : ''].filter(Boolean);
    item.description = [formatCount(issue.count), formatAgo(issue.lastSeen, Date.now()), ...marks].join(' · ');
    item.iconPath = issue.regression || issue.isNew ? new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground')) : STATE_ICONS[issue.state];
    item.contextValue = `issue.${issue.state}`;
    item.command = { command: 'errorTracking.openIssue', title: 'Open Issue', arguments: [issue.id] };
    const assigned = issue.assignee ? `, assigned to ${issue.assignee.name ?? issue.assignee.id}` : '';
    item.accessibilityInformation = { label: `${issueLabel(issue)}, ${issue.count} errors, ${(ISSUE_STATE_LABELS[issue.state] ?? issue.state).toLowerCase()}${assigned}` };
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: Node): Promise<vscode.TreeItem> {
    if (node.kind !== 'issue') return item;
    const { issue } = node;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(issueLabel(issue));
    tooltip.appendMarkdown('\n\n');
    const rows: [string, string][] = [
      ['Service', issue.env ? `${issue.service} · ${issue.env}` : issue.service],
      ['Events', `${formatCount(issue.count)} in window · ${formatCount(issue.totalCount)} in all`],
      ['First seen', `${new Date(issue.firstSeen).toLocaleString()}${issue.firstSeenVersion ? ` · ${issue.firstSeenVersion}` : ''}`],
      ['Last seen', `${new Date(issue.lastSeen).toLocaleString()}${issue.lastSeenVersion ? ` · ${issue.lastSeenVersion}` : ''}`],
      ['State', (ISSUE_STATE_LABELS[issue.state] ?? issue.state) + (issue.regression ? ` (regressed${issue.regression.version ? ` in ${issue.regression.version}` : ''})` : '')],
      ...(issue.assignee ? [['Assignee', issue.assignee.name ?? issue.assignee.id] as [string, string]] : []),
      ...(issue.teams?.length ? [['Teams', issue.teams.map((team) => team.name ?? team.id).join(', ')] as [string, string]] : []),
    ];
    for (const [key, value] of rows) {
      tooltip.appendMarkdown(`**${key}:** `);
      tooltip.appendText(value);
      tooltip.appendMarkdown('  \n');
    }
    const spark = await this.sparkline(issue).catch(() => undefined);
    if (spark) {
      tooltip.appendMarkdown('\n');
      tooltip.appendText(spark);
    }
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Eight-level block characters: a tiny occurrence chart that fits a tooltip line. */
export function sparklineText(counts: number[]): string {
  const blocks = '▁▂▃▄▅▆▇█';
  const max = Math.max(1, ...counts);
  return counts.map((count) => (count === 0 ? ' ' : blocks[Math.min(7, Math.floor((count / max) * 7.999))])).join('');
}
