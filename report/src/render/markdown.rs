//! The Markdown documents' common parts, for wikis, issue trackers and papers: escaping (user
//! and catalogue text can never turn into markup or HTML) and the closing notes. Each
//! document's page is made by its own module over its view.

use std::fmt::Write;

use carepath::Catalogue;

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

/// The lights as people say them: `Red from 0 to 2, Amber from 2 to 4, Green from 4 to 5`.
pub(crate) fn band_words(catalogue: &Catalogue) -> String {
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
