//! Faultline's event store and data interchange.
//!
//! # Brief overview
//!
//! * [`Store`] is an embedded SQLite database (WAL mode) with a versioned
//!   schema ([`schema::SCHEMA_VERSION`], migrations in [`schema::MIGRATIONS`];
//!   `docs/store.md` documents every table). It holds `documents`,
//!   `sentences`, `events` and the `dyad_month` aggregate, which every write
//!   updates in the same transaction ([`aggregate`]) so analytics never scan
//!   all events.
//! * [`EventRow`] is one event: every field of the coder's event schema plus
//!   provenance (`faultline` or the dataset) and the original id.
//!   [`DocumentRow`] is a coded document with its sentences and events;
//!   [`ingest::document_row`] builds one from the coder's output, and
//!   [`Store::write_documents`] stores a batch of them atomically,
//!   replacing changed documents and skipping unchanged ones.
//! * [`import::Importer`] reads GDELT 1.0/2.0, ICEWS, Phoenix, POLECAT and
//!   Faultline's own CSV into `events`; bad rows come back as [`RowError`]s
//!   (`file:line: why`) in the [`import::ImportReport`], never dropped. It
//!   writes through a [`BulkImport`] ([`Store::bulk_import`]): a large file
//!   as one transaction in rollback-journal mode with the indexes rebuilt
//!   and the aggregate merged once at the end, a small one in committed
//!   batches.
//! * [`export::export`] streams events out as CSV, JSONL (the coder's
//!   contract), GDELT 2.0 or Parquet; [`query::EventQuery`] and
//!   [`query::run_sql`] answer the `events` and `sql` commands.
//!
//! ```
//! use faultline_store::{import::Format, import::Importer, Store};
//! use faultline_dict::Dictionaries;
//! use faultline_ontology::Ontology;
//!
//! let dir = std::env::temp_dir().join(format!("faultline-store-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let file = dir.join("events.tab");
//! let header = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";
//! let row = "1\t2018-06-01\tXi Jinping\tGovernment\tChina\tConsult\t040\t1\tVladimir Putin\tGovernment\tRussian Federation\t7\t1\tXinhua\tNA\tNA\tNA\tChina\t39.9\t116.4";
//! let bad = "2\t2018-13-01\tXi Jinping\tGovernment\tChina\tConsult\t040\t1\tVladimir Putin\tGovernment\tRussian Federation\t7\t2\tXinhua\tNA\tNA\tNA\tChina\t39.9\t116.4";
//! std::fs::write(&file, format!("{header}\n{row}\n{bad}\n"))?;
//!
//! let mut store = Store::open_in_memory()?;
//! let dicts = Dictionaries::builtin()?;
//! let report = Importer::new(Ontology::builtin(), &dicts).import_file(&mut store, Format::Icews, &file)?;
//! assert_eq!(report.imported, 1);
//! assert_eq!(report.rejected.len(), 1);
//! assert!(report.rejected[0].to_string().ends_with("events.tab:3: date `2018-13-01` out of range (no such day)"));
//!
//! // The aggregate already knows the China → Russia month.
//! let series = store.dyad_series("CHN", "RUS")?;
//! assert_eq!((series[0].month.as_str(), series[0].n_events), ("2018-06", 1));
//! std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod aggregate;
pub mod analytics;
pub mod bulk;
pub mod error;
pub mod export;
pub mod import;
pub mod ingest;
pub mod query;
pub mod record;
pub mod schema;
pub mod store;

/// The SQLite binding, re-exported so that front ends can bind query
/// parameters and read rows without depending on it directly.
pub use rusqlite;

pub use aggregate::DyadMonth;
pub use bulk::{BulkImport, BulkMode};
pub use error::{RowError, StoreError};
pub use record::{ActorRow, DocumentRow, EventRow, SentenceRow};
pub use store::{Counts, Store, WriteSummary};
