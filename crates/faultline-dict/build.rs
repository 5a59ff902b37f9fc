//! Generates the list of built-in dictionary files.
//!
//! Every `*.txt` file under the repository's `dict/` folder (except
//! `dict/ontology/`, which the ontology crate owns) is compiled into the
//! binary with `include_str!`. The list is generated rather than written by
//! hand so that a new data file is picked up without touching code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "ontology")
                && p.parent() == Some(dir)
                && dir.file_name().is_some_and(|n| n == "dict")
            {
                continue;
            }
            println!("cargo:rerun-if-changed={}", p.display());
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let dict = manifest.join("../../dict");
    println!("cargo:rerun-if-changed={}", dict.display());
    let mut files = Vec::new();
    walk(&dict, &mut files);
    files.sort();
    let mut code = String::from("/// Built-in dictionary files: (path relative to the repository, contents).\npub const BUILTIN_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&dict).unwrap_or(f);
        let rel = rel.to_string_lossy().replace('\\', "/");
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        let _ = writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            format!("dict/{rel}"),
            abs.to_string_lossy()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_files.rs");
    std::fs::write(&out, code).expect("write generated builtin_files.rs");
}
