//! `faultline import`: read GDELT, ICEWS, Phoenix or POLECAT event files
//! (or Faultline's own CSV export) into the event database.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::import::{Format, Importer};
use faultline_store::Store;

/// The importable formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// GDELT 1.0 events (57 or 58 tab-separated columns), plain or .zip.
    Gdelt1,
    /// GDELT 2.0 event export (61 tab-separated columns), plain or .zip.
    Gdelt2,
    /// ICEWS event files (20 tab-separated columns with a header).
    Icews,
    /// Phoenix CSV (26 columns).
    Phoenix,
    /// POLECAT TSV (40 columns; PLOVER types mapped to CAMEO).
    Polecat,
    /// Faultline's own CSV export (`faultline export --format csv`).
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Gdelt1 => Format::Gdelt1,
            FormatArg::Gdelt2 => Format::Gdelt2,
            FormatArg::Icews => Format::Icews,
            FormatArg::Phoenix => Format::Phoenix,
            FormatArg::Polecat => Format::Polecat,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// Arguments.
///
/// Malformed rows are reported on standard error as `file:line: why` and
/// counted; the rest of the file is still imported. The exit status is 1
/// if any row was rejected. Re-importing a file adds nothing (events are
/// unique per dataset and original id), so an interrupted import is
/// finished by running it again.
///
/// A large file (about 100,000 rows or more) is imported as one
/// transaction, the fast path: interrupted, it leaves nothing of that file
/// behind. While it runs it has the database to itself; if another process
/// has the database open when it starts, it commits every 50,000 rows
/// instead. See docs/store.md, "Bulk imports".
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The format of the files.
    #[arg(value_enum)]
    format: FormatArg,
    /// Files to import (`.zip` archives are read member by member).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The event database (created if missing).
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    db: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = Dictionaries::builtin().context("cannot load the built-in dictionaries")?;
    let importer = Importer::new(Ontology::builtin(), &dicts);
    let mut store = Store::open(&args.db)?;
    let mut failed = false;
    for file in &args.files {
        let report = match importer.import_file(&mut store, args.format.into(), file) {
            Ok(r) => r,
            // A file that cannot be opened at all: say so, go on with the others.
            Err(e) => {
                eprintln!("faultline: error: {e}");
                failed = true;
                continue;
            }
        };
        for e in &report.rejected {
            eprintln!("{e}");
        }
        if !report.unmapped_countries.is_empty() {
            let names: Vec<String> = report.unmapped_countries.iter().map(|(n, c)| format!("{n} ({c})")).collect();
            eprintln!(
                "faultline: warning: {}: country names without an ISO3 code in the dictionaries (stored without a country): {}",
                report.file,
                names.join(", ")
            );
        }
        eprintln!(
            "faultline: {}: {} row(s): {} imported, {} already stored, {} rejected",
            report.file,
            report.rows,
            report.imported,
            report.duplicates,
            report.rejected.len()
        );
        failed |= !report.rejected.is_empty();
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
