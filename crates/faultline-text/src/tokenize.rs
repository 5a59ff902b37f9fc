//! Tokens of normalised news English.
//!
//! Tokens are spans (`start..end`, `u32`) into the normalised text of their
//! sentence plus a one-byte kind, so tokenising allocates nothing per token.
//! Rules, in brief:
//!
//! * a word is a run of letters and digits joined by single hyphens
//!   (`Sino-Russian`, `77-year-old`), inner periods (`U.S`, `a.m`, `3.5`),
//!   apostrophes (`O'Brien`), commas and colons between digits (`6,000`,
//!   `9:30`) and `&` between capitals (`AT&T`);
//! * a final period belongs to the word when the word is an abbreviation:
//!   a known one (`Feb.`, `Gen.`, `Inc.`; `No.` only before a number), one
//!   with inner periods (`U.S.`, `a.m.`, `then-U.S.`), or an initial (`W.`);
//! * possessive `'s` and the contractions `n't`, `'re`, `'ve`, `'ll`, `'d`,
//!   `'m` are split off as [`TokenKind::Clitic`] (`did` + `n't`, as in the
//!   Penn Treebank); a plural possessive `countries'` gives `countries` + `'`;
//! * punctuation: `...` and `--` are single tokens, runs of `!`/`?` are one
//!   token, other punctuation is one character per token; anything else
//!   that is not a letter or digit (`$`, `%`, `/`, `€`) is a symbol.
//! * A word longer than [`MAX_TOKEN_BYTES`] is cut into pieces, which keeps
//!   pathological input (a 50 MB line without spaces) linear and bounded.

/// Words longer than this are split (at a character boundary).
pub const MAX_TOKEN_BYTES: usize = 1024;

/// What kind of token a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and digits), possibly hyphenated or abbreviated: `Russia`, `U.S.`, `Sino-Russian`.
    Word,
    /// Digits with inner `.`, `,` or `:`: `3.5`, `6,000`, `2019`.
    Number,
    /// A split-off clitic: `'s`, `n't`, `'re`, `'ve`, `'ll`, `'d`, `'m`, `'`.
    Clitic,
    /// Punctuation: `.`, `,`, `;`, `:`, `!?`, `...`, `--`, `-`, quotes, brackets.
    Punct,
    /// Any other character: `$`, `%`, `&`, `/`, `#`, `€`, …
    Symbol,
}

/// One token: a span of its sentence's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The kind.
    pub kind: TokenKind,
    /// Byte offset of the first byte in the sentence text.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    flags: u8,
}

const ABBREV: u8 = 1;
const HYPHEN: u8 = 2;

impl Token {
    /// The token's text within `sentence_text`.
    pub fn text<'a>(&self, sentence_text: &'a str) -> &'a str {
        sentence_text.get(self.start as usize..self.end as usize).unwrap_or("")
    }

    /// True for a word whose final period is part of it (`U.S.`, `Feb.`, `W.`).
    pub fn is_abbreviation(&self) -> bool {
        self.flags & ABBREV != 0
    }

    /// True for a word with inner hyphens (`Sino-Russian`, `U.S.-China`).
    pub fn is_hyphenated(&self) -> bool {
        self.flags & HYPHEN != 0
    }

    /// The parts of a hyphenated word (`U.S.-China` → `U.S.`, `China`; the
    /// period that ends an inner abbreviation stays with it); the whole
    /// token for others.
    pub fn hyphen_parts<'a>(&self, sentence_text: &'a str) -> impl Iterator<Item = &'a str> {
        let t = self.text(sentence_text);
        let split = self.is_hyphenated();
        t.split(move |c| split && c == '-').filter(|p| !p.is_empty())
    }

    pub(crate) fn shifted(self, by: u32) -> Token {
        Token { start: self.start - by, end: self.end - by, ..self }
    }
}

/// Abbreviations (lower case, without the final period) that take a period.
const ABBREVIATIONS: &[&str] = &[
    // titles and ranks
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "cmdr", "rep",
    "reps", "sen", "sens", "gov", "govs", "pres", "amb", "rev", "fr", "hon", "supt", "insp", "gens", "brig", "pvt",
    "lieut", "cpt", "atty", "det", "sec", "secy", "rt", // places and addresses
    "st", "mt", "ft", "ave", "blvd", "rd", "hwy", // months and days
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", // companies and organisations
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn", "jr", "sr", // others
    "vs", "etc", "approx", "est", "no", "nos", "vol", "fig", "al", "cf", "ca",
];

/// How an abbreviation relates to sentence ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Never ends a sentence (titles, months, `No.`, `vs.`, `e.g.`).
    Inner,
    /// Ends a sentence only before a typical sentence opener ("the U.S. The…").
    Weak,
    /// Ends a sentence before any capitalised word (`etc.`).
    Strong,
}

pub(crate) fn abbrev_class(word: &str) -> AbbrevClass {
    let last = word.rsplit('-').next().unwrap_or(word);
    let bare = last.trim_end_matches('.').to_ascii_lowercase();
    match bare.as_str() {
        "etc" | "al" => AbbrevClass::Strong,
        "jr" | "sr" | "inc" | "corp" | "co" | "ltd" | "llc" | "plc" | "bros" | "dept" | "univ" | "assn" | "ave"
        | "blvd" | "rd" | "hwy" | "est" => AbbrevClass::Weak,
        "e.g" | "i.e" | "cf" | "viz" => AbbrevClass::Inner,
        _ if bare.contains('.') => AbbrevClass::Weak,
        _ if bare.chars().count() == 1 => AbbrevClass::Weak,
        _ => AbbrevClass::Inner,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36F}').contains(&c)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Appends the tokens of `text` (normalised) to `out`, with offsets relative
/// to `text`. `text` must be shorter than 4 GiB.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c == b' ' || c == b'\n' {
            i += 1;
            continue;
        }
        let push = |out: &mut Vec<Token>, kind, s: usize, e: usize, flags| {
            out.push(Token { kind, start: s as u32, end: e as u32, flags })
        };
        if c.is_ascii_alphanumeric() {
            i = word(text, i, out);
            continue;
        }
        if c < 0x80 {
            match c {
                b'.' | b'-' | b'!' | b'?' => {
                    // Runs: "...", "--", "?!" are single tokens.
                    let bang = c == b'!' || c == b'?';
                    let mut j = i + 1;
                    while j < n && (b[j] == c || (bang && (b[j] == b'!' || b[j] == b'?'))) {
                        j += 1;
                    }
                    push(out, TokenKind::Punct, i, j, 0);
                    i = j;
                }
                b',' | b';' | b':' | b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                    push(out, TokenKind::Punct, i, i + 1, 0);
                    i += 1;
                }
                _ => {
                    push(out, TokenKind::Symbol, i, i + 1, 0);
                    i += 1;
                }
            }
            continue;
        }
        let ch = char_at(text, i).unwrap_or(' ');
        if !is_word_char(ch) {
            let kind = if ch.is_whitespace() { None } else { Some(TokenKind::Symbol) };
            if let Some(k) = kind {
                push(out, k, i, i + ch.len_utf8(), 0);
            }
            i += ch.len_utf8();
            continue;
        }
        i = word(text, i, out);
    }
}

/// Scans the word starting at `start`, pushes its token(s), returns its end.
fn word(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut j = start;
    let mut flags = 0u8;
    let mut has_apos = false;
    let next_is_word = |k: usize| char_at(text, k).is_some_and(is_word_char);
    loop {
        // A run of word characters.
        while j < n && j - start < MAX_TOKEN_BYTES {
            let c = b[j];
            if c < 0x80 {
                if c.is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                break;
            }
            match char_at(text, j) {
                Some(c) if is_word_char(c) => j += c.len_utf8(),
                _ => break,
            }
        }
        if j >= n || j - start >= MAX_TOKEN_BYTES {
            break;
        }
        let prev = b[j - 1];
        match b[j] {
            b'-' if next_is_word(j + 1) => {
                flags |= HYPHEN;
                j += 1;
            }
            b'.' if next_is_word(j + 1) => j += 1,
            b'.' if b.get(j + 1) == Some(&b'-') && next_is_word(j + 2) => {
                flags |= HYPHEN;
                j += 2;
            }
            b',' | b':' if prev.is_ascii_digit() && b.get(j + 1).is_some_and(u8::is_ascii_digit) => j += 1,
            b'\'' if next_is_word(j + 1) => {
                has_apos = true;
                j += 1;
            }
            b'&' if prev.is_ascii_uppercase() && b.get(j + 1).is_some_and(u8::is_ascii_uppercase) => j += 1,
            _ => break,
        }
    }
    let w = &text[start..j];
    // A final period that belongs to the word.
    if b.get(j) == Some(&b'.') && b.get(j + 1) != Some(&b'.') && takes_period(w, text, j + 1) {
        j += 1;
        flags |= ABBREV;
    }
    let w = &text[start..j];
    let numeric =
        w.as_bytes()[0].is_ascii_digit() && w.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b':'));
    let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
    // Clitics.
    if has_apos && flags & ABBREV == 0 {
        let lower_end = |suffix: &str| {
            w.len() > suffix.len() && w.get(w.len() - suffix.len()..).is_some_and(|t| t.eq_ignore_ascii_case(suffix))
        };
        let split = if lower_end("n't") && w.len() > 3 {
            Some(w.len() - 3)
        } else {
            w.rfind('\'').filter(|&a| {
                a > 0 && matches!(w[a + 1..].to_ascii_lowercase().as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
            })
        };
        if let Some(a) = split {
            out.push(Token { kind: TokenKind::Word, start: start as u32, end: (start + a) as u32, flags });
            out.push(Token { kind: TokenKind::Clitic, start: (start + a) as u32, end: j as u32, flags: 0 });
            return j;
        }
    }
    out.push(Token { kind, start: start as u32, end: j as u32, flags });
    // Plural possessive: "countries' leaders".
    if (w.ends_with('s') || w.ends_with('S'))
        && b.get(j) == Some(&b'\'')
        && b.get(j + 1) == Some(&b' ')
        && b.get(j + 2).is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        out.push(Token { kind: TokenKind::Clitic, start: j as u32, end: (j + 1) as u32, flags: 0 });
        return j + 1;
    }
    j
}

/// Whether the period after word `w` belongs to it; `after` is the offset
/// just past the period.
fn takes_period(w: &str, text: &str, after: usize) -> bool {
    let last = w.rsplit('-').next().unwrap_or(w);
    if last.is_empty() {
        return false;
    }
    // Inner periods between short letter groups: U.S, a.m, Ph.D, e.g.
    if last.contains('.') {
        return last.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic));
    }
    let mut chars = last.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    let lower = last.to_ascii_lowercase();
    if !ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    if lower == "no" || lower == "nos" {
        // "No. 3" but "said no. Then".
        let rest = text[after..].trim_start_matches(' ');
        return last.starts_with('N') && rest.starts_with(|c: char| c.is_ascii_digit());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokenKind, &str)> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| (t.kind, t.text(s))).collect()
    }

    fn texts(s: &str) -> Vec<&str> {
        toks(s).into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn clitics_and_hyphens() {
        assert_eq!(texts("Russia's war didn't end"), ["Russia", "'s", "war", "did", "n't", "end"]);
        assert_eq!(texts("U.S.-China and Sino-Russian ties"), ["U.S.-China", "and", "Sino-Russian", "ties"]);
        assert_eq!(texts("leaders' endorsement"), ["leaders", "'", "endorsement"]);
        assert_eq!(texts("O'Brien can't"), ["O'Brien", "ca", "n't"]);
        let s = "U.S.-China";
        let mut v = Vec::new();
        tokenize(s, &mut v);
        assert_eq!(v[0].hyphen_parts(s).collect::<Vec<_>>(), ["U.S.", "China"]);
    }

    #[test]
    fn numbers_money_abbreviations() {
        assert_eq!(
            toks("$3.5 million, 3.5% and 6,000 at 9:30 a.m."),
            [
                (TokenKind::Symbol, "$"),
                (TokenKind::Number, "3.5"),
                (TokenKind::Word, "million"),
                (TokenKind::Punct, ","),
                (TokenKind::Number, "3.5"),
                (TokenKind::Symbol, "%"),
                (TokenKind::Word, "and"),
                (TokenKind::Number, "6,000"),
                (TokenKind::Word, "at"),
                (TokenKind::Number, "9:30"),
                (TokenKind::Word, "a.m."),
            ]
        );
        assert_eq!(texts("No. 3 said no. Then"), ["No.", "3", "said", "no", ".", "Then"]);
        assert_eq!(texts("pre-Feb. 24 -- Mr. X..."), ["pre-Feb.", "24", "--", "Mr.", "X", "..."]);
    }

    #[test]
    fn long_words_are_cut() {
        let s = "a".repeat(3000);
        let v = toks(&s);
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|t| t.1.len() <= MAX_TOKEN_BYTES));
    }
}
