//! A quick single-thread throughput check (ignored by default; the real
//! benchmark lives in `benches/`). Run with
//! `cargo test --release -p faultline-coder --test throughput -- --ignored --nocapture`.

use std::time::Instant;

use faultline_coder::{Coder, CoderScratch};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{sentences, Document};

#[test]
#[ignore]
fn seed_throughput() {
    let Some(path) = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    let demo_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../faultline/demo/article.txt");
    let demo = std::fs::read_to_string(demo_path).unwrap_or_default();
    let dicts = Dictionaries::builtin().unwrap();
    let coder = Coder::new(&dicts, Ontology::builtin());
    let docs: Vec<Document> = [text.as_str(), demo.as_str()].iter().map(|t| Document::from_text("d", Some("2023-02-01".parse().unwrap()), *t)).collect();
    let sents: Vec<_> = docs.iter().map(sentences).collect();
    let mut scratch = CoderScratch::default();
    let (mut n_sent, mut n_events) = (0usize, 0usize);
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed().as_secs_f64() < 3.0 {
        for (d, ss) in docs.iter().zip(&sents) {
            n_events += coder.code_document(d, ss, &mut scratch).len();
            n_sent += ss.len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{rounds} rounds, {n_sent} sentences, {n_events} events in {secs:.2}s: {:.0} sentences/s ({:.1} µs/sentence) on one thread", n_sent as f64 / secs, secs * 1e6 / n_sent as f64);
}
