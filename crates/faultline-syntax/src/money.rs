//! Money amounts: "$3 million", "$3.5 million", "3 million dollars",
//! "€2bn", "€50m", "2 billion yuan", "US$40 million".
//!
//! Amounts are read from tokens of the sentence (see
//! [`faultline_text::tokenize`]): a currency symbol or code, a number, an
//! optional scale word or suffix, and an optional currency word. Each
//! reading looks at a fixed window of at most five tokens, so scanning a
//! sentence is linear.

/// A money amount found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Money {
    /// Amount in currency units (3,000,000 for "$3 million").
    pub amount: f64,
    /// ISO 4217 code.
    pub unit: &'static str,
    /// First token index.
    pub start: u32,
    /// One past the last token index.
    pub end: u32,
}

fn symbol_currency(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" | "us$" | "usd" => "USD",
        "€" | "eur" => "EUR",
        "£" | "gbp" => "GBP",
        "¥" | "cny" | "rmb" => "CNY",
        "₽" | "rub" => "RUB",
        "₹" | "inr" => "INR",
        "jpy" => "JPY",
        "₴" | "uah" => "UAH",
        _ => return None,
    })
}

fn word_currency(s: &str) -> Option<&'static str> {
    Some(match s {
        "dollar" | "dollars" | "usd" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "pound" | "pounds" | "sterling" | "gbp" => "GBP",
        "yuan" | "renminbi" | "rmb" | "cny" => "CNY",
        "ruble" | "rubles" | "rouble" | "roubles" | "rub" => "RUB",
        "rupee" | "rupees" | "inr" => "INR",
        "yen" | "jpy" => "JPY",
        "hryvnia" | "hryvnias" | "uah" => "UAH",
        _ => return None,
    })
}

fn scale_word(s: &str) -> Option<f64> {
    Some(match s {
        "thousand" | "k" => 1e3,
        "million" | "millions" | "mn" | "m" | "mln" => 1e6,
        "billion" | "billions" | "bn" | "b" | "bln" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

fn number_word(s: &str) -> Option<f64> {
    Some(match s {
        "one" | "a" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "hundreds" => 100.0,
        _ => return None,
    })
}

/// Parses "3", "3.5", "6,000", optionally with a glued scale suffix
/// ("2bn", "50m") → (value, scale from the suffix).
fn parse_number(s: &str) -> Option<(f64, f64)> {
    let digits_end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    if digits_end == 0 {
        return None;
    }
    let num: String = s[..digits_end].chars().filter(|&c| c != ',').collect();
    let v: f64 = num.parse().ok()?;
    let rest = &s[digits_end..];
    if rest.is_empty() {
        return Some((v, 1.0));
    }
    scale_word(&rest.to_ascii_lowercase()).map(|k| (v, k))
}

/// Finds money amounts in a sequence of `n` tokens whose lower-case keys
/// `key(i)` gives. Appends to `out`.
pub fn find_money<'k>(n: usize, key: impl Fn(usize) -> &'k str, out: &mut Vec<Money>) {
    let keys = Keys { n, key };
    let keys = &keys;
    let mut i = 0;
    while i < n {
        // Currency symbol or code first: "$3 million", "€2bn", "US$ 40m".
        let mut j = i;
        let mut unit = symbol_currency(keys.at(i));
        if unit.is_none() && keys.at(i) == "us" && i + 1 < n && keys.at(i + 1) == "$" {
            unit = Some("USD");
            j += 1;
        }
        if let Some(u) = unit {
            if let Some((v, k, end)) = amount_at(keys, j + 1) {
                out.push(Money { amount: v * k, unit: u, start: i as u32, end: end as u32 });
                i = end;
                continue;
            }
        }
        // Number first, currency word after: "3 million dollars", "2 billion yuan".
        if let Some((v, k, end)) = amount_at(keys, i) {
            if end < n {
                if let Some(u) = word_currency(keys.at(end)) {
                    out.push(Money { amount: v * k, unit: u, start: i as u32, end: (end + 1) as u32 });
                    i = end + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Token keys by index, without collecting them.
struct Keys<F> {
    n: usize,
    key: F,
}

impl<'k, F: Fn(usize) -> &'k str> Keys<F> {
    fn get(&self, i: usize) -> Option<&'k str> {
        (i < self.n).then(|| (self.key)(i))
    }
    fn at(&self, i: usize) -> &'k str {
        self.get(i).unwrap_or("")
    }
}

/// A number at `i` with its scale: returns (value, scale, end token).
fn amount_at<'k, F: Fn(usize) -> &'k str>(keys: &Keys<F>, i: usize) -> Option<(f64, f64, usize)> {
    let first = keys.get(i)?;
    let (v, k) = match parse_number(first) {
        Some(x) => x,
        None => (number_word(first)?, 1.0),
    };
    let mut end = i + 1;
    let mut scale = k;
    if k == 1.0 {
        if let Some(s) = keys.get(end).and_then(scale_word) {
            // A lone "m"/"b" after a spaced number is too ambiguous unless a currency came first.
            scale = s;
            end += 1;
        }
    }
    if number_word(first).is_some() && scale == 1.0 {
        return None;
    }
    Some((v, scale, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Vec<(f64, &'static str)> {
        let doc = faultline_text::Document::from_text("t", None, s);
        let keys: Vec<String> = faultline_text::sentences(&doc).iter().flat_map(|se| se.tokens.iter().map(|t| se.token_text(t).to_lowercase()).collect::<Vec<_>>()).collect();
        let mut out = Vec::new();
        find_money(keys.len(), |i| keys[i].as_str(), &mut out);
        out.into_iter().map(|m| (m.amount, m.unit)).collect()
    }

    #[test]
    fn amounts() {
        assert_eq!(money("a minuscule $3 million or so"), [(3e6, "USD")]);
        assert_eq!(money("$3.5 million in aid"), [(3.5e6, "USD")]);
        assert_eq!(money("3 billion yuan in loans"), [(3e9, "CNY")]);
        assert_eq!(money("€50m for Kyiv"), [(5e7, "EUR")]);
        assert_eq!(money("€2bn"), [(2e9, "EUR")]);
        assert_eq!(money("3 million dollars"), [(3e6, "USD")]);
        assert_eq!(money("$6,000"), [(6000.0, "USD")]);
        assert_eq!(money("6,000 Chinese nationals"), []);
        assert_eq!(money("two billion euros"), [(2e9, "EUR")]);
        assert_eq!(money("$"), []);
    }
}
