//! # carepath-report-wasm
//!
//! The second WebAssembly module of carepath's npm package: the documents people read and the
//! spreadsheet, made by [`carepath_report`], the same engine the command-line tool and Python
//! use. It is a separate module so that a page that only edits and scores assessments (the
//! widget's first load) never downloads it: `js/carepath-report.js` fetches it the first time a
//! document or a workbook is asked for.
//!
//! Every export follows the raw layer's convention (see `carepath-wasm`): it takes JSON text
//! (a catalogue's text, an assessment's text) and answers text or bytes; a failure is thrown as
//! the error's JSON text (`code`, `message`, `path`, `problems`), which the JavaScript wrapper
//! turns into a `CarepathError`. A catalogue left out is the bundled edition the assessment
//! names, as on every surface. Nothing here touches a JS value, so every function also runs,
//! and is unit-tested, natively.

use carepath::{Assessment, Catalogue, Error, ErrorCode};
use carepath_report::workbook::{self, WorkbookError};
use carepath_report::{Document, Editions, Format};
use wasm_bindgen::prelude::wasm_bindgen;

/// What an export answers: its value, or the error as JSON text.
type Answer<T = String> = Result<T, String>;

fn error_json(err: &Error) -> String {
    err.info().to_json()
}

fn in_list(err: &Error, index: usize) -> String {
    err.info_in_set(index, "assessment").to_json()
}

fn answer<T>(result: Result<T, Error>) -> Answer<T> {
    result.map_err(|err| error_json(&err))
}

/// A workbook error as JSON text: code `workbook`, and a problem per cell, each with its
/// `sheet` and `cell` (null when the problem is about a whole sheet or the file) and a `path`
/// in the spreadsheet's own notation (`T1!E7`, or the sheet's name).
fn workbook_error_json(err: &WorkbookError) -> String {
    let problems: Vec<serde_json::Value> = err
        .problems()
        .iter()
        .map(|p| {
            let path = match (&p.sheet, &p.cell) {
                (Some(sheet), Some(cell)) => format!("{sheet}!{cell}"),
                (Some(sheet), None) => sheet.clone(),
                _ => String::new(),
            };
            serde_json::json!({
                "path": path,
                "code": err.code().as_str(),
                "message": p.to_string(),
                "sheet": p.sheet,
                "cell": p.cell,
            })
        })
        .collect();
    let path = match problems.as_slice() {
        [one] if one["path"] != "" => one["path"].clone(),
        _ => serde_json::Value::Null,
    };
    serde_json::json!({
        "code": err.code().as_str(),
        "message": err.to_string(),
        "path": path,
        "problems": problems,
    })
    .to_string()
}

fn argument(message: String) -> String {
    error_json(&Error::unsupported(ErrorCode::Argument, message))
}

fn format_of(name: &str) -> Answer<Format> {
    name.parse().map_err(|e: carepath_report::UnknownFormat| argument(e.to_string()))
}

/// The catalogue given as text, or else the bundled edition the assessment names.
fn catalogue_for(catalogue: Option<&str>, assessment: &Assessment) -> Result<Catalogue, Error> {
    match catalogue {
        Some(text) => Catalogue::from_json(text),
        None => Catalogue::bundled_for(&assessment.catalogue),
    }
}

/// The codes an error can carry (`ErrorCode::is_error`), as a JSON array of strings: what the
/// package's `ErrorCode` type must list.
#[wasm_bindgen(js_name = errorCodes)]
#[must_use]
pub fn error_codes() -> String {
    let codes: Vec<&str> = ErrorCode::ALL.iter().filter(|c| c.is_error()).map(|c| c.as_str()).collect();
    serde_json::to_string(&codes).unwrap_or_default()
}

/// The assessment report (the page `carepath report` writes) in `format` (`html`, `markdown`
/// or `md`, `csv`): the assessment scored with `catalogue` (its JSON text), by default the
/// bundled edition it names.
///
/// # Errors
/// The assessment's shape error; `not_found` for an edition not bundled; `invalid` listing every
/// problem; `argument` for an unknown format.
#[wasm_bindgen]
pub fn report(catalogue: Option<String>, assessment: &str, format: &str) -> Answer {
    let format = format_of(format)?;
    let assessment = answer(Assessment::from_json(assessment))?;
    let catalogue = answer(catalogue_for(catalogue.as_deref(), &assessment))?;
    let report = answer(catalogue.score(&assessment))?;
    Ok(Document::report(&catalogue, &assessment, &report).render(format))
}

/// The comparison over time (the page `carepath compare` writes), made in `catalogue` (by
/// default the bundled edition of the later assessment). The earlier assessment is checked
/// against its own edition: the one compared in when it can be scored with it, else the
/// bundled edition it names (it is migrated first).
///
/// # Errors
/// The shape errors (path prefixed `/0` for `older`, `/1` for `newer`); `invalid`; the errors of
/// `compare`; `argument` for an unknown format.
#[wasm_bindgen]
pub fn comparison(catalogue: Option<String>, older: &str, newer: &str, format: &str) -> Answer {
    let format = format_of(format)?;
    let old = Assessment::from_json(older).map_err(|e| in_list(&e, 0))?;
    let new = Assessment::from_json(newer).map_err(|e| in_list(&e, 1))?;
    let now = catalogue_for(catalogue.as_deref(), &new).map_err(|e| in_list(&e, 1))?;
    now.check(&new).map_err(|e| in_list(&e, 1))?;
    let then = if old.catalogue.id == now.id && carepath::version::compatible(&old.catalogue.version, &now.version) {
        now.clone()
    } else {
        Catalogue::bundled_for(&old.catalogue).map_err(|e| in_list(&e, 0))?
    };
    then.check(&old).map_err(|e| in_list(&e, 0))?;
    let comparison = answer(carepath::compare(&old, &new, &now))?;
    Ok(Document::comparison(Editions { now: &now, then: &then }, &comparison).render(format))
}

/// Reads a set of assessments and their edition: `catalogue`, by default the bundled edition
/// of the first; each is checked, its problems named by its place in the set.
fn set_of(catalogue: Option<&str>, texts: &[String]) -> Answer<(Catalogue, Vec<Assessment>)> {
    let all = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Assessment::from_json(text).map_err(|e| in_list(&e, i)))
        .collect::<Answer<Vec<Assessment>>>()?;
    let edition = match (catalogue, all.first()) {
        (Some(text), _) => answer(Catalogue::from_json(text))?,
        (None, Some(first)) => Catalogue::bundled_for(&first.catalogue).map_err(|e| in_list(&e, 0))?,
        (None, None) => answer(Catalogue::bundled(carepath::DEFAULT_CATALOGUE, None))?,
    };
    Ok((edition, all))
}

/// The benchmark across areas (the page `carepath benchmark` writes); items scored by fewer
/// than `min_group` areas (by default the core's `DEFAULT_MIN_GROUP`) are withheld.
///
/// # Errors
/// The shape errors (path prefixed by the position); the errors of `benchmark`; `argument` for
/// an unknown format.
#[wasm_bindgen]
pub fn benchmark(
    catalogue: Option<String>,
    assessments: Vec<String>,
    min_group: Option<usize>,
    format: &str,
) -> Answer {
    let min_group = min_group.unwrap_or(carepath::DEFAULT_MIN_GROUP);
    let format = format_of(format)?;
    let (edition, all) = set_of(catalogue.as_deref(), &assessments)?;
    let result = answer(carepath::benchmark(&all, &edition, min_group))?;
    Ok(Document::benchmark(&edition, &result).render(format))
}

/// The consensus of raters (the page `carepath consensus` writes); scores `threshold` or more
/// points apart (by default the core's `DEFAULT_DISAGREEMENT`) are a disagreement.
///
/// # Errors
/// The shape errors (path prefixed by the position); the errors of `consensus`; `argument` for
/// an unknown format.
#[wasm_bindgen]
pub fn consensus(catalogue: Option<String>, assessments: Vec<String>, threshold: Option<i32>, format: &str) -> Answer {
    let threshold = threshold.unwrap_or(carepath::DEFAULT_DISAGREEMENT);
    let format = format_of(format)?;
    let (edition, all) = set_of(catalogue.as_deref(), &assessments)?;
    let (_, result) = answer(carepath::consensus(&all, &edition, threshold))?;
    Ok(Document::consensus(&edition, &result).render(format))
}

/// The XLSX workbook (what `carepath workbook` writes): blank for `catalogue`, or filled from
/// `assessment` (checked against it first). With no catalogue: the bundled edition the
/// assessment names, or the default catalogue's latest edition.
///
/// # Errors
/// The assessment's errors; `workbook` naming each text too long for a cell.
#[wasm_bindgen]
pub fn workbook(catalogue: Option<String>, assessment: Option<String>) -> Answer<Vec<u8>> {
    let assessment = assessment.as_deref().map(Assessment::from_json).transpose().map_err(|e| error_json(&e))?;
    let catalogue = match (catalogue.as_deref(), &assessment) {
        (Some(text), _) => answer(Catalogue::from_json(text))?,
        (None, Some(a)) => answer(Catalogue::bundled_for(&a.catalogue))?,
        (None, None) => answer(Catalogue::bundled(carepath::DEFAULT_CATALOGUE, None))?,
    };
    if let Some(a) = &assessment {
        answer(catalogue.check(a))?;
    }
    workbook::write(&catalogue, assessment.as_ref()).map_err(|e| workbook_error_json(&e))
}

/// A filled workbook's bytes back into an assessment (what `carepath import` does), checked
/// against `catalogue` or else the bundled edition the workbook names. Answers the assessment's
/// JSON text.
///
/// # Errors
/// `workbook`, with every problem found, each naming its sheet and cell; the catalogue's errors.
#[wasm_bindgen(js_name = readWorkbook)]
pub fn read_workbook(bytes: &[u8], catalogue: Option<String>) -> Answer {
    let catalogue = catalogue.as_deref().map(Catalogue::from_json).transpose().map_err(|e| error_json(&e))?;
    let (assessment, _) = workbook::read(bytes, catalogue).map_err(|e| workbook_error_json(&e))?;
    Ok(assessment.to_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> String {
        let path = format!("{}/../../standards/examples/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn error(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn error_codes_are_the_cores() {
        let codes: Vec<String> = serde_json::from_str(&error_codes()).unwrap();
        assert!(codes.iter().any(|c| c == "workbook"));
        assert!(codes.iter().any(|c| c == "syntax"));
        assert!(!codes.iter().any(|c| c == "unknown_standard"), "a problem's code is not an error's");
    }

    #[test]
    fn reports_in_every_format() {
        let a = example("northbrook-2024.json");
        assert!(report(None, &a, "html").unwrap().starts_with("<!DOCTYPE html>"));
        assert!(report(None, &a, "md").unwrap().starts_with('#'));
        assert!(report(None, &a, "csv").unwrap().starts_with("kind,"));
        assert_eq!(error(&report(None, &a, "pdf").unwrap_err())["code"], "argument");
        assert_eq!(error(&report(None, "{", "html").unwrap_err())["code"], "syntax");
    }

    #[test]
    fn comparison_benchmark_consensus() {
        let old = example("northbrook-2016.json");
        let new = example("northbrook-2024.json");
        assert!(comparison(None, &old, &new, "html").unwrap().contains("<svg"));
        let err = error(&comparison(None, &new, "{", "html").unwrap_err());
        assert_eq!(err["code"], "syntax");
        assert_eq!(err["path"], "/1");
        let all: Vec<String> = ["ashgrove-2024.json", "northbrook-2024.json", "eastmere-2024.json"].map(example).into();
        assert!(benchmark(None, all.clone(), Some(1), "csv").unwrap().starts_with("kind,"));
        assert_eq!(error(&benchmark(None, vec![], Some(1), "csv").unwrap_err())["code"], "no_assessments");
        assert_eq!(error(&consensus(None, vec![new], Some(3), "csv").unwrap_err())["code"], "too_few_raters");
    }

    #[test]
    fn workbooks_round_trip() {
        let a = example("northbrook-2024.json");
        let bytes = workbook(None, Some(a.clone())).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let back = Assessment::from_json(&read_workbook(&bytes, None).unwrap()).unwrap();
        assert_eq!(back, Assessment::from_json(&a).unwrap());
        assert!(workbook(None, None).is_ok());
    }

    #[test]
    fn workbook_errors_name_sheet_and_cell() {
        let err = error(&read_workbook(b"PK\x03\x04 not a zip", None).unwrap_err());
        assert_eq!(err["code"], "workbook");
        assert!(!err["problems"].as_array().unwrap().is_empty());
        assert!(err["problems"][0].get("sheet").is_some());
        assert!(err["problems"][0].get("cell").is_some());
    }
}
