//! Consensus of several raters: assessments of one area on one date (one per rater or
//! organisation) combined into one, with the spread of views and the standards the partnership
//! should discuss.
//!
//! The combined rating of a standard:
//! - when any rater scored it, the median of the scores, leaving out `not_applicable` and
//!   `unknown` as every mean does; with an even number of scores, the **lower** of the two
//!   middle scores, so the combined rating never claims more than half of the raters support;
//! - when nobody scored it, `unknown` if any rater said unknown (a gap in knowledge stays in
//!   view), else `not_applicable`; unrated when nobody rated it.
//!
//! Raters **disagree** on a standard when their scores are `threshold` or more points apart
//! (3 by default); and the standard's **applicability is mixed** when some scored it and some
//! said it does not apply. Both are flagged for review in the combined assessment. The evidence
//! and actions of every rater are kept, each under the rater's label.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Area, Assessment, CatalogueRef, Confidence, Participant, Rating, RatingEntry};
use crate::catalogue::Catalogue;
use crate::code::ErrorCode;
use crate::date::Date;
use crate::error::{Error, Problem, Problems};
use crate::ids::{StandardId, ThemeId};

/// The default spread of scores at which raters disagree.
pub const DEFAULT_DISAGREEMENT: i32 = 3;

/// How several raters' views of one area combine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "carepath consensus")]
#[non_exhaustive]
pub struct Consensus {
    /// The edition the views were combined in.
    pub catalogue: CatalogueRef,
    /// The area.
    pub area: Area,
    /// The date of the assessments.
    pub assessed_on: Date,
    /// A label per rater, in the order given: the first participant's role and organisation,
    /// or `rater N`.
    pub raters: Vec<String>,
    /// Scores this many points apart count as a disagreement.
    pub threshold: i32,
    /// Per standard, in catalogue order.
    pub standards: Vec<StandardConsensus>,
    /// Standards whose scores are `threshold` or more points apart: to discuss.
    pub disagreements: Vec<StandardId>,
    /// Standards some raters scored and others said do not apply: to discuss.
    pub mixed_applicability: Vec<StandardId>,
}

/// One standard across raters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StandardConsensus {
    /// The standard's id.
    pub id: StandardId,
    /// Its theme.
    pub theme: ThemeId,
    /// Each rater's rating, in rater order (`null` when a rater left it unrated).
    pub ratings: Vec<Option<Rating>>,
    /// The combined rating (`null` when nobody rated it).
    pub combined: Option<Rating>,
    /// How many raters scored it.
    pub scored: usize,
    /// Highest minus lowest score, when anyone scored it.
    pub spread: Option<i32>,
    /// Whether the spread reaches the threshold.
    pub disagreement: bool,
}

impl Consensus {
    /// The consensus as pretty-printed JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// Combines several raters' assessments of one area on one date into one assessment, with the
/// spread of views. `threshold` is the spread of scores that counts as disagreement (use
/// [`DEFAULT_DISAGREEMENT`]).
///
/// # Errors
/// [`Error::Unsupported`] with fewer than two raters (`too_few_raters`), or raters of different
/// areas (`mixed_areas`), dates (`mixed_dates`) or editions (`mixed_editions`);
/// [`Error::Invalid`] when a rater's assessment does not check against the catalogue, each
/// problem's path prefixed by the rater's position (`/1/ratings/T1.1`).
pub fn consensus(
    raters: &[Assessment],
    catalogue: &Catalogue,
    threshold: i32,
) -> Result<(Assessment, Consensus), Error> {
    let [first, rest @ ..] = raters else {
        return Err(Error::unsupported(
            ErrorCode::TooFewRaters,
            "consensus needs the assessments of at least two raters",
        ));
    };
    if rest.is_empty() {
        return Err(Error::unsupported(
            ErrorCode::TooFewRaters,
            "consensus needs the assessments of at least two raters",
        ));
    }
    for (i, a) in raters.iter().enumerate().skip(1) {
        if !a.area.same_as(&first.area) {
            return Err(Error::unsupported(
                ErrorCode::MixedAreas,
                format!(
                    "rater {} assessed `{}`, rater 1 `{}`: consensus combines views of one area",
                    i + 1,
                    a.area.name,
                    first.area.name
                ),
            ));
        }
        if a.assessed_on != first.assessed_on {
            return Err(Error::unsupported(
                ErrorCode::MixedDates,
                format!(
                    "rater {} is dated {}, rater 1 {}: consensus combines views given on one date",
                    i + 1,
                    a.assessed_on,
                    first.assessed_on
                ),
            ));
        }
        if a.catalogue != first.catalogue {
            return Err(Error::unsupported(
                ErrorCode::MixedEditions,
                format!(
                    "rater {} used {}, rater 1 {}: migrate them to one edition first",
                    i + 1,
                    a.catalogue,
                    first.catalogue
                ),
            ));
        }
    }
    let mut problems = Vec::new();
    for (i, a) in raters.iter().enumerate() {
        if let Err(e) = catalogue.check(a) {
            problems.extend(
                e.problems().into_iter().map(|p| {
                    Problem::new(format!("/{i}{}", p.path), p.code, format!("rater {}: {}", i + 1, p.message))
                }),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }

    let labels = labels(raters);
    let mut combined = Assessment {
        participants: participants(raters),
        ratings: Default::default(),
        notes: joined(raters.iter().map(|a| a.notes.as_deref()), &labels),
        archive: raters.iter().flat_map(|a| a.archive.iter().cloned()).fold(Vec::new(), |mut all, item| {
            if !all.contains(&item) {
                all.push(item);
            }
            all
        }),
        // The local groups of every rater, an id taken from the first rater who declares it.
        groups: raters.iter().flat_map(|a| &a.groups).fold(Vec::new(), |mut all: Vec<crate::LocalGroup>, group| {
            if !all.iter().any(|g| g.id == group.id) {
                all.push(group.clone());
            }
            all
        }),
        // The partnership's plan is one: every rater's actions, an id taken from the first rater
        // who has it.
        plan: raters.iter().flat_map(|a| &a.plan).fold(Vec::new(), |mut all: Vec<crate::Action>, action| {
            if !all.iter().any(|a| a.id == action.id) {
                all.push(action.clone());
            }
            all
        }),
        ..first.clone()
    };
    let mut standards = Vec::with_capacity(catalogue.standard_count());
    let (mut disagreements, mut mixed) = (Vec::new(), Vec::new());
    for (theme, s) in catalogue.standards() {
        let entries: Vec<Option<&RatingEntry>> = raters.iter().map(|a| a.ratings.get(s.id.as_str())).collect();
        let ratings: Vec<Option<Rating>> = entries.iter().map(|e| e.map(|e| e.rating)).collect();
        let mut scores: Vec<i32> = ratings.iter().flatten().filter_map(|r| r.score()).collect();
        scores.sort_unstable();
        let spread = scores.first().zip(scores.last()).map(|(lo, hi)| hi - lo);
        let disagreement = spread.is_some_and(|d| d >= threshold);
        let applicability_mixed = !scores.is_empty() && ratings.contains(&Some(Rating::NotApplicable));
        let result = combine(&scores, &ratings);
        if disagreement {
            disagreements.push(s.id.clone());
        }
        if applicability_mixed {
            mixed.push(s.id.clone());
        }
        if let Some(rating) = result {
            let mut notes: Vec<String> = entries.iter().flatten().filter_map(|e| e.review.clone()).collect();
            if let (true, Some(d), Some(lo), Some(hi)) = (disagreement, spread, scores.first(), scores.last()) {
                notes.push(format!("raters' scores are {d} points apart ({lo} to {hi}): discuss"));
            }
            if applicability_mixed {
                notes.push("some raters scored this and some said it does not apply: discuss".to_owned());
            }
            // A target all raters who set one agree on is kept; different targets are for the
            // room to settle.
            let mut targets: Vec<crate::Target> = Vec::new();
            for t in entries.iter().flatten().filter_map(|e| e.target) {
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
            let target = match targets.as_slice() {
                [one] => Some(*one),
                [] => None,
                several => {
                    let shown: Vec<String> = several.iter().map(|t| t.rating.to_string()).collect();
                    notes.push(format!("raters set different targets ({}): agree one", shown.join(", ")));
                    None
                }
            };
            combined.ratings.insert(
                s.id.clone(),
                RatingEntry {
                    rating,
                    target,
                    evidence: joined(entries.iter().map(|e| e.and_then(|e| e.evidence.as_deref())), &labels),
                    groups: combined_groups(&entries, &labels),
                    // The weakest evidence any rater states, and the oldest date: a combined
                    // rating claims no more support than its weakest part.
                    evidence_level: entries.iter().flatten().filter_map(|e| e.evidence_level).min(),
                    evidence_date: entries.iter().flatten().filter_map(|e| e.evidence_date).min(),
                    confidence: entries.iter().flatten().filter_map(|e| e.confidence).min_by_key(|c| rank(*c)),
                    actions: joined(entries.iter().map(|e| e.and_then(|e| e.actions.as_deref())), &labels),
                    review: (!notes.is_empty()).then(|| notes.join(" / ")),
                },
            );
        }
        standards.push(StandardConsensus {
            id: s.id.clone(),
            theme: theme.id.clone(),
            scored: scores.len(),
            ratings,
            combined: result,
            spread,
            disagreement,
        });
    }
    let report = Consensus {
        catalogue: catalogue.reference(),
        area: first.area.clone(),
        assessed_on: first.assessed_on,
        raters: labels,
        threshold,
        standards,
        disagreements,
        mixed_applicability: mixed,
    };
    Ok((combined, report))
}

/// The combined rating, by the rule in the module documentation.
fn combine(sorted_scores: &[i32], ratings: &[Option<Rating>]) -> Option<Rating> {
    if !sorted_scores.is_empty() {
        // The lower middle score for an even count: index (n - 1) / 2.
        return Some(Rating::Score(sorted_scores[(sorted_scores.len() - 1) / 2]));
    }
    if ratings.contains(&Some(Rating::Unknown)) {
        Some(Rating::Unknown)
    } else if ratings.contains(&Some(Rating::NotApplicable)) {
        Some(Rating::NotApplicable)
    } else {
        None
    }
}

fn rank(c: Confidence) -> u8 {
    match c {
        Confidence::Low => 0,
        Confidence::Medium => 1,
        Confidence::High => 2,
    }
}

/// A unique label per rater: the first participant's role and organisation, or `rater N`.
fn labels(raters: &[Assessment]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raters.len());
    for (i, a) in raters.iter().enumerate() {
        let base = match a.participants.first() {
            Some(Participant { role, organisation: Some(org) }) => format!("{role}, {org}"),
            Some(Participant { role, organisation: None }) => role.clone(),
            None => format!("rater {}", i + 1),
        };
        let label = if out.contains(&base) { format!("{base} (rater {})", i + 1) } else { base };
        out.push(label);
    }
    out
}

/// Everyone who took part, once each, in rater order.
fn participants(raters: &[Assessment]) -> Vec<Participant> {
    let mut out: Vec<Participant> = Vec::new();
    for p in raters.iter().flat_map(|a| &a.participants) {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

/// Each rater's text under their label, one paragraph each; `None` when nobody wrote any.
/// The raters' group ratings of one standard combined group by group, as the standard's own
/// ratings are: for each group any rater rated it for (in the order first met), the combined
/// rating of the raters who did, with each one's evidence under their label.
fn combined_groups(
    entries: &[Option<&RatingEntry>],
    labels: &[String],
) -> indexmap::IndexMap<crate::GroupId, crate::GroupRating> {
    let mut out = indexmap::IndexMap::new();
    for group in entries.iter().flatten().flat_map(|e| e.groups.keys()) {
        if out.contains_key(group) {
            continue;
        }
        let given: Vec<Option<&crate::GroupRating>> =
            entries.iter().map(|e| e.and_then(|e| e.groups.get(group))).collect();
        let ratings: Vec<Option<Rating>> = given.iter().map(|g| g.map(|g| g.rating)).collect();
        let mut scores: Vec<i32> = ratings.iter().flatten().filter_map(|r| r.score()).collect();
        scores.sort_unstable();
        if let Some(rating) = combine(&scores, &ratings) {
            let evidence = joined(given.iter().map(|g| g.and_then(|g| g.evidence.as_deref())), labels);
            out.insert(group.clone(), crate::GroupRating { rating, evidence });
        }
    }
    out
}

fn joined<'a>(texts: impl Iterator<Item = Option<&'a str>>, labels: &[String]) -> Option<String> {
    let parts: Vec<String> = texts
        .zip(labels)
        .filter_map(|(text, label)| text.filter(|t| !t.trim().is_empty()).map(|t| format!("[{label}] {t}")))
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_takes_the_lower_middle_for_even_counts() {
        assert_eq!(combine(&[1, 2, 4, 5], &[]), Some(Rating::Score(2)));
        assert_eq!(combine(&[1, 3, 5], &[]), Some(Rating::Score(3)));
        assert_eq!(combine(&[4], &[]), Some(Rating::Score(4)));
    }

    #[test]
    fn words_only_count_when_nobody_scored() {
        let u = Some(Rating::Unknown);
        let na = Some(Rating::NotApplicable);
        assert_eq!(combine(&[], &[na, u, None]), u);
        assert_eq!(combine(&[], &[na, None]), na);
        assert_eq!(combine(&[], &[None, None]), None);
        assert_eq!(combine(&[2], &[na, Some(Rating::Score(2))]), Some(Rating::Score(2)));
    }
}
