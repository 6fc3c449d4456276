//! One CSV layout for every document: a header row, then one row per item, each row saying what
//! it is in its first column (`kind`: `overall`, `theme`, `cross_cutting`, `standard`, `group`, `gap`, `equity_gap`,
//! `area`, ...), then `id`, `title` and the item's figures. Every document's rows share these
//! rules, so a spreadsheet or a script reads them the same way:
//!
//! - Quoting follows RFC 4180: a cell holding `"`, `,`, a carriage return or a line feed is
//!   quoted, with `"` doubled; rows end with CRLF, the last one too.
//! - A score is a number with no rounding; a rating is the number, `not_applicable`,
//!   `unknown`, or empty when unrated; a light is the catalogue's word for its band (such as
//!   `Amber`); an empty cell means "none".
//! - **Formula injection guard:** a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//!   carriage return would be run as a formula by spreadsheet programs, so it is written with a
//!   single quote (`'`) in front, which spreadsheets show as text. Plain numbers (such as `-1`)
//!   are left alone.

use std::borrow::Cow;
use std::fmt::Write;

use carepath::{Assessment, Benchmark, Catalogue, Comparison, Consensus, Distribution, Rating, Report};

use super::assessment::{GapLine, ThemeLines, View, priority};
use super::change::GroupRow;
use super::{light, title};
use crate::Editions;

/// Guards a cell against formula injection (see the module documentation).
pub(crate) fn guard(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}").into() } else { cell.into() }
}

/// A cell as RFC 4180 writes it, guarded.
fn cell(text: &str) -> Cow<'_, str> {
    let guarded = guard(text);
    if guarded.contains(['"', ',', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\"")).into()
    } else {
        guarded
    }
}

/// A CSV document being written: every row has the header's columns.
struct Table {
    out: String,
    columns: usize,
}

impl Table {
    fn new(columns: &[&str]) -> Self {
        let mut table = Self { out: String::new(), columns: columns.len() };
        table.row(columns.iter().map(|c| (*c).to_owned()).collect());
        table
    }

    /// Appends a row; missing cells are empty.
    fn row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.columns, String::new());
        let line: Vec<Cow<'_, str>> = cells.iter().map(|c| cell(c)).collect();
        let _ = write!(self.out, "{}\r\n", line.join(","));
    }

    fn finish(self) -> String {
        self.out
    }
}

fn num(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn rating(value: Option<Rating>) -> String {
    value.map(|r| r.to_string()).unwrap_or_default()
}

fn score_of(value: Option<Rating>) -> String {
    match value {
        Some(Rating::Score(v)) => v.to_string(),
        _ => String::new(),
    }
}

fn band(catalogue: &Catalogue, band: Option<&carepath::BandId>) -> String {
    if band.is_some() { light(catalogue, band) } else { String::new() }
}

/// A group's title: the catalogue's, else the assessment's local group's, else its id.
fn group_title(catalogue: &Catalogue, assessment: &Assessment, id: &carepath::GroupId) -> String {
    catalogue
        .group(id.as_str())
        .map(|g| g.title.clone())
        .or_else(|| assessment.groups.iter().find(|g| g.id == *id).map(|g| g.title.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// The columns of the assessment report.
pub(crate) const REPORT_COLUMNS: [&str; 30] = [
    "kind",
    "id",
    "title",
    "theme",
    "rating",
    "score",
    "light",
    "rated",
    "total",
    "completeness",
    "priority",
    "shortfall",
    "weighted_shortfall",
    "rank",
    "confidence",
    "evidence",
    "actions",
    "target",
    "to_target",
    "standards",
    "owner",
    "due",
    "status",
    "overdue",
    "group",
    "group_rating",
    "difference",
    "weighted_difference",
    "evidence_level",
    "evidence_date",
];

/// The column of a field of the assessment report, by name (the layout is [`REPORT_COLUMNS`]).
fn at(name: &str) -> usize {
    REPORT_COLUMNS.iter().position(|c| *c == name).unwrap_or(REPORT_COLUMNS.len())
}

/// Puts `value` in the named column of `row` (widening the row as needed).
fn put(row: &mut Vec<String>, name: &str, value: String) {
    let i = at(name);
    if row.len() <= i {
        row.resize(i + 1, String::new());
    }
    row[i] = value;
}

/// The assessment report: the overall score, each theme, each cross-cutting theme, each
/// standard (with its rating, evidence, confidence and actions) and each gap in rank order.
pub(crate) fn report(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> String {
    let mut t = Table::new(&REPORT_COLUMNS);
    let o = &report.overall;
    t.row(vec![
        "overall".into(),
        String::new(),
        catalogue.title.clone(),
        String::new(),
        String::new(),
        num(o.score),
        band(catalogue, o.light.as_ref()),
        o.rated.to_string(),
        o.total.to_string(),
    ]);
    for theme in &report.themes {
        t.row(vec![
            "theme".into(),
            theme.id.to_string(),
            theme.title.clone(),
            String::new(),
            String::new(),
            num(theme.score),
            band(catalogue, theme.light.as_ref()),
            theme.rated.to_string(),
            theme.total.to_string(),
            theme.completeness.to_string(),
        ]);
    }
    for x in &report.cross_cutting {
        t.row(vec![
            "cross_cutting".into(),
            x.id.to_string(),
            x.title.clone(),
            String::new(),
            String::new(),
            num(x.score),
            band(catalogue, x.light.as_ref()),
            x.rated.to_string(),
            x.total.to_string(),
        ]);
    }
    let v = View::new(catalogue, assessment, report);
    let target = |id: &str| {
        report.standard(id).map_or((String::new(), String::new()), |s| {
            (
                s.target.map(|t| t.to_string()).unwrap_or_default(),
                s.to_target.map(|t| t.to_string()).unwrap_or_default(),
            )
        })
    };
    // Each group's overall and theme scores, after the themes' own.
    for (i, g) in o.groups.iter().enumerate() {
        let name = group_title(catalogue, assessment, &g.id);
        let scopes =
            std::iter::once((String::new(), g)).chain(report.themes.iter().map(|t| (t.id.to_string(), &t.groups[i])));
        for (theme, s) in scopes {
            let mut row = vec![
                "group".into(),
                g.id.to_string(),
                name.clone(),
                theme,
                String::new(),
                num(s.score),
                band(catalogue, s.light.as_ref()),
                s.rated.to_string(),
            ];
            put(&mut row, "group", g.id.to_string());
            t.row(row);
        }
    }
    for ThemeLines { theme, standards } in &v.themes {
        for s in standards {
            let (aim, to_go) = target(s.id);
            let entry = assessment.entry(s.id);
            let mut row = vec![
                "standard".into(),
                s.id.to_owned(),
                s.title.to_owned(),
                theme.id.to_string(),
                rating(s.rating),
                score_of(s.rating),
                band(catalogue, s.light),
                String::new(),
                String::new(),
                String::new(),
                priority(s).to_owned(),
                String::new(),
                String::new(),
                String::new(),
                s.notes.and_then(|n| n.confidence).map(|c| c.as_str().to_owned()).unwrap_or_default(),
                s.notes.and_then(|n| n.evidence).unwrap_or("").to_owned(),
                s.notes.and_then(|n| n.actions).unwrap_or("").to_owned(),
                aim,
                to_go,
            ];
            put(
                &mut row,
                "evidence_level",
                entry.and_then(|e| e.evidence_level).map(|l| l.as_str().to_owned()).unwrap_or_default(),
            );
            put(
                &mut row,
                "evidence_date",
                entry.and_then(|e| e.evidence_date).map(|d| d.to_string()).unwrap_or_default(),
            );
            t.row(row);
        }
    }
    for (rank, GapLine { line, gap }) in v.gaps.iter().enumerate() {
        t.row(vec![
            "gap".into(),
            gap.id.to_string(),
            line.title.to_owned(),
            gap.theme.to_string(),
            gap.rating.to_string(),
            gap.rating.to_string(),
            band(catalogue, line.light),
            String::new(),
            String::new(),
            String::new(),
            gap.priority.as_str().to_owned(),
            gap.shortfall.to_string(),
            gap.weighted_shortfall.to_string(),
            (rank + 1).to_string(),
        ]);
    }
    // The equity gaps in rank order: the standard's own rating in `rating`, the group's beside it.
    for (rank, g) in report.equity_gaps.iter().enumerate() {
        let mut row = vec![
            "equity_gap".into(),
            g.id.to_string(),
            title(catalogue, g.id.as_str()).to_owned(),
            g.theme.to_string(),
            g.rating.to_string(),
            g.rating.to_string(),
        ];
        put(&mut row, "priority", g.priority.as_str().to_owned());
        put(&mut row, "rank", (rank + 1).to_string());
        put(&mut row, "group", g.group.to_string());
        put(&mut row, "group_rating", g.group_rating.to_string());
        put(&mut row, "difference", g.difference.to_string());
        put(&mut row, "weighted_difference", g.weighted_difference.to_string());
        t.row(row);
    }
    // The plan: one row per action (its notes in `evidence`), after the gaps.
    if let Some(plan) = &v.plan {
        for a in &plan.actions {
            let x = a.action;
            let mut row = vec!["action".into(), x.id.to_string(), x.title.clone()];
            row.resize(15, String::new());
            row.push(x.notes.clone().unwrap_or_default());
            row.resize(19, String::new());
            row.extend([
                x.standards.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "),
                x.owner.clone().unwrap_or_default(),
                x.due.map(|d| d.to_string()).unwrap_or_default(),
                x.status.as_str().to_owned(),
                a.overdue.to_string(),
            ]);
            t.row(row);
        }
    }
    t.finish()
}

/// The columns of the comparison.
pub(crate) const COMPARISON_COLUMNS: [&str; 10] =
    ["kind", "id", "title", "theme", "old", "new", "old_light", "new_light", "change", "direction"];

/// A row of the overall score, a theme or a cross-cutting theme: then, now, the lights, the
/// change and its direction.
fn change_row(kind: &str, r: &GroupRow<'_>, editions: Editions<'_>) -> Vec<String> {
    vec![
        kind.into(),
        r.id.into(),
        r.title.into(),
        String::new(),
        num(r.old),
        num(r.new),
        band(editions.then, r.old_light),
        band(editions.now, r.new_light),
        num(r.change),
        r.direction.as_str().to_owned(),
    ]
}

/// The comparison over time: overall, each theme, each cross-cutting theme and each standard
/// rated in either assessment, with both values, the change and its direction (the core's rule).
pub(crate) fn comparison(editions: Editions<'_>, c: &Comparison) -> String {
    let mut t = Table::new(&COMPARISON_COLUMNS);
    t.row(change_row("overall", &GroupRow::overall(&c.overall, &editions.now.title), editions));
    for theme in &c.themes {
        t.row(change_row("theme", &GroupRow::theme(theme), editions));
    }
    for x in &c.cross_cutting {
        t.row(change_row("cross_cutting", &GroupRow::cross_cutting(x), editions));
    }
    for s in &c.standards {
        t.row(vec![
            "standard".into(),
            s.id.to_string(),
            title(editions.now, s.id.as_str()).to_owned(),
            s.theme.to_string(),
            rating(s.old),
            rating(s.new),
            String::new(),
            String::new(),
            s.change.map(|v| v.to_string()).unwrap_or_default(),
            s.direction.as_str().to_owned(),
        ]);
    }
    t.finish()
}

/// The columns of the benchmark.
pub(crate) const BENCHMARK_COLUMNS: [&str; 15] = [
    "kind",
    "id",
    "title",
    "theme",
    "area",
    "assessed_on",
    "count",
    "withheld",
    "min",
    "q1",
    "median",
    "q3",
    "max",
    "score",
    "quarter",
];

fn spread_row(kind: &str, id: &str, title: &str, theme: &str, d: &Distribution) -> Vec<String> {
    vec![
        kind.into(),
        id.into(),
        title.into(),
        theme.into(),
        String::new(),
        String::new(),
        d.count.to_string(),
        d.withheld.to_string(),
        num(d.min),
        num(d.q1),
        num(d.median),
        num(d.q3),
        num(d.max),
    ]
}

/// The benchmark across areas: the spread overall, per theme, per cross-cutting theme and per
/// standard (figures withheld below the small-group limit stay empty), then each area's overall
/// and theme scores with their quarters (`area` and `area_theme` rows). Areas are listed in the
/// order given, never ranked.
pub(crate) fn benchmark(catalogue: &Catalogue, b: &Benchmark) -> String {
    let mut t = Table::new(&BENCHMARK_COLUMNS);
    t.row(spread_row("overall", "", &catalogue.title, "", &b.overall));
    for g in &b.themes {
        t.row(spread_row("theme", g.id.as_str(), &g.title, "", &g.distribution));
    }
    for g in &b.cross_cutting {
        t.row(spread_row("cross_cutting", g.id.as_str(), &g.title, "", &g.distribution));
    }
    for s in &b.standards {
        t.row(spread_row(
            "standard",
            s.id.as_str(),
            title(catalogue, s.id.as_str()),
            s.theme.as_str(),
            &s.distribution,
        ));
    }
    for p in &b.positions {
        let position = |kind: &str, id: &str, title: &str, score: Option<f64>, quarter: Option<u8>| {
            let mut row = vec![
                kind.to_owned(),
                id.to_owned(),
                title.to_owned(),
                String::new(),
                p.area.name.clone(),
                p.assessed_on.to_string(),
            ];
            row.resize(13, String::new());
            row.push(num(score));
            row.push(quarter.map(|q| q.to_string()).unwrap_or_default());
            row
        };
        t.row(position("area", "", &catalogue.title, p.overall.score, p.overall.quarter));
        for theme in &p.themes {
            let name = catalogue.theme(theme.id.as_str()).map_or("", |th| th.title.as_str());
            t.row(position("area_theme", theme.id.as_str(), name, theme.score, theme.quarter));
        }
    }
    t.finish()
}

/// The consensus of raters: a row per standard with the combined rating, how many raters scored
/// it, the spread, whether it is a disagreement to discuss or of mixed applicability, and then
/// one column per rater (headed by the rater's name) with that rater's rating.
pub(crate) fn consensus(catalogue: &Catalogue, c: &Consensus) -> String {
    let mut columns =
        vec!["kind", "id", "title", "theme", "combined", "scored", "spread", "disagreement", "mixed_applicability"];
    columns.extend(c.raters.iter().map(String::as_str));
    let mut t = Table::new(&columns);
    for s in &c.standards {
        let mut row = vec![
            "standard".to_owned(),
            s.id.to_string(),
            title(catalogue, s.id.as_str()).to_owned(),
            s.theme.to_string(),
            rating(s.combined),
            s.scored.to_string(),
            s.spread.map(|v| v.to_string()).unwrap_or_default(),
            s.disagreement.to_string(),
            c.mixed_applicability.contains(&s.id).to_string(),
        ];
        row.extend(s.ratings.iter().map(|r| rating(*r)));
        t.row(row);
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::{cell, guard};

    #[test]
    fn guards_formula_starts_but_not_numbers() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("+1+1"), "'+1+1");
        assert_eq!(guard("-2+3"), "'-2+3");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tcmd"), "'\tcmd");
        assert_eq!(guard("-1"), "-1");
        assert_eq!(guard("plain = text"), "plain = text");
        assert_eq!(guard(""), "");
    }

    #[test]
    fn quotes_as_rfc_4180_says() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=1+\"x\""), "\"'=1+\"\"x\"\"\"");
    }
}
