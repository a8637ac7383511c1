import { chromium } from 'playwright-core';
import { serve } from '/work/main/tests/e2e/serve.mjs';
import { open } from '/work/main/tests/e2e/helpers.mjs';
const server = await serve('/work/main/dist', '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await open(page, server.url);
console.log(await page.evaluate(() => document.elementsFromPoint(300, 749).map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).outline + ' ' + getComputedStyle(e).borderBottom).join('\n')));
console.log(await page.evaluate(() => {
  const out = [];
  for (const e of document.querySelectorAll('.xterm *')) {
    const r = e.getBoundingClientRect();
    if (r.bottom >= 745 && r.top <= 750 && r.height < 40) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.top) + '-' + Math.round(r.bottom) + ' ' + getComputedStyle(e).boxShadow + ' bg=' + getComputedStyle(e).backgroundColor);
  }
  return out.join('\n');
}));
await browser.close(); await server.close();
