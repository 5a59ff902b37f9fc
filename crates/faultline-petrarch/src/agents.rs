//! Agent dictionaries (`PETR.Validate.agents.txt`, `Phoenix.agents.txt`).
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      # substitution set
//! FOREIGN_MINISTER [~GOVFRM]                     # regular plural generated
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    # irregular plural(s)
//! MEDIA {} [~MED]                                # no plural
//! CONGRESS!PERSON! [~LEG]                        # substitution inside a word
//! HUMAN_RIGHTS_BODY [NGO~]                       # prefix code
//! ```
//!
//! `[~CODE]` appends the agent code after the actor's code (`ISR` + `GOV` =
//! `ISRGOV`); `[CODE~]` puts it before (`NGO` + `ISR`).

use std::collections::HashMap;
use std::path::Path;

use crate::diag::{read_file, Loaded, ReadError, Sink};
use crate::source::{decode, lines, offset_in, CommentStyle, Line};

/// A piece of an agent word: literal text or a `!NAME!` substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordPart {
    /// Text as written.
    Literal(String),
    /// `!NAME!`: any member of the substitution set `NAME`.
    Substitution(String),
}

/// One word of an agent phrase (usually a single literal part).
pub type AgentWord = Vec<WordPart>;

/// How the agent's code combines with an actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePlacement {
    /// `[~CODE]`: actor code, then agent code.
    Suffix,
    /// `[CODE~]`: agent code, then actor code.
    Prefix,
}

/// An agent code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCode {
    /// The code without the `~` (`GOV`, `NGO`).
    pub code: String,
    /// Where it goes relative to the actor code.
    pub placement: CodePlacement,
}

/// The plural forms of an agent phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plurals {
    /// No braces: PETRARCH generates the regular plural of the last word.
    Regular,
    /// `{}`: the phrase has no plural (`MEDIA`, `POLICE`).
    None,
    /// `{A_B C_D}`: these phrases (words split at `_`) instead.
    Irregular(Vec<Vec<String>>),
}

/// One agent entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The phrase's words.
    pub words: Vec<AgentWord>,
    /// The phrase ended in `_` (last word matched as written, not as a stem).
    pub exact: bool,
    /// Plural rule.
    pub plurals: Plurals,
    /// The code.
    pub code: AgentCode,
    /// 1-based line.
    pub line: usize,
}

/// A whole agent file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentDictionary {
    /// `!NAME! = A, B` sets, by `NAME` (without the `!`).
    pub substitutions: HashMap<String, Vec<String>>,
    /// Entries in file order.
    pub agents: Vec<Agent>,
}

impl AgentDictionary {
    /// Reads an agent file from disk.
    pub fn read(path: &Path) -> Result<Loaded<AgentDictionary>, ReadError> {
        let bytes = read_file(path)?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// Reads agent-file bytes; `file` labels the diagnostics.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Loaded<AgentDictionary>, ReadError> {
        let mut sink = Sink::new(file);
        let text = decode(bytes, &mut sink);
        let mut all = lines(&text, CommentStyle { xml_blocks: true }, &sink);
        let mut dict = AgentDictionary::default();
        for line in all.by_ref() {
            let line = &line;
            if line.is_blank() {
                continue;
            }
            let body = line.content.trim();
            if body.starts_with('!') && body.contains('=') {
                parse_substitution(line, body, &mut dict, &mut sink);
            } else {
                parse_agent(line, body, &mut dict, &mut sink);
            }
        }
        all.finish(&mut sink);
        // Every `!NAME!` used must be defined somewhere in the file.
        for a in &dict.agents {
            for w in &a.words {
                for p in w {
                    if let WordPart::Substitution(n) = p {
                        if !dict.substitutions.contains_key(n) {
                            sink.error(
                                a.line,
                                None,
                                format!("substitution set `!{n}!` is not defined"),
                            );
                        }
                    }
                }
            }
        }
        sink.finish(dict)
    }

    /// Every concrete word sequence of an entry, with substitution sets
    /// expanded (`CONGRESS!PERSON!` → `CONGRESSMAN`, `CONGRESSMEN`, …).
    pub fn expand(&self, agent: &Agent) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new()];
        for word in &agent.words {
            let mut forms: Vec<String> = vec![String::new()];
            for part in word {
                let choices: Vec<&str> = match part {
                    WordPart::Literal(s) => vec![s.as_str()],
                    WordPart::Substitution(n) => self
                        .substitutions
                        .get(n)
                        .map(|v| v.iter().map(String::as_str).collect())
                        .unwrap_or_default(),
                };
                forms = forms
                    .iter()
                    .flat_map(|f| choices.iter().map(move |c| format!("{f}{c}")))
                    .collect();
            }
            // A substitution member may itself hold several words (`!X! = A_B`).
            out = out
                .iter()
                .flat_map(|prefix| {
                    forms.iter().map(move |f| {
                        let mut p = prefix.clone();
                        p.extend(
                            f.split(['_', ' '])
                                .filter(|s| !s.is_empty())
                                .map(str::to_string),
                        );
                        p
                    })
                })
                .collect();
        }
        out
    }
}

fn parse_substitution(line: &Line<'_>, body: &str, dict: &mut AgentDictionary, sink: &mut Sink) {
    let col = Some(line.column(offset_in(&line.content, body)));
    let (name, members) = body.split_once('=').unwrap_or((body, ""));
    let name = name.trim();
    let Some(inner) = name
        .strip_prefix('!')
        .and_then(|n| n.strip_suffix('!'))
        .filter(|n| !n.is_empty() && !n.contains('!'))
    else {
        sink.error(
            line.number,
            col,
            format!("expected `!NAME! = WORD, WORD` but the name is `{name}`"),
        );
        return;
    };
    let members: Vec<String> = members
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if members.is_empty() {
        sink.error(
            line.number,
            col,
            format!("substitution set `!{inner}!` has no members"),
        );
        return;
    }
    if dict
        .substitutions
        .insert(inner.to_string(), members)
        .is_some()
    {
        sink.warn(
            line.number,
            col,
            format!("substitution set `!{inner}!` redefined; the later one is used"),
        );
    }
}

fn parse_agent(line: &Line<'_>, body: &str, dict: &mut AgentDictionary, sink: &mut Sink) {
    let col = |s: &str| Some(line.column(offset_in(&line.content, s)));
    let Some(open) = body.find('[') else {
        sink.warn(
            line.number,
            col(body),
            format!("agent `{body}` has no [code]; entry skipped"),
        );
        return;
    };
    let head = &body[..open];
    let code_text = &body[open..];
    // The code block: `[~CODE]` / `[CODE~]`; `}` for `]` is a typo seen in Phoenix.
    let close = code_text.find(']').or_else(|| {
        let c = code_text.find('}');
        if c.is_some() {
            sink.warn(
                line.number,
                col(code_text),
                "code block closed with `}` instead of `]`",
            );
        }
        c
    });
    let Some(close) = close else {
        sink.error(
            line.number,
            col(code_text),
            "expected `]` to close the agent code",
        );
        return;
    };
    let inner = code_text[1..close].trim();
    let trailing = code_text[close + 1..].trim();
    if !trailing.is_empty() {
        sink.warn(
            line.number,
            col(trailing),
            format!("text after the agent code ignored: `{trailing}`"),
        );
    }
    let code = if let Some(c) = inner.strip_prefix('~') {
        AgentCode {
            code: c.trim().to_string(),
            placement: CodePlacement::Suffix,
        }
    } else if let Some(c) = inner.strip_suffix('~') {
        AgentCode {
            code: c.trim().to_string(),
            placement: CodePlacement::Prefix,
        }
    } else {
        sink.error(
            line.number,
            col(code_text),
            format!("expected `[~CODE]` or `[CODE~]`, found `[{inner}]`"),
        );
        return;
    };
    if code.code.is_empty() || code.code.contains(char::is_whitespace) || code.code.contains('~') {
        sink.error(
            line.number,
            col(code_text),
            format!("malformed agent code `[{inner}]`"),
        );
        return;
    }
    // Phrase and optional `{plurals}`.
    let (phrase, plurals) = match head.find('{') {
        Some(b) => {
            let Some(e) = head[b..].find('}') else {
                sink.error(
                    line.number,
                    col(&head[b..]),
                    "expected `}` to close the plural list",
                );
                return;
            };
            let inner = head[b + 1..b + e].trim();
            let after = head[b + e + 1..].trim();
            if !after.is_empty() {
                sink.error(
                    line.number,
                    col(after),
                    format!("unexpected `{after}` between the plurals and the code"),
                );
                return;
            }
            let plurals = if inner.is_empty() {
                Plurals::None
            } else {
                Plurals::Irregular(
                    inner
                        .split_whitespace()
                        .map(|p| {
                            p.split('_')
                                .filter(|w| !w.is_empty())
                                .map(str::to_string)
                                .collect()
                        })
                        .collect(),
                )
            };
            (&head[..b], plurals)
        }
        None => (head, Plurals::Regular),
    };
    let phrase = phrase.trim();
    if phrase.is_empty() {
        sink.error(
            line.number,
            col(body),
            "expected an agent phrase before the code",
        );
        return;
    }
    let exact = phrase.ends_with('_');
    let mut words = Vec::new();
    for w in phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        match split_substitutions(w) {
            Ok(parts) => words.push(parts),
            Err(msg) => {
                sink.error(line.number, col(phrase), msg);
                return;
            }
        }
    }
    dict.agents.push(Agent {
        words,
        exact,
        plurals,
        code,
        line: line.number,
    });
}

/// `CONGRESS!PERSON!` → [Literal(CONGRESS), Substitution(PERSON)].
fn split_substitutions(word: &str) -> Result<AgentWord, String> {
    let mut parts = Vec::new();
    let mut rest = word;
    while let Some(a) = rest.find('!') {
        if a > 0 {
            parts.push(WordPart::Literal(rest[..a].to_string()));
        }
        let Some(b) = rest[a + 1..].find('!') else {
            return Err(format!("unbalanced `!` in `{word}`: expected `!NAME!`"));
        };
        let name = &rest[a + 1..a + 1 + b];
        if name.is_empty() {
            return Err(format!("empty substitution `!!` in `{word}`"));
        }
        parts.push(WordPart::Substitution(name.to_string()));
        rest = &rest[a + b + 2..];
    }
    if !rest.is_empty() {
        parts.push(WordPart::Literal(rest.to_string()));
    }
    Ok(parts)
}

/// The regular English plural of a word, as PETRARCH generates it for agents
/// without braces: consonant + `Y` → `IES`; `S`, `X`, `Z`, `CH`, `SH` → `+ES`;
/// otherwise `+S`. Case follows the word's last letter.
pub fn regular_plural(word: &str) -> String {
    let upper = word.chars().last().is_some_and(|c| c.is_uppercase());
    let lw = word.to_lowercase();
    let (stem, suffix) = if lw.ends_with('y')
        && !lw.ends_with("ay")
        && !lw.ends_with("ey")
        && !lw.ends_with("oy")
        && !lw.ends_with("uy")
        && lw.len() > 1
    {
        (&word[..word.len() - 1], "ies")
    } else if lw.ends_with('s')
        || lw.ends_with('x')
        || lw.ends_with('z')
        || lw.ends_with("ch")
        || lw.ends_with("sh")
    {
        (word, "es")
    } else {
        (word, "s")
    };
    let suffix = if upper {
        suffix.to_uppercase()
    } else {
        suffix.to_string()
    };
    format!("{stem}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(regular_plural("CONGRESS"), "CONGRESSES");
        assert_eq!(regular_plural("MINISTRY"), "MINISTRIES");
        assert_eq!(regular_plural("ATTORNEY"), "ATTORNEYS");
        assert_eq!(regular_plural("official"), "officials");
        assert_eq!(regular_plural("CHURCH"), "CHURCHES");
    }

    #[test]
    fn substitution_words() {
        assert_eq!(
            split_substitutions("CONGRESS!PERSON!").unwrap(),
            vec![
                WordPart::Literal("CONGRESS".into()),
                WordPart::Substitution("PERSON".into())
            ]
        );
        assert!(split_substitutions("A!B")
            .unwrap_err()
            .contains("unbalanced"));
    }
}
