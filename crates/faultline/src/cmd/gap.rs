//! `faultline gap A B`: says vs does — verbal against material cooperation
//! (and conflict) per period, with the gap index of `docs/analytics.md`.

use std::io::Write;
use std::process::ExitCode;

use faultline_analysis::gap::{gap_series, Gap};
use faultline_analysis::render::{num, sparkline};

use super::dyad::{load_table, write_csv, write_table, DyadQuery, OutFormat};

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    query: DyadQuery,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

const HEADER: [&str; 9] = [
    "period",
    "verbal_coop",
    "material_coop",
    "coop_gap",
    "coop_gap_weighted",
    "verbal_conflict",
    "material_conflict",
    "conflict_gap",
    "conflict_gap_weighted",
];

fn row(label: String, g: &Gap, missing: &str) -> Vec<String> {
    vec![
        label,
        g.verbal_coop.to_string(),
        g.material_coop.to_string(),
        num(g.coop_gap, 3, missing),
        num(g.coop_gap_weighted, 3, missing),
        g.verbal_conflict.to_string(),
        g.material_conflict.to_string(),
        num(g.conflict_gap, 3, missing),
        num(g.conflict_gap_weighted, 3, missing),
    ]
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dyad = args.query.dyad()?;
    let (table, _, lo, hi) = load_table(&args.query.store, &[dyad.a.clone(), dyad.b.clone()])?;
    let series = table.series(&dyad, lo, hi);
    let (points, total) = gap_series(&series);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutFormat::Json => {
            let doc = serde_json::json!({ "dyad": dyad, "period": series.period, "points": points, "total": total });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        OutFormat::Csv => {
            let rows: Vec<Vec<String>> = points.iter().map(|p| row(p.period.label(), &p.gap, "")).collect();
            write_csv(&mut out, &HEADER, &rows)?;
        }
        OutFormat::Table => {
            let arrow = if dyad.directed { "→" } else { "↔" };
            if total.verbal_coop + total.material_coop + total.verbal_conflict + total.material_conflict == 0 {
                writeln!(out, "no coded events between {} and {} — no gap to measure", dyad.a, dyad.b)?;
            } else {
                let verdict = match total.coop_gap {
                    Some(g) if g > 0.2 => "more words than deeds",
                    Some(g) if g < -0.2 => "more deeds than words",
                    Some(_) => "words and deeds in balance",
                    None => "no cooperation recorded",
                };
                writeln!(
                    out,
                    "{} {arrow} {}: verbal cooperation {}, material cooperation {}, gap {} ({verdict})",
                    dyad.a,
                    dyad.b,
                    total.verbal_coop,
                    total.material_coop,
                    num(total.coop_gap, 3, "-")
                )?;
            }
            writeln!(out, "coop gap   {}", sparkline(&points.iter().map(|p| p.gap.coop_gap).collect::<Vec<_>>()))?;
            writeln!(out)?;
            let mut rows: Vec<Vec<String>> = points.iter().map(|p| row(p.period.label(), &p.gap, "-")).collect();
            rows.push(row("total".into(), &total, "-"));
            write_table(&mut out, &HEADER, &rows)?;
            writeln!(out, "\ngap = (verbal − material)/(verbal + material): +1 all talk, −1 all deeds; weighted: by |Goldstein| sums.")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
