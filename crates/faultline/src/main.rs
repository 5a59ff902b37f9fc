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
    /// Inspect the CAMEO/PLOVER event ontology.
    #[command(subcommand)]
    Ontology(cmd::ontology::Command),
    /// Inspect the actor, agent and verb dictionaries.
    #[command(subcommand)]
    Dict(cmd::dict::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(args) => cmd::demo::run(args),
        Command::Sentences(args) => cmd::sentences::run(args),
        Command::Ontology(command) => cmd::ontology::run(command),
        Command::Dict(command) => cmd::dict::run(command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("faultline: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
