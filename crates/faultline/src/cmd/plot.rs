//! `faultline plot …`: charts as SVG or PNG (format from the output's
//! extension) — a dyad's series, says vs does, UN vote affinity, the
//! triangle diagram of one period and the triangle timeline. The drawing
//! lives in `faultline-report`; this module only loads the data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use faultline_analysis::triangle::{timeline, Centre, Timeline, TriangleOptions, DYADS};
use faultline_analysis::{period, Dyad, DyadSeries, DyadTable, PeriodKey};
use faultline_report::charts;
use faultline_report::{Chart, Format};

use super::dyad::{countries, load_series_table, load_table, DyadQuery, StoreArgs};
use super::votes::VoteQuery;

/// The charts.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// A dyad's net cooperation (mean Goldstein per period) over quad-class bars, change points marked.
    #[command(after_help = "Example:\n  faultline plot dyad USA RUS --db demo.db --period year -o usa-rus.png")]
    Dyad(DyadArgs),
    /// Says vs does: verbal vs material cooperation and conflict per period, with the gap indices.
    #[command(after_help = "Example:\n  faultline plot gap CHN RUS --db demo.db --period year -o chn-rus-gap.svg")]
    Gap(DyadArgs),
    /// UN vote affinity (S, kappa, pi) per session or year, one panel per pair.
    #[command(after_help = "Example:\n  faultline plot votes --votes votes.csv --roll-calls roll_calls.csv --countries USA,CHN,RUS -o votes.png")]
    Votes(VotesArgs),
    /// The strategic triangle of one period: signed ties and roles (default: the last period).
    #[command(after_help = "Example:\n  faultline plot triangle USA CHN RUS --db demo.db --period year --period-label 2023 -o triangle.png")]
    Triangle(TriangleArgs),
    /// The triangle timeline: each tie's sign per period, change points, and the configuration band.
    #[command(after_help = "Example:\n  faultline plot timeline USA CHN RUS --db demo.db --period year -o timeline.svg")]
    Timeline(TimelineArgs),
}

/// Where the chart goes.
#[derive(Debug, Clone, clap::Args)]
pub struct Output {
    /// Output file: `.svg` or `.png`.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Arguments of `plot dyad` and `plot gap`.
#[derive(Debug, clap::Args)]
pub struct DyadArgs {
    #[command(flatten)]
    query: DyadQuery,
    #[command(flatten)]
    out: Output,
}

/// Arguments of `plot votes`.
#[derive(Debug, clap::Args)]
pub struct VotesArgs {
    #[command(flatten)]
    query: VoteQuery,
    #[command(flatten)]
    out: Output,
}

/// Arguments shared by the triangle charts.
#[derive(Debug, clap::Args)]
pub struct TriangleCore {
    /// First state (ISO3).
    a: String,
    /// Second state (ISO3).
    b: String,
    /// Third state (ISO3).
    c: String,
    /// Dead band in standard deviations: |z| at most this is ambiguous.
    #[arg(long, value_name = "SD", default_value_t = 0.25)]
    dead_band: f64,
    #[command(flatten)]
    store: StoreArgs,
}

/// Arguments of `plot triangle`.
#[derive(Debug, clap::Args)]
pub struct TriangleArgs {
    #[command(flatten)]
    core: TriangleCore,
    /// The period to draw, by label (`2023`, `2023-Q1`, `2023-02`); default the last.
    #[arg(long, value_name = "LABEL")]
    period_label: Option<String>,
    #[command(flatten)]
    out: Output,
}

/// Arguments of `plot timeline`.
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    core: TriangleCore,
    #[command(flatten)]
    out: Output,
}

/// The output format, checked before any data is read so that a typo in
/// the file name fails at once.
fn format_of(path: &Path) -> anyhow::Result<Format> {
    Ok(Format::from_path(path)?)
}

fn write(chart: &Chart, path: &Path) -> anyhow::Result<ExitCode> {
    chart.write(path)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// A dyad's series from the store; an error when it has no events at all
/// (a chart of nothing would look like a finding).
pub fn dyad_series(store: &StoreArgs, dyad: &Dyad) -> anyhow::Result<DyadSeries> {
    let (table, lo, hi) = load_series_table(store, &[dyad.a.clone(), dyad.b.clone()])?;
    let series = table.series(dyad, lo, hi);
    anyhow::ensure!(
        series.total().n > 0,
        "no events between {} and {} in {}",
        dyad.a,
        dyad.b,
        store.searched()
    );
    Ok(series)
}

/// The triangle timeline of `actors` from `table` (event means, centred on
/// the Goldstein scale's neutral 0) over `lo..=hi` (default: the table's span).
pub fn triangle_timeline(
    table: &DyadTable,
    actors: &[String; 3],
    lo: Option<PeriodKey>,
    hi: Option<PeriodKey>,
    dead_band: f64,
    db: &Path,
) -> anyhow::Result<Timeline> {
    let span = table.span();
    let (Some(lo), Some(hi)) = (lo.or(span.map(|s| s.0)), hi.or(span.map(|s| s.1))) else {
        anyhow::bail!("no events among {} in {}", actors.join(", "), db.display());
    };
    let labels: Vec<String> = period::range(lo, hi).map(|k| k.label()).collect();
    let scores = DYADS.map(|(i, j)| {
        let d = Dyad { a: actors[i].clone(), b: actors[j].clone(), directed: false };
        table.series(&d, Some(lo), Some(hi)).means()
    });
    anyhow::ensure!(
        scores.iter().flatten().any(Option::is_some),
        "no events between any two of {} in {}",
        actors.join(", "),
        db.display()
    );
    let opts = TriangleOptions { centre: Centre::Value(0.0), dead_band };
    Ok(timeline(actors.clone(), &labels, &scores, &opts)?)
}

fn load_timeline(core: &TriangleCore) -> anyhow::Result<Timeline> {
    let codes = countries(&[core.a.clone(), core.b.clone(), core.c.clone()])?;
    let actors = [codes[0].clone(), codes[1].clone(), codes[2].clone()];
    let (table, lo, hi) = load_series_table(&core.store, &codes)?;
    triangle_timeline(&table, &actors, lo, hi, core.dead_band, &core.store.db)
}

/// Runs `plot`.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Dyad(args) => {
            format_of(&args.out.output)?;
            let dyad = args.query.dyad()?;
            let series = dyad_series(&args.query.store, &dyad)?;
            write(&charts::dyad_chart(&series, &charts::series_change_points(&series))?, &args.out.output)
        }
        Command::Gap(args) => {
            format_of(&args.out.output)?;
            let dyad = args.query.dyad()?;
            let store = &args.query.store;
            // The gap needs quad-class Goldstein sums, which only events carry.
            let (table, _, lo, hi) = load_table(store, &[dyad.a.clone(), dyad.b.clone()])?;
            let series = table.series(&dyad, lo, hi);
            anyhow::ensure!(series.total().n > 0, "no events between {} and {} in {}", dyad.a, dyad.b, store.db.display());
            write(&charts::gap_chart(&series, &charts::series_change_points(&series))?, &args.out.output)
        }
        Command::Votes(args) => {
            format_of(&args.out.output)?;
            let codes = args.query.countries()?;
            let data = args.query.files.read()?;
            for c in &codes {
                anyhow::ensure!(data.has_country(c), "{c} has no votes in the vote file");
            }
            let rows = args.query.affinity_table(&data, &codes);
            let name = match args.query.files.by {
                super::votes::ByArg::Session => "session",
                super::votes::ByArg::Year => "year",
            };
            let chart = charts::votes_chart(&rows, name).context("drawing the vote affinity")?;
            write(&chart, &args.out.output)
        }
        Command::Triangle(args) => {
            format_of(&args.out.output)?;
            let tl = load_timeline(&args.core)?;
            let index = match &args.period_label {
                None => tl.points.len().saturating_sub(1),
                Some(label) => tl.points.iter().position(|p| p.period == label.trim()).ok_or_else(|| {
                    anyhow::anyhow!(
                        "no period `{label}` in the timeline ({} to {}); labels look like {}",
                        tl.points.first().map_or("", |p| p.period.as_str()),
                        tl.points.last().map_or("", |p| p.period.as_str()),
                        tl.points.first().map_or("2023", |p| p.period.as_str())
                    )
                })?,
            };
            write(&charts::triangle_chart(&tl, index)?, &args.out.output)
        }
        Command::Timeline(args) => {
            format_of(&args.out.output)?;
            let tl = load_timeline(&args.core)?;
            write(&charts::timeline_chart(&tl, &charts::timeline_change_points(&tl))?, &args.out.output)
        }
    }
}
