//! Tokens and word classes for the date finder.
//!
//! The finder works on a flat list of small tokens (letter runs, digit runs,
//! single punctuation characters) rather than on the text itself, so that the
//! patterns can look a few tokens left and right without re-scanning bytes.
//! Every token boundary falls on an ASCII byte or a `char` boundary, which is
//! what makes slicing the sentence by token offsets safe.

/// Calendar units that relative expressions count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// What a word means to the date finder. Most words are [`Word::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// A month name; `abbrev` for "Feb", "Sept" and the like, which are only
    /// trusted next to a day or a year.
    Month {
        month: u8,
        abbrev: bool,
    },
    /// A weekday, 0 = Monday … 6 = Sunday.
    Weekday(u8),
    /// A calendar unit; `plural` for "days", "years"…
    Unit {
        unit: Unit,
        plural: bool,
    },
    /// A spelled-out small number ("two", "ten").
    Count(u8),
    /// "a" / "an": a count of one, and a context word for attributive years
    /// ("a 2014 deal").
    A,
    Last,
    This,
    Next,
    That,
    The,
    Same,
    Past,
    Coming,
    Following,
    Previous,
    Early,
    Mid,
    Late,
    Earlier,
    Later,
    Ago,
    Before,
    After,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    /// "night" ("last night").
    Night,
    /// "morning", "afternoon", "evening" ("this morning").
    PartOfDay,
    Of,
    /// Prepositions that make a following 4-digit number read as a year
    /// ("in", "since", "by", "until", "during", …).
    Prep,
    /// Seasons ("summer 2022"): also a year context.
    Season,
    /// "and", "or", "to": join a second year or month to a first one.
    Connector,
    /// "for": "slated for 2000", "set for October".
    For,
    /// "as": "as recently as January".
    As,
    /// Possessive determiners: "their 2011 level", "its 2006 plan".
    Possessive,
    /// "pre" / "post" before a hyphen ("pre-2014", "post-Feb. 24").
    PrePost,
    /// A lone "s", as in "1950s" / "1950's".
    S,
    /// "st", "nd", "rd", "th" after a day number.
    Ordinal,
    /// A noun that shows the number before it is a count ("2000 troops").
    CountNoun,
    /// Adjectives that make a weekday a holiday or an event name
    /// ("Bloody Sunday", "Super Tuesday").
    HolidayAdj,
    /// Words that make a weekday a newspaper title ("Sunday Times").
    PaperName,
    Other,
}

impl Word {
    /// True for the words that every date expression this finder knows must
    /// contain, when it contains no digit. The cheap pre-check in
    /// [`worth_parsing`] relies on this being complete.
    pub(crate) fn is_anchor(self) -> bool {
        matches!(
            self,
            Word::Month { .. }
                | Word::Weekday(_)
                | Word::Unit { .. }
                | Word::Yesterday
                | Word::Today
                | Word::Tomorrow
                | Word::Tonight
                | Word::Night
                | Word::PartOfDay
        )
    }
}

/// Longest word [`classify`] knows ("throughout", "kilometres").
const MAX_WORD: usize = 10;

/// Classifies an ASCII word case-insensitively.
pub(crate) fn classify(word: &[u8]) -> Word {
    if word.is_empty() || word.len() > MAX_WORD {
        return Word::Other;
    }
    // Lower-case into a stack buffer: this runs for every word of every
    // sentence that gets past the pre-check, so it must not allocate.
    let mut buf = [0u8; MAX_WORD];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    let month = |month: u8, abbrev: bool| Word::Month { month, abbrev };
    let unit = |unit: Unit, plural: bool| Word::Unit { unit, plural };
    match w {
        b"january" => month(1, false),
        b"jan" => month(1, true),
        b"february" => month(2, false),
        b"feb" => month(2, true),
        b"march" => month(3, false),
        b"mar" => month(3, true),
        b"april" => month(4, false),
        b"apr" => month(4, true),
        b"may" => month(5, false),
        b"june" => month(6, false),
        b"jun" => month(6, true),
        b"july" => month(7, false),
        b"jul" => month(7, true),
        b"august" => month(8, false),
        b"aug" => month(8, true),
        b"september" => month(9, false),
        b"sep" | b"sept" => month(9, true),
        b"october" => month(10, false),
        b"oct" => month(10, true),
        b"november" => month(11, false),
        b"nov" => month(11, true),
        b"december" => month(12, false),
        b"dec" => month(12, true),

        b"monday" => Word::Weekday(0),
        b"tuesday" => Word::Weekday(1),
        b"wednesday" => Word::Weekday(2),
        b"thursday" => Word::Weekday(3),
        b"friday" => Word::Weekday(4),
        b"saturday" => Word::Weekday(5),
        b"sunday" => Word::Weekday(6),

        b"day" => unit(Unit::Day, false),
        b"days" => unit(Unit::Day, true),
        b"week" => unit(Unit::Week, false),
        b"weeks" => unit(Unit::Week, true),
        b"weekend" => unit(Unit::Weekend, false),
        b"weekends" => unit(Unit::Weekend, true),
        b"month" => unit(Unit::Month, false),
        b"months" => unit(Unit::Month, true),
        b"year" => unit(Unit::Year, false),
        b"years" => unit(Unit::Year, true),
        b"decade" => unit(Unit::Decade, false),
        b"decades" => unit(Unit::Decade, true),

        b"one" => Word::Count(1),
        b"two" => Word::Count(2),
        b"three" => Word::Count(3),
        b"four" => Word::Count(4),
        b"five" => Word::Count(5),
        b"six" => Word::Count(6),
        b"seven" => Word::Count(7),
        b"eight" => Word::Count(8),
        b"nine" => Word::Count(9),
        b"ten" => Word::Count(10),
        b"eleven" => Word::Count(11),
        b"twelve" => Word::Count(12),
        b"fifteen" => Word::Count(15),
        b"twenty" => Word::Count(20),
        b"thirty" => Word::Count(30),
        b"forty" => Word::Count(40),
        b"fifty" => Word::Count(50),
        b"a" | b"an" => Word::A,

        b"last" => Word::Last,
        b"this" => Word::This,
        b"next" => Word::Next,
        b"that" => Word::That,
        b"the" => Word::The,
        b"same" => Word::Same,
        b"past" => Word::Past,
        b"coming" => Word::Coming,
        b"following" => Word::Following,
        b"previous" | b"preceding" => Word::Previous,
        b"early" => Word::Early,
        b"mid" => Word::Mid,
        b"late" => Word::Late,
        b"earlier" => Word::Earlier,
        b"later" => Word::Later,
        b"ago" => Word::Ago,
        b"before" => Word::Before,
        b"after" => Word::After,
        b"yesterday" => Word::Yesterday,
        b"today" => Word::Today,
        b"tomorrow" => Word::Tomorrow,
        b"tonight" => Word::Tonight,
        b"night" => Word::Night,
        b"morning" | b"afternoon" | b"evening" => Word::PartOfDay,
        b"of" => Word::Of,
        b"in" | b"since" | b"by" | b"until" | b"till" | b"from" | b"during" | b"throughout" | b"through"
        | b"around" | b"circa" | b"between" | b"starting" => Word::Prep,
        b"spring" | b"summer" | b"autumn" | b"fall" | b"winter" => Word::Season,
        b"and" | b"or" | b"to" => Word::Connector,
        b"for" => Word::For,
        b"as" => Word::As,
        b"his" | b"her" | b"its" | b"their" | b"our" | b"my" | b"your" => Word::Possessive,
        b"pre" | b"post" => Word::PrePost,
        b"s" => Word::S,
        b"st" | b"nd" | b"rd" | b"th" => Word::Ordinal,

        b"people" | b"persons" | b"troops" | b"soldiers" | b"civilians" | b"votes" | b"voters" | b"dollars"
        | b"euros" | b"rubles" | b"roubles" | b"yuan" | b"tons" | b"tonnes" | b"km" | b"kilometers" | b"kilometres"
        | b"miles" | b"meters" | b"metres" | b"feet" | b"acres" | b"hectares" | b"men" | b"women" | b"children"
        | b"residents" | b"refugees" | b"migrants" | b"deaths" | b"cases" | b"units" | b"barrels" | b"members"
        | b"delegates" | b"workers" | b"students" | b"points" | b"sentences" | b"words" | b"pages" | b"times"
        | b"vehicles" | b"tanks" | b"missiles" | b"rounds" | b"shells" | b"drones" | b"jobs" | b"homes" | b"houses"
        | b"prisoners" | b"casualties" => Word::CountNoun,

        b"bloody" | b"good" | b"black" | b"super" | b"ash" | b"holy" | b"easter" | b"palm" | b"cyber" | b"maundy"
        | b"shrove" => Word::HolidayAdj,
        b"telegraph" | b"express" | b"mirror" | b"observer" | b"herald" | b"tribune" => Word::PaperName,
        _ => Word::Other,
    }
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters. `Word::Other` for words with non-ASCII letters.
    Word(Word),
    /// A run of ASCII digits; `value` saturates at `u32::MAX`.
    Num { value: u32, digits: u32 },
    /// One ASCII punctuation or symbol byte.
    Punct(u8),
    /// One non-ASCII, non-letter character (dash, currency sign, quote…).
    Other(char),
}

/// One token: a kind, its byte span, and whether whitespace separates it
/// from the previous token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// No whitespace between this token and the one before ("Feb" + "." in
    /// "Feb.", "1950" + "s" in "1950s").
    pub glued: bool,
    /// The token starts with an ASCII capital letter.
    pub cap: bool,
}

/// True when `sentence` might hold a date expression: it contains a digit or
/// an anchor word (see [`Word::is_anchor`]). This is the cheap test that lets
/// most sentences skip tokenisation entirely; it may say yes wrongly, never
/// no wrongly.
pub(crate) fn worth_parsing(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            return true;
        }
        if c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            // Anchors are 3 ("may", "day") to 9 ("september") letters long.
            if (3..=9).contains(&(i - start)) && classify(&b[start..i]).is_anchor() {
                return true;
            }
            continue;
        }
        i += 1;
    }
    false
}

/// Splits `s` into tokens, replacing the contents of `out` (a buffer reused
/// across sentences so that steady-state parsing does not allocate).
pub(crate) fn tokenize(s: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = s.as_bytes();
    let mut i = 0;
    let mut glued = false;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = if c.is_ascii_whitespace() {
            glued = false;
            i += 1;
            continue;
        } else if c.is_ascii_digit() {
            let mut value: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                value = value.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            Kind::Num { value, digits: (i - start) as u32 }
        } else if c.is_ascii_alphabetic() || (c >= 0x80 && char_at(s, i).is_some_and(char::is_alphabetic)) {
            // A word: ASCII letters and non-ASCII letters together, so that
            // "Maréchal" is one (unknown) word, not "Mar" + "chal".
            let mut ascii = true;
            while i < b.len() {
                if b[i].is_ascii_alphabetic() {
                    i += 1;
                } else if b[i] >= 0x80 {
                    match char_at(s, i) {
                        Some(ch) if ch.is_alphabetic() => {
                            ascii = false;
                            i += ch.len_utf8();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            Kind::Word(if ascii { classify(&b[start..i]) } else { Word::Other })
        } else if c < 0x80 {
            i += 1;
            Kind::Punct(c)
        } else {
            // Not a letter: a symbol, dash or space outside ASCII. `i` is on a
            // char boundary because every step above advances by whole chars.
            let Some(ch) = char_at(s, i) else {
                // Unreachable for a valid &str; step one byte to stay linear.
                i += 1;
                continue;
            };
            i += ch.len_utf8();
            if ch.is_whitespace() {
                glued = false;
                continue;
            }
            Kind::Other(ch)
        };
        out.push(Tok { start, end: i, kind, glued, cap: c.is_ascii_uppercase() });
        glued = true;
    }
}

/// The char starting at byte `i` of `s`, if `i` is a char boundary.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_digits_letters_and_marks() {
        let mut toks = Vec::new();
        tokenize("pre-Feb. 24, 2022, the mid-1950s", &mut toks);
        let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], Kind::Word(Word::PrePost));
        assert_eq!(kinds[2], Kind::Word(Word::Month { month: 2, abbrev: true }));
        assert_eq!(kinds[4], Kind::Num { value: 24, digits: 2 });
        assert!(!toks[4].glued && toks[3].glued);
        assert_eq!(kinds[kinds.len() - 1], Kind::Word(Word::S));
    }

    #[test]
    fn non_ascii_letters_join_words_and_symbols_stand_alone() {
        let mut toks = Vec::new();
        tokenize("Maréchal €2014 — ok", &mut toks);
        assert_eq!(toks[0].kind, Kind::Word(Word::Other));
        assert_eq!(toks[1].kind, Kind::Other('€'));
        assert_eq!(toks[2].kind, Kind::Num { value: 2014, digits: 4 });
        assert!(toks[2].glued);
        assert_eq!(toks[3].kind, Kind::Other('—'));
    }

    #[test]
    fn precheck() {
        assert!(!worth_parsing("China has offered rhetorical support to Russia."));
        assert!(worth_parsing("It happened last September."));
        assert!(worth_parsing("6,000 nationals"));
        assert!(worth_parsing("the day before"));
        assert!(!worth_parsing(""));
    }
}
