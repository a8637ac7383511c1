import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';

/**
 * The built page's Content-Security-Policy (a <meta> tag, since a static host may not let us
 * set headers). Scripts only from the site's own files — no inline script, no eval — and
 * workers the same; styles also allow inline because xterm and Monaco write <style> elements
 * and Svelte sets style attributes. Added at build time only: Vite's dev server injects
 * its own inline helpers.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'mpp-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
    },
  };
}

/**
 * Files loaded only on demand — Monaco when the Editor panel first opens, the RFC examples view
 * (`?rfc=`, web/rfc/rfc-view.ts and the transcripts it shows) — cached then, not precached, so a
 * first visit does not download them.
 */
const onDemand = (f: string) => /EditorPanel|monaco|editor\.worker|codicon|\.ttf$|rfc/i.test(f);

/**
 * Writes `sw.js` next to index.html with the list of this build's files, so the service
 * worker precaches exactly what start needs and drops the previous build's cache. Paths stay
 * relative: the site must work under any base path.
 */
function serviceWorker(): Plugin {
  return {
    name: 'mpp-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f !== 'sw.js' && f !== 'index.html' && !f.endsWith('.map'));
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: swSource(
          version,
          ['./', './theme.js', './favicon.svg', ...files.filter((f) => !onDemand(f)).map((f) => `./${f}`)],
          files.filter(onDemand).map((f) => `./${f}`),
        ),
      });
    },
  };
}

const swSource = (version: string, precache: string[], lazy: string[]) => `// Generated at build time by vite.config.ts.
// Caches only this site's own files: the page and the build's assets. Anything else under the
// scope (another page, an API) is left to the network untouched.
const CACHE = 'mpp-${version}';
/** What start needs; taken from the HTTP cache when the first visit already loaded it. */
const PRECACHE = ${JSON.stringify(precache)};
/** Monaco and the RFC examples view: cached the first time the page asks for them. */
const LAZY = ${JSON.stringify(lazy)};
const url = (p) => new URL(p, self.registration.scope).href;
const PAGE = url('./');
const ASSETS = new Set([...PRECACHE, ...LAZY].map(url));
const isPage = (u) => u.origin === location.origin && (u.href.split(/[?#]/)[0] === PAGE || u.href.split(/[?#]/)[0] === url('./index.html'));
// A host may send Vary: Origin (vite preview, many CDNs): a request from the page carries an
// Origin header that the install-time request did not, so matching must ignore Vary.
const MATCH = { ignoreSearch: true, ignoreVary: true };

self.addEventListener('install', (e) => {
  e.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        PRECACHE.map(async (p) => {
          // force-cache: the first visit has just downloaded these (content-hashed) files;
          // take them from the HTTP cache instead of fetching them a second time.
          const res = await fetch(url(p), { cache: 'force-cache' });
          if (!res.ok) throw new Error('precache ' + p + ': ' + res.status);
          await cache.put(url(p), res);
        }),
      ),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mpp-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const u = new URL(req.url);
  if (req.mode === 'navigate') {
    if (!isPage(u)) return;
    // The page: network first, so a new build shows up; the cached copy when offline.
    e.respondWith(
      caches.open(CACHE).then(async (cache) => {
        try {
          const res = await fetch(req);
          if (res.ok) await cache.put(PAGE, res.clone());
          return res;
        } catch (err) {
          const hit = await cache.match(PAGE, MATCH);
          if (hit) return hit;
          throw err;
        }
      }),
    );
    return;
  }
  const key = u.href.split(/[?#]/)[0];
  if (!ASSETS.has(key)) return;
  // The build's files are content-hashed: cache first; the on-demand ones are stored when first fetched.
  e.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(key, MATCH);
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok) await cache.put(key, res.clone());
      return res;
    }),
  );
});
`;

export default defineConfig({
  base: './',
  plugins: [svelte(), serviceWorker(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
  },
});
