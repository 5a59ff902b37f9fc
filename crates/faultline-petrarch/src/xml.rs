//! PETR XML input: the sentence files PETRARCH codes (`GigaWord.sample.PETR.xml`)
//! and the unit-test suites (`PETR.UnitTest.records.xml`).
//!
//! ```text
//! <Sentences>
//! <Sentence date = "20080804" id ="AFP0808020625_4" source = "AFP" sentence = "True">
//! <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>  (suites)
//! <Text> … </Text>
//! <Parse> (ROOT (S …)) </Parse>
//! </Sentence>
//! <Config option="require_dyad" value="false"></Config>                             (suites)
//! </Sentences>
//! ```
//!
//! A suite wraps this in `<Validation>` and starts with an `<Environment>`
//! naming its dictionaries. `<Config>` records between sentences change
//! options for the records that follow, so the reader keeps them in order
//! as [`Item`]s. Parses are kept as text and read into a [`Tree`] on demand
//! ([`SentenceRecord::tree`]): suites contain deliberately broken parses
//! whose expected outcome is an error.

use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::date::{parse_date, PetrDate};
use crate::diag::{read_file, Diagnostic, Loaded, ReadError, Sink};
use crate::tree::Tree;

/// What a suite record expects the coder to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// `<EventCoding sourcecode=… targetcode=… eventcode=…>`.
    Event {
        /// Source actor code.
        source: String,
        /// Target actor code.
        target: String,
        /// Event code.
        code: String,
    },
    /// `<EventCoding noevents="True">`: nothing is coded.
    NoEvents,
    /// `<EventCoding error="…">`: coding stops with this condition
    /// (`bad_input_parse`, `dateline`, `storydiscard`, `sentencediscard`).
    Error(String),
}

/// The parse of a sentence as written, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseText {
    /// The `<Parse>` content, unescaped.
    pub text: String,
    /// 1-based line in the XML file where the content starts.
    pub line: usize,
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRecord {
    /// `id`.
    pub id: String,
    /// `date` (YYYYMMDD).
    pub date: Option<PetrDate>,
    /// `category` (suites) — scored only if listed in `<Include>`.
    pub category: Option<String>,
    /// `source` (news agency).
    pub source: Option<String>,
    /// `sentence`: false marks a record to skip (`sentence="false"`).
    pub is_sentence: bool,
    /// Other attributes, as written.
    pub other_attributes: Vec<(String, String)>,
    /// Expectations (suites only), in order.
    pub expected: Vec<Expectation>,
    /// The `<Text>`, with its line breaks and surrounding blanks trimmed.
    pub text: String,
    /// The `<Parse>`, if present.
    pub parse: Option<ParseText>,
    /// 1-based line of the `<Sentence` tag.
    pub line: usize,
}

impl SentenceRecord {
    /// Reads the parse into a tree; errors name the file, the line where the
    /// parse starts, the sentence id and the byte offset within the parse.
    pub fn tree(&self, file: &str) -> Result<Tree, Diagnostic> {
        let Some(p) = &self.parse else {
            return Err(Diagnostic::new(
                file,
                self.line,
                None,
                format!("sentence `{}` has no <Parse>", self.id),
            ));
        };
        Tree::parse(&p.text).map_err(|e| {
            // The line of the offending byte (newlines inside the parse counted).
            let line = p.line
                + p.text.as_bytes()[..e.offset.min(p.text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
            Diagnostic::new(file, line, None, format!("sentence `{}`: {e}", self.id))
        })
    }
}

/// The `<Environment>` of a suite; file names as written (see [`Environment::resolve`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verb_file: Option<String>,
    /// `<Actorfile>` (repeatable; a comma-separated list is split).
    pub actor_files: Vec<String>,
    /// `<Agentfile>`.
    pub agent_file: Option<String>,
    /// `<Discardfile>`.
    pub discard_file: Option<String>,
    /// `<Errorfile>` (an output name).
    pub error_file: Option<String>,
    /// `<Issuefile>`, if present.
    pub issue_file: Option<String>,
    /// `<Include>`: the categories that are scored.
    pub include: Vec<String>,
    /// `<Pause>` (interactive PETRARCH only).
    pub pause: Option<String>,
    /// `<Config option=… value=…>` inside the environment.
    pub config: Vec<(String, String)>,
}

impl Environment {
    /// A file name of the environment as a path relative to `base` (the
    /// suite's folder), unless absolute.
    pub fn resolve(base: &Path, name: &str) -> PathBuf {
        let p = Path::new(name.trim());
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    }
}

/// A record of the stream, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A sentence.
    Sentence(SentenceRecord),
    /// `<Config option=… value=…>` between sentences.
    Config {
        /// Option name.
        option: String,
        /// New value.
        value: String,
        /// 1-based line.
        line: usize,
    },
    /// `<Stop>`: PETRARCH stops reading here.
    Stop {
        /// 1-based line.
        line: usize,
    },
}

/// A read PETR XML file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrXml {
    /// Present in suites.
    pub environment: Option<Environment>,
    /// Sentences, configs and stops in order.
    pub items: Vec<Item>,
}

impl PetrXml {
    /// Reads a file from disk.
    pub fn read(path: &Path) -> Result<Loaded<PetrXml>, ReadError> {
        let bytes = read_file(path)?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// The sentence records, skipping configs and stops.
    pub fn sentences(&self) -> impl Iterator<Item = &SentenceRecord> + '_ {
        self.items.iter().filter_map(|i| match i {
            Item::Sentence(s) => Some(s),
            _ => None,
        })
    }

    /// Reads XML bytes; `file` labels the diagnostics. Errors are collected
    /// per record; a broken XML structure ends reading at that point.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Loaded<PetrXml>, ReadError> {
        let mut sink = Sink::new(file);
        let text = crate::source::decode(bytes, &mut sink);
        let lines = LineIndex::new(&text);
        let mut reader = Reader::from_str(&text);
        reader.config_mut().trim_text(false);
        let mut out = PetrXml::default();
        let mut stack: Vec<String> = Vec::new();
        let mut sentence: Option<SentenceRecord> = None;
        let mut env: Option<Environment> = None;
        let mut buf_text = String::new(); // content of the current Text/Parse/env element
        let mut parse_start = 0usize;
        loop {
            let before = pos(&reader);
            let ev = match reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let at = pos(&reader).max(before);
                    sink.error(
                        lines.line(at),
                        Some(lines.column(&text, at)),
                        format!("malformed XML: {e}"),
                    );
                    break;
                }
            };
            let line = lines.line(before);
            // `<x/>` is read like `<x>` but has no content and no end tag.
            let has_content = matches!(ev, Event::Start(_));
            match ev {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    let attrs = attributes(&e, &mut sink, line);
                    start_element(
                        &name,
                        attrs,
                        line,
                        &stack,
                        &mut sentence,
                        &mut env,
                        &mut out,
                        &mut sink,
                    );
                    if has_content {
                        if name == "Parse"
                            || name == "Text"
                            || stack.last().is_some_and(|p| p == "Environment")
                        {
                            buf_text.clear();
                            parse_start = pos(&reader);
                        }
                        stack.push(name);
                    }
                }
                Event::End(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    if stack.last() != Some(&name) {
                        sink.error(
                            line,
                            None,
                            format!(
                                "`</{name}>` does not close `<{}>`",
                                stack.last().map_or("", |s| s.as_str())
                            ),
                        );
                        break;
                    }
                    stack.pop();
                    match name.as_str() {
                        "Text" => {
                            if let Some(s) = sentence.as_mut() {
                                s.text = buf_text.trim().to_string();
                            }
                        }
                        "Parse" => {
                            if let Some(s) = sentence.as_mut() {
                                if s.parse.is_some() {
                                    sink.error(
                                        line,
                                        None,
                                        format!("sentence `{}` has a second <Parse>", s.id),
                                    );
                                }
                                s.parse = Some(ParseText {
                                    text: std::mem::take(&mut buf_text),
                                    line: lines.line(parse_start),
                                });
                            }
                        }
                        "Sentence" => {
                            if let Some(s) = sentence.take() {
                                if s.parse.is_none() && s.text.is_empty() {
                                    sink.warn(
                                        s.line,
                                        None,
                                        format!(
                                            "sentence `{}` has neither <Text> nor <Parse>",
                                            s.id
                                        ),
                                    );
                                }
                                out.items.push(Item::Sentence(s));
                            }
                        }
                        "Environment" => out.environment = env.take(),
                        _ => {
                            if stack.last().is_some_and(|p| p == "Environment") {
                                if let Some(env) = env.as_mut() {
                                    env_value(env, &name, buf_text.trim(), line, &mut sink);
                                }
                            }
                        }
                    }
                }
                Event::Text(t) => match t.unescape() {
                    Ok(s) => buf_text.push_str(&s),
                    Err(e) => sink.error(line, None, format!("bad character reference: {e}")),
                },
                Event::CData(t) => buf_text.push_str(&String::from_utf8_lossy(&t)),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if let Some(open) = stack.last() {
            if sink.errors.is_empty() {
                sink.error(
                    lines.line(text.len()),
                    None,
                    format!("file ends inside `<{open}>`"),
                );
            }
        }
        sink.finish(out)
    }
}

fn pos(r: &Reader<&[u8]>) -> usize {
    usize::try_from(r.buffer_position()).unwrap_or(usize::MAX)
}

fn attributes(e: &BytesStart<'_>, sink: &mut Sink, line: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        match a {
            Ok(a) => {
                let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                let value = match a.unescape_value() {
                    Ok(v) => v.into_owned(),
                    Err(err) => {
                        sink.error(line, None, format!("attribute `{key}`: {err}"));
                        continue;
                    }
                };
                out.push((key, value));
            }
            Err(err) => sink.error(line, None, format!("malformed attribute: {err}")),
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn start_element(
    name: &str,
    attrs: Vec<(String, String)>,
    line: usize,
    stack: &[String],
    sentence: &mut Option<SentenceRecord>,
    env: &mut Option<Environment>,
    out: &mut PetrXml,
    sink: &mut Sink,
) {
    let parent = stack.last().map(String::as_str);
    match (parent, name) {
        (_, "Sentence") => {
            if sentence.is_some() {
                sink.error(line, None, "`<Sentence>` inside another sentence");
                return;
            }
            *sentence = Some(sentence_record(attrs, line, sink));
        }
        (Some("Sentence"), "EventCoding") => {
            if let Some(s) = sentence.as_mut() {
                match expectation(&attrs) {
                    Ok(e) => s.expected.push(e),
                    Err(m) => sink.error(line, None, format!("sentence `{}`: {m}", s.id)),
                }
            }
        }
        (Some("Sentence"), "Text" | "Parse") => {}
        (_, "Environment") => *env = Some(Environment::default()),
        (Some("Environment"), "Config") => {
            if let (Some(env), Some((o, v))) = (env.as_mut(), config_attrs(&attrs, line, sink)) {
                env.config.push((o, v));
            }
        }
        (Some("Environment"), _) => {}
        (_, "Config") => {
            if let Some((option, value)) = config_attrs(&attrs, line, sink) {
                out.items.push(Item::Config {
                    option,
                    value,
                    line,
                });
            }
        }
        (_, "Stop") => out.items.push(Item::Stop { line }),
        (None | Some("Validation"), "Sentences" | "Validation") => {}
        (p, n) => sink.warn(
            line,
            None,
            format!(
                "element `<{n}>` inside `<{}>` ignored",
                p.unwrap_or("document")
            ),
        ),
    }
}

fn config_attrs(
    attrs: &[(String, String)],
    line: usize,
    sink: &mut Sink,
) -> Option<(String, String)> {
    let get = |k: &str| {
        attrs
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    match (get("option"), get("value")) {
        (Some(o), Some(v)) => Some((o, v)),
        _ => {
            sink.error(line, None, "`<Config>` needs option=\"…\" and value=\"…\"");
            None
        }
    }
}

fn sentence_record(attrs: Vec<(String, String)>, line: usize, sink: &mut Sink) -> SentenceRecord {
    let mut rec = SentenceRecord {
        id: String::new(),
        date: None,
        category: None,
        source: None,
        is_sentence: true,
        other_attributes: vec![],
        expected: vec![],
        text: String::new(),
        parse: None,
        line,
    };
    for (k, v) in attrs {
        match k.as_str() {
            "id" => rec.id = v,
            "date" => match parse_date(&v) {
                Ok(d) => {
                    if let Some(n) = d.note {
                        sink.warn(line, None, n);
                    }
                    rec.date = Some(d.date);
                }
                Err(m) => sink.error(line, None, format!("sentence date: {m}")),
            },
            "category" => rec.category = Some(v),
            "source" => rec.source = Some(v),
            "sentence" => match v.trim().to_ascii_lowercase().as_str() {
                "true" => rec.is_sentence = true,
                "false" => rec.is_sentence = false,
                _ => sink.error(
                    line,
                    None,
                    format!("sentence=\"{v}\": expected true or false"),
                ),
            },
            _ => rec.other_attributes.push((k, v)),
        }
    }
    if rec.id.is_empty() {
        sink.error(line, None, "`<Sentence>` without an id");
    }
    rec
}

fn expectation(attrs: &[(String, String)]) -> Result<Expectation, String> {
    let get = |k: &str| {
        attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.trim().to_string())
    };
    if let Some(e) = get("error") {
        return Ok(Expectation::Error(e));
    }
    if let Some(n) = get("noevents") {
        return match n.to_ascii_lowercase().as_str() {
            "true" => Ok(Expectation::NoEvents),
            _ => Err(format!("noevents=\"{n}\": only \"True\" has a meaning")),
        };
    }
    match (get("sourcecode"), get("targetcode"), get("eventcode")) {
        (Some(source), Some(target), Some(code)) => Ok(Expectation::Event {
            source,
            target,
            code,
        }),
        _ => Err(
            "<EventCoding> needs sourcecode, targetcode and eventcode, or noevents, or error"
                .into(),
        ),
    }
}

fn env_value(env: &mut Environment, name: &str, value: &str, line: usize, sink: &mut Sink) {
    let v = || Some(value.to_string());
    match name {
        "Verbfile" => env.verb_file = v(),
        "Actorfile" => env.actor_files.extend(
            value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        ),
        "Agentfile" => env.agent_file = v(),
        "Discardfile" => env.discard_file = v(),
        "Errorfile" => env.error_file = v(),
        "Issuefile" => env.issue_file = v(),
        "Include" => env.include = value.split_whitespace().map(str::to_string).collect(),
        "Pause" => env.pause = v(),
        "Config" => {}
        _ => sink.warn(
            line,
            None,
            format!("unknown environment element `<{name}>` ignored"),
        ),
    }
}

/// Byte offset → line/column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }
    fn line(&self, at: usize) -> usize {
        match self.starts.binary_search(&at) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    fn column(&self, text: &str, at: usize) -> usize {
        let at = at.min(text.len());
        let start = self.starts[self.line(at) - 1];
        text.get(start..at)
            .map_or(at - start + 1, |s| s.chars().count() + 1)
    }
}
