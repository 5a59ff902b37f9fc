//! The coded event: Faultline's central output type.
//!
//! Field names follow the JSONL contract of `faultline code` (documented in
//! `docs/events.md`); other tools rely on them, so fields may be added but
//! never renamed.

use faultline_dict::{Iso3, OrgId, Sector};
use faultline_ontology::CameoCode;
use faultline_text::{Date, Precision};

/// Where an event's date came from and how precise it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventDate {
    /// A date expression governing the event's clause or sentence.
    Text(Date, Precision),
    /// No date in the text: the document's date.
    Document(Date),
    /// Neither the text nor the document gives a date.
    Unknown,
}

impl EventDate {
    /// The date, if any (first day of the period when coarser than a day).
    pub fn date(&self) -> Option<Date> {
        match *self {
            EventDate::Text(d, _) | EventDate::Document(d) => Some(d),
            EventDate::Unknown => None,
        }
    }

    /// The precision name used in output: `day`, `month`, `year`, `decade`,
    /// `document` or `unknown`.
    pub fn precision_str(&self) -> &'static str {
        match self {
            EventDate::Text(_, p) => p.as_str(),
            EventDate::Document(_) => "document",
            EventDate::Unknown => "unknown",
        }
    }
}

/// What the text asserts about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    /// Stated as fact by the text itself.
    Asserted,
    /// Attributed to a speaker ("officials said", "according to").
    Reported,
    /// Possible or conditional (may, might, could, if, would).
    Hypothetical,
    /// Recommended or required (should, must, ought to, need to).
    Prescriptive,
    /// Announced for the future (will, plans to, is set to).
    Future,
}

impl Modality {
    /// Every modality, in output order.
    pub const ALL: [Modality; 5] =
        [Modality::Asserted, Modality::Reported, Modality::Hypothetical, Modality::Prescriptive, Modality::Future];

    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Hypothetical => "hypothetical",
            Modality::Prescriptive => "prescriptive",
            Modality::Future => "future",
        }
    }

    /// True for the modalities kept by the default output policy
    /// (asserted, reported, future); see [`EventFilter`](crate::EventFilter).
    pub fn is_factual(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Reported | Modality::Future)
    }
}

impl std::str::FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Modality::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("expected one of asserted, reported, hypothetical, prescriptive, future; found `{s}`"))
    }
}

/// One side of an event: who acts, or who is acted upon.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventActor {
    /// CAMEO-style actor code: `CHNGOV`, `USA`, `IGOUNO`, `CHNLEG`.
    pub code: String,
    /// The actor's country, if any.
    pub country: Option<Iso3>,
    /// The organisation or group id, if any (`NATO`, `UN`, `AIIB`).
    pub org: Option<OrgId>,
    /// Role/sector codes (`GOV`, `MIL`, …).
    pub sectors: Vec<Sector>,
    /// Byte span of the words naming the actor, within the sentence's
    /// normalised text.
    pub span: (u32, u32),
}

/// An amount attached to an event (aid, loans, sanctions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The amount in units (3,000,000 for "$3 million").
    pub amount: f64,
    /// The unit: an ISO 4217 currency code (`USD`, `EUR`, `CNY`, …) or a
    /// count noun kind such as `troops` or `people`.
    pub unit: &'static str,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Index of the sentence in its document, from 0.
    pub sentence: usize,
    /// Index of the event within its sentence, from 0 (the `n` of `event_id`).
    pub n: usize,
    /// The event's date.
    pub date: EventDate,
    /// Who acts.
    pub source: EventActor,
    /// Who is acted upon.
    pub target: EventActor,
    /// The CAMEO event code.
    pub code: CameoCode,
    /// True when the text says the event did not happen ("did not", "refused to").
    pub negated: bool,
    /// What the text asserts about it.
    pub modality: Modality,
    /// An amount of money or people involved, if stated.
    pub quantity: Option<Quantity>,
    /// Byte span of the evidence (the sentence) in the original document.
    pub evidence: (usize, usize),
    /// Byte span within the sentence's normalised text of the words that
    /// triggered the event (the verb or noun phrase matched).
    pub trigger: (u32, u32),
}
