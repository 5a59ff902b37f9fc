//! Small validated value types: country codes, sector codes, organisation
//! ids and date ranges. Each is checked once when read, so the rest of the
//! engine never re-validates strings.

use std::fmt;

use faultline_text::{Date, Precision};

/// An ISO 3166-1 alpha-3 country code (`CHN`, `USA`, `XKX`): exactly three
/// upper-case ASCII letters.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// Parses three upper-case ASCII letters.
    pub fn parse(s: &str) -> Option<Iso3> {
        three_upper(s).map(Iso3)
    }
    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// An agent (sector) code such as `GOV`, `MIL`, `LEG`: three upper-case
/// ASCII letters, checked against the `agent` records (or the standard
/// CAMEO list, [`KNOWN_SECTORS`]) when dictionaries are compiled.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sector([u8; 3]);

impl Sector {
    /// Parses three upper-case ASCII letters (syntax only; membership is
    /// checked by the compiler).
    pub fn parse(s: &str) -> Option<Sector> {
        three_upper(s).map(Sector)
    }
    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
    /// The government sector, `GOV` (used for metonyms such as "Beijing").
    pub const GOV: Sector = Sector(*b"GOV");
}

/// CAMEO's standard agent codes. A role may use one of these even when the
/// loaded `agent` records do not define it (they name the nouns, not the
/// code's existence).
pub const KNOWN_SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "BUS", "MED", "EDU",
    "CVL", "REF", "LAB", "AGR", "ELI", "HLH", "CRM", "LEG", "UAF", "INS", "SET", "MNC", "RAD",
    "ENV", "HRI", "IRG", "MOD", "AMN", "REL", "DEV", "NGM", "SEP", "UIS",
];

fn three_upper(s: &str) -> Option<[u8; 3]> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1], b[2]])
}

macro_rules! str_code_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($t), self.as_str())
            }
        }
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
str_code_impls!(Iso3);
str_code_impls!(Sector);

/// An organisation's (or group's) short id (`NATO`, `UN`, `G7`): upper-case
/// ASCII letters, digits, `-` and `_`, starting with a letter.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrgId(Box<str>);

impl OrgId {
    /// Parses an id.
    pub fn parse(s: &str) -> Option<OrgId> {
        let b = s.as_bytes();
        let ok = !b.is_empty()
            && b[0].is_ascii_uppercase()
            && b.iter()
                .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-' || c == b'_');
        ok.then(|| OrgId(s.into()))
    }
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
str_code_impls!(OrgId);

/// True for a CAMEO-style actor code (`IGOWSTNAT`, `CHNGOV`): three or more
/// upper-case ASCII letters or digits.
pub fn is_actor_code(s: &str) -> bool {
    s.len() >= 3
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// An inclusive range of dates; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateRange {
    /// First day, or `None` for "always before".
    pub from: Option<Date>,
    /// Last day (inclusive), or `None` for "still".
    pub to: Option<Date>,
}

impl DateRange {
    /// The range open at both ends.
    pub const ALWAYS: DateRange = DateRange {
        from: None,
        to: None,
    };

    /// Parses `FROM..TO` where each side is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`
    /// or empty. FROM is the first day of its period and TO the last.
    pub fn parse(s: &str) -> Result<DateRange, String> {
        let Some((a, b)) = s.split_once("..") else {
            return Err(format!(
                "expected a date range FROM..TO (e.g. 2018-03..2023-03), found `{s}`"
            ));
        };
        let side = |t: &str, end: bool| -> Result<Option<Date>, String> {
            if t.is_empty() {
                return Ok(None);
            }
            let (d, p) = match fast_date(t) {
                Some(dp) => dp,
                // The general parser gives the precise error message.
                None => Date::parse_with_precision(t).map_err(|e| e.to_string())?,
            };
            Ok(Some(if end { last_day(d, p) } else { d }))
        };
        let from = side(a, false)?;
        let to = side(b, true)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(format!("date range `{s}` ends before it starts"));
            }
        }
        Ok(DateRange { from, to })
    }

    /// True when `date` is inside the range.
    pub fn contains(&self, date: Date) -> bool {
        self.from.map_or(true, |f| f <= date) && self.to.map_or(true, |t| date <= t)
    }

    /// True when the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        let starts_before_other_ends = match (self.from, other.to) {
            (Some(f), Some(t)) => f <= t,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.from, self.to) {
            (Some(f), Some(t)) => f <= t,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }

    /// The intersection of two ranges (may be empty, see [`DateRange::is_empty`]).
    pub fn intersect(&self, other: &DateRange) -> DateRange {
        DateRange {
            from: match (self.from, other.from) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
            to: match (self.to, other.to) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }

    /// True when the range holds no day.
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.to), (Some(f), Some(t)) if f > t)
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` read straight from the bytes: role
/// ranges are the most numerous values in the actor files, and the general
/// parser allocates. `None` sends anything unusual to the general parser.
fn fast_date(t: &str) -> Option<(Date, Precision)> {
    let b = t.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = num(0..4)? as i32;
    match b.len() {
        4 => Some((Date::from_ymd(year, 1, 1).ok()?, Precision::Year)),
        7 if b[4] == b'-' => Some((Date::from_ymd(year, num(5..7)?, 1).ok()?, Precision::Month)),
        10 if b[4] == b'-' && b[7] == b'-' => Some((
            Date::from_ymd(year, num(5..7)?, num(8..10)?).ok()?,
            Precision::Day,
        )),
        _ => None,
    }
}

fn last_day(d: Date, p: Precision) -> Date {
    match p {
        Precision::Day => d,
        Precision::Month => d.last_of_month(),
        // Year (and, never produced by the parser, decade): 31 December.
        Precision::Year | Precision::Decade => Date::from_ymd(d.year(), 12, 31).unwrap_or(d),
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(d) = self.from {
            write!(f, "{d}")?;
        }
        f.write_str("..")?;
        if let Some(d) = self.to {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for DateRange {
    /// As `{"from": "2021-01-20" | null, "to": ... | null}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DateRange", 2)?;
        st.serialize_field("from", &self.from)?;
        st.serialize_field("to", &self.to)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn codes_validate() {
        assert!(Iso3::parse("CHN").is_some());
        assert!(Iso3::parse("chn").is_none());
        assert!(Iso3::parse("CH").is_none());
        assert!(Iso3::parse("CHNA").is_none());
        assert!(Sector::parse("GOV").is_some());
        assert!(Sector::parse("G0V").is_none());
        assert!(OrgId::parse("G7").is_some());
        assert!(OrgId::parse("7G").is_none());
        assert!(OrgId::parse("Nato").is_none());
        assert!(is_actor_code("IGOWSTNAT"));
        assert!(!is_actor_code("IG"));
    }

    #[test]
    fn ranges_use_first_and_last_day_of_period() {
        let r = DateRange::parse("2018-03..2023-03").unwrap();
        assert_eq!(r.from, Some(d("2018-03-01")));
        assert_eq!(r.to, Some(d("2023-03-31")));
        let r = DateRange::parse("2011..2012").unwrap();
        assert_eq!(r.to, Some(d("2012-12-31")));
        assert!(r.contains(d("2012-12-31")) && !r.contains(d("2013-01-01")));
        let open = DateRange::parse("2011-07-09..").unwrap();
        assert!(open.contains(d("2099-01-01")) && !open.contains(d("2011-07-08")));
        assert!(DateRange::parse("..").unwrap() == DateRange::ALWAYS);
        assert!(DateRange::parse("2020..2019").is_err());
        assert!(DateRange::parse("2020").is_err());
        assert!(DateRange::parse("2020-13..").is_err());
    }

    #[test]
    fn overlap() {
        let a = DateRange::parse("2018..2020").unwrap();
        let b = DateRange::parse("2020-12-31..").unwrap();
        let c = DateRange::parse("2021..").unwrap();
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c) && !c.overlaps(&a));
        assert!(DateRange::ALWAYS.overlaps(&a));
        assert!(a.intersect(&c).is_empty());
    }
}
