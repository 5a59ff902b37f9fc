//! All dictionaries named by a `PETR_config.ini` or a suite's
//! `<Environment>`, read together.

use std::path::{Path, PathBuf};

use crate::actors::ActorDictionary;
use crate::agents::AgentDictionary;
use crate::config::Config;
use crate::diag::{Diagnostic, Loaded, ReadError};
use crate::discards::DiscardList;
use crate::issues::IssueDictionary;
use crate::verbs::VerbDictionary;
use crate::xml::Environment;

/// The dictionaries of one PETRARCH setup; absent files are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionarySet {
    /// The verb file (dialect detected from its content).
    pub verbs: Option<VerbDictionary>,
    /// The actor files, in the order given.
    pub actors: Vec<ActorDictionary>,
    /// The agent file.
    pub agents: Option<AgentDictionary>,
    /// The discard file.
    pub discards: Option<DiscardList>,
    /// The issue file.
    pub issues: Option<IssueDictionary>,
}

/// The files to read, already resolved.
struct Files<'a> {
    verbs: Option<&'a Path>,
    actors: Vec<PathBuf>,
    agents: Option<PathBuf>,
    discards: Option<PathBuf>,
    issues: Option<PathBuf>,
}

impl DictionarySet {
    /// Reads every dictionary a config names (paths already resolved
    /// against the config's folder).
    pub fn from_config(config: &Config) -> Result<Loaded<DictionarySet>, ReadError> {
        Self::read(Files {
            verbs: config.verb_file.as_deref(),
            actors: config.actor_files.clone(),
            agents: config.agent_file.clone(),
            discards: config.discard_file.clone(),
            issues: config.issue_file.clone(),
        })
    }

    /// Reads every dictionary a suite's environment names, relative to
    /// `base` (the suite file's folder).
    pub fn from_environment(
        base: &Path,
        env: &Environment,
    ) -> Result<Loaded<DictionarySet>, ReadError> {
        let r = |n: &Option<String>| n.as_deref().map(|n| Environment::resolve(base, n));
        let verbs = r(&env.verb_file);
        Self::read(Files {
            verbs: verbs.as_deref(),
            actors: env
                .actor_files
                .iter()
                .map(|a| Environment::resolve(base, a))
                .collect(),
            agents: r(&env.agent_file),
            discards: r(&env.discard_file),
            issues: r(&env.issue_file),
        })
    }

    /// Reads all files, collecting every file's errors before failing (an
    /// unreadable file fails at once: nothing else would be meaningful).
    fn read(files: Files<'_>) -> Result<Loaded<DictionarySet>, ReadError> {
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut warnings: Vec<Diagnostic> = Vec::new();
        fn take<T>(
            r: Result<Loaded<T>, ReadError>,
            errors: &mut Vec<Diagnostic>,
            warnings: &mut Vec<Diagnostic>,
        ) -> Result<Option<T>, ReadError> {
            match r {
                Ok(l) => {
                    warnings.extend(l.warnings);
                    Ok(Some(l.value))
                }
                Err(ReadError::Syntax(d)) => {
                    errors.extend(d);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        let verbs = match files.verbs {
            Some(p) => take(VerbDictionary::read(p), &mut errors, &mut warnings)?,
            None => None,
        };
        let mut actors = Vec::new();
        for p in &files.actors {
            if let Some(a) = take(ActorDictionary::read(p), &mut errors, &mut warnings)? {
                actors.push(a);
            }
        }
        let agents = match &files.agents {
            Some(p) => take(AgentDictionary::read(p), &mut errors, &mut warnings)?,
            None => None,
        };
        let discards = match &files.discards {
            Some(p) => take(DiscardList::read(p), &mut errors, &mut warnings)?,
            None => None,
        };
        let issues = match &files.issues {
            Some(p) => take(IssueDictionary::read(p), &mut errors, &mut warnings)?,
            None => None,
        };
        if !errors.is_empty() {
            return Err(ReadError::Syntax(errors));
        }
        Ok(Loaded {
            value: DictionarySet {
                verbs,
                actors,
                agents,
                discards,
                issues,
            },
            warnings,
        })
    }
}
