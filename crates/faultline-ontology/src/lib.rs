//! The CAMEO and PLOVER event ontologies: codes, names, Goldstein scores,
//! quad classes and the mapping between CAMEO and PLOVER.
//!
//! # Brief overview
//!
//! * [`CameoCode`] is a validated CAMEO code (`03`, `033`, `0333`); codes sort
//!   in codebook order and know their root and parent.
//! * [`Ontology`] holds one [`EventType`] per CAMEO code — name, codebook
//!   description, usage notes and example, Goldstein score, [`QuadClass`] and
//!   its PLOVER coding ([`PloverMapping`]: a [`PloverEvent`], optional mode and
//!   context words). [`Ontology::builtin`] is the table compiled in from
//!   `dict/ontology/cameo.tsv` and `dict/ontology/plover.tsv`, whose header
//!   comments give every source and every decision (the tables are generated
//!   from the shared CAMEO/PLOVER sources by `tools/import_ontology.py`, which
//!   holds those decisions in code); [`Ontology::parse`] reads tables in that
//!   format and reports errors as `file:line`.
//! * The PLOVER side: [`PloverCategory`] (a codebook definition, its
//!   [`PloverMode`]s and [`PloverContext`] words) and the reverse mapping
//!   used to import PLOVER-coded data — [`PloverEvent::cameo_root`],
//!   [`PloverEvent::quad_class`] and [`Ontology::cameo_for_plover`].
//! * [`EventCard`] and [`PloverCard`] gather what the `faultline ontology`
//!   command shows about a code or a category.
//!
//! ```
//! use faultline_ontology::{CameoCode, Ontology, PloverEvent, QuadClass};
//!
//! let ontology = Ontology::builtin();
//! let code: CameoCode = "0333".parse()?;
//! let t = ontology.get(code).expect("0333 is a CAMEO code");
//! assert_eq!(t.name, "Express intent to provide humanitarian aid");
//! assert_eq!(t.goldstein, 5.2);
//! assert_eq!(t.quad_class, QuadClass::VerbalCooperation);
//! let plover = t.plover.as_ref().expect("0333 has a PLOVER event");
//! assert_eq!(plover.event, PloverEvent::Agree);
//! assert_eq!(plover.context, ["humanitarian"]);
//!
//! // CAMEO "Demand" (10) is a PLOVER REQUEST; a bare REQUEST maps back to an appeal.
//! let demand = ontology.get("10".parse()?).unwrap();
//! assert_eq!(demand.plover.as_ref().unwrap().event, PloverEvent::Request);
//! assert_eq!(ontology.cameo_for_plover(PloverEvent::Request, None).as_str(), "02");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod card;
pub mod code;
pub mod error;
pub mod ontology;
pub mod plover;
pub mod quad;

pub use card::{CodeRef, EventCard, PloverCard, PloverCodeRef, QuadRef};
pub use code::{CameoCode, CameoCodeError};
pub use error::{OntologyError, OntologyErrorKind};
pub use ontology::{EventType, Ontology};
pub use plover::{
    PloverCategory, PloverContext, PloverEvent, PloverEventError, PloverMapping, PloverMode,
};
pub use quad::QuadClass;
