//! From the coder's output to store rows: a coded [`Document`] with its
//! [`Sentence`]s and [`Event`]s becomes one [`DocumentRow`].
//!
//! Every event is stored, whatever its negation and modality; the caller
//! says, per event, whether the default policy keeps it (the coder's
//! `EventFilter`), and that goes into the `kept` column, so filtering stays
//! a query-time choice.

use faultline_coder::{Event, EventActor};
use faultline_ontology::Ontology;
use faultline_text::{Document, Sentence};

use crate::record::{content_hash, ActorRow, DocumentRow, EventRow, SentenceRow, FAULTLINE};

/// The content hash of a document as read: everything that can change its
/// coding (id, date, metadata and text). The hash is computed before
/// coding, so unchanged documents are skipped without being coded again.
pub fn document_hash(doc: &Document) -> String {
    let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    content_hash(&[
        doc.id.as_bytes(),
        date.as_bytes(),
        opt(&doc.title).as_bytes(),
        opt(&doc.url).as_bytes(),
        opt(&doc.source).as_bytes(),
        doc.text().as_bytes(),
    ])
}

/// Converts a goldstein score from the ontology's `f32` to the `f64` a
/// reader expects (5.2, not 5.199999809…).
pub fn goldstein_f64(g: f32) -> f64 {
    g.to_string().parse().unwrap_or(f64::from(g))
}

/// The store row of a coded document. `kept(event)` is the default output
/// policy's verdict. Event spans that do not fall on the sentence's text
/// (a coder bug) store no actor/trigger text rather than failing the
/// document.
pub fn document_row(
    doc: &Document,
    sentences: &[Sentence],
    events: &[Event],
    ontology: &Ontology,
    kept: impl Fn(&Event) -> bool,
) -> DocumentRow {
    let sentence_text = |i: usize| sentences.iter().find(|s| s.index == i).map(|s| s.text.as_str());
    let rows = events
        .iter()
        .map(|e| {
            let text = sentence_text(e.sentence);
            let slice = |(a, b): (u32, u32)| text.and_then(|t| t.get(a as usize..b as usize)).map(str::to_owned);
            let actor = |a: &EventActor| ActorRow {
                code: a.code.clone(),
                country: a.country.map(|c| c.as_str().to_owned()),
                org: a.org.as_ref().map(|o| o.as_str().to_owned()),
                sectors: a.sectors.iter().map(|s| s.as_str().to_owned()).collect(),
                text: slice(a.span),
            };
            let event_id = format!("{}:{}:{}", doc.id, e.sentence, e.n);
            let ty = ontology.get(e.code);
            let plover = ty.and_then(|t| t.plover.as_ref());
            EventRow {
                provenance: FAULTLINE.to_owned(),
                original_id: event_id.clone(),
                event_id,
                doc_id: Some(doc.id.clone()),
                sentence: Some(e.sentence as i64),
                date: e.date.date(),
                date_precision: e.date.precision_str().to_owned(),
                source: actor(&e.source),
                target: actor(&e.target),
                cameo: e.code.as_str().to_owned(),
                cameo_root: e.code.root_code().as_str().to_owned(),
                goldstein: ty.map(|t| goldstein_f64(t.goldstein)),
                quad_class: ty.map(|t| t.quad_class.number()),
                plover_event: plover.map(|p| p.event.as_str().to_owned()),
                plover_mode: plover.and_then(|p| p.mode.clone()),
                plover_context: plover.filter(|p| !p.context.is_empty()).map(|p| p.context.join(";")),
                negated: e.negated,
                modality: e.modality.as_str().to_owned(),
                quantity_amount: e.quantity.map(|q| q.amount),
                quantity_unit: e.quantity.map(|q| q.unit.to_owned()),
                evidence_start: Some(e.evidence.0 as i64),
                evidence_end: Some(e.evidence.1 as i64),
                trigger_text: slice(e.trigger),
                trigger_start: Some(i64::from(e.trigger.0)),
                trigger_end: Some(i64::from(e.trigger.1)),
                url: doc.url.clone(),
                kept: kept(e),
            }
        })
        .collect();
    DocumentRow {
        id: doc.id.clone(),
        date: doc.date,
        source: doc.source.clone(),
        url: doc.url.clone(),
        title: doc.title.clone(),
        text: doc.text().to_owned(),
        content_hash: document_hash(doc),
        sentences: sentences
            .iter()
            .map(|s| SentenceRow { idx: s.index as i64, text: s.text.clone(), start: s.start as i64, end: s.end as i64 })
            .collect(),
        events: rows,
    }
}
