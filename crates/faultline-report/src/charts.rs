//! The charts: dyad series, says vs does, vote affinity, the triangle
//! diagram, the triangle timeline — each a pure function from the
//! analytics' results to a [`Chart`], with change points marked where a
//! chart shows a series over time.

use faultline_analysis::changepoint::{pelt, PeltOptions};
use faultline_analysis::gap::{gap_series, GapPoint};
use faultline_analysis::render::num;
use faultline_analysis::triangle::{Configuration, Sign, Timeline, DYADS};
use faultline_analysis::votes::AffinityRow;
use faultline_analysis::DyadSeries;

use crate::svg::{Anchor, Svg};
use crate::{Chart, ReportError};

/// Colours of the quad classes: greens for cooperation (light = words,
/// dark = deeds), orange and red for conflict.
pub const QUAD_COLOURS: [&str; 4] = ["#9ad19a", "#2e7d32", "#f4a261", "#c62828"];
/// Names of the quad classes, in order 1–4.
pub const QUAD_NAMES: [&str; 4] = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const LINE: &str = "#1d3557";
const CHANGE: &str = "#7b2cbf";
const GRID: &str = "#e3e3e3";
const AXIS: &str = "#555555";
const TEXT: &str = "#222222";
const MUTED: &str = "#666666";
const POSITIVE: &str = "#2e7d32";
const NEGATIVE: &str = "#c62828";
const AMBIGUOUS: &str = "#9e9e9e";

/// Change points of a dyad series: PELT (default options) over the
/// periods that have a Goldstein mean, mapped back to indices into
/// `series.points` (each index is the first period of a new level).
pub fn series_change_points(series: &DyadSeries) -> Vec<usize> {
    change_points(&series.means())
}

/// Change points of each tie of a triangle timeline ([`DYADS`] order), as
/// indices into `timeline.points`.
pub fn timeline_change_points(timeline: &Timeline) -> [Vec<usize>; 3] {
    [0, 1, 2].map(|d| change_points(&timeline.points.iter().map(|p| p.scores[d]).collect::<Vec<_>>()))
}

/// PELT over the present values of `values`, as indices into `values`.
/// Missing periods are skipped rather than read as 0, as the analytics do.
pub fn change_points(values: &[Option<f64>]) -> Vec<usize> {
    let present: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.filter(|x| x.is_finite()).map(|v| (i, v))).collect();
    let x: Vec<f64> = present.iter().map(|p| p.1).collect();
    pelt(&x, &PeltOptions::default()).changes.iter().filter_map(|&c| present.get(c).map(|p| p.0)).collect()
}

/// A linear scale from data values to pixel rows.
#[derive(Debug, Clone, Copy)]
struct YScale {
    lo: f64,
    hi: f64,
    top: f64,
    bottom: f64,
}

impl YScale {
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.lo, self.hi);
        self.bottom - (v - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)
    }
}

/// Period columns across the plot width.
#[derive(Debug, Clone, Copy)]
struct XBands {
    left: f64,
    step: f64,
}

impl XBands {
    fn new(left: f64, width: f64, n: usize) -> XBands {
        XBands { left, step: width / n.max(1) as f64 }
    }
    fn centre(&self, i: usize) -> f64 {
        self.left + (i as f64 + 0.5) * self.step
    }
    fn edge(&self, i: usize) -> f64 {
        self.left + i as f64 * self.step
    }
}

/// A "nice" tick step (1, 2 or 5 × 10^k) giving about `target` ticks over `span`.
fn nice_step(span: f64, target: f64) -> f64 {
    if !(span > 0.0 && span.is_finite()) {
        return 1.0;
    }
    let raw = span / target;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Horizontal grid lines and tick labels for `scale` at multiples of `step`.
fn y_axis(svg: &mut Svg, scale: &YScale, left: f64, right: f64, step: f64, decimals: usize) {
    let mut v = (scale.lo / step).ceil() * step;
    let mut guard = 0;
    while v <= scale.hi + step * 1e-9 && guard < 50 {
        let y = scale.y(v);
        svg.line(left, y, right, y, if v.abs() < step * 1e-9 { AXIS } else { GRID }, 1.0, None);
        let label = if v.abs() < step * 1e-9 { "0".to_owned() } else { format!("{v:.decimals$}").replace('-', "−") };
        svg.text(left - 6.0, y + 4.0, &label, 11.0, Anchor::End, MUTED, false);
        v += step;
        guard += 1;
    }
}

/// Period labels under the plot, thinned so they never overlap.
fn x_labels(svg: &mut Svg, xs: &XBands, labels: &[String], y: f64) {
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(4) as f64;
    let needed = longest * 7.0 + 10.0; // ~7 px per character at 11 px
    let every = ((needed / xs.step).ceil() as usize).max(1);
    for (i, l) in labels.iter().enumerate() {
        if i % every == 0 {
            svg.line(xs.centre(i), y - 14.0, xs.centre(i), y - 10.0, AXIS, 1.0, None);
            svg.text(xs.centre(i), y, l, 11.0, Anchor::Middle, MUTED, false);
        }
    }
}

/// One legend entry: a swatch style and a label.
enum Swatch<'a> {
    Box(&'a str),
    Line(&'a str, Option<&'a str>),
}

/// Legend entries in rows that wrap at `right`.
fn legend(svg: &mut Svg, left: f64, right: f64, mut y: f64, items: &[(Swatch<'_>, &str)]) -> f64 {
    let mut x = left;
    for (swatch, label) in items {
        let w = 26.0 + label.chars().count() as f64 * 6.6 + 18.0;
        if x + w > right && x > left {
            x = left;
            y += 18.0;
        }
        match swatch {
            Swatch::Box(c) => svg.rect(x, y - 9.0, 14.0, 10.0, c, None),
            Swatch::Line(c, dash) => svg.line(x, y - 4.0, x + 18.0, y - 4.0, c, 2.5, *dash),
        }
        svg.text(x + 24.0, y, label, 11.0, Anchor::Start, TEXT, false);
        x += w;
    }
    y
}

/// Vertical change-point markers at the left edge of each period in
/// `changes`, one segment per panel span, labelled with the period;
/// labels alternate between two rows so neighbouring markers stay legible.
fn change_markers(svg: &mut Svg, xs: &XBands, labels: &[String], changes: &[usize], spans: &[(f64, f64)]) {
    for (k, &c) in changes.iter().enumerate() {
        if c >= labels.len() {
            continue;
        }
        let x = xs.edge(c);
        // One segment per panel, so markers never cross panel titles.
        for (top, bottom) in spans {
            svg.line(x, *top, x, *bottom, CHANGE, 1.5, Some("5 4"));
        }
        let top = spans.first().map_or(0.0, |s| s.0);
        svg.text(x + 3.0, top + 12.0 + 12.0 * (k % 2) as f64, &format!("change {}", labels[c]), 10.0, Anchor::Start, CHANGE, false);
    }
}

/// A line through the present values, broken at missing ones, with a dot
/// on every present value (a lone period between gaps is still seen).
fn broken_line(svg: &mut Svg, xs: &XBands, scale: &YScale, values: &[Option<f64>], colour: &str, dash: Option<&str>, dots: bool) {
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v.filter(|x| x.is_finite()) {
            Some(v) => run.push((xs.centre(i), scale.y(v))),
            None => {
                svg.polyline(&run, colour, 2.0, dash);
                run.clear();
            }
        }
    }
    svg.polyline(&run, colour, 2.0, dash);
    if dots {
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v.filter(|x| x.is_finite()) {
                svg.circle(xs.centre(i), scale.y(v), 3.0, colour, "#ffffff", 1.0);
            }
        }
    }
}

/// A typographic minus sign for negative numbers in labels.
fn minus(s: String) -> String {
    s.replace('-', "−")
}

fn dyad_name(series: &DyadSeries) -> String {
    format!("{} {} {}", series.dyad.a, if series.dyad.directed { "→" } else { "↔" }, series.dyad.b)
}

fn period_word(series: &DyadSeries) -> &'static str {
    match series.period {
        faultline_analysis::Period::Week => "week",
        faultline_analysis::Period::Month => "month",
        faultline_analysis::Period::Quarter => "quarter",
        faultline_analysis::Period::Year => "year",
    }
}

const WIDTH: f64 = 920.0;
const LEFT: f64 = 66.0;
const RIGHT: f64 = 900.0;

/// The dyad series chart: net cooperation (mean Goldstein score per
/// period) as a line over quad-class stacked bars of the event counts,
/// with `changes` (indices into `series.points`, e.g. from
/// [`series_change_points`]) as vertical markers.
pub fn dyad_chart(series: &DyadSeries, changes: &[usize]) -> Result<Chart, ReportError> {
    let n = series.points.len();
    if n == 0 {
        return Err(ReportError::Empty(format!("the {} series has no periods", dyad_name(series))));
    }
    let title = format!("{}: net cooperation and events per {}", dyad_name(series), period_word(series));
    let labels: Vec<String> = series.points.iter().map(|p| p.period.label()).collect();
    let mut svg = Svg::new(WIDTH, 560.0);
    svg.text(LEFT, 26.0, &title, 16.0, Anchor::Start, TEXT, true);
    let total = series.total();
    svg.text(
        LEFT,
        45.0,
        &format!("{} events; mean Goldstein {} (−10 conflict … +10 cooperation)", total.n, minus(num(total.goldstein_mean(), 2, "–"))),
        11.0,
        Anchor::Start,
        MUTED,
        false,
    );
    let xs = XBands::new(LEFT, RIGHT - LEFT, n);

    // Panel A: net cooperation.
    let means = series.means();
    let peak = means.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let step = nice_step(peak.max(1.0) * 2.0, 6.0);
    let lim = ((peak.max(1.0) / step).ceil() * step).min(10.0);
    let a = YScale { lo: -lim, hi: lim, top: 66.0, bottom: 266.0 };
    y_axis(&mut svg, &a, LEFT, RIGHT, step, if step < 1.0 { 1 } else { 0 });
    svg.text_rotated(18.0, (a.top + a.bottom) / 2.0, "mean Goldstein", 11.0, Anchor::Middle, MUTED, -90.0);
    broken_line(&mut svg, &xs, &a, &means, LINE, None, true);

    // Panel B: events per quad class, stacked.
    let max_n = series.points.iter().map(|p| p.tally.quad.iter().sum::<u64>()).max().unwrap_or(0).max(1) as f64;
    let bstep = nice_step(max_n, 4.0).max(1.0);
    let b = YScale { lo: 0.0, hi: (max_n / bstep).ceil() * bstep, top: 306.0, bottom: 456.0 };
    y_axis(&mut svg, &b, LEFT, RIGHT, bstep, 0);
    svg.text_rotated(18.0, (b.top + b.bottom) / 2.0, "events", 11.0, Anchor::Middle, MUTED, -90.0);
    let bw = (xs.step * 0.7).max(1.0);
    for (i, p) in series.points.iter().enumerate() {
        let mut acc = 0.0;
        for (count, colour) in p.tally.quad.iter().zip(QUAD_COLOURS) {
            let c = *count as f64;
            if c > 0.0 {
                let (y0, y1) = (b.y(acc), b.y(acc + c));
                svg.rect(xs.centre(i) - bw / 2.0, y1, bw, y0 - y1, colour, None);
                acc += c;
            }
        }
    }
    change_markers(&mut svg, &xs, &labels, changes, &[(a.top, a.bottom), (b.top, b.bottom)]);
    x_labels(&mut svg, &xs, &labels, 476.0);
    legend(
        &mut svg,
        LEFT,
        RIGHT,
        508.0,
        &[
            (Swatch::Line(LINE, None), "net cooperation (mean Goldstein)"),
            (Swatch::Box(QUAD_COLOURS[0]), QUAD_NAMES[0]),
            (Swatch::Box(QUAD_COLOURS[1]), QUAD_NAMES[1]),
            (Swatch::Box(QUAD_COLOURS[2]), QUAD_NAMES[2]),
            (Swatch::Box(QUAD_COLOURS[3]), QUAD_NAMES[3]),
            (Swatch::Line(CHANGE, Some("5 4")), "change point"),
        ],
    );
    Ok(Chart { title: title.clone(), width: svg.width(), height: svg.height(), svg: svg.finish(&title) })
}

/// Two bars per period (`x` left, `y` right) on a count scale.
fn paired_bars(svg: &mut Svg, xs: &XBands, scale: &YScale, pairs: &[(u64, u64)], colours: (&str, &str)) {
    let bw = (xs.step * 0.38).max(0.8);
    for (i, (x, y)) in pairs.iter().enumerate() {
        for (k, (v, c)) in [(*x, colours.0), (*y, colours.1)].into_iter().enumerate() {
            if v > 0 {
                let x0 = xs.centre(i) - bw + k as f64 * bw;
                svg.rect(x0, scale.y(v as f64), bw, scale.bottom - scale.y(v as f64), c, None);
            }
        }
    }
}

/// The says-vs-does panels of a dyad: verbal against material cooperation,
/// verbal against material conflict (event counts per period), and the two
/// gap indices `(verbal − material)/(verbal + material)` in [−1, 1].
pub fn gap_chart(series: &DyadSeries, changes: &[usize]) -> Result<Chart, ReportError> {
    let n = series.points.len();
    if n == 0 {
        return Err(ReportError::Empty(format!("the {} series has no periods", dyad_name(series))));
    }
    let (points, total): (Vec<GapPoint>, _) = gap_series(series);
    let title = format!("{}: says vs does per {}", dyad_name(series), period_word(series));
    let labels: Vec<String> = points.iter().map(|p| p.period.label()).collect();
    let mut svg = Svg::new(WIDTH, 660.0);
    svg.text(LEFT, 26.0, &title, 16.0, Anchor::Start, TEXT, true);
    svg.text(
        LEFT,
        45.0,
        &format!(
            "cooperation: {} verbal vs {} material, gap {}; conflict: {} verbal vs {} material, gap {}",
            total.verbal_coop,
            total.material_coop,
            minus(num(total.coop_gap, 2, "–")),
            total.verbal_conflict,
            total.material_conflict,
            minus(num(total.conflict_gap, 2, "–"))
        ),
        11.0,
        Anchor::Start,
        MUTED,
        false,
    );
    let xs = XBands::new(LEFT, RIGHT - LEFT, n);
    let coop: Vec<(u64, u64)> = points.iter().map(|p| (p.gap.verbal_coop, p.gap.material_coop)).collect();
    let conf: Vec<(u64, u64)> = points.iter().map(|p| (p.gap.verbal_conflict, p.gap.material_conflict)).collect();
    let max_of = |v: &[(u64, u64)]| v.iter().map(|(a, b)| (*a).max(*b)).max().unwrap_or(0).max(1) as f64;
    for (pairs, top, name, colours) in [
        (&coop, 84.0, "Cooperation: verbal (words) vs material (deeds)", (QUAD_COLOURS[0], QUAD_COLOURS[1])),
        (&conf, 254.0, "Conflict: verbal (threats, accusations) vs material (force, sanctions)", (QUAD_COLOURS[2], QUAD_COLOURS[3])),
    ] {
        let m = max_of(pairs);
        let step = nice_step(m, 4.0).max(1.0);
        let s = YScale { lo: 0.0, hi: (m / step).ceil() * step, top, bottom: top + 130.0 };
        svg.text(LEFT, top - 8.0, name, 12.0, Anchor::Start, TEXT, true);
        y_axis(&mut svg, &s, LEFT, RIGHT, step, 0);
        svg.text_rotated(18.0, (s.top + s.bottom) / 2.0, "events", 11.0, Anchor::Middle, MUTED, -90.0);
        paired_bars(&mut svg, &xs, &s, pairs, colours);
    }
    let g = YScale { lo: -1.0, hi: 1.0, top: 424.0, bottom: 554.0 };
    svg.text(LEFT, g.top - 8.0, "Gap index: +1 all words, 0 balance, −1 all deeds", 12.0, Anchor::Start, TEXT, true);
    y_axis(&mut svg, &g, LEFT, RIGHT, 0.5, 1);
    svg.text_rotated(18.0, (g.top + g.bottom) / 2.0, "gap", 11.0, Anchor::Middle, MUTED, -90.0);
    broken_line(&mut svg, &xs, &g, &points.iter().map(|p| p.gap.coop_gap).collect::<Vec<_>>(), QUAD_COLOURS[1], None, true);
    broken_line(&mut svg, &xs, &g, &points.iter().map(|p| p.gap.conflict_gap).collect::<Vec<_>>(), QUAD_COLOURS[3], Some("6 3"), true);
    change_markers(&mut svg, &xs, &labels, changes, &[(84.0, 214.0), (254.0, 384.0), (g.top, g.bottom)]);
    x_labels(&mut svg, &xs, &labels, 574.0);
    legend(
        &mut svg,
        LEFT,
        RIGHT,
        606.0,
        &[
            (Swatch::Box(QUAD_COLOURS[0]), QUAD_NAMES[0]),
            (Swatch::Box(QUAD_COLOURS[1]), QUAD_NAMES[1]),
            (Swatch::Box(QUAD_COLOURS[2]), QUAD_NAMES[2]),
            (Swatch::Box(QUAD_COLOURS[3]), QUAD_NAMES[3]),
            (Swatch::Line(QUAD_COLOURS[1], None), "cooperation gap"),
            (Swatch::Line(QUAD_COLOURS[3], Some("6 3")), "conflict gap"),
            (Swatch::Line(CHANGE, Some("5 4")), "change point (net cooperation)"),
        ],
    );
    Ok(Chart { title: title.clone(), width: svg.width(), height: svg.height(), svg: svg.finish(&title) })
}

/// Vote affinity: one panel per pair of states, with Signorino–Ritter S,
/// Cohen's κ and Scott's π per session or year (`period_name`) on [−1, 1].
pub fn votes_chart(rows: &[AffinityRow], period_name: &str) -> Result<Chart, ReportError> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut periods: Vec<u32> = Vec::new();
    for r in rows {
        if !pairs.iter().any(|(a, b)| *a == r.a && *b == r.b) {
            pairs.push((r.a.clone(), r.b.clone()));
        }
        periods.push(r.period);
    }
    periods.sort_unstable();
    periods.dedup();
    if pairs.is_empty() || periods.is_empty() {
        return Err(ReportError::Empty("no vote affinity rows".into()));
    }
    let title = format!("UN General Assembly vote affinity per {period_name}");
    let panel = 150.0;
    let height = 70.0 + pairs.len() as f64 * (panel + 58.0) + 40.0;
    let mut svg = Svg::new(WIDTH, height);
    svg.text(LEFT, 26.0, &title, 16.0, Anchor::Start, TEXT, true);
    svg.text(LEFT, 45.0, "S: Signorino–Ritter similarity; κ: Cohen's kappa; π: Scott's pi (quadratic weights; 1 = identical votes)", 11.0, Anchor::Start, MUTED, false);
    let labels: Vec<String> = periods.iter().map(u32::to_string).collect();
    let xs = XBands::new(LEFT, RIGHT - LEFT, periods.len());
    let mut top = 84.0;
    for (a, b) in &pairs {
        let s = YScale { lo: -1.0, hi: 1.0, top, bottom: top + panel };
        svg.text(LEFT, top - 8.0, &format!("{a}–{b}"), 12.0, Anchor::Start, TEXT, true);
        y_axis(&mut svg, &s, LEFT, RIGHT, 0.5, 1);
        let series = |f: &dyn Fn(&AffinityRow) -> Option<f64>| -> Vec<Option<f64>> {
            periods.iter().map(|p| rows.iter().find(|r| r.a == *a && r.b == *b && r.period == *p).and_then(f)).collect()
        };
        broken_line(&mut svg, &xs, &s, &series(&|r| r.affinity.s), LINE, None, true);
        broken_line(&mut svg, &xs, &s, &series(&|r| r.affinity.kappa), "#e76f51", None, true);
        broken_line(&mut svg, &xs, &s, &series(&|r| r.affinity.pi), "#2a9d8f", Some("6 3"), false);
        x_labels(&mut svg, &xs, &labels, s.bottom + 18.0);
        top += panel + 58.0;
    }
    legend(
        &mut svg,
        LEFT,
        RIGHT,
        height - 24.0,
        &[(Swatch::Line(LINE, None), "S"), (Swatch::Line("#e76f51", None), "κ (kappa)"), (Swatch::Line("#2a9d8f", Some("6 3")), "π (pi)")],
    );
    Ok(Chart { title: title.clone(), width: svg.width(), height: svg.height(), svg: svg.finish(&title) })
}

fn sign_style(sign: Sign) -> (&'static str, f64, Option<&'static str>) {
    match sign {
        Sign::Positive => (POSITIVE, 5.0, None),
        Sign::Negative => (NEGATIVE, 5.0, Some("12 8")),
        Sign::Ambiguous => (AMBIGUOUS, 3.0, None),
    }
}

/// The triangle diagram of one period (`index` into `timeline.points`):
/// three nodes, the signed ties between them (+ solid green, − dashed
/// red, ambiguous grey) labelled with score and z, and each actor's role.
pub fn triangle_chart(timeline: &Timeline, index: usize) -> Result<Chart, ReportError> {
    let Some(p) = timeline.points.get(index) else {
        return Err(ReportError::Invalid(format!(
            "the triangle timeline has {} periods; period #{} does not exist",
            timeline.points.len(),
            index + 1
        )));
    };
    let act = &timeline.actors;
    let title = format!("{}–{}–{} in {}: {}", act[0], act[1], act[2], p.period, p.configuration.name());
    let mut svg = Svg::new(660.0, 560.0);
    svg.text(330.0, 28.0, &title, 16.0, Anchor::Middle, TEXT, true);
    svg.text(330.0, 47.0, "Dittmer's strategic triangle: the sign of each tie and each state's role", 11.0, Anchor::Middle, MUTED, false);
    let nodes = [(330.0, 130.0), (140.0, 420.0), (520.0, 420.0)];
    let centroid = ((nodes[0].0 + nodes[1].0 + nodes[2].0) / 3.0, (nodes[0].1 + nodes[1].1 + nodes[2].1) / 3.0);
    for (d, (i, j)) in DYADS.iter().enumerate() {
        let ((x1, y1), (x2, y2)) = (nodes[*i], nodes[*j]);
        let (colour, width, dash) = sign_style(p.signs[d]);
        svg.line(x1, y1, x2, y2, colour, width, dash);
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let (dx, dy) = (mx - centroid.0, my - centroid.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (lx, ly) = (mx + dx / len * 22.0, my + dy / len * 22.0 + 4.0);
        let anchor = if dx / len < -0.3 {
            Anchor::End
        } else if dx / len > 0.3 {
            Anchor::Start
        } else {
            Anchor::Middle
        };
        let sign = match p.signs[d] {
            Sign::Positive => "+",
            Sign::Negative => "−",
            Sign::Ambiguous => "?",
        };
        let z = p.z[d].map_or("no score".to_owned(), |z| format!("z {}", format!("{z:+.2}").replace('-', "−")));
        svg.text(lx, ly, &format!("{sign}  {}  ({z})", num(p.scores[d], 2, "–").replace('-', "−")), 13.0, anchor, colour, true);
    }
    for (k, (x, y)) in nodes.iter().enumerate() {
        svg.circle(*x, *y, 40.0, "#f1f5f9", "#334155", 2.0);
        svg.text(*x, y + 7.0, &act[k], 20.0, Anchor::Middle, TEXT, true);
        let role_y = if k == 0 { y - 52.0 } else { y + 64.0 };
        svg.text(*x, role_y, p.roles[k].name(), 14.0, Anchor::Middle, "#334155", false);
    }
    legend(
        &mut svg,
        40.0,
        640.0,
        536.0,
        &[
            (Swatch::Line(POSITIVE, None), "+ positive tie"),
            (Swatch::Line(NEGATIVE, Some("12 8")), "− negative tie"),
            (Swatch::Line(AMBIGUOUS, None), "? ambiguous or no score"),
        ],
    );
    Ok(Chart { title: title.clone(), width: svg.width(), height: svg.height(), svg: svg.finish(&title) })
}

/// Colour of a configuration in the timeline band.
pub fn configuration_colour(c: Configuration) -> &'static str {
    match c {
        Configuration::MenageATrois => "#2e7d32",
        Configuration::RomanticTriangle => "#1565c0",
        Configuration::StableMarriage => "#f9a825",
        Configuration::UnitVeto => "#c62828",
        Configuration::Indeterminate => "#e0e0e0",
    }
}

fn configuration_short(c: Configuration) -> &'static str {
    match c {
        Configuration::MenageATrois => "M3",
        Configuration::RomanticTriangle => "RT",
        Configuration::StableMarriage => "SM",
        Configuration::UnitVeto => "UV",
        Configuration::Indeterminate => "?",
    }
}

/// The triangle timeline: one row per tie with its sign in each period,
/// change points of each tie (`changes`, indices into `timeline.points`,
/// e.g. from [`timeline_change_points`]) as dark bars, and a band with the
/// configuration of each period.
pub fn timeline_chart(timeline: &Timeline, changes: &[Vec<usize>; 3]) -> Result<Chart, ReportError> {
    let n = timeline.points.len();
    if n == 0 {
        return Err(ReportError::Empty("the triangle timeline has no periods".into()));
    }
    let act = &timeline.actors;
    let title = format!("{}–{}–{}: ties and configuration per period", act[0], act[1], act[2]);
    let label_w = 150.0;
    let cell = (740.0 / n as f64).clamp(10.0, 56.0);
    let width = (label_w + cell * n as f64 + 30.0).max(700.0);
    let mut svg = Svg::new(width, 300.0);
    svg.text(20.0, 26.0, &title, 16.0, Anchor::Start, TEXT, true);
    svg.text(20.0, 45.0, "Each cell: the tie's sign (+ above, − below the dead band, ? inside or no score); dark bars: change points", 11.0, Anchor::Start, MUTED, false);
    let xs = XBands::new(label_w, cell * n as f64, n);
    let row_h = 30.0;
    let mut y = 66.0;
    for (d, (i, j)) in DYADS.iter().enumerate() {
        svg.text(label_w - 10.0, y + 20.0, &format!("{}–{}", act[*i], act[*j]), 13.0, Anchor::End, TEXT, true);
        for (t, p) in timeline.points.iter().enumerate() {
            let (colour, _, _) = sign_style(p.signs[d]);
            let fill = match p.signs[d] {
                Sign::Positive => "#a5d6a7",
                Sign::Negative => "#ef9a9a",
                Sign::Ambiguous => "#eeeeee",
            };
            svg.rect(xs.edge(t) + 1.0, y, cell - 2.0, row_h - 2.0, fill, None);
            if cell >= 16.0 {
                let sym = match p.signs[d] {
                    Sign::Positive => "+",
                    Sign::Negative => "−",
                    Sign::Ambiguous => "?",
                };
                svg.text(xs.centre(t), y + 20.0, sym, 15.0, Anchor::Middle, colour, true);
            }
        }
        for &c in &changes[d] {
            if c < n {
                svg.rect(xs.edge(c) - 2.0, y - 3.0, 4.0, row_h + 4.0, CHANGE, None);
            }
        }
        y += row_h + 4.0;
    }
    y += 8.0;
    svg.text(label_w - 10.0, y + 20.0, "configuration", 13.0, Anchor::End, TEXT, true);
    for (t, p) in timeline.points.iter().enumerate() {
        svg.rect(xs.edge(t) + 1.0, y, cell - 2.0, row_h - 2.0, configuration_colour(p.configuration), None);
        if cell >= 24.0 {
            let fg = if p.configuration == Configuration::Indeterminate || p.configuration == Configuration::StableMarriage { TEXT } else { "#ffffff" };
            svg.text(xs.centre(t), y + 19.0, configuration_short(p.configuration), 11.0, Anchor::Middle, fg, true);
        }
    }
    let labels: Vec<String> = timeline.points.iter().map(|p| p.period.clone()).collect();
    x_labels(&mut svg, &xs, &labels, y + row_h + 22.0);
    let configs = [
        Configuration::MenageATrois,
        Configuration::RomanticTriangle,
        Configuration::StableMarriage,
        Configuration::UnitVeto,
        Configuration::Indeterminate,
    ];
    let names: Vec<String> = configs.iter().map(|c| format!("{} {}", configuration_short(*c), c.name())).collect();
    let mut refs: Vec<(Swatch<'_>, &str)> =
        configs.iter().zip(&names).map(|(c, l)| (Swatch::Box(configuration_colour(*c)), l.as_str())).collect();
    refs.push((Swatch::Box(CHANGE), "change point"));
    legend(&mut svg, 20.0, width - 20.0, y + row_h + 56.0, &refs);
    Ok(Chart { title: title.clone(), width: svg.width(), height: svg.height(), svg: svg.finish(&title) })
}
