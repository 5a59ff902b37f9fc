//! `faultline sentences`: documents in, one JSON object per sentence out.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use faultline_text::{write_sentence_json, Date, InputEvent, InputFormat, InputOptions, InputReader, Pipeline};

/// Input format choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// By extension: .html/.htm → HTML, .jsonl/.ndjson → JSONL, else text; stdin is text.
    Auto,
    /// Plain UTF-8 text.
    Text,
    /// HTML article pages (main text extracted).
    Html,
    /// One JSON object per line with `id`, `date`, `text` (and optional `title`, `url`, `source`).
    Jsonl,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Text => InputFormat::Text,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Jsonl => InputFormat::Jsonl,
        }
    }
}

/// Arguments.
///
/// Prints one JSON object per line: `doc_id`, `index`, `text`, `start`,
/// `end` (byte offsets into the original file; for JSONL, into the record's
/// decoded `text`) and `dates` (`text`, `start`, `end`, `value`,
/// `precision`). Warnings and errors go to standard error; the exit status is
/// 1 if any input could not be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (read recursively, sorted by path) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Publication date (YYYY-MM-DD) of documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<Date>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    format: FormatArg,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = InputOptions { default_date: args.date, format: args.format.into() };
    let pipeline = Pipeline::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for event in InputReader::new(&args.paths, options) {
        match event {
            InputEvent::Document(doc) => {
                // Stream: a huge document's sentences are written, not kept.
                let mut write_error = None;
                pipeline.for_each(&doc, |s| {
                    if write_error.is_none() {
                        write_error = write_sentence_json(&mut out, &doc.id, &s).err();
                    }
                });
                if let Some(e) = write_error {
                    return quiet_on_closed_pipe(e);
                }
            }
            InputEvent::Warning(w) => {
                // Keep stdout and stderr in order when both go to a terminal.
                if let Err(e) = out.flush() {
                    return quiet_on_closed_pipe(e);
                }
                eprintln!("faultline: warning: {w}");
            }
            InputEvent::Error(e) => {
                if let Err(e) = out.flush() {
                    return quiet_on_closed_pipe(e);
                }
                eprintln!("faultline: error: {e}");
                failed = true;
            }
        }
    }
    if let Err(e) = out.flush() {
        return quiet_on_closed_pipe(e);
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A closed pipe (`faultline sentences … | head`) is a normal way to stop.
fn quiet_on_closed_pipe(e: io::Error) -> anyhow::Result<ExitCode> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(anyhow::Error::new(e).context("cannot write to standard output"))
    }
}
