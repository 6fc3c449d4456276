//! The `migrate`, `compare`, `benchmark` and `consensus` commands on the examples, their JSON
//! answers against the library's, and their errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carepath::{Assessment, Catalogue};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn example(name: &str) -> String {
    root().join("standards/examples").join(name).display().to_string()
}

fn carepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carepath")).args(args).current_dir(root()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn load(path: &str) -> Assessment {
    Assessment::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carepath-evolve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn examples_2024() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("standards/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-2024.json"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn migrate_carries_every_2016_example_into_2024_and_the_result_validates() {
    for name in ["northbrook-2016.json", "eastmere-2016.json", "vale-of-ashby-2016.json"] {
        let out_file = temp(name);
        let out = carepath(&["migrate", &example(name), "--to", "2.0.0", "-o", out_file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let report = text(&out.stdout);
        assert!(
            report.contains("1.0.0 -> 2.0.0") && report.contains("To review") && report.contains("Archived"),
            "{report}"
        );
        let validated = carepath(&["validate", out_file.to_str().unwrap()]);
        assert!(validated.status.success(), "{}", text(&validated.stderr));
        let migrated = load(out_file.to_str().unwrap());
        let expected = carepath::migrate(
            &load(&example(name)),
            &Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap(),
        )
        .unwrap()
        .0;
        assert_eq!(migrated, expected);
        // Migrating the result again changes nothing.
        let again = carepath(&["migrate", out_file.to_str().unwrap(), "--format", "json"]);
        assert!(again.status.success());
        assert_eq!(load_from(&again.stdout), migrated);
        let report: carepath::MigrationReport = serde_json::from_slice(&again.stderr).unwrap();
        assert!(report.steps.is_empty());
    }
}

fn load_from(bytes: &[u8]) -> Assessment {
    Assessment::from_json(&text(bytes)).unwrap()
}

#[test]
fn compare_across_editions_says_how_much_was_comparable() {
    let out = carepath(&["compare", &example("northbrook-2016.json"), &example("northbrook-2024.json")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("Comparable:") && shown.contains("migrated into this edition first"), "{shown}");
    let out =
        carepath(&["compare", &example("northbrook-2016.json"), &example("northbrook-2024.json"), "--format", "json"]);
    let c: carepath::Comparison = serde_json::from_slice(&out.stdout).unwrap();
    let expected = carepath::compare(
        &load(&example("northbrook-2016.json")),
        &load(&example("northbrook-2024.json")),
        &Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap(),
    )
    .unwrap();
    assert_eq!(c, expected);
    assert!(c.migration.is_some() && c.comparable.standards > 0 && c.comparable.standards <= c.comparable.total);
}

#[test]
fn compare_with_the_later_edition_as_a_file_still_migrates_the_earlier_assessment() {
    let edition = root().join("standards/perinatal-mental-health/2.0.0.json").display().to_string();
    let (old, new) = (example("northbrook-2016.json"), example("northbrook-2024.json"));
    let out = carepath(&["compare", &old, &new, "--catalogue", &edition, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let with_file: carepath::Comparison = serde_json::from_slice(&out.stdout).unwrap();
    let bundled: carepath::Comparison =
        serde_json::from_slice(&carepath(&["compare", &old, &new, "--format", "json"]).stdout).unwrap();
    assert_eq!(with_file, bundled);
    assert!(with_file.migration.is_some());
}

#[test]
fn compare_refuses_two_areas_and_reversed_dates() {
    let out = carepath(&["compare", &example("northbrook-2016.json"), &example("eastmere-2024.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("[mixed_areas]"), "{}", text(&out.stderr));
    let out = carepath(&["compare", &example("northbrook-2024.json"), &example("northbrook-2016.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("[dates_reversed]"), "{}", text(&out.stderr));
}

#[test]
fn benchmark_of_the_2024_areas() {
    let files = examples_2024();
    assert!(files.len() >= 8, "at least eight areas for the benchmark");
    let mut args = vec!["benchmark", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let out = carepath(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let b: carepath::Benchmark = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b.areas, files.len());
    assert!(!b.overall.withheld && b.overall.median.is_some());
    let names: Vec<&str> = b.positions.iter().map(|p| p.area.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "areas by name, never by score");

    let mut args = vec!["benchmark", "--min-group", "20"];
    args.extend(files.iter().map(String::as_str));
    let out = carepath(&args);
    assert!(text(&out.stdout).contains("withheld"), "{}", text(&out.stdout));

    let out = carepath(&["benchmark", &example("northbrook-2016.json"), &example("eastmere-2024.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("[mixed_editions]"), "{}", text(&out.stderr));
    let out = carepath(&["benchmark", &example("eastmere-2024.json"), &example("eastmere-2024.json")]);
    assert!(text(&out.stderr).contains("[repeated_area]"), "{}", text(&out.stderr));
}

#[test]
fn consensus_of_three_raters_keeps_every_raters_evidence() {
    let dir = root().join("standards/examples/consensus");
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let out_file = temp("combined.json");
    let mut args = vec!["consensus", "-o", out_file.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let out = carepath(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("To discuss"), "{}", text(&out.stdout));
    let combined = load(out_file.to_str().unwrap());
    assert!(carepath(&["validate", out_file.to_str().unwrap()]).status.success());
    let raters: Vec<Assessment> = files.iter().map(|f| load(f)).collect();
    for r in &raters {
        for (id, e) in &r.ratings {
            if let Some(evidence) = &e.evidence {
                let kept = combined.entry(id.as_str()).and_then(|c| c.evidence.as_deref()).unwrap_or_default();
                assert!(kept.contains(evidence.as_str()), "{id}: the evidence of every rater is kept");
            }
        }
    }
    let mut args = vec!["consensus", &files[0]];
    let other = example("eastmere-2024.json");
    args.push(&other);
    let out = carepath(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("[mixed_areas]"), "{}", text(&out.stderr));
}
