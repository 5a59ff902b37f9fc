//! Cards: everything known about one CAMEO code ([`EventCard`]) or one PLOVER
//! category ([`PloverCard`]), gathered for display and JSON output.

use crate::code::CameoCode;
use crate::ontology::{EventType, Ontology};
use crate::plover::{PloverCategory, PloverEvent, PloverMapping};
use crate::quad::QuadClass;

/// A code and its name, for references between cards.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CodeRef<'a> {
    /// The code.
    pub code: CameoCode,
    /// Its codebook name.
    pub name: &'a str,
}

impl<'a> From<&'a EventType> for CodeRef<'a> {
    fn from(t: &'a EventType) -> Self {
        CodeRef { code: t.code, name: &t.name }
    }
}

/// A quad class with its number and name, for output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct QuadRef {
    /// 1–4.
    pub number: u8,
    /// "verbal cooperation", …
    pub name: &'static str,
}

impl From<QuadClass> for QuadRef {
    fn from(q: QuadClass) -> Self {
        QuadRef { number: q.number(), name: q.name() }
    }
}

/// Everything about one CAMEO code: its own entry plus its place in the tree.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EventCard<'a> {
    /// The code.
    pub code: CameoCode,
    /// Its name.
    pub name: &'a str,
    /// Its root (itself for a root).
    pub root: CodeRef<'a>,
    /// The code one level up, `None` for a root.
    pub parent: Option<CodeRef<'a>>,
    /// Goldstein score.
    pub goldstein: f32,
    /// Quad class.
    pub quad_class: QuadRef,
    /// PLOVER coding.
    pub plover: Option<&'a PloverMapping>,
    /// Codebook description.
    pub description: Option<&'a str>,
    /// Codebook usage notes.
    pub usage_notes: Option<&'a str>,
    /// Codebook example.
    pub example: Option<&'a str>,
    /// Direct children, in codebook order.
    pub children: Vec<CodeRef<'a>>,
}

/// A PLOVER category with the CAMEO codes that map to it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PloverCard<'a> {
    /// The category, its definition, modes and reverse codes.
    #[serde(flatten)]
    pub category: &'a PloverCategory,
    /// Root of the reverse mapping ([`PloverEvent::cameo_root`]).
    pub cameo_root: u8,
    /// Quad class of the reverse mapping ([`PloverEvent::quad_class`]).
    pub quad_class: QuadRef,
    /// CAMEO codes mapping to the category, in codebook order.
    pub codes: Vec<PloverCodeRef<'a>>,
}

/// A CAMEO code on a [`PloverCard`], with its mode and context.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PloverCodeRef<'a> {
    /// The code.
    pub code: CameoCode,
    /// Its name.
    pub name: &'a str,
    /// Its PLOVER mode.
    pub mode: Option<&'a str>,
    /// Its context words.
    pub context: &'a [String],
}

impl Ontology {
    /// The card of `code`, or `None` when the codebook has no such code.
    ///
    /// ```
    /// let o = faultline_ontology::Ontology::builtin();
    /// let card = o.card("033".parse().unwrap()).unwrap();
    /// assert_eq!(card.root.code.as_str(), "03");
    /// assert_eq!(card.children.len(), 4);
    /// ```
    pub fn card(&self, code: CameoCode) -> Option<EventCard<'_>> {
        let t = self.get(code)?;
        // Every code's root is in a parsed table (parents are checked).
        let root = self.root_of(code).unwrap_or(t);
        Some(EventCard {
            code: t.code,
            name: &t.name,
            root: root.into(),
            parent: t.code.parent().and_then(|p| self.get(p)).map(CodeRef::from),
            goldstein: t.goldstein,
            quad_class: t.quad_class.into(),
            plover: t.plover.as_ref(),
            description: t.description.as_deref(),
            usage_notes: t.usage_notes.as_deref(),
            example: t.example.as_deref(),
            children: self.children(code).map(CodeRef::from).collect(),
        })
    }

    /// The card of PLOVER category `event`.
    pub fn plover_card(&self, event: PloverEvent) -> PloverCard<'_> {
        PloverCard {
            category: self.plover_category(event),
            cameo_root: event.cameo_root(),
            quad_class: event.quad_class().into(),
            codes: self
                .codes_for(event)
                .filter_map(|t| {
                    let p = t.plover.as_ref()?;
                    Some(PloverCodeRef {
                        code: t.code,
                        name: &t.name,
                        mode: p.mode.as_deref(),
                        context: &p.context,
                    })
                })
                .collect(),
        }
    }
}
