//! Export: events streamed out of the database as CSV, JSONL, GDELT 2.0
//! or Parquet. Rows are read with one cursor and written as they come;
//! Parquet buffers one row group ([`PARQUET_ROW_GROUP`] rows) at a time.
//!
//! JSONL and CSV follow the contract of `faultline code`
//! (`faultline_coder::output`): the same field names in the same order,
//! then the store's own fields appended (`provenance`, `original_id`,
//! `url`, `kept`), as the contract allows. Imported events have no
//! evidence sentence or trigger: those members are `null`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use faultline_ontology::{CameoCode, Ontology};
use rusqlite::ToSql;

use crate::error::StoreError;
use crate::record::EventRow;
use crate::store::{event_from_row, Store, EVENT_COLUMNS};

/// Rows per Parquet row group: bounds memory (about 100 MB for wide rows
/// at worst) while keeping groups large enough for readers to scan fast.
pub const PARQUET_ROW_GROUP: usize = 100_000;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The coder's CSV columns plus the store's.
    Csv,
    /// The coder's JSONL contract plus the store's fields.
    Jsonl,
    /// GDELT 2.0 event export layout (61 tab-separated columns).
    Gdelt,
    /// Apache Parquet, one column per CSV column.
    Parquet,
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" | "json" => Ok(ExportFormat::Jsonl),
            "gdelt" | "gdelt2" => Ok(ExportFormat::Gdelt),
            "parquet" => Ok(ExportFormat::Parquet),
            _ => Err(format!("unknown export format `{s}` (expected csv, jsonl, parquet or gdelt)")),
        }
    }
}

/// The columns added after the coder's contract columns.
pub const STORE_COLUMNS: [&str; 4] = ["provenance", "original_id", "url", "kept"];

/// The CSV (and Parquet) header: the coder's [`CSV_COLUMNS`](faultline_coder::output::CSV_COLUMNS)
/// then [`STORE_COLUMNS`].
pub fn csv_header() -> Vec<&'static str> {
    faultline_coder::output::CSV_COLUMNS.iter().chain(STORE_COLUMNS.iter()).copied().collect()
}

/// The CSV column name of an `events` table column.
pub fn csv_name(column: &str) -> &str {
    match column {
        "trigger_text" => "trigger",
        other => other,
    }
}

/// One event as exported: the row, its database id and its evidence
/// sentence (Faultline events only).
#[derive(Debug, Clone)]
pub struct ExportedEvent {
    /// `events.id`.
    pub rowid: i64,
    /// The event.
    pub event: EventRow,
    /// The evidence sentence's text.
    pub evidence_text: Option<String>,
}

/// Streams the events matching `filter` (an SQL expression over the
/// `events` columns, with `?` parameters bound from `params`; `None` for
/// all) in id order, at most `limit`, to `f`.
pub fn for_each_event(
    store: &Store,
    filter: Option<&str>,
    params: &[&dyn ToSql],
    limit: Option<u64>,
    mut f: impl FnMut(&ExportedEvent) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let cols: Vec<String> = EVENT_COLUMNS.iter().map(|c| format!("e.{c}")).collect();
    // The filter runs in a subquery over `events` alone so that its column
    // names are never ambiguous with the joined `sentences` table.
    let sql = format!(
        "SELECT e.id, {}, s.text FROM (SELECT * FROM events WHERE {}) AS e \
         LEFT JOIN sentences AS s ON e.provenance = 'faultline' AND s.doc_id = e.doc_id AND s.idx = e.sentence \
         ORDER BY e.id{}",
        cols.join(", "),
        filter.map_or("1".to_owned(), |w| format!("({w})")),
        limit.map_or(String::new(), |n| format!(" LIMIT {n}")),
    );
    let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
    let mut rows = stmt.query(params).map_err(|e| store.err(e))?;
    let mut n = 0;
    while let Some(r) = rows.next().map_err(|e| store.err(e))? {
        let event = event_from_row(r, 1).map_err(|m| store.bad_row(r, m))?;
        let ex = ExportedEvent {
            rowid: r.get(0).map_err(|e| store.err(e))?,
            event,
            evidence_text: r.get(EVENT_COLUMNS.len() + 1).map_err(|e| store.err(e))?,
        };
        f(&ex)?;
        n += 1;
    }
    Ok(n)
}

/// Exports the events matching `filter` (SQL over the `events` columns)
/// to `path` in `format`. Returns the number of events written.
pub fn export(store: &Store, format: ExportFormat, filter: Option<&str>, path: &Path) -> Result<u64, StoreError> {
    let name = path.display().to_string();
    let file = File::create(path).map_err(|e| StoreError::io(&name, e))?;
    if format == ExportFormat::Parquet {
        return parquet_out::write(store, filter, file, &name);
    }
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let n = export_to(store, format, filter, &mut out, &name)?;
    out.flush().map_err(|e| StoreError::io(&name, e))?;
    Ok(n)
}

/// Writes CSV, JSONL or GDELT to any writer (`name` labels I/O errors).
pub fn export_to(
    store: &Store,
    format: ExportFormat,
    filter: Option<&str>,
    out: &mut dyn Write,
    name: &str,
) -> Result<u64, StoreError> {
    export_query(store, format, filter, &[], None, out, name)
}

/// [`export_to`] with `?` parameters for the filter and a row limit.
pub fn export_query(
    store: &Store,
    format: ExportFormat,
    filter: Option<&str>,
    params: &[&dyn ToSql],
    limit: Option<u64>,
    out: &mut dyn Write,
    name: &str,
) -> Result<u64, StoreError> {
    let io = |e| StoreError::io(name, e);
    if format == ExportFormat::Parquet {
        // Parquet's footer needs a seekable file, not a stream.
        return Err(StoreError::Query(format!("{name}: parquet can only be written to a file")));
    }
    let ontology = Ontology::builtin();
    if format == ExportFormat::Csv {
        out.write_all(csv_header().join(",").as_bytes()).map_err(io)?;
        out.write_all(b"\n").map_err(io)?;
    }
    let mut buf = Vec::with_capacity(4096);
    for_each_event(store, filter, params, limit, |ev| {
        buf.clear();
        match format {
            ExportFormat::Csv => write_csv(&mut buf, ev, ontology),
            ExportFormat::Jsonl => write_json(&mut buf, ev, ontology),
            ExportFormat::Gdelt => write_gdelt(&mut buf, ev),
            // Refused above.
            ExportFormat::Parquet => {}
        }
        out.write_all(&buf).map_err(io)
    })
}

fn cameo_name<'o>(ev: &EventRow, ontology: &'o Ontology) -> Option<&'o str> {
    ev.cameo.parse::<CameoCode>().ok().and_then(|c| ontology.get(c)).map(|t| t.name.as_str())
}

/// The flattened values of an event in [`csv_header`] order (`None` = null).
pub fn flat_values(ex: &ExportedEvent, ontology: &Ontology) -> Vec<Option<String>> {
    let e = &ex.event;
    let s = |v: &str| Some(v.to_owned());
    let o = |v: &Option<String>| v.clone();
    let i = |v: Option<i64>| v.map(|n| n.to_string());
    let actor = |a: &crate::record::ActorRow| {
        vec![s(&a.code), o(&a.country), o(&a.org), s(&a.sectors.join(";")), o(&a.text)]
    };
    let mut v = vec![s(&e.event_id), o(&e.doc_id), i(e.sentence), e.date.map(|d| d.to_string()), s(&e.date_precision)];
    v.extend(actor(&e.source));
    v.extend(actor(&e.target));
    v.extend([
        s(&e.cameo),
        s(&e.cameo_root),
        cameo_name(e, ontology).map(str::to_owned),
        e.goldstein.map(|g| g.to_string()),
        e.quad_class.map(|q| q.to_string()),
        o(&e.plover_event),
        o(&e.plover_mode),
        o(&e.plover_context),
        s(if e.negated { "true" } else { "false" }),
        s(&e.modality),
        e.quantity_amount.map(|a| a.to_string()),
        o(&e.quantity_unit),
        ex.evidence_text.clone(),
        i(e.evidence_start),
        i(e.evidence_end),
        o(&e.trigger_text),
        i(e.trigger_start),
        i(e.trigger_end),
        s(&e.provenance),
        s(&e.original_id),
        o(&e.url),
        s(if e.kept { "true" } else { "false" }),
    ]);
    v
}

fn write_csv(out: &mut Vec<u8>, ex: &ExportedEvent, ontology: &Ontology) {
    for (k, v) in flat_values(ex, ontology).iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        if let Some(v) = v {
            if v.contains([',', '"', '\n', '\r']) {
                out.push(b'"');
                out.extend_from_slice(v.replace('"', "\"\"").as_bytes());
                out.push(b'"');
            } else {
                out.extend_from_slice(v.as_bytes());
            }
        }
    }
    out.push(b'\n');
}

fn json_opt_str(out: &mut Vec<u8>, v: Option<&str>) {
    match v {
        Some(s) => json_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn json_str(out: &mut Vec<u8>, s: &str) {
    // serde_json's escaping is the reference; writing a &str cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn json_num<T: ToString>(out: &mut Vec<u8>, v: Option<T>) {
    match v {
        Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
}

fn json_actor(out: &mut Vec<u8>, a: &crate::record::ActorRow) {
    out.extend_from_slice(b"{\"code\":");
    json_str(out, &a.code);
    out.extend_from_slice(b",\"country\":");
    json_opt_str(out, a.country.as_deref());
    out.extend_from_slice(b",\"org\":");
    json_opt_str(out, a.org.as_deref());
    out.extend_from_slice(b",\"sectors\":[");
    for (i, s) in a.sectors.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, s);
    }
    out.extend_from_slice(b"],\"text\":");
    json_opt_str(out, a.text.as_deref());
    out.push(b'}');
}

fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

fn write_json(out: &mut Vec<u8>, ex: &ExportedEvent, ontology: &Ontology) {
    let e = &ex.event;
    out.extend_from_slice(b"{\"event_id\":");
    json_str(out, &e.event_id);
    out.extend_from_slice(b",\"doc_id\":");
    json_opt_str(out, e.doc_id.as_deref());
    out.extend_from_slice(b",\"sentence\":");
    json_num(out, e.sentence);
    out.extend_from_slice(b",\"date\":");
    json_opt_str(out, e.date.map(|d| d.to_string()).as_deref());
    out.extend_from_slice(b",\"date_precision\":");
    json_str(out, &e.date_precision);
    out.extend_from_slice(b",\"source\":");
    json_actor(out, &e.source);
    out.extend_from_slice(b",\"target\":");
    json_actor(out, &e.target);
    out.extend_from_slice(b",\"cameo\":");
    json_str(out, &e.cameo);
    out.extend_from_slice(b",\"cameo_root\":");
    json_str(out, &e.cameo_root);
    out.extend_from_slice(b",\"cameo_name\":");
    json_opt_str(out, cameo_name(e, ontology));
    out.extend_from_slice(b",\"goldstein\":");
    json_num(out, finite(e.goldstein));
    out.extend_from_slice(b",\"quad_class\":");
    json_num(out, e.quad_class);
    out.extend_from_slice(b",\"plover\":");
    match &e.plover_event {
        Some(p) => {
            out.extend_from_slice(b"{\"event\":");
            json_str(out, p);
            out.extend_from_slice(b",\"mode\":");
            json_opt_str(out, e.plover_mode.as_deref());
            out.extend_from_slice(b",\"context\":[");
            for (i, c) in e.plover_context.iter().flat_map(|c| c.split(';')).filter(|c| !c.is_empty()).enumerate() {
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
    out.extend_from_slice(b",\"modality\":");
    json_str(out, &e.modality);
    out.extend_from_slice(b",\"quantity\":");
    match finite(e.quantity_amount) {
        Some(a) => {
            out.extend_from_slice(b"{\"amount\":");
            json_num(out, Some(a));
            out.extend_from_slice(b",\"unit\":");
            json_opt_str(out, e.quantity_unit.as_deref());
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"evidence\":{\"text\":");
    json_opt_str(out, ex.evidence_text.as_deref());
    out.extend_from_slice(b",\"start\":");
    json_num(out, e.evidence_start);
    out.extend_from_slice(b",\"end\":");
    json_num(out, e.evidence_end);
    out.extend_from_slice(b"},\"trigger\":");
    json_opt_str(out, e.trigger_text.as_deref());
    out.extend_from_slice(b",\"trigger_span\":");
    match (e.trigger_start, e.trigger_end) {
        (Some(a), Some(b)) => out.extend_from_slice(format!("[{a},{b}]").as_bytes()),
        _ => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"provenance\":");
    json_str(out, &e.provenance);
    out.extend_from_slice(b",\"original_id\":");
    json_str(out, &e.original_id);
    out.extend_from_slice(b",\"url\":");
    json_opt_str(out, e.url.as_deref());
    out.extend_from_slice(b",\"kept\":");
    out.extend_from_slice(if e.kept { b"true" } else { b"false" });
    out.extend_from_slice(b"}\n");
}

/// Tabs and line breaks would break the tab-separated layout; GDELT itself
/// never has them, so they become spaces.
fn gdelt_field(out: &mut Vec<u8>, s: &str) {
    for c in s.chars() {
        let c = if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c };
        let mut b = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }
}

/// Writes one event as a GDELT 2.0 export row (61 columns). Fields GDELT
/// has and the store does not (mentions, tone, geography) are left empty
/// or zero; GLOBALEVENTID is the original id when numeric, else the row id.
fn write_gdelt(out: &mut Vec<u8>, ex: &ExportedEvent) {
    let e = &ex.event;
    let mut cols: Vec<String> = Vec::with_capacity(61);
    let id = if !e.original_id.is_empty() && e.original_id.bytes().all(|b| b.is_ascii_digit()) {
        e.original_id.clone()
    } else {
        ex.rowid.to_string()
    };
    cols.push(id);
    match e.date {
        Some(d) => {
            let (y, m, day) = (d.year(), d.month(), d.day());
            cols.push(format!("{y:04}{m:02}{day:02}"));
            cols.push(format!("{y:04}{m:02}"));
            cols.push(format!("{y:04}"));
            let frac = f64::from(y) + (f64::from(m) - 1.0) / 12.0 + (f64::from(day) - 1.0) / 365.0;
            cols.push(format!("{frac:.4}"));
        }
        None => cols.extend(std::iter::repeat_n(String::new(), 4)),
    }
    for a in [&e.source, &e.target] {
        cols.push(a.code.clone());
        cols.push(a.text.clone().unwrap_or_default());
        cols.push(a.country.clone().unwrap_or_default());
        cols.push(a.org.clone().unwrap_or_default());
        cols.extend(std::iter::repeat_n(String::new(), 3)); // ethnic, religion 1, 2
        for k in 0..3 {
            cols.push(a.sectors.get(k).cloned().unwrap_or_default());
        }
    }
    cols.push("1".into()); // IsRootEvent
    cols.push(e.cameo.clone());
    cols.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_owned());
    cols.push(e.cameo_root.clone());
    cols.push(e.quad_class.map(|q| q.to_string()).unwrap_or_default());
    cols.push(e.goldstein.map(|g| g.to_string()).unwrap_or_default());
    cols.extend(["1", "1", "1", "0"].map(String::from)); // mentions, sources, articles, tone
    cols.extend(std::iter::repeat_n(String::new(), 24)); // three 8-column geography blocks
    cols.push(e.date.map(|d| format!("{:04}{:02}{:02}000000", d.year(), d.month(), d.day())).unwrap_or_default());
    cols.push(e.url.clone().unwrap_or_default());
    debug_assert_eq!(cols.len(), 61);
    for (k, c) in cols.iter().enumerate() {
        if k > 0 {
            out.push(b'\t');
        }
        gdelt_field(out, c);
    }
    out.push(b'\n');
}

mod parquet_out {
    //! Parquet writing with the low-level column API (no Arrow: it would
    //! add minutes of compile time for what is a flat table of strings and
    //! numbers). Every column is an optional UTF-8 string except the
    //! numeric ones, typed so readers get numbers.

    use super::*;
    use parquet::basic::Compression;
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Text,
        Int,
        Float,
    }

    fn kind(col: &str) -> Kind {
        match col {
            "sentence" | "quad_class" | "evidence_start" | "evidence_end" | "trigger_start" | "trigger_end" => Kind::Int,
            "goldstein" | "quantity_amount" => Kind::Float,
            _ => Kind::Text,
        }
    }

    pub(super) fn write(store: &Store, filter: Option<&str>, file: File, name: &str) -> Result<u64, StoreError> {
        let perr = |e: parquet::errors::ParquetError| StoreError::Parquet { path: name.to_owned(), message: e.to_string() };
        let header = csv_header();
        let mut schema = String::from("message faultline_event {\n");
        for c in &header {
            let ty = match kind(c) {
                Kind::Text => "BYTE_ARRAY",
                Kind::Int => "INT64",
                Kind::Float => "DOUBLE",
            };
            let ann = if kind(c) == Kind::Text { " (UTF8)" } else { "" };
            schema.push_str(&format!("  OPTIONAL {ty} {c}{ann};\n"));
        }
        schema.push('}');
        let schema = Arc::new(parse_message_type(&schema).map_err(perr)?);
        let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
        let mut writer = SerializedFileWriter::new(file, schema, props).map_err(perr)?;
        let ontology = Ontology::builtin();
        let mut rows: Vec<Vec<Option<String>>> = Vec::with_capacity(PARQUET_ROW_GROUP);
        let flush = |rows: &mut Vec<Vec<Option<String>>>, writer: &mut SerializedFileWriter<File>| -> Result<(), StoreError> {
            if rows.is_empty() {
                return Ok(());
            }
            let mut rg = writer.next_row_group().map_err(perr)?;
            let mut k = 0;
            while let Some(mut col) = rg.next_column().map_err(perr)? {
                let defs: Vec<i16> = rows.iter().map(|r| i16::from(r[k].is_some())).collect();
                let cell = |r: &Vec<Option<String>>| r[k].clone();
                match kind(header[k]) {
                    Kind::Text => {
                        let vals: Vec<ByteArray> = rows.iter().filter_map(cell).map(|s| ByteArray::from(s.into_bytes())).collect();
                        col.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), None).map_err(perr)?;
                    }
                    Kind::Int => {
                        let vals: Vec<i64> = rows.iter().filter_map(cell).map(|s| s.parse().unwrap_or(0)).collect();
                        col.typed::<Int64Type>().write_batch(&vals, Some(&defs), None).map_err(perr)?;
                    }
                    Kind::Float => {
                        let vals: Vec<f64> = rows.iter().filter_map(cell).map(|s| s.parse().unwrap_or(f64::NAN)).collect();
                        col.typed::<DoubleType>().write_batch(&vals, Some(&defs), None).map_err(perr)?;
                    }
                }
                col.close().map_err(perr)?;
                k += 1;
            }
            rg.close().map_err(perr)?;
            rows.clear();
            Ok(())
        };
        let n = for_each_event(store, filter, &[], None, |ex| {
            rows.push(flat_values(ex, ontology));
            if rows.len() >= PARQUET_ROW_GROUP {
                flush(&mut rows, &mut writer)?;
            }
            Ok(())
        })?;
        flush(&mut rows, &mut writer)?;
        writer.close().map_err(perr)?;
        Ok(n)
    }
}
