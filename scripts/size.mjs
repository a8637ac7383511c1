#!/usr/bin/env node
// Start-up weight of the built site (issue 9), measured — never typed by hand:
//   1. the gzip bytes of the JavaScript needed to show a working prompt: the entry chunk and
//      its static imports (from dist/index.html), plus the engine worker they start and its
//      static imports. Lazy chunks (panels, lessons, Monaco) are not part of it.
//   2. every byte a first visit transfers in its first 6 s, the service worker's own fetches
//      included: headless Chromium on a fresh profile against a local server that gzips like
//      a real host; the server counts what it sends.
// Usage (after `npm run build`):
//   node scripts/size.mjs            print the table
//   node scripts/size.mjs --readme   also rewrite README.md's size table (between its markers)
//   node scripts/size.mjs --check    exit 1 when a budget is exceeded
//   node scripts/size.mjs --json     print the measurement as JSON
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeSection } from './readme-section.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(root, 'dist');
/** Budgets in octets (KB = 1,000 octets), from issue 9's "Done when". */
export const BUDGETS = { promptJs: 200_000, firstVisit: 400_000 };
/** How long the first visit is watched. */
export const FIRST_VISIT_MS = 6000;

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Static imports of a built ES module (`import … from "./x.js"`, `import "./x.js"`), as dist-relative paths. */
function staticImports(rel, dist) {
  const src = readFileSync(join(dist, rel), 'utf8');
  const dir = dirname(rel);
  const out = new Set();
  for (const m of src.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) out.add(join(dir, m[1]));
  return [...out];
}

/** Workers a module starts: `new Worker(new URL(`x.js`, import.meta.url)…)` as Vite emits it. */
function workersOf(rel, dist) {
  const src = readFileSync(join(dist, rel), 'utf8');
  const dir = dirname(rel);
  return [...src.matchAll(/new Worker\(new URL\((?:new URL\()?["'`]([^"'`]+\.js)["'`]/g)].map((m) => join(dir, m[1].replace(/^\.\//, '')));
}

function closure(starts, dist) {
  const seen = new Set();
  const walk = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    for (const d of staticImports(rel, dist)) walk(d);
  };
  starts.forEach(walk);
  return [...seen];
}

/** (1) The JavaScript a working prompt needs, by static analysis of dist/. */
export function promptJs(dist = DIST) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="\.\/([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]),
  ];
  const classic = [...html.matchAll(/<script(?![^>]*type="module")[^>]*src="\.\/([^"]+)"/g)].map((m) => m[1]);
  const page = closure(entries, dist);
  const workers = closure(page.flatMap((f) => workersOf(f, dist)), dist);
  const files = [...classic, ...page, ...workers].map((f) => ({ file: f, gzip: gz(join(dist, f)), part: workers.includes(f) ? 'engine worker' : 'page' }));
  const sum = (part) => files.filter((f) => !part || f.part === part).reduce((n, f) => n + f.gzip, 0);
  return { files, page: sum('page'), worker: sum('engine worker'), total: sum() };
}

/** Other built JavaScript by role, for the table. */
export function otherJs(dist = DIST, needed = new Set()) {
  const assets = readdirSyncSafe(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !needed.has(`assets/${f}`));
  const pick = (re) => assets.filter((f) => re.test(f)).reduce((n, f) => n + gz(join(dist, 'assets', f)), 0);
  const monaco = pick(/^(EditorPanel|editor\.worker)/);
  const content = pick(/^content-/);
  const rest = assets.filter((f) => !/^(EditorPanel|editor\.worker|content-)/.test(f)).reduce((n, f) => n + gz(join(dist, 'assets', f)), 0);
  return { monaco, content, rest };
}

function readdirSyncSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * (2) A first visit in headless Chromium: a fresh profile, the site gzipped by a local server
 * under a sub-path; every response the server completes in the first 6 s is counted,
 * including those the service worker fetches. Also checks that the prompt really works (the
 * greeting arrives and LOGIN is answered) and when.
 */
export async function firstVisit({ browser, dist = DIST } = {}) {
  const { serve } = await import('../tests/e2e/serve.mjs');
  let own = null;
  if (!browser) {
    const { chromium } = await import('playwright-core');
    own = browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }
  const log = [];
  let t0 = 0;
  const server = await serve(dist, '/size/site/', { gzip: true, onResponse: (path, octets) => log.push({ path, octets, at: Date.now() - t0 }) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    t0 = Date.now();
    await page.goto(server.url);
    // A loaded machine may take longer than the window; the window still closes at 6 s.
    await page.waitForFunction(() => window.__mpp?.app?.ready === true && /\* OK/.test(window.__mpp.text()), null, { timeout: 30_000, polling: 20 });
    const promptAt = Date.now() - t0;
    await page.evaluate(() => window.__mpp.app.active.enter('a1 LOGIN alice wonderland'));
    await page.waitForFunction(() => /a1 OK/.test(window.__mpp.text()), null, { timeout: 5000 });
    const left = FIRST_VISIT_MS - (Date.now() - t0);
    if (left > 0) await page.waitForTimeout(left);
    const within = log.filter((r) => r.at <= FIRST_VISIT_MS);
    const sw = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.active);
    // Then everything until the visit has settled (service worker active, precache done), so a
    // slow machine cannot make the 6 s figure look smaller than the visit really is.
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.getRegistration())?.active, null, { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    return {
      octets: within.reduce((n, r) => n + r.octets, 0),
      settledOctets: log.reduce((n, r) => n + r.octets, 0),
      requests: within.length,
      promptAt,
      serviceWorkerActive: sw,
      byPath: within.map((r) => ({ path: r.path, octets: r.octets, at: r.at })),
    };
  } finally {
    await context.close();
    await server.close();
    if (own) await own.close();
  }
}

export async function measure(opts = {}) {
  const dist = opts.dist ?? DIST;
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  const prompt = promptJs(dist);
  const other = otherJs(dist, new Set(prompt.files.map((f) => f.file)));
  const css = readdirSyncSafe(join(dist, 'assets')).filter((f) => /^index-.*\.css$/.test(f)).reduce((n, f) => n + gz(join(dist, 'assets', f)), 0);
  const visit = await firstVisit({ ...opts, dist });
  return { prompt, other, css, visit, budgets: BUDGETS };
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** The README table, made from a measurement. */
export function table(m) {
  const ok = (v, b) => (v <= b ? `≤ ${b / 1000} KB ✓` : `over ${b / 1000} KB ✗`);
  return [
    '| what (gzip -9; KB = 1,000 octets) | size | budget |',
    '| --- | --- | --- |',
    `| JavaScript needed for a working prompt: page ${kb(m.prompt.page)} + engine worker ${kb(m.prompt.worker)} | **${kb(m.prompt.total)}** (+ ${kb(m.css)} CSS) | ${ok(m.prompt.total, m.budgets.promptJs)} |`,
    `| everything a first visit transfers in its first ${FIRST_VISIT_MS / 1000} s, service worker included (${m.visit.requests} requests; prompt ready at ${m.visit.promptAt} ms) | **${kb(m.visit.octets)}** | ${ok(m.visit.octets, m.budgets.firstVisit)} |`,
    `| loaded after the prompt: lessons content ${kb(m.other.content)}, panels and the rest ${kb(m.other.rest)} | ${kb(m.other.content + m.other.rest)} | |`,
    `| Monaco and its worker, loaded (and cached) only when the Editor panel opens | ${kb(m.other.monaco)} | |`,
  ].join('\n');
}

const START = '<!-- size:start (written by scripts/size.mjs) -->';
const END = '<!-- size:end -->';

export function writeReadme(m, file = join(root, 'README.md')) {
  if (!writeSection(file, START, END, `${table(m)}\n`)) throw new Error('README.md has no size markers');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Set(process.argv.slice(2));
  const m = await measure();
  if (args.has('--json')) console.log(JSON.stringify(m, null, 2));
  else console.log(table(m));
  if (args.has('--readme')) {
    writeReadme(m);
    console.log('README.md size table updated.');
  }
  const over = m.prompt.total > BUDGETS.promptJs || m.visit.octets > BUDGETS.firstVisit;
  if (args.has('--check') && over) {
    console.error('size: over budget');
    process.exit(1);
  }
}
