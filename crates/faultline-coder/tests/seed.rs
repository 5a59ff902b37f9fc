//! The must-show list on the seed op-ed (document date 2023-02-01).

use faultline_coder::{Coder, CoderScratch, Event, EventFilter, Modality};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{sentences, Date, Document, Precision};

fn seed_events() -> Option<(Vec<Event>, Vec<faultline_text::Sentence>)> {
    let path = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt")?;
    let text = std::fs::read_to_string(path).expect("seed is readable");
    let doc = Document::from_text("seed", Some("2023-02-01".parse().unwrap()), text);
    let dicts = Dictionaries::builtin().expect("built-in dictionaries compile");
    let coder = Coder::new(&dicts, Ontology::builtin());
    let ss = sentences(&doc);
    let mut scratch = CoderScratch::default();
    let events = coder.code_document(&doc, &ss, &mut scratch);
    if std::env::var_os("FAULTLINE_DUMP").is_some() {
        let analyzer = faultline_coder::Analyzer::new(&dicts);
        let mut ctx = faultline_syntax::Context::default();
        let mut sc = faultline_syntax::Scratch::default();
        let mut a = faultline_syntax::Analysis::default();
        for s in &ss {
            analyzer.analyze(s, &mut ctx, &mut sc, &mut a);
            eprintln!("[{}] {}\n{}", s.index, s.text, a.describe());
        }
    }
    Some((events, ss))
}

fn show(e: &Event, ss: &[faultline_text::Sentence]) -> String {
    let s = &ss[e.sentence];
    format!(
        "{}:{} {}->{} {} neg={} {} date={:?} qty={:?} trigger=`{}`",
        e.sentence,
        e.n,
        e.source.code,
        e.target.code,
        e.code.as_str(),
        e.negated,
        e.modality.as_str(),
        e.date,
        e.quantity,
        &s.text[e.trigger.0 as usize..e.trigger.1 as usize]
    )
}

fn country(a: &faultline_coder::EventActor) -> &str {
    a.country.as_ref().map_or("", |c| c.as_str())
}

fn find<'a>(events: &'a [Event], src: &str, tgt: &str, code: &str) -> Vec<&'a Event> {
    events.iter().filter(|e| country(&e.source) == src && country(&e.target) == tgt && e.code.as_str().starts_with(code)).collect()
}

fn month(y: i32, m: u32) -> Date {
    Date::from_ymd(y, m, 1).unwrap()
}

#[test]
fn seed_must_show() {
    let Some((all, ss)) = seed_events() else { return };
    for e in &all {
        eprintln!("{}", show(e, &ss));
    }
    let mut def = all.clone();
    EventFilter::default().apply(&mut def);

    // CHN→UKR humanitarian aid with $3 million.
    let aid = find(&def, "CHN", "UKR", "07");
    assert!(aid.iter().any(|e| e.quantity.is_some_and(|q| q.amount == 3e6 && q.unit == "USD")), "CHN→UKR 07x with 3,000,000 USD");
    // CHN→RUS 16x for the cancelled projects and loans.
    assert!(!find(&def, "CHN", "RUS", "16").is_empty(), "CHN→RUS 16x");
    // USA→CHN threaten (13x) with sanctions.
    assert!(!find(&def, "USA", "CHN", "13").is_empty(), "USA→CHN 13x");
    // USA→CHN appeal (02x) dated 2022-07 for Blinken's plea.
    let plea = find(&def, "USA", "CHN", "02");
    assert!(plea.iter().any(|e| e.date.date() == Some(month(2022, 7)) && e.date.precision_str() == "month"), "USA→CHN 02x dated 2022-07");
    // CHN→RUS intent to cooperate economically (03x) dated 2022-09.
    let li = find(&def, "CHN", "RUS", "03");
    assert!(li.iter().any(|e| e.date.date() == Some(month(2022, 9))), "CHN→RUS 03x dated 2022-09");
    // CHN→KAZ support of sovereignty dated 2022-09.
    let kaz: Vec<&Event> = def.iter().filter(|e| country(&e.source) == "CHN" && country(&e.target) == "KAZ").collect();
    assert!(kaz.iter().any(|e| e.date.date() == Some(month(2022, 9)) && e.date.precision_str() == Precision::Month.as_str()), "CHN→KAZ dated 2022-09");

    // Not in the default output: the negated aid, and the recommendations.
    let helped = ss.iter().position(|s| s.text.contains("had not helped Russia")).expect("seed sentence");
    assert!(def.iter().all(|e| !(e.sentence == helped && country(&e.source) == "CHN" && country(&e.target) == "RUS")), "no CHN→RUS event from the negated sentence by default");
    assert!(all.iter().any(|e| e.sentence == helped && country(&e.source) == "CHN" && country(&e.target) == "RUS" && e.code.as_str().starts_with("07") && e.negated), "with all(), the negated CHN→RUS aid event");
    for needle in ["The United States should seek to explore", "Washington should make it clear", "use a quiet backchannel approach to Beijing"] {
        let k = ss.iter().position(|s| s.text.contains(needle)).expect("seed sentence");
        assert!(def.iter().all(|e| e.sentence != k), "no default event from `{needle}`");
        assert!(all.iter().filter(|e| e.sentence == k).all(|e| e.modality == Modality::Prescriptive || e.negated), "events of `{needle}` are prescriptive");
    }
}
