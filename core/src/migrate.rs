//! Migration: carries an assessment into a newer edition of its catalogue by following the
//! changes the newer edition lists, so that no rating is re-entered and none is ever lost.
//!
//! What each kind of change does to a rating:
//!
//! | change | the rating |
//! | --- | --- |
//! | `kept` | moves to the standard's id in the new edition; with `review`, it is flagged for another look |
//! | `split` | is copied to every part, each flagged for review |
//! | `merged` | the lowest of the merged ratings is carried and flagged for review; the others go to the archive |
//! | any of these, `broader` | is not carried: it goes to the archive with the old score in words, and the new standard starts unrated |
//!
//! A score is carried only onto a standard that means the same or less (the change's `scope`,
//! see [`StandardChange::scope`]): a `kept` change without `review` means the same; a `kept`
//! change with `review`, a split and a merge are `broader` unless they say `same` or `narrower`,
//! so migration never says an area meets more than it was rated for.
//! | `retired` | goes to the archive with the reason |
//! | `added` | (nothing: the new standard starts unrated) |
//!
//! "Lowest" in a merge means the lowest score; when no merged standard was scored, `unknown`
//! wins over `not_applicable` (a gap in knowledge is kept in view). A rating of a standard that
//! the changes do not mention also goes to the archive. The archive keeps each rating whole
//! (rating, evidence, confidence, actions, review note) with the edition it was made against.

use std::collections::HashSet;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{ArchivedRating, Assessment, CatalogueRef, Previous, PreviousRating, Rating, RatingEntry};
use crate::bundled::bundled_editions;
use crate::catalogue::Catalogue;
use crate::changes::{ChangeSet, StandardChange};
use crate::code::ErrorCode;
use crate::error::Error;
use crate::ids::{ActionId, StandardId};
use crate::plan::{Action, ArchivedAction};
use crate::version::{self, Version};

/// What migration did to every rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "carepath migration report")]
#[non_exhaustive]
pub struct MigrationReport {
    /// The edition the assessment was rated against.
    pub from: CatalogueRef,
    /// The edition it was carried into.
    pub to: CatalogueRef,
    /// One step per pair of editions crossed, oldest first; empty when the assessment was
    /// already compatible with the target edition and nothing changed.
    pub steps: Vec<MigrationStep>,
}

/// One step of a migration, from one edition to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MigrationStep {
    /// The edition the step starts from.
    pub from: CatalogueRef,
    /// The edition the step leads to.
    pub to: CatalogueRef,
    /// The fate of every rating the assessment had at the start of the step, in its order.
    pub fates: Vec<RatingFate>,
    /// Standards new in this edition; they start unrated.
    pub added: Vec<StandardId>,
    /// What became of every action of the plan at the start of the step, in plan order
    /// (file format 1.1; empty for an assessment without a plan).
    #[serde(default)]
    pub actions: Vec<ActionFate>,
}

/// What became of one action of the plan: the standards it named, re-pointed through the
/// edition's changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ActionFate {
    /// The action's id.
    pub id: ActionId,
    /// The standards it named, in the earlier edition.
    pub from: Vec<StandardId>,
    /// The standards it names now, in the newer edition (empty when archived).
    pub to: Vec<StandardId>,
    /// What happened to it.
    pub fate: ActionMove,
    /// Why, for people: which standards left and why; `null` when nothing changed.
    pub note: Option<String>,
}

/// What migration did to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionMove {
    /// Its standards are the same in the newer edition.
    Kept,
    /// It names other standards now (renamed, split, merged, or some retired).
    Repointed,
    /// None of its standards is in the newer edition: it went to the plan archive.
    Archived,
}

/// What became of one rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RatingFate {
    /// The standard's id in the earlier edition.
    pub standard: StandardId,
    /// The rating it had.
    pub rating: Rating,
    /// What happened to it.
    pub fate: Fate,
    /// The standards of the new edition that now carry it (for `archived`, where it would
    /// have gone, if anywhere).
    pub to: Vec<StandardId>,
    /// Whether the carried rating is flagged for another look.
    pub review: bool,
    /// The edition's note on the change, or the reason for archiving.
    pub note: Option<String>,
}

/// What happened to a rating in migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    /// Carried to the same id.
    Kept,
    /// Carried to a new id.
    Renamed,
    /// Copied to each part of a split standard.
    Split,
    /// Carried as the lowest rating of a merge.
    Merged,
    /// Kept in the assessment's archive (retired standard, other half of a merge, or a
    /// standard the changes do not mention).
    Archived,
}

impl MigrationReport {
    /// Every rating flagged for review in the new edition, by new id.
    #[must_use]
    pub fn to_review(&self) -> Vec<&StandardId> {
        let mut seen = HashSet::new();
        self.steps
            .iter()
            .flat_map(|s| &s.fates)
            .filter(|f| f.review)
            .flat_map(|f| &f.to)
            .filter(|id| seen.insert(*id))
            .collect()
    }

    /// How many ratings were archived, over all steps.
    #[must_use]
    pub fn archived(&self) -> usize {
        self.steps.iter().flat_map(|s| &s.fates).filter(|f| f.fate == Fate::Archived).count()
    }

    /// The report as pretty-printed JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// Carries an assessment into edition `to`, following the changes `to` lists (and, across
/// several editions, the changes of the bundled editions in between).
///
/// An assessment already compatible with `to` (the same major version) is returned unchanged
/// with a report of no steps, so migrating twice changes nothing.
///
/// # Errors
/// [`Error::Unsupported`] when the assessment is of another catalogue (`mixed_catalogues`), of
/// a newer edition than `to` (`migration_backwards`), or no chain of editions with changes
/// leads from its edition to `to` (`no_migration_path`); [`Error::Invalid`] when the assessment
/// does not check against its own edition (when that edition is at hand: bundled, given in
/// `via`, or `to` itself), or when the migrated assessment does not check against `to` (which
/// would mean the catalogue's changes are wrong).
pub fn migrate(assessment: &Assessment, to: &Catalogue) -> Result<(Assessment, MigrationReport), Error> {
    // Only the editions from the assessment's own up to the target can be on the way.
    let via_refs = crate::bundled_via(&assessment.catalogue, &to.reference());
    let via: Vec<Catalogue> = bundled_editions(to.id.as_str(), |r| via_refs.contains(r));
    migrate_via(assessment, to, &via)
}

/// As [`migrate`], with the intermediate editions given rather than taken from the bundled
/// catalogues.
///
/// # Errors
/// As [`migrate`].
pub fn migrate_via(
    assessment: &Assessment,
    to: &Catalogue,
    via: &[Catalogue],
) -> Result<(Assessment, MigrationReport), Error> {
    let from = assessment.catalogue.clone();
    if from.id != to.id {
        return Err(Error::unsupported(
            ErrorCode::MixedCatalogues,
            format!(
                "the assessment is of catalogue `{}`, not `{}`: migration stays within one catalogue",
                from.id, to.id
            ),
        ));
    }
    // Check the assessment against its own edition, where that edition is at hand, so that a
    // mistyped standard id is reported rather than archived.
    if let Some(own) = std::iter::once(to).chain(via).find(|c| version::compatible(&from.version, &c.version)) {
        own.check(assessment)?;
    }
    if version::compatible(&from.version, &to.version) {
        return Ok((assessment.clone(), MigrationReport { from, to: to.reference(), steps: Vec::new() }));
    }
    if from.version > to.version {
        return Err(Error::unsupported(
            ErrorCode::MigrationBackwards,
            format!(
                "the assessment was rated against edition `{}`, newer than `{}`: migration only goes forward",
                from.version, to.version
            ),
        ));
    }
    let chain = path(&from.version, to, via).ok_or_else(|| {
        Error::unsupported(
            ErrorCode::NoMigrationPath,
            format!(
                "no edition lists changes leading from `{}` to `{}` of `{}`; give the editions in between",
                from.version, to.version, to.id
            ),
        )
    })?;
    let mut current = assessment.clone();
    let mut steps = Vec::with_capacity(chain.len());
    for (catalogue, changes) in chain {
        let (next, step) = apply(&current, catalogue, changes);
        current = next;
        steps.push(step);
    }
    to.check(&current)?;
    Ok((current, MigrationReport { from, to: to.reference(), steps }))
}

/// The editions to pass through, each with the change set that leads into it, oldest first.
fn path<'a>(from: &Version, to: &'a Catalogue, via: &'a [Catalogue]) -> Option<Vec<(&'a Catalogue, &'a ChangeSet)>> {
    fn walk<'a>(
        from: &Version,
        to: &'a Catalogue,
        via: &'a [Catalogue],
        depth: usize,
    ) -> Option<Vec<(&'a Catalogue, &'a ChangeSet)>> {
        if depth > via.len() + 1 {
            return None;
        }
        // A change set applies when the assessment's edition is compatible with its `from`.
        if let Some(set) = to.changes.iter().find(|set| version::compatible(from, &set.from)) {
            return Some(vec![(to, set)]);
        }
        // Otherwise step back through an intermediate edition the changes lead from.
        to.changes.iter().find_map(|set| {
            let middle = via
                .iter()
                .filter(|c| c.id == to.id && c.version < to.version && version::compatible(&set.from, &c.version))
                .max_by(|a, b| a.version.cmp(&b.version))?;
            let mut chain = walk(from, middle, via, depth + 1)?;
            chain.push((to, set));
            Some(chain)
        })
    }
    walk(from, to, via, 0)
}

/// One step: follows `changes` to carry `assessment` into `to`.
fn apply(assessment: &Assessment, to: &Catalogue, changes: &ChangeSet) -> (Assessment, MigrationStep) {
    let from_ref = assessment.catalogue.clone();
    let edition = &to.version;
    let mut carried: IndexMap<StandardId, RatingEntry> = IndexMap::new();
    let mut archive = assessment.archive.clone();
    let mut fates: IndexMap<StandardId, RatingFate> = IndexMap::new();
    let mut added = Vec::new();
    let archive_entry = |id: &StandardId, entry: &RatingEntry, reason: String| ArchivedRating {
        catalogue: from_ref.clone(),
        standard: id.clone(),
        rating: entry.rating,
        target: entry.target,
        evidence: entry.evidence.clone(),
        groups: entry.groups.clone(),
        evidence_level: entry.evidence_level,
        evidence_date: entry.evidence_date,
        confidence: entry.confidence,
        actions: entry.actions.clone(),
        review: entry.review.clone(),
        reason,
    };
    let fate = |id: &StandardId, entry: &RatingEntry, fate, to: Vec<StandardId>, review, note: Option<String>| {
        RatingFate { standard: id.clone(), rating: entry.rating, fate, to, review, note }
    };

    // A score that a broader standard cannot take goes to the archive, with the old score in
    // words, and the new standard starts unrated.
    let withheld_reason = |id: &StandardId, entry: &RatingEntry, targets: &[StandardId], how: &str| {
        format!(
            "not carried: edition {edition} {how} {}, which {} for more than `{id}` of edition {}; it was rated {} there, so rate {} afresh",
            list(targets),
            if targets.len() == 1 { "asks" } else { "ask" },
            from_ref.version,
            in_words(entry.rating, to),
            if targets.len() == 1 { "it" } else { "them" }
        )
    };

    for change in &changes.standards {
        let carries = change.scope().is_none_or(crate::changes::Scope::carries);
        match change {
            StandardChange::Kept { from, to: target, note, .. } => {
                if let Some(entry) = assessment.ratings.get(from) {
                    let targets = std::slice::from_ref(target);
                    if !carries {
                        let how = if from == target { "changed" } else { "replaced it with" };
                        let why = withheld_reason(from, entry, targets, how);
                        archive.push(archive_entry(from, entry, why.clone()));
                        fates.insert(
                            from.clone(),
                            fate(from, entry, Fate::Archived, targets.to_vec(), false, Some(why)),
                        );
                        continue;
                    }
                    let review = change.review();
                    let mut entry = entry.clone();
                    if review {
                        flag(&mut entry, kept_note(from, target, edition, note.as_deref()));
                    }
                    carried.insert(target.clone(), entry.clone());
                    let kind = if from == target { Fate::Kept } else { Fate::Renamed };
                    fates.insert(from.clone(), fate(from, &entry, kind, vec![target.clone()], review, note.clone()));
                }
            }
            StandardChange::Split { from, to: parts, note, .. } => {
                if let Some(entry) = assessment.ratings.get(from) {
                    if !carries {
                        let why = withheld_reason(from, entry, parts, "split it into");
                        archive.push(archive_entry(from, entry, why.clone()));
                        fates.insert(from.clone(), fate(from, entry, Fate::Archived, parts.clone(), false, Some(why)));
                        continue;
                    }
                    for part in parts {
                        let mut copy = entry.clone();
                        flag(
                            &mut copy,
                            format!(
                                "edition {edition} split `{from}` into {}: check that the rating fits `{part}`",
                                list(parts)
                            ),
                        );
                        carried.insert(part.clone(), copy);
                    }
                    fates.insert(from.clone(), fate(from, entry, Fate::Split, parts.clone(), true, note.clone()));
                }
            }
            StandardChange::Merged { from: sources, to: target, note, .. } => {
                let rated: Vec<(&StandardId, &RatingEntry)> =
                    sources.iter().filter_map(|id| assessment.ratings.get(id).map(|e| (id, e))).collect();
                if !carries {
                    for (id, e) in &rated {
                        let why = withheld_reason(id, e, std::slice::from_ref(target), "merged it into");
                        archive.push(archive_entry(id, e, why.clone()));
                        fates
                            .insert((*id).clone(), fate(id, e, Fate::Archived, vec![target.clone()], false, Some(why)));
                    }
                    continue;
                }
                let Some(&(lowest_id, lowest)) = rated.iter().min_by_key(|(_, e)| merge_rank(e.rating)) else {
                    continue;
                };
                let shown: Vec<String> = rated.iter().map(|(id, e)| format!("`{id}` {}", e.rating)).collect();
                let mut entry = lowest.clone();
                flag(
                    &mut entry,
                    format!(
                        "edition {edition} merged {} into `{target}`; the lowest rating ({}) was carried and the others are in the archive",
                        list(sources),
                        shown.join(", ")
                    ),
                );
                carried.insert(target.clone(), entry);
                for (id, e) in &rated {
                    if *id == lowest_id {
                        fates
                            .insert((*id).clone(), fate(id, e, Fate::Merged, vec![target.clone()], true, note.clone()));
                    } else {
                        let reason = format!(
                            "merged into `{target}` in edition {edition}, which carried the lowest rating (`{lowest_id}`)"
                        );
                        archive.push(archive_entry(id, e, reason.clone()));
                        fates.insert(
                            (*id).clone(),
                            fate(id, e, Fate::Archived, vec![target.clone()], false, Some(reason)),
                        );
                    }
                }
            }
            StandardChange::Retired { from, reason } => {
                if let Some(entry) = assessment.ratings.get(from) {
                    let why = format!("retired in edition {edition}: {reason}");
                    archive.push(archive_entry(from, entry, why.clone()));
                    fates.insert(from.clone(), fate(from, entry, Fate::Archived, Vec::new(), false, Some(why)));
                }
            }
            StandardChange::Added { to: target, .. } => added.push(target.clone()),
        }
    }

    // Ratings the changes do not mention are kept too.
    for (id, entry) in &assessment.ratings {
        if !fates.contains_key(id) {
            let why = format!("edition {edition} lists no change for `{id}` of edition {}", from_ref.version);
            archive.push(archive_entry(id, entry, why.clone()));
            fates.insert(id.clone(), fate(id, entry, Fate::Archived, Vec::new(), false, Some(why)));
        }
    }

    // The new ratings follow the new edition's order.
    let mut ratings = IndexMap::with_capacity(carried.len());
    for (_, s) in to.standards() {
        if let Some(entry) = carried.shift_remove(s.id.as_str()) {
            ratings.insert(s.id.clone(), entry);
        }
    }
    let fates: Vec<RatingFate> = assessment.ratings.keys().filter_map(|id| fates.shift_remove(id.as_str())).collect();

    // The plan follows its standards; an action none of whose standards is left is archived.
    let mut plan = Vec::with_capacity(assessment.plan.len());
    let mut plan_archive = assessment.plan_archive.clone();
    let mut actions = Vec::with_capacity(assessment.plan.len());
    for action in &assessment.plan {
        let (moved, fate) = repoint(action, changes, edition);
        if fate.fate == ActionMove::Archived {
            plan_archive.push(ArchivedAction {
                catalogue: from_ref.clone(),
                action: action.clone(),
                reason: fate.note.clone().unwrap_or_default(),
            });
        } else {
            plan.push(moved);
        }
        actions.push(fate);
    }

    // The previous round's ratings and targets are shown for reference beside the standards
    // that carry them, by the same rules as the ratings themselves.
    let previous = assessment.previous.as_ref().map(|p| {
        let then = Assessment {
            ratings: p
                .ratings
                .iter()
                .map(|(id, r)| (id.clone(), RatingEntry { target: r.target, ..RatingEntry::new(r.rating) }))
                .collect(),
            plan: Vec::new(),
            previous: None,
            ..assessment.clone()
        };
        let (carried, _) = apply(&then, to, changes);
        Previous {
            ratings: carried
                .ratings
                .into_iter()
                .map(|(id, e)| (id, PreviousRating { rating: e.rating, target: e.target }))
                .collect(),
            ..p.clone()
        }
    });

    // A local group that the newer edition declares becomes the catalogue's: its ratings keep
    // the id.
    let groups = assessment.groups.iter().filter(|g| to.group(g.id.as_str()).is_none()).cloned().collect();
    let migrated = Assessment {
        catalogue: to.reference(),
        ratings,
        archive,
        plan,
        plan_archive,
        previous,
        groups,
        ..assessment.clone()
    };
    (migrated, MigrationStep { from: from_ref, to: to.reference(), fates, added, actions })
}

/// Where a standard of the earlier edition went: its standards in the newer edition (none when
/// it retired or no change mentions it), and why when it went nowhere.
fn destinations<'a>(changes: &'a ChangeSet, id: &StandardId, edition: &Version) -> Result<&'a [StandardId], String> {
    let change =
        changes.standards.iter().find(|c| !matches!(c, StandardChange::Added { .. }) && c.sources().contains(id));
    match change {
        Some(StandardChange::Retired { reason, .. }) => Err(format!("`{id}` retired in edition {edition}: {reason}")),
        Some(change) => Ok(change.targets()),
        None => Err(format!("edition {edition} lists no change for `{id}`")),
    }
}

/// Re-points an action's standards through one edition's changes.
fn repoint(action: &Action, changes: &ChangeSet, edition: &Version) -> (Action, ActionFate) {
    let mut to: Vec<StandardId> = Vec::with_capacity(action.standards.len());
    let mut gone = Vec::new();
    for id in &action.standards {
        match destinations(changes, id, edition) {
            Ok(targets) => {
                for target in targets {
                    if !to.contains(target) {
                        to.push(target.clone());
                    }
                }
            }
            Err(why) => gone.push(why),
        }
    }
    let fate = if !action.standards.is_empty() && to.is_empty() {
        ActionMove::Archived
    } else if to == action.standards {
        ActionMove::Kept
    } else {
        ActionMove::Repointed
    };
    let note = match fate {
        ActionMove::Archived => Some(format!("none of its standards is in edition {edition}: {}", gone.join("; "))),
        ActionMove::Repointed if gone.is_empty() => {
            Some(format!("edition {edition} changed its standards: {} became {}", list(&action.standards), list(&to)))
        }
        ActionMove::Repointed => Some(format!("{}; it names {} now", gone.join("; "), list(&to))),
        ActionMove::Kept => None,
    };
    let moved = Action { standards: to.clone(), ..action.clone() };
    (moved, ActionFate { id: action.id.clone(), from: action.standards.clone(), to, fate, note })
}

/// A rating in words, for a note: `5 (Fully in place and evidenced)`, `not applicable`,
/// `unknown`.
fn in_words(rating: Rating, catalogue: &Catalogue) -> String {
    match rating {
        Rating::Score(v) => match catalogue.scale.levels.iter().find(|l| l.value == v) {
            Some(level) => format!("{v} ({})", level.label),
            None => v.to_string(),
        },
        Rating::NotApplicable => "not applicable".to_owned(),
        Rating::Unknown => "unknown".to_owned(),
    }
}

/// The order in which merged ratings count as "lowest": any score below `unknown`, `unknown`
/// below `not_applicable`.
fn merge_rank(rating: Rating) -> (u8, i32) {
    match rating {
        Rating::Score(v) => (0, v),
        Rating::Unknown => (1, 0),
        Rating::NotApplicable => (2, 0),
    }
}

fn kept_note(from: &StandardId, to: &StandardId, edition: &Version, note: Option<&str>) -> String {
    let moved = if from == to { format!("`{to}`") } else { format!("`{from}` (now `{to}`)") };
    match note {
        Some(note) => format!("edition {edition} changed {moved}: {note} Check that the rating still holds."),
        None => format!("edition {edition} changed {moved}. Check that the rating still holds."),
    }
}

/// Adds a review note, keeping any earlier one; a target that came with the rating is flagged
/// with it.
fn flag(entry: &mut RatingEntry, mut note: String) {
    if let Some(target) = entry.target {
        note.push_str(&format!(" Its target ({}) came with it: check that too.", target.rating));
    }
    entry.review = Some(match entry.review.take() {
        Some(earlier) if !earlier.is_empty() => format!("{earlier} / {note}"),
        _ => note,
    });
}

fn list(ids: &[StandardId]) -> String {
    ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
}

impl Assessment {
    /// Carries this assessment into edition `to`; see [`migrate`].
    ///
    /// # Errors
    /// As [`migrate`].
    pub fn migrate(&self, to: &Catalogue) -> Result<(Self, MigrationReport), Error> {
        migrate(self, to)
    }
}
