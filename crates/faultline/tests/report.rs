//! `faultline report`: the demo corpus's report is one self-contained HTML
//! file — nothing fetched from the network — with every chart as a
//! non-empty inline SVG, the tables, and rift alerts with their evidence
//! sentences. The HTML is read with a real (WHATWG) tokenizer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use html5tokenizer::{NaiveParser, Token};

fn faultline(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline")).args(args).current_dir(cwd).output().expect("run faultline")
}

fn temp_dir(name: &str) -> PathBuf {
    faultline_testdata::fresh_dir(&format!("report-{name}"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/corpus.jsonl")
}

fn corpus_db(dir: &Path) -> String {
    let db = dir.join("demo.db").display().to_string();
    let out = faultline(&["ingest", corpus().to_str().unwrap(), "--db", &db], dir);
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    db
}

/// What the test learns from one pass over the tokens.
#[derive(Debug, Default)]
struct Page {
    /// Figure id → (viewBox numbers, drawing elements inside its <svg>).
    charts: BTreeMap<String, (Vec<f64>, usize)>,
    /// External references found (tag, attribute, value).
    external: Vec<String>,
    /// Section ids in order.
    sections: Vec<String>,
    /// Text of each <blockquote class="sentence"> inside the rift section, and whether it had a <mark>.
    evidence: Vec<(String, bool)>,
    /// Text of each <p class="doc"> in the rift section.
    docs: Vec<String>,
    /// Rift alert articles.
    alerts: usize,
    /// Tables.
    tables: usize,
    /// Raw text of <style> elements.
    style: String,
}

fn parse(html: &str) -> Page {
    let mut page = Page::default();
    let mut figure: Option<String> = None;
    let mut in_svg = false;
    let mut section = String::new();
    let mut quote: Option<(String, bool)> = None;
    let mut doc: Option<String> = None;
    let mut in_style = false;
    for token in NaiveParser::new(html) {
        let token = token.expect("the tokenizer reads the page");
        match token {
            Token::StartTag(tag) => {
                let attr = |n: &str| tag.attributes.get(n).map(str::to_owned);
                for (name, value) in (&tag.attributes).into_iter().map(|a| (a.name().to_owned(), a.value().to_owned())) {
                    let v = value.trim().to_ascii_lowercase();
                    let external = v.contains("://") || v.starts_with("//") || v.starts_with("data:") && tag.name != "svg";
                    if matches!(name.as_str(), "src" | "href" | "xlink:href" | "action" | "srcset" | "poster") && external {
                        page.external.push(format!("<{} {name}=\"{value}\">", tag.name));
                    }
                }
                match tag.name.as_str() {
                    "link" | "iframe" | "object" | "embed" | "img" | "base" => page.external.push(format!("<{}>", tag.name)),
                    "script" if attr("src").is_some() => page.external.push("<script src>".into()),
                    "section" => {
                        section = attr("id").unwrap_or_default();
                        page.sections.push(section.clone());
                    }
                    "figure" if attr("class").as_deref() == Some("chart") => figure = attr("id"),
                    "svg" => {
                        in_svg = true;
                        if let Some(f) = &figure {
                            let vb = attr("viewbox").unwrap_or_default().split_whitespace().filter_map(|x| x.parse().ok()).collect();
                            page.charts.insert(f.clone(), (vb, 0));
                        }
                    }
                    "path" | "line" | "rect" | "circle" | "polyline" | "polygon" if in_svg => {
                        if let Some(c) = figure.as_ref().and_then(|f| page.charts.get_mut(f)) {
                            c.1 += 1;
                        }
                    }
                    "article" if attr("class").as_deref() == Some("rift") => page.alerts += 1,
                    "blockquote" if section == "rifts" && attr("class").as_deref() == Some("sentence") => quote = Some((String::new(), false)),
                    "mark" => {
                        if let Some(q) = quote.as_mut() {
                            q.1 = true;
                        }
                    }
                    "p" if section == "rifts" && attr("class").as_deref() == Some("doc") => doc = Some(String::new()),
                    "table" => page.tables += 1,
                    "style" => in_style = true,
                    _ => {}
                }
            }
            Token::EndTag(tag) => match tag.name.as_str() {
                "svg" => in_svg = false,
                "figure" => figure = None,
                "blockquote" => page.evidence.extend(quote.take()),
                "p" => page.docs.extend(doc.take()),
                "style" => in_style = false,
                _ => {}
            },
            Token::Char(c) => {
                if let Some(q) = quote.as_mut() {
                    q.0.push(c);
                }
                if let Some(d) = doc.as_mut() {
                    d.push(c);
                }
                if in_style {
                    page.style.push(c);
                }
            }
            _ => {}
        }
    }
    page
}

fn report(dir: &Path, args: &[&str]) -> String {
    let out = faultline(args, dir);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    let path = args.iter().position(|a| *a == "-o").map(|i| dir.join(args[i + 1])).unwrap();
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn demo_report_is_self_contained_with_every_chart_and_evidence() {
    let dir = temp_dir("demo");
    let db = corpus_db(&dir);
    let html = report(&dir, &["report", "--db", &db, "--period", "year", "-o", "report.html"]);
    let page = parse(&html);

    assert!(page.external.is_empty(), "external references: {:?}", page.external);
    for needle in ["url(", "@import"] {
        assert!(!page.style.contains(needle), "the style sheet loads something: {needle}");
    }
    assert_eq!(page.sections, ["dyads", "gap", "triangle", "change-points", "rifts"]);

    let expected = ["dyad-USA-CHN", "dyad-USA-RUS", "dyad-CHN-RUS", "gap-USA-CHN", "gap-USA-RUS", "gap-CHN-RUS", "triangle", "timeline"];
    for id in expected {
        let (vb, drawing) = page.charts.get(id).unwrap_or_else(|| panic!("no chart `{id}`: {:?}", page.charts.keys()));
        assert!(vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0, "{id}: viewBox {vb:?}");
        assert!(*drawing >= 10, "{id}: only {drawing} drawing elements");
    }
    assert_eq!(page.charts.len(), expected.len(), "{:?}", page.charts.keys());
    // Per-year tables: three dyads, three gaps, the triangle, the change points.
    assert!(page.tables >= 8, "{} tables", page.tables);

    // Rift alerts list their evidence sentences, each with its document.
    assert!(page.alerts >= 1, "the demo corpus has a rift alert");
    assert!(!page.evidence.is_empty(), "no evidence sentences");
    assert_eq!(page.docs.len(), page.evidence.len());
    let corpus = std::fs::read_to_string(corpus()).unwrap();
    for (sentence, _) in &page.evidence {
        assert!(sentence.split_whitespace().count() >= 4, "evidence `{sentence}` is not a sentence");
        // The sentence is really in the corpus (JSON-escaped quotes aside).
        let probe: String = sentence.chars().take(40).collect();
        assert!(corpus.contains(&probe) || corpus.contains(&probe.replace('"', "\\\"")), "`{sentence}` is not from the corpus");
    }
    assert!(page.evidence.iter().any(|(_, marked)| *marked), "no trigger highlighted");
    for d in &page.docs {
        assert!(d.contains("document demo-") && d.contains("event "), "doc line `{d}`");
    }
    // Titles come from the store.
    assert!(page.docs.iter().any(|d| d.contains('“')), "no document titles: {:?}", page.docs);

    // Same data, same bytes.
    let again = report(&dir, &["report", "--db", &db, "--period", "year", "-o", "again.html"]);
    assert!(again == html, "the report differs between two runs");
}

#[test]
fn report_with_votes_and_chosen_dyads() {
    let dir = temp_dir("votes");
    let db = corpus_db(&dir);
    let rc = "rcid,session,importantvote,date,unres,amend,para\n1,70,0,2015-10-01,R/70/1,0,0\n2,71,0,2016-10-01,R/71/1,0,0\n";
    let votes = "rcid,country,country_code,vote\n1,United States,US,yes\n1,China,CN,no\n1,Russia,RU,no\n1,India,IN,yes\n2,United States,US,no\n2,China,CN,yes\n2,Russia,RU,abstain\n2,India,IN,yes\n";
    std::fs::write(dir.join("rc.csv"), rc).unwrap();
    std::fs::write(dir.join("v.csv"), votes).unwrap();
    let html = report(
        &dir,
        &["report", "--db", &db, "--dyads", "CHN-RUS,CHN-IND", "--votes", "v.csv", "--roll-calls", "rc.csv", "--title", "China <&> Russia", "-o", "r.html"],
    );
    let page = parse(&html);
    assert!(page.external.is_empty(), "{:?}", page.external);
    for id in ["dyad-CHN-RUS", "dyad-CHN-IND", "gap-CHN-IND", "votes", "triangle", "timeline"] {
        assert!(page.charts.get(id).is_some_and(|(_, n)| *n >= 10), "chart `{id}` missing or empty");
    }
    assert!(!page.charts.contains_key("dyad-USA-CHN"), "only the chosen dyads are charted");
    assert!(page.sections.contains(&"votes".to_string()));
    // The title is escaped, not markup.
    assert!(html.contains("<h1>China &lt;&amp;&gt; Russia</h1>"));
}

#[test]
fn report_errors_are_clear() {
    let dir = temp_dir("bad");
    let db = corpus_db(&dir);
    for (args, needle) in [
        (vec!["report", "--db", "nope.db", "-o", "r.html"], "no database at nope.db"),
        (vec!["report", "--db", &db, "--triangle", "USA,CHN", "-o", "r.html"], "exactly three states"),
        (vec!["report", "--db", &db, "--dyads", "CHNRUS", "-o", "r.html"], "not of the form A-B"),
        (vec!["report", "--db", &db, "--dyads", "CHN-XYZ", "-o", "r.html"], "unknown country code `XYZ`"),
        (vec!["report", "--db", &db, "--votes", "v.csv", "-o", "r.html"], "needs both --votes FILE and --roll-calls FILE"),
        (vec!["report", "--db", &db, "--from", "1990-01-01", "--to", "1990-12-31", "-o", "r.html"], "no events"),
        (vec!["report", "--db", &db, "-o", "/nonexistent-dir/r.html"], "cannot write /nonexistent-dir/r.html"),
    ] {
        let out = faultline(&args, &dir);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(err.contains(needle), "{args:?}: stderr lacks `{needle}`: {err}");
    }
    assert!(!dir.join("r.html").exists());
}
