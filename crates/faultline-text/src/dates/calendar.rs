//! Calendar arithmetic the resolver needs beyond [`Date`]'s own API: month
//! and year steps, "the nearest April 26", weekday look-ups.
//!
//! Everything returns `Option` because every step can leave the
//! representable range (years 1..=9999) or hit a day that does not exist
//! (February 29 in a common year); the caller then simply emits nothing.

use crate::date::Date;

/// Months since year 0: a linear index that makes month arithmetic simple.
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// The first day of the month with linear index `idx`.
fn from_month_index(idx: i64) -> Option<Date> {
    let year = i32::try_from(idx.div_euclid(12)).ok()?;
    let month = idx.rem_euclid(12) as u32 + 1;
    Date::from_ymd(year, month, 1).ok()
}

/// The first day of the month `n` months after `d`'s month.
pub(crate) fn add_months(d: Date, n: i64) -> Option<Date> {
    from_month_index(month_index(d.year(), d.month()).checked_add(n)?)
}

/// January 1 of the year `n` years after `d`'s year.
pub(crate) fn add_years(d: Date, n: i64) -> Option<Date> {
    let year = i32::try_from(i64::from(d.year()).checked_add(n)?).ok()?;
    Date::from_ymd(year, 1, 1).ok()
}

/// `d` moved by `n` days, or `None` outside the representable range (unlike
/// [`Date::add_days`], which saturates: a saturated date would be a wrong
/// answer here, not a clamp).
pub(crate) fn shift_days(d: Date, n: i64) -> Option<Date> {
    Date::from_days(d.to_days().checked_add(n)?)
}

/// The first of `month` in the year `doc` is in.
pub(crate) fn month_in_year_of(doc: Date, month: u32) -> Option<Date> {
    Date::from_ymd(doc.year(), month, 1).ok()
}

/// The most recent `month` strictly before `doc`'s month ("last September").
pub(crate) fn month_before(doc: Date, month: u32) -> Option<Date> {
    let year = if month < doc.month() { doc.year() } else { doc.year() - 1 };
    Date::from_ymd(year, month, 1).ok()
}

/// The first `month` strictly after `doc`'s month ("next September").
pub(crate) fn month_after(doc: Date, month: u32) -> Option<Date> {
    let year = if month > doc.month() { doc.year() } else { doc.year() + 1 };
    Date::from_ymd(year, month, 1).ok()
}

/// The occurrence of `month` nearest to `doc`'s month, for a month named
/// without a year ("in October"); on a tie (six months either way) the past
/// one, since news mostly reports what has happened.
pub(crate) fn nearest_month(doc: Date, month: u32) -> Option<Date> {
    let here = month_index(doc.year(), doc.month());
    let best =
        (-1..=1).map(|dy| month_index(doc.year() + dy, month)).min_by_key(|&idx| ((idx - here).abs(), idx > here))?;
    from_month_index(best)
}

/// The occurrence of `month`/`day` nearest to `doc`, for a day named without
/// a year ("on Sept. 30"); ties go to the past. `None` when the day exists in
/// none of the three candidate years (e.g. "Feb. 30").
pub(crate) fn nearest_day(doc: Date, month: u32, day: u32) -> Option<Date> {
    let here = doc.to_days();
    (-1..=1)
        .filter_map(|dy| Date::from_ymd(doc.year() + dy, month, day).ok())
        .min_by_key(|d| ((d.to_days() - here).abs(), d.to_days() > here))
}

/// The Monday of `d`'s week (weeks run Monday to Sunday, as in ISO 8601).
pub(crate) fn monday_of(d: Date) -> Option<Date> {
    shift_days(d, -i64::from(d.weekday()))
}

/// The latest `weekday` (0 = Monday) on or before `doc`: a bare "Saturday"
/// in a news report means the one just past.
pub(crate) fn weekday_on_or_before(doc: Date, weekday: u32) -> Option<Date> {
    let back = (doc.weekday() + 7 - weekday) % 7;
    shift_days(doc, -i64::from(back))
}

/// The latest `weekday` strictly before `doc` ("last Saturday").
pub(crate) fn weekday_before(doc: Date, weekday: u32) -> Option<Date> {
    let back = match (doc.weekday() + 7 - weekday) % 7 {
        0 => 7,
        n => n,
    };
    shift_days(doc, -i64::from(back))
}

/// The first `weekday` strictly after `doc` ("next Saturday").
pub(crate) fn weekday_after(doc: Date, weekday: u32) -> Option<Date> {
    let ahead = match (weekday + 7 - doc.weekday()) % 7 {
        0 => 7,
        n => n,
    };
    shift_days(doc, i64::from(ahead))
}

/// `weekday` of the week that contains `doc` ("this Saturday").
pub(crate) fn weekday_this_week(doc: Date, weekday: u32) -> Option<Date> {
    shift_days(monday_of(doc)?, i64::from(weekday))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months() {
        assert_eq!(add_months(d("2023-01-15"), -1), Some(d("2022-12-01")));
        assert_eq!(add_months(d("2023-12-15"), 1), Some(d("2024-01-01")));
        assert_eq!(add_months(d("0001-01-01"), -1), None);
        assert_eq!(month_before(d("2023-02-01"), 9), Some(d("2022-09-01")));
        assert_eq!(month_before(d("2023-02-01"), 2), Some(d("2022-02-01")));
        assert_eq!(month_before(d("2023-02-01"), 1), Some(d("2023-01-01")));
        assert_eq!(month_after(d("2023-02-01"), 2), Some(d("2024-02-01")));
        assert_eq!(nearest_month(d("2023-02-01"), 9), Some(d("2022-09-01")));
        assert_eq!(nearest_month(d("2023-02-01"), 8), Some(d("2022-08-01")), "tie goes to the past");
        assert_eq!(nearest_month(d("2023-02-01"), 7), Some(d("2023-07-01")));
    }

    #[test]
    fn days() {
        assert_eq!(nearest_day(d("2023-02-01"), 9, 30), Some(d("2022-09-30")));
        assert_eq!(nearest_day(d("2023-02-01"), 3, 3), Some(d("2023-03-03")));
        assert_eq!(nearest_day(d("2023-02-01"), 2, 29), Some(d("2024-02-29")));
        assert_eq!(nearest_day(d("2023-02-01"), 2, 30), None);
        // 2023-02-01 is a Wednesday.
        assert_eq!(weekday_on_or_before(d("2023-02-01"), 5), Some(d("2023-01-28")));
        assert_eq!(weekday_on_or_before(d("2023-02-01"), 2), Some(d("2023-02-01")));
        assert_eq!(weekday_before(d("2023-02-01"), 2), Some(d("2023-01-25")));
        assert_eq!(weekday_after(d("2023-02-01"), 2), Some(d("2023-02-08")));
        assert_eq!(weekday_after(d("2023-02-01"), 0), Some(d("2023-02-06")));
        assert_eq!(weekday_this_week(d("2023-02-01"), 4), Some(d("2023-02-03")));
        assert_eq!(shift_days(Date::MAX, 1), None);
    }
}
