// @ts-check
// The widget's documents in headless Chromium under the strict CSP: **Download report** gives the
// page the command-line tool writes (the same engine, checked here against the Node package),
// **Download workbook** gives an .xlsx that **Import workbook** reads back into the same
// assessment, a workbook that cannot be read is refused without touching what was entered, and
// the report module is fetched only when a document is first asked for. Screenshots at 1280 and
// 375 pixels wide in artifacts/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as carepath from '../../pkg/carepath.js';
import { loadWasm, pkgDir } from '../helpers.mjs';
import { cspViolations, goto, launch, open, shoot } from './page.mjs';

loadWasm();

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;

before(async () => {
  env = await launch();
  await carepath.initReports(fs.readFileSync(path.join(pkgDir, 'report', 'carepath_report_wasm_bg.wasm')));
});

after(async () => {
  await env?.close();
});

/** @param {import('playwright-core').Page} page */
const assessmentOf = (page) => page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment);

/**
 * @param {import('playwright-core').Page} page
 * @param {string} standard
 * @param {string} value
 */
const radio = (page, standard, value) => page.locator(`carepath-assessment article[id$="-s-${standard}"] [role="radio"][data-value="${value}"]`);

/** @param {import('playwright-core').Page} page */
const button = (page, /** @type {string} */ name) => page.locator('carepath-assessment .cp-toolbar button', { hasText: name });

/**
 * Clicks a toolbar button and saves what it downloads.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} dir
 */
async function download(page, name, dir) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, name).click()]);
  const to = path.join(dir, file.suggestedFilename());
  await file.saveAs(to);
  return to;
}

describe('the widget writes the report and the workbook, and reads the workbook back', () => {
  it('fetches the report module only when first needed; the report is the tool\'s page', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-e2e-report-'));
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    /** @type {string[]} */
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    try {
      await goto(page, `${env.server.url}/`);
      assert.ok(fetched.includes('/pkg/lite/carepath_wasm_bg.wasm'), fetched.join(' '));
      assert.deepEqual(fetched.filter((p) => p.includes('/report/')), [], 'the report module was fetched at first load');
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await radio(page, 'T1.1', '3').click();
      await radio(page, 'T1.2', '1').click();
      await page.locator('carepath-assessment textarea[id$="T1.2-evidence"]').fill('=SUM(A1) "quoted", <b>not bold</b> 👶');
      assert.deepEqual(fetched.filter((p) => p.includes('/report/')), [], 'editing fetched the report module');

      const file = await download(page, 'Download report', tmp);
      assert.match(path.basename(file), /^northbrook-\d{4}-\d{2}-\d{2}\.report\.html$/);
      const html = fs.readFileSync(file, 'utf8');
      const assessment = await assessmentOf(page);
      assert.equal(html, await carepath.reportHtml(assessment, carepath.loadCatalogueFor(assessment)));
      assert.ok(html.startsWith('<!DOCTYPE html>') && !html.includes('<script'));
      assert.ok(html.includes('&lt;b&gt;not bold&lt;/b&gt;'));
      assert.deepEqual(
        fetched.filter((p) => p.endsWith('.wasm')),
        ['/pkg/lite/carepath_wasm_bg.wasm', '/pkg/report/carepath_report_wasm_bg.wasm'],
      );
      // Asked again: the module is not fetched again.
      await download(page, 'Download report', tmp);
      assert.equal(fetched.filter((p) => p.endsWith('carepath_report_wasm_bg.wasm')).length, 1);
      await shoot(page, 'widget-report-1280.png');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('a downloaded workbook imports back, in another browser, as the same assessment; a broken one is refused', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-e2e-xlsx-'));
    const first = await open(env.browser, { width: 375, height: 812 });
    try {
      await goto(first.page, `${env.server.url}/`);
      await first.page.locator('carepath-assessment [role="tab"][data-tab="T2"]').click();
      await radio(first.page, 'T2.1', '4').click();
      await radio(first.page, 'T2.2', 'unknown').click();
      await first.page.locator('carepath-assessment textarea[id$="T2.1-evidence"]').fill('Audit 2024, line one\nline two');
      const file = await download(first.page, 'Download workbook', tmp);
      assert.match(path.basename(file), /^northbrook-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const bytes = fs.readFileSync(file);
      assert.ok(carepath.isWorkbook(bytes));
      const exported = await assessmentOf(first.page);
      assert.deepEqual(await carepath.readWorkbook(bytes), exported);
      await shoot(first.page, 'widget-report-375.png');
      assert.deepEqual(first.problems, []);

      const second = await open(env.browser, { width: 1280, height: 900 });
      try {
        await goto(second.page, `${env.server.url}/`);
        assert.deepEqual((await assessmentOf(second.page)).ratings, {});
        await second.page.locator('carepath-assessment input[type="file"]').setInputFiles(file);
        await second.page.waitForFunction(() => Object.keys(/** @type {any} */ (document.querySelector('carepath-assessment')).assessment.ratings).length === 2);
        assert.deepEqual(await assessmentOf(second.page), exported);
        assert.match((await second.page.locator('carepath-assessment .cp-status').textContent()) ?? '', /Imported northbrook/);

        // A file that starts like a zip but is not a workbook: refused, nothing lost.
        await second.page.locator('carepath-assessment [role="tab"][data-tab="T3"]').click();
        await radio(second.page, 'T3.1', '2').click();
        const entered = await assessmentOf(second.page);
        const broken = path.join(tmp, 'broken.xlsx');
        fs.writeFileSync(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('not really a workbook')]));
        await second.page.evaluate(() => {
          const w = /** @type {any} */ (window);
          w.__errors = [];
          document.addEventListener('carepath-error', (e) => w.__errors.push(/** @type {CustomEvent} */ (e).detail));
        });
        const [chooser] = await Promise.all([second.page.waitForEvent('filechooser'), button(second.page, 'Import…').click()]);
        await chooser.setFiles(broken);
        await second.page.waitForFunction(() => /Could not import broken\.xlsx/.test(document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('.cp-status')?.textContent ?? ''));
        assert.deepEqual(await assessmentOf(second.page), entered);
        const errors = await second.page.evaluate(() => /** @type {any} */ (window).__errors);
        assert.deepEqual(errors.map((/** @type {{ code: string }} */ e) => e.code), ['workbook']);
        assert.equal(await second.page.locator('carepath-assessment input[type="file"]').getAttribute('accept'), '.json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        assert.deepEqual(await cspViolations(second.page), []);
        assert.deepEqual(second.problems, []);
      } finally {
        await second.context.close();
      }
    } finally {
      await first.context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
