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
//! - Layout 1.2: an evidence level (column M) is `None`, `Self-reported`, `Documented`, `Audited`
//!   or `External` or the file's word, any case, or blank; an evidence date (N) is read like
//!   target by. A group's rating (from column O, two columns per row of the `Groups` sheet) is
//!   read like a rating and needs the standard's own rating; its evidence needs a group rating.
//!   The `Groups` sheet's rows of the assessment's own groups need a title; without an ID one is
//!   made from the title. A workbook of layout 1.1 keeps these in the metadata, read from there.
//! - Standards are found by the id in column A, on their own theme's sheet; rows may be sorted.
//! - Every cell that cannot be understood is reported, with its sheet and cell, before anything
//!   is written; the assessment is then checked against its catalogue by the library.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Cell, Data, DataRef, Range, Reader, Xlsx, open_workbook_from_rs};
use carepath::{
    Action, ActionId, ActionStatus, ArchivedAction, ArchivedRating, Area, Assessment, Catalogue, CatalogueRef,
    Confidence, Date, EvidenceLevel, GroupId, GroupRating, LocalGroup, Participant, Previous, Rating, RatingEntry,
    StandardId, Target, Version,
};
use indexmap::IndexMap;

use super::{
    ACTION_PLAN, CellProblem, DETAIL_ROWS, DETAILS, DETAILS_FIRST_ROW, DONT_KNOW, EVIDENCE_WORDS, FIRST_ROW, FORMAT,
    GROUP_EVIDENCE_PREFIX, GROUP_HEADERS, GROUP_RATING_PREFIX, GROUPS, HEADER_ROW, HEADERS, LAYOUT_MAJOR, META,
    NOT_APPLICABLE, PARTICIPANTS_ROW, PLAN_HEADERS, STATUS_WORDS, col, group_col, key, plan_col,
};

/// The most bytes a workbook may unpack to (the sizes its zip directory declares, which the
/// unzipping holds it to): 64 MiB, some hundred times what `carepath workbook` writes for the
/// largest bundled catalogue. A few kilobytes of zip can otherwise claim gigabytes.
pub(crate) const MAX_UNPACKED_BYTES: u128 = 64 << 20;
/// The most rows a sheet may use: a sheet of a carepath workbook has a row per standard.
pub(crate) const MAX_SHEET_ROWS: u32 = 10_000;
/// The most columns a sheet may use: long texts of the metadata sheet run across columns.
pub(crate) const MAX_SHEET_COLUMNS: u32 = 256;

/// What the workbook keeps of a rating's equity lens in its details sheet, read into `entry`.
fn read_lens(fields: serde_json::Value, entry: &mut RatingEntry) -> Result<(), String> {
    let serde_json::Value::Object(mut fields) = fields else { return Err("not an object".into()) };
    if let Some(groups) = fields.remove("groups") {
        entry.groups = carepath::read_json(&groups.to_string()).map_err(|e| format!("groups: {e}"))?;
    }
    if let Some(level) = fields.remove("evidence_level") {
        entry.evidence_level =
            Some(carepath::read_json(&level.to_string()).map_err(|e| format!("evidence_level: {e}"))?);
    }
    if let Some(date) = fields.remove("evidence_date") {
        entry.evidence_date = Some(carepath::read_json(&date.to_string()).map_err(|e| format!("evidence_date: {e}"))?);
    }
    match fields.keys().next() {
        Some(unknown) => Err(format!("unknown field `{unknown}`")),
        None => Ok(()),
    }
}

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

/// What a pair of group columns on the theme sheets is for, by its row of the `Groups` sheet.
#[derive(Debug, Clone)]
enum ColumnGroup {
    /// A declared group.
    Group(GroupId),
    /// An empty row of the `Groups` sheet (0-based row): its columns must stay empty.
    Empty(u32),
    /// A row whose problem is reported already.
    Bad,
}

/// What the theme sheets of a layout have besides the columns of layout 1.
#[derive(Debug, Clone, Copy)]
struct Columns<'a> {
    /// Layout 1.1: the target columns.
    targets: bool,
    /// Layout 1.2: the evidence level and date, and the group columns.
    lens: Option<&'a [ColumnGroup]>,
}

/// An id made from a group's title by the widget's rule: accents folded away (NFKD without the
/// combining marks), lower-case ASCII letters and digits, other characters runs of `_`, at most
/// 64 characters; `None` when nothing is left.
fn id_from_title(title: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut id = String::new();
    for c in title.trim().nfkd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)) {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id: String = id.trim_end_matches('_').chars().take(carepath::MAX_ID_LEN).collect();
    let id = id.trim_end_matches('_').to_owned();
    (!id.is_empty()).then_some(id)
}

/// The `Groups` sheet (layout 1.2): the assessment's own groups, and what each pair of group
/// columns is for. The first `catalogue_rows` rows are the catalogue's groups, and the first
/// `column_rows` rows have columns on the theme sheets; rows below them are read as groups too.
fn read_groups(
    catalogue: &Catalogue,
    range: &Range<Data>,
    (catalogue_rows, column_rows): (usize, usize),
    problems: &mut Vec<CellProblem>,
) -> (Vec<LocalGroup>, Vec<ColumnGroup>) {
    let sheet = GROUPS;
    let mut columns = Vec::new();
    let mut local = Vec::new();
    if !headers_in_place(sheet, range, (0u16..).zip(GROUP_HEADERS.iter().copied()), problems) {
        return (local, vec![ColumnGroup::Bad; column_rows]);
    }
    let filled = |row: u32, c: u16| text(cell(range, row, c)).filter(|t| !t.trim().is_empty());
    let mut seen: HashMap<String, u32> = HashMap::new();
    let end = range.end().map_or(0, |(r, _)| r).max(FIRST_ROW + column_rows as u32);
    for (k, row) in (FIRST_ROW..=end).enumerate() {
        let typed = filled(row, group_col::ID).map(|t| t.trim().to_owned());
        if k < catalogue_rows {
            let found = typed.as_deref().and_then(|id| catalogue.group(id));
            match found {
                Some(g) => columns.push(ColumnGroup::Group(g.id.clone())),
                None => {
                    problems.push(CellProblem::at(
                        sheet,
                        row,
                        group_col::ID,
                        format!(
                            "\"{}\" is not a group of {} {}: do not change the catalogue's groups",
                            typed.unwrap_or_default(),
                            catalogue.id,
                            catalogue.version
                        ),
                    ));
                    columns.push(ColumnGroup::Bad);
                }
            }
            continue;
        }
        let title = filled(row, group_col::TITLE);
        let description = text(cell(range, row, group_col::DESCRIPTION));
        let column = |c: ColumnGroup| if k < column_rows { Some(c) } else { None };
        if typed.is_none() && title.is_none() && description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            columns.extend(column(ColumnGroup::Empty(row)));
            continue;
        }
        let before = problems.len();
        let Some(title) = title else {
            let message = match &typed {
                Some(id) => format!("group {id} has no title: say who the group is in a few words"),
                None => "this row has no group: give the group a title here, or clear the row".to_owned(),
            };
            problems.push(CellProblem::at(sheet, row, group_col::TITLE, message));
            columns.extend(column(ColumnGroup::Bad));
            continue;
        };
        let id = match typed.or_else(|| id_from_title(&title)) {
            Some(id) => id,
            None => {
                problems.push(CellProblem::at(
                    sheet,
                    row,
                    group_col::ID,
                    "this group needs an ID: letters, digits, `_` or `-`, such as travellers",
                ));
                columns.extend(column(ColumnGroup::Bad));
                continue;
            }
        };
        match GroupId::new(&id) {
            Err(e) => problems.push(CellProblem::at(sheet, row, group_col::ID, e.to_string())),
            Ok(_) if catalogue.group(&id).is_some() => problems.push(CellProblem::at(
                sheet,
                row,
                group_col::ID,
                format!("group {id} is one of the catalogue's, listed above: rate for it in its own columns"),
            )),
            Ok(_) => {
                if let Some(first) = seen.insert(id.clone(), row) {
                    problems.push(CellProblem::at(
                        sheet,
                        row,
                        group_col::ID,
                        format!("group {id} is listed twice (also on row {}): give each group its own ID", first + 1),
                    ));
                }
            }
        }
        match GroupId::new(&id) {
            Ok(gid) if problems.len() == before => {
                columns.extend(column(ColumnGroup::Group(gid.clone())));
                local.push(LocalGroup { id: gid, title, description });
            }
            _ => columns.extend(column(ColumnGroup::Bad)),
        }
    }
    columns.truncate(column_rows);
    (local, columns)
}

/// An evidence level as typed: the workbook's words or the file's, any case, with a space,
/// `_` or `-` between words; blank is none given.
fn parse_evidence_level(value: &Data) -> Result<Option<EvidenceLevel>, String> {
    let Some(typed) = text(value) else { return Ok(None) };
    let folded: String = typed
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let level = match folded.as_str() {
        "" => return Ok(None),
        "self_report" | "self" => Some(EvidenceLevel::SelfReported),
        word => word.parse::<EvidenceLevel>().ok(),
    };
    level.map(Some).ok_or_else(|| {
        format!(
            "evidence level \"{}\" is not {} or {}",
            typed.trim(),
            EVIDENCE_WORDS[..4].join(", "),
            EVIDENCE_WORDS[4]
        )
    })
}

/// Puts a standard's group ratings in the order recorded when the workbook was written (the
/// groups named there first, then the others in column order).
fn reorder_groups(entry: &mut RatingEntry, recorded: &[String]) {
    let mut given = std::mem::take(&mut entry.groups);
    for id in recorded {
        if let Some((gid, g)) = given.shift_remove_entry(id.as_str()) {
            entry.groups.insert(gid, g);
        }
    }
    entry.groups.extend(given);
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
    // Layout 1.1 added the target columns and the action plan; layout 1.2 the evidence level
    // and date, the group columns and the Groups sheet.
    let plans = layout_minor >= 1;
    let lens_columns = layout_minor >= 2;

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
    let groups_range = if lens_columns {
        match find(GROUPS) {
            Some(name) => worksheet(&mut book, &name).map_err(|p| problems.push(p)).ok(),
            None => {
                missing.push(GROUPS.to_owned());
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

    let (local_groups, column_groups) = if lens_columns {
        let catalogue_rows = group_count(&meta, key::CATALOGUE_GROUPS, &mut problems);
        let column_rows = group_count(&meta, key::GROUP_COLUMNS, &mut problems).max(catalogue_rows);
        match &groups_range {
            Some(range) => read_groups(&catalogue, range, (catalogue_rows, column_rows), &mut problems),
            None => (Vec::new(), vec![ColumnGroup::Bad; column_rows]),
        }
    } else {
        (Vec::new(), Vec::new())
    };
    let columns = Columns { targets: plans, lens: lens_columns.then_some(column_groups.as_slice()) };
    let mut entries: HashMap<String, RatingEntry> = HashMap::new();
    for (theme, name, range) in &theme_ranges {
        read_theme(&catalogue, theme, name, range, columns, &mut entries, &mut problems);
    }
    let plan_rows = match &plan_range {
        Some(range) => read_plan(&catalogue, range, &mut problems),
        None => Vec::new(),
    };

    let archive: Vec<ArchivedRating> = match meta.get(key::ARCHIVE) {
        Some(json) if !json.is_empty() => carepath::read_json(json).unwrap_or_else(|e| {
            problems.push(meta_problem(&meta, key::ARCHIVE, format!("the archived ratings are not readable: {e}")));
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let previous: Option<Previous> = match meta.get(key::PREVIOUS) {
        Some(json) if !json.is_empty() => carepath::read_json(json)
            .map_err(|e| {
                problems.push(meta_problem(&meta, key::PREVIOUS, format!("the previous round is not readable: {e}")));
            })
            .ok(),
        _ => None,
    };
    let plan_archive: Vec<ArchivedAction> = match meta.get(key::PLAN_ARCHIVE) {
        Some(json) if !json.is_empty() => carepath::read_json(json).unwrap_or_else(|e| {
            problems.push(meta_problem(
                &meta,
                key::PLAN_ARCHIVE,
                format!("the archived actions are not readable: {e}"),
            ));
            Vec::new()
        }),
        _ => Vec::new(),
    };

    let groups = if lens_columns {
        let order: serde_json::Map<String, serde_json::Value> = match meta.get(key::GROUP_ORDER) {
            Some(json) if !json.is_empty() => carepath::read_json(json).unwrap_or_else(|e| {
                problems.push(meta_problem(
                    &meta,
                    key::GROUP_ORDER,
                    format!("the order of the group ratings is not readable: {e}"),
                ));
                serde_json::Map::new()
            }),
            _ => serde_json::Map::new(),
        };
        for (id, ids) in order {
            if let Some(entry) = entries.get_mut(&id) {
                let ids: Vec<String> = match carepath::read_json(&ids.to_string()) {
                    Ok(ids) => ids,
                    Err(e) => {
                        problems.push(meta_problem(
                            &meta,
                            key::GROUP_ORDER,
                            format!("the order of the group ratings of {id} is not readable: {e}"),
                        ));
                        continue;
                    }
                };
                reorder_groups(entry, &ids);
            }
        }
        local_groups
    } else {
        layout_1_1_lens(&meta, &mut entries, &mut problems)
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

/// Layout 1.1 kept the local groups, the group ratings and the evidence levels and dates in the
/// metadata sheet (keys `groups` and `equity_lens`): read them into `entries`, returning the
/// groups.
fn layout_1_1_lens(
    meta: &Meta,
    entries: &mut HashMap<String, RatingEntry>,
    problems: &mut Vec<CellProblem>,
) -> Vec<LocalGroup> {
    let groups: Vec<LocalGroup> = match meta.get(key::GROUPS) {
        Some(json) if !json.is_empty() => carepath::read_json(json).unwrap_or_else(|e| {
            problems.push(meta_problem(meta, key::GROUPS, format!("the local groups are not readable: {e}")));
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let lens: serde_json::Map<String, serde_json::Value> = match meta.get(key::LENS) {
        Some(json) if !json.is_empty() => carepath::read_json(json).unwrap_or_else(|e| {
            problems.push(meta_problem(
                meta,
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
            problems.push(meta_problem(meta, key::LENS, format!("the equity lens of {id} is not readable: {e}")));
        }
    }
    groups
}

/// A count of rows of the `Groups` sheet the metadata gives (layout 1.2): 0 when absent.
fn group_count(meta: &Meta, k: &str, problems: &mut Vec<CellProblem>) -> usize {
    // The most group columns a sheet of the column limit holds.
    let most = (MAX_SHEET_COLUMNS as usize - usize::from(col::FIRST_GROUP)) / 2;
    match meta.get(k).map(str::trim) {
        None | Some("") => 0,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= most => n,
            _ => {
                problems.push(meta_problem(meta, k, format!("`{v}` is not a number of groups from 0 to {most}")));
                0
            }
        },
    }
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
    columns: Columns<'_>,
    entries: &mut HashMap<String, RatingEntry>,
    problems: &mut Vec<CellProblem>,
) {
    let targets = columns.targets;
    let mut read_columns = vec![col::ID, col::RATING, col::EVIDENCE, col::CONFIDENCE, col::ACTIONS, col::REVIEW];
    let target_columns: &[u16] = if targets { &[col::TARGET, col::TARGET_BY] } else { &[] };
    read_columns.extend_from_slice(target_columns);
    let lens_columns: &[u16] = if columns.lens.is_some() { &[col::EVIDENCE_LEVEL, col::EVIDENCE_DATE] } else { &[] };
    read_columns.extend_from_slice(lens_columns);
    let mut in_place =
        headers_in_place(sheet, range, read_columns.iter().map(|&c| (c, HEADERS[usize::from(c)])), problems);
    let groups = columns.lens.unwrap_or_default();
    for k in 0..groups.len() {
        for (c, prefix) in
            [(col::group_rating(k), GROUP_RATING_PREFIX), (col::group_rating(k) + 1, GROUP_EVIDENCE_PREFIX)]
        {
            let found = text(cell(range, HEADER_ROW, c)).unwrap_or_default();
            // The headers of the area's own groups and the spare rows are formulas: a program
            // that saves without computing them (openpyxl, say) leaves them with no value.
            let formula_lost = k >= catalogue.groups.len() && found.trim().is_empty();
            if !formula_lost && !found.trim_start().starts_with(prefix.trim_end()) {
                in_place = false;
                problems.push(CellProblem::at(
                    sheet,
                    HEADER_ROW,
                    c,
                    format!(
                        "expected the header \"{prefix}...\" of a group's column, found \"{found}\": do not move or delete columns"
                    ),
                ));
            }
        }
    }
    if !in_place {
        return;
    }
    let group_columns: Vec<u16> =
        (0..groups.len()).flat_map(|k| [col::group_rating(k), col::group_rating(k) + 1]).collect();
    let own: HashSet<&str> = theme.standards.iter().map(|s| s.id.as_str()).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let end = range.end().map_or(0, |(r, _)| r);
    let has = |row: u32, c: u16| text(cell(range, row, c)).is_some_and(|t| !t.trim().is_empty());
    for row in FIRST_ROW..=end {
        let id = text(cell(range, row, col::ID)).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let filled =
            [col::RATING, col::EVIDENCE, col::CONFIDENCE, col::ACTIONS, col::REVIEW].into_iter().find(|c| has(row, *c));
        let target_filled = target_columns.iter().copied().find(|c| has(row, *c));
        let lens_filled = lens_columns.iter().chain(&group_columns).copied().find(|c| has(row, *c));
        let Some(id) = id else {
            if let Some(c) = filled.or(target_filled).or(lens_filled) {
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
        let lens = read_lens_cells(catalogue, sheet, range, row, &id, groups, problems);
        let (Ok(rating), Ok(confidence), Ok(target), Ok(lens)) = (rating, confidence, target, lens) else { continue };
        let evidence = text(cell(range, row, col::EVIDENCE));
        let actions = text(cell(range, row, col::ACTIONS));
        let review = text(cell(range, row, col::REVIEW));
        match rating {
            Some(rating) => {
                let mut entry = RatingEntry::new(rating);
                (entry.target, entry.evidence, entry.confidence, entry.actions, entry.review) =
                    (target, evidence, confidence, actions, review);
                (entry.evidence_level, entry.evidence_date, entry.groups) = lens;
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
                if let Some(c) = lens_filled {
                    let message = if c >= col::FIRST_GROUP {
                        format!(
                            "{id} has a rating or evidence for a group but no rating of its own: rate the standard first (a score, \"{NOT_APPLICABLE}\" or \"{DONT_KNOW}\"), or clear the cell"
                        )
                    } else {
                        format!(
                            "{id} has an evidence level or date but no rating: choose a rating, \"{NOT_APPLICABLE}\" or \"{DONT_KNOW}\", or clear the cell"
                        )
                    };
                    problems.push(CellProblem::at(sheet, row, c, message));
                }
            }
        }
    }
}

/// What layout 1.2 adds to a row: the evidence level and date, and the group ratings.
type LensCells = (Option<EvidenceLevel>, Option<Date>, IndexMap<GroupId, GroupRating>);

/// The evidence level, the evidence date and the group ratings of a row (layout 1.2; nothing
/// for an earlier layout): the problem is pushed, and `Err(())` returned, when a cell cannot be
/// understood.
fn read_lens_cells(
    catalogue: &Catalogue,
    sheet: &str,
    range: &Range<Data>,
    row: u32,
    id: &str,
    groups: &[ColumnGroup],
    problems: &mut Vec<CellProblem>,
) -> Result<LensCells, ()> {
    let before = problems.len();
    let level = parse_evidence_level(cell(range, row, col::EVIDENCE_LEVEL))
        .map_err(|m| problems.push(CellProblem::at(sheet, row, col::EVIDENCE_LEVEL, format!("{id}: {m}"))))
        .ok()
        .flatten();
    let date = parse_date(cell(range, row, col::EVIDENCE_DATE))
        .map_err(|m| problems.push(CellProblem::at(sheet, row, col::EVIDENCE_DATE, format!("{id}: evidence date {m}"))))
        .ok()
        .flatten();
    let mut given = IndexMap::new();
    for (k, group) in groups.iter().enumerate() {
        let (rc, ec) = (col::group_rating(k), col::group_rating(k) + 1);
        let rating_value = cell(range, row, rc);
        let evidence = text(cell(range, row, ec));
        let rating_typed = text(rating_value).is_some_and(|t| !t.trim().is_empty());
        if !rating_typed && evidence.as_deref().is_none_or(|t| t.trim().is_empty()) {
            continue;
        }
        let gid = match group {
            ColumnGroup::Group(gid) => gid,
            ColumnGroup::Bad => {
                // Its row of the Groups sheet is reported already.
                problems.push(CellProblem::at(
                    sheet,
                    row,
                    if rating_typed { rc } else { ec },
                    format!("{id}: this column's group on the {GROUPS} sheet cannot be read (see there)"),
                ));
                continue;
            }
            ColumnGroup::Empty(groups_row) => {
                problems.push(CellProblem::at(
                    sheet,
                    row,
                    if rating_typed { rc } else { ec },
                    format!(
                        "{id}: this column is for the group on row {} of the {GROUPS} sheet, which is empty: give the group a title there, or clear the cell",
                        groups_row + 1
                    ),
                ));
                continue;
            }
        };
        match parse_rating(catalogue, rating_value) {
            Err(m) => problems.push(CellProblem::at(sheet, row, rc, format!("{id} for group {gid}: {m}"))),
            Ok(None) => problems.push(CellProblem::at(
                sheet,
                row,
                rc,
                format!(
                    "{id} has evidence for group {gid} but no rating for the group: choose one, or clear the evidence"
                ),
            )),
            Ok(Some(rating)) => {
                given.insert(gid.clone(), GroupRating { rating, evidence });
            }
        }
    }
    if problems.len() > before {
        return Err(());
    }
    Ok((level, date, given))
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
    fn ids_from_titles_follow_the_widgets_rule() {
        assert_eq!(
            id_from_title("Gypsy, Roma and Traveller families").as_deref(),
            Some("gypsy_roma_and_traveller_families")
        );
        assert_eq!(id_from_title("  Café société ").as_deref(), Some("cafe_societe"));
        assert_eq!(id_from_title("Teuluoedd ŵyr").as_deref(), Some("teuluoedd_wyr"));
        assert_eq!(id_from_title("—").as_deref(), None);
        assert_eq!(id_from_title(&"a b ".repeat(40)).map(|s| s.len()), Some(63));
    }

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
