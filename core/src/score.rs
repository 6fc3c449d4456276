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

use crate::assessment::{Assessment, Rating};
use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::error::Error;
use crate::plan::PlanSummary;
use crate::report::{CrossCuttingScore, Gap, Overall, Report, StandardScore, ThemeScore};
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
        self.check(assessment)?;
        Ok(score_checked_as_of(self, assessment, as_of))
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
    score_checked_as_of(c, a, a.assessed_on)
}

/// Scores an assessment already checked against the catalogue, judging overdue actions on
/// `as_of`.
pub(crate) fn score_checked_as_of(c: &Catalogue, a: &Assessment, as_of: Date) -> Report {
    let scale = &c.scale;
    let light = |score: Option<f64>| score.and_then(|s| scale.light(s).cloned());
    let total = c.standard_count();
    let mut tags = vec![Tally::default(); c.cross_cutting.len()];
    let mut themes = Vec::with_capacity(c.themes.len());
    let mut standards = Vec::with_capacity(total);
    let mut gaps: Vec<Gap> = Vec::new();
    let mut strengths = Vec::new();
    let mut unknowns = Vec::new();
    let mut rated_overall = 0;
    let mut any_target = false;

    for theme in &c.themes {
        let mut tally = Tally { total: theme.standards.len(), ..Tally::default() };
        // The theme's scores with every target met, and whether it has a target at all.
        let mut aimed = Tally::default();
        let mut theme_target = false;
        let (mut not_applicable, mut unknown) = (0, 0);
        for s in &theme.standards {
            let entry = a.ratings.get(s.id.as_str());
            let rating = entry.map(|e| e.rating);
            let target = entry.and_then(|e| e.target);
            theme_target |= target.is_some();
            if let Some(Rating::Score(v)) = rating {
                aimed.add(target.map_or(v, |t| t.rating));
            }
            let tag_slots = s.tags.iter().filter_map(|tag| c.cross_cutting.iter().position(|x| x.id == *tag));
            let mut standard_light = None;
            match rating {
                Some(Rating::Score(v)) => {
                    tally.add(v);
                    for slot in tag_slots {
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
                other => {
                    for slot in tag_slots {
                        tags[slot].total += 1;
                    }
                    match other {
                        Some(Rating::NotApplicable) => not_applicable += 1,
                        Some(Rating::Unknown) => {
                            unknown += 1;
                            unknowns.push(s.id.clone());
                        }
                        _ => {}
                    }
                }
            }
            standards.push(StandardScore {
                id: s.id.clone(),
                theme: theme.id.clone(),
                rating,
                light: standard_light,
                target: target.map(|t| t.rating),
                to_target: target.and_then(|t| t.to_go(rating.and_then(Rating::score))),
            });
        }
        any_target |= theme_target;
        rated_overall += tally.rated;
        let score = tally.mean();
        themes.push(ThemeScore {
            id: theme.id.clone(),
            title: theme.title.clone(),
            score,
            light: light(score),
            rated: tally.rated,
            not_applicable,
            unknown,
            unrated: tally.total - tally.rated - not_applicable - unknown,
            total: tally.total,
            completeness: ratio(tally.rated + not_applicable, tally.total),
            target_score: if theme_target { aimed.mean() } else { None },
        });
    }

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
        .map(|(x, tally)| {
            let score = tally.mean();
            CrossCuttingScore {
                id: x.id.clone(),
                title: x.title.clone(),
                score,
                light: light(score),
                rated: tally.rated,
                total: tally.total,
            }
        })
        .collect();

    Report {
        catalogue: c.reference(),
        area: a.area.clone(),
        assessed_on: a.assessed_on,
        overall: Overall {
            score: overall_score,
            light: light(overall_score),
            rated: rated_overall,
            total,
            target_score: overall_target.flatten(),
        },
        themes,
        cross_cutting,
        standards,
        plan: Some(PlanSummary::new(&a.plan, as_of, gaps.iter().map(|g| &g.id))),
        gaps,
        strengths,
        unknowns,
    }
}
