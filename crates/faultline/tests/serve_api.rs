//! `faultline serve` over real HTTP on a free loopback port, with a
//! database ingested from the demo corpus: the API answers, every page
//! renders, and bad requests get 4xx JSON errors.

mod serve_support;

use serve_support::{demo_db, get, request, scratch, Server};

fn error_of(r: &serve_support::Reply) -> (u64, String) {
    assert_eq!(r.header("content-type"), Some("application/json"), "{}", r.text());
    let v = r.json();
    let status = v["error"]["status"].as_u64().unwrap_or_else(|| panic!("no error.status in {v}"));
    assert_eq!(status, u64::from(r.status));
    (status, v["error"]["message"].as_str().unwrap().to_owned())
}

#[test]
fn api_pages_and_bad_requests() {
    let dir = scratch("serve-api");
    let db = demo_db(&dir);
    let server = Server::start(&db, &["--workers", "2"]);
    let a = server.addr;

    // The API on the demo corpus.
    let page = get(a, "/api/events?source=CHN&target=USA&limit=3").json();
    assert!(page["total"].as_u64().unwrap() > 3, "{page}");
    assert_eq!(page["events"].as_array().unwrap().len(), 3);
    assert!(page["events"].as_array().unwrap().iter().all(|e| e["source"]["country"] == "CHN" && e["target"]["country"] == "USA"));
    let next = get(a, "/api/events?source=CHN&target=USA&limit=3&offset=3").json();
    assert_ne!(page["events"][0]["event_id"], next["events"][0]["event_id"]);
    // Text search finds only events whose evidence has the words.
    let found = get(a, "/api/events?q=tariffs&limit=500").json();
    let events = found["events"].as_array().unwrap();
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["evidence"].as_str().unwrap().to_lowercase().contains("tariffs")));
    // A literal search: `%` is not a wildcard.
    assert_eq!(get(a, "/api/events?q=%25%25%25").json()["total"], 0);

    let dyad = get(a, "/api/dyad?a=USA&b=RUS&period=year").json();
    assert_eq!(dyad["period"], "year");
    assert!(dyad["points"].as_array().unwrap().len() >= 10, "{dyad}");
    assert!(get(a, "/api/gap?a=CHN&b=RUS&period=year").json()["total"]["verbal_coop"].as_u64().unwrap() > 0);
    let tri = get(a, "/api/triangle?a=USA&b=CHN&c=RUS").json();
    assert_eq!(tri["timeline"]["actors"], serde_json::json!(["USA", "CHN", "RUS"]));
    let rifts = get(a, "/api/rifts?actors=USA,CHN,RUS").json();
    let alerts = rifts.as_array().unwrap();
    assert!(!alerts.is_empty(), "the demo corpus has rift alerts");
    // Every evidence event's document is served, and the event is in it.
    for alert in alerts {
        for m in alert["evidence"].as_array().unwrap() {
            let doc_id = m["event"]["doc_id"].as_str().unwrap();
            let doc = get(a, &format!("/api/documents/{doc_id}")).json();
            assert!(doc["events"].as_array().unwrap().iter().any(|e| e["event_id"] == m["event"]["id"]), "{doc_id}");
        }
    }
    let openapi = get(a, "/api/openapi.json").json();
    assert_eq!(openapi["openapi"], "3.0.3");

    // Pages render with their main element.
    for (path, marker) in [
        ("/", "id=\"counts\""),
        ("/dyad?a=CHN&b=RUS&period=quarter", "<svg"),
        ("/dyad?a=USA&b=RUS", "id=\"series\""),
        ("/triangle", "id=\"timeline\""),
        ("/triangle?a=USA&b=CHN&c=RUS&period=quarter", "<svg"),
        ("/events?q=gas", "id=\"events\""),
        ("/rifts", "class=\"evidence-link\""),
        ("/documents/demo-2012-02-05-syria-double-veto", "<mark>"),
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let html = r.text();
        assert!(html.contains(marker), "{path} lacks {marker}");
        // Nothing is fetched from elsewhere (an SVG's `xmlns` is a name, not a fetch).
        for fetch in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "@import"] {
            assert!(!html.contains(fetch), "{path} refers to an external URL ({fetch})");
        }
    }
    // HEAD: headers, no body.
    let head = request(a, "HEAD", "/api/events", "", b"").unwrap();
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    // Bad requests: 4xx JSON errors naming the problem.
    let cases: &[(&str, u64, &str)] = &[
        ("/api/dyad?a=USA&b=XYZ", 422, "XYZ"),
        ("/api/events?source=QQQ", 422, "QQQ"),
        ("/api/events?source=U5A", 400, "ISO3"),
        ("/api/rifts?actors=USA,CHN,ZZZ", 422, "ZZZ"),
        ("/api/events?from=2023-02-30", 400, "`from`"),
        ("/api/events?to=yesterday", 400, "`to`"),
        ("/api/dyad?a=USA&b=RUS&from=2024-01-01&to=2023-01-01", 400, "after"),
        ("/api/dyad?a=USA&b=RUS&from=1000-01-01&to=2020-01-01", 400, "limit"),
        ("/api/events?limit=1000000", 400, "limit"),
        ("/api/events?limit=99999999999999999999999", 400, "limit"),
        ("/api/events?offset=-1", 400, "offset"),
        ("/api/events?quad=7", 400, "quad"),
        ("/api/events?root=99", 400, "root"),
        ("/api/events?sorce=CHN", 400, "unknown parameter"),
        ("/api/events?q=%E0%A4", 400, "UTF-8"),
        ("/api/events?q=%G1", 400, "percent"),
        ("/api/dyad?a=USA", 400, "missing parameter `b`"),
        ("/api/dyad?a=USA&b=USA", 400, "two states"),
        ("/api/dyad?a=USA&b=RUS&period=decade", 400, "period"),
        ("/api/votes?countries=USA,CHN", 404, "--votes"),
        ("/api/documents/..%2F..%2Fetc%2Fpasswd", 404, "no document"),
        ("/api/documents/../../etc/passwd", 404, "no document"),
        ("/api/documents/%2e%2e/%2e%2e/etc/passwd", 404, "no document"),
        ("/api/documents/no-such-doc", 404, "no document"),
        ("/api/nothing", 404, "no route"),
        ("/etc/passwd", 404, "no route"),
    ];
    for (target, status, words) in cases {
        let r = get(a, target);
        let (s, message) = error_of(&r);
        assert_eq!(s, *status, "{target}: {message}");
        assert!(message.contains(words), "{target}: `{message}` lacks `{words}`");
    }
    let long = format!("/api/events?q={}", "a".repeat(5000));
    assert_eq!(error_of(&get(a, &long)).0, 414);
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = request(a, method, "/api/events", "Content-Length: 0\r\n", b"").unwrap();
        assert_eq!(error_of(&r).0, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
    let r = request(a, "GET", "/api/events", "Content-Length: 5\r\n", b"hello").unwrap();
    assert_eq!(error_of(&r).0, 413);
    // Pages answer bad parameters with an HTML error page and the status.
    let r = get(a, "/dyad?a=USA&b=NOPE");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("id=\"error\""));
    // The server survived all of it.
    assert_eq!(get(a, "/api/events?limit=1").status, 200);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn refuses_non_loopback_and_missing_database() {
    let dir = scratch("serve-refuse");
    let db = demo_db(&dir);
    let out = std::process::Command::new(serve_support::bin())
        .args(["serve", "--bind", "0.0.0.0:0", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std::process::Command::new(serve_support::bin()).args(["serve", "--db"]).arg(dir.join("missing.db")).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.db"));
    let _ = std::fs::remove_dir_all(&dir);
}
