//! [`Ontology`] and [`EventType`]: the CAMEO event table with PLOVER
//! mappings, and its reader.

use std::sync::OnceLock;

use crate::code::CameoCode;
use crate::error::{OntologyError, OntologyErrorKind as K};
use crate::plover::{PloverCategory, PloverContext, PloverEvent, PloverMapping, PloverMode};
use crate::quad::QuadClass;

/// Name under which the built-in CAMEO table reports errors.
pub const CAMEO_TSV_NAME: &str = "dict/ontology/cameo.tsv";
/// Name under which the built-in PLOVER table reports errors.
pub const PLOVER_TSV_NAME: &str = "dict/ontology/plover.tsv";
/// The built-in CAMEO table (see its header comment for sources and decisions).
pub const CAMEO_TSV: &str = include_str!("../../../dict/ontology/cameo.tsv");
/// The built-in PLOVER table.
pub const PLOVER_TSV: &str = include_str!("../../../dict/ontology/plover.tsv");

/// The column-name line cameo.tsv must start with (after comments).
const CAMEO_COLUMNS: &str =
    "code\tquad\tgoldstein\tplover\tmode\tcontext\tname\tdescription\tusage_notes\texample";

/// One CAMEO event type: a code with its codebook text, Goldstein score, quad
/// class and PLOVER coding.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EventType {
    /// The code.
    pub code: CameoCode,
    /// The codebook name ("Express intent to provide humanitarian aid"); roots
    /// are upper case, as in the codebook ("EXPRESS INTENT TO COOPERATE").
    pub name: String,
    /// The codebook description (roots have none).
    pub description: Option<String>,
    /// The codebook's usage notes.
    pub usage_notes: Option<String>,
    /// The codebook's example sentence.
    pub example: Option<String>,
    /// Goldstein conflict–cooperation weight, -10 to +10.
    pub goldstein: f32,
    /// Quad class, from the root (see [`QuadClass`]).
    pub quad_class: QuadClass,
    /// PLOVER coding; `None` for the generic statements PLOVER dropped.
    pub plover: Option<PloverMapping>,
}

/// The event ontology: every CAMEO event type in codebook order, the 16 PLOVER
/// categories with their modes and context words, and look-ups between them.
///
/// Immutable once built. [`Ontology::builtin`] is the compiled-in table;
/// [`Ontology::parse`] reads other tables in the same format.
#[derive(Debug, Clone)]
pub struct Ontology {
    /// Sorted by code, which is codebook order.
    types: Vec<EventType>,
    /// Indexed by `PloverEvent::index()`.
    categories: Vec<PloverCategory>,
    contexts: Vec<PloverContext>,
}

impl Ontology {
    /// The built-in ontology (dict/ontology/*.tsv compiled into the binary),
    /// parsed on first use.
    ///
    /// # Panics
    ///
    /// Only if the compiled-in tables are invalid, which the crate's tests
    /// rule out; no user input reaches this.
    pub fn builtin() -> &'static Ontology {
        static BUILTIN: OnceLock<Ontology> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Ontology::parse_named(CAMEO_TSV_NAME, CAMEO_TSV, PLOVER_TSV_NAME, PLOVER_TSV)
                .unwrap_or_else(|e| panic!("built-in ontology table is invalid: {e}"))
        })
    }

    /// Parses a CAMEO table and a PLOVER table (formats: see the header
    /// comments of dict/ontology/cameo.tsv and plover.tsv). Errors name the
    /// built-in file names; use [`Ontology::parse_named`] for others.
    pub fn parse(cameo_tsv: &str, plover_tsv: &str) -> Result<Ontology, OntologyError> {
        Ontology::parse_named(CAMEO_TSV_NAME, cameo_tsv, PLOVER_TSV_NAME, plover_tsv)
    }

    /// Like [`Ontology::parse`], with the file names errors should report.
    pub fn parse_named(
        cameo_name: &str,
        cameo_tsv: &str,
        plover_name: &str,
        plover_tsv: &str,
    ) -> Result<Ontology, OntologyError> {
        // PLOVER first: the CAMEO table's modes and contexts are checked
        // against it; its reverse codes are checked against the CAMEO table
        // afterwards.
        let plover = parse_plover(plover_name, plover_tsv)?;
        let types = parse_cameo(cameo_name, cameo_tsv, &plover)?;
        let ontology = Ontology {
            types,
            categories: plover.categories.iter().map(|(c, _)| c.clone()).collect(),
            contexts: plover.contexts,
        };
        ontology.check_reverse(plover_name, &plover.categories, plover.end_line)?;
        Ok(ontology)
    }

    /// The event type of `code`, or `None` when the codebook has no such code
    /// (`0399` is well-formed but not CAMEO).
    pub fn get(&self, code: CameoCode) -> Option<&EventType> {
        self.types.binary_search_by_key(&code, |t| t.code).ok().map(|i| &self.types[i])
    }

    /// All event types in codebook order (`01`, `010`, …, `0333`, …, `2042`).
    pub fn iter(&self) -> std::slice::Iter<'_, EventType> {
        self.types.iter()
    }

    /// Number of CAMEO codes.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// True when the table has no codes (never for a parsed table, which needs
    /// every PLOVER category reachable).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// `code` and its descendants, in codebook order (empty when `code` is
    /// unknown).
    pub fn subtree(&self, code: CameoCode) -> &[EventType] {
        // Codebook order puts a code's descendants right after it.
        let start = self.types.partition_point(|t| t.code < code);
        let len = self.types[start..].iter().take_while(|t| t.code.is_within(&code)).count();
        &self.types[start..start + len]
    }

    /// The direct children of `code` (`0331`–`0334` for `033`).
    pub fn children(&self, code: CameoCode) -> impl Iterator<Item = &EventType> + '_ {
        self.subtree(code).iter().filter(move |t| t.code.parent() == Some(code))
    }

    /// The root event type of `code` (`03` for `0333`).
    pub fn root_of(&self, code: CameoCode) -> Option<&EventType> {
        self.get(code.root_code())
    }

    /// The 16 PLOVER categories in [`PloverEvent::ALL`] order.
    pub fn plover_categories(&self) -> &[PloverCategory] {
        &self.categories
    }

    /// The codebook entry of `event`.
    pub fn plover_category(&self, event: PloverEvent) -> &PloverCategory {
        // A parsed ontology has all 16, in index order.
        &self.categories[event.index()]
    }

    /// The context words, in table order.
    pub fn plover_contexts(&self) -> &[PloverContext] {
        &self.contexts
    }

    /// The CAMEO event types that map to `event`, in codebook order.
    pub fn codes_for(&self, event: PloverEvent) -> impl Iterator<Item = &EventType> + '_ {
        self.types.iter().filter(move |t| t.plover.as_ref().map(|p| p.event) == Some(event))
    }

    /// The CAMEO code a PLOVER-coded event becomes (reverse mapping, for
    /// importing PLOVER data such as POLECAT): the mode's code when `mode` is
    /// one of the category's modes, otherwise the category's own code. The
    /// quad class and Goldstein score follow from the code.
    ///
    /// ```
    /// use faultline_ontology::{Ontology, PloverEvent};
    /// let o = Ontology::builtin();
    /// assert_eq!(o.cameo_for_plover(PloverEvent::Request, None).as_str(), "02");
    /// assert_eq!(o.cameo_for_plover(PloverEvent::Assault, Some("drone")).as_str(), "1952");
    /// assert_eq!(o.cameo_for_plover(PloverEvent::Assault, Some("no-such-mode")).as_str(), "18");
    /// ```
    pub fn cameo_for_plover(&self, event: PloverEvent, mode: Option<&str>) -> CameoCode {
        let category = self.plover_category(event);
        mode.and_then(|m| category.mode(m)).map_or(category.cameo, |m| m.cameo)
    }

    /// Checks the PLOVER table's reverse codes against the CAMEO table and
    /// that every category is reachable.
    fn check_reverse(
        &self,
        file: &str,
        categories: &[(PloverCategory, PloverLines)],
        end_line: usize,
    ) -> Result<(), OntologyError> {
        let err = |line, kind| OntologyError { file: file.to_string(), line, kind };
        let maps_to = |event: PloverEvent, code: CameoCode, line: usize| {
            let t = self.get(code).ok_or_else(|| err(line, K::UnknownCode(code)))?;
            match &t.plover {
                Some(p) if p.event == event => Ok(()),
                other => Err(err(
                    line,
                    K::ReverseMismatch {
                        event,
                        code,
                        found: other.as_ref().map_or("-".to_string(), |p| p.event.to_string()),
                    },
                )),
            }
        };
        for (category, lines) in categories {
            let event = category.event;
            if lines.event == 0 {
                return Err(err(end_line, K::MissingEvent(event)));
            }
            if category.cameo.root() != event.cameo_root() {
                return Err(err(
                    lines.event,
                    K::WrongRoot { event, root: event.cameo_root(), code: category.cameo },
                ));
            }
            maps_to(event, category.cameo, lines.event)?;
            for (mode, &line) in category.modes.iter().zip(&lines.modes) {
                maps_to(event, mode.cameo, line)?;
            }
            if self.codes_for(event).next().is_none() {
                return Err(err(lines.event, K::Unreachable(event)));
            }
        }
        Ok(())
    }
}

impl<'a> IntoIterator for &'a Ontology {
    type Item = &'a EventType;
    type IntoIter = std::slice::Iter<'a, EventType>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Line numbers of a category's records, for errors found after parsing.
#[derive(Debug, Clone, Default)]
struct PloverLines {
    /// 0 when the event has no `event` line.
    event: usize,
    modes: Vec<usize>,
}

/// The PLOVER table as read, before cross-checks.
struct PloverTable {
    categories: Vec<(PloverCategory, PloverLines)>,
    contexts: Vec<PloverContext>,
    /// One past the last line, for errors about the table as a whole.
    end_line: usize,
}

/// Data lines of a table: (1-based line number, fields), skipping comments
/// (`#` in column 1) and blank lines.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        (!line.starts_with('#') && !line.trim().is_empty())
            .then(|| (i + 1, line.split('\t').collect()))
    })
}

/// Undoes the text escapes `\t`, `\n`, `\r`, `\\`.
fn unescape(field: &'static str, s: &str) -> Result<String, K> {
    if !s.contains('\\') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, 't')) => out.push('\t'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 'r')) => out.push('\r'),
            Some((_, '\\')) => out.push('\\'),
            other => {
                return Err(K::BadEscape {
                    field,
                    offset: i,
                    escape: other.map(|(_, c)| c.to_string()).unwrap_or_default(),
                })
            }
        }
    }
    Ok(out)
}

/// A text field, `None` when empty.
fn optional_text(field: &'static str, s: &str) -> Result<Option<String>, K> {
    Ok(Some(unescape(field, s)?).filter(|t| !t.is_empty()))
}

/// A required text field.
fn required_text(field: &'static str, s: &str) -> Result<String, K> {
    optional_text(field, s)?.ok_or(K::EmptyField(field))
}

/// Mode and context names: lower-case ASCII letters, digits, `-`, `_`.
fn check_name(s: &str) -> Result<String, K> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(s.to_string())
    } else {
        Err(K::BadName(s.to_string()))
    }
}

fn expect_fields(fields: &[&str], n: usize) -> Result<(), K> {
    if fields.len() == n {
        Ok(())
    } else {
        Err(K::FieldCount { expected: n, found: fields.len() })
    }
}

fn parse_plover(file: &str, text: &str) -> Result<PloverTable, OntologyError> {
    let mut slots: Vec<Option<(PloverCategory, PloverLines)>> = vec![None; PloverEvent::ALL.len()];
    let mut contexts: Vec<PloverContext> = Vec::new();
    for (line, fields) in data_lines(text) {
        let err = |kind| OntologyError { file: file.to_string(), line, kind };
        match fields[0] {
            "event" => {
                expect_fields(&fields, 5).map_err(err)?;
                let event: PloverEvent = fields[1].parse().map_err(|e| err(K::from(e)))?;
                if slots[event.index()].is_some() {
                    return Err(err(K::DuplicateEvent(event)));
                }
                let cameo: CameoCode = fields[2].parse().map_err(|e| err(K::from(e)))?;
                let definition = required_text("definition", fields[3]).map_err(err)?;
                let covers = optional_text("covers", fields[4])
                    .map_err(err)?
                    .map(|c| c.split("; ").map(str::to_string).collect())
                    .unwrap_or_default();
                let category =
                    PloverCategory { event, definition, covers, cameo, modes: Vec::new() };
                slots[event.index()] =
                    Some((category, PloverLines { event: line, modes: Vec::new() }));
            }
            "mode" => {
                expect_fields(&fields, 5).map_err(err)?;
                let event: PloverEvent = fields[1].parse().map_err(|e| err(K::from(e)))?;
                let name = check_name(fields[2]).map_err(err)?;
                let cameo: CameoCode = fields[3].parse().map_err(|e| err(K::from(e)))?;
                let definition = required_text("definition", fields[4]).map_err(err)?;
                let (category, lines) =
                    slots[event.index()].as_mut().ok_or_else(|| err(K::ModeBeforeEvent(event)))?;
                if category.mode(&name).is_some() {
                    return Err(err(K::DuplicateMode { event, mode: name }));
                }
                category.modes.push(PloverMode { name, definition, cameo });
                lines.modes.push(line);
            }
            "context" => {
                expect_fields(&fields, 3).map_err(err)?;
                let word = check_name(fields[1]).map_err(err)?;
                if contexts.iter().any(|c| c.word == word) {
                    return Err(err(K::DuplicateContext(word)));
                }
                let gloss = required_text("gloss", fields[2]).map_err(err)?;
                contexts.push(PloverContext { word, gloss });
            }
            other => return Err(err(K::UnknownRecord(other.to_string()))),
        }
    }
    let end_line = text.lines().count() + 1;
    let mut categories = Vec::with_capacity(slots.len());
    for (event, slot) in PloverEvent::ALL.into_iter().zip(slots) {
        match slot {
            Some(c) => categories.push(c),
            None => {
                return Err(OntologyError {
                    file: file.to_string(),
                    line: end_line,
                    kind: K::MissingEvent(event),
                })
            }
        }
    }
    Ok(PloverTable { categories, contexts, end_line })
}

fn parse_cameo(
    file: &str,
    text: &str,
    plover: &PloverTable,
) -> Result<Vec<EventType>, OntologyError> {
    let mut types: Vec<EventType> = Vec::new();
    let mut lines = data_lines(text);
    match lines.next() {
        Some((_, fields)) if fields.join("\t") == CAMEO_COLUMNS => {}
        Some((line, fields)) => {
            return Err(OntologyError {
                file: file.to_string(),
                line,
                kind: K::BadHeader {
                    expected: CAMEO_COLUMNS.to_string(),
                    found: fields.join("\t"),
                },
            })
        }
        None => {
            return Err(OntologyError {
                file: file.to_string(),
                line: text.lines().count() + 1,
                kind: K::BadHeader { expected: CAMEO_COLUMNS.to_string(), found: String::new() },
            })
        }
    }
    for (line, fields) in lines {
        let err = |kind| OntologyError { file: file.to_string(), line, kind };
        let t = parse_cameo_line(&fields, plover).map_err(err)?;
        if let Some(prev) = types.last() {
            if t.code == prev.code {
                return Err(err(K::DuplicateCode(t.code)));
            }
            if t.code < prev.code {
                return Err(err(K::OutOfOrder { code: t.code, previous: prev.code }));
            }
        }
        if let Some(parent) = t.code.parent() {
            // Codebook order puts the parent before its children.
            if types.binary_search_by_key(&parent, |p| p.code).is_err() {
                return Err(err(K::MissingParent { code: t.code, parent }));
            }
        }
        types.push(t);
    }
    Ok(types)
}

fn parse_cameo_line(fields: &[&str], plover: &PloverTable) -> Result<EventType, K> {
    expect_fields(fields, 10)?;
    let code: CameoCode = fields[0].parse()?;
    let root = code.root();
    // CameoCode guarantees a root of 1-20; stay an error, not a panic, anyway.
    let quad_class = QuadClass::from_root(root)
        .ok_or_else(|| K::BadCode(crate::CameoCodeError(fields[0].into())))?;
    if fields[1] != quad_class.number().to_string() {
        return Err(K::BadQuad {
            root,
            expected: quad_class.number(),
            found: fields[1].to_string(),
        });
    }
    let goldstein = fields[2]
        .parse::<f32>()
        .ok()
        .filter(|g| (-10.0..=10.0).contains(g))
        .ok_or_else(|| K::BadGoldstein(fields[2].to_string()))?;
    let plover_mapping = match fields[3] {
        "-" => {
            if fields[4] != "-" || fields[5] != "-" {
                return Err(K::ModeWithoutEvent);
            }
            None
        }
        "" => return Err(K::EmptyField("plover")),
        name => {
            let event: PloverEvent = name.parse()?;
            let (category, _) = &plover.categories[event.index()];
            let mode = match fields[4] {
                "-" => None,
                "" => return Err(K::EmptyField("mode")),
                m if category.mode(m).is_some() => Some(m.to_string()),
                m => return Err(K::UnknownMode { event, mode: m.to_string() }),
            };
            let context = match fields[5] {
                "-" => Vec::new(),
                "" => return Err(K::EmptyField("context")),
                list => list
                    .split(';')
                    .map(|w| {
                        let w = w.trim();
                        if plover.contexts.iter().any(|c| c.word == w) {
                            Ok(w.to_string())
                        } else {
                            Err(K::UnknownContext(w.to_string()))
                        }
                    })
                    .collect::<Result<_, _>>()?,
            };
            Some(PloverMapping { event, mode, context })
        }
    };
    Ok(EventType {
        code,
        name: required_text("name", fields[6])?,
        description: optional_text("description", fields[7])?,
        usage_notes: optional_text("usage_notes", fields[8])?,
        example: optional_text("example", fields[9])?,
        goldstein,
        quad_class,
        plover: plover_mapping,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal valid pair of tables: every PLOVER event declared, each
    /// reachable from one CAMEO code in its `cameo_root()`.
    fn tables() -> (String, String) {
        let mut plover = String::from("# comment\n");
        let mut cameo = format!("# comment\n{CAMEO_COLUMNS}\n");
        let mut roots: Vec<(u8, PloverEvent)> =
            PloverEvent::ALL.iter().map(|e| (e.cameo_root(), *e)).collect();
        roots.sort();
        let mut done = std::collections::BTreeSet::new();
        for (root, event) in roots {
            // CONCEDE shares root 03 with AGREE: give it 035 under 03.
            let code = if event == PloverEvent::Concede {
                format!("{root:02}5")
            } else {
                format!("{root:02}")
            };
            plover.push_str(&format!("event\t{event}\t{code}\tdefinition of {event}\t\n"));
            if event == PloverEvent::Consult {
                plover.push_str(&format!("mode\t{event}\tvisit\t{code}\tVisits\n"));
            }
            let quad = QuadClass::from_root(root).unwrap().number();
            if done.insert(root) {
                cameo.push_str(&format!(
                    "{root:02}\t{quad}\t1.5\t{event}\t-\t-\tROOT {root}\t\t\t\n"
                ));
            }
            if event == PloverEvent::Concede {
                cameo.push_str(&format!("{code}\t{quad}\t1\t{event}\t-\teconomic\tIntent to yield\tDesc\\twith tab\t\t\n"));
            }
        }
        plover.push_str("context\teconomic\ttrade\n");
        // The sort above put 035 right after 03; codes must stay in order.
        (cameo, plover)
    }

    fn parse(cameo: &str, plover: &str) -> Result<Ontology, OntologyError> {
        Ontology::parse_named("c.tsv", cameo, "p.tsv", plover)
    }

    #[test]
    fn minimal_tables_parse() {
        let (cameo, plover) = tables();
        let o = parse(&cameo, &plover).unwrap();
        let t = o.get("035".parse().unwrap()).unwrap();
        assert_eq!(t.description.as_deref(), Some("Desc\twith tab"));
        assert_eq!(t.plover.as_ref().unwrap().event, PloverEvent::Concede);
        assert_eq!(o.cameo_for_plover(PloverEvent::Concede, None).as_str(), "035");
        assert_eq!(o.cameo_for_plover(PloverEvent::Consult, Some("visit")).as_str(), "04");
    }

    /// Replaces the first occurrence of `from` in the CAMEO table, parses, and
    /// returns the error's `file:line: message` text.
    fn cameo_error(from: &str, to: &str) -> String {
        let (cameo, plover) = tables();
        assert!(cameo.contains(from), "{from:?} not in table");
        parse(&cameo.replacen(from, to, 1), &plover).unwrap_err().to_string()
    }

    fn plover_error(from: &str, to: &str) -> String {
        let (cameo, plover) = tables();
        assert!(plover.contains(from), "{from:?} not in table");
        parse(&cameo, &plover.replacen(from, to, 1)).unwrap_err().to_string()
    }

    #[test]
    fn cameo_errors_name_file_and_line() {
        // Line 1 is a comment, 2 the columns, 3 root 02, 4 root 03, 5 code 035.
        assert_eq!(
            cameo_error("03\t1\t1.5", "03\t1\tx"),
            "c.tsv:4: Goldstein score must be a number from -10 to 10, found `x`"
        );
        assert!(cameo_error("03\t1\t1.5", "03\t1\t11").starts_with("c.tsv:4: Goldstein"));
        assert!(cameo_error("03\t1\t1.5", "03\t2\t1.5")
            .starts_with("c.tsv:4: quad class must be 1 for root 03"));
        assert!(cameo_error("035\t1", "03x\t1").starts_with("c.tsv:5: expected a CAMEO code"));
        // Renumbering 035 leaves CONCEDE's reverse code dangling: a p.tsv error.
        let e = cameo_error("035\t1", "036\t1");
        assert!(
            e.starts_with("p.tsv:") && e.ends_with("CAMEO code 035 is not in the CAMEO table"),
            "{e}"
        );
        assert!(
            cameo_error("035\t1", "0355\t1").starts_with("c.tsv:5: code 0355 has no parent 035")
        );
        assert!(cameo_error("\tCONCEDE\t-\teconomic", "\tCONCEDE\tvisit\teconomic")
            .starts_with("c.tsv:5: `visit` is not a mode of CONCEDE"));
        assert!(cameo_error("\tCONCEDE\t-\teconomic", "\tCONCEDE\t-\tmilitary")
            .starts_with("c.tsv:5: `military` is not a context word"));
        assert!(cameo_error("\tCONCEDE\t-\teconomic", "\tDEMAND\t-\teconomic")
            .starts_with("c.tsv:5: expected a PLOVER event"));
        assert!(cameo_error("\tCONCEDE\t-\teconomic", "\t-\t-\teconomic")
            .starts_with("c.tsv:5: a mode or context needs a PLOVER event"));
        assert!(cameo_error("Desc\\twith", "Desc\\qwith")
            .starts_with("c.tsv:5: bad escape `\\q` at byte 4 of field `description`"));
        assert!(
            cameo_error("\tIntent to yield", "\t").starts_with("c.tsv:5: field `name` is empty")
        );
        assert!(cameo_error("\tIntent to yield\t", "\tIntent to yield\textra\t")
            .starts_with("c.tsv:5: expected 10 tab-separated fields, found 11"));
        assert!(cameo_error("code\tquad", "code\tquads")
            .starts_with("c.tsv:2: expected the column line"));
        // Order and duplicates: move root 02 after 03.
        let (cameo, plover) = tables();
        let mut lines: Vec<&str> = cameo.lines().collect();
        lines.swap(2, 3);
        let e = parse(&lines.join("\n"), &plover).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("c.tsv", 4));
        assert!(matches!(e.kind, K::OutOfOrder { .. }), "{e}");
        let dup = format!("{}\n{}", lines[..4].join("\n"), lines[3]);
        assert!(matches!(
            parse(&dup, &plover).unwrap_err().kind,
            K::DuplicateCode(_) | K::OutOfOrder { .. }
        ));
    }

    #[test]
    fn plover_errors_name_file_and_line() {
        assert!(plover_error("event\tAGREE", "evnt\tAGREE").contains(": expected a record kind"));
        assert!(plover_error("event\tAGREE", "event\tDEMAND").contains("expected a PLOVER event"));
        assert!(plover_error("context\teconomic\ttrade", "context\tEconomic\ttrade")
            .contains("not a valid mode or context name"));
        // Missing event: reported one past the last line.
        let (cameo, plover) = tables();
        let without: String = plover
            .lines()
            .filter(|l| !l.starts_with("event\tAID"))
            .map(|l| format!("{l}\n"))
            .collect();
        let e = parse(&cameo, &without).unwrap_err();
        assert_eq!(e.line, without.lines().count() + 1);
        assert_eq!(e.kind, K::MissingEvent(PloverEvent::Aid));
        // Reverse code outside cameo_root(): AID must map back into root 07.
        let e = plover_error("event\tAID\t07", "event\tAID\t06");
        assert!(
            e.starts_with("p.tsv:") && e.contains("AID must map back into CAMEO root 07"),
            "{e}"
        );
        // Reverse code that maps forward elsewhere.
        let e = plover_error("visit\t04", "visit\t03");
        assert!(e.contains("CAMEO code 03 maps to AGREE in the CAMEO table, not CONSULT"), "{e}");
        // Unknown reverse code.
        let e = plover_error("visit\t04", "visit\t041");
        assert!(e.contains("CAMEO code 041 is not in the CAMEO table"), "{e}");
    }

    #[test]
    fn event_mapped_nowhere_is_an_error() {
        let (cameo, plover) = tables();
        // Root 07 maps to AID; make it map to COOPERATE instead.
        let cameo = cameo.replacen("\tAID\t", "\tCOOPERATE\t", 1);
        let e = parse(&cameo, &plover).unwrap_err();
        // AID's own reverse code (07) now maps to COOPERATE: caught first.
        assert!(matches!(e.kind, K::ReverseMismatch { event: PloverEvent::Aid, .. }), "{e}");
    }
}
