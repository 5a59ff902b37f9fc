//! Load benchmark: time and peak heap to read the full Phoenix dictionaries
//! (`PETR_config.ini` and what it names: CAMEO.2.0.txt, the three Phoenix
//! actor files, agents, discards and issues) with this crate's readers — the read-only part of issue #5's
//! "load + compile < 50 ms, < 50 MiB" target.
//!
//! Run with `cargo bench -p faultline-petrarch --bench load`; set
//! `FAULTLINE_BENCH_RUNS` for the number of timed runs (default 7, median
//! reported). Peak heap comes from a counting global allocator in this
//! binary only, measured on one untimed run that includes the file bytes.
//! `DictionarySet::from_config` reads the files in parallel; the same read
//! on one thread is timed too, since on a busy machine that is what a load
//! costs. Wall times on a shared machine mean little without the load
//! average, so it is printed with them (Linux only).

use std::path::Path;
use std::time::Instant;

use faultline_petrarch::{
    ActorDictionary, AgentDictionary, Config, DictionarySet, DiscardList, IssueDictionary,
    VerbDictionary,
};

#[global_allocator]
static ALLOC: faultline_testdata::CountingAlloc = faultline_testdata::CountingAlloc::new();

/// Reads `PETR_config.ini` and every dictionary it names (the whole
/// Phoenix setup), as the `petrarch code` command will; `threads: None`
/// reads as `from_config` does (one thread per core).
fn load(dir: &Path, threads: Option<usize>) -> DictionarySet {
    let config = Config::read(&dir.join("PETR_config.ini"))
        .unwrap_or_else(|e| panic!("{e}"))
        .value;
    match threads {
        None => DictionarySet::from_config(&config),
        Some(n) => DictionarySet::from_config_with_threads(&config, n),
    }
    .unwrap_or_else(|e| panic!("{e}"))
    .value
}

/// Timed runs of `load`, sorted (milliseconds).
fn time_runs(dir: &Path, threads: Option<usize>, runs: usize) -> Vec<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let l = load(dir, threads);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        drop(l);
    }
    times.sort_by(f64::total_cmp);
    times
}

/// The 1-, 5- and 15-minute load averages, when the system tells them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    let Some(dir) = faultline_testdata::shared_file("petrarch2") else {
        return;
    };
    let runs: usize = std::env::var("FAULTLINE_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);

    // Peak heap on one untimed run (also warms the page cache).
    let before = ALLOC.live();
    ALLOC.reset_peak();
    let l = load(&dir, None);
    let retained = ALLOC.live().saturating_sub(before);
    let peak = ALLOC.peak().saturating_sub(before);
    // Counting off for the timed runs, so atomic updates do not inflate them.
    ALLOC.set_counting(false);
    let names: usize = l
        .actors
        .iter()
        .flat_map(|d| &d.actors)
        .map(|a| a.names.len())
        .sum();
    let (verbs, agents, discards, issues) = (
        l.verbs.as_ref().unwrap(),
        l.agents.as_ref().unwrap(),
        l.discards.as_ref().unwrap(),
        l.issues.as_ref().unwrap(),
    );
    println!(
        "read: {} verb groups, {} patterns, {} actor entries ({} names), {} agents, {} discards, {} issue sections",
        verbs.groups.len(),
        verbs.groups.iter().map(|g| g.patterns.len()).sum::<usize>(),
        l.actors.iter().map(|d| d.actors.len()).sum::<usize>(),
        names,
        agents.agents.len(),
        discards.discards.len(),
        issues.sections.len()
    );
    drop(l);

    let load_before = load_average();
    let times = time_runs(&dir, None, runs);
    let sequential = time_runs(&dir, Some(1), runs);
    // Where the time goes: one timed read per file.
    for (name, g) in [
        ("CAMEO.2.0.txt", 0),
        ("Phoenix.Countries.actors.txt", 1),
        ("Phoenix.International.actors.txt", 1),
        ("Phoenix.MilNonState.actors.txt", 1),
        ("Phoenix.agents.txt", 2),
        ("Phoenix.discards.txt", 3),
        ("Phoenix.IssueCoding.txt", 4),
    ] {
        let p = dir.join(name);
        let t = Instant::now();
        match g {
            0 => drop(VerbDictionary::read(&p)),
            1 => drop(ActorDictionary::read(&p)),
            2 => drop(AgentDictionary::read(&p)),
            3 => drop(DiscardList::read(&p)),
            _ => drop(IssueDictionary::read(&p)),
        }
        println!("  {name}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
    let median = times[times.len() / 2];
    println!(
        "load (read only, files from page cache): median {median:.1} ms over {runs} runs (min {:.1}, max {:.1}); peak heap {:.1} MiB, retained {:.1} MiB",
        times[0],
        times[times.len() - 1],
        peak as f64 / 1048576.0,
        retained as f64 / 1048576.0
    );
    println!(
        "  same read on one thread: median {:.1} ms (min {:.1}, max {:.1}); load average {load_before} before, {} after",
        sequential[sequential.len() / 2],
        sequential[0],
        sequential[sequential.len() - 1],
        load_average()
    );
}
