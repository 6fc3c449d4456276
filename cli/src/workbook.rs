//! `carepath workbook` and `carepath import`: the files in and out of the spreadsheet round
//! trip. The layout, writing and reading are `carepath_report::workbook`'s.

use std::path::Path;
use std::process::ExitCode;

use carepath::{Catalogue, DEFAULT_CATALOGUE};
use carepath_report::workbook::{self, CellProblem};

use crate::input::{Failure, catalogue_for, display_name, emit, load_assessment, load_catalogue};

/// `carepath workbook`: writes a blank workbook for a catalogue, or one filled from an
/// assessment (checked against its catalogue first).
pub(crate) fn run_workbook(
    catalogue: Option<&Path>,
    edition: Option<&str>,
    from: Option<&Path>,
    output: &Path,
) -> Result<ExitCode, Failure> {
    let named = |spec: &str| Catalogue::bundled_spec(spec).map_err(|e| Failure::input(format!("--edition {spec}"), e));
    let from = match from {
        Some(path) => Some((path, load_assessment(path)?)),
        None => None,
    };
    let catalogue = match (catalogue, edition, &from) {
        (Some(file), _, _) => load_catalogue(file)?,
        (None, Some(spec), _) => named(spec)?,
        (None, None, Some((path, assessment))) => catalogue_for(assessment, path, None)?,
        (None, None, None) => named(DEFAULT_CATALOGUE)?,
    };
    if let Some((path, assessment)) = &from {
        catalogue.check(assessment).map_err(|e| Failure::input(display_name(path), e))?;
    }
    let assessment = from.map(|(_, assessment)| assessment);
    match workbook::write(&catalogue, assessment.as_ref()) {
        Ok(bytes) => {
            std::fs::write(output, bytes).map_err(|error| Failure::Io { file: display_name(output), error })?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => Ok(report_problems(&display_name(output), error.problems())),
    }
}

/// `carepath import`: reads a filled workbook into an assessment; every cell it cannot
/// understand is printed with its sheet and cell, and nothing is written (exit 1).
pub(crate) fn run_import(path: &Path, catalogue: Option<&Path>, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let catalogue = catalogue.map(load_catalogue).transpose()?;
    let bytes = std::fs::read(path).map_err(|error| Failure::Io { file: display_name(path), error })?;
    match workbook::read(&bytes, catalogue) {
        Ok((assessment, _)) => {
            emit(&assessment.to_json(), output)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => Ok(report_problems(&display_name(path), error.problems())),
    }
}

fn report_problems(file: &str, problems: &[CellProblem]) -> ExitCode {
    for p in problems {
        eprintln!("error: {file}: {p}");
    }
    if problems.len() > 1 {
        eprintln!("{} problems in {file}", problems.len());
    }
    ExitCode::from(1)
}
