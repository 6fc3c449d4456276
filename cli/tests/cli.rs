//! Runs the `carepath` binary on good and bad files and checks output and exit codes:
//! 0 success, 1 invalid input (every problem on standard error with file and path), 2 usage.

mod common;

use common::{arg, carepath, edition, example, examples, json, root, stderr, stdout, temp, with_stdin};

fn northbrook() -> serde_json::Value {
    json(&example("northbrook-2016.json"))
}

#[test]
fn validates_the_bundled_catalogue_and_every_example() {
    let examples = examples();
    let mut args = vec!["validate", "standards/perinatal-mental-health/1.0.0.json"];
    args.extend(examples.iter().map(|p| arg(p)));
    let out = carepath(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("catalogue perinatal-mental-health@1.0.0 (7 themes"), "{}", stdout(&out));
    assert!(stdout(&out).contains("assessment of Northbrook on 2016-11-30"), "{}", stdout(&out));
}

#[test]
fn scores_as_text_and_as_json() {
    let out = carepath(&["score", arg(&example("northbrook-2016.json"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in ["Northbrook", "Overall", "Themes", "Top gaps", "Strengths", "Unknowns", "Amber"] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }

    let out = carepath(&["score", arg(&example("northbrook-2016.json")), "--format", "json"]);
    assert!(out.status.success());
    let report: carepath::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.area.name, "Northbrook");
    assert_eq!(report.themes.len(), 7);
    // The CLI's numbers are the library's numbers.
    let a =
        carepath::Assessment::from_json(&std::fs::read_to_string(example("northbrook-2016.json")).unwrap()).unwrap();
    let c = edition("1.0.0");
    assert_eq!(report, c.score(&a).unwrap());
}

#[test]
fn writes_a_markdown_report_with_evidence_and_escapes_user_text() {
    let mut a = northbrook();
    let first = a["ratings"].as_object().unwrap().keys().next().unwrap().clone();
    a["ratings"][&first]["evidence"] = serde_json::json!("<script>alert(1)</script> | pipes");
    let path = temp("escaped.json", a.to_string());
    let out_file = temp("report.md", "");
    let out = carepath(&["report", path.to_str().unwrap(), "--format", "md", "-o", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(out_file).unwrap();
    for heading in [
        "## Overall",
        "## Themes",
        "## Cross-cutting themes",
        "## Gaps",
        "## Strengths",
        "## Don't know",
        "## Every standard",
        "## About these standards",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\> \\| pipes"), "user text is escaped");
    assert!(!md.contains("<script>"));
}

#[test]
fn reads_standard_input() {
    let text = std::fs::read_to_string(example("eastmere-2016.json")).unwrap();
    let out = with_stdin(&["score", "-", "--format", "json"], &text);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"Eastmere\""));
}

#[test]
fn every_problem_is_reported_with_file_and_path_and_exit_1() {
    let mut a = northbrook();
    a["ratings"]["T9.9"] = serde_json::json!({ "rating": 2 });
    a["ratings"]["T1.1"] = serde_json::json!({ "rating": 7 });
    let bad = temp("two-problems.json", a.to_string());
    let out = carepath(&["validate", bad.to_str().unwrap(), arg(&example("eastmere-2016.json"))]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("two-problems.json: at `/ratings/T1.1/rating`: rating `7` is off the scale"), "{err}");
    assert!(err.contains("two-problems.json: at `/ratings/T9.9`"), "{err}");
    assert!(err.contains("[unknown_standard]"), "{err}");
    assert!(stdout(&out).contains("ok: ") && stdout(&out).contains("Eastmere"), "the good file is still checked");
}

#[test]
fn each_kind_of_bad_input_fails_with_a_message_that_names_it() {
    let good = std::fs::read_to_string(example("northbrook-2016.json")).unwrap();
    let cases = [
        ("typo.json", good.replacen("\"evidence\"", "\"evidnce\"", 1), "unknown field `evidnce`"),
        (
            "version.json",
            good.replacen("\"schema_version\": \"1.0.0\"", "\"schema_version\": \"2.0.0\"", 1),
            "unsupported schema_version `2.0.0`",
        ),
        ("date.json", good.replacen("2016-11-30", "2016-11-31", 1), "malformed date `2016-11-31`"),
        ("semver.json", good.replacen("\"version\": \"1.0.0\"", "\"version\": \"one\"", 1), "malformed version `one`"),
        ("syntax.json", good[..good.len() / 2].to_owned(), "malformed JSON at line"),
        ("repeat.json", good.replacen("\"T1.2\"", "\"T1.1\"", 1), "repeated key `T1.1`"),
        (
            "catalogue.json",
            good.replacen("perinatal-mental-health", "other-pathway", 1),
            "no bundled catalogue `other-pathway@1.0.0`",
        ),
    ];
    for (name, content, message) in cases {
        assert_ne!(content, good, "{name}: the case changes the file");
        let path = temp(name, &content);
        for command in ["validate", "score"] {
            let out = carepath(&[command, path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(1), "{command} {name}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(name) && stderr(&out).contains(message),
                "{command} {name}: {}",
                stderr(&out)
            );
        }
    }
    let out = carepath(&["score", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/file.json"));
}

#[test]
fn a_bad_catalogue_lists_every_problem() {
    let mut c = json(&root().join("standards/perinatal-mental-health/1.0.0.json"));
    c["themes"][0]["standards"][0]["tags"] = serde_json::json!(["partnres"]);
    c["themes"][1]["standards"][0]["services"] = serde_json::json!(["nobody"]);
    c["scale"]["bands"][1]["from"] = serde_json::json!(2.5);
    let path = temp("bad-catalogue.json", c.to_string());
    let out = carepath(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown cross-cutting theme `partnres`"), "{err}");
    assert!(err.contains("unknown service `nobody`"), "{err}");
    assert!(err.contains("[band_gap]"), "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
}

#[test]
fn validate_can_answer_in_json() {
    let bad = temp("bad-for-json.json", "{\"schema_version\": \"1.0.0\"}");
    let out = carepath(&["validate", "--format", "json", bad.to_str().unwrap(), arg(&example("northbrook-2016.json"))]);
    assert_eq!(out.status.code(), Some(1));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["valid"], false);
    assert_eq!(results[0]["problems"][0]["code"], "schema");
    assert_eq!(results[1]["valid"], true);
    assert_eq!(results[1]["kind"], "assessment");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(carepath(&[]).status.code(), Some(2));
    assert_eq!(carepath(&["score"]).status.code(), Some(2));
    assert_eq!(carepath(&["score", "x.json", "--format", "pdf"]).status.code(), Some(2));
    assert_eq!(carepath(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn prints_schemas_and_lists_catalogues() {
    for kind in ["catalogue", "assessment", "report"] {
        let out = carepath(&["schema", kind]);
        assert!(out.status.success());
        let committed = std::fs::read_to_string(root().join(format!("standards/schemas/{kind}.schema.json"))).unwrap();
        assert_eq!(stdout(&out), committed);
    }
    let out = carepath(&["catalogues"]);
    assert!(stdout(&out).contains("perinatal-mental-health@1.0.0"), "{}", stdout(&out));
    let out = carepath(&["catalogues", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "perinatal-mental-health" && c["standards"].as_u64() >= Some(50))
    );
}

#[test]
fn garbage_never_panics() {
    let inputs: [&[u8]; 6] = [b"", b"\xff\xfe\x00", b"[]", b"null", b"{\"ratings\": []}", b"{\"themes\": 3}"];
    for (i, input) in inputs.iter().enumerate() {
        let path = temp(&format!("garbage-{i}.json"), input);
        for command in ["validate", "score", "report"] {
            let out = carepath(&[command, path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(1), "{command} on {input:?}: {}", stderr(&out));
            assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
        }
    }
}

#[test]
fn plan_prints_the_actions_overdue_as_of_a_day_and_the_unplanned_gaps() {
    let file = example("northbrook-2025.json");
    let out = carepath(&["plan", arg(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("8 actions: 3 planned, 2 in progress, 2 done, 1 dropped"), "{text}");
    assert!(text.contains("A3  [in progress] OVERDUE"), "{text}");
    assert!(text.contains("Unplanned gaps"), "{text}");

    let json_of = |args: &[&str]| -> serde_json::Value {
        let out = carepath(args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let plan = json_of(&["plan", arg(&file), "--format", "json"]);
    assert_eq!(plan["overdue"], serde_json::json!(["A3", "A4"]));
    // Judged a year on, every open action whose date has passed is overdue.
    let later = json_of(&["plan", arg(&file), "--as-of", "2026-07-01", "--format", "json"]);
    assert_eq!(later["as_of"], "2026-07-01");
    assert_eq!(later["overdue"], serde_json::json!(["A3", "A4", "A5", "A7", "A8"]));
    // score and report take the same day, and the core's numbers.
    let report = json_of(&["score", arg(&file), "--as-of", "2026-07-01", "--format", "json"]);
    assert_eq!(report["plan"], later);
    // The report's documents have the plan section, overdue marked.
    let out = carepath(&["report", arg(&file), "--format", "html", "--as-of", "2026-07-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.contains(r#"id="plan""#) && html.contains(r#"<tr data-action="A8" class="overdue">"#), "{html}");
    let out = carepath(&["report", arg(&file)]);
    assert!(stdout(&out).contains("## Action plan"));
    let out = carepath(&["plan", arg(&file), "--as-of", "1 July"]);
    assert_eq!(out.status.code(), Some(2), "a malformed date is a usage error");
}

#[test]
fn next_starts_the_next_round_from_this_one() {
    let out = carepath(&["next", arg(&example("northbrook-2024.json")), "--on", "2025-11-12"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let next = carepath::Assessment::from_json(&stdout(&out)).unwrap();
    assert_eq!(next.catalogue.version.to_string(), "3.1.0", "the latest edition unless told");
    assert!(next.ratings.is_empty());
    assert_eq!(next.plan.len(), 6, "every action of 2024 was still open");
    let previous = next.previous.as_ref().unwrap();
    assert_eq!(previous.catalogue.version.to_string(), "2.0.0");
    assert_eq!(previous.ratings["T1.11"].target.unwrap().rating, 3);
    let out = carepath(&["next", arg(&example("northbrook-2024.json")), "--on", "2020-01-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("dates_reversed"), "{}", stderr(&out));
}
