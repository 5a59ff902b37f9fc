//! Routing: a plain [`Request`] in, a plain [`Response`] out. The HTTP
//! layer ([`crate::http`]) only copies bytes between these and the socket,
//! so every rule here — methods, sizes, routes, errors — is testable
//! without a network.

use std::panic::{catch_unwind, AssertUnwindSafe};

use faultline_analysis::votes::VoteData;
use faultline_store::Store;

use crate::api::{self, Limits};
use crate::error::ApiError;
use crate::query::{parse_query, percent_decode, shorten};
use crate::{openapi, pages};

/// Longest request target (path and query) accepted, in bytes.
pub const MAX_URL_LEN: usize = 4096;

/// What the router needs of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Method, upper case.
    pub method: String,
    /// Request target as sent: path and query, still percent-encoded.
    pub url: String,
    /// The body length the client announced (`Content-Length`), if any.
    pub content_length: Option<u64>,
    /// The client sent a `Transfer-Encoding` header (a body of unknown length).
    pub has_transfer_encoding: bool,
}

/// A response ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Extra headers (`Allow` on a 405).
    pub headers: Vec<(&'static str, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// A JSON response.
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response { status, content_type: "application/json", headers: Vec::new(), body: value.to_string().into_bytes() }
    }

    /// An HTML page.
    pub fn html(status: u16, page: String) -> Response {
        Response { status, content_type: "text/html; charset=utf-8", headers: Vec::new(), body: page.into_bytes() }
    }

    /// An error as `{"error": {"status": …, "message": …}}`.
    pub fn error(e: &ApiError) -> Response {
        let mut r = Response::json(e.status, &e.to_json());
        if e.status == 405 {
            r.headers.push(("Allow", "GET, HEAD".into()));
        }
        r
    }
}

/// Whether a route answers JSON or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Under `/api/`: JSON, described in the OpenAPI document.
    Api,
    /// A server-rendered page.
    Page,
}

/// Every route, as an OpenAPI-style path template. The OpenAPI document
/// lists exactly the [`Kind::Api`] ones (a test checks both directions).
pub const ROUTES: &[(&str, Kind)] = &[
    ("/", Kind::Page),
    ("/dyad", Kind::Page),
    ("/triangle", Kind::Page),
    ("/events", Kind::Page),
    ("/rifts", Kind::Page),
    ("/documents/{id}", Kind::Page),
    ("/api/openapi.json", Kind::Api),
    ("/api/events", Kind::Api),
    ("/api/dyad", Kind::Api),
    ("/api/gap", Kind::Api),
    ("/api/votes", Kind::Api),
    ("/api/triangle", Kind::Api),
    ("/api/rifts", Kind::Api),
    ("/api/documents/{id}", Kind::Api),
];

/// A resolved route: its template in [`ROUTES`] and the document id, if
/// the template has one (percent-decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The template.
    pub template: &'static str,
    /// The `{id}` part, decoded.
    pub id: Option<String>,
}

/// Finds the route of a (still encoded) path. Document ids may contain
/// slashes, so `{id}` takes the whole rest of the path; it is decoded once
/// and is only ever a database key.
pub fn resolve(path: &str) -> Result<Resolved, ApiError> {
    for (template, _) in ROUTES {
        if let Some(prefix) = template.strip_suffix("{id}") {
            if let Some(rest) = path.strip_prefix(prefix) {
                if rest.is_empty() {
                    return Err(ApiError::not_found(format!("`{prefix}` needs a document id")));
                }
                let id = percent_decode(rest, false)?;
                // Ids are keys, not paths, but a traversal-shaped or NUL-bearing
                // id is never a document Faultline stored: refuse it plainly.
                if id.contains('\0') || id.split(['/', '\\']).any(|seg| seg == "..") {
                    return Err(ApiError::not_found(format!("no document with id `{}`", shorten(&id))));
                }
                return Ok(Resolved { template, id: Some(id) });
            }
        } else if path == *template {
            return Ok(Resolved { template, id: None });
        }
    }
    Err(ApiError::not_found(format!("no route `{}`; see /api/openapi.json for the API and / for the pages", shorten(path))))
}

/// What every request handler shares: the read-only store of this worker,
/// optional UN votes and the limits.
pub struct Context<'a> {
    /// This worker's read-only store.
    pub store: &'a Store,
    /// UN votes, when loaded.
    pub votes: Option<&'a VoteData>,
    /// Query limits.
    pub limits: Limits,
}

/// Answers one request. Never panics: a panic in a handler becomes a 500
/// JSON error (and the worker carries on with the next request).
pub fn handle(ctx: &Context<'_>, req: &Request) -> Response {
    match catch_unwind(AssertUnwindSafe(|| respond(ctx, req))) {
        Ok(r) => r,
        Err(_) => Response::error(&ApiError::internal("internal error while answering this request (a bug; please report it)")),
    }
}

fn respond(ctx: &Context<'_>, req: &Request) -> Response {
    if req.url.len() > MAX_URL_LEN {
        return Response::error(&ApiError { status: 414, message: format!("request target of {} bytes; the limit is {MAX_URL_LEN}", req.url.len()) });
    }
    if req.method != "GET" && req.method != "HEAD" {
        return Response::error(&ApiError { status: 405, message: format!("method {} not allowed: the dashboard is read-only (GET, HEAD)", shorten(&req.method)) });
    }
    if req.has_transfer_encoding || req.content_length.is_some_and(|n| n > 0) {
        return Response::error(&ApiError { status: 413, message: "requests must not have a body".into() });
    }
    let (path, query) = req.url.split_once('?').unwrap_or((&req.url, ""));
    // A fragment never reaches a server, but a hand-made request may carry one.
    let query = query.split('#').next().unwrap_or("");
    let resolved = match resolve(path) {
        Ok(r) => r,
        Err(e) => return Response::error(&e),
    };
    let kind = ROUTES.iter().find(|(t, _)| *t == resolved.template).map_or(Kind::Api, |r| r.1);
    let params = match parse_query(query) {
        Ok(p) => p,
        Err(e) => return page_or_json(kind, e),
    };
    let store = ctx.store;
    let l = &ctx.limits;
    let json = |v: Result<serde_json::Value, ApiError>| match v {
        Ok(v) => Response::json(200, &v),
        Err(e) => Response::error(&e),
    };
    fn val<T: serde::Serialize>(r: Result<T, ApiError>) -> Result<serde_json::Value, ApiError> {
        r.and_then(|v| serde_json::to_value(v).map_err(|e| ApiError::internal(format!("cannot serialise the answer: {e}"))))
    }
    match resolved.template {
        "/api/openapi.json" => Response::json(200, &openapi::document()),
        "/api/events" => json(val(api::events(store, &params, l))),
        "/api/dyad" => json(val(api::dyad(store, &params, l))),
        "/api/gap" => json(val(api::gap(store, &params, l))),
        "/api/votes" => json(val(api::votes(ctx.votes, &params))),
        "/api/triangle" => json(val(api::triangle(store, &params, l))),
        "/api/rifts" => json(val(api::rifts(store, &params, l))),
        "/api/documents/{id}" => json(val(api::document(store, resolved.id.as_deref().unwrap_or_default()))),
        "/" => page(pages::index(ctx)),
        "/dyad" => page(pages::dyad(ctx, &params)),
        "/triangle" => page(pages::triangle(ctx, &params)),
        "/events" => page(pages::events(ctx, &params)),
        "/rifts" => page(pages::rifts(ctx, &params)),
        "/documents/{id}" => page(pages::document(ctx, resolved.id.as_deref().unwrap_or_default())),
        other => Response::error(&ApiError::internal(format!("route {other} has no handler"))),
    }
}

fn page(r: Result<String, ApiError>) -> Response {
    match r {
        Ok(html) => Response::html(200, html),
        Err(e) => Response::html(e.status, pages::error_page(&e)),
    }
}

fn page_or_json(kind: Kind, e: ApiError) -> Response {
    match kind {
        Kind::Api => Response::error(&e),
        Kind::Page => Response::html(e.status, pages::error_page(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_resolves_to_itself() {
        for (t, _) in ROUTES {
            let path = t.replace("{id}", "some/doc%20id");
            let r = resolve(&path).unwrap();
            assert_eq!(r.template, *t);
            if t.contains("{id}") {
                assert_eq!(r.id.as_deref(), Some("some/doc id"));
            }
        }
    }

    #[test]
    fn every_template_has_a_handler() {
        let store = Store::open_in_memory().unwrap();
        let ctx = Context { store: &store, votes: None, limits: Limits::default() };
        for (t, _) in ROUTES {
            let url = t.replace("{id}", "x");
            let r = handle(&ctx, &Request { method: "GET".into(), url: url.clone(), content_length: None, has_transfer_encoding: false });
            // Empty store: 200, or a 4xx about the data or parameters — never "no handler".
            assert_ne!(r.status, 500, "{url}: {}", String::from_utf8_lossy(&r.body));
        }
    }

    #[test]
    fn traversal_and_unknown_paths_are_404() {
        for p in ["/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/../../etc/passwd", "/documents/a%00b", "/api/nothing", "/etc/passwd", "/api/documents/"] {
            assert_eq!(resolve(p).unwrap_err().status, 404, "{p}");
        }
        assert_eq!(resolve("/api/documents/%zz").unwrap_err().status, 400);
    }

    #[test]
    fn openapi_lists_exactly_the_api_routes() {
        let doc = openapi::document();
        let paths: std::collections::BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
        let api: std::collections::BTreeSet<String> = ROUTES.iter().filter(|r| r.1 == Kind::Api).map(|r| r.0.to_owned()).collect();
        assert_eq!(paths, api);
        // Each documented query parameter is one the handler accepts.
        for (path, params) in [
            ("/api/events", api::EVENTS_PARAMS),
            ("/api/dyad", api::DYAD_PARAMS),
            ("/api/gap", api::DYAD_PARAMS),
            ("/api/triangle", api::TRIANGLE_PARAMS),
            ("/api/rifts", api::RIFTS_PARAMS),
            ("/api/votes", api::VOTES_PARAMS),
        ] {
            let documented: std::collections::BTreeSet<&str> = doc["paths"][path]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            let accepted: std::collections::BTreeSet<&str> = params.iter().copied().collect();
            assert_eq!(documented, accepted, "{path}");
        }
    }

    #[test]
    fn methods_bodies_and_sizes_are_refused_before_any_query() {
        let store = Store::open_in_memory().unwrap();
        let ctx = Context { store: &store, votes: None, limits: Limits::default() };
        let req = |m: &str, url: &str, len: Option<u64>| Request { method: m.into(), url: url.into(), content_length: len, has_transfer_encoding: false };
        let status = |r: Request| {
            let resp = handle(&ctx, &r);
            let v: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
            assert_eq!(v["error"]["status"], resp.status);
            resp.status
        };
        assert_eq!(status(req("POST", "/api/events", None)), 405);
        assert_eq!(status(req("GET", "/api/events", Some(10))), 413);
        assert_eq!(status(req("GET", &format!("/api/events?q={}", "a".repeat(MAX_URL_LEN)), None)), 414);
        assert_eq!(status(req("GET", "/nope", None)), 404);
        assert_eq!(status(req("GET", "/api/events?limit=100000", None)), 400);
        assert_eq!(status(req("GET", "/api/dyad?a=USA&b=QQQ", None)), 422);
        assert_eq!(status(req("GET", "/api/votes?countries=USA,CHN", None)), 404);
        let ok = handle(&ctx, &req("GET", "/api/events?source=USA&q=50%25_off", None));
        assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    }
}
