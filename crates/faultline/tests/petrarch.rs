//! End-to-end tests of `faultline petrarch validate` and `faultline petrarch
//! code` with the PETRARCH engine: the built binary on PETRARCH's own
//! unit-test suite and on the GigaWord sample with the Phoenix dictionaries
//! (the output layouts, determinism across thread counts, malformed parses
//! and story discards in a suite of our own).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_faultline");

fn faultline(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run faultline")
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("UTF-8 output")
}

fn shared(name: &str) -> Option<PathBuf> {
    faultline_testdata::shared_file(name)
}

#[test]
fn validate_runs_the_suite_and_ends_with_the_counts() {
    let Some(suite) = shared("petrarch2/PETR.UnitTest.records.xml") else { return };
    let suite = suite.to_str().unwrap();
    let out = faultline(&["petrarch", "validate", suite]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    let last = text.lines().last().expect("a summary line");
    let (passed, failed) = last
        .strip_suffix(" failed")
        .and_then(|l| l.split_once(" passed, "))
        .unwrap_or_else(|| panic!("summary line `{last}`"));
    let (passed, failed): (usize, usize) = (passed.parse().unwrap(), failed.parse().unwrap());
    assert_eq!(passed + failed, 278, "scored records");
    assert!(passed >= 273, "{passed} passed");
    // One line per failing record: id, expected, got.
    let fails: Vec<&str> = text.lines().filter(|l| l.starts_with("FAIL ")).collect();
    assert_eq!(fails.len(), failed);
    for f in &fails {
        assert_eq!(f.split('\t').count(), 3, "{f}");
        assert!(f.contains("\texpected: ") && f.contains("\tgot: "), "{f}");
    }
    // --min-pass turns a shortfall into exit status 1; --all-categories
    // scores the 279th record too.
    let short = faultline(&["petrarch", "validate", suite, "--min-pass", "279"]);
    assert_eq!(short.status.code(), Some(1));
    let all = faultline(&["petrarch", "validate", suite, "--all-categories"]);
    let all_last = stdout(&all).lines().last().unwrap().to_string();
    assert_eq!(all_last, format!("{} passed, {} failed", passed + 1, failed));
}

#[test]
fn code_writes_petrarch2_layout_identically_at_any_thread_count() {
    let Some(sample) = shared("petrarch2/GigaWord.sample.PETR.xml") else { return };
    let sample = sample.to_str().unwrap();
    let one = faultline(&["petrarch", "code", sample, "--threads", "1"]);
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    let two = faultline(&["petrarch", "code", sample, "--threads", "2"]);
    assert_eq!(one.stdout, two.stdout, "output depends on the thread count");
    let xml = std::fs::read_to_string(sample).unwrap();
    let text = stdout(&one);
    let mut ids = HashSet::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 10, "PETRARCH2 has ten columns: {line}");
        assert_eq!(f[0].len(), 8, "date YYYYMMDD: {line}");
        assert!(f[3].chars().all(|c| c.is_ascii_digit()), "CAMEO code: {line}");
        assert!(xml.contains(&format!("\"{}\"", f[5])), "unknown sentence id {}", f[5]);
        ids.insert(f[5].to_string());
    }
    assert!(text.lines().count() >= 60 && ids.len() >= 40, "{} events", text.lines().count());
    // The reference's sentence COOP_0: the US, Russia and Switzerland met.
    let coop: HashSet<(&str, &str, &str)> = text
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[5] == "COOP_0")
        .map(|f| (f[1], f[2], f[3]))
        .collect();
    assert!(coop.contains(&("USA", "RUS", "040")) && coop.contains(&("CHE", "USA", "040")), "{coop:?}");

    let jsonl = faultline(&["petrarch", "code", sample, "--format", "jsonl"]);
    let events: Vec<serde_json::Value> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(events.len(), text.lines().count());
    for e in &events {
        assert!(e["source"]["code"].is_string() && e["target"]["code"].is_string(), "{e}");
        assert_eq!(e["cameo_root"].as_str().unwrap(), &e["cameo"].as_str().unwrap()[..2]);
    }
}

/// A suite of our own beside its dictionaries, in a fresh folder.
fn own_suite(dir: &Path, records: &str) -> PathBuf {
    std::fs::write(
        dir.join("v.verbs.txt"),
        "--- ATTACK [190] ---\nATTACK\n\n--- MEET [040] ---\nMEET {MET}\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.actors.txt"), "ARNOR [ARN]\nGONDOR [GON]\n").unwrap();
    std::fs::write(dir.join("d.discards.txt"), "+FOOTBALL\n").unwrap();
    std::fs::write(
        dir.join("PETR_config.ini"),
        "[Dictionaries]\nverbfile_name = v.verbs.txt\nactorfile_list = a.actors.txt\ndiscardfile_name = d.discards.txt\n",
    )
    .unwrap();
    let xml = format!("<Sentences>\n{records}</Sentences>\n");
    let path = dir.join("in.xml");
    std::fs::write(&path, xml).unwrap();
    path
}

fn record(id: &str, parse: &str) -> String {
    format!("<Sentence date=\"20150609\" id=\"{id}\" sentence=\"True\">\n<Text>\nx\n</Text>\n<Parse>\n{parse}\n</Parse>\n</Sentence>\n")
}

#[test]
fn malformed_parses_are_named_and_story_discards_drop_the_rest_of_the_story() {
    let dir = faultline_testdata::fresh_dir("petrarch-cli");
    let attack = "(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor)))))";
    let football = "(ROOT (S (NP (NNP Arnor)) (VP (VBD played) (NP (NN football)))))";
    let records = [
        record("S1-1", attack),
        record("S1-2", "(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked)"),
        record("S1-3", attack),
        record("S2-1", football),
        record("S2-2", attack),
        record("S3-1", attack),
    ]
    .concat();
    let xml = own_suite(&dir, &records);
    let out = faultline(&["petrarch", "code", xml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a malformed parse makes the exit status 1");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sentence `S1-2`") && err.contains("in.xml:"), "{err}");
    let ids: Vec<&str> = stdout(&out).lines().map(|l| l.split('\t').nth(5).unwrap()).collect();
    // S1-2 is malformed, S2-1 discards story S2 (so S2-2 is not coded).
    assert_eq!(ids, ["S1-1", "S1-3", "S3-1"]);
}
