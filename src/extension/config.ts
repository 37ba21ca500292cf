// The extension's one typed view of its settings. The server pulls its own copy through
// workspace/configuration; this side only reads what the client itself acts on.

import * as vscode from 'vscode';
import { TIME_WINDOWS, type TimeWindow } from '../core/model';

export type NotificationMode = 'new' | 'newAndRegressed' | 'off';
export type GroupBy = 'service' | 'file' | 'state';
export type SortBy = 'count' | 'lastSeen' | 'firstSeen';

/** Settings that only change how this user views issues. */
export interface ViewChoices {
  timeWindow: TimeWindow;
  'tree.groupBy': GroupBy;
  'tree.sortBy': SortBy;
  mutedServices: string[];
}

/** Settings that say what a workspace reads. */
export interface WorkspaceSettings {
  source: 'local' | 'datadog';
  'local.logFiles': string[];
}

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

  /**
   * A view choice (time window, grouping, sorting, muted services) is the user's: it goes to
   * their user settings, never into the repository's .vscode/settings.json.
   */
  updateViewChoice<K extends keyof ViewChoices>(key: K, value: ViewChoices[K]): Thenable<void> {
    return this.section.update(key, value, vscode.ConfigurationTarget.Global);
  }

  /** What this workspace reads (its source, its log files): the workspace's settings when a folder is open. */
  updateWorkspaceSetting<K extends keyof WorkspaceSettings>(key: K, value: WorkspaceSettings[K]): Thenable<void> {
    const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    return this.section.update(key, value, hasFolder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  }

  onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('errorTracking')) listener((key) => event.affectsConfiguration(`errorTracking.${key}`));
    });
  }
}
