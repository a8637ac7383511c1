import { chromium } from 'playwright-core';
import { serve } from '/work/main/tests/e2e/serve.mjs';
import { open } from '/work/main/tests/e2e/helpers.mjs';
const server = await serve('/work/main/dist', '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await open(page, server.url);
for (const sel of ['.xterm-helper-textarea', '.xterm-scrollable-element', '.xterm-screen', '.xterm']) {
  await page.evaluate((s) => { document.querySelector(s).style.visibility = 'hidden'; }, sel);
  await page.screenshot({ path: `/tmp/crop-${sel.replace(/\W/g,'')}.png`, clip: { x: 0, y: 735, width: 200, height: 25 } });
}
console.log(await page.evaluate(() => [...document.querySelectorAll('.xterm-scrollable-element > *')].map(e => e.className + ' ' + JSON.stringify(e.getBoundingClientRect())).join('\n')));
await browser.close(); await server.close();
