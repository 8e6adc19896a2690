//! What a trainer looks at in a cohort, computed from the scored runs (the app only draws it):
//! the runs sorted by any measure, pooled reliability diagrams, progress over time, and the cases
//! that fooled the class.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::debrief::RunScores;
use crate::forecast::Forecaster;
use crate::score::{
    Interval, Metric, ProbabilityScores, Reference, ReliabilityBin, content_seed,
    probability_scores, reliability_diagram,
};

/// The columns a trainer can sort the table by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Trainee,
    Scenario,
    Started,
    Cases,
    Brier,
    /// The judgement cost: how far the forecasts lay from the best possible ones.
    JudgementCost,
    Skill,
    Reliability,
    Resolution,
    Auc,
    CalibrationInTheLarge,
    DPrime,
    Kappa,
}

impl SortKey {
    pub const ALL: [SortKey; 13] = [
        SortKey::Trainee,
        SortKey::Scenario,
        SortKey::Started,
        SortKey::Cases,
        SortKey::Brier,
        SortKey::JudgementCost,
        SortKey::Skill,
        SortKey::Reliability,
        SortKey::Resolution,
        SortKey::Auc,
        SortKey::CalibrationInTheLarge,
        SortKey::DPrime,
        SortKey::Kappa,
    ];

    /// The measure's value in a run (`None` when it is not defined there, or not a number).
    pub fn value(self, r: &RunScores) -> Option<f64> {
        let f = &r.scores.forecasts;
        let v = |m: &Metric| m.as_ref().value().copied();
        match self {
            SortKey::Trainee | SortKey::Scenario | SortKey::Started => None,
            SortKey::Cases => Some(r.scores.cases as f64),
            SortKey::Brier => v(&f.brier),
            SortKey::JudgementCost => v(&r.scores.judgement.cost),
            SortKey::Skill => v(&f.brier_skill),
            SortKey::Reliability => v(&f.reliability),
            SortKey::Resolution => v(&f.resolution),
            SortKey::Auc => v(&f.auc),
            SortKey::CalibrationInTheLarge => v(&f.calibration_in_the_large),
            SortKey::DPrime => v(&r.scores.drift.d_prime),
            SortKey::Kappa => v(&r.scores.events.kappa),
        }
    }
}

/// Sorts runs by a column. Runs where the measure is not defined go last either way, so sorting
/// never mixes "no value" in with the best or the worst.
pub fn sort_runs(runs: &mut [&RunScores], key: SortKey, descending: bool) {
    runs.sort_by(|a, b| compare(a, b, key, descending));
}

/// The order of two runs by a column (see [`sort_runs`]).
pub fn compare(a: &RunScores, b: &RunScores, key: SortKey, descending: bool) -> Ordering {
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    match key {
        SortKey::Trainee => flip(a.trainee.cmp(&b.trainee)).then(a.started.cmp(&b.started)),
        SortKey::Scenario => flip((&a.scenario_id, a.seed).cmp(&(&b.scenario_id, b.seed)))
            .then(a.trainee.cmp(&b.trainee)),
        SortKey::Started => flip(a.started.cmp(&b.started)),
        _ => match (key.value(a), key.value(b)) {
            (Some(x), Some(y)) => flip(x.total_cmp(&y)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then(a.trainee.cmp(&b.trainee)),
    }
}

/// Every forecast of `who` in some runs, with the outcomes and the base-rate forecasts, in one list.
fn pooled(runs: &[&RunScores], who: Forecaster) -> (Vec<f64>, Vec<bool>, Vec<f64>) {
    let mut forecasts = Vec::new();
    let mut outcomes = Vec::new();
    let mut base = Vec::new();
    for r in runs {
        for case in &r.scores.case_forecasts {
            for f in &case.forecasts {
                forecasts.push(f.of(who));
                outcomes.push(case.deteriorated);
                base.push(f.base_rate);
            }
        }
    }
    (forecasts, outcomes, base)
}

/// The reliability diagram of all forecasts of some runs pooled (a class, or one trainee's runs).
pub fn pooled_diagram(runs: &[&RunScores], who: Forecaster) -> Metric<Vec<ReliabilityBin>> {
    let (forecasts, outcomes, _) = pooled(runs, who);
    reliability_diagram(&forecasts, &outcomes)
}

/// All scores of the pooled forecasts of some runs, with the base-rate forecasts as reference.
pub fn pooled_scores(runs: &[&RunScores], who: Forecaster) -> ProbabilityScores {
    let (forecasts, outcomes, base) = pooled(runs, who);
    // Seeded by the forecasts themselves: the same forecasts get the same interval as in a run's
    // own scores (a base-rate bot and the base-rate row agree).
    let seed = content_seed(&forecasts, &outcomes);
    probability_scores(&forecasts, &outcomes, Reference::Forecasts(&base), seed)
}

/// A point of a progress plot: the runs of one day (a course meeting) pooled.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressPoint {
    pub day: Date,
    pub runs: usize,
    pub brier: Metric,
    pub brier_ci: Metric<Interval>,
    /// Miscalibration (the reliability term of the Brier score; lower is better).
    pub reliability: Metric,
    /// The judgement cost of the day's forecasts, pooled (lower is better; no luck in it).
    pub judgement: Metric,
}

/// Brier score and miscalibration per day, for one trainee's runs or a whole class, oldest first.
/// Days are calendar days in `tz` (the trainer's time zone).
pub fn progress(runs: &[&RunScores], tz: &TimeZone) -> Vec<ProgressPoint> {
    let mut days: BTreeMap<Date, Vec<&RunScores>> = BTreeMap::new();
    for r in runs {
        days.entry(r.started.to_zoned(tz.clone()).date())
            .or_default()
            .push(r);
    }
    days.into_iter()
        .map(|(day, runs)| {
            let s = pooled_scores(&runs, Forecaster::Trainee);
            let cases: Vec<_> = runs
                .iter()
                .flat_map(|r| r.scores.case_forecasts.iter().cloned())
                .collect();
            ProgressPoint {
                day,
                runs: runs.len(),
                brier: s.brier,
                brier_ci: s.brier_ci,
                reliability: s.reliability,
                judgement: crate::debrief::judgement_of(&cases, Forecaster::Trainee).cost,
            }
        })
        .collect()
}

/// How a class forecast one case (the same scenario, seed and case for everyone), at the last
/// checkpoint: the class's mean forecast beside the ideal forecast and the outcome.
#[derive(Debug, Clone, Serialize)]
pub struct CaseDifficulty {
    pub scenario_id: String,
    pub seed: u64,
    pub course_code: String,
    /// Index of the case (0 is the first; shown, and numbered in JSON, as case + 1).
    #[serde(serialize_with = "crate::debrief::one_based")]
    pub case: usize,
    pub checkpoint: u32,
    pub deteriorated: bool,
    /// The session after which the client stopped coming, when that was before the last
    /// checkpoint (`checkpoint` is then the last one the case reached).
    pub stopped_after: Option<u32>,
    /// Trainees who forecast it at this checkpoint.
    pub trainees: usize,
    pub class_mean: f64,
    pub ideal: f64,
    /// How much further the class was from the outcome than the ideal forecast (in probability):
    /// large when the case fooled the class although the evidence was there.
    pub fooled_by: f64,
}

/// The cases of a cohort, those that fooled the class most first.
pub fn case_difficulty(runs: &[&RunScores]) -> Vec<CaseDifficulty> {
    type Key = (String, String, u64, usize);
    let mut cases: BTreeMap<Key, CaseDifficulty> = BTreeMap::new();
    let mut sums: BTreeMap<Key, f64> = BTreeMap::new();
    for r in runs {
        for c in &r.scores.case_forecasts {
            let Some(last) = c.forecasts.iter().max_by_key(|f| f.checkpoint) else {
                continue;
            };
            let key = (
                r.scenario_hash.clone(),
                r.scenario_id.clone(),
                r.seed,
                c.case,
            );
            let entry = cases.entry(key.clone()).or_insert_with(|| CaseDifficulty {
                scenario_id: r.scenario_id.clone(),
                seed: r.seed,
                course_code: r.course_code.clone(),
                case: c.case,
                checkpoint: last.checkpoint,
                deteriorated: c.deteriorated,
                stopped_after: c.stopped_after,
                trainees: 0,
                class_mean: f64::NAN,
                ideal: last.ideal,
                fooled_by: f64::NAN,
            });
            // Runs stopped earlier saw less: only forecasts at the latest checkpoint any run
            // reached count (a later one replaces what was counted so far).
            let sum = sums.entry(key).or_default();
            if last.checkpoint > entry.checkpoint {
                entry.checkpoint = last.checkpoint;
                entry.ideal = last.ideal;
                entry.trainees = 0;
                *sum = 0.0;
            }
            if last.checkpoint == entry.checkpoint {
                entry.trainees += 1;
                *sum += last.trainee;
            }
        }
    }
    let mut out: Vec<CaseDifficulty> = cases
        .into_iter()
        .map(|(key, mut c)| {
            let sum = sums.get(&key).copied().unwrap_or(0.0);
            c.class_mean = sum / c.trainees.max(1) as f64;
            let truth = f64::from(u8::from(c.deteriorated));
            c.fooled_by = (c.class_mean - truth).abs() - (c.ideal - truth).abs();
            c
        })
        .collect();
    out.sort_by(|a, b| b.fooled_by.total_cmp(&a.fooled_by));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debrief::{CaseForecasts, CheckpointForecast, Scores, judgement_of};
    use crate::score::{classification_scores, detection_scores};
    use jiff::Timestamp;

    /// A run whose trainee forecast `given` (case, checkpoint, trainee, ideal, deteriorated).
    fn run(trainee: &str, started: &str, given: &[(usize, u32, f64, f64, bool)]) -> RunScores {
        let mut cases: Vec<CaseForecasts> = Vec::new();
        for &(case, checkpoint, p, ideal, det) in given {
            let row = CheckpointForecast {
                checkpoint,
                trainee: p,
                ideal,
                actuarial: ideal,
                base_rate: 0.1,
            };
            match cases.iter_mut().find(|c| c.case == case) {
                Some(c) => c.forecasts.push(row),
                None => cases.push(CaseForecasts {
                    case,
                    deteriorated: det,
                    stopped_after: None,
                    forecasts: vec![row],
                    absent: Vec::new(),
                }),
            }
        }
        let rows = cases
            .iter()
            .flat_map(|c| c.forecasts.iter().map(move |f| (f, c.deteriorated)));
        let f: Vec<f64> = rows.clone().map(|(f, _)| f.trainee).collect();
        let o: Vec<bool> = rows.clone().map(|(_, d)| d).collect();
        let b: Vec<f64> = rows.map(|(f, _)| f.base_rate).collect();
        RunScores {
            file: format!("{trainee}.ron"),
            trainee: trainee.to_string(),
            scenario_id: "s".to_string(),
            scenario_hash: "h".to_string(),
            seed: 7,
            course_code: "TEST-0007".to_string(),
            started: started.parse().unwrap_or(Timestamp::UNIX_EPOCH),
            finished: true,
            received_live: false,
            scores: scores(
                cases,
                probability_scores(&f, &o, Reference::Forecasts(&b), 1),
            ),
        }
    }

    fn scores(case_forecasts: Vec<CaseForecasts>, forecasts: ProbabilityScores) -> Scores {
        Scores {
            cases: case_forecasts.len(),
            deteriorated: case_forecasts.iter().filter(|c| c.deteriorated).count(),
            foreseen: 0,
            predicted: 0,
            stopped_early: 0,
            absent_forecasts: 0,
            forecasts,
            benchmarks: BTreeMap::new(),
            drift: detection_scores(&[]),
            events: classification_scores(Vec::new()),
            judgement: judgement_of(&case_forecasts, Forecaster::Trainee),
            case_forecasts,
        }
    }

    #[test]
    fn sorting_puts_undefined_values_last_both_ways() {
        // Brier: a = 0.01 (forecast 0.1, no deterioration), b = 0.81, c = nothing forecast.
        let a = run("a", "2026-11-02T10:00:00Z", &[(0, 0, 0.1, 0.1, false)]);
        let b = run("b", "2026-11-02T10:00:00Z", &[(0, 0, 0.9, 0.1, false)]);
        let c = run("c", "2026-11-02T10:00:00Z", &[]);
        let mut runs = vec![&c, &b, &a];
        sort_runs(&mut runs, SortKey::Brier, false);
        let names: Vec<&str> = runs.iter().map(|r| r.trainee.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        sort_runs(&mut runs, SortKey::Brier, true);
        let names: Vec<&str> = runs.iter().map(|r| r.trainee.as_str()).collect();
        assert_eq!(names, ["b", "a", "c"]);
        sort_runs(&mut runs, SortKey::Trainee, true);
        let names: Vec<&str> = runs.iter().map(|r| r.trainee.as_str()).collect();
        assert_eq!(names, ["c", "b", "a"]);
    }

    #[test]
    fn pooled_diagram_counts_every_forecast_of_every_run() {
        let a = run(
            "a",
            "2026-11-02T10:00:00Z",
            &[(0, 0, 0.15, 0.1, false), (1, 0, 0.15, 0.1, true)],
        );
        let b = run(
            "b",
            "2026-11-02T10:00:00Z",
            &[(0, 0, 0.12, 0.1, false), (1, 0, 0.85, 0.1, true)],
        );
        let bins = pooled_diagram(&[&a, &b], Forecaster::Trainee)
            .value()
            .unwrap_or_default();
        let filled: Vec<(u64, f64)> = bins
            .iter()
            .filter(|b| b.n > 0)
            .map(|b| {
                (
                    b.n,
                    *b.observed_frequency.as_ref().value().unwrap_or(&f64::NAN),
                )
            })
            .collect();
        // Three forecasts in the 10–20 % bin, one of which deteriorated; one in the 80–90 % bin.
        assert_eq!(filled.len(), 2);
        assert_eq!(filled[0].0, 3);
        assert!((filled[0].1 - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(filled[1], (1, 1.0));
    }

    #[test]
    fn progress_pools_the_runs_of_each_day() {
        let a = run("a", "2026-11-02T10:00:00Z", &[(0, 0, 0.1, 0.1, false)]);
        let b = run("b", "2026-11-02T15:00:00Z", &[(0, 0, 0.5, 0.1, false)]);
        let c = run("a", "2026-11-09T10:00:00Z", &[(0, 0, 0.2, 0.1, false)]);
        let points = progress(&[&c, &a, &b], &TimeZone::UTC);
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].runs, 2);
        // Day one: (0.01 + 0.25) / 2; day two: 0.04.
        let brier: Vec<f64> = points
            .iter()
            .map(|p| *p.brier.as_ref().value().unwrap_or(&f64::NAN))
            .collect();
        assert!((brier[0] - 0.13).abs() < 1e-12);
        assert!((brier[1] - 0.04).abs() < 1e-12);
        // The judgement cost against the ideal 0.1: day one (0 + 0.16) / 2, day two 0.01.
        let cost: Vec<f64> = points
            .iter()
            .map(|p| *p.judgement.as_ref().value().unwrap_or(&f64::NAN))
            .collect();
        assert!((cost[0] - 0.08).abs() < 1e-12 && (cost[1] - 0.01).abs() < 1e-12);
    }

    #[test]
    fn the_case_that_fooled_the_class_comes_first() {
        // Case 0 deteriorated: the ideal said 0.8, the class 0.1 and 0.3 (mean 0.2): fooled by 0.6.
        // Case 1 did not: ideal 0.1, class 0.1 and 0.1: fooled by 0.
        let a = run(
            "a",
            "2026-11-02T10:00:00Z",
            &[(0, 3, 0.1, 0.8, true), (1, 3, 0.1, 0.1, false)],
        );
        let b = run(
            "b",
            "2026-11-02T10:00:00Z",
            &[
                (0, 0, 0.5, 0.2, true),
                (0, 3, 0.3, 0.8, true),
                (1, 3, 0.1, 0.1, false),
            ],
        );
        // A run that stopped after intake comes first: it must not hide the later forecasts.
        let stopped = run("c", "2026-11-02T09:00:00Z", &[(0, 0, 0.9, 0.2, true)]);
        let cases = case_difficulty(&[&stopped, &a, &b]);
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].case, 0);
        assert_eq!(cases[0].trainees, 2);
        assert!(
            (cases[0].class_mean - 0.2).abs() < 1e-12,
            "only the last checkpoint counts"
        );
        assert!((cases[0].fooled_by - 0.6).abs() < 1e-12);
        assert!(cases[1].fooled_by.abs() < 1e-12);
    }
}
