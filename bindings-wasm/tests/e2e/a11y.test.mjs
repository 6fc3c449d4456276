// @ts-check
// The widget for every user, in headless Chromium under the strict CSP: axe-core's WCAG 2.2 A/AA
// and best-practice rules (inside the shadow root) on a fresh widget, a filled one, a theme, the
// offer to carry an earlier edition across, an error and the Welsh interface, at desktop, tablet
// and phone sizes; no sideways scroll of the page at 320 px or 200% zoom on any tab; the focus
// ring's contrast against what is behind it; accessible names that start with the visible text;
// touch targets (24 px everywhere, 44 px in a narrow container), the toolbar in one row per group
// on a desktop; the overall score in view on a phone; the theme chart and its text alternative.
// Screenshots of every state at every size go to artifacts/a11y/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as carepath from '../../pkg/carepath.js';
import { loadWasm, repoRoot } from '../helpers.mjs';
import { ARTIFACTS, SIZES, cspViolations, goto, launch, open, shoot } from './page.mjs';

loadWasm();

const EXAMPLE_2024 = fs.readFileSync(path.join(repoRoot, 'standards/examples/northbrook-2025.json'), 'utf8');
const EXAMPLE_2016 = path.join(repoRoot, 'standards/examples/northbrook-2016.json');
const demo = carepath.loadCatalogue('perinatal-mental-health@3.1.0').data;

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/**
 * Puts the demo page's widget into one of the states the tests look at.
 * @param {import('playwright-core').Page} page
 * @param {'fresh' | 'filled' | 'theme' | 'offer' | 'error' | 'welsh'} state
 */
async function prepare(page, state) {
  await goto(page, `${env.server.url}/`);
  const el = page.locator('carepath-assessment');
  if (state === 'fresh') return;
  if (state === 'offer') {
    await el.locator('input[type="file"]').setInputFiles(EXAMPLE_2016);
    await el.locator('.cp-offer').waitFor({ state: 'visible' });
    return;
  }
  await page.evaluate((text) => /** @type {any} */ (document.querySelector('carepath-assessment')).load(text), EXAMPLE_2024);
  if (state === 'theme') {
    await el.locator('[role="tab"][data-tab="T3"]').click();
    await el.locator('article[id$="-s-T3.1"] details summary').click();
  } else if (state === 'error') {
    // An import that is not valid: the message is shown, the assessment untouched.
    await page.evaluate(() => {
      const w = /** @type {any} */ (document.querySelector('carepath-assessment'));
      const a = w.assessment;
      a.ratings['T1.1'].rating = 9;
      try {
        w.load(a);
      } catch {
        // shown in the status line
      }
    });
    await el.locator('.cp-status.cp-status-error').waitFor({ state: 'visible' });
  } else if (state === 'welsh') {
    await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('lang', 'cy'));
    await el.locator('[role="tab"][data-tab="overview"]', { hasText: 'Trosolwg' }).waitFor();
  }
}

/**
 * Is anything of the widget wider than the page, or does the page scroll sideways? Lists each
 * element that sticks out past the right edge, unless it is inside a box that scrolls sideways.
 * @param {import('playwright-core').Page} page
 */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
    /** @param {Element} el */
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    const out = [];
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden]')) continue;
      if ((r.right > width + 0.5 || r.left < -0.5) && !scrolls(el)) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return { page: document.documentElement.scrollWidth - width, sticking: out.slice(0, 10) };
  });
}

describe('the widget passes axe-core at every size, in every state', () => {
  for (const size of SIZES) {
    for (const state of /** @type {const} */ (['fresh', 'filled', 'theme', 'offer', 'error', 'welsh'])) {
      it(`${state} at ${size.width} px: no axe violation, no sideways scroll`, async () => {
        const { context, page, problems, axe } = await open(env.browser, { width: size.width, height: size.height });
        try {
          await prepare(page, state);
          assert.deepEqual(await axe(), []);
          assert.deepEqual(await overflow(page), { page: 0, sticking: [] });
          await shoot(page, `a11y/${state}-${size.width}.png`);
          assert.deepEqual(await cspViolations(page), []);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('the scan sees inside the widget (positive control)', () => {
  it('a host theme with pale muted text gives a colour-contrast violation inside the shadow root', async () => {
    const { context, page, axe } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await prepare(page, 'fresh');
      await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('carepath-assessment')).style.setProperty('--carepath-muted', '#c5cdd5'));
      const violations = await axe();
      assert.ok(violations.some((v) => v.startsWith('color-contrast') && v.includes('carepath-assessment')), violations.join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('reflow, touch and the overall score on small screens', () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 450 }]) {
    // 640 by 450 CSS px is a 1280 by 900 window at 200% zoom.
    it(`nothing sticks out and the page never scrolls sideways at ${viewport.width} px, on every tab`, async () => {
      const { context, page, problems } = await open(env.browser, viewport);
      try {
        await prepare(page, 'filled');
        for (const tab of ['overview', ...demo.themes.map((t) => t.id), 'equity', 'plan']) {
          await page.locator(`carepath-assessment [role="tab"][data-tab="${tab}"]`).click();
          assert.deepEqual(await overflow(page), { page: 0, sticking: [] }, tab);
        }
        // The theme table and the groups-by-themes heatmap scroll inside their own boxes, which
        // the keyboard can reach.
        for (const tab of ['overview', 'equity']) {
          await page.locator(`carepath-assessment [role="tab"][data-tab="${tab}"]`).click();
          const scroller = page.locator(`carepath-assessment [id$="-panel-${tab}"] .cp-table-scroll`);
          assert.equal(await scroller.getAttribute('tabindex'), '0');
          assert.ok(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth || getComputedStyle(el).overflowX === 'auto'));
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  for (const width of [375, 320]) {
    it(`on a ${width} px phone a tap rates, every target is at least 24 by 24 px, and the overall score stays in view`, async () => {
      const { context, page, problems } = await open(env.browser, { width, height: 700 }, { hasTouch: true, isMobile: true });
      try {
        await prepare(page, 'fresh');
        const el = page.locator('carepath-assessment');
        await el.locator('[role="tab"][data-tab="T2"]').tap();
        // Far down the theme, past the header: the tap reaches the rating, not the bar above it.
        const article = demo.themes[1].standards.at(-1)?.id;
        const target = el.locator(`article[id$="-s-${article}"] [role="radio"][data-value="3"]`);
        await target.scrollIntoViewIfNeeded();
        await target.tap();
        assert.equal(await target.getAttribute('aria-checked'), 'true');
        const bar = await page.evaluate(() => {
          const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
          const r = /** @type {Element} */ (root.querySelector('.cp-overall-bar')).getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, scrolled: window.scrollY, score: root.querySelector('.cp-overall-score')?.textContent };
        });
        assert.ok(bar.scrolled > 700, `scrolled ${bar.scrolled}`);
        assert.ok(bar.top >= 0 && bar.bottom <= 700 && bar.bottom - bar.top < 120, JSON.stringify(bar));
        assert.equal(bar.score, '3.0');
        // Focus moved onto a control under the bar scrolls it clear of the bar.
        const first = el.locator(`article[id$="-s-${demo.themes[1].standards[0].id}"] textarea[id$="-evidence"]`);
        await first.focus();
        const clear = await page.evaluate(() => {
          const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
          const focused = /** @type {Element} */ (root.activeElement).getBoundingClientRect();
          return focused.top >= /** @type {Element} */ (root.querySelector('.cp-overall-bar')).getBoundingClientRect().bottom - 1;
        });
        assert.ok(clear, 'the focused field is not hidden under the overall bar');
        await page.screenshot({ path: path.join(ARTIFACTS, `widget-phone-${width}.png`) });
        const small = await page.evaluate(() => {
          const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
          const targets = root.querySelectorAll('button, [role="radio"], [role="tab"], summary, select, textarea');
          return [...targets]
            .filter((t) => !t.closest('[hidden]') && t.getBoundingClientRect().width > 0)
            .map((t) => ({ t: `${t.tagName.toLowerCase()}.${t.className}`, r: t.getBoundingClientRect() }))
            .filter(({ r }) => r.width < 24 || r.height < 24)
            .map(({ t, r }) => `${t} ${r.width}x${r.height}`);
        });
        assert.deepEqual(small, []);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the toolbar and touch targets at desktop, tablet and phone sizes', () => {
  it('at 1280 px the toolbar is two rows, one per group, never a group split across rows', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await prepare(page, 'filled');
      const rows = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
        return [...root.querySelectorAll('.cp-toolbar-group')].map((g) =>
          [...g.children]
            .map((c) => c.getBoundingClientRect())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.top + r.height / 2)));
      });
      assert.equal(rows.length, 2);
      // Each group's controls share one row (their middles line up); the groups are two rows.
      for (const middles of rows) assert.equal(new Set(middles).size, 1, JSON.stringify(rows));
      assert.notEqual(rows[0][0], rows[1][0]);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const size of SIZES.filter((s) => s.width < 1000)) {
    it(`at ${size.width} px every control is at least 44 px high, on the overview and in a theme`, async () => {
      const phone = size.width < 500;
      const { context, page, problems } = await open(env.browser, size, phone ? { hasTouch: true, isMobile: true } : {});
      try {
        await prepare(page, 'theme');
        const low = () => page.evaluate(() => {
          const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
          const targets = root.querySelectorAll('button, [role="radio"], [role="tab"], summary, select, textarea, label.cp-switch');
          return [...targets]
            .filter((t) => !t.closest('[hidden]') && t.getBoundingClientRect().width > 0)
            .map((t) => ({ t: `${t.tagName.toLowerCase()}.${t.className} ${t.textContent?.trim().slice(0, 30)}`, r: t.getBoundingClientRect() }))
            .filter(({ r }) => r.height < 44 - 0.01)
            .map(({ t, r }) => `${t} ${r.width}x${r.height}`);
        });
        assert.deepEqual(await low(), []);
        await page.locator('carepath-assessment [role="tab"][data-tab="overview"]').click();
        assert.deepEqual(await low(), []);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * For every control that can take focus in the open panel (and the header, the tabs and the
 * offer): the contrast of its focus ring against the colour right outside the ring, and against
 * the halo inside it. Colours are composited over the page, so a translucent one counts as seen.
 * @param {import('playwright-core').Page} page
 */
function focusContrast(page) {
  return page.evaluate(() => {
    /** @param {string} c */
    const rgba = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean);
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    /** @param {number[]} c */
    const lum = ([r, g, b]) => {
      const f = (/** @type {number} */ v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    /** @param {number[]} a @param {number[]} b */
    const contrast = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    /** The colour seen behind an element: its own background and its ancestors', composited. @param {Element | null} el */
    const backdrop = (el) => {
      /** @type {number[][]} */
      const layers = [];
      for (let e = el; e; e = e.parentElement ?? /** @type {any} */ (e.getRootNode()).host ?? null) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
      return out;
    };
    const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
    const focusable = [...root.querySelectorAll('button, [tabindex], textarea, select, summary')].filter(
      (el) => !el.closest('[hidden]') && el.getBoundingClientRect().width > 0 && !(/** @type {HTMLInputElement} */ (el).type === 'file'),
    );
    const rows = [];
    for (const el of focusable) {
      /** @type {HTMLElement} */ (el).focus();
      if (!el.matches(':focus-visible')) {
        rows.push({ what: el.className, ring: 0, halo: 0, visible: false });
        continue;
      }
      const style = getComputedStyle(el);
      const ring = rgba(style.outlineColor);
      const width = parseFloat(style.outlineWidth);
      const inside = parseFloat(style.outlineOffset) < 0;
      const behind = inside ? backdrop(el) : backdrop(el.parentElement ?? /** @type {any} */ (el.getRootNode()).host);
      const halo = rgba((style.boxShadow.match(/rgba?\([^)]+\)/) ?? ['rgba(0,0,0,0)'])[0]);
      rows.push({
        what: `${el.tagName.toLowerCase()}.${el.className}`,
        ring: style.outlineStyle === 'none' || width < 2 ? 0 : contrast(ring, behind),
        halo: halo[3] > 0 ? contrast(ring, halo) : Infinity,
        visible: true,
      });
    }
    return rows;
  });
}

describe('focus', () => {
  for (const width of [1280, 320]) {
    it(`the focus ring has 3:1 or more against every background it sits on at ${width} px (header, tabs, overview, a theme, the offer)`, async () => {
      const { context, page } = await open(env.browser, { width, height: 900 });
      try {
        await prepare(page, 'offer');
        await page.keyboard.press('Tab');
        const rows = [...(await focusContrast(page))];
        await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).load(
          /** @type {any} */ (document.querySelector('carepath-assessment')).export()));
        await page.locator('carepath-assessment [role="tab"][data-tab="T3"]').click();
        await page.keyboard.press('Tab');
        rows.push(...(await focusContrast(page)));
        assert.ok(rows.length > 50, `${rows.length} controls`);
        const weak = rows.filter((r) => !r.visible || r.ring < 3 || r.halo < 3);
        assert.deepEqual(weak, []);
      } finally {
        await context.close();
      }
    });
  }

  it('the test sees a weak ring: a host theme with the old yellow ring on white fails it', async () => {
    const { context, page } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await prepare(page, 'fresh');
      await page.evaluate(() => {
        const el = /** @type {HTMLElement} */ (document.querySelector('carepath-assessment'));
        el.style.setProperty('--carepath-focus', '#ffb81c');
      });
      await page.keyboard.press('Tab');
      const rows = await focusContrast(page);
      assert.ok(rows.some((r) => r.visible && r.ring < 3), JSON.stringify(rows.slice(0, 3)));
    } finally {
      await context.close();
    }
  });
});

describe('names, roles and the theme chart', () => {
  it('every level, button and tab is named starting with what it shows; the overall box is a named group', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await prepare(page, 'filled');
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      const words = (/** @type {string} */ s) => s.replace(/[^\p{L}\p{N}’']+/gu, ' ').trim().toLowerCase();
      const group = page.getByRole('radiogroup', { name: /^T1\.1 / });
      const snapshot = await group.ariaSnapshot();
      const names = [...snapshot.matchAll(/radio "([^"]*)"/g)].map((m) => m[1]);
      const shown = await group.locator('[role="radio"]').evaluateAll((els) => els.map((e) => /** @type {HTMLElement} */ (e).innerText));
      assert.equal(names.length, demo.scale.levels.length + 2);
      assert.deepEqual(names.slice(0, 2), [`0: ${demo.scale.levels[0].label}`, `1: ${demo.scale.levels[1].label}`]);
      assert.equal(names.at(-2), 'N/A: Not applicable');
      names.forEach((name, i) => assert.ok(words(name).startsWith(words(shown[i])), `${name} / ${shown[i]}`));
      for (const button of await page.locator('carepath-assessment button:visible').all()) {
        const label = (await button.innerText()).trim();
        const name = (await button.ariaSnapshot()).match(/"([^"]*)"/)?.[1] ?? label;
        assert.ok(words(name).startsWith(words(label)), `${name} / ${label}`);
      }
      // The overall box: a group named by its visible label, with the score inside.
      const overall = page.getByRole('group', { name: 'Overall' });
      assert.equal(await overall.count(), 1);
      assert.match((await overall.textContent()) ?? '', /Overall\d\.\dout of 5/);
      // Tabs: a named tablist whose orientation follows the layout; each tab controls its panel.
      assert.equal(await page.getByRole('tablist', { name: 'Themes' }).getAttribute('aria-orientation'), 'vertical');
      await page.setViewportSize({ width: 375, height: 800 });
      await page.waitForFunction(() => document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('[role="tablist"]')?.getAttribute('aria-orientation') === 'horizontal');
      for (const tab of await page.getByRole('tab').all()) {
        const panel = await tab.getAttribute('aria-controls');
        assert.equal(await page.locator(`carepath-assessment #${panel}`).getAttribute('role'), 'tabpanel');
        const name = (await tab.ariaSnapshot()).match(/"([^"]*)"/)?.[1] ?? '';
        const visible = words(await tab.innerText());
        assert.ok(words(name).startsWith(visible.split(' ')[0]), `${name} / ${visible}`);
        let from = 0;
        for (const word of visible.split(' ')) {
          const at = words(name).indexOf(word, from);
          assert.ok(at >= 0, `"${word}" of "${visible}" in "${name}"`);
          from = at + word.length;
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the overview draws a bar per theme over the bands, with each light’s word, and a text alternative', async () => {
    const { context, page, problems } = await open(env.browser, { width: 1280, height: 1100 });
    try {
      await prepare(page, 'filled');
      const { report } = await page.evaluate(() => ({ report: /** @type {any} */ (document.querySelector('carepath-assessment')).report }));
      const chart = page.getByRole('img', { name: /^Theme scores\./ });
      assert.equal(await chart.count(), 1);
      const alt = (await chart.getAttribute('aria-label')) ?? '';
      const word = (/** @type {string | null} */ light) => demo.scale.bands.find((b) => b.id === light)?.label ?? '';
      for (const t of report.themes) {
        const note = t.score === null ? 'no score yet' : `${t.score.toFixed(1)} ${word(t.light)}`;
        assert.ok(alt.includes(`${t.id} ${t.title}: ${note}`), `${t.id} in ${alt}`);
      }
      for (const b of demo.scale.bands) assert.ok(alt.includes(`${b.label} from ${b.from} to ${b.to}`), alt);
      const drawn = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (document.querySelector('carepath-assessment')?.shadowRoot);
        const rows = [...root.querySelectorAll('.cp-chart-row')];
        return rows.map((row) => {
          const track = /** @type {SVGSVGElement} */ (row.querySelector('svg'));
          const bar = track.querySelector('.cp-bar');
          const bands = [...track.querySelectorAll('.cp-band')].map((r) => ({ x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')), fill: getComputedStyle(r).fill }));
          return {
            label: row.querySelector('.cp-chart-label')?.textContent,
            note: row.querySelector('.cp-chart-note')?.textContent,
            width: bar ? Number(bar.getAttribute('width')) : null,
            barFill: bar ? getComputedStyle(bar).fill : null,
            bands,
            // Only shapes in the SVG: the words are text beside it.
            other: track.querySelectorAll(':not(rect):not(line)').length,
          };
        });
      });
      assert.equal(drawn.length, report.themes.length);
      const span = demo.scale.max - demo.scale.min;
      report.themes.forEach((/** @type {any} */ t, /** @type {number} */ i) => {
        const d = drawn[i];
        assert.equal(d.label, `${t.id} ${t.title}`);
        assert.equal(d.note, t.score === null ? 'no score yet' : `${t.score.toFixed(1)} ${word(t.light)}`);
        if (t.score !== null) assert.ok(Math.abs(/** @type {number} */ (d.width) - ((t.score - demo.scale.min) * 100) / span) < 1e-6, `${t.id} ${d.width}`);
        assert.equal(d.bands.length, demo.scale.bands.length);
        assert.equal(d.other, 0);
        // The bar has the colour of its own band.
        const band = demo.scale.bands.findIndex((b) => b.id === t.light);
        if (band >= 0) assert.equal(d.barFill, d.bands[band].fill);
      });
      const red = drawn[0].bands[demo.scale.bands.findIndex((b) => b.id === 'red')];
      assert.equal(red.x, 0);
      assert.ok(Math.abs(red.w - ((demo.scale.bands[0].to - demo.scale.min) * 100) / span) < 1e-6);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
