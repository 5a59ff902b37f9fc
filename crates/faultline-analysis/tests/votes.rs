//! UN vote affinity: worked examples by hand, malformed input, and the real
//! session-74 values checked against an independent reimplementation.

use std::collections::HashMap;

use faultline_analysis::votes::{affinity, read_str, Vote, VoteData, VotePeriod};
use faultline_analysis::AnalysisError;

use Vote::{Abstain as A, No as N, Yes as Y};

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn worked_example_mixed_votes() {
    // Codes (1,1) (1,2) (3,1) (2,2): d = 0+1+2+0 = 3, d_max = 2·4 → S = 1 − 6/8.
    // D_o = (0+1+4+0)/4 = 1.25. Marginals A = (.5,.25,.25), B = (.5,.5,0):
    // D_e(κ) = .5·(.5·0+.5·1) + .25·(.5·1+.5·0) + .25·(.5·4+.5·1) = .25+.125+.625 = 1.
    // Pooled p = (4/8, 3/8, 1/8): D_e(π) = 2(.5·.375·1 + .5·.125·4 + .375·.125·1) = .96875.
    let a = affinity(&[(Y, Y), (Y, A), (N, Y), (A, A)]);
    assert_eq!(a.n, 4);
    assert!(close(a.s, 0.25), "{a:?}");
    assert!(close(a.kappa, 1.0 - 1.25 / 1.0), "{a:?}");
    assert!(close(a.pi, -9.0 / 31.0), "{a:?}");
}

#[test]
fn worked_examples_extremes() {
    let same = affinity(&[(Y, Y), (N, N), (A, A)]);
    assert!(close(same.s, 1.0) && close(same.kappa, 1.0) && close(same.pi, 1.0), "{same:?}");
    // Always opposite: d = 2+2 over d_max 4 → S = −1; D_o = 4, D_e = 2 → κ = π = −1.
    let opp = affinity(&[(Y, N), (N, Y)]);
    assert!(close(opp.s, -1.0) && close(opp.kappa, -1.0) && close(opp.pi, -1.0), "{opp:?}");
    // Both always yes: perfect S, but agreement is entirely expected.
    let yes = affinity(&[(Y, Y), (Y, Y)]);
    assert!(close(yes.s, 1.0));
    assert_eq!((yes.kappa, yes.pi), (None, None));
    let none = affinity(&[]);
    assert_eq!((none.n, none.s, none.kappa, none.pi), (0, None, None, None));
}

const RC: &str = "rcid,session,importantvote,date,unres,amend,para\n\
1.0,74.0,0,2019-10-01,A/RES/74/1,0,0\n\
2.0,74.0,1,2019-11-01,A/RES/74/2,,\n\
3.0,75.0,,2020-10-05,A/RES/75/1,,\n";

#[test]
fn absent_votes_exclude_the_roll_call_for_the_dyad() {
    // CHN absent from roll call 2: US–CN has n = 1 in session 74, US–RU n = 2.
    let votes = "rcid,country,country_code,vote\n1.0,United States,US,yes\n1.0,China,CN,yes\n1.0,Russia,RU,no\n\
                 2.0,United States,US,no\n2.0,Russia,RU,abstain\n3.0,Yemen Arab Republic,,yes\n";
    let data = read_str(votes, "votes.csv", RC, "rc.csv").unwrap();
    let rows = data.affinity_table(&["USA", "CHN", "RUS"], VotePeriod::Session, Some(74), Some(74), false);
    let get = |a: &str, b: &str| rows.iter().find(|r| r.a == a && r.b == b).unwrap().affinity;
    assert_eq!(get("USA", "CHN").n, 1);
    assert_eq!(get("USA", "RUS").n, 2);
    // (1,3) and (3,2): d = 2 + 1 = 3 over d_max 4.
    assert!(close(get("USA", "RUS").s, 1.0 - 2.0 * 3.0 / 4.0));
    assert!(data.has_country("YAR"));
    let by_year = data.affinity_table(&["USA", "RUS"], VotePeriod::Year, None, None, true);
    assert_eq!(by_year.iter().map(|r| (r.period, r.affinity.n)).collect::<Vec<_>>(), [(2019, 1), (2020, 0)]);
    assert_eq!(by_year[1].affinity.s, None);
}

fn err(votes: &str, rc: &str) -> String {
    match read_str(votes, "votes.csv", rc, "rc.csv") {
        Err(e @ AnalysisError::BadRow { .. }) => e.to_string(),
        other => panic!("expected a row error, got {other:?}"),
    }
}

#[test]
fn malformed_rows_are_errors_with_file_and_line() {
    let h = "rcid,country,country_code,vote\n";
    assert_eq!(
        err(&format!("{h}1.0,United States,US,yes\n1.0,China,CN,maybe\n"), RC),
        "votes.csv:3: vote `maybe` is not yes, no or abstain"
    );
    assert_eq!(err(&format!("{h}1.0,Nowhere,QQ,yes\n"), RC), "votes.csv:2: unknown ISO2 country code `QQ` (Nowhere)");
    assert_eq!(err(&format!("{h}x,China,CN,yes\n"), RC), "votes.csv:2: rcid `x` is not a whole number");
    assert_eq!(err(&format!("{h}9.0,China,CN,yes\n"), RC), "votes.csv:2: roll call 9 is not in the roll-call file");
    assert_eq!(err(&format!("{h}1.0,China\n"), RC), "votes.csv:2: missing field `country_code`");
    assert_eq!(err(&format!("{h}1.0,Atlantis,,yes\n"), RC).split(':').nth(1), Some("2"));
    assert_eq!(
        err(&format!("{h}1.0,China,CN,yes\n1.0,China,CN,no\n"), RC),
        "votes.csv:3: CHN has two different votes in roll call 1"
    );
    assert!(err(h, "rcid,session\n").starts_with("rc.csv:1: missing column `importantvote`"));
    let rc_bad_date = "rcid,session,importantvote,date\n1,74,0,2019-10-01\n2,74,0,2019-13-01\n";
    assert!(err(h, rc_bad_date).starts_with("rc.csv:3: date `2019-13-01` is not a YYYY-MM-DD date"));
    let rc_dup = "rcid,session,importantvote,date\n1,74,0,2019-10-01\n1,74,0,2019-10-02\n";
    assert_eq!(err(h, rc_dup), "rc.csv:3: roll call 1 appears twice");
    assert_eq!(err(h, "rcid,session,importantvote,date\n1,74.5,0,2019-10-01\n"), "rc.csv:2: session `74.5` is not a whole number");
}

/// An independent implementation over the raw CSV text: a 3×3 contingency
/// table per dyad, S from its cells, κ and π from weighted cell sums.
fn reference(votes: &str, rc: &str, session: &str, a2: &str, b2: &str) -> (usize, f64, Option<f64>, Option<f64>) {
    // The two files write ids differently (`9057` vs `9057.0`): compare as numbers.
    let id = |s: &str| s.parse::<f64>().unwrap() as i64;
    let rcids: std::collections::HashSet<i64> = rc
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].parse::<f64>().ok()? == session.parse::<f64>().ok()?).then(|| id(f[0]))
        })
        .collect();
    let mut by_rc: HashMap<(i64, &str), i32> = HashMap::new();
    for l in votes.lines().skip(1) {
        let f: Vec<&str> = l.rsplitn(3, ',').collect(); // vote, code, "rcid,country"
        let rcid = id(f[2].split(',').next().unwrap());
        if rcids.contains(&rcid) && (f[1] == a2 || f[1] == b2) {
            let v = match f[0] {
                "yes" => 1,
                "abstain" => 2,
                "no" => 3,
                _ => continue,
            };
            by_rc.insert((rcid, f[1]), v);
        }
    }
    let mut table = [[0.0f64; 3]; 3];
    let mut n = 0;
    for rcid in &rcids {
        if let (Some(x), Some(y)) = (by_rc.get(&(*rcid, a2)), by_rc.get(&(*rcid, b2))) {
            table[(*x - 1) as usize][(*y - 1) as usize] += 1.0;
            n += 1;
        }
    }
    let nf = n as f64;
    let w = |i: usize, j: usize| ((i as f64) - (j as f64)).powi(2);
    let (mut dist, mut obs) = (0.0, 0.0);
    let mut row = [0.0; 3];
    let mut col = [0.0; 3];
    for i in 0..3 {
        for j in 0..3 {
            dist += table[i][j] * (i as f64 - j as f64).abs();
            obs += table[i][j] * w(i, j);
            row[i] += table[i][j];
            col[j] += table[i][j];
        }
    }
    let s = 1.0 - 2.0 * dist / (2.0 * nf);
    let (mut ek, mut ep) = (0.0, 0.0);
    for i in 0..3 {
        for j in 0..3 {
            ek += row[i] * col[j] * w(i, j) / (nf * nf);
            ep += (row[i] + col[i]) * (row[j] + col[j]) * w(i, j) / (4.0 * nf * nf);
        }
    }
    let o = obs / nf;
    (n, s, (ek > 0.0).then(|| 1.0 - o / ek), (ep > 0.0).then(|| 1.0 - o / ep))
}

#[test]
fn session_74_us_china_russia() {
    let (Some(vp), Some(rp)) = (
        faultline_testdata::shared_file("unvotes/un_votes.csv"),
        faultline_testdata::shared_file("unvotes/un_roll_calls_min.csv"),
    ) else {
        return;
    };
    let data = VoteData::read_files(&vp, &rp).unwrap();
    let votes = std::fs::read_to_string(&vp).unwrap();
    let rc = std::fs::read_to_string(&rp).unwrap();
    let rows = data.affinity_table(&["USA", "CHN", "RUS"], VotePeriod::Session, Some(74), Some(74), false);
    assert_eq!(rows.len(), 3);
    let mut s = HashMap::new();
    for (a3, b3, a2, b2) in [("USA", "CHN", "US", "CN"), ("USA", "RUS", "US", "RU"), ("CHN", "RUS", "CN", "RU")] {
        let row = rows.iter().find(|r| r.a == a3 && r.b == b3).unwrap();
        let (n, rs, rk, rpi) = reference(&votes, &rc, "74", a2, b2);
        let got = row.affinity;
        eprintln!("session 74 {a3}-{b3}: n={} S={:?} kappa={:?} pi={:?}", got.n, got.s, got.kappa, got.pi);
        assert_eq!(got.n, n, "{a3}-{b3}");
        assert!(n > 50, "session 74 has ~90 roll calls, {a3}-{b3} shares {n}");
        assert!(close(got.s, rs), "{a3}-{b3} S {:?} vs {rs}", got.s);
        assert!(got.kappa.zip(rk).is_some_and(|(x, y)| (x - y).abs() < 1e-12), "{a3}-{b3} kappa");
        assert!(got.pi.zip(rpi).is_some_and(|(x, y)| (x - y).abs() < 1e-12), "{a3}-{b3} pi");
        for v in [got.s, got.kappa, got.pi] {
            assert!(v.is_some_and(|v| (-1.0..=1.0).contains(&v)));
        }
        s.insert((a3, b3), got.s.unwrap());
    }
    // The well-known pattern: China and Russia vote together, the US apart.
    assert!(s[&("CHN", "RUS")] > s[&("USA", "CHN")]);
    assert!(s[&("CHN", "RUS")] > s[&("USA", "RUS")]);
    assert!(s[&("CHN", "RUS")] > 0.5 && s[&("USA", "CHN")] < 0.5);
}
