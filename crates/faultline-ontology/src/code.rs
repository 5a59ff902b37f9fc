//! [`CameoCode`]: a validated CAMEO event code.

use std::fmt;
use std::str::FromStr;

/// A CAMEO event code such as `03`, `036` or `0333`: two to four ASCII
/// digits, whose first two (the root) are 01–20.
///
/// Validated once when parsed; inside the engine codes are compared as
/// values, never as strings. Ordering is the codebook's order (`03` < `030`
/// < `0331` < `04`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CameoCode {
    // Digits as ASCII, padded with NUL bytes so that a prefix sorts first.
    digits: [u8; 4],
}

/// Why text is not a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a CAMEO code of 2 to 4 digits with root 01-20, found `{0}`")]
pub struct CameoCodeError(pub String);

impl CameoCode {
    /// The code's digits as text (`"0333"`).
    pub fn as_str(&self) -> &str {
        let len = self.len();
        // The digits are validated ASCII.
        std::str::from_utf8(&self.digits[..len]).unwrap_or("")
    }

    /// Number of digits: 2 for a root, 3 for a base code, 4 for a sub-code.
    pub fn len(&self) -> usize {
        self.digits.iter().take_while(|&&b| b != 0).count()
    }

    /// Always false: a code has at least two digits. (Provided for clippy's
    /// `len_without_is_empty`.)
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The root code, 1–20.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// The root as a code (`"03"` for `0333`).
    pub fn root_code(&self) -> CameoCode {
        CameoCode { digits: [self.digits[0], self.digits[1], 0, 0] }
    }

    /// The code one level up (`033` for `0333`, `03` for `033`), or `None`
    /// for a root.
    pub fn parent(&self) -> Option<CameoCode> {
        let len = self.len();
        (len > 2).then(|| {
            let mut digits = self.digits;
            digits[len - 1] = 0;
            CameoCode { digits }
        })
    }

    /// True when `self` is `other` or one of its descendants.
    pub fn is_within(&self, other: &CameoCode) -> bool {
        let n = other.len();
        self.len() >= n && self.digits[..n] == other.digits[..n]
    }
}

impl FromStr for CameoCode {
    type Err = CameoCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
            return Err(CameoCodeError(s.to_string()));
        }
        let root = (b[0] - b'0') * 10 + (b[1] - b'0');
        if !(1..=20).contains(&root) {
            return Err(CameoCodeError(s.to_string()));
        }
        let mut digits = [0u8; 4];
        digits[..b.len()].copy_from_slice(b);
        Ok(CameoCode { digits })
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl serde::Serialize for CameoCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_navigates() {
        let c: CameoCode = "0333".parse().unwrap();
        assert_eq!(c.len(), 4);
        assert_eq!(c.root(), 3);
        assert_eq!(c.root_code().as_str(), "03");
        assert_eq!(c.parent().unwrap().as_str(), "033");
        assert!(c.is_within(&"03".parse().unwrap()));
        assert!(!c.is_within(&"034".parse().unwrap()));
        assert!("00".parse::<CameoCode>().is_err());
        assert!("21".parse::<CameoCode>().is_err());
        assert!("3".parse::<CameoCode>().is_err());
        assert!("03a".parse::<CameoCode>().is_err());
        assert!("03" < "030" && "03".parse::<CameoCode>().unwrap() < "030".parse().unwrap());
        assert!("0399".parse::<CameoCode>().unwrap() < "04".parse().unwrap());
    }
}
