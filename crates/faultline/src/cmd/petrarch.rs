//! `faultline petrarch`: PETRARCH/TABARI compatibility — run a PETRARCH
//! unit-test suite, or code a PETR XML file with PETRARCH dictionaries.
//!
//! Failing records are data, not errors: `validate` exits 0 when the suite
//! ran (unless `--min-pass` is not met) and 1 only when the suite or its
//! dictionaries cannot be read. `code` reports each malformed parse on
//! stderr naming the sentence id, codes the other sentences, and exits 1
//! at the end if any parse was malformed.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use faultline_petrarch::{
    dictionaries_in, run_suite, write_events, Config, DictionarySet, EventFormat, Item, Options,
    Outcome, PetrXml, PetrarchCoder, SentenceInfo,
};

/// `faultline petrarch` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run a PETRARCH unit-test suite (e.g. PETR.UnitTest.records.xml): one line per
    /// failing record, then `N passed, M failed`.
    Validate(ValidateArgs),
    /// Code a PETR XML file (sentences with CoreNLP parses) with PETRARCH dictionaries.
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
}

/// Output layouts of `faultline petrarch code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// PETRARCH2's tab-separated event file.
    Petrarch,
    /// Faultline's JSONL event schema.
    Jsonl,
}

/// Arguments of `faultline petrarch code`.
#[derive(Debug, clap::Args)]
pub struct CodeArgs {
    /// The PETR XML file.
    pub file: PathBuf,
    /// PETR_config.ini naming the dictionaries (relative to its folder).
    /// Default: PETR_config.ini beside the XML file.
    #[arg(long, conflicts_with = "dicts")]
    pub config: Option<PathBuf>,
    /// A folder of dictionaries found by name (*verbs*.txt or CAMEO*.txt,
    /// *actors*.txt, *agents*.txt, *discards*.txt, *issue*.txt).
    #[arg(long, value_name = "DIR")]
    pub dicts: Option<PathBuf>,
    /// Output layout.
    #[arg(long, value_enum, default_value = "petrarch")]
    pub format: FormatArg,
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
    let report = run_suite(&args.suite)
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

fn code(args: CodeArgs) -> anyhow::Result<ExitCode> {
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
        FormatArg::Petrarch => EventFormat::Petrarch,
        FormatArg::Jsonl => EventFormat::Jsonl,
    };
    let mut bad = 0usize;
    // A story discard drops the rest of the story: records whose ids share
    // the part before the last `-` (PETRARCH's story id convention).
    let mut discarded_story: Option<String> = None;
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
                continue;
            }
            Item::Stop { .. } => break,
        };
        if !rec.is_sentence {
            continue;
        }
        let story = rec.id.rsplit_once('-').map_or(rec.id.as_str(), |(s, _)| s);
        if discarded_story.as_deref() == Some(story) {
            continue;
        }
        let tree = match rec.tree(&file) {
            Ok(t) => t,
            Err(d) => {
                eprintln!("faultline: {d}");
                bad += 1;
                continue;
            }
        };
        match coder.code(&tree, rec.date, &options) {
            Outcome::Events(events) => {
                let issues = coder.issues(&tree);
                let info = SentenceInfo {
                    id: &rec.id,
                    date: rec.date,
                    source: rec.source.as_deref(),
                    issues: &issues,
                };
                write_events(&mut out, format, &info, &events)?;
            }
            Outcome::Discarded(faultline_petrarch::Discarded::Story(_)) => {
                discarded_story = Some(story.to_string());
            }
            Outcome::Discarded(_) => {}
        }
    }
    out.flush()?;
    if bad > 0 {
        eprintln!("faultline: {bad} sentence(s) with malformed parses were not coded");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
