//! `carepath catalogue diff` and `carepath catalogue lint`, and `--plain` on reports.

mod common;

use common::{arg, carepath, example, ok, root, stderr, stdout};

#[test]
fn diff_prints_a_summary_and_changes_ready_to_paste() {
    let text = ok(&["catalogue", "diff", "perinatal-mental-health@2.0.0", "perinatal-mental-health@3.0.0"]);
    assert!(text.contains("kept with changed text (review)") && text.contains("New (start unrated): "), "{text}");
    let json = ok(&[
        "catalogue",
        "diff",
        "perinatal-mental-health@2.0.0",
        "perinatal-mental-health@3.0.0",
        "--format",
        "json",
    ]);
    let set: carepath::ChangeSet = serde_json::from_str(&json).unwrap();
    assert_eq!(set.from.to_string(), "2.0.0");
    assert!(set.standards.iter().any(|c| c.kind() == "added" && c.targets()[0] == "T3.11"));
    // From a file as well as a bundled edition; removed standards are drafted as retired.
    let old = root().join("standards/perinatal-mental-health/1.0.0.json");
    let json = ok(&["catalogue", "diff", arg(&old), "perinatal-mental-health@2.0.0", "--format", "json"]);
    let set: carepath::ChangeSet = serde_json::from_str(&json).unwrap();
    assert!(
        set.standards
            .iter()
            .any(|c| matches!(c, carepath::StandardChange::Retired { reason, .. } if reason.starts_with("TO FILL IN")))
    );
}

#[test]
fn lint_reports_each_finding_and_exits_1() {
    let out = carepath(&["catalogue", "lint", "perinatal-mental-health@2.0.0"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("vague_time at /themes/1/standards/2/description"), "{text}");
    let out = carepath(&["catalogue", "lint", "perinatal-mental-health@3.0.0", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes: Vec<&str> =
        listed[0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"vague_time") && !codes.contains(&"text_without_review"), "{codes:?}");
    let out = carepath(&["catalogue", "lint", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn plain_shows_plain_language_in_reports() {
    let file = example("northbrook-2025.json");
    let plain = ok(&["report", arg(&file), "--plain", "--format", "html"]);
    let usual = ok(&["report", arg(&file), "--format", "html"]);
    let c = carepath::Catalogue::bundled("perinatal-mental-health", Some("3.0.0")).unwrap();
    let (_, s) = c.standard("T3.11").unwrap();
    assert!(plain.contains(s.plain.as_deref().unwrap()) && !usual.contains(s.plain.as_deref().unwrap()));
    assert_eq!(
        ok(&["score", arg(&file), "--plain", "--format", "json"]),
        ok(&["score", arg(&file), "--format", "json"]),
        "plain language changes words, not scores"
    );
}
