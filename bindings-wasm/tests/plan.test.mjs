// Targets, the improvement plan and the next round from JavaScript (file format 1.1): the same
// rules as Rust and Python, through the core.

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
    return err;
  }
  assert.fail('expected a CarepathError');
}

function fresh() {
  const c = carepath.loadCatalogue('perinatal-mental-health@3.0.0');
  let a = c.newAssessment('Northbrook', '2025-11-20');
  a = c.rate(a, 'T1.1', 2);
  a = c.rate(a, 'T1.2', 4);
  a = c.rate(a, 'T1.3', 'unknown');
  return { c, a };
}

describe('targets', () => {
  it('show in the report with to_target and target scores, and move the file to 1.1', () => {
    const { c, a: start } = fresh();
    assert.equal(start.schema_version, '1.0.0');
    let a = c.setTarget(start, 'T1.1', 4, { by: '2026-03-31' });
    a = c.setTarget(a, 'T1.3', 3);
    assert.equal(a.schema_version, '1.1.0');
    assert.deepEqual(a.ratings['T1.1'].target, { rating: 4, by: '2026-03-31' });
    const report = c.score(a);
    const t11 = report.standards.find((s) => s.id === 'T1.1');
    const t13 = report.standards.find((s) => s.id === 'T1.3');
    assert.deepEqual([t11?.target, t11?.to_target], [4, 2]);
    assert.deepEqual([t13?.target, t13?.to_target], [3, null]);
    assert.equal(report.themes.find((t) => t.id === 'T1')?.target_score, 4);
    assert.equal(c.setTarget(a, 'T1.1', null).ratings['T1.1'].target, undefined);
    assert.equal(start.ratings['T1.1'].target, undefined, 'the assessment given is not changed');
  });

  it('off the scale or on an unrated standard are typed errors with their pointer', () => {
    const { c, a } = fresh();
    const off = /** @type {carepath.CarepathError} */ (thrown(() => c.setTarget(a, 'T1.1', 9)));
    assert.deepEqual(off.problems.map((p) => [p.path, p.code]), [['/ratings/T1.1/target/rating', 'target_off_scale']]);
    const unrated = /** @type {carepath.CarepathError} */ (thrown(() => c.setTarget(a, 'T2.1', 3)));
    assert.equal(unrated.problems[0].code, 'not_rated');
    const date = /** @type {carepath.CarepathError} */ (thrown(() => c.setTarget(a, 'T1.1', 3, { by: '31/03/2026' })));
    assert.equal(date.code, 'schema');
    // The pointer names the field inside the target that is wrong, not only the target.
    assert.equal(date.path, '/ratings/T1.1/target/by');
  });
});

describe('the plan', () => {
  it('adds, changes and removes actions, with overdue judged as of a day', () => {
    const { c, a: start } = fresh();
    let a = c.addAction(start, { title: 'Agree the referral pathway', standards: ['T1.1'], owner: 'ICB lead', due: '2025-11-01' });
    a = c.addAction(a, { title: 'Audit the records', standards: ['T1.2'], status: 'in_progress', due: '2025-12-01' });
    assert.deepEqual(a.plan?.map((x) => x.id), ['A1', 'A2']);
    const twice = /** @type {carepath.CarepathError} */ (thrown(() => c.addAction(a, { id: 'A1', title: 'again' })));
    assert.equal(twice.problems[0].code, 'duplicate_action');
    const nowhere = /** @type {carepath.CarepathError} */ (thrown(() => c.addAction(a, { title: 'x', standards: ['Z9.9'] })));
    assert.equal(nowhere.problems[0].path, '/plan/2/standards/0');
    const status = /** @type {carepath.CarepathError} */ (thrown(() => c.addAction(a, { title: 'x', status: /** @type {any} */ ('started') })));
    assert.equal(status.code, 'schema');

    assert.deepEqual(c.score(a).plan?.overdue, ['A1']);
    const later = c.score(a, { asOf: '2026-01-01' }).plan;
    assert.deepEqual([later?.as_of, later?.overdue], ['2026-01-01', ['A1', 'A2']]);

    a = c.updateAction(a, 'A1', { status: 'done', notes: 'signed off' });
    assert.deepEqual([a.plan?.[0].status, a.plan?.[0].notes], ['done', 'signed off']);
    a = c.updateAction(a, 'A1', { notes: /** @type {any} */ (null) });
    assert.equal(a.plan?.[0].notes, undefined);
    assert.equal(/** @type {carepath.CarepathError} */ (thrown(() => c.updateAction(a, 'A9', { status: 'done' }))).problems[0].code, 'unknown_action');
    a = carepath.setActionStatus(a, 'A2', 'dropped');
    assert.equal(a.plan?.[1].status, 'dropped');
    assert.equal(/** @type {carepath.CarepathError} */ (thrown(() => carepath.setActionStatus(a, 'A2', /** @type {any} */ ('started')))).code, 'schema');
    a = carepath.removeAction(a, 'A2');
    assert.deepEqual(a.plan?.map((x) => x.id), ['A1']);
    assert.deepEqual(carepath.readAssessment(JSON.stringify(a)), a);
  });

  it('starts the next round with the open actions and brings targets back', () => {
    const c = carepath.loadCatalogue('perinatal-mental-health@3.0.0');
    const last = carepath.readAssessment(example('northbrook-2025'));
    let next = c.nextRound(last, '2026-11-10');
    assert.deepEqual(next.ratings, {});
    assert.deepEqual(next.plan?.map((x) => x.id), last.plan?.filter((x) => x.status === 'planned' || x.status === 'in_progress').map((x) => x.id));
    assert.equal(next.previous?.assessed_on, last.assessed_on);
    next = c.rate(next, 'T3.11', 3);
    assert.deepEqual(next.ratings['T3.11'].target, { rating: 4, by: '2026-06-30' });
    assert.equal(/** @type {carepath.CarepathError} */ (thrown(() => c.nextRound(last, '2020-01-01'))).code, 'dates_reversed');
  });

  it('reports the Northbrook progress from 2024 to 2025', () => {
    const progress = carepath.compare(example('northbrook-2024'), example('northbrook-2025')).progress;
    assert.ok(progress);
    assert.deepEqual(progress.action_counts, { done: 2, carried: 3, dropped: 1, missing: 0 });
    assert.deepEqual(progress.target_counts, { met: 2, not_met: 4, not_scored: 0 });
  });
});
