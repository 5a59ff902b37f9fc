//! Bytes to text: lossy UTF-8 decoding that remembers where every byte went,
//! and the binary-file check.

use crate::offsets::{OffsetMap, OffsetMapBuilder};

/// How many leading bytes are searched for NUL to call a file binary (the
/// same heuristic as git and grep).
pub const BINARY_PROBE_BYTES: usize = 8 * 1024;

/// True when `bytes` look like a binary file: a NUL byte in the first
/// [`BINARY_PROBE_BYTES`]. Text in UTF-16 is also caught by this, which is
/// wanted: Faultline reads UTF-8 only.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE_BYTES)]).is_some()
}

/// Where invalid UTF-8 was found while decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// Byte offset of the first invalid byte.
    pub first_offset: usize,
    /// Number of invalid bytes (each maximal invalid sequence became one U+FFFD).
    pub invalid_bytes: usize,
}

/// Decodes `bytes` as UTF-8, replacing invalid sequences by U+FFFD, and
/// returns the text with its map back to `bytes`. Valid input is not copied.
pub fn decode_lossy(bytes: Vec<u8>) -> (String, OffsetMap, Option<InvalidUtf8>) {
    let len = bytes.len();
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return (s, OffsetMap::identity(0, len), None),
        Err(e) => e.into_bytes(),
    };
    let mut out = String::with_capacity(len + 16);
    let mut map = OffsetMapBuilder::default();
    let mut rest = &bytes[..];
    let mut pos = 0;
    let mut report: Option<InvalidUtf8> = None;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                map.exact(out.len(), pos, s.len());
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // `valid_up_to` bytes are valid by definition.
                let s = std::str::from_utf8(&rest[..good]).unwrap_or_default();
                map.exact(out.len(), pos, good);
                out.push_str(s);
                let bad = e.error_len().unwrap_or(rest.len() - good);
                let at = pos + good;
                map.replace(out.len(), at, at + bad);
                out.push('\u{FFFD}');
                let r = report.get_or_insert(InvalidUtf8 { first_offset: at, invalid_bytes: 0 });
                r.invalid_bytes += bad;
                rest = &rest[good + bad..];
                pos = at + bad;
            }
        }
    }
    let n = out.len();
    (out, map.finish(n), report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_identity() {
        let (s, m, bad) = decode_lossy("héllo".as_bytes().to_vec());
        assert_eq!(s, "héllo");
        assert!(m.is_identity());
        assert!(bad.is_none());
    }

    #[test]
    fn invalid_bytes_map_back() {
        let (s, m, bad) = decode_lossy(b"ab\xff\xfecd\xc3".to_vec());
        assert_eq!(s, "ab\u{FFFD}\u{FFFD}cd\u{FFFD}");
        assert_eq!(bad, Some(InvalidUtf8 { first_offset: 2, invalid_bytes: 3 }));
        let cd = s.find("cd").unwrap();
        assert_eq!(m.span(cd..cd + 2), 4..6);
        assert_eq!(m.span(2..5), 2..3);
        assert_eq!(m.end(s.len()), 7);
    }

    #[test]
    fn binary_probe() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary(b"abc"));
        let mut late = vec![b'a'; BINARY_PROBE_BYTES];
        late.push(0);
        assert!(!looks_binary(&late));
    }
}
