//! Faultline's local dashboard: a read-only JSON API over the event store
//! and server-rendered pages on top of it (`faultline serve`).
//!
//! # Brief overview
//!
//! * [`http::Config`] says what to serve (database, address, workers,
//!   limits, optional UN vote files); [`http::start`] opens one read-only
//!   [`faultline_store::Store`] per worker, binds (loopback only unless
//!   allowed) and returns a [`http::Running`] server.
//! * Each request becomes a plain [`router::Request`]; [`router::handle`]
//!   refuses wrong methods, bodies and oversized targets, resolves the
//!   route ([`router::ROUTES`]), parses the query with [`query::parse_query`]
//!   into typed [`query::Params`], and calls one function of [`api`] (JSON)
//!   or [`pages`] (HTML with inline SVG charts drawn by
//!   `faultline-report`) — the pages use the same
//!   [`api`] functions. Failures are [`error::ApiError`]s, rendered as
//!   `{"error": {"status": …, "message": …}}`; panics become 500s.
//! * [`openapi::document`] describes the API (`/api/openapi.json`).
//!
//! `docs/server.md` lists the routes, limits and security choices.
//!
//! ```
//! use faultline_server::api::Limits;
//! use faultline_server::router::{handle, Context, Request};
//! use faultline_store::Store;
//!
//! let store = Store::open_in_memory()?;
//! let ctx = Context { store: &store, votes: None, limits: Limits::default() };
//! let get = |url: &str| handle(&ctx, &Request {
//!     method: "GET".into(), url: url.into(), content_length: None, has_transfer_encoding: false,
//! });
//! let ok = get("/api/events?source=CHN&from=2023-01-01&limit=10");
//! assert_eq!(ok.status, 200);
//! let page: serde_json::Value = serde_json::from_slice(&ok.body)?;
//! assert_eq!(page["total"], 0);
//!
//! let bad = get("/api/events?from=2023-02-30");
//! assert_eq!(bad.status, 400);
//! let err: serde_json::Value = serde_json::from_slice(&bad.body)?;
//! assert!(err["error"]["message"].as_str().unwrap().contains("`from`"));
//! assert_eq!(get("/api/documents/..%2F..%2Fetc%2Fpasswd").status, 404);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod api;
pub mod data;
pub mod error;
pub mod http;
pub mod openapi;
pub mod pages;
pub mod query;
pub mod router;

pub use error::{ApiError, ServerError};
pub use http::{start, Config, Running};
