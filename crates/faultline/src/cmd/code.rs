//! `faultline code`: documents in, coded events out (one per line).
//!
//! Documents are read in order on the calling thread, coded on a rayon pool
//! of `--threads` workers, and written back in input order: each input item
//! (document, warning or error) gets a sequence number, finished items wait
//! in a reorder buffer until every earlier one is written. At most a bounded
//! window of items (by count and by text bytes) is in flight at once, so
//! memory stays bounded however large the input, and the output is
//! byte-identical whatever the thread count.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use faultline_coder::output::{write_events, OutputFormat};
use faultline_coder::{Coder, CoderScratch, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{Date, Document, InputError, InputEvent, InputOptions, InputReader, InputWarning, Pipeline};

use super::sentences::FormatArg;

/// Output format choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputArg {
    /// One JSON object per event per line.
    Jsonl,
    /// CSV with a header row; nested fields flattened (`source_code`, `plover_event`, …).
    Csv,
}

impl From<OutputArg> for OutputFormat {
    fn from(f: OutputArg) -> Self {
        match f {
            OutputArg::Jsonl => OutputFormat::Jsonl,
            OutputArg::Csv => OutputFormat::Csv,
        }
    }
}

const LONG_HELP: &str = "\
WHAT IS WRITTEN
  One event per line, in input order (documents in argument order, directories
  sorted by path, sentences and events in text order), byte-identical whatever
  --threads. JSONL fields (a contract: fields may be added, never renamed):

    event_id        \"<doc_id>:<sentence>:<n>\"
    doc_id, sentence (0-based index in the document)
    date            \"YYYY-MM-DD\" (first day of the period) or null
    date_precision  day | month | year | decade | document | unknown
                    (\"document\": no date in the text, the document's date)
    source, target  {code (\"CHNGOV\", \"USA\", \"IGOUNO\"), country (ISO3 or null),
                     org (\"NATO\", \"AIIB\" or null), sectors ([\"GOV\"]), text}
    cameo, cameo_root, cameo_name, goldstein (-10..10), quad_class (1-4)
    plover          {event, mode (or null), context ([...])} or null
    negated         true when the text says it did not happen
    modality        asserted | reported | hypothetical | prescriptive | future
    quantity        {amount, unit} (3000000, \"USD\") or null
    evidence        {text (the sentence), start, end}: byte offsets into the
                    original file (for JSONL input: into the record's text)
    trigger         the words that triggered the event (added field; its
                    span in the sentence text is trigger_span)

  n numbers the events written for each sentence from 0, so the same event
  can have a different n under the default policy and under --all.

  --format csv writes the same fields flattened (source_code, source_sectors as
  \"GOV;MIL\", plover_event, quantity_amount, evidence_start, ...), with a header.

THE DEFAULT POLICY
  By default only events the text presents as happening are written: modality
  asserted, reported or future (an announced intent is itself an event: CAMEO
  03x), and not negated. \"China had not helped Russia evade sanctions\" and
  \"Washington should make it clear...\" are left out. --all writes every event
  with its flags, so you can apply your own policy (e.g. with jq).

INPUT
  Files, directories (recursively, sorted) or - for standard input. Plain
  text, HTML pages (article text extracted) or JSONL records with id, date,
  text. Documents without a date take --date; events take the date of the
  date expression governing their clause, else the document date.

EXAMPLES
  faultline code --date 2023-02-01 op-ed.txt
  faultline code --all --format csv -o events.csv news/
  faultline code --threads 2 corpus.jsonl | jq 'select(.cameo_root == \"16\")'

Warnings and errors go to standard error; the exit status is 1 if any input
could not be read or coded (the others are still coded).";

/// Arguments.
#[derive(Debug, clap::Args)]
#[command(after_long_help = LONG_HELP)]
pub struct Args {
    /// Files, directories (read recursively, sorted by path) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Publication date (YYYY-MM-DD) of documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputArg::Jsonl)]
    format: OutputArg,
    /// Write every event with its negation and modality flags, not only the
    /// default policy's (asserted, reported or future, and not negated).
    #[arg(long)]
    all: bool,
    /// Worker threads (0: one per core). The output does not depend on it.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Dictionary directory read after the built-in dictionaries, overriding
    /// them (repeatable; see docs/dictionaries.md).
    #[arg(long = "dict-dir", value_name = "DIR")]
    dict_dirs: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    input_format: FormatArg,
    /// Write the events to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Most input items in flight (read but not yet written) per worker thread.
const ITEMS_PER_THREAD: usize = 16;
/// Most document text in flight, in bytes; one larger document is still
/// taken alone.
const MAX_BYTES_IN_FLIGHT: usize = 128 << 20;

/// One input item's result, in input order.
enum Slot {
    /// A coded document: its output bytes and counts.
    Doc { out: Vec<u8>, bytes: usize, sentences: usize, events: usize },
    /// A document that could not be coded (bytes in flight, message).
    Failed { bytes: usize, message: String },
    /// A reader warning.
    Warning(InputWarning),
    /// A reader error.
    Error(InputError),
}

/// What a worker needs, shared by reference.
struct Worker<'a> {
    pipeline: Pipeline,
    coder: Coder<'a>,
    filter: EventFilter,
    ontology: &'a Ontology,
    format: OutputFormat,
    /// Coder buffers, one per concurrently running task: taken for a
    /// document and put back, so they are reused without thread-locals.
    scratches: Mutex<Vec<CoderScratch>>,
}

impl Worker<'_> {
    /// Segments and codes one document into its output bytes.
    fn run(&self, doc: &Document) -> Slot {
        let bytes = doc.text().len();
        let sentences = self.pipeline.run(doc);
        let mut scratch = self.scratches.lock().map(|mut v| v.pop()).unwrap_or_default().unwrap_or_default();
        let mut events = self.coder.code_document(doc, &sentences, &mut scratch);
        if let Ok(mut v) = self.scratches.lock() {
            v.push(scratch);
        }
        // Event ids stay as coded: the same with or without --all, and in the store.
        self.filter.apply(&mut events);
        let mut out = Vec::with_capacity(events.len() * 700);
        match write_events(self.format, &doc.id, &sentences, &events, self.ontology, &mut out) {
            Ok(n) => Slot::Doc { out, bytes, sentences: sentences.len(), events: n },
            Err(e) => Slot::Failed { bytes, message: e.to_string() },
        }
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = Dictionaries::load(true, &args.dict_dirs).context("cannot load the dictionaries")?;
    let ontology = Ontology::builtin();
    let format: OutputFormat = args.format.into();
    let worker = Worker {
        pipeline: Pipeline::default(),
        coder: Coder::new(&dicts, ontology),
        filter: if args.all { EventFilter::all() } else { EventFilter::default() },
        ontology,
        format,
        scratches: Mutex::new(Vec::new()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .thread_name(|i| format!("faultline-code-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let max_items = ITEMS_PER_THREAD * pool.current_num_threads().max(1);

    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut w = Writer { out: BufWriter::with_capacity(1 << 16, sink), progress: Progress::new(), failed: false };
    if let Err(e) = w.out.write_all(format.header().as_bytes()) {
        return w.io_failure(e);
    }

    let options = InputOptions { default_date: args.date, format: args.input_format.into() };
    let (tx, rx) = mpsc::channel::<(u64, Slot)>();
    let result = pool.in_place_scope(|scope| -> io::Result<()> {
        let mut ready: BTreeMap<u64, Slot> = BTreeMap::new();
        let mut issued = 0u64;
        let mut written = 0u64;
        let mut bytes_in_flight = 0usize;
        let worker = &worker;
        for item in InputReader::new(&args.paths, options) {
            // Wait until the window has room; results arriving meanwhile
            // are written as soon as they are next in order.
            while issued - written >= max_items as u64 || (bytes_in_flight > MAX_BYTES_IN_FLIGHT && issued > written) {
                let (seq, slot) = rx.recv().expect("a worker holds a sender while items are in flight");
                ready.insert(seq, slot);
                w.drain(&mut ready, &mut written, &mut bytes_in_flight)?;
            }
            let seq = issued;
            issued += 1;
            match item {
                InputEvent::Document(doc) => {
                    bytes_in_flight += doc.text().len();
                    let tx = tx.clone();
                    scope.spawn(move |_| {
                        // A bug in the coder must not hang the writer waiting
                        // for this slot: report it as this document's error.
                        let slot = catch_unwind(AssertUnwindSafe(|| worker.run(&doc))).unwrap_or_else(|_| Slot::Failed {
                            bytes: doc.text().len(),
                            message: format!("{}: internal error while coding this document (please report it)", doc.id),
                        });
                        // The receiver is gone only when writing failed; the
                        // result is then not wanted.
                        let _ = tx.send((seq, slot));
                    });
                }
                InputEvent::Warning(warning) => {
                    ready.insert(seq, Slot::Warning(warning));
                }
                InputEvent::Error(error) => {
                    ready.insert(seq, Slot::Error(error));
                }
            }
            w.drain(&mut ready, &mut written, &mut bytes_in_flight)?;
        }
        while written < issued {
            if !ready.contains_key(&written) {
                let (seq, slot) = rx.recv().expect("a worker holds a sender while items are in flight");
                ready.insert(seq, slot);
            }
            w.drain(&mut ready, &mut written, &mut bytes_in_flight)?;
        }
        Ok(())
    });
    drop(rx);
    if let Err(e) = result.and_then(|()| w.out.flush()) {
        return w.io_failure(e);
    }
    w.progress.finish();
    Ok(if w.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The ordered writing end.
struct Writer {
    out: BufWriter<Box<dyn Write>>,
    progress: Progress,
    failed: bool,
}

impl Writer {
    /// Writes every ready slot that is next in order.
    fn drain(&mut self, ready: &mut BTreeMap<u64, Slot>, written: &mut u64, bytes_in_flight: &mut usize) -> io::Result<()> {
        while let Some(slot) = ready.remove(written) {
            *written += 1;
            match slot {
                Slot::Doc { out, bytes, sentences, events } => {
                    *bytes_in_flight -= bytes;
                    self.out.write_all(&out)?;
                    self.progress.doc(sentences, events);
                }
                Slot::Failed { bytes, message } => {
                    *bytes_in_flight -= bytes;
                    self.message("error", &message)?;
                    self.failed = true;
                }
                Slot::Warning(warning) => self.message("warning", &warning)?,
                Slot::Error(error) => {
                    self.message("error", &error)?;
                    self.failed = true;
                }
            }
        }
        Ok(())
    }

    /// Prints a warning or error, after the events written so far (so that
    /// on a terminal it appears next to the document concerned).
    fn message(&mut self, kind: &str, message: &dyn std::fmt::Display) -> io::Result<()> {
        self.out.flush()?;
        self.progress.bar.suspend(|| eprintln!("faultline: {kind}: {message}"));
        Ok(())
    }

    /// A closed pipe (`faultline code … | head`) is a normal way to stop;
    /// other write errors are errors.
    fn io_failure(&self, e: io::Error) -> anyhow::Result<ExitCode> {
        self.progress.bar.finish_and_clear();
        if e.kind() == io::ErrorKind::BrokenPipe {
            Ok(ExitCode::SUCCESS)
        } else {
            Err(anyhow::Error::new(e).context("cannot write the events"))
        }
    }
}

/// Progress on standard error when it is a terminal: documents, sentences
/// and events, with rates.
struct Progress {
    bar: indicatif::ProgressBar,
    start: Instant,
    last: Instant,
    docs: u64,
    sentences: u64,
    events: u64,
}

impl Progress {
    fn new() -> Progress {
        let bar = if io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new_spinner();
            let style = indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        let now = Instant::now();
        Progress { bar, start: now, last: now, docs: 0, sentences: 0, events: 0 }
    }

    fn doc(&mut self, sentences: usize, events: usize) {
        self.docs += 1;
        self.sentences += sentences as u64;
        self.events += events as u64;
        if self.bar.is_hidden() {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.last) >= Duration::from_millis(100) {
            self.last = now;
            self.update();
        }
    }

    fn update(&self) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} documents ({:.0}/s), {} sentences, {} events ({:.0}/s)",
            self.docs,
            self.docs as f64 / secs,
            self.sentences,
            self.events,
            self.events as f64 / secs
        ));
    }

    fn finish(&self) {
        if !self.bar.is_hidden() {
            self.update();
            self.bar.finish();
        }
    }
}
