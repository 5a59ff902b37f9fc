//! Rifts and wedge opportunities: a partnership whose cooperation drops
//! while a third state keeps (or improves) its ties to both partners — the
//! moment that third state could drive a wedge.
//!
//! For every pair `{a, b}` of the actors the score is the undirected dyad's
//! mean Goldstein score per period (periods without events are skipped, not
//! read as 0). A **drop** at period `p` is found in two ways:
//!
//! * **change point**: PELT ([`crate::changepoint`]) puts a change at `p`
//!   and the segment mean after it is lower than before it;
//! * **threshold**: the mean of the `window` scored periods from `p` on is
//!   at least `drop_threshold` below the mean of the `window` scored
//!   periods before `p` (the largest such drop of each run of consecutive
//!   positions is reported, so one slide is one alert).
//!
//! The *before* and *after* levels of a drop are the means of the `window`
//! scored periods before and from `p`. A **rift alert** is a drop in
//! `{a, b}` such that a third actor `c` has scores with both `a` and `b`
//! before and after `p` (same windows in calendar time), and neither tie
//! fell by more than `hold_tolerance`. Each alert lists the `top_events`
//! events of `{a, b}` in the *after* window that moved the score most: the
//! lowest `goldstein − before`, i.e. the events that pulled the mean down
//! furthest, with their evidence text.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::changepoint::{pelt, PeltOptions};
use crate::dyad::{Dyad, DyadTable, EventRecord};
use crate::period::{range, PeriodKey};

/// Options of [`find_rifts`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RiftOptions {
    /// Change-point options.
    pub pelt: PeltOptions,
    /// Scored periods on each side of a drop used for the before/after levels.
    pub window: usize,
    /// Goldstein points; a window-to-window drop at least this large is a
    /// drop even without a change point. `None` disables the trigger.
    pub drop_threshold: Option<f64>,
    /// How far (Goldstein points) a third actor's tie may fall and still "hold".
    pub hold_tolerance: f64,
    /// Evidence events per alert.
    pub top_events: usize,
}

impl Default for RiftOptions {
    fn default() -> RiftOptions {
        RiftOptions { pelt: PeltOptions::default(), window: 4, drop_threshold: Some(2.0), hold_tolerance: 0.5, top_events: 5 }
    }
}

/// What found the drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A PELT change point with a negative shift.
    ChangePoint,
    /// A window-to-window drop beyond the threshold.
    Threshold,
}

/// A drop in one dyad.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drop {
    /// The dyad (undirected).
    pub dyad: Dyad,
    /// First period of the lower level.
    pub period: PeriodKey,
    /// How it was found.
    pub trigger: Trigger,
    /// Mean score of the window before.
    pub before: f64,
    /// Mean score of the window after.
    pub after: f64,
    /// First period of the before window.
    pub window_start: PeriodKey,
    /// Last period of the after window.
    pub window_end: PeriodKey,
}

/// A third actor's ties around a drop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThirdTies {
    /// The third actor.
    pub actor: String,
    /// Its tie with `dyad.a`: mean score before and after.
    pub with_a: (f64, f64),
    /// Its tie with `dyad.b`.
    pub with_b: (f64, f64),
}

/// An event that moved the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovingEvent {
    /// `goldstein − before`: how far this event sits below the old level.
    pub pull: f64,
    /// The event.
    pub event: EventRecord,
}

/// A rift alert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiftAlert {
    /// The drop.
    #[serde(flatten)]
    pub drop: Drop,
    /// The third actor whose ties held.
    pub third: ThirdTies,
    /// The events that moved the score most, most negative first.
    pub evidence: Vec<MovingEvent>,
}

/// The scored periods of a dyad: `(period, mean)`, oldest first.
fn scored(table: &DyadTable, dyad: &Dyad, first: PeriodKey, last: PeriodKey) -> Vec<(PeriodKey, f64)> {
    range(first, last)
        .filter_map(|k| table.dyad_tally(dyad, k).goldstein_mean().map(|m| (k, m)))
        .collect()
}

fn mean(v: &[(PeriodKey, f64)]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().map(|x| x.1).sum::<f64>() / v.len() as f64)
}

/// The drops of one dyad between `first` and `last`.
pub fn find_drops(table: &DyadTable, dyad: &Dyad, first: PeriodKey, last: PeriodKey, opts: &RiftOptions) -> Vec<Drop> {
    let s = scored(table, dyad, first, last);
    let w = opts.window.max(1);
    let make = |i: usize, trigger: Trigger| -> Option<Drop> {
        let lo = i.saturating_sub(w);
        let hi = (i + w).min(s.len());
        let before = mean(&s[lo..i])?;
        let after = mean(&s[i..hi])?;
        (after < before).then(|| Drop {
            dyad: dyad.clone(),
            period: s[i].0,
            trigger,
            before,
            after,
            window_start: s[lo].0,
            window_end: s[hi - 1].0,
        })
    };
    let x: Vec<f64> = s.iter().map(|p| p.1).collect();
    let seg = pelt(&x, &opts.pelt);
    let mut drops: Vec<Drop> = seg.changes.iter().filter_map(|&i| make(i, Trigger::ChangePoint)).collect();
    if let Some(th) = opts.drop_threshold {
        let taken: BTreeSet<PeriodKey> = drops.iter().map(|d| d.period).collect();
        let mut run: Option<Drop> = None;
        for i in 1..s.len() {
            let d = make(i, Trigger::Threshold).filter(|d| d.before - d.after >= th);
            match (d, run.take()) {
                (Some(d), Some(r)) => run = Some(if d.before - d.after > r.before - r.after { d } else { r }),
                (Some(d), None) => run = Some(d),
                (None, Some(r)) => {
                    if !taken.contains(&r.period) {
                        drops.push(r);
                    }
                }
                (None, None) => {}
            }
        }
        if let Some(r) = run {
            if !taken.contains(&r.period) {
                drops.push(r);
            }
        }
    }
    drops.sort_by_key(|d| d.period);
    drops
}

/// Mean score of `dyad` over the scored periods in `lo..hi` (`hi` exclusive).
fn level(table: &DyadTable, dyad: &Dyad, lo: PeriodKey, hi_exclusive: PeriodKey) -> Option<f64> {
    if hi_exclusive.index <= lo.index {
        return None;
    }
    mean(&scored(table, dyad, lo, PeriodKey { index: hi_exclusive.index - 1, ..lo }))
}

/// Rift alerts among `actors` (ISO3) over `first..=last`. `events` supplies
/// the evidence (any superset of the dyads' events; only those of the
/// dropping dyad inside the after window are used).
pub fn find_rifts(
    table: &DyadTable,
    actors: &[String],
    first: PeriodKey,
    last: PeriodKey,
    events: &[EventRecord],
    opts: &RiftOptions,
) -> Vec<RiftAlert> {
    let mut alerts = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        for b in &actors[i + 1..] {
            let dyad = Dyad { a: a.clone(), b: b.clone(), directed: false };
            for drop in find_drops(table, &dyad, first, last, opts) {
                for c in actors.iter().filter(|c| *c != a && *c != b) {
                    let ca = Dyad { a: c.clone(), b: a.clone(), directed: false };
                    let cb = Dyad { a: c.clone(), b: b.clone(), directed: false };
                    let after_end = drop.window_end.next();
                    let lv = |d: &Dyad| Some((level(table, d, drop.window_start, drop.period)?, level(table, d, drop.period, after_end)?));
                    let (Some(wa), Some(wb)) = (lv(&ca), lv(&cb)) else { continue };
                    let holds = |(before, after): (f64, f64)| after >= before - opts.hold_tolerance;
                    if !(holds(wa) && holds(wb)) {
                        continue;
                    }
                    let (start, end) = (drop.period.start(), drop.window_end.end());
                    let mut moving: Vec<MovingEvent> = events
                        .iter()
                        .filter(|e| {
                            e.date >= start
                                && e.date <= end
                                && ((e.source == *a && e.target == *b) || (e.source == *b && e.target == *a))
                        })
                        .filter_map(|e| e.goldstein.map(|g| MovingEvent { pull: g - drop.before, event: e.clone() }))
                        .collect();
                    moving.sort_by(|x, y| x.pull.total_cmp(&y.pull).then_with(|| x.event.date.cmp(&y.event.date)));
                    moving.truncate(opts.top_events);
                    alerts.push(RiftAlert {
                        drop: drop.clone(),
                        third: ThirdTies { actor: c.clone(), with_a: wa, with_b: wb },
                        evidence: moving,
                    });
                }
            }
        }
    }
    alerts
}
