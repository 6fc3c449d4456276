//! Reading a filled workbook back into an assessment.
//!
//! Import rules (documented for users in `cli/README.md`):
//! - The hidden `carepath` sheet says which catalogue edition the workbook is for; without it
//!   import stops.
//! - A rating is a whole number on the scale (as a number or as text), `N/A` (also `NA`, `not
//!   applicable`, `not_applicable`) or `Don't know` (also `dont know`, `unknown`), any case,
//!   spaces around ignored. A blank rating leaves the standard unrated.
//! - Confidence is `Low`, `Medium` or `High` (any case) or blank.
//! - Evidence, actions and review notes are kept exactly as typed; an empty cell is no text.
//! - Standards are found by the id in column A, on their own theme's sheet; rows may be sorted.
//! - Every cell that cannot be understood is reported, with its sheet and cell, before anything
//!   is written; the assessment is then checked against its catalogue by the library.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Cell, Data, DataRef, Range, Reader, Xlsx, open_workbook_from_rs};
use carepath::{
    ArchivedRating, Area, Assessment, Catalogue, CatalogueRef, Confidence, Date, Participant, Rating, RatingEntry,
    StandardId, Version,
};
use indexmap::IndexMap;

use super::{
    CellProblem, DETAIL_ROWS, DETAILS, DETAILS_FIRST_ROW, DONT_KNOW, FIRST_ROW, FORMAT, HEADER_ROW, HEADERS, LAYOUT,
    META, NOT_APPLICABLE, PARTICIPANTS_ROW, col, key,
};

/// The most bytes a workbook may unpack to (the sizes its zip directory declares, which the
/// unzipping holds it to): 64 MiB, some hundred times what `carepath workbook` writes for the
/// largest bundled catalogue. A few kilobytes of zip can otherwise claim gigabytes.
pub(crate) const MAX_UNPACKED_BYTES: u128 = 64 << 20;
/// The most rows a sheet may use: a sheet of a carepath workbook has a row per standard.
pub(crate) const MAX_SHEET_ROWS: u32 = 10_000;
/// The most columns a sheet may use: long texts of the metadata sheet run across columns.
pub(crate) const MAX_SHEET_COLUMNS: u32 = 256;

/// Checks the workbook's declared unpacked size before anything is unpacked.
fn check_size(bytes: &[u8]) -> Result<(), CellProblem> {
    let unreadable = |e: zip::result::ZipError| CellProblem::file(format!("not a readable XLSX workbook: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    // The sizes of the central directory (a part written with a data descriptor has none in its
    // local header, but always one here).
    let mut size = 0u128;
    for i in 0..archive.len() {
        size += u128::from(archive.by_index_raw(i).map_err(unreadable)?.size());
    }
    if size > MAX_UNPACKED_BYTES {
        return Err(CellProblem::file(format!(
            "the workbook unpacks to {size} bytes, more than the {MAX_UNPACKED_BYTES} bytes a carepath workbook may use"
        )));
    }
    Ok(())
}

/// A sheet's cells, read one by one so that a sheet cannot ask for more memory than it holds:
/// calamine's own `worksheet_range` allocates every cell between the first and the last, so two
/// cells at `A1` and `XFD1048576` would ask for seventeen billion.
fn worksheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Range<Data>, CellProblem> {
    let unreadable = |e: calamine::XlsxError| CellProblem::sheet(name, format!("cannot be read: {e}"));
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        if row >= MAX_SHEET_ROWS || column >= MAX_SHEET_COLUMNS {
            return Err(CellProblem::sheet(
                name,
                format!(
                    "a value at {} is outside the {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns a carepath workbook may use",
                    super::cell_ref(row, u16::try_from(column).unwrap_or(u16::MAX))
                ),
            ));
        }
        cells.push(Cell::new((row, column), Data::from(cell.get_value().clone())));
    }
    Ok(Range::from_sparse(cells))
}

/// What the metadata sheet says.
#[derive(Debug, Default)]
struct Meta {
    values: HashMap<String, String>,
    rows: HashMap<String, u32>,
}

impl Meta {
    fn get(&self, k: &str) -> Option<&str> {
        self.values.get(k).map(String::as_str)
    }
}

/// Reads a workbook (its bytes) into an assessment checked against its catalogue: the one given,
/// or else the bundled edition the workbook names.
///
/// # Errors
/// Every problem found, each naming its sheet and cell where it has one.
pub(crate) fn import(bytes: &[u8], catalogue: Option<Catalogue>) -> Result<(Assessment, Catalogue), Vec<CellProblem>> {
    check_size(bytes).map_err(|p| vec![p])?;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| vec![CellProblem::file(format!("not a readable XLSX workbook: {e}"))])?;
    let sheets = book.sheet_names();
    let find = |name: &str| sheets.iter().find(|s| s.as_str() == name).cloned();

    let Some(meta_name) = find(META) else {
        return Err(vec![CellProblem::file(format!(
            "no `{META}` metadata sheet, so the catalogue edition is unknown: this workbook was not written by `carepath workbook` or the hidden sheet was deleted (sheets found: {})",
            sheets.join(", ")
        ))]);
    };
    let meta_range = worksheet(&mut book, &meta_name).map_err(|p| vec![p])?;
    let meta = read_meta(&meta_range);
    let (reference, schema_version) = check_meta(&meta)?;

    let catalogue = match catalogue {
        Some(c) if c.id != reference.id || !carepath::version::compatible(&reference.version, &c.version) => {
            return Err(vec![CellProblem::file(format!(
                "the workbook is for {reference} but the catalogue given is {}",
                c.reference()
            ))]);
        }
        Some(c) => c,
        None => Catalogue::bundled_for(&reference).map_err(|e| {
            vec![CellProblem::file(format!(
                "the workbook is for {reference}: {e}; pass its catalogue with --catalogue"
            ))]
        })?,
    };

    let mut problems = Vec::new();
    let mut missing = Vec::new();
    let details = match find(DETAILS) {
        Some(name) => match worksheet(&mut book, &name) {
            Ok(range) => Some(range),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
        None => {
            missing.push(DETAILS.to_owned());
            None
        }
    };
    let mut theme_ranges = Vec::new();
    for theme in &catalogue.themes {
        let k = format!("{}{}", key::SHEET_PREFIX, theme.id);
        let name = meta.get(&k).unwrap_or(theme.id.as_str()).to_owned();
        match find(&name) {
            Some(found) => match worksheet(&mut book, &found) {
                Ok(range) => theme_ranges.push((theme, name, range)),
                Err(problem) => problems.push(problem),
            },
            None => missing.push(name),
        }
    }
    if !missing.is_empty() {
        problems.insert(
            0,
            CellProblem::file(format!(
                "missing sheet{} {} (sheets found: {}); do not rename or delete the sheets",
                if missing.len() > 1 { "s" } else { "" },
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
                sheets.join(", ")
            )),
        );
    }

    let (area, assessed_on, notes, participants) = match &details {
        Some(range) => read_details(range, &mut problems),
        None => (None, None, None, Vec::new()),
    };

    let mut entries: HashMap<String, RatingEntry> = HashMap::new();
    for (theme, name, range) in &theme_ranges {
        read_theme(&catalogue, theme, name, range, &mut entries, &mut problems);
    }

    let archive: Vec<ArchivedRating> = match meta.get(key::ARCHIVE) {
        Some(json) if !json.is_empty() => serde_json::from_str(json).unwrap_or_else(|e| {
            problems.push(meta_problem(&meta, key::ARCHIVE, format!("the archived ratings are not readable: {e}")));
            Vec::new()
        }),
        _ => Vec::new(),
    };

    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(area), Some(assessed_on)) = (area, assessed_on) else {
        return Err(vec![CellProblem::file("the details could not be read")]);
    };

    // The order of entry: as recorded when the workbook was written, then catalogue order.
    let mut ratings: IndexMap<StandardId, RatingEntry> = IndexMap::new();
    let recorded = meta.get(key::ORDER).unwrap_or("");
    let ids =
        recorded.split_whitespace().map(str::to_owned).chain(catalogue.standards().map(|(_, s)| s.id.to_string()));
    for id in ids {
        if let Some(entry) = entries.remove(&id)
            && let Ok(sid) = StandardId::new(id)
        {
            ratings.insert(sid, entry);
        }
    }

    let assessment = Assessment {
        schema: meta.get(key::SCHEMA).filter(|s| !s.is_empty()).map(str::to_owned),
        schema_version,
        catalogue: reference,
        area,
        assessed_on,
        participants,
        ratings,
        plan: Vec::new(),
        previous: None,
        notes,
        archive,
        plan_archive: Vec::new(),
    };
    // The library has the last word on what a valid assessment is.
    catalogue.check(&assessment).map_err(|e| {
        e.problems()
            .into_iter()
            .map(|p| CellProblem::file(format!("{} [{}] at {}", p.message, p.code, p.path)))
            .collect::<Vec<_>>()
    })?;
    Ok((assessment, catalogue))
}

fn read_meta(range: &Range<Data>) -> Meta {
    let mut meta = Meta::default();
    let Some((end_row, end_col)) = range.end() else { return meta };
    for row in 0..=end_row {
        let Some(k) = range.get_value((row, 0)).and_then(text) else { continue };
        let mut value = String::new();
        for c in 1..=end_col {
            if let Some(part) = range.get_value((row, c)).and_then(text) {
                value.push_str(&part);
            }
        }
        meta.rows.insert(k.clone(), row);
        meta.values.insert(k, value);
    }
    meta
}

fn meta_problem(meta: &Meta, k: &str, message: String) -> CellProblem {
    match meta.rows.get(k) {
        Some(row) => CellProblem::at(META, *row, 1, message),
        None => CellProblem::sheet(META, message),
    }
}

fn check_meta(meta: &Meta) -> Result<(CatalogueRef, Version), Vec<CellProblem>> {
    let mut problems = Vec::new();
    let mut need = |k: &str| -> Option<String> {
        match meta.get(k) {
            Some(v) if !v.trim().is_empty() => Some(v.trim().to_owned()),
            _ => {
                problems.push(CellProblem::sheet(META, format!("the metadata has no `{k}`")));
                None
            }
        }
    };
    let format = need(key::FORMAT);
    let layout = need(key::LAYOUT);
    let id = need(key::CATALOGUE_ID);
    let version = need(key::CATALOGUE_VERSION);
    let schema = need(key::SCHEMA_VERSION);
    if let Some(f) = &format
        && f != FORMAT
    {
        problems.push(meta_problem(meta, key::FORMAT, format!("format `{f}` is not `{FORMAT}`")));
    }
    if let Some(l) = &layout
        && l.split('.').next() != Some(LAYOUT)
    {
        problems.push(meta_problem(
            meta,
            key::LAYOUT,
            format!("workbook layout `{l}` is not supported: this import reads layout {LAYOUT}"),
        ));
    }
    let id = id.and_then(|id| {
        carepath::CatalogueId::new(id.as_str())
            .map_err(|e| problems.push(meta_problem(meta, key::CATALOGUE_ID, e.to_string())))
            .ok()
    });
    let version = version.and_then(|v| {
        Version::parse(&v)
            .map_err(|e| problems.push(meta_problem(meta, key::CATALOGUE_VERSION, format!("version `{v}`: {e}"))))
            .ok()
    });
    let schema = schema.and_then(|v| {
        Version::parse(&v)
            .map_err(|e| problems.push(meta_problem(meta, key::SCHEMA_VERSION, format!("version `{v}`: {e}"))))
            .ok()
    });
    match (id, version, schema) {
        (Some(id), Some(version), Some(schema)) if problems.is_empty() => Ok((CatalogueRef { id, version }, schema)),
        _ => Err(problems),
    }
}

/// A cell as text: strings as they are, whole numbers without a decimal point, other numbers
/// as written; `None` when empty.
fn text(value: &Data) -> Option<String> {
    match value {
        Data::Empty => None,
        Data::String(s) if s.is_empty() => None,
        Data::String(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
        Data::Float(f) => Some(f.to_string()),
        Data::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(d) => Some(d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(format!("#{e:?}")),
    }
}

fn cell(range: &Range<Data>, row: u32, c: u16) -> &Data {
    range.get_value((row, u32::from(c))).unwrap_or(&Data::Empty)
}

/// A date from a spreadsheet serial number (days since 1899-12-30, valid from March 1900).
fn date_from_serial(serial: f64) -> Option<Date> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days from 1970-01-01, then the civil-from-days algorithm (H. Hinnant).
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}

type DetailValues = (Option<Area>, Option<Date>, Option<String>, Vec<Participant>);

fn read_details(range: &Range<Data>, problems: &mut Vec<CellProblem>) -> DetailValues {
    let before = problems.len();
    for (i, label) in DETAIL_ROWS.iter().enumerate() {
        let row = DETAILS_FIRST_ROW + i as u32;
        let found = text(cell(range, row, 0)).unwrap_or_default();
        if found.trim() != *label {
            problems.push(CellProblem::at(
                DETAILS,
                row,
                0,
                format!("expected the label \"{label}\", found \"{found}\": do not move the rows of this sheet"),
            ));
        }
    }
    if problems.len() > before {
        return (None, None, None, Vec::new());
    }
    let value = |i: usize| text(cell(range, DETAILS_FIRST_ROW + i as u32, 1));
    let name = value(0);
    if name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        problems.push(CellProblem::at(DETAILS, DETAILS_FIRST_ROW, 1, "the area name is empty"));
    }
    let date_row = DETAILS_FIRST_ROW + 3;
    let date = match cell(range, date_row, 1) {
        Data::Empty => {
            problems.push(CellProblem::at(DETAILS, date_row, 1, "the date of the assessment is empty"));
            None
        }
        Data::DateTime(d) => date_from_serial(d.as_f64()),
        Data::Float(f) => date_from_serial(*f),
        Data::Int(i) => date_from_serial(*i as f64),
        Data::String(s) | Data::DateTimeIso(s) => s.trim().get(..10).unwrap_or(s.trim()).parse::<Date>().ok(),
        _ => None,
    };
    if date.is_none() && !matches!(cell(range, date_row, 1), Data::Empty) {
        problems.push(CellProblem::at(
            DETAILS,
            date_row,
            1,
            format!(
                "\"{}\" is not a date: type a date such as 2016-11-30",
                text(cell(range, date_row, 1)).unwrap_or_default()
            ),
        ));
    }
    let area = name.map(|name| Area { name, code: value(1), kind: value(2) });
    let notes = value(4);

    let mut participants = Vec::new();
    let header_ok = text(cell(range, PARTICIPANTS_ROW, 0)).as_deref() == Some("Role");
    if !header_ok {
        problems.push(CellProblem::at(
            DETAILS,
            PARTICIPANTS_ROW,
            0,
            "expected the header \"Role\" above the list of who took part",
        ));
    }
    let end = range.end().map_or(0, |(r, _)| r);
    for row in PARTICIPANTS_ROW + 1..=end {
        let role = text(cell(range, row, 0));
        let organisation = text(cell(range, row, 1));
        match (role, organisation) {
            (Some(role), organisation) => participants.push(Participant { role, organisation }),
            (None, Some(_)) => {
                problems.push(CellProblem::at(DETAILS, row, 0, "an organisation without a role: give the role too"));
            }
            (None, None) => {}
        }
    }
    (area, date, notes, participants)
}

/// A rating as typed: the problem message when it is not one.
fn parse_rating(catalogue: &Catalogue, value: &Data) -> Result<Option<Rating>, String> {
    let scale = &catalogue.scale;
    let off = |shown: &str| format!("rating \"{shown}\" is off the scale {}..{}", scale.min, scale.max);
    let words =
        format!("use a whole number from {} to {}, \"{NOT_APPLICABLE}\" or \"{DONT_KNOW}\"", scale.min, scale.max);
    let number = |v: f64, shown: String| -> Result<Option<Rating>, String> {
        if v.fract() != 0.0 {
            return Err(format!("rating \"{shown}\" is not a whole number: {words}"));
        }
        if v < f64::from(i32::MIN) || v > f64::from(i32::MAX) || !scale.contains(v as i32) {
            return Err(off(&shown));
        }
        Ok(Some(Rating::Score(v as i32)))
    };
    match value {
        Data::Empty => Ok(None),
        Data::Int(i) => number(*i as f64, i.to_string()),
        Data::Float(f) => number(*f, text(value).unwrap_or_default()),
        Data::String(s) => {
            let t = s.trim();
            let folded = t.to_lowercase().replace('\u{2019}', "'");
            match folded.as_str() {
                "" => Ok(None),
                "n/a" | "na" | "not applicable" | "not_applicable" => Ok(Some(Rating::NotApplicable)),
                "don't know" | "dont know" | "do not know" | "unknown" => Ok(Some(Rating::Unknown)),
                _ => match t.parse::<f64>() {
                    Ok(v) if v.is_finite() => number(v, t.to_owned()),
                    _ => Err(format!("rating \"{t}\" is not a rating: {words}")),
                },
            }
        }
        other => Err(format!("rating \"{}\" is not a rating: {words}", text(other).unwrap_or_default())),
    }
}

fn parse_confidence(value: &Data) -> Result<Option<Confidence>, String> {
    match text(value).map(|t| t.trim().to_lowercase()) {
        None => Ok(None),
        Some(t) => match t.as_str() {
            "" => Ok(None),
            word => word.parse::<Confidence>().map(Some).map_err(|_| {
                format!("confidence \"{}\" is not Low, Medium or High", text(value).unwrap_or_default().trim())
            }),
        },
    }
}

fn read_theme(
    catalogue: &Catalogue,
    theme: &carepath::Theme,
    sheet: &str,
    range: &Range<Data>,
    entries: &mut HashMap<String, RatingEntry>,
    problems: &mut Vec<CellProblem>,
) {
    let read_columns = [col::ID, col::RATING, col::EVIDENCE, col::CONFIDENCE, col::ACTIONS, col::REVIEW];
    let mut header_ok = true;
    for c in read_columns {
        let expected = HEADERS[usize::from(c)];
        let found = text(cell(range, HEADER_ROW, c)).unwrap_or_default();
        if found.trim() != expected {
            header_ok = false;
            problems.push(CellProblem::at(
                sheet,
                HEADER_ROW,
                c,
                format!("expected the header \"{expected}\", found \"{found}\": do not move or delete columns"),
            ));
        }
    }
    if !header_ok {
        return;
    }
    let own: HashSet<&str> = theme.standards.iter().map(|s| s.id.as_str()).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let end = range.end().map_or(0, |(r, _)| r);
    for row in FIRST_ROW..=end {
        let id = text(cell(range, row, col::ID)).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let filled = [col::RATING, col::EVIDENCE, col::CONFIDENCE, col::ACTIONS, col::REVIEW]
            .into_iter()
            .find(|c| text(cell(range, row, *c)).is_some_and(|t| !t.trim().is_empty()));
        let Some(id) = id else {
            if let Some(c) = filled {
                problems.push(CellProblem::at(
                    sheet,
                    row,
                    c,
                    "this row has no standard id in column A, so this cell cannot be read",
                ));
            }
            continue;
        };
        if !own.contains(id.as_str()) {
            let message = match catalogue.standard(&id) {
                Some((t, _)) => format!("standard {id} belongs to theme {}: move it back to its own sheet", t.id),
                None => format!("\"{id}\" is not a standard of {} {}", catalogue.id, catalogue.version),
            };
            problems.push(CellProblem::at(sheet, row, col::ID, message));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), row) {
            problems.push(CellProblem::at(
                sheet,
                row,
                col::ID,
                format!("standard {id} is listed twice (also on row {})", first + 1),
            ));
            continue;
        }
        let rating = parse_rating(catalogue, cell(range, row, col::RATING))
            .map_err(|m| problems.push(CellProblem::at(sheet, row, col::RATING, format!("{id}: {m}"))));
        let confidence = parse_confidence(cell(range, row, col::CONFIDENCE))
            .map_err(|m| problems.push(CellProblem::at(sheet, row, col::CONFIDENCE, format!("{id}: {m}"))));
        let (Ok(rating), Ok(confidence)) = (rating, confidence) else { continue };
        let evidence = text(cell(range, row, col::EVIDENCE));
        let actions = text(cell(range, row, col::ACTIONS));
        let review = text(cell(range, row, col::REVIEW));
        match rating {
            Some(rating) => {
                entries.insert(id, RatingEntry { rating, target: None, evidence, confidence, actions, review });
            }
            None => {
                if filled.is_some() {
                    problems.push(CellProblem::at(
                        sheet,
                        row,
                        col::RATING,
                        format!(
                            "{id} has evidence, confidence, actions or a review note but no rating: choose a rating, \"{NOT_APPLICABLE}\" or \"{DONT_KNOW}\""
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_convert() {
        assert_eq!(date_from_serial(42_704.0).map(|d| d.to_string()).as_deref(), Some("2016-11-30"));
        assert_eq!(date_from_serial(61.0).map(|d| d.to_string()).as_deref(), Some("1900-03-01"));
        assert_eq!(date_from_serial(45_658.5).map(|d| d.to_string()).as_deref(), Some("2025-01-01"));
        assert!(date_from_serial(10.0).is_none());
    }

    #[test]
    fn ratings_accept_numbers_and_documented_words() {
        let c = Catalogue::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
        let s = |t: &str| parse_rating(&c, &Data::String(t.into()));
        assert_eq!(parse_rating(&c, &Data::Float(3.0)), Ok(Some(Rating::Score(3))));
        assert_eq!(parse_rating(&c, &Data::Int(0)), Ok(Some(Rating::Score(0))));
        assert_eq!(s(" 4 "), Ok(Some(Rating::Score(4))));
        assert_eq!(s("N/A"), Ok(Some(Rating::NotApplicable)));
        assert_eq!(s("not applicable"), Ok(Some(Rating::NotApplicable)));
        assert_eq!(s("Don't know"), Ok(Some(Rating::Unknown)));
        assert_eq!(s("DON\u{2019}T KNOW"), Ok(Some(Rating::Unknown)));
        assert_eq!(parse_rating(&c, &Data::Empty), Ok(None));
        assert_eq!(s("9"), Err("rating \"9\" is off the scale 0..5".into()));
        assert_eq!(parse_rating(&c, &Data::Float(9.0)), Err("rating \"9\" is off the scale 0..5".into()));
        assert!(parse_rating(&c, &Data::Float(2.5)).unwrap_err().contains("not a whole number"));
        assert!(s("good").unwrap_err().starts_with("rating \"good\" is not a rating"));
        assert!(parse_rating(&c, &Data::Bool(true)).is_err());
    }

    #[test]
    fn confidence_words() {
        assert_eq!(parse_confidence(&Data::String("high".into())), Ok(Some(Confidence::High)));
        assert_eq!(parse_confidence(&Data::Empty), Ok(None));
        assert!(parse_confidence(&Data::String("sure".into())).is_err());
    }
}
