//! Compiles the Phoenix dictionaries N times (after reading them once), for
//! profiling `PetrarchCoder::new` alone.
//!
//! `cargo run --release -p faultline-petrarch --example compile_profile -- N`

use faultline_petrarch::{Config, DictionarySet, PetrarchCoder};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let Some(config) = faultline_testdata::shared_file("petrarch2/PETR_config.ini") else {
        return;
    };
    let c = Config::read(&config).expect("config").value;
    let set = DictionarySet::from_config(&c).expect("dictionaries").value;
    let (mut compile, mut drop) = (Vec::new(), Vec::new());
    let mut names = 0;
    for _ in 0..n {
        let t = std::time::Instant::now();
        let coder = PetrarchCoder::new(&set);
        compile.push(t.elapsed().as_secs_f64() * 1000.0);
        names += coder.stats().actor_names;
        let t = std::time::Instant::now();
        std::mem::drop(coder);
        drop.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    compile.sort_by(f64::total_cmp);
    drop.sort_by(f64::total_cmp);
    println!(
        "{n} compiles: median {:.2} ms (min {:.2}); drop median {:.2} ms; {names} names",
        compile[n / 2], compile[0], drop[n / 2]
    );
}
