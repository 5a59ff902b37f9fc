//! Pseudo-random input through every document path must never panic and
//! must keep every offset inside the original bytes. This runs the same
//! code as the cargo-fuzz target `text_document`, so CI catches panics
//! without cargo-fuzz.

use faultline_text::{jsonl_document, sentences, DocFormat, Document, Sentence};

/// xorshift64*: tiny, deterministic, good enough to scatter bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Fragments that exercise the interesting paths: markup, entities,
/// abbreviations, quotes, dashes, invalid UTF-8, boilerplate, dates.
const PIECES: &[&[u8]] = &[
    b"U.S.",
    b" ",
    b". ",
    b"\n",
    b"\n\n",
    b"<p>",
    b"</p>",
    b"<script>",
    b"</script>",
    b"<nav>",
    b"</nav>",
    b"<article>",
    b"</article>",
    b"<br>",
    b"&amp;",
    b"&#8217;",
    b"&#x",
    b"&",
    b";",
    b"\xe2\x80\x99",
    b"\xe2\x80\x94",
    b"\xe2\x80\xa6",
    b"\xc2\xa0",
    b"\xff",
    b"\xe2\x80",
    b"\0",
    b"\"",
    b"'s",
    b"n't",
    b"Mr.",
    b"No. 3",
    b"$3.5",
    b"%",
    b"-",
    b"--",
    b"(",
    b")",
    b"...",
    b"Join the Conversation",
    b"More from Foreign Policy",
    b"Getty Images",
    b"/",
    b"Feb. 24, 2022",
    b"last September",
    b"Xi",
    b"Putin",
    b"the",
    b"A",
    b"1.",
    b"- ",
    b"{\"id\":1,\"text\":\"",
    b"\"}",
    b"\\u2019",
    b"\\",
    b"&</",
    b"</",
    b"<",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"\r\n",
    b"\t",
    b"\xf0\x9f\x98\x80",
];

fn random_input(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(40);
    let mut v = Vec::new();
    for _ in 0..n {
        if rng.below(4) == 0 {
            v.push(rng.next() as u8);
        } else {
            v.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
    }
    v
}

fn check(doc: &Document, original_len: usize, ss: &[Sentence]) {
    for s in ss {
        assert!(s.start <= s.end && s.end <= original_len, "{}: {}..{} of {original_len}", doc.id, s.start, s.end);
        for t in &s.tokens {
            assert!(t.start < t.end && t.end as usize <= s.text.len());
            assert!(s.text.is_char_boundary(t.start as usize) && s.text.is_char_boundary(t.end as usize));
            let span = s.original_span(t.start as usize..t.end as usize);
            assert!(span.start >= s.start && span.end <= s.end, "token outside its sentence");
        }
        for d in &s.dates {
            assert!(d.start <= d.end && d.end <= original_len);
        }
    }
}

#[test]
fn pseudo_random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let bytes = random_input(&mut rng);
        let len = bytes.len();
        for format in [DocFormat::Text, DocFormat::Html] {
            let (doc, _) = Document::from_bytes("fuzz", None, bytes.clone(), format);
            check(&doc, len, &sentences(&doc));
        }
        if let Ok((doc, _)) = jsonl_document(&bytes, None) {
            let n = doc.text().len();
            check(&doc, n, &sentences(&doc));
        }
        // The same bytes as the text of a well-formed record.
        let text = String::from_utf8_lossy(&bytes);
        let line = serde_json::json!({"id": "r", "date": "2023-02-01", "text": text}).to_string();
        let (doc, _) = jsonl_document(line.as_bytes(), None).expect("well-formed record");
        check(&doc, text.len(), &sentences(&doc));
    }
}
