//! SCRATCH probe (to be deleted): generate + import with phase timings.
use std::io::{BufWriter, Write};
use std::time::Instant;
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::import::{Format, Importer};
use faultline_store::Store;
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


fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let input = std::path::PathBuf::from(&a[1]);
    if a[2] == "agg" {
        let ont = Ontology::builtin();
        let mut rng = Rng(7);
        let cumulative: Vec<f64> = (0..COUNTRIES.len()).scan(0.0, |acc, i| { *acc += 1.0 / (i as f64 + 1.0); Some(*acc) }).collect();
        let rows: Vec<faultline_store::EventRow> = (0..1_000_000).map(|i| {
            let mut e = faultline_store::EventRow::imported("gdelt2", i.to_string(), "042".parse().unwrap(), ont);
            e.source.country = Some(COUNTRIES[rng.zipf(&cumulative)].to_owned());
            e.target.country = Some(COUNTRIES[rng.zipf(&cumulative)].to_owned());
            e.date = Some(faultline_text::Date::from_ymd(2015 + rng.below(10) as i32, 1 + rng.below(12) as u32, 1).unwrap());
            e
        }).collect();
        for _ in 0..3 {
            let t = Instant::now();
            let mut d = faultline_store::aggregate::AggDelta::default();
            for r in &rows { d.add(r, 1); }
            println!("agg 1M rows: {:.3}s, {} cells", t.elapsed().as_secs_f64(), d.len());
        }
        return;
    }
    if a[2] == "gen" { write_rows(&input, a[3].parse().unwrap()).unwrap(); return; }
    let db = std::path::PathBuf::from(&a[2]);
    if a[1] == "sql" {
        let c = rusqlite::Connection::open(&db).unwrap();
        for stmt in a[3..].iter() {
            let t = Instant::now();
            let c0 = cpu_secs().unwrap();
            c.execute_batch(stmt).unwrap();
            println!("{:.2}s wall {:.2} cpu: {stmt}", t.elapsed().as_secs_f64(), cpu_secs().unwrap() - c0);
        }
        return;
    }
    let dicts = Dictionaries::builtin().expect("dicts");
    let mut store = Store::open(&db).expect("open");
    let t = Instant::now();
    let c0 = cpu_secs().unwrap();
    let r = Importer::new(Ontology::builtin(), &dicts).import_file(&mut store, Format::Gdelt2, &input).expect("import");
    let s = t.elapsed().as_secs_f64();
    let c = cpu_secs().unwrap() - c0;
    println!("imported {} dup {} rej {} in {s:.2}s wall = {:.0}/s; {c:.2} CPU s = {:.0}/CPU s", r.imported, r.duplicates, r.rejected.len(), r.imported as f64 / s, r.imported as f64 / c);
}
