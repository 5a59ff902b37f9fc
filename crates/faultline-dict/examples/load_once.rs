//! Loads the built-in dictionaries N times (argument, default 1) after the
//! ontology, for instruction counting: `valgrind --tool=callgrind` on
//! `load_once 0` and `load_once 1` gives the cost of one load as the
//! difference, free of the noise of wall-clock timing on a busy machine.

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let _ = faultline_ontology::Ontology::builtin();
    for _ in 0..n {
        let d = faultline_dict::Dictionaries::builtin().expect("built-in dictionaries load");
        // Not dropped: the count is the load, as in `benches/load.rs`
        // (which times the load and frees outside the timed region).
        std::mem::forget(std::hint::black_box(d));
    }
}
