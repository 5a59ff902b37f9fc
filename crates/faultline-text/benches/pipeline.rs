//! Throughput of the text pipeline, single-threaded.
//!
//! Corpus: the seed op-ed (when the shared data is present) and a
//! project-written news text, as separate documents repeated until the
//! corpus is at least 20 MB (clean-up deduplicates within a document, so
//! repetition is across documents, as in a real news feed).
//!
//! Prints MB/s (best of three passes, by wall clock and by this thread's
//! CPU time, since the machine may be shared) for clean-up + segmentation + tokens (dates off), for the
//! full pipeline (dates on), and for a `memchr` line count over the same
//! bytes as the same-run baseline. Run with `cargo bench -p faultline-text`.

use std::hint::black_box;
use std::time::Instant;

use faultline_text::{Document, Pipeline};

const TARGET_BYTES: usize = 20 << 20;

/// News-like text written for this benchmark: abbreviations, quotes,
/// dashes, numbers, money, a caption, a headline and a boilerplate tail.
const PROJECT_TEXT: &str = "Analysis
Kazakhstan Hedges Between Moscow and Beijing

By Jane Doe and John Roe

Leaders meet in Astana on Sept. 14, 2022. Jane Roe/AFP via Getty Images

On a visit to Astana last September, Chinese President Xi Jinping pledged to \u{201C}resolutely\u{201D} support Kazakhstan\u{2019}s sovereignty\u{2014}a pointed message to Moscow. Russian officials said nothing in public. Kazakhstan\u{2019}s president, Kassym-Jomart Tokayev, has refused to recognize the annexations; he told a forum in St. Petersburg that the U.N. Charter applies to all states.

Trade with China rose by 34% to $31.5 billion in 2022, according to customs data published in January. Gen. Ruslan Zhaksylykov, the defense minister, met U.S. officials at 9 a.m. Monday. \u{201C}We will not recognize them,\u{201D} he said. Then he left for Washington, D.C., where talks continued until 3 p.m. The delegation didn\u{2019}t comment.

Analysts at Nazarbayev University say the balance can\u{2019}t last forever. China\u{2019}s No. 2 diplomat, Wang Yi, visited in early October 2022 and again by July 2023. The U.S.-Kazakh dialogue, meanwhile, expanded to energy, critical minerals, etc. Russia objected (quietly).

Sino-Russian ties remain close, but the 77-year-old order is shifting. Beijing\u{2019}s loans to Central Asia fell to $1.2 billion in 2022 from $6.5 billion in 2016\u{2026} Observers in Almaty expect more hedging.

Join the Conversation

Already a subscriber? Log In

More from The Faultline Ledger

Russia\u{2019}s Neighbors Are Nervous
";

/// CPU time of this thread in seconds (Linux), so a busy shared machine
/// does not make the pipeline look slower than it is.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn main() {
    let seed =
        faultline_testdata::shared_file("seed/fp-china-russia-2023.txt").and_then(|p| std::fs::read_to_string(p).ok());
    let mut sources: Vec<String> = vec![PROJECT_TEXT.to_string()];
    if let Some(s) = seed {
        sources.push(s);
    }
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < TARGET_BYTES {
        let text = &sources[i % sources.len()];
        total += text.len();
        docs.push(Document::from_text(format!("doc{i}"), None, text.clone()));
        i += 1;
    }
    let mb = total as f64 / 1e6;
    println!("corpus: {} documents, {:.1} MB ({} source texts)", docs.len(), mb, sources.len());

    // The machine is shared: every figure is the best of three passes.
    const PASSES: usize = 3;

    // Baseline: count lines with memchr over the same bytes.
    let mut best = f64::MAX;
    for _ in 0..PASSES {
        let t = Instant::now();
        let mut lines = 0usize;
        for d in &docs {
            lines += memchr::memchr_iter(b'\n', d.text().as_bytes()).count();
        }
        black_box(lines);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let base = mb / best;

    let measure = |pipeline: &Pipeline| {
        // One warm-up pass over a slice, then the timed pass.
        for d in docs.iter().take(50) {
            black_box(pipeline.run(d));
        }
        let mut best = f64::MAX;
        let mut best_cpu = f64::MAX;
        let (mut sentences, mut tokens) = (0usize, 0usize);
        for _ in 0..PASSES {
            let cpu = cpu_seconds();
            let t = Instant::now();
            sentences = 0;
            tokens = 0;
            for d in &docs {
                let ss = pipeline.run(d);
                sentences += ss.len();
                tokens += ss.iter().map(|s| s.tokens.len()).sum::<usize>();
                black_box(&ss);
            }
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (cpu, cpu_seconds()) {
                best_cpu = best_cpu.min(b - a);
            }
        }
        (mb / best, mb / best_cpu, sentences, tokens)
    };
    let (seg, seg_cpu, sentences, tokens) = measure(&Pipeline { clean: true, resolve_dates: false });
    let (full, full_cpu, _, _) = measure(&Pipeline { clean: true, resolve_dates: true });

    println!("                                        wall (best of {PASSES})   CPU time");
    println!("memchr line count (baseline):          {base:>9.1} MB/s");
    println!(
        "clean-up + segmentation + tokens:      {seg:>9.1} MB/s  {seg_cpu:>9.1} MB/s  ({:.4} of baseline; {sentences} sentences, {tokens} tokens)",
        seg / base
    );
    println!(
        "full pipeline (with date resolution):  {full:>9.1} MB/s  {full_cpu:>9.1} MB/s  ({:.4} of baseline)",
        full / base
    );
}
