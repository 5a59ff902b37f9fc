//! Arbitrary bytes through every document path of `faultline-text` (plain
//! text, HTML, a JSONL line) and on to sentences: nothing may panic, and
//! every offset must stay inside the original bytes. The unit test
//! `crates/faultline-text/tests/robustness.rs` runs the same paths on
//! pseudo-random input so CI catches panics without cargo-fuzz.

#![no_main]

use faultline_text::{jsonl_document, sentences, DocFormat, Document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [DocFormat::Text, DocFormat::Html] {
        let (doc, _) = Document::from_bytes("fuzz", None, data.to_vec(), format);
        for s in sentences(&doc) {
            assert!(s.start <= s.end && s.end <= data.len());
            for t in &s.tokens {
                assert!(t.end as usize <= s.text.len());
            }
        }
    }
    if let Ok((doc, _)) = jsonl_document(data, None) {
        for s in sentences(&doc) {
            assert!(s.start <= s.end && s.end <= doc.text().len());
        }
    }
});
