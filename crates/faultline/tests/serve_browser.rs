//! End-to-end tests in a real browser: `faultline serve` on a free
//! loopback port with the demo corpus, driven through Debian's headless
//! Chromium by chromedriver over the WebDriver protocol (a minimal client
//! below, on the same raw HTTP as the API tests). Loads each page, searches
//! the event browser, clicks from a rift alert through to its evidence, and
//! writes screenshots to `<target>/screenshots/`.
//!
//! Without chromium/chromedriver the test prints why it is skipped; under
//! `CI=true` it fails instead (`.ci/run` installs both).

mod serve_support;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use serve_support::{demo_db, request, scratch, target_dir, Server};

fn find_in_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|d| names.iter().map(move |n| d.join(n))).find(|p| p.is_file())
}

/// chromedriver, killed on drop.
struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(exe: &Path, log: &Path) -> Driver {
        // A free port: bind, read it, release it for chromedriver.
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(exe)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let d = Driver { child, addr: SocketAddr::from(([127, 0, 0, 1], port)) };
        let t0 = Instant::now();
        loop {
            if let Ok(r) = request(d.addr, "GET", "/status", "", b"") {
                if r.json()["value"]["ready"] == true {
                    return d;
                }
            }
            assert!(t0.elapsed() < Duration::from_secs(30), "chromedriver did not become ready (log: {})", log.display());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let headers = if method == "POST" { format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()) } else { String::new() };
        let r = request(self.addr, method, path, &headers, body.as_bytes()).unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let v = r.json();
        if r.status != 200 {
            panic!("WebDriver {method} {path}: {} {}", r.status, v["value"]);
        }
        v["value"].clone()
    }
}

/// One browser session.
struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Session<'_> {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }
    fn go(&self, url: &str) {
        self.driver.call("POST", &self.path("/url"), Some(json!({ "url": url })));
    }
    fn url(&self) -> String {
        self.driver.call("GET", &self.path("/url"), None).as_str().unwrap().to_owned()
    }
    fn find(&self, css: &str) -> String {
        let v = self.driver.call("POST", &self.path("/element"), Some(json!({ "using": "css selector", "value": css })));
        v.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_owned()
    }
    fn js(&self, script: &str) -> Value {
        self.driver.call("POST", &self.path("/execute/sync"), Some(json!({ "script": script, "args": [] })))
    }
    fn click(&self, element: &str) {
        self.driver.call("POST", &self.path(&format!("/element/{element}/click")), Some(json!({})));
    }
    fn type_into(&self, element: &str, text: &str) {
        self.driver.call("POST", &self.path(&format!("/element/{element}/clear")), Some(json!({})));
        self.driver.call("POST", &self.path(&format!("/element/{element}/value")), Some(json!({ "text": text })));
    }
    fn wait_for(&self, what: &str, script: &str) {
        let t0 = Instant::now();
        while self.js(script) != true {
            assert!(t0.elapsed() < Duration::from_secs(20), "timed out waiting for {what} at {}", self.url());
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// A PNG of the page, written to `dir/name.png`; returns its path.
    fn screenshot(&self, dir: &Path, name: &str) -> PathBuf {
        let b64 = self.driver.call("GET", &self.path("/screenshot"), None);
        let png = base64_decode(b64.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn pages_in_chromium_and_rift_click_through() {
    let (Some(chromium), Some(chromedriver)) = (find_in_path(&["chromium", "chromium-browser"]), find_in_path(&["chromedriver"])) else {
        let why = "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{why}; .ci/run installs them");
        }
        eprintln!("skipping the browser test: {why}");
        return;
    };
    let dir = scratch("serve-browser");
    let shots = target_dir().join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let db = demo_db(&dir);
    let server = Server::start(&db, &[]);
    let base = server.base();
    let driver = Driver::start(&chromedriver, &dir.join("chromedriver.log"));
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let caps = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium.display().to_string(),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1400",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    }}});
    let created = driver.call("POST", "/session", Some(caps));
    let session = Session { driver: &driver, id: created["sessionId"].as_str().unwrap().to_owned() };

    // Each page loads and shows its main content.
    let pages = [
        ("overview", "/", "#counts td"),
        ("dyad", "/dyad?a=USA&b=RUS&period=year", "#series tr + tr"),
        ("dyad-china-russia-quarter", "/dyad?a=CHN&b=RUS&period=quarter", "figure.chart svg"),
        ("triangle", "/triangle?a=USA&b=CHN&c=RUS&period=year", "#timeline tr + tr"),
        ("events", "/events", "#events tr + tr"),
        ("rifts", "/rifts?actors=USA,CHN,RUS&period=year", ".rift .evidence-link"),
        ("document", "/documents/demo-2012-02-05-syria-double-veto", "#text mark"),
    ];
    let mut written = Vec::new();
    for (name, path, css) in pages {
        session.go(&format!("{base}{path}"));
        session.find(css);
        // Nothing on the page may point outside the server.
        let external = session.js("return [...document.querySelectorAll('[src],[href]')].map(e => e.src || e.href).filter(u => u && !u.startsWith(location.origin)).length");
        assert_eq!(external, 0, "{name} links outside the server");
        written.push(session.screenshot(&shots, name));
    }

    // The charts are drawn: the dyad page has the series and says-vs-does
    // charts, the triangle page the timeline and the diagram, each with
    // real content and a visible size.
    for (path, n) in [("/dyad?a=USA&b=RUS&period=year", 2), ("/triangle?a=USA&b=CHN&c=RUS&period=year", 2)] {
        session.go(&format!("{base}{path}"));
        let sizes = session.js("return [...document.querySelectorAll('figure.chart svg')].map(s => { const r = s.getBoundingClientRect(); return [s.querySelectorAll('*').length, r.width, r.height]; })");
        let sizes = sizes.as_array().unwrap();
        assert_eq!(sizes.len(), n, "{path}: {sizes:?}");
        for s in sizes {
            assert!(s[0].as_u64().unwrap() > 20 && s[1].as_f64().unwrap() > 200.0 && s[2].as_f64().unwrap() > 100.0, "{path}: chart {s}");
        }
    }

    // Triangle: clicking a period's configuration draws that period's diagram.
    session.go(&format!("{base}/triangle?a=USA&b=CHN&c=RUS&period=year"));
    let first = session.find("#timeline a[href*='at=']");
    let period = session.js("return document.querySelector('#timeline a[href*=\"at=\"]').closest('tr').cells[0].textContent").as_str().unwrap().to_owned();
    session.click(&first);
    session.wait_for("the chosen period", "return location.search.includes('at=') && document.readyState === 'complete'");
    let titles = session.js("return [...document.querySelectorAll('figure.chart svg title')].map(t => t.textContent)");
    assert!(titles.as_array().unwrap().iter().any(|t| t.as_str().unwrap().contains(&format!("in {period}"))), "{titles} lacks {period}");
    written.push(session.screenshot(&shots, "triangle-first-period"));

    // Event browser: type a search, submit, every row's evidence has it.
    session.go(&format!("{base}/events"));
    let q = session.find("input[name=q]");
    session.type_into(&q, "sanctions");
    let button = session.find("form.filters button");
    session.click(&button);
    session.wait_for("the search results", "return location.search.includes('q=sanctions')");
    let rows = session.js("return [...document.querySelectorAll('#events tr + tr')].map(r => r.cells[6].textContent.toLowerCase())");
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty(), "no events mention sanctions");
    assert!(rows.iter().all(|r| r.as_str().unwrap().contains("sanction")), "{rows:?}");
    written.push(session.screenshot(&shots, "events-search"));

    // Click through from a rift alert to its evidence.
    session.go(&format!("{base}/rifts?actors=USA,CHN,RUS&period=year"));
    let link = session.find(".rift .evidence-link");
    let event_id = session.js("return document.querySelector('.rift .evidence-link').textContent").as_str().unwrap().to_owned();
    session.click(&link);
    session.wait_for("the document view", "return location.pathname.startsWith('/documents/') && document.readyState === 'complete'");
    let target = session.js("const t = document.querySelector(':target'); return t ? t.id : null");
    assert!(target.as_str().is_some_and(|id| id.starts_with("ev-")), "the linked event row is not the :target ({target})");
    let row_text = session.js("return document.querySelector(':target').textContent");
    let marks = session.js("return document.querySelectorAll('#text mark').length");
    assert!(marks.as_u64().unwrap() >= 1, "no highlighted evidence");
    assert!(session.url().contains(&event_id.replace(|c: char| !(c.is_ascii_alphanumeric() || ":._-".contains(c)), "_")), "{} vs {event_id}", session.url());
    assert!(row_text.as_str().unwrap().contains("sentence"), "{row_text}");
    written.push(session.screenshot(&shots, "rift-evidence-document"));
    // And from the event row back to its sentence.
    let back = session.find(":target a[href^='#s-']");
    session.click(&back);
    session.wait_for("the sentence anchor", "return location.hash.startsWith('#s-') && document.querySelector(':target') !== null");

    session.driver.call("DELETE", &session.path(""), None);
    for p in &written {
        eprintln!("screenshot: {}", p.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
