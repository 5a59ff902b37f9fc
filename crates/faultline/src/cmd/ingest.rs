//! `faultline ingest`: code documents and store them — documents, sentences
//! and every event with its flags — in the event database.
//!
//! Documents are read in order, gathered into batches, coded in parallel
//! and each batch is stored in ONE transaction, so a kill at any moment
//! leaves whole documents only, and re-running the same command finishes
//! the job: documents already stored with the same content hash are
//! skipped before coding, changed ones are replaced.

use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use faultline_coder::{Coder, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::ingest::{document_hash, document_row};
use faultline_store::{DocumentRow, Store, WriteSummary};
use faultline_text::{Date, Document, InputEvent, InputOptions, InputReader, Pipeline};
use rayon::prelude::*;

use super::sentences::FormatArg;

/// Arguments.
///
/// Every event is stored, including negated and hypothetical ones; the
/// `kept` column says whether the default policy of `faultline code` keeps
/// it. Query with `faultline events` or `faultline sql`. Exit status 1 if
/// any input could not be read or coded (the others are still stored).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (read recursively, sorted by path) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// The event database (created if missing).
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    db: PathBuf,
    /// Publication date (YYYY-MM-DD) of documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<Date>,
    /// Dictionary directory read after the built-in dictionaries (repeatable).
    #[arg(long = "dict-dir", value_name = "DIR")]
    dict_dirs: Vec<PathBuf>,
    /// Worker threads (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Input format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    input_format: FormatArg,
    /// Documents per transaction: a crash loses at most the batch in progress.
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    batch: u64,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = Dictionaries::load(true, &args.dict_dirs).context("cannot load the dictionaries")?;
    let ontology = Ontology::builtin();
    let coder = Coder::new(&dicts, ontology);
    let filter = EventFilter::default();
    let pipeline = Pipeline::default();
    let mut store = Store::open(&args.db)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .thread_name(|i| format!("faultline-ingest-{i}"))
        .build()
        .context("cannot start the worker threads")?;

    let mut progress = Progress::new();
    let mut failed = false;
    let mut total = WriteSummary::default();
    let options = InputOptions { default_date: args.date, format: args.input_format.into() };
    let mut reader = InputReader::new(&args.paths, options).peekable();
    let batch_size = args.batch as usize;
    while reader.peek().is_some() {
        let mut docs: Vec<Document> = Vec::with_capacity(batch_size);
        while docs.len() < batch_size {
            match reader.next() {
                None => break,
                Some(InputEvent::Document(doc)) => {
                    // Unchanged documents are skipped before the costly coding.
                    if store.document_hash(&doc.id)?.as_deref() == Some(document_hash(&doc).as_str()) {
                        total.skipped += 1;
                        progress.tick(&total);
                    } else {
                        docs.push(doc);
                    }
                }
                Some(InputEvent::Warning(w)) => progress.message(&format!("faultline: warning: {w}")),
                Some(InputEvent::Error(e)) => {
                    progress.message(&format!("faultline: error: {e}"));
                    failed = true;
                }
            }
        }
        let coded: Vec<Result<DocumentRow, String>> = pool.install(|| {
            docs.par_iter()
                .map(|doc| {
                    catch_unwind(AssertUnwindSafe(|| {
                        let sentences = pipeline.run(doc);
                        let events = coder.code(doc, &sentences);
                        document_row(doc, &sentences, &events, ontology, |e| filter.keep(e))
                    }))
                    .map_err(|_| format!("{}: internal error while coding this document (please report it)", doc.id))
                })
                .collect()
        });
        let mut rows = Vec::with_capacity(coded.len());
        for r in coded {
            match r {
                Ok(row) => rows.push(row),
                Err(msg) => {
                    progress.message(&format!("faultline: error: {msg}"));
                    failed = true;
                }
            }
        }
        let s = store.write_documents(&rows)?;
        total.inserted += s.inserted;
        total.replaced += s.replaced;
        total.skipped += s.skipped;
        total.events += s.events;
        progress.tick(&total);
    }
    progress.finish();
    let counts = store.counts()?;
    eprintln!(
        "faultline: {} new, {} replaced, {} unchanged document(s); {} event(s) stored; {} now holds {} document(s), {} event(s)",
        total.inserted,
        total.replaced,
        total.skipped,
        total.events,
        store.path(),
        counts.documents,
        counts.events
    );
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A progress line with documents/s and events/s, shown only when standard
/// error is a terminal (logs and pipes get the final summary only).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Instant,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar, start: Instant::now() }
    }

    fn tick(&mut self, t: &WriteSummary) {
        if let Some(bar) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            let docs = t.inserted + t.replaced + t.skipped;
            bar.set_message(format!(
                "{docs} documents ({:.1}/s), {} events ({:.0}/s); {} unchanged",
                docs as f64 / secs,
                t.events,
                t.events as f64 / secs,
                t.skipped
            ));
        }
    }

    fn message(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
