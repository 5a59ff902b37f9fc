//! `faultline petrarch`: PETRARCH/TABARI compatibility — run a PETRARCH
//! unit-test suite, or code a PETR XML file with PETRARCH dictionaries.
//!
//! Failing records are data, not errors: `validate` exits 0 when the suite
//! ran (unless `--min-pass` is not met) and 1 only when the suite or its
//! dictionaries cannot be read. `code` reports each malformed parse on
//! stderr naming the sentence id, codes the other sentences, and exits 1
//! at the end if any parse was malformed.
//!
//! `code` has two engines: `petrarch` (PETRARCH dictionaries, PETRARCH-1
//! matching over the tree) and `faultline` (the tree's words and tags
//! through Faultline's own analyser, coder and dictionaries; see
//! `faultline_petrarch::FaultlineEngine`). Usage errors (options of one
//! engine given to the other) exit with status 2.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use faultline_coder::output::OutputFormat;
use faultline_coder::{Coder, EventFilter};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_petrarch::{
    dictionaries_in, run_suite_with, stories, story_of, write_events, Config, DictionarySet, EngineScratch,
    EventFormat, FaultlineEngine, Item, Options, Outcome, PetrEvent, PetrXml, PetrarchCoder,
    Scope, SentenceInfo, SentenceRecord, Tree, TreeRecord,
};
use rayon::prelude::*;

/// `faultline petrarch` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run a PETRARCH unit-test suite (e.g. PETR.UnitTest.records.xml): one line per
    /// failing record, then `N passed, M failed`.
    Validate(ValidateArgs),
    /// Code a PETR XML file (sentences with CoreNLP parses) with PETRARCH dictionaries,
    /// or with Faultline's own coder and dictionaries (--engine faultline).
    Code(CodeArgs),
}

/// Arguments of `faultline petrarch validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The suite file; its <Environment> names the dictionaries, relative to the file.
    pub suite: PathBuf,
    /// Exit 1 when fewer than N records pass.
    #[arg(long, value_name = "N")]
    pub min_pass: Option<usize>,
    /// Score every record with sentence="true", not only the <Include>d categories
    /// (the shared copy has one record, COMPOUND-36, in a category left out).
    #[arg(long)]
    pub all_categories: bool,
}

/// Output layouts of `faultline petrarch code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// PETRARCH2's tab-separated event file.
    Petrarch,
    /// JSON lines: with --engine petrarch a PETRARCH event in Faultline's field names;
    /// with --engine faultline exactly the events of `faultline code`.
    Jsonl,
    /// CSV with a header, the columns of `faultline code --format csv` (--engine faultline only).
    Csv,
}

/// Which coder `faultline petrarch code` runs on the parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineArg {
    /// PETRARCH dictionaries and PETRARCH-1 pattern matching over the tree.
    Petrarch,
    /// The tree's words and part-of-speech tags analysed and coded by Faultline
    /// with Faultline's dictionaries (built-in, or --dict-dir).
    Faultline,
}

const CODE_HELP: &str = "\
ENGINES
  --engine petrarch (default) codes each parse with PETRARCH dictionaries, as
  PETRARCH does: give --config PETR_config.ini (default: the one beside the XML
  file) or --dicts DIR. Events carry PETRARCH actor codes (USAGOV, IGOUNO).

  --engine faultline codes the same parses with Faultline's own analyser, coder
  and dictionaries (built-in, plus any --dict-dir): the parse's words and
  part-of-speech tags replace Faultline's tokenizer and tagger, everything else
  is `faultline code` -- negation and modality flags, dates, evidence, CAMEO,
  Goldstein, quad class, PLOVER, Faultline actor codes (USA, CHNGOV, IGOUNO).
  Records of one story (the id before its last `-`) and date are coded as one
  document, so pronouns reach back to earlier sentences of the story.

OUTPUT (--engine faultline)
  --format jsonl (default) and csv are the event contract of `faultline code`
  (see `faultline code --help`), with doc_id = the story id and sentence = the
  record's number after its `-` (\"AFP-3\" -> event ids \"AFP:3:0\", ...; records
  without distinct numbers are numbered by position in the story).
  evidence.text is the sentence rebuilt from the parse; evidence.start/end are
  offsets into that text. The default policy keeps asserted, reported and
  future events that are not negated; --all keeps every event with its flags.
  --format petrarch writes PETRARCH2's tab-separated layout with Faultline's
  codes (issues column empty; event text = the trigger words), for comparing
  with PETRARCH's own output line by line.
  Output is byte-identical whatever --threads.

ERRORS
  A malformed parse is reported on standard error with the file, line and
  sentence id; the other sentences are coded and the exit status is 1.

EXAMPLES
  faultline petrarch code GigaWord.sample.PETR.xml --config PETR_config.ini
  faultline petrarch code GigaWord.sample.PETR.xml --engine faultline
  faultline petrarch code corpus.xml --engine faultline --dict-dir my-dicts --format csv -o events.csv";

/// Arguments of `faultline petrarch code`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = CODE_HELP)]
pub struct CodeArgs {
    /// The PETR XML file.
    pub file: PathBuf,
    /// Which coder: PETRARCH's dictionaries and matcher, or Faultline's coder and dictionaries.
    #[arg(long, value_enum, default_value = "petrarch")]
    pub engine: EngineArg,
    /// PETR_config.ini naming the dictionaries (relative to its folder).
    /// Default: PETR_config.ini beside the XML file. Engine petrarch only.
    #[arg(long, conflicts_with = "dicts")]
    pub config: Option<PathBuf>,
    /// A folder of PETRARCH dictionaries found by name (*verbs*.txt or CAMEO*.txt,
    /// *actors*.txt, *agents*.txt, *discards*.txt, *issue*.txt). Engine petrarch only.
    #[arg(long, value_name = "DIR")]
    pub dicts: Option<PathBuf>,
    /// Faultline dictionary directory read after the built-in dictionaries, overriding
    /// them (repeatable; see docs/dictionaries.md). Engine faultline only.
    #[arg(long = "dict-dir", value_name = "DIR")]
    pub dict_dirs: Vec<PathBuf>,
    /// Output layout [default: petrarch with --engine petrarch, jsonl with --engine faultline].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write every event with its negation and modality flags, not only the default
    /// policy's (asserted, reported or future, and not negated). Engine faultline only.
    #[arg(long)]
    pub all: bool,
    /// Worker threads (0: one per core); stories are coded in parallel. The output does not
    /// depend on it.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Print every dictionary warning (duplicates, conflicts, odd dates), not just their count.
    #[arg(long)]
    pub warnings: bool,
}

/// Runs a `petrarch` subcommand.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate(a) => validate(a),
        Command::Code(a) => code(a),
    }
}

fn validate(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let scope = if args.all_categories {
        Scope::AllCategories
    } else {
        Scope::Included
    };
    let report = run_suite_with(&args.suite, scope)
        .with_context(|| format!("cannot run the suite {}", args.suite.display()))?;
    for d in &report.parse_errors {
        eprintln!("faultline: {d}");
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for r in report.records.iter().filter(|r| !r.passed) {
        writeln!(
            out,
            "FAIL {}\texpected: {}\tgot: {}",
            r.id, r.expected, r.got
        )?;
    }
    let passed = report.passed();
    writeln!(out, "{} passed, {} failed", passed, report.failed())?;
    if let Some(min) = args.min_pass {
        if passed < min {
            eprintln!("faultline: {passed} passed, fewer than --min-pass {min}");
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load(args: &CodeArgs) -> anyhow::Result<(DictionarySet, Options)> {
    // The Phoenix files carry hundreds of duplicate/conflict warnings: by
    // default say how many, list them on request.
    let warn = |w: &[faultline_petrarch::Diagnostic]| {
        if args.warnings {
            for d in w {
                eprintln!("faultline: warning: {d}");
            }
        } else if !w.is_empty() {
            eprintln!(
                "faultline: {} dictionary warning(s) (duplicates, conflicts); --warnings lists them",
                w.len()
            );
        }
    };
    if let Some(dir) = &args.dicts {
        let l = dictionaries_in(dir)
            .with_context(|| format!("cannot read the dictionaries in {}", dir.display()))?;
        warn(&l.warnings);
        return Ok((l.value, Options::default()));
    }
    let config = match &args.config {
        Some(c) => c.clone(),
        None => {
            let beside = args
                .file
                .parent()
                .unwrap_or(Path::new("."))
                .join("PETR_config.ini");
            if !beside.is_file() {
                bail!(
                    "no dictionaries: give --config PETR_config.ini or --dicts DIR (no {} found)",
                    beside.display()
                );
            }
            beside
        }
    };
    let c = Config::read(&config).with_context(|| format!("cannot read {}", config.display()))?;
    warn(&c.warnings);
    let set = DictionarySet::from_config(&c.value)
        .with_context(|| format!("cannot read the dictionaries named by {}", config.display()))?;
    warn(&set.warnings);
    Ok((set.value, c.value.options))
}

/// A usage error: said on standard error, exit status 2 (as for clap's own).
fn usage(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("faultline: error: {message}\n\nFor more information, try 'faultline petrarch code --help'.");
    Ok(ExitCode::from(2))
}

fn code(args: CodeArgs) -> anyhow::Result<ExitCode> {
    match args.engine {
        EngineArg::Faultline => {
            if args.config.is_some() || args.dicts.is_some() {
                return usage("--config and --dicts name PETRARCH dictionaries, which --engine faultline does not use; give Faultline dictionaries with --dict-dir DIR (or nothing for the built-in ones)");
            }
            code_faultline(&args)
        }
        EngineArg::Petrarch => {
            if !args.dict_dirs.is_empty() {
                return usage("--dict-dir names Faultline dictionaries: use it with --engine faultline (PETRARCH dictionaries: --config or --dicts)");
            }
            if args.all {
                return usage("--all needs --engine faultline (the PETRARCH engine has no negation or modality flags)");
            }
            if args.format == Some(FormatArg::Csv) {
                return usage("--format csv needs --engine faultline");
            }
            code_petrarch(args)
        }
    }
}

fn code_petrarch(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let (set, mut options) = load(&args)?;
    let coder = PetrarchCoder::new(&set);
    let file = args.file.display().to_string();
    // The reader's errors already name the file (and line).
    let xml = PetrXml::read(&args.file)?;
    for w in &xml.warnings {
        eprintln!("faultline: warning: {w}");
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let format = match args.format {
        Some(FormatArg::Jsonl) => EventFormat::Jsonl,
        _ => EventFormat::Petrarch,
    };
    // Records in file order with the options in force for each (a suite's
    // <Config> records change them midway), grouped into stories: runs of
    // records whose ids share the part before the last `-` (PETRARCH's
    // story id convention). A story discard drops the rest of its story,
    // so a story is coded in order on one worker; stories run in parallel
    // and their output is written in file order.
    let mut story_runs: Vec<(&str, Vec<(&SentenceRecord, usize)>)> = Vec::new();
    let mut option_sets = vec![options.clone()];
    for item in &xml.value.items {
        let rec = match item {
            Item::Sentence(s) => s,
            Item::Config {
                option,
                value,
                line,
            } => {
                if let Err(e) = options.set(option, value) {
                    eprintln!("faultline: warning: {file}:{line}: {e}");
                }
                option_sets.push(options.clone());
                continue;
            }
            Item::Stop { .. } => break,
        };
        if !rec.is_sentence {
            continue;
        }
        let story = story_of(&rec.id);
        let opts = option_sets.len() - 1;
        match story_runs.last_mut() {
            Some((id, recs)) if *id == story => recs.push((rec, opts)),
            _ => story_runs.push((story, vec![(rec, opts)])),
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .thread_name(|i| format!("faultline-petrarch-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    // Per story: its output bytes and its malformed parses' messages.
    let coded: Vec<(Vec<u8>, Vec<String>)> = pool.install(|| {
        story_runs
            .par_iter()
            .map(|(_, recs)| {
                let (mut buf, mut errors) = (Vec::new(), Vec::new());
                for &(rec, opts) in recs {
                    let tree = match rec.tree(&file) {
                        Ok(t) => t,
                        Err(d) => {
                            errors.push(format!("faultline: {d}"));
                            continue;
                        }
                    };
                    match coder.code(&tree, rec.date, &option_sets[opts]) {
                        Outcome::Events(events) => {
                            let issues = coder.issues(&tree);
                            let info = SentenceInfo {
                                id: &rec.id,
                                date: rec.date,
                                source: rec.source.as_deref(),
                                issues: &issues,
                            };
                            // Writing to memory cannot fail.
                            let _ = write_events(&mut buf, format, &info, &events);
                        }
                        Outcome::Discarded(faultline_petrarch::Discarded::Story(_)) => break,
                        Outcome::Discarded(_) => {}
                    }
                }
                (buf, errors)
            })
            .collect()
    });
    let mut bad = 0usize;
    for (bytes, errors) in &coded {
        for e in errors {
            eprintln!("{e}");
        }
        bad += errors.len();
        out.write_all(bytes)?;
    }
    out.flush()?;
    if bad > 0 {
        eprintln!("faultline: {bad} sentence(s) with malformed parses were not coded");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `petrarch code --engine faultline`: parses read in file order (malformed
/// ones reported), stories coded on a pool of `--threads` workers, output
/// written in file order.
fn code_faultline(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let dicts =
        Dictionaries::load(true, &args.dict_dirs).context("cannot load the dictionaries")?;
    let ontology = Ontology::builtin();
    let engine = FaultlineEngine::new(Coder::new(&dicts, ontology));
    let filter = if args.all {
        EventFilter::all()
    } else {
        EventFilter::default()
    };
    let format = args.format.unwrap_or(FormatArg::Jsonl);
    let file = args.file.display().to_string();
    let xml = PetrXml::read(&args.file)?;
    for w in &xml.warnings {
        eprintln!("faultline: warning: {w}");
    }
    let mut bad = 0usize;
    let mut kept: Vec<(&SentenceRecord, Tree)> = Vec::new();
    for item in &xml.value.items {
        let rec = match item {
            Item::Sentence(s) => s,
            // PETRARCH's coding options do not apply to Faultline's coder.
            Item::Config { .. } => continue,
            Item::Stop { .. } => break,
        };
        if !rec.is_sentence {
            continue;
        }
        match rec.tree(&file) {
            Ok(t) => kept.push((rec, t)),
            Err(d) => {
                eprintln!("faultline: {d}");
                bad += 1;
            }
        }
    }
    let records: Vec<TreeRecord<'_>> = kept
        .iter()
        .map(|(r, tree)| TreeRecord {
            id: &r.id,
            date: r.date,
            tree,
        })
        .collect();
    let ranges = stories(&records);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .thread_name(|i| format!("faultline-petrarch-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    // Each story's output bytes, in story order whatever the thread count.
    let chunks: Vec<Result<Vec<u8>, String>> = pool.install(|| {
        ranges
            .par_iter()
            .map_init(EngineScratch::default, |scratch, range| {
                let story = engine.code_story(&records[range.clone()], scratch);
                let mut events = story.events.clone();
                filter.apply(&mut events);
                let mut buf = Vec::new();
                let out = match format {
                    FormatArg::Jsonl | FormatArg::Csv => {
                        let f = if format == FormatArg::Csv {
                            OutputFormat::Csv
                        } else {
                            OutputFormat::Jsonl
                        };
                        faultline_coder::output::write_events(
                            f,
                            &story.doc_id,
                            &story.sentences,
                            &events,
                            ontology,
                            &mut buf,
                        )
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                    }
                    FormatArg::Petrarch => events.iter().try_for_each(|e| {
                        let Some(k) = story.record_of(e) else {
                            return Err(format!("{}: event without its sentence", story.doc_id));
                        };
                        let (rec, _) = kept[range.start + k];
                        let text = story
                            .sentences
                            .iter()
                            .find(|s| s.index == e.sentence)
                            .map_or("", |s| s.text.as_str());
                        let span = |(a, b): (u32, u32)| {
                            text.get(a as usize..b as usize).unwrap_or("").to_string()
                        };
                        let pe = PetrEvent {
                            source: e.source.code.clone(),
                            target: e.target.code.clone(),
                            code: e.code.as_str().to_string(),
                            source_text: span(e.source.span),
                            target_text: span(e.target.span),
                            event_text: span(e.trigger),
                        };
                        let info = SentenceInfo {
                            id: &rec.id,
                            date: rec.date,
                            source: rec.source.as_deref(),
                            issues: &[],
                        };
                        write_events(
                            &mut buf,
                            EventFormat::Petrarch,
                            &info,
                            std::slice::from_ref(&pe),
                        )
                        .map_err(|e| e.to_string())
                    }),
                };
                out.map(|()| buf)
            })
            .collect()
    });
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    if format == FormatArg::Csv {
        out.write_all(OutputFormat::Csv.header().as_bytes())?;
    }
    let mut failed = false;
    for chunk in chunks {
        match chunk {
            Ok(bytes) => out.write_all(&bytes)?,
            Err(message) => {
                eprintln!("faultline: error: {file}: {message}");
                failed = true;
            }
        }
    }
    out.flush()?;
    if bad > 0 {
        eprintln!("faultline: {bad} sentence(s) with malformed parses were not coded");
    }
    Ok(if bad > 0 || failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
