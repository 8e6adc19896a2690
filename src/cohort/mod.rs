//! Cohorts: a folder of run files, each regenerated from its embedded scenario and seed, verified
//! against its stored records and seals, and scored from its answers — never from a stored score —
//! with the benchmark forecasters on the same cases beside it.

pub mod csv_export;
pub mod handout;
pub mod table;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::debrief::{RunScores, run_scores};
use crate::forecast::Benchmarks;
use crate::run::{self, OpenError, OpenedRun, Run, RunFile};

/// A file that could not be used, and why (the reason names the file).
#[derive(Debug, Serialize)]
pub struct Rejected {
    pub file: String,
    #[serde(serialize_with = "as_text")]
    pub reason: OpenError,
}

/// Serialises an error as its message.
fn as_text<S: serde::Serializer>(e: &OpenError, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(e)
}

/// Every run of a folder that loads and verifies, scored, and the files that did not.
#[derive(Debug, Serialize, Default)]
pub struct Cohort {
    pub runs: Vec<RunScores>,
    pub rejected: Vec<Rejected>,
}

/// Why a folder cannot be read at all (single bad files are [`Rejected`] instead).
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot read the folder ({source}) — check the path")]
pub struct CohortError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Files read and verified between two progress reports.
const PROGRESS_BATCH: usize = 64;

/// Loads, verifies and scores every `.ron` file in `dir`; `progress` is told (done, total).
pub fn load_dir(dir: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<Cohort, CohortError> {
    let entries = std::fs::read_dir(dir).map_err(|source| CohortError {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    let total = paths.len();
    let mut cohort = Cohort::default();
    // Verified runs grouped by scenario, so the benchmarks (the actuarial rule's norming simulation)
    // are prepared once per scenario.
    let mut groups: BTreeMap<String, Vec<(String, RunFile, Run)>> = BTreeMap::new();
    // Reading and verifying (parse, seals, regenerated cases, replayed answers) is most of the
    // work: it runs on every core, a batch of files at a time so the progress moves.
    let mut done = 0;
    for batch in paths.chunks(PROGRESS_BATCH) {
        let checked =
            crate::parallel::map(batch, |path| (path.display().to_string(), run::open(path)));
        for (name, checked) in checked {
            match checked {
                Err(reason) => cohort.rejected.push(Rejected { file: name, reason }),
                Ok(OpenedRun { file, run }) => groups
                    .entry(file.scenario_hash.clone())
                    .or_default()
                    .push((name, file, run)),
            }
        }
        done += batch.len();
        progress(done, total);
    }
    for runs in groups.values() {
        let Some((_, _, first)) = runs.first() else {
            continue;
        };
        let scenario = first.scenario_arc();
        let bench = Benchmarks::new(&scenario);
        bench.actuarial(); // norm once, before the workers share it
        // Runs score independently: split them over the cores.
        let scored = crate::parallel::map(runs, |(name, file, run)| {
            run_scores(name, file, run, &bench)
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
    Ok(cohort)
}
