// The issue page in the real editor (code-server + Debian Chromium, the demo workspace): open an
// issue from "Error Tracking: Search Issues", read its chart, stack, samples and facets, click a
// facet, click a frame (its file opens), change the state, and restore the page after a reload
// in the dark theme. Screenshots: test-results/screenshots/issue-page-editor-{light,dark}.png.
// Run (after `npm run build`): node --test test/e2e-webview/issue-page-editor.test.mjs
// Slow (code-server start and a full scan of the demo logs): minutes on 2 shared cores.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DARK_THEME, LIGHT_THEME, startCodeServer } from '../../scripts/editor/code-server.mjs';
import { provision, REPO_ROOT } from '../../scripts/editor/provision.mjs';
import { prepareE2eWorkspace } from '../../scripts/editor/workspace.mjs';
import { CHROMIUM_ARGS, retry, runCommand, screenshot, waitForWorkbench, watchConsole, webviewFrame } from '../e2e/browser.mjs';

const STEP_TIMEOUT = 300_000;
let server;
let browser;
let page;
let workspace;
const consoleLog = [];
let issueKind;

before(async () => {
  const { chromium: executablePath } = provision();
  workspace = prepareE2eWorkspace();
  const extensionPath = resolve(process.env.ERRTRACK_EXTENSION_PATH ?? REPO_ROOT);
  server = await startCodeServer({ extensionPath, env: workspace.env, colorTheme: LIGHT_THEME });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  watchConsole(page, consoleLog);
  await page.goto(server.folderUrl(workspace.folder));
  await waitForWorkbench(page);
}, { timeout: STEP_TIMEOUT });

after(async () => {
  await browser?.close();
  await server?.stop();
  workspace?.cleanup();
});

/** The issue page's frame once it drew an issue. */
async function issueFrame() {
  return retry(async () => {
    const frame = await webviewFrame(page, { timeoutMs: 30_000 });
    await frame.waitForSelector('[data-testid=kind]', { timeout: 30_000 });
    return frame;
  }, { attempts: 6, delayMs: 2000 });
}

test('the issue page in the editor: reads, filters, opens a frame, changes state, restores after reload', { timeout: STEP_TIMEOUT * 2 }, async (t) => {
  try {
    // The issues arrive once the server scanned the demo logs: retry until the pick lists some.
    await retry(async () => {
      await runCommand(page, 'Error Tracking: Search Issues');
      const row = page.locator('.quick-input-list .monaco-list-row').first();
      await row.waitFor({ timeout: 20_000 });
      await row.click();
    }, { attempts: 8, delayMs: 5000 });

    let frame = await issueFrame();
    // The "new issues" toasts would cover the page's right column.
    await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
    const kind = await frame.locator('[data-testid=kind]').innerText();
    const bars = await frame.locator('[data-testid=chart] g.bucket').count();
    const peakTitle = await frame.locator('[data-testid=chart] g.bucket title').evaluateAll((titles) =>
      titles.map((title) => title.textContent).sort((a, b) => parseInt(b, 10) - parseInt(a, 10))[0],
    );
    const inApp = await frame.locator('.frame.in-app').count();
    const links = await frame.locator('button.frame-link').count();
    const position = await frame.locator('[data-testid=position]').innerText();
    const facetValues = await frame.locator('button.facet-value').count();
    console.log(`issue page: ${kind}; ${bars} bars (busiest: ${peakTitle}); ${inApp} in-app frames, ${links} open a file; samples ${position}; ${facetValues} facet values`);
    assert.ok(bars > 0, 'the chart has bars');
    assert.match(peakTitle ?? '', /^[\d,]+ events? · /, 'bars carry exact counts');
    assert.ok(inApp > 0 && links > 0, 'in-app frames, some mapped to workspace files');
    assert.match(position, /^1 of \d+/);
    assert.ok(facetValues > 0, 'facets are listed');
    await page.mouse.move(0, 0);
    t.diagnostic(`screenshot: ${await screenshot(page, 'issue-page-editor-light')}`);

    // Clicking the facet value the shown sample has (its host) filters the samples to it.
    const host = (await frame.locator('.field').filter({ has: frame.locator('dt', { hasText: /^Host$/ }) }).locator('dd').innerText()).trim();
    const hostValue = frame.locator('button.facet-value[data-facet=host]').filter({ has: frame.locator('.value', { hasText: host }) }).first();
    const filtered = (await hostValue.count()) > 0;
    if (filtered) {
      await hostValue.click();
      const chip = await frame.locator('[data-testid=filter]').innerText();
      console.log(`facet filter: ${chip}`);
      assert.match(chip, /· [1-9]\d* of \d+/, 'the kept samples include the clicked value');
    } else {
      t.diagnostic(`host ${host} is not among the host facet's top values`);
    }

    // The state buttons change the issue's state through the extension.
    const stateBefore = await frame.locator('[data-testid=state]').innerText();
    const action = frame.locator('.actions button[data-state]').first();
    const target = await action.getAttribute('data-state');
    await action.click();
    const expected = { OPEN: 'For Review', ACKNOWLEDGED: 'Reviewed', RESOLVED: 'Resolved', IGNORED: 'Ignored', EXCLUDED: 'Excluded' }[target];
    await frame.waitForFunction((text) => document.querySelector('[data-testid=state]')?.textContent === text, expected, { timeout: 60_000 });
    console.log(`state: ${stateBefore} -> ${expected}`);

    // A mapped frame opens its workspace file in an editor.
    const mappedTo = (await frame.locator('button.frame-link .mapped-to').first().innerText()).replace(/^→\s*/, '');
    const fileName = mappedTo.replace(/:\d+$/, '').split('/').pop();
    await frame.locator('button.frame-link').first().click();
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${fileName}"]`, { timeout: 30_000 });
    console.log(`frame opened ${mappedTo}`);

    // Back to the page (hidden meanwhile, so its script was unloaded): the filter is kept.
    await page.locator('.tabs-container .tab', { hasText: kind.slice(0, 20) }).first().click({ timeout: 30_000 });
    frame = await issueFrame();
    assert.equal(await frame.locator('[data-testid=kind]').innerText(), kind);
    if (filtered) assert.equal(await frame.locator('[data-testid=filter]').count(), 1, 'the facet filter survived hiding the panel');

    // The dark theme, picked as a person does: the page follows VS Code's colours live.
    await runCommand(page, 'Preferences: Color Theme');
    await page.keyboard.type(DARK_THEME);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: DARK_THEME }).first().click({ timeout: 15_000 });
    await frame.waitForFunction(() => document.body.classList.contains('vscode-dark'), undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.mouse.move(0, 0);
    t.diagnostic(`screenshot: ${await screenshot(page, 'issue-page-editor-dark')}`);
    issueKind = kind;
  } catch (error) {
    await screenshot(page, 'failed-issue-page-editor').catch(() => undefined);
    if (consoleLog.length) console.log(consoleLog.slice(-20).join('\n'));
    throw error;
  }
});

test('the issue page comes back after the window reloads (WebviewPanelSerializer)', { timeout: STEP_TIMEOUT }, async (t) => {
  if (!issueKind) return t.skip('the first test did not open a page');
  try {
    // Give the workbench a moment to store its editors, then reload the window.
    await page.waitForTimeout(3000);
    await page.reload();
    await waitForWorkbench(page);
    const tab = page.locator('.tabs-container .tab', { hasText: issueKind.slice(0, 20) }).first();
    await tab.waitFor({ timeout: 60_000 });
    await tab.click();
    const frame = await issueFrame();
    assert.equal(await frame.locator('[data-testid=kind]').innerText(), issueKind);
  } catch (error) {
    await screenshot(page, 'failed-issue-page-editor-restore').catch(() => undefined);
    throw error;
  }
});
