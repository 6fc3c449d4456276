// @ts-check
// LHC-Forms (the NLM's FHIR form renderer, npm package `lforms`), pinned to one release and
// checked against the registry's integrity hash. Only its prebuilt browser bundle is used
// (dist/lforms/webcomponent and dist/lforms/fhir/R4), so it is fetched with `npm pack` and
// unpacked into node_modules/.cache rather than installed with its build-time dependency tree
// (Angular and the rest, which the bundle already contains). A page that loads it is served on
// 127.0.0.1 next to carepath's own package.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const LFORMS_VERSION = '40.1.3';
/** `npm view lforms@40.1.3 dist.integrity` */
export const LFORMS_INTEGRITY = 'sha512-WLruTm+BcVnafC0rSAQ3/cNqhxvclBUxyBG68aub/uha2NaK9H8ZZcEXTTuORuGzzCt0wa7fvhuieZtcDIdPzQ==';

const CACHE = path.join(packageRoot, 'node_modules', '.cache', `lforms-${LFORMS_VERSION}`);

/** The unpacked `package/dist/lforms` folder of the pinned release, fetched once. */
export function lformsDist() {
  const dist = path.join(CACHE, 'package', 'dist', 'lforms');
  if (fs.existsSync(path.join(dist, 'webcomponent', 'lhc-forms.js'))) return dist;
  fs.mkdirSync(CACHE, { recursive: true });
  const name = execFileSync('npm', ['pack', `lforms@${LFORMS_VERSION}`, '--pack-destination', CACHE, '--silent'], {
    encoding: 'utf8',
  }).trim().split('\n').pop() ?? '';
  const tarball = path.join(CACHE, name);
  const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  if (integrity !== LFORMS_INTEGRITY) {
    fs.rmSync(tarball);
    throw new Error(`lforms ${LFORMS_VERSION}: integrity ${integrity}, expected ${LFORMS_INTEGRITY}`);
  }
  execFileSync('tar', ['-xzf', tarball, '-C', CACHE, 'package/dist/lforms/webcomponent', 'package/dist/lforms/fhir/R4', 'package/LICENSE.md']);
  fs.rmSync(tarball);
  return dist;
}

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json', '.png': 'image/png' };

/**
 * Serves `/lforms/...` (the LHC-Forms bundle), `/pkg/...` (carepath's package) and `/` (the test
 * page) on 127.0.0.1.
 * @param {string} page the HTML of `/`
 */
export async function startLformsServer(page) {
  const roots = { '/lforms/': lformsDist(), '/pkg/': path.join(packageRoot, 'pkg') };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    for (const [prefix, root] of Object.entries(roots)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.resolve(root, `.${decodeURIComponent(url.pathname.slice(prefix.length - 1))}`);
      if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))] ?? 'application/octet-stream' });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
