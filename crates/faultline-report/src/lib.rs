//! Faultline's charts and its single-file HTML report.
//!
//! # Brief overview
//!
//! The crate is a pure library over the results of `faultline-analysis`:
//! it never opens a database, so every chart can be drawn from hand-made
//! data, and the command line (`faultline plot …`, `faultline report`) and
//! the dashboard share one drawing code.
//!
//! * [`svg::Svg`] writes SVG elements with fixed number formatting, so a
//!   chart is byte-identical for the same input.
//! * [`charts`] turns analytics into [`Chart`]s: [`charts::dyad_chart`]
//!   (net cooperation over quad-class bars), [`charts::gap_chart`] (says vs
//!   does), [`charts::votes_chart`] (S, κ, π), [`charts::triangle_chart`]
//!   (one period's signed triangle with roles) and
//!   [`charts::timeline_chart`] (signs per period and the configuration
//!   band); change points ([`charts::series_change_points`]) are drawn as
//!   vertical markers.
//! * A [`Chart`] is its SVG text; [`Chart::to_png`] rasterises it with
//!   `resvg` using DejaVu Sans compiled into the binary (the `dejavu`
//!   crate), so PNGs have readable text on machines with no fonts at all.
//! * [`Report`] gathers [`html::DyadSection`]s, votes, a triangle
//!   timeline and [`html::RiftSection`] alerts with their [`html::Evidence`],
//!   and [`Report::to_html`] writes one self-contained HTML file: inline
//!   SVG and CSS, nothing fetched from the network.
//!
//! `docs/report.md` explains how to read each chart.
//!
//! ```
//! use faultline_analysis::{Dyad, DyadTable, EventFilter, EventRecord, Period};
//! use faultline_report::charts::{dyad_chart, series_change_points};
//!
//! let ev = |date: &str, quad: u8, g: f64| EventRecord {
//!     id: date.into(), date: date.parse().unwrap(), source: "CHN".into(), target: "RUS".into(),
//!     source_sectors: vec![], target_sectors: vec![], cameo: "040".into(), quad: Some(quad),
//!     goldstein: Some(g), modality: "asserted".into(), doc_id: None, evidence: None,
//! };
//! let events = [ev("2022-03-01", 1, 3.0), ev("2023-05-02", 2, 7.4), ev("2024-07-09", 4, -9.0)];
//! let table = DyadTable::from_events(Period::Year, &EventFilter::default(), &events);
//! let series = table.series(&Dyad::new("CHN", "RUS", false)?, None, None);
//! let chart = dyad_chart(&series, &series_change_points(&series))?;
//! assert!(chart.svg.starts_with("<svg") && chart.svg.contains("<rect"));
//! assert_eq!(chart.svg, dyad_chart(&series, &[])?.svg); // deterministic (and no change points here)
//! let png = chart.to_png()?;
//! assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod chart;
pub mod charts;
pub mod error;
pub mod html;
pub mod svg;

pub use chart::{Chart, Format};
pub use error::ReportError;
pub use html::Report;
