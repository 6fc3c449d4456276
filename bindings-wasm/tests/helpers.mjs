// @ts-check
// Shared by the Node tests: where things are, and loading the WebAssembly module from pkg/.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { initSync } from '../pkg/carepath.js';

/** bindings-wasm/ */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const repoRoot = path.resolve(packageRoot, '..');
/** The built package (scripts/build.sh). */
export const pkgDir = path.join(packageRoot, 'pkg');

/** Loads the module from pkg/ synchronously (once). */
export function loadWasm() {
  initSync(fs.readFileSync(path.join(pkgDir, 'carepath_wasm_bg.wasm')));
}

/**
 * Deterministic copies of `text` with 1 to `maxEdits` random edits each (a character deleted,
 * inserted or replaced from a JSON-ish alphabet with lone surrogates and control characters),
 * so a failure found by a test is reproducible from its seed.
 * @param {string} text
 * @param {{ seed: number, count: number, maxEdits: number }} options
 * @returns {Generator<string>}
 */
export function* damagedCopies(text, { seed, count, maxEdits }) {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = '{}[]":,0123456789.-+eE \\/ntrufalsn\u0000\uffff\ud800é';
  const pick = () => alphabet[Math.floor(random() * alphabet.length)];
  for (let i = 0; i < count; i++) {
    const chars = [...text];
    const edits = 1 + Math.floor(random() * maxEdits);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * chars.length);
      const op = random();
      if (op < 0.4) chars.splice(at, 1);
      else if (op < 0.8) chars.splice(at, 0, pick());
      else chars[at] = pick();
    }
    yield chars.join('');
  }
}
