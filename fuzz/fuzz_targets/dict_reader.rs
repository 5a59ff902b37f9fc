//! Arbitrary bytes as a dictionary file through the reader and the
//! compiler (name index, lexicon, patterns) and a few look-ups: nothing may
//! panic, and every error must point at a line inside the input. The test
//! `random_input_never_panics` in crates/faultline-dict/tests/engine.rs runs
//! the same path on pseudo-random input so CI catches panics without
//! cargo-fuzz.

#![no_main]

use faultline_dict::{Dictionaries, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count() as u32;
    let report = Dictionaries::compile(&[vec![SourceFile {
        path: "fuzz.txt".into(),
        bytes: data.into(),
    }]]);
    for e in &report.errors {
        assert!(e.line <= lines, "error past the end of the input: {e}");
    }
    let dicts = report.dictionaries;
    let text = String::from_utf8_lossy(data);
    for word in text.split_whitespace().take(16) {
        let _ = dicts.lookup_any(word, None);
    }
    let _ = dicts.lookup_phrase("Chinese officials", None);
    let tokens: Vec<&str> = text.split_whitespace().take(32).collect();
    let _ = dicts.match_patterns(&tokens);
    let _ = dicts.stats();
});
