//! Character normalisation that keeps offsets.
//!
//! The tokenizer and everything after it see one spelling per character:
//!
//! * curly and low single quotes (`‘ ’ ‚ ‛`) → `'`; curly, low and angle
//!   double quotes (`“ ” „ ‟ « »`) → `"`;
//! * em dash and horizontal bar (`— ―`) → `--`; an en dash between spaces
//!   (` – `, used as a clause dash) → `--`; other en dashes, figure dash,
//!   minus sign and Unicode hyphens (`– ‒ − ‐ ‑`) → `-` (ranges, compounds);
//! * the ellipsis character `…` → `...`;
//! * any run of whitespace (including no-break, thin and ideographic spaces,
//!   and control characters) → one space, or one `\n` if the run contains a
//!   line break (the segmenter needs to see line breaks);
//! * soft hyphens, zero-width spaces/joiners and byte-order marks are removed.
//!
//! Each change is a replacement segment in the output's [`OffsetMap`](crate::OffsetMap), so a
//! normalised `--` still maps to the three bytes of the original `—`.

use crate::offsets::OffsetMapBuilder;

/// What to do with a non-ASCII or whitespace character.
enum Action {
    Keep,
    Space { newline: bool },
    Drop,
    Replace(&'static str),
    EnDash,
}

fn action(c: char) -> Action {
    match c {
        ' ' => Action::Space { newline: false },
        '\n' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}' => Action::Space { newline: true },
        '\t' | '\r' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Action::Space { newline: false }
        }
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Action::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Action::Replace("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' | '\u{2033}' => Action::Replace("\""),
        '\u{2014}' | '\u{2015}' => Action::Replace("--"),
        '\u{2013}' => Action::EnDash,
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => Action::Replace("-"),
        '\u{2026}' => Action::Replace("..."),
        c if c.is_control() => Action::Space { newline: false },
        _ => Action::Keep,
    }
}

/// Appends the normalised form of `text[range]` to `out`, recording in `map`
/// how output offsets map to offsets of `text` (the caller composes with the
/// document's own map). Leading and trailing whitespace is dropped.
pub fn normalize_into(text: &str, range: std::ops::Range<usize>, out: &mut String, map: &mut OffsetMapBuilder) {
    let bytes = text.as_bytes();
    let base_out = out.len();
    let mut i = range.start;
    let end = range.end;
    // Start of the current run of bytes copied unchanged.
    let mut run = i;
    while i < end {
        let b = bytes[i];
        if b > b' ' && b < 0x7F {
            i += 1;
            continue;
        }
        if b == b' ' {
            // A single space between non-space characters is kept as is.
            let next = bytes.get(i + 1).copied().unwrap_or(b'x');
            if i > range.start && i + 1 < end && next > b' ' && next < 0x80 {
                i += 1;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let n = c.len_utf8();
        let act = action(c);
        if matches!(act, Action::Keep) {
            i += n;
            continue;
        }
        flush(text, run, i, out, map);
        match act {
            Action::Keep => {}
            Action::Drop => i += n,
            Action::Space { mut newline } => {
                let ws_start = i;
                i += n;
                while i < end {
                    let c2 = text[i..].chars().next().unwrap_or('x');
                    match action(c2) {
                        Action::Space { newline: nl } => newline |= nl,
                        Action::Drop => {}
                        _ => break,
                    }
                    i += c2.len_utf8();
                }
                // Leading/trailing whitespace of the range is dropped.
                if out.len() > base_out && i < end {
                    let s = if newline { "\n" } else { " " };
                    if i - ws_start == 1 {
                        map.exact(out.len(), ws_start, 1);
                    } else {
                        map.replace(out.len(), ws_start, i);
                    }
                    out.push_str(s);
                }
            }
            Action::Replace(s) => {
                map.replace(out.len(), i, i + n);
                out.push_str(s);
                i += n;
            }
            Action::EnDash => {
                let spaced = out.ends_with(' ') && text[i + n..end].starts_with(|c: char| c.is_whitespace());
                map.replace(out.len(), i, i + n);
                out.push_str(if spaced { "--" } else { "-" });
                i += n;
            }
        }
        run = i;
    }
    flush(text, run, end.max(run), out, map);
}

fn flush(text: &str, from: usize, to: usize, out: &mut String, map: &mut OffsetMapBuilder) {
    if to > from {
        map.exact(out.len(), from, to - from);
        out.push_str(&text[from..to]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, crate::offsets::OffsetMap) {
        let mut out = String::new();
        let mut b = OffsetMapBuilder::default();
        normalize_into(s, 0..s.len(), &mut out, &mut b);
        let n = out.len();
        (out, b.finish(n))
    }

    #[test]
    fn quotes_dashes_spaces() {
        let src = "  \u{201C}Russia\u{2019}s war\u{201D}\u{2014}at least \u{2013} 2019\u{2013}2022\u{a0}now\u{2026}  ";
        let (out, map) = norm(src);
        assert_eq!(out, "\"Russia's war\"--at least -- 2019-2022 now...");
        let d = out.find("--").unwrap();
        assert_eq!(&src[map.span(d..d + 2)], "\u{2014}");
        assert_eq!(&src[map.span(0..out.len())], src.trim());
    }

    #[test]
    fn whitespace_runs_and_lines() {
        let (out, map) = norm("a  b\r\n  c\u{200B}d");
        assert_eq!(out, "a b\ncd");
        assert_eq!(map.span(1..2), 1..3);
        assert_eq!(map.span(4..6), 8..13);
    }
}
