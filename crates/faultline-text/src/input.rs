//! Reading inputs: files, directories, JSONL and standard input, streamed as
//! [`InputEvent`]s in a deterministic order.
//!
//! Nothing is loaded before it is needed: a directory is listed when the
//! walk reaches it, a JSONL file is read one line at a time, and a plain or
//! HTML file is read whole only when its turn comes.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::date::Date;
use crate::decode::{looks_binary, InvalidUtf8, BINARY_PROBE_BYTES};
use crate::document::{DocFormat, Document};

/// The name standing for standard input, both as a path argument and as
/// the document id.
pub const STDIN: &str = "-";

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension: `.html`/`.htm`/`.xhtml` → HTML, `.jsonl`/`.ndjson` →
    /// JSONL, anything else → text. Standard input is text.
    #[default]
    Auto,
    /// Plain UTF-8 text.
    Text,
    /// An HTML page.
    Html,
    /// One JSON document per line.
    Jsonl,
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(InputFormat::Auto),
            "text" | "txt" => Ok(InputFormat::Text),
            "html" => Ok(InputFormat::Html),
            "jsonl" => Ok(InputFormat::Jsonl),
            _ => Err(format!("unknown input format `{s}` (expected auto, text, html or jsonl)")),
        }
    }
}

/// What a reader needs to know besides the paths.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// Date of documents that carry none (plain files; JSONL records without `date`).
    pub default_date: Option<Date>,
    /// Format override; [`InputFormat::Auto`] decides per file.
    pub format: InputFormat,
}

/// Something worth telling the user that does not stop the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputWarning {
    /// The file (or `-`) concerned.
    pub file: String,
    /// 1-based line for JSONL records.
    pub line: Option<usize>,
    /// What happened.
    pub kind: WarningKind,
}

/// The kinds of [`InputWarning`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The file has no bytes at all.
    Empty,
    /// A NUL byte in the first 8 KiB: the file was skipped.
    Binary,
    /// Invalid UTF-8 was replaced by U+FFFD; offsets still refer to the original bytes.
    InvalidUtf8(InvalidUtf8),
    /// A JSONL record's `date` could not be read; the default date was used.
    BadDate(String),
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        match &self.kind {
            WarningKind::Empty => write!(f, "empty file, no sentences"),
            WarningKind::Binary => write!(f, "binary file (NUL byte in the first {BINARY_PROBE_BYTES} bytes), skipped"),
            WarningKind::InvalidUtf8(i) => write!(
                f,
                "invalid UTF-8 at byte offset {} ({} invalid byte{} replaced by U+FFFD)",
                i.first_offset,
                i.invalid_bytes,
                if i.invalid_bytes == 1 { "" } else { "s" }
            ),
            WarningKind::BadDate(d) => {
                write!(f, "cannot read date `{d}` (expected YYYY-MM-DD), using the default date")
            }
        }
    }
}

/// An input that could not be read; other inputs are still processed.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file or directory could not be opened or read.
    #[error("{file}: {source}")]
    Io {
        /// The path.
        file: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A JSONL line is not a valid record.
    #[error("{file}:{line}: {message}")]
    Record {
        /// The JSONL file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// One item from an [`InputReader`].
#[derive(Debug)]
pub enum InputEvent {
    /// A document ready for the pipeline.
    Document(Document),
    /// A non-fatal problem.
    Warning(InputWarning),
    /// An input (or one JSONL line) that was skipped.
    Error(InputError),
}

/// Streams documents from paths (files, directories, `-`), in order:
/// arguments as given, directory contents recursively sorted by path.
/// Hidden entries (names starting with `.`) inside directories are skipped,
/// and symbolic links to directories are not followed (no cycles).
pub struct InputReader {
    options: InputOptions,
    /// Paths still to visit: the front is next. Directory listings are
    /// spliced in at the front when reached.
    queue: VecDeque<(PathBuf, bool)>,
    jsonl: Option<JsonlFile>,
    pending: VecDeque<InputEvent>,
}

struct JsonlFile {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
    buf: Vec<u8>,
}

impl InputReader {
    /// A reader over `paths` (`-` is standard input).
    pub fn new<I, P>(paths: I, options: InputOptions) -> InputReader
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let queue = paths.into_iter().map(|p| (p.as_ref().to_path_buf(), true)).collect();
        InputReader { options, queue, jsonl: None, pending: VecDeque::new() }
    }

    fn format_for(&self, path: &Path, stdin: bool) -> InputFormat {
        match self.options.format {
            InputFormat::Auto if stdin => InputFormat::Text,
            InputFormat::Auto => {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                match ext.as_str() {
                    "html" | "htm" | "xhtml" => InputFormat::Html,
                    "jsonl" | "ndjson" => InputFormat::Jsonl,
                    _ => InputFormat::Text,
                }
            }
            f => f,
        }
    }

    /// Starts on the next path; pushes its events (if any) to `pending`.
    fn open(&mut self, path: PathBuf, top_level: bool) {
        let stdin = top_level && path.as_os_str() == STDIN;
        let name = path.display().to_string();
        if !stdin {
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => return self.pending.push_back(io_error(name, e)),
            };
            if meta.is_dir() {
                return self.list_dir(&path, name);
            }
        }
        let format = self.format_for(&path, stdin);
        let mut reader: Box<dyn Read> = if stdin {
            Box::new(io::stdin().lock())
        } else {
            match File::open(&path) {
                Ok(f) => Box::new(f),
                Err(e) => return self.pending.push_back(io_error(name, e)),
            }
        };
        if format == InputFormat::Jsonl {
            let mut r = BufReader::with_capacity(64 * 1024, reader);
            match r.fill_buf() {
                Ok([]) => self.warn(&name, WarningKind::Empty),
                Ok(b) if looks_binary(b) => self.warn(&name, WarningKind::Binary),
                Ok(_) => self.jsonl = Some(JsonlFile { name, reader: Box::new(r), line: 0, buf: Vec::new() }),
                Err(e) => self.pending.push_back(io_error(name, e)),
            }
            return;
        }
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return self.pending.push_back(io_error(name, e));
        }
        if bytes.is_empty() {
            return self.warn(&name, WarningKind::Empty);
        }
        if looks_binary(&bytes) {
            return self.warn(&name, WarningKind::Binary);
        }
        let doc_format = if format == InputFormat::Html { DocFormat::Html } else { DocFormat::Text };
        let (doc, invalid) = Document::from_bytes(name.clone(), self.options.default_date, bytes, doc_format);
        if let Some(i) = invalid {
            self.warn(&name, WarningKind::InvalidUtf8(i));
        }
        self.pending.push_back(InputEvent::Document(doc));
    }

    fn list_dir(&mut self, path: &Path, name: String) {
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => return self.pending.push_back(io_error(name, e)),
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => {
                    if e.file_name().to_string_lossy().starts_with('.') {
                        continue;
                    }
                    // Symbolic links to directories are not followed.
                    let is_link_dir = e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir();
                    if !is_link_dir {
                        children.push(e.path());
                    }
                }
                Err(e) => self.pending.push_back(io_error(name.clone(), e)),
            }
        }
        children.sort();
        for child in children.into_iter().rev() {
            self.queue.push_front((child, false));
        }
    }

    fn warn(&mut self, file: &str, kind: WarningKind) {
        self.pending.push_back(InputEvent::Warning(InputWarning { file: file.to_string(), line: None, kind }));
    }

    /// Reads JSONL lines until one yields an event or the file ends.
    fn next_record(&mut self) -> Option<InputEvent> {
        let default_date = self.options.default_date;
        let f = self.jsonl.as_mut()?;
        loop {
            f.buf.clear();
            match f.reader.read_until(b'\n', &mut f.buf) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(_) => f.line += 1,
                Err(e) => {
                    let name = f.name.clone();
                    self.jsonl = None;
                    return Some(io_error(name, e));
                }
            }
            let line = f.buf.trim_ascii();
            if line.is_empty() {
                continue;
            }
            return Some(match jsonl_document(line, default_date) {
                Ok((doc, bad_date)) => {
                    let ev = InputEvent::Document(doc);
                    match bad_date {
                        None => ev,
                        Some(d) => {
                            // The warning comes before its document.
                            self.pending.push_back(ev);
                            InputEvent::Warning(InputWarning {
                                file: f.name.clone(),
                                line: Some(f.line),
                                kind: WarningKind::BadDate(d),
                            })
                        }
                    }
                }
                Err(message) => InputEvent::Error(InputError::Record { file: f.name.clone(), line: f.line, message }),
            });
        }
    }
}

impl Iterator for InputReader {
    type Item = InputEvent;

    fn next(&mut self) -> Option<InputEvent> {
        loop {
            if let Some(ev) = self.pending.pop_front() {
                return Some(ev);
            }
            if self.jsonl.is_some() {
                if let Some(ev) = self.next_record() {
                    return Some(ev);
                }
                continue;
            }
            let (path, top) = self.queue.pop_front()?;
            self.open(path, top);
        }
    }
}

fn io_error(file: String, source: io::Error) -> InputEvent {
    InputEvent::Error(InputError::Io { file, source })
}

/// The document in one JSONL line. A `date` that cannot be read is
/// returned as the second value (the document then gets `default_date`);
/// other problems are errors. Offsets of the document are offsets into the
/// record's decoded `text`.
pub fn jsonl_document(line: &[u8], default_date: Option<Date>) -> Result<(Document, Option<String>), String> {
    let rec = parse_record(line)?;
    let mut bad_date = None;
    let date = match rec.date.as_deref() {
        None | Some("") => default_date,
        Some(d) => parse_record_date(d).or_else(|| {
            bad_date = Some(d.to_string());
            default_date
        }),
    };
    let mut doc = Document::from_text(rec.id, date, rec.text);
    doc.title = rec.title;
    doc.url = rec.url;
    doc.source = rec.source;
    Ok((doc, bad_date))
}

/// A JSONL record's fields.
#[derive(Debug)]
struct Record {
    id: String,
    date: Option<String>,
    text: String,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// Parses one JSONL line. `id` may be a string or a number; `text` is
/// required; `date`, `title`, `url`, `source` are optional strings.
fn parse_record(line: &[u8]) -> Result<Record, String> {
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON record: {e}"))?;
    let obj = value.as_object().ok_or("a record must be a JSON object")?;
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("`id` must be a string or a number".into()),
        None => return Err("record has no `id`".into()),
    };
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err("`text` must be a string".into()),
        None => return Err("record has no `text`".into()),
    };
    let opt = |key: &str| -> Result<Option<String>, String> {
        match obj.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{key}` must be a string")),
        }
    };
    Ok(Record { id, date: opt("date")?, text, title: opt("title")?, url: opt("url")?, source: opt("source")? })
}

/// `YYYY-MM-DD`, or a timestamp starting with it (`2023-02-01T08:00:00Z`).
fn parse_record_date(s: &str) -> Option<Date> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    head.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_dates() {
        assert_eq!(parse_record_date("2023-02-01").unwrap().to_string(), "2023-02-01");
        assert_eq!(parse_record_date("2023-02-01T08:00:00Z").unwrap().to_string(), "2023-02-01");
        assert!(parse_record_date("2023-02-011").is_none());
        assert!(parse_record_date("Feb 1").is_none());
    }

    #[test]
    fn records() {
        let r = parse_record(br#"{"id": 7, "text": "Hi.", "date": "2023-01-01", "title": null}"#).unwrap();
        assert_eq!(r.id, "7");
        assert!(parse_record(br#"{"id": "a"}"#).unwrap_err().contains("no `text`"));
        assert!(parse_record(b"{oops").unwrap_err().contains("invalid JSON"));
        assert!(parse_record(b"[1]").is_err());
    }
}
