// What a person sees, checked in code-server + Debian Chromium with the extension installed and
// the demo workspace (fresh copy, logs generated around a pinned now) open:
//  - a demo function carries the CodeLens with real counts;
//  - the Issues tree lists issues, and selecting one opens its page showing the message and a
//    sample event.
// Screenshots go to test-results/screenshots/. Run: node --test test/e2e/browser.test.mjs
// (after `npm run build`). ERRTRACK_EXTENSION_PATH overrides the extension folder.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DARK_THEME, LIGHT_THEME } from '../../scripts/editor/code-server.mjs';
import { openFile, retry, runCommand, screenshot, waitForWorkbench, webviewFrame } from './browser.mjs';
import { openDemoSession } from './demo-session.mjs';

// As the issue words it ("⚠ 2 issues · 1,284 errors · last 3 min ago"), allowing the time window the
// server adds after the count ("1,284 errors (24h)") and compact counts ("12.3k").
const LENS_TEXT = /⚠ \d+ issues? · [\d,.]+k? errors?(?: \((?:1h|24h|7d|30d)\))? · last \S/;
const LENS_FILE = 'src/api/client.ts';
// Loading the workbench, scanning thousands of events and a UI round trip are slow on 2 shared cores.
const STEP_TIMEOUT = 240_000;

let session;
let server;
let page;

before(async () => {
  session = await openDemoSession();
  ({ page, server } = session);
}, { timeout: STEP_TIMEOUT });

after(() => session?.close());

/**
 * Pages through the focused editor until `locator` (a CodeLens) is on screen: the editor only
 * renders lenses near the visible lines, and they arrive once the server has read the logs.
 */
async function scrollUntilVisible(locator, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 15; i++) {
      await page.waitForTimeout(300);
      if (await locator.isVisible()) return;
      await page.keyboard.press('PageDown');
    }
    await page.waitForTimeout(2000);
  }
  throw new Error(`no CodeLens matching ${LENS_TEXT} in ${LENS_FILE} within ${timeoutMs / 1000} s`);
}

/** Toasts (e.g. "2 new issues") would cover the code in screenshots. */
async function clearNotifications() {
  if (await page.locator('.notifications-toasts .notification-toast').count()) {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.waitForSelector('.notifications-toasts .notification-toast', { state: 'detached', timeout: 10_000 }).catch(() => {});
  }
}

const checked = (name, body) => session.checked(name, body);

test('a demo function shows a CodeLens with its real issue and error counts', { timeout: STEP_TIMEOUT }, () =>
  checked('codelens', async () => {
    await openFile(page, LENS_FILE);
    const lens = page.locator('.contentWidgets .codelens-decoration').filter({ hasText: LENS_TEXT }).first();
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

    await clearNotifications();
    await page.mouse.move(0, 0);
    console.log(`screenshot: ${await screenshot(page, 'codelens-dark')}`);
    // The same view in the light theme (settings are read on load), then back to dark.
    server.setUserSettings({ 'workbench.colorTheme': LIGHT_THEME });
    await page.reload();
    await waitForWorkbench(page);
    await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs'), null, { timeout: 60_000 });
    await openFile(page, LENS_FILE); // focuses the editor again
    await scrollUntilVisible(lens);
    await clearNotifications();
    await page.mouse.move(0, 0);
    console.log(`screenshot: ${await screenshot(page, 'codelens-light')}`);
    server.setUserSettings({ 'workbench.colorTheme': DARK_THEME });
    await page.reload();
    await waitForWorkbench(page);
  }));

test('clicking the lens above fetchPage opens the page of the issue it counts', { timeout: STEP_TIMEOUT }, () =>
  checked('codelens-click', async () => {
    await openFile(page, LENS_FILE);
    const lens = page.locator('.contentWidgets .codelens-decoration').filter({ hasText: LENS_TEXT }).first();
    await scrollUntilVisible(lens);
    await lens.locator('a', { hasText: '⚠' }).first().click();
    const frame = await webviewFrame(page, { timeoutMs: 60_000 });
    await frame.waitForFunction(() => document.body.innerText.includes('RateLimitError'), null, { timeout: 60_000 });
    console.log('lens click: the RateLimitError issue page is open');
    await runCommand(page, 'View: Close All Editors');
  }));

test('the Issues tree lists issues and selecting one opens its page with the message and a sample event', { timeout: STEP_TIMEOUT }, () =>
  checked('issue-page', async () => {
    // Open the "Error Tracking" view container from the activity bar.
    await retry(async () => {
      // The item itself, not its icon: a badge (new issues) may sit on top of the icon.
      await page.locator('.part.activitybar .action-item:has(.action-label[aria-label^="Error Tracking"])').first().click({ timeout: 10_000 });
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
    await clearNotifications();
    await page.mouse.move(0, 0);
    console.log(`screenshot: ${await screenshot(page, 'issue-page')}`);

    // A sample event: some element on the page holds a JSON object (the raw event). If it sits
    // in a collapsed section, open it as a person would (its summary), then it must be on screen.
    const samples = await frame.evaluate(() => {
      const isJsonObject = (text) => {
        try {
          const value = JSON.parse(text ?? '');
          return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
        } catch {
          return false;
        }
      };
      const found = [...document.querySelectorAll('pre, code, textarea')].filter((element) => isJsonObject(element.textContent));
      const first = found[0];
      if (!first) return { count: 0, visible: false };
      for (let closed = first.closest('details:not([open])'); closed; closed = closed.closest('details:not([open])')) {
        closed.querySelector(':scope > summary')?.click();
      }
      first.scrollIntoView({ block: 'center' });
      return { count: found.length, visible: first.getClientRects().length > 0 && first.getBoundingClientRect().height > 0 };
    });
    console.log(`issue page: message ${JSON.stringify(stable)} found; ${samples.count} sample event(s) as JSON, first visible: ${samples.visible}`);
    assert.ok(samples.count >= 1, 'the issue page holds at least one sample event as JSON');
    assert.ok(samples.visible, 'the sample event is visible on the issue page');
    await page.waitForTimeout(300);
    console.log(`screenshot: ${await screenshot(page, 'issue-page-sample')}`);
  }));
