//! Codes the GigaWord sample a given number of times, for instruction
//! counting under `valgrind --tool=callgrind` (wall-clock numbers on a
//! shared machine vary too much to compare two versions of the coder).
//!
//! `cargo run --release -p faultline-petrarch --example code_profile -- REPS [cpu|dump]`
//! prints the sentences and events coded and, with `cpu`, the process CPU
//! time per sentence; `dump` prints every event of the first repetition
//! (to check that an optimisation changed no output). Instructions per sentence are the difference between
//! two runs (e.g. REPS 0 and 10) divided by the extra sentences, which
//! cancels the dictionary loading.

use faultline_petrarch::{Config, DictionarySet, Outcome, PetrXml, PetrarchCoder, Tree};

fn main() {
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let mode = std::env::args().nth(2).unwrap_or_default();
    let cpu = mode == "cpu";
    let dump = mode == "dump";
    let Some(config) = faultline_testdata::shared_file("petrarch2/PETR_config.ini") else {
        return;
    };
    let Some(sample) = faultline_testdata::shared_file("petrarch2/GigaWord.sample.PETR.xml") else {
        return;
    };
    let c = Config::read(&config).expect("config").value;
    let set = DictionarySet::from_config(&c).expect("dictionaries").value;
    let coder = PetrarchCoder::new(&set);
    let xml = PetrXml::read(&sample).expect("sample").value;
    let trees: Vec<Tree> = xml
        .sentences()
        .filter_map(|r| {
            r.parse
                .as_ref()
                .map(|p| Tree::parse(&p.text).expect("well formed"))
        })
        .collect();
    let start = cpu_seconds();
    let (mut sentences, mut events) = (0usize, 0usize);
    for rep in 0..reps {
        for (i, t) in trees.iter().enumerate() {
            sentences += 1;
            match coder.code(t, None, &c.options) {
                Outcome::Events(e) => {
                    events += e.len();
                    if dump && rep == 0 {
                        for e in e {
                            println!("{i}\t{e:?}");
                        }
                    }
                }
                Outcome::Discarded(d) if dump && rep == 0 => println!("{i}\t{d:?}"),
                Outcome::Discarded(_) => {}
            }
        }
    }
    let used = cpu_seconds() - start;
    println!("{sentences} sentences coded, {events} events");
    if cpu && sentences > 0 {
        println!(
            "CPU {:.3} s: {:.2} µs per sentence, {:.0} sentences per CPU-second",
            used,
            used * 1e6 / sentences as f64,
            sentences as f64 / used
        );
    }
}

/// This process's user + system CPU time from `/proc/self/stat` (Linux), in
/// seconds; 0 elsewhere, which only disables the CPU report.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields overall, in clock ticks (100 per second on Linux).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}
