//! Verb dictionaries of both generations.
//!
//! Both share one block layout:
//!
//! ```text
//! &CURRENCY                      # synset: a name, then `+` members
//! +DOLLARS
//! +SWISS FRANCS
//!
//! --- BREAK [1717] ---           # verb group: name and default code
//! BREAK {BROKE BROKEN}           # verbs of the group, irregular forms in {…}
//! +BREAK_DOWN {+BROKE_DOWN}      # multi-word verb: `+` marks the verb word
//! - $ * &CURRENCY TO + [071]     # pattern: words before and after the verb `*`
//! ```
//!
//! **PETRARCH-1/TABARI** patterns (`PETR.Validate.verbs.txt`) are flat: words,
//! `&SYNSET`, `$` source, `+` target, `^` skip a phrase, `%` compound actor,
//! `_` joining two items that must be adjacent, and a trailing `_` marking a
//! word matched exactly (not as a stem).
//!
//! **PETRARCH2** patterns (`CAMEO.2.0.txt`) add noun-phrase groups `{…}`,
//! prepositional-phrase groups `(PREP …)` (which may hold a `{…}`),
//! alternatives `A/B`, and, after the groups, `~` transformations that
//! rewrite a pair of nested events. Codes are `[CODE]`, `[CODE:CODE]` (the
//! second applies from target to source), `[:CODE]`, or `[---]` (null).
//!
//! Everything is kept structurally: see [`Pattern`] and [`Element`].

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::diag::{read_file, Loaded, ReadError, Sink};
use crate::source::{decode, lines, offset_in, CommentStyle, Line};

/// Which program's dialect a verb file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    /// PETRARCH-1 and TABARI: flat patterns.
    Petrarch1,
    /// PETRARCH2: `{…}`/`(…)` groups and `~` transformations.
    Petrarch2,
}

impl Generation {
    /// Guesses the dialect: PETRARCH2 if any pattern line holds a `{`/`(`
    /// group or any line is a `~` transformation.
    pub fn detect(bytes: &[u8]) -> Generation {
        // Valid UTF-8 (the rule) is checked faster than it is lossily converted.
        let text = match std::str::from_utf8(bytes) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        for l in text.lines() {
            let code = l.split('#').next().unwrap_or("");
            let t = code.trim_start();
            if (t.starts_with('-') && !t.starts_with("---") && (t.contains('(') || t.contains('{')))
                || t.starts_with('~')
            {
                return Generation::Petrarch2;
            }
        }
        Generation::Petrarch1
    }
}

/// One side of a verb code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CodeValue {
    /// `---`: recognised but not coded.
    Null,
    /// A code as written (CAMEO digits in practice; the validation file
    /// deliberately uses others such as `def` or `+++`).
    Code(String),
}

impl fmt::Display for CodeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeValue::Null => f.write_str("---"),
            CodeValue::Code(c) => f.write_str(c),
        }
    }
}

/// A bracketed verb code: `[A]`, `[A:B]`, `[:B]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerbCode {
    /// The event from source to target (`None` for `[:B]`).
    pub forward: Option<CodeValue>,
    /// After the colon: the event from target back to source
    /// (`[042:043]`: a visit, and the host's hosting).
    pub reverse: Option<CodeValue>,
}

impl fmt::Display for VerbCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        if let Some(c) = &self.forward {
            write!(f, "{c}")?;
        }
        if let Some(c) = &self.reverse {
            write!(f, ":{c}")?;
        }
        f.write_str("]")
    }
}

fn parse_code(inner: &str) -> Result<VerbCode, String> {
    let t = inner.trim();
    let value = |s: &str| -> Result<Option<CodeValue>, String> {
        let s = s.trim();
        if s.is_empty() {
            Ok(None)
        } else if s == "---" {
            Ok(Some(CodeValue::Null))
        } else if s.contains(char::is_whitespace) || s.contains(['[', ']']) {
            Err(format!("malformed code `{s}`"))
        } else {
            Ok(Some(CodeValue::Code(s.to_string())))
        }
    };
    let (a, b) = match t.split_once(':') {
        Some((a, b)) => (value(a)?, value(b)?),
        None => (value(t)?, None),
    };
    if a.is_none() && b.is_none() {
        return Err(format!("expected a code in `[{t}]`"));
    }
    Ok(VerbCode {
        forward: a,
        reverse: b,
    })
}

/// A literal word in a pattern or synset.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Word {
    /// The word; several for `A/B/C` alternatives (PETRARCH2).
    pub forms: Vec<String>,
    /// Written with a trailing `_`: matched exactly, not as a stem.
    pub exact: bool,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Element {
    /// A literal word.
    Word(Word),
    /// `&NAME`: any member of a synset.
    Synset {
        /// The synset name without `&`.
        name: String,
        /// Written with a trailing `_`.
        exact: bool,
    },
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: skip the next noun phrase.
    Skip,
    /// `%`: a compound actor (both source and target in one phrase).
    Compound,
    /// `*`: the verb itself (only inside a synset member or group it would
    /// be an error; at pattern level it splits [`Pattern::pre`] from [`Pattern::post`]).
    Verb,
    /// `{…}`: the words of one noun phrase (PETRARCH2).
    NounPhrase(Vec<Part>),
    /// `(PREP …)`: a prepositional phrase; the first part is the preposition (PETRARCH2).
    PrepPhrase(Vec<Part>),
}

/// An element and how it attaches to the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Part {
    /// The element.
    pub element: Element,
    /// Joined to the previous element with `_` (they must be adjacent)
    /// rather than separated by a space (other words may intervene).
    pub joined: bool,
}

/// A verb pattern line `- PRE * POST [CODE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Elements before the verb, in order.
    pub pre: Vec<Part>,
    /// The verb `*` is joined with `_` to the last pre-verb element.
    pub verb_joined: bool,
    /// Elements after the verb; `post[0].joined` means joined to the verb.
    pub post: Vec<Part>,
    /// The code.
    pub code: VerbCode,
    /// The verbs of its group the pattern belongs to, upper-cased as
    /// written (`REQUEST`, `SET_UP`, `CARRIED_OUT`): PETRARCH2's CAMEO.2.0
    /// merges many verbs into one group and names a pattern's verb only in
    /// its trailing comment (`- * &INVESTIGATION [0214] # REQUEST`,
    /// `# CONFIRM , REAFFIRM`). Empty: every verb of the group (always so
    /// for PETRARCH-1 files, whose comments are free notes).
    pub verbs: Vec<String>,
    /// 1-based line.
    pub line: usize,
}

impl Pattern {
    /// The pattern in canonical text form (single spaces, `_` joins kept),
    /// used for duplicate detection and messages.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(64);
        write_parts(&mut s, &self.pre, false);
        if !self.pre.is_empty() {
            s.push(if self.verb_joined { '_' } else { ' ' });
        }
        s.push('*');
        write_parts(&mut s, &self.post, true);
        s
    }
}

fn write_parts(s: &mut String, parts: &[Part], after_something: bool) {
    for (i, p) in parts.iter().enumerate() {
        if i > 0 || after_something {
            s.push(if p.joined { '_' } else { ' ' });
        }
        write_element(s, &p.element);
    }
}

fn write_element(s: &mut String, e: &Element) {
    match e {
        Element::Word(w) => {
            for (i, f) in w.forms.iter().enumerate() {
                if i > 0 {
                    s.push('/');
                }
                s.push_str(f);
            }
            if w.exact {
                s.push('_');
            }
        }
        Element::Synset { name, exact } => {
            s.push('&');
            s.push_str(name);
            if *exact {
                s.push('_');
            }
        }
        Element::Source => s.push('$'),
        Element::Target => s.push('+'),
        Element::Skip => s.push('^'),
        Element::Compound => s.push('%'),
        Element::Verb => s.push('*'),
        Element::NounPhrase(p) => {
            s.push('{');
            write_parts(s, p, false);
            s.push('}');
        }
        Element::PrepPhrase(p) => {
            s.push('(');
            write_parts(s, p, false);
            s.push(')');
        }
    }
}

/// A verb phrase: `BREAK`, `+BREAK_DOWN` (verb first), `WIRE_+TAP` (verb last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPhrase {
    /// Words in order.
    pub words: Vec<String>,
    /// Index in `words` of the verb proper (the word marked `+`, else 0).
    pub head: usize,
    /// Written with a trailing `_`.
    pub exact: bool,
}

/// A verb line of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// The verb.
    pub phrase: VerbPhrase,
    /// `None`: no braces, regular forms are generated. `Some(list)`: the
    /// forms in `{…}` (an empty `{}` means none besides the base form).
    pub forms: Option<Vec<VerbPhrase>>,
    /// A code of its own (`ASK [020]`), overriding the group's.
    pub code: Option<VerbCode>,
    /// 1-based line.
    pub line: usize,
}

/// A `--- NAME [CODE] ---` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    /// The header name (`ABANDON`, `LASH OUT`, `EXPLAIN_VERBAL`).
    pub name: String,
    /// The group's default code.
    pub code: VerbCode,
    /// Further codes on the header (`--- DELAY [120] [031:031] ---`), kept
    /// but unused by PETRARCH.
    pub extra_codes: Vec<VerbCode>,
    /// Verbs; the first is PETRARCH-1's primary verb.
    pub verbs: Vec<VerbEntry>,
    /// Patterns in file order.
    pub patterns: Vec<Pattern>,
    /// 1-based line of the header.
    pub line: usize,
}

/// A synset `&NAME` with `+` members; a member is a word sequence that may
/// itself contain synset references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Name without `&` (a trailing `_` kept, as PETRARCH keys on it).
    pub name: String,
    /// Members in order.
    pub members: Vec<Vec<Part>>,
    /// 1-based line of the `&NAME` line.
    pub line: usize,
}

/// A participant slot in a transformation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A variable (`a`, `b`) binding an actor.
    Var(String),
    /// `.`: any actor, not carried to the result.
    Any,
    /// `_`: no actor in this position.
    Absent,
}

/// The verb in a transformation's inner event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InnerVerb {
    /// A verb of the dictionary (`ATTACK`), standing for its group's code.
    Verb(String),
    /// A single upper-case letter (`Q`): any code, bound for the result.
    CodeVar(String),
}

/// The code a transformation produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultCode {
    /// A literal code (`015`).
    Code(String),
    /// The code variable bound by the inner verb (`Q`).
    Var(String),
}

/// A PETRARCH2 transformation `~ a (b c VERB) OUTER = x y CODE`:
/// "a OUTERs that (b VERBs c)" becomes the event x → y with CODE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// Source of the outer verb.
    pub source: Slot,
    /// Source of the inner event.
    pub inner_source: Slot,
    /// Target of the inner event.
    pub inner_target: Slot,
    /// Inner verb.
    pub inner_verb: InnerVerb,
    /// The outer verb (`SAY`, `WANT`).
    pub outer_verb: String,
    /// Result source.
    pub result_source: Slot,
    /// Result target.
    pub result_target: Slot,
    /// Result code, or the code variable bound by the inner verb.
    pub result_code: ResultCode,
    /// 1-based line.
    pub line: usize,
}

/// A whole verb dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbDictionary {
    /// The dialect it was read as.
    pub generation: Generation,
    /// Synsets in file order (later definitions of a name follow earlier ones).
    pub synsets: Vec<Synset>,
    /// Verb groups in file order.
    pub groups: Vec<VerbGroup>,
    /// Transformations (PETRARCH2 only).
    pub transformations: Vec<Transformation>,
}

impl VerbDictionary {
    /// Reads a verb file from disk, detecting the dialect.
    pub fn read(path: &Path) -> Result<Loaded<VerbDictionary>, ReadError> {
        let bytes = read_file(path)?;
        let generation = Generation::detect(&bytes);
        Self::parse(&bytes, &path.display().to_string(), generation)
    }

    /// Reads verb-file bytes in the given dialect; `file` labels diagnostics.
    pub fn parse(
        bytes: &[u8],
        file: &str,
        generation: Generation,
    ) -> Result<Loaded<VerbDictionary>, ReadError> {
        let mut sink = Sink::new(file);
        let text = decode(bytes, &mut sink);
        let mut all = lines(&text, CommentStyle { xml_blocks: true }, &sink);
        let mut dict = VerbDictionary {
            generation,
            synsets: vec![],
            groups: vec![],
            transformations: vec![],
        };
        let mut in_synset = false;
        for line in all.by_ref() {
            let line = &line;
            if line.is_blank() {
                continue;
            }
            let body = line.content.trim();
            let at = |s: &str| Some(line.column(offset_in(&line.content, s)));
            if body.starts_with("---") {
                in_synset = false;
                if let Some(g) = parse_header(line, body, &mut sink) {
                    dict.groups.push(g);
                }
            } else if let Some(name) = body.strip_prefix('&') {
                let name = name.trim();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    sink.error(
                        line.number,
                        at(body),
                        format!("expected `&NAME` on a synset line, found `{body}`"),
                    );
                    in_synset = false;
                    continue;
                }
                dict.synsets.push(Synset {
                    name: name.to_string(),
                    members: vec![],
                    line: line.number,
                });
                in_synset = true;
            } else if in_synset && body.starts_with('+') {
                let member = &body[1..];
                if let Some(p) =
                    parse_sequence(line, member, generation, Context::Synset, &mut sink)
                {
                    if p.is_empty() {
                        sink.error(
                            line.number,
                            at(body),
                            "expected a word after `+` in a synset",
                        );
                    } else if let Some(s) = dict.synsets.last_mut() {
                        s.members.push(p);
                    }
                }
            } else if body.starts_with('~') {
                in_synset = false;
                if generation == Generation::Petrarch1 {
                    sink.error(
                        line.number,
                        at(body),
                        "`~` transformations exist only in PETRARCH2 verb files",
                    );
                    continue;
                }
                if let Some(t) = parse_transformation(line, body, &mut sink) {
                    dict.transformations.push(t);
                }
            } else if let Some(rest) = body.strip_prefix('-') {
                in_synset = false;
                let Some(group) = dict.groups.last_mut() else {
                    sink.error(
                        line.number,
                        at(body),
                        "pattern line before any `--- VERB [code] ---` header",
                    );
                    continue;
                };
                if let Some(p) = parse_pattern(line, rest, generation, &mut sink) {
                    group.patterns.push(p);
                }
            } else {
                in_synset = false;
                let Some(group) = dict.groups.last_mut() else {
                    sink.error(
                        line.number,
                        at(body),
                        format!("verb line `{body}` before any `--- VERB [code] ---` header"),
                    );
                    continue;
                };
                if let Some(v) = parse_verb_line(line, body, &mut sink) {
                    group.verbs.push(v);
                }
            }
        }
        all.finish(&mut sink);
        check(&dict, &mut sink);
        sink.finish(dict)
    }

    /// Looks up a synset by name (the last definition wins, as in PETRARCH).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets.iter().rev().find(|s| s.name == name)
    }
}

/// Duplicate and conflict report, plus references to unknown synsets.
fn check(dict: &VerbDictionary, sink: &mut Sink) {
    let mut synsets: HashMap<&str, usize> = HashMap::new();
    for s in &dict.synsets {
        if let Some(first) = synsets.insert(&s.name, s.line) {
            sink.warn(
                s.line,
                None,
                format!(
                    "synset `&{}` redefined (first at line {first}); the later definition is used",
                    s.name
                ),
            );
        }
        if s.members.is_empty() {
            sink.warn(s.line, None, format!("synset `&{}` has no members", s.name));
        }
    }
    let mut verbs: HashMap<String, (usize, &str)> = HashMap::new();
    for g in &dict.groups {
        for v in &g.verbs {
            let key = v.phrase.words.join(" ").to_uppercase();
            match verbs.get(&key) {
                Some((line, name)) if *name != g.name.as_str() => sink.warn(
                    v.line,
                    None,
                    format!("verb `{key}` is also in group `{name}` (line {line})"),
                ),
                Some((line, _)) => sink.warn(
                    v.line,
                    None,
                    format!("verb `{key}` repeats line {line} in the same group"),
                ),
                None => {
                    verbs.insert(key, (v.line, g.name.as_str()));
                }
            }
        }
        let mut seen: HashMap<String, (&VerbCode, usize)> = HashMap::new();
        for p in &g.patterns {
            let key = p.text();
            match seen.get(&key) {
                Some((code, line)) if **code != p.code => sink.warn(
                    p.line,
                    None,
                    format!(
                        "conflict: pattern `{key}` in group `{}` is {} here but {} at line {line}",
                        g.name, p.code, code
                    ),
                ),
                Some((_, line)) => sink.warn(
                    p.line,
                    None,
                    format!(
                        "duplicate pattern `{key}` in group `{}` (line {line})",
                        g.name
                    ),
                ),
                None => {
                    seen.insert(key, (&p.code, p.line));
                }
            }
            let mut refs = Vec::new();
            collect_refs(&p.pre, &mut refs);
            collect_refs(&p.post, &mut refs);
            for r in refs {
                if !synsets.contains_key(r) {
                    sink.warn(
                        p.line,
                        None,
                        format!("pattern refers to undefined synset `&{r}`"),
                    );
                }
            }
        }
    }
    for s in &dict.synsets {
        for m in &s.members {
            let mut refs = Vec::new();
            collect_refs(m, &mut refs);
            for r in refs {
                if !synsets.contains_key(r) {
                    sink.warn(
                        s.line,
                        None,
                        format!("synset `&{}` refers to undefined synset `&{r}`", s.name),
                    );
                }
            }
        }
    }
}

fn collect_refs<'a>(parts: &'a [Part], out: &mut Vec<&'a str>) {
    for p in parts {
        match &p.element {
            Element::Synset { name, .. } => out.push(name),
            Element::NounPhrase(v) | Element::PrepPhrase(v) => collect_refs(v, out),
            _ => {}
        }
    }
}

/// `--- NAME [CODE] [CODE]… ---`; tolerant of `[110]---` and of a comment
/// having eaten the closing dashes.
fn parse_header(line: &Line<'_>, body: &str, sink: &mut Sink) -> Option<VerbGroup> {
    let col = |s: &str| Some(line.column(offset_in(&line.content, s)));
    let inner = body.trim_start_matches('-');
    let inner = inner.trim_end().trim_end_matches('-').trim_end();
    let Some(open) = inner.find('[') else {
        sink.error(
            line.number,
            col(body),
            "expected `--- NAME [CODE] ---`: no [CODE] in the header",
        );
        return None;
    };
    let name = inner[..open].trim();
    if name.is_empty() {
        sink.error(
            line.number,
            col(body),
            "expected a verb-group name after `---`",
        );
        return None;
    }
    let mut codes = Vec::new();
    let mut rest = &inner[open..];
    loop {
        rest = rest.trim_start().trim_start_matches('-').trim_start();
        if rest.is_empty() {
            break;
        }
        if !rest.starts_with('[') {
            sink.error(
                line.number,
                col(rest),
                format!("unexpected `{rest}` in the verb-group header"),
            );
            return None;
        }
        let Some(close) = rest.find(']') else {
            sink.error(
                line.number,
                col(rest),
                "expected `]` to close the group code",
            );
            return None;
        };
        match parse_code(&rest[1..close]) {
            Ok(c) => codes.push(c),
            Err(m) => {
                sink.error(line.number, col(rest), m);
                return None;
            }
        }
        rest = &rest[close + 1..];
    }
    let mut codes = codes.into_iter();
    let code = codes.next()?;
    let extra_codes: Vec<VerbCode> = codes.collect();
    if !extra_codes.is_empty() {
        sink.warn(
            line.number,
            col(body),
            "group header has more than one code; the first is the group's code",
        );
    }
    Some(VerbGroup {
        name: name.to_string(),
        code,
        extra_codes,
        verbs: vec![],
        patterns: vec![],
        line: line.number,
    })
}

fn parse_verb_phrase(text: &str) -> Result<(VerbPhrase, bool), String> {
    let t = text.trim();
    let exact = t.ends_with('_');
    let mut words = Vec::new();
    let mut head = None;
    for w in t
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if let Some(v) = w.strip_prefix('+') {
            if head.is_some() {
                return Err(format!(
                    "verb phrase `{t}` marks more than one word with `+`"
                ));
            }
            if v.is_empty() {
                return Err(format!("`+` without a word in verb phrase `{t}`"));
            }
            head = Some(words.len());
            words.push(v.to_string());
        } else {
            words.push(w.to_string());
        }
    }
    if words.is_empty() {
        return Err("expected a verb".into());
    }
    let unmarked_multi = head.is_none() && words.len() > 1;
    Ok((
        VerbPhrase {
            words,
            head: head.unwrap_or(0),
            exact,
        },
        unmarked_multi,
    ))
}

/// `VERB`, `VERB {FORMS}`, `VERB [CODE]`, `VERB {FORMS} [CODE]`, with a
/// TABARI `;comment` allowed after the forms.
fn parse_verb_line(line: &Line<'_>, body: &str, sink: &mut Sink) -> Option<VerbEntry> {
    let col = |s: &str| Some(line.column(offset_in(&line.content, s)));
    let mut rest = body;
    // A TABARI-style `;` comment (two CAMEO.2.0 lines have `};shan …`).
    if let Some(semi) = rest.find(';') {
        rest = rest[..semi].trim_end();
    }
    let code_at = rest.find('[');
    let brace_at = rest.find('{');
    let phrase_end = [code_at, brace_at]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let phrase_text = &rest[..phrase_end];
    let (phrase, unmarked) = match parse_verb_phrase(phrase_text) {
        Ok(p) => p,
        Err(m) => {
            sink.error(line.number, col(body), m);
            return None;
        }
    };
    if unmarked {
        sink.warn(
            line.number,
            col(body),
            format!(
                "multi-word verb `{}` has no `+` marking the verb; the first word is taken",
                phrase_text.trim()
            ),
        );
    }
    let mut after = &rest[phrase_end..];
    let mut forms = None;
    if after.starts_with('{') {
        let Some(close) = after.find('}') else {
            sink.error(
                line.number,
                col(after),
                "expected `}` to close the verb forms",
            );
            return None;
        };
        let mut list = Vec::new();
        for f in after[1..close]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|f| !f.is_empty())
        {
            match parse_verb_phrase(f) {
                Ok((p, _)) => list.push(p),
                Err(m) => {
                    sink.error(line.number, col(f), m);
                    return None;
                }
            }
        }
        forms = Some(list);
        after = after[close + 1..].trim_start();
    }
    let mut code = None;
    if after.starts_with('[') {
        let Some(close) = after.find(']') else {
            sink.error(
                line.number,
                col(after),
                "expected `]` to close the verb code",
            );
            return None;
        };
        match parse_code(&after[1..close]) {
            Ok(c) => code = Some(c),
            Err(m) => {
                sink.error(line.number, col(after), m);
                return None;
            }
        }
        after = after[close + 1..].trim_start();
    }
    if !after.is_empty() {
        sink.error(
            line.number,
            col(after),
            format!("unexpected `{after}` after the verb"),
        );
        return None;
    }
    Some(VerbEntry {
        phrase,
        forms,
        code,
        line: line.number,
    })
}

/// `- PRE * POST [CODE]` (the leading `-` already removed).
fn parse_pattern(
    line: &Line<'_>,
    rest: &str,
    generation: Generation,
    sink: &mut Sink,
) -> Option<Pattern> {
    let rest = rest.trim_start();
    let col = |s: &str| Some(line.column(offset_in(&line.content, s)));
    let Some(open) = rest.rfind('[') else {
        sink.error(
            line.number,
            col(rest),
            "expected `[CODE]` at the end of the pattern",
        );
        return None;
    };
    let Some(close) = rest[open..].find(']').map(|c| c + open) else {
        sink.error(
            line.number,
            col(&rest[open..]),
            "expected `]` to close the pattern code",
        );
        return None;
    };
    let trailing = rest[close + 1..].trim();
    if !trailing.is_empty() {
        sink.error(
            line.number,
            col(trailing),
            format!("unexpected `{trailing}` after the pattern code"),
        );
        return None;
    }
    let code = match parse_code(&rest[open + 1..close]) {
        Ok(c) => c,
        Err(m) => {
            sink.error(line.number, col(&rest[open..]), m);
            return None;
        }
    };
    let body = &rest[..open];
    let parts = match sequence(body, generation, Context::Pattern) {
        Ok((parts, notes)) => {
            let base = offset_in(&line.content, body);
            for (off, msg) in notes {
                sink.warn(line.number, Some(line.column(base + off)), msg);
            }
            parts
        }
        Err(_) => {
            // The files align codes in a column; two CAMEO.2.0 lines have a
            // stray copy of the pattern's end (`VISIT)`) in that padding. When
            // the part before the padding parses, it is the pattern and the
            // rest is reported; otherwise the whole text's error stands.
            let head = body.trim_end().rfind("   ").map(|gap| &body[..gap]);
            match head.filter(|h| sequence(h, generation, Context::Pattern).is_ok()) {
                Some(head) => {
                    let junk = body[head.len()..].trim();
                    sink.warn(
                        line.number,
                        col(junk),
                        format!("stray `{junk}` before the code ignored"),
                    );
                    parse_sequence(line, head, generation, Context::Pattern, sink)?
                }
                None => parse_sequence(line, body, generation, Context::Pattern, sink)?,
            }
        }
    };
    let mut stars = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.element == Element::Verb)
        .map(|(i, _)| i);
    let star = match (stars.next(), stars.next()) {
        (Some(i), None) => i,
        (None, _) => {
            sink.error(
                line.number,
                col(body),
                "expected `*` (the verb's place) in the pattern",
            );
            return None;
        }
        (Some(_), Some(_)) => {
            sink.error(line.number, col(body), "more than one `*` in the pattern");
            return None;
        }
    };
    let mut parts = parts;
    let post = parts.split_off(star + 1);
    let verb = parts.pop()?;
    // `parts` was sized for the whole pattern; the part before the verb is
    // usually empty or short, and thousands of patterns stay in memory.
    parts.shrink_to_fit();
    let verbs = match generation {
        Generation::Petrarch2 => comment_verbs(line),
        Generation::Petrarch1 => Vec::new(),
    };
    Some(Pattern {
        pre: parts,
        verb_joined: verb.joined,
        post,
        code,
        verbs,
        line: line.number,
    })
}

/// The verbs named by a pattern line's trailing comment (`# SEND , DEPLOY`):
/// the comment's text up to any further `#`, split at commas, when every
/// piece is one upper-case verb word (letters, `_` joining a multi-word
/// verb, `-`). Anything else (`# pas 2 May 2005`, an empty `#`) is a free
/// note and names no verb.
fn comment_verbs(line: &Line<'_>) -> Vec<String> {
    // Comment text was blanked to spaces in `content`, byte for byte: the
    // comment is what `raw` holds after the content's last visible byte.
    let end = line.content.trim_end().len();
    let Some(comment) = line.raw.get(end..) else {
        return Vec::new();
    };
    let Some(text) = comment.trim_start().strip_prefix('#') else {
        return Vec::new();
    };
    let text = text.split('#').next().unwrap_or("");
    let is_verb = |v: &str| {
        v.starts_with(|c: char| c.is_ascii_uppercase())
            && v.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c == '-')
    };
    // Checked before anything is copied, so a free note allocates nothing.
    if text.split(',').map(str::trim).all(is_verb) {
        text.split(',').map(|v| v.trim().to_string()).collect()
    } else {
        Vec::new()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Pattern,
    Synset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Atom(&'a str),
    Open(char),
    Close(char),
    Join,
    Space,
}

fn tokenize(s: &str) -> Vec<(usize, Tok<'_>)> {
    // A token takes at least one character; patterns average about one
    // token per three, so this rarely grows and never by much.
    let mut out = Vec::with_capacity(s.len() / 3 + 4);
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let special = c.is_whitespace() || matches!(c, '(' | ')' | '{' | '}' | '_');
        if !special {
            start.get_or_insert(i);
            continue;
        }
        if let Some(a) = start.take() {
            out.push((a, Tok::Atom(&s[a..i])));
        }
        let t = match c {
            '(' | '{' => Tok::Open(c),
            ')' | '}' => Tok::Close(c),
            '_' => Tok::Join,
            _ => Tok::Space,
        };
        // Runs of blanks are one separator.
        if t == Tok::Space && matches!(out.last(), Some((_, Tok::Space))) {
            continue;
        }
        out.push((i, t));
    }
    if let Some(a) = start {
        out.push((a, Tok::Atom(&s[a..])));
    }
    out
}

/// Parses a sequence of pattern elements (a pattern body or a synset
/// member), reporting errors and warnings at their columns.
fn parse_sequence(
    line: &Line<'_>,
    text: &str,
    generation: Generation,
    ctx: Context,
    sink: &mut Sink,
) -> Option<Vec<Part>> {
    let base = offset_in(&line.content, text);
    match sequence(text, generation, ctx) {
        Ok((parts, notes)) => {
            for (off, msg) in notes {
                sink.warn(line.number, Some(line.column(base + off)), msg);
            }
            Some(parts)
        }
        Err((off, msg)) => {
            sink.error(line.number, Some(line.column(base + off)), msg);
            None
        }
    }
}

type Notes = Vec<(usize, String)>;

fn sequence(
    text: &str,
    generation: Generation,
    ctx: Context,
) -> Result<(Vec<Part>, Notes), (usize, String)> {
    let toks = tokenize(text);
    let mut pos = 0;
    let mut notes = Vec::new();
    let parts = parse_parts(&toks, &mut pos, None, generation, ctx, 0, &mut notes)?;
    Ok((parts, notes))
}

/// Groups nest at most twice in the real files; deeper input is refused so a
/// hostile file cannot exhaust the stack.
const MAX_GROUP_DEPTH: usize = 8;

fn parse_parts(
    toks: &[(usize, Tok<'_>)],
    pos: &mut usize,
    closer: Option<(char, usize)>,
    generation: Generation,
    ctx: Context,
    depth: usize,
    notes: &mut Notes,
) -> Result<Vec<Part>, (usize, String)> {
    let mut parts: Vec<Part> = Vec::new();
    let mut pending_join = false;
    let mut last_end = 0usize;
    while *pos < toks.len() {
        let (off, tok) = toks[*pos];
        *pos += 1;
        match tok {
            Tok::Space => {
                if pending_join {
                    // `WORD_ ` : a trailing `_` marks the previous word exact.
                    mark_exact(&mut parts, off)?;
                    pending_join = false;
                }
            }
            Tok::Join => {
                if pending_join {
                    return Err((off, "`__`: expected a word between two `_`".into()));
                }
                if parts.is_empty() {
                    return Err((off, "`_` must follow a word".into()));
                }
                pending_join = true;
            }
            Tok::Close(c) => {
                if pending_join {
                    mark_exact(&mut parts, off)?;
                }
                return match closer {
                    Some((want, _)) if want == c => Ok(parts),
                    Some((want, _)) => Err((off, format!("expected `{want}` but found `{c}`"))),
                    None => Err((off, format!("`{c}` without a matching opening bracket"))),
                };
            }
            Tok::Open(c) => {
                if generation == Generation::Petrarch1 {
                    return Err((
                        off,
                        format!("`{c}` groups exist only in PETRARCH2 patterns"),
                    ));
                }
                if ctx == Context::Synset {
                    return Err((
                        off,
                        format!("`{c}` groups are not allowed in synset members"),
                    ));
                }
                if depth >= MAX_GROUP_DEPTH {
                    return Err((off, "groups nested too deeply".into()));
                }
                let want = if c == '(' { ')' } else { '}' };
                let inner = parse_parts(
                    toks,
                    pos,
                    Some((want, off)),
                    generation,
                    ctx,
                    depth + 1,
                    notes,
                )?;
                if inner.is_empty() && c == '{' {
                    return Err((off, "empty `{}` group in a pattern".into()));
                }
                if inner.iter().any(|p| p.element == Element::Verb) {
                    return Err((off, "`*` inside a group".into()));
                }
                let element = if c == '(' {
                    Element::PrepPhrase(inner)
                } else {
                    Element::NounPhrase(inner)
                };
                parts.push(Part {
                    element,
                    joined: pending_join,
                });
                pending_join = false;
            }
            Tok::Atom(a) if a.len() > 1 && a.starts_with('*') && ctx == Context::Pattern => {
                // `*SCEPTICAL` (CAMEO.2.0 line 1735): a lost space after the verb.
                notes.push((off, format!("`{a}` read as `* {}`", &a[1..])));
                parts.push(Part {
                    element: Element::Verb,
                    joined: pending_join,
                });
                parts.push(Part {
                    element: atom(&a[1..]).map_err(|m| (off + 1, m))?,
                    joined: false,
                });
                pending_join = false;
                last_end = off + a.len();
            }
            Tok::Atom(a) => {
                let element = atom(a).map_err(|m| (off, m))?;
                if ctx == Context::Synset && element == Element::Verb {
                    return Err((off, "`*` is not allowed in a synset member".into()));
                }
                parts.push(Part {
                    element,
                    joined: pending_join,
                });
                pending_join = false;
                last_end = off + a.len();
            }
        }
    }
    if pending_join {
        mark_exact(&mut parts, last_end)?;
    }
    match closer {
        Some((c, open)) => Err((
            open,
            format!("this group is never closed: expected `{c}` before the end of the pattern"),
        )),
        None => Ok(parts),
    }
}

fn mark_exact(parts: &mut [Part], off: usize) -> Result<(), (usize, String)> {
    match parts.last_mut().map(|p| &mut p.element) {
        Some(Element::Word(w)) => {
            w.exact = true;
            Ok(())
        }
        Some(Element::Synset { exact, .. }) => {
            *exact = true;
            Ok(())
        }
        // `+_`, `*_ `: the joiner leads nowhere; PETRARCH ignores it.
        Some(_) => Ok(()),
        None => Err((off, "`_` must follow a word".into())),
    }
}

fn atom(a: &str) -> Result<Element, String> {
    Ok(match a {
        "*" => Element::Verb,
        "$" => Element::Source,
        "+" => Element::Target,
        "^" => Element::Skip,
        "%" => Element::Compound,
        _ => {
            if let Some(name) = a.strip_prefix('&') {
                if name.is_empty() {
                    return Err("expected a synset name after `&`".into());
                }
                Element::Synset {
                    name: name.to_string(),
                    exact: false,
                }
            } else {
                // Sized exactly: almost every word has a single form.
                let mut forms = Vec::with_capacity(a.matches('/').count() + 1);
                forms.extend(a.split('/').map(str::to_string));
                if forms.iter().any(String::is_empty) {
                    return Err(format!("empty alternative in `{a}`"));
                }
                if a.contains(['*', '$', '[', ']']) {
                    return Err(format!("unexpected character in word `{a}`"));
                }
                Element::Word(Word {
                    forms,
                    exact: false,
                })
            }
        }
    })
}

/// `~ a (b c VERB) OUTER = x y CODE`.
fn parse_transformation(line: &Line<'_>, body: &str, sink: &mut Sink) -> Option<Transformation> {
    let col = Some(line.column(offset_in(&line.content, body)));
    let err = |sink: &mut Sink, m: String| {
        sink.error(
            line.number,
            col,
            format!("transformation: {m}; expected `~ a (b c VERB) OUTER = x y CODE`"),
        );
        None
    };
    let t = body[1..].replace('(', " ( ").replace(')', " ) ");
    let toks: Vec<&str> = t.split_whitespace().collect();
    let Some(eq) = toks.iter().position(|&x| x == "=") else {
        return err(sink, "no `=`".into());
    };
    let (lhs, rhs) = (&toks[..eq], &toks[eq + 1..]);
    if lhs.len() != 7 || lhs[1] != "(" || lhs[5] != ")" {
        return err(
            sink,
            format!("left side `{}` is not `a (b c VERB) OUTER`", lhs.join(" ")),
        );
    }
    if rhs.len() != 3 {
        return err(
            sink,
            format!("right side `{}` is not `x y CODE`", rhs.join(" ")),
        );
    }
    let slot = |s: &str| -> Result<Slot, String> {
        match s {
            "." => Ok(Slot::Any),
            "_" => Ok(Slot::Absent),
            v if !v.is_empty() && v.chars().all(|c| c.is_ascii_lowercase()) => {
                Ok(Slot::Var(v.to_string()))
            }
            v => Err(format!(
                "`{v}` is not a slot (a lower-case variable, `.` or `_`)"
            )),
        }
    };
    let verbish = |s: &str| -> InnerVerb {
        if s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase()) {
            InnerVerb::CodeVar(s.to_string())
        } else {
            InnerVerb::Verb(s.to_string())
        }
    };
    let slots = (
        slot(lhs[0]),
        slot(lhs[2]),
        slot(lhs[3]),
        slot(rhs[0]),
        slot(rhs[1]),
    );
    let (Ok(source), Ok(inner_source), Ok(inner_target), Ok(result_source), Ok(result_target)) =
        slots
    else {
        let e = [
            slot(lhs[0]),
            slot(lhs[2]),
            slot(lhs[3]),
            slot(rhs[0]),
            slot(rhs[1]),
        ]
        .into_iter()
        .find_map(Result::err)
        .unwrap_or_default();
        return err(sink, e);
    };
    let result_code = match verbish(rhs[2]) {
        InnerVerb::Verb(c) => ResultCode::Code(c),
        InnerVerb::CodeVar(v) => ResultCode::Var(v),
    };
    if let ResultCode::Var(v) = &result_code {
        if verbish(lhs[4]) != InnerVerb::CodeVar(v.clone()) {
            return err(
                sink,
                format!("result code variable `{v}` is not bound by the inner verb"),
            );
        }
    }
    Some(Transformation {
        source,
        inner_source,
        inner_target,
        inner_verb: verbish(lhs[4]),
        outer_verb: lhs[6].to_string(),
        result_source,
        result_target,
        result_code,
        line: line.number,
    })
}
