//! What changed between editions of a catalogue, as data inside the newer edition. Migration
//! follows these changes to carry an assessment into the newer edition without losing a rating.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ids::StandardId;
use crate::version::Version;

/// The changes from one earlier edition to the edition that lists them.
///
/// Every standard of the listing edition is the target of exactly one change (new standards are
/// `added`), and every standard of the earlier edition should be the source of exactly one
/// change, so that migration accounts for every rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeSet {
    /// The earlier edition these changes lead from.
    #[serde(deserialize_with = "crate::version::de_version")]
    pub from: Version,
    /// What changed overall, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The fate of every standard.
    pub standards: Vec<StandardChange>,
}

/// What happened to one standard (or a group of them) between two editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub enum StandardChange {
    /// The standard carries on, perhaps under a new id or reworded. Its rating moves across;
    /// with `review`, the rating is flagged for another look because what "met" means changed.
    Kept {
        /// The id in the earlier edition.
        from: StandardId,
        /// The id in this edition.
        to: StandardId,
        /// Whether the change is large enough that a carried rating needs another look.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        review: bool,
        /// What changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The standard became several. Its rating is copied to each part and flagged for review.
    Split {
        /// The id in the earlier edition.
        from: StandardId,
        /// The ids of the parts in this edition.
        to: Vec<StandardId>,
        /// What changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Several standards became one. The lowest rating is taken and flagged for review; the
    /// other ratings are kept in the assessment's archive.
    Merged {
        /// The ids in the earlier edition.
        from: Vec<StandardId>,
        /// The id in this edition.
        to: StandardId,
        /// What changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The standard no longer exists. Its rating goes to the assessment's archive.
    Retired {
        /// The id in the earlier edition.
        from: StandardId,
        /// Why it was retired.
        reason: String,
    },
    /// A standard new in this edition; it starts unrated.
    Added {
        /// The id in this edition.
        to: StandardId,
        /// Why it was added.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl StandardChange {
    /// The earlier edition's standards this change starts from.
    #[must_use]
    pub fn sources(&self) -> &[StandardId] {
        match self {
            Self::Kept { from, .. } | Self::Split { from, .. } | Self::Retired { from, .. } => {
                std::slice::from_ref(from)
            }
            Self::Merged { from, .. } => from,
            Self::Added { .. } => &[],
        }
    }

    /// This edition's standards the change leads to.
    #[must_use]
    pub fn targets(&self) -> &[StandardId] {
        match self {
            Self::Kept { to, .. } | Self::Merged { to, .. } | Self::Added { to, .. } => std::slice::from_ref(to),
            Self::Split { to, .. } => to,
            Self::Retired { .. } => &[],
        }
    }

    /// The kind of change as written in files: `kept`, `split`, `merged`, `retired`, `added`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Kept { .. } => "kept",
            Self::Split { .. } => "split",
            Self::Merged { .. } => "merged",
            Self::Retired { .. } => "retired",
            Self::Added { .. } => "added",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_and_write_with_a_change_tag() {
        let text = r#"{"from":"1.0.0","standards":[
            {"change":"kept","from":"T1.1","to":"T1.1"},
            {"change":"kept","from":"T1.2","to":"T1.3","review":true,"note":"now to 24 months"},
            {"change":"split","from":"T2.1","to":["T2.1","T2.2"]},
            {"change":"merged","from":["T3.1","T3.2"],"to":"T3.1"},
            {"change":"retired","from":"T4.1","reason":"superseded"},
            {"change":"added","to":"T6.1"}]}"#;
        let set: ChangeSet = serde_json::from_str(text).unwrap();
        assert_eq!(set.standards.len(), 6);
        assert_eq!(set.standards[2].targets().len(), 2);
        assert_eq!(set.standards[3].sources().len(), 2);
        let back: ChangeSet = serde_json::from_str(&serde_json::to_string(&set).unwrap()).unwrap();
        assert_eq!(back, set);
    }

    #[test]
    fn unknown_fields_in_a_change_are_errors() {
        let text = r#"{"from":"1.0.0","standards":[{"change":"kept","from":"T1.1","to":"T1.1","oops":1}]}"#;
        assert!(serde_json::from_str::<ChangeSet>(text).is_err());
        let text = r#"{"from":"1.0.0","standards":[{"change":"renamed","from":"T1.1","to":"T1.1"}]}"#;
        assert!(serde_json::from_str::<ChangeSet>(text).is_err());
    }
}
