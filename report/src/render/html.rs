//! The HTML pages' common parts: one self-contained page (inline CSS and SVG, no script, no
//! external fetch) to put on a screen in a meeting or attach to a paper. Each document's page
//! is made by its own module over its view, with the page's frame, cards and pills from here.
//!
//! Every catalogue and user string is escaped. Every chart has a text alternative and its
//! numbers are also in a table; every colour has its word beside it. A Content Security Policy
//! in the page forbids scripts and any network fetch, and print CSS keeps it readable on paper.

use std::fmt::Write;

use carepath::{BandId, Catalogue};

use super::light;
use super::svg::{Axis, Tone, escape, tone};

/// The stylesheet's colours: the ink and page, and the lights from [`crate::palette`].
fn colours() -> String {
    use crate::palette::{AMBER, GREEN, NEUTRAL, NONE, RED};
    format!(
        "\n:root{{--ink:#1d2330;--muted:#4b5563;--line:#d7dbe2;--page:#f3f4f6;--card:#ffffff;--brand:#17324d;\n--red:{};--amber:{};--green:{};--other:{};--none:{}}}",
        RED.fill, AMBER.fill, GREEN.fill, NEUTRAL.fill, NONE.fill
    )
}

/// The stylesheet, after [`colours`]: screen (projector-friendly sizes and contrast) and print.
const STYLE: &str = r#"
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--page);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.masthead{background:var(--brand);color:#fff;padding:28px 40px 30px}
.masthead .kicker{margin:0;font-size:14px;letter-spacing:.08em;text-transform:uppercase;opacity:.85}
.masthead h1{margin:6px 0 8px;font-size:40px;line-height:1.15}
.masthead .meta{margin:0;font-size:16px;opacity:.92}
.masthead .meta span+span::before{content:"\00B7";margin:0 .6em}
main{max-width:1200px;margin:0 auto;padding:24px 32px 40px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:22px 26px;margin:0 0 22px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
h2{font-size:24px;margin:0 0 4px}
h3{font-size:18px;margin:18px 0 6px}
.lead{color:var(--muted);margin:0 0 16px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(320px,100%),1fr));gap:22px;align-items:start}
.hero{display:grid;grid-template-columns:minmax(260px,330px) 1fr;gap:28px;align-items:start}
.hero.wide-left{grid-template-columns:minmax(300px,420px) 1fr}
.overall{border-radius:12px;padding:18px 20px;background:#f8fafc;border:1px solid var(--line);text-align:center}
.overall .big{font-size:64px;font-weight:800;line-height:1;margin:6px 0}
.overall .big.withheld{font-size:34px;font-style:italic;color:var(--muted);margin:14px 0}
.overall .of{font-size:22px;color:var(--muted);font-weight:600}
.figures{display:grid;grid-template-columns:repeat(2,1fr);gap:10px;margin-top:14px;text-align:left}
.figure{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.figure b{display:block;font-size:24px}
.figure span{color:var(--muted);font-size:13px}
ol.first{margin:8px 0 0;padding-left:1.4em}
ol.first li{margin:0 0 10px}
ol.first .why{display:block;color:var(--muted);font-size:14px}
.light{display:inline-flex;align-items:center;gap:.4em;padding:.1em .6em .1em .45em;border-radius:999px;font-weight:700;font-size:.9em;white-space:nowrap;border:1px solid rgba(0,0,0,.15)}
.light::before{content:"";width:.75em;height:.75em;border-radius:50%;background:currentColor;opacity:.9}
.light-red{background:var(--red);color:#fff}
.light-amber{background:var(--amber);color:var(--ink)}
.light-green{background:var(--green);color:#fff}
.light-other{background:var(--other);color:#fff}
.light-none{background:var(--none);color:var(--ink)}
.light-none::before{background:transparent;border:1.5px solid currentColor}
.chart{max-width:100%;height:auto;display:block;margin:6px auto}
figure{margin:0}
figure.wide .chart{width:100%;max-width:980px}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px;align-items:center;margin-top:10px}
caption{text-align:left;font-weight:700;padding:0 0 6px}
table{border-collapse:collapse;width:100%;font-size:15px;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:7px 8px;text-align:left;vertical-align:top}
th{background:#f1f5f9;font-size:13px;text-transform:uppercase;letter-spacing:.03em;color:#374151}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{white-space:nowrap;font-weight:700}
table.mid td{vertical-align:middle}
.meter{background:#e5e7eb;border-radius:999px;height:10px;min-width:90px;overflow:hidden}
.meter>span{display:block;height:100%;background:var(--brand)}
.gap-detail{margin:6px 0 0;color:#111827;display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:4px 20px}
.gap-detail dt{font-weight:700;font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.gap-detail dd{margin:0;font-size:15px;white-space:pre-line}
.gap-detail .confidence{grid-column:1/-1;display:flex;gap:.5em;align-items:baseline}
.gap-detail .confidence dd{font-size:13px;color:var(--muted)}
.priority{font-size:13px;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.priority-essential{color:#9f1239}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain li{padding:8px 0;border-bottom:1px solid var(--line)}
.note{background:#fffbea;border-left:4px solid var(--amber);padding:10px 14px;margin:14px 0 0}
.then-now{display:flex;align-items:flex-end;justify-content:center;gap:10px;margin:4px 0 6px}
.then-now .when{font-size:14px;color:var(--muted);font-weight:600}
.then-now .big{font-size:54px}
.then-now .arrow{font-size:34px;color:var(--muted);padding-bottom:34px}
.move{display:inline-block;padding:.1em .6em;border-radius:999px;font-weight:700;font-size:.9em;white-space:nowrap;border:1px solid}
.move-up{background:#e6eef8;color:#1e4f86;border-color:#2b6cb0}
.move-down{background:#f9ebdf;color:#7f3f04;border-color:#b35806}
.move-same{background:#f3f4f6;color:#374151;border-color:#9ca3af}
.move-none{background:#fff;color:#4b5563;border-color:#9ca3af;border-style:dashed}
.overall .move{font-size:18px;margin:6px 0 2px}
ul.changes{list-style:none;padding:0;margin:6px 0 0}
ul.changes li{padding:6px 0;border-bottom:1px solid var(--line)}
.was{color:var(--muted);font-style:italic}
.withheld{color:var(--muted);font-style:italic}
.q{display:block;font-size:12px;color:var(--muted)}
dl.key{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:14px;margin:10px 0 0}
dl.key dt{font-weight:700}
dl.key dd{margin:0}
ul.areas{columns:2 240px;padding-left:1.2em;margin:6px 0 0}
.tables{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:4px 28px}
.small{font-size:14px;color:var(--muted)}
.nowrap{white-space:nowrap}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.scroll{overflow-x:auto}
a{overflow-wrap:anywhere}
.scroll:focus-visible{outline:3px solid var(--brand);outline-offset:2px}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin:0 .3em 0 .1em;vertical-align:-.05em;border:1px solid rgba(0,0,0,.3)}
.sw-red{background:var(--red)}.sw-amber{background:var(--amber)}.sw-green{background:var(--green)}.sw-other{background:var(--other)}.sw-none{background:transparent}
footer{color:var(--muted);font-size:13px;text-align:center;padding:0 0 30px}
@media (max-width:800px){.hero,.hero.wide-left,.pair,.tables{grid-template-columns:minmax(0,1fr)}main{padding:16px}}
@media print{
 @page{size:A4;margin:12mm}
 body{background:#fff;font-size:11pt}
 header.masthead{padding:14px 18px}
 .masthead h1{font-size:26pt}
 main{max-width:none;padding:10px 0}
 section.card{box-shadow:none;border:1px solid #bbb;break-inside:avoid-page;page-break-inside:avoid;padding:12px 14px}
 section.long{break-inside:auto;page-break-inside:auto}
 tr,li,.chart{break-inside:avoid;page-break-inside:avoid}
 a{color:inherit;text-decoration:none}
 .grid{grid-template-columns:1fr 1fr}
 .pair{grid-template-columns:1fr 1fr}
 .scroll{overflow:visible}
 .hero.wide-left{grid-template-columns:minmax(0,1fr) minmax(0,1.4fr)}
}
"#;

/// A light as a pill with its word: `<span class="light light-amber">Amber</span>`.
pub(crate) fn pill(catalogue: &Catalogue, band: Option<&BandId>) -> String {
    let t = tone(band.map(BandId::as_str));
    format!(r#"<span class="light light-{}">{}</span>"#, t.class, escape(&light(catalogue, band)))
}

/// The tone of a score on the catalogue's scale.
pub(crate) fn tone_of(catalogue: &Catalogue, value: Option<f64>) -> Tone {
    tone(value.and_then(|v| catalogue.scale.light(v)).map(BandId::as_str))
}

/// The value axis of the catalogue's scale, striped by its bands.
pub(crate) fn axis(catalogue: &Catalogue) -> Axis {
    Axis {
        min: f64::from(catalogue.scale.min),
        max: f64::from(catalogue.scale.max),
        bands: catalogue
            .scale
            .bands
            .iter()
            .map(|b| (b.from, b.to, tone(Some(b.id.as_str())), b.label.clone()))
            .collect(),
    }
}

/// The start of a page, up to and including `<main>`: the head (the stylesheet, the Content
/// Security Policy: no script, no fetch; and the title, escaped here), then the masthead with
/// its kicker, heading and meta items, which are HTML already. Every HTML page starts with it
/// and ends with [`close_page`].
pub(crate) fn open_page(page_title: &str, kicker: &str, heading: &str, meta: &[String]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="carepath {version}">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{colours}{STYLE}</style>
</head>
<body>
<header class="masthead">
<p class="kicker">{kicker}</p>
<h1>{heading}</h1>
<p class="meta">{meta}</p>
</header>
<main>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(page_title),
        colours = colours(),
        meta = meta.iter().map(|m| format!("<span>{m}</span>")).collect::<String>(),
    );
    out
}

/// The class of the element that holds a page's body in [`fragment`].
pub(crate) const FRAGMENT_CLASS: &str = "carepath-doc";

/// The body of a page, to show inside another (a notebook cell, a host page): a
/// `<div class="carepath-doc">` holding the page's stylesheet with every rule scoped to it, then
/// the masthead, the content and the footer, exactly as on the page.
pub(crate) fn fragment(page: &str) -> String {
    let body = page.split_once("<body>\n").map_or("", |(_, rest)| rest);
    let body = body.rsplit_once("</body>").map_or(body, |(inner, _)| inner);
    format!(
        "<div class=\"{FRAGMENT_CLASS}\">\n<style>{}</style>\n{body}</div>\n",
        scope_css(&format!("{}{STYLE}", colours()), &format!(".{FRAGMENT_CLASS}"))
    )
}

/// Scopes a stylesheet to the elements inside `scope`: each selector of each rule (also inside
/// `@media`) gets `scope` in front; `:root`, `html` and `body` become `scope` itself. Other
/// at-rules (`@page`) are kept as they are.
pub(crate) fn scope_css(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() + css.len() / 4);
    let mut rest = css;
    loop {
        let trimmed = rest.trim_start();
        out.push_str(&rest[..rest.len() - trimmed.len()]);
        rest = trimmed;
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('}') {
            // The end of a @media block.
            out.push('}');
            rest = after;
            continue;
        }
        let Some(brace) = rest.find('{') else {
            out.push_str(rest);
            break;
        };
        let head = &rest[..brace];
        if head.starts_with("@media") {
            out.push_str(head);
            out.push('{');
            rest = &rest[brace + 1..];
            continue;
        }
        // A rule (or another at-rule such as @page): its block runs to the matching `}`.
        let body_end = rest[brace..].find('}').map_or(rest.len(), |i| brace + i + 1);
        if head.starts_with('@') {
            out.push_str(&rest[..body_end]);
        } else {
            let selectors: Vec<String> = head
                .split(',')
                .map(|sel| {
                    let sel = sel.trim();
                    match sel {
                        ":root" | "html" | "body" => scope.to_owned(),
                        _ => format!("{scope} {sel}"),
                    }
                })
                .collect();
            out.push_str(&selectors.join(","));
            out.push_str(&rest[brace..body_end]);
        }
        rest = &rest[body_end..];
    }
    out
}

/// The end of a page, from `</main>`: the footer says what the page was made from (HTML, such
/// as `the assessment of Northbrook on 2016-11-30 against perinatal-mental-health edition
/// 1.0.0`) and how scores are shown, then `note` (HTML, often empty).
pub(crate) fn close_page(w: &mut String, made_from: &str, catalogue: &Catalogue, note: &str) {
    *w = scroll_tables(w);
    let _ = writeln!(
        w,
        "</main>\n<footer>Made with carepath {} from {made_from}. Scores are means of ratings on a {}\u{2013}{} scale, shown to one decimal.{note}</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        catalogue.scale.min,
        catalogue.scale.max
    );
}

/// Puts every table of a page that is not in a scrolling box already in one, so that a table
/// wider than a phone scrolls within its card instead of the whole page scrolling sideways. The
/// box takes the keyboard focus, so that it can be scrolled without a pointer. Tables are never
/// nested, and every `<table` of a page is markup (text is escaped).
fn scroll_tables(page: &str) -> String {
    const OPEN: &str = r#"<div class="scroll" tabindex="0">"#;
    let mut out = String::with_capacity(page.len() + 512);
    let mut rest = page;
    let mut wrapped = false;
    while let Some(at) = rest.find("<table").into_iter().chain(rest.find("</table>")).min() {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        if let Some(after) = tag.strip_prefix("</table>") {
            out.push_str("</table>");
            if wrapped {
                out.push_str("</div>");
            }
            rest = after;
        } else {
            wrapped = !out.ends_with(r#"<div class="scroll">"#);
            if wrapped {
                out.push_str(OPEN);
            }
            out.push_str("<table");
            rest = tag.strip_prefix("<table").unwrap_or(tag);
        }
    }
    out.push_str(rest);
    out
}

/// Opens a card: `<section>` labelled by its `<h2>` heading (HTML). `class` is `card` or
/// `card long` (a long card may break across printed pages).
pub(crate) fn section(w: &mut String, class: &str, id: &str, heading_id: &str, heading: &str) {
    let _ = writeln!(w, r#"<section class="{class}" id="{id}" aria-labelledby="{heading_id}">"#);
    let _ = writeln!(w, r#"<h2 id="{heading_id}">{heading}</h2>"#);
}

/// One of the key figures beside the overall score: a value over its label.
pub(crate) fn figure(w: &mut String, value: impl std::fmt::Display, label: &str) {
    let _ = writeln!(w, r#"<div class="figure"><b>{value}</b><span>{label}</span></div>"#);
}

/// The "How to read this" card: the notes on method (plain text, escaped here) and the lights.
pub(crate) fn how_to_read(w: &mut String, catalogue: &Catalogue, lines: &[String]) {
    let _ = writeln!(w, r#"<section class="card" id="about" aria-labelledby="about-h">"#);
    let _ = writeln!(w, r#"<h2 id="about-h">How to read this</h2><ul>"#);
    for line in lines {
        let _ = writeln!(w, "<li>{}</li>", escape(line));
    }
    let _ = writeln!(w, "<li>Lights: {}.</li>", band_words(catalogue));
    let _ = writeln!(w, "</ul></section>");
}

/// `Red below 2, Amber from 2 to 4, Green from 4 to 5`.
pub(crate) fn band_words(catalogue: &Catalogue) -> String {
    let bands = &catalogue.scale.bands;
    bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                format!("{} below {}", escape(&b.label), b.to)
            } else if i + 1 == bands.len() {
                format!("{} from {} to {}", escape(&b.label), b.from, b.to)
            } else {
                format!("{} from {} to below {}", escape(&b.label), b.from, b.to)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A migration report as a short HTML fragment for notebooks and host pages: the editions, how
/// many ratings met each fate in each step, what to review and how many were archived.
pub(crate) fn migration_fragment(report: &carepath::MigrationReport) -> String {
    use carepath::Fate;
    let edition = |r: &carepath::CatalogueRef| format!("{}@{}", escape(r.id.as_str()), escape(&r.version.to_string()));
    let mut out = format!(
        "<div class=\"carepath-migration\">\n<p>Migration {} \u{2192} {}</p>\n",
        edition(&report.from),
        edition(&report.to)
    );
    if report.steps.is_empty() {
        out.push_str("<p>Nothing to do: the assessment is already of a compatible edition.</p>\n");
    }
    for step in &report.steps {
        let kinds = [
            (Fate::Kept, "kept"),
            (Fate::Renamed, "renamed"),
            (Fate::Split, "split"),
            (Fate::Merged, "merged"),
            (Fate::Archived, "archived"),
        ];
        let shown: Vec<String> = kinds
            .iter()
            .filter_map(|(fate, word)| {
                let n = step.fates.iter().filter(|f| f.fate == *fate).count();
                (n > 0).then(|| format!("{n} {word}"))
            })
            .collect();
        let shown = if shown.is_empty() { "no ratings".to_owned() } else { shown.join(", ") };
        let _ = writeln!(
            out,
            "<p>{} \u{2192} {}: {shown}; {} new standards start unrated.</p>",
            edition(&step.from),
            edition(&step.to),
            step.added.len()
        );
    }
    let review = report.to_review();
    if !review.is_empty() {
        let ids: Vec<&str> = review.iter().map(|id| id.as_str()).collect();
        let _ = writeln!(out, "<p>To review: {}</p>", escape(&ids.join(", ")));
    }
    if report.archived() > 0 {
        let _ = writeln!(out, "<p>Archived (kept whole in the assessment's archive): {}</p>", report.archived());
    }
    out.push_str("</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::scroll_tables;

    #[test]
    fn every_table_scrolls_in_a_box_of_its_own_once() {
        let page = r#"<p>a</p><table id="x"><tr><td>1</td></tr></table><div class="scroll"><table id="y"></table></div><table></table>"#;
        assert_eq!(
            scroll_tables(page),
            r#"<p>a</p><div class="scroll" tabindex="0"><table id="x"><tr><td>1</td></tr></table></div><div class="scroll"><table id="y"></table></div><div class="scroll" tabindex="0"><table></table></div>"#
        );
        assert_eq!(scroll_tables("no tables"), "no tables");
    }
}
