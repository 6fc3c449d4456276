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

/// The quarter (1-4) of `score` among `sorted` (ascending) by mid-rank, in exact integer
/// arithmetic: ⌈4 (below + equal / 2) / n⌉ = ⌈2 (2 below + equal) / n⌉. Two binary searches,
/// so placing every area costs n log n, not n².
fn quarter(score: f64, sorted: &[f64]) -> u8 {
    let below = sorted.partition_point(|s| *s < score - EDGE_TOLERANCE);
    let equal = sorted.partition_point(|s| *s <= score + EDGE_TOLERANCE) - below;
    let n = sorted.len().max(1);
    let q = (2 * (2 * below + equal)).div_ceil(n);
    u8::try_from(q.clamp(1, 4)).unwrap_or(4)
}

/// What a benchmark keeps of one area: its scores, never its assessment, so that a benchmark
/// of a whole country fits in memory.
#[derive(Debug)]
struct AreaScores {
    area: Area,
    assessed_on: Date,
    overall: (Option<f64>, Option<BandId>),
    themes: Vec<(Option<f64>, Option<BandId>)>,
    cross_cutting: Vec<Option<f64>>,
    standards: Vec<Option<f64>>,
    /// Each group the area declares: its overall score and its score in each theme.
    groups: Vec<GroupScores>,
}

/// One group's overall score in an area, and its score in each theme.
type GroupScores = (GroupId, Option<f64>, Vec<Option<f64>>);

impl AreaScores {
    fn of(report: Report) -> Self {
        let groups = report
            .overall
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                (g.id.clone(), g.score, report.themes.iter().map(|t| t.groups.get(i).and_then(|x| x.score)).collect())
            })
            .collect();
        Self {
            area: report.area,
            assessed_on: report.assessed_on,
            overall: (report.overall.score, report.overall.light),
            themes: report.themes.into_iter().map(|t| (t.score, t.light)).collect(),
            cross_cutting: report.cross_cutting.into_iter().map(|x| x.score).collect(),
            standards: report.standards.iter().map(|s| s.rating.and_then(Rating::score).map(f64::from)).collect(),
            groups,
        }
    }
}

/// The areas seen so far, to find one area given twice (by code where both have one, else by
/// name, as [`Area::same_as`] says) in constant time.
#[derive(Debug, Default)]
struct SeenAreas {
    codes: std::collections::HashMap<String, usize>,
    names_without_code: std::collections::HashMap<String, usize>,
    names: std::collections::HashMap<String, usize>,
}

impl SeenAreas {
    fn key(area: &Area) -> (String, Option<String>) {
        (area.name.trim().to_lowercase(), area.code.as_ref().map(|c| c.trim().to_ascii_lowercase()))
    }

    /// The first area recorded that is the same as `area`.
    fn earlier(&self, area: &Area) -> Option<usize> {
        let (name, code) = Self::key(area);
        match &code {
            Some(code) => {
                [self.codes.get(code), self.names_without_code.get(&name)].into_iter().flatten().min().copied()
            }
            None => self.names.get(&name).copied(),
        }
    }

    /// Records area `i` (the first of each code and name is kept).
    fn record(&mut self, area: &Area, i: usize) {
        let (name, code) = Self::key(area);
        match code {
            Some(code) => {
                self.codes.entry(code).or_insert(i);
            }
            None => {
                self.names_without_code.entry(name.clone()).or_insert(i);
            }
        }
        self.names.entry(name).or_insert(i);
    }
}

fn repeated_area(area: &Area, first: usize, again: usize) -> Error {
    Error::unsupported(
        ErrorCode::RepeatedArea,
        format!(
            "area `{}` appears twice (assessments {} and {}): a benchmark takes one assessment per area",
            area.name,
            first + 1,
            again + 1
        ),
    )
}

fn mixed_editions(catalogue: &Catalogue, mixed: &[String]) -> Error {
    Error::unsupported(
        ErrorCode::MixedEditions,
        format!(
            "a benchmark compares assessments of one edition ({}); these are of another: {}. Migrate them first",
            catalogue.reference(),
            mixed.join(", ")
        ),
    )
}

fn of_another_edition(catalogue: &Catalogue, a: &Assessment) -> bool {
    a.catalogue.id != catalogue.id || !crate::version::compatible(&a.catalogue.version, &catalogue.version)
}

/// The problems of assessment `i` as a benchmark reports them: each path under `/i`.
fn located(i: usize, a: &Assessment, e: &Error) -> Vec<Problem> {
    e.problems()
        .into_iter()
        .map(|p| Problem::new(format!("/{i}{}", p.path), p.code, format!("{}: {}", a.area.name, p.message)))
        .collect()
}

/// A benchmark built one assessment at a time, keeping only each area's scores: for a
/// collection too large to hold (the command-line tool's `benchmark` of a folder). It gives
/// exactly what [`benchmark`] gives for the same assessments in the same order.
///
/// ```
/// # use carepath::{Assessment, BenchmarkBuilder, Catalogue};
/// let catalogue = Catalogue::bundled("perinatal-mental-health", Some("2.0.0"))?;
/// let mut builder = BenchmarkBuilder::new(&catalogue, 5);
/// for name in ["northbrook-2024", "eastmere-2024"] {
///     let text = std::fs::read_to_string(format!("../standards/examples/{name}.json")).unwrap();
///     builder.add(&Assessment::from_json(&text)?)?;
/// }
/// let benchmark = builder.finish()?;
/// assert_eq!(benchmark.areas, 2);
/// # Ok::<(), carepath::Error>(())
/// ```
#[derive(Debug)]
pub struct BenchmarkBuilder<'c> {
    catalogue: &'c Catalogue,
    min_group: usize,
    areas: Vec<AreaScores>,
    seen: SeenAreas,
    /// The first title each local group is given, by id.
    local_titles: Vec<(GroupId, String)>,
}

impl<'c> BenchmarkBuilder<'c> {
    /// A benchmark of areas rated against `catalogue`, withholding figures of fewer than
    /// `min_group` areas (at least 1).
    #[must_use]
    pub fn new(catalogue: &'c Catalogue, min_group: usize) -> Self {
        Self {
            catalogue,
            min_group: min_group.max(1),
            areas: Vec::new(),
            seen: SeenAreas::default(),
            local_titles: Vec::new(),
        }
    }

    /// How many assessments have been added.
    #[must_use]
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    /// Whether no assessment has been added yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// Adds the next area's assessment: checked, scored, and only its scores kept.
    ///
    /// # Errors
    /// As [`benchmark`] says of one assessment: `mixed_editions`, `repeated_area`, or
    /// [`Error::Invalid`] with each problem's path under the assessment's position (`/3/...`).
    /// A refused assessment is not added, and the builder can go on.
    pub fn add(&mut self, assessment: &Assessment) -> Result<(), Error> {
        let i = self.areas.len();
        if of_another_edition(self.catalogue, assessment) {
            return Err(mixed_editions(
                self.catalogue,
                &[format!("{} ({})", assessment.area.name, assessment.catalogue)],
            ));
        }
        if let Some(j) = self.seen.earlier(&assessment.area) {
            return Err(repeated_area(&assessment.area, j, i));
        }
        self.catalogue.check(assessment).map_err(|e| Error::Invalid(Problems(located(i, assessment, &e))))?;
        self.seen.record(&assessment.area, i);
        self.push(assessment);
        Ok(())
    }

    /// Adds an assessment already checked (and found unrepeated) by the caller.
    fn push(&mut self, assessment: &Assessment) {
        for g in &assessment.groups {
            if !self.local_titles.iter().any(|(id, _)| *id == g.id) {
                self.local_titles.push((g.id.clone(), g.title.clone()));
            }
        }
        self.areas.push(AreaScores::of(score_checked(self.catalogue, assessment)));
    }

    /// The benchmark of every assessment added.
    ///
    /// # Errors
    /// `no_assessments` when none was added.
    pub fn finish(self) -> Result<Benchmark, Error> {
        if self.areas.is_empty() {
            return Err(Error::unsupported(ErrorCode::NoAssessments, "a benchmark needs at least one assessment"));
        }
        Ok(self.describe())
    }

    fn describe(self) -> Benchmark {
        let (catalogue, min_group, areas) = (self.catalogue, self.min_group, &self.areas);
        let sorted = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v
        };
        let overall_scores = sorted(areas.iter().filter_map(|a| a.overall.0).collect());
        let theme_scores: Vec<Vec<f64>> =
            (0..catalogue.themes.len()).map(|t| sorted(areas.iter().filter_map(|a| a.themes[t].0).collect())).collect();
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
                let scores: Vec<f64> = areas.iter().filter_map(|a| a.cross_cutting[k]).collect();
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
                let scores: Vec<f64> = areas.iter().filter_map(|a| a.standards[k]).collect();
                StandardDistribution {
                    id: s.id.clone(),
                    theme: theme.id.clone(),
                    distribution: distribution(&scores, min_group),
                }
            })
            .collect();

        let place = |score: Option<f64>, scores: &[f64], withheld: bool| {
            score.filter(|_| !withheld).map(|s| quarter(s, scores))
        };
        let mut positions: Vec<AreaPosition> = areas
            .iter()
            .map(|a| AreaPosition {
                area: a.area.clone(),
                assessed_on: a.assessed_on,
                overall: Position {
                    score: a.overall.0,
                    light: a.overall.1.clone(),
                    quarter: place(a.overall.0, &overall_scores, overall.withheld),
                },
                themes: catalogue
                    .themes
                    .iter()
                    .zip(&a.themes)
                    .enumerate()
                    .map(|(t, (theme, (score, light)))| ThemePosition {
                        id: theme.id.clone(),
                        score: *score,
                        light: light.clone(),
                        quarter: place(*score, &theme_scores[t], themes[t].distribution.withheld),
                    })
                    .collect(),
            })
            .collect();
        // By name, never by score; the sort is stable, so equal names keep their input order.
        positions.sort_by_key(|p| p.area.name.to_lowercase());

        let groups = self.group_spreads();
        Benchmark {
            catalogue: catalogue.reference(),
            areas: areas.len(),
            min_group,
            overall,
            themes,
            cross_cutting,
            standards,
            positions,
            groups,
        }
    }

    /// Each group any area declares (in the order first met): its overall and theme scores
    /// across the areas that declare it.
    fn group_spreads(&self) -> Vec<GroupSpread> {
        let (catalogue, min_group) = (self.catalogue, self.min_group);
        let mut ids: Vec<&GroupId> = Vec::new();
        for a in &self.areas {
            for (id, _, _) in &a.groups {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.into_iter()
            .map(|id| {
                let title = catalogue
                    .group(id.as_str())
                    .map(|g| g.title.clone())
                    .or_else(|| self.local_titles.iter().find(|(g, _)| g == id).map(|(_, t)| t.clone()))
                    .unwrap_or_else(|| id.to_string());
                let declaring: Vec<&GroupScores> =
                    self.areas.iter().filter_map(|a| a.groups.iter().find(|(g, _, _)| g == id)).collect();
                let overall: Vec<f64> = declaring.iter().filter_map(|(_, score, _)| *score).collect();
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
                            let scores: Vec<f64> = declaring.iter().filter_map(|(_, _, themes)| themes[t]).collect();
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
    if assessments.is_empty() {
        return Err(Error::unsupported(ErrorCode::NoAssessments, "a benchmark needs at least one assessment"));
    }
    let mixed: Vec<String> = assessments
        .iter()
        .filter(|a| of_another_edition(catalogue, a))
        .map(|a| format!("{} ({})", a.area.name, a.catalogue))
        .collect();
    if !mixed.is_empty() {
        return Err(mixed_editions(catalogue, &mixed));
    }
    let mut seen = SeenAreas::default();
    for (i, a) in assessments.iter().enumerate() {
        if let Some(j) = seen.earlier(&a.area) {
            return Err(repeated_area(&a.area, j, i));
        }
        seen.record(&a.area, i);
    }
    let mut problems = Vec::new();
    for (i, a) in assessments.iter().enumerate() {
        if let Err(e) = catalogue.check(a) {
            problems.extend(located(i, a, &e));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }
    let mut builder = BenchmarkBuilder::new(catalogue, min_group);
    for a in assessments {
        builder.push(a);
    }
    builder.finish()
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

    /// The mid-rank quarter counted the plain way, one comparison per area.
    fn quarter_by_counting(score: f64, scores: &[f64]) -> u8 {
        let below = scores.iter().filter(|s| **s < score - EDGE_TOLERANCE).count();
        let equal = scores.iter().filter(|s| (**s - score).abs() <= EDGE_TOLERANCE).count();
        let q = (2 * (2 * below + equal)).div_ceil(scores.len().max(1));
        u8::try_from(q.clamp(1, 4)).unwrap_or(4)
    }

    proptest::proptest! {
        #[test]
        fn binary_search_quarters_equal_counting(mut scores in proptest::collection::vec(0u8..=50, 1..200)) {
            // Scores as means are: tenths, with ties and near-ties.
            let mut scores: Vec<f64> = scores.drain(..).map(|s| f64::from(s) / 10.0).collect();
            scores.sort_by(f64::total_cmp);
            for s in &scores {
                proptest::prop_assert_eq!(quarter(*s, &scores), quarter_by_counting(*s, &scores));
                let near = s + EDGE_TOLERANCE / 2.0;
                proptest::prop_assert_eq!(quarter(near, &scores), quarter_by_counting(near, &scores));
            }
        }
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
