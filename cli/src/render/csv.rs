//! The CSV report: one row per standard, in catalogue order, for spreadsheets and analysis.
//!
//! Columns: `id, theme, title, priority, rating, light, evidence, actions, confidence`.
//! `rating` is the number, `not_applicable`, `unknown`, or empty when unrated; `light` is the
//! band's word (such as `Amber`), empty without a score. Quoting follows RFC 4180 (the `csv`
//! crate; CRLF line ends).
//!
//! **Formula injection guard:** a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return would be run as a formula by spreadsheet programs, so it is written with a single
//! quote (`'`) in front, which spreadsheets show as text. Plain numbers (such as `-1`) are left
//! alone.

use carepath::{Assessment, Catalogue, Report};

use super::light;

/// The header row.
pub(crate) const COLUMNS: [&str; 9] =
    ["id", "theme", "title", "priority", "rating", "light", "evidence", "actions", "confidence"];

/// Guards a cell against formula injection (see the module documentation).
pub(crate) fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}").into() } else { cell.into() }
}

/// The whole CSV document.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub(crate) fn report(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for (theme, standard) in catalogue.standards() {
        let scored = report.standard(standard.id.as_str());
        let entry = assessment.entry(standard.id.as_str());
        let rating = scored.and_then(|s| s.rating).map(|r| r.to_string()).unwrap_or_default();
        let band = scored.and_then(|s| s.light.as_ref());
        let light = if band.is_some() { light(catalogue, band) } else { String::new() };
        let row = [
            standard.id.as_str(),
            theme.id.as_str(),
            standard.title.as_str(),
            standard.priority.as_str(),
            rating.as_str(),
            light.as_str(),
            entry.and_then(|e| e.evidence.as_deref()).unwrap_or(""),
            entry.and_then(|e| e.actions.as_deref()).unwrap_or(""),
            entry.and_then(|e| e.confidence).map(|c| c.as_str()).unwrap_or(""),
        ];
        writer.write_record(row.iter().map(|cell| guard(cell).into_owned()))?;
    }
    let bytes = writer.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn guards_formula_starts_but_not_numbers() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("+1+1"), "'+1+1");
        assert_eq!(guard("-2+3"), "'-2+3");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tcmd"), "'\tcmd");
        assert_eq!(guard("-1"), "-1");
        assert_eq!(guard("plain = text"), "plain = text");
        assert_eq!(guard(""), "");
    }
}
