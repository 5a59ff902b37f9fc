//! Benchmark: dyad-month aggregation and triangle computation over 10
//! million synthetic events in memory, and over events written to and read
//! back from the store (`FAULTLINE_BENCH_STORE_EVENTS`, default 1,000,000,
//! since writing 10 million rows to SQLite takes minutes on its own; set it
//! to 10000000 for the full run).
//!
//! `cargo bench -p faultline-analysis --bench analysis`

use std::time::Instant;

use faultline_analysis::triangle::{timeline, TriangleOptions, DYADS};
use faultline_analysis::{period, Dyad, DyadTable, MonthRow, Period, Tally};
use faultline_text::Date;

const ACTORS: [&str; 12] = ["USA", "CHN", "RUS", "UKR", "KAZ", "IND", "DEU", "FRA", "GBR", "JPN", "IRN", "TUR"];

/// A deterministic event stream: (source, target, date, quad, goldstein).
fn synthetic(n: u64) -> impl Iterator<Item = (&'static str, &'static str, Date, u8, f64)> {
    let start = Date::from_ymd(2000, 1, 1).unwrap().to_days();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n).map(move |i| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let s = (x % 12) as usize;
        let t = (s + 1 + ((x >> 8) % 11) as usize) % 12;
        let date = Date::from_days(start + (i * 9_500 / n.max(1)) as i64).unwrap();
        let quad = 1 + ((x >> 20) % 4) as u8;
        let g = match quad {
            1 => 1.0 + ((x >> 24) % 30) as f64 / 10.0,
            2 => 5.0 + ((x >> 24) % 50) as f64 / 10.0,
            3 => -2.0 - ((x >> 24) % 40) as f64 / 10.0,
            _ => -6.0 - ((x >> 24) % 40) as f64 / 10.0,
        };
        (ACTORS[s], ACTORS[t], date, quad, g)
    })
}

fn triangle(table: &DyadTable) -> usize {
    let (lo, hi) = table.span().unwrap();
    let actors = ["USA", "CHN", "RUS"].map(String::from);
    let labels: Vec<String> = period::range(lo, hi).map(|k| k.label()).collect();
    let scores = DYADS.map(|(i, j)| {
        table.series(&Dyad { a: actors[i].clone(), b: actors[j].clone(), directed: false }, Some(lo), Some(hi)).means()
    });
    timeline(actors, &labels, &scores, &TriangleOptions::default()).unwrap().points.len()
}

fn main() {
    let n = 10_000_000u64;
    let t = Instant::now();
    let mut table = DyadTable::new(Period::Month);
    for (s, tg, date, q, g) in synthetic(n) {
        table.add(s, tg, Period::Month.key(date), &Tally::event(Some(q), Some(g)));
    }
    let agg = t.elapsed();
    let t = Instant::now();
    let months = triangle(&table);
    let tri = t.elapsed();
    println!(
        "in memory: {n} events → dyad-month table in {:.2} s ({:.1} M events/s); triangle over {months} months in {:.3} ms",
        agg.as_secs_f64(),
        n as f64 / agg.as_secs_f64() / 1e6,
        tri.as_secs_f64() * 1e3
    );

    let n_store: u64 = std::env::var("FAULTLINE_BENCH_STORE_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("faultline-analysis-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.db");
    let mut store = faultline_store::Store::open(&path).unwrap();
    let ont = faultline_ontology::Ontology::builtin();
    let t = Instant::now();
    let mut batch = Vec::with_capacity(50_000);
    let codes: [faultline_ontology::CameoCode; 4] = ["042", "061", "111", "190"].map(|c| c.parse().unwrap());
    for (i, (s, tg, date, q, g)) in synthetic(n_store).enumerate() {
        let mut e = faultline_store::EventRow::imported("icews", i.to_string(), codes[usize::from(q - 1)], ont);
        e.date = Some(date);
        e.goldstein = Some(g);
        e.source = faultline_store::ActorRow { code: s.into(), country: Some(s.into()), ..Default::default() };
        e.target = faultline_store::ActorRow { code: tg.into(), country: Some(tg.into()), ..Default::default() };
        batch.push(e);
        if batch.len() == 50_000 {
            store.insert_events(&batch).unwrap();
            batch.clear();
        }
    }
    store.insert_events(&batch).unwrap();
    let write = t.elapsed();
    // The aggregation itself inside SQLite: the aggregate's defining GROUP BY
    // over every stored event (what `rebuild_aggregates` runs).
    let t = Instant::now();
    let groups: i64 = store
        .conn()
        .query_row(&format!("SELECT count(*) FROM ({})", faultline_store::aggregate::GROUP_BY_SQL), [], |r| r.get(0))
        .unwrap();
    let group_by = t.elapsed();
    let t = Instant::now();
    let mut stmt = store.conn().prepare(&format!("SELECT {} FROM dyad_month", faultline_store::aggregate::DYAD_COLUMNS)).unwrap();
    let rows: Vec<MonthRow> = stmt
        .query_map([], faultline_store::DyadMonth::from_row)
        .unwrap()
        .map(|r| {
            let r = r.unwrap();
            MonthRow {
                source: r.source,
                target: r.target,
                year: r.month[..4].parse().unwrap(),
                month: r.month[5..7].parse().unwrap(),
                tally: Tally {
                    n: r.n_events as u64,
                    quad: r.quad.map(|q| q as u64),
                    goldstein_sum: r.goldstein_sum,
                    quad_goldstein: None,
                },
            }
        })
        .collect();
    let from_store = DyadTable::from_months(Period::Month, None, None, &rows).unwrap();
    let read = t.elapsed();
    let t = Instant::now();
    let months = triangle(&from_store);
    let tri = t.elapsed();
    println!(
        "store: {n_store} events written (with the dyad_month aggregate) in {:.1} s; GROUP BY dyad-month over all events in SQLite: {groups} cells in {:.2} s; {} dyad-month rows read and folded in {:.3} s; triangle over {months} months in {:.3} ms",
        write.as_secs_f64(),
        group_by.as_secs_f64(),
        rows.len(),
        read.as_secs_f64(),
        tri.as_secs_f64() * 1e3
    );
    drop(stmt);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
