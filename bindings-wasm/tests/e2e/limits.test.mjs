// @ts-check
// Resource limits and raw bytes in the widget, in headless Chromium under the strict CSP: a
// catalogue fetched from a URL, or a file imported, that is larger than `max-bytes` is refused
// before it is parsed, with a message and a carepath-error, and the assessment on screen stays as
// it was; an imported file that is not UTF-8 is refused with its line and column, never read
// with U+FFFD in place of what was typed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { launch } from './page.mjs';

/** @type {Awaited<ReturnType<typeof launch>>} */
let run;
/** @type {Awaited<ReturnType<typeof launch>>['server']} */
let server;

before(async () => {
  run = await launch();
  server = run.server;
});

after(async () => {
  await run?.close();
});

/** A page that records carepath-error events and page errors. */
async function open() {
  const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    /** @type {any} */ (window).__errors = [];
    document.addEventListener('carepath-error', (e) => /** @type {any} */ (window).__errors.push(/** @type {CustomEvent} */ (e).detail));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { context, page, problems };
}

/** @param {import('playwright-core').Page} page */
function errors(page) {
  return page.evaluate(() => /** @type {Array<{ code: string, message: string }>} */ (/** @type {any} */ (window).__errors));
}

/** @param {import('playwright-core').Page} page */
async function ready(page) {
  await page.evaluate(async () => {
    await customElements.whenDefined('carepath-assessment');
    await /** @type {any} */ (document.querySelector('carepath-assessment')).ready;
  });
}

describe('limits and bytes in the widget', () => {
  it('refuses a fetched catalogue larger than max-bytes before parsing it', async () => {
    const { context, page, problems } = await open();
    try {
      await page.goto(`${server.url}/fixtures/limits.html`);
      await ready(page);
      const seen = await errors(page);
      assert.equal(seen.length, 1, JSON.stringify(seen));
      assert.equal(seen[0].code, 'too_large');
      assert.match(seen[0].message, /more than the 4096 bytes this form reads/);
      assert.match(await page.locator('carepath-assessment .cp-load-error').innerText(), /4096 bytes/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('refuses an imported file larger than max-bytes, or not UTF-8, and keeps what is on screen', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-limits-'));
    const { context, page, problems } = await open();
    try {
      await page.goto(`${server.url}/`);
      await ready(page);
      // Rate something, so that there is work on screen to keep.
      await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
        const a = el.assessment;
        a.ratings['T1.1'] = { rating: 4, evidence: 'café ☕ — kept' };
        el.assessment = a;
      });
      const before = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment);
      const exported = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).export());

      // Too large: the default limit is 2 MiB; a host lowers it here to make the point.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.setAttribute('max-bytes', '200'));
      const big = path.join(tmp, 'big.json');
      fs.writeFileSync(big, exported);
      assert.ok(fs.statSync(big).size > 200);
      await page.locator('carepath-assessment input[type="file"]').setInputFiles(big);
      await page.waitForFunction(() => /larger than the 200 bytes/.test(document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('.cp-status')?.textContent ?? ''));
      assert.equal((await errors(page)).at(-1)?.code, 'too_large');
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment), before);

      // Not UTF-8: read as bytes by the core, refused with the place of the bad byte.
      await page.evaluate(() => document.querySelector('carepath-assessment')?.removeAttribute('max-bytes'));
      const latin1 = path.join(tmp, 'latin1.json');
      fs.writeFileSync(latin1, Buffer.from(exported.replace('café', 'caf\u00e9'), 'latin1'));
      await page.locator('carepath-assessment input[type="file"]').setInputFiles(latin1);
      await page.waitForFunction(() => /Could not import latin1\.json/.test(document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('.cp-status')?.textContent ?? ''));
      const last = (await errors(page)).at(-1);
      assert.equal(last?.code, 'syntax');
      assert.match(last?.message ?? '', /not UTF-8/);
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment), before);

      // The same file saved as UTF-8 with a byte-order mark imports.
      const bom = path.join(tmp, 'bom.json');
      fs.writeFileSync(bom, `\ufeff${exported}`);
      await page.locator('carepath-assessment input[type="file"]').setInputFiles(bom);
      await page.waitForFunction(() => /Imported bom\.json/.test(document.querySelector('carepath-assessment')?.shadowRoot?.querySelector('.cp-status')?.textContent ?? ''));
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).assessment), before);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
