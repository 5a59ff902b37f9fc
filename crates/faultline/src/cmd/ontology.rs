//! Skeleton; filled in by its issue.

use std::process::ExitCode;

/// Subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Placeholder until built.
    Stats,
}

/// Runs the command.
pub fn run(_command: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
