//! Tests on the built-in dictionary DATA (dict/actors, dict/agents.txt,
//! dict/verbs). They check that the data loads cleanly and covers what the
//! coder needs; they fail while the data is incomplete, by design.

use faultline_dict::{
    ActorKind, ActorRecord, AltItem, Dictionaries, Element, Form, PatternId, PatternKind, Pos,
};
use faultline_ontology::{Ontology, PloverEvent};
use faultline_text::Date;

fn dicts() -> Dictionaries {
    match Dictionaries::builtin() {
        Ok(d) => d,
        Err(e) => {
            let report = Dictionaries::check(true, &[]);
            let all: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
            panic!("built-in dictionaries do not load: {e}\n{}", all.join("\n"));
        }
    }
}

fn d(s: &str) -> Option<Date> {
    Some(s.parse().unwrap())
}

fn has(rs: &[ActorRecord], code: &str) -> bool {
    rs.iter().any(|r| r.code == code)
}

#[test]
fn builtin_loads_without_errors() {
    let report = Dictionaries::check(true, &[]);
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    let s = report.dictionaries.stats();
    assert!(s.countries >= 190, "{s:?}");
    assert!(s.irregular_verbs >= 200, "{s:?}");
}

#[test]
fn li_zhanshu_is_chinese_legislature_in_2022() {
    let r = dicts().lookup("Li Zhanshu", d("2022-09-01"));
    assert!(
        r.iter().any(
            |r| r.country.map(|c| c.to_string()).as_deref() == Some("CHN")
                && r.sectors.iter().any(|s| s.as_str() == "LEG")
        ),
        "{r:#?}"
    );
    assert!(has(&r, "CHNLEG"), "{r:#?}");
}

#[test]
fn role_dates_hold_for_a_2021_appointee() {
    // Antony Blinken: US Secretary of State from 2021-01-26 to 2025-01-20.
    let dx = dicts();
    let before = dx.lookup("Antony Blinken", d("2020-06-01"));
    assert!(
        !before
            .iter()
            .any(|r| r.sectors.iter().any(|s| s.as_str() == "GOV")
                && r.title
                    .as_deref()
                    .is_some_and(|t| t.contains("Secretary of State"))),
        "{before:#?}"
    );
    let during = dx.lookup("Antony Blinken", d("2022-06-01"));
    assert!(has(&during, "USAGOV"), "{during:#?}");
}

#[test]
fn beijing_is_the_chinese_government() {
    let r = dicts().lookup("Beijing", d("2023-02-01"));
    assert!(
        r.iter()
            .any(|r| r.code == "CHNGOV" && r.kind == ActorKind::Government),
        "{r:#?}"
    );
}

#[test]
fn nato_is_the_organisation() {
    let r = dicts().lookup("NATO", d("2023-02-01"));
    assert!(r.iter().any(|r| r.kind == ActorKind::Org && r.org.as_ref().map(|o| o.as_str()) == Some("NATO")), "{r:#?}");
}

#[test]
fn chinese_officials_are_the_chinese_government() {
    let r = dicts().lookup_phrase("Chinese officials", d("2023-02-01"));
    assert!(has(&r, "CHNGOV"), "{r:#?}");
    let r = dicts().lookup_phrase("Russian troops", d("2023-02-01"));
    assert!(has(&r, "RUSMIL"), "{r:#?}");
}

#[test]
fn us_is_not_the_pronoun() {
    let dx = dicts();
    assert!(has(&dx.lookup("US", None), "USA"));
    assert!(dx.lookup("us", None).is_empty());
}

/// The token sequence a pattern describes (first alternative, first synset
/// member, empty gaps), with the head word replaced by `head`.
fn example(dx: &Dictionaries, id: PatternId, head: &str) -> Vec<String> {
    fn item(dx: &Dictionaries, it: &AltItem, out: &mut Vec<String>) {
        let lex = dx.lexicon();
        match it {
            AltItem::Words(w) => out.extend(w.iter().map(|l| lex.lemma(*l).to_string())),
            AltItem::Exact(e) => out.extend(e.iter().map(|k| k.to_string())),
            AltItem::Synset(s) => item(dx, &dx.patterns().synsets[s.0 as usize].members[0], out),
            AltItem::Seq(els) => elements(dx, els, out),
        }
    }
    fn elements(dx: &Dictionaries, els: &[Element], out: &mut Vec<String>) {
        let lex = dx.lexicon();
        for el in els {
            match el {
                Element::Word(l) => out.push(lex.lemma(*l).to_string()),
                Element::Exact(e) => out.extend(e.iter().map(|k| k.to_string())),
                Element::Alt { items, .. } => item(dx, &items[0], out),
                Element::Synset(s) => {
                    item(dx, &dx.patterns().synsets[s.0 as usize].members[0], out)
                }
                Element::Gap => {}
                Element::Target => out.push("+".into()),
                Element::Source => out.push("$".into()),
            }
        }
    }
    let mut toks: Vec<String> = Vec::new();
    elements(dx, &dx.patterns().get(id).elements, &mut toks);
    toks[0] = head.to_string();
    toks
}

#[test]
fn every_pattern_head_inflects_and_matches() {
    let dx = dicts();
    let set = dx.patterns();
    let lex = dx.lexicon();
    let mut failures = Vec::new();
    for i in 0..set.patterns.len() {
        let id = PatternId(i as u32);
        let p = set.get(id);
        let head = match &p.elements[0] {
            Element::Word(l) => Some(lex.lemma(*l).to_string()),
            _ => None,
        };
        // Quoted, grouped and synset heads are covered by the other words of
        // their pattern; word heads must inflect.
        let Some(head) = head else { continue };
        let forms: Vec<String> = match p.kind {
            PatternKind::Verb => lex.verb_forms(&head).into_iter().map(|(f, _)| f).collect(),
            PatternKind::Noun => lex
                .analyses(&faultline_dict::morph::plural(&head))
                .iter()
                .filter(|a| a.pos == Pos::Noun && a.form == Form::Plural)
                .map(|_| faultline_dict::morph::plural(&head))
                .collect(),
        };
        let min = if p.kind == PatternKind::Verb { 2 } else { 1 };
        if forms.len() < min {
            failures.push(format!(
                "{} `{}`: head `{head}` has only {} inflected forms",
                p.code,
                p.text,
                forms.len()
            ));
        }
        for surface in std::iter::once(head.clone()).chain(forms) {
            let toks = example(&dx, id, &surface);
            let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
            if set.match_one(lex, &refs, 0, id).is_none() {
                failures.push(format!(
                    "{} {:?} `{}`: does not match {:?}",
                    p.code, p.kind, p.text, toks
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_cameo_code_is_reachable_by_a_pattern() {
    let dx = dicts();
    let covered: std::collections::BTreeSet<_> =
        dx.patterns().patterns.iter().map(|p| p.code).collect();
    let missing: Vec<String> = Ontology::builtin()
        .iter()
        .filter(|t| !covered.contains(&t.code))
        .map(|t| format!("{} {}", t.code, t.name))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} CAMEO codes have no pattern:\n{}",
        missing.len(),
        Ontology::builtin().len(),
        missing.join("\n")
    );
}

#[test]
fn every_plover_category_is_reachable_by_a_pattern() {
    let dx = dicts();
    let ontology = Ontology::builtin();
    let reached: std::collections::BTreeSet<PloverEvent> = dx
        .patterns()
        .patterns
        .iter()
        .filter_map(|p| {
            ontology
                .get(p.code)
                .and_then(|t| t.plover.as_ref())
                .map(|m| m.event)
        })
        .collect();
    let missing: Vec<&str> = PloverEvent::ALL
        .iter()
        .filter(|e| !reached.contains(e))
        .map(|e| e.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "PLOVER categories without a pattern: {missing:?}"
    );
}
