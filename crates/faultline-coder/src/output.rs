//! The event output formats of `faultline code`: one JSON object per line
//! (JSONL) or CSV with the same fields flattened.
//!
//! # The contract
//!
//! Field names and meanings are a contract other tools rely on: fields may
//! be added (at the end), never renamed or removed. JSONL fields, in order:
//!
//! | field | JSON type | meaning |
//! |---|---|---|
//! | `event_id` | string | `<doc_id>:<sentence>:<n>` (split from the right: ids may contain `:`) |
//! | `doc_id` | string | the document's id |
//! | `sentence` | number | 0-based sentence index in the document |
//! | `date` | string or null | `YYYY-MM-DD`, first day of the period when coarser than a day |
//! | `date_precision` | string | `day`, `month`, `year`, `decade`, `document` or `unknown` |
//! | `source`, `target` | object | `code`, `country` (ISO3 or null), `org` (id or null), `sectors` (list), `text` (the words in the sentence) |
//! | `cameo` | string | the CAMEO code (`"032"`) |
//! | `cameo_root` | string | its root (`"03"`) |
//! | `cameo_name` | string | the codebook name of the code |
//! | `goldstein` | number | Goldstein score, -10 to +10 |
//! | `quad_class` | number | 1–4 |
//! | `plover` | object or null | `event`, `mode` (or null), `context` (list); null when the code has no PLOVER mapping |
//! | `negated` | bool | the text says the event did not happen |
//! | `modality` | string | `asserted`, `reported`, `hypothetical`, `prescriptive` or `future` |
//! | `quantity` | object or null | `amount` (number), `unit` (`USD`, `troops`, …) |
//! | `evidence` | object | `text` (the normalised sentence), `start`, `end` (byte offsets into the original document) |
//! | `trigger` | string | added field: the words of the sentence that triggered the event |
//! | `trigger_span` | [number, number] | added field: the trigger's byte span in the evidence text |
//!
//! CSV columns are [`CSV_COLUMNS`]: the same fields, nested objects
//! flattened with `_` (`source_code`, `plover_event`, `evidence_start`),
//! lists joined with `;` (`GOV;MIL`), null as an empty field, booleans as
//! `true`/`false`; `trigger_span` becomes `trigger_start`, `trigger_end`.
//!
//! # Why hand-written serialisation
//!
//! Output runs once per event at tens of thousands of sentences per second,
//! so a record is written straight into a caller-owned, reused `Vec<u8>`:
//! no intermediate `serde_json::Value`, no per-field `String`. The CSV side
//! is written here too rather than with the `csv` crate: the writer is a
//! dozen lines (RFC 4180: a field containing `,`, `"`, CR or LF is quoted and
//! its quotes doubled), and the `csv` crate would need either its own
//! `Writer` per worker thread or per-record `serde` calls, while the parallel
//! CLI needs each document's rows as bytes it can reorder. Records end with
//! `\n` (as every CSV reader accepts) so the same line tools work on both
//! formats; fields with embedded line breaks are quoted as RFC 4180 requires.
//!
//! ```
//! use faultline_coder::output::{write_events, OutputFormat, CSV_COLUMNS};
//! use faultline_coder::Coder;
//! use faultline_dict::Dictionaries;
//! use faultline_ontology::Ontology;
//! use faultline_text::{sentences, Document};
//!
//! let dicts = Dictionaries::builtin()?;
//! let ontology = Ontology::builtin();
//! let doc = Document::from_text("d", Some("2023-02-01".parse()?), "Russia attacked Ukraine.");
//! let ss = sentences(&doc);
//! let events = Coder::new(&dicts, ontology).code(&doc, &ss);
//!
//! let mut out = Vec::new();
//! write_events(OutputFormat::Jsonl, &doc.id, &ss, &events, ontology, &mut out)?;
//! let first: serde_json::Value = serde_json::from_slice(out.split(|&b| b == b'\n').next().unwrap())?;
//! assert_eq!(first["event_id"], "d:0:0");
//! assert_eq!(first["cameo_root"], "19");
//! assert_eq!(first["evidence"]["text"], "Russia attacked Ukraine.");
//!
//! out.clear();
//! out.extend_from_slice(OutputFormat::Csv.header().as_bytes());
//! write_events(OutputFormat::Csv, &doc.id, &ss, &events, ontology, &mut out)?;
//! let csv = String::from_utf8(out)?;
//! assert!(csv.starts_with(&CSV_COLUMNS.join(",")));
//! assert_eq!(csv.lines().count(), 1 + events.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write as _;
use std::str::FromStr;

use faultline_ontology::{CameoCode, Ontology, PloverMapping, QuadClass};
use faultline_text::{Date, Sentence};

use crate::event::{Event, EventActor, Quantity};

/// Top-level JSONL field names, in output order (nested fields are listed in
/// the module documentation).
pub const JSONL_FIELDS: [&str; 19] = [
    "event_id",
    "doc_id",
    "sentence",
    "date",
    "date_precision",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover",
    "negated",
    "modality",
    "quantity",
    "evidence",
    "trigger",
    // Kept last so that added fields always append.
    "trigger_span",
];

/// CSV column names, in output order (the header row).
pub const CSV_COLUMNS: [&str; 33] = [
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
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "negated",
    "modality",
    "quantity_amount",
    "quantity_unit",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "trigger",
    "trigger_start",
    "trigger_end",
];

/// Why an event cannot be written. These are inconsistencies between an
/// event and the document or ontology it is written against; the message
/// names the event so the faulty input can be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    /// The event points at a sentence the document does not have.
    #[error("{doc_id}: event {sentence}:{n} refers to sentence {sentence}, but the document has {count} sentence(s)")]
    NoSentence {
        /// The document.
        doc_id: String,
        /// The event's sentence index.
        sentence: usize,
        /// The event's index within the sentence.
        n: usize,
        /// How many sentences the document has.
        count: usize,
    },
    /// A byte span of the event does not lie on character boundaries of the
    /// sentence's normalised text.
    #[error("{doc_id}: event {sentence}:{n}: {what} span {start}..{end} is not a character range of the sentence text ({len} bytes)")]
    BadSpan {
        /// The document.
        doc_id: String,
        /// The event's sentence index.
        sentence: usize,
        /// The event's index within the sentence.
        n: usize,
        /// `source`, `target` or `trigger`.
        what: &'static str,
        /// Span start.
        start: u32,
        /// Span end.
        end: u32,
        /// Length of the sentence text.
        len: usize,
    },
    /// The event's CAMEO code is not in the ontology, so it has no name,
    /// Goldstein score or PLOVER mapping.
    #[error("{doc_id}: event {sentence}:{n}: CAMEO code {code} is not in the ontology")]
    UnknownCode {
        /// The document.
        doc_id: String,
        /// The event's sentence index.
        sentence: usize,
        /// The event's index within the sentence.
        n: usize,
        /// The code.
        code: CameoCode,
    },
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// One JSON object per line.
    #[default]
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

impl OutputFormat {
    /// What goes before the first record: the CSV header row, nothing for
    /// JSONL.
    pub fn header(self) -> String {
        match self {
            OutputFormat::Jsonl => String::new(),
            OutputFormat::Csv => {
                let mut h = CSV_COLUMNS.join(",");
                h.push('\n');
                h
            }
        }
    }
}

impl FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "jsonl" | "json" => Ok(OutputFormat::Jsonl),
            "csv" => Ok(OutputFormat::Csv),
            _ => Err(format!("unknown output format `{s}` (expected jsonl or csv)")),
        }
    }
}

/// One side of an event as written: the actor with its words resolved.
#[derive(Debug, Clone, Copy)]
pub struct ActorRecord<'a> {
    /// The actor.
    pub actor: &'a EventActor,
    /// The words naming it in the sentence (normalised text).
    pub text: &'a str,
}

/// Everything one output line says about an event, borrowed from the event,
/// its sentence and the ontology; checked once by [`EventRecord::new`], so
/// the writers cannot fail.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// The event.
    pub event: &'a Event,
    /// Who acts.
    pub source: ActorRecord<'a>,
    /// Who is acted upon.
    pub target: ActorRecord<'a>,
    /// The codebook name of the event's CAMEO code.
    pub cameo_name: &'a str,
    /// Goldstein score.
    pub goldstein: f32,
    /// Quad class.
    pub quad_class: QuadClass,
    /// PLOVER coding, if the code has one.
    pub plover: Option<&'a PloverMapping>,
    /// The sentence (evidence text).
    pub sentence_text: &'a str,
    /// The trigger words.
    pub trigger_text: &'a str,
}

impl<'a> EventRecord<'a> {
    /// The record of `event` from document `doc_id`, whose sentences are
    /// `sentences` (indexed by [`Sentence::index`], as the pipeline makes
    /// them). Fails when the event does not fit the sentence or ontology.
    pub fn new(
        doc_id: &'a str,
        sentences: &'a [Sentence],
        event: &'a Event,
        ontology: &'a Ontology,
    ) -> Result<EventRecord<'a>, OutputError> {
        let sentence = sentences
            .get(event.sentence)
            .filter(|s| s.index == event.sentence)
            .or_else(|| sentences.iter().find(|s| s.index == event.sentence))
            .ok_or_else(|| OutputError::NoSentence {
                doc_id: doc_id.to_owned(),
                sentence: event.sentence,
                n: event.n,
                count: sentences.len(),
            })?;
        let text = sentence.text.as_str();
        let slice = |what: &'static str, (start, end): (u32, u32)| {
            text.get(start as usize..end as usize).ok_or_else(|| OutputError::BadSpan {
                doc_id: doc_id.to_owned(),
                sentence: event.sentence,
                n: event.n,
                what,
                start,
                end,
                len: text.len(),
            })
        };
        let source = ActorRecord { actor: &event.source, text: slice("source", event.source.span)? };
        let target = ActorRecord { actor: &event.target, text: slice("target", event.target.span)? };
        let trigger_text = slice("trigger", event.trigger)?;
        let ty = ontology.get(event.code).ok_or_else(|| OutputError::UnknownCode {
            doc_id: doc_id.to_owned(),
            sentence: event.sentence,
            n: event.n,
            code: event.code,
        })?;
        Ok(EventRecord {
            doc_id,
            event,
            source,
            target,
            cameo_name: &ty.name,
            goldstein: ty.goldstein,
            quad_class: ty.quad_class,
            plover: ty.plover.as_ref(),
            sentence_text: text,
            trigger_text,
        })
    }

    /// Appends the record as one JSON line (with its `\n`) to `out`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let e = self.event;
        out.extend_from_slice(b"{\"event_id\":");
        self.write_event_id(out, false);
        out.extend_from_slice(b",\"doc_id\":");
        json_str(out, self.doc_id);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, e.sentence as u64);
        out.extend_from_slice(b",\"date\":");
        match e.date.date() {
            Some(d) => {
                out.push(b'"');
                date(out, d);
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"date_precision\":\"");
        out.extend_from_slice(e.date.precision_str().as_bytes());
        out.extend_from_slice(b"\",\"source\":");
        json_actor(out, &self.source);
        out.extend_from_slice(b",\"target\":");
        json_actor(out, &self.target);
        out.extend_from_slice(b",\"cameo\":\"");
        out.extend_from_slice(e.code.as_str().as_bytes());
        out.extend_from_slice(b"\",\"cameo_root\":\"");
        out.extend_from_slice(e.code.root_code().as_str().as_bytes());
        out.extend_from_slice(b"\",\"cameo_name\":");
        json_str(out, self.cameo_name);
        out.extend_from_slice(b",\"goldstein\":");
        number(out, f64::from(self.goldstein), Some(self.goldstein));
        out.extend_from_slice(b",\"quad_class\":");
        uint(out, u64::from(self.quad_class.number()));
        out.extend_from_slice(b",\"plover\":");
        match self.plover {
            Some(p) => {
                out.extend_from_slice(b"{\"event\":\"");
                out.extend_from_slice(p.event.as_str().as_bytes());
                out.extend_from_slice(b"\",\"mode\":");
                match &p.mode {
                    Some(m) => json_str(out, m),
                    None => out.extend_from_slice(b"null"),
                }
                out.extend_from_slice(b",\"context\":[");
                for (i, c) in p.context.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    json_str(out, c);
                }
                out.extend_from_slice(b"]}");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"negated\":");
        out.extend_from_slice(if e.negated { b"true" } else { b"false" });
        out.extend_from_slice(b",\"modality\":\"");
        out.extend_from_slice(e.modality.as_str().as_bytes());
        out.extend_from_slice(b"\",\"quantity\":");
        match &e.quantity {
            Some(Quantity { amount, unit }) => {
                out.extend_from_slice(b"{\"amount\":");
                number(out, *amount, None);
                out.extend_from_slice(b",\"unit\":");
                json_str(out, unit);
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"evidence\":{\"text\":");
        json_str(out, self.sentence_text);
        out.extend_from_slice(b",\"start\":");
        uint(out, e.evidence.0 as u64);
        out.extend_from_slice(b",\"end\":");
        uint(out, e.evidence.1 as u64);
        out.extend_from_slice(b"},\"trigger\":");
        json_str(out, self.trigger_text);
        out.extend_from_slice(b",\"trigger_span\":[");
        uint(out, u64::from(e.trigger.0));
        out.push(b',');
        uint(out, u64::from(e.trigger.1));
        out.extend_from_slice(b"]}\n");
    }

    /// Appends the record as one CSV row (with its `\n`) to `out`, columns
    /// as [`CSV_COLUMNS`].
    pub fn write_csv(&self, out: &mut Vec<u8>) {
        let e = self.event;
        self.write_event_id(out, true);
        out.push(b',');
        csv_field(out, self.doc_id);
        out.push(b',');
        uint(out, e.sentence as u64);
        out.push(b',');
        if let Some(d) = e.date.date() {
            date(out, d);
        }
        out.push(b',');
        out.extend_from_slice(e.date.precision_str().as_bytes());
        for side in [&self.source, &self.target] {
            out.push(b',');
            csv_actor(out, side);
        }
        out.push(b',');
        out.extend_from_slice(e.code.as_str().as_bytes());
        out.push(b',');
        out.extend_from_slice(e.code.root_code().as_str().as_bytes());
        out.push(b',');
        csv_field(out, self.cameo_name);
        out.push(b',');
        number(out, f64::from(self.goldstein), Some(self.goldstein));
        out.push(b',');
        uint(out, u64::from(self.quad_class.number()));
        out.push(b',');
        if let Some(p) = self.plover {
            out.extend_from_slice(p.event.as_str().as_bytes());
            out.push(b',');
            if let Some(m) = &p.mode {
                csv_field(out, m);
            }
            out.push(b',');
            csv_joined(out, p.context.iter().map(String::as_str));
        } else {
            out.extend_from_slice(b",,");
        }
        out.push(b',');
        out.extend_from_slice(if e.negated { b"true" } else { b"false" });
        out.push(b',');
        out.extend_from_slice(e.modality.as_str().as_bytes());
        out.push(b',');
        if let Some(q) = &e.quantity {
            number(out, q.amount, None);
            out.push(b',');
            csv_field(out, q.unit);
        } else {
            out.push(b',');
        }
        out.push(b',');
        csv_field(out, self.sentence_text);
        out.push(b',');
        uint(out, e.evidence.0 as u64);
        out.push(b',');
        uint(out, e.evidence.1 as u64);
        out.push(b',');
        csv_field(out, self.trigger_text);
        out.push(b',');
        uint(out, u64::from(e.trigger.0));
        out.push(b',');
        uint(out, u64::from(e.trigger.1));
        out.push(b'\n');
    }

    /// Appends the record in `format`.
    pub fn write(&self, format: OutputFormat, out: &mut Vec<u8>) {
        match format {
            OutputFormat::Jsonl => self.write_json(out),
            OutputFormat::Csv => self.write_csv(out),
        }
    }

    /// `"<doc_id>:<sentence>:<n>"` as a JSON string literal or as a CSV
    /// field; only the doc id can need escaping, and JSON and CSV escape
    /// different characters.
    fn write_event_id(&self, out: &mut Vec<u8>, csv: bool) {
        let quoted = !csv || needs_quotes(self.doc_id);
        if quoted {
            out.push(b'"');
        }
        if !csv {
            json_escape_body(out, self.doc_id);
        } else if quoted {
            csv_escape_body(out, self.doc_id);
        } else {
            out.extend_from_slice(self.doc_id.as_bytes());
        }
        out.push(b':');
        uint(out, self.event.sentence as u64);
        out.push(b':');
        uint(out, self.event.n as u64);
        if quoted {
            out.push(b'"');
        }
    }
}

/// Writes `events` of one document in `format` to `out` (no header), in the
/// order given. Returns the number written. Stops at the first event that
/// does not fit its sentence or the ontology; what was written before stays.
pub fn write_events(
    format: OutputFormat,
    doc_id: &str,
    sentences: &[Sentence],
    events: &[Event],
    ontology: &Ontology,
    out: &mut Vec<u8>,
) -> Result<usize, OutputError> {
    for e in events {
        EventRecord::new(doc_id, sentences, e, ontology)?.write(format, out);
    }
    Ok(events.len())
}

// ---- JSON pieces -----------------------------------------------------------

fn json_actor(out: &mut Vec<u8>, a: &ActorRecord<'_>) {
    out.extend_from_slice(b"{\"code\":");
    json_str(out, &a.actor.code);
    out.extend_from_slice(b",\"country\":");
    match &a.actor.country {
        Some(c) => json_str(out, c.as_str()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"org\":");
    match &a.actor.org {
        Some(o) => json_str(out, o.as_str()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"sectors\":[");
    for (i, s) in a.actor.sectors.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, s.as_str());
    }
    out.extend_from_slice(b"],\"text\":");
    json_str(out, a.text);
    out.push(b'}');
}

/// A JSON string literal.
fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    json_escape_body(out, s);
    out.push(b'"');
}

/// The inside of a JSON string: `"` and `\` escaped, control characters as
/// `\n`, `\t`… or `\u00XX`. Runs of plain bytes are copied in one go.
fn json_escape_body(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 15) as usize]);
        } else {
            out.extend_from_slice(esc);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
}

// ---- CSV pieces ------------------------------------------------------------

fn csv_actor(out: &mut Vec<u8>, a: &ActorRecord<'_>) {
    csv_field(out, &a.actor.code);
    out.push(b',');
    if let Some(c) = &a.actor.country {
        out.extend_from_slice(c.as_str().as_bytes());
    }
    out.push(b',');
    if let Some(o) = &a.actor.org {
        csv_field(out, o.as_str());
    }
    out.push(b',');
    csv_joined(out, a.actor.sectors.iter().map(|s| s.as_str()));
    out.push(b',');
    csv_field(out, a.text);
}

/// RFC 4180: quote a field that contains a comma, a quote or a line break.
fn needs_quotes(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

/// One CSV field, quoted (and its quotes doubled) only when needed.
fn csv_field(out: &mut Vec<u8>, s: &str) {
    if needs_quotes(s) {
        out.push(b'"');
        csv_escape_body(out, s);
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

fn csv_escape_body(out: &mut Vec<u8>, s: &str) {
    let mut parts = s.split('"');
    if let Some(first) = parts.next() {
        out.extend_from_slice(first.as_bytes());
    }
    for p in parts {
        out.extend_from_slice(b"\"\"");
        out.extend_from_slice(p.as_bytes());
    }
}

/// A list as one field, items joined with `;` (`GOV;MIL`).
fn csv_joined<'s>(out: &mut Vec<u8>, items: impl Iterator<Item = &'s str> + Clone) {
    let quoted = items.clone().any(needs_quotes);
    if quoted {
        out.push(b'"');
    }
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(b';');
        }
        if quoted {
            csv_escape_body(out, s);
        } else {
            out.extend_from_slice(s.as_bytes());
        }
    }
    if quoted {
        out.push(b'"');
    }
}

// ---- numbers and dates ----------------------------------------------------

fn uint(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A JSON number (also valid CSV): the shortest decimal that reads back as
/// the same value. `narrow` is the value as stored when it was an `f32`, so
/// that a Goldstein score of 5.2 prints as `5.2`, not `5.199999809265137`.
/// Non-finite values (never produced by the coder) become `null`.
fn number(out: &mut Vec<u8>, x: f64, narrow: Option<f32>) {
    if !x.is_finite() {
        out.extend_from_slice(b"null");
        return;
    }
    // `Display` for floats prints the shortest round-trip form without an
    // exponent (`3000000`, `-2.5`), which is valid JSON; it writes into the
    // buffer directly, without allocating.
    let _ = match narrow {
        Some(f) => write!(out, "{f}"),
        None => write!(out, "{x}"),
    };
}

fn date(out: &mut Vec<u8>, d: Date) {
    let y = d.year().clamp(0, 9999) as u64;
    out.extend_from_slice(&[
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (d.month() / 10) as u8,
        b'0' + (d.month() % 10) as u8,
        b'-',
        b'0' + (d.day() / 10) as u8,
        b'0' + (d.day() % 10) as u8,
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventDate, Modality};
    use faultline_dict::{Iso3, OrgId, Sector};
    use faultline_text::{sentences, Document, Precision};

    const TEXT: &str = "Xi pledged to \u{201c}resolutely\u{201d} support Kazakhstan's sovereignty, officials said.";

    fn doc_and_sentences(id: &str) -> (Document, Vec<Sentence>) {
        let doc = Document::from_text(id, Some(Date::from_ymd(2023, 2, 1).unwrap()), TEXT);
        let ss = sentences(&doc);
        (doc, ss)
    }

    fn span_of(s: &Sentence, word: &str) -> (u32, u32) {
        let i = s.text.find(word).unwrap_or_else(|| panic!("{word} in {}", s.text));
        (i as u32, (i + word.len()) as u32)
    }

    fn event(s: &Sentence, code: &str) -> Event {
        Event {
            sentence: s.index,
            n: 1,
            date: EventDate::Text(Date::from_ymd(2022, 9, 1).unwrap(), Precision::Month),
            source: EventActor {
                code: "CHNGOV".into(),
                country: Iso3::parse("CHN"),
                org: None,
                sectors: vec![Sector::GOV, Sector::parse("ELI").unwrap()],
                span: span_of(s, "Xi"),
            },
            target: EventActor {
                code: "KAZ".into(),
                country: Iso3::parse("KAZ"),
                org: OrgId::parse("SCO"),
                sectors: vec![],
                span: span_of(s, "Kazakhstan"),
            },
            code: code.parse().unwrap(),
            negated: false,
            modality: Modality::Reported,
            quantity: Some(Quantity { amount: 3_000_000.0, unit: "USD" }),
            evidence: (s.start, s.end),
            trigger: span_of(s, "pledged"),
        }
    }

    fn json_of(doc_id: &str, code: &str) -> (serde_json::Value, String) {
        let (_, ss) = doc_and_sentences(doc_id);
        let e = event(&ss[0], code);
        let mut out = Vec::new();
        EventRecord::new(doc_id, &ss, &e, Ontology::builtin()).unwrap().write_json(&mut out);
        let line = String::from_utf8(out).unwrap();
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1, "one line: {line:?}");
        (serde_json::from_str(&line).unwrap(), line)
    }

    #[test]
    fn json_has_the_contract_fields_in_order_with_their_types() {
        let (v, line) = json_of("op-ed", "0333");
        // Field order as written (serde_json's map sorts, so check the text).
        let mut at = 0;
        for f in JSONL_FIELDS {
            let key = format!("\"{f}\":");
            let pos = line[at..].find(&key).unwrap_or_else(|| panic!("{f} after byte {at} in {line}"));
            at += pos + key.len();
        }
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), JSONL_FIELDS.len());
        assert_eq!(v["event_id"], "op-ed:0:1");
        assert_eq!(v["doc_id"], "op-ed");
        assert_eq!(v["sentence"], 0);
        assert_eq!(v["date"], "2022-09-01");
        assert_eq!(v["date_precision"], "month");
        assert_eq!(v["source"]["code"], "CHNGOV");
        assert_eq!(v["source"]["country"], "CHN");
        assert!(v["source"]["org"].is_null());
        assert_eq!(v["source"]["sectors"], serde_json::json!(["GOV", "ELI"]));
        assert_eq!(v["source"]["text"], "Xi");
        assert_eq!(v["target"]["org"], "SCO");
        assert_eq!(v["target"]["sectors"], serde_json::json!([]));
        assert_eq!(v["target"]["text"], "Kazakhstan");
        assert_eq!(v["cameo"], "0333");
        assert_eq!(v["cameo_root"], "03");
        assert_eq!(v["cameo_name"], "Express intent to provide humanitarian aid");
        // 5.2 exactly as written, not the f32's widened digits.
        assert!(line.contains("\"goldstein\":5.2,"), "{line}");
        assert_eq!(v["quad_class"], 1);
        assert_eq!(v["plover"]["event"], "AGREE");
        assert!(v["plover"]["mode"].is_null());
        assert_eq!(v["plover"]["context"], serde_json::json!(["humanitarian"]));
        assert_eq!(v["negated"], false);
        assert_eq!(v["modality"], "reported");
        assert_eq!(v["quantity"]["amount"], 3_000_000.0);
        assert!(line.contains("\"amount\":3000000,"), "{line}");
        assert_eq!(v["quantity"]["unit"], "USD");
        assert_eq!(v["evidence"]["start"], 0);
        assert_eq!(v["evidence"]["end"], TEXT.len());
        assert_eq!(v["trigger"], "pledged");
        // Normalised text: curly quotes became straight ones, escaped in JSON.
        let ev = v["evidence"]["text"].as_str().unwrap();
        assert!(ev.contains("\"resolutely\""), "{ev}");
        assert!(line.contains(r#"\"resolutely\""#), "{line}");
    }

    #[test]
    fn json_nulls_for_missing_values() {
        let (_, ss) = doc_and_sentences("d");
        let mut e = event(&ss[0], "0333");
        e.date = EventDate::Unknown;
        e.quantity = None;
        e.source.country = None;
        let mut out = Vec::new();
        EventRecord::new("d", &ss, &e, Ontology::builtin()).unwrap().write_json(&mut out);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert!(v["date"].is_null());
        assert_eq!(v["date_precision"], "unknown");
        assert!(v["quantity"].is_null());
        assert!(v["source"]["country"].is_null());
        e.date = EventDate::Document(Date::from_ymd(2023, 2, 1).unwrap());
        out.clear();
        EventRecord::new("d", &ss, &e, Ontology::builtin()).unwrap().write_json(&mut out);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["date"], "2023-02-01");
        assert_eq!(v["date_precision"], "document");
    }

    #[test]
    fn plover_is_null_for_codes_without_a_mapping() {
        let ontology = Ontology::builtin();
        let Some(t) = ontology.iter().find(|t| t.plover.is_none()) else {
            panic!("the builtin ontology has generic statements without PLOVER events");
        };
        let (v, _) = json_of("d", t.code.as_str());
        assert!(v["plover"].is_null());
    }

    #[test]
    fn json_escapes_quotes_backslashes_and_control_characters() {
        let mut out = Vec::new();
        json_str(&mut out, "a\"b\\c\nd\te\u{1}f\u{1f}é\u{2028}");
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u001fé\u{2028}\"");
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "a\"b\\c\nd\te\u{1}f\u{1f}é\u{2028}");
    }

    #[test]
    fn doc_ids_are_escaped_in_the_event_id() {
        let (v, _) = json_of("dir/\"odd\" name.txt", "0333");
        assert_eq!(v["event_id"], "dir/\"odd\" name.txt:0:1");
        assert_eq!(v["doc_id"], "dir/\"odd\" name.txt");
    }

    #[test]
    fn numbers() {
        let mut out = Vec::new();
        for (x, n) in [(-10.0f32, "-10"), (5.2, "5.2"), (0.0, "0"), (-0.3, "-0.3")] {
            out.clear();
            number(&mut out, f64::from(x), Some(x));
            assert_eq!(std::str::from_utf8(&out).unwrap(), n);
        }
        for (x, n) in [(3e6, "3000000"), (2.5e9, "2500000000"), (1.5, "1.5"), (f64::NAN, "null")] {
            out.clear();
            number(&mut out, x, None);
            assert_eq!(std::str::from_utf8(&out).unwrap(), n);
        }
        out.clear();
        uint(&mut out, 0);
        uint(&mut out, 18_446_744_073_709_551_615);
        assert_eq!(out, b"018446744073709551615");
        out.clear();
        date(&mut out, Date::from_ymd(987, 3, 4).unwrap());
        assert_eq!(out, b"0987-03-04");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"no\"", "\"say \"\"no\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            ("semi;colon", "semi;colon"),
        ];
        for (input, want) in cases {
            let mut out = Vec::new();
            csv_field(&mut out, input);
            assert_eq!(std::str::from_utf8(&out).unwrap(), want, "{input:?}");
        }
        let mut out = Vec::new();
        csv_joined(&mut out, ["GOV", "MIL"].into_iter());
        assert_eq!(out, b"GOV;MIL");
        out.clear();
        csv_joined(&mut out, ["a\"b", "c"].into_iter());
        assert_eq!(out, b"\"a\"\"b;c\"");
    }

    /// A minimal RFC 4180 reader, to check rows independently of the writer.
    fn parse_csv_row(line: &str) -> Vec<String> {
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (false, '"') => quoted = true,
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    fields.last_mut().unwrap().push('"');
                }
                (true, '"') => quoted = false,
                (false, ',') => fields.push(String::new()),
                (_, c) => fields.last_mut().unwrap().push(c),
            }
        }
        fields
    }

    #[test]
    fn csv_header_and_row_have_the_contract_columns() {
        let header = OutputFormat::Csv.header();
        assert_eq!(
            header,
            "event_id,doc_id,sentence,date,date_precision,\
             source_code,source_country,source_org,source_sectors,source_text,\
             target_code,target_country,target_org,target_sectors,target_text,\
             cameo,cameo_root,cameo_name,goldstein,quad_class,plover_event,plover_mode,plover_context,\
             negated,modality,quantity_amount,quantity_unit,evidence_text,evidence_start,evidence_end,\
             trigger,trigger_start,trigger_end\n"
        );
        assert_eq!(OutputFormat::Jsonl.header(), "");

        let (_, ss) = doc_and_sentences("a,b");
        let e = event(&ss[0], "0333");
        let mut out = Vec::new();
        EventRecord::new("a,b", &ss, &e, Ontology::builtin()).unwrap().write_csv(&mut out);
        let row = String::from_utf8(out).unwrap();
        assert!(row.ends_with('\n'));
        let fields = parse_csv_row(row.trim_end_matches('\n'));
        assert_eq!(fields.len(), CSV_COLUMNS.len(), "{row}");
        let get = |name: &str| fields[CSV_COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(get("event_id"), "a,b:0:1");
        assert_eq!(get("doc_id"), "a,b");
        assert_eq!(get("sentence"), "0");
        assert_eq!(get("date"), "2022-09-01");
        assert_eq!(get("date_precision"), "month");
        assert_eq!(get("source_code"), "CHNGOV");
        assert_eq!(get("source_country"), "CHN");
        assert_eq!(get("source_org"), "");
        assert_eq!(get("source_sectors"), "GOV;ELI");
        assert_eq!(get("source_text"), "Xi");
        assert_eq!(get("target_org"), "SCO");
        assert_eq!(get("target_sectors"), "");
        assert_eq!(get("cameo"), "0333");
        assert_eq!(get("cameo_root"), "03");
        assert_eq!(get("cameo_name"), "Express intent to provide humanitarian aid");
        assert_eq!(get("goldstein"), "5.2");
        assert_eq!(get("quad_class"), "1");
        assert_eq!(get("plover_event"), "AGREE");
        assert_eq!(get("plover_mode"), "");
        assert_eq!(get("plover_context"), "humanitarian");
        assert_eq!(get("negated"), "false");
        assert_eq!(get("modality"), "reported");
        assert_eq!(get("quantity_amount"), "3000000");
        assert_eq!(get("quantity_unit"), "USD");
        assert_eq!(get("evidence_text"), ss[0].text);
        assert_eq!(get("evidence_start"), "0");
        assert_eq!(get("evidence_end"), TEXT.len().to_string());
        assert_eq!(get("trigger"), "pledged");
    }

    #[test]
    fn csv_empty_fields_for_nulls() {
        let (_, ss) = doc_and_sentences("d");
        let mut e = event(&ss[0], "0333");
        e.date = EventDate::Unknown;
        e.quantity = None;
        let mut out = Vec::new();
        EventRecord::new("d", &ss, &e, Ontology::builtin()).unwrap().write_csv(&mut out);
        let row = String::from_utf8(out).unwrap();
        let fields = parse_csv_row(row.trim_end());
        assert_eq!(fields.len(), CSV_COLUMNS.len());
        assert_eq!(fields[3], "");
        assert_eq!(fields[4], "unknown");
        assert_eq!(fields[25], "");
        assert_eq!(fields[26], "");
    }

    #[test]
    fn inconsistent_events_are_errors_not_panics() {
        let (_, ss) = doc_and_sentences("d");
        let ontology = Ontology::builtin();
        let mut e = event(&ss[0], "0333");
        e.sentence = 7;
        let err = EventRecord::new("d", &ss, &e, ontology).unwrap_err();
        assert!(matches!(err, OutputError::NoSentence { sentence: 7, count: 1, .. }), "{err}");
        assert!(err.to_string().starts_with("d: event 7:1"), "{err}");

        let mut e = event(&ss[0], "0333");
        e.target.span = (0, 10_000);
        let err = EventRecord::new("d", &ss, &e, ontology).unwrap_err();
        assert!(matches!(err, OutputError::BadSpan { what: "target", .. }), "{err}");

        // A span that cuts a multi-byte character.
        let doc = Document::from_text("u", None, "Ñandú visited Peru.");
        let ss_u = sentences(&doc);
        let mut e = event(&ss[0], "0333");
        e.source.span = (0, 1);
        e.target.span = (0, 0);
        e.trigger = (0, 0);
        let err = EventRecord::new("u", &ss_u, &e, ontology).unwrap_err();
        assert!(matches!(err, OutputError::BadSpan { what: "source", start: 0, end: 1, .. }), "{err}");

        let (_, ss) = doc_and_sentences("d");
        let e = event(&ss[0], "0399");
        let err = EventRecord::new("d", &ss, &e, ontology).unwrap_err();
        assert!(matches!(err, OutputError::UnknownCode { .. }), "{err}");
    }

    #[test]
    fn write_events_writes_in_order() {
        let (_, ss) = doc_and_sentences("d");
        let mut a = event(&ss[0], "0333");
        a.n = 0;
        let b = event(&ss[0], "036");
        let mut out = Vec::new();
        let n = write_events(OutputFormat::Jsonl, "d", &ss, &[a, b], Ontology::builtin(), &mut out).unwrap();
        assert_eq!(n, 2);
        let lines: Vec<serde_json::Value> =
            out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
        assert_eq!(lines[0]["event_id"], "d:0:0");
        assert_eq!(lines[1]["event_id"], "d:0:1");
        assert_eq!(lines[1]["cameo"], "036");
    }

    #[test]
    fn formats_parse() {
        assert_eq!("csv".parse::<OutputFormat>(), Ok(OutputFormat::Csv));
        assert_eq!("jsonl".parse::<OutputFormat>(), Ok(OutputFormat::Jsonl));
        assert!("xml".parse::<OutputFormat>().unwrap_err().contains("jsonl or csv"));
    }
}
