//! HL7 FHIR R4 with the Structured Data Capture guide (SDC): a catalogue edition as a
//! `Questionnaire`, an assessment as a `QuestionnaireResponse`, and such a response back into an
//! assessment.
//!
//! carepath's own JSON stays the source of truth; these resources are how an assessment travels
//! to and from systems that speak FHIR (form renderers such as LHC-Forms, FHIR servers) without
//! glue code. The mapping, field by field, is in `docs/decisions.md`; in short:
//!
//! - a theme is a `group` item (`linkId` = the theme id), a standard a `choice` item
//!   (`linkId` = the standard id) with one `answerOption` per level of the scale (code = the
//!   score, display = the level's label, `ordinalValue` and `itemWeight` = the score) plus
//!   `not_applicable` and `unknown`; evidence, confidence and actions are child items
//!   (`T1.1/evidence`, `T1.1/confidence`, `T1.1/actions`), the description and guidance a help
//!   item (`T1.1/help`);
//! - the response's `questionnaire` is `url|version`, `authored` the assessment date, `subject`
//!   the area; participants, notes, the archive and review notes are extensions; any field that
//!   has no FHIR home (and any field a later file format adds) travels verbatim as JSON in a
//!   `fields` extension, so `from_response(to_response(a)) == a`.
//!
//! Reading a response checks it against the catalogue and fails with an [`Error::Fhir`] that
//! names a FHIR path such as `item[2].item[4].answer[0]`.
//!
//! ```
//! use carepath::{Area, Assessment, Catalogue, Rating, fhir};
//!
//! let catalogue = Catalogue::bundled("perinatal-mental-health", Some("2.0.0"))?;
//! let questionnaire = fhir::questionnaire(&catalogue);
//! assert_eq!(questionnaire["url"], fhir::questionnaire_url(&catalogue.id));
//!
//! let mut assessment = Assessment::new(catalogue.reference(), Area::named("Northbrook"), "2024-11-13".parse()?);
//! assessment.rate(&catalogue, "T1.1", Rating::Score(4))?;
//! assessment.set_evidence("T1.1", Some("Signed off by the board"))?;
//! assessment.rate(&catalogue, "T1.2", Rating::Unknown)?;
//! let response = fhir::to_response(&catalogue, &assessment)?;
//! assert_eq!(response["resourceType"], "QuestionnaireResponse");
//! assert_eq!(fhir::from_response(&catalogue, &response)?, assessment);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Value, json};

use crate::assessment::{ArchivedRating, Area, Assessment, CatalogueRef, Confidence, Rating, RatingEntry};
use crate::catalogue::{Catalogue, Standard, Theme};
use crate::date::Date;
use crate::error::Error;
use crate::ids::CatalogueId;
use crate::version;

/// The namespace of carepath's canonical URLs, code systems and extensions. Canonical URLs
/// identify; nothing needs to be served there.
pub const BASE: &str = "https://carepath.example/fhir";

/// The SDC profile a `Questionnaire` claims.
pub const SDC_QUESTIONNAIRE: &str = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire";
/// The SDC profile a `QuestionnaireResponse` claims.
pub const SDC_RESPONSE: &str = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse";
/// The core extension that gives an answer option its score.
pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// The SDC extension that gives an answer option its weight in a score.
pub const ITEM_WEIGHT: &str = "http://hl7.org/fhir/StructureDefinition/itemWeight";
const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";

/// What kind of thing is wrong with a FHIR resource; [`FhirProblem::code`] is the stable code an
/// [`Error::Fhir`] carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FhirProblem {
    /// Not a `QuestionnaireResponse` (another resource, or not a FHIR resource at all).
    Resource,
    /// A response to another questionnaire, or to another edition of this one.
    Questionnaire,
    /// An item whose `linkId` the catalogue lacks, or that sits where the catalogue has no such
    /// item.
    LinkId,
    /// An answer that is not one of the item's options: a rating off the scale, an unknown
    /// confidence.
    OffScale,
    /// Two answers to one standard, or one standard answered twice.
    Repeated,
    /// An element missing, or of the wrong type.
    Shape,
}

impl FhirProblem {
    /// The stable code: `fhir_resource`, `fhir_questionnaire`, `fhir_link_id`,
    /// `fhir_off_scale`, `fhir_repeated` or `fhir_shape`.
    #[must_use]
    pub fn code(self) -> crate::ErrorCode {
        use crate::ErrorCode;
        match self {
            Self::Resource => ErrorCode::FhirResource,
            Self::Questionnaire => ErrorCode::FhirQuestionnaire,
            Self::LinkId => ErrorCode::FhirLinkId,
            Self::OffScale => ErrorCode::FhirOffScale,
            Self::Repeated => ErrorCode::FhirRepeated,
            Self::Shape => ErrorCode::FhirShape,
        }
    }

    /// Every kind, for surfaces that list the codes.
    pub const ALL: [Self; 6] =
        [Self::Resource, Self::Questionnaire, Self::LinkId, Self::OffScale, Self::Repeated, Self::Shape];
}

impl fmt::Display for FhirProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code().as_str())
    }
}

/// The canonical URL of the `Questionnaire` of a catalogue (every edition shares it; the edition
/// is the Questionnaire's `version`).
#[must_use]
pub fn questionnaire_url(catalogue: &CatalogueId) -> String {
    format!("{BASE}/Questionnaire/{catalogue}")
}

/// The code system of ratings: the rating as written in carepath files (`0` to `5`,
/// `not_applicable`, `unknown`).
#[must_use]
pub fn rating_system() -> String {
    format!("{BASE}/CodeSystem/rating")
}

fn confidence_system() -> String {
    format!("{BASE}/CodeSystem/confidence")
}

fn ext_url(name: &str) -> String {
    format!("{BASE}/StructureDefinition/{name}")
}

// ------------------------------------------------------------------------------ Questionnaire

/// The catalogue edition as an SDC `Questionnaire`.
#[must_use]
pub fn questionnaire(catalogue: &Catalogue) -> Value {
    let mut q = Map::new();
    q.insert("resourceType".into(), "Questionnaire".into());
    q.insert("meta".into(), json!({ "profile": [SDC_QUESTIONNAIRE] }));
    let mut rest = to_object(catalogue);
    for key in ["id", "version", "title", "publisher", "published", "themes"] {
        rest.remove(key);
    }
    let description = take_text(&mut rest, "description");
    if let Some(fields) = fields_extension(rest) {
        q.insert("extension".into(), Value::Array(vec![fields]));
    }
    q.insert("url".into(), questionnaire_url(&catalogue.id).into());
    q.insert("version".into(), catalogue.version.to_string().into());
    q.insert("title".into(), catalogue.title.clone().into());
    q.insert("status".into(), "active".into());
    q.insert("date".into(), catalogue.published.to_string().into());
    q.insert("publisher".into(), catalogue.publisher.clone().into());
    if let Some(description) = description {
        q.insert("description".into(), description.into());
    }
    let items = catalogue.themes.iter().map(|t| theme_item(catalogue, t)).collect();
    q.insert("item".into(), Value::Array(items));
    Value::Object(q)
}

fn theme_item(catalogue: &Catalogue, theme: &Theme) -> Value {
    let mut items = Vec::new();
    if !theme.description.is_empty() {
        items.push(help_item(&format!("{}/help", theme.id), &theme.description));
    }
    items.extend(theme.standards.iter().map(|s| standard_item(catalogue, s)));
    json!({ "linkId": theme.id.as_str(), "prefix": theme.id.as_str(), "text": theme.title, "type": "group", "item": items })
}

fn help_item(link_id: &str, text: &str) -> Value {
    json!({
        "linkId": link_id, "text": text, "type": "display",
        "extension": [{ "url": ITEM_CONTROL, "valueCodeableConcept": {
            "coding": [{ "system": ITEM_CONTROL_SYSTEM, "code": "help", "display": "Help-Button" }] } }]
    })
}

fn standard_item(catalogue: &Catalogue, s: &Standard) -> Value {
    let id = s.id.as_str();
    let mut extension = vec![json!({ "url": ext_url("priority"), "valueCode": s.priority.as_str() })];
    extension.extend(s.tags.iter().map(|t| json!({ "url": ext_url("tag"), "valueCode": t.as_str() })));
    extension.extend(s.services.iter().map(|v| json!({ "url": ext_url("service"), "valueCode": v.as_str() })));
    for source in &s.sources {
        let mut parts = vec![json!({ "url": "source", "valueCode": source.source.as_str() })];
        if let Some(reference) = source.reference.as_deref().filter(|r| !r.is_empty()) {
            parts.push(json!({ "url": "ref", "valueString": reference }));
        }
        extension.push(json!({ "url": ext_url("source"), "extension": parts }));
    }
    let mut rest = to_object(s);
    for key in ["id", "title", "description", "priority", "services", "tags", "sources", "guidance"] {
        rest.remove(key);
    }
    if s.sources.iter().any(|r| r.reference.as_deref() == Some("")) {
        rest.insert("sources".into(), serde_json::to_value(&s.sources).unwrap_or(Value::Null));
    }
    extension.extend(fields_extension(rest));

    let mut options = Vec::new();
    for level in &catalogue.scale.levels {
        let code = level.value.to_string();
        let mut ext = vec![
            json!({ "url": ORDINAL_VALUE, "valueDecimal": level.value }),
            json!({ "url": ITEM_WEIGHT, "valueDecimal": level.value }),
        ];
        if let Some(guidance) = s.guidance.get(&code).filter(|g| !g.is_empty()) {
            ext.push(json!({ "url": ext_url("guidance"), "valueString": guidance }));
        }
        options.push(json!({
            "extension": ext,
            "valueCoding": { "system": rating_system(), "code": code, "display": level.label }
        }));
    }
    for (code, display) in [("not_applicable", "Not applicable"), ("unknown", "Don't know")] {
        options.push(json!({ "valueCoding": { "system": rating_system(), "code": code, "display": display } }));
    }

    let mut help = s.description.clone();
    let guidance: Vec<String> = catalogue
        .scale
        .levels
        .iter()
        .filter_map(|l| s.guidance.get(&l.value.to_string()).map(|g| format!("{} ({}): {g}", l.value, l.label)))
        .collect();
    if !guidance.is_empty() {
        help.push_str("\n\n");
        help.push_str(&guidance.join("\n"));
    }
    let enabled = json!([{ "question": id, "operator": "exists", "answerBoolean": true }]);
    let confidence: Vec<Value> = [Confidence::Low, Confidence::Medium, Confidence::High]
        .iter()
        .map(|c| json!({ "valueCoding": { "system": confidence_system(), "code": c.as_str(), "display": confidence_label(*c) } }))
        .collect();
    let mut children = Vec::new();
    if !help.is_empty() {
        children.push(help_item(&format!("{id}/help"), &help));
    }
    children
        .push(json!({ "linkId": format!("{id}/evidence"), "text": "Evidence", "type": "text", "enableWhen": enabled }));
    children.push(json!({ "linkId": format!("{id}/confidence"), "text": "Confidence", "type": "choice",
                          "enableWhen": enabled, "answerOption": confidence, "extension": [radio_buttons()] }));
    children
        .push(json!({ "linkId": format!("{id}/actions"), "text": "Actions", "type": "text", "enableWhen": enabled }));
    extension.push(radio_buttons());
    json!({
        "extension": extension, "linkId": id, "prefix": id, "text": s.title, "type": "choice",
        "answerOption": options, "item": children
    })
}

/// SDC's item control that shows a choice as radio buttons: a scale reads best laid out.
fn radio_buttons() -> Value {
    json!({ "url": ITEM_CONTROL, "valueCodeableConcept": {
        "coding": [{ "system": ITEM_CONTROL_SYSTEM, "code": "radio-button", "display": "Radio Button" }] } })
}

fn confidence_label(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "Low",
        Confidence::Medium => "Medium",
        Confidence::High => "High",
    }
}

// ----------------------------------------------------------------------------- to a response

/// An assessment as a `QuestionnaireResponse` to the `Questionnaire` of its catalogue edition.
///
/// # Errors
/// [`Error::Unsupported`] (`mixed_editions`) when the assessment was rated against another
/// edition than `catalogue`; [`Error::Invalid`] when it does not fit the catalogue (see
/// [`Catalogue::check`]).
pub fn to_response(catalogue: &Catalogue, assessment: &Assessment) -> Result<Value, Error> {
    if assessment.catalogue != catalogue.reference() {
        return Err(Error::unsupported(
            crate::ErrorCode::MixedEditions,
            format!(
                "the assessment was rated against `{}`, not `{}`: export it with its own edition (or migrate it first)",
                assessment.catalogue,
                catalogue.reference()
            ),
        ));
    }
    catalogue.check(assessment)?;

    let mut r = Map::new();
    r.insert("resourceType".into(), "QuestionnaireResponse".into());
    r.insert("meta".into(), json!({ "profile": [SDC_RESPONSE] }));

    let mut top = to_object(assessment);
    for key in ["catalogue", "area", "assessed_on", "participants", "ratings", "archive"] {
        top.remove(key);
    }
    let notes = take_text(&mut top, "notes");
    let mut extension = Vec::new();
    for p in &assessment.participants {
        let mut rest = to_object(p);
        let mut parts = Vec::new();
        for key in ["role", "organisation"] {
            if let Some(text) = take_text(&mut rest, key) {
                parts.push(json!({ "url": key, "valueString": text }));
            }
        }
        parts.extend(fields_extension(rest).map(|mut f| {
            f["url"] = "fields".into();
            f
        }));
        extension.push(json!({ "url": ext_url("participant"), "extension": parts }));
    }
    if let Some(notes) = notes {
        extension.push(json!({ "url": ext_url("notes"), "valueString": notes }));
    }
    for archived in &assessment.archive {
        extension.push(json!({ "url": ext_url("archived-rating"), "valueString": to_json_text(archived) }));
    }
    extension.extend(fields_extension(top));
    if !extension.is_empty() {
        r.insert("extension".into(), Value::Array(extension));
    }

    r.insert("questionnaire".into(), format!("{}|{}", questionnaire_url(&catalogue.id), catalogue.version).into());
    let complete = catalogue.standards().all(|(_, s)| assessment.ratings.contains_key(s.id.as_str()));
    r.insert("status".into(), if complete { "completed" } else { "in-progress" }.into());
    r.insert("subject".into(), subject(&assessment.area));
    r.insert("authored".into(), assessment.assessed_on.to_string().into());

    let mut items = Vec::new();
    for theme in &catalogue.themes {
        let answered: Vec<Value> = theme
            .standards
            .iter()
            .filter_map(|s| assessment.ratings.get(s.id.as_str()).map(|e| entry_item(catalogue, s, e)))
            .collect();
        if !answered.is_empty() {
            items.push(json!({ "linkId": theme.id.as_str(), "text": theme.title, "item": answered }));
        }
    }
    if !items.is_empty() {
        r.insert("item".into(), Value::Array(items));
    }
    Ok(Value::Object(r))
}

fn subject(area: &Area) -> Value {
    let mut rest = to_object(area);
    rest.remove("name");
    let code = take_text(&mut rest, "code");
    let kind = take_text(&mut rest, "kind");
    let mut s = Map::new();
    let mut extension = Vec::new();
    if let Some(kind) = kind {
        extension.push(json!({ "url": ext_url("area-kind"), "valueString": kind }));
    }
    if area.name.is_empty() {
        rest.insert("name".into(), "".into());
    }
    extension.extend(fields_extension(rest));
    if !extension.is_empty() {
        s.insert("extension".into(), Value::Array(extension));
    }
    if let Some(code) = code {
        s.insert("identifier".into(), json!({ "value": code }));
    }
    if !area.name.is_empty() {
        s.insert("display".into(), area.name.clone().into());
    }
    Value::Object(s)
}

fn entry_item(catalogue: &Catalogue, s: &Standard, entry: &RatingEntry) -> Value {
    let id = s.id.as_str();
    let mut rest = to_object(entry);
    rest.remove("rating");
    let evidence = take_text(&mut rest, "evidence");
    let actions = take_text(&mut rest, "actions");
    let review = take_text(&mut rest, "review");
    rest.remove("confidence");

    let mut extension = Vec::new();
    if let Some(review) = review {
        extension.push(json!({ "url": ext_url("review"), "valueString": review }));
    }
    extension.extend(fields_extension(rest));

    let mut children = Vec::new();
    if let Some(evidence) = evidence {
        children.push(
            json!({ "linkId": format!("{id}/evidence"), "text": "Evidence", "answer": [{ "valueString": evidence }] }),
        );
    }
    if let Some(c) = entry.confidence {
        children.push(json!({ "linkId": format!("{id}/confidence"), "text": "Confidence", "answer": [{
            "valueCoding": { "system": confidence_system(), "code": c.as_str(), "display": confidence_label(c) } }] }));
    }
    if let Some(actions) = actions {
        children.push(
            json!({ "linkId": format!("{id}/actions"), "text": "Actions", "answer": [{ "valueString": actions }] }),
        );
    }
    let display = match entry.rating {
        Rating::Score(v) => {
            catalogue.scale.levels.iter().find(|l| l.value == v).map_or_else(|| v.to_string(), |l| l.label.clone())
        }
        Rating::NotApplicable => "Not applicable".into(),
        Rating::Unknown => "Don't know".into(),
    };
    let mut answer = Map::new();
    answer.insert(
        "valueCoding".into(),
        json!({ "system": rating_system(), "code": entry.rating.to_string(), "display": display }),
    );
    if !children.is_empty() {
        answer.insert("item".into(), Value::Array(children));
    }
    let mut item = Map::new();
    if !extension.is_empty() {
        item.insert("extension".into(), Value::Array(extension));
    }
    item.insert("linkId".into(), id.into());
    item.insert("text".into(), s.title.clone().into());
    item.insert("answer".into(), Value::Array(vec![Value::Object(answer)]));
    Value::Object(item)
}

// --------------------------------------------------------------------------- from a response

/// The catalogue edition a `QuestionnaireResponse` answers, read from its `questionnaire`
/// (`url|version`), so that a surface can load that edition before reading the response.
///
/// # Errors
/// [`Error::Fhir`]: `fhir_resource` when the value is not a `QuestionnaireResponse`,
/// `fhir_questionnaire` when its questionnaire is not a carepath catalogue edition.
pub fn response_edition(resource: &Value) -> Result<CatalogueRef, Error> {
    let object = response_object(resource)?;
    let canonical = object.get("questionnaire").and_then(Value::as_str).ok_or_else(|| {
        fhir(FhirProblem::Questionnaire, "questionnaire", "the response names no questionnaire (`url|version`)")
    })?;
    let prefix = format!("{BASE}/Questionnaire/");
    let parsed = canonical
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split_once('|'))
        .and_then(|(id, v)| Some(CatalogueRef { id: CatalogueId::new(id).ok()?, version: version::parse(v).ok()? }));
    parsed.ok_or_else(|| {
        fhir(
            FhirProblem::Questionnaire,
            "questionnaire",
            format!("`{canonical}` is not the questionnaire of a carepath catalogue edition (`{prefix}ID|VERSION`)"),
        )
    })
}

/// Parses the JSON text of a FHIR resource, with the strict reader's tree (a property given twice
/// is refused, as FHIR's JSON format requires).
///
/// # Errors
/// [`Error::Syntax`] when the text is not JSON; [`Error::Schema`] for a repeated property.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    crate::json::value(text)
}

/// Reads a `QuestionnaireResponse` in JSON text, as [`from_response`].
///
/// # Errors
/// [`Error::Syntax`] when the text is not JSON; otherwise as [`from_response`].
pub fn from_response_json(catalogue: &Catalogue, text: &str) -> Result<Assessment, Error> {
    from_response(catalogue, &parse_json(text)?)
}

/// Reads a `QuestionnaireResponse` to the `Questionnaire` of `catalogue` back into an
/// assessment. Items in the order of the response become ratings in that order; elements that
/// carry no assessment data (`id`, `meta`, `text`, `author`, unknown extensions, display items)
/// are ignored.
///
/// # Errors
/// [`Error::Fhir`] naming the FHIR path of the first problem: `fhir_resource` (not a
/// `QuestionnaireResponse`), `fhir_questionnaire` (a response to another questionnaire or
/// edition), `fhir_link_id` (an item the catalogue lacks), `fhir_off_scale` (an answer that is
/// not one of the item's options), `fhir_repeated` (two answers to one standard), `fhir_shape`
/// (an element missing or of the wrong type).
pub fn from_response(catalogue: &Catalogue, resource: &Value) -> Result<Assessment, Error> {
    let object = response_object(resource)?;
    let edition = response_edition(resource)?;
    if edition != catalogue.reference() {
        return Err(fhir(
            FhirProblem::Questionnaire,
            "questionnaire",
            format!("a response to `{edition}`, not to `{}`", catalogue.reference()),
        ));
    }
    if object.contains_key("modifierExtension") {
        return Err(fhir(
            FhirProblem::Shape,
            "modifierExtension",
            "a modifier extension carepath does not know changes the meaning",
        ));
    }
    let authored = string_at(object, "authored", "authored")?.ok_or_else(|| {
        fhir(FhirProblem::Shape, "authored", "the response has no `authored` date (the assessment date)")
    })?;
    let date = authored
        .get(..10)
        .filter(|_| authored.len() == 10 || authored.as_bytes().get(10) == Some(&b'T'))
        .and_then(|d| d.parse::<Date>().ok())
        .ok_or_else(|| fhir(FhirProblem::Shape, "authored", format!("`{authored}` is not a FHIR date or dateTime")))?;

    let mut doc = Map::new();
    doc.insert("schema_version".into(), version::FORMAT_1_0.to_string().into());
    doc.insert("catalogue".into(), to_value(&catalogue.reference()));
    doc.insert("area".into(), read_subject(object)?);
    doc.insert("assessed_on".into(), date.to_string().into());

    let mut participants = Vec::new();
    let mut archive = Vec::new();
    let mut fields = None;
    for (i, ext) in extensions(object, "extension")?.into_iter().enumerate() {
        let at = format!("extension[{i}]");
        match ext_name(ext) {
            Some("participant") => participants.push(read_participant(ext, &at)?),
            Some("notes") => {
                doc.insert("notes".into(), ext_string(ext, &at)?.into());
            }
            Some("archived-rating") => archive.push(ext_json::<ArchivedRating>(ext, &at)?),
            Some("fields") => fields = Some(ext_fields(ext, &at)?),
            _ => {}
        }
    }
    if !participants.is_empty() {
        doc.insert("participants".into(), Value::Array(participants));
    }
    if !archive.is_empty() {
        doc.insert("archive".into(), to_value(&archive));
    }

    let mut ratings = Map::new();
    let mut seen = HashSet::new();
    for (i, item) in array_at(object, "item", "item")?.iter().enumerate() {
        read_top_item(catalogue, item, &format!("item[{i}]"), &mut ratings, &mut seen)?;
    }
    doc.insert("ratings".into(), Value::Object(ratings));
    if let Some(fields) = fields {
        merge(&mut doc, fields);
    }
    let assessment = Assessment::from_value(Value::Object(doc)).map_err(|e| {
        fhir(
            FhirProblem::Shape,
            "extension",
            format!("the carepath fields carried in extensions do not make an assessment: {e}"),
        )
    })?;
    catalogue.check(&assessment)?;
    Ok(assessment)
}

fn response_object(resource: &Value) -> Result<&Map<String, Value>, Error> {
    let object = resource.as_object().ok_or_else(|| {
        fhir(
            FhirProblem::Resource,
            "",
            format!("expected a FHIR resource (a JSON object), found {}", kind_of(resource)),
        )
    })?;
    match object.get("resourceType").and_then(Value::as_str) {
        Some("QuestionnaireResponse") => Ok(object),
        Some(other) => {
            Err(fhir(FhirProblem::Resource, "resourceType", format!("a `{other}`, not a `QuestionnaireResponse`")))
        }
        None => Err(fhir(FhirProblem::Resource, "resourceType", "no `resourceType`: not a FHIR resource")),
    }
}

fn read_subject(object: &Map<String, Value>) -> Result<Value, Error> {
    let subject = match object.get("subject") {
        Some(Value::Object(s)) => s,
        Some(other) => {
            return Err(fhir(FhirProblem::Shape, "subject", format!("expected a Reference, found {}", kind_of(other))));
        }
        None => return Err(fhir(FhirProblem::Shape, "subject", "the response has no `subject` (the area assessed)")),
    };
    let mut area = Map::new();
    if let Some(name) = string_at(subject, "display", "subject.display")? {
        area.insert("name".into(), name.into());
    }
    if let Some(identifier) = subject.get("identifier") {
        let Some(identifier) = identifier.as_object() else {
            return Err(fhir(FhirProblem::Shape, "subject.identifier", "expected an Identifier"));
        };
        if let Some(code) = string_at(identifier, "value", "subject.identifier.value")? {
            area.insert("code".into(), code.into());
        }
    }
    for (i, ext) in extensions(subject, "subject.extension")?.into_iter().enumerate() {
        let at = format!("subject.extension[{i}]");
        match ext_name(ext) {
            Some("area-kind") => {
                area.insert("kind".into(), ext_string(ext, &at)?.into());
            }
            Some("fields") => merge(&mut area, ext_fields(ext, &at)?),
            _ => {}
        }
    }
    if !area.contains_key("name") {
        return Err(fhir(
            FhirProblem::Shape,
            "subject.display",
            "the subject has no `display` (the name of the area assessed)",
        ));
    }
    Ok(Value::Object(area))
}

fn read_participant(ext: &Value, at: &str) -> Result<Value, Error> {
    let mut p = Map::new();
    for (i, part) in
        extensions(ext.as_object().unwrap_or(&Map::new()), &format!("{at}.extension"))?.into_iter().enumerate()
    {
        let here = format!("{at}.extension[{i}]");
        match part.get("url").and_then(Value::as_str) {
            Some(key @ ("role" | "organisation")) => {
                p.insert(key.into(), ext_string(part, &here)?.into());
            }
            Some("fields") => merge(&mut p, ext_fields(part, &here)?),
            _ => {}
        }
    }
    if !p.contains_key("role") {
        return Err(fhir(FhirProblem::Shape, at, "a participant without a `role`"));
    }
    Ok(Value::Object(p))
}

fn read_top_item(
    catalogue: &Catalogue,
    item: &Value,
    at: &str,
    ratings: &mut Map<String, Value>,
    seen: &mut HashSet<String>,
) -> Result<(), Error> {
    let (object, link_id) = item_parts(item, at)?;
    if let Some(theme) = catalogue.theme(link_id) {
        if object.get("answer").and_then(Value::as_array).is_some_and(|a| !a.is_empty()) {
            return Err(fhir(
                FhirProblem::Shape,
                format!("{at}.answer"),
                format!("theme `{link_id}` is a group: it takes no answer"),
            ));
        }
        for (i, child) in array_at(object, "item", &format!("{at}.item"))?.iter().enumerate() {
            let here = format!("{at}.item[{i}]");
            let (_, child_id) = item_parts(child, &here)?;
            if child_id == format!("{}/help", theme.id) {
                continue;
            }
            match catalogue.standard(child_id) {
                Some((owner, _)) if owner.id == theme.id => read_standard(catalogue, child, &here, ratings, seen)?,
                Some((owner, _)) => {
                    return Err(fhir(
                        FhirProblem::LinkId,
                        format!("{here}.linkId"),
                        format!("standard `{child_id}` belongs to theme `{}`, not `{}`", owner.id, theme.id),
                    ));
                }
                None => return Err(unknown_link_id(catalogue, child_id, &here)),
            }
        }
        return Ok(());
    }
    Err(unknown_link_id(catalogue, link_id, at))
}

fn unknown_link_id(catalogue: &Catalogue, link_id: &str, at: &str) -> Error {
    let what = if catalogue.standard(link_id).is_some() { "a standard outside its theme's group" } else { "an item" };
    fhir(
        FhirProblem::LinkId,
        format!("{at}.linkId"),
        format!("`{link_id}` is {what} that edition `{}` of the catalogue does not have there", catalogue.reference()),
    )
}

fn read_standard(
    catalogue: &Catalogue,
    item: &Value,
    at: &str,
    ratings: &mut Map<String, Value>,
    seen: &mut HashSet<String>,
) -> Result<(), Error> {
    let (object, id) = item_parts(item, at)?;
    if !seen.insert(id.to_owned()) {
        return Err(fhir(FhirProblem::Repeated, at, format!("standard `{id}` is answered twice")));
    }
    let answers = array_at(object, "answer", &format!("{at}.answer"))?;
    let mut entry = Map::new();
    let mut children: Vec<(&Value, String)> = Vec::new();
    for (i, child) in array_at(object, "item", &format!("{at}.item"))?.iter().enumerate() {
        children.push((child, format!("{at}.item[{i}]")));
    }
    match answers {
        [] => {
            // LHC-Forms and others leave an unanswered question out, but a response may keep it
            // with no answer: unrated, provided nothing hangs on it.
            let has_content = !children.is_empty() || object.contains_key("extension");
            if has_content {
                return Err(fhir(
                    FhirProblem::Shape,
                    format!("{at}.answer"),
                    format!("standard `{id}` has evidence or notes but no rating"),
                ));
            }
            return Ok(());
        }
        [answer] => {
            let here = format!("{at}.answer[0]");
            let rating = read_rating(catalogue, answer, &here)?;
            entry.insert("rating".into(), to_value(&rating));
            if let Some(object) = answer.as_object() {
                for (i, child) in array_at(object, "item", &format!("{here}.item"))?.iter().enumerate() {
                    children.push((child, format!("{here}.item[{i}]")));
                }
            }
        }
        [_, _, ..] => {
            return Err(fhir(
                FhirProblem::Repeated,
                format!("{at}.answer[1]"),
                format!("standard `{id}` has more than one answer"),
            ));
        }
    }
    let mut seen_children = HashSet::new();
    for (child, here) in children {
        let (child_object, link_id) = item_parts(child, &here)?;
        let field = link_id.strip_prefix(id).and_then(|f| f.strip_prefix('/'));
        let Some(field @ ("evidence" | "confidence" | "actions" | "help")) = field else {
            return Err(fhir(
                FhirProblem::LinkId,
                format!("{here}.linkId"),
                format!(
                    "`{link_id}` is not an item of standard `{id}` (`{id}/evidence`, `{id}/confidence`, `{id}/actions`)"
                ),
            ));
        };
        if !seen_children.insert(field) {
            return Err(fhir(FhirProblem::Repeated, here, format!("`{link_id}` is answered twice")));
        }
        let answers = array_at(child_object, "answer", &format!("{here}.answer"))?;
        let answer = match answers {
            [] => continue,
            [answer] => answer,
            [_, _, ..] => {
                return Err(fhir(
                    FhirProblem::Repeated,
                    format!("{here}.answer[1]"),
                    format!("`{link_id}` has more than one answer"),
                ));
            }
        };
        let here = format!("{here}.answer[0]");
        match field {
            "confidence" => {
                let code = coding_code(answer, &here)?;
                let confidence = [Confidence::Low, Confidence::Medium, Confidence::High]
                    .into_iter()
                    .find(|c| c.as_str() == code)
                    .ok_or_else(|| {
                        fhir(
                            FhirProblem::OffScale,
                            &here,
                            format!("confidence `{code}` is not `low`, `medium` or `high`"),
                        )
                    })?;
                entry.insert("confidence".into(), confidence.as_str().into());
            }
            "help" => {}
            text => {
                let value = answer
                    .get("valueString")
                    .and_then(Value::as_str)
                    .ok_or_else(|| fhir(FhirProblem::Shape, &here, format!("the {text} is a `valueString`")))?;
                entry.insert(text.into(), value.into());
            }
        }
    }
    for (i, ext) in extensions(object, &format!("{at}.extension"))?.into_iter().enumerate() {
        let here = format!("{at}.extension[{i}]");
        match ext_name(ext) {
            Some("review") => {
                entry.insert("review".into(), ext_string(ext, &here)?.into());
            }
            Some("fields") => merge(&mut entry, ext_fields(ext, &here)?),
            _ => {}
        }
    }
    ratings.insert(id.to_owned(), Value::Object(entry));
    Ok(())
}

fn read_rating(catalogue: &Catalogue, answer: &Value, at: &str) -> Result<Rating, Error> {
    let code = coding_code(answer, at)?;
    if let Some(system) = answer.get("valueCoding").and_then(|c| c.get("system")).and_then(Value::as_str)
        && system != rating_system()
    {
        return Err(fhir(
            FhirProblem::OffScale,
            at,
            format!("a code of `{system}`, not of carepath's ratings (`{}`)", rating_system()),
        ));
    }
    match code.parse::<Rating>() {
        Ok(Rating::Score(v)) if catalogue.scale.contains(v) && code == v.to_string() => Ok(Rating::Score(v)),
        Ok(rating @ (Rating::NotApplicable | Rating::Unknown)) => Ok(rating),
        _ => Err(fhir(
            FhirProblem::OffScale,
            at,
            format!(
                "rating `{code}` is off the scale: expected {} to {}, `not_applicable` or `unknown`",
                catalogue.scale.min, catalogue.scale.max
            ),
        )),
    }
}

fn coding_code<'a>(answer: &'a Value, at: &str) -> Result<&'a str, Error> {
    answer
        .get("valueCoding")
        .and_then(|c| c.get("code"))
        .and_then(Value::as_str)
        .ok_or_else(|| fhir(FhirProblem::Shape, at, "expected a `valueCoding` with a `code`"))
}

// ----------------------------------------------------------------------------------- helpers

fn fhir(problem: FhirProblem, path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Fhir { problem, path: path.into(), message: message.into() }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn item_parts<'a>(item: &'a Value, at: &str) -> Result<(&'a Map<String, Value>, &'a str), Error> {
    let object = item
        .as_object()
        .ok_or_else(|| fhir(FhirProblem::Shape, at, format!("expected an item, found {}", kind_of(item))))?;
    let link_id = object
        .get("linkId")
        .and_then(Value::as_str)
        .ok_or_else(|| fhir(FhirProblem::Shape, format!("{at}.linkId"), "an item without a `linkId`"))?;
    if object.contains_key("modifierExtension") {
        return Err(fhir(
            FhirProblem::Shape,
            format!("{at}.modifierExtension"),
            "a modifier extension carepath does not know changes the meaning",
        ));
    }
    Ok((object, link_id))
}

fn array_at<'a>(object: &'a Map<String, Value>, key: &str, at: &str) -> Result<&'a [Value], Error> {
    match object.get(key) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(fhir(FhirProblem::Shape, at, format!("expected an array, found {}", kind_of(other)))),
    }
}

fn string_at<'a>(object: &'a Map<String, Value>, key: &str, at: &str) -> Result<Option<&'a str>, Error> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(fhir(FhirProblem::Shape, at, format!("expected a string, found {}", kind_of(other)))),
    }
}

fn extensions<'a>(object: &'a Map<String, Value>, at: &str) -> Result<Vec<&'a Value>, Error> {
    Ok(array_at(object, "extension", at)?.iter().collect())
}

/// The name of one of carepath's own extensions (`participant` for
/// `{BASE}/StructureDefinition/participant`); `None` for anyone else's.
fn ext_name(ext: &Value) -> Option<&str> {
    ext.get("url")?.as_str()?.strip_prefix(BASE)?.strip_prefix("/StructureDefinition/")
}

fn ext_string<'a>(ext: &'a Value, at: &str) -> Result<&'a str, Error> {
    ext.get("valueString")
        .and_then(Value::as_str)
        .ok_or_else(|| fhir(FhirProblem::Shape, at, "expected a `valueString`"))
}

fn ext_json<T: serde::de::DeserializeOwned>(ext: &Value, at: &str) -> Result<T, Error> {
    let text = ext_string(ext, at)?;
    crate::json::from_str(text)
        .map_err(|e| fhir(FhirProblem::Shape, format!("{at}.valueString"), format!("not carepath JSON: {e}")))
}

fn ext_fields(ext: &Value, at: &str) -> Result<Map<String, Value>, Error> {
    match crate::json::value(ext_string(ext, at)?) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(fhir(FhirProblem::Shape, format!("{at}.valueString"), "expected a JSON object of carepath fields")),
    }
}

fn merge(into: &mut Map<String, Value>, fields: Map<String, Value>) {
    into.extend(fields);
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn to_object<T: serde::Serialize>(value: &T) -> Map<String, Value> {
    match to_value(value) {
        Value::Object(object) => object,
        _ => Map::new(),
    }
}

fn to_json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Takes a field that FHIR can carry as a string: a non-empty string (FHIR strings are never
/// empty). Anything else stays behind, for the `fields` extension.
fn take_text(object: &mut Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key) {
        Some(Value::String(s)) if !s.is_empty() => match object.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// The `fields` extension that carries, as JSON, whatever has no FHIR home.
fn fields_extension(rest: Map<String, Value>) -> Option<Value> {
    (!rest.is_empty()).then(|| json!({ "url": ext_url("fields"), "valueString": Value::Object(rest).to_string() }))
}
