//! End-to-end tests of `faultline sentences`: the built binary on the real
//! seed article, on bad input, on HTML, JSONL, directories and stdin.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_faultline");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).arg("sentences").args(args).output().expect("run faultline")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .arg("sentences")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn faultline");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Starts `faultline sentences FILE` with stdout and stderr piped, for
/// tests that read the output while it is written.
fn spawn_on(file: &Path) -> Child {
    Command::new(BIN)
        .args(["sentences", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn faultline")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

use faultline_testdata::{squash, strip_html};

/// A fresh temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    faultline_testdata::fresh_dir(&format!("sentences-{name}"))
}

fn text_of(r: &Value) -> &str {
    r["text"].as_str().unwrap()
}

fn seed() -> Option<(PathBuf, Vec<Value>)> {
    let path = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt")?;
    let out = run(&["--date", "2023-02-01", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    Some((path, records(&out)))
}

#[test]
fn seed_sentences_are_clean_and_offsets_exact() {
    let Some((path, recs)) = seed() else { return };
    let bytes = std::fs::read(&path).unwrap();
    let src = String::from_utf8(bytes).unwrap();
    assert!(recs.len() > 60, "only {} sentences", recs.len());

    // Exactly the documented fields, indexes in order.
    for (i, r) in recs.iter().enumerate() {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, ["dates", "doc_id", "end", "index", "start", "text"]);
        assert_eq!(r["index"].as_u64(), Some(i as u64));
        assert_eq!(r["doc_id"].as_str(), path.to_str());
    }

    // Repeated paragraph and caption appear once.
    let count = |needle: &str| recs.iter().filter(|r| text_of(r).contains(needle)).count();
    assert_eq!(count("It may seem counterintuitive"), 1);
    assert_eq!(count("Russian President Vladimir Putin and Chinese President Xi Jinping attend a meeting"), 1);
    // The caption keeps its text but loses its photo credit.
    assert_eq!(count("Getty Images"), 0);
    assert_eq!(count("attend a meeting in Beijing on April 26, 2019."), 1);

    // Nothing from the comment blocks or the related-article tail.
    let tail = src.find("Read More On").expect("seed has its tail");
    let join = src.find("Join the Conversation").unwrap();
    let more = src.find("More from Foreign Policy").unwrap();
    assert!(tail < join && join < more);
    for r in &recs {
        let t = text_of(r);
        assert!(r["end"].as_u64().unwrap() as usize <= tail, "sentence from the tail: {t}");
        for bad in
            ["Join the", "subscriber", "Commenting on", "comment guidelines", "Not your account", "commenting as"]
        {
            assert!(!t.contains(bad), "boilerplate kept: {t}");
        }
    }

    // Every sentence's offsets slice the original bytes to its text.
    for r in &recs {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert!(s < e && e <= src.len());
        assert_eq!(squash(&src[s..e]), squash(text_of(r)), "offsets {s}..{e}");
    }
}

#[test]
fn seed_dates_resolved() {
    let Some((path, recs)) = seed() else { return };
    let src = std::fs::read_to_string(&path).unwrap();
    let find = |needle: &str| -> Value {
        recs.iter()
            .flat_map(|r| r["dates"].as_array().unwrap().iter())
            .find(|d| d["text"].as_str().is_some_and(|t| t.contains(needle)))
            .unwrap_or_else(|| panic!("no date mention containing {needle:?}"))
            .clone()
    };
    for (needle, value, precision) in [
        ("last September", "2022-09-01", "month"),
        ("last December", "2022-12-01", "month"),
        ("October 2022", "2022-10-01", "month"),
        ("July 2022", "2022-07-01", "month"),
        ("April 26, 2019", "2019-04-26", "day"),
    ] {
        let d = find(needle);
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["end", "precision", "start", "text", "value"]);
        assert_eq!(d["value"].as_str(), Some(value), "{needle}");
        assert_eq!(d["precision"].as_str(), Some(precision), "{needle}");
        let (s, e) = (d["start"].as_u64().unwrap() as usize, d["end"].as_u64().unwrap() as usize);
        assert_eq!(squash(&src[s..e]), squash(d["text"].as_str().unwrap()), "{needle} offsets");
    }
}

#[test]
fn empty_file_warns_and_succeeds() {
    let dir = temp_dir("empty");
    let f = dir.join("empty.txt");
    std::fs::write(&f, b"").unwrap();
    let out = run(&[f.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("faultline: warning:") && err.contains("empty.txt") && err.contains("empty"), "{err}");
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = temp_dir("binary");
    let bin = dir.join("image.txt");
    std::fs::write(&bin, b"GIF89a\0\0\x01\x02 Not a sentence. Really not.").unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "Talks resumed in Geneva. Both sides attended.").unwrap();
    let out = run(&[bin.to_str().unwrap(), good.to_str().unwrap()]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("image.txt") && err.contains("binary"), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs.iter().all(|r| r["doc_id"].as_str() == good.to_str()));
}

#[test]
fn invalid_utf8_warns_with_offset_and_keeps_offsets() {
    let dir = temp_dir("utf8");
    let f = dir.join("latin1.txt");
    let bytes: &[u8] = b"The summit opened in Astana. The caf\xe9 was closed \xff\xfe today. Officials left.";
    std::fs::write(&f, bytes).unwrap();
    let out = run(&[f.to_str().unwrap()]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("latin1.txt")
            && err.contains("invalid UTF-8 at byte offset 36")
            && err.contains("3 invalid bytes"),
        "{err}"
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    for r in &recs {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let orig = String::from_utf8_lossy(&bytes[s..e]);
        assert_eq!(squash(&orig), squash(text_of(r)));
    }
    assert_eq!(&bytes[recs[2]["start"].as_u64().unwrap() as usize..], b"Officials left.");
}

#[test]
fn fifty_megabyte_single_line() {
    let dir = temp_dir("huge");
    let f = dir.join("huge.txt");
    let mut data = Vec::with_capacity(50 << 20);
    let mut i = 0u64;
    while data.len() < 50 << 20 {
        write!(data, "Delegation {i} met officials in Geneva on Monday and agreed to talk again. ").unwrap();
        i += 1;
    }
    std::fs::write(&f, &data).unwrap();
    drop(data);
    let mut child = spawn_on(&f);
    let mut lines = 0u64;
    let mut last = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        last = line.unwrap();
        lines += 1;
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    assert_eq!(lines, i, "one sentence per generated sentence");
    let r: Value = serde_json::from_str(&last).unwrap();
    assert_eq!(r["end"].as_u64().unwrap() as usize, std::fs::metadata(&f).unwrap().len() as usize - 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_jsonl_line_is_an_error_and_others_are_processed() {
    let dir = temp_dir("jsonl");
    let f = dir.join("docs.jsonl");
    std::fs::write(
        &f,
        concat!(
            r#"{"id": "a1", "date": "2023-02-01", "text": "Xi visited Astana. He left."}"#,
            "\n",
            r#"{"id": "a2", "date": "2023-02-01", "text": "broken"#,
            "\n\n",
            r#"{"id": 3, "date": "2023-02-02T10:00:00Z", "title": "T", "text": "Talks resumed last September."}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = run(&[f.to_str().unwrap()]);
    assert!(!out.status.success(), "a malformed line must fail the run");
    let err = stderr(&out);
    assert!(err.contains(&format!("faultline: error: {}:2:", f.display())), "{err}");
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1", "a1", "3"]);
    // JSONL offsets are offsets into the record's text.
    assert_eq!((recs[1]["start"].as_u64(), recs[1]["end"].as_u64()), (Some(19), Some(27)));
}

#[test]
fn html_article_gives_only_body_text() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../faultline-text/tests/fixtures/article.html");
    let html = std::fs::read_to_string(&fixture).unwrap();
    let out = run(&["--date", "2023-02-01", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    let texts: Vec<&str> = recs.iter().map(text_of).collect();
    assert_eq!(
        texts,
        [
            "Kazakhstan Hedges Between Moscow & Beijing",
            "Astana's careful balance is a signal worth reading.",
            "Leaders meet in Astana on Sept. 14, 2022.",
            "On a visit to Astana last September, Xi Jinping pledged to \"resolutely\" support Kazakhstan's sovereignty--a pointed message to Moscow.",
            "Russian officials said nothing in public.",
            "Kazakhstan's president, Kassym-Jomart Tokayev, has refused to recognize the annexations.",
            "He told a forum in St. Petersburg that the U.N. Charter applies to all states.",
            "Trade with China rose by 34% to $31.5 billion in 2022, according to customs data published in January.",
            "Analysts in Almaty say the balance cannot last forever.",
            "Others disagree.",
        ]
    );
    for r in &recs {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(squash(&strip_html(&html[s..e])), squash(text_of(r)), "offsets {s}..{e}");
    }
}

#[test]
fn stdin_and_format_override() {
    let out = run_stdin(&["-", "--date", "2023-02-01"], "Talks resumed. Both sides came.".as_bytes());
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["doc_id"].as_str(), Some("-"));
    let jsonl = r#"{"id": "x", "date": "2023-02-01", "text": "One. Two."}"#;
    let out = run_stdin(&["--format", "jsonl", "-"], jsonl.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["doc_id"].as_str(), Some("x"));
    // Without the override, stdin is text: no guessing.
    let out = run_stdin(&["-"], jsonl.as_bytes());
    assert_eq!(records(&out)[0]["doc_id"].as_str(), Some("-"));
}

#[test]
fn directories_are_read_recursively_in_path_order() {
    let dir = temp_dir("tree");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), "Bee.").unwrap();
    std::fs::write(dir.join("a.txt"), "Ay.").unwrap();
    std::fs::write(dir.join("sub/c.txt"), "Cee.").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "Hidden.").unwrap();
    let out = run(&[dir.to_str().unwrap()]);
    assert!(out.status.success());
    let ids: Vec<String> = records(&out).iter().map(|r| r["doc_id"].as_str().unwrap().to_string()).collect();
    let expect: Vec<String> =
        ["a.txt", "b.txt", "sub/c.txt"].iter().map(|p| dir.join(p).display().to_string()).collect();
    assert_eq!(ids, expect);
}

#[test]
fn missing_file_is_an_error_but_others_run() {
    let dir = temp_dir("missing");
    let good = dir.join("good.txt");
    std::fs::write(&good, "It works.").unwrap();
    let out = run(&[dir.join("nope.txt").to_str().unwrap(), good.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("nope.txt"));
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn closed_pipe_is_quiet() {
    let dir = temp_dir("pipe");
    let f = dir.join("many.txt");
    let text: String = (0..40_000).map(|i| format!("Sentence number {i} is here.\n\n")).collect();
    std::fs::write(&f, text).unwrap();
    let mut child = spawn_on(&f);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}
