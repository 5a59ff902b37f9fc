//! Prints how the coder sees chosen sentences of a PETR XML file: the
//! noun-phrase units with their codes, the verbs found, and the events.
//!
//! `cargo run --release -p faultline-petrarch --example trace -- FILE.xml PETR_config.ini ID…`

use std::path::Path;

use faultline_petrarch::{Config, DictionarySet, PetrXml, PetrarchCoder};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: trace FILE.xml PETR_config.ini ID...");
        std::process::exit(2);
    }
    let config = Config::read(Path::new(&args[1])).expect("config").value;
    let set = DictionarySet::from_config(&config).expect("dictionaries").value;
    let coder = PetrarchCoder::new(&set);
    let xml = PetrXml::read(Path::new(&args[0])).expect("xml").value;
    for r in xml.sentences() {
        if !args[2..].contains(&r.id) {
            continue;
        }
        let tree = match r.tree(&args[0]) {
            Ok(t) => t,
            Err(e) => {
                println!("{}: {e}", r.id);
                continue;
            }
        };
        println!("== {}\n{}", r.id, coder.trace(&tree, r.date));
        println!("{:?}\n", coder.code(&tree, r.date, &config.options));
    }
}
