//! # carepath-wasm
//!
//! The WebAssembly build of [`carepath`]: load catalogues, create, check, edit, import, export and
//! score assessments in a web page or in Node, with exactly the rules of the Rust crate.
//!
//! This crate is the *raw* layer, a thin call-and-answer shell over the core: every export takes
//! and answers JSON text, and a failure is thrown as the error's JSON text. The JavaScript
//! wrapper `js/carepath.js` is the public API: it turns the answers into plain objects and the
//! failures into `CarepathError` objects (`code`, `path`, `problems`), and `js/carepath.d.ts`
//! declares every type. Because nothing here touches a JS value, every function also runs, and is
//! unit-tested, natively.
//!
//! Adding an operation is one function here and one in the wrapper: parse the inputs with the
//! core, call it, answer with [`answer::to_json`]. Migration, comparison, benchmark and consensus
//! are methods of [`CatalogueHandle`]: the edition they work in. The last three are behind the
//! default feature `analysis`; without it (the lite package) the module is smaller.

mod answer;
mod editions;
#[cfg(feature = "exchange")]
mod exchange;

pub use editions::{add_edition, missing_editions, needs_loading};

#[cfg(feature = "edit")]
use carepath::Rating;
use carepath::{Catalogue, CatalogueRef};
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(feature = "analysis")]
use crate::answer::error_in_list_json;
#[cfg(feature = "edit")]
use crate::answer::rating_pointer;
#[cfg(feature = "analysis")]
use crate::answer::read_assessments;
#[cfg(any(feature = "edit", feature = "exchange"))]
use crate::answer::schema_error;
use crate::answer::{Answer, answer, read_assessment, to_json};

/// The bundled catalogue editions, as a JSON array of `{ "id", "version" }`.
#[wasm_bindgen(js_name = bundledCatalogues)]
#[must_use]
pub fn bundled_catalogues() -> String {
    to_json(&carepath::bundled_catalogues())
}

/// The id of the catalogue used when none is named.
#[wasm_bindgen(js_name = defaultCatalogue)]
#[must_use]
pub fn default_catalogue() -> String {
    carepath::DEFAULT_CATALOGUE.to_owned()
}

/// The core's default for a benchmark (`carepath::DEFAULT_MIN_GROUP`): items scored by fewer
/// areas than this are withheld. In both modules, full and lite, so `DEFAULT_MIN_GROUP` in
/// carepath.js is the core's own.
#[wasm_bindgen(js_name = defaultMinGroup)]
#[must_use]
pub fn default_min_group() -> usize {
    carepath::DEFAULT_MIN_GROUP
}

/// The core's default for a consensus (`carepath::DEFAULT_DISAGREEMENT`): scores this many
/// points apart are a disagreement.
#[wasm_bindgen(js_name = defaultDisagreement)]
#[must_use]
pub fn default_disagreement() -> i32 {
    carepath::DEFAULT_DISAGREEMENT
}

/// The JSON text of a bundled edition, exactly as in `standards/<id>/<version>.json`, or
/// `undefined` when there is no such edition.
#[wasm_bindgen(js_name = bundledJson)]
#[must_use]
pub fn bundled_json(id: &str, version: &str) -> Option<String> {
    let edition =
        CatalogueRef { id: carepath::CatalogueId::new(id).ok()?, version: carepath::Version::parse(version).ok()? };
    editions::text(&edition)
}

/// The text of a JSON file given as bytes: a leading byte-order mark skipped, and bytes that
/// are not UTF-8 refused with the line and column of the first bad byte (never replaced with
/// U+FFFD), exactly as every other surface reads files.
///
/// # Errors
/// The core `syntax` error as JSON text.
#[wasm_bindgen(js_name = decodeJson)]
pub fn decode_json(bytes: &[u8]) -> Answer {
    answer(carepath::json_text(bytes)).map(str::to_owned)
}

/// Every problem of a catalogue's JSON text, as a JSON array of `{ path, code, message }`
/// (empty when the catalogue is sound). Only where the module has the strict reader: in the
/// lite package, its exchange module.
#[cfg(feature = "exchange")]
#[wasm_bindgen(js_name = validateCatalogue)]
#[must_use]
pub fn validate_catalogue(text: &str) -> String {
    let problems = Catalogue::from_json(text).err().map(|e| e.problems()).unwrap_or_default();
    to_json(&problems)
}

/// Reads an assessment's JSON text (its shape: fields, types, dates, versions, repeated keys) and
/// answers it as compact JSON.
///
/// # Errors
/// The core error as JSON text.
#[wasm_bindgen(js_name = readAssessment)]
pub fn read_assessment_json(text: &str) -> Answer {
    answer(read_assessment(text)).map(|a| to_json(&a))
}

/// Sets the status of an action of the plan (`planned`, `in_progress`, `done` or `dropped`).
///
/// # Errors
/// `schema` for another word; `invalid` (`unknown_action`).
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setActionStatus)]
pub fn set_action_status(assessment: &str, id: &str, status: &str) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    let at = a.plan.iter().position(|x| x.id == *id).unwrap_or(a.plan.len());
    let status = status.parse::<carepath::ActionStatus>().map_err(|e| {
        answer::error_json(&schema_error(carepath::json_pointer(["plan", &at.to_string(), "status"]), e.to_string()))
    })?;
    answer(a.set_action_status(id, status))?;
    Ok(to_json(&a))
}

/// Removes an action from the plan (nothing changes when it has none of that id).
///
/// # Errors
/// The core error as JSON text for an assessment that cannot be read.
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = removeAction)]
pub fn remove_action(assessment: &str, id: &str) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    a.remove_action(id);
    Ok(to_json(&a))
}

/// Reads a value of the format from JSON text with its strict reader (`Action::from_json`,
/// say), a failure being a schema error at `path`, or inside it at the value that does not fit.
#[cfg(feature = "edit")]
fn parse_at<T>(text: &str, path: String, read: fn(&str) -> Result<T, carepath::Error>) -> Result<T, carepath::Error> {
    read(text).map_err(|e| under(path, e))
}

/// [`parse_at`] for any JSON (a repeated key refused).
#[cfg(feature = "edit")]
fn value_at(text: &str, path: String) -> Result<serde_json::Value, carepath::Error> {
    carepath::json_value(text).map_err(|e| under(path, e))
}

/// An error in JSON text that stands at `path` of the document: a schema error there (inside it
/// when the error has a path of its own).
#[cfg(feature = "edit")]
fn under(path: String, err: carepath::Error) -> carepath::Error {
    match err {
        carepath::Error::Schema { path: inner, message } => schema_error(path + &inner, message),
        other => schema_error(path, other.to_string()),
    }
}

/// Reads a date, a failure being a schema error at `path`.
#[cfg(any(feature = "edit", feature = "exchange"))]
fn date_at(text: &str, path: String) -> Result<carepath::Date, carepath::Error> {
    text.parse().map_err(|e: carepath::DateError| schema_error(path, e.to_string()))
}

/// Sets or clears (with `null` or blank text) the evidence of a rated standard.
///
/// # Errors
/// The core error as JSON text (`not_rated` when the standard has no rating yet).
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setEvidence)]
pub fn set_evidence(assessment: &str, standard: &str, evidence: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_evidence(standard, evidence.as_deref()))?;
    Ok(to_json(&a))
}

/// Sets or clears (with `null` or blank text) the evidence of a group rating.
///
/// # Errors
/// `not_rated` when the standard has no rating for the group.
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setGroupEvidence)]
pub fn set_group_evidence(assessment: &str, standard: &str, group: &str, evidence: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_group_evidence(standard, group, evidence.as_deref()))?;
    Ok(to_json(&a))
}

/// Sets or clears the evidence level of a rated standard (`none`, `self_reported`,
/// `documented`, `audited` or `external`).
///
/// # Errors
/// `schema` at `/ratings/<id>/evidence_level` for another word; `not_rated`.
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setEvidenceLevel)]
pub fn set_evidence_level(assessment: &str, standard: &str, level: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_evidence_level_word(standard, level.as_deref()))?;
    Ok(to_json(&a))
}

/// Sets or clears the date the evidence of a rated standard was gathered (`YYYY-MM-DD`).
///
/// # Errors
/// `schema` at `/ratings/<id>/evidence_date` for a malformed date; `not_rated`.
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setEvidenceDate)]
pub fn set_evidence_date(assessment: &str, standard: &str, date: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    let date = date.map(|d| date_at(&d, carepath::json_pointer(["ratings", standard, "evidence_date"]))).transpose();
    answer(a.set_evidence_date(standard, answer(date)?))?;
    Ok(to_json(&a))
}

/// Sets or clears the planned actions of a rated standard.
///
/// # Errors
/// As [`set_evidence`].
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setActions)]
pub fn set_actions(assessment: &str, standard: &str, actions: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_actions(standard, actions.as_deref()))?;
    Ok(to_json(&a))
}

/// Sets or clears the confidence (`low`, `medium`, `high`) of a rated standard.
///
/// # Errors
/// As [`set_evidence`], and a `schema` error for another word.
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = setConfidence)]
pub fn set_confidence(assessment: &str, standard: &str, confidence: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_confidence_word(standard, confidence.as_deref()))?;
    Ok(to_json(&a))
}

/// Removes a standard's entry: it becomes unrated.
///
/// # Errors
/// The core error as JSON text when the text is not an assessment.
#[cfg(feature = "edit")]
#[wasm_bindgen]
pub fn unrate(assessment: &str, standard: &str) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    a.unrate(standard);
    Ok(to_json(&a))
}

/// Removes the review note of a rated standard (the note migration or consensus writes when a
/// rating needs another look), keeping its rating and text; nothing changes when it has no note.
///
/// # Errors
/// The core error as JSON text (`not_rated` when the standard has no rating, as
/// [`set_evidence`]).
#[cfg(feature = "edit")]
#[wasm_bindgen(js_name = clearReview)]
pub fn clear_review(assessment: &str, standard: &str) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_review(standard, None))?;
    Ok(to_json(&a))
}

/// A catalogue in plain language and the descriptions the plain texts replaced
/// (`CatalogueHandle::withPlainLanguage`).
#[cfg(feature = "edit")]
#[wasm_bindgen]
#[derive(Debug)]
pub struct PlainCatalogue {
    descriptions: String,
    handle: Option<CatalogueHandle>,
}

#[cfg(feature = "edit")]
#[wasm_bindgen]
impl PlainCatalogue {
    /// `[[standard id, description], …]` as JSON: each standard whose description the plain
    /// text replaced, with its new description. The JavaScript side puts them into its copy of
    /// the catalogue's data, so the module needs no writer of whole catalogues.
    #[must_use]
    pub fn descriptions(&self) -> String {
        self.descriptions.clone()
    }

    /// The handle (taken once).
    #[wasm_bindgen(js_name = takeHandle)]
    pub fn take_handle(&mut self) -> Option<CatalogueHandle> {
        self.handle.take()
    }
}

/// One catalogue edition, parsed and checked once, then used for many calls.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CatalogueHandle {
    catalogue: Catalogue,
}

#[wasm_bindgen]
impl CatalogueHandle {
    /// A bundled edition named `id@version` (`perinatal-mental-health@1.0.0`, `...@1`) or by id
    /// alone for the latest.
    ///
    /// # Errors
    /// `not_found`, naming what is bundled.
    pub fn bundled(spec: &str) -> Answer<CatalogueHandle> {
        let edition = answer(CatalogueRef::bundled(spec, None))?;
        editions::catalogue(&edition).map(|catalogue| Self { catalogue })
    }

    /// The bundled edition to score an assessment with: the edition it names when that is
    /// bundled, else the latest compatible one (`Catalogue::bundled_for`, the rule of every
    /// surface).
    ///
    /// # Errors
    /// The assessment's shape error, or `not_found` when no compatible edition is bundled.
    #[wasm_bindgen(js_name = bundledFor)]
    pub fn bundled_for(assessment: &str) -> Answer<CatalogueHandle> {
        let a = answer(read_assessment(assessment))?;
        let edition = answer(CatalogueRef::bundled_for(&a.catalogue))?;
        editions::catalogue(&edition).map(|catalogue| Self { catalogue })
    }

    /// A catalogue from its JSON text, checked as a whole.
    ///
    /// # Errors
    /// `syntax`, `schema`, `version`, or `invalid` listing every problem.
    #[cfg(feature = "exchange")]
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Answer<CatalogueHandle> {
        answer(Catalogue::from_json(text)).map(|catalogue| Self { catalogue })
    }

    /// A catalogue of one's own that the strict reader has accepted (`fromJson` of the lite
    /// package's exchange module: carepath.js reads it there first), read without that reader's
    /// code, which this module leaves out (`Catalogue::from_checked_json`), and checked as a whole.
    ///
    /// # Errors
    /// `syntax`, `schema` (naming the member, not where), or `invalid` listing every problem.
    #[cfg(not(feature = "exchange"))]
    #[wasm_bindgen(js_name = fromChecked)]
    pub fn from_checked(text: &str) -> Answer<CatalogueHandle> {
        answer(Catalogue::from_checked_json(text)).map(|catalogue| Self { catalogue })
    }

    /// This edition in plain language (`Catalogue::with_plain_language`), with the descriptions
    /// that changed, for the JavaScript side's `data`.
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = withPlainLanguage)]
    #[must_use]
    pub fn with_plain_language(&self) -> PlainCatalogue {
        let catalogue = self.catalogue.with_plain_language();
        let changed: Vec<(&str, &str)> = catalogue
            .standards()
            .zip(self.catalogue.standards())
            .filter(|((_, plain), (_, own))| plain.description != own.description)
            .map(|((_, plain), _)| (plain.id.as_str(), plain.description.as_str()))
            .collect();
        let descriptions = to_json(&changed);
        PlainCatalogue { descriptions, handle: Some(Self { catalogue }) }
    }

    /// `{ "id", "version" }` of this edition.
    #[must_use]
    pub fn reference(&self) -> String {
        to_json(&self.catalogue.reference())
    }

    /// An empty assessment of an area (`area` is the JSON of `{ "name", "code"?, "kind"? }`)
    /// against this edition, dated `assessed_on` (`YYYY-MM-DD`).
    ///
    /// # Errors
    /// A `schema` error naming `/area/...` or `/assessed_on`.
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = newAssessment)]
    pub fn new_assessment(&self, area: &str, assessed_on: &str) -> Answer {
        let doc = format!(
            r#"{{"schema_version":{},"catalogue":{},"area":{area},"assessed_on":{},"ratings":{{}}}}"#,
            to_json(&carepath::version::FORMAT_1_0.to_string()),
            to_json(&self.catalogue.reference()),
            to_json(&assessed_on),
        );
        answer(read_assessment(&doc)).map(|a| to_json(&a))
    }

    /// Checks an assessment against this edition.
    ///
    /// # Errors
    /// The shape error, or `invalid` listing every problem.
    #[cfg(feature = "edit")]
    pub fn check(&self, assessment: &str) -> Answer<()> {
        let a = answer(read_assessment(assessment))?;
        answer(self.catalogue.check(&a))
    }

    /// Every problem of an assessment against this edition, as a JSON array of
    /// `{ path, code, message }` (empty when it is sound).
    #[cfg(feature = "edit")]
    #[must_use]
    pub fn validate(&self, assessment: &str) -> String {
        let problems = match read_assessment(assessment) {
            Ok(a) => self.catalogue.check(&a).err().map(|e| e.problems()).unwrap_or_default(),
            Err(e) => e.problems(),
        };
        to_json(&problems)
    }

    /// Reads an assessment (shape) and checks it against this edition: what an import does.
    ///
    /// # Errors
    /// As [`CatalogueHandle::check`].
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = readAssessment)]
    pub fn read_assessment(&self, assessment: &str) -> Answer {
        let a = answer(read_assessment(assessment))?;
        answer(self.catalogue.check(&a))?;
        Ok(to_json(&a))
    }

    /// Scores an assessment: the report as compact JSON. `as_of` (`YYYY-MM-DD`) is the day the
    /// plan's overdue actions are judged on (by default the assessment's date); evidence dated
    /// before `max_age_months` calendar months before the assessment (by default the core's
    /// `DEFAULT_MAX_AGE_MONTHS`) is stale.
    ///
    /// # Errors
    /// As [`CatalogueHandle::check`]; `schema` at `as_of` for a malformed date.
    #[cfg(feature = "edit")]
    pub fn score(&self, assessment: &str, as_of: Option<String>, max_age_months: Option<u32>) -> Answer {
        let a = answer(read_assessment(assessment))?;
        let mut options = carepath::ScoreOptions::default();
        if let Some(day) = as_of {
            options = options.as_of(answer(date_at(&day, "/as_of".to_owned()))?);
        }
        if let Some(months) = max_age_months {
            options = options.max_age_months(months);
        }
        answer(self.catalogue.score_with(&a, options)).map(|r| to_json(&r))
    }

    /// Sets (`target` is the JSON of `{ "rating", "by"? }`) or clears (`null`) the target of a
    /// rated standard.
    ///
    /// # Errors
    /// `schema` for a target that is not one; `invalid` (`target_off_scale`, `not_rated`).
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = setTarget)]
    pub fn set_target(&self, assessment: &str, standard: &str, target: Option<String>) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let target = match target {
            None => None,
            Some(text) => {
                Some(answer(parse_at(&text, rating_pointer(standard, Some("target")), carepath::Target::from_json))?)
            }
        };
        answer(a.set_target(&self.catalogue, standard, target))?;
        Ok(to_json(&a))
    }

    /// Adds an action (the JSON of an action; `id` may be left out for the next free `A<n>`,
    /// `status` for `planned`) at the end of the plan.
    ///
    /// # Errors
    /// `schema` for an action that is not one (at `/plan/<n>/...`); `invalid`
    /// (`duplicate_action`, `unknown_standard`).
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = addAction)]
    pub fn add_action(&self, assessment: &str, action: &str) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let at = carepath::json_pointer(["plan", &a.plan.len().to_string()]);
        let mut value = answer(value_at(action, at.clone()))?;
        if let Some(fields) = value.as_object_mut() {
            fields.entry("id").or_insert_with(|| a.next_action_id().to_string().into());
            fields.entry("status").or_insert_with(|| "planned".into());
            fields.entry("standards").or_insert_with(|| serde_json::Value::Array(Vec::new()));
        }
        let action = answer(parse_at(&value.to_string(), at, carepath::Action::from_json))?;
        answer(a.add_action(&self.catalogue, action))?;
        Ok(to_json(&a))
    }

    /// Changes an action in place: `changes` is the JSON of the fields to change (`null`
    /// clears `owner`, `due` or `notes`).
    ///
    /// # Errors
    /// `invalid` (`unknown_action`, `unknown_standard`); `schema` for a change that does not
    /// fit an action.
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = updateAction)]
    pub fn update_action(&self, assessment: &str, id: &str, changes: &str) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let at = answer(a.action_index(id))?;
        let here = carepath::json_pointer(["plan", &at.to_string()]);
        let mut value = serde_json::to_value(&a.plan[at]).unwrap_or_default();
        let serde_json::Value::Object(changes) = answer(value_at(changes, here.clone()))? else {
            return Err(answer::error_json(&schema_error(here, "the changes must be an object of fields")));
        };
        if let Some(fields) = value.as_object_mut() {
            for (key, change) in changes {
                if change.is_null() {
                    fields.remove(&key);
                } else {
                    fields.insert(key, change);
                }
            }
        }
        let action = answer(parse_at(&value.to_string(), here, carepath::Action::from_json))?;
        answer(a.update_action(&self.catalogue, action))?;
        Ok(to_json(&a))
    }

    /// Starts the next round from an assessment, in this edition (migrating first when needed),
    /// dated `assessed_on`: no ratings, the open actions carried, this round's ratings and
    /// targets in `previous`.
    ///
    /// Without the feature `exchange` (the lite package's first module) the module has no
    /// migration: an assessment that needs it is `mixed_editions`, and carepath.js starts the
    /// round with the exchange module instead, which has this method too.
    ///
    /// # Errors
    /// `schema` for a malformed date; `dates_reversed`; as migration.
    #[cfg(any(feature = "edit", feature = "exchange"))]
    #[wasm_bindgen(js_name = nextRound)]
    pub fn next_round(&self, assessment: &str, assessed_on: &str) -> Answer {
        let a = answer(read_assessment(assessment))?;
        let on = answer(date_at(assessed_on, "/assessed_on".to_owned()))?;
        #[cfg(feature = "exchange")]
        let next = a.next_round(&self.catalogue, on);
        #[cfg(not(feature = "exchange"))]
        let next = a.next_round_in_edition(&self.catalogue, on);
        answer(next).map(|n| to_json(&n))
    }

    /// Rates a standard (`rating` is the text of an integer, `not_applicable` or `unknown`),
    /// keeping its evidence, confidence and actions.
    ///
    /// # Errors
    /// `schema` for something that is not a rating; `invalid` for an unknown standard or a score
    /// off the scale.
    #[cfg(feature = "edit")]
    pub fn rate(&self, assessment: &str, standard: &str, rating: &str) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let rating: Rating = rating.parse().map_err(|e: carepath::RatingError| {
            answer::error_json(&schema_error(rating_pointer(standard, Some("rating")), e.to_string()))
        })?;
        answer(a.rate(&self.catalogue, standard, rating))?;
        Ok(to_json(&a))
    }

    /// Rates a rated standard for a population group (`rating` is the text of an integer,
    /// `not_applicable` or `unknown`), keeping the group rating's evidence; `null` removes it.
    ///
    /// # Errors
    /// `schema` for something that is not a rating; `invalid` (`not_rated`, `unknown_group`,
    /// `rating_off_scale`).
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = setGroupRating)]
    pub fn set_group_rating(&self, assessment: &str, standard: &str, group: &str, rating: Option<String>) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let rating = match rating {
            None => None,
            Some(text) => Some(text.parse::<Rating>().map_err(|e: carepath::RatingError| {
                let at = carepath::json_pointer(["ratings", standard, "groups", group, "rating"]);
                answer::error_json(&schema_error(at, e.to_string()))
            })?),
        };
        answer(a.set_group_rating(&self.catalogue, standard, group, rating))?;
        Ok(to_json(&a))
    }

    /// Declares a local population group (`id`, `title`, optional `description`).
    ///
    /// # Errors
    /// `schema` for a malformed id; `invalid` (`duplicate_group`).
    #[cfg(feature = "edit")]
    #[wasm_bindgen(js_name = addGroup)]
    pub fn add_group(&self, assessment: &str, id: &str, title: &str, description: Option<String>) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let at = carepath::json_pointer(["groups", &a.groups.len().to_string(), "id"]);
        let id: carepath::GroupId =
            id.parse().map_err(|e: carepath::IdError| answer::error_json(&schema_error(at, e.to_string())))?;
        let group = carepath::LocalGroup {
            id,
            title: title.to_owned(),
            description: description.filter(|d| !d.trim().is_empty()),
        };
        answer(a.add_group(&self.catalogue, group))?;
        Ok(to_json(&a))
    }

    /// Compares two assessments of one area in this edition (the later one's; the earlier one
    /// is migrated first when it is of an older major edition). Answers the comparison.
    ///
    /// # Errors
    /// The shape errors (path prefixed `/0` for `old`, `/1` for `new`); `mixed_areas`,
    /// `mixed_catalogues`, `dates_reversed`; `invalid`; the errors of migration.
    #[cfg(feature = "analysis")]
    pub fn compare(&self, old: &str, new: &str) -> Answer {
        let old = read_assessment(old).map_err(|e| error_in_list_json(&e, 0))?;
        let new = read_assessment(new).map_err(|e| error_in_list_json(&e, 1))?;
        answer(carepath::compare(&old, &new, &self.catalogue)).map(|c| to_json(&c))
    }

    /// The spread of scores across areas, one assessment of this edition per area; figures of
    /// items scored by fewer than `min_group` areas are withheld (by default the core's
    /// `DEFAULT_MIN_GROUP`).
    ///
    /// # Errors
    /// The shape errors (path prefixed by the position); `no_assessments`, `mixed_editions`,
    /// `repeated_area`; `invalid` listing every problem of every assessment.
    #[cfg(feature = "analysis")]
    pub fn benchmark(&self, assessments: Vec<String>, min_group: Option<usize>) -> Answer {
        let min_group = min_group.unwrap_or(carepath::DEFAULT_MIN_GROUP);
        let all = read_assessments(&assessments)?;
        answer(carepath::benchmark(&all, &self.catalogue, min_group)).map(|b| to_json(&b))
    }

    /// Combines several raters' assessments of one area on one date; scores `threshold` or
    /// more points apart (by default the core's `DEFAULT_DISAGREEMENT`) are a disagreement.
    /// Answers `{ "assessment", "consensus" }`.
    ///
    /// # Errors
    /// The shape errors (path prefixed by the position); `too_few_raters`, `mixed_areas`,
    /// `mixed_dates`, `mixed_editions`; `invalid` listing every problem of every rater.
    #[cfg(feature = "analysis")]
    pub fn consensus(&self, assessments: Vec<String>, threshold: Option<i32>) -> Answer {
        let threshold = threshold.unwrap_or(carepath::DEFAULT_DISAGREEMENT);
        let all = read_assessments(&assessments)?;
        let (combined, report) = answer(carepath::consensus(&all, &self.catalogue, threshold))?;
        Ok(format!(r#"{{"assessment":{},"consensus":{}}}"#, to_json(&combined), to_json(&report)))
    }
}

#[cfg(all(test, feature = "edit"))]
mod tests {
    use serde_json::Value;

    use super::*;

    const SPEC: &str = "perinatal-mental-health@1.0.0";

    /// `CatalogueHandle::bundled`, the editions first added as the lite package adds them
    /// when the module is built without them.
    fn handle(spec: &str) -> Answer<CatalogueHandle> {
        editions::tests::add_all();
        CatalogueHandle::bundled(spec)
    }

    fn handle_for(assessment: &str) -> Answer<CatalogueHandle> {
        editions::tests::add_all();
        CatalogueHandle::bundled_for(assessment)
    }

    fn error(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    fn blank() -> (CatalogueHandle, String) {
        let c = handle(SPEC).unwrap();
        let a = c.new_assessment(r#"{"name":"Northbrook"}"#, "2016-11-30").unwrap();
        (c, a)
    }

    #[test]
    fn lists_bundled_catalogues() {
        let list: Value = serde_json::from_str(&bundled_catalogues()).unwrap();
        assert!(list.as_array().unwrap().iter().any(|r| r["id"] == "perinatal-mental-health"));
        assert_eq!(default_catalogue(), "perinatal-mental-health");
    }

    #[test]
    fn plain_language_names_the_descriptions_it_replaced() {
        let latest = handle("perinatal-mental-health@3.1.0").unwrap();
        let mut plain = latest.with_plain_language();
        let changed: Vec<(String, String)> = serde_json::from_str(&plain.descriptions()).unwrap();
        assert_eq!(changed.len(), latest.catalogue.standard_count(), "3.1.0 gives every standard a plain text");
        for ((id, description), (_, standard)) in changed.iter().zip(latest.catalogue.standards()) {
            assert_eq!(id, standard.id.as_str());
            assert_eq!(Some(description), standard.plain.as_ref());
        }
        let handle_of_plain = plain.take_handle().unwrap();
        assert_eq!(handle_of_plain.catalogue, latest.catalogue.with_plain_language());
        assert!(plain.take_handle().is_none(), "taken once");
        // An edition without plain texts changes nothing.
        assert_eq!(handle("perinatal-mental-health@2.0.0").unwrap().with_plain_language().descriptions(), "[]");
    }

    #[test]
    fn unknown_editions_are_not_found() {
        let err = error(&handle("perinatal-mental-health@9").unwrap_err());
        assert_eq!(err["code"], "not_found");
    }

    #[test]
    fn rates_scores_and_keeps_text() {
        let (c, a) = blank();
        let a = c.rate(&a, "T1.1", "4").unwrap();
        let a = c.rate(&a, "T1.2", "1").unwrap();
        let a = set_evidence(&a, "T1.2", Some("plan drafted".into())).unwrap();
        let a = set_confidence(&a, "T1.2", Some("low".into())).unwrap();
        let a = c.rate(&a, "T1.2", "2").unwrap();
        let a = c.rate(&a, "T1.3", "unknown").unwrap();
        let report: Value = serde_json::from_str(&c.score(&a, None, None).unwrap()).unwrap();
        assert_eq!(report["themes"][0]["score"], 3.0);
        assert_eq!(report["themes"][0]["light"], "amber");
        assert_eq!(report["unknowns"][0], "T1.3");
        let a: Value = serde_json::from_str(&a).unwrap();
        assert_eq!(a["ratings"]["T1.2"]["evidence"], "plan drafted");
        assert_eq!(a["ratings"]["T1.2"]["confidence"], "low");
        assert_eq!(a["ratings"]["T1.2"]["rating"], 2);
    }

    #[test]
    fn bad_ratings_are_coded_errors() {
        let (c, a) = blank();
        let err = error(&c.rate(&a, "T1.1", "3.5").unwrap_err());
        assert_eq!(err["code"], "schema");
        assert_eq!(err["path"], "/ratings/T1.1/rating");
        assert!(err["message"].as_str().unwrap().contains("invalid rating `3.5`"), "{err}");
        let err = error(&c.rate(&a, "T1.1", "9").unwrap_err());
        assert_eq!(err["code"], "invalid");
        assert_eq!(err["problems"][0]["code"], "rating_off_scale");
        let err = error(&c.rate(&a, "T99.1", "1").unwrap_err());
        assert_eq!(err["code"], "invalid");
        let err = error(&set_evidence(&a, "T1.1", Some("x".into())).unwrap_err());
        assert_eq!(err["problems"][0]["code"], "not_rated");
        let a = c.rate(&a, "T1.1", "1").unwrap();
        let err = error(&set_confidence(&a, "T1.1", Some("sure".into())).unwrap_err());
        assert_eq!(err["code"], "schema");
        assert_eq!(err["path"], "/ratings/T1.1/confidence");
    }

    #[test]
    fn new_assessments_check_area_and_date() {
        let c = handle(SPEC).unwrap();
        let err = error(&c.new_assessment(r#"{"name":"X"}"#, "2016-02-30").unwrap_err());
        assert_eq!(err["path"], "/assessed_on");
        let err = error(&c.new_assessment(r#"{"nme":"X"}"#, "2016-02-03").unwrap_err());
        assert_eq!(err["code"], "schema");
        assert_eq!(err["path"], "/area/nme");
        let err = error(&c.new_assessment("{", "2016-02-03").unwrap_err());
        assert_eq!(err["code"], "syntax");
    }

    #[test]
    fn validate_lists_problems_and_never_fails() {
        let (c, a) = blank();
        assert_eq!(c.validate(&a), "[]");
        let bad = a.replace(r#""ratings":{}"#, r#""ratings":{"T1.1":{"rating":7},"T0":{"rating":1}}"#);
        let problems: Value = serde_json::from_str(&c.validate(&bad)).unwrap();
        assert_eq!(problems.as_array().unwrap().len(), 2, "{problems}");
        let problems: Value = serde_json::from_str(&c.validate("not json")).unwrap();
        assert_eq!(problems[0]["code"], "syntax");
        assert!(c.check(&bad).is_err());
        assert!(c.read_assessment(&bad).is_err());
    }

    #[test]
    fn export_is_pretty_and_round_trips() {
        let (c, a) = blank();
        let a = c.rate(&a, "T2.1", "not_applicable").unwrap();
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&a).unwrap()).unwrap();
        assert_eq!(read_assessment_json(&pretty).unwrap(), a);
        assert_eq!(unrate(&a, "T2.1").unwrap(), blank().1);
    }

    fn example(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../standards/examples/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// With migration in the module, the next round of an older edition's assessment is
    /// started in this one; without it (the lite module) it is `mixed_editions`, for carepath.js
    /// to ask the exchange module, and a round in the same edition needs no migration.
    #[cfg(any(feature = "edit", feature = "exchange"))]
    #[test]
    fn the_next_round_of_an_older_edition_needs_migration() {
        let old = example("northbrook-2016");
        let latest = handle("perinatal-mental-health@2").unwrap();
        let next = latest.next_round(&old, "2026-11-10");
        if cfg!(feature = "exchange") {
            let next: Value = serde_json::from_str(&next.unwrap()).unwrap();
            assert_eq!(next["catalogue"]["version"], "2.0.0");
            assert_eq!(next["previous"]["catalogue"]["version"], "1.0.0");
        } else {
            assert_eq!(error(&next.unwrap_err())["code"], "mixed_editions");
        }
        let own = handle("perinatal-mental-health@1").unwrap();
        let again: Value = serde_json::from_str(&own.next_round(&old, "2026-11-10").unwrap()).unwrap();
        assert_eq!(again["catalogue"]["version"], "1.0.0");
    }

    #[cfg(feature = "exchange")]
    #[test]
    fn migrates_an_older_edition_keeping_every_rating() {
        let old = example("northbrook-2016");
        let latest = handle("perinatal-mental-health@2").unwrap();
        let out: Value = serde_json::from_str(&latest.migrate(&old, Vec::new()).unwrap()).unwrap();
        let before: Value = serde_json::from_str(&old).unwrap();
        let (ratings, archive) = (out["assessment"]["ratings"].as_object().unwrap(), &out["assessment"]["archive"]);
        assert_eq!(out["assessment"]["catalogue"]["version"], "2.0.0");
        assert_eq!(out["report"]["steps"].as_array().unwrap().len(), 1);
        let fates = out["report"]["steps"][0]["fates"].as_array().unwrap();
        assert_eq!(fates.len(), before["ratings"].as_object().unwrap().len());
        // Every earlier rating is carried or archived, never dropped.
        for fate in fates {
            let archived = fate["fate"] == "archived";
            let found = if archived {
                archive.as_array().unwrap().iter().any(|e| e["standard"] == fate["standard"])
            } else {
                fate["to"].as_array().unwrap().iter().all(|id| ratings.contains_key(id.as_str().unwrap()))
            };
            assert!(found, "{fate}");
        }
        assert!(latest.check(&out["assessment"].to_string()).is_ok());
        // Already in the edition: unchanged, no steps.
        let again: Value =
            serde_json::from_str(&latest.migrate(&out["assessment"].to_string(), Vec::new()).unwrap()).unwrap();
        assert_eq!(again["assessment"], out["assessment"]);
        assert_eq!(again["report"]["steps"], serde_json::json!([]));
        // Backwards, and via an edition that is not a catalogue.
        let first = handle("perinatal-mental-health@1.0.0").unwrap();
        let err = error(&first.migrate(&out["assessment"].to_string(), Vec::new()).unwrap_err());
        assert_eq!(err["code"], "migration_backwards");
        let err = error(&latest.migrate(&old, vec!["{}".into(), "[".into()]).unwrap_err());
        assert_eq!(err["code"], "schema");
        assert!(err["path"].as_str().unwrap().starts_with("/0"), "{err}");
    }

    #[test]
    fn bundled_for_picks_the_edition_an_assessment_names() {
        let c = handle_for(&example("northbrook-2016")).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&c.reference()).unwrap()["version"], "1.0.0");
        let c = handle_for(&example("northbrook-2024")).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&c.reference()).unwrap()["version"], "2.0.0");
        let newer = example("northbrook-2024").replace(r#""version": "2.0.0""#, r#""version": "2.9.0""#);
        assert_eq!(error(&handle_for(&newer).unwrap_err())["code"], "not_found");
        assert_eq!(error(&handle_for("{").unwrap_err())["code"], "syntax");
    }

    #[cfg(feature = "analysis")]
    #[test]
    fn compares_over_time_across_editions() {
        // The edition of the 2024 examples (the latest bundled edition is 3.0.0).
        let latest = handle("perinatal-mental-health@2.0.0").unwrap();
        let out: Value =
            serde_json::from_str(&latest.compare(&example("northbrook-2016"), &example("northbrook-2024")).unwrap())
                .unwrap();
        assert_eq!(out["catalogue"]["version"], "2.0.0");
        assert_eq!(out["old"]["catalogue"]["version"], "1.0.0");
        assert!(out["migration"]["steps"].is_array());
        let err = error(&latest.compare(&example("northbrook-2024"), &example("northbrook-2016")).unwrap_err());
        assert_eq!(err["code"], "dates_reversed");
        let err = error(&latest.compare(&example("northbrook-2024"), &example("eastmere-2024")).unwrap_err());
        assert_eq!(err["code"], "mixed_areas");
        let err = error(&latest.compare(&example("northbrook-2016"), "{}").unwrap_err());
        assert!(err["path"].as_str().unwrap().starts_with("/1"), "{err}");
    }

    #[cfg(feature = "analysis")]
    #[test]
    fn benchmarks_and_combines_raters() {
        // The edition of the 2024 examples (the latest bundled edition is 3.0.0).
        let latest = handle("perinatal-mental-health@2.0.0").unwrap();
        let areas: Vec<String> =
            ["ashgrove-2024", "eastmere-2024", "hollin-vale-2024", "kingsmoor-2024", "northbrook-2024"]
                .iter()
                .map(|n| example(n))
                .collect();
        let out: Value = serde_json::from_str(&latest.benchmark(areas.clone(), Some(5)).unwrap()).unwrap();
        assert_eq!(out["areas"], 5);
        assert_eq!(out["overall"]["withheld"], false);
        let out: Value = serde_json::from_str(&latest.benchmark(areas.clone(), Some(6)).unwrap()).unwrap();
        assert_eq!(out["overall"]["withheld"], true);
        // Not told, the core's default.
        let out: Value = serde_json::from_str(&latest.benchmark(areas.clone(), None).unwrap()).unwrap();
        assert_eq!(out["min_group"], carepath::DEFAULT_MIN_GROUP);
        assert_eq!(error(&latest.benchmark(Vec::new(), Some(5)).unwrap_err())["code"], "no_assessments");
        let repeated = vec![areas[0].clone(), areas[0].clone()];
        assert_eq!(error(&latest.benchmark(repeated, Some(5)).unwrap_err())["code"], "repeated_area");
        let mixed = vec![areas[0].clone(), example("eastmere-2016")];
        assert_eq!(error(&latest.benchmark(mixed, Some(5)).unwrap_err())["code"], "mixed_editions");

        let raters: Vec<String> = ["commissioner", "maternity", "voluntary-sector"]
            .iter()
            .map(|r| example(&format!("consensus/northbrook-2024-{r}")))
            .collect();
        let out: Value = serde_json::from_str(&latest.consensus(raters.clone(), Some(3)).unwrap()).unwrap();
        assert_eq!(out["consensus"]["raters"].as_array().unwrap().len(), 3);
        assert_eq!(out["consensus"]["threshold"], 3);
        let out: Value = serde_json::from_str(&latest.consensus(raters.clone(), None).unwrap()).unwrap();
        assert_eq!(out["consensus"]["threshold"], carepath::DEFAULT_DISAGREEMENT);
        assert!(latest.check(&out["assessment"].to_string()).is_ok());
        assert_eq!(error(&latest.consensus(raters[..1].to_vec(), Some(3)).unwrap_err())["code"], "too_few_raters");
    }

    #[cfg(feature = "exchange")]
    #[test]
    fn clears_review_notes() {
        let latest = handle("perinatal-mental-health").unwrap();
        let out: Value =
            serde_json::from_str(&latest.migrate(&example("northbrook-2016"), Vec::new()).unwrap()).unwrap();
        let (id, _) = out["assessment"]["ratings"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, e)| e.get("review").is_some())
            .expect("a rating flagged for review");
        let cleared: Value = serde_json::from_str(&clear_review(&out["assessment"].to_string(), id).unwrap()).unwrap();
        assert!(cleared["ratings"][id].get("review").is_none());
        assert_eq!(cleared["ratings"][id]["rating"], out["assessment"]["ratings"][id]["rating"]);
        assert_eq!(cleared["archive"], out["assessment"]["archive"]);
        // No note: nothing changes. No rating: `not_rated`, as for evidence and actions.
        assert_eq!(clear_review(&cleared.to_string(), id).unwrap(), to_json(&cleared));
        let err = error(&clear_review(&out["assessment"].to_string(), "T99.9").unwrap_err());
        assert_eq!(err["code"], "invalid");
        assert_eq!(err["problems"][0]["code"], "not_rated");
        assert_eq!(err["path"], "/ratings/T99.9");
        assert_eq!(error(&clear_review("{", id).unwrap_err())["code"], "syntax");
    }

    #[cfg(feature = "exchange")]
    #[test]
    fn catalogues_from_json_are_checked() {
        let c = handle(SPEC).unwrap();
        editions::tests::add_all();
        let text = bundled_json("perinatal-mental-health", "1.0.0").unwrap();
        assert!(bundled_json("perinatal-mental-health", "7.0.0").is_none());
        assert!(CatalogueHandle::from_json(&text).is_ok());
        assert_eq!(validate_catalogue(&text), "[]");
        let broken = text.replacen(r#""priority": "expected""#, r#""priority": "vital""#, 1);
        assert_eq!(error(&CatalogueHandle::from_json(&broken).unwrap_err())["code"], "schema");
        let reference: Value = serde_json::from_str(&c.reference()).unwrap();
        assert_eq!(reference["version"], "1.0.0");
    }

    /// Without the strict reader (the lite package's first module), a bundled edition is read
    /// from its exact text, and a catalogue of one's own once the exchange module has read it.
    #[cfg(not(feature = "exchange"))]
    #[test]
    fn without_the_strict_reader_editions_are_known_by_their_text() {
        let text = editions::tests::file(&CatalogueRef::bundled("perinatal-mental-health", Some("3.1.0")).unwrap());
        let checked = CatalogueHandle::from_checked(&text).unwrap();
        assert_eq!(checked.catalogue, Catalogue::from_bundled_text(&text).unwrap());
        assert_eq!(error(&add_edition(&format!("{text}\n")).unwrap_err())["code"], "not_found");
        assert!(add_edition(&text).is_ok());
        let broken = text.replacen(r#""priority": "expected""#, r#""priority": "vital""#, 1);
        let err = error(&CatalogueHandle::from_checked(&broken).unwrap_err());
        assert_eq!(err["code"], "schema");
        assert!(err["message"].as_str().unwrap().contains("`priority`"), "{err}");
    }
}
