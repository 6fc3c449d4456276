// carepath.js: the public JavaScript API of carepath's WebAssembly package.
//
// A thin layer over the raw module (carepath_wasm.js, made by wasm-bindgen from the Rust crate):
// it passes plain objects across as JSON text, parses the answers, and turns every failure into a
// CarepathError (a real Error with `code`, `path` and `problems`). All rules (reading, checking,
// scoring) live in the Rust core; nothing here computes a score.
//
// Types: carepath.d.ts. Works in browsers (ES module, no bundler) and in Node 18+.

import initWasm, * as raw from './carepath_wasm.js';
import { connect } from './carepath-report.js';

// The documents and the workbook (async: their module is fetched when first needed).
export {
  initReports, isReportsInitialized, isWorkbook, readWorkbook, workbook,
  reportHtml, reportMarkdown, reportCsv, comparisonHtml, comparisonMarkdown, comparisonCsv,
  benchmarkHtml, benchmarkMarkdown, benchmarkCsv, consensusHtml, consensusMarkdown, consensusCsv,
} from './carepath-report.js';

/** An error from carepath: what went wrong (`code`), where (`path`), and every problem found. */
export class CarepathError extends Error {
  /**
   * @param {{ code: string, message: string, path?: string | null, problems?: Array<{ path: string, code: string, message: string }>, line?: number, column?: number }} info
   */
  constructor(info) {
    super(info.message);
    this.name = 'CarepathError';
    this.code = info.code;
    this.path = info.path ?? null;
    this.problems = info.problems ?? [{ path: this.path ?? '', code: info.code, message: info.message }];
    if (info.line !== undefined) this.line = info.line;
    if (info.column !== undefined) this.column = info.column;
  }
}

let initialized = false;
/** @type {Promise<void> | null} */
let loading = null;

/**
 * Loads the WebAssembly module. Call once before anything else (further calls return the same
 * promise). Without an argument the module is fetched next to this file.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [source]
 */
export function init(source) {
  if (loading) return loading;
  loading = initWasm(source === undefined ? undefined : { module_or_path: source }).then(
    () => {
      loaded();
    },
    (err) => {
      loading = null;
      throw new CarepathError({ code: 'load', message: `carepath: could not load the WebAssembly module: ${err && err.message ? err.message : err}` });
    },
  );
  return loading;
}

/**
 * Loads the WebAssembly module synchronously from its bytes or a compiled module (Node, workers).
 * @param {BufferSource | WebAssembly.Module} source
 */
export function initSync(source) {
  if (!initialized) {
    raw.initSync({ module: source });
    loaded();
    loading = Promise.resolve();
  }
}

/** Marks the module loaded and reads the core's defaults from it. */
function loaded() {
  DEFAULT_MIN_GROUP = raw.defaultMinGroup();
  DEFAULT_DISAGREEMENT = raw.defaultDisagreement();
  initialized = true;
}

/** Whether the module is loaded. */
export function isInitialized() {
  return initialized;
}

/** @param {unknown} err */
function toError(err) {
  if (typeof err === 'string') {
    let info;
    try {
      info = JSON.parse(err);
    } catch {
      info = { code: 'internal', message: err };
    }
    return new CarepathError(info);
  }
  if (err instanceof WebAssembly.RuntimeError) {
    return new CarepathError({ code: 'internal', message: `carepath: internal error in the WebAssembly module (${err.message})` });
  }
  return err;
}

/**
 * Runs a raw call: checks the module is loaded and turns a thrown answer into a CarepathError.
 * @template T
 * @param {() => T} f
 * @returns {T}
 */
function call(f) {
  if (!initialized) {
    throw new CarepathError({ code: 'not_initialized', message: 'carepath: call init() (or initSync()) first' });
  }
  try {
    return f();
  } catch (err) {
    throw toError(err);
  }
}

/**
 * JSON text of a document given as text, as the bytes of a file (a `Uint8Array`: decoded as
 * UTF-8 by the core, so bad bytes are a located `syntax` error, never U+FFFD), or as a plain
 * object.
 * @param {unknown} doc
 * @param {string} what
 */
function text(doc, what) {
  if (typeof doc === 'string') return wellFormedDocument(doc);
  if (doc instanceof Uint8Array) return call(() => raw.decodeJson(doc));
  if (doc instanceof ArrayBuffer) return call(() => raw.decodeJson(new Uint8Array(doc)));
  try {
    const out = JSON.stringify(doc);
    return out === undefined ? 'null' : out;
  } catch (err) {
    throw new CarepathError({ code: 'argument', message: `the ${what} cannot be written as JSON: ${err instanceof Error ? err.message : err}` });
  }
}

/**
 * A string that is text: a lone UTF-16 surrogate (half of a character, from a broken paste or
 * a string sliced in the middle of an emoji) cannot become UTF-8, and passing it on would store
 * U+FFFD in its place without a word.
 * @param {string} value
 * @param {string} what
 * @returns {string}
 */
function wellFormed(value, what) {
  const at = value.search(/\p{Surrogate}/u);
  if (at >= 0) {
    const unit = value.charCodeAt(at).toString(16).toUpperCase();
    throw new CarepathError({
      code: 'argument',
      message: `the ${what} holds half of a character (a lone surrogate U+${unit} at position ${at}), which is not text: type or paste it again`,
    });
  }
  return value;
}

/**
 * JSON text that is text: a lone surrogate in a document is what bytes that are not UTF-8 are in
 * a file, a `syntax` error at its line and column (counted in characters, as the core counts).
 * @param {string} doc
 * @returns {string}
 */
function wellFormedDocument(doc) {
  const at = doc.search(/\p{Surrogate}/u);
  if (at < 0) return doc;
  const before = doc.slice(0, at);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  const unit = doc.charCodeAt(at).toString(16).toUpperCase();
  throw new CarepathError({
    code: 'syntax',
    message: `malformed JSON at line ${line}, column ${column}: the text holds half of a character (a lone surrogate U+${unit}), which is not text`,
    line,
    column,
  });
}

/**
 * @param {unknown} id
 * @param {string} what
 * @returns {string}
 */
function id(id, what) {
  if (typeof id !== 'string') {
    throw new CarepathError({ code: 'argument', message: `the ${what} must be a string, not ${id === null ? 'null' : typeof id}` });
  }
  return wellFormed(id, what);
}

/**
 * Optional text: a string, or null/undefined to clear.
 * @param {unknown} value
 * @param {string} what
 * @returns {string | undefined}
 */
function optionalText(value, what) {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new CarepathError({ code: 'argument', message: `the ${what} must be a string or null, not ${typeof value}` });
  }
  return wellFormed(value, what);
}

/**
 * The raw handle, after checking that this build of the module has the operation: the lite
 * package (pkg/lite/, for the widget) leaves out comparison, benchmark and consensus.
 * @param {raw.CatalogueHandle} handle
 * @param {'compare' | 'benchmark' | 'consensus'} name
 */
function able(handle, name) {
  if (typeof handle[name] !== 'function') {
    throw new CarepathError({
      code: 'not_available',
      message: `carepath: ${name} is not in this build of the module (the lite package leaves out compare, benchmark and consensus): load the full package`,
    });
  }
  return handle;
}

/**
 * An integer argument within bounds.
 * @param {unknown} value
 * @param {string} what
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
function integer(value, what, min, max) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const shown = typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;
    throw new CarepathError({ code: 'argument', message: `the ${what} must be an integer from ${min} to ${max}, not ${shown}` });
  }
  return value;
}

/**
 * The JSON texts of a list of documents.
 * @param {unknown} list
 * @param {string} what
 * @returns {string[]}
 */
function texts(list, what) {
  if (!Array.isArray(list)) {
    throw new CarepathError({ code: 'argument', message: `the ${what} must be an array, not ${list === null ? 'null' : typeof list}` });
  }
  return list.map((doc, i) => text(doc, `${what} ${i + 1}`));
}

/**
 * The options object of a call (undefined is none).
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
 * The rating as the core reads it from text: an integer, `not_applicable` or `unknown`.
 * @param {unknown} rating
 */
function ratingText(rating) {
  if (typeof rating === 'number') return String(rating);
  if (rating === 'not_applicable' || rating === 'unknown') return rating;
  // Anything else is shown to the core as JSON, so its message quotes it as a file would.
  try {
    return JSON.stringify(rating) ?? String(rating);
  } catch {
    return String(rating);
  }
}

/** The bundled catalogue editions. */
export function bundledCatalogues() {
  return call(() => JSON.parse(raw.bundledCatalogues()));
}

/** The id of the catalogue used when none is named. */
export function defaultCatalogue() {
  return call(() => raw.defaultCatalogue());
}

/** @type {(c: CatalogueHandle) => raw.CatalogueHandle} */
let rawOf;
/** @type {(c: CatalogueHandle) => string} */
let textOf;

/** One catalogue edition, read and checked once, then used for many calls. */
export class CatalogueHandle {
  /** @type {raw.CatalogueHandle | null} */
  #raw;
  /** @type {string} */
  #text;
  /** @type {import('./carepath.d.ts').Catalogue | undefined} */
  #data;
  /** @type {import('./carepath.d.ts').CatalogueRef} */
  #reference;

  /**
   * Use loadCatalogue() or parseCatalogue().
   * @param {raw.CatalogueHandle} handle
   * @param {string} source
   */
  constructor(handle, source) {
    if (!(handle instanceof raw.CatalogueHandle)) {
      throw new CarepathError({ code: 'argument', message: 'use loadCatalogue() or parseCatalogue() to get a catalogue' });
    }
    this.#raw = handle;
    this.#text = source;
    this.#reference = JSON.parse(handle.reference());
  }

  get #handle() {
    if (!this.#raw) throw new CarepathError({ code: 'argument', message: 'this catalogue was freed' });
    return this.#raw;
  }

  static {
    rawOf = (c) => c.#handle;
    textOf = (c) => c.#text;
  }

  /** `{ id, version }` of this edition. */
  get reference() {
    return { ...this.#reference };
  }

  /** The catalogue as a plain object (the file's content). */
  get data() {
    this.#data ??= JSON.parse(this.#text);
    return /** @type {import('./carepath.d.ts').Catalogue} */ (this.#data);
  }

  /**
   * An empty assessment of an area against this edition.
   * @param {string | import('./carepath.d.ts').Area} area
   * @param {string} [assessedOn] `YYYY-MM-DD`; today (local time) when left out
   */
  newAssessment(area, assessedOn) {
    const areaText = text(typeof area === 'string' ? { name: area } : area, 'area');
    const date = assessedOn ?? today();
    return call(() => JSON.parse(this.#handle.newAssessment(areaText, id(date, 'date'))));
  }

  /**
   * Throws a CarepathError listing every problem unless the assessment is sound for this edition.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   */
  check(assessment) {
    const doc = text(assessment, 'assessment');
    call(() => this.#handle.check(doc));
  }

  /**
   * Every problem of an assessment against this edition (empty when it is sound). Never throws
   * for bad data.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   */
  validate(assessment) {
    const doc = text(assessment, 'assessment');
    return call(() => JSON.parse(this.#handle.validate(doc)));
  }

  /**
   * Reads an assessment (JSON text or object) and checks it against this edition: an import.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   */
  readAssessment(assessment) {
    const doc = text(assessment, 'assessment');
    return call(() => JSON.parse(this.#handle.readAssessment(doc)));
  }

  /**
   * Scores an assessment. `asOf` (`YYYY-MM-DD`) is the day the plan's overdue actions are
   * judged on (by default the assessment's own date); evidence dated before `maxAgeMonths`
   * calendar months before the assessment (default 24) is stale.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {{ asOf?: string, maxAgeMonths?: number }} [options]
   * @returns {import('./carepath.d.ts').Report}
   */
  score(assessment, options) {
    const doc = text(assessment, 'assessment');
    const { asOf, maxAgeMonths } = optionsOf(options);
    const day = asOf === undefined ? undefined : id(asOf, 'asOf');
    const months = maxAgeMonths === undefined ? undefined : integer(maxAgeMonths, 'maxAgeMonths', 0, 2 ** 32 - 1);
    return call(() => JSON.parse(this.#handle.score(doc, day, months)));
  }

  /**
   * Sets the target of a rated standard (the score aimed for, optionally `by` a date), or
   * clears it with `null`. Returns a new assessment.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {string} standard
   * @param {number | null} target
   * @param {{ by?: string }} [options]
   */
  setTarget(assessment, standard, target, options) {
    const doc = text(assessment, 'assessment');
    const sid = id(standard, 'standard id');
    const { by } = optionsOf(options);
    const value = target === null ? undefined : JSON.stringify(by === undefined ? { rating: target } : { rating: target, by });
    return call(() => JSON.parse(this.#handle.setTarget(doc, sid, value)));
  }

  /**
   * Adds an action at the end of the plan: `title` and `standards`, and optionally `id` (the
   * next free `A<n>` when left out), `owner`, `due`, `status` (`planned` when left out) and
   * `notes`. Returns a new assessment.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {import('./carepath.d.ts').ActionInput} action
   */
  addAction(assessment, action) {
    const doc = text(assessment, 'assessment');
    const value = text(action, 'action');
    return call(() => JSON.parse(this.#handle.addAction(doc, value)));
  }

  /**
   * Changes an action in place: the fields given in `changes` (`null` clears `owner`, `due` or
   * `notes`). Returns a new assessment.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {string} actionId
   * @param {Partial<import('./carepath.d.ts').Action>} changes
   */
  updateAction(assessment, actionId, changes) {
    const doc = text(assessment, 'assessment');
    const value = text(changes, 'changes');
    return call(() => JSON.parse(this.#handle.updateAction(doc, id(actionId, 'action id'), value)));
  }

  /**
   * Starts the next round from an assessment, in this edition (migrating first when needed):
   * the same area and participants, no ratings, the open actions carried, and this round's
   * ratings and targets in `previous` (a standard takes its target back when it is rated).
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {string} [assessedOn] `YYYY-MM-DD`; today (local time) when left out
   * @returns {import('./carepath.d.ts').Assessment}
   */
  nextRound(assessment, assessedOn) {
    const doc = text(assessment, 'assessment');
    const date = id(assessedOn ?? today(), 'date');
    return call(() => {
      try {
        return JSON.parse(this.#handle.nextRound(doc, date));
      } catch (err) {
        // The lite package's first module has no migration: an assessment of an earlier
        // edition starts its next round in the exchange module (not_loaded until it is).
        const code = /** @type {{ code?: string }} */ (toError(err)).code;
        if (exchange === raw || code !== 'mixed_editions') throw err;
        return JSON.parse(exchangeOf(this, doc).nextRound(doc, date));
      }
    });
  }

  /**
   * Rates a standard, keeping its evidence, confidence and actions; `null` makes it unrated.
   * Returns a new assessment; the one given is not changed.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {string} standard
   * @param {import('./carepath.d.ts').Rating | null} rating
   */
  rate(assessment, standard, rating) {
    const doc = text(assessment, 'assessment');
    const sid = id(standard, 'standard id');
    if (rating === null) return unrate(doc, sid);
    return call(() => JSON.parse(this.#handle.rate(doc, sid, ratingText(rating))));
  }

  /**
   * Rates a rated standard for a population group the catalogue or the assessment declares
   * (an integer on the scale, `not_applicable` or `unknown`), or removes the group rating
   * with `null`. Returns a new assessment.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {string} standard
   * @param {string} group
   * @param {import('./carepath.d.ts').Rating | null} rating
   */
  setGroupRating(assessment, standard, group, rating) {
    const doc = text(assessment, 'assessment');
    const sid = id(standard, 'standard id');
    const gid = id(group, 'group id');
    const value = rating === null ? undefined : ratingText(rating);
    return call(() => JSON.parse(this.#handle.setGroupRating(doc, sid, gid, value)));
  }

  /**
   * Declares a local population group, besides the catalogue's. Returns a new assessment.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {{ id: string, title: string, description?: string }} group
   */
  addGroup(assessment, group) {
    const doc = text(assessment, 'assessment');
    const { id: gid, title, description } = optionsOf(group);
    const value = optionalText(description, 'description');
    return call(() => JSON.parse(this.#handle.addGroup(doc, id(gid, 'group id'), id(title, 'group title'), value)));
  }

  /**
   * This edition in plain language: each standard's `plain` text (what it means for a family)
   * in place of its description, where the edition gives one. Ids and scores are unchanged.
   * @returns {CatalogueHandle}
   */
  withPlainLanguage() {
    return call(() => {
      const plain = this.#handle.withPlainLanguage();
      /** @type {Map<string, string>} */
      const changed = new Map(JSON.parse(plain.descriptions()));
      const handle = plain.takeHandle();
      plain.free();
      // The module says which descriptions the plain texts replace; the rest of the data is
      // this edition's, as its file has it.
      const data = /** @type {import('./carepath.d.ts').Catalogue} */ (JSON.parse(this.#text));
      for (const standard of data.themes.flatMap((theme) => theme.standards)) {
        standard.description = changed.get(standard.id) ?? standard.description;
      }
      return new CatalogueHandle(/** @type {raw.CatalogueHandle} */ (handle), changed.size ? JSON.stringify(data) : this.#text);
    });
  }

  /**
   * This edition as a FHIR R4 SDC `Questionnaire`: a group per theme, a choice per standard with
   * the scale as scored answer options, and evidence, confidence and actions as child items.
   * @returns {import('./carepath.d.ts').FhirResource}
   */
  toQuestionnaire() {
    return call(() => JSON.parse(exchangeOf(this).questionnaire()));
  }

  /**
   * An assessment of this edition as a FHIR `QuestionnaireResponse` to `toQuestionnaire()`;
   * everything in the assessment travels, so `fromFhir` gives it back unchanged.
   * @param {string | import('./carepath.d.ts').Assessment} assessment
   * @returns {import('./carepath.d.ts').FhirResource}
   */
  toFhir(assessment) {
    const doc = text(assessment, 'assessment');
    return call(() => JSON.parse(exchangeOf(this).toFhir(doc)));
  }

  /**
   * A FHIR `QuestionnaireResponse` to this edition's Questionnaire (JSON text or object) back
   * into an assessment. Throws a `fhir_*` error whose `path` is a FHIR path such as
   * `item[2].item[4].answer[0]`.
   * @param {string | import('./carepath.d.ts').FhirResource} response
   * @returns {import('./carepath.d.ts').Assessment}
   */
  fromFhir(response) {
    const doc = text(response, 'QuestionnaireResponse');
    return call(() => JSON.parse(exchangeOf(this, doc).fromFhir(doc)));
  }

  /**
   * Carries an assessment into this edition, following the changes each newer edition lists
   * (`via`: the editions in between, when they are not bundled). Ratings of changed standards are
   * flagged for review; ratings of retired standards go to the assessment's archive: nothing is
   * dropped. An assessment already of this edition comes back unchanged, with no steps.
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   * @param {{ via?: Array<CatalogueHandle | import('./carepath.d.ts').Catalogue | string> }} [options]
   * @returns {import('./carepath.d.ts').MigrationResult}
   */
  migrate(assessment, options) {
    const doc = text(assessment, 'assessment');
    const { via = [] } = optionsOf(options);
    const between = catalogueTexts(via);
    return call(() => JSON.parse(exchangeOf(this, doc).migrate(doc, between)));
  }

  /**
   * Compares two assessments of one area in this edition (the later assessment's); the earlier
   * one is migrated first when it is of an older edition.
   * @param {import('./carepath.d.ts').AssessmentInput} older
   * @param {import('./carepath.d.ts').AssessmentInput} newer
   * @returns {import('./carepath.d.ts').Comparison}
   */
  compare(older, newer) {
    const a = text(older, 'earlier assessment');
    const b = text(newer, 'later assessment');
    return call(() => JSON.parse(able(this.#handle, 'compare').compare(a, b)));
  }

  /**
   * The spread of scores across areas (one assessment of this edition per area), and where each
   * area stands. Items scored by fewer than `minGroup` areas (default 5) are withheld.
   * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
   * @param {{ minGroup?: number }} [options]
   * @returns {import('./carepath.d.ts').Benchmark}
   */
  benchmark(assessments, options) {
    const docs = texts(assessments, 'assessment');
    const { minGroup } = optionsOf(options);
    const min = minGroup === undefined ? undefined : integer(minGroup, 'minGroup', 0, 2 ** 32 - 1);
    return call(() => JSON.parse(able(this.#handle, 'benchmark').benchmark(docs, min)));
  }

  /**
   * Combines several raters' assessments of one area on one date into one assessment, with the
   * standards to discuss (scores `threshold` or more points apart, default 3; mixed applicability).
   * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
   * @param {{ threshold?: number }} [options]
   * @returns {import('./carepath.d.ts').ConsensusResult}
   */
  consensus(assessments, options) {
    const docs = texts(assessments, 'assessment');
    const { threshold } = optionsOf(options);
    const limit = threshold === undefined ? undefined : integer(threshold, 'threshold', -(2 ** 31), 2 ** 31 - 1);
    return call(() => JSON.parse(able(this.#handle, 'consensus').consensus(docs, limit)));
  }

  /**
   * A catalogue from its JSON text or object: the same as parseCatalogue() (the name Rust and
   * Python use).
   * @param {import('./carepath.d.ts').CatalogueInput} json
   */
  static fromJson(json) {
    return parseCatalogue(json);
  }

  /**
   * A bundled edition: the same as loadCatalogue() (the name Rust and Python use).
   * @param {string} [spec]
   */
  static bundled(spec) {
    return loadCatalogue(spec);
  }

  /**
   * The bundled edition to score an assessment with: the same as loadCatalogueFor().
   * @param {import('./carepath.d.ts').AssessmentInput} assessment
   */
  static bundledFor(assessment) {
    return loadCatalogueFor(assessment);
  }

  /** Releases the WebAssembly memory of this catalogue. */
  free() {
    this.#raw?.free();
    this.#raw = null;
    freeExchange(this);
  }
}

// The bundled editions' files, next to this file: pkg/catalogues/<id>/<version>.json (build.sh
// points the lite package's copy one folder up, to the same folder).
const EDITIONS = './catalogues/';
// The edition a page shows when it names none (the default catalogue's latest), as build.sh
// reads it from the lite package's module: fetched alongside that module (see loadEditions).
// Unset in the full package.
const DEFAULT_EDITION = typeof CAREPATH_DEFAULT_EDITION === 'string' ? CAREPATH_DEFAULT_EDITION : undefined;
/** The texts of editions fetched while the module loads, by URL, until a call takes them. @type {Map<string, Promise<string>>} */
const ahead = new Map();

/**
 * Fetches the bundled editions that calls for `specs` need and the module does not have yet:
 * the lite package leaves their texts out of its module, so that a page downloads only the
 * edition it shows, and fetches each from the package's `catalogues/` folder when first needed
 * (the full package has them all built in, and this does nothing). Answers the editions added.
 * Called while init() is on its way, it waits for the module and fetches alongside it what it
 * can name without it.
 * @param {string | string[]} [specs] edition names as loadCatalogue() takes them; none: the default catalogue
 * @param {{ from?: string | URL }} [options] `from`: the URL of the `catalogues/` folder, when it is not next to the package
 * @returns {Promise<import('./carepath.d.ts').CatalogueRef[]>}
 */
export async function loadEditions(specs, options = {}) {
  const names = specs === undefined ? [undefined] : Array.isArray(specs) ? specs : [specs];
  const { from } = optionsOf(options);
  if (!initialized && loading) {
    // Called while the module is on its way, the lite package (whose build names its default
    // edition) fetches alongside it the editions whose file is known without the module: the
    // default one, and any named with its full version. The full package has every edition
    // built in and fetches none.
    if (DEFAULT_EDITION) {
      for (const spec of names) {
        const name = spec === undefined ? DEFAULT_EDITION : typeof spec === 'string' && /^[a-z0-9-]+@\d+\.\d+\.\d+$/.test(spec) ? spec : undefined;
        if (name) fetchAhead(name, from);
      }
    }
    await loading;
  }
  const missing = names.flatMap((spec) =>
    call(() => JSON.parse(raw.missingEditions(spec === undefined ? undefined : id(spec, 'catalogue spec'), undefined))),
  );
  return fetchEditions(missing, from);
}

/**
 * Fetches what the module lacks to read a document (an assessment, or a FHIR
 * `QuestionnaireResponse`) and to carry it across into `catalogue` (a CatalogueHandle or an
 * edition's name; none: the default catalogue's latest edition): the bundled editions it was
 * rated against and those in between, and in the lite package the exchange module (FHIR and
 * migration, see loadExchange()) when the document is a FHIR response or of an earlier edition.
 * A document that cannot be read needs nothing: the call made with it then says what is wrong.
 * Answers the editions added.
 * @param {unknown} document
 * @param {{ catalogue?: CatalogueHandle | string, from?: string | URL }} [options]
 * @returns {Promise<import('./carepath.d.ts').CatalogueRef[]>}
 */
export async function loadEditionsFor(document, options = {}) {
  const { from } = optionsOf(options);
  const wanted = needsLoading(document, options);
  const [added] = await Promise.all([fetchEditions(wanted.editions, from), wanted.exchange ? loadExchange() : undefined]);
  return added;
}

/**
 * What loadEditionsFor() would fetch for a document, without fetching it: the bundled editions
 * the module lacks (`editions`, as `id@version`) and whether the exchange module is wanted and
 * not loaded yet (`exchange`). Both are empty in the full package, which has everything built in.
 * @param {unknown} document
 * @param {{ catalogue?: CatalogueHandle | string }} [options]
 * @returns {{ editions: string[], exchange: boolean }}
 */
export function needsLoading(document, options = {}) {
  const { catalogue } = optionsOf(options);
  let doc;
  try {
    doc = text(document, 'document');
  } catch {
    return { editions: [], exchange: false };
  }
  const given = catalogue instanceof CatalogueHandle ? `${catalogue.reference.id}@${catalogue.reference.version}` : catalogue;
  const spec = given === undefined ? undefined : id(given, 'catalogue spec');
  const wanted = call(() => JSON.parse(raw.needsLoading(spec, doc)));
  return { editions: wanted.editions, exchange: exchange === null && wanted.exchange };
}

// The exchange part, FHIR and migration: built into the full package's module; the lite
// package's is a second module in exchange/ next to this file, fetched by loadExchange() when
// first needed. It has editions of its own, so every edition text added here goes there too.
const EXCHANGE = './exchange/carepath_wasm.js';
/** @type {typeof raw | null} */
let exchange = typeof raw.CatalogueHandle.prototype.toFhir === 'function' ? raw : null;
/** @type {Promise<void> | null} */
let exchangeLoading = null;
/** @type {string[]} */
const addedTexts = [];
/** The exchange module's handle of each catalogue, made when first asked for. */
const exchangeHandles = new WeakMap();

/**
 * Loads the exchange part of the lite package: FHIR (toQuestionnaire, toFhir, fromFhir) and
 * migration (migrate), a second WebAssembly module so that a page that only rates and scores
 * never downloads it. loadEditionsFor() calls it for a document that needs it; before it, those
 * calls throw `not_loaded`. In the full package, and once loaded, it does nothing. Without an
 * argument the module is fetched from `exchange/` next to this file (in Node, read from the disk).
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [source]
 * @returns {Promise<void>}
 */
export function loadExchange(source) {
  if (exchange) return Promise.resolve();
  exchangeLoading ??= (async () => {
    const url = new URL(EXCHANGE, import.meta.url);
    const m = /** @type {typeof raw} */ (await import(/** @type {string} */ (url.href)));
    const from = source === undefined && url.protocol === 'file:' ? await readFileUrl(new URL('carepath_wasm_bg.wasm', url)) : source;
    await m.default(from === undefined ? undefined : { module_or_path: from });
    for (const t of addedTexts) m.addEdition(t);
    exchange = m;
  })().catch((err) => {
    exchangeLoading = null;
    throw new CarepathError({
      code: 'load',
      message: `carepath: could not load the exchange module (FHIR and migration): ${err && err.message ? err.message : err}`,
    });
  });
  return exchangeLoading;
}

/** Whether FHIR and migration can be called: always in the full package; in the lite one once loadExchange() is done. */
export function isExchangeLoaded() {
  return exchange !== null;
}

/**
 * The exchange module, or the `not_loaded` error (as the raw module throws it), which names the
 * editions a migration of `doc` into `catalogue` would take as well.
 * @param {string} [doc]
 * @param {CatalogueHandle | string} [catalogue]
 */
function exchangeModule(doc, catalogue) {
  if (exchange) return exchange;
  const editions = doc === undefined ? [] : needsLoading(doc, { catalogue }).editions;
  const also = editions.length > 0 ? `, and this document takes editions not loaded yet (${editions.join(', ')})` : '';
  throw JSON.stringify({
    code: 'not_loaded',
    message: `FHIR and migration are a second module in this package, fetched when first needed${also}: await ${doc === undefined ? 'loadExchange()' : 'loadEditionsFor(document)'} first`,
  });
}

/**
 * The module that reads a catalogue of one's own: the lite package's exchange module, or the
 * `not_loaded` error (as the raw module throws it).
 */
function strictReader() {
  if (exchange) return exchange;
  throw JSON.stringify({
    code: 'not_loaded',
    message:
      "this package reads a catalogue of one's own (not a bundled edition) in its second module, fetched when first needed: await loadExchange() first",
  });
}

/**
 * The handle in the exchange module of a catalogue: its own in the full package. `doc`: the
 * document it is for, named in the error when the module is not loaded.
 * @param {CatalogueHandle} c
 * @param {string} [doc]
 * @returns {raw.CatalogueHandle}
 */
function exchangeOf(c, doc) {
  const m = exchangeModule(doc, c);
  if (m === raw) return rawOf(c);
  let handle = exchangeHandles.get(c);
  if (!handle) {
    handle = m.CatalogueHandle.fromJson(textOf(c));
    exchangeHandles.set(c, handle);
  }
  return handle;
}

/** @param {CatalogueHandle} c */
function freeExchange(c) {
  exchangeHandles.get(c)?.free();
  exchangeHandles.delete(c);
}

/**
 * Fetches editions by name and adds them to the module.
 * @param {string[]} names
 * @param {unknown} from
 */
async function fetchEditions(names, from) {
  const unique = [...new Set(names)];
  const texts = await Promise.all(
    unique.map((name) => {
      const url = editionUrl(name, from);
      const early = ahead.get(url.href);
      ahead.delete(url.href);
      return early ?? fetchText(url, name);
    }),
  );
  return texts.map((t) =>
    call(() => {
      const added = JSON.parse(raw.addEdition(t));
      addedTexts.push(t);
      if (exchange && exchange !== raw) exchange.addEdition(t);
      return added;
    }),
  );
}

/**
 * Where the file of an edition (`id@version`) is: in the package's `catalogues/` folder, or in
 * `from`.
 * @param {string} name
 * @param {unknown} from
 */
function editionUrl(name, from) {
  const base = new URL(from === undefined ? EDITIONS : String(from), import.meta.url);
  const at = name.lastIndexOf('@');
  return new URL(`${name.slice(0, at)}/${name.slice(at + 1)}.json`, base.href.endsWith('/') ? base : `${base.href}/`);
}

/**
 * Starts fetching an edition's file before the module can say it is needed; fetchEditions takes
 * the text if it is. Should it not be (the module has it, or knows no such edition), the text is
 * dropped, and a failed fetch is reported only by the call that needs the file.
 * @param {string} name
 * @param {unknown} from
 */
function fetchAhead(name, from) {
  let url;
  try {
    url = editionUrl(name, from);
  } catch {
    return; // a bad `from` is reported by fetchEditions
  }
  if (ahead.has(url.href)) return;
  const text = fetchText(url, name);
  text.catch(() => {});
  ahead.set(url.href, text);
}

/**
 * A file of a `file:` URL read from the disk (Node): its bytes, or its text in `encoding`. The
 * import is inside `try`, so that a bundler for the browser leaves `node:fs/promises` alone
 * (esbuild lets an import there fail to resolve) rather than stop.
 * @param {URL} url
 * @param {'utf8'} [encoding]
 * @returns {Promise<Uint8Array | string>}
 */
async function readFileUrl(url, encoding) {
  try {
    const fs = await import(/** @type {string} */ ('node:fs/promises'));
    return await fs.readFile(url, encoding);
  } catch (err) {
    throw new Error(`cannot read ${url.href}: ${err instanceof Error ? err.message : err}`);
  }
}

/**
 * The text of a file: by fetch, or from the disk for a `file:` URL (Node).
 * @param {URL} url
 * @param {string} name the edition it holds
 */
async function fetchText(url, name) {
  try {
    if (url.protocol === 'file:') return /** @type {string} */ (await readFileUrl(url, 'utf8'));
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.text();
  } catch (err) {
    throw new CarepathError({
      code: 'load',
      message: `carepath: could not fetch edition ${name} from ${url.href}: ${err instanceof Error ? err.message : err}`,
    });
  }
}

/**
 * A bundled catalogue edition: `id@version` (`perinatal-mental-health@1.0.0`, `...@1`), an id for
 * its latest edition, or nothing for the default catalogue. In the lite package, fetch it first
 * with loadEditions() (else the error `not_loaded` names it).
 * @param {string} [spec]
 */
export function loadCatalogue(spec) {
  const name = spec === undefined ? defaultCatalogue() : id(spec, 'catalogue spec');
  return call(() => bundled(raw.CatalogueHandle.bundled(name)));
}

/**
 * The bundled edition to score an assessment with: the edition it names when that is bundled,
 * else the latest bundled edition compatible with it (the rule of every carepath surface).
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 */
export function loadCatalogueFor(assessment) {
  const doc = text(assessment, 'assessment');
  return call(() => bundled(raw.CatalogueHandle.bundledFor(doc)));
}

/**
 * A FHIR `QuestionnaireResponse` (JSON text or object) back into an assessment, read against the
 * bundled edition its `questionnaire` names.
 * @param {string | import('./carepath.d.ts').FhirResource} response
 * @returns {import('./carepath.d.ts').Assessment}
 */
export function fromFhir(response) {
  const doc = text(response, 'QuestionnaireResponse');
  return call(() => {
    const handle = exchangeModule(doc).CatalogueHandle.bundledForFhir(doc);
    try {
      return JSON.parse(handle.fromFhir(doc));
    } finally {
      handle.free();
    }
  });
}

/**
 * Wraps a raw handle of a bundled edition with its text.
 * @param {raw.CatalogueHandle} handle
 */
function bundled(handle) {
  const ref = JSON.parse(handle.reference());
  const source = raw.bundledJson(ref.id, ref.version);
  if (source === undefined) {
    handle.free();
    throw JSON.stringify({ code: 'internal', message: `bundled text of ${ref.id}@${ref.version} missing` });
  }
  return new CatalogueHandle(handle, source);
}

/**
 * Items scored by fewer areas than this are withheld from a benchmark unless told otherwise: the
 * core's `DEFAULT_MIN_GROUP`, read from the module when it loads (undefined before init()).
 * @type {number}
 */
export let DEFAULT_MIN_GROUP;
/**
 * Scores this many points apart are a disagreement in a consensus unless told otherwise: the
 * core's `DEFAULT_DISAGREEMENT`, read from the module when it loads (undefined before init()).
 * @type {number}
 */
export let DEFAULT_DISAGREEMENT;

/**
 * The JSON texts of catalogues given as handles, objects or text.
 * @param {unknown} list
 */
function catalogueTexts(list) {
  if (!Array.isArray(list)) {
    throw new CarepathError({ code: 'argument', message: `via must be an array of catalogues, not ${list === null ? 'null' : typeof list}` });
  }
  return list.map((c, i) => (c instanceof CatalogueHandle ? textOf(c) : text(c, `catalogue ${i + 1} of via`)));
}

/**
 * Runs `f` with the raw handle of a catalogue given as a handle or a bundled spec, or else of the
 * bundled edition `fallback` picks; a handle made here is freed afterwards. `of` picks the module
 * (rawOf: this one; exchangeOf: the exchange module, for migration).
 * @template T
 * @param {unknown} given
 * @param {() => raw.CatalogueHandle} fallback
 * @param {(handle: raw.CatalogueHandle) => T} f
 * @param {(c: CatalogueHandle) => raw.CatalogueHandle} [of]
 * @returns {T}
 */
function withCatalogue(given, fallback, f, of = rawOf) {
  if (given instanceof CatalogueHandle) return call(() => f(of(given)));
  if (given !== undefined && given !== null && typeof given !== 'string') {
    throw new CarepathError({ code: 'argument', message: 'the catalogue must be a CatalogueHandle or a bundled edition such as "perinatal-mental-health@2"' });
  }
  return call(() => {
    const handle = typeof given === 'string' ? (of === rawOf ? raw : exchangeModule(undefined, given)).CatalogueHandle.bundled(given) : fallback();
    try {
      return f(handle);
    } finally {
      handle.free();
    }
  });
}

/**
 * Carries an assessment into a newer edition of its catalogue: `to` is a CatalogueHandle or a
 * bundled edition (`perinatal-mental-health@2.0.0`); by default the latest bundled edition of the
 * assessment's catalogue. `via` gives the editions in between when they are not bundled.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {CatalogueHandle | string} [to]
 * @param {{ via?: Array<CatalogueHandle | import('./carepath.d.ts').Catalogue | string> }} [options]
 * @returns {import('./carepath.d.ts').MigrationResult}
 */
export function migrate(assessment, to, options) {
  const doc = text(assessment, 'assessment');
  const { via = [] } = optionsOf(options);
  const between = catalogueTexts(via);
  const latest = () => {
    const catalogue = JSON.parse(raw.readAssessment(doc)).catalogue.id;
    return exchangeModule(doc, catalogue).CatalogueHandle.bundled(catalogue);
  };
  return withCatalogue(to, latest, (handle) => JSON.parse(handle.migrate(doc, between)), (c) => exchangeOf(c, doc));
}

/**
 * Compares two assessments of one area over time. The comparison is made in `catalogue` (a
 * CatalogueHandle or a bundled edition), by default the bundled edition for the later assessment;
 * an earlier assessment of an older edition is migrated first.
 * @param {import('./carepath.d.ts').AssessmentInput} older
 * @param {import('./carepath.d.ts').AssessmentInput} newer
 * @param {CatalogueHandle | string} [catalogue]
 * @returns {import('./carepath.d.ts').Comparison}
 */
export function compare(older, newer, catalogue) {
  const a = text(older, 'earlier assessment');
  const b = text(newer, 'later assessment');
  return withCatalogue(catalogue, () => forAssessment(b, 1), (handle) => JSON.parse(able(handle, 'compare').compare(a, b)));
}

/**
 * The spread of scores across areas, one assessment per area, all of one edition: `catalogue`,
 * by default the bundled edition for the first assessment. Items scored by fewer than `minGroup`
 * areas (default 5) are withheld.
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, minGroup?: number }} [options]
 * @returns {import('./carepath.d.ts').Benchmark}
 */
export function benchmark(assessments, options) {
  const docs = texts(assessments, 'assessment');
  const { catalogue, minGroup } = optionsOf(options);
  const min = minGroup === undefined ? undefined : integer(minGroup, 'minGroup', 0, 2 ** 32 - 1);
  return withCatalogue(catalogue, () => firstEdition(docs), (handle) => JSON.parse(able(handle, 'benchmark').benchmark(docs, min)));
}

/**
 * Combines several raters' assessments of one area on one date, all of one edition: `catalogue`,
 * by default the bundled edition for the first. Scores `threshold` (default 3) or more points
 * apart are a disagreement.
 * @param {Array<import('./carepath.d.ts').AssessmentInput>} assessments
 * @param {{ catalogue?: CatalogueHandle | string, threshold?: number }} [options]
 * @returns {import('./carepath.d.ts').ConsensusResult}
 */
export function consensus(assessments, options) {
  const docs = texts(assessments, 'assessment');
  const { catalogue, threshold } = optionsOf(options);
  const limit = threshold === undefined ? undefined : integer(threshold, 'threshold', -(2 ** 31), 2 ** 31 - 1);
  return withCatalogue(catalogue, () => firstEdition(docs), (handle) => JSON.parse(able(handle, 'consensus').consensus(docs, limit)));
}

/**
 * The bundled edition for the `index`-th assessment of a call, its errors located as the call's.
 * @param {string} doc
 * @param {number} index
 */
function forAssessment(doc, index) {
  try {
    return raw.CatalogueHandle.bundledFor(doc);
  } catch (err) {
    throw locate(err, index);
  }
}

/**
 * The bundled edition for the first of several assessments; with none, the default catalogue
 * (so that the core says what is missing).
 * @param {string[]} docs
 */
function firstEdition(docs) {
  return docs.length ? forAssessment(docs[0], 0) : raw.CatalogueHandle.bundled(raw.defaultCatalogue());
}

/**
 * Prefixes the paths of a raw error (JSON text) with the position of the document in a call, as
 * the raw module does for the documents of a list (a syntax error points at the document).
 * @param {unknown} err
 * @param {number} index
 */
function locate(err, index) {
  if (typeof err !== 'string') return err;
  try {
    const info = JSON.parse(err);
    const path = typeof info.path === 'string' ? `/${index}${info.path}` : info.code === 'syntax' ? `/${index}` : null;
    return JSON.stringify({
      ...info,
      message: `assessment ${index + 1}: ${info.message}`,
      path,
      problems: (info.problems ?? []).map((/** @type {{ path: string, message: string }} */ p) => ({
        ...p,
        path: `/${index}${p.path}`,
        message: `assessment ${index + 1}: ${p.message}`,
      })),
    });
  } catch {
    return err;
  }
}

/**
 * A catalogue from its JSON text (or the parsed object), checked as a whole.
 * @param {import('./carepath.d.ts').CatalogueInput} json
 */
export function parseCatalogue(json) {
  const doc = text(json, 'catalogue');
  if (typeof raw.CatalogueHandle.fromJson === 'function') {
    return call(() => new CatalogueHandle(raw.CatalogueHandle.fromJson(doc), doc));
  }
  // The lite package: its first module has no strict reader (it reads the bundled editions by
  // their known texts), so the exchange module reads the catalogue, with every located error,
  // and the first module then takes the text it has accepted.
  return call(() => {
    const strict = strictReader().CatalogueHandle.fromJson(doc);
    // fromChecked is the lite first module's own (the full module's types, checked here, lack it).
    const lite = /** @type {{ fromChecked(text: string): raw.CatalogueHandle }} */ (/** @type {unknown} */ (raw.CatalogueHandle));
    const c = new CatalogueHandle(lite.fromChecked(doc), doc);
    exchangeHandles.set(c, strict);
    return c;
  });
}

/**
 * Every problem of a catalogue (empty when it is sound). Never throws for bad data.
 * @param {import('./carepath.d.ts').CatalogueInput} json
 */
export function validateCatalogue(json) {
  let doc;
  try {
    doc = text(json, 'catalogue');
  } catch (err) {
    // Bytes that are not UTF-8 are a problem of the document, reported like any other.
    if (err instanceof CarepathError && err.code === 'syntax') return err.problems;
    throw err;
  }
  return call(() => JSON.parse((typeof raw.validateCatalogue === 'function' ? raw : strictReader()).validateCatalogue(doc)));
}

/**
 * Reads an assessment's JSON text (or object), checking its shape only.
 * @param {import('./carepath.d.ts').AssessmentInput} json
 */
export function readAssessment(json) {
  const doc = text(json, 'assessment');
  return call(() => JSON.parse(raw.readAssessment(doc)));
}

/**
 * An assessment as the text of a file: checked, two-space indented, with a final newline.
 * Reading it back gives the same assessment.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 */
export function writeAssessment(assessment) {
  return `${JSON.stringify(readAssessment(assessment), null, 2)}\n`;
}

/**
 * Sets (or clears, with null or blank text) the evidence of a rated standard.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 * @param {string | null} evidence
 */
export function setEvidence(assessment, standard, evidence) {
  const doc = text(assessment, 'assessment');
  const value = optionalText(evidence, 'evidence');
  return call(() => JSON.parse(raw.setEvidence(doc, id(standard, 'standard id'), value)));
}

/**
 * Sets (or clears, with `null` or blank text) the evidence of a group rating.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 * @param {string} group
 * @param {string | null} evidence
 */
export function setGroupEvidence(assessment, standard, group, evidence) {
  const doc = text(assessment, 'assessment');
  const value = optionalText(evidence, 'evidence');
  return call(() => JSON.parse(raw.setGroupEvidence(doc, id(standard, 'standard id'), id(group, 'group id'), value)));
}

/**
 * Sets (or clears, with `null`) how strong the evidence of a rated standard is.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 * @param {import('./carepath.d.ts').EvidenceLevel | null} level
 */
export function setEvidenceLevel(assessment, standard, level) {
  const doc = text(assessment, 'assessment');
  const value = level === null ? undefined : id(level, 'evidence level');
  return call(() => JSON.parse(raw.setEvidenceLevel(doc, id(standard, 'standard id'), value)));
}

/**
 * Sets (or clears, with `null`) the date (`YYYY-MM-DD`) the evidence of a rated standard was gathered.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 * @param {string | null} date
 */
export function setEvidenceDate(assessment, standard, date) {
  const doc = text(assessment, 'assessment');
  const value = date === null ? undefined : id(date, 'evidence date');
  return call(() => JSON.parse(raw.setEvidenceDate(doc, id(standard, 'standard id'), value)));
}

/**
 * Sets (or clears) the planned actions of a rated standard.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 * @param {string | null} actions
 */
export function setActions(assessment, standard, actions) {
  const doc = text(assessment, 'assessment');
  const value = optionalText(actions, 'actions');
  return call(() => JSON.parse(raw.setActions(doc, id(standard, 'standard id'), value)));
}

/**
 * Sets (or clears) the confidence of a rated standard.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 * @param {import('./carepath.d.ts').Confidence | null} confidence
 */
export function setConfidence(assessment, standard, confidence) {
  const doc = text(assessment, 'assessment');
  const value = optionalText(confidence, 'confidence');
  return call(() => JSON.parse(raw.setConfidence(doc, id(standard, 'standard id'), value)));
}

/**
 * Removes the review note of a rated standard (written by migration or consensus when a rating
 * needs another look), keeping the rating and its text; nothing changes when it has no note.
 * Throws `invalid` (`not_rated`) if the standard has no rating.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 */
export function clearReview(assessment, standard) {
  const doc = text(assessment, 'assessment');
  return call(() => JSON.parse(raw.clearReview(doc, id(standard, 'standard id'))));
}

/**
 * Sets the status of an action of the plan: `planned`, `in_progress`, `done` or `dropped`.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} actionId
 * @param {import('./carepath.d.ts').ActionStatus} status
 */
export function setActionStatus(assessment, actionId, status) {
  const doc = text(assessment, 'assessment');
  return call(() => JSON.parse(raw.setActionStatus(doc, id(actionId, 'action id'), id(status, 'status'))));
}

/**
 * Removes an action from the plan (nothing changes when it has no action of that id).
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} actionId
 */
export function removeAction(assessment, actionId) {
  const doc = text(assessment, 'assessment');
  return call(() => JSON.parse(raw.removeAction(doc, id(actionId, 'action id'))));
}

/**
 * Removes a standard's entry, so it is unrated again.
 * @param {import('./carepath.d.ts').AssessmentInput} assessment
 * @param {string} standard
 */
export function unrate(assessment, standard) {
  const doc = text(assessment, 'assessment');
  return call(() => JSON.parse(raw.unrate(doc, id(standard, 'standard id'))));
}

const CSV_COLUMNS = [
  'kind', 'id', 'title', 'theme', 'rating', 'score', 'light', 'rated', 'total', 'completeness',
  'priority', 'shortfall', 'weighted_shortfall', 'rank', 'confidence', 'evidence', 'actions',
];

/**
 * A report as CSV (RFC 4180, CRLF): one row for the whole pathway, each theme, each cross-cutting
 * theme, each standard, then each gap in rank order. Titles come from `catalogue`, and evidence,
 * confidence and actions from `assessment`, when given. Text that a spreadsheet would run as a
 * formula is prefixed with `'`.
 * @param {import('./carepath.d.ts').Report} report
 * @param {{ catalogue?: import('./carepath.d.ts').Catalogue | CatalogueHandle, assessment?: import('./carepath.d.ts').Assessment }} [options]
 */
export function reportToCsv(report, options = {}) {
  const catalogue = options.catalogue instanceof CatalogueHandle ? options.catalogue.data : options.catalogue;
  /** @type {Map<string, string>} */
  const titles = new Map();
  /** @type {Map<string, string>} */
  const priorities = new Map();
  for (const theme of catalogue?.themes ?? []) {
    for (const s of theme.standards) {
      titles.set(s.id, s.title);
      priorities.set(s.id, s.priority);
    }
  }
  const ratings = options.assessment?.ratings ?? {};
  /** @type {Array<Record<string, unknown>>} */
  const rows = [];
  rows.push({ kind: 'overall', title: catalogue?.title, ...report.overall });
  for (const t of report.themes) rows.push({ kind: 'theme', ...t });
  for (const x of report.cross_cutting) rows.push({ kind: 'cross_cutting', ...x });
  for (const s of report.standards) {
    const entry = Object.prototype.hasOwnProperty.call(ratings, s.id) ? ratings[s.id] : undefined;
    rows.push({
      kind: 'standard', id: s.id, title: titles.get(s.id), theme: s.theme, rating: s.rating,
      score: typeof s.rating === 'number' ? s.rating : null, light: s.light, priority: priorities.get(s.id),
      confidence: entry?.confidence, evidence: entry?.evidence, actions: entry?.actions,
    });
  }
  report.gaps.forEach((g, i) => {
    rows.push({ kind: 'gap', title: titles.get(g.id), ...g, score: g.rating, light: lightOf(report, g.id), rank: i + 1 });
  });
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * @param {import('./carepath.d.ts').Report} report
 * @param {string} standard
 */
function lightOf(report, standard) {
  return report.standards.find((s) => s.id === standard)?.light ?? null;
}

/** @param {unknown} value */
function csvCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Today's date in local time, `YYYY-MM-DD`. */
export function today() {
  const d = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The catalogue handle under the name Rust and Python give it (`Catalogue`). */
export const Catalogue = CatalogueHandle;

// The report functions (carepath-report.js) read catalogues and documents as this file does.
connect({ sourceOf: (c) => textOf(/** @type {CatalogueHandle} */ (c)), text, toError });
