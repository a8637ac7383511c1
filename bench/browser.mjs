#!/usr/bin/env node
// The playground's speed as a student's browser sees it, measured in headless Chromium against
// the built site (run `npm run build` first; `npm run bench` calls this):
//   - navigation to an answered first command (`CAPABILITY` typed at the prompt, its tagged OK
//     on screen), median of N cold loads (a new browser context each: no cache, no service
//     worker), beside a bare page in the same run that only starts xterm and writes one line;
//   - the worker round trip (page → engine worker → page, Comlink), median of 200;
//   - a keystroke at the prompt: xterm's input to the echo drawn, median of 100.
// Usage: node bench/browser.mjs [--json] [--quick]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const loads = process.argv.includes('--quick') ? 3 : 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (...a) => (json ? console.error(...a) : console.log(...a));

// The bare page: xterm's own build and stylesheet, nothing else.
const bare = mkdtempSync(join(tmpdir(), 'mpp-bare-'));
writeFileSync(join(bare, 'xterm.js'), readFileSync(join(root, 'node_modules/@xterm/xterm/lib/xterm.mjs')));
writeFileSync(join(bare, 'xterm.css'), readFileSync(join(root, 'node_modules/@xterm/xterm/css/xterm.css')));
writeFileSync(
  join(bare, 'index.html'),
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><link rel="stylesheet" href="xterm.css"></head>
<body><div id="t" style="width:800px;height:400px"></div><script type="module">
import { Terminal } from './xterm.js';
const term = new Terminal();
term.open(document.getElementById('t'));
term.write('* OK ready\\r\\n', () => { window.__answered = performance.now(); });
</script></body></html>`,
);

const site = await serve(join(root, 'dist'), '/');
const barePage = await serve(bare, '/');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function fresh(fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** Navigation start to the tagged answer of a CAPABILITY typed at the prompt, in ms. */
const oursOnce = () =>
  fresh(async (page) => {
    await page.goto(site.url);
    await page.waitForFunction(() => window.__mpp?.app?.ready === true && /\* OK/.test(window.__mpp.text()), null, { timeout: 20_000 });
    await page.locator('.term-slot:not(.hidden) .xterm-helper-textarea').focus();
    await page.keyboard.type('x CAPABILITY');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^x OK/m.test(window.__mpp.text()), null, { timeout: 20_000 });
    return page.evaluate(() => performance.now());
  });

const bareOnce = () =>
  fresh(async (page) => {
    await page.goto(barePage.url);
    await page.waitForFunction(() => window.__answered !== undefined, null, { timeout: 20_000 });
    return page.evaluate(() => window.__answered);
  });

const ours = [];
const bareTimes = [];
for (let i = 0; i < loads; i++) {
  // Alternate which page goes first, so neither always meets a cold machine.
  if (i % 2) ours.push(await oursOnce()), bareTimes.push(await bareOnce());
  else bareTimes.push(await bareOnce()), ours.push(await oursOnce());
}

const { roundTrip, keystroke } = await fresh(async (page) => {
  await page.goto(site.url);
  await page.waitForFunction(() => window.__mpp?.app?.ready === true && /\* OK/.test(window.__mpp.text()), null, { timeout: 20_000 });
  const roundTrip = await page.evaluate(async () => {
    const engine = window.__mpp.app.engine;
    const xs = [];
    for (let i = 0; i < 220; i++) {
      const t = performance.now();
      await engine.ping();
      if (i >= 20) xs.push(performance.now() - t);
    }
    return xs.sort((a, b) => a - b)[xs.length >> 1];
  });
  // A keystroke: xterm's input path (as a key press gives it) through the line editor to the
  // echo written on screen.
  const keystroke = await page.evaluate(async () => {
    const key = window.__mpp.app.activeKey;
    const term = window.__mpp.terminals[key].term;
    const xs = [];
    for (let i = 0; i < 110; i++) {
      const t = performance.now();
      term.input(i % 2 ? 'a' : '\x7f', true);
      await new Promise((r) => term.write('', r));
      if (i >= 10) xs.push(performance.now() - t);
    }
    return xs.sort((a, b) => a - b)[xs.length >> 1];
  });
  return { roundTrip, keystroke };
});

await browser.close();
await site.close();
await barePage.close();

const result = { loads, ours: median(ours), bare: median(bareTimes), roundTrip, keystroke, oursAll: ours, bareAll: bareTimes };
log(`navigation to an answered first command: ours ${result.ours.toFixed(0)} ms (${ours.map((x) => x.toFixed(0)).join(', ')}), bare xterm page ${result.bare.toFixed(0)} ms`);
log(`worker round trip ${roundTrip.toFixed(3)} ms; keystroke ${keystroke.toFixed(2)} ms`);
if (json) console.log(JSON.stringify(result));
