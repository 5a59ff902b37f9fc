//! `faultline votes`: UN General Assembly vote affinity (Signorino–Ritter S,
//! Cohen's κ and Scott's π with quadratic weights) per session or year for
//! every pair of the given countries. Reads the vote files directly; needs
//! no database.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use faultline_analysis::render::{num, sparkline};
use faultline_analysis::votes::{AffinityRow, VoteData, VotePeriod};

use super::dyad::{countries, write_csv, write_table, OutFormat};

/// How roll calls are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    /// General Assembly session.
    Session,
    /// Calendar year.
    Year,
}

impl From<ByArg> for VotePeriod {
    fn from(b: ByArg) -> VotePeriod {
        match b {
            ByArg::Session => VotePeriod::Session,
            ByArg::Year => VotePeriod::Year,
        }
    }
}

/// Vote files shared with `triangle --source votes`.
#[derive(Debug, Clone, clap::Args)]
pub struct VoteFiles {
    /// Votes: `rcid,country,country_code,vote` (unvotes layout).
    #[arg(long, value_name = "FILE")]
    pub votes: Option<PathBuf>,
    /// Roll calls: `rcid,session,importantvote,date,…`.
    #[arg(long, value_name = "FILE")]
    pub roll_calls: Option<PathBuf>,
    /// Group by session or year.
    #[arg(long, value_enum, default_value_t = ByArg::Session)]
    pub by: ByArg,
    /// Only roll calls marked important.
    #[arg(long)]
    pub important: bool,
}

impl VoteFiles {
    /// Reads both files (both must be given).
    pub fn read(&self) -> anyhow::Result<VoteData> {
        let (Some(v), Some(r)) = (&self.votes, &self.roll_calls) else {
            anyhow::bail!("vote affinity needs both --votes FILE and --roll-calls FILE");
        };
        VoteData::read_files(v, r).context("cannot read the UN votes")
    }
}

/// The vote files, countries and sessions to compare: shared by `votes`
/// and `plot votes`.
#[derive(Debug, clap::Args)]
pub struct VoteQuery {
    #[command(flatten)]
    pub files: VoteFiles,
    /// Countries (ISO3, comma-separated, at least two), e.g. USA,CHN,RUS.
    #[arg(long, value_name = "ISO3,…", value_delimiter = ',', required = true)]
    pub countries: Vec<String>,
    /// First session or year (inclusive).
    #[arg(long, value_name = "N")]
    pub from: Option<u32>,
    /// Last session or year (inclusive).
    #[arg(long, value_name = "N")]
    pub to: Option<u32>,
}

impl VoteQuery {
    /// The countries, checked: ISO3 codes, at least two.
    pub fn countries(&self) -> anyhow::Result<Vec<String>> {
        let codes = countries(&self.countries)?;
        anyhow::ensure!(codes.len() >= 2, "--countries needs at least two countries");
        Ok(codes)
    }

    /// The affinity of every pair of `codes` in `data`, grouped and
    /// limited as the options say.
    pub fn affinity_table(&self, data: &VoteData, codes: &[String]) -> Vec<AffinityRow> {
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        data.affinity_table(&refs, self.files.by.into(), self.from, self.to, self.files.important)
    }
}

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    query: VoteQuery,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let codes = args.query.countries()?;
    let data = args.query.files.read()?;
    for c in &codes {
        if !data.has_country(c) {
            eprintln!("faultline: warning: {c} has no votes in the file; its rows have n = 0");
        }
    }
    let rows = args.query.affinity_table(&data, &codes);
    let cells = |missing: &str| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                vec![
                    r.period.to_string(),
                    r.a.clone(),
                    r.b.clone(),
                    r.affinity.n.to_string(),
                    num(r.affinity.s, 4, missing),
                    num(r.affinity.kappa, 4, missing),
                    num(r.affinity.pi, 4, missing),
                ]
            })
            .collect()
    };
    let header = ["period", "a", "b", "n", "s", "kappa", "pi"];
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?,
        OutFormat::Csv => write_csv(&mut out, &header, &cells(""))?,
        OutFormat::Table => {
            for (i, a) in codes.iter().enumerate() {
                for b in &codes[i + 1..] {
                    let s: Vec<Option<f64>> = rows.iter().filter(|r| r.a == *a && r.b == *b).map(|r| r.affinity.s).collect();
                    writeln!(out, "{a}-{b}  S {}", sparkline(&s))?;
                }
            }
            writeln!(out)?;
            write_table(&mut out, &header, &cells("-"))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
