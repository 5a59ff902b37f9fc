//! The query-string parser and typed parameter access.
//!
//! [`parse_query`] splits `a=1&b=x%20y` into decoded pairs with hard
//! limits (length, number of pairs, no repeated keys), and [`Params`] turns
//! them into typed values — ISO3 codes, dates, periods, bounded integers —
//! each failure an [`ApiError`] naming the parameter. It is the only code
//! that sees raw client bytes before routing, so it is fuzzed
//! (`fuzz/fuzz_targets/server_query.rs`) and never panics.

use faultline_analysis::Period;
use faultline_text::Date;

use crate::error::ApiError;

/// Longest query string accepted (bytes, before decoding).
pub const MAX_QUERY_LEN: usize = 2048;
/// Most `key=value` pairs accepted.
pub const MAX_PARAMS: usize = 32;

/// Decodes `%XX` escapes (and `+` as space when `plus_is_space`, as in
/// form-encoded query strings). Fails on a malformed escape or on bytes
/// that are not UTF-8, rather than guessing.
pub fn percent_decode(s: &str, plus_is_space: bool) -> Result<String, ApiError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) else {
                    return Err(ApiError::bad_request(format!("malformed percent escape at byte {i} of `{}`", shorten(s))));
                };
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|e| ApiError::bad_request(format!("`{}` decodes to bytes that are not UTF-8 (at byte {})", shorten(s), e.utf8_error().valid_up_to())))
}

/// Percent-encodes a path segment or query value: everything except
/// unreserved characters (and `/` when `keep_slash`), so document ids with
/// odd characters survive a round trip through a link.
pub fn percent_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// At most 60 characters of `s`, for messages that quote client input.
pub fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        s.chars().take(59).chain(std::iter::once('…')).collect()
    } else {
        s.to_owned()
    }
}

/// Parsed query parameters, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

/// Splits and decodes a query string (without the `?`). Empty pairs
/// (`a=1&&b=2`) are skipped; a key without `=` has an empty value. A key
/// given twice is an error: silently taking one would hide a client's bug.
pub fn parse_query(raw: &str) -> Result<Params, ApiError> {
    if raw.len() > MAX_QUERY_LEN {
        return Err(ApiError { status: 414, message: format!("query string of {} bytes; the limit is {MAX_QUERY_LEN}", raw.len()) });
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(k, true)?;
        let value = percent_decode(v, true)?;
        if key.is_empty() {
            return Err(ApiError::bad_request(format!("query pair `{}` has no name", shorten(part))));
        }
        if pairs.iter().any(|(existing, _)| *existing == key) {
            return Err(ApiError::bad_request(format!("parameter `{}` given more than once", shorten(&key))));
        }
        if pairs.len() == MAX_PARAMS {
            return Err(ApiError { status: 414, message: format!("more than {MAX_PARAMS} query parameters") });
        }
        pairs.push((key, value));
    }
    Ok(Params { pairs })
}

impl Params {
    /// The pairs, in the order given.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The value of `key`, trimmed; `None` when absent or blank (an empty
    /// form field means "no filter").
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// Rejects parameters the route does not know, so a misspelt filter
    /// (`sorce=CHN`) is an error rather than silently ignored.
    pub fn only(&self, allowed: &[&str]) -> Result<(), ApiError> {
        match self.pairs.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            Some((k, _)) => Err(ApiError::bad_request(format!("unknown parameter `{}`; this route takes: {}", shorten(k), allowed.join(", ")))),
            None => Ok(()),
        }
    }

    /// A required value.
    pub fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.get(key).ok_or_else(|| ApiError::bad_request(format!("missing parameter `{key}`")))
    }

    /// An optional ISO3 country: 400 when not three letters, 422 when three
    /// letters no state has.
    pub fn country(&self, key: &str) -> Result<Option<String>, ApiError> {
        self.get(key).map(|v| country(key, v)).transpose()
    }

    /// A required ISO3 country.
    pub fn required_country(&self, key: &str) -> Result<String, ApiError> {
        country(key, self.required(key)?)
    }

    /// A comma-separated list of ISO3 countries, `min..=max` of them, all different.
    pub fn countries(&self, key: &str, min: usize, max: usize) -> Result<Vec<String>, ApiError> {
        let raw = self.required(key)?;
        let list: Vec<String> = raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|c| country(key, c)).collect::<Result<_, _>>()?;
        if list.len() < min || list.len() > max {
            return Err(ApiError::bad_request(format!("`{key}` needs {min} to {max} countries, got {}", list.len())));
        }
        for (i, c) in list.iter().enumerate() {
            if list[..i].contains(c) {
                return Err(ApiError::bad_request(format!("`{key}` lists {c} twice")));
            }
        }
        Ok(list)
    }

    /// An optional `YYYY-MM-DD` date.
    pub fn date(&self, key: &str) -> Result<Option<Date>, ApiError> {
        self.get(key)
            .map(|v| v.parse::<Date>().map_err(|e| ApiError::bad_request(format!("`{key}`: `{}` is not a date YYYY-MM-DD ({e})", shorten(v)))))
            .transpose()
    }

    /// `from` and `to`, checked for order and for a span of at most
    /// `max_days` (so one request cannot ask for centuries of weeks).
    pub fn date_range(&self, max_days: i64) -> Result<(Option<Date>, Option<Date>), ApiError> {
        let (from, to) = (self.date("from")?, self.date("to")?);
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(ApiError::bad_request(format!("`from` {f} is after `to` {t}")));
            }
            if t.to_days() - f.to_days() > max_days {
                return Err(ApiError::bad_request(format!("date range {f}..{t} is longer than the limit of {max_days} days")));
            }
        }
        Ok((from, to))
    }

    /// An optional unsigned integer no larger than `max` (400 beyond it:
    /// a huge `limit` is refused, not clamped, so clients learn the limit).
    pub fn uint(&self, key: &str, max: u64) -> Result<Option<u64>, ApiError> {
        let Some(v) = self.get(key) else { return Ok(None) };
        let n: u64 = v.parse().map_err(|_| ApiError::bad_request(format!("`{key}`: `{}` is not a non-negative integer", shorten(v))))?;
        if n > max {
            return Err(ApiError::bad_request(format!("`{key}` = {n} is above the limit of {max}")));
        }
        Ok(Some(n))
    }

    /// A boolean flag: `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`.
    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key).map(str::to_ascii_lowercase).as_deref() {
            None | Some("0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!("`{key}`: `{}` is not a boolean (true or false)", shorten(other)))),
        }
    }

    /// The `period` parameter (`week`, `month`, `quarter`, `year`), or `default`.
    pub fn period(&self, default: Period) -> Result<Period, ApiError> {
        Ok(match self.get("period").map(str::to_ascii_lowercase).as_deref() {
            None => default,
            Some("week") => Period::Week,
            Some("month") => Period::Month,
            Some("quarter") => Period::Quarter,
            Some("year") => Period::Year,
            Some(other) => return Err(ApiError::bad_request(format!("`period`: `{}` is not week, month, quarter or year", shorten(other)))),
        })
    }
}

/// Validates one ISO3 code.
fn country(key: &str, v: &str) -> Result<String, ApiError> {
    let v = v.trim();
    if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(ApiError::bad_request(format!("`{key}`: `{}` is not an ISO3 country code (three letters, e.g. CHN)", shorten(v))));
    }
    faultline_analysis::country::parse_iso3(v).map(str::to_owned).map_err(ApiError::from)
}

/// The lowercase name of a period, as the API spells it.
pub fn period_name(p: Period) -> &'static str {
    match p {
        Period::Week => "week",
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs_and_rejects_bad_escapes() {
        let p = parse_query("a=USA&b=r%C3%A9sum%C3%A9+x&&flag").unwrap();
        assert_eq!(p.get("a"), Some("USA"));
        assert_eq!(p.get("b"), Some("résumé x"));
        assert_eq!(p.get("flag"), None);
        assert_eq!(p.pairs().len(), 3);
        assert_eq!(parse_query("a=%zz").unwrap_err().status, 400);
        assert_eq!(parse_query("a=%").unwrap_err().status, 400);
        assert_eq!(parse_query("a=%FF").unwrap_err().status, 400);
        assert_eq!(parse_query("a=1&a=2").unwrap_err().status, 400);
        assert_eq!(parse_query("=1").unwrap_err().status, 400);
        assert_eq!(parse_query(&"a".repeat(MAX_QUERY_LEN + 1)).unwrap_err().status, 414);
        let many: Vec<String> = (0..=MAX_PARAMS).map(|i| format!("k{i}=1")).collect();
        assert_eq!(parse_query(&many.join("&")).unwrap_err().status, 414);
    }

    #[test]
    fn typed_values_name_the_parameter() {
        let p = parse_query("a=usa&b=XXX&c=U1&from=2020-02-30&limit=99999999999999999999&ok=2020-01-01").unwrap();
        assert_eq!(p.required_country("a").unwrap(), "USA");
        let e = p.required_country("b").unwrap_err();
        assert_eq!(e.status, 422);
        assert_eq!(p.required_country("c").unwrap_err().status, 400);
        let e = p.date("from").unwrap_err();
        assert!(e.message.contains("`from`"), "{}", e.message);
        assert_eq!(p.uint("limit", 500).unwrap_err().status, 400);
        assert_eq!(p.date("ok").unwrap(), Some("2020-01-01".parse().unwrap()));
        assert_eq!(p.required("zzz").unwrap_err().status, 400);
        assert!(p.only(&["a"]).unwrap_err().message.contains("unknown parameter `b`"));
        let r = parse_query("from=2020-01-01&to=2019-01-01").unwrap();
        assert_eq!(r.date_range(100).unwrap_err().status, 400);
        let r = parse_query("from=1900-01-01&to=2020-01-01").unwrap();
        assert!(r.date_range(365).unwrap_err().message.contains("limit"));
        let r = parse_query("from=2019-01-01&to=2020-01-01").unwrap();
        assert!(r.date_range(366).is_ok());
    }

    #[test]
    fn encode_round_trips() {
        for s in ["demo/a b?c#d", "..%2F..", "ü/ø", ""] {
            assert_eq!(percent_decode(&percent_encode(s, true), false).unwrap(), s);
            assert_eq!(percent_decode(&percent_encode(s, false), false).unwrap(), s);
        }
    }

    /// A deterministic pseudo-random walk over query strings built from
    /// the characters that matter (`%`, `&`, `=`, `+`, hex digits, UTF-8
    /// bytes): the parser must return, never panic, and whatever it
    /// accepts must decode every pair and respect the limits.
    #[test]
    fn pseudo_random_queries_never_panic() {
        let alphabet: Vec<&str> = vec!["%", "&", "=", "+", "a", "Z", "0", "9", "f", "F", "%2", "%C3", "%A9", "%FF", "é", "\u{0}", " ", "?", "#", "/", "from", "limit", "USA", ".."];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            // xorshift64*: reproducible without a dependency.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        let (mut ok, mut err) = (0, 0);
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let s: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            match parse_query(&s) {
                Ok(p) => {
                    ok += 1;
                    assert!(p.pairs().len() <= MAX_PARAMS);
                    for key in ["a", "from", "limit", "USA"] {
                        let _ = p.date(key);
                        let _ = p.uint(key, 500);
                        let _ = p.country(key);
                        let _ = p.period(Period::Month);
                        let _ = p.flag(key);
                    }
                    let _ = p.date_range(3650);
                }
                Err(e) => {
                    err += 1;
                    assert!((400..500).contains(&e.status), "{e}");
                }
            }
        }
        // Both paths must be exercised, or the test proves nothing.
        assert!(ok > 1000 && err > 1000, "ok {ok}, err {err}");
    }
}
