//! Pathological input: the coder must not panic, and its work per sentence
//! is bounded (nothing here asserts a time; the bounds are by construction,
//! see the `faultline_coder::coder` and `faultline_syntax::analyze` docs).

use faultline_coder::{Coder, CoderScratch, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{sentences, DocFormat, Document};

fn run(doc: &Document) -> usize {
    let dicts = Dictionaries::builtin().expect("built-in dictionaries compile");
    let coder = Coder::new(&dicts, Ontology::builtin());
    let ss = sentences(doc);
    let mut events = coder.code_document(doc, &ss, &mut CoderScratch::default());
    for e in &events {
        // Spans stay inside their sentence and the document.
        let s = &ss[e.sentence];
        assert!(e.trigger.0 <= e.trigger.1 && e.trigger.1 as usize <= s.text.len());
        assert!(e.source.span.1 as usize <= s.text.len() && e.target.span.1 as usize <= s.text.len());
        assert!(e.evidence.0 <= e.evidence.1);
    }
    EventFilter::default().apply(&mut events);
    events.len()
}

fn text(s: String) -> Document {
    Document::from_text("bad", Some("2023-02-01".parse().unwrap()), s)
}

#[test]
fn ten_thousand_tokens_without_punctuation() {
    let words = ["China", "pledged", "to", "support", "its", "sovereignty", "and", "Russia", "said", "it", "would", "not"];
    let s: Vec<&str> = (0..10_000).map(|i| words[i % words.len()]).collect();
    run(&text(s.join(" ")));
}

#[test]
fn ten_thousand_token_coordination_and_adverbs() {
    let mut s = String::from("China");
    for _ in 0..5_000 {
        s.push_str(" and Russia");
    }
    s.push_str(" very");
    for _ in 0..3_000 {
        s.push_str(" very");
    }
    s.push_str(" condemned Japan.");
    run(&text(s));
}

#[test]
fn deeply_nested_brackets_and_quotes() {
    let mut s = String::new();
    for i in 0..5_000 {
        s.push(if i % 2 == 0 { '(' } else { '"' });
    }
    s.push_str("China imposed sanctions on Japan");
    for i in 0..5_000 {
        s.push(if i % 2 == 0 { ')' } else { '"' });
    }
    s.push('.');
    run(&text(s));
}

#[test]
fn only_punctuation() {
    run(&text(".,;:!?--\"'()[]{}… ".repeat(2_000)));
    run(&text(". . . , , ,".to_string()));
}

#[test]
fn only_actor_names() {
    run(&text("China Russia Beijing Moscow Xi Putin NATO U.S. EU Ukraine's its their ".repeat(1_000)));
    run(&text("Sino-Russian U.S.-China Xi-Putin-Biden-Modi ".repeat(1_000)));
}

#[test]
fn every_byte_value() {
    let mut bytes: Vec<u8> = (0..=255u8).collect();
    bytes.extend((0..=255u8).rev());
    bytes.extend(b" China pledged $3 million \xe2\x82\xac2bn to Ukraine. \xff\xfe It did.");
    for format in [DocFormat::Text, DocFormat::Html] {
        let (doc, _) = Document::from_bytes("bytes", None, bytes.clone(), format);
        run(&doc);
    }
}

#[test]
fn pronoun_and_money_storms() {
    run(&text("it its they their he his him she her them ".repeat(1_000)));
    run(&text("$3 million €2bn 3 billion yuan $ € £ 5 ".repeat(1_000)));
    run(&text("the one the one the one plea ".repeat(1_000)));
}
