//! Issue coding (`Phoenix.IssueCoding.txt`, PETRARCH2): `<ISSUE CATEGORY=…
//! TYPE=…>` sections holding `phrase [CODE]` lines and `~phrase` exclusions.
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:preschool [EARLY_CHILDHOOD_EDUCATION]    # n: noun, v: verb
//! pre+k [EARLY_CHILDHOOD_EDUCATION]          # + joins without a space (pre-k, prek)
//! ~financial literacy                        # this phrase cancels the issue
//! ~~emacs code browser                       # acronym-expansion exclusion
//! </ISSUE>
//! ```

use std::path::Path;

use crate::diag::{read_file, Loaded, ReadError, Sink};
use crate::source::{decode, lines, offset_in, CommentStyle, Line};

/// Part of speech required of a word (`n:` / `v:` prefixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfSpeech {
    /// No prefix: any.
    Any,
    /// `n:` a noun (plural forms match).
    Noun,
    /// `v:` a verb (inflected forms match).
    Verb,
}

/// One word of an issue phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueWord {
    /// Text as written.
    pub text: String,
    /// Required part of speech.
    pub pos: PartOfSpeech,
    /// The word was joined to the previous one with `+` (hyphenated or closed compound).
    pub joined: bool,
}

/// A phrase line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuePhrase {
    /// Words in order.
    pub words: Vec<IssueWord>,
    /// `[CODE]`; `None` when the line has no code (the section's category applies).
    pub code: Option<String>,
    /// 1-based line.
    pub line: usize,
}

/// How strongly an exclusion is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExclusionKind {
    /// `~phrase`: a phrase that contains the issue word but is not the issue.
    Phrase,
    /// `~~phrase`: an expansion of an acronym the section matches (ECB vs. "emacs code browser").
    Acronym,
}

/// An exclusion line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueExclusion {
    /// Words in order.
    pub words: Vec<IssueWord>,
    /// `~` or `~~`.
    pub kind: ExclusionKind,
    /// 1-based line.
    pub line: usize,
}

/// One `<ISSUE>` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSection {
    /// `CATEGORY` attribute.
    pub category: String,
    /// `TYPE` attribute (`ALL`, `COUNTEVENT`).
    pub kind: String,
    /// Phrase lines.
    pub phrases: Vec<IssuePhrase>,
    /// Exclusion lines.
    pub exclusions: Vec<IssueExclusion>,
    /// 1-based line of the opening tag.
    pub line: usize,
}

/// A whole issues file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDictionary {
    /// Sections in file order.
    pub sections: Vec<IssueSection>,
}

impl IssueDictionary {
    /// Reads an issues file from disk.
    pub fn read(path: &Path) -> Result<Loaded<IssueDictionary>, ReadError> {
        let bytes = read_file(path)?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// Reads issues-file bytes; `file` labels the diagnostics.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Loaded<IssueDictionary>, ReadError> {
        let mut sink = Sink::new(file);
        let text = decode(bytes, &mut sink);
        let mut all = lines(&text, CommentStyle { xml_blocks: true }, &sink);
        let mut dict = IssueDictionary::default();
        let mut open = false;
        for line in all.by_ref() {
            let line = &line;
            if line.is_blank() {
                continue;
            }
            let body = line.content.trim();
            let col = || Some(line.column(offset_in(&line.content, body)));
            if body.eq_ignore_ascii_case("</ISSUE>") {
                if !open {
                    sink.warn(line.number, col(), "`</ISSUE>` with no open section");
                }
                open = false;
                continue;
            }
            if body
                .get(..6)
                .is_some_and(|p| p.eq_ignore_ascii_case("<ISSUE"))
            {
                if open {
                    let prev = dict
                        .sections
                        .last()
                        .map(|s| s.category.clone())
                        .unwrap_or_default();
                    sink.warn(
                        line.number,
                        col(),
                        format!("section `{prev}` is not closed with `</ISSUE>` before this one"),
                    );
                }
                match parse_open_tag(body) {
                    Ok((category, kind)) => {
                        dict.sections.push(IssueSection {
                            category,
                            kind,
                            phrases: vec![],
                            exclusions: vec![],
                            line: line.number,
                        });
                        open = true;
                    }
                    Err(msg) => sink.error(line.number, col(), msg),
                }
                continue;
            }
            let Some(section) = dict.sections.last_mut().filter(|_| open) else {
                sink.error(line.number, col(), "phrase outside an `<ISSUE …>` section");
                continue;
            };
            if let Some(rest) = body.strip_prefix('~') {
                let (kind, rest) = match rest.strip_prefix('~') {
                    Some(r) => (ExclusionKind::Acronym, r),
                    None => (ExclusionKind::Phrase, rest),
                };
                if rest.contains('[') {
                    sink.warn(
                        line.number,
                        col(),
                        "exclusion lines take no code; the code is ignored",
                    );
                }
                let words = words(rest.split('[').next().unwrap_or(""));
                if words.is_empty() {
                    sink.error(line.number, col(), "expected a phrase after `~`");
                    continue;
                }
                section.exclusions.push(IssueExclusion {
                    words,
                    kind,
                    line: line.number,
                });
                continue;
            }
            parse_phrases(line, body, section, &mut sink);
        }
        all.finish(&mut sink);
        if open {
            if let Some(s) = dict.sections.last() {
                sink.warn(
                    s.line,
                    None,
                    format!("section `{}` is not closed with `</ISSUE>`", s.category),
                );
            }
        }
        sink.finish(dict)
    }
}

/// `<ISSUE CATEGORY="X" TYPE="Y">`, attributes in any order.
fn parse_open_tag(body: &str) -> Result<(String, String), String> {
    let inner = body
        .strip_suffix('>')
        .ok_or("expected `>` at the end of the `<ISSUE …>` tag")?;
    let inner = &inner[6..];
    let mut category = None;
    let mut kind = None;
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("expected NAME=\"VALUE\" in the ISSUE tag, found `{rest}`"))?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let after = after
            .strip_prefix('"')
            .ok_or_else(|| format!("expected a quoted value for `{name}`"))?;
        let end = after
            .find('"')
            .ok_or_else(|| format!("unterminated value for `{name}`"))?;
        let value = after[..end].to_string();
        match name.to_ascii_uppercase().as_str() {
            "CATEGORY" => category = Some(value),
            "TYPE" => kind = Some(value),
            other => {
                return Err(format!(
                    "unknown ISSUE attribute `{other}`: expected CATEGORY or TYPE"
                ))
            }
        }
        rest = after[end + 1..].trim();
    }
    Ok((
        category.ok_or("the ISSUE tag needs CATEGORY=\"…\"")?,
        kind.unwrap_or_else(|| "ALL".to_string()),
    ))
}

/// One or more `phrase [CODE]` on a line (the file has a few lines where a
/// newline was lost between two entries).
fn parse_phrases(line: &Line<'_>, body: &str, section: &mut IssueSection, sink: &mut Sink) {
    let mut rest = body;
    let mut first = true;
    while !rest.trim().is_empty() {
        let col = || Some(line.column(offset_in(&line.content, rest.trim_start())));
        let (phrase, code, after) = match rest.find('[') {
            Some(o) => {
                let Some(c) = rest[o..].find(']') else {
                    sink.error(line.number, col(), "expected `]` to close the issue code");
                    return;
                };
                let code = rest[o + 1..o + c].trim();
                if code.is_empty() || code.contains(char::is_whitespace) {
                    sink.error(
                        line.number,
                        col(),
                        format!("malformed issue code `[{code}]`"),
                    );
                    return;
                }
                (&rest[..o], Some(code.to_string()), &rest[o + c + 1..])
            }
            None => (rest, None, ""),
        };
        let w = words(phrase);
        if w.is_empty() {
            // `[A] [A]`: a repeated code with no phrase.
            if let (Some(prev), Some(code)) = (section.phrases.last(), &code) {
                if !first && prev.code.as_deref() == Some(code) {
                    sink.warn(line.number, col(), format!("code `[{code}]` repeated"));
                    rest = after;
                    continue;
                }
            }
            sink.error(
                line.number,
                col(),
                "expected an issue phrase before the code",
            );
            return;
        }
        if !first {
            sink.warn(line.number, col(), "second entry on the same line");
        }
        if let Some(odd) = w.iter().find(|x| x.text.contains(':')) {
            // Only `n:` and `v:` exist; the file has one `m:` typo.
            sink.warn(
                line.number,
                col(),
                format!(
                    "unknown part-of-speech prefix in `{}`; kept as literal text",
                    odd.text
                ),
            );
        }
        section.phrases.push(IssuePhrase {
            words: w,
            code,
            line: line.number,
        });
        first = false;
        rest = after;
        // A run of `*` after a code (one line of the Phoenix file) is decoration.
        if rest.trim().chars().all(|c| c == '*') && !rest.trim().is_empty() {
            let at = Some(line.column(offset_in(&line.content, rest.trim_start())));
            sink.warn(
                line.number,
                at,
                format!("text after the code ignored: `{}`", rest.trim()),
            );
            return;
        }
    }
}

fn words(s: &str) -> Vec<IssueWord> {
    let mut out = Vec::new();
    for chunk in s.split_whitespace() {
        for (i, piece) in chunk.split('+').enumerate() {
            if piece.is_empty() {
                continue;
            }
            let (pos, text) = if let Some(t) = piece.strip_prefix("n:") {
                (PartOfSpeech::Noun, t)
            } else if let Some(t) = piece.strip_prefix("v:") {
                (PartOfSpeech::Verb, t)
            } else {
                (PartOfSpeech::Any, piece)
            };
            if text.is_empty() {
                continue;
            }
            out.push(IssueWord {
                text: text.to_string(),
                pos,
                joined: i > 0 && !out.is_empty(),
            });
        }
    }
    out
}
