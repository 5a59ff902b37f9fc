//! The versioned schema and its migrations.
//!
//! The schema version lives in SQLite's `PRAGMA user_version`. [`MIGRATIONS`]
//! is an append-only list: migration *i* (0-based) takes a database from
//! version *i* to *i + 1*. Opening a database applies every missing
//! migration in one transaction, so a database is always at a version the
//! code knows, never half-migrated. A database newer than the code is refused
//! rather than guessed at. `docs/store.md` documents every table.

use rusqlite::Connection;

use crate::error::StoreError;

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The migrations, oldest first. Never edit a released entry: append a new
/// one (an `ALTER TABLE` or a table rebuild) instead.
pub const MIGRATIONS: &[&str] = &[
    // Version 1: documents, sentences, events and the dyad-month aggregate.
    r#"
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    date          TEXT,
    source        TEXT,
    url           TEXT,
    title         TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    n_sentences   INTEGER NOT NULL,
    n_events      INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;

CREATE TABLE sentences (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    provenance       TEXT NOT NULL,
    original_id      TEXT NOT NULL,
    event_id         TEXT NOT NULL,
    doc_id           TEXT,
    sentence         INTEGER,
    date             TEXT,
    date_precision   TEXT NOT NULL,
    source_code      TEXT NOT NULL,
    source_country   TEXT,
    source_org       TEXT,
    source_sectors   TEXT NOT NULL,
    source_text      TEXT,
    target_code      TEXT NOT NULL,
    target_country   TEXT,
    target_org       TEXT,
    target_sectors   TEXT NOT NULL,
    target_text      TEXT,
    cameo            TEXT NOT NULL,
    cameo_root       TEXT NOT NULL,
    goldstein        REAL,
    quad_class       INTEGER,
    plover_event     TEXT,
    plover_mode      TEXT,
    plover_context   TEXT,
    negated          INTEGER NOT NULL,
    modality         TEXT NOT NULL,
    quantity_amount  REAL,
    quantity_unit    TEXT,
    evidence_start   INTEGER,
    evidence_end     INTEGER,
    trigger_text     TEXT,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    url              TEXT,
    kept             INTEGER NOT NULL
);
CREATE UNIQUE INDEX events_origin ON events(provenance, original_id);
CREATE INDEX events_doc ON events(doc_id) WHERE doc_id IS NOT NULL;
CREATE INDEX events_dyad_date ON events(source_country, target_country, date);
CREATE INDEX events_date ON events(date);

CREATE TABLE dyad_month (
    source_country       TEXT NOT NULL,
    target_country       TEXT NOT NULL,
    month                TEXT NOT NULL,
    n_events             INTEGER NOT NULL,
    n_verbal_coop        INTEGER NOT NULL,
    n_material_coop      INTEGER NOT NULL,
    n_verbal_conflict    INTEGER NOT NULL,
    n_material_conflict  INTEGER NOT NULL,
    goldstein_sum        REAL NOT NULL,
    PRIMARY KEY (source_country, target_country, month)
) WITHOUT ROWID;
CREATE INDEX dyad_month_month ON dyad_month(month);
"#,
];

/// The secondary (query) indexes of `events`. Bulk imports into a table
/// smaller than the input drop them and build them again at the end
/// (sorting once is several times cheaper than millions of random B-tree
/// insertions); every writable open re-creates any that are missing, so an
/// import killed mid-way leaves a database that heals itself.
pub const SECONDARY_INDEXES: [(&str, &str); 3] = [
    ("events_doc", "CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id) WHERE doc_id IS NOT NULL"),
    ("events_dyad_date", "CREATE INDEX IF NOT EXISTS events_dyad_date ON events(source_country, target_country, date)"),
    ("events_date", "CREATE INDEX IF NOT EXISTS events_date ON events(date)"),
];

/// Re-creates missing [`SECONDARY_INDEXES`].
pub fn ensure_indexes(conn: &Connection, path: &str) -> Result<(), StoreError> {
    for (_, sql) in SECONDARY_INDEXES {
        conn.execute_batch(sql).map_err(|e| StoreError::sql(path, e))?;
    }
    Ok(())
}

/// Brings `conn` to [`SCHEMA_VERSION`], applying the missing migrations in
/// one transaction. `path` only names the database in errors.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<u32, StoreError> {
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| StoreError::sql(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    if version == SCHEMA_VERSION {
        return Ok(version);
    }
    let tx = conn.transaction().map_err(|e| StoreError::sql(path, e))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql).map_err(|e| StoreError::Migration { path: path.to_owned(), to: i as u32 + 1, source: e })?;
    }
    // PRAGMA does not take parameters; the value is our own constant.
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}")).map_err(|e| StoreError::sql(path, e))?;
    tx.commit().map_err(|e| StoreError::sql(path, e))?;
    Ok(SCHEMA_VERSION)
}
