//! The run file: one trainee working one scenario, saved as RON after every answer.
//!
//! It embeds the whole scenario (with its hash), so it stays scorable when the scenario file changes,
//! and a record of each case (intake, last score, outcome) so a loader can check the regenerated
//! cases against it. Every logged action carries a seal: a SHA-256 chain over the file's header and
//! all actions before it. Editing a forecast, an outcome or the order of answers by hand breaks the
//! chain. (The seal catches hand edits; it is not cryptographic protection against someone who
//! recomputes it with OnTrack's own source.)

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::machine::Action;
use crate::files::read::{Kind, read_text_bounded};
use crate::model::{Case, Outcome};
use crate::scenario::ScenarioFile;

/// The run-file schema this build writes and reads. A run file names its cases only by scenario and
/// seed, so the schema changes whenever the generator draws other cases from the same seed:
/// 2 — autocorrelated fluctuation, change that depends on intake, course shapes, the client's own
/// alliance level, and events that move scores (and the random draws in a new order).
pub const RUN_SCHEMA: u32 = 2;

/// What is kept of each case to verify a regenerated case against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub intake: f64,
    pub last: f64,
    pub outcome: Outcome,
    pub drift_onset: Option<u32>,
}

impl CaseRecord {
    pub fn of(case: &Case) -> Self {
        CaseRecord {
            intake: case.intake(),
            last: case.last(),
            outcome: case.outcome,
            drift_onset: case.hidden.drift.map(|d| d.onset),
        }
    }
}

/// One action with the time it was taken and its seal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub at: Timestamp,
    pub action: Action,
    pub seal: String,
}

/// A whole run file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Run")]
pub struct RunFile {
    pub schema: u32,
    pub program_version: String,
    pub scenario_hash: String,
    pub scenario: ScenarioFile,
    pub seed: u64,
    /// The course code the run was started with, or empty.
    pub course_code: String,
    /// The trainee's pseudonym.
    pub trainee: String,
    pub started: Timestamp,
    /// Set when the last case has been revealed and left.
    pub finished: Option<Timestamp>,
    pub cases: Vec<CaseRecord>,
    pub log: Vec<Entry>,
}

/// The key mixed into every seal, so that a plain SHA-256 of the text is not enough to forge one.
const SEAL_KEY: &str = "ontrack run seal v1";

impl RunFile {
    /// The seal that the next logged action must carry.
    pub fn next_seal(&self, at: &Timestamp, action: &Action) -> String {
        let previous = self
            .log
            .last()
            .map_or_else(|| self.header_seal(), |e| e.seal.clone());
        seal(&[
            &previous,
            &at.to_string(),
            &ron::to_string(action).unwrap_or_default(),
        ])
    }

    /// The seal of the header (scenario hash, seed, course code, pseudonym, start time, case
    /// records): the same in every copy of a run and at every stage of it, so it tells which files
    /// hold one run (a run handed in twice, or an unfinished copy beside the finished one).
    pub fn header_seal(&self) -> String {
        let cases = ron::to_string(&self.cases).unwrap_or_default();
        seal(&[
            SEAL_KEY,
            &self.scenario_hash,
            &self.seed.to_string(),
            &self.course_code,
            &self.trainee,
            &self.started.to_string(),
            &cases,
        ])
    }

    /// Appends an action with its time and seal.
    pub fn log_action(&mut self, at: Timestamp, action: Action) {
        let seal = self.next_seal(&at, &action);
        self.log.push(Entry { at, action, seal });
    }

    /// The index of the first entry whose seal does not match, if any.
    pub fn broken_seal(&self) -> Option<usize> {
        let mut check = RunFile {
            log: Vec::with_capacity(self.log.len()),
            ..self.clone()
        };
        for (i, e) in self.log.iter().enumerate() {
            if check.next_seal(&e.at, &e.action) != e.seal {
                return Some(i);
            }
            check.log.push(e.clone());
        }
        None
    }

    /// The file as RON text.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(3);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }
}

fn seal(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(SEAL_KEY.as_bytes());
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a run file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum RunFileError {
    #[error("{path}: cannot read the file ({error})")]
    Read {
        path: String,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: std::io::Error,
    },
    #[error(
        "{path}: run file schema {found} — this OnTrack reads schema {RUN_SCHEMA}; open it with the OnTrack version that wrote it ({version})"
    )]
    Schema {
        path: String,
        found: u32,
        version: String,
    },
    #[error("{path}:{line}:{col}: not a readable run file: {message}")]
    Parse {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
}

/// Parses a run file's text; `path` names it in messages. A file of another schema version gets a
/// message that says so, rather than the first field this version does not know.
pub fn parse_run(path: &str, text: &str) -> Result<RunFile, RunFileError> {
    // A byte order mark (some Windows editors write one) is not part of the run.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let found = declared_schema(text);
    if let Some(found) = found.filter(|f| *f != RUN_SCHEMA) {
        return Err(RunFileError::Schema {
            path: path.to_string(),
            found,
            version: declared_version(text).unwrap_or_else(|| "unknown".into()),
        });
    }
    ron::from_str(text).map_err(|e| RunFileError::Parse {
        path: path.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: parse_message(&e.code),
    })
}

/// A parse error in a trainee's or trainer's words: RON's own text for a nesting too deep speaks to
/// developers (its options and a crate to try).
pub(crate) fn parse_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply here (more than RON reads) — the file is damaged or was not written by OnTrack".into()
        }
        other => other.to_string(),
    }
}

/// The number after the first `schema:` in the text.
fn declared_schema(text: &str) -> Option<u32> {
    let rest = &text[text.find("schema:")? + "schema:".len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The quoted string after the first `program_version:` in the text.
fn declared_version(text: &str) -> Option<String> {
    let rest = &text[text.find("program_version:")? + "program_version:".len()..];
    let rest = rest.trim_start().strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// Reads and parses a run file.
pub fn load_run(path: &std::path::Path) -> Result<RunFile, RunFileError> {
    let name = path.display().to_string();
    let text = read_text_bounded(path, Kind::Run).map_err(|error| RunFileError::Read {
        path: name.clone(),
        error,
    })?;
    parse_run(&name, &text)
}
