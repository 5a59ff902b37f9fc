//! Date expressions: hand-written hard cases, the seed op-ed, and
//! robustness over pseudo-random input.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use faultline_text::{Date, DateMention, DateResolver, Precision};
use Precision::{Day, Decade, Month, Year};

// ----- an allocation counter, to hold `find` to "no allocation without date
// words". Counted per thread so that tests running in parallel do not
// disturb each other.

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

// ----- helpers

/// The op-ed's publication date, a Wednesday.
const DOC: &str = "2023-02-01";

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn resolver(doc: &str) -> DateResolver {
    DateResolver::new(Some(date(doc)))
}

/// Checks the invariants every mention must keep, then returns
/// (text, value, precision) triples for comparison.
fn triples(sentence: &str, found: &[DateMention]) -> Vec<(String, String, Precision)> {
    let mut prev_end = 0;
    for m in found {
        assert!(m.start < m.end && m.start >= prev_end, "{found:?} in {sentence:?}");
        assert_eq!(sentence.get(m.start..m.end), Some(m.text.as_str()), "{m:?}");
        prev_end = m.end;
    }
    found.iter().map(|m| (m.text.clone(), m.value.to_string(), m.precision)).collect()
}

/// Runs `sentence` through `r` and compares with `expected`.
#[track_caller]
fn check_with(r: &mut DateResolver, sentence: &str, expected: &[(&str, &str, Precision)]) {
    let found = r.find(sentence);
    let got = triples(sentence, &found);
    let want: Vec<_> = expected.iter().map(|&(t, v, p)| (t.to_string(), v.to_string(), p)).collect();
    assert_eq!(got, want, "in {sentence:?}");
}

/// A fresh resolver for the op-ed's date, one sentence.
#[track_caller]
fn check(sentence: &str, expected: &[(&str, &str, Precision)]) {
    check_with(&mut resolver(DOC), sentence, expected);
}

// ----- the op-ed's own sentences

#[test]
fn last_september_then_that_same_month() {
    let mut r = resolver(DOC);
    check_with(
        &mut r,
        "First, on a visit to the former Soviet republic of Kazakhstan last September, Xi pledged to \"resolutely\" support its sovereignty, a snub to Moscow.",
        &[("last September", "2022-09-01", Month)],
    );
    check_with(
        &mut r,
        "Then at a Shanghai Cooperation Organization meeting that same month, Russian President Vladimir Putin publicly and unprecedentedly acknowledged China's \"questions and concerns\" over the war in Ukraine.",
        &[("that same month", "2022-09-01", Month)],
    );
}

#[test]
fn early_october_2022() {
    check(
        "In early October 2022, China abstained from both United Nations Security Council and General Assembly votes.",
        &[("early October 2022", "2022-10-01", Month)],
    );
}

#[test]
fn by_july_2022() {
    check(
        "By July 2022, U.S. government officials openly acknowledged that China had not helped Russia evade sanctions.",
        &[("July 2022", "2022-07-01", Month)],
    );
}

#[test]
fn full_date_in_a_caption() {
    check(
        "Russian President Vladimir Putin and Chinese President Xi Jinping attend a meeting in Beijing on April 26, 2019.",
        &[("April 26, 2019", "2019-04-26", Day)],
    );
}

#[test]
fn last_december() {
    check("This was reinforced last December in a Xi-Putin Zoom meeting.", &[("last December", "2022-12-01", Month)]);
}

#[test]
fn date_inside_pre_prefix_and_money_is_not_a_date() {
    check(
        "Yet, despite its pre-Feb. 24, 2022, robust economic and military relations with Ukraine, it has provided only a minuscule $3 million or so in humanitarian aid.",
        &[("Feb. 24, 2022", "2022-02-24", Day)],
    );
}

#[test]
fn in_2014_with_comma() {
    check(
        "These shared geopolitical concerns accelerated in 2014, after the Crimea crisis, which isolated Russia.",
        &[("2014", "2014-01-01", Year)],
    );
}

#[test]
fn mid_1950s_and_until_1971() {
    check(
        "Sino-Soviet tensions were obvious to U.S. intelligence analysts by the mid-1950s, yet it wasn't until 1971 before then-U.S. President Richard Nixon took advantage.",
        &[("mid-1950s", "1950-01-01", Decade), ("1971", "1971-01-01", Year)],
    );
}

#[test]
fn counts_amounts_and_ranks_are_not_years() {
    check("When Putin invaded, more than 6,000 Chinese nationals were living in Ukraine.", &[]);
    check("it has provided only a minuscule $3 million or so in humanitarian aid", &[]);
    check("China's No. 3 top leader, Li Zhanshu, committed China to more cooperation.", &[]);
    check("The corpus has 1,553 sentences and 2,014 events.", &[]);
    check("the consequences of breaking the 77-year-old nuclear taboo", &[]);
    check("There is no Article 5-type agreement on mutual defense.", &[]);
    check("the COVID-19 outbreak, the G20 summit and F-16s", &[]);
    check("UN Resolution 2758 and Route 1990 are names", &[]);
    check("a budget of €2014 and a 2014% rise and 2014km of road", &[]);
    check("Moscow sent the 2000 troops it had promised.", &[]);
    check("a population of 1999 people", &[]);
}

#[test]
fn attributive_year_is_a_year_mention() {
    // "the 2014 gas deal" dates the deal: a year mention with year precision.
    check("Both sides praised the 2014 gas deal.", &[("2014", "2014-01-01", Year)]);
    check("It was a 1999 study.", &[("1999", "1999-01-01", Year)]);
}

// ----- absolute forms

#[test]
fn day_month_year_orders() {
    check("He arrived on 26 April 2019.", &[("26 April 2019", "2019-04-26", Day)]);
    check("on the 26th of April, 2019, in Beijing", &[("26th of April, 2019", "2019-04-26", Day)]);
    check("on April 26th, 2019 in Beijing", &[("April 26th, 2019", "2019-04-26", Day)]);
    check("Feb 24, 2022 was a Thursday", &[("Feb 24, 2022", "2022-02-24", Day)]);
    check("SEPTEMBER 30, 2022: annexation", &[("SEPTEMBER 30, 2022", "2022-09-30", Day)]);
}

#[test]
fn day_range_resolves_to_first_day() {
    check("talks on Feb. 24-25, 2022, in Minsk", &[("Feb. 24-25, 2022", "2022-02-24", Day)]);
}

#[test]
fn impossible_dates_are_swallowed_not_misread() {
    // Neither a day nor, from its remains, the year 2023.
    check("a memo dated Feb. 29, 2023, surfaced", &[]);
    check("a memo dated Feb. 29, 2024, surfaced", &[("Feb. 29, 2024", "2024-02-29", Day)]);
}

#[test]
fn day_without_year_takes_the_nearest_occurrence() {
    check("Russia annexed four regions on Sept. 30.", &[("Sept. 30", "2022-09-30", Day)]);
    check("The summit opens on March 3.", &[("March 3", "2023-03-03", Day)]);
    check("on 12 Jan the ministers met", &[("12 Jan", "2023-01-12", Day)]);
}

#[test]
fn month_alone_needs_a_preposition_and_a_capital() {
    check("The vote is due in May.", &[("May", "2023-05-01", Month)]);
    check("It happened in September.", &[("September", "2022-09-01", Month)]);
    check("It may seem counterintuitive.", &[]);
    check("May I ask a question?", &[]);
    check("The Women's March drew crowds; troops march on.", &[]);
    check("an august body met in Mar", &[]);
    check("He met Theresa May in London.", &[]);
}

#[test]
fn month_and_year() {
    check(
        "his trip to Russia in September 2022, including regarding trade",
        &[("September 2022", "2022-09-01", Month)],
    );
    check("the counterpart in July 2022 tends to", &[("July 2022", "2022-07-01", Month)]);
    check("Since mid-October 2022, prices rose", &[("mid-October 2022", "2022-10-01", Month)]);
}

#[test]
fn two_months_share_one_year() {
    check(
        "Prices rose between April and May 2022.",
        &[("April", "2022-04-01", Month), ("May 2022", "2022-05-01", Month)],
    );
    check(
        "from September to December 2021",
        &[("September", "2021-09-01", Month), ("December 2021", "2021-12-01", Month)],
    );
}

#[test]
fn bare_years_in_context() {
    check("since 2014 relations have grown", &[("2014", "2014-01-01", Year)]);
    check("late 2021 saw a build-up", &[("late 2021", "2021-01-01", Year)]);
    check("by mid-2022 the army had", &[("mid-2022", "2022-01-01", Year)]);
    check("a pre-2014 arrangement", &[("2014", "2014-01-01", Year)]);
    check("trade grew between 2014 and 2016.", &[("2014", "2014-01-01", Year), ("2016", "2016-01-01", Year)]);
    check("Russia and 2014 are unrelated words here", &[]);
    check("the year 1850 and in 1850", &[]);
    check("it lasted for 2000 years", &[]);
}

#[test]
fn year_ranges_resolve_to_their_first_year() {
    check(
        "the 2022/23 season, from 1993-1995 and during 2007-09",
        &[("2022/23", "2022-01-01", Year), ("1993-1995", "1993-01-01", Year), ("2007-09", "2007-01-01", Year)],
    );
    // Not ranges: the second number is not later, or the first no year.
    check("the 2022-21 tally, code 4321-4400", &[]);
}

#[test]
fn possessives_and_for_make_years() {
    check(
        "During Lugo's 2007 visit, up from their 2011 level, the election slated for 2000",
        &[("2007", "2007-01-01", Year), ("2011", "2011-01-01", Year), ("2000", "2000-01-01", Year)],
    );
    // A capitalised "People" is a name, not a count.
    check("the 2002 People's Democratic Reform Movement", &[("2002", "2002-01-01", Year)]);
}

#[test]
fn months_that_are_only_months_need_less_context() {
    check("As recently as January, the government said", &[("January", "2023-01-01", Month)]);
    check("The allegations date to October.", &[("October", "2022-10-01", Month)]);
    check("November was cold.", &[("November", "2022-11-01", Month)]);
    // "March" and "May" are also words and names: a preposition is needed.
    check("Police in riot gear watched as March organisers spoke to May.", &[]);
}

#[test]
fn spaced_and_worded_day_ranges_need_a_year() {
    check("from November 23 - 25, 2018.", &[("November 23 - 25, 2018", "2018-11-23", Day)]);
    check("on December 14 and 18, 2010.", &[("December 14 and 18, 2010", "2010-12-14", Day)]);
    check("the week of December 2nd to 8th, 2012", &[("December 2nd to 8th, 2012", "2012-12-02", Day)]);
    check("held 23-25 November 2018 in Baku", &[("23-25 November 2018", "2018-11-23", Day)]);
    // Without a year, "5 and 6" may be anything.
    check("On May 5 and 6 people died.", &[("May 5", "2023-05-05", Day)]);
}

#[test]
fn decades() {
    check("Growth in the 2010s was slow.", &[("2010s", "2010-01-01", Decade)]);
    check(
        "as in the 1990s and the early 2000s",
        &[("1990s", "1990-01-01", Decade), ("early 2000s", "2000-01-01", Decade)],
    );
    check("since the 1980's", &[("1980's", "1980-01-01", Decade)]);
    check("1000s of people marched", &[]);
}

#[test]
fn numeric_dates_only_when_unambiguous() {
    check("signed 2022-02-24 in Moscow", &[("2022-02-24", "2022-02-24", Day)]);
    check("signed 24/02/2022 in Moscow", &[("24/02/2022", "2022-02-24", Day)]);
    check("signed 02/24/2022 in Moscow", &[("02/24/2022", "2022-02-24", Day)]);
    check("signed 24.02.2022 in Moscow", &[("24.02.2022", "2022-02-24", Day)]);
    check("signed 05/05/2022 in Moscow", &[("05/05/2022", "2022-05-05", Day)]);
    // March 4 or April 3? Neither, and not "2022" either.
    check("signed 03/04/2022 in Moscow", &[]);
    check("signed 2022-02-30 in Moscow", &[]);
}

// ----- relative to the document date

#[test]
fn this_last_next_with_months_and_units() {
    check("The visit is planned for this September.", &[("this September", "2023-09-01", Month)]);
    check("It fell last February.", &[("last February", "2022-02-01", Month)]);
    check("It resumes next February.", &[("next February", "2024-02-01", Month)]);
    check("Talks resume next month.", &[("next month", "2023-03-01", Month)]);
    check("Last month's vote", &[("Last month", "2023-01-01", Month)]);
    check("Exports fell last year.", &[("last year", "2022-01-01", Year)]);
    check("this year and next year", &[("this year", "2023-01-01", Year), ("next year", "2024-01-01", Year)]);
    check("this decade", &[("this decade", "2020-01-01", Decade)]);
}

#[test]
fn spans_of_time_are_not_dates() {
    check("Prices rose in recent months.", &[]);
    check("over the last year and the next month", &[]);
    check("in the coming weeks and over the past decade", &[]);
    check("during the last decade", &[]);
    check("years ago, a few days later", &[]);
}

#[test]
fn weeks_resolve_to_the_month_of_their_thursday() {
    // The week before 2023-02-01 runs Jan 23–29; its Thursday is Jan 26.
    check("Officials met last week.", &[("last week", "2023-01-01", Month)]);
    check("Officials meet this week.", &[("this week", "2023-02-01", Month)]);
    check("Last weekend's security cooperation", &[("Last weekend", "2023-01-01", Month)]);
    // A counted distance is exact.
    check("two weeks ago", &[("two weeks ago", "2023-01-18", Day)]);
}

#[test]
fn earlier_and_later_this_month() {
    check("Earlier this month, Beijing said", &[("Earlier this month", "2023-02-01", Month)]);
    check("a visit later this year", &[("later this year", "2023-01-01", Year)]);
    check("late last year", &[("late last year", "2022-01-01", Year)]);
    check("prices were higher earlier, in 2014", &[("2014", "2014-01-01", Year)]);
}

#[test]
fn weekdays() {
    // 2023-02-01 is a Wednesday.
    check("Protesters gathered on Saturday.", &[("Saturday", "2023-01-28", Day)]);
    check("Wednesday's vote", &[("Wednesday", "2023-02-01", Day)]);
    check("Putin spoke Thursday", &[("Thursday", "2023-01-26", Day)]);
    check("this past Monday", &[("this past Monday", "2023-01-30", Day)]);
    check("last Wednesday", &[("last Wednesday", "2023-01-25", Day)]);
    check("next Saturday", &[("next Saturday", "2023-02-04", Day)]);
    check("on Saturday, April 13, 2024, a drone", &[("April 13, 2024", "2024-04-13", Day)]);
    check("Bloody Sunday and the Sunday Times and Good Friday", &[]);
    check("Pray on mondays", &[]);
}

#[test]
fn yesterday_today_tomorrow() {
    check(
        "Yesterday Kyiv said; today Moscow replied; tomorrow talks resume.",
        &[("Yesterday", "2023-01-31", Day), ("today", "2023-02-01", Day), ("tomorrow", "2023-02-02", Day)],
    );
    check("last night and this morning", &[("last night", "2023-01-31", Day), ("this morning", "2023-02-01", Day)]);
    check("\"East Asia could be the Ukraine of tomorrow,\" he said.", &[]);
    check("an interview with Russia Today", &[]);
    check("the day before yesterday", &[("the day before yesterday", "2023-01-30", Day)]);
}

#[test]
fn counted_offsets_from_the_document_date() {
    check("two days ago", &[("two days ago", "2023-01-30", Day)]);
    check("Three years ago the pact was signed.", &[("Three years ago", "2020-01-01", Year)]);
    check("A decade ago, few expected this.", &[("A decade ago", "2013-01-01", Year)]);
    check("some 18 months ago", &[("18 months ago", "2021-08-01", Month)]);
}

// ----- relative to the last date mentioned

#[test]
fn anaphora_across_sentences() {
    let mut r = resolver(DOC);
    check_with(&mut r, "Putin visited Beijing on April 26, 2019.", &[("April 26, 2019", "2019-04-26", Day)]);
    check_with(&mut r, "Xi had called him the day before.", &[("the day before", "2019-04-25", Day)]);
    check_with(&mut r, "They met again the following day.", &[("the following day", "2019-04-26", Day)]);
    check_with(&mut r, "Trade grew that year.", &[("that year", "2019-01-01", Year)]);
    check_with(&mut r, "Two years later, the war began.", &[("Two years later", "2021-01-01", Year)]);
    // The last date is now a year: a month cannot be taken from it.
    check_with(&mut r, "Talks failed that same month.", &[]);
    assert_eq!(r.last_date(), Some((date("2021-01-01"), Year)));
}

#[test]
fn anaphora_needs_something_to_refer_to() {
    check("They met that same month and the day before.", &[]);
    let mut r = resolver(DOC);
    check_with(&mut r, "In 2014, Crimea was annexed.", &[("2014", "2014-01-01", Year)]);
    // Relative to the vote, which is not a date.
    check_with(&mut r, "the day before the vote", &[]);
    check_with(&mut r, "the year before.", &[("the year before", "2013-01-01", Year)]);
}

#[test]
fn anaphora_within_one_sentence() {
    check(
        "In October 2022 China abstained, and that same month Xi met Putin.",
        &[("October 2022", "2022-10-01", Month), ("that same month", "2022-10-01", Month)],
    );
}

// ----- unknown document date

#[test]
fn unknown_document_date_keeps_only_absolute_dates() {
    let mut r = DateResolver::new(None);
    check_with(&mut r, "Kazakhstan last September, yesterday and on Saturday", &[]);
    check_with(&mut r, "on Sept. 30 and two days ago", &[]);
    check_with(
        &mut r,
        "in Beijing on April 26, 2019, and in 2014",
        &[("April 26, 2019", "2019-04-26", Day), ("2014", "2014-01-01", Year)],
    );
    check_with(&mut r, "In early October 2022, China abstained.", &[("early October 2022", "2022-10-01", Month)]);
    // Anaphora does not depend on the document date, only on the text.
    check_with(&mut r, "That same month, Xi met Putin.", &[("That same month", "2022-10-01", Month)]);
}

// ----- offsets and odd input

#[test]
fn offsets_are_bytes_into_unicode_text() {
    let s = "Le président — «on April 26, 2019» — a dit…";
    let found = DateResolver::new(None).find(s);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].start, s.find("April").unwrap());
    assert_eq!(&s[found[0].start..found[0].end], "April 26, 2019");
    // Letters outside ASCII are part of words: "Maréchal" is not "Mar".
    check("Maréchal 12 and Mayé 2022", &[]);
}

#[test]
fn sentences_without_date_words_do_not_allocate() {
    let mut r = resolver(DOC);
    let sentences = [
        "China has offered rhetorical support to Russia and demonized NATO's actions.",
        "The Sino-Russian entente is not, as it is often viewed in the West, a simple sympathy.",
        "",
        "Ñandú über alles — «ça va» 中国 Россия",
    ];
    let before = allocations();
    for s in sentences {
        assert!(r.find(s).is_empty());
    }
    assert_eq!(allocations(), before, "find allocated on a sentence without date words");
    // Sentences with digits but no date are tokenised into a buffer the
    // resolver keeps: once it has grown, they do not allocate either.
    let numbers = ["More than 6,000 Chinese nationals and $3 million.", "At 10:30, 1,553 sentences; No. 3."];
    for s in numbers {
        assert!(r.find(s).is_empty());
    }
    let before = allocations();
    for s in numbers {
        assert!(r.find(s).is_empty());
    }
    assert_eq!(allocations(), before, "find allocated on a sentence with numbers but no date");
}

#[test]
fn times_links_and_ids_are_not_dates() {
    check("at 10:30 on 9/11 near pier 2014-20439", &[]);
    check("see example.com/article/2011/02/21/us-russia-idUSBRE84F0JQ20110221", &[]);
    check(
        "the election in 2006, 2009 and 2013",
        &[("2006", "2006-01-01", Year), ("2009", "2009-01-01", Year), ("2013", "2013-01-01", Year)],
    );
}

#[test]
fn long_sentences_take_linear_time() {
    let unit = "On April 26, 2019, in 2014 and last September, 6,000 people — $3 million. ";
    let s = unit.repeat(20_000); // about 1.5 MB
    let t = std::time::Instant::now();
    let found = resolver(DOC).find(&s);
    assert_eq!(found.len(), 3 * 20_000);
    triples(&s, &found);
    // Generous even for an unoptimised build on a shared machine; quadratic
    // behaviour would take minutes.
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

/// A tiny xorshift generator: deterministic, no extra crates.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn never_panics_on_pseudo_random_text() {
    let pieces = [
        "April",
        "Feb",
        ".",
        ",",
        " ",
        "  ",
        "-",
        "/",
        "'",
        "s",
        "th",
        "26",
        "2019",
        "2022",
        "1950",
        "0",
        "31",
        "99999999999",
        "last",
        "this",
        "next",
        "that",
        "same",
        "the",
        "day",
        "week",
        "weekend",
        "month",
        "year",
        "decade",
        "ago",
        "before",
        "after",
        "later",
        "earlier",
        "early",
        "mid",
        "late",
        "pre",
        "Saturday",
        "yesterday",
        "today",
        "tomorrow",
        "in",
        "since",
        "of",
        "and",
        "two",
        "a",
        "May",
        "Sept",
        "$",
        "€",
        "—",
        "é",
        "中",
        "🙂",
        "\u{a0}",
        "\u{2019}",
        "\n",
        "%",
        ":",
        "(",
        ")",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut emitted = 0;
    for round in 0..4000 {
        // A new document now and then, with and without a date, including
        // the ends of the calendar.
        let doc = match round % 5 {
            0 => None,
            1 => Some(Date::MIN),
            2 => Some(Date::MAX),
            _ => Some(date(DOC)),
        };
        let mut r = DateResolver::new(doc);
        for _ in 0..3 {
            let len = (rng.next() % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(rng.pick(&pieces));
                if matches!(rng.next() % 3, 0) {
                    s.push(' ');
                }
            }
            let found = r.find(&s);
            emitted += found.len();
            triples(&s, &found);
        }
    }
    // The generator must actually exercise the resolver, not just noise.
    assert!(emitted > 1000, "only {emitted} mentions");
}

// ----- the seed op-ed

#[test]
fn seed_op_ed() {
    let Some(path) = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    // Normalise as the sentence splitter does before calling `find`.
    let text = text.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
    let mut r = resolver(DOC);
    let mut got = Vec::new();
    // Paragraphs stand in for sentences: offsets are relative either way, and
    // the resolver's memory runs across them in order.
    for line in text.lines() {
        for m in r.find(line) {
            assert_eq!(&line[m.start..m.end], m.text);
            got.push(format!("{} {} {}", m.text, m.value, m.precision));
        }
    }
    // Only the article body; the page footer (related articles) follows.
    let body: Vec<&str> = got.iter().map(String::as_str).take_while(|m| !m.starts_with("Feb. 12, 2023")).collect();
    assert_eq!(
        body,
        [
            "April 26, 2019 2019-04-26 day",
            "last September 2022-09-01 month",
            "that same month 2022-09-01 month",
            "early October 2022 2022-10-01 month",
            "Feb. 24, 2022 2022-02-24 day",
            "2014 2014-01-01 year",
            "mid-1950s 1950-01-01 decade",
            "1971 1971-01-01 year",
            "July 2022 2022-07-01 month",
            "July 2022 2022-07-01 month",
            "September 2022 2022-09-01 month",
            "last December 2022-12-01 month",
        ]
    );
}
