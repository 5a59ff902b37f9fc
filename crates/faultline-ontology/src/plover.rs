//! PLOVER: [`PloverEvent`] (the 16 event categories), the CAMEO→PLOVER
//! [`PloverMapping`], and the codebook entries [`PloverCategory`],
//! [`PloverMode`] and [`PloverContext`].

use std::fmt;
use std::str::FromStr;

use crate::code::CameoCode;
use crate::quad::QuadClass;

/// One of the 16 PLOVER event categories.
///
/// PLOVER replaced CAMEO's 20 roots with 16 categories plus a *mode* (how:
/// `visit`, `phone`, `firearms`, …) and *context* words (about what:
/// `economic`, `military`, …). Earlier drafts had further categories
/// (DEMAND, DISAPPROVE, INVESTIGATE, …); this crate maps them onto these 16
/// (demand → [`Request`](PloverEvent::Request), disapprove and investigate →
/// [`Accuse`](PloverEvent::Accuse)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PloverEvent {
    /// Agree to, offer or promise cooperation.
    Agree,
    /// Consultations and meetings.
    Consult,
    /// Verbal support, approval, signing agreements.
    Support,
    /// Verbal (promised) concessions.
    Concede,
    /// Mutual material cooperation.
    Cooperate,
    /// Material aid for the recipient's benefit.
    Aid,
    /// Concessions with immediate material consequences.
    Retreat,
    /// Requests, demands and orders.
    Request,
    /// Accusations, disapproval, investigations.
    Accuse,
    /// Rejections and refusals.
    Reject,
    /// Threats.
    Threaten,
    /// Civilian demonstrations and collective protest.
    Protest,
    /// Reductions in existing relations.
    Sanction,
    /// Military or police moves short of the use of force.
    Mobilize,
    /// Repression and coercion short of violence.
    Coerce,
    /// Violence.
    Assault,
}

/// Why text is not a PLOVER event name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a PLOVER event (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT), found `{0}`")]
pub struct PloverEventError(pub String);

impl PloverEvent {
    /// All 16 categories in the codebook's order (cooperation first).
    pub const ALL: [PloverEvent; 16] = [
        PloverEvent::Agree,
        PloverEvent::Consult,
        PloverEvent::Support,
        PloverEvent::Concede,
        PloverEvent::Cooperate,
        PloverEvent::Aid,
        PloverEvent::Retreat,
        PloverEvent::Request,
        PloverEvent::Accuse,
        PloverEvent::Reject,
        PloverEvent::Threaten,
        PloverEvent::Protest,
        PloverEvent::Sanction,
        PloverEvent::Mobilize,
        PloverEvent::Coerce,
        PloverEvent::Assault,
    ];

    /// The upper-case name used in PLOVER data: `"AGREE"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverEvent::Agree => "AGREE",
            PloverEvent::Consult => "CONSULT",
            PloverEvent::Support => "SUPPORT",
            PloverEvent::Concede => "CONCEDE",
            PloverEvent::Cooperate => "COOPERATE",
            PloverEvent::Aid => "AID",
            PloverEvent::Retreat => "RETREAT",
            PloverEvent::Request => "REQUEST",
            PloverEvent::Accuse => "ACCUSE",
            PloverEvent::Reject => "REJECT",
            PloverEvent::Threaten => "THREATEN",
            PloverEvent::Protest => "PROTEST",
            PloverEvent::Sanction => "SANCTION",
            PloverEvent::Mobilize => "MOBILIZE",
            PloverEvent::Coerce => "COERCE",
            PloverEvent::Assault => "ASSAULT",
        }
    }

    /// The current category (and mode) for a category name of earlier PLOVER
    /// drafts that the 16 no longer have: `DEMAND` → `REQUEST`, `DISAPPROVE`
    /// → `ACCUSE`/`disapprove`, `INVESTIGATE` → `ACCUSE`/`investigate`
    /// (ASCII case ignored). `None` for current names and unknown text.
    pub fn from_retired(name: &str) -> Option<(PloverEvent, Option<&'static str>)> {
        let retired: [(&str, PloverEvent, Option<&'static str>); 3] = [
            ("DEMAND", PloverEvent::Request, None),
            ("DISAPPROVE", PloverEvent::Accuse, Some("disapprove")),
            ("INVESTIGATE", PloverEvent::Accuse, Some("investigate")),
        ];
        retired.into_iter().find(|(n, ..)| n.eq_ignore_ascii_case(name)).map(|(_, e, m)| (e, m))
    }

    /// Position in [`PloverEvent::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The CAMEO root (1–20) an event of this category becomes when PLOVER-coded
    /// data (e.g. POLECAT) is read into CAMEO terms and no mode says otherwise.
    ///
    /// Most categories have an obvious root. The decisions:
    ///
    /// * `REQUEST` → 02 (appeal), not 10 (demand): PLOVER defines requests as
    ///   less forceful than threats, and appeals outnumber demands about 3:1 in
    ///   ICEWS data, so a bare request is read as an appeal (verbal cooperation).
    /// * `CONCEDE` → 03: a verbal, promised concession is CAMEO's 035
    ///   "express intent to yield".
    /// * `ACCUSE` → 11 (disapprove); with mode `investigate` the ontology's
    ///   reverse table gives 09.
    /// * `SANCTION` → 16 (reduce relations), `MOBILIZE` → 15, `COERCE` → 17.
    /// * `ASSAULT` → 18 (CAMEO's "assault"); weapon modes map to 19 through
    ///   [`Ontology::cameo_for_plover`](crate::Ontology::cameo_for_plover).
    ///
    /// The parser checks that the built-in reverse table agrees with this.
    pub fn cameo_root(self) -> u8 {
        match self {
            PloverEvent::Agree => 3,
            PloverEvent::Consult => 4,
            PloverEvent::Support => 5,
            PloverEvent::Concede => 3,
            PloverEvent::Cooperate => 6,
            PloverEvent::Aid => 7,
            PloverEvent::Retreat => 8,
            PloverEvent::Request => 2,
            PloverEvent::Accuse => 11,
            PloverEvent::Reject => 12,
            PloverEvent::Threaten => 13,
            PloverEvent::Protest => 14,
            PloverEvent::Sanction => 16,
            PloverEvent::Mobilize => 15,
            PloverEvent::Coerce => 17,
            PloverEvent::Assault => 18,
        }
    }

    /// The quad class of [`cameo_root`](PloverEvent::cameo_root) — the quad
    /// class a PLOVER event gets when read into CAMEO terms.
    pub fn quad_class(self) -> QuadClass {
        match QuadClass::from_root(self.cameo_root()) {
            Some(q) => q,
            // cameo_root() only returns roots 2-18.
            None => QuadClass::VerbalCooperation,
        }
    }
}

impl FromStr for PloverEvent {
    type Err = PloverEventError;

    /// Parses an event name, ignoring ASCII case (`"agree"`, `"AGREE"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PloverEvent::ALL
            .into_iter()
            .find(|e| e.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| PloverEventError(s.to_string()))
    }
}

impl fmt::Display for PloverEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for PloverEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The PLOVER coding of a CAMEO event type: event category, optional mode and
/// context words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PloverMapping {
    /// The PLOVER event category.
    pub event: PloverEvent,
    /// The mode (`"visit"`, `"firearms"`, …), one of the category's
    /// [`PloverCategory::modes`], when the CAMEO code implies one.
    pub mode: Option<String>,
    /// Context words (`"economic"`, `"military"`, …), possibly empty.
    pub context: Vec<String>,
}

/// A PLOVER event category as the codebook defines it, with its modes and the
/// CAMEO code it maps back to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PloverCategory {
    /// The category.
    pub event: PloverEvent,
    /// The codebook's definition.
    pub definition: String,
    /// Further kinds of event the codebook lists under the category without a
    /// mode name ("Promise to sign a treaty", …).
    pub covers: Vec<String>,
    /// The CAMEO code this category becomes without a mode (reverse mapping).
    pub cameo: CameoCode,
    /// The category's modes, in codebook order.
    pub modes: Vec<PloverMode>,
}

impl PloverCategory {
    /// The mode named `name`, if the category has it.
    pub fn mode(&self, name: &str) -> Option<&PloverMode> {
        self.modes.iter().find(|m| m.name == name)
    }
}

/// A PLOVER mode of one event category.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PloverMode {
    /// The mode's name (`"visit"`).
    pub name: String,
    /// The codebook's description(s), joined with "; ".
    pub definition: String,
    /// The CAMEO code the category in this mode becomes (reverse mapping).
    pub cameo: CameoCode,
}

/// A context word usable in [`PloverMapping::context`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PloverContext {
    /// The word (`"economic"`).
    pub word: String,
    /// A short gloss.
    pub gloss: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, e) in PloverEvent::ALL.into_iter().enumerate() {
            assert_eq!(e.index(), i);
            assert_eq!(e.as_str().parse::<PloverEvent>(), Ok(e));
            assert_eq!(e.as_str().to_lowercase().parse::<PloverEvent>(), Ok(e));
        }
        assert!("DEMAND".parse::<PloverEvent>().is_err());
        assert_eq!(PloverEvent::from_retired("demand"), Some((PloverEvent::Request, None)));
        assert_eq!(
            PloverEvent::from_retired("INVESTIGATE"),
            Some((PloverEvent::Accuse, Some("investigate")))
        );
        assert_eq!(PloverEvent::from_retired("AGREE"), None);
        assert!("".parse::<PloverEvent>().is_err());
    }

    #[test]
    fn reverse_roots() {
        assert_eq!(PloverEvent::Request.cameo_root(), 2);
        assert_eq!(PloverEvent::Request.quad_class(), QuadClass::VerbalCooperation);
        assert_eq!(PloverEvent::Retreat.quad_class(), QuadClass::MaterialCooperation);
        assert_eq!(PloverEvent::Accuse.quad_class(), QuadClass::VerbalConflict);
        assert_eq!(PloverEvent::Assault.quad_class(), QuadClass::MaterialConflict);
        for e in PloverEvent::ALL {
            assert!(QuadClass::from_root(e.cameo_root()).is_some(), "{e}");
        }
    }
}
