// @ts-check
// The hostile documents of tests/hostile/ (each once showed a defect), read as the Rust and
// Python tests read them: from bytes (a Uint8Array, as the widget reads a file) and from text;
// the schemas' negations of tests/hostile/negations.json; and text that is not text (lone
// surrogates).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { CarepathError } from '../pkg/carepath.js';
import { loadWasm, repoRoot } from './helpers.mjs';

loadWasm();

const HOSTILE = path.join(repoRoot, 'tests', 'hostile');
/** @type {{ cases: Array<{ file: string, read_as: string, expected: Record<string, any> }> }} */
const manifest = JSON.parse(fs.readFileSync(path.join(HOSTILE, 'cases.json'), 'utf8'));

/**
 * @param {string} kind
 * @param {string | Uint8Array} doc
 */
function read(kind, doc) {
  if (kind === 'catalogue') {
    const handle = carepath.parseCatalogue(doc);
    const id = handle.reference.id;
    handle.free();
    return { id };
  }
  const a = carepath.readAssessment(doc);
  return { area: a.area.name, ratings: Object.keys(a.ratings).length };
}

/**
 * @param {{ file: string, expected: Record<string, any> }} c
 * @param {() => Record<string, any>} f
 */
function check(c, f) {
  const expected = c.expected;
  if (expected.ok) {
    const got = f();
    if ('area' in expected) assert.deepEqual({ area: got.area, ratings: got.ratings }, { area: expected.area, ratings: expected.ratings }, c.file);
    return;
  }
  /** @type {any} */
  let thrown;
  try {
    f();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof CarepathError, `${c.file}: expected a CarepathError, got ${thrown}`);
  assert.equal(thrown.code, expected.code, `${c.file}: ${thrown.message}`);
  if ('path' in expected) assert.equal(thrown.path, expected.path, `${c.file}: ${thrown.message}`);
  if ('problems' in expected) {
    assert.deepEqual(thrown.problems.map((/** @type {any} */ p) => ({ path: p.path, code: p.code })), expected.problems, c.file);
  }
  if ('line' in expected) assert.deepEqual([thrown.line, thrown.column], [expected.line, expected.column], `${c.file}: ${thrown.message}`);
}

describe('hostile documents', () => {
  for (const c of manifest.cases) {
    it(`${c.file} from bytes`, () => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(HOSTILE, c.file)));
      check(c, () => read(c.read_as, bytes));
    });
  }

  it('a file that is not UTF-8 is refused, never read with U+FFFD', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(HOSTILE, 'assessment-not-utf8.json')));
    // What file.text() would have given: the bad byte replaced.
    const lossy = new TextDecoder().decode(bytes);
    assert.ok(lossy.includes('\ufffd'));
    assert.throws(() => carepath.readAssessment(bytes), /not UTF-8/);
    // An ArrayBuffer is taken as bytes too.
    assert.throws(() => carepath.readAssessment(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), (e) => e instanceof CarepathError && e.code === 'syntax');
  });

  it('a byte-order mark is skipped in text as in bytes', () => {
    const bytes = fs.readFileSync(path.join(HOSTILE, 'assessment-bom.json'));
    const text = bytes.toString('utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.deepEqual(carepath.readAssessment(text), carepath.readAssessment(new Uint8Array(bytes)));
  });

  it('validateCatalogue reports bytes that are not UTF-8 as a problem rather than throwing', () => {
    const bad = new Uint8Array([0x7b, 0xff, 0x7d]);
    const problems = carepath.validateCatalogue(bad);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'syntax');
  });
});

describe('text that is not text', () => {
  const catalogue = carepath.loadCatalogue('perinatal-mental-health@2.0.0');
  const a = catalogue.rate(catalogue.newAssessment('Northbrook', '2024-11-13'), 'T1.1', 3);

  it('a lone surrogate in evidence is refused with `argument`, not stored as U+FFFD', () => {
    assert.throws(
      () => carepath.setEvidence(a, 'T1.1', 'broken \ud83d paste'),
      (e) => e instanceof CarepathError && e.code === 'argument' && /lone surrogate U\+D83D at position 7/.test(e.message),
    );
    // A whole character (a surrogate pair) is text.
    assert.equal(carepath.setEvidence(a, 'T1.1', 'smile \ud83d\ude00').ratings['T1.1'].evidence, 'smile \ud83d\ude00');
  });

  it('a lone surrogate in a document is a located syntax error, as a bad byte is', () => {
    const text = JSON.stringify(a, null, 2).replace('"Northbrook"', '"North\udc00brook"');
    assert.throws(
      () => carepath.readAssessment(text),
      (e) => e instanceof CarepathError && e.code === 'syntax' && typeof e.line === 'number' && e.line > 1,
    );
  });
});

describe('the schemas negations', () => {
  /** @type {{ bases: Record<string, any>, cases: Array<{ read_as: string, base: string, pointer: string, value: unknown }> }} */
  const negations = JSON.parse(fs.readFileSync(path.join(HOSTILE, 'negations.json'), 'utf8'));

  /**
   * @param {any} doc
   * @param {string} pointer
   * @param {unknown} value
   */
  function put(doc, pointer, value) {
    if (pointer === '') return value;
    const tokens = pointer.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
    let at = doc;
    for (const t of tokens.slice(0, -1)) at = at[t];
    at[/** @type {string} */ (tokens.at(-1))] = value;
    return doc;
  }

  it(`refuses every one with \`schema\` at its pointer (${negations.cases.length} documents)`, () => {
    const wrong = [];
    for (const c of negations.cases) {
      const doc = put(structuredClone(negations.bases[c.base]), c.pointer, structuredClone(c.value));
      try {
        read(c.read_as, JSON.stringify(doc));
        wrong.push(`${c.base} ${c.pointer} = ${JSON.stringify(c.value)}: accepted`);
      } catch (err) {
        if (!(err instanceof CarepathError) || err.code !== 'schema' || err.path !== c.pointer) {
          wrong.push(`${c.base} ${c.pointer} = ${JSON.stringify(c.value)}: ${err instanceof CarepathError ? `${err.code} at ${err.path}` : err}`);
        }
      }
    }
    assert.ok(negations.cases.length > 150);
    assert.deepEqual(wrong, []);
  });
});
