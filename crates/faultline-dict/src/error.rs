//! Diagnostics: errors and warnings that name a file, line and column.

use std::fmt;

/// A position in a dictionary file: 1-based line and 1-based column
/// (counted in characters, so editors agree with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Span {
    /// A span at `line`, `column`.
    pub fn new(line: u32, column: u32) -> Span {
        Span { line, column }
    }
}

/// An error in a dictionary: `file:line:column: what was expected`.
///
/// Line and column are 1-based; a column of 0 means "the whole line" (and
/// a line of 0 the whole file), used for problems such as invalid UTF-8
/// that have no character position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct DictError {
    /// The file, as given to the reader (`dict/actors/countries.txt` for built-ins).
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// What was expected, or what is wrong.
    pub message: String,
}

impl DictError {
    /// An error at `span` of `path`.
    pub fn new(path: &str, span: Span, message: impl Into<String>) -> DictError {
        DictError {
            path: path.to_string(),
            line: span.line,
            column: span.column,
            message: message.into(),
        }
    }

    /// Wraps a list of errors into one: the first, with a count of the rest
    /// appended. Used where an API returns a single error but reading
    /// collected many (use [`crate::Dictionaries::check`] for the full list).
    pub fn first_of(mut errors: Vec<DictError>) -> Option<DictError> {
        if errors.is_empty() {
            return None;
        }
        let more = errors.len() - 1;
        let mut first = errors.swap_remove(0);
        if more > 0 {
            first.message.push_str(&format!(
                " (and {more} more error{})",
                if more == 1 { "" } else { "s" }
            ));
        }
        Some(first)
    }
}

/// A problem that does not stop loading: duplicates, conflicts and
/// redefinitions. Displayed like [`DictError`], with `warning:` before the
/// message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file where the later of the conflicting entries is.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// What conflicts with what.
    pub message: String,
}

impl Warning {
    /// A warning at `span` of `path`.
    pub fn new(path: &str, span: Span, message: impl Into<String>) -> Warning {
        Warning {
            path: path.to_string(),
            line: span.line,
            column: span.column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: warning: {}",
            self.path, self.line, self.column, self.message
        )
    }
}
