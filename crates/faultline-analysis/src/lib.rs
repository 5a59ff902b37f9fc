//! Faultline's alignment analytics: how close two or three states really
//! are over time, how much of their cooperation is words rather than deeds,
//! how they vote at the UN, and when a partnership starts to crack.
//!
//! # Brief overview
//!
//! The crate is a pure library over plain inputs — it never touches a
//! database, so every measure is testable on hand-made data; the command
//! line reads the store and hands rows over.
//!
//! * [`EventRecord`] (one event) and [`MonthRow`] (one row of the store's
//!   monthly dyad aggregate) are the inputs. [`DyadTable`] folds either into
//!   directed dyad-[`Period`] [`Tally`]s (counts per quad class, Goldstein
//!   sums) under an [`EventFilter`] (dates, sectors, modality, minimum
//!   sources).
//! * [`DyadTable::series`] reads one [`Dyad`]'s [`DyadSeries`]: every period,
//!   empty ones included, with Goldstein mean (`None` when empty, never
//!   NaN) and per-1,000-events normalisation.
//! * [`gap::gap_series`] turns a series into the says-vs-does gap
//!   (verbal vs material cooperation and conflict).
//! * [`votes::VoteData`] reads UN roll calls and computes Signorino–Ritter
//!   S, Cohen's quadratic-weighted κ and Scott's π per session or year.
//! * [`triangle::timeline`] turns three dyads' scores (event means or vote
//!   affinity) into Dittmer's configurations, roles and transitions.
//! * [`changepoint::pelt`] finds mean shifts; [`rifts::find_rifts`] turns
//!   drops in one dyad, while a third state's ties hold, into
//!   [`rifts::RiftAlert`]s with the events that moved the score.
//! * [`render`] has sparklines and NaN-free number formatting.
//!
//! `docs/analytics.md` gives every formula with its source.
//!
//! ```
//! use faultline_analysis::{Dyad, DyadTable, EventFilter, EventRecord, Period, gap};
//!
//! let ev = |date: &str, s: &str, t: &str, quad: u8, g: f64| EventRecord {
//!     id: format!("{date}{s}{t}"), date: date.parse().unwrap(), source: s.into(), target: t.into(),
//!     source_sectors: vec![], target_sectors: vec![], cameo: "040".into(), quad: Some(quad),
//!     goldstein: Some(g), modality: "asserted".into(), doc_id: None, evidence: None,
//! };
//! let events = vec![
//!     ev("2023-01-10", "CHN", "RUS", 1, 1.0),   // verbal cooperation
//!     ev("2023-01-20", "RUS", "CHN", 1, 3.0),
//!     ev("2023-01-25", "CHN", "USA", 3, -2.0),  // not in the dyad, but in its volume
//!     ev("2023-03-02", "CHN", "RUS", 2, 7.4),   // material cooperation
//! ];
//! let table = DyadTable::from_events(Period::Month, &EventFilter::default(), &events);
//! let series = table.series(&Dyad::new("CHN", "RUS", false)?, None, None);
//! let jan = &series.points[0];
//! assert_eq!((jan.tally.n, jan.goldstein_mean), (2, Some(2.0)));
//! assert_eq!(jan.volume, 3);                       // three events involve CHN or RUS
//! assert_eq!(series.points[1].goldstein_mean, None); // February: empty, not NaN
//! let (_, total) = gap::gap_series(&series);
//! assert_eq!(total.coop_gap, Some((2.0 - 1.0) / 3.0)); // more words than deeds
//! # Ok::<(), faultline_analysis::AnalysisError>(())
//! ```

#![warn(missing_docs)]

pub mod changepoint;
pub mod country;
pub mod dyad;
pub mod error;
pub mod gap;
pub mod period;
pub mod render;
pub mod rifts;
pub mod triangle;
pub mod votes;

pub use dyad::{Dyad, DyadPoint, DyadSeries, DyadTable, EventFilter, EventRecord, MonthRow, Tally};
pub use error::AnalysisError;
pub use period::{Period, PeriodKey};
