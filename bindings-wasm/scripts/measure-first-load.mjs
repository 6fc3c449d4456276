// @ts-check
// The widget's first load as a phone meets it (a benchmark script, not a test):
//
//   bindings-wasm/scripts/build.sh && node bindings-wasm/scripts/measure-first-load.mjs [--runs N] [--throttle R]
//     [--latency MS --down KBPS]   (a mobile network too: round trip and download rate)
//     [--trace]                    (and where the page's main thread spends its time before ready)
//
// For the demo page (which preloads the lite package's files), a page of the lite package's widget
// without preload links (pkg/lite/carepath-widget.js) and one of its one-file widget
// (pkg/lite/carepath-widget.bundle.js), each in a fresh headless Chromium context (empty cache)
// at phone size:
//
// - what the browser actually fetches before `carepath-ready`: every response, raw and gzip -9
//   (what a server that compresses would send), by file, and in all;
// - with the CPU throttled R times (default 4, Chromium's "low-end mobile"), the time from
//   navigation to `carepath-ready`, and, once every theme is drawn, from a click on a rating to
//   the next `carepath-change` and to the frame after it (median of N runs, default 5).
//
// With --trace, each load is also traced (Chromium's timeline), and the main thread's time from
// navigation to `carepath-ready` is split by kind of work (each event's own time, without the
// events inside it), so that the next change goes where the time is.
//
// The page shows edition 3.1.0 (77 standards in 7 themes, nine population groups).

import zlib from 'node:zlib';

import { chromium } from 'playwright-core';

import { startServer } from './serve.mjs';

const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = arg('--runs', 5);
const THROTTLE = arg('--throttle', 4);
// A mobile network as well, when asked: the round-trip time in ms and the download rate in
// kbit/s (Chromium's "Slow 4G" preset is 150 ms and 1,600 kbit/s, its "Fast 4G" 60 ms and 9,000).
const LATENCY = arg('--latency', 0);
const DOWN = arg('--down', 0);
const TRACE = process.argv.includes('--trace');
const PAGES = [
  { name: 'demo page, pkg/', url: '/' },
  { name: 'lite package, pkg/lite/', url: '/fixtures/lite.html' },
  { name: 'lite package in one file, pkg/lite/carepath-widget.bundle.js', url: '/fixtures/lite-bundle.html' },
];

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;

// Over an emulated network the files travel gzipped, as a production server sends them.
const server = await startServer({ compress: Boolean(LATENCY || DOWN) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});

/**
 * One cold load of a page: what was fetched before ready, and the timings.
 * @param {string} url
 * @param {number} throttle
 */
async function load(url, throttle) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    document.addEventListener('carepath-ready', () => {
      w.__readyAt = performance.now();
      performance.mark('carepath-ready');
      w.__cpReady?.();
    });
    document.addEventListener('click', () => (w.__clickAt = performance.now()), { capture: true });
    document.addEventListener('carepath-change', () => {
      const at = performance.now();
      w.__changes.push(at);
      requestAnimationFrame(() => requestAnimationFrame(() => w.__frames.push(performance.now())));
    });
    w.__changes = [];
    w.__frames = [];
  });
  const page = await context.newPage();
  let ready = false;
  await page.exposeFunction('__cpReady', () => {
    ready = true;
  });
  /** @type {Array<Promise<{ file: string, raw: number, gz: number } | null>>} */
  const fetched = [];
  page.on('response', (response) => {
    if (ready) return;
    fetched.push(
      response
        .body()
        .then((body) => ({ file: new URL(response.url()).pathname, raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length }))
        .catch(() => null),
    );
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (LATENCY || DOWN) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY,
      downloadThroughput: DOWN ? (DOWN * 1000) / 8 : -1,
      uploadThroughput: -1,
    });
  }
  if (TRACE) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8', 'v8.wasm', 'blink', 'blink.user_timing', 'loading'] });
  await page.goto(`${server.url}${url}`);
  await page.waitForFunction(() => /** @type {any} */ (window).__readyAt !== undefined, undefined, { timeout: 60_000 });
  const readyAt = await page.evaluate(() => /** @type {any} */ (window).__readyAt);
  const files = (await Promise.all(fetched)).filter((f) => f !== null);
  const work = TRACE ? mainThreadWork(JSON.parse((await browser.stopTracing()).toString()).traceEvents) : null;

  // Clicks on a rating of the first theme, each waiting for its change and the frame after it,
  // once every theme is drawn (the widget draws those not shown just after ready): a click is
  // timed with all 77 standards in the page.
  await page.evaluate(() => /** @type {any} */ (document.querySelector('carepath-assessment')).drawn);
  await page.locator('carepath-assessment [role="tab"][data-tab="T1"]').click();
  const clicks = [];
  const frames = [];
  for (let i = 0; i < 9; i++) {
    const before = await page.evaluate(() => /** @type {any} */ (window).__frames.length);
    await page.locator(`carepath-assessment article[id$="-s-T1.1"] [role="radio"][data-value="${i % 2 ? 2 : 4}"]`).click();
    await page.waitForFunction((n) => /** @type {any} */ (window).__frames.length > n, before);
    const t = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return { click: w.__clickAt, change: w.__changes.at(-1), frame: w.__frames.at(-1) };
    });
    clicks.push(t.change - t.click);
    frames.push(t.frame - t.click);
  }
  await context.close();
  return { files, readyAt, click: median(clicks), frame: median(frames), work };
}

/**
 * The kind of work of a timeline event, by its name (null: of the kind of the event around it).
 * @param {string} name
 */
function kindOf(name) {
  if (name === 'wasm.CompileLazy') return 'WebAssembly compiled on first call';
  if (name.startsWith('wasm.') || name.startsWith('v8.wasm')) return 'WebAssembly streamed and instantiated';
  if (/^(v8\.compile|v8\.parse|V8\.Compile|v8\.produce|v8\.deserial)/i.test(name)) return 'JavaScript parsed and compiled';
  // Microtasks are where an async function's code after an `await` runs: most of the widget's.
  if (/^(v8\.(callFunction|evaluateModule|run|newInstance|callAsConstructor)|FunctionCall|EvaluateScript|TimerFire|RunMicrotasks|BlinkScheduler_PerformMicrotaskCheckpoint|EventDispatch|FireAnimationFrame)/.test(name)) {
    return 'JavaScript and WebAssembly run';
  }
  if (/Layout|Style|RuleSet|recalcStyle|ShapeText|ParseAuthorStyleSheet|UpdateLifecycle/.test(name)) return 'style and layout';
  if (/Paint|^(Layerize|UpdateLayer|CompositeLayers|Commit|RasterTask)$/.test(name)) return 'paint';
  if (name === 'ParseHTML' || name.startsWith('HTMLDocumentParser')) return 'HTML parsed';
  if (/^(Receive mojo message|ResourceFetcher|SimpleWatcher|ResponseBodyLoader|NavigationBodyLoader|DocumentLoader)/.test(name)) return 'navigation and files received';
  if (name.startsWith('MinorGC') || name.startsWith('MajorGC') || name.startsWith('V8.GC')) return 'garbage collected';
  return null;
}

/**
 * The main thread's time from navigation to `carepath-ready`, in ms by kind of work: each
 * event's own time, without that of the events inside it.
 * @param {Array<{ name: string, ph: string, ts: number, dur?: number, pid: number, tid: number }>} events
 */
function mainThreadWork(events) {
  const start = events.find((e) => e.name === 'navigationStart' || e.name === 'fetchStart');
  const ready = events.find((e) => e.name === 'carepath-ready');
  const parse = events.find((e) => e.name === 'ParseHTML');
  /** @type {Record<string, number>} */
  const ms = {};
  if (!start || !ready || !parse) return ms;
  const spans = events
    .filter((e) => e.ph === 'X' && e.pid === parse.pid && e.tid === parse.tid && e.ts < ready.ts && e.ts + (e.dur ?? 0) > start.ts)
    .map((e) => ({ name: e.name, from: Math.max(e.ts, start.ts), to: Math.min(e.ts + (e.dur ?? 0), ready.ts) }))
    .sort((a, b) => a.from - b.from || b.to - a.to);
  /** @type {Array<{ kind: string, to: number, own: number }>} */
  const open = [];
  const close = (/** @type {number} */ at) => {
    while (open.length > 0 && /** @type {{ to: number }} */ (open.at(-1)).to <= at) {
      const done = /** @type {{ kind: string, own: number }} */ (open.pop());
      ms[done.kind] = (ms[done.kind] ?? 0) + done.own / 1000;
    }
  };
  for (const span of spans) {
    close(span.from);
    const outer = open.at(-1);
    if (outer) outer.own -= span.to - span.from;
    open.push({ kind: kindOf(span.name) ?? outer?.kind ?? 'other tasks', to: span.to, own: span.to - span.from });
  }
  close(Infinity);
  return ms;
}

try {
  const network = LATENCY || DOWN ? `, network ${LATENCY} ms round trip${DOWN ? ` and ${DOWN} kbit/s down` : ''}` : '';
  console.log(`Chromium ${browser.version()}, 375 × 812 phone viewport, cold cache, CPU throttled ${THROTTLE}×${network}; median of ${RUNS} runs\n`);
  for (const p of PAGES) {
    /** @type {Array<Awaited<ReturnType<typeof load>>>} */
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load(p.url, THROTTLE));
    const first = runs[0];
    console.log(`${p.name} (${p.url})`);
    console.log(`  fetched before carepath-ready:`);
    const rows = [...first.files].sort((a, b) => b.gz - a.gz);
    for (const f of rows) console.log(`    ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gz).padStart(10)} gzip -9`);
    const raw = rows.reduce((n, f) => n + f.raw, 0);
    const gz = rows.reduce((n, f) => n + f.gz, 0);
    console.log(`    ${'all'.padEnd(44)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip -9   (aim: <= 120 KB, 100 KB)`);
    console.log(`  navigation to carepath-ready:       ${median(runs.map((r) => r.readyAt)).toFixed(0)} ms   (aim: 300 ms)`);
    console.log(`  click to the next carepath-change:  ${median(runs.map((r) => r.click)).toFixed(1)} ms   (aim: 16 ms, one frame)`);
    console.log(`  click to the frame after it:        ${median(runs.map((r) => r.frame)).toFixed(1)} ms`);
    if (TRACE) {
      console.log(`  the main thread before carepath-ready (median of each kind):`);
      const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.work ?? {})))];
      const rows = kinds.map((k) => /** @type {[string, number]} */ ([k, median(runs.map((r) => r.work?.[k] ?? 0))])).sort((a, b) => b[1] - a[1]);
      for (const [k, v] of rows) console.log(`    ${k.padEnd(44)} ${v.toFixed(0).padStart(6)} ms`);
      console.log(`    ${'busy in all (their sum; the rest is waiting)'.padEnd(44)} ${rows.reduce((n, [, v]) => n + v, 0).toFixed(0).padStart(6)} ms`);
    }
    console.log('');
  }
} finally {
  await browser.close();
  await server.close();
}
