// Issue 14 part 3: dist/embed/mail-session.js on a plain page of ANOTHER origin: two
// <mail-session> elements (IMAP4rev1 and IMAP2) and one <pre class="mail-session">, each run
// against its own engine worker; the host page's styles stay its own (shadow DOM); the JS for
// one session (element + engine worker) stays under 150 KB gzip.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assert } from '../helpers.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const dist = join(root, 'dist');

/** The runner builds the site only; the embed is its own (fast) build. */
function buildEmbed() {
  const b = spawnSync('npx', ['vite', 'build', '-c', 'vite.embed.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('embed build failed');
}

/** Serves dir with CORS open (as GitHub Pages does), so another origin may load the module. */
function listen(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) }));
  });
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };
function staticFiles(dir) {
  return (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
}

const hostPage = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>Course notes</title>
<style>
  body { font-family: Georgia, serif; }
  button { background-color: rgb(255, 105, 180); }
  pre { background-color: rgb(1, 2, 3); color: white; }
</style>
<script type="module" src="${script}"></script></head><body>
<h1>Notes on IMAP</h1>
<button id="own">the page's own button</button>
<mail-session id="rev1" dialect="imap4rev1" scenario="default">
C: a1 LOGIN alice wonderland
C: a2 SELECT INBOX
C: a3 FETCH 1 (FLAGS)
C: a5 APPEND Trash {10}
C: Subject: x
</mail-session>
<mail-session id="imap2" dialect="imap2">
A001 LOGIN alice wonderland
A002 SELECT INBOX
</mail-session>
<pre class="mail-session" data-dialect="imap4rev2">
C: t1 LOGIN alice wonderland
S: t1 OK Logged in
C: t2 STATUS INBOX (MESSAGES)
</pre>
<pre id="plain">an ordinary pre</pre>
</body></html>`;

const screen = (page, id) => page.locator(`#${id}`).locator('pre.screen');

export const tests = [
  {
    name: 'embed: two <mail-session>s and an upgraded <pre> on another origin each run their own engine',
    async run({ page, shot }) {
      buildEmbed();
      const site = await listen(staticFiles(dist));
      const host = await listen((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(`${site.url}embed/mail-session.js`)));
      try {
        assert(new URL(site.url).origin !== new URL(host.url).origin, 'two origins');
        await page.goto(host.url);
        await page.waitForFunction(() => document.querySelectorAll('mail-session').length === 3 && !document.querySelector('pre.mail-session'));
        const upgraded = page.locator('mail-session:not([id])');
        assert((await upgraded.getAttribute('dialect')) === 'imap4rev2', 'the pre became an IMAP4rev2 session');

        // IMAP4rev1: Run plays every line.
        await page.locator('#rev1').getByRole('button', { name: 'Run', exact: true }).click();
        await screen(page, 'rev1').getByText('a3 OK', { exact: false }).waitFor({ timeout: 15_000 });
        await screen(page, 'rev1').getByText('a5 OK', { exact: false }).waitFor({ timeout: 15_000 });
        const rev1 = await screen(page, 'rev1').innerText();
        assert(/S: \* OK \[CAPABILITY IMAP4rev1/.test(rev1), `the rev1 greeting: ${rev1.slice(0, 200)}`);
        assert(/S: a2 OK \[READ-WRITE\]/.test(rev1) && /S: \* 1 FETCH \(FLAGS/.test(rev1), 'SELECT and FETCH answered');
        await screen(page, 'rev1').getByText('a5 OK [APPENDUID', { exact: false }).waitFor({ timeout: 15_000 });
        assert(/S: \+ OK\nC: Subject: x\nS: a5 OK \[APPENDUID/.test(await screen(page, 'rev1').innerText()), 'a literal goes after the +, and its CRLF ends the APPEND');

        // IMAP2: Step plays one line at a time.
        const step = page.locator('#imap2').getByRole('button', { name: 'Step', exact: true });
        await step.click();
        await screen(page, 'imap2').getByText('A001 OK User alice logged in').waitFor({ timeout: 15_000 });
        assert(!(await screen(page, 'imap2').innerText()).includes('A002'), 'one Step sends one line');
        await step.click();
        await screen(page, 'imap2').getByText('A002 OK [READ-WRITE] Select complete').waitFor();
        assert(/IMAP2 service ready/.test(await screen(page, 'imap2').innerText()), 'an IMAP2 server answered');

        // The upgraded pre, with its S: line skipped (it is the author's expected answer).
        await upgraded.getByRole('button', { name: 'Run', exact: true }).click();
        await upgraded.locator('pre.screen').getByText('STATUS INBOX (MESSAGES 14)').waitFor({ timeout: 15_000 });

        // A line of one's own.
        await page.locator('#rev1').getByRole('textbox', { name: 'Your own command line' }).fill('a4 NOOP');
        await page.locator('#rev1').getByRole('textbox', { name: 'Your own command line' }).press('Enter');
        await screen(page, 'rev1').getByText('a4 OK', { exact: false }).waitFor();

        // "Try it yourself" opens the playground (the script's origin) replaying what was sent.
        const href = await page.locator('#rev1').getByRole('link', { name: /Try it yourself/ }).getAttribute('href');
        assert(href.startsWith(`${site.url}#replay=`), `try-it link: ${href}`);

        // The host page's styles stay its own, and do not leak in.
        const bg = (loc) => loc.evaluate((e) => getComputedStyle(e).backgroundColor);
        assert((await bg(page.locator('#own'))) === 'rgb(255, 105, 180)', "the page's own button keeps its style");
        assert((await bg(page.locator('#plain'))) === 'rgb(1, 2, 3)', "the page's own pre keeps its style");
        assert((await bg(page.locator('#rev1').getByRole('button', { name: 'Run', exact: true }))) !== 'rgb(255, 105, 180)', "the page's button style does not reach into the session");
        assert((await page.evaluate(() => document.querySelectorAll('link[rel=stylesheet], style').length)) === 1, 'no stylesheet added to the host page');
        await shot('embed-01-three-sessions');
      } finally {
        await host.close();
        await site.close();
      }
    },
  },
  {
    name: 'embed: one session needs at most 150 KB of JavaScript, gzip (element + engine worker)',
    async run() {
      buildEmbed();
      const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
      const element = gz(join(dist, 'embed/mail-session.js'));
      const src = readFileSync(join(dist, 'embed/mail-session.js'), 'utf8');
      const workers = [...src.matchAll(/"(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
      assert(workers.length === 1, `one worker asset: ${workers}`);
      const worker = gz(join(dist, 'embed', workers[0]));
      assert(!/\bimport\s*["'{*]|\bfrom\s*["']/.test(readFileSync(join(dist, 'embed', workers[0]), 'utf8').slice(0, 2000)), 'the worker imports nothing (it runs from a blob: URL)');
      const total = element + worker;
      console.log(`    embed: element ${(element / 1024).toFixed(1)} KB + worker ${(worker / 1024).toFixed(1)} KB = ${(total / 1024).toFixed(1)} KB gzip`);
      assert(total <= 150 * 1024, `one session's JavaScript is ${(total / 1024).toFixed(1)} KB gzip`);
      assert(readdirSync(join(dist, 'embed')).includes('index.html'), 'the example page is in dist/embed/');
    },
  },
];
