// @ts-check
// Size and speed of what a page downloads and runs (a benchmark script, not a test):
//
//   bindings-wasm/scripts/build.sh && node bindings-wasm/scripts/measure.mjs [--runs N] [--lite] [--sizes]
//
// --lite times the widget of pkg/lite/ instead of pkg/; --sizes prints the sizes only.
//
// Sizes: every file the widget needs, raw, gzip -9 and brotli, for the full package (pkg/) and the
// lite one (pkg/lite/, without compare, benchmark, consensus and the editions' texts: it fetches
// the edition a page shows, counted as part of its download); the bundled catalogue data inside
// the full wasm is counted apart, per edition (its bytes are found in the module and zeroed to
// see what they add).
// Speed, in headless Chromium (median of several runs): loading the page until the widget is
// ready; drawing the full catalogue in a page whose module is already loaded; re-scoring after
// one click (rate + score + redraw + autosave + event); and a bare score() call.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { chromium } from 'playwright-core';

import { startServer } from './serve.mjs';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(HERE, '..');
const PKG = path.join(HERE, 'pkg');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const TIMED = process.argv.includes('--lite') ? '/pkg/lite' : '/pkg';
const SIZES_ONLY = process.argv.includes('--sizes');
const EXAMPLE_2016 = fs.readFileSync(path.join(ROOT, 'standards', 'examples', 'northbrook-2016.json'), 'utf8');

if (!fs.existsSync(path.join(PKG, 'carepath_wasm_bg.wasm'))) {
  console.error('pkg/ is missing: run bindings-wasm/scripts/build.sh first');
  process.exit(1);
}

const gzip = (/** @type {Buffer} */ b) => zlib.gzipSync(b, { level: 9 }).length;
const brotli = (/** @type {Buffer} */ b) =>
  zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------- sizes

const FILES = ['carepath_wasm_bg.wasm', 'carepath_wasm.js', 'carepath.js', 'carepath-widget.js', 'carepath-messages.js', 'carepath-widget.css'];
// Loaded only by a widget whose interface is in that language: not part of the first load.
const ON_DEMAND = ['carepath-messages-cy.js'];

// Bundled catalogue texts, to be found verbatim in the module.
const catalogueFiles = [];
for (const dir of fs.readdirSync(path.join(ROOT, 'standards'))) {
  const full = path.join(ROOT, 'standards', dir);
  if (!fs.statSync(full).isDirectory() || dir === 'schemas' || dir === 'examples') continue;
  for (const f of fs.readdirSync(full).filter((x) => x.endsWith('.json'))) catalogueFiles.push(path.join(full, f));
}

/** @param {number} n */
const pad = (n) => kb(n).padStart(12);

// The edition a page shows by default: the lite package fetches it.
const SHOWN = path.join(PKG, 'catalogues', 'perinatal-mental-health', '3.1.0.json');

for (const [label, dir] of [['pkg/ (full)', PKG], ['pkg/lite/ (no compare, benchmark, consensus, editions)', path.join(PKG, 'lite')]]) {
  if (!fs.existsSync(path.join(dir, 'carepath_wasm_bg.wasm'))) continue;
  const wasm = fs.readFileSync(path.join(dir, 'carepath_wasm_bg.wasm'));
  console.log(`\nSizes of ${label} as built (wasm after wasm-opt; JS and CSS minified)\n`);
  console.log(`${'file'.padEnd(44)}${'raw'.padStart(12)}${'gzip -9'.padStart(12)}${'brotli'.padStart(12)}`);
  let totalRaw = 0;
  let totalGz = 0;
  let totalBr = 0;
  for (const f of FILES) {
    const b = fs.readFileSync(path.join(dir, f));
    totalRaw += b.length;
    totalGz += gzip(b);
    totalBr += brotli(b);
    console.log(`${f.padEnd(44)}${pad(b.length)}${pad(gzip(b))}${pad(brotli(b))}`);
  }
  let fetchedGz = 0;
  let fetchedBr = 0;
  if (dir !== PKG) {
    const b = fs.readFileSync(SHOWN);
    fetchedGz = gzip(b);
    fetchedBr = brotli(b);
    totalRaw += b.length;
    totalGz += fetchedGz;
    totalBr += fetchedBr;
    console.log(`${'../catalogues/…/3.1.0.json (fetched)'.padEnd(44)}${pad(b.length)}${pad(fetchedGz)}${pad(fetchedBr)}`);
  }
  console.log(`${'total download'.padEnd(44)}${pad(totalRaw)}${pad(totalGz)}${pad(totalBr)}`);
  for (const f of ON_DEMAND) {
    const b = fs.readFileSync(path.join(dir, f));
    console.log(`${`${f} (only for that language)`.padEnd(44)}${pad(b.length)}${pad(gzip(b))}${pad(brotli(b))}`);
  }
  // What each bundled edition adds to the module, and all of them together.
  const withoutCatalogues = Buffer.from(wasm);
  for (const f of catalogueFiles) {
    const text = fs.readFileSync(f);
    const at = wasm.indexOf(text);
    if (at < 0) continue;
    withoutCatalogues.fill(0, at, at + text.length);
    const alone = Buffer.from(wasm);
    alone.fill(0, at, at + text.length);
    const name = `  of which ${path.relative(path.join(ROOT, 'standards'), f)}`;
    console.log(`${name.padEnd(44)}${pad(text.length)}${pad(gzip(wasm) - gzip(alone))}${pad(brotli(wasm) - brotli(alone))}`);
  }
  const catalogueGz = gzip(wasm) - gzip(withoutCatalogues) + fetchedGz;
  const catalogueBr = brotli(wasm) - brotli(withoutCatalogues) + fetchedBr;
  console.log(`${'  of which all catalogue data'.padEnd(44)}${''.padStart(12)}${pad(catalogueGz)}${pad(catalogueBr)}`);
  console.log(`${'code (all but catalogue data)'.padEnd(44)}${''.padStart(12)}${pad(totalGz - catalogueGz)}${pad(totalBr - catalogueBr)}   (aim: <= 100 KB gzipped)`);
}

// ---------------------------------------------------------------- speed

if (SIZES_ONLY) process.exit(0);

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
try {
  let what = '';
  /** @type {number[]} */
  const pageLoad = [];
  /** @type {number[]} */
  const render = [];
  /** @type {number[]} */
  const rescore = [];
  /** @type {number[]} */
  const scoreOnly = [];
  /** @type {number[]} */
  const migrateOnly = [];
  /** @type {number[]} */
  const carryAcross = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // 1. A cold page: HTML, module scripts, wasm fetch and compile, catalogue, first draw.
    await page.goto(`${server.url}/fixtures/blank.html`);
    const loaded = await page.evaluate(async (base) => {
      const t0 = performance.now();
      const mod = await import(/** @type {string} */ (`${base}/carepath-widget.js`));
      const el = /** @type {any} */ (document.createElement('carepath-assessment'));
      el.setAttribute('storage-key', '');
      document.body.append(el);
      await el.ready;
      void el.shadowRoot.querySelector('.cp').offsetHeight;
      const t1 = performance.now();
      el.remove();
      // 2. First render of the full catalogue with the module loaded: parse the catalogue, build
      // every standard, score, and lay out.
      const times = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const again = /** @type {any} */ (document.createElement('carepath-assessment'));
        again.setAttribute('storage-key', '');
        document.body.append(again);
        await again.ready;
        void again.shadowRoot.querySelector('.cp-panels').offsetHeight;
        times.push(performance.now() - s);
        again.remove();
      }
      void mod;
      const data = el.catalogueData;
      const what = `${data.id}@${data.version}, ${data.themes.reduce((/** @type {number} */ n, /** @type {any} */ t) => n + t.standards.length, 0)} standards`;
      return { load: t1 - t0, render: times, what };
    }, TIMED);
    pageLoad.push(loaded.load);
    what = loaded.what;
    render.push(median(loaded.render));

    // 3. Re-score after one click, a bare score() call, and carrying the 2016 example across
    // into the 2024 edition (migrate(), and the widget's load() with migrate: true).
    const clicks = await page.evaluate(async ({ base, old }) => {
      const el = /** @type {any} */ (document.createElement('carepath-assessment'));
      el.setAttribute('storage-key', 'measure');
      document.body.append(el);
      await el.ready;
      el.showTheme('T1');
      const root = el.shadowRoot;
      const pick = (/** @type {string} */ v) => root.querySelector(`article[id$="-s-T1.1"] [role="radio"][data-value="${v}"]`);
      const times = [];
      for (let i = 0; i < 61; i++) {
        const target = pick(i % 2 ? '2' : '4');
        const s = performance.now();
        target.click();
        void root.querySelector('.cp-panels').offsetHeight;
        times.push(performance.now() - s);
      }
      const carepath = await import(/** @type {string} */ (`${base}/carepath.js`));
      const catalogue = carepath.loadCatalogue();
      // The lite package fetches earlier editions, and its exchange module, when first needed.
      if (carepath.loadEditionsFor) await carepath.loadEditionsFor(old);
      const assessment = el.assessment;
      const scores = [];
      for (let i = 0; i < 201; i++) {
        const s = performance.now();
        catalogue.score(assessment);
        scores.push(performance.now() - s);
      }
      const migrations = [];
      for (let i = 0; i < 21; i++) {
        const s = performance.now();
        catalogue.migrate(old);
        migrations.push(performance.now() - s);
      }
      const loads = [];
      for (let i = 0; i < 11; i++) {
        const s = performance.now();
        el.load(old, { migrate: true });
        void root.querySelector('.cp-panels').offsetHeight;
        loads.push(performance.now() - s);
      }
      return { clicks: times.slice(1), scores: scores.slice(1), migrations: migrations.slice(1), loads: loads.slice(1) };
    }, { base: TIMED, old: EXAMPLE_2016 });
    rescore.push(median(clicks.clicks));
    scoreOnly.push(median(clicks.scores));
    migrateOnly.push(median(clicks.migrations));
    carryAcross.push(median(clicks.loads));
    await context.close();
  }
  const ms = (/** @type {number} */ x) => `${x.toFixed(2)} ms`;
  console.log(`\nSpeed of the widget of ${TIMED.slice(1)}/ in headless Chromium ${browser.version()} (median of ${RUNS} runs)\n`);
  console.log(`page load to widget ready (fetch + compile wasm, draw):   ${ms(median(pageLoad))}`);
  console.log(`first render of the full catalogue:                       ${ms(median(render))}   (aim: < 100 ms; ${what})`);
  console.log(`re-score after one click (rate, score, redraw, autosave): ${ms(median(rescore))}   (aim: < 2 ms)`);
  console.log(`score() of one assessment alone:                          ${ms(median(scoreOnly))}`);
  console.log(`migrate() of the 2016 example into edition 2.0.0:         ${ms(median(migrateOnly))}`);
  console.log(`widget load() of it with migrate: true (and redraw):      ${ms(median(carryAcross))}`);
} finally {
  await browser.close();
  await server.close();
}
