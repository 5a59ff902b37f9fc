//! `PETR_config.ini`: the dictionary file names (resolved against the config
//! file's folder) and the coding options PETRARCH reads.
//!
//! The INI dialect is Python 2's `ConfigParser`: `[Section]` headers,
//! `key = value` or `key: value`, whole-line `#`/`;` comments, keys
//! case-insensitive. The same [`Options`] are changed by the unit-test
//! file's `<Config option=… value=…>` records, so both use [`Options::set`].

use std::path::{Path, PathBuf};

use crate::diag::{read_file, Loaded, ReadError, Sink};
use crate::source::decode;

/// PETRARCH's coding options with their documented defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Show events after each sentence (interface only).
    pub code_by_sentence: bool,
    /// Pause after each sentence (interface only).
    pub pause_by_sentence: bool,
    /// Pause after each story (interface only).
    pub pause_by_story: bool,
    /// Write the actor's root phrase in the output.
    pub write_actor_root: bool,
    /// Write the actor's noun-phrase text in the output.
    pub write_actor_text: bool,
    /// Write the verb-phrase text in the output.
    pub write_event_text: bool,
    /// Only report verb phrases missing from the dictionary.
    pub null_verbs: bool,
    /// Only report actor phrases missing from the dictionary.
    pub null_actors: bool,
    /// Longest noun phrase taken as a new actor when nothing codes (0 = off).
    pub new_actor_length: u32,
    /// Events need both a source and a target.
    pub require_dyad: bool,
    /// Stop at the first input error.
    pub stop_on_error: bool,
    /// Internal comma-clause length bounds (words) for clause removal.
    pub comma_min: u32,
    /// See `comma_min`; 0 disables.
    pub comma_max: u32,
    /// Initial comma-clause minimum length.
    pub comma_bmin: u32,
    /// Initial comma-clause maximum length (0 = off).
    pub comma_bmax: u32,
    /// Terminal comma-clause minimum length.
    pub comma_emin: u32,
    /// Terminal comma-clause maximum length (0 = off).
    pub comma_emax: u32,
}

impl Default for Options {
    /// The defaults stated in PETRARCH's `PETR_config.ini` comments.
    fn default() -> Self {
        Options {
            code_by_sentence: false,
            pause_by_sentence: false,
            pause_by_story: false,
            write_actor_root: false,
            write_actor_text: false,
            write_event_text: false,
            null_verbs: false,
            null_actors: false,
            new_actor_length: 0,
            require_dyad: true,
            stop_on_error: false,
            comma_min: 2,
            comma_max: 8,
            comma_bmin: 0,
            comma_bmax: 0,
            comma_emin: 2,
            comma_emax: 8,
        }
    }
}

/// Why [`Options::set`] refused a setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionError {
    /// The key is not an option PETRARCH knows.
    #[error("unknown option `{0}`")]
    Unknown(String),
    /// The value does not fit the option's type.
    #[error("option `{key}`: expected {expected}, found `{value}`")]
    BadValue {
        /// The option.
        key: String,
        /// What kind of value it takes.
        expected: &'static str,
        /// What was given.
        value: String,
    },
}

fn parse_bool(key: &str, v: &str) -> Result<bool, OptionError> {
    // ConfigParser.getboolean's vocabulary.
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Ok(true),
        "0" | "no" | "false" | "off" => Ok(false),
        _ => Err(OptionError::BadValue {
            key: key.into(),
            expected: "True or False",
            value: v.into(),
        }),
    }
}

fn parse_uint(key: &str, v: &str) -> Result<u32, OptionError> {
    v.trim().parse().map_err(|_| OptionError::BadValue {
        key: key.into(),
        expected: "a whole number",
        value: v.into(),
    })
}

impl Options {
    /// Sets one option by its PETRARCH name (case-insensitive). Returns
    /// `Ok(false)` for keys that PETRARCH reads but that do not change coding
    /// (`textfile_list`, `eventfile_name`, …), so callers can tell them apart
    /// from unknown keys.
    pub fn set(&mut self, key: &str, value: &str) -> Result<bool, OptionError> {
        let k = key.trim().to_ascii_lowercase();
        let b = |s: &mut bool| -> Result<bool, OptionError> {
            *s = parse_bool(&k, value)?;
            Ok(true)
        };
        match k.as_str() {
            "code_by_sentence" => b(&mut self.code_by_sentence),
            "pause_by_sentence" => b(&mut self.pause_by_sentence),
            "pause_by_story" => b(&mut self.pause_by_story),
            "write_actor_root" => b(&mut self.write_actor_root),
            "write_actor_text" => b(&mut self.write_actor_text),
            "write_event_text" => b(&mut self.write_event_text),
            "null_verbs" => b(&mut self.null_verbs),
            "null_actors" => b(&mut self.null_actors),
            "require_dyad" => b(&mut self.require_dyad),
            "stop_on_error" => b(&mut self.stop_on_error),
            "new_actor_length" | "comma_min" | "comma_max" | "comma_bmin" | "comma_bmax"
            | "comma_emin" | "comma_emax" => {
                let n = parse_uint(&k, value)?;
                let slot = match k.as_str() {
                    "new_actor_length" => &mut self.new_actor_length,
                    "comma_min" => &mut self.comma_min,
                    "comma_max" => &mut self.comma_max,
                    "comma_bmin" => &mut self.comma_bmin,
                    "comma_bmax" => &mut self.comma_bmax,
                    "comma_emin" => &mut self.comma_emin,
                    _ => &mut self.comma_emax,
                };
                *slot = n;
                Ok(true)
            }
            "textfile_list" | "textfile_name" | "eventfile_name" => Ok(false),
            _ => Err(OptionError::Unknown(key.trim().to_string())),
        }
    }
}

/// A read `PETR_config.ini`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The folder the config file is in; relative file names resolve against it.
    pub base: PathBuf,
    /// `verbfile_name`.
    pub verb_file: Option<PathBuf>,
    /// `actorfile_list` (comma-separated in the file).
    pub actor_files: Vec<PathBuf>,
    /// `agentfile_name`.
    pub agent_file: Option<PathBuf>,
    /// `discardfile_name`.
    pub discard_file: Option<PathBuf>,
    /// `issuefile_name`.
    pub issue_file: Option<PathBuf>,
    /// `textfile_list` (comma-separated), resolved like the dictionaries.
    pub text_files: Vec<PathBuf>,
    /// `eventfile_name`, as written (an output name, not resolved).
    pub event_file: Option<String>,
    /// The `[Options]` section.
    pub options: Options,
}

impl Config {
    /// Reads a config file; its folder is the base for relative names.
    pub fn read(path: &Path) -> Result<Loaded<Config>, ReadError> {
        let bytes = read_file(path)?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Self::parse(&bytes, &path.display().to_string(), &base)
    }

    /// Reads config bytes, resolving relative names against `base`.
    pub fn parse(bytes: &[u8], file: &str, base: &Path) -> Result<Loaded<Config>, ReadError> {
        let mut sink = Sink::new(file);
        let text = decode(bytes, &mut sink);
        let mut cfg = Config {
            base: base.to_path_buf(),
            verb_file: None,
            actor_files: vec![],
            agent_file: None,
            discard_file: None,
            issue_file: None,
            text_files: vec![],
            event_file: None,
            options: Options::default(),
        };
        let resolve = |name: &str| -> PathBuf {
            let p = Path::new(name.trim());
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        let list = |v: &str| -> Vec<PathBuf> {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(resolve)
                .collect()
        };
        let mut section = String::new();
        for (i, raw) in text.split('\n').enumerate() {
            let n = i + 1;
            let line = raw.trim_end_matches('\r');
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
                continue;
            }
            if t.starts_with('[') {
                match t.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                    Some(name) => section = name.trim().to_string(),
                    None => sink.error(n, Some(1), "expected `[Section]`"),
                }
                continue;
            }
            let Some(sep) = t.find(['=', ':']) else {
                sink.error(n, Some(1), format!("expected `key = value`, found `{t}`"));
                continue;
            };
            if section.is_empty() {
                sink.error(n, Some(1), "key before any `[Section]` header");
                continue;
            }
            let key = t[..sep].trim().to_ascii_lowercase();
            let value = t[sep + 1..].trim();
            let vcol = Some(line.find(value).map_or(sep + 2, |x| x + 1));
            match (section.to_ascii_lowercase().as_str(), key.as_str()) {
                ("dictionaries", "verbfile_name") => cfg.verb_file = Some(resolve(value)),
                ("dictionaries", "actorfile_list") => cfg.actor_files = list(value),
                ("dictionaries", "agentfile_name") => cfg.agent_file = Some(resolve(value)),
                ("dictionaries", "discardfile_name") => cfg.discard_file = Some(resolve(value)),
                ("dictionaries", "issuefile_name") => cfg.issue_file = Some(resolve(value)),
                ("dictionaries", _) => sink.warn(
                    n,
                    Some(1),
                    format!("unknown dictionary key `{key}` ignored"),
                ),
                ("options", "textfile_list") => cfg.text_files = list(value),
                ("options", "textfile_name") if cfg.text_files.is_empty() => sink.warn(
                    n,
                    vcol,
                    "textfile_name (a file of file names) is not read; use textfile_list",
                ),
                ("options", "textfile_name") => {}
                ("options", "eventfile_name") => cfg.event_file = Some(value.to_string()),
                ("options", _) => match cfg.options.set(&key, value) {
                    Ok(_) => {}
                    Err(e @ OptionError::Unknown(_)) => {
                        sink.warn(n, Some(1), format!("{e} ignored"))
                    }
                    Err(e) => sink.error(n, vcol, e.to_string()),
                },
                _ => {} // [StanfordNLP] and others: not used by the coder.
            }
        }
        sink.finish(cfg)
    }
}
