//! Strict means the schema: documents made from the JSON Schemas' negations (every field of a
//! full catalogue and a full assessment given a value of a wrong JSON type: an array for an
//! object, an object for an array, a number for a string, a string for a number, ...) must all
//! be refused with the code `schema` and the pointer of the field.
//!
//! The cases are written to `tests/hostile/negations.json` (regenerate with
//! `CAREPATH_BLESS=1 cargo test -p carepath --test negations`), so that the Python and
//! JavaScript tests refuse exactly the same documents; a test fails when the file and the
//! generator drift apart.

use std::collections::BTreeSet;
use std::path::PathBuf;

use carepath::{Assessment, Catalogue};
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&read(&format!("standards/schemas/{name}.schema.json"))).unwrap()
}

/// The base documents: each field of the format appears in one of them.
fn bases() -> Vec<(&'static str, &'static str, Value)> {
    let mut assessment = read("standards/examples/northbrook-2024.json");
    // Three ratings show every field of an entry; the rest would only repeat them.
    let ratings = assessment["ratings"].as_object().unwrap().iter().take(3).map(|(k, v)| (k.clone(), v.clone()));
    assessment["ratings"] = Value::Object(ratings.collect());
    // The example has no archive and no review note; give it one of each, as migration writes.
    let first = assessment["ratings"].as_object().unwrap().keys().next().unwrap().clone();
    assessment["ratings"][&first]["review"] = json!("carried from 1.0.0: check it still holds");
    assessment["archive"] = json!([{
        "catalogue": { "id": "perinatal-mental-health", "version": "1.0.0" },
        "standard": "T4.8", "rating": 2, "evidence": "kept", "confidence": "low",
        "actions": "none", "review": "merged", "reason": "merged into T7.2",
        "target": { "rating": 3, "by": "2025-01-31" }
    }]);
    // File format 1.1: a target with a date, the previous round and the plan archive (the
    // example has a plan).
    assessment["ratings"][&first]["target"] = json!({ "rating": 4, "by": "2025-09-30" });
    assessment["previous"] = json!({
        "catalogue": { "id": "perinatal-mental-health", "version": "1.0.0" },
        "assessed_on": "2016-11-30",
        "ratings": { first.clone(): { "rating": 2, "target": { "rating": 3, "by": "2017-09-30" } } }
    });
    assessment["plan_archive"] = json!([{
        "catalogue": { "id": "perinatal-mental-health", "version": "1.0.0" },
        "action": { "id": "A0", "title": "retired", "standards": ["T4.8"], "owner": "lead",
                    "due": "2017-03-31", "status": "done", "notes": "kept" },
        "reason": "its standards retired"
    }]);
    vec![
        ("assessment", "assessment", assessment),
        ("catalogue", "catalogue", read("tests/vectors/catalogues/tiny-2.json")),
    ]
}

/// Every (pointer, value) of a document, depth first.
fn nodes(value: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    out.push((pointer.clone(), value.clone()));
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                nodes(v, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                nodes(v, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Values of other JSON types than `value`'s.
fn wrong_types(value: &Value) -> Vec<Value> {
    match value {
        Value::Object(map) => vec![Value::Array(map.values().cloned().collect()), json!("text"), json!(1)],
        Value::Array(_) => vec![json!({}), json!("text"), json!(1)],
        Value::String(s) => vec![json!(1), json!([s]), json!({ "value": s }), json!(true)],
        Value::Number(n) => vec![json!(n.to_string()), json!([n]), json!({}), json!(false)],
        Value::Bool(b) => vec![json!(b.to_string()), json!(1)],
        Value::Null => vec![],
    }
}

/// The place a pointer stands for, with array indices and rating ids folded, so that one case
/// is made per field of the format rather than per value.
fn shape(pointer: &str) -> String {
    let mut out = Vec::new();
    let mut previous = "";
    for token in pointer.split('/').skip(1) {
        let folded =
            if token.parse::<usize>().is_ok() || previous == "ratings" || previous == "guidance" { "*" } else { token };
        out.push(folded.to_owned());
        previous = token;
    }
    out.join("/")
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    if pointer.is_empty() {
        *doc = value;
    } else {
        *doc.pointer_mut(pointer).unwrap() = value;
    }
}

/// The cases: `{ "read_as", "base", "pointer", "value" }`, where the schema refuses the
/// document made by putting `value` at `pointer` of `base`.
fn generate() -> Vec<Value> {
    let mut cases = Vec::new();
    for (kind, base_file, base) in bases() {
        let schema = validator(kind);
        assert!(schema.is_valid(&base), "{base_file} must be valid");
        let mut all = Vec::new();
        nodes(&base, String::new(), &mut all);
        let mut seen = BTreeSet::new();
        for (pointer, value) in all {
            // `$schema` is an editor's hint of any text; the root is covered by the whole
            // document as an array below.
            if pointer == "/$schema" || !seen.insert(shape(&pointer)) {
                continue;
            }
            for wrong in wrong_types(&value) {
                let mut doc = base.clone();
                set(&mut doc, &pointer, wrong.clone());
                if schema.is_valid(&doc) {
                    continue; // another form the format allows (a rating's word, say)
                }
                cases.push(json!({ "read_as": kind, "base": base_file, "pointer": pointer, "value": wrong }));
            }
        }
    }
    cases
}

fn document(case: &Value, bases: &[(&str, &str, Value)]) -> String {
    let (_, _, base) = bases.iter().find(|(_, file, _)| *file == case["base"]).unwrap();
    let mut doc = base.clone();
    set(&mut doc, case["pointer"].as_str().unwrap(), case["value"].clone());
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn every_negation_is_refused_as_schema_at_its_pointer() {
    let cases = generate();
    assert!(cases.len() > 150, "only {} cases", cases.len());
    let bases = bases();
    let mut wrong = Vec::new();
    for case in &cases {
        let text = document(case, &bases);
        let result = match case["read_as"].as_str().unwrap() {
            "catalogue" => Catalogue::from_json(&text).map(|_| ()),
            _ => Assessment::from_json(&text).map(|_| ()),
        };
        match result {
            Err(e) if e.code() == "schema" && e.path() == case["pointer"].as_str() => {}
            Err(e) => {
                wrong.push(format!("{} {} = {}: {} [{}]", case["base"], case["pointer"], case["value"], e, e.code()))
            }
            Ok(()) => wrong.push(format!("{} {} = {}: accepted", case["base"], case["pointer"], case["value"])),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} negations not refused as schema at their pointer:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_committed_cases_match_the_generator() {
    let path = root().join("tests/hostile/negations.json");
    let generated = serde_json::to_string_pretty(&json!({
        "description": "Documents made from the JSON Schemas' negations: put `value` at `pointer` of the base document named `base` (a full assessment: standards/examples/northbrook-2024.json with a review note, a target, an archive, a previous round and a plan archive; a full catalogue: tests/vectors/catalogues/tiny-2.json); every surface must refuse the result with the code `schema` and that pointer. Generated by core/tests/negations.rs.",
        "bases": bases().into_iter().map(|(_, name, doc)| (name.to_owned(), doc)).collect::<serde_json::Map<String, Value>>(),
        "cases": generate(),
    }))
    .unwrap()
        + "\n";
    if std::env::var_os("CAREPATH_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from the generator; regenerate with CAREPATH_BLESS=1 cargo test -p carepath --test negations",
        path.display()
    );
}
