// carepath-report.js: the documents and the workbook, from a second WebAssembly module.
//
// The report pages (assessment report, comparison, benchmark, consensus; HTML, Markdown, CSV)
// and the XLSX workbook both ways come from the Rust crate carepath-report, the same engine the
// command-line tool and Python use, so every surface writes the same bytes. That engine is a
// module of its own (report/carepath_report_wasm_bg.wasm, next to this file), fetched the first
// time one of these functions is called: a page that only edits and scores never downloads it.
// Every function here is therefore async. carepath.js re-exports them all.
//
// Types: carepath.d.ts.

import { CarepathError, CatalogueHandle, loadCatalogue } from './carepath.js';

/**
 * What carepath.js lends this file (it keeps them private): a catalogue handle's source text,
 * a document's JSON text, and the conversion of a raw failure into a CarepathError.
 * `var`, not `let`: carepath.js may call connect() before this module's body has run.
 * @type {{ sourceOf: (c: object) => string, text: (doc: unknown, what: string) => string, toError: (err: unknown) => unknown } | undefined}
 */
// eslint-disable-next-line no-var
var lent;

/**
 * Called once by carepath.js; not part of the API (carepath.js does not re-export it).
 * @param {{ sourceOf: (c: object) => string, text: (doc: unknown, what: string) => string, toError: (err: unknown) => unknown }} parts
 */
export function connect(parts) {
  lent = parts;
}

/** @returns {NonNullable<typeof lent>} */
function parts() {
  if (!lent) throw new CarepathError({ code: 'internal', message: 'carepath: carepath-report.js was loaded without carepath.js' });
  return lent;
}

/** @type {typeof import('./report/carepath_report_wasm.js') | null} */
let mod = null;
/** @type {Promise<void> | null} */
let loading = null;

/**
 * Loads the report module. The functions below call it themselves the first time; call it
 * yourself to load it from elsewhere (a URL, a `Response`, or its bytes: in Node, where there is
 * no fetch of files, give it the bytes of `report/carepath_report_wasm_bg.wasm`). Further calls
 * return the same promise.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [source]
 * @returns {Promise<void>}
 */
export function initReports(source) {
  if (loading) return loading;
  loading = (async () => {
    const m = await import('./report/carepath_report_wasm.js');
    await m.default(source === undefined ? undefined : { module_or_path: source });
    mod = m;
  })().catch((err) => {
    loading = null;
    throw new CarepathError({
      code: 'load',
      message: `carepath: could not load the report module: ${err && err.message ? err.message : err}`,
    });
  });
  return loading;
}

/** Whether the report module is loaded (it is fetched the first time a document is asked for). */
export function isReportsInitialized() {
  return mod !== null;
}

/**
 * Runs a call of the report module, loading it first; a thrown answer becomes a CarepathError.
 * @template T
 * @param {(m: typeof import('./report/carepath_report_wasm.js')) => T} f
 * @returns {Promise<T>}
 */
async function run(f) {
  await initReports();
  const m = /** @type {typeof import('./report/carepath_report_wasm.js')} */ (mod);
  try {
    return f(m);
  } catch (err) {
    throw parts().toError(err);
  }
}

/**
 * The JSON text of a catalogue given as a handle, a bundled edition (`perinatal-mental-health@2`)
 * or the catalogue's object or text; undefined when none is given (the module then takes the
 * bundled edition the assessment names).
 * @param {unknown} given
 * @returns {string | undefined}
 */
function catalogueText(given) {
  if (given === undefined || given === null) return undefined;
  if (given instanceof CatalogueHandle) return parts().sourceOf(given);
  if (typeof given === 'string' && !given.trimStart().startsWith('{')) {
    const handle = loadCatalogue(given);
    try {
      return parts().sourceOf(handle);
    } finally {
      handle.free();
    }
  }
  if (typeof given === 'object' || typeof given === 'string') return parts().text(given, 'catalogue');
  throw new CarepathError({
    code: 'argument',
    message: 'the catalogue must be a CatalogueHandle, a bundled edition such as "perinatal-mental-health@2", or a catalogue',
  });
}

/**
 * @param {unknown} list
 * @param {string} what
 * @returns {string[]}
 */
function texts(list, what) {
  if (!Array.isArray(list)) {
    throw new CarepathError({ code: 'argument', message: `the ${what}s must be an array, not ${list === null ? 'null' : typeof list}` });
  }
  return list.map((doc, i) => parts().text(doc, `${what} ${i + 1}`));
}

/**
 * @param {unknown} options
 * @returns {Record<string, unknown>}
 */
function optionsOf(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CarepathError({ code: 'argument', message: 'the options must be an object' });
  }
  return /** @type {Record<string, unknown>} */ (options);
}

/**
 * @param {unknown} value
 * @param {string} what
 * @param {number} min
 * @param {number} max
 */
function integer(value, what, min, max) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const shown = typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;
    throw new CarepathError({ code: 'argument', message: `the ${what} must be an integer from ${min} to ${max}, not ${shown}` });
  }
  return value;
}

/** @typedef {'html' | 'markdown' | 'csv'} DocumentFormat */

/**
 * The assessment report in a format: what `carepath report --format html|md|csv` writes.
 * @param {DocumentFormat} format
 * @param {unknown} assessment
 * @param {unknown} [catalogue]
 */
async function reportIn(format, assessment, catalogue) {
  const doc = parts().text(assessment, 'assessment');
  const cat = catalogueText(catalogue);
  return run((m) => m.report(cat, doc, format));
}

/**
 * @param {DocumentFormat} format
 * @param {unknown} older
 * @param {unknown} newer
 * @param {unknown} [catalogue]
 */
async function comparisonIn(format, older, newer, catalogue) {
  const a = parts().text(older, 'earlier assessment');
  const b = parts().text(newer, 'later assessment');
  const cat = catalogueText(catalogue);
  return run((m) => m.comparison(cat, a, b, format));
}

/**
 * @param {DocumentFormat} format
 * @param {unknown} assessments
 * @param {unknown} [options]
 */
async function benchmarkIn(format, assessments, options) {
  const docs = texts(assessments, 'assessment');
  const { catalogue, minGroup } = optionsOf(options);
  const min = minGroup === undefined ? undefined : integer(minGroup, 'minGroup', 0, 2 ** 32 - 1);
  const cat = catalogueText(catalogue);
  return run((m) => m.benchmark(cat, docs, min, format));
}

/**
 * @param {DocumentFormat} format
 * @param {unknown} assessments
 * @param {unknown} [options]
 */
async function consensusIn(format, assessments, options) {
  const docs = texts(assessments, 'assessment');
  const { catalogue, threshold } = optionsOf(options);
  const limit = threshold === undefined ? undefined : integer(threshold, 'threshold', -(2 ** 31), 2 ** 31 - 1);
  const cat = catalogueText(catalogue);
  return run((m) => m.consensus(cat, docs, limit, format));
}

/**
 * The assessment report as one self-contained HTML page (charts as inline SVG, no script): the
 * page `carepath report --format html` writes, byte for byte. Scored with `catalogue` (a
 * CatalogueHandle or a bundled edition), by default the bundled edition the assessment names.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<string>}
 */
export function reportHtml(assessment, catalogue) {
  return reportIn('html', assessment, catalogue);
}
/**
 * The assessment report as Markdown (`carepath report --format md`).
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<string>}
 */
export function reportMarkdown(assessment, catalogue) {
  return reportIn('markdown', assessment, catalogue);
}
/**
 * The assessment report as CSV (`carepath report --format csv`): the one layout of every
 * document, formula injection guarded. `reportToCsv` is the synchronous form, from a report.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<string>}
 */
export function reportCsv(assessment, catalogue) {
  return reportIn('csv', assessment, catalogue);
}

/**
 * The comparison of two assessments of one area over time as an HTML page (`carepath compare
 * --format html`), made in `catalogue`, by default the bundled edition of the later assessment.
 * @param {import('./carepath.d.ts').AssessmentInput} older
 * @param {import('./carepath.d.ts').AssessmentInput} newer
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<string>}
 */
export function comparisonHtml(older, newer, catalogue) {
  return comparisonIn('html', older, newer, catalogue);
}
/**
 * @param {import('./carepath.d.ts').AssessmentInput} older
 * @param {import('./carepath.d.ts').AssessmentInput} newer
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<string>}
 */
export function comparisonMarkdown(older, newer, catalogue) {
  return comparisonIn('markdown', older, newer, catalogue);
}
/**
 * @param {import('./carepath.d.ts').AssessmentInput} older
 * @param {import('./carepath.d.ts').AssessmentInput} newer
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<string>}
 */
export function comparisonCsv(older, newer, catalogue) {
  return comparisonIn('csv', older, newer, catalogue);
}

/**
 * The benchmark across areas as an HTML page (`carepath benchmark --format html`).
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, minGroup?: number }} [options]
 * @returns {Promise<string>}
 */
export function benchmarkHtml(assessments, options) {
  return benchmarkIn('html', assessments, options);
}
/**
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, minGroup?: number }} [options]
 * @returns {Promise<string>}
 */
export function benchmarkMarkdown(assessments, options) {
  return benchmarkIn('markdown', assessments, options);
}
/**
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, minGroup?: number }} [options]
 * @returns {Promise<string>}
 */
export function benchmarkCsv(assessments, options) {
  return benchmarkIn('csv', assessments, options);
}

/**
 * The consensus of raters as an HTML page (`carepath consensus --format html`).
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, threshold?: number }} [options]
 * @returns {Promise<string>}
 */
export function consensusHtml(assessments, options) {
  return consensusIn('html', assessments, options);
}
/**
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, threshold?: number }} [options]
 * @returns {Promise<string>}
 */
export function consensusMarkdown(assessments, options) {
  return consensusIn('markdown', assessments, options);
}
/**
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, threshold?: number }} [options]
 * @returns {Promise<string>}
 */
export function consensusCsv(assessments, options) {
  return consensusIn('csv', assessments, options);
}

/**
 * The XLSX workbook (what `carepath workbook` writes) as bytes: blank for `catalogue`, or filled
 * from `assessment`, checked against it first. With no catalogue: the bundled edition the
 * assessment names, else the default catalogue's latest edition.
 * @param {CatalogueHandle | string | null} [catalogue]
 * @param {import('./carepath.d.ts').AssessmentInput} [assessment]
 * @returns {Promise<Uint8Array>}
 */
export async function workbook(catalogue, assessment) {
  const cat = catalogueText(catalogue);
  const doc = assessment === undefined || assessment === null ? undefined : parts().text(assessment, 'assessment');
  return run((m) => m.workbook(cat, doc));
}

/** The first bytes of every .xlsx (a zip archive). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Whether bytes are a zip archive, as every .xlsx is (`PK\x03\x04`).
 * @param {Uint8Array | ArrayBuffer} bytes
 */
export function isWorkbook(bytes) {
  const b = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  return b instanceof Uint8Array && b.length >= 4 && ZIP_MAGIC.every((m, i) => b[i] === m);
}

/**
 * A filled workbook's bytes back into an assessment (what `carepath import` does), checked
 * against `catalogue` or else the bundled edition the workbook names. Throws a CarepathError
 * with code `workbook` whose `problems` each name their `sheet` and `cell`.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {Promise<import('./carepath.d.ts').Assessment>}
 */
export async function readWorkbook(bytes, catalogue) {
  const b = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(b instanceof Uint8Array)) {
    throw new CarepathError({ code: 'argument', message: 'the workbook must be its bytes (a Uint8Array or an ArrayBuffer)' });
  }
  const cat = catalogueText(catalogue);
  return run((m) => JSON.parse(m.readWorkbook(b, cat)));
}
