//! [`Store`]: the SQLite database and every write to it.
//!
//! All writes go through this type so that the `dyad_month` aggregate is
//! updated in the same transaction as the events it counts.

use std::path::Path;

use faultline_text::Date;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row, Statement, Transaction};

use crate::aggregate::{AggDelta, DyadMonth};
use crate::error::StoreError;
use crate::record::{ActorRow, DocumentRow, EventRow};
use crate::schema;

/// Event columns in table order, after `id` (what [`EventRow`] holds).
pub const EVENT_COLUMNS: [&str; 35] = [
    "provenance",
    "original_id",
    "event_id",
    "doc_id",
    "sentence",
    "date",
    "date_precision",
    "source_code",
    "source_country",
    "source_org",
    "source_sectors",
    "source_text",
    "target_code",
    "target_country",
    "target_org",
    "target_sectors",
    "target_text",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "negated",
    "modality",
    "quantity_amount",
    "quantity_unit",
    "evidence_start",
    "evidence_end",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "url",
    "kept",
];

/// How many rows the importers and bulk writers commit at once: large
/// enough that commit cost vanishes, small enough that a crash loses little
/// work and memory stays bounded.
pub const BATCH_ROWS: usize = 50_000;

/// How long a connection waits for another one's lock before giving up
/// (`PRAGMA busy_timeout`), in milliseconds.
pub const BUSY_TIMEOUT_MS: u64 = 10_000;

/// What [`Store::write_documents`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Documents not stored before.
    pub inserted: usize,
    /// Documents whose content changed: old sentences and events replaced.
    pub replaced: usize,
    /// Documents already stored with the same content hash.
    pub skipped: usize,
    /// Events written.
    pub events: usize,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows in `documents`.
    pub documents: i64,
    /// Rows in `sentences`.
    pub sentences: i64,
    /// Rows in `events`.
    pub events: i64,
    /// Rows in `dyad_month`.
    pub dyad_months: i64,
}

/// An open event database.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens (creating if needed) the database at `path` for writing, in WAL
    /// mode, and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path_str = path.as_ref().display().to_string();
        let conn = Connection::open(path.as_ref()).map_err(|e| StoreError::sql(&path_str, e))?;
        Store::setup(conn, path_str)
    }

    /// An in-memory database (tests, scratch work).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::sql(":memory:", e))?;
        Store::setup(conn, ":memory:".to_owned())
    }

    /// Opens an existing database read-only: SQLite's read-only flag plus
    /// `PRAGMA query_only`, so no statement can write, whatever it is.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path_str = path.as_ref().display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path.as_ref(), flags).map_err(|e| StoreError::sql(&path_str, e))?;
        conn.execute_batch("PRAGMA query_only = ON").map_err(|e| StoreError::sql(&path_str, e))?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| StoreError::sql(&path_str, e))?;
        if version > schema::SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: path_str, found: version, supported: schema::SCHEMA_VERSION });
        }
        Ok(Store { conn, path: path_str })
    }

    fn setup(mut conn: Connection, path: String) -> Result<Store, StoreError> {
        // WAL: readers never block the writer and a crash mid-commit leaves
        // the last committed state. synchronous=NORMAL is durable against
        // process crashes (the crash test's SIGKILL); only an OS crash can
        // lose the last commits, never corrupt the file. With NORMAL only
        // checkpoints fsync, and fsync is the dominant cost of bulk writes
        // on slow disks, so checkpoints run every 64 MB of WAL rather than
        // SQLite's default 4 MB. A large page cache keeps index pages of
        // bulk imports in memory. 16 KB pages (set before WAL, so only new
        // databases get them) make B-trees shallower for wide event rows.
        // Temporary storage stays in files (the OS caches them): with
        // temp_store=MEMORY SQLite's sorter never cuts a large sort into
        // runs and sorts it as one list, which took 4x the CPU for an index
        // over 10 million events.
        conn.execute_batch(
            "PRAGMA page_size = 16384;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA wal_autocheckpoint = 16384;
             PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -262144;
             PRAGMA mmap_size = 268435456;
             PRAGMA temp_store = FILE;",
        )
        .map_err(|e| StoreError::sql(&path, e))?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS)).map_err(|e| StoreError::sql(&path, e))?;
        schema::migrate(&mut conn, &path)?;
        schema::ensure_indexes(&conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The database path as given (for messages).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The underlying connection, for ad-hoc queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The underlying connection, mutably (transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Wraps a SQLite error with this database's path.
    pub fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sql(&self.path, e)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// The content hash of the stored document `id`, if it is stored.
    pub fn document_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT content_hash FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Stores a batch of coded documents in ONE transaction: a document not
    /// stored yet is inserted; one stored with another content hash has its
    /// sentences and events replaced (the aggregate decremented for the old
    /// events); one stored with the same hash is skipped. Either the whole
    /// batch is committed or nothing is.
    pub fn write_documents(&mut self, docs: &[DocumentRow]) -> Result<WriteSummary, StoreError> {
        let path = self.path.clone();
        let e = |x| StoreError::sql(&path, x);
        let tx = self.conn.transaction().map_err(e)?;
        let mut summary = WriteSummary::default();
        let mut delta = AggDelta::default();
        {
            let mut get_hash = tx.prepare_cached("SELECT content_hash FROM documents WHERE id = ?1").map_err(e)?;
            let mut ins_doc = tx
                .prepare_cached(
                    "INSERT INTO documents (id, date, source, url, title, text, content_hash, n_sentences, n_events)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(e)?;
            let mut ins_sent =
                tx.prepare_cached("INSERT INTO sentences (doc_id, idx, text, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5)").map_err(e)?;
            let mut ins_ev = tx.prepare_cached(&insert_sql("INSERT")).map_err(e)?;
            let mut binder = EventBinder::default();
            for doc in docs {
                let old: Option<String> = get_hash.query_row([&doc.id], |r| r.get(0)).optional().map_err(e)?;
                match old {
                    Some(h) if h == doc.content_hash => {
                        summary.skipped += 1;
                        continue;
                    }
                    Some(_) => {
                        remove_document(&tx, &doc.id, &mut delta).map_err(e)?;
                        summary.replaced += 1;
                    }
                    None => summary.inserted += 1,
                }
                ins_doc
                    .execute(params![
                        doc.id,
                        doc.date.map(|d| d.to_string()),
                        doc.source,
                        doc.url,
                        doc.title,
                        doc.text,
                        doc.content_hash,
                        doc.sentences.len() as i64,
                        doc.events.len() as i64
                    ])
                    .map_err(e)?;
                for s in &doc.sentences {
                    ins_sent.execute(params![doc.id, s.idx, s.text, s.start, s.end]).map_err(e)?;
                }
                for ev in &doc.events {
                    binder.execute(&mut ins_ev, ev).map_err(e)?;
                    delta.add(ev, 1);
                    summary.events += 1;
                }
            }
        }
        delta.apply(&tx).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(summary)
    }

    /// Deletes document `id` with its sentences and events (the aggregate
    /// decremented in the same transaction). False when it was not stored.
    pub fn delete_document(&mut self, id: &str) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let e = |x| StoreError::sql(&path, x);
        let tx = self.conn.transaction().map_err(e)?;
        let mut delta = AggDelta::default();
        let existed = remove_document(&tx, id, &mut delta).map_err(e)?;
        delta.apply(&tx).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(existed)
    }

    /// Inserts imported events in one transaction, skipping any whose
    /// `(provenance, original_id)` is already stored (so re-importing a file
    /// adds nothing). Returns how many were new.
    pub fn insert_events(&mut self, rows: &[EventRow]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let e = |x| StoreError::sql(&path, x);
        let tx = self.conn.transaction().map_err(e)?;
        let mut delta = AggDelta::default();
        let mut n = 0;
        {
            let mut stmt = tx.prepare_cached(&insert_sql("INSERT OR IGNORE")).map_err(e)?;
            let mut binder = EventBinder::default();
            for ev in rows {
                if binder.execute(&mut stmt, ev).map_err(e)? == 1 {
                    delta.add(ev, 1);
                    n += 1;
                }
            }
        }
        delta.apply(&tx).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(n)
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let one = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(|e| self.err(e));
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents")?,
            sentences: one("SELECT count(*) FROM sentences")?,
            events: one("SELECT count(*) FROM events")?,
            dyad_months: one("SELECT count(*) FROM dyad_month")?,
        })
    }

    /// Recomputes `dyad_month` from scratch with a GROUP BY over all events
    /// (after writes that bypassed [`Store`], e.g. `faultline sql --write`).
    pub fn rebuild_aggregates(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |x| StoreError::sql(&path, x);
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute_batch(&format!("DELETE FROM dyad_month; INSERT INTO dyad_month {}", crate::aggregate::GROUP_BY_SQL))
            .map_err(e)?;
        tx.commit().map_err(e)
    }

    /// The monthly series of one directed dyad from the aggregate table,
    /// oldest month first.
    pub fn dyad_series(&self, source: &str, target: &str) -> Result<Vec<DyadMonth>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM dyad_month WHERE source_country = ?1 AND target_country = ?2 ORDER BY month",
                crate::aggregate::DYAD_COLUMNS
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([source, target], DyadMonth::from_row).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Every dyad's monthly totals from the aggregate table, as
    /// `(month, events, goldstein sum)` summed over all dyads, oldest first.
    pub fn monthly_totals(&self) -> Result<Vec<(String, i64, f64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT month, sum(n_events), sum(goldstein_sum) FROM dyad_month GROUP BY month ORDER BY month")
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Events of one document in `(sentence, event_id)` order.
    pub fn document_events(&self, doc_id: &str) -> Result<Vec<EventRow>, StoreError> {
        let sql = format!("SELECT id, {} FROM events WHERE doc_id = ?1 ORDER BY sentence, id", EVENT_COLUMNS.join(", "));
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query([doc_id]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            out.push(event_from_row(r, 1).map_err(|m| self.bad_row(r, m))?);
        }
        Ok(out)
    }

    /// A [`StoreError::BadRow`] for row `r` (its first column is the id).
    pub(crate) fn bad_row(&self, r: &Row<'_>, m: String) -> StoreError {
        StoreError::BadRow { path: self.path.clone(), rowid: r.get(0).unwrap_or(-1), message: m }
    }
}

/// Deletes a document's events (recording the aggregate decrement), its
/// sentences and its row. False when it was not stored.
fn remove_document(tx: &Transaction<'_>, id: &str, delta: &mut AggDelta) -> rusqlite::Result<bool> {
    // Decrement by what the events contributed, read back from the table
    // itself: a GROUP BY over one document's events (index events_doc).
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {} FROM events WHERE doc_id = ?1 AND provenance = 'faultline' AND {}{}",
        crate::aggregate::GROUP_SELECT,
        crate::aggregate::ELIGIBLE,
        crate::aggregate::GROUP_TAIL
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        delta.sub_group(r)?;
    }
    tx.execute("DELETE FROM events WHERE doc_id = ?1 AND provenance = 'faultline'", [id])?;
    tx.execute("DELETE FROM sentences WHERE doc_id = ?1", [id])?;
    Ok(tx.execute("DELETE FROM documents WHERE id = ?1", [id])? > 0)
}

pub(crate) fn insert_sql(verb: &str) -> String {
    let placeholders: Vec<String> = (1..=EVENT_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    format!("{verb} INTO events ({}) VALUES ({})", EVENT_COLUMNS.join(", "), placeholders.join(", "))
}

/// Binds [`EventRow`]s to an insert statement built by [`insert_sql`] and
/// runs it. The values the row holds in another shape than SQLite stores
/// them (the date, the `;`-joined sector lists) are formatted into buffers
/// kept from row to row, and every other value is bound straight from the
/// row, so inserting a row allocates nothing on our side — at millions of
/// rows per import, per-row `String`s were a measurable share of the time.
#[derive(Debug, Default)]
pub(crate) struct EventBinder {
    date: [u8; 10],
    source_sectors: String,
    target_sectors: String,
}

impl EventBinder {
    /// Binds `ev` to `stmt` and executes it: the number of rows changed
    /// (0 when `INSERT OR IGNORE` met an existing `(provenance,
    /// original_id)`).
    pub(crate) fn execute(&mut self, stmt: &mut Statement<'_>, ev: &EventRow) -> rusqlite::Result<usize> {
        let date = ev.date.map(|d| format_date(d, &mut self.date));
        join_into(&mut self.source_sectors, &ev.source.sectors);
        join_into(&mut self.target_sectors, &ev.target.sectors);
        // Parameter numbers follow EVENT_COLUMNS.
        stmt.raw_bind_parameter(1, ev.provenance.as_str())?;
        stmt.raw_bind_parameter(2, ev.original_id.as_str())?;
        stmt.raw_bind_parameter(3, ev.event_id.as_str())?;
        stmt.raw_bind_parameter(4, ev.doc_id.as_deref())?;
        stmt.raw_bind_parameter(5, ev.sentence)?;
        stmt.raw_bind_parameter(6, date)?;
        stmt.raw_bind_parameter(7, ev.date_precision.as_str())?;
        stmt.raw_bind_parameter(8, ev.source.code.as_str())?;
        stmt.raw_bind_parameter(9, ev.source.country.as_deref())?;
        stmt.raw_bind_parameter(10, ev.source.org.as_deref())?;
        stmt.raw_bind_parameter(11, self.source_sectors.as_str())?;
        stmt.raw_bind_parameter(12, ev.source.text.as_deref())?;
        stmt.raw_bind_parameter(13, ev.target.code.as_str())?;
        stmt.raw_bind_parameter(14, ev.target.country.as_deref())?;
        stmt.raw_bind_parameter(15, ev.target.org.as_deref())?;
        stmt.raw_bind_parameter(16, self.target_sectors.as_str())?;
        stmt.raw_bind_parameter(17, ev.target.text.as_deref())?;
        stmt.raw_bind_parameter(18, ev.cameo.as_str())?;
        stmt.raw_bind_parameter(19, ev.cameo_root.as_str())?;
        stmt.raw_bind_parameter(20, ev.goldstein)?;
        stmt.raw_bind_parameter(21, ev.quad_class)?;
        stmt.raw_bind_parameter(22, ev.plover_event.as_deref())?;
        stmt.raw_bind_parameter(23, ev.plover_mode.as_deref())?;
        stmt.raw_bind_parameter(24, ev.plover_context.as_deref())?;
        stmt.raw_bind_parameter(25, ev.negated)?;
        stmt.raw_bind_parameter(26, ev.modality.as_str())?;
        stmt.raw_bind_parameter(27, ev.quantity_amount)?;
        stmt.raw_bind_parameter(28, ev.quantity_unit.as_deref())?;
        stmt.raw_bind_parameter(29, ev.evidence_start)?;
        stmt.raw_bind_parameter(30, ev.evidence_end)?;
        stmt.raw_bind_parameter(31, ev.trigger_text.as_deref())?;
        stmt.raw_bind_parameter(32, ev.trigger_start)?;
        stmt.raw_bind_parameter(33, ev.trigger_end)?;
        stmt.raw_bind_parameter(34, ev.url.as_deref())?;
        stmt.raw_bind_parameter(35, ev.kept)?;
        stmt.raw_execute()
    }
}

/// `YYYY-MM-DD` of `d` in `buf` (years are 1–9999, so always 10 bytes,
/// exactly what `Date`'s `Display` writes).
fn format_date(d: Date, buf: &mut [u8; 10]) -> &str {
    let digits = |buf: &mut [u8], mut n: u32| {
        for b in buf.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut buf[0..4], d.year().clamp(0, 9999) as u32);
    buf[4] = b'-';
    digits(&mut buf[5..7], d.month());
    buf[7] = b'-';
    digits(&mut buf[8..10], d.day());
    // Only ASCII digits and dashes were written.
    std::str::from_utf8(buf).unwrap_or_default()
}

fn join_into(buf: &mut String, parts: &[String]) {
    buf.clear();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            buf.push(';');
        }
        buf.push_str(p);
    }
}

fn split_list(s: String) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(';').map(str::to_owned).collect()
    }
}

/// Reads an [`EventRow`] from a row whose columns from `at` on are
/// [`EVENT_COLUMNS`]. Errors are messages (the caller adds the row id).
pub fn event_from_row(r: &Row<'_>, at: usize) -> Result<EventRow, String> {
    let g = |i: usize| at + i;
    let map = |e: rusqlite::Error| e.to_string();
    let date: Option<String> = r.get(g(5)).map_err(map)?;
    let date = match date {
        None => None,
        Some(s) => Some(s.parse::<Date>().map_err(|e| format!("date `{s}`: {e}"))?),
    };
    let actor = |base: usize| -> Result<ActorRow, String> {
        Ok(ActorRow {
            code: r.get(g(base)).map_err(map)?,
            country: r.get(g(base + 1)).map_err(map)?,
            org: r.get(g(base + 2)).map_err(map)?,
            sectors: split_list(r.get(g(base + 3)).map_err(map)?),
            text: r.get(g(base + 4)).map_err(map)?,
        })
    };
    Ok(EventRow {
        provenance: r.get(g(0)).map_err(map)?,
        original_id: r.get(g(1)).map_err(map)?,
        event_id: r.get(g(2)).map_err(map)?,
        doc_id: r.get(g(3)).map_err(map)?,
        sentence: r.get(g(4)).map_err(map)?,
        date,
        date_precision: r.get(g(6)).map_err(map)?,
        source: actor(7)?,
        target: actor(12)?,
        cameo: r.get(g(17)).map_err(map)?,
        cameo_root: r.get(g(18)).map_err(map)?,
        goldstein: r.get(g(19)).map_err(map)?,
        quad_class: r.get(g(20)).map_err(map)?,
        plover_event: r.get(g(21)).map_err(map)?,
        plover_mode: r.get(g(22)).map_err(map)?,
        plover_context: r.get(g(23)).map_err(map)?,
        negated: r.get(g(24)).map_err(map)?,
        modality: r.get(g(25)).map_err(map)?,
        quantity_amount: r.get(g(26)).map_err(map)?,
        quantity_unit: r.get(g(27)).map_err(map)?,
        evidence_start: r.get(g(28)).map_err(map)?,
        evidence_end: r.get(g(29)).map_err(map)?,
        trigger_text: r.get(g(30)).map_err(map)?,
        trigger_start: r.get(g(31)).map_err(map)?,
        trigger_end: r.get(g(32)).map_err(map)?,
        url: r.get(g(33)).map_err(map)?,
        kept: r.get(g(34)).map_err(map)?,
    })
}
