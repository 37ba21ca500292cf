// The extension's one typed view of its settings. The server pulls its own copy through
// workspace/configuration; this side only reads what the client itself acts on.

import * as vscode from 'vscode';
import { TIME_WINDOWS, type TimeWindow } from '../core/model';

export type NotificationMode = 'new' | 'newAndRegressed' | 'off';
export type GroupBy = 'service' | 'file' | 'state';
export type SortBy = 'count' | 'lastSeen' | 'firstSeen';

export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('errorTracking');
  }

  get source(): 'local' | 'datadog' {
    return this.section.get('source') === 'datadog' ? 'datadog' : 'local';
  }

  get timeWindow(): TimeWindow {
    const value = this.section.get<string>('timeWindow');
    return TIME_WINDOWS.includes(value as TimeWindow) ? (value as TimeWindow) : '24h';
  }

  get notifications(): NotificationMode {
    const value = this.section.get<string>('notifications');
    return value === 'off' || value === 'new' ? value : 'newAndRegressed';
  }

  get mutedServices(): string[] {
    return this.section.get<string[]>('mutedServices') ?? [];
  }

  get groupBy(): GroupBy {
    const value = this.section.get<string>('tree.groupBy');
    return value === 'file' || value === 'state' ? value : 'service';
  }

  get sortBy(): SortBy {
    const value = this.section.get<string>('tree.sortBy');
    return value === 'lastSeen' || value === 'firstSeen' ? value : 'count';
  }

  get showResolved(): boolean {
    return this.section.get<boolean>('tree.showResolvedAndIgnored') === true;
  }

  get logFiles(): string[] {
    return this.section.get<string[]>('local.logFiles') ?? [];
  }

  update(key: string, value: unknown, target = vscode.ConfigurationTarget.Workspace): Thenable<void> {
    const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    return this.section.update(key, value, hasFolder ? target : vscode.ConfigurationTarget.Global);
  }

  onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('errorTracking')) listener((key) => event.affectsConfiguration(`errorTracking.${key}`));
    });
  }
}
