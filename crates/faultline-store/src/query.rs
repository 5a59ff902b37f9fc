//! Queries: the structured event filter of `faultline events` and the
//! free SQL of `faultline sql`, with table/CSV/JSONL rendering.

use std::io::Write;

use faultline_text::Date;
use rusqlite::types::ValueRef;
use rusqlite::ToSql;

use crate::error::StoreError;
use crate::store::Store;

/// The filter of `faultline events`: every set field must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    /// Source country (ISO3).
    pub source: Option<String>,
    /// Target country (ISO3).
    pub target: Option<String>,
    /// First date, inclusive.
    pub from: Option<Date>,
    /// Last date, inclusive.
    pub to: Option<Date>,
    /// CAMEO root, `"01"`–`"20"` (a single digit is padded).
    pub root: Option<String>,
    /// Quad class 1–4.
    pub quad: Option<u8>,
    /// Only events the default policy keeps (`kept = 1`).
    pub kept_only: bool,
}

impl EventQuery {
    /// The SQL condition (over `events` columns) and its parameters.
    /// Validates the arguments, so bad ones are clear errors rather than
    /// empty results.
    pub fn to_sql(&self) -> Result<(String, Vec<Box<dyn ToSql>>), StoreError> {
        let mut conds: Vec<&str> = Vec::new();
        let mut params: Vec<Box<dyn ToSql>> = Vec::new();
        let iso = |s: &str, what: &str| -> Result<String, StoreError> {
            let up = s.trim().to_ascii_uppercase();
            if up.len() == 3 && up.bytes().all(|b| b.is_ascii_uppercase()) {
                Ok(up)
            } else {
                Err(StoreError::Query(format!("--{what}: `{s}` is not an ISO3 country code (three letters, e.g. CHN)")))
            }
        };
        if let Some(s) = &self.source {
            conds.push("source_country = ?");
            params.push(Box::new(iso(s, "source")?));
        }
        if let Some(t) = &self.target {
            conds.push("target_country = ?");
            params.push(Box::new(iso(t, "target")?));
        }
        if let Some(d) = self.from {
            conds.push("date >= ?");
            params.push(Box::new(d.to_string()));
        }
        if let Some(d) = self.to {
            conds.push("date <= ?");
            params.push(Box::new(d.to_string()));
        }
        if let Some(r) = &self.root {
            let n: u8 = r
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=20).contains(n))
                .ok_or_else(|| StoreError::Query(format!("--root: `{r}` is not a CAMEO root (01-20)")))?;
            conds.push("cameo_root = ?");
            params.push(Box::new(format!("{n:02}")));
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::Query(format!("--quad: {q} is not a quad class (1-4)")));
            }
            conds.push("quad_class = ?");
            params.push(Box::new(i64::from(q)));
        }
        if self.kept_only {
            conds.push("kept = 1");
        }
        let sql = if conds.is_empty() { "1".to_owned() } else { conds.join(" AND ") };
        Ok((sql, params))
    }
}

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns for people.
    Table,
    /// CSV with a header.
    Csv,
    /// One JSON object per row.
    Jsonl,
}

/// Runs one SQL statement and prints its rows in `format`. Returns the row
/// count. The statement runs on whatever connection `store` has: open it
/// with [`Store::open_read_only`] to forbid writes.
pub fn run_sql(store: &Store, sql: &str, format: TableFormat, out: &mut dyn Write) -> Result<u64, StoreError> {
    let mut stmt = store.conn().prepare(sql).map_err(|e| store.err(e))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let mut rows = stmt.query([]).map_err(|e| store.err(e))?;
    let io = |e| StoreError::io("<output>", e);
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut n = 0u64;
    if format == TableFormat::Csv && !names.is_empty() {
        writeln!(out, "{}", names.iter().map(|s| csv_cell(s)).collect::<Vec<_>>().join(",")).map_err(io)?;
    }
    while let Some(r) = rows.next().map_err(|e| store.err(e))? {
        n += 1;
        let vals: Vec<ValueRef<'_>> = (0..names.len()).map(|i| r.get_ref(i)).collect::<Result<_, _>>().map_err(|e| store.err(e))?;
        match format {
            TableFormat::Jsonl => {
                let mut obj = serde_json::Map::new();
                for (name, v) in names.iter().zip(&vals) {
                    obj.insert(name.clone(), json_value(*v));
                }
                writeln!(out, "{}", serde_json::Value::Object(obj)).map_err(io)?;
            }
            TableFormat::Csv => {
                let cells: Vec<String> = vals.iter().map(|v| csv_cell(&text_value(*v).unwrap_or_default())).collect();
                writeln!(out, "{}", cells.join(",")).map_err(io)?;
            }
            // A table needs every width first; results printed as tables
            // are meant for people and are small.
            TableFormat::Table => table.push(vals.iter().map(|v| text_value(*v).unwrap_or_else(|| "NULL".into())).collect()),
        }
    }
    if format == TableFormat::Table {
        print_table(out, &names, &table).map_err(io)?;
    }
    Ok(n)
}

fn text_value(v: ValueRef<'_>) -> Option<String> {
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Some(format!("<{} bytes>", b.len())),
    }
}

fn json_value(v: ValueRef<'_>) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
    }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Prints rows as aligned columns (cells cut at 60 characters).
pub fn print_table(out: &mut dyn Write, names: &[String], rows: &[Vec<String>]) -> std::io::Result<()> {
    const MAX: usize = 60;
    let cut = |s: &str| -> String {
        let s = s.replace(['\n', '\t', '\r'], " ");
        if s.chars().count() > MAX {
            s.chars().take(MAX - 1).chain(std::iter::once('…')).collect()
        } else {
            s
        }
    };
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cut(c)).collect()).collect();
    let mut widths: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
    for r in &cells {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, r: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = r.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        writeln!(out, "{}", parts.join("  ").trim_end())
    };
    line(out, names)?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for r in &cells {
        line(out, r)?;
    }
    Ok(())
}
