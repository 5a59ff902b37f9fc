//! Generates the list of built-in dictionary files, and precompiles them.
//!
//! Every `*.txt` file under the repository's `dict/` folder (except
//! `dict/ontology/`, which the ontology crate owns) is compiled into the
//! binary with `include_str!`. The list is generated rather than written by
//! hand so that a new data file is picked up without touching code.
//!
//! The same files are then read and compiled here by the crate's own reader
//! and compiler (its modules, included by path) and the result is written
//! in the crate's binary form (`src/binary.rs`) to `OUT_DIR/builtin.fldict`,
//! which `Dictionaries::builtin` decodes at start-up instead of compiling
//! the text. An error in a built-in file fails the build with its
//! `file:line:column` message.

// The included modules are the library's; the build script uses a part.
#![allow(dead_code, unused_imports)]

use std::fmt::Write as _;

#[path = "src/actors.rs"]
mod actors;
#[path = "src/binary.rs"]
mod binary;
#[path = "src/codes.rs"]
mod codes;
#[path = "src/compile.rs"]
mod compile;
#[path = "src/dicts.rs"]
mod dicts;
#[path = "src/error.rs"]
mod error;
#[path = "src/fx.rs"]
mod fx;
#[path = "src/morph.rs"]
mod morph;
#[path = "src/names.rs"]
mod names;
#[path = "src/norm.rs"]
mod norm;
#[path = "src/pattern.rs"]
mod pattern;
#[path = "src/reader.rs"]
mod reader;

// What the modules name through the crate root.
use codes::{Iso3, OrgId};
use dicts::Dictionaries;
use norm::{normalize_key, phrase_tokens};
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
    // The included modules: a change to the compiler changes the output.
    println!("cargo:rerun-if-changed=src");
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

    let mut texts = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&dict).unwrap_or(f);
        let path = format!("dict/{}", rel.to_string_lossy().replace('\\', "/"));
        let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{path}: cannot read: {e}"));
        texts.push(compile::SourceFile {
            path,
            bytes: bytes.into(),
        });
    }
    // The same compilation as `Dictionaries::load` without the conflict
    // scans (their warnings are `dict check`'s; the result is the same).
    let report = compile::compile_with(&[texts], compile::Checks::Errors);
    if !report.errors.is_empty() {
        for e in &report.errors {
            eprintln!("error: {e}");
            println!("cargo:warning={e}");
        }
        eprintln!(
            "error: the built-in dictionaries have {} error(s); fix the files above",
            report.errors.len()
        );
        std::process::exit(1);
    }
    let bytes = binary::encode(&report.dictionaries);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin.fldict");
    std::fs::write(&out, bytes).expect("write precompiled builtin.fldict");
}
