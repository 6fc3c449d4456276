//! Writing the workbook: blank from a catalogue, or filled from an assessment.

use std::collections::HashMap;

use carepath::{Area, Assessment, Catalogue, Date, Rating, Report};
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{
    ACTION_PLAN, CELL_LIMIT, CHUNK, CONFIDENCE, CellProblem, DETAIL_ROWS, DETAILS, DETAILS_FIRST_ROW, DONT_KNOW,
    EVIDENCE_WORDS, FIRST_ROW, FORMAT, GROUP_EVIDENCE_PREFIX, GROUP_HEADERS, GROUP_RATING_PREFIX, GROUP_SPARE_ROWS,
    GROUPS, HEADER_ROW, HEADERS, INSTRUCTIONS, LAYOUT, META, NOT_APPLICABLE, PARTICIPANTS_ROW, PLAN_HEADERS,
    PLAN_SPARE_ROWS, STATUS_WORDS, SUMMARY, cell_ref, col, column_name, evidence_word, group_col, key, plan_col,
    status_word, theme_sheet_names,
};
use crate::render::svg::{self, Tone};

const BRAND: u32 = 0x17324D;
const INPUT_FILL: u32 = 0xFFF8E1;

/// The cell formats of the workbook.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    small: Format,
    id: Format,
    input: Format,
    rating: Format,
    date: Format,
    score: Format,
    percent: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Self {
        let top = Format::new().set_align(FormatAlign::Top);
        let input = top
            .clone()
            .set_text_wrap()
            .set_unlocked()
            .set_background_color(Color::RGB(INPUT_FILL))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xD7DBE2));
        Self {
            title: Format::new().set_bold().set_font_size(16).set_font_color(Color::RGB(BRAND)),
            subtitle: top.clone().set_text_wrap().set_font_color(Color::RGB(0x4B5563)),
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(BRAND))
                .set_align(FormatAlign::Top)
                .set_text_wrap()
                .set_border(FormatBorder::Thin),
            text: top.clone().set_text_wrap(),
            small: top.clone().set_text_wrap().set_font_size(10).set_font_color(Color::RGB(0x374151)),
            id: top.clone().set_bold(),
            input: input.clone(),
            rating: input.clone().set_bold().set_align(FormatAlign::Center).set_font_size(12),
            date: input.set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left),
            score: top.clone().set_num_format("0.0").set_bold(),
            percent: top.clone().set_num_format("0%"),
            bold: top.set_bold(),
        }
    }
}

/// Where each standard's rating cell is: sheet name and 0-based row.
type Places = HashMap<String, (String, u32)>;

/// A row of the `Groups` sheet, and so a pair of columns on every theme sheet: a group of the
/// catalogue, one of the assessment's own, or an empty row to add one.
struct GroupRow<'a> {
    id: Option<&'a str>,
    title: &'a str,
    description: Option<&'a str>,
    local: bool,
}

impl GroupRow<'_> {
    /// A header of one of the group's columns: the words, then the title; for a row people can
    /// edit, a formula that follows the title typed in the `Groups` sheet.
    fn header(&self, k: usize, prefix: &str) -> (String, Option<String>) {
        let shown = if self.title.is_empty() { "(new group)" } else { self.title };
        let text = format!("{prefix}{shown}");
        if !self.local {
            return (text, None);
        }
        let title = format!("'{GROUPS}'!$B${}", FIRST_ROW + k as u32 + 1);
        let formula = format!("={}&IF({title}=\"\",\"(new group)\",{title})", quoted(prefix));
        (text, Some(formula))
    }
}

/// The rows of the `Groups` sheet: the catalogue's groups, the assessment's, then spare rows.
fn group_rows<'a>(catalogue: &'a Catalogue, assessment: Option<&'a Assessment>) -> Vec<GroupRow<'a>> {
    let mut rows: Vec<GroupRow<'a>> = catalogue
        .groups
        .iter()
        .map(|g| GroupRow { id: Some(g.id.as_str()), title: &g.title, description: Some(&g.description), local: false })
        .collect();
    for g in assessment.map(|a| a.groups.as_slice()).unwrap_or_default() {
        rows.push(GroupRow {
            id: Some(g.id.as_str()),
            title: &g.title,
            description: g.description.as_deref(),
            local: true,
        });
    }
    rows.extend((0..GROUP_SPARE_ROWS).map(|_| GroupRow { id: None, title: "", description: None, local: true }));
    rows
}

/// Writes the workbook for `catalogue`, filled from `assessment` when one is given (it must
/// already have been checked against the catalogue).
///
/// # Errors
/// One problem per text too long for a cell (32,767 characters), or the writer's error.
pub(crate) fn workbook(catalogue: &Catalogue, assessment: Option<&Assessment>) -> Result<Vec<u8>, Vec<CellProblem>> {
    let problems = too_long(assessment);
    if !problems.is_empty() {
        return Err(problems);
    }
    build(catalogue, assessment).map_err(|e| vec![CellProblem::file(format!("could not write the workbook: {e}"))])
}

/// Texts longer than a cell can hold, named by standard and field.
fn too_long(assessment: Option<&Assessment>) -> Vec<CellProblem> {
    let Some(a) = assessment else { return Vec::new() };
    let mut problems = Vec::new();
    let untitled: Vec<CellProblem> = a
        .plan
        .iter()
        .filter(|action| action.title.trim().is_empty())
        .map(|action| {
            CellProblem::file(format!(
                "action {} has no title; a row of the {ACTION_PLAN} sheet needs one: give it a title",
                action.id
            ))
        })
        .collect();
    let mut check = |what: String, text: Option<&str>| {
        if let Some(t) = text {
            let n = t.encode_utf16().count();
            if n > CELL_LIMIT {
                problems.push(CellProblem::file(format!(
                    "{what} has {n} characters; a spreadsheet cell holds at most {CELL_LIMIT}"
                )));
            }
        }
    };
    check("the area name".into(), Some(&a.area.name));
    check("the notes".into(), a.notes.as_deref());
    for (id, e) in &a.ratings {
        check(format!("the evidence of {id}"), e.evidence.as_deref());
        check(format!("the actions of {id}"), e.actions.as_deref());
        check(format!("the review note of {id}"), e.review.as_deref());
        for (group, g) in &e.groups {
            check(format!("the evidence of {id} for group {group}"), g.evidence.as_deref());
        }
    }
    for g in &a.groups {
        check(format!("the title of group {}", g.id), Some(&g.title));
        check(format!("the description of group {}", g.id), g.description.as_deref());
    }
    for action in &a.plan {
        let id = &action.id;
        check(format!("the title of action {id}"), Some(&action.title));
        check(format!("the owner of action {id}"), action.owner.as_deref());
        check(format!("the notes of action {id}"), action.notes.as_deref());
        let standards: Vec<&str> = action.standards.iter().map(|s| s.as_str()).collect();
        check(format!("the standards of action {id}"), Some(&standards.join(", ")));
    }
    // A row of the action plan is an action by its title: a blank one would not come back.
    problems.extend(untitled);
    problems
}

fn build(catalogue: &Catalogue, assessment: Option<&Assessment>) -> Result<Vec<u8>, XlsxError> {
    let blank;
    let filled = match assessment {
        Some(a) => a,
        None => {
            let date = Date::new(2000, 1, 1).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            blank = Assessment::new(catalogue.reference(), Area::named(""), date);
            &blank
        }
    };
    let report = catalogue.score(filled).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    let f = Formats::new();
    let names = theme_sheet_names(catalogue.themes.iter().map(|t| t.id.as_str()));
    let mut places = Places::new();
    for (theme, name) in catalogue.themes.iter().zip(&names) {
        for (i, s) in theme.standards.iter().enumerate() {
            places.insert(s.id.to_string(), (name.clone(), FIRST_ROW + i as u32));
        }
    }

    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{} ({} {})", catalogue.title, catalogue.id, catalogue.version))
            .set_subject("Pathway assessment workbook")
            .set_comment("Written by carepath; read it back with `carepath import`."),
    );

    let ws = book.add_worksheet().set_name(INSTRUCTIONS)?;
    let words = instructions(ws, catalogue, &f)?;
    ws.set_active(true);

    let ws = book.add_worksheet().set_name(SUMMARY)?;
    summary(ws, catalogue, &report, &names, &places, &group_rows(catalogue, assessment), &f)?;

    let ws = book.add_worksheet().set_name(DETAILS)?;
    details(ws, assessment, &f)?;

    let groups = group_rows(catalogue, assessment);
    let ws = book.add_worksheet().set_name(GROUPS)?;
    groups_sheet(ws, &groups, &f)?;

    for (theme, name) in catalogue.themes.iter().zip(&names) {
        let ws = book.add_worksheet().set_name(name)?;
        let cx = SheetContext { catalogue, assessment, report: &report, groups: &groups, words, f: &f };
        theme_sheet(ws, theme, &cx)?;
    }

    let ws = book.add_worksheet().set_name(ACTION_PLAN)?;
    action_plan(ws, catalogue, assessment, &f)?;

    let ws = book.add_worksheet().set_name(META)?;
    metadata(ws, catalogue, filled, assessment.is_some(), &names, &groups)?;
    ws.set_hidden(true);

    book.save_to_buffer()
}

/// `Don't know` and `N/A` in the list and formula forms.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The light of the value in `cell` as a formula: nested IFs over the catalogue's bands, with
/// the same edge tolerance as the library (scores are rounded to 9 decimals first).
fn light_formula(catalogue: &Catalogue, cell: &str, otherwise: &str) -> String {
    let bands = &catalogue.scale.bands;
    let mut expr = bands.last().map(|b| quoted(&b.label)).unwrap_or_else(|| quoted(""));
    for band in bands.iter().rev().skip(1) {
        expr = format!("IF(ROUND({cell},9)<{},{},{expr})", band.to, quoted(&band.label));
    }
    format!("IF(ISNUMBER({cell}),{expr},{})", quoted(otherwise))
}

fn colour(tone: Tone) -> Color {
    let hex = tone.fill.trim_start_matches('#');
    Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0x6B7280))
}

/// Traffic-light fills on `first_row..=last_row` × `first_col..=last_col`, driven by the number
/// in column `by` of each row; plus grey for the N/A and Don't know words in that column.
fn traffic_lights(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    (first_row, last_row): (u32, u32),
    (first_col, last_col): (u16, u16),
    by: u16,
) -> Result<(), XlsxError> {
    let cell = format!("${}{}", super::column_name(by), first_row + 1);
    let bands = &catalogue.scale.bands;
    for (i, band) in bands.iter().enumerate() {
        let tone = svg::tone(Some(band.id.as_str()));
        let upper = if i + 1 == bands.len() {
            format!("ROUND({cell},9)<={}", band.to)
        } else {
            format!("ROUND({cell},9)<{}", band.to)
        };
        let rule = format!("=AND(ISNUMBER({cell}),ROUND({cell},9)>={},{upper})", band.from);
        let fmt = Format::new().set_background_color(colour(tone)).set_font_color(if tone.ink == "#ffffff" {
            Color::White
        } else {
            Color::Black
        });
        ws.add_conditional_format(
            first_row,
            first_col,
            last_row,
            last_col,
            &ConditionalFormatFormula::new().set_rule(rule.as_str()).set_format(fmt),
        )?;
    }
    let rule = format!("=OR({cell}={},{cell}={})", quoted(NOT_APPLICABLE), quoted(DONT_KNOW));
    ws.add_conditional_format(
        first_row,
        first_col,
        last_row,
        last_col,
        &ConditionalFormatFormula::new()
            .set_rule(rule.as_str())
            .set_format(Format::new().set_background_color(Color::RGB(0xE5E7EB)).set_font_color(Color::Black)),
    )?;
    Ok(())
}

/// Column widths, from column A.
fn column_widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// A row of column headers, from column A.
fn header_row(ws: &mut Worksheet, row: u32, headers: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &f.header)?;
    }
    Ok(())
}

/// A yellow cell for people to fill: the text, or blank when there is none.
fn input_cell(ws: &mut Worksheet, row: u32, c: u16, text: Option<&str>, f: &Formats) -> Result<(), XlsxError> {
    match text {
        Some(t) if !t.is_empty() => ws.write_string_with_format(row, c, t, &f.input)?,
        _ => ws.write_blank(row, c, &f.input)?,
    };
    Ok(())
}

fn protect(ws: &mut Worksheet) {
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
}

/// The words of the rating drop-down: the scale's numbers, then N/A and Don't know.
fn rating_words(catalogue: &Catalogue) -> Vec<String> {
    (catalogue.scale.min..=catalogue.scale.max)
        .map(|v| v.to_string())
        .chain([NOT_APPLICABLE.to_owned(), DONT_KNOW.to_owned()])
        .collect()
}

/// Writes the instructions; returns the first and last (0-based) rows of the rating words
/// (the scale's levels, then N/A and Don't know) in column A.
fn instructions(ws: &mut Worksheet, catalogue: &Catalogue, f: &Formats) -> Result<(u32, u32), XlsxError> {
    column_widths(ws, &[16.0, 28.0, 90.0, 12.0])?;
    ws.write_string_with_format(0, 0, &catalogue.title, &f.title)?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "Assessment workbook for {} edition {}, published by {} on {}.",
            catalogue.id, catalogue.version, catalogue.publisher, catalogue.published
        ),
        &f.subtitle,
    )?;
    let (min, max) = (catalogue.scale.min, catalogue.scale.max);
    let steps = [
        format!("1. Fill in the {DETAILS} sheet: the area, the date of the meeting, any notes and who took part (roles, not names)."),
        format!(
            "2. On each theme sheet, choose a rating for every standard from the drop-down in the Rating column: a whole number from {min} to {max}, \"{NOT_APPLICABLE}\" when the standard does not apply to the area, or \"{DONT_KNOW}\" when nobody in the room knows. Leave it blank if it was not discussed."
        ),
        "3. Add the evidence the rating rests on, how confident the group is (Low, Medium or High) and the actions agreed. Only the yellow cells are read back.".to_owned(),
        format!(
            "4. Targets and the action plan: in the Target column choose the rating the group aims for ({min} to {max}; blank for none; a standard needs a rating, {NOT_APPLICABLE} or {DONT_KNOW}, to carry one) and in Target by the date to reach it. On the {ACTION_PLAN} sheet write one action per row: a title, the standards it is for (ids such as T1.2, separated by commas), who leads it (a role), when it is due, its status ({}) and any notes. A new row without an ID gets the next free one (A1, A2, ...) when read back.",
            STATUS_WORDS.join(", ")
        ),
        format!(
            "5. How strong the evidence is and whether each population group is served as well: in Evidence level choose {} (weakest first) and in Evidence date when it was gathered. The {GROUPS} sheet lists the groups a standard can be rated for: the catalogue's, then the area's own (add one in an empty yellow row). Each group has a Rating and an Evidence column at the right of every theme sheet: rate the standard for the group only where the group is served differently; a blank means the group is served as the standard's own rating says, and a group rating needs the standard's own rating.",
            EVIDENCE_WORDS.join(", ")
        ),
        format!(
            "6. The {SUMMARY} sheet works out each theme's score (the mean of its numeric ratings; {NOT_APPLICABLE}, {DONT_KNOW} and blanks are left out), the cross-cutting themes and the overall score (the mean of the theme scores), with their lights, and each group's scores."
        ),
        "7. Read the workbook back with: carepath import WORKBOOK.xlsx -o assessment.json. Every cell it cannot understand is listed with its sheet and cell, such as T3!E7.".to_owned(),
        "Do not rename the sheets, move the ID column or delete the hidden carepath sheet: import uses them to know what it reads.".to_owned(),
    ];
    let mut row = 3;
    ws.write_string_with_format(row, 0, "How to fill it in", &f.bold)?;
    for step in &steps {
        row += 1;
        ws.merge_range(row, 0, row, 3, step, &f.text)?;
        let height = match step.len() {
            0..=240 => 32,
            241..=480 => 64,
            _ => 96,
        };
        ws.set_row_height(row, height)?;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "The rating scale", &f.bold)?;
    row += 1;
    header_row(ws, row, &["Rating", "Label", "What it means", "Light"], f)?;
    let first = row + 1;
    for level in &catalogue.scale.levels {
        row += 1;
        ws.write_number_with_format(row, 0, f64::from(level.value), &f.bold)?;
        ws.write_string_with_format(row, 1, &level.label, &f.text)?;
        ws.write_string_with_format(row, 2, &level.description, &f.text)?;
        let light = catalogue.scale.band(f64::from(level.value)).map(|b| b.label.as_str()).unwrap_or("");
        ws.write_string_with_format(row, 3, light, &f.text)?;
    }
    traffic_lights(ws, catalogue, (first, row), (0, 0), 0)?;
    traffic_lights(ws, catalogue, (first, row), (3, 3), 0)?;
    for (word, meaning) in [
        (
            NOT_APPLICABLE,
            "The standard does not apply to this area. Counts towards completeness, not towards any score.",
        ),
        (DONT_KNOW, "Nobody in the room knows. Listed as a gap in knowledge, left out of every score."),
    ] {
        row += 1;
        ws.write_string_with_format(row, 0, word, &f.bold)?;
        ws.merge_range(row, 1, row, 3, meaning, &f.text)?;
    }
    let words = (first, row);
    row += 2;
    let bands: Vec<String> = catalogue
        .scale
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if i + 1 == catalogue.scale.bands.len() {
                format!("{} from {} to {}", b.label, b.from, b.to)
            } else {
                format!("{} from {} to below {}", b.label, b.from, b.to)
            }
        })
        .collect();
    ws.merge_range(row, 0, row, 3, &format!("Lights for ratings and averages: {}.", bands.join(", ")), &f.text)?;
    protect(ws);
    Ok(words)
}

fn details(ws: &mut Worksheet, assessment: Option<&Assessment>, f: &Formats) -> Result<(), XlsxError> {
    column_widths(ws, &[48.0, 70.0])?;
    ws.write_string_with_format(0, 0, "Assessment details", &f.title)?;
    ws.write_string_with_format(
        1,
        0,
        "Fill in the yellow cells. The date is a date cell (year-month-day).",
        &f.subtitle,
    )?;
    let a = assessment;
    let values: [Option<&str>; 5] = [
        a.map(|a| a.area.name.as_str()),
        a.and_then(|a| a.area.code.as_deref()),
        a.and_then(|a| a.area.kind.as_deref()),
        None,
        a.and_then(|a| a.notes.as_deref()),
    ];
    for (i, label) in DETAIL_ROWS.iter().enumerate() {
        let row = DETAILS_FIRST_ROW + i as u32;
        ws.write_string_with_format(row, 0, *label, &f.bold)?;
        if i == 3 {
            match a {
                Some(a) => {
                    let d = a.assessed_on;
                    let date = ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?;
                    ws.write_date_with_format(row, 1, &date, &f.date)?;
                }
                None => {
                    ws.write_blank(row, 1, &f.date)?;
                }
            }
        } else {
            input_cell(ws, row, 1, values[i], f)?;
        }
    }
    ws.set_row_height(DETAILS_FIRST_ROW + 4, 60)?;
    ws.write_string_with_format(PARTICIPANTS_ROW - 1, 0, "Who took part (roles, not names)", &f.bold)?;
    header_row(ws, PARTICIPANTS_ROW, &["Role", "Organisation"], f)?;
    let people = a.map(|a| a.participants.as_slice()).unwrap_or_default();
    let rows = (people.len() + 20).max(40) as u32;
    for i in 0..rows {
        let row = PARTICIPANTS_ROW + 1 + i;
        match people.get(i as usize) {
            Some(p) => {
                ws.write_string_with_format(row, 0, &p.role, &f.input)?;
                match &p.organisation {
                    Some(org) => ws.write_string_with_format(row, 1, org, &f.input)?,
                    None => ws.write_blank(row, 1, &f.input)?,
                };
            }
            None => {
                ws.write_blank(row, 0, &f.input)?;
                ws.write_blank(row, 1, &f.input)?;
            }
        }
    }
    protect(ws);
    Ok(())
}

/// What every theme sheet is written with.
struct SheetContext<'a> {
    catalogue: &'a Catalogue,
    assessment: Option<&'a Assessment>,
    report: &'a Report,
    groups: &'a [GroupRow<'a>],
    /// The first and last rows of the rating words on the instructions sheet.
    words: (u32, u32),
    f: &'a Formats,
}

/// A rating in a yellow rating cell: the number, or the word, or blank.
fn rating_cell(ws: &mut Worksheet, row: u32, c: u16, rating: Option<Rating>, f: &Formats) -> Result<(), XlsxError> {
    match rating {
        Some(Rating::Score(v)) => ws.write_number_with_format(row, c, f64::from(v), &f.rating)?,
        Some(Rating::NotApplicable) => ws.write_string_with_format(row, c, NOT_APPLICABLE, &f.rating)?,
        Some(Rating::Unknown) => ws.write_string_with_format(row, c, DONT_KNOW, &f.rating)?,
        None => ws.write_blank(row, c, &f.rating)?,
    };
    Ok(())
}

/// The drop-down of ratings: the scale's numbers and the two words, or (when they do not fit
/// Excel's 255-character list) the words of the instructions sheet.
fn rating_validation(
    catalogue: &Catalogue,
    title: &str,
    (first, last): (u32, u32),
) -> Result<DataValidation, XlsxError> {
    let words = rating_words(catalogue);
    let levels: Vec<String> = catalogue.scale.levels.iter().map(|l| format!("{} {}", l.value, l.label)).collect();
    let mut message = format!("{}; {NOT_APPLICABLE}; {DONT_KNOW}", levels.join("; "));
    if message.chars().count() > 250 {
        message = message.chars().take(250).collect();
    }
    let validation = match DataValidation::new().allow_list_strings(&words) {
        Ok(v) => v,
        // A long scale does not fit Excel's 255-character list: point at the scale instead.
        Err(_) => DataValidation::new().allow_list_formula(Formula::new(format!(
            "='{INSTRUCTIONS}'!$A${}:$A${}",
            first + 1,
            last + 1
        ))),
    };
    Ok(validation
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("Not a rating")?
        .set_error_message(format!(
            "Choose a whole number from {} to {}, {NOT_APPLICABLE} or {DONT_KNOW}.",
            catalogue.scale.min, catalogue.scale.max
        ))?
        .set_error_style(DataValidationErrorStyle::Stop))
}

fn theme_sheet(ws: &mut Worksheet, theme: &carepath::Theme, cx: &SheetContext<'_>) -> Result<(), XlsxError> {
    let (catalogue, assessment, f) = (cx.catalogue, cx.assessment, cx.f);
    column_widths(ws, &[9.0, 36.0, 60.0, 11.0, 11.0, 11.0, 60.0, 12.0, 50.0, 30.0, 10.0, 13.0, 14.0, 13.0])?;
    for k in 0..cx.groups.len() {
        ws.set_column_width(col::group_rating(k), 14.0)?;
        ws.set_column_width(col::group_rating(k) + 1, 40.0)?;
    }
    let last_col = col::TARGET_BY;
    ws.write_string_with_format(0, 0, format!("{} {}", theme.id, theme.title), &f.title)?;
    ws.merge_range(1, 0, 1, last_col, &theme.description, &f.subtitle)?;
    ws.set_row_height(1, 36)?;
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        &format!(
            "Rate each standard in the Rating column: {} to {}, {NOT_APPLICABLE} or {DONT_KNOW}. Evidence, confidence, actions, review notes, a target (the rating aimed for, and by when), how strong the evidence is and when it was gathered are optional. To the right, rate the standard for each population group of the {GROUPS} sheet where the group is served differently; leave it blank where the group is served as the standard's own rating says.",
            catalogue.scale.min, catalogue.scale.max
        ),
        &f.subtitle,
    )?;
    ws.set_row_height(2, 32)?;
    header_row(ws, HEADER_ROW, &HEADERS, f)?;
    for (k, group) in cx.groups.iter().enumerate() {
        for (c, prefix) in
            [(col::group_rating(k), GROUP_RATING_PREFIX), (col::group_rating(k) + 1, GROUP_EVIDENCE_PREFIX)]
        {
            match group.header(k, prefix) {
                (text, None) => ws.write_string_with_format(HEADER_ROW, c, text, &f.header)?,
                (text, Some(formula)) => {
                    ws.write_formula_with_format(HEADER_ROW, c, Formula::new(formula).set_result(text), &f.header)?
                }
            };
        }
    }
    ws.set_freeze_panes(FIRST_ROW, 2)?;

    let last = FIRST_ROW + theme.standards.len() as u32 - 1;
    for (i, s) in theme.standards.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        let entry = assessment.and_then(|a| a.entry(s.id.as_str()));
        ws.write_string_with_format(row, col::ID, s.id.as_str(), &f.id)?;
        ws.write_string_with_format(row, col::TITLE, &s.title, &f.bold)?;
        ws.write_string_with_format(row, col::DESCRIPTION, &s.description, &f.small)?;
        ws.write_string_with_format(row, col::PRIORITY, capitalise(s.priority.as_str()), &f.text)?;
        rating_cell(ws, row, col::RATING, entry.map(|e| e.rating), f)?;
        let own = cell_ref(row, col::RATING);
        let light = cx
            .report
            .standard(s.id.as_str())
            .and_then(|x| x.light.as_ref())
            .and_then(|id| catalogue.scale.bands.iter().find(|b| b.id == *id))
            .map(|b| b.label.clone())
            .unwrap_or_default();
        ws.write_formula_with_format(
            row,
            col::LIGHT,
            Formula::new(format!("={}", light_formula(catalogue, &own, ""))).set_result(light),
            &f.bold,
        )?;
        input_cell(ws, row, col::EVIDENCE, entry.and_then(|e| e.evidence.as_deref()), f)?;
        let confidence = entry.and_then(|e| e.confidence).map(|c| capitalise(c.as_str()));
        input_cell(ws, row, col::CONFIDENCE, confidence.as_deref(), f)?;
        input_cell(ws, row, col::ACTIONS, entry.and_then(|e| e.actions.as_deref()), f)?;
        input_cell(ws, row, col::REVIEW, entry.and_then(|e| e.review.as_deref()), f)?;
        let target = entry.and_then(|e| e.target);
        match target {
            Some(t) => ws.write_number_with_format(row, col::TARGET, f64::from(t.rating), &f.rating)?,
            None => ws.write_blank(row, col::TARGET, &f.rating)?,
        };
        date_cell(ws, row, col::TARGET_BY, target.and_then(|t| t.by), f)?;
        input_cell(ws, row, col::EVIDENCE_LEVEL, entry.and_then(|e| e.evidence_level).map(evidence_word), f)?;
        date_cell(ws, row, col::EVIDENCE_DATE, entry.and_then(|e| e.evidence_date), f)?;
        for (k, group) in cx.groups.iter().enumerate() {
            let given = entry.zip(group.id).and_then(|(e, id)| e.groups.get(id));
            rating_cell(ws, row, col::group_rating(k), given.map(|g| g.rating), f)?;
            input_cell(ws, row, col::group_rating(k) + 1, given.and_then(|g| g.evidence.as_deref()), f)?;
        }
        ws.set_row_height(row, 75)?;
    }

    let validation = rating_validation(catalogue, "Rating", cx.words)?;
    ws.add_data_validation(FIRST_ROW, col::RATING, last, col::RATING, &validation)?;
    let confidence = DataValidation::new()
        .allow_list_strings(&CONFIDENCE)?
        .set_error_title("Not a confidence")?
        .set_error_message("Choose Low, Medium or High.")?;
    ws.add_data_validation(FIRST_ROW, col::CONFIDENCE, last, col::CONFIDENCE, &confidence)?;
    let (min, max) = (catalogue.scale.min, catalogue.scale.max);
    let scores: Vec<String> = (min..=max).map(|v| v.to_string()).collect();
    let target = match DataValidation::new().allow_list_strings(&scores) {
        Ok(v) => v,
        // A long scale does not fit Excel's 255-character list: any whole number on it.
        Err(_) => DataValidation::new().allow_whole_number(DataValidationRule::Between(min, max)),
    };
    let target = target
        .set_input_title("Target")?
        .set_input_message(format!("The rating aimed for: a whole number from {min} to {max}; blank for none."))?
        .set_error_title("Not a target")?
        .set_error_message(format!("Choose a whole number from {min} to {max}, or leave it blank."))?
        .set_error_style(DataValidationErrorStyle::Stop);
    ws.add_data_validation(FIRST_ROW, col::TARGET, last, col::TARGET, &target)?;
    ws.add_data_validation(FIRST_ROW, col::TARGET_BY, last, col::TARGET_BY, &date_validation("Target by")?)?;
    let level = DataValidation::new()
        .allow_list_strings(&EVIDENCE_WORDS)?
        .set_input_title("Evidence level")?
        .set_input_message(format!("What the rating rests on, weakest first: {}.", EVIDENCE_WORDS.join(", ")))?
        .set_error_title("Not an evidence level")?
        .set_error_message(format!("Choose {}, or leave it blank.", EVIDENCE_WORDS.join(", ")))?
        .set_error_style(DataValidationErrorStyle::Stop);
    ws.add_data_validation(FIRST_ROW, col::EVIDENCE_LEVEL, last, col::EVIDENCE_LEVEL, &level)?;
    ws.add_data_validation(
        FIRST_ROW,
        col::EVIDENCE_DATE,
        last,
        col::EVIDENCE_DATE,
        &date_validation("Evidence date")?,
    )?;
    traffic_lights(ws, catalogue, (FIRST_ROW, last), (col::RATING, col::LIGHT), col::RATING)?;
    if !cx.groups.is_empty() {
        let group = rating_validation(catalogue, "Rating for the group", cx.words)?;
        for k in 0..cx.groups.len() {
            let c = col::group_rating(k);
            ws.add_data_validation(FIRST_ROW, c, last, c, &group)?;
            traffic_lights(ws, catalogue, (FIRST_ROW, last), (c, c), c)?;
        }
    }
    protect(ws);
    Ok(())
}

/// The `Groups` sheet: the catalogue's population groups (read-only), the assessment's own
/// (editable), then empty rows to add more; each row has a rating and an evidence column on
/// every theme sheet.
fn groups_sheet(ws: &mut Worksheet, groups: &[GroupRow<'_>], f: &Formats) -> Result<(), XlsxError> {
    column_widths(ws, &[24.0, 48.0, 80.0, 14.0])?;
    let last_col = group_col::FROM;
    ws.write_string_with_format(0, 0, "Population groups", &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "The groups a standard can be rated for, besides everyone: a pathway can fail a group while its average looks well. The catalogue's groups are listed first and cannot be changed here; below them, the area's own groups are yellow and read back.",
        &f.subtitle,
    )?;
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        &format!(
            "To add a group of your own, fill an empty yellow row: a title, who the group is, and an ID (letters, digits, _ or -; left blank, one is made from the title). Each row has a \"{GROUP_RATING_PREFIX}...\" and an \"{GROUP_EVIDENCE_PREFIX}...\" column on every theme sheet. For more groups than there are rows, read the workbook back and write it again."
        ),
        &f.subtitle,
    )?;
    ws.set_row_height(1, 32)?;
    ws.set_row_height(2, 32)?;
    header_row(ws, HEADER_ROW, &GROUP_HEADERS, f)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    for (k, g) in groups.iter().enumerate() {
        let row = FIRST_ROW + k as u32;
        if g.local {
            input_cell(ws, row, group_col::ID, g.id, f)?;
            input_cell(ws, row, group_col::TITLE, Some(g.title), f)?;
            input_cell(ws, row, group_col::DESCRIPTION, g.description, f)?;
            ws.write_string_with_format(row, group_col::FROM, "This area", &f.text)?;
        } else {
            ws.write_string_with_format(row, group_col::ID, g.id.unwrap_or_default(), &f.id)?;
            ws.write_string_with_format(row, group_col::TITLE, g.title, &f.bold)?;
            ws.write_string_with_format(row, group_col::DESCRIPTION, g.description.unwrap_or_default(), &f.small)?;
            ws.write_string_with_format(row, group_col::FROM, "Catalogue", &f.text)?;
        }
    }
    protect(ws);
    Ok(())
}

/// A yellow date cell: the date, or blank.
fn date_cell(ws: &mut Worksheet, row: u32, c: u16, date: Option<Date>, f: &Formats) -> Result<(), XlsxError> {
    match date {
        Some(d) => {
            let date = ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?;
            ws.write_date_with_format(row, c, &date, &f.date)?;
        }
        None => {
            ws.write_blank(row, c, &f.date)?;
        }
    }
    Ok(())
}

/// A warning (not a stop: a date typed as text still reads back) when a cell is not a date.
fn date_validation(title: &str) -> Result<DataValidation, XlsxError> {
    let first = ExcelDateTime::from_ymd(1900, 3, 1)?;
    let last = ExcelDateTime::from_ymd(9999, 12, 31)?;
    DataValidation::new()
        .allow_date(DataValidationRule::Between(first, last))
        .set_input_title(title)?
        .set_input_message("A date, year-month-day, such as 2025-09-30.")?
        .set_error_title("Not a date")?
        .set_error_message("Type a date such as 2025-09-30.")
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

/// The action plan: a row per action, then empty rows to add more.
fn action_plan(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    assessment: Option<&Assessment>,
    f: &Formats,
) -> Result<(), XlsxError> {
    column_widths(ws, &[8.0, 50.0, 22.0, 28.0, 13.0, 14.0, 50.0])?;
    let last_col = plan_col::NOTES;
    ws.write_string_with_format(0, 0, ACTION_PLAN, &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "What the partnership will do, who leads it and by when. One action per row; the yellow cells are read back.",
        &f.subtitle,
    )?;
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        &format!(
            "Standards: the ids of the standards the action is for, separated by commas (such as {}). Status: {}. A new row needs a title; without an ID it gets the next free one when read back.",
            example_ids(catalogue),
            STATUS_WORDS.join(", ")
        ),
        &f.subtitle,
    )?;
    ws.set_row_height(2, 32)?;
    header_row(ws, HEADER_ROW, &PLAN_HEADERS, f)?;
    ws.set_freeze_panes(FIRST_ROW, 2)?;
    let plan = assessment.map(|a| a.plan.as_slice()).unwrap_or_default();
    let rows = plan.len() as u32 + PLAN_SPARE_ROWS;
    for i in 0..rows {
        let row = FIRST_ROW + i;
        let action = plan.get(i as usize);
        input_cell(ws, row, plan_col::ID, action.map(|a| a.id.as_str()), f)?;
        input_cell(ws, row, plan_col::TITLE, action.map(|a| a.title.as_str()), f)?;
        let standards = action.map(|a| a.standards.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "));
        input_cell(ws, row, plan_col::STANDARDS, standards.as_deref(), f)?;
        input_cell(ws, row, plan_col::OWNER, action.and_then(|a| a.owner.as_deref()), f)?;
        date_cell(ws, row, plan_col::DUE, action.and_then(|a| a.due), f)?;
        input_cell(ws, row, plan_col::STATUS, action.map(|a| status_word(a.status)), f)?;
        input_cell(ws, row, plan_col::NOTES, action.and_then(|a| a.notes.as_deref()), f)?;
    }
    let last = FIRST_ROW + rows - 1;
    let status = DataValidation::new()
        .allow_list_strings(&STATUS_WORDS)?
        .set_input_title("Status")?
        .set_input_message(format!("{}; blank is Planned.", STATUS_WORDS.join(", ")))?
        .set_error_title("Not a status")?
        .set_error_message(format!("Choose {}.", STATUS_WORDS.join(", ")))?
        .set_error_style(DataValidationErrorStyle::Stop);
    ws.add_data_validation(FIRST_ROW, plan_col::STATUS, last, plan_col::STATUS, &status)?;
    ws.add_data_validation(FIRST_ROW, plan_col::DUE, last, plan_col::DUE, &date_validation("Due")?)?;
    protect(ws);
    Ok(())
}

/// Two standard ids of the catalogue, for the instructions: `T1.1, T2.3`.
fn example_ids(catalogue: &Catalogue) -> String {
    let ids: Vec<&str> = catalogue.standards().map(|(_, s)| s.id.as_str()).take(2).collect();
    ids.join(", ")
}

fn summary(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    report: &Report,
    names: &[String],
    places: &Places,
    groups: &[GroupRow<'_>],
    f: &Formats,
) -> Result<(), XlsxError> {
    column_widths(ws, &[14.0, 58.0, 11.0, 9.0, 8.0, 11.0, 10.0, 11.0, 9.0, 12.0])?;
    ws.write_string_with_format(0, 0, "Summary", &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        9,
        &format!(
            "Worked out by formulas from the theme sheets, the same way carepath does: a theme's score is the mean of its numeric ratings ({NOT_APPLICABLE}, {DONT_KNOW} and blanks are left out; no score when nothing is scored); the overall score is the mean of the theme scores."
        ),
        &f.subtitle,
    )?;
    ws.set_row_height(1, 32)?;
    let headers =
        ["Theme", "Title", "Standards", "Scored", "N/A", "Don't know", "Not rated", "Complete", "Score", "Light"];
    header_row(ws, 3, &headers, f)?;
    let mut row = 4;
    let first_theme_row = row;
    for ((theme, name), scored) in catalogue.themes.iter().zip(names).zip(&report.themes) {
        let last = FIRST_ROW + theme.standards.len() as u32;
        let range = format!("'{name}'!$E${}:$E${last}", FIRST_ROW + 1);
        let r = row + 1;
        ws.write_string_with_format(row, 0, theme.id.as_str(), &f.id)?;
        ws.write_string_with_format(row, 1, &theme.title, &f.text)?;
        ws.write_number_with_format(row, 2, theme.standards.len() as f64, &f.text)?;
        formula(ws, row, 3, &format!("=COUNT({range})"), scored.rated.to_string(), &f.text)?;
        formula(
            ws,
            row,
            4,
            &format!("=COUNTIF({range},{})", quoted(NOT_APPLICABLE)),
            scored.not_applicable.to_string(),
            &f.text,
        )?;
        formula(ws, row, 5, &format!("=COUNTIF({range},{})", quoted(DONT_KNOW)), scored.unknown.to_string(), &f.text)?;
        formula(ws, row, 6, &format!("=COUNTBLANK({range})"), scored.unrated.to_string(), &f.text)?;
        formula(ws, row, 7, &format!("=(D{r}+E{r})/C{r}"), scored.completeness.to_string(), &f.percent)?;
        score_and_light(ws, catalogue, row, &range, scored.score, scored.light.as_ref(), f)?;
        row += 1;
    }
    let last_theme_row = row - 1;
    let o = &report.overall;
    let themes = |column: char| format!("{column}{}:{column}{}", first_theme_row + 1, last_theme_row + 1);
    ws.write_string_with_format(row, 0, "Overall", &f.id)?;
    ws.write_string_with_format(row, 1, "Mean of the theme scores", &f.text)?;
    formula(ws, row, 2, &format!("=SUM({})", themes('C')), o.total.to_string(), &f.text)?;
    formula(ws, row, 3, &format!("=SUM({})", themes('D')), o.rated.to_string(), &f.text)?;
    score_and_light(ws, catalogue, row, &themes('I'), o.score, o.light.as_ref(), f)?;
    traffic_lights(ws, catalogue, (first_theme_row, row), (8, 9), 8)?;

    if !catalogue.cross_cutting.is_empty() {
        row += 2;
        let headers = ["Cross-cutting", "Title", "Standards", "Scored", "", "", "", "", "Score", "Light"];
        header_row(ws, row, &headers, f)?;
        let first = row + 1;
        for (x, scored) in catalogue.cross_cutting.iter().zip(&report.cross_cutting) {
            row += 1;
            let cells: Vec<String> = catalogue
                .standards()
                .filter(|(_, s)| s.tags.contains(&x.id))
                .filter_map(|(_, s)| places.get(s.id.as_str()))
                .map(|(sheet, at)| format!("'{sheet}'!$E${}", at + 1))
                .collect();
            ws.write_string_with_format(row, 0, x.id.as_str(), &f.id)?;
            ws.write_string_with_format(row, 1, &x.title, &f.text)?;
            ws.write_number_with_format(row, 2, cells.len() as f64, &f.text)?;
            // Excel takes at most 255 arguments per function.
            if !cells.is_empty() && cells.len() <= 255 {
                let list = cells.join(",");
                formula(ws, row, 3, &format!("=COUNT({list})"), scored.rated.to_string(), &f.text)?;
                score_and_light(ws, catalogue, row, &list, scored.score, scored.light.as_ref(), f)?;
            }
        }
        traffic_lights(ws, catalogue, (first, row), (8, 9), 8)?;
    }
    group_means(ws, catalogue, report, names, groups, row, f)?;
    ws.set_freeze_panes(4, 0)?;
    protect(ws);
    Ok(())
}

/// Below the themes, a table of each declared population group's score per theme and overall:
/// a group's score for a standard is its group rating where one is given (blank is none), else
/// the standard's own rating; a theme's is the mean of those that are numbers, the overall the
/// mean of the theme scores; from two rows below `row`.
fn group_means(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    report: &Report,
    names: &[String],
    groups: &[GroupRow<'_>],
    mut row: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let declared: Vec<(usize, &GroupRow<'_>)> = groups.iter().enumerate().filter(|(_, g)| g.id.is_some()).collect();
    if declared.is_empty() {
        return Ok(());
    }
    let themes = catalogue.themes.len() as u16;
    let overall_col = 2 + themes;
    row += 2;
    ws.write_string_with_format(row, 0, "Groups", &f.bold)?;
    ws.merge_range(
        row,
        1,
        row,
        overall_col,
        &format!(
            "Each group's score: per standard the group's rating where one is given, else the standard's own; per theme the mean of those scores ({NOT_APPLICABLE}, {DONT_KNOW} and blanks are left out); overall the mean of the group's theme scores."
        ),
        &f.subtitle,
    )?;
    ws.set_row_height(row, 32)?;
    row += 1;
    let mut headers: Vec<&str> = vec!["Group", "Title"];
    headers.extend(catalogue.themes.iter().map(|t| t.id.as_str()));
    headers.push("Overall");
    header_row(ws, row, &headers, f)?;
    let first = row + 1;
    for (k, g) in declared {
        row += 1;
        let id = g.id.unwrap_or_default();
        ws.write_string_with_format(row, 0, id, &f.id)?;
        ws.write_string_with_format(row, 1, g.title, &f.text)?;
        let cached = |scores: &[carepath::GroupScore]| {
            scores.iter().find(|s| s.id.as_str() == id).and_then(|s| s.score).map(|s| s.to_string()).unwrap_or_default()
        };
        for (t, (theme, name)) in catalogue.themes.iter().zip(names).enumerate() {
            let span = |c: u16| {
                let letters = column_name(c);
                format!("'{name}'!${letters}${}:${letters}${}", FIRST_ROW + 1, FIRST_ROW + theme.standards.len() as u32)
            };
            let (own, given) = (span(col::RATING), span(col::group_rating(k)));
            let mean = format!(
                "=IFERROR((SUM({given})+SUMPRODUCT(--(LEN({given})=0),{own}))/(COUNT({given})+SUMPRODUCT(--(LEN({given})=0),--ISNUMBER({own}))),\"\")"
            );
            let result = report.themes.get(t).map(|s| cached(&s.groups)).unwrap_or_default();
            formula(ws, row, 2 + t as u16, &mean, result, &f.score)?;
        }
        let across = format!("{}{}:{}{}", column_name(2), row + 1, column_name(1 + themes), row + 1);
        formula(
            ws,
            row,
            overall_col,
            &format!("=IFERROR(AVERAGE({across}),\"\")"),
            cached(&report.overall.groups),
            &f.score,
        )?;
    }
    for c in 2..=overall_col {
        traffic_lights(ws, catalogue, (first, row), (c, c), c)?;
    }
    Ok(())
}

fn formula(ws: &mut Worksheet, row: u32, c: u16, text: &str, result: String, f: &Format) -> Result<(), XlsxError> {
    ws.write_formula_with_format(row, c, Formula::new(text).set_result(result), f)?;
    Ok(())
}

/// The Score and Light columns (I and J) of a summary row: the mean of the ratings or scores in
/// `values` and its light, with the library's own answers as the cached results.
fn score_and_light(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    row: u32,
    values: &str,
    score: Option<f64>,
    band: Option<&carepath::BandId>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mean = format!("=IFERROR(AVERAGE({values}),\"\")");
    formula(ws, row, 8, &mean, score.map(|s| s.to_string()).unwrap_or_default(), &f.score)?;
    let light = format!("={}", light_formula(catalogue, &format!("I{}", row + 1), "No score"));
    formula(ws, row, 9, &light, light_word(catalogue, band), &f.bold)
}

fn light_word(catalogue: &Catalogue, band: Option<&carepath::BandId>) -> String {
    match band {
        Some(_) => crate::render::light(catalogue, band),
        None => "No score".to_owned(),
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn metadata(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    assessment: &Assessment,
    filled: bool,
    names: &[String],
    groups: &[GroupRow<'_>],
) -> Result<(), XlsxError> {
    let mut rows: Vec<(String, String)> = vec![
        (key::FORMAT.into(), FORMAT.into()),
        (key::LAYOUT.into(), LAYOUT.into()),
        // The edition the assessment was rated against (`1.0.1`, say), which the catalogue that
        // lays the workbook out (the bundled `1.0.0`) serves but does not replace.
        (key::CATALOGUE_ID.into(), assessment.catalogue.id.to_string()),
        (key::CATALOGUE_VERSION.into(), assessment.catalogue.version.to_string()),
        // The version the file needs: 1.1 once a target, a plan or a previous round is in it.
        (key::SCHEMA_VERSION.into(), assessment.schema_version.clone().max(assessment.format_needed()).to_string()),
    ];
    for (theme, name) in catalogue.themes.iter().zip(names) {
        rows.push((format!("{}{}", key::SHEET_PREFIX, theme.id), name.clone()));
    }
    rows.push((key::CATALOGUE_GROUPS.into(), groups.iter().filter(|g| !g.local).count().to_string()));
    rows.push((key::GROUP_COLUMNS.into(), groups.len().to_string()));
    if filled {
        if let Some(schema) = &assessment.schema {
            rows.push((key::SCHEMA.into(), schema.clone()));
        }
        let order: Vec<&str> = assessment.ratings.keys().map(|k| k.as_str()).collect();
        rows.push((key::ORDER.into(), order.join(" ")));
        if !assessment.archive.is_empty() {
            let json =
                serde_json::to_string(&assessment.archive).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            rows.push((key::ARCHIVE.into(), json));
        }
        if let Some(previous) = &assessment.previous {
            let json = serde_json::to_string(previous).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            rows.push((key::PREVIOUS.into(), json));
        }
        if !assessment.plan_archive.is_empty() {
            let json = serde_json::to_string(&assessment.plan_archive)
                .map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            rows.push((key::PLAN_ARCHIVE.into(), json));
        }
        // The order of a standard's group ratings where it is not the order of the columns.
        let columns: Vec<&str> = groups.iter().filter_map(|g| g.id).collect();
        let order: serde_json::Map<String, serde_json::Value> = assessment
            .ratings
            .iter()
            .filter(|(_, e)| {
                let given: Vec<usize> =
                    e.groups.keys().filter_map(|g| columns.iter().position(|c| *c == g.as_str())).collect();
                given.windows(2).any(|w| w[0] > w[1])
            })
            .map(|(id, e)| (id.to_string(), e.groups.keys().map(|g| serde_json::Value::from(g.as_str())).collect()))
            .collect();
        if !order.is_empty() {
            rows.push((key::GROUP_ORDER.into(), serde_json::Value::Object(order).to_string()));
        }
    }
    column_widths(ws, &[20.0, 60.0])?;
    ws.write_string(0, 0, "key")?;
    ws.write_string(0, 1, "value")?;
    for (i, (k, v)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, k)?;
        for (c, chunk) in chunks(v).into_iter().enumerate() {
            ws.write_string(row, 1 + c as u16, chunk)?;
        }
    }
    protect(ws);
    Ok(())
}

/// Splits a long value into pieces that fit a cell, on character boundaries.
fn chunks(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return vec![""];
    }
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_formula_nests_the_bands() {
        let c = Catalogue::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
        assert_eq!(
            light_formula(&c, "E5", ""),
            r#"IF(ISNUMBER(E5),IF(ROUND(E5,9)<2,"Red",IF(ROUND(E5,9)<4,"Amber","Green")),"")"#
        );
    }

    #[test]
    fn chunks_split_long_values_on_character_boundaries() {
        let long = "é".repeat(CHUNK);
        let parts = chunks(&long);
        assert!(parts.len() >= 2);
        assert_eq!(parts.concat(), long);
        assert_eq!(chunks(""), vec![""]);
    }

    #[test]
    fn the_drop_down_offers_the_scale_and_two_words() {
        let c = Catalogue::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
        assert_eq!(rating_words(&c), ["0", "1", "2", "3", "4", "5", "N/A", "Don't know"]);
    }
}
