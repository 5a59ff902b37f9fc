//! Robustness on real-world-shaped text: every one of the 4,500 synthetic
//! NGEC stories (and its headline) is coded without a panic, and the coder's
//! per-thread scratch is reused across all of them, as `faultline code` does.
//!
//! (A scratch buffer left over from a longer sentence once made the noun
//! pass read past a shorter sentence's end; this test found it.)

use faultline_coder::{Coder, CoderScratch};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_text::{Document, Pipeline};

#[test]
fn every_ngec_story_codes_without_panicking_with_a_shared_scratch() {
    let Some(path) = faultline_testdata::shared_file("ngec/synthetic_plover_stories.csv") else { return };
    let dicts = Dictionaries::builtin().expect("built-in dictionaries");
    let coder = Coder::new(&dicts, Ontology::builtin());
    let pipeline = Pipeline::default();
    let mut scratch = CoderScratch::default();
    let mut reader = csv::Reader::from_path(&path).expect("open the NGEC CSV");
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no `{name}` column"));
    let (text, title) = (col("text"), col("title"));
    let (mut stories, mut events) = (0usize, 0usize);
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap_or_else(|e| panic!("{}: row {}: {e}", path.display(), i + 2));
        let body = format!("{}\n\n{}", row.get(title).unwrap_or(""), row.get(text).unwrap_or(""));
        let doc = Document::from_text(format!("ngec:{}", i + 2), None, body);
        let sentences = pipeline.run(&doc);
        events += coder.code_document(&doc, &sentences, &mut scratch).len();
        stories += 1;
    }
    assert_eq!(stories, 4500);
    assert!(events > 0);
}
