// The status bar item: source, open issues, new ones, and ingest state (a spinner while scanning).

import * as vscode from 'vscode';
import type { SourceStatus } from '../protocol/messages';
import { formatCount } from './format';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('errorTracking.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Error Tracking';
    this.item.command = 'errorTracking.issues.focus';
    this.update({ source: 'local', state: 'starting', openIssues: 0, newIssues: 0 });
    this.item.show();
  }

  update(status: SourceStatus): void {
    const source = status.source === 'datadog' ? 'Datadog' : 'Local logs';
    const malformed = status.stats?.malformed ?? 0;
    let text: string;
    switch (status.state) {
      case 'starting':
      case 'scanning': {
        const progress = status.progress && status.progress.total > 0 ? ` ${Math.round((status.progress.done / status.progress.total) * 100)}%` : '';
        text = `$(sync~spin) Errors: reading${progress}`;
        break;
      }
      case 'error':
        text = `$(error) Errors: ${status.empty === 'not-connected' ? 'not connected' : 'failed'}`;
        break;
      default:
        text = `$(bug) ${formatCount(status.openIssues)} issues` + (status.newIssues > 0 ? ` · ${status.newIssues} new` : '');
        if (status.state === 'stale') text = `$(warning) ${formatCount(status.openIssues)} issues (stale)`;
    }
    if (malformed > 0) text += ` · $(warning) ${formatCount(malformed)} bad lines`;
    this.item.text = text;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`Error Tracking — ${source}\n`);
    if (status.message) tooltip.appendText(`${status.message}\n`);
    if (status.stats) {
      tooltip.appendText(
        `${formatCount(status.stats.files)} files · ${formatCount(status.stats.lines)} lines · ${formatCount(status.stats.records)} records · ${formatCount(status.stats.errors)} errors · ${formatCount(status.stats.malformed)} lines skipped\n`,
      );
    }
    this.item.tooltip = tooltip;
    this.item.backgroundColor = status.state === 'error' || status.state === 'stale' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
