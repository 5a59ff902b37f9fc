//! Arbitrary bytes through every PETRARCH dictionary reader (verbs in both
//! dialects, actors, agents with substitution expansion, discards, issues,
//! config): nothing may panic, and every diagnostic must point at a line
//! inside the input. `crates/faultline-petrarch/tests/never_panic.rs` runs
//! the same readers on pseudo-random input so CI catches panics without
//! cargo-fuzz.

#![no_main]

use std::path::Path;

use faultline_petrarch::{
    ActorDictionary, AgentDictionary, Config, DiscardList, Generation, IssueDictionary, Loaded, ReadError,
    VerbDictionary,
};
use libfuzzer_sys::fuzz_target;

fn check<T>(lines: usize, r: &Result<Loaded<T>, ReadError>) {
    let diags = match r {
        Ok(l) => &l.warnings[..],
        Err(e) => {
            assert!(!e.diagnostics().is_empty(), "an error without a location: {e}");
            e.diagnostics()
        }
    };
    for d in diags {
        assert!(d.line >= 1 && d.line <= lines, "diagnostic outside the input: {d}");
    }
}

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let _ = Generation::detect(data);
    check(lines, &VerbDictionary::parse(data, "fuzz", Generation::Petrarch1));
    check(lines, &VerbDictionary::parse(data, "fuzz", Generation::Petrarch2));
    check(lines, &ActorDictionary::parse(data, "fuzz"));
    let agents = AgentDictionary::parse(data, "fuzz");
    if let Ok(l) = &agents {
        for a in l.value.agents.iter().take(64) {
            let _ = l.value.expand(a);
        }
    }
    check(lines, &agents);
    check(lines, &DiscardList::parse(data, "fuzz"));
    check(lines, &IssueDictionary::parse(data, "fuzz"));
    check(lines, &Config::parse(data, "fuzz", Path::new("/base")));
});
