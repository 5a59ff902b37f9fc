//! `faultline events`: list stored events by dyad, date, CAMEO root and
//! quad class.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use faultline_store::export::{export_query, for_each_event, ExportFormat};
use faultline_store::rusqlite::ToSql;
use faultline_store::query::{print_table, EventQuery};
use faultline_store::Store;
use faultline_text::Date;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Aligned columns.
    Table,
    /// The JSONL of `faultline export --format jsonl`.
    Jsonl,
    /// The CSV of `faultline export --format csv`.
    Csv,
}

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source country (ISO3, e.g. CHN).
    #[arg(long, value_name = "ISO3")]
    source: Option<String>,
    /// Target country (ISO3).
    #[arg(long, value_name = "ISO3")]
    target: Option<String>,
    /// First date (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<Date>,
    /// Last date (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<Date>,
    /// CAMEO root (01-20).
    #[arg(long, value_name = "RR")]
    root: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_name = "Q", value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// At most N events (default: 100 for the table, all otherwise).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Also list events the default policy leaves out (negated, hypothetical, prescriptive).
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// The event database.
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    db: PathBuf,
}

/// Opens `path` read-only, with a helpful message when it does not exist.
pub fn open_read_only(path: &Path) -> anyhow::Result<Store> {
    anyhow::ensure!(
        path.exists(),
        "no database at {} (create one with `faultline ingest` or `faultline import`, or give --db)",
        path.display()
    );
    Store::open_read_only(path).with_context(|| format!("cannot open {}", path.display()))
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = open_read_only(&args.db)?;
    let query = EventQuery {
        source: args.source,
        target: args.target,
        from: args.from,
        to: args.to,
        root: args.root,
        quad: args.quad,
        kept_only: !args.all,
    };
    let (sql, params) = query.to_sql()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        FormatArg::Table => {
            let limit = args.limit.unwrap_or(100);
            let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
            let mut rows = Vec::new();
            for_each_event(&store, Some(&sql), &refs, Some(limit), |ex| {
                let e = &ex.event;
                let opt = |s: &Option<String>| s.clone().unwrap_or_default();
                let mut row = vec![
                    e.event_id.clone(),
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                    e.source.code.clone(),
                    opt(&e.source.country),
                    e.target.code.clone(),
                    opt(&e.target.country),
                    e.cameo.clone(),
                    e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                    e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
                    e.provenance.clone(),
                ];
                if args.all {
                    row.push(if e.negated { "yes".into() } else { String::new() });
                    row.push(e.modality.clone());
                }
                rows.push(row);
                Ok(())
            })?;
            let mut names: Vec<String> =
                ["event_id", "date", "source", "src", "target", "tgt", "cameo", "quad", "goldstein", "provenance"]
                    .map(String::from)
                    .to_vec();
            if args.all {
                names.extend(["negated".to_owned(), "modality".to_owned()]);
            }
            print_table(&mut out, &names, &rows)?;
        }
        FormatArg::Jsonl | FormatArg::Csv => {
            let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
            let format = if args.format == FormatArg::Csv { ExportFormat::Csv } else { ExportFormat::Jsonl };
            export_query(&store, format, Some(&sql), &refs, args.limit, &mut out, "<stdout>")?;
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}
