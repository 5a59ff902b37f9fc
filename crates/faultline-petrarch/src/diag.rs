//! Diagnostics shared by every reader: a located message, the error type that
//! carries all of a file's errors, and the value-plus-warnings wrapper.

use std::fmt;

/// A message tied to a place in an input file: `file:line[:column]: message`.
///
/// Lines and columns are 1-based; columns count characters of the raw line,
/// so an editor's "go to column" lands on the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given to the reader (a path or a label such as `<input>`).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, when the problem has a precise position on the line.
    pub column: Option<usize>,
    /// What was expected or what is wrong.
    pub message: String,
}

impl Diagnostic {
    /// Builds a diagnostic; `column` is `None` when only the line is known.
    pub fn new(file: &str, line: usize, column: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "{}:{}:{}: {}", self.file, self.line, c, self.message),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.message),
        }
    }
}

/// Why a reader failed. Syntax problems are collected for the whole file
/// (rather than stopping at the first) so one run shows everything to fix.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read at all.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// One or more located syntax errors (never empty).
    #[error("{}", list(.0))]
    Syntax(Vec<Diagnostic>),
}

impl ReadError {
    /// The located errors (empty for an I/O error).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            ReadError::Syntax(d) => d,
            ReadError::Io { .. } => &[],
        }
    }
}

fn list(d: &[Diagnostic]) -> String {
    // The first 20 are enough to act on; the count says how many more exist.
    let mut s = String::new();
    for (i, x) in d.iter().take(20).enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&x.to_string());
    }
    if d.len() > 20 {
        s.push_str(&format!("\n… and {} more errors", d.len() - 20));
    }
    s
}

/// A successfully read value with the warnings found while reading it
/// (duplicates, conflicts, recoverable oddities of the real files).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// What was read.
    pub value: T,
    /// Non-fatal findings, in file order.
    pub warnings: Vec<Diagnostic>,
}

impl<T> Loaded<T> {
    /// One file's result in a read of several files: the value, with its
    /// warnings appended to `warnings`; or `None`, with its syntax errors
    /// appended to `errors` (so every file's errors are reported); an I/O
    /// error is returned as it is (nothing after it would be meaningful).
    pub fn gather(
        r: Result<Loaded<T>, ReadError>,
        warnings: &mut Vec<Diagnostic>,
        errors: &mut Vec<Diagnostic>,
    ) -> Result<Option<T>, ReadError> {
        match r {
            Ok(l) => {
                warnings.extend(l.warnings);
                Ok(Some(l.value))
            }
            Err(ReadError::Syntax(d)) => {
                errors.extend(d);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// Collects errors and warnings while a reader runs.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub file: String,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: &str) -> Self {
        Sink {
            file: file.to_string(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }
    pub fn error(&mut self, line: usize, column: Option<usize>, msg: impl Into<String>) {
        self.errors
            .push(Diagnostic::new(&self.file, line, column, msg));
    }
    pub fn warn(&mut self, line: usize, column: Option<usize>, msg: impl Into<String>) {
        self.warnings
            .push(Diagnostic::new(&self.file, line, column, msg));
    }
    /// Ends reading: the value with its warnings, or every error found.
    pub fn finish<T>(self, value: T) -> Result<Loaded<T>, ReadError> {
        if self.errors.is_empty() {
            Ok(Loaded {
                value,
                warnings: self.warnings,
            })
        } else {
            Err(ReadError::Syntax(self.errors))
        }
    }
}

/// Reads a file's bytes, naming the path on failure.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.display().to_string(),
        source,
    })
}
