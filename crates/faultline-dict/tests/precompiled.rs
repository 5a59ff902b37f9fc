//! The precompiled built-in dictionaries (`build.rs` → `src/binary.rs`)
//! must be exactly what compiling the built-in text gives at run time, so
//! a stale or wrong precompiled form cannot pass.

use faultline_dict::{binary, compile::Checks, Dictionaries};

/// The built-in text compiled now, the slow way.
fn compiled_from_text() -> Dictionaries {
    let report = Dictionaries::check_with(true, &[], Checks::Errors);
    assert!(report.errors.is_empty(), "{:?}", report.errors.first());
    report.dictionaries
}

#[test]
fn precompiled_equals_runtime_compilation_of_the_text() {
    let text = compiled_from_text();
    let bytes = binary::encode(&text);
    let embedded = faultline_dict::precompiled_bytes();
    assert_eq!(bytes.len(), embedded.len(), "precompiled form is stale");
    assert!(bytes == embedded, "precompiled form differs from the text");
    // The full check (with conflict scans) compiles the same dictionaries.
    let full = Dictionaries::check_with(true, &[], Checks::All).dictionaries;
    assert!(binary::encode(&full) == embedded);
}

#[test]
fn decoding_loses_nothing_and_is_deterministic() {
    let embedded = faultline_dict::precompiled_bytes();
    let d = Dictionaries::builtin().expect("precompiled form decodes");
    // Decode then encode gives back the same bytes, twice over.
    assert!(binary::encode(&d) == embedded);
    assert!(binary::encode(&d) == binary::encode(&d.clone()));
}

#[test]
fn decoded_and_compiled_answer_the_same_lookups() {
    let text = compiled_from_text();
    let pre = Dictionaries::builtin().unwrap();
    assert_eq!(text.stats(), pre.stats());
    assert_eq!(text.countries(), pre.countries());
    assert_eq!(text.persons(), pre.persons());
    assert_eq!(text.orgs(), pre.orgs());
    assert_eq!(text.agents(), pre.agents());
    assert_eq!(text.patterns().patterns, pre.patterns().patterns);
    assert_eq!(text.patterns().synsets, pre.patterns().synsets);
    assert_eq!(text.patterns().by_head, pre.patterns().by_head);
    let date = "2022-09-01".parse().ok();
    for name in [
        "Li Zhanshu",
        "Beijing",
        "the Kremlin",
        "Chinese officials",
        "NATO",
        "Antony Blinken",
        "Xi",
    ] {
        assert_eq!(
            text.lookup_phrase(name, date),
            pre.lookup_phrase(name, date),
            "{name}"
        );
    }
    for word in ["met", "sanctions", "accused", "visiting", "aid", "zzz"] {
        let key = faultline_dict::normalize_key(word);
        assert_eq!(
            text.lexicon().analyses(&key),
            pre.lexicon().analyses(&key),
            "{word}"
        );
    }
    // Every name of every country, person and organisation finds the same
    // readings in both indexes.
    let names: Vec<String> = pre
        .countries()
        .iter()
        .map(|c| c.name.clone())
        .chain(pre.persons().iter().map(|p| p.name.clone()))
        .chain(pre.orgs().iter().map(|o| o.name.clone()))
        .collect();
    for n in &names {
        assert_eq!(text.lookup(n, None), pre.lookup(n, None), "{n}");
    }
}

#[test]
fn corrupt_bytes_give_an_error_not_a_panic() {
    let embedded = faultline_dict::precompiled_bytes();
    assert!(binary::decode(&embedded[..embedded.len() / 2]).is_err());
    assert!(binary::decode(b"not dictionaries").is_err());
    let mut bad = embedded.to_vec();
    bad.push(0);
    let e = binary::decode(&bad).unwrap_err();
    assert_eq!(e.offset, embedded.len());
    // Truncations at many points all fail cleanly.
    for cut in (0..embedded.len()).step_by(embedded.len() / 97 + 1) {
        assert!(binary::decode(&embedded[..cut]).is_err(), "cut at {cut}");
    }
}
