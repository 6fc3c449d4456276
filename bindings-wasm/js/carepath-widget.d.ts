// Type declarations for carepath-widget.js: the <carepath-assessment> custom element.

/** The default `max-bytes` limit: 2 MiB. */
export declare const DEFAULT_MAX_BYTES: number;

import type { Assessment, Catalogue, CatalogueRef, ErrorCode, MigrationReport, Report } from './carepath.js';

export { defineMessages, missingMessages } from './carepath-messages.js';
export type { Message, MessageTable } from './carepath-messages.js';

/** `detail` of the `carepath-change` event, fired after every edit. */
export interface CarepathChangeDetail {
  assessment: Assessment;
  report: Report;
}

/** `detail` of the `carepath-error` event. */
export interface CarepathErrorDetail {
  code: ErrorCode | 'not_ready' | 'readonly' | 'storage' | 'too_large';
  message: string;
  /** JSON Pointer of the offending value, when the error is about one place. */
  path: string | null;
}

/** `detail` of the `carepath-migrated` event, fired when an assessment of an earlier edition has been carried across. */
export interface CarepathMigratedDetail {
  /** The assessment in the widget's edition (flagged ratings carry a `review` note; `archive` keeps the rest). */
  assessment: Assessment;
  /** What became of every rating. */
  report: MigrationReport;
}

/** `detail` of the `carepath-next-round` event, fired when the next round of assessment has been started. */
export interface CarepathNextRoundDetail {
  /** The round that was closed, as it was. */
  previous: Assessment;
  /** The new round: no ratings, last round's ratings and targets in `previous`, the open actions carried. */
  assessment: Assessment;
  /** The storage key the closed round's autosave was kept aside under, or null. */
  keptAs: string | null;
}

/** Options of `load()`. */
export interface CarepathLoadOptions {
  /**
   * What to do with an assessment of an earlier major edition of the catalogue: `'ask'` (the
   * default) shows the person an offer to carry it across and throws a `needs_migration`
   * CarepathError meanwhile; `true` carries it across at once; `false` refuses it.
   */
  migrate?: boolean | 'ask';
}

/** `detail` of the `carepath-ready` event, fired once the catalogue is drawn. */
export interface CarepathReadyDetail {
  catalogue: CatalogueRef;
}

/**
 * `<carepath-assessment>`: an assessment form for a catalogue, scored live by the WebAssembly core.
 *
 * Attributes: `catalogue` (a bundled `id@version`, or the URL of a catalogue JSON file the host
 * serves), `area` (the area's name for a new assessment), `storage-key` (the localStorage key of
 * the autosave; empty turns autosave off), `readonly`, `plain` (each standard's plain-language
 * text in place of its description, where the edition has one; the toolbar's switch sets it),
 * `lang` (the interface's language; else the
 * nearest ancestor's or the page's: English, Welsh `cy`, or any defined with `defineMessages`),
 * `max-bytes` (the largest catalogue fetched from a URL or file imported that the form reads, in
 * bytes; default {@link DEFAULT_MAX_BYTES}: a larger one is refused with a `too_large`
 * carepath-error before it is parsed, and the assessment on screen stays as it was).
 */
export class CarepathAssessmentElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * Resolves once the form can be used: the tab shown drawn and the assessment restored (or
   * loading failed). The standards of a theme are drawn when it is first shown, and every theme
   * soon after ready in any case: see `drawn`.
   */
  readonly ready: Promise<void>;
  /**
   * Resolves once every theme's standards are in the page (or loading failed); a new promise each
   * time the form is drawn again (another catalogue or language).
   */
  readonly drawn: Promise<void>;
  /** The assessment being edited (a copy); null before ready. Setting it loads it (checked against the catalogue). */
  get assessment(): Assessment | null;
  set assessment(value: Assessment | string);
  /** The report of the current assessment (a copy); null before ready. */
  readonly report: Report | null;
  /** The catalogue as a plain object; null before ready. */
  readonly catalogueData: Catalogue | null;
  /** The `max-bytes` attribute as a number, or {@link DEFAULT_MAX_BYTES}. */
  readonly maxBytes: number;
  /**
   * Replaces the assessment, checked against the catalogue; throws a CarepathError (and fires
   * carepath-error) if invalid. An assessment of an earlier edition is carried across as
   * `options.migrate` says (by default the widget offers it and this throws `needs_migration`).
   * The lite package fetches the editions in between when first needed: with `migrate: true`,
   * `await prepare(json)` first, or this throws `not_loaded`.
   */
  load(json: string | Uint8Array | Assessment, options?: CarepathLoadOptions): Assessment;
  /**
   * Fetches what loading `json` takes that the page does not have yet (in the lite package, the
   * editions between the one it was rated against and the widget's), so that `load(json)` can
   * carry it across at once. Does nothing in the full package; resolves once ready.
   */
  prepare(json: string | Uint8Array | Assessment): Promise<void>;
  /**
   * Starts the next round (default date today): the closed round is kept aside in storage and
   * passed in the `carepath-next-round` event. Throws a CarepathError for a bad or earlier date.
   */
  startNextRound(assessedOn?: string): Assessment;
  /** The assessment as the text of a JSON file. */
  export(): string;
  /**
   * The assessment as a FHIR `QuestionnaireResponse` (JSON text) to its edition's Questionnaire.
   * With the lite package, `await loadExchange()` first (else `not_loaded`); the export button does it.
   */
  exportFhir(): string;
  /** The report as CSV, with titles, evidence and actions. */
  exportCsv(): string;
  /** Shows a theme by id, or `overview`. */
  showTheme(id: string): void;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'carepath-assessment': CarepathAssessmentElement;
  }
  interface HTMLElementEventMap {
    'carepath-change': CustomEvent<CarepathChangeDetail>;
    'carepath-error': CustomEvent<CarepathErrorDetail>;
    'carepath-ready': CustomEvent<CarepathReadyDetail>;
    'carepath-migrated': CustomEvent<CarepathMigratedDetail>;
    'carepath-next-round': CustomEvent<CarepathNextRoundDetail>;
  }
}
