//! Arbitrary bytes as PETR XML and as a Penn Treebank parse: the XML reader
//! and the tree reader must return values or located errors, never panic;
//! a tree that reads must print to a tree with the same words, and tree
//! errors must name their sentence. `crates/faultline-petrarch/tests/never_panic.rs`
//! runs the same path on pseudo-random input without cargo-fuzz.

#![no_main]

use faultline_petrarch::{PetrXml, Tree};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(x) = PetrXml::parse(data, "fuzz.xml") {
        for s in x.value.sentences() {
            if let Err(e) = s.tree("fuzz.xml") {
                if s.parse.is_some() {
                    assert!(e.message.contains(&format!("sentence `{}`", s.id)), "{e}");
                }
            }
        }
    }
    let text = String::from_utf8_lossy(data);
    match Tree::parse(&text) {
        Ok(t) => {
            let again = Tree::parse(&t.to_string()).expect("a printed tree reads back");
            assert!(again.words().eq(t.words()));
        }
        Err(e) => assert!(e.offset <= text.len()),
    }
});
