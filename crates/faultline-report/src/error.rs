//! Errors of chart rendering and report writing.

use std::path::PathBuf;

/// Everything that can go wrong when drawing or writing; never a panic.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Nothing to draw (an empty series, a timeline without periods…).
    #[error("nothing to draw: {0}")]
    Empty(String),
    /// A request the data cannot answer (a period the timeline lacks…).
    #[error("{0}")]
    Invalid(String),
    /// The output file's extension names no format we write.
    #[error("{}: unknown chart format `{ext}`: use .svg or .png", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// Its extension (empty when it has none).
        ext: String,
    },
    /// Our own SVG failed to parse or to rasterise: a bug, reported with
    /// the renderer's words rather than a panic.
    #[error("cannot rasterise the chart: {0}")]
    Raster(String),
    /// A file that cannot be written.
    #[error("cannot write {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}
