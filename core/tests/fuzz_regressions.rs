//! The fuzz targets' bodies (fuzz/fuzz_targets/) over every file kept in fuzz/regressions/ (what
//! the fuzzers once found) and over the hostile documents, so a fixed crash stays fixed without
//! nightly or cargo-fuzz. The workbook target's files are run by the CLI's tests.

use std::path::{Path, PathBuf};

use carepath::{Assessment, Catalogue, DocumentKind, migrate};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dirs: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() && path.extension().is_none_or(|e| e != "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn catalogue(bytes: &[u8]) {
    if let Ok(text) = carepath::json_text(bytes) {
        let _ = DocumentKind::detect(text);
    }
    if let Ok(catalogue) = Catalogue::from_json_bytes(bytes) {
        assert_eq!(Catalogue::from_json(&catalogue.to_json()).unwrap(), catalogue);
    }
}

fn assessment(bytes: &[u8]) {
    let Ok(assessment) = Assessment::from_json_bytes(bytes) else { return };
    assert_eq!(Assessment::from_json(&assessment.to_json()).unwrap(), assessment);
    if let Ok(catalogue) = Catalogue::bundled_for(&assessment.catalogue)
        && let Ok(report) = catalogue.score(&assessment)
    {
        assert!(report.overall.score.is_none_or(|s| (0.0..=5.0).contains(&s)));
    }
}

fn migration(bytes: &[u8]) {
    let Ok(assessment) = Assessment::from_json_bytes(bytes) else { return };
    let latest = Catalogue::bundled(carepath::DEFAULT_CATALOGUE, None).unwrap();
    if let Ok((carried, _)) = migrate(&assessment, &latest) {
        let _ = latest.score(&carried);
        assert_eq!(migrate(&carried, &latest).unwrap().0, carried);
    }
}

fn run(dirs: &[&str], body: fn(&[u8])) -> usize {
    let found = files(dirs);
    for path in &found {
        let bytes = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| body(&bytes));
        assert!(outcome.is_ok(), "{} panicked", Path::new(path).display());
    }
    found.len()
}

#[test]
fn catalogue_regressions() {
    assert!(run(&["fuzz/regressions/catalogue", "tests/hostile"], catalogue) >= 14);
}

#[test]
fn assessment_regressions() {
    assert!(run(&["fuzz/regressions/assessment", "tests/hostile", "standards/examples"], assessment) >= 14);
}

#[test]
fn migration_regressions() {
    assert!(run(&["fuzz/regressions/migrate", "tests/hostile", "standards/examples"], migration) >= 14);
}
