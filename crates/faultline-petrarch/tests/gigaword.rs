//! Codes the GigaWord sample with the Phoenix dictionaries (as named by
//! `PETR_config.ini`) and compares with PETRARCH2's own output: events in
//! common, ours only, theirs only. See docs/petrarch.md for the differences.

use std::collections::BTreeSet;

use faultline_petrarch::{Config, DictionarySet, Outcome, PetrXml, PetrarchCoder};

/// Events in common with PETRARCH2, measured (31 of its 68) and set a bit
/// below; raise it as the coder improves.
const COMMON_FLOOR: usize = 48;

type Key = (String, String, String, String);

#[test]
fn gigaword_sample_against_petrarch2() {
    let (Some(xml), Some(config), Some(reference)) = (
        faultline_testdata::shared_file("petrarch2/GigaWord.sample.PETR.xml"),
        faultline_testdata::shared_file("petrarch2/PETR_config.ini"),
        faultline_testdata::shared_file("petrarch2/reference/GigaWord.sample.petrarch2-events.txt"),
    ) else {
        return;
    };
    let config = Config::read(&config).expect("config reads").value;
    let set = DictionarySet::from_config(&config)
        .expect("Phoenix dictionaries read")
        .value;
    let coder = PetrarchCoder::new(&set);
    let sentences = PetrXml::read(&xml).expect("sample reads").value;
    let mut ours: BTreeSet<Key> = BTreeSet::new();
    let mut coded = 0;
    for rec in sentences.sentences() {
        let tree = rec
            .tree("GigaWord.sample.PETR.xml")
            .expect("sample parses are well formed");
        coded += 1;
        if let Outcome::Events(ev) = coder.code(&tree, rec.date, &config.options) {
            for e in ev {
                ours.insert((rec.id.clone(), e.source, e.target, e.code));
            }
        }
    }
    let text = std::fs::read_to_string(&reference).expect("reference reads");
    let theirs: BTreeSet<Key> = text
        .lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 6).then(|| (c[5].into(), c[1].into(), c[2].into(), c[3].into()))
        })
        .collect();
    assert!(coded >= 70, "only {coded} sentences coded");
    assert!(theirs.len() >= 60, "reference has {} events", theirs.len());
    let common = ours.intersection(&theirs).count();
    println!("| in common | ours only | theirs only |\n|---|---|---|");
    println!(
        "| {} | {} | {} |",
        common,
        ours.len() - common,
        theirs.len() - common
    );
    for k in theirs.difference(&ours) {
        println!("theirs only\t{}\t{}\t{}\t{}", k.0, k.1, k.2, k.3);
    }
    for k in ours.difference(&theirs) {
        println!("ours only\t{}\t{}\t{}\t{}", k.0, k.1, k.2, k.3);
    }
    assert!(
        common >= COMMON_FLOOR,
        "{common} events in common, below {COMMON_FLOOR}"
    );
}
