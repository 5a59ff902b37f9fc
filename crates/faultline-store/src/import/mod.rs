//! Importers: GDELT 1.0/2.0, ICEWS, Phoenix, POLECAT and Faultline's own
//! CSV export, all mapped onto the one `events` table.
//!
//! Every input line is either imported, recognised as a header, or
//! rejected with a [`RowError`] (`file:line: why`) — never dropped silently
//! and never aborting the rest of the file. Each file is written through a
//! [`BulkImport`](crate::bulk::BulkImport): a large file as one transaction
//! (killed, it leaves nothing behind), a small one in committed batches of
//! [`BATCH_ROWS`]. `(provenance, original_id)` is
//! unique, so re-running an interrupted import completes it without
//! duplicates either way.

mod formats;
mod lines;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::mpsc;

use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;

use crate::error::{RowError, StoreError};
use crate::record::EventRow;
use crate::store::{Store, BATCH_ROWS};

pub use formats::{parse_compact_date, parse_iso_date, split_csv_line, PLAUSIBLE_YEARS};
pub use lines::for_each_line;

/// The importable formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GDELT 1.0 events: 57 tab-separated columns (58 with SOURCEURL from 2013-04-01).
    Gdelt1,
    /// GDELT 2.0 event export: 61 tab-separated columns.
    Gdelt2,
    /// ICEWS event files: 20 tab-separated columns with a header.
    Icews,
    /// Phoenix: 26 comma-separated columns.
    Phoenix,
    /// POLECAT: 40 tab-separated columns with a header (PLOVER-coded).
    Polecat,
    /// Faultline's own CSV export (`faultline export --format csv`), re-imported losslessly.
    Csv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [Format::Gdelt1, Format::Gdelt2, Format::Icews, Format::Phoenix, Format::Polecat, Format::Csv];

    /// The command-line name, also the stored provenance (except `csv`,
    /// whose rows carry their own provenance).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Gdelt1 => "gdelt1",
            Format::Gdelt2 => "gdelt2",
            Format::Icews => "icews",
            Format::Phoenix => "phoenix",
            Format::Polecat => "polecat",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown import format `{s}` (expected gdelt1, gdelt2, icews, phoenix, polecat or csv)"))
    }
}

/// What importing one file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The file.
    pub file: String,
    /// Data rows read (headers and blank lines excluded).
    pub rows: usize,
    /// Events newly stored.
    pub imported: usize,
    /// Valid rows already stored (same provenance and original id).
    pub duplicates: usize,
    /// Rejected rows (and a truncation, if any), in file order.
    pub rejected: Vec<RowError>,
    /// Country names (ICEWS, POLECAT) that no dictionary entry matched,
    /// with how many rows used each; those actors are stored without a
    /// country, and said so here rather than silently.
    pub unmapped_countries: BTreeMap<String, usize>,
}

/// Imports files into a [`Store`]; holds the ontology and the country
/// tables the formats need, so build it once for many files.
pub struct Importer<'a> {
    ontology: &'a Ontology,
    dicts: &'a Dictionaries,
}

impl<'a> Importer<'a> {
    /// An importer using `ontology` (codes, Goldstein, PLOVER mapping) and
    /// `dicts` (country codes and names).
    pub fn new(ontology: &'a Ontology, dicts: &'a Dictionaries) -> Importer<'a> {
        Importer { ontology, dicts }
    }

    /// Imports one file in `format` through a
    /// [`BulkImport`](crate::bulk::BulkImport) sized from the file: one
    /// transaction for a large file, commits every
    /// [`BATCH_ROWS`] rows otherwise. Only a file
    /// that cannot be opened at all (or a database failure) is an error; bad
    /// rows are in the report.
    ///
    /// Reading and parsing run on a second thread, one batch ahead of the
    /// database writes, so the SQLite thread does nothing but insert; the
    /// written batches go back to that thread to be freed there too.
    pub fn import_file(&self, store: &mut Store, format: Format, path: &Path) -> Result<ImportReport, StoreError> {
        let name = path.display().to_string();
        let file_key = path.file_name().map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
        // Rough row estimate from the file size (rows are ~200-600 bytes;
        // zip archives compress about 8:1): it only picks the write strategy.
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let is_zip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let estimate = if is_zip { bytes * 8 / 300 } else { bytes / 300 };
        let mut bulk = store.bulk_import(estimate)?;

        let (full_tx, full_rx) = mpsc::sync_channel::<Vec<EventRow>>(2);
        let (used_tx, used_rx) = mpsc::channel::<Vec<EventRow>>();
        let mut imported = 0usize;
        let mut duplicates = 0usize;
        let mut db_error: Option<StoreError> = None;
        let parsed = std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                let mut parser = formats::Parser::new(format, self.ontology, self.dicts, file_key);
                let mut rows = 0usize;
                let mut rejected = Vec::new();
                let mut batch: Vec<EventRow> = Vec::with_capacity(BATCH_ROWS);
                let mut stopped = false;
                let truncated = for_each_line(path, |line, bytes| {
                    if stopped {
                        return;
                    }
                    match parser.parse_line(line, bytes) {
                        Ok(None) => {}
                        Ok(Some(ev)) => {
                            rows += 1;
                            batch.push(ev);
                            if batch.len() >= BATCH_ROWS {
                                // Reuse a written batch's allocation when one is back.
                                let next = match used_rx.try_recv() {
                                    Ok(mut v) => {
                                        v.clear();
                                        v
                                    }
                                    Err(_) => Vec::with_capacity(BATCH_ROWS),
                                };
                                // The writer is gone only after a database error.
                                stopped = full_tx.send(std::mem::replace(&mut batch, next)).is_err();
                            }
                        }
                        Err(message) => {
                            rows += 1;
                            rejected.push(RowError { file: path.display().to_string(), line, message });
                        }
                    }
                });
                if !stopped && !batch.is_empty() {
                    let _ = full_tx.send(batch);
                }
                drop(full_tx);
                (truncated, rows, rejected, parser.take_unmapped())
            });
            for batch in full_rx.iter() {
                if db_error.is_none() {
                    match bulk.insert(&batch) {
                        Ok(n) => {
                            imported += n;
                            duplicates += batch.len() - n;
                        }
                        Err(e) => db_error = Some(e),
                    }
                }
                if db_error.is_some() {
                    // Stop the reader: it sees the closed channel on its next send.
                    break;
                }
                let _ = used_tx.send(batch);
            }
            drop(full_rx);
            reader.join()
        });
        let (truncated, rows, rejected, unmapped) = match parsed {
            Ok(p) => p,
            // A panic in the parser is a bug; re-raise it rather than report
            // a partial import as complete. Dropping the import first rolls
            // back what is not committed.
            Err(panic) => {
                drop(bulk);
                std::panic::resume_unwind(panic)
            }
        };
        if let Some(e) = db_error {
            drop(bulk);
            return Err(e);
        }
        bulk.finish()?;
        let mut report = ImportReport {
            file: name,
            rows,
            imported,
            duplicates,
            rejected,
            unmapped_countries: unmapped,
        };
        report.rejected.extend(truncated?);
        Ok(report)
    }

    /// Parses one line of `format` without storing it (fuzzing, tests):
    /// `Ok(None)` for a header or blank line.
    pub fn parse_line(&self, format: Format, file_key: &str, line: usize, bytes: &[u8]) -> Result<Option<EventRow>, String> {
        formats::Parser::new(format, self.ontology, self.dicts, file_key.to_owned()).parse_line(line, bytes)
    }
}

/// Imports `path` with a fresh [`Importer`] over the built-in ontology and
/// dictionaries (convenience for one-off use).
pub fn import_file(store: &mut Store, format: Format, path: &Path) -> Result<ImportReport, StoreError> {
    let dicts = Dictionaries::builtin().map_err(|e| StoreError::Query(format!("cannot load the built-in dictionaries: {e}")))?;
    Importer::new(Ontology::builtin(), &dicts).import_file(store, format, path)
}
