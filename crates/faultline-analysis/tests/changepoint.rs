//! PELT against worked examples and against exhaustive optimal partitioning.

use faultline_analysis::changepoint::{estimate_sigma, optimal_partitioning, pelt, PeltOptions};

#[test]
fn a_known_step() {
    // 0,0,0,0,0 then 5,5,5,5,5 with σ = 1 and β = 2 ln 10 ≈ 4.6: one change
    // at index 5 costs 0 + β; no change costs Σ(x − 2.5)² = 62.5.
    let x = [0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 5.0, 5.0, 5.0, 5.0];
    let opts = PeltOptions { sigma: Some(1.0), ..PeltOptions::default() };
    let seg = pelt(&x, &opts);
    assert_eq!(seg.changes, [5]);
    assert_eq!(seg.means, [0.0, 5.0]);
    assert!((seg.penalty - 2.0 * 10f64.ln()).abs() < 1e-12);
    // A step smaller than the penalty allows: 0 × 5 then 0.5 × 5, σ = 1 →
    // no-change cost 10 · 0.25² = 0.625 < β: no change.
    let small = [0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.5, 0.5, 0.5, 0.5];
    assert!(pelt(&small, &opts).changes.is_empty());
    // With σ estimated: a clean step has MAD 0, so the sd of differences is used.
    let est = pelt(&x, &PeltOptions::default());
    assert_eq!(est.changes, [5]);
    // Two steps, down then up.
    let y = [3.0, 3.1, 2.9, 3.0, -2.0, -2.1, -1.9, -2.0, 1.0, 1.1, 0.9, 1.0];
    assert_eq!(pelt(&y, &PeltOptions::default()).changes, [4, 8]);
}

#[test]
fn degenerate_inputs() {
    assert!(pelt(&[], &PeltOptions::default()).changes.is_empty());
    assert!(pelt(&[1.0], &PeltOptions::default()).changes.is_empty());
    assert!(pelt(&[2.0; 20], &PeltOptions::default()).changes.is_empty());
    assert!(pelt(&[1.0, f64::NAN, 3.0], &PeltOptions::default()).changes.is_empty());
    assert_eq!(estimate_sigma(&[4.0; 5]), 0.0);
    // Minimum segment length is honoured: a one-point spike is not a segment.
    let spike = [0.0, 0.0, 0.0, 9.0, 0.0, 0.0, 0.0];
    let seg = pelt(&spike, &PeltOptions { sigma: Some(0.5), min_segment: 2, ..PeltOptions::default() });
    let mut bounds = vec![0];
    bounds.extend(&seg.changes);
    bounds.push(spike.len());
    assert!(bounds.windows(2).all(|w| w[1] - w[0] >= 2), "{:?}", seg.changes);
}

/// A small deterministic generator (64-bit LCG + Box–Muller).
struct Rng(u64);
impl Rng {
    fn unif(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        (-2.0 * self.unif().ln()).sqrt() * (2.0 * std::f64::consts::PI * self.unif()).cos()
    }
}

#[test]
fn pelt_equals_optimal_partitioning() {
    let mut rng = Rng(7);
    for case in 0..60 {
        let n = 20 + case * 3;
        let mut level = 0.0;
        let x: Vec<f64> = (0..n)
            .map(|i| {
                if i % 17 == 16 {
                    level += (rng.unif() - 0.5) * 8.0;
                }
                level + rng.normal()
            })
            .collect();
        for m in [1, 2, 3] {
            let opts = PeltOptions { min_segment: m, ..PeltOptions::default() };
            assert_eq!(pelt(&x, &opts).changes, optimal_partitioning(&x, &opts).changes, "case {case} m {m}");
        }
    }
}

#[test]
fn recovers_planted_changes() {
    let mut rng = Rng(42);
    let x: Vec<f64> = (0..90).map(|i| if i < 30 { 0.0 } else if i < 60 { 4.0 } else { 1.0 } + rng.normal()).collect();
    let seg = pelt(&x, &PeltOptions::default());
    assert_eq!(seg.changes.len(), 2, "{:?}", seg.changes);
    assert!(seg.changes[0].abs_diff(30) <= 2 && seg.changes[1].abs_diff(60) <= 2, "{:?}", seg.changes);
    assert!((seg.sigma - 1.0).abs() < 0.35, "sigma {}", seg.sigma);
}
