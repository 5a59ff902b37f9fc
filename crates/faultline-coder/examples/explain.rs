//! Prints, for each sentence of a text, the shallow analysis, the patterns
//! the coder matched and the events it made (every modality, negated ones
//! too) — the quickest way to see why a sentence codes what it codes.
//!
//! ```text
//! cargo run --release -p faultline-coder --example explain -- "Hamas took 200 Israelis hostage." [YYYY-MM-DD]
//! cargo run --release -p faultline-coder --example explain -- - 2023-03-17 < article.txt
//! ```

use std::io::Write as _;

use faultline_coder::{Coder, CoderScratch};
use faultline_dict::Dictionaries;
use faultline_ontology::Ontology;
use faultline_syntax::{Analysis, Analyzer, Context, Scratch};
use faultline_text::{sentences, Document};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut text = args.next().ok_or("usage: explain TEXT|- [YYYY-MM-DD]")?;
    if text == "-" {
        // `-` reads the text from standard input (a whole article).
        text.clear();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)?;
    }
    let date = args.next().map(|d| d.parse()).transpose()?;
    let dicts = Dictionaries::builtin()?;
    let coder = Coder::new(&dicts, Ontology::builtin());
    let doc = Document::from_text("explain", date, text);
    let ss = sentences(&doc);
    let analyzer = Analyzer::new(&dicts);
    let (mut ctx, mut syn) = (Context::default(), Scratch::default());
    let mut scratch = CoderScratch::default();
    // Write errors (a closed pipe) end the program with an error, not a panic.
    let mut stdout = std::io::stdout().lock();
    for s in &ss {
        let mut a = Analysis::default();
        analyzer.analyze(s, &mut ctx, &mut syn, &mut a);
        writeln!(stdout, "{}", a.describe())?;
        for (head, code, pattern) in coder.explain_matches(&a, &mut scratch) {
            writeln!(stdout, "  match `{}` {code} {pattern}", a.word_text(head as usize))?;
        }
    }
    for e in coder.code(&doc, &ss) {
        writeln!(
            stdout,
            "  event {} -> {} {} negated={} {} date={:?}",
            e.source.code,
            e.target.code,
            e.code,
            e.negated,
            e.modality.as_str(),
            e.date
        )?;
    }
    Ok(())
}
