//! Engine tests on small inline dictionaries: look-ups with dates, phrases,
//! the upper-case rule, overrides, drops, cross-file errors, warnings and
//! morphology. (Tests on the built-in data are in `builtin.rs`.)

use faultline_dict::{ActorKind, CheckReport, Dictionaries, Form, Pos, SourceFile};
use faultline_text::Date;

const BASE: &str = "\
country USA United States
    names: US; U.S.; America
    adjectives: American
    government: Washington; the White House
country CHN China
    names: PRC; People's Republic of China
    adjectives: Chinese; Sino-
    government: Beijing; Zhongnanhai
country RUS Russia
    adjectives: Russian
    government: Moscow; the Kremlin
country SSD South Sudan
    valid: 2011-07-09..
org NATO IGOWSTNAT North Atlantic Treaty Organization
    names: NATO; the Atlantic alliance
    adjectives: NATO
person Joe Biden
    names: Biden; President Biden
    role: USA GOV 2021-01-20..2025-01-20 President of the United States
    role: USA GOV 2009-01-20..2017-01-20 Vice President
person Li Zhanshu
    names: Li Zhanshu
    role: CHN LEG 2018-03-17..2023-03-10 Chairman of the NPC Standing Committee
    role: CHN GOV 2012-09..2017-10 Director of the General Office of the CCP
person Jens Stoltenberg
    names: Stoltenberg
    role: org:NATO - 2014-10-01..2024-09-30 Secretary General
agent GOV Government
    nouns: official; spokesman/spokesmen; foreign minister; ministry
    adjectives: governmental
agent MIL Military
    nouns: troop; soldier
    adjectives: military
agent LEG Legislature
    nouns: lawmaker
";

fn file(path: &str, text: &str) -> SourceFile<'static> {
    SourceFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec().into(),
    }
}

fn dicts(layers: &[&[(&str, &str)]]) -> CheckReport {
    let layers: Vec<Vec<SourceFile<'static>>> = layers
        .iter()
        .map(|l| l.iter().map(|(p, t)| file(p, t)).collect())
        .collect();
    Dictionaries::compile(&layers)
}

fn base() -> Dictionaries {
    dicts(&[&[("base.txt", BASE)]]).into_result().unwrap()
}

fn d(s: &str) -> Option<Date> {
    Some(s.parse().unwrap())
}

fn codes(v: &[faultline_dict::ActorRecord]) -> Vec<&str> {
    v.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn role_dates_are_respected() {
    let dx = base();
    assert!(
        dx.lookup("Biden", d("2020-06-01")).is_empty(),
        "no GOV role between terms"
    );
    let r = dx.lookup("Biden", d("2022-03-01"));
    assert_eq!(codes(&r), ["USAGOV"]);
    assert_eq!(r[0].kind, ActorKind::PersonRole);
    assert_eq!(
        r[0].title.as_deref(),
        Some("President of the United States")
    );
    assert_eq!(r[0].valid.to.unwrap().to_string(), "2025-01-20");
    // Both ends are inclusive.
    assert_eq!(dx.lookup("Biden", d("2025-01-20")).len(), 1);
    assert!(dx.lookup("Biden", d("2025-01-21")).is_empty());
    // No date: every role, each with its range.
    let all = dx.lookup("President Biden", None);
    assert_eq!(all.len(), 2);
    assert_ne!(all[0].valid, all[1].valid);
    let li = dx.lookup("Li Zhanshu", d("2022-09-01"));
    assert_eq!(codes(&li), ["CHNLEG"]);
    assert_eq!(li[0].country.unwrap().as_str(), "CHN");
    assert_eq!(li[0].sectors[0].as_str(), "LEG");
    // Month-precision range ends on the month's last day.
    assert_eq!(codes(&dx.lookup("Li Zhanshu", d("2017-10-31"))), ["CHNGOV"]);
}

#[test]
fn org_roles_use_the_org_code() {
    let dx = base();
    let r = dx.lookup("Stoltenberg", d("2020-01-01"));
    assert_eq!(codes(&r), ["IGOWSTNAT"]);
    assert_eq!(r[0].org.as_ref().unwrap().as_str(), "NATO");
    assert!(r[0].sectors.is_empty());
}

#[test]
fn metonyms_orgs_and_states() {
    let dx = base();
    let b = dx.lookup("Beijing", None);
    assert_eq!(
        (codes(&b), b[0].kind),
        (vec!["CHNGOV"], ActorKind::Government)
    );
    assert_eq!(codes(&dx.lookup("the Kremlin", None)), ["RUSGOV"]);
    assert_eq!(
        codes(&dx.lookup("Kremlin", None)),
        ["RUSGOV"],
        "a name's leading `the` is optional"
    );
    let n = dx.lookup("NATO", None);
    assert_eq!(
        codes(&n),
        ["IGOWSTNAT"],
        "name and adjective readings collapse to one actor"
    );
    assert_eq!(n[0].kind, ActorKind::Org);
    assert_eq!(
        codes(&dx.lookup("Atlantic alliance", None)),
        ["IGOWSTNAT"],
        "a name's leading `the` is optional"
    );
    assert_eq!(
        codes(&dx.lookup("the Atlantic alliance", None)),
        ["IGOWSTNAT"]
    );
    assert_eq!(
        codes(&dx.lookup("the Beijing", None)),
        ["CHNGOV"],
        "a query's leading `the` is ignored when needed"
    );
    assert_eq!(
        codes(&dx.lookup("People’s Republic of China", None)),
        ["CHN"]
    );
    assert!(dx.lookup("South Sudan", d("2010-01-01")).is_empty());
    assert_eq!(codes(&dx.lookup("South Sudan", d("2012-01-01"))), ["SSD"]);
}

#[test]
fn upper_case_only_names() {
    let dx = base();
    assert_eq!(codes(&dx.lookup("US", None)), ["USA"]);
    assert!(dx.lookup("us", None).is_empty());
    assert!(dx.lookup("Us", None).is_empty());
    assert!(dx.lookup("Nato", None).is_empty());
    assert_eq!(codes(&dx.lookup("U.S.", None)), ["USA"]);
    // Token-level API, as the coder uses it.
    let toks = dx.name_tokens(&["talks", "with", "the", "US", "and", "us"]);
    let found: Vec<_> = dx
        .names()
        .find_all(&toks)
        .iter()
        .map(|m| (m.start, m.end))
        .collect();
    assert_eq!(found, [(3, 4)]);
}

#[test]
fn adjective_plus_agent_phrases() {
    let dx = base();
    let r = dx.lookup_phrase("Chinese officials", None);
    assert_eq!(codes(&r), ["CHNGOV"]);
    assert_eq!(r[0].country.unwrap().as_str(), "CHN");
    assert_eq!(codes(&dx.lookup_phrase("Russian troops", None)), ["RUSMIL"]);
    assert_eq!(
        codes(&dx.lookup_phrase("Russia's foreign minister", None)),
        ["RUSGOV"]
    );
    assert_eq!(
        codes(&dx.lookup_phrase("Russia’s military", None)),
        ["RUSMIL"]
    );
    assert_eq!(
        codes(&dx.lookup_phrase("the American spokesmen", None)),
        ["USAGOV"]
    );
    assert_eq!(
        codes(&dx.lookup_phrase("Beijing lawmakers", None)),
        ["CHNLEG"],
        "a metonym's country, not CHNGOV+LEG"
    );
    assert_eq!(
        codes(&dx.lookup_phrase("NATO soldiers", None)),
        ["IGOWSTNATMIL"]
    );
    assert_eq!(
        codes(&dx.lookup_phrase("Chinese ministries", None)),
        ["CHNGOV"]
    );
    assert!(dx.lookup_phrase("Chinese bakers", None).is_empty());
    assert!(dx.lookup_phrase("officials Chinese", None).is_empty());
    // An agent alone.
    assert_eq!(codes(&dx.lookup_phrase("officials", None)), ["GOV"]);
    // A name wins over a combination.
    assert_eq!(
        codes(&dx.lookup_phrase("Li Zhanshu", d("2020-01-01"))),
        ["CHNLEG"]
    );
}

#[test]
fn compounds() {
    let dx = base();
    let parts = dx.lookup_compound("Sino-Russian", None).unwrap();
    assert_eq!(
        parts.iter().map(|p| p[0].code.as_str()).collect::<Vec<_>>(),
        ["CHN", "RUS"]
    );
    let parts = dx.lookup_compound("US–China", None).unwrap();
    assert_eq!(
        parts.iter().map(|p| p[0].code.as_str()).collect::<Vec<_>>(),
        ["USA", "CHN"]
    );
    assert!(dx.lookup_compound("Sino-Foo", None).is_none());
    assert!(dx.lookup_compound("Sino", None).is_none());
    assert!(
        dx.lookup_compound("Russian-Sino", None).is_none(),
        "a combining form only comes before a hyphen"
    );
    assert_eq!(codes(&dx.lookup_any("Sino-Russian", None)), ["CHN", "RUS"]);
}

#[test]
fn user_layer_overrides_and_drops() {
    let user = "\
country CHN China
    names: Zhongguo
drop names
    unname: Washington
person Joe Biden
    role: USA GOV 2021-01-20..2025-01-20 President
";
    let r = dicts(&[&[("base.txt", BASE)], &[("user/x.txt", user)]]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.warnings.is_empty(),
        "an override is not a duplicate: {:?}",
        r.warnings
    );
    let dx = r.dictionaries;
    assert!(
        dx.lookup("Beijing", None).is_empty(),
        "the user's CHN replaced the built-in one"
    );
    assert_eq!(codes(&dx.lookup("Zhongguo", None)), ["CHN"]);
    assert!(dx.lookup("Washington", None).is_empty());
    assert_eq!(codes(&dx.lookup("the White House", None)), ["USAGOV"]);
    assert!(
        dx.lookup("Biden", None).is_empty(),
        "the replacement has no `Biden` name"
    );
    assert_eq!(dx.lookup("Joe Biden", None).len(), 1);
    assert_eq!(dx.countries().len(), 4, "replaced in place, not added");
}

#[test]
fn duplicates_and_conflicts_are_warnings() {
    let extra = "\
person Hunter Biden
    names: Biden
    role: USA - 2022..2023 Son
person Jill Biden
    names: Jill
    role: USA - 2009..2017 Second Lady
country RUS Russia again
event 163 Impose sanctions
    verb: impose embargo on +
event 1621 Reduce trade
    verb: impose  embargo on +
    noun: embargo on +
";
    let r = dicts(&[&[("base.txt", BASE), ("extra.txt", extra)]]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let w: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    assert!(w.iter().any(|w| w.starts_with("extra.txt:2:12: warning: name `Biden` of person Hunter Biden also names person Joe Biden")), "{w:#?}");
    assert!(!w.iter().any(|w| w.contains("Jill")), "{w:#?}");
    assert!(
        w.iter().any(|w| w.starts_with(
            "extra.txt:7:1: warning: duplicate country `RUS`: replaces the one at base.txt:9"
        )),
        "{w:#?}"
    );
    assert!(
        w.iter().any(
            |w| w.contains("pattern `impose embargo on +` is under both 163")
                && w.starts_with("extra.txt:11:11")
        ),
        "{w:#?}"
    );
    assert_eq!(w.len(), 3, "{w:#?}");
}

#[test]
fn cross_file_errors_name_file_line_column() {
    let bad = "\
person A B
    role: FRA GOV 2020.. Nobody
    role: org:UN GOV 2020.. Nobody
    role: USA XYZ 2020.. Nobody
org G7 IGOGSE Group of Seven
    parent: UN
    members: USA; FRA
group WAG RUSWAG Wagner
    country: RUX
event 0399 Not a code
    verb: say +
event 163 Impose
    verb: impose &SANCTIONS on +
    verb: impose (on|against +
";
    let r = dicts(&[&[("base.txt", BASE), ("bad.txt", bad)]]);
    let e: Vec<String> = r.errors.iter().map(ToString::to_string).collect();
    let want = [
        "bad.txt:2:11: expected WHERE to be the ISO3 code of a `country` record, found `FRA`",
        "bad.txt:3:11: expected `org:ID` to name an `org` or `group` record, found `org:UN`",
        "bad.txt:4:15: expected a sector code defined by an `agent` record",
        "bad.txt:6:13: expected the id of an `org` or `group` record after `parent:`, found `UN`",
        "bad.txt:9:14: expected the ISO3 code of a `country` record after `country:`, found `RUX`",
        "bad.txt:10:7: expected a CAMEO code that exists in the ontology, found `0399`",
        "bad.txt:13:18: expected a known synset, found `&SANCTIONS`",
        "bad.txt:14:18: expected a closing `)`",
    ];
    for w in want {
        assert!(
            e.iter().any(|e| e.starts_with(w)),
            "missing `{w}` in {e:#?}"
        );
    }
    assert_eq!(e.len(), want.len(), "{e:#?}");
    let w: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter().any(|w| w
            .starts_with("bad.txt:7:19: warning: member `FRA` of `G7` has no `country` record")),
        "{w:#?}"
    );
    let first = r.into_result().unwrap_err().to_string();
    assert!(first.ends_with("(and 7 more errors)"), "{first}");
}

#[test]
fn agent_plurals_and_lexicon() {
    let dx = base();
    for (phrase, code) in [
        ("spokesman", "GOV"),
        ("spokesmen", "GOV"),
        ("foreign ministers", "GOV"),
        ("ministries", "GOV"),
        ("troops", "MIL"),
    ] {
        assert_eq!(codes(&dx.lookup(phrase, None)), [code], "{phrase}");
    }
    assert!(dx.lookup("spokesmans", None).is_empty());
    let lex = dx.lexicon();
    let spokesmen = lex.analyses("spokesmen");
    assert!(spokesmen.iter().any(|a| a.pos == Pos::Noun
        && a.form == Form::Plural
        && lex.lemma(a.lemma) == "spokesman"));
    assert!(lex
        .analyses("ministers")
        .iter()
        .any(|a| lex.lemma(a.lemma) == "minister"));
}

#[test]
fn inflections_with_the_irregular_table() {
    let irregular = faultline_dict::builtin_files()
        .iter()
        .find(|(p, _)| *p == "dict/verbs/irregular.txt")
        .expect("irregular table is built in");
    let events = "\
synset AID
    words: aid; assistance
event 036 Express intent to meet
    verb: stop * +
    verb: visit +
    verb: plan visit to +
    verb: agree to meet +
    verb: carry message to +
    verb: lead delegation to +
    noun: visit to +
";
    let r = dicts(&[&[(irregular.0, irregular.1), ("e.txt", events)]]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let dx = r.dictionaries;
    let lex = dx.lexicon();
    let lemma_of = |w: &str, pos: Pos| {
        lex.analyses(w)
            .iter()
            .filter(|a| a.pos == pos)
            .map(|a| lex.lemma(a.lemma).to_string())
            .collect::<Vec<_>>()
    };
    for (form, lemma) in [
        ("stopped", "stop"),
        ("visited", "visit"),
        ("planned", "plan"),
        ("agreed", "agree"),
        ("carried", "carry"),
        ("led", "lead"),
        ("leads", "lead"),
        ("met", "meet"),
        ("meeting", "meet"),
        ("stopping", "stop"),
        ("visiting", "visit"),
    ] {
        assert_eq!(lemma_of(form, Pos::Verb), [lemma], "{form}");
    }
    assert!(lemma_of("leaded", Pos::Verb).is_empty());
    assert!(lemma_of("visitted", Pos::Verb).is_empty());
    assert_eq!(lemma_of("visits", Pos::Noun), ["visit"]);
    assert!(
        lex.irregular_count() >= 200,
        "the built-in table has ~200 verbs"
    );
    // Every pattern's head inflects and matches through the reference matcher.
    let m = |s: &str| {
        dx.match_patterns(&s.split(' ').collect::<Vec<_>>())
            .iter()
            .map(|(_, p)| p.text.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(m("led delegation to +"), ["lead delegation to +"]);
    assert_eq!(m("agreed to meet +"), ["agree to meet +"]);
    assert_eq!(m("stopped short of +"), ["stop * +"]);
    assert_eq!(m("planning visits to +"), ["plan visit to +", "visit to +"]);
}

#[test]
fn reads_user_directories_recursively() {
    let dir = std::env::temp_dir().join(format!("faultline-dict-test-{}", std::process::id()));
    let sub = dir.join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(dir.join("z.txt"), "country AAA Atlantis\n").unwrap();
    std::fs::write(
        sub.join("x.txt"),
        "country BBB Bohemia\n    names: Bohemia; Bo\n",
    )
    .unwrap();
    std::fs::write(sub.join("ignored.md"), "not a dictionary").unwrap();
    std::fs::write(dir.join("bad.txt"), "country ccc Nowhere\n").unwrap();
    let r = Dictionaries::check(false, std::slice::from_ref(&dir));
    assert_eq!(r.errors.len(), 1);
    assert!(
        r.errors[0].path.ends_with("bad.txt") && r.errors[0].line == 1 && r.errors[0].column == 9
    );
    assert_eq!(r.dictionaries.countries().len(), 2);
    assert_eq!(
        r.dictionaries.countries()[0].name,
        "Bohemia",
        "files are read in sorted path order"
    );
    let missing = Dictionaries::check(false, &[dir.join("nope")]);
    assert!(missing.errors[0]
        .message
        .starts_with("expected a readable dictionary directory"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A tiny xorshift generator: deterministic pseudo-random input without a crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The same path as the fuzz target (fuzz/fuzz_targets/dict_reader.rs):
/// arbitrary bytes as a dictionary file must never panic the reader or the
/// compiler, and every error must carry a position inside the input.
#[test]
fn random_input_never_panics() {
    let pieces: &[&[u8]] = &[
        b"country ",
        b"person ",
        b"org ",
        b"group ",
        b"agent ",
        b"event ",
        b"synset ",
        b"irregular ",
        b"drop ",
        b"names",
        b"CHN ",
        b"USA",
        b"NATO ",
        b"IGOWSTNAT ",
        b"GOV",
        b"163 ",
        b"0333 ",
        b"  ",
        b"\t",
        b"\n",
        b": ",
        b";",
        b"; ",
        b"#",
        b" # c",
        b"role: ",
        b"org:",
        b"2020..",
        b"..2021-02",
        b"2020-13",
        b"verb: ",
        b"noun: ",
        b"words: ",
        b"forms: ",
        b"(",
        b")",
        b"|",
        b"\"",
        b"&",
        b"&S",
        b"*",
        b"+",
        b"$",
        b"impose",
        b"\xff",
        b"\xe2\x80\x99",
        b"\xc3",
        b"-",
        b"/",
        b"China",
        b"'s",
        b"unname: ",
        b"valid: ",
        b"status: ",
        b"members: ",
        b"parent: ",
        b"country: ",
        b"nouns: ",
        b"a/b/c",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let mut input = Vec::new();
        let n = (rng.next() % 40) as usize;
        for _ in 0..n {
            if rng.next() % 8 == 0 {
                input.push((rng.next() % 256) as u8);
            } else {
                input.extend_from_slice(pieces[(rng.next() as usize) % pieces.len()]);
            }
        }
        let lines = input.split(|&b| b == b'\n').count() as u32;
        let report = Dictionaries::compile(&[vec![SourceFile {
            path: "fuzz.txt".into(),
            bytes: input.clone().into(),
        }]]);
        for e in &report.errors {
            assert!(
                e.line <= lines,
                "error past the end: {e} for {:?}",
                String::from_utf8_lossy(&input)
            );
        }
        let dx = report.dictionaries;
        let _ = dx.lookup("China", None);
        let _ = dx.lookup_phrase("Chinese officials", None);
        let _ = dx.match_patterns(&["impose", "+"]);
    }
}

/// The coder shares one `Dictionaries` across worker threads.
#[test]
fn dictionaries_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Dictionaries>();
}
