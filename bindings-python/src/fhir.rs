//! FHIR R4 (SDC): `Catalogue.to_questionnaire`, `Catalogue.to_fhir`, `Catalogue.from_fhir` and
//! `carepath.from_fhir`, over the core's `carepath::fhir`.

use std::path::PathBuf;
use std::sync::Arc;

use carepath::{Catalogue, fhir};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::assessment::PyAssessment;
use crate::catalogue::optional_catalogue;
use crate::convert::to_json_text;
use crate::error::{Failure, Result, read_text, type_name};

/// A `QuestionnaireResponse` from Python: a dict, JSON text (a str starting with `{`), or a
/// path. Returns the parsed value and the file name, if any.
pub(crate) fn response_from_any(value: &Bound<'_, PyAny>) -> Result<(serde_json::Value, Option<String>)> {
    let (text, file) = if value.is_instance_of::<PyDict>() {
        (to_json_text(value)?, None)
    } else if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow().map_err(|e| Failure::Type(e.to_string()))?.into_owned();
        if text.trim_start().starts_with('{') {
            (text, None)
        } else {
            let path = PathBuf::from(text);
            (read_text(&path)?, Some(path.display().to_string()))
        }
    } else if let Ok(path) = value.extract::<PathBuf>() {
        (read_text(&path)?, Some(path.display().to_string()))
    } else {
        return Err(Failure::Type(format!(
            "expected a QuestionnaireResponse as a dict, JSON text or a path, got {}",
            type_name(value)
        )));
    };
    let parsed = fhir::parse_json(&text).map_err(|e| Failure::from(e).in_file(file.as_deref()))?;
    Ok((parsed, file))
}

/// Reads a response against `catalogue`, or against the bundled edition its `questionnaire`
/// names.
pub(crate) fn read_response(value: &Bound<'_, PyAny>, catalogue: Option<Arc<Catalogue>>) -> Result<PyAssessment> {
    let (response, file) = response_from_any(value)?;
    let in_file = |e: carepath::Error| Failure::from(e).in_file(file.as_deref());
    let catalogue = match catalogue {
        Some(c) => c,
        None => {
            let edition = fhir::response_edition(&response).map_err(in_file)?;
            Arc::new(Catalogue::bundled_for(&edition).map_err(in_file)?)
        }
    };
    let inner = fhir::from_response(&catalogue, &response).map_err(in_file)?;
    Ok(PyAssessment { inner })
}

/// Reads a FHIR ``QuestionnaireResponse`` (a dict, JSON text or a path) back into an
/// :class:`Assessment`, checked against ``catalogue`` or else the bundled edition its
/// ``questionnaire`` names. Raises ``FhirError`` with the FHIR path of the problem (such as
/// ``item[2].item[4].answer[0]``) and a ``fhir_*`` code.
///
/// >>> carepath.from_fhir(response).area["name"]  # doctest: +SKIP
/// 'Northbrook'
#[pyfunction]
#[pyo3(signature = (response, catalogue = None))]
pub(crate) fn from_fhir(response: &Bound<'_, PyAny>, catalogue: Option<&Bound<'_, PyAny>>) -> PyResult<PyAssessment> {
    let catalogue = optional_catalogue(catalogue)?;
    Ok(read_response(response, catalogue)?)
}
