//! The output policy: which coded events are printed.

use crate::event::{Event, Modality};

/// Which events to keep.
///
/// **Default policy** ([`EventFilter::default`]): keep events the text
/// commits to — modality `asserted`, `reported` or `future` — that are not
/// negated. Hypothetical ("may", "could", "if …") and prescriptive
/// ("should", "must", "would be wise to", recommendations) events are
/// dropped, as are negated ones ("had not helped", "refused to"), because
/// counting them as facts is exactly the error Faultline exists to avoid.
/// Future events are kept: an announced intention is itself news, and the
/// CAMEO intent codes (03x) code it as such.
///
/// [`EventFilter::all`] keeps everything, each event carrying its
/// `negated` and `modality` flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventFilter {
    /// Keep negated events.
    pub negated: bool,
    /// Keep events of each modality, indexed as [`Modality::ALL`].
    pub modalities: [bool; 5],
}

impl Default for EventFilter {
    fn default() -> Self {
        let mut modalities = [false; 5];
        for (i, m) in Modality::ALL.iter().enumerate() {
            modalities[i] = m.is_factual();
        }
        EventFilter { negated: false, modalities }
    }
}

impl EventFilter {
    /// Keeps every event.
    pub fn all() -> Self {
        EventFilter { negated: true, modalities: [true; 5] }
    }

    /// True when `e` passes.
    pub fn keep(&self, e: &Event) -> bool {
        let i = Modality::ALL.iter().position(|m| *m == e.modality).unwrap_or(0);
        (self.negated || !e.negated) && self.modalities[i]
    }

    /// Removes the events that do not pass. Event numbers are left as the
    /// coder gave them, so an event has the same id (`doc:sentence:n`)
    /// whatever the policy — in `faultline code` output with or without
    /// `--all`, and in the store, which keeps every event.
    pub fn apply(&self, events: &mut Vec<Event>) {
        events.retain(|e| self.keep(e));
    }
}
