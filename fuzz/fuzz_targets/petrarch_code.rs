//! Arbitrary bytes as a Penn Treebank parse, coded by both engines: the
//! PETRARCH matcher (PETRARCH-1 and PETRARCH2 dictionaries exercising `$`,
//! `+`, `^`, `%`, synsets, `{…}` groups, passives and transformations) and
//! the Faultline engine (tree → text → `Analysis` → events). Nothing may
//! panic; Faultline events' spans must lie inside their sentence.
//! `crates/faultline-petrarch/tests/never_panic.rs` runs odd tree shapes
//! without cargo-fuzz.

#![no_main]

use std::sync::OnceLock;

use faultline_coder::Coder;
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_petrarch::{
    ActorDictionary, AgentDictionary, DictionarySet, EngineScratch, FaultlineEngine, Generation,
    Options, PetrDate, PetrarchCoder, Tree, TreeRecord, VerbDictionary,
};
use libfuzzer_sys::fuzz_target;

/// PETRARCH-1 verbs (no `{…}`/`(…)` groups or `~` lines in that dialect).
const VERBS_1: &[u8] = b"&TIES\n+TIES\n+RELATIONS\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES WITH + [065]\n- $ * ^ + [066]\n- * _ TIES [067]\n\n--- MEET [031:031] ---\nMEET {MET}\n- % * [036]\n- * WITH % [037]\n\n--- SAY [023] ---\nSAY {SAID}\n- SAID NOT * [024]\n";
/// PETRARCH2 verbs.
const VERBS_2: &[u8] = b"&TIES\n+TIES\n+RELATIONS\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES WITH + [065]\n- $ * ^ + [066]\n\n--- MEET [031:031] ---\nMEET {MET}\n- % * [036]\n- * WITH % [037]\n\n--- PRESENT [010] ---\nPRESENT\n- * {EVIDENCE AGAINST} + [1124]\n- * (AGAINST &TIES) [112]\n\n--- ATTACK [190] ---\nATTACK\n\n--- SAY [023] ---\nSAY {SAID}\n\n~ a (b . ATTACK) SAY = a b 112\n";
const ACTORS: &[u8] = b"ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\nUNITED_STATES [USA >20000101]\n+US\nRUSSIA [RUS]\n";
const AGENTS: &[u8] = b"OFFICIAL [~GOV]\nSOLDIER [~MIL]\nREBEL [REB~]\n";

fn coders() -> &'static [PetrarchCoder; 2] {
    static C: OnceLock<[PetrarchCoder; 2]> = OnceLock::new();
    C.get_or_init(|| {
        [(Generation::Petrarch1, VERBS_1), (Generation::Petrarch2, VERBS_2)].map(|(g, verbs)| {
            PetrarchCoder::new(&DictionarySet {
                verbs: Some(VerbDictionary::parse(verbs, "v", g).expect("verbs").value),
                actors: vec![ActorDictionary::parse(ACTORS, "a").expect("actors").value],
                agents: Some(AgentDictionary::parse(AGENTS, "g").expect("agents").value),
                discards: None,
                issues: None,
            })
        })
    })
}

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries compile"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(tree) = Tree::parse(&text) else { return };
    let date = Some(PetrDate { year: 2015, month: 6, day: 9 });
    let mut options = Options::default();
    for c in coders() {
        let _ = c.code(&tree, date, &options);
        let _ = c.issues(&tree);
        let _ = c.trace(&tree, date);
    }
    options.set("require_dyad", "false").expect("option");
    options.set("new_actor_length", "4").expect("option");
    for c in coders() {
        let _ = c.code(&tree, None, &options);
    }
    let engine = FaultlineEngine::new(Coder::new(dicts(), Ontology::builtin()));
    let records = [TreeRecord { id: "FUZZ-1", date, tree: &tree }];
    let story = engine.code_story(&records, &mut EngineScratch::default());
    for e in &story.events {
        let Some(s) = story.sentences.iter().find(|s| s.index == e.sentence) else {
            panic!("event of an unknown sentence");
        };
        assert!(e.trigger.0 <= e.trigger.1 && e.trigger.1 as usize <= s.text.len());
    }
});
