//! The `faultline` command: a thin shell over the Faultline libraries.
//!
//! Each subcommand lives in its own module under `cmd/`, parses its
//! arguments with `clap`, calls the libraries and formats the result. No
//! domain logic lives here.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// Faultline reads news and tells you who did what to whom, when — coded in
/// CAMEO and PLOVER — and how close or far apart states really are.
///
/// Measure what states do, not what they say.
#[derive(Debug, Parser)]
#[command(name = "faultline", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "Start with `faultline demo`. Every command has its own --help.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the bundled demonstration: read a bundled article and show what Faultline finds.
    Demo(cmd::demo::Args),
    /// Split documents into sentences with byte offsets and resolved dates (one JSON object per line).
    Sentences(cmd::sentences::Args),
    /// Code events from documents: who did what to whom, when (CAMEO + PLOVER), one event per line.
    Code(cmd::code::Args),
    /// Inspect the CAMEO/PLOVER event ontology.
    #[command(subcommand)]
    Ontology(cmd::ontology::Command),
    /// Inspect the actor, agent and verb dictionaries.
    #[command(subcommand)]
    Dict(cmd::dict::Command),
    /// Code documents and store them (documents, sentences, all events) in the event database.
    Ingest(cmd::ingest::Args),
    /// Import GDELT, ICEWS, Phoenix or POLECAT event files into the event database.
    Import(cmd::import::Args),
    /// Export stored events as CSV, JSONL, Parquet or GDELT 2.0.
    Export(cmd::export::Args),
    /// List stored events by dyad, date, CAMEO root and quad class.
    Events(cmd::events::Args),
    /// Run SQL on the event database (read-only unless --write).
    Sql(cmd::sql::Args),
    /// Read PETRARCH/TABARI dictionaries and parsed XML: run unit-test suites, code PETR XML.
    #[command(subcommand)]
    Petrarch(cmd::petrarch::Command),
    /// A dyad's event series per period: counts per quad class, Goldstein sum and mean, normalised.
    Dyad(cmd::dyad::Args),
    /// Says vs does: verbal vs material cooperation (and conflict) of a dyad, with the gap index.
    Gap(cmd::gap::Args),
    /// UN General Assembly vote affinity (S, kappa, pi) per session or year.
    Votes(cmd::votes::Args),
    /// The strategic triangle of three states: configurations, roles, transitions.
    Triangle(cmd::triangle::Args),
    /// Rift alerts: a partnership cooling while a third state's ties to both hold.
    Rifts(cmd::rifts::Args),
    /// Serve the local dashboard: a read-only JSON API and pages (dyads, triangle, events, documents, rift alerts).
    Serve(cmd::serve::Args),
    /// Charts as SVG or PNG: dyad series, says vs does, vote affinity, triangle diagram and timeline.
    #[command(subcommand)]
    Plot(cmd::plot::Command),
    /// One self-contained HTML report: charts, tables, rift alerts with their evidence sentences.
    Report(cmd::report::Args),
}

fn main() -> ExitCode {
    match dispatch(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("faultline: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the command line `argv` (without the program name) exactly as the
/// binary would. The demo uses it to run the real commands rather than
/// copies of them.
pub(crate) fn run_command<I, S>(argv: I) -> anyhow::Result<ExitCode>
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::try_parse_from(std::iter::once(std::ffi::OsString::from("faultline")).chain(argv.into_iter().map(Into::into)))?;
    dispatch(cli)
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Demo(args) => cmd::demo::run(args),
        Command::Sentences(args) => cmd::sentences::run(args),
        Command::Code(args) => cmd::code::run(args),
        Command::Ontology(command) => cmd::ontology::run(command),
        Command::Dict(command) => cmd::dict::run(command),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Events(args) => cmd::events::run(args),
        Command::Sql(args) => cmd::sql::run(args),
        Command::Petrarch(command) => cmd::petrarch::run(command),
        Command::Dyad(args) => cmd::dyad::run(args),
        Command::Gap(args) => cmd::gap::run(args),
        Command::Votes(args) => cmd::votes::run(args),
        Command::Triangle(args) => cmd::triangle::run(args),
        Command::Rifts(args) => cmd::rifts::run(args),
        Command::Plot(command) => cmd::plot::run(command),
        Command::Report(args) => cmd::report::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    }
}
