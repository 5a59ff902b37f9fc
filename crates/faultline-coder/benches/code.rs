//! Throughput, memory and allocations of `faultline code`'s work: the text
//! pipeline plus the coder plus JSONL formatting, on one and two threads.
//!
//! Corpus: the seed op-ed (shared data; the benchmark is skipped with a
//! message when it is absent) and the texts this project wrote (the demo
//! article, the README and the docs), each one document, repeated as many
//! documents until the corpus is at least 20 MB — repetition is across
//! documents, as in a news feed, since clean-up drops duplicates inside one.
//!
//! Measured in the same run:
//! * baseline: the text pipeline alone (clean-up, segmentation, tokens,
//!   dates), so the coder's cost reads as a ratio;
//! * end to end: pipeline + `Coder::code_document` + the default policy +
//!   JSONL into a reused buffer (what `faultline code` does minus I/O);
//! * each on 1 thread and on 2 rayon threads; best of two passes, since the
//!   machine is shared (wall time, and CPU time from the kernel's per-thread
//!   statistics);
//! * peak memory: a counting global allocator's peak live bytes above what
//!   is live before the pass (the corpus, the dictionaries), during one pass
//!   coding on 2 threads;
//! * allocations per sentence: allocator calls during a single-threaded pass
//!   divided by sentences, for the pipeline alone and end to end (the
//!   difference is the coder's and the formatter's).
//!
//! Counting is switched off for the throughput passes so that the two
//! threads do not contend on the counters.
//!
//! Run with `cargo bench -p faultline-coder --bench code`.

use std::hint::black_box;
use std::time::Instant;

use faultline_coder::output::{write_events, OutputFormat};
use faultline_coder::{Coder, CoderScratch, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{Date, Document, Pipeline};
use rayon::prelude::*;

/// Counts allocation calls and live bytes (peak memory, allocations per
/// sentence); switched off for the timed runs.
#[global_allocator]
static ALLOC: faultline_testdata::CountingAlloc = faultline_testdata::CountingAlloc::new();

const TARGET_BYTES: usize = 20 << 20;
const PASSES: usize = 2;

/// Totals of one pass.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Totals {
    sentences: usize,
    events: usize,
    out_bytes: usize,
}

impl std::ops::Add for Totals {
    type Output = Totals;
    fn add(self, o: Totals) -> Totals {
        Totals { sentences: self.sentences + o.sentences, events: self.events + o.events, out_bytes: self.out_bytes + o.out_bytes }
    }
}

/// What one worker does per document; `buf` is reused across documents.
fn segment(pipeline: &Pipeline, doc: &Document) -> Totals {
    let ss = pipeline.run(doc);
    Totals { sentences: ss.len(), ..Totals::default() }
}

/// Per-thread reusable state of the end-to-end pass.
#[derive(Default)]
struct Buffers {
    scratch: CoderScratch,
    out: Vec<u8>,
}

fn code(pipeline: &Pipeline, coder: &Coder<'_>, filter: &EventFilter, ontology: &Ontology, doc: &Document, bufs: &mut Buffers) -> Totals {
    let ss = pipeline.run(doc);
    let mut events = coder.code_document(doc, &ss, &mut bufs.scratch);
    filter.apply(&mut events);
    let buf = &mut bufs.out;
    buf.clear();
    let n = write_events(OutputFormat::Jsonl, &doc.id, &ss, &events, ontology, buf).expect("coder events fit their sentences");
    Totals { sentences: ss.len(), events: n, out_bytes: buf.len() }
}

/// CPU time used so far by every thread of this process, in seconds, from
/// Linux's per-thread scheduler statistics (`None` elsewhere). Wall time on
/// a shared machine depends on the other users; CPU time much less, so the
/// table reports both.
fn cpu_secs() -> Option<f64> {
    let mut ns = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        ns += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(ns as f64 / 1e9)
}

/// One measurement: best wall time and best CPU time of `PASSES` runs.
#[derive(Debug, Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: Option<f64>,
}

/// Times `PASSES` runs of `f`; returns the best times and the totals.
fn best(mut f: impl FnMut() -> Totals) -> (Timing, Totals) {
    let mut t = Timing { wall: f64::MAX, cpu: None };
    let mut totals = Totals::default();
    for _ in 0..PASSES {
        let c0 = cpu_secs();
        let w0 = Instant::now();
        totals = black_box(f());
        t.wall = t.wall.min(w0.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c0, cpu_secs()) {
            t.cpu = Some(t.cpu.map_or(c1 - c0, |c: f64| c.min(c1 - c0)));
        }
    }
    (t, totals)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let Some(seed_path) = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt") else {
        println!("skipped: the seed op-ed (shared data) is not available; the corpus is built from it");
        return;
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut sources: Vec<(String, String)> = vec![(
        "seed".into(),
        std::fs::read_to_string(&seed_path).expect("read the seed"),
    )];
    for rel in ["crates/faultline/demo/article.txt", "README.md", "docs/dictionaries.md"] {
        match std::fs::read_to_string(format!("{root}/{rel}")) {
            Ok(t) => sources.push((rel.to_string(), t)),
            Err(e) => println!("note: {rel} not read ({e})"),
        }
    }
    let date = Date::from_ymd(2023, 2, 1).ok();
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < TARGET_BYTES {
        let (_, text) = &sources[i % sources.len()];
        total += text.len();
        docs.push(Document::from_text(format!("doc{i}"), date, text.clone()));
        i += 1;
    }
    let names: Vec<&str> = sources.iter().map(|(n, _)| n.as_str()).collect();
    println!("corpus: {} documents, {:.1} MB, from {}", docs.len(), total as f64 / 1e6, names.join(", "));

    let t = Instant::now();
    let dicts = Dictionaries::builtin().expect("built-in dictionaries compile");
    let ontology = Ontology::builtin();
    let coder = Coder::new(&dicts, ontology);
    let filter = EventFilter::default();
    let pipeline = Pipeline::default();
    println!("dictionaries + coder ready in {:.0} ms", t.elapsed().as_secs_f64() * 1e3);

    let pool2 = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("thread pool");

    // Everything allocated so far (corpus, dictionaries, pool) is live:
    // counting has been on since the start.
    let base_live = ALLOC.live();

    // Allocations per sentence, single-threaded (also a warm-up pass).
    let calls0 = ALLOC.calls();
    let seg_totals = docs.iter().map(|d| segment(&pipeline, d)).fold(Totals::default(), |a, b| a + b);
    let seg_calls = ALLOC.calls() - calls0;
    let mut buf = Buffers::default();
    let calls0 = ALLOC.calls();
    let code_totals =
        docs.iter().map(|d| code(&pipeline, &coder, &filter, ontology, d, &mut buf)).fold(Totals::default(), |a, b| a + b);
    let code_calls = ALLOC.calls() - calls0;
    drop(buf);
    let sentences = seg_totals.sentences;
    assert_eq!(code_totals.sentences, sentences, "same sentences with and without the coder");

    // Peak memory above what is live before the pass, while coding on two
    // threads: one counted pass.
    let live0 = ALLOC.live();
    ALLOC.reset_peak();
    let counted = pool2.install(|| {
        docs.par_iter()
            .map_init(Buffers::default, |buf, d| code(&pipeline, &coder, &filter, ontology, d, buf))
            .reduce(Totals::default, |a, b| a + b)
    });
    let peak_above = ALLOC.peak().saturating_sub(live0);
    assert_eq!(counted, code_totals, "one and two threads code the same events");

    // Throughput, counting off.
    ALLOC.set_counting(false);
    let (seg1, _) = best(|| docs.iter().map(|d| segment(&pipeline, d)).fold(Totals::default(), |a, b| a + b));
    let (seg2, _) = best(|| pool2.install(|| docs.par_iter().map(|d| segment(&pipeline, d)).reduce(Totals::default, |a, b| a + b)));
    let (code1, t1) = best(|| {
        let mut buf = Buffers::default();
        docs.iter().map(|d| code(&pipeline, &coder, &filter, ontology, d, &mut buf)).fold(Totals::default(), |a, b| a + b)
    });
    let (code2, t2) = best(|| {
        pool2.install(|| {
            docs.par_iter()
                .map_init(Buffers::default, |buf, d| code(&pipeline, &coder, &filter, ontology, d, buf))
                .reduce(Totals::default, |a, b| a + b)
        })
    });
    assert_eq!(t1, t2, "one and two threads code the same events");

    let rate = |secs: f64| sentences as f64 / secs;
    let mbs = |secs: f64| total as f64 / 1e6 / secs;
    let per_cpu = |t: Timing| t.cpu.map_or("n/a".to_string(), |c| format!("{:.0}", rate(c)));
    println!();
    println!("{} sentences, {} events (default policy), {:.1} MB of JSONL", sentences, t1.events, t1.out_bytes as f64 / 1e6);
    println!(
        "load average at start of the table: {}",
        std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_else(|_| "n/a".into())
    );
    println!();
    println!("| stage                    | threads | sentences/s (wall) | MB/s (wall) | events/s (wall) | sentences per CPU-second | time vs pipeline |");
    println!("|--------------------------|---------|--------------------|-------------|-----------------|--------------------------|------------------|");
    for (name, threads, t, events) in [
        ("text pipeline (baseline)", 1, seg1, None),
        ("text pipeline (baseline)", 2, seg2, None),
        ("pipeline + coder + JSONL", 1, code1, Some(t1.events)),
        ("pipeline + coder + JSONL", 2, code2, Some(t2.events)),
    ] {
        let base = if threads == 1 { seg1 } else { seg2 };
        println!(
            "| {name} | {threads:>7} | {:>18.0} | {:>11.1} | {:>15} | {:>24} | {:>15.2}x |",
            rate(t.wall),
            mbs(t.wall),
            events.map_or(String::new(), |e| format!("{:.0}", e as f64 / t.wall)),
            per_cpu(t),
            t.wall / base.wall,
        );
    }
    println!();
    println!("speed-up on 2 threads (wall): pipeline {:.2}x, end to end {:.2}x", seg1.wall / seg2.wall, code1.wall / code2.wall);
    println!(
        "target >= 50,000 sentences/s on 2 cores: {:.0}/s wall ({})",
        rate(code2.wall),
        if rate(code2.wall) >= 50_000.0 { "met" } else { "NOT met" }
    );
    println!(
        "(the machine is shared: with a load average above 2 the wall figures understate an idle machine; \
         CPU-seconds come from /proc/self/task/*/schedstat and are only as good as the VM's accounting)"
    );
    println!();
    println!("memory: corpus + dictionaries live before coding {:.1} MiB; peak while coding on 2 threads {:.1} MiB above that", mib(base_live), mib(peak_above));
    println!(
        "allocations per sentence: pipeline {:.1}, end to end {:.1} (coder + formatting {:.1})",
        seg_calls as f64 / sentences as f64,
        code_calls as f64 / sentences as f64,
        (code_calls as f64 - seg_calls as f64) / sentences as f64
    );
}
