//! The tidy CSV of a cohort: one row per run, one column per metric (documented in the README).
//! A metric that is not defined on a run is an empty cell.

use std::path::{Path, PathBuf};

use super::Cohort;
use super::ranking::RankedScore;
use crate::debrief::RunScores;
use crate::files::text::csv_cell;
use crate::files::write::TargetProblem;
use crate::forecast::Benchmark;
use crate::score::{Interval, Metric};

/// The columns, in order.
pub const COLUMNS: [&str; 55] = [
    "file",
    "trainee",
    "scenario",
    "seed",
    "course_code",
    "started",
    "finished",
    "cases",
    "deteriorated",
    "foreseen",
    "predicted",
    "forecasts",
    "brier",
    "brier_low",
    "brier_high",
    "brier_skill",
    "reliability",
    "resolution",
    "uncertainty",
    "log_score",
    "calibration_in_the_large",
    "auc",
    "auc_low",
    "auc_high",
    "ideal_brier",
    "actuarial_brier",
    "base_rate_brier",
    "ideal_auc",
    "actuarial_auc",
    "hits",
    "misses",
    "false_alarms",
    "correct_rejections",
    "hit_rate",
    "false_alarm_rate",
    "d_prime",
    "criterion",
    "latency_sessions",
    "kind_correct",
    "events_classified",
    "kappa",
    // Last, so the columns before it keep their places: tells apart versions of an edited scenario
    // that kept its id.
    "scenario_hash",
    // After it, for the same reason: 1 when the run is the trainer station's record of a live
    // class (its answers received as they were given), 0 for a run file handed in.
    "received_live",
    // The judgement cost (mean squared distance from the best possible forecasts) and its parts,
    // after the columns above so they keep their places.
    "judgement_cost",
    "judgement_cost_low",
    "judgement_cost_high",
    "judgement_points",
    "judgement_bias",
    "judgement_systematic",
    "judgement_scatter",
    "unavoidable",
    // The run's rank in its class (1 is best; runs within the chance band share a rank), empty
    // where the class's ranking by that score is not reliable (see `cohort::ranking`).
    "rank_brier",
    "rank_judgement_cost",
    // Cases whose client stopped coming before the last checkpoint, and the forecasts that were
    // therefore never asked (absent from every score above, not counted as 0).
    "stopped_early",
    "absent_forecasts",
];

fn cell(m: &Metric) -> String {
    m.as_ref()
        .value()
        .map_or(String::new(), |v| format!("{v:.6}"))
}

fn ends(m: &Metric<Interval>) -> (String, String) {
    m.as_ref()
        .value()
        .map_or((String::new(), String::new()), |i| {
            (format!("{:.6}", i.low), format!("{:.6}", i.high))
        })
}

fn row(r: &RunScores, ranks: [Option<usize>; 2]) -> Vec<String> {
    let s = &r.scores;
    let f = &s.forecasts;
    let (brier_low, brier_high) = ends(&f.brier_ci);
    let (auc_low, auc_high) = ends(&f.auc_ci);
    let bench = |b: Benchmark, pick: fn(&crate::score::ProbabilityScores) -> &Metric| {
        s.benchmarks
            .get(&b)
            .map_or(String::new(), |b| cell(pick(b)))
    };
    let d = &s.drift;
    let j = &s.judgement;
    let (cost_low, cost_high) = ends(&j.cost_ci);
    let rank = |r: Option<usize>| r.map_or(String::new(), |r| r.to_string());
    // Text from the files (names, pseudonym, id, course code) is neutralised for spreadsheets.
    vec![
        csv_cell(&r.file).into_owned(),
        csv_cell(&r.trainee).into_owned(),
        csv_cell(&r.scenario_id).into_owned(),
        r.seed.to_string(),
        csv_cell(&r.course_code).into_owned(),
        r.started.to_string(),
        u8::from(r.finished).to_string(),
        s.cases.to_string(),
        s.deteriorated.to_string(),
        s.foreseen.to_string(),
        s.predicted.to_string(),
        f.n.to_string(),
        cell(&f.brier),
        brier_low,
        brier_high,
        cell(&f.brier_skill),
        cell(&f.reliability),
        cell(&f.resolution),
        cell(&f.uncertainty),
        cell(&f.log_score),
        cell(&f.calibration_in_the_large),
        cell(&f.auc),
        auc_low,
        auc_high,
        bench(Benchmark::Ideal, |b| &b.brier),
        bench(Benchmark::Actuarial, |b| &b.brier),
        bench(Benchmark::BaseRate, |b| &b.brier),
        bench(Benchmark::Ideal, |b| &b.auc),
        bench(Benchmark::Actuarial, |b| &b.auc),
        d.hits.to_string(),
        d.misses.to_string(),
        d.false_alarms.to_string(),
        d.correct_rejections.to_string(),
        cell(&d.hit_rate),
        cell(&d.false_alarm_rate),
        cell(&d.d_prime),
        cell(&d.criterion),
        cell(&d.latency_sessions),
        cell(&d.kind_correct),
        s.events.n.to_string(),
        cell(&s.events.kappa),
        r.scenario_hash.clone(),
        u8::from(r.received_live).to_string(),
        cell(&j.cost),
        cost_low,
        cost_high,
        cell(&j.points),
        cell(&j.bias),
        cell(&j.systematic),
        cell(&j.scatter),
        cell(&j.unavoidable),
        rank(ranks[0]),
        rank(ranks[1]),
        s.stopped_early.to_string(),
        s.absent_forecasts.to_string(),
    ]
}

/// The cohort as CSV text.
pub fn to_csv(cohort: &Cohort) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for (i, r) in cohort.runs.iter().enumerate() {
        let class = cohort.class_of(i);
        let ranks = RankedScore::ALL.map(|score| class.and_then(|c| c.rank_of(i, score)));
        w.write_record(row(r, ranks))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// The columns of the forecasts CSV, in order: one row per run, case and checkpoint.
pub const FORECAST_COLUMNS: [&str; 12] = [
    "file",
    "trainee",
    "scenario",
    "seed",
    "case",
    "checkpoint",
    "deteriorated",
    "stopped_after",
    "forecast",
    "ideal",
    "actuarial",
    "base_rate",
];

/// Every forecast of the cohort in long form, as CSV text: a row per run, revealed case and
/// checkpoint of the course. At a checkpoint the case never reached (the client had stopped coming
/// after session `stopped_after`) no forecast was asked: the four forecast cells are empty, absent
/// rather than 0, and no score counts them.
pub fn forecasts_csv(cohort: &Cohort) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(FORECAST_COLUMNS)?;
    let probability = |p: Option<f64>| p.map_or(String::new(), |p| format!("{p:.2}"));
    for r in &cohort.runs {
        for c in &r.scores.case_forecasts {
            for (checkpoint, f) in c.rows() {
                w.write_record([
                    csv_cell(&r.file).into_owned(),
                    csv_cell(&r.trainee).into_owned(),
                    csv_cell(&r.scenario_id).into_owned(),
                    r.seed.to_string(),
                    (c.case + 1).to_string(),
                    checkpoint.to_string(),
                    u8::from(c.deteriorated).to_string(),
                    c.stopped_after.map_or(String::new(), |l| l.to_string()),
                    probability(f.map(|f| f.trainee)),
                    probability(f.map(|f| f.ideal)),
                    probability(f.map(|f| f.actuarial)),
                    probability(f.map(|f| f.base_rate)),
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Writes the cohort's forecasts CSV to `path` (atomically).
pub fn write_forecasts_csv(cohort: &Cohort, path: &Path) -> Result<(), std::io::Error> {
    let bytes = forecasts_csv(cohort).map_err(std::io::Error::other)?;
    crate::run::store::write_atomic(path, &bytes)
}

/// Why the CSV is not written where asked: a trainer who types the wrong name must not lose a run
/// file, or last week's export.
#[derive(Debug, thiserror::Error)]
pub enum CsvTargetError {
    #[error(
        "{path}: the CSV would be written inside the folder of run files {dir} — write it outside that folder, e.g. beside it"
    )]
    InsideFolder { path: PathBuf, dir: PathBuf },
    #[error("{path} exists — name another file, or add --force to replace it")]
    Exists { path: PathBuf },
    #[error("{dir}: no file name can be made beside this folder — name the CSV file")]
    NoNameBeside { dir: PathBuf },
    #[error("{path} is a folder — name the CSV file, e.g. {path}/cohort.csv")]
    IsFolder { path: PathBuf },
}

/// Checks that the CSV of the runs in `dir` may be written to `path`: never inside `dir` (or a
/// folder in it), and not over an existing file unless `replace`.
pub fn check_target(dir: &Path, path: &Path, replace: bool) -> Result<(), CsvTargetError> {
    let path_buf = path.to_path_buf();
    match crate::files::write::check_target(dir, path, replace) {
        Ok(()) => Ok(()),
        Err(TargetProblem::InsideFolder { dir }) => Err(CsvTargetError::InsideFolder {
            path: path_buf,
            dir,
        }),
        Err(TargetProblem::Exists) => Err(CsvTargetError::Exists { path: path_buf }),
        Err(TargetProblem::IsFolder) => Err(CsvTargetError::IsFolder { path: path_buf }),
    }
}

/// The file beside the folder `dir` where the trainer station exports its CSV: `<folder>-cohort.csv`.
pub fn beside(dir: &Path) -> Result<PathBuf, CsvTargetError> {
    let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match (real.parent(), real.file_name()) {
        (Some(parent), Some(name)) => {
            Ok(parent.join(format!("{}-cohort.csv", name.to_string_lossy())))
        }
        _ => Err(CsvTargetError::NoNameBeside {
            dir: dir.to_path_buf(),
        }),
    }
}

/// Writes the cohort's CSV to `path` (atomically).
pub fn write_csv(cohort: &Cohort, path: &Path) -> Result<(), std::io::Error> {
    let bytes = to_csv(cohort).map_err(std::io::Error::other)?;
    crate::run::store::write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_goes_beside_the_folder_never_into_it() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let runs = tmp.path().join("runs");
        std::fs::create_dir_all(runs.join("sub")).expect("folders");
        let real = tmp.path().canonicalize().expect("real path");
        assert_eq!(beside(&runs).ok(), Some(real.join("runs-cohort.csv")));
        for inside in [
            runs.join("x.csv"),
            runs.join("sub/x.csv"),
            runs.join("../runs/x.csv"),
        ] {
            assert!(
                matches!(
                    check_target(&runs, &inside, true),
                    Err(CsvTargetError::InsideFolder { .. })
                ),
                "{}",
                inside.display()
            );
        }
        let outside = tmp.path().join("out.csv");
        assert!(check_target(&runs, &outside, false).is_ok());
        std::fs::write(&outside, "old").expect("write");
        assert!(matches!(
            check_target(&runs, &outside, false),
            Err(CsvTargetError::Exists { .. })
        ));
        assert!(check_target(&runs, &outside, true).is_ok());
        assert!(beside(Path::new("/")).is_err());
    }
}
