//! End-to-end tests of `faultline dict lookup|stats|check`, run against the
//! built binary with small dictionaries in temporary directories (and, for
//! overrides, the built-in ones).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faultline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .output()
        .expect("run faultline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh temporary directory holding `files` (relative path, contents).
fn dict_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("faultline-e2e-dict-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const SMALL: &str = "\
country CHN China
    adjectives: Chinese; Sino-
    government: Beijing
country RUS Russia
    adjectives: Russian
person Antony Blinken
    names: Blinken
    role: USA GOV 2021-01-26..2025-01-20 Secretary of State
country USA United States
    names: US
agent GOV Government
    nouns: official
";

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn lookup_prints_one_json_record_per_line() {
    let dir = dict_dir("lookup", &[("actors/small.txt", SMALL)]);
    let o = faultline(&[
        "dict",
        "lookup",
        "Chinese officials",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    assert!(o.status.success(), "{o:?}");
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["code"], "CHNGOV");
    assert_eq!(recs[0]["country"], "CHN");
    assert_eq!(recs[0]["sectors"][0], "GOV");

    let o = faultline(&[
        "dict",
        "lookup",
        "Blinken",
        "--date",
        "2022-05-01",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    let recs = json_lines(&o);
    assert_eq!(recs[0]["code"], "USAGOV");
    assert_eq!(recs[0]["valid"]["from"], "2021-01-26");
    assert_eq!(recs[0]["title"], "Secretary of State");

    // Outside the role's dates: nothing, exit 1, a message on stderr.
    let o = faultline(&[
        "dict",
        "lookup",
        "Blinken",
        "--date",
        "2020-06-01",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no actor named `Blinken` on 2020-06-01"));

    // Compounds print each part.
    let o = faultline(&[
        "dict",
        "lookup",
        "Sino-Russian",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    let codes: Vec<_> = json_lines(&o)
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["CHN", "RUS"]);

    // The upper-case rule.
    let o = faultline(&[
        "dict",
        "lookup",
        "us",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    assert_eq!(o.status.code(), Some(1));

    let o = faultline(&[
        "dict",
        "lookup",
        "Blinken",
        "--date",
        "2022-5-1",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--date `2022-5-1`"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dict_dir_overrides_a_builtin_entry() {
    // The built-in CHN record has Beijing as a metonym; a user CHN record
    // replaces the whole record.
    let before = faultline(&["dict", "lookup", "Beijing"]);
    assert!(
        before.status.success(),
        "built-in dictionaries must load: {}",
        String::from_utf8_lossy(&before.stderr)
    );
    assert_eq!(json_lines(&before)[0]["code"], "CHNGOV");
    let dir = dict_dir(
        "override",
        &[("mine.txt", "country CHN China\n    government: Peking\n")],
    );
    let after = faultline(&["dict", "lookup", "Beijing", "--dict-dir", s(&dir)]);
    assert_eq!(after.status.code(), Some(1), "{}", stdout(&after));
    let peking = faultline(&["dict", "lookup", "Peking", "--dict-dir", s(&dir)]);
    assert_eq!(json_lines(&peking)[0]["code"], "CHNGOV");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_reports_errors_with_positions_and_exit_1() {
    let dir = dict_dir(
        "check-bad",
        &[(
            "a.txt",
            "country CHN China\n  names: PRC;;\nperson X\n  role: CHN GVO 2020.. Title\n",
        )],
    );
    let o = faultline(&["dict", "check", "--no-builtin", "--dict-dir", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let a = dir.join("a.txt");
    assert!(
        out.contains(&format!(
            "{}:2:15: expected a list item in `names:`, found an empty item",
            a.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}:4:13: expected a sector code", a.display())),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}:2:14: expected a list item", a.display())),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("3 errors, 0 warnings"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_prints_conflicts_as_warnings_and_exits_0() {
    let text = format!(
        "{SMALL}person Someone Else\n    names: Blinken\n    role: USA - 2024..2024 Namesake\n"
    );
    let dir = dict_dir("check-warn", &[("a.txt", &text)]);
    let o = faultline(&["dict", "check", "--no-builtin", "--dict-dir", s(&dir)]);
    assert!(o.status.success(), "{o:?}");
    let out = stdout(&o);
    assert!(out.contains("warning: name `Blinken` of person Someone Else also names person Antony Blinken at overlapping dates"), "{out}");
    let q = faultline(&[
        "dict",
        "check",
        "--quiet",
        "--no-builtin",
        "--dict-dir",
        s(&dir),
    ]);
    assert!(!stdout(&q).contains("warning:"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stats_counts_by_kind() {
    let o = faultline(&["dict", "stats", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    for key in [
        "countries",
        "people",
        "roles",
        "orgs",
        "groups",
        "agents",
        "agent_nouns",
        "names",
        "verb_patterns",
        "noun_patterns",
        "cameo_codes_covered",
        "synsets",
        "irregular_verbs",
    ] {
        assert!(v[key].is_u64(), "{key} missing in {v}");
    }
    assert!(v["irregular_verbs"].as_u64().unwrap() >= 200);
    // A user directory adds to the counts.
    let dir = dict_dir(
        "stats",
        &[("x.txt", "country XXA Atlantis\ncountry XXB Bohemia\n")],
    );
    let o2 = faultline(&["dict", "stats", "--json", "--dict-dir", s(&dir)]);
    let v2: serde_json::Value = serde_json::from_str(stdout(&o2).trim()).unwrap();
    assert_eq!(
        v2["countries"].as_u64().unwrap(),
        v["countries"].as_u64().unwrap() + 2
    );
    let table = faultline(&["dict", "stats"]);
    assert!(stdout(&table).contains("irregular verbs"));
    std::fs::remove_dir_all(&dir).unwrap();
}
