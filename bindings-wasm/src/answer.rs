//! The call-and-answer convention of the raw module: every export takes JSON text and answers
//! JSON text. A failure is the error as JSON text (`code`, `message`, `path`, `problems`, and for
//! a syntax error `line` and `column`), which the JavaScript wrapper (`carepath.js`) turns into a
//! `CarepathError` object. Nothing here touches a JS value, so every function runs and is tested
//! natively too.

use carepath::{Assessment, Error};
use serde::Serialize;

/// What a raw export answers: JSON text, or the error as JSON text.
pub(crate) type Answer<T = String> = Result<T, String>;

/// A core error as JSON text.
pub(crate) fn error_json(err: &Error) -> String {
    err.info().to_json()
}

/// An error in the `index`-th assessment of a list (0-based), as JSON text.
#[cfg(any(feature = "analysis", feature = "exchange"))]
pub(crate) fn error_in_list_json(err: &Error, index: usize) -> String {
    err.info_in_set(index, "assessment").to_json()
}

/// Turns a core result into an answer.
pub(crate) fn answer<T>(result: Result<T, Error>) -> Answer<T> {
    result.map_err(|err| error_json(&err))
}

/// Compact JSON of a value (our own types always serialize).
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads an assessment's JSON text (its shape only).
pub(crate) fn read_assessment(text: &str) -> Result<Assessment, Error> {
    Assessment::from_json(text)
}

/// Reads a list of assessments' JSON texts (each its shape only); an error names the document.
#[cfg(feature = "analysis")]
pub(crate) fn read_assessments(texts: &[String]) -> Answer<Vec<Assessment>> {
    texts.iter().enumerate().map(|(i, text)| read_assessment(text).map_err(|err| error_in_list_json(&err, i))).collect()
}

/// A schema error at `path`.
#[cfg(any(feature = "edit", feature = "exchange"))]
pub(crate) fn schema_error(path: String, message: impl Into<String>) -> Error {
    Error::Schema { path, message: message.into() }
}

/// The JSON Pointer `/ratings/<standard>[/<field>]` (the core's pointer builder escapes it).
#[cfg(feature = "edit")]
pub(crate) fn rating_pointer(standard: &str, field: Option<&str>) -> String {
    carepath::json_pointer(["ratings", standard].into_iter().chain(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_code_path_and_problems() {
        let err = Assessment::from_json(r#"{"schema_version": "1.0.0", "x": 1}"#).unwrap_err();
        let json: serde_json::Value = serde_json::from_str(&error_json(&err)).unwrap();
        assert_eq!(json["code"], "schema");
        assert!(json["path"].is_string());
        assert_eq!(json["problems"][0]["code"], "schema");
        assert!(json.get("line").is_none());
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = Assessment::from_json("{\n  oops").unwrap_err();
        let json: serde_json::Value = serde_json::from_str(&error_json(&err)).unwrap();
        assert_eq!(json["code"], "syntax");
        assert_eq!(json["path"], serde_json::Value::Null);
        assert_eq!(json["line"], 2);
    }

    #[cfg(feature = "analysis")]
    #[test]
    fn errors_in_a_list_name_the_document() {
        let texts = vec![String::from("{}"), String::from("{\n  oops")];
        let err = read_assessments(&texts).unwrap_err();
        let json: serde_json::Value = serde_json::from_str(&err).unwrap();
        assert_eq!(json["code"], "schema");
        assert!(json["path"].as_str().unwrap().starts_with("/0"), "{json}");
        assert!(json["message"].as_str().unwrap().starts_with("assessment 1: "), "{json}");
        let texts = vec![String::from("{\n  oops")];
        let json: serde_json::Value = serde_json::from_str(&read_assessments(&texts).unwrap_err()).unwrap();
        assert_eq!(json["code"], "syntax");
        assert_eq!(json["path"], "/0");
        assert_eq!(json["problems"][0]["path"], "/0");
        assert_eq!(json["line"], 2);
    }

    #[cfg(feature = "edit")]
    #[test]
    fn pointers_escape() {
        assert_eq!(rating_pointer("a/b~c", Some("rating")), "/ratings/a~1b~0c/rating");
        assert_eq!(rating_pointer("T1.1", None), "/ratings/T1.1");
    }
}
