// Loads the real issue page (the HTML shell from issue-panel-html.ts with its CSP, the esbuild
// bundle of media/issue-page/main.ts, the stylesheet) in headless Chromium without VS Code:
// a stub acquireVsCodeApi records what the page posts, and the test posts host messages.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildIssuePageHtml, makeNonce } from '../../src/extension/issue-panel-html';
import type { HostToPageMessage, PageToHostMessage } from '../../src/protocol/webview-messages';
import { THEMES, type ThemeName } from './themes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const REPO = resolve(__dirname, '../..');
const ORIGIN = 'https://webview.test';

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `Chromium is absent at ${CHROMIUM} (set CHROMIUM_PATH): browser tests skipped`;
}

// Runs before the page's script: the stub acquireVsCodeApi and recorders for the test.
const STUB_VSCODE_API = `
  (() => {
    const posted = [];
    const violations = [];
    const renderedAt = [];
    let state = window.__initialState;
    window.__posted = posted;
    window.__violations = violations;
    window.__renderedAt = renderedAt;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => {
        if (message && message.type === 'rendered') renderedAt.push(performance.now());
        posted.push(JSON.parse(JSON.stringify(message)));
      },
      getState: () => state,
      setState: (next) => { state = next; window.__savedState = JSON.parse(JSON.stringify(next)); },
    });
  })();
`;

let bundle: string | undefined;
async function pageScript(): Promise<string> {
  if (!bundle) {
    const result = await esbuild.build({
      entryPoints: [resolve(REPO, 'media/issue-page/main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      logLevel: 'silent',
    });
    bundle = result.outputFiles[0].text;
  }
  return bundle;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface IssuePageUnderTest {
  page: Page;
  /** What the page last saved with vscode.setState. */
  savedState(): Promise<unknown>;
  /** Messages the page posted to the "extension", in order. */
  posted(): Promise<PageToHostMessage[]>;
  /** Posts a host message and resolves when the page posted 'rendered' for it (issue messages). */
  send(message: HostToPageMessage): Promise<void>;
  /** Dialogs opened, page errors, CSP violations, requests outside the page's own files. */
  problems: { dialogs: string[]; errors: string[]; outsideRequests: string[] };
  cspViolations(): Promise<string[]>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  csp?: boolean;
  width?: number;
  height?: number;
  /** What vscode.getState() returns at start (as after the panel was hidden and shown again). */
  state?: unknown;
}

export async function openIssuePage(browser: Browser, options: OpenOptions = {}): Promise<IssuePageUnderTest> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1200, height: options.height ?? 900 } });
  const page = await context.newPage();
  const problems = { dialogs: [] as string[], errors: [] as string[], outsideRequests: [] as string[] };
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });

  let html = buildIssuePageHtml({
    cspSource: ORIGIN,
    nonce: makeNonce(),
    scriptUri: `${ORIGIN}/dist/issue-page.js`,
    styleUris: [`${ORIGIN}/issue-page/issue-page.css`],
  });
  if (options.csp === false) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  const script = await pageScript();
  const css = readFileSync(resolve(REPO, 'media/issue-page/issue-page.css'), 'utf8');
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/index.html`) return route.fulfill({ contentType: 'text/html', body: html });
    if (url === `${ORIGIN}/dist/issue-page.js`) return route.fulfill({ contentType: 'text/javascript', body: script });
    if (url === `${ORIGIN}/issue-page/issue-page.css`) return route.fulfill({ contentType: 'text/css', body: css });
    problems.outsideRequests.push(url);
    return route.abort();
  });
  // A string, not a function: tsx's transform would add helpers the page does not have.
  if (options.state !== undefined) await page.addInitScript({ content: `window.__initialState = ${JSON.stringify(options.state)};` });
  await page.addInitScript({ content: STUB_VSCODE_API });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => ((window as unknown as { __posted: { type: string }[] }).__posted ?? []).some((m) => m.type === 'ready'));

  return {
    page,
    problems,
    posted: () => page.evaluate(() => (window as unknown as { __posted: PageToHostMessage[] }).__posted),
    savedState: () => page.evaluate(() => (window as unknown as { __savedState?: unknown }).__savedState),
    cspViolations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    async send(message) {
      const before = await page.evaluate(() => (window as unknown as { __renderedAt: number[] }).__renderedAt.length);
      // A listener added now runs after the page's own: when it fires, the page has handled the message.
      await page.evaluate(
        (m: unknown) =>
          new Promise<void>((done) => {
            window.addEventListener('message', () => done(), { once: true });
            window.postMessage(m, '*');
          }),
        message as unknown,
      );
      if (message.type === 'issue') {
        await page.waitForFunction((n) => (window as unknown as { __renderedAt: number[] }).__renderedAt.length > n, before);
      }
    },
    async setTheme(theme) {
      const { bodyClass, vars } = THEMES[theme];
      await page.evaluate(
        ({ bodyClass, vars }) => {
          const root = document.documentElement;
          root.removeAttribute('style');
          for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
          document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
          document.body.classList.add(bodyClass);
        },
        { bodyClass, vars },
      );
    },
    close: () => context.close(),
  };
}

/** Time from posting an issue message to the page's 'rendered' reply, measured in the page. */
export async function timeToRender(target: IssuePageUnderTest, message: HostToPageMessage): Promise<number> {
  return target.page.evaluate(async (m: unknown) => {
    const w = window as unknown as { __renderedAt: number[] };
    const before = w.__renderedAt.length;
    const start = performance.now();
    window.postMessage(m, '*');
    while (w.__renderedAt.length === before) await new Promise((r) => setTimeout(r, 1));
    return w.__renderedAt[before] - start;
  }, message as unknown);
}
