//! Start-up loads skip the conflict scans (`Checks::Errors`); these tests
//! make sure that changes only the warnings, never the dictionaries.

use faultline_dict::compile::{compile_with, Checks, SourceFile};
use faultline_dict::{normalize_key, Dictionaries};

#[test]
fn error_level_load_equals_full_check() {
    let full = Dictionaries::check(true, &[]);
    let fast = Dictionaries::check_with(true, &[], Checks::Errors);
    assert_eq!(full.errors, fast.errors);
    let (a, b) = (&full.dictionaries, &fast.dictionaries);
    assert_eq!(a.stats(), b.stats());
    assert_eq!(a.patterns().patterns, b.patterns().patterns);
    assert_eq!(a.countries(), b.countries());
    assert_eq!(a.persons(), b.persons());
    assert_eq!(a.orgs(), b.orgs());
    assert_eq!(a.agents(), b.agents());
    for name in [
        "Beijing",
        "Li Zhanshu",
        "NATO",
        "Chinese officials",
        "the Kremlin",
    ] {
        assert_eq!(a.lookup_any(name, None), b.lookup_any(name, None), "{name}");
    }
    for (text, _) in faultline_dict::builtin_files()
        .iter()
        .take(3)
        .map(|(p, t)| (*t, p))
    {
        for w in text.split_whitespace().take(2000) {
            let k = normalize_key(w);
            assert_eq!(a.lexicon().analyses(&k), b.lexicon().analyses(&k), "{w}");
        }
    }
}

#[test]
fn only_full_check_reports_conflicts() {
    let text = "country AAA Alpha\n    names: Shared\ncountry BBB Beta\n    names: Shared\n\
                event 010 Make statement\n    verb: say +\nevent 020 Appeal\n    verb: say +\n";
    let files = || {
        vec![vec![SourceFile {
            path: "t.txt".into(),
            bytes: text.as_bytes().into(),
        }]]
    };
    let full = compile_with(&files(), Checks::All);
    let fast = compile_with(&files(), Checks::Errors);
    assert!(
        full.errors.is_empty() && fast.errors.is_empty(),
        "{:?}",
        full.errors
    );
    let msgs: Vec<String> = full.warnings.iter().map(|w| w.to_string()).collect();
    assert!(msgs.iter().any(|m| m.contains("name `Shared`")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("is under both")), "{msgs:?}");
    assert!(fast.warnings.is_empty(), "{:?}", fast.warnings);
    assert_eq!(
        full.dictionaries.patterns().patterns,
        fast.dictionaries.patterns().patterns
    );
}
