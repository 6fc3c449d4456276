//! The spreadsheet round trip: `carepath workbook` writes an XLSX like the original tool and
//! `carepath import` reads it back. Assessment → workbook → assessment is identical on every
//! example; the summary formulas score as the library does; bad workbooks are refused with the
//! sheet and cell of every problem.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook};
use common::{arg, carepath, edition, example, examples, json, ok, report, root, scratch, stderr, stdout, stem};

fn northbrook() -> PathBuf {
    example("northbrook-2016.json")
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("readable workbook")
}

/// The XML of one part of the workbook package.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("part {name}")).read_to_string(&mut text).unwrap();
    text
}

/// Writes a filled workbook of `assessment` into `dir`.
fn filled(dir: &Path, assessment: &Path) -> PathBuf {
    let file = dir.join(format!("{}.xlsx", stem(assessment)));
    ok(&["workbook", "--from", arg(assessment), "-o", arg(&file)]);
    file
}

/// A change to make while copying a workbook.
enum Edit<'a> {
    /// Put a value in a cell (`Data::Empty` clears it).
    Set(&'a str, u32, u16, Data),
    /// Rename a sheet.
    Rename(&'a str, &'a str),
    /// Leave a sheet out.
    Drop(&'a str),
}

/// Copies the values of every sheet of `src` (hidden ones too) into a new workbook at `dst`,
/// with edits: as if a person had changed the workbook in a spreadsheet program.
fn rewrite(src: &Path, dst: &Path, edits: &[Edit<'_>]) {
    let mut book = open(src);
    let mut out = rust_xlsxwriter::Workbook::new();
    for sheet in book.sheets_metadata().to_vec() {
        if edits.iter().any(|e| matches!(e, Edit::Drop(n) if *n == sheet.name)) {
            continue;
        }
        let range = book.worksheet_range(&sheet.name).unwrap();
        let name = edits
            .iter()
            .find_map(|e| match e {
                Edit::Rename(from, to) if *from == sheet.name => Some(*to),
                _ => None,
            })
            .unwrap_or(&sheet.name);
        let ws = out.add_worksheet().set_name(name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells: Vec<(u32, u16, Data)> =
            range.used_cells().map(|(r, c, d)| (r0 + r as u32, (c0 + c as u32) as u16, d.clone())).collect();
        for e in edits {
            if let Edit::Set(s, row, col, value) = e
                && *s == sheet.name
            {
                cells.retain(|(r, c, _)| (r, c) != (row, col));
                cells.push((*row, *col, value.clone()));
            }
        }
        for (row, col, value) in cells {
            match value {
                Data::String(s) => ws.write_string(row, col, s).map(|_| ()),
                Data::Float(f) => ws.write_number(row, col, f).map(|_| ()),
                Data::Int(i) => ws.write_number(row, col, i as f64).map(|_| ()),
                Data::Bool(b) => ws.write_boolean(row, col, b).map(|_| ()),
                Data::DateTime(d) => ws.write_number(row, col, d.as_f64()).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
        if sheet.visible != SheetVisible::Visible {
            ws.set_hidden(true);
        }
    }
    out.save(dst).unwrap();
}

fn import(file: &Path) -> (Option<i32>, String, String) {
    let out = carepath(&["import", arg(file)]);
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn round_trip_is_identical_on_every_example() {
    let dir = scratch("round-trip");
    for example in examples() {
        let name = stem(&example);
        let book = filled(&dir, &example);
        let json = dir.join(format!("{name}.json"));
        ok(&["import", arg(&book), "-o", arg(&json)]);
        let original = carepath::Assessment::from_json(&std::fs::read_to_string(&example).unwrap()).unwrap();
        let back = carepath::Assessment::from_json(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(back, original, "{name}: assessment changed in the round trip");
        assert_eq!(std::fs::read_to_string(&json).unwrap(), original.to_json(), "{name}: JSON differs");
        // And the imported file is a valid assessment for the CLI too.
        ok(&["validate", arg(&json)]);
    }
}

#[test]
fn round_trip_keeps_what_a_sheet_cannot_show() {
    let dir = scratch("round-trip-extra");
    let mut value = json(&northbrook());
    // Ratings out of catalogue order, a review note, text with line breaks, formula-like text,
    // unicode, and an archived rating.
    let ratings = value["ratings"].as_object_mut().unwrap();
    let t11 = ratings.shift_remove("T1.1").unwrap();
    ratings.insert("T1.1".into(), t11);
    ratings["T2.1"]["review"] = serde_json::json!("Check against the 2017 audit");
    ratings["T2.1"]["evidence"] = serde_json::json!("Line one\nLine two — with “quotes” and café");
    ratings["T2.3"]["actions"] = serde_json::json!("=SUM(A1:A3) is not a formula here");
    value["archive"] = serde_json::json!([{
        "catalogue": {"id": "perinatal-mental-health", "version": "1.0.0"},
        "standard": "T9.9", "rating": 2, "evidence": "kept", "reason": "retired in a later edition"
    }]);
    let file = dir.join("extra.json");
    std::fs::write(&file, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let original = carepath::Assessment::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let book = filled(&dir, &file);
    let json = ok(&["import", arg(&book)]);
    assert_eq!(json, original.to_json());
}

#[test]
fn blank_workbook_is_laid_out_like_the_original_tool() {
    let dir = scratch("blank");
    let file = dir.join("blank.xlsx");
    ok(&["workbook", "--edition", "perinatal-mental-health@1.0.0", "-o", arg(&file)]);
    let catalogue = edition("1.0.0");
    let mut book = open(&file);
    let sheets: Vec<(String, SheetVisible)> =
        book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible)).collect();
    let mut expected = vec!["Instructions".to_owned(), "Summary".into(), "Details".into(), "Groups".into()];
    expected.extend(catalogue.themes.iter().map(|t| t.id.to_string()));
    expected.push("Action plan".into());
    expected.push("carepath".into());
    assert_eq!(sheets.iter().map(|s| s.0.clone()).collect::<Vec<_>>(), expected);
    assert_eq!(sheets.last().unwrap().1, SheetVisible::Hidden, "metadata sheet is hidden");
    assert!(sheets[..sheets.len() - 1].iter().all(|s| s.1 == SheetVisible::Visible));

    let meta = book.worksheet_range("carepath").unwrap();
    let value = |key: &str| {
        (0..meta.height() as u32)
            .find(|r| meta.get_value((*r, 0)) == Some(&Data::String(key.into())))
            .and_then(|r| meta.get_value((r, 1)).cloned())
    };
    assert_eq!(value("format"), Some(Data::String("carepath-workbook".into())));
    assert_eq!(value("catalogue_id"), Some(Data::String("perinatal-mental-health".into())));
    assert_eq!(value("catalogue_version"), Some(Data::String("1.0.0".into())));
    assert_eq!(value("schema_version"), Some(Data::String("1.0.0".into())));

    for (i, theme) in catalogue.themes.iter().enumerate() {
        let range = book.worksheet_range(theme.id.as_str()).unwrap();
        let header: Vec<String> = (0..10).map(|c| range.get_value((3, c)).unwrap().to_string()).collect();
        assert_eq!(
            header,
            [
                "ID",
                "Standard",
                "What good looks like",
                "Priority",
                "Rating",
                "Light",
                "Evidence",
                "Confidence",
                "Actions",
                "To review"
            ]
        );
        for (k, s) in theme.standards.iter().enumerate() {
            let row = 4 + k as u32;
            assert_eq!(range.get_value((row, 0)), Some(&Data::String(s.id.to_string())));
            assert_eq!(range.get_value((row, 1)), Some(&Data::String(s.title.clone())));
            assert_eq!(range.get_value((row, 2)), Some(&Data::String(s.description.clone())));
            assert!(matches!(range.get_value((row, 4)), None | Some(Data::Empty)), "rating blank");
        }
        // The sheet XML: a drop-down of the scale and the two words, traffic-light formats on
        // the rating and light columns, a confidence drop-down and protection.
        let xml = part(&file, &format!("xl/worksheets/sheet{}.xml", i + 5));
        let last = 4 + theme.standards.len();
        assert!(xml.contains(&format!(r#"sqref="E5:E{last}""#)), "{}: validation range", theme.id);
        assert!(xml.contains("<formula1>\"0,1,2,3,4,5,N/A,Don't know\"</formula1>"), "{}: rating list", theme.id);
        assert!(xml.contains("<formula1>\"Low,Medium,High\"</formula1>"));
        assert!(xml.contains(&format!(r#"<conditionalFormatting sqref="E5:F{last}">"#)), "{}", theme.id);
        // Three bands and the words, on the rating and on each spare group's rating column.
        assert_eq!(xml.matches(r#"type="expression""#).count(), 4 * 4, "three bands and the words");
        assert!(xml.contains("<sheetProtection"));
    }
    let workbook_xml = part(&file, "xl/workbook.xml");
    assert!(workbook_xml.contains(r#"name="carepath" sheetId="13" state="hidden""#), "{workbook_xml}");

    // A blank workbook cannot be imported until the details are filled in.
    let (code, stdout, stderr) = import(&file);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(stderr.contains("Details!B3: the area name is empty"), "{stderr}");
    assert!(stderr.contains("Details!B6: the date of the assessment is empty"), "{stderr}");
}

#[test]
fn a_blank_workbook_filled_in_by_hand_imports() {
    let dir = scratch("fill");
    let blank = dir.join("blank.xlsx");
    ok(&["workbook", "-o", arg(&blank)]);
    let done = dir.join("done.xlsx");
    rewrite(
        &blank,
        &done,
        &[
            Edit::Set("Details", 2, 1, Data::String("Westford".into())),
            Edit::Set("Details", 5, 1, Data::Float(42_704.0)), // 2016-11-30 as a date serial
            Edit::Set("Details", 10, 0, Data::String("Commissioner".into())),
            Edit::Set("Details", 10, 1, Data::String("Westford CCG".into())),
            Edit::Set("Details", 11, 0, Data::String("Health visitor".into())),
            Edit::Set("T1", 4, 4, Data::Float(4.0)),
            Edit::Set("T1", 4, 6, Data::String("Minutes of every meeting".into())),
            Edit::Set("T1", 4, 7, Data::String("high".into())),
            Edit::Set("T1", 5, 4, Data::String("3".into())),
            Edit::Set("T1", 6, 4, Data::String("n/a".into())),
            Edit::Set("T1", 7, 4, Data::String("Don\u{2019}t know".into())),
            Edit::Set("T2", 4, 4, Data::Int(0)),
        ],
    );
    let (code, stdout, stderr) = import(&done);
    assert_eq!(code, Some(0), "{stderr}");
    let a = carepath::Assessment::from_json(&stdout).unwrap();
    assert_eq!(a.area.name, "Westford");
    assert_eq!(a.assessed_on.to_string(), "2016-11-30");
    assert_eq!(a.participants.len(), 2);
    assert_eq!(a.participants[1].organisation, None);
    let rating = |id: &str| a.entry(id).map(|e| e.rating);
    assert_eq!(rating("T1.1"), Some(carepath::Rating::Score(4)));
    assert_eq!(a.entry("T1.1").unwrap().confidence, Some(carepath::Confidence::High));
    assert_eq!(a.entry("T1.1").unwrap().evidence.as_deref(), Some("Minutes of every meeting"));
    assert_eq!(rating("T1.2"), Some(carepath::Rating::Score(3)));
    assert_eq!(rating("T1.3"), Some(carepath::Rating::NotApplicable));
    assert_eq!(rating("T1.4"), Some(carepath::Rating::Unknown));
    assert_eq!(rating("T2.1"), Some(carepath::Rating::Score(0)));
    assert_eq!(a.ratings.len(), 5);
}

/// Cell references in a formula's AVERAGE(...) arguments: `('T1', row, col)` for every cell.
fn average_cells(formula: &str) -> Vec<(String, u32, u32)> {
    let inner = formula.split("AVERAGE(").nth(1).expect("an AVERAGE").split(')').next().unwrap();
    let mut cells = Vec::new();
    for piece in inner.split(',') {
        let (sheet, range) = piece.split_once('!').unwrap_or(("", piece));
        let sheet = sheet.trim_matches('\'').to_owned();
        let parse = |r: &str| -> (u32, u32) {
            let r = r.replace('$', "");
            let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
            let digits: String = r.chars().skip_while(char::is_ascii_alphabetic).collect();
            let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1)) - 1;
            (digits.parse::<u32>().unwrap() - 1, col)
        };
        let (a, b) = range.split_once(':').unwrap_or((range, range));
        let ((r1, c1), (r2, c2)) = (parse(a), parse(b));
        for r in r1..=r2 {
            for c in c1..=c2 {
                cells.push((sheet.clone(), r, c));
            }
        }
    }
    cells
}

#[test]
fn summary_formulas_score_as_the_library_does() {
    let dir = scratch("summary");
    for example in examples() {
        let name = stem(&example);
        let scored = report(&example);
        let file = filled(&dir, &example);
        let mut book = open(&file);
        let formulas = book.worksheet_formula("Summary").unwrap();
        let values = book.worksheet_range("Summary").unwrap();
        let formula_at = |row: u32, col: u32| -> String {
            let (r0, c0) = formulas.start().unwrap();
            formulas.get(((row - r0) as usize, (col - c0) as usize)).cloned().unwrap_or_default()
        };
        // Works a formula out from the cells it names: the mean of the numbers only.
        let mut evaluate = |formula: &str, summary_means: &[Option<f64>]| -> Option<f64> {
            let mut numbers = Vec::new();
            for (sheet, r, c) in average_cells(formula) {
                if sheet.is_empty() {
                    // A reference within the summary: the theme means worked out before.
                    if let Some(Some(v)) = summary_means.get((r - 4) as usize) {
                        numbers.push(*v);
                    }
                    continue;
                }
                let range = book.worksheet_range(&sheet).unwrap();
                match range.get_value((r, c)) {
                    Some(Data::Float(f)) => numbers.push(*f),
                    Some(Data::Int(i)) => numbers.push(*i as f64),
                    _ => {}
                }
            }
            (!numbers.is_empty()).then(|| numbers.iter().sum::<f64>() / numbers.len() as f64)
        };
        let mut means = Vec::new();
        for (i, theme) in scored.themes.iter().enumerate() {
            let row = 4 + i as u32;
            assert_eq!(values.get_value((row, 0)), Some(&Data::String(theme.id.to_string())));
            let f = formula_at(row, 8);
            assert!(f.starts_with("IFERROR(AVERAGE('"), "{name} {}: {f}", theme.id);
            let mean = evaluate(&f, &[]);
            assert_eq!(mean.is_some(), theme.score.is_some(), "{name} {}", theme.id);
            if let (Some(m), Some(s)) = (mean, theme.score) {
                assert!((m - s).abs() < 1e-9, "{name} {}: formula gives {m}, library {s}", theme.id);
            }
            means.push(mean);
            // The cached value shown before recalculation is the library's too.
            match (values.get_value((row, 8)), theme.score) {
                (Some(Data::Float(v)), Some(s)) => assert!((v - s).abs() < 1e-9),
                (Some(Data::String(v)), None) => assert!(v.is_empty()),
                (Some(Data::Empty) | None, None) => {}
                (other, s) => panic!("{name} {}: cached {other:?} for {s:?}", theme.id),
            }
        }
        let overall_row = 4 + scored.themes.len() as u32;
        assert_eq!(values.get_value((overall_row, 0)), Some(&Data::String("Overall".into())));
        let overall = evaluate(&formula_at(overall_row, 8), &means);
        match (overall, scored.overall.score) {
            (Some(m), Some(s)) => assert!((m - s).abs() < 1e-9, "{name}: overall {m} vs {s}"),
            (m, s) => assert_eq!(m.is_some(), s.is_some()),
        }
        for (k, x) in scored.cross_cutting.iter().enumerate() {
            let row = overall_row + 3 + k as u32;
            assert_eq!(values.get_value((row, 0)), Some(&Data::String(x.id.to_string())), "{name}");
            let mean = evaluate(&formula_at(row, 8), &[]);
            match (mean, x.score) {
                (Some(m), Some(s)) => assert!((m - s).abs() < 1e-9, "{name} {}: {m} vs {s}", x.id),
                (m, s) => assert_eq!(m.is_some(), s.is_some(), "{name} {}", x.id),
            }
        }
    }
}

#[test]
fn bad_workbooks_are_refused_naming_sheet_and_cell() {
    let dir = scratch("bad");
    let good = filled(&dir, &northbrook());
    let case = |name: &str, edits: &[Edit<'_>]| -> String {
        let file = dir.join(format!("{name}.xlsx"));
        rewrite(&good, &file, edits);
        let out_json = dir.join(format!("{name}.json"));
        let out = carepath(&["import", arg(&file), "-o", arg(&out_json)]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(!out_json.exists(), "{name}: nothing written");
        assert!(err.lines().all(|l| l.starts_with("error: ") || l.ends_with(".xlsx")), "{name}: {err}");
        err
    };

    // The copy without edits imports: the helper itself changes nothing that matters.
    let same = dir.join("same.xlsx");
    rewrite(&good, &same, &[]);
    assert_eq!(import(&same).0, Some(0), "{}", import(&same).2);

    let e = case("rating-9", &[Edit::Set("T3", 6, 4, Data::Float(9.0))]);
    assert!(e.contains("T3!E7: T3.3: rating \"9\" is off the scale 0..5"), "{e}");

    let e = case("rating-text", &[Edit::Set("T1", 4, 4, Data::String("good".into()))]);
    assert!(e.contains("T1!E5: T1.1: rating \"good\" is not a rating: use a whole number from 0 to 5"), "{e}");

    let e = case("rating-half", &[Edit::Set("T2", 5, 4, Data::Float(2.5))]);
    assert!(e.contains("T2!E6: T2.2: rating \"2.5\" is not a whole number"), "{e}");

    let e = case("renamed", &[Edit::Rename("T3", "Theme 3")]);
    assert!(e.contains("missing sheet `T3`"), "{e}");
    assert!(e.contains("Theme 3"), "lists the sheets found: {e}");

    let e = case("no-metadata", &[Edit::Drop("carepath")]);
    assert!(e.contains("no `carepath` metadata sheet"), "{e}");

    let e = case("metadata-version", &[Edit::Set("carepath", 4, 1, Data::String("9.9.9".into()))]);
    assert!(e.contains("perinatal-mental-health@9.9.9"), "{e}");

    let e = case("metadata-format", &[Edit::Set("carepath", 1, 1, Data::String("something".into()))]);
    assert!(e.contains("carepath!B2: format `something` is not `carepath-workbook`"), "{e}");

    let e = case("no-date", &[Edit::Set("Details", 5, 1, Data::String("last Tuesday".into()))]);
    assert!(e.contains("Details!B6: \"last Tuesday\" is not a date"), "{e}");

    let e = case("unknown-id", &[Edit::Set("T1", 4, 0, Data::String("T1.99".into()))]);
    assert!(e.contains("T1!A5: \"T1.99\" is not a standard of perinatal-mental-health 1.0.0"), "{e}");

    let e = case("wrong-sheet", &[Edit::Set("T1", 4, 0, Data::String("T2.1".into()))]);
    assert!(e.contains("T1!A5: standard T2.1 belongs to theme T2"), "{e}");

    let e = case("evidence-no-rating", &[Edit::Set("T7", 7, 4, Data::String(String::new()))]);
    assert!(e.contains("T7!E8: T7.4 has evidence, confidence, actions or a review note but no rating"), "{e}");

    let e = case("moved-column", &[Edit::Set("T4", 3, 4, Data::String("Score".into()))]);
    assert!(e.contains("T4!E4: expected the header \"Rating\", found \"Score\""), "{e}");

    // Every problem is reported at once, not only the first.
    let e = case(
        "many",
        &[
            Edit::Set("T1", 4, 4, Data::String("good".into())),
            Edit::Set("T3", 6, 4, Data::Float(9.0)),
            Edit::Set("T5", 4, 7, Data::String("sure".into())),
            Edit::Set("Details", 2, 1, Data::String(String::new())),
        ],
    );
    for needle in [
        "T1!E5: T1.1: rating \"good\"",
        "T3!E7: T3.3: rating \"9\" is off the scale 0..5",
        "T5!H5: T5.1: confidence \"sure\" is not Low, Medium or High",
        "Details!B3: the area name is empty",
        "4 problems in",
    ] {
        assert!(e.contains(needle), "missing `{needle}` in:\n{e}");
    }

    let junk = dir.join("junk.xlsx");
    std::fs::write(&junk, "not a spreadsheet").unwrap();
    let (code, _, e) = import(&junk);
    assert_eq!(code, Some(1));
    assert!(e.contains("not a readable XLSX workbook"), "{e}");
}

#[test]
fn workbook_options_pick_the_catalogue() {
    let dir = scratch("options");
    let catalogue_file = root().join("standards/perinatal-mental-health/1.0.0.json");
    let file = dir.join("from-file.xlsx");
    ok(&["workbook", "--catalogue", arg(&catalogue_file), "-o", arg(&file)]);
    assert!(open(&file).sheet_names().contains(&"T7".to_owned()));

    let missing = carepath(&["workbook", "--edition", "perinatal-mental-health@9", "-o", arg(&dir.join("x.xlsx"))]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no bundled catalogue"));

    let both = carepath(&[
        "workbook",
        "--catalogue",
        arg(&catalogue_file),
        "--edition",
        "perinatal-mental-health",
        "-o",
        arg(&dir.join("y.xlsx")),
    ]);
    assert_eq!(both.status.code(), Some(2), "usage error");

    // An import can be checked against a catalogue file; a different edition is refused.
    let book = filled(&dir, &northbrook());
    let json = ok(&["import", arg(&book), "--catalogue", arg(&catalogue_file)]);
    assert!(json.contains("\"Northbrook\""));
}

#[test]
fn the_workbook_keeps_the_edition_the_assessment_names() {
    // A patch or build of an edition is served by the bundled one, and comes back as itself.
    let dir = scratch("edition");
    for (file, version) in [("northbrook-2016.json", "1.0.1"), ("northbrook-2024.json", "2.0.0+build.7")] {
        let mut a = json(&example(file));
        a["catalogue"]["version"] = serde_json::json!(version);
        let path = dir.join(format!("{version}.json"));
        std::fs::write(&path, a.to_string()).unwrap();
        let book = filled(&dir, &path);
        let (code, out, err) = import(&book);
        assert_eq!(code, Some(0), "{err}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["catalogue"]["version"], version, "{version}");
        assert_eq!(
            carepath::Assessment::from_json(&out).unwrap(),
            carepath::Assessment::from_json(&a.to_string()).unwrap(),
            "{version}: the round trip gives back the assessment"
        );
    }
}

#[test]
fn a_sheet_cannot_ask_for_more_memory_than_it_holds() {
    // Two values, at A1 and at the last cell a sheet has: calamine's dense range would be
    // seventeen billion cells; the import refuses the far one by the sheet limits.
    let dir = scratch("far");
    let good = filled(&dir, &northbrook());
    let far = dir.join("far.xlsx");
    rewrite(&good, &far, &[Edit::Set("T2", 1_048_575, 16_383, Data::String("far away".into()))]);
    let (code, _, err) = import(&far);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("sheet T2: a value at XFD1048576 is outside the 10000 rows and 256 columns"), "{err}");
}

/// A copy of a workbook whose Summary formulas have no cached results, so that a spreadsheet
/// program must work them out.
fn without_cached_results(src: &Path, dst: &Path) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet2.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let mut kept = String::new();
            let mut rest = xml.as_str();
            // `<f>...</f><v>...</v>`: keep the formula, drop the value after it.
            while let Some(at) = rest.find("</f><v>") {
                kept.push_str(&rest[..at + 4]);
                let after = &rest[at + 4..];
                let end = after.find("</v>").unwrap() + 4;
                rest = &after[end..];
            }
            kept.push_str(rest);
            bytes = kept.into_bytes();
        }
        out.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn summary_formulas_compute_in_a_spreadsheet_program_as_the_library_scores() {
    // LibreOffice works the Summary out from workbooks without cached results; each theme's
    // score and each population group's theme and overall scores must be the library's.
    let Some(soffice) = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| std::process::Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
    else {
        eprintln!("skipped: no LibreOffice (soffice) to compute the formulas");
        return;
    };
    let dir = scratch("libreoffice");
    let chosen: Vec<PathBuf> = examples().into_iter().filter(|e| !report(e).overall.groups.is_empty()).collect();
    assert!(chosen.len() >= 5, "examples with groups: {chosen:?}");
    let mut inputs = Vec::new();
    for example in &chosen {
        let book = filled(&dir, example);
        let bare = dir.join(format!("{}-bare.xlsx", stem(example)));
        without_cached_results(&book, &bare);
        inputs.push(bare);
    }
    let converted = dir.join("converted");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let mut command = std::process::Command::new(soffice);
    command.args([profile.as_str(), "--headless", "--convert-to", "xlsx", "--outdir", arg(&converted)]);
    command.args(inputs.iter().map(|p| arg(p)));
    let out = command.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    for example in &chosen {
        let name = stem(example);
        let scored = report(example);
        let mut book = open(&converted.join(format!("{name}-bare.xlsx")));
        let summary = book.worksheet_range("Summary").unwrap();
        let number = |row: u32, col: u32| match summary.get_value((row, col)) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        };
        for (i, theme) in scored.themes.iter().enumerate() {
            assert!(close(number(4 + i as u32, 8), theme.score), "{name} {}", theme.id);
        }
        let header = (0..summary.height() as u32)
            .find(|r| summary.get_value((*r, 0)) == Some(&Data::String("Group".into())))
            .unwrap_or_else(|| panic!("{name}: no table of groups"));
        let overall_col = 2 + scored.themes.len() as u32;
        for (k, group) in scored.overall.groups.iter().enumerate() {
            let row = header + 1 + k as u32;
            assert_eq!(summary.get_value((row, 0)), Some(&Data::String(group.id.to_string())), "{name}");
            for (t, theme) in scored.themes.iter().enumerate() {
                let expected = theme.groups[k].score;
                let found = number(row, 2 + t as u32);
                assert!(close(found, expected), "{name} {} {}: {found:?} vs {expected:?}", group.id, theme.id);
            }
            let found = number(row, overall_col);
            assert!(close(found, group.score), "{name} {} overall: {found:?} vs {:?}", group.id, group.score);
        }
    }
}
