//! Arbitrary bytes as a `.zip` (and as a plain file) through the whole
//! GDELT 2.0 import into an in-memory store: a corrupt or truncated archive
//! is an error or a reported row, never a panic, and the aggregate stays
//! equal to its definition.

#![no_main]

use std::sync::OnceLock;

use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_store::import::{Format, Importer};
use faultline_store::Store;
use libfuzzer_sys::fuzz_target;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries compile"))
}

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("faultline-fuzz-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let importer = Importer::new(Ontology::builtin(), dicts());
    for name in ["input.export.CSV.zip", "input.export.CSV"] {
        let path = dir.join(name);
        std::fs::write(&path, data).expect("write input");
        let mut store = Store::open_in_memory().expect("in-memory store");
        if let Ok(report) = importer.import_file(&mut store, Format::Gdelt2, &path) {
            let events = store.counts().expect("counts").events;
            assert_eq!(events as usize, report.imported);
            let mismatched: i64 = store
                .conn()
                .query_row(
                    &format!(
                        "SELECT count(*) FROM (SELECT source_country, target_country, month, n_events FROM dyad_month \
                         EXCEPT SELECT source_country, target_country, month, n_events FROM ({}))",
                        faultline_store::aggregate::GROUP_BY_SQL
                    ),
                    [],
                    |r| r.get(0),
                )
                .expect("aggregate check");
            assert_eq!(mismatched, 0);
        }
    }
});
