//! Arbitrary bytes as rows of every import format: each line must be
//! imported, skipped as a header, or rejected with a message — never a
//! panic — and what is accepted must satisfy the schema's invariants.

#![no_main]

use std::sync::OnceLock;

use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::import::{Format, Importer, PLAUSIBLE_YEARS};
use libfuzzer_sys::fuzz_target;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries compile"))
}

fuzz_target!(|data: &[u8]| {
    let importer = Importer::new(Ontology::builtin(), dicts());
    for format in Format::ALL {
        for (i, line) in data.split(|b| *b == b'\n').enumerate() {
            match importer.parse_line(format, "fuzz.tsv", i + 1, line) {
                Ok(Some(ev)) => {
                    if let Some(d) = ev.date {
                        assert!(PLAUSIBLE_YEARS.contains(&d.year()), "{format}: accepted {d}");
                    }
                    if let Some(q) = ev.quad_class {
                        assert!((1..=4).contains(&q));
                    }
                    assert!(ev.cameo.starts_with(&ev.cameo_root));
                    assert!(!ev.original_id.is_empty());
                }
                Ok(None) => {}
                Err(why) => assert!(!why.is_empty()),
            }
        }
    }
});
