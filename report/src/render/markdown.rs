//! The Markdown report, for wikis, issue trackers and papers: the whole picture with evidence
//! and actions. User and catalogue text is escaped so it can never turn into markup or HTML.

use std::fmt::Write;

use carepath::{Assessment, Catalogue, Report};

use super::html::FIRST_GAPS;
use super::{area, light, percent, rating, score, title};

/// Escapes text for Markdown: characters that would start markup are backslash-escaped, and
/// line breaks become spaces (so text stays inside its table cell or list item).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text that may run over several lines where Markdown allows it (a list item or a
/// block quote), keeping its line breaks: lines end with a hard break (a backslash) and go on
/// after `prefix` (the item's indentation, or `> `), so they stay inside the item; a blank line
/// starts a new paragraph inside it. A continuation line that would open a block of its own
/// (`- x`, `+ x`, `1. x`, or a `---`/`===` underline making a heading) has that marker escaped.
/// Spaces at either end of a line are dropped.
pub(crate) fn escape_lines(text: &str, prefix: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
        let first = paragraphs.len() == 1 && paragraphs[0].is_empty();
        let escaped = escape(line);
        let kept = if first { escaped } else { guard_line_start(&escaped) };
        if let Some(p) = paragraphs.last_mut() {
            p.push(kept);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    let line_break = format!("\\\n{prefix}");
    let paragraph_break = format!("\n{}\n{prefix}", prefix.trim_end());
    paragraphs.iter().map(|p| p.join(&line_break)).collect::<Vec<_>>().join(&paragraph_break)
}

/// Escapes a marker at the start of an (already escaped) line that would open a list or turn
/// the line before into a heading.
fn guard_line_start(line: &str) -> String {
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

pub(crate) fn report(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}: {}\n", escape(&catalogue.title), escape(&report.area.name));
    let _ = writeln!(w, "- **Area:** {}", escape(&area(&report.area)));
    let _ = writeln!(w, "- **Assessed on:** {}", report.assessed_on);
    let _ = writeln!(
        w,
        "- **Standards:** {} edition {} ({}, published {})",
        escape(catalogue.id.as_str()),
        catalogue.version,
        escape(&catalogue.publisher),
        catalogue.published
    );
    if !assessment.participants.is_empty() {
        let people: Vec<String> = assessment
            .participants
            .iter()
            .map(|p| match &p.organisation {
                Some(org) => format!("{} ({})", escape(&p.role), escape(org)),
                None => escape(&p.role),
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
        light(catalogue, o.light.as_ref()),
        o.rated,
        o.total
    );
    if let Some(notes) = &assessment.notes {
        let _ = writeln!(w, "\n> {}", escape_lines(notes, "> "));
    }

    let _ = writeln!(w, "\n## Where to act first\n");
    if report.gaps.is_empty() {
        let _ = writeln!(w, "No scored standard is below the top band.");
    } else {
        let _ = writeln!(
            w,
            "The largest gaps, weighing how far each standard falls short by how much it matters (essential 3, expected 2, desirable 1).\n"
        );
        for (i, g) in report.gaps.iter().take(FIRST_GAPS).enumerate() {
            let _ = writeln!(
                w,
                "{}. **{} {}**: rated {} of {} ({}), {} priority",
                i + 1,
                escape(g.id.as_str()),
                escape(title(catalogue, g.id.as_str())),
                g.rating,
                catalogue.scale.max,
                escape(&light(catalogue, report.standard(g.id.as_str()).and_then(|s| s.light.as_ref()))),
                g.priority.as_str()
            );
        }
        if report.gaps.len() > FIRST_GAPS {
            let _ = writeln!(w, "\n{} more gaps are listed under Gaps below.", report.gaps.len() - FIRST_GAPS);
        }
    }

    let _ = writeln!(w, "\n## Themes\n");
    let _ = writeln!(w, "| Theme | Score | Light | Scored | Not applicable | Don't know | Not rated | Complete |");
    let _ = writeln!(w, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for t in &report.themes {
        let _ = writeln!(
            w,
            "| {} {} | {} | {} | {} | {} | {} | {} | {} |",
            t.id.as_str(),
            escape(&t.title),
            score(t.score),
            light(catalogue, t.light.as_ref()),
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
                escape(&c.title),
                score(c.score),
                light(catalogue, c.light.as_ref()),
                c.rated,
                c.total
            );
        }
    }

    let _ = writeln!(w, "\n## Gaps\n");
    if report.gaps.is_empty() {
        let _ = writeln!(w, "No scored standard is below the top band.");
    } else {
        let _ = writeln!(w, "Scored standards below the top band, ranked by priority weight × shortfall.\n");
        for (i, g) in report.gaps.iter().enumerate() {
            let marker = format!("{}. ", i + 1);
            let _ = writeln!(
                w,
                "{marker}**{} {}**: rated {} ({}), {} priority, {} × {} = {}",
                g.id.as_str(),
                escape(title(catalogue, g.id.as_str())),
                g.rating,
                light(catalogue, report.standard(g.id.as_str()).and_then(|s| s.light.as_ref())),
                g.priority.as_str(),
                g.weight,
                g.shortfall,
                g.weighted_shortfall
            );
            entry_details(w, assessment, g.id.as_str(), marker.len());
        }
    }

    let _ = writeln!(w, "\n## Strengths\n");
    if report.strengths.is_empty() {
        let _ = writeln!(w, "No scored standard is in the top band yet.");
    }
    for id in &report.strengths {
        let _ = writeln!(w, "- **{} {}**", id.as_str(), escape(title(catalogue, id.as_str())));
        entry_details(w, assessment, id.as_str(), 2);
    }

    let _ = writeln!(w, "\n## Don't know\n");
    if report.unknowns.is_empty() {
        let _ = writeln!(w, "Every standard rated had an answer.");
    } else {
        let _ = writeln!(w, "Nobody in the room knew: gaps in knowledge to close before the next assessment.\n");
    }
    for id in &report.unknowns {
        let _ = writeln!(w, "- **{} {}**", id.as_str(), escape(title(catalogue, id.as_str())));
        entry_details(w, assessment, id.as_str(), 2);
    }

    let _ = writeln!(w, "\n## Every standard\n");
    let _ = writeln!(w, "| Standard | Title | Priority | Rating | Light |");
    let _ = writeln!(w, "| --- | --- | --- | ---: | --- |");
    for s in &report.standards {
        let priority = catalogue.standard(s.id.as_str()).map_or("", |(_, st)| st.priority.as_str());
        let shown_light = if s.light.is_some() { light(catalogue, s.light.as_ref()) } else { String::new() };
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            s.id.as_str(),
            escape(title(catalogue, s.id.as_str())),
            priority,
            rating(s.rating),
            shown_light
        );
    }

    if !assessment.archive.is_empty() {
        let _ = writeln!(w, "\n## Archived ratings\n");
        let _ = writeln!(w, "Ratings kept from earlier editions of the standards.\n");
        for a in &assessment.archive {
            let _ = writeln!(
                w,
                "- **{} {}** (edition {}): {}. {}",
                a.standard.as_str(),
                rating(Some(a.rating)),
                a.catalogue.version,
                escape(&a.reason),
                a.evidence.as_deref().map(escape).unwrap_or_default()
            );
        }
    }

    let _ = writeln!(w, "\n## About these standards\n");
    let _ = writeln!(
        w,
        "{} (edition {}, {}, published {}).",
        escape(&catalogue.title),
        catalogue.version,
        escape(&catalogue.publisher),
        catalogue.published
    );
    let _ = writeln!(
        w,
        "Each standard is rated {} to {}; lights: {} (the top of the last band included).\n",
        catalogue.scale.min,
        catalogue.scale.max,
        band_words(catalogue)
    );
    let _ = writeln!(w, "Sources:\n");
    for s in &catalogue.sources {
        let _ = writeln!(w, "- {}, {} ({})", escape(&s.title), escape(&s.publisher), s.year);
    }
    out
}

/// The lights as people say them: `Red from 0 to 2, Amber from 2 to 4, Green from 4 to 5`.
fn band_words(catalogue: &Catalogue) -> String {
    let bands: Vec<String> =
        catalogue.scale.bands.iter().map(|b| format!("{} from {} to {}", escape(&b.label), b.from, b.to)).collect();
    bands.join(", ")
}

/// The closing "How to read this" section of the comparison and benchmark documents: the notes
/// on method (plain text, escaped here), then the lights.
pub(crate) fn how_to_read(w: &mut String, catalogue: &Catalogue, lines: &[String]) {
    let _ = writeln!(w, "\n## How to read this\n");
    for line in lines {
        let _ = writeln!(w, "- {}", escape(line));
    }
    let _ = writeln!(w, "- Lights: {} (the top of the last band included).", band_words(catalogue));
}

/// Evidence, actions and confidence of a standard, as a list nested under the list item whose
/// marker (`- `, `12. `) is `marker` characters wide. Line breaks in the text are kept, with
/// each line indented to stay inside its nested item.
fn entry_details(w: &mut String, assessment: &Assessment, id: &str, marker: usize) {
    let Some(entry) = assessment.entry(id) else { return };
    // At least three spaces, as before, and never less than the parent's content column.
    let pad = " ".repeat(marker.max(3));
    let inner = format!("{pad}  ");
    if let Some(evidence) = &entry.evidence {
        let _ = writeln!(w, "{pad}- Evidence: {}", escape_lines(evidence, &inner));
    }
    if let Some(confidence) = entry.confidence {
        let _ = writeln!(w, "{pad}- Confidence: {}", confidence.as_str());
    }
    if let Some(actions) = &entry.actions {
        let _ = writeln!(w, "{pad}- Actions: {}", escape_lines(actions, &inner));
    }
    if let Some(review) = &entry.review {
        let _ = writeln!(w, "{pad}- To review: {}", escape_lines(review, &inner));
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_lines};

    #[test]
    fn escapes_markup_and_html() {
        assert_eq!(escape("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
        assert_eq!(escape("a|b\nc *d*"), "a\\|b c \\*d\\*");
    }

    #[test]
    fn keeps_line_breaks_inside_the_item() {
        let pad = "     ";
        assert_eq!(escape_lines("one line", pad), "one line");
        // Hard breaks (a trailing backslash), continued at the item's indentation.
        assert_eq!(escape_lines("first\r\nsecond  \n  third", pad), "first\\\n     second\\\n     third");
        // A blank line is a new paragraph in the same item; runs of blank lines are one.
        assert_eq!(escape_lines("a\n\n\nb\n", pad), "a\n\n     b");
        assert_eq!(escape_lines("> a\n> b", "> "), "\\> a\\\n> \\> b");
        // Markers that would open a block or underline a heading are escaped.
        assert_eq!(
            escape_lines("Plan:\n- draft\n+ agree\n2. sign\n10) fund\n---\n===", pad),
            "Plan:\\\n     \\- draft\\\n     \\+ agree\\\n     2\\. sign\\\n     10\\) fund\\\n     \\---\\\n     \\==="
        );
        // Markup is escaped on every line, as everywhere.
        assert_eq!(escape_lines("x\n<b>*y*</b>", pad), "x\\\n     \\<b\\>\\*y\\*\\</b\\>");
    }
}
