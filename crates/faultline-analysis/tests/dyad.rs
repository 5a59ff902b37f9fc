//! Dyad series, filters, volume normalisation and the says-vs-does gap on
//! small worked examples.

use faultline_analysis::gap::{gap_index, gap_series, Gap};
use faultline_analysis::{AnalysisError, Dyad, DyadTable, EventFilter, EventRecord, MonthRow, Period, Tally};

#[allow(clippy::too_many_arguments)]
fn ev(id: &str, date: &str, s: &str, t: &str, quad: u8, g: f64, sectors: &str, doc: &str) -> EventRecord {
    let sec = |x: &str| if x.is_empty() { vec![] } else { x.split(',').map(String::from).collect() };
    EventRecord {
        id: id.into(),
        date: date.parse().unwrap(),
        source: s.into(),
        target: t.into(),
        source_sectors: sec(sectors),
        target_sectors: sec(sectors),
        cameo: format!("0{quad}0"),
        quad: Some(quad),
        goldstein: Some(g),
        modality: if id.ends_with('f') { "future".into() } else { "asserted".into() },
        doc_id: Some(doc.into()),
        evidence: Some(format!("evidence of {id}")),
    }
}

fn sample() -> Vec<EventRecord> {
    vec![
        ev("1", "2022-01-05", "RUS", "CHN", 1, 3.0, "GOV", "d1"),
        ev("2", "2022-01-05", "RUS", "CHN", 1, 3.0, "GOV", "d2"), // same event, second source
        ev("3", "2022-01-20", "CHN", "RUS", 2, 7.0, "", "d3"),
        ev("4", "2022-01-21", "CHN", "USA", 3, -4.0, "GOV", "d3"),
        ev("5", "2022-03-02", "CHN", "RUS", 4, -10.0, "MIL", "d4"),
        ev("6f", "2022-03-09", "RUS", "CHN", 1, 4.0, "GOV", "d5"),
        ev("7", "2022-03-10", "USA", "IND", 1, 1.0, "GOV", "d6"), // involves neither
    ]
}

fn chn_rus(directed: bool) -> Dyad {
    Dyad::new("CHN", "RUS", directed).unwrap()
}

#[test]
fn monthly_series_by_hand() {
    let table = DyadTable::from_events(Period::Month, &EventFilter::default(), &sample());
    let s = table.series(&chn_rus(false), None, None);
    let labels: Vec<String> = s.points.iter().map(|p| p.period.label()).collect();
    assert_eq!(labels, ["2022-01", "2022-02", "2022-03"]);
    let jan = &s.points[0];
    // Events 1, 2, 3: Goldstein 3 + 3 + 7 = 13 over 3.
    assert_eq!((jan.tally.n, jan.tally.quad, jan.tally.goldstein_sum), (3, [2, 1, 0, 0], 13.0));
    assert_eq!(jan.goldstein_mean, Some(13.0 / 3.0));
    // Volume: events 1–4 involve CHN or RUS; 1000 · 3/4.
    assert_eq!(jan.volume, 4);
    assert_eq!(jan.events_per_1000, Some(750.0));
    assert_eq!(jan.goldstein_per_1000, Some(13000.0 / 4.0));
    // February is empty: zero counts, no mean, no normalised values.
    let feb = &s.points[1];
    assert_eq!((feb.tally.n, feb.goldstein_mean, feb.volume, feb.events_per_1000), (0, None, 0, None));
    let mar = &s.points[2];
    assert_eq!((mar.tally.n, mar.goldstein_mean), (2, Some(-3.0)));
    // Directed CHN → RUS only: events 3 and 5.
    let d = table.series(&chn_rus(true), None, None);
    assert_eq!(d.points.iter().map(|p| p.tally.n).collect::<Vec<_>>(), [1, 0, 1]);
    // Quarters and years sum the months.
    let q = DyadTable::from_events(Period::Quarter, &EventFilter::default(), &sample()).series(&chn_rus(false), None, None);
    assert_eq!((q.points.len(), q.points[0].period.label(), q.points[0].tally.n), (1, "2022-Q1".to_owned(), 5));
    assert_eq!(q.points[0].goldstein_mean, Some(7.0 / 5.0));
}

#[test]
fn weeks_and_explicit_bounds_fill_empty_periods() {
    let table = DyadTable::from_events(Period::Week, &EventFilter::default(), &sample());
    let s = table.series(&chn_rus(false), None, None);
    // 2022-01-05 (W01) … 2022-03-10 (W10): ten weeks, all present.
    assert_eq!(s.points.first().unwrap().period.label(), "2022-W01");
    assert_eq!(s.points.len(), 10);
    assert_eq!(s.points.iter().map(|p| p.tally.n).sum::<u64>(), 5);
    assert!(s.points.iter().filter(|p| p.tally.n == 0).all(|p| p.goldstein_mean.is_none()));
    // A dyad with no events at all over explicit bounds: zeros, never NaN.
    let m = DyadTable::from_events(Period::Month, &EventFilter::default(), &sample());
    let (lo, hi) = faultline_analysis::dyad::bounds(Period::Month, "2021-11-15".parse().ok(), "2022-02-01".parse().ok());
    let none = m.series(&Dyad::new("USA", "RUS", false).unwrap(), lo, hi);
    assert_eq!(none.points.len(), 4);
    assert!(none.points.iter().all(|p| p.tally.n == 0 && p.goldstein_mean.is_none()));
    let json = serde_json::to_string(&none).unwrap();
    assert!(!json.contains("NaN") && json.contains("\"goldstein_mean\":null"), "{json}");
    // An empty table without bounds gives an empty series, not a panic.
    let empty = DyadTable::from_events(Period::Month, &EventFilter::default(), &[]);
    assert!(empty.series(&chn_rus(false), None, None).points.is_empty());
}

#[test]
fn filters() {
    let gov = EventFilter { sectors: vec!["GOV".into()], ..EventFilter::default() };
    let t = DyadTable::from_events(Period::Year, &gov, &sample());
    // Events 1, 2, 6f (RUS GOV → CHN GOV); 3 has bare states, 5 is military.
    assert_eq!(t.series(&chn_rus(false), None, None).points[0].tally.n, 3);
    let gov_or_state = EventFilter { sectors: vec!["GOV".into(), "-".into()], ..EventFilter::default() };
    assert_eq!(DyadTable::from_events(Period::Year, &gov_or_state, &sample()).series(&chn_rus(false), None, None).points[0].tally.n, 4);
    let asserted = EventFilter { modalities: vec!["asserted".into()], ..EventFilter::default() };
    assert_eq!(DyadTable::from_events(Period::Year, &asserted, &sample()).series(&chn_rus(false), None, None).points[0].tally.n, 4);
    let dates = EventFilter { from: "2022-01-06".parse().ok(), to: "2022-03-02".parse().ok(), ..EventFilter::default() };
    assert_eq!(DyadTable::from_events(Period::Year, &dates, &sample()).series(&chn_rus(false), None, None).points[0].tally.n, 2);
    // Two documents report event 1/2: it is one event with two sources.
    let two = EventFilter { min_sources: Some(2), ..EventFilter::default() };
    let p = DyadTable::from_events(Period::Year, &two, &sample()).series(&chn_rus(false), None, None);
    assert_eq!((p.points[0].tally.n, p.points[0].goldstein_mean), (1, Some(3.0)));
    let one = EventFilter { min_sources: Some(1), ..EventFilter::default() };
    assert_eq!(DyadTable::from_events(Period::Year, &one, &sample()).series(&chn_rus(false), None, None).points[0].tally.n, 4);
}

#[test]
fn monthly_aggregate_matches_events() {
    let events = sample();
    let by_events = DyadTable::from_events(Period::Quarter, &EventFilter::default(), &events);
    // Build the store's dyad_month rows from the same events.
    let mut rows: Vec<MonthRow> = Vec::new();
    for e in &events {
        let t = Tally::event(e.quad, e.goldstein);
        match rows.iter_mut().find(|r| r.source == e.source && r.target == e.target && r.month == e.date.month()) {
            Some(r) => r.tally.add(&t),
            None => rows.push(MonthRow {
                source: e.source.clone(),
                target: e.target.clone(),
                year: e.date.year(),
                month: e.date.month(),
                tally: Tally { quad_goldstein: None, ..t },
            }),
        }
    }
    let by_months = DyadTable::from_months(Period::Quarter, None, None, &rows).unwrap();
    let a = by_events.series(&chn_rus(false), None, None);
    let b = by_months.series(&chn_rus(false), None, None);
    assert_eq!(a.points.len(), b.points.len());
    for (x, y) in a.points.iter().zip(&b.points) {
        assert_eq!((x.tally.n, x.tally.quad, x.volume), (y.tally.n, y.tally.quad, y.volume));
        assert_eq!(x.goldstein_mean, y.goldstein_mean);
    }
    // Monthly rows do not carry per-class Goldstein sums: no weighted gap.
    assert_eq!(Gap::of(&b.points[0].tally).coop_gap_weighted, None);
    assert!(matches!(DyadTable::from_months(Period::Week, None, None, &rows), Err(AnalysisError::Invalid(_))));
}

#[test]
fn says_vs_does_gap() {
    assert_eq!(gap_index(3.0, 1.0), Some(0.5));
    assert_eq!(gap_index(0.0, 0.0), None);
    assert_eq!(gap_index(0.0, 2.0), Some(-1.0));
    let table = DyadTable::from_events(Period::Month, &EventFilter::default(), &sample());
    let (points, total) = gap_series(&table.series(&chn_rus(false), None, None));
    // January: VC 2 (3 + 3), MC 1 (7): (2 − 1)/3 counts; (6 − 7)/13 weighted.
    assert_eq!(points[0].gap.coop_gap, Some(1.0 / 3.0));
    assert_eq!(points[0].gap.coop_gap_weighted, Some(-1.0 / 13.0));
    assert_eq!(points[0].gap.conflict_gap, None);
    assert_eq!(points[1].gap.coop_gap, None); // empty February
    // March: VC 1 (event 6f), MK 1: conflict gap (0 − 1)/1 = −1, coop gap (1 − 0)/1.
    assert_eq!((points[2].gap.coop_gap, points[2].gap.conflict_gap), (Some(1.0), Some(-1.0)));
    // Whole series: VC 3, MC 1.
    assert_eq!((total.verbal_coop, total.material_coop, total.coop_gap), (3, 1, Some(0.5)));
}

#[test]
fn bad_actor_codes_are_clear_errors() {
    let e = Dyad::new("USA", "XYZ", false).unwrap_err();
    assert_eq!(e.to_string(), "unknown country code `XYZ`: expected an ISO 3166-1 alpha-3 code such as USA, CHN or RUS");
    assert!(Dyad::new("usa", "usa", true).unwrap_err().to_string().contains("two different states"));
    assert_eq!(Dyad::new("usa", "chn", true).unwrap().a, "USA");
}
