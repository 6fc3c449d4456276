//! The reports people look at: the HTML page (parsed with an HTML5 parser and rendered in
//! headless Chromium), and the CSV and Markdown reports against goldens.
//!
//! Goldens live in `cli/tests/golden/`, one `<example>.md` and `<example>.csv` per example
//! assessment. After an intended change of output, regenerate them with
//! `CAREPATH_BLESS=1 cargo test -p carepath-cli --test reports` and review the diff.

mod common;

use std::path::Path;

use common::page::{assert_drawn, assert_self_contained, pixels, render, select, text};
use common::{arg, carepath, close, example, examples, golden, json, ok, report, root, scratch, stderr, stem};
use scraper::{Html, Selector};

fn html_of(assessment: &Path) -> String {
    ok(&["report", arg(assessment), "--format", "html"])
}

#[test]
fn html_report_is_well_formed_self_contained_and_script_free() {
    for example in examples() {
        assert_self_contained(&stem(&example), &html_of(&example));
    }
}

#[test]
fn html_report_has_both_charts_with_the_scores_in_their_text_alternatives() {
    for example in examples() {
        let name = stem(&example);
        let scored = report(&example);
        let doc = Html::parse_document(&html_of(&example));

        for chart in ["theme-bars", "theme-radar", "cross-bars"] {
            let svg = select(&doc, &format!("svg#{chart}"));
            assert_eq!(svg.len(), 1, "{name}: one {chart}");
            let svg = svg[0];
            assert_eq!(svg.value().attr("role"), Some("img"));
            // aria-labelledby points at the chart's own title and desc.
            let labelled = svg.value().attr("aria-labelledby").unwrap();
            for id in labelled.split_whitespace() {
                assert_eq!(select(&doc, &format!("#{id}")).len(), 1, "{name}: {chart} label {id}");
            }
            assert_eq!(select(&doc, &format!("svg#{chart} > title")).len(), 1);
            assert_eq!(select(&doc, &format!("svg#{chart} > desc")).len(), 1);
        }

        let desc = text(&select(&doc, "svg#theme-bars > desc")[0]);
        let radar_desc = text(&select(&doc, "svg#theme-radar > desc")[0]);
        let bars = select(&doc, "svg#theme-bars g.bar");
        let spokes = select(&doc, "svg#theme-radar g.spoke");
        assert_eq!(bars.len(), scored.themes.len(), "{name}: a bar per theme");
        assert_eq!(spokes.len(), scored.themes.len(), "{name}: a spoke per theme");
        for ((theme, bar), spoke) in scored.themes.iter().zip(&bars).zip(&spokes) {
            let label = format!("{} {}", theme.id, theme.title);
            for mark in [bar, spoke] {
                assert_eq!(mark.value().attr("data-label"), Some(label.as_str()));
                let value = mark.value().attr("data-value").unwrap();
                match theme.score {
                    Some(s) => assert!(close(value.parse::<f64>().unwrap(), s), "{name} {label}: {value} vs {s}"),
                    None => assert_eq!(value, ""),
                }
            }
            // The text alternative states each score with its light's word.
            let said = match (theme.score, &theme.light) {
                (Some(s), Some(light)) => {
                    let word = if light == "red" {
                        "Red"
                    } else if light == "amber" {
                        "Amber"
                    } else {
                        "Green"
                    };
                    format!("{label}: {s:.1} {word}")
                }
                _ => format!("{label}: no score"),
            };
            assert!(desc.contains(&said), "{name}: bar chart desc lacks `{said}`: {desc}");
            assert!(radar_desc.contains(&said), "{name}: radar desc lacks `{said}`");
        }

        // The numbers are also in a table.
        let rows = select(&doc, "#theme-table tbody tr[data-theme]");
        assert_eq!(rows.len(), scored.themes.len());
        for (theme, row) in scored.themes.iter().zip(&rows) {
            let cells: Vec<String> = row.select(&Selector::parse("td").unwrap()).map(|c| text(&c)).collect();
            let shown = theme.score.map_or("\u{2013}".to_owned(), |s| format!("{s:.1}"));
            assert_eq!(cells[1], shown, "{name}: table score of {}", theme.id);
        }

        // Overall score, gaps, strengths, unknowns, completeness, the edition and its sources.
        let overall = select(&doc, "#summary .big")[0];
        if let Some(s) = scored.overall.score {
            assert!(close(overall.value().attr("data-value").unwrap().parse().unwrap(), (s * 10.0).round() / 10.0));
        }
        assert_eq!(select(&doc, "#gap-table tbody tr").len(), scored.gaps.len());
        let gap_ids: Vec<String> = select(&doc, "#gap-table tbody tr")
            .iter()
            .map(|r| r.value().attr("data-standard").unwrap().to_owned())
            .collect();
        let expected: Vec<String> = scored.gaps.iter().map(|g| g.id.to_string()).collect();
        assert_eq!(gap_ids, expected, "{name}: gaps in ranked order");
        assert_eq!(select(&doc, "#strengths li").len(), scored.strengths.len());
        assert_eq!(select(&doc, "#unknowns li").len(), scored.unknowns.len());
        assert_eq!(select(&doc, "#completeness-table tbody tr").len(), scored.themes.len());
        let about = text(&select(&doc, "#about")[0]);
        assert!(about.contains(&scored.catalogue.version.to_string()), "{name}: edition shown");
        let catalogue =
            carepath::Catalogue::bundled(scored.catalogue.id.as_str(), Some(&scored.catalogue.version.to_string()))
                .unwrap();
        assert_eq!(select(&doc, "#about ul li").len(), catalogue.sources.len(), "{name}: every source");
    }
}

#[test]
fn html_report_escapes_user_and_catalogue_text() {
    let dir = scratch("escape");
    let mut value = json(&example("northbrook-2016.json"));
    let evil = r#"<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" 'too'"#;
    value["area"]["name"] = serde_json::json!("<b>Bold</b> & Co");
    value["notes"] = serde_json::json!(evil);
    value["ratings"]["T1.4"]["evidence"] = serde_json::json!(evil);
    value["ratings"]["T1.4"]["actions"] = serde_json::json!("<iframe src=//example.org></iframe>");
    value["participants"][0]["role"] = serde_json::json!("</title><script>alert(2)</script>");
    let file = dir.join("evil.json");
    std::fs::write(&file, serde_json::to_string_pretty(&value).unwrap()).unwrap();

    let page = html_of(&file);
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(select(&doc, "script").len(), 0);
    assert_eq!(select(&doc, "img").len(), 0);
    assert_eq!(select(&doc, "iframe").len(), 0);
    assert_eq!(select(&doc, "main b").iter().filter(|b| text(b) == "Bold").count(), 0);
    assert!(!page.contains("<script>") && !page.contains("<img") && !page.contains("<b>Bold"));
    // The text survives as text.
    assert!(text(&select(&doc, "h1")[0]).contains("<b>Bold</b> & Co"));
    let evidence: Vec<String> =
        select(&doc, "#gap-table tr[data-standard='T1.4'] dd").iter().map(|d| text(d)).collect();
    assert!(evidence.iter().any(|t| t == evil), "{evidence:?}");
    assert!(text(&select(&doc, "head > title")[0]).contains("<b>Bold</b>"));
}

#[test]
fn csv_report_parses_back_with_one_row_per_standard() {
    for example in examples() {
        let text = ok(&["report", arg(&example), "--format", "csv"]);
        let scored = report(&example);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        // One layout for every document: the kind of row, then its id and title; a standard's
        // row has every column of the per-standard table.
        assert_eq!(&headers[..3], ["kind", "id", "title"]);
        for column in ["theme", "priority", "rating", "light", "evidence", "actions", "confidence"] {
            assert!(headers.iter().any(|h| h == column), "{column} in {headers:?}");
        }
        let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> =
            reader.records().map(Result::unwrap).filter(|r| &r[0] == "standard").collect();
        assert_eq!(rows.len(), scored.standards.len());
        for (row, s) in rows.iter().zip(&scored.standards) {
            assert_eq!(&row[at("id")], s.id.as_str());
            assert_eq!(&row[at("theme")], s.theme.as_str());
            assert_eq!(row[at("rating")].to_string(), s.rating.map(|r| r.to_string()).unwrap_or_default());
        }
        assert!(text.contains("\r\n"), "RFC 4180 line ends");
    }
}

#[test]
fn csv_report_guards_against_formula_injection() {
    let dir = scratch("csv-injection");
    let mut value = json(&example("northbrook-2016.json"));
    value["ratings"]["T1.1"]["evidence"] = serde_json::json!("=HYPERLINK(\"http://x\",\"click\")");
    value["ratings"]["T1.1"]["actions"] = serde_json::json!("@SUM(1+1)");
    value["ratings"]["T1.2"]["evidence"] = serde_json::json!("+44 1234, \"quoted\"\nsecond line");
    value["ratings"]["T1.2"]["actions"] = serde_json::json!("-2+3");
    let file = dir.join("inject.json");
    std::fs::write(&file, serde_json::to_string(&value).unwrap()).unwrap();
    let text = ok(&["report", arg(&file), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (evidence, actions) = (at("evidence"), at("actions"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).filter(|r| &r[0] == "standard").collect();
    assert_eq!(&rows[0][evidence], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(&rows[0][actions], "'@SUM(1+1)");
    assert_eq!(&rows[1][evidence], "'+44 1234, \"quoted\"\nsecond line");
    assert_eq!(&rows[1][actions], "'-2+3");
}

/// Every example that has goldens is checked against them (blessing writes goldens for every
/// example, so a new example is taken in by blessing once).
#[test]
fn markdown_and_csv_reports_match_their_goldens() {
    let bless = std::env::var("CAREPATH_BLESS").is_ok_and(|v| v == "1");
    let dir = root().join("cli/tests/golden");
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for example in examples() {
        let name = stem(&example);
        if !bless && !dir.join(format!("{name}.md")).exists() && !dir.join(format!("{name}.csv")).exists() {
            continue;
        }
        checked.push(name.clone());
        for (format, ext) in [("md", "md"), ("csv", "csv")] {
            let out = ok(&["report", arg(&example), "--format", format]);
            failures.extend(golden(&format!("{name}.{ext}"), &out));
        }
    }
    // Both editions: the 2016 examples (edition 1.0.0) and every 2024 example (edition 2.0.0).
    let mut required = vec!["northbrook-2016".to_owned(), "eastmere-2016".to_owned(), "vale-of-ashby-2016".to_owned()];
    required.extend(examples().iter().map(|e| stem(e)).filter(|n| n.ends_with("-2024")));
    assert!(required.len() >= 11, "the 2024 examples are found: {required:?}");
    for name in &required {
        assert!(checked.iter().any(|c| c == name), "no goldens for {name}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn markdown_report_keeps_line_breaks_inside_list_items_only() {
    let dir = scratch("md-lines");
    let mut value = json(&example("northbrook-2016.json"));
    value["area"]["name"] = serde_json::json!("North\nbrook | *x*");
    value["ratings"]["T1.4"]["evidence"] =
        serde_json::json!("First line\r\nSecond line\n- not a list\n\nNew paragraph");
    value["ratings"]["T1.4"]["actions"] = serde_json::json!("Agree:\n1. owner\n---");
    let file = dir.join("lines.json");
    std::fs::write(&file, serde_json::to_string(&value).unwrap()).unwrap();
    let md = ok(&["report", arg(&file), "--format", "md"]);
    let lines: Vec<&str> = md.lines().collect();

    // The heading stays on one line, with the markup escaped.
    assert_eq!(lines[0], "# Perinatal mental health pathway standards (2016 edition): North brook \\| \\*x\\*");
    // Where to act first comes before the themes and lists five gaps.
    let first = lines.iter().position(|l| *l == "## Where to act first").expect("where to act first");
    let themes = lines.iter().position(|l| *l == "## Themes").unwrap();
    assert!(first < themes);
    let items =
        lines[first..themes].iter().filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(". **"));
    assert_eq!(items.count(), 5);

    // In the gap's nested list item, each line ends with a hard break and goes on indented
    // to the item's content; the blank line starts a paragraph inside the item.
    let at = lines.iter().position(|l| l.trim_start().starts_with("- Evidence: First line")).expect("evidence");
    let pad = lines[at].len() - lines[at].trim_start().len();
    let inner = " ".repeat(pad + 2);
    assert!(lines[at].ends_with("First line\\"), "{}", lines[at]);
    assert_eq!(lines[at + 1], format!("{inner}Second line\\"));
    assert_eq!(lines[at + 2], format!("{inner}\\- not a list"));
    assert_eq!(lines[at + 3], "");
    assert_eq!(lines[at + 4], format!("{inner}New paragraph"));
    let actions = lines.iter().position(|l| l.trim_start().starts_with("- Actions: Agree:")).unwrap();
    assert_eq!(lines[actions + 1], format!("{inner}1\\. owner\\"));
    assert_eq!(lines[actions + 2], format!("{inner}\\---"));
    // The gap's own line is an ordered item whose nested list is indented past its marker.
    let item = lines[..at].iter().rposition(|l| l.starts_with(|c: char| c.is_ascii_digit())).unwrap();
    let marker = lines[item].find(' ').unwrap() + 1;
    assert!(pad >= marker, "nested under `{}`", lines[item]);
    // No raw line break gets into a table row.
    assert!(lines.iter().filter(|l| l.starts_with('|')).all(|l| l.ends_with('|')));
}

#[test]
fn report_to_a_file_and_bad_input() {
    let dir = scratch("report-file");
    let out = dir.join("report.html");
    let example = example("northbrook-2016.json");
    let run = carepath(&["report", arg(&example), "--format", "html", "-o", arg(&out)]);
    assert!(run.status.success());
    assert!(run.stdout.is_empty());
    assert!(std::fs::read_to_string(&out).unwrap().contains("</html>"));
    let missing = carepath(&["report", "no-such-file.json", "--format", "html"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no-such-file.json"));
}

/// Renders the report in headless Chromium through `cli/scripts/render-report.sh` and checks
/// that the picture is a real page: the right size, many colours, and the lights' colours
/// present (the charts were drawn).
#[test]
fn html_report_renders_in_headless_chromium() {
    let out_dir = root().join("artifacts");
    if !render("render-report.sh", &[&example("northbrook-2016.json"), &out_dir]) {
        return;
    }
    let pixels = pixels(&out_dir.join("report.png"), (1280, 2400));
    assert_drawn(
        "report.png",
        &pixels,
        &[("amber bars", [0xf2, 0xb3, 0x3d], 2000), ("the red theme", [0xc0, 0x39, 0x2b], 200)],
    );
}
