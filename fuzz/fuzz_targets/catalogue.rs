//! Reading and checking a catalogue: any bytes give a catalogue or a typed error, never a
//! panic, an abort or a cost beyond the document's size; what reads writes back the same.
#![no_main]

use carepath::{Catalogue, DocumentKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = carepath::json_text(bytes) {
        let _ = DocumentKind::detect(text);
    }
    if let Ok(catalogue) = Catalogue::from_json_bytes(bytes) {
        let again = Catalogue::from_json(&catalogue.to_json()).expect("a catalogue written reads back");
        assert_eq!(again, catalogue);
    }
});
