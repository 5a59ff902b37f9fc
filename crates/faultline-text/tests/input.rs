//! The input reader: order, warnings and errors, without the CLI.

use faultline_text::{InputEvent, InputFormat, InputOptions, InputReader, WarningKind};

fn temp_dir(name: &str) -> std::path::PathBuf {
    faultline_testdata::fresh_dir(&format!("text-input-{name}"))
}

/// A compact trace of the events: `D:id`, `W:kind`, `E:message`.
fn trace(reader: InputReader) -> Vec<String> {
    reader
        .map(|ev| match ev {
            InputEvent::Document(d) => format!("D:{}:{}", d.id, d.date.map(|d| d.to_string()).unwrap_or_default()),
            InputEvent::Warning(w) => format!("W:{}:{:?}", w.line.unwrap_or(0), w.kind),
            InputEvent::Error(e) => format!("E:{e}"),
        })
        .collect()
}

#[test]
fn jsonl_bad_date_warns_before_its_document_and_errors_keep_going() {
    let dir = temp_dir("jsonl");
    let f = dir.join("feed.ndjson");
    std::fs::write(
        &f,
        "{\"id\":\"a\",\"date\":\"yesterday\",\"text\":\"A.\"}\n\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"C.\"}\n",
    )
    .unwrap();
    let opts = InputOptions { default_date: Some("2023-02-01".parse().unwrap()), format: InputFormat::Auto };
    let t = trace(InputReader::new([&f], opts));
    assert_eq!(t.len(), 4, "{t:?}");
    assert_eq!(t[0], "W:1:BadDate(\"yesterday\")");
    assert_eq!(t[1], "D:a:2023-02-01");
    assert!(t[2].starts_with("E:") && t[2].contains("feed.ndjson:3: record has no `text`"), "{}", t[2]);
    assert_eq!(t[3], "D:c:2023-02-01");
}

#[test]
fn format_override_applies_to_every_file() {
    let dir = temp_dir("override");
    let f = dir.join("page.txt");
    std::fs::write(&f, "<p>Hello <b>there</b>.</p><script>x()</script>").unwrap();
    let opts = InputOptions { default_date: None, format: InputFormat::Html };
    let docs: Vec<_> = InputReader::new([&f], opts)
        .filter_map(|e| match e {
            InputEvent::Document(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(docs[0].text(), "Hello there.");
}

#[test]
fn binary_jsonl_and_empty_files_warn() {
    let dir = temp_dir("warn");
    std::fs::write(dir.join("a.jsonl"), b"\0\0\0").unwrap();
    std::fs::write(dir.join("b.txt"), b"").unwrap();
    let t = trace(InputReader::new([&dir], InputOptions::default()));
    assert_eq!(t, [format!("W:0:{:?}", WarningKind::Binary), format!("W:0:{:?}", WarningKind::Empty)]);
}
