//! A bounded load test of the dashboard API: a fixed number of requests
//! (2,000) from 4 client threads against `faultline serve` on a free
//! loopback port with the demo corpus, under a time limit. Prints
//! requests per second and latency percentiles. Ignored by default (it
//! measures, and the machine is shared); run it once with
//!
//! ```text
//! cargo test --release -p faultline --test serve_load -- --ignored --nocapture
//! ```

mod serve_support;

use std::time::{Duration, Instant};

use serve_support::{demo_db, request, scratch, Server};

const REQUESTS: usize = 2_000;
const CLIENTS: usize = 4;
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The mix: cheap and expensive routes, pages included.
const TARGETS: &[&str] = &[
    "/api/events?limit=50",
    "/api/events?source=CHN&target=RUS&limit=20",
    "/api/events?q=sanctions&limit=20",
    "/api/dyad?a=USA&b=RUS&period=month",
    "/api/dyad?a=CHN&b=RUS&period=year",
    "/api/gap?a=CHN&b=RUS&period=year",
    "/api/triangle?a=USA&b=CHN&c=RUS&period=year",
    "/api/rifts?actors=USA,CHN,RUS&period=year",
    "/api/documents/demo-2012-02-05-syria-double-veto",
    "/dyad?a=USA&b=CHN&period=quarter",
];

#[test]
#[ignore = "load test: run explicitly with --ignored"]
fn bounded_load() {
    let dir = scratch("serve-load");
    let db = demo_db(&dir);
    let server = Server::start(&db, &["--workers", "4"]);
    let addr = server.addr;
    let t0 = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|c| {
            std::thread::spawn(move || {
                let mut lat = Vec::with_capacity(REQUESTS / CLIENTS);
                for i in 0..REQUESTS / CLIENTS {
                    if t0.elapsed() > TIME_LIMIT {
                        break;
                    }
                    let target = TARGETS[(i * CLIENTS + c) % TARGETS.len()];
                    let start = Instant::now();
                    let r = request(addr, "GET", target, "", b"").unwrap();
                    lat.push(start.elapsed());
                    assert_eq!(r.status, 200, "{target}: {}", r.text());
                }
                lat
            })
        })
        .collect();
    let mut lat: Vec<Duration> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    let wall = t0.elapsed();
    assert_eq!(lat.len(), REQUESTS, "time limit of {TIME_LIMIT:?} reached after {} requests", lat.len());
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).saturating_sub(1).min(lat.len() - 1)];
    eprintln!(
        "load: {} requests, {CLIENTS} clients, {:.2} s: {:.0} req/s; latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        wall.as_secs_f64(),
        lat.len() as f64 / wall.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.90).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        lat[lat.len() - 1].as_secs_f64() * 1e3,
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
