//! Unit tests of the coder on literal trees and small dictionaries.

use super::*;
use crate::actors::ActorDictionary;
use crate::verbs::{Generation, VerbDictionary};

fn coder() -> PetrarchCoder {
    let verbs = b"&TIES\n+TIES\n+RELATIONS\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES WITH + [065]\n\n--- MEET [031:031] ---\nMEET {MET}\n- % * [036]\n";
    PetrarchCoder::new(&DictionarySet {
        verbs: Some(
            VerbDictionary::parse(verbs, "v", Generation::Petrarch1)
                .unwrap()
                .value,
        ),
        actors: vec![
            ActorDictionary::parse(b"ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\n", "a")
                .unwrap()
                .value,
        ],
        agents: None,
        discards: None,
        issues: None,
    })
}

fn code(c: &PetrarchCoder, tree: &str) -> Vec<(String, String, String)> {
    match c.code(&Tree::parse(tree).unwrap(), None, &Options::default()) {
        Outcome::Events(e) => e
            .into_iter()
            .map(|e| (e.source, e.target, e.code))
            .collect(),
        Outcome::Discarded(d) => panic!("discarded: {d:?}"),
    }
}

#[test]
fn pattern_with_synset_and_bound_target() {
    let c = coder();
    let ev = code(&c, "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS relations)) (PP (IN with) (NP (NNP Gondor))))))");
    assert_eq!(ev, [("ARN".into(), "GON".into(), "065".into())]);
}

#[test]
fn compound_subject_meets_pairwise() {
    let c = coder();
    let mut ev = code(
        &c,
        "(ROOT (S (NP (NNP Gondor) (CC and) (NNP Osgiliath)) (VP (VBD met))))",
    );
    ev.sort();
    assert_eq!(
        ev,
        [
            ("GON".into(), "OSG".into(), "036".into()),
            ("OSG".into(), "GON".into(), "036".into())
        ]
    );
}

#[test]
fn no_events_without_a_dyad() {
    let c = coder();
    assert!(code(
        &c,
        "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS order)))))"
    )
    .is_empty());
}

#[test]
fn petrarch2_transformation_rewrites_the_inner_event() {
    let verbs = b"--- PHYSICAL_CONFLICT [190] ---\nATTACK\n- * {BORDER POST} [193]\n\n--- DEMAND [100] ---\nWANT\n\n~ a (b . ATTACK) WANT = a b 021\n~ a (_ b ATTACK) WANT = a b 138\n";
    let c = PetrarchCoder::new(&DictionarySet {
        verbs: Some(
            VerbDictionary::parse(verbs, "v", Generation::Petrarch2)
                .unwrap()
                .value,
        ),
        actors: vec![
            ActorDictionary::parse(b"OBAMA [USAGOV]\nPUTIN [RUSGOV]\nSWITZERLAND [CHE]\n", "a")
                .unwrap()
                .value,
        ],
        agents: None,
        discards: None,
        issues: None,
    });
    let other = code(&c, "(ROOT (S (NP (NNP Obama)) (VP (VBZ wants) (S (NP (NNP Putin)) (VP (TO to) (VP (VB attack) (NP (NNP Switzerland))))))))");
    assert_eq!(other, [("USAGOV".into(), "RUSGOV".into(), "021".into())]);
    let own = code(&c, "(ROOT (S (NP (NNP Obama)) (VP (VBZ wants) (S (VP (TO to) (VP (VB attack) (NP (NNP Switzerland))))))))");
    assert_eq!(own, [("USAGOV".into(), "CHE".into(), "138".into())]);
}

#[test]
fn a_repeated_pattern_replaces_the_earlier_one_in_petrarch2_only() {
    let verbs = b"--- ALLOW [080] ---\nALLOW\nRATIFY {RATIFIES RATIFYING RATIFIED}\n- * TREATY [031:031] # ALLOW\n- * TREATY [057] # RATIFY\n";
    let actors = b"UKRAINE [UKR]\nEUROPE [EUR]\n";
    let tree = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD ratified) (NP (DT a) (NN treaty)) (PP (IN with) (NP (NNP Europe))))))";
    for (generation, expected) in [
        (Generation::Petrarch2, vec![("UKR", "EUR", "057")]),
        (
            Generation::Petrarch1,
            vec![("UKR", "EUR", "031"), ("EUR", "UKR", "031")],
        ),
    ] {
        let c = PetrarchCoder::new(&DictionarySet {
            verbs: Some(VerbDictionary::parse(verbs, "v", generation).unwrap().value),
            actors: vec![ActorDictionary::parse(actors, "a").unwrap().value],
            agents: None,
            discards: None,
            issues: None,
        });
        let expected: Vec<(String, String, String)> = expected
            .into_iter()
            .map(|(a, b, c)| (a.into(), b.into(), c.into()))
            .collect();
        assert_eq!(code(&c, tree), expected, "{generation:?}");
    }
}

/// A coder over small dictionaries of one generation.
fn coder_with(verbs: &[u8], actors: &[u8], agents: Option<&[u8]>, g: Generation) -> PetrarchCoder {
    PetrarchCoder::new(&DictionarySet {
        verbs: Some(VerbDictionary::parse(verbs, "v", g).unwrap().value),
        actors: vec![ActorDictionary::parse(actors, "a").unwrap().value],
        agents: agents.map(|a| crate::agents::AgentDictionary::parse(a, "g").unwrap().value),
        discards: None,
        issues: None,
    })
}

fn triples(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    v.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect()
}

#[test]
fn a_missing_target_needs_a_noun_phrase_after_the_verb() {
    let c = coder_with(b"--- SAY [023] ---\nSAY {SAID}\n", b"BREE [BRE]\n", None, Generation::Petrarch1);
    let mut o = Options::default();
    o.set("require_dyad", "false").unwrap();
    let code = |tree: &str| match c.code(&Tree::parse(tree).unwrap(), None, &o) {
        Outcome::Events(e) => e.into_iter().map(|e| (e.source, e.target, e.code)).collect::<Vec<_>>(),
        Outcome::Discarded(d) => panic!("discarded: {d:?}"),
    };
    let today = "(ROOT (S (NP (NNP Bree)) (VP (VBD said) (NP-TMP (NN today)))))";
    assert!(code(today).is_empty());
    let saturday = "(ROOT (S (NP (NNP Bree)) (VP (VBD said) (PP (IN on) (NP (NNP Saturday))))))";
    assert_eq!(code(saturday), triples(&[("BRE", "---", "023")]));
}

#[test]
fn the_patterns_own_phrase_is_not_the_default_target() {
    let verbs = b"--- OVERSEE [150] ---\nCONDUCT\n- * {MILITARY EXERCISES} [150]\n\n--- RELEASE [084] ---\nRELEASE\n- * CIVILIANS [0841]\n";
    let c = coder_with(verbs, b"RUSSIA [RUS]\nALASKA [USA]\n", Some(b"SOLDIER [~MIL]\nCIVILIAN [~CVL]\n"), Generation::Petrarch2);
    let alaska = "(ROOT (S (NP (NNP Russia)) (VP (VBZ is) (VP (VBG conducting) (NP (JJ military) (NNS exercises)) (PP (IN in) (NP (NNP Alaska)))))))";
    assert_eq!(code(&c, alaska), triples(&[("RUS", "USA", "150")]));
    // Nothing else follows: the phrase the pattern named is the target.
    let civilians = "(ROOT (S (NP (NNP Russia)) (VP (VBD released) (NP (DT the) (NNS civilians)))))";
    assert_eq!(code(&c, civilians), triples(&[("RUS", "---CVL", "0841")]));
}

#[test]
fn passive_subject_is_the_patterns_object() {
    let verbs = b"--- PRESENT [010] ---\nPRESENT\n- * EVIDENCE AGAINST + [1124]\n";
    let c = coder_with(verbs, b"RUSSIA [RUS]\nUNITED STATES [USA]\n", None, Generation::Petrarch2);
    let passive = "(ROOT (S (NP (NP (NN Evidence)) (PP (IN against) (NP (NNP Russia)))) (VP (VBD was) (VP (VBN presented) (PP (IN by) (NP (DT the) (NNP United) (NNPS States)))))))";
    assert_eq!(code(&c, passive), triples(&[("USA", "RUS", "1124")]));
    let active = "(ROOT (S (NP (DT The) (NNP United) (NNPS States)) (VP (VBD presented) (NP (NP (NN evidence)) (PP (IN against) (NP (NNP Russia)))))))";
    assert_eq!(code(&c, active), triples(&[("USA", "RUS", "1124")]));
}

#[test]
fn petrarch2_pairs_an_intransitive_compound_subject_and_drops_negated_verbs() {
    let verbs = b"--- MEET [040] ---\nMEET {MET}\n\n--- AID [070] ---\nHELP\n";
    let actors = b"UNITED STATES [USA]\nRUSSIA [RUS]\nSWITZERLAND [CHE]\nISRAEL [ISR]\n";
    let c = coder_with(verbs, actors, None, Generation::Petrarch2);
    let mut met = code(&c, "(ROOT (S (NP (NNP Russia) (, ,) (CC and) (NNP Switzerland)) (VP (VBD met) (NP-TMP (NN yesterday)))))");
    met.sort();
    assert_eq!(met, triples(&[("CHE", "RUS", "040"), ("RUS", "CHE", "040")]));
    let negated = "(ROOT (S (NP (NNP Russia)) (VP (MD would) (RB not) (VP (VB help) (NP (NNP Israel))))))";
    assert!(code(&c, negated).is_empty());
    let helped = "(ROOT (S (NP (NNP Russia)) (VP (MD would) (VP (VB help) (NP (NNP Israel))))))";
    assert_eq!(code(&c, helped), triples(&[("RUS", "ISR", "070")]));
    // PETRARCH-1 dictionaries keep both behaviours of PETRARCH-1.
    let p1 = coder_with(verbs, actors, None, Generation::Petrarch1);
    assert_eq!(code(&p1, negated), triples(&[("RUS", "ISR", "070")]));
}

#[test]
fn a_coordinated_subjectless_clause_shares_the_subject() {
    let verbs = b"--- SHELL [190] ---\nSHELL\n";
    let c = coder_with(verbs, b"GONDOR [GON]\nOSGILIATH [OSG]\n", None, Generation::Petrarch1);
    let tree = "(ROOT (S (S (NP (NNP Gondor)) (VP (VBD launched) (NP (DT a) (NN raid)))) (CC and) (S (VP (VBG shelling) (NP (NNP Osgiliath))))))";
    assert_eq!(code(&c, tree), triples(&[("GON", "OSG", "190")]));
}

#[test]
fn odd_tree_shapes_do_not_panic() {
    let c = coder();
    // Every shape the reader accepts must code without panicking:
    // bare pre-terminals, unlabelled roots, verbs outside VPs, empty-ish
    // clauses, commas at the edges.
    for t in [
        "(NN dog)",
        "(VP (VBD met))",
        "( (S (, ,) (NP (NNP Arnor)) (, ,)))",
        "(ROOT (NP (NNP ARNOR) (: :) (NP (NNP Gondor))))",
        "(ROOT (S (VP (VBD met) (NP (NP (NNP Gondor)) (CC and)))))",
        "(ROOT (NP (NP (POS 's)) (NP (PRP$ its))))",
        "(ROOT (S (NP (NNP Gondor) (CC and)) (VP (VBD met) (, ,) (, ,))))",
    ] {
        let tree = Tree::parse(t).unwrap();
        let _ = c.code(&tree, None, &Options::default());
        let _ = c.trace(&tree, None);
        let _ = c.issues(&tree);
    }
}

#[test]
fn a_spaced_name_may_skip_words_with_petrarch1_dictionaries_only() {
    let verbs = b"--- APPEAL [020] ---\nAPPEAL\n";
    let actors = b"FORNOST [FOR]\nITHILEN [ITH]\nITHILEN TELEVISION [ITHTV]\nITHILEN_GOVERNMENT_RADIO_ [ITHRAD]\n";
    let tree = "(ROOT (S (NP (NNP Fornost)) (VP (VBD appealed) (PP (IN to) (NP (NNP Ithilen) (JJ state-run) (NN television))))))";
    let radio = "(ROOT (S (NP (NNP Fornost)) (VP (VBD appealed) (PP (IN to) (NP (NNP Ithilen) (JJ state-run) (NN government) (NN radio))))))";
    let p1 = coder_with(verbs, actors, None, Generation::Petrarch1);
    assert_eq!(code(&p1, tree), triples(&[("FOR", "ITHTV", "020")]));
    // `_` joins words that must be adjacent.
    assert_eq!(code(&p1, radio), triples(&[("FOR", "ITH", "020")]));
    let p2 = coder_with(verbs, actors, None, Generation::Petrarch2);
    assert_eq!(code(&p2, tree), triples(&[("FOR", "ITH", "020")]));
}

#[test]
fn petrarch2_passive_without_by_makes_the_subject_the_target() {
    let verbs = b"--- KILL [190] ---\nKILL\n";
    let actors = b"RUSSIA [RUS]\n+RUSSIAN\nUKRAINE [UKR]\n";
    let tree = "(ROOT (S (NP (EX There)) (VP (VBD were) (NP (NP (CD 10) (JJ Russian) (NNS soldiers)) (VP (VBN killed) (PP (IN in) (NP (NNP Ukraine))))))))";
    let p2 = coder_with(verbs, actors, Some(b"SOLDIER [~MIL]\n"), Generation::Petrarch2);
    assert_eq!(code(&p2, tree), triples(&[("UKR", "RUSMIL", "190")]));
    let passive = "(ROOT (S (NP (JJ Russian) (NNS soldiers)) (VP (VBD were) (VP (VBN killed) (PP (IN in) (NP (NNP Ukraine)))))))";
    assert_eq!(code(&p2, passive), triples(&[("UKR", "RUSMIL", "190")]));
}

#[test]
fn petrarch2_prefers_the_equally_specific_pattern_nearest_the_verb() {
    let verbs = b"--- START [---] ---\nLAUNCH\n- * CAMPAIGN [020]\n- * ATTACKS [190]\n";
    let actors = b"BOKO_HARAM [NGAREB]\nNIGERIA [NGA]\n";
    let tree = "(ROOT (S (NP (NNP Boko) (NNP Haram)) (VP (VBZ has) (VP (VBN launched) (NP (JJ many) (NNS attacks)) (PP (IN during) (NP (PRP$ its) (NN campaign))) (PP (IN in) (NP (NNP Nigeria)))))))";
    let p2 = coder_with(verbs, actors, None, Generation::Petrarch2);
    assert_eq!(code(&p2, tree), triples(&[("NGAREB", "NGA", "190")]));
    // PETRARCH-1 files: the first pattern in file order that matches.
    let p1 = coder_with(verbs, actors, None, Generation::Petrarch1);
    assert_eq!(code(&p1, tree), triples(&[("NGAREB", "NGA", "020")]));
}

#[test]
fn petrarch2_discards_do_not_match_words_with_punctuation_attached() {
    use crate::discards::DiscardList;
    let verbs = b"--- ISSUE [---] ---\nISSUE\n- * WARRANTS [173]\n";
    let actors = b"GUYANA [GUY]\nBRAZIL [BRA]\n";
    let discards = DiscardList::parse(b"YEARS AGO\n", "d").unwrap().value;
    let glued = "(ROOT (S (NP (NNP Guyana)) (VP (VBD issued) (NP (NNS warrants)) (PP (IN for) (NP (NNP Brazil))) (ADVP (NP (CD three) (NNS years)) (RB ago))) (, ,) (NP (NN police)) (VP (VBD said)) (. .)))";
    let free = "(ROOT (S (NP (NNP Guyana)) (VP (VBD issued) (NP (NNS warrants)) (PP (IN for) (NP (NNP Brazil))) (ADVP (NP (CD three) (NNS years)) (RB ago) (ADVP (RB then))))))";
    for (g, glued_codes) in [(Generation::Petrarch2, true), (Generation::Petrarch1, false)] {
        let c = PetrarchCoder::new(&DictionarySet {
            verbs: Some(VerbDictionary::parse(verbs, "v", g).unwrap().value),
            actors: vec![ActorDictionary::parse(actors, "a").unwrap().value],
            agents: None,
            discards: Some(discards.clone()),
            issues: None,
        });
        let out = c.code(&Tree::parse(glued).unwrap(), None, &Options::default());
        assert_eq!(matches!(out, Outcome::Events(_)), glued_codes, "{g:?}: {out:?}");
        let out = c.code(&Tree::parse(free).unwrap(), None, &Options::default());
        assert!(matches!(out, Outcome::Discarded(Discarded::Sentence(_))), "{g:?}: {out:?}");
    }
}

#[test]
fn a_dateline_fragment_is_an_error_for_petrarch1_only() {
    let verbs = b"--- ATTACK [190] ---\nATTACK\n";
    let actors = b"CEBU_CITY [PHL]\nARNOR [ARN]\nGONDOR [GON]\n";
    let tree = "(ROOT (FRAG (NP (NNP CEBU) (NNP CITY)) (: :) (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor))))))";
    let p1 = coder_with(verbs, actors, None, Generation::Petrarch1);
    let out = p1.code(&Tree::parse(tree).unwrap(), None, &Options::default());
    assert!(matches!(out, Outcome::Discarded(Discarded::Dateline(_))), "{out:?}");
    let p2 = coder_with(verbs, actors, None, Generation::Petrarch2);
    assert_eq!(code(&p2, tree), triples(&[("ARN", "GON", "190")]));
}
