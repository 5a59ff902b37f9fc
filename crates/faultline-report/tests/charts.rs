//! The charts and the report on hand-made analytics: what is drawn where,
//! determinism, PNG output, escaping, and errors instead of panics.

use faultline_analysis::rifts::{Drop, MovingEvent, RiftAlert, ThirdTies, Trigger};
use faultline_analysis::triangle::{timeline, Centre, Sign, TriangleOptions};
use faultline_analysis::votes::read_str;
use faultline_analysis::{Dyad, DyadSeries, DyadTable, EventFilter, EventRecord, Period};
use faultline_report::charts::{dyad_chart, gap_chart, series_change_points, timeline_chart, triangle_chart, votes_chart};
use faultline_report::html::{DyadSection, Evidence, RiftSection, VotesSection};
use faultline_report::{Format, Report, ReportError};

fn ev(date: &str, s: &str, t: &str, quad: u8, g: f64) -> EventRecord {
    EventRecord {
        id: format!("{date}-{s}-{t}-{quad}"),
        date: date.parse().unwrap(),
        source: s.into(),
        target: t.into(),
        source_sectors: vec![],
        target_sectors: vec![],
        cameo: "040".into(),
        quad: Some(quad),
        goldstein: Some(g),
        modality: "asserted".into(),
        doc_id: Some(format!("doc-{date}")),
        evidence: Some(format!("{s} <met> {t} & talked.")),
    }
}

/// Twelve years of CHN–RUS: warm for six, then cold (a clear change point).
fn events() -> Vec<EventRecord> {
    let mut v = Vec::new();
    for y in 2010..2022 {
        let warm = y < 2016;
        for m in [2, 5, 8, 11] {
            let d = format!("{y}-{m:02}-10");
            v.push(ev(&d, "CHN", "RUS", if warm { 1 } else { 3 }, if warm { 5.0 } else { -4.0 }));
            v.push(ev(&d, "USA", "CHN", 3, -2.0));
            v.push(ev(&d, "USA", "RUS", 2, 3.0));
        }
    }
    v
}

fn series(period: Period) -> DyadSeries {
    let table = DyadTable::from_events(period, &EventFilter::default(), &events());
    table.series(&Dyad::new("CHN", "RUS", false).unwrap(), None, None)
}

#[test]
fn dyad_chart_marks_the_change_point_and_draws_every_bar() {
    let s = series(Period::Year);
    let cps = series_change_points(&s);
    assert_eq!(cps, [6], "the change is in 2016");
    let chart = dyad_chart(&s, &cps).unwrap();
    assert!(chart.svg.contains(">change 2016</text>"));
    // One bar per year (one quad class each) plus the background and legend swatches.
    let bars = chart.svg.matches("<rect").count();
    assert!(bars >= 12 + 1 + 4, "{bars} rects");
    assert_eq!(chart.svg.matches("stroke-dasharray=\"5 4\"").count(), 3, "one marker in each of the two panels, and the legend swatch");
    assert!(chart.svg.contains("48 events"));
    assert_eq!(chart.svg, dyad_chart(&s, &cps).unwrap().svg);
}

#[test]
fn gap_chart_has_three_panels() {
    let s = series(Period::Quarter);
    let chart = gap_chart(&s, &[]).unwrap();
    for panel in ["Cooperation: verbal", "Conflict: verbal", "Gap index"] {
        assert!(chart.svg.contains(panel), "{panel}");
    }
    // 24 words-only cooperation periods, 24 verbal-conflict ones: gap +1 throughout.
    assert!(chart.svg.contains("cooperation: 24 verbal vs 0 material, gap 1.00"));
}

#[test]
fn triangle_edges_follow_the_signs() {
    let actors = ["USA".to_string(), "CHN".to_string(), "RUS".to_string()];
    let periods = vec!["2020".to_string(), "2021".to_string()];
    // USA–CHN negative, USA–RUS no score, CHN–RUS positive in 2021.
    let scores = [vec![Some(-3.0), Some(-3.0)], vec![Some(2.0), None], vec![Some(4.0), Some(4.0)]];
    let tl = timeline(actors, &periods, &scores, &TriangleOptions { centre: Centre::Value(0.0), dead_band: 0.25 }).unwrap();
    assert_eq!(tl.points[1].signs, [Sign::Negative, Sign::Ambiguous, Sign::Positive]);
    let svg = triangle_chart(&tl, 1).unwrap().svg;
    assert!(svg.contains("in 2021: indeterminate"));
    assert!(svg.contains(r##"stroke="#c62828" stroke-width="5" stroke-dasharray="12 8""##), "dashed red negative tie");
    assert!(svg.contains(r##"stroke="#9e9e9e" stroke-width="3"/>"##), "grey ambiguous tie");
    assert!(svg.contains(r##"stroke="#2e7d32" stroke-width="5"/>"##), "solid green positive tie");
    let svg2020 = triangle_chart(&tl, 0).unwrap().svg;
    // Two positive ties meeting at RUS, USA–CHN negative: a romantic triangle with RUS the pivot.
    assert!(svg2020.contains("romantic triangle") && svg2020.contains(">pivot</text>") && svg2020.matches(">wing</text>").count() == 2);
    assert!(matches!(triangle_chart(&tl, 2), Err(ReportError::Invalid(_))));
    let tchart = timeline_chart(&tl, &[vec![], vec![], vec![1]]).unwrap();
    assert!(tchart.svg.contains(">RT</text>") && tchart.svg.contains("USA–CHN"));
}

#[test]
fn votes_chart_has_a_panel_per_pair() {
    let rc = "rcid,session,importantvote,date\n1,70,0,2015-10-01\n2,71,0,2016-10-01\n";
    let votes = "rcid,country,country_code,vote\n1,A,US,yes\n1,B,CN,no\n1,C,RU,no\n2,A,US,no\n2,B,CN,yes\n2,C,RU,yes\n";
    let data = read_str(votes, "v.csv", rc, "rc.csv").unwrap();
    let rows = data.affinity_table(&["USA", "CHN", "RUS"], faultline_analysis::votes::VotePeriod::Session, None, None, false);
    let chart = votes_chart(&rows, "session").unwrap();
    for pair in ["USA–CHN", "USA–RUS", "CHN–RUS"] {
        assert!(chart.svg.contains(&format!(">{pair}</text>")), "{pair}");
    }
    assert!(matches!(votes_chart(&[], "session"), Err(ReportError::Empty(_))));
}

#[test]
fn empty_series_is_an_error_not_a_panic() {
    let table = DyadTable::new(Period::Month);
    let s = table.series(&Dyad::new("CHN", "RUS", false).unwrap(), None, None);
    assert!(matches!(dyad_chart(&s, &[]), Err(ReportError::Empty(_))));
    assert!(matches!(gap_chart(&s, &[]), Err(ReportError::Empty(_))));
    // A change point beyond the series is ignored, not a panic.
    assert!(dyad_chart(&series(Period::Year), &[99]).is_ok());
}

#[test]
fn png_is_decodable_and_deterministic() {
    let chart = dyad_chart(&series(Period::Year), &[6]).unwrap();
    let png = chart.to_png().unwrap();
    assert_eq!(png, chart.encode(Format::Png).unwrap());
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), ((chart.width * 2.0) as u32, (chart.height * 2.0) as u32));
    assert!(Format::from_path(std::path::Path::new("a.PNG")).is_ok());
    assert!(matches!(Format::from_path(std::path::Path::new("a.gif")), Err(ReportError::UnknownFormat { .. })));
    let err = chart.write(std::path::Path::new("/nonexistent-dir/chart.svg")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent-dir/chart.svg"));
}

#[test]
fn report_escapes_data_and_lists_evidence() {
    let all = events();
    let table = DyadTable::from_events(Period::Year, &EventFilter::default(), &all);
    let d = Dyad::new("CHN", "RUS", false).unwrap();
    let s = table.series(&d, None, None);
    let bad = &all[all.len() - 3];
    let alert = RiftAlert {
        drop: Drop {
            dyad: d.clone(),
            period: s.points[6].period,
            trigger: Trigger::ChangePoint,
            before: 5.0,
            after: -4.0,
            window_start: s.points[2].period,
            window_end: s.points[9].period,
        },
        third: ThirdTies { actor: "USA".into(), with_a: (-2.0, -2.0), with_b: (3.0, 3.0) },
        evidence: vec![MovingEvent { pull: -9.0, event: bad.clone() }],
    };
    let sentence = "China <met> Russia & talked.".to_string();
    let evidence = [(
        bad.id.clone(),
        Evidence { doc_id: Some("doc<1>".into()), date: Some("2021-11-10".into()), title: Some("A \"title\"".into()), sentence: Some(sentence), trigger: Some((6, 11)) },
    )]
    .into_iter()
    .collect();
    let rows = read_str("rcid,country,country_code,vote\n1,A,CN,yes\n1,B,RU,yes\n", "v", "rcid,session,importantvote,date\n1,70,0,2015-10-01\n", "r")
        .unwrap()
        .affinity_table(&["CHN", "RUS"], faultline_analysis::votes::VotePeriod::Session, None, None, false);
    let report = Report {
        title: "CHN & RUS <test>".into(),
        info: vec![("Database".into(), "x<y>.db".into())],
        dyads: vec![DyadSection { series: s.clone(), yearly: s }],
        votes: Some(VotesSection { rows, period_name: "session".into() }),
        triangle: None,
        rifts: Some(RiftSection { actors: vec!["USA".into(), "CHN".into(), "RUS".into()], alerts: vec![alert], evidence }),
    };
    let html = report.to_html().unwrap();
    assert!(html.contains("<h1>CHN &amp; RUS &lt;test&gt;</h1>"));
    assert!(html.contains("<dd>x&lt;y&gt;.db</dd>"));
    assert!(html.contains("China <mark>&lt;met&gt;</mark> Russia &amp; talked."));
    assert!(html.contains("document <code>doc&lt;1&gt;</code> · 2021-11-10 · “A &quot;title&quot;”"));
    assert!(html.contains("id=\"dyad-CHN-RUS\"") && html.contains("id=\"gap-CHN-RUS\"") && html.contains("id=\"votes\""));
    assert!(html.contains("No triangle requested."));
    assert!(!html.contains("https://") && !html.contains("<script") && !html.contains("<link"));
    assert_eq!(html, report.to_html().unwrap());
}
