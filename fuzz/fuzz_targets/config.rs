//! Fuzzes the config parser and validator: any text must give either a `Config` or a list
//! of errors, each located inside the text (line ≥ 1, within the line count), and never a
//! panic.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(errors) = lachan::config::parse(text, Path::new("fuzz.toml")) {
        let lines = text.lines().count().max(1) + 1;
        for e in &errors.0 {
            assert!(e.line >= 1 && e.line <= lines, "error outside the text: {e}");
            assert!(e.column >= 1, "column must be 1-based: {e}");
        }
    }
});
