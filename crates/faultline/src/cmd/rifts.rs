//! `faultline rifts`: rift alerts — a partnership whose cooperation drops
//! (a change point with a negative shift, or a drop beyond a threshold)
//! while a third state's ties to both partners hold — with the events that
//! moved the score most and their evidence.

use std::io::Write;
use std::process::ExitCode;

use faultline_analysis::changepoint::PeltOptions;
use faultline_analysis::render::num;
use faultline_analysis::rifts::{find_rifts, RiftOptions, Trigger};

use super::dyad::{countries, load_table, write_csv, OutFormat, StoreArgs};

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The states to watch (ISO3, comma-separated, at least three).
    #[arg(long, value_name = "ISO3,…", value_delimiter = ',', default_value = "USA,CHN,RUS")]
    actors: Vec<String>,
    /// Scored periods on each side of a drop.
    #[arg(long, value_name = "N", default_value_t = 4)]
    window: usize,
    /// Report window-to-window drops of at least this many Goldstein points even without a change point (0 disables).
    #[arg(long, value_name = "G", default_value_t = 2.0)]
    drop_threshold: f64,
    /// How far (Goldstein points) a third state's tie may fall and still hold.
    #[arg(long, value_name = "G", default_value_t = 0.5)]
    tolerance: f64,
    /// Change-point penalty (default 2 ln n).
    #[arg(long, value_name = "BETA")]
    penalty: Option<f64>,
    /// Evidence events per alert.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
    #[command(flatten)]
    store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let actors = countries(&args.actors)?;
    anyhow::ensure!(actors.len() >= 3, "--actors needs at least three states (a pair and a third)");
    anyhow::ensure!(args.window >= 1, "--window must be at least 1");
    let (table, events, lo, hi) = load_table(&args.store, &actors)?;
    let span = table.span();
    let (Some(first), Some(last)) = (lo.or(span.map(|s| s.0)), hi.or(span.map(|s| s.1))) else {
        anyhow::bail!("no events among {} in {}", actors.join(", "), args.store.db.display());
    };
    let opts = RiftOptions {
        pelt: PeltOptions { penalty: args.penalty, ..PeltOptions::default() },
        window: args.window,
        drop_threshold: (args.drop_threshold > 0.0).then_some(args.drop_threshold),
        hold_tolerance: args.tolerance,
        top_events: args.top,
    };
    let alerts = find_rifts(&table, &actors, first, last, &events, &opts);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&alerts)?)?,
        OutFormat::Csv => {
            let rows: Vec<Vec<String>> = alerts
                .iter()
                .map(|a| {
                    vec![
                        a.drop.period.label(),
                        a.drop.dyad.a.clone(),
                        a.drop.dyad.b.clone(),
                        a.third.actor.clone(),
                        format!("{:?}", a.drop.trigger).to_lowercase(),
                        num(Some(a.drop.before), 3, ""),
                        num(Some(a.drop.after), 3, ""),
                        num(Some(a.third.with_a.0), 3, ""),
                        num(Some(a.third.with_a.1), 3, ""),
                        num(Some(a.third.with_b.0), 3, ""),
                        num(Some(a.third.with_b.1), 3, ""),
                        a.evidence.iter().map(|e| e.event.id.clone()).collect::<Vec<_>>().join(";"),
                    ]
                })
                .collect();
            let header = [
                "period", "a", "b", "third", "trigger", "before", "after", "third_a_before", "third_a_after", "third_b_before",
                "third_b_after", "evidence_events",
            ];
            write_csv(&mut out, &header, &rows)?;
        }
        OutFormat::Table => {
            if alerts.is_empty() {
                writeln!(out, "no rift alerts among {} ({} to {})", actors.join(", "), first.label(), last.label())?;
            }
            for a in &alerts {
                let d = &a.drop;
                let how = match d.trigger {
                    Trigger::ChangePoint => "change point",
                    Trigger::Threshold => "drop beyond threshold",
                };
                writeln!(
                    out,
                    "RIFT {}: {}–{} cooperation fell from {:.2} to {:.2} ({how}, window {}..{}); {} holds with both: {}–{} {:.2}→{:.2}, {}–{} {:.2}→{:.2}",
                    d.period.label(), d.dyad.a, d.dyad.b, d.before, d.after, d.window_start.label(), d.window_end.label(),
                    a.third.actor, a.third.actor, d.dyad.a, a.third.with_a.0, a.third.with_a.1,
                    a.third.actor, d.dyad.b, a.third.with_b.0, a.third.with_b.1,
                )?;
                for m in &a.evidence {
                    let e = &m.event;
                    writeln!(
                        out,
                        "  {} {}→{} {} goldstein {} (pull {:+.2}) [{}] {}",
                        e.date, e.source, e.target, e.cameo, num(e.goldstein, 1, "-"), m.pull, e.id,
                        e.evidence.as_deref().unwrap_or("(no evidence text)")
                    )?;
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
