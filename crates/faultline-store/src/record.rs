//! Plain row types: what goes into and comes out of the tables.

use faultline_ontology::{CameoCode, Ontology, PloverEvent, QuadClass};
use faultline_text::Date;

/// Provenance of events coded by Faultline itself.
pub const FAULTLINE: &str = "faultline";

/// One side of an event as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorRow {
    /// Actor code (`CHNGOV`; for datasets without actor codes, the country).
    pub code: String,
    /// ISO3 country, if any.
    pub country: Option<String>,
    /// Organisation id, if any.
    pub org: Option<String>,
    /// Sector codes (`GOV`, `MIL`, …).
    pub sectors: Vec<String>,
    /// The words naming the actor (coder) or the dataset's actor name.
    pub text: Option<String>,
}

/// One event row: every field of the coder's event schema plus provenance.
///
/// Imported events fill what their dataset has; the rest stays `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// `faultline` or the dataset: `gdelt1`, `gdelt2`, `icews`, `phoenix`, `polecat`.
    pub provenance: String,
    /// The id in its origin, unique within a provenance (for Faultline the
    /// event id; for ICEWS prefixed with the file name, since ICEWS ids
    /// repeat across files).
    pub original_id: String,
    /// The event id shown in output: `<doc_id>:<sentence>:<n>` for Faultline
    /// events, the original id otherwise.
    pub event_id: String,
    /// The document (Faultline) or the dataset's story id.
    pub doc_id: Option<String>,
    /// 0-based sentence index (Faultline) or the dataset's sentence number.
    pub sentence: Option<i64>,
    /// The event date.
    pub date: Option<Date>,
    /// `day`, `month`, `year`, `decade`, `document` or `unknown`.
    pub date_precision: String,
    /// Who acts.
    pub source: ActorRow,
    /// Who is acted upon.
    pub target: ActorRow,
    /// CAMEO code as given (`"032"`).
    pub cameo: String,
    /// Its two-digit root (`"03"`).
    pub cameo_root: String,
    /// Goldstein score (or the dataset's intensity).
    pub goldstein: Option<f64>,
    /// Quad class 1–4.
    pub quad_class: Option<u8>,
    /// PLOVER event category (`AGREE`).
    pub plover_event: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// PLOVER context words, `;`-joined.
    pub plover_context: Option<String>,
    /// The text says it did not happen.
    pub negated: bool,
    /// `asserted`, `reported`, `hypothetical`, `prescriptive` or `future`.
    pub modality: String,
    /// Amount, if stated.
    pub quantity_amount: Option<f64>,
    /// Unit of the amount.
    pub quantity_unit: Option<String>,
    /// Evidence byte span in the original document.
    pub evidence_start: Option<i64>,
    /// End of the evidence span.
    pub evidence_end: Option<i64>,
    /// The words that triggered the event.
    pub trigger_text: Option<String>,
    /// Trigger span start within the sentence's normalised text.
    pub trigger_start: Option<i64>,
    /// Trigger span end.
    pub trigger_end: Option<i64>,
    /// Source article URL, when the dataset gives one.
    pub url: Option<String>,
    /// Whether the default output policy keeps the event (factual modality,
    /// not negated). Imported events are kept: their datasets applied their
    /// own policy.
    pub kept: bool,
}

impl EventRow {
    /// An imported event with the CAMEO-derived fields (root, quad class,
    /// PLOVER mapping, Goldstein when the dataset has none) filled from
    /// `ontology`. `cameo` must be a code the caller has validated as
    /// digits; codes not in the ontology keep what the dataset says.
    pub fn imported(provenance: &str, original_id: String, cameo: CameoCode, ontology: &Ontology) -> EventRow {
        let root = format!("{:02}", cameo.root());
        let ty = ontology.get(cameo);
        let plover = ty.and_then(|t| t.plover.as_ref());
        EventRow {
            provenance: provenance.to_owned(),
            event_id: original_id.clone(),
            original_id,
            doc_id: None,
            sentence: None,
            date: None,
            date_precision: "day".to_owned(),
            source: ActorRow::default(),
            target: ActorRow::default(),
            cameo: cameo.as_str().to_owned(),
            cameo_root: root,
            goldstein: ty.map(|t| crate::ingest::goldstein_f64(t.goldstein)),
            quad_class: QuadClass::from_root(cameo.root()).map(QuadClass::number),
            plover_event: plover.map(|p| p.event.as_str().to_owned()),
            plover_mode: plover.and_then(|p| p.mode.clone()),
            plover_context: plover.filter(|p| !p.context.is_empty()).map(|p| p.context.join(";")),
            negated: false,
            modality: "asserted".to_owned(),
            quantity_amount: None,
            quantity_unit: None,
            evidence_start: None,
            evidence_end: None,
            trigger_text: None,
            trigger_start: None,
            trigger_end: None,
            url: None,
            kept: true,
        }
    }

    /// The PLOVER category, if the stored name is one.
    pub fn plover(&self) -> Option<PloverEvent> {
        self.plover_event.as_deref().and_then(|s| s.parse().ok())
    }
}

/// One stored sentence (evidence text with its offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRow {
    /// 0-based index in the document.
    pub idx: i64,
    /// Normalised sentence text.
    pub text: String,
    /// Byte offset of its start in the original document.
    pub start: i64,
    /// Byte offset of its end.
    pub end: i64,
}

/// A coded document ready to store: metadata, sentences and all its events.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    /// Document id (unique).
    pub id: String,
    /// Publication date.
    pub date: Option<Date>,
    /// Publisher / source name.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Decoded text.
    pub text: String,
    /// [`content_hash`] of the inputs that determine the coding.
    pub content_hash: String,
    /// Its sentences.
    pub sentences: Vec<SentenceRow>,
    /// All its events, whatever their flags.
    pub events: Vec<EventRow>,
}

/// A stable 128-bit content hash (two FNV-1a 64 lanes with different
/// offsets), hex-encoded. Not cryptographic: it only detects that a
/// document changed between two ingests, and it must not change between
/// Faultline versions, which rules out `std`'s randomly keyed hasher.
pub fn content_hash(parts: &[&[u8]]) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for part in parts {
        // The length prefix keeps ("ab","c") and ("a","bc") apart.
        for byte in (part.len() as u64).to_le_bytes().iter().chain(part.iter()) {
            a = (a ^ u64::from(*byte)).wrapping_mul(PRIME);
            b = (b ^ u64::from(*byte).rotate_left(3)).wrapping_mul(PRIME);
        }
    }
    format!("{a:016x}{b:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_separates_parts_and_is_stable() {
        assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
        assert_eq!(content_hash(&[b"x"]), content_hash(&[b"x"]));
        assert_eq!(content_hash(&[]).len(), 32);
    }
}
