//! The report: what scoring an assessment gives. Every surface returns this shape.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Area, CatalogueRef, Rating};
use crate::catalogue::Priority;
use crate::date::Date;
use crate::ids::{BandId, GroupId, StandardId, TagId, ThemeId};
use crate::json;
use crate::plan::PlanSummary;

/// What scoring an assessment gives: per standard its rating and light; per theme and per
/// cross-cutting theme the mean of rated standards, its light and completeness; the overall
/// score; the gaps, strengths and unknowns.
///
/// Lists follow catalogue order, except `gaps`, which are ranked by weighted shortfall (largest
/// first), then catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "carepath report",
    description = "What scoring an assessment gives: per standard its rating and light; per theme and cross-cutting theme the mean of scored standards, light and completeness; the overall score; gaps ranked by priority-weighted shortfall; strengths; unknowns."
)]
#[non_exhaustive]
pub struct Report {
    /// The catalogue edition the assessment was scored against.
    pub catalogue: CatalogueRef,
    /// The area assessed.
    pub area: Area,
    /// When the assessment was made.
    pub assessed_on: Date,
    /// The whole pathway.
    pub overall: Overall,
    /// One entry per theme, in catalogue order.
    pub themes: Vec<ThemeScore>,
    /// One entry per cross-cutting theme, in catalogue order.
    pub cross_cutting: Vec<CrossCuttingScore>,
    /// One entry per standard, in catalogue order.
    pub standards: Vec<StandardScore>,
    /// Rated standards below the target (green) band, largest weighted shortfall first.
    pub gaps: Vec<Gap>,
    /// Rated standards in the target (green) band, in catalogue order.
    pub strengths: Vec<StandardId>,
    /// Standards rated `unknown`: gaps in knowledge, in catalogue order.
    pub unknowns: Vec<StandardId>,
    /// The improvement plan: its actions by status, those overdue, and the gaps no action
    /// covers. Scoring always fills it (a report read from a file of an older carepath may
    /// lack it).
    #[serde(default)]
    pub plan: Option<PlanSummary>,
    /// Standards that serve a population group worse than they serve everyone: a group rating
    /// below the standard's own rating, largest priority-weighted difference first, then
    /// catalogue order, then group order.
    #[serde(default)]
    pub equity_gaps: Vec<EquityGap>,
    /// How strong the evidence behind the ratings is: the scored standards by evidence level,
    /// strengths that rest on self-report or nothing, and evidence older than `max_age_months`.
    /// Shown beside the scores, never changing them. Scoring always fills it (a report read
    /// from a file of an older carepath may lack it).
    #[serde(default)]
    pub evidence: Option<EvidenceSummary>,
}

/// One population group's score in a theme, a cross-cutting theme or the whole pathway: the
/// usual mean, over the standards, of the group's rating where one is given and the
/// standard's own rating elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupScore {
    /// The group's id (the catalogue's groups first, then the assessment's).
    pub id: GroupId,
    /// The group's score; `null` when no standard has a score for the group.
    pub score: Option<f64>,
    /// The light of the score.
    pub light: Option<BandId>,
    /// How many standards have a score for the group.
    pub rated: usize,
}

/// A standard that serves a group worse than everyone: both ratings are scores and the
/// group's is lower.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EquityGap {
    /// The standard's id.
    pub id: StandardId,
    /// Its theme's id.
    pub theme: ThemeId,
    /// The group's id.
    pub group: GroupId,
    /// The standard's own score.
    pub rating: i32,
    /// Its score for the group.
    pub group_rating: i32,
    /// rating − group_rating.
    pub difference: i32,
    /// The standard's priority.
    pub priority: Priority,
    /// The priority's weight: essential 3, expected 2, desirable 1.
    pub weight: u32,
    /// weight × difference: the rank of the equity gap.
    pub weighted_difference: i64,
}

/// How strong the evidence behind an assessment's ratings is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceSummary {
    /// The scored standards by evidence level.
    pub by_level: EvidenceCounts,
    /// Standards in the top band whose evidence is `none` or `self_reported`, in catalogue
    /// order.
    pub unsupported_strengths: Vec<StandardId>,
    /// Rated standards whose evidence is dated before `max_age_months` calendar months before
    /// the assessment, in catalogue order.
    pub stale: Vec<StandardId>,
    /// How old evidence may be before it is stale, in calendar months.
    pub max_age_months: u32,
}

/// How many scored standards rest on each level of evidence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceCounts {
    /// Nothing.
    pub none: usize,
    /// Self-report.
    pub self_reported: usize,
    /// Documents.
    pub documented: usize,
    /// An audit.
    pub audited: usize,
    /// An external review.
    pub external: usize,
    /// No evidence level given.
    pub unstated: usize,
}

impl EvidenceCounts {
    /// Counts one standard at `level` (`None`: unstated).
    pub(crate) fn add(&mut self, level: Option<crate::EvidenceLevel>) {
        use crate::EvidenceLevel as L;
        *match level {
            None => &mut self.unstated,
            Some(L::None) => &mut self.none,
            Some(L::SelfReported) => &mut self.self_reported,
            Some(L::Documented) => &mut self.documented,
            Some(L::Audited) => &mut self.audited,
            Some(L::External) => &mut self.external,
        } += 1;
    }
}

/// The whole pathway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Overall {
    /// The mean of the theme scores that exist, so a large theme does not drown a small one;
    /// `null` when no theme has a score.
    pub score: Option<f64>,
    /// The light of the overall score.
    pub light: Option<BandId>,
    /// How many standards have a score.
    pub rated: usize,
    /// How many standards the catalogue has.
    pub total: usize,
    /// The overall score with every target met: the mean, over the themes that have a score,
    /// of their target score (or their score where they have no target); `null` when no
    /// standard has a target.
    #[serde(default)]
    pub target_score: Option<f64>,
    /// Each population group's overall score: the mean of the group's theme scores that exist;
    /// `rated` counts the standards with a score for the group.
    #[serde(default)]
    pub groups: Vec<GroupScore>,
}

/// One theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ThemeScore {
    /// The theme's id.
    pub id: ThemeId,
    /// The theme's title.
    pub title: String,
    /// The unweighted mean of the theme's scored standards; `null` (not zero) when none is
    /// scored.
    pub score: Option<f64>,
    /// The light of the score.
    pub light: Option<BandId>,
    /// Standards with a score.
    pub rated: usize,
    /// Standards rated not applicable.
    pub not_applicable: usize,
    /// Standards rated unknown.
    pub unknown: usize,
    /// Standards with no entry.
    pub unrated: usize,
    /// Standards in the theme.
    pub total: usize,
    /// (rated + not applicable) / total.
    pub completeness: f64,
    /// The score with every target met: the mean over the scored standards of the target where
    /// one is set and the rating elsewhere; `null` when no standard of the theme has a target.
    #[serde(default)]
    pub target_score: Option<f64>,
    /// Each population group's score in the theme.
    #[serde(default)]
    pub groups: Vec<GroupScore>,
}

/// One cross-cutting theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CrossCuttingScore {
    /// The cross-cutting theme's id (the tag).
    pub id: TagId,
    /// Its title.
    pub title: String,
    /// The mean of the scored standards that carry the tag; `null` when none is scored.
    pub score: Option<f64>,
    /// The light of the score.
    pub light: Option<BandId>,
    /// Tagged standards with a score.
    pub rated: usize,
    /// Standards that carry the tag.
    pub total: usize,
    /// Each population group's score over the tagged standards.
    #[serde(default)]
    pub groups: Vec<GroupScore>,
}

/// One standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StandardScore {
    /// The standard's id.
    pub id: StandardId,
    /// Its theme's id.
    pub theme: ThemeId,
    /// Its rating; `null` when unrated.
    pub rating: Option<Rating>,
    /// The light of its score; `null` unless scored.
    pub light: Option<BandId>,
    /// The score aimed for; `null` when no target is set.
    #[serde(default)]
    pub target: Option<i32>,
    /// target − rating when both are scores and the rating is below the target, 0 when the
    /// target is met, `null` otherwise.
    #[serde(default)]
    pub to_target: Option<i32>,
}

/// A rated standard below the target band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Gap {
    /// The standard's id.
    pub id: StandardId,
    /// Its theme's id.
    pub theme: ThemeId,
    /// Its score.
    pub rating: i32,
    /// The top of the scale minus the score.
    pub shortfall: i32,
    /// The standard's priority.
    pub priority: Priority,
    /// The priority's weight: essential 3, expected 2, desirable 1.
    pub weight: u32,
    /// weight × shortfall: the rank of the gap.
    pub weighted_shortfall: i64,
}

impl Report {
    /// Reads a report from JSON (for comparing stored reports and test vectors).
    ///
    /// # Errors
    /// [`Error::Syntax`](crate::Error::Syntax) or [`Error::Schema`](crate::Error::Schema) when
    /// the text is not a report.
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        json::from_str(text)
    }

    /// The report as pretty-printed JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        json::to_pretty(self)
    }

    /// The entry of a theme, by id.
    #[must_use]
    pub fn theme(&self, id: &str) -> Option<&ThemeScore> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The entry of a standard, by id.
    #[must_use]
    pub fn standard(&self, id: &str) -> Option<&StandardScore> {
        self.standards.iter().find(|s| s.id == id)
    }

    /// The entry of a cross-cutting theme, by id.
    #[must_use]
    pub fn cross_cutting(&self, id: &str) -> Option<&CrossCuttingScore> {
        self.cross_cutting.iter().find(|c| c.id == id)
    }
}
