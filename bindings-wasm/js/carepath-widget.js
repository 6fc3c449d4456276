// carepath-widget.js: the <carepath-assessment> custom element.
//
//   <script type="module" src="/carepath/carepath-widget.js"></script>
//   <carepath-assessment catalogue="perinatal-mental-health@2.0.0" area="Northbrook"></carepath-assessment>
//
// Renders a catalogue as an assessment form, keeps the assessment in the browser (autosaved to
// localStorage after every edit) and shows the traffic lights, scores and gaps that the
// WebAssembly core computes. All rules and all numbers come from the core (carepath.js); this file
// only draws them. Every catalogue and user string is set with textContent, never as HTML. The only
// network requests are the module's own files and a catalogue URL the host names.
//
// Text typed for a standard that has no rating yet (the file format keeps text only beside a
// rating) is kept as a *draft* in the autosave, shown in place with a note, and folded into the
// entry as soon as a rating is chosen; clearing a rating turns its text back into a draft. Nothing
// typed is dropped.
//
// An assessment of an older major edition (imported, loaded or restored) is not refused: the
// widget offers to carry it across into its own edition (the core's migration), shows what moved,
// what needs another look and what went to the archive, and then shows each rating's review note
// beside its standard. The archive stays in the assessment, so an export loses nothing.

import {
  CarepathError,
  clearReview,
  fromFhir,
  init,
  loadCatalogue,
  parseCatalogue,
  reportToCsv,
  setActions,
  setConfidence,
  setEvidence,
  today,
  writeAssessment,
} from './carepath.js';

const STYLESHEET = new URL('./carepath-widget.css', import.meta.url).href;
const AUTOSAVE_FORMAT = 'carepath-widget-autosave';
const NOT_APPLICABLE = 'not_applicable';
const UNKNOWN = 'unknown';
const PRIORITY_WORDS = { essential: 'Essential', expected: 'Expected', desirable: 'Desirable' };
const CONFIDENCE_WORDS = { low: 'Low', medium: 'Medium', high: 'High' };

/**
 * @typedef {import('./carepath.d.ts').Assessment} Assessment
 * @typedef {import('./carepath.d.ts').MigrationResult} MigrationResult
 * @typedef {import('./carepath.d.ts').Report} Report
 * @typedef {import('./carepath.d.ts').Rating} Rating
 * @typedef {import('./carepath.d.ts').Catalogue} Catalogue
 * @typedef {import('./carepath.d.ts').CatalogueHandle} CatalogueHandle
 * @typedef {{ evidence?: string, actions?: string, confidence?: string }} Draft
 */

/**
 * Creates an element with a class and, optionally, text (always as text, never as HTML).
 * @param {string} tag
 * @param {string} [className]
 * @param {string | null} [text]
 * @returns {any}
 */
function h(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null) el.textContent = text;
  return el;
}

/** @param {number | null | undefined} score */
function oneDecimal(score) {
  return score === null || score === undefined ? '–' : score.toFixed(1);
}

/**
 * Counts of what a migration did, for people.
 * @param {import('./carepath.d.ts').MigrationReport} report
 */
function migrationSummary(report) {
  const fates = report.steps.flatMap((s) => s.fates);
  const review = new Set(fates.filter((f) => f.review && f.fate !== 'archived').flatMap((f) => f.to));
  const added = new Set(report.steps.flatMap((s) => s.added));
  return {
    carried: fates.filter((f) => f.fate !== 'archived').length,
    review: review.size,
    archived: fates.filter((f) => f.fate === 'archived').length,
    added: added.size,
  };
}

/** @param {number} n @param {string} one @param {string} many */
function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** @param {string} spec */
function isUrl(spec) {
  return /[/:]/.test(spec) || spec.endsWith('.json');
}

let nextInstance = 0;

/**
 * The largest catalogue fetched from a URL, or assessment file imported, that the widget reads:
 * 2 MiB, ten times the largest bundled edition. A larger file is refused before it is parsed
 * (a host raises the limit with the `max-bytes` attribute).
 */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The body of a response, refused as soon as it is known to exceed `limit` bytes: from its
 * Content-Length when the server sends one, else while it streams in.
 * @param {Response} response
 * @param {number} limit
 * @param {string} what
 * @returns {Promise<Uint8Array>}
 */
async function readLimited(response, limit, what) {
  const tooLarge = (/** @type {number | string} */ size) =>
    new CarepathError({
      code: 'too_large',
      message: `${what} is ${size} bytes, more than the ${limit} bytes this form reads (the max-bytes attribute raises the limit)`,
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(`over ${limit}`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export class CarepathAssessmentElement extends HTMLElement {
  static observedAttributes = ['catalogue', 'area', 'storage-key', 'readonly'];

  /** @type {ShadowRoot} */
  #root;
  #uid = `cp${nextInstance++}`;
  /** @type {CatalogueHandle | null} */
  #catalogue = null;
  /** @type {Assessment | null} */
  #assessment = null;
  /** @type {Report | null} */
  #report = null;
  /** @type {Record<string, Draft>} */
  #drafts = {};
  /** @type {Assessment | string | null} */
  #pending = null;
  /** An offer to carry an assessment of an older edition across, waiting for an answer. */
  /** @type {{ result: MigrationResult, keptAs: string | null } | null} */
  #offer = null;
  #tab = 'overview';
  #started = false;
  #generation = 0;
  #storageBroken = false;
  /** @type {Promise<void>} */
  #ready;
  /** @type {() => void} */
  #resolveReady = () => {};
  /** DOM nodes updated after every change, by standard or theme id. */
  #ui = /** @type {any} */ ({});

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
  }

  // ------------------------------------------------------------ public API

  /** Resolves once the catalogue is drawn and the assessment restored (or loading failed). */
  get ready() {
    return this.#ready;
  }

  /** The assessment being edited (a copy), or null before it is ready. */
  get assessment() {
    return this.#assessment ? structuredClone(this.#assessment) : null;
  }

  /** Replaces the assessment (checked against the catalogue first); before ready, applied when ready. */
  set assessment(value) {
    if (!this.#catalogue) {
      this.#pending = value;
      return;
    }
    this.load(/** @type {Assessment} */ (value));
  }

  /** The report of the current assessment (a copy), or null before it is ready. */
  get report() {
    return this.#report ? structuredClone(this.#report) : null;
  }

  /** The catalogue as a plain object, or null before it is ready. */
  get catalogueData() {
    return this.#catalogue ? this.#catalogue.data : null;
  }

  /** The most bytes a fetched catalogue or an imported file may have: the `max-bytes` attribute, or {@link DEFAULT_MAX_BYTES}. */
  get maxBytes() {
    const value = Number(this.getAttribute('max-bytes'));
    return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_BYTES;
  }

  /**
   * Replaces the assessment with one given as JSON text or an object, after checking it against
   * the catalogue. Throws a CarepathError (and fires carepath-error) when it is not valid.
   *
   * An assessment of an older major edition of the catalogue is carried across (migrated) into
   * the widget's edition: with `migrate: true` at once; by default (`'ask'`) the widget offers it
   * to the person and this call throws a `needs_migration` CarepathError, leaving the current
   * assessment in place until they accept; with `migrate: false` it is refused like any other
   * assessment that does not fit.
   * @param {string | Uint8Array | Assessment} json
   * @param {{ migrate?: boolean | 'ask' }} [options]
   * @returns {Assessment}
   */
  load(json, options = {}) {
    const catalogue = this.#catalogue;
    if (!catalogue) {
      const err = new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet; await element.ready first' });
      this.#fail(err);
      throw err;
    }
    const mode = options.migrate ?? 'ask';
    let assessment;
    try {
      assessment = catalogue.readAssessment(json);
    } catch (err) {
      const result = mode === false ? null : this.#migration(json);
      if (!result) {
        this.#fail(err);
        throw err;
      }
      if (mode === true) return this.#carryAcross(result);
      this.#showOffer(result, null);
      const { from, to } = result.report;
      throw new CarepathError({
        code: 'needs_migration',
        message: `the assessment was rated against edition ${from.version} of ${from.id}; this form uses edition ${to.version}: the widget offers to carry it across (load(json, { migrate: true }) does it at once)`,
        path: '/catalogue/version',
      });
    }
    this.#hideOffer();
    this.#assessment = assessment;
    this.#absorbDrafts();
    this.#fillFields();
    this.#commit();
    return structuredClone(assessment);
  }

  /** The assessment as the text of a JSON file. */
  export() {
    if (!this.#assessment) throw new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet' });
    return writeAssessment(this.#assessment);
  }

  /** The assessment as a FHIR `QuestionnaireResponse` (JSON text) to its edition's Questionnaire. */
  exportFhir() {
    if (!this.#assessment || !this.#catalogue) throw new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet' });
    return `${JSON.stringify(this.#catalogue.toFhir(this.#assessment), null, 2)}\n`;
  }

  /** The report as CSV, with titles, evidence and actions. */
  exportCsv() {
    if (!this.#report || !this.#catalogue || !this.#assessment) {
      throw new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet' });
    }
    return reportToCsv(this.#report, { catalogue: this.#catalogue, assessment: this.#assessment });
  }

  /** Shows a theme (`overview` for the summary). */
  showTheme(/** @type {string} */ id) {
    this.#select(id, false);
  }

  // ------------------------------------------------------------ lifecycle

  connectedCallback() {
    if (!this.#started) {
      this.#started = true;
      this.#start();
    }
  }

  /**
   * @param {string} name
   * @param {string | null} before
   * @param {string | null} after
   */
  attributeChangedCallback(name, before, after) {
    if (!this.#started || before === after) return;
    if (name === 'readonly') {
      this.#applyReadonly();
    } else if (name === 'catalogue' || name === 'storage-key') {
      this.#start();
    }
  }

  get #readonly() {
    return this.hasAttribute('readonly');
  }

  get #storageKey() {
    const key = this.getAttribute('storage-key');
    if (key !== null) return key;
    return `carepath:${this.getAttribute('catalogue') ?? 'default'}:${this.getAttribute('area') ?? ''}`;
  }

  async #start() {
    const generation = ++this.#generation;
    this.#catalogue?.free();
    this.#catalogue = null;
    this.#assessment = null;
    this.#report = null;
    this.#drafts = {};
    this.#offer = null;
    this.#storageBroken = false;
    this.#tab = 'overview';
    this.#renderShell();
    try {
      await init();
      const spec = this.getAttribute('catalogue');
      let catalogue;
      if (spec && isUrl(spec)) {
        const response = await fetch(new URL(spec, document.baseURI), { credentials: 'same-origin' });
        if (!response.ok) {
          throw new CarepathError({ code: 'load', message: `could not load the catalogue ${spec}: HTTP ${response.status}` });
        }
        catalogue = parseCatalogue(await readLimited(response, this.maxBytes, `the catalogue ${spec}`));
      } else {
        catalogue = loadCatalogue(spec || undefined);
      }
      if (generation !== this.#generation) {
        catalogue.free();
        return;
      }
      this.#catalogue = catalogue;
      this.#renderCatalogue();
      this.#restore();
      if (this.#pending !== null) {
        const pending = this.#pending;
        this.#pending = null;
        try {
          this.load(pending);
        } catch {
          // reported through carepath-error by load()
        }
      }
      this.#fillFields();
      this.#commit({ save: false, announce: false });
      this.#select(this.#tab, false);
      this.dispatchEvent(new CustomEvent('carepath-ready', { bubbles: true, composed: true, detail: { catalogue: catalogue.reference } }));
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#fail(err);
      this.#showLoadError(err);
    } finally {
      if (generation === this.#generation) this.#resolveReady();
    }
  }

  // ------------------------------------------------------------ storage

  #restore() {
    const catalogue = /** @type {CatalogueHandle} */ (this.#catalogue);
    const key = this.#storageKey;
    let saved = null;
    if (key) {
      try {
        const text = localStorage.getItem(key);
        if (text !== null) {
          saved = JSON.parse(text);
          if (!saved || saved.format !== AUTOSAVE_FORMAT) throw new Error('not a carepath autosave');
          this.#assessment = catalogue.readAssessment(saved.assessment);
          this.#drafts = saved.drafts && typeof saved.drafts === 'object' ? saved.drafts : {};
          if (typeof saved.tab === 'string') this.#tab = saved.tab;
        }
      } catch (err) {
        const result = saved && saved.format === AUTOSAVE_FORMAT ? this.#migration(saved.assessment) : null;
        if (result) {
          // Of an older edition: kept aside as it is, and offered to be carried across.
          this.#showOffer(result, this.#keepAside(key, 'earlier-edition'));
          this.#drafts = {};
          this.#tab = 'overview';
        } else {
          // Keep what could not be read under another key, never overwrite it.
          this.#backup(key, err);
        }
      }
    }
    if (!this.#assessment) {
      const area = this.getAttribute('area') || 'Unnamed area';
      this.#assessment = catalogue.newAssessment(area, today());
    }
    this.#absorbDrafts();
  }

  /**
   * Copies the autosave under `<key>:<why>:<time>` (or finds the copy already made of the same
   * text); returns that key, or null if storage failed.
   * @param {string} key
   * @param {string} why
   */
  #keepAside(key, why) {
    try {
      const text = localStorage.getItem(key);
      if (text === null) return null;
      for (let i = 0; i < localStorage.length; i++) {
        const other = localStorage.key(i);
        if (other?.startsWith(`${key}:${why}:`) && localStorage.getItem(other) === text) return other;
      }
      const aside = `${key}:${why}:${new Date().toISOString()}`;
      localStorage.setItem(aside, text);
      return aside;
    } catch {
      this.#storageBroken = true;
      return null;
    }
  }

  /**
   * @param {string} key
   * @param {unknown} err
   */
  #backup(key, err) {
    this.#keepAside(key, 'unreadable');
    const message = err instanceof Error ? err.message : String(err);
    this.#fail(
      new CarepathError({
        code: err instanceof CarepathError ? err.code : 'storage',
        message: `the saved assessment could not be read and was kept aside under "${key}:unreadable:…": ${message}`,
        path: err instanceof CarepathError ? err.path : null,
      }),
    );
  }

  #save() {
    const key = this.#storageKey;
    if (!key || !this.#assessment) return;
    const doc = {
      format: AUTOSAVE_FORMAT,
      version: 1,
      saved_at: new Date().toISOString(),
      tab: this.#tab,
      assessment: this.#assessment,
      drafts: this.#drafts,
    };
    try {
      localStorage.setItem(key, JSON.stringify(doc));
      if (this.#storageBroken) {
        this.#storageBroken = false;
        this.#status('Saved in this browser again.');
      }
    } catch (err) {
      if (!this.#storageBroken) {
        this.#storageBroken = true;
        this.#fail(
          new CarepathError({
            code: 'storage',
            message: `could not save in this browser (${err instanceof Error ? err.message : err}): export the assessment to keep your work`,
          }),
        );
      }
    }
  }

  // ------------------------------------------------------------ editing

  /**
   * @param {string} id
   * @param {Rating | null} rating
   */
  #rate(id, rating) {
    const catalogue = this.#catalogue;
    if (!catalogue || !this.#assessment || this.#readonly) return;
    try {
      const before = this.#assessment.ratings[id];
      if (rating === null && before) {
        // Clearing a rating keeps its text as a draft.
        const draft = this.#drafts[id] ?? {};
        if (before.evidence) draft.evidence = before.evidence;
        if (before.actions) draft.actions = before.actions;
        if (before.confidence) draft.confidence = before.confidence;
        this.#drafts[id] = draft;
      }
      this.#assessment = catalogue.rate(this.#assessment, id, rating);
      this.#absorbDrafts();
      this.#commit();
    } catch (err) {
      this.#fail(err);
    }
  }

  /**
   * @param {string} id
   * @param {'evidence' | 'actions' | 'confidence'} field
   * @param {string} value
   */
  #editText(id, field, value) {
    if (!this.#assessment || this.#readonly) return;
    try {
      if (this.#assessment.ratings[id]) {
        const set = field === 'evidence' ? setEvidence : field === 'actions' ? setActions : setConfidence;
        this.#assessment = set(this.#assessment, id, /** @type {any} */ (value === '' ? null : value));
        this.#commit();
      } else {
        const draft = (this.#drafts[id] ??= {});
        if (value === '') delete draft[field];
        else draft[field] = value;
        if (Object.keys(draft).length === 0) delete this.#drafts[id];
        this.#updateDraftNote(id);
        this.#save();
      }
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Folds drafts into entries that now have a rating: empty fields take the draft, and text already there is kept with the draft after it. */
  #absorbDrafts() {
    if (!this.#assessment) return;
    for (const [id, draft] of Object.entries(this.#drafts)) {
      const entry = this.#assessment.ratings[id];
      if (!entry) continue;
      /** @type {Assessment} */
      let a = this.#assessment;
      for (const field of /** @type {const} */ (['evidence', 'actions'])) {
        const text = draft[field];
        if (!text) continue;
        const have = entry[field];
        const merged = !have ? text : have === text || have.includes(text) ? have : `${have}\n\n${text}`;
        a = field === 'evidence' ? setEvidence(a, id, merged) : setActions(a, id, merged);
      }
      if (draft.confidence && !entry.confidence && draft.confidence in CONFIDENCE_WORDS) {
        a = setConfidence(a, id, /** @type {any} */ (draft.confidence));
      }
      this.#assessment = a;
      delete this.#drafts[id];
    }
  }

  // ------------------------------------------------------------ earlier editions

  /**
   * What carrying a document across into this edition gives, when it is an assessment of an
   * earlier edition that the core can migrate; otherwise null.
   * @param {unknown} json
   * @returns {MigrationResult | null}
   */
  #migration(json) {
    const catalogue = this.#catalogue;
    if (!catalogue) return null;
    try {
      const result = catalogue.migrate(/** @type {string | Uint8Array | Assessment} */ (json));
      return result.report.steps.length > 0 ? result : null;
    } catch {
      return null;
    }
  }

  /**
   * Replaces the assessment with a migrated one and says what happened.
   * @param {MigrationResult} result
   * @returns {Assessment}
   */
  #carryAcross(result) {
    this.#hideOffer();
    this.#assessment = result.assessment;
    this.#absorbDrafts();
    this.#fillFields();
    this.#commit();
    const { review, archived } = migrationSummary(result.report);
    const parts = [`Carried across to edition ${result.report.to.version}`];
    parts.push(review ? `${plural(review, 'rating needs', 'ratings need')} another look (marked “Review” beside the standard)` : 'nothing needs another look');
    if (archived) parts.push(`${plural(archived, 'rating is', 'ratings are')} kept in the archive`);
    this.#status(`${parts.join('; ')}.`);
    this.dispatchEvent(
      new CustomEvent('carepath-migrated', {
        bubbles: true,
        composed: true,
        detail: { assessment: structuredClone(result.assessment), report: structuredClone(result.report) },
      }),
    );
    return structuredClone(result.assessment);
  }

  /**
   * Shows the offer to carry an assessment of an earlier edition across.
   * @param {MigrationResult} result
   * @param {string | null} keptAs the key a restored autosave was kept aside under
   */
  #showOffer(result, keptAs) {
    const ui = this.#ui;
    if (!ui.offer) return;
    this.#offer = { result, keptAs };
    const { from, to } = result.report;
    const a = result.assessment;
    const n = migrationSummary(result.report);
    const title = this.#catalogue?.data.title ?? to.id;
    const replaces = Object.keys(this.#assessment?.ratings ?? {}).length > 0 ? ' Carrying it across replaces the assessment shown below.' : '';
    // The title is the title of this form's edition (say "... (2024 edition)"), not the earlier one's.
    ui.offerText.textContent = `The assessment of ${a.area.name} dated ${a.assessed_on} was rated against edition ${from.version} of these standards. This form uses edition ${to.version}, ${title}.${replaces}`;
    const items = [
      `${plural(n.carried, 'rating moves', 'ratings move')} to the standards of edition ${to.version}, with evidence and actions.`,
      n.review
        ? `${plural(n.review, 'standard is', 'standards are')} flagged for review, where the standard changed: the reason is shown beside each.`
        : 'No rating needs another look.',
    ];
    if (n.archived) items.push(`${plural(n.archived, 'rating of a retired or merged standard goes', 'ratings of retired or merged standards go')} to the assessment's archive: kept in the file, never deleted.`);
    if (n.added) items.push(`${plural(n.added, 'standard is', 'standards are')} new in this edition and start unrated.`);
    ui.offerList.replaceChildren(...items.map((t) => h('li', '', t)));
    ui.offerKept.textContent = keptAs ? `The saved copy of the earlier assessment is kept in this browser under “${keptAs}”.` : '';
    ui.offerKept.hidden = !keptAs;
    ui.offerAccept.textContent = `Carry it across to edition ${to.version}`;
    ui.offer.hidden = false;
  }

  #hideOffer() {
    this.#offer = null;
    if (this.#ui.offer) this.#ui.offer.hidden = true;
  }

  #acceptOffer() {
    const offer = this.#offer;
    if (!offer) return;
    this.#carryAcross(offer.result);
    this.#select('overview', false);
    if (this.#ui.reviewTitle && !this.#ui.reviewBox.hidden) this.#ui.reviewTitle.focus();
  }

  #declineOffer() {
    const offer = this.#offer;
    this.#hideOffer();
    if (offer?.keptAs) this.#status(`The earlier assessment was not carried across; it is kept in this browser under “${offer.keptAs}”.`);
    else this.#status('The earlier assessment was not carried across; nothing changed.');
    if (!this.#ui.importButton.hidden) this.#ui.importButton.focus();
  }

  /** @param {string} id */
  #markReviewed(id) {
    if (!this.#assessment || this.#readonly) return;
    try {
      this.#assessment = clearReview(this.#assessment, id);
      this.#commit();
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Scores, redraws the numbers, autosaves and tells the host. */
  #commit({ save = true, announce = true } = {}) {
    const catalogue = this.#catalogue;
    if (!catalogue || !this.#assessment) return;
    try {
      this.#report = catalogue.score(this.#assessment);
    } catch (err) {
      this.#fail(err);
      return;
    }
    this.#update();
    if (save) this.#save();
    if (announce) {
      this.dispatchEvent(
        new CustomEvent('carepath-change', {
          bubbles: true,
          composed: true,
          detail: { assessment: structuredClone(this.#assessment), report: structuredClone(this.#report) },
        }),
      );
    }
  }

  /** @param {unknown} err */
  #fail(err) {
    const e = err instanceof CarepathError ? err : new CarepathError({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
    this.#status(e.message, true);
    this.dispatchEvent(
      new CustomEvent('carepath-error', { bubbles: true, composed: true, detail: { code: e.code, message: e.message, path: e.path } }),
    );
  }

  /**
   * @param {string} message
   * @param {boolean} [isError]
   */
  #status(message, isError = false) {
    const el = this.#ui.status;
    if (!el) return;
    el.textContent = message;
    el.classList.toggle('cp-status-error', isError);
    el.hidden = false;
  }

  // ------------------------------------------------------------ rendering

  #renderShell() {
    const root = this.#root;
    const link = h('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    const shell = h('div', 'cp');
    shell.setAttribute('part', 'container');
    shell.hidden = true;
    const show = () => {
      shell.hidden = false;
    };
    link.addEventListener('load', show);
    link.addEventListener('error', show);
    const loading = h('p', 'cp-loading', 'Loading the assessment…');
    loading.setAttribute('role', 'status');
    shell.append(loading);
    root.replaceChildren(link, shell);
    this.#ui = { shell, status: null };
  }

  /** @param {unknown} err */
  #showLoadError(err) {
    const box = h('div', 'cp-load-error');
    box.setAttribute('role', 'alert');
    box.setAttribute('part', 'error');
    box.append(h('strong', '', 'The assessment could not be loaded.'), h('p', '', err instanceof Error ? err.message : String(err)));
    this.#ui.shell.replaceChildren(box);
  }

  #renderCatalogue() {
    const catalogue = /** @type {CatalogueHandle} */ (this.#catalogue);
    const data = catalogue.data;
    const uid = this.#uid;
    const ui = (this.#ui = /** @type {any} */ ({ shell: this.#ui.shell, standards: new Map(), themes: new Map(), tabs: new Map(), panels: new Map() }));

    // Header: what is being assessed, the overall result, and the tools.
    const header = h('header', 'cp-header');
    header.setAttribute('part', 'header');
    const heading = h('div', 'cp-heading');
    const eyebrow = h('p', 'cp-eyebrow', `${data.title} · edition ${data.version}`);
    ui.area = h('h2', 'cp-title');
    ui.area.setAttribute('part', 'title');
    ui.meta = h('p', 'cp-meta');
    heading.append(eyebrow, ui.area, ui.meta);

    ui.overall = h('div', 'cp-overall');
    ui.overall.setAttribute('part', 'overall');
    ui.overall.setAttribute('aria-label', 'Overall');
    ui.overallScore = h('span', 'cp-overall-score');
    const overallOf = h('span', 'cp-overall-of', `out of ${data.scale.max}`);
    ui.overallLight = this.#light();
    const overallLabel = h('span', 'cp-overall-label', 'Overall');
    ui.overall.append(overallLabel, ui.overallScore, overallOf, ui.overallLight);

    const toolbar = h('div', 'cp-toolbar');
    toolbar.setAttribute('part', 'toolbar');
    ui.importButton = this.#button('Import…', () => ui.file.click());
    ui.file = h('input');
    ui.file.type = 'file';
    ui.file.accept = '.json,application/json';
    ui.file.hidden = true;
    ui.file.setAttribute('aria-hidden', 'true');
    ui.file.tabIndex = -1;
    ui.file.addEventListener('change', () => this.#importFile());
    const exportButton = this.#button('Export assessment', () => this.#download(this.export(), this.#fileName('json'), 'application/json'));
    const csvButton = this.#button('Export report (CSV)', () => this.#download(`\ufeff${this.exportCsv()}`, this.#fileName('csv'), 'text/csv'));
    const fhirButton = this.#button('Export FHIR QuestionnaireResponse', () => this.#download(this.exportFhir(), this.#fileName('fhir'), 'application/fhir+json'));
    const printButton = this.#button('Print', () => window.print());
    toolbar.append(ui.importButton, ui.file, exportButton, fhirButton, csvButton, printButton);
    header.append(heading, ui.overall, toolbar);

    ui.status = h('p', 'cp-status');
    ui.status.setAttribute('role', 'status');
    ui.status.setAttribute('part', 'status');
    ui.status.hidden = true;
    const offer = this.#renderOffer();

    // Navigation between the overview and the themes: WAI-ARIA tabs.
    const body = h('div', 'cp-body');
    const nav = h('div', 'cp-nav');
    nav.setAttribute('role', 'tablist');
    nav.setAttribute('aria-label', 'Themes');
    nav.setAttribute('aria-orientation', 'vertical');
    nav.setAttribute('part', 'nav');
    nav.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => this.#tabKey(e));
    const panels = h('div', 'cp-panels');

    const overviewTab = this.#tabButton('overview', 'Overview', null);
    nav.append(overviewTab);
    panels.append(this.#renderOverview());

    for (const theme of data.themes) {
      const tab = this.#tabButton(theme.id, theme.title, theme.id);
      nav.append(tab);
      const panel = h('section', 'cp-panel');
      panel.id = `${uid}-panel-${theme.id}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `${uid}-tab-${theme.id}`);
      panel.setAttribute('part', 'panel');
      panel.tabIndex = 0;
      panel.hidden = true;
      const themeHeader = h('div', 'cp-theme-header');
      themeHeader.setAttribute('part', 'theme-header');
      const titleRow = h('div', 'cp-theme-title-row');
      titleRow.append(h('span', 'cp-theme-id', theme.id), ' ', h('h3', 'cp-theme-title', theme.title));
      const stats = h('p', 'cp-theme-stats');
      const themeLight = this.#light();
      const themeScore = h('span', 'cp-theme-score');
      const themeCounts = h('span', 'cp-theme-counts');
      stats.append(themeScore, themeLight, themeCounts);
      themeHeader.append(titleRow, h('p', 'cp-theme-description', theme.description), stats);
      panel.append(themeHeader);
      ui.themes.set(theme.id, { score: themeScore, light: themeLight, counts: themeCounts, tab });
      for (const standard of theme.standards) panel.append(this.#renderStandard(standard, data));
      ui.panels.set(theme.id, panel);
      panels.append(panel);
    }
    body.append(nav, panels);
    ui.shell.replaceChildren(header, offer, ui.status, body);
    this.#applyReadonly();
  }

  /** The offer to carry an assessment of an earlier edition across (hidden until needed). */
  #renderOffer() {
    const ui = this.#ui;
    const offer = h('section', 'cp-offer');
    offer.setAttribute('part', 'migration');
    offer.setAttribute('aria-labelledby', `${this.#uid}-offer-title`);
    offer.hidden = true;
    ui.offerTitle = h('h3', 'cp-offer-title', 'This assessment was made with an earlier edition');
    ui.offerTitle.id = `${this.#uid}-offer-title`;
    ui.offerTitle.tabIndex = -1;
    ui.offerText = h('p', 'cp-offer-text');
    ui.offerList = h('ul', 'cp-offer-list');
    ui.offerKept = h('p', 'cp-offer-kept');
    const buttons = h('div', 'cp-offer-buttons');
    ui.offerAccept = this.#button('Carry it across', () => this.#acceptOffer());
    ui.offerAccept.classList.add('cp-button-primary');
    buttons.append(ui.offerAccept, this.#button('Not now', () => this.#declineOffer()));
    offer.append(ui.offerTitle, ui.offerText, ui.offerList, ui.offerKept, buttons);
    ui.offer = offer;
    return offer;
  }

  #renderOverview() {
    const ui = this.#ui;
    const uid = this.#uid;
    const panel = h('section', 'cp-panel cp-overview');
    panel.id = `${uid}-panel-overview`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', `${uid}-tab-overview`);
    panel.setAttribute('part', 'panel summary');
    panel.tabIndex = 0;
    ui.panels.set('overview', panel);

    const themesBox = h('section', 'cp-card cp-card-wide');
    themesBox.append(h('h3', 'cp-card-title', 'Themes'));
    const table = h('table', 'cp-table');
    table.setAttribute('part', 'theme-table');
    const head = h('thead');
    const headRow = h('tr');
    for (const label of ['Theme', 'Score', 'Light', 'Scored', 'Complete']) headRow.append(h('th', '', label));
    head.append(headRow);
    ui.themeRows = h('tbody');
    table.append(head, ui.themeRows);
    themesBox.append(table);

    const crossBox = h('section', 'cp-card');
    crossBox.append(h('h3', 'cp-card-title', 'Cross-cutting themes'));
    ui.crossList = h('ul', 'cp-cross');
    ui.crossList.setAttribute('part', 'cross-cutting');
    crossBox.append(ui.crossList);

    const gapsBox = h('section', 'cp-card');
    gapsBox.append(h('h3', 'cp-card-title', 'Gaps, largest first'));
    gapsBox.append(h('p', 'cp-card-hint', 'Scored below green, ranked by priority weight × shortfall from the top of the scale.'));
    ui.gapList = h('ol', 'cp-gaps');
    ui.gapList.setAttribute('part', 'gaps');
    ui.noGaps = h('p', 'cp-empty', 'No gaps among the standards scored so far.');
    gapsBox.append(ui.gapList, ui.noGaps);

    const unknownBox = h('section', 'cp-card');
    unknownBox.append(h('h3', 'cp-card-title', 'Nobody knew'));
    ui.unknownList = h('ul', 'cp-unknowns');
    ui.noUnknowns = h('p', 'cp-empty', 'No standard is marked “Don’t know”.');
    unknownBox.append(ui.unknownList, ui.noUnknowns);

    // Ratings to look at again (after a migration or a consensus), and ratings kept from
    // earlier editions: shown only when there are any.
    ui.reviewBox = h('section', 'cp-card cp-card-wide cp-review-card');
    ui.reviewBox.setAttribute('part', 'review-list');
    ui.reviewTitle = h('h3', 'cp-card-title', 'To review');
    ui.reviewTitle.tabIndex = -1;
    ui.reviewList = h('ul', 'cp-review-list');
    ui.reviewBox.append(
      ui.reviewTitle,
      h('p', 'cp-card-hint', 'These ratings were carried across from an earlier edition, or combined from several raters: check each still fits its standard.'),
      ui.reviewList,
    );
    ui.archiveBox = h('section', 'cp-card cp-card-wide cp-archive-card');
    ui.archiveBox.setAttribute('part', 'archive');
    ui.archiveList = h('ul', 'cp-archive-list');
    ui.archiveBox.append(
      h('h3', 'cp-card-title', 'Archived from earlier editions'),
      h('p', 'cp-card-hint', 'Ratings of standards that were retired or merged. They stay in the assessment and in every export, but do not count in any score.'),
      ui.archiveList,
    );

    panel.append(ui.reviewBox, themesBox, gapsBox, crossBox, unknownBox, ui.archiveBox);
    return panel;
  }

  /**
   * @param {import('./carepath.d.ts').Standard} standard
   * @param {Catalogue} data
   */
  #renderStandard(standard, data) {
    const uid = this.#uid;
    const sid = `${uid}-s-${standard.id}`;
    const article = h('article', 'cp-standard');
    article.id = sid;
    article.setAttribute('part', 'standard');

    const top = h('div', 'cp-standard-top');
    const title = h('h4', 'cp-standard-title');
    title.id = `${sid}-title`;
    title.setAttribute('part', 'standard-title');
    title.append(h('span', 'cp-standard-id', standard.id), ' ', h('span', 'cp-standard-name', standard.title));
    const priority = h('span', `cp-priority cp-priority-${standard.priority}`, PRIORITY_WORDS[standard.priority] ?? standard.priority);
    priority.setAttribute('part', 'priority');
    priority.title = 'Priority';
    const light = this.#light();
    top.append(title, priority, light);

    const description = h('p', 'cp-standard-description', standard.description);
    description.id = `${sid}-desc`;

    const guidance = h('details', 'cp-guidance');
    guidance.setAttribute('part', 'guidance');
    guidance.append(h('summary', '', 'What each level looks like'));
    const dl = h('dl');
    for (const level of data.scale.levels) {
      dl.append(h('dt', '', `${level.value} · ${level.label}`));
      dl.append(h('dd', '', standard.guidance?.[String(level.value)] ?? level.description));
    }
    guidance.append(dl);

    // The rating: a WAI-ARIA radio group with a roving tabindex.
    const group = h('div', 'cp-radios');
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-labelledby', `${sid}-title`);
    group.setAttribute('aria-describedby', `${sid}-hint`);
    group.setAttribute('part', 'rating');
    /** @type {Array<{ el: HTMLElement, value: Rating }>} */
    const radios = [];
    /**
     * @param {Rating} value
     * @param {string} short
     * @param {string} label
     * @param {string} kind
     */
    const addRadio = (value, short, label, kind) => {
      const radio = h('div', `cp-radio cp-radio-${kind}`);
      radio.setAttribute('role', 'radio');
      // Announced as "3: In place for some", "Not applicable", "Don't know".
      radio.setAttribute('aria-label', kind === 'score' ? `${short}: ${label}` : label);
      radio.setAttribute('aria-checked', 'false');
      radio.setAttribute('part', 'radio');
      radio.tabIndex = -1;
      radio.dataset.value = String(value);
      radio.append(h('span', 'cp-radio-value', short), h('span', 'cp-radio-label', label));
      radio.addEventListener('click', () => this.#choose(standard.id, value, radio));
      radios.push({ el: radio, value });
      group.append(radio);
    };
    for (const level of data.scale.levels) addRadio(level.value, String(level.value), level.label, 'score');
    addRadio(NOT_APPLICABLE, 'N/A', 'Not applicable', 'na');
    addRadio(UNKNOWN, '?', 'Don’t know', 'unknown');
    group.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => this.#radioKey(e, standard.id, radios));

    const hintRow = h('div', 'cp-hint-row');
    const hint = h('p', 'cp-level-hint');
    hint.id = `${sid}-hint`;
    const clear = this.#button('Clear rating', () => this.#rate(standard.id, null));
    clear.classList.add('cp-clear');
    hintRow.append(hint, clear);

    const fields = h('div', 'cp-fields');
    const evidence = this.#textField(`${sid}-evidence`, 'Evidence', 'What the rating rests on: data, audits, what women and families say.', (v) =>
      this.#editText(standard.id, 'evidence', v),
    );
    const actions = this.#textField(`${sid}-actions`, 'Planned actions', 'What the partnership will do, who leads, by when.', (v) =>
      this.#editText(standard.id, 'actions', v),
    );
    const confidenceWrap = h('div', 'cp-field cp-field-confidence');
    const confidenceLabel = h('label', 'cp-field-label', 'Confidence');
    confidenceLabel.htmlFor = `${sid}-confidence`;
    const confidence = h('select', 'cp-select');
    confidence.id = `${sid}-confidence`;
    confidence.setAttribute('part', 'select');
    const none = h('option', '', 'Not set');
    none.value = '';
    confidence.append(none);
    for (const [value, word] of Object.entries(CONFIDENCE_WORDS)) {
      const option = h('option', '', word);
      option.value = value;
      confidence.append(option);
    }
    confidence.addEventListener('change', () => this.#editText(standard.id, 'confidence', confidence.value));
    confidenceWrap.append(confidenceLabel, confidence);
    const draftNote = h('p', 'cp-draft-note', 'Draft, kept in this browser: choose a rating (or “Don’t know”) to add this text to the assessment.');
    draftNote.hidden = true;
    fields.append(evidence.wrap, actions.wrap, confidenceWrap);

    // The review note of a carried-across or combined rating, beside the standard.
    const review = h('div', 'cp-review');
    review.setAttribute('part', 'review');
    review.hidden = true;
    const reviewText = h('p', 'cp-review-text');
    reviewText.id = `${sid}-review`;
    const reviewNote = h('span', 'cp-review-note');
    reviewText.append(h('strong', 'cp-review-label', 'Review'), ' ', reviewNote);
    const reviewed = this.#button('Mark as reviewed', () => this.#markReviewed(standard.id));
    reviewed.classList.add('cp-reviewed');
    reviewed.setAttribute('aria-describedby', `${sid}-review`);
    review.append(reviewText, reviewed);

    article.append(top, review, description, guidance, group, hintRow, fields, draftNote);
    this.#ui.standards.set(standard.id, {
      article,
      light,
      radios,
      hint,
      clear,
      evidence: evidence.input,
      evidencePrint: evidence.print,
      actions: actions.input,
      actionsPrint: actions.print,
      confidence,
      draftNote,
      review,
      reviewNote,
      reviewed,
      lastLight: undefined,
    });
    return article;
  }

  /**
   * @param {string} id
   * @param {string} label
   * @param {string} placeholder
   * @param {(value: string) => void} onInput
   */
  #textField(id, label, placeholder, onInput) {
    const wrap = h('div', 'cp-field');
    const lab = h('label', 'cp-field-label', label);
    lab.htmlFor = id;
    const input = h('textarea', 'cp-textarea');
    input.id = id;
    input.rows = 2;
    input.placeholder = placeholder;
    input.setAttribute('part', 'textarea');
    input.addEventListener('input', () => {
      print.textContent = input.value;
      onInput(input.value);
    });
    const print = h('p', 'cp-print-text');
    wrap.append(lab, input, print);
    return { wrap, input, print };
  }

  /**
   * @param {string} label
   * @param {() => void} onClick
   */
  #button(label, onClick) {
    const b = h('button', 'cp-button', label);
    b.type = 'button';
    b.setAttribute('part', 'button');
    b.addEventListener('click', () => {
      try {
        onClick();
      } catch (err) {
        this.#fail(err);
      }
    });
    return b;
  }

  /**
   * @param {string} id
   * @param {string} title
   * @param {string | null} themeId
   */
  #tabButton(id, title, themeId) {
    const uid = this.#uid;
    const tab = h('button', 'cp-tab');
    tab.type = 'button';
    tab.id = `${uid}-tab-${id}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', 'false');
    tab.setAttribute('aria-controls', `${uid}-panel-${id}`);
    tab.setAttribute('part', 'tab');
    tab.tabIndex = -1;
    tab.dataset.tab = id;
    const text = h('span', 'cp-tab-text');
    if (themeId) text.append(h('span', 'cp-tab-id', themeId), ' ');
    text.append(h('span', 'cp-tab-title', title));
    tab.append(text);
    if (themeId) {
      const score = h('span', 'cp-tab-score');
      const light = this.#light(true);
      tab.append(score, light);
      this.#ui.tabs.set(id, { tab, score, light });
    } else {
      this.#ui.tabs.set(id, { tab });
    }
    tab.addEventListener('click', () => this.#select(id, true));
    return tab;
  }

  /** A traffic light: a coloured dot and a word, so colour is never the only signal. */
  #light(compact = false) {
    const el = h('span', compact ? 'cp-light cp-light-compact' : 'cp-light');
    el.setAttribute('part', 'light');
    el.dataset.light = 'none';
    const dot = h('span', 'cp-light-dot');
    dot.setAttribute('aria-hidden', 'true');
    el.append(dot, h('span', 'cp-light-word', 'Not rated'));
    return el;
  }

  /**
   * @param {HTMLElement} el
   * @param {string | null} light
   * @param {string} [otherwise]
   */
  #setLight(el, light, otherwise = 'No score') {
    const band = light ? this.#catalogue?.data.scale.bands.find((b) => b.id === light) : undefined;
    const word = band ? band.label : light ?? otherwise;
    const key = light ?? 'none';
    if (el.dataset.light !== key) el.dataset.light = key;
    const wordEl = /** @type {HTMLElement} */ (el.lastChild);
    if (wordEl.textContent !== word) wordEl.textContent = word;
  }

  // ------------------------------------------------------------ interaction

  /**
   * @param {string} id
   * @param {Rating} value
   * @param {HTMLElement} radio
   */
  #choose(id, value, radio) {
    if (this.#readonly) return;
    radio.focus();
    const current = this.#assessment?.ratings[id]?.rating;
    if (current === value) return;
    this.#rate(id, value);
  }

  /**
   * Arrow keys move to the next or previous level and choose it; Space chooses the focused one.
   * @param {KeyboardEvent} e
   * @param {string} id
   * @param {Array<{ el: HTMLElement, value: Rating }>} radios
   */
  #radioKey(e, id, radios) {
    const index = radios.findIndex((r) => r.el === e.target);
    if (index < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (index + 1) % radios.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (index - 1 + radios.length) % radios.length;
    else if (e.key === ' ' || e.key === 'Spacebar' || e.key === 'Enter') next = index;
    else return;
    e.preventDefault();
    if (this.#readonly) {
      if (next !== index) this.#focusRadio(radios, next);
      return;
    }
    this.#focusRadio(radios, next);
    this.#choose(id, radios[next].value, radios[next].el);
  }

  /**
   * @param {Array<{ el: HTMLElement }>} radios
   * @param {number} index
   */
  #focusRadio(radios, index) {
    radios.forEach((r, i) => {
      r.el.tabIndex = i === index ? 0 : -1;
    });
    radios[index].el.focus();
  }

  /** @param {KeyboardEvent} e */
  #tabKey(e) {
    const tabs = [...this.#ui.tabs.values()].map((t) => t.tab);
    const index = tabs.indexOf(/** @type {HTMLElement} */ (e.target));
    if (index < 0) return;
    let next = -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    this.#select(tabs[next].dataset.tab, true);
  }

  /**
   * @param {string} id
   * @param {boolean} focus
   */
  #select(id, focus) {
    const ui = this.#ui;
    if (!ui.panels || !ui.panels.has(id)) id = 'overview';
    if (!ui.panels) return;
    for (const [key, { tab }] of ui.tabs) {
      const on = key === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) {
        // In the narrow (horizontal) layout, bring the tab into view without scrolling the page.
        const nav = tab.parentElement;
        if (nav && nav.scrollWidth > nav.clientWidth) {
          const t = tab.getBoundingClientRect();
          const n = nav.getBoundingClientRect();
          if (t.left < n.left) nav.scrollLeft -= n.left - t.left;
          else if (t.right > n.right) nav.scrollLeft += t.right - n.right;
        }
        if (focus) tab.focus();
      }
    }
    for (const [key, panel] of ui.panels) panel.hidden = key !== id;
    if (this.#tab !== id) {
      this.#tab = id;
      if (this.#assessment) this.#save();
    }
  }

  /** @param {string} id */
  #goToStandard(id) {
    const std = this.#catalogue?.data.themes.find((t) => t.standards.some((s) => s.id === id));
    if (!std) return;
    this.#select(std.id, false);
    const entry = this.#ui.standards.get(id);
    if (!entry) return;
    entry.article.scrollIntoView({ block: 'start' });
    const checked = entry.radios.find((/** @type {{ el: HTMLElement }} */ r) => r.el.tabIndex === 0) ?? entry.radios[0];
    checked.el.focus();
  }

  async #importFile() {
    const file = this.#ui.file.files?.[0];
    this.#ui.file.value = '';
    if (!file) return;
    if (file.size > this.maxBytes) {
      // Refused before reading: the assessment on screen stays as it was.
      this.#fail(
        new CarepathError({
          code: 'too_large',
          message: `${file.name} is ${file.size} bytes, more than the ${this.maxBytes} bytes this form reads (the max-bytes attribute raises the limit)`,
        }),
      );
      this.#status(`Could not import ${file.name}: it is larger than ${this.maxBytes} bytes.`, true);
      return;
    }
    let bytes;
    try {
      // As bytes, so that a file that is not UTF-8 is refused with its line and column rather
      // than read with U+FFFD in place of what was typed.
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      this.#fail(new CarepathError({ code: 'load', message: `could not read ${file.name}: ${err instanceof Error ? err.message : err}` }));
      return;
    }
    try {
      this.load(this.#fromFhirIfResponse(bytes));
      this.#status(`Imported ${file.name}.`);
    } catch (err) {
      if (err instanceof CarepathError && err.code === 'needs_migration') {
        // Of an earlier edition: the offer to carry it across is shown; take the reader there.
        this.#ui.offerTitle.focus();
        return;
      }
      // load() has reported it; say which file.
      if (err instanceof Error) this.#status(`Could not import ${file.name}: ${err.message}`, true);
    }
  }

  /**
   * A FHIR QuestionnaireResponse becomes the assessment it carries (read against this edition, or
   * else the bundled edition it answers, which load() then offers to carry across); any other
   * file is returned as its bytes, for load() to read as an assessment file (so that bytes that
   * are not UTF-8 get the core's located error).
   * @param {Uint8Array} bytes
   * @returns {Uint8Array | string | Assessment}
   */
  #fromFhirIfResponse(bytes) {
    let text;
    let resourceType;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      resourceType = JSON.parse(text)?.resourceType;
    } catch {
      return bytes;
    }
    if (resourceType !== 'QuestionnaireResponse' || !this.#catalogue) return bytes;
    try {
      return this.#catalogue.fromFhir(text);
    } catch (err) {
      if (err instanceof CarepathError && err.code === 'fhir_questionnaire') return fromFhir(text);
      throw err;
    }
  }

  /**
   * @param {string} text
   * @param {string} name
   * @param {string} type
   */
  #download(text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a');
    a.href = url;
    a.download = name;
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** @param {string} ext */
  #fileName(ext) {
    const a = this.#assessment;
    const area = (a?.area.name ?? 'assessment').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'assessment';
    const suffix = { csv: 'report.csv', fhir: 'fhir.json' }[ext] ?? 'json';
    return `${area}-${a?.assessed_on ?? today()}.${suffix}`;
  }

  // ------------------------------------------------------------ updating

  /** Puts the assessment's text into the fields (after a restore or load). */
  #fillFields() {
    const a = this.#assessment;
    if (!a) return;
    for (const [id, entry] of this.#ui.standards ?? []) {
      const rated = a.ratings[id];
      const draft = this.#drafts[id];
      const evidence = rated ? rated.evidence ?? '' : draft?.evidence ?? '';
      const actions = rated ? rated.actions ?? '' : draft?.actions ?? '';
      const confidence = rated ? rated.confidence ?? '' : draft?.confidence ?? '';
      if (entry.evidence.value !== evidence) entry.evidence.value = evidence;
      if (entry.actions.value !== actions) entry.actions.value = actions;
      entry.evidencePrint.textContent = evidence;
      entry.actionsPrint.textContent = actions;
      entry.confidence.value = confidence;
      this.#updateDraftNote(id);
    }
  }

  /** @param {string} id */
  #updateDraftNote(id) {
    const entry = this.#ui.standards?.get(id);
    if (!entry) return;
    const draft = this.#drafts[id];
    entry.draftNote.hidden = !(draft && !this.#assessment?.ratings[id] && (draft.evidence || draft.actions || draft.confidence));
  }

  /** Redraws every number and light from the latest report. */
  #update() {
    const report = this.#report;
    const a = this.#assessment;
    const catalogue = this.#catalogue;
    if (!report || !a || !catalogue) return;
    const ui = this.#ui;
    const data = catalogue.data;
    const levels = new Map(data.scale.levels.map((l) => [l.value, l]));

    ui.area.textContent = a.area.name;
    ui.meta.textContent = `Assessed on ${a.assessed_on} · ${report.overall.rated} of ${report.overall.total} standards scored`;
    ui.overallScore.textContent = oneDecimal(report.overall.score);
    this.#setLight(ui.overallLight, report.overall.light);

    for (const s of report.standards) {
      const entry = ui.standards.get(s.id);
      if (!entry) continue;
      const rating = s.rating;
      const otherwise = rating === NOT_APPLICABLE ? 'Not applicable' : rating === UNKNOWN ? 'Don’t know' : 'Not rated';
      this.#setLight(entry.light, s.light, otherwise);
      let checkedIndex = -1;
      entry.radios.forEach((/** @type {{ el: HTMLElement, value: Rating }} */ r, /** @type {number} */ i) => {
        const on = rating !== null && r.value === rating;
        if (on) checkedIndex = i;
        const want = String(on);
        if (r.el.getAttribute('aria-checked') !== want) r.el.setAttribute('aria-checked', want);
      });
      const focusIndex = checkedIndex >= 0 ? checkedIndex : 0;
      entry.radios.forEach((/** @type {{ el: HTMLElement }} */ r, /** @type {number} */ i) => {
        const want = i === focusIndex ? 0 : -1;
        if (r.el.tabIndex !== want) r.el.tabIndex = want;
      });
      let hint;
      if (typeof rating === 'number') {
        const level = levels.get(rating);
        hint = level ? `Rated ${rating} · ${level.label}: ${level.description}` : `Rated ${rating}`;
      } else if (rating === NOT_APPLICABLE) hint = 'Rated not applicable: left out of every average.';
      else if (rating === UNKNOWN) hint = 'Rated don’t know: left out of the averages and listed under “Nobody knew”.';
      else hint = 'Not rated yet: choose 0 to 5, not applicable, or don’t know.';
      if (entry.hint.textContent !== hint) entry.hint.textContent = hint;
      entry.clear.hidden = rating === null || this.#readonly;
      entry.article.dataset.rated = rating === null ? 'false' : 'true';
      const note = a.ratings[s.id]?.review ?? '';
      if (entry.reviewNote.textContent !== note) entry.reviewNote.textContent = note;
      entry.review.hidden = !note;
      entry.reviewed.hidden = this.#readonly;
      this.#updateDraftNote(s.id);
    }

    for (const t of report.themes) {
      const view = ui.themes.get(t.id);
      if (view) {
        view.score.textContent = t.score === null ? 'No score yet' : `Score ${oneDecimal(t.score)} of ${data.scale.max}`;
        this.#setLight(view.light, t.light);
        view.counts.textContent = `${t.rated} scored · ${t.not_applicable} not applicable · ${t.unknown} don’t know · ${t.unrated} not rated`;
      }
      const tab = ui.tabs.get(t.id);
      if (tab) {
        tab.score.textContent = oneDecimal(t.score);
        this.#setLight(tab.light, t.light);
      }
    }

    // Overview: themes, gaps, cross-cutting themes, unknowns.
    const titles = new Map();
    for (const theme of data.themes) for (const s of theme.standards) titles.set(s.id, s.title);
    ui.themeRows.replaceChildren(
      ...report.themes.map((t) => {
        const row = h('tr');
        const name = h('td', 'cp-table-name');
        const link = h('button', 'cp-link');
        link.type = 'button';
        link.append(h('span', 'cp-table-id', t.id), document.createTextNode(` ${t.title}`));
        link.addEventListener('click', () => this.#select(t.id, true));
        name.append(link);
        const light = this.#light();
        this.#setLight(light, t.light);
        const lightCell = h('td');
        lightCell.append(light);
        const complete = h('td', 'cp-table-complete');
        const meter = h('meter', 'cp-meter');
        meter.min = 0;
        meter.max = 1;
        meter.value = t.completeness;
        meter.setAttribute('aria-label', `${t.title}: complete`);
        complete.append(meter, h('span', 'cp-meter-text', `${Math.round(t.completeness * 100)}%`));
        row.append(name, h('td', 'cp-num', oneDecimal(t.score)), lightCell, h('td', 'cp-num', `${t.rated}/${t.total}`), complete);
        return row;
      }),
    );

    ui.gapList.replaceChildren(
      ...report.gaps.map((g) => {
        const li = h('li', 'cp-gap');
        const light = this.#light();
        this.#setLight(light, report.standards.find((s) => s.id === g.id)?.light ?? null);
        const link = h('button', 'cp-link cp-gap-link');
        link.type = 'button';
        link.append(h('span', 'cp-table-id', g.id), document.createTextNode(` ${titles.get(g.id) ?? ''}`));
        link.addEventListener('click', () => this.#goToStandard(g.id));
        const detail = h(
          'span',
          'cp-gap-detail',
          `Rated ${g.rating} · ${PRIORITY_WORDS[g.priority] ?? g.priority} · shortfall ${g.shortfall} × weight ${g.weight} = ${g.weighted_shortfall}`,
        );
        li.append(light, link, detail);
        return li;
      }),
    );
    ui.noGaps.hidden = report.gaps.length > 0;

    ui.crossList.replaceChildren(
      ...report.cross_cutting.map((x) => {
        const li = h('li', 'cp-cross-item');
        const light = this.#light();
        this.#setLight(light, x.light);
        li.append(
          h('span', 'cp-cross-title', x.title),
          h('span', 'cp-num', oneDecimal(x.score)),
          light,
          h('span', 'cp-cross-count', `${x.rated} of ${x.total} scored`),
        );
        return li;
      }),
    );

    ui.unknownList.replaceChildren(
      ...report.unknowns.map((id) => {
        const li = h('li');
        const link = h('button', 'cp-link');
        link.type = 'button';
        link.append(h('span', 'cp-table-id', id), document.createTextNode(` ${titles.get(id) ?? ''}`));
        link.addEventListener('click', () => this.#goToStandard(id));
        li.append(link);
        return li;
      }),
    );
    ui.noUnknowns.hidden = report.unknowns.length > 0;

    const flagged = report.standards.filter((s) => a.ratings[s.id]?.review);
    ui.reviewList.replaceChildren(
      ...flagged.map((s) => {
        const li = h('li', 'cp-review-item');
        const link = h('button', 'cp-link');
        link.type = 'button';
        link.append(h('span', 'cp-table-id', s.id), document.createTextNode(` ${titles.get(s.id) ?? ''}`));
        link.addEventListener('click', () => this.#goToStandard(s.id));
        li.append(link, h('span', 'cp-review-why', a.ratings[s.id]?.review ?? ''));
        return li;
      }),
    );
    ui.reviewBox.hidden = flagged.length === 0;

    const archive = a.archive ?? [];
    ui.archiveList.replaceChildren(
      ...archive.map((r) => {
        const li = h('li', 'cp-archive-item');
        const shown = r.rating === NOT_APPLICABLE ? 'not applicable' : r.rating === UNKNOWN ? 'don’t know' : `rated ${r.rating}`;
        const head = h('span', 'cp-archive-head');
        head.append(h('span', 'cp-table-id', r.standard), h('span', 'cp-archive-what', ` edition ${r.catalogue.version} · ${shown}`));
        li.append(head, h('span', 'cp-archive-why', r.reason));
        if (r.evidence) li.append(h('span', 'cp-archive-evidence', `Evidence: ${r.evidence}`));
        return li;
      }),
    );
    ui.archiveBox.hidden = archive.length === 0;
  }

  #applyReadonly() {
    const ui = this.#ui;
    if (!ui.standards) return;
    const ro = this.#readonly;
    for (const [id, entry] of ui.standards) {
      for (const r of entry.radios) r.el.setAttribute('aria-disabled', String(ro));
      entry.evidence.readOnly = ro;
      entry.actions.readOnly = ro;
      entry.confidence.disabled = ro;
      entry.clear.hidden = ro || !this.#assessment?.ratings[id];
      entry.reviewed.hidden = ro;
    }
    ui.importButton.hidden = ro;
    ui.shell.classList.toggle('cp-readonly', ro);
  }
}

if (!customElements.get('carepath-assessment')) {
  customElements.define('carepath-assessment', CarepathAssessmentElement);
}
