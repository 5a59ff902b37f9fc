//! Deterministic pseudo-random inputs for every reader: they must return a
//! value or located errors, never panic. A tiny xorshift generator keeps the
//! test free of extra crates and reproducible.

use std::path::Path;

use faultline_petrarch::*;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Characters that matter to some reader, plus ordinary text and bytes
/// that are not UTF-8.
const ALPHABET: &[&[u8]] = &[
    b"-",
    b"---",
    b" ",
    b"  ",
    b"\t",
    b"\n",
    b"\r\n",
    b"_",
    b"*",
    b"$",
    b"+",
    b"^",
    b"%",
    b"&",
    b"~",
    b"[",
    b"]",
    b"{",
    b"}",
    b"(",
    b")",
    b"<",
    b">",
    b"!",
    b"=",
    b":",
    b";",
    b"#",
    b"/",
    b",",
    b".",
    b"'",
    b"\"",
    b"<!--",
    b"-->",
    b"<! --",
    b"ABC",
    b"x",
    b"Q",
    b"042",
    b"20080801",
    b"950601",
    b"1920030320",
    b"n:",
    b"v:",
    b"<ISSUE CATEGORY=\"A\" TYPE=\"ALL\">",
    b"</ISSUE>",
    b"\xc3\xa9",
    b"\xff",
    b"\xe2\x80",
    b"[Options]",
    b"[Dictionaries]",
    b"<Sentence id=\"a\" date=\"20080801\">",
    b"</Sentence>",
    b"<Parse>",
    b"</Parse>",
    b"<Text>",
    b"</Text>",
    b"<EventCoding noevents=\"True\">",
    b"</EventCoding>",
    b"&amp;",
    b"&bogus;",
    b"<Config option=\"a\" value=\"b\"/>",
];

const SEEDS: &[&str] = &[
    "&CURRENCY\n+DOLLARS\n+SWISS FRANCS\n--- ABANDON  [345]  ---\nABANDON  # c\n+ABC_DEF_GHI\nKLM_NOP_+RST [002]\n- * NEW_&TIETYPES_RELATIONS [903]\n- + KNOWN_ * IN_ $  [076]\n",
    "---  ADD   [---]  ---\nADD\nSCRAP {SCRAPPING SCRAPS };shan\n- * (TO {BANNED PARTIES}) $  [1722]\n- * (IN AIR ATTACK/BOMBING) [195]\n~ a (a b ATTACK) SAY = a b 015\n",
    "GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\nABN_AMRO_\t[NLDGOVBUS >081004][MNCNLD]\n<!-- x\n -->\n",
    "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nMSF {}  [NGO~]\n",
    "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\npre+n:school [EARLY]\n~~emacs code browser\n</ISSUE>\n",
    "[Dictionaries]\nverbfile_name = CAMEO.2.0.txt\nactorfile_list = A, B\n[Options]\nrequire_dyad = False\ncomma_max = 8\n",
    "<Sentences>\n<Sentence date = \"20080804\" id =\"A_1\" source = \"AFP\" sentence = \"True\">\n<Text>\nx\n</Text>\n<Parse>\n( (S (NP (DT The)) (VP (VBD came))))\n</Parse>\n</Sentence>\n<Config option=\"x\" value=\"y\"></Config>\n</Sentences>\n",
    "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (PRN (-LRB- -LRB-) (NP (NNP EU)))) (. .)))",
];

fn random_input(rng: &mut XorShift) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    if rng.below(3) > 0 {
        // Mutate a seed: splice pieces of the alphabet and cut or repeat ranges.
        out.extend_from_slice(SEEDS[rng.below(SEEDS.len())].as_bytes());
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(out.len() + 1);
            match rng.below(3) {
                0 => {
                    let piece = ALPHABET[rng.below(ALPHABET.len())];
                    out.splice(at..at, piece.iter().copied());
                }
                1 => {
                    let end = (at + rng.below(12)).min(out.len());
                    out.drain(at..end);
                }
                _ => {
                    let end = (at + rng.below(20)).min(out.len());
                    let copy = out[at..end].to_vec();
                    out.splice(at..at, copy);
                }
            }
        }
    } else {
        for _ in 0..rng.below(80) {
            out.extend_from_slice(ALPHABET[rng.below(ALPHABET.len())]);
        }
    }
    out
}

/// Checks that diagnostics point inside the input; true when it was accepted.
fn check<T>(input: &[u8], r: Result<Loaded<T>, ReadError>) -> bool {
    let lines = input.split(|&b| b == b'\n').count();
    match r {
        Ok(l) => {
            for w in &l.warnings {
                assert!(
                    w.line >= 1 && w.line <= lines,
                    "warning outside the input: {w}"
                );
            }
            true
        }
        Err(e) => {
            assert!(!e.diagnostics().is_empty());
            for d in e.diagnostics() {
                assert!(
                    d.line >= 1 && d.line <= lines,
                    "error outside the input: {d}"
                );
            }
            false
        }
    }
}

/// Runs `f` on `rounds` inputs; the inputs must reach both outcomes, or the
/// generator is not exercising the reader.
fn run(seed: u64, rounds: usize, f: impl Fn(&[u8]) -> bool) {
    let mut rng = XorShift(seed);
    let mut accepted = 0;
    for _ in 0..rounds {
        let input = random_input(&mut rng);
        if f(&input) {
            accepted += 1;
        }
    }
    assert!(
        accepted > 0 && accepted < rounds,
        "{accepted} of {rounds} accepted"
    );
}

#[test]
fn verb_reader_never_panics() {
    run(0x9e37_79b9_7f4a_7c15, 4000, |b| {
        let _ = Generation::detect(b);
        check(b, VerbDictionary::parse(b, "f", Generation::Petrarch1));
        check(b, VerbDictionary::parse(b, "f", Generation::Petrarch2))
    });
}

#[test]
fn actor_reader_never_panics() {
    run(0x2545_f491_4f6c_dd1d, 4000, |b| {
        check(b, ActorDictionary::parse(b, "f"))
    });
}

#[test]
fn agent_reader_never_panics() {
    run(0xdead_beef_cafe_f00d, 4000, |b| {
        let r = AgentDictionary::parse(b, "f");
        if let Ok(l) = &r {
            for a in &l.value.agents {
                let _ = l.value.expand(a);
            }
        }
        check(b, r)
    });
}

#[test]
fn discard_issue_config_readers_never_panic() {
    run(0x1234_5678_9abc_def1, 4000, |b| {
        check(b, DiscardList::parse(b, "f"));
        check(b, Config::parse(b, "f", Path::new("/base")));
        check(b, IssueDictionary::parse(b, "f"))
    });
}

#[test]
fn xml_and_tree_readers_never_panic() {
    run(0x0f0f_0f0f_1234_4321, 4000, |b| {
        let r = PetrXml::parse(b, "f");
        if let Ok(l) = &r {
            for s in l.value.sentences() {
                let _ = s.tree("f");
            }
        }
        let text = String::from_utf8_lossy(b);
        match Tree::parse(&text) {
            // A tree that reads prints to a tree with the same words.
            Ok(t) => {
                let again = Tree::parse(&t.to_string()).unwrap();
                assert_eq!(
                    again.words().collect::<Vec<_>>(),
                    t.words().collect::<Vec<_>>()
                );
            }
            Err(e) => assert!(e.offset <= text.len()),
        }
        check(b, r)
    });
}

#[test]
fn dates_never_panic() {
    // Mostly digits, so that valid dates occur; every accepted date is a real day.
    let mut rng = XorShift(77);
    let (mut ok, mut bad) = (0, 0);
    for _ in 0..5000 {
        let s: String = (0..rng.below(12))
            .map(|_| b"0123456789012345678901234567890123456789 x-"[rng.below(43)] as char)
            .collect();
        match parse_date(&s) {
            Ok(d) => {
                ok += 1;
                assert!(
                    (1..=12).contains(&d.date.month) && (1..=31).contains(&d.date.day),
                    "{s} -> {:?}",
                    d.date
                );
            }
            Err(m) => {
                bad += 1;
                assert!(m.contains(s.trim()), "{m}");
            }
        }
    }
    assert!(ok > 0 && bad > 0, "{ok} accepted, {bad} rejected");
}

/// Windows of the real files, cut at random places and mutated, through the
/// reader made for them (skipped when the shared data is absent).
#[test]
fn real_file_windows_never_panic() {
    let files = [
        "CAMEO.2.0.txt",
        "PETR.Validate.verbs.txt",
        "Phoenix.Countries.actors.txt",
        "PETR.Validate.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.IssueCoding.txt",
        "PETR.UnitTest.records.xml",
        "PETR_config.ini",
    ];
    let mut rng = XorShift(0x5151_7373_9191_abab);
    for name in files {
        let Some(path) = faultline_testdata::shared_file(&format!("petrarch2/{name}")) else {
            return;
        };
        let bytes = std::fs::read(path).unwrap();
        for _ in 0..300 {
            let start = rng.below(bytes.len());
            let end = (start + 1 + rng.below(3000)).min(bytes.len());
            let mut w = bytes[start..end].to_vec();
            for _ in 0..rng.below(4) {
                let at = rng.below(w.len() + 1);
                let piece = ALPHABET[rng.below(ALPHABET.len())];
                w.splice(at..at, piece.iter().copied());
            }
            let w = &w[..];
            match name {
                n if n.contains("verbs") || n.starts_with("CAMEO") => {
                    check(w, VerbDictionary::parse(w, "f", Generation::detect(w)));
                }
                n if n.contains("actors") => {
                    check(w, ActorDictionary::parse(w, "f"));
                }
                n if n.contains("agents") => {
                    check(w, AgentDictionary::parse(w, "f"));
                }
                n if n.contains("Issue") => {
                    check(w, IssueDictionary::parse(w, "f"));
                }
                n if n.ends_with(".xml") => {
                    if let Ok(x) = PetrXml::parse(w, "f") {
                        for s in x.value.sentences() {
                            let _ = s.tree("f");
                        }
                    }
                }
                _ => {
                    check(w, Config::parse(w, "f", Path::new("/b")));
                }
            }
        }
    }
}
