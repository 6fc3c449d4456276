//! Importing a workbook (the CLI's reader, compiled in from cli/src): any bytes give an
//! assessment or a list of located problems, never a panic or an allocation beyond the limits.
#![no_main]
#![allow(dead_code, unused_imports)]

#[path = "../../cli/src/input.rs"]
mod input;
#[path = "../../cli/src/render/mod.rs"]
mod render;
#[path = "../../cli/src/workbook/mod.rs"]
mod workbook;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((assessment, catalogue)) = workbook::read::import(bytes, None) {
        assert!(catalogue.check(&assessment).is_ok());
    }
});
