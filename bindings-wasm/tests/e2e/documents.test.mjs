// @ts-check
// The documents (the assessment report, the comparison, the benchmark and the consensus) as a
// reader opens them on a phone or a desktop, in headless Chromium: no sideways scroll at 375 and
// 320 px (a wide table scrolls within its own box, which takes the keyboard focus), no axe-core
// violation, and the assessment report's theme chart marks each theme's score with every target
// met. Screenshots go to artifacts/documents/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as carepath from '../../pkg/carepath.js';
import { loadWasm, pkgDir, repoRoot } from '../helpers.mjs';
import { ARTIFACTS, launch, open } from './page.mjs';

loadWasm();

const EXAMPLES = path.join(repoRoot, 'standards', 'examples');
const SHOTS = path.join(ARTIFACTS, 'documents');
/** @param {string} name */
const example = (name) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');

/** @type {Awaited<ReturnType<typeof launch>>} */
let env;
before(async () => {
  env = await launch();
  await carepath.initReports(fs.readFileSync(path.join(pkgDir, 'report', 'carepath_report_wasm_bg.wasm')));
});
after(async () => {
  await env?.close();
});

/** @returns {Promise<Record<string, string>>} */
async function documents() {
  const nb24 = example('northbrook-2024.json');
  const nb25 = example('northbrook-2025.json');
  const areas2024 = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('-2024.json')).sort().map(example);
  const raters = fs.readdirSync(path.join(EXAMPLES, 'consensus')).filter((f) => f.endsWith('.json')).sort().map((f) => example(path.join('consensus', f)));
  return {
    report: await carepath.reportHtml(nb24, carepath.loadCatalogueFor(nb24)),
    comparison: await carepath.comparisonHtml(nb24, nb25, carepath.loadCatalogueFor(nb25)),
    benchmark: await carepath.benchmarkHtml(areas2024),
    consensus: await carepath.consensusHtml(raters),
  };
}

describe('the documents on a phone and a desktop', () => {
  it('the theme chart marks the score with every target met, in the picture and in words', async () => {
    const { report } = await documents();
    const nb24 = carepath.readAssessment(example('northbrook-2024.json'));
    const scored = carepath.loadCatalogueFor(nb24).score(nb24);
    const aimed = scored.themes.filter((t) => t.score !== null && t.target_score !== null);
    assert.ok(aimed.length > 0, 'the example has themes with targets');
    const { context, page } = await open(env.browser, { width: 1280, height: 900 });
    try {
      await page.setContent(report);
      const marks = await page.locator('#theme-bars line.target-mark').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-target'))));
      assert.deepEqual(marks, aimed.map((t) => t.target_score));
      const desc = (await page.locator('#theme-bars desc').textContent()) ?? '';
      for (const t of aimed) assert.ok(desc.includes(`${(/** @type {number} */ (t.target_score)).toFixed(1)} with every target met`), desc);
      assert.equal(await page.locator('#theme-table th', { hasText: 'With targets met' }).count(), 1);
    } finally {
      await context.close();
    }
  });

  for (const width of [1280, 375, 320]) {
    it(`at ${width} px: no sideways scroll in any document, tables scroll in their own box, no axe violation`, async () => {
      const docs = await documents();
      const { context, page, axe, problems } = await open(env.browser, { width, height: 900 }, width < 800 ? { hasTouch: true, isMobile: true } : {});
      try {
        fs.mkdirSync(SHOTS, { recursive: true });
        for (const [name, html] of Object.entries(docs)) {
          await page.setContent(html);
          const overflow = await page.evaluate(() => {
            const width = document.documentElement.clientWidth;
            const outside = [...document.querySelectorAll('body *')]
              .filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > width + 0.5)
              .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.getAttribute('class') ?? ''}`);
            const loose = [...document.querySelectorAll('table')].filter((t) => !t.parentElement?.classList.contains('scroll')).length;
            return { scroll: document.documentElement.scrollWidth - width, outside: outside.slice(0, 5), loose };
          });
          assert.deepEqual(overflow, { scroll: 0, outside: [], loose: 0 }, `${name} at ${width} px`);
          assert.deepEqual(await axe(), [], `${name} at ${width} px`);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: width < 800 });
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
