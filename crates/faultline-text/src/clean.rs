//! Clean-up: which parts of a document's text are article body.
//!
//! The result is a list of *blocks*: byte ranges of the document text, each a
//! run of kept lines from one paragraph. Nothing is copied, so offsets stay
//! exact. A block boundary always ends a sentence.
//!
//! Every rule is anchored on whole lines, so body text is never cut because
//! it merely *mentions* a trigger word:
//!
//! * **Duplicates** — a line (trimmed, at least [`MIN_DEDUP_BYTES`] long)
//!   identical to an earlier line is dropped: scraped pages repeat
//!   paragraphs and photo captions. Short lines are exempt because short
//!   lines ("Yes.", list items) legitimately repeat.
//! * **Superseded alt text** — a line that the next different line of the
//!   same paragraph starts with (minus its final period) is the image's alt
//!   text followed by its full caption; the shorter copy is dropped.
//! * **Boilerplate** — a line made only of subscription, comment and
//!   navigation phrases ("Join the Conversation", "Already a subscriber?
//!   Log In"), or a short line starting with a comment/subscription template
//!   ("Commenting on this and other recent articles…").
//! * **Related-article tail** — a short heading line such as "More from
//!   Foreign Policy", "Read More On China | War" or "Related stories" ends
//!   the article: it and everything after it are dropped (only once body
//!   text has been seen, so a menu line at the top cannot empty a page).
//!   An inline "Related: headline" line is dropped alone.
//! * **Empty bylines** at the top — "By , a fellow at…" (a byline whose name
//!   the scraper lost) and "By Jane Doe and John Roe" (names only). A byline
//!   with a real sentence after it is kept.
//! * **Photo credits** — "Kenzaburo Fukuhara/Getty Images", "AFP via Getty
//!   Images", "Photo by …": a credit ending a caption line is cut off (the
//!   caption kept); a line that is only a credit is dropped.

use std::collections::HashSet;
use std::ops::Range;

/// Lines shorter than this are never dropped as duplicates.
pub const MIN_DEDUP_BYTES: usize = 20;

/// Why lines were dropped, for diagnostics and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanStats {
    /// Duplicate lines dropped.
    pub duplicates: usize,
    /// Alt-text lines superseded by the following full caption.
    pub superseded: usize,
    /// Boilerplate lines (subscription, comments, bylines, inline related links).
    pub boilerplate: usize,
    /// Photo credits removed (whole lines or caption endings).
    pub credits: usize,
    /// Byte offset where the related-article tail starts, when found.
    pub tail_start: Option<usize>,
}

/// The kept parts of a document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Kept blocks, in order, as byte ranges of the text.
    pub blocks: Vec<Range<usize>>,
    /// What was dropped.
    pub stats: CleanStats,
}

/// Finds the article body in `text`.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut seen_body = false;
    let lines = Lines::new(text);
    // The block being built, and whether the next kept line may join it.
    let mut open: Option<Range<usize>> = None;
    let mut joinable = false;
    for line in lines {
        let t = &text[line.clone()];
        if t.is_empty() {
            joinable = false;
            continue;
        }
        let mut keep = true;
        let mut end = line.end;
        if is_tail_heading(t) && seen_body {
            out.stats.tail_start = Some(line.start);
            break;
        } else if is_boilerplate(t) || is_tail_heading(t) || is_inline_related(t) || (!seen_body && is_empty_byline(t))
        {
            out.stats.boilerplate += 1;
            keep = false;
        } else if t.len() >= MIN_DEDUP_BYTES && !seen.insert(t) {
            out.stats.duplicates += 1;
            keep = false;
        } else if is_superseded(t, text, line.end) {
            out.stats.superseded += 1;
            keep = false;
        } else if let Some(cut) = credit_start(t) {
            out.stats.credits += 1;
            if cut == 0 {
                keep = false;
            } else {
                end = line.start + t[..cut].trim_end().len();
            }
        }
        if !keep {
            joinable = false;
            continue;
        }
        if !seen_body && looks_like_body(t) {
            seen_body = true;
        }
        match (&mut open, joinable) {
            (Some(b), true) => b.end = end,
            _ => {
                if let Some(b) = open.take() {
                    out.blocks.push(b);
                }
                open = Some(line.start..end);
            }
        }
        // A cut-off credit leaves a gap: the next line starts a new block.
        joinable = end == line.end;
    }
    if let Some(b) = open {
        out.blocks.push(b);
    }
    out
}

/// The paragraphs of `text` (runs of non-blank lines) without any clean-up.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for line in Lines::new(text) {
        if line.is_empty() {
            out.extend(open.take());
        } else if let Some(b) = &mut open {
            b.end = line.end;
        } else {
            open = Some(line);
        }
    }
    out.extend(open);
    out
}

/// Iterates over lines as trimmed byte ranges (empty range for blank lines).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, pos: 0 }
    }
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;
    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let end = memchr::memchr(b'\n', &bytes[self.pos..]).map_or(bytes.len(), |i| self.pos + i);
        let r = trim_range(self.text, self.pos..end);
        self.pos = end + 1;
        Some(r)
    }
}

/// Whitespace for clean-up purposes, including no-break and zero-width spaces.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let t = s.trim_matches(is_space);
    r.start + lead..r.start + lead + t.len()
}

/// True once a line reads like article prose rather than a headline or label.
fn looks_like_body(t: &str) -> bool {
    t.len() >= 200 || t.matches(". ").count() >= 1 && t.ends_with(['.', '"', '\u{201D}']) && t.len() >= 80
}

/// Case-insensitive ASCII prefix test that treats curly apostrophes as straight.
fn starts_with_ci(t: &str, prefix: &str) -> bool {
    let mut tc = t.chars();
    for p in prefix.chars() {
        match tc.next() {
            Some(c) if c.eq_ignore_ascii_case(&p) => {}
            Some('\u{2019}') if p == '\'' => {}
            _ => return false,
        }
    }
    true
}

/// Byte length of `prefix` as matched at the start of `t` (curly quotes are longer).
fn matched_len(t: &str, prefix: &str) -> usize {
    t.char_indices().nth(prefix.chars().count()).map_or(t.len(), |(i, _)| i)
}

fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}

/// Phrases that make up boilerplate lines on their own (longest first
/// within a shared prefix, so "subscribe now" wins over "subscribe").
const BOILERPLATE_PHRASES: &[&str] = &[
    "join the conversation",
    "already a subscriber?",
    "already a subscriber",
    "already have an account?",
    "not your account?",
    "log in",
    "login",
    "log out",
    "sign in",
    "sign up",
    "sign out",
    "subscribe now",
    "subscribe today",
    "subscribe",
    "register",
    "create an account",
    "create a free account",
    "advertisement",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share",
    "show comments",
    "hide comments",
    "view comments",
    "comments",
    "print",
    "email",
    "skip to main content",
    "skip to content",
    "read more",
    "continue reading",
    "listen to this article",
    "back to top",
    "close",
    "menu",
];

/// Sentence templates that begin boilerplate lines.
const BOILERPLATE_TEMPLATES: &[&str] = &[
    "commenting on this and other recent articles",
    "join the conversation on this and other",
    "please follow our comment guidelines",
    "you are commenting as",
    "sign up for our",
    "sign up to receive",
    "subscribe to our",
    "subscribe to read",
    "to continue reading",
    "this article is for subscribers",
    "this story is available to subscribers",
    "already a subscriber?",
    "you have reached your",
    "you've read",
    "get unlimited access",
    "click here to",
    "follow us on",
    "copyright \u{a9}",
    "\u{a9}",
    "(c) copyright",
    "all rights reserved",
];

/// A line consisting only of boilerplate phrases (and separators), or a
/// short line starting with a boilerplate template.
pub fn is_boilerplate(t: &str) -> bool {
    // Cheap first-byte filter: this runs on every line of every document.
    let first = |s: &str| s.as_bytes().first().map(u8::to_ascii_lowercase);
    let f = first(t);
    if BOILERPLATE_TEMPLATES.iter().any(|p| first(p) == f && starts_with_ci(t, p)) && word_count(t) <= 40 {
        return true;
    }
    // Lines made of phrases are short.
    if t.len() > 200 {
        return false;
    }
    let mut rest = t;
    let mut matched = false;
    loop {
        rest = rest.trim_start_matches(|c: char| is_space(c) || ".,:;|?!\u{b7}\u{2022}\u{203a}\u{bb}>/-".contains(c));
        if rest.is_empty() {
            return matched;
        }
        let f = first(rest);
        let Some(p) = BOILERPLATE_PHRASES.iter().find(|p| {
            first(p) == f
                && starts_with_ci(rest, p)
                && !rest[matched_len(rest, p)..].starts_with(|c: char| c.is_alphanumeric())
        }) else {
            return false;
        };
        rest = &rest[matched_len(rest, p)..];
        matched = true;
    }
}

/// A heading that starts the related-articles tail: short, no final period.
pub fn is_tail_heading(t: &str) -> bool {
    if t.len() > 80 || t.ends_with(['.', '!', '?']) {
        return false;
    }
    let words = word_count(t);
    let bare = t.trim_end_matches([':', ' ', '\u{a0}']);
    let lower = bare.to_ascii_lowercase();
    const EXACT: &[&str] = &[
        "related",
        "related articles",
        "related stories",
        "related content",
        "related coverage",
        "related reading",
        "related posts",
        "related news",
        "recommended",
        "recommended for you",
        "recommended stories",
        "recommended reading",
        "you may also like",
        "you might also like",
        "most read",
        "most popular",
        "popular now",
        "trending now",
        "more stories",
        "more news",
        "more on this story",
        "more on this topic",
    ];
    EXACT.contains(&lower.as_str())
        || (words <= 6 && (lower.starts_with("more from ")))
        || (words <= 10 && (lower.starts_with("read more on ") || lower.starts_with("read more about ")))
}

/// "Related: Some headline" as a line of its own.
fn is_inline_related(t: &str) -> bool {
    starts_with_ci(t, "related:") && word_count(t) <= 25 && !t.ends_with('.')
}

/// A top-of-article byline with no sentence in it: "By , a fellow at…"
/// (name lost by the scraper) or "By Jane Doe and John Roe".
fn is_empty_byline(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("By ") else {
        return false;
    };
    let rest = rest.trim_start();
    if rest.starts_with(',') {
        return true;
    }
    if t.ends_with(['.', '!', '?']) || word_count(rest) > 10 {
        return false;
    }
    rest.split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .all(|w| w == "and" || w.starts_with(|c: char| c.is_uppercase()))
}

/// True when a later line of the same paragraph (after copies of this one)
/// starts with this line minus its final period and is longer.
fn is_superseded(t: &str, text: &str, line_end: usize) -> bool {
    let stem = t.trim_end_matches(['.', ' ']);
    if stem.len() < MIN_DEDUP_BYTES || t.len() > 2000 {
        return false;
    }
    // `line_end` is the trimmed end: the next line starts after the newline.
    let Some(nl) = memchr::memchr(b'\n', &text.as_bytes()[line_end..]) else {
        return false;
    };
    let mut lines = Lines { text, pos: line_end + nl + 1 };
    for next in lines.by_ref() {
        let n = &text[next];
        if n.is_empty() {
            return false;
        }
        if n == t {
            continue;
        }
        return n.len() > stem.len() && n.starts_with(stem);
    }
    false
}

/// Agency names that identify photo credits.
const AGENCIES: &[&str] = &[
    "Getty Images",
    "Getty",
    "AFP",
    "Reuters",
    "AP",
    "AP Photo",
    "EPA",
    "EPA-EFE",
    "Xinhua",
    "Sputnik",
    "TASS",
    "Bloomberg",
    "Shutterstock",
    "Alamy",
    "Pool",
    "Kremlin",
    "Anadolu Agency",
    "Anadolu",
    "Kyodo",
    "Yonhap",
    "NurPhoto",
    "SOPA Images",
    "LightRocket",
    "Bloomberg via Getty Images",
];

/// Byte offset in `t` where a trailing photo credit starts (0: the whole
/// line is a credit), if there is one.
pub fn credit_start(t: &str) -> Option<usize> {
    // A parenthesised agency ending a caption: "… in Yangon (AFP)".
    if let Some(open) = t.strip_suffix(')').and_then(|r| r.rfind('(')) {
        let inner = &t[open + 1..t.len() - 1];
        let is_agency = |p: &str| AGENCIES.iter().any(|a| p.trim().eq_ignore_ascii_case(a));
        if is_agency(inner) || (inner.contains('/') && inner.split('/').any(is_agency)) {
            return Some(open);
        }
    }
    // Credits carry no final punctuation: most lines are rejected here.
    if t.ends_with(['.', '!', '?', ',', ';', ':', '"', '\u{201D}', ')']) {
        return None;
    }
    // The credit is the last "sentence" of the line: after the last ". ",
    // searched for only in the line's tail (a credit is at most ten words).
    let mut tail_start = t.len().saturating_sub(160);
    while !t.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let tail = &t[tail_start..];
    let start = [". ", "? ", "! ", ".\u{a0}", " | "]
        .iter()
        .filter_map(|sep| tail.rfind(sep).map(|i| tail_start + i + sep.len()))
        .max()
        .unwrap_or(0);
    let seg = t[start..].trim();
    if seg.is_empty() || seg.ends_with(['.', '!', '?', ',', ';', ':']) || word_count(seg) > 10 {
        return None;
    }
    let prefixed = [
        "photo by ",
        "photograph by ",
        "photo: ",
        "photograph: ",
        "image: ",
        "credit: ",
        "photo courtesy",
        "image courtesy",
        "photos by ",
    ]
    .iter()
    .any(|p| starts_with_ci(seg, p));
    let capitalised = seg.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| {
        matches!(w, "via" | "for" | "and" | "of" | "de" | "van" | "von" | "/")
            || w.starts_with(|c: char| c.is_uppercase())
    });
    let agency = seg.contains("Getty Images")
        || seg.contains(" via ")
        || (seg.contains('/')
            && seg.split('/').any(|part| AGENCIES.iter().any(|a| part.trim().eq_ignore_ascii_case(a))))
        || AGENCIES.contains(&seg);
    if prefixed || (capitalised && agency) {
        Some(start)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        clean(text).blocks.into_iter().map(|r| &text[r]).collect()
    }

    const BODY: &str = "This is a long body paragraph about diplomacy. It has two sentences and is clearly prose, written for the test at hand.";

    #[test]
    fn drops_duplicate_paragraphs_and_lines() {
        let text = format!("{BODY}\n\n{BODY}\n\nShort.\n\nShort.\n");
        assert_eq!(kept(&text), vec![BODY, "Short.", "Short."]);
    }

    #[test]
    fn alt_text_then_caption() {
        let text = "Putin and Xi attend a meeting.\nPutin and Xi attend a meeting.\nPutin and Xi attend a meeting in Beijing on April 26, 2019. Kenzaburo Fukuhara/Getty Images\n";
        assert_eq!(kept(text), vec!["Putin and Xi attend a meeting in Beijing on April 26, 2019."]);
    }

    #[test]
    fn credits() {
        assert_eq!(credit_start("Kenzaburo Fukuhara/Getty Images"), Some(0));
        assert_eq!(credit_start("A caption. AFP via Getty Images"), Some(11));
        assert_eq!(credit_start("A caption. Photo by Jane Doe"), Some(11));
        assert_eq!(credit_start("Mikhail Metzel/Sputnik/AFP via Getty Images"), Some(0));
        assert_eq!(credit_start("He spoke to Reuters."), None);
        assert_eq!(credit_start("The photo was taken by AFP via Getty Images"), None);
        assert_eq!(credit_start("Russia and China Are Not Allies"), None);
        assert_eq!(credit_start("Leaders sign in Port Louis, November 3, 2014. REUTERS/Alexandria Sage"), Some(46));
        assert_eq!(credit_start("A march on August 8, 2014 in Yangon, Myanmar (AFP)"), Some(45));
        assert_eq!(credit_start("Talks with Reuters (Reuters) went well."), None);
        assert_eq!(credit_start("(NIA KAPOLLADZE/AFP/Getty Images)"), Some(0));
        assert_eq!(credit_start("Schools and Hospitals in Gaza/West Bank"), None);
    }

    #[test]
    fn boilerplate_lines() {
        for b in [
            "Join the Conversation",
            "Already a subscriber? .",
            "Already a subscriber? Log In",
            "Not your account?",
            "You are commenting as .",
            "Please follow our comment guidelines, stay on topic, and be civil.",
            "Commenting on this and other recent articles is just one benefit of a Foreign Policy subscription.",
            "Subscribe now | Sign up",
            "\u{a9} 2014 AFP",
            "All rights reserved.",
        ] {
            assert!(is_boilerplate(b), "{b}");
        }
        for body in [
            "Readers who subscribe now will see that the war has changed.",
            "Join the conversation about Ukraine, the minister urged delegates.",
            "Log in records show the minister visited twice.",
            "Sharehold agreements were signed.",
        ] {
            assert!(!is_boilerplate(body), "{body}");
        }
    }

    #[test]
    fn tail_is_cut_only_from_a_heading_line() {
        let text = format!(
            "{BODY}\n\nMore from the Kremlin came on Tuesday, when officials said so.\n\nWe heard more from Foreign Policy readers. They subscribe now.\n\nMore from Foreign Policy\n\nOther story.\n"
        );
        let k = kept(&text);
        assert_eq!(k.len(), 3, "{k:?}");
        assert!(k[2].starts_with("We heard more"));
        assert!(is_tail_heading("Read More On China | War"));
        assert!(is_tail_heading("Related stories:"));
        assert!(!is_tail_heading("More from the Kremlin came on Tuesday."));
    }

    #[test]
    fn tail_heading_before_body_is_only_a_line() {
        let text = format!("More from Foreign Policy\n\n{BODY}\n");
        assert_eq!(kept(&text), vec![BODY]);
    }

    #[test]
    fn bylines() {
        assert!(is_empty_byline("By , a distinguished fellow at the Stimson Center."));
        assert!(is_empty_byline("By Jane Doe and John Roe"));
        assert!(!is_empty_byline("By July 2022, U.S. officials acknowledged it."));
        assert!(!is_empty_byline("By Monday the troops had left"));
    }

    #[test]
    fn paragraph_lines_join_into_one_block() {
        let text = "Line one of a wrapped\nparagraph ends here.\n\nNext.";
        assert_eq!(kept(text), vec!["Line one of a wrapped\nparagraph ends here.", "Next."]);
    }
}
