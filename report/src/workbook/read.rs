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
//! - A target (layout 1.1, column K) is a whole number on the scale, as a number or as text, or
//!   blank; it needs a rating (a score, `N/A` or `Don't know`) beside it. Target by (column L) and
//!   an action's due date are date cells or text `YYYY-MM-DD`, or blank; a target date needs a
//!   target.
//! - The `Action plan` sheet (layout 1.1) has an action per row; empty rows are skipped. A row
//!   needs a title; without an ID it takes the next free one (`A<n>`). Standards are ids
//!   separated by commas, semicolons or spaces; the status is `Planned`, `In progress`, `Done` or
//!   `Dropped` (any case; `in_progress` too), blank meaning `Planned`.
//! - A workbook of layout 1 (before targets) has neither, and reads as it always did.
//! - Standards are found by the id in column A, on their own theme's sheet; rows may be sorted.
//! - Every cell that cannot be understood is reported, with its sheet and cell, before anything
//!   is written; the assessment is then checked against its catalogue by the library.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Cell, Data, DataRef, Range, Reader, Xlsx, open_workbook_from_rs};
use carepath::{
    Action, ActionId, ActionStatus, ArchivedAction, ArchivedRating, Area, Assessment, Catalogue, CatalogueRef,
    Confidence, Date, LocalGroup, Participant, Previous, Rating, RatingEntry, StandardId, Target, Version,
};
use indexmap::IndexMap;

use super::{
    ACTION_PLAN, CellProblem, DETAIL_ROWS, DETAILS, DETAILS_FIRST_ROW, DONT_KNOW, FIRST_ROW, FORMAT, HEADER_ROW,
    HEADERS, LAYOUT_MAJOR, META, NOT_APPLICABLE, PARTICIPANTS_ROW, PLAN_HEADERS, STATUS_WORDS, col, key, plan_col,
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
/// What the workbook keeps of a rating's equity lens in its details sheet, read into `entry`.
fn read_lens(fields: serde_json::Value, entry: &mut RatingEntry) -> Result<(), String> {
    let serde_json::Value::Object(mut fields) = fields else { return Err("not an object".into()) };
    if let Some(groups) = fields.remove("groups") {
        entry.groups = serde_json::from_value(groups).map_err(|e| format!("groups: {e}"))?;
    }
    if let Some(level) = fields.remove("evidence_level") {
        entry.evidence_level = Some(serde_json::from_value(level).map_err(|e| format!("evidence_level: {e}"))?);
    }
    if let Some(date) = fields.remove("evidence_date") {
        entry.evidence_date = Some(serde_json::from_value(date).map_err(|e| format!("evidence_date: {e}"))?);
    }
    match fields.keys().next() {
        Some(unknown) => Err(format!("unknown field `{unknown}`")),
        None => Ok(()),
    }
}

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
    let (reference, schema_version, layout_minor) = check_meta(&meta)?;
    // Layout 1.1 added the target columns and the action plan.
    let plans = layout_minor >= 1;

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
    let plan_range = if plans {
        match find(ACTION_PLAN) {
            Some(name) => worksheet(&mut book, &name).map_err(|p| problems.push(p)).ok(),
            None => {
                missing.push(ACTION_PLAN.to_owned());
                None
            }
        }
    } else {
        None
    };
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
        read_theme(&catalogue, theme, name, range, plans, &mut entries, &mut problems);
    }
    let plan_rows = match &plan_range {
        Some(range) => read_plan(&catalogue, range, &mut problems),
        None => Vec::new(),
    };

    let archive: Vec<ArchivedRating> = match meta.get(key::ARCHIVE) {
        Some(json) if !json.is_empty() => serde_json::from_str(json).unwrap_or_else(|e| {
            problems.push(meta_problem(&meta, key::ARCHIVE, format!("the archived ratings are not readable: {e}")));
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let previous: Option<Previous> = match meta.get(key::PREVIOUS) {
        Some(json) if !json.is_empty() => serde_json::from_str(json)
            .map_err(|e| {
                problems.push(meta_problem(&meta, key::PREVIOUS, format!("the previous round is not readable: {e}")));
            })
            .ok(),
        _ => None,
    };
    let plan_archive: Vec<ArchivedAction> = match meta.get(key::PLAN_ARCHIVE) {
        Some(json) if !json.is_empty() => serde_json::from_str(json).unwrap_or_else(|e| {
            problems.push(meta_problem(
                &meta,
                key::PLAN_ARCHIVE,
                format!("the archived actions are not readable: {e}"),
            ));
            Vec::new()
        }),
        _ => Vec::new(),
    };

    let groups: Vec<LocalGroup> = match meta.get(key::GROUPS) {
        Some(json) if !json.is_empty() => serde_json::from_str(json).unwrap_or_else(|e| {
            problems.push(meta_problem(&meta, key::GROUPS, format!("the local groups are not readable: {e}")));
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let lens: serde_json::Map<String, serde_json::Value> = match meta.get(key::LENS) {
        Some(json) if !json.is_empty() => serde_json::from_str(json).unwrap_or_else(|e| {
            problems.push(meta_problem(
                &meta,
                key::LENS,
                format!("the group ratings and evidence levels are not readable: {e}"),
            ));
            serde_json::Map::new()
        }),
        _ => serde_json::Map::new(),
    };
    for (id, fields) in lens {
        // A standard whose rating was cleared in the sheet has no entry to take them.
        if let Some(entry) = entries.get_mut(&id)
            && let Err(e) = read_lens(fields, entry)
        {
            problems.push(meta_problem(&meta, key::LENS, format!("the equity lens of {id} is not readable: {e}")));
        }
    }

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

    let mut assessment = Assessment {
        schema: meta.get(key::SCHEMA).filter(|s| !s.is_empty()).map(str::to_owned),
        schema_version,
        catalogue: reference,
        area,
        assessed_on,
        participants,
        groups,
        ratings,
        plan: Vec::new(),
        previous,
        notes,
        archive,
        plan_archive,
    };
    number_actions(&mut assessment, plan_rows);
    // The version of the file it came from, or the one its content needs when that is newer
    // (targets typed into a workbook of a 1.0 assessment make it 1.1).
    assessment.schema_version = assessment.schema_version.clone().max(assessment.format_needed());
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

/// The catalogue edition, the schema version and the layout's minor version the metadata gives.
fn check_meta(meta: &Meta) -> Result<(CatalogueRef, Version, u32), Vec<CellProblem>> {
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
        && l.split('.').next() != Some(LAYOUT_MAJOR)
    {
        problems.push(meta_problem(
            meta,
            key::LAYOUT,
            format!("workbook layout `{l}` is not supported: this import reads layout {LAYOUT_MAJOR}"),
        ));
    }
    let minor = layout.as_deref().and_then(|l| l.split('.').nth(1)).and_then(|m| m.parse().ok()).unwrap_or(0);
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
        (Some(id), Some(version), Some(schema)) if problems.is_empty() => {
            Ok((CatalogueRef { id, version }, schema, minor))
        }
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

/// Whether each of `columns` (column, header) has its header on the header row; a moved or
/// deleted column is a problem at its header cell.
fn headers_in_place<'h>(
    sheet: &str,
    range: &Range<Data>,
    columns: impl IntoIterator<Item = (u16, &'h str)>,
    problems: &mut Vec<CellProblem>,
) -> bool {
    let mut in_place = true;
    for (c, expected) in columns {
        let found = text(cell(range, HEADER_ROW, c)).unwrap_or_default();
        if found.trim() != expected {
            in_place = false;
            problems.push(CellProblem::at(
                sheet,
                HEADER_ROW,
                c,
                format!("expected the header \"{expected}\", found \"{found}\": do not move or delete columns"),
            ));
        }
    }
    in_place
}

fn read_theme(
    catalogue: &Catalogue,
    theme: &carepath::Theme,
    sheet: &str,
    range: &Range<Data>,
    targets: bool,
    entries: &mut HashMap<String, RatingEntry>,
    problems: &mut Vec<CellProblem>,
) {
    let mut read_columns = vec![col::ID, col::RATING, col::EVIDENCE, col::CONFIDENCE, col::ACTIONS, col::REVIEW];
    let target_columns: &[u16] = if targets { &[col::TARGET, col::TARGET_BY] } else { &[] };
    read_columns.extend_from_slice(target_columns);
    if !headers_in_place(sheet, range, read_columns.iter().map(|&c| (c, HEADERS[usize::from(c)])), problems) {
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
        let target_filled =
            target_columns.iter().copied().find(|c| text(cell(range, row, *c)).is_some_and(|t| !t.trim().is_empty()));
        let Some(id) = id else {
            if let Some(c) = filled.or(target_filled) {
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
        let target = read_target(catalogue, sheet, range, row, &id, targets, problems);
        let (Ok(rating), Ok(confidence), Ok(target)) = (rating, confidence, target) else { continue };
        let evidence = text(cell(range, row, col::EVIDENCE));
        let actions = text(cell(range, row, col::ACTIONS));
        let review = text(cell(range, row, col::REVIEW));
        match rating {
            Some(rating) => {
                let mut entry = RatingEntry::new(rating);
                (entry.target, entry.evidence, entry.confidence, entry.actions, entry.review) =
                    (target, evidence, confidence, actions, review);
                entries.insert(id, entry);
            }
            None => {
                if target.is_some() {
                    problems.push(CellProblem::at(
                        sheet,
                        row,
                        col::TARGET,
                        format!(
                            "{id} has a target but no rating: choose a rating, \"{NOT_APPLICABLE}\" or \"{DONT_KNOW}\", or clear the target"
                        ),
                    ));
                }
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

/// The target of a row (columns K and L), when the layout has them: the problem is pushed, and
/// `Err(())` returned, when either cell cannot be understood.
fn read_target(
    catalogue: &Catalogue,
    sheet: &str,
    range: &Range<Data>,
    row: u32,
    id: &str,
    targets: bool,
    problems: &mut Vec<CellProblem>,
) -> Result<Option<Target>, ()> {
    if !targets {
        return Ok(None);
    }
    let rating = parse_target(catalogue, cell(range, row, col::TARGET))
        .map_err(|m| problems.push(CellProblem::at(sheet, row, col::TARGET, format!("{id}: {m}"))));
    let by = parse_date(cell(range, row, col::TARGET_BY))
        .map_err(|m| problems.push(CellProblem::at(sheet, row, col::TARGET_BY, format!("{id}: target by {m}"))));
    match (rating?, by?) {
        (Some(rating), by) => Ok(Some(Target { rating, by })),
        (None, None) => Ok(None),
        (None, Some(_)) => {
            problems.push(CellProblem::at(
                sheet,
                row,
                col::TARGET_BY,
                format!("{id} has a target date but no target: choose the rating aimed for in the Target column"),
            ));
            Err(())
        }
    }
}

/// A target as typed: a whole number on the scale, or blank.
fn parse_target(catalogue: &Catalogue, value: &Data) -> Result<Option<i32>, String> {
    let scale = &catalogue.scale;
    let words = format!("a target is a whole number from {} to {}, or blank", scale.min, scale.max);
    let number = |v: f64, shown: String| -> Result<Option<i32>, String> {
        if v.fract() != 0.0 {
            return Err(format!("target \"{shown}\" is not a whole number: {words}"));
        }
        if v < f64::from(i32::MIN) || v > f64::from(i32::MAX) || !scale.contains(v as i32) {
            return Err(format!("target \"{shown}\" is off the scale {}..{}", scale.min, scale.max));
        }
        Ok(Some(v as i32))
    };
    match value {
        Data::Empty => Ok(None),
        Data::Int(i) => number(*i as f64, i.to_string()),
        Data::Float(f) => number(*f, text(value).unwrap_or_default()),
        Data::String(s) => match s.trim() {
            "" => Ok(None),
            t => match t.parse::<f64>() {
                Ok(v) if v.is_finite() => number(v, t.to_owned()),
                _ => Err(format!("target \"{t}\" is not a target: {words}")),
            },
        },
        other => Err(format!("target \"{}\" is not a target: {words}", text(other).unwrap_or_default())),
    }
}

/// A date as typed: a date cell (or its serial number), text `YYYY-MM-DD`, or blank. The error
/// message starts with the value shown.
fn parse_date(value: &Data) -> Result<Option<Date>, String> {
    let date = match value {
        Data::Empty => return Ok(None),
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::DateTime(d) => date_from_serial(d.as_f64()),
        Data::Float(f) => date_from_serial(*f),
        Data::Int(i) => date_from_serial(*i as f64),
        Data::String(s) => s.trim().parse::<Date>().ok(),
        // An ISO date-time such as 2025-09-30T00:00:00: its date.
        Data::DateTimeIso(s) => s.trim().get(..10).and_then(|d| d.parse::<Date>().ok()),
        _ => None,
    };
    date.map(Some).ok_or_else(|| {
        format!("\"{}\" is not a date: type a date such as 2025-09-30", text(value).unwrap_or_default().trim())
    })
}

/// An action of the plan sheet as read: its id when the row has one.
struct PlanRow {
    row: u32,
    id: Option<ActionId>,
    title: String,
    standards: Vec<StandardId>,
    owner: Option<String>,
    due: Option<Date>,
    status: ActionStatus,
    notes: Option<String>,
}

impl PlanRow {
    fn into_action(self, id: ActionId) -> Action {
        Action {
            id,
            title: self.title,
            standards: self.standards,
            owner: self.owner,
            due: self.due,
            status: self.status,
            notes: self.notes,
        }
    }
}

/// Puts the actions read into the plan, in row order, giving a row without an ID the next free
/// one (after every ID typed and every archived action's).
fn number_actions(assessment: &mut Assessment, rows: Vec<PlanRow>) {
    let (typed, new): (Vec<PlanRow>, Vec<PlanRow>) = rows.into_iter().partition(|r| r.id.is_some());
    let mut order: Vec<u32> = Vec::new();
    for mut r in typed {
        order.push(r.row);
        if let Some(id) = r.id.take() {
            assessment.plan.push(r.into_action(id));
        }
    }
    for r in new {
        order.push(r.row);
        let id = assessment.next_action_id();
        assessment.plan.push(r.into_action(id));
    }
    let mut placed: Vec<(u32, Action)> = order.into_iter().zip(std::mem::take(&mut assessment.plan)).collect();
    placed.sort_by_key(|(row, _)| *row);
    assessment.plan = placed.into_iter().map(|(_, a)| a).collect();
}

/// A status as typed: the four words, any case, with a space, `_` or `-` between words; blank is
/// planned.
fn parse_status(value: &Data) -> Result<ActionStatus, String> {
    let Some(typed) = text(value) else { return Ok(ActionStatus::Planned) };
    let folded: String = typed
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if folded.is_empty() {
        return Ok(ActionStatus::Planned);
    }
    folded.parse::<ActionStatus>().map_err(|_| {
        format!("status \"{}\" is not {} or {}", typed.trim(), STATUS_WORDS[..3].join(", "), STATUS_WORDS[3])
    })
}

/// The actions of the `Action plan` sheet, in row order; every cell that cannot be understood
/// is pushed as a problem, and its row left out.
fn read_plan(catalogue: &Catalogue, range: &Range<Data>, problems: &mut Vec<CellProblem>) -> Vec<PlanRow> {
    let sheet = ACTION_PLAN;
    let columns = (0u16..).zip(PLAN_HEADERS.iter().copied());
    if !headers_in_place(sheet, range, columns, problems) {
        return Vec::new();
    }
    let filled = |row: u32, c: u16| text(cell(range, row, c)).filter(|t| !t.trim().is_empty());
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let end = range.end().map_or(0, |(r, _)| r);
    for row in FIRST_ROW..=end {
        let columns = [
            plan_col::ID,
            plan_col::TITLE,
            plan_col::STANDARDS,
            plan_col::OWNER,
            plan_col::DUE,
            plan_col::STATUS,
            plan_col::NOTES,
        ];
        if columns.iter().all(|c| filled(row, *c).is_none()) {
            continue;
        }
        let before = problems.len();
        let typed_id = filled(row, plan_col::ID).map(|t| t.trim().to_owned());
        let title = filled(row, plan_col::TITLE);
        let label = typed_id.clone().unwrap_or_else(|| format!("the action on row {}", row + 1));
        let id = match &typed_id {
            None => None,
            Some(t) => match ActionId::new(t.as_str()) {
                Ok(id) => {
                    if let Some(first) = seen.insert(t.clone(), row) {
                        problems.push(CellProblem::at(
                            sheet,
                            row,
                            plan_col::ID,
                            format!(
                                "action {t} is listed twice (also on row {}): give each action its own ID",
                                first + 1
                            ),
                        ));
                    }
                    Some(id)
                }
                Err(e) => {
                    problems.push(CellProblem::at(sheet, row, plan_col::ID, e.to_string()));
                    None
                }
            },
        };
        if title.is_none() {
            let message = match &typed_id {
                Some(t) => format!("action {t} has no title: write what will be done"),
                None => "this row has no action: write the action's title here, or clear the row".to_owned(),
            };
            problems.push(CellProblem::at(sheet, row, plan_col::TITLE, message));
        }
        let mut standards = Vec::new();
        if let Some(list) = filled(row, plan_col::STANDARDS) {
            for word in list.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|w| !w.is_empty()) {
                match StandardId::new(word) {
                    Ok(sid) if catalogue.standard(sid.as_str()).is_some() => standards.push(sid),
                    _ => problems.push(CellProblem::at(
                        sheet,
                        row,
                        plan_col::STANDARDS,
                        format!(
                            "{label}: \"{word}\" is not a standard of {} {}: give standard ids such as {}, separated by commas",
                            catalogue.id,
                            catalogue.version,
                            catalogue.standards().map(|(_, s)| s.id.as_str()).take(2).collect::<Vec<_>>().join(", ")
                        ),
                    )),
                }
            }
        }
        let due = parse_date(cell(range, row, plan_col::DUE))
            .map_err(|m| problems.push(CellProblem::at(sheet, row, plan_col::DUE, format!("{label}: due {m}"))))
            .ok()
            .flatten();
        let status = parse_status(cell(range, row, plan_col::STATUS))
            .map_err(|m| problems.push(CellProblem::at(sheet, row, plan_col::STATUS, format!("{label}: {m}"))))
            .unwrap_or(ActionStatus::Planned);
        if problems.len() > before {
            continue;
        }
        let Some(title) = title else { continue };
        rows.push(PlanRow {
            row,
            id,
            title,
            standards,
            owner: text(cell(range, row, plan_col::OWNER)),
            due,
            status,
            notes: text(cell(range, row, plan_col::NOTES)),
        });
    }
    rows
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
    fn targets_are_whole_numbers_on_the_scale() {
        let c = Catalogue::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
        assert_eq!(parse_target(&c, &Data::Float(3.0)), Ok(Some(3)));
        assert_eq!(parse_target(&c, &Data::String(" 0 ".into())), Ok(Some(0)));
        assert_eq!(parse_target(&c, &Data::Empty), Ok(None));
        assert_eq!(parse_target(&c, &Data::String("  ".into())), Ok(None));
        assert_eq!(parse_target(&c, &Data::Int(6)), Err("target \"6\" is off the scale 0..5".into()));
        assert!(parse_target(&c, &Data::Float(1.5)).unwrap_err().contains("not a whole number"));
        assert!(parse_target(&c, &Data::String("Don't know".into())).unwrap_err().contains("is not a target"));
        assert!(parse_target(&c, &Data::Bool(true)).is_err());
    }

    #[test]
    fn dates_are_date_cells_serials_or_iso_text() {
        let d = |v: Data| parse_date(&v).map(|d| d.map(|d| d.to_string()));
        assert_eq!(d(Data::Float(42_704.0)), Ok(Some("2016-11-30".into())));
        assert_eq!(d(Data::String(" 2025-09-30 ".into())), Ok(Some("2025-09-30".into())));
        assert_eq!(d(Data::DateTimeIso("2025-09-30T00:00:00".into())), Ok(Some("2025-09-30".into())));
        assert_eq!(d(Data::Empty), Ok(None));
        assert!(
            d(Data::String("2025-09-30 or so".into())).unwrap_err().starts_with("\"2025-09-30 or so\" is not a date")
        );
        assert!(d(Data::Float(3.0)).is_err(), "before March 1900");
    }

    #[test]
    fn status_words() {
        let s = |t: &str| parse_status(&Data::String(t.into()));
        assert_eq!(s("Planned"), Ok(ActionStatus::Planned));
        assert_eq!(s("In progress"), Ok(ActionStatus::InProgress));
        assert_eq!(s(" in_progress "), Ok(ActionStatus::InProgress));
        assert_eq!(s("IN-PROGRESS"), Ok(ActionStatus::InProgress));
        assert_eq!(s("done"), Ok(ActionStatus::Done));
        assert_eq!(s("Dropped"), Ok(ActionStatus::Dropped));
        assert_eq!(s(""), Ok(ActionStatus::Planned));
        assert_eq!(parse_status(&Data::Empty), Ok(ActionStatus::Planned));
        assert_eq!(s("later"), Err("status \"later\" is not Planned, In progress, Done or Dropped".into()));
    }

    #[test]
    fn confidence_words() {
        assert_eq!(parse_confidence(&Data::String("high".into())), Ok(Some(Confidence::High)));
        assert_eq!(parse_confidence(&Data::Empty), Ok(None));
        assert!(parse_confidence(&Data::String("sure".into())).is_err());
    }
}
