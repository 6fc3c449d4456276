// @ts-check
// The <carepath-assessment> widget in real headless Chromium (Debian's, driven by playwright-core),
// served from 127.0.0.1 under the strict CSP a host page would use:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
// Most tests use the demo page (www/index.html), which embeds the current edition (3.1.0, 2026, with population groups)
// as a web team would. Mouse and keyboard rating, live lights and averages, autosave and restore,
// export and import, carrying an assessment of the 2016 edition across into the 2024 widget (and a
// page that embedded the 2016 edition moving to the 2024 one), hostile catalogue and user text,
// CSP cleanliness, and screenshots in artifacts/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import * as carepath from '../../pkg/carepath.js';
import { CSP, startServer } from '../../scripts/serve.mjs';
import { loadWasm, repoRoot } from '../helpers.mjs';

loadWasm();

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.join(repoRoot, 'artifacts');
// What the demo page embeds, and the localStorage key it saves under.
const DEMO_EDITION = 'perinatal-mental-health@3.1.0';
const DEMO_KEY = 'northbrook-pmh-2024';
const demoData = carepath.loadCatalogue(DEMO_EDITION).data;
const DEMO_STANDARDS = demoData.themes.reduce((n, t) => n + t.standards.length, 0);

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh browser context (own localStorage) and page that records console messages, page
 * errors, dialogs and CSP violations.
 * @param {{ viewport?: { width: number, height: number } }} [options]
 */
async function open(options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => {
    /** @type {any} */ (window).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      /** @type {any} */ (window).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const dialogs = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return { context, page, problems, dialogs };
}

/**
 * Goes to a page and waits for the widget to be ready.
 * @param {import('playwright-core').Page} page
 * @param {string} [at]
 */
async function goto(page, at = '/') {
  const response = await page.goto(server.url + at);
  assert.ok(response && response.ok(), `GET ${at}`);
  await waitReady(page);
  return response;
}

/** @param {import('playwright-core').Page} page */
async function waitReady(page) {
  await page.evaluate(async () => {
    await customElements.whenDefined('carepath-assessment');
    const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
    await el.ready;
    // Every theme's standards, drawn just after ready: the tests read all of them.
    await el.drawn;
  });
  // The stylesheet is loaded before the widget shows itself.
  await page.locator('carepath-assessment .cp').waitFor({ state: 'visible' });
}

/**
 * The widget's assessment and report, as the host sees them.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ assessment: import('../../pkg/carepath.js').Assessment, report: import('../../pkg/carepath.js').Report }>}
 */
function state(page) {
  return page.evaluate(() => {
    const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
    return { assessment: el.assessment, report: el.report };
  });
}

/**
 * The radio of a level in a standard's rating group.
 * @param {import('playwright-core').Page} page
 * @param {string} standard
 * @param {string} value
 */
function radio(page, standard, value) {
  return page.locator(`carepath-assessment article[id$="-s-${standard}"] [role="radio"][data-value="${value}"]`);
}

/**
 * The word beside a standard's light.
 * @param {import('playwright-core').Page} page
 * @param {string} standard
 */
function lightWord(page, standard) {
  return page.locator(`carepath-assessment article[id$="-s-${standard}"] .cp-standard-top .cp-light-word`).textContent();
}

/**
 * The score shown in a theme's tab.
 * @param {import('playwright-core').Page} page
 * @param {string} theme
 */
function tabScore(page, theme) {
  return page.locator(`carepath-assessment [role="tab"][data-tab="${theme}"] .cp-tab-score`).textContent();
}

/**
 * What has focus, looking through shadow roots.
 * @param {import('playwright-core').Page} page
 */
function focused(page) {
  return page.evaluate(() => {
    /** @type {Element | null} */
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      value: /** @type {HTMLElement} */ (el).dataset?.value ?? null,
      tab: /** @type {HTMLElement} */ (el).dataset?.tab ?? null,
      standard: el.closest('article')?.id.replace(/^.*-s-/, '') ?? null,
      id: el.id,
      text: (el.textContent ?? '').trim().slice(0, 40),
    };
  });
}

/**
 * Presses Tab until `match` says the focused element is the one wanted.
 * @param {import('playwright-core').Page} page
 * @param {(f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean} match
 * @param {string} what
 */
async function tabTo(page, match, what) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && match(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** @param {import('playwright-core').Page} page */
async function cspViolations(page) {
  return page.evaluate(() => /** @type {any} */ (window).__csp);
}

describe('the widget in headless Chromium', () => {
  it('is served with the strict CSP and works under it: no violations, no console errors', async () => {
    const { context, page, problems } = await open();
    try {
      const response = await goto(page, '/');
      assert.equal(response?.headers()['content-security-policy'], CSP);
      // The demo embeds the 2026 edition: 77 standards in 7 themes.
      const shown = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).catalogueData.version);
      assert.equal(shown, '3.1.0');
      assert.equal(DEMO_STANDARDS, 77);
      assert.equal(await page.locator('carepath-assessment [role="radiogroup"]').count(), DEMO_STANDARDS);
      // The overview, a tab per theme, equity, and the plan.
      assert.equal(await page.locator('carepath-assessment [role="tab"]').count(), demoData.themes.length + 3);
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await radio(page, 'T1.1', '4').click();
      assert.equal(await lightWord(page, 'T1.1'), 'Green');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
      // No inline style attribute anywhere in the widget.
      const styled = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
        return root.querySelectorAll('[style]').length;
      });
      assert.equal(styled, 0);
    } finally {
      await context.close();
    }
  });

  it('the demo page preloads the files of the widget, and each is fetched once and used', async () => {
    const { context, page, problems } = await open();
    /** @type {string[]} */
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    try {
      await goto(page, '/');
      const preloaded = await page.evaluate(() =>
        [...document.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]')].map((l) => new URL(/** @type {HTMLLinkElement} */ (l).href).pathname),
      );
      assert.ok(preloaded.includes('/pkg/lite/carepath_wasm_bg.wasm') && preloaded.includes('/pkg/catalogues/perinatal-mental-health/3.1.0.json'), preloaded.join(' '));
      for (const file of preloaded) assert.equal(requests.filter((r) => r === file).length, 1, `${file} fetched once: ${requests.join(' ')}`);
      // Chromium warns about a preload not used within a few seconds.
      await page.waitForTimeout(3500);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('is ready with the tab shown drawn; draws a theme at once when it is shown, and every theme soon after', async () => {
    const { context, page, problems } = await open();
    try {
      await page.addInitScript(() => {
        document.addEventListener('carepath-ready', (e) => {
          const el = /** @type {any} */ (e.target);
          const count = () => el.shadowRoot.querySelectorAll('[role="radiogroup"]').length;
          const atReady = count();
          const theme = el.catalogueData.themes[4];
          el.showTheme(theme.id);
          /** @type {any} */ (window).__counts = { atReady, afterShow: count(), theme: theme.standards.length };
        });
      });
      await goto(page, '/');
      const counts = await page.evaluate(() => /** @type {any} */ (window).__counts);
      assert.equal(counts.atReady, 0, 'the overview needs no standard drawn');
      assert.equal(counts.afterShow, counts.theme, 'showing a theme draws its standards at once');
      assert.equal(await page.locator('carepath-assessment [role="radiogroup"]').count(), DEMO_STANDARDS, 'then every theme');
      // Those drawn after ready are up to date: rate one in the last theme and see it scored.
      const last = demoData.themes[demoData.themes.length - 1];
      await page.locator(`carepath-assessment [role="tab"][data-tab="${last.id}"]`).click();
      const id = last.standards[0].id;
      await radio(page, id, '4').click();
      assert.equal(await page.evaluate((sid) => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment.ratings[sid].rating, id), 4);
      assert.equal(await lightWord(page, id), 'Green', 'its light drawn from the new report');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('draws every bundled catalogue edition, and the default one without a catalogue attribute', async () => {
    const { context, page, problems } = await open();
    try {
      await page.goto(`${server.url}/fixtures/blank.html`);
      const drawn = await page.evaluate(async () => {
        const carepath = await import(/** @type {string} */ ('/pkg/carepath.js'));
        await import(/** @type {string} */ ('/pkg/carepath-widget.js'));
        await carepath.init();
        const specs = [...carepath.bundledCatalogues().map((/** @type {{ id: string, version: string }} */ r) => `${r.id}@${r.version}`), null];
        const out = [];
        for (const spec of specs) {
          const el = /** @type {any} */ (document.createElement('carepath-assessment'));
          if (spec) el.setAttribute('catalogue', spec);
          el.setAttribute('storage-key', '');
          document.body.append(el);
          await el.ready;
          await el.drawn;
          const data = el.catalogueData;
          const standards = data.themes.reduce((/** @type {number} */ n, /** @type {any} */ t) => n + t.standards.length, 0);
          out.push({
            spec,
            version: data.version,
            standards,
            groups: el.shadowRoot.querySelectorAll('[role="radiogroup"]').length,
            tabs: el.shadowRoot.querySelectorAll('[role="tab"]').length,
            themes: data.themes.length,
            reportStandards: el.report.standards.length,
          });
          el.remove();
        }
        return { out, latest: carepath.loadCatalogue().reference.version };
      });
      assert.ok(drawn.out.length >= 2);
      for (const d of drawn.out) {
        assert.equal(d.groups, d.standards, JSON.stringify(d));
        assert.equal(d.tabs, d.themes + 3, JSON.stringify(d)); // the overview, the themes, equity, the plan
        assert.equal(d.reportStandards, d.standards, JSON.stringify(d));
      }
      assert.equal(drawn.out.at(-1)?.version, drawn.latest, 'no attribute: the default catalogue, latest edition');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('detects CSP violations (positive control: an inline script is blocked and seen)', async () => {
    const { context, page, problems } = await open();
    try {
      await page.goto(`${server.url}/fixtures/csp-probe.html`);
      await page.waitForFunction(() => /** @type {any} */ (window).__csp.length >= 2);
      assert.equal(await page.evaluate(() => /** @type {any} */ (window).__inlineRan), undefined);
      const violations = await cspViolations(page);
      assert.ok(violations.some((/** @type {string} */ v) => v.startsWith('script-src')), violations.join('; '));
      assert.ok(problems.some((p) => p.includes('Content Security Policy')), problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  it('rates with the mouse: lights, theme averages, overall and gaps change', async () => {
    const { context, page, problems } = await open();
    try {
      await goto(page, '/');
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      assert.equal(await lightWord(page, 'T1.1'), 'Not rated');
      assert.equal(await tabScore(page, 'T1'), '–');

      await radio(page, 'T1.1', '4').click();
      assert.equal(await radio(page, 'T1.1', '4').getAttribute('aria-checked'), 'true');
      assert.equal(await lightWord(page, 'T1.1'), 'Green');
      assert.equal(await tabScore(page, 'T1'), '4.0');

      await radio(page, 'T1.2', '1').click();
      assert.equal(await lightWord(page, 'T1.2'), 'Red');
      assert.equal(await tabScore(page, 'T1'), '2.5');
      assert.equal(await page.locator('carepath-assessment [role="tab"][data-tab="T1"] .cp-light-word').textContent(), 'Amber');
      assert.equal(await page.locator('carepath-assessment .cp-overall-score').textContent(), '2.5');

      await radio(page, 'T1.3', 'not_applicable').click();
      assert.equal(await lightWord(page, 'T1.3'), 'Not applicable');
      await radio(page, 'T1.4', 'unknown').click();
      assert.equal(await lightWord(page, 'T1.4'), 'Don’t know');
      assert.equal(await tabScore(page, 'T1'), '2.5');

      // Changing a rating: T1.2 from 1 to 3.
      await radio(page, 'T1.2', '3').click();
      assert.equal(await radio(page, 'T1.2', '1').getAttribute('aria-checked'), 'false');
      assert.equal(await lightWord(page, 'T1.2'), 'Amber');
      assert.equal(await tabScore(page, 'T1'), '3.5');

      const { assessment, report } = await state(page);
      assert.deepEqual(assessment.ratings, { 'T1.1': { rating: 4 }, 'T1.2': { rating: 3 }, 'T1.3': { rating: 'not_applicable' }, 'T1.4': { rating: 'unknown' } });
      assert.equal(report.themes[0].score, 3.5);
      assert.deepEqual(report.unknowns, ['T1.4']);

      await page.locator('carepath-assessment [role="tab"][data-tab="overview"]').click();
      const gaps = await page.locator('carepath-assessment .cp-gap .cp-table-id').allTextContents();
      assert.deepEqual(gaps, ['T1.2']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('is fully usable with the keyboard alone (WAI-ARIA tabs and radio groups)', async () => {
    const { context, page, problems } = await open();
    try {
      await goto(page, '/');
      // Tab into the theme list; arrow down to T1 (automatic activation).
      await tabTo(page, (f) => f.role === 'tab', 'the theme tabs');
      assert.equal((await focused(page))?.tab, 'overview');
      await page.keyboard.press('ArrowDown');
      assert.equal((await focused(page))?.tab, 'T1');
      assert.equal(await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').getAttribute('aria-selected'), 'true');

      // Into T1.1's radio group: only one radio is in the tab order (roving tabindex).
      const first = await tabTo(page, (f) => f.role === 'radio', 'the first radio group');
      assert.equal(first.standard, 'T1.1');
      assert.equal(first.value, '0');
      assert.equal(await page.locator('carepath-assessment article[id$="-s-T1.1"] [role="radio"][tabindex="0"]').count(), 1);
      await page.keyboard.press('Space');
      assert.equal(await radio(page, 'T1.1', '0').getAttribute('aria-checked'), 'true');
      assert.equal(await lightWord(page, 'T1.1'), 'Red');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      assert.equal((await focused(page))?.value, '4');
      assert.equal(await radio(page, 'T1.1', '4').getAttribute('aria-checked'), 'true');
      assert.equal(await radio(page, 'T1.1', '0').getAttribute('aria-checked'), 'false');
      assert.equal(await radio(page, 'T1.1', '4').getAttribute('tabindex'), '0');
      assert.equal(await lightWord(page, 'T1.1'), 'Green');
      assert.equal(await tabScore(page, 'T1'), '4.0');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await lightWord(page, 'T1.1'), 'Amber');
      assert.equal(await tabScore(page, 'T1'), '3.0');
      // Wraps around: left from 0 goes to "don't know".
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
      assert.equal((await focused(page))?.value, 'unknown');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal((await focused(page))?.value, '1');

      // Leaving the group and coming back lands on the checked radio.
      const evidence = await tabTo(page, (f) => f.tag === 'textarea', 'the evidence field');
      assert.match(evidence.id, /T1\.1-evidence$/);
      await page.keyboard.type('Minutes of the March meeting');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.deepEqual([(await focused(page))?.role, (await focused(page))?.value], ['radio', '1']);

      // On to the next standard and rate it 2 from the keyboard.
      await tabTo(page, (f) => f.role === 'radio' && f.standard === 'T1.2', 'T1.2');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const { assessment, report } = await state(page);
      assert.deepEqual(assessment.ratings['T1.1'], { rating: 1, evidence: 'Minutes of the March meeting' });
      assert.deepEqual(assessment.ratings['T1.2'], { rating: 2 });
      assert.equal(report.themes[0].score, 1.5);
      assert.equal(await tabScore(page, 'T1'), '1.5');
      // Labels are announced: the group is named by its standard, each radio by its level.
      const group = page.getByRole('radiogroup', { name: /^T1\.2 / });
      assert.equal(await group.count(), 1);
      assert.equal(await group.getByRole('radio', { name: '2: Partly in place' }).getAttribute('aria-checked'), 'true');
      assert.equal(await group.getByRole('radio', { name: 'Not applicable' }).count(), 1);
      assert.equal(await group.getByRole('radio', { name: 'Don’t know' }).count(), 1);
      assert.equal(await page.getByRole('tab', { name: /^T1 Strategy/ }).getAttribute('aria-selected'), 'true');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('autosaves after every edit and restores everything on reload, drafts included', async () => {
    const { context, page, problems } = await open();
    try {
      await goto(page, '/');
      await page.locator('carepath-assessment [role="tab"][data-tab="T2"]').click();
      await radio(page, 'T2.1', '5').click();
      await page.locator('carepath-assessment textarea[id$="T2.1-evidence"]').fill('Audit 2024: 92% asked');
      await page.locator('carepath-assessment textarea[id$="T2.1-actions"]').fill('Keep auditing yearly');
      await page.locator('carepath-assessment select[id$="T2.1-confidence"]').selectOption('high');
      // Text for a standard with no rating yet is a draft, kept and shown.
      await page.locator('carepath-assessment textarea[id$="T2.2-evidence"]').fill('Draft: ask the health visitors');
      assert.equal(await page.locator('carepath-assessment article[id$="-s-T2.2"] .cp-draft-note').isVisible(), true);
      const before = await state(page);
      assert.deepEqual(before.assessment.ratings, { 'T2.1': { rating: 5, evidence: 'Audit 2024: 92% asked', confidence: 'high', actions: 'Keep auditing yearly' } });

      await page.reload();
      await waitReady(page);
      const after = await state(page);
      assert.deepEqual(after.assessment, before.assessment);
      assert.deepEqual(after.report, before.report);
      // The same theme is open again, the fields hold their text, the draft is still there.
      assert.equal(await page.locator('carepath-assessment [role="tab"][data-tab="T2"]').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('carepath-assessment textarea[id$="T2.1-evidence"]').inputValue(), 'Audit 2024: 92% asked');
      assert.equal(await page.locator('carepath-assessment textarea[id$="T2.2-evidence"]').inputValue(), 'Draft: ask the health visitors');
      assert.equal(await page.locator('carepath-assessment article[id$="-s-T2.2"] .cp-draft-note').isVisible(), true);
      assert.equal(await radio(page, 'T2.1', '5').getAttribute('aria-checked'), 'true');
      assert.equal(await lightWord(page, 'T2.1'), 'Green');

      // Rating the drafted standard carries the draft into the assessment.
      await radio(page, 'T2.2', '2').click();
      assert.deepEqual((await state(page)).assessment.ratings['T2.2'], { rating: 2, evidence: 'Draft: ask the health visitors' });
      assert.equal(await page.locator('carepath-assessment article[id$="-s-T2.2"] .cp-draft-note').isVisible(), false);
      // Clearing a rating keeps its text (as a draft), so nothing typed is lost.
      await page.locator('carepath-assessment article[id$="-s-T2.2"] .cp-clear').click();
      assert.equal((await state(page)).assessment.ratings['T2.2'], undefined);
      assert.equal(await page.locator('carepath-assessment textarea[id$="T2.2-evidence"]').inputValue(), 'Draft: ask the health visitors');
      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('carepath-assessment textarea[id$="T2.2-evidence"]').inputValue(), 'Draft: ask the health visitors');
      const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), DEMO_KEY);
      assert.equal(saved.format, 'carepath-widget-autosave');
      assert.deepEqual(saved.drafts['T2.2'], { evidence: 'Draft: ask the health visitors' });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('an unreadable autosave is kept aside, never overwritten, and reported', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${server.url}/fixtures/blank.html`);
      await page.evaluate((key) => localStorage.setItem(key, '{"format":"carepath-widget-autosave","assessment":{"schema_version":"1.0.0","ratingz":{}}}'), DEMO_KEY);
      await page.evaluate(() => {
        /** @type {any} */ (window).__errors = [];
      });
      await page.goto(`${server.url}/`);
      await page.evaluate(() => {
        /** @type {any} */ (window).__errors = [];
        document.addEventListener('carepath-error', (e) => /** @type {any} */ (window).__errors.push(/** @type {CustomEvent} */ (e).detail));
      });
      await waitReady(page);
      const keys = await page.evaluate(() => Object.keys(localStorage));
      const aside = keys.find((k) => k.startsWith(`${DEMO_KEY}:unreadable:`));
      assert.ok(aside, keys.join(', '));
      assert.match(await page.evaluate((k) => localStorage.getItem(k) ?? '', aside), /ratingz/);
      assert.match((await page.locator('carepath-assessment .cp-status').textContent()) ?? '', /kept aside/);
    } finally {
      await context.close();
    }
  });

  it('export then import gives the same assessment; the report exports as CSV', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-e2e-'));
    const first = await open();
    /** @type {import('../../pkg/carepath.js').Assessment} */
    let exported;
    try {
      await goto(first.page, '/');
      await first.page.locator('carepath-assessment [role="tab"][data-tab="T5"]').click();
      await radio(first.page, 'T5.1', '3').click();
      await radio(first.page, 'T5.2', '0').click();
      await radio(first.page, 'T5.3', 'unknown').click();
      await first.page.locator('carepath-assessment textarea[id$="T5.2-evidence"]').fill('No service yet — "quotes", commas, 👶\nsecond line');
      const [download] = await Promise.all([
        first.page.waitForEvent('download'),
        first.page.locator('carepath-assessment .cp-toolbar button', { hasText: 'Export assessment' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^northbrook-\d{4}-\d{2}-\d{2}\.json$/);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      const text = fs.readFileSync(file, 'utf8');
      exported = (await state(first.page)).assessment;
      assert.deepEqual(JSON.parse(text), exported);
      assert.equal(text, await first.page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).export()));

      const [csv] = await Promise.all([
        first.page.waitForEvent('download'),
        first.page.locator('carepath-assessment .cp-toolbar button', { hasText: 'Export report (CSV)' }).click(),
      ]);
      const csvFile = path.join(tmp, csv.suggestedFilename());
      await csv.saveAs(csvFile);
      const csvText = fs.readFileSync(csvFile, 'utf8');
      assert.ok(csvText.startsWith('\ufeffkind,id,title,'), csvText.slice(0, 40));
      assert.match(csvText, /\r\ngap,T5\.2,/);

      // A different browser (empty storage) imports the file.
      const second = await open();
      try {
        await goto(second.page, '/');
        assert.deepEqual((await state(second.page)).assessment.ratings, {});
        await second.page.locator('carepath-assessment input[type="file"]').setInputFiles(file);
        await second.page.waitForFunction(() => Object.keys(/** @type {any} */ (document.querySelector('carepath-assessment')).assessment.ratings).length === 3);
        const imported = (await state(second.page)).assessment;
        assert.deepEqual(imported, exported);
        assert.equal(await second.page.locator('carepath-assessment textarea[id$="T5.2-evidence"]').inputValue(), 'No service yet — "quotes", commas, 👶\nsecond line');
        assert.equal(await lightWord(second.page, 'T5.2'), 'Red');
        // An invalid file is refused with a message, and the assessment is untouched.
        const badFile = path.join(tmp, 'bad.json');
        fs.writeFileSync(badFile, JSON.stringify({ ...exported, ratings: { 'T5.1': { rating: 9 } } }));
        await second.page.locator('carepath-assessment input[type="file"]').setInputFiles(badFile);
        await second.page.waitForFunction(() => /Could not import/.test(document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('.cp-status')?.textContent ?? ''));
        assert.deepEqual((await state(second.page)).assessment, exported);
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

  it('renders hostile catalogue and user text as inert text; host styles do not leak in', async () => {
    const { context, page, problems, dialogs } = await open();
    try {
      await goto(page, '/fixtures/hostile.html');
      const markup = '<img src=x onerror="window.__pwned=3;alert(3)"><script>window.__pwned=4;alert(4)</script>';
      await page.locator('carepath-assessment [role="tab"][data-tab="A"]').click();
      await radio(page, 'A.1', '2').click();
      await page.locator('carepath-assessment textarea[id$="A.1-evidence"]').fill(markup);
      await page.locator('carepath-assessment textarea[id$="A.1-actions"]').fill(markup);
      await page.locator('carepath-assessment textarea[id$="A.2-evidence"]').fill(markup);
      // Load an assessment whose area name is markup, then reload from the autosave.
      await page.evaluate((m) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        const a = el.assessment;
        a.area.name = m;
        el.load(a);
      }, markup);
      await page.reload();
      await waitReady(page);
      await page.locator('carepath-assessment [role="tab"][data-tab="A"]').click();
      await page.locator('carepath-assessment article[id$="-s-A.1"] details summary').click();
      await page.waitForTimeout(200);

      const found = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
        return {
          // The theme chart's bar tracks are the widget's own SVG (shapes only, checked below).
          inShadow: root.querySelectorAll('img, script, iframe, svg:not(.cp-chart-track), object, embed, b').length,
          chartOwn: [...root.querySelectorAll('svg.cp-chart-track *')].every((e) => e.tagName === 'rect' || e.tagName === 'line'),
          inPage: document.querySelectorAll('img, iframe, svg, object, embed').length,
          scripts: document.querySelectorAll('script').length,
          pwned: /** @type {any} */ (window).__pwned ?? null,
          title: root.querySelector('.cp-title')?.textContent,
          standard: root.querySelector('article[id$="-s-A.1"] .cp-standard-name')?.textContent,
          description: root.querySelector('article[id$="-s-A.1"] .cp-standard-description')?.textContent,
          evidence: /** @type {HTMLTextAreaElement} */ (root.querySelector('textarea[id$="A.1-evidence"]')).value,
        };
      });
      assert.equal(found.inShadow, 0, 'no element created from catalogue or user text');
      assert.equal(found.chartOwn, true, 'the chart draws shapes only');
      assert.equal(found.inPage, 0);
      assert.equal(found.scripts, 1, 'only the page\'s own module script');
      assert.equal(found.pwned, null);
      assert.equal(found.title, markup);
      assert.equal(found.standard, 'Standard A.1 <img src=x onerror="window.__pwned=1;alert(1)">');
      assert.match(found.description ?? '', /^<iframe src="\/fixtures\/frame.html"><\/iframe><script>/);
      assert.equal(found.evidence, markup);
      assert.equal((await state(page)).assessment.ratings['A.1'].evidence, markup);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
      assert.deepEqual(await cspViolations(page), []);
      assert.ok(!server.requests.some((r) => r === '/x' || r.endsWith('/x') || r.includes('frame.html')), server.requests.join(' '));
      // The host's `display: none !important` on p, button and [role=radio] does not reach inside.
      assert.equal(await page.locator('carepath-assessment [role="radio"]').first().isVisible(), true);
      const color = await page.locator('carepath-assessment .cp-standard-description').first().evaluate((el) => getComputedStyle(el).color);
      assert.notEqual(color, 'rgb(255, 0, 0)');
    } finally {
      await context.close();
    }
  });

  it('fires carepath-change after every edit and carepath-error with code, message and path', async () => {
    const { context, page } = await open();
    try {
      await goto(page, '/');
      await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.__changes = [];
        w.__errors = [];
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        el.addEventListener('carepath-change', (/** @type {CustomEvent} */ e) => w.__changes.push(e.detail));
        el.addEventListener('carepath-error', (/** @type {CustomEvent} */ e) => w.__errors.push(e.detail));
      });
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await radio(page, 'T1.1', '2').click();
      await page.locator('carepath-assessment textarea[id$="T1.1-evidence"]').fill('ab');
      const changes = await page.evaluate(() => /** @type {any} */ (window).__changes);
      assert.equal(changes.length, 2);
      assert.equal(changes[0].report.themes[0].score, 2);
      assert.equal(changes[1].assessment.ratings['T1.1'].evidence, 'ab');
      const thrown = await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        const a = el.assessment;
        a.ratings['T1.1'].rating = 9;
        try {
          el.load(a);
          return null;
        } catch (err) {
          return { isError: err instanceof Error, name: /** @type {any} */ (err).name, code: /** @type {any} */ (err).code, path: /** @type {any} */ (err).path };
        }
      });
      assert.deepEqual(thrown, { isError: true, name: 'CarepathError', code: 'invalid', path: '/ratings/T1.1/rating' });
      const errors = await page.evaluate(() => /** @type {any} */ (window).__errors);
      assert.equal(errors.length, 1);
      assert.equal(errors[0].code, 'invalid');
      assert.equal(errors[0].path, '/ratings/T1.1/rating');
      assert.match(errors[0].message, /rating_off_scale|off the scale|scale/);
    } finally {
      await context.close();
    }
  });

  it('reports a catalogue it cannot load, and honours readonly', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${server.url}/fixtures/blank.html`);
      for (const [src, code] of [['/fixtures/missing.json', 'load'], ['/fixtures/bad-catalogue.json', 'invalid'], ['no-such-catalogue@1', 'not_found']]) {
        const detail = await page.evaluate(async (s) => {
          await import(/** @type {string} */ ('/pkg/carepath-widget.js'));
          const el = document.createElement('carepath-assessment');
          el.setAttribute('catalogue', s);
          el.setAttribute('storage-key', '');
          const got = new Promise((resolve) => el.addEventListener('carepath-error', (e) => resolve(/** @type {CustomEvent} */ (e).detail)));
          document.body.append(el);
          const d = await got;
          await /** @type {any} */ (el).ready;
          const text = el.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '';
          el.remove();
          return { .../** @type {{ code: string, message: string }} */ (d), text };
        }, src);
        assert.equal(detail.code, code, JSON.stringify(detail));
        assert.match(detail.text, /could not be loaded/);
      }

      await goto(page, '/');
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('readonly', ''));
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      // Playwright will not click an aria-disabled control unless forced; the widget must ignore it.
      await radio(page, 'T1.1', '3').click({ force: true });
      await radio(page, 'T1.1', '3').press('Space');
      assert.deepEqual((await state(page)).assessment.ratings, {});
      assert.equal(await radio(page, 'T1.1', '3').getAttribute('aria-disabled'), 'true');
      assert.equal(await page.locator('carepath-assessment textarea[id$="T1.1-evidence"]').getAttribute('readonly'), '');
      assert.equal(await page.locator('carepath-assessment .cp-toolbar button', { hasText: 'Import' }).isVisible(), false);
    } finally {
      await context.close();
    }
  });

  it('prints a clean paper copy: every theme, no controls', async () => {
    const { context, page } = await open();
    try {
      await goto(page, '/');
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await radio(page, 'T1.1', '3').click();
      await page.emulateMedia({ media: 'print' });
      const visible = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
        const shown = (/** @type {string} */ sel) => [...root.querySelectorAll(sel)].filter((e) => getComputedStyle(e).display !== 'none').length;
        return { panels: shown('[role="tabpanel"]'), radios: shown('.cp-radios'), toolbar: shown('.cp-toolbar'), nav: shown('.cp-nav') };
      });
      assert.deepEqual(visible, { panels: demoData.themes.length + 3, radios: 0, toolbar: 0, nav: 0 }); // equity and the plan print too
      // The panels drawn only when shown are drawn for printing: the overview has T1's new score.
      const printed = await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        const row = [...el.shadowRoot.querySelectorAll('[part="theme-table"] tbody tr')][0];
        return { shown: row?.querySelector('.cp-num')?.textContent, score: el.report.themes[0].score.toFixed(1) };
      });
      assert.equal(printed.shown, printed.score);
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 10_000);
    } finally {
      await context.close();
    }
  });

  it('looks right: screenshot of a filled widget in artifacts/widget.png', async () => {
    const { context, page, problems } = await open({ viewport: { width: 1280, height: 1400 } });
    try {
      await goto(page, '/');
      // The 2025 Northbrook example, an assessment of the edition the demo embeds.
      const example = fs.readFileSync(path.join(repoRoot, 'standards/examples/northbrook-2025.json'), 'utf8');
      const loaded = await page.evaluate((text) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(text), example);
      assert.deepEqual(loaded, JSON.parse(example));
      // A few edits through the interface on top of the example.
      await page.locator('carepath-assessment [role="tab"][data-tab="T3"]').click();
      const scoreBefore = await tabScore(page, 'T3');
      await radio(page, 'T3.1', '5').click();
      const evidence = 'Q3 2024/25 audits: emotional wellbeing recorded at 94% of maternity contacts, at every health visiting contact and, with the new template, at 82% of GP contacts.';
      await page.locator('carepath-assessment textarea[id$="T3.1-evidence"]').fill(evidence);
      const { assessment, report } = await state(page);
      assert.deepEqual(assessment.ratings['T3.1'], { ...JSON.parse(example).ratings['T3.1'], rating: 5, evidence });
      assert.equal(await lightWord(page, 'T3.1'), 'Green');
      const scoreAfter = await tabScore(page, 'T3');
      assert.equal(scoreAfter, report.themes.find((t) => t.id === 'T3')?.score?.toFixed(1));
      assert.notEqual(scoreAfter, scoreBefore);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      // The top of the widget: header, theme list and the first standards of the open theme.
      const shot = async (/** @type {string} */ name) => {
        await page.evaluate(() => window.scrollTo(0, 0));
        const box = await page.locator('carepath-assessment').boundingBox();
        assert.ok(box);
        await page.screenshot({ path: path.join(ARTIFACTS, name), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1300) } });
      };
      await page.locator('carepath-assessment textarea[id$="T3.1-evidence"]').blur();
      await shot('widget.png');
      await page.locator('carepath-assessment [role="tab"][data-tab="overview"]').click();
      await shot('widget-overview.png');
      assert.ok(fs.statSync(path.join(ARTIFACTS, 'widget.png')).size > 20_000);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('an assessment of an earlier edition in the demo page\'s widget of the 2024 edition', () => {
  const EXAMPLE = path.join(repoRoot, 'standards/examples/northbrook-2016.json');
  /** @type {carepath.Assessment} */
  const original = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  // What the core gives, computed here in Node: the widget must show and keep exactly this.
  const expected = carepath.migrate(original, DEMO_EDITION);
  const fates = expected.report.steps.flatMap((st) => st.fates);
  const flagged = Object.keys(expected.assessment.ratings).filter((id) => expected.assessment.ratings[id].review);
  const archive = expected.assessment.archive ?? [];

  /**
   * Checks that nothing of the 2016 ratings is lost: each is carried (with its text) or archived.
   * @param {carepath.Assessment} migrated
   */
  function nothingLost(migrated) {
    for (const fate of fates) {
      const entry = original.ratings[fate.standard];
      if (fate.fate === 'archived') {
        const kept = (migrated.archive ?? []).find((r) => r.standard === fate.standard);
        assert.ok(kept, `${fate.standard} is in the archive`);
        assert.equal(kept.rating, entry.rating);
        assert.equal(kept.evidence, entry.evidence);
      } else {
        for (const to of fate.to) assert.equal(migrated.ratings[to]?.evidence, entry.evidence, `${fate.standard} carried to ${to}`);
      }
    }
  }

  it('the example needs it: some ratings flagged, some archived', () => {
    assert.equal(original.catalogue.version, '1.0.0');
    assert.ok(flagged.length > 0 && archive.length > 0, `${flagged.length} flagged, ${archive.length} archived`);
  });

  it('importing a 2016 file offers to carry it across, shows the review notes, and exports everything', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-e2e-'));
    const { context, page, problems } = await open({ viewport: { width: 1280, height: 1100 } });
    try {
      await goto(page, '/');
      await page.evaluate(() => {
        /** @type {any} */ (window).__events = [];
        for (const type of ['carepath-error', 'carepath-migrated']) {
          document.addEventListener(type, (e) => /** @type {any} */ (window).__events.push(type));
        }
      });
      await page.locator('carepath-assessment input[type="file"]').setInputFiles(EXAMPLE);
      const offer = page.locator('carepath-assessment .cp-offer');
      await offer.waitFor({ state: 'visible' });
      // The offer says what will happen, with the core's numbers; nothing has changed yet.
      const text = (await offer.textContent()) ?? '';
      assert.match(text, /rated against edition 1\.0\.0/);
      assert.match(text, /rated against edition 1\.0\.0 of these standards\. This form uses edition 3\.1\.0, Perinatal mental health pathway standards \(2026 edition\)\./);
      const carried = fates.filter((f) => f.fate !== 'archived').length;
      assert.match(text, new RegExp(`${carried} ratings move to the standards of edition 3\\.1\\.0`));
      assert.match(text, new RegExp(`${flagged.length} standards are flagged for review`));
      assert.ok(text.includes(archive.length === 1 ? '1 rating of a retired or merged standard goes' : `${archive.length} ratings of retired or merged standards go`), text);
      assert.deepEqual((await state(page)).assessment.ratings, {});
      const f = await focused(page);
      assert.equal(f?.tag, 'h3', 'focus moves to the offer');
      assert.match(f?.text ?? '', /^This assessment was made with an earlier/);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const box = await page.locator('carepath-assessment').boundingBox();
      assert.ok(box);
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-migration-offer.png'), clip: { x: box.x, y: box.y, width: box.width, height: 520 } });

      await offer.getByRole('button', { name: 'Carry it across to edition 3.1.0' }).click();
      await offer.waitFor({ state: 'hidden' });
      const now = (await state(page)).assessment;
      assert.deepEqual(now, expected.assessment, 'the widget holds exactly what the core migrated');
      nothingLost(now);
      assert.match((await page.locator('carepath-assessment .cp-status').textContent()) ?? '', /Carried across to edition 3\.1\.0/);
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__events), ['carepath-migrated']);

      // The overview lists what to review and what was archived.
      assert.equal(await page.locator('carepath-assessment .cp-review-item').count(), flagged.length);
      assert.equal(await page.locator('carepath-assessment .cp-archive-item').count(), archive.length);
      assert.equal((await focused(page))?.text, 'To review');
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-migration-review.png'), clip: { x: box.x, y: box.y, width: box.width, height: 900 } });

      // Each flagged standard shows its review note beside it.
      const id = flagged[0];
      // The id alone, not a longer id that starts with it (`T1.1` is not `T1.10`).
      const exactly = new RegExp(`^${id.replaceAll('.', '\\.')}(?![0-9])`);
      await page.locator('carepath-assessment .cp-review-item button', { hasText: exactly }).click();
      const article = page.locator(`carepath-assessment article[id$="-s-${id}"]`);
      const note = article.locator('.cp-review');
      await note.waitFor({ state: 'visible' });
      assert.equal(await note.locator('.cp-review-note').textContent(), expected.assessment.ratings[id].review);
      for (const other of flagged) {
        const shown = page.locator(`carepath-assessment article[id$="-s-${other}"] .cp-review-note`);
        assert.equal(await shown.textContent(), expected.assessment.ratings[other].review, other);
      }
      // A standard that was not flagged shows no note.
      const plain = Object.keys(now.ratings).find((k) => !now.ratings[k].review);
      assert.ok(plain);
      assert.equal(await page.locator(`carepath-assessment article[id$="-s-${plain}"] .cp-review`).isHidden(), true);

      // The export carries the archive and the review notes: nothing is lost.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('carepath-assessment .cp-toolbar button', { hasText: 'Export assessment' }).click(),
      ]);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(exported, expected.assessment);
      nothingLost(exported);
      carepath.loadCatalogue(DEMO_EDITION).check(exported);

      // Marking a rating as reviewed removes its note and keeps its rating and text.
      await note.getByRole('button', { name: 'Mark as reviewed' }).click();
      await note.waitFor({ state: 'hidden' });
      const after = (await state(page)).assessment;
      const { review, ...rest } = expected.assessment.ratings[id];
      assert.ok(review);
      assert.deepEqual(after.ratings[id], rest);
      assert.deepEqual(after.archive, archive);
      // The overview is drawn when it is shown again: one rating fewer to review.
      await page.locator('carepath-assessment [role="tab"][data-tab="overview"]').click();
      assert.equal(await page.locator('carepath-assessment .cp-review-item').count(), flagged.length - 1);

      // Reload: the carried-across assessment is restored, no offer.
      await page.reload();
      await waitReady(page);
      assert.deepEqual((await state(page)).assessment, after);
      assert.equal(await offer.isHidden(), true);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the widget of the lite package (pkg/lite/) does the same, and loads only the lite module and the editions it needs, and migration when it is needed', async () => {
    const { context, page, problems } = await open();
    /** @type {string[]} */
    const wasm = [];
    /** @type {string[]} */
    const editions = [];
    page.on('request', (r) => {
      const at = new URL(r.url()).pathname;
      if (at.endsWith('.wasm')) wasm.push(at);
      if (at.startsWith('/pkg/catalogues/')) editions.push(at);
    });
    try {
      await goto(page, '/fixtures/lite.html');
      assert.deepEqual(editions, ['/pkg/catalogues/perinatal-mental-health/3.1.0.json'], 'only the edition shown');
      assert.deepEqual(wasm, ['/pkg/lite/carepath_wasm_bg.wasm'], 'no FHIR or migration module yet');
      await page.locator('carepath-assessment input[type="file"]').setInputFiles(EXAMPLE);
      const offer = page.locator('carepath-assessment .cp-offer');
      await offer.getByRole('button', { name: 'Carry it across to edition 3.1.0' }).click();
      assert.deepEqual((await state(page)).assessment, expected.assessment);
      assert.equal(await page.locator('carepath-assessment .cp-review-item').count(), flagged.length);
      assert.deepEqual(wasm, ['/pkg/lite/carepath_wasm_bg.wasm', '/pkg/lite/exchange/carepath_wasm_bg.wasm'], 'migration, once it was needed');
      assert.deepEqual(
        editions.slice(1).sort(),
        ['1.0.0', '2.0.0', '3.0.0'].map((v) => `/pkg/catalogues/perinatal-mental-health/${v}.json`),
        'the earlier editions, once, when the earlier assessment came',
      );
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the widget of the lite package reads a catalogue of one\'s own by URL in its second module, strictly', async () => {
    const { context, page, problems } = await open();
    const own = { ...demoData, id: 'our-pathway', title: 'Our pathway' };
    await page.route('**/fixtures/our-pathway.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(own) }));
    /** @type {string[]} */
    const wasm = [];
    page.on('request', (r) => {
      const at = new URL(r.url()).pathname;
      if (at.endsWith('.wasm')) wasm.push(at);
    });
    try {
      await page.goto(`${server.url}/fixtures/blank.html`);
      const got = await page.evaluate(async () => {
        await import(/** @type {string} */ ('/pkg/lite/carepath-widget.js'));
        const out = [];
        for (const src of ['/fixtures/our-pathway.json', '/fixtures/bad-catalogue.json']) {
          const el = /** @type {any} */ (document.createElement('carepath-assessment'));
          el.setAttribute('catalogue', src);
          el.setAttribute('storage-key', '');
          let error = null;
          el.addEventListener('carepath-error', (/** @type {CustomEvent} */ e) => (error = e.detail.code));
          document.body.append(el);
          await el.ready;
          out.push({ src, error, title: el.catalogueData?.title ?? null, scored: el.report?.standards.length ?? 0 });
          el.remove();
        }
        return out;
      });
      assert.deepEqual(got, [
        { src: '/fixtures/our-pathway.json', error: null, title: 'Our pathway', scored: DEMO_STANDARDS },
        { src: '/fixtures/bad-catalogue.json', error: 'invalid', title: null, scored: 0 },
      ]);
      assert.deepEqual(wasm, ['/pkg/lite/carepath_wasm_bg.wasm', '/pkg/lite/exchange/carepath_wasm_bg.wasm']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the widget of the lite package fetches the edition shown alongside its module, not after it', async () => {
    const { context, page, problems } = await open();
    /** @type {string[]} */
    const order = [];
    page.on('request', (r) => {
      const at = new URL(r.url()).pathname;
      if (at.endsWith('.wasm') || at.startsWith('/pkg/catalogues/')) order.push(`asked ${at}`);
    });
    // The module comes slowly (as on a phone's network): the page without preload links asks
    // for the edition while it waits for it.
    await page.route('**/pkg/lite/carepath_wasm_bg.wasm', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      order.push('module sent');
      await route.continue();
    });
    try {
      await goto(page, '/fixtures/lite.html');
      assert.deepEqual(order, [
        'asked /pkg/lite/carepath_wasm_bg.wasm',
        'asked /pkg/catalogues/perinatal-mental-health/3.1.0.json',
        'module sent',
      ]);
      const shown = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).catalogueData.version);
      assert.equal(shown, '3.1.0');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the lite widget in one file: one script before ready; Welsh, FHIR export and migration fetched beside it when needed', async () => {
    const { context, page, problems } = await open();
    /** @type {string[]} */
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    try {
      await goto(page, '/fixtures/lite-bundle.html');
      assert.deepEqual(
        asked.filter((a) => a.startsWith('/pkg/')).sort(),
        ['/pkg/catalogues/perinatal-mental-health/3.1.0.json', '/pkg/lite/carepath-widget.bundle.js', '/pkg/lite/carepath-widget.css', '/pkg/lite/carepath_wasm_bg.wasm'],
      );
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await radio(page, 'T1.1', '4').click();
      assert.equal(await lightWord(page, 'T1.1'), 'Green');
      // Welsh: its words are a file beside the bundle, and the bundle's widget speaks them.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('lang', 'cy'));
      await page.locator('carepath-assessment [role="tab"][data-tab="overview"]', { hasText: 'Trosolwg' }).waitFor();
      assert.ok(asked.includes('/pkg/lite/carepath-messages-cy.js'));
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('lang', 'en'));
      // FHIR: the exchange module, from lite/exchange/ beside the bundle.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('carepath-assessment .cp-toolbar button', { hasText: 'Export FHIR QuestionnaireResponse' }).click(),
      ]);
      const response = JSON.parse(fs.readFileSync(/** @type {string} */ (await download.path()), 'utf8'));
      assert.equal(response.resourceType, 'QuestionnaireResponse');
      assert.ok(asked.includes('/pkg/lite/exchange/carepath_wasm_bg.wasm'));
      // An assessment of the 2016 edition: the earlier editions come from catalogues/, and it is carried across.
      await page.locator('carepath-assessment input[type="file"]').setInputFiles(EXAMPLE);
      await page.locator('carepath-assessment .cp-offer').getByRole('button', { name: 'Carry it across to edition 3.1.0' }).click();
      assert.equal((await state(page)).assessment.catalogue.version, '3.1.0');
      assert.ok(asked.includes('/pkg/catalogues/perinatal-mental-health/1.0.0.json'));
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('load() of an earlier edition on a page that has not fetched its editions: asks once they come; migrate: true after prepare()', async () => {
    const { context, page, problems } = await open();
    try {
      await goto(page, '/fixtures/lite.html');
      const text = JSON.stringify(original);
      const first = await page.evaluate((t) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        try {
          el.load(t, { migrate: true });
          return null;
        } catch (err) {
          return /** @type {any} */ (err).code;
        }
      }, text);
      assert.equal(first, 'not_loaded', 'migrate: true cannot wait: the call says to prepare()');
      const asked = await page.evaluate((t) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        try {
          el.load(t);
          return null;
        } catch (err) {
          return /** @type {any} */ (err).code;
        }
      }, text);
      assert.equal(asked, 'needs_migration');
      const offer = page.locator('carepath-assessment .cp-offer');
      await offer.waitFor({ state: 'visible' });
      await offer.getByRole('button', { name: 'Not now' }).click();
      const direct = await page.evaluate(async (t) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        await el.prepare(t);
        return el.load(t, { migrate: true });
      }, text);
      assert.deepEqual(direct, expected.assessment);
      assert.equal(await offer.isHidden(), true);
      // The error the first call gave was reported as any other: nothing else went wrong.
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('a restored autosave of the earlier edition is kept aside and offered; load() asks, or migrates when told', async () => {
    const { context, page, problems } = await open();
    try {
      await page.goto(`${server.url}/fixtures/blank.html`);
      const saved = JSON.stringify({ format: 'carepath-widget-autosave', version: 1, assessment: original, drafts: {}, tab: 'T2' });
      await page.evaluate(([k, text]) => localStorage.setItem(k, text), [DEMO_KEY, saved]);
      await goto(page, '/');
      const offer = page.locator('carepath-assessment .cp-offer');
      await offer.waitFor({ state: 'visible' });
      const keys = await page.evaluate(() => Object.keys(localStorage));
      const aside = keys.find((k) => k.startsWith(`${DEMO_KEY}:earlier-edition:`));
      assert.ok(aside, keys.join(', '));
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside), saved, 'kept aside exactly');
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), DEMO_KEY), saved, 'not overwritten before an answer');
      assert.match((await offer.textContent()) ?? '', new RegExp(aside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      // A reload while the offer waits makes no second copy.
      await page.reload();
      await waitReady(page);
      await offer.waitFor({ state: 'visible' });
      const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':earlier-edition:')).length);
      assert.equal(copies, 1);
      await offer.getByRole('button', { name: /Carry it across/ }).click();
      assert.deepEqual((await state(page)).assessment, expected.assessment);
      const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), DEMO_KEY);
      assert.deepEqual(stored.assessment, expected.assessment);

      // load(): by default the widget asks (and the call says so); migrate: true carries it at once.
      const asked = await page.evaluate((text) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        el.load(el.export()); // the current one, of this edition: loads as is
        try {
          el.load(text);
          return null;
        } catch (err) {
          return { code: /** @type {any} */ (err).code, offered: !el.shadowRoot.querySelector('.cp-offer').hidden };
        }
      }, JSON.stringify(original));
      assert.deepEqual(asked, { code: 'needs_migration', offered: true });
      await offer.getByRole('button', { name: 'Not now' }).click();
      assert.deepEqual((await state(page)).assessment, expected.assessment, 'declining changes nothing');
      const refused = await page.evaluate((text) => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        try {
          el.load(text, { migrate: false });
          return null;
        } catch (err) {
          return /** @type {any} */ (err).code;
        }
      }, JSON.stringify(original));
      assert.equal(refused, 'invalid');
      const direct = await page.evaluate((text) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(text, { migrate: true }), JSON.stringify(original));
      assert.deepEqual(direct, expected.assessment);
      assert.equal(await offer.isHidden(), true);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('a page that embedded the 2016 edition moves to the 2024 one keeping its storage key: the saved work is offered', async () => {
    const { context, page, problems } = await open();
    try {
      // Work saved by the page as it was: the 2016 example, then a rating and text by hand.
      await goto(page, '/fixtures/edition-2016.html');
      assert.equal(await page.locator('carepath-assessment [role="radiogroup"]').count(), 58);
      await page.evaluate((text) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(text), JSON.stringify(original));
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await radio(page, 'T1.1', '5').click();
      await page.locator('carepath-assessment textarea[id$="T1.1-evidence"]').fill('Partnership board minutes, 2017');
      const before = (await state(page)).assessment;
      assert.equal(before.catalogue.version, '1.0.0');
      const saved = await page.evaluate(() => localStorage.getItem('northbrook-pmh-2016'));
      assert.ok(saved);
      assert.deepEqual(JSON.parse(saved).assessment, before);
      const migrated = carepath.migrate(before, DEMO_EDITION);

      // The host moves the page to the 2024 edition, changing only the catalogue attribute.
      const reference = await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        const ready = new Promise((resolve) => el.addEventListener('carepath-ready', (/** @type {CustomEvent} */ e) => resolve(e.detail.catalogue), { once: true }));
        el.setAttribute('catalogue', 'perinatal-mental-health@3.1.0');
        return ready.then(async (r) => (await el.drawn, r));
      });
      assert.deepEqual(reference, { id: 'perinatal-mental-health', version: '3.1.0' });
      assert.equal(await page.locator('carepath-assessment [role="radiogroup"]').count(), DEMO_STANDARDS);
      const offer = page.locator('carepath-assessment .cp-offer');
      await offer.waitFor({ state: 'visible' });
      assert.match((await offer.textContent()) ?? '', /rated against edition 1\.0\.0/);
      const aside = (await page.evaluate(() => Object.keys(localStorage))).find((k) => k.startsWith('northbrook-pmh-2016:earlier-edition:'));
      assert.ok(aside);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside), saved, 'the 2016 work is kept aside exactly');

      await offer.getByRole('button', { name: 'Carry it across to edition 3.1.0' }).click();
      await offer.waitFor({ state: 'hidden' });
      const now = (await state(page)).assessment;
      assert.deepEqual(now, migrated.assessment);
      assert.equal(now.ratings['T1.1'].rating, 5);
      assert.equal(now.ratings['T1.1'].evidence, 'Partnership board minutes, 2017');
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('northbrook-pmh-2016') ?? 'null'));
      assert.deepEqual(stored.assessment, migrated.assessment);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('plain language in the widget', () => {
  it('the switch shows each standard in plain words and back, as the `plain` attribute says', async () => {
    const { context, page, problems } = await open();
    try {
      await goto(page, '/');
      await page.locator('carepath-assessment [role="tab"][data-tab="T3"]').click();
      const standard = demoData.themes[2].standards[0];
      assert.ok(standard.plain, 'the demo edition has plain language');
      const desc = page.locator(`carepath-assessment article[id$="-s-${standard.id}"] .cp-standard-description`);
      assert.equal(await desc.textContent(), standard.description);
      const box = page.getByRole('checkbox', { name: 'Plain language' });
      await box.check();
      assert.equal(await desc.textContent(), standard.plain);
      assert.equal(await page.evaluate(() => document.querySelector('carepath-assessment')?.hasAttribute('plain')), true);
      await box.uncheck();
      assert.equal(await desc.textContent(), standard.description);
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('plain', ''));
      assert.equal(await desc.textContent(), standard.plain);
      assert.equal(await box.isChecked(), true);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
