// What a person sees, checked in code-server + Debian Chromium with the extension installed and
// the demo workspace (fresh copy, logs generated around a pinned now) open:
//  - a demo function carries the CodeLens with real counts;
//  - the Issues tree lists issues, and selecting one opens its page showing the message and a
//    sample event.
// Screenshots go to test-results/screenshots/. Run: node --test test/e2e/browser.test.mjs
// (after `npm run build`). ERRTRACK_EXTENSION_PATH overrides the extension folder.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { DARK_THEME, LIGHT_THEME, startCodeServer } from '../../scripts/editor/code-server.mjs';
import { provision, REPO_ROOT } from '../../scripts/editor/provision.mjs';
import { prepareE2eWorkspace } from '../../scripts/editor/workspace.mjs';
import { CHROMIUM_ARGS, openFile, retry, screenshot, waitForWorkbench, watchConsole, webviewFrame } from './browser.mjs';

const LENS_TEXT = /⚠ \d+ issues? · [\d,]+ errors? · last/;
const LENS_FILE = 'src/api/client.ts';
// Loading the workbench, scanning thousands of events and a UI round trip are slow on 2 shared cores.
const STEP_TIMEOUT = 240_000;

let server;
let browser;
let page;
let workspace;
const consoleLog = [];

before(async () => {
  const { chromium: executablePath } = provision();
  workspace = prepareE2eWorkspace();
  const extensionPath = resolve(process.env.ERRTRACK_EXTENSION_PATH ?? REPO_ROOT);
  server = await startCodeServer({ extensionPath, env: workspace.env, colorTheme: DARK_THEME });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  watchConsole(page, consoleLog);
  await page.goto(server.folderUrl(workspace.folder));
  await waitForWorkbench(page);
}, { timeout: STEP_TIMEOUT });

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  workspace?.cleanup();
});

/** Pages down through the focused editor until `locator` (a content widget) is on screen. */
async function scrollUntilVisible(locator) {
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 60; i++) {
    if (await locator.isVisible()) return;
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(300);
  }
  throw new Error('the CodeLens never scrolled into view');
}

/** Runs a check; on failure saves a screenshot and prints the page's console errors. */
async function checked(name, body) {
  try {
    await body();
  } catch (error) {
    if (page) await screenshot(page, `failed-${name}`).catch(() => {});
    for (const line of consoleLog.slice(-30)) console.log(line);
    throw error;
  }
}

test('a demo function shows a CodeLens with its real issue and error counts', { timeout: STEP_TIMEOUT }, () =>
  checked('codelens', async () => {
    await openFile(page, LENS_FILE);
    const lens = page.locator('.contentWidgets .codelens-decoration').filter({ hasText: LENS_TEXT }).first();
    await lens.waitFor({ state: 'attached', timeout: 180_000 });
    await scrollUntilVisible(lens);
    const text = (await lens.innerText()).trim();
    assert.match(text, LENS_TEXT);

    // The line right under the lens must be a function's first line: the lens sits above it.
    const below = await lens.evaluate((element) => {
      const editor = element.closest('.monaco-editor');
      const bottom = element.getBoundingClientRect().bottom;
      const lines = [...editor.querySelectorAll('.view-lines .view-line')]
        .map((line) => ({ top: line.getBoundingClientRect().top, text: line.textContent ?? '' }))
        .filter((line) => line.top >= bottom - 2)
        .sort((a, b) => a.top - b.top);
      return lines[0]?.text.replace(/\u00a0/g, ' ') ?? '';
    });
    console.log(`lens: ${JSON.stringify(text)} above ${JSON.stringify(below.trim())}`);
    assert.match(below, /\bfunction\b|=>|^\s*(export\s+)?(async\s+)?[\w$]+\s*\(.*\)\s*(:.*)?\{?\s*$/, 'the lens is not above a function');

    await page.mouse.move(0, 0);
    console.log(`screenshot: ${await screenshot(page, 'codelens-dark')}`);
    // The same view in the light theme (settings are read on load), then back to dark.
    server.setUserSettings({ 'workbench.colorTheme': LIGHT_THEME });
    await page.reload();
    await waitForWorkbench(page);
    await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs'), null, { timeout: 60_000 });
    await openFile(page, LENS_FILE); // focuses the editor again
    await lens.waitFor({ state: 'attached', timeout: 120_000 });
    await scrollUntilVisible(lens);
    await page.mouse.move(0, 0);
    console.log(`screenshot: ${await screenshot(page, 'codelens-light')}`);
    server.setUserSettings({ 'workbench.colorTheme': DARK_THEME });
    await page.reload();
    await waitForWorkbench(page);
  }));

test('the Issues tree lists issues and selecting one opens its page with the message and a sample event', { timeout: STEP_TIMEOUT }, () =>
  checked('issue-page', async () => {
    // Open the "Error Tracking" view container from the activity bar.
    await retry(async () => {
      await page.locator('.part.activitybar .action-item a[aria-label^="Error Tracking"], .part.activitybar .action-item .action-label[aria-label^="Error Tracking"]').first().click({ timeout: 10_000 });
      // A container with one view hides that view's header: wait for it to exist, not to show.
      await page.waitForSelector('.part.sidebar .pane-header[aria-label^="Issues"]', { state: 'attached', timeout: 10_000 });
    });
    const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
    // Services are the top level; expand them until an issue row (level 2) shows.
    const issueRow = page.locator('.part.sidebar .pane-body .monaco-list-row[aria-level="2"]').first();
    await retry(
      async () => {
        if (await issueRow.isVisible()) return true;
        const collapsed = page.locator('.part.sidebar .pane-body .monaco-list-row[aria-level="1"][aria-expanded="false"]').first();
        if (await collapsed.isVisible()) await collapsed.click();
        return false;
      },
      { attempts: 120, delayMs: 1000 },
    );
    const rowCount = await rows.count();
    const label = (await issueRow.locator('.label-name').first().innerText()).trim();
    const description = (await issueRow.locator('.label-description').first().innerText().catch(() => '')).trim();
    console.log(`tree: ${rowCount} rows; first issue ${JSON.stringify(label)} ${JSON.stringify(description)}`);
    assert.ok(rowCount >= 2, 'the tree shows a service and at least one issue');
    assert.match(label, /^[^:]+: .+/, 'an issue row reads "kind: message"');

    await issueRow.click();
    const message = label.slice(label.indexOf(': ') + 2);
    // Compare the message up to its first variable part (numbers, ids), as the page may show a
    // sample event's message where the tree shows the issue's template.
    const stable = message.split(/[\d<{"']/)[0].trim().slice(0, 60);
    assert.ok(stable.length >= 6, `message ${JSON.stringify(message)} has too short a fixed prefix to look for`);
    const frame = await webviewFrame(page, { timeoutMs: 60_000 });
    await frame.waitForFunction((needle) => document.body.innerText.includes(needle), stable, { timeout: 60_000 });

    // A sample event: some element on the page holds a JSON object (the raw event).
    const samples = await frame.evaluate(() =>
      [...document.querySelectorAll('pre, code, textarea')]
        .map((element) => element.textContent ?? '')
        .filter((text) => {
          try {
            const value = JSON.parse(text);
            return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
          } catch {
            return false;
          }
        }),
    );
    console.log(`issue page: message ${JSON.stringify(stable)} found; ${samples.length} sample event(s) as JSON`);
    assert.ok(samples.length >= 1, 'the issue page shows at least one sample event as JSON');
    await page.mouse.move(0, 0);
    console.log(`screenshot: ${await screenshot(page, 'issue-page')}`);
  }));
