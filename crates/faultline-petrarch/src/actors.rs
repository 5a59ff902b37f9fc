//! Actor dictionaries (`PETR.Validate.actors.txt`, `Phoenix.*.actors.txt`).
//!
//! An entry is a primary name line, optional `+` synonym lines and its codes:
//!
//! ```text
//! GOLLUM  # pas 27 Apr 03
//! +SMEAGOL
//!     [HOB < 950601]
//!     [HOBGOV 19950601 - 19990815]
//! UNITED_STATES  [USA]
//! ABN_AMRO_  [NLDGOVBUS >081004][MNCNLD]   # several codes on one line
//! ```
//!
//! Codes may follow the name on its line or stand on indented lines below it
//! (TABARI's continuation style); each `[…]` block is one code with an
//! optional date restriction. `[---]` is the null code.

use std::path::Path;

use crate::date::{parse_date, DateRestriction};
use crate::diag::{read_file, Loaded, ReadError, Sink};
use crate::source::{decode, lines, offset_in, phrase_words, CommentStyle, Line};

/// An actor name: its words (split at `_` and spaces) and TABARI's stop marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorName {
    /// Words in order, as written (case kept).
    pub words: Vec<String>,
    /// The name ended in `_`: its last word matches only as written, not as a stem.
    pub exact: bool,
    /// Bit `i` is set when words `i` and `i + 1` are separated by white
    /// space only, not `_`: TABARI's "disconnected" phrase, where other
    /// words may stand between them (`ITHILEN TELEVISION` for `Ithilen
    /// state-run television`); `_` joins words that must be adjacent.
    /// Gaps past the 64th word count as joined.
    pub spaced: u64,
    /// 1-based line of the name.
    pub line: usize,
}

/// One `[CODE restriction]` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorCode {
    /// The code as written (`USA`, `IGOUNO`, `ELR/GAL`, `---` for null).
    pub code: String,
    /// When the code applies.
    pub restriction: DateRestriction,
    /// 1-based line of the block.
    pub line: usize,
}

impl ActorCode {
    /// True for `---`, PETRARCH's "recognised but not coded" code.
    pub fn is_null(&self) -> bool {
        self.code == "---"
    }
}

/// A dictionary entry: the primary name first, then synonyms, and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `names[0]` is the primary name; the rest are `+` synonyms.
    pub names: Vec<ActorName>,
    /// Codes in file order (an undated code is the default).
    pub codes: Vec<ActorCode>,
    /// 1-based line of the primary name.
    pub line: usize,
}

/// All entries of one actor file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorDictionary {
    /// Entries in file order.
    pub actors: Vec<Actor>,
}

impl ActorDictionary {
    /// Reads an actor file from disk; `file` in messages is the path.
    pub fn read(path: &Path) -> Result<Loaded<ActorDictionary>, ReadError> {
        let bytes = read_file(path)?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// Reads actor-file bytes; `file` labels the diagnostics.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Loaded<ActorDictionary>, ReadError> {
        let mut sink = Sink::new(file);
        let text = decode(bytes, &mut sink);
        let mut all = lines(&text, CommentStyle { xml_blocks: true }, &sink);
        let mut dict = ActorDictionary::default();
        // The entry being read. Its names and codes are gathered in these
        // reused buffers and copied out at exactly their size when the
        // entry ends (most entries have one or two of each; growing a
        // vector per entry would reserve four).
        let mut current = Actor {
            names: Vec::new(),
            codes: Vec::new(),
            line: 0,
        };
        // Whether `current` holds an entry (if not, its buffers are empty).
        let mut open = false;
        for line in all.by_ref() {
            let line = &line;
            if line.is_blank() {
                continue;
            }
            let content: &str = &line.content;
            let indented = content.starts_with([' ', '\t']);
            let body = content.trim_start();
            if body.starts_with('[') {
                // A code line under the current entry.
                match open.then_some(&mut current) {
                    Some(actor) => parse_codes(line, body, &mut actor.codes, &mut sink),
                    None => sink.error(
                        line.number,
                        Some(line.column(offset_in(&line.content, body))),
                        "code line with no actor name before it",
                    ),
                }
                continue;
            }
            if let Some(rest) = body.strip_prefix('+') {
                let Some(actor) = open.then_some(&mut current) else {
                    sink.error(
                        line.number,
                        Some(line.column(offset_in(&line.content, body))),
                        "synonym `+` line with no actor name before it",
                    );
                    continue;
                };
                let (names, codes) = split_names_and_codes(rest);
                // Several `+NAME` on one line are several synonyms.
                for part in names.split(" +").flat_map(|p| p.split("\t+")) {
                    add_name(line, part, &mut actor.names, &mut sink);
                }
                if let Some(codes) = codes {
                    parse_codes(line, codes, &mut actor.codes, &mut sink);
                }
                continue;
            }
            // A new entry.
            if indented {
                sink.warn(
                    line.number,
                    Some(line.column(offset_in(&line.content, body))),
                    "indented line read as a new actor name",
                );
            }
            let (names, codes) = split_names_and_codes(body);
            // PETRARCH stores an entry only once it has codes: a name line
            // with none joins the next entry (the Phoenix files list a
            // person's name variants this way, then the shared codes).
            if let Some(actor) = open.then_some(&mut current).filter(|a| a.codes.is_empty()) {
                let last = actor
                    .names
                    .last()
                    .map(|n| n.words.join("_"))
                    .unwrap_or_default();
                sink.warn(
                    line.number,
                    Some(line.column(offset_in(&line.content, body))),
                    format!(
                        "`{last}` (line {}) has no codes of its own; it shares this entry's codes",
                        actor.names.last().map_or(0, |n| n.line)
                    ),
                );
                add_name(line, names, &mut actor.names, &mut sink);
                if let Some(codes) = codes {
                    parse_codes(line, codes, &mut actor.codes, &mut sink);
                }
                continue;
            }
            if open {
                finish(&mut current, &mut dict, &mut sink);
                open = false;
            }
            current.line = line.number;
            add_name(line, names, &mut current.names, &mut sink);
            if current.names.is_empty() {
                continue;
            }
            if let Some(codes) = codes {
                parse_codes(line, codes, &mut current.codes, &mut sink);
            }
            open = true;
        }
        all.finish(&mut sink);
        if open {
            finish(&mut current, &mut dict, &mut sink);
        }
        // Up to half the vector is spare room from doubling; the entries are
        // kept for the life of the coder.
        dict.actors.shrink_to_fit();
        sink.finish(dict)
    }
}

/// Stores the entry built in `actor`, leaving its buffers empty.
fn finish(actor: &mut Actor, dict: &mut ActorDictionary, sink: &mut Sink) {
    if actor.codes.is_empty() {
        let name = actor.names.first().map(|n| n.words.join("_"));
        sink.warn(
            actor.line,
            None,
            format!("actor `{}` has no code", name.unwrap_or_default()),
        );
    }
    // `Vec` from a drain allocates exactly the drained length.
    dict.actors.push(Actor {
        names: actor.names.drain(..).collect(),
        codes: actor.codes.drain(..).collect(),
        line: actor.line,
    });
}

/// The [`ActorName::spaced`] bits of a name's text: one per gap between
/// words, set when the gap holds no `_` (the words are split as
/// [`phrase_words`] splits them).
fn spaced_gaps(text: &str) -> u64 {
    let t = text.trim();
    let mut bits = 0u64;
    let mut gap = 0u32; // index of the next gap
    let mut in_sep = false;
    let mut underscore = false;
    let mut seen_word = false;
    for c in t.chars() {
        let sep = c == '_' || c.is_whitespace();
        if sep {
            if seen_word && !in_sep {
                in_sep = true;
                underscore = false;
            }
            underscore |= c == '_';
        } else {
            if in_sep {
                if !underscore && gap < 64 {
                    bits |= 1 << gap;
                }
                gap += 1;
                in_sep = false;
            }
            seen_word = true;
        }
    }
    bits
}

/// Splits `NAME [CODE]…` at the first `[`.
fn split_names_and_codes(s: &str) -> (&str, Option<&str>) {
    match s.find('[') {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    }
}

fn add_name(line: &Line<'_>, text: &str, names: &mut Vec<ActorName>, sink: &mut Sink) {
    // Only needed for a message; counting characters for every name is not free.
    let col = || Some(line.column(offset_in(&line.content, text)));
    let text = text.trim().trim_start_matches('+');
    let (words, exact) = phrase_words(text);
    if words.is_empty() {
        sink.error(line.number, col(), "expected an actor name");
        return;
    }
    if text.contains(']') {
        sink.warn(
            line.number,
            col(),
            "stray `]` inside a name is kept as part of the word",
        );
    }
    names.push(ActorName {
        spaced: spaced_gaps(text),
        words,
        exact,
        line: line.number,
    });
}

/// Parses one or more `[CODE restriction]` blocks; text after the last block
/// that is not a comment is kept out with a warning (the International file
/// has company revenue figures there).
pub(crate) fn parse_codes(line: &Line<'_>, s: &str, codes: &mut Vec<ActorCode>, sink: &mut Sink) {
    let mut rest = s;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return;
        }
        let at = offset_in(&line.content, rest);
        if !rest.starts_with('[') {
            sink.warn(
                line.number,
                Some(line.column(at)),
                format!("text after the codes ignored: `{}`", rest.trim()),
            );
            return;
        }
        let Some(close) = rest.find(']') else {
            sink.error(
                line.number,
                Some(line.column(at)),
                "expected `]` to close the code block",
            );
            return;
        };
        let inner = &rest[1..close];
        match parse_code_block(inner) {
            Ok((code, restriction, note)) => {
                if let Some(note) = note {
                    sink.warn(line.number, Some(line.column(at + 1)), note);
                }
                codes.push(ActorCode {
                    code,
                    restriction,
                    line: line.number,
                });
            }
            Err(msg) => sink.error(line.number, Some(line.column(at + 1)), msg),
        }
        rest = &rest[close + 1..];
    }
}

/// `CODE`, `CODE <D`, `CODE >D`, `CODE D1-D2` (spaces allowed around the
/// operators), `CODE D` (unmarked, with a note).
fn parse_code_block(inner: &str) -> Result<(String, DateRestriction, Option<String>), String> {
    let t = inner.trim();
    if t.is_empty() {
        return Err("empty code block `[]`: expected [CODE] or [CODE date]".into());
    }
    let end = t
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(t.len());
    let code = &t[..end];
    if code.is_empty() {
        return Err(format!("expected a code before the date in `[{t}]`"));
    }
    let spec = t[end..].trim();
    let mut notes: Vec<String> = Vec::new();
    let mut date = |s: &str| -> Result<crate::date::PetrDate, String> {
        let p = parse_date(s)?;
        if let Some(n) = p.note {
            notes.push(n);
        }
        Ok(p.date)
    };
    let restriction = if spec.is_empty() {
        DateRestriction::Always
    } else if let Some(d) = spec.strip_prefix('<') {
        DateRestriction::Before(date(d)?)
    } else if let Some(d) = spec.strip_prefix('>') {
        DateRestriction::After(date(d)?)
    } else if let Some((a, b)) = spec.split_once('-') {
        let (a, b) = (date(a)?, date(b)?);
        if b < a {
            notes.push(format!("date range `{spec}` ends before it starts"));
        }
        DateRestriction::Between(a, b)
    } else {
        let d = date(spec)?;
        notes.push(format!(
            "date `{spec}` has no `<`, `>` or range; kept as an unmarked date"
        ));
        DateRestriction::Unmarked(d)
    };
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    Ok((code.to_string(), restriction, note))
}

#[cfg(test)]
mod tests {
    #[test]
    fn spaced_gaps_mark_disconnected_words() {
        use super::spaced_gaps;
        assert_eq!(spaced_gaps("ITHILEN TELEVISION"), 0b1);
        assert_eq!(spaced_gaps("ITHILEN_GOVERNMENT_RADIO_"), 0);
        assert_eq!(spaced_gaps("RADAGAST THE_BROWN"), 0b01);
        assert_eq!(spaced_gaps("VIRGILIO_ FONTES_PEREIRA_"), 0);
        assert_eq!(spaced_gaps("  PRINCE OF  DOL_AMROTH "), 0b011);
        assert_eq!(spaced_gaps("GONDOR"), 0);
    }

    use super::*;
    use crate::date::PetrDate;

    fn d(y: u16, m: u8, day: u8) -> PetrDate {
        PetrDate {
            year: y,
            month: m,
            day,
        }
    }

    #[test]
    fn code_blocks() {
        let (c, r, n) = parse_code_block("HOB < 950601").unwrap();
        assert_eq!(
            (c.as_str(), r, n),
            ("HOB", DateRestriction::Before(d(1995, 6, 1)), None)
        );
        let (_, r, _) = parse_code_block("HOBGOV 19950601 - 19990815").unwrap();
        assert_eq!(r, DateRestriction::Between(d(1995, 6, 1), d(1999, 8, 15)));
        let (_, r, _) = parse_code_block("AFGELI 730717-070723").unwrap();
        assert_eq!(r, DateRestriction::Between(d(1973, 7, 17), d(2007, 7, 23)));
        let (c, r, _) = parse_code_block("--- <950630").unwrap();
        assert_eq!(
            (c.as_str(), r),
            ("---", DateRestriction::Before(d(1995, 6, 30)))
        );
        let (_, r, n) = parse_code_block("MNEGOV 20121204").unwrap();
        assert_eq!(r, DateRestriction::Unmarked(d(2012, 12, 4)));
        assert!(n.unwrap().contains("unmarked"));
        assert!(parse_code_block("").is_err());
        assert!(parse_code_block("ABC >2010x")
            .unwrap_err()
            .contains("expected a date"));
        assert!(parse_code_block("ABC 20101301")
            .unwrap_err()
            .contains("month 13"));
    }
}
