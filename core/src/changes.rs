//! What changed between editions of a catalogue, as data inside the newer edition. Migration
//! follows these changes to carry an assessment into the newer edition without losing a rating.

use std::fmt;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

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
    #[serde(deserialize_with = "crate::json::objects")]
    pub standards: Vec<StandardChange>,
}

// Read by hand (`ChangeReader`, below) rather than by serde's internally tagged reader, which
// buffers the whole object first and so loses where in it a value went wrong.
/// What happened to one standard (or a group of them) between two editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
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
        /// How what "fully met" means moved: `same` or `narrower` carry the score, `broader`
        /// does not. Left out, it is `same` without `review` and `broader` with it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<Scope>,
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
        /// Whether every part asks the same as the old standard or less (`same`, `narrower`:
        /// the score is copied) or more (`broader`, the default: the parts start unrated).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<Scope>,
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
        /// Whether the merged standard asks for no more than the old ones together (`same`,
        /// `narrower`: the lowest score is carried) or for more (`broader`, the default: it
        /// starts unrated).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<Scope>,
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

/// How far what "fully met" means moved between the old standard and the new one. A score is
/// carried only onto a standard that means the same or less, so that migration never says an
/// area meets more than it was rated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The new standard asks for the same thing (perhaps reworded): the score is carried.
    Same,
    /// The new standard asks for less, or for a part of the old one: the score is carried and
    /// flagged for review.
    Narrower,
    /// The new standard asks for more, or for something new: the score is not carried; it goes
    /// to the archive with the old score in words, and the new standard starts unrated.
    Broader,
}

impl Scope {
    /// Whether a score may be carried across a change of this scope.
    #[must_use]
    pub fn carries(self) -> bool {
        !matches!(self, Self::Broader)
    }

    /// The scope's name as written in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::Narrower => "narrower",
            Self::Broader => "broader",
        }
    }
}

/// The kind of a change, as its `change` tag says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Kept,
    Split,
    Merged,
    Retired,
    Added,
}

impl Kind {
    /// Whether `from` (or `to`) of this kind is a list of ids (else one id).
    fn many(self, field: Field) -> bool {
        matches!((self, field), (Self::Split, Field::To) | (Self::Merged, Field::From))
    }

    /// The fields this kind of change has, besides `change`.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Kept => &["from", "to", "review", "scope", "note"],
            Self::Split | Self::Merged => &["from", "to", "scope", "note"],
            Self::Retired => &["from", "reason"],
            Self::Added => &["to", "note"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Split => "split",
            Self::Merged => "merged",
            Self::Retired => "retired",
            Self::Added => "added",
        }
    }
}

const FIELDS: &[&str] = &["change", "from", "to", "review", "note", "reason", "scope"];

/// A key of a change object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Change,
    From,
    To,
    Review,
    Note,
    Reason,
    Scope,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Key;
        impl Visitor<'_> for Key {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field of a change")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "change" => Field::Change,
                    "from" => Field::From,
                    "to" => Field::To,
                    "review" => Field::Review,
                    "note" => Field::Note,
                    "reason" => Field::Reason,
                    "scope" => Field::Scope,
                    other => return Err(E::unknown_field(other, FIELDS)),
                })
            }
        }
        deserializer.deserialize_identifier(Key)
    }
}

/// One id or a list of ids, as a value of `from` or `to`.
#[derive(Debug)]
enum Ids {
    One(StandardId),
    Many(Vec<StandardId>),
}

/// Reads `from` or `to`: in the shape the kind asks for when the tag came first (so a value of
/// the wrong shape fails where it stands), else in either shape, checked once the kind is known.
struct IdsSeed(Option<bool>);

impl<'de> DeserializeSeed<'de> for IdsSeed {
    type Value = Ids;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Ids, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Ids;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a standard id or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ids, E> {
                StandardId::new(v).map(Ids::One).map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ids, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element()? {
                    ids.push(id);
                }
                Ok(Ids::Many(ids))
            }
        }
        match self.0 {
            Some(true) => Vec::<StandardId>::deserialize(deserializer).map(Ids::Many),
            Some(false) => StandardId::deserialize(deserializer).map(Ids::One),
            None => deserializer.deserialize_any(Either),
        }
    }
}

/// Reads a [`StandardChange`] from a JSON object, field by field, so that every error stays
/// where it happened (the `change` tag comes first in every file carepath writes).
struct ChangeReader;

impl<'de> Visitor<'de> for ChangeReader {
    type Value = StandardChange;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a change: an object with a `change` tag")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StandardChange, A::Error> {
        let mut kind: Option<Kind> = None;
        let (mut from, mut to): (Option<Ids>, Option<Ids>) = (None, None);
        let (mut review, mut note, mut reason): (Option<bool>, Option<Option<String>>, Option<String>) =
            (None, None, None);
        let mut scope: Option<Option<Scope>> = None;
        let mut seen: Vec<Field> = Vec::new();
        while let Some(field) = map.next_key::<Field>()? {
            if seen.contains(&field) {
                return Err(de::Error::custom(format!("duplicate field `{}`", FIELDS[field as usize])));
            }
            seen.push(field);
            if let Some(k) = kind
                && field != Field::Change
                && !k.fields().contains(&FIELDS[field as usize])
            {
                return Err(de::Error::custom(format!(
                    "unknown field `{}` in a `{}` change, expected one of `change`, {}",
                    FIELDS[field as usize],
                    k.name(),
                    k.fields().iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                )));
            }
            match field {
                Field::Change => kind = Some(map.next_value_seed(WordSeed)?),
                Field::From => from = Some(map.next_value_seed(IdsSeed(kind.map(|k| k.many(Field::From))))?),
                Field::To => to = Some(map.next_value_seed(IdsSeed(kind.map(|k| k.many(Field::To))))?),
                Field::Review => review = Some(map.next_value()?),
                Field::Note => note = Some(map.next_value()?),
                Field::Reason => reason = Some(map.next_value()?),
                Field::Scope => scope = Some(map.next_value_seed(OptionalWordSeed(PhantomData))?),
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("change"))?;
        if let Some(extra) =
            seen.iter().find(|f| **f != Field::Change && !kind.fields().contains(&FIELDS[**f as usize]))
        {
            return Err(de::Error::custom(format!(
                "unknown field `{}` in a `{}` change",
                FIELDS[*extra as usize],
                kind.name()
            )));
        }
        let one = |ids: Option<Ids>, field: &'static str| -> Result<StandardId, A::Error> {
            match ids {
                Some(Ids::One(id)) => Ok(id),
                Some(Ids::Many(_)) => {
                    Err(de::Error::custom(format!("`{field}` of a `{}` change is one standard id", kind.name())))
                }
                None => Err(de::Error::missing_field(field)),
            }
        };
        let many = |ids: Option<Ids>, field: &'static str| -> Result<Vec<StandardId>, A::Error> {
            match ids {
                Some(Ids::Many(ids)) => Ok(ids),
                Some(Ids::One(_)) => {
                    Err(de::Error::custom(format!("`{field}` of a `{}` change is a list of standard ids", kind.name())))
                }
                None => Err(de::Error::missing_field(field)),
            }
        };
        let note = note.flatten();
        let scope = scope.flatten();
        Ok(match kind {
            Kind::Kept => StandardChange::Kept {
                from: one(from, "from")?,
                to: one(to, "to")?,
                review: review.unwrap_or(false),
                scope,
                note,
            },
            Kind::Split => StandardChange::Split { from: one(from, "from")?, to: many(to, "to")?, scope, note },
            Kind::Merged => StandardChange::Merged { from: many(from, "from")?, to: one(to, "to")?, scope, note },
            Kind::Retired => StandardChange::Retired {
                from: one(from, "from")?,
                reason: reason.ok_or_else(|| de::Error::missing_field("reason"))?,
            },
            Kind::Added => StandardChange::Added { to: one(to, "to")?, note },
        })
    }
}

/// Reads the `change` tag: a string naming a kind, and nothing else.
struct WordSeed;

impl<'de> DeserializeSeed<'de> for WordSeed {
    type Value = Kind;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kind, D::Error> {
        crate::json::word(deserializer)
    }
}

/// Reads an optional word (`scope`): a string naming one, `null`, and nothing else.
struct OptionalWordSeed<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for OptionalWordSeed<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        crate::json::optional_word(deserializer)
    }
}

impl<'de> Deserialize<'de> for StandardChange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ChangeReader)
    }
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

    /// How far what "fully met" means moved, as migration reads it: the `scope` given, else
    /// `same` for a `kept` change without `review` and `broader` for every other change that
    /// leads somewhere (so that an edition written before `scope` existed never carries a score
    /// onto a standard that may ask for more). `None` for `retired` and `added`.
    #[must_use]
    pub fn scope(&self) -> Option<Scope> {
        match self {
            Self::Kept { review, scope, .. } => {
                Some(scope.unwrap_or(if *review { Scope::Broader } else { Scope::Same }))
            }
            Self::Split { scope, .. } | Self::Merged { scope, .. } => Some(scope.unwrap_or(Scope::Broader)),
            Self::Retired { .. } | Self::Added { .. } => None,
        }
    }

    /// Whether a carried rating is flagged for another look: a `kept` change with `review` or
    /// a scope other than `same`, and every split and merge.
    #[must_use]
    pub fn review(&self) -> bool {
        match self {
            Self::Kept { review, .. } => *review || self.scope() != Some(Scope::Same),
            Self::Split { .. } | Self::Merged { .. } => true,
            Self::Retired { .. } | Self::Added { .. } => false,
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
