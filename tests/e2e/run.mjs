#!/usr/bin/env node
// The e2e runner: builds the site, serves dist/ on 127.0.0.1 (random port), runs every test in
// headless Chromium and writes {numPassedTests, numFailedTests} to --json=FILE.
// Usage: node tests/e2e/run.mjs [--json=FILE] [--only=substring] [--no-build]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { tests as core } from './tests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// tests.mjs holds the first tests; each topic since has its own file in suites/ (one export `tests`).
const suites = join(root, 'tests/e2e/suites');
const tests = [...core];
for (const f of readdirSync(suites).filter((n) => n.endsWith('.mjs')).sort()) {
  tests.push(...(await import(pathToFileURL(join(suites, f)).href)).tests);
}
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));
const shots = join(root, 'tests/e2e/screenshots');
mkdirSync(shots, { recursive: true });

const report = (passed, failed) => {
  if (args.json) {
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
  }
};

if (!args['no-build']) {
  console.log('e2e: building the site (npx vite build)…');
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('e2e: build failed');
    report(0, 1);
    process.exit(1);
  }
}

// Served under a sub-path: the build must not assume it lives at the root.
const server = await serve(join(root, 'dist'), '/mpp/site/');
console.log(`e2e: serving dist on ${server.url}`);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let passed = 0;
let failed = 0;
const started = Date.now();
const selected = tests.filter((t) => !args.only || t.name.includes(args.only));
for (const t of selected) {
  const context = await browser.newContext({ viewport: t.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const t0 = Date.now();
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
  try {
    await Promise.race([
      t.run({ page, context, base: server.url, shot, errors }),
      new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 40 s')), 40_000)),
    ]);
    const unexpected = errors.filter((e) => !(t.allowErrors ?? []).some((re) => re.test(e)));
    if (unexpected.length) throw new Error(`errors on the page:\n  ${unexpected.join('\n  ')}`);
    passed++;
    console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${t.name} (${Date.now() - t0} ms)\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
    await shot(`FAILED-${t.name.replace(/\W+/g, '-')}`).catch(() => undefined);
  }
  await context.close();
}
await browser.close();
await server.close();
console.log(`e2e: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
report(passed, failed);
process.exit(failed ? 1 : 0);
