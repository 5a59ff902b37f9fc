//! `faultline dict`: look up names, count and check the dictionaries.
//!
//! Every subcommand takes `--dict-dir DIR` (repeatable): the `*.txt` files
//! below DIR are read after the built-in dictionaries and override them
//! (see docs/dictionaries.md, "Overrides").

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use faultline_dict::Dictionaries;
use faultline_text::Date;

/// Subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the actor records a name refers to — or an actor + agent phrase
    /// such as "Chinese officials", or each part of a compound such as
    /// "Sino-Russian" — one JSON object per line. Exits 1 when nothing matches.
    Lookup {
        /// The name or phrase, e.g. "Li Zhanshu", "Beijing", "Russian troops".
        name: String,
        /// Only records valid on this date (YYYY-MM-DD); without it, every
        /// role is printed with its date range.
        #[arg(long)]
        date: Option<String>,
        /// Extra dictionary directory (repeatable); its entries override built-in ones.
        #[arg(long = "dict-dir", value_name = "DIR")]
        dict_dirs: Vec<PathBuf>,
        /// Read only the --dict-dir files, not the built-in dictionaries.
        #[arg(long)]
        no_builtin: bool,
    },
    /// Print counts by kind (countries, people, roles, orgs, patterns, …).
    Stats {
        /// Extra dictionary directory (repeatable).
        #[arg(long = "dict-dir", value_name = "DIR")]
        dict_dirs: Vec<PathBuf>,
        /// Print the counts as one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate the dictionaries: print every error and warning (duplicates,
    /// conflicting names, patterns under two codes). Exits 1 on errors.
    Check {
        /// Extra dictionary directory (repeatable).
        #[arg(long = "dict-dir", value_name = "DIR")]
        dict_dirs: Vec<PathBuf>,
        /// Check only the --dict-dir files, not the built-in dictionaries.
        #[arg(long)]
        no_builtin: bool,
        /// Do not print warnings, only errors and the summary.
        #[arg(long)]
        quiet: bool,
    },
}

/// Runs the command.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Lookup {
            name,
            date,
            dict_dirs,
            no_builtin,
        } => {
            let date = match date {
                Some(d) => Some(d.parse::<Date>().with_context(|| format!("--date `{d}`"))?),
                None => None,
            };
            let dicts = Dictionaries::load(!no_builtin, &dict_dirs)?;
            let records = dicts.lookup_any(&name, date);
            let mut out = std::io::stdout().lock();
            for r in &records {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
            if records.is_empty() {
                eprintln!(
                    "faultline: no actor named `{name}`{}",
                    date.map(|d| format!(" on {d}")).unwrap_or_default()
                );
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { dict_dirs, json } => {
            let dicts = Dictionaries::load(true, &dict_dirs)?;
            let s = dicts.stats();
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer(&mut out, &s)?;
                writeln!(out)?;
            } else {
                let value = serde_json::to_value(&s)?;
                if let Some(map) = value.as_object() {
                    for (k, v) in map {
                        writeln!(out, "{:<22} {v}", k.replace('_', " "))?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            dict_dirs,
            no_builtin,
            quiet,
        } => {
            let report = Dictionaries::check(!no_builtin, &dict_dirs);
            let mut out = std::io::stdout().lock();
            for e in &report.errors {
                writeln!(out, "{e}")?;
            }
            if !quiet {
                for w in &report.warnings {
                    writeln!(out, "{w}")?;
                }
            }
            let files = if no_builtin {
                0
            } else {
                faultline_dict::builtin_files().len()
            };
            writeln!(
                out,
                "{} error{}, {} warning{} ({} built-in file{}{})",
                report.errors.len(),
                if report.errors.len() == 1 { "" } else { "s" },
                report.warnings.len(),
                if report.warnings.len() == 1 { "" } else { "s" },
                files,
                if files == 1 { "" } else { "s" },
                if dict_dirs.is_empty() {
                    String::new()
                } else {
                    format!(", {} --dict-dir", dict_dirs.len())
                },
            )?;
            Ok(if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
