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
