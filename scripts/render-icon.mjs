// Renders the marketplace icon (media/icons/icon.png, 128x128) from the activity-bar glyph
// (media/icons/error-tracking.svg) on a coloured tile, with Debian's Chromium:
//   node scripts/render-icon.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, REPO_ROOT } from './editor/provision.mjs';
import { CHROMIUM_ARGS } from '../test/e2e/browser.mjs';

const glyph = readFileSync(join(REPO_ROOT, 'media', 'icons', 'error-tracking.svg'), 'utf8')
  .replace(/width="24" height="24"/, 'width="96" height="96"')
  .replace('stroke="currentColor"', 'stroke="#ffffff"');
const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#c0392b,#7d1f16);display:flex;align-items:center;justify-content:center">${glyph}</div>
</body></html>`;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  writeFileSync(join(REPO_ROOT, 'media', 'icons', 'icon.png'), png);
  console.log(`wrote media/icons/icon.png (${png.length} bytes)`);
} finally {
  await browser.close();
}
