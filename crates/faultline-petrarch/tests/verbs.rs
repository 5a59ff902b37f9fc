//! Hard cases of both verb-dictionary dialects, and their error messages.

use faultline_petrarch::*;

fn p1(text: &str) -> Loaded<VerbDictionary> {
    VerbDictionary::parse(text.as_bytes(), "t.verbs", Generation::Petrarch1)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn p2(text: &str) -> Loaded<VerbDictionary> {
    VerbDictionary::parse(text.as_bytes(), "t.verbs", Generation::Petrarch2)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn err(text: &str, g: Generation) -> String {
    VerbDictionary::parse(text.as_bytes(), "t.verbs", g)
        .unwrap_err()
        .to_string()
}

fn word(s: &str) -> Element {
    Element::Word(Word {
        forms: vec![s.to_string()],
        exact: false,
    })
}

fn exact(s: &str) -> Element {
    Element::Word(Word {
        forms: vec![s.to_string()],
        exact: true,
    })
}

fn part(element: Element, joined: bool) -> Part {
    Part { element, joined }
}

#[test]
fn joiners_and_stop_markers_are_distinct() {
    // The validation file codes these three differently: `_` directly before
    // the verb, a stopped word then a gap, and a plain gap.
    let d = p1("--- ACCORD [---] ---\nACCORD\n- IN_* [075]\n- IN_ * [075A]\n- IN * [072]\n").value;
    let ps = &d.groups[0].patterns;
    assert_eq!(
        (ps[0].pre.clone(), ps[0].verb_joined),
        (vec![part(word("IN"), false)], true)
    );
    assert_eq!(
        (ps[1].pre.clone(), ps[1].verb_joined),
        (vec![part(exact("IN"), false)], false)
    );
    assert_eq!(
        (ps[2].pre.clone(), ps[2].verb_joined),
        (vec![part(word("IN"), false)], false)
    );
    assert_eq!(
        ps.iter().map(Pattern::text).collect::<Vec<_>>(),
        ["IN_*", "IN_ *", "IN *"]
    );
}

#[test]
fn petrarch1_pattern_elements() {
    let d = p1(concat!(
        "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n",
        "--- ACKNOWLEDGE [023] ---\nACKNOWLEDGE\n",
        "- SO IN_AND_*_OUT_AGAIN NOW [074] #  pas 11.07.28\n",
        "- + KNOWN_ * IN_ $  [076]\n",
        "- * IFTAR AT ^ ^ +  [044]\n",
        "- % SAID WOULD_*_TALKS  [102]\n",
        "- * NEW_&TIETYPES_RELATIONS [903]\n",
        "- * DIPLXMATIC  [###]  # TABARI's discard code survives the comment rule\n",
    ))
    .value;
    let ps = &d.groups[0].patterns;
    assert_eq!(
        ps[0].pre,
        vec![
            part(word("SO"), false),
            part(word("IN"), false),
            part(word("AND"), true)
        ]
    );
    assert!(ps[0].verb_joined);
    assert_eq!(
        ps[0].post,
        vec![
            part(word("OUT"), true),
            part(word("AGAIN"), true),
            part(word("NOW"), false)
        ]
    );
    assert_eq!(
        ps[1].pre,
        vec![part(Element::Target, false), part(exact("KNOWN"), false)]
    );
    assert_eq!(
        ps[1].post,
        vec![part(exact("IN"), false), part(Element::Source, false)]
    );
    assert_eq!(
        ps[2]
            .post
            .iter()
            .filter(|p| p.element == Element::Skip)
            .count(),
        2
    );
    assert_eq!(ps[3].pre[0].element, Element::Compound);
    assert_eq!(ps[3].post, vec![part(word("TALKS"), true)]);
    assert_eq!(
        ps[4].post,
        vec![
            part(word("NEW"), false),
            part(
                Element::Synset {
                    name: "TIETYPES".into(),
                    exact: false
                },
                true
            ),
            part(word("RELATIONS"), true)
        ]
    );
    assert_eq!(ps[5].code.forward, Some(CodeValue::Code("###".into())));
    assert_eq!(ps[4].code.to_string(), "[903]");
    // `(` is not PETRARCH-1 syntax … but `[:173]` is a valid reverse-only code.
    let e = err("--- A [1] ---\nA\n- * (TO) [:173]\n", Generation::Petrarch1);
    assert_eq!(
        e,
        "t.verbs:3:5: `(` groups exist only in PETRARCH2 patterns"
    );
    let d2 = p2("--- A [1] ---\nA\n- * (TO) [:173]\n").value;
    assert_eq!(
        d2.groups[0].patterns[0].code,
        VerbCode {
            forward: None,
            reverse: Some(CodeValue::Code("173".into()))
        }
    );
}

#[test]
fn verb_lines_forms_and_headers() {
    let d = p1(concat!(
        "--- ABANDON  [345]  ---\n",
        "ABANDON    # pas 15 Jul 2003\n",
        "+ABC_DEF_GHI\n",
        "KLM_NOP_+RST [002]\n",
        "--- BREAK [1717] ---\n",
        "BREAK { BROKE BROKEN  }\n",
        "+BREAK_DOWN {+BREAKS_DOWN +BREAKING_DOWN }\n",
        "--- DELAY [120]  [031:031]  ---\n",
        "DELAY\n",
        "--- TROUBLED  [---] # NOUN ---\n",
        "TROUBLED\n",
        "---  DISGRACE   [110]---  ---\n",
        "DISGRACE\n",
    ));
    let g = &d.value.groups;
    assert_eq!(g.len(), 5);
    assert_eq!(
        g[0].verbs[1].phrase,
        VerbPhrase {
            words: vec!["ABC".into(), "DEF".into(), "GHI".into()],
            head: 0,
            exact: false
        }
    );
    assert_eq!(g[0].verbs[2].phrase.head, 2);
    assert_eq!(
        g[0].verbs[2]
            .code
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("[002]")
    );
    assert_eq!(g[1].verbs[0].forms.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        g[1].verbs[1].forms.as_ref().unwrap()[1].words,
        ["BREAKING", "DOWN"]
    );
    assert_eq!(g[2].extra_codes.len(), 1);
    assert_eq!(g[3].code.forward, Some(CodeValue::Null));
    assert_eq!(g[4].name, "DISGRACE");
    assert!(d
        .warnings
        .iter()
        .any(|w| w.line == 8 && w.message.contains("more than one code")));
}

#[test]
fn synsets_nest_and_redefine() {
    let d = p1("&A\n+X\n\n&B  # note\n+&A\n+GOLDEN_GOBLIN GALLEONS\n+CASH_\n&A\n+Y\n");
    assert_eq!(d.value.synsets.len(), 3);
    let b = d.value.synset("B").unwrap();
    assert_eq!(
        b.members[0],
        vec![part(
            Element::Synset {
                name: "A".into(),
                exact: false
            },
            false
        )]
    );
    assert_eq!(b.members[1].len(), 3);
    assert_eq!(b.members[2], vec![part(exact("CASH"), false)]);
    assert_eq!(d.value.synset("A").unwrap().line, 8);
    assert!(d.warnings.iter().any(|w| w.message.contains("redefined")));
}

#[test]
fn petrarch2_groups_alternatives_and_transformations() {
    let d = p2(concat!(
        "&WEAPON\n+GUN\n",
        "---  ADD   [---]  ---\n",
        "ADD  # OY 14 Mar 2006\n",
        "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93\n",
        "+IS_DETERMINED {+WAS_DETERMINED , +BE_DETERMINED} [030]\n",
        "RECONVENE[---]\n",
        "- * (TO {BANNED PARTIES}) $                           [1722]        # ADD\n",
        "-  * (IN AIR ATTACK/BOMBING/RAID) [195]\n",
        "- $ * (AS &NEGOTIATOR) (IN TALK) (WITH +)             [045]\n",
        "- * VENTURE (WITH VISIT)                              VISIT)[042:043]  # MAKE\n",
        "- *SCEPTICAL [012]\n",
        "~ a (a b ATTACK) SAY = a b 015\n",
        "~ a (b . ATTACK ) WANT = a b 021\n",
        "~ a (_ b Q) SAY = a b Q\n",
    ));
    let g = &d.value.groups[0];
    assert_eq!(g.verbs.len(), 4);
    assert_eq!(g.verbs[1].forms.as_ref().unwrap().len(), 3);
    assert_eq!(
        g.verbs[2].forms.as_ref().unwrap()[1].words,
        ["BE", "DETERMINED"]
    );
    assert_eq!(
        g.verbs[3].code.as_ref().unwrap().forward,
        Some(CodeValue::Null)
    );
    let p = &g.patterns[0];
    let Element::PrepPhrase(pp) = &p.post[0].element else {
        panic!("expected a prepositional phrase: {p:?}")
    };
    assert_eq!(pp[0].element, word("TO"));
    assert_eq!(
        pp[1].element,
        Element::NounPhrase(vec![
            part(word("BANNED"), false),
            part(word("PARTIES"), false)
        ])
    );
    assert_eq!(p.post[1].element, Element::Source);
    let Element::PrepPhrase(pp) = &g.patterns[1].post[0].element else {
        panic!()
    };
    assert_eq!(
        pp[2].element,
        Element::Word(Word {
            forms: vec!["ATTACK".into(), "BOMBING".into(), "RAID".into()],
            exact: false
        })
    );
    assert_eq!(
        g.patterns[2].text(),
        "$ * (AS &NEGOTIATOR) (IN TALK) (WITH +)"
    );
    assert_eq!(g.patterns[3].text(), "* VENTURE (WITH VISIT)");
    assert_eq!(g.patterns[4].text(), "* SCEPTICAL");
    assert!(d
        .warnings
        .iter()
        .any(|w| w.message == "stray `VISIT)` before the code ignored"));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.message.contains("undefined synset `&NEGOTIATOR`")));
    let t = &d.value.transformations;
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].inner_verb, InnerVerb::Verb("ATTACK".into()));
    assert_eq!(t[0].result_code, ResultCode::Code("015".into()));
    assert_eq!(t[1].inner_target, Slot::Any);
    assert_eq!(t[2].inner_source, Slot::Absent);
    assert_eq!(t[2].result_code, ResultCode::Var("Q".into()));
}

#[test]
fn duplicates_and_conflicts_are_reported() {
    let d = p2(concat!(
        "--- MEET [031] ---\nMEET\nCONFER\n- * (WITH +) [031]\n- *  (WITH  +)  [031]\n- * (WITH +) [036]\n",
        "--- CONFER [040] ---\nCONFER\n",
    ));
    let msgs: Vec<String> = d.warnings.iter().map(ToString::to_string).collect();
    assert!(
        msgs.contains(
            &"t.verbs:5: duplicate pattern `* (WITH +)` in group `MEET` (line 4)".to_string()
        ),
        "{msgs:#?}"
    );
    assert!(msgs.contains(&"t.verbs:6: conflict: pattern `* (WITH +)` in group `MEET` is [036] here but [031] at line 4".to_string()));
    assert!(msgs.contains(&"t.verbs:8: verb `CONFER` is also in group `MEET` (line 3)".to_string()));
}

#[test]
fn errors_name_the_place() {
    let g = Generation::Petrarch2;
    assert_eq!(
        err("- * X [1]\n", g),
        "t.verbs:1:1: pattern line before any `--- VERB [code] ---` header"
    );
    assert_eq!(
        err("--- A [1] ---\nA\n- X Y [1]\n", g),
        "t.verbs:3:3: expected `*` (the verb's place) in the pattern"
    );
    assert_eq!(
        err("--- A [1] ---\nA\n- * X * [1]\n", g),
        "t.verbs:3:3: more than one `*` in the pattern"
    );
    assert_eq!(
        err("--- A [1] ---\nA\n- * (TO [1]\n", g),
        "t.verbs:3:5: this group is never closed: expected `)` before the end of the pattern"
    );
    assert_eq!(
        err("--- A [1] ---\nA\n- * X [1\n", g),
        "t.verbs:3:7: expected `]` to close the pattern code"
    );
    assert_eq!(
        err("--- A ---\n", g),
        "t.verbs:1:1: expected `--- NAME [CODE] ---`: no [CODE] in the header"
    );
    assert_eq!(
        err("<!-- open\n--- A [1] ---\n", g),
        "t.verbs:1:1: comment `<!--` is never closed by `-->`"
    );
    assert_eq!(
        err("--- A [1] ---\nA {B\n", g),
        "t.verbs:2:3: expected `}` to close the verb forms"
    );
    assert_eq!(err("~ a (a b) SAY = a b 1\n", g).lines().next().unwrap(),
        "t.verbs:1:1: transformation: left side `a ( a b ) SAY` is not `a (b c VERB) OUTER`; expected `~ a (b c VERB) OUTER = x y CODE`");
    assert_eq!(
        err("~ a (a b X) SAY = a b 1\n", Generation::Petrarch1),
        "t.verbs:1:1: `~` transformations exist only in PETRARCH2 verb files"
    );
    // Every error of the file is reported, not just the first.
    let many =
        VerbDictionary::parse(b"- * [1]\n- * [2]\n--- A [1 ---\n", "t.verbs", g).unwrap_err();
    assert_eq!(many.diagnostics().len(), 3);
}

#[test]
fn dialect_detection() {
    assert_eq!(
        Generation::detect(b"--- A [1] ---\nA\n- * X [1]\n"),
        Generation::Petrarch1
    );
    assert_eq!(
        Generation::detect(b"--- A [1] ---\nA\n- * (TO X) [1]\n"),
        Generation::Petrarch2
    );
    assert_eq!(
        Generation::detect(b"~ a (a b X) SAY = a b 1\n"),
        Generation::Petrarch2
    );
}

#[test]
fn petrarch2_pattern_comments_name_their_verbs() {
    let text = concat!(
        "--- ALLOW [080] ---\nALLOW\nRATIFY\n",
        "- * &TREATY                 [057]     # RATIFY\n",
        "- * ACCORD                  [031]     # CONFIRM , REAFFIRM\n",
        "- * {AIR STRIKE}            [195]     # SET_UP # pas 2 May 2005\n",
        "- * PACT                    [030]     # pas 2 May 2005\n",
        "- * DEAL                    [030]     #\n",
        "- * TALKS                   [040]\n",
    );
    let d = p2(text);
    let verbs: Vec<Vec<String>> = d.value.groups[0]
        .patterns
        .iter()
        .map(|p| p.verbs.clone())
        .collect();
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        verbs,
        [
            v(&["RATIFY"]),
            v(&["CONFIRM", "REAFFIRM"]),
            v(&["SET_UP"]),
            v(&[]),
            v(&[]),
            v(&[])
        ]
    );
    // PETRARCH-1 comments are free notes, never verb names.
    let d = p1("--- ALLOW [080] ---\nALLOW\n- * PACT [030] # RATIFY\n");
    assert!(d.value.groups[0].patterns[0].verbs.is_empty());
}
