//! End-to-end tests of `faultline petrarch code --engine faultline`: the
//! built binary on the GigaWord sample (the event contract, evidence drawn
//! from the parse, unique ids, determinism across runs and thread counts, a
//! known sentence's event), the other layouts, malformed parses and usage
//! errors.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::{Command, Output};

use faultline_petrarch::{PetrXml, TreeText};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_faultline");
const SAMPLE: &str = "petrarch2/GigaWord.sample.PETR.xml";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["petrarch", "code"])
        .args(args)
        .output()
        .expect("run faultline")
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "faultline failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn lines(out: &Output) -> Vec<Value> {
    std::str::from_utf8(&out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

fn sample() -> Option<PathBuf> {
    faultline_testdata::shared_file(SAMPLE)
}

fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter().fold(v, |v, p| &v[*p]).as_str().unwrap_or("")
}

#[test]
fn gigaword_sample_codes_into_faultline_events() {
    let Some(path) = sample() else { return };
    let p = path.to_str().unwrap();
    let out = ok(run(&[p, "--engine", "faultline", "--all"]));
    let events = lines(&out);
    assert!(
        events.len() >= 20,
        "only {} events from 76 sentences",
        events.len()
    );

    // The sentence text each record's parse rebuilds to, by record id (ids
    // have no `-` here, so a record is its own story: doc_id = id).
    let xml = PetrXml::read(&path).unwrap().value;
    // (The sample repeats one id, so an id may have several texts.)
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in xml.sentences() {
        if let Ok(t) = r.tree(p) {
            texts
                .entry(r.id.clone())
                .or_default()
                .push(faultline_testdata::squash(&TreeText::new(&t).text));
        }
    }

    let mut ids = HashSet::new();
    for e in &events {
        let id = s(e, &["event_id"]);
        assert!(ids.insert(id.to_string()), "duplicate event id {id}");
        let doc = s(e, &["doc_id"]);
        assert!(id.starts_with(&format!("{doc}:")), "{id} vs {doc}");
        let text = s(e, &["evidence", "text"]);
        let rebuilt = texts.get(doc).unwrap_or_else(|| panic!("no record {doc}"));
        assert!(
            rebuilt.contains(&faultline_testdata::squash(text)),
            "{id}: `{text}` is not the parse's text"
        );
        assert_eq!(e["evidence"]["start"], 0, "{id}");
        assert_eq!(
            e["evidence"]["end"].as_u64(),
            Some(text.len() as u64),
            "{id}"
        );
        for part in [
            s(e, &["source", "text"]),
            s(e, &["target", "text"]),
            s(e, &["trigger"]),
        ] {
            assert!(
                !part.is_empty() && text.contains(part),
                "{id}: `{part}` not in `{text}`"
            );
        }
        let cameo = s(e, &["cameo"]);
        assert_eq!(&cameo[..2], s(e, &["cameo_root"]), "{id}");
        assert!(
            e["goldstein"].is_number() && e["quad_class"].is_number(),
            "{id}"
        );
        assert!(e["negated"].is_boolean(), "{id}");
    }

    // A known sentence: "A court in Guyana has issued arrest warrants for two
    // Brazilian men …" — PETRARCH2 codes GUYJUD BRAPPL 173 (arrest).
    let guyana: Vec<&Value> = events
        .iter()
        .filter(|e| s(e, &["doc_id"]) == "AFP0808020705_1")
        .collect();
    assert!(
        guyana.iter().any(|e| s(e, &["source", "country"]) == "GUY"
            && s(e, &["target", "country"]) == "BRA"
            && s(e, &["cameo_root"]) == "17"
            && s(e, &["date"]) == "2008-08-06"),
        "{guyana:?}"
    );

    // The default policy drops negated and non-factual events only.
    let default = lines(&ok(run(&[p, "--engine", "faultline"])));
    assert!(default.len() <= events.len());
    for e in &default {
        assert_eq!(e["negated"], false);
        assert!(
            matches!(s(e, &["modality"]), "asserted" | "reported" | "future"),
            "{e}"
        );
        assert!(
            ids.contains(s(e, &["event_id"])),
            "the same event keeps its id under --all"
        );
    }
}

#[test]
fn output_is_identical_across_runs_and_threads() {
    let Some(path) = sample() else { return };
    let p = path.to_str().unwrap();
    let a = ok(run(&[
        p,
        "--engine",
        "faultline",
        "--all",
        "--threads",
        "1",
    ]));
    let b = ok(run(&[
        p,
        "--engine",
        "faultline",
        "--all",
        "--threads",
        "2",
    ]));
    let c = ok(run(&[
        p,
        "--engine",
        "faultline",
        "--all",
        "--threads",
        "2",
    ]));
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(b.stdout, c.stdout);
}

#[test]
fn csv_and_petrarch_layouts() {
    let Some(path) = sample() else { return };
    let p = path.to_str().unwrap();
    let jsonl = lines(&ok(run(&[p, "--engine", "faultline"])));
    let csv = String::from_utf8(ok(run(&[p, "--engine", "faultline", "--format", "csv"])).stdout)
        .unwrap();
    let mut rows = csv.lines();
    assert!(rows
        .next()
        .unwrap()
        .starts_with("event_id,doc_id,sentence,"));
    assert_eq!(rows.count(), jsonl.len());

    let tsv =
        String::from_utf8(ok(run(&[p, "--engine", "faultline", "--format", "petrarch"])).stdout)
            .unwrap();
    assert_eq!(tsv.lines().count(), jsonl.len());
    for (line, e) in tsv.lines().zip(&jsonl) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 10, "{line}");
        assert_eq!(f[1], s(e, &["source", "code"]));
        assert_eq!(f[2], s(e, &["target", "code"]));
        assert_eq!(f[3], s(e, &["cameo"]));
        assert_eq!(
            f[5],
            s(e, &["doc_id"]),
            "records here are their own stories"
        );
        assert_eq!(f[9], s(e, &["trigger"]));
    }
}

#[test]
fn malformed_parses_are_reported_and_the_rest_coded() {
    let dir = faultline_testdata::fresh_dir("petrarch-faultline-engine");
    let file = dir.join("two.xml");
    std::fs::write(
        &file,
        "<Sentences>\n\
         <Sentence date=\"20080806\" id=\"STORY-1\" source=\"AFP\" sentence=\"True\">\n\
         <Text>Russia attacked.</Text>\n\
         <Parse>(ROOT (S (NP (NNP Russia)) (VP (VBD attacked)\n</Parse>\n\
         </Sentence>\n\
         <Sentence date=\"20080806\" id=\"STORY-2\" source=\"AFP\" sentence=\"True\">\n\
         <Text>Russia attacked Georgia.</Text>\n\
         <Parse>(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Georgia))) (. .)))</Parse>\n\
         </Sentence>\n\
         </Sentences>\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let out = run(&[f, "--engine", "faultline"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{f}:5: sentence `STORY-1`")) && err.contains("never closed"),
        "{err}"
    );
    let events = lines(&out);
    assert!(
        events
            .iter()
            .any(|e| s(e, &["event_id"]).starts_with("STORY:2:")
                && s(e, &["target", "code"]) == "GEO"),
        "{events:?}"
    );
}

#[test]
fn options_of_the_other_engine_are_usage_errors() {
    for args in [
        &[
            "x.xml",
            "--engine",
            "faultline",
            "--config",
            "PETR_config.ini",
        ][..],
        &["x.xml", "--engine", "faultline", "--dicts", "dir"][..],
        &["x.xml", "--dict-dir", "dir"][..],
        &["x.xml", "--all"][..],
        &["x.xml", "--format", "csv"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--engine faultline") || err.contains("--dict-dir"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn help_explains_the_engines() {
    let out = ok(run(&["--help"]));
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["--engine", "faultline", "--dict-dir", "evidence", "story"] {
        assert!(help.contains(needle), "help lacks {needle}:\n{help}");
    }
}
