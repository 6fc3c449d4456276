//! The workbook's targets and action plan: an assessment with targets (with and without a date,
//! on scored, N/A and unknown standards), a plan of every status, a previous round and archived
//! actions comes back from write -> read exactly; a workbook of the layout before targets still
//! reads; targets and actions typed by hand read back; every malformed cell is refused with its
//! sheet and cell.
#![cfg(feature = "xlsx")]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook_from_rs};
use carepath::{ActionStatus, Assessment, Catalogue, Rating};
use carepath_report::workbook;
use serde_json::json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn northbrook_json() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("standards/examples/northbrook-2016.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn edition() -> Catalogue {
    Catalogue::bundled("perinatal-mental-health", Some("1.0.0")).unwrap()
}

/// Northbrook 2016 with everything format 1.1 adds.
fn planned() -> Assessment {
    let mut v = northbrook_json();
    v["schema_version"] = json!("1.1.0");
    let r = &mut v["ratings"];
    r["T1.1"]["target"] = json!({ "rating": 4, "by": "2017-09-30" });
    r["T3.3"]["target"] = json!({ "rating": 3 });
    r["T2.2"]["target"] = json!({ "rating": 2, "by": "2018-03-31" }); // unknown
    r["T2.8"]["target"] = json!({ "rating": 0 }); // not applicable
    r["T4.1"]["target"] = json!({ "rating": r["T4.1"]["rating"].clone() }); // hold this
    v["plan"] = json!([
        { "id": "A1", "title": "Write the equity plan with the MNVP", "standards": ["T1.1", "T7.7"],
          "owner": "ICB perinatal lead", "due": "2017-09-30", "status": "planned",
          "notes": "Line one\nLine two, with “quotes” and café" },
        { "id": "A2", "title": "=SUM(A1:A3) is not a formula here", "standards": ["T3.3"],
          "status": "in_progress" },
        { "id": "A7", "title": "Train health visitors", "standards": [], "due": "2017-03-01", "status": "done" },
        { "id": "x-9", "title": "Set up a peer support group", "standards": ["T5.1", "T5.2", "T6.3"],
          "owner": "Voluntary sector lead", "status": "dropped", "notes": "No funding" }
    ]);
    v["previous"] = json!({
        "catalogue": { "id": "perinatal-mental-health", "version": "1.0.0" },
        "assessed_on": "2015-11-30",
        "ratings": { "T1.1": { "rating": 1, "target": { "rating": 3, "by": "2016-09-30" } },
                     "T2.2": { "rating": "unknown" }, "T2.8": { "rating": "not_applicable" } }
    });
    v["archive"] = json!([{
        "catalogue": { "id": "perinatal-mental-health", "version": "0.9.0" },
        "standard": "T9.9", "rating": 2, "target": { "rating": 4 }, "evidence": "kept",
        "reason": "retired in a later edition"
    }]);
    v["plan_archive"] = json!([{
        "catalogue": { "id": "perinatal-mental-health", "version": "0.9.0" },
        "action": { "id": "A12", "title": "Audit the old service", "standards": ["T9.9"], "status": "planned" },
        "reason": "every standard it named retired"
    }]);
    let a = Assessment::from_value(v).unwrap();
    edition().check(&a).unwrap();
    a
}

fn read(bytes: &[u8]) -> Result<Assessment, workbook::WorkbookError> {
    workbook::read(bytes, None).map(|(a, _)| a)
}

fn book(bytes: &[u8]) -> Xlsx<std::io::Cursor<&[u8]>> {
    open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

/// A change to make while copying a workbook, as a person would in a spreadsheet program.
enum Edit<'a> {
    /// Put a value in a cell (`Data::Empty` clears it).
    Set(&'a str, u32, u16, Data),
    /// Leave a sheet out.
    Drop(&'a str),
}

/// Copies the values of every sheet of a workbook (dates as their serial numbers) into a new
/// one, with edits.
fn rewrite(bytes: &[u8], edits: &[Edit<'_>]) -> Vec<u8> {
    let mut book = book(bytes);
    let mut out = rust_xlsxwriter::Workbook::new();
    for sheet in book.sheets_metadata().to_vec() {
        if edits.iter().any(|e| matches!(e, Edit::Drop(n) if *n == sheet.name)) {
            continue;
        }
        let range = book.worksheet_range(&sheet.name).unwrap();
        let ws = out.add_worksheet().set_name(&sheet.name).unwrap();
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
    out.save_to_buffer().unwrap()
}

/// The problems of a workbook that must not read, one a line as `sheet!cell: message`.
fn problems(bytes: &[u8]) -> String {
    match read(bytes) {
        Ok(_) => panic!("the workbook read"),
        Err(e) => e.problems().iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
    }
}

fn meta_value(bytes: &[u8], key: &str) -> Option<Data> {
    let meta = book(bytes).worksheet_range("carepath").unwrap();
    (0..meta.height() as u32)
        .find(|r| meta.get_value((*r, 0)) == Some(&Data::String(key.into())))
        .and_then(|r| meta.get_value((r, 1)).cloned())
}

#[test]
fn targets_plan_previous_and_archives_round_trip_exactly() {
    let original = planned();
    let bytes = workbook::write(&edition(), Some(&original)).unwrap();
    let back = read(&bytes).unwrap();
    assert_eq!(back, original);
    assert_eq!(back.to_json(), original.to_json());
    assert_eq!(meta_value(&bytes, "schema_version"), Some(Data::String("1.1.0".into())));
    assert_eq!(meta_value(&bytes, "layout"), Some(Data::String("1.2".into())));

    // The cells people see: the target and its date on the theme sheet, the plan's rows.
    let mut b = book(&bytes);
    let t1 = b.worksheet_range("T1").unwrap();
    assert_eq!(t1.get_value((3, 10)), Some(&Data::String("Target".into())));
    assert_eq!(t1.get_value((3, 11)), Some(&Data::String("Target by".into())));
    assert_eq!(t1.get_value((4, 10)), Some(&Data::Float(4.0)));
    assert!(matches!(t1.get_value((4, 11)), Some(Data::DateTime(_))), "{:?}", t1.get_value((4, 11)));
    let plan = b.worksheet_range("Action plan").unwrap();
    let row: Vec<String> = (0..7).map(|c| plan.get_value((3, c)).unwrap().to_string()).collect();
    assert_eq!(row, ["ID", "Action", "Standards", "Owner", "Due", "Status", "Notes"]);
    assert_eq!(plan.get_value((4, 2)), Some(&Data::String("T1.1, T7.7".into())));
    let statuses: Vec<String> = (4..8).map(|r| plan.get_value((r, 5)).unwrap().to_string()).collect();
    assert_eq!(statuses, ["Planned", "In progress", "Done", "Dropped"]);
    assert!(matches!(plan.get_value((4, 4)), Some(Data::DateTime(_))));

    // And through a copy that keeps only the values (dates become serial numbers).
    assert_eq!(read(&rewrite(&bytes, &[])).unwrap(), original);
}

#[test]
fn an_assessment_without_the_new_fields_stays_format_1_0() {
    let original = Assessment::from_value(northbrook_json()).unwrap();
    let bytes = workbook::write(&edition(), Some(&original)).unwrap();
    assert_eq!(meta_value(&bytes, "schema_version"), Some(Data::String("1.0.0".into())));
    let back = read(&bytes).unwrap();
    assert_eq!(back, original);
    assert_eq!(back.schema_version.to_string(), "1.0.0");
    assert!(back.plan.is_empty());
    // The plan sheet's 30 empty input rows have the status drop-down and date checks; the theme
    // sheets a target drop-down of the scale's numbers and a date check beside it.
    let plan = part(&bytes, "xl/worksheets/sheet12.xml");
    assert!(plan.contains(r#"sqref="F5:F34""#), "{plan}");
    assert!(plan.contains("<formula1>\"Planned,In progress,Done,Dropped\"</formula1>"), "{plan}");
    assert!(plan.contains(r#"type="date""#) && plan.contains(r#"sqref="E5:E34""#), "{plan}");
    assert!(plan.contains("<sheetProtection"));
    let t1 = part(&bytes, "xl/worksheets/sheet5.xml");
    assert!(t1.contains(r#"sqref="K5:K11""#) && t1.contains("<formula1>\"0,1,2,3,4,5\"</formula1>"), "{t1}");
    assert!(t1.contains(r#"sqref="L5:L11""#), "{t1}");
    let workbook_xml = part(&bytes, "xl/workbook.xml");
    assert!(workbook_xml.contains(r#"name="Action plan" sheetId="12""#), "{workbook_xml}");
}

/// The XML of one part of the workbook package.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn a_workbook_of_the_layout_before_targets_still_reads() {
    // Written by `carepath workbook --from standards/examples/northbrook-2016.json` before the
    // target columns and the action plan sheet were added.
    let bytes = std::fs::read(root().join("report/tests/fixtures/northbrook-2016-layout-before-targets.xlsx")).unwrap();
    assert_eq!(meta_value(&bytes, "layout"), Some(Data::String("1".into())));
    assert!(!book(&bytes).sheet_names().contains(&"Action plan".to_owned()));
    let back = read(&bytes).unwrap();
    assert_eq!(back, Assessment::from_value(northbrook_json()).unwrap());
    // Values in the columns a layout 1 sheet does not have are not read as targets.
    let edited = rewrite(&bytes, &[Edit::Set("T1", 4, 10, Data::Float(9.0))]);
    assert!(read(&edited).unwrap().entry("T1.1").unwrap().target.is_none());
}

#[test]
fn targets_and_actions_typed_by_hand_read_back() {
    let original = Assessment::from_value(northbrook_json()).unwrap();
    let bytes = workbook::write(&edition(), Some(&original)).unwrap();
    let s = |t: &str| Data::String(t.into());
    let edited = rewrite(
        &bytes,
        &[
            Edit::Set("T1", 4, 10, s(" 5 ")),
            Edit::Set("T1", 4, 11, s("2017-06-30")),
            Edit::Set("T1", 5, 10, Data::Float(3.0)),
            Edit::Set("T1", 5, 11, Data::Float(42_704.0)), // 2016-11-30 as a date serial
            Edit::Set("T2", 5, 10, Data::Int(1)),          // T2.2, rated Don't know
            Edit::Set("Action plan", 4, 1, s("Untitled by ID: gets A4, after the typed A3")),
            Edit::Set("Action plan", 4, 2, s("T1.1 T1.2;T2.1,  T2.2")),
            Edit::Set("Action plan", 4, 5, s("in_progress")),
            Edit::Set("Action plan", 6, 0, s("A3")),
            Edit::Set("Action plan", 6, 1, s("Typed id")),
            Edit::Set("Action plan", 6, 4, s("2017-01-31")),
            Edit::Set("Action plan", 6, 5, s("DONE")),
            Edit::Set("Action plan", 8, 1, s("Another new one")),
            Edit::Set("Action plan", 8, 3, s("Commissioner")),
            Edit::Set("Action plan", 8, 4, Data::Float(42_794.0)), // 2017-02-28
        ],
    );
    let a = read(&edited).unwrap();
    assert_eq!(a.schema_version.to_string(), "1.1.0", "targets and a plan make it format 1.1");
    let target = |id: &str| a.entry(id).unwrap().target.map(|t| (t.rating, t.by.map(|d| d.to_string())));
    assert_eq!(target("T1.1"), Some((5, Some("2017-06-30".into()))));
    assert_eq!(target("T1.2"), Some((3, Some("2016-11-30".into()))));
    assert_eq!(target("T2.2"), Some((1, None)));
    assert_eq!(a.entry("T2.2").unwrap().rating, Rating::Unknown);
    let plan: Vec<(&str, &str, ActionStatus)> =
        a.plan.iter().map(|x| (x.id.as_str(), x.title.as_str(), x.status)).collect();
    assert_eq!(
        plan,
        [
            ("A4", "Untitled by ID: gets A4, after the typed A3", ActionStatus::InProgress),
            ("A3", "Typed id", ActionStatus::Done),
            ("A5", "Another new one", ActionStatus::Planned),
        ]
    );
    let standards: Vec<&str> = a.plan[0].standards.iter().map(|s| s.as_str()).collect();
    assert_eq!(standards, ["T1.1", "T1.2", "T2.1", "T2.2"]);
    assert_eq!(a.plan[1].due.map(|d| d.to_string()).as_deref(), Some("2017-01-31"));
    assert_eq!(a.plan[2].due.map(|d| d.to_string()).as_deref(), Some("2017-02-28"));
    assert_eq!(a.plan[2].owner.as_deref(), Some("Commissioner"));
    assert!(a.plan[0].standards.len() == 4 && a.plan[0].owner.is_none() && a.plan[0].notes.is_none());
    // What was read writes and reads again unchanged.
    assert_eq!(read(&workbook::write(&edition(), Some(&a)).unwrap()).unwrap(), a);
}

#[test]
fn every_malformed_target_or_action_cell_is_refused_with_its_cell() {
    let bytes = workbook::write(&edition(), Some(&planned())).unwrap();
    let s = |t: &str| Data::String(t.into());
    let cases: Vec<(&str, Vec<Edit<'_>>, &str)> = vec![
        (
            "off the scale",
            vec![Edit::Set("T3", 6, 10, Data::Float(9.0))],
            "T3!K7: T3.3: target \"9\" is off the scale 0..5",
        ),
        ("off as text", vec![Edit::Set("T3", 6, 10, s("-1"))], "T3!K7: T3.3: target \"-1\" is off the scale 0..5"),
        ("half", vec![Edit::Set("T1", 5, 10, Data::Float(2.5))], "T1!K6: T1.2: target \"2.5\" is not a whole number"),
        (
            "word",
            vec![Edit::Set("T1", 5, 10, s("N/A"))],
            "T1!K6: T1.2: target \"N/A\" is not a target: a target is a whole number from 0 to 5, or blank",
        ),
        (
            "no rating",
            vec![Edit::Set("T7", 6, 10, Data::Float(3.0))], // T7.3 is unrated
            "T7!K7: T7.3 has a target but no rating",
        ),
        (
            "bad date",
            vec![Edit::Set("T1", 4, 11, s("soon"))],
            "T1!L5: T1.1: target by \"soon\" is not a date: type a date such as 2025-09-30",
        ),
        (
            "half a date",
            vec![Edit::Set("T1", 4, 11, s("2017-09-30 or so"))],
            "T1!L5: T1.1: target by \"2017-09-30 or so\" is not a date",
        ),
        (
            "impossible date",
            vec![Edit::Set("T1", 4, 11, s("2017-02-30"))],
            "T1!L5: T1.1: target by \"2017-02-30\" is not a date",
        ),
        (
            "date, no target",
            vec![Edit::Set("T1", 5, 11, s("2017-09-30"))],
            "T1!L6: T1.2 has a target date but no target",
        ),
        ("no id, target", vec![Edit::Set("T1", 4, 0, Data::Empty)], "T1!E5: this row has no standard id in column A"),
        (
            "moved target column",
            vec![Edit::Set("T4", 3, 10, s("Aim"))],
            "T4!K4: expected the header \"Target\", found \"Aim\"",
        ),
        ("id, no title", vec![Edit::Set("Action plan", 5, 1, Data::Empty)], "Action plan!B6: action A2 has no title"),
        (
            "repeated id",
            vec![Edit::Set("Action plan", 5, 0, s("A1"))],
            "Action plan!A6: action A1 is listed twice (also on row 5)",
        ),
        ("bad id", vec![Edit::Set("Action plan", 5, 0, s("A 2"))], "Action plan!A6: invalid action id `A 2`"),
        (
            "unknown standard",
            vec![Edit::Set("Action plan", 4, 2, s("T1.1, T1.99"))],
            "Action plan!C5: A1: \"T1.99\" is not a standard of perinatal-mental-health 1.0.0",
        ),
        (
            "bad due",
            vec![Edit::Set("Action plan", 6, 4, s("next spring"))],
            "Action plan!E7: A7: due \"next spring\" is not a date",
        ),
        (
            "bad status",
            vec![Edit::Set("Action plan", 6, 5, s("Finished"))],
            "Action plan!F7: A7: status \"Finished\" is not Planned, In progress, Done or Dropped",
        ),
        (
            "new row, bad status",
            vec![Edit::Set("Action plan", 12, 1, s("New")), Edit::Set("Action plan", 12, 5, s("soon"))],
            "Action plan!F13: the action on row 13: status \"soon\"",
        ),
        (
            "notes, no action",
            vec![Edit::Set("Action plan", 20, 6, s("a note on its own"))],
            "Action plan!B21: this row has no action",
        ),
        (
            "moved plan column",
            vec![Edit::Set("Action plan", 3, 5, s("State"))],
            "Action plan!F4: expected the header \"Status\"",
        ),
        ("plan sheet deleted", vec![Edit::Drop("Action plan")], "missing sheet `Action plan`"),
    ];
    for (name, edits, needle) in cases {
        let e = problems(&rewrite(&bytes, &edits));
        assert!(e.contains(needle), "{name}: missing `{needle}` in:\n{e}");
    }

    // The metadata's JSON parts.
    let meta = book(&bytes).worksheet_range("carepath").unwrap();
    let row_of = |key: &str| {
        (0..meta.height() as u32).find(|r| meta.get_value((*r, 0)) == Some(&Data::String(key.into()))).unwrap()
    };
    for (key, needle) in
        [("previous", "the previous round is not readable"), ("plan_archive", "the archived actions are not readable")]
    {
        let row = row_of(key);
        let e = problems(&rewrite(&bytes, &[Edit::Set("carepath", row, 1, s("{not json"))]));
        assert!(e.contains(&format!("carepath!B{}: {needle}", row + 1)), "{key}: {e}");
    }

    // Every problem at once, never only the first.
    let e = problems(&rewrite(
        &bytes,
        &[
            Edit::Set("T3", 6, 10, Data::Float(9.0)),
            Edit::Set("Action plan", 5, 0, s("A1")),
            Edit::Set("Action plan", 6, 5, s("Finished")),
        ],
    ));
    assert_eq!(e.lines().count(), 3, "{e}");
}

#[test]
fn an_action_without_a_title_is_refused_when_written() {
    let mut a = planned();
    a.plan[1].title = "  ".into();
    let e = workbook::write(&edition(), Some(&a)).unwrap_err();
    assert!(e.to_string().contains("action A2 has no title"), "{e}");
}

#[test]
fn a_workbook_of_layout_1_1_keeps_its_groups_in_the_metadata() {
    // Written by `carepath workbook --from standards/examples/northbrook-2024.json` at layout
    // 1.1, when the local groups, the group ratings and the evidence levels and dates were kept
    // only in the hidden sheet (keys `groups` and `equity_lens`).
    let bytes = std::fs::read(root().join("report/tests/fixtures/northbrook-2024-layout-1.1.xlsx")).unwrap();
    assert_eq!(meta_value(&bytes, "layout"), Some(Data::String("1.1".into())));
    assert!(meta_value(&bytes, "equity_lens").is_some());
    assert!(meta_value(&bytes, "groups").is_some());
    let text = std::fs::read_to_string(root().join("standards/examples/northbrook-2024.json")).unwrap();
    let back = read(&bytes).unwrap();
    assert_eq!(back, Assessment::from_json(&text).unwrap());
    assert_eq!(back.to_json(), text);
}

fn edition_3_1() -> Catalogue {
    Catalogue::bundled("perinatal-mental-health", Some("3.1.0")).unwrap()
}

/// A blank workbook of edition 3.1.0 (nine groups of the catalogue, then three spare rows) with
/// the details filled, and more edits.
fn blank_3_1_filled(edits: &[Edit<'_>]) -> Vec<u8> {
    let blank = workbook::write(&edition_3_1(), None).unwrap();
    let mut all = vec![
        Edit::Set("Details", 2, 1, Data::String("Westford".into())),
        Edit::Set("Details", 5, 1, Data::String("2024-11-30".into())),
    ];
    all.extend(edits.iter().map(|e| match e {
        Edit::Set(s, r, c, d) => Edit::Set(s, *r, *c, d.clone()),
        Edit::Drop(s) => Edit::Drop(s),
    }));
    rewrite(&blank, &all)
}

#[test]
fn the_equity_columns_are_visible_and_the_metadata_no_longer_holds_them() {
    let text = std::fs::read_to_string(root().join("standards/examples/vale-of-ashby-2024.json")).unwrap();
    let original = Assessment::from_json(&text).unwrap();
    let catalogue = Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap();
    let bytes = workbook::write(&catalogue, Some(&original)).unwrap();
    assert_eq!(meta_value(&bytes, "layout"), Some(Data::String("1.2".into())));
    assert_eq!(meta_value(&bytes, "equity_lens"), None);
    assert_eq!(meta_value(&bytes, "groups"), None);
    assert_eq!(meta_value(&bytes, "catalogue_groups"), Some(Data::String("0".into())));
    assert_eq!(meta_value(&bytes, "group_columns"), Some(Data::String("7".into())), "four groups, three spare");
    let mut b = book(&bytes);
    let groups = b.worksheet_range("Groups").unwrap();
    let header: Vec<String> = (0..4).map(|c| groups.get_value((3, c)).unwrap().to_string()).collect();
    assert_eq!(header, ["ID", "Group", "Who the group is", "Declared by"]);
    assert_eq!(groups.get_value((7, 0)), Some(&Data::String("gypsy_roma_traveller".into())));
    assert_eq!(groups.get_value((7, 3)), Some(&Data::String("This area".into())));
    let t1 = b.worksheet_range("T1").unwrap();
    let at = |c: u32| t1.get_value((3, c)).map(ToString::to_string).unwrap_or_default();
    assert_eq!(at(12), "Evidence level");
    assert_eq!(at(13), "Evidence date");
    assert_eq!(at(14), "Rating: Women who need an interpreter or have limited English");
    assert_eq!(at(15), "Evidence: Women who need an interpreter or have limited English");
    assert_eq!(at(20), "Rating: Gypsy, Roma and Traveller women");
    assert_eq!(at(22), "Rating: (new group)");
    // The words people see for the levels, and the dates as date cells.
    let words: Vec<String> =
        (4..t1.height() as u32).filter_map(|r| t1.get_value((r, 12))).map(ToString::to_string).collect();
    assert!(words.iter().any(|w| w == "Self-reported") && words.iter().any(|w| w == "Documented"), "{words:?}");
    assert!((4..t1.height() as u32).any(|r| matches!(t1.get_value((r, 13)), Some(Data::DateTime(_)))));
    assert_eq!(read(&bytes).unwrap().to_json(), text);
    // Through a copy that keeps only the values too.
    assert_eq!(read(&rewrite(&bytes, &[])).unwrap().to_json(), text);
}

#[test]
fn group_ratings_levels_dates_and_a_new_group_typed_by_hand_read_back() {
    let s = |t: &str| Data::String(t.into());
    let bytes = blank_3_1_filled(&[
        // T1.1: a rating, a group rating and its evidence for the interpreter group (columns O
        // and P), an evidence level in the file's word and a date typed as text.
        Edit::Set("T1", 4, 4, Data::Float(3.0)),
        Edit::Set("T1", 4, 14, s("2")),
        Edit::Set("T1", 4, 15, s("Interpreters booked late")),
        Edit::Set("T1", 4, 12, s("self_reported")),
        Edit::Set("T1", 4, 13, s("2024-05-01")),
        // T1.2: the workbook's words, a date cell, Don't know for the under-20s (columns U, V).
        Edit::Set("T1", 5, 4, Data::Float(4.0)),
        Edit::Set("T1", 5, 12, s(" audited ")),
        Edit::Set("T1", 5, 13, Data::Float(45_444.0)), // 2024-06-01 as a date serial
        Edit::Set("T1", 5, 20, s("Don't know")),
        // A group of the area's own in the first spare row, without an ID, rated for T1.2 in
        // its columns (AG, AH).
        Edit::Set("Groups", 13, 1, s("Gypsy, Roma and Traveller women")),
        Edit::Set("Groups", 13, 2, s("On the two permanent sites")),
        Edit::Set("T1", 5, 32, s("N/A")),
        // And one typed with an ID, never rated.
        Edit::Set("Groups", 14, 0, s("sex_workers")),
        Edit::Set("Groups", 14, 1, s("Women who sell sex")),
    ]);
    let a = read(&bytes).unwrap();
    let expected = Assessment::from_value(json!({
        "schema_version": "1.2.0",
        "catalogue": { "id": "perinatal-mental-health", "version": "3.1.0" },
        "area": { "name": "Westford" },
        "assessed_on": "2024-11-30",
        "groups": [
            { "id": "gypsy_roma_and_traveller_women", "title": "Gypsy, Roma and Traveller women",
              "description": "On the two permanent sites" },
            { "id": "sex_workers", "title": "Women who sell sex" }
        ],
        "ratings": {
            "T1.1": { "rating": 3, "groups": { "interpreter": { "rating": 2, "evidence": "Interpreters booked late" } },
                      "evidence_level": "self_reported", "evidence_date": "2024-05-01" },
            "T1.2": { "rating": 4,
                      "groups": { "under_20": { "rating": "unknown" },
                                  "gypsy_roma_and_traveller_women": { "rating": "not_applicable" } },
                      "evidence_level": "audited", "evidence_date": "2024-06-01" }
        }
    }))
    .unwrap();
    assert_eq!(a, expected);
    // What was read writes and reads again unchanged, the new groups now with their columns.
    let again = workbook::write(&edition_3_1(), Some(&a)).unwrap();
    assert_eq!(meta_value(&again, "group_columns"), Some(Data::String("14".into())));
    assert_eq!(read(&again).unwrap(), a);
}

#[test]
fn every_malformed_equity_cell_is_refused_with_its_cell() {
    let s = |t: &str| Data::String(t.into());
    // T1.1 rated, and the edits.
    fn rated(edits: Vec<Edit<'_>>) -> Vec<Edit<'_>> {
        let mut all = vec![Edit::Set("T1", 4, 4, Data::Float(3.0))];
        all.extend(edits);
        all
    }
    let cases: Vec<(&str, Vec<Edit<'_>>, &str)> = vec![
        (
            "bad level",
            rated(vec![Edit::Set("T1", 4, 12, s("strong"))]),
            "T1!M5: T1.1: evidence level \"strong\" is not None, Self-reported, Documented, Audited or External",
        ),
        (
            "bad date",
            rated(vec![Edit::Set("T1", 4, 13, s("last spring"))]),
            "T1!N5: T1.1: evidence date \"last spring\" is not a date",
        ),
        (
            "impossible date",
            rated(vec![Edit::Set("T1", 4, 13, s("2024-02-30"))]),
            "T1!N5: T1.1: evidence date \"2024-02-30\" is not a date",
        ),
        (
            "group off the scale",
            rated(vec![Edit::Set("T1", 4, 14, Data::Float(9.0))]),
            "T1!O5: T1.1 for group interpreter: rating \"9\" is off the scale 0..5",
        ),
        (
            "group word",
            rated(vec![Edit::Set("T1", 4, 16, s("worse"))]),
            "T1!Q5: T1.1 for group black_asian_mixed: rating \"worse\" is not a rating",
        ),
        (
            "group evidence, no group rating",
            rated(vec![Edit::Set("T1", 4, 15, s("said in the room"))]),
            "T1!O5: T1.1 has evidence for group interpreter but no rating for the group",
        ),
        (
            "group rating, no rating",
            vec![Edit::Set("T1", 5, 14, Data::Float(2.0))],
            "T1!O6: T1.2 has a rating or evidence for a group but no rating of its own",
        ),
        (
            "level, no rating",
            vec![Edit::Set("T1", 5, 12, s("Documented"))],
            "T1!M6: T1.2 has an evidence level or date but no rating",
        ),
        (
            "empty group row",
            rated(vec![Edit::Set("T1", 4, 32, Data::Float(2.0))]),
            "T1!AG5: T1.1: this column is for the group on row 14 of the Groups sheet, which is empty",
        ),
        (
            "bad group id",
            rated(vec![Edit::Set("Groups", 13, 0, s("gypsy roma")), Edit::Set("Groups", 13, 1, s("GRT"))]),
            "Groups!A14: invalid group id `gypsy roma`",
        ),
        (
            "a catalogue id",
            rated(vec![Edit::Set("Groups", 13, 0, s("prison")), Edit::Set("Groups", 13, 1, s("Prison"))]),
            "Groups!A14: group prison is one of the catalogue's",
        ),
        (
            "twice",
            rated(vec![
                Edit::Set("Groups", 13, 0, s("grt")),
                Edit::Set("Groups", 13, 1, s("GRT")),
                Edit::Set("Groups", 14, 0, s("grt")),
                Edit::Set("Groups", 14, 1, s("GRT again")),
            ]),
            "Groups!A15: group grt is listed twice (also on row 14)",
        ),
        ("id, no title", rated(vec![Edit::Set("Groups", 13, 0, s("grt"))]), "Groups!B14: group grt has no title"),
        (
            "catalogue group changed",
            rated(vec![Edit::Set("Groups", 4, 0, s("interpreters"))]),
            "Groups!A5: \"interpreters\" is not a group of perinatal-mental-health 3.1.0",
        ),
        (
            "moved group column",
            rated(vec![Edit::Set("T2", 3, 15, s("Notes"))]),
            "T2!P4: expected the header \"Evidence: ...\" of a group's column, found \"Notes\"",
        ),
        (
            "moved level column",
            rated(vec![Edit::Set("T2", 3, 12, s("Strength"))]),
            "T2!M4: expected the header \"Evidence level\", found \"Strength\"",
        ),
        ("groups sheet deleted", vec![Edit::Drop("Groups")], "missing sheet `Groups`"),
    ];
    for (name, edits, needle) in cases {
        let e = problems(&blank_3_1_filled(&edits));
        assert!(e.contains(needle), "{name}: missing `{needle}` in:\n{e}");
    }

    // The metadata's counts and order.
    let bytes = blank_3_1_filled(&[]);
    let meta = book(&bytes).worksheet_range("carepath").unwrap();
    let row_of = |key: &str| {
        (0..meta.height() as u32).find(|r| meta.get_value((*r, 0)) == Some(&Data::String(key.into()))).unwrap()
    };
    let row = row_of("group_columns");
    let e = problems(&rewrite(&bytes, &[Edit::Set("carepath", row, 1, s("lots"))]));
    assert!(e.contains(&format!("carepath!B{}: `lots` is not a number of groups", row + 1)), "{e}");
}

#[test]
fn a_standards_group_ratings_keep_their_order() {
    // Eastmere 2024 gives two standards' group ratings in another order than the groups'.
    let text = std::fs::read_to_string(root().join("standards/examples/eastmere-2024.json")).unwrap();
    let original = Assessment::from_json(&text).unwrap();
    let catalogue = Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap();
    let bytes = workbook::write(&catalogue, Some(&original)).unwrap();
    let order = meta_value(&bytes, "group_order").map(|d| d.to_string()).unwrap_or_default();
    let order: serde_json::Value = serde_json::from_str(&order).unwrap();
    assert_eq!(order, json!({ "T2.5": ["substance_misuse", "under_20"], "T4.1": ["most_deprived", "interpreter"] }));
    assert_eq!(read(&bytes).unwrap().to_json(), text);
}

#[test]
fn a_program_that_drops_the_headers_formula_results_still_reads() {
    // openpyxl, for one, saves formulas without their values: the headers of the area's own
    // groups (formulas that follow the title typed in the Groups sheet) then read as empty.
    let text = std::fs::read_to_string(root().join("standards/examples/vale-of-ashby-2024.json")).unwrap();
    let original = Assessment::from_json(&text).unwrap();
    let catalogue = Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap();
    let bytes = workbook::write(&catalogue, Some(&original)).unwrap();
    let columns = 2 * (original.groups.len() as u16 + 3);
    let edits: Vec<Edit<'_>> = catalogue
        .themes
        .iter()
        .flat_map(|t| (14..14 + columns).map(move |c| Edit::Set(t.id.as_str(), 3, c, Data::Empty)))
        .collect();
    let (back, _) = workbook::read(&rewrite(&bytes, &edits), Some(catalogue)).unwrap();
    assert_eq!(back.to_json(), original.to_json());

    // A catalogue group's header is text: an empty one means a column was moved or deleted.
    let blank = blank_3_1_filled(&[Edit::Set("T1", 3, 14, Data::Empty)]);
    assert!(problems(&blank).contains("T1!O4: expected the header \"Rating: ...\""), "{}", problems(&blank));
}
