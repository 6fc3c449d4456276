// @ts-check
// Runs every shared vector in tests/vectors/ (format: tests/vectors/README.md) through the
// JavaScript API, which must give the same answers as the Rust and Python runners: scoring
// (score/), migration (migrate/), comparison (compare/), benchmark (benchmark/) and consensus
// (consensus/). A folder without vectors fails.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { loadWasm, repoRoot } from './helpers.mjs';

loadWasm();

const TOLERANCE = 1e-9;
const VECTORS = path.join(repoRoot, 'tests', 'vectors');

/**
 * Compares two JSON values: same keys, same order in arrays, numbers within 1e-9; an expected
 * `"*"` matches any non-empty string (text written for people is pinned by its presence, not its
 * wording). Returns the first difference, or null.
 * @param {unknown} expected
 * @param {unknown} actual
 * @param {string} at
 * @returns {string | null}
 */
export function diff(expected, actual, at = '') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) > TOLERANCE ? `${at}: expected ${expected}, got ${actual}` : null;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${at}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diff(expected[i], actual[i], `${at}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (expected === '*' && typeof actual === 'string') return actual === '' ? `${at}: expected some text, got ""` : null;
  if (isObject(expected) && isObject(actual)) {
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (JSON.stringify(ek) !== JSON.stringify(ak)) return `${at}: expected keys ${ek}, got ${ak}`;
    for (const k of ek) {
      const d = diff(expected[k], actual[k], `${at}/${k}`);
      if (d) return d;
    }
    return null;
  }
  return expected === actual ? null : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {string} name */
function catalogueFile(name) {
  return fs.readFileSync(path.join(VECTORS, 'catalogues', name), 'utf8');
}

/** @param {Record<string, any>} vector */
function catalogueOf(vector) {
  const ways = ['catalogue', 'catalogue_ref', 'catalogue_file'].filter((k) => k in vector);
  assert.equal(ways.length, 1, 'a vector gives its catalogue in exactly one way');
  if ('catalogue' in vector) return carepath.parseCatalogue(vector.catalogue);
  if ('catalogue_ref' in vector) return carepath.loadCatalogue(`${vector.catalogue_ref.id}@${vector.catalogue_ref.version}`);
  return carepath.parseCatalogue(catalogueFile(vector.catalogue_file));
}

/**
 * Reads the assessment (from text when the vector gives text, so a repeated key or broken JSON
 * reaches the core's reader as written), then scores it.
 * @param {Record<string, any>} vector
 * @param {carepath.CatalogueHandle} catalogue
 */
function outcome(vector, catalogue) {
  const ways = ['assessment', 'assessment_text'].filter((k) => k in vector);
  assert.equal(ways.length, 1, 'a vector gives its assessment in exactly one way');
  const assessment = 'assessment' in vector ? carepath.readAssessment(vector.assessment) : carepath.readAssessment(vector.assessment_text);
  /** @type {{ asOf?: string, maxAgeMonths?: number }} */
  const options = {};
  if ('as_of' in vector) options.asOf = vector.as_of;
  if ('max_age_months' in vector) options.maxAgeMonths = vector.max_age_months;
  return catalogue.score(assessment, options);
}

/** @param {string} folder */
function vectorFiles(folder) {
  const dir = path.join(VECTORS, folder);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
}

/**
 * Checks a thrown error against a vector's `expected_error`.
 * @param {unknown} thrown
 * @param {{ code: string, problems?: Array<{ path: string, code: string }> }} expected
 */
function checkError(thrown, expected) {
  assert.ok(thrown instanceof carepath.CarepathError, `expected a CarepathError, got ${thrown === null ? 'an answer' : String(thrown)}`);
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.code, expected.code, thrown.message);
  if (expected.problems) {
    const got = thrown.problems.map((p) => [p.path, p.code]);
    const want = expected.problems.map((p) => [p.path, p.code]);
    assert.deepEqual(got, want, thrown.message);
  }
}

const files = vectorFiles('score');

describe('shared scoring vectors (tests/vectors/score)', () => {
  it('the folder has vectors', () => {
    assert.ok(files.length > 0, 'no vectors in tests/vectors/score: the runner must not pass on nothing');
  });

  for (const file of files) {
    it(file, () => {
      const vector = JSON.parse(fs.readFileSync(path.join(VECTORS, 'score', file), 'utf8'));
      const hasExpected = 'expected' in vector;
      const hasError = 'expected_error' in vector;
      assert.ok(hasExpected !== hasError, 'a vector has exactly one of `expected` and `expected_error`');
      const catalogue = catalogueOf(vector);
      try {
        if (hasExpected) {
          const report = outcome(vector, catalogue);
          const d = diff(vector.expected, report);
          assert.equal(d, null, d ?? '');
        } else {
          /** @type {unknown} */
          let thrown = null;
          try {
            outcome(vector, catalogue);
          } catch (err) {
            thrown = err;
          }
          checkError(thrown, vector.expected_error);
        }
      } finally {
        catalogue.free();
      }
    });
  }
});

/**
 * The operations: what each folder's vectors call, through the public functions of carepath.js
 * (as an application would), with the vector's catalogue as the edition to work in.
 * @type {Record<string, (vector: Record<string, any>, catalogue: carepath.CatalogueHandle) => unknown>}
 */
const OPERATIONS = {
  migrate: (v, catalogue) => carepath.migrate(v.assessment, catalogue, { via: (v.via_files ?? []).map(catalogueFile) }),
  compare: (v, catalogue) => carepath.compare(v.old, v.new, catalogue),
  benchmark: (v, catalogue) =>
    carepath.benchmark(v.assessments, { catalogue, ...('min_group' in v ? { minGroup: v.min_group } : {}) }),
  consensus: (v, catalogue) =>
    carepath.consensus(v.assessments, { catalogue, ...('threshold' in v ? { threshold: v.threshold } : {}) }),
};

for (const [folder, run] of Object.entries(OPERATIONS)) {
  const names = vectorFiles(folder);
  describe(`shared ${folder} vectors (tests/vectors/${folder})`, () => {
    it('the folder has vectors', () => {
      assert.ok(names.length > 0, `no vectors in tests/vectors/${folder}: the runner must not pass on nothing`);
    });

    for (const file of names) {
      it(file, () => {
        const vector = JSON.parse(fs.readFileSync(path.join(VECTORS, folder, file), 'utf8'));
        const hasExpected = 'expected' in vector;
        assert.ok(hasExpected !== 'expected_error' in vector, 'a vector has exactly one of `expected` and `expected_error`');
        const catalogue = catalogueOf(vector);
        try {
          /** @type {unknown} */
          let thrown = null;
          /** @type {unknown} */
          let answer;
          try {
            answer = run(vector, catalogue);
          } catch (err) {
            thrown = err;
          }
          if (hasExpected) {
            assert.equal(thrown, null, `expected an answer, got ${thrown}`);
            const d = diff(vector.expected, answer);
            assert.equal(d, null, d ?? '');
          } else {
            checkError(thrown, vector.expected_error);
          }
        } finally {
          catalogue.free();
        }
      });
    }
  });
}

describe('the comparison', () => {
  it('is strict but tolerates 1e-9 and 3 vs 3.0', () => {
    const a = { x: [1, 2, null, 's'], y: { z: true } };
    assert.equal(diff(a, { x: [1.0, 2 + 1e-12, null, 's'], y: { z: true } }), null);
    assert.notEqual(diff(a, { x: [1, 2.000001, null, 's'], y: { z: true } }), null);
    assert.notEqual(diff(a, { x: [1, 2, null], y: { z: true } }), null);
    assert.notEqual(diff(a, { x: [1, 2, null, 's'], y: { z: true, w: 1 } }), null);
    assert.notEqual(diff({ s: null }, { s: 0 }), null);
    assert.equal(diff({ note: '*' }, { note: 'any words' }), null);
    assert.notEqual(diff({ note: '*' }, { note: '' }), null);
    assert.notEqual(diff({ note: '*' }, { note: null }), null);
    assert.notEqual(diff({ note: '*' }, {}), null);
  });
});
