//! Line access for the dictionary files: decoding, comment removal and
//! column arithmetic shared by every dictionary reader.

use std::borrow::Cow;

use crate::diag::Sink;

/// Decodes a file's bytes. The files are UTF-8 in practice, but some
/// dictionaries passed through Latin-1 tools; a line that is not valid UTF-8
/// is read as Latin-1 (every byte is a character) with a warning, so one bad
/// byte never costs the whole file.
pub(crate) fn decode<'a>(bytes: &'a [u8], sink: &mut Sink) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s)),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 64);
            for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                match std::str::from_utf8(line) {
                    Ok(s) => out.push_str(s),
                    Err(e) => {
                        sink.warn(
                            i + 1,
                            Some(e.valid_up_to() + 1),
                            "line is not valid UTF-8; read as Latin-1",
                        );
                        out.extend(line.iter().map(|&b| b as char));
                    }
                }
            }
            let s = out
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(out);
            Cow::Owned(s)
        }
    }
}

/// One line of a dictionary file with its comments blanked out.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// The line as written (without the newline or a trailing `\r`).
    pub raw: &'a str,
    /// The line with comment text replaced by spaces (byte for byte, so
    /// offsets into `content` are offsets into `raw`), right-trimmed.
    pub content: Cow<'a, str>,
}

impl Line<'_> {
    /// 1-based character column of byte offset `at` in the line.
    pub fn column(&self, at: usize) -> usize {
        let at = at.min(self.raw.len());
        // `at` comes from non-comment text, which is identical in `raw`, so
        // it is a character boundary there; fall back to bytes otherwise.
        match self.raw.get(..at) {
            Some(prefix) => prefix.chars().count() + 1,
            None => at + 1,
        }
    }

    /// True when nothing but comments and blanks is on the line.
    pub fn is_blank(&self) -> bool {
        self.content.trim().is_empty()
    }
}

/// Which comment conventions a file uses.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommentStyle {
    /// `<!-- … -->` blocks, possibly spanning lines (PETRARCH's XML-ish notes).
    pub xml_blocks: bool,
}

/// Splits a decoded file into lines, removing `#` comments and (when the
/// style allows) `<!-- … -->` blocks. The malformed opener `<! --`, which
/// occurs in the PETRARCH validation actors file, is read as `<!--` with a
/// warning. An unterminated block is an error at its opening line.
pub(crate) fn lines<'a>(text: &'a str, style: CommentStyle, sink: &mut Sink) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(text.len() / 24 + 1);
    let mut open_block: Option<(usize, usize)> = None; // (line, column) of the opener
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = i + 1;
        // Most lines have no comment or only a trailing `#` one: their content
        // is a prefix of the raw line and needs no copy.
        if open_block.is_none() && !(style.xml_blocks && raw.contains("<!")) {
            let end = if raw.contains('#') {
                comment_hash(raw, 0).unwrap_or(raw.len())
            } else {
                raw.len()
            };
            out.push(Line {
                number,
                raw,
                content: Cow::Borrowed(raw[..end].trim_end()),
            });
            continue;
        }
        let bytes = raw.as_bytes();
        let mut content: Vec<u8> = bytes.to_vec();
        let mut pos = 0usize;
        while pos < bytes.len() {
            if open_block.is_some() {
                match raw[pos..].find("-->") {
                    Some(end) => {
                        blank(&mut content, pos, pos + end + 3);
                        pos += end + 3;
                        open_block = None;
                    }
                    None => {
                        blank(&mut content, pos, bytes.len());
                        pos = bytes.len();
                    }
                }
                continue;
            }
            let hash = comment_hash(raw, pos);
            let opener = if style.xml_blocks {
                let a = raw[pos..].find("<!--").map(|x| (x + pos, 4));
                let b = raw[pos..].find("<! --").map(|x| (x + pos, 5));
                match (a, b) {
                    (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
                    (a, b) => a.or(b),
                }
            } else {
                None
            };
            match (hash, opener) {
                (Some(h), o) if !matches!(o, Some((o, _)) if o < h) => {
                    blank(&mut content, h, bytes.len());
                    pos = bytes.len();
                }
                (_, Some((o, len))) => {
                    if len == 5 {
                        sink.warn(
                            number,
                            Some(o + 1),
                            "malformed comment opener `<! --` read as `<!--`",
                        );
                    }
                    open_block = Some((number, o + 1));
                    blank(&mut content, o, o + len);
                    pos = o + len;
                }
                _ => pos = bytes.len(),
            }
        }
        // Only ASCII bytes were replaced by ASCII spaces, or whole UTF-8
        // sequences were blanked, so the result stays valid UTF-8.
        let content = String::from_utf8(content)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let trimmed_len = content.trim_end().len();
        let mut content = content;
        content.truncate(trimmed_len);
        out.push(Line {
            number,
            raw,
            content: Cow::Owned(content),
        });
    }
    if let Some((line, col)) = open_block {
        sink.error(line, Some(col), "comment `<!--` is never closed by `-->`");
    }
    out
}

/// The first `#` at or after `from` that starts a comment. A `#` inside an
/// open `[…]` block is part of a code (TABARI's `[###]` discard code in the
/// validation files), not a comment.
fn comment_hash(raw: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in raw.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'#' if i >= from && depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

fn blank(buf: &mut [u8], from: usize, to: usize) {
    let to = to.min(buf.len());
    for b in &mut buf[from..to] {
        *b = b' ';
    }
}

/// Byte offset of `sub` within `whole`; `sub` must be a slice of `whole`.
pub(crate) fn offset_in(whole: &str, sub: &str) -> usize {
    (sub.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

/// Splits a dictionary phrase into words at whitespace and `_`, reporting
/// whether the phrase ended with `_` (TABARI's "stop" marker: the last word
/// matches only as written instead of as a stem).
pub(crate) fn phrase_words(s: &str) -> (Vec<String>, bool) {
    let t = s.trim();
    let exact = t.ends_with('_');
    let words = t
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    (words, exact)
}
