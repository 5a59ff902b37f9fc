//! The main text of an HTML article page, with a map back to the HTML source.
//!
//! Parsing uses `html5tokenizer`, a WHATWG-compliant tokenizer that reports a
//! source span for every character it emits (character references included).
//! It does no tree construction, so this module keeps only what extraction
//! needs: which elements are dropped (scripts, styles, navigation, page
//! headers and footers, asides, forms, related-article and share widgets,
//! hidden elements), which elements break paragraphs, and where `<article>`
//! and `<main>` begin and end. Dropped regions are tracked by counting start
//! and end tags of the dropped element's own name, so an unclosed `<li>` or
//! `<p>` inside a `<nav>` cannot swallow the rest of the page.
//!
//! Forms are dropped after the fact rather than skipped: some sites wrap the
//! whole page in one `<form>` (ASP.NET), so a form's text is removed only
//! when the form does not contain the chosen article region.

use html5tokenizer::offset::PosTrackingReader;
use html5tokenizer::{Emitter, Error as HtmlError, NaiveParser};
use std::ops::Range;

use crate::offsets::{OffsetMap, OffsetMapBuilder};

/// Text extracted from an HTML page.
#[derive(Debug, Clone)]
pub struct HtmlText {
    /// The article text: paragraphs separated by blank lines, `<br>` as a line break.
    pub text: String,
    /// Map from `text` to byte offsets in the HTML string that was parsed.
    pub map: OffsetMap,
    /// The page's `<title>`, whitespace-collapsed, when present.
    pub title: Option<String>,
}

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "iframe", "svg", "math", "button", "select",
    "textarea", "head", "object", "embed", "canvas", "audio", "video", "dialog",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that may omit their end tag or have none: class-based dropping
/// is never applied to them, since an unclosed one would never end.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
    "rb", "rt", "rp", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Words in `class`/`id` attributes that mark page furniture rather than the
/// article (matched against the attribute split on whitespace, `-` and `_`).
const FURNITURE_WORDS: &[&str] = &[
    "related",
    "recommended",
    "recommendations",
    "recirc",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "paywall",
    "share",
    "sharing",
    "social",
    "comments",
    "comment",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "sponsored",
    "cookie",
    "cookies",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "outbrain",
    "taboola",
    "signup",
    "login",
    "popular",
    "trending",
    "navigation",
    "navbar",
    "menu",
    "footer",
    "masthead",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"];

/// Extracts the article text of an HTML page.
///
/// Prefers the largest `<article>`, then the largest `<main>`, then the whole
/// page, always without dropped elements. Never fails: HTML parse errors are
/// recovered the way browsers recover them.
pub fn extract(html: &str) -> HtmlText {
    let mut ex = Extractor::new(html);
    let parser = NaiveParser::new_with_emitter(PosTrackingReader::new(html), &mut ex);
    for _ in parser {}
    ex.finish()
}

#[derive(Default)]
struct Tag {
    name: String,
    is_end: bool,
    self_closing: bool,
    start: usize,
    attrs: Vec<(String, String)>,
}

/// A pending separator written before the next text character.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    Space,
    Line,
    Paragraph,
}

struct Extractor<'a> {
    input: &'a str,
    out: String,
    map: OffsetMapBuilder,
    tag: Tag,
    /// Name and nesting depth of the element being dropped.
    skip: Option<(String, usize)>,
    article_stack: Vec<usize>,
    main_stack: Vec<usize>,
    articles: Vec<Range<usize>>,
    mains: Vec<Range<usize>>,
    form_stack: Vec<usize>,
    forms: Vec<Range<usize>>,
    pre_depth: usize,
    sep: Sep,
    sep_src: Range<usize>,
    in_title: bool,
    title: String,
    /// Source offset up to which the input has been accounted for; used to
    /// repair the tokenizer's character spans, which can be off after some
    /// parse errors (`&</` at the end of input).
    cursor: usize,
}

impl<'a> Extractor<'a> {
    fn new(input: &'a str) -> Self {
        Extractor {
            input,
            out: String::with_capacity(input.len() / 3),
            map: OffsetMapBuilder::default(),
            tag: Tag::default(),
            skip: None,
            article_stack: Vec::new(),
            main_stack: Vec::new(),
            articles: Vec::new(),
            mains: Vec::new(),
            form_stack: Vec::new(),
            forms: Vec::new(),
            pre_depth: 0,
            sep: Sep::None,
            sep_src: 0..0,
            in_title: false,
            title: String::new(),
            cursor: 0,
        }
    }

    fn request_sep(&mut self, sep: Sep, src: Range<usize>) {
        let len = self.input.len();
        let src = src.start.min(len)..src.end.min(len).max(src.start.min(len));
        if sep > self.sep {
            self.sep = sep;
            self.sep_src = src;
        }
    }

    /// The source span of character `c`, given the tokenizer's report:
    /// a literal character where the report (or else the cursor) shows it,
    /// a whole character reference for a decoded one, and the clamped
    /// report otherwise (CR LF → LF, NUL → U+FFFD, the second character of
    /// a two-character reference).
    fn fix_span(&mut self, c: char, span: Range<usize>) -> Range<usize> {
        let len = self.input.len();
        let b = self.input.as_bytes();
        let s = span.start.min(len);
        let e = span.end.min(len).max(s);
        let n = c.len_utf8();
        let lit_at = |p: usize| self.input.get(p..p + n).is_some_and(|t| t.starts_with(c));
        let cur = self.cursor.min(len);
        let r = if s >= cur && e - s == n && lit_at(s) {
            s..s + n
        } else if s >= cur && b.get(s) == Some(&b'&') && e - s != n {
            s..char_ref_end(b, s)
        } else if lit_at(cur) {
            cur..cur + n
        } else if b.get(cur) == Some(&b'&') {
            cur..char_ref_end(b, cur)
        } else {
            s..e
        };
        self.cursor = self.cursor.max(r.end);
        r
    }

    /// Moves the cursor past markup that ended at `offset`.
    fn skip_to(&mut self, offset: usize) {
        self.cursor = self.cursor.max(offset.min(self.input.len()));
    }

    fn text_char(&mut self, c: char, span: Range<usize>) {
        let span = self.fix_span(c, span);
        if self.in_title {
            self.title.push(c);
        }
        if self.skip.is_some() {
            return;
        }
        let is_ws = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
        if is_ws && self.pre_depth == 0 {
            self.request_sep(Sep::Space, span);
            return;
        }
        if is_ws && c != ' ' && c != '\t' {
            self.request_sep(Sep::Line, span);
            return;
        }
        if self.sep != Sep::None && !self.out.is_empty() {
            let sep = match self.sep {
                Sep::Paragraph => "\n\n",
                Sep::Line => "\n",
                _ => " ",
            };
            let src = self.sep_src.clone();
            if sep.len() == 1 && src.len() == 1 {
                self.map.exact(self.out.len(), src.start, 1);
            } else {
                self.map.replace(self.out.len(), src.start, src.end);
            }
            self.out.push_str(sep);
        }
        self.sep = Sep::None;
        let at = self.out.len();
        if span.len() == c.len_utf8() && self.input.get(span.clone()).is_some_and(|s| s.starts_with(c)) {
            self.map.exact(at, span.start, span.len());
        } else {
            self.map.replace(at, span.start, span.end);
        }
        self.out.push(c);
    }

    fn start_tag(&mut self, end_offset: usize) {
        let tag = std::mem::take(&mut self.tag);
        let span = tag.start..end_offset.max(tag.start);
        let name = tag.name.as_str();
        if name == "title" && !tag.self_closing {
            self.in_title = true;
        }
        if let Some((root, depth)) = &mut self.skip {
            if root == name && !tag.self_closing {
                *depth += 1;
            }
            return;
        }
        let in_story = !self.article_stack.is_empty() || !self.main_stack.is_empty();
        let drop = DROPPED.contains(&name) || (name == "header" && !in_story) || is_furniture(name, &tag.attrs);
        if drop && !tag.self_closing && !is_void(name) {
            self.request_sep(Sep::Paragraph, span);
            self.skip = Some((tag.name, 1));
            return;
        }
        match name {
            "br" => self.request_sep(Sep::Line, span.clone()),
            "pre" => self.pre_depth += 1,
            "article" => self.article_stack.push(self.out.len()),
            "main" => self.main_stack.push(self.out.len()),
            "form" if !tag.self_closing => {
                self.request_sep(Sep::Paragraph, span.clone());
                self.form_stack.push(self.out.len());
            }
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.request_sep(Sep::Paragraph, span);
        }
    }

    fn end_tag(&mut self, end_offset: usize) {
        let tag = std::mem::take(&mut self.tag);
        let span = tag.start..end_offset.max(tag.start);
        let name = tag.name.as_str();
        if name == "title" {
            self.in_title = false;
        }
        if let Some((root, depth)) = &mut self.skip {
            if root == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                    self.request_sep(Sep::Paragraph, span);
                }
            }
            return;
        }
        match name {
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            "article" => {
                if let Some(s) = self.article_stack.pop() {
                    self.articles.push(s..self.out.len());
                }
            }
            "main" => {
                if let Some(s) = self.main_stack.pop() {
                    self.mains.push(s..self.out.len());
                }
            }
            "form" => {
                self.request_sep(Sep::Paragraph, span.clone());
                if let Some(s) = self.form_stack.pop() {
                    self.forms.push(s..self.out.len());
                }
            }
            "br" => self.request_sep(Sep::Line, span.clone()),
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.request_sep(Sep::Paragraph, span);
        }
    }

    fn finish(mut self) -> HtmlText {
        let end = self.out.len();
        for s in self.article_stack.drain(..) {
            self.articles.push(s..end);
        }
        for s in self.main_stack.drain(..) {
            self.mains.push(s..end);
        }
        let largest = |v: &[Range<usize>]| v.iter().max_by_key(|r| r.len()).cloned();
        let region = largest(&self.articles)
            .filter(|r| !self.out[r.clone()].trim().is_empty())
            .or_else(|| largest(&self.mains).filter(|r| !self.out[r.clone()].trim().is_empty()))
            .unwrap_or(0..end);
        for s in self.form_stack.drain(..) {
            self.forms.push(s..end);
        }
        // The region minus the forms that do not contain it.
        let mut pieces = vec![region.clone()];
        for f in &self.forms {
            if f.start <= region.start && region.end <= f.end {
                continue;
            }
            pieces = pieces
                .into_iter()
                .flat_map(|p| [p.start..f.start.clamp(p.start, p.end), f.end.clamp(p.start, p.end)..p.end])
                .filter(|p| !p.is_empty())
                .collect();
        }
        let full = self.map.finish(end);
        let mut text = String::new();
        let mut b = OffsetMapBuilder::default();
        let mut prev_end: Option<usize> = None;
        for p in pieces {
            let slice = &self.out[p.clone()];
            let lead = slice.len() - slice.trim_start().len();
            let kept = slice.trim().len();
            if kept == 0 {
                continue;
            }
            let p = p.start + lead..p.start + lead + kept;
            let piece_map = full.slice(p.clone());
            if let Some(pe) = prev_end {
                b.replace(text.len(), pe, piece_map.start(0).max(pe));
                text.push_str("\n\n");
            }
            piece_map.append_to(&mut b, text.len());
            text.push_str(&self.out[p]);
            prev_end = Some(piece_map.end(kept));
        }
        let map = b.finish(text.len());
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        HtmlText { text, map, title: (!title.is_empty()).then_some(title) }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// True for elements whose attributes mark them as page furniture.
fn is_furniture(name: &str, attrs: &[(String, String)]) -> bool {
    if OPTIONAL_END.contains(&name) {
        return false;
    }
    attrs.iter().any(|(k, v)| match k.as_str() {
        "hidden" => true,
        "aria-hidden" => v.eq_ignore_ascii_case("true"),
        "role" => FURNITURE_ROLES.iter().any(|r| v.eq_ignore_ascii_case(r)),
        "style" => {
            let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
            compact.to_ascii_lowercase().contains("display:none")
        }
        "class" | "id" => v
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|w| FURNITURE_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))),
        _ => false,
    })
}

/// End of the character reference starting with `&` at `start`: `&#123;`,
/// `&#x1F;`, `&name;` (the `;` is optional in legacy references).
fn char_ref_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        if matches!(b.get(i), Some(b'x' | b'X')) {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_hexdigit) {
                i += 1;
            }
        } else {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    } else {
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    i.min(b.len())
}

impl Iterator for &mut Extractor<'_> {
    type Item = ();
    fn next(&mut self) -> Option<()> {
        // Everything happens in the emitter callbacks; the parser is only
        // driven to the end.
        None
    }
}

impl Emitter<usize> for &mut Extractor<'_> {
    fn report_error(&mut self, _error: HtmlError, _span: Range<usize>) {}

    fn emit_char(&mut self, c: char, span: Range<usize>) {
        self.text_char(c, span);
    }

    fn emit_eof(&mut self, _offset: usize) {}

    fn init_start_tag(&mut self, tag_offset: usize, _name_offset: usize) {
        self.tag = Tag { start: tag_offset, ..Tag::default() };
    }

    fn init_end_tag(&mut self, tag_offset: usize, _name_offset: usize) {
        self.tag = Tag { start: tag_offset, is_end: true, ..Tag::default() };
    }

    fn push_tag_name(&mut self, s: &str) {
        self.tag.name.push_str(s);
    }

    fn init_attribute_name(&mut self, _offset: usize) {
        self.tag.attrs.push((String::new(), String::new()));
    }

    fn push_attribute_name(&mut self, s: &str) {
        if let Some(a) = self.tag.attrs.last_mut() {
            a.0.push_str(s);
        }
    }

    fn push_attribute_value(&mut self, s: &str) {
        if let Some(a) = self.tag.attrs.last_mut() {
            a.1.push_str(s);
        }
    }

    fn set_self_closing(&mut self, _slash_span: Range<usize>) {
        self.tag.self_closing = true;
    }

    fn emit_current_tag(&mut self, offset: usize) {
        self.skip_to(offset);
        if self.tag.is_end {
            self.end_tag(offset);
        } else {
            self.start_tag(offset);
        }
    }

    fn init_comment(&mut self, _data_start_offset: usize) {}
    fn push_comment(&mut self, _s: &str) {}
    fn emit_current_comment(&mut self, data_end_offset: usize) {
        self.skip_to(data_end_offset);
    }
    fn init_doctype(&mut self, _offset: usize) {}
    fn push_doctype_name(&mut self, _s: &str) {}
    fn init_doctype_public_id(&mut self, _offset: usize) {}
    fn push_doctype_public_id(&mut self, _s: &str) {}
    fn init_doctype_system_id(&mut self, _offset: usize) {}
    fn push_doctype_system_id(&mut self, _s: &str) {}
    fn set_force_quirks(&mut self) {}
    fn emit_current_doctype(&mut self, offset: usize) {
        self.skip_to(offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_offsets(html: &str, out: &HtmlText) {
        // Every non-space character of the text must come from its span.
        let mut i = 0;
        while i < out.text.len() {
            let c = out.text[i..].chars().next().unwrap();
            let n = c.len_utf8();
            if !c.is_whitespace() {
                let span = out.map.span(i..i + n);
                let src = &html[span.clone()];
                assert!(src.starts_with(c) || src.starts_with('&'), "{c:?} ← {src:?} at {span:?}");
            }
            i += n;
        }
    }

    #[test]
    fn drops_furniture_and_keeps_article() {
        let html = "<html><head><title>T  x</title><script>if (a<b) {}</script></head><body>\
            <nav><ul><li><a href=/>Home</a><li>World</ul></nav><header>Site</header>\
            <article><h1>Head&amp;line</h1><p>First para.<p>Second&nbsp;para &#8217;s.\
            <div class=\"related-links\"><a>Other story</a></div></article>\
            <footer>Legal</footer><form><label>Email</label><input></form></body></html>";
        let out = extract(html);
        assert_eq!(out.text, "Head&line\n\nFirst para.\n\nSecond\u{a0}para \u{2019}s.");
        assert_eq!(out.title.as_deref(), Some("T x"));
        check_offsets(html, &out);
        let amp = out.text.find('&').unwrap();
        assert_eq!(&html[out.map.span(amp..amp + 1)], "&amp;");
        let q = out.text.find('\u{2019}').unwrap();
        assert_eq!(&html[out.map.span(q..q + 3)], "&#8217;");
    }

    #[test]
    fn whole_page_without_article() {
        let html = "<body><p>One\n two</p><p>Three<br>four</p><aside>x</aside></body>";
        let out = extract(html);
        assert_eq!(out.text, "One two\n\nThree\nfour");
        check_offsets(html, &out);
    }

    #[test]
    fn spans_stay_inside_input_after_parse_errors() {
        for html in ["&</", "a&</", "&amp</", "<p>x &# y</p>", "&#x1F600;&", "<!-- c -->&lt;b&gt;", "a\r\nb"] {
            let out = extract(html);
            check_offsets(html, &out);
            assert!(out.map.end(out.text.len()) <= html.len(), "{html:?}");
        }
    }

    #[test]
    fn page_wide_form_is_kept_inner_forms_dropped() {
        let html =
            "<form id=aspnet><p>Story text here.</p><form class=x>Sign me up</form><p>More &amp; more.</p></form>";
        let out = extract(html);
        assert_eq!(out.text, "Story text here.\n\nMore & more.");
        check_offsets(html, &out);
        let out = extract("<p>Body.</p><form>Search this site</form><p>End.</p>");
        assert_eq!(out.text, "Body.\n\nEnd.");
    }

    #[test]
    fn pre_keeps_lines() {
        let out = extract("<pre>a\nb</pre>");
        assert_eq!(out.text, "a\nb");
    }
}
