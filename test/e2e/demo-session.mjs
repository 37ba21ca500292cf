// One browser session on a fresh demo copy in code-server, as the browser checks share it:
// provision, copy the demo with generated logs, start the editor with the extension, open the
// workbench; `checked` saves a screenshot and the console's errors when a check fails.
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { DARK_THEME, startCodeServer } from '../../scripts/editor/code-server.mjs';
import { provision, REPO_ROOT } from '../../scripts/editor/provision.mjs';
import { prepareE2eWorkspace } from '../../scripts/editor/workspace.mjs';
import { CHROMIUM_ARGS, screenshot, waitForWorkbench, watchConsole } from './browser.mjs';

export async function openDemoSession({ colorTheme = DARK_THEME } = {}) {
  const { chromium: executablePath } = provision();
  const workspace = prepareE2eWorkspace();
  const extensionPath = resolve(process.env.ERRTRACK_EXTENSION_PATH ?? REPO_ROOT);
  const server = await startCodeServer({ extensionPath, env: workspace.env, colorTheme });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLog = watchConsole(page, []);
  await page.goto(server.folderUrl(workspace.folder));
  await waitForWorkbench(page);
  return {
    page,
    server,
    workspace,
    async checked(name, body) {
      try {
        await body();
      } catch (error) {
        await screenshot(page, `failed-${name}`).catch(() => {});
        for (const line of consoleLog.slice(-30)) console.log(line);
        throw error;
      }
    },
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
      workspace.cleanup();
    },
  };
}
