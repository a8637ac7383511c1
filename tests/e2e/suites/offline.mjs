// Issue 9 items 16–17 and issue 11 item 13: the service worker caches only the site's own files,
// precaches only what start needs (taking it from the HTTP cache rather than downloading it
// twice), caches Monaco when the Editor first opens, works offline behind `Vary: Origin`, and
// the built page runs under a Content-Security-Policy with no inline script.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../serve.mjs';
import { assert, login, open, waitText } from '../helpers.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../../dist');

/** Runs `fn(url, log)` against a server of dist/ made with `opts`; the server always closes. */
async function withServer(opts, fn) {
  const log = [];
  const server = await serve(dist, '/sw/test/', { ...opts, onResponse: (path, octets) => log.push({ path, octets }) });
  try {
    return await fn(server.url, log);
  } finally {
    await server.close();
  }
}

/** Waits until the service worker controls the page and has finished precaching. */
async function swReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15_000 });
}

/** The paths (relative to the scope) in the service worker's cache. */
const cached = (page) =>
  page.evaluate(async () => {
    const out = [];
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname.replace(/^\/sw\/test\//, ''));
    return out.sort();
  });

export const tests = [
  {
    name: 'offline: works after the first visit when the host sends Vary: Origin',
    async run({ page, context }) {
      await withServer({ headers: { vary: 'Origin' } }, async (url) => {
        await open(page, url);
        await swReady(page);
        await context.setOffline(true);
        try {
          await page.reload();
          await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
          await waitText(page, /\* OK/);
          await login(page);
        } finally {
          await context.setOffline(false);
        }
      });
    },
  },
  {
    name: 'offline: the first visit fetches each file once, Monaco is cached only when the Editor opens',
    async run({ page }) {
      await withServer({}, async (url, log) => {
        await open(page, url);
        await swReady(page);
        await page.waitForFunction(async () => (await caches.keys()).length > 0);
        const inCache = await cached(page);
        assert(inCache.some((p) => /^assets\/main-.*\.js$/.test(p)) && inCache.some((p) => /^assets\/content-.*\.js$/.test(p)), `start's files are precached: ${inCache.join(' ')}`);
        assert(!inCache.some((p) => /EditorPanel|editor\.worker|codicon/.test(p)), `Monaco is not precached: ${inCache.join(' ')}`);
        const counts = {};
        for (const { path } of log) counts[path] = (counts[path] ?? 0) + 1;
        const twice = Object.entries(counts).filter(([, n]) => n > 1);
        assert(!twice.length, `nothing is downloaded twice: ${JSON.stringify(twice)}`);
        await page.getByRole('tab', { name: 'Editor' }).click();
        await page.waitForFunction(() => !!window.__mpp.compose, null, { timeout: 15_000 });
        await page.waitForFunction(
          async () => {
            for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) if (/EditorPanel-.*\.js$/.test(r.url)) return true;
            return false;
          },
          null,
          { timeout: 10_000 },
        );
      });
    },
  },
  {
    name: 'offline: another page under the scope is neither cached nor served for the app',
    async run({ page, context }) {
      const other = '<!doctype html><link rel="icon" href="data:,"><title>another page</title><p id="other">another page</p>';
      await withServer({ pages: { '/other.html': other } }, async (url) => {
        await open(page, url);
        await swReady(page);
        await page.goto(url + 'other.html');
        await page.locator('#other').waitFor();
        assert(!(await cached(page)).some((p) => /other/.test(p)), 'other.html is not in the cache');
        await context.setOffline(true);
        try {
          await page.goto(url);
          await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
          assert((await page.locator('#other').count()) === 0, 'the app, not the other page, is what offline shows');
        } finally {
          await context.setOffline(false);
        }
      });
    },
  },
  {
    name: 'csp: no inline script; terminal, workers, panels and Monaco run under the policy',
    async run({ page, base }) {
      const html = readFileSync(join(dist, 'index.html'), 'utf8');
      assert(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'[;"]/.test(html), 'the built page declares a CSP');
      assert(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline <script> in index.html');
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await open(page, base);
      await login(page);
      for (const tab of ['Inspector', 'Mailboxes', 'Network', 'Lessons', 'Editor']) await page.getByRole('tab', { name: tab }).click();
      await page.waitForFunction(() => !!window.__mpp.compose, null, { timeout: 15_000 });
      await page.locator('.monaco-editor').first().waitFor();
      const violations = await page.evaluate(() => window.__csp);
      assert(!violations.length, `no CSP violations: ${violations.join('; ')}`);
    },
  },
];
