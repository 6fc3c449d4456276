//! `carepath fhir questionnaire|export|import`: the three commands, a round trip through files
//! and standard input, and bad responses reported with their FHIR path (exit 1).

mod common;

use common::{arg, carepath, edition, example, examples, ok, scratch, stderr, temp, with_stdin};

#[test]
fn prints_a_bundled_edition_as_a_questionnaire() {
    let q: serde_json::Value =
        serde_json::from_str(&ok(&["fhir", "questionnaire", "perinatal-mental-health@1.0.0"])).unwrap();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["version"], "1.0.0");
    assert_eq!(q, carepath::fhir::questionnaire(&edition("1.0.0")));
    // The latest edition by default, or by id; a catalogue file also works.
    let latest: serde_json::Value = serde_json::from_str(&ok(&["fhir", "questionnaire"])).unwrap();
    assert_eq!(latest["version"], "3.1.0");
    let by_id: serde_json::Value =
        serde_json::from_str(&ok(&["fhir", "questionnaire", "perinatal-mental-health"])).unwrap();
    assert_eq!(by_id, latest);
    let from_file: serde_json::Value = serde_json::from_str(&ok(&[
        "fhir",
        "questionnaire",
        "--catalogue",
        "standards/perinatal-mental-health/3.1.0.json",
    ]))
    .unwrap();
    assert_eq!(from_file, latest);

    let out = carepath(&["fhir", "questionnaire", "perinatal-mental-health@9.0.0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no bundled catalogue"), "{}", stderr(&out));
}

#[test]
fn every_example_exports_and_imports_unchanged() {
    let dir = scratch("round-trip");
    for file in examples() {
        let response = dir.join("response.json");
        let back = dir.join("back.json");
        ok(&["fhir", "export", arg(&file), "-o", arg(&response)]);
        ok(&["fhir", "import", arg(&response), "-o", arg(&back)]);
        let original = carepath::Assessment::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let imported = carepath::Assessment::from_json(&std::fs::read_to_string(&back).unwrap()).unwrap();
        assert_eq!(imported, original, "{}", file.display());
    }
    // Standard input and output.
    let text = std::fs::read_to_string(example("northbrook-2024.json")).unwrap();
    let out = with_stdin(&["fhir", "export", "-"], &text);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = with_stdin(&["fhir", "import", "-"], &String::from_utf8(out.stdout).unwrap());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), carepath::Assessment::from_json(&text).unwrap().to_json());
}

#[test]
fn a_bad_response_is_reported_with_its_fhir_path() {
    let response = ok(&["fhir", "export", arg(&example("northbrook-2024.json"))]);
    let mut value: serde_json::Value = serde_json::from_str(&response).unwrap();
    value["item"][2]["item"][4]["answer"][0]["valueCoding"]["code"] = "9".into();
    let file = temp("off-scale.json", value.to_string());
    let out = carepath(&["fhir", "import", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("off-scale.json: at `item[2].item[4].answer[0]`: rating `9` is off the scale"), "{err}");
    assert!(err.contains("[fhir_off_scale]"), "{err}");

    let file = temp("questionnaire.json", ok(&["fhir", "questionnaire"]));
    let out = carepath(&["fhir", "import", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[fhir_resource]"), "{}", stderr(&out));

    let file = temp("not-json.json", "{ nope");
    let out = carepath(&["fhir", "import", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[syntax]"), "{}", stderr(&out));

    // An assessment exported with another edition's catalogue file.
    let out = carepath(&[
        "fhir",
        "export",
        arg(&example("northbrook-2024.json")),
        "--catalogue",
        "standards/perinatal-mental-health/1.0.0.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[mixed_editions]"), "{}", stderr(&out));
}
