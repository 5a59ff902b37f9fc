//! Load benchmark: time to load the built-in dictionaries (decoding the
//! form `build.rs` precompiled) and to check them (compiling the text),
//! median of N runs, and peak heap while doing each.
//!
//! Targets (issue #3): under 20 ms and under 30 MiB. Peak heap is measured
//! with a counting global allocator in this binary only, so the library
//! pays nothing for it. Run with `cargo bench -p faultline-dict --bench load`
//! (set `FAULTLINE_BENCH_RUNS` to change N, default 21).

use std::time::Instant;

use faultline_dict::Dictionaries;
use faultline_testdata::CountingAlloc;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc::new();

fn main() {
    let runs: usize = std::env::var("FAULTLINE_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(21);
    // The ontology is parsed once per process and cached; load it first so
    // the timing is the dictionaries' own cost.
    let _ = faultline_ontology::Ontology::builtin();
    let base = ALLOC.live();
    ALLOC.reset_peak();
    // `check` compiles everything valid even when the data (still being
    // written) has errors, so the timing stays meaningful; errors are counted.
    let report = Dictionaries::check(true, &[]);
    let peak = ALLOC.peak().saturating_sub(base);
    let retained = ALLOC.live().saturating_sub(base);
    if !report.errors.is_empty() {
        eprintln!(
            "note: built-in dictionaries have {} errors (first: {})",
            report.errors.len(),
            report.errors[0]
        );
    }
    let dicts = report.dictionaries;
    let stats = dicts.stats();
    drop(dicts);
    // The start-up path decodes the precompiled form instead (see
    // src/binary.rs); its own peak and retained heap.
    let base2 = ALLOC.live();
    ALLOC.reset_peak();
    let pre = Dictionaries::builtin();
    let pre_peak = ALLOC.peak().saturating_sub(base2);
    let pre_retained = ALLOC.live().saturating_sub(base2);
    drop(pre);
    ALLOC.set_counting(false);
    // What a program pays at start-up: `Dictionaries::load` skips the
    // conflict scans whose warnings only `dict check` prints. With errors
    // in the data (still being written) time the same work through
    // `check_with`, which compiles whatever is valid.
    let load_ok = Dictionaries::builtin().is_ok();
    let time = |f: &dyn Fn()| {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            f();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        times
    };
    let times = time(&|| {
        if load_ok {
            drop(std::hint::black_box(Dictionaries::builtin()));
        } else {
            drop(std::hint::black_box(Dictionaries::check_with(
                true,
                &[],
                faultline_dict::compile::Checks::Errors,
            )));
        }
    });
    let check_times = time(&|| drop(std::hint::black_box(Dictionaries::check(true, &[]))));
    let median = times[times.len() / 2];
    let bytes: usize = faultline_dict::builtin_files()
        .iter()
        .map(|(_, t)| t.len())
        .sum();
    println!(
        "built-in dictionaries: {} files, {} bytes",
        faultline_dict::builtin_files().len(),
        bytes
    );
    println!("stats: {stats:?}");
    println!("load (Dictionaries::builtin, precompiled): median {median:.2} ms over {runs} runs (min {:.2}, max {:.2}); target < 20 ms", times[0], times[times.len() - 1]);
    println!(
        "dict check (also scans for conflicts): median {:.2} ms",
        check_times[check_times.len() / 2]
    );
    // Loading uses two threads (see compile.rs); on a busy shared machine
    // the median includes waiting for a core, so the load average is shown.
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        println!(
            "load average while measuring: {}",
            l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
        );
    }
    println!(
        "heap (compiling the text): peak {:.2} MiB, {:.2} MiB retained; target < 30 MiB",
        peak as f64 / 1048576.0,
        retained as f64 / 1048576.0
    );
    println!(
        "heap (precompiled builtin): peak {:.2} MiB, {:.2} MiB retained",
        pre_peak as f64 / 1048576.0,
        pre_retained as f64 / 1048576.0
    );
    token_lookups(&dicts_for_lookups());
}

fn dicts_for_lookups() -> Dictionaries {
    Dictionaries::check(true, &[]).dictionaries
}

/// The coder's per-token work: key the token, find the longest name at
/// it, and lemmatise it. Measured over the seed op-ed (shared data) or,
/// without it, over the built-in dictionary text itself.
fn token_lookups(dicts: &Dictionaries) {
    let text = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_else(|| {
            faultline_dict::builtin_files()
                .iter()
                .map(|(_, t)| *t)
                .collect::<Vec<_>>()
                .join("\n")
        });
    let raw: Vec<&str> = text
        .split_whitespace()
        .flat_map(faultline_dict::phrase_tokens)
        .collect();
    let names = dicts.names();
    let lex = dicts.lexicon();
    let mut best = f64::MAX;
    let mut found = 0usize;
    for _ in 0..5 {
        let t = Instant::now();
        let toks: Vec<_> = raw.iter().map(|w| names.token(w)).collect();
        found = 0;
        let mut readings = 0usize;
        for (i, word) in raw.iter().enumerate() {
            if names.longest_at(&toks, i).is_some() {
                found += 1;
            }
            readings += lex.analyses(&faultline_dict::normalize_key(word)).len();
        }
        std::hint::black_box(readings);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "token look-ups: {} tokens, {found} name starts; {:.0} ns/token (key + longest name + lemmas), {:.1} M tokens/s",
        raw.len(),
        best * 1e9 / raw.len() as f64,
        raw.len() as f64 / best / 1e6
    );
}
