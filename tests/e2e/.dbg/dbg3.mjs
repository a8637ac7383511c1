import { chromium } from 'playwright-core';
import { serve } from '/work/main/tests/e2e/serve.mjs';
import { open } from '/work/main/tests/e2e/helpers.mjs';
const server = await serve('/work/main/dist', '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await open(page, server.url);
await page.screenshot({ path: '/tmp/crop.png', clip: { x: 0, y: 680, width: 400, height: 80 } });
console.log(await page.evaluate(() => {
  const el = document.elementFromPoint(200, 748);
  const r = [];
  for (let e = el; e; e = e.parentElement) r.push(e.tagName + '.' + e.className + ' ' + JSON.stringify(e.getBoundingClientRect()));
  return r.slice(0, 5).join('\n');
}));
await browser.close(); await server.close();
