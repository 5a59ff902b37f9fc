//! Small presentation helpers shared by the command line and reports:
//! sparklines and number formatting that never prints NaN.

/// The eight block characters of a sparkline, lowest first.
pub const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of `values`: one block per value scaled between the minimum
/// and maximum present value; a missing (or non-finite) value is a space so
/// that gaps stay visible. A flat series is drawn at mid height.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let present = values.iter().flatten().filter(|v| v.is_finite());
    let (lo, hi) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => {
                if hi > lo {
                    let i = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                    BLOCKS[i.min(7)]
                } else {
                    BLOCKS[3]
                }
            }
            _ => ' ',
        })
        .collect()
}

/// Formats an optional number with `decimals` places; `None` and
/// non-finite values become `missing` (e.g. `""` for CSV, `"-"` for tables).
pub fn num(v: Option<f64>, decimals: usize, missing: &str) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.decimals$}"),
        _ => missing.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines() {
        assert_eq!(sparkline(&[Some(0.0), Some(7.0), None, Some(3.5)]), "▁█ ▅");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[None, Some(f64::NAN)]), "  ");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn numbers_never_nan() {
        assert_eq!(num(Some(1.23456), 2, "-"), "1.23");
        assert_eq!(num(None, 2, "-"), "-");
        assert_eq!(num(Some(f64::NAN), 2, ""), "");
        assert_eq!(num(Some(f64::INFINITY), 2, "-"), "-");
    }
}
