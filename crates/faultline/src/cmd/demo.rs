//! `faultline demo`: the whole pipeline on material written by this project.
//!
//! 1. It codes a bundled article (`crates/faultline/demo/article.txt`) and
//!    prints each event with its evidence and a per-dyad says-vs-does count.
//! 2. It ingests the bundled demo corpus (`crates/faultline/demo/corpus.jsonl`:
//!    ~400 dated news items, 2012–2026, on the US, China, Russia, Ukraine,
//!    Kazakhstan, India and the EU) into an event database — a temporary one
//!    unless `--db` is given — and runs the real analytics commands on it:
//!    yearly dyad series, the China–Russia says-vs-does gap, the US–China–Russia
//!    strategic triangle with its change points, and rift alerts — and writes
//!    the HTML report of that database (`faultline-demo-report.html`, or
//!    `--report PATH`), printing `report: PATH`.
//!
//! Both texts are compiled into the binary, so the demo runs on a fresh
//! machine with no data files.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use faultline_coder::output::OutputFormat;
use faultline_coder::{Coder, Event, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::{Ontology, QuadClass};
use faultline_text::{sentences, Date, Document};

/// The bundled demonstration article, written by the Faultline project from
/// public reporting.
const ARTICLE: &str = include_str!("../../demo/article.txt");
/// The article's publication date (its dateline).
const ARTICLE_DATE: &str = "2023-03-17";
/// The document id the demo uses for the article.
const ARTICLE_ID: &str = "demo/article.txt";
/// The demo corpus: one JSON document per line (`id`, `date`, `title`,
/// `source`, `text`), written by the Faultline project from public facts.
const CORPUS: &str = include_str!("../../demo/corpus.jsonl");

/// Arguments of `faultline demo`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The demo reads a short article about China, Russia and the United States that ships inside
the binary, codes it, and prints each event with its evidence, then a per-dyad summary that
separates verbal from material cooperation and conflict — the project's motto, measured:
what states do, not what they say.

Then it ingests a bundled corpus of ~400 dated items (2012–2026) into an event database and
runs `faultline dyad`, `gap`, `triangle` and `rifts` on it, as you would on your own data.

Examples:
  faultline demo
  faultline demo --all                 # also negated, hypothetical and prescriptive events
  faultline demo --jsonl               # the article's events in the `faultline code` JSONL format
  faultline demo --db demo.db          # keep the corpus database, then explore it:
  faultline dyad USA RUS --db demo.db --period quarter")]
pub struct Args {
    /// Show every event with its flags, not only the default policy's
    /// (asserted, reported and future events that are not negated).
    #[arg(long)]
    all: bool,
    /// Print the events as JSON lines (the `faultline code` format) instead of tables.
    #[arg(long)]
    jsonl: bool,
    /// Add or override dictionary entries with the files in DIR.
    #[arg(long, value_name = "DIR")]
    dict_dir: Vec<PathBuf>,
    /// Keep the corpus's event database at PATH (default: a temporary database, removed afterwards).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Only the bundled article, not the corpus and its analytics.
    #[arg(long)]
    article_only: bool,
    /// Write the corpus's HTML report (charts, tables, rift alerts with evidence) to PATH.
    #[arg(long, value_name = "PATH", default_value = "faultline-demo-report.html")]
    report: PathBuf,
}

/// Runs the demo.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let dicts = Dictionaries::load(true, &args.dict_dir).context("loading the dictionaries")?;
    let ontology = Ontology::builtin();
    let coder = Coder::new(&dicts, ontology);
    let date: Date = ARTICLE_DATE.parse().context("the demo article's date")?;
    let doc = Document::from_text(ARTICLE_ID, Some(date), ARTICLE);
    let sents = sentences(&doc);
    let mut events = coder.code(&doc, &sents);
    let filter = if args.all { EventFilter::all() } else { EventFilter::default() };
    filter.apply(&mut events);

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.jsonl {
        let mut buf = Vec::new();
        faultline_coder::output::write_events(OutputFormat::Jsonl, ARTICLE_ID, &sents, &events, ontology, &mut buf)?;
        out.write_all(&buf)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    let title = ARTICLE.lines().next().unwrap_or_default();
    writeln!(out, "Faultline demo — \"{title}\" ({ARTICLE_DATE})")?;
    writeln!(
        out,
        "{} sentences, {} events ({}), coded in {:.0} ms including dictionary start-up.\n",
        sents.len(),
        events.len(),
        if args.all { "all events, with flags" } else { "default policy: asserted, reported, future; not negated" },
        started.elapsed().as_secs_f64() * 1e3
    )?;
    write_events(&mut out, &events, &sents, ontology)?;
    writeln!(out)?;
    write_dyads(&mut out, &events, ontology)?;
    out.flush()?;
    drop(out);
    if args.article_only {
        return Ok(ExitCode::SUCCESS);
    }
    corpus(&args, started)
}

/// Part 2: ingest the corpus and run the analytics commands on it.
fn corpus(args: &Args, started: Instant) -> anyhow::Result<ExitCode> {
    let scratch = std::env::temp_dir().join(format!("faultline-demo-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let result = corpus_in(args, &scratch, started);
    // The scratch folder holds the corpus file and, without --db, the database.
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn corpus_in(args: &Args, scratch: &std::path::Path, started: Instant) -> anyhow::Result<ExitCode> {
    let corpus_path = scratch.join("corpus.jsonl");
    std::fs::write(&corpus_path, CORPUS).with_context(|| format!("writing {}", corpus_path.display()))?;
    let db = args.db.clone().unwrap_or_else(|| scratch.join("demo.db"));
    let db_arg = db.display().to_string();
    let items = CORPUS.lines().filter(|l| !l.trim().is_empty()).count();

    section(&format!("The demo corpus: {items} dated items, 2012–2026, ingested into {db_arg}"))?;
    let mut ingest = vec!["ingest".to_string(), corpus_path.display().to_string(), "--db".into(), db_arg.clone()];
    for d in &args.dict_dir {
        ingest.push("--dict-dir".into());
        ingest.push(d.display().to_string());
    }
    let mut status = crate::run_command(&ingest)?;

    let steps: [(&str, Vec<&str>); 6] = [
        ("US–Russia, per year: net cooperation (mean Goldstein) turns negative with Crimea and again with the invasion", vec!["dyad", "USA", "RUS"]),
        ("China–Russia, per year: the partnership in events", vec!["dyad", "CHN", "RUS"]),
        ("US–China, per year", vec!["dyad", "USA", "CHN"]),
        ("Says vs does, China–Russia: verbal vs material cooperation (gap +1 = all words, −1 = all deeds)", vec!["gap", "CHN", "RUS"]),
        ("The US–China–Russia strategic triangle per year (Dittmer's configurations, roles, change points)", vec!["triangle", "USA", "CHN", "RUS"]),
        ("Rift alerts: a partnership cooling while a third state's ties to both hold", vec!["rifts", "--actors", "USA,CHN,RUS"]),
    ];
    for (title, command) in steps {
        section(title)?;
        let mut argv: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        argv.extend(["--db".to_string(), db_arg.clone(), "--period".into(), "year".into()]);
        let code = crate::run_command(&argv)?;
        if code != ExitCode::SUCCESS {
            status = code;
        }
    }
    // The report is written before the scratch database is removed.
    section("The HTML report: every chart, the tables and the rift alerts with their evidence, in one file")?;
    let report_arg = args.report.display().to_string();
    let code = crate::run_command(["report", "--db", &db_arg, "--period", "year", "--title", "Faultline demo report", "-o", &report_arg])?;
    if code != ExitCode::SUCCESS {
        status = code;
    }
    println!("report: {report_arg}");
    section(&format!("Demo finished in {:.1} s.", started.elapsed().as_secs_f64()))?;
    if args.db.is_some() {
        println!("The corpus database is {db_arg}; try `faultline events --db {db_arg} --source CHN --target RUS`.");
    }
    Ok(status)
}

/// Prints a section heading (flushed, since the commands write to stdout too).
fn section(title: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "\n== {title}\n")?;
    out.flush()
}

/// One line per event: date, dyad, code and name, flags, then the evidence.
fn write_events(
    out: &mut impl Write,
    events: &[Event],
    sents: &[faultline_text::Sentence],
    ontology: &Ontology,
) -> io::Result<()> {
    writeln!(out, "{:<10}  {:<9} {:<9}  {:<5} {:<42}  flags", "date", "source", "target", "cameo", "event")?;
    for e in events {
        let name = ontology.get(e.code).map_or("?", |t| t.name.as_str());
        let mut flags = vec![e.modality.as_str().to_string()];
        if e.negated {
            flags.push("negated".into());
        }
        if let Some(q) = e.quantity {
            flags.push(format!("{} {}", q.amount, q.unit));
        }
        let date = e.date.date().map_or_else(|| "unknown".to_string(), |d| d.to_string());
        writeln!(
            out,
            "{:<10}  {:<9} {:<9}  {:<5} {:<42}  {}",
            date,
            e.source.code,
            e.target.code,
            e.code.as_str(),
            truncate(name, 42),
            flags.join(", ")
        )?;
        if let Some(s) = sents.get(e.sentence) {
            writeln!(out, "            “{}”", truncate(&s.text, 110))?;
        }
    }
    Ok(())
}

/// Per undirected country dyad: events by quad class, and the share of
/// cooperation that is only verbal.
fn write_dyads(out: &mut impl Write, events: &[Event], ontology: &Ontology) -> io::Result<()> {
    // Key: the two countries in alphabetical order; value: counts per quad class 1–4.
    let mut dyads: BTreeMap<(String, String), [u32; 4]> = BTreeMap::new();
    for e in events {
        let (Some(a), Some(b)) = (e.source.country, e.target.country) else { continue };
        let (a, b) = (a.as_str().to_string(), b.as_str().to_string());
        if a == b {
            continue;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        let quad = ontology.get(e.code).map(|t| t.quad_class).or_else(|| QuadClass::from_root(e.code.root()));
        if let Some(q) = quad {
            dyads.entry(key).or_default()[usize::from(q.number() - 1)] += 1;
        }
    }
    writeln!(out, "Dyads (countries, both directions): says vs does")?;
    writeln!(out, "{:<9}  {:>10} {:>10} {:>10} {:>10}  cooperation that is words", "dyad", "verb-coop", "mat-coop", "verb-conf", "mat-conf")?;
    for ((a, b), q) in &dyads {
        let coop = q[0] + q[1];
        let words = if coop == 0 { "n/a".to_string() } else { format!("{:.0}%", 100.0 * f64::from(q[0]) / f64::from(coop)) };
        writeln!(out, "{:<9}  {:>10} {:>10} {:>10} {:>10}  {}", format!("{a}-{b}"), q[0], q[1], q[2], q[3], words)?;
    }
    Ok(())
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
