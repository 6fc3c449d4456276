// @ts-check
// Shared by the accessibility and language tests of the widget: a browser, the test server, a
// fresh page per test (recording console problems and CSP reports), and axe-core in the page.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { packageRoot, repoRoot } from '../helpers.mjs';

export const ARTIFACTS = path.join(repoRoot, 'artifacts');
const AXE = fs.readFileSync(path.join(packageRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** The rule sets the widget is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** Desktop, tablet, phone and a small phone, in CSS pixels. */
export const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 375, height: 812 },
  { name: 'small-phone', width: 320, height: 640 },
];

/** Starts the server and the browser once per test file; returns what the tests use. */
export async function launch() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh context and page: console errors and warnings, page errors and CSP reports recorded.
 * @param {import('playwright-core').Browser} browser
 * @param {{ width: number, height: number }} viewport
 * @param {{ hasTouch?: boolean, isMobile?: boolean }} [options]
 */
export async function open(browser, viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  /** @type {string[]} */
  const problems = [];
  let scanning = false;
  page.on('console', (m) => {
    // axe-core adds a <style> while it scans, which the strict CSP refuses and reports.
    if (scanning && m.text().includes('Content Security Policy')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  /**
   * Runs axe-core over the page (it reaches into the widget's open shadow root) and returns its
   * violations, one line each; CSP reports made during the scan are dropped.
   */
  const axe = async () => {
    scanning = true;
    try {
      const before = await page.evaluate(() => /** @type {any} */ (window).__csp.length);
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
      /** @type {string[]} */
      const violations = await page.evaluate(async (tags) => {
        const result = await /** @type {any} */ (window).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return result.violations.map((/** @type {any} */ v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((/** @type {any} */ n) => JSON.stringify(n.target)).join(' ')}`);
      }, AXE_TAGS);
      await page.evaluate((n) => /** @type {any} */ (window).__csp.splice(n), before);
      return violations;
    } finally {
      scanning = false;
    }
  };
  return { context, page, problems, axe };
}

/**
 * Goes to a page of the test server and waits for its widget to be ready and shown.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
export async function goto(page, url) {
  const response = await page.goto(url);
  assert.ok(response && response.ok(), `GET ${url}`);
  await waitReady(page);
}

/** @param {import('playwright-core').Page} page */
export async function waitReady(page) {
  await page.evaluate(async () => {
    await customElements.whenDefined('carepath-assessment');
    const el = /** @type {any} */ (document.querySelector('carepath-assessment'));
    await el.ready;
    // Every theme's standards, drawn just after ready: the tests read all of them.
    await el.drawn;
  });
  await page.locator('carepath-assessment .cp').waitFor({ state: 'visible' });
}

/** @param {import('playwright-core').Page} page */
export function cspViolations(page) {
  return page.evaluate(() => /** @type {any} */ (window).__csp);
}

/**
 * Saves a screenshot of the whole widget (its full height) under artifacts/.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function shoot(page, name) {
  fs.mkdirSync(path.dirname(path.join(ARTIFACTS, name)), { recursive: true });
  await page.locator('carepath-assessment').screenshot({ path: path.join(ARTIFACTS, name) });
}
