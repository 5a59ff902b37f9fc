//! `DictionarySet` reads its files in parallel; the value and the
//! diagnostics must be exactly those of reading each file one by one, in
//! the order verbs, actors, agents, discards, issues, at any thread count.

use std::path::{Path, PathBuf};

use faultline_petrarch::*;

/// What reading the files one by one gives: the set with the warnings of
/// every file in file order, or every file's errors in file order (the
/// first unreadable file, in file order, wins over syntax errors).
fn one_by_one(cfg: &Config) -> Result<Loaded<DictionarySet>, ReadError> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let verbs = match &cfg.verb_file {
        Some(p) => Loaded::gather(VerbDictionary::read(p), &mut warnings, &mut errors)?,
        None => None,
    };
    let mut actors = Vec::new();
    for p in &cfg.actor_files {
        actors.extend(Loaded::gather(ActorDictionary::read(p), &mut warnings, &mut errors)?);
    }
    let agents = match &cfg.agent_file {
        Some(p) => Loaded::gather(AgentDictionary::read(p), &mut warnings, &mut errors)?,
        None => None,
    };
    let discards = match &cfg.discard_file {
        Some(p) => Loaded::gather(DiscardList::read(p), &mut warnings, &mut errors)?,
        None => None,
    };
    let issues = match &cfg.issue_file {
        Some(p) => Loaded::gather(IssueDictionary::read(p), &mut warnings, &mut errors)?,
        None => None,
    };
    if !errors.is_empty() {
        return Err(ReadError::Syntax(errors));
    }
    Ok(Loaded {
        value: DictionarySet {
            verbs,
            actors,
            agents,
            discards,
            issues,
        },
        warnings,
    })
}

/// Two results are the same: equal values and warnings, or the same errors
/// (an I/O error compared by its message, which names the path).
fn assert_same(
    got: &Result<Loaded<DictionarySet>, ReadError>,
    want: &Result<Loaded<DictionarySet>, ReadError>,
    what: &str,
) {
    match (got, want) {
        (Ok(g), Ok(w)) => {
            assert!(g.value == w.value, "{what}: the sets differ");
            assert_eq!(g.warnings, w.warnings, "{what}: the warnings differ");
        }
        (Err(ReadError::Syntax(g)), Err(ReadError::Syntax(w))) => {
            assert_eq!(g, w, "{what}: the errors differ")
        }
        (Err(g @ ReadError::Io { .. }), Err(w @ ReadError::Io { .. })) => {
            assert_eq!(
                g.to_string(),
                w.to_string(),
                "{what}: the I/O errors differ"
            )
        }
        (g, w) => panic!("{what}: got {}, expected {}", describe(g), describe(w)),
    }
}

fn describe(r: &Result<Loaded<DictionarySet>, ReadError>) -> String {
    match r {
        Ok(l) => format!("a set with {} warnings", l.warnings.len()),
        Err(e) => format!("the error {e}"),
    }
}

/// Every way of reading `cfg` gives what reading file by file gives.
fn check_all_ways(cfg: &Config) -> Result<Loaded<DictionarySet>, ReadError> {
    let want = one_by_one(cfg);
    assert_same(&DictionarySet::from_config(cfg), &want, "from_config");
    for threads in [0, 1, 2, 3, 8] {
        let got = DictionarySet::from_config_with_threads(cfg, threads);
        assert_same(&got, &want, &format!("{threads} threads"));
    }
    want
}

#[test]
fn phoenix_files_read_in_parallel_as_one_by_one() {
    let Some(ini) = faultline_testdata::shared_file("petrarch2/PETR_config.ini") else {
        return;
    };
    let cfg = Config::read(&ini).unwrap().value;
    assert_eq!(
        cfg.actor_files.len(),
        3,
        "the Phoenix setup names three actor files"
    );
    let set = check_all_ways(&cfg).unwrap_or_else(|e| panic!("{e}"));
    // The comparison is only meaningful if everything was read.
    let v = &set.value;
    assert!(v.verbs.is_some() && v.agents.is_some() && v.discards.is_some() && v.issues.is_some());
    assert_eq!(v.actors.len(), 3);
    assert!(v.actors.iter().all(|a| !a.actors.is_empty()));
    assert!(
        !set.warnings.is_empty(),
        "the Phoenix files have known oddities to warn about"
    );
    // Warnings come file by file in the config's order.
    let order: Vec<PathBuf> = [cfg.verb_file.clone()]
        .into_iter()
        .flatten()
        .chain(cfg.actor_files.iter().cloned())
        .chain(cfg.agent_file.clone())
        .chain(cfg.discard_file.clone())
        .chain(cfg.issue_file.clone())
        .collect();
    let rank = |file: &str| order.iter().position(|p| p.display().to_string() == file);
    let ranks: Vec<usize> = set
        .warnings
        .iter()
        .map(|w| rank(&w.file).unwrap_or_else(|| panic!("warning for an unknown file: {w}")))
        .collect();
    assert!(
        ranks.windows(2).all(|r| r[0] <= r[1]),
        "warnings out of file order"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A small setup in a fresh folder; every file reads cleanly.
fn small_setup(dir: &Path) -> Config {
    let verbs = write(
        dir,
        "verbs.txt",
        "&MONEY\n+DOLLARS\n\n--- LEND [071] ---\nLEND {LENT LENDS}\n- $ * &MONEY TO + [0712]\n",
    );
    let a1 = write(dir, "a1.actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
    let a2 = write(dir, "a2.actors.txt", "ROHAN [ROH]\n+EORLINGAS\n");
    let a3 = write(dir, "a3.actors.txt", "SHIRE [SHR]\n");
    let agents = write(dir, "agents.txt", "!PERSON! = MAN, MEN\nKING [~GOV]\n");
    let discards = write(dir, "discards.txt", "+FOOTBALL\nBASKETBALL\n");
    let issues = write(
        dir,
        "issues.txt",
        "<ISSUE CATEGORY=\"PEACE\" TYPE=\"ALL\">\nn:treaty [PEACE]\n</ISSUE>\n",
    );
    let ini = format!(
        "[Dictionaries]\nverbfile_name = {}\nactorfile_list = {}, {}, {}\nagentfile_name = {}\ndiscardfile_name = {}\nissuefile_name = {}\n",
        verbs.display(),
        a1.display(),
        a2.display(),
        a3.display(),
        agents.display(),
        discards.display(),
        issues.display()
    );
    Config::parse(ini.as_bytes(), "test.ini", dir)
        .unwrap()
        .value
}

#[test]
fn errors_in_two_files_are_all_reported_in_file_order() {
    let dir = faultline_testdata::fresh_dir("petrarch-parallel-errors");
    let mut cfg = small_setup(&dir);
    check_all_ways(&cfg).unwrap_or_else(|e| panic!("{e}"));

    // Errors in the second actor file and in the issues file, plus a
    // warning in the first actor file (an entry with no code).
    let a2 = write(
        &dir,
        "a2-bad.actors.txt",
        "ROHAN [ROH >2012x]\nEDORAS [EDO\nMORIA [MOR]\n",
    );
    let a1 = write(&dir, "a1-warn.actors.txt", "ARNOR [ARN]\nGONDOR\n");
    let issues = write(
        &dir,
        "issues-bad.txt",
        "treaty [PEACE]\n<ISSUE TYPE=\"ALL\">\n",
    );
    cfg.actor_files[0] = a1;
    cfg.actor_files[1] = a2.clone();
    cfg.issue_file = Some(issues.clone());
    let err = match check_all_ways(&cfg) {
        Err(ReadError::Syntax(d)) => d,
        other => panic!("expected syntax errors, got {}", describe(&other)),
    };
    let files: Vec<&str> = err.iter().map(|d| d.file.as_str()).collect();
    let (a2, issues) = (a2.display().to_string(), issues.display().to_string());
    assert!(
        files.contains(&a2.as_str()),
        "actor file errors missing: {err:?}"
    );
    assert!(
        files.contains(&issues.as_str()),
        "issue file errors missing: {err:?}"
    );
    let last_actor = files.iter().rposition(|f| *f == a2).unwrap();
    let first_issue = files.iter().position(|f| *f == issues).unwrap();
    assert!(
        last_actor < first_issue,
        "errors not in file order: {err:?}"
    );
    assert!(
        files.iter().all(|f| *f == a2 || *f == issues),
        "errors from a clean file: {err:?}"
    );
    // Within a file, line order.
    let lines: Vec<usize> = err
        .iter()
        .filter(|d| d.file == a2)
        .map(|d| d.line)
        .collect();
    assert_eq!(lines, [1, 2]);
}

#[test]
fn the_first_unreadable_file_in_file_order_is_the_error() {
    let dir = faultline_testdata::fresh_dir("petrarch-parallel-io");
    let mut cfg = small_setup(&dir);
    // A syntax error early, then two missing files: the first missing one
    // (in file order, not in reading order) is reported.
    cfg.verb_file = Some(write(&dir, "bad-verbs.txt", "- * [010]\n"));
    cfg.actor_files.insert(1, dir.join("missing-1.actors.txt"));
    cfg.issue_file = Some(dir.join("missing-2.issues.txt"));
    match check_all_ways(&cfg) {
        Err(e @ ReadError::Io { .. }) => {
            assert!(e.to_string().contains("missing-1.actors.txt"), "{e}")
        }
        other => panic!("expected an I/O error, got {}", describe(&other)),
    }
}

#[test]
fn an_empty_config_reads_an_empty_set() {
    let cfg = Config::parse(b"[Dictionaries]\n", "empty.ini", Path::new("."))
        .unwrap()
        .value;
    let set = check_all_ways(&cfg).unwrap_or_else(|e| panic!("{e}"));
    assert!(set.value.verbs.is_none() && set.value.actors.is_empty());
    assert!(set.warnings.is_empty());
}
