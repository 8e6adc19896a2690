//! Runs: one trainee working one scenario. The state machine decides what may be seen and answered;
//! a [`Session`] ties it to its file (each answer appended and synced as it is given, see [`file`]),
//! holds the run's lock while it writes (see [`lock`]), and resumes it after a crash.

pub mod bots;
pub mod code;
pub mod file;
pub mod lock;
pub mod machine;
pub mod store;
pub mod verify;
pub mod words;
pub mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

pub use file::{CaseRecord, RUN_SCHEMA, RunFile, RunFileError, load_run, parse_run};
pub use machine::{Action, CaseAnswers, Due, Phase, Run, RunError};
pub use verify::{VerifyError, replay};

use crate::scenario::Scenario;

/// Why a session could not start, save or resume.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(
        "the pseudonym is empty — give a name that does not identify you (any text; spaces around it are dropped)"
    )]
    NoPseudonym,
    #[error(
        "{path}: cannot save the run ({error}) — check that the results folder can be written, or choose another with --results"
    )]
    Save {
        path: PathBuf,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: std::io::Error,
    },
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Locked(#[from] lock::LockError),
    #[error(
        "{dir}: no free name for a new run file — too many runs of this pseudonym, scenario and seed started at once; try again"
    )]
    NoFreeName { dir: PathBuf },
    #[error(transparent)]
    Answer(#[from] RunError),
    #[error("{0}: this run is finished and cannot be resumed; start a new run instead")]
    Finished(PathBuf),
}

/// Why a run file cannot be used: it cannot be read or parsed, or it does not verify against its
/// regenerated cases. The message names the file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    File(#[from] RunFileError),
    #[error("{path}: {error}")]
    Verify { path: PathBuf, error: VerifyError },
}

/// A run file read, verified and replayed: where every reader of run files starts (resuming, the
/// debrief, the cohort, the trainer's drill-down).
pub struct OpenedRun {
    pub file: RunFile,
    pub run: Run,
}

/// Reads, parses, verifies and replays the run file at `path`.
pub fn open(path: &Path) -> Result<OpenedRun, OpenError> {
    let file = load_run(path)?;
    let run = replay(&file).map_err(|error| OpenError::Verify {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(OpenedRun { file, run })
}

/// A run with its file: every accepted action is written to disk before `apply` returns. The
/// session holds the run's lock ([`lock`]) for as long as it lives, so no other process writes the
/// run meanwhile.
pub struct Session {
    writer: writer::RunWriter,
    file: RunFile,
    run: Run,
    _lock: lock::RunLock,
}

/// Tries for a free name when a new run's name is taken (a millisecond later each time).
const NAME_TRIES: u32 = 1000;

impl Session {
    /// Starts a new run in `dir` and writes its file.
    ///
    /// Any pseudonym that is not blank is accepted and kept whole (trimmed) in the file; only the file
    /// name uses a shortened, file-name-safe form ([`store::slug`]), so a long or unusual pseudonym
    /// never fails a run. The command line and the app both start runs here, so they accept the same.
    pub fn start(
        dir: &Path,
        scenario: Arc<Scenario>,
        seed: u64,
        trainee: &str,
        course_code: &str,
    ) -> Result<Session, SessionError> {
        let trainee = trainee.trim();
        if trainee.is_empty() {
            return Err(SessionError::NoPseudonym);
        }
        let run = Run::new(Arc::clone(&scenario), seed);
        let cases: Vec<CaseRecord> = run
            .cases_for_verification()
            .iter()
            .map(CaseRecord::of)
            .collect();
        // A new run never takes an existing file's name: under the name's lock (which every writer
        // of that name holds), a name in use is passed over for the next millisecond's.
        let now = Timestamp::now();
        for ms in 0..NAME_TRIES {
            let started = now
                .checked_add(jiff::SignedDuration::from_millis(i64::from(ms)))
                .unwrap_or(now);
            let name = store::run_file_name(trainee, &scenario.file.id, started, seed);
            let path = dir.join(name);
            std::fs::create_dir_all(dir).map_err(|error| SessionError::Save {
                path: path.clone(),
                error,
            })?;
            let lock = lock::lock(&path)?;
            if path.symlink_metadata().is_ok() {
                continue;
            }
            let file = RunFile {
                schema: RUN_SCHEMA,
                program_version: env!("CARGO_PKG_VERSION").to_string(),
                scenario_hash: scenario.hash.clone(),
                scenario: scenario.file.clone(),
                seed,
                course_code: course_code.to_string(),
                trainee: trainee.to_string(),
                started,
                finished: None,
                cases,
                log: Vec::new(),
            };
            let mut session = Session {
                writer: writer::RunWriter::new(path),
                file,
                run,
                _lock: lock,
            };
            session.save_whole()?;
            return Ok(session);
        }
        Err(SessionError::NoFreeName {
            dir: dir.to_path_buf(),
        })
    }

    /// Resumes an unfinished run from its file, checking it on the way. A finished run is refused:
    /// its answers are final, and resuming is not a way to give them again. A run another process
    /// is writing is refused, naming that process.
    pub fn resume(path: &Path) -> Result<Session, SessionError> {
        // Locked before it is read, so the file read is the last one its previous writer saved.
        let lock = lock::lock(path)?;
        let OpenedRun { file, run } = open(path)?;
        if file.finished.is_some() {
            return Err(SessionError::Finished(path.to_path_buf()));
        }
        let mut session = Session {
            writer: writer::RunWriter::new(path.to_path_buf()),
            file,
            run,
            _lock: lock,
        };
        // Written whole once: an older file takes the appending layout, and the end of a line a
        // crash cut short is dropped, so the answers appended next follow a whole line.
        session.save_whole()?;
        Ok(session)
    }

    /// Applies an action and saves it; when this returns `Ok`, the answer is on disk (synced).
    ///
    /// The answer's line is appended to the file, so a save costs the answer, not the file. The
    /// last answer writes the file whole with the time the run finished in its header; so does the
    /// first save after an append that failed (its partial line cut off), which catches up with
    /// every answer given meanwhile (see [`writer::RunWriter`]).
    pub fn apply(&mut self, action: Action) -> Result<(), SessionError> {
        self.run.apply(&action)?;
        let now = Timestamp::now();
        // Keep the log in time order even if the clock steps back.
        let at = self.file.log.last().map_or(now, |e| e.at.max(now));
        self.file.log_action(at, action);
        if self.run.phase() == Phase::Finished && self.file.finished.is_none() {
            self.file.finished = Some(at);
        }
        self.writer
            .save_last(&self.file)
            .map_err(|error| SessionError::Save {
                path: self.writer.path().to_path_buf(),
                error,
            })
    }

    /// Writes the whole file atomically and opens it for appending.
    fn save_whole(&mut self) -> Result<(), SessionError> {
        self.writer
            .save_whole(&self.file)
            .map_err(|error| SessionError::Save {
                path: self.writer.path().to_path_buf(),
                error,
            })
    }

    pub fn run(&self) -> &Run {
        &self.run
    }

    pub fn file(&self) -> &RunFile {
        &self.file
    }

    pub fn path(&self) -> &Path {
        self.writer.path()
    }
}

/// Unfinished runs in a results folder that verify and can be resumed, newest first.
pub fn unfinished(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(Timestamp, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            // A finished run is told apart by its header alone; only unfinished ones are replayed.
            let file = load_run(&p).ok()?;
            (file.finished.is_none() && replay(&file).is_ok()).then_some((file.started, p))
        })
        .collect();
    found.sort_by_key(|(started, _)| std::cmp::Reverse(*started));
    found.into_iter().map(|(_, p)| p).collect()
}
