// Notifications only for new and regressed issues, batched when many arrive together, with
// "Open" and "Mute this service". Never for an issue merely seen again (the server only sends
// issue.new / issue.regressed).

import * as vscode from 'vscode';
import type { IssueEvent } from '../core/model';
import type { Config } from './config';
import { issueLabel } from './format';

export class Notifier {
  constructor(
    private readonly config: Config,
    private readonly openIssue: (id: string) => Promise<void>,
    private readonly showAll: (ids: string[]) => Promise<void>,
  ) {}

  /** What was shown, for tests and the output channel. */
  readonly shown: string[] = [];

  async notify(events: IssueEvent[]): Promise<void> {
    const mode = this.config.notifications;
    if (mode === 'off') return;
    const muted = new Set(this.config.mutedServices);
    const wanted = events.filter(
      (event) => !muted.has(event.issue.service) && (event.kind === 'issue.new' || mode === 'newAndRegressed'),
    );
    if (wanted.length === 0) return;
    if (wanted.length === 1) {
      const [event] = wanted;
      const what = event.kind === 'issue.new' ? 'New issue' : 'Regressed issue';
      const message = `${what} in ${event.issue.service}: ${issueLabel(event.issue)}`;
      this.shown.push(message);
      const choice = await vscode.window.showWarningMessage(message, 'Open', 'Mute this service');
      if (choice === 'Open') await this.openIssue(event.issue.id);
      if (choice === 'Mute this service') await this.mute([event.issue.service]);
      return;
    }
    const fresh = wanted.filter((event) => event.kind === 'issue.new').length;
    const regressed = wanted.length - fresh;
    const services = [...new Set(wanted.map((event) => event.issue.service))];
    const parts = [fresh ? `${fresh} new issues` : '', regressed ? `${regressed} regressed issues` : ''].filter(Boolean);
    const message = `${parts.join(' and ')} in ${services.join(', ')}`;
    this.shown.push(message);
    const choice = await vscode.window.showWarningMessage(message, 'Show', services.length === 1 ? 'Mute this service' : 'Mute these services');
    if (choice === 'Show') await this.showAll(wanted.map((event) => event.issue.id));
    if (choice?.startsWith('Mute')) await this.mute(services);
  }

  private async mute(services: string[]): Promise<void> {
    const muted = new Set([...this.config.mutedServices, ...services]);
    await this.config.updateViewChoice('mutedServices', [...muted]);
    vscode.window.showInformationMessage(`Muted notifications for ${services.join(', ')}. Setting: errorTracking.mutedServices.`);
  }
}
