// Type declarations for carepath.js, the JavaScript API of carepath's WebAssembly package.
//
// The data types mirror the JSON Schemas in standards/schemas/ field for field (a test checks
// every interface against them): they are the shapes of the catalogue, assessment and report
// files, snake_case as in the files.

// ---------------------------------------------------------------- loading

/** Loads the WebAssembly module; call once before anything else. Without an argument it is fetched next to carepath.js. */
export function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the WebAssembly module synchronously from its bytes or a compiled module (Node, workers). */
export function initSync(source: BufferSource | WebAssembly.Module): void;
/** Whether the module is loaded. */
export function isInitialized(): boolean;

// ---------------------------------------------------------------- errors

/**
 * Codes of a CarepathError. The first five come from the Rust core (`Error::code()`); the core
 * may add codes of its own (such as `mixed_catalogues`). `argument`, `not_initialized`, `load` and
 * `internal` come from this JavaScript layer.
 */
export type ErrorCode =
  | 'syntax'
  | 'schema'
  | 'version'
  | 'invalid'
  | 'not_found'
  | 'argument'
  | 'not_initialized'
  | 'load'
  | 'internal'
  | (string & {});

/** One thing wrong with a document. */
export interface Problem {
  /** JSON Pointer to the offending value (empty for the whole document). */
  path: string;
  /** A stable code such as `unknown_standard`, `rating_off_scale` or `schema`. */
  code: string;
  /** What is wrong, quoting the offending value. */
  message: string;
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
/** A bundled edition: `id@version`, an id (its latest edition), or nothing (the default catalogue). Throws `not_found`. */
export function loadCatalogue(spec?: string): CatalogueHandle;
/** A catalogue from its JSON text or object, checked as a whole. Throws `syntax`, `schema`, `version` or `invalid`. */
export function parseCatalogue(json: string | Catalogue): CatalogueHandle;
/** Every problem of a catalogue (empty when sound); never throws for bad data. */
export function validateCatalogue(json: string | Catalogue): Problem[];
/** Reads an assessment (text or object), checking its shape only. */
export function readAssessment(json: string | Assessment): Assessment;
/** An assessment as the text of a file: checked, two-space indented, final newline. */
export function writeAssessment(assessment: string | Assessment): string;
/** Sets, or clears with null or blank text, the evidence of a rated standard. Throws `invalid` (`not_rated`) if it has no rating. */
export function setEvidence(assessment: string | Assessment, standard: string, evidence: string | null): Assessment;
/** Sets, or clears, the planned actions of a rated standard. */
export function setActions(assessment: string | Assessment, standard: string, actions: string | null): Assessment;
/** Sets, or clears, the confidence of a rated standard. */
export function setConfidence(assessment: string | Assessment, standard: string, confidence: Confidence | null): Assessment;
/** Removes a standard's entry: it is unrated again. */
export function unrate(assessment: string | Assessment, standard: string): Assessment;
/**
 * A report as CSV (RFC 4180, CRLF line ends): a row for the whole pathway, each theme, each
 * cross-cutting theme, each standard, then each gap in rank order.
 */
export function reportToCsv(report: Report, options?: { catalogue?: Catalogue | CatalogueHandle; assessment?: Assessment }): string;
/** Today's date in local time, `YYYY-MM-DD`. */
export function today(): string;

/** One catalogue edition, read and checked once, then used for many calls. */
export class CatalogueHandle {
  private constructor();
  /** `{ id, version }` of this edition. */
  readonly reference: CatalogueRef;
  /** The catalogue as a plain object. */
  readonly data: Catalogue;
  /** An empty assessment of an area, dated `assessedOn` (`YYYY-MM-DD`, default today). */
  newAssessment(area: string | Area, assessedOn?: string): Assessment;
  /** Throws a CarepathError listing every problem unless the assessment is sound for this edition. */
  check(assessment: string | Assessment): void;
  /** Every problem of the assessment against this edition (empty when sound); never throws for bad data. */
  validate(assessment: string | Assessment): Problem[];
  /** Reads an assessment and checks it against this edition (what an import does). */
  readAssessment(json: string | Assessment): Assessment;
  /** Scores an assessment. */
  score(assessment: string | Assessment): Report;
  /** Rates a standard (null: unrated), keeping its evidence, confidence and actions. Returns a new assessment. */
  rate(assessment: string | Assessment, standard: string, rating: Rating | null): Assessment;
  /** Releases the WebAssembly memory of this catalogue. */
  free(): void;
}

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
  changes?: ChangeSet[];
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

/** What happened to a standard between two editions. */
export type StandardChange =
  | { change: 'kept'; from: string; to: string; review?: boolean; note?: string }
  | { change: 'split'; from: string; to: string[]; note?: string }
  | { change: 'merged'; from: string[]; to: string; note?: string }
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
  /** By standard id; a standard with no entry is unrated. */
  ratings: Record<string, RatingEntry>;
  notes?: string;
  /** Ratings kept by migration from earlier editions. */
  archive?: ArchivedRating[];
}

/** Someone who took part, by role (never by name). */
export interface Participant {
  role: string;
  organisation?: string;
}

export interface RatingEntry {
  rating: Rating;
  evidence?: string;
  confidence?: Confidence;
  actions?: string;
  /** Why this rating needs another look (set by migration or consensus). */
  review?: string;
}

export interface ArchivedRating {
  catalogue: CatalogueRef;
  standard: string;
  rating: Rating;
  evidence?: string;
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
}

export interface Overall {
  /** Mean of the theme scores that exist; null when none. */
  score: number | null;
  /** A band id such as `amber`; null when there is no score. */
  light: string | null;
  rated: number;
  total: number;
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
}

export interface CrossCuttingScore {
  id: string;
  title: string;
  score: number | null;
  light: string | null;
  rated: number;
  total: number;
}

export interface StandardScore {
  id: string;
  theme: string;
  /** null when unrated. */
  rating: Rating | null;
  /** null unless scored. */
  light: string | null;
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
