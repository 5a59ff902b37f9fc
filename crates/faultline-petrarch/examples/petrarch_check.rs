//! Reads every PETRARCH file named on the command line and prints a summary:
//! `cargo run -p faultline-petrarch --example petrarch_check -- FILE…`.
//! The reader is chosen from the file name (`verbs`/`CAMEO` → verbs,
//! `actors`, `agents`, `discards`, `Issue`, `.ini`, `.xml`).

use std::path::Path;

use faultline_petrarch::*;

fn report<T>(name: &str, r: Result<Loaded<T>, ReadError>, summary: impl Fn(&T) -> String) {
    match r {
        Ok(l) => {
            println!(
                "{name}: ok, {}; {} warnings",
                summary(&l.value),
                l.warnings.len()
            );
            for w in &l.warnings {
                println!("  warning: {w}");
            }
        }
        Err(e) => println!("{name}: FAILED\n{e}"),
    }
}

fn main() {
    for arg in std::env::args().skip(1) {
        let p = Path::new(&arg);
        let n = p
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if n.contains("verbs") || n.starts_with("CAMEO") {
            report(&n, VerbDictionary::read(p), |d| {
                format!(
                    "{:?}, {} groups, {} verbs, {} patterns, {} synsets, {} transformations",
                    d.generation,
                    d.groups.len(),
                    d.groups.iter().map(|g| g.verbs.len()).sum::<usize>(),
                    d.groups.iter().map(|g| g.patterns.len()).sum::<usize>(),
                    d.synsets.len(),
                    d.transformations.len()
                )
            });
        } else if n.contains("actors") {
            report(&n, ActorDictionary::read(p), |d| {
                format!(
                    "{} actors, {} names, {} codes",
                    d.actors.len(),
                    d.actors.iter().map(|a| a.names.len()).sum::<usize>(),
                    d.actors.iter().map(|a| a.codes.len()).sum::<usize>()
                )
            });
        } else if n.contains("agents") {
            report(&n, AgentDictionary::read(p), |d| {
                format!(
                    "{} agents, {} substitution sets",
                    d.agents.len(),
                    d.substitutions.len()
                )
            });
        } else if n.contains("discards") {
            report(&n, DiscardList::read(p), |d| {
                format!("{} discards", d.discards.len())
            });
        } else if n.contains("Issue") {
            report(&n, IssueDictionary::read(p), |d| {
                format!(
                    "{} sections, {} phrases",
                    d.sections.len(),
                    d.sections
                        .iter()
                        .map(|s| s.phrases.len() + s.exclusions.len())
                        .sum::<usize>()
                )
            });
        } else if n.ends_with(".ini") {
            report(&n, Config::read(p), |c| format!("{c:?}"));
        } else if n.ends_with(".xml") {
            let r = PetrXml::read(p);
            if let Ok(l) = &r {
                for s in l.value.sentences() {
                    if let Err(e) = s.tree(&n) {
                        println!("  tree: {e}");
                    }
                }
            }
            report(&n, r, |x| {
                format!(
                    "{} items, {} sentences, env {:?}",
                    x.items.len(),
                    x.sentences().count(),
                    x.environment
                )
            });
        }
    }
}
