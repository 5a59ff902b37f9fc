//! Date expressions in news sentences, resolved to calendar dates.
//!
//! # Brief overview
//!
//! A [`DateResolver`] is made once per document with the document's date (if
//! known) and is fed that document's sentences in order through
//! [`DateResolver::find`], which returns the [`DateMention`]s of a sentence:
//! byte span, text, resolved [`Date`] and [`Precision`]. The resolver keeps the
//! last date it resolved, so that "that same month" or "the day before" in a
//! later sentence refers back to it.
//!
//! ```
//! use faultline_text::{Date, DateResolver, Precision};
//!
//! let mut dates = DateResolver::new(Some("2023-02-01".parse().unwrap()));
//! let m = dates.find("Xi visited Kazakhstan last September.");
//! assert_eq!(m[0].text, "last September");
//! assert_eq!(m[0].value, Date::from_ymd(2022, 9, 1).unwrap());
//! assert_eq!(m[0].precision, Precision::Month);
//! let m = dates.find("Putin spoke at a summit that same month.");
//! assert_eq!((m[0].text.as_str(), m[0].value.to_string()), ("that same month", "2022-09-01".to_string()));
//! ```
//!
//! # What is recognised
//!
//! * Absolute dates: "April 26, 2019", "26 April 2019", "Feb. 24, 2022",
//!   "October 2022", "2022-02-24", "24/02/2022" (only when the day is > 12
//!   or day = month, so the reading is unambiguous), years ("in 2014", "since
//!   2014", "the 2014 gas deal", "mid-2022", "Lugo's 2007 visit"), decades
//!   ("the 1990s", "the mid-1950s").
//! * Ranges, as one mention whose value is the first day or year, with the
//!   precision of that first part: "Feb. 24-25, 2022", "December 14 and 18,
//!   2010", "23-25 November 2018", "1993-1995", "2007-09", "2022/23". A
//!   spaced or worded day range ("14 and 18") is only trusted with a year.
//! * Dates without a year ("on Sept. 30", "in October"): the occurrence
//!   nearest the document date, ties going to the past — except a month
//!   that shares the next month's year ("between April and May 2022").
//! * Relative to the document date: yesterday/today/tomorrow, a bare weekday
//!   (the latest one on or before the document date), last/this/next +
//!   month name, weekday, week, weekend, month, year; "earlier this month";
//!   "two days ago", "three years ago", "a decade ago".
//! * Relative to the last date mentioned: "that (same) month", "the same
//!   year", "that day", "the day before", "the following year", "two years
//!   later". These work even when the document date is unknown, because they
//!   do not depend on it.
//!
//! Modifiers "early", "mid(-)", "late" are part of the span ("early October
//! 2022") but do not change the value: the period's first day.
//!
//! # Choices
//!
//! * **Weeks.** [`Precision`] has no week, and a week is not a day. Calling
//!   "last week" a day would claim more than the text says, so "last/this/next
//!   week" resolves to the *month* containing that week's Thursday (the ISO
//!   8601 rule for which month/year a week belongs to), and "last weekend" to
//!   the month of its Saturday. A counted offset, "two weeks ago", is an exact
//!   distance (14 days), so it resolves to that day with day precision, like
//!   "14 days ago".
//! * **"A decade ago"** is a distance of ten years, not a calendar decade: it
//!   resolves to a year. "last decade" and "the last year" (spans of time
//!   ending now) are not emitted at all, nor are "in recent months" and other
//!   vague phrases.
//! * **Bare years** are emitted only in years 1900–2099 and after a word that
//!   makes them read as years (in, since, by, until, of, from, during,
//!   before, after, for, early, mid, late, the, a, a possessive, a season, a
//!   comma, "pre-", "post-"), and never when glued to a currency sign, a
//!   thousands separator, a letter or a per cent sign, or followed by a
//!   counting noun ("2000 troops", "2000 years"). "the 2014 gas deal" *is* a
//!   year mention (year precision): the deal is dated by it.
//! * **Month names alone** ("in October") need a preposition before them
//!   and a capital letter; May, March, April, June and August, which are
//!   also words and names, need one of the stronger prepositions (in, by,
//!   since, until, of, …) where the others also accept "for", "as", "to".
//!   Abbreviations ("Sept.") count only next to a day or a year.
//! * **Unknown document date.** Expressions that need it (including dates
//!   without a year) are consumed but not emitted, so their parts are not
//!   misread either ("on Sept. 30" never becomes anything).
//!
//! # Cost
//!
//! [`DateResolver::find`] first checks cheaply whether the sentence holds a
//! digit or an anchor word (month, weekday, day/week/month/year/decade,
//! yesterday/today/tomorrow…); most sentences stop there, without
//! allocating. Otherwise it tokenises into a buffer the resolver reuses and
//! tries a fixed set of patterns at each token, each looking at a bounded
//! number of tokens: linear time in the sentence length. No regular
//! expressions are involved.

mod calendar;
mod lex;

use crate::date::{Date, Precision};
use calendar::{
    add_months, add_years, monday_of, month_after, month_before, month_in_year_of, nearest_day, nearest_month,
    shift_days, weekday_after, weekday_before, weekday_on_or_before, weekday_this_week,
};
use lex::{Kind, Tok, Unit, Word};

/// A date expression found in a sentence, resolved to a calendar date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DateMention {
    /// The words of the expression as they appear in the sentence.
    pub text: String,
    /// Byte offset of the expression's first byte in the text given to [`DateResolver::find`].
    pub start: usize,
    /// Byte offset one past the expression's last byte.
    pub end: usize,
    /// The resolved date: the first day of the period when coarser than a day.
    pub value: Date,
    /// How precise `value` is.
    pub precision: Precision,
}

/// Finds and resolves date expressions sentence by sentence within one
/// document, keeping the state that relative expressions need (the document
/// date, and the last date mentioned for "that same month").
#[derive(Debug, Clone)]
pub struct DateResolver {
    document_date: Option<Date>,
    /// The last date emitted in this document, for anaphora.
    last: Option<(Date, Precision)>,
    /// Token buffer reused across sentences, so parsing does not allocate
    /// once it has grown to the longest sentence seen.
    tokens: Vec<Tok>,
}

impl DateResolver {
    /// A resolver for a document published on `document_date` (if known).
    pub fn new(document_date: Option<Date>) -> Self {
        DateResolver { document_date, last: None, tokens: Vec::new() }
    }

    /// The document date this resolver was made with.
    pub fn document_date(&self) -> Option<Date> {
        self.document_date
    }

    /// The last date resolved so far in this document and its precision:
    /// what "that same month" would refer to now.
    pub fn last_date(&self) -> Option<(Date, Precision)> {
        self.last
    }

    /// The date expressions in `sentence`, in order, with offsets relative to it.
    ///
    /// Mentions never overlap, and `text` is always `&sentence[start..end]`.
    pub fn find(&mut self, sentence: &str) -> Vec<DateMention> {
        if !lex::worth_parsing(sentence) {
            return Vec::new();
        }
        lex::tokenize(sentence, &mut self.tokens);
        let mut p = Parser { toks: &self.tokens, doc: self.document_date, last: self.last, prev_emit_end: None };
        let mut out = Vec::new();
        let mut i = 0;
        while i < p.toks.len() {
            let Some(hit) = p.try_at(i) else {
                i += 1;
                continue;
            };
            if let Outcome::Emit(value, precision) = hit.outcome {
                let (start, end) = (p.toks[i].start, p.toks[hit.last].end);
                // Token bounds are always char boundaries; `get` keeps that
                // promise from ever turning into a panic.
                if let Some(text) = sentence.get(start..end) {
                    out.push(DateMention { text: text.to_string(), start, end, value, precision });
                    p.last = Some((value, precision));
                    p.prev_emit_end = Some(hit.last);
                }
            }
            i = hit.last + 1;
        }
        self.last = p.last;
        out
    }
}

/// What a matched expression comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A resolved date.
    Emit(Date, Precision),
    /// A recognised expression that cannot be resolved here (unknown document
    /// date, nothing to refer back to, impossible date). Its tokens are still
    /// consumed so that its parts are not read as something else.
    Skip,
}

/// A match starting at the token the parser was asked about and ending at
/// token `last` (inclusive).
#[derive(Debug, Clone, Copy)]
struct Hit {
    last: usize,
    outcome: Outcome,
}

fn hit(last: usize, date: Option<Date>, precision: Precision) -> Option<Hit> {
    let outcome = match date {
        Some(d) => Outcome::Emit(d, precision),
        None => Outcome::Skip,
    };
    Some(Hit { last, outcome })
}

/// Currency signs: a number glued after one is an amount, not a year.
fn is_currency(c: char) -> bool {
    matches!(c, '€' | '£' | '¥' | '₽' | '₹' | '₩' | '₺' | '₴' | '¢' | '₪' | '฿' | '₫' | '₦' | '₱' | '₣')
}

/// The pattern matcher over one sentence's tokens.
struct Parser<'t> {
    toks: &'t [Tok],
    doc: Option<Date>,
    last: Option<(Date, Precision)>,
    /// Index of the last token of the previous mention in this sentence, so
    /// that "between 2014 and 2016" can read the second number as a year.
    prev_emit_end: Option<usize>,
}

impl Parser<'_> {
    // ----- token access -------------------------------------------------

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn word(&self, i: usize) -> Option<Word> {
        match self.kind(i)? {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    fn prev_word(&self, i: usize) -> Option<Word> {
        self.word(i.checked_sub(1)?)
    }

    fn num(&self, i: usize) -> Option<(u32, u32)> {
        match self.kind(i)? {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    fn is_punct(&self, i: usize, c: u8) -> bool {
        self.kind(i) == Some(Kind::Punct(c))
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// End of sentence or a punctuation mark at `i`: nothing follows that
    /// could be what "before"/"after" is relative to.
    fn boundary(&self, i: usize) -> bool {
        !matches!(self.kind(i), Some(Kind::Word(_) | Kind::Num { .. }))
    }

    /// The number at `i` does not continue to the left into a larger token
    /// ("$2014", "6,000", "COVID-19", "A380").
    fn left_isolated(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) {
            return true;
        }
        match self.toks[i - 1].kind {
            Kind::Word(_) | Kind::Num { .. } => false,
            // "pre-2014", "mid-1950s" — but not "COVID-19" or "2014-2016".
            Kind::Punct(b'-') => {
                i >= 2 && self.glued(i - 1) && matches!(self.word(i - 2), Some(Word::PrePost | Word::Mid))
            }
            Kind::Punct(b',' | b'.' | b'/' | b':') => !(i >= 2 && self.glued(i - 1) && self.num(i - 2).is_some()),
            Kind::Punct(b'$' | b'#' | b'+' | b'=' | b'*' | b'@' | b'&' | b'^' | b'~' | b'<' | b'>' | b'|' | b'\\') => {
                false
            }
            Kind::Punct(_) => true,
            Kind::Other(c) => !is_currency(c),
        }
    }

    /// The number at `k` does not continue to the right ("2014km",
    /// "2,014,000", "2022-23", "50%").
    fn right_isolated(&self, k: usize) -> bool {
        if !self.glued(k + 1) {
            return true;
        }
        match self.kind(k + 1) {
            Some(Kind::Word(_) | Kind::Num { .. } | Kind::Punct(b'%')) => false,
            Some(Kind::Punct(b',' | b'.' | b'/' | b'-' | b':')) => !(self.glued(k + 2) && self.num(k + 2).is_some()),
            _ => true,
        }
    }

    /// `i` is preceded by "and"/"or"/"to" that directly follows the previous
    /// mention: "between 2014 and 2016", "in April and May".
    fn chained(&self, connector: usize) -> bool {
        connector >= 1 && self.prev_emit_end == Some(connector - 1)
    }

    /// The token before `i` is "pre-", "post-" or "mid-", hyphen glued on
    /// both sides.
    fn after_prefix_hyphen(&self, i: usize) -> bool {
        i >= 2
            && self.is_punct(i - 1, b'-')
            && self.glued(i - 1)
            && self.glued(i)
            && matches!(self.word(i - 2), Some(Word::PrePost | Word::Mid))
    }

    /// A 4-digit number at `i` reads as a year by the word before it.
    fn year_context(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else { return false };
        match self.toks[p].kind {
            Kind::Word(
                Word::Prep
                | Word::Of
                | Word::The
                | Word::A
                | Word::Early
                | Word::Mid
                | Word::Late
                | Word::Before
                | Word::After
                | Word::Season
                | Word::For
                | Word::Possessive,
            ) => true,
            // "the year 2014"
            Kind::Word(Word::Unit { unit: Unit::Year, plural: false }) => true,
            // "Lugo's 2007 visit"
            Kind::Word(Word::S) => p >= 2 && self.glued(p) && self.possessive(p - 2),
            Kind::Word(Word::Connector) => self.chained(p),
            Kind::Punct(b',' | b'(') => true,
            Kind::Punct(b'-') => self.after_prefix_hyphen(i),
            _ => false,
        }
    }

    /// A month name without day or year at `i` reads as a month (not the
    /// modal "may", a name, or the verb "march") by the word before it.
    /// Names that are nothing but months ("October") need less context than
    /// May, March, April, June and August, which are also names and words.
    fn month_context(&self, i: usize, month: u32) -> bool {
        let only_a_month = matches!(month, 1 | 2 | 7 | 9 | 10 | 11 | 12);
        let Some(p) = i.checked_sub(1) else { return only_a_month };
        match self.toks[p].kind {
            Kind::Word(Word::Prep | Word::Of | Word::Early | Word::Mid | Word::Late | Word::Before | Word::After) => {
                true
            }
            // "slated for October", "as recently as January", "from June to January"
            Kind::Word(Word::For | Word::As | Word::Connector) if only_a_month => true,
            Kind::Word(Word::Connector) => self.chained(p),
            Kind::Punct(b'-') => self.after_prefix_hyphen(i),
            _ => false,
        }
    }

    /// Apostrophe + "s" glued after token `i`.
    fn possessive(&self, i: usize) -> bool {
        self.glued(i + 1)
            && matches!(self.kind(i + 1), Some(Kind::Punct(b'\'') | Kind::Other('\u{2019}')))
            && self.glued(i + 2)
            && self.word(i + 2) == Some(Word::S)
    }

    // ----- patterns -----------------------------------------------------

    /// The expression starting at token `i`, if any.
    fn try_at(&self, i: usize) -> Option<Hit> {
        if let Some(w @ (Word::Early | Word::Mid | Word::Late | Word::Earlier | Word::Later)) = self.word(i) {
            let mut j = i + 1;
            if self.is_punct(j, b'-') && self.glued(j) && self.glued(j + 1) {
                j += 1;
            }
            // "earlier"/"later" only modify "this/last/next …" ("earlier this
            // month"); elsewhere they are comparatives.
            let fits = !matches!(w, Word::Earlier | Word::Later)
                || matches!(self.word(j), Some(Word::This | Word::Last | Word::Next));
            if fits {
                if let Some(h) = self.core(j) {
                    // "early" adds nothing to an exact day; leave it out and
                    // let the loop find the day itself.
                    return match h.outcome {
                        Outcome::Emit(_, Precision::Day) => None,
                        _ => Some(h),
                    };
                }
            }
        }
        self.core(i)
    }

    /// An expression starting at `i` without a leading modifier.
    fn core(&self, i: usize) -> Option<Hit> {
        match self.kind(i)? {
            Kind::Word(Word::Month { month, abbrev }) => self.month_first(i, u32::from(month), abbrev),
            Kind::Num { .. } => self.number_first(i),
            Kind::Word(Word::Weekday(d)) => self.bare_weekday(i, u32::from(d)),
            Kind::Word(Word::Last | Word::This | Word::Next) => self.this_last_next(i),
            Kind::Word(Word::That | Word::The) => self.anaphora(i),
            Kind::Word(Word::Yesterday | Word::Today | Word::Tomorrow | Word::Tonight) => self.deictic(i),
            Kind::Word(Word::A | Word::Count(_)) => self.offset(i),
            _ => None,
        }
    }

    /// A day of the month at `j` ("24", "24th"): the day and the index of its
    /// last token.
    fn day_at(&self, j: usize) -> Option<(u32, usize)> {
        let (v, digits) = self.num(j)?;
        if digits > 2 || !(1..=31).contains(&v) {
            return None;
        }
        if self.glued(j + 1) && self.word(j + 1) == Some(Word::Ordinal) {
            return Some((v, j + 1));
        }
        Some((v, j))
    }

    /// After a day ending at token `end`, a second day joined by a dash or
    /// "to"/"and" ("24-25", "23 - 25", "2nd to 8th"): the index of its last
    /// token, and whether the join is a hyphen glued on both sides (a range
    /// beyond doubt).
    fn day_range(&self, end: usize) -> Option<(usize, bool)> {
        let sep = end + 1;
        let tight = match self.kind(sep)? {
            Kind::Punct(b'-') | Kind::Other('\u{2013}' | '\u{2014}') => self.glued(sep) && self.glued(sep + 1),
            Kind::Word(Word::Connector) => false,
            _ => return None,
        };
        let (_, last) = self.day_at(sep + 1)?;
        Some((last, tight))
    }

    /// A 4-digit year inside a date phrase ("April 26, 2019"), where the
    /// phrase itself, not the context, says it is a year.
    fn year_at(&self, j: usize) -> Option<i32> {
        let (v, digits) = self.num(j)?;
        (digits == 4 && (1000..=2999).contains(&v) && self.right_isolated(j)).then_some(v as i32)
    }

    /// "April 26, 2019", "Feb. 24-25, 2022", "Sept. 30", "October 2022",
    /// "in October".
    fn month_first(&self, i: usize, month: u32, abbrev: bool) -> Option<Hit> {
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        if abbrev && self.is_punct(j, b'.') && self.glued(j) {
            j += 1;
        }
        if let Some((day, day_last)) = self.day_at(j).filter(|_| j != i + 1 || !self.glued(j)) {
            // A range of days resolves to its first day. "24-25" is a range
            // on its own; "14 and 18" or "23 - 25" only when a year follows
            // ("on May 5 and 6 people died" is no range).
            let mut end = day_last;
            let mut loose_end = None;
            match self.day_range(end) {
                Some((last, true)) => end = last,
                Some((last, false)) => loose_end = Some(last),
                None => {}
            }
            if !self.right_isolated(end) {
                return None;
            }
            for e in [loose_end, Some(end)].into_iter().flatten() {
                let mut y = e + 1;
                if self.is_punct(y, b',') {
                    y += 1;
                }
                if let Some(year) = self.year_at(y) {
                    return hit(y, Date::from_ymd(year, month, day).ok(), Precision::Day);
                }
            }
            return hit(end, self.doc.and_then(|doc| nearest_day(doc, month, day)), Precision::Day);
        }
        let mut y = j;
        if self.is_punct(y, b',') {
            y += 1;
        }
        if let Some(year) = self.year_at(y) {
            return hit(y, Date::from_ymd(year, month, 1).ok(), Precision::Month);
        }
        // "April and May 2022", "from April to June 2022": one year for both.
        if !abbrev
            && self.word(i + 1) == Some(Word::Connector)
            && matches!(self.word(i + 2), Some(Word::Month { abbrev: false, .. }))
            && self.cap(i + 2)
        {
            if let Some(year) = self.year_at(i + 3) {
                return hit(i, Date::from_ymd(year, month, 1).ok(), Precision::Month);
            }
        }
        // Abbreviations alone are too often something else ("Mar", "Sun" is
        // not even one); full names need a preposition before them.
        if abbrev || !self.month_context(i, month) || self.possessive(i) {
            return None;
        }
        hit(i, self.doc.and_then(|doc| nearest_month(doc, month)), Precision::Month)
    }

    /// Expressions starting with a number: ISO and numeric dates, "26 April
    /// 2019", decades, bare years, "3 years ago".
    fn number_first(&self, i: usize) -> Option<Hit> {
        let (v, digits) = self.num(i)?;
        if !self.left_isolated(i) {
            return None;
        }
        if digits == 4 {
            if let Some(h) = self.iso(i, v) {
                return Some(h);
            }
        }
        if digits <= 2 {
            if let Some(h) = self.numeric_date(i, v) {
                return Some(h);
            }
        }
        if let Some(h) = self.day_month(i) {
            return Some(h);
        }
        if digits == 4 {
            if let Some(h) = self.decade(i, v) {
                return Some(h);
            }
            if (1900..=2099).contains(&v) && self.year_context(i) {
                let year = Date::from_ymd(v as i32, 1, 1).ok();
                // "1993-1995", "2007-09", "2022/23": the range's first year.
                if let Some(last) = self.year_range(i, v) {
                    return hit(last, year, Precision::Year);
                }
                if self.right_isolated(i) && !self.counted(i + 1) {
                    return hit(i, year, Precision::Year);
                }
            }
        }
        self.offset(i)
    }

    /// A word at `k` that makes the number before it a count: "2000
    /// troops", "1999 people", "2000 years" (but not "2002 People's
    /// Democratic Reform Movement", a name).
    fn counted(&self, k: usize) -> bool {
        match self.word(k) {
            Some(Word::CountNoun) => !self.cap(k),
            Some(Word::Unit { plural, .. }) => plural,
            _ => false,
        }
    }

    /// A second year glued to the year at `i` by a hyphen, en dash or slash,
    /// as four digits or two ("1993-1995", "2007-09"): the index of its
    /// token, when it is later than the first.
    fn year_range(&self, i: usize, first: u32) -> Option<usize> {
        let sep = i + 1;
        if !matches!(self.kind(sep)?, Kind::Punct(b'-' | b'/') | Kind::Other('\u{2013}'))
            || !self.glued(sep)
            || !self.glued(sep + 1)
        {
            return None;
        }
        let (second, digits) = self.num(sep + 1)?;
        let later = match digits {
            2 => second > first % 100,
            4 => second > first && second <= 2099,
            _ => false,
        };
        (later && self.right_isolated(sep + 1)).then_some(sep + 1)
    }

    /// "2022-02-24".
    fn iso(&self, i: usize, year: u32) -> Option<Hit> {
        let two_digits = |k: usize| self.num(k).filter(|&(_, d)| d == 2).map(|(v, _)| v);
        if !(self.is_punct(i + 1, b'-') && self.is_punct(i + 3, b'-') && (i + 1..=i + 4).all(|k| self.glued(k))) {
            return None;
        }
        let (month, day) = (two_digits(i + 2)?, two_digits(i + 4)?);
        if !self.right_isolated(i + 4) {
            return None;
        }
        hit(i + 4, Date::from_ymd(year as i32, month, day).ok(), Precision::Day)
    }

    /// "24/02/2022", "02/24/2022", "24.02.2022": resolved only when one
    /// reading is possible (one part > 12, or both equal); otherwise the
    /// expression is consumed and skipped.
    fn numeric_date(&self, i: usize, a: u32) -> Option<Hit> {
        let sep = match self.kind(i + 1)? {
            Kind::Punct(c @ (b'/' | b'.')) => c,
            _ => return None,
        };
        if !(self.is_punct(i + 3, sep) && (i + 1..=i + 4).all(|k| self.glued(k))) {
            return None;
        }
        let (b, b_digits) = self.num(i + 2)?;
        let (year, y_digits) = self.num(i + 4)?;
        if b_digits > 2 || y_digits != 4 || !self.right_isolated(i + 4) {
            return None;
        }
        let (day, month) = if a > 12 && b <= 12 {
            (a, b)
        } else if b > 12 && a <= 12 {
            (b, a)
        } else if a == b {
            (a, a)
        } else {
            return Some(Hit { last: i + 4, outcome: Outcome::Skip });
        };
        hit(i + 4, Date::from_ymd(year as i32, month, day).ok(), Precision::Day)
    }

    /// "26 April 2019", "24th of February", "30 Sept.".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let (day, day_last) = self.day_at(i)?;
        // The month after the day ending at `k`, if one follows.
        let month_after = |k: usize| -> Option<(usize, u8, bool)> {
            let mut j = k + 1;
            if self.glued(j) {
                return None;
            }
            if self.word(j) == Some(Word::Of) {
                j += 1;
            }
            match self.word(j)? {
                Word::Month { month, abbrev } if self.cap(j) => Some((j, month, abbrev)),
                _ => None,
            }
        };
        // "26 April", or a range "23-25 November" resolving to its first day.
        let (j, month, abbrev) = match month_after(day_last) {
            Some(m) => m,
            None => month_after(self.day_range(day_last)?.0)?,
        };
        let month = u32::from(month);
        let mut y = j + 1;
        if abbrev && self.is_punct(y, b'.') && self.glued(y) {
            y += 1;
        }
        if self.is_punct(y, b',') {
            y += 1;
        }
        if let Some(year) = self.year_at(y) {
            return hit(y, Date::from_ymd(year, month, day).ok(), Precision::Day);
        }
        hit(j, self.doc.and_then(|doc| nearest_day(doc, month, day)), Precision::Day)
    }

    /// "1990s", "1950's".
    fn decade(&self, i: usize, v: u32) -> Option<Hit> {
        // 1000s is "thousands", not the eleventh century's first decade.
        if v / 10 * 10 != v || !(1100..=2090).contains(&v) {
            return None;
        }
        let s = if self.glued(i + 1) && self.word(i + 1) == Some(Word::S) {
            i + 1
        } else if self.possessive(i) {
            i + 2
        } else {
            return None;
        };
        if self.glued(s + 1) && matches!(self.kind(s + 1), Some(Kind::Word(_) | Kind::Num { .. })) {
            return None;
        }
        hit(s, Date::from_ymd(v as i32, 1, 1).ok(), Precision::Decade)
    }

    /// "Saturday", "on Saturday": the latest such day on or before the
    /// document date.
    fn bare_weekday(&self, i: usize, weekday: u32) -> Option<Hit> {
        // "Good Friday" names a holiday; "was a Thursday" names no particular one.
        if !self.cap(i) || matches!(self.prev_word(i), Some(Word::HolidayAdj | Word::A)) {
            return None;
        }
        if self.cap(i + 1) && matches!(self.word(i + 1), Some(Word::PaperName | Word::CountNoun)) {
            return None; // "Sunday Times"
        }
        // "Saturday, April 13, 2024": the explicit date says it all.
        let mut k = i + 1;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if matches!(self.kind(k), Some(Kind::Num { .. } | Kind::Word(Word::Month { .. }))) {
            if let Some(h) = self.core(k) {
                if matches!(h.outcome, Outcome::Emit(_, Precision::Day) | Outcome::Skip) {
                    return None;
                }
            }
        }
        hit(i, self.doc.and_then(|doc| weekday_on_or_before(doc, weekday)), Precision::Day)
    }

    /// "last September", "this year", "next week", "this past Monday",
    /// "last night", "this morning".
    fn this_last_next(&self, i: usize) -> Option<Hit> {
        let w = self.word(i)?;
        // "the last year", "the next month": spans of time, not periods.
        if self.prev_word(i) == Some(Word::The) {
            return None;
        }
        let mut dir: i64 = match w {
            Word::Last => -1,
            Word::Next => 1,
            _ => 0,
        };
        let mut j = i + 1;
        if w == Word::This {
            match self.word(j) {
                Some(Word::Past) => {
                    dir = -1;
                    j += 1;
                }
                Some(Word::Coming) => {
                    dir = 1;
                    j += 1;
                }
                _ => {}
            }
        }
        let doc = self.doc;
        let (date, precision) = match self.word(j)? {
            Word::Month { month, .. } if self.cap(j) => {
                let m = u32::from(month);
                let f = match dir {
                    -1 => month_before,
                    0 => month_in_year_of,
                    _ => month_after,
                };
                (doc.and_then(|d| f(d, m)), Precision::Month)
            }
            Word::Weekday(wd) if self.cap(j) => {
                let f = match dir {
                    -1 => weekday_before,
                    0 => weekday_this_week,
                    _ => weekday_after,
                };
                (doc.and_then(|d| f(d, u32::from(wd))), Precision::Day)
            }
            Word::Unit { unit, plural: false } => match unit {
                // "last day" is the final day of something, not a date.
                Unit::Day => return None,
                Unit::Week => (doc.and_then(|d| week_month(d, dir, 3)), Precision::Month),
                Unit::Weekend => (doc.and_then(|d| week_month(d, dir, 5)), Precision::Month),
                Unit::Month => (doc.and_then(|d| add_months(d, dir)), Precision::Month),
                Unit::Year => (doc.and_then(|d| add_years(d, dir)), Precision::Year),
                Unit::Decade if dir == 0 => (doc.map(|d| d.truncate(Precision::Decade)), Precision::Decade),
                // "last decade" usually means the past ten years.
                Unit::Decade => return None,
            },
            Word::Night if w == Word::Last => (doc.and_then(|d| shift_days(d, -1)), Precision::Day),
            Word::PartOfDay if w == Word::This => (doc, Precision::Day),
            _ => return None,
        };
        hit(j, date, precision)
    }

    /// "that same month", "that year", "the same day", "the day before",
    /// "the following year", "the next day", "the day before yesterday".
    fn anaphora(&self, i: usize) -> Option<Hit> {
        let w = self.word(i)?;
        let mut j = i + 1;
        let same = self.word(j) == Some(Word::Same);
        if same {
            j += 1;
        }
        if let Some(Word::Unit { unit, plural: false }) = self.word(j) {
            let precision = unit_precision(unit)?;
            if same || w == Word::That {
                return Some(Hit { last: j, outcome: self.relative_to_last(precision, 0) });
            }
            // "the day before" / "the year after"
            let k = j + 1;
            let dir = match self.word(k) {
                Some(Word::Before) => -1,
                Some(Word::After) => 1,
                _ => return None,
            };
            if unit == Unit::Day {
                match (dir, self.word(k + 1)) {
                    (-1, Some(Word::Yesterday)) | (1, Some(Word::Tomorrow)) => {
                        return hit(k + 1, self.doc.and_then(|d| shift_days(d, 2 * dir)), Precision::Day);
                    }
                    _ => {}
                }
            }
            // "the day before the vote" is relative to the vote, not a date.
            if !self.boundary(k + 1) {
                return None;
            }
            return Some(Hit { last: k, outcome: self.relative_to_last(precision, dir) });
        }
        if w != Word::The || same {
            return None;
        }
        let dir = match self.word(j)? {
            Word::Following | Word::Next => 1,
            Word::Previous => -1,
            _ => return None,
        };
        let Some(Word::Unit { unit, plural: false }) = self.word(j + 1) else { return None };
        // "the next month/year" is usually a span ahead, "the next day" a date.
        if self.word(j) == Some(Word::Next) && unit != Unit::Day {
            return None;
        }
        let precision = unit_precision(unit)?;
        Some(Hit { last: j + 1, outcome: self.relative_to_last(precision, dir) })
    }

    /// The last mentioned date moved by `steps` units of `precision` (0 =
    /// the same period); skipped when there is none, or when it is coarser
    /// than `precision` ("that same month" after "in 2014").
    fn relative_to_last(&self, precision: Precision, steps: i64) -> Outcome {
        let Some((base, base_precision)) = self.last else { return Outcome::Skip };
        if base_precision > precision {
            return Outcome::Skip;
        }
        let date = match precision {
            Precision::Day => shift_days(base, steps),
            Precision::Month => add_months(base, steps),
            Precision::Year => add_years(base, steps),
            Precision::Decade => add_years(base.truncate(Precision::Decade), 10 * steps),
        };
        match date {
            Some(d) => Outcome::Emit(d, precision),
            None => Outcome::Skip,
        }
    }

    /// "yesterday", "today", "tomorrow", "tonight".
    fn deictic(&self, i: usize) -> Option<Hit> {
        let w = self.word(i)?;
        // "the Ukraine of tomorrow" is no date.
        if self.prev_word(i) == Some(Word::Of) {
            return None;
        }
        // "Russia Today", "USA Today": a title.
        if w == Word::Today && self.cap(i) && i > 0 && self.cap(i - 1) && self.prev_word(i).is_some() {
            return None;
        }
        let offset = match w {
            Word::Yesterday => -1,
            Word::Tomorrow => 1,
            _ => 0,
        };
        hit(i, self.doc.and_then(|d| shift_days(d, offset)), Precision::Day)
    }

    /// "two days ago", "a decade ago", "3 years later", "a week before".
    fn offset(&self, i: usize) -> Option<Hit> {
        let n: i64 = match self.kind(i)? {
            Kind::Word(Word::A) => 1,
            Kind::Word(Word::Count(n)) => i64::from(n),
            Kind::Num { value, digits } if digits <= 3 && (1..=200).contains(&value) => i64::from(value),
            _ => return None,
        };
        let j = i + 1;
        let Some(Word::Unit { unit, .. }) = self.word(j) else { return None };
        if self.glued(j) {
            return None;
        }
        let k = j + 1;
        let (from_doc, dir) = match self.word(k)? {
            Word::Ago => (true, -1),
            Word::Earlier => (false, -1),
            Word::Later => (false, 1),
            Word::Before if self.boundary(k + 1) => (false, -1),
            Word::After if self.boundary(k + 1) => (false, 1),
            _ => return None,
        };
        let (precision, shift): (Precision, Shift) = match unit {
            Unit::Day => (Precision::Day, |d, n| shift_days(d, n)),
            Unit::Week => (Precision::Day, |d, n| shift_days(d, n.checked_mul(7)?)),
            Unit::Month => (Precision::Month, |d, n| add_months(d, n)),
            Unit::Year => (Precision::Year, |d, n| add_years(d, n)),
            Unit::Decade => (Precision::Year, |d, n| add_years(d, n.checked_mul(10)?)),
            Unit::Weekend => return None,
        };
        let base = if from_doc { self.doc.map(|d| (d, Precision::Day)) } else { self.last };
        let date = base.filter(|&(_, p)| p <= precision).and_then(|(d, _)| shift(d, dir * n));
        hit(k, date, precision)
    }
}

/// A step through the calendar: a date moved by a count of some unit.
type Shift = fn(Date, i64) -> Option<Date>;

/// The precision of anaphora over `unit` ("that month" → month).
fn unit_precision(unit: Unit) -> Option<Precision> {
    match unit {
        Unit::Day => Some(Precision::Day),
        Unit::Month => Some(Precision::Month),
        Unit::Year => Some(Precision::Year),
        Unit::Week | Unit::Weekend | Unit::Decade => None,
    }
}

/// The first of the month holding day `day_in_week` (0 = Monday) of the week
/// `weeks` weeks from `doc`'s week.
fn week_month(doc: Date, weeks: i64, day_in_week: i64) -> Option<Date> {
    Some(shift_days(monday_of(doc)?, weeks * 7 + day_in_week)?.first_of_month())
}
