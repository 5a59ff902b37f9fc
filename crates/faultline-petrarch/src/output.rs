//! Writing coded events: PETRARCH2's tab-separated event file and
//! Faultline's JSONL event schema.
//!
//! PETRARCH2 writes one line per event:
//!
//! ```text
//! DATE  SOURCE  TARGET  CODE  ISSUES  ID  SOURCE-ID  SOURCE-TEXT  TARGET-TEXT  EVENT-TEXT
//! 20150609  UKR  IGOEUREEC  057    GOLD_4  AFP  Ukraine  the European Union  ratified
//! ```
//!
//! (`ISSUES` is `CODE,count;…` or empty; the `SOURCE-ID` column is the
//! record's `source` attribute.) The JSONL form uses the field names of
//! Faultline's own event output (`event_id`, `doc_id`, `sentence`, `date`,
//! `source`/`target` objects with `code` and `text`, `cameo`, `cameo_root`)
//! plus `issues`, so the two kinds of output can be loaded together.

use std::io::{self, Write};

use crate::coder::PetrEvent;
use crate::date::PetrDate;

/// Output layout for `faultline petrarch code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// PETRARCH2's tab-separated event file.
    Petrarch,
    /// One JSON object per line, Faultline's event field names.
    Jsonl,
}

/// Everything about a sentence that its output lines repeat.
#[derive(Debug, Clone, Copy)]
pub struct SentenceInfo<'a> {
    /// Record id.
    pub id: &'a str,
    /// Record date.
    pub date: Option<PetrDate>,
    /// The record's `source` attribute (news agency).
    pub source: Option<&'a str>,
    /// Issue codes with counts.
    pub issues: &'a [(String, usize)],
}

fn issues_text(issues: &[(String, usize)]) -> String {
    issues
        .iter()
        .map(|(c, n)| format!("{c},{n}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn date_compact(d: Option<PetrDate>) -> String {
    d.map(|d| format!("{:04}{:02}{:02}", d.year, d.month, d.day))
        .unwrap_or_default()
}

/// Tabs and newlines would break the layout; PETRARCH's texts have none,
/// ours come from parse tokens, but be safe.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes the events of one sentence.
pub fn write_events<W: Write>(
    w: &mut W,
    format: EventFormat,
    info: &SentenceInfo<'_>,
    events: &[PetrEvent],
) -> io::Result<()> {
    for (n, e) in events.iter().enumerate() {
        match format {
            EventFormat::Petrarch => writeln!(
                w,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                date_compact(info.date),
                e.source,
                e.target,
                e.code,
                issues_text(info.issues),
                clean(info.id),
                clean(info.source.unwrap_or("")),
                clean(&e.source_text),
                clean(&e.target_text),
                clean(&e.event_text)
            )?,
            EventFormat::Jsonl => {
                let mut o = String::with_capacity(256);
                o.push_str("{\"event_id\":");
                json_str(&mut o, &format!("{}:0:{n}", info.id));
                o.push_str(",\"doc_id\":");
                json_str(&mut o, info.id);
                o.push_str(",\"sentence\":0,\"date\":");
                match info.date {
                    Some(d) => json_str(&mut o, &d.to_string()),
                    None => o.push_str("null"),
                }
                o.push_str(",\"date_precision\":");
                json_str(
                    &mut o,
                    if info.date.is_some() {
                        "document"
                    } else {
                        "unknown"
                    },
                );
                for (key, code, text) in [
                    ("source", &e.source, &e.source_text),
                    ("target", &e.target, &e.target_text),
                ] {
                    o.push_str(&format!(",\"{key}\":{{\"code\":"));
                    json_str(&mut o, code);
                    o.push_str(",\"text\":");
                    json_str(&mut o, text);
                    o.push('}');
                }
                o.push_str(",\"cameo\":");
                json_str(&mut o, &e.code);
                o.push_str(",\"cameo_root\":");
                json_str(&mut o, e.code.get(..2).unwrap_or(&e.code));
                o.push_str(",\"trigger_text\":");
                json_str(&mut o, &e.event_text);
                o.push_str(",\"issues\":[");
                for (i, (c, k)) in info.issues.iter().enumerate() {
                    if i > 0 {
                        o.push(',');
                    }
                    o.push_str("{\"code\":");
                    json_str(&mut o, c);
                    o.push_str(&format!(",\"count\":{k}}}"));
                }
                o.push_str("]}");
                writeln!(w, "{o}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev() -> PetrEvent {
        PetrEvent {
            source: "UKR".into(),
            target: "IGOEUREEC".into(),
            code: "057".into(),
            source_text: "Ukraine".into(),
            target_text: "the \"EU\"".into(),
            event_text: "ratified".into(),
        }
    }

    #[test]
    fn petrarch_layout_has_ten_columns() {
        let mut out = Vec::new();
        let issues = vec![("SANCTIONS".to_string(), 1)];
        let info = SentenceInfo {
            id: "GOLD_4",
            date: Some(PetrDate {
                year: 2015,
                month: 6,
                day: 9,
            }),
            source: Some("AFP"),
            issues: &issues,
        };
        write_events(&mut out, EventFormat::Petrarch, &info, &[ev()]).unwrap();
        let line = String::from_utf8(out).unwrap();
        let cols: Vec<&str> = line.trim_end().split('\t').collect();
        assert_eq!(cols.len(), 10);
        assert_eq!(
            &cols[..6],
            [
                "20150609",
                "UKR",
                "IGOEUREEC",
                "057",
                "SANCTIONS,1",
                "GOLD_4"
            ]
        );
    }

    #[test]
    fn jsonl_escapes_and_names_fields() {
        let mut out = Vec::new();
        let info = SentenceInfo {
            id: "x",
            date: None,
            source: None,
            issues: &[],
        };
        write_events(&mut out, EventFormat::Jsonl, &info, &[ev()]).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.contains("\"target\":{\"code\":\"IGOEUREEC\",\"text\":\"the \\\"EU\\\"\"}"));
        assert!(line.contains("\"cameo_root\":\"05\""));
        assert!(line.contains("\"date\":null"));
    }
}
