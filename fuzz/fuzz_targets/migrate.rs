//! Migrating an assessment into the latest bundled edition: nothing panics, the result scores,
//! and migrating it again changes nothing (migration is idempotent).
#![no_main]

use carepath::{Assessment, Catalogue, migrate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(assessment) = Assessment::from_json_bytes(bytes) else { return };
    let Ok(latest) = Catalogue::bundled(carepath::DEFAULT_CATALOGUE, None) else { return };
    if let Ok((carried, _)) = migrate(&assessment, &latest) {
        let _ = latest.score(&carried);
        let (again, _) = migrate(&carried, &latest).expect("a migrated assessment migrates again");
        assert_eq!(again, carried);
    }
});
