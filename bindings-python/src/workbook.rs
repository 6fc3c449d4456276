//! `carepath.write_workbook` and `carepath.read_workbook`: the spreadsheet round trip, written
//! and read by `carepath_report::workbook`, the same as `carepath workbook` and `carepath import`.

use std::path::PathBuf;

use carepath::Catalogue;
use pyo3::prelude::*;

use crate::assessment::{PyAssessment, assessment_from_any};
use crate::catalogue::optional_catalogue;
use crate::error::Failure;

/// Writes an XLSX workbook to fill in: one sheet per theme with a rating drop-down, evidence,
/// confidence and actions; a summary sheet whose formulas score the themes; a details sheet.
///
/// ``catalogue`` is the edition to lay out; ``assessment`` (an :class:`Assessment`, a dict,
/// JSON text or a path) fills it in. With no catalogue, the assessment's bundled edition is
/// used (see :meth:`Catalogue.bundled_for`), or else the latest bundled edition (a blank
/// workbook). The assessment is checked against the catalogue first. Read it back with
/// :func:`read_workbook`.
///
/// Raises ``ValidationError`` for an assessment that does not check, ``WorkbookError`` for a
/// text too long for a spreadsheet cell, and ``OSError`` when the file cannot be written.
///
/// >>> carepath.write_workbook("northbrook.xlsx", assessment="northbrook-2016.json")  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (path, catalogue = None, assessment = None))]
pub(crate) fn write_workbook(
    path: PathBuf,
    catalogue: Option<&Bound<'_, PyAny>>,
    assessment: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let assessment = match assessment {
        Some(a) if !a.is_none() => Some(assessment_from_any(a).map_err(|e| e.at("assessment".to_owned()))?),
        _ => None,
    };
    let catalogue = match (optional_catalogue(catalogue)?, &assessment) {
        (Some(c), _) => (*c).clone(),
        (None, Some((a, file))) => {
            Catalogue::bundled_for(&a.catalogue).map_err(|e| Failure::from(e).in_file(file.as_deref()))?
        }
        (None, None) => Catalogue::bundled(carepath::DEFAULT_CATALOGUE, None).map_err(Failure::from)?,
    };
    if let Some((a, file)) = &assessment {
        catalogue.check(a).map_err(|e| Failure::from(e).in_file(file.as_deref()))?;
    }
    let bytes = carepath_report::workbook::write(&catalogue, assessment.as_ref().map(|(a, _)| a))
        .map_err(|e| Failure::Workbook { error: e, file: path.display().to_string() })?;
    std::fs::write(&path, bytes).map_err(|error| Failure::Io {
        error,
        file: path.display().to_string(),
        context: None,
    })?;
    Ok(())
}

/// Reads a workbook written by :func:`write_workbook` (or ``carepath workbook``) and filled in,
/// back into an :class:`Assessment`, checked against its catalogue: ``catalogue``, or else the
/// bundled edition the workbook names.
///
/// Raises ``WorkbookError`` when a sheet or cell cannot be understood: ``problems`` lists every
/// one, each a dict ``{"sheet", "cell", "message"}`` (``sheet`` and ``cell`` ``None`` for a
/// problem of the whole file), and ``OSError`` when the file cannot be read.
///
/// >>> assessment = carepath.read_workbook("northbrook.xlsx")  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (path, catalogue = None))]
pub(crate) fn read_workbook(path: PathBuf, catalogue: Option<&Bound<'_, PyAny>>) -> PyResult<PyAssessment> {
    let name = path.display().to_string();
    let catalogue = optional_catalogue(catalogue)?.map(|c| (*c).clone());
    let bytes = std::fs::read(&path).map_err(|error| Failure::Io { error, file: name.clone(), context: None })?;
    let (inner, _) =
        carepath_report::workbook::read(&bytes, catalogue).map_err(|e| Failure::Workbook { error: e, file: name })?;
    Ok(PyAssessment { inner })
}
