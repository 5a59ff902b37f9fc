//! End-to-end tests of `faultline ontology`.

use std::process::{Command, Output};

fn faultline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline")).args(args).output().expect("run faultline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn show_prints_the_card() {
    let o = faultline(&["ontology", "show", "0333"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "0333  Express intent to provide humanitarian aid");
    let value = |label: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(label).filter(|_| l.starts_with(label)))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no `{label}` line in\n{text}"))
    };
    assert_eq!(value("root "), "03  EXPRESS INTENT TO COOPERATE");
    assert_eq!(value("parent "), "033  Express intent to provide material aid");
    assert_eq!(value("Goldstein "), "5.2");
    assert_eq!(value("quad class "), "1  (verbal cooperation)");
    assert_eq!(value("PLOVER "), "AGREE  (mode: -; context: humanitarian)");
    assert!(value("description ").starts_with("Offer, promise, agree to"));
    assert!(value("example ").starts_with("The United Nations will provide"));
    assert_eq!(value("children "), "-");
}

#[test]
fn show_lists_children() {
    let o = faultline(&["ontology", "show", "033"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for child in ["0331  ", "0332  ", "0333  Express intent to provide humanitarian aid", "0334  "]
    {
        assert!(text.contains(child), "{child} missing from\n{text}");
    }
}

#[test]
fn show_json() {
    let o = faultline(&["ontology", "show", "0333", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["code"], "0333");
    assert_eq!(v["root"]["code"], "03");
    assert_eq!(v["parent"]["code"], "033");
    assert_eq!(v["goldstein"].as_f64().map(|g| (g * 10.0).round()), Some(52.0));
    assert_eq!(v["quad_class"]["number"], 1);
    assert_eq!(v["plover"]["event"], "AGREE");
    assert_eq!(v["plover"]["mode"], serde_json::Value::Null);
    assert_eq!(v["plover"]["context"][0], "humanitarian");
    assert_eq!(v["children"].as_array().map(Vec::len), Some(0));

    let o = faultline(&["ontology", "show", "10", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["plover"]["event"], "REQUEST", "CAMEO Demand is a PLOVER REQUEST");
    assert_eq!(v["quad_class"]["number"], 3);
    assert_eq!(v["parent"], serde_json::Value::Null);
}

#[test]
fn malformed_and_unknown_codes_fail_clearly() {
    let o = faultline(&["ontology", "show", "99"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("`99`") && err.contains("CAMEO code"), "{err}");

    let o = faultline(&["ontology", "show", "0399"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("0399 is not a CAMEO event code"), "{}", stderr(&o));

    let o = faultline(&["ontology", "list", "--root", "abc"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`abc`"));

    let o = faultline(&["ontology", "plover", "DEMAND"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("it is now REQUEST"), "{}", stderr(&o));
    let o = faultline(&["ontology", "plover", "NEGOTIATE"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ASSAULT"), "the error lists the categories");
}

#[test]
fn list_formats() {
    let o = faultline(&["ontology", "list", "--format", "tsv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("code\tquad\tgoldstein\tplover\tmode\tcontext\tname"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 317, "every CAMEO code");
    assert!(rows.iter().all(|r| r.len() == 7));
    let row = rows.iter().find(|r| r[0] == "1952").expect("1952 listed");
    assert_eq!(row[3..6], ["ASSAULT", "drone", "military"]);

    let o = faultline(&["ontology", "list", "--root", "10", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let items = v.as_array().expect("array");
    assert_eq!(items.first().map(|i| &i["code"]), Some(&serde_json::json!("10")));
    assert!(items.iter().all(|i| i["code"].as_str().is_some_and(|c| c.starts_with("10"))));
    assert!(items.iter().all(|i| i["plover"]["event"] == "REQUEST"));

    let o = faultline(&["ontology", "list", "--root", "03"]);
    let text = stdout(&o);
    assert!(text.lines().next().is_some_and(|l| l.starts_with("code")));
    assert!(text
        .lines()
        .any(|l| l.starts_with("0333 ") && l.contains("AGREE") && l.contains("5.2")));
    assert!(!text.lines().any(|l| l.starts_with("04")));
}

#[test]
fn plover_lists_categories_and_their_codes() {
    let o = faultline(&["ontology", "plover"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 17, "a header and 16 categories");

    let o = faultline(&["ontology", "plover", "request", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["event"], "REQUEST");
    assert_eq!(v["cameo"], "02");
    assert_eq!(v["quad_class"]["number"], 1);
    let codes: Vec<&str> =
        v["codes"].as_array().unwrap().iter().filter_map(|c| c["code"].as_str()).collect();
    assert!(
        codes.contains(&"10") && codes.contains(&"1056") && codes.contains(&"028"),
        "{codes:?}"
    );
    assert!(v["modes"].as_array().unwrap().iter().any(|m| m["name"] == "meet"));

    let o = faultline(&["ontology", "plover", "ASSAULT"]);
    let text = stdout(&o);
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("1952") && l.contains("drone")),
        "{text}"
    );
}
