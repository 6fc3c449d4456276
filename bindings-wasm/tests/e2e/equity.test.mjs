// @ts-check
// The equity lens in the <carepath-assessment> widget, in headless Chromium under the strict CSP:
// on a standard, "rate for a group" adds a group rating with its own evidence, saved through the
// core; a group row chosen before its rating, or before the standard has a rating of its own, is a
// draft kept in the autosave and folded in later; clearing a standard's rating keeps its group
// ratings as drafts; the Equity tab shows the groups-by-themes heatmap (a table), the equity gaps
// with a way to the standard, the groups with a form to add a local one, and what the ratings
// rest on. No axe violation; at phone widths no sideways scroll and 44 px touch targets.
// Screenshots go to artifacts/equity/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as carepath from '../../pkg/carepath.js';
import { loadWasm } from '../helpers.mjs';
import { ARTIFACTS, cspViolations, goto, launch, open } from './page.mjs';

loadWasm();

const SHOTS = path.join(ARTIFACTS, 'equity');
const EDITION = 'perinatal-mental-health@3.1.0';
const groups = carepath.loadCatalogue(EDITION).data.groups ?? [];

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;
before(async () => {
  env = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

/**
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ assessment: import('../../js/carepath.d.ts').Assessment, report: import('../../js/carepath.d.ts').Report, exported: string, drafts: any }>}
 */
const state = (page) =>
  page.evaluate(() => {
    const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
    const saved = JSON.parse(localStorage.getItem('northbrook-pmh-2024') ?? 'null');
    return { assessment: el.assessment, report: el.report, exported: el.export(), drafts: saved?.drafts ?? null };
  });

/**
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
const article = (page, id) => page.locator(`carepath-assessment article[id$="-s-${id}"]`);

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
const tab = (page, name) => page.locator(`carepath-assessment [role="tab"][data-tab="${name}"]`).click();

/**
 * @param {import('playwright-core').Locator} standard
 * @param {string} group
 */
const addRow = async (standard, group) => {
  await standard.locator('select[id$="-group-add"]').selectOption(group);
  await standard.getByRole('button', { name: 'Add', exact: true }).click();
};

/**
 * @param {import('playwright-core').Locator} standard
 * @param {string} group
 */
const row = (standard, group) => standard.locator(`li.cp-group-row[data-group="${group}"]`);

describe('the equity lens in the widget', () => {
  it('rates a standard for a group with its own evidence, keeps drafts, shows the Equity tab, adds a local group', async () => {
    const { context, page, problems, axe } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      await tab(page, 'T1');
      const t11 = article(page, 'T1.1');
      // Every group of the edition is offered, in its order.
      const offered = await t11.locator('select[id$="-group-add"] option').evaluateAll((os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
      assert.deepEqual(offered, groups.map((g) => g.id));
      await t11.locator('[role="radio"][data-value="4"]').click();
      await addRow(t11, 'interpreter');
      // The new row's rating has focus; it is a draft until a rating is chosen.
      assert.equal(await page.evaluate(() => document.querySelector('carepath-assessment')?.shadowRoot?.activeElement?.id.endsWith('-g-interpreter-rating')), true);
      let s = await state(page);
      assert.equal(s.assessment.ratings['T1.1'].groups, undefined);
      assert.deepEqual(s.drafts['T1.1'], { groups: { interpreter: {} } });
      assert.equal(await t11.locator('select[id$="-group-add"] option[value="interpreter"]').count(), 0, 'a group rated is not offered again');
      await row(t11, 'interpreter').locator('select').selectOption('1');
      const evidence = 'Interpreter booked at 3 of 10 booking appointments sampled.';
      await row(t11, 'interpreter').locator('textarea').fill(evidence);
      s = await state(page);
      assert.deepEqual(s.assessment.ratings['T1.1'].groups, { interpreter: { rating: 1, evidence } });
      assert.equal(s.drafts['T1.1'], undefined);
      assert.equal(s.assessment.schema_version, '1.2.0');
      assert.deepEqual(
        s.report.equity_gaps?.map((g) => [g.id, g.group, g.rating, g.group_rating, g.weighted_difference]),
        [['T1.1', 'interpreter', 4, 1, 3 * (s.report.equity_gaps?.[0].weight ?? 0)]],
      );
      assert.equal(await row(t11, 'interpreter').locator('.cp-group-gap').textContent(), 'Lower than for everyone: 1 against 4');
      assert.deepEqual(JSON.parse(s.exported), s.assessment);
      await t11.screenshot({ path: path.join(SHOTS, 'standard-1280.png') });

      // A row chosen before the standard has a rating of its own is a draft, folded in later.
      const t12 = article(page, 'T1.2');
      await addRow(t12, 'prison');
      await row(t12, 'prison').locator('select').selectOption('not_applicable');
      await row(t12, 'prison').locator('textarea').fill('No women from the local prison in the sample.');
      assert.equal(await t12.locator('.cp-draft-note').isVisible(), true);
      s = await state(page);
      assert.equal(s.assessment.ratings['T1.2'], undefined);
      assert.deepEqual(s.drafts['T1.2'], { groups: { prison: { rating: 'not_applicable', evidence: 'No women from the local prison in the sample.' } } });
      // Drafts survive a reload.
      await page.reload();
      await page.evaluate(async () => /** @type {any} */ (document.querySelector('carepath-assessment')).ready);
      await tab(page, 'T1');
      assert.equal(await row(t12, 'prison').locator('select').inputValue(), 'not_applicable');
      await t12.locator('[role="radio"][data-value="2"]').click();
      s = await state(page);
      assert.deepEqual(s.assessment.ratings['T1.2'].groups, { prison: { rating: 'not_applicable', evidence: 'No women from the local prison in the sample.' } });
      assert.equal(s.drafts['T1.2'], undefined);

      // Clearing the standard's rating keeps its group ratings as drafts; rating it brings them back.
      await t11.getByRole('button', { name: 'Clear rating' }).click();
      s = await state(page);
      assert.equal(s.assessment.ratings['T1.1'], undefined);
      assert.deepEqual(s.drafts['T1.1'].groups, { interpreter: { rating: 1, evidence } });
      assert.equal(await row(t11, 'interpreter').locator('select').inputValue(), '1');
      await t11.locator('[role="radio"][data-value="3"]').click();
      s = await state(page);
      assert.deepEqual(s.assessment.ratings['T1.1'].groups, { interpreter: { rating: 1, evidence } });

      // The Equity tab: everyone, then each group; the gaps; the evidence summary.
      await tab(page, 'equity');
      const panel = page.locator('carepath-assessment [role="tabpanel"][id$="-panel-equity"]');
      const heat = panel.locator('table.cp-heat');
      const rows = await heat.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.childNodes[0]?.textContent ?? '')));
      assert.equal(rows.length, 1 + groups.length);
      assert.equal(rows[0][0], 'Everyone');
      assert.deepEqual(rows.slice(1).map((r) => r[0]), groups.map((g) => g.title));
      const interpreter = s.report.overall.groups?.find((g) => g.id === 'interpreter');
      assert.ok(interpreter && interpreter.score !== null);
      assert.equal(rows[1][1], interpreter.score.toFixed(1));
      assert.equal(rows[0][1], s.report.overall.score?.toFixed(1));
      // The lights are words too, for a screen reader.
      assert.match((await heat.locator('tbody tr').nth(1).locator('td').first().textContent()) ?? '', /^\d\.\d (Red|Amber|Green)$/);
      const gapItems = panel.locator('[part="equity-gaps"] li');
      assert.equal(await gapItems.count(), 1);
      assert.match((await gapItems.textContent()) ?? '', /T1\.1 .*Women who need an interpreter.*: rated 1 against 3 for everyone/);
      assert.equal(await panel.locator('[part="evidence-summary"] dd').count(), 6);
      assert.deepEqual(await axe(), []);
      await panel.screenshot({ path: path.join(SHOTS, 'equity-1280.png') });

      // A local group: named in the form, offered on every standard, a row of the heatmap.
      await panel.getByRole('button', { name: 'Add the group' }).click();
      assert.equal(await panel.locator('.cp-local-group .cp-field-error').textContent(), 'Give the group a name.');
      assert.equal((await state(page)).assessment.groups, undefined);
      await panel.getByLabel('Name of the group').fill('Gypsy, Roma and Traveller families');
      await panel.getByLabel('Who is in it (optional)').fill('Families living on the two local sites or travelling through.');
      await panel.getByRole('button', { name: 'Add the group' }).click();
      s = await state(page);
      assert.deepEqual(s.assessment.groups, [
        { id: 'gypsy_roma_and_traveller_families', title: 'Gypsy, Roma and Traveller families', description: 'Families living on the two local sites or travelling through.' },
      ]);
      assert.equal(await heat.locator('tbody tr').count(), 2 + groups.length);
      assert.equal(await panel.getByLabel('Name of the group').inputValue(), '');
      // The same name again gets an id of its own, never a duplicate.
      await panel.getByLabel('Name of the group').fill('Gypsy, Roma and Traveller families');
      await panel.getByRole('button', { name: 'Add the group' }).click();
      assert.equal((await state(page)).assessment.groups?.[1]?.id, 'gypsy_roma_and_traveller_families_2');

      // The gap's link goes to the standard.
      await gapItems.getByRole('button').first().click();
      assert.equal(await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').getAttribute('aria-selected'), 'true');
      assert.equal(await t11.locator('select[id$="-group-add"] option[value="gypsy_roma_and_traveller_families"]').textContent(), 'Gypsy, Roma and Traveller families (local)');
      await addRow(t11, 'gypsy_roma_and_traveller_families');
      await row(t11, 'gypsy_roma_and_traveller_families').locator('select').selectOption('2');
      s = await state(page);
      assert.equal(s.assessment.ratings['T1.1'].groups?.gypsy_roma_and_traveller_families?.rating, 2);

      // Removing a row removes the group rating (and its evidence).
      await row(t11, 'interpreter').getByRole('button', { name: 'Remove the rating for Women who need an interpreter' }).click();
      s = await state(page);
      assert.deepEqual(Object.keys(s.assessment.ratings['T1.1'].groups ?? {}), ['gypsy_roma_and_traveller_families']);
      assert.equal(s.report.equity_gaps?.[0]?.group, 'gypsy_roma_and_traveller_families');

      // Read-only: nothing offers to change them.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('readonly', ''));
      assert.equal(await row(t11, 'gypsy_roma_and_traveller_families').locator('select').isDisabled(), true);
      assert.equal(await t11.getByRole('button', { name: 'Add', exact: true }).isVisible(), false);
      assert.equal(await row(t11, 'gypsy_roma_and_traveller_families').getByRole('button').isVisible(), false);
      await tab(page, 'equity');
      assert.equal(await panel.locator('.cp-local-group').isVisible(), false);
      await page.evaluate(() => document.querySelector('carepath-assessment')?.removeAttribute('readonly'));
      await tab(page, 'T1');
      assert.deepEqual(await axe(), []);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows an example with local groups and group ratings: Vale of Ashby 2024', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      const text = fs.readFileSync(new URL('../../../standards/examples/vale-of-ashby-2024.json', import.meta.url), 'utf8');
      await page.evaluate(async (t) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        await el.prepare(t);
        el.load(t, { migrate: true });
      }, text);
      const s = await state(page);
      assert.ok((s.report.equity_gaps?.length ?? 0) > 0);
      await tab(page, 'equity');
      const panel = page.locator('carepath-assessment [role="tabpanel"][id$="-panel-equity"]');
      assert.equal(await panel.locator('[part="equity-gaps"] li').count(), s.report.equity_gaps?.length);
      assert.ok((await panel.locator('.cp-local-tag').count()) > 0, 'a local group is marked local');
      await panel.screenshot({ path: path.join(SHOTS, 'equity-example-1280.png') });
      // Each group row of a standard shows what the core holds.
      const [id, entry] = Object.entries(s.assessment.ratings).find(([, e]) => e.groups && Object.keys(e.groups).length) ?? [];
      assert.ok(id && entry?.groups);
      const theme = id.split('.')[0];
      await tab(page, theme);
      for (const [group, g] of Object.entries(entry.groups)) {
        assert.equal(await row(article(page, id), group).locator('select').inputValue(), String(g.rating));
        assert.equal(await row(article(page, id), group).locator('textarea').inputValue(), g.evidence ?? '');
      }
      await article(page, id).screenshot({ path: path.join(SHOTS, 'example-standard-1280.png') });
      assert.deepEqual(JSON.parse(s.exported), s.assessment);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const width of [768, 375, 320]) {
    it(`at ${width} px: the group controls and the Equity tab fit, are 44 px touch targets, and pass axe`, async () => {
      const phone = width < 768;
      const { context, page, problems, axe } = await open(env.browser, { width, height: 800 }, phone ? { hasTouch: true, isMobile: true } : {});
      try {
        await goto(page, `${env.server.url}/`);
        await tab(page, 'T2');
        const std = article(page, 'T2.1');
        await std.locator('[role="radio"][data-value="4"]').click();
        await addRow(std, 'most_deprived');
        await row(std, 'most_deprived').locator('select').selectOption('2');
        await row(std, 'most_deprived').locator('textarea').fill('Uptake in the most deprived fifth is half the average.');
        /** @param {string} selector */
        const measure = (selector) =>
          page.evaluate((sel) => {
            const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
            const width = document.documentElement.clientWidth;
            const small = [...root.querySelectorAll(sel)]
              .filter((t) => !t.closest('[hidden]') && getComputedStyle(t).display !== 'none')
              .map((t) => t.getBoundingClientRect())
              .filter((r) => r.height < 44 || r.width < 44).length;
            return { scroll: document.documentElement.scrollWidth - width, small };
          }, selector);
        assert.deepEqual(await measure('.cp-groups select, .cp-groups button'), { scroll: 0, small: 0 });
        assert.deepEqual(await axe(), []);
        await std.screenshot({ path: path.join(SHOTS, `standard-${width}.png`) });
        await tab(page, 'equity');
        assert.deepEqual(await measure('.cp-equity input, .cp-equity button[type="submit"], .cp-equity .cp-add-action'), { scroll: 0, small: 0 });
        assert.deepEqual(await axe(), []);
        await page.locator('carepath-assessment [role="tabpanel"][id$="-panel-equity"]').screenshot({ path: path.join(SHOTS, `equity-${width}.png`) });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
