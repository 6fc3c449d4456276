//! The crate carries its own copy of the bundled catalogue editions (`core/catalogues/`), because
//! a published crate cannot reach `standards/`. `standards/` is the one source: this test fails
//! when the two differ in any file, byte for byte, and says how to bring the copy up to date.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `<id>/<version>.json` under `dir` (catalogue editions only), with its bytes.
fn editions(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let catalogue = entry.unwrap().path();
        // standards/ also holds schemas/ and examples/, which are not catalogues.
        let name = catalogue.file_name().unwrap().to_string_lossy().into_owned();
        if !catalogue.is_dir() || name == "schemas" || name == "examples" {
            continue;
        }
        for file in fs::read_dir(&catalogue).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "json") {
                let key = format!("{name}/{}", file.file_name().unwrap().to_string_lossy());
                found.insert(key, fs::read(&file).unwrap());
            }
        }
    }
    found
}

#[test]
fn the_crates_copy_of_the_catalogues_is_standards_exactly() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let source = editions(&crate_dir.join("../standards"));
    let copy = editions(&crate_dir.join("catalogues"));
    let fix = "copy them again: scripts/sync-catalogues";
    assert!(!source.is_empty(), "no catalogue edition found in standards/");
    let only_source: Vec<_> = source.keys().filter(|k| !copy.contains_key(*k)).collect();
    let only_copy: Vec<_> = copy.keys().filter(|k| !source.contains_key(*k)).collect();
    assert!(only_source.is_empty(), "in standards/ but not in core/catalogues/: {only_source:?}; {fix}");
    assert!(only_copy.is_empty(), "in core/catalogues/ but not in standards/: {only_copy:?}; {fix}");
    for (key, bytes) in &source {
        assert!(copy[key] == *bytes, "core/catalogues/{key} differs from standards/{key}; {fix}");
    }
}

#[test]
fn every_edition_in_the_copy_is_bundled() {
    let copy = editions(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("catalogues"));
    let bundled: Vec<String> =
        carepath::bundled_catalogues().iter().map(|c| format!("{}/{}.json", c.id, c.version)).collect();
    assert_eq!(copy.keys().cloned().collect::<Vec<_>>(), bundled, "core/src/bundled.rs and core/catalogues/ disagree");
}
