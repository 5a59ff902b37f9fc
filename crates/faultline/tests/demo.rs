//! End-to-end tests of `faultline demo` and of what its corpus shows.
//!
//! The demo corpus (`crates/faultline/demo/corpus.jsonl`) is written by the
//! project from public facts; these tests run the real binary on it and
//! check the findings the analytics issue asks the demo to show.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faultline(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline")).args(args).current_dir(cwd).output().expect("run faultline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    faultline_testdata::fresh_dir(&format!("test-{name}"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/corpus.jsonl")
}

/// A database holding the ingested demo corpus, in a fresh folder.
fn corpus_db(name: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    let db = dir.join("demo.db").display().to_string();
    let out = faultline(&["ingest", corpus().to_str().unwrap(), "--db", &db], &dir);
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    (dir, db)
}

fn json(args: &[&str], cwd: &Path) -> serde_json::Value {
    let out = faultline(args, cwd);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)))
}

/// Yearly mean Goldstein of an undirected dyad, by year label.
fn yearly_means(db: &str, a: &str, b: &str, cwd: &Path) -> Vec<(String, Option<f64>)> {
    let v = json(&["dyad", a, b, "--db", db, "--period", "year", "--format", "json"], cwd);
    v["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| (p["period"].as_str().unwrap().to_string(), p["goldstein_mean"].as_f64()))
        .collect()
}

fn mean_of(series: &[(String, Option<f64>)], year: &str) -> f64 {
    series.iter().find(|(p, _)| p == year).and_then(|(_, m)| *m).unwrap_or_else(|| panic!("no score for {year}: {series:?}"))
}

#[test]
fn demo_runs_the_whole_pipeline_and_prints_every_section() {
    let dir = temp_dir("demo");
    let out = faultline(&["demo"], &dir);
    assert!(out.status.success(), "demo failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    for needle in [
        "Faultline demo",
        "The demo corpus:",
        "US–Russia, per year",
        "Says vs does, China–Russia",
        "strategic triangle",
        "change points",
        "Rift alerts",
        "Demo finished in",
    ] {
        assert!(text.contains(needle), "demo output lacks `{needle}`:\n{text}");
    }
    // The article's must-see events are in the table: Xi's visit to Kazakhstan and the aid to Ukraine.
    assert!(text.lines().any(|l| l.contains("CHN") && l.contains("KAZ")), "{text}");
    assert!(text.lines().any(|l| l.contains("CHN") && l.contains("UKR") && l.contains("3000000 USD")), "{text}");
    // The HTML report is written to the working folder and named on a line of its own;
    // the temporary database is removed afterwards, so the report is all that is left.
    assert!(text.lines().any(|l| l == "report: faultline-demo-report.html"), "no `report:` line:\n{text}");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("faultline-demo-report.html")], "demo left other files in its working folder");
    let html = std::fs::read_to_string(dir.join("faultline-demo-report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("id=\"rifts\""));
}

#[test]
fn demo_keeps_its_database_with_db() {
    let dir = temp_dir("demo-db");
    let db = dir.join("kept.db");
    let out = faultline(&["demo", "--db", db.to_str().unwrap()], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(db.is_file());
    let v = json(&["sql", "SELECT COUNT(*) AS n FROM documents", "--db", db.to_str().unwrap(), "--format", "jsonl"], &dir);
    let lines = corpus_items();
    assert_eq!(v["n"].as_i64(), Some(lines as i64));
}

fn corpus_items() -> usize {
    std::fs::read_to_string(corpus()).unwrap().lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn demo_article_as_jsonl() {
    let dir = temp_dir("demo-jsonl");
    let out = faultline(&["demo", "--jsonl"], &dir);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(!text.is_empty());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(v["doc_id"], "demo/article.txt");
        assert!(v["cameo"].as_str().is_some_and(|c| (2..=4).contains(&c.len())));
    }
}

#[test]
fn us_russia_net_cooperation_turns_negative_after_2014_and_again_in_2022() {
    let (dir, db) = corpus_db("usrus");
    let s = yearly_means(&db, "USA", "RUS", &dir);
    let (y2012, y2013, y2014) = (mean_of(&s, "2012"), mean_of(&s, "2013"), mean_of(&s, "2014"));
    assert!(y2014 < 0.0, "2014 should be negative: {s:?}");
    assert!(y2014 < y2012.min(y2013) - 1.0, "2014 should fall well below 2012-2013: {s:?}");
    let (y2021, y2022) = (mean_of(&s, "2021"), mean_of(&s, "2022"));
    assert!(y2022 < 0.0 && y2022 < y2021, "2022 should be negative and below 2021: {s:?}");
}

#[test]
fn china_russia_cooperation_is_more_words_than_deeds() {
    let (dir, db) = corpus_db("chnrus");
    let v = json(&["gap", "CHN", "RUS", "--db", &db, "--period", "year", "--format", "json"], &dir);
    let total = &v["total"];
    let verbal = total["verbal_coop"].as_u64().unwrap();
    let material = total["material_coop"].as_u64().unwrap();
    assert!(verbal > material, "verbal {verbal} should exceed material {material}");
    assert!(total["coop_gap"].as_f64().unwrap() > 0.0);
}

#[test]
fn triangle_timeline_is_printed_per_year_with_change_points() {
    let (dir, db) = corpus_db("triangle");
    let v = json(&["triangle", "USA", "CHN", "RUS", "--db", &db, "--period", "year", "--format", "json"], &dir);
    let points = v["timeline"]["points"].as_array().unwrap();
    let years: Vec<&str> = points.iter().map(|p| p["period"].as_str().unwrap()).collect();
    assert!(years.len() >= 14, "one point per year 2012-2025 at least: {years:?}");
    assert_eq!(years.first(), Some(&"2012"));
    for p in points {
        assert!(p["configuration"].is_string(), "{p}");
        assert_eq!(p["roles"].as_array().map(Vec::len), Some(3), "{p}");
    }
    let cps = v["change_points"].as_object().unwrap();
    assert_eq!(cps.len(), 3, "one change-point list per tie");
    let found: usize = cps.values().map(|c| c.as_array().unwrap().len()).sum();
    assert!(found >= 1, "change points should be found on the corpus: {cps:?}");
}
