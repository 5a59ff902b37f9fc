//! All dictionaries named by a `PETR_config.ini` or a suite's
//! `<Environment>`, read together.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// against the config's folder). The files are read in parallel, one
    /// thread per available core; the result and the order of the
    /// diagnostics are those of reading the files one by one in the order
    /// verbs, actors, agents, discards, issues.
    pub fn from_config(config: &Config) -> Result<Loaded<DictionarySet>, ReadError> {
        Self::from_config_with_threads(config, default_threads())
    }

    /// [`DictionarySet::from_config`] with at most `threads` threads reading
    /// files (0 or 1: all on the calling thread). The result does not depend
    /// on `threads`.
    pub fn from_config_with_threads(
        config: &Config,
        threads: usize,
    ) -> Result<Loaded<DictionarySet>, ReadError> {
        Self::read(
            Files {
                verbs: config.verb_file.as_deref(),
                actors: config.actor_files.clone(),
                agents: config.agent_file.clone(),
                discards: config.discard_file.clone(),
                issues: config.issue_file.clone(),
            },
            threads,
        )
    }

    /// Reads every dictionary a suite's environment names, relative to
    /// `base` (the suite file's folder), in parallel like
    /// [`DictionarySet::from_config`].
    pub fn from_environment(
        base: &Path,
        env: &Environment,
    ) -> Result<Loaded<DictionarySet>, ReadError> {
        let r = |n: &Option<String>| n.as_deref().map(|n| Environment::resolve(base, n));
        let verbs = r(&env.verb_file);
        Self::read(
            Files {
                verbs: verbs.as_deref(),
                actors: env
                    .actor_files
                    .iter()
                    .map(|a| Environment::resolve(base, a))
                    .collect(),
                agents: r(&env.agent_file),
                discards: r(&env.discard_file),
                issues: r(&env.issue_file),
            },
            default_threads(),
        )
    }

    /// Reads all files, collecting every file's errors before failing (an
    /// unreadable file fails at once: nothing else would be meaningful).
    ///
    /// The files are read concurrently but their results are taken in file
    /// order, so the value, the warnings and the errors (and which I/O error
    /// wins when several files are unreadable) are exactly those of a
    /// sequential read.
    fn read(files: Files<'_>, threads: usize) -> Result<Loaded<DictionarySet>, ReadError> {
        let mut jobs: Vec<Job<'_>> = Vec::with_capacity(files.actors.len() + 4);
        jobs.extend(files.verbs.map(Job::Verbs));
        jobs.extend(files.actors.iter().map(|p| Job::Actors(p)));
        jobs.extend(files.agents.as_deref().map(Job::Agents));
        jobs.extend(files.discards.as_deref().map(Job::Discards));
        jobs.extend(files.issues.as_deref().map(Job::Issues));

        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut warnings: Vec<Diagnostic> = Vec::new();
        let mut set = DictionarySet {
            verbs: None,
            actors: Vec::with_capacity(files.actors.len()),
            agents: None,
            discards: None,
            issues: None,
        };
        // One outcome per job, in job (file) order.
        for r in run_jobs(&jobs, threads) {
            match r {
                Done::Verbs(r) => set.verbs = Loaded::gather(r, &mut warnings, &mut errors)?,
                Done::Actors(r) => {
                    if let Some(a) = Loaded::gather(r, &mut warnings, &mut errors)? {
                        set.actors.push(a);
                    }
                }
                Done::Agents(r) => set.agents = Loaded::gather(r, &mut warnings, &mut errors)?,
                Done::Discards(r) => set.discards = Loaded::gather(r, &mut warnings, &mut errors)?,
                Done::Issues(r) => set.issues = Loaded::gather(r, &mut warnings, &mut errors)?,
            }
        }
        if !errors.is_empty() {
            return Err(ReadError::Syntax(errors));
        }
        Ok(Loaded {
            value: set,
            warnings,
        })
    }
}

/// Threads to read with by default: one per core the process may use.
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// One file to read and the reader for it.
#[derive(Clone, Copy)]
enum Job<'a> {
    Verbs(&'a Path),
    Actors(&'a Path),
    Agents(&'a Path),
    Discards(&'a Path),
    Issues(&'a Path),
}

/// The outcome of a [`Job`].
enum Done {
    Verbs(Result<Loaded<VerbDictionary>, ReadError>),
    Actors(Result<Loaded<ActorDictionary>, ReadError>),
    Agents(Result<Loaded<AgentDictionary>, ReadError>),
    Discards(Result<Loaded<DiscardList>, ReadError>),
    Issues(Result<Loaded<IssueDictionary>, ReadError>),
}

impl Job<'_> {
    fn run(self) -> Done {
        match self {
            Job::Verbs(p) => Done::Verbs(VerbDictionary::read(p)),
            Job::Actors(p) => Done::Actors(ActorDictionary::read(p)),
            Job::Agents(p) => Done::Agents(AgentDictionary::read(p)),
            Job::Discards(p) => Done::Discards(DiscardList::read(p)),
            Job::Issues(p) => Done::Issues(IssueDictionary::read(p)),
        }
    }

    /// Rough reading cost, to start the longest jobs first: the file size,
    /// doubled for verb files (their patterns cost about twice as much per
    /// byte as the other formats). Unknown sizes count as free; such a file
    /// usually cannot be read at all.
    fn cost(self) -> u64 {
        let (p, weight) = match self {
            Job::Verbs(p) => (p, 2),
            Job::Actors(p) | Job::Agents(p) | Job::Discards(p) | Job::Issues(p) => (p, 1),
        };
        std::fs::metadata(p).map_or(0, |m| m.len().saturating_mul(weight))
    }
}

/// Runs the jobs on up to `threads` threads (the calling thread included),
/// each thread taking the costliest job not yet taken, and returns the
/// outcomes in job order. Which thread ran a job never shows in the result.
fn run_jobs(jobs: &[Job<'_>], threads: usize) -> Vec<Done> {
    let threads = threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        return jobs.iter().map(|j| j.run()).collect();
    }
    let mut order: Vec<(u64, usize)> = jobs.iter().map(|j| j.cost()).zip(0..).collect();
    // Costliest first; ties in job order, so the schedule is reproducible.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut out = Vec::new();
        while let Some(&(_, j)) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            out.push((j, jobs[j].run()));
        }
        out
    };
    let mut slots: Vec<Option<Done>> = jobs.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        // A thread that cannot be started is not needed: the calling thread
        // takes whatever jobs are left.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
            .collect();
        for (j, d) in work() {
            slots[j] = Some(d);
        }
        for h in helpers {
            match h.join() {
                Ok(list) => {
                    for (j, d) in list {
                        slots[j] = Some(d);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    // Every job index was taken exactly once by some thread.
    slots.into_iter().flatten().collect()
}
