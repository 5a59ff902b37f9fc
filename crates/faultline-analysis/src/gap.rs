//! Says vs does: how much of a dyad's cooperation (or conflict) is words
//! rather than deeds.
//!
//! CAMEO's quad classes split events into verbal cooperation (VC, roots
//! 01–05: statements, appeals, intentions, consultations, diplomatic
//! cooperation), material cooperation (MC, 06–08: aid, material
//! cooperation, yielding), verbal conflict (VK, 09–13) and material
//! conflict (MK, 14–20). The **cooperation gap** is
//!
//! ```text
//! gap = (VC − MC) / (VC + MC)        ∈ [−1, 1], None when VC + MC = 0
//! ```
//!
//! +1: all talk (only verbal cooperation); 0: as many deeds as words;
//! −1: all deeds. The **conflict gap** is the same over VK and MK (threats
//! and accusations vs. force). Because a loan or an arms deal weighs more
//! than a phone call, the **Goldstein-weighted** variant replaces counts
//! with the absolute Goldstein sums of each class,
//! `(|G_VC| − |G_MC|) / (|G_VC| + |G_MC|)`; it is `None` when those sums are
//! not known (the monthly aggregate keeps only the total) or both are 0.

use serde::Serialize;

use crate::dyad::{DyadSeries, Tally};
use crate::period::PeriodKey;

/// The gap measures of one tally.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    /// Verbal cooperation events (quad 1).
    pub verbal_coop: u64,
    /// Material cooperation events (quad 2).
    pub material_coop: u64,
    /// Verbal conflict events (quad 3).
    pub verbal_conflict: u64,
    /// Material conflict events (quad 4).
    pub material_conflict: u64,
    /// `(VC − MC)/(VC + MC)`.
    pub coop_gap: Option<f64>,
    /// `(VK − MK)/(VK + MK)`.
    pub conflict_gap: Option<f64>,
    /// Goldstein-weighted cooperation gap.
    pub coop_gap_weighted: Option<f64>,
    /// Goldstein-weighted conflict gap.
    pub conflict_gap_weighted: Option<f64>,
}

/// `(x − y)/(x + y)`, `None` when the denominator is 0 (never NaN).
pub fn gap_index(x: f64, y: f64) -> Option<f64> {
    let d = x + y;
    (d > 0.0 && d.is_finite()).then(|| (x - y) / d)
}

impl Gap {
    /// The gap measures of `t`.
    pub fn of(t: &Tally) -> Gap {
        let [vc, mc, vk, mk] = t.quad;
        let w = |i: usize, j: usize| t.quad_goldstein.and_then(|g| gap_index(g[i].abs(), g[j].abs()));
        Gap {
            verbal_coop: vc,
            material_coop: mc,
            verbal_conflict: vk,
            material_conflict: mk,
            coop_gap: gap_index(vc as f64, mc as f64),
            conflict_gap: gap_index(vk as f64, mk as f64),
            coop_gap_weighted: w(0, 1),
            conflict_gap_weighted: w(2, 3),
        }
    }
}

/// One period of a says-vs-does series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapPoint {
    /// The period.
    pub period: PeriodKey,
    /// Its measures.
    #[serde(flatten)]
    pub gap: Gap,
}

/// The gap per period of a dyad series, and over the whole series.
pub fn gap_series(series: &DyadSeries) -> (Vec<GapPoint>, Gap) {
    let points = series.points.iter().map(|p| GapPoint { period: p.period, gap: Gap::of(&p.tally) }).collect();
    (points, Gap::of(&series.total()))
}
