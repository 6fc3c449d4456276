//! Scoring: turns an assessment into a [`Report`] by the rules every surface shares.
//!
//! - A scored standard has an integer on the scale. Not applicable, unknown and unrated are
//!   left out of every mean; a theme with nothing scored has no score (not zero).
//! - Theme score: the unweighted mean of its scored standards. Cross-cutting score: the mean of
//!   the scored standards that carry the tag. Overall: the mean of the theme scores that exist.
//! - Completeness of a theme: (scored + not applicable) / standards in the theme.
//! - A gap is a scored standard below the target (last, green) band; its shortfall is the top of
//!   the scale minus the score, weighted by priority (essential 3, expected 2, desirable 1).
//!   Gaps sort by weighted shortfall, largest first, then catalogue order.
//! - A population group's score for a standard is its group rating where one is given, else
//!   the standard's own rating; its theme, cross-cutting and overall scores are the usual means
//!   over those. An equity gap is a standard whose group rating and own rating are both scores,
//!   the group's lower; equity gaps sort by weighted difference, largest first, then catalogue
//!   order, then group order (the catalogue's groups, then the assessment's).
//! - Evidence: the scored standards counted by evidence level; strengths resting on `none` or
//!   `self_reported` evidence; entries whose evidence is dated before `max_age_months` calendar
//!   months before the assessment. None of these changes a score.

use crate::assessment::{Assessment, InOrder, Rating, RatingEntry};
use crate::catalogue::{Catalogue, Theme};
use crate::date::Date;
use crate::error::Error;
use crate::ids::{BandId, GroupId, StandardId};
use crate::plan::PlanSummary;
use crate::report::{
    CrossCuttingScore, EquityGap, EvidenceCounts, EvidenceSummary, Gap, GroupScore, Overall, Report, StandardScore,
    ThemeScore,
};
use crate::validate;

impl Catalogue {
    /// Checks an assessment against this catalogue: the same catalogue id; a compatible edition
    /// (the same major version, no newer minor version); every rated id a standard of this
    /// edition; every score on the scale.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem found.
    pub fn check(&self, assessment: &Assessment) -> Result<(), Error> {
        validate::assessment(self, assessment)
    }

    /// Checks an assessment (as [`Catalogue::check`]) and scores it.
    ///
    /// # Errors
    /// As [`Catalogue::check`].
    ///
    /// # Example
    /// ```
    /// use carepath::{Assessment, Catalogue};
    ///
    /// let catalogue = Catalogue::bundled("perinatal-mental-health", Some("1.0.0"))?;
    /// let assessment = Assessment::from_json(r#"{
    ///     "schema_version": "1.0.0",
    ///     "catalogue": { "id": "perinatal-mental-health", "version": "1.0.0" },
    ///     "area": { "name": "Northbrook" },
    ///     "assessed_on": "2016-11-30",
    ///     "ratings": { "T1.1": { "rating": 4 }, "T1.2": { "rating": 1 } }
    /// }"#)?;
    /// let report = catalogue.score(&assessment)?;
    /// let t1 = report.theme("T1").unwrap();
    /// assert_eq!(t1.score, Some(2.5));
    /// assert_eq!(t1.light.as_ref().unwrap(), "amber");
    /// assert_eq!(report.gaps[0].id, "T1.2");
    /// # Ok::<(), carepath::Error>(())
    /// ```
    pub fn score(&self, assessment: &Assessment) -> Result<Report, Error> {
        self.check(assessment)?;
        Ok(score_checked(self, assessment))
    }

    /// Scores an assessment as [`Catalogue::score`], judging which actions of its plan are
    /// overdue on `as_of` rather than on the day it was assessed.
    ///
    /// # Errors
    /// As [`Catalogue::check`].
    pub fn score_as_of(&self, assessment: &Assessment, as_of: Date) -> Result<Report, Error> {
        self.score_with(assessment, ScoreOptions::default().as_of(as_of))
    }

    /// Scores an assessment as [`Catalogue::score`], with options: the day overdue actions are
    /// judged on and how old evidence may be before it is stale.
    ///
    /// # Errors
    /// As [`Catalogue::check`].
    pub fn score_with(&self, assessment: &Assessment, options: ScoreOptions) -> Result<Report, Error> {
        self.check(assessment)?;
        Ok(score_checked_with(self, assessment, options))
    }
}

/// How old evidence may be, in calendar months before the assessment, before it is stale.
pub const DEFAULT_MAX_AGE_MONTHS: u32 = 24;

/// Options of [`Catalogue::score_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScoreOptions {
    /// The day overdue actions are judged on; `None` for the assessment's own date.
    pub as_of: Option<Date>,
    /// Evidence dated before this many calendar months before the assessment is stale.
    pub max_age_months: u32,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        Self { as_of: None, max_age_months: DEFAULT_MAX_AGE_MONTHS }
    }
}

impl ScoreOptions {
    /// Judges overdue actions on `as_of`.
    #[must_use]
    pub fn as_of(mut self, as_of: Date) -> Self {
        self.as_of = Some(as_of);
        self
    }

    /// Calls evidence stale when dated before `months` calendar months before the assessment.
    #[must_use]
    pub fn max_age_months(mut self, months: u32) -> Self {
        self.max_age_months = months;
        self
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    sum: i64,
    rated: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, score: i32) {
        self.sum += i64::from(score);
        self.rated += 1;
    }

    fn mean(self) -> Option<f64> {
        mean(self.sum as f64, self.rated)
    }
}

#[allow(clippy::cast_precision_loss)] // counts of standards are far below 2^52
fn mean(sum: f64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

#[allow(clippy::cast_precision_loss)]
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// Scores an assessment already checked against the catalogue, as of the day it was assessed.
pub(crate) fn score_checked(c: &Catalogue, a: &Assessment) -> Report {
    score_checked_with(c, a, ScoreOptions::default())
}

/// A group's score for a standard: its group rating where one is given, else the standard's own
/// rating; `None` unless that is a score.
fn group_score(entry: Option<&RatingEntry>, group: &GroupId) -> Option<i32> {
    let entry = entry?;
    entry.groups.get(group).map_or(entry.rating, |g| g.rating).score()
}

/// The groups of a report, in their order: the catalogue's, then the assessment's.
fn groups<'a>(c: &'a Catalogue, a: &'a Assessment) -> Vec<&'a GroupId> {
    c.groups.iter().map(|g| &g.id).chain(a.groups.iter().map(|g| &g.id)).collect()
}

/// The theme and overall figures of an assessment's report, borrowed from the catalogue and
/// the assessment rather than copied: what a table of many assessments needs, without the rest
/// of the report. See [`Catalogue::score_summary`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Summary<'a> {
    /// The whole pathway: the report's `overall`.
    pub overall: SummaryOverall<'a>,
    /// One entry per theme, in catalogue order: the report's `themes`.
    pub themes: Vec<SummaryTheme<'a>>,
}

/// The whole pathway's figures in a [`Summary`], as in [`Overall`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SummaryOverall<'a> {
    /// As [`Overall::score`].
    pub score: Option<f64>,
    /// As [`Overall::light`].
    pub light: Option<&'a BandId>,
    /// As [`Overall::rated`].
    pub rated: usize,
    /// As [`Overall::total`].
    pub total: usize,
    /// As [`Overall::target_score`].
    pub target_score: Option<f64>,
    /// As [`Overall::groups`].
    pub groups: Vec<SummaryGroup<'a>>,
}

/// One theme's figures in a [`Summary`], as in [`ThemeScore`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SummaryTheme<'a> {
    /// The catalogue's theme (its id and title).
    pub theme: &'a Theme,
    /// As [`ThemeScore::score`].
    pub score: Option<f64>,
    /// As [`ThemeScore::light`].
    pub light: Option<&'a BandId>,
    /// As [`ThemeScore::rated`].
    pub rated: usize,
    /// As [`ThemeScore::not_applicable`].
    pub not_applicable: usize,
    /// As [`ThemeScore::unknown`].
    pub unknown: usize,
    /// As [`ThemeScore::unrated`].
    pub unrated: usize,
    /// As [`ThemeScore::total`].
    pub total: usize,
    /// As [`ThemeScore::completeness`].
    pub completeness: f64,
    /// As [`ThemeScore::target_score`].
    pub target_score: Option<f64>,
    /// As [`ThemeScore::groups`].
    pub groups: Vec<SummaryGroup<'a>>,
}

/// One population group's figures in a [`Summary`], as in [`GroupScore`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SummaryGroup<'a> {
    /// As [`GroupScore::id`].
    pub id: &'a GroupId,
    /// As [`GroupScore::score`].
    pub score: Option<f64>,
    /// As [`GroupScore::light`].
    pub light: Option<&'a BandId>,
    /// As [`GroupScore::rated`].
    pub rated: usize,
}

impl SummaryGroup<'_> {
    fn to_score(&self) -> GroupScore {
        GroupScore { id: self.id.clone(), score: self.score, light: self.light.cloned(), rated: self.rated }
    }
}

impl Catalogue {
    /// The theme and overall figures of the report [`Catalogue::score`] gives, and nothing
    /// else, borrowed rather than copied: the same rules, by the same code, for a table of many
    /// assessments that needs only these.
    ///
    /// # Errors
    /// As [`Catalogue::check`].
    pub fn score_summary<'a>(&'a self, assessment: &'a Assessment) -> Result<Summary<'a>, Error> {
        self.check(assessment)?;
        Ok(walk::<false>(self, assessment, ScoreOptions::default()).summary)
    }
}

/// What [`walk`] gives: the summary, and with `FULL` the rest of the report.
struct Walked<'a> {
    summary: Summary<'a>,
    cross_cutting: Vec<CrossCuttingScore>,
    standards: Vec<StandardScore>,
    gaps: Vec<Gap>,
    strengths: Vec<StandardId>,
    unknowns: Vec<StandardId>,
    equity_gaps: Vec<EquityGap>,
    by_level: EvidenceCounts,
    unsupported_strengths: Vec<StandardId>,
    stale: Vec<StandardId>,
}

/// Scores an assessment already checked against the catalogue, with options.
pub(crate) fn score_checked_with(c: &Catalogue, a: &Assessment, options: ScoreOptions) -> Report {
    let as_of = options.as_of.unwrap_or(a.assessed_on);
    let w = walk::<true>(c, a, options);
    let o = &w.summary.overall;
    let overall = Overall {
        score: o.score,
        light: o.light.cloned(),
        rated: o.rated,
        total: o.total,
        target_score: o.target_score,
        groups: o.groups.iter().map(SummaryGroup::to_score).collect(),
    };
    let themes = w
        .summary
        .themes
        .iter()
        .map(|t| ThemeScore {
            id: t.theme.id.clone(),
            title: t.theme.title.clone(),
            score: t.score,
            light: t.light.cloned(),
            rated: t.rated,
            not_applicable: t.not_applicable,
            unknown: t.unknown,
            unrated: t.unrated,
            total: t.total,
            completeness: t.completeness,
            target_score: t.target_score,
            groups: t.groups.iter().map(SummaryGroup::to_score).collect(),
        })
        .collect();
    Report {
        catalogue: c.reference(),
        area: a.area.clone(),
        assessed_on: a.assessed_on,
        overall,
        themes,
        cross_cutting: w.cross_cutting,
        standards: w.standards,
        plan: Some(PlanSummary::new(&a.plan, as_of, w.gaps.iter().map(|g| &g.id))),
        gaps: w.gaps,
        strengths: w.strengths,
        unknowns: w.unknowns,
        equity_gaps: w.equity_gaps,
        evidence: Some(EvidenceSummary {
            by_level: w.by_level,
            unsupported_strengths: w.unsupported_strengths,
            stale: w.stale,
            max_age_months: options.max_age_months,
        }),
    }
}

/// The one pass over the catalogue that every score comes from. With `FULL` it gathers the
/// whole report; without, only the theme and overall figures (the same code, skipping the
/// lists only a report has).
#[allow(clippy::too_many_lines)]
fn walk<'a, const FULL: bool>(c: &'a Catalogue, a: &'a Assessment, options: ScoreOptions) -> Walked<'a> {
    let scale = &c.scale;
    let light = |score: Option<f64>| score.and_then(|s| scale.light(s));
    let total = c.standard_count();
    let mut tags = vec![Tally::default(); if FULL { c.cross_cutting.len() } else { 0 }];
    let mut themes = Vec::with_capacity(c.themes.len());
    let mut standards = Vec::with_capacity(if FULL { total } else { 0 });
    let mut gaps: Vec<Gap> = Vec::new();
    let mut strengths = Vec::new();
    let mut unknowns = Vec::new();
    let mut rated_overall = 0;
    let mut any_target = false;
    let group_ids = groups(c, a);
    let group_figures = |tallies: &[Tally]| -> Vec<SummaryGroup<'a>> {
        group_ids
            .iter()
            .zip(tallies)
            .map(|(id, t)| {
                let score = t.mean();
                SummaryGroup { id, score, light: light(score), rated: t.rated }
            })
            .collect()
    };
    let mut tag_groups = vec![vec![Tally::default(); group_ids.len()]; if FULL { c.cross_cutting.len() } else { 0 }];
    let mut theme_groups: Vec<Vec<Tally>> = Vec::with_capacity(c.themes.len());
    let mut equity_gaps: Vec<EquityGap> = Vec::new();
    let mut by_level = EvidenceCounts::default();
    let mut unsupported_strengths = Vec::new();
    let mut stale = Vec::new();
    let cutoff = a.assessed_on.months_before(options.max_age_months);
    // The cross-cutting slots of the standard at hand (one buffer for all of them).
    let mut tag_slots: Vec<usize> = Vec::new();
    let mut lookup = InOrder::new(&a.ratings);

    for theme in &c.themes {
        let mut tally = Tally { total: theme.standards.len(), ..Tally::default() };
        // The theme's scores with every target met, and whether it has a target at all.
        let mut aimed = Tally::default();
        let mut theme_target = false;
        let (mut not_applicable, mut unknown) = (0, 0);
        let mut groups_here = vec![Tally::default(); group_ids.len()];
        for s in &theme.standards {
            let entry = lookup.get(s.id.as_str());
            let rating = entry.map(|e| e.rating);
            if FULL {
                tag_slots.clear();
                tag_slots.extend(s.tags.iter().filter_map(|tag| c.cross_cutting.iter().position(|x| x.id == *tag)));
            }
            for (gi, group) in group_ids.iter().enumerate() {
                let Some(v) = group_score(entry, group) else { continue };
                groups_here[gi].add(v);
                if !FULL {
                    continue;
                }
                for &slot in &tag_slots {
                    tag_groups[slot][gi].add(v);
                }
                if let (Some(Rating::Score(own)), Some(given)) = (rating, entry.and_then(|e| e.groups.get(*group)))
                    && given.rating.score().is_some_and(|g| g < own)
                {
                    let weight = s.priority.weight();
                    equity_gaps.push(EquityGap {
                        id: s.id.clone(),
                        theme: theme.id.clone(),
                        group: (*group).clone(),
                        rating: own,
                        group_rating: v,
                        difference: own - v,
                        priority: s.priority,
                        weight,
                        weighted_difference: i64::from(weight) * i64::from(own - v),
                    });
                }
            }
            if FULL && let Some(e) = entry {
                if let Rating::Score(v) = e.rating {
                    by_level.add(e.evidence_level);
                    if scale.on_target(f64::from(v)) && e.evidence_level.is_some_and(crate::EvidenceLevel::is_weak) {
                        unsupported_strengths.push(s.id.clone());
                    }
                }
                if e.evidence_date.is_some_and(|d| d < cutoff) {
                    stale.push(s.id.clone());
                }
            }
            let target = entry.and_then(|e| e.target);
            theme_target |= target.is_some();
            if let Some(Rating::Score(v)) = rating {
                aimed.add(target.map_or(v, |t| t.rating));
            }
            let mut standard_light = None;
            match rating {
                Some(Rating::Score(v)) => {
                    tally.add(v);
                    if FULL {
                        for &slot in &tag_slots {
                            tags[slot].add(v);
                            tags[slot].total += 1;
                        }
                        standard_light = scale.light(f64::from(v)).cloned();
                        if scale.on_target(f64::from(v)) {
                            strengths.push(s.id.clone());
                        } else {
                            let shortfall = scale.max.saturating_sub(v);
                            let weight = s.priority.weight();
                            gaps.push(Gap {
                                id: s.id.clone(),
                                theme: theme.id.clone(),
                                rating: v,
                                shortfall,
                                priority: s.priority,
                                weight,
                                weighted_shortfall: i64::from(weight) * i64::from(shortfall),
                            });
                        }
                    }
                }
                other => {
                    if FULL {
                        for &slot in &tag_slots {
                            tags[slot].total += 1;
                        }
                    }
                    match other {
                        Some(Rating::NotApplicable) => not_applicable += 1,
                        Some(Rating::Unknown) => {
                            unknown += 1;
                            if FULL {
                                unknowns.push(s.id.clone());
                            }
                        }
                        _ => {}
                    }
                }
            }
            if FULL {
                standards.push(StandardScore {
                    id: s.id.clone(),
                    theme: theme.id.clone(),
                    rating,
                    light: standard_light,
                    target: target.map(|t| t.rating),
                    to_target: target.and_then(|t| t.to_go(rating.and_then(Rating::score))),
                });
            }
        }
        any_target |= theme_target;
        rated_overall += tally.rated;
        let score = tally.mean();
        themes.push(SummaryTheme {
            theme,
            score,
            light: light(score),
            rated: tally.rated,
            not_applicable,
            unknown,
            unrated: tally.total - tally.rated - not_applicable - unknown,
            total: tally.total,
            completeness: ratio(tally.rated + not_applicable, tally.total),
            target_score: if theme_target { aimed.mean() } else { None },
            groups: group_figures(&groups_here),
        });
        theme_groups.push(groups_here);
    }
    // Stable sort: ties keep catalogue order, then group order.
    equity_gaps.sort_by_key(|gap| std::cmp::Reverse(gap.weighted_difference));
    // A group's overall score: the mean of its theme scores that exist.
    let overall_groups: Vec<SummaryGroup<'a>> = (0..group_ids.len())
        .map(|gi| {
            let scores: Vec<f64> = theme_groups.iter().filter_map(|t| t[gi].mean()).collect();
            let score = mean(scores.iter().sum(), scores.len());
            let rated = theme_groups.iter().map(|t| t[gi].rated).sum();
            SummaryGroup { id: group_ids[gi], score, light: light(score), rated }
        })
        .collect();

    // Stable sort: ties keep catalogue order.
    gaps.sort_by_key(|gap| std::cmp::Reverse(gap.weighted_shortfall));

    let theme_scores: Vec<f64> = themes.iter().filter_map(|t| t.score).collect();
    let overall_score = mean(theme_scores.iter().sum(), theme_scores.len());
    let overall_target = any_target.then(|| {
        let aimed: Vec<f64> = themes.iter().filter_map(|t| t.score.map(|s| t.target_score.unwrap_or(s))).collect();
        mean(aimed.iter().sum(), aimed.len())
    });
    let cross_cutting = c
        .cross_cutting
        .iter()
        .zip(&tags)
        .zip(&tag_groups)
        .map(|((x, tally), groups_here)| {
            let score = tally.mean();
            CrossCuttingScore {
                id: x.id.clone(),
                title: x.title.clone(),
                score,
                light: light(score).cloned(),
                rated: tally.rated,
                total: tally.total,
                groups: group_figures(groups_here).iter().map(SummaryGroup::to_score).collect(),
            }
        })
        .collect();

    Walked {
        summary: Summary {
            overall: SummaryOverall {
                score: overall_score,
                light: light(overall_score),
                rated: rated_overall,
                total,
                target_score: overall_target.flatten(),
                groups: overall_groups,
            },
            themes,
        },
        cross_cutting,
        standards,
        gaps,
        strengths,
        unknowns,
        equity_gaps,
        by_level,
        unsupported_strengths,
        stale,
    }
}
