// Compile-time checks of the declarations (never run): what must type-check does, and what must
// not is marked @ts-expect-error, so tsc fails if a declaration becomes too loose or too strict.

import * as cp from '../pkg/carepath.js';
import type { CarepathAssessmentElement, CarepathChangeDetail } from '../pkg/carepath-widget.js';

declare const c: cp.CatalogueHandle;

const a: cp.Assessment = c.newAssessment('Northbrook');
c.newAssessment({ name: 'Vale', kind: 'integrated_care_board' }, '2016-01-01');
c.rate(a, 'T1.1', 3);
c.rate(a, 'T1.1', 'unknown');
c.rate(a, 'T1.1', 'not_applicable');
c.rate(a, 'T1.1', null);
// @ts-expect-error: not a rating word
c.rate(a, 'T1.1', 'three');
cp.setConfidence(a, 'T1.1', 'high');
// @ts-expect-error: not a confidence word
cp.setConfidence(a, 'T1.1', 'sure');
cp.setEvidence(a, 'T1.1', null);
// @ts-expect-error: an area needs a name
c.newAssessment({ kind: 'locality' });

const report: cp.Report = c.score(a);
const overall: number | null = report.overall.score;
// @ts-expect-error: a theme's score may be null
const themeScore: number = report.themes[0].score;
const gap: cp.Gap | undefined = report.gaps[0];
const priority: 'essential' | 'expected' | 'desirable' | undefined = gap?.priority;
const rating: cp.Rating | null = report.standards[0].rating;
// @ts-expect-error: report fields are snake_case as in the files
report.crossCutting;

const entry: cp.RatingEntry | undefined = a.ratings['T1.1'];
const words: Array<cp.Confidence | undefined> = [entry?.confidence];
const data: cp.Catalogue = c.data;
const level: cp.Level = data.scale.levels[0];
const change: cp.StandardChange = { change: 'split', from: 'T1.1', to: ['T1.1a', 'T1.1b'] };
// @ts-expect-error: a split leads to several standards
const badChange: cp.StandardChange = { change: 'split', from: 'T1.1', to: 'T1.2' };

try {
  cp.readAssessment('{}');
} catch (err) {
  if (err instanceof cp.CarepathError) {
    const code: string = err.code;
    const where: string | null = err.path;
    const problems: cp.Problem[] = err.problems;
    console.log(code, where, problems, err.message);
  }
}

const el = document.querySelector('carepath-assessment');
if (el) {
  const typed: CarepathAssessmentElement = el;
  typed.addEventListener('carepath-change', (e) => {
    const detail: CarepathChangeDetail = e.detail;
    console.log(detail.report.overall.light, detail.assessment.area.name);
  });
  typed.addEventListener('carepath-error', (e) => console.log(e.detail.code, e.detail.path));
  const current: cp.Assessment | null = typed.assessment;
  typed.assessment = a;
  const loaded: cp.Assessment = typed.load('{}');
  typed.load('{}', { migrate: true });
  typed.load('{}', { migrate: 'ask' });
  // @ts-expect-error: migrate is true, false or 'ask'
  typed.load('{}', { migrate: 'yes' });
  typed.addEventListener('carepath-migrated', (e) => {
    const fates: cp.RatingFate[] = e.detail.report.steps.flatMap((s) => s.fates);
    console.log(fates, e.detail.assessment.archive);
  });
  const text: string = typed.export();
  const latest: cp.Report | null = typed.report;
  // @ts-expect-error: the report is read-only
  typed.report = report;
  console.log(current, loaded, text, latest);
}

// Migration, comparison, benchmark and consensus.
const moved: cp.MigrationResult = cp.migrate(a);
cp.migrate(a, c, { via: [c, '{}', data] });
cp.migrate(a, 'perinatal-mental-health@2');
// @ts-expect-error: via is a list
cp.migrate(a, c, { via: c });
const fate: cp.Fate = moved.report.steps[0].fates[0].fate;
// @ts-expect-error: not a fate
const badFate: cp.Fate = 'moved';
const note: string | null = moved.report.steps[0].fates[0].note;
const archived: cp.ArchivedRating[] | undefined = moved.assessment.archive;
const cmp: cp.Comparison = cp.compare(a, a);
cp.compare(a, a, 'perinatal-mental-health@2.0.0');
const direction: cp.Direction = cmp.standards[0].direction;
// @ts-expect-error: the migration is null when none was needed
const steps: cp.MigrationStep[] = cmp.migration.steps;
const bench: cp.Benchmark = cp.benchmark([a, '{}'], { minGroup: 3, catalogue: c });
const quarter: 1 | 2 | 3 | 4 | null = bench.positions[0].overall.quarter;
// @ts-expect-error: a median may be withheld (null)
const median: number = bench.overall.median;
// @ts-expect-error: minGroup is a number
cp.benchmark([a], { minGroup: '3' });
const combined: cp.ConsensusResult = cp.consensus([a, a], { threshold: 2 });
const spread: number | null = combined.consensus.standards[0].spread;
// @ts-expect-error: options are an object
cp.consensus([a, a], 2);
const reviewed: cp.Assessment = cp.clearReview(a, 'T1.1');
const forIt: cp.CatalogueHandle = cp.loadCatalogueFor(a);
const viaHandle: cp.Benchmark = c.benchmark([a], { minGroup: 1 });

console.log(moved, fate, badFate, note, archived, direction, steps, quarter, median, spread, reviewed, forIt, viaHandle);
console.log(overall, themeScore, priority, rating, words, level, change, badChange);
