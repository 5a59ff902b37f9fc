//! Store, importers, exporters and the aggregate, end to end on the
//! hand-written fixtures and the ICEWS sample.

use std::path::{Path, PathBuf};

use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::aggregate::GROUP_BY_SQL;
use faultline_store::export::{export, ExportFormat};
use faultline_store::import::{Format, ImportReport, Importer};
use faultline_store::query::EventQuery;
use faultline_store::record::content_hash;
use faultline_store::bulk::BULK_MIN_ROWS;
use faultline_store::{ActorRow, BulkMode, DocumentRow, EventRow, SentenceRow, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("faultline-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn dicts() -> &'static Dictionaries {
    static D: std::sync::OnceLock<Dictionaries> = std::sync::OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries load"))
}

fn import(store: &mut Store, format: Format, path: &Path) -> ImportReport {
    Importer::new(Ontology::builtin(), dicts()).import_file(store, format, path).expect("import runs")
}

/// All events in id order, without the row id.
fn all_events(store: &Store) -> Vec<EventRow> {
    let mut v = Vec::new();
    faultline_store::export::for_each_event(store, None, &[], None, |e| {
        v.push(e.event.clone());
        Ok(())
    })
    .unwrap();
    v
}

/// `dyad_month` must equal its definition, a GROUP BY over events.
fn assert_aggregate_consistent(store: &Store) {
    type Row = (String, String, String, i64, i64, i64, i64, i64, f64);
    let read = |sql: &str| -> Vec<Row> {
        let mut stmt = store.conn().prepare(sql).unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
            })
            .unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap()
    };
    let table = read("SELECT * FROM dyad_month ORDER BY 1, 2, 3");
    let truth = read(&format!("SELECT * FROM ({GROUP_BY_SQL}) ORDER BY 1, 2, 3"));
    assert_eq!(table.len(), truth.len(), "dyad_month has {} rows, the GROUP BY {}", table.len(), truth.len());
    for (a, b) in table.iter().zip(&truth) {
        assert_eq!((&a.0, &a.1, &a.2, a.3, a.4, a.5, a.6, a.7), (&b.0, &b.1, &b.2, b.3, b.4, b.5, b.6, b.7));
        assert!((a.8 - b.8).abs() < 1e-6, "goldstein sum {} vs {} for {:?}", a.8, b.8, (&a.0, &a.1, &a.2));
    }
}

#[test]
fn icews_sample_imports_every_event_and_dyads_are_queryable() {
    let Some(path) = faultline_testdata::shared_file("icews/events.2018.sample.tab") else {
        eprintln!("skipped: shared data icews/events.2018.sample.tab not found");
        return;
    };
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, Format::Icews, &path);
    assert!(report.rejected.is_empty(), "rejected: {:?}", &report.rejected[..report.rejected.len().min(5)]);
    assert_eq!(report.rows, 3705);
    assert_eq!(report.imported, 3705);
    assert_eq!(store.counts().unwrap().events, 3705);

    // Country names became ISO3 codes.
    let count = |q: &EventQuery| {
        let (sql, params) = q.to_sql().unwrap();
        let refs: Vec<&dyn rusqlite::ToSql> = params.iter().map(|p| p.as_ref()).collect();
        faultline_store::export::for_each_event(&store, Some(&sql), &refs, None, |_| Ok(())).unwrap()
    };
    let chn_rus = count(&EventQuery { source: Some("CHN".into()), target: Some("RUS".into()), ..Default::default() });
    let usa_chn = count(&EventQuery { source: Some("USA".into()), target: Some("CHN".into()), ..Default::default() });
    assert!(chn_rus > 0, "no China→Russia events");
    assert!(usa_chn > 0, "no US→China events");
    // The aggregate agrees with the rows.
    let series: i64 = store.dyad_series("CHN", "RUS").unwrap().iter().map(|m| m.n_events).sum();
    assert_eq!(series as u64, chn_rus);
    assert_aggregate_consistent(&store);
    // Every country name of the sample maps to ISO3 (unmapped ones would be listed here).
    assert!(report.unmapped_countries.is_empty(), "{:?}", report.unmapped_countries);
    let palestine = count(&EventQuery { source: Some("PSE".into()), ..Default::default() });
    assert!(palestine > 0, "Occupied Palestinian Territory → PSE");

    // ICEWS ids repeat across files: the same rows under another file name are new events.
    let copy = tmp("events.2019.sample.tab");
    std::fs::copy(&path, &copy).unwrap();
    let again = import(&mut store, Format::Icews, &copy);
    assert_eq!(again.imported, 3705);
    // …but re-importing the same file adds nothing.
    let dup = import(&mut store, Format::Icews, &copy);
    assert_eq!((dup.imported, dup.duplicates), (0, 3705));
    assert_eq!(store.counts().unwrap().events, 7410);
    assert_aggregate_consistent(&store);
}

/// Import `fixture`, export as CSV, re-import into a fresh store: same events.
fn round_trip_csv(format: Format, name: &str, expect_rows: usize, expect_rejected: &[usize]) -> Vec<EventRow> {
    let mut a = Store::open_in_memory().unwrap();
    let report = import(&mut a, format, &fixture(name));
    let lines: Vec<usize> = report.rejected.iter().map(|e| e.line).collect();
    assert_eq!(lines, expect_rejected, "{name}: rejected {:?}", report.rejected);
    assert_eq!(report.imported, expect_rows, "{name}");
    let events = all_events(&a);
    assert_eq!(events.len(), expect_rows);

    let csv = tmp(&format!("{name}.csv"));
    assert_eq!(export(&a, ExportFormat::Csv, None, &csv).unwrap(), expect_rows as u64);
    let mut b = Store::open_in_memory().unwrap();
    let back = import(&mut b, Format::Csv, &csv);
    assert!(back.rejected.is_empty(), "{:?}", back.rejected);
    assert_eq!(all_events(&b), events, "{name}: CSV round trip changed events");
    assert_aggregate_consistent(&a);
    assert_aggregate_consistent(&b);
    events
}

/// Import `fixture`, export in GDELT 2.0 layout, re-import as gdelt2: the
/// fields GDELT carries are unchanged.
fn round_trip_gdelt(format: Format, name: &str) {
    let mut a = Store::open_in_memory().unwrap();
    import(&mut a, format, &fixture(name));
    let out = tmp(&format!("{name}.gdelt"));
    let n = export(&a, ExportFormat::Gdelt, None, &out).unwrap();
    for line in std::fs::read_to_string(&out).unwrap().lines() {
        assert_eq!(line.split('\t').count(), 61);
    }
    let mut b = Store::open_in_memory().unwrap();
    let back = import(&mut b, Format::Gdelt2, &out);
    assert!(back.rejected.is_empty(), "{:?}", back.rejected);
    assert_eq!(back.imported as u64, n);
    let keeps_ids = matches!(format, Format::Gdelt1 | Format::Gdelt2);
    let key = |e: &EventRow| {
        let actor = |a: &ActorRow| (a.code.clone(), a.country.clone(), a.org.clone(), a.sectors.clone(), a.text.clone());
        (
            // GLOBALEVENTID is numeric: other datasets' ids become row ids.
            if keeps_ids { e.original_id.clone() } else { String::new() },
            e.date,
            actor(&e.source),
            actor(&e.target),
            e.cameo.clone(),
            e.cameo_root.clone(),
            e.goldstein.map(|g| (g * 1000.0).round() as i64),
            e.quad_class,
            e.plover_event.clone(),
            e.url.clone(),
        )
    };
    let before: Vec<_> = all_events(&a).iter().map(key).collect();
    let after: Vec<_> = all_events(&b).iter().map(key).collect();
    assert_eq!(before, after, "{name}: GDELT round trip changed events");
}

#[test]
fn gdelt1_round_trips() {
    let events = round_trip_csv(Format::Gdelt1, "gdelt1.events.tsv", 6, &[7, 8]);
    // 57-column rows (before 2013-04-01) have no URL; 58-column rows do.
    assert_eq!(events[0].url, None);
    assert_eq!(events[2].url.as_deref(), Some("http://www.example.com/news/russia-kazakhstan-loan"));
    assert_eq!(events[0].source.country.as_deref(), Some("CHN"));
    assert_eq!(events[1].target.text.as_deref(), Some("CHINA"));
    assert_eq!(events[4].source.org.as_deref(), Some("UNO"));
    round_trip_gdelt(Format::Gdelt1, "gdelt1.events.tsv");
}

#[test]
fn gdelt2_round_trips() {
    let events = round_trip_csv(Format::Gdelt2, "gdelt2.export.tsv", 6, &[]);
    assert_eq!(events[1].cameo, "057");
    assert_eq!(events[1].plover_event.as_deref(), Some("SUPPORT"));
    assert_eq!(events[4].goldstein, Some(-10.0));
    assert_eq!(events[4].quad_class, Some(4));
    round_trip_gdelt(Format::Gdelt2, "gdelt2.export.tsv");
}

#[test]
fn phoenix_round_trips() {
    let events = round_trip_csv(Format::Phoenix, "phoenix.csv", 5, &[7, 8]);
    assert_eq!(events[0].source.code, "CHNGOV");
    assert_eq!(events[0].source.sectors, ["GOV"]);
    assert_eq!(events[2].url.as_deref(), Some("http://www.example.com/a3?x=1,2"));
    // "EUR" is not a country: the actor keeps its code and has no country.
    assert_eq!((events[3].source.code.as_str(), events[3].source.country.as_deref()), ("EUR", None));
    round_trip_gdelt(Format::Phoenix, "phoenix.csv");
}

#[test]
fn polecat_round_trips_with_plover_mapped_to_cameo() {
    let events = round_trip_csv(Format::Polecat, "polecat.tsv", 6, &[8, 9]);
    let agree = &events[0];
    assert_eq!((agree.cameo.as_str(), agree.quad_class), ("03", Some(1)));
    assert_eq!(agree.plover_context.as_deref(), Some("economic;diplomatic"));
    assert_eq!(agree.source.country.as_deref(), Some("CHN"));
    assert_eq!(agree.source.sectors, ["Government", "Executive"]);
    let assault = &events[3];
    // A weapon mode takes ASSAULT to CAMEO 19 (fight) through the ontology's reverse table.
    assert_eq!((assault.cameo_root.as_str(), assault.quad_class), ("19", Some(4)));
    assert_eq!(assault.plover_mode.as_deref(), Some("firearms"));
    assert_eq!(events[2].plover_event.as_deref(), Some("ACCUSE"));
    assert_eq!(events[2].cameo_root, "11");
    assert_eq!(events[5].goldstein, Some(-5.0));
    round_trip_gdelt(Format::Polecat, "polecat.tsv");
}

#[test]
fn bad_rows_are_reported_with_lines_and_the_rest_imported() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, Format::Gdelt2, &fixture("gdelt2.bad.tsv"));
    let msgs: Vec<String> = report.rejected.iter().map(|e| e.to_string()).collect();
    assert_eq!(report.rejected.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 4, 5, 6, 7], "{msgs:#?}");
    assert!(msgs[0].ends_with("gdelt2.bad.tsv:2: expected 61 tab-separated columns (GDELT 2.0), found 40"), "{}", msgs[0]);
    assert!(msgs[1].contains(":4: invalid UTF-8"), "{}", msgs[1]);
    assert!(msgs[2].contains(":5: date `20231345` out of range"), "{}", msgs[2]);
    assert!(msgs[3].contains(":6: date `17000101` out of range"), "{}", msgs[3]);
    assert!(msgs[4].contains(":7: CAMEO code `999`"), "{}", msgs[4]);
    assert_eq!(report.imported, 3);
    assert_eq!(report.rows, 8);
}

#[test]
fn zip_archives_import_and_truncated_ones_keep_what_precedes_the_cut() {
    let zip = fixture("20230321.export.CSV.zip");
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, Format::Gdelt2, &zip);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    // The archive repeats 6 rows 40 times: 6 distinct ids, the rest duplicates.
    assert_eq!((report.rows, report.imported, report.duplicates), (240, 6, 234));

    let bytes = std::fs::read(&zip).unwrap();
    let cut = tmp("truncated.export.CSV.zip");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, Format::Gdelt2, &cut);
    assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
    let msg = report.rejected[0].to_string();
    assert!(msg.contains("truncated.export.CSV.zip!20230321.export.CSV:"), "{msg}");
    assert!(msg.contains("truncated or corrupt"), "{msg}");
    assert!(report.rejected[0].line > 1);
    assert!(report.rows > 0, "rows before the cut are imported");

    // Not a zip at all: a file-level error naming the file.
    let junk = tmp("junk.zip");
    std::fs::write(&junk, b"this is not a zip").unwrap();
    let err = Importer::new(Ontology::builtin(), dicts()).import_file(&mut store, Format::Gdelt2, &junk).unwrap_err();
    assert!(err.to_string().contains("junk.zip"), "{err}");
}

#[test]
fn jsonl_export_follows_the_coder_contract_and_parquet_is_readable() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, Format::Polecat, &fixture("polecat.tsv"));
    let out = tmp("polecat.jsonl");
    assert_eq!(export(&store, ExportFormat::Jsonl, Some("cameo_root = '03'"), &out).unwrap(), 1);
    let text = std::fs::read_to_string(&out).unwrap();
    let v: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut contract: Vec<&str> = faultline_coder::output::JSONL_FIELDS.to_vec();
    contract.extend(["provenance", "original_id", "url", "kept"]);
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    contract.sort_unstable();
    assert_eq!(sorted_keys, contract);
    assert_eq!(v["source"]["country"], "CHN");
    assert_eq!(v["plover"]["event"], "AGREE");
    assert_eq!(v["plover"]["context"], serde_json::json!(["economic", "diplomatic"]));
    assert_eq!(v["cameo_name"], "EXPRESS INTENT TO COOPERATE");

    let pq = tmp("polecat.parquet");
    assert_eq!(export(&store, ExportFormat::Parquet, None, &pq).unwrap(), 6);
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 6);
    assert_eq!(meta.file_metadata().schema_descr().num_columns(), faultline_store::export::csv_header().len());

    // A bad --where is an SQL error naming the database, not a panic.
    let err = export(&store, ExportFormat::Csv, Some("no_such_column = 1"), &tmp("x.csv")).unwrap_err();
    assert!(err.to_string().contains("no_such_column"), "{err}");
}

fn doc(id: &str, text: &str, events: &[(&str, &str, &str, &str, bool)]) -> DocumentRow {
    let ontology = Ontology::builtin();
    let rows = events
        .iter()
        .enumerate()
        .map(|(n, (src, tgt, code, date, kept))| {
            let mut e = EventRow::imported("faultline", format!("{id}:0:{n}"), code.parse().unwrap(), ontology);
            e.doc_id = Some(id.to_owned());
            e.sentence = Some(0);
            e.date = Some(date.parse().unwrap());
            e.source = ActorRow { code: src.to_string(), country: Some(src.to_string()), ..ActorRow::default() };
            e.target = ActorRow { code: tgt.to_string(), country: Some(tgt.to_string()), ..ActorRow::default() };
            e.kept = *kept;
            e.negated = !kept;
            e
        })
        .collect();
    DocumentRow {
        id: id.to_owned(),
        date: None,
        source: None,
        url: None,
        title: None,
        text: text.to_owned(),
        content_hash: content_hash(&[id.as_bytes(), text.as_bytes()]),
        sentences: vec![SentenceRow { idx: 0, text: text.to_owned(), start: 0, end: text.len() as i64 }],
        events: rows,
    }
}

#[test]
fn documents_are_skipped_when_unchanged_and_replaced_when_changed() {
    let path = tmp("docs.db");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), faultline_store::schema::SCHEMA_VERSION);
    let a = doc("a", "China and Russia signed.", &[("CHN", "RUS", "057", "2023-03-21", true), ("RUS", "CHN", "057", "2023-03-21", true)]);
    let b = doc("b", "US criticised China.", &[("USA", "CHN", "111", "2023-03-22", true), ("USA", "CHN", "138", "2023-04-01", false)]);
    let s = store.write_documents(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((s.inserted, s.replaced, s.skipped, s.events), (2, 0, 0, 4));
    assert_aggregate_consistent(&store);
    let first = store.counts().unwrap();

    // Same content: skipped, counts unchanged.
    let s = store.write_documents(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((s.inserted, s.replaced, s.skipped), (0, 0, 2));
    assert_eq!(store.counts().unwrap(), first);

    // Changed content: the old events go, the aggregate follows.
    let a2 = doc("a", "China and Russia met.", &[("CHN", "KAZ", "042", "2023-05-02", true)]);
    let s = store.write_documents(&[a2]).unwrap();
    assert_eq!((s.inserted, s.replaced, s.skipped, s.events), (0, 1, 0, 1));
    let ev = store.document_events("a").unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].cameo, "042");
    assert!(store.dyad_series("CHN", "RUS").unwrap().is_empty(), "old dyad-month not decremented");
    assert!(store.dyad_series("RUS", "CHN").unwrap().is_empty());
    assert_eq!(store.dyad_series("CHN", "KAZ").unwrap()[0].n_events, 1);
    assert_aggregate_consistent(&store);
    // The not-kept event is stored but not aggregated.
    assert_eq!(store.document_events("b").unwrap().len(), 2);
    assert_eq!(store.dyad_series("USA", "CHN").unwrap().len(), 1);

    assert!(store.delete_document("b").unwrap());
    assert!(!store.delete_document("b").unwrap());
    assert_aggregate_consistent(&store);
    assert!(store.dyad_series("USA", "CHN").unwrap().is_empty());
    drop(store);

    // Reopening keeps everything; a read-only handle cannot write.
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.counts().unwrap().documents, 1);
    assert!(ro.conn().execute("DELETE FROM events", []).is_err());
}

#[test]
fn query_arguments_are_validated() {
    assert!(EventQuery { source: Some("China".into()), ..Default::default() }.to_sql().is_err());
    assert!(EventQuery { root: Some("21".into()), ..Default::default() }.to_sql().is_err());
    assert!(EventQuery { quad: Some(5), ..Default::default() }.to_sql().is_err());
    let (sql, params) =
        EventQuery { source: Some("chn".into()), root: Some("3".into()), ..Default::default() }.to_sql().unwrap();
    assert_eq!(sql, "source_country = ? AND cameo_root = ?");
    assert_eq!(params.len(), 2);
}

/// `n` synthetic imported events with ids `first..first + n`: varied
/// dyads, months and codes, and some rows the aggregate must not count
/// (no target country, no date).
fn synthetic_events(first: usize, n: usize) -> Vec<EventRow> {
    let ontology = Ontology::builtin();
    let countries = ["CHN", "RUS", "USA", "IND", "KAZ", "UKR"];
    let codes = ["010", "042", "057", "111", "173", "190"];
    (first..first + n)
        .map(|i| {
            let mut e = EventRow::imported("gdelt2", i.to_string(), codes[i % codes.len()].parse().unwrap(), ontology);
            let (a, b) = (countries[i % countries.len()], countries[(i / 7) % countries.len()]);
            e.source = ActorRow { code: a.into(), country: Some(a.into()), sectors: vec!["GOV".into()], ..ActorRow::default() };
            e.target = ActorRow { code: b.into(), country: (i % 11 != 0).then(|| b.into()), ..ActorRow::default() };
            e.date = (i % 13 != 0).then(|| format!("20{:02}-{:02}-{:02}", 15 + i % 9, 1 + i % 12, 1 + i % 28).parse().unwrap());
            e.goldstein = Some((i % 21) as f64 - 10.0);
            e
        })
        .collect()
}

fn index_names(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name").unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.collect::<Result<_, _>>().unwrap()
}

fn journal_mode(store: &Store) -> String {
    store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_bulk_import_is_one_transaction_and_equals_the_batched_path() {
    let path = tmp("bulk.db");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    let indexes = index_names(&store);
    assert_eq!(indexes.len(), 4, "{indexes:?}");
    let rows = synthetic_events(0, 3000);

    let mut bulk = store.bulk_import(BULK_MIN_ROWS * 10).unwrap();
    assert_eq!(bulk.mode(), BulkMode::SingleTransaction);
    assert!(bulk.rebuilds_indexes(), "a large import into an empty table rebuilds the indexes");
    assert_eq!(bulk.insert(&rows[..1000]).unwrap(), 1000);
    assert_eq!(bulk.insert(&rows[1000..]).unwrap(), 2000);
    // Rows already stored — in this very transaction — are skipped.
    assert_eq!(bulk.insert(&rows[500..1500]).unwrap(), 0);
    assert_eq!(bulk.finish().unwrap(), 3000);
    assert_eq!(journal_mode(&store), "wal", "the store is back in WAL mode");
    assert_eq!(index_names(&store), indexes, "every index is back");
    assert_eq!(store.counts().unwrap().events, 3000);
    assert_aggregate_consistent(&store);

    // A second bulk import into the now larger table keeps the indexes,
    // and counts on top of the existing aggregate.
    let more = synthetic_events(2500, 1000);
    let mut bulk = store.bulk_import(BULK_MIN_ROWS).unwrap();
    assert_eq!(bulk.mode(), BulkMode::SingleTransaction);
    assert_eq!(bulk.insert(&more).unwrap(), 500);
    bulk.finish().unwrap();
    assert_aggregate_consistent(&store);

    // The store's ordinary batched path gives the same table and aggregate.
    let mut reference = Store::open_in_memory().unwrap();
    assert_eq!(reference.insert_events(&rows).unwrap(), 3000);
    assert_eq!(reference.insert_events(&more).unwrap(), 500);
    assert_eq!(all_events(&store), all_events(&reference));
    let dyads = |s: &Store| -> Vec<(String, String, String, i64, [i64; 4])> {
        let mut stmt = s.conn().prepare(&format!("SELECT {} FROM dyad_month ORDER BY 1, 2, 3", faultline_store::aggregate::DYAD_COLUMNS)).unwrap();
        let rows = stmt.query_map([], faultline_store::DyadMonth::from_row).unwrap();
        rows.map(|r| r.map(|d| (d.source, d.target, d.month, d.n_events, d.quad))).collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(dyads(&store), dyads(&reference));
    drop(store);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn an_unfinished_bulk_import_leaves_nothing_behind() {
    let path = tmp("bulk-dropped.db");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    store.insert_events(&synthetic_events(0, 100)).unwrap();
    let before = store.counts().unwrap();
    let indexes = index_names(&store);
    {
        let mut bulk = store.bulk_import(BULK_MIN_ROWS * 10).unwrap();
        assert_eq!(bulk.mode(), BulkMode::SingleTransaction);
        assert!(bulk.rebuilds_indexes());
        bulk.insert(&synthetic_events(100, 2000)).unwrap();
        // Dropped without finish(): an error on the way.
    }
    assert_eq!(store.counts().unwrap(), before, "the uncommitted rows are gone");
    assert_eq!(index_names(&store), indexes, "the dropped indexes are back");
    assert_eq!(journal_mode(&store), "wal");
    assert_aggregate_consistent(&store);
    drop(store);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_bulk_import_into_a_shared_database_commits_in_batches() {
    let path = tmp("bulk-shared.db");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    store.insert_events(&synthetic_events(0, 10)).unwrap();
    // Another process or connection (a server, say) has the database open.
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.counts().unwrap().events, 10);
    let mut bulk = store.bulk_import(BULK_MIN_ROWS * 10).unwrap();
    assert_eq!(bulk.mode(), BulkMode::Batched, "WAL cannot be left while another connection is open");
    assert_eq!(bulk.insert(&synthetic_events(10, 1000)).unwrap(), 1000);
    // Batches are committed as they go: the other connection sees them.
    assert_eq!(reader.counts().unwrap().events, 1010);
    assert_eq!(bulk.insert(&synthetic_events(500, 1000)).unwrap(), 490);
    bulk.finish().unwrap();
    assert_eq!(journal_mode(&store), "wal");
    assert_eq!(index_names(&store).len(), 4);
    assert_eq!(reader.counts().unwrap().events, 1500);
    assert_aggregate_consistent(&store);
    drop((reader, store));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn small_imports_use_the_batched_path() {
    let mut store = Store::open_in_memory().unwrap();
    let bulk = store.bulk_import(10).unwrap();
    assert_eq!((bulk.mode(), bulk.rebuilds_indexes()), (BulkMode::Batched, false));
    // In memory there is no WAL to leave, whatever the size.
    drop(bulk);
    let bulk = store.bulk_import(BULK_MIN_ROWS * 10).unwrap();
    assert_eq!(bulk.mode(), BulkMode::Batched);
}
