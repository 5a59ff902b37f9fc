//! Arbitrary bytes as the ontology's CAMEO table and as its PLOVER table
//! (each paired with the built-in other half), and split at the first NUL
//! into both: nothing may panic, every error must point at a line inside its
//! table (or one past the end), and a table that parses must be coherent.
//! The test `damaged_tables_never_panic` in
//! crates/faultline-ontology/tests/builtin.rs runs the same path on damaged
//! built-in tables so CI catches panics without cargo-fuzz.

#![no_main]

use faultline_ontology::ontology::{CAMEO_TSV, PLOVER_TSV};
use faultline_ontology::{Ontology, PloverEvent};
use libfuzzer_sys::fuzz_target;

fn check(cameo: &str, plover: &str) {
    match Ontology::parse_named("c", cameo, "p", plover) {
        Err(e) => {
            let lines = if e.file == "c" { cameo } else { plover }.lines().count();
            assert!(e.line >= 1 && e.line <= lines + 1, "error outside its table: {e}");
        }
        Ok(o) => {
            let codes: Vec<_> = o.iter().map(|t| t.code).collect();
            assert!(codes.windows(2).all(|w| w[0] < w[1]), "not in codebook order");
            for t in &o {
                assert!(t.code.parent().is_none_or(|p| o.get(p).is_some()), "orphan {}", t.code);
                assert!(o.card(t.code).is_some());
            }
            for e in PloverEvent::ALL {
                assert!(o.codes_for(e).next().is_some(), "{e} unreachable");
                let _ = o.plover_card(e);
                let _ = o.cameo_for_plover(e, Some("visit"));
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check(text, PLOVER_TSV);
    check(CAMEO_TSV, text);
    if let Some((cameo, plover)) = text.split_once('\0') {
        check(cameo, plover);
    }
});
