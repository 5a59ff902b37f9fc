//! The Faultline engine on literal Penn trees: text rebuilt from leaves,
//! Penn tags mapped to Faultline classes, and hard cases coded end to end
//! (passive with a by-phrase, negation, reported speech, coordination,
//! dates from the record, pronouns across the sentences of a story).

use faultline_coder::{Coder, Event, EventDate, Modality};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_petrarch::{
    penn_class, stories, story_of, CodedStory, EngineScratch, FaultlineEngine, PetrDate, Tree,
    TreeRecord, TreeText,
};
use faultline_syntax::{Class, VerbForm};

fn dicts() -> Dictionaries {
    Dictionaries::builtin().expect("built-in dictionaries")
}

/// Codes one story of `(id, parse)` records, all dated `date`.
fn code(dicts: &Dictionaries, date: Option<PetrDate>, records: &[(&str, &str)]) -> CodedStory {
    let engine = FaultlineEngine::new(Coder::new(dicts, Ontology::builtin()));
    let trees: Vec<Tree> = records
        .iter()
        .map(|(_, p)| Tree::parse(p).expect("test parse reads"))
        .collect();
    let recs: Vec<TreeRecord<'_>> = records
        .iter()
        .zip(&trees)
        .map(|((id, _), tree)| TreeRecord { id, date, tree })
        .collect();
    assert_eq!(stories(&recs).len(), 1, "the test records form one story");
    engine.code_story(&recs, &mut EngineScratch::default())
}

fn date(y: u16, m: u8, d: u8) -> Option<PetrDate> {
    Some(PetrDate {
        year: y,
        month: m,
        day: d,
    })
}

fn dyad(e: &Event) -> (&str, &str) {
    (e.source.code.as_str(), e.target.code.as_str())
}

fn describe(story: &CodedStory) -> String {
    story
        .events
        .iter()
        .map(|e| {
            format!(
                "{}>{} {} neg={} {:?}",
                e.source.code,
                e.target.code,
                e.code.as_str(),
                e.negated,
                e.modality
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn text_is_rebuilt_from_leaves() {
    let t = Tree::parse(
        "(ROOT (S (NP (NP (NNP Russia) (POS 's)) (NN army)) (VP (VBD did) (RB n't) (VP (VB say) \
         (NP (`` ``) (DT the) (NN truce) (-LRB- -LRB-) (NN deal) (-RRB- -RRB-) (VBD held) ('' '')) \
         (PP (IN for) (NP ($ $) (CD 3) (CD million))) (, ,) (NP (NNP Sino) (HYPH -) (JJ Russian) (NN aid) (CC and\\/or) (NNS loans)))) (. .)))",
    )
    .unwrap();
    let tt = TreeText::new(&t);
    assert_eq!(
        tt.text,
        "Russia's army didn't say \"the truce (deal) held\" for $3 million, Sino-Russian aid and/or loans."
    );
    assert_eq!(tt.spans.len(), t.word_count());
    // Each leaf's span holds its (unescaped) word.
    let words: Vec<&str> = tt
        .spans
        .iter()
        .map(|&(a, b)| &tt.text[a as usize..b as usize])
        .collect();
    assert_eq!(&words[..6], ["Russia", "'s", "army", "did", "n't", "say"]);
    assert_eq!(words[9], "(");
    assert_eq!(words[23], "and/or");
}

#[test]
fn repeated_final_period_is_dropped() {
    let t = Tree::parse("(ROOT (S (NP (NNP Iran)) (VP (VBD met) (NP (DT the) (NNP U.S.))) (. .)))")
        .unwrap();
    let tt = TreeText::new(&t);
    assert_eq!(tt.text, "Iran met the U.S.");
    let (a, b) = tt.spans[4];
    assert_eq!(a, b, "the repeated period has an empty span");
}

#[test]
fn penn_tags_map_to_faultline_classes() {
    assert_eq!(penn_class("VBD", "did"), Some((Class::Aux, VerbForm::None)));
    assert_eq!(penn_class("VBZ", "Has"), Some((Class::Aux, VerbForm::None)));
    assert_eq!(
        penn_class("VBD", "attacked"),
        Some((Class::Verb, VerbForm::Past))
    );
    assert_eq!(
        penn_class("VBG", "helping"),
        Some((Class::Verb, VerbForm::Ing))
    );
    assert_eq!(
        penn_class("VBP", "like"),
        Some((Class::Verb, VerbForm::Base))
    );
    assert_eq!(
        penn_class("IN", "like"),
        Some((Class::Prep, VerbForm::None))
    );
    assert_eq!(
        penn_class("IN", "that"),
        Some((Class::That, VerbForm::None))
    );
    assert_eq!(
        penn_class("WDT", "which"),
        Some((Class::Rel, VerbForm::None))
    );
    assert_eq!(
        penn_class("IN", "because"),
        Some((Class::Subord, VerbForm::None))
    );
    assert_eq!(penn_class("RB", "n't"), Some((Class::Neg, VerbForm::None)));
    assert_eq!(
        penn_class("RB", "quickly"),
        Some((Class::Adv, VerbForm::None))
    );
    assert_eq!(
        penn_class("NNP", "Russia"),
        Some((Class::Proper, VerbForm::None))
    );
    assert_eq!(
        penn_class("POS", "'s"),
        Some((Class::Possessive, VerbForm::None))
    );
    assert_eq!(penn_class("VBZ", "'s"), Some((Class::Aux, VerbForm::None)));
    assert_eq!(
        penn_class("AUXD", "did"),
        Some((Class::Aux, VerbForm::None))
    );
    assert_eq!(penn_class("FW", "de"), None);
}

#[test]
fn stories_and_sentence_numbers_follow_record_ids() {
    assert_eq!(story_of("NYT-20080101-0007-3"), "NYT-20080101-0007");
    assert_eq!(story_of("AFP0808020625_4"), "AFP0808020625_4");
    let t =
        Tree::parse("(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia))) (. .)))")
            .unwrap();
    let d = date(2008, 8, 8);
    let recs = [
        TreeRecord {
            id: "A-1",
            date: d,
            tree: &t,
        },
        TreeRecord {
            id: "A-2",
            date: d,
            tree: &t,
        },
        TreeRecord {
            id: "B-1",
            date: d,
            tree: &t,
        },
        TreeRecord {
            id: "B-2",
            date: date(2008, 8, 9),
            tree: &t,
        },
    ];
    assert_eq!(stories(&recs), vec![0..2, 2..3, 3..4]);
    let s = code(
        &dicts(),
        d,
        &[
            (
                "A-4",
                "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia))) (. .)))",
            ),
            (
                "A-7",
                "(ROOT (S (NP (NNP Georgia)) (VP (VBD attacked) (NP (NNP Russia))) (. .)))",
            ),
        ],
    );
    assert_eq!(s.doc_id, "A");
    assert_eq!(
        s.sentences.iter().map(|s| s.index).collect::<Vec<_>>(),
        [4, 7]
    );
    assert_eq!(s.records, [0, 1]);
    assert!(
        s.events
            .iter()
            .any(|e| e.sentence == 7 && dyad(e) == ("GEO", "RUS")),
        "{}",
        describe(&s)
    );
    // Repeated numbers fall back to positions.
    let s = code(
        &dicts(),
        d,
        &[
            ("A-1", "(ROOT (S (NP (NNP Iran)) (VP (VBD slept))))"),
            ("A-1", "(ROOT (S (NP (NNP Iran)) (VP (VBD woke))))"),
        ],
    );
    assert_eq!(
        s.sentences.iter().map(|s| s.index).collect::<Vec<_>>(),
        [0, 1]
    );
}

#[test]
fn passive_with_by_phrase_codes_the_agent_as_source() {
    let s = code(
        &dicts(),
        date(2008, 8, 12),
        &[("P-1", "(ROOT (S (NP (NNP Georgia)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Russia))))) (. .)))")],
    );
    let e = s
        .events
        .iter()
        .find(|e| e.code.root() == 19)
        .unwrap_or_else(|| panic!("no 19x event: {}", describe(&s)));
    assert_eq!(dyad(e), ("RUS", "GEO"));
    assert!(!e.negated);
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn negation_is_flagged() {
    let s = code(
        &dicts(),
        date(2023, 2, 1),
        &[("N-1", "(ROOT (S (NP (NNP China)) (VP (VBD did) (RB not) (VP (VB help) (NP (NNP Russia)) (VP (VB evade) (NP (NNS sanctions))))) (. .)))")],
    );
    assert!(!s.events.is_empty(), "no event");
    let e = s
        .events
        .iter()
        .find(|e| dyad(e) == ("CHN", "RUS"))
        .unwrap_or_else(|| panic!("no CHN>RUS: {}", describe(&s)));
    assert!(e.negated, "{}", describe(&s));
}

#[test]
fn reported_speech_is_reported() {
    let s = code(
        &dicts(),
        date(2023, 2, 1),
        &[(
            "R-1",
            "(ROOT (S (NP (NNP U.S.) (NNS officials)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP China)) \
             (VP (VBD had) (VP (VBN provided) (NP (NNS weapons)) (PP (TO to) (NP (NNP Russia)))))))) (. .)))",
        )],
    );
    let e = s
        .events
        .iter()
        .find(|e| dyad(e) == ("CHN", "RUS"))
        .unwrap_or_else(|| panic!("no CHN>RUS: {}", describe(&s)));
    assert_eq!(e.modality, Modality::Reported, "{}", describe(&s));
    assert!(!e.negated);
}

#[test]
fn coordinated_subjects_each_get_an_event() {
    let s = code(
        &dicts(),
        date(2023, 2, 1),
        &[("C-1", "(ROOT (S (NP (NNP Russia) (CC and) (NNP China)) (VP (VBD condemned) (NP (DT the) (NNP United) (NNPS States))) (. .)))")],
    );
    let mut dyads: Vec<(&str, &str)> = s
        .events
        .iter()
        .filter(|e| e.code.root() == 11)
        .map(dyad)
        .collect();
    dyads.sort();
    assert_eq!(dyads, [("CHN", "USA"), ("RUS", "USA")], "{}", describe(&s));
}

#[test]
fn dates_come_from_the_record() {
    let dicts = dicts();
    // 6 August 2008 was a Wednesday: "Monday" is the 4th.
    let s = code(
        &dicts,
        date(2008, 8, 6),
        &[("D-1", "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia)) (NP (NNP Monday))) (. .)))")],
    );
    let e = s
        .events
        .iter()
        .find(|e| dyad(e) == ("RUS", "GEO"))
        .unwrap_or_else(|| panic!("{}", describe(&s)));
    assert_eq!(
        e.date.date().map(|d| d.to_string()).as_deref(),
        Some("2008-08-04")
    );
    let s = code(
        &dicts,
        date(2008, 8, 6),
        &[(
            "D-2",
            "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia))) (. .)))",
        )],
    );
    let e = s
        .events
        .iter()
        .find(|e| dyad(e) == ("RUS", "GEO"))
        .unwrap_or_else(|| panic!("{}", describe(&s)));
    assert_eq!(e.date, EventDate::Document("2008-08-06".parse().unwrap()));
    let s = code(
        &dicts,
        None,
        &[(
            "D-3",
            "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia))) (. .)))",
        )],
    );
    assert_eq!(s.events[0].date, EventDate::Unknown);
}

#[test]
fn pronouns_reach_back_within_a_story() {
    let s = code(
        &dicts(),
        date(2008, 8, 8),
        &[
            ("S-1", "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia))) (. .)))"),
            ("S-2", "(ROOT (S (NP (PRP It)) (ADVP (RB also)) (VP (VBD condemned) (NP (NNP Ukraine))) (. .)))"),
        ],
    );
    let e = s
        .events
        .iter()
        .find(|e| e.sentence == 2 && e.code.root() == 11)
        .unwrap_or_else(|| panic!("{}", describe(&s)));
    assert_eq!(dyad(e), ("RUS", "UKR"));
}

#[test]
fn evidence_and_spans_lie_in_the_rebuilt_text() {
    let s = code(
        &dicts(),
        date(2023, 2, 1),
        &[("E-1", "(ROOT (S (NP (NP (NNP China) (POS 's)) (NN army)) (VP (VBD did) (RB n't) (VP (VB attack) (NP (NNP India)))) (. .)))")],
    );
    let text = &s.sentences[0].text;
    assert_eq!(text, "China's army didn't attack India.");
    for e in &s.events {
        assert_eq!(e.evidence, (0, text.len()));
        for (a, b) in [e.source.span, e.target.span, e.trigger] {
            assert!(
                text.get(a as usize..b as usize)
                    .is_some_and(|t| !t.is_empty()),
                "span {a}..{b}"
            );
        }
    }
    let e = s
        .events
        .iter()
        .find(|e| e.target.code == "IND")
        .unwrap_or_else(|| panic!("{}", describe(&s)));
    assert!(e.negated, "{}", describe(&s));
}

#[test]
fn a_tree_the_segmenter_would_cut_stays_one_sentence() {
    // "… the U.S. The …" ends a sentence for Faultline's segmenter; a parse is one sentence.
    let s = code(
        &dicts(),
        date(2023, 2, 1),
        &[(
            "J-1",
            "(ROOT (S (NP (NNP Iran)) (VP (VBD condemned) (NP (DT the) (NNP U.S.)) (SBAR (S (NP (DT The) (NN move)) (VP (VBD angered) (NP (NNP China)))))) (. .)))",
        )],
    );
    let text = "Iran condemned the U.S. The move angered China.";
    // The premise: Faultline's own segmenter cuts this text in two.
    let doc = faultline_text::Document::from_text("t", None, text);
    assert_eq!(faultline_text::sentences(&doc).len(), 2);
    assert_eq!(s.sentences.len(), 1);
    assert_eq!(s.sentences[0].text, text);
    let toks: Vec<&str> = s.sentences[0]
        .tokens
        .iter()
        .map(|t| s.sentences[0].token_text(t))
        .collect();
    assert_eq!(
        toks,
        [
            "Iran",
            "condemned",
            "the",
            "U.S.",
            "The",
            "move",
            "angered",
            "China",
            "."
        ]
    );
    assert!(
        s.events.iter().any(|e| dyad(e) == ("IRN", "USA")),
        "{}",
        describe(&s)
    );
}

#[test]
fn the_parse_tags_decide_word_classes() {
    let dicts = dicts();
    let verb = code(
        &dicts,
        date(2023, 2, 1),
        &[(
            "T-1",
            "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine))) (. .)))",
        )],
    );
    assert!(
        verb.events.iter().any(|e| e.code.root() == 19),
        "{}",
        describe(&verb)
    );
    // The same words with "attacked" tagged as a noun: no verb, no clause, no attack.
    let noun = code(
        &dicts,
        date(2023, 2, 1),
        &[(
            "T-2",
            "(ROOT (FRAG (NP (NNP Russia) (NN attacked) (NNP Ukraine)) (. .)))",
        )],
    );
    assert!(
        noun.events.iter().all(|e| e.code.root() != 19),
        "{}",
        describe(&noun)
    );
}

#[test]
fn odd_trees_code_without_panicking() {
    let dicts = dicts();
    let long = format!(
        "(ROOT (S {} (. .)))",
        "(NP (NNP Russia)) (VBD attacked) (NNP Ukraine) (, ,) ".repeat(300)
    );
    let odd = [
        "(ROOT (S (-NONE- *T*)))",
        "(ROOT (S (. .) (. .) (: --) ('' '') (`` ``)))",
        "(ROOT (X (`` \") (NNP Россия) ('' \") (SYM \u{20ac}) (CD 3\\/4) (-LCB- -LCB-) (-RCB- -RCB-)))",
        "(ROOT (S (NP (PRP It)) (VP (VBZ 's) (RB n't) (ADJP (JJ clear))) (. ?)))",
        "(ROOT (S (NP (NNP U.S.)) (. .) (. .)))",
        "(ROOT (FW de))",
        long.as_str(),
    ];
    for (k, p) in odd.iter().enumerate() {
        let id = format!("ODD-{k}");
        let s = code(&dicts, date(2020, 2, 29), &[(id.as_str(), p)]);
        for e in &s.events {
            let text = &s
                .sentences
                .iter()
                .find(|x| x.index == e.sentence)
                .unwrap()
                .text;
            assert!(text
                .get(e.trigger.0 as usize..e.trigger.1 as usize)
                .is_some());
        }
    }
    // Long sentences are cut by Faultline's segmenter at 200 tokens and joined again.
    let s = code(&dicts, None, &[("L-1", long.as_str())]);
    assert_eq!(s.sentences.len(), 1);
    assert_eq!(s.sentences[0].tokens.len(), 300 * 4 + 1);
}
