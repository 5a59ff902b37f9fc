//! Errors of the analytics library.

use std::path::PathBuf;

/// Everything that can go wrong in the analytics: bad input files (with
/// file and line), unknown codes and impossible requests. Never a panic.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// A country code that is not in the ISO table.
    #[error("unknown country code `{0}`: expected an ISO 3166-1 alpha-3 code such as USA, CHN or RUS")]
    UnknownCountry(String),
    /// A malformed row in an input file.
    #[error("{}:{line}: {message}", path.display())]
    BadRow {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What was wrong.
        message: String,
    },
    /// A file that cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A request the data cannot answer (e.g. weekly periods from monthly
    /// aggregates, the same actor twice in a dyad).
    #[error("{0}")]
    Invalid(String),
}
