//! PETRARCH/TABARI dates (`YYYYMMDD`, or `YYMMDD` with a 1930 pivot) and
//! the date restrictions of actor codes.

use std::fmt;

/// A calendar date as written in a dictionary or an XML record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PetrDate {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, valid for the month and year.
    pub day: u8,
}

impl fmt::Display for PetrDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A parsed date plus, when the text was not a clean 6- or 8-digit form,
/// a note saying how it was read (PETRARCH reads such dates silently; we say so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDate {
    /// The date.
    pub date: PetrDate,
    /// Why the text was irregular, if it was.
    pub note: Option<String>,
}

// `u16::is_multiple_of` is newer than the workspace's rust-version (1.80).
#[allow(unknown_lints, clippy::manual_is_multiple_of)]
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

/// Reads a date the way PETRARCH's `dstr_to_ordate` does: more than seven
/// characters are `YYYYMMDD` (characters after the eighth are ignored);
/// otherwise `YYMMDD`, where `YY` ≤ 30 is 20YY and later years 19YY (the
/// KEDS/TABARI convention). The real Phoenix files contain a few
/// mistyped dates (`9008223`, `1920030320`); they are read by this rule and
/// returned with a note so the caller can warn.
pub fn parse_date(s: &str) -> Result<ParsedDate, String> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("expected a date YYYYMMDD or YYMMDD, found `{s}`"));
    }
    if s.len() < 6 {
        return Err(format!(
            "expected a date YYYYMMDD or YYMMDD, found `{s}` (too short)"
        ));
    }
    // Every byte is an ASCII digit (checked above) and a field has at most
    // four, so the value fits and no parse can fail.
    let num = |a: usize, b: usize| -> u16 {
        s.as_bytes()[a..b]
            .iter()
            .fold(0u16, |n, &d| n * 10 + u16::from(d - b'0'))
    };
    let (year, month, day, used) = if s.len() > 7 {
        (num(0, 4), num(4, 6), num(6, 8), 8)
    } else {
        let yy = num(0, 2);
        (
            if yy <= 30 { 2000 + yy } else { 1900 + yy },
            num(2, 4),
            num(4, 6),
            6,
        )
    };
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} out of range in date `{s}`"));
    }
    let month = month as u8;
    if day == 0 || day > days_in_month(year, month) as u16 {
        return Err(format!(
            "day {day} out of range for {year:04}-{month:02} in date `{s}`"
        ));
    }
    let note = (s.len() != used).then(|| {
        format!(
            "date `{s}` has {} digits; read as {}",
            s.len(),
            if used == 8 { "YYYYMMDD" } else { "YYMMDD" }
        )
    });
    Ok(ParsedDate {
        date: PetrDate {
            year,
            month,
            day: day as u8,
        },
        note,
    })
}

/// When a dictionary code applies, as written in its `[CODE …]` block.
///
/// Whether a bound date itself is included is the coder's decision (it must
/// match PETRARCH's comparison of ordinal dates); this type only records
/// what the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRestriction {
    /// No date: the code always applies (unless a dated code matches).
    Always,
    /// `[CODE <D]`: before `D`.
    Before(PetrDate),
    /// `[CODE >D]`: after `D`.
    After(PetrDate),
    /// `[CODE D1-D2]`: between `D1` and `D2`.
    Between(PetrDate, PetrDate),
    /// `[CODE D]`: a bare date with no `<`, `>` or range. PETRARCH gives it no
    /// defined meaning; the Phoenix files use it twice for a start date.
    Unmarked(PetrDate),
}
