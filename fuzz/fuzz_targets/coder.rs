//! Arbitrary bytes through the whole coder: document → sentences → shallow
//! analysis → events. Nothing may panic, and every span must stay inside its
//! sentence. `crates/faultline-coder/tests/bad_input.rs` runs the
//! pathological cases (10,000-token sentences, nested brackets, every byte
//! value) without cargo-fuzz.

#![no_main]

use std::sync::OnceLock;

use faultline_coder::{Coder, CoderScratch};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{sentences, DocFormat, Document};
use libfuzzer_sys::fuzz_target;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries compile"))
}

fuzz_target!(|data: &[u8]| {
    let coder = Coder::new(dicts(), Ontology::builtin());
    let mut scratch = CoderScratch::default();
    for format in [DocFormat::Text, DocFormat::Html] {
        let (doc, _) = Document::from_bytes("fuzz", Some(faultline_text::Date::from_ymd(2023, 2, 1).unwrap()), data.to_vec(), format);
        let ss = sentences(&doc);
        for e in coder.code_document(&doc, &ss, &mut scratch) {
            let s = &ss[e.sentence];
            assert!(e.trigger.0 <= e.trigger.1 && e.trigger.1 as usize <= s.text.len());
            assert!(e.source.span.1 as usize <= s.text.len() && e.target.span.1 as usize <= s.text.len());
            assert!(e.evidence.0 <= e.evidence.1 && e.evidence.1 <= data.len());
        }
    }
});
