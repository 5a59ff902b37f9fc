//! Rift alerts on a constructed triangle: China–Russia cooperation drops in
//! 2023 while US ties to both hold.

use faultline_analysis::rifts::{find_drops, find_rifts, RiftOptions, Trigger};
use faultline_analysis::{Dyad, DyadTable, EventFilter, EventRecord, Period};

fn ev(n: usize, date: String, s: &str, t: &str, g: f64) -> EventRecord {
    EventRecord {
        id: format!("e{n}"),
        date: date.parse().unwrap(),
        source: s.into(),
        target: t.into(),
        source_sectors: vec![],
        target_sectors: vec![],
        cameo: "040".into(),
        quad: Some(if g >= 0.0 { 1 } else { 3 }),
        goldstein: Some(g),
        modality: "asserted".into(),
        doc_id: None,
        evidence: Some(format!("sentence {n}")),
    }
}

/// 24 months of 2022–2023. CHN–RUS: +5 in 2022, −3 from 2023-01 (with one
/// −9 "cancellation" in 2023-02). USA–CHN and USA–RUS: steady (or rising).
fn world(us_russia_falls: bool) -> Vec<EventRecord> {
    let mut v = Vec::new();
    let mut n = 0;
    for m in 0..24 {
        let date = format!("{}-{:02}-15", 2022 + m / 12, m % 12 + 1);
        let wobble = if m % 2 == 0 { 0.3 } else { -0.3 };
        let cr = if m < 12 { 5.0 } else { -3.0 } + wobble;
        for (s, t, g) in [
            ("CHN", "RUS", cr),
            ("RUS", "CHN", cr),
            ("USA", "CHN", -1.0 + wobble + if m >= 12 { 0.5 } else { 0.0 }),
            ("USA", "RUS", if us_russia_falls && m >= 12 { -8.0 } else { -2.0 - wobble }),
        ] {
            n += 1;
            v.push(ev(n, date.clone(), s, t, g));
        }
    }
    n += 1;
    v.push(ev(n, "2023-02-20".into(), "RUS", "CHN", -9.0));
    v
}

#[test]
fn alert_when_partners_drop_and_third_holds() {
    let events = world(false);
    let table = DyadTable::from_events(Period::Month, &EventFilter::default(), &events);
    let (first, last) = table.span().unwrap();
    let cr = Dyad::new("CHN", "RUS", false).unwrap();
    let drops = find_drops(&table, &cr, first, last, &RiftOptions::default());
    assert_eq!(drops.len(), 1, "{drops:?}");
    assert_eq!((drops[0].period.label(), drops[0].trigger), ("2023-01".to_owned(), Trigger::ChangePoint));
    assert!(drops[0].before > 4.0 && drops[0].after < -2.0);

    let actors = ["USA", "CHN", "RUS"].map(String::from);
    let alerts = find_rifts(&table, &actors, first, last, &events, &RiftOptions::default());
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let a = &alerts[0];
    assert_eq!((a.drop.dyad.a.as_str(), a.drop.dyad.b.as_str(), a.third.actor.as_str()), ("CHN", "RUS", "USA"));
    // The −9 event pulled hardest; evidence text comes along.
    assert_eq!(a.evidence[0].event.goldstein, Some(-9.0));
    assert!(a.evidence[0].event.evidence.as_deref().unwrap().starts_with("sentence"));
    assert!(a.evidence.windows(2).all(|w| w[0].pull <= w[1].pull));
    assert_eq!(a.evidence.len(), 5);
    // The third's ties held: after ≥ before − tolerance.
    assert!(a.third.with_a.1 >= a.third.with_a.0 - 0.5 && a.third.with_b.1 >= a.third.with_b.0 - 0.5);
}

#[test]
fn no_alert_when_third_ties_fall_too() {
    let events = world(true);
    let table = DyadTable::from_events(Period::Month, &EventFilter::default(), &events);
    let (first, last) = table.span().unwrap();
    let actors = ["USA", "CHN", "RUS"].map(String::from);
    let alerts = find_rifts(&table, &actors, first, last, &events, &RiftOptions::default());
    // CHN–RUS drops but USA–RUS falls as well: no wedge. USA–RUS's own drop
    // does not hold for CHN (CHN–RUS fell). No alerts.
    assert!(alerts.is_empty(), "{alerts:?}");
}

#[test]
fn threshold_trigger_without_change_point() {
    // A gentle slide no change point catches with a huge penalty; the
    // threshold trigger still reports it once.
    let mut events = Vec::new();
    for m in 0..24 {
        let date = format!("{}-{:02}-10", 2020 + m / 12, m % 12 + 1);
        let level = if m < 12 { 4.0 } else { 0.0 };
        events.push(ev(m, date, "CHN", "RUS", level + if m % 2 == 0 { 0.5 } else { -0.5 }));
    }
    let table = DyadTable::from_events(Period::Month, &EventFilter::default(), &events);
    let (first, last) = table.span().unwrap();
    let opts = RiftOptions {
        pelt: faultline_analysis::changepoint::PeltOptions { penalty: Some(1e9), ..Default::default() },
        ..RiftOptions::default()
    };
    let drops = find_drops(&table, &Dyad::new("CHN", "RUS", false).unwrap(), first, last, &opts);
    assert_eq!(drops.len(), 1, "{drops:?}");
    assert_eq!((drops[0].trigger, drops[0].period.label()), (Trigger::Threshold, "2021-01".to_owned()));
}
