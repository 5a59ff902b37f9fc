//! Calendar periods (week, month, quarter, year) as dense integer indices,
//! so that a series can be filled with its empty periods by counting from
//! the first index to the last.

use faultline_text::Date;
use serde::Serialize;

/// The length of the periods of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// ISO 8601 weeks (Monday to Sunday), labelled `2023-W05`.
    Week,
    /// Calendar months, labelled `2023-02`.
    Month,
    /// Calendar quarters, labelled `2023-Q1`.
    Quarter,
    /// Calendar years, labelled `2023`.
    Year,
}

impl std::str::FromStr for Period {
    type Err = crate::AnalysisError;
    fn from_str(s: &str) -> Result<Period, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "year" => Ok(Period::Year),
            _ => Err(crate::AnalysisError::Invalid(format!("unknown period `{s}`: expected week, month, quarter or year"))),
        }
    }
}

/// One period: its kind and a dense index (consecutive periods have
/// consecutive indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeriodKey {
    /// Month index `year*12 + month-1`, quarter `year*4 + q-1`, year, or
    /// week index: Monday's day number (days since 1970-01-01) divided by 7.
    pub index: i64,
    /// The kind of period.
    pub period: Period,
}

impl Period {
    /// The period containing `date`.
    pub fn key(self, date: Date) -> PeriodKey {
        let y = i64::from(date.year());
        let m = i64::from(date.month());
        let index = match self {
            // 1970-01-05 was a Monday (day 4): shift so weeks start on Mondays.
            Period::Week => (date.to_days() - 4).div_euclid(7),
            Period::Month => y * 12 + m - 1,
            Period::Quarter => y * 4 + (m - 1) / 3,
            Period::Year => y,
        };
        PeriodKey { index, period: self }
    }

    /// The period containing the month `year-month` (for monthly aggregates;
    /// weeks cannot be derived from months, hence `None`).
    pub fn key_for_month(self, year: i32, month: u32) -> Option<PeriodKey> {
        if self == Period::Week {
            return None;
        }
        Date::from_ymd(year, month, 1).ok().map(|d| self.key(d))
    }
}

impl PeriodKey {
    /// The first day of the period.
    pub fn start(self) -> Date {
        let i = self.index;
        let ymd = |y: i64, m: i64| Date::from_ymd(y as i32, m as u32, 1).unwrap_or(Date::MIN);
        match self.period {
            Period::Week => Date::from_days(i * 7 + 4).unwrap_or(Date::MIN),
            Period::Month => ymd(i.div_euclid(12), i.rem_euclid(12) + 1),
            Period::Quarter => ymd(i.div_euclid(4), i.rem_euclid(4) * 3 + 1),
            Period::Year => ymd(i, 1),
        }
    }

    /// The last day of the period.
    pub fn end(self) -> Date {
        PeriodKey { index: self.index + 1, period: self.period }.start().add_days(-1)
    }

    /// The next period.
    pub fn next(self) -> PeriodKey {
        PeriodKey { index: self.index + 1, ..self }
    }

    /// The label: `2023-W05`, `2023-02`, `2023-Q1` or `2023`.
    pub fn label(self) -> String {
        let i = self.index;
        match self.period {
            Period::Week => {
                // The ISO week-numbering year is the year of the week's Thursday.
                let thursday = self.start().add_days(3);
                let jan1 = Date::from_ymd(thursday.year(), 1, 1).unwrap_or(Date::MIN);
                let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
                format!("{}-W{week:02}", thursday.year())
            }
            Period::Month => format!("{}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1),
            Period::Quarter => format!("{}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1),
            Period::Year => i.to_string(),
        }
    }
}

impl Serialize for PeriodKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

impl std::fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// Every period from `first` to `last` inclusive (empty when `last < first`).
pub fn range(first: PeriodKey, last: PeriodKey) -> impl Iterator<Item = PeriodKey> {
    let p = first.period;
    (first.index..=last.index).map(move |index| PeriodKey { index, period: p })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn labels_and_bounds() {
        assert_eq!(Period::Month.key(d("2023-02-14")).label(), "2023-02");
        assert_eq!(Period::Quarter.key(d("2023-02-14")).label(), "2023-Q1");
        assert_eq!(Period::Quarter.key(d("2023-12-31")).label(), "2023-Q4");
        assert_eq!(Period::Year.key(d("2023-02-14")).label(), "2023");
        let q = Period::Quarter.key(d("2024-05-01"));
        assert_eq!((q.start(), q.end()), (d("2024-04-01"), d("2024-06-30")));
        let m = Period::Month.key(d("2024-02-10"));
        assert_eq!(m.end(), d("2024-02-29"));
        assert_eq!(m.next().label(), "2024-03");
        assert_eq!(Period::Month.key(d("2023-12-01")).next().label(), "2024-01");
    }

    #[test]
    fn iso_weeks() {
        // 2021-01-03 is a Sunday in ISO week 2020-W53; 2021-01-04 opens 2021-W01.
        assert_eq!(Period::Week.key(d("2021-01-03")).label(), "2020-W53");
        assert_eq!(Period::Week.key(d("2021-01-04")).label(), "2021-W01");
        assert_eq!(Period::Week.key(d("2024-12-30")).label(), "2025-W01");
        let w = Period::Week.key(d("2023-02-08")); // a Wednesday
        assert_eq!((w.start(), w.end()), (d("2023-02-06"), d("2023-02-12")));
        assert_eq!(w.start().weekday(), 0);
        assert_eq!(Period::Week.key(d("2023-02-12")), w);
        assert_eq!(Period::Week.key(d("2023-02-13")), w.next());
    }

    #[test]
    fn ranges_fill_gaps() {
        let a = Period::Month.key(d("2023-11-05"));
        let b = Period::Month.key(d("2024-02-05"));
        let labels: Vec<String> = range(a, b).map(|k| k.label()).collect();
        assert_eq!(labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(range(b, a).count(), 0);
        assert!(Period::Week.key_for_month(2023, 1).is_none());
        assert!("fortnight".parse::<Period>().is_err());
    }
}
