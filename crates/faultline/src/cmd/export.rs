//! `faultline export`: stream events out of the database as CSV, JSONL,
//! GDELT 2.0 or Parquet.

use std::path::PathBuf;
use std::process::ExitCode;

use faultline_store::export::{export, export_to, ExportFormat};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// CSV: the columns of `faultline code --format csv`, then provenance, original_id, url, kept.
    Csv,
    /// JSONL: the fields of `faultline code`, then provenance, original_id, url, kept.
    Jsonl,
    /// Apache Parquet (Snappy), one column per CSV column, written in row groups.
    Parquet,
    /// GDELT 2.0 event export layout (61 tab-separated columns).
    Gdelt,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> ExportFormat {
        match f {
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Jsonl => ExportFormat::Jsonl,
            FormatArg::Parquet => ExportFormat::Parquet,
            FormatArg::Gdelt => ExportFormat::Gdelt,
        }
    }
}

/// Arguments.
///
/// Events are written in database order, streamed (never the whole table
/// in memory). The database is opened read-only.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Only events matching this SQL condition over the `events` columns
    /// (see docs/store.md), e.g. "source_country = 'CHN' AND kept = 1".
    #[arg(long = "where", value_name = "SQL-EXPR")]
    filter: Option<String>,
    /// Output file (`-` for standard output; not for parquet).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// The event database.
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    db: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_read_only(&args.db)?;
    let format: ExportFormat = args.format.into();
    let n = if args.output.as_os_str() == "-" {
        anyhow::ensure!(format != ExportFormat::Parquet, "parquet cannot be written to standard output: give -o FILE");
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let n = export_to(&store, format, args.filter.as_deref(), &mut out, "<stdout>")?;
        std::io::Write::flush(&mut out)?;
        n
    } else {
        export(&store, format, args.filter.as_deref(), &args.output)?
    };
    eprintln!("faultline: {n} event(s) written");
    Ok(ExitCode::SUCCESS)
}
