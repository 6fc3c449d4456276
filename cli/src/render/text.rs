//! The readable summary `carepath score` prints: overall, themes with lights, top gaps,
//! strengths and unknowns.

use std::fmt::Write;

use carepath::{Catalogue, Report};

use super::{area, light, percent, score, title};

/// How many gaps the summary lists; the Markdown report lists them all.
const TOP_GAPS: usize = 10;

pub(crate) fn summary(catalogue: &Catalogue, report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{} - assessed {}", area(&report.area), report.assessed_on);
    let _ = writeln!(w, "{} {} ({})", catalogue.title, catalogue.version, catalogue.id);
    let _ = writeln!(w);
    let o = &report.overall;
    let _ = writeln!(
        w,
        "Overall  {}  {}  ({} of {} standards scored)",
        score(o.score),
        light(catalogue, o.light.as_ref()),
        o.rated,
        o.total
    );

    let width =
        report.themes.iter().map(|t| t.title.chars().count() + t.id.as_str().len() + 2).max().unwrap_or(0).max(20);
    let _ = writeln!(w, "\nThemes");
    let _ = writeln!(w, "  {:<width$}  score  light     scored  complete", "");
    for t in &report.themes {
        let name = format!("{}  {}", t.id, t.title);
        let _ = writeln!(
            w,
            "  {name:<width$}  {:>5}  {:<8}  {:>6}  {:>8}",
            score(t.score),
            light(catalogue, t.light.as_ref()),
            format!("{}/{}", t.rated, t.total),
            percent(t.completeness)
        );
    }

    if !report.cross_cutting.is_empty() {
        let width = report.cross_cutting.iter().map(|c| c.title.chars().count()).max().unwrap_or(0).max(20);
        let _ = writeln!(w, "\nCross-cutting themes");
        for c in &report.cross_cutting {
            let _ = writeln!(
                w,
                "  {:<width$}  {:>5}  {:<8}  {:>6}",
                c.title,
                score(c.score),
                light(catalogue, c.light.as_ref()),
                format!("{}/{}", c.rated, c.total)
            );
        }
    }

    let _ = writeln!(w, "\nTop gaps (priority x shortfall)");
    if report.gaps.is_empty() {
        let _ = writeln!(w, "  none: every scored standard is in the top band");
    }
    for (i, g) in report.gaps.iter().take(TOP_GAPS).enumerate() {
        let _ = writeln!(
            w,
            "  {:>2}. {:<6} {}  [rated {}, {}, {} x {} = {}]",
            i + 1,
            g.id.as_str(),
            title(catalogue, g.id.as_str()),
            g.rating,
            g.priority.as_str(),
            g.weight,
            g.shortfall,
            g.weighted_shortfall
        );
    }
    if report.gaps.len() > TOP_GAPS {
        let _ = writeln!(w, "  ... and {} more (see `carepath report`)", report.gaps.len() - TOP_GAPS);
    }

    list(w, "Strengths", catalogue, &report.strengths);
    list(w, "Unknowns (nobody knew)", catalogue, &report.unknowns);
    out
}

fn list(w: &mut String, heading: &str, catalogue: &Catalogue, ids: &[carepath::StandardId]) {
    let _ = writeln!(w, "\n{heading}: {}", ids.len());
    for id in ids {
        let _ = writeln!(w, "  {:<6} {}", id.as_str(), title(catalogue, id.as_str()));
    }
}
