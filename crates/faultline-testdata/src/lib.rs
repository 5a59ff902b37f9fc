//! Locates the project's shared, read-only test data.
//!
//! # Brief overview
//!
//! Tests and benchmarks read real data (the seed op-ed, PETRARCH suites, CAMEO
//! and PLOVER tables) from `../shared/data` beside the repository. The data is
//! never copied into the repository, so a test must cope with its absence:
//!
//! * under CI (`CI=true`) a missing file is a failure — CI always has it;
//! * elsewhere (a user's clone) the test is skipped with a printed reason.
//!
//! [`shared_file`] implements that policy; [`shared_root`] finds the folder.
//! [`CountingAlloc`] is the global allocator bench binaries use to report
//! peak memory and allocation counts.
//!
//! ```
//! if let Some(seed) = faultline_testdata::shared_file("seed/fp-china-russia-2023.txt") {
//!     assert!(seed.is_file());
//! }
//! ```

mod alloc;

pub use alloc::CountingAlloc;

use std::path::{Path, PathBuf};

/// The folder `shared/data`, searched upwards from this crate's manifest
/// directory (the repository sits beside `shared/`), or from `FAULTLINE_SHARED`
/// when that environment variable names a `shared` folder.
pub fn shared_root() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FAULTLINE_SHARED") {
        let p = PathBuf::from(dir).join("data");
        return p.is_dir().then_some(p);
    }
    let mut dir: &Path = Path::new(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared").join("data");
        if candidate.is_dir() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// True when running under CI, where shared data must be present.
pub fn in_ci() -> bool {
    std::env::var("CI").map(|v| !v.is_empty() && v != "false" && v != "0").unwrap_or(false)
}

/// Path of `rel` under `shared/data`, or `None` (after printing why) when it is
/// missing outside CI.
///
/// # Panics
///
/// Panics when the file is missing and `CI=true`: CI always has the data, so a
/// missing file there is a broken setup, not a reason to skip.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let found = shared_root().map(|root| root.join(rel)).filter(|p| p.exists());
    match found {
        Some(p) => Some(p),
        None if in_ci() => panic!(
            "shared test data `{rel}` is missing: CI must run beside ../shared/data"
        ),
        None => {
            eprintln!("skipped: shared test data `{rel}` not found (expected ../shared/data beside the repository)");
            None
        }
    }
}

/// A fresh, empty folder for one test: `faultline-<label>-<pid>` under the
/// system's temporary directory (removed first if a previous run left it).
///
/// # Panics
///
/// Panics when the folder cannot be created: a test cannot go on without it.
pub fn fresh_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("faultline-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Text in a form that compares equal across Faultline's normalisation:
/// curly quotes straightened, em/en dashes and ellipses spelled as the
/// pipeline spells them, and whitespace (with zero-width and soft-hyphen
/// characters) removed. Tests use it to check that offsets into an original
/// file slice out a sentence's normalised text.
pub fn squash(s: &str) -> String {
    s.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace('\u{2014}', "--")
        .replace('\u{2013}', "-")
        .replace('\u{2026}', "...")
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{AD}'))
        .collect()
}

/// Visible text of an HTML fragment as a test oracle, independent of the
/// HTML reader under test: tags dropped (naïvely: `<` to `>`), and the
/// entities the hand-written fixture `faultline-text/tests/fixtures/article.html`
/// uses decoded as the pipeline spells them (`&mdash;` as `--`, curly
/// quotes straight). Whitespace is left alone; compare through [`squash`].
///
/// ```
/// let s = faultline_testdata::strip_html("<p>Moscow &amp; Beijing&mdash;<b>now</b></p>");
/// assert_eq!(s, "Moscow & Beijing--now");
/// ```
pub fn strip_html(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    for (e, d) in [
        ("&amp;", "&"),
        ("&rsquo;", "'"),
        ("&#8217;", "'"),
        ("&#x2019;", "'"),
        ("&ldquo;", "\""),
        ("&rdquo;", "\""),
        ("&mdash;", "--"),
        ("&nbsp;", " "),
    ] {
        out = out.replace(e, d);
    }
    out
}
