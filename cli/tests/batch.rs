//! `carepath score` of many files and folders: one CSV or JSON Lines table, in input order, the
//! numbers equal to the library's, a bad file named without stopping the rest (or stopping with
//! `--fail-fast`), read by an independent CSV reader.

mod common;

use std::path::{Path, PathBuf};

use common::{arg, carepath, example, examples, report, root, scratch, stderr, stdout, with_stdin};

/// The table's rows as maps from column to cell, read by the `csv` crate.
fn table(text: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows =
        reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_owned)).collect()).collect();
    (header, rows)
}

fn number(cell: &str) -> Option<f64> {
    if cell.is_empty() { None } else { Some(cell.parse().unwrap()) }
}

/// A folder with copies of some examples, and one broken file between them.
fn collection(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("2024")).unwrap();
    for f in ["northbrook-2024.json", "vale-of-ashby-2024.json"] {
        std::fs::copy(example(f), dir.join("2024").join(f)).unwrap();
    }
    std::fs::copy(example("eastmere-2016.json"), dir.join("eastmere-2016.json")).unwrap();
    std::fs::write(dir.join("2024/broken.json"), "{\"catalogue\": ").unwrap();
    std::fs::write(dir.join("2024/readme.txt"), "not an assessment").unwrap();
    dir
}

#[test]
fn a_folder_gives_one_csv_table_with_the_librarys_numbers() {
    let examples: Vec<PathBuf> = examples().into_iter().filter(|p| p.parent().unwrap().ends_with("examples")).collect();
    let out = carepath(&["score", "standards/examples", "--no-progress"]);
    let text = stdout(&out);
    let (header, rows) = table(&text);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(header[..3], ["item", "source", "area"]);
    assert!(header.contains(&"group".to_owned()) && header.contains(&"overall_light".to_owned()));
    assert!(text.ends_with("\r\n"), "RFC 4180 line ends");

    // Every example is there, and each theme and group figure is the library's.
    let mut items = 0;
    for path in &examples {
        let name = format!("standards/examples/{}", path.file_name().unwrap().to_str().unwrap());
        let mine: Vec<_> = rows.iter().filter(|r| r["source"] == name).collect();
        assert!(!mine.is_empty(), "{name} is in the table");
        let r = report(path);
        let groups = r.overall.groups.len();
        assert_eq!(mine.len(), r.themes.len() * (1 + groups), "{name}: a row per theme, then per theme and group");
        for row in &mine {
            let theme = r.themes.iter().find(|t| t.id.as_str() == row["theme"]).unwrap();
            let (score, light) = if row["group"].is_empty() {
                assert_eq!(row["rated"], theme.rated.to_string());
                assert_eq!(row["total"], theme.total.to_string());
                (theme.score, theme.light.as_ref())
            } else {
                let g = theme.groups.iter().find(|g| g.id.as_str() == row["group"]).unwrap();
                assert_eq!(row["total"], "", "a group row leaves the theme's counts to the theme row");
                (g.score, g.light.as_ref())
            };
            assert_eq!(number(&row["score"]), score, "{name} {}", row["theme"]);
            assert_eq!(row["light"], light.map(|b| b.as_str()).unwrap_or(""));
            assert_eq!(row["area"], r.area.name);
            assert_eq!(row["catalogue_version"], r.catalogue.version.to_string());
        }
        items += 1;
    }
    assert!(items >= 10);
    // Rows are in input order: items count up, and the sources are in name order.
    let order: Vec<usize> = rows.iter().map(|r| r["item"].parse().unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]));
    // Local groups and the edition's groups both have rows (Vale of Ashby's purely local one).
    assert!(rows.iter().any(|r| r["group"] == "gypsy_roma_traveller"), "a local group has rows");
}

#[test]
fn a_bad_file_is_named_and_the_rest_are_scored_unless_fail_fast() {
    let dir = collection("bad-file");
    let out = carepath(&["score", arg(&dir), "--no-progress", "--threads", "2"]);
    assert_eq!(out.status.code(), Some(1), "a bad file makes the exit code 1");
    let err = stderr(&out);
    assert!(err.contains("broken.json"), "{err}");
    assert!(err.contains("1 of 4 files could not be scored"), "{err}");
    let (_, rows) = table(&stdout(&out));
    let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str()).collect();
    let names: Vec<&str> = sources.iter().map(|s| Path::new(s).file_name().unwrap().to_str().unwrap()).collect();
    let mut seen = names.clone();
    seen.dedup();
    // Folders are walked in name order: `2024/` (its files in order) before `eastmere-2016.json`.
    assert_eq!(seen, ["northbrook-2024.json", "vale-of-ashby-2024.json", "eastmere-2016.json"]);
    assert!(!sources.iter().any(|s| s.ends_with("readme.txt")));

    // --fail-fast: the file before the bad one is written, nothing after it.
    let out = carepath(&["score", arg(&dir), "--no-progress", "--fail-fast"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--fail-fast"), "{}", stderr(&out));
    let (_, rows) = table(&stdout(&out));
    let mut seen: Vec<&str> = rows.iter().map(|r| r["source"].as_str()).collect();
    seen.dedup();
    assert_eq!(seen.len(), 0, "2024/broken.json sorts first: nothing is written after it");
}

#[test]
fn json_lines_give_one_report_or_error_per_file() {
    let dir = collection("jsonl");
    let out_file = dir.join("out.jsonl");
    let out = carepath(&["score", arg(&dir), "--format", "jsonl", "--no-progress", "-o", arg(&out_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "", "the table goes to the file");
    let text = std::fs::read_to_string(&out_file).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0]["source"].as_str().unwrap().ends_with("broken.json"));
    assert_eq!(lines[0]["error"]["code"], "syntax");
    assert!(lines[0]["error"]["line"].is_number());
    for line in &lines[1..] {
        let path = root().join(line["source"].as_str().unwrap());
        let got: carepath::Report = serde_json::from_value(line["report"].clone()).unwrap();
        assert_eq!(got, report(&path));
    }
}

#[test]
fn standard_input_counts_as_one_file_of_the_table() {
    let text = std::fs::read_to_string(example("northbrook-2024.json")).unwrap();
    let out =
        with_stdin(&["score", "-", arg(&example("eastmere-2024.json")), "--format", "csv", "--no-progress"], &text);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, rows) = table(&stdout(&out));
    assert_eq!(rows[0]["source"], "<stdin>");
    assert_eq!(rows[0]["area"], "Northbrook");
    assert!(rows.iter().any(|r| r["area"] == "Eastmere"));
    // One file as CSV is a table of one.
    let out = carepath(&["score", arg(&example("northbrook-2016.json")), "--format", "csv", "--no-progress"]);
    let (_, rows) = table(&stdout(&out));
    assert_eq!(rows.len(), 7);
}

#[test]
fn several_files_need_a_table_format_and_a_missing_one_is_named() {
    let out = carepath(&[
        "score",
        arg(&example("northbrook-2016.json")),
        arg(&example("eastmere-2016.json")),
        "--format",
        "text",
    ]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(stderr(&out).contains("--format csv or --format jsonl"), "{}", stderr(&out));
    let out = carepath(&["score", "standards/examples", "nowhere.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nowhere.json"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing is scored before every path is found");
    let out = carepath(&["score", "standards/examples", "--threads", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn user_text_cannot_become_a_formula() {
    let dir = scratch("formula");
    let mut a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("northbrook-2016.json")).unwrap()).unwrap();
    a["area"]["name"] = serde_json::json!("=HYPERLINK(\"http://example.org\",\"x\")");
    std::fs::write(dir.join("a.json"), a.to_string()).unwrap();
    let out = carepath(&["score", arg(&dir), "--no-progress"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, rows) = table(&stdout(&out));
    assert!(rows[0]["area"].starts_with("'="), "{}", rows[0]["area"]);
}

#[test]
fn benchmark_and_consensus_take_folders_too() {
    let dir = scratch("benchmark-folder");
    let mut files = common::examples_2024();
    files.sort();
    for f in &files {
        std::fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let by_folder = carepath(&["benchmark", arg(&dir), "--format", "json"]);
    assert!(by_folder.status.success(), "{}", stderr(&by_folder));
    let mut args = vec!["benchmark"];
    args.extend(files.iter().map(|p| arg(p)));
    args.extend(["--format", "json"]);
    let by_files = carepath(&args);
    assert_eq!(stdout(&by_folder), stdout(&by_files));
    let consensus = carepath(&["consensus", "standards/examples/consensus", "--format", "json"]);
    assert!(consensus.status.success(), "{}", stderr(&consensus));
}

#[test]
fn no_groups_leaves_a_row_per_assessment_and_theme() {
    let out = carepath(&[
        "score",
        arg(&example("vale-of-ashby-2024.json")),
        arg(&example("eastmere-2016.json")),
        "--no-groups",
        "--no-progress",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, rows) = table(&stdout(&out));
    assert_eq!(rows.len(), 14, "seven themes each");
    assert!(rows.iter().all(|r| r["group"].is_empty()));
}
