// @ts-check
// The lite package fetches the edition a page shows alongside its module (loadEditions called
// while init() is on its way), not after it. Its own file: the module here starts uninitialised.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as full from '../pkg/carepath.js';
import * as lite from '../pkg/lite/carepath.js';
import { pkgDir } from './helpers.mjs';

/**
 * Runs `body` with `fetch` replaced by one that records each URL asked for and fails, as a
 * network that answers nothing; answers the URLs.
 * @param {() => Promise<void>} body
 */
async function withFetchRecorded(body) {
  const { fetch } = globalThis;
  /** @type {string[]} */
  const asked = [];
  globalThis.fetch = async (/** @type {any} */ url) => {
    asked.push(String(url));
    throw new Error('no network here');
  };
  try {
    await body();
  } finally {
    globalThis.fetch = fetch;
  }
  return asked;
}

describe('the lite package before its module is loaded', () => {
  it('loadEditions before init() says to call init() first', async () => {
    await assert.rejects(lite.loadEditions(), (/** @type {any} */ err) => err.code === 'not_initialized');
  });

  it('loadEditions while init() is on its way waits for it and fetches the editions', async () => {
    const loading = lite.init(fs.readFileSync(path.join(pkgDir, 'lite', 'carepath_wasm_bg.wasm')));
    // From a folder on a server: asked for at once, before the module is there.
    /** @type {Promise<unknown> | undefined} */
    let remote;
    const asked = await withFetchRecorded(async () => {
      remote = lite.loadEditions('perinatal-mental-health@9.9.9', { from: 'http://127.0.0.1:9/catalogues/' });
    });
    assert.deepEqual(asked, ['http://127.0.0.1:9/catalogues/perinatal-mental-health/9.9.9.json']);
    // The default edition, one named with its full version, one named by its major version only
    // (found from the module once it is there), and a version there is no file of: the module
    // says it needs nothing (loading the catalogue then says there is no such edition), and the
    // fetch ahead that failed is dropped unreported.
    const [byDefault, exact, major, unknown] = await Promise.allSettled([
      lite.loadEditions(),
      lite.loadEditions('perinatal-mental-health@2.0.0'),
      lite.loadEditions('perinatal-mental-health@1'),
      lite.loadEditions('perinatal-mental-health@9.9.9'),
    ]);
    await loading;
    assert.deepEqual(await remote, [], 'no such edition: nothing to add, and the failed fetch dropped');
    assert.deepEqual(byDefault, { status: 'fulfilled', value: [{ id: 'perinatal-mental-health', version: '3.1.0' }] });
    assert.deepEqual(exact, { status: 'fulfilled', value: [{ id: 'perinatal-mental-health', version: '2.0.0' }] });
    assert.deepEqual(major, { status: 'fulfilled', value: [{ id: 'perinatal-mental-health', version: '1.0.0' }] });
    assert.deepEqual(unknown, { status: 'fulfilled', value: [] });
    assert.throws(() => lite.loadCatalogue('perinatal-mental-health@9.9.9'), (/** @type {any} */ err) => err.code === 'not_found');
    assert.equal(lite.loadCatalogue().reference.version, '3.1.0');
    assert.equal(lite.loadCatalogue('perinatal-mental-health@2.0.0').reference.version, '2.0.0');
    assert.deepEqual(await lite.loadEditions(), [], 'fetched once');
  });

  it('the full package, which has every edition built in, fetches none while its module loads', async () => {
    /** @type {unknown} */
    let added;
    const asked = await withFetchRecorded(async () => {
      const loading = full.init(fs.readFileSync(path.join(pkgDir, 'carepath_wasm_bg.wasm')));
      const from = 'http://127.0.0.1:9/catalogues/';
      added = await Promise.all([full.loadEditions(undefined, { from }), full.loadEditions('perinatal-mental-health@2.0.0', { from })]);
      await loading;
    });
    assert.deepEqual(added, [[], []]);
    assert.deepEqual(asked, []);
  });
});
