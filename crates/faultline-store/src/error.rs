//! Errors of the store and of the importers.

use std::fmt;

/// Why a store operation failed. Every variant names the database or input
/// file so that the message alone locates the problem.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation. (The SQLite error is part of the
    /// message rather than a `source`, so that error chains do not print it
    /// twice.)
    #[error("{path}: {error}")]
    Sql {
        /// The database.
        path: String,
        /// SQLite's error.
        error: rusqlite::Error,
    },
    /// A migration failed; the database is left at its previous version.
    #[error("{path}: migration to schema version {to} failed: {source}")]
    Migration {
        /// The database.
        path: String,
        /// The version the failed migration leads to.
        to: u32,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer Faultline.
    #[error("{path}: schema version {found} is newer than this Faultline supports ({supported}); upgrade Faultline")]
    TooNew {
        /// The database.
        path: String,
        /// Its version.
        found: u32,
        /// The newest version this code knows.
        supported: u32,
    },
    /// An input or output file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A zip archive could not be opened at all (nothing was read from it).
    #[error("{path}: not a readable zip archive: {message}")]
    Zip {
        /// The file.
        path: String,
        /// What the zip reader said.
        message: String,
    },
    /// Writing Parquet failed.
    #[error("{path}: parquet: {message}")]
    Parquet {
        /// The output file.
        path: String,
        /// What the parquet writer said.
        message: String,
    },
    /// A value read back from the database is not what the schema promises
    /// (e.g. a date column that does not parse): the database was edited by
    /// hand or is corrupt.
    #[error("{path}: event row {rowid}: {message}")]
    BadRow {
        /// The database.
        path: String,
        /// The row's id.
        rowid: i64,
        /// What is wrong.
        message: String,
    },
    /// A query argument is invalid (e.g. a malformed ISO3 code).
    #[error("{0}")]
    Query(String),
}

impl StoreError {
    /// Wraps a SQLite error with the database path.
    pub fn sql(path: &str, source: rusqlite::Error) -> StoreError {
        StoreError::Sql { path: path.to_owned(), error: source }
    }

    /// Wraps an I/O error with the file path.
    pub fn io(path: &str, source: std::io::Error) -> StoreError {
        StoreError::Io { path: path.to_owned(), source }
    }
}

/// One rejected input row: printed as `file:line: why`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The input file (as given).
    pub file: String,
    /// 1-based line number (for a zip archive: the line within the member).
    pub line: usize,
    /// Why the row was rejected.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for RowError {}
