// Shared Playwright moves for driving the workbench in Debian's Chromium: robust waits (retries,
// generous timeouts), console errors kept for the report, screenshots into test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/editor/provision.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

// Harmless offline noise: the proprietary vsda module, the marketplace, update checks.
const NOISE = [/vsda/i, /open-vsx/i, /marketplace/i, /gallery/i, /update\.code\.visualstudio/i, /net::ERR_/, /Failed to load resource/];
export const isNoise = (text) => NOISE.some((re) => re.test(text));

/** Collects page errors and console errors (minus noise) so a failure can print them. */
export function watchConsole(page, sink = []) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !isNoise(m.text())) sink.push(`[console.error] ${m.text().slice(0, 400)}`);
  });
  page.on('pageerror', (e) => sink.push(`[pageerror] ${e.message.slice(0, 400)}`));
  return sink;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Retries `action` until it returns a truthy value or throws no more; the last error is rethrown. */
export async function retry(action, { attempts = 5, delayMs = 1000 } = {}) {
  let lastError;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await action(i);
      if (value !== false) return value;
      lastError = new Error('condition not met');
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw lastError;
}

export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  // The explorer lists the folder once the remote file system answers.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
}

async function openQuickInput(page, keys) {
  await retry(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press(keys);
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5_000 });
  });
}

/** Quick Open (Ctrl+P) a workspace-relative path and wait for its editor. */
export async function openFile(page, relativePath) {
  const name = relativePath.split('/').pop();
  await retry(async () => {
    await openQuickInput(page, 'Control+P');
    await page.keyboard.type(relativePath);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`, { timeout: 15_000 });
  });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 30_000 });
}

/** Runs a command by its palette title ("Category: Title"). */
export async function runCommand(page, title) {
  await retry(async () => {
    await openQuickInput(page, 'Control+Shift+P');
    await page.keyboard.type(title);
    // Click the row that is this command, not whatever fuzzy match the list highlights first.
    const row = page.locator(`.quick-input-list .monaco-list-row[aria-label^="${title}"]`).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  });
}

/** The innermost frame of a webview (iframe.webview → #active-frame) whose body has text. */
export async function webviewFrame(page, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const outer of await page.$$('iframe.webview')) {
      const outerFrame = await outer.contentFrame();
      const inner = outerFrame && (await outerFrame.$('#active-frame'));
      const frame = inner && (await inner.contentFrame());
      if (frame) {
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (text.trim()) return frame;
      }
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no webview with content appeared within ${timeoutMs / 1000} s`);
}

