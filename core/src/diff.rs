//! Drafting the `changes` of a new edition: compares two editions of a catalogue standard by
//! standard and writes the change set an editor starts from.
//!
//! | the standard | drafted change |
//! | --- | --- |
//! | same id, same title, description and priority | `kept` |
//! | same id, text or priority changed | `kept` with `review: true` (the editor says the `scope`) |
//! | only in the new edition | `added` |
//! | only in the old edition | `retired`, with a reason to fill in |
//!
//! Splits, merges and moves to a new id cannot be told from the text; the editor turns the
//! drafted `retired` and `added` entries into them.

use serde::Serialize;

use crate::assessment::CatalogueRef;
use crate::catalogue::{Catalogue, Standard};
use crate::changes::{ChangeSet, StandardChange};
use crate::ids::StandardId;

/// The reason a drafted `retired` change carries until the editor writes one.
pub const REASON_TO_FILL_IN: &str = "TO FILL IN: why this standard was retired";

/// What changed between two editions, standard by standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueDiff {
    /// The older edition.
    pub from: CatalogueRef,
    /// The newer edition.
    pub to: CatalogueRef,
    /// Ids kept with the same title, description and priority.
    pub same: Vec<StandardId>,
    /// Ids kept whose text or priority changed (to review).
    pub changed: Vec<ChangedStandard>,
    /// Ids only in the newer edition.
    pub added: Vec<StandardId>,
    /// Ids only in the older edition (retired, or split, merged or renamed by hand).
    pub removed: Vec<StandardId>,
    /// The older edition's standards, in order (for drafting the changes in that order).
    #[serde(skip)]
    order: Vec<StandardId>,
}

/// A standard kept under its id whose text or priority changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedStandard {
    /// The standard's id.
    pub id: StandardId,
    /// What changed: `title`, `description`, `priority`.
    pub fields: Vec<&'static str>,
    /// The priority before and after, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<(&'static str, &'static str)>,
}

/// Compares edition `old` with edition `new` of a catalogue.
#[must_use]
pub fn diff(old: &Catalogue, new: &Catalogue) -> CatalogueDiff {
    let mut same = Vec::new();
    let mut changed = Vec::new();
    let mut removed = Vec::new();
    for (_, before) in old.standards() {
        match new.standard(before.id.as_str()) {
            Some((_, after)) => {
                let fields = differences(before, after);
                if fields.is_empty() {
                    same.push(before.id.clone());
                } else {
                    let priority = (before.priority != after.priority)
                        .then(|| (before.priority.as_str(), after.priority.as_str()));
                    changed.push(ChangedStandard { id: before.id.clone(), fields, priority });
                }
            }
            None => removed.push(before.id.clone()),
        }
    }
    let added =
        new.standards().filter(|(_, s)| old.standard(s.id.as_str()).is_none()).map(|(_, s)| s.id.clone()).collect();
    let order = old.standards().map(|(_, s)| s.id.clone()).collect();
    CatalogueDiff { from: old.reference(), to: new.reference(), same, changed, added, removed, order }
}

fn differences(before: &Standard, after: &Standard) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if before.title != after.title {
        fields.push("title");
    }
    if before.description != after.description {
        fields.push("description");
    }
    if before.priority != after.priority {
        fields.push("priority");
    }
    fields
}

impl CatalogueDiff {
    /// The drafted change set, in the older edition's order (kept and retired), then the added
    /// standards in the newer edition's order.
    #[must_use]
    pub fn to_changes(&self) -> ChangeSet {
        let mut standards = Vec::new();
        for id in &self.order {
            if self.removed.contains(id) {
                standards.push(StandardChange::Retired { from: id.clone(), reason: REASON_TO_FILL_IN.to_owned() });
            } else if let Some(c) = self.changed.iter().find(|c| c.id == *id) {
                standards.push(StandardChange::Kept {
                    from: id.clone(),
                    to: id.clone(),
                    review: true,
                    scope: None,
                    note: Some(format!(
                        "TO FILL IN: what changed ({}); say `scope` same, narrower or broader.",
                        describe(c)
                    )),
                });
            } else {
                standards.push(StandardChange::Kept {
                    from: id.clone(),
                    to: id.clone(),
                    review: false,
                    scope: None,
                    note: None,
                });
            }
        }
        for id in &self.added {
            standards.push(StandardChange::Added { to: id.clone(), note: None });
        }
        ChangeSet { from: self.from.version.clone(), summary: None, standards }
    }

    /// A readable summary, for people.
    #[must_use]
    pub fn summary(&self) -> String {
        use std::fmt::Write as _;
        let mut out = format!(
            "{} {} -> {}: {} kept with the same text, {} kept with changed text (review), {} new, {} removed\n",
            self.to.id,
            self.from.version,
            self.to.version,
            self.same.len(),
            self.changed.len(),
            self.added.len(),
            self.removed.len()
        );
        if !self.changed.is_empty() {
            out.push_str("\nChanged (review; say whether each now asks for the same, less or more):\n");
            for c in &self.changed {
                let _ = writeln!(out, "  {}: {}", c.id, describe(c));
            }
        }
        if !self.added.is_empty() {
            let _ = writeln!(out, "\nNew (start unrated): {}", join(&self.added));
        }
        if !self.removed.is_empty() {
            let _ = writeln!(
                out,
                "\nRemoved (drafted as retired; write the reason, or make them split, merged or kept under a new id): {}",
                join(&self.removed)
            );
        }
        out
    }
}

fn describe(c: &ChangedStandard) -> String {
    let mut parts: Vec<String> =
        c.fields.iter().filter(|f| **f != "priority").map(|f| format!("{f} changed")).collect();
    if let Some((before, after)) = c.priority {
        parts.push(format!("priority {before} -> {after}"));
    }
    parts.join(", ")
}

fn join(ids: &[StandardId]) -> String {
    ids.iter().map(StandardId::as_str).collect::<Vec<_>>().join(", ")
}

impl Catalogue {
    /// Compares this (older) edition with `newer`; see [`diff`](crate::diff).
    ///
    /// # Example
    /// ```
    /// use carepath::Catalogue;
    /// let old = Catalogue::bundled("perinatal-mental-health", Some("2.0.0"))?;
    /// let new = Catalogue::bundled("perinatal-mental-health", Some("3.0.0"))?;
    /// let d = old.diff(&new);
    /// assert!(d.added.iter().any(|id| id == "T3.11"));
    /// assert_eq!(d.to_changes().standards.len(), d.same.len() + d.changed.len() + d.added.len() + d.removed.len());
    /// # Ok::<(), carepath::Error>(())
    /// ```
    #[must_use]
    pub fn diff(&self, newer: &Catalogue) -> CatalogueDiff {
        diff(self, newer)
    }
}
