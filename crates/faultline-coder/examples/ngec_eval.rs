//! How often Faultline's coded events carry a story's PLOVER label, on the
//! NGEC synthetic stories (a development set, not a target).
//!
//! `shared/data/ngec/synthetic_plover_stories.csv` has 4,500 synthetic
//! news stories, each labelled with one PLOVER event type (and a mode).
//! Columns: `disclaimer, text, title, source, prompt, label, mode`. `text`
//! is the story body; `prompt` starts with the headline it was generated
//! from (with the country filled in) and the news agency. The file carries
//! no publication date, so stories are coded without one.
//!
//! For each label this prints: stories; stories whose label is among the
//! PLOVER events coded from the story, under the default policy and with
//! every event (`--all`); the shares; stories with no event at all; and
//! the confusion — the PLOVER category most often coded for stories of the
//! label when the label itself was not found.
//!
//! ```text
//! cargo run --release -p faultline-coder --example ngec_eval [-- [--headline] [CSV]]
//! ```
//!
//! `--headline` codes the headline (the prompt's first line) as a first
//! paragraph before the body. `--misses FILE` writes, for every story whose
//! label was not found under the default policy, its sentences with their
//! actor mentions, pattern matches and events (every policy) — the material
//! for diagnosing why a story codes nothing.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;

use std::io::Write as _;

use faultline_coder::syntax::{Context, Scratch};
use faultline_coder::{Analysis, Analyzer, Coder, CoderScratch, Event, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::{Ontology, PloverEvent};
use faultline_text::{Document, Pipeline};

/// Counts for one label.
#[derive(Debug, Default)]
struct Row {
    stories: usize,
    hit_default: usize,
    hit_all: usize,
    no_events_default: usize,
    no_events_all: usize,
    /// Wrongly coded category → stories (default policy, label missed).
    wrong: BTreeMap<PloverEvent, usize>,
}

fn plover_events(events: &[Event], ontology: &Ontology, keep: impl Fn(&Event) -> bool) -> Vec<PloverEvent> {
    let mut out: Vec<PloverEvent> = events
        .iter()
        .filter(|e| keep(e))
        .filter_map(|e| ontology.get(e.code).and_then(|t| t.plover.as_ref()).map(|p| p.event))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut headline = false;
    let mut path: Option<PathBuf> = None;
    let mut misses_path: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--headline" => headline = true,
            "--misses" => misses_path = Some(PathBuf::from(args.next().ok_or("--misses needs a file")?)),
            "-h" | "--help" => {
                println!("usage: ngec_eval [--headline] [--misses FILE] [synthetic_plover_stories.csv]");
                return Ok(());
            }
            _ => path = Some(PathBuf::from(a)),
        }
    }
    let path = match path.or_else(|| faultline_testdata::shared_file("ngec/synthetic_plover_stories.csv")) {
        Some(p) => p,
        None => {
            println!("skipped: ngec/synthetic_plover_stories.csv not found (give its path as the argument)");
            return Ok(());
        }
    };

    let dicts = Dictionaries::builtin()?;
    let ontology = Ontology::builtin();
    let coder = Coder::new(&dicts, ontology);
    let default_policy = EventFilter::default();
    let pipeline = Pipeline::default();
    let mut scratch = CoderScratch::default();
    let mut misses = match &misses_path {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?)),
        None => None,
    };

    let mut reader = csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader.headers().map_err(|e| format!("{}: {e}", path.display()))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| format!("{}: no `{name}` column (columns: {headers:?})", path.display()))
    };
    let (text_col, label_col, prompt_col) = (col("text")?, col("label")?, col("prompt")?);

    let mut rows: BTreeMap<PloverEvent, Row> = BTreeMap::new();
    let mut unknown_labels: BTreeMap<String, usize> = BTreeMap::new();
    let (mut sentences, mut events_all, mut events_default, mut panics) = (0usize, 0usize, 0usize, 0usize);
    // One line per coder panic (the story is named by the caller), not a backtrace.
    std::panic::set_hook(Box::new(|info| eprintln!("coder panic: {info}")));
    for (i, record) in reader.records().enumerate() {
        // Line numbers count the header; stories may span several lines, so
        // the CSV reader's own position is the reliable one.
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |c: usize| record.get(c).unwrap_or("");
        let label_text = field(label_col);
        let Ok(label) = label_text.parse::<PloverEvent>() else {
            *unknown_labels.entry(label_text.to_owned()).or_default() += 1;
            eprintln!("{}:{line}: unknown PLOVER label `{label_text}`, story skipped", path.display());
            continue;
        };
        let mut text = String::new();
        if headline {
            text.push_str(field(prompt_col).lines().next().unwrap_or("").trim());
            text.push_str("\n\n");
        }
        text.push_str(field(text_col));
        let doc = Document::from_text(format!("ngec-{i}"), None, text);
        let ss = pipeline.run(&doc);
        sentences += ss.len();
        // A coder bug on one story must not end the evaluation: count it,
        // name the story, and go on with fresh buffers.
        let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coder.code_document(&doc, &ss, &mut scratch)));
        let events = match coded {
            Ok(events) => events,
            Err(_) => {
                eprintln!("{}:{line}: the coder panicked on this story (label {label}); counted as no events", path.display());
                scratch = CoderScratch::default();
                panics += 1;
                Vec::new()
            }
        };
        let all = plover_events(&events, ontology, |_| true);
        let kept = plover_events(&events, ontology, |e| default_policy.keep(e));
        events_all += events.len();
        events_default += events.iter().filter(|e| default_policy.keep(e)).count();

        let row = rows.entry(label).or_default();
        row.stories += 1;
        row.hit_default += usize::from(kept.contains(&label));
        row.hit_all += usize::from(all.contains(&label));
        row.no_events_default += usize::from(kept.is_empty());
        row.no_events_all += usize::from(all.is_empty());
        if let (Some(w), false) = (misses.as_mut(), kept.contains(&label)) {
            write_miss(w, &coder, &ss, &events, i, label, field(col("mode")?), &kept)?;
        }
        if !kept.contains(&label) {
            for other in kept {
                *row.wrong.entry(other).or_default() += 1;
            }
        }
    }

    if let Some(mut w) = misses {
        w.flush()?;
    }
    let stories: usize = rows.values().map(|r| r.stories).sum();
    println!(
        "NGEC synthetic PLOVER stories: {} stories, {} sentences; {} events coded ({} under the default policy){}",
        stories,
        sentences,
        events_all,
        events_default,
        if headline { "; headlines coded" } else { "" }
    );
    println!();
    println!("| label | stories | found (default) | share | found (--all) | share | no event (default) | most frequent other category (default, label missed) |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    let pct = |n: usize, d: usize| if d == 0 { 0.0 } else { 100.0 * n as f64 / d as f64 };
    for e in PloverEvent::ALL {
        let Some(r) = rows.get(&e) else { continue };
        let confusion = r
            .wrong
            .iter()
            .max_by_key(|(cat, n)| (**n, std::cmp::Reverse(**cat)))
            .map(|(cat, n)| format!("{cat} ({n} stories, {:.0}%)", pct(*n, r.stories)))
            .unwrap_or_else(|| "-".into());
        println!(
            "| {} | {} | {} | {:.1}% | {} | {:.1}% | {} | {} |",
            e,
            r.stories,
            r.hit_default,
            pct(r.hit_default, r.stories),
            r.hit_all,
            pct(r.hit_all, r.stories),
            r.no_events_default,
            confusion
        );
    }
    let hit_default: usize = rows.values().map(|r| r.hit_default).sum();
    let hit_all: usize = rows.values().map(|r| r.hit_all).sum();
    let none: usize = rows.values().map(|r| r.no_events_default).sum();
    println!(
        "| **all** | {} | {} | {:.1}% | {} | {:.1}% | {} | |",
        stories,
        hit_default,
        pct(hit_default, stories),
        hit_all,
        pct(hit_all, stories),
        none
    );
    let macro_default = rows.values().map(|r| pct(r.hit_default, r.stories)).sum::<f64>() / rows.len().max(1) as f64;
    let macro_all = rows.values().map(|r| pct(r.hit_all, r.stories)).sum::<f64>() / rows.len().max(1) as f64;
    println!();
    println!("mean of per-label shares: {macro_default:.1}% (default), {macro_all:.1}% (--all)");
    if panics > 0 {
        println!("coder panics: {panics} stories (counted as coding no events; see standard error)");
    }
    if !unknown_labels.is_empty() {
        println!("skipped stories with unknown labels: {unknown_labels:?}");
    }
    Ok(())
}

/// Writes one missed story for diagnosis: per sentence its text, actor
/// mentions (`kind:text`, `!` when the mention does not code as an actor),
/// the pattern matches and the events coded (with their flags).
#[allow(clippy::too_many_arguments)]
fn write_miss(
    w: &mut impl std::io::Write,
    coder: &Coder,
    ss: &[faultline_text::Sentence],
    events: &[Event],
    i: usize,
    label: PloverEvent,
    mode: &str,
    kept: &[PloverEvent],
) -> std::io::Result<()> {
    writeln!(w, "=== story {i} label {label} mode {mode} kept {kept:?}")?;
    let analyzer = Analyzer::new(coder.dictionaries());
    let (mut ctx, mut syn, mut scratch) = (Context::default(), Scratch::default(), CoderScratch::default());
    for s in ss {
        let mut a = Analysis::default();
        analyzer.analyze(s, &mut ctx, &mut syn, &mut a);
        writeln!(w, "S{} {}", s.index, a.text)?;
        let ms: Vec<String> = a
            .mentions
            .iter()
            .map(|m| {
                let (x, y) = a.span(m.start, m.end);
                format!("{}{:?}:{}", if m.is_actor() { "" } else { "!" }, m.kind, &a.text[x as usize..y as usize])
            })
            .collect();
        if !ms.is_empty() {
            writeln!(w, "  mentions {}", ms.join(" | "))?;
        }
        for (head, code, pattern) in coder.explain_matches(&a, &mut scratch) {
            writeln!(w, "  match `{}` {code} {pattern}", a.word_text(head as usize))?;
        }
        for e in events.iter().filter(|e| e.sentence == s.index) {
            writeln!(w, "  event {} -> {} {} negated={} {}", e.source.code, e.target.code, e.code, e.negated, e.modality.as_str())?;
        }
    }
    Ok(())
}
