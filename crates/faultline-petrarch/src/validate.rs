//! Running a PETRARCH unit-test suite (`PETR.UnitTest.records.xml`).
//!
//! The suite's `<Environment>` names the dictionaries (relative to the
//! suite file) and the `<Include>`d categories; each `<Sentence>` carries
//! its expected `<EventCoding>`s. A record passes when the set of
//! (source, target, code) triples we code equals the expected set, or
//! when the expected condition (`noevents`, `error="…"`) is what happened.

use std::collections::BTreeSet;
use std::path::Path;

use crate::coder::{Discarded, Outcome, PetrarchCoder};
use crate::config::Options;
use crate::diag::{Diagnostic, ReadError};
use crate::set::DictionarySet;
use crate::xml::{Expectation, Item, PetrXml};

/// Why a suite could not be run at all.
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    /// The suite or a dictionary could not be read or parsed.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The suite has no `<Environment>`, so there are no dictionaries.
    #[error("{0}: no <Environment> block naming the dictionaries")]
    NoEnvironment(String),
    /// A `<Config>` record sets an unknown option or a bad value.
    #[error("{file}:{line}: {message}")]
    BadConfig {
        /// The suite file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The outcome of one scored record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordResult {
    /// Sentence id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Expected, as text (`ARN GON 064; …`, `noevents`, `error=…`).
    pub expected: String,
    /// What we produced, in the same form.
    pub got: String,
    /// Whether they agree.
    pub passed: bool,
}

/// The results of a whole suite.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuiteReport {
    /// Scored records in file order.
    pub records: Vec<RecordResult>,
    /// Records skipped (`sentence="false"`, or a category not included).
    pub skipped: usize,
    /// Malformed parses (also scored, as `error=bad_input_parse`), with
    /// messages naming the sentence id.
    pub parse_errors: Vec<Diagnostic>,
}

impl SuiteReport {
    /// Number of records that passed.
    pub fn passed(&self) -> usize {
        self.records.iter().filter(|r| r.passed).count()
    }
    /// Number of records that failed.
    pub fn failed(&self) -> usize {
        self.records.len() - self.passed()
    }
}

type Triple = (String, String, String);

fn show(set: &BTreeSet<Triple>) -> String {
    if set.is_empty() {
        return "noevents".into();
    }
    set.iter()
        .map(|(s, t, c)| format!("{s} {t} {c}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Which records of a suite are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Records of the `<Include>`d categories (PETRARCH's own rule).
    #[default]
    Included,
    /// Every record with `sentence="true"`, whatever its category (the
    /// copy in `../shared` has one, COMPOUND-36, in a category `COMPOUNDx`
    /// that its `<Include>` leaves out).
    AllCategories,
}

/// Reads a suite file and its dictionaries and scores every included record.
pub fn run_suite(path: &Path) -> Result<SuiteReport, SuiteError> {
    run_suite_with(path, Scope::Included)
}

/// [`run_suite`] scoring the records of `scope`.
pub fn run_suite_with(path: &Path, scope: Scope) -> Result<SuiteReport, SuiteError> {
    let file = path.display().to_string();
    let xml = PetrXml::read(path)?.value;
    let env = xml
        .environment
        .clone()
        .ok_or_else(|| SuiteError::NoEnvironment(file.clone()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let set = DictionarySet::from_environment(base, &env)?.value;
    let coder = PetrarchCoder::new(&set);
    let mut options = Options::default();
    for (k, v) in &env.config {
        options.set(k, v).map_err(|e| SuiteError::BadConfig {
            file: file.clone(),
            line: 0,
            message: e.to_string(),
        })?;
    }
    Ok(score_with(&coder, &xml, &file, options, scope))
}

/// Scores the included records of an already-read suite with a compiled coder.
pub fn score(coder: &PetrarchCoder, xml: &PetrXml, file: &str, options: Options) -> SuiteReport {
    score_with(coder, xml, file, options, Scope::Included)
}

/// [`score`] for the records of `scope`.
pub fn score_with(
    coder: &PetrarchCoder,
    xml: &PetrXml,
    file: &str,
    mut options: Options,
    scope: Scope,
) -> SuiteReport {
    let include: Vec<String> = xml
        .environment
        .as_ref()
        .map(|e| e.include.iter().map(|c| c.to_ascii_uppercase()).collect())
        .unwrap_or_default();
    let mut report = SuiteReport::default();
    for item in &xml.items {
        let rec = match item {
            Item::Sentence(s) => s,
            Item::Config { option, value, .. } => {
                // An unknown option in a record is PETRARCH's warning, not fatal.
                let _ = options.set(option, value);
                continue;
            }
            // PETRARCH stops reading at <Stop> only when paused interactively;
            // the suite's own <Stop> ends it.
            Item::Stop { .. } => break,
        };
        let category = rec.category.clone().unwrap_or_default();
        let included = scope == Scope::AllCategories
            || include.is_empty()
            || include.iter().any(|c| c.eq_ignore_ascii_case(&category));
        if !rec.is_sentence || !included {
            report.skipped += 1;
            continue;
        }
        let mut expected: BTreeSet<Triple> = BTreeSet::new();
        let mut expected_error: Option<String> = None;
        for e in &rec.expected {
            match e {
                Expectation::Event {
                    source,
                    target,
                    code,
                } => {
                    expected.insert((source.clone(), target.clone(), code.clone()));
                }
                Expectation::NoEvents => {}
                Expectation::Error(kind) => expected_error = Some(kind.clone()),
            }
        }
        let (got_error, got): (Option<String>, BTreeSet<Triple>) = match rec.tree(file) {
            Err(d) => {
                report.parse_errors.push(d);
                (Some("bad_input_parse".into()), BTreeSet::new())
            }
            Ok(tree) => match coder.code(&tree, rec.date, &options) {
                Outcome::Events(ev) => (
                    None,
                    ev.into_iter()
                        .map(|e| (e.source, e.target, e.code))
                        .collect(),
                ),
                Outcome::Discarded(Discarded::Story(_)) => {
                    (Some("storydiscard".into()), BTreeSet::new())
                }
                Outcome::Discarded(Discarded::Sentence(_)) => {
                    (Some("sentencediscard".into()), BTreeSet::new())
                }
                Outcome::Discarded(Discarded::Dateline(_)) => {
                    (Some("dateline".into()), BTreeSet::new())
                }
            },
        };
        let passed = match &expected_error {
            Some(k) => got_error.as_deref() == Some(k.as_str()),
            None => got_error.is_none() && got == expected,
        };
        report.records.push(RecordResult {
            id: rec.id.clone(),
            category,
            expected: match &expected_error {
                Some(k) => format!("error={k}"),
                None => show(&expected),
            },
            got: match &got_error {
                Some(k) => format!("error={k}"),
                None => show(&got),
            },
            passed,
        });
    }
    report
}
