//! The assessment: one area's ratings against one catalogue edition.

use std::borrow::Cow;
use std::fmt;

use indexmap::IndexMap;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalogue::Catalogue;
use crate::code::ErrorCode;
use crate::date::Date;
use crate::error::{Error, pointer};
use crate::ids::{ActionId, CatalogueId, GroupId, StandardId};
use crate::plan::{Action, ActionStatus, ArchivedAction, Target};
use crate::version::{self, Version};
use crate::{json, validate};

/// One area's ratings against one catalogue edition.
///
/// Read one with [`Assessment::from_json`], check it against its catalogue with
/// [`Catalogue::check`](crate::Catalogue::check) and score it with
/// [`Catalogue::score`](crate::Catalogue::score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "carepath assessment",
    description = "One area's ratings against one catalogue edition: each standard rated on the scale, not_applicable or unknown, with evidence, confidence and actions."
)]
pub struct Assessment {
    /// Where editors find this file's JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The file-format version (semver); this reader accepts major version 1.
    #[serde(deserialize_with = "crate::version::de_schema_version")]
    pub schema_version: Version,
    /// The catalogue edition the area was rated against.
    #[serde(deserialize_with = "json::object")]
    pub catalogue: CatalogueRef,
    /// The area assessed.
    #[serde(deserialize_with = "json::object")]
    pub area: Area,
    /// When the assessment was made.
    pub assessed_on: Date,
    /// Who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub participants: Vec<Participant>,
    /// Local population groups, besides the catalogue's, that standards are rated for (file
    /// format 1.2). An id must not repeat one of the catalogue's.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub groups: Vec<LocalGroup>,
    /// The rating of each standard, by standard id, in the order entered. A standard with no
    /// entry is unrated. A key may appear only once.
    #[serde(deserialize_with = "json::large_unique_object_map")]
    pub ratings: IndexMap<StandardId, RatingEntry>,
    /// The improvement plan: what the partnership will do, by whom and by when, in the order
    /// entered (file format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub plan: Vec<Action>,
    /// The round this assessment was started from, shown beside each standard for reference
    /// (file format 1.1; see [`Assessment::next_round`]).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_object")]
    pub previous: Option<Previous>,
    /// Anything else worth keeping with the assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Ratings kept by migration from earlier editions because no standard of this edition could
    /// take them (retired standards, the other halves of a merge).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub archive: Vec<ArchivedRating>,
    /// Actions kept by migration because none of their standards is in this edition (file
    /// format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub plan_archive: Vec<ArchivedAction>,
}

/// The round an assessment was started from: when it was made, against which edition, and what
/// each standard was rated and aimed for then (in this assessment's edition's ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    /// The edition the earlier round was rated against.
    #[serde(deserialize_with = "json::object")]
    pub catalogue: CatalogueRef,
    /// When the earlier round was made.
    pub assessed_on: Date,
    /// Each standard's rating and target then, by standard id.
    #[serde(deserialize_with = "json::unique_object_map")]
    pub ratings: IndexMap<StandardId, PreviousRating>,
}

/// A standard's rating, and target, in the round an assessment was started from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousRating {
    /// The rating then.
    pub rating: Rating,
    /// The target then; it is set on the standard again when the standard is next rated.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_object")]
    pub target: Option<Target>,
}

/// Looks up the entries of standards taken in catalogue order. An assessment usually lists its
/// ratings in that order too (the widget, the workbook and the generators write them so), so
/// each is found at the next index by comparing one key, without hashing; any other order
/// falls back to the map's lookup, with the same answer.
pub(crate) struct InOrder<'a> {
    ratings: &'a IndexMap<StandardId, RatingEntry>,
    next: usize,
}

impl<'a> InOrder<'a> {
    pub(crate) fn new(ratings: &'a IndexMap<StandardId, RatingEntry>) -> Self {
        Self { ratings, next: 0 }
    }

    /// The entry of standard `id`, as `ratings.get(id)`.
    pub(crate) fn get(&mut self, id: &str) -> Option<&'a RatingEntry> {
        if let Some((key, entry)) = self.ratings.get_index(self.next)
            && key.as_str() == id
        {
            self.next += 1;
            return Some(entry);
        }
        let (i, _, entry) = self.ratings.get_full(id)?;
        self.next = i + 1;
        Some(entry)
    }
}

/// A catalogue edition: its id and version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueRef {
    /// The catalogue's id.
    pub id: CatalogueId,
    /// The edition.
    #[serde(deserialize_with = "crate::version::de_version")]
    pub version: Version,
}

impl fmt::Display for CatalogueRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// The area an assessment is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// The area's name, such as `Northbrook`.
    pub name: String,
    /// An official code for the area, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The kind of area, such as `locality` or `integrated_care_board`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Area {
    /// An area with a name only.
    #[must_use]
    pub fn named(name: impl Into<String>) -> Self {
        Self { name: name.into(), code: None, kind: None }
    }

    /// Whether two assessments are of the same area: by code when both have one, else by name
    /// (ignoring case and surrounding spaces).
    #[must_use]
    pub fn same_as(&self, other: &Self) -> bool {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
            _ => self.name.trim().to_lowercase() == other.name.trim().to_lowercase(),
        }
    }
}

/// Someone who took part in the assessment, by role (never by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The role, such as `Specialist perinatal midwife`.
    pub role: String,
    /// The organisation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

/// A population group an assessment declares for itself, such as Gypsy, Roma and Traveller
/// women where the catalogue does not name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalGroup {
    /// The group's id; not one of the catalogue's.
    pub id: GroupId,
    /// A short title.
    pub title: String,
    /// Who the group is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// How well a standard serves one population group: its own rating for the group, with what
/// supports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupRating {
    /// A score on the scale, `not_applicable` or `unknown`, for this group.
    pub rating: Rating,
    /// What the group rating rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl GroupRating {
    /// A group rating with no evidence.
    #[must_use]
    pub fn new(rating: Rating) -> Self {
        Self { rating, evidence: None }
    }
}

/// What a rating rests on, from nothing to an external review: a green backed by an audit is
/// not a green backed by the room's impression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceLevel {
    /// Nothing: the rating is the room's impression.
    None,
    /// What partners say of their own services.
    SelfReported,
    /// Written down: policies, pathways, minutes, data.
    Documented,
    /// Checked by an audit.
    Audited,
    /// Checked from outside: a peer review, an inspection, a quality network visit.
    External,
}

impl EvidenceLevel {
    /// Every level, weakest first.
    pub const ALL: [Self; 5] = [Self::None, Self::SelfReported, Self::Documented, Self::Audited, Self::External];

    /// The level as written in files, such as `self_reported`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::SelfReported => "self_reported",
            Self::Documented => "documented",
            Self::Audited => "audited",
            Self::External => "external",
        }
    }

    /// Whether a strength resting on this level is unsupported: nothing, or self-report only.
    #[must_use]
    pub fn is_weak(self) -> bool {
        matches!(self, Self::None | Self::SelfReported)
    }
}

impl std::str::FromStr for EvidenceLevel {
    type Err = crate::UnknownWord;

    /// `none`, `self_reported`, `documented`, `audited` or `external`, as written in files.
    fn from_str(word: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|l| l.as_str() == word).ok_or_else(|| crate::UnknownWord {
            what: "evidence level",
            word: word.to_owned(),
            expected: "`none`, `self_reported`, `documented`, `audited` or `external`",
        })
    }
}

/// The rating of one standard, with what supports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingEntry {
    /// A score on the scale, `not_applicable` or `unknown`.
    pub rating: Rating,
    /// The score the partnership aims for (file format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_object")]
    pub target: Option<Target>,
    /// What the rating rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The rating of the standard for population groups, by group id (file format 1.2); a
    /// group without one is served as the standard's own rating says.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "json::unique_object_map")]
    pub groups: IndexMap<GroupId, GroupRating>,
    /// How strong the evidence is (file format 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_word")]
    pub evidence_level: Option<EvidenceLevel>,
    /// When the evidence was gathered (file format 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_date: Option<Date>,
    /// How sure the partnership is of the rating.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_word")]
    pub confidence: Option<Confidence>,
    /// What the partnership plans to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<String>,
    /// Why this rating needs another look, when migration or consensus says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

impl RatingEntry {
    /// An entry with a rating and nothing else.
    #[must_use]
    pub fn new(rating: Rating) -> Self {
        Self {
            rating,
            target: None,
            evidence: None,
            groups: IndexMap::new(),
            evidence_level: None,
            evidence_date: None,
            confidence: None,
            actions: None,
            review: None,
        }
    }

    /// Whether the entry uses a field of file format 1.2: group ratings, an evidence level or
    /// an evidence date.
    #[must_use]
    pub fn uses_format_1_2(&self) -> bool {
        !self.groups.is_empty() || self.evidence_level.is_some() || self.evidence_date.is_some()
    }

    /// Sets the evidence.
    #[must_use]
    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = Some(evidence.into());
        self
    }

    /// Sets the actions.
    #[must_use]
    pub fn with_actions(mut self, actions: impl Into<String>) -> Self {
        self.actions = Some(actions.into());
        self
    }

    /// Sets the confidence.
    #[must_use]
    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// Sets the target.
    #[must_use]
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }
}

/// A rating: a score on the catalogue's scale, not applicable, or unknown.
///
/// In files a score is an integer, and the other two are the strings `"not_applicable"` and
/// `"unknown"`. Not applicable and unknown are left out of every mean; unknown is a gap in
/// knowledge and is listed apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    /// A score on the scale.
    Score(i32),
    /// The standard does not apply to this area.
    NotApplicable,
    /// Nobody in the room knows.
    Unknown,
}

impl Rating {
    /// The score, if this is one.
    #[must_use]
    pub fn score(self) -> Option<i32> {
        match self {
            Self::Score(score) => Some(score),
            Self::NotApplicable | Self::Unknown => None,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Score(score) => write!(f, "{score}"),
            Self::NotApplicable => f.write_str("not_applicable"),
            Self::Unknown => f.write_str("unknown"),
        }
    }
}

/// Text that is not a rating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid rating `{0}`: expected an integer on the scale, `not_applicable` or `unknown`")]
pub struct RatingError(pub String);

impl RatingError {
    /// A number with a fractional part (or an exponent) given as a rating.
    pub(crate) fn of_float(v: f64) -> Self {
        // Written as JSON writes numbers (the formatter serde_json links anyway): the standard
        // library's float formatting would add 14 KB to the WebAssembly module for this one
        // message.
        Self(serde_json::to_string(&v).unwrap_or_else(|_| "a number".to_owned()))
    }
}

impl std::str::FromStr for Rating {
    type Err = RatingError;

    /// Reads `"3"`, `"not_applicable"` or `"unknown"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "not_applicable" => Ok(Self::NotApplicable),
            "unknown" => Ok(Self::Unknown),
            other => other.parse().map(Self::Score).map_err(|_| RatingError(s.to_owned())),
        }
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Score(score) => serializer.serialize_i32(*score),
            Self::NotApplicable => serializer.serialize_str("not_applicable"),
            Self::Unknown => serializer.serialize_str("unknown"),
        }
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RatingVisitor;

        impl Visitor<'_> for RatingVisitor {
            type Value = Rating;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer on the scale, \"not_applicable\" or \"unknown\"")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rating, E> {
                i32::try_from(v).map(Rating::Score).map_err(|_| E::custom(RatingError(v.to_string())))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rating, E> {
                i32::try_from(v).map(Rating::Score).map_err(|_| E::custom(RatingError(v.to_string())))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rating, E> {
                Err(E::custom(RatingError::of_float(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Rating, E> {
                match v {
                    "not_applicable" => Ok(Rating::NotApplicable),
                    "unknown" => Ok(Rating::Unknown),
                    other => Err(E::custom(RatingError(format!("\"{other}\"")))),
                }
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Rating, E> {
                Err(E::custom(RatingError(v.to_string())))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Rating, E> {
                Err(E::custom(RatingError("null".into())))
            }
        }

        deserializer.deserialize_any(RatingVisitor)
    }
}

impl JsonSchema for Rating {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A score on the catalogue's scale (an integer), or \"not_applicable\", or \"unknown\" (nobody in the room knows).",
            "oneOf": [
                { "type": "integer" },
                { "type": "string", "enum": ["not_applicable", "unknown"] }
            ]
        })
    }
}

/// How sure the partnership is of a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A guess, or evidence from one partner only.
    Low,
    /// Some evidence.
    Medium,
    /// Data and the views of women and families agree.
    High,
}

impl Confidence {
    /// Every confidence, lowest first.
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    /// The confidence as written in files: `low`, `medium` or `high`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

impl std::str::FromStr for Confidence {
    type Err = crate::UnknownWord;

    /// `low`, `medium` or `high`, as written in files.
    fn from_str(word: &str) -> Result<Self, Self::Err> {
        match word {
            "low" => Ok(Self::Low),
            "medium" => Ok(Self::Medium),
            "high" => Ok(Self::High),
            _ => Err(crate::UnknownWord {
                what: "confidence",
                word: word.to_owned(),
                expected: "`low`, `medium` or `high`",
            }),
        }
    }
}

/// A rating kept from an earlier edition because no standard of the current edition could take
/// it. Nothing a partnership entered is ever dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchivedRating {
    /// The edition the rating was made against.
    #[serde(deserialize_with = "json::object")]
    pub catalogue: CatalogueRef,
    /// The standard's id in that edition.
    pub standard: StandardId,
    /// The rating.
    pub rating: Rating,
    /// Its target, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_object")]
    pub target: Option<Target>,
    /// Its evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Its group ratings.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "json::unique_object_map")]
    pub groups: IndexMap<GroupId, GroupRating>,
    /// Its evidence level.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_word")]
    pub evidence_level: Option<EvidenceLevel>,
    /// When its evidence was gathered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_date: Option<Date>,
    /// Its confidence.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_word")]
    pub confidence: Option<Confidence>,
    /// Its actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<String>,
    /// Its review note, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    /// Why it was archived.
    pub reason: String,
}

impl Assessment {
    /// An empty assessment of `area` against a catalogue edition, dated `assessed_on`, in file
    /// format 1.0 (it moves to 1.1 when a target or a plan is added).
    #[must_use]
    pub fn new(catalogue: CatalogueRef, area: Area, assessed_on: Date) -> Self {
        Self {
            schema: None,
            schema_version: version::FORMAT_1_0,
            catalogue,
            area,
            assessed_on,
            participants: Vec::new(),
            groups: Vec::new(),
            ratings: IndexMap::new(),
            plan: Vec::new(),
            previous: None,
            notes: None,
            archive: Vec::new(),
            plan_archive: Vec::new(),
        }
    }

    /// Reads an assessment from JSON. This checks the file's shape only; check it against its
    /// catalogue with [`Catalogue::check`](crate::Catalogue::check).
    ///
    /// # Errors
    /// [`Error::Syntax`], [`Error::Schema`] or [`Error::Version`] when the text is not an
    /// assessment file this reader understands (unknown fields and repeated rating keys
    /// included).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        // Read by hand over the parsed tree: the derived reader's answers, in far less code.
        crate::walk::assessment(text)
    }

    /// Reads an assessment from the bytes of a JSON file, as [`Assessment::from_json`]. A
    /// leading UTF-8 byte-order mark is skipped; bytes that are not UTF-8 are an
    /// [`Error::Syntax`](crate::Error::Syntax) at the first bad byte's line and column.
    ///
    /// # Errors
    /// As [`Assessment::from_json`].
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_json(json::text(bytes)?)
    }

    /// Reads an assessment from a JSON value, as [`Assessment::from_json`].
    ///
    /// # Errors
    /// As [`Assessment::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, Error> {
        Self::from_json(&value.to_string())
    }

    /// The assessment as pretty-printed JSON. Its `schema_version` is the one read (or made)
    /// unless the content needs a newer one: a file that uses targets, a plan or a previous round
    /// is written as format 1.1 at least, so that no reader of 1.0 takes it for one of its own.
    #[must_use]
    pub fn to_json(&self) -> String {
        let needed = self.format_needed();
        if self.schema_version >= needed {
            json::to_pretty(self)
        } else {
            json::to_pretty(&Self { schema_version: needed, ..self.clone() })
        }
    }

    /// The oldest file-format version that can hold this assessment: 1.2 when it has local
    /// groups, group ratings, evidence levels or dates; else 1.1 when it has a target, a plan, a
    /// plan archive or a previous round; else 1.0.
    #[must_use]
    pub fn format_needed(&self) -> Version {
        let uses_1_2 = !self.groups.is_empty()
            || self.ratings.values().any(RatingEntry::uses_format_1_2)
            || self
                .archive
                .iter()
                .any(|a| !a.groups.is_empty() || a.evidence_level.is_some() || a.evidence_date.is_some());
        if uses_1_2 {
            return version::FORMAT_1_2;
        }
        let uses_1_1 = !self.plan.is_empty()
            || !self.plan_archive.is_empty()
            || self.previous.is_some()
            || self.ratings.values().any(|e| e.target.is_some())
            || self.archive.iter().any(|a| a.target.is_some());
        if uses_1_1 { version::FORMAT_1_1 } else { version::FORMAT_1_0 }
    }

    /// Moves the file to the format its content needs, when that is newer than its own.
    pub(crate) fn upgrade_format(&mut self) {
        let needed = self.format_needed();
        if self.schema_version < needed {
            self.schema_version = needed;
        }
    }

    /// The entry of a standard, if it has one.
    #[must_use]
    pub fn entry(&self, standard: &str) -> Option<&RatingEntry> {
        self.ratings.get(standard)
    }

    /// Rates a standard, keeping any target, evidence, confidence and actions it already has.
    /// A standard rated for the first time in a round started from an earlier one (see
    /// [`Assessment::next_round`]) takes the target it had then.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the catalogue has no such standard or the score is off its scale.
    pub fn rate(&mut self, catalogue: &Catalogue, standard: &str, rating: Rating) -> Result<(), Error> {
        let id = validate::rating(catalogue, standard, rating)?;
        match self.ratings.get_mut(standard) {
            Some(entry) => entry.rating = rating,
            None => {
                let mut entry = RatingEntry::new(rating);
                entry.target = self.previous.as_ref().and_then(|p| p.ratings.get(standard)).and_then(|p| p.target);
                self.ratings.insert(id, entry);
            }
        }
        Ok(())
    }

    /// Sets or clears the target of a rated standard.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the standard has no rating yet (as [`Assessment::set_evidence`])
    /// or the target is off the catalogue's scale.
    pub fn set_target(&mut self, catalogue: &Catalogue, standard: &str, target: Option<Target>) -> Result<(), Error> {
        if let Some(t) = target {
            validate::target(catalogue, &pointer(["ratings", standard, "target", "rating"]), t)?;
        }
        self.entry_mut(standard)?.target = target;
        self.upgrade_format();
        Ok(())
    }

    /// The action of the plan with this id.
    #[must_use]
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.plan.iter().find(|a| a.id == *id)
    }

    /// Adds an action at the end of the plan.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the plan has an action of that id already, or the action names a
    /// standard the catalogue lacks.
    pub fn add_action(&mut self, catalogue: &Catalogue, action: Action) -> Result<(), Error> {
        let at = self.plan.len();
        if let Some(i) = self.plan.iter().position(|a| a.id == action.id) {
            return Err(Error::invalid(
                pointer(["plan", &at.to_string(), "id"]),
                ErrorCode::DuplicateAction,
                format!("the plan has an action `{}` already (at `/plan/{i}`): give the new one another id", action.id),
            ));
        }
        validate::action(catalogue, at, &action)?;
        self.plan.push(action);
        self.upgrade_format();
        Ok(())
    }

    /// Replaces the action of the same id, keeping its place in the plan.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the plan has no action of that id, or the action names a standard
    /// the catalogue lacks.
    pub fn update_action(&mut self, catalogue: &Catalogue, action: Action) -> Result<(), Error> {
        let at = self.action_index(action.id.as_str())?;
        validate::action(catalogue, at, &action)?;
        self.plan[at] = action;
        Ok(())
    }

    /// Sets the status of an action.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the plan has no action of that id.
    pub fn set_action_status(&mut self, id: &str, status: ActionStatus) -> Result<(), Error> {
        let at = self.action_index(id)?;
        self.plan[at].status = status;
        Ok(())
    }

    /// Removes an action from the plan and returns it.
    pub fn remove_action(&mut self, id: &str) -> Option<Action> {
        let at = self.plan.iter().position(|a| a.id == *id)?;
        Some(self.plan.remove(at))
    }

    /// The next free action id of the form `A<n>`: one more than the largest such id in the plan
    /// or its archive.
    #[must_use]
    pub fn next_action_id(&self) -> ActionId {
        let numbered = |id: &ActionId| id.as_str().strip_prefix('A').and_then(|n| n.parse::<u32>().ok());
        let largest = self.plan.iter().map(|a| &a.id).chain(self.plan_archive.iter().map(|a| &a.action.id));
        let next = largest.filter_map(numbered).max().map_or(1, |n| n.saturating_add(1));
        #[allow(clippy::expect_used)] // `A` and digits always make a well-formed id
        ActionId::new(format!("A{next}")).expect("A<n> is an id")
    }

    /// Where the action of this id is in the plan.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`unknown_action`) when the plan has no action of that id.
    pub fn action_index(&self, id: &str) -> Result<usize, Error> {
        self.plan
            .iter()
            .position(|a| a.id == *id)
            .ok_or_else(|| Error::invalid("/plan", ErrorCode::UnknownAction, format!("the plan has no action `{id}`")))
    }

    /// Sets a standard's whole entry after checking it against the catalogue.
    ///
    /// # Errors
    /// As [`Assessment::rate`].
    pub fn set_entry(&mut self, catalogue: &Catalogue, standard: &str, entry: RatingEntry) -> Result<(), Error> {
        let id = validate::rating(catalogue, standard, entry.rating)?;
        self.ratings.insert(id, entry);
        Ok(())
    }

    /// Sets or clears (with `None` or empty text) the evidence of a rated standard.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the standard has no rating yet: rate it first, so that no text
    /// is ever attached to nothing.
    pub fn set_evidence(&mut self, standard: &str, evidence: Option<&str>) -> Result<(), Error> {
        self.entry_mut(standard)?.evidence = non_empty(evidence);
        Ok(())
    }

    /// Sets or clears the planned actions of a rated standard.
    ///
    /// # Errors
    /// As [`Assessment::set_evidence`].
    pub fn set_actions(&mut self, standard: &str, actions: Option<&str>) -> Result<(), Error> {
        self.entry_mut(standard)?.actions = non_empty(actions);
        Ok(())
    }

    /// Sets or clears the confidence of a rated standard.
    ///
    /// # Errors
    /// As [`Assessment::set_evidence`].
    pub fn set_confidence(&mut self, standard: &str, confidence: Option<Confidence>) -> Result<(), Error> {
        self.entry_mut(standard)?.confidence = confidence;
        Ok(())
    }

    /// Sets or clears the confidence of a rated standard from its word (`low`, `medium` or
    /// `high`), as every surface takes it.
    ///
    /// # Errors
    /// A [`Error::Schema`] at `/ratings/<id>/confidence` for another word; as
    /// [`Assessment::set_evidence`].
    pub fn set_confidence_word(&mut self, standard: &str, confidence: Option<&str>) -> Result<(), Error> {
        let confidence = match confidence {
            None => None,
            Some(word) => Some(word.parse::<Confidence>().map_err(|e| Error::Schema {
                path: pointer(["ratings", standard, "confidence"]),
                message: e.to_string(),
            })?),
        };
        self.set_confidence(standard, confidence)
    }

    /// Sets or clears (with `None` or empty text) the review note of a rated standard: the note
    /// migration and consensus write when a rating needs another look, cleared once it has had
    /// one.
    ///
    /// # Errors
    /// As [`Assessment::set_evidence`].
    pub fn set_review(&mut self, standard: &str, review: Option<&str>) -> Result<(), Error> {
        self.entry_mut(standard)?.review = non_empty(review);
        Ok(())
    }

    /// Removes a standard's entry (it becomes unrated) and returns it.
    pub fn unrate(&mut self, standard: &str) -> Option<RatingEntry> {
        self.ratings.shift_remove(standard)
    }

    pub(crate) fn entry_mut(&mut self, standard: &str) -> Result<&mut RatingEntry, Error> {
        self.ratings.get_mut(standard).ok_or_else(|| {
            Error::invalid(
                pointer(["ratings", standard]),
                ErrorCode::NotRated,
                format!("standard `{standard}` has no rating yet: rate it first (an entry needs a rating)"),
            )
        })
    }
}

pub(crate) fn non_empty(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty()).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
        "schema_version": "1.0.0",
        "catalogue": { "id": "perinatal-mental-health", "version": "1.0.0" },
        "area": { "name": "Northbrook" },
        "assessed_on": "2016-11-30",
        "ratings": {
            "T1.1": { "rating": 3, "evidence": "minutes", "confidence": "medium" },
            "T1.2": { "rating": "not_applicable" },
            "T1.3": { "rating": "unknown" }
        }
    }"#;

    #[test]
    fn reads_the_three_kinds_of_rating_in_file_order() {
        let a = Assessment::from_json(MINIMAL).unwrap();
        let ratings: Vec<_> = a.ratings.values().map(|e| e.rating).collect();
        assert_eq!(ratings, [Rating::Score(3), Rating::NotApplicable, Rating::Unknown]);
        assert_eq!(a.ratings.keys().next().unwrap(), "T1.1");
        assert_eq!(a.entry("T1.1").unwrap().confidence, Some(Confidence::Medium));
    }

    #[test]
    fn round_trips() {
        let a = Assessment::from_json(MINIMAL).unwrap();
        assert_eq!(Assessment::from_json(&a.to_json()).unwrap(), a);
    }

    #[test]
    fn rejects_ratings_that_are_not_ratings() {
        for (bad, shown) in [
            ("3.5", "3.5"),
            ("\"three\"", "\"three\""),
            ("null", "null"),
            ("true", "true"),
            ("99999999999", "99999999999"),
        ] {
            let text = MINIMAL.replace("\"rating\": 3,", &format!("\"rating\": {bad},"));
            let err = Assessment::from_json(&text).unwrap_err();
            assert_eq!(err.path(), Some("/ratings/T1.1/rating"), "{bad}");
            assert!(err.to_string().contains(&format!("invalid rating `{shown}`")), "{err}");
        }
    }

    #[test]
    fn a_repeated_rating_key_is_an_error() {
        let text = MINIMAL.replace("\"T1.3\"", "\"T1.1\"");
        let err = Assessment::from_json(&text).unwrap_err();
        assert_eq!(err.path(), Some("/ratings/T1.1"));
        assert!(err.to_string().contains("repeated key `T1.1`"), "{err}");
    }

    #[test]
    fn a_typo_in_a_field_name_is_an_error() {
        let text = MINIMAL.replace("\"evidence\"", "\"evidnce\"");
        let err = Assessment::from_json(&text).unwrap_err();
        assert_eq!(err.path(), Some("/ratings/T1.1/evidnce"));
        assert!(err.to_string().contains("unknown field `evidnce`"), "{err}");
    }

    #[test]
    fn malformed_dates_are_errors() {
        let text = MINIMAL.replace("2016-11-30", "30/11/2016");
        let err = Assessment::from_json(&text).unwrap_err();
        assert_eq!(err.path(), Some("/assessed_on"));
        assert!(err.to_string().contains("malformed date `30/11/2016`"), "{err}");
    }

    #[test]
    fn parses_ratings_from_text() {
        assert_eq!("4".parse::<Rating>().unwrap(), Rating::Score(4));
        assert_eq!("unknown".parse::<Rating>().unwrap(), Rating::Unknown);
        assert!("n/a".parse::<Rating>().is_err());
    }
}
