// @ts-check
// The JavaScript API over the WebAssembly core: catalogues, editing, coded errors (never strings,
// never a wasm trap), and the export/import round trip.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { CarepathError } from '../pkg/carepath.js';
import { damagedCopies, loadWasm, pkgDir, repoRoot } from './helpers.mjs';

loadWasm();

const SPEC = 'perinatal-mental-health@1.0.0';
const catalogue = carepath.loadCatalogue(SPEC);

/** @returns {carepath.Assessment} */
function blank() {
  return catalogue.newAssessment('Northbrook', '2016-11-30');
}

/**
 * Runs `f`, which must throw a CarepathError with `code` (or one of several codes); returns the
 * error.
 * @param {() => unknown} f
 * @param {string | string[]} code
 * @param {typeof CarepathError} [ErrorClass] the class of the module instance under test
 * @returns {CarepathError}
 */
function throwsCoded(f, code, ErrorClass = CarepathError) {
  /** @type {unknown} */
  let thrown;
  try {
    f();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown !== undefined, `expected a ${code} error, nothing was thrown`);
  assert.ok(thrown instanceof ErrorClass, `expected a CarepathError, got ${typeof thrown}: ${String(thrown)}`);
  assert.ok(thrown instanceof Error, 'a CarepathError is an Error');
  assert.equal(thrown.name, 'CarepathError');
  if (Array.isArray(code)) assert.ok(code.includes(thrown.code), `${thrown.code}: ${thrown.message}`);
  else assert.equal(thrown.code, code, thrown.message);
  assert.ok(Array.isArray(thrown.problems) && thrown.problems.length > 0, 'problems is a non-empty array');
  for (const p of thrown.problems) {
    assert.equal(typeof p.path, 'string');
    assert.equal(typeof p.code, 'string');
    assert.equal(typeof p.message, 'string');
  }
  assert.ok(typeof thrown.stack === 'string');
  return thrown;
}

describe('catalogues', () => {
  it('lists the bundled editions and loads each', () => {
    const list = carepath.bundledCatalogues();
    assert.ok(list.some((r) => r.id === 'perinatal-mental-health' && r.version === '1.0.0'), JSON.stringify(list));
    for (const ref of list) {
      const c = carepath.loadCatalogue(`${ref.id}@${ref.version}`);
      assert.deepEqual(c.reference, ref);
      assert.equal(c.data.id, ref.id);
      c.free();
    }
  });

  it('loads the default catalogue without a spec, and a version requirement', () => {
    assert.equal(carepath.defaultCatalogue(), 'perinatal-mental-health');
    const c = carepath.loadCatalogue();
    assert.equal(c.reference.id, 'perinatal-mental-health');
    c.free();
    const one = carepath.loadCatalogue('perinatal-mental-health@1');
    assert.equal(one.reference.version.split('.')[0], '1');
    one.free();
  });

  it('gives the catalogue as a plain object with 58 standards in 7 themes', () => {
    const data = catalogue.data;
    assert.equal(data.themes.length, 7);
    assert.equal(data.themes.reduce((n, t) => n + t.standards.length, 0), 58);
    assert.equal(data.scale.max, 5);
    assert.deepEqual(data.scale.bands.map((b) => b.id), ['red', 'amber', 'green']);
  });

  it('an unknown edition is not_found and says what is bundled', () => {
    const err = throwsCoded(() => carepath.loadCatalogue('perinatal-mental-health@9.0.0'), 'not_found');
    assert.match(err.message, /perinatal-mental-health@1\.0\.0/);
    assert.equal(err.path, null);
  });

  it('parses a catalogue from text or object, and reports every problem of a broken one', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'standards/perinatal-mental-health/1.0.0.json'), 'utf8');
    const fromText = carepath.parseCatalogue(text);
    const fromObject = carepath.parseCatalogue(JSON.parse(text));
    assert.deepEqual(fromText.reference, fromObject.reference);
    assert.deepEqual(carepath.validateCatalogue(text), []);

    const broken = JSON.parse(text);
    broken.themes[0].standards[1].id = broken.themes[0].standards[0].id;
    broken.themes[1].standards[0].tags = ['no-such-tag'];
    const err = throwsCoded(() => carepath.parseCatalogue(broken), 'invalid');
    assert.deepEqual(
      err.problems.map((p) => p.code),
      ['duplicate_id', 'unknown_tag'],
    );
    assert.deepEqual(carepath.validateCatalogue(broken).map((p) => p.code), ['duplicate_id', 'unknown_tag']);

    const typo = JSON.parse(text);
    typo.themes[2].standards[0].titel = 'x';
    const schema = throwsCoded(() => carepath.parseCatalogue(typo), 'schema');
    assert.equal(schema.path, '/themes/2/standards/0/titel');

    const syntax = throwsCoded(() => carepath.parseCatalogue('{\n  "id": }'), 'syntax');
    assert.equal(syntax.line, 2);
    assert.equal(typeof syntax.column, 'number');

    const newer = throwsCoded(() => carepath.parseCatalogue({ ...JSON.parse(text), schema_version: '2.0.0' }), 'version');
    assert.equal(newer.path, '/schema_version');
  });
});

describe('assessments', () => {
  it('creates, rates, annotates and scores', () => {
    let a = blank();
    assert.equal(a.area.name, 'Northbrook');
    assert.deepEqual(a.ratings, {});
    a = catalogue.rate(a, 'T1.1', 4);
    a = catalogue.rate(a, 'T1.2', 1);
    a = carepath.setEvidence(a, 'T1.2', 'Plan drafted, not yet signed off');
    a = carepath.setActions(a, 'T1.2', 'Sign off by March');
    a = carepath.setConfidence(a, 'T1.2', 'low');
    a = catalogue.rate(a, 'T1.3', 'unknown');
    a = catalogue.rate(a, 'T2.1', 'not_applicable');
    const report = catalogue.score(a);
    assert.equal(report.themes[0].score, 2.5);
    assert.equal(report.themes[0].light, 'amber');
    assert.equal(report.themes[1].not_applicable, 1);
    assert.deepEqual(report.unknowns, ['T1.3']);
    assert.deepEqual(report.strengths, ['T1.1']);
    assert.equal(report.gaps[0].id, 'T1.2');
    assert.equal(report.gaps[0].weighted_shortfall, report.gaps[0].weight * 4);
    assert.equal(report.overall.rated, 2);
    assert.equal(report.overall.total, 58);
    assert.deepEqual(a.ratings['T1.2'], { rating: 1, evidence: 'Plan drafted, not yet signed off', confidence: 'low', actions: 'Sign off by March' });
  });

  it('rating again keeps the text; null and unrate make a standard unrated', () => {
    let a = catalogue.rate(blank(), 'T1.1', 1);
    a = carepath.setEvidence(a, 'T1.1', 'minutes');
    a = catalogue.rate(a, 'T1.1', 3);
    assert.deepEqual(a.ratings['T1.1'], { rating: 3, evidence: 'minutes' });
    assert.deepEqual(catalogue.rate(a, 'T1.1', null).ratings, {});
    assert.deepEqual(carepath.unrate(a, 'T1.1').ratings, {});
    assert.equal(catalogue.score(catalogue.rate(a, 'T1.1', null)).standards[0].rating, null);
  });

  it('does not change the assessment it is given', () => {
    const a = blank();
    const copy = structuredClone(a);
    catalogue.rate(a, 'T1.1', 2);
    assert.deepEqual(a, copy);
  });

  it('blank text clears evidence', () => {
    let a = carepath.setEvidence(catalogue.rate(blank(), 'T1.1', 2), 'T1.1', 'x');
    a = carepath.setEvidence(a, 'T1.1', '   ');
    assert.deepEqual(a.ratings['T1.1'], { rating: 2 });
    a = carepath.setEvidence(carepath.setEvidence(a, 'T1.1', 'y'), 'T1.1', null);
    assert.deepEqual(a.ratings['T1.1'], { rating: 2 });
  });

  it('checks and validates against the catalogue', () => {
    const a = catalogue.rate(blank(), 'T1.1', 2);
    assert.deepEqual(catalogue.validate(a), []);
    catalogue.check(a);
    const bad = structuredClone(a);
    bad.ratings['T1.1'] = { rating: 6 };
    bad.ratings['T0.0'] = { rating: 1 };
    const problems = catalogue.validate(bad);
    assert.deepEqual(problems.map((p) => [p.path, p.code]), [['/ratings/T1.1/rating', 'rating_off_scale'], ['/ratings/T0.0', 'unknown_standard']]);
    const err = throwsCoded(() => catalogue.check(bad), 'invalid');
    assert.equal(err.problems.length, 2);
    assert.equal(err.path, null, 'several problems: no single path');
    throwsCoded(() => catalogue.score(bad), 'invalid');
    throwsCoded(() => catalogue.readAssessment(bad), 'invalid');
    assert.equal(catalogue.validate('not json')[0].code, 'syntax');
  });

  it('a newer edition or another catalogue is refused with a clear code', () => {
    const a = blank();
    const other = { ...a, catalogue: { id: 'somewhere-else', version: '1.0.0' } };
    throwsCoded(() => catalogue.score(other), 'invalid');
  });
});

describe('bad input gives coded errors', () => {
  it('ratings that are not ratings', () => {
    const a = blank();
    for (const bad of [3.5, 'three', '3', true, Number.NaN, 1e21, [], {}]) {
      const err = throwsCoded(() => catalogue.rate(a, 'T1.1', /** @type {any} */ (bad)), 'schema');
      assert.equal(err.path, '/ratings/T1.1/rating');
      assert.match(err.message, /invalid rating/);
    }
    const off = throwsCoded(() => catalogue.rate(a, 'T1.1', 6), 'invalid');
    assert.equal(off.problems[0].code, 'rating_off_scale');
    assert.equal(off.path, '/ratings/T1.1/rating');
    throwsCoded(() => catalogue.rate(a, 'T1.1', -1), 'invalid');
    const unknown = throwsCoded(() => catalogue.rate(a, 'T9.9', 1), 'invalid');
    assert.equal(unknown.problems[0].code, 'unknown_standard');
  });

  it('text for an unrated standard is refused, never attached to nothing', () => {
    const err = throwsCoded(() => carepath.setEvidence(blank(), 'T1.1', 'x'), 'invalid');
    assert.equal(err.problems[0].code, 'not_rated');
    assert.equal(err.path, '/ratings/T1.1');
    throwsCoded(() => carepath.setActions(blank(), 'T1.1', 'x'), 'invalid');
    throwsCoded(() => carepath.setConfidence(blank(), 'T1.1', 'low'), 'invalid');
  });

  it('an unknown confidence word', () => {
    const a = catalogue.rate(blank(), 'T1.1', 1);
    const err = throwsCoded(() => carepath.setConfidence(a, 'T1.1', /** @type {any} */ ('certain')), 'schema');
    assert.equal(err.path, '/ratings/T1.1/confidence');
  });

  it('documents that are not assessments', () => {
    const typo = throwsCoded(() => carepath.readAssessment(/** @type {any} */ ({ ...blank(), ratingz: {} })), 'schema');
    assert.equal(typo.path, '/ratingz');
    const repeated = '{"schema_version":"1.0.0","catalogue":{"id":"perinatal-mental-health","version":"1.0.0"},"area":{"name":"X"},"assessed_on":"2016-01-01","ratings":{"T1.1":{"rating":1},"T1.1":{"rating":2}}}';
    const rep = throwsCoded(() => carepath.readAssessment(repeated), 'schema');
    assert.equal(rep.path, '/ratings/T1.1');
    throwsCoded(() => carepath.readAssessment(''), 'syntax');
    throwsCoded(() => carepath.readAssessment('null'), 'schema');
    throwsCoded(() => carepath.readAssessment(/** @type {any} */ (undefined)), 'schema');
    throwsCoded(() => carepath.readAssessment(/** @type {any} */ (42)), 'schema');
    throwsCoded(() => carepath.readAssessment({ ...blank(), schema_version: '7.1.0' }), 'version');
    const date = throwsCoded(() => catalogue.newAssessment('X', '2016-02-30'), 'schema');
    assert.equal(date.path, '/assessed_on');
    throwsCoded(() => catalogue.newAssessment(/** @type {any} */ ({ nme: 'X' })), 'schema');
  });

  it('arguments of the wrong type', () => {
    throwsCoded(() => catalogue.rate(blank(), /** @type {any} */ (11), 1), 'argument');
    throwsCoded(() => carepath.setEvidence(catalogue.rate(blank(), 'T1.1', 1), 'T1.1', /** @type {any} */ (5)), 'argument');
    /** @type {any} */
    const circular = { ...blank() };
    circular.self = circular;
    throwsCoded(() => catalogue.score(circular), 'argument');
    throwsCoded(() => carepath.readAssessment(/** @type {any} */ ({ big: 10n })), 'argument');
  });

  it('deeply nested and huge input is an error or works, never a crash', () => {
    throwsCoded(() => carepath.readAssessment('['.repeat(200_000)), ['syntax', 'schema']);
    throwsCoded(() => carepath.readAssessment(`{"notes":${'{"a":'.repeat(100_000)}`), ['syntax', 'schema']);
    throwsCoded(() => carepath.parseCatalogue('{"a":'.repeat(100_000)), ['syntax', 'schema']);
    assert.ok(carepath.validateCatalogue(`{"changes":[${'['.repeat(100_000)}`).length > 0);
    const long = 'evidence '.repeat(200_000);
    const a = carepath.setEvidence(catalogue.rate(blank(), 'T1.1', 2), 'T1.1', long);
    assert.equal(a.ratings['T1.1'].evidence, long);
  });

  it('random damage to documents never traps the module', () => {
    let a = blank();
    for (const [id, r] of /** @type {Array<[string, carepath.Rating]>} */ ([['T1.1', 4], ['T2.3', 0], ['T3.1', 'unknown'], ['T5.2', 'not_applicable']])) {
      a = catalogue.rate(a, id, r);
    }
    a = carepath.setEvidence(a, 'T1.1', 'Audit: 78% «asked» — “ok” \u2028 \ud83d\ude00 <b>');
    const text = carepath.writeAssessment(a);
    let outcomes = { ok: 0, errors: 0 };
    for (const doc of damagedCopies(text, { seed: 20161130, count: 2000, maxEdits: 4 })) {
      for (const f of [
        () => carepath.readAssessment(doc),
        () => catalogue.score(doc),
        () => catalogue.rate(doc, 'T1.1', 2),
        () => carepath.setEvidence(doc, 'T1.1', 'x'),
        () => catalogue.validate(doc),
      ]) {
        try {
          f();
          outcomes.ok++;
        } catch (err) {
          assert.ok(err instanceof CarepathError, `not a CarepathError for ${JSON.stringify(doc)}: ${err}`);
          assert.ok(['syntax', 'schema', 'version', 'invalid'].includes(err.code), err.code);
          outcomes.errors++;
        }
      }
    }
    assert.ok(outcomes.errors > 1000 && outcomes.ok > 100, JSON.stringify(outcomes));
    // The module still works afterwards.
    assert.equal(catalogue.score(a).themes[0].score, 4);
  });
});

describe('export and import', () => {
  /** @returns {carepath.Assessment} */
  function full() {
    let a = catalogue.newAssessment({ name: 'Vale of Ashby', code: 'E38000999', kind: 'integrated_care_board' }, '2016-12-01');
    const ratings = /** @type {carepath.Rating[]} */ ([0, 1, 2, 3, 4, 5, 'not_applicable', 'unknown']);
    catalogue.data.themes.flatMap((t) => t.standards).forEach((s, i) => {
      a = catalogue.rate(a, s.id, ratings[i % ratings.length]);
    });
    a = carepath.setEvidence(a, 'T1.1', 'Line one\nline two, "quoted", tab\t, <script>alert(1)</script>, emoji 👶, ½');
    a = carepath.setActions(a, 'T1.1', 'Ask the ICB = lead; +1 @team');
    a = carepath.setConfidence(a, 'T1.1', 'high');
    return a;
  }

  it('round-trips exactly through the file text', () => {
    const a = full();
    const text = carepath.writeAssessment(a);
    assert.ok(text.endsWith('\n'));
    assert.ok(text.startsWith('{\n  "schema_version": "1.0.0",'));
    const back = catalogue.readAssessment(text);
    assert.deepEqual(back, a);
    assert.equal(carepath.writeAssessment(back), text, 'writing what was read gives the same bytes');
    assert.deepEqual(catalogue.score(back), catalogue.score(a));
  });

  it('keeps every field of the example files', () => {
    const dir = path.join(repoRoot, 'standards/examples');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 0);
    for (const f of files) {
      const original = fs.readFileSync(path.join(dir, f), 'utf8');
      const parsed = JSON.parse(original);
      const c = carepath.loadCatalogue(`${parsed.catalogue.id}@${parsed.catalogue.version}`);
      const read = c.readAssessment(original);
      assert.deepEqual(JSON.parse(carepath.writeAssessment(read)), parsed, f);
      c.free();
    }
  });
});

describe('reportToCsv', () => {
  it('has a row per theme, cross-cutting theme, standard and gap, quoted safely', () => {
    let a = catalogue.rate(blank(), 'T1.1', 1);
    a = carepath.setEvidence(a, 'T1.1', '=HYPERLINK("http://x") and "quotes", commas\nnew line');
    a = catalogue.rate(a, 'T1.2', 5);
    const report = catalogue.score(a);
    const csv = carepath.reportToCsv(report, { catalogue, assessment: a });
    const lines = csv.split('\r\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines[0].split(',')[0], 'kind');
    const kinds = csv.match(/^(overall|theme|cross_cutting|standard|gap),/gm) ?? [];
    const count = (/** @type {string} */ k) => kinds.filter((x) => x === `${k},`).length;
    assert.equal(count('overall'), 1);
    assert.equal(count('theme'), 7);
    assert.equal(count('cross_cutting'), report.cross_cutting.length);
    assert.equal(count('standard'), 58);
    assert.equal(count('gap'), 1);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x"") and ""quotes"", commas\nnew line"`), 'formula guarded and quoted');
    assert.ok(csv.includes('gap,T1.1,'));
  });
});

describe('loading the module', () => {
  it('a call before init is a coded error, and init() accepts bytes', async () => {
    const fresh = /** @type {typeof carepath} */ (await import(`../pkg/carepath.js?fresh=${Date.now()}`));
    assert.equal(fresh.isInitialized(), false);
    throwsCoded(() => fresh.bundledCatalogues(), 'not_initialized', fresh.CarepathError);
    await fresh.init(fs.readFileSync(path.join(pkgDir, 'carepath_wasm_bg.wasm')));
    assert.equal(fresh.isInitialized(), true);
    assert.ok(fresh.bundledCatalogues().length > 0);
  });
});
