//! A plain calendar date and its precision.
//!
//! Faultline needs dates in three places: document dates, dates found in text,
//! and the validity ranges of dictionary roles. A proleptic Gregorian
//! `(year, month, day)` triple is all of them need, so this module keeps its
//! own small type rather than pulling in a date-time library.

use std::fmt;
use std::str::FromStr;

/// A valid proleptic Gregorian calendar date (years 1..=9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// How precisely a date is known. A coarse date's value is the first day of
/// its period ("in 2014" → 2014-01-01 with [`Precision::Year`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A single day.
    Day,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// A decade ("the mid-1950s", "the 1990s").
    Decade,
}

impl Precision {
    /// The lower-case name used in Faultline's JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }
}

impl serde::Serialize for Precision {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a date could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Year, month or day out of range.
    #[error("invalid date {year:04}-{month:02}-{day:02}")]
    OutOfRange {
        /// The year given.
        year: i32,
        /// The month given.
        month: u32,
        /// The day given.
        day: u32,
    },
    /// Text that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("expected a date as YYYY-MM-DD (or YYYY-MM, YYYY), found `{0}`")]
    Syntax(String),
}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True for Gregorian leap years.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// The earliest representable date, 0001-01-01.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };
    /// The latest representable date, 9999-12-31.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };

    /// Builds a date, checking that it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::OutOfRange { year, month, day });
        }
        Ok(Date { year, month: month as u8, day: day as u8 })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's
    /// `days_from_civil`, exact over the whole proleptic Gregorian calendar.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`]; `None` outside years 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        let y = i32::try_from(y).ok()?;
        Date::from_ymd(y, m as u32, d as u32).ok()
    }

    /// The date `n` days later (earlier when negative), saturating at the
    /// ends of the representable range.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n)).unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The last day of this date's month.
    pub fn last_of_month(self) -> Date {
        Date { day: days_in_month(self.year, self.month()) as u8, ..self }
    }

    /// The first day of the period of `precision` containing this date.
    pub fn truncate(self, precision: Precision) -> Date {
        match precision {
            Precision::Day => self,
            Precision::Month => self.first_of_month(),
            Precision::Year => Date { month: 1, day: 1, ..self },
            Precision::Decade => Date { year: (self.year / 10 * 10).max(1), month: 1, day: 1 },
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, returning the first day of
    /// the period and its precision.
    pub fn parse_with_precision(s: &str) -> Result<(Date, Precision), DateError> {
        let syntax = || DateError::Syntax(s.to_string());
        let mut parts = s.split('-');
        let year_part = parts.next().ok_or_else(syntax)?;
        let month_part = parts.next();
        let day_part = parts.next();
        if parts.next().is_some() {
            return Err(syntax());
        }
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| syntax())
            } else {
                Err(syntax())
            }
        };
        let year = num(year_part, 4)? as i32;
        match (month_part, day_part) {
            (None, _) => Ok((Date::from_ymd(year, 1, 1)?, Precision::Year)),
            (Some(m), None) => Ok((Date::from_ymd(year, num(m, 2)?, 1)?, Precision::Month)),
            (Some(m), Some(d)) => Ok((Date::from_ymd(year, num(m, 2)?, num(d, 2)?)?, Precision::Day)),
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateError> {
        match Date::parse_with_precision(s)? {
            (d, Precision::Day) => Ok(d),
            _ => Err(DateError::Syntax(s.to_string())),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for days in [-719_162, -1, 0, 1, 10_957, 19_388, 2_932_896] {
            let d = Date::from_days(days).unwrap();
            assert_eq!(d.to_days(), days, "{d}");
        }
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::from_ymd(2000, 3, 1).unwrap().to_days(), 11_017);
    }

    #[test]
    fn weekdays() {
        // 2022-02-24 was a Thursday; 2023-02-01 a Wednesday.
        assert_eq!(Date::from_ymd(2022, 2, 24).unwrap().weekday(), 3);
        assert_eq!(Date::from_ymd(2023, 2, 1).unwrap().weekday(), 2);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::from_ymd(2023, 2, 29).is_err());
        assert!(Date::from_ymd(2024, 2, 29).is_ok());
        assert!(Date::from_ymd(1900, 2, 29).is_err());
        assert!(Date::from_ymd(2023, 13, 1).is_err());
        assert!("2023-1-01".parse::<Date>().is_err());
        assert!("2023-01".parse::<Date>().is_err());
        assert_eq!(Date::parse_with_precision("2023-01").unwrap().1, Precision::Month);
    }

    #[test]
    fn truncates() {
        let d = Date::from_ymd(1956, 7, 9).unwrap();
        assert_eq!(d.truncate(Precision::Decade).to_string(), "1950-01-01");
        assert_eq!(d.truncate(Precision::Month).to_string(), "1956-07-01");
        assert_eq!(d.last_of_month().to_string(), "1956-07-31");
    }
}
