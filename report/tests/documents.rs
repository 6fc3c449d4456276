//! The documents of every answer, in every format: pages with no script, the one CSV layout
//! read back by an independent CSV reader, the consensus pages, the notebook fragment.

use std::path::{Path, PathBuf};

use carepath::{Assessment, Catalogue};
use carepath_report::{Document, Editions, Format};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../standards/examples")
}

fn load(path: &Path) -> Assessment {
    Assessment::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn raters() -> Vec<Assessment> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(examples().join("consensus")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|p| load(p)).collect()
}

/// Rows of a CSV text, read by the `csv` crate.
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn formats_read_from_their_names() {
    assert_eq!("html".parse::<Format>().unwrap(), Format::Html);
    assert_eq!("MD".parse::<Format>().unwrap(), Format::Markdown);
    assert_eq!("csv".parse::<Format>().unwrap().to_string(), "csv");
    assert!("pdf".parse::<Format>().unwrap_err().to_string().contains("`pdf`"));
}

#[test]
fn consensus_has_every_format() {
    let raters = raters();
    let catalogue = Catalogue::bundled_for(&raters[0].catalogue).unwrap();
    let (_, consensus) = carepath::consensus(&raters, &catalogue, carepath::DEFAULT_DISAGREEMENT).unwrap();
    let doc = Document::consensus(&catalogue, &consensus);
    let page = doc.html();
    assert!(page.starts_with("<!DOCTYPE html>") && !page.to_lowercase().contains("<script"));
    for rater in &consensus.raters {
        assert!(page.contains(&format!("<li>{rater}</li>")), "{rater}");
    }
    for id in &consensus.disagreements {
        assert!(page.contains(&format!(r#"data-standard="{id}""#)));
    }
    let md = doc.markdown();
    assert!(md.starts_with("# Consensus of 3 raters"));
    let (header, rows) = read_csv(&doc.csv());
    assert_eq!(&header[..3], ["kind", "id", "title"]);
    assert_eq!(&header[9..], consensus.raters.as_slice());
    assert_eq!(rows.len(), consensus.standards.len());
    let disagreement = header.iter().position(|h| h == "disagreement").unwrap();
    let flagged: Vec<&str> = rows.iter().filter(|r| r[disagreement] == "true").map(|r| r[1].as_str()).collect();
    let expected: Vec<&str> = consensus.disagreements.iter().map(|id| id.as_str()).collect();
    assert_eq!(flagged, expected);
}

#[test]
fn comparison_and_benchmark_csv_follow_the_core() {
    let (old, new) = (load(&examples().join("northbrook-2016.json")), load(&examples().join("northbrook-2024.json")));
    let now = Catalogue::bundled_for(&new.catalogue).unwrap();
    let then = carepath::earlier_edition(&now, &old).unwrap();
    let comparison = carepath::compare(&old, &new, &now).unwrap();
    let (header, rows) = read_csv(&Document::comparison(Editions { now: &now, then: &then }, &comparison).csv());
    let direction = header.iter().position(|h| h == "direction").unwrap();
    let themes: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "theme").collect();
    assert_eq!(themes.len(), comparison.themes.len());
    for (row, theme) in themes.iter().zip(&comparison.themes) {
        assert_eq!(row[direction], theme.direction.as_str(), "{}", theme.id);
    }
    let standards = rows.iter().filter(|r| r[0] == "standard").count();
    assert_eq!(standards, comparison.standards.len());

    let mut areas: Vec<PathBuf> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-2024.json"))
        .collect();
    areas.sort();
    let areas: Vec<Assessment> = areas.iter().map(|p| load(p)).collect();
    let edition = Catalogue::bundled_for(&areas[0].catalogue).unwrap();
    let benchmark = carepath::benchmark(&areas, &edition, carepath::DEFAULT_MIN_GROUP).unwrap();
    let (header, rows) = read_csv(&Document::benchmark(&edition, &benchmark).csv());
    let area = header.iter().position(|h| h == "area").unwrap();
    let listed: Vec<&str> = rows.iter().filter(|r| r[0] == "area").map(|r| r[area].as_str()).collect();
    let given: Vec<&str> = benchmark.positions.iter().map(|p| p.area.name.as_str()).collect();
    assert_eq!(listed, given, "areas in the order given, never ranked");
}

#[test]
fn the_fragment_is_the_page_body_with_a_scoped_stylesheet() {
    let a = load(&examples().join("northbrook-2024.json"));
    let catalogue = Catalogue::bundled_for(&a.catalogue).unwrap();
    let report = catalogue.score(&a).unwrap();
    let doc = Document::report(&catalogue, &a, &report);
    let fragment = doc.html_fragment();
    assert!(fragment.starts_with(r#"<div class="carepath-doc">"#));
    assert!(!fragment.contains("<html") && !fragment.contains("<body"));
    let style = fragment.split("<style>").nth(1).unwrap().split("</style>").next().unwrap();
    // Every rule is inside the fragment's element: no selector reaches the host page.
    for rule in style.split('}').map(str::trim).filter(|r| r.contains('{')) {
        let selectors = rule.split('{').next().unwrap().trim();
        if selectors.starts_with('@') {
            continue;
        }
        for selector in selectors.split(',') {
            assert!(selector.trim().starts_with(".carepath-doc"), "unscoped selector `{selector}`");
        }
    }
    let page = doc.html();
    let body = page.split("<body>\n").nth(1).unwrap().rsplit("</body>").nth(1).unwrap();
    assert!(fragment.contains(body));
}
