//! The benchmark across areas as documents for people: one HTML page with a heatmap of areas by
//! theme and the spread of each theme, and the same content in Markdown for wikis.
//!
//! It is not a league table: areas are listed by name, never ranked, and each area's place is
//! given only as its quarter. Items scored by fewer areas than the benchmark's smallest group
//! are shown as withheld, never with figures. Every string is escaped, every chart has a text
//! alternative and its numbers in a table, and every colour has its word.

use std::fmt::Write;

use carepath::{BandId, Benchmark, Catalogue, Date, Distribution, StandardDistribution};

use super::html::{self, band_words, close_page, figure, open_page, pill, section};
use super::markdown::{self, escape as md};
use super::svg::{self, HeatCell, Spread, escape, tone};
use super::{area, light, score, title};

/// How many standards the "lowest across the areas" list shows.
const WEAKEST: usize = 10;

/// One area's score for an item: `(area name, score, light)`.
type AreaScore<'a> = (&'a str, Option<f64>, Option<&'a BandId>);

/// One described item: the overall score, a theme or a cross-cutting theme.
#[derive(Debug)]
struct Item<'a> {
    /// `Overall`, a theme id or a tag id.
    id: &'a str,
    /// `T1 Strategy, …`, or the cross-cutting theme's title.
    label: String,
    distribution: &'a Distribution,
    /// Each area's score for it (by area name), when the benchmark gives them (overall and
    /// themes); `None` for cross-cutting themes.
    points: Option<Vec<AreaScore<'a>>>,
}

/// Everything the documents show, worked out once.
#[derive(Debug)]
struct View<'a> {
    b: &'a Benchmark,
    cat: &'a Catalogue,
    overall: Item<'a>,
    themes: Vec<Item<'a>>,
    cross: Vec<Item<'a>>,
    /// The first and last dates of the assessments.
    dates: Option<(Date, Date)>,
    /// Standards with the lowest median, lowest first (then catalogue order).
    weakest: Vec<&'a StandardDistribution>,
    /// Standards whose figures are withheld, in catalogue order.
    withheld_standards: Vec<&'a StandardDistribution>,
}

impl<'a> View<'a> {
    fn new(cat: &'a Catalogue, b: &'a Benchmark) -> Self {
        let overall = Item {
            id: "overall",
            label: "Overall".to_owned(),
            distribution: &b.overall,
            points: Some(
                b.positions.iter().map(|p| (p.area.name.as_str(), p.overall.score, p.overall.light.as_ref())).collect(),
            ),
        };
        let themes = b
            .themes
            .iter()
            .enumerate()
            .map(|(k, t)| Item {
                id: t.id.as_str(),
                label: format!("{} {}", t.id, t.title),
                distribution: &t.distribution,
                points: Some(
                    b.positions
                        .iter()
                        .map(|p| {
                            let at = p.themes.get(k);
                            (p.area.name.as_str(), at.and_then(|t| t.score), at.and_then(|t| t.light.as_ref()))
                        })
                        .collect(),
                ),
            })
            .collect();
        let cross = b
            .cross_cutting
            .iter()
            .map(|x| Item { id: x.id.as_str(), label: x.title.clone(), distribution: &x.distribution, points: None })
            .collect();
        let first = b.positions.iter().map(|p| p.assessed_on).min();
        let last = b.positions.iter().map(|p| p.assessed_on).max();
        let mut weakest: Vec<&StandardDistribution> =
            b.standards.iter().filter(|s| !s.distribution.withheld && s.distribution.median.is_some()).collect();
        weakest.sort_by(|a, b| {
            a.distribution.median.unwrap_or(f64::INFINITY).total_cmp(&b.distribution.median.unwrap_or(f64::INFINITY))
        });
        weakest.truncate(WEAKEST);
        View {
            b,
            cat,
            overall,
            themes,
            cross,
            dates: first.zip(last),
            weakest,
            withheld_standards: b.standards.iter().filter(|s| s.distribution.withheld).collect(),
        }
    }

    /// The overall score, themes and cross-cutting themes whose figures are withheld.
    fn withheld(&self) -> impl Iterator<Item = &Item<'a>> {
        std::iter::once(&self.overall).chain(&self.themes).chain(&self.cross).filter(|i| i.distribution.withheld)
    }

    /// `withheld: only 3 areas scored it (fewer than 5)`.
    fn withheld_note(&self, d: &Distribution) -> String {
        format!(
            "withheld: only {} {} scored it (fewer than {})",
            d.count,
            if d.count == 1 { "area" } else { "areas" },
            self.b.min_group
        )
    }

    /// The rule, stated once for both documents.
    fn rule(&self) -> String {
        format!(
            "Figures for any item scored by fewer than {} areas are withheld: its spread is not described and no area is placed in a quarter for it.",
            self.b.min_group
        )
    }

    /// What is withheld here, as a sentence: the items by name when there are few, else counts.
    fn withheld_sentence(&self) -> String {
        let named = |items: &[Item<'a>], one: &str, many: &str| -> Option<String> {
            let held: Vec<&Item<'a>> = items.iter().filter(|i| i.distribution.withheld).collect();
            match held.len() {
                0 => None,
                n if n <= 3 => Some(
                    held.iter()
                        .map(|i| format!("{} ({} scored)", i.label, i.distribution.count))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                n if n == items.len() => Some(format!("all {n} {many}")),
                1 => Some(format!("1 {one}")),
                n => Some(format!("{n} {many}")),
            }
        };
        let mut parts: Vec<String> = Vec::new();
        if self.overall.distribution.withheld {
            parts.push(format!("the overall score ({} scored)", self.overall.distribution.count));
        }
        parts.extend(named(&self.themes, "theme", "themes"));
        parts.extend(named(&self.cross, "cross-cutting theme", "cross-cutting themes"));
        match self.withheld_standards.len() {
            0 => {}
            1 => parts.push("1 standard".to_owned()),
            n if n == self.b.standards.len() => parts.push(format!("all {n} standards")),
            n => parts.push(format!("{n} standards")),
        }
        if parts.is_empty() {
            "Nothing is withheld here.".to_owned()
        } else {
            format!("Withheld here: {}.", parts.join("; "))
        }
    }

    /// `2024-05-01 to 2024-11-13`, or one date.
    fn dates(&self) -> String {
        match self.dates {
            Some((a, b)) if a == b => a.to_string(),
            Some((a, b)) => format!("{a} to {b}"),
            None => String::new(),
        }
    }

    /// The lowest-median, highest-median and widest-spread themes (not withheld).
    fn theme_extremes(&self) -> (Option<&Item<'a>>, Option<&Item<'a>>, Option<&Item<'a>>) {
        let described = || self.themes.iter().filter(|t| !t.distribution.withheld && t.distribution.median.is_some());
        let median = |t: &&Item<'a>| t.distribution.median.unwrap_or(0.0);
        let range = |t: &&Item<'a>| t.distribution.max.unwrap_or(0.0) - t.distribution.min.unwrap_or(0.0);
        (
            described().min_by(|a, b| median(a).total_cmp(&median(b))),
            described().max_by(|a, b| median(a).total_cmp(&median(b))),
            described().max_by(|a, b| range(a).total_cmp(&range(b))),
        )
    }
}

/// The band of a distribution's median on the catalogue's scale.
fn median_band<'c>(cat: &'c Catalogue, d: &Distribution) -> Option<&'c BandId> {
    d.median.and_then(|m| cat.scale.light(m))
}

/// `1.3 to 4.5`.
fn range(lo: Option<f64>, hi: Option<f64>) -> String {
    format!("{} to {}", score(lo), score(hi))
}

/// `1.3–4.5`, for the short figures.
fn span(lo: Option<f64>, hi: Option<f64>) -> String {
    format!("{}\u{2013}{}", score(lo), score(hi))
}

/// `quarter 2`, `quarter withheld` or nothing (no score).
fn quarter_word(score: Option<f64>, quarter: Option<u8>, withheld: bool) -> String {
    match (score, quarter) {
        (None, _) => String::new(),
        (Some(_), Some(q)) => format!("quarter {q}"),
        (Some(_), None) if withheld => "quarter withheld".to_owned(),
        (Some(_), None) => String::new(),
    }
}

// ------------------------------------------------------------------------------------------
// HTML

/// The whole page.
pub(crate) fn html(catalogue: &Catalogue, benchmark: &Benchmark) -> String {
    let v = View::new(catalogue, benchmark);
    let page_title = format!("{}: benchmark of {} areas", catalogue.title, benchmark.areas);
    let mut meta = vec![format!("Standards edition {}", escape(&catalogue.version.to_string()))];
    if v.dates.is_some() {
        meta.push(format!("Assessed {}", v.dates()));
    }
    meta.push("Areas by name, never ranked".to_owned());
    meta.push(format!("Figures withheld below {} areas", benchmark.min_group));
    let kicker = format!("{}: benchmark across areas", escape(&catalogue.title));
    let heading = format!("How {} areas compare", benchmark.areas);
    let mut out = open_page(&page_title, &kicker, &heading, &meta);
    let w = &mut out;
    html_summary(w, &v);
    html_heatmap(w, &v);
    html_spread(w, &v);
    super::equity::benchmark_html(w, catalogue, benchmark);
    html_areas(w, &v);
    html_weakest(w, &v);
    html::how_to_read(w, catalogue, &about_lines(&v));
    let made_from = format!(
        "the assessments of {} areas against {} edition {}",
        benchmark.areas,
        escape(catalogue.id.as_str()),
        escape(&catalogue.version.to_string())
    );
    close_page(w, &made_from, catalogue, " Areas are listed by name, never ranked.");
    out
}

fn html_summary(w: &mut String, v: &View<'_>) {
    let (b, cat) = (v.b, v.cat);
    let d = &b.overall;
    section(w, "card", "summary", "summary-h", "At a glance");
    let _ = writeln!(
        w,
        r#"<p class="lead">The spread of scores across {} areas, and where each stands. This is not a league table: areas are listed by name and never ranked.</p>"#,
        b.areas
    );
    let _ = writeln!(w, r#"<div class="hero">"#);
    let _ = writeln!(w, r#"<div class="overall" id="overall">"#);
    let _ = writeln!(w, r#"<div class="small">Median overall score</div>"#);
    if d.withheld {
        let _ = writeln!(w, r#"<div class="big withheld" data-value="">withheld</div>"#);
        let _ = writeln!(w, r#"<div class="small">{}</div>"#, escape(&v.withheld_note(d)));
    } else {
        let _ = writeln!(
            w,
            r#"<div class="big" data-value="{}">{}<span class="of"> / {}</span></div>"#,
            d.median.map(|m| m.to_string()).unwrap_or_default(),
            score(d.median),
            cat.scale.max
        );
        let _ = writeln!(w, "<div>{}</div>", pill(cat, median_band(cat, d)));
    }
    let _ = writeln!(w, r#"<div class="figures">"#);
    figure(w, b.areas, "areas");
    let withheld_items = v.withheld().count() + v.withheld_standards.len();
    figure(w, withheld_items, "items withheld");
    if !d.withheld {
        figure(w, span(d.min, d.max), "lowest to highest overall");
        figure(w, span(d.q1, d.q3), "the middle half of the areas");
    }
    let _ = writeln!(w, "</div></div>");

    let _ = writeln!(w, "<div>");
    let _ = writeln!(w, "<h3>Themes at a glance</h3>");
    let (low, high, wide) = v.theme_extremes();
    if low.is_none() {
        let _ = writeln!(w, "<p>Every theme's figures are withheld.</p>");
    }
    let _ = writeln!(w, r#"<ul class="changes" id="extremes">"#);
    let item = |w: &mut String, lead: &str, t: Option<&Item<'_>>, what: &dyn Fn(&Distribution) -> String| {
        if let Some(t) = t {
            let _ = writeln!(w, "<li>{lead}: <b>{}</b> {}</li>", escape(&t.label), what(t.distribution));
        }
    };
    let median = |d: &Distribution| format!("median {} {}", score(d.median), pill(cat, median_band(cat, d)));
    item(w, "Lowest median", low, &median);
    item(w, "Highest median", high, &median);
    item(w, "Widest spread", wide, &|d: &Distribution| format!("from {}", range(d.min, d.max)));
    let _ = writeln!(w, "</ul>");
    let _ = writeln!(w, "<h3>The small-group rule</h3>");
    let _ = writeln!(w, r#"<p class="note" id="rule">{} {}</p>"#, escape(&v.rule()), escape(&v.withheld_sentence()));
    let _ = writeln!(w, "<h3>The areas, by name</h3>");
    let _ = writeln!(w, r#"<ul class="areas" id="area-list">"#);
    for p in &b.positions {
        let _ = writeln!(
            w,
            r#"<li><b>{}</b> <span class="small nowrap">{}</span></li>"#,
            escape(&area(&p.area)),
            p.assessed_on
        );
    }
    let _ = writeln!(w, "</ul></div></div></section>");
}

fn html_heatmap(w: &mut String, v: &View<'_>) {
    let (b, cat) = (v.b, v.cat);
    let columns: Vec<(String, String)> = std::iter::once(("Overall".to_owned(), "Overall".to_owned()))
        .chain(b.themes.iter().map(|t| (t.id.to_string(), format!("{} {}", t.id, t.title))))
        .collect();
    let rows: Vec<String> = b.positions.iter().map(|p| p.area.name.clone()).collect();
    let cell = |value: Option<f64>, band: Option<&BandId>| HeatCell {
        value,
        tone: tone(value.and(band).map(BandId::as_str)),
        word: if value.is_some() { light(cat, band) } else { "no score".to_owned() },
    };
    let cells: Vec<Vec<HeatCell>> = b
        .positions
        .iter()
        .map(|p| {
            std::iter::once(cell(p.overall.score, p.overall.light.as_ref()))
                .chain(p.themes.iter().map(|t| cell(t.score, t.light.as_ref())))
                .collect()
        })
        .collect();
    section(w, "card", "heatmap", "heatmap-h", "Areas by theme");
    let _ = writeln!(
        w,
        r#"<p class="lead">Each cell is one area's score, coloured by its light, with the word beneath ({}). Areas are in alphabetical order.</p>"#,
        band_words(cat)
    );
    let intro = format!(
        "Each area's overall and theme scores on a scale of {} to {}, areas in alphabetical order.",
        cat.scale.min, cat.scale.max
    );
    let _ = writeln!(
        w,
        r#"<figure class="wide">{}</figure>"#,
        svg::heatmap("area-heatmap", "Areas by theme (heatmap)", &intro, &rows, &columns, &cells)
    );
    let _ = writeln!(w, r#"<dl class="key">"#);
    for t in &b.themes {
        let _ = writeln!(w, "<dt>{}</dt><dd>{}</dd>", escape(t.id.as_str()), escape(&t.title));
    }
    let _ = writeln!(w, "</dl></section>");
}

fn html_spread(w: &mut String, v: &View<'_>) {
    let cat = v.cat;
    let spreads: Vec<Spread> = std::iter::once(&v.overall)
        .chain(&v.themes)
        .map(|item| Spread {
            label: item.label.clone(),
            points: item
                .points
                .iter()
                .flatten()
                .filter_map(|(who, s, band)| s.map(|s| ((*who).to_owned(), s, tone(band.map(BandId::as_str)))))
                .collect(),
            withheld: item.distribution.withheld.then(|| v.withheld_note(item.distribution)),
        })
        .collect();
    section(w, "card", "spread", "spread-h", "Spread per theme");
    let _ = writeln!(
        w,
        r#"<p class="lead">Each dot is one area's score, coloured by its light; the line runs from the lowest score to the highest and the tall mark is the median. A theme scored by fewer than {} areas is shown as withheld.</p>"#,
        v.b.min_group
    );
    let intro = format!(
        "The spread of the overall and theme scores across {} areas, on a scale of {} to {}.",
        v.b.areas, cat.scale.min, cat.scale.max
    );
    let _ = writeln!(
        w,
        r#"<figure class="wide">{}</figure>"#,
        svg::distribution_chart("theme-spread", "Spread per theme (dot plot)", &intro, &spreads, &html::axis(cat))
    );
    spread_table(
        w,
        v,
        "theme-spread-table",
        "Theme",
        "The spread per theme in numbers",
        std::iter::once(&v.overall).chain(&v.themes),
    );
    if !v.cross.is_empty() {
        let _ = writeln!(w, "<h3>Cross-cutting themes</h3>");
        spread_table(
            w,
            v,
            "cross-spread-table",
            "Cross-cutting theme",
            "The spread per cross-cutting theme",
            v.cross.iter(),
        );
    }
    let _ = writeln!(w, "</section>");
}

fn spread_table<'a, 'b: 'a>(
    w: &mut String,
    v: &View<'_>,
    id: &str,
    column: &str,
    caption: &str,
    items: impl Iterator<Item = &'a Item<'b>>,
) {
    let cat = v.cat;
    let _ = writeln!(w, r#"<table class="numbers" id="{id}"><caption>{caption}</caption>"#);
    let _ = writeln!(
        w,
        r#"<thead><tr><th>{column}</th><th class="num">Areas scored</th><th class="num">Lowest</th><th class="num">Q1</th><th>Median</th><th class="num">Q3</th><th class="num">Highest</th></tr></thead><tbody>"#
    );
    for item in items {
        let d = item.distribution;
        let name =
            if item.id == "overall" { "<b>Overall</b>".to_owned() } else { format!("<b>{}</b>", escape(&item.label)) };
        if d.withheld {
            let _ = writeln!(
                w,
                r#"<tr data-item="{}" class="withheld-row"><td>{name}</td><td class="num">{}</td><td colspan="5" class="withheld">{}</td></tr>"#,
                escape(item.id),
                d.count,
                escape(&v.withheld_note(d))
            );
        } else {
            let _ = writeln!(
                w,
                r#"<tr data-item="{}" data-median="{}"><td>{name}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}&nbsp;{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                escape(item.id),
                d.median.map(|m| m.to_string()).unwrap_or_default(),
                d.count,
                score(d.min),
                score(d.q1),
                score(d.median),
                if d.median.is_some() { pill(cat, median_band(cat, d)) } else { String::new() },
                score(d.q3),
                score(d.max)
            );
        }
    }
    let _ = writeln!(w, "</tbody></table>");
}

fn html_areas(w: &mut String, v: &View<'_>) {
    let (b, cat) = (v.b, v.cat);
    section(w, "card long", "areas", "areas-h", "Where each area stands");
    let _ = writeln!(
        w,
        r#"<p class="lead">Each area's scores by name, with the quarter of the areas it falls in: quarter 1 holds the lowest scores, quarter 4 the highest, and tied areas share a quarter.</p>"#
    );
    let _ = write!(w, r#"<table class="numbers" id="area-table"><thead><tr><th>Area</th><th>Overall</th>"#);
    for t in &b.themes {
        let _ = write!(w, r#"<th><abbr title="{}">{}</abbr></th>"#, escape(&t.title), escape(t.id.as_str()));
    }
    let _ = writeln!(w, "</tr></thead><tbody>");
    // Compact cells (the heatmap above is the picture): the score, a swatch and the light's
    // word, and the quarter beneath.
    let cell = |score_: Option<f64>, band: Option<&BandId>, quarter: Option<u8>, withheld: bool| {
        if score_.is_none() {
            return r#"<td><span class="was">no score</span></td>"#.to_owned();
        }
        let q = quarter_word(score_, quarter, withheld);
        format!(
            r#"<td class="nowrap" data-value="{}"><b>{}</b> <span class="sw sw-{}" aria-hidden="true"></span>{}<span class="q">{}</span></td>"#,
            score_.map(|s| s.to_string()).unwrap_or_default(),
            score(score_),
            tone(band.map(BandId::as_str)).class,
            escape(&light(cat, band)),
            q
        )
    };
    for p in &b.positions {
        let _ = write!(
            w,
            r#"<tr data-area="{}"><td><b>{}</b><span class="q nowrap">assessed {}</span></td>{}"#,
            escape(&p.area.name),
            escape(&p.area.name),
            p.assessed_on,
            cell(p.overall.score, p.overall.light.as_ref(), p.overall.quarter, b.overall.withheld)
        );
        for (k, t) in p.themes.iter().enumerate() {
            let withheld = b.themes.get(k).is_some_and(|x| x.distribution.withheld);
            let _ = write!(w, "{}", cell(t.score, t.light.as_ref(), t.quarter, withheld));
        }
        let _ = writeln!(w, "</tr>");
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

fn html_weakest(w: &mut String, v: &View<'_>) {
    let cat = v.cat;
    section(w, "card", "weakest", "weakest-h", "Standards lowest across the areas");
    if v.weakest.is_empty() {
        let _ = writeln!(w, "<p>No standard was scored by {} or more areas, so none is described.</p>", v.b.min_group);
        html_withheld_standards(w, v);
        let _ = writeln!(w, "</section>");
        return;
    }
    let _ = writeln!(
        w,
        r#"<p class="lead">The {} standards with the lowest median rating across the areas: shared gaps that may be worth tackling together.{}</p>"#,
        v.weakest.len(),
        if v.withheld_standards.is_empty() {
            String::new()
        } else {
            format!(
                " The {} standards scored by fewer than {} areas are left out; they are listed below.",
                v.withheld_standards.len(),
                v.b.min_group
            )
        }
    );
    let _ = writeln!(
        w,
        r#"<table id="weakest-table"><thead><tr><th>Standard</th><th class="num">Areas scored</th><th class="num">Lowest</th><th>Median</th><th class="num">Highest</th></tr></thead><tbody>"#
    );
    for s in &v.weakest {
        let d = &s.distribution;
        let _ = writeln!(
            w,
            r#"<tr data-standard="{id}"><td><b>{id}</b> {}</td><td class="num">{}</td><td class="num">{}</td><td>{}&nbsp;{}</td><td class="num">{}</td></tr>"#,
            escape(title(cat, s.id.as_str())),
            d.count,
            score(d.min),
            score(d.median),
            pill(cat, median_band(cat, d)),
            score(d.max),
            id = escape(s.id.as_str()),
        );
    }
    let _ = writeln!(w, "</tbody></table>");
    html_withheld_standards(w, v);
    let _ = writeln!(w, "</section>");
}

fn html_withheld_standards(w: &mut String, v: &View<'_>) {
    if v.withheld_standards.is_empty() {
        return;
    }
    let _ = writeln!(w, "<h3>Standards withheld ({})</h3>", v.withheld_standards.len());
    let _ = writeln!(w, r#"<ul class="plain" id="withheld-standards">"#);
    for s in &v.withheld_standards {
        let _ = writeln!(
            w,
            r#"<li data-standard="{id}"><b>{id}</b> {} <span class="withheld">{}</span></li>"#,
            escape(title(v.cat, s.id.as_str())),
            escape(&v.withheld_note(&s.distribution)),
            id = escape(s.id.as_str())
        );
    }
    let _ = writeln!(w, "</ul>");
}

/// The notes on method, shared by both documents (plain text; each document escapes it).
fn about_lines(v: &View<'_>) -> Vec<String> {
    let cat = v.cat;
    vec![
        format!("Standards: {}, edition {}, published by {} on {}.", cat.title, cat.version, cat.publisher, cat.published),
        format!(
            "Each standard is rated {} to {}. A theme's score is the mean of its scored standards; the overall score is the mean of the theme scores. Not applicable and don't know are left out of every mean.",
            cat.scale.min, cat.scale.max
        ),
        "Lowest, highest, median and the quartiles Q1 and Q3 (between which the middle half of the areas lie) are computed by linear interpolation between the closest ranks, as Excel's QUARTILE.INC does.".to_owned(),
        "An area's quarter comes from its mid-rank: the share of areas scoring below it plus half of those scoring the same. Tied areas always share a quarter.".to_owned(),
        v.rule(),
    ]
}

// ------------------------------------------------------------------------------------------
// Markdown

/// The same content as the page, in Markdown tables.
pub(crate) fn markdown(catalogue: &Catalogue, benchmark: &Benchmark) -> String {
    let v = View::new(catalogue, benchmark);
    let (b, cat) = (benchmark, catalogue);
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}: how {} areas compare\n", md(&cat.title), b.areas);
    let _ = writeln!(w, "- **Standards:** {} edition {}", md(cat.id.as_str()), cat.version);
    if v.dates.is_some() {
        let _ = writeln!(w, "- **Assessed:** {}", v.dates());
    }
    let names: Vec<String> = b.positions.iter().map(|p| md(&area(&p.area))).collect();
    let _ = writeln!(w, "- **Areas** (by name, never ranked): {}", names.join("; "));
    let _ = writeln!(w, "- **Small-group rule:** {} {}", md(&v.rule()), md(&v.withheld_sentence()));

    let d = &b.overall;
    let _ = writeln!(w, "\n## At a glance\n");
    if d.withheld {
        let _ = writeln!(w, "Overall: {}.", md(&v.withheld_note(d)));
    } else {
        let _ = writeln!(
            w,
            "Median overall score **{} ({})**; lowest to highest {}; the middle half of the areas {}.",
            score(d.median),
            md(&light(cat, median_band(cat, d))),
            range(d.min, d.max),
            range(d.q1, d.q3)
        );
    }
    let (low, high, wide) = v.theme_extremes();
    let _ = writeln!(w);
    if low.is_none() {
        let _ = writeln!(w, "Every theme's figures are withheld.");
    }
    for (lead, t) in [("Lowest median", low), ("Highest median", high)] {
        if let Some(t) = t {
            let d = t.distribution;
            let _ = writeln!(
                w,
                "- {lead}: **{}**, {} ({})",
                md(&t.label),
                score(d.median),
                md(&light(cat, median_band(cat, d)))
            );
        }
    }
    if let Some(t) = wide {
        let _ = writeln!(
            w,
            "- Widest spread: **{}**, from {}",
            md(&t.label),
            range(t.distribution.min, t.distribution.max)
        );
    }

    let _ = writeln!(w, "\n## Areas by theme\n");
    let _ = writeln!(
        w,
        "Each area's score and light, with the quarter of the areas it falls in (1 lowest, 4 highest). Areas in alphabetical order.\n"
    );
    let _ = write!(w, "| Area | Assessed | Overall |");
    for t in &b.themes {
        let _ = write!(w, " {} |", md(t.id.as_str()));
    }
    let _ = writeln!(w);
    let _ = write!(w, "| --- | --- | --- |");
    for _ in &b.themes {
        let _ = write!(w, " --- |");
    }
    let _ = writeln!(w);
    let cell = |s: Option<f64>, band: Option<&BandId>, q: Option<u8>, withheld: bool| match s {
        None => "no score".to_owned(),
        Some(_) => {
            let q = quarter_word(s, q, withheld);
            let q = if q.is_empty() { String::new() } else { format!(", {q}") };
            format!("{} {}{q}", score(s), md(&light(cat, band)))
        }
    };
    for p in &b.positions {
        let _ = write!(
            w,
            "| {} | {} | {} |",
            md(&area(&p.area)),
            p.assessed_on,
            cell(p.overall.score, p.overall.light.as_ref(), p.overall.quarter, d.withheld)
        );
        for (k, t) in p.themes.iter().enumerate() {
            let withheld = b.themes.get(k).is_some_and(|x| x.distribution.withheld);
            let _ = write!(w, " {} |", cell(t.score, t.light.as_ref(), t.quarter, withheld));
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(w);
    for t in &b.themes {
        let _ = writeln!(w, "- **{}** {}", md(t.id.as_str()), md(&t.title));
    }

    let _ = writeln!(w, "\n## Spread per theme\n");
    md_spread(w, &v, "Theme", std::iter::once(&v.overall).chain(&v.themes));
    if !v.cross.is_empty() {
        let _ = writeln!(w, "\n## Spread per cross-cutting theme\n");
        md_spread(w, &v, "Cross-cutting theme", v.cross.iter());
    }

    let _ = writeln!(w, "\n## Standards lowest across the areas\n");
    if v.weakest.is_empty() {
        let _ = writeln!(w, "No standard was scored by {} or more areas, so none is described.", b.min_group);
    } else {
        let _ = writeln!(w, "The {} standards with the lowest median rating across the areas.\n", v.weakest.len());
        let _ = writeln!(w, "| Standard | Title | Areas scored | Lowest | Median | Highest |");
        let _ = writeln!(w, "| --- | --- | ---: | ---: | --- | ---: |");
        for s in &v.weakest {
            let d = &s.distribution;
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} | {} ({}) | {} |",
                md(s.id.as_str()),
                md(title(cat, s.id.as_str())),
                d.count,
                score(d.min),
                score(d.median),
                md(&light(cat, median_band(cat, d))),
                score(d.max)
            );
        }
    }

    if !v.withheld_standards.is_empty() {
        let _ = writeln!(w, "\n### Standards withheld ({})\n", v.withheld_standards.len());
        for s in &v.withheld_standards {
            let _ = writeln!(
                w,
                "- **{}** {}: {}",
                md(s.id.as_str()),
                md(title(cat, s.id.as_str())),
                md(&v.withheld_note(&s.distribution))
            );
        }
    }

    super::equity::benchmark_markdown(w, cat, v.b);
    markdown::how_to_read(w, cat, &about_lines(&v));
    out
}

fn md_spread<'a, 'b: 'a>(w: &mut String, v: &View<'_>, column: &str, items: impl Iterator<Item = &'a Item<'b>>) {
    let cat = v.cat;
    let _ = writeln!(w, "| {column} | Areas scored | Lowest | Q1 | Median | Q3 | Highest |");
    let _ = writeln!(w, "| --- | ---: | ---: | ---: | --- | ---: | ---: |");
    for item in items {
        let d = item.distribution;
        let name = if item.id == "overall" { "**Overall**".to_owned() } else { md(&item.label) };
        if d.withheld {
            let _ = writeln!(w, "| {name} | {} | {} | | | | |", d.count, md(&v.withheld_note(d)));
        } else {
            let median = match d.median {
                Some(m) => format!("{} ({})", score(Some(m)), md(&light(cat, cat.scale.light(m)))),
                None => score(None),
            };
            let _ = writeln!(
                w,
                "| {name} | {} | {} | {} | {median} | {} | {} |",
                d.count,
                score(d.min),
                score(d.q1),
                score(d.q3),
                score(d.max)
            );
        }
    }
}
