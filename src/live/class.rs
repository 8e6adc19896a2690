//! The station's record of a live class: one run file per trainee, built from the answers as they
//! arrive and saved before each is acknowledged (written whole when the trainee joins and when the
//! run finishes, each answer between appended and synced, as a trainee's own file is), with a
//! receipt beside it that holds the time each answer arrived. One station keeps a folder's record
//! at a time: it holds the folder's lock (see [`crate::run::lock`]) for as long as it runs. This record is what counts: every answer is replayed through the
//! run's state machine on arrival, so an answer the run does not allow at that point (a forecast
//! after its case's reveal) is refused, and an answer once received cannot be replaced.
//!
//! No networking here: the server hands each parsed request to a [`Class`] and sends back what it
//! says, so the rules are tested without sockets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::protocol::{Answer, Join, MAX_TEXT, Reply, Status};
use crate::files::read::{Kind, read_bounded};
use crate::forecast::Ideal;
use crate::run::file::{CaseRecord, RUN_SCHEMA, RunFile};
use crate::run::lock::{LockError, RunLock, lock_station};
use crate::run::machine::{Phase, Run, RunError, reached};
use crate::run::store::{run_file_name, write_atomic};
use crate::run::writer::RunWriter;
use crate::run::{OpenError, load_run, replay};
use crate::scenario::Scenario;
use crate::scenario::measure::Outcome;

/// The most runs one class takes, so a flood of joins cannot fill the disk.
pub const MAX_RUNS: usize = 1000;

/// What a file name of the station's copy of a run ends in.
pub const LIVE_RUN_SUFFIX: &str = ".live.ron";
/// What a receipt's file name ends in (beside the run file of the same stem).
pub const RECEIPT_SUFFIX: &str = ".live.json";

/// Why the station refuses a request; nothing of a refused request is kept.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("wrong class PIN — ask the trainer for the PIN on the screen")]
    WrongPin,
    #[error("this is the live class of course {class}, not {given}")]
    WrongClass { class: String, given: String },
    #[error(
        "the app's scenario or seed differs from the station's for course {0} — the trainee and the trainer need the same OnTrack version"
    )]
    ScenarioDiffers(String),
    #[error("{field} is longer than {MAX_TEXT} bytes or empty")]
    BadText { field: &'static str },
    #[error("the class is full ({MAX_RUNS} runs)")]
    Full,
    #[error("no such run in this class — join first")]
    UnknownRun,
    #[error("answer {index} is not the next one: the station has {received} answers of this run")]
    Gap { index: usize, received: usize },
    #[error("answer {0} was received before and differs from this one: a received answer is final")]
    Differs(usize),
    #[error("answer {index} does not match its seal")]
    BadSeal { index: usize },
    #[error("answer {index} is dated before the answer before it")]
    OutOfOrder { index: usize },
    #[error("answer {index} is not possible at this point of the run: {error}")]
    NotAllowed { index: usize, error: RunError },
    #[error("the station cannot save the answer ({0}) — nothing was stored; send it again")]
    Save(std::io::Error),
}

impl Refusal {
    /// The HTTP status of the refusal.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::WrongPin => 403,
            Refusal::UnknownRun => 404,
            Refusal::WrongClass { .. }
            | Refusal::ScenarioDiffers(_)
            | Refusal::Gap { .. }
            | Refusal::Differs(_) => 409,
            Refusal::BadText { .. }
            | Refusal::BadSeal { .. }
            | Refusal::OutOfOrder { .. }
            | Refusal::NotAllowed { .. } => 422,
            Refusal::Full | Refusal::Save(_) => 503,
        }
    }

    /// The number of answers the station holds, where it helps the sender carry on.
    pub fn received(&self) -> Option<usize> {
        match self {
            Refusal::Gap { received, .. } => Some(*received),
            _ => None,
        }
    }
}

/// What the station keeps beside each run file: which class received it, and when each answer
/// arrived. The last seal binds the receipt to exactly the run file it was written with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The course code of the live class.
    pub class: String,
    /// The run (the header seal of the run file).
    pub run: String,
    /// The seal of the last answer received, if any.
    pub last_seal: Option<String>,
    /// When each answer arrived at the station, in the order of the run file's log.
    pub arrivals: Vec<Timestamp>,
}

impl Receipt {
    /// True when this receipt was written with `file`: the same run and the same last answer.
    pub fn matches(&self, file: &RunFile) -> bool {
        self.run == file.header_seal()
            && self.last_seal.as_deref() == file.log.last().map(|e| e.seal.as_str())
            && self.arrivals.len() == file.log.len()
    }
}

/// The receipt of the run file at `path` (`X.live.ron` → `X.live.json`), if it has that name.
pub fn receipt_path(run_file: &Path) -> Option<PathBuf> {
    let name = run_file.file_name()?.to_str()?;
    let stem = name.strip_suffix(LIVE_RUN_SUFFIX)?;
    Some(run_file.with_file_name(format!("{stem}{RECEIPT_SUFFIX}")))
}

/// A file of the class that could not be taken up again when the class was opened: said to the
/// trainer (in words of their language by the app), and the class runs without it.
#[derive(Debug, thiserror::Error)]
pub enum TakeUpProblem {
    #[error(transparent)]
    Receipt(ReceiptError),
    #[error("{path}: {why}")]
    Run { path: String, why: NotTakenUp },
}

/// Why a run of the class in its folder was not taken up again.
#[derive(Debug, thiserror::Error)]
pub enum NotTakenUp {
    /// The run file cannot be read or does not verify.
    #[error(transparent)]
    Open(OpenError),
    #[error("another course's run")]
    OtherCourse,
    #[error("its receipt belongs to another run")]
    OtherRun,
}

/// Why the receipt beside a run file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error("{path}: cannot read the receipt ({error})")]
    Read {
        path: PathBuf,
        /// The OS error (or the size limit): in the message, and deliberately not a `source`, so
        /// an error chain (`{:#}`) does not print it twice.
        error: std::io::Error,
    },
    #[error(
        "{path}: not a receipt of a live class ({error}) — it was edited or damaged; the run file beside it is read without it"
    )]
    Parse {
        path: PathBuf,
        error: serde_json::Error,
    },
}

/// Reads the receipt beside a run file: `None` when the file has no receipt's name or none is
/// there. The receipt is read within its limit ([`Kind::Receipt`]), checked before reading.
pub fn read_receipt(run_file: &Path) -> Result<Option<Receipt>, ReceiptError> {
    let Some(path) = receipt_path(run_file) else {
        return Ok(None);
    };
    let bytes = match read_bounded(&path, Kind::Receipt) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(ReceiptError::Read { path, error }),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|error| ReceiptError::Parse { path, error })
}

/// One trainee's run as the station holds it.
struct LiveRun {
    file: RunFile,
    run: Run,
    receipt: Receipt,
    /// The run file: written whole when the run joins and finishes, each answer between appended.
    writer: RunWriter,
}

impl LiveRun {
    /// Writes the run file whole, then its receipt.
    fn save_whole(&mut self) -> std::io::Result<()> {
        self.writer.save_whole(&self.file)?;
        self.save_receipt()
    }

    /// Saves the answer just logged (appended, see [`RunWriter::save_last`]), then the receipt.
    fn save_last(&mut self) -> std::io::Result<()> {
        self.writer.save_last(&self.file)?;
        self.save_receipt()
    }

    /// The receipt, written whole (the safe way every file is written): it is small, a time per
    /// answer.
    fn save_receipt(&self) -> std::io::Result<()> {
        let receipt = serde_json::to_vec_pretty(&self.receipt).map_err(std::io::Error::other)?;
        let path = self.path();
        let path = receipt_path(path).unwrap_or_else(|| path.with_extension("json"));
        write_atomic(&path, &receipt)
    }

    fn path(&self) -> &Path {
        self.writer.path()
    }
}

/// The best possible forecast at one checkpoint of one case.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Best {
    case: usize,
    checkpoint: u32,
    /// The best possible forecast, or `None` where the case never reached the checkpoint.
    ideal: Option<f64>,
}

/// A live class: its course, PIN and folder, every run received, and the hold of the reveal.
pub struct Class {
    code: String,
    scenario: Arc<Scenario>,
    seed: u64,
    pin: String,
    dir: PathBuf,
    runs: BTreeMap<String, LiveRun>,
    held_from: Option<usize>,
    /// The cases of the course, the same for every trainee.
    cases: Run,
    best: Vec<Best>,
    /// Files of the folder that belong to this class but could not be taken up again, with why.
    pub problems: Vec<TakeUpProblem>,
    /// The folder's lock, held for as long as the class lives: one station writes a record.
    _lock: RunLock,
}

/// Why a class's record cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenClassError {
    /// Another station keeps its record in the folder.
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Class {
    /// A class of the course `code` (which carries `seed` for `scenario`), with its PIN, keeping its
    /// record in `dir`. Runs of this class already in `dir` are taken up again, so a station that
    /// was stopped and started carries on where it was. A folder another station keeps its
    /// record in is refused at once, naming that station.
    pub fn open(
        code: &str,
        scenario: Arc<Scenario>,
        seed: u64,
        pin: &str,
        dir: &Path,
    ) -> Result<Class, OpenClassError> {
        std::fs::create_dir_all(dir)?;
        let lock = lock_station(dir)?;
        let cases = Run::new(Arc::clone(&scenario), seed);
        let ideal = Ideal::new(&scenario);
        let best = cases
            .cases_for_verification()
            .iter()
            .enumerate()
            .flat_map(|(case, c)| {
                let ideal = &ideal;
                let scenario = &scenario;
                scenario
                    .file
                    .checkpoints
                    .iter()
                    .map(move |&checkpoint| Best {
                        case,
                        checkpoint,
                        ideal: reached(scenario, c, checkpoint)
                            .then(|| ideal.forecast(scenario, &c.visible(checkpoint))),
                    })
            })
            .collect();
        let mut class = Class {
            code: code.trim().to_string(),
            scenario,
            seed,
            pin: pin.to_string(),
            dir: dir.to_path_buf(),
            runs: BTreeMap::new(),
            held_from: None,
            cases,
            best,
            problems: Vec::new(),
            _lock: lock,
        };
        class.take_up(std::fs::read_dir(dir)?);
        Ok(class)
    }

    /// Takes up the runs of this class found in the folder.
    fn take_up(&mut self, entries: std::fs::ReadDir) {
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(LIVE_RUN_SUFFIX))
            .collect();
        paths.sort();
        for path in paths {
            let receipt = match read_receipt(&path) {
                Ok(Some(receipt)) if receipt.class == self.code => receipt,
                Ok(_) => continue,
                Err(problem) => {
                    self.problems.push(TakeUpProblem::Receipt(problem));
                    continue;
                }
            };
            match self.take_up_run(&path, receipt) {
                Ok(()) => {}
                Err(why) => self.problems.push(TakeUpProblem::Run {
                    path: path.display().to_string(),
                    why,
                }),
            }
        }
    }

    fn take_up_run(&mut self, path: &Path, mut receipt: Receipt) -> Result<(), NotTakenUp> {
        let file = load_run(path).map_err(|e| NotTakenUp::Open(OpenError::File(e)))?;
        let run = replay(&file).map_err(|error| {
            NotTakenUp::Open(OpenError::Verify {
                path: path.to_path_buf(),
                error,
            })
        })?;
        if file.scenario_hash != self.scenario.hash || file.seed != self.seed {
            return Err(NotTakenUp::OtherCourse);
        }
        if receipt.run != file.header_seal() {
            return Err(NotTakenUp::OtherRun);
        }
        // A station stopped between writing the run file and its receipt: the answers not in the
        // receipt arrived at the latest now.
        let now = Timestamp::now();
        receipt.arrivals.truncate(file.log.len());
        receipt.arrivals.resize(file.log.len(), now);
        receipt.last_seal = file.log.last().map(|e| e.seal.clone());
        self.runs.insert(
            receipt.run.clone(),
            LiveRun {
                file,
                run,
                receipt,
                writer: RunWriter::new(path.to_path_buf()),
            },
        );
        Ok(())
    }

    /// The course code of the class.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The class PIN.
    pub fn pin(&self) -> &str {
        &self.pin
    }

    /// The scenario of the course.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    fn check_pin(&self, pin: &str) -> Result<(), Refusal> {
        if pin.trim() == self.pin {
            Ok(())
        } else {
            Err(Refusal::WrongPin)
        }
    }

    fn reply(&self, run: &str, received: usize) -> Reply {
        Reply {
            run: run.to_string(),
            received,
            held_from: self.held_from,
        }
    }

    /// A trainee joins (or joins again): the station starts its copy of the run, or finds it.
    pub fn join(&mut self, join: &Join) -> Result<Reply, Refusal> {
        self.check_pin(&join.pin)?;
        for (field, text) in [
            ("the pseudonym", join.trainee.trim()),
            ("the course code", join.course_code.as_str()),
            ("the program version", join.program_version.as_str()),
            ("the scenario hash", join.scenario_hash.as_str()),
        ] {
            if text.is_empty() || text.len() > MAX_TEXT {
                return Err(Refusal::BadText { field });
            }
        }
        let same_course = crate::run::code::decode(&join.course_code).ok()
            == crate::run::code::decode(&self.code).ok();
        if !same_course {
            return Err(Refusal::WrongClass {
                class: self.code.clone(),
                given: join.course_code.clone(),
            });
        }
        if join.scenario_hash != self.scenario.hash || join.seed != self.seed {
            return Err(Refusal::ScenarioDiffers(self.code.clone()));
        }
        let run = Run::new(Arc::clone(&self.scenario), self.seed);
        let file = RunFile {
            schema: RUN_SCHEMA,
            program_version: join.program_version.clone(),
            scenario_hash: self.scenario.hash.clone(),
            scenario: self.scenario.file.clone(),
            seed: self.seed,
            course_code: join.course_code.clone(),
            trainee: join.trainee.trim().to_string(),
            started: join.started,
            finished: None,
            cases: run
                .cases_for_verification()
                .iter()
                .map(CaseRecord::of)
                .collect(),
            log: Vec::new(),
        };
        let id = file.header_seal();
        if let Some(known) = self.runs.get(&id) {
            return Ok(self.reply(&id, known.file.log.len()));
        }
        if self.runs.len() >= MAX_RUNS {
            return Err(Refusal::Full);
        }
        // The run's own file name, told apart by a part of its seal: two runs never share a file.
        let name = run_file_name(&file.trainee, &file.scenario.id, file.started, file.seed);
        let stem = name.strip_suffix(".ron").unwrap_or(&name);
        let tag = id.get(..16).unwrap_or(&id);
        let path = self.dir.join(format!("{stem}_{tag}{LIVE_RUN_SUFFIX}"));
        let mut live = LiveRun {
            receipt: Receipt {
                class: self.code.clone(),
                run: id.clone(),
                last_seal: None,
                arrivals: Vec::new(),
            },
            file,
            run,
            writer: RunWriter::new(path),
        };
        live.save_whole().map_err(Refusal::Save)?;
        self.runs.insert(id.clone(), live);
        Ok(self.reply(&id, 0))
    }

    /// An answer arrives at `now`: kept when it is the next of its run and the run allows it,
    /// acknowledged again when it was received before.
    pub fn answer(&mut self, answer: &Answer, now: Timestamp) -> Result<Reply, Refusal> {
        self.check_pin(&answer.pin)?;
        let held_from = self.held_from;
        let live = self.runs.get_mut(&answer.run).ok_or(Refusal::UnknownRun)?;
        let index = answer.index;
        let received = live.file.log.len();
        if let Some(known) = live.file.log.get(index) {
            return if *known == answer.entry {
                Ok(Reply {
                    run: answer.run.clone(),
                    received,
                    held_from,
                })
            } else {
                Err(Refusal::Differs(index))
            };
        }
        if index > received {
            return Err(Refusal::Gap { index, received });
        }
        let entry = &answer.entry;
        if live.file.next_seal(&entry.at, &entry.action) != entry.seal {
            return Err(Refusal::BadSeal { index });
        }
        if live.file.log.last().is_some_and(|last| entry.at < last.at) {
            return Err(Refusal::OutOfOrder { index });
        }
        let mut run = live.run.clone();
        run.apply(&entry.action)
            .map_err(|error| Refusal::NotAllowed { index, error })?;
        let finishes = run.phase() == Phase::Finished && live.file.finished.is_none();
        live.file.log.push(entry.clone());
        if finishes {
            live.file.finished = Some(entry.at);
        }
        live.receipt.arrivals.push(now);
        let last_seal = live.receipt.last_seal.replace(entry.seal.clone());
        if let Err(error) = live.save_last() {
            // Nothing was stored: the record in memory goes back to what it was, and the next
            // save writes the run file whole from it (an answer that reached the file while its
            // receipt could not be written is dropped again).
            live.file.log.pop();
            if finishes {
                live.file.finished = None;
            }
            live.receipt.arrivals.pop();
            live.receipt.last_seal = last_seal;
            live.writer.rewrite_next();
            return Err(Refusal::Save(error));
        }
        live.run = run;
        Ok(Reply {
            run: answer.run.clone(),
            received: received + 1,
            held_from,
        })
    }

    /// How the trainee's run stands (for an app waiting at a held reveal).
    pub fn status(&self, status: &Status) -> Result<Reply, Refusal> {
        self.check_pin(&status.pin)?;
        let live = self.runs.get(&status.run).ok_or(Refusal::UnknownRun)?;
        Ok(self.reply(&status.run, live.file.log.len()))
    }

    /// Holds the reveal (trainees wait at the reveal of the next case nobody has seen yet) or
    /// stops holding it.
    pub fn hold(&mut self, on: bool) {
        self.held_from = on.then(|| {
            self.runs
                .values()
                .map(|r| revealed_count(&r.run))
                .max()
                .unwrap_or(0)
        });
    }

    /// Lets the class see the held reveal; the next case's reveal is held again.
    pub fn release(&mut self) {
        if let Some(from) = &mut self.held_from {
            *from += 1;
        }
    }

    /// How much the class's record holds: runs, and answers over all of them.
    pub fn record(&self) -> (usize, usize) {
        let answers = self.runs.values().map(|r| r.file.log.len()).sum();
        (self.runs.len(), answers)
    }

    /// The case whose reveal is held, if any.
    pub fn held_from(&self) -> Option<usize> {
        self.held_from
    }

    /// The runs of each trainee (by pseudonym), in the order they were started. A trainee who
    /// starts again in the class (a new run, not the old one resumed) has more than one.
    fn by_trainee(&self) -> BTreeMap<&str, Vec<&LiveRun>> {
        let mut by: BTreeMap<&str, Vec<&LiveRun>> = BTreeMap::new();
        for r in self.runs.values() {
            by.entry(r.file.trainee.as_str()).or_default().push(r);
        }
        for runs in by.values_mut() {
            runs.sort_by(|a, b| {
                (a.file.started, &a.receipt.run).cmp(&(b.file.started, &b.receipt.run))
            });
        }
        by
    }

    /// What the trainer's live view shows: a row per trainee, at their latest run, and at every
    /// checkpoint one forecast per trainee, the first they gave there. A forecast given again in
    /// a later run may follow an outcome the trainee has already seen, and counting it beside
    /// the first would count the trainee twice.
    pub fn view(&self) -> ClassView {
        let by_trainee = self.by_trainee();
        let trainees = by_trainee
            .iter()
            .filter_map(|(name, runs)| {
                let last = runs.last()?;
                let answered: Vec<AtCheckpoint> =
                    self.best
                        .iter()
                        .map(|b| {
                            let given = last.run.answers(b.case).is_some_and(|a| {
                                a.forecasts.iter().any(|(cp, _)| *cp == b.checkpoint)
                            });
                            match (given, b.ideal) {
                                (true, _) => AtCheckpoint::Forecast,
                                (false, Some(_)) => AtCheckpoint::Open,
                                (false, None) => AtCheckpoint::Stopped,
                            }
                        })
                        .collect();
                Some(TraineeView {
                    trainee: (*name).to_string(),
                    run: runs.len(),
                    forecasts: answered
                        .iter()
                        .filter(|a| **a == AtCheckpoint::Forecast)
                        .count(),
                    answered,
                    phase: last.run.phase(),
                    revealed: revealed_count(&last.run),
                    last_arrival: runs
                        .iter()
                        .filter_map(|r| r.receipt.arrivals.last().copied())
                        .max(),
                })
            })
            .collect::<Vec<_>>();
        let checkpoints: Vec<CheckpointView> = self
            .best
            .iter()
            .map(|b| {
                let mut forecasts: Vec<u8> = by_trainee
                    .values()
                    .filter_map(|runs| {
                        runs.iter().find_map(|r| {
                            r.run
                                .answers(b.case)?
                                .forecasts
                                .iter()
                                .find(|(cp, _)| *cp == b.checkpoint)
                                .map(|(_, p)| *p)
                        })
                    })
                    .collect();
                forecasts.sort_unstable();
                CheckpointView {
                    case: b.case,
                    checkpoint: b.checkpoint,
                    forecasts,
                    best: b.ideal,
                    outcome: self.shown_outcome(&by_trainee, b.case),
                }
            })
            .collect();
        let fooled = fooled(&checkpoints);
        ClassView {
            code: self.code.clone(),
            cases: self.cases.len(),
            held_from: self.held_from,
            trainees,
            checkpoints,
            fooled,
        }
    }

    /// The outcome of a case, once the whole class may know it: released by the trainer, or
    /// seen by every trainee who joined, in any of their runs (so a projected view spoils
    /// nothing, and a run left for a new one holds nothing back).
    fn shown_outcome(
        &self,
        by_trainee: &BTreeMap<&str, Vec<&LiveRun>>,
        case: usize,
    ) -> Option<Outcome> {
        let released = self.held_from.is_some_and(|from| case < from);
        let everyone = !by_trainee.is_empty()
            && by_trainee
                .values()
                .all(|runs| runs.iter().any(|r| r.run.revealed(case).is_some()));
        (released || everyone)
            .then(|| self.cases.cases_for_verification().get(case))
            .flatten()
            .map(|c| c.outcome)
    }
}

/// Cases revealed so far in a run.
fn revealed_count(run: &Run) -> usize {
    match run.phase() {
        Phase::Reading { case, .. } => case,
        Phase::Revealed { case } => case + 1,
        Phase::Finished => run.len(),
    }
}

/// The cases that fooled the class: revealed cases where the class's forecasts scored worse
/// (mean Brier score) than the best possible forecast, worst first.
fn fooled(checkpoints: &[CheckpointView]) -> Vec<FooledCase> {
    let mut by_case: BTreeMap<usize, (f64, usize, f64, usize)> = BTreeMap::new();
    for c in checkpoints {
        let Some(outcome) = c.outcome else {
            continue;
        };
        let y = f64::from(u8::from(outcome == Outcome::Deteriorated));
        let entry = by_case.entry(c.case).or_default();
        for &p in &c.forecasts {
            entry.0 += (f64::from(p) / 100.0 - y).powi(2);
            entry.1 += 1;
        }
        if let Some(best) = c.best {
            entry.2 += (best - y).powi(2);
            entry.3 += 1;
        }
    }
    let mut fooled: Vec<FooledCase> = by_case
        .into_iter()
        .filter(|(_, (_, n, _, m))| *n > 0 && *m > 0)
        .map(|(case, (sum, n, best, m))| FooledCase {
            case,
            class_brier: sum / n as f64,
            best_brier: best / m as f64,
        })
        .filter(|f| f.class_brier > f.best_brier)
        .collect();
    fooled.sort_by(|a, b| b.class_brier.total_cmp(&a.class_brier));
    fooled
}

/// The live view of a class: who is where, and the class's forecasts case by case.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassView {
    pub code: String,
    /// Cases in the course.
    pub cases: usize,
    pub held_from: Option<usize>,
    /// One per trainee (pseudonym), in alphabetical order, at their latest run.
    pub trainees: Vec<TraineeView>,
    /// One per case and checkpoint, in course order.
    pub checkpoints: Vec<CheckpointView>,
    pub fooled: Vec<FooledCase>,
}

/// Where one trainee is: in their latest run of the class.
#[derive(Debug, Clone, PartialEq)]
pub struct TraineeView {
    pub trainee: String,
    /// Which of the trainee's runs in this class this is: 1 for the first; more when the trainee
    /// started again (the trainer sees "run 2").
    pub run: usize,
    /// Forecasts given in this run (moving on, flags and classifications are not counted: the
    /// column says "forecasts").
    pub forecasts: usize,
    /// Per checkpoint of [`ClassView::checkpoints`], in its order: whether this run gave a forecast
    /// there, has yet to, or never will because the case ended before it (the trainer's board
    /// marks it; the forecast itself stays private).
    pub answered: Vec<AtCheckpoint>,
    pub phase: Phase,
    /// Cases revealed so far.
    pub revealed: usize,
    pub last_arrival: Option<Timestamp>,
}

/// Where a trainee's run stands at one checkpoint of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtCheckpoint {
    /// A forecast was given there.
    Forecast,
    /// Not (yet) answered.
    Open,
    /// The client stopped coming before this checkpoint: no forecast is asked there, ever.
    Stopped,
}

/// The class's forecasts at one checkpoint of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckpointView {
    /// 0 is the first case.
    pub case: usize,
    pub checkpoint: u32,
    /// One forecast per trainee who gave one here (the first, over their runs), in percent,
    /// lowest first.
    pub forecasts: Vec<u8>,
    /// The best possible (ideal) forecast, as a probability; `None` where the case never reached
    /// the checkpoint (the client stopped coming before it), so no forecast is asked there.
    pub best: Option<f64>,
    /// The outcome, once the class may know it.
    pub outcome: Option<Outcome>,
}

/// A case the class got wrong, with how wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct FooledCase {
    pub case: usize,
    pub class_brier: f64,
    pub best_brier: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::protocol::Join;
    use crate::run::Session;
    use crate::run::machine::{Action, Due};
    use crate::run::store::write_atomic;

    const PIN: &str = "123456";

    fn scenario() -> Arc<Scenario> {
        Arc::new(crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads"))
    }

    /// A class of the minimal scenario with seed 3, and a trainee's run of it.
    fn class_and_trainee(station: &Path, own: &Path) -> (Class, Session) {
        let s = scenario();
        let code = crate::run::code::encode(&s.course_prefix(), 3).expect("encodes");
        let class = Class::open(&code, Arc::clone(&s), 3, PIN, station).expect("opens");
        let session = Session::start(own, s, 3, "Anna", &code).expect("starts");
        (class, session)
    }

    fn join(class: &mut Class, session: &Session) -> Reply {
        class.join(&Join::of(session.file(), PIN)).expect("joins")
    }

    /// Answers what is due (50 % at each checkpoint) and sends it, until `until` is due.
    fn play_until(
        class: &mut Class,
        session: &mut Session,
        run: &str,
        until: &dyn Fn(&Due) -> bool,
    ) {
        loop {
            let due = session.run().due();
            if until(&due) || due == Due::Finished {
                return;
            }
            let action = match due {
                Due::Forecast { .. } => Action::Forecast { percent: 50 },
                Due::Classify { event } => Action::ClassifyEvent {
                    event,
                    class: crate::scenario::format::LindenClass::Unrelated,
                },
                Due::NextSession => Action::NextSession,
                Due::Reveal => Action::Reveal,
                Due::NextCase | Due::Finished => Action::NextCase,
            };
            session.apply(action).expect("due is allowed");
            let index = session.file().log.len() - 1;
            let entry = session.file().log[index].clone();
            let answer = Answer {
                pin: PIN.into(),
                run: run.into(),
                index,
                entry,
            };
            class.answer(&answer, Timestamp::now()).expect("received");
        }
    }

    fn station_file(class: &Class, run: &str) -> Vec<u8> {
        let path = class.runs[run].path();
        std::fs::read(path).expect("the station's copy is on disk")
    }

    #[test]
    fn the_station_keeps_the_same_run_file_as_the_trainee_and_takes_it_up_after_a_restart() {
        let (station, own) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let (mut class, mut session) = class_and_trainee(station.path(), own.path());
        let reply = join(&mut class, &session);
        assert_eq!(reply.run, session.file().header_seal());
        assert_eq!(reply.received, 0);
        play_until(&mut class, &mut session, &reply.run, &|_| false);
        let own_bytes = std::fs::read(session.path()).expect("own file");
        assert_eq!(station_file(&class, &reply.run), own_bytes);
        let receipt = read_receipt(class.runs[&reply.run].path())
            .expect("reads")
            .expect("a receipt");
        assert!(receipt.matches(session.file()));

        let code = class.code().to_string();
        drop(class);
        let mut again = Class::open(&code, scenario(), 3, PIN, station.path()).expect("opens");
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        let rejoined = join(&mut again, &session);
        assert_eq!(rejoined.received, session.file().log.len());
        assert_eq!(
            again.view().trainees.len(),
            1,
            "joining again is the same run"
        );
    }

    #[test]
    fn a_forecast_after_its_case_was_revealed_is_refused_and_changes_nothing() {
        let (station, own) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let (mut class, mut session) = class_and_trainee(station.path(), own.path());
        let run = join(&mut class, &session).run;
        play_until(&mut class, &mut session, &run, &|due| *due == Due::NextCase);
        let before = station_file(&class, &run);
        // A rewritten file: a forecast on the revealed case, sealed the way OnTrack seals.
        let mut forged = session.file().clone();
        let at = Timestamp::now();
        forged.log_action(at, Action::Forecast { percent: 99 });
        let index = forged.log.len() - 1;
        let answer = Answer {
            pin: PIN.into(),
            run: run.clone(),
            index,
            entry: forged.log[index].clone(),
        };
        let refusal = class.answer(&answer, at).expect_err("refused");
        assert!(matches!(refusal, Refusal::NotAllowed { .. }), "{refusal}");
        assert_eq!(refusal.status(), 422);
        assert_eq!(station_file(&class, &run), before);

        // Rewriting an answer already received is refused as well.
        let mut rewritten = answer.clone();
        rewritten.index = 0;
        assert!(matches!(
            class.answer(&rewritten, at),
            Err(Refusal::Differs(0))
        ));
        // The same answer again is harmless; one beyond the next is out of step.
        let mut resend = rewritten.clone();
        resend.entry = session.file().log[0].clone();
        assert_eq!(class.answer(&resend, at).expect("resend").received, index);
        resend.index = index + 3;
        assert!(matches!(
            class.answer(&resend, at),
            Err(Refusal::Gap { received, .. }) if received == index
        ));
        assert_eq!(station_file(&class, &run), before);
    }

    #[test]
    fn a_checkpoint_the_case_never_reached_is_stopped_not_open() {
        // Checkpoints 0, 2 and 4; at seed 3 the clients of cases 7 and 9 came to session 1 only
        // (see `run::machine`'s test), so a run gives 26 forecasts, not 30.
        let (station, own) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let s =
            Arc::new(crate::scenario::resolve("tests/scenarios/early-ending.ron").expect("loads"));
        let code = crate::run::code::encode(&s.course_prefix(), 3).expect("encodes");
        let mut class = Class::open(&code, Arc::clone(&s), 3, PIN, station.path()).expect("opens");
        let mut session = Session::start(own.path(), s, 3, "Anna", &code).expect("starts");
        let run = join(&mut class, &session).run;
        play_until(&mut class, &mut session, &run, &|_| false);
        let view = class.view();
        let anna = &view.trainees[0];
        assert_eq!(anna.forecasts, 26);
        for (i, c) in view.checkpoints.iter().enumerate() {
            let never = (c.case == 6 || c.case == 8) && c.checkpoint > 0;
            let mark = if never {
                AtCheckpoint::Stopped
            } else {
                AtCheckpoint::Forecast
            };
            assert_eq!(
                anna.answered[i],
                mark,
                "case {} at {}",
                c.case + 1,
                c.checkpoint
            );
            assert_eq!(
                c.best.is_none(),
                never,
                "case {} at {}",
                c.case + 1,
                c.checkpoint
            );
            assert_eq!(c.forecasts.len(), usize::from(!never));
        }
        // The class's Brier score of case 7 is taken over its one forecast: 0.5 against the outcome.
        let y = |case: usize| {
            let outcome = view
                .checkpoints
                .iter()
                .find(|c| c.case == case)
                .and_then(|c| c.outcome);
            f64::from(u8::from(outcome == Some(Outcome::Deteriorated)))
        };
        if let Some(f) = view.fooled.iter().find(|f| f.case == 6) {
            assert!((f.class_brier - (0.5 - y(6)).powi(2)).abs() < 1e-12);
        }
    }

    #[test]
    fn strangers_are_refused() {
        let (station, own) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let (mut class, session) = class_and_trainee(station.path(), own.path());
        let mut wrong = Join::of(session.file(), "000000");
        assert!(matches!(class.join(&wrong), Err(Refusal::WrongPin)));
        wrong.pin = PIN.into();
        wrong.course_code =
            crate::run::code::encode(&class.scenario().course_prefix(), 4).expect("encodes");
        assert!(matches!(
            class.join(&wrong),
            Err(Refusal::WrongClass { .. })
        ));
        let status = Status {
            pin: PIN.into(),
            run: "no such run".into(),
        };
        assert!(matches!(class.status(&status), Err(Refusal::UnknownRun)));
        // Only the station's lock is there (held while the class runs).
        let listing: Vec<_> = std::fs::read_dir(station.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|name| name != crate::run::lock::STATION_LOCK)
            .collect();
        assert!(listing.is_empty(), "nothing is stored for a refused join");
    }

    #[test]
    fn the_reveal_is_held_and_released_case_by_case() {
        let (station, own) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let (mut class, mut session) = class_and_trainee(station.path(), own.path());
        let run = join(&mut class, &session).run;
        class.hold(true);
        assert_eq!(class.held_from(), Some(0));
        play_until(&mut class, &mut session, &run, &|due| *due == Due::Reveal);
        let view = class.view();
        assert!(view.checkpoints.iter().all(|c| c.outcome.is_none()));
        assert_eq!(view.checkpoints[0].forecasts, vec![50]);
        class.release();
        assert_eq!(class.held_from(), Some(1));
        let view = class.view();
        assert!(
            view.checkpoints
                .iter()
                .filter(|c| c.case == 0)
                .all(|c| c.outcome.is_some())
        );
        assert!(
            view.checkpoints
                .iter()
                .filter(|c| c.case == 1)
                .all(|c| c.outcome.is_none())
        );
        class.hold(false);
        assert_eq!(class.held_from(), None);
    }

    #[test]
    fn a_trainee_who_starts_again_is_one_row_at_the_new_run_and_counted_once() {
        let (station, own, own_again) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let (mut class, mut first) = class_and_trainee(station.path(), own.path());
        let run = join(&mut class, &first).run;
        play_until(&mut class, &mut first, &run, &|due| *due == Due::NextCase);
        let first_forecasts = class.view().checkpoints[0].forecasts.clone();
        assert_eq!(first_forecasts, vec![50]);

        // Anna starts a new run of the same course in the class and forecasts again.
        let code = class.code().to_string();
        let mut again =
            Session::start(own_again.path(), scenario(), 3, "Anna", &code).expect("starts");
        let run_again = join(&mut class, &again).run;
        assert_ne!(run_again, run, "a run of its own");
        again
            .apply(Action::Forecast { percent: 90 })
            .expect("a forecast is due");
        let entry = again.file().log[0].clone();
        let answer = Answer {
            pin: PIN.into(),
            run: run_again.clone(),
            index: 0,
            entry,
        };
        class.answer(&answer, Timestamp::now()).expect("received");

        let view = class.view();
        assert_eq!(view.trainees.len(), 1, "one row per trainee");
        let anna = &view.trainees[0];
        assert_eq!((anna.trainee.as_str(), anna.run), ("Anna", 2));
        assert_eq!(anna.forecasts, 1, "where the new run is");
        assert_eq!(
            anna.answered
                .iter()
                .position(|a| *a == AtCheckpoint::Forecast),
            Some(0),
            "the new run's forecast, at the first checkpoint"
        );
        assert!(matches!(anna.phase, Phase::Reading { case: 0, .. }));
        assert_eq!(
            view.checkpoints[0].forecasts, first_forecasts,
            "the first forecast counts, once"
        );
        assert!(
            view.checkpoints[0].outcome.is_some(),
            "Anna has seen case 1's outcome, in her first run"
        );
        // Both runs stay on record, each in its own file.
        assert_eq!(class.runs.len(), 2);
    }

    #[test]
    fn a_receipt_binds_to_its_run_file() {
        let (station, own) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let (mut class, mut session) = class_and_trainee(station.path(), own.path());
        let run = join(&mut class, &session).run;
        play_until(&mut class, &mut session, &run, &|due| *due == Due::NextCase);
        let path = class.runs[&run].path().to_path_buf();
        let receipt = read_receipt(&path).expect("reads").expect("receipt");
        assert!(receipt.matches(session.file()));
        let mut edited = session.file().clone();
        edited.log.pop();
        assert!(!receipt.matches(&edited));
        write_atomic(&receipt_path(&path).expect("named"), b"{").expect("writes");
        let damaged = read_receipt(&path).expect_err("a damaged receipt");
        assert!(matches!(damaged, ReceiptError::Parse { .. }), "{damaged}");
    }
}
