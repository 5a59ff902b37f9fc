//! Throughput of the Faultline engine on Penn trees (`faultline petrarch
//! code --engine faultline`): the GigaWord sample's 76 parses repeated to
//! ≥ 10,000 sentences, coded on one thread with the built-in dictionaries.
//! Reading the trees from their bracketed text is counted, as in the
//! `code` bench of the PETRARCH engine, and so is rebuilding the text,
//! Faultline's tokenizer and date resolver, the analysis and the coding.
//!
//! Run with `cargo bench -p faultline-petrarch --bench faultline_engine`;
//! `FAULTLINE_BENCH_RUNS` sets the number of timed runs (default 5, median
//! reported). The machine is shared: the load average is printed beside
//! the rate.

use std::time::{Duration, Instant};

use faultline_coder::Coder;
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_petrarch::{stories, EngineScratch, FaultlineEngine, PetrXml, Tree, TreeRecord};

/// Sentences coded per timed run (the sample repeated).
const TARGET_SENTENCES: usize = 10_000;

fn runs() -> usize {
    std::env::var("FAULTLINE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    let Some(path) = faultline_testdata::shared_file("petrarch2/GigaWord.sample.PETR.xml") else {
        eprintln!("skipped: the GigaWord sample is not available");
        return;
    };
    let xml = PetrXml::read(&path)
        .expect("the GigaWord sample reads")
        .value;
    let sample: Vec<(String, Option<faultline_petrarch::PetrDate>, String)> = xml
        .sentences()
        .filter_map(|r| {
            r.parse
                .as_ref()
                .map(|p| (r.id.clone(), r.date, p.text.clone()))
        })
        .collect();
    assert!(!sample.is_empty(), "the sample has parses");
    // Repeated copies get distinct story ids so stories stay one sample record long.
    let copies = TARGET_SENTENCES.div_ceil(sample.len());
    let input: Vec<(String, Option<faultline_petrarch::PetrDate>, &str)> = (0..copies)
        .flat_map(|c| {
            sample
                .iter()
                .map(move |(id, d, p)| (format!("{id}.{c}"), *d, p.as_str()))
        })
        .collect();

    let dicts = Dictionaries::builtin().expect("built-in dictionaries");
    let engine = FaultlineEngine::new(Coder::new(&dicts, Ontology::builtin()));
    let mut scratch = EngineScratch::default();
    let mut times = Vec::new();
    let mut events = 0usize;
    for _ in 0..runs() {
        let t0 = Instant::now();
        let trees: Vec<Tree> = input
            .iter()
            .map(|(_, _, p)| Tree::parse(p).expect("sample parses read"))
            .collect();
        let records: Vec<TreeRecord<'_>> = input
            .iter()
            .zip(&trees)
            .map(|((id, date, _), tree)| TreeRecord {
                id,
                date: *date,
                tree,
            })
            .collect();
        events = 0;
        for range in stories(&records) {
            events += engine
                .code_story(&records[range], &mut scratch)
                .events
                .len();
        }
        times.push(t0.elapsed());
    }
    times.sort();
    let median: Duration = times[times.len() / 2];
    let rate = input.len() as f64 / median.as_secs_f64();
    println!(
        "faultline engine, 1 thread: {} sentences in {:.1} ms (median of {}): {:.0} sentences/s, {} events per run (load average {})",
        input.len(),
        median.as_secs_f64() * 1e3,
        times.len(),
        rate,
        events,
        load_average()
    );
}
