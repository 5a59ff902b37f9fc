//! Name and word normalisation shared by the dictionaries and the coder.
//!
//! A dictionary name and a word of news text match when their *keys* are
//! equal. The coder must build keys for sentence tokens with exactly these
//! functions — [`normalize_key`] for one token, [`phrase_tokens`] to split a
//! phrase — or names that look identical will silently fail to match
//! (a curly apostrophe in "People’s", an en dash in "Guinea–Bissau").

use std::borrow::Cow;

/// The look-up key of one token: lower-cased, curly and other typographic
/// apostrophes made straight (`’` → `'`), and every Unicode dash or hyphen
/// made an ASCII `-`. Borrows when the word is already a key (the common
/// case for lower-case ASCII news text), so keying a token usually costs no
/// allocation.
///
/// ```
/// use faultline_dict::normalize_key;
/// assert_eq!(normalize_key("People’s"), "people's");
/// assert_eq!(normalize_key("Guinea–Bissau"), "guinea-bissau");
/// assert_eq!(normalize_key("said"), "said");
/// ```
pub fn normalize_key(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
    {
        return Cow::Borrowed(word);
    }
    let mut s = String::with_capacity(word.len());
    normalize_into(word, &mut s);
    Cow::Owned(s)
}

/// Appends the key of `word` (see [`normalize_key`]) to `s`; lets a caller
/// reuse one buffer for many words.
pub fn normalize_into(word: &str, s: &mut String) {
    // Nearly every dictionary word is ASCII: lower-case it in one pass
    // instead of pushing char by char. The backtick is the one ASCII
    // character that is rewritten.
    if word.is_ascii() && !word.contains('`') {
        let start = s.len();
        s.push_str(word);
        s[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{201B}' | '\u{FF07}' | '`' | '\u{00B4}' => {
                s.push('\'')
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                s.push('-')
            }
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            c => s.extend(c.to_lowercase()),
        }
    }
}

/// True when a token contains no lower-case letter (`NATO`, `U.S.`, `PRC`).
/// The upper-case-only rule: a name written all in capitals in a
/// dictionary matches only text tokens for which this holds, so `US` does
/// not match the pronoun "us".
pub fn is_upper_token(word: &str) -> bool {
    !word.chars().any(char::is_lowercase)
}

/// True when a dictionary name is written all in capitals (has a letter and
/// no lower-case letter) and so falls under the upper-case-only rule.
pub fn is_upper_name(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && is_upper_token(name)
}

/// Splits `X's`/`X’s` into `X` and the possessive, when `X` is non-empty.
pub fn split_possessive(word: &str) -> Option<(&str, &str)> {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return Some((stem, &word[stem.len()..]));
            }
        }
    }
    None
}

/// The key of a whole name: its tokens, each normalised, with every
/// possessive `'s` split off as its own token (`People's Republic of China`
/// → `people`, `'s`, `republic`, `of`, `china`). This is the form the
/// coder sees when its tokenizer splits possessives, which is why the
/// dictionary side splits them too.
pub fn name_key(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in name.split_whitespace() {
        match split_possessive(w) {
            Some((stem, poss)) => {
                out.push(normalize_key(stem).into_owned());
                out.push(normalize_key(poss).into_owned());
            }
            None => out.push(normalize_key(w).into_owned()),
        }
    }
    out
}

/// Splits a phrase into raw tokens the way the coder must split text
/// before keying: on whitespace, with every possessive `'s`/`’s` split off
/// as its own token (`China's` → `China`, `'s`). Tokens keep their case
/// (for the upper-case rule); key each with [`normalize_key`].
///
/// ```
/// use faultline_dict::phrase_tokens;
/// assert_eq!(phrase_tokens("People’s Republic of China"), ["People", "’s", "Republic", "of", "China"]);
/// ```
pub fn phrase_tokens(phrase: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in phrase.split_whitespace() {
        match split_possessive(w) {
            Some((stem, poss)) => {
                out.push(stem);
                out.push(poss);
            }
            None => out.push(w),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(normalize_key("NATO"), "nato");
        assert_eq!(normalize_key("Sino—"), "sino-");
        assert_eq!(normalize_key("Côte"), "côte");
        // The ASCII fast path must still rewrite the backtick.
        assert_eq!(normalize_key("Don`t"), "don't");
        let mut buf = String::from("x ");
        normalize_into("MiXeD", &mut buf);
        assert_eq!(buf, "x mixed");
        assert!(matches!(normalize_key("plain"), Cow::Borrowed(_)));
        assert_eq!(
            name_key("People’s Republic of China"),
            ["people", "'s", "republic", "of", "china"]
        );
        assert_eq!(name_key("People's  Republic"), ["people", "'s", "republic"]);
        assert_eq!(
            phrase_tokens("Russia’s foreign minister"),
            ["Russia", "’s", "foreign", "minister"]
        );
        assert_eq!(split_possessive("'s"), None);
    }

    #[test]
    fn upper_rule() {
        assert!(is_upper_name("US") && is_upper_name("U.S.") && !is_upper_name("Us"));
        assert!(!is_upper_name("-"));
        assert!(is_upper_token("NATO") && !is_upper_token("Nato"));
    }
}
