//! Every real PETRARCH file in `../shared/data/petrarch2` reads completely
//! with zero errors, and the counts match a plain line scan of the file
//! written independently of the readers (skipped when the data is absent).

use std::path::PathBuf;

use faultline_petrarch::*;

fn data(name: &str) -> Option<(PathBuf, String)> {
    let p = faultline_testdata::shared_file(&format!("petrarch2/{name}"))?;
    let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
    Some((p, text))
}

/// The file's lines without `<!-- … -->` blocks and `#` comments (a `#`
/// inside `[###]` is TABARI's discard code), trimmed; blank lines dropped.
fn content_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let mut l = line.to_string();
        if in_block {
            match l.find("-->") {
                Some(e) => {
                    l = l[e + 3..].to_string();
                    in_block = false;
                }
                None => continue,
            }
        }
        let t = l.trim_start();
        if t.starts_with("<!") {
            if !t.contains("-->") {
                in_block = true;
            }
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        if !l.contains("[###]") {
            if let Some(h) = l.find('#') {
                l.truncate(h);
            }
        }
        let t = l.trim();
        if !t.is_empty() {
            out.push(t.to_string());
        }
    }
    out
}

fn verbs(name: &str, generation: Generation) {
    let Some((path, text)) = data(name) else {
        return;
    };
    let raw = std::fs::read(&path).unwrap();
    assert_eq!(Generation::detect(&raw), generation);
    let d = VerbDictionary::read(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .value;
    let lines = content_lines(&text);
    let count = |f: &dyn Fn(&str) -> bool| lines.iter().filter(|l| f(l)).count();
    assert_eq!(d.groups.len(), count(&|l| l.starts_with("---")));
    assert_eq!(
        d.groups.iter().map(|g| g.patterns.len()).sum::<usize>(),
        count(&|l| l.starts_with('-') && !l.starts_with("---"))
    );
    assert_eq!(d.synsets.len(), count(&|l| l.starts_with('&')));
    assert_eq!(d.transformations.len(), count(&|l| l.starts_with('~')));
    let members = d.synsets.iter().map(|s| s.members.len()).sum::<usize>();
    let verbs = d.groups.iter().map(|g| g.verbs.len()).sum::<usize>();
    // Every `+` line is a synset member or a multi-word verb; every other
    // plain line is a verb.
    let plus = count(&|l| l.starts_with('+'));
    let plain = count(&|l| !l.starts_with(['+', '-', '&', '~']));
    assert_eq!(members + verbs, plus + plain);
    // Round trip: the canonical text of each pattern reads back to the same structure.
    for g in &d.groups {
        for p in &g.patterns {
            let again = format!("--- G [1] ---\nG\n- {} {}\n", p.text(), p.code);
            let d2 = VerbDictionary::parse(again.as_bytes(), "again", generation)
                .unwrap_or_else(|e| panic!("{e}"));
            let q = &d2.value.groups[0].patterns[0];
            assert_eq!(
                (&q.pre, &q.post, q.verb_joined, &q.code),
                (&p.pre, &p.post, p.verb_joined, &p.code),
                "line {}",
                p.line
            );
        }
    }
}

#[test]
fn petrarch1_validation_verbs() {
    verbs("PETR.Validate.verbs.txt", Generation::Petrarch1);
}

#[test]
fn petrarch2_cameo_verbs() {
    verbs("CAMEO.2.0.txt", Generation::Petrarch2);
}

fn actor_file(name: &str) {
    let Some((path, text)) = data(name) else {
        return;
    };
    let d = ActorDictionary::read(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .value;
    let lines = content_lines(&text);
    // An entry starts at a name line unless the entry being built has no
    // code yet (then the name joins it, as PETRARCH does).
    let (mut entries, mut names, mut codes) = (0, 0, 0);
    let (mut open, mut coded) = (false, false);
    for l in &lines {
        codes += l.matches('[').count();
        if l.starts_with('[') {
            coded = true;
            continue;
        }
        let name_part = l.split('[').next().unwrap();
        if l.starts_with('+') {
            names += 1 + name_part.matches(" +").count() + name_part.matches("\t+").count();
        } else {
            names += 1;
            if !open || coded {
                entries += 1;
                open = true;
                coded = false;
            }
        }
        if l.contains('[') {
            coded = true;
        }
    }
    assert_eq!(d.actors.len(), entries, "{name}: entries");
    assert_eq!(
        d.actors.iter().map(|a| a.names.len()).sum::<usize>(),
        names,
        "{name}: names"
    );
    assert_eq!(
        d.actors.iter().map(|a| a.codes.len()).sum::<usize>(),
        codes,
        "{name}: codes"
    );
    eprintln!("{name}: {entries} entries, {names} names, {codes} codes");
}

#[test]
fn actor_files() {
    for f in [
        "PETR.Validate.actors.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        actor_file(f);
    }
}

#[test]
fn agent_files() {
    for f in ["PETR.Validate.agents.txt", "Phoenix.agents.txt"] {
        let Some((path, text)) = data(f) else { return };
        let d = AgentDictionary::read(&path)
            .unwrap_or_else(|e| panic!("{e}"))
            .value;
        let lines = content_lines(&text);
        assert_eq!(
            d.agents.len(),
            lines.iter().filter(|l| l.contains('[')).count(),
            "{f}"
        );
        assert_eq!(
            d.substitutions.len(),
            lines
                .iter()
                .filter(|l| l.starts_with('!') && l.contains('='))
                .count(),
            "{f}"
        );
        for a in &d.agents {
            assert!(!d.expand(a).is_empty(), "{f}: line {}", a.line);
        }
    }
}

#[test]
fn discard_files() {
    for f in ["PETR.Validate.discards.txt", "Phoenix.discards.txt"] {
        let Some((path, text)) = data(f) else { return };
        let d = DiscardList::read(&path)
            .unwrap_or_else(|e| panic!("{e}"))
            .value;
        let lines = content_lines(&text);
        assert_eq!(d.discards.len(), lines.len(), "{f}");
        let story = d
            .discards
            .iter()
            .filter(|x| x.scope == DiscardScope::Story)
            .count();
        assert_eq!(
            story,
            lines.iter().filter(|l| l.starts_with('+')).count(),
            "{f}"
        );
    }
}

#[test]
fn issue_file() {
    let Some((path, text)) = data("Phoenix.IssueCoding.txt") else {
        return;
    };
    let d = IssueDictionary::read(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .value;
    let lines = content_lines(&text);
    assert_eq!(
        d.sections.len(),
        lines.iter().filter(|l| l.starts_with("<ISSUE ")).count()
    );
    let exclusions: usize = d.sections.iter().map(|s| s.exclusions.len()).sum();
    assert_eq!(
        exclusions,
        lines.iter().filter(|l| l.starts_with('~')).count()
    );
    // One phrase per line, plus one for each line where a second entry
    // follows a code without a line break (`…[CODE]next phrase [CODE]`).
    let extra: usize = lines
        .iter()
        .map(|l| {
            l.match_indices(']')
                .filter(|(i, _)| {
                    l[i + 1..]
                        .trim_start()
                        .starts_with(|c: char| c.is_alphabetic())
                })
                .count()
        })
        .sum();
    let phrase_lines = lines
        .iter()
        .filter(|l| !l.starts_with('<') && !l.starts_with('~'))
        .count();
    let phrases: usize = d.sections.iter().map(|s| s.phrases.len()).sum();
    assert_eq!(phrases, phrase_lines + extra);
}

#[test]
fn config_file() {
    let Some((path, _)) = data("PETR_config.ini") else {
        return;
    };
    let c = Config::read(&path).unwrap_or_else(|e| panic!("{e}")).value;
    let dir = path.parent().unwrap();
    // Every dictionary the config names exists beside it and reads cleanly.
    let verb = c.verb_file.as_ref().unwrap();
    assert!(verb.starts_with(dir) && verb.is_file());
    assert_eq!(c.actor_files.len(), 3);
    for a in &c.actor_files {
        assert!(a.is_file(), "{}", a.display());
    }
    for f in [&c.agent_file, &c.discard_file, &c.issue_file] {
        assert!(f.as_ref().unwrap().is_file());
    }
    assert!(c.options.write_actor_text && c.options.require_dyad && !c.options.null_actors);
    let set = DictionarySet::from_config(&c)
        .unwrap_or_else(|e| panic!("{e}"))
        .value;
    assert_eq!(set.verbs.unwrap().generation, Generation::Petrarch2);
    assert_eq!(set.actors.len(), 3);
    assert!(set.agents.is_some() && set.discards.is_some() && set.issues.is_some());
}

fn without_xml_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(a) = rest.find("<!--") {
        out.push_str(&rest[..a]);
        rest = rest[a..].find("-->").map_or("", |e| &rest[a + e + 3..]);
    }
    out.push_str(rest);
    out
}

/// Number of words in a bracketed parse: every `)` that closes a word.
fn leaf_count(parse: &str) -> usize {
    let b = parse.as_bytes();
    (1..b.len())
        .filter(|&i| b[i] == b')' && !b[i - 1].is_ascii_whitespace() && b[i - 1] != b')')
        .count()
}

#[test]
fn gigaword_sample() {
    let Some((path, text)) = data("GigaWord.sample.PETR.xml") else {
        return;
    };
    let x = PetrXml::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(x.warnings.is_empty());
    let x = x.value;
    let plain = without_xml_comments(&text);
    assert_eq!(x.sentences().count(), plain.matches("<Sentence ").count());
    assert!(x.environment.is_none());
    for s in x.sentences() {
        assert!(
            s.is_sentence && s.date.is_some() && s.source.as_deref() == Some("AFP"),
            "{s:?}"
        );
        let t = s.tree("gigaword").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            t.word_count(),
            leaf_count(&s.parse.as_ref().unwrap().text),
            "{}",
            s.id
        );
    }
}

#[test]
fn unit_test_suite() {
    let Some((path, text)) = data("PETR.UnitTest.records.xml") else {
        return;
    };
    let x = PetrXml::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(x.warnings.is_empty());
    let x = x.value;
    let plain = without_xml_comments(&text);
    let env_end = plain.find("</Environment>").unwrap();
    assert_eq!(x.sentences().count(), plain.matches("<Sentence ").count());
    let configs = x
        .items
        .iter()
        .filter(|i| matches!(i, Item::Config { .. }))
        .count();
    assert_eq!(configs, plain[env_end..].matches("<Config ").count());
    let env = x.environment.as_ref().unwrap();
    assert_eq!(
        env.config.len(),
        plain[..env_end].matches("<Config ").count()
    );
    assert_eq!(
        x.sentences().map(|s| s.expected.len()).sum::<usize>(),
        plain.matches("<EventCoding ").count()
    );
    assert_eq!(
        x.sentences().filter(|s| !s.is_sentence).count(),
        plain.matches("sentence=\"false\"").count()
    );
    // The environment's files are beside the suite and read without errors.
    let base = path.parent().unwrap();
    let set = DictionarySet::from_environment(base, env)
        .unwrap_or_else(|e| panic!("{e}"))
        .value;
    assert_eq!(set.verbs.unwrap().generation, Generation::Petrarch1);
    assert_eq!(set.actors.len(), env.actor_files.len());
    assert!(set.agents.is_some() && set.discards.is_some() && set.issues.is_none());
    // Exactly the records that expect `bad_input_parse` have broken trees,
    // and their errors name the sentence.
    for s in x.sentences() {
        let bad = s
            .expected
            .contains(&Expectation::Error("bad_input_parse".into()));
        match s.tree("suite") {
            Ok(t) => {
                assert!(!bad, "{} should not parse", s.id);
                assert_eq!(
                    t.word_count(),
                    leaf_count(&s.parse.as_ref().unwrap().text),
                    "{}",
                    s.id
                );
            }
            Err(e) => {
                assert!(bad, "{e}");
                assert!(e.to_string().contains(&format!("sentence `{}`", s.id)));
            }
        }
    }
}
