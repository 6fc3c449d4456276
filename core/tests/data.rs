//! The data files under `standards/`: the committed JSON Schemas match the code, every file is
//! valid against its schema (checked by an independent JSON Schema validator) and against the
//! library's own rules, and the bundled catalogues are the files in `standards/`.
//!
//! Regenerate the schemas after changing a type with `CAREPATH_BLESS=1 cargo test -p carepath
//! --test data`.

use std::path::{Path, PathBuf};

use carepath::{Assessment, Catalogue, SchemaKind, bundled_catalogues};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Catalogue files: `standards/<id>/<version>.json`.
fn catalogue_files() -> Vec<PathBuf> {
    json_files(&root().join("standards"))
        .into_iter()
        .filter(|p| {
            let parent = p.parent().and_then(Path::file_name).and_then(|n| n.to_str()).unwrap_or_default();
            !matches!(parent, "schemas" | "examples" | "consensus") && !p.starts_with(root().join("standards/examples"))
        })
        .collect()
}

fn example_files() -> Vec<PathBuf> {
    json_files(&root().join("standards/examples"))
}

fn catalogue_for(assessment: &Assessment) -> Catalogue {
    let path = root()
        .join("standards")
        .join(assessment.catalogue.id.as_str())
        .join(format!("{}.json", assessment.catalogue.version));
    Catalogue::from_json(&read(&path)).unwrap()
}

#[test]
fn committed_schemas_match_the_code() {
    let bless = std::env::var_os("CAREPATH_BLESS").is_some();
    for kind in SchemaKind::ALL {
        let path = root().join("standards/schemas").join(kind.file_name());
        let generated = kind.to_json();
        if bless {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} differs from the schema the code generates; regenerate with CAREPATH_BLESS=1 cargo test -p carepath --test data",
            path.display()
        );
    }
}

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&read(&root().join("standards/schemas").join(kind.file_name()))).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_schema_valid(validator: &jsonschema::Validator, path: &Path, instance: &Value) {
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{} is not valid against its schema:\n{}", path.display(), errors.join("\n"));
}

#[test]
fn every_file_is_valid_against_its_schema() {
    let catalogue = validator(SchemaKind::Catalogue);
    let assessment = validator(SchemaKind::Assessment);
    let report = validator(SchemaKind::Report);
    let catalogues = catalogue_files();
    let examples = example_files();
    assert!(!catalogues.is_empty() && examples.len() >= 2);
    for path in &catalogues {
        assert_schema_valid(&catalogue, path, &serde_json::from_str(&read(path)).unwrap());
    }
    for path in &examples {
        assert_schema_valid(&assessment, path, &serde_json::from_str(&read(path)).unwrap());
        let a = Assessment::from_json(&read(path)).unwrap();
        let r = catalogue_for(&a).score(&a).unwrap();
        assert_schema_valid(&report, path, &serde_json::to_value(&r).unwrap());
    }
}

#[test]
fn the_schema_validator_rejects_what_the_reader_rejects() {
    // Guards the test above against a schema that accepts anything.
    let assessment = validator(SchemaKind::Assessment);
    let path = &example_files()[0];
    let mut value: Value = serde_json::from_str(&read(path)).unwrap();
    value["ratingz"] = Value::Bool(true);
    assert!(!assessment.is_valid(&value));
    let mut value: Value = serde_json::from_str(&read(path)).unwrap();
    value["assessed_on"] = Value::String("30/11/2016".into());
    assert!(!assessment.is_valid(&value));
    let catalogue = validator(SchemaKind::Catalogue);
    let mut value: Value = serde_json::from_str(&read(&catalogue_files()[0])).unwrap();
    value["themes"][0]["standards"][0]["priority"] = Value::String("vital".into());
    assert!(!catalogue.is_valid(&value));
}

#[test]
fn every_catalogue_file_is_valid_round_trips_and_is_bundled() {
    let files = catalogue_files();
    for path in &files {
        let text = read(path);
        let c = Catalogue::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(path.file_stem().unwrap().to_str().unwrap(), c.version.to_string(), "{}", path.display());
        assert_eq!(path.parent().unwrap().file_name().unwrap().to_str().unwrap(), c.id.as_str());
        assert_eq!(Catalogue::from_json(&c.to_json()).unwrap(), c, "{}", path.display());
        let bundled = carepath::bundled_json(c.id.as_str(), &c.version)
            .unwrap_or_else(|| panic!("{} is not bundled", path.display()));
        assert_eq!(bundled, text, "the bundled copy of {} differs", path.display());
    }
    assert_eq!(files.len(), bundled_catalogues().len(), "every bundled catalogue has its file and vice versa");
}

#[test]
fn every_example_is_valid_and_round_trips() {
    for path in example_files() {
        let text = read(&path);
        let a = Assessment::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        catalogue_for(&a).check(&a).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(Assessment::from_json(&a.to_json()).unwrap(), a);
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&a).unwrap(), original, "{} does not round-trip exactly", path.display());
    }
}

#[test]
fn the_examples_are_realistic_in_spread() {
    for path in example_files() {
        let a = Assessment::from_json(&read(&path)).unwrap();
        let c = catalogue_for(&a);
        let r = c.score(&a).unwrap();
        let name = path.display();
        let unrated = r.standards.iter().filter(|s| s.rating.is_none()).count();
        let na = r.themes.iter().map(|t| t.not_applicable).sum::<usize>();
        assert!(r.overall.rated >= c.standard_count() / 2, "{name}: most standards scored");
        if path.parent().unwrap().ends_with("examples") {
            assert!(unrated > 0 && na > 0 && !r.unknowns.is_empty(), "{name}: unrated, n/a and unknown all present");
            assert!(a.ratings.values().filter(|e| e.evidence.is_some()).count() > a.ratings.len() / 2, "{name}");
            assert!(a.ratings.values().any(|e| e.actions.is_some()), "{name}: actions on gaps");
        }
    }
}

/// Content rules for the bundled perinatal catalogue editions that go beyond validity.
#[test]
fn the_perinatal_catalogue_is_complete() {
    for r in bundled_catalogues().into_iter().filter(|r| r.id == "perinatal-mental-health") {
        let c = Catalogue::bundled(r.id.as_str(), Some(&r.version.to_string())).unwrap();
        assert_eq!(c.themes.len(), 7, "{r}: seven themes");
        assert!(c.standard_count() >= 50, "{r}: at least 50 standards");
        assert!(c.cross_cutting("partners").is_some(), "{r}: support for partners and dads is cross-cutting");
        assert_eq!(c.scale.levels.len(), 6);
        assert!(c.scale.levels.iter().all(|l| !l.label.is_empty() && !l.description.is_empty()));
        for (theme, s) in c.standards() {
            assert!(s.id.as_str().starts_with(&format!("{}.", theme.id)), "{r}: {} sits in {}", s.id, theme.id);
            assert!(!s.description.is_empty() && !s.services.is_empty() && !s.sources.is_empty(), "{r}: {}", s.id);
        }
        for x in &c.cross_cutting {
            let uses = c.standards().filter(|(_, s)| s.tags.contains(&x.id)).count();
            assert!(uses >= 2, "{r}: cross-cutting theme {} is used by {uses} standard(s)", x.id);
        }
        for service in &c.services {
            assert!(c.standards().any(|(_, s)| s.services.contains(&service.id)), "{r}: service {} unused", service.id);
        }
        for source in &c.sources {
            assert!(
                c.standards().any(|(_, s)| s.sources.iter().any(|x| x.source == source.id))
                    || c.groups.iter().any(|g| g.sources.iter().any(|x| x.source == source.id)),
                "{r}: source {} uncited",
                source.id
            );
        }
    }
}
