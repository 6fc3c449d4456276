// @ts-check
// The `ErrorCode` union of carepath.d.ts lists exactly the codes a CarepathError can carry: every
// code of the core's ErrorCode that an error can have (`is_error()`, asked of the report module,
// which is built from the same core) and every code the package's own JavaScript throws (found in
// its sources). A code the core gains, or one the JavaScript starts throwing, fails here until the
// declaration lists it; a code listed that nothing gives fails too.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { initSync, errorCodes } from '../pkg/report/carepath_report_wasm.js';
import { packageRoot, pkgDir, repoRoot } from './helpers.mjs';

/** The string literals of the `ErrorCode` union in a declaration file. */
function declared(/** @type {string} */ file) {
  const dts = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const union = /export type ErrorCode =([^;]*);/.exec(dts)?.[1];
  assert.ok(union, 'no ErrorCode union in carepath.d.ts');
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

/** The codes the package gives a CarepathError it makes itself: in its JavaScript, and in its raw module's own errors. */
function thrownByJs() {
  const codes = new Set();
  for (const f of ['carepath.js', 'carepath-report.js', 'carepath-widget.js']) {
    const source = fs.readFileSync(path.join(packageRoot, 'js', f), 'utf8');
    for (const m of source.matchAll(/\bcode: '([a-z_]+)'/g)) codes.add(m[1]);
  }
  for (const f of fs.readdirSync(path.join(packageRoot, 'src'))) {
    const source = fs.readFileSync(path.join(packageRoot, 'src', f), 'utf8');
    for (const m of source.matchAll(/"code":"([a-z_]+)"/g)) codes.add(m[1]);
  }
  return codes;
}

/** The core's error codes, from the module. */
function core() {
  initSync({ module: fs.readFileSync(path.join(pkgDir, 'report', 'carepath_report_wasm_bg.wasm')) });
  return /** @type {string[]} */ (JSON.parse(errorCodes()));
}

describe('ErrorCode in carepath.d.ts', () => {
  it('lists exactly the core error codes and those the JavaScript throws', () => {
    const expected = new Set([...core(), ...thrownByJs()]);
    const listed = declared(path.join(packageRoot, 'js', 'carepath.d.ts'));
    assert.equal(new Set(listed).size, listed.length, `listed twice: ${listed.filter((c, i) => listed.indexOf(c) !== i)}`);
    assert.deepEqual([...expected].filter((c) => !listed.includes(c)).sort(), [], 'codes missing from the union');
    assert.deepEqual(listed.filter((c) => !expected.has(c)).sort(), [], 'codes in the union that nothing gives');
  });

  it('agrees with the codes of the published error schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'standards', 'schemas', 'error.schema.json'), 'utf8'));
    /** @type {string[]} */
    const all = (schema.$defs.ErrorCode.oneOf ?? []).flatMap((/** @type {any} */ v) => v.enum ?? (v.const !== undefined ? [v.const] : []))
      .concat(schema.$defs.ErrorCode.enum ?? []);
    assert.ok(all.length > 0, 'no codes in error.schema.json');
    for (const code of core()) assert.ok(all.includes(code), `${code} is not in error.schema.json`);
  });

  it('includes workbook', () => {
    assert.ok(core().includes('workbook'));
    assert.ok(declared(path.join(packageRoot, 'js', 'carepath.d.ts')).includes('workbook'));
  });
});
