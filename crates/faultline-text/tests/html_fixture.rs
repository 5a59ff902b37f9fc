//! The hand-written article page: only body text comes out, and offsets
//! slice the original HTML to the text modulo tags and entities.

use faultline_testdata::strip_html;
use faultline_text::{sentences, DocFormat, Document};

#[test]
fn article_page_body_only_with_exact_offsets() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/article.html");
    let bytes = std::fs::read(path).unwrap();
    let html = String::from_utf8(bytes.clone()).unwrap();
    let (doc, invalid) = Document::from_bytes(path, None, bytes, DocFormat::Html);
    assert!(invalid.is_none());
    assert_eq!(doc.title.as_deref(), Some("Kazakhstan Hedges Between Moscow & Beijing | The Faultline Ledger"));
    let ss = sentences(&doc);
    assert_eq!(ss.len(), 10);
    let all: String = ss.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
    for furniture in [
        "World",
        "Opinion",
        "Subscribe",
        "Central Asia",
        "not text",
        "dataLayer",
        "Share",
        "Email",
        "Related",
        "Neighbors Are Nervous",
        "Join the Conversation",
        "Your comment",
        "Most Read",
        "Privacy",
        "rights reserved",
        "Getty",
        "We will not recognize them",
    ] {
        assert!(!all.contains(furniture), "{furniture:?} leaked into:\n{all}");
    }
    for s in &ss {
        let src = &html[s.start..s.end];
        assert_eq!(squash(&strip_html(src)), squash(&s.text), "{src:?}");
        // Token spans land inside the sentence's source span.
        for t in &s.tokens {
            let span = s.original_span(t.start as usize..t.end as usize);
            assert!(span.start >= s.start && span.end <= s.end);
        }
    }
    // A decoded entity maps to the whole entity.
    let s = ss.iter().find(|s| s.text.contains("sovereignty--a")).unwrap();
    let dash = s.text.find("--").unwrap();
    assert_eq!(&html[s.original_span(dash..dash + 2)], "&mdash;");
}

/// Whitespace removed only: stricter than `faultline_testdata::squash`,
/// which also straightens quotes and dashes.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
