//! The hard constructions, one test each: passive with a "by" agent,
//! coordination of subjects and objects, appositives, possessive nominals,
//! reported speech, infinitival complements, negation scope, each modality,
//! pronouns to the previous sentence, governing dates, money.

use std::sync::OnceLock;

use faultline_coder::{Coder, CoderScratch, Event, EventFilter, Modality};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_syntax::{Analysis, Analyzer, Context, Scratch};
use faultline_text::{sentences, Document};

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries compile"))
}

/// All events (no filter) of `text` with document date `date`.
fn code(date: &str, text: &str) -> Vec<Event> {
    let doc = Document::from_text("t", Some(date.parse().unwrap()), text);
    let ss = sentences(&doc);
    let coder = Coder::new(dicts(), Ontology::builtin());
    let events = coder.code_document(&doc, &ss, &mut CoderScratch::default());
    if std::env::var_os("FAULTLINE_DUMP").is_some() {
        let mut ctx = Context::default();
        let (mut sc, mut a) = (Scratch::default(), Analysis::default());
        for s in &ss {
            Analyzer::new(dicts()).analyze(s, &mut ctx, &mut sc, &mut a);
            eprintln!("{}\n{}", s.text, a.describe());
        }
    }
    for e in &events {
        eprintln!("  {} -> {} {} neg={} {} {:?} {:?}", e.source.code, e.target.code, e.code.as_str(), e.negated, e.modality.as_str(), e.date, e.quantity);
    }
    events
}

fn country(a: &faultline_coder::EventActor) -> &str {
    a.country.as_ref().map_or(a.code.as_str(), |c| c.as_str())
}

fn has(events: &[Event], src: &str, tgt: &str, code: &str) -> Option<Event> {
    events.iter().find(|e| country(&e.source) == src && country(&e.target) == tgt && e.code.as_str().starts_with(code)).cloned()
}

#[track_caller]
fn expect(events: &[Event], src: &str, tgt: &str, code: &str) -> Event {
    match has(events, src, tgt, code) {
        Some(e) => e,
        None => panic!("expected {src} -> {tgt} {code}"),
    }
}

#[test]
fn passive_with_by_agent() {
    let ev = code("2022-03-02", "Russia was condemned by the United Nations General Assembly on Wednesday.");
    let e = ev.iter().find(|e| country(&e.target) == "RUS" && e.code.root() == 11).expect("condemnation of Russia");
    assert!(e.source.org.is_some(), "source is the UN body: {:?}", e.source);
}

#[test]
fn coordinated_subjects_and_objects() {
    let ev = code("2023-02-01", "China and India called on Russia to end the war.");
    expect(&ev, "CHN", "RUS", "02");
    expect(&ev, "IND", "RUS", "02");
    let ev = code("2020-09-28", "Russia urged Armenia and Azerbaijan to halt the fighting.");
    expect(&ev, "RUS", "ARM", "02");
    expect(&ev, "RUS", "AZE", "02");
}

#[test]
fn appositive_subject() {
    let ev = code(
        "2023-02-01",
        "China's No. 3 top leader, Li Zhanshu, visited Russia in September 2022.",
    );
    let e = expect(&ev, "CHN", "RUS", "04");
    assert_eq!(e.source.code, "CHNLEG", "Li Zhanshu chaired the NPC Standing Committee in 2022");
    let ev = code("2023-02-01", "Li Zhanshu, China's No. 3 leader, visited Russia in September 2022.");
    assert_eq!(expect(&ev, "CHN", "RUS", "04").source.code, "CHNLEG");
}

#[test]
fn possessive_nominal_and_compound() {
    let ev = code("2023-03-25", "Xi's visit to Moscow was a success.");
    expect(&ev, "CHN", "RUS", "04");
    let ev = code("2023-02-01", "This was reinforced last December in a Xi-Putin Zoom meeting.");
    let e = expect(&ev, "CHN", "RUS", "04");
    assert_eq!(e.date.date().map(|d| d.to_string()), Some("2022-12-01".to_string()));
}

#[test]
fn reported_speech() {
    let ev = code("2023-02-01", "EU officials said that China has provided weapons to Russia.");
    let e = expect(&ev, "CHN", "RUS", "07");
    assert_eq!(e.modality, Modality::Reported);
    let ev = code("2023-02-01", "China has provided weapons to Russia, according to U.S. officials.");
    assert_eq!(expect(&ev, "CHN", "RUS", "07").modality, Modality::Reported);
}

#[test]
fn infinitival_complement() {
    let ev = code("2023-02-01", "First, on a visit to Kazakhstan last September, Xi pledged to \"resolutely\" support its sovereignty.");
    let e = expect(&ev, "CHN", "KAZ", "03");
    assert_eq!(e.date.date().map(|d| d.to_string()), Some("2022-09-01".to_string()));
}

#[test]
fn negation_scopes_over_coordinated_verbs() {
    let ev = code("2023-02-01", "China had not helped Russia evade sanctions or provided military assistance to Moscow.");
    let negs: Vec<&Event> = ev.iter().filter(|e| country(&e.source) == "CHN" && country(&e.target) == "RUS").collect();
    assert!(negs.len() >= 2, "both verbs code: {negs:?}");
    assert!(negs.iter().all(|e| e.negated));
    let ev = code("2023-02-01", "Beijing refused to condemn Russia.");
    assert!(expect(&ev, "CHN", "RUS", "11").negated);
    let mut ev = code("2023-02-01", "China declined to impose sanctions on Russia.");
    assert!(expect(&ev, "CHN", "RUS", "16").negated);
    EventFilter::default().apply(&mut ev);
    assert!(ev.iter().all(|e| e.code.root() != 16), "the sanctions were not imposed: {ev:?}");
}

#[test]
fn modalities() {
    let cases = [
        ("China will impose sanctions on Japan.", Modality::Future),
        ("China is expected to impose sanctions on Japan.", Modality::Future),
        ("China may impose sanctions on Japan.", Modality::Hypothetical),
        ("If China imposes sanctions on Japan, prices will rise.", Modality::Hypothetical),
        ("China should impose sanctions on Japan.", Modality::Prescriptive),
        ("China would be wise to impose sanctions on Japan.", Modality::Prescriptive),
        ("Officials said China imposed sanctions on Japan.", Modality::Reported),
        ("China imposed sanctions on Japan.", Modality::Asserted),
    ];
    for (text, m) in cases {
        let ev = code("2023-02-01", text);
        let e = expect(&ev, "CHN", "JPN", "16");
        assert_eq!(e.modality, m, "{text}");
    }
}

#[test]
fn pronoun_to_previous_sentence() {
    let ev = code("2023-02-01", "Kazakhstan held an election on Sunday.\n\nChina pledged to support its sovereignty.");
    expect(&ev, "CHN", "KAZ", "03");
    let ev = code("2023-02-01", "China has called for restraint.\n\nYet it has provided only $3 million in humanitarian aid to Ukraine.");
    let e = expect(&ev, "CHN", "UKR", "07");
    assert_eq!(e.quantity.map(|q| (q.amount, q.unit)), Some((3e6, "USD")));
}

#[test]
fn governing_date() {
    let ev = code("2023-02-01", "In early October 2022, China abstained from a vote to condemn Russia.");
    let e = ev.first().expect("an event");
    assert_eq!(e.date.date().map(|d| d.to_string()), Some("2022-10-01".to_string()));
    assert_eq!(e.date.precision_str(), "month");
    let ev = code("2023-02-01", "China has provided humanitarian aid to Ukraine.");
    assert_eq!(ev[0].date.precision_str(), "document");
}

#[test]
fn money_attaches_to_aid() {
    for (text, amount, unit) in [
        ("Japan provided $3.5 million in humanitarian aid to Ukraine.", 3.5e6, "USD"),
        ("China extended a 3 billion yuan loan to Pakistan.", 3e9, "CNY"),
        ("The EU gave €50m in humanitarian aid to Afghanistan.", 5e7, "EUR"),
    ] {
        let ev = code("2023-02-01", text);
        let e = ev.iter().find(|e| e.code.root() == 7 || e.code.as_str().starts_with("033")).unwrap_or_else(|| panic!("aid event in `{text}`"));
        assert_eq!(e.quantity.map(|q| (q.amount, q.unit)), Some((amount, unit)), "{text}");
    }
}

#[test]
fn date_aware_actors() {
    let ev = code("2022-07-09", "Blinken urged China to stop supporting Russia.");
    assert_eq!(expect(&ev, "USA", "CHN", "02").source.code, "USAGOV");
    let ev = code("2019-05-01", "Blinken urged China to stop supporting Russia.");
    assert!(ev.iter().all(|e| e.source.code != "USAGOV"), "Blinken held no office in 2019");
}

#[test]
fn coder_is_shared_across_threads() {
    fn sync<T: Sync>() {}
    fn send<T: Send>() {}
    sync::<Coder<'static>>();
    send::<CoderScratch>();
    // Same events whatever thread codes them.
    let text = "Xi's visit to Moscow was a success.";
    let here = code("2023-03-25", text);
    let there = std::thread::spawn(move || code("2023-03-25", text)).join().unwrap();
    assert_eq!(here, there);
}
