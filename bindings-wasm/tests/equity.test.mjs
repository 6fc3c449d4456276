// @ts-check
// The equity lens from JavaScript (file format 1.2): local groups, group ratings with their
// evidence, evidence levels and dates, and the report's equity gaps and evidence summary, the
// same rules as Rust and Python, through the core; bad input is a typed error with its pointer.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { loadWasm, repoRoot } from './helpers.mjs';

loadWasm();

const example = (/** @type {string} */ name) => fs.readFileSync(path.join(repoRoot, 'standards', 'examples', `${name}.json`), 'utf8');

/** @param {() => unknown} f */
function thrown(f) {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof carepath.CarepathError, String(err));
    return /** @type {carepath.CarepathError} */ (err);
  }
  assert.fail('expected a CarepathError');
}

const c = carepath.loadCatalogue('perinatal-mental-health@3.1.0');

function fresh() {
  let a = c.newAssessment('Northbrook', '2026-11-20');
  a = c.rate(a, 'T3.5', 4);
  a = c.rate(a, 'T1.1', 5);
  return a;
}

describe('the equity lens', () => {
  it('rates a standard for a group, ranks the equity gap and moves the file to 1.2', () => {
    let a = fresh();
    assert.equal(a.schema_version, '1.0.0');
    a = c.setGroupRating(a, 'T3.5', 'interpreter', 1);
    a = carepath.setGroupEvidence(a, 'T3.5', 'interpreter', 'No interpreter at booking in 3 of 10 notes');
    assert.equal(a.schema_version, '1.2.0');
    assert.deepEqual(a.ratings['T3.5'].groups, { interpreter: { rating: 1, evidence: 'No interpreter at booking in 3 of 10 notes' } });
    const r = c.score(a);
    assert.deepEqual(
      r.equity_gaps?.map((g) => [g.id, g.group, g.rating, g.group_rating, g.difference]),
      [['T3.5', 'interpreter', 4, 1, 3]],
    );
    const t3 = r.themes.find((t) => t.id === 'T3');
    assert.equal(t3?.groups?.find((g) => g.id === 'interpreter')?.score, 1);
    assert.equal(t3?.groups?.length, c.data.groups?.length);
    a = c.setGroupRating(a, 'T3.5', 'interpreter', null);
    assert.equal(a.ratings['T3.5'].groups, undefined);
  });

  it('declares local groups after the catalogue\u2019s and refuses what does not fit, with its pointer', () => {
    let a = c.addGroup(fresh(), { id: 'gypsy_roma_traveller', title: 'Gypsy, Roma and Traveller women' });
    a = c.setGroupRating(a, 'T1.1', 'gypsy_roma_traveller', 'unknown');
    assert.equal(c.score(a).overall.groups?.at(-1)?.id, 'gypsy_roma_traveller');
    const again = thrown(() => c.addGroup(a, { id: 'interpreter', title: 'Again' }));
    assert.deepEqual(again.problems.map((p) => [p.path, p.code]), [['/groups/1/id', 'duplicate_group']]);
    const unknown = thrown(() => c.setGroupRating(a, 'T1.1', 'nobody', 2));
    assert.deepEqual(unknown.problems.map((p) => [p.path, p.code]), [['/ratings/T1.1/groups/nobody', 'unknown_group']]);
    assert.equal(thrown(() => c.setGroupRating(a, 'T2.1', 'interpreter', 2)).problems[0].code, 'not_rated');
    assert.equal(thrown(() => c.setGroupRating(a, 'T1.1', 'interpreter', 9)).problems[0].code, 'rating_off_scale');
    assert.equal(thrown(() => c.setGroupRating(a, 'T1.1', 'interpreter', /** @type {any} */ ('lots'))).path, '/ratings/T1.1/groups/interpreter/rating');
  });

  it('states evidence levels and dates: unsupported strengths and stale evidence, with maxAgeMonths', () => {
    let a = fresh();
    a = carepath.setEvidenceLevel(a, 'T1.1', 'self_reported');
    a = carepath.setEvidenceDate(a, 'T1.1', '2024-11-19');
    a = carepath.setEvidenceLevel(a, 'T3.5', 'audited');
    assert.equal(thrown(() => carepath.setEvidenceLevel(a, 'T3.5', /** @type {any} */ ('anecdotal'))).path, '/ratings/T3.5/evidence_level');
    assert.equal(thrown(() => carepath.setEvidenceDate(a, 'T3.5', '19/11/2024')).path, '/ratings/T3.5/evidence_date');
    const e = c.score(a).evidence;
    assert.deepEqual(e?.by_level, { none: 0, self_reported: 1, documented: 0, audited: 1, external: 0, unstated: 0 });
    assert.deepEqual(e?.unsupported_strengths, ['T1.1']);
    assert.deepEqual(e?.stale, ['T1.1']);
    assert.deepEqual(c.score(a, { maxAgeMonths: 36 }).evidence?.stale, []);
    assert.equal(thrown(() => c.score(a, { maxAgeMonths: -1 })).code, 'argument');
  });

  it('reads the examples that use the lens and writes them back unchanged', () => {
    for (const name of ['northbrook-2024', 'eastmere-2024', 'vale-of-ashby-2024']) {
      const text = example(name);
      const a = carepath.readAssessment(text);
      assert.ok(a.groups?.length, `${name} declares groups`);
      assert.equal(carepath.writeAssessment(a), text);
      const r = carepath.loadCatalogueFor(a).score(a);
      assert.ok((r.equity_gaps?.length ?? 0) >= 5, name);
    }
  });
});
