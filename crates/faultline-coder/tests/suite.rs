//! Runs the hand-written conformance suite: every `tests/suite/*.txt` file.
//!
//! Format (parsed strictly; errors name `file:line`):
//!
//! ```text
//! # comment
//! [id-of-case]                      # a case header; ids unique
//! date: 2023-02-01                  # document date (optional)
//! text: Chinese President Xi Jinping visited Moscow on Monday.
//! prev: …                           # optional previous sentence (same document)
//! policy: all                       # optional; default = default policy
//! exact: true                       # optional: no events beyond the expected ones
//! expect: CHN RUS 042 [flag=value…] # source target code
//! none                              # alternatively: expects no events
//! ```
//!
//! Flags: `modality=`, `negated=`, `date=` (a prefix of the event's
//! `YYYY-MM-DD` date), `date_precision=`, `qty=AMOUNT:UNIT`.
//!
//! An expectation's actor matches when a 3-letter code equals the actor's
//! country (or its code, when the code is 3 letters), and a longer code
//! equals the actor code; its code matches when the event's CAMEO code
//! starts with it. Each expectation needs a distinct event.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use faultline_coder::{Coder, CoderScratch, Event, EventActor, EventFilter, Modality};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{sentences, Date, Document};

#[derive(Debug, Clone, Default)]
struct Expect {
    source: String,
    target: String,
    code: String,
    flags: Vec<(String, String)>,
    line: usize,
}

#[derive(Debug, Clone, Default)]
struct Case {
    id: String,
    file: String,
    line: usize,
    date: Option<Date>,
    text: Option<String>,
    prev: Option<String>,
    all: bool,
    exact: bool,
    none: bool,
    expects: Vec<Expect>,
}

const FLAGS: &[&str] = &["modality", "negated", "date", "date_precision", "qty"];

fn strip_comment(line: &str) -> &str {
    // `#` starts a comment at the line start or after whitespace.
    let b = line.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

fn parse_file(path: &Path, ids: &mut HashSet<String>) -> Result<Vec<Case>, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let mut cases: Vec<Case> = Vec::new();
    for (ln, raw) in text.lines().enumerate() {
        let ln = ln + 1;
        let err = |msg: String| format!("{name}:{ln}: {msg}");
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let id = rest.strip_suffix(']').ok_or_else(|| err("expected `]` closing the case id".into()))?.trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(err(format!("expected a case id without spaces, found `{id}`")));
            }
            if !ids.insert(id.to_string()) {
                return Err(err(format!("duplicate case id `{id}`")));
            }
            cases.push(Case { id: id.to_string(), file: name.clone(), line: ln, ..Case::default() });
            continue;
        }
        let case = cases.last_mut().ok_or_else(|| err("expected a `[case-id]` header before this line".into()))?;
        if line == "none" {
            if !case.expects.is_empty() {
                return Err(err("`none` cannot be combined with `expect:` lines".into()));
            }
            case.none = true;
            continue;
        }
        let (key, value) = line.split_once(':').ok_or_else(|| err(format!("expected `key: value`, `none` or `[id]`, found `{line}`")))?;
        let value = value.trim();
        match key.trim() {
            "date" => case.date = Some(value.parse().map_err(|e| err(format!("{e}")))?),
            "text" => {
                if case.text.is_some() {
                    return Err(err("a second `text:` in one case".into()));
                }
                if value.is_empty() {
                    return Err(err("expected text after `text:`".into()));
                }
                // The raw value keeps `#` inside the sentence (only comment-strip whole-word `#`).
                case.text = Some(value.to_string());
            }
            "prev" => case.prev = Some(value.to_string()),
            "policy" => {
                case.all = match value {
                    "all" => true,
                    "default" => false,
                    v => return Err(err(format!("expected `all` or `default` after `policy:`, found `{v}`"))),
                }
            }
            "exact" => {
                case.exact = match value {
                    "true" => true,
                    "false" => false,
                    v => return Err(err(format!("expected `true` or `false` after `exact:`, found `{v}`"))),
                }
            }
            "expect" => {
                if case.none {
                    return Err(err("`expect:` cannot follow `none`".into()));
                }
                let parts: Vec<&str> = value.split_whitespace().collect();
                if parts.len() < 3 {
                    return Err(err(format!("expected `expect: SOURCE TARGET CODE [flag=value…]`, found `{value}`")));
                }
                let code = parts[2];
                if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err(format!("expected a CAMEO code of 2-4 digits, found `{code}`")));
                }
                for a in &parts[..2] {
                    if a.len() < 3 || !a.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                        return Err(err(format!("expected an actor code (3+ upper-case letters), found `{a}`")));
                    }
                }
                let mut flags = Vec::new();
                for f in &parts[3..] {
                    let (k, v) = f.split_once('=').ok_or_else(|| err(format!("expected `flag=value`, found `{f}`")))?;
                    if !FLAGS.contains(&k) {
                        return Err(err(format!("unknown flag `{k}` (expected one of {})", FLAGS.join(", "))));
                    }
                    match k {
                        "modality" => {
                            v.parse::<Modality>().map_err(&err)?;
                        }
                        "negated" if !matches!(v, "true" | "false") => return Err(err(format!("expected negated=true|false, found `{v}`"))),
                        "qty" => {
                            let (a, u) = v.split_once(':').ok_or_else(|| err(format!("expected qty=AMOUNT:UNIT, found `{v}`")))?;
                            a.parse::<f64>().map_err(|_| err(format!("expected a number in qty, found `{a}`")))?;
                            if u.is_empty() {
                                return Err(err("expected a unit in qty".into()));
                            }
                        }
                        "date_precision" if !matches!(v, "day" | "month" | "year" | "decade" | "document" | "unknown") => {
                            return Err(err(format!("expected a date precision, found `{v}`")))
                        }
                        _ => {}
                    }
                    flags.push((k.to_string(), v.to_string()));
                }
                case.expects.push(Expect { source: parts[0].into(), target: parts[1].into(), code: code.into(), flags, line: ln });
            }
            k => return Err(err(format!("unknown key `{k}` (expected date, text, prev, policy, exact, expect)"))),
        }
    }
    for c in &cases {
        if c.text.is_none() {
            return Err(format!("{}:{}: case `{}` has no `text:`", c.file, c.line, c.id));
        }
        if !c.none && c.expects.is_empty() {
            return Err(format!("{}:{}: case `{}` has neither `expect:` lines nor `none`", c.file, c.line, c.id));
        }
    }
    Ok(cases)
}

fn actor_matches(want: &str, a: &EventActor) -> bool {
    if want.len() == 3 {
        a.country.as_ref().is_some_and(|c| c.as_str() == want) || a.code == want
    } else {
        a.code == want
    }
}

fn event_matches(x: &Expect, e: &Event) -> bool {
    if !(actor_matches(&x.source, &e.source) && actor_matches(&x.target, &e.target) && e.code.as_str().starts_with(&x.code)) {
        return false;
    }
    x.flags.iter().all(|(k, v)| match k.as_str() {
        "modality" => e.modality.as_str() == v,
        "negated" => e.negated.to_string() == *v,
        "date" => e.date.date().is_some_and(|d| d.to_string().starts_with(v.as_str())),
        "date_precision" => e.date.precision_str() == v,
        "qty" => {
            let (a, u) = v.split_once(':').unwrap();
            let a: f64 = a.parse().unwrap();
            e.quantity.is_some_and(|q| q.unit == u && (q.amount - a).abs() <= 0.5)
        }
        _ => false,
    })
}

/// Assigns each expectation a distinct event (small backtracking search).
fn assign(expects: &[Expect], events: &[Event], used: &mut Vec<bool>, i: usize) -> bool {
    if i == expects.len() {
        return true;
    }
    for (k, e) in events.iter().enumerate() {
        if !used[k] && event_matches(&expects[i], e) {
            used[k] = true;
            if assign(expects, events, used, i + 1) {
                return true;
            }
            used[k] = false;
        }
    }
    false
}

fn show(e: &Event) -> String {
    let mut s = format!("{} {} {}", e.source.code, e.target.code, e.code.as_str());
    s.push_str(&format!(" modality={} negated={} date={} date_precision={}", e.modality.as_str(), e.negated, e.date.date().map_or("-".to_string(), |d| d.to_string()), e.date.precision_str()));
    if let Some(q) = e.quantity {
        s.push_str(&format!(" qty={}:{}", q.amount, q.unit));
    }
    s
}

fn suite_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn suite() {
    let files = suite_files();
    if files.is_empty() {
        eprintln!("no suite files in tests/suite; nothing to run");
        return;
    }
    let mut ids = HashSet::new();
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for f in &files {
        match parse_file(f, &mut ids) {
            Ok(c) => cases.extend(c),
            Err(e) => errors.push(e),
        }
    }
    assert!(errors.is_empty(), "suite files do not parse:\n{}", errors.join("\n"));
    let dicts = Dictionaries::builtin().expect("built-in dictionaries compile");
    let coder = Coder::new(&dicts, Ontology::builtin());
    let mut scratch = CoderScratch::default();
    let only = std::env::var("SUITE_CASE").ok();
    let (mut passed, mut failed) = (0, 0);
    for c in &cases {
        if only.as_deref().is_some_and(|o| !c.id.contains(o)) {
            continue;
        }
        let text = c.text.as_deref().unwrap();
        let (full, offset) = match &c.prev {
            Some(p) => (format!("{p}\n\n{text}"), p.len() + 2),
            None => (text.to_string(), 0),
        };
        let doc = Document::from_text(c.id.clone(), c.date, full);
        let ss = sentences(&doc);
        if std::env::var_os("FAULTLINE_DUMP").is_some() {
            let mut ctx = faultline_syntax::Context::default();
            let (mut sc, mut an) = (faultline_syntax::Scratch::default(), faultline_syntax::Analysis::default());
            for s in &ss {
                faultline_syntax::Analyzer::new(&dicts).analyze(s, &mut ctx, &mut sc, &mut an);
                println!("{}\n{}", s.text, an.describe());
            }
        }
        let mut events: Vec<Event> = coder.code_document(&doc, &ss, &mut scratch).into_iter().filter(|e| ss[e.sentence].start >= offset).collect();
        if !c.all {
            EventFilter::default().apply(&mut events);
        }
        let mut used = vec![false; events.len()];
        let ok = if c.none { events.is_empty() } else { assign(&c.expects, &events, &mut used, 0) && (!c.exact || used.iter().all(|&u| u)) };
        let expected: Vec<String> = if c.none {
            vec!["none".into()]
        } else {
            c.expects.iter().map(|x| format!("{} {} {} {}", x.source, x.target, x.code, x.flags.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ")).trim().to_string()).collect()
        };
        let got: Vec<String> = events.iter().map(show).collect();
        if ok {
            passed += 1;
            let extra: Vec<&String> = got.iter().zip(&used).filter(|(_, &u)| !u).map(|(g, _)| g).collect();
            if !c.none && !extra.is_empty() {
                println!("extra  {} ({}:{}): {}", c.id, c.file, c.line, extra.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" | "));
            }
        } else {
            failed += 1;
            let lines: Vec<String> = c.expects.iter().map(|x| x.line.to_string()).collect();
            println!("FAIL   {} ({}:{}; expect lines {})\n       text:     {}\n       expected: {}\n       got:      {}", c.id, c.file, c.line, lines.join(","), text, expected.join(" | "), if got.is_empty() { "nothing".to_string() } else { got.join(" | ") });
        }
    }
    println!("{passed} passed, {failed} failed");
    assert_eq!(failed, 0, "{failed} suite cases failed (see the lines above)");
}
