//! Arbitrary bytes as a dashboard request: the query-string parser must
//! accept or refuse with a 4xx, never panic; what it accepts must respect
//! its limits; and the whole router, run on the bytes as a request target
//! against an empty store, must answer with a well-formed status and never
//! a 500 (a 500 means a handler panicked or hit an internal error).

#![no_main]

use faultline_server::api::Limits;
use faultline_server::query::{parse_query, percent_decode, percent_encode, MAX_PARAMS, MAX_QUERY_LEN};
use faultline_server::router::{handle, Context, Request};
use faultline_store::Store;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // An empty in-memory store: handlers run every validation and query
    // path cheaply. `Store` is not `Sync`, hence one per thread.
    static STORE: Store = Store::open_in_memory().expect("in-memory store");
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    match parse_query(s) {
        Ok(p) => {
            assert!(s.len() <= MAX_QUERY_LEN);
            assert!(p.pairs().len() <= MAX_PARAMS);
            for (k, v) in p.pairs() {
                // Decoded values re-encode to something that decodes back.
                assert_eq!(&percent_decode(&percent_encode(v, false), false).unwrap(), v);
                assert!(!k.is_empty());
            }
        }
        Err(e) => assert!((400..500).contains(&e.status), "{e}"),
    }
    STORE.with(|store| {
        let ctx = Context { store, votes: None, limits: Limits::default() };
        for url in [format!("/api/events?{s}"), format!("/api/dyad?{s}"), format!("/api/rifts?{s}"), format!("/{s}"), format!("/api/documents/{s}")] {
            let r = handle(&ctx, &Request { method: "GET".into(), url, content_length: None, has_transfer_encoding: false });
            assert!((200..600).contains(&r.status));
            assert_ne!(r.status, 500, "{}", String::from_utf8_lossy(&r.body));
        }
    });
});
