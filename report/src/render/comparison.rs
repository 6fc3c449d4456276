//! The comparison over time as documents for people: one HTML page for a partnership board and
//! the same content in Markdown for wikis. What to show (the lights that changed, the standards
//! that moved, what migration did) is worked out once in [`View`], so the two always agree.
//!
//! As in the assessment report, every string from a catalogue or an assessment is escaped,
//! every chart has a text alternative and its numbers in a table, and every colour has a word
//! (a light's band, or the direction of a change) beside it.

use std::fmt::Write;

use carepath::{BandId, Catalogue, Comparison, Direction, Fate, Rating, RatingFate, StandardDelta, StandardId};

use super::change::GroupRow as Row;
use super::html::{self, close_page, figure, open_page, pill, section};
use super::markdown::{self, escape as md};
use super::svg::{self, Change, escape};
use super::{area, light, percent, rating, score, title};
use crate::Editions;

/// How many of the most improved standards the documents list (every one that worsened, was
/// newly rated or is no longer rated is listed).
const MOST_IMPROVED: usize = 10;

/// A direction as people say it.
fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Improved => "improved",
        Direction::Worsened => "worsened",
        Direction::Unchanged => "unchanged",
        Direction::NewlyRated => "newly rated",
        Direction::NoLongerRated => "no longer rated",
        Direction::NotRated => "not rated",
    }
}

/// What migration did to a rating, as people say it.
fn fate_word(fate: Fate) -> &'static str {
    match fate {
        Fate::Kept => "Kept under the same id",
        Fate::Renamed => "Carried to a new id",
        Fate::Split => "Copied to each part of a split standard",
        Fate::Merged => "Carried as the lowest rating of a merge",
        Fate::Archived => "Archived (kept in the assessment, not scored)",
    }
}

/// A change with its sign (see [`super::signed`]), or an en dash.
fn signed(change: Option<f64>) -> String {
    change.map_or_else(|| "\u{2013}".to_owned(), super::signed)
}

/// What migration did to the earlier assessment, in the counts and lists the documents show.
#[derive(Debug)]
struct Carried<'a> {
    /// The earlier assessment's edition.
    from: String,
    /// How many ratings met each fate (only fates that happened), in the order of [`Fate`].
    fates: Vec<(Fate, usize)>,
    /// Carried ratings flagged for another look, by new id.
    review: Vec<&'a StandardId>,
    /// Ratings archived, with the earlier edition's ids.
    archived: Vec<&'a RatingFate>,
    /// Standards new in the edition compared in, which start unrated.
    added: Vec<&'a StandardId>,
}

/// Everything the documents show, worked out once.
#[derive(Debug)]
struct View<'a> {
    c: &'a Comparison,
    now: &'a Catalogue,
    then: &'a Catalogue,
    overall: Row<'a>,
    themes: Vec<Row<'a>>,
    cross: Vec<Row<'a>>,
    /// How many standards went each way, for every direction.
    counts: Vec<(Direction, usize)>,
    /// The most improved standards, largest rise first (then catalogue order).
    improved: Vec<&'a StandardDelta>,
    /// Every standard that worsened, largest fall first (then catalogue order).
    worsened: Vec<&'a StandardDelta>,
    newly_rated: Vec<&'a StandardDelta>,
    no_longer_rated: Vec<&'a StandardDelta>,
    /// The change drawn at full length in the change charts: the largest change of a theme or
    /// cross-cutting theme rounded up to a whole point (at least 1, at most the scale's span).
    limit: f64,
    carried: Option<Carried<'a>>,
}

const DIRECTIONS: [Direction; 6] = [
    Direction::Improved,
    Direction::Worsened,
    Direction::Unchanged,
    Direction::NewlyRated,
    Direction::NoLongerRated,
    Direction::NotRated,
];

impl<'a> View<'a> {
    fn new(editions: Editions<'a>, c: &'a Comparison) -> Self {
        let now = editions.now;
        let overall = Row::overall(&c.overall, &now.title);
        let themes: Vec<Row<'a>> = c.themes.iter().map(Row::theme).collect();
        let cross: Vec<Row<'a>> = c.cross_cutting.iter().map(Row::cross_cutting).collect();
        let counts =
            DIRECTIONS.iter().map(|d| (*d, c.standards.iter().filter(|s| s.direction == *d).count())).collect();
        let by = |d: Direction| c.standards.iter().filter(move |s| s.direction == d);
        let mut improved: Vec<&StandardDelta> = by(Direction::Improved).collect();
        improved.sort_by_key(|s| std::cmp::Reverse(s.change.unwrap_or(0)));
        improved.truncate(MOST_IMPROVED);
        let mut worsened: Vec<&StandardDelta> = by(Direction::Worsened).collect();
        worsened.sort_by_key(|s| s.change.unwrap_or(0));
        let largest = themes.iter().chain(&cross).filter_map(|r| r.change).map(f64::abs).fold(0.0, f64::max);
        let span = f64::from(now.scale.max - now.scale.min).max(1.0);
        let carried = c.migration.as_ref().map(|m| {
            let fates = [Fate::Kept, Fate::Renamed, Fate::Split, Fate::Merged, Fate::Archived]
                .into_iter()
                .map(|f| (f, m.steps.iter().flat_map(|s| &s.fates).filter(|x| x.fate == f).count()))
                .filter(|(_, n)| *n > 0)
                .collect();
            let mut review = m.to_review();
            review.sort_by_key(|id| now.standards().position(|(_, s)| s.id == **id).unwrap_or(usize::MAX));
            Carried {
                from: m.from.version.to_string(),
                fates,
                review,
                archived: m.steps.iter().flat_map(|s| &s.fates).filter(|f| f.fate == Fate::Archived).collect(),
                added: m.steps.iter().flat_map(|s| &s.added).collect(),
            }
        });
        View {
            c,
            now,
            then: editions.then,
            overall,
            themes,
            cross,
            counts,
            improved,
            worsened,
            newly_rated: by(Direction::NewlyRated).collect(),
            no_longer_rated: by(Direction::NoLongerRated).collect(),
            limit: largest.ceil().clamp(1.0, span),
            carried,
        }
    }

    fn count(&self, direction: Direction) -> usize {
        self.counts.iter().find(|(d, _)| *d == direction).map_or(0, |(_, n)| *n)
    }

    /// `32 improved, 2 worsened, …` over every direction that happened.
    fn counts_sentence(&self) -> String {
        let parts: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(d, n)| {
                let word = if *d == Direction::NotRated { "not scored either time" } else { direction_word(*d) };
                format!("{n} {word}")
            })
            .collect();
        parts.join(", ")
    }

    /// Themes and cross-cutting themes whose light changed.
    fn relit(&self) -> impl Iterator<Item = &Row<'a>> {
        self.themes.iter().chain(&self.cross).filter(|r| r.relit())
    }

    /// The theme that rose most and the one that fell most, when any did.
    fn largest_moves(&self) -> (Option<&Row<'a>>, Option<&Row<'a>>) {
        let rise = self
            .themes
            .iter()
            .filter(|r| r.direction == Direction::Improved)
            .max_by(|a, b| a.change.unwrap_or(0.0).total_cmp(&b.change.unwrap_or(0.0)));
        let fall = self
            .themes
            .iter()
            .filter(|r| r.direction == Direction::Worsened)
            .min_by(|a, b| a.change.unwrap_or(0.0).total_cmp(&b.change.unwrap_or(0.0)));
        (rise, fall)
    }

    /// Whether a standard is new in the edition compared in (so it could not be rated before).
    fn is_new(&self, id: &StandardId) -> bool {
        self.carried.as_ref().is_some_and(|m| m.added.contains(&id))
    }

    /// The sentence on how much could be compared.
    fn comparable(&self) -> String {
        let k = &self.c.comparable;
        format!(
            "{} of the {} standards in edition {} were scored both times ({})",
            k.standards,
            k.total,
            self.c.catalogue.version,
            percent(k.share)
        )
    }

    /// The sentence on migration, when there was one.
    fn carried_sentence(&self) -> Option<String> {
        let m = self.carried.as_ref()?;
        let carried: usize = m.fates.iter().filter(|(f, _)| *f != Fate::Archived).map(|(_, n)| n).sum();
        Some(format!(
            "The earlier assessment was rated against edition {} and was migrated into edition {} before comparing: {} ratings carried over, {} of them flagged for review because the standard changed; {} archived (kept in the assessment, not lost); {} standards are new in edition {} and could not be rated before.",
            m.from,
            self.c.catalogue.version,
            carried,
            m.review.len(),
            m.archived.len(),
            m.added.len(),
            self.c.catalogue.version
        ))
    }
}

// ------------------------------------------------------------------------------------------
// HTML

/// The whole page.
pub(crate) fn html(editions: Editions<'_>, comparison: &Comparison) -> String {
    let v = View::new(editions, comparison);
    let c = comparison;
    let page_title = format!("{}: then and now ({} to {})", c.area.name, c.old.assessed_on, c.new.assessed_on);
    let when = |s: &carepath::Snapshot| {
        format!(
            r#"<time datetime="{d}">{d}</time> (edition {})"#,
            escape(&s.catalogue.version.to_string()),
            d = s.assessed_on
        )
    };
    let meta = [
        format!("Then: {}", when(&c.old)),
        format!("Now: {}", when(&c.new)),
        format!("Compared in edition {}", escape(&c.catalogue.version.to_string())),
    ];
    let kicker = format!("{}: change over time", escape(&v.now.title));
    let mut out = open_page(&page_title, &kicker, &escape(&area(&c.area)), &meta);
    let w = &mut out;
    html_summary(w, &v);
    html_groups(w, &v, &v.themes, "themes", "Themes", "theme");
    if !v.cross.is_empty() {
        html_groups(w, &v, &v.cross, "cross-cutting", "Cross-cutting themes", "cross");
    }
    super::equity::comparison_html(w, comparison);
    html_standards(w, &v);
    html_migration(w, &v);
    html::how_to_read(w, v.now, &about_lines(&v));
    let made_from = format!(
        "the assessments of {} on {} and {}, compared in {} edition {}",
        escape(&c.area.name),
        c.old.assessed_on,
        c.new.assessed_on,
        escape(c.catalogue.id.as_str()),
        escape(&c.catalogue.version.to_string())
    );
    close_page(w, &made_from, v.now, "");
    out
}

/// A change as a badge: an arrow, the signed change and the direction's word.
fn badge(change: &str, direction: Direction) -> String {
    let (class, mark) = match direction {
        Direction::Improved => ("up", "\u{25B2} "),
        Direction::Worsened => ("down", "\u{25BC} "),
        Direction::Unchanged => ("same", "= "),
        _ => ("none", ""),
    };
    let change = if change.is_empty() || change == "\u{2013}" { String::new() } else { format!("{change} ") };
    format!(
        r#"<span class="move move-{class}"><span aria-hidden="true">{mark}</span>{change}{}</span>"#,
        direction_word(direction)
    )
}

/// A score with its light (`2.7` and an Amber pill), or `no score`.
fn score_cell(catalogue: &Catalogue, value: Option<f64>, band: Option<&BandId>) -> String {
    match value {
        Some(_) => format!("{}&nbsp;{}", score(value), pill(catalogue, band)),
        None => r#"<span class="was">no score</span>"#.to_owned(),
    }
}

/// A standard's rating with its light, or its word (`don't know`).
fn rating_cell(catalogue: &Catalogue, value: Option<Rating>) -> String {
    match value {
        Some(Rating::Score(v)) => format!("{v}&nbsp;{}", pill(catalogue, catalogue.scale.light(f64::from(v)))),
        other => format!(r#"<span class="was">{}</span>"#, escape(&rating(other))),
    }
}

fn html_summary(w: &mut String, v: &View<'_>) {
    let (c, cat, o) = (v.c, v.now, &v.overall);
    section(w, "card", "summary", "summary-h", "At a glance");
    let _ = writeln!(
        w,
        r#"<p class="lead">How {} moved between the two assessments. A change is the later score minus the earlier, on the {}&#8211;{} scale.</p>"#,
        escape(&c.area.name),
        cat.scale.min,
        cat.scale.max
    );
    let _ = writeln!(w, r#"<div class="hero wide-left">"#);
    let _ = writeln!(w, r#"<div class="overall" id="overall">"#);
    let _ = writeln!(w, r#"<div class="small">Overall score</div>"#);
    let _ = writeln!(w, r#"<div class="then-now">"#);
    let side = |w: &mut String, word: &str, class: &str, date: carepath::Date, value: Option<f64>, band| {
        let _ = writeln!(
            w,
            r#"<div class="{class}"><div class="when">{word}, {date}</div><div class="big" data-value="{}">{}</div><div>{}</div></div>"#,
            value.map(|x| x.to_string()).unwrap_or_default(),
            score(value),
            pill(cat, band)
        );
    };
    side(w, "Then", "then", c.old.assessed_on, o.old, o.old_light);
    let _ = writeln!(w, r#"<div class="arrow" aria-hidden="true">&#8594;</div>"#);
    side(w, "Now", "now", c.new.assessed_on, o.new, o.new_light);
    let _ = writeln!(w, "</div>");
    let _ = writeln!(w, "<div>{}</div>", badge(&signed(o.change), o.direction));
    let _ = writeln!(w, r#"<div class="figures">"#);
    figure(
        w,
        format!("{} of {}", c.comparable.standards, c.comparable.total),
        &format!("standards scored both times ({})", percent(c.comparable.share)),
    );
    figure(w, v.count(Direction::Improved), "standards improved");
    figure(w, v.count(Direction::Worsened), "standards worsened");
    figure(w, v.count(Direction::NewlyRated), "standards newly rated");
    let _ = writeln!(w, "</div></div>");

    let _ = writeln!(w, "<div>");
    let _ = writeln!(w, "<h3>Lights that changed</h3>");
    let relit: Vec<&Row<'_>> = v.relit().collect();
    if relit.is_empty() {
        let _ = writeln!(w, "<p>No theme or cross-cutting theme changed light: each kept its band.</p>");
    } else {
        let _ = writeln!(w, r#"<ul class="changes" id="relit">"#);
        for r in relit {
            let _ = writeln!(
                w,
                r#"<li><b>{}</b><br>{} &#8594; {} <span class="small">{} &#8594; {}</span> {}</li>"#,
                escape(&r.label),
                pill(cat, r.old_light),
                pill(cat, r.new_light),
                score(r.old),
                score(r.new),
                badge(&signed(r.change), r.direction)
            );
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "<h3>Largest theme moves</h3>");
    let (rise, fall) = v.largest_moves();
    let _ = writeln!(w, r#"<ul class="changes" id="largest">"#);
    let moved = |w: &mut String, lead: &str, r: Option<&Row<'_>>, none: &str| {
        let _ = match r {
            Some(r) => writeln!(
                w,
                r#"<li>{lead}: <b>{}</b> {} <span class="small">({} &#8594; {})</span></li>"#,
                escape(&r.label),
                badge(&signed(r.change), r.direction),
                score(r.old),
                score(r.new)
            ),
            None => writeln!(w, "<li>{none}</li>"),
        };
    };
    moved(w, "Rose most", rise, "No theme rose.");
    moved(w, "Fell most", fall, "No theme fell.");
    let _ = writeln!(w, "</ul>");
    let _ = writeln!(
        w,
        r#"<p class="small">{}. Only standards scored both times count as improved, worsened or unchanged.</p>"#,
        escape(&v.comparable())
    );
    if let Some(sentence) = v.carried_sentence() {
        let _ = writeln!(
            w,
            r##"<p class="note" id="migrated">{} <a href="#migration">How it was carried over</a>.</p>"##,
            escape(&sentence)
        );
    }
    let _ = writeln!(w, "</div></div></section>");
}

/// The change chart and table of the themes or the cross-cutting themes.
fn html_groups(w: &mut String, v: &View<'_>, rows: &[Row<'_>], id: &str, heading: &str, prefix: &str) {
    let cat = v.now;
    let changes: Vec<Change> = rows.iter().map(Row::chart).collect();
    section(w, "card", id, &format!("{id}-h"), heading);
    let _ = writeln!(
        w,
        r#"<p class="lead">Each bar is the change in a score, later minus earlier: to the right in blue it rose, to the left in orange it fell, and the words after each bar say so. A full-length bar is a change of {} points.</p>"#,
        v.limit
    );
    let intro = format!(
        "Change in each {} score from {} to {}, on a scale of {} to {}.",
        if prefix == "theme" { "theme" } else { "cross-cutting theme" },
        v.c.old.assessed_on,
        v.c.new.assessed_on,
        cat.scale.min,
        cat.scale.max
    );
    let _ = writeln!(
        w,
        r#"<figure class="wide">{}</figure>"#,
        svg::change_chart(
            &format!("{prefix}-change"),
            &format!("{heading}: change (bar chart)"),
            &intro,
            &changes,
            v.limit
        )
    );
    let _ = writeln!(w, r#"<table class="numbers mid" id="{prefix}-table"><caption>{heading} then and now</caption>"#);
    let _ = writeln!(
        w,
        r#"<thead><tr><th>{}</th><th>Then</th><th>Now</th><th class="num">Change</th><th>Direction</th></tr></thead><tbody>"#,
        if prefix == "theme" { "Theme" } else { "Cross-cutting theme" }
    );
    let row = |w: &mut String, r: &Row<'_>, attrs: String, name: String| {
        let _ = writeln!(
            w,
            r#"<tr{attrs}><td>{name}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            score_cell(cat, r.old, r.old_light),
            score_cell(cat, r.new, r.new_light),
            signed(r.change),
            badge("", r.direction)
        );
    };
    for r in rows {
        let attrs = format!(
            r#" data-{prefix}="{}" data-change="{}""#,
            escape(r.id),
            r.change.map(|x| x.to_string()).unwrap_or_default()
        );
        row(w, r, attrs, format!("<b>{}</b>", escape(&r.label)));
    }
    if prefix == "theme" {
        row(w, &v.overall, r#" class="overall-row""#.to_owned(), "<b>Overall</b> (mean of theme scores)".to_owned());
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

fn html_standards(w: &mut String, v: &View<'_>) {
    let cat = v.now;
    section(w, "card long", "standards", "standards-h", "Standards");
    let _ = writeln!(
        w,
        r#"<p class="lead">Of the {} standards in edition {}: {}.</p>"#,
        v.c.standards.len(),
        escape(&v.c.catalogue.version.to_string()),
        escape(&v.counts_sentence())
    );
    let _ = writeln!(w, "<div>");
    let table = |w: &mut String, id: &str, heading: &str, empty: &str, list: &[&StandardDelta], more: usize| {
        let _ = writeln!(w, r#"<div><h3 id="{id}-h">{heading}</h3>"#);
        if list.is_empty() {
            let _ = writeln!(w, "<p>{empty}</p></div>");
            return;
        }
        let moved = list.iter().any(|s| s.change.is_some());
        let _ = writeln!(
            w,
            r#"<table class="mid" id="{id}" aria-labelledby="{id}-h"><thead><tr><th>Standard</th><th>Then</th><th>Now</th>{}</tr></thead><tbody>"#,
            if moved { r#"<th class="num">Change</th>"# } else { "" }
        );
        for s in list {
            let new = if v.is_new(&s.id) {
                format!(
                    r#"<br><span class="small">New in edition {}</span>"#,
                    escape(&v.c.catalogue.version.to_string())
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                w,
                r#"<tr data-standard="{id}" data-change="{change}"><td><b>{id}</b> {title}{new}</td><td>{then}</td><td>{now}</td>{shown}</tr>"#,
                id = escape(s.id.as_str()),
                change = s.change.map(|c| c.to_string()).unwrap_or_default(),
                title = escape(title(cat, s.id.as_str())),
                then = rating_cell(cat, s.old),
                now = rating_cell(cat, s.new),
                shown = if moved {
                    format!(
                        r#"<td class="num">{}</td>"#,
                        s.change.map_or_else(|| "\u{2013}".to_owned(), |c| format!("{c:+}"))
                    )
                } else {
                    String::new()
                },
            );
        }
        let _ = writeln!(w, "</tbody></table>");
        if more > 0 {
            let _ = writeln!(w, r#"<p class="small">and {more} more improved by less.</p>"#);
        }
        let _ = writeln!(w, "</div>");
    };
    let more = v.count(Direction::Improved).saturating_sub(v.improved.len());
    table(w, "improved", "Improved most", "No standard improved.", &v.improved, more);
    table(w, "worsened", "Worsened", "No standard worsened.", &v.worsened, 0);
    table(w, "newly-rated", "Newly rated", "No standard was newly rated.", &v.newly_rated, 0);
    table(
        w,
        "no-longer-rated",
        "No longer rated",
        "Every standard scored then was scored again.",
        &v.no_longer_rated,
        0,
    );
    let _ = writeln!(w, "</div></section>");
}

fn html_migration(w: &mut String, v: &View<'_>) {
    let Some(m) = &v.carried else { return };
    let version = escape(&v.c.catalogue.version.to_string());
    section(w, "card long", "migration", "migration-h", "How the earlier assessment was carried over");
    let _ = writeln!(
        w,
        r#"<p class="lead">The assessment of {} was rated against edition {}. Before comparing, it was migrated into edition {} by the changes that edition lists. Nothing was lost: ratings that could not be carried are kept in the assessment's archive.</p>"#,
        v.c.old.assessed_on,
        escape(&m.from),
        version
    );
    let _ = writeln!(
        w,
        r#"<table id="fate-table"><thead><tr><th>What happened to the earlier ratings</th><th class="num">Ratings</th></tr></thead><tbody>"#
    );
    for (fate, n) in &m.fates {
        let _ = writeln!(
            w,
            r#"<tr data-fate="{}"><td>{}</td><td class="num">{n}</td></tr>"#,
            fate_word(*fate),
            fate_word(*fate)
        );
    }
    let _ = writeln!(
        w,
        r#"<tr data-fate="review"><td>Of the carried ratings, flagged for review</td><td class="num">{}</td></tr>"#,
        m.review.len()
    );
    let _ = writeln!(
        w,
        r#"<tr data-fate="added"><td>Standards new in edition {version}, starting unrated</td><td class="num">{}</td></tr>"#,
        m.added.len()
    );
    let _ = writeln!(w, "</tbody></table>");
    let _ = writeln!(w, r#"<div class="tables">"#);
    let _ = writeln!(w, r#"<div><h3>Flagged for review ({})</h3>"#, m.review.len());
    if m.review.is_empty() {
        let _ = writeln!(w, "<p>None.</p>");
    } else {
        let _ = writeln!(
            w,
            r#"<p class="small">The standard changed between editions, so the carried rating deserves another look.</p><ul class="plain" id="review">"#
        );
        for id in &m.review {
            let _ = writeln!(w, "<li><b>{}</b> {}</li>", escape(id.as_str()), escape(title(v.now, id.as_str())));
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</div>");
    let _ = writeln!(w, r#"<div><h3>Archived ({})</h3>"#, m.archived.len());
    if m.archived.is_empty() {
        let _ = writeln!(w, "<p>None.</p>");
    } else {
        let _ = writeln!(w, r#"<ul class="plain" id="archived">"#);
        for f in &m.archived {
            let _ = writeln!(
                w,
                "<li><b>{}</b> {} (edition {}), rated {}: {}</li>",
                escape(f.standard.as_str()),
                escape(title(v.then, f.standard.as_str())),
                escape(&m.from),
                escape(&rating(Some(f.rating))),
                escape(f.note.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</div></div></section>");
}

/// The notes on method, shared by both documents (plain text; each document escapes it).
fn about_lines(v: &View<'_>) -> Vec<String> {
    let cat = v.now;
    vec![
        format!(
            "Compared in {}, edition {}, published by {} on {}.",
            cat.title, cat.version, cat.publisher, cat.published
        ),
        format!(
            "Each standard is rated {} to {}. A theme's score is the mean of its scored standards; the overall score is the mean of the theme scores; scores show one decimal. Not applicable and don't know are left out of every mean.",
            cat.scale.min, cat.scale.max
        ),
        "A change is the later score minus the earlier. A theme's scores then and now are the means of whatever was scored each time, so a theme can move because different standards were scored; a standard counts as improved, worsened or unchanged only when it was scored both times.".to_owned(),
        "An earlier assessment of an older edition is migrated into the later one's edition first, so that both are scored by the same standards.".to_owned(),
    ]
}

// ------------------------------------------------------------------------------------------
// Markdown

/// The same content as the page, in Markdown tables.
pub(crate) fn markdown(editions: Editions<'_>, comparison: &Comparison) -> String {
    let v = View::new(editions, comparison);
    let (c, cat) = (comparison, editions.now);
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}: {}, then and now\n", md(&cat.title), md(&c.area.name));
    let _ = writeln!(w, "- **Area:** {}", md(&area(&c.area)));
    let _ = writeln!(w, "- **Then:** {} (edition {})", c.old.assessed_on, c.old.catalogue.version);
    let _ = writeln!(w, "- **Now:** {} (edition {})", c.new.assessed_on, c.new.catalogue.version);
    let _ = writeln!(w, "- **Compared in:** {} edition {}", md(c.catalogue.id.as_str()), c.catalogue.version);
    let _ = writeln!(w, "- **Comparable:** {}", md(&v.comparable()));
    if let Some(sentence) = v.carried_sentence() {
        let _ = writeln!(w, "\n> {}", md(&sentence));
    }

    let o = &v.overall;
    let _ = writeln!(w, "\n## Overall\n");
    let _ = writeln!(
        w,
        "**{} → {}**: {}, {}.",
        md_score(cat, o.old, o.old_light),
        md_score(cat, o.new, o.new_light),
        signed(o.change),
        direction_word(o.direction)
    );
    let _ = writeln!(w, "\nStandards: {}.", md(&v.counts_sentence()));

    let _ = writeln!(w, "\n### Lights that changed\n");
    let relit: Vec<&Row<'_>> = v.relit().collect();
    if relit.is_empty() {
        let _ = writeln!(w, "No theme or cross-cutting theme changed light: each kept its band.");
    }
    for r in relit {
        let _ = writeln!(
            w,
            "- **{}**: {} → {} ({} → {}, {} {})",
            md(&r.label),
            light(cat, r.old_light),
            light(cat, r.new_light),
            score(r.old),
            score(r.new),
            signed(r.change),
            direction_word(r.direction)
        );
    }
    let (rise, fall) = v.largest_moves();
    let _ = writeln!(w, "\n### Largest theme moves\n");
    for (lead, r, none) in [("Rose most", rise, "No theme rose."), ("Fell most", fall, "No theme fell.")] {
        let _ = match r {
            Some(r) => {
                writeln!(w, "- {lead}: **{}** {} ({} → {})", md(&r.label), signed(r.change), score(r.old), score(r.new))
            }
            None => writeln!(w, "- {none}"),
        };
    }

    md_groups(w, &v, &v.themes, "Themes", "Theme", true);
    if !v.cross.is_empty() {
        md_groups(w, &v, &v.cross, "Cross-cutting themes", "Cross-cutting theme", false);
    }

    let _ = writeln!(w, "\n## Standards\n");
    let _ = writeln!(
        w,
        "Of the {} standards in edition {}: {}.",
        c.standards.len(),
        c.catalogue.version,
        md(&v.counts_sentence())
    );
    let more = v.count(Direction::Improved).saturating_sub(v.improved.len());
    md_standards(w, &v, "Improved most", "No standard improved.", &v.improved);
    if more > 0 {
        let _ = writeln!(w, "\nand {more} more improved by less.");
    }
    md_standards(w, &v, "Worsened", "No standard worsened.", &v.worsened);
    md_standards(w, &v, "Newly rated", "No standard was newly rated.", &v.newly_rated);
    md_standards(w, &v, "No longer rated", "Every standard scored then was scored again.", &v.no_longer_rated);

    if let Some(m) = &v.carried {
        let _ = writeln!(w, "\n## How the earlier assessment was carried over\n");
        let _ = writeln!(
            w,
            "The assessment of {} was rated against edition {}. Before comparing, it was migrated into edition {} by the changes that edition lists. Nothing was lost: ratings that could not be carried are kept in the assessment's archive.\n",
            c.old.assessed_on,
            md(&m.from),
            c.catalogue.version
        );
        let _ = writeln!(w, "| What happened to the earlier ratings | Ratings |");
        let _ = writeln!(w, "| --- | ---: |");
        for (fate, n) in &m.fates {
            let _ = writeln!(w, "| {} | {n} |", fate_word(*fate));
        }
        let _ = writeln!(w, "| Of the carried ratings, flagged for review | {} |", m.review.len());
        let _ =
            writeln!(w, "| Standards new in edition {}, starting unrated | {} |", c.catalogue.version, m.added.len());
        let _ = writeln!(w, "\n### Flagged for review ({})\n", m.review.len());
        if m.review.is_empty() {
            let _ = writeln!(w, "None.");
        } else {
            let _ =
                writeln!(w, "The standard changed between editions, so the carried rating deserves another look.\n");
        }
        for id in &m.review {
            let _ = writeln!(w, "- **{}** {}", md(id.as_str()), md(title(v.now, id.as_str())));
        }
        let _ = writeln!(w, "\n### Archived ({})\n", m.archived.len());
        if m.archived.is_empty() {
            let _ = writeln!(w, "None.");
        }
        for f in &m.archived {
            let _ = writeln!(
                w,
                "- **{}** {} (edition {}), rated {}: {}",
                md(f.standard.as_str()),
                md(title(v.then, f.standard.as_str())),
                md(&m.from),
                rating(Some(f.rating)),
                md(f.note.as_deref().unwrap_or(""))
            );
        }
    }

    super::equity::comparison_markdown(w, comparison);
    markdown::how_to_read(w, cat, &about_lines(&v));
    out
}

/// `2.5 (Amber)`, or `no score`.
fn md_score(catalogue: &Catalogue, value: Option<f64>, band: Option<&BandId>) -> String {
    match value {
        Some(_) => format!("{} ({})", score(value), light(catalogue, band)),
        None => "no score".to_owned(),
    }
}

fn md_groups(w: &mut String, v: &View<'_>, rows: &[Row<'_>], heading: &str, column: &str, overall: bool) {
    let cat = v.now;
    let _ = writeln!(w, "\n## {heading}\n");
    let _ = writeln!(w, "| {column} | Then | Light then | Now | Light now | Change | Direction |");
    let _ = writeln!(w, "| --- | ---: | --- | ---: | --- | ---: | --- |");
    let line = |w: &mut String, name: String, r: &Row<'_>| {
        let shown = |band: Option<&BandId>, value: Option<f64>| {
            if value.is_some() { light(cat, band) } else { String::new() }
        };
        let _ = writeln!(
            w,
            "| {name} | {} | {} | {} | {} | {} | {} |",
            score(r.old),
            shown(r.old_light, r.old),
            score(r.new),
            shown(r.new_light, r.new),
            signed(r.change),
            direction_word(r.direction)
        );
    };
    for r in rows {
        line(w, md(&r.label), r);
    }
    if overall {
        line(w, "**Overall**".to_owned(), &v.overall);
    }
}

fn md_standards(w: &mut String, v: &View<'_>, heading: &str, empty: &str, list: &[&StandardDelta]) {
    let cat = v.now;
    let _ = writeln!(w, "\n### {heading}\n");
    if list.is_empty() {
        let _ = writeln!(w, "{empty}");
        return;
    }
    let moved = list.iter().any(|s| s.change.is_some());
    if moved {
        let _ = writeln!(w, "| Standard | Title | Then | Now | Change |");
        let _ = writeln!(w, "| --- | --- | --- | --- | ---: |");
    } else {
        let _ = writeln!(w, "| Standard | Title | Then | Now |");
        let _ = writeln!(w, "| --- | --- | --- | --- |");
    }
    let shown = |r: Option<Rating>| match r {
        Some(Rating::Score(s)) => format!("{s} ({})", light(cat, cat.scale.light(f64::from(s)))),
        other => rating(other),
    };
    for s in list {
        let new = if v.is_new(&s.id) { format!(" (new in edition {})", v.c.catalogue.version) } else { String::new() };
        let change = if moved {
            format!(" {} |", s.change.map_or_else(|| "\u{2013}".to_owned(), |c| format!("{c:+}")))
        } else {
            String::new()
        };
        let _ = writeln!(
            w,
            "| {} | {}{new} | {} | {} |{change}",
            md(s.id.as_str()),
            md(title(cat, s.id.as_str())),
            shown(s.old),
            shown(s.new),
        );
    }
}
