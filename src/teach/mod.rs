//! Teaching, not only scoring: why the best possible forecast said what it said (an exact split of
//! its log-odds over the evidence), which cues a trainee over- and under-weights (Brunswik's lens
//! model), and the cases they were most confidently wrong about (blind spots). Plain Rust, read by
//! the command line and the app alike.

pub mod blind;
pub mod cues;
pub mod drill;
pub mod explain;
pub mod lens;
pub mod text;
pub mod waterfall;

use std::path::Path;

use serde::Serialize;

use crate::debrief::Scores;
use crate::forecast::Benchmarks;
use crate::run::Run;
use blind::{BlindSpot, CaseKind, blind_spots, shared_kind};
use lens::{Lens, LensError, LensPoint};

/// What a run teaches: the trainee's cue weights beside the task's, and the blind spots.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunLessons {
    pub lens: Result<Lens, LensError>,
    pub blind_spots: Vec<BlindSpot>,
    /// The kind of case the blind spots share, if they share one.
    pub pattern: Option<CaseKind>,
}

/// Every forecast of a run's revealed cases with its cues and the best possible forecast on the same
/// evidence, in whole percent (1–99 %) as shown beside the trainee's.
pub fn lens_points(run: &Run, bench: &Benchmarks) -> Vec<LensPoint> {
    let s = run.scenario();
    let mut points = Vec::new();
    for i in 0..run.len() {
        let (Some(case), Some(answers)) = (run.revealed(i), run.answers(i)) else {
            continue;
        };
        for &(checkpoint, percent) in &answers.forecasts {
            let v = case.visible(checkpoint);
            let ideal = bench.ideal.forecast(s, &v);
            points.push(LensPoint {
                checkpoint,
                cues: cues::cues(s, &v),
                trainee: f64::from(percent) / 100.0,
                ideal: (ideal * 100.0).round().clamp(1.0, 99.0) / 100.0,
            });
        }
    }
    points
}

/// What a scored run teaches (`scores` is `score_run` of the same run).
pub fn lessons(run: &Run, bench: &Benchmarks, scores: &Scores) -> RunLessons {
    let s = run.scenario();
    let spots = blind_spots(s, &scores.case_forecasts, |i| run.revealed(i));
    let kinds: Vec<Vec<CaseKind>> = (0..run.len())
        .filter_map(|i| run.revealed(i))
        .map(|c| CaseKind::all_of(s, c))
        .collect();
    RunLessons {
        lens: Lens::fit(&lens_points(run, bench)),
        pattern: shared_kind(&spots, &kinds),
        blind_spots: spots,
    }
}

/// A trainee's forecasts over all their course runs in a folder (their runs on this computer),
/// pooled for one lens model: how many runs were read, and the forecasts. Drills are left out, as
/// from every pooled total (the trainer's class rows, the progress per course day): a drill's mix
/// of cases is its own and its forecasts are judged against the best possible forecast for that
/// mix. Files that do not open or verify are skipped (`ontrack cohort` lists why); a folder that
/// cannot be read gives nothing.
pub fn trainee_points(dir: &Path, trainee: &str) -> (usize, Vec<LensPoint>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, Vec::new());
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let mut runs = 0;
    let mut points = Vec::new();
    for path in paths {
        let Ok(opened) = crate::run::open(&path) else {
            continue;
        };
        if opened.file.trainee != trainee
            || drill::drill_kind_of_id(&opened.run.scenario().file.id).is_some()
        {
            continue;
        }
        let scenario = opened.run.scenario_arc();
        let bench = Benchmarks::new(&scenario);
        let more = lens_points(&opened.run, &bench);
        if !more.is_empty() {
            runs += 1;
            points.extend(more);
        }
    }
    (runs, points)
}
