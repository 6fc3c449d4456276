//! The hostile documents of tests/hostile/ through the command line: `carepath validate` gives
//! each its expected answer (reading files as bytes, naming a broken catalogue a catalogue), and
//! the workbook files the fuzzer kept never crash `carepath import`.

mod common;

use std::path::PathBuf;

use common::{arg, carepath, root, stderr, stdout};
use serde_json::Value;

fn hostile() -> PathBuf {
    root().join("tests/hostile")
}

#[test]
fn validate_gives_every_hostile_document_its_expected_answer() {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(hostile().join("cases.json")).unwrap()).unwrap();
    let tiny = root().join("tests/vectors/catalogues/tiny.json");
    for case in manifest["cases"].as_array().unwrap() {
        let file = hostile().join(case["file"].as_str().unwrap());
        let out = carepath(&["validate", arg(&file), "--catalogue", arg(&tiny), "--format", "json"]);
        let name = case["file"].as_str().unwrap();
        let checked: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}: {}", stderr(&out)));
        let checked = &checked[0];
        let expected = &case["expected"];
        if expected["ok"] == true {
            assert_eq!(out.status.code(), Some(0), "{name}: {}", stdout(&out));
            assert_eq!(checked["kind"], case["read_as"], "{name}");
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stdout(&out));
        let problems = checked["problems"].as_array().unwrap();
        if let Some(want) = expected.get("problems") {
            let got: Vec<Value> =
                problems.iter().map(|p| serde_json::json!({ "path": p["path"], "code": p["code"] })).collect();
            assert_eq!(&Value::from(got), want, "{name}");
        } else {
            assert_eq!(problems[0]["code"], expected["code"], "{name}: {problems:?}");
            if let Some(path) = expected.get("path") {
                assert_eq!(&problems[0]["path"], path, "{name}: {problems:?}");
            }
        }
        if let Some(kind) = case.get("detect") {
            assert_eq!(&checked["kind"], kind, "{name}: the kind is read off the broken file");
        }
        if let Some(line) = expected.get("line") {
            let at = format!("line {line}, column {}", expected["column"]);
            assert!(problems[0]["message"].as_str().unwrap().contains(&at), "{name}: {problems:?}");
        }
    }
}

#[test]
fn a_broken_catalogue_is_reported_as_a_catalogue_in_text_too() {
    let out = carepath(&["validate", "tests/hostile/catalogue-syntax-error.json"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("malformed JSON at line"), "{err}");
    assert!(!err.contains("unknown field"), "{err}");
}

#[test]
fn a_byte_order_mark_is_skipped_and_bad_bytes_are_located() {
    let tiny = "tests/vectors/catalogues/tiny.json";
    let out = carepath(&["score", "tests/hostile/assessment-bom.json", "--catalogue", tiny]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Northbrook"));
    let out = carepath(&["score", "tests/hostile/assessment-not-utf8.json", "--catalogue", tiny]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("line 22, column 29") && err.contains("not UTF-8") && err.contains("[syntax]"), "{err}");
}

#[test]
fn kept_workbook_crashes_import_cleanly() {
    // What the workbook fuzz target keeps (fuzz/regressions/workbook/), plus files that are no
    // workbook at all: each is an assessment or a refusal (exit 0 or 1), never a crash.
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("fuzz/regressions/workbook"))
        .map(|d| d.map(|e| e.unwrap().path()).filter(|p| p.extension().is_none_or(|e| e != "md")).collect())
        .unwrap_or_default();
    files.extend(
        ["tests/hostile/assessment-bom.json", "tests/hostile/assessment-not-utf8.json"].map(|f| root().join(f)),
    );
    for file in files {
        let out = carepath(&["import", arg(&file)]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}: {:?} {}", file.display(), out.status, stderr(&out));
    }
}

#[test]
fn validate_refuses_every_negation_of_the_schemas_as_schema_at_its_pointer() {
    // The cases of tests/hostile/negations.json, each written to a file, checked in one run.
    let negations: Value =
        serde_json::from_str(&std::fs::read_to_string(hostile().join("negations.json")).unwrap()).unwrap();
    let dir = common::scratch("negations");
    let tiny = root().join("tests/vectors/catalogues/tiny-2.json");
    let mut files = Vec::new();
    for (i, case) in negations["cases"].as_array().unwrap().iter().enumerate() {
        let mut doc = negations["bases"][case["base"].as_str().unwrap()].clone();
        let pointer = case["pointer"].as_str().unwrap();
        match doc.pointer_mut(pointer) {
            Some(place) if !pointer.is_empty() => *place = case["value"].clone(),
            _ => doc = case["value"].clone(),
        }
        let file = dir.join(format!("{i}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        files.push((file, case));
    }
    let mut args = vec!["validate", "--catalogue", arg(&tiny), "--format", "json"];
    args.extend(files.iter().map(|(f, _)| arg(f)));
    let out = carepath(&args);
    assert_eq!(out.status.code(), Some(1));
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    let checked = checked.as_array().unwrap();
    assert_eq!(checked.len(), files.len());
    let wrong: Vec<String> = checked
        .iter()
        .zip(&files)
        .filter(|(c, (_, case))| c["problems"][0]["code"] != "schema" || c["problems"][0]["path"] != case["pointer"])
        .map(|(c, (_, case))| format!("{} = {}: {}", case["pointer"], case["value"], c["problems"]))
        .collect();
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), files.len(), wrong.join("\n"));
}
