// @ts-check
// Migration, comparison over time, benchmark across areas and consensus of raters through the
// JavaScript API: the answers' shapes, which bundled edition each picks by default, nothing lost
// in migration, and a coded CarepathError for every new kind of failure.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { CarepathError } from '../pkg/carepath.js';
import { damagedCopies, loadWasm, repoRoot } from './helpers.mjs';

loadWasm();

const EXAMPLES = path.join(repoRoot, 'standards', 'examples');
const TINY = path.join(repoRoot, 'tests', 'vectors', 'catalogues');

/**
 * An example assessment from standards/examples/.
 * @param {string} name
 * @returns {carepath.Assessment}
 */
function example(name) {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8'));
}

/** @param {string} name */
function tinyText(name) {
  return fs.readFileSync(path.join(TINY, `${name}.json`), 'utf8');
}

/**
 * Runs `f`, which must throw a CarepathError with `code`; returns it.
 * @param {() => unknown} f
 * @param {string} code
 */
function throwsCoded(f, code) {
  /** @type {unknown} */
  let thrown;
  try {
    f();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof CarepathError, `expected a ${code} CarepathError, got ${String(thrown)}`);
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.code, code, thrown.message);
  assert.ok(thrown.problems.length > 0);
  assert.ok(thrown.message.length > 0);
  return thrown;
}

/**
 * An assessment of the tiny test catalogue.
 * @param {string} version
 * @param {string} area
 * @param {string} date
 * @param {Record<string, carepath.RatingEntry>} ratings
 * @returns {carepath.Assessment}
 */
function tiny(version, area, date, ratings = {}) {
  return { schema_version: '1.0.0', catalogue: { id: 'tiny', version }, area: { name: area }, assessed_on: date, ratings };
}

const AREAS_2024 = ['ashgrove-2024', 'eastmere-2024', 'hollin-vale-2024', 'kingsmoor-2024', 'northbrook-2024', 'saltmarsh-2024'];
const RATERS = ['commissioner', 'maternity', 'voluntary-sector'].map((r) => `consensus/northbrook-2024-${r}`);

describe('migrate', () => {
  it('carries a 2016 assessment into the latest edition by default, losing nothing', () => {
    const old = example('northbrook-2016');
    const { assessment, report } = carepath.migrate(old);
    assert.deepEqual(assessment.catalogue, { id: 'perinatal-mental-health', version: '3.1.0' });
    assert.deepEqual(report.from, old.catalogue);
    assert.deepEqual(report.to, assessment.catalogue);
    assert.equal(report.steps.length, 1);
    const [step] = report.steps;
    assert.deepEqual(step.fates.map((f) => f.standard), Object.keys(old.ratings), 'a fate for every rating, in order');
    const archive = assessment.archive ?? [];
    for (const fate of step.fates) {
      const entry = old.ratings[fate.standard];
      if (fate.fate === 'archived') {
        const kept = archive.find((r) => r.standard === fate.standard);
        assert.ok(kept, `${fate.standard} archived`);
        assert.equal(kept.rating, entry.rating);
        assert.equal(kept.evidence, entry.evidence);
        assert.equal(kept.actions, entry.actions);
        assert.deepEqual(kept.catalogue, old.catalogue);
        assert.ok(kept.reason.length > 0);
      } else {
        for (const to of fate.to) {
          const carried = assessment.ratings[to];
          assert.ok(carried, `${fate.standard} carried to ${to}`);
          assert.equal(carried.evidence, entry.evidence, `${to} keeps the evidence`);
          assert.equal(Boolean(carried.review), fate.review, `${to} flagged exactly when the fate says so`);
        }
      }
    }
    assert.ok(step.fates.some((f) => f.review), 'the 2024 edition flags some 2016 ratings for review');
    assert.ok(step.added.length > 0, 'the 2024 edition adds standards');
    // The result is an assessment of the new edition, and migrating again changes nothing.
    carepath.loadCatalogue('perinatal-mental-health@3.1.0').check(assessment);
    const again = carepath.migrate(assessment);
    assert.deepEqual(again.assessment, assessment);
    assert.deepEqual(again.report.steps, []);
    assert.deepEqual(carepath.readAssessment(carepath.writeAssessment(assessment)), assessment, 'the archive survives export');
  });

  it('takes the target as a handle or a bundled spec, and the method of a handle agrees', () => {
    const old = example('eastmere-2016');
    const latest = carepath.loadCatalogue('perinatal-mental-health@2');
    const byHandle = carepath.migrate(old, latest);
    assert.deepEqual(carepath.migrate(old, 'perinatal-mental-health@2.0.0'), byHandle);
    assert.deepEqual(latest.migrate(old), byHandle);
    assert.deepEqual(latest.migrate(JSON.stringify(old)), byHandle, 'text works as well as an object');
    assert.deepEqual(old, example('eastmere-2016'), 'the assessment given is not changed');
    latest.free();
  });

  it('follows editions given with via, and says when no path leads there', () => {
    const two = JSON.parse(tinyText('tiny-2'));
    const standards = two.themes.flatMap((/** @type {carepath.Theme} */ t) => t.standards.map((s) => s.id));
    const three = { ...two, version: '3.0.0', changes: [{ from: '2.0.0', standards: standards.map((/** @type {string} */ id) => ({ change: 'kept', from: id, to: id })) }] };
    const target = carepath.parseCatalogue(three);
    const a = tiny('1.0.0', 'Testshire', '2020-01-01', { 'A.1': { rating: 3 }, 'C.1': { rating: 1 } });
    throwsCoded(() => target.migrate(a), 'no_migration_path');
    for (const via of [[tinyText('tiny-2')], [two], [carepath.parseCatalogue(two)]]) {
      const { assessment, report } = carepath.migrate(a, target, { via });
      assert.equal(report.steps.length, 2);
      assert.deepEqual(report.steps.map((s) => s.to.version), ['2.0.0', '3.0.0']);
      assert.equal(assessment.ratings['A.1'].rating, 3);
      assert.ok((assessment.archive ?? []).some((r) => r.standard === 'C.1'), 'a retired rating is archived');
    }
    const bad = throwsCoded(() => carepath.migrate(a, target, { via: [two, '{"x": 1}'] }), 'schema');
    assert.ok(bad.path?.startsWith('/1'), `the path names the second edition of via: ${bad.path}`);
  });

  it('refuses to go backwards, or across catalogues', () => {
    const now = example('northbrook-2024');
    throwsCoded(() => carepath.migrate(now, 'perinatal-mental-health@1.0.0'), 'migration_backwards');
    const target = carepath.parseCatalogue(tinyText('tiny-2'));
    throwsCoded(() => carepath.migrate(now, target), 'mixed_catalogues');
    throwsCoded(() => carepath.migrate(tiny('1.0.0', 'X', '2020-01-01')), 'not_found');
  });
});

describe('compare', () => {
  it('compares over time in the later edition, migrating the earlier assessment', () => {
    const c = carepath.compare(example('northbrook-2016'), example('northbrook-2024'));
    assert.deepEqual(c.catalogue, { id: 'perinatal-mental-health', version: '2.0.0' });
    assert.equal(c.old.catalogue.version, '1.0.0');
    assert.ok(c.migration && c.migration.steps.length === 1);
    assert.equal(c.standards.length, c.comparable.total);
    assert.equal(c.themes.length, carepath.loadCatalogue('perinatal-mental-health@2').data.themes.length);
    for (const s of c.standards) {
      if (typeof s.old === 'number' && typeof s.new === 'number') assert.equal(s.change, s.new - s.old);
      else assert.equal(s.change, null);
    }
    assert.equal(c.comparable.standards, c.standards.filter((s) => s.change !== null).length);
    assert.ok(['improved', 'worsened', 'unchanged'].includes(c.overall.direction));
  });

  it('in one edition there is no migration; the catalogue may be named', () => {
    const older = example('northbrook-2024');
    const newer = structuredClone(older);
    newer.assessed_on = '2025-06-01';
    const c = carepath.compare(older, newer, 'perinatal-mental-health@2.0.0');
    assert.equal(c.migration, null);
    assert.ok(c.standards.every((s) => s.direction === 'unchanged' || s.direction === 'not_rated'));
    assert.equal(c.overall.change, 0);
  });

  it('refuses two areas, two catalogues, and dates the wrong way round', () => {
    throwsCoded(() => carepath.compare(example('northbrook-2016'), example('eastmere-2024')), 'mixed_areas');
    throwsCoded(() => carepath.compare(example('northbrook-2024'), example('northbrook-2016')), 'dates_reversed');
    const edition = carepath.parseCatalogue(tinyText('tiny'));
    const other = example('northbrook-2024');
    throwsCoded(() => carepath.compare(tiny('1.0.0', other.area.name, '2020-01-01'), other, edition), 'mixed_catalogues');
  });

  it('locates a broken document: /0 the earlier, /1 the later', () => {
    const err = throwsCoded(() => carepath.compare(example('northbrook-2024'), /** @type {any} */ ({ ...example('northbrook-2024'), colour: 'red' })), 'schema');
    assert.ok(err.path?.startsWith('/1'), String(err.path));
    const early = throwsCoded(() => carepath.compare('{', example('northbrook-2024'), 'perinatal-mental-health'), 'syntax');
    assert.equal(early.path, '/0');
    const late = throwsCoded(() => carepath.compare(example('northbrook-2024'), '{"schema_version": 7}'), 'schema');
    assert.ok(late.path?.startsWith('/1'), `the default edition is looked up for the later one: ${late.path}`);
  });
});

describe('benchmark', () => {
  it('describes the spread across areas, listed by name, withholding small groups', () => {
    const areas = AREAS_2024.map(example);
    const b = carepath.benchmark(areas);
    assert.equal(b.areas, areas.length);
    assert.equal(b.min_group, carepath.DEFAULT_MIN_GROUP);
    assert.equal(b.overall.withheld, false);
    const o = b.overall;
    assert.ok(o.min !== null && o.q1 !== null && o.median !== null && o.q3 !== null && o.max !== null);
    assert.ok(o.min <= o.q1 && o.q1 <= o.median && o.median <= o.q3 && o.q3 <= o.max);
    const names = b.positions.map((p) => p.area.name);
    assert.deepEqual(names, [...names].sort((x, y) => x.localeCompare(y)), 'by name, never by score');
    for (const p of b.positions) assert.ok(p.overall.quarter === null || [1, 2, 3, 4].includes(p.overall.quarter));
    const withheld = carepath.benchmark(areas, { minGroup: areas.length + 1 });
    assert.equal(withheld.overall.withheld, true);
    assert.equal(withheld.overall.median, null);
    assert.ok(withheld.positions.every((p) => p.overall.quarter === null));
    const latest = carepath.loadCatalogue('perinatal-mental-health@2.0.0'); // the edition of the 2024 areas
    assert.deepEqual(latest.benchmark(areas), b);
    assert.deepEqual(carepath.benchmark(areas, { catalogue: latest, minGroup: 5 }), b);
  });

  it('refuses no areas, one area twice, and mixed editions; locates problems by position', () => {
    throwsCoded(() => carepath.benchmark([]), 'no_assessments');
    throwsCoded(() => carepath.benchmark([example('ashgrove-2024'), example('ashgrove-2024')]), 'repeated_area');
    throwsCoded(() => carepath.benchmark([example('ashgrove-2024'), example('eastmere-2016')]), 'mixed_editions');
    const bad = example('eastmere-2024');
    bad.ratings['T1.1'] = { rating: 9 };
    const err = throwsCoded(() => carepath.benchmark([example('ashgrove-2024'), bad]), 'invalid');
    assert.deepEqual(err.problems.map((p) => [p.path, p.code]), [['/1/ratings/T1.1/rating', 'rating_off_scale']]);
    const shape = throwsCoded(() => carepath.benchmark([example('ashgrove-2024'), '{"oops": 1}']), 'schema');
    assert.ok(shape.path?.startsWith('/1'), String(shape.path));
  });

  it('checks its options', () => {
    const areas = [example('ashgrove-2024')];
    throwsCoded(() => carepath.benchmark(areas, { minGroup: 2.5 }), 'argument');
    throwsCoded(() => carepath.benchmark(areas, { minGroup: -1 }), 'argument');
    throwsCoded(() => carepath.benchmark(/** @type {any} */ ('not a list')), 'argument');
    throwsCoded(() => carepath.benchmark(areas, /** @type {any} */ ({ catalogue: 42 })), 'argument');
    throwsCoded(() => carepath.benchmark(areas, { catalogue: 'perinatal-mental-health@9' }), 'not_found');
  });
});

describe('consensus', () => {
  it('combines raters into one assessment, keeping every view', () => {
    const raters = RATERS.map(example);
    const { assessment, consensus } = carepath.consensus(raters);
    assert.equal(consensus.raters.length, 3);
    assert.equal(consensus.threshold, carepath.DEFAULT_DISAGREEMENT);
    assert.deepEqual(assessment.area, raters[0].area);
    for (const s of consensus.standards) {
      assert.equal(s.ratings.length, 3);
      assert.equal(s.disagreement, consensus.disagreements.includes(s.id));
      if (s.disagreement) assert.ok(assessment.ratings[s.id]?.review, `${s.id} is flagged for review`);
    }
    const edition = carepath.loadCatalogue('perinatal-mental-health@2.0.0'); // the raters' edition
    edition.check(assessment);
    const strict = carepath.consensus(raters, { threshold: 1 });
    assert.ok(strict.consensus.disagreements.length >= consensus.disagreements.length);
    assert.deepEqual(edition.consensus(raters), { assessment, consensus });
  });

  it('refuses one rater, mixed areas, dates and editions', () => {
    const [one, two] = RATERS.map(example);
    throwsCoded(() => carepath.consensus([one]), 'too_few_raters');
    throwsCoded(() => carepath.consensus([one, example('eastmere-2024')]), 'mixed_areas');
    throwsCoded(() => carepath.consensus([one, { ...two, assessed_on: '2024-01-02' }]), 'mixed_dates');
    const older = { ...two, catalogue: { id: 'perinatal-mental-health', version: '1.0.0' }, ratings: {} };
    throwsCoded(() => carepath.consensus([one, older]), 'mixed_editions');
    throwsCoded(() => carepath.consensus([one, two], { threshold: 1.5 }), 'argument');
  });
});

describe('clearReview and loadCatalogueFor', () => {
  it('clears a review note and nothing else', () => {
    const { assessment } = carepath.migrate(example('northbrook-2016'));
    const flagged = Object.keys(assessment.ratings).find((id) => assessment.ratings[id].review);
    assert.ok(flagged);
    const cleared = carepath.clearReview(assessment, flagged);
    const { review, ...rest } = assessment.ratings[flagged];
    assert.ok(review);
    assert.deepEqual(cleared.ratings[flagged], rest);
    assert.deepEqual(cleared.archive, assessment.archive);
    assert.deepEqual(carepath.clearReview(cleared, flagged), cleared, 'clearing twice changes nothing');
    const unrated = carepath.loadCatalogue().data.themes.flatMap((t) => t.standards.map((s) => s.id)).find((id) => !assessment.ratings[id]);
    assert.ok(unrated, 'a standard the migrated assessment leaves unrated');
    const err = throwsCoded(() => carepath.clearReview(assessment, unrated), 'invalid');
    assert.equal(err.problems[0].code, 'not_rated');
    assert.equal(err.path, `/ratings/${unrated}`);
  });

  it('picks the edition an assessment names, else the latest compatible one', () => {
    assert.equal(carepath.loadCatalogueFor(example('northbrook-2016')).reference.version, '1.0.0');
    assert.equal(carepath.loadCatalogueFor(example('northbrook-2024')).reference.version, '2.0.0');
    const patch = example('northbrook-2024');
    patch.catalogue.version = '2.0.4';
    assert.equal(carepath.loadCatalogueFor(patch).reference.version, '2.0.0');
    patch.catalogue.version = '2.1.0';
    throwsCoded(() => carepath.loadCatalogueFor(patch), 'not_found');
  });
});

describe('damaged documents', () => {
  it('never trap the module in migrate, compare, benchmark or consensus', () => {
    const old = fs.readFileSync(path.join(EXAMPLES, 'northbrook-2016.json'), 'utf8');
    const now = example('northbrook-2024');
    const [rater] = RATERS.map(example);
    const latest = carepath.loadCatalogue('perinatal-mental-health@2.0.0');
    const outcomes = { ok: 0, errors: 0 };
    const codes = new Set();
    for (const doc of damagedCopies(old, { seed: 20241130, count: 300, maxEdits: 3 })) {
      for (const f of [
        () => latest.migrate(doc),
        () => latest.compare(doc, now),
        () => latest.benchmark([now, doc]),
        () => latest.consensus([rater, doc]),
      ]) {
        try {
          f();
          outcomes.ok++;
        } catch (err) {
          assert.ok(err instanceof CarepathError, `not a CarepathError for ${JSON.stringify(doc)}: ${err}`);
          assert.ok(!['internal', 'argument'].includes(err.code), `${err.code}: ${err.message}`);
          codes.add(err.code);
          outcomes.errors++;
        }
      }
    }
    assert.ok(outcomes.errors > 300 && outcomes.ok > 50, JSON.stringify(outcomes));
    assert.ok(codes.has('syntax') && codes.has('schema'), [...codes].join(', '));
    // The module still works afterwards.
    assert.equal(latest.migrate(old).report.steps.length, 1);
  });
});
