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
//! Adding an operation (migration, comparison) is one function here and one line in the
//! wrapper: parse the inputs with the core, call it, answer with [`answer::to_json`].

mod answer;

use carepath::{Catalogue, Confidence, Rating};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::answer::{Answer, answer, rating_pointer, read_assessment, schema_error, to_json};

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

/// The JSON text of a bundled edition, exactly as in `standards/<id>/<version>.json`, or
/// `undefined` when there is no such edition.
#[wasm_bindgen(js_name = bundledJson)]
#[must_use]
pub fn bundled_json(id: &str, version: &str) -> Option<String> {
    let version = carepath::Version::parse(version).ok()?;
    carepath::bundled_json(id, &version).map(str::to_owned)
}

/// Every problem of a catalogue's JSON text, as a JSON array of `{ path, code, message }`
/// (empty when the catalogue is sound).
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

/// Sets or clears (with `null` or blank text) the evidence of a rated standard.
///
/// # Errors
/// The core error as JSON text (`not_rated` when the standard has no rating yet).
#[wasm_bindgen(js_name = setEvidence)]
pub fn set_evidence(assessment: &str, standard: &str, evidence: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    answer(a.set_evidence(standard, evidence.as_deref()))?;
    Ok(to_json(&a))
}

/// Sets or clears the planned actions of a rated standard.
///
/// # Errors
/// As [`set_evidence`].
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
#[wasm_bindgen(js_name = setConfidence)]
pub fn set_confidence(assessment: &str, standard: &str, confidence: Option<String>) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    let confidence = match confidence.as_deref() {
        None => None,
        Some("low") => Some(Confidence::Low),
        Some("medium") => Some(Confidence::Medium),
        Some("high") => Some(Confidence::High),
        Some(other) => {
            let message = format!("unknown confidence `{other}`: expected `low`, `medium` or `high`");
            return Err(answer::error_json(&schema_error(rating_pointer(standard, Some("confidence")), message)));
        }
    };
    answer(a.set_confidence(standard, confidence))?;
    Ok(to_json(&a))
}

/// Removes a standard's entry: it becomes unrated.
///
/// # Errors
/// The core error as JSON text when the text is not an assessment.
#[wasm_bindgen]
pub fn unrate(assessment: &str, standard: &str) -> Answer {
    let mut a = answer(read_assessment(assessment))?;
    a.unrate(standard);
    Ok(to_json(&a))
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
        answer(Catalogue::bundled_spec(spec)).map(|catalogue| Self { catalogue })
    }

    /// A catalogue from its JSON text, checked as a whole.
    ///
    /// # Errors
    /// `syntax`, `schema`, `version`, or `invalid` listing every problem.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Answer<CatalogueHandle> {
        answer(Catalogue::from_json(text)).map(|catalogue| Self { catalogue })
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
    #[wasm_bindgen(js_name = newAssessment)]
    pub fn new_assessment(&self, area: &str, assessed_on: &str) -> Answer {
        let doc = format!(
            r#"{{"schema_version":{},"catalogue":{},"area":{area},"assessed_on":{},"ratings":{{}}}}"#,
            to_json(&carepath::SCHEMA_VERSION),
            to_json(&self.catalogue.reference()),
            to_json(&assessed_on),
        );
        answer(read_assessment(&doc)).map(|a| to_json(&a))
    }

    /// Checks an assessment against this edition.
    ///
    /// # Errors
    /// The shape error, or `invalid` listing every problem.
    pub fn check(&self, assessment: &str) -> Answer<()> {
        let a = answer(read_assessment(assessment))?;
        answer(self.catalogue.check(&a))
    }

    /// Every problem of an assessment against this edition, as a JSON array of
    /// `{ path, code, message }` (empty when it is sound).
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
    #[wasm_bindgen(js_name = readAssessment)]
    pub fn read_assessment(&self, assessment: &str) -> Answer {
        let a = answer(read_assessment(assessment))?;
        answer(self.catalogue.check(&a))?;
        Ok(to_json(&a))
    }

    /// Scores an assessment: the report as compact JSON.
    ///
    /// # Errors
    /// As [`CatalogueHandle::check`].
    pub fn score(&self, assessment: &str) -> Answer {
        let a = answer(read_assessment(assessment))?;
        answer(self.catalogue.score(&a)).map(|r| to_json(&r))
    }

    /// Rates a standard (`rating` is the text of an integer, `not_applicable` or `unknown`),
    /// keeping its evidence, confidence and actions.
    ///
    /// # Errors
    /// `schema` for something that is not a rating; `invalid` for an unknown standard or a score
    /// off the scale.
    pub fn rate(&self, assessment: &str, standard: &str, rating: &str) -> Answer {
        let mut a = answer(read_assessment(assessment))?;
        let rating: Rating = rating.parse().map_err(|e: carepath::RatingError| {
            answer::error_json(&schema_error(rating_pointer(standard, Some("rating")), e.to_string()))
        })?;
        answer(a.rate(&self.catalogue, standard, rating))?;
        Ok(to_json(&a))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    const SPEC: &str = "perinatal-mental-health@1.0.0";

    fn error(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    fn blank() -> (CatalogueHandle, String) {
        let c = CatalogueHandle::bundled(SPEC).unwrap();
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
    fn unknown_editions_are_not_found() {
        let err = error(&CatalogueHandle::bundled("perinatal-mental-health@9").unwrap_err());
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
        let report: Value = serde_json::from_str(&c.score(&a).unwrap()).unwrap();
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
        let c = CatalogueHandle::bundled(SPEC).unwrap();
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

    #[test]
    fn catalogues_from_json_are_checked() {
        let c = CatalogueHandle::bundled(SPEC).unwrap();
        let text = bundled_json("perinatal-mental-health", "1.0.0").unwrap();
        assert!(bundled_json("perinatal-mental-health", "7.0.0").is_none());
        assert!(CatalogueHandle::from_json(&text).is_ok());
        assert_eq!(validate_catalogue(&text), "[]");
        let broken = text.replacen(r#""priority": "expected""#, r#""priority": "vital""#, 1);
        assert_eq!(error(&CatalogueHandle::from_json(&broken).unwrap_err())["code"], "schema");
        let reference: Value = serde_json::from_str(&c.reference()).unwrap();
        assert_eq!(reference["version"], "1.0.0");
    }
}
