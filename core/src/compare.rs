//! Comparison over time: two assessments of one area, even against different editions (the
//! older is migrated first), standard by standard, theme by theme and overall.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Area, Assessment, CatalogueRef, Rating};
use crate::catalogue::Catalogue;
use crate::code::ErrorCode;
use crate::date::Date;
use crate::error::Error;
use crate::ids::{ActionId, BandId, GroupId, StandardId, TagId, ThemeId};
use crate::migrate::{MigrationReport, migrate};
use crate::plan::ActionStatus;
use crate::report::Report;
use crate::scale::EDGE_TOLERANCE;
use crate::score::score_checked;
use crate::version;

/// How two assessments of one area differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "carepath comparison")]
#[non_exhaustive]
pub struct Comparison {
    /// The edition both were compared in: the newer assessment's.
    pub catalogue: CatalogueRef,
    /// The area (as the newer assessment names it).
    pub area: Area,
    /// The earlier assessment.
    pub old: Snapshot,
    /// The later assessment.
    pub new: Snapshot,
    /// How much of the catalogue could be compared.
    pub comparable: Comparable,
    /// The overall score.
    pub overall: ScoreChange,
    /// Per theme, in catalogue order.
    pub themes: Vec<ThemeChange>,
    /// Per cross-cutting theme, in catalogue order.
    pub cross_cutting: Vec<CrossCuttingChange>,
    /// Per standard, in catalogue order.
    pub standards: Vec<StandardDelta>,
    /// How the earlier assessment was carried into the edition, when it was rated against an
    /// older major edition.
    pub migration: Option<MigrationReport>,
    /// What became of the earlier assessment's targets and plan (file format 1.1; empty lists
    /// when it had none).
    #[serde(default)]
    pub progress: Progress,
    /// Each population group's overall and theme scores then and now (file format 1.2): the
    /// groups of the later assessment in its order, then any only the earlier one had.
    #[serde(default)]
    pub groups: Vec<GroupOverTime>,
}

/// One population group's scores then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupOverTime {
    /// The group's id.
    pub id: GroupId,
    /// Its title.
    pub title: String,
    /// Its overall score then and now.
    pub overall: ScoreChange,
    /// Its theme scores then and now, in catalogue order.
    pub themes: Vec<GroupChange<ThemeId>>,
}

/// Progress at the next round: the earlier assessment's targets, met or not in the later one,
/// and what became of each action of its plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Progress {
    /// Every target of the earlier assessment (in the edition compared in), in catalogue order.
    pub targets: Vec<TargetProgress>,
    /// How many targets were met, not met and not scored.
    pub target_counts: TargetCounts,
    /// Every action of the earlier plan, in its order.
    pub actions: Vec<ActionProgress>,
    /// How many actions were done, carried, dropped and missing.
    pub action_counts: ActionCounts,
}

/// One target of the earlier assessment, and whether the later one met it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TargetProgress {
    /// The standard.
    pub id: StandardId,
    /// Its theme.
    pub theme: ThemeId,
    /// The score aimed for.
    pub target: i32,
    /// The date it was to be reached by.
    pub by: Option<Date>,
    /// The rating when the target was set.
    pub old: Option<Rating>,
    /// The rating now.
    pub new: Option<Rating>,
    /// Met, not met, or not scored now.
    pub outcome: TargetOutcome,
}

/// Whether a target was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetOutcome {
    /// The later score is at the target or above.
    Met,
    /// The later score is below the target.
    NotMet,
    /// The later assessment has no score for the standard (unrated, not applicable or unknown).
    NotScored,
}

/// How many targets had each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TargetCounts {
    /// Met.
    pub met: usize,
    /// Not met.
    pub not_met: usize,
    /// Not scored in the later assessment.
    pub not_scored: usize,
}

/// One action of the earlier plan, and what became of it in the later plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ActionProgress {
    /// The action's id.
    pub id: ActionId,
    /// Its title (in the earlier plan).
    pub title: String,
    /// Its status in the earlier plan.
    pub old_status: ActionStatus,
    /// Its status in the later plan; `null` when the later plan does not have it.
    pub new_status: Option<ActionStatus>,
    /// What became of it.
    pub outcome: ActionOutcome,
}

/// What became of an action by the next round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionOutcome {
    /// Done in the later plan (or already done in the earlier one and not listed again).
    Done,
    /// Still planned or in progress in the later plan.
    Carried,
    /// Dropped in the later plan (or already dropped and not listed again).
    Dropped,
    /// Open in the earlier plan and absent from the later one.
    Missing,
}

impl ActionOutcome {
    /// The outcome of an action whose status was `old` and is `new` in the later plan.
    #[must_use]
    pub fn of(old: ActionStatus, new: Option<ActionStatus>) -> Self {
        match new.unwrap_or(old) {
            ActionStatus::Done => Self::Done,
            ActionStatus::Dropped => Self::Dropped,
            ActionStatus::Planned | ActionStatus::InProgress if new.is_some() => Self::Carried,
            ActionStatus::Planned | ActionStatus::InProgress => Self::Missing,
        }
    }
}

/// How many actions had each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ActionCounts {
    /// Done.
    pub done: usize,
    /// Carried into the later plan, still open.
    pub carried: usize,
    /// Dropped.
    pub dropped: usize,
    /// Missing from the later plan while still open.
    pub missing: usize,
}

impl Progress {
    /// The progress from `old` (in the edition compared in) to `new`.
    fn of(catalogue: &Catalogue, old: &Assessment, new: &Assessment) -> Self {
        let mut progress = Self::default();
        for (theme, s) in catalogue.standards() {
            let Some(entry) = old.ratings.get(s.id.as_str()) else { continue };
            let Some(target) = entry.target else { continue };
            let now = new.ratings.get(s.id.as_str()).map(|e| e.rating);
            let outcome = match now.and_then(Rating::score) {
                Some(score) if score >= target.rating => TargetOutcome::Met,
                Some(_) => TargetOutcome::NotMet,
                None => TargetOutcome::NotScored,
            };
            let counts = &mut progress.target_counts;
            *match outcome {
                TargetOutcome::Met => &mut counts.met,
                TargetOutcome::NotMet => &mut counts.not_met,
                TargetOutcome::NotScored => &mut counts.not_scored,
            } += 1;
            progress.targets.push(TargetProgress {
                id: s.id.clone(),
                theme: theme.id.clone(),
                target: target.rating,
                by: target.by,
                old: Some(entry.rating),
                new: now,
                outcome,
            });
        }
        for action in &old.plan {
            let new_status = new.action(action.id.as_str()).map(|a| a.status);
            let outcome = ActionOutcome::of(action.status, new_status);
            let counts = &mut progress.action_counts;
            *match outcome {
                ActionOutcome::Done => &mut counts.done,
                ActionOutcome::Carried => &mut counts.carried,
                ActionOutcome::Dropped => &mut counts.dropped,
                ActionOutcome::Missing => &mut counts.missing,
            } += 1;
            progress.actions.push(ActionProgress {
                id: action.id.clone(),
                title: action.title.clone(),
                old_status: action.status,
                new_status,
                outcome,
            });
        }
        progress
    }
}

/// One of the two assessments compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Snapshot {
    /// When it was made.
    pub assessed_on: Date,
    /// The edition it was rated against.
    pub catalogue: CatalogueRef,
}

/// How much of the catalogue could be compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Comparable {
    /// Standards scored in both assessments.
    pub standards: usize,
    /// Standards in the edition.
    pub total: usize,
    /// standards / total.
    pub share: f64,
}

/// Which way something moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Scored both times, higher now.
    Improved,
    /// Scored both times, lower now.
    Worsened,
    /// Scored both times, the same.
    Unchanged,
    /// Scored now, not before.
    NewlyRated,
    /// Scored before, not now.
    NoLongerRated,
    /// Scored neither time.
    NotRated,
}

impl Direction {
    /// The direction of a move from `old` to `new`: the one rule every table, chart and word
    /// of change follows (a difference within [`EDGE_TOLERANCE`] is no change).
    #[must_use]
    pub fn of(old: Option<f64>, new: Option<f64>) -> Self {
        match (old, new) {
            (Some(o), Some(n)) if n - o > EDGE_TOLERANCE => Self::Improved,
            (Some(o), Some(n)) if o - n > EDGE_TOLERANCE => Self::Worsened,
            (Some(_), Some(_)) => Self::Unchanged,
            (None, Some(_)) => Self::NewlyRated,
            (Some(_), None) => Self::NoLongerRated,
            (None, None) => Self::NotRated,
        }
    }

    /// The direction as written in files, such as `newly_rated`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Improved => "improved",
            Self::Worsened => "worsened",
            Self::Unchanged => "unchanged",
            Self::NewlyRated => "newly_rated",
            Self::NoLongerRated => "no_longer_rated",
            Self::NotRated => "not_rated",
        }
    }
}

/// A score then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoreChange {
    /// The earlier score.
    pub old: Option<f64>,
    /// The later score.
    pub new: Option<f64>,
    /// The earlier light.
    pub old_light: Option<BandId>,
    /// The later light.
    pub new_light: Option<BandId>,
    /// new − old, when both exist.
    pub change: Option<f64>,
    /// Which way it moved.
    pub direction: Direction,
}

impl ScoreChange {
    fn new(old: (Option<f64>, Option<BandId>), new: (Option<f64>, Option<BandId>)) -> Self {
        Self {
            change: old.0.zip(new.0).map(|(o, n)| n - o),
            direction: Direction::of(old.0, new.0),
            old: old.0,
            new: new.0,
            old_light: old.1,
            new_light: new.1,
        }
    }
}

/// A theme (`ThemeChange`) or cross-cutting theme (`CrossCuttingChange`) then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupChange<I> {
    /// The theme's or cross-cutting theme's id.
    pub id: I,
    /// Its title.
    pub title: String,
    /// The earlier score.
    pub old: Option<f64>,
    /// The later score.
    pub new: Option<f64>,
    /// The earlier light.
    pub old_light: Option<BandId>,
    /// The later light.
    pub new_light: Option<BandId>,
    /// new − old, when both exist.
    pub change: Option<f64>,
    /// Which way it moved.
    pub direction: Direction,
}

impl<I> GroupChange<I> {
    fn new(id: I, title: &str, c: ScoreChange) -> Self {
        Self {
            id,
            title: title.to_owned(),
            old: c.old,
            new: c.new,
            old_light: c.old_light,
            new_light: c.new_light,
            change: c.change,
            direction: c.direction,
        }
    }
}

/// A theme then and now.
pub type ThemeChange = GroupChange<ThemeId>;

/// A cross-cutting theme then and now.
pub type CrossCuttingChange = GroupChange<TagId>;

/// A standard then and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StandardDelta {
    /// The standard's id in the edition compared.
    pub id: StandardId,
    /// Its theme.
    pub theme: ThemeId,
    /// The earlier rating (after migration), `null` when unrated.
    pub old: Option<Rating>,
    /// The later rating, `null` when unrated.
    pub new: Option<Rating>,
    /// new − old, when both are scores.
    pub change: Option<i32>,
    /// Which way it moved.
    pub direction: Direction,
}

impl Comparison {
    /// The comparison as pretty-printed JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// The edition an earlier assessment is read in when compared in `now`: `now` itself when it
/// can score the assessment (same catalogue, compatible version), else the bundled edition the
/// assessment names (which [`compare`] migrates from). Documents name the earlier assessment's
/// archived ratings from it.
///
/// # Errors
/// [`Error::NotFound`] when the assessment's edition is neither `now` nor bundled.
pub fn earlier_edition(now: &Catalogue, old: &Assessment) -> Result<Catalogue, Error> {
    if old.catalogue.id == now.id && version::compatible(&old.catalogue.version, &now.version) {
        Ok(now.clone())
    } else {
        Catalogue::bundled_for(&old.catalogue)
    }
}

/// Compares two assessments of one area. `catalogue` is the edition of the later assessment;
/// an earlier assessment of an older major edition is migrated into it first (see
/// [`migrate`](crate::migrate)).
///
/// # Errors
/// [`Error::Unsupported`] for assessments of different areas (`mixed_areas`, judged by code
/// when both have one, else by name) or catalogues (`mixed_catalogues`), or an "old" assessment
/// dated after the "new" one (`dates_reversed`); the errors of [`Catalogue::check`] and of
/// migration.
pub fn compare(old: &Assessment, new: &Assessment, catalogue: &Catalogue) -> Result<Comparison, Error> {
    if !old.area.same_as(&new.area) {
        return Err(Error::unsupported(
            ErrorCode::MixedAreas,
            format!(
                "cannot compare `{}` with `{}`: a comparison over time is of one area",
                old.area.name, new.area.name
            ),
        ));
    }
    if old.catalogue.id != new.catalogue.id {
        return Err(Error::unsupported(
            ErrorCode::MixedCatalogues,
            format!("cannot compare assessments of catalogues `{}` and `{}`", old.catalogue.id, new.catalogue.id),
        ));
    }
    if old.assessed_on > new.assessed_on {
        return Err(Error::unsupported(
            ErrorCode::DatesReversed,
            format!(
                "the earlier assessment ({}) is dated after the later one ({}): give the older first",
                old.assessed_on, new.assessed_on
            ),
        ));
    }
    catalogue.check(new)?;
    let (old_in_edition, migration) = if version::compatible(&old.catalogue.version, &catalogue.version) {
        (old.clone(), None)
    } else {
        let (migrated, report) = migrate(old, catalogue)?;
        (migrated, Some(report))
    };
    catalogue.check(&old_in_edition)?;
    let before = score_checked(catalogue, &old_in_edition);
    let after = score_checked(catalogue, new);
    let progress = Progress::of(catalogue, &old_in_edition, new);
    Ok(build(catalogue, old, new, &before, &after, migration, progress))
}

/// Each group of either report, its scores then and now (a group only one side declares has no
/// score on the other).
fn groups_over_time(
    catalogue: &Catalogue,
    old: &Assessment,
    new: &Assessment,
    before: &Report,
    after: &Report,
) -> Vec<GroupOverTime> {
    let mut ids: Vec<&GroupId> = after.overall.groups.iter().map(|g| &g.id).collect();
    for g in &before.overall.groups {
        if !ids.contains(&&g.id) {
            ids.push(&g.id);
        }
    }
    let title = |id: &GroupId| {
        catalogue
            .group(id.as_str())
            .map(|g| g.title.clone())
            .or_else(|| new.groups.iter().chain(&old.groups).find(|g| g.id == *id).map(|g| g.title.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let find = |list: &[crate::report::GroupScore], id: &GroupId| {
        list.iter().find(|g| g.id == *id).map_or((None, None), |g| (g.score, g.light.clone()))
    };
    ids.into_iter()
        .map(|id| GroupOverTime {
            id: id.clone(),
            title: title(id),
            overall: ScoreChange::new(find(&before.overall.groups, id), find(&after.overall.groups, id)),
            themes: before
                .themes
                .iter()
                .zip(&after.themes)
                .map(|(b, a)| {
                    GroupChange::new(a.id.clone(), &a.title, ScoreChange::new(find(&b.groups, id), find(&a.groups, id)))
                })
                .collect(),
        })
        .collect()
}

fn build(
    catalogue: &Catalogue,
    old: &Assessment,
    new: &Assessment,
    before: &Report,
    after: &Report,
    migration: Option<MigrationReport>,
    progress: Progress,
) -> Comparison {
    let standards: Vec<StandardDelta> = before
        .standards
        .iter()
        .zip(&after.standards)
        .map(|(b, a)| {
            let (o, n) = (b.rating.and_then(Rating::score), a.rating.and_then(Rating::score));
            StandardDelta {
                id: a.id.clone(),
                theme: a.theme.clone(),
                old: b.rating,
                new: a.rating,
                change: o.zip(n).map(|(o, n)| n - o),
                direction: Direction::of(o.map(f64::from), n.map(f64::from)),
            }
        })
        .collect();
    let both = standards.iter().filter(|s| s.change.is_some()).count();
    let total = catalogue.standard_count();
    let themes = before
        .themes
        .iter()
        .zip(&after.themes)
        .map(|(b, a)| {
            GroupChange::new(
                a.id.clone(),
                &a.title,
                ScoreChange::new((b.score, b.light.clone()), (a.score, a.light.clone())),
            )
        })
        .collect();
    let cross_cutting = before
        .cross_cutting
        .iter()
        .zip(&after.cross_cutting)
        .map(|(b, a)| {
            GroupChange::new(
                a.id.clone(),
                &a.title,
                ScoreChange::new((b.score, b.light.clone()), (a.score, a.light.clone())),
            )
        })
        .collect();
    #[allow(clippy::cast_precision_loss)] // counts of standards
    let share = if total == 0 { 0.0 } else { both as f64 / total as f64 };
    let groups = groups_over_time(catalogue, old, new, before, after);
    Comparison {
        groups,
        catalogue: catalogue.reference(),
        area: new.area.clone(),
        old: Snapshot { assessed_on: old.assessed_on, catalogue: old.catalogue.clone() },
        new: Snapshot { assessed_on: new.assessed_on, catalogue: new.catalogue.clone() },
        comparable: Comparable { standards: both, total, share },
        overall: ScoreChange::new(
            (before.overall.score, before.overall.light.clone()),
            (after.overall.score, after.overall.light.clone()),
        ),
        themes,
        cross_cutting,
        standards,
        migration,
        progress,
    }
}
