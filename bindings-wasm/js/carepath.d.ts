// Type declarations for carepath.js, the JavaScript API of carepath's WebAssembly package.
//
// The data types mirror the JSON Schemas in standards/schemas/ field for field (a test checks
// every interface against them): they are the shapes of the catalogue, assessment and report
// files and of the answers of migration, comparison, benchmark and consensus, snake_case as in
// the files.

// ---------------------------------------------------------------- loading

/** Loads the WebAssembly module; call once before anything else. Without an argument it is fetched next to carepath.js. */
export function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the WebAssembly module synchronously from its bytes or a compiled module (Node, workers). */
export function initSync(source: BufferSource | WebAssembly.Module): void;
/** Whether the module is loaded. */
export function isInitialized(): boolean;

// ---------------------------------------------------------------- errors

/**
 * Codes of a CarepathError: every code of the Rust core's `ErrorCode` that an error can carry
 * (`is_error()`; `argument` is one of them), then those of this package's own layers (`not_available`,
 * `not_loaded`, `not_initialized`, `load`, `too_large`, `internal`) and of the widget (`storage`, `not_ready`,
 * `needs_migration`). tests/error-codes.test.mjs fails when one is missing or extra.
 */
export type ErrorCode =
  | 'syntax'
  | 'schema'
  | 'version'
  | 'invalid'
  | 'not_found'
  /** Assessments of different areas given to compare or consensus. */
  | 'mixed_areas'
  /** Raters' assessments of different dates given to consensus. */
  | 'mixed_dates'
  /** Assessments of another edition given to benchmark or consensus: migrate them first. */
  | 'mixed_editions'
  /** Assessments or a target of another catalogue given to compare or migrate. */
  | 'mixed_catalogues'
  /** Migration to an older edition than the assessment's. */
  | 'migration_backwards'
  /** No chain of editions with changes leads to the target: give the editions in between (`via`). */
  | 'no_migration_path'
  /** One area twice in a benchmark. */
  | 'repeated_area'
  /** Consensus of fewer than two raters. */
  | 'too_few_raters'
  /** A benchmark of no assessments. */
  | 'no_assessments'
  /** An earlier assessment dated after the later one. */
  | 'dates_reversed'
  /** FHIR: not a QuestionnaireResponse. The `path` of every `fhir_*` error is a FHIR path such as `item[2].item[4].answer[0]`. */
  | 'fhir_resource'
  /** FHIR: a response to another questionnaire, or to another edition. */
  | 'fhir_questionnaire'
  /** FHIR: an item whose `linkId` the catalogue lacks (or not where it has it). */
  | 'fhir_link_id'
  /** FHIR: an answer that is not one of the item's options (a rating off the scale, an unknown confidence). */
  | 'fhir_off_scale'
  /** FHIR: two answers to one standard, or one standard answered twice. */
  | 'fhir_repeated'
  /** FHIR: an element missing or of the wrong type. */
  | 'fhir_shape'
  /** A workbook (.xlsx) that cannot be read or written: each problem names its `sheet` and `cell`. */
  | 'workbook'
  /** A file that cannot be read or written (the command-line tool; not thrown in a browser). */
  | 'io'
  | 'argument'
  /** compare, benchmark or consensus called on the lite package, which leaves them out. */
  | 'not_available'
  /** The lite package: a bundled edition it has not fetched yet; `await loadEditions([...])` with the names the message gives. */
  | 'not_loaded'
  | 'not_initialized'
  /** The module, an edition's file or a fetched catalogue could not be fetched. */
  | 'load'
  /** A file or fetched catalogue larger than the widget's max-bytes limit, refused before it is read. */
  | 'too_large'
  | 'internal'
  /** The widget: its saved draft cannot be kept in the browser's storage. */
  | 'storage'
  /** The widget: an action asked for before its catalogue is loaded. */
  | 'not_ready'
  /** The widget: an edit asked for while the form is read-only. */
  | 'readonly'
  /** The widget: an assessment of another edition, to be carried into this one first. */
  | 'needs_migration'
  | (string & {});

/** One thing wrong with a document. */
export interface Problem {
  /** JSON Pointer to the offending value (empty for the whole document); for a `workbook` problem, the cell as a spreadsheet writes it (`T1!E7`) or the sheet. */
  path: string;
  /** A stable code such as `unknown_standard`, `rating_off_scale` or `schema`. */
  code: string;
  /** What is wrong, quoting the offending value. */
  message: string;
  /** A `workbook` problem: the sheet it is in (null: the file as a whole). */
  sheet?: string | null;
  /** A `workbook` problem: the cell, such as `E7` (null: the whole sheet or file). */
  cell?: string | null;
}

/** Every failure of carepath.js is a CarepathError (a real Error), never a string. */
export class CarepathError extends Error {
  constructor(info: { code: string; message: string; path?: string | null; problems?: Problem[]; line?: number; column?: number });
  readonly name: 'CarepathError';
  /** What went wrong: `syntax`, `schema`, `version`, `invalid`, `not_found`, ... */
  readonly code: ErrorCode;
  /** JSON Pointer of the offending value when the error is about one place, else null. */
  readonly path: string | null;
  /** Every problem found (at least one). */
  readonly problems: Problem[];
  /** For a `syntax` error: the 1-based line of the problem. */
  readonly line?: number;
  /** For a `syntax` error: the 1-based column of the problem. */
  readonly column?: number;
}

// ---------------------------------------------------------------- functions

/** The bundled catalogue editions. */
export function bundledCatalogues(): CatalogueRef[];
/** The id of the catalogue used when none is named. */
export function defaultCatalogue(): string;
/**
 * Fetches the bundled editions that calls for `specs` (names as loadCatalogue() takes them; none:
 * the default catalogue) need and the module does not have yet, from the package's `catalogues/`
 * folder (or `options.from`). The lite package leaves the editions' texts out of its module so
 * that a page downloads only the edition it shows; the full package has them all built in, and
 * this does nothing. Resolves to the editions added. Rejects with `load` when a file cannot be
 * fetched. Called while `init()` is on its way, it waits for the module; the lite package then
 * fetches alongside the module the editions whose file it knows without it: the default one, and
 * those named with their full version.
 */
export function loadEditions(specs?: string | string[], options?: { from?: string | URL }): Promise<CatalogueRef[]>;
/**
 * Fetches what the module lacks to read `document` (an assessment or a FHIR
 * QuestionnaireResponse) and to carry it across into `options.catalogue` (default: the default
 * catalogue's latest edition): the edition it was rated against and those in between, and in the
 * lite package the exchange module (see `loadExchange`) for a FHIR response or an assessment of
 * an earlier edition. A document that cannot be read needs nothing (the call made with it says
 * what is wrong).
 */
export function loadEditionsFor(
  document: AssessmentInput | FhirResource | string,
  options?: { catalogue?: CatalogueHandle | string; from?: string | URL },
): Promise<CatalogueRef[]>;
/**
 * What `loadEditionsFor` would fetch for `document`, without fetching: the bundled editions the
 * module lacks (`id@version`) and whether the exchange module is wanted and not loaded yet. Both
 * empty in the full package.
 */
export function needsLoading(
  document: AssessmentInput | FhirResource | string,
  options?: { catalogue?: CatalogueHandle | string },
): { editions: string[]; exchange: boolean };
/**
 * Loads the lite package's exchange module: FHIR (`toQuestionnaire`, `toFhir`, `fromFhir`) and
 * migration (`migrate`), a second WebAssembly module that a page which only rates and scores never
 * downloads. Before it, those calls throw `not_loaded`. Does nothing in the full package (built
 * in) or once loaded. Without `source` the module is fetched from `exchange/` next to
 * carepath.js (in Node, read from the disk). Rejects with `load` when it cannot be fetched.
 */
export function loadExchange(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Whether FHIR and migration can be called: always in the full package; in the lite one once `loadExchange()` is done. */
export function isExchangeLoaded(): boolean;
/**
 * A bundled edition: `id@version`, an id (its latest edition), or nothing (the default catalogue).
 * Throws `not_found`; in the lite package, `not_loaded` for an edition not fetched yet with loadEditions().
 */
export function loadCatalogue(spec?: string): CatalogueHandle;
/**
 * The bundled edition to score an assessment with: the edition it names when bundled, else the
 * latest bundled edition compatible with it. Throws `not_found` when none is.
 */
export function loadCatalogueFor(assessment: AssessmentInput): CatalogueHandle;
/**
 * A catalogue from its JSON text or object, checked as a whole. Throws `syntax`, `schema`, `version`
 * or `invalid`; in the lite package, `not_loaded` until `loadExchange()` is done (its second module
 * reads a catalogue of one's own: the first knows the bundled editions by their texts).
 */
export function parseCatalogue(json: CatalogueInput): CatalogueHandle;
/** Every problem of a catalogue (empty when sound); never throws for bad data (in the lite package, `not_loaded` until `loadExchange()` is done). */
export function validateCatalogue(json: CatalogueInput): Problem[];
/** Reads an assessment (text or object), checking its shape only. */
export function readAssessment(json: AssessmentInput): Assessment;
/** An assessment as the text of a file: checked, two-space indented, final newline. */
export function writeAssessment(assessment: AssessmentInput): string;
/** Sets, or clears with null or blank text, the evidence of a rated standard. Throws `invalid` (`not_rated`) if it has no rating. */
export function setEvidence(assessment: AssessmentInput, standard: string, evidence: string | null): Assessment;
/** Sets, or clears, the planned actions of a rated standard. */
export function setActions(assessment: AssessmentInput, standard: string, actions: string | null): Assessment;
/** Sets (or clears, with null or blank text) the evidence of a group rating; `not_rated` when the standard has no rating for the group. */
export function setGroupEvidence(assessment: AssessmentInput, standard: string, group: string, evidence: string | null): Assessment;
/** Sets (or clears, with null) how strong the evidence of a rated standard is. */
export function setEvidenceLevel(assessment: AssessmentInput, standard: string, level: EvidenceLevel | null): Assessment;
/** Sets (or clears, with null) the date (`YYYY-MM-DD`) the evidence of a rated standard was gathered. */
export function setEvidenceDate(assessment: AssessmentInput, standard: string, date: string | null): Assessment;
/** Sets, or clears, the confidence of a rated standard. */
export function setConfidence(assessment: AssessmentInput, standard: string, confidence: Confidence | null): Assessment;
/** Removes a standard's entry: it is unrated again. */
export function unrate(assessment: AssessmentInput, standard: string): Assessment;
/** Sets the status of an action of the plan; throws `invalid` (`unknown_action`) or `schema` for another word. */
export function setActionStatus(assessment: AssessmentInput, actionId: string, status: ActionStatus): Assessment;
/** Removes an action from the plan (nothing changes when it has none of that id). */
export function removeAction(assessment: AssessmentInput, actionId: string): Assessment;
/** Removes the review note of a rated standard (set by migration or consensus), keeping the rating and its text. Throws `invalid` (`not_rated`) if it has no rating. */
export function clearReview(assessment: AssessmentInput, standard: string): Assessment;

/** Items scored by fewer areas than this are withheld from a benchmark unless told otherwise (5): the core's `DEFAULT_MIN_GROUP`, read from the module when it loads (set once `init()` or `initSync()` has run). */
export const DEFAULT_MIN_GROUP: number;
/** Scores this many points apart are a disagreement in a consensus unless told otherwise (3): the core's `DEFAULT_DISAGREEMENT`, read from the module when it loads (set once `init()` or `initSync()` has run). */
export const DEFAULT_DISAGREEMENT: number;

/** A catalogue for an operation: a handle, or a bundled edition such as `perinatal-mental-health@2`. */
export type CatalogueChoice = CatalogueHandle | string;

/**
 * Carries an assessment into a newer edition of its catalogue (`to`; default: the latest bundled
 * edition of its catalogue), following the changes each edition lists. Changed standards are
 * flagged for review (`review` in their entry); ratings of retired standards go to the archive.
 * Nothing is dropped. An assessment already of the edition comes back unchanged, with no steps.
 * Throws `mixed_catalogues`, `migration_backwards`, `no_migration_path`, or a reading error.
 */
export function migrate(assessment: AssessmentInput, to?: CatalogueChoice, options?: MigrateOptions): MigrationResult;
/**
 * Compares two assessments of one area over time, in `catalogue` (default: the bundled edition for
 * the later one); an earlier assessment of an older edition is migrated first. Throws
 * `mixed_areas`, `mixed_catalogues`, `dates_reversed`, `invalid`, or a reading error (paths
 * prefixed `/0` for the earlier assessment, `/1` for the later).
 */
export function compare(older: AssessmentInput, newer: AssessmentInput, catalogue?: CatalogueChoice): Comparison;
/**
 * The spread of scores across areas (one assessment per area, all of one edition) and where each
 * area stands, listed by name. Throws `no_assessments`, `mixed_editions`, `repeated_area`,
 * `invalid` (paths prefixed by the assessment's position, `/2/ratings/T1.1`).
 */
export function benchmark(assessments: Array<AssessmentInput>, options?: BenchmarkOptions): Benchmark;
/**
 * Combines several raters' assessments of one area on one date into one assessment, with the
 * standards to discuss. Throws `too_few_raters`, `mixed_areas`, `mixed_dates`, `mixed_editions`,
 * `invalid` (paths prefixed by the rater's position).
 */
export function consensus(assessments: Array<AssessmentInput>, options?: ConsensusOptions): ConsensusResult;

export interface MigrateOptions {
  /** The editions in between, when they are not bundled (handles, catalogue objects or JSON text). */
  via?: Array<CatalogueHandle | Catalogue | string>;
}

export interface BenchmarkOptions {
  /** The edition of the set; default: the bundled edition for the first assessment. */
  catalogue?: CatalogueChoice;
  /** Items scored by fewer areas are withheld; default 5. */
  minGroup?: number;
}

export interface ConsensusOptions {
  /** The edition the raters used; default: the bundled edition for the first assessment. */
  catalogue?: CatalogueChoice;
  /** Scores this many points apart are a disagreement; default 3. */
  threshold?: number;
}

/** What `migrate` gives. */
export interface MigrationResult {
  /** The assessment in the new edition (flagged entries carry a `review` note; `archive` keeps the rest). */
  assessment: Assessment;
  /** What became of every rating. */
  report: MigrationReport;
}

/** What `consensus` gives. */
export interface ConsensusResult {
  /** The combined assessment (standards to discuss carry a `review` note; every rater's text is kept). */
  assessment: Assessment;
  /** The spread of views per standard, and what to discuss. */
  consensus: Consensus;
}
/**
 * A report as CSV (RFC 4180, CRLF line ends): a row for the whole pathway, each theme, each
 * cross-cutting theme, each standard, then each gap in rank order.
 */
export function reportToCsv(report: Report, options?: { catalogue?: Catalogue | CatalogueHandle; assessment?: Assessment }): string;
/** Today's date in local time, `YYYY-MM-DD`. */
export function today(): string;

// ---------------------------------------------------------------- documents and the workbook
// From a second WebAssembly module (report/), fetched the first time one of these is called, so
// every one is async. The bytes are those the command-line tool writes.

/**
 * Loads the report module (the functions below do it themselves when first called). Give a URL,
 * a `Response` or the bytes of `report/carepath_report_wasm_bg.wasm` to load it from elsewhere;
 * in Node, give the bytes. Rejects with `load`.
 */
export function initReports(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Whether the report module is loaded. */
export function isReportsInitialized(): boolean;
/** The assessment report as a self-contained HTML page (no script): what `carepath report --format html` writes. Scored with `catalogue`, by default the bundled edition the assessment names. */
export function reportHtml(assessment: AssessmentInput, catalogue?: CatalogueChoice): Promise<string>;
/** The assessment report as Markdown (`carepath report --format md`). */
export function reportMarkdown(assessment: AssessmentInput, catalogue?: CatalogueChoice): Promise<string>;
/** The assessment report as CSV (`carepath report --format csv`); `reportToCsv` is the synchronous form. */
export function reportCsv(assessment: AssessmentInput, catalogue?: CatalogueChoice): Promise<string>;
/** The comparison over time as an HTML page (`carepath compare --format html`); errors as `compare`'s. */
export function comparisonHtml(older: AssessmentInput, newer: AssessmentInput, catalogue?: CatalogueChoice): Promise<string>;
/** The comparison over time as Markdown. */
export function comparisonMarkdown(older: AssessmentInput, newer: AssessmentInput, catalogue?: CatalogueChoice): Promise<string>;
/** The comparison over time as CSV. */
export function comparisonCsv(older: AssessmentInput, newer: AssessmentInput, catalogue?: CatalogueChoice): Promise<string>;
/** The benchmark across areas as an HTML page (`carepath benchmark --format html`); errors as `benchmark`'s. */
export function benchmarkHtml(assessments: Array<AssessmentInput>, options?: BenchmarkOptions): Promise<string>;
/** The benchmark across areas as Markdown. */
export function benchmarkMarkdown(assessments: Array<AssessmentInput>, options?: BenchmarkOptions): Promise<string>;
/** The benchmark across areas as CSV. */
export function benchmarkCsv(assessments: Array<AssessmentInput>, options?: BenchmarkOptions): Promise<string>;
/** The consensus of raters as an HTML page (`carepath consensus --format html`); errors as `consensus`'s. */
export function consensusHtml(assessments: Array<AssessmentInput>, options?: ConsensusOptions): Promise<string>;
/** The consensus of raters as Markdown. */
export function consensusMarkdown(assessments: Array<AssessmentInput>, options?: ConsensusOptions): Promise<string>;
/** The consensus of raters as CSV. */
export function consensusCsv(assessments: Array<AssessmentInput>, options?: ConsensusOptions): Promise<string>;
/**
 * The XLSX workbook (`carepath workbook`) as bytes: blank for `catalogue`, or filled from
 * `assessment` (checked first). No catalogue: the bundled edition the assessment names, else the
 * default catalogue. Rejects with `workbook` naming each text too long for a cell.
 */
export function workbook(catalogue?: CatalogueChoice | null, assessment?: AssessmentInput): Promise<Uint8Array>;
/**
 * A filled workbook's bytes back into an assessment (`carepath import`), checked against
 * `catalogue` or the bundled edition the workbook names. Rejects with `workbook`, every problem
 * naming its `sheet` and `cell`.
 */
export function readWorkbook(bytes: Uint8Array | ArrayBuffer, catalogue?: CatalogueChoice): Promise<Assessment>;
/** Whether bytes are a zip archive, as every .xlsx is (they start `PK\x03\x04`). */
export function isWorkbook(bytes: Uint8Array | ArrayBuffer): boolean;
/** A FHIR `QuestionnaireResponse` back into an assessment, read against the bundled edition its `questionnaire` names. */
export function fromFhir(response: string | Uint8Array | FhirResource): Assessment;

/** A FHIR resource as JSON: `resourceType` and whatever else the resource type has. */
export interface FhirResource {
  resourceType: string;
  [element: string]: unknown;
}

/** One catalogue edition, read and checked once, then used for many calls. */
export class CatalogueHandle {
  private constructor();
  /** The same as `parseCatalogue` (the name Rust and Python use). */
  static fromJson(json: CatalogueInput): CatalogueHandle;
  /** The same as `loadCatalogue` (the name Rust and Python use). */
  static bundled(spec?: string): CatalogueHandle;
  /** The same as `loadCatalogueFor` (the name Rust and Python use). */
  static bundledFor(assessment: AssessmentInput): CatalogueHandle;
  /** `{ id, version }` of this edition. */
  readonly reference: CatalogueRef;
  /** The catalogue as a plain object. */
  readonly data: Catalogue;
  /** An empty assessment of an area, dated `assessedOn` (`YYYY-MM-DD`, default today). */
  newAssessment(area: string | Area, assessedOn?: string): Assessment;
  /** This edition in plain language: each standard's `plain` text in place of its description, where given. */
  withPlainLanguage(): CatalogueHandle;
  /** Throws a CarepathError listing every problem unless the assessment is sound for this edition. */
  check(assessment: AssessmentInput): void;
  /** Every problem of the assessment against this edition (empty when sound); never throws for bad data. */
  validate(assessment: AssessmentInput): Problem[];
  /** Reads an assessment and checks it against this edition (what an import does). */
  readAssessment(json: AssessmentInput): Assessment;
  /** Scores an assessment; `asOf` (`YYYY-MM-DD`) is the day overdue actions are judged on (default: the assessment's date); evidence older than `maxAgeMonths` calendar months (default 24) is stale. */
  score(assessment: AssessmentInput, options?: { asOf?: string; maxAgeMonths?: number }): Report;
  /** Rates a rated standard for a declared population group, or removes the group rating with null; `unknown_group`, `not_rated`, `rating_off_scale`. */
  setGroupRating(assessment: AssessmentInput, standard: string, group: string, rating: Rating | null): Assessment;
  /** Declares a local population group besides the catalogue's; `duplicate_group` when one of that id exists. */
  addGroup(assessment: AssessmentInput, group: { id: string; title: string; description?: string }): Assessment;
  /** Sets the target of a rated standard (null clears it); throws `invalid` (`target_off_scale`, `not_rated`). Returns a new assessment. */
  setTarget(assessment: AssessmentInput, standard: string, target: number | null, options?: { by?: string }): Assessment;
  /** Adds an action at the end of the plan (`id` defaults to the next free `A<n>`, `status` to `planned`). Returns a new assessment. */
  addAction(assessment: AssessmentInput, action: ActionInput): Assessment;
  /** Changes an action in place (null clears `owner`, `due` or `notes`). Returns a new assessment. */
  updateAction(assessment: AssessmentInput, actionId: string, changes: Partial<Action>): Assessment;
  /** Starts the next round from an assessment in this edition (one of an earlier edition is migrated first: in the lite package, by the exchange module, `not_loaded` until it is): no ratings, the open actions carried, this round's ratings and targets in `previous`. */
  nextRound(assessment: AssessmentInput, assessedOn?: string): Assessment;
  /** Rates a standard (null: unrated), keeping its evidence, confidence and actions. Returns a new assessment. */
  rate(assessment: AssessmentInput, standard: string, rating: Rating | null): Assessment;
  /** This edition as a FHIR R4 SDC `Questionnaire`. */
  toQuestionnaire(): FhirResource;
  /** An assessment of this edition as a FHIR `QuestionnaireResponse`; throws `mixed_editions` for another edition. */
  toFhir(assessment: AssessmentInput): FhirResource;
  /** A FHIR `QuestionnaireResponse` to this edition's Questionnaire back into an assessment; throws `syntax` or a `fhir_*` error. */
  fromFhir(response: string | Uint8Array | FhirResource): Assessment;
  /** Carries an assessment into this edition (see `migrate`). */
  migrate(assessment: AssessmentInput, options?: MigrateOptions): MigrationResult;
  /** Compares two assessments of one area in this edition (see `compare`). */
  compare(older: AssessmentInput, newer: AssessmentInput): Comparison;
  /** The spread of scores across areas assessed against this edition (see `benchmark`). */
  benchmark(assessments: Array<AssessmentInput>, options?: { minGroup?: number }): Benchmark;
  /** Combines raters' assessments against this edition (see `consensus`). */
  consensus(assessments: Array<AssessmentInput>, options?: { threshold?: number }): ConsensusResult;
  /** Releases the WebAssembly memory of this catalogue. */
  free(): void;
}

/**
 * `CatalogueHandle` under the name Rust and Python give it: `Catalogue.bundled()`,
 * `Catalogue.fromJson()`, `Catalogue.bundledFor()`. As a type, `Catalogue` stays the catalogue's
 * content (the file); a handle's type is `CatalogueHandle`.
 */
export const Catalogue: typeof CatalogueHandle;

// ---------------------------------------------------------------- shared pieces

/** A catalogue edition. */
export interface CatalogueRef {
  /** The catalogue's id, such as `perinatal-mental-health`. */
  id: string;
  /** The edition (semver), such as `1.0.0`. */
  version: string;
}

/** A score on the catalogue's scale (an integer), `not_applicable`, or `unknown` (nobody in the room knows). */
export type Rating = number | 'not_applicable' | 'unknown';

/**
 * An assessment as every call takes it: its JSON text, the bytes of its file (decoded as UTF-8 by
 * the core: a leading byte-order mark is skipped, and bytes that are not UTF-8 throw `syntax` with
 * the line and column, never U+FFFD), or the object.
 */
export type AssessmentInput = string | Uint8Array | ArrayBuffer | Assessment;
/** A catalogue as every call takes it: its JSON text, the bytes of its file, or the object. */
export type CatalogueInput = string | Uint8Array | ArrayBuffer | Catalogue;

/** How much a standard matters; it weighs the standard's gap (3, 2, 1). */
export type Priority = 'essential' | 'expected' | 'desirable';

/** How sure the partnership is of a rating. */
export type Confidence = 'low' | 'medium' | 'high';

/** The sector of a service. */
export type Sector = 'nhs' | 'local_authority' | 'voluntary' | 'other';

/** The area an assessment is about. */
export interface Area {
  name: string;
  /** An official code for the area. */
  code?: string;
  /** The kind of area, such as `locality` or `integrated_care_board`. */
  kind?: string;
}

// ---------------------------------------------------------------- catalogue

/** One edition of a catalogue of standards (`standards/<id>/<version>.json`). */
export interface Catalogue {
  $schema?: string;
  schema_version: string;
  id: string;
  version: string;
  title: string;
  publisher: string;
  /** `YYYY-MM-DD`. */
  published: string;
  description?: string;
  scale: Scale;
  themes: Theme[];
  cross_cutting: CrossCutting[];
  services: Service[];
  sources: Source[];
  /** The population groups a standard can be rated for, each traced to its sources (file format 1.2). */
  groups?: Group[];
  changes?: ChangeSet[];
}

/** A population group a standard can be rated for, such as the women who need an interpreter. */
export interface Group {
  id: string;
  title: string;
  /** Who the group is, and why a pathway can fail them. */
  description: string;
  sources?: SourceRef[];
}

/** The rating scale: integer ratings from `min` to `max`, a label per level, and the traffic-light bands. */
export interface Scale {
  min: number;
  max: number;
  levels: Level[];
  /** Half-open `[from, to)` except the last, which includes `max`; the last band is the target. */
  bands: Band[];
}

export interface Level {
  value: number;
  label: string;
  description: string;
}

/** A traffic light; reports use its `id` as the light. */
export interface Band {
  id: string;
  /** The word shown beside the colour, such as `Amber`. */
  label: string;
  from: number;
  to: number;
}

export interface Theme {
  id: string;
  title: string;
  description: string;
  standards: Standard[];
}

export interface Standard {
  id: string;
  title: string;
  /** What "fully met" looks like. */
  description: string;
  /** What the standard means for a family, in plain words. */
  plain?: string;
  priority: Priority;
  services: string[];
  /** Cross-cutting theme ids. */
  tags: string[];
  sources: SourceRef[];
  /** What each level looks like for this standard, keyed by the level's value (`"0"` to `"5"`). */
  guidance?: Record<string, string>;
}

export interface SourceRef {
  source: string;
  /** The statement or recommendation within the source. */
  ref?: string;
}

export interface CrossCutting {
  id: string;
  title: string;
  description: string;
}

export interface Service {
  id: string;
  title: string;
  sector?: Sector;
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  year: number;
  url?: string;
}

/** The changes from an earlier edition, for migration. */
export interface ChangeSet {
  from: string;
  summary?: string;
  standards: StandardChange[];
}

/**
 * How far what "fully met" means moved: a score is carried only onto `same` or `narrower`; onto
 * `broader` it is archived with the old score in words and the standard starts unrated.
 */
export type Scope = 'same' | 'narrower' | 'broader';

/** What happened to a standard between two editions. */
export type StandardChange =
  | { change: 'kept'; from: string; to: string; review?: boolean; scope?: Scope; note?: string }
  | { change: 'split'; from: string; to: string[]; scope?: Scope; note?: string }
  | { change: 'merged'; from: string[]; to: string; scope?: Scope; note?: string }
  | { change: 'retired'; from: string; reason: string }
  | { change: 'added'; to: string; note?: string };

// ---------------------------------------------------------------- assessment

/** One area's ratings against one catalogue edition. */
export interface Assessment {
  $schema?: string;
  schema_version: string;
  catalogue: CatalogueRef;
  area: Area;
  /** `YYYY-MM-DD`. */
  assessed_on: string;
  participants?: Participant[];
  /** Local population groups besides the catalogue's (file format 1.2); an id must not repeat one of the catalogue's. */
  groups?: LocalGroup[];
  /** By standard id; a standard with no entry is unrated. */
  ratings: Record<string, RatingEntry>;
  /** The improvement plan (file format 1.1). */
  plan?: Action[];
  /** The round this one was started from (file format 1.1). */
  previous?: Previous;
  notes?: string;
  /** Ratings kept by migration from earlier editions. */
  archive?: ArchivedRating[];
  /** Actions kept by migration because none of their standards is in this edition (file format 1.1). */
  plan_archive?: ArchivedAction[];
}

/** The score a partnership aims for on a standard. */
export interface Target {
  rating: number;
  /** `YYYY-MM-DD`. */
  by?: string;
}

export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'dropped';

/** One action of the improvement plan. */
export interface Action {
  id: string;
  title: string;
  standards: string[];
  owner?: string;
  /** `YYYY-MM-DD`. */
  due?: string;
  status: ActionStatus;
  notes?: string;
}

/** An action to add: `id` defaults to the next free `A<n>`, `status` to `planned`, `standards` to none. */
export type ActionInput = Omit<Action, 'id' | 'status' | 'standards'> & { id?: string; status?: ActionStatus; standards?: string[] };

export interface ArchivedAction {
  catalogue: CatalogueRef;
  action: Action;
  reason: string;
}

/** The round an assessment was started from, shown beside each standard. */
export interface Previous {
  catalogue: CatalogueRef;
  assessed_on: string;
  ratings: Record<string, PreviousRating>;
}

/** A standard's rating, and target, in the round an assessment was started from. */
export interface PreviousRating {
  rating: Rating;
  target?: Target;
}

/** A population group an assessment declares for itself. */
export interface LocalGroup {
  id: string;
  title: string;
  description?: string;
}

/** How well a standard serves one population group. */
export interface GroupRating {
  rating: Rating;
  evidence?: string;
}

/** What a rating rests on, weakest first. */
export type EvidenceLevel = 'none' | 'self_reported' | 'documented' | 'audited' | 'external';

/** Someone who took part, by role (never by name). */
export interface Participant {
  role: string;
  organisation?: string;
}

export interface RatingEntry {
  rating: Rating;
  /** The score aimed for (file format 1.1). */
  target?: Target;
  evidence?: string;
  /** The standard's rating for population groups, by group id (file format 1.2). */
  groups?: Record<string, GroupRating>;
  /** How strong the evidence is (file format 1.2). */
  evidence_level?: EvidenceLevel;
  /** When the evidence was gathered, `YYYY-MM-DD` (file format 1.2). */
  evidence_date?: string;
  confidence?: Confidence;
  actions?: string;
  /** Why this rating needs another look (set by migration or consensus). */
  review?: string;
}

export interface ArchivedRating {
  catalogue: CatalogueRef;
  standard: string;
  rating: Rating;
  target?: Target;
  evidence?: string;
  groups?: Record<string, GroupRating>;
  evidence_level?: EvidenceLevel;
  evidence_date?: string;
  confidence?: Confidence;
  actions?: string;
  review?: string;
  reason: string;
}

// ---------------------------------------------------------------- report

/** What scoring an assessment gives. Lists follow catalogue order, except `gaps` (largest weighted shortfall first). */
export interface Report {
  catalogue: CatalogueRef;
  area: Area;
  assessed_on: string;
  overall: Overall;
  themes: ThemeScore[];
  cross_cutting: CrossCuttingScore[];
  standards: StandardScore[];
  gaps: Gap[];
  /** Rated standards in the target (green) band. */
  strengths: string[];
  /** Standards rated `unknown`. */
  unknowns: string[];
  /** The plan: actions by status, those overdue as of `as_of`, the gaps no action covers. */
  plan: PlanSummary | null;
  /** Group ratings below the standard's own, largest weighted difference first, then catalogue order, then group order. */
  equity_gaps?: EquityGap[];
  /** How strong the evidence is; never changes a score. */
  evidence: EvidenceSummary | null;
}

/** One population group's score: the mean of its group ratings where given and the standards' own ratings elsewhere. */
export interface GroupScore {
  id: string;
  score: number | null;
  light: string | null;
  /** Standards with a score for the group. */
  rated: number;
}

/** A standard that serves a group worse than everyone. */
export interface EquityGap {
  id: string;
  theme: string;
  group: string;
  rating: number;
  group_rating: number;
  /** rating - group_rating. */
  difference: number;
  priority: Priority;
  weight: number;
  /** weight × difference. */
  weighted_difference: number;
}

/** How many scored standards rest on each level of evidence. */
export interface EvidenceCounts {
  none: number;
  self_reported: number;
  documented: number;
  audited: number;
  external: number;
  /** No evidence level given. */
  unstated: number;
}

export interface EvidenceSummary {
  /** The scored standards by evidence level (`unstated` where none is given). */
  by_level: EvidenceCounts;
  /** Top-band standards resting on `none` or `self_reported` evidence, in catalogue order. */
  unsupported_strengths: string[];
  /** Rated standards whose evidence is older than `max_age_months`, in catalogue order. */
  stale: string[];
  max_age_months: number;
}

export interface StatusCounts {
  planned: number;
  in_progress: number;
  done: number;
  dropped: number;
}

export interface PlanSummary {
  as_of: string;
  actions: number;
  by_status: StatusCounts;
  /** Open actions due before `as_of`, in plan order. */
  overdue: string[];
  /** Gaps no action but a dropped one lists, in the order of `gaps`. */
  unplanned_gaps: string[];
}

export interface Overall {
  /** Mean of the theme scores that exist; null when none. */
  score: number | null;
  /** A band id such as `amber`; null when there is no score. */
  light: string | null;
  rated: number;
  total: number;
  /** The overall score with every target met; null when no standard has a target. */
  target_score: number | null;
  /** Each group's overall score: the mean of its theme scores. */
  groups?: GroupScore[];
}

export interface ThemeScore {
  id: string;
  title: string;
  /** Mean of the theme's scored standards; null (not zero) when none is scored. */
  score: number | null;
  light: string | null;
  rated: number;
  not_applicable: number;
  unknown: number;
  unrated: number;
  total: number;
  /** (rated + not applicable) / total. */
  completeness: number;
  /** The score with every target met; null when no standard of the theme has a target. */
  target_score: number | null;
  /** Each group's score in the theme (the catalogue's groups, then the assessment's). */
  groups?: GroupScore[];
}

export interface CrossCuttingScore {
  id: string;
  title: string;
  score: number | null;
  light: string | null;
  rated: number;
  total: number;
  groups?: GroupScore[];
}

export interface StandardScore {
  id: string;
  theme: string;
  /** null when unrated. */
  rating: Rating | null;
  /** null unless scored. */
  light: string | null;
  /** The score aimed for; null without a target. */
  target: number | null;
  /** target - rating when the rating is a score below it, 0 once met, else null. */
  to_target: number | null;
}

/** A rated standard below the target band. */
export interface Gap {
  id: string;
  theme: string;
  rating: number;
  /** Top of the scale minus the rating. */
  shortfall: number;
  priority: Priority;
  /** essential 3, expected 2, desirable 1. */
  weight: number;
  /** weight × shortfall. */
  weighted_shortfall: number;
}

// ---------------------------------------------------------------- migration

/** What migration did to every rating (`standards/schemas/migration.schema.json`). */
export interface MigrationReport {
  /** The edition the assessment was rated against. */
  from: CatalogueRef;
  /** The edition it was carried into. */
  to: CatalogueRef;
  /** One step per pair of editions crossed, oldest first; empty when nothing changed. */
  steps: MigrationStep[];
}

/** One step of a migration, from one edition to the next. */
export interface MigrationStep {
  from: CatalogueRef;
  to: CatalogueRef;
  /** The fate of every rating the assessment had at the start of the step, in its order. */
  fates: RatingFate[];
  /** Standards new in this edition; they start unrated. */
  added: string[];
  /** What became of every action of the plan, in plan order (absent in reports of older versions). */
  actions?: ActionFate[];
}

export type ActionMove = 'kept' | 'repointed' | 'archived';

export interface ActionFate {
  id: string;
  from: string[];
  to: string[];
  fate: ActionMove;
  note: string | null;
}

/** Progress at the next round. */
export interface Progress {
  targets: TargetProgress[];
  target_counts: TargetCounts;
  actions: ActionProgress[];
  action_counts: ActionCounts;
}

export type TargetOutcome = 'met' | 'not_met' | 'not_scored';

export interface TargetProgress {
  id: string;
  theme: string;
  target: number;
  by: string | null;
  old: Rating | null;
  new: Rating | null;
  outcome: TargetOutcome;
}

export interface TargetCounts {
  met: number;
  not_met: number;
  not_scored: number;
}

export type ActionOutcome = 'done' | 'carried' | 'dropped' | 'missing';

export interface ActionProgress {
  id: string;
  title: string;
  old_status: ActionStatus;
  new_status: ActionStatus | null;
  outcome: ActionOutcome;
}

export interface ActionCounts {
  done: number;
  carried: number;
  dropped: number;
  missing: number;
}

/** What became of one rating. */
export interface RatingFate {
  /** The standard's id in the earlier edition. */
  standard: string;
  /** The rating it had. */
  rating: Rating;
  fate: Fate;
  /** The standards of the new edition that now carry it (for `archived`, where it would have gone, if anywhere). */
  to: string[];
  /** Whether the carried rating is flagged for another look. */
  review: boolean;
  /** The edition's note on the change, or the reason for archiving. */
  note: string | null;
}

/** What happened to a rating: carried to the same id, to a new id, to each part of a split, as the lowest of a merge, or kept in the archive. */
export type Fate = 'kept' | 'renamed' | 'split' | 'merged' | 'archived';

// ---------------------------------------------------------------- comparison

/** How two assessments of one area differ (`standards/schemas/comparison.schema.json`). */
export interface Comparison {
  /** The edition both were compared in: the later assessment's. */
  catalogue: CatalogueRef;
  /** The area, as the later assessment names it. */
  area: Area;
  old: Snapshot;
  new: Snapshot;
  comparable: Comparable;
  overall: ScoreChange;
  /** Per theme, in catalogue order. */
  themes: GroupChange[];
  /** Per cross-cutting theme, in catalogue order. */
  cross_cutting: GroupChange[];
  /** Per standard, in catalogue order. */
  standards: StandardDelta[];
  /** How the earlier assessment was carried into the edition, when it was of an older major edition. */
  migration: MigrationReport | null;
  /** What became of the earlier assessment's targets and plan (absent in comparisons of older versions). */
  progress?: Progress;
  /** Each population group's scores then and now: the later assessment's groups, then any only the earlier had. */
  groups?: GroupOverTime[];
}

/** One population group's overall and theme scores then and now. */
export interface GroupOverTime {
  id: string;
  title: string;
  overall: ScoreChange;
  themes: GroupChange[];
}

/** One of the two assessments compared. */
export interface Snapshot {
  assessed_on: string;
  /** The edition it was rated against. */
  catalogue: CatalogueRef;
}

/** How much of the catalogue could be compared. */
export interface Comparable {
  /** Standards scored in both assessments. */
  standards: number;
  /** Standards in the edition. */
  total: number;
  /** standards / total. */
  share: number;
}

/** Which way something moved; N/A and unknown count as not scored. */
export type Direction = 'improved' | 'worsened' | 'unchanged' | 'newly_rated' | 'no_longer_rated' | 'not_rated';

/** A score then and now. */
export interface ScoreChange {
  old: number | null;
  new: number | null;
  old_light: string | null;
  new_light: string | null;
  /** new − old, when both exist. */
  change: number | null;
  direction: Direction;
}

/** A theme or cross-cutting theme then and now. */
export interface GroupChange {
  id: string;
  title: string;
  old: number | null;
  new: number | null;
  old_light: string | null;
  new_light: string | null;
  change: number | null;
  direction: Direction;
}

/** A standard then and now. */
export interface StandardDelta {
  id: string;
  theme: string;
  /** The earlier rating (after migration); null when unrated. */
  old: Rating | null;
  new: Rating | null;
  /** new − old, when both are scores. */
  change: number | null;
  direction: Direction;
}

// ---------------------------------------------------------------- benchmark

/** The spread of scores across areas, and where each stands (`standards/schemas/benchmark.schema.json`). Not a league table. */
export interface Benchmark {
  catalogue: CatalogueRef;
  /** How many areas (assessments) are in the set. */
  areas: number;
  /** Items scored by fewer areas than this have their figures withheld. */
  min_group: number;
  overall: Distribution;
  /** Per theme, in catalogue order. */
  themes: GroupDistribution[];
  /** Per cross-cutting theme, in catalogue order. */
  cross_cutting: GroupDistribution[];
  /** Per standard, in catalogue order. */
  standards: StandardDistribution[];
  /** Where each area stands, by area name (never by score). */
  positions: AreaPosition[];
  /** Each population group's scores across the areas that declare it, with the same small-group rule; never ranked. */
  groups?: GroupSpread[];
}

/** The spread of one population group's scores across areas. */
export interface GroupSpread {
  id: string;
  title: string;
  /** How many areas declare the group. */
  areas: number;
  overall: Distribution;
  themes: GroupDistribution[];
}

/** The spread of one item's scores; figures are null when withheld or when nobody scored it. */
export interface Distribution {
  /** How many areas have a score for the item. */
  count: number;
  /** Whether the figures are withheld (fewer than `min_group` areas scored it). */
  withheld: boolean;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

/** The spread of a theme's or cross-cutting theme's scores. */
export interface GroupDistribution {
  id: string;
  title: string;
  distribution: Distribution;
}

/** The spread of a standard's ratings. */
export interface StandardDistribution {
  id: string;
  theme: string;
  distribution: Distribution;
}

/** Where one area stands. */
export interface AreaPosition {
  area: Area;
  assessed_on: string;
  overall: Position;
  /** Per theme, in catalogue order. */
  themes: ThemePosition[];
}

/** An area's score for one item and its quarter among the areas. */
export interface Position {
  score: number | null;
  light: string | null;
  /** 1 (lowest quarter) to 4 (highest); null without a score or when withheld. */
  quarter: 1 | 2 | 3 | 4 | null;
}

/** An area's theme score and quarter. */
export interface ThemePosition {
  id: string;
  score: number | null;
  light: string | null;
  quarter: 1 | 2 | 3 | 4 | null;
}

// ---------------------------------------------------------------- consensus

/** How several raters' views of one area combine (`standards/schemas/consensus.schema.json`). */
export interface Consensus {
  catalogue: CatalogueRef;
  area: Area;
  assessed_on: string;
  /** A label per rater, in the order given. */
  raters: string[];
  /** Scores this many points apart count as a disagreement. */
  threshold: number;
  /** Per standard, in catalogue order. */
  standards: StandardConsensus[];
  /** Standards whose scores are `threshold` or more points apart: to discuss. */
  disagreements: string[];
  /** Standards some raters scored and others said do not apply: to discuss. */
  mixed_applicability: string[];
}

/** One standard across raters. */
export interface StandardConsensus {
  id: string;
  theme: string;
  /** Each rater's rating, in rater order (null when a rater left it unrated). */
  ratings: Array<Rating | null>;
  /** The combined rating (null when nobody rated it). */
  combined: Rating | null;
  /** How many raters scored it. */
  scored: number;
  /** Highest minus lowest score, when anyone scored it. */
  spread: number | null;
  /** Whether the spread reaches the threshold. */
  disagreement: boolean;
}
