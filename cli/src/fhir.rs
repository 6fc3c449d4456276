//! `carepath fhir`: a catalogue edition as a FHIR `Questionnaire`, an assessment as a
//! `QuestionnaireResponse`, and such a response back into an assessment (all in the core's
//! `carepath::fhir`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use carepath::{Catalogue, fhir};

use crate::input::{Failure, catalogue_for, display_name, emit, load_assessment, load_catalogue, read};

/// Pretty JSON with a final new line, as every other document the tool writes.
fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// `fhir questionnaire ID@VERSION` (or `--catalogue FILE`).
pub(crate) fn questionnaire(
    edition: Option<&str>,
    catalogue: Option<&PathBuf>,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let catalogue = match (catalogue, edition) {
        (Some(path), _) => load_catalogue(path)?,
        (None, Some(spec)) => Catalogue::bundled_spec(spec).map_err(|e| Failure::input(spec, e))?,
        (None, None) => {
            Catalogue::bundled_spec(carepath::DEFAULT_CATALOGUE).map_err(|e| Failure::input("<bundled>", e))?
        }
    };
    emit(&pretty(&fhir::questionnaire(&catalogue)), output)?;
    Ok(ExitCode::SUCCESS)
}

/// `fhir export ASSESSMENT`: the assessment as a `QuestionnaireResponse`.
pub(crate) fn export(file: &Path, catalogue: Option<&PathBuf>, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let assessment = load_assessment(file)?;
    let catalogue = catalogue_for(&assessment, file, catalogue)?;
    let response = fhir::to_response(&catalogue, &assessment).map_err(|e| Failure::input(display_name(file), e))?;
    emit(&pretty(&response), output)?;
    Ok(ExitCode::SUCCESS)
}

/// `fhir import RESPONSE`: a `QuestionnaireResponse` back into an assessment, checked against
/// the edition it answers (bundled, or `--catalogue FILE`).
pub(crate) fn import(file: &Path, catalogue: Option<&PathBuf>, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let name = display_name(file);
    let text = read(file)?;
    let value = fhir::parse_json(&text).map_err(|e| Failure::input(&name, e))?;
    let catalogue = match catalogue {
        Some(path) => load_catalogue(path)?,
        None => {
            let edition = fhir::response_edition(&value).map_err(|e| Failure::input(&name, e))?;
            Catalogue::bundled_for(&edition).map_err(|e| Failure::input(&name, e))?
        }
    };
    let assessment = fhir::from_response(&catalogue, &value).map_err(|e| Failure::input(&name, e))?;
    emit(&assessment.to_json(), output)?;
    Ok(ExitCode::SUCCESS)
}
