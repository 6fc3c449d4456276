//! The equity lens and the evidence summary of the assessment report (HTML and Markdown): each
//! population group's scores by theme beside everyone's, the equity gaps in rank order, and
//! what the ratings rest on. Shown only when the report has groups, or when the assessment
//! states an evidence level or date; neither ever changes a score.

use std::fmt::Write;

use carepath::{BandId, EvidenceSummary, GroupId, GroupScore};

use super::assessment::View;
use super::html::{pill, section};
use super::markdown::escape as md;
use super::svg::{self, HeatCell, escape, tone};
use super::{light, score};

/// A group's title: the catalogue's, else the assessment's local group's, else its id.
fn title(v: &View<'_>, id: &GroupId) -> String {
    v.cat
        .group(id.as_str())
        .map(|g| g.title.clone())
        .or_else(|| v.assessment.groups.iter().find(|g| g.id == *id).map(|g| g.title.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// The title of a standard, or nothing when the catalogue lacks it.
fn standard_title<'a>(v: &View<'a>, id: &str) -> &'a str {
    v.cat.standard(id).map_or("", |(_, s)| s.title.as_str())
}

/// The evidence summary, when the assessment says anything of its evidence.
fn stated<'a>(v: &View<'a>) -> Option<&'a EvidenceSummary> {
    v.report.evidence.as_ref().filter(|e| {
        let b = &e.by_level;
        b.none + b.self_reported + b.documented + b.audited + b.external > 0 || !e.stale.is_empty()
    })
}

/// A score and its light.
type Cell<'a> = (Option<f64>, Option<&'a BandId>);

/// The rows of the groups-by-themes table: everyone first, then each group; each row the
/// overall score and the theme scores.
fn rows<'a>(v: &View<'a>) -> Vec<(String, Vec<Cell<'a>>)> {
    let r = v.report;
    let everyone = std::iter::once((r.overall.score, r.overall.light.as_ref()))
        .chain(r.themes.iter().map(|t| (t.score, t.light.as_ref())))
        .collect();
    let of = |g: &'a GroupScore| (g.score, g.light.as_ref());
    let groups = r.overall.groups.iter().enumerate().map(|(i, g)| {
        let cells = std::iter::once(of(g)).chain(r.themes.iter().map(|t| of(&t.groups[i]))).collect();
        (title(v, &g.id), cells)
    });
    std::iter::once(("Everyone".to_owned(), everyone)).chain(groups).collect()
}

/// An evidence level as people say it.
fn words(level: carepath::EvidenceLevel) -> &'static str {
    match level {
        carepath::EvidenceLevel::None => "none",
        carepath::EvidenceLevel::SelfReported => "self-reported",
        carepath::EvidenceLevel::Documented => "documented",
        carepath::EvidenceLevel::Audited => "audited",
        carepath::EvidenceLevel::External => "external review",
    }
}

/// How many evidence levels, in order, with their words.
fn levels(e: &EvidenceSummary) -> [(&'static str, usize); 6] {
    let b = &e.by_level;
    [
        ("None", b.none),
        ("Self-reported", b.self_reported),
        ("Documented", b.documented),
        ("Audited", b.audited),
        ("External review", b.external),
        ("Not stated", b.unstated),
    ]
}

pub(crate) fn html(w: &mut String, v: &View<'_>) {
    let (cat, r) = (v.cat, v.report);
    if !r.overall.groups.is_empty() {
        let rows = rows(v);
        let columns: Vec<(String, String)> = std::iter::once(("Overall".to_owned(), "Overall".to_owned()))
            .chain(r.themes.iter().map(|t| (t.id.to_string(), format!("{} {}", t.id, t.title))))
            .collect();
        let cell = |(value, band): (Option<f64>, Option<&BandId>)| HeatCell {
            value,
            tone: tone(value.and(band).map(BandId::as_str)),
            word: if value.is_some() { light(cat, band) } else { "no score".to_owned() },
        };
        let cells: Vec<Vec<HeatCell>> =
            rows.iter().map(|(_, cells)| cells.iter().copied().map(cell).collect()).collect();
        let names: Vec<String> = rows.iter().map(|(name, _)| name.clone()).collect();
        section(w, "card", "equity", "equity-h", "Equity: the groups a pathway can fail");
        let _ = writeln!(
            w,
            r#"<p class="lead">Each row after the first is a population group: its scores use the partnership's rating of a standard for the group where it gave one, and the standard's own rating elsewhere. The first row is everyone.</p>"#
        );
        let intro = format!(
            "Overall and theme scores of everyone and of each population group, on a scale of {} to {}.",
            cat.scale.min, cat.scale.max
        );
        let _ = writeln!(
            w,
            r#"<figure class="wide">{}</figure>"#,
            svg::heatmap("group-heatmap", "Groups by theme (heatmap)", &intro, &names, &columns, &cells)
        );
        let _ = write!(
            w,
            r#"<table class="numbers" id="group-table"><caption>Groups by theme in numbers</caption><thead><tr><th>Group</th><th class="num">Overall</th>"#
        );
        for t in &r.themes {
            let _ = write!(
                w,
                r#"<th class="num"><abbr title="{}">{}</abbr></th>"#,
                escape(&t.title),
                escape(t.id.as_str())
            );
        }
        let _ = writeln!(w, "</tr></thead><tbody>");
        for (name, cells) in &rows {
            let _ = write!(w, "<tr><td>{}</td>", escape(name));
            for (value, band) in cells {
                let _ = write!(
                    w,
                    r#"<td class="num">{} <span class="small">{}</span></td>"#,
                    score(*value),
                    escape(&light(cat, *band))
                );
            }
            let _ = writeln!(w, "</tr>");
        }
        let _ = writeln!(w, "</tbody></table>");
        let _ = writeln!(w, r#"<h3 id="equity-gaps-h">Equity gaps</h3>"#);
        if r.equity_gaps.is_empty() {
            let _ = writeln!(w, "<p>No group is rated below a standard's own rating.</p>");
        } else {
            let _ = writeln!(
                w,
                r#"<p class="lead">Standards that serve a group worse than everyone, largest first: the difference between the two ratings times the standard's priority weight.</p>"#
            );
            let _ = writeln!(
                w,
                r#"<table id="equity-gap-table" aria-labelledby="equity-gaps-h"><thead><tr><th class="num">#</th><th>Standard</th><th>Group</th><th class="num">Everyone</th><th class="num">The group</th><th>Priority</th><th class="num">Weighted</th></tr></thead><tbody>"#
            );
            for (i, g) in r.equity_gaps.iter().enumerate() {
                let _ = writeln!(
                    w,
                    r#"<tr data-standard="{id}" data-group="{group}"><td class="num">{}</td><td><b>{id}</b> {}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td><span class="priority priority-{p}">{p}</span></td><td class="num">{} &#215; {} = <b>{}</b></td></tr>"#,
                    i + 1,
                    escape(standard_title(v, g.id.as_str())),
                    escape(&title(v, &g.group)),
                    g.rating,
                    g.group_rating,
                    g.weight,
                    g.difference,
                    g.weighted_difference,
                    id = escape(g.id.as_str()),
                    group = escape(g.group.as_str()),
                    p = g.priority.as_str(),
                );
            }
            let _ = writeln!(w, "</tbody></table>");
        }
        let _ = writeln!(w, "</section>");
    }
    if let Some(e) = stated(v) {
        section(w, "card", "evidence", "evidence-h", "What the ratings rest on");
        let _ = writeln!(
            w,
            r#"<p class="lead">The evidence level of each of the {} scored standards. None of this changes a score: it says how far each can be trusted.</p>"#,
            r.overall.rated
        );
        let _ = writeln!(
            w,
            r#"<table class="numbers" id="evidence-table"><caption>Scored standards by evidence level</caption><thead><tr><th>Evidence</th><th class="num">Standards</th></tr></thead><tbody>"#
        );
        for (word, n) in levels(e) {
            let _ = writeln!(w, r#"<tr><td>{word}</td><td class="num">{n}</td></tr>"#);
        }
        let _ = writeln!(w, "</tbody></table>");
        let list = |w: &mut String, heading: &str, id: &str, ids: &[carepath::StandardId]| {
            let _ = writeln!(w, r#"<h3 id="{id}-h">{heading}</h3>"#);
            if ids.is_empty() {
                let _ = writeln!(w, "<p>None.</p>");
                return;
            }
            let _ = writeln!(w, r#"<ul class="plain" id="{id}" aria-labelledby="{id}-h">"#);
            for s in ids {
                let scored = r.standard(s.as_str());
                let entry = v.assessment.entry(s.as_str());
                let level = entry.and_then(|e| e.evidence_level).map_or("not stated", |l| words(l));
                let date = entry.and_then(|e| e.evidence_date).map_or_else(String::new, |d| format!(", of {d}"));
                let _ = writeln!(
                    w,
                    r#"<li><b>{} {}</b> {} <span class="small">evidence: {level}{date}</span></li>"#,
                    escape(s.as_str()),
                    escape(standard_title(v, s.as_str())),
                    pill(cat, scored.and_then(|x| x.light.as_ref()))
                );
            }
            let _ = writeln!(w, "</ul>");
        };
        list(w, "Strengths resting on self-report or nothing", "unsupported-strengths", &e.unsupported_strengths);
        list(w, &format!("Evidence older than {} months", e.max_age_months), "stale-evidence", &e.stale);
        let _ = writeln!(w, "</section>");
    }
}

pub(crate) fn markdown(w: &mut String, v: &View<'_>) {
    let (cat, r) = (v.cat, v.report);
    if !r.overall.groups.is_empty() {
        let _ = writeln!(w, "\n## Equity: the groups a pathway can fail\n");
        let _ = writeln!(
            w,
            "A group's scores use the partnership's rating of a standard for the group where it gave one, and the standard's own rating elsewhere.\n"
        );
        let _ = write!(w, "| Group | Overall |");
        for t in &r.themes {
            let _ = write!(w, " {} |", md(t.id.as_str()));
        }
        let _ = write!(w, "\n| --- | ---: |");
        for _ in &r.themes {
            let _ = write!(w, " ---: |");
        }
        let _ = writeln!(w);
        for (name, cells) in rows(v) {
            let _ = write!(w, "| {} |", md(&name));
            for (value, band) in cells {
                let _ = write!(w, " {} {} |", score(value), md(&light(cat, band)));
            }
            let _ = writeln!(w);
        }
        let _ = writeln!(w, "\n### Equity gaps\n");
        if r.equity_gaps.is_empty() {
            let _ = writeln!(w, "No group is rated below a standard's own rating.");
        }
        for (i, g) in r.equity_gaps.iter().enumerate() {
            let _ = writeln!(
                w,
                "{}. **{} {}**, {}: {} for the group against {} for everyone ({}, {} x {} = {})",
                i + 1,
                md(g.id.as_str()),
                md(standard_title(v, g.id.as_str())),
                md(&title(v, &g.group)),
                g.group_rating,
                g.rating,
                g.priority.as_str(),
                g.weight,
                g.difference,
                g.weighted_difference
            );
        }
    }
    if let Some(e) = stated(v) {
        let _ = writeln!(w, "\n## What the ratings rest on\n");
        let _ = writeln!(w, "| Evidence | Scored standards |\n| --- | ---: |");
        for (word, n) in levels(e) {
            let _ = writeln!(w, "| {word} | {n} |");
        }
        let ids = |list: &[carepath::StandardId]| {
            if list.is_empty() {
                "none".to_owned()
            } else {
                list.iter().map(|s| md(s.as_str())).collect::<Vec<_>>().join(", ")
            }
        };
        let _ = writeln!(w, "\n- **Strengths resting on self-report or nothing:** {}", ids(&e.unsupported_strengths));
        let _ = writeln!(w, "- **Evidence older than {} months:** {}", e.max_age_months, ids(&e.stale));
    }
}

/// A group's score as a benchmark cell: the median with the middle half, or withheld.
fn spread_cell(d: &carepath::Distribution) -> String {
    if d.withheld {
        "withheld".to_owned()
    } else {
        format!("{} ({}\u{2013}{})", score(d.median), score(d.q1), score(d.q3))
    }
}

/// A change as a cell: then → now, and the difference when both exist.
fn change_cell(old: Option<f64>, new: Option<f64>, change: Option<f64>) -> String {
    match change {
        Some(c) => format!("{} \u{2192} {} ({})", score(old), score(new), super::signed(c)),
        None => format!("{} \u{2192} {}", score(old), score(new)),
    }
}

/// The benchmark's groups: each group's median and middle half across the areas that declare
/// it, overall and per theme (figures withheld below `min_group` areas; never ranked).
pub(crate) fn benchmark_html(w: &mut String, cat: &carepath::Catalogue, b: &carepath::Benchmark) {
    if b.groups.is_empty() {
        return;
    }
    section(w, "card", "groups", "groups-h", "Population groups across the areas");
    let _ = writeln!(
        w,
        r#"<p class="lead">Each group's median score, with the middle half of the areas in brackets, across the areas that declare the group; figures of fewer than {} areas are withheld. Groups are not ranked.</p>"#,
        b.min_group
    );
    let _ = write!(
        w,
        r#"<table class="numbers" id="group-spread-table"><thead><tr><th>Group</th><th class="num">Areas</th><th class="num">Overall</th>"#
    );
    for t in &cat.themes {
        let _ =
            write!(w, r#"<th class="num"><abbr title="{}">{}</abbr></th>"#, escape(&t.title), escape(t.id.as_str()));
    }
    let _ = writeln!(w, "</tr></thead><tbody>");
    for g in &b.groups {
        let _ = write!(
            w,
            r#"<tr data-group="{}"><td>{}</td><td class="num">{}</td><td class="num">{}</td>"#,
            escape(g.id.as_str()),
            escape(&g.title),
            g.areas,
            escape(&spread_cell(&g.overall))
        );
        for t in &g.themes {
            let _ = write!(w, r#"<td class="num">{}</td>"#, escape(&spread_cell(&t.distribution)));
        }
        let _ = writeln!(w, "</tr>");
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

pub(crate) fn benchmark_markdown(w: &mut String, cat: &carepath::Catalogue, b: &carepath::Benchmark) {
    if b.groups.is_empty() {
        return;
    }
    let _ = writeln!(w, "\n## Population groups across the areas\n");
    let _ = writeln!(
        w,
        "Each group's median score (the middle half of the areas in brackets) across the areas that declare it; figures of fewer than {} areas are withheld. Groups are not ranked.\n",
        b.min_group
    );
    let _ = write!(w, "| Group | Areas | Overall |");
    for t in &cat.themes {
        let _ = write!(w, " {} |", md(t.id.as_str()));
    }
    let _ = write!(w, "\n| --- | ---: | ---: |");
    for _ in &cat.themes {
        let _ = write!(w, " ---: |");
    }
    let _ = writeln!(w);
    for g in &b.groups {
        let _ = write!(w, "| {} | {} | {} |", md(&g.title), g.areas, md(&spread_cell(&g.overall)));
        for t in &g.themes {
            let _ = write!(w, " {} |", md(&spread_cell(&t.distribution)));
        }
        let _ = writeln!(w);
    }
}

/// The comparison's groups: each group's overall and theme scores then and now.
pub(crate) fn comparison_html(w: &mut String, c: &carepath::Comparison) {
    if c.groups.is_empty() {
        return;
    }
    section(w, "card", "groups", "groups-h", "Population groups then and now");
    let _ = writeln!(
        w,
        r#"<p class="lead">Each group's score then and now: its rating of a standard where the partnership gave one, the standard's own rating elsewhere.</p>"#
    );
    let _ = write!(
        w,
        r#"<table class="numbers" id="group-change-table"><thead><tr><th>Group</th><th class="num">Overall</th>"#
    );
    for t in &c.themes {
        let _ =
            write!(w, r#"<th class="num"><abbr title="{}">{}</abbr></th>"#, escape(&t.title), escape(t.id.as_str()));
    }
    let _ = writeln!(w, "</tr></thead><tbody>");
    for g in &c.groups {
        let o = &g.overall;
        let _ = write!(
            w,
            r#"<tr data-group="{}"><td>{}</td><td class="num">{}</td>"#,
            escape(g.id.as_str()),
            escape(&g.title),
            escape(&change_cell(o.old, o.new, o.change))
        );
        for t in &g.themes {
            let _ = write!(w, r#"<td class="num">{}</td>"#, escape(&change_cell(t.old, t.new, t.change)));
        }
        let _ = writeln!(w, "</tr>");
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

pub(crate) fn comparison_markdown(w: &mut String, c: &carepath::Comparison) {
    if c.groups.is_empty() {
        return;
    }
    let _ = writeln!(w, "\n## Population groups then and now\n");
    let _ = write!(w, "| Group | Overall |");
    for t in &c.themes {
        let _ = write!(w, " {} |", md(t.id.as_str()));
    }
    let _ = write!(w, "\n| --- | ---: |");
    for _ in &c.themes {
        let _ = write!(w, " ---: |");
    }
    let _ = writeln!(w);
    for g in &c.groups {
        let o = &g.overall;
        let _ = write!(w, "| {} | {} |", md(&g.title), md(&change_cell(o.old, o.new, o.change)));
        for t in &g.themes {
            let _ = write!(w, " {} |", md(&change_cell(t.old, t.new, t.change)));
        }
        let _ = writeln!(w);
    }
}
