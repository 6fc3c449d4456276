//! The spreadsheet round trip: an XLSX workbook laid out like the original tool, written from a
//! catalogue (blank) or an assessment (filled), and read back into an assessment.
//!
//! The layout (documented for users in `cli/README.md`):
//!
//! | sheet | what it holds |
//! | --- | --- |
//! | `Instructions` | how to fill the workbook, the rating words, the scale and its lights |
//! | `Summary` | formulas: per theme the mean of numeric ratings, per cross-cutting theme the same, overall the mean of theme means; per declared population group its theme and overall scores |
//! | `Details` | area name, code and kind, the date, notes, and who took part |
//! | `Groups` | the population groups: the catalogue's (read-only), then the assessment's own **ID**, **title** and **description**, then three empty rows to add more |
//! | one per theme (named by theme id, e.g. `T3`) | per standard: id, title, description, priority, **rating**, light, **evidence**, **confidence**, **actions**, **to review**, **target**, **target by**, **evidence level**, **evidence date** (columns A to N), then a **rating** and an **evidence** column for each row of the `Groups` sheet |
//! | `Action plan` | one row per action of the improvement plan: **ID**, **Action**, **Standards**, **Owner**, **Due**, **Status**, **Notes**, then empty rows to add more |
//! | `carepath` (hidden, protected) | what the workbook is: format, layout, catalogue id and version, schema version, how many rows of `Groups` are the catalogue's and how many have columns, and what a sheet cannot show (the `$schema` link, the order of ratings and of a standard's group ratings, archived ratings, the previous round, archived actions) |
//!
//! Only the bold columns, the `Details` values, the assessment's groups and the action plan are
//! read back; everything else is there to help people fill the sheet.
//!
//! Layout `1.1` added the target columns (K and L) and the `Action plan` sheet after the columns
//! and sheets of layout `1`, which import still reads: a workbook of layout `1` has no targets
//! and no plan.
//!
//! Layout `1.2` added the equity lens in sight: the evidence level and date (M and N), two
//! columns per population group from O on, tied to the group by its row of the `Groups` sheet
//! (not by the header's title), and that sheet. A workbook of layout `1.1` kept the local groups,
//! group ratings and evidence levels and dates in the hidden sheet only (keys `groups` and
//! `equity_lens`); import still reads them there for it, and layout `1.2` no longer writes them.

mod read;
mod write;

use std::fmt;

use carepath::{Assessment, Catalogue};

/// Writes the workbook of a catalogue: blank, or filled from an assessment (which should have
/// been checked against the catalogue).
///
/// # Errors
/// A text of the assessment too long for a cell (32,767 characters), each named with its place.
pub fn write(catalogue: &Catalogue, assessment: Option<&Assessment>) -> Result<Vec<u8>, WorkbookError> {
    write::workbook(catalogue, assessment).map_err(WorkbookError)
}

/// Reads a filled workbook back into an assessment, checked against `catalogue` or else against
/// the bundled edition the workbook names; returns the assessment and that catalogue.
///
/// # Errors
/// Every problem found, each naming its sheet and cell where it has one.
pub fn read(bytes: &[u8], catalogue: Option<Catalogue>) -> Result<(Assessment, Catalogue), WorkbookError> {
    read::import(bytes, catalogue).map_err(WorkbookError)
}

/// Everything a workbook could not be written or read for: never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookError(pub Vec<CellProblem>);

impl WorkbookError {
    /// The error's code on every surface: `workbook`.
    #[must_use]
    pub fn code(&self) -> carepath::ErrorCode {
        carepath::ErrorCode::Workbook
    }

    /// The problems, in the order found.
    #[must_use]
    pub fn problems(&self) -> &[CellProblem] {
        &self.0
    }
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems:", many.len())?;
                for p in many {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for WorkbookError {}

/// The value of the `format` key in the metadata sheet.
pub(crate) const FORMAT: &str = "carepath-workbook";
/// The layout version written: import refuses a workbook with another major layout, reads the
/// target columns and the action plan from minor version 1 on, and the equity columns and the
/// `Groups` sheet from minor version 2 on.
pub(crate) const LAYOUT: &str = "1.2";
/// The major layout version import reads.
pub(crate) const LAYOUT_MAJOR: &str = "1";

pub(crate) const INSTRUCTIONS: &str = "Instructions";
pub(crate) const SUMMARY: &str = "Summary";
pub(crate) const DETAILS: &str = "Details";
pub(crate) const META: &str = "carepath";
pub(crate) const ACTION_PLAN: &str = "Action plan";
pub(crate) const GROUPS: &str = "Groups";

/// The rating words of the drop-down, besides the numbers of the scale.
pub(crate) const NOT_APPLICABLE: &str = "N/A";
pub(crate) const DONT_KNOW: &str = "Don't know";

/// The confidence words of the drop-down.
pub(crate) const CONFIDENCE: [&str; 3] = ["Low", "Medium", "High"];

/// Theme sheets: the title is on row 1, the description on row 2, headers on row 4 and the
/// standards from row 5 (0-based rows 0, 1, 3 and 4).
pub(crate) const HEADER_ROW: u32 = 3;
pub(crate) const FIRST_ROW: u32 = 4;

/// Theme sheet columns (0-based).
pub(crate) mod col {
    pub(crate) const ID: u16 = 0;
    pub(crate) const TITLE: u16 = 1;
    pub(crate) const DESCRIPTION: u16 = 2;
    pub(crate) const PRIORITY: u16 = 3;
    pub(crate) const RATING: u16 = 4;
    pub(crate) const LIGHT: u16 = 5;
    pub(crate) const EVIDENCE: u16 = 6;
    pub(crate) const CONFIDENCE: u16 = 7;
    pub(crate) const ACTIONS: u16 = 8;
    pub(crate) const REVIEW: u16 = 9;
    pub(crate) const TARGET: u16 = 10;
    pub(crate) const TARGET_BY: u16 = 11;
    /// Layout 1.2: how strong the evidence is, and when it was gathered.
    pub(crate) const EVIDENCE_LEVEL: u16 = 12;
    pub(crate) const EVIDENCE_DATE: u16 = 13;
    /// Layout 1.2: the first group column; each group of the `Groups` sheet has two, its rating
    /// and its evidence, in the order of the sheet's rows.
    pub(crate) const FIRST_GROUP: u16 = 14;

    /// The rating column of the `k`-th group (0-based); its evidence is the next column.
    pub(crate) fn group_rating(k: usize) -> u16 {
        FIRST_GROUP + 2 * k as u16
    }
}

/// Theme sheet headers, by column (the group columns follow them).
pub(crate) const HEADERS: [&str; 14] = [
    "ID",
    "Standard",
    "What good looks like",
    "Priority",
    "Rating",
    "Light",
    "Evidence",
    "Confidence",
    "Actions",
    "To review",
    "Target",
    "Target by",
    "Evidence level",
    "Evidence date",
];

/// The headers of a group's two columns start with these words, then the group's title.
pub(crate) const GROUP_RATING_PREFIX: &str = "Rating: ";
pub(crate) const GROUP_EVIDENCE_PREFIX: &str = "Evidence: ";

/// The evidence level words of the drop-down, in the order of
/// [`EvidenceLevel::ALL`](carepath::EvidenceLevel::ALL), weakest first.
pub(crate) const EVIDENCE_WORDS: [&str; 5] = ["None", "Self-reported", "Documented", "Audited", "External"];

/// The word of an evidence level in the workbook.
pub(crate) fn evidence_word(level: carepath::EvidenceLevel) -> &'static str {
    let i = carepath::EvidenceLevel::ALL.iter().position(|l| *l == level).unwrap_or(0);
    EVIDENCE_WORDS[i]
}

/// `Groups` sheet columns (0-based); headers on row 4 and groups from row 5: the catalogue's
/// (read-only), then the assessment's own, then empty rows to add more.
pub(crate) mod group_col {
    pub(crate) const ID: u16 = 0;
    pub(crate) const TITLE: u16 = 1;
    pub(crate) const DESCRIPTION: u16 = 2;
    pub(crate) const FROM: u16 = 3;
}

/// `Groups` sheet headers, by column.
pub(crate) const GROUP_HEADERS: [&str; 4] = ["ID", "Group", "Who the group is", "Declared by"];

/// The empty rows the `Groups` sheet offers below the assessment's own groups, each with its
/// columns on the theme sheets ready.
pub(crate) const GROUP_SPARE_ROWS: usize = 3;

/// Action plan sheet columns (0-based); headers on row 4 and actions from row 5, as on the theme
/// sheets.
pub(crate) mod plan_col {
    pub(crate) const ID: u16 = 0;
    pub(crate) const TITLE: u16 = 1;
    pub(crate) const STANDARDS: u16 = 2;
    pub(crate) const OWNER: u16 = 3;
    pub(crate) const DUE: u16 = 4;
    pub(crate) const STATUS: u16 = 5;
    pub(crate) const NOTES: u16 = 6;
}

/// Action plan sheet headers, by column.
pub(crate) const PLAN_HEADERS: [&str; 7] = ["ID", "Action", "Standards", "Owner", "Due", "Status", "Notes"];

/// The empty rows the action plan sheet offers below the actions, to add more.
pub(crate) const PLAN_SPARE_ROWS: u32 = 30;

/// The status words of the action plan's drop-down, in the order of
/// [`ActionStatus::ALL`](carepath::ActionStatus::ALL).
pub(crate) const STATUS_WORDS: [&str; 4] = ["Planned", "In progress", "Done", "Dropped"];

/// The word of a status in the workbook.
pub(crate) fn status_word(status: carepath::ActionStatus) -> &'static str {
    let i = carepath::ActionStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
    STATUS_WORDS[i]
}

/// Details sheet: labels in column A and values in column B, from row 3 (0-based row 2).
pub(crate) const DETAIL_ROWS: [&str; 5] = ["Area name", "Area code", "Area kind", "Assessed on", "Notes"];
pub(crate) const DETAILS_FIRST_ROW: u32 = 2;
/// Details sheet: the participants' header row (`Role`, `Organisation`); people follow it.
pub(crate) const PARTICIPANTS_ROW: u32 = 9;

/// Metadata keys, in column A of the hidden sheet (values in column B; a long value continues
/// in columns C, D, ... because a cell holds at most 32,767 characters).
pub(crate) mod key {
    pub(crate) const FORMAT: &str = "format";
    pub(crate) const LAYOUT: &str = "layout";
    pub(crate) const CATALOGUE_ID: &str = "catalogue_id";
    pub(crate) const CATALOGUE_VERSION: &str = "catalogue_version";
    pub(crate) const SCHEMA_VERSION: &str = "schema_version";
    pub(crate) const SCHEMA: &str = "$schema";
    pub(crate) const ORDER: &str = "ratings_order";
    pub(crate) const ARCHIVE: &str = "archive";
    pub(crate) const PREVIOUS: &str = "previous";
    pub(crate) const PLAN_ARCHIVE: &str = "plan_archive";
    /// Layout 1.1: the assessment's local groups (JSON). Layout 1.2 shows them in the `Groups`
    /// sheet.
    pub(crate) const GROUPS: &str = "groups";
    /// Layout 1.1: each rated standard's group ratings, evidence level and evidence date (JSON,
    /// by id). Layout 1.2 shows them in columns of the theme sheets.
    pub(crate) const LENS: &str = "equity_lens";
    /// Layout 1.2: how many rows of the `Groups` sheet, from the first, have columns on the
    /// theme sheets.
    pub(crate) const GROUP_COLUMNS: &str = "group_columns";
    /// Layout 1.2: how many rows of the `Groups` sheet, from the first, are the catalogue's.
    pub(crate) const CATALOGUE_GROUPS: &str = "catalogue_groups";
    /// Layout 1.2: the order of a standard's group ratings, by standard id (JSON), where it is
    /// not the order of the columns.
    pub(crate) const GROUP_ORDER: &str = "group_order";
    /// `sheet:<theme id>` gives the sheet name of a theme.
    pub(crate) const SHEET_PREFIX: &str = "sheet:";
}

/// The longest text a cell holds.
pub(crate) const CELL_LIMIT: usize = 32_767;
/// How much of a long metadata value goes in one cell.
pub(crate) const CHUNK: usize = 30_000;

/// A cell reference such as `E7` (0-based row and column in).
pub(crate) fn cell_ref(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub(crate) fn column_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The sheet names of the themes: the theme id, cut to Excel's 31 characters, and made unique
/// (ignoring case) among themselves and the fixed sheets.
pub(crate) fn theme_sheet_names<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> =
        [INSTRUCTIONS, SUMMARY, DETAILS, GROUPS, ACTION_PLAN, META].iter().map(|s| s.to_lowercase()).collect();
    let mut names = Vec::new();
    for id in ids {
        let base: String = id.chars().take(31).collect();
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) || name.eq_ignore_ascii_case("history") {
            let suffix = format!("~{n}");
            name = format!("{}{suffix}", base.chars().take(31 - suffix.len()).collect::<String>());
            n += 1;
        }
        taken.push(name.to_lowercase());
        names.push(name);
    }
    names
}

/// Something in a workbook that could not be understood (or written), with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CellProblem {
    /// The sheet, if the problem is in one.
    pub sheet: Option<String>,
    /// The cell reference (such as `E7`), if the problem is in one cell.
    pub cell: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl CellProblem {
    pub(crate) fn at(sheet: &str, row: u32, col: u16, message: impl Into<String>) -> Self {
        Self { sheet: Some(sheet.to_owned()), cell: Some(cell_ref(row, col)), message: message.into() }
    }

    pub(crate) fn sheet(sheet: &str, message: impl Into<String>) -> Self {
        Self { sheet: Some(sheet.to_owned()), cell: None, message: message.into() }
    }

    pub(crate) fn file(message: impl Into<String>) -> Self {
        Self { sheet: None, cell: None, message: message.into() }
    }
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sheet, &self.cell) {
            (Some(sheet), Some(cell)) => write!(f, "{sheet}!{cell}: {}", self.message),
            (Some(sheet), None) => write!(f, "sheet {sheet}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_are_spreadsheet_style() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 4), "E7");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn theme_sheet_names_are_short_and_unique() {
        let long = "a".repeat(40);
        let names = theme_sheet_names(["T1", "summary", long.as_str(), long.as_str(), "History"].into_iter());
        assert_eq!(names[0], "T1");
        assert_eq!(names[1], "summary~2");
        assert_eq!(names[2].chars().count(), 31);
        assert_ne!(names[2], names[3]);
        assert!(names[3].chars().count() <= 31);
        assert_eq!(names[4], "History~2");
    }

    #[test]
    fn problems_say_sheet_and_cell() {
        assert_eq!(CellProblem::at("T3", 6, 4, "bad").to_string(), "T3!E7: bad");
        assert_eq!(CellProblem::sheet("T3", "missing").to_string(), "sheet T3: missing");
        assert_eq!(CellProblem::file("no metadata").to_string(), "no metadata");
    }
}
