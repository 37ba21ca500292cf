// The issue page panels: one WebviewPanel per issue (reused), restored after a reload by a
// serializer. The HTML is a data-free shell; IssuePageSession posts the data and checks replies.
import * as vscode from 'vscode';
import type { TimeWindow } from '../core/model';
import { parsePageState } from '../protocol/webview-messages';
import { buildIssuePageHtml, issuePanelOptions, makeNonce } from './issue-panel-html';
import { IssuePageSession, type IssuePanelHost, type SessionLog } from './issue-page-session';

export type { IssuePanelHost } from './issue-page-session';

const STYLESHEETS = ['issue-page.css'];

interface OpenPanel {
  panel: vscode.WebviewPanel;
  session: IssuePageSession;
  disposables: vscode.Disposable[];
}

export class IssuePanelManager implements vscode.Disposable {
  static readonly viewType = 'errorTracking.issuePage';
  private readonly panels = new Map<string, OpenPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: IssuePanelHost,
    private readonly log: SessionLog = () => undefined,
  ) {}

  /** Opens the issue's page, or reveals it when it is already open. */
  async show(issueId: string): Promise<void> {
    const open = this.panels.get(issueId);
    if (open) {
      open.panel.reveal(undefined, false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      IssuePanelManager.viewType,
      `Issue ${issueId}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      this.webviewOptions(),
    );
    this.adopt(panel, issueId, this.host.defaultWindow());
  }

  /** Re-loads every open page (the issues changed); hidden pages catch up when shown again. */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.panels.values()].filter((open) => open.panel.visible).map((open) => open.session.load({ quiet: true })));
  }

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(IssuePanelManager.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const restored = parsePageState(state);
        if (!restored || this.panels.has(restored.issueId)) {
          // Nothing to restore into (or a duplicate): do not leave an empty page behind.
          panel.dispose();
          return;
        }
        panel.webview.options = this.webviewOptions();
        this.adopt(panel, restored.issueId, restored.window ?? this.host.defaultWindow());
      },
    });
  }

  /** For tests: whether the page drew the latest data, and the panel's title. */
  state(issueId: string): { rendered: boolean; title: string } | undefined {
    const open = this.panels.get(issueId);
    return open ? { rendered: open.session.rendered, title: open.panel.title } : undefined;
  }

  dispose(): void {
    for (const open of [...this.panels.values()]) open.panel.dispose();
    this.panels.clear();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return issuePanelOptions(vscode.Uri.joinPath(this.extensionUri, 'media'));
  }

  private adopt(panel: vscode.WebviewPanel, issueId: string, window: TimeWindow): void {
    const webview = panel.webview;
    const session = new IssuePageSession(
      issueId,
      window,
      this.host,
      {
        postMessage: (message) => webview.postMessage(message),
        setTitle: (title) => {
          panel.title = title;
        },
        writeClipboard: (text) => vscode.env.clipboard.writeText(text),
      },
      this.log,
    );
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    webview.html = buildIssuePageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'issue-page.js')).toString(),
      styleUris: STYLESHEETS.map((name) => webview.asWebviewUri(vscode.Uri.joinPath(media, 'issue-page', name)).toString()),
    });
    const open: OpenPanel = { panel, session, disposables: [] };
    open.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => session.handle(raw)),
      panel.onDidDispose(() => {
        if (this.panels.get(issueId) === open) this.panels.delete(issueId);
        for (const disposable of open.disposables) disposable.dispose();
      }),
    );
    this.panels.set(issueId, open);
  }
}
