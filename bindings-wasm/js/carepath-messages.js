// carepath-messages.js: every word of the <carepath-assessment> interface, in one table per
// language, and how the widget picks and formats them.
//
// English (`en`) is here and always loaded. Welsh (`cy`) is in carepath-messages-cy.js, loaded
// only by a widget whose language is Welsh. A host adds another language, or changes some words
// of a shipped one, with defineMessages(lang, table): any key its table leaves out falls back to
// English. Catalogue text (titles, descriptions, level and band labels) is never translated here:
// it is shown as the catalogue gives it.
//
// A message is a string with {name} placeholders, or, for a count, an object keyed by the plural
// categories of Intl.PluralRules (`zero`, `one`, `two`, `few`, `many`, `other`; `other` is
// required) chosen by the parameter `n`. Numbers given as parameters are formatted for the
// language (Intl.NumberFormat); scores are formatted by the widget with one decimal. In English
// and Welsh the numbers and dates a form shows are written out as Intl writes them, without
// making an Intl format: the first one a page makes costs 50-80 ms on a phone.

/** @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>>} Message */
/** @typedef {Record<string, Message>} MessageTable */

/** The English table: the reference every other language is checked against. */
export const en = {
  loading: 'Loading the assessment…',
  loadError: 'The assessment could not be loaded.',
  loadHttp: 'could not load the catalogue {spec}: HTTP {status}',
  edition: '{title} · edition {version}',
  meta: 'Assessed on {date} · {rated} of {total} standards scored',
  unnamedArea: 'Unnamed area',
  overall: 'Overall',
  outOf: 'out of {max}',
  noScoreShort: '–',
  import: 'Import…',
  exportAssessment: 'Export assessment',
  exportFhir: 'Export FHIR QuestionnaireResponse',
  exportCsv: 'Export report (CSV)',
  exportReport: 'Download report',
  exportWorkbook: 'Download workbook',
  preparing: 'Preparing {name}…',
  print: 'Print',
  plainLanguage: 'Plain language',
  tabs: 'Themes',
  overview: 'Overview',
  // overview
  themes: 'Themes',
  chartTitle: 'Theme scores',
  chartAbout: 'Each bar is a theme’s score, from {min} to {max}, over the bands {bands}.',
  chartBand: '{label} from {from} to {to}',
  chartRow: '{theme}: {note}',
  chartNoScore: 'no score yet',
  colTheme: 'Theme',
  colScore: 'Score',
  colLight: 'Light',
  colScored: 'Scored',
  colComplete: 'Complete',
  tableScroll: 'Theme table (scrolls sideways)',
  complete: '{title}: complete',
  cross: 'Cross-cutting themes',
  crossCount: '{rated} of {total} scored',
  gaps: 'Gaps, largest first',
  gapsHint: 'Scored below green, ranked by priority weight × shortfall from the top of the scale.',
  gapDetail: 'Rated {rating} · {priority} · shortfall {shortfall} × weight {weight} = {weighted}',
  noGaps: 'No gaps among the standards scored so far.',
  unknowns: 'Nobody knew',
  noUnknowns: 'No standard is marked “Don’t know”.',
  toReview: 'To review',
  toReviewHint: 'These ratings were carried across from an earlier edition, or combined from several raters: check each still fits its standard.',
  archived: 'Archived from earlier editions',
  archivedHint: 'Ratings of standards that were retired or merged. They stay in the assessment and in every export, but do not count in any score.',
  archivedWhat: ' edition {version} · {rating}',
  archivedRated: 'rated {rating}',
  archivedNotApplicable: 'not applicable',
  archivedUnknown: 'don’t know',
  archivedEvidence: 'Evidence: {text}',
  // a theme and its standards
  themeScore: 'Score {score} of {max}',
  themeNoScore: 'No score yet',
  themeCounts: '{rated} scored · {na} not applicable · {unknown} don’t know · {unrated} not rated',
  priority: 'Priority',
  essential: 'Essential',
  expected: 'Expected',
  desirable: 'Desirable',
  guidance: 'What each level looks like',
  level: '{value} · {label}',
  notApplicableShort: 'N/A',
  notApplicable: 'Not applicable',
  unknownShort: '?',
  unknown: 'Don’t know',
  notRated: 'Not rated',
  noScore: 'No score',
  hintRated: 'Rated {rating} · {label}: {description}',
  hintRatedBare: 'Rated {rating}',
  hintNotApplicable: 'Rated not applicable: left out of every average.',
  hintUnknown: 'Rated don’t know: left out of the averages and listed under “Nobody knew”.',
  hintNone: 'Not rated yet: choose {min} to {max}, not applicable, or don’t know.',
  clear: 'Clear rating',
  evidence: 'Evidence',
  evidencePlaceholder: 'What the rating rests on: data, audits, what women and families say.',
  actions: 'Planned actions',
  actionsPlaceholder: 'What the partnership will do, who leads, by when.',
  confidence: 'Confidence',
  confidenceNone: 'Not set',
  evidenceLevel: 'Evidence level',
  evidenceLevelNone: 'Not stated',
  evidenceNone: 'None',
  evidenceSelfReported: 'Self-reported',
  evidenceDocumented: 'Documented',
  evidenceAudited: 'Audited',
  evidenceExternal: 'External review',
  evidenceDate: 'Evidence dated (optional)',
  evidenceDateRefused: 'The evidence date was not saved: {message}',
  weakEvidence: 'evidence: self-report or none',
  // population groups, on a standard
  groupRatings: 'For groups of women',
  groupRatingsHint: 'Where this standard serves a group worse (or better) than everyone, rate it for that group, with what the rating rests on.',
  rateForGroup: 'Rate for a group',
  rateForGroupAdd: 'Add',
  localGroupOption: '{title} (local)',
  groupRating: 'Rating',
  groupRatingFor: ' for {group}',
  chooseRating: 'Choose a rating',
  groupEvidence: 'Evidence',
  groupEvidencePlaceholder: 'What the rating for this group rests on.',
  groupRemove: 'Remove',
  groupRemoveFor: 'Remove the rating for {group}',
  groupBelow: 'Lower than for everyone: {group_rating} against {rating}',
  // the Equity tab
  equityTab: 'Equity',
  equityTitle: 'Equity: the groups a pathway can fail',
  equityHint: 'A group’s score uses the rating of a standard for the group where one is given, and the standard’s own rating elsewhere.',
  heatmapTitle: 'Groups by theme',
  heatmapHint: 'Each row after the first is a population group; the first is everyone. Colours follow the lights, and each cell says its score and light.',
  heatmapScroll: 'Groups by theme (scrolls sideways)',
  colGroup: 'Group',
  everyone: 'Everyone',
  localTag: 'local',
  noGroups: 'Neither this edition nor the assessment names a population group yet: add a local group below to rate standards for it.',
  equityGaps: 'Equity gaps, largest first',
  equityGapsHint: 'Standards rated lower for a group than for everyone, ranked by priority weight × difference.',
  equityGapDetail: '{group}: rated {group_rating} against {rating} for everyone · {priority} · difference {difference} × weight {weight} = {weighted}',
  noEquityGaps: 'No standard is rated lower for a group than for everyone.',
  groupsTitle: 'Groups',
  groupsHint: 'The edition’s groups, then any the partnership adds for its own area.',
  addLocalGroup: 'Add a local group',
  localGroupTitle: 'Name of the group',
  localGroupDescription: 'Who is in it (optional)',
  addLocalGroupButton: 'Add the group',
  localGroupNeedsTitle: 'Give the group a name.',
  localGroupAdded: 'Added the local group “{title}”: rate standards for it on their themes.',
  localGroupRefused: 'The group was not added: {message}',
  evidenceTitle: 'What the ratings rest on',
  evidenceHint: 'How many scored standards rest on each level of evidence. It never changes a score.',
  unsupportedTitle: 'Strengths resting on self-report or nothing',
  staleTitle: { one: 'Evidence older than {n} month', other: 'Evidence older than {n} months' },
  noneListed: 'None.',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  draft: 'Draft, kept in this browser: choose a rating (or “Don’t know”) to add this text to the assessment.',
  review: 'Review',
  markReviewed: 'Mark as reviewed',
  // an earlier edition
  offerTitle: 'This assessment was made with an earlier edition',
  offerText: 'The assessment of {area} dated {date} was rated against edition {from} of these standards. This form uses edition {to}, {title}.',
  offerReplaces: ' Carrying it across replaces the assessment shown below.',
  offerCarried: { one: '{n} rating moves to the standards of edition {to}, with evidence and actions.', other: '{n} ratings move to the standards of edition {to}, with evidence and actions.' },
  offerReview: { one: '{n} standard is flagged for review, where the standard changed: the reason is shown beside each.', other: '{n} standards are flagged for review, where the standard changed: the reason is shown beside each.' },
  offerNoReview: 'No rating needs another look.',
  offerArchived: {
    one: '{n} rating of a retired or merged standard goes to the assessment’s archive: kept in the file, never deleted.',
    other: '{n} ratings of retired or merged standards go to the assessment’s archive: kept in the file, never deleted.',
  },
  offerAdded: { one: '{n} standard is new in this edition and starts unrated.', other: '{n} standards are new in this edition and start unrated.' },
  offerKept: 'The saved copy of the earlier assessment is kept in this browser under “{key}”.',
  offerAccept: 'Carry it across to edition {version}',
  offerDecline: 'Not now',
  carried: 'Carried across to edition {version}',
  carriedReview: { one: '{n} rating needs another look (marked “Review” beside the standard)', other: '{n} ratings need another look (marked “Review” beside the standard)' },
  carriedNoReview: 'nothing needs another look',
  carriedArchived: { one: '{n} rating is kept in the archive', other: '{n} ratings are kept in the archive' },
  carriedEnd: '{parts}.',
  carriedJoin: '; ',
  declinedKept: 'The earlier assessment was not carried across; it is kept in this browser under “{key}”.',
  declined: 'The earlier assessment was not carried across; nothing changed.',
  // targets and the plan
  target: 'Target',
  noTarget: 'No target',
  targetBy: 'Target date (optional)',
  datePlaceholder: 'YYYY-MM-DD',
  targetRefused: 'The target was not saved: {message}',
  toTarget: { one: 'Target {target}: {n} point to go', other: 'Target {target}: {n} points to go' },
  targetMet: 'Target {target}: met',
  targetNoScore: 'Target {target}: no score to measure against yet',
  targetWithBy: '{text}, by {date}',
  lastTime: 'Last time: {rating}',
  lastTimeTarget: 'Last time: {rating} (target {target})',
  addAction: 'Add an action for this standard',
  addActionFor: 'Add an action for {id}',
  addActionAny: 'Add an action',
  addActionTitle: 'Add an action',
  editAction: 'Edit {id}',
  editActionTitle: 'Edit action {id}',
  actionTitle: 'What will be done',
  actionStandards: 'Standards',
  actionStandardsHint: 'Standard ids, separated by commas (for example T1.11, T7.7).',
  actionOwner: 'Owner (optional)',
  actionDue: 'Due date (optional)',
  actionStatus: 'Status',
  actionStatusOf: 'Status of {id}',
  actionNotes: 'Notes (optional)',
  actionSave: 'Save action',
  actionCancel: 'Cancel',
  actionRemove: 'Remove action',
  actionNeedsTitle: 'an action needs a title: say what will be done',
  actionRefused: 'The action was not saved: {message}',
  actionSaved: 'Saved action {id}: {title}.',
  actionRemoved: 'Removed action {id}.',
  actionFor: 'For {ids}',
  actionOwnedBy: 'Owner: {owner}',
  actionDueOn: 'Due {date}',
  overdueAsOf: 'Overdue as of {date}',
  statusPlanned: 'Planned',
  statusInProgress: 'In progress',
  statusDone: 'Done',
  statusDropped: 'Dropped',
  planTab: 'Plan',
  planTitle: 'Improvement plan',
  nextRound: 'Start the next round',
  nextRoundTitle: 'Start the next round of assessment',
  nextRoundText: {
    one: 'The round of {date} is downloaded first as {file}, and kept in this browser. The new round starts with no ratings; each standard shows its rating and target from this round as last time, and the {n} open action is carried over.',
    other: 'The round of {date} is downloaded first as {file}, and kept in this browser. The new round starts with no ratings; each standard shows its rating and target from this round as last time, and the {n} open actions are carried over.',
  },
  nextRoundDate: 'Date of the new round',
  nextRoundStart: 'Download this round and start the next',
  nextRoundRefused: 'The next round was not started: {message}',
  nextRoundStarted: {
    one: 'Started the round of {date}: last time’s ratings are shown beside each standard; {n} open action carried over.',
    other: 'Started the round of {date}: last time’s ratings are shown beside each standard; {n} open actions carried over.',
  },
  nextRoundKept: 'The last round is kept in this browser as {key}.',
  planAsOf: 'Overdue actions judged as of today, {date}.',
  planSummary: { one: '{n} action · {overdue} overdue', other: '{n} actions · {overdue} overdue' },
  planGroup: '{status} ({n})',
  noActions: 'None.',
  unplannedGaps: 'Gaps with no action',
  unplannedGapsHint: 'Gaps no action covers (a dropped action does not count), largest first.',
  noUnplannedGaps: 'Every gap has an action.',
  // status and problems
  imported: 'Imported {name}.',
  importFailed: 'Could not import {name}: {message}',
  tooLarge: 'it is larger than the {limit} bytes this form reads',
  readFailed: 'could not read {name}: {message}',
  savedAgain: 'Saved in this browser again.',
  saveFailed: 'could not save in this browser ({message}): export the assessment to keep your work',
  keptAside: 'the saved assessment could not be read and was kept aside under “{key}:unreadable:…”: {message}',
  // A date, for a browser whose Intl has no data for the language (Chromium has none for Welsh).
  dateFormat: '{day} {month} {year}',
  months: 'January February March April May June July August September October November December',
};

/** @type {Map<string, MessageTable>} Tables by language tag (lower case). */
const tables = new Map([['en', en]]);
/**
 * The translator made for each language asked for, with the table it speaks: a table defined or
 * loaded later is a new object, so a translator of an older one is made again.
 * @type {Map<string, { table: object, translator: Translator }>}
 */
const translators = new Map();

/**
 * @typedef {{
 *   lang: string,
 *   t: (key: keyof typeof en, params?: Record<string, string | number | null | undefined>) => string,
 *   number: (n: number) => string,
 *   score: (score: number | null | undefined) => string,
 *   percent: (x: number) => string,
 *   date: (iso: string) => string,
 *   warm: () => void,
 * }} Translator
 */
/** Languages shipped as their own module beside this one (loaded when first needed). */
const SHIPPED = ['cy'];
/** @type {Set<(lang: string) => void>} Told when a host defines or changes a table. */
const listeners = new Set();

/**
 * Adds or changes the table of a language (`fr`, `pt-BR`, or a shipped one such as `cy`): its keys
 * replace those already there; keys it leaves out fall back to English. Widgets showing that
 * language redraw at once.
 * @param {string} lang
 * @param {MessageTable} table
 */
export function defineMessages(lang, table) {
  const tag = String(lang).toLowerCase();
  if (!tag || typeof table !== 'object' || table === null) throw new TypeError('defineMessages(lang, table): a language tag and an object of messages');
  tables.set(tag, { ...(tables.get(tag) ?? {}), ...table });
  for (const tell of listeners) tell(tag);
}

/**
 * The keys of the English table that a language's table lacks (empty when it is complete).
 * @param {string} lang
 */
export function missingMessages(lang) {
  const table = tables.get(String(lang).toLowerCase()) ?? {};
  return Object.keys(en).filter((k) => !(k in table));
}

/** @param {(lang: string) => void} listener */
export function onMessages(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The table language to use for a language tag: itself if there is a table, else its primary
 * language (`cy` for `cy-GB`), else English.
 * @param {string} lang
 */
function pick(lang) {
  const tag = lang.toLowerCase();
  for (const t of [tag, tag.split('-')[0]]) if (tables.has(t) || SHIPPED.includes(t)) return t;
  return 'en';
}

/**
 * Loads a shipped language's module when it has not been loaded yet (English needs nothing).
 * @param {string} lang
 */
export async function loadMessages(lang) {
  const tag = pick(lang);
  if (!tables.has(tag) && SHIPPED.includes(tag)) {
    const mod = await import(`./carepath-messages-${tag}.js`);
    if (!tables.has(tag)) tables.set(tag, mod.default);
    else tables.set(tag, { ...mod.default, ...tables.get(tag) });
  }
  return tag;
}

/**
 * A translator for a language: `t(key, params)` gives the text, and formatters for numbers,
 * scores and dates. A language whose table is not loaded yet speaks English.
 * @param {string} lang
 * @returns {Translator}
 */
export function messages(lang) {
  const tag = pick(lang);
  const table = tables.get(tag) ?? en;
  // Formats follow the language asked for when its table is there (`en-GB`, `cy`); else English.
  const asked = lang.toLowerCase();
  const locale = tables.has(tag) && (asked === tag || asked.startsWith(`${tag}-`)) ? lang : 'en';
  const cached = translators.get(lang);
  if (cached && cached.table === table) return cached.translator;
  // Each formatter made when first used: making one costs more than most uses of it.
  const plural = once(() => new Intl.PluralRules(locale));
  const number = once(() => new Intl.NumberFormat(locale));
  const decimal = once(() => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const percent = once(() => new Intl.NumberFormat(locale, { style: 'percent' }));
  const day = once(() =>
    Intl.DateTimeFormat.supportedLocalesOf(locale).length ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }) : null,
  );
  // The shipped languages' formats of the numbers and dates a form shows, written out: the first
  // number or date format a page makes costs 50-80 ms on a phone, on the way to the first screen.
  const order = PLAIN_DATES[locale.toLowerCase()];
  /**
   * @param {keyof typeof en} key
   * @param {Record<string, string | number | null | undefined>} [params]
   */
  const t = (key, params = {}) => {
    /** @type {Message} */
    let m = table[key] ?? en[key];
    if (typeof m === 'object') {
      const n = Number(params.n ?? 0);
      const forms = /** @type {Record<string, string>} */ (m);
      m = forms[plural().select(n)] ?? forms.other ?? Object.values(forms)[0] ?? '';
    }
    return String(m).replace(/\{(\w+)\}/g, (whole, name) => {
      const v = params[name];
      if (v === undefined || v === null) return whole;
      return typeof v === 'number' ? translator.number(v) : v;
    });
  };
  /** @type {Translator} */
  const translator = {
    lang: locale,
    t,
    /** @param {number} n */
    number: (n) => (order && Number.isInteger(n) && plainNumber(n, 0, 0)) || number().format(n),
    /** A score with one decimal, or the dash of no score. @param {number | null | undefined} score */
    score: (score) =>
      score === null || score === undefined ? t('noScoreShort') : (order && plainNumber(score, 0, 1)) || decimal().format(score),
    /** @param {number} x in 0..1 */
    percent: (x) => {
      const plain = order && plainNumber(x, 2, 0);
      return plain ? `${plain}%` : percent().format(x);
    },
    /** A date of the file format (`2024-11-30`) in words; anything else as it is. @param {string} iso */
    date: (iso) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
      const d = new Date(`${iso}T00:00:00Z`);
      const year = d.getUTCFullYear();
      const format = order && year >= 1000 ? null : day();
      if (format) return format.format(d);
      const month = t('months').split(' ')[d.getUTCMonth()];
      const parts = { day: String(d.getUTCDate()), month, year: String(year) };
      return order === 'mdy' ? `${parts.month} ${parts.day}, ${parts.year}` : t('dateFormat', parts);
    },
    warm: () => {
      if (order) return;
      number();
      decimal();
      day();
    },
  };
  translators.set(lang, { table, translator });
  return translator;
}

/**
 * The locales whose formats the translator writes out without Intl, and the order of their long
 * dates: `mdy` "November 30, 2024", `dmy` "30 November 2024" (with the table's month names and
 * `dateFormat`). Their numbers are grouped by commas from 1,000 and have a full stop for the
 * decimal point; tests/messages.test.mjs checks each against Intl.
 * @type {Record<string, 'mdy' | 'dmy' | undefined>}
 */
const PLAIN_DATES = { en: 'mdy', 'en-us': 'mdy', 'en-gb': 'dmy', cy: 'dmy', 'cy-gb': 'dmy' };

/**
 * `x` times 10^`shift` with `digits` decimals, as Intl.NumberFormat writes it in those locales
 * (from the shortest digits that read back as `x`, half away from zero, so 2.15 is "2.2"), or
 * null where Intl is needed: a negative number, one of 1,000 or more (grouped), or one that
 * JavaScript writes with an exponent.
 * @param {number} x
 * @param {number} shift
 * @param {number} digits
 * @returns {string | null}
 */
function plainNumber(x, shift, digits) {
  if (!(x >= 0) || Object.is(x, -0)) return null;
  const written = String(x);
  const parts = /^(\d+)(?:\.(\d+))?$/.exec(written);
  if (!parts) return null;
  const fraction = (parts[2] ?? '').padEnd(shift + digits, '0');
  let kept = parts[1] + fraction.slice(0, shift + digits);
  if (fraction[shift + digits] >= '5') kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const whole = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, '');
  if (whole.length > 3) return null;
  return digits ? `${whole}.${kept.slice(kept.length - digits)}` : whole;
}

/**
 * The value `make` gives, made on the first call.
 * @template T
 * @param {() => T} make
 * @returns {() => T}
 */
function once(make) {
  /** @type {{ value: T } | null} */
  let made = null;
  return () => (made ??= { value: make() }).value;
}
