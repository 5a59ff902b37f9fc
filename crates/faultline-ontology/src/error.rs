//! [`OntologyError`]: what is wrong with an ontology table, and where.

use crate::code::{CameoCode, CameoCodeError};
use crate::plover::PloverEvent;

/// An error in an ontology table, located at `file:line`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct OntologyError {
    /// The table's name as given to the parser (e.g. `dict/ontology/cameo.tsv`).
    pub file: String,
    /// 1-based line number. Errors about the table as a whole (a missing
    /// category) point one past its last line.
    pub line: usize,
    /// What is wrong.
    pub kind: OntologyErrorKind,
}

/// The kinds of [`OntologyError`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OntologyErrorKind {
    /// The column-name line of cameo.tsv is missing or different.
    #[error("expected the column line `{expected}`, found `{found}`")]
    BadHeader {
        /// The expected column line.
        expected: String,
        /// What the first non-comment line was.
        found: String,
    },
    /// A line has the wrong number of tab-separated fields.
    #[error("expected {expected} tab-separated fields, found {found}")]
    FieldCount {
        /// Fields the record kind takes.
        expected: usize,
        /// Fields on the line.
        found: usize,
    },
    /// A field that must not be empty is.
    #[error("field `{0}` is empty")]
    EmptyField(&'static str),
    /// A malformed CAMEO code.
    #[error("{0}")]
    BadCode(#[from] CameoCodeError),
    /// A CAMEO code listed twice.
    #[error("code {0} is listed twice")]
    DuplicateCode(CameoCode),
    /// Codes must be in codebook order.
    #[error("code {code} comes after {previous}; codes must be in codebook order")]
    OutOfOrder {
        /// The offending code.
        code: CameoCode,
        /// The code on the previous data line.
        previous: CameoCode,
    },
    /// A code whose parent is not in the table.
    #[error("code {code} has no parent {parent} in the table")]
    MissingParent {
        /// The orphan.
        code: CameoCode,
        /// Its missing parent.
        parent: CameoCode,
    },
    /// A Goldstein score that is not a number in [-10, 10].
    #[error("Goldstein score must be a number from -10 to 10, found `{0}`")]
    BadGoldstein(String),
    /// The quad column disagrees with the root convention.
    #[error("quad class must be {expected} for root {root:02} (roots 01-05: 1, 06-08: 2, 09-13: 3, 14-20: 4), found `{found}`")]
    BadQuad {
        /// The code's root.
        root: u8,
        /// The class number the convention gives.
        expected: u8,
        /// The column's text.
        found: String,
    },
    /// An unknown PLOVER event name.
    #[error("{0}")]
    BadEvent(#[from] crate::plover::PloverEventError),
    /// A mode or context given for a code without a PLOVER event.
    #[error("a mode or context needs a PLOVER event; the plover column is `-`")]
    ModeWithoutEvent,
    /// A mode the event's category does not declare.
    #[error("`{mode}` is not a mode of {event} in the PLOVER table")]
    UnknownMode {
        /// The event.
        event: PloverEvent,
        /// The undeclared mode.
        mode: String,
    },
    /// A context word the PLOVER table does not declare.
    #[error("`{0}` is not a context word of the PLOVER table")]
    UnknownContext(String),
    /// A bad backslash escape in a text field.
    #[error(
        "bad escape `\\{escape}` at byte {offset} of field `{field}` (allowed: \\t \\n \\r \\\\)"
    )]
    BadEscape {
        /// The field.
        field: &'static str,
        /// Byte offset of the backslash within the field.
        offset: usize,
        /// The character after the backslash (empty at the end of the field).
        escape: String,
    },
    /// A PLOVER table line that is not `event`, `mode` or `context`.
    #[error("expected a record kind `event`, `mode` or `context`, found `{0}`")]
    UnknownRecord(String),
    /// A PLOVER event declared twice.
    #[error("PLOVER event {0} is declared twice")]
    DuplicateEvent(PloverEvent),
    /// A mode before its event, or for an undeclared event.
    #[error("mode line for {0} before its `event` line")]
    ModeBeforeEvent(PloverEvent),
    /// A mode declared twice for one event.
    #[error("mode `{mode}` of {event} is declared twice")]
    DuplicateMode {
        /// The event.
        event: PloverEvent,
        /// The mode.
        mode: String,
    },
    /// A context word declared twice.
    #[error("context word `{0}` is declared twice")]
    DuplicateContext(String),
    /// A name that is not lower-case letters, digits, `-` or `_`.
    #[error("`{0}` is not a valid mode or context name (lower-case letters, digits, - and _)")]
    BadName(String),
    /// One of the 16 events has no `event` line.
    #[error("PLOVER event {0} is not declared")]
    MissingEvent(PloverEvent),
    /// A reverse-mapping code that is not in the CAMEO table.
    #[error("CAMEO code {0} is not in the CAMEO table")]
    UnknownCode(CameoCode),
    /// A reverse-mapping code that maps forward to another event.
    #[error("CAMEO code {code} maps to {found} in the CAMEO table, not {event}")]
    ReverseMismatch {
        /// The event whose reverse code this is.
        event: PloverEvent,
        /// The reverse code.
        code: CameoCode,
        /// What the code maps to (`-` for nothing).
        found: String,
    },
    /// An event's reverse code outside `PloverEvent::cameo_root()`.
    #[error(
        "{event} must map back into CAMEO root {root:02} (PloverEvent::cameo_root), found {code}"
    )]
    WrongRoot {
        /// The event.
        event: PloverEvent,
        /// The root the code lies in must be this.
        root: u8,
        /// The code given.
        code: CameoCode,
    },
    /// A PLOVER event no CAMEO code maps to.
    #[error("no CAMEO code maps to PLOVER event {0}")]
    Unreachable(PloverEvent),
}
