//! Store benchmark: import rate for synthetic GDELT 2.0 rows with realistic
//! actor and code distributions, store-side ingest rate for coded
//! documents, and query times over the aggregate.
//!
//! `FAULTLINE_BENCH_EVENTS` sets the number of imported events (default
//! 10,000,000; use 1000000 for a quick run). `FAULTLINE_BENCH_DIR` sets
//! where the temporary database and input go (default: the system temp
//! directory; they are deleted at the end). Targets: ≥ 200,000 events/s
//! import, < 100 ms for one dyad's monthly series.
//!
//! Run: `cargo bench -p faultline-store --bench store`.

use std::io::{BufWriter, Write};
use std::time::Instant;

use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::import::{Format, Importer};
use faultline_store::record::content_hash;
use faultline_store::{ActorRow, DocumentRow, EventRow, SentenceRow, Store};

/// A small xorshift generator: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// An index drawn with Zipf-like weights 1/(i+1): a few countries
    /// dominate news coverage, as in GDELT.
    fn zipf(&mut self, cumulative: &[f64]) -> usize {
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * cumulative[cumulative.len() - 1];
        cumulative.partition_point(|c| *c < x).min(cumulative.len() - 1)
    }
}

/// Countries in rough order of GDELT coverage.
const COUNTRIES: [&str; 40] = [
    "USA", "CHN", "RUS", "GBR", "IND", "ISR", "UKR", "FRA", "DEU", "IRN", "JPN", "PAK", "TUR", "SYR", "AUS", "CAN",
    "KOR", "PRK", "AFG", "IRQ", "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX", "ITA", "ESP", "PHL", "IDN", "VNM", "KAZ",
    "POL", "BLR", "GEO", "ARM", "AZE", "LBY", "YEM", "VEN",
];

/// CAMEO codes with GDELT-like frequencies (statements, consultations and
/// cooperation dominate; violence is a few per cent).
const CODES: [(&str, u32, &str, &str); 16] = [
    ("010", 14, "1", "0.0"),
    ("020", 5, "1", "3.0"),
    ("036", 7, "1", "4.0"),
    ("040", 10, "1", "1.0"),
    ("042", 9, "1", "1.9"),
    ("043", 7, "1", "2.8"),
    ("051", 8, "1", "3.4"),
    ("057", 3, "1", "8.0"),
    ("061", 3, "2", "6.4"),
    ("071", 2, "2", "7.4"),
    ("111", 6, "3", "-2.0"),
    ("112", 7, "3", "-2.0"),
    ("130", 3, "3", "-4.4"),
    ("163", 2, "4", "-8.0"),
    ("173", 6, "4", "-5.0"),
    ("190", 8, "4", "-10.0"),
];

fn write_rows(path: &std::path::Path, n: u64) -> std::io::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let cumulative: Vec<f64> = (0..COUNTRIES.len())
        .scan(0.0, |acc, i| {
            *acc += 1.0 / (i as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let code_total: u32 = CODES.iter().map(|c| c.1).sum();
    let sectors = ["", "GOV", "MIL", "BUS", "MED", "OPP", "COP"];
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let empty24 = "\t".repeat(23);
    for id in 0..n {
        let a = COUNTRIES[rng.zipf(&cumulative)];
        let b = COUNTRIES[rng.zipf(&cumulative)];
        let mut pick = rng.below(u64::from(code_total)) as u32;
        let &(code, _, quad, gold) = CODES
            .iter()
            .find(|c| {
                if pick < c.1 {
                    true
                } else {
                    pick -= c.1;
                    false
                }
            })
            .unwrap_or(&CODES[0]);
        let year = 2015 + rng.below(10);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let (sa, sb) = (sectors[rng.below(7) as usize], sectors[rng.below(7) as usize]);
        writeln!(
            out,
            "{gid}\t{year}{month:02}{day:02}\t{year}{month:02}\t{year}\t{year}.5000\t{a}{sa}\t{a} NAME\t{a}\t\t\t\t\t{sa}\t\t\t{b}{sb}\t{b} NAME\t{b}\t\t\t\t\t{sb}\t\t\t1\t{code}\t{code}\t{root}\t{quad}\t{gold}\t4\t1\t4\t-1.5\t{empty24}\t{year}{month:02}{day:02}000000\thttps://news.example.com/{id}",
            gid = 1_000_000_000 + id,
            root = &code[..2],
        )?;
    }
    out.flush()
}

fn doc(i: u64, rng: &mut Rng, ontology: &Ontology) -> DocumentRow {
    let id = format!("doc-{i}");
    let text = format!("Synthetic document {i}. It has one sentence per event.");
    let events = (0..10)
        .map(|n| {
            let (code, ..) = CODES[rng.below(CODES.len() as u64) as usize];
            let mut e = EventRow::imported("faultline", format!("{id}:{n}:0"), code.parse().expect("valid code"), ontology);
            let a = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize];
            let b = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize];
            e.doc_id = Some(id.clone());
            e.sentence = Some(n);
            e.date = Some(format!("2023-{:02}-15", 1 + rng.below(12)).parse().expect("valid date"));
            e.source = ActorRow { code: a.into(), country: Some(a.into()), ..ActorRow::default() };
            e.target = ActorRow { code: b.into(), country: Some(b.into()), ..ActorRow::default() };
            e
        })
        .collect();
    DocumentRow {
        content_hash: content_hash(&[id.as_bytes(), text.as_bytes()]),
        id,
        date: None,
        source: None,
        url: None,
        title: None,
        sentences: (0..10).map(|k| SentenceRow { idx: k, text: text.clone(), start: 0, end: text.len() as i64 }).collect(),
        text,
        events,
    }
}

/// CPU seconds (user + system) used by this process so far, from
/// `/proc/self/stat` (Linux; `None` elsewhere). The machine this runs on is
/// shared, so wall-clock rates alone would measure the neighbours too.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields overall, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The 1-minute load average (Linux; `None` elsewhere): printed beside the
/// rates, since on a shared machine the wall-clock rate depends on it.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

fn main() {
    let n: u64 = std::env::var("FAULTLINE_BENCH_EVENTS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000_000);
    let dir = std::env::var("FAULTLINE_BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    let dir = dir.join(format!("faultline-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create bench directory");
    let input = dir.join("synthetic.export.CSV");
    let db = dir.join("bench.db");

    let t = Instant::now();
    write_rows(&input, n).expect("write synthetic rows");
    let size = std::fs::metadata(&input).map(|m| m.len()).unwrap_or(0);
    println!("generated {n} GDELT 2.0 rows ({:.0} MB) in {:.1} s", size as f64 / 1e6, t.elapsed().as_secs_f64());

    let dicts = Dictionaries::builtin().expect("built-in dictionaries");
    let ontology = Ontology::builtin();
    let mut store = Store::open(&db).expect("open database");
    let load0 = load_average();
    let t = Instant::now();
    let cpu0 = cpu_secs();
    let report = Importer::new(ontology, &dicts).import_file(&mut store, Format::Gdelt2, &input).expect("import");
    let secs = t.elapsed().as_secs_f64();
    assert!(report.rejected.is_empty(), "{:?}", &report.rejected[..1]);
    println!(
        "import: {} events in {secs:.1} s wall = {:.0} events/s (target ≥ 200,000)",
        report.imported,
        report.imported as f64 / secs
    );
    if let (Some(a), Some(b)) = (cpu0, cpu_secs()) {
        println!("import: {:.1} CPU s = {:.0} events per CPU second", b - a, report.imported as f64 / (b - a));
    }
    if let (Some(a), Some(b)) = (load0, load_average()) {
        println!("load average (1 min) before/after the import: {a:.2} / {b:.2} on {} CPUs", std::thread::available_parallelism().map_or(0, |n| n.get()));
    }
    std::fs::remove_file(&input).ok();

    // One dyad's monthly series from the aggregate (median of 21 runs).
    let mut times = Vec::new();
    let mut months = 0;
    for _ in 0..21 {
        let t = Instant::now();
        months = store.dyad_series("CHN", "RUS").expect("series").len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!("one dyad's monthly series (CHN→RUS, {months} months): median {:.3} ms (target < 100 ms)", times[10]);

    let t = Instant::now();
    let totals = store.monthly_totals().expect("totals");
    println!("all-dyads monthly aggregation ({} months): {:.1} ms", totals.len(), t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let rows: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM (SELECT source_country, target_country, month, n_events, goldstein_sum FROM dyad_month ORDER BY source_country, target_country, month)", [], |r| r.get(0))
        .expect("all dyads");
    println!("all dyad-month rows read in order ({rows} rows): {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    if std::env::var("FAULTLINE_BENCH_SCAN").is_ok() {
        let t = Instant::now();
        let _: i64 = store
            .conn()
            .query_row(&format!("SELECT count(*) FROM ({})", faultline_store::aggregate::GROUP_BY_SQL), [], |r| r.get(0))
            .expect("scan");
        println!("same aggregation by scanning events (for comparison): {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }

    // Store-side ingest: documents of 10 events, 64 documents per transaction.
    let n_docs = (n / 100).max(1000);
    let mut rng = Rng(42);
    let t = Instant::now();
    let mut events = 0;
    let mut i = 0;
    while i < n_docs {
        let batch: Vec<DocumentRow> = (i..(i + 64).min(n_docs)).map(|k| doc(k, &mut rng, ontology)).collect();
        events += store.write_documents(&batch).expect("write documents").events;
        i += 64;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "ingest (store side, coding excluded): {n_docs} documents, {events} events in {secs:.1} s = {:.0} events/s",
        events as f64 / secs
    );
    drop(store);
    std::fs::remove_dir_all(&dir).ok();
}
