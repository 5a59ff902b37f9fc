//! Finding a PETRARCH setup's dictionaries in a folder by their names, for
//! `faultline petrarch code --dicts DIR` when there is no `PETR_config.ini`.

use std::path::{Path, PathBuf};

use crate::actors::ActorDictionary;
use crate::agents::AgentDictionary;
use crate::diag::{Loaded, ReadError};
use crate::discards::DiscardList;
use crate::issues::IssueDictionary;
use crate::set::DictionarySet;
use crate::verbs::VerbDictionary;

/// What kind of dictionary a file name suggests (PETRARCH's naming
/// conventions: `*.verbs.txt` or `CAMEO*.txt`, `*.actors.txt`,
/// `*agents*.txt`, `*discards*.txt`, `*Issue*.txt`).
fn kind(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    if !n.ends_with(".txt") {
        return None;
    }
    if n.contains("verbs") || n.starts_with("cameo") {
        Some("verbs")
    } else if n.contains("actors") {
        Some("actors")
    } else if n.contains("agents") {
        Some("agents")
    } else if n.contains("discards") {
        Some("discards")
    } else if n.contains("issue") {
        Some("issues")
    } else {
        None
    }
}

/// Reads every dictionary found in `dir` (not recursive). With several
/// verb, agent, discard or issue files the first by name is used and the
/// others are reported as warnings; all actor files are read, in name order.
pub fn dictionaries_in(dir: &Path) -> Result<Loaded<DictionarySet>, ReadError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ReadError::Io {
            path: dir.display().to_string(),
            source: e,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut set = DictionarySet {
        verbs: None,
        actors: vec![],
        agents: None,
        discards: None,
        issues: None,
    };
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        match kind(name) {
            Some("verbs") if set.verbs.is_none() => {
                let l = VerbDictionary::read(f)?;
                warnings.extend(l.warnings);
                set.verbs = Some(l.value);
            }
            Some("actors") => {
                let l = ActorDictionary::read(f)?;
                warnings.extend(l.warnings);
                set.actors.push(l.value);
            }
            Some("agents") if set.agents.is_none() => {
                let l = AgentDictionary::read(f)?;
                warnings.extend(l.warnings);
                set.agents = Some(l.value);
            }
            Some("discards") if set.discards.is_none() => {
                let l = DiscardList::read(f)?;
                warnings.extend(l.warnings);
                set.discards = Some(l.value);
            }
            Some("issues") if set.issues.is_none() => {
                let l = IssueDictionary::read(f)?;
                warnings.extend(l.warnings);
                set.issues = Some(l.value);
            }
            Some(_) => skipped.push(f.display().to_string()),
            None => {}
        }
    }
    for s in skipped {
        warnings.push(crate::diag::Diagnostic::new(
            &s,
            0,
            None,
            "a second dictionary of this kind in the folder: not used",
        ));
    }
    Ok(Loaded {
        value: set,
        warnings,
    })
}
