//! `faultline plot …`: every chart as SVG and PNG from the demo corpus —
//! well-formed, non-empty, byte-identical across runs — and clear errors
//! for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn faultline(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline")).args(args).current_dir(cwd).output().expect("run faultline")
}

fn temp_dir(name: &str) -> PathBuf {
    faultline_testdata::fresh_dir(&format!("plot-{name}"))
}

/// The demo corpus ingested once per test run.
fn corpus_db() -> &'static str {
    static DB: OnceLock<String> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = temp_dir("db");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/corpus.jsonl");
        let db = dir.join("demo.db").display().to_string();
        let out = faultline(&["ingest", corpus.to_str().unwrap(), "--db", &db], &dir);
        assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
        db
    })
}

/// A small UN vote file pair: 2 sessions, 4 roll calls, USA/CHN/RUS.
fn vote_files(dir: &Path) -> (String, String) {
    let rc = "rcid,session,importantvote,date,unres,amend,para\n1,70,0,2015-10-01,R/70/1,0,0\n2,70,1,2015-11-01,R/70/2,0,0\n3,71,0,2016-10-01,R/71/1,0,0\n4,71,0,2016-11-01,R/71/2,0,0\n";
    let mut votes = String::from("rcid,country,country_code,vote\n");
    for (rcid, us, cn, ru) in [(1, "yes", "yes", "abstain"), (2, "no", "yes", "yes"), (3, "yes", "no", "no"), (4, "abstain", "yes", "no")] {
        votes.push_str(&format!("{rcid},United States,US,{us}\n{rcid},China,CN,{cn}\n{rcid},Russia,RU,{ru}\n"));
    }
    let (v, r) = (dir.join("votes.csv"), dir.join("roll_calls.csv"));
    std::fs::write(&v, votes).unwrap();
    std::fs::write(&r, rc).unwrap();
    (v.display().to_string(), r.display().to_string())
}

/// Every chart's command line, without `-o`.
fn charts(dir: &Path) -> Vec<(&'static str, Vec<String>)> {
    let db = corpus_db().to_owned();
    let (v, r) = vote_files(dir);
    let s = |x: &[&str]| x.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        ("dyad", s(&["plot", "dyad", "USA", "RUS", "--db", &db, "--period", "year"])),
        ("dyad-month", s(&["plot", "dyad", "CHN", "RUS", "--db", &db])),
        ("gap", s(&["plot", "gap", "CHN", "RUS", "--db", &db, "--period", "year"])),
        ("votes", s(&["plot", "votes", "--votes", &v, "--roll-calls", &r, "--countries", "USA,CHN,RUS"])),
        ("triangle", s(&["plot", "triangle", "USA", "CHN", "RUS", "--db", &db, "--period", "year", "--period-label", "2018"])),
        ("triangle-last", s(&["plot", "triangle", "USA", "CHN", "RUS", "--db", &db, "--period", "year"])),
        ("timeline", s(&["plot", "timeline", "USA", "CHN", "RUS", "--db", &db, "--period", "year"])),
    ]
}

fn run_ok(args: &[String], dir: &Path) {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = faultline(&refs, dir);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Parses an SVG with a strict XML reader; returns (viewBox, drawing elements, text elements).
fn check_svg(bytes: &[u8], what: &str) -> (Vec<f64>, usize, usize) {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut view_box, mut drawing, mut texts, mut root_seen) = (Vec::new(), 0, 0, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if !root_seen {
                    assert_eq!(name, "svg", "{what}: the root element is <{name}>");
                    root_seen = true;
                    for a in e.attributes() {
                        let a = a.unwrap_or_else(|err| panic!("{what}: bad attribute: {err}"));
                        if a.key.as_ref() == b"viewBox" {
                            view_box = String::from_utf8_lossy(&a.value).split_whitespace().map(|x| x.parse().unwrap()).collect();
                        }
                    }
                }
                match name.as_str() {
                    "path" | "line" | "rect" | "circle" | "polyline" | "polygon" => drawing += 1,
                    "text" => texts += 1,
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not well-formed XML at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert!(root_seen, "{what}: no <svg>");
    (view_box, drawing, texts)
}

/// Decodes a PNG: (width, height, distinct colours).
fn check_png(bytes: &[u8], what: &str) -> (u32, u32, usize) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{what}: no PNG signature");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("{what}: bad PNG header: {e}"));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap_or_else(|e| panic!("{what}: cannot decode: {e}"));
    assert!(info.width > 0 && info.height > 0, "{what}: empty image");
    let px = info.color_type.samples();
    let colours: std::collections::HashSet<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    (info.width, info.height, colours.len())
}

#[test]
fn every_chart_is_a_valid_nonempty_svg_and_png_and_deterministic() {
    let dir = temp_dir("all");
    for (name, args) in charts(&dir) {
        let svg = dir.join(format!("{name}.svg"));
        let png = dir.join(format!("{name}.png"));
        for out in [&svg, &png] {
            let mut a = args.clone();
            a.extend(["-o".to_string(), out.display().to_string()]);
            run_ok(&a, &dir);
        }
        let svg_bytes = std::fs::read(&svg).unwrap();
        let (vb, drawing, texts) = check_svg(&svg_bytes, name);
        assert_eq!(vb.len(), 4, "{name}: viewBox {vb:?}");
        assert!(vb[2] > 0.0 && vb[3] > 0.0, "{name}: empty viewBox {vb:?}");
        assert!(drawing >= 10, "{name}: only {drawing} drawing elements");
        assert!(texts >= 5, "{name}: only {texts} labels");
        let png_bytes = std::fs::read(&png).unwrap();
        let (w, h, colours) = check_png(&png_bytes, name);
        // PNGs are drawn at twice the SVG's pixel size.
        assert_eq!((w as f64, h as f64), (vb[2] * 2.0, vb[3] * 2.0), "{name}: PNG size");
        // Anti-aliased text and several fills: far more than a blank canvas.
        assert!(colours > 50, "{name}: only {colours} colours in the PNG");

        // The same input gives the same bytes.
        for (out, first) in [(&svg, &svg_bytes), (&png, &png_bytes)] {
            let again = dir.join(format!("again-{}", out.file_name().unwrap().to_str().unwrap()));
            let mut a = args.clone();
            a.extend(["-o".to_string(), again.display().to_string()]);
            run_ok(&a, &dir);
            assert!(std::fs::read(&again).unwrap() == *first, "{name}: {} differs between runs", again.display());
        }
    }
}

#[test]
fn charts_show_what_the_data_says() {
    let dir = temp_dir("content");
    let db = corpus_db();
    let out = dir.join("tri.svg");
    run_ok(&["plot", "triangle", "USA", "CHN", "RUS", "--db", db, "--period", "year", "--period-label", "2018", "-o", out.to_str().unwrap()].map(String::from), &dir);
    let svg = std::fs::read_to_string(&out).unwrap();
    // The period and its configuration are in the title; roles are labelled; the three actors drawn.
    assert!(svg.contains("in 2018: "), "{svg}");
    for actor in ["USA", "CHN", "RUS"] {
        assert!(svg.contains(&format!(">{actor}</text>")), "no node {actor}");
    }
    let roles = ["pivot", "wing", "partner", "outcast", "friend", "foe", "undetermined"];
    assert!(roles.iter().filter(|r| svg.contains(&format!(">{r}</text>"))).count() >= 1, "no role labels");
    let out = dir.join("usrus.svg");
    run_ok(&["plot", "dyad", "USA", "RUS", "--db", db, "-o", out.to_str().unwrap()].map(String::from), &dir);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("per month"), "default period is the month");
    assert!(svg.contains(">change 20"), "the monthly US–Russia series has a change point marker");
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = temp_dir("bad");
    let db = corpus_db();
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let empty_db = dir.join("empty.db");
    assert!(faultline(&["ingest", empty.to_str().unwrap(), "--db", empty_db.to_str().unwrap()], &dir).status.success());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["plot", "dyad", "USA", "XXX", "--db", db, "-o", "x.svg"], "unknown country code `XXX`"),
        (vec!["plot", "timeline", "USA", "CHN", "QQQ", "--db", db, "-o", "x.svg"], "unknown country code `QQQ`"),
        (vec!["plot", "dyad", "USA", "RUS", "--db", empty_db.to_str().unwrap(), "-o", "x.svg"], "no events between USA and RUS"),
        (vec!["plot", "timeline", "USA", "CHN", "RUS", "--db", empty_db.to_str().unwrap(), "-o", "x.png"], "no events among USA, CHN, RUS"),
        (vec!["plot", "dyad", "USA", "RUS", "--db", "missing.db", "-o", "x.svg"], "no database at missing.db"),
        (vec!["plot", "dyad", "USA", "RUS", "--db", db, "-o", "/nonexistent-dir/x.svg"], "cannot write /nonexistent-dir/x.svg"),
        (vec!["plot", "gap", "CHN", "RUS", "--db", db, "-o", "chart.jpg"], "unknown chart format `jpg`"),
        (vec!["plot", "dyad", "USA", "RUS", "--db", db, "-o", "chart"], "unknown chart format ``"),
        (vec!["plot", "triangle", "USA", "CHN", "RUS", "--db", db, "--period", "year", "--period-label", "1999", "-o", "x.svg"], "no period `1999`"),
    ];
    for (args, needle) in cases {
        let out = faultline(&args, &dir);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(err.contains(needle), "{args:?}: stderr lacks `{needle}`: {err}");
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    }
    // Nothing half-written for failed commands.
    assert!(!dir.join("x.svg").exists() && !dir.join("chart.jpg").exists());
}

#[test]
fn real_un_votes_chart() {
    let (Some(votes), Some(rc)) = (
        faultline_testdata::shared_file("unvotes/un_votes.csv"),
        faultline_testdata::shared_file("unvotes/un_roll_calls_min.csv"),
    ) else {
        eprintln!("skipped: shared UN votes not found");
        return;
    };
    let dir = temp_dir("unvotes");
    let out = dir.join("votes.png");
    let args = ["plot", "votes", "--votes", votes.to_str().unwrap(), "--roll-calls", rc.to_str().unwrap(), "--countries", "USA,CHN,RUS", "--by", "year", "--from", "1990", "-o", out.to_str().unwrap()];
    run_ok(&args.map(String::from), &dir);
    let (w, h, colours) = check_png(&std::fs::read(&out).unwrap(), "unvotes");
    assert!(w >= 1000 && h >= 600 && colours > 50);
}
