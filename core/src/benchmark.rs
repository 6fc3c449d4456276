//! Benchmarking across areas: for a set of assessments of one edition, the spread of scores
//! per standard, theme, cross-cutting theme and overall, and where each area stands. It is not
//! a league table: areas are listed by name, never ranked, and small groups are not described.
//!
//! - Quartiles are computed by linear interpolation between the closest ranks (the method of
//!   Excel's `QUARTILE.INC`, R's type 7 and NumPy's default): for sorted scores `x[0..n]`, the
//!   `p` quantile is at position `h = (n − 1) p`, between `x[⌊h⌋]` and `x[⌊h⌋ + 1]`.
//! - An area's quarter (1 = lowest, 4 = highest) comes from its mid-rank: the share of areas
//!   scoring below it plus half of those scoring the same (itself included); the quarter is
//!   that share × 4, rounded up. Tied areas always share a quarter.
//! - When fewer than `min_group` areas (default 5) scored an item, its figures and every
//!   area's quarter for it are withheld, and `withheld` says so.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Area, Assessment, CatalogueRef, Rating};
use crate::catalogue::Catalogue;
use crate::code::ErrorCode;
use crate::date::Date;
use crate::error::{Error, Problem, Problems};
use crate::ids::{BandId, GroupId, StandardId, TagId, ThemeId};
use crate::report::Report;
use crate::scale::EDGE_TOLERANCE;
use crate::score::score_checked;

/// The default smallest group described.
pub const DEFAULT_MIN_GROUP: usize = 5;

/// The spread of scores across a set of areas, and where each stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "carepath benchmark")]
#[non_exhaustive]
pub struct Benchmark {
    /// The edition all assessments were scored with.
    pub catalogue: CatalogueRef,
    /// How many areas (assessments) are in the set.
    pub areas: usize,
    /// Items scored by fewer areas than this have their figures withheld.
    pub min_group: usize,
    /// The spread of overall scores.
    pub overall: Distribution,
    /// Per theme, in catalogue order.
    pub themes: Vec<GroupDistribution<ThemeId>>,
    /// Per cross-cutting theme, in catalogue order.
    pub cross_cutting: Vec<GroupDistribution<TagId>>,
    /// Per standard, in catalogue order.
    pub standards: Vec<StandardDistribution>,
    /// Where each area stands, by area name (never by score).
    pub positions: Vec<AreaPosition>,
    /// Each population group's overall and theme scores across the areas that declare it, with
    /// the same small-group rule and no positions (file format 1.2): the catalogue's groups,
    /// then local groups in the order the areas first declare them.
    #[serde(default)]
    pub groups: Vec<GroupSpread>,
}

/// The spread of one population group's scores across areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupSpread {
    /// The group's id.
    pub id: GroupId,
    /// Its title.
    pub title: String,
    /// How many areas declare the group.
    pub areas: usize,
    /// The spread of its overall scores.
    pub overall: Distribution,
    /// The spread of its theme scores, in catalogue order.
    pub themes: Vec<GroupDistribution<ThemeId>>,
}

/// The spread of one item's scores across areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Distribution {
    /// How many areas have a score for the item.
    pub count: usize,
    /// Whether the figures are withheld because fewer than `min_group` areas have a score.
    pub withheld: bool,
    /// The lowest score.
    pub min: Option<f64>,
    /// The first quartile.
    pub q1: Option<f64>,
    /// The median.
    pub median: Option<f64>,
    /// The third quartile.
    pub q3: Option<f64>,
    /// The highest score.
    pub max: Option<f64>,
}

/// The spread of a theme's or cross-cutting theme's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupDistribution<I> {
    /// The theme's or cross-cutting theme's id.
    pub id: I,
    /// Its title.
    pub title: String,
    /// The spread of its scores.
    pub distribution: Distribution,
}

/// The spread of a standard's ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StandardDistribution {
    /// The standard's id.
    pub id: StandardId,
    /// Its theme.
    pub theme: ThemeId,
    /// The spread of its ratings.
    pub distribution: Distribution,
}

/// Where one area stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AreaPosition {
    /// The area.
    pub area: Area,
    /// When it was assessed.
    pub assessed_on: Date,
    /// Its overall score and quarter.
    pub overall: Position,
    /// Per theme, in catalogue order.
    pub themes: Vec<ThemePosition>,
}

/// An area's score for one item and its quarter among the areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Position {
    /// The area's score.
    pub score: Option<f64>,
    /// Its light.
    pub light: Option<BandId>,
    /// 1 (lowest quarter) to 4 (highest); `null` without a score or when withheld.
    pub quarter: Option<u8>,
}

/// An area's theme score and quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ThemePosition {
    /// The theme's id.
    pub id: ThemeId,
    /// The area's score.
    pub score: Option<f64>,
    /// Its light.
    pub light: Option<BandId>,
    /// 1 (lowest quarter) to 4 (highest); `null` without a score or when withheld.
    pub quarter: Option<u8>,
}

impl Benchmark {
    /// The benchmark as pretty-printed JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// The `p` quantile of sorted scores, by linear interpolation between closest ranks.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (h, lo) = {
        let h = (sorted.len() - 1) as f64 * p;
        (h, h.floor() as usize)
    };
    match sorted.get(lo + 1) {
        Some(next) => sorted[lo] + (h - lo as f64) * (next - sorted[lo]),
        None => sorted[lo],
    }
}

fn distribution(scores: &[f64], min_group: usize) -> Distribution {
    let mut sorted: Vec<f64> = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let count = sorted.len();
    let withheld = count < min_group;
    let figure = |f: &dyn Fn(&[f64]) -> f64| (!withheld && count > 0).then(|| f(&sorted));
    Distribution {
        count,
        withheld,
        min: figure(&|s| s[0]),
        q1: figure(&|s| quantile(s, 0.25)),
        median: figure(&|s| quantile(s, 0.5)),
        q3: figure(&|s| quantile(s, 0.75)),
        max: figure(&|s| s[s.len() - 1]),
    }
}

/// The quarter (1-4) of `score` among `scores` by mid-rank, in exact integer arithmetic:
/// ⌈4 (below + equal / 2) / n⌉ = ⌈2 (2 below + equal) / n⌉.
fn quarter(score: f64, scores: &[f64]) -> u8 {
    let below = scores.iter().filter(|s| **s < score - EDGE_TOLERANCE).count();
    let equal = scores.iter().filter(|s| (**s - score).abs() <= EDGE_TOLERANCE).count();
    let n = scores.len().max(1);
    let q = (2 * (2 * below + equal)).div_ceil(n);
    u8::try_from(q.clamp(1, 4)).unwrap_or(4)
}

/// Describes the spread of scores across a set of assessments of one edition.
///
/// # Errors
/// [`Error::Unsupported`] when the set is empty (`no_assessments`), mixes catalogues or
/// editions (`mixed_editions`: migrate the older ones first) or holds one area twice
/// (`repeated_area`); [`Error::Invalid`] when an assessment does not check against the
/// catalogue, with each problem's path prefixed by the assessment's position in the set
/// (`/3/ratings/T1.1`).
pub fn benchmark(assessments: &[Assessment], catalogue: &Catalogue, min_group: usize) -> Result<Benchmark, Error> {
    let min_group = min_group.max(1);
    if assessments.is_empty() {
        return Err(Error::unsupported(ErrorCode::NoAssessments, "a benchmark needs at least one assessment"));
    }
    let mixed: Vec<String> = assessments
        .iter()
        .filter(|a| {
            a.catalogue.id != catalogue.id || !crate::version::compatible(&a.catalogue.version, &catalogue.version)
        })
        .map(|a| format!("{} ({})", a.area.name, a.catalogue))
        .collect();
    if !mixed.is_empty() {
        return Err(Error::unsupported(
            ErrorCode::MixedEditions,
            format!(
                "a benchmark compares assessments of one edition ({}); these are of another: {}. Migrate them first",
                catalogue.reference(),
                mixed.join(", ")
            ),
        ));
    }
    for (i, a) in assessments.iter().enumerate() {
        if let Some(j) = assessments[..i].iter().position(|b| b.area.same_as(&a.area)) {
            return Err(Error::unsupported(
                ErrorCode::RepeatedArea,
                format!(
                    "area `{}` appears twice (assessments {} and {}): a benchmark takes one assessment per area",
                    a.area.name,
                    j + 1,
                    i + 1
                ),
            ));
        }
    }
    let mut problems = Vec::new();
    for (i, a) in assessments.iter().enumerate() {
        if let Err(e) = catalogue.check(a) {
            problems.extend(
                e.problems().into_iter().map(|p| {
                    Problem::new(format!("/{i}{}", p.path), p.code, format!("{}: {}", a.area.name, p.message))
                }),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }

    let reports: Vec<Report> = assessments.iter().map(|a| score_checked(catalogue, a)).collect();
    let overall_scores: Vec<f64> = reports.iter().filter_map(|r| r.overall.score).collect();
    let theme_scores: Vec<Vec<f64>> =
        (0..catalogue.themes.len()).map(|t| reports.iter().filter_map(|r| r.themes[t].score).collect()).collect();
    let overall = distribution(&overall_scores, min_group);
    let themes: Vec<GroupDistribution<ThemeId>> = catalogue
        .themes
        .iter()
        .zip(&theme_scores)
        .map(|(t, scores)| GroupDistribution {
            id: t.id.clone(),
            title: t.title.clone(),
            distribution: distribution(scores, min_group),
        })
        .collect();
    let cross_cutting = catalogue
        .cross_cutting
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let scores: Vec<f64> = reports.iter().filter_map(|r| r.cross_cutting[k].score).collect();
            GroupDistribution {
                id: x.id.clone(),
                title: x.title.clone(),
                distribution: distribution(&scores, min_group),
            }
        })
        .collect();
    let standards = catalogue
        .standards()
        .enumerate()
        .map(|(k, (theme, s))| {
            let scores: Vec<f64> =
                reports.iter().filter_map(|r| r.standards[k].rating.and_then(Rating::score)).map(f64::from).collect();
            StandardDistribution {
                id: s.id.clone(),
                theme: theme.id.clone(),
                distribution: distribution(&scores, min_group),
            }
        })
        .collect();

    let place =
        |score: Option<f64>, scores: &[f64], withheld: bool| score.filter(|_| !withheld).map(|s| quarter(s, scores));
    let mut positions: Vec<AreaPosition> = reports
        .iter()
        .map(|r| AreaPosition {
            area: r.area.clone(),
            assessed_on: r.assessed_on,
            overall: Position {
                score: r.overall.score,
                light: r.overall.light.clone(),
                quarter: place(r.overall.score, &overall_scores, overall.withheld),
            },
            themes: r
                .themes
                .iter()
                .enumerate()
                .map(|(t, ts)| ThemePosition {
                    id: ts.id.clone(),
                    score: ts.score,
                    light: ts.light.clone(),
                    quarter: place(ts.score, &theme_scores[t], themes[t].distribution.withheld),
                })
                .collect(),
        })
        .collect();
    // By name, never by score; the sort is stable, so equal names keep their input order.
    positions.sort_by_key(|p| p.area.name.to_lowercase());

    let groups = group_spreads(catalogue, assessments, &reports, min_group);
    Ok(Benchmark {
        catalogue: catalogue.reference(),
        areas: assessments.len(),
        min_group,
        overall,
        themes,
        cross_cutting,
        standards,
        positions,
        groups,
    })
}

/// Each group any area declares: its overall and theme scores across the areas that have one.
fn group_spreads(
    catalogue: &Catalogue,
    assessments: &[Assessment],
    reports: &[Report],
    min_group: usize,
) -> Vec<GroupSpread> {
    let mut ids: Vec<&GroupId> = Vec::new();
    for r in reports {
        for g in &r.overall.groups {
            if !ids.contains(&&g.id) {
                ids.push(&g.id);
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let title = catalogue
                .group(id.as_str())
                .map(|g| g.title.clone())
                .or_else(|| assessments.iter().flat_map(|a| &a.groups).find(|g| g.id == *id).map(|g| g.title.clone()))
                .unwrap_or_else(|| id.to_string());
            let of = |list: &[crate::report::GroupScore]| list.iter().find(|g| g.id == *id).and_then(|g| g.score);
            let declaring: Vec<&Report> =
                reports.iter().filter(|r| r.overall.groups.iter().any(|g| g.id == *id)).collect();
            let overall: Vec<f64> = declaring.iter().filter_map(|r| of(&r.overall.groups)).collect();
            GroupSpread {
                id: id.clone(),
                title,
                areas: declaring.len(),
                overall: distribution(&overall, min_group),
                themes: catalogue
                    .themes
                    .iter()
                    .enumerate()
                    .map(|(t, theme)| {
                        let scores: Vec<f64> = declaring.iter().filter_map(|r| of(&r.themes[t].groups)).collect();
                        GroupDistribution {
                            id: theme.id.clone(),
                            title: theme.title.clone(),
                            distribution: distribution(&scores, min_group),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_closest_ranks() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&s, 0.25), 1.75);
        assert_eq!(quantile(&s, 0.5), 2.5);
        assert_eq!(quantile(&s, 0.75), 3.25);
        assert_eq!(quantile(&[3.0], 0.25), 3.0);
        let d = distribution(&[5.0, 1.0, 3.0, 2.0, 4.0], 5);
        assert_eq!((d.min, d.q1, d.median, d.q3, d.max), (Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(5.0)));
        let small = distribution(&[1.0, 2.0], 5);
        assert!(small.withheld && small.median.is_none() && small.count == 2);
    }

    #[test]
    fn quarters_share_ties_and_split_evenly() {
        let s: Vec<f64> = (1..=8).map(f64::from).collect();
        let q: Vec<u8> = s.iter().map(|x| quarter(*x, &s)).collect();
        assert_eq!(q, [1, 1, 2, 2, 3, 3, 4, 4]);
        let same = [2.0; 6];
        assert!(same.iter().all(|x| quarter(*x, &same) == 2));
        let five = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(five.map(|x| quarter(x, &five)), [1, 2, 2, 3, 4]);
    }
}
