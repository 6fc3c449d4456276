//! The hand-written assessment reader (`Assessment::from_json`) against serde's derived one
//! (`read_json::<Assessment>`) on every example file, whole and with one value changed: the same
//! assessments, and the same texts refused. (The crate's own tests compare the errors too.)

use carepath::Assessment;
use proptest::prelude::*;
use serde_json::Value;

fn examples() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../standards/examples");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| std::fs::read_to_string(path).expect("read"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_example_reads_as_the_derived_reader_reads_it() {
    let examples = examples();
    assert!(examples.len() >= 10, "{} examples", examples.len());
    for text in &examples {
        let derived = carepath::read_json::<Assessment>(text).expect("every example is sound");
        assert_eq!(Assessment::from_json(text), Ok(derived));
    }
}

fn places(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                places(member, &format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                places(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_example_with_a_value_changed_reads_as_the_derived_reader_reads_it(
        example in any::<usize>(),
        slot in any::<usize>(),
        replacement in prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-3i64..8).prop_map(Value::from),
            Just(Value::from(2.5)),
            prop::sample::select(vec!["", "x", "T1.1", "2025-02-30", "not_applicable", "high", "done", "1.0.0"]).prop_map(Value::from),
            Just(Value::Array(Vec::new())),
            Just(serde_json::json!({ "rating": 1 })),
        ],
    ) {
        let examples = examples();
        let mut value: Value = serde_json::from_str(&examples[example % examples.len()]).unwrap();
        let mut all = Vec::new();
        places(&value, "", &mut all);
        // Not the root itself: the two readers word a whole that is not an object differently.
        let place = &all[1 + slot % (all.len() - 1)];
        if let Some(v) = value.pointer_mut(place) {
            *v = replacement;
        }
        let text = value.to_string();
        let derived = carepath::read_json::<Assessment>(&text);
        let ours = Assessment::from_json(&text);
        prop_assert_eq!(ours.is_ok(), derived.is_ok(), "{}: {:?} / {:?}", place, ours, derived);
        prop_assert_eq!(ours.ok(), derived.ok());
    }
}
