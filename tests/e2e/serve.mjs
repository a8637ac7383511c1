// A tiny static server for dist/: enough for the tests (and for trying the build by hand).
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Serves `dir`; a path prefix (e.g. /sub/dir/) is stripped, to prove any base path works.
 * Options (for the service-worker and size tests): `headers` added to every response (e.g.
 * `Vary: Origin` as vite preview and many CDNs send), `gzip` to compress like a real host,
 * `pages` extra HTML by path under the prefix, `onResponse(path, octets)` after each response
 * with the octets sent (body as transferred, plus headers).
 */
export function serve(dir, prefix = '/', opts = {}) {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end();
        return;
      }
      path = '/' + path.slice(prefix.length);
      if (opts.pages?.[path]) {
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache', ...opts.headers });
        res.end(opts.pages[path]);
        return;
      }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir + sep) && file !== dir) {
        res.writeHead(403).end();
        return;
      }
      await stat(file);
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...opts.headers };
      if (opts.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
      if (opts.onResponse) {
        const head = Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 17);
        opts.onResponse(path, body.length + head);
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await serve(new URL('../../dist', import.meta.url).pathname, process.argv[2] ?? '/');
  console.log(`serving dist on ${s.url}`);
}
