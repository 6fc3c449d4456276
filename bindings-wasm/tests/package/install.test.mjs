// @ts-check
// The npm tarball (dist/carepath-<version>.tgz, made by scripts/dist) installed into a new project
// outside the repository, used as a web team would use it:
//   - Node: import `carepath` (and `carepath/lite`), score an example, get the report the Rust
//     CLI gives for it; type-check a TypeScript file against the package's declarations;
//   - a page that loads the widget straight from node_modules/carepath/, no bundler, under the
//     strict CSP, in headless Chromium: it becomes ready and scores a click;
//   - a one-file app bundled with esbuild, and one built with Vite: each finds its wasm and runs.
// Run by scripts/test-dist:
//   CAREPATH_TGZ=dist/carepath-<v>.tgz CAREPATH_CLI=<carepath binary> node --test tests/package/

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import { CSP, startServer } from '../../scripts/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WASM_DIR = path.resolve(HERE, '..', '..');
const ROOT = path.resolve(WASM_DIR, '..');
const TGZ = process.env.CAREPATH_TGZ;
const CLI = process.env.CAREPATH_CLI;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const EXAMPLE = path.join(ROOT, 'standards', 'examples', 'northbrook-2024.json');
if (!TGZ || !CLI) throw new Error('set CAREPATH_TGZ (the npm tarball) and CAREPATH_CLI (the carepath binary): see scripts/test-dist');

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-npm-'));
/** @type {import('playwright-core').Browser} */
let browser;

/** @param {string} rel @param {string} text */
function write(rel, text) {
  fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
  fs.writeFileSync(path.join(project, rel), text);
}

/** @param {string} file @param {string[]} args */
function run(file, args, cwd = project) {
  return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The report of the example as the Rust CLI (built from the workspace) gives it. */
function cliReport() {
  return JSON.parse(run(/** @type {string} */ (CLI), ['score', EXAMPLE, '--format', 'json']));
}

before(async () => {
  write('package.json', JSON.stringify({ name: 'a-web-teams-app', private: true, type: 'module' }, null, 2));
  // The tarball has no dependencies: the install needs no registry.
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', path.resolve(/** @type {string} */ (TGZ))]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  fs.rmSync(project, { recursive: true, force: true });
});

/**
 * Serves `dir` under the strict CSP and opens `page` in a fresh context that records CSP
 * violations, console errors and warnings, and page errors.
 * @param {string} dir
 * @param {string} at
 */
async function open(dir, at) {
  // An icon of its own: without one the browser asks for /favicon.ico (a 404 in the console),
  // and a data: icon is blocked by the CSP's img-src.
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
  const server = await startServer({ routes: [['/', dir]] });
  const context = await browser.newContext();
  await context.addInitScript(() => {
    /** @type {any} */ (window).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      /** @type {any} */ (window).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const response = await page.goto(server.url + at);
  assert.ok(response?.ok(), `GET ${at}`);
  assert.equal(response?.headers()['content-security-policy'], CSP);
  const close = async () => {
    await context.close();
    await server.close();
  };
  return { page, problems, requests: server.requests, close, csp: () => page.evaluate(() => /** @type {any} */ (window).__csp) };
}

/**
 * The app the bundler tests build: loads the module, rates two standards, shows the score.
 * @param {{ imports: string, argument: string }} initCall how the app names its wasm, if at all
 */
const APP = (initCall) => `import { init, loadCatalogue } from 'carepath';
${initCall.imports}
const out = document.getElementById('out');
init(${initCall.argument}).then(() => {
  const catalogue = loadCatalogue('perinatal-mental-health@2.0.0');
  let assessment = catalogue.newAssessment('Northbrook', '2024-11-13');
  assessment = catalogue.rate(assessment, 'T1.1', 4);
  assessment = catalogue.rate(assessment, 'T1.2', 1);
  const report = catalogue.score(assessment);
  out.textContent = JSON.stringify({ edition: catalogue.reference.version, t1: report.themes.find((t) => t.id === 'T1').score });
}, (err) => { out.textContent = 'failed: ' + err.message; });
`;

/** @param {string} script */
const PAGE = (script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><title>app</title>
<script type="module" src="${script}"></script></head>
<body><output id="out">loading</output></body></html>
`;

/** @param {import('playwright-core').Page} page */
async function appResult(page) {
  await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'loading');
  return page.textContent('#out');
}

describe('the npm package installed into a project outside the repository', () => {
  it('holds what package.json promises, with the workspace version', () => {
    const installed = path.join(project, 'node_modules', 'carepath');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const source = JSON.parse(fs.readFileSync(path.join(WASM_DIR, 'package.json'), 'utf8'));
    assert.equal(manifest.version, source.version);
    for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'pkg/carepath.js', 'pkg/carepath-widget.js', 'pkg/carepath-widget.css',
      'pkg/carepath.d.ts', 'pkg/carepath-widget.d.ts', 'pkg/carepath_wasm_bg.wasm', 'pkg/lite/carepath_wasm_bg.wasm', 'pkg/lite/exchange/carepath_wasm_bg.wasm',
      'pkg/lite/carepath-widget.bundle.js',
      'pkg/catalogues/perinatal-mental-health/2.0.0.json']) {
      assert.ok(fs.existsSync(path.join(installed, f)), `node_modules/carepath/${f} is missing`);
    }
  });

  it('imports in Node and scores an example exactly as the Rust CLI does (full and lite modules)', () => {
    write('score.mjs', `import fs from 'node:fs';
const lite = process.argv[3] === 'lite';
const carepath = await import(lite ? 'carepath/lite' : 'carepath');
carepath.initSync(fs.readFileSync(new URL(import.meta.resolve(lite ? 'carepath/lite/carepath_wasm_bg.wasm' : 'carepath/carepath_wasm_bg.wasm'))));
const assessment = carepath.readAssessment(fs.readFileSync(process.argv[2], 'utf8'));
// The lite module fetches the edition from the installed package's catalogues/ (a no-op in the full one).
const added = await carepath.loadEditionsFor(assessment, { catalogue: \`\${assessment.catalogue.id}@\${assessment.catalogue.version}\` });
if (lite !== (added.length === 1)) throw new Error(\`editions added: \${JSON.stringify(added)}\`);
const catalogue = carepath.loadCatalogueFor(assessment);
// FHIR: built into the full module; the lite one reads its exchange module from the package.
if (lite !== !carepath.isExchangeLoaded()) throw new Error('exchange module: built in only in the full package');
await carepath.loadExchange();
if (JSON.stringify(catalogue.fromFhir(catalogue.toFhir(assessment))) !== JSON.stringify(assessment)) throw new Error('FHIR round trip');
process.stdout.write(JSON.stringify(catalogue.score(assessment)));
`);
    const expected = cliReport();
    console.log(`node ${process.version}`);
    assert.deepEqual(JSON.parse(run(process.execPath, ['score.mjs', EXAMPLE])), expected);
    assert.deepEqual(JSON.parse(run(process.execPath, ['score.mjs', EXAMPLE, 'lite'])), expected);
  });

  it('type-checks a TypeScript user of "." and "./widget" against the shipped declarations', () => {
    write('check.ts', `import { CarepathError, loadCatalogue, type Report } from 'carepath';
import 'carepath/widget';
const report: Report = loadCatalogue('perinatal-mental-health@2.0.0').score('{}');
const el = document.querySelector('carepath-assessment');
void el?.ready.then(() => el.report);
export const overall: number | null = report.overall.score;
export const isError = (e: unknown): boolean => e instanceof CarepathError;
`);
    write('tsconfig.json', JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], skipLibCheck: false, types: [] },
      files: ['check.ts'],
    }));
    run(path.join(WASM_DIR, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
  });

  it('serves the widget straight from node_modules/carepath/, no bundler, under the strict CSP: ready, and a click scores', async () => {
    write('index.html', `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><title>carepath from node_modules</title>
<script type="module" src="/node_modules/carepath/pkg/carepath-widget.js"></script></head>
<body><carepath-assessment catalogue="perinatal-mental-health@2.0.0" area="Northbrook" storage-key=""></carepath-assessment></body></html>
`);
    const { page, problems, requests, close, csp } = await open(project, '/');
    try {
      await page.evaluate(async () => {
        await customElements.whenDefined('carepath-assessment');
        await /** @type {any} */ (document.querySelector('carepath-assessment')).ready;
      });
      await page.locator('carepath-assessment .cp').waitFor({ state: 'visible' });
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await page.locator('carepath-assessment article[id$="-s-T1.1"] [role="radio"][data-value="4"]').click();
      const report = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).report);
      assert.equal(report.themes.find((/** @type {any} */ t) => t.id === 'T1').score, 4);
      assert.equal(report.standards.find((/** @type {any} */ s) => s.id === 'T1.1').light, 'green');
      for (const f of ['carepath-widget.js', 'carepath-widget.css', 'carepath_wasm_bg.wasm']) {
        assert.ok(requests.includes(`/node_modules/carepath/pkg/${f}`), `${f} was not loaded from node_modules: ${requests.join(' ')}`);
      }
      assert.deepEqual(await csp(), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('serves the lite widget in one file from node_modules/carepath/, under the strict CSP: one script, ready, and a click scores', async () => {
    write('bundle.html', `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><title>carepath in one file</title>
<script type="module" src="/node_modules/carepath/pkg/lite/carepath-widget.bundle.js"></script></head>
<body><carepath-assessment area="Northbrook" storage-key=""></carepath-assessment></body></html>
`);
    const { page, problems, requests, close, csp } = await open(project, '/bundle.html');
    try {
      await page.evaluate(async () => {
        await customElements.whenDefined('carepath-assessment');
        await /** @type {any} */ (document.querySelector('carepath-assessment')).ready;
      });
      const scripts = requests.filter((r) => r.endsWith('.js'));
      assert.deepEqual(scripts, ['/node_modules/carepath/pkg/lite/carepath-widget.bundle.js'], 'no other JavaScript before ready');
      for (const f of ['lite/carepath-widget.css', 'lite/carepath_wasm_bg.wasm', 'catalogues/perinatal-mental-health/3.1.0.json']) {
        assert.ok(requests.includes(`/node_modules/carepath/pkg/${f}`), `${f} was not loaded from node_modules: ${requests.join(' ')}`);
      }
      await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
      await page.locator('carepath-assessment article[id$="-s-T1.1"] [role="radio"][data-value="4"]').click();
      const report = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).report);
      assert.equal(report.themes.find((/** @type {any} */ t) => t.id === 'T1').score, 4);
      assert.deepEqual(await csp(), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('bundles a one-file app with esbuild that finds its wasm and runs', async () => {
    write('esbuild/app.js', APP({ imports: "import wasmUrl from 'carepath/carepath_wasm_bg.wasm';", argument: 'wasmUrl' }));
    const out = path.join(project, 'esbuild', 'out');
    run(path.join(WASM_DIR, 'node_modules', '.bin', 'esbuild'),
      ['esbuild/app.js', '--bundle', '--format=esm', '--target=es2022', '--minify', '--loader:.wasm=file', `--outdir=${out}`, '--log-level=warning']);
    const built = fs.readdirSync(out).sort();
    assert.equal(built.length, 2, `esbuild wrote ${built.join(', ')}`);
    assert.equal(built[0], 'app.js');
    assert.match(built[1], /^carepath_wasm_bg-[A-Z0-9]+\.wasm$/);
    fs.writeFileSync(path.join(out, 'index.html'), PAGE('app.js'));
    const { page, problems, requests, close, csp } = await open(out, '/');
    try {
      assert.deepEqual(JSON.parse(String(await appResult(page))), { edition: '2.0.0', t1: 2.5 });
      assert.ok(requests.includes(`/${built[1]}`), `the bundle did not load its wasm: ${requests.join(' ')}`);
      assert.deepEqual(await csp(), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('builds with Vite an app of the API and the widget that finds its wasm and stylesheet and runs', async () => {
    const vite = path.join(HERE, 'node_modules', 'vite', 'bin', 'vite.js');
    assert.ok(fs.existsSync(vite), 'Vite is missing: npm ci in bindings-wasm/tests/package/');
    write('vite/index.html', PAGE('./main.js').replace('</body>',
      '<carepath-assessment catalogue="perinatal-mental-health@2.0.0" area="Eastmere" storage-key=""></carepath-assessment></body>'));
    write('vite/main.js', `import 'carepath/widget';\n${APP({ imports: '', argument: '' })}`);
    run(process.execPath, [vite, 'build', '--logLevel', 'warn', '--emptyOutDir'], path.join(project, 'vite'));
    const out = path.join(project, 'vite', 'dist');
    const assets = fs.readdirSync(path.join(out, 'assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `Vite emitted no wasm: ${assets.join(', ')}`);
    const { page, problems, close, csp } = await open(out, '/');
    try {
      assert.deepEqual(JSON.parse(String(await appResult(page))), { edition: '2.0.0', t1: 2.5 });
      await page.evaluate(async () => {
        await /** @type {any} */ (document.querySelector('carepath-assessment')).ready;
      });
      await page.locator('carepath-assessment .cp').waitFor({ state: 'visible' });
      await page.locator('carepath-assessment [role="tab"][data-tab="T2"]').click();
      await page.locator('carepath-assessment article[id$="-s-T2.1"] [role="radio"][data-value="1"]').click();
      const report = await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).report);
      assert.equal(report.themes.find((/** @type {any} */ t) => t.id === 'T2').score, 1);
      assert.deepEqual(await csp(), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
