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

/// What the text asserts about an event: defined with the clause analysis
/// in [`faultline_syntax`], since modality is a property of clauses, and
/// re-exported here under its historical path.
pub use faultline_syntax::Modality;

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
