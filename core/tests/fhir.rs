//! FHIR R4 (SDC): every example survives `from_response(to_response(a)) == a`, the Questionnaire
//! carries the whole catalogue, and bad responses get typed errors with a FHIR path.

use std::path::{Path, PathBuf};

use carepath::{Assessment, Catalogue, FhirProblem, Rating, fhir, migrate};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn examples() -> Vec<Assessment> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("standards/examples")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(Assessment::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap());
            }
        }
    }
    assert!(out.len() >= 10);
    out
}

fn northbrook() -> (Catalogue, Assessment) {
    let a = Assessment::from_json(include_str!("../../standards/examples/northbrook-2024.json")).unwrap();
    (Catalogue::bundled_for(&a.catalogue).unwrap(), a)
}

#[test]
fn every_example_round_trips() {
    for a in examples() {
        let c = Catalogue::bundled_for(&a.catalogue).unwrap();
        let response = fhir::to_response(&c, &a).unwrap();
        assert_eq!(fhir::response_edition(&response).unwrap(), a.catalogue);
        let back = fhir::from_response(&c, &response).unwrap();
        assert_eq!(back, a, "{}", a.area.name);
        // The same text, in the same order.
        assert_eq!(back.to_json(), a.to_json(), "{}", a.area.name);
        // And through text.
        assert_eq!(fhir::from_response_json(&c, &response.to_string()).unwrap(), a);
    }
}

#[test]
fn a_migrated_assessment_keeps_its_archive_and_review_notes() {
    let old = Assessment::from_json(include_str!("../../standards/examples/northbrook-2016.json")).unwrap();
    let latest = Catalogue::bundled("perinatal-mental-health", Some("3.0.0")).unwrap();
    let (mut carried, _) = migrate(&old, &latest).unwrap();
    assert!(!carried.archive.is_empty());
    assert!(carried.ratings.values().any(|e| e.review.is_some()));
    carried.notes = Some("Notes with \"quotes\" and\nnew lines".into());
    let response = fhir::to_response(&latest, &carried).unwrap();
    assert_eq!(fhir::from_response(&latest, &response).unwrap(), carried);
}

#[test]
fn empty_strings_and_missing_parts_survive() {
    let (c, mut a) = northbrook();
    a.schema = None;
    a.area.code = None;
    a.area.kind = Some(String::new());
    a.notes = Some(String::new());
    a.participants[0].organisation = Some(String::new());
    let first = a.ratings.keys().next().unwrap().clone();
    a.ratings[&first].evidence = Some(String::new());
    a.ratings[&first].review = Some(String::new());
    let response = fhir::to_response(&c, &a).unwrap();
    assert_eq!(fhir::from_response(&c, &response).unwrap(), a);
}

#[test]
fn the_questionnaire_carries_the_catalogue() {
    for edition in carepath::bundled_catalogues() {
        let c = Catalogue::bundled_for(&edition).unwrap();
        let q = fhir::questionnaire(&c);
        assert_eq!(q["resourceType"], "Questionnaire");
        assert_eq!(q["url"], fhir::questionnaire_url(&c.id));
        assert_eq!(q["version"], c.version.to_string());
        assert_eq!(q["title"], c.title);
        assert_eq!(q["publisher"], c.publisher);
        assert_eq!(q["date"], c.published.to_string());
        assert_eq!(q["status"], "active");
        let themes = q["item"].as_array().unwrap();
        assert_eq!(themes.len(), c.themes.len());
        for (theme, item) in c.themes.iter().zip(themes) {
            assert_eq!(item["linkId"], theme.id.as_str());
            assert_eq!(item["type"], "group");
            assert_eq!(item["item"][0]["text"], theme.description);
            let standards: Vec<&Value> =
                item["item"].as_array().unwrap().iter().filter(|i| i["type"] == "choice").collect();
            assert_eq!(standards.len(), theme.standards.len());
            for (s, item) in theme.standards.iter().zip(standards) {
                assert_eq!(item["linkId"], s.id.as_str());
                assert_eq!(item["text"], s.title);
                let options = item["answerOption"].as_array().unwrap();
                assert_eq!(options.len(), c.scale.levels.len() + 2);
                for (level, option) in c.scale.levels.iter().zip(options) {
                    assert_eq!(option["valueCoding"]["code"], level.value.to_string());
                    assert_eq!(option["valueCoding"]["display"], level.label);
                    let weights: Vec<&Value> = option["extension"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|e| e["url"] == fhir::ORDINAL_VALUE || e["url"] == fhir::ITEM_WEIGHT)
                        .map(|e| &e["valueDecimal"])
                        .collect();
                    assert_eq!(weights, vec![&json!(level.value), &json!(level.value)]);
                    if let Some(g) = s.guidance.get(&level.value.to_string()) {
                        assert!(option["extension"].as_array().unwrap().iter().any(|e| e["valueString"] == g.as_str()));
                    }
                }
                assert_eq!(options[options.len() - 2]["valueCoding"]["code"], "not_applicable");
                assert_eq!(options[options.len() - 1]["valueCoding"]["code"], "unknown");
                let help = &item["item"][0];
                assert_eq!(help["linkId"], format!("{}/help", s.id));
                assert!(help["text"].as_str().unwrap().starts_with(&s.description));
                let ext = item["extension"].as_array().unwrap();
                let codes = |name: &str| -> Vec<String> {
                    ext.iter()
                        .filter(|e| e["url"] == format!("{}/StructureDefinition/{name}", fhir::BASE))
                        .map(|e| e["valueCode"].as_str().unwrap().to_owned())
                        .collect()
                };
                assert_eq!(codes("priority"), vec![s.priority.as_str().to_owned()]);
                assert_eq!(codes("tag"), s.tags.iter().map(ToString::to_string).collect::<Vec<_>>());
                assert_eq!(codes("service"), s.services.iter().map(ToString::to_string).collect::<Vec<_>>());
                let sources = ext.iter().filter(|e| e["url"].as_str().unwrap().ends_with("/source")).count();
                assert_eq!(sources, s.sources.len());
                let children: Vec<&str> =
                    item["item"].as_array().unwrap().iter().map(|i| i["linkId"].as_str().unwrap()).collect();
                assert_eq!(
                    children,
                    [
                        format!("{}/help", s.id),
                        format!("{}/evidence", s.id),
                        format!("{}/confidence", s.id),
                        format!("{}/actions", s.id)
                    ]
                );
            }
        }
        // What has no FHIR home travels as JSON: the bands, cross-cutting themes, services,
        // sources and changes.
        let fields: Value = serde_json::from_str(q["extension"][0]["valueString"].as_str().unwrap()).unwrap();
        assert_eq!(fields["scale"], serde_json::to_value(&c.scale).unwrap());
        assert_eq!(fields["cross_cutting"], serde_json::to_value(&c.cross_cutting).unwrap());
        assert_eq!(fields["services"], serde_json::to_value(&c.services).unwrap());
        assert_eq!(fields["sources"], serde_json::to_value(&c.sources).unwrap());
    }
}

#[test]
fn the_response_maps_the_assessment() {
    let (c, a) = northbrook();
    let r = fhir::to_response(&c, &a).unwrap();
    assert_eq!(r["questionnaire"], format!("{}|2.0.0", fhir::questionnaire_url(&c.id)));
    assert_eq!(r["authored"], "2024-11-13");
    assert_eq!(r["subject"]["display"], "Northbrook");
    assert_eq!(r["subject"]["identifier"]["value"], "E99000001");
    assert_eq!(r["status"], "in-progress"); // five standards are unrated
    let first = &r["item"][0]["item"][0];
    assert_eq!(first["linkId"], "T1.1");
    let entry = &a.ratings["T1.1"];
    assert_eq!(first["answer"][0]["valueCoding"]["code"], entry.rating.to_string());
    assert_eq!(first["answer"][0]["item"][0]["answer"][0]["valueString"], entry.evidence.as_deref().unwrap());
}

#[test]
fn another_edition_is_not_exported_with_this_one() {
    let (_, a) = northbrook();
    let old = Catalogue::bundled("perinatal-mental-health", Some("1.0.0")).unwrap();
    assert_eq!(fhir::to_response(&old, &a).unwrap_err().code(), "mixed_editions");
}

/// Reads a changed copy of Northbrook's response and returns the error's code and path.
fn broken(change: impl FnOnce(&mut Value)) -> (String, String, String) {
    let (c, a) = northbrook();
    let mut r = fhir::to_response(&c, &a).unwrap();
    change(&mut r);
    let err = fhir::from_response(&c, &r).unwrap_err();
    assert!(matches!(err, carepath::Error::Fhir { .. }), "{err:?}");
    (err.code().to_string(), err.path().unwrap_or_default().to_owned(), err.to_string())
}

#[test]
fn bad_responses_are_typed_errors_with_a_fhir_path() {
    let (code, path, message) = broken(|r| r["resourceType"] = "Questionnaire".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_resource", "resourceType"));
    assert!(message.contains("a `Questionnaire`, not a `QuestionnaireResponse`"), "{message}");

    let (code, path, message) = broken(|r| {
        r["questionnaire"] =
            format!("{}|1.0.0", fhir::questionnaire_url(&"perinatal-mental-health".parse().unwrap())).into()
    });
    assert_eq!((code.as_str(), path.as_str()), ("fhir_questionnaire", "questionnaire"));
    assert!(message.contains("perinatal-mental-health@1.0.0"), "{message}");
    let (code, _, message) = broken(|r| r["questionnaire"] = "http://example.org/Questionnaire/phq9|1".into());
    assert_eq!(code, "fhir_questionnaire");
    assert!(message.contains("phq9"), "{message}");

    // Theme 3, its fifth item: a linkId the catalogue lacks.
    let (code, path, message) = broken(|r| r["item"][2]["item"][4]["linkId"] = "T3.99".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_link_id", "item[2].item[4].linkId"));
    assert!(message.contains("`T3.99`"), "{message}");
    let (code, path, _) = broken(|r| r["item"][2]["linkId"] = "T99".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_link_id", "item[2].linkId"));
    let (code, path, message) = broken(|r| r["item"][2]["item"][4]["linkId"] = "T1.1".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_link_id", "item[2].item[4].linkId"));
    assert!(message.contains("belongs to theme `T1`"), "{message}");
    let (code, path, _) = broken(|r| r["item"][0]["item"][0]["answer"][0]["item"][0]["linkId"] = "T1.1/evidnce".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_link_id", "item[0].item[0].answer[0].item[0].linkId"));

    // An answer off the scale.
    let (code, path, message) = broken(|r| r["item"][2]["item"][4]["answer"][0]["valueCoding"]["code"] = "7".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_off_scale", "item[2].item[4].answer[0]"));
    assert!(message.contains("rating `7` is off the scale: expected 0 to 5"), "{message}");
    let (code, _, _) = broken(|r| r["item"][2]["item"][4]["answer"][0]["valueCoding"]["code"] = "3.5".into());
    assert_eq!(code, "fhir_off_scale");
    let (code, _, _) =
        broken(|r| r["item"][2]["item"][4]["answer"][0]["valueCoding"]["system"] = "http://loinc.org".into());
    assert_eq!(code, "fhir_off_scale");
    let (code, path, _) = broken(|r| {
        r["item"][0]["item"][0]["answer"][0]["item"] =
            json!([{ "linkId": "T1.1/confidence", "answer": [{ "valueCoding": { "code": "certain" } }] }]);
    });
    assert_eq!((code.as_str(), path.as_str()), ("fhir_off_scale", "item[0].item[0].answer[0].item[0].answer[0]"));

    // Two answers to one standard, or one standard twice.
    let (code, path, _) = broken(|r| {
        let answer = r["item"][2]["item"][4]["answer"][0].clone();
        r["item"][2]["item"][4]["answer"].as_array_mut().unwrap().push(answer);
    });
    assert_eq!((code.as_str(), path.as_str()), ("fhir_repeated", "item[2].item[4].answer[1]"));
    let (code, path, message) = broken(|r| {
        let item = r["item"][2]["item"][4].clone();
        r["item"][2]["item"].as_array_mut().unwrap().push(item);
    });
    assert_eq!(code, "fhir_repeated");
    assert!(path.starts_with("item[2].item["), "{path}");
    assert!(message.contains("answered twice"), "{message}");

    // Missing or mistyped elements.
    let (code, path, _) = broken(|r| r["item"][2]["item"][4]["answer"][0] = json!({ "valueInteger": 3 }));
    assert_eq!((code.as_str(), path.as_str()), ("fhir_shape", "item[2].item[4].answer[0]"));
    let (code, path, _) = broken(|r| {
        r.as_object_mut().unwrap().remove("authored");
    });
    assert_eq!((code.as_str(), path.as_str()), ("fhir_shape", "authored"));
    let (code, path, _) = broken(|r| r["authored"] = "13/11/2024".into());
    assert_eq!((code.as_str(), path.as_str()), ("fhir_shape", "authored"));
    let (code, path, _) = broken(|r| r["subject"] = json!({ "reference": "Location/1" }));
    assert_eq!((code.as_str(), path.as_str()), ("fhir_shape", "subject.display"));
    let (code, path, _) = broken(|r| r["item"] = json!({}));
    assert_eq!((code.as_str(), path.as_str()), ("fhir_shape", "item"));
    let (code, path, _) = broken(|r| r["item"][1]["item"][0]["modifierExtension"] = json!([{ "url": "x" }]));
    assert_eq!((code.as_str(), path.as_str()), ("fhir_shape", "item[1].item[0].modifierExtension"));

    let (c, _) = northbrook();
    let err = fhir::from_response(&c, &json!([1, 2])).unwrap_err();
    assert_eq!(err.code(), "fhir_resource");
    let err = fhir::from_response_json(&c, "{ not json").unwrap_err();
    assert_eq!(err.code(), "syntax");
    assert_eq!(FhirProblem::ALL.map(FhirProblem::code).len(), 6);
}

#[test]
fn what_other_software_adds_or_leaves_out_is_fine() {
    let (c, mut a) = northbrook();
    // Local groups travel in the resource's carepath extension, which this software leaves out:
    // their group ratings would then name groups the response no longer declares (and reading
    // it says so, see below), so this assessment has none.
    a.groups.clear();
    a.ratings.values_mut().for_each(|e| e.groups.clear());
    let mut r = fhir::to_response(&c, &a).unwrap();
    // A response as a form filler writes it: a full dateTime, an id, meta and narrative, unknown
    // extensions, an empty question left in, and no carepath extensions at all.
    r["authored"] = "2024-11-13T16:30:00+00:00".into();
    r["id"] = "abc".into();
    r["text"] = json!({ "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>" });
    r["extension"] = json!([{ "url": "http://example.org/other", "valueString": "ignored" }]);
    let (ti, unrated) = c
        .themes
        .iter()
        .enumerate()
        .find_map(|(ti, t)| {
            t.standards.iter().find(|s| !a.ratings.contains_key(s.id.as_str())).map(|s| (ti, s.id.clone()))
        })
        .unwrap();
    let group = r["item"].as_array_mut().unwrap().iter_mut().find(|g| g["linkId"] == c.themes[ti].id.as_str()).unwrap();
    group["item"].as_array_mut().unwrap().push(json!({ "linkId": unrated.as_str(), "text": "unanswered" }));
    let back = fhir::from_response(&c, &r).unwrap();
    assert_eq!(back.assessed_on, a.assessed_on);
    assert!(back.participants.is_empty() && back.notes.is_none() && back.schema.is_none());
    assert_eq!(back.ratings.len(), a.ratings.len());
    // The plan travels in the resource's carepath extension, which this software left out; the
    // ratings and their targets travel in the items and score the same.
    let mut without_plan = a.clone();
    without_plan.plan.clear();
    assert_eq!(c.score(&back).unwrap(), c.score(&without_plan).unwrap());
    // A rating with only a code, as the least a form filler sends.
    r["item"][0]["item"][0]["answer"][0] = json!({ "valueCoding": { "code": "unknown" } });
    assert_eq!(fhir::from_response(&c, &r).unwrap().ratings["T1.1"].rating, Rating::Unknown);
}

#[test]
fn a_response_whose_local_groups_were_dropped_fails_with_the_ratings_pointer() {
    // Northbrook 2024 declares its groups locally (edition 2.0.0 has none); software that drops
    // carepath's resource extension drops them, and the group ratings then name undeclared
    // groups: a typed error at the rating, never a silent loss of the ratings.
    let (c, a) = northbrook();
    assert!(!a.groups.is_empty());
    let mut r = fhir::to_response(&c, &a).unwrap();
    r.as_object_mut().unwrap().remove("extension");
    let err = fhir::from_response(&c, &r).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let problems = err.problems();
    assert!(!problems.is_empty() && problems.iter().all(|p| p.code == carepath::ErrorCode::UnknownGroup), "{err:?}");
    assert!(problems[0].path.starts_with("/ratings/") && problems[0].path.contains("/groups/"), "{err:?}");
}
