//! The assessment report as documents for people: one HTML page to put on a screen in a meeting
//! or attach to a paper, and the same picture in Markdown for wikis, issue trackers and papers.
//! What to show (the gaps to act on first, the strengths, the unknowns, every standard with its
//! rating, light and notes) is worked out once in [`View`], so the two always agree and a new
//! section is written in one place. The CSV table (`csv::report`) reads the same view.
//!
//! The view is made from the catalogue the report was scored with, as the caller gives it: a
//! catalogue in plain language (`Catalogue::with_plain_language`) puts each standard's plain
//! text in place of its description, and the documents follow.
//!
//! Every string from a catalogue or an assessment is escaped for the format. Every chart has a
//! text alternative and its numbers in a table; every colour has its word beside it.

use std::fmt::Write;

use carepath::{Assessment, BandId, Catalogue, Confidence, Priority, Rating, Report, Theme, ThemeScore};

use super::html::{self, close_page, figure, open_page, pill, section};
use super::markdown::{escape as md, escape_lines};
use super::svg::{self, Bar, Spoke, escape, tone};
use super::{area, light, percent, rating, score};

/// How many gaps the front page lists under "where to act first".
pub(crate) const FIRST_GAPS: usize = 5;

/// The sentence when no scored standard is below the top band.
const NO_GAPS: &str = "No scored standard is below the top band.";
/// How "where to act first" ranks the gaps.
const FIRST_GAPS_LEAD: &str = "The largest gaps, weighing how far each standard falls short by how much it matters (essential 3, expected 2, desirable 1).";
/// The sentence when no scored standard is in the top band.
const NO_STRENGTHS: &str = "No scored standard is in the top band yet.";
/// What the unknowns are.
const UNKNOWNS_LEAD: &str = "Nobody in the room knew: gaps in knowledge to close before the next assessment.";
/// The sentence when nothing was rated "don't know".
const NO_UNKNOWNS: &str = "Every standard rated had an answer.";

/// What an assessment's entry says about a standard beyond its rating.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Notes<'a> {
    pub(crate) evidence: Option<&'a str>,
    pub(crate) actions: Option<&'a str>,
    pub(crate) review: Option<&'a str>,
    pub(crate) confidence: Option<Confidence>,
}

/// A standard as the documents list it: what the catalogue says of it, and what the assessment
/// and the report say of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub(crate) id: &'a str,
    /// Its title (empty when the catalogue does not have it).
    pub(crate) title: &'a str,
    /// Its description (its plain text in a catalogue in plain language).
    pub(crate) description: &'a str,
    pub(crate) priority: Option<Priority>,
    pub(crate) rating: Option<Rating>,
    pub(crate) light: Option<&'a BandId>,
    /// The assessment's entry, when it has one.
    pub(crate) notes: Option<Notes<'a>>,
}

/// A gap, with its standard.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GapLine<'a> {
    pub(crate) line: Line<'a>,
    pub(crate) gap: &'a carepath::Gap,
}

/// A theme of the catalogue with each of its standards.
#[derive(Debug)]
pub(crate) struct ThemeLines<'a> {
    pub(crate) theme: &'a Theme,
    pub(crate) standards: Vec<Line<'a>>,
}

/// An action of the plan as the documents list it.
#[derive(Debug)]
pub(crate) struct ActionLine<'a> {
    pub(crate) action: &'a carepath::Action,
    /// Open and due before the report's `as_of` day.
    pub(crate) overdue: bool,
    /// Its status as people read it: `in progress`.
    pub(crate) status: &'static str,
}

/// A standard with a target.
#[derive(Debug)]
pub(crate) struct TargetLine<'a> {
    pub(crate) line: Line<'a>,
    pub(crate) target: carepath::Target,
    /// What is still to go (`None` without a score).
    pub(crate) to_go: Option<i32>,
}

/// The improvement plan: the actions, the gaps no action covers, the targets.
#[derive(Debug)]
pub(crate) struct PlanView<'a> {
    pub(crate) summary: &'a carepath::PlanSummary,
    pub(crate) actions: Vec<ActionLine<'a>>,
    pub(crate) unplanned: Vec<Line<'a>>,
    pub(crate) targets: Vec<TargetLine<'a>>,
}

/// Everything the documents show, worked out once.
#[derive(Debug)]
pub(crate) struct View<'a> {
    pub(crate) cat: &'a Catalogue,
    pub(crate) assessment: &'a Assessment,
    pub(crate) report: &'a Report,
    /// The gaps in rank order (largest weighted shortfall first).
    pub(crate) gaps: Vec<GapLine<'a>>,
    /// The standards in the top band, in catalogue order.
    pub(crate) strengths: Vec<Line<'a>>,
    /// The standards nobody knew, in catalogue order.
    pub(crate) unknowns: Vec<Line<'a>>,
    /// Every standard, theme by theme, in catalogue order.
    pub(crate) themes: Vec<ThemeLines<'a>>,
    /// How many themes have a score (the overall score is their mean).
    pub(crate) scored_themes: usize,
    /// The strongest and the weakest theme, when they are two different themes.
    pub(crate) extremes: Option<(&'a ThemeScore, &'a ThemeScore)>,
    /// The plan, when the assessment has actions or targets.
    pub(crate) plan: Option<PlanView<'a>>,
}

impl<'a> View<'a> {
    pub(crate) fn new(cat: &'a Catalogue, assessment: &'a Assessment, report: &'a Report) -> Self {
        let line = |id: &'a str| {
            let standard = cat.standard(id).map(|(_, s)| s);
            let scored = report.standard(id);
            Line {
                id,
                title: standard.map_or("", |s| s.title.as_str()),
                description: standard.map_or("", |s| s.description.as_str()),
                priority: standard.map(|s| s.priority),
                rating: scored.and_then(|s| s.rating),
                light: scored.and_then(|s| s.light.as_ref()),
                notes: assessment.entry(id).map(|e| Notes {
                    evidence: e.evidence.as_deref(),
                    actions: e.actions.as_deref(),
                    review: e.review.as_deref(),
                    confidence: e.confidence,
                }),
            }
        };
        let scored_themes: Vec<&ThemeScore> = report.themes.iter().filter(|t| t.score.is_some()).collect();
        let by_score = |a: &&ThemeScore, b: &&ThemeScore| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0));
        let weakest = scored_themes.iter().copied().min_by(by_score);
        let strongest = scored_themes.iter().copied().max_by(by_score);
        let extremes = match (strongest, weakest) {
            (Some(high), Some(low)) if high.id != low.id => Some((high, low)),
            _ => None,
        };
        let targets: Vec<TargetLine<'a>> = cat
            .standards()
            .filter_map(|(_, s)| {
                let entry = assessment.entry(s.id.as_str())?;
                let target = entry.target?;
                Some(TargetLine { line: line(s.id.as_str()), target, to_go: target.to_go(entry.rating.score()) })
            })
            .collect();
        let plan = report.plan.as_ref().filter(|_| !assessment.plan.is_empty() || !targets.is_empty()).map(|summary| {
            PlanView {
                summary,
                actions: assessment
                    .plan
                    .iter()
                    .map(|action| ActionLine {
                        action,
                        overdue: summary.overdue.contains(&action.id),
                        status: super::text::status_words(action.status),
                    })
                    .collect(),
                unplanned: summary.unplanned_gaps.iter().map(|id| line(id.as_str())).collect(),
                targets,
            }
        });
        View {
            plan,
            cat,
            assessment,
            report,
            gaps: report.gaps.iter().map(|gap| GapLine { line: line(gap.id.as_str()), gap }).collect(),
            strengths: report.strengths.iter().map(|id| line(id.as_str())).collect(),
            unknowns: report.unknowns.iter().map(|id| line(id.as_str())).collect(),
            themes: cat
                .themes
                .iter()
                .map(|theme| ThemeLines {
                    theme,
                    standards: theme.standards.iter().map(|s| line(s.id.as_str())).collect(),
                })
                .collect(),
            scored_themes: scored_themes.len(),
            extremes,
        }
    }

    /// The gaps "where to act first" lists.
    fn first_gaps(&self) -> &[GapLine<'a>] {
        &self.gaps[..self.gaps.len().min(FIRST_GAPS)]
    }

    /// How many gaps are left out of "where to act first".
    fn more_gaps(&self) -> usize {
        self.gaps.len().saturating_sub(FIRST_GAPS)
    }

    /// The word of a light (the band's label), or `no score`.
    fn light(&self, band: Option<&BandId>) -> String {
        light(self.cat, band)
    }

    /// Every standard in catalogue order.
    pub(crate) fn standards(&self) -> impl Iterator<Item = &Line<'a>> {
        self.themes.iter().flat_map(|t| &t.standards)
    }
}

/// The priority's name, or nothing when the catalogue does not know the standard.
pub(crate) fn priority(line: &Line<'_>) -> &'static str {
    line.priority.map_or("", Priority::as_str)
}

// ------------------------------------------------------------------------------------------
// HTML

/// The whole page.
pub(crate) fn html(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> String {
    let v = View::new(catalogue, assessment, report);
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

    html_summary(w, &v);
    html_themes(w, &v);
    html_cross_cutting(w, &v);
    html_gaps(w, &v);
    html_plan(w, &v);
    super::equity::html(w, &v);
    html_strengths_and_unknowns(w, &v);
    html_completeness(w, &v);
    html_every_standard(w, &v);
    html_archive(w, &v);
    html_about(w, &v);
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

/// A bar of a score, coloured by its light and noted `3.2 Amber` (or `no score`).
fn bar(catalogue: &Catalogue, label: String, value: Option<f64>, band: Option<&BandId>) -> Bar {
    let note = match value {
        Some(_) => format!("{} {}", score(value), light(catalogue, band)),
        None => "no score".to_owned(),
    };
    Bar { label, value, tone: tone(band.map(BandId::as_str)), note, target: None }
}

fn html_summary(w: &mut String, v: &View<'_>) {
    let (catalogue, report) = (v.cat, v.report);
    let o = &report.overall;
    section(w, "card", "summary", "summary-h", "At a glance");
    let _ = writeln!(
        w,
        r#"<p class="lead">The overall score is the mean of the {} theme scores; each theme is the mean of its scored standards.</p>"#,
        v.scored_themes
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
    figure(w, v.gaps.len(), "gaps below the top band");
    figure(w, v.strengths.len(), "strengths in the top band");
    figure(w, v.unknowns.len(), "standards nobody knew");
    let _ = writeln!(w, "</div></div>");

    let _ = writeln!(w, "<div>");
    let _ = writeln!(w, "<h3>Where to act first</h3>");
    if v.gaps.is_empty() {
        let _ = writeln!(w, "<p>{NO_GAPS}</p>");
    } else {
        let _ = writeln!(w, r#"<p class="small">{FIRST_GAPS_LEAD}</p>"#);
        let _ = writeln!(w, r#"<ol class="first">"#);
        for g in v.first_gaps() {
            let _ = writeln!(
                w,
                r#"<li><b>{} {}</b><span class="why">{} rated {} of {}, {} priority.</span></li>"#,
                escape(g.line.id),
                escape(g.line.title),
                pill(catalogue, g.line.light),
                g.gap.rating,
                catalogue.scale.max,
                g.gap.priority.as_str()
            );
        }
        let _ = writeln!(w, "</ol>");
        if v.more_gaps() > 0 {
            let _ = writeln!(
                w,
                r##"<p class="small">{} more gaps are listed under <a href="#gaps">Gaps</a>.</p>"##,
                v.more_gaps()
            );
        }
    }
    if let Some((high, low)) = v.extremes {
        let _ = writeln!(
            w,
            "<p>Strongest theme: <b>{} {}</b> ({} {}). Weakest theme: <b>{} {}</b> ({} {}).</p>",
            escape(high.id.as_str()),
            escape(&high.title),
            score(high.score),
            escape(&v.light(high.light.as_ref())),
            escape(low.id.as_str()),
            escape(&low.title),
            score(low.score),
            escape(&v.light(low.light.as_ref())),
        );
    }
    let _ = writeln!(w, "</div></div>");
    let _ = writeln!(w, "</section>");
}

fn html_themes(w: &mut String, v: &View<'_>) {
    let (catalogue, report) = (v.cat, v.report);
    let axis = html::axis(catalogue);
    let bars: Vec<Bar> = report
        .themes
        .iter()
        .map(|t| Bar {
            target: t.target_score,
            ..bar(catalogue, format!("{} {}", t.id, t.title), t.score, t.light.as_ref())
        })
        .collect();
    let targets = report.overall.target_score.is_some();
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
        r#"<p class="lead">Each bar is a theme's score, coloured by its light; the stripes behind show the bands ({}).{}</p>"#,
        html::band_words(catalogue),
        if targets {
            " Where the theme has targets, a dashed outline runs on to a black tick at the score it would have with every target met."
        } else {
            ""
        }
    );
    let _ = writeln!(
        w,
        r#"<figure class="wide">{}</figure>"#,
        svg::bar_chart("theme-bars", "Theme scores (bar chart)", &intro, &bars, &axis)
    );
    let overall_tone = html::tone_of(catalogue, report.overall.score);
    let _ = writeln!(w, r#"<div class="pair">"#);
    let _ = writeln!(
        w,
        "<figure>{}</figure>",
        svg::radar_chart("theme-radar", "Theme scores (radar chart)", &intro, &spokes, &axis, overall_tone)
    );
    let _ = writeln!(w, r#"<table class="numbers" id="theme-table"><caption>Theme scores in numbers</caption>"#);
    let _ = writeln!(
        w,
        r#"<thead><tr><th>Theme</th><th class="num">Score</th><th>Light</th><th class="num">Scored</th>{}</tr></thead><tbody>"#,
        if targets { r#"<th class="num">With targets met</th>"# } else { "" }
    );
    // The score with every target met, where the report has targets (a theme without one keeps
    // its score, as in the overall target score).
    let aimed = |target: Option<f64>, now: Option<f64>| {
        if targets { format!(r#"<td class="num">{}</td>"#, score(target.or(now))) } else { String::new() }
    };
    for t in &report.themes {
        let _ = writeln!(
            w,
            r#"<tr data-theme="{}"><td><b>{}</b> {}</td><td class="num">{}</td><td>{}</td><td class="num">{} of {}</td>{}</tr>"#,
            escape(t.id.as_str()),
            escape(t.id.as_str()),
            escape(&t.title),
            score(t.score),
            pill(catalogue, t.light.as_ref()),
            t.rated,
            t.total,
            aimed(t.target_score, t.score),
        );
    }
    let o = &report.overall;
    let _ = writeln!(
        w,
        r#"<tr class="overall-row"><td><b>Overall</b> (mean of theme scores)</td><td class="num"><b>{}</b></td><td>{}</td><td class="num">{} of {}</td>{}</tr>"#,
        score(o.score),
        pill(catalogue, o.light.as_ref()),
        o.rated,
        o.total,
        aimed(o.target_score, o.score),
    );
    let _ = writeln!(w, "</tbody></table></div>");
    let _ = writeln!(w, "</section>");
}

fn html_cross_cutting(w: &mut String, v: &View<'_>) {
    let (catalogue, report) = (v.cat, v.report);
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
            &html::axis(catalogue)
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

/// Evidence, actions, review note and confidence of a standard, as a definition list.
fn html_notes(notes: Option<&Notes<'_>>) -> String {
    let Some(notes) = notes else { return String::new() };
    let mut out = String::new();
    let mut item = |label: &str, text: &str| {
        let _ = write!(out, "<div><dt>{label}</dt><dd>{}</dd></div>", escape(text));
    };
    if let Some(evidence) = notes.evidence {
        item("Evidence", evidence);
    }
    if let Some(actions) = notes.actions {
        item("Actions", actions);
    }
    if let Some(review) = notes.review {
        item("To review", review);
    }
    if let Some(confidence) = notes.confidence {
        let _ = write!(out, r#"<div class="confidence"><dt>Confidence</dt><dd>{}</dd></div>"#, confidence.as_str());
    }
    if out.is_empty() { out } else { format!(r#"<dl class="gap-detail">{out}</dl>"#) }
}

fn html_gaps(w: &mut String, v: &View<'_>) {
    let catalogue = v.cat;
    section(w, "card long", "gaps", "gaps-h", "Gaps");
    if v.gaps.is_empty() {
        let _ = writeln!(w, "<p>{NO_GAPS}</p></section>");
        return;
    }
    let _ = writeln!(
        w,
        r#"<p class="lead">{} scored standards are below the top band. They are ranked by priority weight (essential 3, expected 2, desirable 1) times shortfall (how far the rating is from {}), largest first.</p>"#,
        v.gaps.len(),
        catalogue.scale.max
    );
    let _ = writeln!(
        w,
        r#"<table id="gap-table"><thead><tr><th class="num">Rank</th><th>Standard</th><th>Rating</th><th>Priority</th><th class="num">Weight &#215; shortfall</th></tr></thead><tbody>"#
    );
    for (i, GapLine { line, gap: g }) in v.gaps.iter().enumerate() {
        let _ = writeln!(
            w,
            r#"<tr data-standard="{id}"><td class="num">{rank}</td><td><b>{id} {title}</b><br><span class="small">{description}</span>{details}</td><td>{rating}&nbsp;{pill}</td><td><span class="priority priority-{priority}">{priority}</span></td><td class="num">{weight} &#215; {shortfall} = <b>{ws}</b></td></tr>"#,
            rank = i + 1,
            id = escape(line.id),
            title = escape(line.title),
            description = escape(line.description),
            details = html_notes(line.notes.as_ref()),
            rating = g.rating,
            pill = pill(catalogue, line.light),
            priority = g.priority.as_str(),
            weight = g.weight,
            shortfall = g.shortfall,
            ws = g.weighted_shortfall
        );
    }
    let _ = writeln!(w, "</tbody></table></section>");
}

/// The improvement plan: the actions (overdue marked), the gaps no action covers, the targets.
fn html_plan(w: &mut String, v: &View<'_>) {
    let Some(plan) = &v.plan else { return };
    section(w, "card long", "plan", "plan-h", "Action plan");
    let _ = writeln!(
        w,
        r#"<p class="lead">As of <time datetime="{d}">{d}</time>: {}, {} overdue; {} of {} gaps have no action.</p>"#,
        plan_counts(plan.summary),
        plan.summary.overdue.len(),
        plan.unplanned.len(),
        v.gaps.len(),
        d = plan.summary.as_of
    );
    if !plan.actions.is_empty() {
        let _ = writeln!(
            w,
            r#"<table id="plan-table"><thead><tr><th>Action</th><th>Standards</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>"#
        );
        for a in &plan.actions {
            let x = a.action;
            let standards: Vec<String> = x.standards.iter().map(|s| escape(s.as_str())).collect();
            let notes = x
                .notes
                .as_deref()
                .map_or_else(String::new, |n| format!(r#"<br><span class="small">{}</span>"#, escape(n)));
            let _ = writeln!(
                w,
                r#"<tr data-action="{id}"{class}><td><b>{id}</b> {title}{notes}</td><td>{standards}</td><td>{owner}</td><td>{due}</td><td>{status}{overdue}</td></tr>"#,
                id = escape(x.id.as_str()),
                class = if a.overdue { r#" class="overdue""# } else { "" },
                title = escape(&x.title),
                standards = standards.join(", "),
                owner = x.owner.as_deref().map(escape).unwrap_or_default(),
                due = x.due.map_or_else(String::new, |d| format!(r#"<time datetime="{d}">{d}</time>"#)),
                status = a.status,
                overdue = if a.overdue { " <b>(overdue)</b>" } else { "" }
            );
        }
        let _ = writeln!(w, "</tbody></table>");
    }
    if !plan.unplanned.is_empty() {
        let _ = writeln!(w, r#"<h3>Gaps with no action</h3><ul class="plain">"#);
        for l in &plan.unplanned {
            let _ = writeln!(w, "<li><b>{}</b> {} ({})</li>", escape(l.id), escape(l.title), escape(&rating(l.rating)));
        }
        let _ = writeln!(w, "</ul>");
    }
    if !plan.targets.is_empty() {
        let _ = writeln!(
            w,
            r#"<h3>Targets</h3><table id="target-table"><thead><tr><th>Standard</th><th class="num">Rating</th><th class="num">Target</th><th>By</th><th class="num">To go</th></tr></thead><tbody>"#
        );
        for t in &plan.targets {
            let _ = writeln!(
                w,
                r#"<tr data-standard="{id}"><td><b>{id}</b> {title}</td><td class="num">{rating}</td><td class="num">{target}</td><td>{by}</td><td class="num">{to_go}</td></tr>"#,
                id = escape(t.line.id),
                title = escape(t.line.title),
                rating = escape(&rating(t.line.rating)),
                target = t.target.rating,
                by = t.target.by.map(|d| d.to_string()).unwrap_or_default(),
                to_go = t
                    .to_go
                    .map_or_else(|| "&#8211;".to_owned(), |n| if n == 0 { "met".to_owned() } else { n.to_string() })
            );
        }
        let _ = writeln!(w, "</tbody></table>");
    }
    let _ = writeln!(w, "</section>");
}

/// `5 actions (2 planned, 1 in progress, 1 done, 1 dropped)`.
fn plan_counts(summary: &carepath::PlanSummary) -> String {
    match super::text::status_counts(summary) {
        None => "no actions".to_owned(),
        Some((noun, counts)) => format!("{} {noun} ({counts})", summary.actions),
    }
}

fn html_strengths_and_unknowns(w: &mut String, v: &View<'_>) {
    let catalogue = v.cat;
    let _ = writeln!(w, r#"<div class="grid">"#);
    section(w, "card long", "strengths", "strengths-h", "Strengths");
    if v.strengths.is_empty() {
        let _ = writeln!(w, "<p>{NO_STRENGTHS}</p>");
    } else {
        let _ =
            writeln!(w, r#"<p class="lead">Standards in the top band: what to keep and share.</p><ul class="plain">"#);
        for s in &v.strengths {
            let _ = writeln!(
                w,
                "<li><b>{} {}</b> {} {}{}</li>",
                escape(s.id),
                escape(s.title),
                escape(&rating(s.rating)),
                pill(catalogue, s.light),
                html_notes(s.notes.as_ref())
            );
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</section>");
    section(w, "card long", "unknowns", "unknowns-h", "Don't know");
    if v.unknowns.is_empty() {
        let _ = writeln!(w, "<p>{NO_UNKNOWNS}</p>");
    } else {
        let _ = writeln!(w, r#"<p class="lead">{UNKNOWNS_LEAD}</p><ul class="plain">"#);
        for s in &v.unknowns {
            let _ = writeln!(w, "<li><b>{} {}</b>{}</li>", escape(s.id), escape(s.title), html_notes(s.notes.as_ref()));
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</section></div>");
}

fn html_completeness(w: &mut String, v: &View<'_>) {
    section(w, "card", "completeness", "complete-h", "Completeness");
    let _ = writeln!(
        w,
        r#"<p class="lead">How much of each theme has an answer: standards scored or not applicable, out of all its standards.</p>"#
    );
    let _ = writeln!(
        w,
        r#"<table id="completeness-table"><thead><tr><th>Theme</th><th class="num">Complete</th><th><span class="sr">Complete, as a bar</span></th><th class="num">Scored</th><th class="num">Not applicable</th><th class="num">Don't know</th><th class="num">Not rated</th></tr></thead><tbody>"#
    );
    for t in &v.report.themes {
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

fn html_every_standard(w: &mut String, v: &View<'_>) {
    section(w, "card long", "standards", "standards-h", "Every standard");
    for ThemeLines { theme, standards } in &v.themes {
        let _ = writeln!(w, "<h3>{} {}</h3>", escape(theme.id.as_str()), escape(&theme.title));
        let _ = writeln!(
            w,
            r#"<table class="standards"><thead><tr><th>Standard</th><th>Priority</th><th>Rating</th><th>Light</th></tr></thead><tbody>"#
        );
        for s in standards {
            let shown = if s.light.is_some() { pill(v.cat, s.light) } else { String::new() };
            let _ = writeln!(
                w,
                r#"<tr data-standard="{id}"><td><b>{id}</b> {title}</td><td>{priority}</td><td>{rating}</td><td>{shown}</td></tr>"#,
                id = escape(s.id),
                title = escape(s.title),
                priority = priority(s),
                rating = escape(&rating(s.rating)),
            );
        }
        let _ = writeln!(w, "</tbody></table>");
    }
    let _ = writeln!(w, "</section>");
}

fn html_archive(w: &mut String, v: &View<'_>) {
    if v.assessment.archive.is_empty() {
        return;
    }
    section(w, "card", "archive", "archive-h", "Archived ratings");
    let _ = writeln!(
        w,
        r#"<p class="lead">Ratings kept from earlier editions of the standards ({}).</p><ul class="plain">"#,
        escape(v.cat.id.as_str())
    );
    for a in &v.assessment.archive {
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

fn html_about(w: &mut String, v: &View<'_>) {
    let catalogue = v.cat;
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
        html::band_words(catalogue)
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

// ------------------------------------------------------------------------------------------
// Markdown

/// The same picture as the page, in Markdown lists and tables.
pub(crate) fn markdown(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> String {
    let v = View::new(catalogue, assessment, report);
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}: {}\n", md(&catalogue.title), md(&report.area.name));
    let _ = writeln!(w, "- **Area:** {}", md(&area(&report.area)));
    let _ = writeln!(w, "- **Assessed on:** {}", report.assessed_on);
    let _ = writeln!(
        w,
        "- **Standards:** {} edition {} ({}, published {})",
        md(catalogue.id.as_str()),
        catalogue.version,
        md(&catalogue.publisher),
        catalogue.published
    );
    if !assessment.participants.is_empty() {
        let people: Vec<String> = assessment
            .participants
            .iter()
            .map(|p| match &p.organisation {
                Some(org) => format!("{} ({})", md(&p.role), md(org)),
                None => md(&p.role),
            })
            .collect();
        let _ = writeln!(w, "- **Taking part:** {}", people.join("; "));
    }

    let o = &report.overall;
    let _ = writeln!(w, "\n## Overall\n");
    let _ = writeln!(
        w,
        "**{} ({})**, the mean of the theme scores. {} of {} standards scored.",
        score(o.score),
        md(&v.light(o.light.as_ref())),
        o.rated,
        o.total
    );
    if let Some(notes) = &assessment.notes {
        let _ = writeln!(w, "\n> {}", escape_lines(notes, "> "));
    }

    let _ = writeln!(w, "\n## Where to act first\n");
    if v.gaps.is_empty() {
        let _ = writeln!(w, "{NO_GAPS}");
    } else {
        let _ = writeln!(w, "{FIRST_GAPS_LEAD}\n");
        for (i, g) in v.first_gaps().iter().enumerate() {
            let _ = writeln!(
                w,
                "{}. **{} {}**: rated {} of {} ({}), {} priority",
                i + 1,
                md(g.line.id),
                md(g.line.title),
                g.gap.rating,
                catalogue.scale.max,
                md(&v.light(g.line.light)),
                g.gap.priority.as_str()
            );
        }
        if v.more_gaps() > 0 {
            let _ = writeln!(w, "\n{} more gaps are listed under Gaps below.", v.more_gaps());
        }
    }

    let _ = writeln!(w, "\n## Themes\n");
    let _ = writeln!(w, "| Theme | Score | Light | Scored | Not applicable | Don't know | Not rated | Complete |");
    let _ = writeln!(w, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for t in &report.themes {
        let _ = writeln!(
            w,
            "| {} {} | {} | {} | {} | {} | {} | {} | {} |",
            md(t.id.as_str()),
            md(&t.title),
            score(t.score),
            md(&v.light(t.light.as_ref())),
            t.rated,
            t.not_applicable,
            t.unknown,
            t.unrated,
            percent(t.completeness)
        );
    }

    if !report.cross_cutting.is_empty() {
        let _ = writeln!(w, "\n## Cross-cutting themes\n");
        let _ = writeln!(w, "| Cross-cutting theme | Score | Light | Scored |");
        let _ = writeln!(w, "| --- | ---: | --- | ---: |");
        for c in &report.cross_cutting {
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} of {} |",
                md(&c.title),
                score(c.score),
                md(&v.light(c.light.as_ref())),
                c.rated,
                c.total
            );
        }
    }

    let _ = writeln!(w, "\n## Gaps\n");
    if v.gaps.is_empty() {
        let _ = writeln!(w, "{NO_GAPS}");
    } else {
        let _ = writeln!(w, "Scored standards below the top band, ranked by priority weight × shortfall.\n");
        for (i, GapLine { line, gap: g }) in v.gaps.iter().enumerate() {
            let marker = format!("{}. ", i + 1);
            let _ = writeln!(
                w,
                "{marker}**{} {}**: rated {} ({}), {} priority, {} × {} = {}",
                md(line.id),
                md(line.title),
                g.rating,
                md(&v.light(line.light)),
                g.priority.as_str(),
                g.weight,
                g.shortfall,
                g.weighted_shortfall
            );
            md_notes(w, line.notes.as_ref(), marker.len());
        }
    }

    let _ = writeln!(w, "\n## Strengths\n");
    if v.strengths.is_empty() {
        let _ = writeln!(w, "{NO_STRENGTHS}");
    }
    for s in &v.strengths {
        let _ = writeln!(w, "- **{} {}**", md(s.id), md(s.title));
        md_notes(w, s.notes.as_ref(), 2);
    }

    let _ = writeln!(w, "\n## Don't know\n");
    if v.unknowns.is_empty() {
        let _ = writeln!(w, "{NO_UNKNOWNS}");
    } else {
        let _ = writeln!(w, "{UNKNOWNS_LEAD}\n");
    }
    for s in &v.unknowns {
        let _ = writeln!(w, "- **{} {}**", md(s.id), md(s.title));
        md_notes(w, s.notes.as_ref(), 2);
    }

    let _ = writeln!(w, "\n## Every standard\n");
    let _ = writeln!(w, "| Standard | Title | Priority | Rating | Light |");
    let _ = writeln!(w, "| --- | --- | --- | ---: | --- |");
    for s in v.standards() {
        let shown_light = if s.light.is_some() { md(&v.light(s.light)) } else { String::new() };
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            md(s.id),
            md(s.title),
            priority(s),
            rating(s.rating),
            shown_light
        );
    }

    super::equity::markdown(w, &v);
    if let Some(plan) = &v.plan {
        let _ = writeln!(w, "\n## Action plan\n");
        let _ = writeln!(
            w,
            "As of {}: {}, {} overdue; {} of {} gaps have no action.\n",
            plan.summary.as_of,
            plan_counts(plan.summary),
            plan.summary.overdue.len(),
            plan.unplanned.len(),
            v.gaps.len()
        );
        if !plan.actions.is_empty() {
            let _ = writeln!(w, "| Action | Standards | Owner | Due | Status |");
            let _ = writeln!(w, "| --- | --- | --- | --- | --- |");
            for a in &plan.actions {
                let x = a.action;
                let standards: Vec<String> = x.standards.iter().map(|s| md(s.as_str())).collect();
                let _ = writeln!(
                    w,
                    "| **{}** {} | {} | {} | {} | {}{} |",
                    md(x.id.as_str()),
                    md(&x.title),
                    standards.join(", "),
                    x.owner.as_deref().map(md).unwrap_or_default(),
                    x.due.map(|d| d.to_string()).unwrap_or_default(),
                    a.status,
                    if a.overdue { " **(overdue)**" } else { "" }
                );
            }
        }
        if !plan.unplanned.is_empty() {
            let _ = writeln!(w, "\nGaps with no action:\n");
            for l in &plan.unplanned {
                let _ = writeln!(w, "- **{} {}** ({})", md(l.id), md(l.title), rating(l.rating));
            }
        }
        if !plan.targets.is_empty() {
            let _ = writeln!(w, "\n| Target | Rating | Target | By | To go |");
            let _ = writeln!(w, "| --- | ---: | ---: | --- | ---: |");
            for t in &plan.targets {
                let _ = writeln!(
                    w,
                    "| **{}** {} | {} | {} | {} | {} |",
                    md(t.line.id),
                    md(t.line.title),
                    rating(t.line.rating),
                    t.target.rating,
                    t.target.by.map(|d| d.to_string()).unwrap_or_default(),
                    t.to_go.map_or_else(
                        || "\u{2013}".to_owned(),
                        |n| if n == 0 { "met".to_owned() } else { n.to_string() }
                    )
                );
            }
        }
    }

    if !assessment.archive.is_empty() {
        let _ = writeln!(w, "\n## Archived ratings\n");
        let _ = writeln!(w, "Ratings kept from earlier editions of the standards.\n");
        for a in &assessment.archive {
            let _ = writeln!(
                w,
                "- **{} {}** (edition {}): {}. {}",
                md(a.standard.as_str()),
                rating(Some(a.rating)),
                a.catalogue.version,
                md(&a.reason),
                a.evidence.as_deref().map(md).unwrap_or_default()
            );
        }
    }

    let _ = writeln!(w, "\n## About these standards\n");
    let _ = writeln!(
        w,
        "{} (edition {}, {}, published {}).",
        md(&catalogue.title),
        catalogue.version,
        md(&catalogue.publisher),
        catalogue.published
    );
    let _ = writeln!(
        w,
        "Each standard is rated {} to {}; lights: {} (the top of the last band included).\n",
        catalogue.scale.min,
        catalogue.scale.max,
        super::markdown::band_words(catalogue)
    );
    let _ = writeln!(w, "Sources:\n");
    for s in &catalogue.sources {
        let _ = writeln!(w, "- {}, {} ({})", md(&s.title), md(&s.publisher), s.year);
    }
    out
}

/// Evidence, confidence, actions and review note of a standard, as a list nested under the
/// list item whose marker (`- `, `12. `) is `marker` characters wide. Line breaks in the text
/// are kept, with each line indented to stay inside its nested item.
fn md_notes(w: &mut String, notes: Option<&Notes<'_>>, marker: usize) {
    let Some(notes) = notes else { return };
    // At least three spaces, as before, and never less than the parent's content column.
    let pad = " ".repeat(marker.max(3));
    let inner = format!("{pad}  ");
    if let Some(evidence) = notes.evidence {
        let _ = writeln!(w, "{pad}- Evidence: {}", escape_lines(evidence, &inner));
    }
    if let Some(confidence) = notes.confidence {
        let _ = writeln!(w, "{pad}- Confidence: {}", confidence.as_str());
    }
    if let Some(actions) = notes.actions {
        let _ = writeln!(w, "{pad}- Actions: {}", escape_lines(actions, &inner));
    }
    if let Some(review) = notes.review {
        let _ = writeln!(w, "{pad}- To review: {}", escape_lines(review, &inner));
    }
}
