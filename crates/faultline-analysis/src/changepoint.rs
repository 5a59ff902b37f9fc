//! Change points in a mean: PELT (Killick, Fearnhead & Eckley 2012,
//! "Optimal detection of changepoints with a linear computational cost",
//! *JASA* 107(500)) with a Normal mean-change cost.
//!
//! A segmentation of `x₁…xₙ` into segments with their own means costs
//!
//! ```text
//! Σ_segments C(segment) + β · (number of change points)
//! C(x_{s+1..t}) = Σ (xᵢ − x̄_{s+1..t})² / σ²
//! ```
//!
//! `C` is twice the negative Normal log-likelihood of the segment (up to a
//! constant) with variance σ² known. σ is estimated robustly from first
//! differences — `σ̂ = 1.4826 · MAD(Δx) / √2` — so that the jumps
//! themselves do not inflate it (when the MAD is 0, e.g. a clean step,
//! the standard deviation of the differences over √2 is used; when that is
//! 0 too, the series is constant and has no change point). The default
//! penalty is BIC-style, `β = 2 ln n`: each change adds one mean and one
//! location, each costing `ln n` on this (−2 log-likelihood) scale.
//!
//! PELT finds the exact minimiser of this objective (the same as optimal
//! partitioning, [`optimal_partitioning`], which the tests check) while
//! pruning candidates `τ` with `F(τ) + C(τ, u) > F(u)` (`u` the newest
//! candidate); this is valid because adding a change never increases the
//! cost here (`K = 0`).

use serde::Serialize;

/// Options of [`pelt`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PeltOptions {
    /// Penalty per change point; `None` for `2 ln n`.
    pub penalty: Option<f64>,
    /// Shortest segment (at least 1).
    pub min_segment: usize,
    /// Known noise standard deviation; `None` to estimate it.
    pub sigma: Option<f64>,
}

impl Default for PeltOptions {
    fn default() -> PeltOptions {
        PeltOptions { penalty: None, min_segment: 2, sigma: None }
    }
}

/// The result: change points and the segment means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segmentation {
    /// Indices where a new segment starts (never 0), ascending.
    pub changes: Vec<usize>,
    /// Mean of each segment (`changes.len() + 1` of them; empty for empty input).
    pub means: Vec<f64>,
    /// The σ used.
    pub sigma: f64,
    /// The penalty used.
    pub penalty: f64,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Robust noise estimate from first differences (module docs).
pub fn estimate_sigma(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return 0.0;
    }
    let diffs: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    let mut d = diffs.clone();
    let med = median(&mut d);
    let mut dev: Vec<f64> = diffs.iter().map(|v| (v - med).abs()).collect();
    let mad = median(&mut dev);
    let s = 1.4826 * mad / std::f64::consts::SQRT_2;
    if s > 0.0 {
        return s;
    }
    let m = diffs.iter().sum::<f64>() / diffs.len() as f64;
    let var = diffs.iter().map(|v| (v - m).powi(2)).sum::<f64>() / diffs.len() as f64;
    var.sqrt() / std::f64::consts::SQRT_2
}

struct Cost {
    s1: Vec<f64>,
    s2: Vec<f64>,
    inv_var: f64,
}

impl Cost {
    fn new(x: &[f64], sigma: f64) -> Cost {
        let mut s1 = vec![0.0; x.len() + 1];
        let mut s2 = vec![0.0; x.len() + 1];
        for (i, v) in x.iter().enumerate() {
            s1[i + 1] = s1[i] + v;
            s2[i + 1] = s2[i] + v * v;
        }
        Cost { s1, s2, inv_var: 1.0 / (sigma * sigma) }
    }
    /// Cost of `x[s..t]` (0-based, `t` exclusive).
    fn of(&self, s: usize, t: usize) -> f64 {
        let n = (t - s) as f64;
        let a = self.s1[t] - self.s1[s];
        let sse = (self.s2[t] - self.s2[s]) - a * a / n;
        sse.max(0.0) * self.inv_var
    }
}

fn setup(x: &[f64], opts: &PeltOptions) -> Option<(Cost, f64, f64, usize)> {
    let n = x.len();
    let sigma = opts.sigma.unwrap_or_else(|| estimate_sigma(x));
    let penalty = opts.penalty.unwrap_or(2.0 * (n.max(2) as f64).ln());
    let m = opts.min_segment.max(1);
    if n == 0 || sigma.is_nan() || sigma <= 0.0 || !sigma.is_finite() || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    Some((Cost::new(x, sigma), sigma, penalty, m))
}

fn finish(x: &[f64], cost: Option<&Cost>, last: &[usize], sigma: f64, penalty: f64) -> Segmentation {
    let n = x.len();
    let mut changes = Vec::new();
    if cost.is_some() {
        let mut t = n;
        while t > 0 {
            let s = last[t];
            if s > 0 {
                changes.push(s);
            }
            t = s;
        }
        changes.reverse();
    }
    let mut bounds = vec![0];
    bounds.extend(&changes);
    bounds.push(n);
    let means = if n == 0 {
        Vec::new()
    } else {
        bounds.windows(2).map(|w| x[w[0]..w[1]].iter().sum::<f64>() / (w[1] - w[0]) as f64).collect()
    };
    Segmentation { changes, means, sigma, penalty }
}

/// PELT: the exact penalised segmentation in (typically) linear time.
/// Non-finite input or a constant series gives no change points.
pub fn pelt(x: &[f64], opts: &PeltOptions) -> Segmentation {
    let n = x.len();
    let Some((cost, sigma, beta, m)) = setup(x, opts) else {
        return finish(x, None, &[], opts.sigma.unwrap_or(0.0), opts.penalty.unwrap_or(0.0));
    };
    if n < 2 * m {
        return finish(x, None, &[], sigma, beta);
    }
    let mut f = vec![f64::INFINITY; n + 1];
    let mut last = vec![0usize; n + 1];
    f[0] = -beta;
    let mut cands: Vec<usize> = vec![0];
    for t in m..=n {
        let mut best = f64::INFINITY;
        let mut arg = 0;
        for &s in &cands {
            if t - s >= m && f[s].is_finite() {
                let v = f[s] + cost.of(s, t) + beta;
                if v < best {
                    best = v;
                    arg = s;
                }
            }
        }
        f[t] = best;
        last[t] = arg;
        // t + 1 − m becomes a candidate: the first that can start a
        // segment of length m ending at t + 1 or later.
        let u = t + 1 - m;
        // Prune against u rather than t: every future end T ≥ t + 1 is at
        // least m after u, so u can always stand in for a pruned s — with
        // a minimum segment length, pruning against t itself could drop a
        // candidate still needed for T < t + m. Valid as K = 0 here.
        cands.retain(|&s| f[s].is_finite() && (s >= u || !f[u].is_finite() || f[s] + cost.of(s, u) <= f[u]));
        cands.push(u);
    }
    finish(x, Some(&cost), &last, sigma, beta)
}

/// Optimal partitioning (Jackson et al. 2005): the same objective solved
/// by exhaustive dynamic programming in O(n²). The reference PELT is
/// tested against.
pub fn optimal_partitioning(x: &[f64], opts: &PeltOptions) -> Segmentation {
    let n = x.len();
    let Some((cost, sigma, beta, m)) = setup(x, opts) else {
        return finish(x, None, &[], opts.sigma.unwrap_or(0.0), opts.penalty.unwrap_or(0.0));
    };
    if n < 2 * m {
        return finish(x, None, &[], sigma, beta);
    }
    let mut f = vec![f64::INFINITY; n + 1];
    let mut last = vec![0usize; n + 1];
    f[0] = -beta;
    for t in m..=n {
        for s in (0..=t - m).filter(|&s| s == 0 || s >= m) {
            if f[s].is_finite() {
                let v = f[s] + cost.of(s, t) + beta;
                if v < f[t] {
                    f[t] = v;
                    last[t] = s;
                }
            }
        }
    }
    finish(x, Some(&cost), &last, sigma, beta)
}
