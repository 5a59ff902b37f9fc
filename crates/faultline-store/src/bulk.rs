//! [`BulkImport`]: writing one large import file as one logical operation.
//!
//! The store's normal write path (WAL, a transaction per batch, indexes and
//! the `dyad_month` aggregate maintained row by row) is right for ingest,
//! where a crash must lose nothing committed. For a bulk import of millions
//! of rows it writes every page twice (WAL, then the checkpoint), keeps
//! three query indexes up to date with random B-tree insertions, and
//! UPSERTs hundreds of thousands of `dyad_month` cells once per batch.
//!
//! A bulk import therefore, when it can, runs as **one transaction in
//! rollback-journal mode** ([`BulkMode::SingleTransaction`]):
//!
//! * the connection leaves WAL for the duration (`journal_mode = DELETE`).
//!   A rollback journal stores only the *original* content of pages that
//!   existed before the transaction; the import's new pages are appended to
//!   the database file and written once. A process killed mid-import leaves
//!   a hot journal, which the next open rolls back: the whole file's import
//!   disappears, never half of it, and re-running the command redoes it.
//! * the secondary indexes are dropped inside the transaction (when the
//!   file is larger than the table) and rebuilt before the commit, so a
//!   rollback brings them back too;
//! * the aggregate change is accumulated in memory for the whole file and
//!   merged once, before the commit, in key order.
//!
//! The commit switches the connection back to WAL. Leaving WAL needs the
//! database to itself: when another connection has it open (a running
//! `faultline serve`, say), the import falls back to the batched WAL path
//! ([`BulkMode::Batched`]), which is what small imports and in-memory
//! databases use as well. `docs/store.md` discusses the trade-offs.

use rusqlite::{CachedStatement, Connection};

use crate::aggregate::AggDelta;
use crate::error::StoreError;
use crate::record::EventRow;
use crate::schema;
use crate::store::{insert_sql, EventBinder, Store};

/// Imports expected to hold at least this many rows are bulk imports: one
/// transaction in rollback-journal mode, and (when the table is smaller)
/// the secondary indexes rebuilt at the end. Below it, switching journal
/// modes and rebuilding indexes cost more than they save.
pub const BULK_MIN_ROWS: u64 = 100_000;

/// How a [`BulkImport`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkMode {
    /// One transaction for the whole import, rollback journal: each new page
    /// written once; the aggregate merged once at the end.
    SingleTransaction,
    /// WAL, one transaction per [`BulkImport::insert`] call, with its
    /// aggregate change (the store's normal write path).
    Batched,
}

/// An import in progress: rows go in with [`BulkImport::insert`], and
/// [`BulkImport::finish`] makes them durable (and queryable through the
/// indexes). Dropped without `finish` (an error on the way), a
/// single-transaction import is rolled back and the connection returned to
/// WAL; batches already committed in batched mode stay.
pub struct BulkImport<'s> {
    conn: &'s Connection,
    path: &'s str,
    insert: CachedStatement<'s>,
    binder: EventBinder,
    mode: BulkMode,
    /// The secondary indexes were dropped and must be rebuilt.
    dropped_indexes: bool,
    /// A transaction is open (always in single-transaction mode until
    /// `finish`).
    in_tx: bool,
    /// Left WAL, so WAL must be restored.
    left_wal: bool,
    /// Pending aggregate change (for the whole file in single-transaction
    /// mode, for the current batch otherwise).
    delta: AggDelta,
    inserted: u64,
}

impl Store {
    /// Starts an import expected to hold about `expected_rows` rows (an
    /// estimate is enough: it only chooses the strategy, see
    /// [`BulkImport`]).
    pub fn bulk_import(&mut self, expected_rows: u64) -> Result<BulkImport<'_>, StoreError> {
        let (conn, path) = (self.conn(), self.path());
        let e = |x| StoreError::sql(path, x);
        let insert = conn.prepare_cached(&insert_sql("INSERT OR IGNORE")).map_err(e)?;
        let mut bulk = BulkImport {
            conn,
            path,
            insert,
            binder: EventBinder::default(),
            mode: BulkMode::Batched,
            dropped_indexes: false,
            in_tx: false,
            left_wal: false,
            delta: AggDelta::default(),
            inserted: 0,
        };
        if expected_rows < BULK_MIN_ROWS {
            return Ok(bulk);
        }
        if leave_wal(conn).map_err(e)? {
            bulk.left_wal = true;
            bulk.mode = BulkMode::SingleTransaction;
            conn.execute_batch("BEGIN IMMEDIATE").map_err(e)?;
            bulk.in_tx = true;
        }
        // Rebuilding an index sorts the whole table, so it pays only when
        // the import at least doubles the table. The largest row id bounds
        // the row count from above and is read from the B-tree's edge,
        // where count(*) would walk a whole index.
        let max_id: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0)).map_err(e)?;
        if expected_rows > max_id as u64 {
            for (name, _) in schema::SECONDARY_INDEXES {
                conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}")).map_err(e)?;
            }
            bulk.dropped_indexes = true;
        }
        Ok(bulk)
    }
}

/// Switches `conn` from WAL to a rollback journal if nothing else has the
/// database open; false (and still WAL) otherwise, or for databases that
/// are not WAL files (in memory).
fn leave_wal(conn: &Connection) -> rusqlite::Result<bool> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Ok(false);
    }
    // Another connection holds a lock for as long as it is open in WAL
    // mode; do not wait the busy timeout out just to find that.
    conn.busy_timeout(std::time::Duration::ZERO)?;
    let switched = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0));
    conn.busy_timeout(std::time::Duration::from_millis(crate::store::BUSY_TIMEOUT_MS))?;
    match switched {
        Ok(m) => Ok(m.eq_ignore_ascii_case("delete")),
        Err(rusqlite::Error::SqliteFailure(f, _)) if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// Page cache (KiB) while the secondary indexes are rebuilt. SQLite's
/// sorter cuts its input into sorted runs as large as the page cache and
/// merges them; runs that fit the CPU caches sort several times faster
/// than one run of hundreds of megabytes (measured on 10 million events:
/// the `date` index took 26 CPU s with one in-memory run and 6 s with 4 MB
/// runs, SQLite's minimum for 16 KB pages). The index being built is
/// written in key order, so it needs no large cache either.
const INDEX_BUILD_CACHE_KIB: i64 = 4096;

/// Re-creates the missing secondary indexes with [`INDEX_BUILD_CACHE_KIB`]
/// of page cache, then restores the cache size.
fn rebuild_indexes(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let e = |x| StoreError::sql(path, x);
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).map_err(e)?;
    conn.execute_batch(&format!("PRAGMA cache_size = -{INDEX_BUILD_CACHE_KIB}")).map_err(e)?;
    let built = schema::ensure_indexes(conn, path);
    conn.execute_batch(&format!("PRAGMA cache_size = {cache}")).map_err(e)?;
    built
}

impl BulkImport<'_> {
    /// How this import writes.
    pub fn mode(&self) -> BulkMode {
        self.mode
    }

    /// Whether the secondary indexes were dropped for the import (they are
    /// rebuilt by [`BulkImport::finish`]).
    pub fn rebuilds_indexes(&self) -> bool {
        self.dropped_indexes
    }

    /// Inserts `rows`, skipping any whose `(provenance, original_id)` is
    /// already stored; returns how many were new. In batched mode the rows
    /// and their aggregate change are committed before this returns.
    pub fn insert(&mut self, rows: &[EventRow]) -> Result<usize, StoreError> {
        let path = self.path;
        let e = |x| StoreError::sql(path, x);
        if !self.in_tx {
            self.conn.execute_batch("BEGIN IMMEDIATE").map_err(e)?;
            self.in_tx = true;
        }
        let mut n = 0;
        for ev in rows {
            if self.binder.execute(&mut self.insert, ev).map_err(e)? == 1 {
                self.delta.add(ev, 1);
                n += 1;
            }
        }
        self.inserted += n as u64;
        if self.mode == BulkMode::Batched {
            self.delta.apply(self.conn).map_err(e)?;
            self.conn.execute_batch("COMMIT").map_err(e)?;
            self.in_tx = false;
        }
        Ok(n)
    }

    /// Completes the import: rebuilds dropped indexes, merges the
    /// aggregate, commits and returns to WAL. Returns the number of rows
    /// inserted.
    pub fn finish(mut self) -> Result<u64, StoreError> {
        let path = self.path;
        let e = |x| StoreError::sql(path, x);
        if self.dropped_indexes {
            rebuild_indexes(self.conn, path)?;
            self.dropped_indexes = false;
        }
        if self.in_tx {
            self.delta.apply(self.conn).map_err(e)?;
            self.conn.execute_batch("COMMIT").map_err(e)?;
            self.in_tx = false;
        }
        self.restore_wal();
        Ok(self.inserted)
    }

    /// Back to WAL after leaving it. Failure is not an error of the import
    /// (its rows are committed): the database is valid in either mode, and
    /// every writable open sets WAL again.
    fn restore_wal(&mut self) {
        if std::mem::take(&mut self.left_wal) {
            let _ = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        }
    }
}

impl Drop for BulkImport<'_> {
    fn drop(&mut self) {
        if self.in_tx {
            // Undoes the uncommitted rows — and, in single-transaction mode,
            // the index drop with them.
            let _ = self.conn.execute_batch("ROLLBACK");
            if self.mode == BulkMode::SingleTransaction {
                self.dropped_indexes = false;
            }
        }
        if self.dropped_indexes {
            // Batched mode committed rows without the indexes. The next
            // writable open would rebuild them, but read-only users
            // (`events`, `export`, `serve`) should not meet a database
            // that is slow to query in the meantime.
            let _ = rebuild_indexes(self.conn, self.path);
        }
        self.restore_wal();
    }
}
