//! The bundled catalogue editions as the module has them: built in (the default feature
//! `editions`), or added one by one as the JavaScript side fetches their files (the lite
//! package, which leaves the texts out so that a page downloads only the edition it shows).
//!
//! Which edition a name, an assessment or a migration needs is decided by the core's rules
//! ([`CatalogueRef::bundled`], [`CatalogueRef::bundled_for`], [`carepath::bundled_via`]) over the
//! list of bundled editions, which every build knows; only the texts differ. An edition the
//! module does not have yet is the error `not_loaded`, naming it, so that the caller fetches it
//! (`loadEditions` in carepath.js) and asks again.

use std::sync::{Mutex, PoisonError};

use carepath::{Catalogue, CatalogueRef};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::answer::{Answer, answer, to_json};

/// An edition added by [`add_edition`]: its text and the catalogue read from it.
#[derive(Debug)]
struct Added {
    text: String,
    catalogue: Catalogue,
}

/// The editions a module has: built in, and added as files arrive.
#[derive(Debug, Default)]
pub(crate) struct Editions {
    added: Vec<Added>,
}

/// The module's editions (the module is single-threaded in a page; native tests share it).
static EDITIONS: Mutex<Editions> = Mutex::new(Editions { added: Vec::new() });

fn with_editions<T>(f: impl FnOnce(&mut Editions) -> T) -> T {
    f(&mut EDITIONS.lock().unwrap_or_else(PoisonError::into_inner))
}

/// The text of a bundled edition, built in or added.
pub(crate) fn text(edition: &CatalogueRef) -> Option<String> {
    with_editions(|e| e.text(edition))
}

/// The bundled edition `edition` names exactly.
///
/// # Errors
/// `not_loaded` when the module does not have its text yet.
pub(crate) fn catalogue(edition: &CatalogueRef) -> Answer<Catalogue> {
    with_editions(|e| e.catalogue(edition))
}

/// The bundled editions a migration of content rated against `from` into `to` reads.
///
/// # Errors
/// `not_loaded` naming every one the module does not have yet.
#[cfg(feature = "exchange")]
pub(crate) fn via(from: &CatalogueRef, to: &CatalogueRef) -> Answer<Vec<Catalogue>> {
    with_editions(|e| e.via(from, to))
}

/// Reads an edition's text: strictly where the module has the strict reader (the full package's
/// module, and the lite package's exchange module), else (the lite package's first module, which
/// leaves that reader out to be smaller) as the bundled edition it must be byte for byte.
fn read(text: &str) -> Result<Catalogue, carepath::Error> {
    #[cfg(feature = "exchange")]
    return Catalogue::from_json(text);
    #[cfg(not(feature = "exchange"))]
    Catalogue::from_bundled_text(text)
}

impl Editions {
    fn added(&self, edition: &CatalogueRef) -> Option<&Added> {
        self.added.iter().find(|a| a.catalogue.reference() == *edition)
    }

    fn text(&self, edition: &CatalogueRef) -> Option<String> {
        carepath::bundled_json(edition.id.as_str(), &edition.version)
            .map(str::to_owned)
            .or_else(|| self.added(edition).map(|a| a.text.clone()))
    }

    fn has(&self, edition: &CatalogueRef) -> bool {
        carepath::bundled_json(edition.id.as_str(), &edition.version).is_some() || self.added(edition).is_some()
    }

    fn catalogue(&self, edition: &CatalogueRef) -> Answer<Catalogue> {
        if let Some(json) = carepath::bundled_json(edition.id.as_str(), &edition.version) {
            return answer(read(json));
        }
        self.added(edition).map(|a| a.catalogue.clone()).ok_or_else(|| not_loaded(std::slice::from_ref(edition)))
    }

    #[cfg(any(test, feature = "exchange"))]
    fn via(&self, from: &CatalogueRef, to: &CatalogueRef) -> Answer<Vec<Catalogue>> {
        let refs = carepath::bundled_via(from, to);
        let missing: Vec<CatalogueRef> = refs.iter().filter(|r| !self.has(r)).cloned().collect();
        if !missing.is_empty() {
            return Err(not_loaded(&missing));
        }
        refs.iter().map(|r| self.catalogue(r)).collect()
    }

    fn add(&mut self, text: &str) -> Answer {
        let own = |what: &str, available: String| {
            let spec = format!("{what} (read a catalogue of one's own with CatalogueHandle.fromJson)");
            Err(crate::answer::error_json(&carepath::Error::NotFound { spec, available }))
        };
        let catalogue = match read(text) {
            Err(carepath::Error::NotFound { available, .. }) => {
                return own("this text, which is no bundled edition's byte for byte", available);
            }
            read => answer(read)?,
        };
        let edition = catalogue.reference();
        let bundled = carepath::bundled_catalogues();
        if !bundled.contains(&edition) {
            return own(&edition.to_string(), bundled.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "));
        }
        if !self.has(&edition) {
            self.added.push(Added { text: text.to_owned(), catalogue });
        }
        Ok(to_json(&edition))
    }

    /// What a call for `spec` (with `document`, when given) takes that the module may lack.
    fn wanted(&self, spec: Option<&str>, document: Option<&str>) -> Wanted {
        let target = CatalogueRef::bundled(spec.unwrap_or(carepath::DEFAULT_CATALOGUE), None).ok();
        let value = document.and_then(|d| carepath::json_value(d).ok());
        let fhir = value.as_ref().is_some_and(|v| v.get("resourceType").is_some());
        let mut needed: Vec<CatalogueRef> = target.iter().cloned().collect();
        let mut migrates = false;
        if let Some(rated) = value.as_ref().and_then(edition_of) {
            needed.extend(CatalogueRef::bundled_for(&rated).ok());
            if let Some(to) = &target {
                let via = carepath::bundled_via(&rated, to);
                migrates = !via.is_empty();
                needed.extend(via);
            }
        }
        let mut editions: Vec<String> = Vec::new();
        for edition in needed.iter().filter(|r| !self.has(r)) {
            let name = edition.to_string();
            if !editions.contains(&name) {
                editions.push(name);
            }
        }
        Wanted { editions, exchange: fhir || migrates }
    }

    fn missing(&self, spec: Option<&str>, document: Option<&str>) -> Vec<String> {
        self.wanted(spec, document).editions
    }
}

/// What a call takes that the module may lack: the bundled editions it does not have
/// (`id@version`), and whether the exchange part is used (see `exchange.rs`): for a FHIR
/// `QuestionnaireResponse`, or an assessment that a migration carries across.
#[derive(Debug, serde::Serialize)]
struct Wanted {
    editions: Vec<String>,
    exchange: bool,
}

/// The error for editions the module does not have yet: code `not_loaded`, naming them.
fn not_loaded(editions: &[CatalogueRef]) -> String {
    let names: Vec<String> = editions.iter().map(ToString::to_string).collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let (what, be) = if names.len() == 1 { ("edition", "is") } else { ("editions", "are") };
    let message = format!(
        "{what} {} {be} bundled but not loaded yet: this package fetches editions when first needed; await loadEditions([{}]) first",
        names.join(", "),
        quoted.join(", ")
    );
    format!(r#"{{"code":"not_loaded","message":{}}}"#, to_json(&message))
}

/// Adds the text of a bundled edition (a file the JavaScript side fetched), checked as a
/// catalogue; adding one the module has is a no-op. Answers its `{ "id", "version" }`.
///
/// # Errors
/// The catalogue's errors (`syntax`, `schema`, `version`, `invalid`); `not_found` when it is
/// not one of the bundled editions (a catalogue of one's own is read with
/// `CatalogueHandle.fromJson`).
#[wasm_bindgen(js_name = addEdition)]
pub fn add_edition(text: &str) -> Answer {
    with_editions(|e| e.add(text))
}

/// The bundled editions the module still lacks for a call, as a JSON array of `id@version`
/// names: for `spec` (an edition's name, as `CatalogueHandle.bundled` takes it; none: the
/// default catalogue's latest), and, given a `document` (an assessment or a FHIR
/// `QuestionnaireResponse`, as JSON text), the edition to read it with and those a migration
/// of it into `spec`'s edition passes through. Never fails: a name or document that cannot be
/// read needs nothing here, and the call it is for reports its error.
#[wasm_bindgen(js_name = missingEditions)]
#[must_use]
pub fn missing_editions(spec: Option<String>, document: Option<String>) -> String {
    to_json(&with_editions(|e| e.missing(spec.as_deref(), document.as_deref())))
}

/// What a call with `document` (an assessment or a FHIR `QuestionnaireResponse`, as JSON text)
/// into `spec`'s edition (none: the default catalogue's latest) takes: as JSON,
/// `{ "editions": [...], "exchange": bool }`, the bundled editions the module still lacks (as
/// `missingEditions` lists them) and whether it uses the exchange part (FHIR and migration:
/// `exchange.rs`), which the lite package loads as a second module. Never fails: a document
/// that cannot be read needs nothing.
#[wasm_bindgen(js_name = needsLoading)]
#[must_use]
pub fn needs_loading(spec: Option<String>, document: &str) -> String {
    to_json(&with_editions(|e| e.wanted(spec.as_deref(), Some(document))))
}

/// The edition a document says it was rated against: an assessment's `catalogue`, or the
/// questionnaire a FHIR response answers. Read leniently: only to know what to fetch.
fn edition_of(document: &serde_json::Value) -> Option<CatalogueRef> {
    if document.get("resourceType").is_some() {
        return carepath::fhir::response_edition(document).ok();
    }
    carepath::read_json(&document.get("catalogue")?.to_string()).ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::Value;

    use super::*;

    pub(crate) fn file(edition: &CatalogueRef) -> String {
        let path = format!("{}/../standards/{}/{}.json", env!("CARGO_MANIFEST_DIR"), edition.id, edition.version);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Adds every bundled edition from its file in standards/, as carepath.js does from the
    /// package's catalogues/ (a no-op where they are built in).
    pub(crate) fn add_all() {
        for edition in carepath::bundled_catalogues() {
            add_edition(&file(&edition)).unwrap();
        }
    }

    fn names(json: &str) -> Vec<String> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn adding_an_edition_gives_its_text_and_is_idempotent() {
        let first = CatalogueRef::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
        let answer: Value = serde_json::from_str(&add_edition(&file(&first)).unwrap()).unwrap();
        assert_eq!(answer["version"], "1.0.0");
        add_edition(&file(&first)).unwrap();
        assert_eq!(text(&first).unwrap(), file(&first));
        assert_eq!(catalogue(&first).unwrap().reference(), first);
    }

    #[test]
    fn only_bundled_editions_are_added_and_they_are_checked() {
        let first = CatalogueRef::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
        let own = file(&first).replacen(r#""version": "1.0.0""#, r#""version": "1.7.0""#, 1);
        let err: Value = serde_json::from_str(&add_edition(&own).unwrap_err()).unwrap();
        assert_eq!(err["code"], "not_found", "{err}");
        assert!(err["message"].as_str().unwrap().contains("fromJson"), "{err}");
        let err: Value = serde_json::from_str(&add_edition("{").unwrap_err()).unwrap();
        // Without the strict reader, a text is a bundled edition's exactly or not one at all.
        assert_eq!(err["code"], if cfg!(feature = "exchange") { "syntax" } else { "not_found" });
    }

    #[test]
    fn what_a_call_needs_follows_the_core_rules() {
        // Built in: nothing is ever missing.
        #[cfg(feature = "editions")]
        assert_eq!(names(&missing_editions(Some("perinatal-mental-health@1".into()), None)), Vec::<String>::new());
        add_all();
        let assessment = r#"{"schema_version":"1.0.0","catalogue":{"id":"perinatal-mental-health","version":"1.0.0"}}"#;
        assert!(names(&missing_editions(Some("perinatal-mental-health@3".into()), Some(assessment.into()))).is_empty());
        // Names and documents that cannot be read need nothing: their call says what is wrong.
        assert!(names(&missing_editions(Some("nope@1".into()), Some("{".into()))).is_empty());
    }

    /// A module built without the texts, from its first call: asks for what each call needs,
    /// and has it once added.
    #[cfg(not(feature = "editions"))]
    #[test]
    fn a_module_without_texts_names_what_to_fetch_and_then_has_it() {
        let r = |v: &str| CatalogueRef::bundled("perinatal-mental-health", Some(v)).unwrap();
        let code = |answer: &str| serde_json::from_str::<Value>(answer).unwrap()["code"].as_str().unwrap().to_owned();
        let mut e = Editions::default();
        assert_eq!(e.missing(None, None), ["perinatal-mental-health@3.1.0"]);
        assert_eq!(code(&e.catalogue(&r("3.1.0")).unwrap_err()), "not_loaded");
        assert!(e.text(&r("3.1.0")).is_none());
        e.add(&file(&r("3.1.0"))).unwrap();
        assert!(e.missing(None, None).is_empty());
        assert_eq!(e.catalogue(&r("3.1.0")).unwrap().reference(), r("3.1.0"));

        // An assessment of 1.0.0, to be carried into 3.1.0: its edition and those in between.
        let old = r#"{"catalogue":{"id":"perinatal-mental-health","version":"1.0.0"}}"#;
        let wanted =
            ["perinatal-mental-health@1.0.0", "perinatal-mental-health@2.0.0", "perinatal-mental-health@3.0.0"];
        assert_eq!(e.missing(None, Some(old)), wanted);
        let err: Value = serde_json::from_str(&e.via(&r("1.0.0"), &r("3.1.0")).unwrap_err()).unwrap();
        assert_eq!(err["code"], "not_loaded");
        let message = err["message"].as_str().unwrap();
        assert!(message.starts_with("editions perinatal-mental-health@1.0.0, perinatal-mental-health@2.0.0, perinatal-mental-health@3.0.0 are"), "{message}");
        assert!(message.contains(&format!("loadEditions(['{}'])", wanted.join("', '"))), "{message}");
        // Content of the edition shown, or a compatible one, needs nothing more: no migration.
        let same = r#"{"catalogue":{"id":"perinatal-mental-health","version":"3.1.0"}}"#;
        assert!(e.missing(None, Some(same)).is_empty());
        assert!(e.via(&r("3.1.0"), &r("3.1.0")).unwrap().is_empty());
        assert_eq!(
            e.missing(None, Some(r#"{"catalogue":{"id":"perinatal-mental-health","version":"3.0.0"}}"#)),
            ["perinatal-mental-health@3.0.0"]
        );
        for v in ["1.0.0", "2.0.0", "3.0.0"] {
            e.add(&file(&r(v))).unwrap();
        }
        assert_eq!(e.via(&r("1.0.0"), &r("3.1.0")).unwrap().len(), 3);
        assert!(e.missing(None, Some(old)).is_empty());
    }

    #[test]
    fn the_exchange_part_is_wanted_for_fhir_and_for_migration_only() {
        let needs_exchange = |spec: Option<String>, document: &str| -> bool {
            let wanted: Value = serde_json::from_str(&needs_loading(spec, document)).unwrap();
            wanted["exchange"].as_bool().unwrap()
        };
        let rated = |v: &str| format!(r#"{{"catalogue":{{"id":"perinatal-mental-health","version":"{v}"}}}}"#);
        assert!(needs_exchange(None, r#"{"resourceType":"QuestionnaireResponse"}"#));
        assert!(needs_exchange(None, &rated("1.0.0")));
        assert!(needs_exchange(Some("perinatal-mental-health@3.0.0".into()), &rated("2.0.0")));
        // Compatible editions are read as they are: no migration.
        assert!(!needs_exchange(None, &rated("3.0.0")));
        assert!(!needs_exchange(None, &rated("3.1.0")));
        assert!(!needs_exchange(Some("perinatal-mental-health@1".into()), &rated("1.0.0")));
        for unreadable in ["{", "[1]", r#"{"catalogue":7}"#] {
            assert!(!needs_exchange(None, unreadable), "{unreadable}");
        }
        assert!(!needs_exchange(Some("nope@1".into()), &rated("1.0.0")));
    }

    /// A FHIR response names its edition by its questionnaire's canonical URL.
    #[cfg(all(feature = "exchange", feature = "edit"))]
    #[test]
    fn a_fhir_response_needs_the_edition_it_answers() {
        let handle = crate::CatalogueHandle::from_json(&file(
            &CatalogueRef::bundled("perinatal-mental-health", Some("2.0.0")).unwrap(),
        ))
        .unwrap();
        let a = handle.new_assessment(r#"{"name":"Northbrook"}"#, "2024-05-01").unwrap();
        let response = handle.to_fhir(&a).unwrap();
        let edition = |text: &str| edition_of(&serde_json::from_str(text).unwrap());
        assert_eq!(edition(&response).unwrap().to_string(), "perinatal-mental-health@2.0.0");
        assert!(edition("[1]").is_none());
        assert!(edition(r#"{"resourceType":"Patient"}"#).is_none());
    }
}
