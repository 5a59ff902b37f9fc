//! Line access for the dictionary files: decoding, comment removal and
//! column arithmetic shared by every dictionary reader.

use std::borrow::Cow;

use crate::diag::{Diagnostic, Sink};

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
        // `content` is right-trimmed: blank content is empty content.
        self.content.is_empty()
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
///
/// The lines are produced lazily (the biggest dictionaries have tens of
/// thousands of lines; holding them all would cost megabytes for nothing).
/// The iterator keeps its own findings and [`Lines::finish`] files them into
/// the sink where an eager split would have put them: after the decoding
/// warnings and before everything the reader reports.
pub(crate) fn lines<'a>(text: &'a str, style: CommentStyle, sink: &Sink) -> Lines<'a> {
    Lines {
        rest: Some(text),
        number: 0,
        // Without `<!` anywhere no block can open: one search of the whole
        // text spares a search per line.
        xml: style.xml_blocks && text.contains("<!"),
        open_block: None,
        malformed: Vec::new(),
        warnings_at: sink.warnings.len(),
    }
}

/// The lines of a decoded file; see [`lines`].
pub(crate) struct Lines<'a> {
    /// Text not yet split (`None` once the last line was produced).
    rest: Option<&'a str>,
    /// Number of the last line produced.
    number: usize,
    /// `<!-- … -->` blocks are possible in this text.
    xml: bool,
    /// (line, column) of the opener of a block still open.
    open_block: Option<(usize, usize)>,
    /// (line, column) of each malformed opener `<! --`.
    malformed: Vec<(usize, usize)>,
    /// Where this iterator's warnings go among the sink's warnings.
    warnings_at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let text = self.rest?;
        // One scan finds the line's end and whether it holds a `#`.
        let bytes = text.as_bytes();
        let (end, hash) = match find_either(bytes, b'\n', b'#') {
            Some(i) if bytes[i] == b'\n' => (Some(i), false),
            Some(i) => (text[i..].find('\n').map(|n| i + n), true),
            None => (None, false),
        };
        let raw = match end {
            Some(i) => {
                self.rest = Some(&text[i + 1..]);
                &text[..i]
            }
            None => {
                self.rest = None;
                text
            }
        };
        self.number += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = self.number;
        // Most lines have no comment or only a trailing `#` one: their content
        // is a prefix of the raw line and needs no copy.
        if self.open_block.is_none() && !(self.xml && raw.contains("<!")) {
            let end = if hash {
                comment_hash(raw, 0).unwrap_or(raw.len())
            } else {
                raw.len()
            };
            return Some(Line {
                number,
                raw,
                content: Cow::Borrowed(raw[..end].trim_end()),
            });
        }
        let bytes = raw.as_bytes();
        let mut content: Vec<u8> = bytes.to_vec();
        let mut pos = 0usize;
        while pos < bytes.len() {
            if self.open_block.is_some() {
                match raw[pos..].find("-->") {
                    Some(end) => {
                        blank(&mut content, pos, pos + end + 3);
                        pos += end + 3;
                        self.open_block = None;
                    }
                    None => {
                        blank(&mut content, pos, bytes.len());
                        pos = bytes.len();
                    }
                }
                continue;
            }
            let hash = comment_hash(raw, pos);
            let opener = if self.xml {
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
                        self.malformed.push((number, o + 1));
                    }
                    self.open_block = Some((number, o + 1));
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
        Some(Line {
            number,
            raw,
            content: Cow::Owned(content),
        })
    }
}

impl Lines<'_> {
    /// Reads any lines left, then files the comment findings into `sink`:
    /// malformed openers among the warnings at the place they had when the
    /// iterator was made, an unterminated block first among the errors.
    pub fn finish(mut self, sink: &mut Sink) {
        for _ in self.by_ref() {}
        if !self.malformed.is_empty() {
            let at = self.warnings_at.min(sink.warnings.len());
            let file = &sink.file;
            let found = self.malformed.iter().map(|&(line, col)| {
                Diagnostic::new(
                    file,
                    line,
                    Some(col),
                    "malformed comment opener `<! --` read as `<!--`",
                )
            });
            sink.warnings.splice(at..at, found);
        }
        if let Some((line, col)) = self.open_block {
            let d = Diagnostic::new(
                &sink.file,
                line,
                Some(col),
                "comment `<!--` is never closed by `-->`",
            );
            sink.errors.insert(0, d);
        }
    }
}

/// Index of the first byte of `bytes` equal to `a` or `b`, eight bytes at a
/// time (line splitting is the one pass over every byte of the big files).
fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit set in each zero byte of `x`; bits above the lowest true zero
    // byte may be spurious (borrows), so only the lowest set bit is used.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let (wa, wb) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for c in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        let w = u64::from_le_bytes(word);
        let hits = zero(w ^ wa) | zero(w ^ wb);
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&x| x == a || x == b)
        .map(|p| at + p)
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
    let is_sep = |c: char| c == '_' || c.is_whitespace();
    // The common case, byte by byte: an ASCII phrase of at most `MAX`
    // words. Its words are located first so that the vector is allocated
    // at its size (the dictionaries hold tens of thousands of names). The
    // separators are `_` and the ASCII characters `char::is_whitespace`
    // accepts (tab to carriage return, and space).
    const MAX: usize = 16;
    if t.is_ascii() {
        let mut spans = [(0usize, 0usize); MAX];
        let mut n = 0;
        let mut start = None;
        for (i, &b) in t.as_bytes().iter().enumerate() {
            match (is_sep(b as char), start) {
                (true, Some(s)) => {
                    if n < MAX {
                        spans[n] = (s, i);
                    }
                    n += 1;
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        if let Some(s) = start {
            if n < MAX {
                spans[n] = (s, t.len());
            }
            n += 1;
        }
        if n <= MAX {
            let mut words = Vec::with_capacity(n);
            words.extend(spans[..n].iter().map(|&(a, b)| t[a..b].to_string()));
            return (words, exact);
        }
    }
    let words = t
        .split(is_sep)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    (words, exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_either_matches_a_plain_search_at_every_alignment() {
        let text = b"abc#defgh\nijklmnopqrstu#vw\nxyz0123456789abcdef\n#\n\n";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let s = &text[start..end];
                let plain = s.iter().position(|&b| b == b'\n' || b == b'#');
                assert_eq!(find_either(s, b'\n', b'#'), plain, "{start}..{end}");
            }
        }
        // Bytes next to the searched ones (borrows in the word arithmetic).
        let tricky = [0x0a, 0x22, 0x23, 0x24, 0x09, 0x0b, 0x80, 0xff, 0x00, 0x01];
        for a in tricky {
            for b in tricky {
                let s = [a, b, a, b, 0x41, 0x42, 0x43, a, b, 0x0b, 0x0a];
                let plain = s.iter().position(|&x| x == b'\n' || x == b'#');
                assert_eq!(find_either(&s, b'\n', b'#'), plain, "{s:?}");
            }
        }
    }

    #[test]
    fn comment_findings_go_where_an_eager_split_put_them() {
        // A decoding warning (line 1), a malformed opener (line 2), a reader
        // warning and error, and a block left open (line 4).
        let bytes = b"X\xff\n<! -- note -->\ny\n<!-- open\n";
        let mut sink = Sink::new("t");
        let text = decode(bytes, &mut sink);
        let mut all = lines(&text, CommentStyle { xml_blocks: true }, &sink);
        for line in all.by_ref() {
            if line.content.trim() == "y" {
                sink.warn(line.number, None, "reader warning");
                sink.error(line.number, None, "reader error");
            }
        }
        all.finish(&mut sink);
        let w: Vec<String> = sink.warnings.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            w,
            [
                "t:1:2: line is not valid UTF-8; read as Latin-1",
                "t:2:1: malformed comment opener `<! --` read as `<!--`",
                "t:3: reader warning",
            ]
        );
        let e: Vec<String> = sink.errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            e,
            [
                "t:4:1: comment `<!--` is never closed by `-->`",
                "t:3: reader error"
            ]
        );
    }

    #[test]
    fn phrase_words_split_at_underscores_and_any_whitespace() {
        let plain = |s: &str| -> (Vec<String>, bool) {
            let t = s.trim();
            let words = t
                .split(|c: char| c == '_' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            (words, t.ends_with('_'))
        };
        let long = "A_".repeat(40);
        for s in [
            "",
            "_",
            " UNITED_STATES_ ",
            "A\u{b}B\u{c}C\rD\tE  F",
            "A\u{1c}B",
            "CÔTE_D'IVOIRE",
            "A\u{a0}B\u{3000}C",
            "__A__B__",
            &long,
            &long[..31],
        ] {
            assert_eq!(phrase_words(s), plain(s), "{s:?}");
        }
    }

    #[test]
    fn lines_split_like_str_split() {
        for text in ["", "\n", "a", "a\n", "a\r\nb#c\n\n#", "x # y\r\n[#]#z"] {
            let sink = Sink::new("t");
            let got: Vec<(usize, &str)> = lines(text, CommentStyle { xml_blocks: true }, &sink)
                .map(|l| (l.number, l.raw))
                .collect();
            let want: Vec<(usize, &str)> = text
                .split('\n')
                .map(|r| r.strip_suffix('\r').unwrap_or(r))
                .enumerate()
                .map(|(i, r)| (i + 1, r))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
