// @ts-check
// Evidence levels and dates in the <carepath-assessment> widget, in headless Chromium under the
// strict CSP: a level chosen beside the evidence is saved through the core, a strength that
// rests on self-report shows a lighter light with words beside it, a malformed date is the
// core's error shown beside the field with what was typed kept, a level chosen before the
// rating is a draft folded in when the standard is rated, an assessment with population groups
// (Northbrook 2024) loads and exports exactly, no axe violation, and at phone widths no
// sideways scroll and 44 px touch targets. Screenshots go to artifacts/evidence/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { repoRoot } from '../helpers.mjs';
import { ARTIFACTS, cspViolations, goto, launch, open } from './page.mjs';

const SHOTS = path.join(ARTIFACTS, 'evidence');

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** @param {import('playwright-core').Page} page */
const state = (page) =>
  page.evaluate(() => {
    const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
    return { assessment: el.assessment, report: el.report, exported: el.export() };
  });

/**
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
const article = (page, id) => page.locator(`carepath-assessment article[id$="-s-${id}"]`);

/** @param {import('playwright-core').Page} page */
const tab = (page, /** @type {string} */ name) => page.locator(`carepath-assessment [role="tab"][data-tab="${name}"]`).click();

describe('evidence levels and dates in the widget', () => {
  it('saves a level and a date through the core, marks a self-reported strength, refuses a bad date keeping it, folds a draft level in', async () => {
    const { context, page, problems, axe } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      await tab(page, 'T1');
      const t11 = article(page, 'T1.1');
      await t11.locator('[role="radio"][data-value="5"]').click();
      await t11.locator('select[id$="-evidence-level"]').selectOption('self_reported');
      let s = await state(page);
      assert.equal(s.assessment.ratings['T1.1'].evidence_level, 'self_reported');
      assert.equal(s.assessment.schema_version, '1.2.0');
      assert.deepEqual(s.report.evidence.unsupported_strengths, ['T1.1']);
      assert.equal(await t11.locator('.cp-weak').isVisible(), true);
      assert.equal(await t11.locator('.cp-weak').textContent(), 'evidence: self-report or none');
      await t11.screenshot({ path: path.join(SHOTS, 'standard-1280.png') });
      await t11.locator('select[id$="-evidence-level"]').selectOption('audited');
      assert.equal(await t11.locator('.cp-weak').isVisible(), false);
      // A date that is no date: the core's message beside the field, the typed text kept.
      const date = t11.locator('input[id$="-evidence-date"]');
      await date.fill('31/12/2024');
      await date.press('Tab');
      assert.match((await t11.locator('[id$="-evidence-date-error"]').textContent()) ?? '', /^The evidence date was not saved: .*31\/12\/2024/);
      assert.equal(await date.inputValue(), '31/12/2024');
      assert.equal((await state(page)).assessment.ratings['T1.1'].evidence_date, undefined);
      await date.fill('2024-12-31');
      await date.press('Tab');
      assert.equal(await t11.locator('[id$="-evidence-date-error"]').isVisible(), false);
      assert.equal((await state(page)).assessment.ratings['T1.1'].evidence_date, '2024-12-31');
      // A level before the rating is a draft, folded in when the standard is rated.
      const t12 = article(page, 'T1.2');
      await t12.locator('select[id$="-evidence-level"]').selectOption('documented');
      assert.equal(await t12.locator('.cp-draft-note').isVisible(), true);
      assert.equal((await state(page)).assessment.ratings['T1.2'], undefined);
      await t12.locator('[role="radio"][data-value="3"]').click();
      s = await state(page);
      assert.equal(s.assessment.ratings['T1.2'].evidence_level, 'documented');
      assert.deepEqual(s.report.evidence.by_level, { none: 0, self_reported: 0, documented: 1, audited: 1, external: 0, unstated: 0 });
      // Read-only: nothing offers to change them.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('readonly', ''));
      assert.equal(await t11.locator('select[id$="-evidence-level"]').isDisabled(), true);
      assert.equal(await date.getAttribute('readonly'), '');
      await page.evaluate(() => document.querySelector('carepath-assessment')?.removeAttribute('readonly'));
      assert.deepEqual(await axe(), []);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('loads an assessment with population groups and exports it exactly', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'standards/examples/northbrook-2024.json'), 'utf8');
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await goto(page, `${env.server.url}/`);
      // The demo's widget is of edition 3.1.0; Northbrook 2024 (2.0.0) is carried across first.
      const loaded = await page.evaluate(async (t) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        await el.prepare(t);
        return el.load(t, { migrate: true });
      }, text);
      // Its four local groups are groups of edition 3.1.0: the edition's declarations take over,
      // and the group ratings keep their ids.
      assert.equal(JSON.parse(text).groups.length, 4);
      assert.equal(loaded.groups, undefined);
      const s = await state(page);
      assert.deepEqual(JSON.parse(s.exported), s.assessment);
      assert.ok(s.report.equity_gaps.length >= 5, 'the group ratings were carried across');
      await tab(page, 'T3');
      assert.equal(await article(page, 'T3.5').locator('select[id$="-evidence-level"]').inputValue(), s.assessment.ratings['T3.5'].evidence_level ?? '');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const width of [375, 320]) {
    it(`at ${width} px: the evidence controls fit, are 44 px touch targets, and pass axe`, async () => {
      const { context, page, problems, axe } = await open(env.browser, { width, height: 800 }, { hasTouch: true, isMobile: true });
      try {
        await goto(page, `${env.server.url}/`);
        await tab(page, 'T1');
        const t11 = article(page, 'T1.1');
        await t11.locator('[role="radio"][data-value="4"]').tap();
        await t11.locator('select[id$="-evidence-level"]').selectOption('none');
        const problemsAtWidth = await page.evaluate(() => {
          const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
          const width = document.documentElement.clientWidth;
          const small = [...root.querySelectorAll('.cp-field-meta select, .cp-field-meta input')]
            .filter((t) => !t.closest('[hidden]'))
            .map((t) => t.getBoundingClientRect())
            .filter((r) => r.height < 44 || r.width < 44).length;
          return { scroll: document.documentElement.scrollWidth - width, small };
        });
        assert.deepEqual(problemsAtWidth, { scroll: 0, small: 0 });
        assert.equal(await t11.locator('.cp-weak').isVisible(), true);
        assert.deepEqual(await axe(), []);
        fs.mkdirSync(SHOTS, { recursive: true });
        await t11.screenshot({ path: path.join(SHOTS, `standard-${width}.png`) });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
