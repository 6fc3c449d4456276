//! The exchange part of the module: FHIR (the SDC `Questionnaire` of an edition, an assessment as
//! a `QuestionnaireResponse` and back) and migration of an assessment into a later edition.
//!
//! Behind the default feature `exchange`. A page that rates and scores needs none of it, so the
//! lite package leaves it out of the module it loads first and builds it as a second module
//! (`pkg/lite/exchange/`, this crate with `--no-default-features --features exchange`), which
//! `loadExchange` in carepath.js fetches when a FHIR file or an assessment of an earlier
//! edition first comes.

use carepath::{Catalogue, CatalogueRef};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::answer::{Answer, answer, error_in_list_json, read_assessment, to_json};
use crate::{CatalogueHandle, editions};

#[wasm_bindgen]
impl CatalogueHandle {
    /// This edition as a FHIR R4 SDC `Questionnaire` (JSON text).
    #[must_use]
    pub fn questionnaire(&self) -> String {
        to_json(&carepath::fhir::questionnaire(&self.catalogue))
    }

    /// An assessment of this edition as a FHIR `QuestionnaireResponse` (JSON text).
    ///
    /// # Errors
    /// The shape error; `mixed_editions` for an assessment of another edition; `invalid`.
    #[wasm_bindgen(js_name = toFhir)]
    pub fn to_fhir(&self, assessment: &str) -> Answer {
        let a = answer(read_assessment(assessment))?;
        answer(carepath::fhir::to_response(&self.catalogue, &a)).map(|r| to_json(&r))
    }

    /// A FHIR `QuestionnaireResponse` to this edition's Questionnaire back into an assessment.
    ///
    /// # Errors
    /// `syntax`; a `fhir_*` error naming the FHIR path; `invalid`.
    #[wasm_bindgen(js_name = fromFhir)]
    pub fn read_fhir(&self, response: &str) -> Answer {
        answer(carepath::fhir::from_response_json(&self.catalogue, response)).map(|a| to_json(&a))
    }

    /// The bundled edition a FHIR `QuestionnaireResponse` answers (its `questionnaire`).
    ///
    /// # Errors
    /// `syntax`, `fhir_resource`, `fhir_questionnaire`, `not_found`.
    #[wasm_bindgen(js_name = bundledForFhir)]
    pub fn bundled_for_fhir(response: &str) -> Answer<CatalogueHandle> {
        let value = answer(carepath::fhir::parse_json(response))?;
        let edition = answer(carepath::fhir::response_edition(&value))?;
        let edition = answer(CatalogueRef::bundled_for(&edition))?;
        editions::catalogue(&edition).map(|catalogue| Self { catalogue })
    }

    /// Carries an assessment into this edition, following the changes each edition lists; `via`
    /// are the JSON texts of editions in between (none: the bundled ones). Answers
    /// `{ "assessment", "report" }`.
    ///
    /// # Errors
    /// The shape error; `mixed_catalogues`, `migration_backwards`, `no_migration_path`; a
    /// catalogue error for an edition of `via`, its path prefixed by its position.
    pub fn migrate(&self, assessment: &str, via: Vec<String>) -> Answer {
        let a = answer(read_assessment(assessment))?;
        let (migrated, report) = if via.is_empty() {
            let via = editions::via(&a.catalogue, &self.catalogue.reference())?;
            answer(carepath::migrate_via(&a, &self.catalogue, &via))?
        } else {
            let via = via
                .iter()
                .enumerate()
                .map(|(i, text)| Catalogue::from_json(text).map_err(|e| error_in_list_json(&e, i)))
                .collect::<Answer<Vec<Catalogue>>>()?;
            answer(carepath::migrate_via(&a, &self.catalogue, &via))?
        };
        Ok(format!(r#"{{"assessment":{},"report":{}}}"#, to_json(&migrated), to_json(&report)))
    }
}
