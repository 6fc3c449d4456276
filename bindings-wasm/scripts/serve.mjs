// @ts-check
// A tiny static server for the demo page and the browser tests. Every response carries the strict
// Content Security Policy a careful host page would use, so the widget is always tested under it:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
//
//   node scripts/serve.mjs [port]      then open http://127.0.0.1:<port>/
//
// Routes: /pkg/... -> bindings-wasm/pkg (the built package), /fixtures/... -> tests/fixtures,
// everything else -> bindings-wasm/www.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** @type {Array<[string, string]>} */
const ROUTES = [
  ['/pkg/', path.join(HERE, 'pkg')],
  ['/fixtures/', path.join(HERE, 'tests', 'fixtures')],
  ['/', path.join(HERE, 'www')],
];

/**
 * Starts the server on 127.0.0.1. `routes` (URL prefix, folder; the first matching prefix wins)
 * replaces the default routes, to serve another folder under the same CSP. `compress` sends
 * files gzipped (level 9) to a client that accepts it, as a production server would: for
 * measuring over an emulated mobile network.
 * @param {{ port?: number, quiet?: boolean, routes?: Array<[string, string]>, compress?: boolean }} [options]
 * @returns {Promise<{ url: string, requests: string[], close: () => Promise<void> }>}
 */
export function startServer({ port = 0, quiet = true, routes = ROUTES, compress = false } = {}) {
  /** @type {string[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    if (!quiet) console.log(req.method, url.pathname);
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    const route = routes.find(([prefix]) => url.pathname.startsWith(prefix));
    let file = null;
    if (route && (req.method === 'GET' || req.method === 'HEAD')) {
      const [prefix, dir] = route;
      let rel = decodeURIComponent(url.pathname.slice(prefix.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const candidate = path.resolve(dir, rel);
      if (candidate.startsWith(dir + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) file = candidate;
    }
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))] ?? 'application/octet-stream';
    const gzip = compress && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, { ...headers, 'Content-Type': type, ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}) });
    if (req.method === 'HEAD') res.end();
    else if (gzip) fs.createReadStream(file).pipe(zlib.createGzip({ level: 9 })).pipe(res);
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        requests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const { url } = await startServer({ port, quiet: false });
  console.log(`serving ${HERE}/www (with /pkg and /fixtures) at ${url}/ under CSP: ${CSP}`);
}
