//! The shallow analysis on the hard constructions, checked on the
//! `Analysis` itself (the coder's tests check the resulting events).

use std::sync::OnceLock;

use faultline_dict::Dictionaries;
use faultline_syntax::{Analysis, Analyzer, Clause, ClauseKind, Context, MentionKind, Modality, Scratch, NONE};
use faultline_text::{sentences, Document};

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries compile"))
}

/// Analyses every sentence of `text`, returning the last analysis.
fn analyse(text: &str) -> Analysis {
    let doc = Document::from_text("t", Some("2023-02-01".parse().unwrap()), text);
    let (mut ctx, mut sc, mut a) = (Context::default(), Scratch::default(), Analysis::default());
    for s in sentences(&doc) {
        Analyzer::new(dicts()).analyze(&s, &mut ctx, &mut sc, &mut a);
    }
    eprintln!("{}", a.describe());
    a
}

fn clause<'a>(a: &'a Analysis, verb: &str) -> &'a Clause {
    a.clauses.iter().find(|c| a.key(c.verb as usize) == verb).unwrap_or_else(|| panic!("no clause headed by `{verb}`"))
}

fn subject_text(a: &Analysis, c: &Clause) -> String {
    assert_ne!(c.subject, NONE, "clause has a subject");
    let ch = a.chunks[c.subject as usize];
    let (s, e) = a.span(ch.start, ch.end);
    a.text[s as usize..e as usize].to_string()
}

#[test]
fn passive_and_agent() {
    let a = analyse("Sanctions were imposed on Iran by the European Union.");
    let c = clause(&a, "imposed");
    assert!(c.passive);
    assert_ne!(c.agent, NONE);
    let ag = a.chunks[c.agent as usize];
    assert_eq!(a.chunk_actor_ids(&ag).len(), 1);
}

#[test]
fn coordinated_subject_has_two_actors() {
    let a = analyse("Russian President Vladimir Putin and Chinese President Xi Jinping attended a meeting.");
    let c = clause(&a, "attended");
    assert_eq!(a.chunk_actor_ids(&a.chunks[c.subject as usize]).len(), 2);
}

#[test]
fn appositive_and_relative_subjects() {
    let a = analyse("Li Zhanshu, China's No. 3 leader, visited Russia.");
    assert_eq!(subject_text(&a, clause(&a, "visited")), "Li Zhanshu");
    let a = analyse("Turkey, which did not join Western sanctions, hosted talks.");
    assert_eq!(subject_text(&a, clause(&a, "hosted")), "Turkey");
    assert!(!clause(&a, "hosted").negated, "the relative clause's negation does not leak");
    assert!(clause(&a, "join").negated);
}

#[test]
fn reported_and_infinitive_scope() {
    let a = analyse("U.S. officials acknowledged that China had not helped Russia evade sanctions or provided military assistance.");
    let helped = clause(&a, "helped");
    assert_eq!(helped.kind, ClauseKind::Complement);
    assert_eq!(helped.modality, Modality::Reported);
    let provided = clause(&a, "provided");
    assert_eq!(provided.kind, ClauseKind::Coordinate);
    assert!(provided.negated, "negation scopes over the coordinated verb");
    assert_eq!(subject_text(&a, provided), "China");
    let a = analyse("Beijing refused to condemn Russia.");
    assert!(clause(&a, "condemn").negated);
    let a = analyse("The United States would be wise to use a quiet backchannel approach.");
    assert_eq!(clause(&a, "use").modality, Modality::Prescriptive);
    let a = analyse("China plans to visit Moscow.");
    assert_eq!(clause(&a, "visit").modality, Modality::Future);
}

#[test]
fn pronouns_within_and_across_sentences() {
    let a = analyse("First, on a visit to Kazakhstan last September, Xi pledged to support its sovereignty.");
    let its = a.mentions.iter().find(|m| m.kind == MentionKind::Pronoun).unwrap();
    let kaz = a.mentions.iter().find(|m| a.word_text(m.start as usize) == "Kazakhstan").unwrap();
    assert_eq!(a.mention_targets(its), a.mention_targets(kaz));
    let a = analyse("China has called for restraint. It has provided aid to Ukraine.");
    let it = a.mentions.iter().find(|m| m.kind == MentionKind::Pronoun).unwrap();
    assert!(it.is_actor(), "`It` resolves to China from the previous sentence");
}

#[test]
fn compounds_dates_and_money() {
    let a = analyse("This was reinforced last December in a Xi-Putin Zoom meeting worth $3.5 million.");
    assert_eq!(a.mentions.iter().filter(|m| m.kind == MentionKind::Compound).count(), 2);
    assert_eq!(a.dates.len(), 1);
    assert_eq!(a.dates[0].value.to_string(), "2022-12-01");
    assert_eq!(a.money.len(), 1);
    assert_eq!((a.money[0].amount, a.money[0].unit), (3.5e6, "USD"));
}

#[test]
fn bounded_on_long_input() {
    // Linear passes: a long sentence of names, pronouns and verbs still analyses.
    let text = "China said it would support Russia and they pledged aid to Ukraine, ".repeat(300);
    let a = analyse(&text);
    assert!(!a.words.is_empty());
}

fn chunk_text_at(a: &Analysis, token_key: &str) -> String {
    let i = (0..a.len()).find(|&i| a.key(i) == token_key).expect("token present");
    let ch = a.words[i].chunk;
    assert_ne!(ch, NONE, "`{token_key}` is in a chunk");
    let c = a.chunks[ch as usize];
    let (s, e) = a.span(c.start, c.end);
    a.text[s as usize..e as usize].to_string()
}

#[test]
fn quantifier_prefixes_stay_in_the_noun_phrase() {
    let a = analyse("Hamas took more than 200 Israelis hostage.");
    assert_eq!(chunk_text_at(&a, "more"), "more than 200 Israelis hostage");
    let a = analyse("Poland has taken in more than a million Ukrainian refugees.");
    assert_eq!(chunk_text_at(&a, "more"), "more than a million Ukrainian refugees");
    let a = analyse("Tens of thousands of Belarusians rallied in Minsk.");
    assert_eq!(subject_text(&a, clause(&a, "rallied")), "Tens of thousands of Belarusians");
    // Not before a non-number: "over" stays a preposition.
    let a = analyse("The two states fought over Crimea.");
    assert!(a.words[(0..a.len()).find(|&i| a.key(i) == "over").unwrap()].chunk == NONE);
}

#[test]
fn comma_relative_at_sentence_start_gives_the_main_subject() {
    let a = analyse("Poland, which has taken in many refugees, asked the European Union for assistance.");
    let asked = clause(&a, "asked");
    assert_eq!(asked.kind, ClauseKind::Main);
    assert_eq!(subject_text(&a, asked), "Poland");
    assert_eq!(subject_text(&a, clause(&a, "taken")), "Poland");
}

#[test]
fn appeal_infinitive_has_its_addressee_negation_and_prescription() {
    let a = analyse("Blinken urged Beijing not to provide military assistance to Russia.");
    let p = clause(&a, "provide");
    assert_eq!(p.kind, ClauseKind::Infinitive);
    assert!(p.negated);
    assert_eq!(p.modality, Modality::Prescriptive);
    assert_eq!(subject_text(&a, p), "Beijing");
    // "helped Russia evade" stays asserted.
    let a = analyse("Chinese companies helped Russia evade sanctions.");
    assert_eq!(clause(&a, "evade").modality, Modality::Asserted);
}

#[test]
fn threat_object_relative_is_hypothetical() {
    let a = analyse("Washington has threatened sanctions against Chinese companies that help Russia evade export controls.");
    assert_eq!(clause(&a, "help").modality, Modality::Hypothetical);
    assert_eq!(clause(&a, "threatened").modality, Modality::Asserted);
}

#[test]
fn pronoun_possessed_agent_noun_is_a_combination() {
    let a = analyse("Iran admitted that its military had shot down the airliner.");
    let m = a.mentions.iter().find(|m| a.key(m.start as usize) == "military").expect("a mention for `military`");
    assert_eq!(m.kind, MentionKind::Combo);
    assert!(m.agent.is_some() && m.is_actor());
}

#[test]
fn date_phrase_is_not_a_subject() {
    let a = analyse("The sanctions that Washington imposed on Moscow in 2014 have hurt Russia's economy.");
    let hurt = clause(&a, "hurt");
    assert_eq!(subject_text(&a, hurt), "The sanctions");
    let imposed = clause(&a, "imposed");
    let d = a.dates[0].token;
    assert!(d >= imposed.start && d < imposed.end, "2014 is in the relative clause");
}

#[test]
fn infinitive_verbs_read_as_nouns_become_verbs() {
    // The seed op-ed's recommendation: "tone" and "use" have noun readings, but after
    // "to" (or a conjunction following an infinitive) with an object they are verbs;
    // "and initially use" coordinates with "to tone down" and shares its subject and
    // its prescriptive scope.
    let a = analyse("The United States would be wise to tone down its moral rhetoric and initially use a quiet backchannel approach to Beijing to gauge interest.");
    let tone = clause(&a, "tone");
    assert_eq!(tone.kind, ClauseKind::Infinitive);
    let used = clause(&a, "use");
    assert_eq!(used.kind, ClauseKind::Coordinate);
    assert_eq!(subject_text(&a, used), "The United States");
    assert_eq!(used.modality, Modality::Prescriptive);
    // Without an object after it, a noun after a prepositional "to" stays a noun.
    let a = analyse("Beijing objected to tone in the statement.");
    assert!(a.clauses.iter().all(|c| a.key(c.verb as usize) != "tone"), "{}", a.describe());
}

#[test]
fn not_only_but_also_is_not_a_shared_coordination() {
    // "and initially use" skips the adverb to find its conjunction; "but also" after
    // "not only" does not, so the second verb keeps its own (positive) reading.
    let a = analyse("Japan not only condemned the test but also imposed sanctions on North Korea.");
    let c = clause(&a, "imposed");
    assert!(!c.negated);
}
