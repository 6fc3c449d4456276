// @ts-check
// FHIR in real headless Chromium (Debian's, driven by playwright-core):
// - LHC-Forms, the NLM's FHIR form renderer (npm `lforms`, pinned in tests/e2e/lforms.mjs),
//   renders the Questionnaire carepath exports; the test fills it in through LHC-Forms' own
//   radio buttons and text boxes, takes the QuestionnaireResponse LHC-Forms writes
//   (`LForms.Util.getFormFHIRData`), imports it into carepath and checks the scores. LHC-Forms is
//   an Angular application that is not built to run under carepath's strict CSP, so its page is a
//   test page of its own with no CSP (docs/decisions.md);
// - the widget, on the demo page under the strict CSP, exports a QuestionnaireResponse from its
//   toolbar, a fresh browser imports it (and the one LHC-Forms wrote) through Import….

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as carepath from '../../pkg/carepath.js';
import { loadWasm } from '../helpers.mjs';
import { LFORMS_VERSION, startLformsServer } from './lforms.mjs';
import { launch } from './page.mjs';

loadWasm();

const EDITION = 'perinatal-mental-health@3.1.0';
const catalogue = carepath.loadCatalogue(EDITION);
const questionnaire = catalogue.toQuestionnaire();

const LFORMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>carepath in LHC-Forms</title>
<link rel="stylesheet" href="/lforms/webcomponent/styles.css"></head>
<body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/runtime.js"></script>
<script src="/lforms/webcomponent/polyfills.js"></script>
<script src="/lforms/webcomponent/main.js"></script>
<script src="/lforms/fhir/R4/lformsFHIR.min.js"></script>
</body></html>`;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startLformsServer>>} */
let lforms;
/** @type {Awaited<ReturnType<typeof launch>>} */
let run;
/** @type {Awaited<ReturnType<typeof launch>>['server']} */
let demo;
/** What LHC-Forms wrote, for the widget to import. */
/** @type {carepath.FhirResource | undefined} */
let lformsResponse;

before(async () => {
  lforms = await startLformsServer(LFORMS_PAGE);
  run = await launch();
  demo = run.server;
  browser = run.browser;
});

after(async () => {
  await run?.close();
  await lforms?.close();
});

/**
 * The label (LHC-Forms draws an ant-design radio inside it) of one answer of an item. LHC-Forms
 * names an item's radio group by its linkId and its place: `/1/1` for a standard in its theme,
 * `/1/1/1` for a standard's own child item.
 * @param {import('playwright-core').Page} page
 * @param {string} linkId
 * @param {string} text
 */
function lhcOption(page, linkId, text) {
  const place = linkId.includes('/') ? '1/1/1' : '1/1';
  return page.locator(`label:has(input[type="radio"][name="radiogroup_${linkId}/${place}"])`, { hasText: text });
}

describe(`LHC-Forms ${LFORMS_VERSION}`, () => {
  it('renders the Questionnaire, and what it writes imports into carepath with the expected scores', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${lforms.url}/`);
      await page.waitForFunction(() => Boolean(/** @type {any} */ (window).LForms?.Util?.addFormToPage && /** @type {any} */ (window).LForms?.FHIR));
      await page.evaluate(async (q) => {
        await /** @type {any} */ (window).LForms.Util.addFormToPage(q, 'form', { fhirVersion: 'R4' });
      }, questionnaire);

      // Every standard is drawn as a group of radio buttons: the scale, not applicable, don't know.
      const standards = catalogue.data.themes.flatMap((t) => t.standards);
      const groups = await page.evaluate(() => new Set([...document.querySelectorAll('#form input[type="radio"]')].map((e) => /** @type {HTMLInputElement} */ (e).name).filter((n) => !n.includes('/confidence/'))).size);
      assert.equal(groups, standards.length);
      const levels = catalogue.data.scale.levels;
      assert.equal(await page.locator('label:has(input[name="radiogroup_T1.1/1/1"])').count(), levels.length + 2);
      await assert.doesNotReject(lhcOption(page, 'T1.1', levels[5].label).waitFor());

      // Fill it in as a person would.
      await lhcOption(page, 'T1.1', levels[3].label).click();
      // The evidence, confidence and actions of a standard appear once it is rated.
      const evidence = page.locator('[id="T1.1/evidence/1/1/1"]');
      await evidence.fill('Named lead since 2023; partnership meets quarterly');
      await lhcOption(page, 'T1.1/confidence', 'High').click();
      await page.locator('[id="T1.1/actions/1/1/1"]').fill('Publish the terms of reference');
      await lhcOption(page, 'T1.2', levels[1].label).click();
      await lhcOption(page, 'T1.3', 'Not applicable').click();
      await lhcOption(page, 'T2.1', "Don't know").click();
      await lhcOption(page, 'T2.2', levels[5].label).click();
      await page.screenshot({ path: path.join(os.tmpdir(), 'carepath-lforms.png') });

      const response = await page.evaluate(() => /** @type {any} */ (window).LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.querySelector('#form')));
      assert.equal(response.resourceType, 'QuestionnaireResponse');
      assert.equal(response.questionnaire, `${questionnaire.url}|${questionnaire.version}`);
      // LHC-Forms names no subject unless it is told one (a Patient, in its world): the host
      // system knows which area the form is about, and says so.
      response.subject = { display: 'Lhc Vale', identifier: { value: 'E99000042' } };
      lformsResponse = response;

      const assessment = carepath.fromFhir(response);
      assert.deepEqual(assessment.catalogue, catalogue.reference);
      assert.deepEqual(assessment.area, { name: 'Lhc Vale', code: 'E99000042' });
      assert.match(assessment.assessed_on, /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(assessment.ratings, {
        'T1.1': { rating: 3, evidence: 'Named lead since 2023; partnership meets quarterly', confidence: 'high', actions: 'Publish the terms of reference' },
        'T1.2': { rating: 1 },
        'T1.3': { rating: 'not_applicable' },
        'T2.1': { rating: 'unknown' },
        'T2.2': { rating: 5 },
      });
      const report = catalogue.score(assessment);
      const theme = (/** @type {string} */ id) => report.themes.find((t) => t.id === id);
      assert.equal(theme('T1')?.score, 2); // (3 + 1) / 2; not applicable is left out
      assert.equal(theme('T1')?.light, 'amber');
      assert.equal(theme('T2')?.score, 5); // unknown is left out
      assert.equal(theme('T2')?.light, 'green');
      assert.equal(report.overall.score, 3.5); // the mean of the two theme scores
      assert.deepEqual(report.unknowns, ['T2.1']);
      assert.equal(report.gaps[0].id, 'T1.2');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('the widget', () => {
  it('exports a QuestionnaireResponse from its toolbar and imports one, its own or LHC-Forms\'', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-fhir-'));
    const first = await browser.newContext({ acceptDownloads: true });
    const second = await browser.newContext();
    try {
      const page = await first.newPage();
      await page.goto(`${demo.url}/`);
      await page.evaluate(async () => {
        await customElements.whenDefined('carepath-assessment');
        await /** @type {any} */ (document.querySelector('carepath-assessment')).ready;
      });
      const el = 'carepath-assessment';
      await page.locator(`${el} [role="tab"][data-tab="T5"]`).click();
      await page.locator(`${el} article[id$="-s-T5.1"] [role="radio"][data-value="4"]`).click();
      await page.locator(`${el} article[id$="-s-T5.2"] [role="radio"][data-value="not_applicable"]`).click();
      await page.locator(`${el} textarea[id$="T5.1-evidence"]`).fill('Audit 2024, "quotes" and 👶');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`${el} .cp-toolbar button`, { hasText: 'Export FHIR QuestionnaireResponse' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.fhir\.json$/);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      const response = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(response.resourceType, 'QuestionnaireResponse');
      const exported = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment);
      assert.deepEqual(carepath.fromFhir(response), exported);

      const fresh = await second.newPage();
      await fresh.goto(`${demo.url}/`);
      await fresh.evaluate(async () => {
        await customElements.whenDefined('carepath-assessment');
        await /** @type {any} */ (document.querySelector('carepath-assessment')).ready;
      });
      await fresh.locator(`${el} input[type="file"]`).setInputFiles(file);
      await fresh.waitForFunction(() => Object.keys(/** @type {any} */ (document.querySelector('carepath-assessment')).assessment.ratings).length === 2);
      assert.deepEqual(await fresh.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment), exported);
      assert.match((await fresh.locator(`${el} .cp-status`).textContent()) ?? '', /Imported/);

      // The response LHC-Forms wrote.
      assert.ok(lformsResponse, 'the LHC-Forms test runs first');
      const lhcFile = path.join(tmp, 'lhc.json');
      fs.writeFileSync(lhcFile, JSON.stringify(lformsResponse));
      await fresh.locator(`${el} input[type="file"]`).setInputFiles(lhcFile);
      await fresh.waitForFunction(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment.area.name === 'Lhc Vale');
      const report = await fresh.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).report);
      assert.equal(report.overall.score, 3.5);

      // A broken response is refused with its FHIR path, and the assessment stays.
      const broken = /** @type {any} */ (structuredClone(lformsResponse));
      broken.item[0].item[0].answer[0].valueCoding.code = '9';
      const brokenFile = path.join(tmp, 'broken.json');
      fs.writeFileSync(brokenFile, JSON.stringify(broken));
      await fresh.locator(`${el} input[type="file"]`).setInputFiles(brokenFile);
      await fresh.locator(`${el} .cp-status`, { hasText: 'item[0].item[0].answer[0]' }).waitFor();
      assert.equal(await fresh.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment.area.name), 'Lhc Vale');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
