// @ts-check
// The lite package (pkg/lite/: the same JavaScript with a module that leaves out compare,
// benchmark and consensus, FHIR and migration, and the editions' texts, for pages that only embed
// the widget): everything the widget needs works, including FHIR and migration once their module
// (pkg/lite/exchange/, by loadExchange) and the editions they take are fetched (from
// pkg/catalogues/, by loadEditions); what is not fetched yet and the operations left out fail
// with a coded error, not a crash.

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

  it('says which file it could not fetch', async () => {
    await assert.rejects(
      lite.loadEditions('perinatal-mental-health@1', { from: new URL('./nowhere/', import.meta.url) }),
      (/** @type {any} */ err) => err.code === 'load' && err.message.includes('perinatal-mental-health@1.0.0') && err.message.includes('nowhere'),
    );
  });

  it('says when its exchange module cannot be loaded, and loads it on a later call', async () => {
    await assert.rejects(
      lite.loadExchange(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])),
      (/** @type {any} */ err) => err instanceof lite.CarepathError && err.code === 'load' && /exchange module/.test(err.message),
    );
    assert.equal(lite.isExchangeLoaded(), false);
  });

  it('has no edition until it fetches one, and then only that one', async () => {
    const names = lite.bundledCatalogues().map((r) => `${r.id}@${r.version}`);
    assert.ok(names.includes('perinatal-mental-health@3.1.0'), 'it knows the bundled editions');
    assert.throws(
      () => lite.loadCatalogue(),
      (/** @type {any} */ err) => err instanceof lite.CarepathError && err.code === 'not_loaded' && err.message.includes("loadEditions(['perinatal-mental-health@3.1.0'])"),
    );
    assert.throws(() => lite.loadCatalogue('perinatal-mental-health@9'), (/** @type {any} */ err) => err.code === 'not_found');
    const added = await lite.loadEditions();
    assert.deepEqual(added, [{ id: 'perinatal-mental-health', version: '3.1.0' }]);
    assert.deepEqual(await lite.loadEditions('perinatal-mental-health@3'), [], 'fetched once');
    const latest = lite.loadCatalogue();
    assert.equal(latest.reference.version, '3.1.0');
    const file = fs.readFileSync(path.join(repoRoot, 'standards', 'perinatal-mental-health', '3.1.0.json'), 'utf8');
    assert.deepEqual(latest.data, JSON.parse(file), 'the edition is the file');
    // FHIR and migration are a second module, not loaded yet: the calls say so.
    assert.equal(lite.isExchangeLoaded(), false);
    const a = lite.setEvidence(latest.rate(latest.newAssessment('Northbrook', '2025-05-01'), 'T1.1', 4), 'T1.1', 'Minutes');
    assert.deepEqual(lite.needsLoading(a, { catalogue: latest }), { editions: [], exchange: false }, 'rating needs nothing more');
    const notLoaded = (/** @type {any} */ err) => err instanceof lite.CarepathError && err.code === 'not_loaded' && /second module/.test(err.message);
    assert.throws(() => latest.toFhir(a), notLoaded);
    assert.throws(() => latest.toQuestionnaire(), notLoaded);
    assert.throws(() => lite.fromFhir('{"resourceType":"QuestionnaireResponse"}'), notLoaded);
    // So is the strict reader of a catalogue of one's own (the first module knows the bundled
    // editions by their texts): a bundled edition's text changed by one byte is one's own.
    const own = file.replace('"version": "3.1.0"', '"version": "3.1.1"');
    const ownReader = (/** @type {any} */ err) => notLoaded(err) && /catalogue of one's own/.test(err.message) && /loadExchange\(\)/.test(err.message);
    assert.throws(() => lite.parseCatalogue(own), ownReader);
    assert.throws(() => lite.validateCatalogue(own), ownReader);
    assert.throws(() => lite.parseCatalogue(file), ownReader, 'even the text of a bundled edition, by this call');
    assert.equal(latest.score(a).standards.find((s) => s.id === 'T1.1')?.light, 'green', 'the first module works meanwhile');
    // Carrying an earlier assessment across takes the editions in between and the exchange
    // module: named, then fetched.
    const old = example('northbrook-2016');
    assert.deepEqual(lite.needsLoading(old, { catalogue: latest }), {
      editions: ['perinatal-mental-health@1.0.0', 'perinatal-mental-health@2.0.0', 'perinatal-mental-health@3.0.0'],
      exchange: true,
    });
    assert.throws(() => lite.migrate(old), (/** @type {any} */ err) => err.code === 'not_loaded' && /1\.0\.0, perinatal-mental-health@2\.0\.0, perinatal-mental-health@3\.0\.0/.test(err.message));
    // A round in the same edition needs no migration; the next round of an earlier edition's
    // assessment is started by the exchange module, so it waits for it too.
    assert.equal(latest.nextRound(a, '2026-11-10').previous?.catalogue.version, '3.1.0');
    assert.throws(() => latest.nextRound(old, '2026-11-10'), notLoaded);
    const more = await lite.loadEditionsFor(old, { catalogue: latest });
    assert.deepEqual(more.map((r) => r.version), ['1.0.0', '2.0.0', '3.0.0']);
    assert.equal(lite.isExchangeLoaded(), true, 'fetched with the editions');
    assert.equal(lite.migrate(old).assessment.catalogue.version, '3.1.0');
    const next = latest.nextRound(old, '2026-11-10');
    assert.equal(next.catalogue.version, '3.1.0');
    assert.equal(next.previous?.catalogue.version, '1.0.0', 'the previous round names the edition it was rated against');
    assert.equal(Object.keys(next.previous?.ratings ?? {}).length, Object.keys(lite.migrate(old).assessment.ratings).length);
    assert.deepEqual(lite.needsLoading(old, { catalogue: latest }), { editions: [], exchange: false });
    // A document that cannot be read needs nothing; its own call says what is wrong.
    assert.deepEqual(await lite.loadEditionsFor('{'), []);
  });

  it('writes and reads FHIR once its module is loaded', async () => {
    await lite.loadEditions();
    await lite.loadExchange();
    await lite.loadExchange();
    const latest = lite.loadCatalogue();
    const a = lite.setEvidence(latest.rate(latest.newAssessment('Northbrook', '2025-05-01'), 'T1.1', 4), 'T1.1', 'Minutes');
    const response = latest.toFhir(a);
    assert.equal(response.resourceType, 'QuestionnaireResponse');
    assert.deepEqual(latest.fromFhir(response), a, 'FHIR both ways gives the assessment back');
    assert.deepEqual(lite.fromFhir(response), a, 'and by the edition the response names');
    assert.equal(latest.toQuestionnaire().resourceType, 'Questionnaire');
    assert.deepEqual(lite.needsLoading(response, { catalogue: latest }), { editions: [], exchange: false });
    // A handle made from the catalogue's text, plain language too.
    const plain = latest.withPlainLanguage();
    assert.deepEqual(plain.fromFhir(plain.toFhir(a)), a);
    plain.free();
  });

  it('reads a catalogue of one\'s own strictly once its second module is loaded, and rates and scores with it', async () => {
    await lite.loadExchange();
    const file = fs.readFileSync(path.join(repoRoot, 'standards', 'perinatal-mental-health', '3.1.0.json'), 'utf8');
    const data = JSON.parse(file);
    data.id = 'our-pathway';
    data.title = 'Our pathway';
    const own = lite.parseCatalogue(data);
    assert.deepEqual(own.reference, { id: 'our-pathway', version: '3.1.0' });
    assert.deepEqual(own.data, data);
    const a = own.rate(own.newAssessment('Northbrook', '2025-05-01'), 'T1.1', 4);
    assert.equal(own.score(a).standards.find((s) => s.id === 'T1.1')?.light, 'green');
    assert.equal(own.toFhir(a).resourceType, 'QuestionnaireResponse', 'and its FHIR, from the same reading');
    // Every rule of strict reading, with its place: an unknown field, a word off the list, a
    // repeated key, a broken whole.
    const schema = (/** @type {string} */ at) => (/** @type {any} */ err) => err instanceof lite.CarepathError && err.code === 'schema' && err.path === at;
    assert.throws(() => lite.parseCatalogue({ ...data, colour: 'blue' }), schema('/colour'));
    const vital = structuredClone(data);
    vital.themes[0].standards[1].priority = 'vital';
    assert.throws(() => lite.parseCatalogue(vital), schema('/themes/0/standards/1/priority'));
    assert.throws(() => lite.parseCatalogue(file.replace('"title": ', '"title": "x", "title": ')), (/** @type {any} */ err) => err.code === 'schema' && /title/.test(err.message));
    const twice = structuredClone(data);
    twice.themes[0].standards[1].id = twice.themes[0].standards[0].id;
    assert.throws(() => lite.parseCatalogue(twice), (/** @type {any} */ err) => err.code === 'invalid');
    assert.deepEqual(lite.validateCatalogue(data), []);
    assert.ok(lite.validateCatalogue(twice).length > 0);
    own.free();
  });

  it('scores, edits and migrates like the full package', async () => {
    await lite.loadEditions(['perinatal-mental-health@1', 'perinatal-mental-health@2', 'perinatal-mental-health@3']);
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

  it('says that compare, benchmark and consensus are not in it', async () => {
    await lite.loadEditions('perinatal-mental-health@2');
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
