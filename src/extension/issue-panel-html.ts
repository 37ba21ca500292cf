// The issue page's HTML shell: a strict CSP, one nonce, the bundled script and the stylesheets.
// It carries no issue data: the data goes to the page by postMessage and is inserted as text.
import { randomBytes } from 'node:crypto';

export interface IssuePageHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** asWebviewUri(media/dist/issue-page.js) */
  scriptUri: string;
  /** asWebviewUri(media/issue-page/*.css) */
  styleUris: readonly string[];
}

/**
 * The panel's webview options: scripts on (the bundle), nothing but media/ loadable, no command
 * links. Generic in the URI type so it is testable without vscode.
 */
export function issuePanelOptions<U>(mediaRoot: U) {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [mediaRoot],
    // The page keeps its own view state (setState) and asks for data on 'ready' when shown again.
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

/** 128 random bits, base64: a fresh one for every HTML build. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

// Only our own URIs and a base64 nonce go in; escape anyway so a strange path cannot break out.
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildIssuePageHtml(options: IssuePageHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUris } = options;
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('nonce must be base64');
  const styles = styleUris
    .map((uri) => `    <link rel="stylesheet" nonce="${attr(nonce)}" href="${attr(uri)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>Issue</title>
  </head>
  <body>
    <main id="app" aria-live="polite"><p class="placeholder">Loading issue…</p></main>
    <script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
  </body>
</html>
`;
}
