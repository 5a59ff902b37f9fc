//! `faultline triangle A B C`: the strategic triangle of three states per
//! period — each tie's standardised score and sign, Dittmer's configuration,
//! each state's role, the transitions, and the change points of each tie.

use std::io::Write;
use std::process::ExitCode;

use faultline_analysis::changepoint::{pelt, PeltOptions};
use faultline_analysis::render::{num, sparkline};
use faultline_analysis::triangle::{timeline, Centre, Timeline, TriangleOptions, DYADS};
use faultline_analysis::{period, Dyad};

use super::dyad::{countries, load_series_table, write_csv, write_table, OutFormat, StoreArgs};
use super::votes::VoteFiles;

/// Where the tie scores come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceArg {
    /// Mean Goldstein score of the stored events (both directions).
    Events,
    /// UN vote affinity S (needs --votes and --roll-calls).
    Votes,
}

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First state (ISO3).
    a: String,
    /// Second state (ISO3).
    b: String,
    /// Third state (ISO3).
    c: String,
    /// Score source.
    #[arg(long, value_enum, default_value_t = SourceArg::Events)]
    source: SourceArg,
    /// Dead band in standard deviations: |z| at most this is ambiguous.
    #[arg(long, value_name = "SD", default_value_t = 0.25)]
    dead_band: f64,
    /// Centre of the standardisation: a number, or `mean` (default: 0 for events, mean for votes).
    #[arg(long, value_name = "X|mean")]
    centre: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    vote_files: VoteFiles,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

fn centre(arg: &Option<String>, source: SourceArg) -> anyhow::Result<Centre> {
    Ok(match arg.as_deref().map(str::trim) {
        None if source == SourceArg::Votes => Centre::Mean,
        None => Centre::Value(0.0),
        Some(s) if s.eq_ignore_ascii_case("mean") => Centre::Mean,
        Some(s) => Centre::Value(
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| anyhow::anyhow!("--centre `{s}` is neither a number nor `mean`"))?,
        ),
    })
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let codes = countries(&[args.a.clone(), args.b.clone(), args.c.clone()])?;
    let actors = [codes[0].clone(), codes[1].clone(), codes[2].clone()];
    let opts = TriangleOptions { centre: centre(&args.centre, args.source)?, dead_band: args.dead_band };
    let (labels, scores) = match args.source {
        SourceArg::Events => {
            let (table, lo, hi) = load_series_table(&args.store, &codes)?;
            let span = table.span();
            let (Some(lo), Some(hi)) = (lo.or(span.map(|s| s.0)), hi.or(span.map(|s| s.1))) else {
                anyhow::bail!("no events among {} in {}", codes.join(", "), args.store.db.display());
            };
            let labels: Vec<String> = period::range(lo, hi).map(|k| k.label()).collect();
            let scores = DYADS.map(|(i, j)| {
                let d = Dyad { a: actors[i].clone(), b: actors[j].clone(), directed: false };
                table.series(&d, Some(lo), Some(hi)).means()
            });
            (labels, scores)
        }
        SourceArg::Votes => {
            let mut data = args.vote_files.read()?;
            // --from/--to select roll calls by their date.
            let (from, to) = (args.store.from, args.store.to);
            data.roll_calls.retain(|_, rc| from.is_none_or(|f| rc.date >= f) && to.is_none_or(|t| rc.date <= t));
            let by = args.vote_files.by.into();
            let series = DYADS.map(|(i, j)| data.affinity_series(&actors[i], &actors[j], by, args.vote_files.important));
            let labels: Vec<String> = series[0].iter().map(|(p, _)| p.to_string()).collect();
            (labels, series.map(|s| s.iter().map(|(_, a)| a.s).collect::<Vec<_>>()))
        }
    };
    let tl = timeline(actors.clone(), &labels, &scores, &opts)?;
    // Change points of each tie, on the periods that have a score.
    let changes: Vec<(String, Vec<String>)> = DYADS
        .iter()
        .enumerate()
        .map(|(d, (i, j))| {
            let present: Vec<(usize, f64)> = scores[d].iter().enumerate().filter_map(|(t, v)| v.map(|v| (t, v))).collect();
            let x: Vec<f64> = present.iter().map(|p| p.1).collect();
            let seg = pelt(&x, &PeltOptions::default());
            (format!("{}-{}", actors[*i], actors[*j]), seg.changes.iter().map(|&c| labels[present[c].0].clone()).collect())
        })
        .collect();
    print(&tl, &changes, args.format)?;
    Ok(ExitCode::SUCCESS)
}

fn print(tl: &Timeline, changes: &[(String, Vec<String>)], format: OutFormat) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let names: Vec<String> = DYADS.iter().map(|(i, j)| format!("{}-{}", tl.actors[*i], tl.actors[*j])).collect();
    let rows = |missing: &str| -> Vec<Vec<String>> {
        tl.points
            .iter()
            .map(|p| {
                let mut r = vec![p.period.clone()];
                for d in 0..3 {
                    r.push(num(p.scores[d], 3, missing));
                    r.push(format!("{} {}", p.z[d].map_or("-".to_owned(), |z| format!("{z:+.2}")), p.signs[d].symbol()));
                }
                r.push(p.configuration.name().to_owned());
                r.extend(p.roles.iter().map(|r| r.name().to_owned()));
                r
            })
            .collect()
    };
    let mut header: Vec<String> = vec!["period".into()];
    for n in &names {
        header.push(n.clone());
        header.push(format!("{n} z"));
    }
    header.push("configuration".into());
    header.extend(tl.actors.iter().cloned());
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    match format {
        OutFormat::Json => {
            let cps: serde_json::Map<String, serde_json::Value> =
                changes.iter().map(|(d, c)| (d.clone(), serde_json::json!(c))).collect();
            let doc = serde_json::json!({ "timeline": tl, "change_points": cps });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        OutFormat::Csv => write_csv(&mut out, &h, &rows(""))?,
        OutFormat::Table => {
            for (d, n) in names.iter().enumerate() {
                let s: Vec<Option<f64>> = tl.points.iter().map(|p| p.scores[d]).collect();
                writeln!(out, "{n:<8} {}", sparkline(&s))?;
            }
            writeln!(out, "(z = (score − {:.3}) / {:.3}; + above the dead band, − below, ? inside or no score)\n", tl.centre, tl.scale)?;
            write_table(&mut out, &h, &rows("-"))?;
            writeln!(out)?;
            if tl.transitions.is_empty() {
                writeln!(out, "no change of configuration")?;
            }
            for t in &tl.transitions {
                writeln!(out, "{}: {} → {}", t.period, t.from.name(), t.to.name())?;
            }
            for (d, c) in changes {
                writeln!(out, "change points {d}: {}", if c.is_empty() { "none".to_owned() } else { c.join(", ") })?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
