// What a person sees on the failing line and when a new kind of error appears, in code-server +
// Chromium on a fresh demo copy: the hover on a frame's line names the issue and offers our
// commands; appending a new kind of error to a log raises one notification whose "Open" shows
// the new issue's page. Screenshots: hover.png, notification.png.
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openFile, retry, screenshot, webviewFrame } from './browser.mjs';
import { openDemoSession } from './demo-session.mjs';

const STEP_TIMEOUT = 240_000;
let session;
let page;
let workspace;

before(async () => {
  session = await openDemoSession();
  ({ page, workspace } = session);
}, { timeout: STEP_TIMEOUT });

after(() => session?.close());

const checked = (name, body) => session.checked(name, body);

test('hovering the line that throws shows the issue with its counts and our command links', { timeout: STEP_TIMEOUT }, () =>
  checked('hover', async () => {
    await openFile(page, 'src/api/client.ts');
    const hover = page.locator('.monaco-hover', { hasText: 'Open issue page' });
    const token = page.locator('.view-lines .view-line', { hasText: 'throw new RateLimitError' }).locator('span', { hasText: 'RateLimitError' }).first();
    // Page down (never type into the editor) until the throwing line is on screen, then hover it.
    await page.keyboard.press('Control+Home');
    await retry(
      async () => {
        if (!(await token.isVisible())) {
          await page.keyboard.press('PageDown');
          throw new Error('the throwing line is not on screen yet');
        }
        await page.mouse.move(0, 0);
        await token.hover();
        await hover.first().waitFor({ state: 'visible', timeout: 8_000 });
      },
      { attempts: 30, delayMs: 1000 },
    );
    const text = await hover.first().innerText();
    console.log(`hover: ${JSON.stringify(text.slice(0, 300))}`);
    assert.match(text, /RateLimitError/);
    assert.match(text, /errors \(24h\)/);
    assert.match(text, /Resolve/);
    assert.match(text, /Ignore/);
    await page.waitForTimeout(800); // the hover fades in
    console.log(`screenshot: ${await screenshot(page, 'hover')}`);
    await page.keyboard.press('Escape');
  }));

test('a new kind of error appended to a log raises one notification, and Open shows its page', { timeout: STEP_TIMEOUT }, () =>
  checked('notification', async () => {
    const dir = join(workspace.folder, 'logs', 'nightly-import');
    const file = join(dir, readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort().at(-1));
    const now = workspace.now;
    const line = {
      timestamp: now, status: 'error', service: 'nightly-import', env: 'prod', version: '1.5.0', host: 'ip-10-0-9-9.eu-west-1.compute.internal',
      message: 'writing part failed',
      logger: { name: 'store.writer' },
      error: {
        kind: 'QuotaExceededError',
        message: 'bucket nightly-exports is over its storage quota',
        stack: 'QuotaExceededError: bucket nightly-exports is over its storage quota\n    at writePart (/app/src/store/writer.ts:25:11)\n    at runImport (/app/src/job.ts:55:11)',
      },
      job: 'nightly-import', run_id: 'e2e-append',
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'QuotaExceededError' });
    await toast.first().waitFor({ timeout: 60_000 });
    const message = (await toast.first().locator('.notification-list-item-message').innerText()).trim();
    console.log(`notification: ${JSON.stringify(message)}`);
    assert.match(message, /^New issue in nightly-import: QuotaExceededError: bucket nightly-exports is over its storage quota/);
    assert.equal(await page.locator('.notifications-toasts .notification-list-item').count(), 1, 'exactly one notification');
    console.log(`screenshot: ${await screenshot(page, 'notification')}`);
    await toast.first().locator('.monaco-button', { hasText: 'Open' }).first().click();
    const frame = await webviewFrame(page, { timeoutMs: 60_000 });
    await frame.waitForFunction(() => document.body.innerText.includes('QuotaExceededError'), null, { timeout: 60_000 });
  }));
