//! The comparison and benchmark pages (`compare`/`benchmark --format html`), parsed with an
//! HTML5 parser and checked against the library's own answers (every chart's values and text
//! alternative, the lists and tables), their escaping of hostile text, their Markdown against
//! goldens, and both pages rendered in headless Chromium.
//!
//! Regenerate the Markdown goldens after an intended change with
//! `CAREPATH_BLESS=1 cargo test -p carepath-cli --test reports_evolve`.

mod common;

use std::path::{Path, PathBuf};

use carepath::{Benchmark, Catalogue, Comparison, Direction};
use common::page::{assert_drawn, assert_self_contained, attr, pixels, render, select, select_in, text};
use common::{arg, close, edition, example, examples_2024, golden, json, ok, root, scratch};
use scraper::Html;

fn compare(old: &Path, new: &Path, format: &str) -> String {
    ok(&["compare", arg(old), arg(new), "--format", format])
}

fn benchmark(files: &[PathBuf], extra: &[&str], format: &str) -> String {
    let mut args = vec!["benchmark", "--format", format];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(|f| arg(f)));
    ok(&args)
}

/// The words the change chart gives a change (as `svg::Change::note`).
fn change_note(old: Option<f64>, new: Option<f64>) -> String {
    let show = |v: Option<f64>| v.map_or_else(|| "no score".to_owned(), |v| format!("{v:.1}"));
    match (old, new) {
        (Some(o), Some(n)) => {
            let d = n - o;
            // The library's rule of direction, which the table beside the chart follows too.
            let word = match carepath::Direction::of(old, new) {
                carepath::Direction::Improved => "up",
                carepath::Direction::Worsened => "down",
                _ => "no change",
            };
            // One decimal, or the few more it takes for a change up or down to show.
            let places = if d.abs() <= carepath::EDGE_TOLERANCE {
                1
            } else {
                (1..=3).find(|&p| (d.abs() * 10f64.powi(p)).round() >= 1.0).unwrap_or(3)
            };
            let d = if places == 1 && d.abs() < 0.05 { 0.0 } else { d };
            format!("{} \u{2192} {} ({d:+.places$}, {word})", show(old), show(new), places = places as usize)
        }
        _ => format!("{} \u{2192} {} (no comparison)", show(old), show(new)),
    }
}

#[test]
fn compare_page_charts_state_every_change_and_the_lists_follow_the_library() {
    let (old, new) = (example("northbrook-2016.json"), example("northbrook-2024.json"));
    let c: Comparison = serde_json::from_str(&compare(&old, &new, "json")).unwrap();
    let catalogue = edition("2.0.0");
    let page = compare(&old, &new, "html");
    let doc = assert_self_contained("compare", &page);
    assert!(text(&select(&doc, "h1")[0]).contains("Northbrook"));
    let meta = text(&select(&doc, ".masthead .meta")[0]);
    assert!(meta.contains("2016-11-30 (edition 1.0.0)") && meta.contains("2024-11-13 (edition 2.0.0)"), "{meta}");

    // Overall then and now, with the change's word.
    let then = select(&doc, "#overall .then .big")[0];
    let now = select(&doc, "#overall .now .big")[0];
    assert!(close(attr(&then, "data-value").parse().unwrap(), c.overall.old.unwrap()));
    assert!(close(attr(&now, "data-value").parse().unwrap(), c.overall.new.unwrap()));
    assert!(text(&select(&doc, "#overall .move")[0]).contains("improved"));
    // How much was comparable, and what migration did.
    let summary = text(&select(&doc, "#summary")[0]);
    assert!(
        summary.contains(&format!("{} of the {} standards", c.comparable.standards, c.comparable.total)),
        "{summary}"
    );
    let m = c.migration.as_ref().expect("the 2016 assessment was migrated");
    let migrated = text(&select(&doc, "#migrated")[0]);
    assert!(migrated.contains(&format!("{} of them flagged for review", m.to_review().len())), "{migrated}");
    assert!(migrated.contains(&format!("{} archived", m.archived())), "{migrated}");
    assert_eq!(select(&doc, "#review li").len(), m.to_review().len());
    assert_eq!(select(&doc, "#archived li").len(), m.archived());

    // One change chart per kind of theme: a mark per item with the change as its value, and
    // the text alternative stating each item's scores then and now.
    for (chart, table, rows) in [
        (
            "theme-change",
            "theme-table",
            c.themes.iter().map(|t| (format!("{} {}", t.id, t.title), t.old, t.new, t.change)).collect::<Vec<_>>(),
        ),
        (
            "cross-change",
            "cross-table",
            c.cross_cutting.iter().map(|x| (x.title.clone(), x.old, x.new, x.change)).collect(),
        ),
    ] {
        let marks = select(&doc, &format!("svg#{chart} g.change"));
        assert_eq!(marks.len(), rows.len(), "{chart}: a mark per item");
        let desc = text(&select(&doc, &format!("svg#{chart} > desc"))[0]);
        for ((label, before, after, change), mark) in rows.iter().zip(&marks) {
            assert_eq!(attr(mark, "data-label"), label);
            match change {
                Some(d) => assert!(close(attr(mark, "data-value").parse().unwrap(), *d), "{label}"),
                None => assert_eq!(attr(mark, "data-value"), ""),
            }
            let said = format!("{label}: {}", change_note(*before, *after));
            assert!(desc.contains(&said), "{chart} desc lacks `{said}`: {desc}");
        }
        // The same numbers in a table.
        let trs = select(&doc, &format!("#{table} tbody tr[data-change]"));
        assert_eq!(trs.len(), rows.len());
        for ((_, before, after, _), tr) in rows.iter().zip(&trs) {
            let cells: Vec<String> = select_in(tr, "td").iter().map(text).collect();
            for (cell, value) in [(&cells[1], before), (&cells[2], after)] {
                let shown = value.map_or("no score".to_owned(), |v| format!("{v:.1}"));
                assert!(cell.starts_with(&shown), "{cell} vs {shown}");
            }
        }
    }

    // The standards lists, with titles from the catalogue.
    let ids =
        |css: &str| -> Vec<String> { select(&doc, css).iter().map(|r| attr(r, "data-standard").to_owned()).collect() };
    let of = |d: Direction| c.standards.iter().filter(move |s| s.direction == d);
    let mut improved: Vec<_> = of(Direction::Improved).collect();
    improved.sort_by_key(|s| std::cmp::Reverse(s.change));
    let expected: Vec<String> = improved.iter().take(10).map(|s| s.id.to_string()).collect();
    assert_eq!(ids("#improved tbody tr"), expected, "most improved, largest first");
    let mut worsened: Vec<_> = of(Direction::Worsened).collect();
    worsened.sort_by_key(|s| s.change);
    assert_eq!(ids("#worsened tbody tr"), worsened.iter().map(|s| s.id.to_string()).collect::<Vec<_>>());
    assert_eq!(ids("#newly-rated tbody tr"), of(Direction::NewlyRated).map(|s| s.id.to_string()).collect::<Vec<_>>());
    assert_eq!(
        ids("#no-longer-rated tbody tr"),
        of(Direction::NoLongerRated).map(|s| s.id.to_string()).collect::<Vec<_>>()
    );
    for row in select(&doc, "#standards tbody tr") {
        let id = attr(&row, "data-standard");
        let (_, standard) = catalogue.standard(id).unwrap();
        assert!(text(&row).contains(&standard.title), "{id}: title shown");
    }
    for s in &worsened {
        let row = select(&doc, &format!("#worsened tr[data-standard='{}']", s.id))[0];
        assert_eq!(attr(&row, "data-change"), s.change.unwrap().to_string());
    }
}

#[test]
fn compare_page_in_one_edition_has_no_migration_and_draws_falls() {
    let dir = scratch("compare-same-edition");
    let source = example("northbrook-2024.json");
    let mut later = json(&source);
    later["assessed_on"] = serde_json::json!("2025-11-12");
    // Every scored standard of T2 falls to 0: the theme falls, and so does its light.
    let catalogue = edition("2.0.0");
    for s in &catalogue.theme("T2").unwrap().standards {
        if later["ratings"][s.id.as_str()]["rating"].is_number() {
            later["ratings"][s.id.as_str()]["rating"] = serde_json::json!(0);
        }
    }
    let new = dir.join("later.json");
    std::fs::write(&new, serde_json::to_string(&later).unwrap()).unwrap();
    let c: Comparison = serde_json::from_str(&compare(&source, &new, "json")).unwrap();
    assert!(c.migration.is_none());
    let doc = assert_self_contained("compare", &compare(&source, &new, "html"));
    assert!(select(&doc, "#migration").is_empty() && select(&doc, "#migrated").is_empty());
    let t2 = c.themes.iter().find(|t| t.id == "T2").unwrap();
    assert_eq!(t2.direction, Direction::Worsened);
    let mark = select(&doc, "svg#theme-change g.change[data-label^='T2 ']")[0];
    assert!(close(attr(&mark, "data-value").parse().unwrap(), t2.change.unwrap()));
    assert!(mark.html().contains("fill=\"#b35806\""), "a fall is drawn in the fall colour");
    assert!(text(&select(&doc, "#largest")[0]).contains("Fell most: T2 "));
    assert!(text(&select(&doc, "#relit")[0]).contains("T2 "), "T2 changed light");
    let worsened = select(&doc, "#worsened tbody tr");
    assert_eq!(worsened.len(), c.standards.iter().filter(|s| s.direction == Direction::Worsened).count());
    assert!(!worsened.is_empty());
}

/// An area name and catalogue text that would run script if they were not escaped.
const EVIL: &str = r#"<script>alert("x")</script><img src=x onerror=alert(1)> & "q" 'a'"#;

fn hostile(source: &Path, dir: &Path, name: &str, date: Option<&str>) -> PathBuf {
    let mut value = json(source);
    value["area"]["name"] = serde_json::json!(name);
    if let Some(date) = date {
        value["assessed_on"] = serde_json::json!(date);
    }
    let file = dir.join(format!("{}.json", source.file_stem().unwrap().to_string_lossy()));
    std::fs::write(&file, serde_json::to_string(&value).unwrap()).unwrap();
    file
}

/// The bundled 2.0.0 catalogue with hostile theme and standard titles, as a file.
fn hostile_catalogue(dir: &Path) -> PathBuf {
    let mut value: serde_json::Value = serde_json::from_str(&edition("2.0.0").to_json()).unwrap();
    value["themes"][0]["title"] = serde_json::json!(format!("Theme {EVIL}"));
    value["themes"][0]["standards"][0]["title"] = serde_json::json!(format!("Standard {EVIL}"));
    value["cross_cutting"][0]["title"] = serde_json::json!(format!("Tag {EVIL}"));
    let file = dir.join("catalogue.json");
    std::fs::write(&file, serde_json::to_string(&value).unwrap()).unwrap();
    file
}

fn assert_inert(page: &str, doc: &Html) {
    assert_eq!(select(doc, "script").len(), 0);
    assert_eq!(select(doc, "img").len(), 0);
    assert!(!page.contains("<script>") && !page.contains("<img"), "raw markup in the page");
    // The text survives as text, in the charts' text alternatives too.
    let alternatives: String = select(doc, "svg > desc").iter().map(text).collect();
    assert!(alternatives.contains(EVIL), "hostile text kept as text in the charts' descriptions");
}

#[test]
fn compare_page_escapes_hostile_area_names_and_catalogue_text() {
    let dir = scratch("compare-escape");
    let old = hostile(&example("northbrook-2024.json"), &dir, EVIL, None);
    let later_dir = dir.join("later");
    std::fs::create_dir_all(&later_dir).unwrap();
    let new = hostile(&example("northbrook-2024.json"), &later_dir, EVIL, Some("2025-06-01"));
    let catalogue = hostile_catalogue(&dir);
    let page = ok(&["compare", arg(&old), arg(&new), "--catalogue", arg(&catalogue), "--format", "html"]);
    let doc = assert_self_contained("compare", &page);
    assert_inert(&page, &doc);
    assert!(text(&select(&doc, "h1")[0]).contains(EVIL));
    assert!(text(&select(&doc, "head > title")[0]).contains(EVIL));
    assert_eq!(attr(&select(&doc, "svg#theme-change g.change")[0], "data-label"), format!("T1 Theme {EVIL}"));
    let md = ok(&["compare", arg(&old), arg(&new), "--catalogue", arg(&catalogue), "--format", "md"]);
    assert_markdown_inert(&md);
}

#[test]
fn benchmark_page_heatmap_and_spread_follow_the_library() {
    let files = examples_2024();
    let b: Benchmark = serde_json::from_str(&benchmark(&files, &[], "json")).unwrap();
    let catalogue = edition("2.0.0");
    let page = benchmark(&files, &[], "html");
    let doc = assert_self_contained("benchmark", &page);
    assert!(text(&select(&doc, "h1")[0]).contains(&format!("{} areas", b.areas)));

    // Areas by name, never ranked: the list, the heatmap rows and the table follow the
    // library's order (alphabetical).
    let names: Vec<String> = b.positions.iter().map(|p| p.area.name.clone()).collect();
    let listed: Vec<String> =
        select(&doc, "#area-list li b").iter().map(text).map(|t| t.split(" (").next().unwrap().to_owned()).collect();
    assert_eq!(listed, names);
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    let rows: Vec<String> =
        select(&doc, "#area-table tbody tr").iter().map(|r| attr(r, "data-area").to_owned()).collect();
    assert_eq!(rows, names);

    // The heatmap: a cell per area and column (overall, then each theme) holding the area's
    // score; its text alternative gives every score with its light's word.
    let cells = select(&doc, "svg#area-heatmap g.cell");
    assert_eq!(cells.len(), b.positions.len() * (b.themes.len() + 1));
    let desc = text(&select(&doc, "svg#area-heatmap > desc")[0]);
    let word = |light: Option<&carepath::BandId>| super_light(&catalogue, light);
    for (r, p) in b.positions.iter().enumerate() {
        let scores: Vec<(String, Option<f64>, Option<&carepath::BandId>)> =
            std::iter::once(("Overall".to_owned(), p.overall.score, p.overall.light.as_ref()))
                .chain(
                    p.themes
                        .iter()
                        .zip(&b.themes)
                        .map(|(t, th)| (format!("{} {}", th.id, th.title), t.score, t.light.as_ref())),
                )
                .collect();
        let mut said = Vec::new();
        for (k, (column, score, light)) in scores.iter().enumerate() {
            let cell = cells[r * scores.len() + k];
            assert_eq!(attr(&cell, "data-row"), p.area.name);
            assert_eq!(attr(&cell, "data-column"), column);
            let shown = score.map(|s| format!("{s:.1}")).unwrap_or_else(|| "\u{2013}".into());
            assert!(close(attr(&cell, "data-value").parse().unwrap(), score.unwrap()));
            assert!(text(&cell).contains(&shown) && text(&cell).contains(&word(*light)), "{}", cell.html());
            said.push(format!("{column} {shown} {}", word(*light)));
        }
        let line = format!("{}: {}", p.area.name, said.join(", "));
        assert!(desc.contains(&line), "heatmap desc lacks `{line}`");
    }

    // The spread per theme: dots at every area's score, and the library's lowest, median and
    // highest in the text alternative and the table.
    let spreads = select(&doc, "svg#theme-spread g.spread");
    assert_eq!(spreads.len(), b.themes.len() + 1);
    let desc = text(&select(&doc, "svg#theme-spread > desc")[0]);
    let items: Vec<(String, &carepath::Distribution, Vec<f64>)> = std::iter::once((
        "Overall".to_owned(),
        &b.overall,
        b.positions.iter().filter_map(|p| p.overall.score).collect(),
    ))
    .chain(b.themes.iter().enumerate().map(|(k, t)| {
        (
            format!("{} {}", t.id, t.title),
            &t.distribution,
            b.positions.iter().filter_map(|p| p.themes[k].score).collect(),
        )
    }))
    .collect();
    let table = select(&doc, "#theme-spread-table tbody tr");
    assert_eq!(table.len(), items.len());
    for (((label, d, scores), g), tr) in items.iter().zip(&spreads).zip(&table) {
        assert_eq!(attr(g, "data-label"), label);
        let drawn: Vec<f64> = attr(g, "data-values").split_whitespace().map(|v| v.parse().unwrap()).collect();
        assert_eq!(drawn.len(), scores.len());
        assert!(drawn.iter().zip(scores).all(|(a, b)| close(*a, *b)));
        assert_eq!(select_in(g, "circle").len(), scores.len());
        let said = format!(
            "{label}: lowest {:.1}, median {:.1}, highest {:.1} ({} scored)",
            d.min.unwrap(),
            d.median.unwrap(),
            d.max.unwrap(),
            d.count
        );
        assert!(desc.contains(&said), "spread desc lacks `{said}`");
        assert!(close(attr(tr, "data-median").parse().unwrap(), d.median.unwrap()));
        let cells: Vec<String> = select_in(tr, "td").iter().map(text).collect();
        assert_eq!(cells[1], d.count.to_string());
        assert_eq!(cells[2], format!("{:.1}", d.min.unwrap()));
        assert_eq!(cells[3], format!("{:.1}", d.q1.unwrap()));
        assert!(cells[4].starts_with(&format!("{:.1}", d.median.unwrap())));
        assert_eq!(cells[5], format!("{:.1}", d.q3.unwrap()));
        assert_eq!(cells[6], format!("{:.1}", d.max.unwrap()));
    }
    assert_eq!(select(&doc, "#cross-spread-table tbody tr").len(), b.cross_cutting.len());

    // The rule is stated, and the standards withheld under it are shown as withheld.
    let rule = text(&select(&doc, "#rule")[0]);
    assert!(rule.contains(&format!("fewer than {} areas are withheld", b.min_group)), "{rule}");
    let withheld: Vec<&str> = b.standards.iter().filter(|s| s.distribution.withheld).map(|s| s.id.as_str()).collect();
    let shown: Vec<String> =
        select(&doc, "#withheld-standards li").iter().map(|l| attr(l, "data-standard").to_owned()).collect();
    assert_eq!(shown, withheld);
    for li in select(&doc, "#withheld-standards li") {
        assert!(text(&li).contains("withheld: only"), "{}", text(&li));
    }
    // Quarters in the area table are the library's.
    for (tr, p) in select(&doc, "#area-table tbody tr").iter().zip(&b.positions) {
        let cells: Vec<String> = select_in(tr, "td").iter().map(text).collect();
        assert!(cells[1].ends_with(&format!("quarter {}", p.overall.quarter.unwrap())), "{}", cells[1]);
        for (cell, t) in cells[2..].iter().zip(&p.themes) {
            assert!(cell.ends_with(&format!("quarter {}", t.quarter.unwrap())), "{cell}");
        }
    }
}

/// Every `<` of the hostile text is backslash-escaped, so no Markdown renderer makes it a tag.
fn assert_markdown_inert(md: &str) {
    assert!(md.contains("\\<script\\>alert(\"x\")\\</script\\>\\<img src=x onerror=alert(1)\\>"), "{md}");
    for (i, _) in md.match_indices('<') {
        assert!(
            i > 0 && md.as_bytes()[i - 1] == b'\\',
            "an unescaped `<` at byte {i}: {}",
            &md[i.saturating_sub(20)..]
        );
    }
}

/// The word of a light, as the pages print it.
fn super_light(catalogue: &Catalogue, light: Option<&carepath::BandId>) -> String {
    light.map_or("no score".to_owned(), |id| {
        catalogue.scale.bands.iter().find(|b| b.id == *id).map(|b| b.label.clone()).unwrap_or_default()
    })
}

#[test]
fn benchmark_page_withholds_every_figure_of_a_small_group() {
    let files = examples_2024();
    let page = benchmark(&files, &["--min-group", "20"], "html");
    let doc = assert_self_contained("benchmark", &page);
    for g in select(&doc, "svg#theme-spread g.spread") {
        assert_eq!(attr(&g, "data-values"), "", "no value given away");
        assert!(select_in(&g, "circle").is_empty());
        assert!(text(&g).contains("withheld: only 8 areas scored it (fewer than 20)"));
    }
    assert_eq!(select(&doc, "#theme-spread-table tbody tr.withheld-row").len(), 8);
    assert_eq!(select(&doc, "#theme-spread-table tbody tr[data-median]").len(), 0);
    assert_eq!(attr(&select(&doc, "#overall .big")[0], "data-value"), "");
    assert!(text(&select(&doc, "#overall")[0]).contains("withheld"));
    let areas = text(&select(&doc, "#area-table")[0]);
    assert!(areas.contains("quarter withheld") && !areas.contains("quarter 1"), "no quarter is given");
    assert!(text(&select(&doc, "#rule")[0]).contains("all 7 themes"));
}

#[test]
fn benchmark_page_escapes_hostile_area_names_and_catalogue_text() {
    let dir = scratch("benchmark-escape");
    let files: Vec<PathBuf> =
        examples_2024().iter().enumerate().map(|(i, f)| hostile(f, &dir, &format!("{EVIL} {i}"), None)).collect();
    let catalogue = hostile_catalogue(&dir);
    let mut args = vec!["benchmark", "--catalogue", arg(&catalogue), "--format", "html"];
    args.extend(files.iter().map(|f| arg(f)));
    let page = ok(&args);
    let doc = assert_self_contained("benchmark", &page);
    assert_inert(&page, &doc);
    let row = select(&doc, "svg#area-heatmap g.cell")[0];
    assert_eq!(attr(&row, "data-row"), format!("{EVIL} 0"));
    assert!(text(&select(&doc, "#area-list")[0]).contains(&format!("{EVIL} 0")));
    assert!(text(&select(&doc, "#area-heatmap")[0]).contains(&format!("T1 Theme {EVIL}")));
    args[4] = "md";
    let md = ok(&args);
    assert_markdown_inert(&md);
}

#[test]
fn compare_and_benchmark_markdown_match_their_goldens() {
    let mut failures = Vec::new();
    let c = compare(&example("northbrook-2016.json"), &example("northbrook-2024.json"), "md");
    failures.extend(golden("compare-northbrook-2016-2024.md", &c));
    let b = benchmark(&examples_2024(), &[], "md");
    failures.extend(golden("benchmark-2024.md", &b));
    let withheld = benchmark(&examples_2024(), &["--min-group", "9"], "md");
    failures.extend(golden("benchmark-2024-min-group-9.md", &withheld));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Tables only where there are tables: every table row is closed on its own line.
    for md in [&c, &b, &withheld] {
        assert!(md.lines().filter(|l| l.starts_with('|')).all(|l| l.ends_with('|')));
    }
}

/// Renders both pages in headless Chromium through `cli/scripts/render-pages.sh` and checks
/// that each picture is a real page: its size, many colours, and the colours of its charts.
#[test]
fn compare_and_benchmark_pages_render_in_headless_chromium() {
    let out_dir = root().join("artifacts");
    if !render("render-pages.sh", &[&out_dir]) {
        return;
    }
    let compare = pixels(&out_dir.join("compare.png"), (1280, 6400));
    assert_drawn(
        "compare.png",
        &compare,
        &[("rise blue", [0x2b, 0x6c, 0xb0], 3000), ("amber", [0xf2, 0xb3, 0x3d], 2000)],
    );
    let benchmark = pixels(&out_dir.join("benchmark.png"), (1280, 5200));
    assert_drawn(
        "benchmark.png",
        &benchmark,
        &[
            ("red", [0xc0, 0x39, 0x2b], 5000),
            ("amber", [0xf2, 0xb3, 0x3d], 20_000),
            ("green", [0x00, 0x7f, 0x65], 10_000),
        ],
    );
}
