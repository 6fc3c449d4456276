// @ts-check
// The lite package (pkg/lite/: the same JavaScript with a module that leaves out compare,
// benchmark and consensus, for pages that only embed the widget): everything the widget needs
// works, including migration, and the operations left out fail with a coded error, not a crash.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as lite from '../pkg/lite/carepath.js';
import { pkgDir, repoRoot } from './helpers.mjs';

lite.initSync(fs.readFileSync(path.join(pkgDir, 'lite', 'carepath_wasm_bg.wasm')));

/** @param {string} name */
function example(name) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'standards', 'examples', `${name}.json`), 'utf8'));
}

describe('the lite package', () => {
  it('is smaller than the full one', () => {
    const size = (/** @type {string} */ p) => fs.statSync(path.join(pkgDir, p)).size;
    assert.ok(size('lite/carepath_wasm_bg.wasm') < size('carepath_wasm_bg.wasm'));
  });

  it('scores, edits and migrates like the full package', () => {
    const latest = lite.loadCatalogue();
    let a = latest.newAssessment('Northbrook', '2024-05-01');
    a = latest.rate(a, 'T1.1', 4);
    a = lite.setEvidence(a, 'T1.1', 'Board minutes');
    assert.equal(latest.score(a).standards.find((s) => s.id === 'T1.1')?.light, 'green');
    const { assessment, report } = lite.migrate(example('northbrook-2016'));
    assert.equal(assessment.catalogue.version, '3.1.0');
    assert.equal(report.steps.length, 1);
    latest.check(assessment);
  });

  it('says that compare, benchmark and consensus are not in it', () => {
    const now = example('northbrook-2024');
    const latest = lite.loadCatalogue('perinatal-mental-health@2.0.0');
    const calls = [
      () => lite.compare(example('northbrook-2016'), now),
      () => lite.benchmark([now]),
      () => lite.consensus([now, now]),
      () => latest.compare(now, now),
      () => latest.benchmark([now]),
      () => latest.consensus([now, now]),
    ];
    for (const call of calls) {
      assert.throws(call, (/** @type {any} */ err) => err instanceof lite.CarepathError && err.code === 'not_available' && /lite/.test(err.message));
    }
    assert.equal(latest.score(now).catalogue.version, '2.0.0', 'the module still works afterwards');
  });
});
