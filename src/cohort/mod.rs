//! Cohorts: a folder of run files, each regenerated from its embedded scenario and seed, verified
//! against its stored records and seals, and scored from its answers — never from a stored score —
//! with the benchmark forecasters on the same cases beside it.

pub mod csv_export;
pub mod handout;
pub mod ranking;
pub mod reasons;
pub mod table;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::debrief::{RunScores, run_scores};
use crate::forecast::Benchmarks;
use crate::live::class::read_receipt;
use crate::run::store::run_file_name;
use crate::run::{self, OpenError, OpenedRun, Run, RunFile};
use reasons::{Entry, OsError, ReceiptProblem};

/// A file that is not used, and why (the reason names the file).
#[derive(Debug, Serialize)]
pub struct Rejected {
    pub file: String,
    #[serde(serialize_with = "as_text")]
    pub reason: NotUsed,
}

/// Why a file of the folder is not used: it cannot be opened, or it holds a run another file holds
/// too (handed in twice, or an earlier copy), which counts once.
#[derive(Debug, thiserror::Error)]
pub enum NotUsed {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("{file}: the same run as {kept} (a copy) — counted once")]
    Copy { file: String, kept: String },
    #[error(
        "{file}: the same run as {kept} at an earlier stage ({answers} of {kept_answers} answers) — only the copy that goes furthest counts"
    )]
    EarlierStage {
        file: String,
        kept: String,
        answers: usize,
        kept_answers: usize,
    },
    #[error(
        "{file}: differs from the run received live in {kept} from answer {answer} on ({answers} answers here, {kept_answers} received) — it was changed or carried on after the answers were sent; what was received live is scored"
    )]
    DiffersFromLive {
        file: String,
        kept: String,
        /// The first answer that differs or was not received, from 1.
        answer: usize,
        answers: usize,
        kept_answers: usize,
    },
    #[error("{file}: {what}, not a run file — not read")]
    NotAFile { file: String, what: Entry },
    #[error("{file}: {what}")]
    NotARunFile { file: String, what: Entry },
}

/// Serialises a reason as its message.
fn as_text<S: serde::Serializer>(e: &NotUsed, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(e)
}

/// Every run of a folder that loads and verifies, scored, and the files that did not.
#[derive(Debug, Serialize, Default)]
pub struct Cohort {
    pub runs: Vec<RunScores>,
    pub rejected: Vec<Rejected>,
    /// Each class (the runs of one course: scenario version and seed) with how reliably the Brier
    /// score and the judgement cost rank it.
    pub rankings: Vec<ranking::ClassRanking>,
    /// The folder's other entries (not named `*.ron`), each with what it is: with `runs` and
    /// `rejected`, every entry of the folder is accounted for.
    pub others: Vec<Rejected>,
}

/// Why a folder cannot be read at all (single bad files are [`Rejected`] instead).
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot read the folder ({error}) — check the path")]
pub struct CohortError {
    pub path: PathBuf,
    /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
    /// does not print it twice.
    pub error: std::io::Error,
}

/// Why a cohort is no use: not one file of the folder could be scored (a wrong folder, or every
/// file broken), which a script must not take for success.
#[derive(Debug, thiserror::Error)]
#[error(
    "{dir}: no run file could be scored ({not_used} files not used) — check that this is the folder with the run files (*.ron)"
)]
pub struct NothingScored {
    pub dir: PathBuf,
    pub not_used: usize,
}

impl Cohort {
    /// The class (course) that the cohort's run `index` belongs to, with its rankings.
    pub fn class_of(&self, index: usize) -> Option<&ranking::ClassRanking> {
        self.rankings.iter().find(|c| c.runs.contains(&index))
    }

    /// Ok when at least one run was scored; else why the cohort is no use.
    pub fn require_runs(&self, dir: &Path) -> Result<(), NothingScored> {
        if self.runs.is_empty() {
            return Err(NothingScored {
                dir: dir.to_path_buf(),
                not_used: self.rejected.len(),
            });
        }
        Ok(())
    }
}

/// Files read and verified between two progress reports.
const PROGRESS_BATCH: usize = 64;

/// Loads, verifies and scores every `.ron` file in `dir`; `progress` is told (done, total).
pub fn load_dir(dir: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<Cohort, CohortError> {
    let entries = std::fs::read_dir(dir).map_err(|error| CohortError {
        path: dir.to_path_buf(),
        error,
    })?;
    let mut cohort = Cohort::default();
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(error) => {
                let file = dir.display().to_string();
                cohort.others.push(Rejected {
                    reason: NotUsed::NotAFile {
                        file: file.clone(),
                        what: Entry::Unlisted(OsError::from(&error)),
                    },
                    file,
                });
                continue;
            }
        };
        let file = path.display().to_string();
        if path.extension().is_none_or(|x| x != "ron") {
            let what = other_entry(&path);
            cohort.others.push(Rejected {
                reason: NotUsed::NotARunFile {
                    file: file.clone(),
                    what,
                },
                file,
            });
            continue;
        }
        match run_file_kind(&path) {
            None => paths.push(path),
            Some(what) => cohort.rejected.push(Rejected {
                reason: NotUsed::NotAFile {
                    file: file.clone(),
                    what,
                },
                file,
            }),
        }
    }
    paths.sort();
    let total = paths.len();
    // Verified runs grouped by scenario, so the benchmarks (the actuarial rule's norming simulation)
    // are prepared once per scenario.
    let mut groups: BTreeMap<String, Vec<Opened>> = BTreeMap::new();
    // Reading and verifying (parse, seals, regenerated cases, replayed answers) is most of the
    // work: it runs on every core, a batch of files at a time so the progress moves.
    let mut done = 0;
    for batch in paths.chunks(PROGRESS_BATCH) {
        let checked = crate::parallel::map(batch, |path| {
            let opened = run::open(path).map(|OpenedRun { file, run }| {
                let live = read_receipt(path)
                    .ok()
                    .flatten()
                    .is_some_and(|r| r.matches(&file));
                (file, run, live)
            });
            (path.display().to_string(), opened)
        });
        for (name, checked) in checked {
            match checked {
                Err(reason) => cohort.rejected.push(Rejected {
                    file: name,
                    reason: reason.into(),
                }),
                Ok((file, run, live)) => groups
                    .entry(file.scenario_hash.clone())
                    .or_default()
                    .push(Opened {
                        name,
                        file,
                        run,
                        live,
                    }),
            }
        }
        done += batch.len();
        progress(done, total);
    }
    for runs in groups.into_values() {
        let runs = one_per_run(runs, &mut cohort.rejected);
        let Some(first) = runs.first() else {
            continue;
        };
        let scenario = first.run.scenario_arc();
        let bench = Benchmarks::new(&scenario);
        bench.actuarial(); // norm once, before the workers share it
        // Runs score independently: split them over the cores.
        let scored = crate::parallel::map(&runs, |o| RunScores {
            received_live: o.live,
            ..run_scores(&o.name, &o.file, &o.run, &bench)
        });
        cohort.runs.extend(scored);
    }
    cohort.runs.sort_by(|a, b| {
        (&a.scenario_id, a.seed, &a.trainee, a.started).cmp(&(
            &b.scenario_id,
            b.seed,
            &b.trainee,
            b.started,
        ))
    });
    cohort.rejected.sort_by(|a, b| a.file.cmp(&b.file));
    cohort.rankings = ranking::class_rankings(&cohort);
    cohort.others.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(cohort)
}

/// `None` for an entry named `*.ron` that is (or links to) a regular file, to be read as a run;
/// else what it is: a folder, a device, a FIFO, a link that leads nowhere. Asked of the file system
/// without opening it, so a FIFO never blocks and a device is never read.
fn run_file_kind(path: &Path) -> Option<Entry> {
    let link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::metadata(path) {
        Ok(meta) => crate::files::read::not_a_file(&meta).map(|what| {
            if link {
                Entry::LinkTo(what)
            } else {
                Entry::Special(what)
            }
        }),
        Err(error) if link && error.kind() == std::io::ErrorKind::NotFound => {
            Some(Entry::LinkToNothing)
        }
        Err(error) if link => Some(Entry::LinkBroken(OsError::from(&error))),
        Err(error) => Some(Entry::Unreadable(OsError::from(&error))),
    }
}

/// What an entry not named `*.ron` is.
fn other_entry(path: &Path) -> Entry {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name == crate::run::lock::STATION_LOCK {
        Entry::StationLock
    } else if crate::run::lock::is_lock_name(&name) {
        Entry::RunLock
    } else if let Some(stem) = name.strip_suffix(crate::live::class::RECEIPT_SUFFIX) {
        let run = path.with_file_name(format!("{stem}{}", crate::live::class::LIVE_RUN_SUFFIX));
        match read_receipt(&run) {
            Err(crate::live::class::ReceiptError::Read { error, .. }) => {
                Entry::ReceiptUnused(ReceiptProblem::Unreadable(OsError::from(&error)))
            }
            Err(crate::live::class::ReceiptError::Parse { error, .. }) => {
                Entry::ReceiptUnused(ReceiptProblem::from(&error))
            }
            Ok(_) => Entry::Receipt,
        }
    } else if name.starts_with('.') && name.ends_with(".tmp") {
        Entry::Temporary
    } else if path.is_dir() {
        Entry::SubFolder
    } else {
        Entry::OtherFile
    }
}

/// A verified run file: its name, its header and log, the run replayed from it, and whether it is
/// a live class's record (a station's copy with its receipt).
struct Opened {
    name: String,
    file: RunFile,
    run: Run,
    live: bool,
}

/// Keeps one file of each run (files with the same header seal hold the same run). A run received
/// live is kept as the station received it, and a copy that differs from it is reported; without
/// one, the copy that goes furthest (most answers) is kept; of equal ones the file still under the
/// name OnTrack gave it, else the first by name. The others are rejected, naming the file kept, so
/// a run handed in twice or an unfinished copy beside the finished run counts once.
fn one_per_run(runs: Vec<Opened>, rejected: &mut Vec<Rejected>) -> Vec<Opened> {
    let mut by_run: BTreeMap<String, Vec<Opened>> = BTreeMap::new();
    for opened in runs {
        by_run
            .entry(opened.file.header_seal())
            .or_default()
            .push(opened);
    }
    let mut kept = Vec::new();
    for mut copies in by_run.into_values() {
        // Best first: received live, most answers, then the original name, then the first name.
        copies.sort_by(|a, b| {
            (b.live, b.file.log.len(), is_original_name(&b.name, &b.file))
                .cmp(&(a.live, a.file.log.len(), is_original_name(&a.name, &a.file)))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut copies = copies.into_iter();
        let Some(best) = copies.next() else {
            continue;
        };
        for copy in copies {
            let reason = not_used(&copy, &best);
            rejected.push(Rejected {
                file: copy.name,
                reason,
            });
        }
        kept.push(best);
    }
    kept
}

/// Why `copy` is not used beside `kept`, which holds the same run.
fn not_used(copy: &Opened, kept: &Opened) -> NotUsed {
    let (file, kept_name) = (copy.name.clone(), kept.name.clone());
    let (answers, kept_answers) = (copy.file.log.len(), kept.file.log.len());
    let agree = copy
        .file
        .log
        .iter()
        .zip(&kept.file.log)
        .take_while(|(a, b)| a == b)
        .count();
    if kept.live && (agree < answers.min(kept_answers) || answers > kept_answers) {
        return NotUsed::DiffersFromLive {
            file,
            kept: kept_name,
            answer: agree + 1,
            answers,
            kept_answers,
        };
    }
    if answers == kept_answers {
        NotUsed::Copy {
            file,
            kept: kept_name,
        }
    } else {
        NotUsed::EarlierStage {
            file,
            kept: kept_name,
            answers,
            kept_answers,
        }
    }
}
/// Whether the file at `path` still has the name OnTrack gave it when the run started.
fn is_original_name(path: &str, file: &RunFile) -> bool {
    Path::new(path).file_name().is_some_and(|name| {
        name == std::ffi::OsStr::new(&run_file_name(
            &file.trainee,
            &file.scenario.id,
            file.started,
            file.seed,
        ))
    })
}
