//! The HTML report: one self-contained page (inline CSS and SVG, no script, no external fetch)
//! to put on a screen in a meeting or attach to a paper.
//!
//! Every catalogue and user string is escaped. Every chart has a text alternative and its
//! numbers are also in a table; every colour has its word beside it. A Content Security Policy
//! in the page forbids scripts and any network fetch, and print CSS keeps it readable on paper.

use std::fmt::Write;

use carepath::{Assessment, BandId, Catalogue, Rating, Report};

use super::svg::{self, Axis, Bar, Spoke, Tone, escape, tone};
use super::{area, light, percent, rating, score, title};

/// How many gaps the front page lists under "where to act first".
pub(crate) const FIRST_GAPS: usize = 5;

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
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:22px;align-items:start}
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
.scroll{overflow-x:auto}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin:0 .3em 0 .1em;vertical-align:-.05em;border:1px solid rgba(0,0,0,.3)}
.sw-red{background:var(--red)}.sw-amber{background:var(--amber)}.sw-green{background:var(--green)}.sw-other{background:var(--other)}.sw-none{background:transparent}
footer{color:var(--muted);font-size:13px;text-align:center;padding:0 0 30px}
@media (max-width:800px){.hero,.hero.wide-left,.pair,.tables{grid-template-columns:1fr}main{padding:16px}}
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

/// A bar of a score, coloured by its light and noted `3.2 Amber` (or `no score`).
fn bar(catalogue: &Catalogue, label: String, value: Option<f64>, band: Option<&BandId>) -> Bar {
    let note = match value {
        Some(_) => format!("{} {}", score(value), light(catalogue, band)),
        None => "no score".to_owned(),
    };
    Bar { label, value, tone: tone(band.map(BandId::as_str)), note }
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
    let _ = writeln!(
        w,
        "</main>\n<footer>Made with carepath {} from {made_from}. Scores are means of ratings on a {}\u{2013}{} scale, shown to one decimal.{note}</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        catalogue.scale.min,
        catalogue.scale.max
    );
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

/// The whole page.
pub(crate) fn report(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> String {
    let page_title = format!("{}: {} ({})", report.area.name, catalogue.title, report.assessed_on);
    let mut meta = vec![
        format!("Assessed on <time datetime=\"{d}\">{d}</time>", d = report.assessed_on),
        format!("Standards edition {}", escape(&catalogue.version.to_string())),
    ];
    if !assessment.participants.is_empty() {
        meta.push(format!("{} partners taking part", assessment.participants.len()));
    }
    let mut out = open_page(&page_title, &escape(&catalogue.title), &escape(&area(&report.area)), &meta);
    out.reserve(64 * 1024);
    let w = &mut out;

    summary(w, catalogue, report);
    themes(w, catalogue, report);
    cross_cutting(w, catalogue, report);
    gaps(w, catalogue, assessment, report);
    strengths_and_unknowns(w, catalogue, assessment, report);
    completeness(w, report);
    every_standard(w, catalogue, report);
    archive(w, catalogue, assessment);
    about(w, catalogue);
    let made_from = format!(
        "the assessment of {} on {} against {} edition {}",
        escape(&report.area.name),
        report.assessed_on,
        escape(catalogue.id.as_str()),
        escape(&catalogue.version.to_string())
    );
    close_page(w, &made_from, catalogue, "");
    out
}

fn summary(w: &mut String, catalogue: &Catalogue, report: &Report) {
    let o = &report.overall;
    let scored_themes = report.themes.iter().filter(|t| t.score.is_some()).count();
    section(w, "card", "summary", "summary-h", "At a glance");
    let _ = writeln!(
        w,
        r#"<p class="lead">The overall score is the mean of the {} theme scores; each theme is the mean of its scored standards.</p>"#,
        scored_themes
    );
    let _ = writeln!(w, r#"<div class="hero">"#);
    let _ = writeln!(w, r#"<div class="overall">"#);
    let _ = writeln!(w, r#"<div class="small">Overall score</div>"#);
    let _ = writeln!(
        w,
        r#"<div class="big" data-value="{}">{}<span class="of"> / {}</span></div>"#,
        o.score.map(|v| format!("{v:.1}")).unwrap_or_default(),
        score(o.score),
        catalogue.scale.max
    );
    let _ = writeln!(w, "<div>{}</div>", pill(catalogue, o.light.as_ref()));
    let _ = writeln!(w, r#"<div class="figures">"#);
    figure(w, format!("{} of {}", o.rated, o.total), "standards scored");
    figure(w, report.gaps.len(), "gaps below the top band");
    figure(w, report.strengths.len(), "strengths in the top band");
    figure(w, report.unknowns.len(), "standards nobody knew");
    let _ = writeln!(w, "</div></div>");

    let _ = writeln!(w, "<div>");
    let _ = writeln!(w, "<h3>Where to act first</h3>");
    if report.gaps.is_empty() {
        let _ = writeln!(w, "<p>No scored standard is below the top band.</p>");
    } else {
        let _ = writeln!(
            w,
            r#"<p class="small">The largest gaps, weighing how far each standard falls short by how much it matters (essential 3, expected 2, desirable 1).</p>"#
        );
        let _ = writeln!(w, r#"<ol class="first">"#);
        for g in report.gaps.iter().take(FIRST_GAPS) {
            let band = report.standard(g.id.as_str()).and_then(|s| s.light.as_ref());
            let _ = writeln!(
                w,
                r#"<li><b>{} {}</b><span class="why">{} rated {} of {}, {} priority.</span></li>"#,
                escape(g.id.as_str()),
                escape(title(catalogue, g.id.as_str())),
                pill(catalogue, band),
                g.rating,
                catalogue.scale.max,
                g.priority.as_str()
            );
        }
        let _ = writeln!(w, "</ol>");
        if report.gaps.len() > FIRST_GAPS {
            let _ = writeln!(
                w,
                r##"<p class="small">{} more gaps are listed under <a href="#gaps">Gaps</a>.</p>"##,
                report.gaps.len() - FIRST_GAPS
            );
        }
    }
    let weakest =
        report.themes.iter().filter_map(|t| t.score.map(|s| (s, t))).min_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, t)| t);
    let strongest =
        report.themes.iter().filter_map(|t| t.score.map(|s| (s, t))).max_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, t)| t);
    if let (Some(low), Some(high)) = (weakest, strongest)
        && low.id != high.id
    {
        let _ = writeln!(
            w,
            "<p>Strongest theme: <b>{} {}</b> ({} {}). Weakest theme: <b>{} {}</b> ({} {}).</p>",
            escape(high.id.as_str()),
            escape(&high.title),
            score(high.score),
            escape(&light(catalogue, high.light.as_ref())),
            escape(low.id.as_str()),
            escape(&low.title),
            score(low.score),
            escape(&light(catalogue, low.light.as_ref())),
        );
    }
    let _ = writeln!(w, "</div></div>");
    let _ = writeln!(w, "</section>");
}

fn themes(w: &mut String, catalogue: &Catalogue, report: &Report) {
    let axis = axis(catalogue);
    let bars: Vec<Bar> = report
        .themes
        .iter()
        .map(|t| bar(catalogue, format!("{} {}", t.id, t.title), t.score, t.light.as_ref()))
        .collect();
    let spokes: Vec<Spoke> = report
        .themes
        .iter()
        .zip(&bars)
        .map(|(t, b)| Spoke {
            short: t.id.to_string(),
            label: b.label.clone(),
            value: b.value,
            tone: b.tone,
            note: b.note.clone(),
        })
        .collect();
    let intro = format!(
        "Mean rating of the scored standards in each theme, on a scale of {} to {}.",
        catalogue.scale.min, catalogue.scale.max
    );
    section(w, "card", "themes", "themes-h", "Themes");
    let _ = writeln!(
        w,
        r#"<p class="lead">Each bar is a theme's score, coloured by its light; the stripes behind show the bands ({}).</p>"#,
        band_words(catalogue)
    );
    let _ = writeln!(
        w,
        r#"<figure class="wide">{}</figure>"#,
        svg::bar_chart("theme-bars", "Theme scores (bar chart)", &intro, &bars, &axis)
    );
    let overall_tone = tone_of(catalogue, report.overall.score);
    let _ = writeln!(w, r#"<div class="pair">"#);
    let _ = writeln!(
        w,
        "<figure>{}</figure>",
        svg::radar_chart("theme-radar", "Theme scores (radar chart)", &intro, &spokes, &axis, overall_tone)
    );
    let _ = writeln!(w, r#"<table class="numbers" id="theme-table"><caption>Theme scores in numbers</caption>"#);
    let _ = writeln!(
        w,
        r#"<thead><tr><th>Theme</th><th class="num">Score</th><th>Light</th><th class="num">Scored</th></tr></thead><tbody>"#
    );
    for t in &report.themes {
        let _ = writeln!(
            w,
            r#"<tr data-theme="{}"><td><b>{}</b> {}</td><td class="num">{}</td><td>{}</td><td class="num">{} of {}</td></tr>"#,
            escape(t.id.as_str()),
            escape(t.id.as_str()),
            escape(&t.title),
            score(t.score),
            pill(catalogue, t.light.as_ref()),
            t.rated,
            t.total,
        );
    }
    let o = &report.overall;
    let _ = writeln!(
        w,
        r#"<tr class="overall-row"><td><b>Overall</b> (mean of theme scores)</td><td class="num"><b>{}</b></td><td>{}</td><td class="num">{} of {}</td></tr>"#,
        score(o.score),
        pill(catalogue, o.light.as_ref()),
        o.rated,
        o.total
    );
    let _ = writeln!(w, "</tbody></table></div>");
    let _ = writeln!(w, "</section>");
}

fn cross_cutting(w: &mut String, catalogue: &Catalogue, report: &Report) {
    if report.cross_cutting.is_empty() {
        return;
    }
    let bars: Vec<Bar> =
        report.cross_cutting.iter().map(|x| bar(catalogue, x.title.clone(), x.score, x.light.as_ref())).collect();
    section(w, "card", "cross-cutting", "cross-h", "Cross-cutting themes");
    let _ = writeln!(
        w,
        r#"<p class="lead">Views across the themes: the mean of the scored standards that carry each tag.</p>"#
    );
    let _ = writeln!(
        w,
        r#"<figure class="wide">{}</figure>"#,
        svg::bar_chart(
            "cross-bars",
            "Cross-cutting theme scores (bar chart)",
            "Mean rating of the scored standards in each cross-cutting theme.",
            &bars,
            &axis(catalogue)
        )
    );
    let _ = writeln!(
        w,
        r#"<table class="numbers" id="cross-table"><thead><tr><th>Cross-cutting theme</th><th class="num">Score</th><th>Light</th><th class="num">Scored</th></tr></thead><tbody>"#
    );
    for x in &report.cross_cutting {
        let description = catalogue.cross_cutting(x.id.as_str()).map(|c| c.description.as_str()).unwrap_or("");
        let _ = writeln!(
            w,
            r#"<tr><td><b>{}</b><br><span class="small">{}</span></td><td class="num">{}</td><td>{}</td><td class="num">{} of {}</td></tr>"#,
            escape(&x.title),
            escape(description),
            score(x.score),
            pill(catalogue, x.light.as_ref()),
            x.rated,
            x.total
        );
    }
    let _ = writeln!(w, "</tbody></table>");
    let _ = writeln!(w, "</section>");
}

/// Evidence, confidence, actions and review note of a standard, as a definition list.
fn details(assessment: &Assessment, id: &str) -> String {
    let Some(entry) = assessment.entry(id) else { return String::new() };
    let mut out = String::new();
    let mut item = |label: &str, text: &str| {
        let _ = write!(out, "<div><dt>{label}</dt><dd>{}</dd></div>", escape(text));
    };
    if let Some(evidence) = &entry.evidence {
        item("Evidence", evidence);
    }
    if let Some(actions) = &entry.actions {
        item("Actions", actions);
    }
    if let Some(review) = &entry.review {
        item("To review", review);
    }
    if let Some(confidence) = entry.confidence {
        let _ = write!(out, r#"<div class="confidence"><dt>Confidence</dt><dd>{}</dd></div>"#, confidence.as_str());
    }
    if out.is_empty() { out } else { format!(r#"<dl class="gap-detail">{out}</dl>"#) }
}

fn gaps(w: &mut String, catalogue: &Catalogue, assessment: &Assessment, report: &Report) {
    section(w, "card long", "gaps", "gaps-h", "Gaps");
    if report.gaps.is_empty() {
        let _ = writeln!(w, "<p>No scored standard is below the top band.</p></section>");
        return;
    }
    let _ = writeln!(
        w,
        r#"<p class="lead">{} scored standards are below the top band. They are ranked by priority weight (essential 3, expected 2, desirable 1) times shortfall (how far the rating is from {}), largest first.</p>"#,
        report.gaps.len(),
        catalogue.scale.max
    );
    let _ = writeln!(
        w,
        r#"<table id="gap-table"><thead><tr><th class="num">Rank</th><th>Standard</th><th>Rating</th><th>Priority</th><th class="num">Weight &#215; shortfall</th></tr></thead><tbody>"#
    );
    for (i, g) in report.gaps.iter().enumerate() {
        let band = report.standard(g.id.as_str()).and_then(|s| s.light.as_ref());
        let description = catalogue.standard(g.id.as_str()).map(|(_, s)| s.description.as_str()).unwrap_or("");
        let _ = writeln!(
            w,
            r#"<tr data-standard="{id}"><td class="num">{rank}</td><td><b>{id} {title}</b><br><span class="small">{description}</span>{details}</td><td>{rating}&nbsp;{pill}</td><td><span class="priority priority-{priority}">{priority}</span></td><td class="num">{weight} &#215; {shortfall} = <b>{ws}</b></td></tr>"#,
            rank = i + 1,
            id = escape(g.id.as_str()),
            title = escape(title(catalogue, g.id.as_str())),
            description = escape(description),
            details = details(assessment, g.id.as_str()),
            rating = g.rating,
            pill = pill(catalogue, band),
            priority = g.priority.as_str(),
            weight = g.weight,
            shortfall = g.shortfall,
            ws = g.weighted_shortfall
        );
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

fn strengths_and_unknowns(w: &mut String, catalogue: &Catalogue, assessment: &Assessment, report: &Report) {
    let _ = writeln!(w, r#"<div class="grid">"#);
    section(w, "card long", "strengths", "strengths-h", "Strengths");
    if report.strengths.is_empty() {
        let _ = writeln!(w, "<p>No scored standard is in the top band yet.</p>");
    } else {
        let _ =
            writeln!(w, r#"<p class="lead">Standards in the top band: what to keep and share.</p><ul class="plain">"#);
        for id in &report.strengths {
            let band = report.standard(id.as_str()).and_then(|s| s.light.as_ref());
            let r = report.standard(id.as_str()).and_then(|s| s.rating);
            let _ = writeln!(
                w,
                "<li><b>{} {}</b> {} {}{}</li>",
                escape(id.as_str()),
                escape(title(catalogue, id.as_str())),
                escape(&rating(r)),
                pill(catalogue, band),
                details(assessment, id.as_str())
            );
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</section>");
    section(w, "card long", "unknowns", "unknowns-h", "Don't know");
    if report.unknowns.is_empty() {
        let _ = writeln!(w, "<p>Every standard rated had an answer.</p>");
    } else {
        let _ = writeln!(
            w,
            r#"<p class="lead">Nobody in the room knew: gaps in knowledge to close before the next assessment.</p><ul class="plain">"#
        );
        for id in &report.unknowns {
            let _ = writeln!(
                w,
                "<li><b>{} {}</b>{}</li>",
                escape(id.as_str()),
                escape(title(catalogue, id.as_str())),
                details(assessment, id.as_str())
            );
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</section></div>");
}

fn completeness(w: &mut String, report: &Report) {
    section(w, "card", "completeness", "complete-h", "Completeness");
    let _ = writeln!(
        w,
        r#"<p class="lead">How much of each theme has an answer: standards scored or not applicable, out of all its standards.</p>"#
    );
    let _ = writeln!(
        w,
        r#"<table id="completeness-table"><thead><tr><th>Theme</th><th class="num">Complete</th><th>&#160;</th><th class="num">Scored</th><th class="num">Not applicable</th><th class="num">Don't know</th><th class="num">Not rated</th></tr></thead><tbody>"#
    );
    for t in &report.themes {
        let _ = writeln!(
            w,
            r#"<tr><td><b>{}</b> {}</td><td class="num">{}</td><td><div class="meter" role="img" aria-label="{} complete"><span style="width:{:.0}%"></span></div></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            escape(t.id.as_str()),
            escape(&t.title),
            percent(t.completeness),
            percent(t.completeness),
            (t.completeness * 100.0).clamp(0.0, 100.0),
            t.rated,
            t.not_applicable,
            t.unknown,
            t.unrated
        );
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

fn every_standard(w: &mut String, catalogue: &Catalogue, report: &Report) {
    section(w, "card long", "standards", "standards-h", "Every standard");
    for theme in &catalogue.themes {
        let _ = writeln!(w, "<h3>{} {}</h3>", escape(theme.id.as_str()), escape(&theme.title));
        let _ = writeln!(
            w,
            r#"<table class="standards"><thead><tr><th>Standard</th><th>Priority</th><th>Rating</th><th>Light</th></tr></thead><tbody>"#
        );
        for s in &theme.standards {
            let scored = report.standard(s.id.as_str());
            let r: Option<Rating> = scored.and_then(|x| x.rating);
            let band = scored.and_then(|x| x.light.as_ref());
            let shown = if band.is_some() { pill(catalogue, band) } else { String::new() };
            let _ = writeln!(
                w,
                r#"<tr data-standard="{id}"><td><b>{id}</b> {title}</td><td>{priority}</td><td>{rating}</td><td>{shown}</td></tr>"#,
                id = escape(s.id.as_str()),
                title = escape(&s.title),
                priority = s.priority.as_str(),
                rating = escape(&rating(r)),
            );
        }
        let _ = writeln!(w, "</tbody></table>");
    }
    let _ = writeln!(w, "</section>");
}

fn archive(w: &mut String, catalogue: &Catalogue, assessment: &Assessment) {
    if assessment.archive.is_empty() {
        return;
    }
    section(w, "card", "archive", "archive-h", "Archived ratings");
    let _ = writeln!(
        w,
        r#"<p class="lead">Ratings kept from earlier editions of the standards ({}).</p><ul class="plain">"#,
        escape(catalogue.id.as_str())
    );
    for a in &assessment.archive {
        let _ = writeln!(
            w,
            "<li><b>{}</b> (edition {}): {}. {}</li>",
            escape(a.standard.as_str()),
            escape(&a.catalogue.version.to_string()),
            escape(&rating(Some(a.rating))),
            escape(&a.reason)
        );
    }
    let _ = writeln!(w, "</ul></section>");
}

fn about(w: &mut String, catalogue: &Catalogue) {
    section(w, "card", "about", "about-h", "About these standards");
    let _ = writeln!(
        w,
        "<p><b>{}</b>, edition {} (<code>{}</code>), published by {} on {}.</p>",
        escape(&catalogue.title),
        escape(&catalogue.version.to_string()),
        escape(catalogue.id.as_str()),
        escape(&catalogue.publisher),
        catalogue.published
    );
    if let Some(description) = &catalogue.description {
        let _ = writeln!(w, "<p>{}</p>", escape(description));
    }
    let _ = writeln!(w, "<h3>The rating scale</h3>");
    let _ = writeln!(
        w,
        r#"<table id="scale-table"><thead><tr><th class="num">Rating</th><th>Meaning</th><th>Light</th></tr></thead><tbody>"#
    );
    for level in &catalogue.scale.levels {
        let band = catalogue.scale.light(f64::from(level.value));
        let _ = writeln!(
            w,
            r#"<tr><td class="num"><b>{}</b></td><td><b>{}</b>: {}</td><td>{}</td></tr>"#,
            level.value,
            escape(&level.label),
            escape(&level.description),
            pill(catalogue, band)
        );
    }
    let _ = writeln!(w, "</tbody></table>");
    let _ = writeln!(
        w,
        r#"<p class="small">Averages take the same lights: {}. "Not applicable" and "don't know" are left out of every mean; a theme with nothing scored has no score.</p>"#,
        band_words(catalogue)
    );
    let _ = writeln!(w, "<h3>Sources</h3><ul>");
    for s in &catalogue.sources {
        let link = s
            .url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(|u| format!(r#" <a href="{}">{}</a>"#, escape(u), escape(u)))
            .unwrap_or_default();
        let _ = writeln!(w, "<li>{}, {} ({}).{}</li>", escape(&s.title), escape(&s.publisher), s.year, link);
    }
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
