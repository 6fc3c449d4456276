//! Runs the shared test vectors in `tests/vectors/` (format: `tests/vectors/README.md`). The
//! Python and JavaScript runners read the same files and must give the same answers.

use std::path::{Path, PathBuf};

use carepath::{Assessment, Catalogue, Error, ScoreOptions};
use serde::Serialize;
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn files(folder: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(vectors_dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no vectors in tests/vectors/{folder}");
    out
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Compares two JSON values: same keys, same order in arrays, numbers within 1e-9. Returns the
/// first difference as a JSON Pointer and a description.
pub fn diff(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            ((e - a).abs() > TOLERANCE).then(|| format!("{path}: expected {e}, got {a}"))
        }
        (Value::Object(e), Value::Object(a)) => {
            let (mut ek, mut ak): (Vec<_>, Vec<_>) = (e.keys().collect(), a.keys().collect());
            ek.sort();
            ak.sort();
            if ek != ak {
                return Some(format!("{path}: expected keys {ek:?}, got {ak:?}"));
            }
            e.iter().find_map(|(k, v)| diff(v, &a[k], &format!("{path}/{k}")))
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Some(format!("{path}: expected {} items, got {}", e.len(), a.len()));
            }
            e.iter().zip(a).enumerate().find_map(|(i, (e, a))| diff(e, a, &format!("{path}/{i}")))
        }
        // Text for people (review notes, archive reasons) is pinned by presence only.
        (Value::String(w), Value::String(a)) if w == "*" => a.is_empty().then(|| format!("{path}: expected some text")),
        (e, a) => (e != a).then(|| format!("{path}: expected {e}, got {a}")),
    }
}

fn catalogue_file(name: &str) -> Catalogue {
    Catalogue::from_json(&std::fs::read_to_string(vectors_dir().join("catalogues").join(name)).unwrap()).unwrap()
}

fn catalogue(vector: &Value) -> Catalogue {
    let given = ["catalogue", "catalogue_ref", "catalogue_file"].iter().filter(|k| vector.get(**k).is_some()).count();
    assert_eq!(given, 1, "a vector gives its catalogue in exactly one way");
    if let Some(c) = vector.get("catalogue") {
        Catalogue::from_value(c.clone()).unwrap()
    } else if let Some(r) = vector.get("catalogue_ref") {
        Catalogue::bundled(r["id"].as_str().unwrap(), Some(r["version"].as_str().unwrap())).unwrap()
    } else {
        catalogue_file(vector["catalogue_file"].as_str().unwrap())
    }
}

fn assessment(vector: &Value) -> Result<Assessment, Error> {
    match (vector.get("assessment"), vector.get("assessment_text")) {
        (Some(a), None) => Assessment::from_value(a.clone()),
        (None, Some(text)) => Assessment::from_json(text.as_str().unwrap()),
        _ => panic!("a vector gives its assessment in exactly one way"),
    }
}

/// Checks an error against `expected_error`.
pub fn check_error(name: &str, error: &Error, expected: &Value) {
    assert_eq!(error.code(), expected["code"].as_str().unwrap(), "{name}: {error}");
    if let Some(problems) = expected.get("problems") {
        let actual: Vec<(String, String)> =
            error.problems().into_iter().map(|p| (p.path, p.code.to_string())).collect();
        let wanted: Vec<(String, String)> = problems
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["path"].as_str().unwrap().to_owned(), p["code"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(actual, wanted, "{name}: {error}");
    }
}

#[test]
fn scoring_vectors() {
    for path in files("score") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let vector = load(&path);
        let catalogue = catalogue(&vector);
        let as_of = vector.get("as_of").map(|d| d.as_str().unwrap().parse().unwrap());
        let max_age = vector.get("max_age_months").map(|m| u32::try_from(m.as_u64().unwrap()).unwrap());
        let outcome = assessment(&vector).and_then(|a| match (as_of, max_age) {
            (None, None) => catalogue.score(&a),
            (Some(day), None) => catalogue.score_as_of(&a, day),
            _ => {
                let mut options = ScoreOptions::default();
                if let Some(day) = as_of {
                    options = options.as_of(day);
                }
                if let Some(months) = max_age {
                    options = options.max_age_months(months);
                }
                catalogue.score_with(&a, options)
            }
        });
        match (vector.get("expected"), vector.get("expected_error"), outcome) {
            (Some(expected), None, Ok(report)) => {
                let actual = serde_json::to_value(&report).unwrap();
                if let Some(d) = diff(expected, &actual, "") {
                    panic!("{name}: {d}");
                }
            }
            (None, Some(expected), Err(error)) => check_error(&name, &error, expected),
            (Some(_), None, Err(error)) => panic!("{name}: expected a report, got error {error}"),
            (None, Some(_), Ok(_)) => panic!("{name}: expected an error, got a report"),
            _ => panic!("{name}: a vector has exactly one of `expected` and `expected_error`"),
        }
    }
}

/// Runs every vector of an operation: `run` turns the vector into the answer (a JSON value) or
/// an error, which is checked against `expected` or `expected_error`.
fn run_folder(folder: &str, run: impl Fn(&Value, &Catalogue) -> Result<Value, Error>) {
    for path in files(folder) {
        let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
        let vector = load(&path);
        let outcome = run(&vector, &catalogue(&vector));
        match (vector.get("expected"), vector.get("expected_error"), outcome) {
            (Some(expected), None, Ok(actual)) => {
                if let Some(d) = diff(expected, &actual, "") {
                    panic!("{name}: {d}");
                }
            }
            (None, Some(expected), Err(error)) => check_error(&name, &error, expected),
            (Some(_), None, Err(error)) => panic!("{name}: expected an answer, got error {error}"),
            (None, Some(_), Ok(_)) => panic!("{name}: expected an error, got an answer"),
            _ => panic!("{name}: a vector has exactly one of `expected` and `expected_error`"),
        }
    }
}

fn to_value(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

fn assessments(vector: &Value, key: &str) -> Vec<Assessment> {
    vector[key].as_array().unwrap().iter().map(|a| Assessment::from_value(a.clone()).unwrap()).collect()
}

#[test]
fn migration_vectors() {
    run_folder("migrate", |vector, target| {
        let a = Assessment::from_value(vector["assessment"].clone())?;
        let via: Vec<Catalogue> = vector
            .get("via_files")
            .and_then(Value::as_array)
            .map(|names| names.iter().map(|n| catalogue_file(n.as_str().unwrap())).collect())
            .unwrap_or_default();
        let (migrated, report) = carepath::migrate_via(&a, target, &via)?;
        Ok(serde_json::json!({ "assessment": to_value(&migrated), "report": to_value(&report) }))
    });
}

#[test]
fn comparison_vectors() {
    run_folder("compare", |vector, edition| {
        let old = Assessment::from_value(vector["old"].clone())?;
        let new = Assessment::from_value(vector["new"].clone())?;
        carepath::compare(&old, &new, edition).map(|c| to_value(&c))
    });
}

#[test]
fn benchmark_vectors() {
    run_folder("benchmark", |vector, edition| {
        let min_group =
            vector.get("min_group").and_then(Value::as_u64).map_or(carepath::DEFAULT_MIN_GROUP, |n| n as usize);
        carepath::benchmark(&assessments(vector, "assessments"), edition, min_group).map(|b| to_value(&b))
    });
}

#[test]
fn consensus_vectors() {
    run_folder("consensus", |vector, edition| {
        let threshold =
            vector.get("threshold").and_then(Value::as_i64).map_or(carepath::DEFAULT_DISAGREEMENT, |n| n as i32);
        let (combined, report) = carepath::consensus(&assessments(vector, "assessments"), edition, threshold)?;
        Ok(serde_json::json!({ "assessment": to_value(&combined), "consensus": to_value(&report) }))
    });
}

#[test]
fn the_comparison_is_strict() {
    let a: Value = serde_json::json!({"x": [1, 2.0, null, "s"], "y": {"z": true}});
    assert_eq!(diff(&a, &serde_json::json!({"x": [1.0, 2, null, "s"], "y": {"z": true}}), ""), None);
    assert!(diff(&a, &serde_json::json!({"x": [1, 2.000001, null, "s"], "y": {"z": true}}), "").is_some());
    assert!(diff(&a, &serde_json::json!({"x": [1, 2, null], "y": {"z": true}}), "").is_some());
    assert!(diff(&a, &serde_json::json!({"x": [1, 2, null, "s"], "y": {"z": true}, "w": 1}), "").is_some());
    assert!(diff(&a, &serde_json::json!({"x": [1, 2, 0, "s"], "y": {"z": true}}), "").is_some());
    assert_eq!(diff(&serde_json::json!("*"), &serde_json::json!("any note"), ""), None);
    assert!(diff(&serde_json::json!("*"), &serde_json::json!(""), "").is_some());
    assert!(diff(&serde_json::json!("*"), &serde_json::json!(null), "").is_some());
}
