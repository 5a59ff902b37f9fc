//! [`QuadClass`]: the four-way split of CAMEO events into verbal/material
//! cooperation/conflict.

use std::fmt;

/// The quad class of a CAMEO event: whether it is cooperation or conflict,
/// and whether it is talk (verbal) or action (material).
///
/// # Convention
///
/// The class is a function of the CAMEO root alone, the convention GDELT and
/// the ICEWS-derived literature use:
///
/// | roots | class | number |
/// |---|---|---|
/// | 01–05 (statement, appeal, intent to cooperate, consult, diplomatic cooperation) | verbal cooperation | 1 |
/// | 06–08 (material cooperation, aid, yield) | material cooperation | 2 |
/// | 09–13 (investigate, demand, disapprove, reject, threaten) | verbal conflict | 3 |
/// | 14–20 (protest, force posture, reduce relations, coerce, assault, fight, mass violence) | material conflict | 4 |
///
/// Root 01 ("make public statement") is counted as verbal cooperation by this
/// convention even though most statements are neutral (Goldstein 0); callers
/// that weigh events should use the Goldstein score, not the quad class.
///
/// Serialised as its number (1–4), as in GDELT's `QuadClass` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    /// 1 — roots 01–05.
    VerbalCooperation = 1,
    /// 2 — roots 06–08.
    MaterialCooperation = 2,
    /// 3 — roots 09–13.
    VerbalConflict = 3,
    /// 4 — roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// All four classes in numeric order.
    pub const ALL: [QuadClass; 4] = [
        QuadClass::VerbalCooperation,
        QuadClass::MaterialCooperation,
        QuadClass::VerbalConflict,
        QuadClass::MaterialConflict,
    ];

    /// The class number, 1–4.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The class with number `n` (1–4), or `None`.
    pub fn from_number(n: u8) -> Option<QuadClass> {
        QuadClass::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The class of CAMEO root `root` (1–20) by the convention above, or
    /// `None` when `root` is not a CAMEO root.
    pub fn from_root(root: u8) -> Option<QuadClass> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=8 => Some(QuadClass::MaterialCooperation),
            9..=13 => Some(QuadClass::VerbalConflict),
            14..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// Lower-case name: `"verbal cooperation"`, …
    pub fn name(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal cooperation",
            QuadClass::MaterialCooperation => "material cooperation",
            QuadClass::VerbalConflict => "verbal conflict",
            QuadClass::MaterialConflict => "material conflict",
        }
    }

    /// True for classes 1 and 2.
    pub fn is_cooperation(self) -> bool {
        matches!(self, QuadClass::VerbalCooperation | QuadClass::MaterialCooperation)
    }

    /// True for classes 2 and 4 (actions rather than words).
    pub fn is_material(self) -> bool {
        matches!(self, QuadClass::MaterialCooperation | QuadClass::MaterialConflict)
    }
}

impl fmt::Display for QuadClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for QuadClass {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convention_boundaries() {
        assert_eq!(QuadClass::from_root(0), None);
        assert_eq!(QuadClass::from_root(1), Some(QuadClass::VerbalCooperation));
        assert_eq!(QuadClass::from_root(5), Some(QuadClass::VerbalCooperation));
        assert_eq!(QuadClass::from_root(6), Some(QuadClass::MaterialCooperation));
        assert_eq!(QuadClass::from_root(8), Some(QuadClass::MaterialCooperation));
        assert_eq!(QuadClass::from_root(9), Some(QuadClass::VerbalConflict));
        assert_eq!(QuadClass::from_root(13), Some(QuadClass::VerbalConflict));
        assert_eq!(QuadClass::from_root(14), Some(QuadClass::MaterialConflict));
        assert_eq!(QuadClass::from_root(20), Some(QuadClass::MaterialConflict));
        assert_eq!(QuadClass::from_root(21), None);
    }

    #[test]
    fn numbers_round_trip() {
        for q in QuadClass::ALL {
            assert_eq!(QuadClass::from_number(q.number()), Some(q));
        }
        assert_eq!(QuadClass::from_number(0), None);
        assert_eq!(QuadClass::from_number(5), None);
        assert!(QuadClass::MaterialCooperation.is_cooperation());
        assert!(!QuadClass::VerbalConflict.is_material());
    }
}
