//! The run file: one trainee working one scenario, each answer appended as it is given.
//!
//! Its layout (schema 3): the header as RON (everything but the answers), then one line per answer,
//! each a compact RON `(at: …, action: …, seal: …)` ending in a newline, appended and synced as the
//! answer is given, so saving an answer costs the answer, not the file (whose embedded scenario may
//! be megabytes). A line without its newline is one a crash cut short: it was never reported saved,
//! and a reader leaves it out, so a file cut at any byte after its header reads as the run up to its
//! last whole answer. When the run finishes, the whole file is written once more (atomically) with
//! the time it finished in its header, so answers cut off a finished run are noticed.
//! Files of schema 2 (the whole run as one RON value) drew their cases from other streams; they are
//! refused with a message naming the OnTrack version that wrote them.
//!
//! It embeds the whole scenario (with its hash), so it stays scorable when the scenario file changes,
//! and a record of each case (intake, last score, outcome) so a loader can check the regenerated
//! cases against it. Every logged action carries a seal: a SHA-256 chain over the file's header and
//! all actions before it. Editing a forecast, an outcome or the order of answers by hand breaks the
//! chain. (The seal catches hand edits; it is not cryptographic protection against someone who
//! recomputes it with OnTrack's own source.)
//!
//! A case whose client stopped coming before a checkpoint has no forecast there (see
//! [`super::machine`]): the file holds no answer for it, absent rather than zero. This needed no
//! change of the layout or the schema: which checkpoints a case reached follows from its regenerated
//! scores, and files of scenarios without front-loaded dropout replay exactly as before.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::machine::Action;
use crate::files::read::{Kind, read_bounded};
use crate::model::{Case, Outcome};
use crate::scenario::ScenarioFile;

/// The run-file schema this build writes and reads. A run file names its cases only by scenario and
/// seed, so the schema changes whenever the generator draws other cases from the same seed:
/// 2 — autocorrelated fluctuation, change that depends on intake, course shapes, the client's own
/// alliance level, and events that move scores (and the random draws in a new order);
/// 3 — each case's stream keyed by the scenario's id and the seed (so one seed in two scenarios gives
/// unrelated clients), and the answers appended one per line after the header (see the module).
/// Files of schema 2 hold cases drawn from other streams: they are refused with the version that
/// wrote them, to be opened there.
pub const RUN_SCHEMA: u32 = 3;

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
    #[serde(default)]
    pub finished: Option<Timestamp>,
    pub cases: Vec<CaseRecord>,
    /// The answers: read from the lines after the header.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<Entry>,
}

/// The header of a run file as written: the run without its answers (borrowed, so writing a header
/// never copies the embedded scenario).
#[derive(Serialize)]
#[serde(rename = "Run")]
struct Header<'a> {
    schema: u32,
    program_version: &'a str,
    scenario_hash: &'a str,
    scenario: &'a ScenarioFile,
    seed: u64,
    course_code: &'a str,
    trainee: &'a str,
    started: Timestamp,
    finished: Option<Timestamp>,
    cases: &'a [CaseRecord],
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

    /// The whole file as text: the header, then a line per answer.
    pub fn to_ron(&self) -> String {
        let header = Header {
            schema: RUN_SCHEMA,
            program_version: &self.program_version,
            scenario_hash: &self.scenario_hash,
            scenario: &self.scenario,
            seed: self.seed,
            course_code: &self.course_code,
            trainee: &self.trainee,
            started: self.started,
            finished: self.finished,
            cases: &self.cases,
        };
        let config = ron::ser::PrettyConfig::new().depth_limit(3);
        let mut text = ron::ser::to_string_pretty(&header, config).unwrap_or_default();
        text.push('\n');
        for entry in &self.log {
            text.push_str(&entry_line(entry));
        }
        text
    }
}

/// An answer's line in a run file: compact RON on one line (RON escapes the line breaks inside
/// strings), ending in a newline.
pub fn entry_line(entry: &Entry) -> String {
    let config = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .new_line("")
        .indentor("");
    let mut line = ron::ser::to_string_pretty(entry, config).unwrap_or_default();
    line.push('\n');
    line
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
    let parse_error = |e: ron::error::SpannedError, line_offset: usize| RunFileError::Parse {
        path: path.to_string(),
        line: e.span.start.line + line_offset,
        col: e.span.start.col,
        message: parse_message(&e.code),
    };
    let mut de = ron::Deserializer::from_str(text).map_err(|e| parse_error(e, 0))?;
    let mut file = RunFile::deserialize(&mut de).map_err(|e| parse_error(de.span_error(e), 0))?;
    let rest = de.remainder();
    let header = &text[..text.len() - rest.len()];
    // Lines are counted from 1; the header's last line holds its closing bracket.
    let mut line_no = header.matches('\n').count() + 1;
    let mut lines = rest.split('\n').peekable();
    while let Some(line) = lines.next() {
        // The piece after the last newline: empty, or a line a crash cut short (never saved).
        let complete = lines.peek().is_some();
        if complete && !line.trim().is_empty() {
            let entry: Entry = ron::from_str(line).map_err(|e| parse_error(e, line_no - 1))?;
            file.log.push(entry);
        }
        line_no += 1;
    }
    Ok(file)
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
    let text = read_bounded(path, Kind::Run)
        .and_then(run_text)
        .map_err(|error| RunFileError::Read {
            path: name.clone(),
            error,
        })?;
    parse_run(&name, &text)
}

/// A run file's bytes as text. A crash may cut the last line inside a character (a drift kind's
/// key may be any text); that line was never saved, so bytes that are not UTF-8 after the last
/// newline are left out like the rest of a cut line, rather than making the whole run unreadable.
pub fn run_text(bytes: Vec<u8>) -> std::io::Result<String> {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            match bytes.iter().rposition(|&b| b == b'\n') {
                Some(last) if last < valid => {
                    bytes.truncate(last + 1);
                    bytes
                }
                _ => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "stream did not contain valid UTF-8",
                    ));
                }
            }
        }
    };
    String::from_utf8(bytes).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::forecast::Benchmarks;
    use crate::run::Session;
    use crate::run::bots::{Bot, play};

    /// The text of a whole run of the minimal scenario, as saved answer by answer, and its file.
    fn run_text() -> (String, RunFile) {
        let dir = tempfile::tempdir().expect("temp dir");
        let scenario =
            Arc::new(crate::scenario::resolve("tests/scenarios/minimal.ron").expect("loads"));
        let bench = Benchmarks::new(&scenario);
        let mut s =
            Session::start(dir.path(), Arc::clone(&scenario), 7, "anna", "").expect("starts");
        play(&mut s, &bench, Bot::Typical, 7, &mut |_| {}).expect("plays");
        let text = std::fs::read_to_string(s.path()).expect("reads");
        (text, s.file().clone())
    }

    #[test]
    fn a_run_file_reads_back_as_written_and_schema_2_is_refused() {
        let (text, file) = run_text();
        assert!(file.finished.is_some() && file.log.len() > 20);
        assert_eq!(parse_run("r.ron", &text).expect("parses"), file);
        assert!(text.contains("\n(at: \"") && text.contains("action: Forecast(percent: "));
        // Schema 2 (the whole run as one RON value, its cases from other streams) is refused.
        let whole = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new().depth_limit(3))
            .expect("serialises")
            .replacen("schema: 3,", "schema: 2,", 1);
        assert!(matches!(
            parse_run("old.ron", &whole),
            Err(RunFileError::Schema { found: 2, .. })
        ));
    }

    #[test]
    fn a_file_cut_at_any_byte_after_its_header_reads_as_its_whole_answers() {
        let (text, file) = run_text();
        let unfinished = RunFile {
            finished: None,
            ..file
        };
        let text_unfinished = unfinished.to_ron();
        assert_ne!(text, text_unfinished);
        let header_end = text_unfinished.find("\n(at: ").expect("an answer") + 1;
        for cut in header_end..=text_unfinished.len() {
            let prefix = &text_unfinished[..cut];
            let parsed =
                parse_run("cut.ron", prefix).unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
            let whole_lines = prefix[header_end..].matches('\n').count();
            assert_eq!(parsed.log, unfinished.log[..whole_lines], "cut at {cut}");
        }
    }

    #[test]
    fn a_bad_answer_line_is_named_by_its_line() {
        let (text, _) = run_text();
        let at = text.find("\n(at: ").expect("an answer") + 1;
        let line = text[..at].matches('\n').count() + 1;
        let broken = format!("{}(at: nonsense\n{}", &text[..at], &text[at..]);
        let err = parse_run("b.ron", &broken).expect_err("broken line");
        assert!(
            err.to_string().starts_with(&format!("b.ron:{line}:")),
            "{err}"
        );
    }
}
