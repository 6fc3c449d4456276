// @ts-check
// The widget's interface languages in headless Chromium: chosen by the element's `lang`, an
// ancestor's or the page's; Welsh shipped (loaded only when asked for); a host's own table; numbers
// and dates for the locale; catalogue text as the catalogue gives it; a change of language keeps
// the work. Screenshots: artifacts/widget-cy.png, widget-cy-375.png and widget-cy-phone.png.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { repoRoot } from '../helpers.mjs';
import { ARTIFACTS, goto, launch, open, shoot } from './page.mjs';

const EXAMPLE_2024 = fs.readFileSync(path.join(repoRoot, 'standards/examples/northbrook-2024.json'), 'utf8');

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** @param {import('playwright-core').Page} page @param {string} selector */
const text = (page, selector) => page.locator(`carepath-assessment ${selector}`).first().textContent();

describe('the interface in the element’s language', () => {
  it('a Welsh page gets the Welsh interface: words, dates and numbers; catalogue text as given', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 1100 });
    /** @type {string[]} */
    const modules = [];
    page.on('request', (r) => {
      if (r.url().includes('carepath-messages')) modules.push(new URL(r.url()).pathname);
    });
    try {
      await goto(page, `${env.server.url}/fixtures/welsh.html`);
      assert.equal(await text(page, '[role="tab"][data-tab="overview"]'), 'Trosolwg');
      assert.equal(await text(page, '.cp-toolbar button:nth-of-type(2)'), 'Allforio’r asesiad');
      assert.equal(await text(page, '.cp-overall-label'), 'Cyffredinol');
      assert.equal(await page.locator('carepath-assessment .cp').getAttribute('lang'), 'cy');
      assert.deepEqual(modules.sort(), ['/pkg/carepath-messages-cy.js', '/pkg/carepath-messages.js']);
      await page.evaluate((t) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(t), EXAMPLE_2024);
      const { assessment, report, title } = await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        return { assessment: el.assessment, report: el.report, title: el.catalogueData.themes[0].title };
      });
      // The date and the counts in Welsh: Node's Intl has Welsh data (Chromium's has none, so the
      // widget uses the table's month names there).
      const day = new Intl.DateTimeFormat('cy', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${assessment.assessed_on}T00:00:00Z`));
      assert.match(day, /^\d+ [A-Z][a-z]+ \d{4}$/);
      assert.equal(await text(page, '.cp-meta'), `Aseswyd ar ${day} · ${report.overall.rated} o ${report.overall.total} safon wedi’u sgorio`);
      // Catalogue text stays as the catalogue gives it.
      assert.equal(await text(page, '[role="tab"][data-tab="T1"] .cp-tab-title'), title);
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      assert.equal(await text(page, '[role="radio"][data-value="not_applicable"] .cp-radio-label'), 'Amherthnasol');
      assert.equal(await page.getByRole('radio', { name: 'Amh.: Amherthnasol' }).count() > 0, true);
      assert.equal(await text(page, '.cp-field-label'), 'Tystiolaeth');
      await page.locator('carepath-assessment [role="tab"][data-tab="overview"]').click();
      await shoot(page, 'widget-cy.png');
      await page.setViewportSize({ width: 375, height: 800 });
      await shoot(page, 'widget-cy-375.png');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-cy-phone.png') });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('an English page loads no other language; lang on the element wins over the page and changes at once, keeping the work', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    /** @type {string[]} */
    const modules = [];
    page.on('request', (r) => {
      if (r.url().includes('carepath-messages')) modules.push(new URL(r.url()).pathname);
    });
    try {
      await goto(page, `${env.server.url}/`);
      assert.deepEqual(modules, ['/pkg/lite/carepath-messages.js']);
      const el = page.locator('carepath-assessment');
      await el.locator('[role="tab"][data-tab="T2"]').click();
      await el.locator('article[id$="-s-T2.1"] [role="radio"][data-value="4"]').click();
      await el.locator('textarea[id$="T2.1-evidence"]').fill('Audit 2024');
      await el.locator('textarea[id$="T2.2-evidence"]').fill('A draft');
      const before = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment);
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('lang', 'cy-GB'));
      await el.locator('[role="tab"][data-tab="overview"]', { hasText: 'Trosolwg' }).waitFor();
      // Same assessment, same theme open, same text in the fields, the draft still there.
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment), before);
      assert.equal(await el.locator('[role="tab"][data-tab="T2"]').getAttribute('aria-selected'), 'true');
      assert.equal(await el.locator('textarea[id$="T2.1-evidence"]').inputValue(), 'Audit 2024');
      assert.equal(await el.locator('textarea[id$="T2.2-evidence"]').inputValue(), 'A draft');
      assert.equal(await el.locator('article[id$="-s-T2.2"] .cp-draft-note').isVisible(), true);
      assert.match((await text(page, 'article[id$="-s-T2.1"] .cp-level-hint')) ?? '', /^Sgôr 4 · /);
      // Back to the page's language.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.removeAttribute('lang'));
      await el.locator('[role="tab"][data-tab="overview"]', { hasText: 'Overview' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('a host supplies its own table; keys it leaves out stay English; a language without a table is English', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      const tab = (/** @type {string} */ want) =>
        page.waitForFunction((w) => document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('[data-tab="overview"]')?.textContent === w, want);
      // German: no table, so English.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('lang', 'de'));
      await tab('Overview');
      await page.evaluate(async () => {
        const { defineMessages } = await import(/** @type {string} */ ('/pkg/lite/carepath-widget.js'));
        defineMessages('fr', { overview: 'Vue d’ensemble', meta: 'Évalué le {date} · {rated} sur {total} normes notées' });
        document.querySelector('carepath-assessment')?.setAttribute('lang', 'fr-FR');
      });
      await tab('Vue d’ensemble');
      const result = await page.evaluate(async () => {
        const { missingMessages } = await import(/** @type {string} */ ('/pkg/lite/carepath-widget.js'));
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        const a = el.assessment;
        return {
          meta: el.shadowRoot.querySelector('.cp-meta').textContent,
          exportLabel: el.shadowRoot.querySelectorAll('.cp-toolbar button')[1].textContent,
          date: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${a.assessed_on}T00:00:00Z`)),
          missing: missingMessages('fr').length,
        };
      });
      assert.equal(result.meta, `Évalué le ${result.date} · 0 sur 77 normes notées`);
      assert.equal(result.exportLabel, 'Export assessment');
      assert.ok(result.missing > 50);
      // A table defined while the widget shows that language redraws it at once.
      await page.evaluate(async () => {
        const { defineMessages } = await import(/** @type {string} */ ('/pkg/lite/carepath-widget.js'));
        defineMessages('fr', { overview: 'Synthèse' });
      });
      await tab('Synthèse');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
