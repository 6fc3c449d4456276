//! The assessment format read by walking the parsed tree by hand: the same answers as the
//! serde-derived reader, value for value and error for error, in a fraction of its code.
//!
//! serde's derived readers are generic code made once for every type of the format and every
//! deserializer it meets; in the web package's first module they were the largest single part
//! (an assessment is read on every edit). This reader knows the format's few shapes (a struct
//! is an object of known members, a list of objects, a map with unique keys, a word, a rating)
//! and reads each type with one of them. What it refuses, and how it says so, follows serde's
//! derived code exactly: members in the document's order, an unknown or repeated member at the
//! member, a value that does not fit at the value, a missing field (in declaration order) at
//! its object, in serde's words. The derived readers stay (for anyone reading these types with
//! serde) and are the measure: a property test holds the two equal on generated and mutated
//! assessments, and the unit tests below on every example file.

use std::hash::Hash;

use indexmap::IndexMap;
use indexmap::map::Entry;
use serde::de::{Error as _, Unexpected};

use crate::assessment::{
    ArchivedRating, Area, Assessment, CatalogueRef, Confidence, EvidenceLevel, GroupRating, LocalGroup, Participant,
    Previous, PreviousRating, Rating, RatingEntry, RatingError,
};
use crate::date::Date;
use crate::error::Error;
use crate::ids::{ActionId, CatalogueId, GroupId, StandardId};
use crate::json::{self, FromText};
use crate::plan::{Action, ActionStatus, ArchivedAction, Target};
use crate::tree::{Document, Mismatch, Path, Value, unexpected};
use crate::version::{self, Version};

type Read<T> = Result<T, Mismatch>;

/// Reads a whole assessment file, as `Assessment::from_json`.
pub(crate) fn assessment(text: &str) -> Result<Assessment, Error> {
    let document = json::document(text)?;
    Walk { doc: &document }.assessment(&document.root, &Path::Root).map_err(|err| json::file_error(&document, err))
}

/// Reads one action from JSON text, as `json::read::<Action>`.
pub(crate) fn action(text: &str) -> Result<Action, Error> {
    let document = json::document(text)?;
    Walk { doc: &document }.action(&document.root, &Path::Root, "struct Action").map_err(json::schema_error)
}

/// Reads one target from JSON text, as `json::read::<Target>`.
pub(crate) fn target(text: &str) -> Result<Target, Error> {
    let document = json::document(text)?;
    Walk { doc: &document }.target(&document.root, &Path::Root, "struct Target").map_err(json::schema_error)
}

const RATING: &str = "an integer on the scale, \"not_applicable\" or \"unknown\"";
const OBJECT: &str = "an object";

/// A field serde's derived reader would have wanted: refused at its object.
#[cold]
fn missing(name: &'static str, path: &Path<'_>) -> Mismatch {
    Mismatch::missing_field(name).at(path)
}

struct Walk<'d, 'a> {
    doc: &'d Document<'a>,
}

impl<'d, 'a> Walk<'d, 'a> {
    #[cold]
    #[inline(never)]
    fn invalid(&self, value: &Value<'_>, path: &Path<'_>, expected: &str) -> Mismatch {
        Mismatch::invalid_type(unexpected(value), &expected).at(path)
    }

    /// The members of an object, each handed to `read` with its field's index in `names`; an
    /// unknown or repeated member is refused at the member, as serde's derived reader does.
    fn fields(
        &self,
        value: &'d Value<'a>,
        path: &Path<'_>,
        expected: &str,
        names: &'static [&'static str],
        mut read: impl FnMut(usize, &'d Value<'a>, &Path<'_>) -> Read<()>,
    ) -> Read<()> {
        let Value::Object(span) = value else { return Err(self.invalid(value, path, expected)) };
        let mut seen = 0u32;
        for (key, member) in self.doc.members(*span) {
            let here = Path::Key(path, key);
            let Some(i) = names.iter().position(|name| name == key) else {
                return Err(Mismatch::unknown_field(key, names).at(&here));
            };
            if seen & (1 << i) != 0 {
                return Err(Mismatch::duplicate_field(names[i]).at(&here));
            }
            seen |= 1 << i;
            read(i, member, &here)?;
        }
        Ok(())
    }

    /// An array whose every item is an object read by `read`.
    fn objects<T>(
        &self,
        value: &'d Value<'a>,
        path: &Path<'_>,
        mut read: impl FnMut(&'d Value<'a>, &Path<'_>) -> Read<T>,
    ) -> Read<Vec<T>> {
        let Value::Array(span) = value else { return Err(self.invalid(value, path, "an array of objects")) };
        let items = self.doc.items(*span);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(read(item, &Path::Index(path, i))?);
        }
        Ok(out)
    }

    /// An object read as a map: each key made by `key`, given once, each value read by `read`.
    fn map<K: Hash + Eq + std::fmt::Display, V>(
        &self,
        value: &'d Value<'a>,
        path: &Path<'_>,
        key: fn(&str) -> Result<K, String>,
        mut read: impl FnMut(&'d Value<'a>, &Path<'_>) -> Read<V>,
    ) -> Read<IndexMap<K, V>> {
        let Value::Object(span) = value else { return Err(self.invalid(value, path, OBJECT)) };
        let members = self.doc.members(*span);
        let mut out = IndexMap::with_capacity(members.len());
        for (k, member) in members {
            let here = Path::Key(path, k);
            let k = key(k).map_err(|message| Mismatch::custom(message).at(&here))?;
            match out.entry(k) {
                Entry::Occupied(seen) => return Err(Mismatch::custom(json::repeated_key(seen.key())).at(&here)),
                Entry::Vacant(slot) => {
                    slot.insert(read(member, &here)?);
                }
            }
        }
        Ok(out)
    }

    fn string(&self, value: &Value<'_>, path: &Path<'_>) -> Read<String> {
        match value {
            Value::Str(s) => Ok(s.to_string()),
            _ => Err(self.invalid(value, path, "a string")),
        }
    }

    fn optional_string(&self, value: &Value<'_>, path: &Path<'_>) -> Read<Option<String>> {
        match value {
            Value::Null => Ok(None),
            _ => self.string(value, path).map(Some),
        }
    }

    /// A string made into `T` by `parse`, failing with `parse`'s message at the value.
    fn parsed<T>(
        &self,
        value: &Value<'_>,
        path: &Path<'_>,
        expected: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Read<T> {
        match value {
            Value::Str(s) => parse(s).map_err(|message| Mismatch::custom(message).at(path)),
            _ => Err(self.invalid(value, path, expected)),
        }
    }

    /// A value written as a string, such as an id or a date.
    fn text<T: FromText>(&self, value: &Value<'_>, path: &Path<'_>) -> Read<T> {
        self.parsed(value, path, T::EXPECTED, T::from_text)
    }

    fn date(&self, value: &Value<'_>, path: &Path<'_>) -> Read<Date> {
        self.text(value, path)
    }

    fn optional_date(&self, value: &Value<'_>, path: &Path<'_>) -> Read<Option<Date>> {
        match value {
            Value::Null => Ok(None),
            _ => self.date(value, path).map(Some),
        }
    }

    fn standard_id(&self, value: &Value<'_>, path: &Path<'_>) -> Read<StandardId> {
        self.text(value, path)
    }

    /// A word of the format: one of `words`, the value at the same place in `values`.
    fn word<T: Copy>(
        &self,
        value: &Value<'_>,
        path: &Path<'_>,
        words: &'static [&'static str],
        values: &[T],
    ) -> Read<T> {
        let Value::Str(s) = value else { return Err(self.invalid(value, path, "a string")) };
        words
            .iter()
            .position(|word| word == s)
            .and_then(|i| values.get(i).copied())
            .ok_or_else(|| Mismatch::unknown_variant(s, words).at(path))
    }

    fn optional_word<T: Copy>(
        &self,
        value: &Value<'_>,
        path: &Path<'_>,
        words: &'static [&'static str],
        values: &[T],
    ) -> Read<Option<T>> {
        match value {
            Value::Null => Ok(None),
            _ => self.word(value, path, words, values).map(Some),
        }
    }

    fn rating(&self, value: &Value<'_>, path: &Path<'_>) -> Read<Rating> {
        let refused = |text: String| Mismatch::custom(RatingError(text)).at(path);
        match value {
            Value::U64(n) => i32::try_from(*n).map(Rating::Score).map_err(|_| refused(n.to_string())),
            Value::I64(n) => i32::try_from(*n).map(Rating::Score).map_err(|_| refused(n.to_string())),
            Value::F64(v) => Err(Mismatch::custom(RatingError::of_float(*v)).at(path)),
            Value::Str(s) => match &**s {
                "not_applicable" => Ok(Rating::NotApplicable),
                "unknown" => Ok(Rating::Unknown),
                other => Err(refused(format!("\"{other}\""))),
            },
            Value::Bool(b) => Err(refused(b.to_string())),
            Value::Null => Err(refused("null".into())),
            Value::Array(_) | Value::Object(_) => Err(self.invalid(value, path, RATING)),
        }
    }

    /// An `i32`, as serde reads one.
    fn int(&self, value: &Value<'_>, path: &Path<'_>) -> Read<i32> {
        match value {
            Value::U64(n) => {
                i32::try_from(*n).map_err(|_| Mismatch::invalid_value(Unexpected::Unsigned(*n), &"i32").at(path))
            }
            Value::I64(n) => {
                i32::try_from(*n).map_err(|_| Mismatch::invalid_value(Unexpected::Signed(*n), &"i32").at(path))
            }
            _ => Err(self.invalid(value, path, "i32")),
        }
    }

    fn assessment(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<Assessment> {
        const NAMES: &[&str] = &[
            "$schema",
            "schema_version",
            "catalogue",
            "area",
            "assessed_on",
            "participants",
            "groups",
            "ratings",
            "plan",
            "previous",
            "notes",
            "archive",
            "plan_archive",
        ];
        let (mut schema, mut schema_version, mut catalogue, mut area, mut assessed_on) = (None, None, None, None, None);
        let (mut participants, mut groups, mut ratings, mut plan, mut previous) =
            (Vec::new(), Vec::new(), None, Vec::new(), None);
        let (mut notes, mut archive, mut plan_archive) = (None, Vec::new(), Vec::new());
        self.fields(value, path, OBJECT, NAMES, |i, v, p| {
            match i {
                0 => schema = self.optional_string(v, p)?,
                1 => schema_version = Some(self.parsed(v, p, version::EXPECTED, version::parse_schema_version)?),
                2 => catalogue = Some(self.catalogue_ref(v, p)?),
                3 => area = Some(self.area(v, p)?),
                4 => assessed_on = Some(self.date(v, p)?),
                5 => participants = self.objects(v, p, |v, p| self.participant(v, p))?,
                6 => groups = self.objects(v, p, |v, p| self.local_group(v, p))?,
                7 => ratings = Some(self.map(v, p, StandardId::from_text, |v, p| self.rating_entry(v, p))?),
                8 => plan = self.objects(v, p, |v, p| self.action(v, p, OBJECT))?,
                9 => previous = self.optional(v, p, |v, p| self.previous(v, p))?,
                10 => notes = self.optional_string(v, p)?,
                11 => archive = self.objects(v, p, |v, p| self.archived_rating(v, p))?,
                _ => plan_archive = self.objects(v, p, |v, p| self.archived_action(v, p))?,
            }
            Ok(())
        })?;
        let Some(schema_version) = schema_version else { return Err(missing("schema_version", path)) };
        let Some(catalogue) = catalogue else { return Err(missing("catalogue", path)) };
        let Some(area) = area else { return Err(missing("area", path)) };
        let Some(assessed_on) = assessed_on else { return Err(missing("assessed_on", path)) };
        let Some(ratings) = ratings else { return Err(missing("ratings", path)) };
        Ok(Assessment {
            schema,
            schema_version,
            catalogue,
            area,
            assessed_on,
            participants,
            groups,
            ratings,
            plan,
            previous,
            notes,
            archive,
            plan_archive,
        })
    }

    /// An object that may be `null`.
    fn optional<T>(
        &self,
        value: &'d Value<'a>,
        path: &Path<'_>,
        read: impl FnOnce(&'d Value<'a>, &Path<'_>) -> Read<T>,
    ) -> Read<Option<T>> {
        match value {
            Value::Null => Ok(None),
            _ => read(value, path).map(Some),
        }
    }

    fn catalogue_ref(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<CatalogueRef> {
        let (mut id, mut edition) = (None, None);
        self.fields(value, path, OBJECT, &["id", "version"], |i, v, p| {
            match i {
                0 => id = Some(self.text::<CatalogueId>(v, p)?),
                _ => edition = Some(self.parsed::<Version>(v, p, version::EXPECTED, version::parse)?),
            }
            Ok(())
        })?;
        let Some(id) = id else { return Err(missing("id", path)) };
        let Some(version) = edition else { return Err(missing("version", path)) };
        Ok(CatalogueRef { id, version })
    }

    fn area(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<Area> {
        let (mut name, mut code, mut kind) = (None, None, None);
        self.fields(value, path, OBJECT, &["name", "code", "kind"], |i, v, p| {
            match i {
                0 => name = Some(self.string(v, p)?),
                1 => code = self.optional_string(v, p)?,
                _ => kind = self.optional_string(v, p)?,
            }
            Ok(())
        })?;
        let Some(name) = name else { return Err(missing("name", path)) };
        Ok(Area { name, code, kind })
    }

    fn participant(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<Participant> {
        let (mut role, mut organisation) = (None, None);
        self.fields(value, path, OBJECT, &["role", "organisation"], |i, v, p| {
            match i {
                0 => role = Some(self.string(v, p)?),
                _ => organisation = self.optional_string(v, p)?,
            }
            Ok(())
        })?;
        let Some(role) = role else { return Err(missing("role", path)) };
        Ok(Participant { role, organisation })
    }

    fn local_group(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<LocalGroup> {
        let (mut id, mut title, mut description) = (None, None, None);
        self.fields(value, path, OBJECT, &["id", "title", "description"], |i, v, p| {
            match i {
                0 => id = Some(self.text::<GroupId>(v, p)?),
                1 => title = Some(self.string(v, p)?),
                _ => description = self.optional_string(v, p)?,
            }
            Ok(())
        })?;
        let Some(id) = id else { return Err(missing("id", path)) };
        let Some(title) = title else { return Err(missing("title", path)) };
        Ok(LocalGroup { id, title, description })
    }

    fn group_rating(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<GroupRating> {
        let (mut rating, mut evidence) = (None, None);
        self.fields(value, path, OBJECT, &["rating", "evidence"], |i, v, p| {
            match i {
                0 => rating = Some(self.rating(v, p)?),
                _ => evidence = self.optional_string(v, p)?,
            }
            Ok(())
        })?;
        let Some(rating) = rating else { return Err(missing("rating", path)) };
        Ok(GroupRating { rating, evidence })
    }

    fn rating_entry(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<RatingEntry> {
        const NAMES: &[&str] = &[
            "rating",
            "target",
            "evidence",
            "groups",
            "evidence_level",
            "evidence_date",
            "confidence",
            "actions",
            "review",
        ];
        let mut rating = None;
        let mut entry = RatingEntry::new(Rating::Unknown);
        self.fields(value, path, OBJECT, NAMES, |i, v, p| {
            match i {
                0 => rating = Some(self.rating(v, p)?),
                1 => entry.target = self.optional(v, p, |v, p| self.target(v, p, OBJECT))?,
                2 => entry.evidence = self.optional_string(v, p)?,
                3 => entry.groups = self.map(v, p, GroupId::from_text, |v, p| self.group_rating(v, p))?,
                4 => entry.evidence_level = self.optional_word(v, p, EVIDENCE_LEVELS, &EvidenceLevel::ALL)?,
                5 => entry.evidence_date = self.optional_date(v, p)?,
                6 => entry.confidence = self.optional_word(v, p, CONFIDENCES, &Confidence::ALL)?,
                7 => entry.actions = self.optional_string(v, p)?,
                _ => entry.review = self.optional_string(v, p)?,
            }
            Ok(())
        })?;
        let Some(rating) = rating else { return Err(missing("rating", path)) };
        Ok(RatingEntry { rating, ..entry })
    }

    fn archived_rating(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<ArchivedRating> {
        const NAMES: &[&str] = &[
            "catalogue",
            "standard",
            "rating",
            "target",
            "evidence",
            "groups",
            "evidence_level",
            "evidence_date",
            "confidence",
            "actions",
            "review",
            "reason",
        ];
        let (mut catalogue, mut standard, mut rating, mut reason) = (None, None, None, None);
        let mut entry = RatingEntry::new(Rating::Unknown);
        self.fields(value, path, OBJECT, NAMES, |i, v, p| {
            match i {
                0 => catalogue = Some(self.catalogue_ref(v, p)?),
                1 => standard = Some(self.standard_id(v, p)?),
                2 => rating = Some(self.rating(v, p)?),
                3 => entry.target = self.optional(v, p, |v, p| self.target(v, p, OBJECT))?,
                4 => entry.evidence = self.optional_string(v, p)?,
                5 => entry.groups = self.map(v, p, GroupId::from_text, |v, p| self.group_rating(v, p))?,
                6 => entry.evidence_level = self.optional_word(v, p, EVIDENCE_LEVELS, &EvidenceLevel::ALL)?,
                7 => entry.evidence_date = self.optional_date(v, p)?,
                8 => entry.confidence = self.optional_word(v, p, CONFIDENCES, &Confidence::ALL)?,
                9 => entry.actions = self.optional_string(v, p)?,
                10 => entry.review = self.optional_string(v, p)?,
                _ => reason = Some(self.string(v, p)?),
            }
            Ok(())
        })?;
        let Some(catalogue) = catalogue else { return Err(missing("catalogue", path)) };
        let Some(standard) = standard else { return Err(missing("standard", path)) };
        let Some(rating) = rating else { return Err(missing("rating", path)) };
        let Some(reason) = reason else { return Err(missing("reason", path)) };
        let RatingEntry {
            target, evidence, groups, evidence_level, evidence_date, confidence, actions, review, ..
        } = entry;
        Ok(ArchivedRating {
            catalogue,
            standard,
            rating,
            target,
            evidence,
            groups,
            evidence_level,
            evidence_date,
            confidence,
            actions,
            review,
            reason,
        })
    }

    fn previous(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<Previous> {
        let (mut catalogue, mut assessed_on, mut ratings) = (None, None, None);
        self.fields(value, path, OBJECT, &["catalogue", "assessed_on", "ratings"], |i, v, p| {
            match i {
                0 => catalogue = Some(self.catalogue_ref(v, p)?),
                1 => assessed_on = Some(self.date(v, p)?),
                _ => ratings = Some(self.map(v, p, StandardId::from_text, |v, p| self.previous_rating(v, p))?),
            }
            Ok(())
        })?;
        let Some(catalogue) = catalogue else { return Err(missing("catalogue", path)) };
        let Some(assessed_on) = assessed_on else { return Err(missing("assessed_on", path)) };
        let Some(ratings) = ratings else { return Err(missing("ratings", path)) };
        Ok(Previous { catalogue, assessed_on, ratings })
    }

    fn previous_rating(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<PreviousRating> {
        let (mut rating, mut target) = (None, None);
        self.fields(value, path, OBJECT, &["rating", "target"], |i, v, p| {
            match i {
                0 => rating = Some(self.rating(v, p)?),
                _ => target = self.optional(v, p, |v, p| self.target(v, p, OBJECT))?,
            }
            Ok(())
        })?;
        let Some(rating) = rating else { return Err(missing("rating", path)) };
        Ok(PreviousRating { rating, target })
    }

    fn target(&self, value: &'d Value<'a>, path: &Path<'_>, expected: &str) -> Read<Target> {
        let (mut rating, mut by) = (None, None);
        self.fields(value, path, expected, &["rating", "by"], |i, v, p| {
            match i {
                0 => rating = Some(self.int(v, p)?),
                _ => by = self.optional_date(v, p)?,
            }
            Ok(())
        })?;
        let Some(rating) = rating else { return Err(missing("rating", path)) };
        Ok(Target { rating, by })
    }

    fn action(&self, value: &'d Value<'a>, path: &Path<'_>, expected: &str) -> Read<Action> {
        const NAMES: &[&str] = &["id", "title", "standards", "owner", "due", "status", "notes"];
        let (mut id, mut title, mut standards, mut owner) = (None, None, None, None);
        let (mut due, mut status, mut notes) = (None, None, None);
        self.fields(value, path, expected, NAMES, |i, v, p| {
            match i {
                0 => id = Some(self.text::<ActionId>(v, p)?),
                1 => title = Some(self.string(v, p)?),
                2 => standards = Some(self.standard_ids(v, p)?),
                3 => owner = self.optional_string(v, p)?,
                4 => due = self.optional_date(v, p)?,
                5 => status = Some(self.word(v, p, STATUSES, &ActionStatus::ALL)?),
                _ => notes = self.optional_string(v, p)?,
            }
            Ok(())
        })?;
        let Some(id) = id else { return Err(missing("id", path)) };
        let Some(title) = title else { return Err(missing("title", path)) };
        let Some(standards) = standards else { return Err(missing("standards", path)) };
        let Some(status) = status else { return Err(missing("status", path)) };
        Ok(Action { id, title, standards, owner, due, status, notes })
    }

    /// A list of standard ids (a plain sequence, as serde reads a `Vec`).
    fn standard_ids(&self, value: &Value<'_>, path: &Path<'_>) -> Read<Vec<StandardId>> {
        let Value::Array(span) = value else { return Err(self.invalid(value, path, "a sequence")) };
        let items = self.doc.items(*span);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(self.standard_id(item, &Path::Index(path, i))?);
        }
        Ok(out)
    }

    fn archived_action(&self, value: &'d Value<'a>, path: &Path<'_>) -> Read<ArchivedAction> {
        let (mut catalogue, mut action, mut reason) = (None, None, None);
        self.fields(value, path, OBJECT, &["catalogue", "action", "reason"], |i, v, p| {
            match i {
                0 => catalogue = Some(self.catalogue_ref(v, p)?),
                1 => action = Some(self.action(v, p, OBJECT)?),
                _ => reason = Some(self.string(v, p)?),
            }
            Ok(())
        })?;
        let Some(catalogue) = catalogue else { return Err(missing("catalogue", path)) };
        let Some(action) = action else { return Err(missing("action", path)) };
        let Some(reason) = reason else { return Err(missing("reason", path)) };
        Ok(ArchivedAction { catalogue, action, reason })
    }
}

/// The words of the enums, in their declaration order (serde's list of variants).
const EVIDENCE_LEVELS: &[&str] = &["none", "self_reported", "documented", "audited", "external"];
const CONFIDENCES: &[&str] = &["low", "medium", "high"];
const STATUSES: &[&str] = &["planned", "in_progress", "done", "dropped"];

/// An assessment with every member of the format, for tests that need a document of each
/// shape without reading files outside the crate.
#[cfg(test)]
pub(crate) const RICH_ASSESSMENT: &str = r#"{
  "$schema": "../schemas/assessment.schema.json",
  "schema_version": "1.2.0",
  "catalogue": { "id": "perinatal-mental-health", "version": "3.1.0" },
  "area": { "name": "Northbrook", "code": "E38000001", "kind": "locality" },
  "assessed_on": "2025-05-01",
  "participants": [{ "role": "Specialist perinatal midwife", "organisation": "Northbrook NHS Trust" }, { "role": "Parent" }],
  "groups": [{ "id": "roma", "title": "Gypsy, Roma and Traveller women", "description": "Women of the local sites" }],
  "ratings": {
    "T1.1": {
      "rating": 3,
      "target": { "rating": 4, "by": "2026-03-31" },
      "evidence": "Minutes of the partnership, \"quoted\"",
      "groups": { "roma": { "rating": 2, "evidence": "Site visits" }, "interpreter": { "rating": "unknown" } },
      "evidence_level": "documented",
      "evidence_date": "2025-04-01",
      "confidence": "medium",
      "actions": "Name a deputy",
      "review": "Check after migration"
    },
    "T1.2": { "rating": "not_applicable" },
    "T1.3": { "rating": "unknown", "evidence_level": null, "confidence": null },
    "T2.1": { "rating": 0, "target": { "rating": 2 } }
  },
  "plan": [
    { "id": "A1", "title": "Write the pathway", "standards": ["T1.1", "T2.1"], "owner": "ICB", "due": "2025-12-01", "status": "in_progress", "notes": "Draft in June" },
    { "id": "A2", "title": "Train champions", "standards": [], "status": "planned" }
  ],
  "previous": {
    "catalogue": { "id": "perinatal-mental-health", "version": "3.0.0" },
    "assessed_on": "2024-05-01",
    "ratings": { "T1.1": { "rating": 2, "target": { "rating": 3 } }, "T1.2": { "rating": "unknown" } }
  },
  "notes": "A rich example",
  "archive": [
    {
      "catalogue": { "id": "perinatal-mental-health", "version": "2.0.0" },
      "standard": "T2.8",
      "rating": 2,
      "target": { "rating": 3, "by": "2025-01-01" },
      "evidence": "FNP reports",
      "groups": { "roma": { "rating": 1 } },
      "evidence_level": "self_reported",
      "evidence_date": "2024-02-01",
      "confidence": "low",
      "actions": "None now",
      "review": "Retired standard",
      "reason": "retired in 3.0.0"
    }
  ],
  "plan_archive": [
    {
      "catalogue": { "id": "perinatal-mental-health", "version": "2.0.0" },
      "action": { "id": "A9", "title": "Recommission FNP", "standards": ["T2.8"], "status": "done" },
      "reason": "none of its standards is in 3.0.0"
    }
  ]
}
"#;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_words_are_the_enums_own() {
        assert!(EVIDENCE_LEVELS.iter().zip(EvidenceLevel::ALL).all(|(w, l)| *w == l.as_str()));
        assert!(CONFIDENCES.iter().zip(Confidence::ALL).all(|(w, c)| *w == c.as_str()));
        assert!(STATUSES.iter().zip(ActionStatus::ALL).all(|(w, s)| *w == s.as_str()));
        assert_eq!((EVIDENCE_LEVELS.len(), STATUSES.len()), (EvidenceLevel::ALL.len(), ActionStatus::ALL.len()));
    }

    #[test]
    fn an_assessment_with_every_member_reads_as_the_derived_reader_reads_it() {
        let derived = json::from_str::<Assessment>(RICH_ASSESSMENT).expect("sound");
        assert_eq!(assessment(RICH_ASSESSMENT), Ok(derived.clone()));
        assert!(derived.previous.is_some() && !derived.archive.is_empty() && !derived.plan_archive.is_empty());
        // And as the writer writes it.
        assert_eq!(assessment(&derived.to_json()), Ok(derived));
    }

    /// Each way a file can go wrong, answered as the derived reader answers it.
    #[test]
    fn every_refusal_is_the_derived_readers() {
        let base = r#"{"schema_version":"1.2.0","catalogue":{"id":"perinatal-mental-health","version":"3.1.0"},
            "area":{"name":"Northbrook"},"assessed_on":"2025-05-01","ratings":{"T1.1":{"rating":3}}"#;
        let cases = [
            "5".to_owned(),
            "[]".to_owned(),
            "{}".to_owned(),
            format!("{base}}}"),
            format!("{base},\"colour\":1}}"),
            format!("{base},\"notes\":null,\"notes\":\"x\"}}"),
            format!("{base},\"notes\":5}}"),
            format!("{base},\"$schema\":null,\"participants\":[{{\"role\":\"GP\",\"organisation\":null}},5]}}"),
            format!("{base},\"participants\":{{}}}}"),
            format!("{base},\"participants\":[{{}}]}}"),
            format!("{base},\"groups\":[{{\"id\":\"\",\"title\":\"x\"}}]}}"),
            format!("{base},\"groups\":[{{\"id\":\"roma\"}}]}}"),
            format!(
                "{base},\"plan\":[{{\"id\":\"A1\",\"title\":\"t\",\"standards\":[\"T1.1\",7],\"status\":\"planned\"}}]}}"
            ),
            format!(
                "{base},\"plan\":[{{\"id\":\"A1\",\"title\":\"t\",\"standards\":\"T1.1\",\"status\":\"planned\"}}]}}"
            ),
            format!("{base},\"plan\":[{{\"id\":\"A1\",\"title\":\"t\",\"standards\":[],\"status\":\"later\"}}]}}"),
            format!(
                "{base},\"plan\":[{{\"id\":\"A1\",\"title\":\"t\",\"standards\":[],\"status\":{{\"done\":null}}}}]}}"
            ),
            format!("{base},\"plan\":[{{\"id\":\"A1\",\"title\":\"t\",\"standards\":[]}}]}}"),
            format!(
                "{base},\"plan\":[{{\"id\":\"A1\",\"title\":\"t\",\"standards\":[],\"status\":\"done\",\"due\":\"2025-02-30\"}}]}}"
            ),
            format!(
                "{base},\"previous\":{{\"catalogue\":{{\"id\":\"x\",\"version\":\"1\"}},\"assessed_on\":\"2024-01-01\",\"ratings\":{{}}}}}}"
            ),
            format!(
                "{base},\"previous\":{{\"catalogue\":{{\"id\":\"x\",\"version\":\"1.0.0\"}},\"assessed_on\":\"2024-01-01\"}}}}"
            ),
            format!("{base},\"previous\":[]}}"),
            format!(
                "{base},\"archive\":[{{\"catalogue\":{{\"id\":\"x\",\"version\":\"1.0.0\"}},\"standard\":\"T9\",\"rating\":2}}]}}"
            ),
            format!(
                "{base},\"plan_archive\":[{{\"catalogue\":{{\"id\":\"x\",\"version\":\"1.0.0\"}},\"reason\":\"gone\"}}]}}"
            ),
            r#"{"schema_version":"2.0.0","novel":1}"#.to_owned(),
            r#"{"schema_version":"1.9.0","novel":1}"#.to_owned(),
            r#"{"schema_version":"one"}"#.to_owned(),
            r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0","extra":1}}"#.to_owned(),
            r#"{"schema_version":"1.0.0","catalogue":{"version":"1.0.0"}}"#.to_owned(),
            r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"N","name":"M"}}"#
                .to_owned(),
        ];
        let ratings = [
            r#"{"rating":6.5}"#,
            r#"{"rating":1e3}"#,
            r#"{"rating":"3"}"#,
            r#"{"rating":true}"#,
            r#"{"rating":null}"#,
            r#"{"rating":[]}"#,
            r#"{"rating":{}}"#,
            r#"{"rating":4294967296}"#,
            r#"{"rating":-4294967296}"#,
            r#"{}"#,
            r#"{"rating":3,"target":{"rating":2.5}}"#,
            r#"{"rating":3,"target":{"rating":4294967296}}"#,
            r#"{"rating":3,"target":{"rating":-4294967296}}"#,
            r#"{"rating":3,"target":{"rating":"5"}}"#,
            r#"{"rating":3,"target":{"by":"2026-01-01"}}"#,
            r#"{"rating":3,"target":5}"#,
            r#"{"rating":3,"target":null}"#,
            r#"{"rating":3,"groups":{"roma":{"rating":2},"roma":{"rating":1}}}"#,
            r#"{"rating":3,"groups":{"":{"rating":2}}}"#,
            r#"{"rating":3,"groups":{"roma":2}}"#,
            r#"{"rating":3,"groups":[]}"#,
            r#"{"rating":3,"evidence_level":"strong"}"#,
            r#"{"rating":3,"evidence_level":1}"#,
            r#"{"rating":3,"evidence_level":null,"confidence":"sure"}"#,
            r#"{"rating":3,"evidence_date":"2025-13-01"}"#,
            r#"{"rating":3,"evidence_date":20250101}"#,
            r#"{"rating":3,"review":[]}"#,
            r#"{"rating":3,"rating":3}"#,
            r#"{"rating":3,"colour":"red"}"#,
            "5",
        ];
        let ratings = ratings.iter().map(|entry| {
            format!(r#"{{"schema_version":"1.2.0","catalogue":{{"id":"perinatal-mental-health","version":"3.1.0"}},"area":{{"name":"N"}},"assessed_on":"2025-05-01","ratings":{{"T1.1":{entry}}}}}"#)
        });
        let keys = [r#""T1.1":{"rating":1},"T1.1":{"rating":2}"#, r#""not an id":{"rating":1}"#];
        let keys = keys.iter().map(|members| {
            format!(r#"{{"schema_version":"1.2.0","catalogue":{{"id":"p","version":"3.1.0"}},"area":{{"name":"N"}},"assessed_on":"2025-05-01","ratings":{{{members}}}}}"#)
        });
        let mut refused = 0;
        for text in cases.into_iter().chain(ratings).chain(keys) {
            let derived = json::from_str::<Assessment>(&text);
            refused += usize::from(derived.is_err());
            assert_eq!(assessment(&text), derived, "{text}");
        }
        assert_eq!(refused, 59, "every case but two (the first, and a target of null) is refused");
    }

    /// Values of every JSON type, leaning to the words, ids, dates and numbers the format uses.
    fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::{Value, json};
        let words = prop::sample::select(vec![
            "",
            "x",
            "T1.1",
            "T9.9",
            "A1",
            "roma",
            "not an id",
            "2025-05-01",
            "2025-02-30",
            "1.0.0",
            "3.1.0",
            "2.0.0",
            "not_applicable",
            "unknown",
            "low",
            "high",
            "done",
            "later",
            "self_reported",
            "audited",
            "planned",
        ]);
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-3i64..8).prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            any::<i64>().prop_map(|n| json!(n)),
            prop::sample::select(vec![0.5, 2.0, -0.0, 1e300, 3.25]).prop_map(|f| json!(f)),
            words.prop_map(|w| json!(w)),
        ];
        let keys =
            prop::sample::select(vec!["rating", "id", "title", "by", "x", "T1.1", "status", "standards", "name"]);
        leaf.prop_recursive(3, 12, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((keys.clone(), inner), 0..4)
                    .prop_map(|members| Value::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            ]
        })
    }

    fn pointers(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        out.push(at.to_owned());
        match value {
            serde_json::Value::Object(map) => {
                for (key, member) in map {
                    pointers(member, &format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointers(item, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    const EXAMPLES: [&str; 1] = [RICH_ASSESSMENT];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        /// An example with one value replaced, removed or joined by an unknown member reads to
        /// the same assessment, or the same error, as with the derived reader.
        #[test]
        fn any_changed_example_reads_as_the_derived_reader_reads_it(
            example in 0..EXAMPLES.len(),
            slot in any::<usize>(),
            replacement in arbitrary_json(),
            change in 0u8..4,
            pretty in any::<bool>(),
        ) {
            let mut value: serde_json::Value = serde_json::from_str(EXAMPLES[example]).unwrap();
            let mut places = Vec::new();
            pointers(&value, "", &mut places);
            let place = places[slot % places.len()].clone();
            match change {
                0 => {
                    if let Some(v) = value.pointer_mut(&place) {
                        *v = replacement;
                    }
                }
                1 => {
                    if let Some((parent, last)) = place.rsplit_once('/') {
                        match value.pointer_mut(parent) {
                            Some(serde_json::Value::Object(map)) => {
                                map.shift_remove(&last.replace("~1", "/").replace("~0", "~"));
                            }
                            Some(serde_json::Value::Array(items)) => {
                                items.remove(last.parse::<usize>().unwrap());
                            }
                            _ => {}
                        }
                    }
                }
                2 => {
                    if let Some(serde_json::Value::Object(map)) = value.pointer_mut(&place) {
                        map.insert("colour".into(), replacement);
                    }
                }
                _ => {}
            }
            let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
            prop_assert_eq!(assessment(&text), json::from_str::<Assessment>(&text), "{}", text);
        }
    }

    #[test]
    fn actions_and_targets_read_alone_as_the_derived_reader_reads_them() {
        for text in [
            r#"{"id":"A1","title":"t","standards":["T1.1"],"status":"in_progress","owner":"ICB","due":"2026-01-01"}"#,
            r#"{"id":"A1","title":"t","standards":[],"status":"done","notes":null}"#,
            "5",
            "[]",
            r#"{"id":"A1"}"#,
            r#"{"id":"A 1","title":"t","standards":[],"status":"done"}"#,
        ] {
            assert_eq!(action(text), json::read::<Action>(text), "{text}");
        }
        for text in [
            r#"{"rating":4}"#,
            r#"{"rating":4,"by":null}"#,
            r#"{"rating":4,"by":"2026-02-01"}"#,
            "null",
            "{}",
            r#"{"by":1}"#,
        ] {
            assert_eq!(target(text), json::read::<Target>(text), "{text}");
        }
    }
}
