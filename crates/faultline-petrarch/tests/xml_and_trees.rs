//! PETR XML records, suite environments and Penn Treebank trees.

use faultline_petrarch::*;

const SUITE: &str = r#"<Validation>
<!--
# comment lines with # and <tags> inside
-->
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Actorfile>A.actors.txt, B.actors.txt</Actorfile>
    <Include>valid DEMO ACTOR</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date = "19950101" id ="DEMO-00"  category="DEMO" sentence="true">
<!-- first light -->
<EventCoding sourcecode="ARN" targetcode='GON' eventcode="064"></EventCoding>
<EventCoding noevents = "True"> </EventCoding>
<Text>
Arnor will abandon full &amp;TIETYPE ties
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor))
  (VP (MD will) (VP (VB abandon))) (CC &amp;)))
</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" category="DEMO" sentence="false" id="DEMO-04">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>x</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) )) )</Parse>
</Sentence>
<Stop></Stop>
</Sentences>
</Validation>
"#;

#[test]
fn suite_records_environment_and_stream() {
    let x = PetrXml::parse(SUITE.as_bytes(), "suite.xml").unwrap_or_else(|e| panic!("{e}"));
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    let x = x.value;
    let env = x.environment.as_ref().unwrap();
    assert_eq!(env.verb_file.as_deref(), Some("PETR.Validate.verbs.txt"));
    assert_eq!(env.actor_files, ["A.actors.txt", "B.actors.txt"]);
    assert_eq!(env.include, ["valid", "DEMO", "ACTOR"]);
    assert_eq!(
        env.config,
        [("stop_on_error".to_string(), "True".to_string())]
    );
    assert_eq!(
        Environment::resolve(
            std::path::Path::new("/suite"),
            env.verb_file.as_deref().unwrap()
        ),
        std::path::Path::new("/suite/PETR.Validate.verbs.txt")
    );
    assert_eq!(x.items.len(), 4);
    let Item::Sentence(s) = &x.items[0] else {
        panic!()
    };
    assert_eq!(s.id, "DEMO-00");
    assert_eq!(
        s.date,
        Some(PetrDate {
            year: 1995,
            month: 1,
            day: 1
        })
    );
    assert_eq!(s.category.as_deref(), Some("DEMO"));
    assert!(s.is_sentence);
    assert_eq!(
        s.expected[0],
        Expectation::Event {
            source: "ARN".into(),
            target: "GON".into(),
            code: "064".into()
        }
    );
    assert_eq!(s.expected[1], Expectation::NoEvents);
    assert_eq!(s.text, "Arnor will abandon full &TIETYPE ties");
    let t = s.tree("suite.xml").unwrap();
    assert_eq!(
        t.words().collect::<Vec<_>>(),
        ["Arnor", "will", "abandon", "&"]
    );
    assert_eq!(
        x.items[1],
        Item::Config {
            option: "require_dyad".into(),
            value: "false".into(),
            line: 24
        }
    );
    let Item::Sentence(s2) = &x.items[2] else {
        panic!()
    };
    assert!(!s2.is_sentence);
    assert_eq!(s2.expected, [Expectation::Error("bad_input_parse".into())]);
    let e = s2.tree("suite.xml").unwrap_err().to_string();
    assert_eq!(e, "suite.xml:28: sentence `DEMO-04`: byte 29 of the parse: text after the end of the tree (unbalanced parentheses: too many `)`?)");
    assert_eq!(x.items[3], Item::Stop { line: 30 });
}

#[test]
fn xml_errors_name_the_line() {
    let e = |t: &str| {
        PetrXml::parse(t.as_bytes(), "x.xml")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(e("<Sentences>\n<Sentence id=\"a\">\n<Text>x</Parse>\n</Sentences>"), "x.xml:3:16: malformed XML: ill-formed document: expected `</Text>`, but `</Parse>` was found");
    assert_eq!(
        e("<Sentences>\n<Sentence date=\"2008\" id=\"a\"></Sentence></Sentences>"),
        "x.xml:2: sentence date: expected a date YYYYMMDD or YYMMDD, found `2008` (too short)"
    );
    assert_eq!(
        e("<Sentences>\n<Sentence id=\"a\" sentence=\"maybe\"></Sentence></Sentences>"),
        "x.xml:2: sentence=\"maybe\": expected true or false"
    );
    assert_eq!(
        e("<Sentences><Sentence id=\"a\">\n<EventCoding sourcecode=\"A\"></EventCoding></Sentence></Sentences>"),
        "x.xml:2: sentence `a`: <EventCoding> needs sourcecode, targetcode and eventcode, or noevents, or error"
    );
    assert_eq!(
        e("<Sentences>\n<Sentence id=\"a\">\n"),
        "x.xml:3: file ends inside `<Sentence>`"
    );
    assert!(e("<Sentences>\n<Sentence id=\"a\" <Text>").starts_with("x.xml:2:"));
}

#[test]
fn tree_shapes() {
    let t = Tree::parse("( (S (NP (DT The) (NN stopover)) (VP (VBD came)) (. .)))").unwrap();
    let root = t.node(t.root());
    assert_eq!(root.label, "");
    let s = t.node(root.children[0]);
    assert_eq!((s.label.as_str(), s.children.len()), ("S", 3));
    let leaves: Vec<(usize, &str)> = t
        .leaves()
        .map(|(_, n)| (n.word.as_ref().unwrap().index, n.label.as_str()))
        .collect();
    assert_eq!(leaves, [(0, "DT"), (1, "NN"), (2, "VBD"), (3, ".")]);
    assert_eq!(t.node(NodeId(3)).parent, Some(NodeId(2)));
    let brackets =
        Tree::parse("(ROOT (PRN (-LRB- -LRB-) (NP (NNP EU)) (-RRB- -RRB-)) (`` ``) ('' ''))")
            .unwrap();
    assert_eq!(
        brackets.words().collect::<Vec<_>>(),
        ["-LRB-", "EU", "-RRB-", "``", "''"]
    );
    // Printing and reading back gives the same tree.
    let again = Tree::parse(&t.to_string()).unwrap();
    assert_eq!(
        again.words().collect::<Vec<_>>(),
        t.words().collect::<Vec<_>>()
    );
    assert_eq!(again.nodes().len(), t.nodes().len());
}

#[test]
fn tree_errors_give_offsets() {
    let e = |s: &str| Tree::parse(s).unwrap_err();
    assert_eq!(
        e(""),
        TreeError {
            offset: 0,
            message: "empty parse: expected a bracketed tree".into()
        }
    );
    assert_eq!(e("(S (NP (NN a))").offset, 14);
    assert!(e("(S (NP (NN a))")
        .message
        .starts_with("1 `(` never closed (innermost `(S` opened at byte 0)"));
    assert_eq!(e("(S (NN a)))").offset, 10);
    assert_eq!(e(")").message, "`)` without a matching `(`");
    assert_eq!(
        e("word").message,
        "expected `(` to start the tree, found `word`"
    );
    assert_eq!(e("(NN a b)").message, "second word `b` in `(NN a`");
    assert_eq!(
        e("(NP (NN a) b)").message,
        "word `b` among the phrases of `(NP`: a node has either a word or phrases"
    );
    assert_eq!(e("(NP a (NN b))").offset, 6);
    assert_eq!(e("(S ())").message, "empty node `()`");
    assert_eq!(
        e("(S (NP))").message,
        "node `(NP` has no word and no phrases"
    );
}

#[test]
fn hundred_thousand_deep_nesting() {
    let depth = 100_000;
    let mut s = String::with_capacity(depth * 5 + 16);
    for _ in 0..depth {
        s.push_str("(X ");
    }
    s.push_str("(NN deep)");
    for _ in 0..depth {
        s.push(')');
    }
    let t = Tree::parse(&s).unwrap();
    assert_eq!(t.depth(), depth);
    assert_eq!(t.word_count(), 1);
    assert!(t.to_string().starts_with("(X (X"));
    // Unbalanced at depth: an error, not a stack overflow.
    let bad = &s[..s.len() - 1];
    assert!(Tree::parse(bad)
        .unwrap_err()
        .message
        .starts_with("1 `(` never closed"));
}

#[test]
fn comment_quirks_are_tolerated() {
    // `--` inside a comment is not XML, but PETRARCH files have it; a
    // commented-out `<Stop>` must not stop anything.
    let x = PetrXml::parse(
        b"<!-- KEDS -- hence # a note\n# more -->\n<Sentences>\n<!--Stop></Stop-->\n<Sentence id=\"a\" date=\"20080801\"><Text>t</Text></Sentence>\n</Sentences>\n",
        "q.xml",
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .value;
    assert_eq!(x.items.len(), 1);
    assert_eq!(x.sentences().next().unwrap().parse, None);
    assert_eq!(
        x.sentences()
            .next()
            .unwrap()
            .tree("q.xml")
            .unwrap_err()
            .to_string(),
        "q.xml:5: sentence `a` has no <Parse>"
    );
}
