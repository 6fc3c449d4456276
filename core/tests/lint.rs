//! Every bundled edition is linted, and every finding is either fixed or written down as an
//! exception, with its reason, in the catalogue's README (the table under "Lint exceptions").
//! An exception that no longer matches any finding fails too, so the table stays true.

use std::path::PathBuf;

use carepath::{Catalogue, bundled_catalogues};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The rows `| edition | standard or source | code | reason |` of the README's exception table.
fn exceptions(id: &str) -> Vec<[String; 4]> {
    let text = std::fs::read_to_string(root().join("standards").join(id).join("README.md")).unwrap();
    let start = text.find("### Lint exceptions").expect("the README has a `### Lint exceptions` section");
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| edition"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<String> =
                l.trim_matches('|').split('|').map(|c| c.trim().trim_matches('`').to_owned()).collect();
            assert_eq!(cells.len(), 4, "an exception row has four cells: {l}");
            assert!(cells[3].len() > 20, "an exception gives a real reason: {l}");
            [cells[0].clone(), cells[1].clone(), cells[2].clone(), cells[3].clone()]
        })
        .collect()
}

#[test]
fn every_bundled_edition_is_linted_and_every_finding_is_an_exception_written_down() {
    let mut used = std::collections::HashSet::new();
    let mut unexplained = Vec::new();
    let ids: std::collections::BTreeSet<String> = bundled_catalogues().iter().map(|r| r.id.to_string()).collect();
    for id in &ids {
        let rows = exceptions(id);
        for r in bundled_catalogues().iter().filter(|r| r.id.as_str() == id) {
            let c = Catalogue::bundled(id, Some(&r.version.to_string())).unwrap();
            for f in c.lint() {
                // What a row may name: the standard, or the source (a source finding, or the
                // source a citation without a reference cites).
                let mut about = Vec::new();
                if let Some(s) = &f.standard {
                    about.push(s.to_string());
                }
                let parts: Vec<&str> = f.path.split('/').collect();
                if parts.get(1) == Some(&"sources") {
                    about.push(c.sources[parts[2].parse::<usize>().unwrap()].id.to_string());
                } else if f.code == "no_reference" {
                    let (t, s, n): (usize, usize, usize) =
                        (parts[2].parse().unwrap(), parts[4].parse().unwrap(), parts[6].parse().unwrap());
                    about.push(c.themes[t].standards[s].sources[n].source.to_string());
                }
                let hit = rows.iter().position(|[e, a, code, _]| {
                    *e == r.version.to_string() && (a == "*" || about.contains(a)) && (code == "*" || code == f.code)
                });
                match hit {
                    Some(i) => {
                        used.insert((id.clone(), i));
                    }
                    None => unexplained.push(format!(
                        "| {} | {} | {} | {} |",
                        r.version,
                        about.last().unwrap(),
                        f.code,
                        f.message
                    )),
                }
            }
        }
        for (i, row) in rows.iter().enumerate() {
            assert!(used.contains(&(id.clone(), i)), "{id}: the exception {row:?} matches no finding; remove it");
        }
    }
    assert!(unexplained.is_empty(), "lint findings with no exception in the README:\n{}", unexplained.join("\n"));
}

#[test]
fn lint_finds_what_the_issue_found_in_the_2024_edition() {
    let c = Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap();
    let found = c.lint();
    let has =
        |code: &str, id: &str| found.iter().any(|f| f.code == code && f.standard.as_ref().is_some_and(|s| s == id));
    assert!(has("vague_time", "T2.3"), "\"within a few weeks\"");
    assert!(has("vague_time", "T7.7"), "\"kept short\"");
    for id in ["T1.8", "T7.2", "T7.7", "T5.9"] {
        assert!(has("compound", id), "{id} joins several requirements");
    }
    assert!(has("no_reference", "T3.2"), "CG192 without a number");
    assert!(found.iter().any(|f| f.code == "text_without_review"), "2.0.0 reworded kept standards without review");
}
