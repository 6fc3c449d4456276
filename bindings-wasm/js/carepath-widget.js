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
  isWorkbook,
  loadCatalogue,
  loadEditions,
  loadEditionsFor,
  loadExchange,
  needsLoading,
  parseCatalogue,
  readWorkbook,
  removeAction,
  reportHtml,
  reportToCsv,
  setActionStatus,
  setActions,
  setConfidence,
  setEvidence,
  setEvidenceDate,
  setEvidenceLevel,
  setGroupEvidence,
  today,
  workbook,
  writeAssessment,
} from './carepath.js';
import { defineMessages, loadMessages, messages, missingMessages, onMessages } from './carepath-messages.js';

export { defineMessages, missingMessages };

const STYLESHEET = new URL('./carepath-widget.css', import.meta.url).href;
/** The media type of an .xlsx workbook. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What the import button offers: an assessment, a FHIR QuestionnaireResponse or a workbook (.xlsx). */
const ACCEPT_ANY = `.json,application/json,.xlsx,${XLSX_TYPE}`;
const AUTOSAVE_FORMAT = 'carepath-widget-autosave';
const NOT_APPLICABLE = 'not_applicable';
const UNKNOWN = 'unknown';
const PRIORITIES = ['essential', 'expected', 'desirable'];
const CONFIDENCES = /** @type {const} */ (['low', 'medium', 'high']);
const SVG = 'http://www.w3.org/2000/svg';
/** The evidence levels, weakest first, and the message key of each one's words. @type {readonly import('./carepath.d.ts').EvidenceLevel[]} */
const EVIDENCE_LEVELS = ['none', 'self_reported', 'documented', 'audited', 'external'];
/** The message key of each evidence level's words, in the order of EVIDENCE_LEVELS. */
const EVIDENCE_LEVEL_WORDS = /** @type {const} */ (['evidenceNone', 'evidenceSelfReported', 'evidenceDocumented', 'evidenceAudited', 'evidenceExternal']);
/** The statuses of a plan's actions, in the order the Plan tab lists them. @type {readonly import('./carepath.d.ts').ActionStatus[]} */
const STATUSES = ['planned', 'in_progress', 'done', 'dropped'];
/** The panels drawn from the report only when shown (or printed), not on every change. */
const DRAWN_WHEN_SHOWN = ['overview', 'equity', 'plan'];

/**
 * @typedef {import('./carepath.d.ts').Assessment} Assessment
 * @typedef {import('./carepath.d.ts').MigrationResult} MigrationResult
 * @typedef {import('./carepath.d.ts').Report} Report
 * @typedef {import('./carepath.d.ts').Rating} Rating
 * @typedef {import('./carepath.d.ts').Catalogue} Catalogue
 * @typedef {import('./carepath.d.ts').CatalogueHandle} CatalogueHandle
 * @typedef {import('./carepath.d.ts').Action} Action
 * @typedef {{ rating?: Rating, evidence?: string }} GroupDraft
 * @typedef {{ evidence?: string, actions?: string, confidence?: string, evidence_level?: string, evidence_date?: string, target?: { rating: number, by?: string }, groups?: Record<string, GroupDraft> }} Draft
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

/**
 * Creates an SVG element with attributes (numbers and fixed words only, never catalogue text).
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @returns {any}
 */
function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The class of a light's colour: red, amber and green have their own; any other band is neutral. @param {string | null | undefined} light */
function tone(light) {
  return light === 'red' || light === 'amber' || light === 'green' ? light : light ? 'other' : 'none';
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

/**
 * The id of a local group made from its name: lower case letters, digits and underscores, at
 * most 64 characters (the file format's id rule), `group` when nothing is left.
 * @param {string} title
 */
function groupId(title) {
  const id = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
  return id || 'group';
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
  static observedAttributes = ['catalogue', 'area', 'storage-key', 'readonly', 'lang', 'plain'];

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
  /** @type {Promise<void>} */
  #drawn;
  /** The number of the form's current drawing (see #newDrawing). */
  #drawing = 0;
  #drawnSettled = false;
  /** @type {() => void} */
  #resolveDrawn = () => {};
  /** DOM nodes updated after every change, by standard or theme id. */
  #ui = /** @type {any} */ ({});
  /** The interface's words and number formats, in the element's language. */
  #m = messages('en');
  /** @type {(() => void) | null} */
  #unlisten = null;
  /** @type {ResizeObserver | null} */
  #resize = null;
  /** The day the plan's overdue actions were last judged on (`YYYY-MM-DD`). */
  #asOf = '';
  /** The panels drawn from the report that are out of date (drawn when next shown). */
  #stale = new Set(DRAWN_WHEN_SHOWN);
  /** Draws every panel before printing: they all print. */
  #beforePrint = () => {
    this.#renderThemes();
    this.#drawShown(true);
  };
  /** @type {MediaQueryList | null} */
  #print = null;
  /** The action the editor is changing (its id), or null when it adds one. */
  #editing = /** @type {string | null} */ (null);

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
    this.#drawn = new Promise((resolve) => {
      this.#resolveDrawn = resolve;
    });
  }

  // ------------------------------------------------------------ public API

  /**
   * Resolves once the form can be used: the tab shown drawn and the assessment restored (or
   * loading failed). The standards of a theme are drawn when it is first shown, and every theme
   * soon after ready in any case: see `drawn`.
   */
  get ready() {
    return this.#ready;
  }

  /**
   * Resolves once every theme's standards are in the page (or loading failed); a new promise
   * each time the form is drawn again (another catalogue or language).
   */
  get drawn() {
    return this.#drawn;
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
    this.#renderThemes();
    const mode = options.migrate ?? 'ask';
    let assessment;
    try {
      assessment = catalogue.readAssessment(json);
    } catch (err) {
      const migration = mode === false ? null : this.#migration(json);
      if (migration && 'missing' in migration && mode === 'ask') {
        // The lite package has not fetched the editions in between yet: it does, then offers.
        this.#offerLater(json, catalogue, err);
        throw new CarepathError({
          code: 'needs_migration',
          message: `${migration.missing.message}; the widget fetches them and then offers to carry the assessment across`,
          path: '/catalogue/version',
        });
      }
      if (migration && 'missing' in migration) {
        const failure = new CarepathError({
          code: 'not_loaded',
          message: `${migration.missing.message} (for the widget: await element.prepare(json), then load it)`,
          path: '/catalogue/version',
        });
        this.#fail(failure);
        throw failure;
      }
      if (!migration) {
        this.#fail(err);
        throw err;
      }
      const { result } = migration;
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

  /**
   * Fetches what loading `json` takes that the page does not have yet: in the lite package, the
   * editions carrying it across passes through (the full package has them all).
   * @param {string | Uint8Array | Assessment} json
   * @returns {Promise<void>}
   */
  async prepare(json) {
    await this.ready;
    await loadEditionsFor(/** @type {import('./carepath.d.ts').AssessmentInput} */ (json), { catalogue: this.#catalogue ?? undefined });
  }

  /**
   * Starts the next round of assessment: no ratings yet, this round's ratings and targets shown
   * as last time's beside each standard, the open actions carried over (the core's `nextRound`).
   * The round being closed is kept aside in the browser's storage first (under
   * `<storage-key>:round:<time>`) and is in the `carepath-next-round` event's `detail.previous`,
   * so nothing entered is lost. Throws a CarepathError for a date that is not `YYYY-MM-DD` or is
   * earlier than this round's.
   * @param {string} [assessedOn] the new round's date (default today)
   * @returns {Assessment}
   */
  startNextRound(assessedOn = today()) {
    const catalogue = this.#catalogue;
    const before = this.#assessment;
    if (!catalogue || !before) {
      const err = new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet; await element.ready first' });
      this.#fail(err);
      throw err;
    }
    if (this.#readonly) {
      const err = new CarepathError({ code: 'readonly', message: 'carepath-assessment: the form is read-only' });
      this.#fail(err);
      throw err;
    }
    let next;
    try {
      next = catalogue.nextRound(before, assessedOn);
    } catch (err) {
      this.#fail(err);
      throw err;
    }
    const key = this.#storageKey;
    const keptAs = key ? this.#keepAside(key, 'round') : null;
    this.#assessment = next;
    this.#drafts = {};
    this.#fillFields();
    this.#commit();
    const t = this.#m.t;
    const carried = (next.plan ?? []).length;
    const said = t('nextRoundStarted', { date: this.#m.date(next.assessed_on), n: carried });
    this.#status(keptAs ? `${said} ${t('nextRoundKept', { key: keptAs })}` : said);
    this.dispatchEvent(
      new CustomEvent('carepath-next-round', {
        bubbles: true,
        composed: true,
        detail: { previous: structuredClone(before), assessment: structuredClone(next), keptAs },
      }),
    );
    return structuredClone(next);
  }

  /** The assessment as the text of a JSON file. */
  export() {
    if (!this.#assessment) throw new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet' });
    return writeAssessment(this.#assessment);
  }

  /**
   * The assessment as a FHIR `QuestionnaireResponse` (JSON text) to its edition's Questionnaire.
   * With the lite package, `await loadExchange()` (from `carepath/lite`) first, else this throws
   * `not_loaded`; the widget's own export button does it.
   */
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

  /**
   * The report as the self-contained HTML page the command-line tool writes (`carepath report
   * --format html`). The report module is fetched the first time this is called.
   * @returns {Promise<string>}
   */
  async exportReport() {
    if (!this.#assessment || !this.#catalogue) throw new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet' });
    return reportHtml(this.#assessment, this.#catalogue);
  }

  /**
   * The assessment as an XLSX workbook (what `carepath workbook --from` writes), to fill in a
   * spreadsheet and import back. The report module is fetched the first time this is called.
   * @returns {Promise<Uint8Array>}
   */
  async exportWorkbook() {
    if (!this.#assessment || !this.#catalogue) throw new CarepathError({ code: 'not_ready', message: 'carepath-assessment: not ready yet' });
    return workbook(this.#catalogue, this.#assessment);
  }

  /** Shows a theme (`overview` for the summary). */
  showTheme(/** @type {string} */ id) {
    this.#select(id, false);
  }

  // ------------------------------------------------------------ lifecycle

  connectedCallback() {
    // A host that defines or changes the table of this widget's language sees it at once.
    this.#unlisten ??= onMessages((tag) => {
      if (this.#langTag.toLowerCase().split('-')[0] === tag.split('-')[0]) this.#relang();
    });
    if (!this.#started) {
      this.#started = true;
      this.#start();
    }
    // Every panel prints: those drawn only when shown are drawn first.
    window.addEventListener('beforeprint', this.#beforePrint);
    this.#print ??= window.matchMedia('print');
    this.#print.addEventListener('change', this.#beforePrint);
  }

  disconnectedCallback() {
    this.#unlisten?.();
    this.#unlisten = null;
    window.removeEventListener('beforeprint', this.#beforePrint);
    this.#print?.removeEventListener('change', this.#beforePrint);
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
      // The plan's controls (add, edit, status) are drawn with the lists: redraw them.
      this.#update();
    } else if (name === 'lang') {
      this.#relang();
    } else if (name === 'plain') {
      this.#applyPlain();
    } else if (name === 'catalogue' || name === 'storage-key') {
      this.#start();
    }
  }

  /** The element's language: its own `lang`, the nearest ancestor's, or the page's; else English. */
  get #langTag() {
    return this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** Redraws in the element's (new) language, keeping everything else as it is. */
  async #relang() {
    const generation = this.#generation;
    const lang = this.#langTag;
    try {
      await loadMessages(lang);
    } catch (err) {
      this.#fail(err);
    }
    if (generation !== this.#generation || lang !== this.#langTag) return;
    this.#m = messages(lang);
    if (!this.#catalogue) return;
    const offer = this.#offer;
    const drawing = this.#newDrawing();
    this.#renderCatalogue();
    this.#fillFields();
    this.#update();
    if (offer) this.#showOffer(offer.result, offer.keptAs);
    this.#select(this.#tab, false);
    this.#renderRest(drawing);
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
    this.#newDrawing();
    this.#catalogue?.free();
    this.#catalogue = null;
    this.#assessment = null;
    this.#report = null;
    this.#drafts = {};
    this.#offer = null;
    this.#storageBroken = false;
    this.#tab = 'overview';
    const lang = this.#langTag;
    this.#m = messages(lang);
    this.#renderShell();
    try {
      const loading = Promise.all([init(), loadMessages(lang).catch(() => 'en')]);
      const spec = this.getAttribute('catalogue');
      // The lite package fetches the edition shown (the full one has it built in): alongside the
      // module when its file is known without it.
      const editions = spec && isUrl(spec) ? null : loadEditions(spec || undefined);
      editions?.catch(() => {});
      // While the module and the words are on their way: the first number and date formats a
      // page makes cost tens of milliseconds on a phone (English and Welsh make none).
      this.#m.warm();
      await loading;
      this.#m = messages(this.#langTag);
      let catalogue;
      if (spec && isUrl(spec)) {
        // A catalogue of one's own: the lite package reads it in its second module (a no-op in the full one).
        const reader = loadExchange();
        reader.catch(() => {});
        const response = await fetch(new URL(spec, document.baseURI), { credentials: 'same-origin' });
        if (!response.ok) {
          throw new CarepathError({ code: 'load', message: this.#m.t('loadHttp', { spec, status: String(response.status) }) });
        }
        const text = await readLimited(response, this.maxBytes, `the catalogue ${spec}`);
        await reader;
        catalogue = parseCatalogue(text);
      } else {
        await editions;
        catalogue = loadCatalogue(spec || undefined);
      }
      if (generation !== this.#generation) {
        catalogue.free();
        return;
      }
      // An autosave of an earlier edition is offered to be carried across: the editions that
      // takes are fetched first. Should that fail, the autosave is kept aside as unreadable.
      await this.#editionsFor(this.#savedAssessment(), catalogue);
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
      this.#renderRest(this.#drawing);
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#fail(err);
      this.#showLoadError(err);
      this.#settleDrawn();
    } finally {
      if (generation === this.#generation) this.#resolveReady();
    }
  }

  // ------------------------------------------------------------ storage

  /** The assessment of this element's autosave, if there is one (unchecked). */
  #savedAssessment() {
    try {
      const key = this.#storageKey;
      const text = key ? localStorage.getItem(key) : null;
      const saved = text === null ? null : JSON.parse(text);
      return saved && saved.format === AUTOSAVE_FORMAT ? saved.assessment : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Fetches the bundled editions reading `document` and carrying it into `catalogue` take (in
   * the lite package; the full one has them all). A failure to fetch is left to the call that
   * needs them, which says what is missing.
   * @param {unknown} document
   * @param {CatalogueHandle | null} catalogue
   */
  async #editionsFor(document, catalogue) {
    if (document === undefined || !catalogue) return;
    try {
      await loadEditionsFor(/** @type {import('./carepath.d.ts').AssessmentInput} */ (document), { catalogue });
    } catch {
      // not_loaded follows from the call that needed them
    }
  }

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
        const migration = saved && saved.format === AUTOSAVE_FORMAT ? this.#migration(saved.assessment) : null;
        const result = migration && 'result' in migration ? migration.result : null;
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
      const area = this.getAttribute('area') || this.#m.t('unnamedArea');
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
        message: this.#m.t('keptAside', { key, message }),
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
        this.#status(this.#m.t('savedAgain'));
      }
    } catch (err) {
      if (!this.#storageBroken) {
        this.#storageBroken = true;
        this.#fail(
          new CarepathError({
            code: 'storage',
            message: this.#m.t('saveFailed', { message: err instanceof Error ? err.message : String(err) }),
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
        if (before.evidence_level) draft.evidence_level = before.evidence_level;
        if (before.evidence_date) draft.evidence_date = before.evidence_date;
        if (before.target) draft.target = before.target;
        // Group ratings need the standard's own rating: kept as drafts until it has one again.
        if (before.groups && Object.keys(before.groups).length) draft.groups = { ...structuredClone(before.groups), ...draft.groups };
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
   * @param {'evidence' | 'actions' | 'confidence' | 'evidence_level' | 'evidence_date'} field
   * @param {string} value
   */
  #editText(id, field, value) {
    if (!this.#assessment || this.#readonly) return;
    const entry = this.#ui.standards?.get(id);
    try {
      if (this.#assessment.ratings[id]) {
        const setters = { evidence: setEvidence, actions: setActions, confidence: setConfidence, evidence_level: setEvidenceLevel, evidence_date: setEvidenceDate };
        const set = setters[field];
        this.#assessment = set(this.#assessment, id, /** @type {any} */ (value.trim() === '' ? null : value.trim()));
        if (field === 'evidence_date' && entry) entry.evidenceDateError.hidden = true;
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
      // A refused date stays in its field, with the core's reason beside it.
      if (field === 'evidence_date' && entry) {
        entry.evidenceDateError.textContent = this.#m.t('evidenceDateRefused', { message: err instanceof Error ? err.message : String(err) });
        entry.evidenceDateError.hidden = false;
      }
      this.#fail(err);
    }
  }

  // ------------------------------------------------------------ population groups

  /** The groups a standard can be rated for: the edition's, then the assessment's own, in the order declared. */
  #groupsDeclared() {
    /** @type {Array<{ id: string, title: string, description?: string, local: boolean }>} */
    const all = [];
    for (const g of this.#catalogue?.data.groups ?? []) all.push({ id: g.id, title: g.title, description: g.description, local: false });
    for (const g of this.#assessment?.groups ?? []) all.push({ id: g.id, title: g.title, description: g.description, local: true });
    return all;
  }

  /**
   * Offers a row to rate a standard for a group: a draft until a rating is chosen for it.
   * @param {string} id
   * @param {string} group
   */
  #addGroupRow(id, group) {
    if (!group || this.#readonly || !this.#assessment) return;
    const rated = this.#assessment.ratings[id]?.groups?.[group];
    if (!rated) {
      const draft = (this.#drafts[id] ??= {});
      (draft.groups ??= {})[group] ??= {};
      this.#save();
    }
    this.#update();
    this.#ui.standards.get(id)?.groupRows.get(group)?.select.focus();
  }

  /**
   * A group rating chosen in its row: saved through the core when the standard has a rating of
   * its own, else kept as a draft with the row's evidence.
   * @param {string} id
   * @param {string} group
   * @param {string} value
   */
  #rateGroup(id, group, value) {
    const catalogue = this.#catalogue;
    if (!catalogue || !this.#assessment || this.#readonly || value === '') return;
    const rating = /** @type {Rating} */ (value === NOT_APPLICABLE || value === UNKNOWN ? value : Number(value));
    const draft = this.#drafts[id]?.groups?.[group];
    try {
      if (this.#assessment.ratings[id]) {
        let a = catalogue.setGroupRating(this.#assessment, id, group, rating);
        if (draft?.evidence) a = setGroupEvidence(a, id, group, draft.evidence);
        this.#assessment = a;
        this.#dropGroupDraft(id, group);
        this.#commit();
      } else {
        const d = (this.#drafts[id] ??= {});
        ((d.groups ??= {})[group] ??= {}).rating = rating;
        this.#save();
        this.#update();
      }
    } catch (err) {
      this.#fail(err);
      this.#update();
    }
  }

  /**
   * @param {string} id
   * @param {string} group
   * @param {string} value
   */
  #editGroupEvidence(id, group, value) {
    if (!this.#assessment || this.#readonly) return;
    try {
      if (this.#assessment.ratings[id]?.groups?.[group]) {
        this.#assessment = setGroupEvidence(this.#assessment, id, group, value.trim() === '' ? null : value.trim());
        this.#commit();
      } else {
        const d = (this.#drafts[id] ??= {});
        const g = ((d.groups ??= {})[group] ??= {});
        if (value === '') delete g.evidence;
        else g.evidence = value;
        this.#updateDraftNote(id);
        this.#save();
      }
    } catch (err) {
      this.#fail(err);
    }
  }

  /**
   * Removes a standard's rating for a group (and its evidence): the group is then served as the
   * standard's own rating says.
   * @param {string} id
   * @param {string} group
   */
  #removeGroupRow(id, group) {
    const catalogue = this.#catalogue;
    if (!catalogue || !this.#assessment || this.#readonly) return;
    try {
      this.#dropGroupDraft(id, group);
      if (this.#assessment.ratings[id]?.groups?.[group]) {
        this.#assessment = catalogue.setGroupRating(this.#assessment, id, group, null);
        this.#commit();
      } else {
        this.#save();
        this.#update();
      }
      this.#ui.standards.get(id)?.groupChoice.focus();
    } catch (err) {
      this.#fail(err);
    }
  }

  /**
   * @param {string} id
   * @param {string} group
   */
  #dropGroupDraft(id, group) {
    const draft = this.#drafts[id];
    if (!draft?.groups) return;
    delete draft.groups[group];
    if (Object.keys(draft.groups).length === 0) delete draft.groups;
    if (Object.keys(draft).length === 0) delete this.#drafts[id];
  }

  /**
   * Declares a local population group from the Equity tab's form: its id is made from its name.
   * What was typed stays in the form when the core refuses it.
   */
  #addLocalGroup() {
    const catalogue = this.#catalogue;
    const ui = this.#ui;
    if (!catalogue || !this.#assessment || this.#readonly) return;
    const t = this.#m.t;
    const title = ui.localTitle.value.trim();
    ui.localError.hidden = true;
    if (!title) {
      ui.localError.textContent = t('localGroupNeedsTitle');
      ui.localError.hidden = false;
      ui.localTitle.focus();
      return;
    }
    const taken = new Set(this.#groupsDeclared().map((g) => g.id));
    const base = groupId(title);
    let gid = base;
    for (let n = 2; taken.has(gid); n++) gid = `${base.slice(0, 60)}_${n}`;
    try {
      const description = ui.localDescription.value.trim();
      this.#assessment = catalogue.addGroup(this.#assessment, description ? { id: gid, title, description } : { id: gid, title });
      ui.localTitle.value = '';
      ui.localDescription.value = '';
      this.#commit();
      this.#status(t('localGroupAdded', { title }));
    } catch (err) {
      ui.localError.textContent = t('localGroupRefused', { message: err instanceof Error ? err.message : String(err) });
      ui.localError.hidden = false;
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
      if (draft.confidence && !entry.confidence && CONFIDENCES.includes(/** @type {any} */ (draft.confidence))) {
        a = setConfidence(a, id, /** @type {any} */ (draft.confidence));
      }
      if (draft.evidence_level && !entry.evidence_level && EVIDENCE_LEVELS.includes(/** @type {any} */ (draft.evidence_level))) {
        a = setEvidenceLevel(a, id, /** @type {any} */ (draft.evidence_level));
      }
      if (draft.evidence_date && !entry.evidence_date) {
        try {
          a = setEvidenceDate(a, id, draft.evidence_date);
        } catch (err) {
          // A draft date the core refuses stays a draft, with the reason shown.
          this.#assessment = a;
          this.#fail(err);
          continue;
        }
      }
      if (draft.target && !entry.target && this.#catalogue) {
        try {
          a = this.#catalogue.setTarget(a, id, draft.target.rating, draft.target.by ? { by: draft.target.by } : {});
        } catch (err) {
          // A draft target the core refuses stays a draft, with the reason shown.
          this.#assessment = a;
          this.#targetError(id, err);
          continue;
        }
      }
      // Group ratings drafted before the standard was rated: each one with a rating is saved
      // (with its evidence) unless the group already has one; rows still without a rating stay.
      /** @type {Record<string, GroupDraft>} */
      const waiting = {};
      for (const [group, g] of Object.entries(draft.groups ?? {})) {
        if (!g || typeof g !== 'object') continue;
        if (g.rating === undefined || g.rating === null || a.ratings[id]?.groups?.[group]) {
          if (g.rating === undefined || g.rating === null) waiting[group] = g;
          continue;
        }
        try {
          let next = /** @type {CatalogueHandle} */ (this.#catalogue).setGroupRating(a, id, group, g.rating);
          if (g.evidence) next = setGroupEvidence(next, id, group, g.evidence);
          a = next;
        } catch (err) {
          // A group the assessment no longer declares, or a rating off the scale: kept, and said.
          waiting[group] = g;
          this.#fail(err);
        }
      }
      this.#assessment = a;
      delete this.#drafts[id];
      if (Object.keys(waiting).length) this.#drafts[id] = { groups: waiting };
    }
  }

  // ------------------------------------------------------------ earlier editions

  /**
   * What carrying a document across into this edition gives, when it is an assessment of an
   * earlier edition that the core can migrate (`result`); when the editions that takes are not
   * loaded yet (the lite package), the `not_loaded` error naming them (`missing`); otherwise null.
   * @param {unknown} json
   * @returns {{ result: MigrationResult } | { missing: CarepathError } | null}
   */
  #migration(json) {
    const catalogue = this.#catalogue;
    if (!catalogue) return null;
    try {
      const result = catalogue.migrate(/** @type {string | Uint8Array | Assessment} */ (json));
      return result.report.steps.length > 0 ? { result } : null;
    } catch (err) {
      if (!(err instanceof CarepathError && err.code === 'not_loaded')) return null;
      // Missing only if this document needs it: the lite package's migration is itself fetched
      // when first needed, and a document of this edition that does not fit needs nothing.
      const wanted = needsLoading(/** @type {import('./carepath.d.ts').AssessmentInput} */ (json), { catalogue });
      return wanted.editions.length > 0 || wanted.exchange ? { missing: err } : null;
    }
  }

  /**
   * Fetches the editions carrying `json` across takes, then shows the offer (or, should it still
   * not fit, the error that reading it gave).
   * @param {unknown} json
   * @param {CatalogueHandle} catalogue
   * @param {unknown} err
   */
  #offerLater(json, catalogue, err) {
    const generation = this.#generation;
    const still = () => generation === this.#generation && this.#catalogue === catalogue;
    loadEditionsFor(/** @type {import('./carepath.d.ts').AssessmentInput} */ (json), { catalogue }).then(
      () => {
        if (!still()) return;
        const migration = this.#migration(json);
        if (migration && 'result' in migration) this.#showOffer(migration.result, null);
        else this.#fail(err);
      },
      (failure) => {
        if (still()) this.#fail(failure);
      },
    );
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
    const t = this.#m.t;
    const parts = [t('carried', { version: result.report.to.version })];
    parts.push(review ? t('carriedReview', { n: review }) : t('carriedNoReview'));
    if (archived) parts.push(t('carriedArchived', { n: archived }));
    this.#status(t('carriedEnd', { parts: parts.join(t('carriedJoin')) }));
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
    const m = this.#m;
    const t = m.t;
    const replaces = Object.keys(this.#assessment?.ratings ?? {}).length > 0 ? t('offerReplaces') : '';
    // The title is the title of this form's edition (say "... (2024 edition)"), not the earlier one's.
    ui.offerText.textContent =
      t('offerText', { area: a.area.name, date: m.date(a.assessed_on), from: from.version, to: to.version, title }) + replaces;
    const items = [t('offerCarried', { n: n.carried, to: to.version }), n.review ? t('offerReview', { n: n.review }) : t('offerNoReview')];
    if (n.archived) items.push(t('offerArchived', { n: n.archived }));
    if (n.added) items.push(t('offerAdded', { n: n.added }));
    ui.offerList.replaceChildren(...items.map((x) => h('li', '', x)));
    ui.offerKept.textContent = keptAs ? t('offerKept', { key: keptAs }) : '';
    ui.offerKept.hidden = !keptAs;
    ui.offerAccept.textContent = t('offerAccept', { version: to.version });
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
    if (offer?.keptAs) this.#status(this.#m.t('declinedKept', { key: offer.keptAs }));
    else this.#status(this.#m.t('declined'));
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

  // ------------------------------------------------------------ targets and the plan

  /**
   * Sets, changes or clears a standard's target from its controls. An unrated standard keeps the
   * target as a draft (the file format keeps a target beside a rating) until it is rated. A value
   * the core refuses (a "by" that is not a date) is said beside the controls, which keep it.
   * @param {string} id
   */
  #editTarget(id) {
    const catalogue = this.#catalogue;
    const entry = this.#ui.standards?.get(id);
    if (!catalogue || !this.#assessment || this.#readonly || !entry) return;
    const value = entry.target.value;
    const by = entry.targetBy.value.trim();
    const rating = value === '' ? null : Number(value);
    try {
      if (this.#assessment.ratings[id]) {
        this.#assessment = catalogue.setTarget(this.#assessment, id, rating, rating !== null && by ? { by } : {});
        entry.targetError.hidden = true;
        this.#commit();
      } else {
        // Checked now on a copy rated for the purpose, so a bad date is said at once.
        if (rating !== null) {
          const probe = catalogue.rate(this.#assessment, id, UNKNOWN);
          catalogue.setTarget(probe, id, rating, by ? { by } : {});
        }
        const draft = (this.#drafts[id] ??= {});
        if (rating === null) delete draft.target;
        else draft.target = by ? { rating, by } : { rating };
        if (Object.keys(draft).length === 0) delete this.#drafts[id];
        entry.targetError.hidden = true;
        this.#updateDraftNote(id);
        this.#update();
        this.#save();
      }
    } catch (err) {
      this.#targetError(id, err);
    }
  }

  /**
   * @param {string} id
   * @param {unknown} err
   */
  #targetError(id, err) {
    const entry = this.#ui.standards?.get(id);
    const message = err instanceof Error ? err.message : String(err);
    if (entry) {
      entry.targetError.textContent = this.#m.t('targetRefused', { message });
      entry.targetError.hidden = false;
    }
    this.#fail(err);
  }

  /**
   * Opens the action editor: a new action (for the standards given) or an action of the plan.
   * @param {{ standards?: string[], id?: string }} what
   */
  #openEditor(what) {
    const ui = this.#ui;
    if (!ui.editor || !this.#assessment || this.#readonly) return;
    const t = this.#m.t;
    const action = what.id ? (this.#assessment.plan ?? []).find((x) => x.id === what.id) : undefined;
    this.#editing = action ? action.id : null;
    ui.editorTitle.textContent = action ? t('editActionTitle', { id: action.id }) : t('addActionTitle');
    ui.edTitle.value = action?.title ?? '';
    ui.edStandards.value = (action?.standards ?? what.standards ?? []).join(', ');
    ui.edOwner.value = action?.owner ?? '';
    ui.edDue.value = action?.due ?? '';
    ui.edStatus.value = action?.status ?? 'planned';
    ui.edNotes.value = action?.notes ?? '';
    ui.edRemove.hidden = !action;
    ui.editorError.hidden = true;
    if (!ui.editor.open) ui.editor.showModal();
    ui.edTitle.focus();
  }

  /** Saves the editor's action (adds it, or changes it); on a refusal the editor stays open with what was typed. */
  #saveEditor() {
    const ui = this.#ui;
    const catalogue = this.#catalogue;
    if (!catalogue || !this.#assessment || this.#readonly) return;
    const t = this.#m.t;
    const title = ui.edTitle.value.trim();
    const standards = ui.edStandards.value.split(/[\s,;]+/).filter(Boolean);
    const owner = ui.edOwner.value.trim();
    const due = ui.edDue.value.trim();
    const notes = ui.edNotes.value.trim();
    const status = ui.edStatus.value;
    try {
      if (!title) throw new CarepathError({ code: 'invalid', message: t('actionNeedsTitle'), path: null });
      if (this.#editing) {
        this.#assessment = catalogue.updateAction(this.#assessment, this.#editing, {
          title,
          standards,
          owner: owner || /** @type {any} */ (null),
          due: due || /** @type {any} */ (null),
          notes: notes || /** @type {any} */ (null),
          status: /** @type {any} */ (status),
        });
      } else {
        /** @type {import('./carepath.d.ts').ActionInput} */
        const input = { title, standards, status: /** @type {any} */ (status) };
        if (owner) input.owner = owner;
        if (due) input.due = due;
        if (notes) input.notes = notes;
        this.#assessment = catalogue.addAction(this.#assessment, input);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ui.editorError.textContent = t('actionRefused', { message });
      ui.editorError.hidden = false;
      this.#fail(err);
      return;
    }
    const plan = this.#assessment.plan ?? [];
    const id = this.#editing ?? plan[plan.length - 1]?.id ?? '';
    this.#editing = null;
    ui.editor.close();
    this.#commit();
    this.#status(t('actionSaved', { id, title }));
  }

  #removeEdited() {
    const ui = this.#ui;
    const id = this.#editing;
    if (!this.#assessment || this.#readonly || !id) return;
    try {
      this.#assessment = removeAction(this.#assessment, id);
    } catch (err) {
      ui.editorError.textContent = this.#m.t('actionRefused', { message: err instanceof Error ? err.message : String(err) });
      ui.editorError.hidden = false;
      this.#fail(err);
      return;
    }
    this.#editing = null;
    ui.editor.close();
    this.#commit();
    this.#status(this.#m.t('actionRemoved', { id }));
  }

  /**
   * @param {string} id
   * @param {string} status
   */
  #changeStatus(id, status) {
    if (!this.#assessment || this.#readonly) return;
    try {
      this.#assessment = setActionStatus(this.#assessment, id, /** @type {any} */ (status));
      this.#commit();
    } catch (err) {
      this.#fail(err);
      this.#update();
    }
  }

  /** The word of an action's status. @param {string} status */
  #statusWord(status) {
    const t = this.#m.t;
    if (status === 'planned') return t('statusPlanned');
    if (status === 'in_progress') return t('statusInProgress');
    if (status === 'done') return t('statusDone');
    if (status === 'dropped') return t('statusDropped');
    return status;
  }

  /**
   * A select of the four statuses.
   * @param {string} id
   * @param {string} label
   */
  #statusSelect(id, label) {
    const select = h('select', 'cp-select');
    select.id = id;
    select.setAttribute('part', 'select');
    if (label) select.setAttribute('aria-label', label);
    for (const status of STATUSES) {
      const option = h('option', '', this.#statusWord(status));
      option.value = status;
      select.append(option);
    }
    return select;
  }

  /** Scores, redraws the numbers, autosaves and tells the host. */
  #commit({ save = true, announce = true } = {}) {
    const catalogue = this.#catalogue;
    if (!catalogue || !this.#assessment) return;
    try {
      // Overdue actions are judged on today's date (shown on the Plan tab), not the assessment's.
      this.#asOf = today();
      this.#report = catalogue.score(this.#assessment, { asOf: this.#asOf });
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
    // What a refused edit left on screen is redrawn from the assessment by the next update.
    for (const entry of this.#ui.standards?.values() ?? []) entry.drawn = null;
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
    shell.lang = this.#m.lang;
    const loading = h('p', 'cp-loading', this.#m.t('loading'));
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
    box.append(h('strong', '', this.#m.t('loadError')), h('p', '', err instanceof Error ? err.message : String(err)));
    this.#ui.shell.replaceChildren(box);
  }

  #renderCatalogue() {
    const catalogue = /** @type {CatalogueHandle} */ (this.#catalogue);
    const data = catalogue.data;
    const uid = this.#uid;
    const ui = (this.#ui = /** @type {any} */ ({
      shell: this.#ui.shell,
      standards: new Map(),
      themes: new Map(),
      tabs: new Map(),
      panels: new Map(),
      /** @type {Map<string, () => void>} the themes whose standards are not drawn yet */
      unrendered: new Map(),
    }));
    const m = this.#m;
    const t = m.t;
    ui.shell.lang = m.lang;

    // Header: what is being assessed, and the tools.
    const header = h('header', 'cp-header');
    header.setAttribute('part', 'header');
    const heading = h('div', 'cp-heading');
    const eyebrow = h('p', 'cp-eyebrow', t('edition', { title: data.title, version: data.version }));
    ui.area = h('h2', 'cp-title');
    ui.area.setAttribute('part', 'title');
    ui.meta = h('p', 'cp-meta');
    heading.append(eyebrow, ui.area, ui.meta);

    // The overall result: beside the header on a wide screen; on a narrow one, a bar that stays
    // in view while the page scrolls.
    ui.overall = h('div', 'cp-overall');
    ui.overall.setAttribute('part', 'overall');
    ui.overall.setAttribute('role', 'group');
    ui.overall.setAttribute('aria-labelledby', `${uid}-overall`);
    ui.overallScore = h('span', 'cp-overall-score');
    const overallOf = h('span', 'cp-overall-of', t('outOf', { max: data.scale.max }));
    ui.overallLight = this.#light();
    const overallLabel = h('span', 'cp-overall-label', t('overall'));
    overallLabel.id = `${uid}-overall`;
    ui.overall.append(overallLabel, ui.overallScore, overallOf, ui.overallLight);

    const toolbar = h('div', 'cp-toolbar');
    toolbar.setAttribute('part', 'toolbar');
    ui.importButton = this.#button(t('import'), () => ui.file.click());
    ui.file = h('input');
    ui.file.type = 'file';
    ui.file.accept = ACCEPT_ANY;
    ui.file.hidden = true;
    ui.file.setAttribute('aria-hidden', 'true');
    ui.file.tabIndex = -1;
    ui.file.addEventListener('change', () => this.#importFile());
    // The ways out: each a button, in this order (a new format is one more entry). They come in
    // two groups that wrap as wholes, so a row of the toolbar is never half of one: the
    // assessment's own files in and out, then the documents, printing and how standards read.
    const exports = [
      this.#button(t('exportAssessment'), () => this.#download(this.export(), this.#fileName('json'), 'application/json')),
      this.#button(t('exportFhir'), () =>
        // The lite package fetches FHIR (its exchange module) when first asked for.
        this.#downloadLater(async () => (await loadExchange(), this.exportFhir()), this.#fileName('fhir'), 'application/fhir+json'),
      ),
      this.#button(t('exportCsv'), () => this.#download(`\ufeff${this.exportCsv()}`, this.#fileName('csv'), 'text/csv')),
    ];
    const documents = [
      this.#button(t('exportReport'), () => this.#downloadLater(() => this.exportReport(), this.#fileName('html'), 'text/html')),
      this.#button(t('exportWorkbook'), () => this.#downloadLater(() => this.exportWorkbook(), this.#fileName('xlsx'), XLSX_TYPE)),
    ];
    const printButton = this.#button(t('print'), () => window.print());
    const files = h('div', 'cp-toolbar-group');
    files.append(ui.importButton, ui.file, ...exports);
    const views = h('div', 'cp-toolbar-group');
    views.append(...documents, printButton);
    toolbar.append(files, views);
    // Plain language: each standard's `plain` text in place of its description, for lay and
    // lived-experience raters; offered only when the edition has such text.
    ui.descriptions = [];
    if (data.themes.some((theme) => theme.standards.some((standard) => standard.plain))) {
      const label = h('label', 'cp-switch');
      label.setAttribute('part', 'plain-switch');
      ui.plain = h('input');
      ui.plain.type = 'checkbox';
      ui.plain.checked = this.hasAttribute('plain');
      ui.plain.addEventListener('change', () => this.toggleAttribute('plain', ui.plain.checked));
      label.append(ui.plain, ' ', t('plainLanguage'));
      views.append(label);
    }
    header.append(heading, toolbar);

    ui.status = h('p', 'cp-status');
    ui.status.setAttribute('role', 'status');
    ui.status.setAttribute('part', 'status');
    ui.status.hidden = true;
    const offer = this.#renderOffer();

    // Navigation between the overview and the themes: WAI-ARIA tabs.
    const body = h('div', 'cp-body');
    const nav = h('div', 'cp-nav');
    nav.setAttribute('role', 'tablist');
    nav.setAttribute('aria-label', t('tabs'));
    nav.setAttribute('aria-orientation', 'vertical');
    nav.setAttribute('part', 'nav');
    nav.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => this.#tabKey(e));
    nav.addEventListener('scroll', () => (ui.navScrolled = true), { passive: true });
    const panels = h('div', 'cp-panels');

    const overviewTab = this.#tabButton('overview', t('overview'), null);
    nav.append(overviewTab);
    panels.append(this.#renderOverview());

    for (const theme of data.themes) {
      const tab = this.#tabButton(theme.id, theme.title, theme.id);
      nav.append(tab);
      const panel = this.#tabPanel(theme.id, 'cp-panel', 'panel');
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
      // The standards are drawn when their theme is first shown, or just after the widget is
      // ready (#renderRest): 77 cards drawn at once were most of the time to a first screen.
      ui.unrendered.set(theme.id, () => {
        for (const standard of theme.standards) panel.append(this.#renderStandard(standard, data));
      });
      panels.append(panel);
    }
    nav.append(this.#tabButton('equity', t('equityTab'), null));
    panels.append(this.#renderEquity());
    nav.append(this.#tabButton('plan', t('planTab'), null));
    panels.append(this.#renderPlan());
    body.append(nav, panels);
    ui.nav = nav;
    const overallBar = h('div', 'cp-overall-bar');
    overallBar.append(ui.overall);
    ui.shell.replaceChildren(header, overallBar, offer, ui.status, body, this.#renderEditor(), this.#renderNextRound());
    this.#applyReadonly();
    // The tab list runs down the side, or across the top in a narrow container: say which.
    this.#resize?.disconnect();
    this.#resize = new ResizeObserver(() => {
      const across = getComputedStyle(nav).flexDirection === 'row';
      nav.setAttribute('aria-orientation', across ? 'horizontal' : 'vertical');
    });
    this.#resize.observe(this);
  }

  /**
   * Draws the standards of the themes given (default: every theme) that are not drawn yet, and
   * brings them up to date: their fields filled, read-only and plain language applied, their
   * figures drawn from the latest report.
   * @param {Iterable<string>} [themes]
   */
  #renderThemes(themes) {
    const ui = this.#ui;
    const pending = ui.unrendered;
    if (!pending || pending.size === 0) return;
    const before = new Set(ui.standards.keys());
    for (const id of themes ?? [...pending.keys()]) {
      const render = pending.get(id);
      if (!render) continue;
      pending.delete(id);
      render();
    }
    const drawn = [...ui.standards.keys()].filter((id) => !before.has(id));
    if (drawn.length > 0) {
      this.#fillFields(drawn);
      this.#applyReadonly();
      this.#update();
    }
    if (pending.size === 0) this.#settleDrawn();
  }

  /**
   * A new drawing of the form (another catalogue or language): `drawn` becomes its promise (the
   * one pending, if the last drawing is not finished). Answers its number, for #renderRest.
   */
  #newDrawing() {
    if (this.#drawnSettled) {
      this.#drawnSettled = false;
      this.#drawn = new Promise((resolve) => {
        this.#resolveDrawn = resolve;
      });
    }
    return ++this.#drawing;
  }

  /** Every theme is drawn (or loading failed): `drawn` resolves. */
  #settleDrawn() {
    this.#drawnSettled = true;
    this.#resolveDrawn();
  }

  /**
   * Draws the themes not shown yet after the widget is ready, one per task, so that the page
   * stays responsive and every standard is in the page soon after (for find in page, and for
   * hosts and tests that read it). Stops when the form is drawn again.
   * @param {number} drawing
   */
  #renderRest(drawing) {
    const next = () => {
      if (drawing !== this.#drawing) return;
      const [id] = this.#ui.unrendered?.keys() ?? [];
      if (id === undefined) {
        this.#settleDrawn();
        return;
      }
      this.#renderThemes([id]);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  /** The offer to carry an assessment of an earlier edition across (hidden until needed). */
  #renderOffer() {
    const ui = this.#ui;
    const offer = h('section', 'cp-offer');
    offer.setAttribute('part', 'migration');
    offer.setAttribute('aria-labelledby', `${this.#uid}-offer-title`);
    offer.hidden = true;
    ui.offerTitle = h('h3', 'cp-offer-title', this.#m.t('offerTitle'));
    ui.offerTitle.id = `${this.#uid}-offer-title`;
    ui.offerTitle.tabIndex = -1;
    ui.offerText = h('p', 'cp-offer-text');
    ui.offerList = h('ul', 'cp-offer-list');
    ui.offerKept = h('p', 'cp-offer-kept');
    const buttons = h('div', 'cp-offer-buttons');
    ui.offerAccept = this.#button(this.#m.t('offerAccept', { version: '' }), () => this.#acceptOffer());
    ui.offerAccept.classList.add('cp-button-primary');
    buttons.append(ui.offerAccept, this.#button(this.#m.t('offerDecline'), () => this.#declineOffer()));
    offer.append(ui.offerTitle, ui.offerText, ui.offerList, ui.offerKept, buttons);
    ui.offer = offer;
    return offer;
  }

  /**
   * The Equity tab: each group's scores by theme beside everyone's (a heatmap that is a table),
   * the equity gaps, the groups with a way to add a local one, and what the ratings rest on.
   */
  #renderEquity() {
    const ui = this.#ui;
    const uid = this.#uid;
    const t = this.#m.t;
    const panel = this.#tabPanel('equity', 'cp-panel cp-equity', 'panel equity');
    const head = h('div', 'cp-plan-header');
    head.append(h('h3', 'cp-theme-title', t('equityTitle')), h('p', 'cp-plan-summary', t('equityHint')));
    panel.append(head);

    const heat = h('section', 'cp-card cp-card-wide cp-heat-card');
    heat.setAttribute('part', 'equity-heatmap');
    const heatTitle = h('h4', 'cp-card-title', t('heatmapTitle'));
    heatTitle.id = `${uid}-heat-title`;
    heat.setAttribute('aria-labelledby', heatTitle.id);
    ui.heatTable = h('table', 'cp-table cp-heat');
    ui.heatTable.setAttribute('aria-labelledby', heatTitle.id);
    ui.heatHead = h('thead');
    ui.heatRows = h('tbody');
    ui.heatTable.append(ui.heatHead, ui.heatRows);
    const scroller = h('div', 'cp-table-scroll');
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', t('heatmapScroll'));
    scroller.tabIndex = 0;
    scroller.append(ui.heatTable);
    ui.heatScroller = scroller;
    ui.noGroups = h('p', 'cp-empty', t('noGroups'));
    heat.append(heatTitle, h('p', 'cp-card-hint', t('heatmapHint')), scroller, ui.noGroups);

    const gaps = h('section', 'cp-card cp-card-wide');
    gaps.setAttribute('part', 'equity-gaps');
    const gapsTitle = h('h4', 'cp-card-title', t('equityGaps'));
    gapsTitle.id = `${uid}-equity-gaps`;
    gaps.setAttribute('aria-labelledby', gapsTitle.id);
    ui.equityList = h('ol', 'cp-gaps');
    ui.noEquityGaps = h('p', 'cp-empty', t('noEquityGaps'));
    gaps.append(gapsTitle, h('p', 'cp-card-hint', t('equityGapsHint')), ui.equityList, ui.noEquityGaps);

    const groups = h('section', 'cp-card');
    groups.setAttribute('part', 'groups');
    const groupsTitle = h('h4', 'cp-card-title', t('groupsTitle'));
    groupsTitle.id = `${uid}-groups`;
    groups.setAttribute('aria-labelledby', groupsTitle.id);
    ui.groupList = h('ul', 'cp-group-defs');
    const form = h('form', 'cp-local-group');
    form.setAttribute('part', 'local-group');
    form.setAttribute('aria-labelledby', `${uid}-local-title`);
    form.noValidate = true;
    form.addEventListener('submit', (/** @type {Event} */ e) => {
      e.preventDefault();
      this.#addLocalGroup();
    });
    const formTitle = h('p', 'cp-local-title', t('addLocalGroup'));
    formTitle.id = `${uid}-local-title`;
    const field = (/** @type {string} */ key, /** @type {string} */ label) => {
      const wrap = h('div', 'cp-field');
      const lab = h('label', 'cp-field-label', label);
      lab.htmlFor = `${uid}-${key}`;
      const input = h('input', 'cp-input');
      input.id = `${uid}-${key}`;
      input.type = 'text';
      input.autocomplete = 'off';
      input.setAttribute('part', 'input');
      wrap.append(lab, input);
      return { wrap, input };
    };
    const title = field('local-title-input', t('localGroupTitle'));
    const description = field('local-description', t('localGroupDescription'));
    ui.localTitle = title.input;
    ui.localTitle.setAttribute('aria-describedby', `${uid}-local-error`);
    ui.localDescription = description.input;
    ui.localError = h('p', 'cp-field-error');
    ui.localError.id = `${uid}-local-error`;
    ui.localError.setAttribute('role', 'alert');
    ui.localError.hidden = true;
    const submit = h('button', 'cp-button cp-button-primary', t('addLocalGroupButton'));
    submit.type = 'submit';
    submit.setAttribute('part', 'button');
    form.append(formTitle, title.wrap, description.wrap, ui.localError, submit);
    ui.localForm = form;
    groups.append(groupsTitle, h('p', 'cp-card-hint', t('groupsHint')), ui.groupList, form);

    const evidence = h('section', 'cp-card');
    evidence.setAttribute('part', 'evidence-summary');
    const evidenceTitle = h('h4', 'cp-card-title', t('evidenceTitle'));
    evidenceTitle.id = `${uid}-evidence-title`;
    evidence.setAttribute('aria-labelledby', evidenceTitle.id);
    ui.evidenceLevels = h('dl', 'cp-evidence-levels');
    ui.unsupportedTitle = h('p', 'cp-evidence-subtitle', t('unsupportedTitle'));
    ui.unsupportedList = h('ul', 'cp-evidence-list');
    ui.staleTitle = h('p', 'cp-evidence-subtitle');
    ui.staleList = h('ul', 'cp-evidence-list');
    evidence.append(evidenceTitle, h('p', 'cp-card-hint', t('evidenceHint')), ui.evidenceLevels, ui.unsupportedTitle, ui.unsupportedList, ui.staleTitle, ui.staleList);

    panel.append(heat, gaps, groups, evidence);
    return panel;
  }

  /**
   * Redraws the Equity tab from the latest report.
   * @param {Map<string, string>} titles
   */
  #updateEquity(titles) {
    const ui = this.#ui;
    const report = this.#report;
    if (!ui.heatRows || !report) return;
    const m = this.#m;
    const t = m.t;
    const declared = this.#groupsDeclared();
    const byId = new Map(declared.map((g) => [g.id, g]));
    const groups = report.overall.groups ?? [];

    // The heatmap: a row for everyone, then one per group; a column for overall, then each theme.
    const headRow = h('tr');
    headRow.append(h('th', '', t('colGroup')), h('th', 'cp-num', t('overall')));
    for (const th of report.themes) {
      const cell = h('th', 'cp-num');
      const abbr = h('abbr', '', th.id);
      abbr.title = th.title;
      cell.append(abbr);
      headRow.append(cell);
    }
    ui.heatHead.replaceChildren(headRow);
    const cell = (/** @type {number | null} */ score, /** @type {string | null} */ light) => {
      const td = h('td', `cp-num cp-heat-cell cp-tone-${tone(score === null ? null : light)}`, m.score(score));
      const band = light ? this.#catalogue?.data.scale.bands.find((b) => b.id === light)?.label ?? light : null;
      td.append(h('span', 'cp-unseen', score === null ? ` ${t('noScore')}` : ` ${band ?? ''}`));
      return td;
    };
    const row = (/** @type {HTMLElement} */ name, /** @type {Array<[number | null, string | null]>} */ cells) => {
      const tr = h('tr');
      const th = h('th', 'cp-heat-name');
      th.scope = 'row';
      th.append(name);
      tr.append(th, ...cells.map(([score, light]) => cell(score, light)));
      return tr;
    };
    const everyone = row(h('span', '', t('everyone')), [[report.overall.score, report.overall.light], ...report.themes.map((th) => /** @type {[number | null, string | null]} */ ([th.score, th.light]))]);
    everyone.classList.add('cp-heat-everyone');
    ui.heatRows.replaceChildren(
      everyone,
      ...groups.map((g, i) => {
        const known = byId.get(g.id);
        const name = h('span', '', known?.title ?? g.id);
        if (known?.local) name.append(' ', h('span', 'cp-local-tag', t('localTag')));
        return row(name, [
          [g.score, g.light],
          ...report.themes.map((th) => {
            const x = th.groups?.[i];
            return /** @type {[number | null, string | null]} */ ([x?.score ?? null, x?.light ?? null]);
          }),
        ]);
      }),
    );
    ui.heatScroller.hidden = groups.length === 0;
    ui.noGroups.hidden = groups.length > 0;

    // The equity gaps, largest weighted difference first (the core's order).
    const gaps = report.equity_gaps ?? [];
    ui.equityList.replaceChildren(
      ...gaps.map((g) => {
        const li = h('li', 'cp-gap cp-equity-gap');
        const link = this.#standardLink(g.id, titles, true);
        const detail = h(
          'span',
          'cp-gap-detail',
          t('equityGapDetail', {
            group: byId.get(g.group)?.title ?? g.group,
            group_rating: g.group_rating,
            rating: g.rating,
            priority: this.#priority(g.priority),
            difference: g.difference,
            weight: g.weight,
            weighted: g.weighted_difference,
          }),
        );
        li.append(link, detail);
        if (!this.#readonly) {
          const add = this.#button(t('addActionFor', { id: g.id }), () => this.#openEditor({ standards: [g.id] }));
          add.classList.add('cp-add-action');
          li.append(add);
        }
        return li;
      }),
    );
    ui.noEquityGaps.hidden = gaps.length > 0;

    // The groups, the edition's then the area's own.
    ui.groupList.replaceChildren(
      ...declared.map((g) => {
        const li = h('li', 'cp-group-def');
        const name = h(g.description ? 'summary' : 'p', 'cp-group-def-title', g.title);
        if (g.local) name.append(' ', h('span', 'cp-local-tag', t('localTag')));
        if (!g.description) {
          li.append(name);
          return li;
        }
        // Who each group is, and why a pathway can fail them: one line each until opened.
        const more = h('details', 'cp-group-def-more');
        more.append(name, h('p', 'cp-group-def-text', g.description));
        li.append(more);
        return li;
      }),
    );
    ui.localForm.hidden = this.#readonly;

    // What the ratings rest on: counts by level, then the strengths on weak evidence and the stale.
    const e = report.evidence;
    const counts = e?.by_level;
    ui.evidenceLevels.replaceChildren(
      ...EVIDENCE_LEVELS.flatMap((level, i) => [h('dt', '', t(EVIDENCE_LEVEL_WORDS[i])), h('dd', 'cp-num', m.number(counts?.[/** @type {'none'} */ (level)] ?? 0))]),
      h('dt', '', t('evidenceLevelNone')),
      h('dd', 'cp-num', m.number(counts?.unstated ?? 0)),
    );
    const links = (/** @type {string[]} */ ids) =>
      ids.length
        ? ids.map((id) => {
            const li = h('li');
            const link = this.#standardLink(id, titles);
            li.append(link);
            return li;
          })
        : [h('li', 'cp-empty', t('noneListed'))];
    ui.unsupportedList.replaceChildren(...links(e?.unsupported_strengths ?? []));
    ui.staleTitle.textContent = t('staleTitle', { n: e?.max_age_months ?? 24 });
    ui.staleList.replaceChildren(...links(e?.stale ?? []));
  }

  /** The Plan tab: the actions by status, overdue ones marked, and the gaps no action covers. */
  #renderPlan() {
    const ui = this.#ui;
    const uid = this.#uid;
    const t = this.#m.t;
    const panel = this.#tabPanel('plan', 'cp-panel cp-plan', 'panel plan');
    const head = h('div', 'cp-plan-header');
    head.append(h('h3', 'cp-theme-title', t('planTitle')));
    ui.planAsOf = h('p', 'cp-plan-as-of');
    ui.planSummary = h('p', 'cp-plan-summary');
    ui.planAdd = this.#button(t('addActionAny'), () => this.#openEditor({}));
    ui.planAdd.classList.add('cp-button-primary');
    ui.planNext = this.#button(t('nextRound'), () => this.#openNextRound());
    ui.planNext.setAttribute('part', 'button next-round');
    const buttons = h('div', 'cp-plan-buttons');
    buttons.append(ui.planAdd, ui.planNext);
    head.append(ui.planAsOf, ui.planSummary, buttons);
    panel.append(head);
    ui.planGroups = new Map();
    for (const status of STATUSES) {
      const box = h('section', 'cp-card cp-plan-group');
      box.dataset.status = status;
      const title = h('h4', 'cp-card-title');
      title.id = `${uid}-plan-${status}`;
      box.setAttribute('aria-labelledby', title.id);
      const list = h('ul', 'cp-plan-list');
      const empty = h('p', 'cp-empty', t('noActions'));
      box.append(title, list, empty);
      ui.planGroups.set(status, { box, title, list, empty });
      panel.append(box);
    }
    const gapsBox = h('section', 'cp-card cp-plan-gaps');
    gapsBox.setAttribute('part', 'unplanned-gaps');
    const gapsTitle = h('h4', 'cp-card-title', t('unplannedGaps'));
    gapsTitle.id = `${uid}-plan-gaps`;
    gapsBox.setAttribute('aria-labelledby', gapsTitle.id);
    ui.unplannedList = h('ul', 'cp-plan-list');
    ui.noUnplanned = h('p', 'cp-empty', t('noUnplannedGaps'));
    gapsBox.append(gapsTitle, h('p', 'cp-card-hint', t('unplannedGapsHint')), ui.unplannedList, ui.noUnplanned);
    panel.append(gapsBox);
    return panel;
  }

  /** The action editor: a modal dialog with a labelled field for each part of an action. */
  #renderEditor() {
    const ui = this.#ui;
    const uid = this.#uid;
    const t = this.#m.t;
    const dialog = h('dialog', 'cp-dialog');
    dialog.setAttribute('part', 'action-editor');
    dialog.setAttribute('aria-labelledby', `${uid}-editor-title`);
    ui.editorTitle = h('h3', 'cp-card-title', t('addActionTitle'));
    ui.editorTitle.id = `${uid}-editor-title`;
    const form = h('form', 'cp-editor');
    form.method = 'dialog';
    form.noValidate = true;
    /**
     * @param {string} key
     * @param {string} label
     * @param {HTMLElement} input
     * @param {string} [hint]
     */
    const field = (key, label, input, hint) => {
      const wrap = h('div', 'cp-field');
      const lab = h('label', 'cp-field-label', label);
      input.id = `${uid}-ed-${key}`;
      lab.htmlFor = input.id;
      wrap.append(lab, input);
      if (hint) {
        const p = h('p', 'cp-field-hint', hint);
        p.id = `${uid}-ed-${key}-hint`;
        input.setAttribute('aria-describedby', p.id);
        wrap.append(p);
      }
      form.append(wrap);
      return input;
    };
    const text = () => {
      const input = h('input', 'cp-input');
      input.type = 'text';
      input.autocomplete = 'off';
      input.setAttribute('part', 'input');
      return input;
    };
    ui.edTitle = field('title', t('actionTitle'), text());
    ui.edStandards = field('standards', t('actionStandards'), text(), t('actionStandardsHint'));
    ui.edOwner = field('owner', t('actionOwner'), text());
    ui.edDue = field('due', t('actionDue'), text(), t('datePlaceholder'));
    ui.edDue.placeholder = t('datePlaceholder');
    ui.edStatus = field('status', t('actionStatus'), this.#statusSelect('', ''));
    const notes = h('textarea', 'cp-textarea');
    notes.rows = 3;
    notes.setAttribute('part', 'textarea');
    ui.edNotes = field('notes', t('actionNotes'), notes);
    ui.editorError = h('p', 'cp-field-error');
    ui.editorError.setAttribute('role', 'alert');
    ui.editorError.hidden = true;
    const buttons = h('div', 'cp-offer-buttons cp-editor-buttons');
    const save = this.#button(t('actionSave'), () => this.#saveEditor());
    save.classList.add('cp-button-primary');
    const cancel = this.#button(t('actionCancel'), () => {
      this.#editing = null;
      dialog.close();
    });
    ui.edRemove = this.#button(t('actionRemove'), () => this.#removeEdited());
    ui.edRemove.classList.add('cp-button-danger');
    buttons.append(save, cancel, ui.edRemove);
    form.append(ui.editorError, buttons);
    form.addEventListener('submit', (/** @type {Event} */ e) => {
      e.preventDefault();
      this.#saveEditor();
    });
    dialog.append(ui.editorTitle, form);
    ui.editor = dialog;
    return dialog;
  }

  /**
   * The dialog that starts the next round: its date, what will happen, and a button that first
   * downloads this round's file and then starts the next.
   */
  #renderNextRound() {
    const ui = this.#ui;
    const uid = this.#uid;
    const t = this.#m.t;
    const dialog = h('dialog', 'cp-dialog');
    dialog.setAttribute('part', 'next-round');
    dialog.setAttribute('aria-labelledby', `${uid}-next-title`);
    dialog.setAttribute('aria-describedby', `${uid}-next-text`);
    const title = h('h3', 'cp-card-title', t('nextRoundTitle'));
    title.id = `${uid}-next-title`;
    ui.nextText = h('p', 'cp-card-hint');
    ui.nextText.id = `${uid}-next-text`;
    const form = h('form', 'cp-editor');
    form.method = 'dialog';
    form.noValidate = true;
    const wrap = h('div', 'cp-field');
    const label = h('label', 'cp-field-label', t('nextRoundDate'));
    ui.nextDate = h('input', 'cp-input');
    ui.nextDate.type = 'text';
    ui.nextDate.autocomplete = 'off';
    ui.nextDate.setAttribute('part', 'input');
    ui.nextDate.placeholder = t('datePlaceholder');
    ui.nextDate.id = `${uid}-next-date`;
    label.htmlFor = ui.nextDate.id;
    const hint = h('p', 'cp-field-hint', t('datePlaceholder'));
    hint.id = `${uid}-next-date-hint`;
    ui.nextDate.setAttribute('aria-describedby', hint.id);
    wrap.append(label, ui.nextDate, hint);
    ui.nextError = h('p', 'cp-field-error');
    ui.nextError.setAttribute('role', 'alert');
    ui.nextError.hidden = true;
    const buttons = h('div', 'cp-offer-buttons cp-editor-buttons');
    const start = this.#button(t('nextRoundStart'), () => this.#acceptNextRound());
    start.classList.add('cp-button-primary');
    buttons.append(start, this.#button(t('actionCancel'), () => dialog.close()));
    form.append(wrap, ui.nextError, buttons);
    form.addEventListener('submit', (/** @type {Event} */ e) => {
      e.preventDefault();
      this.#acceptNextRound();
    });
    dialog.append(title, ui.nextText, form);
    ui.nextDialog = dialog;
    return dialog;
  }

  #openNextRound() {
    const ui = this.#ui;
    const a = this.#assessment;
    if (!ui.nextDialog || !a || this.#readonly) return;
    const t = this.#m.t;
    const open = (a.plan ?? []).filter((x) => x.status === 'planned' || x.status === 'in_progress').length;
    ui.nextText.textContent = t('nextRoundText', { date: this.#m.date(a.assessed_on), n: open, file: this.#fileName('json') });
    ui.nextDate.value = today() > a.assessed_on ? today() : a.assessed_on;
    ui.nextDate.removeAttribute('aria-invalid');
    ui.nextError.hidden = true;
    if (!ui.nextDialog.open) ui.nextDialog.showModal();
    ui.nextDate.focus();
  }

  /** Downloads this round's file, then starts the next; on a refusal the dialog stays open with the date typed. */
  #acceptNextRound() {
    const ui = this.#ui;
    const catalogue = this.#catalogue;
    const a = this.#assessment;
    if (!catalogue || !a || this.#readonly) return;
    const date = ui.nextDate.value.trim();
    try {
      // Checked before anything is downloaded or changed.
      catalogue.nextRound(a, date);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ui.nextError.textContent = this.#m.t('nextRoundRefused', { message });
      ui.nextError.hidden = false;
      ui.nextDate.setAttribute('aria-invalid', 'true');
      this.#fail(err);
      ui.nextDate.focus();
      return;
    }
    this.#download(this.export(), this.#fileName('json'), 'application/json');
    ui.nextDialog.close();
    this.startNextRound(date);
    this.#select('plan', true);
  }

  #renderOverview() {
    const ui = this.#ui;
    const panel = this.#tabPanel('overview', 'cp-panel cp-overview', 'panel summary');
    const t = this.#m.t;

    const themesBox = h('section', 'cp-card cp-card-wide');
    themesBox.append(h('h3', 'cp-card-title', t('themes')));
    themesBox.append(this.#renderChart());
    const table = h('table', 'cp-table');
    table.setAttribute('part', 'theme-table');
    const head = h('thead');
    const headRow = h('tr');
    for (const label of /** @type {const} */ (['colTheme', 'colScore', 'colLight', 'colScored', 'colComplete'])) headRow.append(h('th', '', t(label)));
    head.append(headRow);
    ui.themeRows = h('tbody');
    table.append(head, ui.themeRows);
    // In a narrow container the table scrolls sideways inside its own box, never the page.
    const scroller = h('div', 'cp-table-scroll');
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', t('tableScroll'));
    scroller.tabIndex = 0;
    scroller.append(table);
    themesBox.append(scroller);

    const crossBox = h('section', 'cp-card');
    crossBox.append(h('h3', 'cp-card-title', t('cross')));
    ui.crossList = h('ul', 'cp-cross');
    ui.crossList.setAttribute('part', 'cross-cutting');
    crossBox.append(ui.crossList);

    const gapsBox = h('section', 'cp-card');
    gapsBox.append(h('h3', 'cp-card-title', t('gaps')));
    gapsBox.append(h('p', 'cp-card-hint', t('gapsHint')));
    ui.gapList = h('ol', 'cp-gaps');
    ui.gapList.setAttribute('part', 'gaps');
    ui.noGaps = h('p', 'cp-empty', t('noGaps'));
    gapsBox.append(ui.gapList, ui.noGaps);

    const unknownBox = h('section', 'cp-card');
    unknownBox.append(h('h3', 'cp-card-title', t('unknowns')));
    ui.unknownList = h('ul', 'cp-unknowns');
    ui.noUnknowns = h('p', 'cp-empty', t('noUnknowns'));
    unknownBox.append(ui.unknownList, ui.noUnknowns);

    // Ratings to look at again (after a migration or a consensus), and ratings kept from
    // earlier editions: shown only when there are any.
    ui.reviewBox = h('section', 'cp-card cp-card-wide cp-review-card');
    ui.reviewBox.setAttribute('part', 'review-list');
    ui.reviewTitle = h('h3', 'cp-card-title', t('toReview'));
    ui.reviewTitle.tabIndex = -1;
    ui.reviewList = h('ul', 'cp-review-list');
    ui.reviewBox.append(
      ui.reviewTitle,
      h('p', 'cp-card-hint', t('toReviewHint')),
      ui.reviewList,
    );
    ui.archiveBox = h('section', 'cp-card cp-card-wide cp-archive-card');
    ui.archiveBox.setAttribute('part', 'archive');
    ui.archiveList = h('ul', 'cp-archive-list');
    ui.archiveBox.append(
      h('h3', 'cp-card-title', t('archived')),
      h('p', 'cp-card-hint', t('archivedHint')),
      ui.archiveList,
    );

    panel.append(ui.reviewBox, themesBox, gapsBox, crossBox, unknownBox, ui.archiveBox);
    return panel;
  }

  /**
   * The theme chart: a bar per theme over the scale's bands, as the HTML report draws it. The
   * words (theme, score and light) are text beside each bar; the SVG draws only shapes. The
   * whole is one image to assistive technology, with the same facts as its text alternative.
   */
  #renderChart() {
    const ui = this.#ui;
    const scale = /** @type {CatalogueHandle} */ (this.#catalogue).data.scale;
    const m = this.#m;
    const figure = h('figure', 'cp-chart');
    figure.setAttribute('part', 'chart');
    ui.chart = h('div', 'cp-chart-plot');
    ui.chart.setAttribute('role', 'img');
    const legend = h('p', 'cp-chart-legend');
    for (const b of scale.bands) {
      const key = h('span', `cp-chart-key cp-tone-${tone(b.id)}`);
      const swatch = h('span', 'cp-chart-swatch');
      key.append(swatch, `${b.label} ${m.number(b.from)}–${m.number(b.to)}`);
      legend.append(key, ' ');
    }
    ui.chartRows = h('div', 'cp-chart-rows');
    ui.chart.append(legend, ui.chartRows);
    figure.append(ui.chart);
    return figure;
  }

  /**
   * The track of one bar: the bands as pale stripes, a tick at each whole number, and the bar.
   * @param {number | null} score
   * @param {string | null} light
   */
  #chartTrack(score, light) {
    const scale = /** @type {CatalogueHandle} */ (this.#catalogue).data.scale;
    const span = scale.max - scale.min || 1;
    const x = (/** @type {number} */ v) => (Math.min(Math.max(v, scale.min), scale.max) - scale.min) * (100 / span);
    const track = svg('svg', { class: 'cp-chart-track', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
    for (const b of scale.bands) track.append(svg('rect', { class: `cp-band cp-tone-${tone(b.id)}`, x: x(b.from), y: 0, width: x(b.to) - x(b.from), height: 10 }));
    for (let v = Math.ceil(scale.min); v <= scale.max && span <= 20; v++) {
      track.append(svg('line', { class: 'cp-tick', x1: x(v), x2: x(v), y1: 0, y2: 10, 'vector-effect': 'non-scaling-stroke' }));
    }
    if (score !== null) {
      track.append(svg('rect', { class: `cp-bar cp-tone-${tone(light)}`, x: 0, y: 2, width: Math.max(x(score), 0.8), height: 6, 'vector-effect': 'non-scaling-stroke' }));
    }
    return track;
  }

  /**
   * @param {import('./carepath.d.ts').Standard} standard
   * @param {Catalogue} data
   */
  #renderStandard(standard, data) {
    const uid = this.#uid;
    const sid = `${uid}-s-${standard.id}`;
    const m = this.#m;
    const t = m.t;
    const article = h('article', 'cp-standard');
    article.id = sid;
    article.setAttribute('part', 'standard');

    const top = h('div', 'cp-standard-top');
    const title = h('h4', 'cp-standard-title');
    title.id = `${sid}-title`;
    title.setAttribute('part', 'standard-title');
    title.append(h('span', 'cp-standard-id', standard.id), ' ', h('span', 'cp-standard-name', standard.title));
    const priority = h('span', `cp-priority cp-priority-${standard.priority}`, this.#priority(standard.priority));
    priority.setAttribute('part', 'priority');
    priority.title = t('priority');
    const light = this.#light();
    // A strength resting on self-report or on nothing: said in words beside a lighter light.
    const weak = h('span', 'cp-weak', t('weakEvidence'));
    weak.setAttribute('part', 'weak-evidence');
    weak.hidden = true;
    top.append(title, priority, light, weak);

    const description = h('p', 'cp-standard-description', this.#describe(standard));
    description.id = `${sid}-desc`;
    this.#ui.descriptions.push([description, standard]);

    const guidance = h('details', 'cp-guidance');
    guidance.setAttribute('part', 'guidance');
    guidance.append(h('summary', '', t('guidance')));
    const dl = h('dl');
    for (const level of data.scale.levels) {
      dl.append(h('dt', '', t('level', { value: level.value, label: level.label })));
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
      // Named by what it shows, so a voice user can say what they see: "3: In place for some",
      // "N/A: Not applicable", "?: Don't know" (the colon is heard, not seen).
      const shown = h('span', 'cp-radio-value', short);
      shown.append(h('span', 'cp-unseen', ':'));
      radio.append(shown, h('span', 'cp-radio-label', label));
      radio.setAttribute('aria-checked', 'false');
      radio.setAttribute('part', 'radio');
      radio.tabIndex = -1;
      radio.dataset.value = String(value);
      radio.addEventListener('click', () => this.#choose(standard.id, value, radio));
      radios.push({ el: radio, value });
      group.append(radio);
    };
    for (const level of data.scale.levels) addRadio(level.value, m.number(level.value), level.label, 'score');
    addRadio(NOT_APPLICABLE, t('notApplicableShort'), t('notApplicable'), 'na');
    addRadio(UNKNOWN, t('unknownShort'), t('unknown'), 'unknown');
    group.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => this.#radioKey(e, standard.id, radios));

    const hintRow = h('div', 'cp-hint-row');
    const hint = h('p', 'cp-level-hint');
    hint.id = `${sid}-hint`;
    const clear = this.#button(t('clear'), () => this.#rate(standard.id, null));
    clear.classList.add('cp-clear');
    hintRow.append(hint, clear);

    const fields = h('div', 'cp-fields');
    const evidence = this.#textField(`${sid}-evidence`, t('evidence'), t('evidencePlaceholder'), (v) => this.#editText(standard.id, 'evidence', v));
    const actions = this.#textField(`${sid}-actions`, t('actions'), t('actionsPlaceholder'), (v) => this.#editText(standard.id, 'actions', v));
    const confidenceWrap = h('div', 'cp-field cp-field-confidence');
    const confidenceLabel = h('label', 'cp-field-label', t('confidence'));
    confidenceLabel.htmlFor = `${sid}-confidence`;
    const confidence = h('select', 'cp-select');
    confidence.id = `${sid}-confidence`;
    confidence.setAttribute('part', 'select');
    const none = h('option', '', t('confidenceNone'));
    none.value = '';
    confidence.append(none);
    for (const value of CONFIDENCES) {
      const option = h('option', '', t(value));
      option.value = value;
      confidence.append(option);
    }
    confidence.addEventListener('change', () => this.#editText(standard.id, 'confidence', confidence.value));
    confidenceWrap.append(confidenceLabel, confidence);
    // What the rating rests on, and when that evidence was gathered.
    const levelWrap = h('div', 'cp-field cp-field-meta');
    const levelLabel = h('label', 'cp-field-label', t('evidenceLevel'));
    levelLabel.htmlFor = `${sid}-evidence-level`;
    const evidenceLevel = h('select', 'cp-select');
    evidenceLevel.id = `${sid}-evidence-level`;
    evidenceLevel.setAttribute('part', 'select');
    const unstated = h('option', '', t('evidenceLevelNone'));
    unstated.value = '';
    evidenceLevel.append(unstated);
    for (const [i, value] of EVIDENCE_LEVELS.entries()) {
      const option = h('option', '', t(EVIDENCE_LEVEL_WORDS[i]));
      option.value = value;
      evidenceLevel.append(option);
    }
    evidenceLevel.addEventListener('change', () => this.#editText(standard.id, 'evidence_level', evidenceLevel.value));
    levelWrap.append(levelLabel, evidenceLevel);
    const dateWrap = h('div', 'cp-field cp-field-meta');
    const dateLabel = h('label', 'cp-field-label', t('evidenceDate'));
    dateLabel.htmlFor = `${sid}-evidence-date`;
    const evidenceDate = h('input', 'cp-input');
    evidenceDate.type = 'text';
    evidenceDate.autocomplete = 'off';
    evidenceDate.id = `${sid}-evidence-date`;
    evidenceDate.placeholder = t('datePlaceholder');
    evidenceDate.setAttribute('part', 'input');
    evidenceDate.setAttribute('aria-describedby', `${sid}-evidence-date-error`);
    evidenceDate.addEventListener('change', () => this.#editText(standard.id, 'evidence_date', evidenceDate.value));
    const evidenceDateError = h('p', 'cp-field-error');
    evidenceDateError.id = `${sid}-evidence-date-error`;
    evidenceDateError.hidden = true;
    dateWrap.append(dateLabel, evidenceDate, evidenceDateError);
    const draftNote = h('p', 'cp-draft-note', t('draft'));
    draftNote.hidden = true;
    fields.append(evidence.wrap, actions.wrap, confidenceWrap, levelWrap, dateWrap);

    // Ratings for population groups: a row per group rated (each with its own evidence), and a
    // choice of the groups not rated yet. Hidden when neither the edition nor the assessment
    // declares a group.
    const groupsBox = h('div', 'cp-groups');
    groupsBox.setAttribute('part', 'group-ratings');
    groupsBox.setAttribute('role', 'group');
    groupsBox.setAttribute('aria-labelledby', `${sid}-groups-title`);
    const groupsTitle = h('p', 'cp-groups-title', t('groupRatings'));
    groupsTitle.id = `${sid}-groups-title`;
    const groupList = h('ul', 'cp-group-list');
    const addWrap = h('div', 'cp-group-add');
    const addField = h('div', 'cp-field');
    const addLabel = h('label', 'cp-field-label', t('rateForGroup'));
    addLabel.htmlFor = `${sid}-group-add`;
    const groupChoice = h('select', 'cp-select');
    groupChoice.id = `${sid}-group-add`;
    groupChoice.setAttribute('part', 'select');
    addField.append(addLabel, groupChoice);
    const groupAdd = this.#button(t('rateForGroupAdd'), () => this.#addGroupRow(standard.id, groupChoice.value));
    groupAdd.classList.add('cp-group-add-button');
    groupAdd.setAttribute('aria-describedby', `${sid}-title`);
    addWrap.append(addField, groupAdd);
    groupsBox.append(groupsTitle, h('p', 'cp-card-hint', t('groupRatingsHint')), groupList, addWrap);

    // The review note of a carried-across or combined rating, beside the standard.
    const review = h('div', 'cp-review');
    review.setAttribute('part', 'review');
    review.hidden = true;
    const reviewText = h('p', 'cp-review-text');
    reviewText.id = `${sid}-review`;
    const reviewNote = h('span', 'cp-review-note');
    reviewText.append(h('strong', 'cp-review-label', t('review')), ' ', reviewNote);
    const reviewed = this.#button(t('markReviewed'), () => this.#markReviewed(standard.id));
    reviewed.classList.add('cp-reviewed');
    reviewed.setAttribute('aria-describedby', `${sid}-review`);
    review.append(reviewText, reviewed);

    // The target: a score of the scale (or none) and an optional date, what is still to go, last
    // round's rating for reference, and the plan's actions for this standard.
    const targetBox = h('div', 'cp-target');
    targetBox.setAttribute('part', 'target');
    const targetField = h('div', 'cp-field cp-target-field');
    const targetLabel = h('label', 'cp-target-label', t('target'));
    targetLabel.htmlFor = `${sid}-target`;
    const target = h('select', 'cp-select');
    target.id = `${sid}-target`;
    target.setAttribute('part', 'select');
    const noTarget = h('option', '', t('noTarget'));
    noTarget.value = '';
    target.append(noTarget);
    for (const level of data.scale.levels) {
      const option = h('option', '', t('level', { value: level.value, label: level.label }));
      option.value = String(level.value);
      target.append(option);
    }
    target.addEventListener('change', () => this.#editTarget(standard.id));
    targetField.append(targetLabel, target);
    const byField = h('div', 'cp-field cp-target-by-field');
    const byLabel = h('label', 'cp-target-label', t('targetBy'));
    byLabel.htmlFor = `${sid}-target-by`;
    const targetBy = h('input', 'cp-input');
    targetBy.id = `${sid}-target-by`;
    targetBy.type = 'text';
    targetBy.autocomplete = 'off';
    targetBy.placeholder = t('datePlaceholder');
    targetBy.setAttribute('part', 'input');
    targetBy.setAttribute('aria-describedby', `${sid}-target-error`);
    targetBy.addEventListener('change', () => this.#editTarget(standard.id));
    byField.append(byLabel, targetBy);
    const toGo = h('p', 'cp-to-target');
    toGo.setAttribute('part', 'to-target');
    const targetError = h('p', 'cp-field-error');
    targetError.id = `${sid}-target-error`;
    targetError.setAttribute('role', 'alert');
    targetError.hidden = true;
    const previous = h('p', 'cp-previous');
    previous.setAttribute('part', 'previous');
    previous.hidden = true;
    targetBox.append(targetField, byField, targetError);
    // What is still to go and last round's rating: text beside the rating (not in the tab order).
    const targetInfo = h('div', 'cp-target-info');
    targetInfo.append(toGo, previous);

    const planBox = h('div', 'cp-standard-plan');
    planBox.setAttribute('part', 'standard-plan');
    const planList = h('ul', 'cp-standard-actions');
    const addAction = this.#button(t('addAction'), () => this.#openEditor({ standards: [standard.id] }));
    addAction.classList.add('cp-add-action');
    addAction.setAttribute('aria-describedby', `${sid}-title`);
    planBox.append(planList, addAction);

    article.append(top, review, description, guidance, group, hintRow, targetInfo, fields, groupsBox, targetBox, planBox, draftNote);
    this.#ui.standards.set(standard.id, {
      target,
      targetBy,
      toGo,
      targetError,
      previous,
      planList,
      addAction,
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
      evidenceLevel,
      evidenceDate,
      evidenceDateError,
      weak,
      draftNote,
      groupsBox,
      groupList,
      groupChoice,
      groupAdd,
      /** @type {Map<string, any>} */
      groupRows: new Map(),
      groupKey: '',
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
   * What a standard says: its plain-language text when the switch is on and it has one.
   * @param {import('./carepath.d.ts').Standard} standard
   */
  #describe(standard) {
    return this.hasAttribute('plain') && standard.plain ? standard.plain : standard.description;
  }

  /** Shows plain language (or not) as the `plain` attribute says, keeping everything else. */
  #applyPlain() {
    const ui = this.#ui;
    if (ui.plain) ui.plain.checked = this.hasAttribute('plain');
    for (const [element, standard] of ui.descriptions ?? []) element.textContent = this.#describe(standard);
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

  /**
   * A button that goes to a standard: its id and title, as every list of standards shows it.
   * @param {string} id
   * @param {Map<string, string>} titles
   * @param {boolean} [gap] laid out as the first line of a gap
   */
  #standardLink(id, titles, gap = false) {
    const link = h('button', gap ? 'cp-link cp-gap-link' : 'cp-link');
    link.type = 'button';
    link.append(h('span', 'cp-table-id', id), document.createTextNode(` ${titles.get(id) ?? ''}`));
    link.addEventListener('click', () => this.#goToStandard(id));
    return link;
  }

  /**
   * A tab panel, labelled by its tab and registered by id; hidden unless it is the overview.
   * @param {string} id
   * @param {string} className
   * @param {string} part
   */
  #tabPanel(id, className, part) {
    const uid = this.#uid;
    const panel = h('section', className);
    panel.id = `${uid}-panel-${id}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', `${uid}-tab-${id}`);
    panel.setAttribute('part', part);
    panel.tabIndex = 0;
    panel.hidden = id !== 'overview';
    this.#ui.panels.set(id, panel);
    return panel;
  }

  /** A traffic light: a coloured dot and a word, so colour is never the only signal. */
  #light(compact = false) {
    const el = h('span', compact ? 'cp-light cp-light-compact' : 'cp-light');
    el.setAttribute('part', 'light');
    el.dataset.light = 'none';
    const dot = h('span', 'cp-light-dot');
    dot.setAttribute('aria-hidden', 'true');
    el.append(dot, h('span', 'cp-light-word', this.#m.t('notRated')));
    return el;
  }

  /** The word of a priority (an unknown one as the catalogue gives it). @param {string} priority */
  #priority(priority) {
    return PRIORITIES.includes(priority) ? this.#m.t(/** @type {'essential'} */ (priority)) : priority;
  }

  /**
   * @param {HTMLElement} el
   * @param {string | null} light
   * @param {string} [otherwise]
   */
  #setLight(el, light, otherwise = this.#m.t('noScore')) {
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
    this.#renderThemes([id]);
    // Panels first: the tab's position below is measured with only the one shown laid out.
    for (const [key, panel] of ui.panels) panel.hidden = key !== id;
    /** @type {HTMLElement | null} */
    let shown = null;
    for (const [key, { tab }] of ui.tabs) {
      const on = key === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) shown = tab;
    }
    // The panel's figures before any measuring, so that one layout serves it and the next frame.
    this.#drawShown();
    if (shown) {
      this.#intoView(shown);
      if (focus) shown.focus();
    }
    if (this.#tab !== id) {
      this.#tab = id;
      if (this.#assessment) this.#save();
    }
  }

  /**
   * In the narrow (horizontal) layout, brings a tab into view without scrolling the page. It
   * measures, which makes the browser lay the page out at once, so it does not for the first tab
   * of a tab list that was never scrolled: that one is in view already.
   * @param {HTMLElement} tab
   */
  #intoView(tab) {
    const nav = tab.parentElement;
    if (!nav || (tab === nav.firstElementChild && !this.#ui.navScrolled)) return;
    if (nav.scrollWidth > nav.clientWidth) {
      const t = tab.getBoundingClientRect();
      const n = nav.getBoundingClientRect();
      if (t.left < n.left) nav.scrollLeft -= n.left - t.left;
      else if (t.right > n.right) nav.scrollLeft += t.right - n.right;
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
      const err = new CarepathError({
        code: 'too_large',
        message: `${file.name} is ${file.size} bytes, more than the ${this.maxBytes} bytes this form reads (the max-bytes attribute raises the limit)`,
      });
      this.#fail(err);
      this.#status(this.#m.t('importFailed', { name: file.name, message: this.#m.t('tooLarge', { limit: this.#m.number(this.maxBytes) }) }), true);
      return;
    }
    let bytes;
    try {
      // As bytes, so that a file that is not UTF-8 is refused with its line and column rather
      // than read with U+FFFD in place of what was typed.
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      this.#fail(new CarepathError({ code: 'load', message: this.#m.t('readFailed', { name: file.name, message: err instanceof Error ? err.message : String(err) }) }));
      return;
    }
    if (isWorkbook(bytes)) {
      // An .xlsx (a zip archive): read by the report module, against this edition. A workbook
      // that cannot be read leaves the assessment on screen as it was.
      let read;
      try {
        this.#status(this.#m.t('preparing', { name: file.name }));
        read = await readWorkbook(bytes, this.#catalogue ?? undefined);
      } catch (err) {
        this.#fail(err);
        if (err instanceof Error) this.#status(this.#m.t('importFailed', { name: file.name, message: err.message }), true);
        return;
      }
      bytes = read;
    }
    // The editions reading it and carrying it across take, fetched first (the lite package).
    await this.#editionsFor(bytes, this.#catalogue);
    try {
      this.load(bytes instanceof Uint8Array ? this.#fromFhirIfResponse(bytes) : bytes);
      this.#status(this.#m.t('imported', { name: file.name }));
    } catch (err) {
      if (err instanceof CarepathError && err.code === 'needs_migration') {
        // Of an earlier edition: the offer to carry it across is shown; take the reader there.
        this.#ui.offerTitle.focus();
        return;
      }
      // load() has reported it; say which file.
      if (err instanceof Error) this.#status(this.#m.t('importFailed', { name: file.name, message: err.message }), true);
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
   * Downloads what `make` resolves to (a document from the report module, which may have to be
   * fetched first); a failure is shown as any other.
   * @param {() => Promise<string | Uint8Array>} make
   * @param {string} name
   * @param {string} type
   */
  async #downloadLater(make, name, type) {
    let content;
    try {
      content = await make();
    } catch (err) {
      this.#fail(err);
      return;
    }
    this.#download(content, name, type);
  }

  /**
   * @param {string | Uint8Array} text
   * @param {string} name
   * @param {string} type
   */
  #download(text, name, type) {
    const url = URL.createObjectURL(new Blob([/** @type {BlobPart} */ (text)], { type }));
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
    const suffix = { csv: 'report.csv', fhir: 'fhir.json', html: 'report.html', xlsx: 'xlsx' }[ext] ?? 'json';
    return `${area}-${a?.assessed_on ?? today()}.${suffix}`;
  }

  // ------------------------------------------------------------ updating

  /**
   * Puts the assessment's text into the fields (after a restore or load): of every standard drawn,
   * or of those given (just drawn).
   * @param {Iterable<string>} [ids]
   */
  #fillFields(ids) {
    const a = this.#assessment;
    const standards = this.#ui.standards;
    if (!a || !standards) return;
    for (const id of ids ?? standards.keys()) {
      const entry = standards.get(id);
      if (!entry) continue;
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
      entry.evidenceLevel.value = rated ? rated.evidence_level ?? '' : draft?.evidence_level ?? '';
      entry.evidenceDate.value = rated ? rated.evidence_date ?? '' : draft?.evidence_date ?? '';
      entry.evidenceDateError.hidden = true;
      const target = rated ? rated.target : draft?.target;
      entry.target.value = target ? String(target.rating) : '';
      entry.targetBy.value = target?.by ?? '';
      entry.targetError.hidden = true;
      this.#updateDraftNote(id);
    }
  }

  /** @param {string} id */
  #updateDraftNote(id) {
    const entry = this.#ui.standards?.get(id);
    if (!entry) return;
    const draft = this.#drafts[id];
    entry.draftNote.hidden = !(
      draft &&
      !this.#assessment?.ratings[id] &&
      (draft.evidence || draft.actions || draft.confidence || draft.evidence_level || draft.evidence_date || draft.target || (draft.groups && Object.keys(draft.groups).length))
    );
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
    const m = this.#m;
    const t = m.t;

    const plan = a.plan ?? [];
    const overdue = new Set(report.plan?.overdue ?? []);
    ui.area.textContent = a.area.name;
    ui.meta.textContent = t('meta', { date: m.date(a.assessed_on), rated: report.overall.rated, total: report.overall.total });
    ui.overallScore.textContent = m.score(report.overall.score);
    this.#setLight(ui.overallLight, report.overall.light);

    const unsupported = new Set(report.evidence?.unsupported_strengths ?? []);
    const declared = this.#groupsDeclared();
    const groupKey = JSON.stringify(declared.map((g) => [g.id, g.title]));
    /** @type {Map<string, import('./carepath.d.ts').EquityGap>} */
    const equityBy = new Map((report.equity_gaps ?? []).map((g) => [`${g.id} ${g.group}`, g]));
    /** @type {Map<string, unknown[]>} what each standard's drawing reads besides its report entry */
    const extra = new Map();
    const add = (/** @type {string} */ id, /** @type {unknown} */ x) => {
      const list = extra.get(id);
      if (list) list.push(x);
      else extra.set(id, [x]);
    };
    for (const g of report.equity_gaps ?? []) add(g.id, g);
    for (const x of plan) for (const id of x.standards) add(id, [x, overdue.has(x.id)]);
    for (const s of report.standards) {
      const entry = ui.standards.get(s.id);
      if (!entry) continue;
      // A standard is redrawn only when something it shows changed: a click on one rating
      // redraws that standard, not all of them (one frame on a slow phone).
      const drawn = JSON.stringify([
        s,
        unsupported.has(s.id),
        a.ratings[s.id] ?? null,
        this.#drafts[s.id] ?? null,
        a.previous?.ratings[s.id] ?? null,
        extra.get(s.id) ?? null,
        groupKey,
        this.#asOf,
        this.#readonly,
        this.#langTag,
      ]);
      if (entry.drawn === drawn) continue;
      entry.drawn = drawn;
      const rating = s.rating;
      const otherwise = rating === NOT_APPLICABLE ? t('notApplicable') : rating === UNKNOWN ? t('unknown') : t('notRated');
      this.#setLight(entry.light, s.light, otherwise);
      const weak = unsupported.has(s.id);
      if (entry.weak.hidden === weak) entry.weak.hidden = !weak;
      entry.light.classList.toggle('cp-light-weak', weak);
      let checkedIndex = -1;
      entry.radios.forEach((/** @type {{ el: HTMLElement, value: Rating }} */ r, /** @type {number} */ i) => {
        const on = rating !== null && r.value === rating;
        if (on) checkedIndex = i;
        const want = String(on);
        if (r.el.getAttribute('aria-checked') !== want) r.el.setAttribute('aria-checked', want);
      });
      const focusIndex = checkedIndex >= 0 ? checkedIndex : 0;
      entry.radios.forEach((/** @type {{ el: HTMLElement }} */ r, /** @type {number} */ i) => {
        // The attribute, not the tabIndex property, whose getter makes the browser bring the
        // style up to date first (a forced recalculation on every click).
        const want = i === focusIndex ? '0' : '-1';
        if (r.el.getAttribute('tabindex') !== want) r.el.setAttribute('tabindex', want);
      });
      let hint;
      if (typeof rating === 'number') {
        const level = levels.get(rating);
        hint = level ? t('hintRated', { rating, label: level.label, description: level.description }) : t('hintRatedBare', { rating });
      } else if (rating === NOT_APPLICABLE) hint = t('hintNotApplicable');
      else if (rating === UNKNOWN) hint = t('hintUnknown');
      else hint = t('hintNone', { min: data.scale.min, max: data.scale.max });
      if (entry.hint.textContent !== hint) entry.hint.textContent = hint;
      entry.clear.hidden = rating === null || this.#readonly;
      entry.article.dataset.rated = rating === null ? 'false' : 'true';
      const note = a.ratings[s.id]?.review ?? '';
      if (entry.reviewNote.textContent !== note) entry.reviewNote.textContent = note;
      entry.review.hidden = !note;
      entry.reviewed.hidden = this.#readonly;
      // The target, what is still to go, and last round's rating for reference.
      const draftTarget = this.#drafts[s.id]?.target;
      const aim = s.target ?? draftTarget?.rating ?? null;
      let toGo = '';
      if (s.to_target !== null && s.to_target > 0) toGo = t('toTarget', { n: s.to_target, target: s.target });
      else if (s.to_target === 0) toGo = t('targetMet', { target: s.target });
      else if (aim !== null) toGo = t('targetNoScore', { target: aim });
      const by = a.ratings[s.id]?.target?.by ?? draftTarget?.by;
      if (toGo && by) toGo = t('targetWithBy', { text: toGo, date: m.date(by) });
      if (entry.toGo.textContent !== toGo) entry.toGo.textContent = toGo;
      entry.toGo.hidden = !toGo;
      const before = a.previous?.ratings[s.id];
      let last = '';
      if (before) {
        const shown = before.rating === NOT_APPLICABLE ? t('notApplicableShort') : before.rating === UNKNOWN ? t('unknownShort') : m.number(before.rating);
        last = before.target ? t('lastTimeTarget', { rating: shown, target: before.target.rating }) : t('lastTime', { rating: shown });
      }
      if (entry.previous.textContent !== last) entry.previous.textContent = last;
      entry.previous.hidden = !last;
      this.#updateGroups(s.id, entry, declared, groupKey, equityBy);
      entry.planList.replaceChildren(...plan.filter((x) => x.standards.includes(s.id)).map((x) => this.#actionLine(x, overdue.has(x.id))));
      entry.addAction.hidden = this.#readonly;
      this.#updateDraftNote(s.id);
    }

    for (const th of report.themes) {
      const view = ui.themes.get(th.id);
      if (view) {
        view.score.textContent = th.score === null ? t('themeNoScore') : t('themeScore', { score: m.score(th.score), max: data.scale.max });
        this.#setLight(view.light, th.light);
        view.counts.textContent = t('themeCounts', { rated: th.rated, na: th.not_applicable, unknown: th.unknown, unrated: th.unrated });
      }
      const tab = ui.tabs.get(th.id);
      if (tab) {
        tab.score.textContent = m.score(th.score);
        this.#setLight(tab.light, th.light);
      }
    }

    // The overview, the Equity tab and the Plan tab are drawn when shown (or printed): a click
    // on a rating redraws what is in view, and the lights and scores of every standard and theme.
    this.#stale = new Set(DRAWN_WHEN_SHOWN);
    this.#drawShown();
  }

  /**
   * Draws the panels drawn from the report that are out of date: those shown, or (for printing)
   * every one.
   * @param {boolean} [all]
   */
  #drawShown(all = false) {
    const ui = this.#ui;
    if (!ui.panels || !this.#report) return;
    const titles = new Map();
    for (const theme of /** @type {CatalogueHandle} */ (this.#catalogue).data.themes) for (const s of theme.standards) titles.set(s.id, s.title);
    for (const id of [...this.#stale]) {
      const panel = ui.panels.get(id);
      if (!panel || (!all && panel.hidden)) continue;
      this.#stale.delete(id);
      if (id === 'overview') this.#updateOverview(titles);
      else if (id === 'equity') this.#updateEquity(titles);
      else this.#updatePlan(titles);
    }
  }

  /**
   * Redraws the overview from the latest report: the theme chart and table, the gaps, the
   * cross-cutting themes, what nobody knew, the ratings to review and the archive.
   * @param {Map<string, string>} titles
   */
  #updateOverview(titles) {
    const report = /** @type {Report} */ (this.#report);
    const a = /** @type {Assessment} */ (this.#assessment);
    const data = /** @type {CatalogueHandle} */ (this.#catalogue).data;
    const ui = this.#ui;
    const m = this.#m;
    const t = m.t;

    // The theme chart, and its text alternative.
    const bands = data.scale.bands.map((b) => t('chartBand', { label: b.label, from: b.from, to: b.to })).join(', ');
    const alt = [t('chartTitle'), t('chartAbout', { min: data.scale.min, max: data.scale.max, bands })];
    ui.chartRows.replaceChildren(
      ...report.themes.map((th) => {
        const row = h('div', 'cp-chart-row');
        const label = h('span', 'cp-chart-label');
        label.append(h('span', 'cp-table-id', th.id), ` ${th.title}`);
        const word = th.light ? data.scale.bands.find((b) => b.id === th.light)?.label ?? th.light : '';
        const note = th.score === null ? t('chartNoScore') : `${m.score(th.score)} ${word}`;
        alt.push(t('chartRow', { theme: `${th.id} ${th.title}`, note }));
        row.append(label, this.#chartTrack(th.score, th.light), h('span', `cp-chart-note cp-tone-${tone(th.light)}`, note));
        return row;
      }),
    );
    ui.chart.setAttribute('aria-label', alt.join('. '));

    // Overview: themes, gaps, cross-cutting themes, unknowns.
    ui.themeRows.replaceChildren(
      ...report.themes.map((th) => {
        const row = h('tr');
        const name = h('td', 'cp-table-name');
        const link = h('button', 'cp-link');
        link.type = 'button';
        link.append(h('span', 'cp-table-id', th.id), document.createTextNode(` ${th.title}`));
        link.addEventListener('click', () => this.#select(th.id, true));
        name.append(link);
        const light = this.#light();
        this.#setLight(light, th.light);
        const lightCell = h('td');
        lightCell.append(light);
        const complete = h('td', 'cp-table-complete');
        const meter = h('meter', 'cp-meter');
        meter.min = 0;
        meter.max = 1;
        meter.value = th.completeness;
        meter.setAttribute('aria-label', t('complete', { title: th.title }));
        complete.append(meter, h('span', 'cp-meter-text', m.percent(th.completeness)));
        row.append(name, h('td', 'cp-num', m.score(th.score)), lightCell, h('td', 'cp-num', `${m.number(th.rated)}/${m.number(th.total)}`), complete);
        return row;
      }),
    );

    ui.gapList.replaceChildren(
      ...report.gaps.map((g) => {
        const li = h('li', 'cp-gap');
        const light = this.#light();
        this.#setLight(light, report.standards.find((s) => s.id === g.id)?.light ?? null);
        const link = this.#standardLink(g.id, titles, true);
        const detail = h(
          'span',
          'cp-gap-detail',
          t('gapDetail', { rating: g.rating, priority: this.#priority(g.priority), shortfall: g.shortfall, weight: g.weight, weighted: g.weighted_shortfall }),
        );
        li.append(light, link, detail);
        if (!this.#readonly) {
          const add = this.#button(t('addActionFor', { id: g.id }), () => this.#openEditor({ standards: [g.id] }));
          add.classList.add('cp-add-action');
          li.append(add);
        }
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
          h('span', 'cp-num', m.score(x.score)),
          light,
          h('span', 'cp-cross-count', t('crossCount', { rated: x.rated, total: x.total })),
        );
        return li;
      }),
    );

    ui.unknownList.replaceChildren(
      ...report.unknowns.map((id) => {
        const li = h('li');
        const link = this.#standardLink(id, titles);
        li.append(link);
        return li;
      }),
    );
    ui.noUnknowns.hidden = report.unknowns.length > 0;

    const flagged = report.standards.filter((s) => a.ratings[s.id]?.review);
    ui.reviewList.replaceChildren(
      ...flagged.map((s) => {
        const li = h('li', 'cp-review-item');
        const link = this.#standardLink(s.id, titles);
        li.append(link, h('span', 'cp-review-why', a.ratings[s.id]?.review ?? ''));
        return li;
      }),
    );
    ui.reviewBox.hidden = flagged.length === 0;

    const archive = a.archive ?? [];
    ui.archiveList.replaceChildren(
      ...archive.map((r) => {
        const li = h('li', 'cp-archive-item');
        const shown = r.rating === NOT_APPLICABLE ? t('archivedNotApplicable') : r.rating === UNKNOWN ? t('archivedUnknown') : t('archivedRated', { rating: r.rating });
        const head = h('span', 'cp-archive-head');
        head.append(h('span', 'cp-table-id', r.standard), h('span', 'cp-archive-what', t('archivedWhat', { version: r.catalogue.version, rating: shown })));
        li.append(head, h('span', 'cp-archive-why', r.reason));
        if (r.evidence) li.append(h('span', 'cp-archive-evidence', t('archivedEvidence', { text: r.evidence })));
        return li;
      }),
    );
    ui.archiveBox.hidden = archive.length === 0;

  }

  /**
   * A standard's group rows, kept in step with the assessment and the drafts: rows are made and
   * removed as groups are rated, and a field being typed in is never rewritten.
   * @param {string} id
   * @param {any} entry
   * @param {Array<{ id: string, title: string, local: boolean }>} declared
   * @param {string} groupKey
   * @param {Map<string, import('./carepath.d.ts').EquityGap>} equityBy
   */
  #updateGroups(id, entry, declared, groupKey, equityBy) {
    const t = this.#m.t;
    const ro = this.#readonly;
    const rated = this.#assessment?.ratings[id]?.groups ?? {};
    const drafted = this.#drafts[id]?.groups ?? {};
    entry.groupsBox.hidden = declared.length === 0;
    const shown = declared.filter((g) => rated[g.id] || drafted[g.id]);
    const wanted = new Set(shown.map((g) => g.id));
    for (const [gid, row] of entry.groupRows) {
      if (!wanted.has(gid) || row.title !== declared.find((g) => g.id === gid)?.title) {
        row.li.remove();
        entry.groupRows.delete(gid);
      }
    }
    const active = this.#root.activeElement;
    let at = 0;
    for (const g of shown) {
      let row = entry.groupRows.get(g.id);
      if (!row) {
        row = this.#groupRow(id, g);
        entry.groupRows.set(g.id, row);
      }
      // Keep the rows in the groups' order, moving only what is out of place.
      if (entry.groupList.children[at] !== row.li) entry.groupList.insertBefore(row.li, entry.groupList.children[at] ?? null);
      at++;
      const value = rated[g.id] ? rated[g.id].rating : drafted[g.id]?.rating;
      const want = value === undefined || value === null ? '' : String(value);
      if (row.select.value !== want) row.select.value = want;
      row.choose.hidden = want !== '';
      const text = rated[g.id] ? rated[g.id].evidence ?? '' : drafted[g.id]?.evidence ?? '';
      if (row.evidence !== active && row.evidence.value !== text) row.evidence.value = text;
      row.print.textContent = text;
      const gap = equityBy.get(`${id} ${g.id}`);
      const below = gap ? t('groupBelow', { group_rating: gap.group_rating, rating: gap.rating }) : '';
      if (row.gap.textContent !== below) row.gap.textContent = below;
      row.gap.hidden = !gap;
      row.select.disabled = ro;
      row.evidence.readOnly = ro;
      row.remove.hidden = ro;
    }
    if (entry.groupKey !== groupKey || entry.groupChoiceFor !== [...wanted].join(' ')) {
      entry.groupKey = groupKey;
      entry.groupChoiceFor = [...wanted].join(' ');
      const free = declared.filter((g) => !wanted.has(g.id));
      const keep = entry.groupChoice.value;
      entry.groupChoice.replaceChildren(
        ...free.map((g) => {
          const option = h('option', '', g.local ? t('localGroupOption', { title: g.title }) : g.title);
          option.value = g.id;
          return option;
        }),
      );
      if (free.some((g) => g.id === keep)) entry.groupChoice.value = keep;
      entry.groupAdd.disabled = free.length === 0;
    }
    entry.groupAdd.hidden = ro;
    entry.groupChoice.disabled = entry.groupChoice.options.length === 0 || ro;
  }

  /**
   * One group's row on a standard: the group, its rating, its evidence, and a way to remove it.
   * @param {string} id
   * @param {{ id: string, title: string, local: boolean }} group
   */
  #groupRow(id, group) {
    const t = this.#m.t;
    const m = this.#m;
    const scale = /** @type {CatalogueHandle} */ (this.#catalogue).data.scale;
    const rid = `${this.#uid}-s-${id}-g-${group.id}`;
    const li = h('li', 'cp-group-row');
    li.dataset.group = group.id;
    const name = h('p', 'cp-group-name', group.title);
    name.id = `${rid}-name`;
    const gap = h('p', 'cp-group-gap');
    gap.setAttribute('part', 'group-gap');
    gap.hidden = true;
    const ratingField = h('div', 'cp-field cp-group-rating');
    const ratingLabel = h('label', 'cp-field-label', t('groupRating'));
    ratingLabel.append(h('span', 'cp-unseen', t('groupRatingFor', { group: group.title })));
    ratingLabel.htmlFor = `${rid}-rating`;
    const select = h('select', 'cp-select');
    select.id = `${rid}-rating`;
    select.setAttribute('part', 'select group-rating');
    const choose = h('option', '', t('chooseRating'));
    choose.value = '';
    select.append(choose);
    for (const level of scale.levels) {
      const option = h('option', '', t('level', { value: m.number(level.value), label: level.label }));
      option.value = String(level.value);
      select.append(option);
    }
    for (const [value, word] of /** @type {const} */ ([[NOT_APPLICABLE, 'notApplicable'], [UNKNOWN, 'unknown']])) {
      const option = h('option', '', t(word));
      option.value = value;
      select.append(option);
    }
    select.addEventListener('change', () => this.#rateGroup(id, group.id, select.value));
    ratingField.append(ratingLabel, select);
    const evidenceField = h('div', 'cp-field cp-group-evidence');
    const evidenceLabel = h('label', 'cp-field-label', t('groupEvidence'));
    evidenceLabel.append(h('span', 'cp-unseen', t('groupRatingFor', { group: group.title })));
    evidenceLabel.htmlFor = `${rid}-evidence`;
    const evidence = h('textarea', 'cp-textarea');
    evidence.id = `${rid}-evidence`;
    evidence.rows = 2;
    evidence.placeholder = t('groupEvidencePlaceholder');
    evidence.setAttribute('part', 'textarea');
    const print = h('p', 'cp-print-text');
    evidence.addEventListener('input', () => {
      print.textContent = evidence.value;
      this.#editGroupEvidence(id, group.id, evidence.value);
    });
    evidenceField.append(evidenceLabel, evidence, print);
    const remove = this.#button(t('groupRemove'), () => this.#removeGroupRow(id, group.id));
    remove.classList.add('cp-group-remove');
    remove.setAttribute('aria-label', t('groupRemoveFor', { group: group.title }));
    li.append(name, gap, ratingField, evidenceField, remove);
    return { li, title: group.title, select, choose, evidence, print, gap, remove };
  }

  /**
   * One action in a list: its id and title, standards, owner, due date (overdue marked), status
   * and notes, with an edit button.
   * @param {Action} x
   * @param {boolean} late
   * @param {boolean} [full]
   */
  #actionLine(x, late, full = false) {
    const m = this.#m;
    const t = m.t;
    const li = h('li', 'cp-action');
    li.dataset.action = x.id;
    if (late) li.dataset.overdue = 'true';
    const head = h('div', 'cp-action-head');
    head.append(h('span', 'cp-table-id', x.id), ' ', h('span', 'cp-action-title', x.title));
    li.append(head);
    const facts = [];
    if (full && x.standards.length) facts.push(t('actionFor', { ids: x.standards.join(', ') }));
    if (x.owner) facts.push(t('actionOwnedBy', { owner: x.owner }));
    if (x.due) facts.push(t('actionDueOn', { date: m.date(x.due) }));
    if (!full) facts.push(this.#statusWord(x.status));
    if (facts.length) li.append(h('p', 'cp-action-facts', facts.join(' · ')));
    if (late) li.append(h('p', 'cp-overdue', t('overdueAsOf', { date: m.date(this.#asOf) })));
    if (full && x.notes) li.append(h('p', 'cp-action-notes', x.notes));
    if (!this.#readonly) {
      const tools = h('div', 'cp-action-tools');
      if (full) {
        const wrap = h('div', 'cp-field cp-action-status');
        const sel = this.#statusSelect(`${this.#uid}-status-${x.id}`, '');
        const lab = h('label', 'cp-field-label', t('actionStatusOf', { id: x.id }));
        lab.htmlFor = sel.id;
        sel.value = x.status;
        sel.addEventListener('change', () => this.#changeStatus(x.id, sel.value));
        wrap.append(lab, sel);
        tools.append(wrap);
      }
      const edit = this.#button(t('editAction', { id: x.id }), () => this.#openEditor({ id: x.id }));
      edit.classList.add('cp-edit-action');
      tools.append(edit);
      li.append(tools);
    }
    return li;
  }

  /**
   * The Plan tab from the latest report.
   * @param {Map<string, string>} titles
   */
  #updatePlan(titles) {
    const ui = this.#ui;
    const report = this.#report;
    const a = this.#assessment;
    if (!ui.planGroups || !report || !a) return;
    const m = this.#m;
    const t = m.t;
    const plan = a.plan ?? [];
    const overdue = new Set(report.plan?.overdue ?? []);
    ui.planAsOf.textContent = t('planAsOf', { date: m.date(this.#asOf) });
    ui.planSummary.textContent = t('planSummary', { n: plan.length, overdue: overdue.size });
    ui.planAdd.hidden = this.#readonly;
    ui.planNext.hidden = this.#readonly;
    for (const status of STATUSES) {
      const group = ui.planGroups.get(status);
      const actions = plan.filter((x) => x.status === status);
      group.title.textContent = t('planGroup', { status: this.#statusWord(status), n: actions.length });
      group.list.replaceChildren(...actions.map((x) => this.#actionLine(x, overdue.has(x.id), true)));
      group.empty.hidden = actions.length > 0;
    }
    const gaps = report.plan?.unplanned_gaps ?? [];
    ui.unplannedList.replaceChildren(
      ...gaps.map((id) => {
        const li = h('li', 'cp-action cp-unplanned');
        const link = this.#standardLink(id, titles);
        li.append(link);
        if (!this.#readonly) {
          const add = this.#button(t('addActionFor', { id }), () => this.#openEditor({ standards: [id] }));
          add.classList.add('cp-add-action');
          li.append(add);
        }
        return li;
      }),
    );
    ui.noUnplanned.hidden = gaps.length > 0;
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
      entry.evidenceLevel.disabled = ro;
      entry.evidenceDate.readOnly = ro;
      entry.target.disabled = ro;
      entry.targetBy.readOnly = ro;
      entry.clear.hidden = ro || !this.#assessment?.ratings[id];
      entry.reviewed.hidden = ro;
    }
    ui.importButton.hidden = ro;
    ui.shell.classList.toggle('cp-readonly', ro);
    if (ro && ui.editor?.open) ui.editor.close();
  }
}

if (!customElements.get('carepath-assessment')) {
  customElements.define('carepath-assessment', CarepathAssessmentElement);
}
