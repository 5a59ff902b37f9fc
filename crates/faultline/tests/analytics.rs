//! The analytics commands end to end through the real binary: `dyad`,
//! `gap`, `votes`, `triangle`, `rifts` — output formats, empty periods,
//! unknown codes and malformed vote files.

use std::path::PathBuf;
use std::process::{Command, Output};

use faultline_ontology::{CameoCode, Ontology};
use faultline_store::{ActorRow, EventRow, Store};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline")).args(args).output().expect("the faultline binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn workdir(name: &str) -> PathBuf {
    faultline_testdata::fresh_dir(&format!("cli-analytics-{name}"))
}

/// A store with USA → RUS events in 2014-01 and 2014-03 (none in February)
/// and CHN–RUS, USA–CHN events, so every triangle tie has a score.
fn store(dir: &std::path::Path) -> String {
    let path = dir.join("t.db");
    let mut store = Store::open(&path).unwrap();
    let ont = Ontology::builtin();
    let mut rows = Vec::new();
    let events = [
        ("2014-01-10", "USA", "RUS", "042"),
        ("2014-01-20", "USA", "RUS", "163"),
        ("2014-03-05", "USA", "RUS", "173"),
        ("2014-01-11", "CHN", "RUS", "042"),
        ("2014-03-11", "RUS", "CHN", "061"),
        ("2014-03-12", "USA", "CHN", "036"),
    ];
    for (i, (date, s, t, code)) in events.iter().enumerate() {
        let code: CameoCode = code.parse().unwrap();
        let mut e = EventRow::imported("icews", format!("x{i}"), code, ont);
        e.date = Some(date.parse().unwrap());
        e.source = ActorRow { code: s.to_string(), country: Some(s.to_string()), ..ActorRow::default() };
        e.target = ActorRow { code: t.to_string(), country: Some(t.to_string()), ..ActorRow::default() };
        rows.push(e);
    }
    store.insert_events(&rows).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn dyad_series_with_an_empty_month() {
    let dir = workdir("dyad");
    let db = store(&dir);
    let o = run(&["dyad", "USA", "RUS", "--db", &db, "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("period,n,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean"));
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[1].starts_with("2014-01,2,"), "{out}");
    // February: zero counts, an empty mean, never NaN.
    assert!(lines[2].starts_with("2014-02,0,0,0,0,0,0.00,,"), "{out}");
    assert!(!out.to_lowercase().contains("nan"));
    let o = run(&["dyad", "USA", "RUS", "--db", &db, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["points"][1]["goldstein_mean"], serde_json::Value::Null);
    assert_eq!(v["points"][0]["n"], 2);
    // The table has sparklines.
    let o = run(&["dyad", "USA", "RUS", "--db", &db]);
    assert!(text(&o.stdout).contains('▁') || text(&o.stdout).contains('█'), "{}", text(&o.stdout));
    // The monthly aggregate (no filters) and the events (a filter every
    // event passes) give the same series.
    for period in ["month", "quarter", "year"] {
        let fast = run(&["dyad", "USA", "RUS", "--db", &db, "--period", period, "--format", "csv"]);
        let slow = run(&["dyad", "USA", "RUS", "--db", &db, "--period", period, "--modality", "asserted", "--format", "csv"]);
        assert_eq!(text(&fast.stdout), text(&slow.stdout), "{period}");
    }
    let o = run(&["dyad", "USA", "RUS", "--db", &db, "--from", "2014-02-01", "--to", "2014-02-28", "--format", "csv"]);
    assert_eq!(text(&o.stdout).lines().nth(1).map(|l| l.starts_with("2014-02,0,")), Some(true), "{}", text(&o.stdout));
    // A dyad with no events says so.
    let o = run(&["dyad", "USA", "IND", "--db", &db]);
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("no events between USA and IND"), "{}", text(&o.stdout));
    // Week periods work from events.
    let o = run(&["gap", "CHN", "RUS", "--db", &db, "--period", "week", "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("period,verbal_coop,material_coop,coop_gap"));
}

#[test]
fn unknown_codes_are_clear_errors() {
    let dir = workdir("codes");
    let db = store(&dir);
    for args in [
        vec!["dyad", "USA", "XYZ", "--db", &db],
        vec!["gap", "QQQ", "RUS", "--db", &db],
        vec!["triangle", "USA", "CHN", "ZZZ", "--db", &db],
        vec!["rifts", "--actors", "USA,CHN,XXX", "--db", &db],
    ] {
        let o = run(&args);
        assert!(!o.status.success());
        let e = text(&o.stderr);
        assert!(e.contains("unknown country code") && e.contains("ISO 3166-1 alpha-3"), "{args:?}: {e}");
        assert!(!e.contains("panicked"));
    }
    let o = run(&["dyad", "USA", "RUS", "--db", &dir.join("missing.db").to_string_lossy()]);
    assert!(text(&o.stderr).contains("no database at"), "{}", text(&o.stderr));
}

#[test]
fn triangle_and_rifts_run() {
    let dir = workdir("triangle");
    let db = store(&dir);
    let o = run(&["triangle", "USA", "CHN", "RUS", "--db", &db, "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["timeline"]["points"].as_array().unwrap().len(), 3);
    let o = run(&["triangle", "USA", "CHN", "RUS", "--db", &db]);
    assert!(text(&o.stdout).contains("configuration"), "{}", text(&o.stdout));
    let o = run(&["rifts", "--db", &db, "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap().is_array());
}

const RC: &str = "rcid,session,importantvote,date,unres,amend,para\n1.0,74.0,0,2019-10-01,A,0,0\n2.0,74.0,0,2019-11-01,B,0,0\n";

#[test]
fn votes_csv_and_malformed_rows() {
    let dir = workdir("votes");
    let rc = dir.join("rc.csv");
    std::fs::write(&rc, RC).unwrap();
    let votes = dir.join("votes.csv");
    std::fs::write(
        &votes,
        "rcid,country,country_code,vote\n1.0,United States,US,yes\n1.0,China,CN,no\n1.0,Russia,RU,no\n\
         2.0,United States,US,no\n2.0,China,CN,yes\n2.0,Russia,RU,abstain\n",
    )
    .unwrap();
    let (v, r) = (votes.to_string_lossy().into_owned(), rc.to_string_lossy().into_owned());
    let o = run(&["votes", "--votes", &v, "--roll-calls", &r, "--countries", "USA,CHN,RUS", "--by", "session", "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "period,a,b,n,s,kappa,pi");
    // USA–CHN: (1,3), (3,1): S = 1 − 2·4/4 = −1.
    assert!(lines[1].starts_with("74,USA,CHN,2,-1.0000,"), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("74,CHN,RUS,2,")), "{out}");
    assert_eq!(lines.len(), 4);

    // The triangle from vote affinity: one session, three ties.
    let o = run(&["triangle", "USA", "CHN", "RUS", "--source", "votes", "--votes", &v, "--roll-calls", &r, "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let t: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = &t["timeline"]["points"][0];
    assert_eq!(p["period"], "74");
    // USA–CHN S = −1 (always opposite).
    assert_eq!(p["scores"][0], -1.0);
    let o = run(&["triangle", "USA", "CHN", "RUS", "--source", "votes", "--votes", &v]);
    assert!(text(&o.stderr).contains("--roll-calls"), "{}", text(&o.stderr));

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "rcid,country,country_code,vote\n1.0,United States,US,yes\n1.0,China,CN,perhaps\n").unwrap();
    let o = run(&["votes", "--votes", &bad.to_string_lossy(), "--roll-calls", &r, "--countries", "USA,CHN"]);
    assert!(!o.status.success());
    let e = text(&o.stderr);
    assert!(e.contains("bad.csv:3: vote `perhaps` is not yes, no or abstain"), "{e}");
    assert!(!e.contains("panicked"));
    let o = run(&["votes", "--votes", &v, "--countries", "USA,CHN"]);
    assert!(text(&o.stderr).contains("--roll-calls"), "{}", text(&o.stderr));
}
