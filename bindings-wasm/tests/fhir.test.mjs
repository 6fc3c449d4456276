// @ts-check
// FHIR R4 (SDC) from JavaScript: the Questionnaire, every example through a
// QuestionnaireResponse and back, and coded errors with a FHIR path.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { CarepathError } from '../pkg/carepath.js';
import { loadWasm, repoRoot } from './helpers.mjs';

loadWasm();

const EXAMPLES = path.join(repoRoot, 'standards', 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
const northbrook = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'northbrook-2024.json'), 'utf8'));

/**
 * @param {() => unknown} f
 * @param {string} code
 */
function throwsCoded(f, code) {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof CarepathError, String(err));
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected a ${code} error`);
}

describe('FHIR', () => {
  it('writes each edition as a Questionnaire', () => {
    for (const edition of carepath.bundledCatalogues()) {
      const c = carepath.loadCatalogue(`${edition.id}@${edition.version}`);
      const q = c.toQuestionnaire();
      assert.equal(q.resourceType, 'Questionnaire');
      assert.equal(q.version, edition.version);
      const items = /** @type {any[]} */ (q.item);
      assert.deepEqual(items.map((i) => i.linkId), c.data.themes.map((t) => t.id));
    }
  });

  it('every example goes to a QuestionnaireResponse and back unchanged', () => {
    assert.ok(examples.length >= 10);
    for (const text of examples) {
      const a = carepath.readAssessment(text);
      const c = carepath.loadCatalogueFor(a);
      const response = c.toFhir(a);
      assert.equal(response.resourceType, 'QuestionnaireResponse');
      assert.deepEqual(c.fromFhir(response), a);
      assert.deepEqual(carepath.fromFhir(JSON.stringify(response)), a);
    }
  });

  it('bad responses throw coded errors with a FHIR path', () => {
    const c = carepath.loadCatalogue('perinatal-mental-health@2.0.0');
    const response = /** @type {any} */ (c.toFhir(northbrook));
    const offScale = structuredClone(response);
    offScale.item[2].item[4].answer[0].valueCoding.code = '8';
    const err = throwsCoded(() => c.fromFhir(offScale), 'fhir_off_scale');
    assert.equal(err.path, 'item[2].item[4].answer[0]');
    assert.deepEqual(err.problems.map((p) => p.code), ['fhir_off_scale']);
    const twice = structuredClone(response);
    twice.item[2].item[4].answer.push(twice.item[2].item[4].answer[0]);
    assert.equal(throwsCoded(() => c.fromFhir(twice), 'fhir_repeated').path, 'item[2].item[4].answer[1]');
    const unknown = structuredClone(response);
    unknown.item[0].item[0].linkId = 'T1.99';
    assert.equal(throwsCoded(() => c.fromFhir(unknown), 'fhir_link_id').path, 'item[0].item[0].linkId');
    throwsCoded(() => carepath.loadCatalogue('perinatal-mental-health@1.0.0').fromFhir(response), 'fhir_questionnaire');
    throwsCoded(() => c.fromFhir({ resourceType: 'Patient' }), 'fhir_resource');
    throwsCoded(() => carepath.fromFhir('{ nope'), 'syntax');
    throwsCoded(() => carepath.loadCatalogue('perinatal-mental-health@1.0.0').toFhir(northbrook), 'mixed_editions');
  });
});
