import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';

/**
 * Writes `sw.js` next to index.html with the list of built files, so the service worker can
 * precache exactly this build and drop the previous one's cache. Paths stay relative: the
 * site must work under any base path. Monaco's chunks are left to the runtime cache (they are
 * large and only needed once the editor is opened).
 */
function serviceWorker(): Plugin {
  return {
    name: 'mpp-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f !== 'sw.js');
      const lazy = (f: string) => /monaco|editor\.worker|codicon|\.ttf$/i.test(f);
      const precache = ['./', ...files.filter((f) => !lazy(f)).map((f) => `./${f}`)];
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: swSource(version, precache),
      });
    },
  };
}

const swSource = (version: string, precache: string[]) => `// Generated at build time by vite.config.ts.
const CACHE = 'mpp-${version}';
const PRECACHE = ${JSON.stringify(precache)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
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
  if (req.method !== 'GET' || new URL(req.url).origin !== location.origin) return;
  // Cache first (files are content-hashed), the page itself network first so a new build shows up.
  const isPage = req.mode === 'navigate';
  e.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const key = isPage ? new URL('./', self.registration.scope).href : req;
      if (!isPage) {
        const hit = await cache.match(req, { ignoreSearch: true });
        if (hit) return hit;
      }
      try {
        const res = await fetch(req);
        if (res.ok) cache.put(key, res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(key, { ignoreSearch: true });
        if (hit) return hit;
        throw err;
      }
    }),
  );
});
`;

export default defineConfig({
  base: './',
  plugins: [svelte(), serviceWorker()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
  },
});
