//! `faultline serve`: the local dashboard — a read-only JSON API over the
//! event database (documented at `/api/openapi.json`) and pages on top of
//! it (dyad explorer, triangle timeline, event browser, documents, rift
//! alerts). All the work is in `faultline-server`; this module only turns
//! arguments into its `Config`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

/// Arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  faultline demo --db demo.db && faultline serve --db demo.db    # then open http://127.0.0.1:8642/
  faultline serve --bind 127.0.0.1:0                              # any free port (printed on start)
  curl 'http://127.0.0.1:8642/api/events?source=CHN&target=RUS&q=gas&limit=5'")]
pub struct Args {
    /// The event database (opened read-only).
    #[arg(long, value_name = "PATH", default_value = "faultline.db")]
    db: PathBuf,
    /// Address to listen on (port 0: any free port).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8642")]
    bind: SocketAddr,
    /// Allow a non-loopback address (the dashboard has no authentication).
    #[arg(long)]
    allow_remote: bool,
    /// Worker threads, each with its own database connection.
    #[arg(long, value_name = "N", default_value_t = 4)]
    workers: usize,
    /// Seconds one request may spend in the database before it is interrupted (503).
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// UN votes (`rcid,country,country_code,vote`) for /api/votes; needs --roll-calls.
    #[arg(long, value_name = "FILE", requires = "roll_calls")]
    votes: Option<PathBuf>,
    /// UN roll calls (`rcid,session,importantvote,date,…`) for /api/votes; needs --votes.
    #[arg(long, value_name = "FILE", requires = "votes")]
    roll_calls: Option<PathBuf>,
}

/// Runs the command: serves until the process is stopped.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.db.is_file(), "{}: no such database (create one with `faultline ingest` or `faultline demo --db PATH`)", args.db.display());
    anyhow::ensure!((1..=64).contains(&args.workers), "--workers must be between 1 and 64");
    let mut config = faultline_server::Config::new(&args.db);
    config.bind = args.bind;
    config.allow_remote = args.allow_remote;
    config.workers = args.workers;
    config.query_timeout = Duration::from_secs(args.timeout.max(1));
    config.votes = args.votes.zip(args.roll_calls);
    let server = faultline_server::start(config).with_context(|| format!("cannot serve {}", args.db.display()))?;
    // The address line is the contract with scripts and tests that start
    // the server on port 0: print it and flush before serving.
    let mut out = std::io::stdout();
    writeln!(out, "faultline serve: listening on http://{}/ (database {}, read-only)", server.addr(), args.db.display())?;
    out.flush()?;
    server.join();
    Ok(ExitCode::SUCCESS)
}
