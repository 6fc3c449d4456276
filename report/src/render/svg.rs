//! Chart primitives drawn as inline SVG: horizontal bars, a radar (spider) chart, a heatmap, a
//! diverging change chart and a distribution (strip) chart.
//!
//! Every chart is self-contained markup (no script, no external reference) and accessible: the
//! `<svg>` has `role="img"` and is labelled by its own `<title>` and `<desc>`; the `<desc>`
//! states every number shown, and each mark carries `data-label` / `data-value` attributes and a
//! `<title>` tooltip. Colour is never the only signal: each value is printed with its band's
//! word. The caller also puts the numbers in a table beside the chart.
//!
//! The primitives know nothing of reports: they take labels, numbers and [`Tone`]s, so the
//! comparison and benchmark reports can use them as they are.

use std::fmt::Write;

/// Escapes text for HTML and SVG (element content and quoted attribute values).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
use crate::palette::{AMBER, GREEN, NEUTRAL, RED};
pub(crate) use crate::palette::{FALL, NONE, RISE, Tone, tone};

/// The value axis shared by the charts: the scale's range and its bands, drawn as pale stripes.
#[derive(Debug, Clone)]
pub(crate) struct Axis {
    pub(crate) min: f64,
    pub(crate) max: f64,
    /// `(from, to, tone, word)` for each band, lowest first.
    pub(crate) bands: Vec<(f64, f64, Tone, String)>,
}

impl Axis {
    fn span(&self) -> f64 {
        let span = self.max - self.min;
        if span > 0.0 { span } else { 1.0 }
    }

    /// Position of `value` in `0..=1` along the axis, clamped.
    fn fraction(&self, value: f64) -> f64 {
        ((value - self.min) / self.span()).clamp(0.0, 1.0)
    }

    /// Whole numbers from min to max (at most 20 of them), for ticks and rings.
    fn ticks(&self) -> Vec<f64> {
        let (lo, hi) = (self.min.ceil(), self.max.floor());
        let count = (hi - lo).max(0.0);
        let step = if count > 20.0 { (count / 10.0).ceil() } else { 1.0 };
        let mut ticks = Vec::new();
        let mut v = lo;
        while v <= hi + 1e-9 && ticks.len() < 64 {
            ticks.push(v);
            v += step;
        }
        ticks
    }
}

/// One bar: a label, a value (none when there is no score) and its tone; `note` is the text
/// shown after the bar and in the text alternative (such as `3.2 Amber`). A `target` (the value
/// with every target met) is drawn as a dashed extension ending in a tick, and is named in the
/// text alternative.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: Option<f64>,
    pub(crate) tone: Tone,
    pub(crate) note: String,
    pub(crate) target: Option<f64>,
}

impl Bar {
    /// What the text alternative and the tooltip say of the bar.
    fn described(&self) -> String {
        match (self.value, self.target) {
            (Some(_), Some(t)) => format!("{}; {} with every target met", self.note, num(t)),
            _ => self.note.clone(),
        }
    }
}

/// A number with one decimal, for notes and labels.
fn num(value: f64) -> String {
    format!("{value:.1}")
}

/// A number in full, for `data-value` attributes (machine-readable).
fn exact(value: f64) -> String {
    value.to_string()
}

/// Coordinates with two decimals, so the markup stays small and stable.
fn c(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// Shortens a label to `max` characters with an ellipsis (the full text stays in the tooltip,
/// the text alternative and the table).
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

/// The points of a polygon: `x,y x,y …`.
fn polygon(points: impl Iterator<Item = (f64, f64)>) -> String {
    points.map(|(x, y)| format!("{},{}", c(x), c(y))).collect::<Vec<_>>().join(" ")
}

/// Opens the group of one mark (a bar, a spoke, a row): its class, its label and value as data
/// attributes (`value` is the attribute's name and value, already in text form), and a tooltip
/// `label: note`.
fn open_mark(out: &mut String, class: &str, label: &str, (name, value): (&str, &str), note: &str) {
    let label = escape(label);
    let _ = write!(
        out,
        r#"<g class="{class}" data-label="{label}" {name}="{value}"><title>{label}: {}</title>"#,
        escape(note)
    );
}

/// A row's label, right-aligned to end at `x` and shortened to `max` characters.
fn row_label(out: &mut String, x: f64, y: f64, label: &str, max: usize) {
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" font-size="13" fill="#1d2330">{}</text>"##,
        c(x),
        c(y),
        escape(&shorten(label, max))
    );
}

/// Opens an accessible `<svg>`: labelled by its title and description.
fn open(out: &mut String, id: &str, class: &str, width: f64, height: f64, title: &str, desc: &str) {
    let id = escape(id);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="inherit">"#,
        w = c(width),
        h = c(height),
    );
    let _ =
        write!(out, r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#, escape(title), escape(desc));
}

/// The band stripes and ticks of a horizontal axis from `x0` to `x0 + width`, between `top` and
/// `bottom`; band words above, tick numbers below.
fn horizontal_axis(out: &mut String, axis: &Axis, x0: f64, width: f64, top: f64, bottom: f64, words: bool) {
    let _ = write!(out, r#"<g class="bands" aria-hidden="true">"#);
    for (from, to, tone, word) in &axis.bands {
        let a = x0 + axis.fraction(*from) * width;
        let b = x0 + axis.fraction(*to) * width;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.12"/>"#,
            c(a),
            c(top),
            c((b - a).max(0.0)),
            c(bottom - top),
            tone.fill
        );
        if words {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#4b5563">{}</text>"##,
                c((a + b) / 2.0),
                c(top - 6.0),
                escape(word)
            );
        }
    }
    for t in axis.ticks() {
        let x = x0 + axis.fraction(t) * width;
        let _ = write!(
            out,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#9ca3af" stroke-width="1" stroke-dasharray="2 3"/><text x="{x}" y="{}" text-anchor="middle" font-size="12" fill="#4b5563">{}</text>"##,
            c(top),
            c(bottom),
            c(bottom + 16.0),
            t,
            x = c(x),
        );
    }
    let _ = write!(out, "</g>");
}

/// The layout of a chart with one row per item over the banded value axis (the bar and
/// distribution charts): `label_w` of labels on the left, the plot, `note_w` of notes on the
/// right; band words above the first row and tick numbers below the last.
struct Rows {
    label_w: f64,
    note_w: f64,
    count: usize,
}

impl Rows {
    const PLOT_W: f64 = 380.0;
    const HEIGHT: f64 = 34.0;
    const TOP: f64 = 30.0;

    /// The top of row `i`.
    fn top(i: usize) -> f64 {
        Self::TOP + Self::HEIGHT * i as f64
    }

    /// Opens the `<svg>` and draws the axis behind the rows.
    fn open(&self, out: &mut String, id: &str, class: &str, title: &str, desc: &str, axis: &Axis) {
        let bottom = Self::top(self.count);
        let width = self.label_w + Self::PLOT_W + self.note_w;
        open(out, id, class, width, bottom + 28.0, title, desc);
        horizontal_axis(out, axis, self.label_w, Self::PLOT_W, Self::TOP, bottom, true);
    }
}

/// A horizontal bar chart: one row per bar, the value axis striped by band.
pub(crate) fn bar_chart(id: &str, title: &str, intro: &str, bars: &[Bar], axis: &Axis) -> String {
    let layout = Rows { label_w: 370.0, note_w: 120.0, count: bars.len() };
    let (label_w, plot_w, row_h) = (layout.label_w, Rows::PLOT_W, Rows::HEIGHT);
    let desc = describe(intro, bars.iter().map(|b| format!("{}: {}", b.label, b.described())));

    let mut out = String::new();
    layout.open(&mut out, id, "bar-chart", title, &desc, axis);
    for (i, bar) in bars.iter().enumerate() {
        let y = Rows::top(i);
        let mid = y + row_h / 2.0;
        open_mark(
            &mut out,
            "bar",
            &bar.label,
            ("data-value", &bar.value.map(exact).unwrap_or_default()),
            &bar.described(),
        );
        row_label(&mut out, label_w - 10.0, mid, &bar.label, 50);
        match bar.value {
            Some(v) => {
                let w = (axis.fraction(v) * plot_w).max(2.0);
                let mut end = w;
                let mut note = bar.note.clone();
                if let Some(t) = bar.target {
                    let tw = (axis.fraction(t) * plot_w).max(2.0);
                    if tw > w {
                        let _ = write!(
                            out,
                            r##"<rect class="target-gap" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#1d2330" stroke-dasharray="3 2"/>"##,
                            c(label_w + w),
                            c(y + 9.0),
                            c(tw - w),
                            c(row_h - 18.0)
                        );
                    }
                    let _ = write!(
                        out,
                        r##"<line class="target-mark" data-target="{}" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#1d2330" stroke-width="3"/>"##,
                        exact(t),
                        c(y + 3.0),
                        c(y + row_h - 3.0),
                        x = c(label_w + tw)
                    );
                    end = end.max(tw);
                    note = format!("{note} \u{2192} {}", num(t));
                }
                let _ = write!(
                    out,
                    r##"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="#1d2330" stroke-opacity="0.25"/>"##,
                    c(label_w),
                    c(y + 7.0),
                    c(w),
                    c(row_h - 14.0),
                    bar.tone.fill
                );
                let _ = write!(
                    out,
                    r##"<text x="{}" y="{}" dominant-baseline="middle" font-size="13" font-weight="600" fill="#1d2330">{}</text>"##,
                    c(label_w + end + 6.0),
                    c(mid),
                    escape(&note)
                );
            }
            None => {
                let _ = write!(
                    out,
                    r##"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="none" stroke="#6b7280" stroke-dasharray="4 3"/><text x="{}" y="{}" dominant-baseline="middle" font-size="13" font-style="italic" fill="#4b5563">{}</text>"##,
                    c(label_w),
                    c(y + 7.0),
                    c(plot_w * 0.25),
                    c(row_h - 14.0),
                    c(label_w + plot_w * 0.25 + 6.0),
                    c(mid),
                    escape(&bar.note)
                );
            }
        }
        let _ = write!(out, "</g>");
    }
    out.push_str("</svg>");
    out
}

/// One spoke of a radar chart.
#[derive(Debug, Clone)]
pub(crate) struct Spoke {
    /// Shown at the end of the spoke (keep it short, such as a theme id).
    pub(crate) short: String,
    /// The full name, for the tooltip and the text alternative.
    pub(crate) label: String,
    pub(crate) value: Option<f64>,
    pub(crate) tone: Tone,
    pub(crate) note: String,
}

/// A radar (spider) chart: one spoke per item, rings at each whole number of the scale, band
/// edges drawn stronger, the scores joined in a polygon and each point coloured by its band.
/// A spoke without a value has no point and is marked `no score` at its end.
pub(crate) fn radar_chart(id: &str, title: &str, intro: &str, spokes: &[Spoke], axis: &Axis, fill: Tone) -> String {
    let (width, height) = (580.0, 470.0);
    let (cx, cy) = (width / 2.0, height / 2.0 + 4.0);
    let radius = 160.0;
    let n = spokes.len().max(1) as f64;
    let angle = |i: usize| -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
    let point = |i: usize, r: f64| (cx + r * angle(i).cos(), cy + r * angle(i).sin());
    let desc = describe(intro, spokes.iter().map(|s| format!("{}: {}", s.label, s.note)));

    let mut out = String::new();
    open(&mut out, id, "radar-chart", width, height, title, &desc);
    let _ = write!(out, r#"<g class="grid" aria-hidden="true">"#);
    let ring = |r: f64| polygon((0..spokes.len()).map(|i| point(i, r)));
    // The bands as tinted rings, outermost first, each painted over a white base.
    for (_, to, tone, _) in axis.bands.iter().rev() {
        let pts = ring(axis.fraction(*to) * radius);
        let _ = write!(
            out,
            r##"<polygon points="{pts}" fill="#ffffff"/><polygon points="{pts}" fill="{}" fill-opacity="0.13"/>"##,
            tone.fill
        );
    }
    let edges: Vec<f64> = axis.bands.iter().map(|b| b.0).filter(|f| *f > axis.min).collect();
    for t in axis.ticks().into_iter().filter(|t| *t > axis.min) {
        let r = axis.fraction(t) * radius;
        let strong = edges.iter().any(|e| (e - t).abs() < 1e-9);
        let _ = write!(
            out,
            r##"<polygon points="{}" fill="none" stroke="{}" stroke-width="{}"/>"##,
            ring(r),
            if strong { "#6b7280" } else { "#d1d5db" },
            if strong { "1.5" } else { "1" }
        );
        let (_, y) = point(0, r);
        let _ =
            write!(out, r##"<text x="{}" y="{}" font-size="11" fill="#6b7280">{}</text>"##, c(cx + 4.0), c(y - 3.0), t);
    }
    for i in 0..spokes.len() {
        let (x, y) = point(i, radius);
        let _ = write!(out, r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d1d5db"/>"##, c(cx), c(cy), c(x), c(y));
    }
    let _ = write!(out, "</g>");

    let scored: Vec<(f64, f64)> =
        spokes.iter().enumerate().filter_map(|(i, s)| s.value.map(|v| point(i, axis.fraction(v) * radius))).collect();
    if scored.len() >= 2 {
        let _ = write!(
            out,
            r##"<polygon class="area" points="{}" fill="{}" fill-opacity="0.22" stroke="#1d2330" stroke-width="2" stroke-linejoin="round" aria-hidden="true"/>"##,
            polygon(scored.into_iter()),
            fill.fill
        );
    }
    for (i, s) in spokes.iter().enumerate() {
        open_mark(&mut out, "spoke", &s.label, ("data-value", &s.value.map(exact).unwrap_or_default()), &s.note);
        if let Some(v) = s.value {
            let (x, y) = point(i, axis.fraction(v) * radius);
            let _ = write!(
                out,
                r##"<circle cx="{}" cy="{}" r="6" fill="{}" stroke="#1d2330" stroke-width="1.5"/>"##,
                c(x),
                c(y),
                s.tone.fill
            );
        }
        let (lx, ly) = point(i, radius + 26.0);
        let a = angle(i).cos();
        let anchor = if a > 0.3 {
            "start"
        } else if a < -0.3 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" text-anchor="{anchor}" font-size="14" font-weight="700" fill="#1d2330">{}</text><text x="{}" y="{}" text-anchor="{anchor}" font-size="12" fill="#4b5563">{}</text>"##,
            c(lx),
            c(ly - 2.0),
            escape(&s.short),
            c(lx),
            c(ly + 13.0),
            escape(&s.note)
        );
        let _ = write!(out, "</g>");
    }
    out.push_str("</svg>");
    out
}

/// One cell of a heatmap.
#[derive(Debug, Clone)]
pub(crate) struct HeatCell {
    pub(crate) value: Option<f64>,
    pub(crate) tone: Tone,
    /// The band's word (or `no score`), printed under the number.
    pub(crate) word: String,
}

/// A heatmap: rows (such as areas) × columns (such as themes), each cell coloured by band with
/// its number and word. `columns` are `(short, full)` names: the short one heads the column.
pub(crate) fn heatmap(
    id: &str,
    title: &str,
    intro: &str,
    rows: &[String],
    columns: &[(String, String)],
    cells: &[Vec<HeatCell>],
) -> String {
    // Long row names (population groups) get a wider label column, so they are not cut short.
    let long = rows.iter().any(|r| r.chars().count() > 26);
    let (label_w, label_chars) = if long { (340.0, 46) } else { (200.0, 28) };
    let cell_w = 78.0;
    let cell_h = 44.0;
    let top = 34.0;
    let width = label_w + cell_w * columns.len() as f64 + 10.0;
    let height = top + cell_h * rows.len() as f64 + 10.0;
    let mut lines = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let parts: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(k, (_, full))| {
                let cell = cells.get(r).and_then(|cs| cs.get(k));
                match cell.and_then(|x| x.value.map(|v| (v, &x.word))) {
                    Some((v, word)) => format!("{full} {} {word}", num(v)),
                    None => format!("{full} no score"),
                }
            })
            .collect();
        lines.push(format!("{row}: {}", parts.join(", ")));
    }
    let desc = describe(intro, lines.into_iter());

    let mut out = String::new();
    open(&mut out, id, "heatmap", width, height, title, &desc);
    for (k, (short, full)) in columns.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="13" font-weight="700" fill="#1d2330"><title>{}</title>{}</text>"##,
            c(label_w + cell_w * (k as f64 + 0.5)),
            c(top - 12.0),
            escape(full),
            escape(&shorten(short, 10))
        );
    }
    for (r, row) in rows.iter().enumerate() {
        let y = top + cell_h * r as f64;
        row_label(&mut out, label_w - 10.0, y + cell_h / 2.0, row, label_chars);
        for (k, (_, full)) in columns.iter().enumerate() {
            let cell = cells.get(r).and_then(|cs| cs.get(k));
            let (value, tone, word) = match cell {
                Some(x) => (x.value, x.tone, x.word.as_str()),
                None => (None, NONE, "no score"),
            };
            let x = label_w + cell_w * k as f64;
            let _ = write!(
                out,
                r##"<g class="cell" data-row="{}" data-column="{}" data-value="{}"><title>{}, {}: {} {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="2"/>"##,
                escape(row),
                escape(full),
                value.map(exact).unwrap_or_default(),
                escape(row),
                escape(full),
                value.map(num).unwrap_or_else(|| "\u{2013}".into()),
                escape(word),
                c(x),
                c(y),
                c(cell_w),
                c(cell_h),
                tone.fill
            );
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="14" font-weight="700" fill="{}">{}</text><text x="{}" y="{}" text-anchor="middle" font-size="10" fill="{}">{}</text></g>"#,
                c(x + cell_w / 2.0),
                c(y + 20.0),
                tone.ink,
                value.map(num).unwrap_or_else(|| "\u{2013}".into()),
                c(x + cell_w / 2.0),
                c(y + 34.0),
                tone.ink,
                escape(word)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// One row of a diverging change chart: a score before and after.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub(crate) label: String,
    pub(crate) before: Option<f64>,
    pub(crate) after: Option<f64>,
}

impl Change {
    /// after − before, when both exist.
    pub(crate) fn delta(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }

    /// `2.4 → 3.2 (+0.8, up)`, `no comparison`, ...
    pub(crate) fn note(&self) -> String {
        let show = |v: Option<f64>| v.map_or_else(|| "no score".to_owned(), num);
        match self.delta() {
            Some(d) => {
                // The core's rule, so the chart and the table beside it always agree.
                let word = match carepath::Direction::of(self.before, self.after) {
                    carepath::Direction::Improved => "up",
                    carepath::Direction::Worsened => "down",
                    _ => "no change",
                };
                format!("{} \u{2192} {} ({}, {word})", show(self.before), show(self.after), super::signed(d))
            }
            None => format!("{} \u{2192} {} (no comparison)", show(self.before), show(self.after)),
        }
    }
}

/// A diverging bar chart of changes: a zero line in the middle, rises to the right in blue and
/// falls to the left in orange-brown, each with its before → after numbers and a word.
/// `limit` is the largest change drawn to full length (such as the scale's span).
pub(crate) fn change_chart(id: &str, title: &str, intro: &str, changes: &[Change], limit: f64) -> String {
    let label_w = 340.0;
    let half = 160.0;
    let note_w = 190.0;
    let row_h = 32.0;
    let top = 26.0;
    let width = label_w + half * 2.0 + note_w;
    let height = top + row_h * changes.len() as f64 + 26.0;
    let zero = label_w + half;
    let limit = if limit > 0.0 { limit } else { 1.0 };
    let desc = describe(intro, changes.iter().map(|ch| format!("{}: {}", ch.label, ch.note())));

    let mut out = String::new();
    open(&mut out, id, "change-chart", width, height, title, &desc);
    let bottom = top + row_h * changes.len() as f64;
    let _ = write!(
        out,
        r##"<g aria-hidden="true"><text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">&#8592; fell</text><text x="{}" y="{}" font-size="12" fill="{}">rose &#8594;</text><line x1="{z}" y1="{}" x2="{z}" y2="{}" stroke="#1d2330" stroke-width="1.5"/>"##,
        c(zero - 8.0),
        c(top - 8.0),
        FALL.fill,
        c(zero + 8.0),
        c(top - 8.0),
        RISE.fill,
        c(top),
        c(bottom),
        z = c(zero),
    );
    for (tick, text) in [(-limit, format!("{:+}", -limit)), (limit, format!("{limit:+}"))] {
        let x = zero + tick / limit * half;
        let _ = write!(
            out,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#d1d5db" stroke-dasharray="2 3"/><text x="{x}" y="{}" text-anchor="middle" font-size="11" fill="#6b7280">{}</text>"##,
            c(top),
            c(bottom),
            c(bottom + 15.0),
            text,
            x = c(x)
        );
    }
    let _ = write!(out, "</g>");
    for (i, ch) in changes.iter().enumerate() {
        let y = top + row_h * i as f64;
        let mid = y + row_h / 2.0;
        let note = ch.note();
        open_mark(&mut out, "change", &ch.label, ("data-value", &ch.delta().map(exact).unwrap_or_default()), &note);
        row_label(&mut out, label_w - 10.0, mid, &ch.label, 46);
        if let Some(d) = ch.delta() {
            let len = (d.abs() / limit).min(1.0) * half;
            let worse = carepath::Direction::of(ch.before, ch.after) == carepath::Direction::Worsened;
            let (x, tone) = if worse { (zero - len, FALL) } else { (zero, RISE) };
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}"/>"#,
                c(x),
                c(y + 7.0),
                c(len.max(1.5)),
                c(row_h - 14.0),
                tone.fill
            );
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" dominant-baseline="middle" font-size="12" fill="#1d2330">{}</text></g>"##,
            c(label_w + half * 2.0 + 10.0),
            c(mid),
            escape(&note)
        );
    }
    out.push_str("</svg>");
    out
}

/// One row of a distribution chart: the scores of several areas (or raters) for one item.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    pub(crate) label: String,
    /// `(who, score, tone)` for each score.
    pub(crate) points: Vec<(String, f64, Tone)>,
    /// Why the row's figures are withheld (such as too few areas), when they are: the row then
    /// draws no marks and says so, whatever `points` holds.
    pub(crate) withheld: Option<String>,
}

impl Spread {
    /// Lowest, median and highest score, when there is any.
    pub(crate) fn summary(&self) -> Option<(f64, f64, f64)> {
        if self.withheld.is_some() {
            return None;
        }
        let mut v: Vec<f64> = self.points.iter().map(|p| p.1).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
        Some((v[0], median, v[n - 1]))
    }
}

/// A distribution (strip) chart: one row per item over the banded scale, a dot per score, the
/// range as a line and the median as a tick.
pub(crate) fn distribution_chart(id: &str, title: &str, intro: &str, rows: &[Spread], axis: &Axis) -> String {
    let layout = Rows { label_w: 330.0, note_w: 290.0, count: rows.len() };
    let (label_w, plot_w) = (layout.label_w, Rows::PLOT_W);
    let note = |s: &Spread| match (s.summary(), &s.withheld) {
        (_, Some(why)) => why.clone(),
        (Some((lo, med, hi)), None) => {
            format!("lowest {}, median {}, highest {} ({} scored)", num(lo), num(med), num(hi), s.points.len())
        }
        (None, None) => "no score".to_owned(),
    };
    let desc = describe(intro, rows.iter().map(|s| format!("{}: {}", s.label, note(s))));

    let mut out = String::new();
    layout.open(&mut out, id, "distribution-chart", title, &desc, axis);
    for (i, s) in rows.iter().enumerate() {
        let mid = Rows::top(i) + Rows::HEIGHT / 2.0;
        let text = note(s);
        let values = if s.withheld.is_some() {
            String::new()
        } else {
            s.points.iter().map(|p| exact(p.1)).collect::<Vec<_>>().join(" ")
        };
        open_mark(&mut out, "spread", &s.label, ("data-values", &values), &text);
        row_label(&mut out, label_w - 10.0, mid, &s.label, 44);
        if let Some((lo, med, hi)) = s.summary() {
            let x = |v: f64| label_w + axis.fraction(v) * plot_w;
            let _ = write!(
                out,
                r##"<line x1="{}" y1="{m}" x2="{}" y2="{m}" stroke="#1d2330" stroke-width="2"/>"##,
                c(x(lo)),
                c(x(hi)),
                m = c(mid),
            );
            for (who, v, tone) in &s.points {
                let _ = write!(
                    out,
                    r##"<circle cx="{}" cy="{}" r="6" fill="{}" fill-opacity="0.9" stroke="#1d2330"><title>{}: {}</title></circle>"##,
                    c(x(*v)),
                    c(mid),
                    tone.fill,
                    escape(who),
                    num(*v)
                );
            }
            // The median on top of the dots, outlined in white so it shows over them.
            let _ = write!(
                out,
                r##"<line class="median" x1="{md}" y1="{}" x2="{md}" y2="{}" stroke="#ffffff" stroke-width="6"/><line x1="{md}" y1="{}" x2="{md}" y2="{}" stroke="#1d2330" stroke-width="3"><title>median: {}</title></line>"##,
                c(mid - 14.0),
                c(mid + 14.0),
                c(mid - 13.0),
                c(mid + 13.0),
                num(med),
                md = c(x(med)),
            );
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" dominant-baseline="middle" font-size="12" fill="#374151">{}</text></g>"##,
            c(label_w + plot_w + 10.0),
            c(mid),
            escape(&text)
        );
    }
    out.push_str("</svg>");
    out
}

/// The text alternative: an intro sentence, then every item.
fn describe(intro: &str, items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if intro.is_empty() { items.join("; ") } else { format!("{intro} {}.", items.join("; ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis() -> Axis {
        Axis {
            min: 0.0,
            max: 5.0,
            bands: vec![
                (0.0, 2.0, RED, "Red".into()),
                (2.0, 4.0, AMBER, "Amber".into()),
                (4.0, 5.0, GREEN, "Green".into()),
            ],
        }
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn escapes_everything_that_could_become_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn tones_follow_band_ids_with_a_neutral_fallback() {
        assert_eq!(tone(Some("red")), RED);
        assert_eq!(tone(Some("amber")), AMBER);
        assert_eq!(tone(Some("green")), GREEN);
        assert_eq!(tone(Some("purple")), NEUTRAL);
        assert_eq!(tone(None), NONE);
    }

    #[test]
    fn shortens_long_labels_only() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a rather long label", 8), "a rathe\u{2026}");
    }

    #[test]
    fn bar_chart_has_one_bar_per_item_with_values_in_the_text_alternative() {
        let bars = vec![
            Bar {
                label: "T1 <Strategy>".into(),
                value: Some(3.25),
                tone: AMBER,
                note: "3.3 Amber".into(),
                target: None,
            },
            Bar { label: "T2".into(), value: None, tone: NONE, note: "no score".into(), target: None },
        ];
        let svg = bar_chart("bars", "Theme scores", "Mean rating per theme.", &bars, &axis());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="bars-title bars-desc""#));
        assert_eq!(count(&svg, r#"<g class="bar""#), 2);
        assert!(svg.contains(r#"data-value="3.25""#), "{svg}");
        assert!(svg.contains("Mean rating per theme. T1 &lt;Strategy&gt;: 3.3 Amber; T2: no score."));
        assert!(!svg.contains("<Strategy>"));
        // The bands are drawn as stripes with their words.
        assert!(svg.contains(">Red</text>") && svg.contains(">Green</text>"));
        // A missing value is a dashed outline, not a zero-length bar.
        assert!(svg.contains("stroke-dasharray=\"4 3\""));
    }

    #[test]
    fn a_target_is_a_dashed_run_to_a_tick_and_is_said_in_words() {
        let bars = vec![
            Bar { label: "T1".into(), value: Some(2.5), tone: AMBER, note: "2.5 Amber".into(), target: Some(4.0) },
            Bar { label: "T2".into(), value: Some(3.0), tone: AMBER, note: "3.0 Amber".into(), target: None },
            Bar { label: "T3".into(), value: None, tone: NONE, note: "no score".into(), target: Some(3.0) },
        ];
        let svg = bar_chart("bars", "Theme scores", "Mean.", &bars, &axis());
        // One tick, for the scored bar with a target: at 4 of 0-5 on a 380-wide plot after a
        // 370-wide label column.
        assert_eq!(count(&svg, r#"class="target-mark""#), 1, "{svg}");
        assert!(svg.contains(r#"data-target="4" x1="674" "#), "{svg}");
        assert_eq!(count(&svg, r#"class="target-gap""#), 1);
        assert!(svg.contains("2.5 Amber \u{2192} 4.0</text>"), "{svg}");
        assert!(svg.contains("Mean. T1: 2.5 Amber; 4.0 with every target met; T2: 3.0 Amber; T3: no score."), "{svg}");
        // A target already met draws the tick but no dashed run.
        let met = vec![Bar {
            label: "T1".into(),
            value: Some(4.0),
            tone: GREEN,
            note: "4.0 Green".into(),
            target: Some(4.0),
        }];
        let svg = bar_chart("met", "", "", &met, &axis());
        assert_eq!((count(&svg, r#"class="target-mark""#), count(&svg, r#"class="target-gap""#)), (1, 0));
    }

    #[test]
    fn bar_length_is_proportional_to_the_value() {
        let bar = |v| vec![Bar { label: "x".into(), value: Some(v), tone: GREEN, note: String::new(), target: None }];
        let width = |svg: &str| -> f64 {
            let at = svg.find("rx=\"3\"").unwrap();
            let rect = &svg[svg[..at].rfind("<rect").unwrap()..at];
            let w = rect.split("width=\"").nth(1).unwrap().split('"').next().unwrap();
            w.parse().unwrap()
        };
        let full = width(&bar_chart("a", "", "", &bar(5.0), &axis()));
        let half = width(&bar_chart("b", "", "", &bar(2.5), &axis()));
        assert!((full - 380.0).abs() < 1e-6, "{full}");
        assert!((half - 190.0).abs() < 1e-6, "{half}");
    }

    #[test]
    fn radar_chart_joins_scored_spokes_and_marks_the_rest() {
        let spokes: Vec<Spoke> = (1..=5)
            .map(|i| Spoke {
                short: format!("T{i}"),
                label: format!("Theme {i}"),
                value: if i == 3 { None } else { Some(f64::from(i)) },
                tone: AMBER,
                note: if i == 3 { "no score".into() } else { format!("{i}.0") },
            })
            .collect();
        let svg = radar_chart("radar", "Radar", "Scores.", &spokes, &axis(), AMBER);
        assert_eq!(count(&svg, r#"<g class="spoke""#), 5);
        assert_eq!(count(&svg, "<circle"), 4);
        assert!(svg.contains(r#"<polygon class="area""#));
        assert!(svg.contains("Theme 3: no score"));
        // Rings at 1..=5; the band edges (2 and 4) are drawn stronger.
        assert_eq!(count(&svg, r##"stroke="#6b7280" stroke-width="1.5""##), 2);
        // A point at the top of the scale lies on the outer ring: spoke 5 at value 5.
        assert!(svg.contains(r#"data-label="Theme 5" data-value="5""#));
    }

    #[test]
    fn heatmap_has_a_cell_per_row_and_column_with_words() {
        let rows = vec!["Northbrook".to_owned(), "Eastmere & Fen".to_owned()];
        let columns = vec![("T1".to_owned(), "Strategy".to_owned()), ("T2".to_owned(), "Prevention".to_owned())];
        let cells = vec![
            vec![
                HeatCell { value: Some(1.5), tone: RED, word: "Red".into() },
                HeatCell { value: Some(4.2), tone: GREEN, word: "Green".into() },
            ],
            vec![HeatCell { value: None, tone: NONE, word: "no score".into() }],
        ];
        let svg = heatmap("heat", "Areas by theme", "Theme scores per area.", &rows, &columns, &cells);
        assert_eq!(count(&svg, r#"<g class="cell""#), 4);
        assert!(svg.contains(r#"data-row="Northbrook" data-column="Strategy" data-value="1.5""#));
        assert!(svg.contains("Northbrook: Strategy 1.5 Red, Prevention 4.2 Green"));
        assert!(svg.contains("Eastmere &amp; Fen: Strategy no score, Prevention no score"));
        assert!(svg.contains(RED.fill) && svg.contains(GREEN.fill));
    }

    #[test]
    fn change_chart_diverges_from_zero() {
        let changes = vec![
            Change { label: "Up".into(), before: Some(2.0), after: Some(3.5) },
            Change { label: "Down".into(), before: Some(3.0), after: Some(2.0) },
            Change { label: "Same".into(), before: Some(3.0), after: Some(3.0) },
            Change { label: "New".into(), before: None, after: Some(2.0) },
        ];
        assert_eq!(changes[0].note(), "2.0 \u{2192} 3.5 (+1.5, up)");
        assert_eq!(changes[1].note(), "3.0 \u{2192} 2.0 (-1.0, down)");
        assert_eq!(changes[2].note(), "3.0 \u{2192} 3.0 (+0.0, no change)");
        assert_eq!(changes[3].note(), "no score \u{2192} 2.0 (no comparison)");
        // A change too small to show at one decimal is still the core's "up", and shows with
        // the decimals it takes, as in the table.
        let small = Change { label: "Small".into(), before: Some(3.0), after: Some(3.02) };
        assert_eq!(small.note(), "3.0 \u{2192} 3.0 (+0.02, up)");
        assert_eq!(carepath::Direction::of(Some(3.0), Some(3.02)), carepath::Direction::Improved);
        let svg = change_chart("chg", "Change", "Change per theme.", &changes, 5.0);
        assert_eq!(count(&svg, r#"<g class="change""#), 4);
        assert!(svg.contains(r#"data-label="Up" data-value="1.5""#));
        assert!(svg.contains(r#"data-label="New" data-value="""#));
        // The rise starts at the zero line (x = 500) and goes right; the fall ends there. A
        // change of 5 (the limit) would be 160 long.
        assert!(
            svg.contains(&format!(r#"<rect x="500" y="33" width="48" height="18" rx="2" fill="{}"/>"#, RISE.fill)),
            "{svg}"
        );
        assert!(
            svg.contains(&format!(r#"<rect x="468" y="65" width="32" height="18" rx="2" fill="{}"/>"#, FALL.fill)),
            "{svg}"
        );
    }

    #[test]
    fn distribution_chart_summarises_each_row() {
        let rows = vec![
            Spread {
                label: "T1".into(),
                points: vec![("A".into(), 1.0, RED), ("B".into(), 3.0, AMBER), ("C".into(), 4.0, GREEN)],
                withheld: None,
            },
            Spread { label: "T2".into(), points: vec![], withheld: None },
            Spread {
                label: "T3".into(),
                points: vec![("A".into(), 2.0, AMBER), ("B".into(), 4.5, GREEN)],
                withheld: Some("withheld: only 2 areas scored".into()),
            },
        ];
        assert_eq!(rows[0].summary(), Some((1.0, 3.0, 4.0)));
        assert_eq!(rows[2].summary(), None);
        let svg = distribution_chart("dist", "Spread", "Scores across areas.", &rows, &axis());
        assert!(svg.contains(
            "T1: lowest 1.0, median 3.0, highest 4.0 (3 scored); T2: no score; T3: withheld: only 2 areas scored."
        ));
        assert!(svg.contains(r#"data-values="1 3 4""#));
        // A withheld row draws nothing and gives away no value.
        assert!(svg.contains(r#"data-label="T3" data-values="""#));
        assert_eq!(count(&svg, "<circle"), 3);
    }
}
