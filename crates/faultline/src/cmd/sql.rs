//! `faultline sql`: run one SQL statement on the event database.

use std::path::PathBuf;
use std::process::ExitCode;

use faultline_store::aggregate::GROUP_BY_SQL;
use faultline_store::query::{run_sql, TableFormat};
use faultline_store::Store;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Aligned columns.
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON object per row.
    Jsonl,
}

const LONG_HELP: &str = "\
TABLES (docs/store.md has every column)
  documents   id, date, source, url, title, text, content_hash, n_sentences, n_events
  sentences   doc_id, idx, text, start, end
  events      provenance, original_id, event_id, doc_id, sentence, date, source_*/target_*
              (code, country, org, sectors, text), cameo, cameo_root, goldstein, quad_class,
              plover_*, negated, modality, quantity_*, evidence_*, trigger_*, url, kept
  dyad_month  source_country, target_country, month, n_events, n_verbal_coop, n_material_coop,
              n_verbal_conflict, n_material_conflict, goldstein_sum

EXAMPLES
  faultline sql \"SELECT month, n_events, goldstein_sum FROM dyad_month
                 WHERE source_country = 'CHN' AND target_country = 'RUS' ORDER BY month\"
  faultline sql --format csv \"SELECT cameo_root, count(*) FROM events GROUP BY 1\"

The database is opened read-only (SQLite read-only mode and PRAGMA query_only)
unless --write is given. With --write the statement runs in a transaction that
also recomputes dyad_month from events, so the aggregate stays exact.";

/// Arguments.
#[derive(Debug, clap::Args)]
#[command(after_long_help = LONG_HELP)]
pub struct Args {
    /// One SQL statement.
    #[arg(value_name = "SQL")]
    sql: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Allow the statement to write (the aggregate is recomputed afterwards).
    #[arg(long)]
    write: bool,
    /// The event database.
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    db: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = match args.format {
        FormatArg::Table => TableFormat::Table,
        FormatArg::Csv => TableFormat::Csv,
        FormatArg::Jsonl => TableFormat::Jsonl,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !args.write {
        let store = super::events::open_read_only(&args.db)?;
        if let Err(e) = run_sql(&store, &args.sql, format, &mut out) {
            let hint = if e.to_string().contains("readonly") {
                " (the database is opened read-only; give --write to modify it)"
            } else {
                ""
            };
            anyhow::bail!("{e}{hint}");
        }
    } else {
        let store = Store::open(&args.db)?;
        let conn = store.conn();
        conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| store.err(e))?;
        let result = run_sql(&store, &args.sql, format, &mut out).and_then(|_| {
            conn.execute_batch(&format!("DELETE FROM dyad_month; INSERT INTO dyad_month {GROUP_BY_SQL};"))
                .map_err(|e| store.err(e))
        });
        match result {
            Ok(()) => conn.execute_batch("COMMIT").map_err(|e| store.err(e))?,
            Err(e) => {
                // Nothing of a failed statement is kept.
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e.into());
            }
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}
