//! The HTTP layer: `tiny_http` accepts connections; a fixed pool of
//! workers, each with its own read-only [`Store`] connection (SQLite
//! connections are not shared between threads), answers through
//! [`router::handle`]. A watchdog interrupts any query that runs past the
//! time limit.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use faultline_analysis::votes::VoteData;
use faultline_store::rusqlite::InterruptHandle;
use faultline_store::Store;

use crate::api::Limits;
use crate::error::ServerError;
use crate::router::{self, Context, Request};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The event database (opened read-only).
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free one.
    pub bind: SocketAddr,
    /// Allow a non-loopback address.
    pub allow_remote: bool,
    /// Worker threads (each with its own database connection).
    pub workers: usize,
    /// Longest time one request may spend in the database.
    pub query_timeout: Duration,
    /// Query limits.
    pub limits: Limits,
    /// UN vote files (`votes`, `roll calls`), for `/api/votes`.
    pub votes: Option<(PathBuf, PathBuf)>,
}

impl Config {
    /// Defaults for `db` on 127.0.0.1:8642.
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config {
            db: db.into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 8642)),
            allow_remote: false,
            workers: 4,
            query_timeout: Duration::from_secs(10),
            limits: Limits::default(),
            votes: None,
        }
    }
}

/// A running server.
pub struct Running {
    addr: SocketAddr,
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    watchdog: Option<JoinHandle<()>>,
}

/// One worker's in-flight request start, watched by the watchdog.
struct Slot {
    started: Mutex<Option<Instant>>,
    interrupt: InterruptHandle,
}

/// Opens the database, binds and starts the workers. Errors name the
/// database or the address.
pub fn start(config: Config) -> Result<Running, ServerError> {
    if !config.bind.ip().is_loopback() && !config.allow_remote {
        return Err(ServerError::NotLoopback(config.bind));
    }
    let votes = match &config.votes {
        Some((v, r)) => Some(Arc::new(
            VoteData::read_files(v, r).map_err(|source| ServerError::Votes { votes: v.clone(), roll_calls: r.clone(), source })?,
        )),
        None => None,
    };
    // Open every connection before binding: a bad database fails at once.
    let stores: Vec<Store> = (0..config.workers.max(1)).map(|_| Store::open_read_only(&config.db)).collect::<Result<_, _>>()?;
    let server = tiny_http::Server::http(config.bind).map_err(|e| ServerError::Bind { addr: config.bind, message: e.to_string() })?;
    let addr = server.server_addr().to_ip().ok_or_else(|| ServerError::Bind { addr: config.bind, message: "not an IP socket".into() })?;
    let server = Arc::new(server);
    let stop = Arc::new(AtomicBool::new(false));
    let mut slots = Vec::new();
    let mut workers = Vec::new();
    for store in stores {
        let slot = Arc::new(Slot { started: Mutex::new(None), interrupt: store.conn().get_interrupt_handle() });
        slots.push(slot.clone());
        let (server, votes, limits) = (server.clone(), votes.clone(), config.limits);
        workers.push(std::thread::spawn(move || worker(&server, &store, votes.as_deref(), limits, &slot)));
    }
    let watchdog = {
        let (stop, timeout) = (stop.clone(), config.query_timeout);
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                for s in &slots {
                    // Interrupt while holding the lock: the worker cannot
                    // finish this request and start the next one in between,
                    // so only the request that overran is interrupted.
                    if let Ok(g) = s.started.lock() {
                        if g.is_some_and(|t| t.elapsed() > timeout) {
                            s.interrupt.interrupt();
                        }
                    }
                }
            }
        })
    };
    Ok(Running { addr, server, workers, stop, watchdog: Some(watchdog) })
}

fn worker(server: &tiny_http::Server, store: &Store, votes: Option<&VoteData>, limits: Limits, slot: &Slot) {
    let ctx = Context { store, votes, limits };
    // `incoming_requests` ends when the server is unblocked (shutdown).
    while let Ok(rq) = server.recv() {
        let header = |name: &str| rq.headers().iter().find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name)).map(|h| h.value.as_str().to_owned());
        let req = Request {
            method: rq.method().as_str().to_ascii_uppercase(),
            url: rq.url().to_owned(),
            content_length: header("content-length").map(|v| v.trim().parse().unwrap_or(u64::MAX)),
            has_transfer_encoding: header("transfer-encoding").is_some(),
        };
        if let Ok(mut g) = slot.started.lock() {
            *g = Some(Instant::now());
        }
        let resp = router::handle(&ctx, &req);
        if let Ok(mut g) = slot.started.lock() {
            *g = None;
        }
        // Never read a body: a client that sent one gets its 413 and the
        // connection is closed rather than reused with unread bytes.
        let close = req.content_length.is_some_and(|n| n > 0) || req.has_transfer_encoding;
        let mut out = tiny_http::Response::from_data(resp.body).with_status_code(resp.status);
        let mut headers = vec![
            ("Content-Type", resp.content_type.to_owned()),
            ("X-Content-Type-Options", "nosniff".to_owned()),
            ("Cache-Control", "no-store".to_owned()),
        ];
        if close {
            headers.push(("Connection", "close".to_owned()));
        }
        headers.extend(resp.headers);
        for (k, v) in headers {
            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                out.add_header(h);
            }
        }
        // A client that went away is not our error.
        let _ = rq.respond(out);
    }
}

impl Running {
    /// The address actually bound (the port, when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until the process ends.
    pub fn join(mut self) {
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }

    /// Stops accepting, lets the workers finish and returns.
    pub fn shutdown(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        if let Some(w) = self.watchdog.take() {
            let _ = w.join();
        }
    }
}
