//! Coding benchmark for issue #5: load + compile time and peak heap for the
//! full Phoenix dictionaries (targets < 50 ms, < 50 MiB), and coding
//! throughput on the GigaWord sample repeated to ≥ 10,000 sentences on 1
//! and 2 threads (target ≥ 200,000 sentences/s on 2 cores, ≥ 100×
//! PETRARCH2's 1,553/s), against a tree-parse-only baseline measured in the
//! same run.
//!
//! Run with `cargo bench -p faultline-petrarch --bench code`; set
//! `FAULTLINE_BENCH_RUNS` for the number of timed runs (default 5, median
//! reported). The machine this runs on is shared, so beside wall-clock
//! rates the coding runs also report sentences per CPU-second (process
//! CPU time, Linux `/proc/self/stat`) and the load average: other work
//! slows the wall clock far more than it slows CPU time. Throughput counts reading the tree from its bracketed text
//! *and* coding it, as PETRARCH2's number does (it reads the trees too).

use std::time::{Duration, Instant};

use faultline_petrarch::{Config, DictionarySet, Options, Outcome, PetrXml, PetrarchCoder, Tree};

/// PETRARCH2 on the GigaWord sample with the Phoenix dictionaries, coding
/// only, sentences per second (issue #5, measured on this machine class).
const PETRARCH2_RATE: f64 = 1553.0;
/// Sentences coded per timed run (the sample repeated).
const TARGET_SENTENCES: usize = 10_000;

/// Counts live bytes for the load measurement (peak heap).
#[global_allocator]
static ALLOC: faultline_testdata::CountingAlloc = faultline_testdata::CountingAlloc::new();

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn runs() -> usize {
    std::env::var("FAULTLINE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5)
}

/// This process's user + system CPU time in seconds (Linux; `None`
/// elsewhere, which leaves the CPU rate out).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // utime and stime are fields 14 and 15, counted after the `(comm)`
    // field, in clock ticks of 1/100 s on Linux.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok());
    Some((tick(11)? + tick(12)?) / 100.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn load(config: &std::path::Path) -> (PetrarchCoder, Options) {
    let c = Config::read(config).expect("config").value;
    let set = DictionarySet::from_config(&c).expect("dictionaries").value;
    (PetrarchCoder::new(&set), c.options)
}

/// Codes `parses` split over `threads` workers; returns events found.
fn code_all(
    coder: &PetrarchCoder,
    options: &Options,
    parses: &[&str],
    threads: usize,
    code: bool,
) -> usize {
    let chunk = parses.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = parses
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut n = 0usize;
                    for p in part {
                        let tree = Tree::parse(p).expect("sample parses are well formed");
                        if code {
                            if let Outcome::Events(e) = coder.code(&tree, None, options) {
                                n += e.len();
                            }
                        } else {
                            n += tree.word_count();
                        }
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).sum()
    })
}

fn main() {
    let Some(config) = faultline_testdata::shared_file("petrarch2/PETR_config.ini") else {
        return;
    };
    let Some(sample) = faultline_testdata::shared_file("petrarch2/GigaWord.sample.PETR.xml") else {
        return;
    };
    let n = runs();
    println!("load average at start: {}", load_average());

    // Load + compile: peak heap on one counted run, then timed runs.
    ALLOC.set_counting(true);
    let base = ALLOC.live();
    ALLOC.reset_peak();
    let (coder, options) = load(&config);
    let peak = ALLOC.peak().saturating_sub(base);
    let resident = ALLOC.live().saturating_sub(base);
    ALLOC.set_counting(false);
    let times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            let c = load(&config);
            let d = t.elapsed();
            drop(c);
            d
        })
        .collect();
    let st = coder.stats();
    println!(
        "load+compile Phoenix: median {:.1} ms over {n} runs (target < 50 ms); peak heap {:.1} MiB, compiled coder {:.1} MiB (target < 50 MiB)",
        median(times).as_secs_f64() * 1e3,
        peak as f64 / (1 << 20) as f64,
        resident as f64 / (1 << 20) as f64
    );
    println!(
        "  compiled: {} actor names, {} agent phrases, {} verb forms, {} patterns",
        st.actor_names, st.agent_phrases, st.verb_forms, st.patterns
    );

    // Throughput on the sample repeated to ≥ TARGET_SENTENCES.
    let xml = PetrXml::read(&sample).expect("sample").value;
    let one: Vec<String> = xml
        .sentences()
        .filter_map(|r| r.parse.as_ref().map(|p| p.text.clone()))
        .collect();
    let reps = TARGET_SENTENCES.div_ceil(one.len().max(1));
    let parses: Vec<&str> = (0..reps)
        .flat_map(|_| one.iter().map(String::as_str))
        .collect();
    let total = parses.len();
    // Coding alone, trees already read (PETRARCH2's 1,553/s is "coding only").
    let trees: Vec<Tree> = parses
        .iter()
        .map(|p| Tree::parse(p).expect("well formed"))
        .collect();
    for threads in [1usize, 2] {
        let chunk = trees.len().div_ceil(threads);
        let cpu_start = cpu_seconds();
        let times: Vec<Duration> = (0..n)
            .map(|_| {
                let t = Instant::now();
                std::thread::scope(|s| {
                    for part in trees.chunks(chunk) {
                        let (coder, options) = (&coder, &options);
                        s.spawn(move || {
                            part.iter()
                                .map(|t| match coder.code(t, None, options) {
                                    Outcome::Events(e) => e.len(),
                                    Outcome::Discarded(_) => 0,
                                })
                                .sum::<usize>()
                        });
                    }
                });
                t.elapsed()
            })
            .collect();
        let cpu = cpu_start.zip(cpu_seconds()).map(|(a, b)| b - a);
        let rate = total as f64 / median(times).as_secs_f64();
        println!(
            "{threads} thread(s), code only (trees read beforehand): {rate:.0} sentences/s = {:.0}x PETRARCH2's {PETRARCH2_RATE}",
            rate / PETRARCH2_RATE
        );
        if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
            let per_cpu = (total * n) as f64 / cpu;
            println!(
                "  CPU: {:.2} µs per sentence, {per_cpu:.0} sentences per CPU-second ({:.0} on 2 fully used cores = {:.0}x PETRARCH2)",
                1e6 / per_cpu,
                2.0 * per_cpu,
                2.0 * per_cpu / PETRARCH2_RATE
            );
        }
    }
    println!("load average at end: {}", load_average());
    let mut baseline_rate = 0.0;
    for threads in [1usize, 2] {
        for (label, code) in [("tree parse only", false), ("parse + code", true)] {
            let mut events = 0;
            let times: Vec<Duration> = (0..n)
                .map(|_| {
                    let t = Instant::now();
                    events = code_all(&coder, &options, &parses, threads, code);
                    t.elapsed()
                })
                .collect();
            let rate = total as f64 / median(times).as_secs_f64();
            if !code {
                baseline_rate = rate;
                println!("{threads} thread(s), {label}: {rate:.0} sentences/s ({total} sentences)");
            } else {
                println!(
                    "{threads} thread(s), {label}: {rate:.0} sentences/s ({total} sentences, {events} events) = {:.0}x PETRARCH2's {PETRARCH2_RATE}, {:.2}x our parse-only baseline",
                    rate / PETRARCH2_RATE,
                    rate / baseline_rate
                );
            }
        }
    }
}
