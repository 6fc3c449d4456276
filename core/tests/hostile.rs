//! The hostile documents of `tests/hostile/`: each once showed a defect (a 3 KB catalogue that
//! asked for 16 GiB, arrays read as objects by position, bytes that are not UTF-8, a
//! byte-order mark). The Python and JavaScript tests run the same cases from `cases.json`.

use std::path::PathBuf;

use carepath::{Assessment, Catalogue, DocumentKind, Error};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile")
}

fn cases() -> Vec<Value> {
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(dir().join("cases.json")).unwrap()).unwrap();
    manifest["cases"].as_array().unwrap().clone()
}

/// Reads a case's file as its kind: `Ok` with a summary of what was read, or the error.
fn read(case: &Value) -> Result<Value, Error> {
    let bytes = std::fs::read(dir().join(case["file"].as_str().unwrap())).unwrap();
    match case["read_as"].as_str().unwrap() {
        "catalogue" => Catalogue::from_json_bytes(&bytes).map(|c| serde_json::json!({ "id": c.id.to_string() })),
        "assessment" => Assessment::from_json_bytes(&bytes)
            .map(|a| serde_json::json!({ "area": a.area.name, "ratings": a.ratings.len() })),
        other => panic!("unknown read_as {other}"),
    }
}

/// Checks an answer against a case's `expected`; the same rules as the other surfaces' runners.
fn check(case: &Value, answer: Result<Value, Error>) {
    let name = case["file"].as_str().unwrap();
    let expected = &case["expected"];
    match answer {
        Ok(read) => {
            assert_eq!(expected["ok"], true, "{name}: read, but expected {expected}");
            for key in ["area", "ratings"] {
                if let Some(want) = expected.get(key) {
                    assert_eq!(&read[key], want, "{name}: {key}");
                }
            }
        }
        Err(err) => {
            assert!(expected.get("ok").is_none(), "{name}: expected to read, got {err}");
            assert_eq!(err.code(), expected["code"], "{name}: {err}");
            if let Some(path) = expected.get("path") {
                assert_eq!(err.path(), path.as_str(), "{name}: {err}");
            }
            if let Some(problems) = expected.get("problems") {
                let got: Vec<Value> =
                    err.problems().iter().map(|p| serde_json::json!({ "path": p.path, "code": p.code })).collect();
                assert_eq!(&Value::from(got), problems, "{name}: {err}");
            }
            if let Some(line) = expected.get("line") {
                let Error::Syntax { line: l, column: c, .. } = err else { panic!("{name}: not a syntax error: {err}") };
                assert_eq!((Some(l as u64), Some(c as u64)), (line.as_u64(), expected["column"].as_u64()), "{name}");
            }
        }
    }
}

#[test]
fn every_hostile_document_gets_its_expected_answer() {
    let cases = cases();
    assert!(cases.len() >= 14);
    for case in &cases {
        check(case, read(case));
    }
}

#[test]
fn the_same_answer_from_text_as_from_bytes() {
    for case in cases() {
        let bytes = std::fs::read(dir().join(case["file"].as_str().unwrap())).unwrap();
        // Hosts that hold text (a Python str, a JS string) hand it over decoded; a BOM they kept
        // is skipped there too.
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let from_text = match case["read_as"].as_str().unwrap() {
            "catalogue" => Catalogue::from_json(text).map(|_| ()),
            _ => Assessment::from_json(text).map(|_| ()),
        };
        assert_eq!(from_text.err(), read(&case).err(), "{}", case["file"]);
    }
}

#[test]
fn a_broken_catalogue_is_detected_as_a_catalogue() {
    for case in cases().iter().filter(|c| c.get("detect").is_some()) {
        let text = std::fs::read_to_string(dir().join(case["file"].as_str().unwrap())).unwrap();
        let kind = DocumentKind::detect(&text).map(DocumentKind::as_str);
        assert_eq!(kind, case["detect"].as_str(), "{}", case["file"]);
    }
}

#[test]
fn every_array_for_an_object_names_the_object() {
    // Beyond the files: an array in place of every object of a full example assessment.
    let text = std::fs::read_to_string(dir().join("../../standards/examples/northbrook-2024.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    for (key, value) in doc["ratings"].as_object().unwrap().iter().take(5) {
        let mut bad = doc.clone();
        let fields: Vec<Value> = value.as_object().unwrap().values().cloned().collect();
        bad["ratings"][key] = Value::from(fields);
        let err = Assessment::from_json(&bad.to_string()).unwrap_err();
        assert_eq!((err.code().as_str(), err.path()), ("schema", Some(format!("/ratings/{key}").as_str())), "{err}");
    }
}
