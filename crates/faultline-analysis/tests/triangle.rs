//! Strategic triangles: Dittmer's configurations and roles on worked examples.

use faultline_analysis::triangle::{classify, timeline, Centre, Configuration, Role, Sign, TriangleOptions};

use Sign::{Ambiguous as Q, Negative as N, Positive as P};

#[test]
fn configurations_and_roles() {
    // Dyad order: x–y, x–z, y–z.
    assert_eq!(classify([P, P, P]), (Configuration::MenageATrois, [Role::Friend; 3]));
    assert_eq!(classify([N, N, N]), (Configuration::UnitVeto, [Role::Foe; 3]));
    // x–y +, x–z +, y–z −: x is the pivot, y and z the wings.
    assert_eq!(classify([P, P, N]), (Configuration::RomanticTriangle, [Role::Pivot, Role::Wing, Role::Wing]));
    // x–z −: y pivots between x and z.
    assert_eq!(classify([P, N, P]), (Configuration::RomanticTriangle, [Role::Wing, Role::Pivot, Role::Wing]));
    // Only y–z positive: x is the outcast.
    assert_eq!(classify([N, N, P]), (Configuration::StableMarriage, [Role::Outcast, Role::Partner, Role::Partner]));
    assert_eq!(classify([N, P, N]), (Configuration::StableMarriage, [Role::Partner, Role::Outcast, Role::Partner]));
    assert_eq!(classify([P, Q, N]).0, Configuration::Indeterminate);
    // Role scores order the positions: pivot > friend > partner > wing > foe > outcast.
    let order = [Role::Pivot, Role::Friend, Role::Partner, Role::Wing, Role::Foe, Role::Outcast];
    let scores: Vec<i32> = order.iter().map(|r| r.score().unwrap()).collect();
    assert_eq!(scores, [3, 2, 1, 0, -1, -2]);
    assert_eq!(Role::Undetermined.score(), None);
}

#[test]
fn standardisation_dead_band_and_transitions() {
    let periods: Vec<String> = ["2012", "2013", "2014", "2015"].map(String::from).to_vec();
    // USA–CHN, USA–RUS, CHN–RUS.
    let scores = [
        vec![Some(1.0), Some(1.0), Some(-1.0), None],
        vec![Some(1.0), Some(-2.0), Some(-2.0), Some(-2.0)],
        vec![Some(2.0), Some(0.1), Some(2.0), Some(2.0)],
    ];
    let actors = ["USA", "CHN", "RUS"].map(String::from);
    let tl = timeline(actors.clone(), &periods, &scores, &TriangleOptions::default()).unwrap();
    // Pooled sd of the 11 scores.
    let all = [1.0, 1.0, -1.0, 1.0, -2.0, -2.0, -2.0, 2.0, 0.1, 2.0, 2.0];
    let mean = all.iter().sum::<f64>() / 11.0;
    let sd = (all.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / 10.0).sqrt();
    assert!((tl.scale - sd).abs() < 1e-12 && tl.centre == 0.0);
    assert!((tl.points[0].z[2].unwrap() - 2.0 / sd).abs() < 1e-12);
    let configs: Vec<Configuration> = tl.points.iter().map(|p| p.configuration).collect();
    assert_eq!(
        configs,
        [
            Configuration::MenageATrois,
            Configuration::Indeterminate, // CHN–RUS 0.1 is inside the dead band
            Configuration::StableMarriage,
            Configuration::Indeterminate, // no USA–CHN score
        ]
    );
    assert_eq!(tl.points[2].roles, [Role::Outcast, Role::Partner, Role::Partner]);
    assert_eq!(tl.transitions.len(), 3);
    assert_eq!((tl.transitions[1].period.as_str(), tl.transitions[1].to), ("2014", Configuration::StableMarriage));
    // Without a dead band, 0.1 is positive: 2013 becomes a romantic triangle with RUS… no: USA–RUS −,
    // USA–CHN +, CHN–RUS +: CHN is the pivot.
    let no_band = TriangleOptions { dead_band: 0.0, ..TriangleOptions::default() };
    let tl0 = timeline(actors.clone(), &periods, &scores, &no_band).unwrap();
    assert_eq!(tl0.points[1].roles, [Role::Wing, Role::Pivot, Role::Wing]);
    // Centred on the mean instead of 0.
    let centred = TriangleOptions { centre: Centre::Mean, dead_band: 0.0 };
    let tlm = timeline(actors.clone(), &periods, &scores, &centred).unwrap();
    assert!((tlm.centre - mean).abs() < 1e-12);
    // Bad requests are errors.
    let dup = ["USA", "USA", "RUS"].map(String::from);
    assert!(timeline(dup, &periods, &scores, &TriangleOptions::default()).is_err());
    let short = [vec![Some(1.0)], vec![Some(1.0)], vec![Some(1.0)]];
    assert!(timeline(actors.clone(), &periods, &short, &TriangleOptions::default()).is_err());
    let bad_band = TriangleOptions { dead_band: f64::NAN, ..TriangleOptions::default() };
    assert!(timeline(actors, &periods, &scores, &bad_band).is_err());
}
