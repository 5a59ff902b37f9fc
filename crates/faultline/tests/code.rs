//! End-to-end tests of `faultline code`: the built binary on the seed op-ed
//! (the contract fields, evidence offsets, the must-show events and
//! the default policy), on a multi-document JSONL corpus (thread-count
//! independence, CSV), and on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_faultline");
const SEED: &str = "seed/fp-china-russia-2023.txt";
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/demo/article.txt");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).arg("code").args(args).output().expect("run faultline")
}

fn ok(out: Output) -> Output {
    assert!(out.status.success(), "faultline failed: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    out
}

fn events(out: &Output) -> Vec<Value> {
    std::str::from_utf8(&out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

/// The seed with `--date 2023-02-01`, default policy or `--all`.
fn seed_events(all: bool) -> Option<(PathBuf, Vec<Value>)> {
    let Some(seed) = faultline_testdata::shared_file(SEED) else {
        eprintln!("skipped: shared data {SEED} not found");
        return None;
    };
    let path = seed.to_str().unwrap().to_owned();
    let mut args = vec!["--date", "2023-02-01", path.as_str()];
    if all {
        args.push("--all");
    }
    let out = ok(run(&args));
    Some((seed, events(&out)))
}

use faultline_testdata::squash;

fn temp_dir(name: &str) -> PathBuf {
    faultline_testdata::fresh_dir(&format!("code-{name}"))
}

fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut v = v;
    for p in path {
        v = &v[*p];
    }
    v.as_str().unwrap_or("")
}

fn short(e: &Value) -> String {
    format!(
        "{} {}→{} {} {} neg={} {} date={} q={} «{}»",
        s(e, &["event_id"]),
        s(e, &["source", "code"]),
        s(e, &["target", "code"]),
        s(e, &["cameo"]),
        s(e, &["plover", "event"]),
        e["negated"],
        s(e, &["modality"]),
        e["date"],
        e["quantity"],
        s(e, &["evidence", "text"]).chars().take(90).collect::<String>()
    )
}

fn listing(es: &[Value]) -> String {
    es.iter().map(short).collect::<Vec<_>>().join("\n")
}

// ---- the contract ----------------------------------------------------------

fn check_actor(e: &Value, side: &str) {
    let a = &e[side];
    let o = a.as_object().unwrap_or_else(|| panic!("{side} is an object: {e}"));
    for f in ["code", "country", "org", "sectors", "text"] {
        assert!(o.contains_key(f), "{side}.{f} missing: {e}");
    }
    assert!(a["code"].as_str().is_some_and(|c| !c.is_empty()), "{side}.code: {e}");
    assert!(a["country"].is_null() || a["country"].as_str().is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())), "{side}.country: {e}");
    assert!(a["org"].is_null() || a["org"].is_string(), "{side}.org: {e}");
    assert!(a["sectors"].as_array().is_some_and(|l| l.iter().all(Value::is_string)), "{side}.sectors: {e}");
    let text = a["text"].as_str().unwrap_or_else(|| panic!("{side}.text is a string: {e}"));
    assert!(s(e, &["evidence", "text"]).contains(text), "{side}.text «{text}» is words of the sentence: {e}");
}

fn check_contract(e: &Value, original: &[u8]) {
    let o = e.as_object().unwrap_or_else(|| panic!("an object: {e}"));
    for f in [
        "event_id", "doc_id", "sentence", "date", "date_precision", "source", "target", "cameo", "cameo_root", "cameo_name",
        "goldstein", "quad_class", "plover", "negated", "modality", "quantity", "evidence",
    ] {
        assert!(o.contains_key(f), "field {f} missing: {e}");
    }
    let doc_id = e["doc_id"].as_str().expect("doc_id string");
    let sentence = e["sentence"].as_u64().expect("sentence number");
    let id = e["event_id"].as_str().expect("event_id string");
    let (rest, n) = id.rsplit_once(':').expect("event_id doc:sentence:n");
    let (doc, sent) = rest.rsplit_once(':').expect("event_id doc:sentence:n");
    assert_eq!(doc, doc_id, "{id}");
    assert_eq!(sent.parse::<u64>().ok(), Some(sentence), "{id}");
    assert!(n.parse::<u64>().is_ok(), "{id}");

    let precision = e["date_precision"].as_str().expect("date_precision string");
    assert!(["day", "month", "year", "decade", "document", "unknown"].contains(&precision), "{e}");
    match &e["date"] {
        Value::Null => assert_eq!(precision, "unknown", "{e}"),
        Value::String(d) => {
            let b = d.as_bytes();
            assert!(b.len() == 10 && b[4] == b'-' && b[7] == b'-' && d.replace('-', "").bytes().all(|c| c.is_ascii_digit()), "{e}");
            assert_ne!(precision, "unknown", "{e}");
        }
        _ => panic!("date is a string or null: {e}"),
    }
    check_actor(e, "source");
    check_actor(e, "target");
    let cameo = e["cameo"].as_str().expect("cameo string");
    assert!((2..=4).contains(&cameo.len()) && cameo.bytes().all(|b| b.is_ascii_digit()), "{e}");
    assert_eq!(e["cameo_root"].as_str(), Some(&cameo[..2]), "{e}");
    assert!(e["cameo_name"].as_str().is_some_and(|n| !n.is_empty()), "{e}");
    let g = e["goldstein"].as_f64().expect("goldstein number");
    assert!((-10.0..=10.0).contains(&g), "{e}");
    assert!(e["quad_class"].as_u64().is_some_and(|q| (1..=4).contains(&q)), "{e}");
    match &e["plover"] {
        Value::Null => {}
        p => {
            assert!(p["event"].as_str().is_some_and(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_uppercase())), "{e}");
            assert!(p["mode"].is_null() || p["mode"].is_string(), "{e}");
            assert!(p["context"].as_array().is_some_and(|l| l.iter().all(Value::is_string)), "{e}");
        }
    }
    assert!(e["negated"].is_boolean(), "{e}");
    assert!(["asserted", "reported", "hypothetical", "prescriptive", "future"].contains(&s(e, &["modality"])), "{e}");
    match &e["quantity"] {
        Value::Null => {}
        q => assert!(q["amount"].is_number() && q["unit"].as_str().is_some_and(|u| !u.is_empty()), "{e}"),
    }
    let ev = &e["evidence"];
    let text = ev["text"].as_str().expect("evidence.text string");
    let start = ev["start"].as_u64().expect("evidence.start number") as usize;
    let end = ev["end"].as_u64().expect("evidence.end number") as usize;
    assert!(start < end && end <= original.len(), "{e}");
    let slice = String::from_utf8_lossy(&original[start..end]);
    assert_eq!(squash(&slice), squash(text), "evidence offsets slice the original file to the evidence text: {e}");
}

#[test]
fn seed_output_keeps_the_contract() {
    let Some((seed, es)) = seed_events(true) else { return };
    let original = std::fs::read(&seed).unwrap();
    assert!(!es.is_empty(), "the seed yields events");
    let mut ids = std::collections::HashSet::new();
    for e in &es {
        check_contract(e, &original);
        assert!(ids.insert(e["event_id"].as_str().unwrap().to_owned()), "unique event ids: {e}");
    }
    // Input order: sentence indexes never go back.
    let order: Vec<u64> = es.iter().map(|e| e["sentence"].as_u64().unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "events in sentence order");
}

#[test]
fn default_output_is_a_subset_of_all_and_follows_the_policy() {
    let Some(seed) = faultline_testdata::shared_file(SEED) else { return };
    let path = seed.to_str().unwrap();
    let default = ok(run(&["--date", "2023-02-01", path]));
    let all = ok(run(&["--date", "2023-02-01", "--all", path]));
    // Event ids do not depend on the policy: every default event appears,
    // identical (id included), under --all.
    let all_events: std::collections::HashSet<String> = events(&all).into_iter().map(|e| e.to_string()).collect();
    for e in events(&default) {
        let key = e.to_string();
        assert!(all_events.contains(&key), "default event missing from --all: {key}");
    }
    for e in events(&default) {
        assert_eq!(e["negated"], false, "default output has no negated events: {}", short(&e));
        assert!(["asserted", "reported", "future"].contains(&s(&e, &["modality"])), "default policy: {}", short(&e));
    }
    assert!(events(&all).len() >= events(&default).len());
}

// ---- the must-show events -------------------------------------------

fn country(e: &Value, side: &str) -> String {
    s(e, &[side, "country"]).to_owned()
}

fn find<'a>(es: &'a [Value], src: &str, tgt: &str, pred: impl Fn(&Value) -> bool) -> Vec<&'a Value> {
    es.iter().filter(|e| country(e, "source") == src && country(e, "target") == tgt && pred(e)).collect()
}

fn root(e: &Value) -> &str {
    s(e, &["cameo_root"])
}

#[test]
fn seed_chn_ukr_humanitarian_aid_of_3_million_usd() {
    let Some((_, es)) = seed_events(false) else { return };
    let hits = find(&es, "CHN", "UKR", |e| {
        root(e) == "07" && e["quantity"]["amount"].as_f64() == Some(3_000_000.0) && e["quantity"]["unit"] == "USD"
    });
    assert!(!hits.is_empty(), "CHN→UKR 07x with 3,000,000 USD; got:\n{}", listing(&es));
}

#[test]
fn seed_chn_rus_reduced_relations_for_cancelled_projects_and_loans() {
    let Some((_, es)) = seed_events(false) else { return };
    let hits = find(&es, "CHN", "RUS", |e| root(e) == "16" && s(e, &["evidence", "text"]).contains("canceled oil and gas projects"));
    assert!(!hits.is_empty(), "CHN→RUS 16x for the cancelled projects and AIIB loans; got:\n{}", listing(&es));
}

#[test]
fn seed_usa_chn_threaten_with_sanctions() {
    let Some((_, es)) = seed_events(false) else { return };
    let hits = find(&es, "USA", "CHN", |e| root(e) == "13" && s(e, &["evidence", "text"]).contains("sanctions"));
    assert!(!hits.is_empty(), "USA→CHN 13x (threatening sanctions); got:\n{}", listing(&es));
}

#[test]
fn seed_usa_chn_appeal_dated_2022_07() {
    let Some((_, es)) = seed_events(false) else { return };
    let hits = find(&es, "USA", "CHN", |e| {
        root(e) == "02" && s(e, &["date"]).starts_with("2022-07") && s(e, &["evidence", "text"]).contains("Blinken")
    });
    assert!(!hits.is_empty(), "USA→CHN 02x dated 2022-07 (Blinken's plea); got:\n{}", listing(&es));
}

#[test]
fn seed_chn_rus_intent_to_cooperate_dated_2022_09() {
    let Some((_, es)) = seed_events(false) else { return };
    let hits = find(&es, "CHN", "RUS", |e| {
        root(e) == "03" && s(e, &["date"]).starts_with("2022-09") && s(e, &["evidence", "text"]).contains("Li Zhanshu")
    });
    assert!(!hits.is_empty(), "CHN→RUS 03x dated 2022-09 (Li Zhanshu); got:\n{}", listing(&es));
}

#[test]
fn seed_chn_kaz_support_of_sovereignty_dated_2022_09() {
    let Some((_, es)) = seed_events(false) else { return };
    // "Xi pledged to 'resolutely' support its sovereignty": a pledge of
    // support (CAMEO 03x intent / 05x diplomatic cooperation; PLOVER
    // SUPPORT or AGREE), dated by "last September".
    let hits = find(&es, "CHN", "KAZ", |e| {
        (matches!(root(e), "03" | "05") || matches!(s(e, &["plover", "event"]), "SUPPORT" | "AGREE"))
            && s(e, &["date"]).starts_with("2022-09")
            && s(e, &["evidence", "text"]).contains("sovereignty")
    });
    assert!(!hits.is_empty(), "CHN→KAZ support dated 2022-09; got:\n{}", listing(&es));
}

const NOT_HELPED: &str = "had not helped Russia evade sanctions";

#[test]
fn seed_negated_aid_is_only_in_all_and_negated() {
    let Some((_, default)) = seed_events(false) else { return };
    let bad = find(&default, "CHN", "RUS", |e| {
        s(e, &["evidence", "text"]).contains(NOT_HELPED) && (matches!(root(e), "07" | "05" | "06") || s(e, &["plover", "event"]) == "AID")
    });
    assert!(bad.is_empty(), "no CHN→RUS aid from the negated sentence by default; got:\n{}", listing(&default));

    let Some((_, all)) = seed_events(true) else { return };
    let hits = find(&all, "CHN", "RUS", |e| s(e, &["evidence", "text"]).contains(NOT_HELPED) && (root(e) == "07" || s(e, &["plover", "event"]) == "AID"));
    assert!(!hits.is_empty(), "with --all the CHN→RUS aid event appears; got:\n{}", listing(&all));
    for e in hits {
        assert_eq!(e["negated"], true, "it is negated: {}", short(e));
    }
}

const RECOMMENDATIONS: [&str; 3] = [
    "The United States should seek to explore",
    "Washington should make it clear",
    "use a quiet backchannel approach to Beijing",
];

fn from_recommendations(es: &[Value]) -> Vec<&Value> {
    es.iter().filter(|e| RECOMMENDATIONS.iter().any(|r| s(e, &["evidence", "text"]).contains(r))).collect()
}

#[test]
fn seed_recommendations_are_prescriptive_and_not_in_the_default_output() {
    let Some((_, default)) = seed_events(false) else { return };
    let bad = from_recommendations(&default);
    assert!(bad.is_empty(), "no events from the op-ed's recommendations by default; got:\n{}", listing(&bad.into_iter().cloned().collect::<Vec<_>>()));

    let Some((_, all)) = seed_events(true) else { return };
    let hits = from_recommendations(&all);
    assert!(!hits.is_empty(), "with --all the recommendations yield events; got:\n{}", listing(&all));
    for e in hits {
        assert_eq!(s(e, &["modality"]), "prescriptive", "{}", short(e));
    }
}

// ---- many documents, threads, CSV --------------------------------------------

/// 50 JSONL documents from the seed's and the demo article's paragraphs.
fn corpus(dir: &Path) -> Option<PathBuf> {
    let seed = std::fs::read_to_string(faultline_testdata::shared_file(SEED)?).unwrap();
    let demo = std::fs::read_to_string(DEMO).unwrap();
    let paragraphs: Vec<&str> = seed
        .split("\n\n")
        .chain(demo.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() >= 12)
        .collect();
    assert!(paragraphs.len() >= 10, "enough paragraphs");
    let mut out = String::new();
    for i in 0..50 {
        // Documents of one to four paragraphs, so their sizes (and coding
        // times) differ and workers finish out of order.
        let k = 1 + i % 4;
        let text: Vec<&str> = (0..k).map(|j| paragraphs[(i * 7 + j) % paragraphs.len()]).collect();
        let rec = serde_json::json!({
            "id": format!("doc-{i:02}"),
            "date": format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "text": text.join("\n\n"),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, out).unwrap();
    Some(path)
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = temp_dir("threads");
    let Some(corpus) = corpus(&dir) else { return };
    let c = corpus.to_str().unwrap();
    for extra in [&[][..], &["--all"][..], &["--format", "csv"][..]] {
        let one = ok(run(&[&["--threads", "1", c][..], extra].concat()));
        let two = ok(run(&[&["--threads", "2", c][..], extra].concat()));
        let four = ok(run(&[&["--threads", "4", c][..], extra].concat()));
        assert!(!one.stdout.is_empty(), "events from the corpus ({extra:?})");
        assert!(one.stdout == two.stdout, "--threads 1 and 2 differ ({extra:?})");
        assert!(one.stdout == four.stdout, "--threads 1 and 4 differ ({extra:?})");
    }
    // Documents come out in input order.
    let es = events(&ok(run(&["--all", c])));
    let docs: Vec<&str> = es.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert!(docs.windows(2).all(|w| w[0] <= w[1]), "documents in input order");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A minimal RFC 4180 reader: records (with quoted fields that may hold
/// commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = vec![String::new()];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') => quoted = true,
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            (true, '"') => quoted = false,
            (false, ',') => row.push(String::new()),
            (false, '\n') => rows.push(std::mem::replace(&mut row, vec![String::new()])),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (_, c) => row.last_mut().unwrap().push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if row.len() > 1 || !row[0].is_empty() {
        rows.push(row);
    }
    rows
}

#[test]
fn csv_has_a_header_and_one_row_per_event() {
    let dir = temp_dir("csv");
    let Some(corpus) = corpus(&dir) else { return };
    let c = corpus.to_str().unwrap();
    let jsonl = events(&ok(run(&["--all", c])));
    let csv = ok(run(&["--all", "--format", "csv", c]));
    let rows = parse_csv(std::str::from_utf8(&csv.stdout).unwrap());
    let header = &rows[0];
    let expected = [
        "event_id", "doc_id", "sentence", "date", "date_precision", "source_code", "source_country", "source_org",
        "source_sectors", "source_text", "target_code", "target_country", "target_org", "target_sectors", "target_text",
        "cameo", "cameo_root", "cameo_name", "goldstein", "quad_class", "plover_event", "plover_mode", "plover_context",
        "negated", "modality", "quantity_amount", "quantity_unit", "evidence_text", "evidence_start", "evidence_end",
    ];
    assert_eq!(&header[..expected.len()], expected, "CSV header");
    assert_eq!(rows.len() - 1, jsonl.len(), "one CSV row per JSONL event");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, e) in rows[1..].iter().zip(&jsonl) {
        assert_eq!(row.len(), header.len(), "row width: {row:?}");
        assert_eq!(row[col("event_id")], s(e, &["event_id"]));
        assert_eq!(row[col("source_code")], s(e, &["source", "code"]));
        assert_eq!(row[col("evidence_text")], s(e, &["evidence", "text"]));
        assert_eq!(row[col("evidence_start")], e["evidence"]["start"].to_string());
        let sectors: Vec<&str> = e["source"]["sectors"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(row[col("source_sectors")], sectors.join(";"));
        assert_eq!(row[col("negated")], e["negated"].to_string());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_file_and_the_demo_article() {
    let dir = temp_dir("out");
    let out_path = dir.join("events.jsonl");
    let stdout = ok(run(&["--all", DEMO]));
    let out = ok(run(&["--all", "-o", out_path.to_str().unwrap(), DEMO]));
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let written = std::fs::read(&out_path).unwrap();
    assert_eq!(written, stdout.stdout, "-o writes what stdout would");
    let original = std::fs::read(DEMO).unwrap();
    let es = events(&stdout);
    assert!(!es.is_empty(), "the demo article yields events");
    for e in &es {
        check_contract(e, &original);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- bad input ---------------------------------------------------------------

#[test]
fn unreadable_inputs_are_reported_and_the_rest_is_coded() {
    let dir = temp_dir("bad");
    let good = dir.join("good.txt");
    std::fs::write(&good, "China abstained in the U.N. vote on Russia's annexation. Xi pledged to support Kazakhstan's sovereignty.\n").unwrap();
    let jsonl = dir.join("mixed.jsonl");
    std::fs::write(&jsonl, "{\"id\":\"a\",\"text\":\"Russia attacked Ukraine.\"}\nnot json\n").unwrap();
    let missing = dir.join("missing.txt");
    let out = run(&["--date", "2023-02-01", "--all", missing.to_str().unwrap(), good.to_str().unwrap(), jsonl.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "exit 1 when an input could not be read");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.txt"), "names the missing file: {err}");
    assert!(err.contains("mixed.jsonl:2"), "names the bad JSONL line: {err}");
    // Everything read was still coded (events depend on the coder; the
    // output must at least be valid JSONL).
    let _ = events(&out);

    // Binary, empty and punctuation-only inputs: no panic, exit 0.
    let binary = dir.join("bin.txt");
    std::fs::write(&binary, (0u8..=255).cycle().take(5000).collect::<Vec<u8>>()).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let punct = dir.join("punct.txt");
    std::fs::write(&punct, "((((((\"\"\"\"'''''))))))!!!???...;;;\n".repeat(200)).unwrap();
    let names = dir.join("names.txt");
    std::fs::write(&names, "China Russia Ukraine NATO Xi Putin Biden Blinken ".repeat(2000)).unwrap();
    let out = run(&["--all", binary.to_str().unwrap(), empty.to_str().unwrap(), punct.to_str().unwrap(), names.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let _ = events(&out);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_explains_the_policy_and_the_fields() {
    let out = ok(Command::new(BIN).args(["code", "--help"]).output().unwrap());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["--all", "--threads", "--format", "asserted", "prescriptive", "negated", "evidence", "event_id", "EXAMPLES"] {
        assert!(help.contains(needle), "--help mentions {needle}:\n{help}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = temp_dir("pipe");
    let Some(corpus) = corpus(&dir) else { return };
    let mut child = Command::new(BIN)
        .args(["code", "--all", corpus.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte and hang up.
    {
        use std::io::Read;
        let mut so = child.stdout.take().unwrap();
        let mut b = [0u8; 1];
        let _ = so.read(&mut b);
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success() || out.status.code().is_none(), "status {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dict_dir_adds_actors_and_bad_dictionaries_are_reported() {
    let dir = temp_dir("dicts");
    let good = dir.join("good");
    std::fs::create_dir_all(&good).unwrap();
    std::fs::write(good.join("freedonia.txt"), "country XFD Freedonia\n    adjectives: Freedonian\n").unwrap();
    let text = dir.join("news.txt");
    std::fs::write(&text, "Freedonia attacked Ukraine on Monday.\n").unwrap();
    let without = events(&ok(run(&["--all", text.to_str().unwrap()])));
    assert!(without.iter().all(|e| s(e, &["source", "code"]) != "XFD"), "no XFD without the dictionary");
    let with = events(&ok(run(&["--all", "--dict-dir", good.to_str().unwrap(), text.to_str().unwrap()])));
    assert!(with.iter().any(|e| s(e, &["source", "code"]) == "XFD"), "the --dict-dir actor is coded: {with:?}");

    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("broken.txt"), "country Freedonia\n").unwrap();
    let out = run(&["--dict-dir", bad.to_str().unwrap(), text.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.txt:1"), "names the file and line: {err}");
    assert!(out.stdout.is_empty(), "nothing coded with broken dictionaries");
    let _ = std::fs::remove_dir_all(&dir);
}
