// @ts-check
// Targets and the improvement plan in the <carepath-assessment> widget, in headless Chromium under
// the strict CSP: a target set beside a rating with what is still to go, last round's rating shown
// for reference, an action added from a gap and from a standard, edited, its status changed and
// removed, overdue actions on the Plan tab as of today (the date shown), a bad date refused with
// the core's message while the entry stays, everything autosaved across a reload, an exact export
// and import round trip, no axe violation, and at phone widths no sideways scroll and touch
// targets of 44 px. Screenshots go to artifacts/plan/ (or $PLAN_SHOTS when set).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as carepath from '../../pkg/carepath.js';
import { messages } from '../../pkg/carepath-messages.js';
import { loadWasm } from '../helpers.mjs';
import { ARTIFACTS, cspViolations, goto, launch, open, waitReady } from './page.mjs';

loadWasm();

const EDITION = 'perinatal-mental-health@3.1.0';
const KEY = 'northbrook-pmh-2024';
const catalogue = carepath.loadCatalogue(EDITION);
const SHOTS = process.env.PLAN_SHOTS || path.join(ARTIFACTS, 'plan');
// The demo page is in British English (its <html lang>), as the widget's dates are.
const en = messages('en-GB');

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/**
 * The widget's assessment, report and export, as the host sees them.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ assessment: import('../../pkg/carepath.js').Assessment, report: import('../../pkg/carepath.js').Report, exported: string }>}
 */
function state(page) {
  return page.evaluate(() => {
    const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
    return { assessment: el.assessment, report: el.report, exported: el.export() };
  });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
function article(page, id) {
  return page.locator(`carepath-assessment article[id$="-s-${id}"]`);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} tab
 */
function tab(page, tab) {
  return page.locator(`carepath-assessment [role="tab"][data-tab="${tab}"]`).click();
}

/**
 * Fills the open action editor and saves it.
 * @param {import('playwright-core').Page} page
 * @param {Record<string, string>} fields by the end of their input's id
 */
async function fillEditor(page, fields) {
  const dialog = page.locator('carepath-assessment dialog[part="action-editor"]');
  for (const [key, value] of Object.entries(fields)) {
    const input = dialog.locator(`[id$="-ed-${key}"]`);
    if (key === 'status') await input.selectOption(value);
    else await input.fill(value);
  }
  await dialog.getByRole('button', { name: 'Save action' }).click();
}

/**
 * Sideways scroll of the page, and interactive controls smaller than 44 by 44 px, of the new parts.
 * @param {import('playwright-core').Page} page
 */
function phoneProblems(page) {
  return page.evaluate(() => {
    const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
    const width = document.documentElement.clientWidth;
    const controls = root.querySelectorAll(
      '.cp-target select, .cp-target input, .cp-standard-plan button, .cp-gap .cp-add-action, .cp-plan button, .cp-plan select, dialog[open] button, dialog[open] input, dialog[open] select',
    );
    const small = [...controls]
      .filter((t) => !t.closest('[hidden]') && t.getBoundingClientRect().width > 0)
      .map((t) => ({ t: `${t.tagName.toLowerCase()}.${t.className} ${t.textContent?.trim().slice(0, 30)}`, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ t, r }) => `${t} ${Math.round(r.width)}x${Math.round(r.height)}`);
    const sticking = [...root.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest('[hidden]') || el.closest('.cp-table-scroll') || el.closest('.cp-nav')) return false;
        return r.right > width + 0.5 || r.left < -0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 10);
    return { scroll: document.documentElement.scrollWidth - width, sticking, small };
  });
}

describe('targets and the plan in the widget', () => {
  it('sets a target and shows what is to go; adds an action from a gap; changes its status; shows it overdue as of today; autosaves; refuses a bad date keeping the entry', async () => {
    const { context, page, problems, axe } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      await tab(page, 'T1');
      const t11 = article(page, 'T1.1');
      await t11.locator('[role="radio"][data-value="1"]').click();
      // A target on the rated standard: 4, by a date; the report's to_target is shown beside it.
      await t11.locator('select[id$="-target"]').selectOption('4');
      await t11.locator('input[id$="-target-by"]').fill('2026-09-30');
      await t11.locator('input[id$="-target-by"]').press('Tab');
      let s = await state(page);
      assert.deepEqual(s.assessment.ratings['T1.1'], { rating: 1, target: { rating: 4, by: '2026-09-30' } });
      const row = s.report.standards.find((x) => x.id === 'T1.1');
      assert.equal(row?.to_target, 3);
      assert.equal(await t11.locator('.cp-to-target').textContent(), `Target 4: 3 points to go, by ${en.date('2026-09-30')}`);
      // A "by" that is not a date: the core's message, and what was typed stays in the field.
      await t11.locator('input[id$="-target-by"]').fill('30/09/2026');
      await t11.locator('input[id$="-target-by"]').press('Tab');
      assert.match((await t11.locator('[id$="-target-error"]').textContent()) ?? '', /^The target was not saved: .*30\/09\/2026|^The target was not saved: .*date/i);
      assert.equal(await t11.locator('input[id$="-target-by"]').inputValue(), '30/09/2026');
      assert.deepEqual((await state(page)).assessment.ratings['T1.1'].target, { rating: 4, by: '2026-09-30' });
      await t11.locator('input[id$="-target-by"]').fill('2026-09-30');
      await t11.locator('input[id$="-target-by"]').press('Tab');
      assert.equal(await t11.locator('[id$="-target-error"]').isVisible(), false);
      // A target on a standard not rated yet is a draft, folded in when it is rated.
      const t12 = article(page, 'T1.2');
      await t12.locator('select[id$="-target"]').selectOption('3');
      assert.equal(await t12.locator('.cp-draft-note').isVisible(), true);
      assert.equal((await state(page)).assessment.ratings['T1.2'], undefined);
      await t12.locator('[role="radio"][data-value="2"]').click();
      assert.deepEqual((await state(page)).assessment.ratings['T1.2'], { rating: 2, target: { rating: 3 } });
      assert.equal(await t12.locator('.cp-to-target').textContent(), 'Target 3: 1 point to go');

      // The Plan tab lists both gaps as unplanned; add an action from the first.
      await tab(page, 'plan');
      const plan = page.locator('carepath-assessment .cp-plan');
      s = await state(page);
      assert.deepEqual(s.report.plan?.unplanned_gaps, s.report.gaps.map((g) => g.id));
      assert.ok(s.report.plan?.unplanned_gaps.includes('T1.1'));
      await plan.locator('.cp-unplanned', { hasText: 'T1.1' }).getByRole('button', { name: 'Add an action for T1.1' }).click();
      const dialog = page.locator('carepath-assessment dialog[part="action-editor"]');
      assert.equal(await dialog.isVisible(), true);
      assert.equal(await dialog.locator('[id$="-ed-standards"]').inputValue(), 'T1.1');
      // A due date that is not a date: the core says so, the editor stays open with the text.
      await fillEditor(page, { title: 'Agree the pathway with primary care', owner: 'ICB lead', due: '2025-13-01', notes: 'Two sessions' });
      assert.equal(await dialog.isVisible(), true);
      assert.match((await dialog.locator('.cp-field-error').textContent()) ?? '', /^The action was not saved: .*2025-13-01/);
      assert.equal(await dialog.locator('[id$="-ed-title"]').inputValue(), 'Agree the pathway with primary care');
      assert.equal(await dialog.locator('[id$="-ed-due"]').inputValue(), '2025-13-01');
      assert.equal((await state(page)).assessment.plan, undefined);
      // A past due date: saved, planned, overdue as of today.
      await fillEditor(page, { due: '2025-01-31' });
      assert.equal(await dialog.isVisible(), false);
      s = await state(page);
      assert.deepEqual(s.assessment.plan, [
        { id: 'A1', title: 'Agree the pathway with primary care', standards: ['T1.1'], owner: 'ICB lead', due: '2025-01-31', status: 'planned', notes: 'Two sessions' },
      ]);
      const today = carepath.today();
      assert.equal(s.report.plan?.as_of, today);
      assert.deepEqual(s.report.plan?.overdue, ['A1']);
      assert.ok(!s.report.plan?.unplanned_gaps.includes('T1.1'));
      const a1 = plan.locator('.cp-plan-group[data-status="planned"] li[data-action="A1"]');
      assert.equal(await a1.locator('.cp-overdue').textContent(), `Overdue as of ${en.date(today)}`);
      assert.equal(await plan.locator('.cp-plan-as-of').textContent(), `Overdue actions judged as of today, ${en.date(today)}.`);
      assert.equal(await plan.locator('.cp-plan-group[data-status="planned"] h4').textContent(), 'Planned (1)');

      // Its status changes in place: in progress is still overdue; done is not.
      await a1.locator('select').selectOption('in_progress');
      const a1b = plan.locator('.cp-plan-group[data-status="in_progress"] li[data-action="A1"]');
      assert.equal(await a1b.locator('.cp-overdue').isVisible(), true);
      assert.equal((await state(page)).assessment.plan?.[0].status, 'in_progress');
      assert.deepEqual(await axe(), []);

      // An action from a standard, edited, then removed.
      await tab(page, 'T1');
      await t12.getByRole('button', { name: 'Add an action for this standard' }).click();
      assert.equal(await dialog.locator('[id$="-ed-standards"]').inputValue(), 'T1.2');
      await fillEditor(page, { title: 'Train health visitors', standards: 'T1.2, T1.1' });
      assert.deepEqual((await state(page)).assessment.plan?.[1], { id: 'A2', title: 'Train health visitors', standards: ['T1.2', 'T1.1'], status: 'planned' });
      assert.equal(await t12.locator('.cp-standard-actions li[data-action="A2"] .cp-action-title').textContent(), 'Train health visitors');
      await t12.getByRole('button', { name: 'Edit A2' }).click();
      assert.equal(await dialog.locator('[id$="-ed-title"]').inputValue(), 'Train health visitors');
      await fillEditor(page, { title: 'Train every health visitor', owner: 'HV lead', status: 'done' });
      assert.deepEqual((await state(page)).assessment.plan?.[1], { id: 'A2', title: 'Train every health visitor', standards: ['T1.2', 'T1.1'], owner: 'HV lead', status: 'done' });
      // A standard the catalogue lacks is refused with the core's message; the editor keeps it.
      await t12.getByRole('button', { name: 'Edit A2' }).click();
      await fillEditor(page, { standards: 'T1.2, T99.9' });
      assert.match((await dialog.locator('.cp-field-error').textContent()) ?? '', /T99\.9/);
      assert.equal(await dialog.locator('[id$="-ed-standards"]').inputValue(), 'T1.2, T99.9');
      await dialog.getByRole('button', { name: 'Remove action' }).click();
      assert.equal(await dialog.isVisible(), false);
      assert.deepEqual((await state(page)).assessment.plan?.map((x) => x.id), ['A1']);
      await shoot(page, 'standard-target-1280.png', article(page, 'T1.1'));
      await tab(page, 'plan');
      await shoot(page, 'plan-1280.png');

      // Everything is in the autosave: a reload restores the targets, the plan and the tab.
      const before = await state(page);
      await page.reload();
      await waitReady(page);
      const after = await state(page);
      assert.deepEqual(after.assessment, before.assessment);
      assert.equal(after.exported, before.exported);
      assert.equal(await page.locator('carepath-assessment [role="tab"][data-tab="plan"]').getAttribute('aria-selected'), 'true');
      assert.equal(await plan.locator('li[data-action="A1"] .cp-overdue').isVisible(), true);
      await tab(page, 'T1');
      assert.equal(await t11.locator('select[id$="-target"]').inputValue(), '4');
      assert.equal(await t11.locator('input[id$="-target-by"]').inputValue(), '2026-09-30');
      const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), KEY);
      assert.deepEqual(saved.assessment.plan, before.assessment.plan);
      // Read-only: the plan is shown, nothing offers to change it.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('readonly', ''));
      assert.equal(await t11.locator('select[id$="-target"]').isDisabled(), true);
      assert.equal(await page.locator('carepath-assessment button:visible', { hasText: /^(Add an action|Edit )/ }).count(), 0);
      assert.equal(await t11.locator('li[data-action="A1"] .cp-action-title').textContent(), 'Agree the pathway with primary care');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows last round’s rating and target beside each standard, and the export and import carry plan, targets and previous exactly', async () => {
    // Last round: rated, with targets and a plan; this round starts from it.
    let a = catalogue.newAssessment('Northbrook', '2025-11-12');
    a = catalogue.rate(a, 'T1.1', 2);
    a = catalogue.setTarget(a, 'T1.1', 3, { by: '2026-06-30' });
    a = catalogue.rate(a, 'T1.2', 'not_applicable');
    a = catalogue.addAction(a, { title: 'Write the equity plan', standards: ['T1.1'], owner: 'ICB', due: '2026-03-31' });
    let next = catalogue.nextRound(a, '2026-11-10');
    next = catalogue.rate(next, 'T1.3', 4);
    next = carepath.setEvidence(next, 'T1.3', 'Audit, “quoted”, 👶');
    next = catalogue.addAction(next, { title: 'Dropped idea', standards: ['T1.3'], status: 'dropped', notes: 'line one\nline two' });
    assert.ok(next.previous);
    const text = JSON.stringify(next, null, 2);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-plan-'));
    const first = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(first.page, `${env.server.url}/`);
      await first.page.evaluate((t) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(t), text);
      await tab(first.page, 'T1');
      assert.equal(await article(first.page, 'T1.1').locator('.cp-previous').textContent(), 'Last time: 2 (target 3)');
      assert.equal(await article(first.page, 'T1.2').locator('.cp-previous').textContent(), 'Last time: N/A');
      assert.equal(await article(first.page, 'T1.3').locator('.cp-previous').isVisible(), false);
      // Rating T1.1 again takes its target back from last round (the core's rule).
      await article(first.page, 'T1.1').locator('[role="radio"][data-value="3"]').click();
      assert.equal(await article(first.page, 'T1.1').locator('.cp-to-target').textContent(), `Target 3: met, by ${en.date('2026-06-30')}`);
      const exported = await state(first.page);
      assert.deepEqual(exported.assessment.previous, next.previous);
      assert.equal(exported.assessment.ratings['T1.1'].target?.rating, 3);

      const [download] = await Promise.all([
        first.page.waitForEvent('download'),
        first.page.locator('carepath-assessment .cp-toolbar button', { hasText: 'Export assessment' }).click(),
      ]);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      const fileText = fs.readFileSync(file, 'utf8');
      assert.equal(fileText, exported.exported);
      assert.deepEqual(JSON.parse(fileText), exported.assessment);

      const second = await open(env.browser, { width: 1280, height: 900 });
      try {
        await goto(second.page, `${env.server.url}/`);
        await second.page.locator('carepath-assessment input[type="file"]').setInputFiles(file);
        await second.page.waitForFunction(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment.plan?.length === 2);
        const imported = await state(second.page);
        assert.deepEqual(imported.assessment, exported.assessment);
        assert.equal(imported.exported, fileText);
        await tab(second.page, 'T1');
        assert.equal(await article(second.page, 'T1.1').locator('.cp-previous').textContent(), 'Last time: 2 (target 3)');
        assert.deepEqual(await cspViolations(second.page), []);
        assert.deepEqual(second.problems, []);
      } finally {
        await second.context.close();
      }
      assert.deepEqual(first.problems, []);
    } finally {
      await first.context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('starts the next round from the Plan tab: this round is downloaded and kept aside first, a bad date is refused in the dialog, the open actions carry over and last time shows', async () => {
    let a = catalogue.newAssessment('Northbrook', '2025-11-12');
    a = catalogue.rate(a, 'T1.1', 2);
    a = catalogue.setTarget(a, 'T1.1', 4, { by: '2026-09-30' });
    a = catalogue.rate(a, 'T1.2', 5);
    a = catalogue.addAction(a, { title: 'Agree the pathway with primary care', standards: ['T1.1'], status: 'in_progress' });
    a = catalogue.addAction(a, { title: 'Train health visitors', standards: ['T1.2'], status: 'done' });
    a = catalogue.addAction(a, { title: 'Map the voluntary sector', standards: ['T1.1'] });
    const text = JSON.stringify(a, null, 2);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-round-'));
    const { context, page, problems, axe } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      await page.evaluate((t) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(t), text);
      const closed = await state(page);
      await tab(page, 'plan');
      await page.locator('carepath-assessment .cp-plan').getByRole('button', { name: 'Start the next round' }).click();
      const dialog = page.locator('carepath-assessment dialog[part="next-round"]');
      assert.equal(await dialog.isVisible(), true);
      assert.match((await dialog.locator('.cp-card-hint').textContent()) ?? '', /2 open actions are carried over/);
      assert.match((await dialog.locator('.cp-card-hint').textContent()) ?? '', /northbrook-2025-11-12\.json/);
      assert.deepEqual(await axe(), []);
      await page.screenshot({ path: path.join(SHOTS, 'next-round-1280.png') });
      // A date before this round's: the core's message in the dialog, the date kept, nothing changed or downloaded.
      const date = dialog.locator('input[id$="-next-date"]');
      await date.fill('2020-01-01');
      let downloads = 0;
      page.on('download', () => downloads++);
      await dialog.getByRole('button', { name: 'Download this round and start the next' }).click();
      assert.equal(await dialog.isVisible(), true);
      assert.match((await dialog.locator('.cp-field-error').textContent()) ?? '', /^The next round was not started: .*2020-01-01/);
      assert.equal(await date.inputValue(), '2020-01-01');
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      assert.equal(downloads, 0);
      assert.deepEqual((await state(page)).assessment, closed.assessment);
      // A good date: this round's file comes down first, exactly the export, then the new round starts.
      await date.fill('2026-11-10');
      const events = page.evaluate(
        () =>
          new Promise((resolve) =>
            document.querySelector('carepath-assessment')?.addEventListener('carepath-next-round', (e) => resolve(/** @type {CustomEvent} */ (e).detail), { once: true }),
          ),
      );
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download this round and start the next' }).click()]);
      assert.equal(download.suggestedFilename(), 'northbrook-2025-11-12.json');
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      assert.equal(fs.readFileSync(file, 'utf8'), closed.exported);
      const detail = /** @type {any} */ (await events);
      assert.deepEqual(detail.previous, closed.assessment);
      const now = await state(page);
      assert.deepEqual(now.assessment, catalogue.nextRound(closed.assessment, '2026-11-10'));
      assert.deepEqual(detail.assessment, now.assessment);
      assert.equal(now.assessment.assessed_on, '2026-11-10');
      assert.deepEqual(now.assessment.ratings, {});
      assert.deepEqual(now.assessment.plan?.map((x) => x.id), ['A1', 'A3']);
      assert.equal(await dialog.isVisible(), false);
      assert.match((await page.locator('carepath-assessment .cp-status').textContent()) ?? '', /Started the round of .*2 open actions carried over\. The last round is kept in this browser as northbrook-pmh-2024:round:/);
      // The closed round is kept aside in storage, whole; the autosave is the new round.
      const stored = await page.evaluate((k) => {
        const aside = Object.keys(localStorage).filter((x) => x.startsWith(`${k}:round:`));
        return { aside: aside.map((x) => JSON.parse(localStorage.getItem(x) ?? 'null').assessment), current: JSON.parse(localStorage.getItem(k) ?? 'null').assessment };
      }, KEY);
      assert.deepEqual(stored.aside, [closed.assessment]);
      assert.deepEqual(stored.current, now.assessment);
      assert.equal(detail.keptAs.startsWith(`${KEY}:round:`), true);
      await tab(page, 'T1');
      assert.equal(await article(page, 'T1.1').locator('.cp-previous').textContent(), 'Last time: 2 (target 4)');
      assert.equal(await article(page, 'T1.2').locator('.cp-previous').textContent(), 'Last time: 5');
      // Read-only: no button offers a new round.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('readonly', ''));
      await tab(page, 'plan');
      assert.equal(await page.locator('carepath-assessment button:visible', { hasText: 'Start the next round' }).count(), 0);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  for (const width of [375, 320]) {
    it(`at ${width} px: no sideways scroll, the plan's controls are 44 px touch targets, no axe violation`, async () => {
      const { context, page, problems, axe } = await open(env.browser, { width, height: 800 }, { hasTouch: true, isMobile: true });
      try {
        await goto(page, `${env.server.url}/`);
        let a = catalogue.newAssessment('Northbrook', '2025-11-12');
        a = catalogue.rate(a, 'T1.1', 1);
        a = catalogue.setTarget(a, 'T1.1', 4, { by: '2026-09-30' });
        a = catalogue.rate(a, 'T1.2', 2);
        a = catalogue.addAction(a, { title: 'Agree the pathway with primary care and the talking therapies services', standards: ['T1.1'], owner: 'Integrated care board perinatal mental health lead', due: '2025-01-31' });
        a = catalogue.addAction(a, { title: 'Train health visitors', standards: ['T1.2'], status: 'done' });
        const prev = catalogue.nextRound(a, '2026-11-10');
        const withPrev = { ...a, schema_version: prev.schema_version, previous: prev.previous };
        await page.evaluate((t) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(t), JSON.stringify(withPrev));
        await tab(page, 'T1');
        assert.deepEqual(await phoneProblems(page), { scroll: 0, sticking: [], small: [] });
        await shoot(page, `standard-target-${width}.png`, article(page, 'T1.1'));
        await tab(page, 'plan');
        assert.deepEqual(await phoneProblems(page), { scroll: 0, sticking: [], small: [] });
        assert.deepEqual(await axe(), []);
        await shoot(page, `plan-${width}.png`);
        await page.locator('carepath-assessment .cp-plan li[data-action="A1"]').getByRole('button', { name: 'Edit A1' }).tap();
        assert.deepEqual(await phoneProblems(page), { scroll: 0, sticking: [], small: [] });
        assert.deepEqual(await axe(), []);
        await page.screenshot({ path: path.join(SHOTS, `editor-${width}.png`) });
        await page.keyboard.press('Escape');
        await page.locator('carepath-assessment .cp-plan').getByRole('button', { name: 'Start the next round' }).tap();
        assert.equal(await page.locator('carepath-assessment dialog[part="next-round"]').isVisible(), true);
        assert.deepEqual(await phoneProblems(page), { scroll: 0, sticking: [], small: [] });
        assert.deepEqual(await axe(), []);
        await page.screenshot({ path: path.join(SHOTS, `next-round-${width}.png`) });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * A screenshot of the widget, or of one part of it, under SHOTS.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {import('playwright-core').Locator} [part]
 */
async function shoot(page, name, part) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await (part ?? page.locator('carepath-assessment')).screenshot({ path: path.join(SHOTS, name) });
}
