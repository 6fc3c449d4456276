//! The improvement plan (file format 1.1): a target on a standard, the partnership's actions,
//! and what a report says about them.
//!
//! The rules every surface shares:
//!
//! - A target is a score on the scale; one equal to the rating means "hold this". A standard
//!   rated not applicable or unknown may carry one; it shows with `to_target` null.
//! - `to_target` is target − rating when both are scores and the rating is below the target,
//!   0 when the target is met, and null otherwise.
//! - A theme's `target_score` is the mean over its scored standards of the target where one is
//!   set and the rating elsewhere; the overall `target_score` is the mean, over the themes that
//!   have a score, of their target score (or their score where they have no target). Either is
//!   null when no standard in it has a target.
//! - An action is **overdue** when it is `planned` or `in_progress` and its `due` date is before
//!   the report's `as_of` date (the assessment's `assessed_on` unless another is given).
//! - An **unplanned gap** is a gap of the report that no action, other than a dropped one,
//!   lists; unplanned gaps keep the order of `gaps`.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, CatalogueRef, Previous, PreviousRating};
use crate::catalogue::Catalogue;
use crate::code::{ErrorCode, UnknownWord};
use crate::date::Date;
use crate::error::Error;
use crate::ids::{ActionId, StandardId};
use crate::json;

/// The rating a partnership aims for on a standard, and optionally by when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The score aimed for: a score on the catalogue's scale.
    pub rating: i32,
    /// The date it should be reached by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Date>,
}

impl Target {
    /// Reads one target from JSON text as [`Action::from_json`] reads an action.
    ///
    /// # Errors
    /// [`Error::Syntax`] for text that is not JSON, [`Error::Schema`] for JSON that is not a target.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        crate::walk::target(text)
    }

    /// A target of `rating` with no date.
    #[must_use]
    pub fn new(rating: i32) -> Self {
        Self { rating, by: None }
    }

    /// Sets the date it should be reached by.
    #[must_use]
    pub fn by(mut self, date: Date) -> Self {
        self.by = Some(date);
        self
    }

    /// How far a rating is from this target: target − score when the score is below it, 0 when
    /// it is met, `None` when there is no score.
    #[must_use]
    pub fn to_go(self, score: Option<i32>) -> Option<i32> {
        score.map(|s| (self.rating - s).max(0))
    }
}

/// Where an action of the plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Agreed, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// No longer pursued.
    Dropped,
}

impl ActionStatus {
    /// Every status, in the order reports list them.
    pub const ALL: [Self; 4] = [Self::Planned, Self::InProgress, Self::Done, Self::Dropped];

    /// The status as written in files, such as `in_progress`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    /// Whether the action is still to be done: planned or in progress.
    #[must_use]
    pub fn is_open(self) -> bool {
        matches!(self, Self::Planned | Self::InProgress)
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActionStatus {
    type Err = UnknownWord;

    /// `planned`, `in_progress`, `done` or `dropped`, as written in files.
    fn from_str(word: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|s| s.as_str() == word).ok_or_else(|| UnknownWord {
            what: "action status",
            word: word.to_owned(),
            expected: "`planned`, `in_progress`, `done` or `dropped`",
        })
    }
}

/// One action of an improvement plan: who does what by when, for which standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// The action's id, unique in the plan and kept from one round to the next, such as `A1`.
    pub id: ActionId,
    /// What will be done.
    pub title: String,
    /// The standards it is meant to move (it may name none: work on the pathway as a whole).
    pub standards: Vec<StandardId>,
    /// Who leads it (a role, never a person's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Where it stands.
    #[serde(deserialize_with = "json::word")]
    pub status: ActionStatus,
    /// Anything else worth keeping with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Action {
    /// Reads one action from JSON text as strictly as whole files are read (the reader of
    /// [`read_json`](crate::read_json), in less code): unknown fields, repeated ones and values
    /// of the wrong type are [`Error::Schema`] with the JSON Pointer of the value in `text`.
    ///
    /// # Errors
    /// [`Error::Syntax`] for text that is not JSON, [`Error::Schema`] for JSON that is not an action.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        crate::walk::action(text)
    }

    /// A planned action with a title and the standards it is for.
    #[must_use]
    pub fn new(id: ActionId, title: impl Into<String>, standards: Vec<StandardId>) -> Self {
        Self { id, title: title.into(), standards, owner: None, due: None, status: ActionStatus::Planned, notes: None }
    }

    /// Sets the owner.
    #[must_use]
    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Sets the due date.
    #[must_use]
    pub fn due(mut self, date: Date) -> Self {
        self.due = Some(date);
        self
    }

    /// Sets the status.
    #[must_use]
    pub fn with_status(mut self, status: ActionStatus) -> Self {
        self.status = status;
        self
    }

    /// Whether the action is overdue on `as_of`: still open and due before that day.
    #[must_use]
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < as_of)
    }

    /// Whether the action counts as planning for its standards: any status but dropped.
    #[must_use]
    pub fn plans(&self) -> bool {
        self.status != ActionStatus::Dropped
    }
}

/// An action kept by migration because none of its standards is in the newer edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchivedAction {
    /// The edition its standards were of.
    #[serde(deserialize_with = "json::object")]
    pub catalogue: CatalogueRef,
    /// The action, as it was.
    #[serde(deserialize_with = "json::object")]
    pub action: Action,
    /// Why it was archived.
    pub reason: String,
}

/// How many actions of a plan have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StatusCounts {
    /// Planned, not started.
    pub planned: usize,
    /// Under way.
    pub in_progress: usize,
    /// Finished.
    pub done: usize,
    /// No longer pursued.
    pub dropped: usize,
}

impl StatusCounts {
    /// Counts the statuses of `actions`.
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a Action>) -> Self {
        let mut counts = Self::default();
        for action in actions {
            *counts.slot(action.status) += 1;
        }
        counts
    }

    /// The count of one status.
    #[must_use]
    pub fn get(&self, status: ActionStatus) -> usize {
        match status {
            ActionStatus::Planned => self.planned,
            ActionStatus::InProgress => self.in_progress,
            ActionStatus::Done => self.done,
            ActionStatus::Dropped => self.dropped,
        }
    }

    fn slot(&mut self, status: ActionStatus) -> &mut usize {
        match status {
            ActionStatus::Planned => &mut self.planned,
            ActionStatus::InProgress => &mut self.in_progress,
            ActionStatus::Done => &mut self.done,
            ActionStatus::Dropped => &mut self.dropped,
        }
    }
}

/// The report's plan section: the actions by status, those overdue, and the gaps no action
/// covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlanSummary {
    /// The day overdue is judged on: the assessment's `assessed_on` unless another was given.
    pub as_of: Date,
    /// How many actions the plan has.
    pub actions: usize,
    /// How many have each status.
    pub by_status: StatusCounts,
    /// Open actions due before `as_of`, in plan order.
    pub overdue: Vec<ActionId>,
    /// Gaps that no action other than a dropped one lists, in the order of `gaps`.
    pub unplanned_gaps: Vec<StandardId>,
}

impl PlanSummary {
    /// Summarises `plan` on `as_of` against the report's gaps (in their order).
    pub(crate) fn new<'a>(plan: &[Action], as_of: Date, gaps: impl IntoIterator<Item = &'a StandardId>) -> Self {
        let planned = |id: &StandardId| plan.iter().any(|a| a.plans() && a.standards.contains(id));
        Self {
            as_of,
            actions: plan.len(),
            by_status: StatusCounts::of(plan),
            overdue: plan.iter().filter(|a| a.is_overdue(as_of)).map(|a| a.id.clone()).collect(),
            unplanned_gaps: gaps.into_iter().filter(|id| !planned(id)).cloned().collect(),
        }
    }
}

impl Assessment {
    /// Starts the next round from this assessment: the same area and participants, dated
    /// `assessed_on`, in `catalogue`'s edition (migrating first when this one was rated against
    /// an older major edition), with no ratings; its open actions (planned or in progress)
    /// carried as they stand, and this round's rating and target of every standard kept in
    /// `previous`, so each standard shows last time's rating beside it and takes its target
    /// back when it is rated. Done and dropped actions stay in this round's file.
    ///
    /// # Errors
    /// [`Error::Unsupported`] with `dates_reversed` when `assessed_on` is before this
    /// assessment's date; as [`migrate`](crate::migrate) and [`Catalogue::check`].
    pub fn next_round(&self, catalogue: &Catalogue, assessed_on: Date) -> Result<Assessment, Error> {
        self.comes_before(assessed_on)?;
        let (this, _) = self.migrate(catalogue)?;
        self.start_next(this, catalogue, assessed_on)
    }

    /// [`next_round`](Self::next_round) for an assessment that needs no migration: one of
    /// `catalogue`'s edition or of an earlier minor edition of it. It is what a host without the
    /// migration code calls (the web package's lite module, which migrates with its second module
    /// first); the result is the same.
    ///
    /// # Errors
    /// As [`next_round`](Self::next_round), and [`Error::Unsupported`] with `mixed_catalogues`
    /// for an assessment of another catalogue, `mixed_editions` for one that needs migrating.
    pub fn next_round_in_edition(&self, catalogue: &Catalogue, assessed_on: Date) -> Result<Assessment, Error> {
        self.comes_before(assessed_on)?;
        if self.catalogue.id != catalogue.id {
            return Err(Error::unsupported(
                ErrorCode::MixedCatalogues,
                format!("the assessment is of catalogue `{}`, not `{}`", self.catalogue.id, catalogue.id),
            ));
        }
        if !crate::version::compatible(&self.catalogue.version, &catalogue.version) {
            return Err(Error::unsupported(
                ErrorCode::MixedEditions,
                format!(
                    "the assessment was rated against edition `{}`: migrate it into `{}` to start the next round there",
                    self.catalogue.version, catalogue.version
                ),
            ));
        }
        self.start_next(self.clone(), catalogue, assessed_on)
    }

    /// `dates_reversed` when a round dated `assessed_on` would come before this one.
    fn comes_before(&self, assessed_on: Date) -> Result<(), Error> {
        if assessed_on < self.assessed_on {
            return Err(Error::unsupported(
                ErrorCode::DatesReversed,
                format!("the next round ({assessed_on}) cannot be dated before this one ({})", self.assessed_on),
            ));
        }
        Ok(())
    }

    /// The next round from `this`, this assessment in `catalogue`'s edition.
    fn start_next(&self, this: Assessment, catalogue: &Catalogue, assessed_on: Date) -> Result<Assessment, Error> {
        catalogue.check(&this)?;
        let previous = Previous {
            catalogue: self.catalogue.clone(),
            assessed_on: self.assessed_on,
            ratings: this
                .ratings
                .iter()
                .map(|(id, e)| (id.clone(), PreviousRating { rating: e.rating, target: e.target }))
                .collect(),
        };
        let mut next = Assessment::new(catalogue.reference(), this.area.clone(), assessed_on);
        next.schema = this.schema.clone();
        next.participants = this.participants.clone();
        next.plan = this.plan.iter().filter(|a| a.status.is_open()).cloned().collect();
        next.previous = Some(previous);
        next.archive = this.archive;
        next.plan_archive = this.plan_archive;
        next.upgrade_format();
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> StandardId {
        StandardId::new(s).unwrap()
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn to_go_is_the_distance_below_the_target_and_zero_once_met() {
        let t = Target::new(3);
        assert_eq!(t.to_go(Some(1)), Some(2));
        assert_eq!(t.to_go(Some(3)), Some(0));
        assert_eq!(t.to_go(Some(5)), Some(0));
        assert_eq!(t.to_go(None), None);
    }

    #[test]
    fn overdue_is_open_and_due_before_the_day() {
        let a = Action::new(ActionId::new("A1").unwrap(), "x", vec![]).due(day("2025-09-30"));
        assert!(!a.is_overdue(day("2025-09-30")), "due on the day is not overdue");
        assert!(a.is_overdue(day("2025-10-01")));
        assert!(a.clone().with_status(ActionStatus::InProgress).is_overdue(day("2025-10-01")));
        assert!(!a.clone().with_status(ActionStatus::Done).is_overdue(day("2025-10-01")));
        assert!(!a.with_status(ActionStatus::Dropped).is_overdue(day("2025-10-01")));
        let undated = Action::new(ActionId::new("A2").unwrap(), "x", vec![]);
        assert!(!undated.is_overdue(day("2030-01-01")));
    }

    #[test]
    fn a_dropped_action_leaves_its_gaps_unplanned() {
        let plan = [
            Action::new(ActionId::new("A1").unwrap(), "x", vec![id("T1.1")]).with_status(ActionStatus::Dropped),
            Action::new(ActionId::new("A2").unwrap(), "y", vec![id("T1.2")]).with_status(ActionStatus::Done),
        ];
        let gaps = [id("T1.3"), id("T1.1"), id("T1.2")];
        let summary = PlanSummary::new(&plan, day("2025-01-01"), &gaps);
        assert_eq!(summary.unplanned_gaps, [id("T1.3"), id("T1.1")]);
        assert_eq!(summary.by_status, StatusCounts { planned: 0, in_progress: 0, done: 1, dropped: 1 });
    }

    #[test]
    fn statuses_read_back_from_their_words() {
        for status in ActionStatus::ALL {
            assert_eq!(status.as_str().parse::<ActionStatus>().unwrap(), status);
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{status}\""));
        }
        assert!("started".parse::<ActionStatus>().is_err());
    }
}
