//! The built-in ontology checked against the shared sources it was built from:
//! the CAMEO codebook CSV, the CAMEO2PLOVER 2021 table, the PLOVER codebook and
//! ICEWS's own Goldstein ("Intensity") values.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use faultline_ontology::{CameoCode, Ontology, PloverEvent, QuadClass};

/// Reads RFC 4180 CSV: quoted fields may hold commas, doubled quotes and
/// newlines. Returns the rows (header included) or a message with the byte
/// offset of the problem.
fn read_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek().map(|&(_, c)| c) == Some('"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            '"' => return Err(format!("stray quote at byte {i}")),
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err("unterminated quoted field at end of input".into());
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[test]
fn csv_reader_handles_quotes_and_newlines() {
    let rows = read_csv("a,b\n\"x, \"\"y\"\"\",\"line\nbreak\"\nlast,").unwrap();
    assert_eq!(rows, vec![vec!["a", "b"], vec!["x, \"y\"", "line\nbreak"], vec!["last", ""]]);
    assert!(read_csv("\"open").is_err());
    assert!(read_csv("a\"b").is_err());
}

/// The CAMEO CSV as code → (name, goldstein text).
fn cameo_csv() -> Option<BTreeMap<String, (String, String)>> {
    let path = faultline_testdata::shared_file("cameo/eventtypes.csv")?;
    let rows = read_csv(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(rows[0][..3], ["name", "code", "goldstein"]);
    Some(rows[1..].iter().map(|r| (r[1].clone(), (r[0].clone(), r[2].clone()))).collect())
}

fn code(s: &str) -> CameoCode {
    s.parse().unwrap()
}

#[test]
fn every_cameo_row_is_present_with_its_goldstein_and_quad_class() {
    let Some(csv) = cameo_csv() else { return };
    let o = Ontology::builtin();
    assert_eq!(csv.len(), 317, "the shared CSV has 317 codes");
    assert_eq!(o.len(), csv.len(), "the ontology has exactly the CSV's codes");
    for (c, (name, goldstein)) in &csv {
        let t = o.get(code(c)).unwrap_or_else(|| panic!("{c} missing"));
        let expected = match goldstein.as_str() {
            // The documented rule for the unrated CAMEO 1.1b3 additions.
            "NA" => o.get(code(c).parent().unwrap()).unwrap().goldstein,
            g => g.parse::<f32>().unwrap(),
        };
        assert_eq!(t.goldstein, expected, "Goldstein of {c}");
        let root: u8 = c[..2].parse().unwrap();
        let quad = match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        };
        assert_eq!(t.quad_class.number(), quad, "quad class of {c}");
        if c != "1952" {
            // Names are the CSV's, with the first letter capitalised.
            assert!(t.name.eq_ignore_ascii_case(name), "name of {c}: {} vs {name}", t.name);
        }
    }
    // The NA codes, spelled out.
    let g = |c: &str| o.get(code(c)).unwrap().goldstein;
    assert_eq!(
        (g("155"), g("176"), g("1834"), g("1951"), g("1952")),
        (-7.2, -7.0, -10.0, -10.0, -10.0)
    );
    assert_eq!(o.get(code("1952")).unwrap().name, "Employ remotely piloted aerial munitions");
}

#[test]
fn codebook_order_and_tree() {
    let o = Ontology::builtin();
    let codes: Vec<CameoCode> = o.iter().map(|t| t.code).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "iter() is in codebook order");
    assert_eq!(codes.first().unwrap().as_str(), "01");
    assert_eq!(codes.last().unwrap().as_str(), "2042");
    assert_eq!(codes.iter().filter(|c| c.len() == 2).count(), 20);
    let children: Vec<&str> = o.children(code("033")).map(|t| t.code.as_str()).collect();
    assert_eq!(children, ["0331", "0332", "0333", "0334"]);
    assert_eq!(o.subtree(code("033")).len(), 5);
    assert_eq!(o.root_of(code("0333")).unwrap().name, "EXPRESS INTENT TO COOPERATE");
    assert!(o.get(code("0399")).is_none());
    assert!(o.children(code("0399")).next().is_none());
    // Quad classes cover all four, in root order.
    let quads: BTreeSet<QuadClass> = o.iter().map(|t| t.quad_class).collect();
    assert_eq!(quads.len(), 4);
}

#[test]
fn every_plover_category_is_reachable_and_maps_back() {
    let o = Ontology::builtin();
    for event in PloverEvent::ALL {
        let n = o.codes_for(event).count();
        assert!(n > 0, "{event} unreachable");
        let category = o.plover_category(event);
        assert_eq!(category.event, event);
        assert!(!category.definition.is_empty());
        // The reverse code lies in cameo_root() and maps forward to the event.
        assert_eq!(category.cameo.root(), event.cameo_root(), "{event}");
        let back = o.get(category.cameo).unwrap();
        assert_eq!(back.plover.as_ref().unwrap().event, event);
        assert_eq!(back.quad_class, event.quad_class());
        for mode in &category.modes {
            let back = o.get(mode.cameo).unwrap();
            assert_eq!(back.plover.as_ref().unwrap().event, event, "{event}/{}", mode.name);
            assert_eq!(o.cameo_for_plover(event, Some(&mode.name)), mode.cameo);
        }
    }
    let modes: usize = o.plover_categories().iter().map(|c| c.modes.len()).sum();
    assert!(modes >= 60, "the codebook's modes are all there ({modes})");
}

#[test]
fn statements_appeals_and_demands() {
    let o = Ontology::builtin();
    let event = |c: &str| o.get(code(c)).unwrap().plover.as_ref().map(|p| p.event);
    // 10 "Demand" and everything under it is a REQUEST.
    for t in o.subtree(code("10")) {
        assert_eq!(t.plover.as_ref().map(|p| p.event), Some(PloverEvent::Request), "{}", t.code);
    }
    // So are the appeals, with the mode of their 10x twin.
    for t in o.subtree(code("02")) {
        let p = t.plover.as_ref().unwrap();
        assert_eq!(p.event, PloverEvent::Request, "{}", t.code);
        if t.code.len() > 2 {
            let twin = code(&format!("10{}", &t.code.as_str()[2..]));
            assert_eq!(p.mode, o.get(twin).unwrap().plover.as_ref().unwrap().mode, "{}", t.code);
        }
    }
    // Generic statements have no PLOVER event; the decided exceptions do.
    for c in ["01", "010", "011", "012", "013", "014", "015", "017"] {
        assert_eq!(event(c), None, "{c}");
    }
    assert_eq!(event("016"), Some(PloverEvent::Reject));
    assert_eq!(event("018"), Some(PloverEvent::Support));
    assert_eq!(event("019"), Some(PloverEvent::Support));
    // Every code outside root 01 has a PLOVER event.
    assert!(o.iter().filter(|t| t.code.root() != 1).all(|t| t.plover.is_some()));
}

/// The 2021 CAMEO2PLOVER table, as code → event.
fn plover_2021() -> Option<BTreeMap<String, String>> {
    let path = faultline_testdata::shared_file("plover/CAMEO2PLOVER-2021.txt")?;
    let text = fs::read_to_string(path).unwrap();
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap().trim();
        let Some((c, rest)) = line.split_once(':') else { continue };
        if let Some((event, _)) = rest.split_once(',') {
            map.insert(c.trim().to_string(), event.trim().to_string());
        }
    }
    Some(map)
}

#[test]
fn agrees_with_the_2021_table_except_the_documented_departures() {
    let Some(table) = plover_2021() else { return };
    let o = Ontology::builtin();
    // The departures listed in cameo.tsv's header, at the event level.
    let departures: BTreeMap<&str, &str> = [
        ("035", "CONCEDE"),
        ("0351", "CONCEDE"),
        ("0352", "CONCEDE"),
        ("0353", "CONCEDE"),
        ("0354", "CONCEDE"),
        ("0355", "CONCEDE"),
        ("0356", "CONCEDE"),
        ("080", "RETREAT"),
        ("081", "RETREAT"),
        ("0811", "RETREAT"),
        ("0812", "RETREAT"),
        ("082", "RETREAT"),
        ("083", "RETREAT"),
        ("0831", "RETREAT"),
        ("0832", "RETREAT"),
        ("0833", "RETREAT"),
        ("0834", "RETREAT"),
        ("116", "SANCTION"),
    ]
    .into_iter()
    .collect();
    let mut compared = 0;
    for (c, event) in &table {
        let Ok(cc) = c.parse::<CameoCode>() else { continue };
        let Some(t) = o.get(cc) else {
            assert_eq!(c, "1214", "only 1214 (not a CAMEO code) is dropped");
            continue;
        };
        let ours = t.plover.as_ref().unwrap().event.as_str();
        let expected = departures.get(c.as_str()).copied().unwrap_or(event);
        assert_eq!(ours, expected, "{c}: 2021 table says {event}");
        compared += 1;
    }
    assert!(compared > 250, "compared {compared} codes");
}

#[test]
fn modes_are_the_codebooks() {
    let Some(path) = faultline_testdata::shared_file("plover/PLOVER_structured_codebook.csv")
    else {
        return;
    };
    let rows = read_csv(&fs::read_to_string(path).unwrap()).unwrap();
    let mut codebook: BTreeSet<(String, String)> = BTreeSet::new();
    for r in &rows[1..] {
        if !r[1].is_empty() {
            codebook.insert((r[0].clone(), r[1].clone()));
        }
    }
    let o = Ontology::builtin();
    let ours: BTreeSet<(String, String)> = o
        .plover_categories()
        .iter()
        .flat_map(|c| c.modes.iter().map(move |m| (c.event.to_string(), m.name.clone())))
        .collect();
    assert_eq!(ours, codebook);
}

#[test]
fn goldstein_equals_icews_intensity() {
    let Some(path) = faultline_testdata::shared_file("icews/events.2018.sample.tab") else {
        return;
    };
    let text = fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (code_col, intensity_col) = (col("CAMEO Code"), col("Intensity"));
    let o = Ontology::builtin();
    let mut seen = BTreeSet::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let c = code(f[code_col]);
        let t = o.get(c).unwrap_or_else(|| panic!("ICEWS code {c} not in the ontology"));
        assert_eq!(t.goldstein, f[intensity_col].parse::<f32>().unwrap(), "{c}");
        seen.insert(c);
    }
    assert!(seen.len() > 100, "compared {} codes", seen.len());
}

#[test]
fn text_is_clean() {
    let o = Ontology::builtin();
    for t in o {
        for s in [Some(&t.name), t.description.as_ref(), t.usage_notes.as_ref(), t.example.as_ref()]
            .into_iter()
            .flatten()
        {
            assert!(
                !s.contains("\u{201a}\u{c4}") && !s.contains('\u{21b5}'),
                "mojibake in {}: {s}",
                t.code
            );
            assert!(!s.contains('\n') && s.trim() == s, "{}", t.code);
            assert_ne!(s, "NULL");
        }
    }
    assert!(o.get(code("1233")).unwrap().example.as_ref().unwrap().contains("Çankaya"));
}

/// Damaged tables give errors, never panics: every line of both built-in
/// tables, with each of a set of troublesome characters written over a
/// sample of positions, still parses to `Ok` or a located `Err`.
#[test]
fn damaged_tables_never_panic() {
    use faultline_ontology::ontology::{CAMEO_TSV, PLOVER_TSV};
    let damage = ['\t', '\\', '#', '\n', 'x', '-', '9', ';', 'é'];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        // xorshift: a fixed, reproducible sequence of positions.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut errors = 0;
    for round in 0..300 {
        let (cameo, plover) = (CAMEO_TSV.to_string(), PLOVER_TSV.to_string());
        let target = if round % 3 == 0 { &plover } else { &cameo };
        let mut at = (next() % target.len() as u64) as usize;
        while !target.is_char_boundary(at) {
            at -= 1;
        }
        let ch = damage[(next() % damage.len() as u64) as usize];
        let mut damaged = target.clone();
        let end = damaged[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        damaged.replace_range(at..end, &ch.to_string());
        let result = if round % 3 == 0 {
            Ontology::parse(&cameo, &damaged)
        } else {
            Ontology::parse(&damaged, &plover)
        };
        if let Err(e) = result {
            errors += 1;
            assert!(e.line >= 1 && e.line <= damaged.lines().count() + 1, "{e}");
            assert!(e.to_string().starts_with("dict/ontology/"), "{e}");
        }
    }
    // Most damage lands in free text and is harmless; some must be caught.
    eprintln!("{errors} of 300 damaged tables rejected");
    assert!(errors > 10, "only {errors} of 300 damaged tables were rejected");
}
