//! `faultline dyad A B`: a dyad's event series per period — counts per quad
//! class, Goldstein sum and mean, and per-1,000 normalisation — with
//! sparklines. Also the store access and output helpers shared by the
//! other analytics commands (`gap`, `triangle`, `rifts`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use faultline_analysis::render::{num, sparkline};
use faultline_analysis::{Dyad, DyadSeries, DyadTable, EventFilter, EventRecord, Period, PeriodKey};
use faultline_server::data::Selection;
use faultline_store::query::print_table;
use faultline_text::Date;

/// Output formats of the analytics commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// Aligned columns with sparklines.
    Table,
    /// One JSON document.
    Json,
    /// CSV with a header.
    Csv,
}

/// Period lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        }
    }
}

/// Store and filter options shared by `dyad`, `gap`, `triangle` and `rifts`.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The event database.
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    pub db: PathBuf,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub period: PeriodArg,
    /// First date (inclusive); the series starts with its period.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<Date>,
    /// Last date (inclusive); the series ends with its period.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<Date>,
    /// Only events whose two actors both carry one of these sectors (comma-separated, e.g. GOV; `-` = the bare state).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub sectors: Vec<String>,
    /// Only events with one of these modalities (comma-separated: asserted, reported, future…).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub modality: Vec<String>,
    /// Count each distinct event (date, dyad, CAMEO code) once, and only if at least N documents report it.
    #[arg(long, value_name = "N")]
    pub min_sources: Option<u32>,
}

impl StoreArgs {
    /// The database and, when `--from` or `--to` narrows it, a note saying
    /// so: where "no events" was looked for.
    pub fn searched(&self) -> String {
        let range = if self.from.is_some() || self.to.is_some() { " in that date range" } else { "" };
        format!("{}{range}", self.db.display())
    }

    /// The event filter the options describe.
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            from: self.from,
            to: self.to,
            sectors: self.sectors.iter().map(|s| s.trim().to_ascii_uppercase()).filter(|s| !s.is_empty()).collect(),
            modalities: self.modality.iter().map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect(),
            min_sources: self.min_sources,
        }
    }
}

/// Validates ISO3 codes given on the command line.
pub fn countries(codes: &[String]) -> anyhow::Result<Vec<String>> {
    codes.iter().map(|c| Ok(faultline_analysis::country::parse_iso3(c)?.to_owned())).collect()
}

/// Reads the kept, dated events involving any of `actors` (as source or
/// target) from the store, with their evidence sentences — the same
/// selection the dashboard's analytics routes make, without its row cap.
pub fn load_events(args: &StoreArgs, actors: &[String]) -> anyhow::Result<Vec<EventRecord>> {
    let store = super::events::open_read_only(&args.db)?;
    Ok(faultline_server::data::load_events(&store, &selection(args, actors), NO_ROW_CAP)?)
}

/// The command line reads every selected event: no row cap (the server has one).
// (SQLite limits are i64; the server adds one row to detect overflow.)
const NO_ROW_CAP: u64 = (i64::MAX - 1) as u64;

/// The store selection the options describe (the filters beyond dates are
/// applied by the caller).
fn selection(args: &StoreArgs, actors: &[String]) -> Selection {
    Selection { actors: actors.to_vec(), period: args.period.into(), from: args.from, to: args.to }
}

/// A table, the events it was built from, and the first and last period asked for.
pub type Loaded = (DyadTable, Vec<EventRecord>, Option<PeriodKey>, Option<PeriodKey>);

/// The table of the options' period over the store's events of `actors`,
/// and the period bounds the options ask for.
pub fn load_table(args: &StoreArgs, actors: &[String]) -> anyhow::Result<Loaded> {
    let events = load_events(args, actors)?;
    let period: Period = args.period.into();
    let table = DyadTable::from_events(period, &args.filter(), &events);
    let (lo, hi) = faultline_analysis::dyad::bounds(period, args.from, args.to);
    Ok((table, events, lo, hi))
}

/// Like [`load_table`] without the events, reading the store's monthly
/// aggregate instead of the events when that gives the same answer — no
/// sector, modality or sources filter, not weekly, and `--from`/`--to` on
/// month boundaries — so that series over large stores never scan events.
pub fn load_series_table(args: &StoreArgs, actors: &[String]) -> anyhow::Result<(DyadTable, Option<PeriodKey>, Option<PeriodKey>)> {
    let f = args.filter();
    if !f.sectors.is_empty() || !f.modalities.is_empty() || f.min_sources.is_some() {
        let (table, _, lo, hi) = load_table(args, actors)?;
        return Ok((table, lo, hi));
    }
    let store = super::events::open_read_only(&args.db)?;
    let sel = selection(args, actors);
    let table = faultline_server::data::series_table(&store, &sel, NO_ROW_CAP)?;
    let (lo, hi) = sel.bounds();
    Ok((table, lo, hi))
}

/// A CSV cell.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes a CSV header and rows.
pub fn write_csv(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    writeln!(out, "{}", header.join(","))?;
    for r in rows {
        writeln!(out, "{}", r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","))?;
    }
    Ok(())
}

/// Prints a table with the given header.
pub fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let names: Vec<String> = header.iter().map(|s| (*s).to_owned()).collect();
    print_table(out, &names, rows)
}

/// The dyad to read and the store to read it from: shared by `dyad`, `gap`,
/// `plot dyad` and `plot gap`.
#[derive(Debug, clap::Args)]
pub struct DyadQuery {
    /// First state (ISO3, e.g. USA).
    pub a: String,
    /// Second state (ISO3, e.g. RUS).
    pub b: String,
    /// Only events of A towards B (default: both directions).
    #[arg(long)]
    pub directed: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

impl DyadQuery {
    /// The dyad, its codes checked.
    pub fn dyad(&self) -> anyhow::Result<Dyad> {
        Ok(Dyad::new(&self.a, &self.b, self.directed)?)
    }
}

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    query: DyadQuery,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

const HEADER: [&str; 12] = [
    "period",
    "n",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "volume",
    "events_per_1000",
    "goldstein_per_1000",
    "dyad",
];

fn rows(series: &DyadSeries, missing: &str) -> Vec<Vec<String>> {
    let name = format!("{}{}{}", series.dyad.a, if series.dyad.directed { "->" } else { "-" }, series.dyad.b);
    series
        .points
        .iter()
        .map(|p| {
            let t = &p.tally;
            vec![
                p.period.label(),
                t.n.to_string(),
                t.quad[0].to_string(),
                t.quad[1].to_string(),
                t.quad[2].to_string(),
                t.quad[3].to_string(),
                num(Some(t.goldstein_sum), 2, missing),
                num(p.goldstein_mean, 3, missing),
                p.volume.to_string(),
                num(p.events_per_1000, 1, missing),
                num(p.goldstein_per_1000, 1, missing),
                name.clone(),
            ]
        })
        .collect()
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dyad = args.query.dyad()?;
    let (table, lo, hi) = load_series_table(&args.query.store, &[dyad.a.clone(), dyad.b.clone()])?;
    let series = table.series(&dyad, lo, hi);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&series)?)?,
        OutFormat::Csv => write_csv(&mut out, &HEADER, &rows(&series, ""))?,
        OutFormat::Table => {
            let total = series.total();
            if total.n == 0 {
                writeln!(
                    out,
                    "no events between {} and {} in {} — every period below is empty",
                    dyad.a,
                    dyad.b,
                    args.query.store.searched()
                )?;
                if series.points.is_empty() {
                    out.flush()?;
                    return Ok(ExitCode::SUCCESS);
                }
            } else {
                writeln!(
                    out,
                    "{} {} {}: {} events, mean Goldstein {}",
                    dyad.a,
                    if dyad.directed { "→" } else { "↔" },
                    dyad.b,
                    total.n,
                    num(total.goldstein_mean(), 3, "-")
                )?;
            }
            let counts: Vec<Option<f64>> = series.points.iter().map(|p| Some(p.tally.n as f64)).collect();
            writeln!(out, "events     {}", sparkline(&counts))?;
            writeln!(out, "goldstein  {}", sparkline(&series.means()))?;
            writeln!(out)?;
            let mut r = rows(&series, "-");
            r.iter_mut().for_each(|row| {
                row.pop();
            });
            write_table(&mut out, &HEADER[..11], &r)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
