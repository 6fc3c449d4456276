//! Reading, checking and scoring an assessment against the bundled edition it names: any bytes
//! give a report or a typed error; what reads writes back the same.
#![no_main]

use carepath::{Assessment, Catalogue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(assessment) = Assessment::from_json_bytes(bytes) else { return };
    let again = Assessment::from_json(&assessment.to_json()).expect("an assessment written reads back");
    assert_eq!(again, assessment);
    if let Ok(catalogue) = Catalogue::bundled_for(&assessment.catalogue) {
        if let Ok(report) = catalogue.score(&assessment) {
            assert!(report.overall.score.is_none_or(|s| (0.0..=5.0).contains(&s)));
        }
    }
});
