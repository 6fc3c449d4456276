//! The consensus of raters as a page: who rated, where they are far apart (to discuss), where
//! some scored a standard and others said it does not apply, and the combined rating of every
//! standard beside each rater's. The HTML and Markdown pages share one view.

use std::fmt::Write;

use carepath::{Catalogue, Consensus, Rating, StandardConsensus};

use super::html::{close_page, figure, open_page, section};
use super::markdown::escape as md;
use super::svg::escape;
use super::{area, rating, title};

/// What both pages show.
struct View<'a> {
    c: &'a Consensus,
    disagreements: Vec<&'a StandardConsensus>,
    mixed: Vec<&'a StandardConsensus>,
    combined: usize,
}

impl<'a> View<'a> {
    fn new(c: &'a Consensus) -> Self {
        Self {
            c,
            disagreements: c.standards.iter().filter(|s| s.disagreement).collect(),
            mixed: c.standards.iter().filter(|s| c.mixed_applicability.contains(&s.id)).collect(),
            combined: c.standards.iter().filter(|s| s.combined.is_some()).count(),
        }
    }

    fn heading(&self) -> String {
        format!("Consensus of {} raters: {}", self.c.raters.len(), self.c.area.name)
    }

    fn about(&self) -> Vec<String> {
        vec![
            "The combined rating of a standard is the median of the raters' scores; with an even count, the lower of the two middle scores.".to_owned(),
            format!("Scores {} or more points apart are listed to discuss before the combined rating is used.", self.c.threshold),
            "A standard some raters scored and others marked not applicable is listed too: the room should agree whether it applies.".to_owned(),
        ]
    }
}

fn ratings_shown(s: &StandardConsensus) -> String {
    s.ratings.iter().map(|r| r.map_or("\u{2013}".to_owned(), |r| short(Some(r)))).collect::<Vec<_>>().join(", ")
}

/// A rating in a table cell: the number, `N/A`, `?`, or an en dash when unrated.
fn short(value: Option<Rating>) -> String {
    match value {
        Some(Rating::Score(v)) => v.to_string(),
        Some(Rating::NotApplicable) => "N/A".to_owned(),
        Some(Rating::Unknown) => "?".to_owned(),
        None => "\u{2013}".to_owned(),
    }
}

/// The HTML page: self-contained, no script.
pub(crate) fn html(cat: &Catalogue, c: &Consensus) -> String {
    let v = View::new(c);
    let meta = [
        escape(&area(&c.area)),
        format!("Assessed {}", c.assessed_on),
        format!("{} edition {}", escape(&cat.title), escape(&c.catalogue.version.to_string())),
    ];
    let mut out = open_page(&v.heading(), "Consensus of raters", &escape(&v.heading()), &meta);
    let w = &mut out;
    section(w, "card", "summary", "summary-h", "At a glance");
    let _ = writeln!(w, r#"<div class="figures">"#);
    figure(w, c.raters.len(), "raters");
    figure(w, v.disagreements.len(), "to discuss: far apart");
    figure(w, v.mixed.len(), "to discuss: applies or not");
    figure(w, format!("{} of {}", v.combined, c.standards.len()), "standards with a combined rating");
    let _ = writeln!(w, "</div>");
    let _ = writeln!(w, "<h3>Raters</h3><ol>");
    for r in &c.raters {
        let _ = writeln!(w, "<li>{}</li>", escape(r));
    }
    let _ = writeln!(w, "</ol></section>");

    let list = |w: &mut String, id: &str, heading: &str, empty: &str, items: &[&StandardConsensus], spread: bool| {
        section(w, "card", id, &format!("{id}-h"), heading);
        if items.is_empty() {
            let _ = writeln!(w, "<p>{empty}</p></section>");
            return;
        }
        let _ = writeln!(
            w,
            r#"<table id="{id}-table"><thead><tr><th>Standard</th><th>Ratings</th>{}<th>Combined</th></tr></thead><tbody>"#,
            if spread { r#"<th class="num">Spread</th>"# } else { "" }
        );
        for s in items {
            let _ = writeln!(
                w,
                r#"<tr data-standard="{id}"><td><b>{id}</b> {}</td><td>{}</td>{}<td>{}</td></tr>"#,
                escape(title(cat, s.id.as_str())),
                escape(&ratings_shown(s)),
                if spread { format!(r#"<td class="num">{}</td>"#, s.spread.unwrap_or(0)) } else { String::new() },
                escape(&rating(s.combined)),
                id = escape(s.id.as_str()),
            );
        }
        let _ = writeln!(w, "</tbody></table></section>");
    };
    list(
        w,
        "disagreements",
        &format!("To discuss: scores {} or more points apart", c.threshold),
        "No standard has scores this far apart.",
        &v.disagreements,
        true,
    );
    list(
        w,
        "mixed",
        "To discuss: some scored, some said it does not apply",
        "Every standard was either scored by all who rated it or marked not applicable by all.",
        &v.mixed,
        false,
    );

    section(w, "card long", "standards", "standards-h", "Every standard");
    let _ = write!(w, r#"<table id="standards-table"><thead><tr><th>Standard</th>"#);
    for (i, r) in c.raters.iter().enumerate() {
        let _ = write!(w, r#"<th class="num" title="{}">{}</th>"#, escape(r), i + 1);
    }
    let _ = writeln!(w, "<th>Combined</th></tr></thead><tbody>");
    for s in &c.standards {
        let _ = write!(
            w,
            r#"<tr data-standard="{id}"><td><b>{id}</b> {}</td>"#,
            escape(title(cat, s.id.as_str())),
            id = escape(s.id.as_str())
        );
        for r in &s.ratings {
            let _ = write!(w, r#"<td class="num">{}</td>"#, escape(&short(*r)));
        }
        let _ = writeln!(w, "<td>{}</td></tr>", escape(&rating(s.combined)));
    }
    let _ = writeln!(
        w,
        "</tbody></table><p>Columns 1 to {} are the raters, in the order listed above.</p></section>",
        c.raters.len()
    );

    let _ = writeln!(w, r#"<section class="card" id="about" aria-labelledby="about-h">"#);
    let _ = writeln!(w, r#"<h2 id="about-h">How to read this</h2><ul>"#);
    for line in v.about() {
        let _ = writeln!(w, "<li>{}</li>", escape(&line));
    }
    let _ = writeln!(w, "</ul></section>");
    let made_from = format!(
        "the ratings of {} raters for {} on {} against {} edition {}",
        c.raters.len(),
        escape(&c.area.name),
        c.assessed_on,
        escape(c.catalogue.id.as_str()),
        escape(&c.catalogue.version.to_string())
    );
    close_page(w, &made_from, cat, "");
    out
}

/// The Markdown page: the same content, in tables.
pub(crate) fn markdown(cat: &Catalogue, c: &Consensus) -> String {
    let v = View::new(c);
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}\n", md(&v.heading()));
    let _ = writeln!(
        w,
        "{} \u{b7} assessed {} \u{b7} {} edition {}\n",
        md(&area(&c.area)),
        c.assessed_on,
        md(&cat.title),
        c.catalogue.version
    );
    let _ = writeln!(w, "## At a glance\n");
    let _ = writeln!(w, "- Raters: {}", c.raters.len());
    let _ = writeln!(w, "- To discuss, far apart: {}", v.disagreements.len());
    let _ = writeln!(w, "- To discuss, applies or not: {}", v.mixed.len());
    let _ = writeln!(w, "- Standards with a combined rating: {} of {}\n", v.combined, c.standards.len());
    let _ = writeln!(w, "Raters:\n");
    for (i, r) in c.raters.iter().enumerate() {
        let _ = writeln!(w, "{}. {}", i + 1, md(r));
    }
    let _ = writeln!(w);
    let list = |w: &mut String, heading: &str, empty: &str, items: &[&StandardConsensus], spread: bool| {
        let _ = writeln!(w, "## {heading}\n");
        if items.is_empty() {
            let _ = writeln!(w, "{empty}\n");
            return;
        }
        let _ = writeln!(w, "| Standard | Ratings |{} Combined |", if spread { " Spread |" } else { "" });
        let _ = writeln!(w, "| --- | --- |{} --- |", if spread { " ---: |" } else { "" });
        for s in items {
            let _ = writeln!(
                w,
                "| **{}** {} | {} |{} {} |",
                md(s.id.as_str()),
                md(title(cat, s.id.as_str())),
                md(&ratings_shown(s)),
                if spread { format!(" {} |", s.spread.unwrap_or(0)) } else { String::new() },
                md(&rating(s.combined))
            );
        }
        let _ = writeln!(w);
    };
    list(
        w,
        &format!("To discuss: scores {} or more points apart", c.threshold),
        "No standard has scores this far apart.",
        &v.disagreements,
        true,
    );
    list(
        w,
        "To discuss: some scored, some said it does not apply",
        "Every standard was either scored by all who rated it or marked not applicable by all.",
        &v.mixed,
        false,
    );
    let _ = writeln!(w, "## Every standard\n");
    let _ = write!(w, "| Standard |");
    for i in 1..=c.raters.len() {
        let _ = write!(w, " {i} |");
    }
    let _ = writeln!(w, " Combined |");
    let _ = write!(w, "| --- |");
    for _ in &c.raters {
        let _ = write!(w, " ---: |");
    }
    let _ = writeln!(w, " --- |");
    for s in &c.standards {
        let _ = write!(w, "| **{}** {} |", md(s.id.as_str()), md(title(cat, s.id.as_str())));
        for r in &s.ratings {
            let _ = write!(w, " {} |", md(&short(*r)));
        }
        let _ = writeln!(w, " {} |", md(&rating(s.combined)));
    }
    let _ = writeln!(w, "\nColumns 1 to {} are the raters, in the order listed above.\n", c.raters.len());
    let _ = writeln!(w, "## How to read this\n");
    for line in v.about() {
        let _ = writeln!(w, "- {}", md(&line));
    }
    out
}
