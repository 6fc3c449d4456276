// @ts-check
// The documents and the workbook from the JavaScript API (pkg/carepath.js re-exporting
// carepath-report.js, the report module loaded from pkg/report/), and the names shared with Rust
// and Python (Catalogue.fromJson, .bundled, .bundledFor).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';

import {
  Catalogue,
  CatalogueHandle,
  CarepathError,
  benchmarkCsv,
  comparisonHtml,
  consensusMarkdown,
  initReports,
  isReportsInitialized,
  isWorkbook,
  loadCatalogue,
  readAssessment,
  readWorkbook,
  reportCsv,
  reportHtml,
  reportMarkdown,
  reportToCsv,
  workbook,
} from '../pkg/carepath.js';
import { loadWasm, pkgDir, repoRoot } from './helpers.mjs';

const examples = path.join(repoRoot, 'standards', 'examples');
const example = (/** @type {string} */ name) => fs.readFileSync(path.join(examples, name), 'utf8');

/**
 * The CarepathError a promise rejects with.
 * @param {Promise<unknown>} promise
 * @returns {Promise<CarepathError>}
 */
async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CarepathError, `not a CarepathError: ${err}`);
    return err;
  }
  assert.fail('did not reject');
}

describe('documents and the workbook', () => {
  before(() => {
    loadWasm();
  });

  it('loads the report module only when asked', async () => {
    assert.equal(isReportsInitialized(), false);
    await initReports(fs.readFileSync(path.join(pkgDir, 'report', 'carepath_report_wasm_bg.wasm')));
    assert.equal(isReportsInitialized(), true);
  });

  it('writes the report in HTML (no script), Markdown and CSV', async () => {
    const a = example('northbrook-2024.json');
    const html = await reportHtml(a);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(!html.includes('<script'));
    assert.ok(html.includes('Northbrook'));
    assert.match(await reportMarkdown(JSON.parse(a)), /^# /);
    const csv = await reportCsv(new TextEncoder().encode(a), loadCatalogue('perinatal-mental-health@2'));
    assert.ok(csv.startsWith('kind,'));
    assert.ok(csv.endsWith('\r\n'));
  });

  it('keeps reportToCsv, the synchronous form from a report', () => {
    const c = loadCatalogue('perinatal-mental-health@2');
    const a = readAssessment(example('northbrook-2024.json'));
    assert.ok(reportToCsv(c.score(a), { catalogue: c, assessment: a }).startsWith('kind,id,title,'));
  });

  it('writes the comparison, benchmark and consensus', async () => {
    const html = await comparisonHtml(example('northbrook-2016.json'), example('northbrook-2024.json'));
    assert.ok(html.startsWith('<!DOCTYPE html>') && !html.includes('<script'));
    const all = fs.readdirSync(examples).filter((f) => f.endsWith('-2024.json')).map(example);
    assert.ok((await benchmarkCsv(all, { minGroup: 1 })).startsWith('kind,'));
    const raters = fs.readdirSync(path.join(examples, 'consensus')).map((f) => example(path.join('consensus', f)));
    assert.match(await consensusMarkdown(raters), /^# /);
  });

  it('rejects with the core errors, located', async () => {
    assert.equal((await rejection(reportHtml('{'))).code, 'syntax');
    const mixed = await rejection(comparisonHtml(example('northbrook-2024.json'), example('ashgrove-2024.json')));
    assert.equal(mixed.code, 'mixed_areas');
    assert.equal((await rejection(benchmarkCsv([]))).code, 'no_assessments');
    assert.equal((await rejection(benchmarkCsv(/** @type {any} */ ('x')))).code, 'argument');
    assert.equal((await rejection(consensusMarkdown([example('northbrook-2024.json')]))).code, 'too_few_raters');
    assert.equal((await rejection(reportHtml(example('northbrook-2024.json'), /** @type {any} */ (42)))).code, 'argument');
    const bad = JSON.parse(example('northbrook-2024.json'));
    bad.ratings['T1.1'] = { rating: 99 };
    const invalid = await rejection(reportHtml(bad));
    assert.equal(invalid.code, 'invalid');
    assert.ok(invalid.problems.some((p) => p.path === '/ratings/T1.1/rating'), JSON.stringify(invalid.problems));
  });

  it('writes a workbook that reads back into the same assessment', async () => {
    const a = readAssessment(example('northbrook-2024.json'));
    const bytes = await workbook(null, a);
    assert.ok(bytes instanceof Uint8Array);
    assert.ok(isWorkbook(bytes));
    assert.deepEqual(await readWorkbook(bytes), a);
    assert.deepEqual(await readWorkbook(/** @type {ArrayBuffer} */ (bytes.slice().buffer), loadCatalogue('perinatal-mental-health@2')), a);
    const blank = await workbook('perinatal-mental-health@1');
    assert.ok(isWorkbook(blank));
    // Read back before anyone filled it: the details it lacks, each named by sheet and cell.
    const unfilled = await rejection(readWorkbook(blank));
    assert.equal(unfilled.code, 'workbook');
    assert.deepEqual(unfilled.problems.map((p) => [p.sheet, p.cell, p.path]), [['Details', 'B3', 'Details!B3'], ['Details', 'B6', 'Details!B6']]);
    assert.match(unfilled.problems[0].message, /^Details!B3: the area name is empty/);
  });

  it('rejects a workbook it cannot read with code workbook, naming sheet and cell', async () => {
    const notZip = await rejection(readWorkbook(new TextEncoder().encode('PK\u0003\u0004 and then nothing')));
    assert.equal(notZip.code, 'workbook');
    assert.ok(notZip.problems.length >= 1);
    for (const p of notZip.problems) {
      assert.equal(p.code, 'workbook');
      assert.ok('sheet' in p && 'cell' in p, JSON.stringify(p));
    }
    assert.equal((await rejection(readWorkbook(/** @type {any} */ ('text')))).code, 'argument');
    assert.equal(isWorkbook(new TextEncoder().encode('{"a": 1}')), false);
  });

  it('answers with the names of Rust and Python too', () => {
    assert.equal(Catalogue, CatalogueHandle);
    const text = fs.readFileSync(path.join(repoRoot, 'standards', 'perinatal-mental-health', '2.0.0.json'), 'utf8');
    assert.deepEqual(Catalogue.fromJson(text).reference, { id: 'perinatal-mental-health', version: '2.0.0' });
    assert.deepEqual(Catalogue.bundled('perinatal-mental-health@1').reference.version, '1.0.0');
    assert.deepEqual(Catalogue.bundledFor(example('northbrook-2016.json')).reference, loadCatalogue('perinatal-mental-health@1').reference);
    assert.ok(Catalogue.bundled() instanceof CatalogueHandle);
  });
});
