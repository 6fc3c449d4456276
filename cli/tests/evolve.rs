//! The `migrate`, `compare`, `benchmark` and `consensus` commands on the examples, their JSON
//! answers against the library's, and their errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use carepath::Assessment;
use common::{arg, carepath, edition, example, examples_2024, root, scratch, stderr, stdout};

fn load(path: &Path) -> Assessment {
    Assessment::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn migrate_carries_every_2016_example_into_2024_and_the_result_validates() {
    let dir = scratch("migrate");
    for name in ["northbrook-2016.json", "eastmere-2016.json", "vale-of-ashby-2016.json"] {
        let (source, out_file) = (example(name), dir.join(name));
        let out = carepath(&["migrate", arg(&source), "--to", "2.0.0", "-o", arg(&out_file)]);
        assert!(out.status.success(), "{}", stderr(&out));
        let report = stdout(&out);
        assert!(
            report.contains("1.0.0 -> 2.0.0") && report.contains("To review") && report.contains("Archived"),
            "{report}"
        );
        let validated = carepath(&["validate", arg(&out_file)]);
        assert!(validated.status.success(), "{}", stderr(&validated));
        let migrated = load(&out_file);
        let expected = carepath::migrate(&load(&source), &edition("2.0.0")).unwrap().0;
        assert_eq!(migrated, expected);
        // Migrating the result again changes nothing.
        let again = carepath(&["migrate", arg(&out_file), "--to", "2.0.0", "--format", "json"]);
        assert!(again.status.success());
        assert_eq!(Assessment::from_json(&stdout(&again)).unwrap(), migrated);
        let report: carepath::MigrationReport = serde_json::from_slice(&again.stderr).unwrap();
        assert!(report.steps.is_empty());
    }
}

#[test]
fn compare_across_editions_says_how_much_was_comparable() {
    let (old, new) = (example("northbrook-2016.json"), example("northbrook-2024.json"));
    let out = carepath(&["compare", arg(&old), arg(&new)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(shown.contains("Comparable:") && shown.contains("migrated into this edition first"), "{shown}");
    let out = carepath(&["compare", arg(&old), arg(&new), "--format", "json"]);
    let c: carepath::Comparison = serde_json::from_slice(&out.stdout).unwrap();
    let expected = carepath::compare(&load(&old), &load(&new), &edition("2.0.0")).unwrap();
    assert_eq!(c, expected);
    assert!(c.migration.is_some() && c.comparable.standards > 0 && c.comparable.standards <= c.comparable.total);
}

#[test]
fn compare_with_the_later_edition_as_a_file_still_migrates_the_earlier_assessment() {
    let edition = root().join("standards/perinatal-mental-health/2.0.0.json");
    let (old, new) = (example("northbrook-2016.json"), example("northbrook-2024.json"));
    let out = carepath(&["compare", arg(&old), arg(&new), "--catalogue", arg(&edition), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let with_file: carepath::Comparison = serde_json::from_slice(&out.stdout).unwrap();
    let bundled: carepath::Comparison =
        serde_json::from_slice(&carepath(&["compare", arg(&old), arg(&new), "--format", "json"]).stdout).unwrap();
    assert_eq!(with_file, bundled);
    assert!(with_file.migration.is_some());
}

/// Runs a command on example assessments, by file name.
fn on_examples(command: &str, names: &[&str]) -> Output {
    let files: Vec<PathBuf> = names.iter().map(|n| example(n)).collect();
    let mut args = vec![command];
    args.extend(files.iter().map(|f| arg(f)));
    carepath(&args)
}

#[test]
fn compare_refuses_two_areas_and_reversed_dates() {
    let out = on_examples("compare", &["northbrook-2016.json", "eastmere-2024.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[mixed_areas]"), "{}", stderr(&out));
    let out = on_examples("compare", &["northbrook-2024.json", "northbrook-2016.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[dates_reversed]"), "{}", stderr(&out));
}

#[test]
fn benchmark_of_the_2024_areas() {
    let files = examples_2024();
    let mut args = vec!["benchmark", "--format", "json"];
    args.extend(files.iter().map(|f| arg(f)));
    let out = carepath(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let b: carepath::Benchmark = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b.areas, files.len());
    assert!(!b.overall.withheld && b.overall.median.is_some());
    let names: Vec<&str> = b.positions.iter().map(|p| p.area.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "areas by name, never by score");

    let mut args = vec!["benchmark", "--min-group", "20"];
    args.extend(files.iter().map(|f| arg(f)));
    let out = carepath(&args);
    assert!(stdout(&out).contains("withheld"), "{}", stdout(&out));

    let out = on_examples("benchmark", &["northbrook-2016.json", "eastmere-2024.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[mixed_editions]"), "{}", stderr(&out));
    let out = on_examples("benchmark", &["eastmere-2024.json", "eastmere-2024.json"]);
    assert!(stderr(&out).contains("[repeated_area]"), "{}", stderr(&out));
}

#[test]
fn consensus_of_three_raters_keeps_every_raters_evidence() {
    let dir = root().join("standards/examples/consensus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let out_file = scratch("consensus").join("combined.json");
    let mut args = vec!["consensus", "-o", arg(&out_file)];
    args.extend(files.iter().map(|f| arg(f)));
    let out = carepath(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("To discuss"), "{}", stdout(&out));
    let combined = load(&out_file);
    assert!(carepath(&["validate", arg(&out_file)]).status.success());
    let raters: Vec<Assessment> = files.iter().map(|f| load(f)).collect();
    for r in &raters {
        for (id, e) in &r.ratings {
            if let Some(evidence) = &e.evidence {
                let kept = combined.entry(id.as_str()).and_then(|c| c.evidence.as_deref()).unwrap_or_default();
                assert!(kept.contains(evidence.as_str()), "{id}: the evidence of every rater is kept");
            }
        }
    }
    let other = example("eastmere-2024.json");
    let out = carepath(&["consensus", arg(&files[0]), arg(&other)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[mixed_areas]"), "{}", stderr(&out));
}
