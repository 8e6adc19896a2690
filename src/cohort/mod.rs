//! Cohorts: a folder of run files, each regenerated from its embedded scenario and seed, verified
//! against its stored records and seals, and scored from its answers — never from a stored score —
//! with the benchmark forecasters on the same cases beside it.

pub mod csv_export;
pub mod handout;
pub mod report;
pub mod table;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use crate::forecast::{Benchmarks, Forecaster};
use crate::model::Outcome;
use crate::run::{Phase, Run, RunFile, load_run, replay};
use crate::score::{
    ClassificationScores, DetectionScores, DriftCase, Flag, ProbabilityScores, Reference,
    classification_scores, detection_scores, probability_scores,
    probability_scores_without_intervals,
};

/// A scored run with the file it came from.
#[derive(Debug, Clone, Serialize)]
pub struct RunScores {
    pub file: String,
    pub trainee: String,
    pub scenario_id: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub course_code: String,
    pub started: Timestamp,
    pub finished: bool,
    #[serde(flatten)]
    pub scores: Scores,
}

/// A file that could not be used, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub file: String,
    pub reason: String,
}

/// Every run of a folder that loads and verifies, scored, and the files that did not.
#[derive(Debug, Clone, Serialize, Default)]
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

/// Scores a verified run: every revealed case with every forecast given on it.
pub fn score_run(run: &Run, bench: &Benchmarks) -> Scores {
    let revealed: Vec<usize> = (0..run.len())
        .filter(|&i| run.revealed(i).is_some())
        .collect();
    let last_checkpoint = run.last_read();
    let mut trainee = Vec::new();
    let mut outcomes = Vec::new();
    let mut bench_forecasts: BTreeMap<Forecaster, Vec<f64>> = BTreeMap::new();
    let mut drift_cases = Vec::new();
    let mut pairs = Vec::new();
    let mut case_forecasts = Vec::new();
    let (mut deteriorated, mut foreseen, mut predicted) = (0, 0, 0);
    let s = run.scenario();
    for &i in &revealed {
        let (Some(case), Some(answers)) = (run.revealed(i), run.answers(i)) else {
            continue;
        };
        let det = case.outcome == Outcome::Deteriorated;
        deteriorated += usize::from(det);
        let last = answers
            .forecasts
            .iter()
            .find(|(cp, _)| *cp == last_checkpoint)
            .is_some_and(|(_, p)| *p >= 50);
        predicted += usize::from(last);
        foreseen += usize::from(last && det);
        let mut checkpoints = Vec::new();
        for &(checkpoint, percent) in &answers.forecasts {
            trainee.push(f64::from(percent) / 100.0);
            outcomes.push(det);
            let v = case.visible(checkpoint);
            let mut row = CheckpointForecast {
                checkpoint,
                trainee: f64::from(percent) / 100.0,
                ideal: f64::NAN,
                actuarial: f64::NAN,
                base_rate: f64::NAN,
            };
            for f in Forecaster::ALL {
                // In whole percent, as a trainee answers, so the decomposition compares like with like.
                let p = (bench.forecast(f, &v) * 100.0).round().clamp(1.0, 99.0) / 100.0;
                bench_forecasts.entry(f).or_default().push(p);
                match f {
                    Forecaster::Ideal => row.ideal = p,
                    Forecaster::Actuarial => row.actuarial = p,
                    Forecaster::BaseRate => row.base_rate = p,
                }
            }
            checkpoints.push(row);
        }
        case_forecasts.push(CaseForecasts {
            case: i,
            deteriorated: det,
            forecasts: checkpoints,
        });
        drift_cases.push(DriftCase {
            drift: case.hidden.drift,
            last_seen: last_checkpoint,
            flags: answers
                .flags
                .iter()
                .map(|(session, kind)| Flag {
                    session: *session,
                    kind: kind
                        .as_ref()
                        .and_then(|k| s.file.drift.kinds.iter().position(|d| &d.key == k)),
                })
                .collect(),
        });
        for &(event, answer) in &answers.classifications {
            if let Some(truth) = case
                .events
                .get(event)
                .and_then(|e| s.file.events.get(e.kind))
            {
                pairs.push((truth.linden, answer));
            }
        }
    }
    let base = bench_forecasts
        .get(&Forecaster::BaseRate)
        .cloned()
        .unwrap_or_default();
    let seed = 0x5c0e_u64;
    let benchmarks = bench_forecasts
        .iter()
        .map(|(f, p)| {
            (
                f.slug(),
                probability_scores_without_intervals(p, &outcomes, Reference::Forecasts(&base)),
            )
        })
        .collect();
    Scores {
        cases: revealed.len(),
        deteriorated,
        foreseen,
        predicted,
        forecasts: probability_scores(&trainee, &outcomes, Reference::Forecasts(&base), seed),
        benchmarks,
        drift: detection_scores(&drift_cases),
        events: classification_scores(pairs),
        case_forecasts,
    }
}

/// The forecasts given on one case of a run, beside the benchmarks', and what happened: for the
/// trainer's drill-down and for finding the cases that fooled a class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseForecasts {
    /// Index of the case in the run (0 is the first).
    pub case: usize,
    pub deteriorated: bool,
    pub forecasts: Vec<CheckpointForecast>,
}

/// One checkpoint's forecasts as probabilities (benchmarks in whole percent, as a trainee answers).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CheckpointForecast {
    pub checkpoint: u32,
    pub trainee: f64,
    pub ideal: f64,
    pub actuarial: f64,
    pub base_rate: f64,
}

/// The scores of one run, and of the benchmark forecasters on the same cases and checkpoints.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    /// Cases whose outcome has been revealed (the ones scored).
    pub cases: usize,
    /// Of those, how many deteriorated.
    pub deteriorated: usize,
    /// Deteriorated cases the trainee gave 50 % or more at the last checkpoint (foresaw).
    pub foreseen: usize,
    /// Cases the trainee gave 50 % or more at the last checkpoint.
    pub predicted: usize,
    /// The trainee's forecasts at every checkpoint, pooled.
    pub forecasts: ProbabilityScores,
    /// The benchmark forecasters on the same case–checkpoint pairs.
    pub benchmarks: BTreeMap<&'static str, ProbabilityScores>,
    pub drift: DetectionScores,
    pub events: ClassificationScores,
    /// Every revealed case with its forecasts.
    pub case_forecasts: Vec<CaseForecasts>,
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
        let checked = crate::parallel::map(batch, |path| {
            let name = path.display().to_string();
            let checked =
                load_run(path)
                    .map_err(|e| e.to_string())
                    .and_then(|file| match replay(&file) {
                        Ok(run) => Ok((file, run)),
                        Err(e) => Err(e.to_string()),
                    });
            (name, checked)
        });
        for (name, checked) in checked {
            match checked {
                Err(reason) => cohort.rejected.push(Rejected { file: name, reason }),
                Ok((file, run)) => groups
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

fn run_scores(name: &str, file: &RunFile, run: &Run, bench: &Benchmarks) -> RunScores {
    RunScores {
        file: name.to_string(),
        trainee: file.trainee.clone(),
        scenario_id: file.scenario.id.clone(),
        scenario_hash: file.scenario_hash.clone(),
        seed: file.seed,
        course_code: file.course_code.clone(),
        started: file.started,
        finished: run.phase() == Phase::Finished,
        scores: score_run(run, bench),
    }
}

/// Loads, verifies and scores one run file; the error says why it cannot be scored.
pub fn score_file(path: &Path) -> Result<RunScores, String> {
    let name = path.display().to_string();
    let file = load_run(path).map_err(|e| e.to_string())?;
    let run = replay(&file).map_err(|e| format!("{name}: {e}"))?;
    let scenario = run.scenario_arc();
    let bench = Benchmarks::new(&scenario);
    Ok(run_scores(&name, &file, &run, &bench))
}
